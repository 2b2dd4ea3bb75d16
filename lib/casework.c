/* The service catalogue, assessments, plans, goals and reviews (see
 * sw/casework.h). Their rules read the database, so they run in the
 * import's hooks: a goal is due after its plan, an assessment or plan
 * dates from its case's opening, the case's risk follows its latest
 * assessment and a goal's status its latest review. */
#include <stdio.h>
#include <string.h>

#include "sw/audit.h"
#include "sw/casework.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/store.h"
#include "sw/vocab.h"

#define REQ (SW_C_REQUIRED | SW_C_NOTNULL)

enum { CT_CODE, CT_NAME, CT_CATEGORY, CT_NATURE, CT_UNIT };
enum { AS_ID, AS_CASE, AS_DATE, AS_ASSESSOR, AS_RISK, AS_NEEDS, AS_NOTES };
enum { PL_ID, PL_CASE, PL_VERSION, PL_DATE, PL_AUTHOR };
enum { GO_ID, GO_PLAN, GO_NEED, GO_TEXT, GO_DUE, GO_STATUS };
enum { RV_ID, RV_GOAL, RV_DATE, RV_STATUS, RV_NOTE };
enum { ND_ID, ND_CLIENT, ND_NEED, ND_ON, ND_PRIORITY, ND_STATUS, ND_MET };
enum { RF_ID, RF_CASE, RF_DATE, RF_STATION, RF_ORG, RF_REASON, RF_CONSENT, RF_STATUS,
       RF_FEEDBACK_ON, RF_FEEDBACK };

/* The first column of sql's row for key (kept prepared, sw_store_text):
 * 1 found, else 0. */
static int lookup(struct sw_store *s, const char *sql, const char *key, char *out, size_t n)
{
	return sw_store_text(s, sql, 1, &key, out, n) > 0;
}

/* A record dated before its case was opened is refused (col names it). */
static int after_opening(struct sw_import *im, const char *case_id, const char *date,
			 const char *col, char *why, size_t whylen)
{
	char opened[11];
	if (!date || !lookup(sw_import_store(im), "SELECT opened_on FROM cases WHERE case_id = ?1",
			     case_id, opened, sizeof opened))
		return 0;
	if (strcmp(date, opened) < 0) {
		sw_msg(why, whylen, _("%s: %s is before the case was opened (%s)"), col, date, opened);
		return -1;
	}
	return 0;
}

static int check_assessment(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	return after_opening(im, v[AS_CASE], v[AS_DATE], "date", why, whylen);
}

/* Runs sql (kept prepared) with p[0..3]: a record's field set from its
 * latest dated row. 1 if it changed, 0, -1 (printed). */
static int follow_latest(struct sw_store *s, const char *sql, const char *const p[4])
{
	struct sw_stmt *st = sw_store_stmt(s, sql);
	for (int i = 0; i < 4; i++)
		sw_stmt_bind_text(st, i + 1, p[i]);
	int rc = sw_stmt_step(st);
	sw_stmt_release(st);
	if (rc != SW_DONE)
		return -1;
	return sw_store_changes(s) > 0;
}

/* The case's risk follows its latest assessment (one with a risk). */
static int after_assessment(struct sw_import *im, const char **v, int outcome)
{
	if (outcome == SW_UNCHANGED || !v[AS_RISK])
		return 0;
	struct sw_store *s = sw_import_store(im);
	const char *p[] = {v[AS_CASE], v[AS_RISK], v[AS_DATE], v[AS_ID]};
	int k = follow_latest(s,
		"UPDATE cases SET risk = ?2 WHERE case_id = ?1 AND risk IS DISTINCT FROM ?2 AND NOT EXISTS"
		" (SELECT 1 FROM assessments a WHERE a.case_id = ?1 AND a.risk IS NOT NULL"
		"  AND (a.date > ?3 OR (a.date = ?3 AND a.assessment_id > ?4)))", p);
	return k > 0 ? sw_audit_log(s, "update", "cases", v[AS_CASE], "risk") : k;
}

