/* sw-report: monthly statistics, roll-up, targets and trends, from cron. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "sw/contract.h"
#include "sw/i18n.h"
#include "sw/labels.h"
#include "sw/err.h"
#include "sw/evaluate.h"
#include "sw/items.h"
#include "sw/out.h"
#include "sw/report.h"
#include "sw/reportclose.h"
#include "sw/store.h"
#include "sw/target.h"
#include "sw/valid.h"
#include "sw/workfig.h"

static const struct sw_cmd *all;	/* the subcommands (cmds, below) */

/* Options; each subcommand checks which it takes. */
static struct {
	char month[8], from[11], to[11], on[11];
	const char *from_arg, *to_arg;	/* as given, for trend's months */
	int by, compare, form, reopen, list;	/* form: SW_FMT_HTML or _REPORT_XLSX */
	const char *station, *indicator, *targets, *period, *reason;
	const char *system, *contract, *scores;	/* evaluate */
	const char *dbs[64];
	int ndb;
} o;

enum { OPT_MONTH = SW_OPT_LOCAL, OPT_FROM, OPT_TO, OPT_BY, OPT_STATION, OPT_COMPARE,
       OPT_INDICATOR, OPT_TARGETS, OPT_PERIOD, OPT_ON, OPT_REOPEN, OPT_REASON, OPT_LIST,
       OPT_SYSTEM, OPT_CONTRACT, OPT_SCORES };
enum { CMP_NONE, CMP_PREV, CMP_YOY };

static void parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		SW_LONGOPTS,
		{"month", required_argument, NULL, OPT_MONTH},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"by", required_argument, NULL, OPT_BY},
		{"station", required_argument, NULL, OPT_STATION},
		{"compare", required_argument, NULL, OPT_COMPARE},
		{"indicator", required_argument, NULL, OPT_INDICATOR},
		{"targets", required_argument, NULL, OPT_TARGETS},
		{"period", required_argument, NULL, OPT_PERIOD},
		{"on", required_argument, NULL, OPT_ON},
		{"reopen", no_argument, NULL, OPT_REOPEN},
		{"reason", required_argument, NULL, OPT_REASON},
		{"list", no_argument, NULL, OPT_LIST},
		{"system", required_argument, NULL, OPT_SYSTEM},
		{"contract", required_argument, NULL, OPT_CONTRACT},
		{"scores", required_argument, NULL, OPT_SCORES},
		{0}};
	int c;
	sw_date_today(o.on);	/* o.by: SW_BY_STATION unless preset */
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1) {
		switch (c) {
		case OPT_MONTH:
			sw_opt_month("month", optarg, o.month);
			break;
		case OPT_FROM: o.from_arg = optarg; break;
		case OPT_TO: o.to_arg = optarg; break;
		case OPT_BY:
			if ((o.by = sw_by_parse(optarg)) < 0)
				sw_usage_fail(_("--by: unknown level \"%s\" (expected station, township, regional, county, total)"), optarg);
			break;
		case OPT_STATION: o.station = optarg; break;
		case OPT_COMPARE:
			if (strcmp(optarg, "prev") == 0)
				o.compare = CMP_PREV;
			else if (strcmp(optarg, "yoy") == 0)
				o.compare = CMP_YOY;
			else
				sw_usage_fail(_("--compare: expected prev or yoy, not \"%s\""), optarg);
			break;
		case OPT_INDICATOR: o.indicator = optarg; break;
		case OPT_TARGETS: o.targets = optarg; break;
		case OPT_PERIOD: o.period = optarg; break;
		case OPT_ON: sw_opt_date("on", optarg, o.on); break;
		case OPT_REOPEN: o.reopen = 1; break;
		case OPT_REASON: o.reason = optarg; break;
		case OPT_LIST: o.list = 1; break;
		case OPT_SYSTEM: o.system = optarg; break;
		case OPT_CONTRACT: o.contract = optarg; break;
		case OPT_SCORES: o.scores = optarg; break;
		case SW_OPT_DB:
			if (o.ndb == (int)(sizeof o.dbs / sizeof o.dbs[0]))
				sw_usage_fail(_("--db: at most %d databases"), 64);
			o.dbs[o.ndb++] = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "html") == 0 || strcmp(optarg, "xlsx") == 0) {
				o.form = *optarg == 'h' ? SW_FMT_HTML : SW_FMT_REPORT_XLSX;
				break;
			}
			/* fall through */
		default: sw_cli_common(c, optarg);
		}
	}
	if (!o.ndb)
		o.dbs[o.ndb++] = sw_opt.db;
	if (o.form == SW_FMT_HTML && !sw_cli_takes_format("html")) {
		char list[128] = "";	/* the subcommands that take it, by their formats */
		for (const struct sw_cmd *c = all; c->name; c++)
			if (sw_cli_cmd_format(c, "html"))
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", *list ? ", " : "",
					 c->name);
		sw_usage_fail(_("%s: -f html is for %s"), argv[0], list);
	}
}

