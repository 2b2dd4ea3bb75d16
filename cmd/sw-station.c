/* sw-station: the station network, its staff, and coverage of the county. */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "sw/audit.h"
#include "sw/contract.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/html.h"
#include "sw/labels.h"
#include "sw/out.h"
#include "sw/partners.h"
#include "sw/pg.h"
#include "sw/staff.h"
#include "sw/station.h"
#include "sw/store.h"
#include "sw/valid.h"
#include "sw/vocab.h"
#include "sw/volrecord.h"

/* A workbook's sheets are imported in this order: orgs before the workers
 * who name their employer (a station names its operator once both are in). */
static const struct sw_table *const tables[] = {
	&sw_stations_table, &sw_divisions_table, &sw_orgs_table, &sw_workers_table,
	&sw_certificates_table, &sw_supervision_table, &sw_training_table, &sw_volunteers_table,
	&sw_volunteer_hours_table, &sw_resources_table, &sw_resource_uses_table, &sw_contracts_table,
	&sw_contract_staffing_table, &sw_spending_table, NULL
};

/* Options of the listing subcommands. */
static const char *o_level, *o_parent, *o_station, *o_role;
static int o_active, o_certified, o_uncovered, o_on_set;
static char o_on[11];

enum { OPT_LEVEL = SW_OPT_LOCAL, OPT_PARENT, OPT_ACTIVE, OPT_ON, OPT_STATION, OPT_ROLE,
       OPT_CERTIFIED, OPT_UNCOVERED };

static void parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		SW_LONGOPTS,
		{"table", required_argument, NULL, SW_OPT_TABLE},
		{"level", required_argument, NULL, OPT_LEVEL},
		{"parent", required_argument, NULL, OPT_PARENT},
		{"active", no_argument, NULL, OPT_ACTIVE},
		{"on", required_argument, NULL, OPT_ON},
		{"station", required_argument, NULL, OPT_STATION},
		{"role", required_argument, NULL, OPT_ROLE},
		{"certified", no_argument, NULL, OPT_CERTIFIED},
		{"uncovered", no_argument, NULL, OPT_UNCOVERED},
		{0}};
	int c;
	sw_date_today(o_on);
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1) {
		switch (c) {
		case OPT_LEVEL: o_level = optarg; break;
		case OPT_PARENT: o_parent = optarg; break;
		case OPT_ACTIVE: o_active = 1; break;
		case OPT_STATION: o_station = optarg; break;
		case OPT_ROLE: o_role = optarg; break;
		case OPT_CERTIFIED: o_certified = 1; break;
		case OPT_UNCOVERED: o_uncovered = 1; break;
		case OPT_ON:
			sw_opt_date("on", optarg, o_on);
			o_on_set = 1;
			break;
		default: sw_cli_common(c, optarg);
		}
	}
}

static int cmd_import(int argc, char **argv) { return sw_run_import(argc, argv, tables); }
static int cmd_add(int argc, char **argv) { return sw_run_add(argc, argv, tables); }
static int cmd_export(int argc, char **argv) { return sw_run_export(argc, argv, tables); }
static int cmd_vocab(int argc, char **argv) { return sw_run_vocab(argc, argv); }
static int cmd_template(int argc, char **argv) { return sw_run_template(argc, argv, tables); }

static int cmd_list(int argc, char **argv)
{
	parse(argc, argv);
	const struct sw_table *t = sw_opt.table ? sw_table_find(tables, sw_opt.table) : tables[0];
	if (!t)
		sw_usage_fail(_("--table: unknown table \"%s\" (expected stations, divisions, workers)"), sw_opt.table);
	if (t != &sw_stations_table || optind < argc) {
		if (o_level || o_parent || o_active)
			sw_usage_fail(_("list --table %s: --level, --parent and --active list stations; "
				 "filter with COLUMN=VALUE"), t->name);
		return sw_run_list(t, argc - optind, argv + optind, o_station, 0);
	}
	const char *level = sw_opt_vocab("level", "level", o_level);
	struct sw_store *s = sw_open_store(0);
	if (o_parent)
		sw_station_need(s, o_parent);
	struct sw_station_query q = {.code = o_parent, .level = level, .on = o_on, .active = o_active};
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_stations_stmt(s, &q));
	sw_store_close(s);
	return rc;
}

static int cmd_show(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 1, 1);
	const char *code = argv[optind];
	struct sw_store *s = sw_open_store(0);
	sw_station_need(s, code);
	static const char *const keys[] = {"station", "staff", "children"};
	const char *titles[] = {_("Station"), _("Staff"), _("Children")};
	struct sw_stmt *sts[3];
	sw_station_stmts(s, code, sts);
	int rc = sw_out_show(sw_opt.output, sw_opt.fmt, 3, keys, titles, sts, NULL);
	sw_store_close(s);
	return rc;
}