static int check_plan(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	return after_opening(im, v[PL_CASE], v[PL_DATE], "date", why, whylen);
}

/* A goal is due on or after its plan's date. A file that gives no status
 * starts a goal open and leaves a known goal's status as its reviews set it. */
static int check_goal(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	static char status[32];
	char planned[11];
	if (!v[GO_STATUS])
		v[GO_STATUS] = lookup(sw_import_store(im), "SELECT status FROM goals WHERE goal_id = ?1",
				      v[GO_ID], status, sizeof status) ? status : "open";
	if (v[GO_DUE] && lookup(sw_import_store(im), "SELECT date FROM plans WHERE plan_id = ?1",
				v[GO_PLAN], planned, sizeof planned) &&
	    strcmp(v[GO_DUE], planned) < 0) {
		sw_msg(why, whylen, _("due_on: %s is before the plan's date (%s)"), v[GO_DUE], planned);
		return -1;
	}
	return 0;
}

/* A goal's status follows its latest review. */
static int after_review(struct sw_import *im, const char **v, int outcome)
{
	if (outcome == SW_UNCHANGED)
		return 0;
	const char *p[] = {v[RV_GOAL], v[RV_STATUS], v[RV_DATE], v[RV_ID]};
	return follow_latest(sw_import_store(im),
		"UPDATE goals SET status = ?2 WHERE goal_id = ?1 AND status IS DISTINCT FROM ?2 AND NOT EXISTS"
		" (SELECT 1 FROM reviews r WHERE r.goal_id = ?1"
		"  AND (r.date > ?3 OR (r.date = ?3 AND r.review_id > ?4)))", p) < 0 ? -1 : 0;
}

/* A referral's status moves sent -> accepted | declined, accepted ->
 * completed; the step of each, for "never back". */
static int referral_step(const char *s)
{
	return strcmp(s, "sent") == 0 ? 0 : strcmp(s, "completed") == 0 ? 2 : 1;
}

/* Personal data leaves the station only with the person's consent, given
 * on or before the day of the referral; it goes to one place; its status
 * only moves on. */
static int check_referral(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	static char was[16];
	if (!v[RF_STATION] == !v[RF_ORG]) {
		sw_msg(why, whylen, _("to_station, to_org: give the station or the organisation referred "
		       "to, one of them"));
		return -1;
	}
	if (!v[RF_CONSENT]) {
		sw_msg(why, whylen, _("consent_on: a referral needs the person's consent, and the day it "
		       "was given, before personal data leaves the station"));
		return -1;
	}
	if (strcmp(v[RF_CONSENT], v[RF_DATE]) > 0) {
		sw_msg(why, whylen, _("consent_on: %s is after the referral (%s): consent comes first"),
		       v[RF_CONSENT], v[RF_DATE]);
		return -1;
	}
	if (!v[RF_STATUS])
		v[RF_STATUS] = "sent";
	if (v[RF_FEEDBACK_ON] && strcmp(v[RF_FEEDBACK_ON], v[RF_DATE]) < 0) {
		sw_msg(why, whylen, _("feedback_on: %s is before the referral (%s)"), v[RF_FEEDBACK_ON],
		       v[RF_DATE]);
		return -1;
	}
	if (lookup(sw_import_store(im), "SELECT status FROM referrals WHERE referral_id = ?1", v[RF_ID],
		   was, sizeof was) && strcmp(was, v[RF_STATUS]) != 0) {
		int a = referral_step(was), b = referral_step(v[RF_STATUS]);
		if (b <= a || (b == 2 && strcmp(was, "accepted") != 0)) {
			char from[64];	/* the statuses in the admin's words */
			snprintf(from, sizeof from, "%s", sw_vocab_label("referral_status", was, sw_i18n_zh()));
			sw_msg(why, whylen, _("status: a referral %s cannot become %s (sent, then accepted or "
			       "declined, then completed if accepted)"), from,
			       sw_vocab_label("referral_status", v[RF_STATUS], sw_i18n_zh()));
			return -1;
		}
	} else if (strcmp(v[RF_STATUS], "completed") == 0 && !v[RF_FEEDBACK_ON]) {
		sw_msg(why, whylen, _("feedback_on: a completed referral needs the day of the feedback"));
		return -1;
	}
	return after_opening(im, v[RF_CASE], v[RF_DATE], "date", why, whylen);
}