/* A period (what: as the report names it) that has not begun has
 * nothing to report: a usage error saying today's month or date. One
 * that has not ended is reported, with a warning that its figures are
 * partial (cron reports last month). from and to are dates. */
static void begun(const char *cmd, const char *what, const char *from, const char *to, int months)
{
	char today[11];
	sw_date_today(today);
	if (strcmp(from, today) > 0) {
		if (months)
			sw_usage_fail(_("%s: %s has not begun (this month is %.7s): nothing to report yet"),
				      cmd, what, today);
		sw_usage_fail(_("%s: %s has not begun (today is %s): nothing to report yet"), cmd, what, today);
	}
	if (strcmp(to, today) >= 0)
		sw_warn(_("%s: %s has not ended (today is %s): its figures are partial"), cmd, what, today);
}

/* The dates of --month, or of --from and --to, for the subcommands that
 * take either, once begun. */
static void month_or_dates(const char *cmd, char from[11], char to[11])
{
	char what[24];	/* the period as messages name it */
	if (o.month[0]) {
		sw_month_first(o.month, from);
		sw_month_last(o.month, to);
		snprintf(what, sizeof what, "%s", o.month);
	} else {
		sw_opt_date("from", o.from_arg, from);
		sw_opt_date("to", o.to_arg, to);
		snprintf(what, sizeof what, "%s..%s", from, to);
	}
	begun(cmd, what, from, to, o.month[0] != 0);
}

/* The output format: the report's form (-f html, xlsx) or sw_opt.fmt. */
static int out_fmt(void) { return o.form ? o.form : sw_opt.fmt; }

/* Other subcommands are listings: -f xlsx is the listing's workbook. */
static void listing_xlsx(void)
{
	if (o.form) {
		sw_cli_common('f', "xlsx");
		o.form = 0;
	}
}

/* Opens every --db for reading, and their station network. Databases
 * that cannot add up (one named twice, a station in two) are a usage
 * error before anything is written. */
static struct sw_net *open_all(struct sw_store **dbs)
{
	for (int i = 0; i < o.ndb; i++)
		if (!(dbs[i] = sw_store_open(o.dbs[i], SW_STORE_READONLY))) {
			while (i--)
				sw_store_close(dbs[i]);
			exit(SW_EXIT_FAIL);
		}
	int ok = sw_report_dbs_check(dbs, o.dbs, o.ndb);
	struct sw_net *n = ok == 0 ? sw_net_load(dbs, o.ndb) : NULL;
	if (n && n->nst == 0) {	/* a report of zeros would read as a quiet county */
		if (o.ndb > 1)
			sw_error(_("no station in any of the databases: import the station network "
				   "first (sw-station import)"));
		else
			sw_error(_("%s: holds no station: import the station network first "
				   "(sw-station import)"), sw_store_name(dbs[0]));
		sw_net_free(n);
		n = NULL;
	}
	if (!n) {
		for (int i = 0; i < o.ndb; i++)
			sw_store_close(dbs[i]);
		if (ok == 1)
			sw_usage();
		exit(SW_EXIT_FAIL);
	}
	return n;
}

