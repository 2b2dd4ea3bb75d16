/* The targets listing (sw-report targets): each row of a targets file
 * whose period overlaps the year asked (or that belongs to the contract
 * asked), against the figure over the station's subtree as of a date. A
 * file whose header starts with contract_id attaches each row to a
 * contract: an empty station_code means each of its stations, empty from
 * and to its period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/contract.h"
#include "sw/csvio.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/items.h"
#include "sw/out.h"
#include "sw/store.h"
#include "sw/target.h"
#include "sw/text.h"
#include "sw/valid.h"

struct target {
	char *station, *contract;
	int fig;
	char from[11], to[11];
	long long target;
};

/* Appends a target. */
static void add_target(struct target **out, int *count, int *cap, const char *station,
		       const char *contract, int fig, const char *from, const char *to, long long target)
{
	if (*count == *cap)
		*out = sw_xrealloc(*out, (size_t)(*cap = *cap ? 2 * *cap : 16) * sizeof **out);
	struct target *t = &(*out)[(*count)++];
	t->station = sw_xstrdup(station);
	t->contract = contract ? sw_xstrdup(contract) : NULL;
	t->fig = fig;
	memcpy(t->from, from, 11);
	memcpy(t->to, to, 11);
	t->target = target;
}

/* The contract of a row (f[0]) into its period and stations, looked up in
 * each database; why when unknown or the row's station is not one of its
 * stations. 0 or -1. */
static int row_contract(const struct sw_net *n, char **f, char cfrom[11], char cto[11],
			char *stations, size_t len, char *why, size_t whylen)
{
	int found = 0;
	for (int d = 0; d < n->ndb && found <= 0; d++)
		found = sw_contract_get(n->db[d], f[0], cfrom, cto, stations, len);
	if (found <= 0) {
		snprintf(why, whylen, _("contract_id: unknown contract \"%.60s\""), f[0]);
		return -1;
	}
	char list[4200];
	snprintf(list, sizeof list, ";%s;", stations);
	char want[200];
	snprintf(want, sizeof want, ";%.60s;", f[1]);
	if (*f[1] && !strstr(list, want)) {
		snprintf(why, whylen, _("station_code: %.60s is not a station of contract %.60s"), f[1], f[0]);
		return -1;
	}
	return 0;
}

/* Reads and checks the targets file. Returns the count, or -1 when a row
 * is bad (each printed), -2 when the file cannot be read. */
static int read_targets(const struct sw_net *n, const struct sw_targets *o, struct target **out,
			int *by_contract)
{
	struct sw_csv *csv = sw_csv_open(o->file, NULL);
	if (!csv)
		return -2;
	const char *fname = sw_csv_name(csv);
	static const char *const cols[] = {"contract_id", "station_code", "indicator", "from", "to",
					   "target"};
	struct sw_row row;
	int rc, count = 0, bad = 0, cap = 0, c = 0;	/* c: 1 with contract_id */
	*out = NULL;
	*by_contract = 0;
	if ((rc = sw_csv_next(csv, &row)) == 1) {
		*by_contract = c = row.nf == 6;
		int ok = row.nf == 5 + c;
		for (int i = 0; ok && i < row.nf; i++)
			ok = strcmp(row.f[i], cols[i + 1 - c]) == 0;
		if (!ok) {
			sw_error_at(fname, row.line, _("header: expected station_code,indicator,from,to,target"));
			bad = 2;
		}
	}
	while (bad != 2 && (rc = sw_csv_next(csv, &row)) == 1) {
		char why[200] = "", from[11] = "", to[11] = "", cfrom[11] = "", cto[11] = "", list[4200] = "";
		int fig = -1;
		long long target = 0;
		char **f = row.f + c;	/* the station_code... fields */
		if (row.bad)
			snprintf(why, sizeof why, "%s", row.bad);
		else if (row.nf != 5 + c)
			snprintf(why, sizeof why, _("expected %d fields, found %d"), 5 + c, row.nf);
		else if (c && o->contract && strcmp(row.f[0], o->contract) != 0)
			continue;
		else if (c && row_contract(n, row.f, cfrom, cto, list, sizeof list, why, sizeof why) != 0)
			;
		else if ((*f[0] || !c) && sw_net_find(n, f[0]) < 0)
			snprintf(why, sizeof why, _("station_code: unknown station \"%.60s\""), f[0]);
		else if ((fig = sw_figure_resolve(f[1], why + 11, sizeof why - 11)) == -1)
			snprintf(why, sizeof why, _("indicator: unknown figure \"%.60s\""), f[1]);
		else if (fig < 0)
			memcpy(why, "indicator: ", 11);
		else if ((*f[2] || !c) && sw_date_parse(f[2], from, why + 6, sizeof why - 6) != 0)
			memcpy(why, "from: ", 6);
		else if ((*f[3] || !c) && sw_date_parse(f[3], to, why + 4, sizeof why - 4) != 0)
			memcpy(why, "to: ", 4);
		else if (c && !*from && !*to) {
			memcpy(from, cfrom, 11);	/* the contract's period */
			memcpy(to, cto, 11);
		}
		if (why[0] || fig < 0)
			;
		else if (!*from || !*to)
			snprintf(why, sizeof why, _("from, to: give both or neither (the contract's period)"));
		else if (strcmp(to, from) < 0)
			snprintf(why, sizeof why, _("to: %s is before from %s"), to, from);
		else if (c && (strcmp(from, cfrom) < 0 || strcmp(to, cto) > 0))
			snprintf(why, sizeof why, _("from, to: %s to %s is outside contract %.60s's period "
				 "(%s to %s)"), from, to, row.f[0], cfrom, cto);
		else if (sw_figure_parse(fig, f[4], &target) != 0 || target < 0)
			snprintf(why, sizeof why, _("target: not a number"));
		if (why[0]) {
			sw_error_at(fname, row.line, "%s", why);
			bad = 1;
			continue;
		}
		/* only targets whose period overlaps the year */
		if (o->period && (strncmp(from, o->period, 4) > 0 || strncmp(to, o->period, 4) < 0))
			continue;
		if (*f[0]) {
			add_target(out, &count, &cap, f[0], c ? row.f[0] : NULL, fig, from, to, target);
			continue;
		}
		/* each station of the contract */
		char code[128];
		for (const char *p = list; sw_list_next(&p, code, sizeof code) > 0;)
			if (sw_net_find(n, code) >= 0)
				add_target(out, &count, &cap, code, row.f[0], fig, from, to, target);
	}
	if (rc < 0) {
		sw_error_at(fname, sw_csv_errline(csv), "%s", sw_csv_error(csv));
		bad = 1;
	}
	sw_csv_close(csv);
	if (bad)
		while (count--) {
			free((*out)[count].station);
			free((*out)[count].contract);
		}
	return bad ? -1 : count;
}

