/* Contracts, their staffing and their spending (see sw/contract.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/contract.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/text.h"
#include "sw/station.h"
#include "sw/store.h"
#include "sw/valid.h"
#include "sw/vocab.h"

#define REQ (SW_C_REQUIRED | SW_C_NOTNULL)

enum { CO_ID, CO_TITLE, CO_BUYER, CO_TOWNSHIP, CO_CONTRACTOR, CO_SIGNED, CO_START, CO_END,
       CO_AMOUNT, CO_FUNDING, CO_STATIONS };
enum { SP_ID, SP_CONTRACT, SP_DATE, SP_CATEGORY, SP_AMOUNT, SP_NOTE };

/* 1 if the ';'-joined list holds code. */
static int in_list(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
		if (strncmp(p, code, n) == 0 && (p[n] == ';' || !p[n]))
			return 1;
	return 0;
}

/* The stations cell as codes that exist, deduplicated, joined by ';' into
 * out. 0, or -1 with why. */
static int norm_stations(struct sw_store *s, const char *in, char *out, size_t len, char *why, size_t whylen)
{
	char word[128], code[128];
	size_t used = 0;
	*out = 0;
	for (const char *p = in; *p;) {
		size_t n = 0, sep = 0;
		while (p[n] && !(sep = sw_vocab_sep(p + n, 1)))
			n++;
		if (n >= sizeof word) {	/* checked whole, never cut to fit */
			sw_msg(why, whylen, _("stations: a station code longer than %zu characters"),
			       sizeof word - 1);
			return -1;
		}
		snprintf(word, sizeof word, "%.*s", (int)n, p);
		p += n + sep;
		if (!*word)
			continue;
		if (sw_code_parse(word, code, sizeof code, why, whylen) != 0) {
			char r[160];
			snprintf(r, sizeof r, "%s", why);
			sw_msg(why, whylen, _("stations: %s"), r);
			return -1;
		}
		int found = sw_station_exists(s, code);
		if (found < 0) {
			sw_msg(why, whylen, _("%s: the stored rows could not be read"), "stations");
			return -1;
		}
		if (!found) {
			sw_msg(why, whylen, _("stations: unknown station \"%.60s\""), code);
			return -1;
		}
		if (in_list(out, code))
			continue;
		if (used + strlen(code) + 2 > len) {
			sw_msg(why, whylen, _("stations: too many stations"));
			return -1;
		}
		used += (size_t)snprintf(out + used, len - used, "%s%s", used ? ";" : "", code);
	}
	if (!*out) {
		sw_msg(why, whylen, _("stations: required"));
		return -1;
	}
	return 0;
}

/* Another contract whose period overlaps [from, to] and that covers one of
 * stations: a station is run under one contract at a time. 0, -1 with why. */
static int overlap(struct sw_store *s, const char **v, const char *stations, char *why, size_t whylen)
{
	struct sw_stmt *st = sw_store_stmt(s, "SELECT contract_id, start, \"end\", stations FROM contracts"
		" WHERE contract_id <> ?1 AND start <= ?3 AND \"end\" >= ?2 ORDER BY start, contract_id");
	sw_stmt_bind_text(st, 1, v[CO_ID]);
	sw_stmt_bind_text(st, 2, v[CO_START]);
	sw_stmt_bind_text(st, 3, v[CO_END]);
	int rc = SW_DONE, bad = 0;
	while (!bad && (rc = sw_stmt_step(st)) == SW_ROW) {
		const char *other = sw_stmt_text(st, 3);
		char code[128];
		for (const char *p = stations; !bad && sw_list_next(&p, code, sizeof code) > 0;) {
			if (in_list(other, code)) {
				sw_msg(why, whylen, _("stations: %s is in contract %s too, from %s to %s: "
				       "a station is under one contract at a time"), code,
				       sw_stmt_text(st, 0), sw_stmt_text(st, 1), sw_stmt_text(st, 2));
				bad = 1;
			}
		}
	}
	sw_stmt_release(st);
	if (!bad && rc < 0)
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "stations");
	return bad || rc < 0 ? -1 : 0;
}