/* A need is met on a day at or after it was found, and only a met need
 * has that day. */
static int check_need(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	(void)im;
	if (!v[ND_STATUS])
		v[ND_STATUS] = v[ND_MET] ? "met" : "open";
	if (v[ND_MET] && strcmp(v[ND_STATUS], "met") != 0) {
		sw_msg(why, whylen, _("met_on: given for a need that is %s"),
		       sw_vocab_label("need_status", v[ND_STATUS], sw_i18n_zh()));
		return -1;
	}
	if (!v[ND_MET] && strcmp(v[ND_STATUS], "met") == 0) {
		sw_msg(why, whylen, _("met_on: a met need needs the day it was met"));
		return -1;
	}
	if (v[ND_MET] && strcmp(v[ND_MET], v[ND_ON]) < 0) {
		sw_msg(why, whylen, _("met_on: %s is before the need was found (%s)"), v[ND_MET], v[ND_ON]);
		return -1;
	}
	return 0;
}

/* The goals of a case's latest plan still open. */
#define OPEN_GOALS \
	"SELECT g.goal_id FROM goals g JOIN plans p ON p.plan_id = g.plan_id" \
	" WHERE p.case_id = ?1 AND g.status = 'open' AND p.version =" \
	" (SELECT max(version) FROM plans WHERE case_id = ?1) ORDER BY g.goal_id"

int sw_case_open_goals(struct sw_store *s, const char *case_id, char *ids, size_t idslen)
{
	struct sw_stmt *st = sw_store_stmt(s, OPEN_GOALS);
	sw_stmt_bind_text(st, 1, case_id);
	int n = 0, rc;
	size_t len = 0;
	ids[0] = 0;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		n++;
		if (len < idslen)
			len += (size_t)snprintf(ids + len, idslen - len, "%s%s", len ? ", " : "",
						sw_stmt_text(st, 0));
	}
	sw_stmt_release(st);
	return rc == SW_DONE ? n : -1;
}

int sw_case_drop_goals(struct sw_store *s, const char *case_id, const char *on, const char *reason)
{
	/* one review per goal, keyed by the goal and the day */
	static const char *const sql[] = {
		"INSERT INTO reviews(review_id, goal_id, date, status, note)"
		" SELECT goal_id || '-' || ?2, goal_id, ?2, 'dropped', 'case closed: ' || ?3"
		" FROM (" OPEN_GOALS ") AS o",
		"UPDATE goals SET status = 'dropped' WHERE goal_id IN"
		" (SELECT goal_id FROM (" OPEN_GOALS ") AS o)",
	};
	const char *p[] = {case_id, on, reason};
	for (int i = 0; i < 2; i++) {
		struct sw_stmt *st = sw_store_prep(s, sql[i]);
		for (int k = 0; k < (i ? 1 : 3); k++)
			sw_stmt_bind_text(st, k + 1, p[k]);
		int rc = sw_stmt_step(st);
		sw_stmt_finalize(st);
		if (rc != SW_DONE)
			return -1;
	}
	return sw_audit_log(s, "update", "goals", case_id, "dropped at closing");
}

