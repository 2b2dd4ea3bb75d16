/* Organisations, volunteers and volunteer hours (see sw/partners.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/partners.h"
#include "sw/store.h"
#include "sw/strset.h"

#define REQ (SW_C_REQUIRED | SW_C_NOTNULL)

enum { VH_ID, VH_VOLUNTEER, VH_DATE, VH_ACTIVITY, VH_SERVICE, VH_MINUTES, VH_ROLE };
enum { RS_ID, RS_KIND, RS_NAME, RS_ORG, RS_STATION, RS_DISTRICT, RS_SERVES, RS_CAPACITY,
       RS_UNIT, RS_VALUE, RS_FROM, RS_TO, RS_CONTACT };
enum { RU_ID, RU_RESOURCE, RU_DATE, RU_CLIENT, RU_ACTIVITY, RU_QUANTITY, RU_VALUE, RU_NOTE };

/* On a server a file's rows are staged and stored a chunk at a time, and
 * a hook that counts the rows given before it in the file needs them
 * stored first (sw_import_flush). A flush costs a chunk's statements, so
 * it is done only when a row of the same key (a volunteer's day, a
 * resource) was checked since the last one: their keys are kept here, a
 * few thousand at most. On SQLite every row is stored as it comes.
 * 0, or -1 (said). */
static int flush_staged(struct sw_import *im, const char *k1, const char *k2)
{
	static struct sw_strset keys;
	static const struct sw_import *of;	/* the import the keys are of */
	if (sw_store_kind(sw_import_store(im)) == SW_STORE_SQLITE)
		return 0;
	char key[512];
	snprintf(key, sizeof key, "%s|%s", k1, k2);
	unsigned long long h = sw_str_hash(key);
	int again = of == im && (sw_strset_get(&keys, 0, key, h) >= 0 || keys.n >= 4096);
	if (again || of != im) {
		sw_strset_free(&keys);
		of = im;
	}
	sw_strset_put(&keys, 0, key, h, 0);
	return again ? sw_import_flush(im) : 0;
}

/* Where hours were given, in one look-up (three round trips on a server,
 * for every row): the day of the activity (or service) ?2, its station,
 * the station of volunteer ?1, then the ancestors-or-self of each station
 * (k 1: the volunteer's, 2: the activity's), the county first: its nearest
 * at county level, else the top of its network. */
#define PLACES(tbl, key) \
	"WITH RECURSIVE up(k, code, parent, level, depth) AS (" \
	" SELECT 1, s.code, s.parent_code, s.level, 0 FROM volunteers v" \
	"  JOIN stations s ON s.code = v.station_code WHERE v.volunteer_id = ?1" \
	" UNION ALL SELECT 2, s.code, s.parent_code, s.level, 0 FROM " tbl " x" \
	"  JOIN stations s ON s.code = x.station_code WHERE x." key " = ?2" \
	" UNION ALL SELECT up.k, s.code, s.parent_code, s.level, up.depth + 1 FROM stations s" \
	"  JOIN up ON s.code = up.parent WHERE up.depth < 64)" \
	" SELECT (SELECT date FROM " tbl " WHERE " key " = ?2)," \
	"  (SELECT station_code FROM volunteers WHERE volunteer_id = ?1)," \
	"  (SELECT station_code FROM " tbl " WHERE " key " = ?2), up.k, up.code" \
	" FROM (SELECT 1 AS one) AS o LEFT JOIN up ON 1 = 1 ORDER BY up.k," \
	"  CASE WHEN up.level = 'county' THEN 0 ELSE 1 END," \
	"  CASE WHEN up.parent IS NULL THEN 0 ELSE 1 END, up.depth"

/* Hours are given at one activity or alongside one service, on its day,
 * in the volunteer's own county (an activity or service of another
 * county's station is a mistyped id, or a record of the other county's
 * register). 0, or -1 with why. */