static void close_all(struct sw_store **dbs, struct sw_net *n)
{
	sw_net_free(n);
	for (int i = 0; i < o.ndb; i++)
		sw_store_close(dbs[i]);
}

/* Applies --station and --by; an unknown station ends the command. */
static void scope(struct sw_store **dbs, struct sw_net *n, int by)
{
	if (sw_net_scope(n, o.station, by) != 0) {
		sw_error(_("%s: no such station"), o.station);
		close_all(dbs, n);
		exit(SW_EXIT_REJECTED);
	}
}

/* The same dates one year earlier; 29 February becomes the 28th. */
static void year_before(const char *d, char out[11])
{
	snprintf(out, 11, "%04u%.6s", (unsigned)(atoi(d) + 9999) % 10000u, d + 4);
	if (strcmp(out + 5, "02-29") == 0)
		out[9] = '8';
}

/* The compared period of [from, to]: the month or the same number of days
 * just before, or the same dates a year before. */
static void compared(int monthly, const char *from, const char *to, char pf[11], char pt[11])
{
	if (monthly) {
		char m[8];
		sw_month_add(o.month, o.compare == CMP_PREV ? -1 : -12, m);
		sw_month_first(m, pf);
		sw_month_last(m, pt);
	} else if (o.compare == CMP_YOY) {
		year_before(from, pf);
		year_before(to, pt);
	} else {
		long len = sw_date_days(to) - sw_date_days(from) + 1;
		sw_date_from_days(sw_date_days(from) - 1, pt);
		sw_date_from_days(sw_date_days(from) - len, pf);
	}
}

/* monthly and period: the figures of one period, per row of --by. */
static int run_report(int monthly, int argc, char **argv)
{
	parse(argc, argv);
	const char *cmd = monthly ? "monthly" : "period";
	if (optind < argc)
		sw_usage_fail(_("%s: unexpected argument"), cmd);
	struct sw_report r;
	memset(&r, 0, sizeof r);
	char bad[128];
	if (sw_figure_select(o.indicator, r.sel, bad, sizeof bad) != 0)
		sw_usage_fail(_("--indicator: unknown figure \"%s\""), bad);
	if (monthly) {
		if (!o.month[0] || o.from_arg || o.to_arg)
			sw_usage_fail(_("%s: give --month M (or use period --from --to)"), cmd);
		sw_month_first(o.month, r.from);
		sw_month_last(o.month, r.to);
		snprintf(r.period, sizeof r.period, "%s", o.month);
	} else {
		if (!o.from_arg || !o.to_arg || o.month[0])
			sw_usage_fail(_("%s: give --from DATE --to DATE"), cmd);
		sw_opt_date("from", o.from_arg, r.from);
		sw_opt_date("to", o.to_arg, r.to);
		if (strcmp(r.from, r.to) > 0)
			sw_usage_fail(_("--to: before --from %s"), r.from);
		snprintf(r.period, sizeof r.period, "%s..%s", r.from, r.to);
	}
	begun(cmd, r.period, r.from, r.to, monthly);
	struct sw_store *dbs[64];
	struct sw_net *n = open_all(dbs);
	scope(dbs, n, o.by);
	sw_net_warn_unplaced(n);
	r.by = o.by;
	r.net = n;
	r.ngroups = n->ngroups;
	int real = n->nst - (n->unplaced >= 0);	/* the row (unattributed) is last */
	r.scope = o.station ? n->st[sw_net_find(n, o.station)].name
		: real && (real == 1 || n->st[real - 1].up >= 0) && n->ngroups ? n->st[0].name : NULL;
	int rc = SW_EXIT_FAIL;
	struct sw_trend t = {0};
	r.v = sw_report_fill_tree(n, r.from, r.to, &r.tree);
	if (!r.v)
		goto out;
	if (o.compare) {
		char pf[11], pt[11];
		compared(monthly, r.from, r.to, pf, pt);
		if (!(r.prev = sw_report_fill_tree(n, pf, pt, &r.prevtree)))
			goto out;
	}
	/* Stations not yet open in the period show only if they have figures. */
	r.show = sw_xcalloc((size_t)n->ngroups + 1, sizeof *r.show);
	for (int g = 0; g < n->ngroups; g++) {
		const struct sw_station *s = n->rep[g] >= 0 ? &n->st[n->rep[g]] : NULL;
		r.show[g] = !s || !s->opened || strcmp(s->opened, r.to) <= 0;
		for (int f = 0; f < SW_NFIG && !r.show[g]; f++)
			r.show[g] = r.sel[f] && (r.v[(size_t)g * SW_NFIG + f] ||
						 (r.prev && r.prev[(size_t)g * SW_NFIG + f]));
	}
	if (monthly && sw_report_closed(dbs, o.ndb, o.month, r.fingerprint, sizeof r.fingerprint) != 0)
		goto out;
	if (o.form == SW_FMT_HTML) {
		char first[8], last[8];
		snprintf(last, sizeof last, "%.7s", r.to);
		sw_month_add(last, -11, first);
		if (!monthly && strncmp(r.from, first, 7) > 0)
			snprintf(first, sizeof first, "%.7s", r.from);
		if (sw_trend_fill(n, first, last, &t) != 0)
			goto out;
	}
	rc = sw_report_write(&r, sw_opt.output, out_fmt(), sw_opt.zh, &t) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
out:
	free(t.month);
	free(t.v);
	free(r.v);
	free(r.prev);
	free(r.tree);
	free(r.prevtree);
	free(r.show);
	close_all(dbs, n);
	return rc;
}

