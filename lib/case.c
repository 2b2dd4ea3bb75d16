/* Clients, cases, services and activities as import tables. */
#include <stdio.h>
#include <string.h>

#include "sw/audit.h"
#include "sw/approval.h"
#include "sw/case.h"
#include "sw/casework.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/store.h"
#include "sw/valid.h"

/* 1 if categories ("k1;k2", vocab keys) name a child: "child", any
 * "..._child" (left_behind_child), and the orphan categories. */
static int child_category(const char *cats)
{
	static const char *const named[] = {"orphan", "de_facto_orphan", "child_in_difficulty"};
	for (const char *p = cats ? cats : ""; *p;) {
		size_t n = strcspn(p, ";");
		if ((n == 5 && strncmp(p, "child", 5) == 0) ||
		    (n > 6 && strncmp(p + n - 6, "_child", 6) == 0))
			return 1;
		for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
			if (strlen(named[i]) == n && strncmp(p, named[i], n) == 0)
				return 1;
		p += n + (p[n] == ';');
	}
	return 0;
}

/* Why an old 15-digit ID in this row is more likely the first 15 digits
 * of an 18-digit one (the cut digits read as a 19xx birth date), or NULL. */
static const char *short_id_doubt(const char **v, const char *birth)
{
	if (v[CL_BIRTH] && strcmp(v[CL_BIRTH], birth) != 0)
		return _("its birth date disagrees with birth_date");
	if (child_category(v[CL_CATS]))
		return _("a child's ID has 18 digits");
	return NULL;
}

/* 1 if id (18 characters) ends in 000: what Excel leaves of an ID typed
 * into a number cell, since it keeps 15 significant digits. One in eleven
 * of those still passes the check digit, so the check cannot tell it from
 * the one real ID in about 1100 that ends in 000: a person must look. */
static int excel_cut(const char *id)
{
	return strlen(id) == 18 && strcmp(id + 15, "000") == 0;
}

static int confirmed(struct sw_store *s, const char *id)
{
	return s && sw_store_text(s, "SELECT 1 FROM id_confirmed WHERE id_number = ?1", 1, &id, NULL,
				  0) > 0;
}

/* The ID number's rules, and the birth date and gender it gives. */
static int id_rules(struct sw_store *s, const char **v, char *buf, char *why, size_t whylen)
{
	const char *id = v[CL_IDNO], *doubt;
	char out[19], birth[11], w[128];
	int male;
	if (!id)
		return 0;
	if (sw_idcard_parse(id, out, birth, &male, w, sizeof w) != 0) {
		sw_msg(why, whylen, _("id_number: %s"), w);
		return -1;
	}
	if (excel_cut(id) && !confirmed(s, id)) {
		sw_msg(why, whylen, _("id_number: ends in 000, what Excel leaves of an ID typed into a "
		       "number cell (it keeps 15 digits): format the column as text and type the ID "
		       "again; if the card really ends in 000, confirm it once with sw-case confirm-id"));
		return -1;
	}
	/* The column keeps an old ID's 15 digits (sw_idcard_norm) for this. */
	if (strlen(id) == 15) {
		if ((doubt = short_id_doubt(v, birth))) {
			sw_msg(why, whylen, _("id_number: 15 digits cut from an 18-digit ID (%s); "
			       "give all 18 digits"), doubt);
			return -1;
		}
		memcpy(buf + 16, out, 19);
		v[CL_IDNO] = buf + 16;
	}
	if (!v[CL_BIRTH]) {
		memcpy(buf, birth, 11);
		v[CL_BIRTH] = buf;
	} else if (strcmp(v[CL_BIRTH], birth) != 0) {
		sw_msg(why, whylen, _("birth_date: does not agree with id_number"));
		return -1;
	}
	if (!v[CL_GENDER])
		v[CL_GENDER] = male ? "male" : "female";
	else if (strcmp(v[CL_GENDER], male ? "male" : "female") != 0) {
		sw_msg(why, whylen, _("gender: does not agree with id_number"));
		return -1;
	}
	return 0;
}

/* Dates no client can have: a mistyped year (2062 for 2026) would make a
 * child of an old man and a pension of a birth. No date is quoted: a
 * birth date is personal. */