static int check_place(struct sw_store *s, const char **v, char *why, size_t whylen)
{
	const char *act = v[VH_ACTIVITY], *k[2] = {v[VH_VOLUNTEER], act ? act : v[VH_SERVICE]};
	struct sw_stmt *st = sw_store_stmt(s, act ? PLACES("activities", "activity_id")
					   : PLACES("services", "service_id"));
	for (int i = 0; i < 2; i++)
		sw_stmt_bind_text(st, i + 1, k[i]);
	/* the first row's day and stations; each k's first row, its county */
	char day[16] = "", vs[128] = "", as[128] = "", vc[128] = "", ac[128] = "";
	int rc, first = 1;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		if (first) {
			const char *t[3] = {sw_stmt_text(st, 0), sw_stmt_text(st, 1), sw_stmt_text(st, 2)};
			snprintf(day, sizeof day, "%s", t[0] ? t[0] : "");
			snprintf(vs, sizeof vs, "%s", t[1] ? t[1] : "");
			snprintf(as, sizeof as, "%s", t[2] ? t[2] : "");
			first = 0;
		}
		char *county = sw_stmt_int64(st, 3) == 1 ? vc : sw_stmt_int64(st, 3) == 2 ? ac : NULL;
		if (county && !*county)
			snprintf(county, 128, "%s", sw_stmt_text(st, 4));
	}
	sw_stmt_release(st);
	if (rc != SW_DONE) {
		sw_msg(why, whylen, _("volunteer_id: the stations could not be read"));
		return -1;
	}
	if (*day && strcmp(day, v[VH_DATE]) != 0) {
		if (act)
			sw_msg(why, whylen, _("date: %s is not the day of the activity (%s)"), v[VH_DATE], day);
		else
			sw_msg(why, whylen, _("date: %s is not the day of the service (%s)"), v[VH_DATE], day);
		return -1;
	}
	if (*vc && *ac && strcmp(vc, ac) != 0) {
		if (act)
			sw_msg(why, whylen, _("activity_id: the activity is at %s, of county %s; the "
			       "volunteer's station %s is of county %s"), as, ac, vs, vc);
		else
			sw_msg(why, whylen, _("service_id: the service is at %s, of county %s; the "
			       "volunteer's station %s is of county %s"), as, ac, vs, vc);
		return -1;
	}
	return 0;
}

/* Hours are given where check_place says; no one gives more than 24
 * hours a day (the hours this file or earlier ones stored for the day
 * count). */
static int check_hours(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	struct sw_store *s = sw_import_store(im);
	char total[32];
	if (!v[VH_ACTIVITY] == !v[VH_SERVICE]) {
		sw_msg(why, whylen, _("activity_id, service_id: give the activity or the service the "
		       "hours were given at, one of them"));
		return -1;
	}
	if (check_place(s, v, why, whylen) != 0)
		return -1;
	/* the row itself, stored by an earlier import of the file, is not
	 * counted again: by its key, or (a key made from the row) its values;
	 * the rows given before it in the file are */
	if (flush_staged(im, v[VH_VOLUNTEER], v[VH_DATE]) != 0) {
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "minutes");
		return -1;
	}
	const char *k[6] = {v[VH_VOLUNTEER], v[VH_DATE], v[VH_ID], v[VH_ACTIVITY], v[VH_SERVICE],
			    v[VH_MINUTES]};
	if (sw_store_text(s, "SELECT COALESCE(sum(minutes), 0) FROM volunteer_hours"
			  " WHERE volunteer_id = ?1 AND date = ?2 AND (?3 IS NULL OR hours_id <> ?3)"
			  " AND NOT (?3 IS NULL AND activity_id IS NOT DISTINCT FROM ?4"
			  " AND service_id IS NOT DISTINCT FROM ?5 AND minutes = CAST(?6 AS INTEGER))",
			  6, k, total, sizeof total) < 0) {
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "minutes");
		return -1;
	}
	long sum = atol(total) + atol(v[VH_MINUTES]);
	if (sum > 24 * 60) {
		sw_msg(why, whylen, _("minutes: %ld hours on %s with the volunteer's other records: "
		       "more than a day holds"), (sum + 59) / 60, v[VH_DATE]);
		return -1;
	}
	return 0;
}

static int check_resource(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	(void)im;
	if (v[RS_FROM] && v[RS_TO] && strcmp(v[RS_TO], v[RS_FROM]) < 0) {
		sw_msg(why, whylen, _("valid_to: %s is before valid_from %s"), v[RS_TO], v[RS_FROM]);
		return -1;
	}
	return 0;
}