static int cmd_monthly(int argc, char **argv) { return run_report(1, argc, argv); }
static int cmd_period(int argc, char **argv) { return run_report(0, argc, argv); }

/* trend: a monthly series of figures per row of --by (default total). */
static int cmd_trend(int argc, char **argv)
{
	o.by = SW_BY_TOTAL;
	parse(argc, argv);
	listing_xlsx();
	if (optind < argc || !o.from_arg || !o.to_arg)
		sw_usage_fail(_("trend: give --from M --to M"));
	char first[8], last[8], bad[128];
	unsigned char sel[SW_NFIG];
	sw_opt_month("from", o.from_arg, first);
	sw_opt_month("to", o.to_arg, last);
	if (strcmp(first, last) > 0)
		sw_usage_fail(_("--to: before --from %s"), first);
	if (sw_figure_select(o.indicator ? o.indicator : "services", sel, bad, sizeof bad) != 0)
		sw_usage_fail(_("--indicator: unknown figure \"%s\""), bad);
	/* each month is a figure of its own: one not begun would count nothing */
	char d1[11], d2[11];
	sw_month_first(last, d1);
	sw_month_last(last, d2);
	begun("trend", last, d1, d2, 1);
	struct sw_store *dbs[64];
	struct sw_net *n = open_all(dbs);
	scope(dbs, n, o.by);
	sw_net_warn_unplaced(n);
	int rc = sw_trend_write(n, o.by, sel, first, last, sw_opt.output, sw_opt.fmt, sw_opt.zh);
	close_all(dbs, n);
	return rc;
}

/* completeness: stations expected to report in the month that have no
 * records dated in it. Status 1 when there are any. */
static int cmd_completeness(int argc, char **argv)
{
	parse(argc, argv);
	listing_xlsx();
	if (optind < argc || !o.month[0])
		sw_usage_fail(_("completeness: give --month M"));
	char from[11], to[11];
	month_or_dates("completeness", from, to);
	struct sw_store *dbs[64];
	struct sw_net *n = open_all(dbs);
	scope(dbs, n, SW_BY_STATION);
	int rc = sw_completeness_write(n, o.month, sw_opt.output, sw_opt.fmt);
	close_all(dbs, n);
	return rc;
}