static int cmd_tree(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 0, 1);
	struct sw_station_query q = {.code = optind < argc ? argv[optind] : NULL, .on = o_on,
				     .indent = sw_fmt_human(sw_opt.fmt, sw_opt.output)};
	struct sw_store *s = sw_open_store(0);
	if (q.code)
		sw_station_need(s, q.code);
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_tree_stmt(s, &q));
	sw_store_close(s);
	return rc;
}

static int cmd_close(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 1, 1);
	if (!o_on_set)
		sw_usage_fail(_("close: --on DATE is required"));
	struct sw_store *s = sw_open_store(0);
	int rc = sw_station_close(s, argv[optind], o_on);
	sw_store_close(s);
	return rc < 0 ? SW_EXIT_FAIL : rc ? SW_EXIT_REJECTED : SW_EXIT_OK;
}

static int cmd_workers(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 0, 0);
	struct sw_station_query q = {.code = o_station, .role = sw_opt_vocab("role", "role", o_role),
		.on = o_on, .active = o_active, .certified = o_certified};
	struct sw_store *s = sw_open_store(0);
	if (o_station)
		sw_station_need(s, o_station);
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_workers_stmt(s, &q));
	sw_store_close(s);
	return rc;
}

/* One county's coverage as a row, in percent to one decimal. */
static int coverage_row(void *ctx, const struct sw_coverage *c)
{
	char n[4][24], tp[24], vp[24];
	long v[4] = {c->townships, c->townships_covered, c->villages, c->villages_covered};
	for (int i = 0; i < 4; i++)
		snprintf(n[i], sizeof n[i], "%ld", v[i]);
	const char *row[] = {c->county, c->name, n[0], n[1],
		sw_pct1(c->townships_covered, c->townships, tp, sizeof tp), n[2], n[3],
		sw_pct1(c->villages_covered, c->villages, vp, sizeof vp)};
	sw_out_row(ctx, row);
	return 0;
}

static int cmd_coverage(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 0, 0);
	struct sw_store *s = sw_open_store(0);
	int rc;
	if (o_uncovered)
		rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_station_uncovered(s, o_on));
	else {
		static const char *const names[] = {"county", "name", "townships", "townships_covered",
			"township_pct", "villages", "villages_covered", "village_pct"};
		struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 8, names, "ssnnnnnn");
		rc = !out ? SW_EXIT_FAIL : sw_station_coverage(s, o_on, coverage_row, out) != 0
			? (sw_out_abort(out), SW_EXIT_FAIL) : sw_out_close(out) != 0 ? SW_EXIT_FAIL : SW_EXIT_OK;
	}
	sw_store_close(s);
	return rc;
}

/* One shortfall as a row; labels of roles in Chinese for people. */
static int staffing_row(void *ctx, const struct sw_shortfall *s)
{
	struct sw_out *out = ctx;
	char need[24], have[24], gap[24];
	snprintf(need, sizeof need, "%ld", s->required);
	snprintf(have, sizeof have, "%ld", s->active);
	snprintf(gap, sizeof gap, "%ld", s->required - s->active);
	const char *row[] = {s->contract_id, s->station_code, s->station_name,
		sw_vocab_label("staffing_role", s->role, sw_opt.zh && sw_fmt_human(sw_opt.fmt, sw_opt.output)),
		need, have, gap};
	sw_out_row(out, row);
	return 0;
}

/* staffing: each station short of what its contract in force on --on
 * requires, by role. Status 1 when any is short, for cron. */
static int cmd_staffing(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 0, 0);
	struct sw_store *s = sw_open_store(0);
	if (o_station)
		sw_station_need(s, o_station);
	static const char *const names[] = {"contract_id", "station_code", "station_name", "role",
					    "required", "active", "short"};
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 7, names, "ssssnnn");
	int n = out ? sw_staffing_short(s, o_on, o_station, staffing_row, out) : -1;
	int rc = n < 0 ? SW_EXIT_FAIL : n ? SW_EXIT_REJECTED : SW_EXIT_OK;
	if (n < 0 && out)
		sw_out_abort(out);
	else if (out && sw_out_close(out) != 0)
		rc = SW_EXIT_FAIL;
	if (n > 0)
		sw_warn(_("%s: short of the staffing contracts require: %d"), o_on, n);
	sw_store_close(s);
	return rc;
}

/* volunteer-record VOLUNTEER: the 志愿服务记录证明 (-f html) or its rows. */
static int cmd_volunteer_record(int argc, char **argv)
{
	enum { OPT_FROM = SW_OPT_LOCAL, OPT_TO, OPT_ISSUED };
	static const struct option longopts[] = {
		SW_LONGOPTS, {"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO}, {"on", required_argument, NULL, OPT_ISSUED},
		{0}};
	char from[11], to[11], on[11];
	struct sw_volrec r = {0};
	int c;
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1)
		switch (c) {
		case OPT_FROM: sw_opt_date("from", optarg, from); r.from = from; break;
		case OPT_TO: sw_opt_date("to", optarg, to); r.to = to; break;
		case OPT_ISSUED: sw_opt_date("on", optarg, on); r.on = on; break;
		case 'f':
			if (strcmp(optarg, "html") == 0) {
				r.fmt = SW_FMT_HTML;
				break;
			}
			/* fall through */
		default: sw_cli_common(c, optarg);
		}
	sw_cli_nargs(argc, 1, 1);
	if (r.from && r.to && strcmp(r.from, r.to) > 0)
		sw_usage_fail(_("volunteer-record: --from %s is after --to %s"), r.from, r.to);
	r.volunteer = argv[optind];
	r.path = sw_opt.output;
	if (r.fmt != SW_FMT_HTML)
		r.fmt = sw_opt.fmt;
	struct sw_store *s = sw_open_store(0);
	int rc = sw_volrec_write(s, &r);
	sw_store_close(s);
	return rc < 0 ? SW_EXIT_FAIL : rc ? SW_EXIT_REJECTED : SW_EXIT_OK;
}