int sw_client_rules(struct sw_store *s, const char **v, char *buf, char *why, size_t whylen)
{
	if (id_rules(s, v, buf, why, whylen) != 0)
		return -1;
	char today[11];
	sw_date_today(today);
	const char *birth = v[CL_BIRTH], *reg = v[CL_REGISTERED];	/* (reg: not after today) */
	if (birth && strcmp(birth, today) > 0)
		sw_msg(why, whylen, _("birth_date: after today: check the year"));
	else if (birth && reg && strcmp(birth, reg) > 0)
		sw_msg(why, whylen, _("birth_date: after registered_on: check both dates"));
	else
		return 0;
	return -1;
}

int sw_case_rules(const char **v, char *why, size_t whylen)
{
	const char *opened = v[CA_OPENED], *closed = v[CA_CLOSED];
	if (opened && closed && strcmp(closed, opened) < 0) {
		sw_msg(why, whylen, _("closed_on: %s is before opened_on %s"), closed, opened);
		return -1;
	}
	if (v[CA_REASON] && !closed) {
		sw_msg(why, whylen, _("close_reason: given without closed_on"));
		return -1;
	}
	return 0;
}

void sw_case_release(void)
{
	sw_audit_release();
}

static int check_client(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	static char buf[40];	/* the values sw_client_rules fills in */
	return sw_client_rules(sw_import_store(im), v, buf, why, whylen);
}

int sw_id_confirm(struct sw_store *s, const char *typed, char *why, size_t whylen)
{
	char id[19];
	if (sw_idcard_parse(typed, id, NULL, NULL, why, whylen) != 0)
		return -1;
	if (!excel_cut(id)) {
		sw_msg(why, whylen, _("does not end in 000: it needs no confirming"));
		return -1;
	}
	if (!s)
		return 0;
	struct sw_stmt *st = sw_store_stmt(s, "INSERT INTO id_confirmed(id_number) VALUES (?1) "
					   "ON CONFLICT (id_number) DO NOTHING");
	sw_stmt_bind_text(st, 1, id);
	int rc = sw_stmt_step(st) == SW_DONE ? 0 : -1;
	sw_stmt_release(st);
	if (rc == 0 && sw_store_changes(s) > 0)	/* who and when; the trail never holds the ID */
		rc = sw_audit_log(s, "insert", "id_confirmed", "-", NULL);
	return rc;
}

/* A file that closes a case (closed_on given, none stored) while its plan
 * has open goals is refused: those goals need a review, or a reason given
 * to sw-case close --goals-left. */
static int check_case(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	if (sw_case_rules(v, why, whylen) != 0)
		return -1;
	if (!v[CA_CLOSED])
		return 0;
	struct sw_store *s = sw_import_store(im);
	int closing = sw_store_text(s, "SELECT 1 FROM cases WHERE case_id = ?1 AND closed_on IS NULL", 1,
				    &v[CA_ID], NULL, 0) > 0;
	char ids[120];
	int n = closing ? sw_case_open_goals(s, v[CA_ID], ids, sizeof ids) : 0;
	if (n > 0)
		sw_msg(why, whylen, sw_ngettext("closed_on: the case's plan has %d open goal (%s): review "
		       "them, or close it with sw-case close --goals-left REASON",
		       "closed_on: the case's plan has %d open goals (%s): review them, or close it with "
		       "sw-case close --goals-left REASON", (unsigned long)n), n, ids);
	if (n == 0 && closing && (n = sw_approval_required(s, v[CA_ID])) > 0)
		sw_msg(why, whylen, _("closed_on: the station requires a supervisor's approval of "
		       "closures: sw-case request close CASE --by WORKER --reason TEXT"));
	return n != 0 ? -1 : 0;
}

/* A service's case must be one of its client's. */
static int check_service(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	if (!v[SV_CASE] || !v[SV_CLIENT])
		return 0;
	const char *p[] = {v[SV_CASE], v[SV_CLIENT]};
	int bad = sw_store_text(sw_import_store(im),
				"SELECT 1 FROM cases WHERE case_id = ?1 AND client_id <> ?2", 2, p, NULL, 0) > 0;
	if (bad)
		sw_msg(why, whylen, _("case_id: case \"%s\" belongs to another client"), v[SV_CASE]);
	return bad ? -1 : 0;
}

#define REQ (SW_C_REQUIRED | SW_C_NOTNULL)
#define STATION_COL {"station_code", "站点编号|所属站点", SW_T_CODE, NULL, REQ, 0, 0, \
		     "stations.code", "station"}