static const struct sw_column catalogue_cols[] = {
	{"item_code", "项目编号|服务项目编号|编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "项目名称|服务项目|名称", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"category", "服务类别|类别", SW_T_VOCAB, "item_category", REQ, 0, 0, NULL, NULL},
	{"nature", "服务性质|性质", SW_T_VOCAB, "nature", 0, 0, 0, NULL, NULL},
	{"unit", "计量单位|单位", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_catalogue_table = {
	"catalogue", "item|服务清单", catalogue_cols, 5, NULL, NULL, 0
};

#define CASE_REF {"case_id", "个案编号", SW_T_CODE, NULL, REQ, 0, 0, "cases.case_id", "case"}

static const struct sw_column assessment_cols[] = {
	{"assessment_id", "评估编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	CASE_REF,
	{"date", "评估日期|日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	{"assessor", "评估人|评估社工", SW_T_CODE, NULL, 0, 0, 0, "workers.worker_id", "worker"},
	{"risk", "风险等级", SW_T_VOCAB, "risk", 0, 0, 0, NULL, NULL},
	{"needs", "需求|服务需求", SW_T_SET, "need", 0, 0, 0, NULL, NULL},
	{"notes", "评估记录|备注", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_assessments_table = {
	"assessments", "assessment|评估", assessment_cols, 7, check_assessment, after_assessment, 1
};

static const struct sw_column plan_cols[] = {
	{"plan_id", "计划编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	CASE_REF,
	{"version", "版本|计划版本", SW_T_INT, NULL, REQ, 1, 1000, NULL, NULL},
	{"date", "制定日期|日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	{"author", "制定人|负责社工", SW_T_CODE, NULL, 0, 0, 0, "workers.worker_id", "worker"},
};
const struct sw_table sw_plans_table = {
	"plans", "plan|服务计划", plan_cols, 5, check_plan, NULL, 1
};

static const struct sw_column goal_cols[] = {
	{"goal_id", "目标编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"plan_id", "计划编号", SW_T_CODE, NULL, REQ, 0, 0, "plans.plan_id", "plan"},
	{"need", "需求|对应需求", SW_T_VOCAB, "need", REQ, 0, 0, NULL, NULL},
	{"description", "目标|目标内容", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"due_on", "完成期限|截止日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	/* open when the file says nothing; reviews move it on */
	{"status", "状态|目标状态", SW_T_VOCAB, "goal_status", SW_C_DERIVED, 0, 0, NULL, NULL},
};
const struct sw_table sw_goals_table = {
	"goals", "goal|服务目标", goal_cols, 6, check_goal, NULL, 1
};

static const struct sw_column review_cols[] = {
	{"review_id", "回顾编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"goal_id", "目标编号", SW_T_CODE, NULL, REQ, 0, 0, "goals.goal_id", "goal"},
	{"date", "回顾日期|日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	{"status", "状态|目标状态", SW_T_VOCAB, "goal_status", REQ, 0, 0, NULL, NULL},
	{"note", "进展|进展情况|备注", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
static const struct sw_column referral_cols[] = {
	{"referral_id", "转介编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	CASE_REF,
	{"date", "转介日期|日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"to_station", "转介站点|接收站点", SW_T_CODE, NULL, 0, 0, 0, "stations.code", "station"},
	{"to_org", "转介机构|接收机构|接收单位", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"reason", "转介原因|原因", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"consent_on", "知情同意日期|同意日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"status", "状态|转介状态", SW_T_VOCAB, "referral_status", SW_C_DERIVED, 0, 0, NULL, NULL},
	{"feedback_on", "反馈日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"feedback", "反馈|反馈情况", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_referrals_table = {
	"referrals", "referral|转介", referral_cols, 10, check_referral, NULL, 1
};

static const struct sw_column need_cols[] = {
	{"need_id", "需求编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"client_id", "档案号|服务对象编号", SW_T_CODE, NULL, REQ, 0, 0, "clients.client_id", "client"},
	{"need", "需求|需求类型", SW_T_VOCAB, "need", REQ, 0, 0, NULL, NULL},
	{"identified_on", "发现日期|登记日期|识别日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0,
	 NULL, NULL},
	{"priority", "优先级|紧急程度", SW_T_VOCAB, "risk", 0, 0, 0, NULL, NULL},
	{"status", "状态|需求状态", SW_T_VOCAB, "need_status", SW_C_DERIVED, 0, 0, NULL, NULL},
	{"met_on", "满足日期|解决日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_needs_table = {
	"needs", "需求清单", need_cols, 7, check_need, NULL, 1
};

const struct sw_table sw_reviews_table = {
	"reviews", "review|目标回顾", review_cols, 5, NULL, after_review, 1
};