/* A target's figure over the scope of n from its start to upto (0 when
 * upto is before it): the report's, or the catalogue's. 0 or -1 (printed). */
static int target_actual(const struct sw_net *n, const struct target *t, const char *upto,
			 long long *actual)
{
	*actual = 0;
	if (strcmp(upto, t->from) < 0)
		return 0;
	int stride;
	long long *v = sw_figures_fill(n, t->from, upto, t->fig >= SW_NFIG, &stride);
	if (!v)
		return -1;
	*actual = v[(size_t)n->ngroups * stride + t->fig];
	free(v);
	return 0;
}

/* 1 if a database of n knows contract id. */
static int contract_known(const struct sw_net *n, const char *id)
{
	int known = 0;
	for (int d = 0; d < n->ndb && !known; d++) {
		char f[11], l[11];
		known = sw_contract_get(n->db[d], id, f, l, NULL, 0) > 0;
	}
	return known;
}

int sw_targets_write(struct sw_net *n, const struct sw_targets *o, const char *path, int fmt, int zh)
{
	if (sw_items_load(n->db, n->ndb) != 0)
		return SW_EXIT_FAIL;
	struct target *t = NULL;
	int c, nt = read_targets(n, o, &t, &c), rc = nt == -2 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	int nread = nt > 0 ? nt : 0;	/* freed at the end, refused or not */
	if (nt >= 0 && o->contract && !c) {
		sw_error(_("--contract: %s has no contract_id column"), o->file);
		nt = -1;
	}
	if (nt >= 0 && o->contract && !contract_known(n, o->contract)) {
		sw_error(_("--contract: unknown contract \"%s\""), o->contract);
		nt = -1;
	}
	/* with contract_id first when the file attaches targets to contracts */
	static const char *const names[] = {"contract_id", "station_code", "station_name", "indicator",
		"label", "from", "to", "target", "actual", "completion_pct", "expected", "status"};
	struct sw_out *out = nt >= 0 ? sw_out_open(path, fmt, 11 + c, names + 1 - c,
						   "sssssssnnnns" + 1 - c) : NULL;
	if (nt >= 0)
		rc = out ? SW_EXIT_OK : SW_EXIT_FAIL;
	for (int i = 0; out && i < nt; i++) {
		struct sw_target_eval e;
		char upto[11], tv[32], av[32];
		/* the figure over [from, min(to, on)]; nothing before from */
		snprintf(upto, sizeof upto, "%s", strcmp(o->on, t[i].to) < 0 ? o->on : t[i].to);
		sw_net_scope(n, t[i].station, SW_BY_TOTAL);
		long long actual;
		if (target_actual(n, &t[i], upto, &actual) != 0) {
			rc = SW_EXIT_FAIL;
			break;
		}
		sw_target_eval(t[i].fig, t[i].from, t[i].to, o->on, t[i].target, actual, &e);
		sw_figure_fmt(t[i].fig, t[i].target, tv, sizeof tv);
		sw_figure_fmt(t[i].fig, actual, av, sizeof av);
		const char *status = e.on_track ? _("on track") : _("behind");
		const char *row[] = {t[i].contract, t[i].station, n->st[sw_net_find(n, t[i].station)].name,
			sw_figure_def(t[i].fig)->key, sw_figure_label(t[i].fig, zh), t[i].from, t[i].to,
			tv, av, e.completion, e.expected, status};
		sw_out_row(out, row + 1 - c);
	}
	if (out && (rc != SW_EXIT_OK ? (sw_out_abort(out), 1) : sw_out_close(out) != 0))
		rc = rc ? rc : SW_EXIT_FAIL;
	for (int i = 0; i < nread; i++) {
		free(t[i].station);
		free(t[i].contract);
	}
	free(t);
	return rc;
}