/* A use is of a resource valid on its day, for one client or one
 * activity, and all its uses stay within its capacity (when it has one). */
static int check_use(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	struct sw_store *s = sw_import_store(im);
	char terms[64], total[32];
	if (!v[RU_CLIENT] == !v[RU_ACTIVITY]) {
		sw_msg(why, whylen, _("client_id, activity_id: give the client or the activity the "
		       "resource went to, one of them"));
		return -1;
	}
	if (sw_store_text(s, "SELECT COALESCE(valid_from, '') || '|' || COALESCE(valid_to, '')"
			  " || '|' || COALESCE(CAST(capacity AS TEXT), '') FROM resources WHERE resource_id = ?1",
			  1, &v[RU_RESOURCE], terms, sizeof terms) < 0) {
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "resource_id");
		return -1;
	}
	char *from = terms, *to = strchr(terms, '|'), *cap = to ? strchr(to + 1, '|') : NULL;
	if (!to || !cap)
		return 0;	/* an unknown resource: the reference check says so */
	*to++ = 0;
	*cap++ = 0;
	if ((*from && strcmp(v[RU_DATE], from) < 0) || (*to && strcmp(v[RU_DATE], to) > 0)) {
		sw_msg(why, whylen, _("date: %s is outside the resource's validity (%s to %s)"),
		       v[RU_DATE], *from ? from : "…", *to ? to : "…");
		return -1;
	}
	if (!*cap)
		return 0;
	/* the row itself, stored by an earlier import of the file, counts
	 * once; a use of no quantity is one, as this row's; the uses given
	 * before it in the file count */
	if (flush_staged(im, v[RU_RESOURCE], "") != 0) {
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "quantity");
		return -1;
	}
	const char *k[5] = {v[RU_RESOURCE], v[RU_ID], v[RU_DATE], v[RU_CLIENT], v[RU_ACTIVITY]};
	if (sw_store_text(s, "SELECT COALESCE(sum(COALESCE(quantity, 1)), 0) FROM resource_uses"
			  " WHERE resource_id = ?1 AND (?2 IS NULL OR use_id <> ?2) AND NOT (?2 IS NULL"
			  " AND date = ?3 AND client_id IS NOT DISTINCT FROM ?4"
			  " AND activity_id IS NOT DISTINCT FROM ?5)", 5, k, total, sizeof total) < 0) {
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "quantity");
		return -1;
	}
	long q = v[RU_QUANTITY] ? atol(v[RU_QUANTITY]) : 1, sum = atol(total) + q;
	if (sum > atol(cap)) {
		sw_msg(why, whylen, _("quantity: %ld used in all, past the resource's capacity of %s"),
		       sum, cap);
		return -1;
	}
	return 0;
}