/* workers: caseload, cases opened and closed, median days to close. */
static int cmd_workers(int argc, char **argv)
{
	parse(argc, argv);
	listing_xlsx();
	char from[11], to[11];
	if (optind < argc || (!o.month[0] == !(o.from_arg && o.to_arg)))
		sw_usage_fail(_("workers: give --month M or --from DATE --to DATE"));
	month_or_dates("workers", from, to);
	struct sw_store *dbs[64];
	struct sw_net *n = open_all(dbs);
	scope(dbs, n, SW_BY_STATION);
	int nrows = 0, rc = SW_EXIT_FAIL;
	struct sw_caseload *rows = sw_caseload_fill(n, from, to, &nrows);
	static const char *const names[] = {"worker_id", "name", "station_code", "caseload",
					    "cases_opened", "cases_closed", "median_days"};
	struct sw_out *out = rows ? sw_out_open(sw_opt.output, sw_opt.fmt, 7, names, "sssnnnn") : NULL;
	if (out) {
		for (int i = 0; i < nrows; i++) {
			char a[24], b[24], c[24];
			snprintf(a, sizeof a, "%lld", rows[i].caseload);
			snprintf(b, sizeof b, "%lld", rows[i].opened);
			snprintf(c, sizeof c, "%lld", rows[i].closed);
			const char *row[] = {rows[i].worker_id, rows[i].name, rows[i].station, a, b, c,
					     rows[i].median};
			sw_out_row(out, row);
		}
		rc = sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	}
	sw_caseload_free(rows, nrows);
	close_all(dbs, n);
	return rc;
}

/* items, workforce, referrals: views of the figures over a period, per
 * catalogue line or station (view NULL: items). */
static int casework(int argc, char **argv, const struct sw_view *view)
{
	parse(argc, argv);
	listing_xlsx();
	char from[11], to[11];
	if (optind < argc || (!o.month[0] == !(o.from_arg && o.to_arg)))
		sw_usage_fail(_("%s: give --month M or --from DATE --to DATE"), argv[0]);
	month_or_dates(argv[0], from, to);
	struct sw_store *dbs[64];
	struct sw_net *n = open_all(dbs);
	int rc = view ? sw_view_write(view, n, o.station, from, to, sw_opt.output, sw_opt.fmt)
		: sw_items_load(dbs, o.ndb) != 0 ? SW_EXIT_FAIL
		: sw_items_write(n, o.station, from, to, sw_opt.output, sw_opt.fmt);
	close_all(dbs, n);
	return rc;
}

static int cmd_items(int argc, char **argv) { return casework(argc, argv, NULL); }
static int cmd_workforce(int argc, char **argv) { return casework(argc, argv, &sw_workforce_view); }
static int cmd_referrals(int argc, char **argv) { return casework(argc, argv, &sw_referrals_view); }

/* targets: each target of FILE against its figure (lib/target_file.c). */
static int cmd_targets(int argc, char **argv)
{
	parse(argc, argv);
	listing_xlsx();
	if (optind < argc || !o.targets || (!o.period && !o.contract))
		sw_usage_fail(_("targets: give --targets FILE and --period YYYY or --contract C"));
	if (o.period && (strlen(o.period) != 4 || strspn(o.period, "0123456789") != 4))
		sw_usage_fail(_("--period: expected a year YYYY, not \"%s\""), o.period);
	struct sw_store *dbs[64];
	struct sw_net *n = open_all(dbs);
	struct sw_targets t = {o.targets, o.period, o.contract, o.on};
	int rc = sw_targets_write(n, &t, sw_opt.output, sw_opt.fmt, sw_opt.zh);
	close_all(dbs, n);
	return rc;
}

