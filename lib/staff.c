/* Supervision, training and certificates (see sw/staff.h). A worker's
 * certificate on the roster rises to the highest level obtained. */
#include <string.h>

#include "sw/audit.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/staff.h"
#include "sw/store.h"

#define REQ (SW_C_REQUIRED | SW_C_NOTNULL)

enum { CE_WORKER, CE_LEVEL, CE_ON, CE_NUMBER };

/* A level's rank, for SQL: the certificate vocabulary's order. */
#define RANK(x) "CASE " x " WHEN 'senior' THEN 3 WHEN 'intermediate' THEN 2" \
		" WHEN 'assistant' THEN 1 ELSE 0 END"

/* A certificate obtained raises the roster's to its level; never lowers
 * it (a history with gaps says nothing against the roster). */
static int after_certificate(struct sw_import *im, const char **v, int outcome)
{
	if (outcome == SW_UNCHANGED)
		return 0;
	struct sw_store *s = sw_import_store(im);
	struct sw_stmt *st = sw_store_stmt(s, "UPDATE workers SET certificate = ?2"
		" WHERE worker_id = ?1 AND " RANK("certificate") " < " RANK("?2"));
	sw_stmt_bind_text(st, 1, v[CE_WORKER]);
	sw_stmt_bind_text(st, 2, v[CE_LEVEL]);
	int64_t changed = sw_stmt_step(st) == SW_DONE ? sw_store_changes(s) : -1;
	sw_stmt_release(st);
	if (changed < 0)
		return -1;
	return changed ? sw_audit_log(s, "update", "workers", v[CE_WORKER], "certificate") : 0;
}

static int check_certificate(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	(void)im;
	if (strcmp(v[CE_LEVEL], "none") == 0) {
		sw_msg(why, whylen, _("level: 无 is not a certificate obtained"));
		return -1;
	}
	return 0;
}

static const struct sw_column supervision_cols[] = {
	{"session_id", "督导编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	/* one row per worker supervised in the session */
	{"worker_id", "被督导社工|社工工号|工号", SW_T_CODE, NULL, SW_C_KEY, 0, 0,
	 "workers.worker_id", "worker"},
	{"date", "督导日期|日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"station_code", "站点编号|所属站点", SW_T_CODE, NULL, REQ, 0, 0, "stations.code", "station"},
	/* often from outside the station (a university teacher): a name */
	{"supervisor", "督导人|督导老师|督导", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"mode", "督导方式|方式", SW_T_SET, "supervision_mode", 0, 0, 0, NULL, NULL},
	{"minutes", "时长|督导时长", SW_T_MINUTES, NULL, REQ, 1, 1440, NULL, NULL},
	{"topic", "督导主题|主题|内容", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_supervision_table = {
	"supervision", "督导", supervision_cols, 8, NULL, NULL, 0
};

static const struct sw_column training_cols[] = {
	{"worker_id", "工号|社工工号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, "workers.worker_id", "worker"},
	{"date", "培训日期|日期", SW_T_DATE, NULL, SW_C_KEY | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"course", "培训课程|课程|培训名称", SW_T_TEXT, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"provider", "培训机构|主办单位", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"minutes", "时长|培训时长", SW_T_MINUTES, NULL, REQ, 1, 100000, NULL, NULL},
	{"certificate", "结业证书|证书", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_training_table = {
	"training", "培训", training_cols, 6, NULL, NULL, 0
};

static const struct sw_column certificate_cols[] = {
	{"worker_id", "工号|社工工号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, "workers.worker_id", "worker"},
	{"level", "证书等级|职业资格|证书", SW_T_VOCAB, "certificate", SW_C_KEY, 0, 0, NULL, NULL},
	{"obtained_on", "取得日期|取证日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	{"number", "证书编号", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_certificates_table = {
	"certificates", "certificate|证书", certificate_cols, 4, check_certificate,
	after_certificate, 1
};