/* init-server and grant: a server's, not a SQLite file's (which every
 * command creates and which has no roles). */
static void server_only(const char *sub)
{
	if (!sw_store_is_server(sw_opt.db))
		sw_usage_fail(_("%s: --db must name a PostgreSQL server (postgresql://..., postgres://..."
				" or service=NAME)"), sub);
}

/* init-server: the schema, the roles and row-level security in an empty
 * database, or its migration (lib/pg_schema.c). */
static int cmd_init_server(int argc, char **argv)
{
	sw_getopt_plain(argc, argv);
	sw_cli_nargs(argc, 0, 0);
	server_only("init-server");
	return sw_pg_init_server(sw_opt.db) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

/* grant ROLE --station CODE --as KIND: whose rows a person's role sees. */
static int cmd_grant(int argc, char **argv)
{
	enum { OPT_AS = SW_OPT_LOCAL };
	static const struct option longopts[] = {
		SW_LONGOPTS, {"station", required_argument, NULL, SW_OPT_STATION},
		{"as", required_argument, NULL, OPT_AS}, {0}};
	int c, kind = -1;
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1)
		if (c == OPT_AS) {
			if ((kind = sw_pg_kind_parse(optarg)) < 0)
				sw_opt_fail("as", _("expected worker, station-admin, county or bureau"));
		} else
			sw_cli_common(c, optarg);
	sw_cli_nargs(argc, 1, 1);
	if (!sw_opt.station || kind < 0)
		sw_usage_fail(_("grant: --station and --as are required"));
	server_only("grant");
	return sw_pg_grant(sw_opt.db, argv[optind], sw_opt.station, kind) == 0 ? SW_EXIT_OK
										  : SW_EXIT_FAIL;
}

static const struct sw_cmd cmds[] = {
	{"import", cmd_import, sw_usage_import, SW_O_IMPORT, NULL},
	{"add", cmd_add, sw_usage_add, "table dry-run station", NULL},
	{"list", cmd_list, N_("list [--level L] [--parent CODE] [--active] [--on DATE]\n"
			      "list --table T [--station CODE] [COLUMN=VALUE | COLUMN=FROM..TO ...]"),
	 "table level parent active on station" SW_O_OUT, NULL},
	{"show", cmd_show, N_("show CODE"), SW_O_OUT, NULL},
	{"tree", cmd_tree, N_("tree [--on DATE] [CODE]"), "on" SW_O_OUT, NULL},
	{"close", cmd_close, N_("close CODE --on DATE"), "on", NULL},
	{"workers", cmd_workers,
	 N_("workers [--station CODE] [--role R] [--certified] [--active] [--on DATE]"),
	 "station role certified active on" SW_O_OUT, NULL},
	{"coverage", cmd_coverage, N_("coverage [--uncovered] [--on DATE]"), "uncovered on" SW_O_OUT, NULL},
	{"staffing", cmd_staffing, N_("staffing [--on DATE] [--station CODE]"), "on station" SW_O_OUT,
	 NULL},
	{"volunteer-record", cmd_volunteer_record,
	 N_("volunteer-record VOLUNTEER [--from DATE] [--to DATE] [--on DATE] [-f html]"),
	 "from to on" SW_O_OUT "formats=csv|tsv|json|jsonl|table|md|xlsx|html", NULL},
	{"export", cmd_export, sw_usage_export, "table mask no-mask pseudonymize key-file at" SW_O_OUT,
	 NULL},
	{"template", cmd_template, N_("template [TABLE]"), "format output formats=csv|tsv|xlsx", NULL},
	{"vocab", cmd_vocab, sw_usage_vocab, SW_O_OUT, NULL},
	{"init-server", cmd_init_server, N_("init-server"), "", NULL},
	{"grant", cmd_grant, N_("grant ROLE --station CODE --as worker|station-admin|county|bureau"),
	 "station as", NULL},
	{NULL, NULL, NULL, NULL, NULL}};

/* Before the database closes: the statements the hooks keep. */
static void release(void)
{
	sw_audit_release();
}

int main(int argc, char **argv)
{
	sw_cli_init(argc, argv);
	sw_audit_init(argc, argv);
	sw_label_tables = tables;
	sw_subcmd_release = release;
	return sw_cli_dispatch(argc, argv, cmds);
}