/* budget: each contract's spending against its amount, pro rata to --on.
 * Status 1 when a contract has spent more than its whole amount. */
static int cmd_budget(int argc, char **argv)
{
	parse(argc, argv);
	listing_xlsx();
	sw_cli_nargs(argc, 0, 0);
	if (o.ndb > 1)
		sw_usage_fail(_("%s: one --db at a time"), "budget");
	struct sw_store *s = sw_store_open(o.dbs[0], SW_STORE_READONLY);
	if (!s)
		return SW_EXIT_FAIL;
	char from[11], to[11];
	int known = o.contract ? sw_contract_get(s, o.contract, from, to, NULL, 0) : 1;
	if (known <= 0) {
		if (known == 0)
			sw_error(_("--contract: unknown contract \"%s\""), o.contract);
		sw_store_close(s);
		return known ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, SW_BUDGET_NCOLS, sw_budget_cols,
					 sw_budget_types);
	int rc = out ? sw_budget_write(s, o.contract, o.on, out,
				       sw_labels_zh(sw_out_format(out))) : -1;
	if (rc != 0 && rc != 1 && out)
		sw_out_abort(out);
	else if (out && sw_out_close(out) != 0)
		rc = -1;
	sw_store_close(s);
	return rc < 0 ? SW_EXIT_FAIL : rc ? SW_EXIT_REJECTED : SW_EXIT_OK;
}

/* Who runs close: for month_log. */
static const char *user_name(void)
{
	const char *u = getenv("LOGNAME");
	if (!u || !*u)
		u = getenv("USER");
	if (!u || !*u) {
		struct passwd *pw = getpwuid(getuid());
		u = pw ? pw->pw_name : "unknown";
	}
	return u;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* close --list: the closings and reopenings, oldest first. */
static int close_list(void)
{
	struct sw_store *s = sw_store_open(o.dbs[0], SW_STORE_READONLY);
	if (!s)
		return SW_EXIT_FAIL;
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_store_prep(s, "SELECT month, action, at, user,"
		" reason, fingerprint FROM month_log ORDER BY seq"));
	sw_store_close(s);
	return rc;
}

/* close --month M: locks the month and records its fingerprint;
 * close --month M --reopen --reason TEXT unlocks it, with the reason. */
static int cmd_close(int argc, char **argv)
{
	parse(argc, argv);
	listing_xlsx();
	if (optind < argc)
		sw_usage_fail(_("close: unexpected argument \"%s\""), argv[optind]);
	if (o.ndb != 1)
		sw_usage_fail(_("close: one --db at a time"));
	if (o.list)
		return close_list();
	if (!o.month[0])
		sw_usage_fail(_("close: give --month M"));
	if (o.reason && !o.reopen)
		sw_usage_fail(_("close: --reason goes with --reopen"));
	if (o.reopen && (!o.reason || !*o.reason))
		sw_usage_fail(_("close: --reopen needs --reason TEXT"));
	char last[11], today[11], at[32];
	sw_month_last(o.month, last);
	sw_date_today(today);
	if (!o.reopen && strcmp(last, today) >= 0) {
		sw_error(_("close: month %s has not ended"), o.month);
		return SW_EXIT_REJECTED;
	}
	struct sw_store *s = sw_store_open(o.dbs[0], 0);
	if (!s)
		return SW_EXIT_FAIL;
	now_iso(at);
	struct sw_close c = {o.month, o.reopen, o.reason, user_name(), at, "", 0};
	int rc = sw_month_close(s, &c);
	sw_store_close(s);
	if (rc == 1)
		sw_error(c.state == SW_CLOSE_NOT_CLOSED ? _("close: month %s is not closed")
			 : _("close: month %s is already closed"), o.month);
	else if (rc == 0 && o.reopen)
		sw_warn(_("%s: reopened"), o.month);
	else if (rc == 0)
		sw_warn(_("%s: closed, fingerprint %s"), o.month, c.fp);
	return rc < 0 ? SW_EXIT_FAIL : rc ? SW_EXIT_REJECTED : SW_EXIT_OK;
}