static int check_contract(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	static char stations[4096];
	struct sw_store *s = sw_import_store(im);
	char day[16];
	if (strcmp(v[CO_END], v[CO_START]) < 0) {
		sw_msg(why, whylen, _("end: %s is before start %s"), v[CO_END], v[CO_START]);
		return -1;
	}
	if (v[CO_SIGNED] && strcmp(v[CO_SIGNED], v[CO_END]) > 0) {
		sw_msg(why, whylen, _("signed_on: %s is after end %s"), v[CO_SIGNED], v[CO_END]);
		return -1;
	}
	if (norm_stations(s, v[CO_STATIONS], stations, sizeof stations, why, whylen) != 0)
		return -1;
	/* the contracts given before it in the file count (on a server,
	 * stored first) */
	if (sw_import_flush(im) != 0) {
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "stations");
		return -1;
	}
	if (overlap(s, v, stations, why, whylen) != 0)
		return -1;
	v[CO_STATIONS] = stations;
	/* a new period must still hold what was spent under the contract */
	const char *k[3] = {v[CO_ID], v[CO_START], v[CO_END]};
	int outside = sw_store_text(s, "SELECT min(date) FROM spending WHERE"
				    " contract_id = ?1 AND (date < ?2 OR date > ?3)", 3, k, day, sizeof day);
	if (outside < 0) {	/* said; the row cannot be checked, so it is not stored */
		sw_msg(why, whylen, _("start, end: the contract's spending could not be read"));
		return -1;
	}
	if (outside) {
		sw_msg(why, whylen, _("start, end: spending of the contract on %s would fall outside "
		       "%s to %s"), day, v[CO_START], v[CO_END]);
		return -1;
	}
	return 0;
}

int sw_contract_get(struct sw_store *s, const char *id, char from[11], char to[11], char *stations,
		    size_t len)
{
	char buf[4200];
	int rc = sw_store_text(s, "SELECT start || '|' || \"end\" || '|' || stations"
			       " FROM contracts WHERE contract_id = ?1", 1, &id, buf, sizeof buf);
	if (rc <= 0)
		return rc;
	snprintf(from, 11, "%.10s", buf);
	snprintf(to, 11, "%.10s", buf + 11);
	if (stations)
		snprintf(stations, len, "%s", buf + 22);
	return 1;
}

/* Spending is on a day of its contract's period. */
static int check_spending(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	char from[11], to[11];
	int rc = sw_contract_get(sw_import_store(im), v[SP_CONTRACT], from, to, NULL, 0);
	if (rc < 0) {
		sw_msg(why, whylen, _("%s: the stored rows could not be read"), "contract_id");
		return -1;
	}
	if (rc == 0)
		return 0;	/* an unknown contract: the reference check says so */
	if (strcmp(v[SP_DATE], from) < 0 || strcmp(v[SP_DATE], to) > 0) {
		sw_msg(why, whylen, _("date: %s is outside contract %s's period (%s to %s)"), v[SP_DATE],
		       v[SP_CONTRACT], from, to);
		return -1;
	}
	return 0;
}

