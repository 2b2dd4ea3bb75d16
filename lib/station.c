/* Divisions, stations and workers as import tables, with their rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/station.h"
#include "sw/store.h"
#include "sw/valid.h"
#include "sw/vocab.h"

int sw_station_exists(struct sw_store *s, const char *code)
{
	return sw_store_text(s, "SELECT 1 FROM stations WHERE code = ?1", 1, &code, NULL, 0);
}

/* A row whose check could not read the database (said by the store) is
 * refused: -1 with why. */
static int unread(char *why, size_t whylen, const char *column)
{
	sw_msg(why, whylen, _("%s: the stored rows could not be read"), column);
	return -1;
}

/* On a server the rows of a file are staged, stored a chunk at a time: a
 * child given earlier was checked against its parent's stored level, so
 * a row that changes that level needs its children all stored to be
 * seen. 0, or -1 (said). */
static int restaged(struct sw_import *im, const char *tbl, const char *code, const char *level)
{
	struct sw_store *s = sw_import_store(im);
	if (sw_store_kind(s) == SW_STORE_SQLITE)
		return 0;	/* every row is stored as it comes */
	char sql[64], was[32];
	snprintf(sql, sizeof sql, "SELECT level FROM %s WHERE code = ?1", tbl);
	int found = sw_store_text(s, sql, 1, &code, was, sizeof was);
	return found < 0 ? -1 : found && strcmp(was, level) != 0 ? sw_import_flush(im) : 0;
}

/* A parent must be of a higher level (a smaller rank), and so must this
 * row be for each of its existing children: together with the import
 * engine's refusal of self-references these rule out cycles, since levels
 * strictly rise going up. v: code, name, level, parent_code. 0, or -1
 * with why. */
static int check_levels(struct sw_import *im, const char *tbl, const char *vocab, const char **v,
			char *why, size_t whylen)
{
	struct sw_store *s = sw_import_store(im);
	const char *code = v[0], *level = v[2], *parent = v[3];
	char plevel[32], said[64], sql[96];	/* said: a level in the admin's words */
	if (parent && level) {
		snprintf(sql, sizeof sql, "SELECT level FROM %s WHERE code = ?1", tbl);
		if (sw_store_text(s, sql, 1, &parent, plevel, sizeof plevel) < 0)
			return unread(why, whylen, "parent_code");
		if (*plevel && sw_vocab_rank(vocab, plevel) >= sw_vocab_rank(vocab, level)) {
			snprintf(said, sizeof said, "%s", sw_vocab_label(vocab, plevel, sw_i18n_zh()));
			sw_msg(why, whylen, _("parent_code: parent \"%s\" is %s, not above %s"),
			       parent, said, sw_vocab_label(vocab, level, sw_i18n_zh()));
			return -1;
		}
	}
	if (!level)
		return 0;
	if (restaged(im, tbl, code, level) != 0)
		return unread(why, whylen, "level");
	snprintf(sql, sizeof sql, "SELECT code, level FROM %s WHERE parent_code = ?1 ORDER BY code", tbl);
	struct sw_stmt *st = sw_store_stmt(s, sql);
	sw_stmt_bind_text(st, 1, code);
	int rc, bad = 0;
	while (!bad && (rc = sw_stmt_step(st)) == SW_ROW) {
		const char *cl = sw_stmt_text(st, 1);
		if (sw_vocab_rank(vocab, cl) <= sw_vocab_rank(vocab, level)) {
			snprintf(said, sizeof said, "%s", sw_vocab_label(vocab, cl, sw_i18n_zh()));
			sw_msg(why, whylen, _("level: child \"%s\" is %s, not below %s"),
			       sw_stmt_text(st, 0), said, sw_vocab_label(vocab, level, sw_i18n_zh()));
			bad = 1;
		}
	}
	sw_stmt_release(st);
	return bad ? -1 : rc < 0 ? unread(why, whylen, "level") : 0;
}

/* Level and parent of a division whose file has no such columns come from
 * its 统计用区划代码 (6+3+3 digits). */
static int check_division(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	static const char *const levels[] = {"county", "township", "village"};
	static char parent[13];
	char code[13], w[200];
	int level;
	if ((!v[2] || !v[3]) && sw_division_code(v[0], code, &level, parent, w, sizeof w) == 0) {
		if (!v[2] && level >= 0 && level <= 2)
			v[2] = levels[level];
		if (!v[3] && *parent && !sw_import_has(im, 3))
			v[3] = parent;
	}
	if (!v[2]) {
		sw_msg(why, whylen, _("level: required (the code does not tell it: give a level column)"));
		return -1;
	}
	return check_levels(im, "divisions", "division_level", v, why, whylen);
}

static int check_dates(const char *from, const char *to, const char *fromname,
		       const char *toname, char *why, size_t whylen)
{
	if (from && to && strcmp(to, from) < 0) {
		sw_msg(why, whylen, _("%s: %s is before %s %s"), toname, to, fromname, from);
		return -1;
	}
	return 0;
}