#define WORKER_COL {"worker_id", "社工工号|工号|服务社工|社工姓名", SW_T_CODE, NULL, 0, 0, 0, \
		    "workers.worker_id", "worker"}
/* the contract's service item (服务清单) a service or activity delivers */
#define ITEM_REF {"item_code", "服务项目编号|项目编号", SW_T_CODE, NULL, 0, 0, 0, \
		  "catalogue.item_code", "catalogue item"}
#define CLIENT_REF {"client_id", "档案号|服务对象编号", SW_T_CODE, NULL, REQ, 0, 0, \
		    "clients.client_id", "client"}

static const struct sw_column client_cols[] = {
	{"client_id", "档案号|编号|服务对象编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "姓名", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	/* derived from id_number when the file has no such column */
	{"gender", "性别", SW_T_VOCAB, "gender", SW_C_DERIVED, 0, 0, NULL, NULL},
	{"birth_date", "出生日期|出生年月|出生年月日", SW_T_DATE, NULL, SW_C_DERIVED, 0, 0, NULL, NULL},
	{"id_number", "身份证号|身份证号码|公民身份号码|身份证件号码|证件号码", SW_T_IDCARD, NULL, SW_C_UNIQUE, 0, 0,
	 NULL, NULL},
	{"phone", "联系电话|手机号|手机号码|联系方式|电话", SW_T_PHONE, NULL, 0, 0, 0, NULL, NULL},
	STATION_COL,
	{"categories", "人员类别|类别|对象类别|人员类型", SW_T_SET, "category", 0, 0, 0, NULL, NULL},
	{"hukou", "户籍", SW_T_VOCAB, "hukou", 0, 0, 0, NULL, NULL},
	{"address", "地址|住址|家庭住址|现住址|户籍地址", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"registered_on", "建档日期|建档时间|登记日期", SW_T_DATE, NULL, SW_C_PERIOD, 0, 0, NULL, NULL},
};
const struct sw_table sw_clients_table = {
	"clients", "client|服务对象", client_cols, 11, check_client, NULL, 1
};

static const struct sw_column case_cols[] = {
	{"case_id", "个案编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	CLIENT_REF,
	STATION_COL,
	WORKER_COL,
	{"domain", "服务领域", SW_T_VOCAB, "domain", REQ, 0, 0, NULL, NULL},
	{"opened_on", "开案日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"closed_on", "结案日期", SW_T_DATE, NULL, SW_C_PERIOD, 0, 0, NULL, NULL},
	{"close_reason", "结案原因", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"risk", "风险等级", SW_T_VOCAB, "risk", 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_cases_table = {
	"cases", "case|个案", case_cols, 9, check_case, NULL, 1
};

static const struct sw_column service_cols[] = {
	{"service_id", "服务编号|服务记录编号", SW_T_CODE, NULL, SW_C_KEY | SW_C_MADE, 0, 0, NULL, NULL},
	CLIENT_REF,
	{"case_id", "个案编号", SW_T_CODE, NULL, 0, 0, 0, "cases.case_id", "case"},
	STATION_COL,
	WORKER_COL,
	{"date", "服务日期|日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"type", "服务类型", SW_T_VOCAB, "service_type", REQ, 0, 0, NULL, NULL},
	{"minutes", "时长|服务时长", SW_T_MINUTES, NULL, 0, 0, 1440, NULL, NULL},
	{"note", "备注|服务内容|服务内容及成效", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	ITEM_REF,
};
const struct sw_table sw_services_table = {
	"services", "service|服务记录", service_cols, 10, check_service, NULL, 1
};

static const struct sw_column activity_cols[] = {
	{"activity_id", "活动编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	STATION_COL,
	{"date", "活动日期|日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"kind", "活动类型", SW_T_VOCAB, "activity_kind", REQ, 0, 0, NULL, NULL},
	{"title", "活动名称", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"sessions", "节数", SW_T_INT, NULL, 0, 0, 1000, NULL, NULL},
	{"participants", "参与人次", SW_T_INT, NULL, 0, 0, 1000000, NULL, NULL},
	ITEM_REF,
};
const struct sw_table sw_activities_table = {
	"activities", "activity|活动", activity_cols, 8, NULL, NULL, 1
};