static const struct sw_column contract_cols[] = {
	[CO_ID] = {"contract_id", "合同编号|项目编号|编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	[CO_TITLE] = {"title", "合同名称|项目名称|名称", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	[CO_BUYER] = {"buyer", "购买方|购买主体|采购人|甲方", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	/* the township government that gives the premises (三方协议) */
	[CO_TOWNSHIP] = {"township", "乡镇|乡镇街道|属地乡镇|场地提供方|丙方", SW_T_TEXT, NULL, 0, 0, 0, NULL,
			 NULL},
	[CO_CONTRACTOR] = {"contractor", "承接机构|承接方|服务机构|乙方", SW_T_CODE, NULL, REQ, 0, 0,
			   "orgs.org_id", "organisation"},
	[CO_SIGNED] = {"signed_on", "签订日期|签约日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	[CO_START] = {"start", "开始日期|服务开始日期|起始日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	[CO_END] = {"end", "结束日期|服务结束日期|截止日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	[CO_AMOUNT] = {"amount", "合同金额|金额|项目金额", SW_T_MONEY, NULL, REQ, 0, 0, NULL, NULL},
	[CO_FUNDING] = {"funding_source", "资金来源|经费来源", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	[CO_STATIONS] = {"stations", "覆盖站点|服务站点|站点", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
};
const struct sw_table sw_contracts_table = {
	"contracts", "contract|合同|购买服务合同", contract_cols,
	sizeof contract_cols / sizeof contract_cols[0], check_contract, NULL, 0
};

static const struct sw_column staffing_cols[] = {
	{"contract_id", "合同编号|项目编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, "contracts.contract_id",
	 "contract"},
	{"role", "岗位|岗位类型|社工类型", SW_T_VOCAB, "staffing_role", SW_C_KEY, 0, 0, NULL, NULL},
	/* at each of the contract's stations */
	{"count", "人数|配备人数|每站人数", SW_T_INT, NULL, REQ, 1, 1000, NULL, NULL},
};
const struct sw_table sw_contract_staffing_table = {
	"contract_staffing", "staffing|岗位配备|人员配备", staffing_cols,
	sizeof staffing_cols / sizeof staffing_cols[0], NULL, NULL, 0
};

static const struct sw_column spending_cols[] = {
	[SP_ID] = {"spending_id", "支出编号|凭证号|记账凭证号", SW_T_CODE, NULL, SW_C_KEY | SW_C_MADE, 0, 0,
		   NULL, NULL},
	[SP_CONTRACT] = {"contract_id", "合同编号|项目编号", SW_T_CODE, NULL, REQ, 0, 0,
			 "contracts.contract_id", "contract"},
	[SP_DATE] = {"date", "支出日期|日期|记账日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	[SP_CATEGORY] = {"category", "支出类别|类别|费用类别|科目", SW_T_VOCAB, "spending_category", REQ, 0,
			 0, NULL, NULL},
	[SP_AMOUNT] = {"amount", "金额|支出金额", SW_T_MONEY, NULL, REQ, 0, 0, NULL, NULL},
	[SP_NOTE] = {"note", "备注|摘要|说明", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_spending_table = {
	"spending", "支出|经费支出|资金支出", spending_cols,
	sizeof spending_cols / sizeof spending_cols[0], check_spending, NULL, 0
};

/* The shortfalls of one contract's station: its staffing rows against the
 * station's own workers active on the day. */
static int station_short(struct sw_stmt *need, const char *contract, const char *code,
			 int (*fn)(void *, const struct sw_shortfall *), void *ctx)
{
	int rc = SW_DONE, found = 0, stop = 0;
	sw_stmt_bind_text(need, 1, contract);
	sw_stmt_bind_text(need, 3, code);
	while (!stop && (rc = sw_stmt_step(need)) == SW_ROW) {
		struct sw_shortfall s = {
			.contract_id = contract, .station_code = code, .station_name = sw_stmt_text(need, 0),
			.role = sw_stmt_text(need, 1), .required = (long)sw_stmt_int64(need, 2),
			.active = (long)sw_stmt_int64(need, 3)};
		if (s.active >= s.required)
			continue;
		found++;
		stop = fn(ctx, &s) != 0;
	}
	if (stop)
		sw_stmt_reset(need);
	return stop || rc < 0 ? -1 : found;
}

int sw_staffing_short(struct sw_store *s, const char *on, const char *station,
		      int (*fn)(void *ctx, const struct sw_shortfall *s), void *ctx)
{
	struct sw_stmt *cs = sw_store_prep(s, "SELECT contract_id, stations FROM contracts"
		" WHERE start <= ?1 AND \"end\" >= ?1 ORDER BY contract_id");
	struct sw_stmt *need = sw_store_prep(s, "SELECT s.name, r.role, r.count,"
		" (SELECT count(*) FROM workers w WHERE w.station_code = ?3"
		"   AND (r.role = 'any' OR w.role = r.role) AND " SW_WORKER_ACTIVE("w", "?2") ")"
		" FROM contract_staffing r LEFT JOIN stations s ON s.code = ?3"
		" WHERE r.contract_id = ?1 ORDER BY r.role");
	sw_stmt_bind_text(cs, 1, on);
	sw_stmt_bind_text(need, 2, on);
	int rc = SW_DONE, total = 0, n = 0;
	while (n >= 0 && (rc = sw_stmt_step(cs)) == SW_ROW) {
		const char *id = sw_stmt_text(cs, 0), *list = sw_stmt_text(cs, 1);
		char code[128];
		for (const char *p = list; n >= 0 && sw_list_next(&p, code, sizeof code) > 0;) {
			if (station && strcmp(code, station) != 0)
				continue;
			if ((n = station_short(need, id, code, fn, ctx)) >= 0)
				total += n;
		}
	}
	sw_stmt_finalize(cs);
	sw_stmt_finalize(need);
	return n < 0 || rc < 0 ? -1 : total;
}