/* merge FILE...: county reports summed into one. */
static int cmd_merge(int argc, char **argv)
{
	parse(argc, argv);
	if (optind >= argc)
		sw_usage_fail(_("merge: give report files (written with -f csv)"));
	struct sw_report r;
	int rc = sw_report_merge(argv + optind, argc - optind, &r);
	if (!rc)
		rc = sw_report_write(&r, sw_opt.output, out_fmt(), sw_opt.zh, NULL) == 0 ? SW_EXIT_OK
			: SW_EXIT_FAIL;
	sw_net_free((struct sw_net *)r.net);
	sw_report_free(&r);
	return rc;
}

/* The period of evaluate: --from and --to, within the contract's when
 * there is one; the contract's own when they are not given. */
static void eval_period(const char *cfrom, const char *cto, struct sw_eval *e)
{
	if (!o.contract && (!o.from_arg || !o.to_arg))
		sw_usage_fail(_("evaluate: give --contract C or --from DATE --to DATE%s"), "");
	if (o.from_arg)
		sw_opt_date("from", o.from_arg, e->from);
	else
		snprintf(e->from, sizeof e->from, "%s", cfrom);
	if (o.to_arg)
		sw_opt_date("to", o.to_arg, e->to);
	else
		snprintf(e->to, sizeof e->to, "%s", cto);
	if (strcmp(e->from, e->to) > 0)
		sw_usage_fail(_("--to: before --from %s"), e->from);
	if (o.contract && (strcmp(e->from, cfrom) < 0 || strcmp(e->to, cto) > 0))
		sw_usage_fail(_("evaluate: the period is outside contract %s's"), o.contract);
	snprintf(e->period, sizeof e->period, "%s..%s", e->from, e->to);
}

/* Points no score was given for: a warning, and status 1 when a sheet
 * was given (it should have scored them). */
static int eval_unscored(const struct sw_eval *e, const struct sw_system *sys)
{
	if (!e->unscored)
		return SW_EXIT_OK;
	if (!o.scores) {
		sw_warn(_("%d points are scored by an evaluator: give their scores with --scores SHEET"
			  " (no grade until then)"), sys->nevaluator);
		return SW_EXIT_OK;
	}
	for (int k = 0; k < e->nst; k++) {
		int missing = 0;
		for (int i = 0; i < sys->n; i++)
			missing += sys->ind[i].point && e->score[(size_t)k * sys->n + i] < 0;
		if (missing)
			sw_warn(_("%s: station %s: %d of %d points an evaluator scores have no score (no grade)"),
				o.scores, e->net->st[e->st[k]].code, missing, sys->nevaluator);
	}
	return SW_EXIT_REJECTED;
}