static const struct sw_column org_cols[] = {
	{"org_id", "机构编号|组织编号|编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "机构名称|组织名称|名称", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"kind", "机构类型|组织类型|类型", SW_T_VOCAB, "org_kind", REQ, 0, 0, NULL, NULL},
	{"credit_code", "统一社会信用代码|信用代码", SW_T_CREDIT, NULL, 0, 0, 0, NULL, NULL},
	{"registered_on", "登记日期|成立日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"contact", "联系人", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"phone", "联系电话|电话", SW_T_PHONE, NULL, 0, 0, 0, NULL, NULL},
	{"district", "所在区划|区划代码", SW_T_DIVISION, NULL, 0, 0, 0, NULL, NULL},
	{"station_code", "站点编号|所属站点|对接站点", SW_T_CODE, NULL, 0, 0, 0, "stations.code", "station"},
};
const struct sw_table sw_orgs_table = {
	"orgs", "org|organisation|组织|机构", org_cols, 9, NULL, NULL, 0
};

static const struct sw_column volunteer_cols[] = {
	{"volunteer_id", "志愿者编号|编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "姓名", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"gender", "性别", SW_T_VOCAB, "gender", 0, 0, 0, NULL, NULL},
	{"id_number", "身份证号|身份证号码|公民身份号码", SW_T_IDCARD, NULL, 0, 0, 0, NULL, NULL},
	{"phone", "手机号码|联系电话|手机号", SW_T_PHONE, NULL, 0, 0, 0, NULL, NULL},
	{"skills", "特长|技能|专长", SW_T_LIST, NULL, 0, 0, 0, NULL, NULL},
	{"station_code", "站点编号|所属站点", SW_T_CODE, NULL, REQ, 0, 0, "stations.code", "station"},
	{"org_id", "所属组织|组织编号", SW_T_CODE, NULL, 0, 0, 0, "orgs.org_id", "organisation"},
	{"registered_on", "注册日期|登记日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"left_on", "退出日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_volunteers_table = {
	"volunteers", "volunteer|志愿者", volunteer_cols, 10, NULL, NULL, 1
};

static const struct sw_column hours_cols[] = {
	/* made from the row when the file has none, the same on each import */
	{"hours_id", "记录编号", SW_T_CODE, NULL, SW_C_KEY | SW_C_MADE, 0, 0, NULL, NULL},
	{"volunteer_id", "志愿者编号", SW_T_CODE, NULL, REQ, 0, 0, "volunteers.volunteer_id",
	 "volunteer"},
	{"date", "服务日期|日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"activity_id", "活动编号", SW_T_CODE, NULL, 0, 0, 0, "activities.activity_id", "activity"},
	{"service_id", "服务编号", SW_T_CODE, NULL, 0, 0, 0, "services.service_id", "service"},
	{"minutes", "时长|服务时长|志愿时长", SW_T_MINUTES, NULL, REQ, 1, 1440, NULL, NULL},
	{"role", "岗位|角色|服务内容", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_volunteer_hours_table = {
	"volunteer_hours", "志愿时长|志愿服务记录", hours_cols, 7, check_hours, NULL, 0
};

static const struct sw_column resource_cols[] = {
	{"resource_id", "资源编号|编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"kind", "资源类型|类型", SW_T_VOCAB, "resource_kind", REQ, 0, 0, NULL, NULL},
	{"name", "资源名称|名称", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"org_id", "提供单位|提供组织|组织编号", SW_T_CODE, NULL, 0, 0, 0, "orgs.org_id", "organisation"},
	{"station_code", "站点编号|所属站点", SW_T_CODE, NULL, 0, 0, 0, "stations.code", "station"},
	{"district", "所在区划|区划代码", SW_T_DIVISION, NULL, 0, 0, 0, NULL, NULL},
	{"serves", "服务需求|适用需求|对应需求", SW_T_SET, "need", 0, 0, 0, NULL, NULL},
	{"capacity", "容量|数量|可供数量", SW_T_INT, NULL, 0, 0, 100000000, NULL, NULL},
	{"unit", "单位|计量单位", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"value", "价值|金额|价值（元）", SW_T_INT, NULL, 0, 0, 1000000000, NULL, NULL},
	{"valid_from", "有效期起|开始日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"valid_to", "有效期止|结束日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"contact", "联系人|联系方式", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_resources_table = {
	"resources", "resource|资源|资源库", resource_cols, 13, check_resource, NULL, 0
};

static const struct sw_column use_cols[] = {
	{"use_id", "使用编号|记录编号", SW_T_CODE, NULL, SW_C_KEY | SW_C_MADE, 0, 0, NULL, NULL},
	{"resource_id", "资源编号", SW_T_CODE, NULL, REQ, 0, 0, "resources.resource_id", "resource"},
	{"date", "使用日期|发放日期|日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"client_id", "档案号|服务对象编号", SW_T_CODE, NULL, 0, 0, 0, "clients.client_id", "client"},
	{"activity_id", "活动编号", SW_T_CODE, NULL, 0, 0, 0, "activities.activity_id", "activity"},
	{"quantity", "数量|使用数量", SW_T_INT, NULL, 0, 1, 100000000, NULL, NULL},
	{"value", "价值|金额", SW_T_INT, NULL, 0, 0, 1000000000, NULL, NULL},
	{"note", "备注", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_resource_uses_table = {
	"resource_uses", "资源使用|资源发放", use_cols, 8, check_use, NULL, 1
};