static int check_station(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	struct sw_store *s = sw_import_store(im);
	if (check_levels(im, "stations", "level", v, why, whylen) != 0)
		return -1;
	if (check_dates(v[6], v[7], "opened_on", "closed_on", why, whylen) != 0)
		return -1;
	/* Division codes are checked once divisions have been imported: a
	 * network can be built before the coverage data arrives. */
	if (v[4]) {
		int bad = sw_store_text(s, "SELECT 1 WHERE EXISTS (SELECT 1 FROM divisions)"
			" AND NOT EXISTS (SELECT 1 FROM divisions WHERE code = ?1)", 1, &v[4], NULL, 0);
		if (bad < 0)
			return unread(why, whylen, "division_code");
		if (bad) {
			sw_msg(why, whylen, _("division_code: unknown division \"%s\""), v[4]);
			return -1;
		}
	}
	return 0;
}

static int check_worker(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	(void)im;
	return check_dates(v[5], v[6], "hired_on", "left_on", why, whylen);
}

static const struct sw_column division_cols[] = {
	{"code", "编号|区划代码|代码|行政区划代码|统计用区划代码", SW_T_DIVISION, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "名称|区划名称|单位名称", SW_T_TEXT, NULL, SW_C_REQUIRED | SW_C_NOTNULL, 0, 0, NULL, NULL},
	{"level", "层级|级别", SW_T_VOCAB, "division_level", SW_C_REQUIRED | SW_C_NOTNULL | SW_C_DERIVED,
	 0, 0, NULL, NULL},
	{"parent_code", "上级编号|上级代码|上级区划代码", SW_T_DIVISION, NULL, SW_C_DEFER | SW_C_DERIVED, 0, 0,
	 "divisions.code", "division"},
};
const struct sw_table sw_divisions_table = {
	"divisions", "division|区划", division_cols, 4, check_division, NULL, 0
};

static const struct sw_column station_cols[] = {
	{"code", "编号|站点编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "名称|站点名称", SW_T_TEXT, NULL, SW_C_REQUIRED | SW_C_NOTNULL, 0, 0, NULL, NULL},
	{"level", "层级|级别|站点层级", SW_T_VOCAB, "level", SW_C_REQUIRED | SW_C_NOTNULL, 0, 0, NULL, NULL},
	{"parent_code", "上级编号|上级站点", SW_T_CODE, NULL, SW_C_DEFER, 0, 0, "stations.code", "station"},
	{"division_code", "区划代码|所在区划|行政区划代码", SW_T_DIVISION, NULL, 0, 0, 0, NULL, NULL},
	{"address", "地址|站点地址", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"opened_on", "成立日期|建站日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"closed_on", "撤销日期|关闭日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"reports", "报送|是否报送|按月报送", SW_T_BOOL, NULL, 0, 0, 0, NULL, NULL},
	/* plans and closures need a supervisor's approval (sw/approval.h) */
	{"approval", "督导审批|需审批|审批", SW_T_BOOL, NULL, 0, 0, 0, NULL, NULL},
	/* the organisation that runs it; orgs refer to stations, so a network
	 * is built first and its operators named once the orgs are in */
	{"operator_org", "承接机构|运营机构|承接单位|运营单位|承接机构编号", SW_T_CODE, NULL, SW_C_ORDER, 0, 0,
	 "orgs.org_id", "organisation"},
};
const struct sw_table sw_stations_table = {
	"stations", "station|站点", station_cols, 11, check_station, NULL, 0
};

static const struct sw_column worker_cols[] = {
	{"worker_id", "工号|社工工号|编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "姓名", SW_T_TEXT, NULL, SW_C_REQUIRED | SW_C_NOTNULL, 0, 0, NULL, NULL},
	{"station_code", "站点编号|所属站点", SW_T_CODE, NULL, SW_C_REQUIRED | SW_C_NOTNULL, 0, 0,
	 "stations.code", "station"},
	{"role", "岗位类型|岗位|角色", SW_T_VOCAB, "role", SW_C_REQUIRED | SW_C_NOTNULL, 0, 0, NULL, NULL},
	{"certificate", "证书|持证情况|职业资格", SW_T_VOCAB, "certificate", 0, 0, 0, NULL, NULL},
	{"hired_on", "入职日期|到岗日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"left_on", "离职日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	/* the organisation that employs the worker (often the station's operator) */
	{"employer_org", "所属机构|用人单位|聘用机构|所属机构编号", SW_T_CODE, NULL, SW_C_ORDER, 0, 0,
	 "orgs.org_id", "organisation"},
};
const struct sw_table sw_workers_table = {
	"workers", "worker|社工|人员", worker_cols, 8, check_worker, NULL, 1
};