/* evaluate: each station's scorecard under an indicator system. */
static int cmd_evaluate(int argc, char **argv)
{
	parse(argc, argv);
	if (o.form == SW_FMT_REPORT_XLSX) {	/* a listing's workbook, as for trend */
		sw_cli_common('f', "xlsx");
		o.form = 0;
	}
	if (optind < argc || !o.system)
		sw_usage_fail(_("evaluate: give --system FILE and --contract C or --from DATE --to DATE%s"), "");
	struct sw_input_opts in = {0};
	struct sw_system sys = {0};
	struct sw_store *dbs[64];
	struct sw_net *n = open_all(dbs);	/* the catalogue names figures rules may use */
	int rc = sw_items_load(dbs, o.ndb) != 0 ? 3 : sw_system_read(o.system, &in, &sys);
	if (rc) {
		sw_system_free(&sys);
		close_all(dbs, n);
		return rc == 3 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	struct sw_eval e = {.sys = &sys, .net = n};
	char cfrom[11] = "", cto[11] = "", **codes = NULL;
	rc = SW_EXIT_REJECTED;
	if (o.contract && sw_eval_contract(dbs, o.ndb, o.contract, cfrom, cto, &codes) != 0)
		goto out;
	eval_period(cfrom, cto, &e);
	begun("evaluate", e.period, e.from, e.to, 0);
	if (sw_eval_stations(&e, o.station, codes) != 0)
		goto out;
	if (!e.nst) {
		sw_error(_("evaluate: no station to evaluate (none reports in the period)%s"), "");
		goto out;
	}
	rc = sw_eval_run(&e, o.scores, &in);
	if (rc == 0) {
		rc = eval_unscored(&e, &sys);
		if (sw_eval_write(&e, sw_opt.output, out_fmt()) != 0)
			rc = SW_EXIT_FAIL;
	} else
		rc = rc == 3 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
out:
	for (int i = 0; codes && codes[i]; i++)
		free(codes[i]);
	free(codes);
	sw_eval_free(&e);
	sw_system_free(&sys);
	close_all(dbs, n);
	return rc;
}

static const char level_notes[] = N_("LEVEL: station, township, regional, county, total");
/* A listing's formats: the program's but html (monthly, period, merge
 * and evaluate write a page). */
#define O_LIST SW_O_OUT "formats=csv|tsv|json|jsonl|table|md|xlsx"
#define PERIOD_OPTS "month from to station" O_LIST

static const struct sw_cmd cmds[] = {
	{"monthly", cmd_monthly,
	 N_("monthly --month M [--by LEVEL] [--station CODE] [--compare prev|yoy]\n"
	    "[--indicator LIST]"),
	 "month by station compare indicator" SW_O_OUT, level_notes},
	{"period", cmd_period, N_("period --from DATE --to DATE [same options as monthly]"),
	 "from to by station compare indicator" SW_O_OUT, level_notes},
	{"trend", cmd_trend,
	 N_("trend --from M --to M [--indicator LIST] [--by LEVEL] [--station CODE]"),
	 "from to indicator by station" O_LIST, level_notes},
	{"targets", cmd_targets,
	 N_("targets --targets FILE (--period YYYY | --contract C) [--on DATE]"),
	 "targets period contract on" O_LIST, NULL},
	{"completeness", cmd_completeness, N_("completeness --month M [--station CODE]"),
	 "month station" O_LIST, NULL},
	{"workers", cmd_workers, N_("workers (--month M | --from DATE --to DATE) [--station CODE]"),
	 PERIOD_OPTS, NULL},
	{"items", cmd_items, N_("items (--month M | --from DATE --to DATE) [--station CODE]"),
	 PERIOD_OPTS, NULL},
	{"workforce", cmd_workforce,
	 N_("workforce (--month M | --from DATE --to DATE) [--station CODE]"), PERIOD_OPTS, NULL},
	{"referrals", cmd_referrals,
	 N_("referrals (--month M | --from DATE --to DATE) [--station CODE]"), PERIOD_OPTS, NULL},
	{"budget", cmd_budget, N_("budget [--contract C] [--on DATE]"), "contract on" O_LIST, NULL},
	{"close", cmd_close, N_("close --month M [--reopen --reason TEXT] | close --list"),
	 "month reopen reason list" O_LIST, NULL},
	{"merge", cmd_merge, N_("merge FILE..."), SW_O_OUT, NULL},
	{"evaluate", cmd_evaluate,
	 N_("evaluate --system FILE (--contract C | --from DATE --to DATE)\n"
	    "[--station CODE] [--scores SHEET]"),
	 "system contract from to station scores" SW_O_OUT, NULL},
	{NULL, NULL, NULL, NULL, NULL}};

int main(int argc, char **argv)
{
	sw_cli_init(argc, argv);
	sw_cli_formats = "csv|tsv|json|jsonl|table|md|xlsx|html";
	all = cmds;
	/* merge reads report files, no database; the others read a file or a
	 * server alike (sw-report(1) --db) */
	return sw_cli_dispatch(argc, argv, cmds);
}
