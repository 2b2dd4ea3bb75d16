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
	sqlite3 *db = sw_open(0);
	if (o_parent)
		sw_station_need(db, o_parent);
	sqlite3_stmt *st = sw_db_prepare(db,
		"WITH RECURSIVE " SW_SUBTREE_CTE("?1")
		" SELECT s.code, s.name, s.level, s.parent_code, s.division_code, s.address,"
		"        s.opened_on, s.closed_on"
		" FROM stations s JOIN subtree t ON t.code = s.code"
		" WHERE (?1 IS NULL OR s.code <> ?1) AND (?2 IS NULL OR s.level = ?2)"
		"   AND (NOT ?3 OR " SW_STATION_ACTIVE("s", "?4") ")"
		" ORDER BY t.path");
	sw_db_bind_text(st, 1, o_parent);
	sw_db_bind_text(st, 2, level);
	sqlite3_bind_int(st, 3, o_active);
	sqlite3_bind_text(st, 4, o_on, -1, SQLITE_STATIC);
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_stmt_of(st));
	sqlite3_finalize(st);
	sw_db_close(db);
	return rc;
}

static int cmd_show(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 1, 1);
	const char *code = argv[optind];
	sqlite3 *db = sw_open(0);
	sw_station_need(db, code);
	/* the organisations by id and name: who runs the station, who employs each worker */
	static const char *const q[] = {
		"SELECT s.code, s.name, s.level, s.parent_code, s.division_code, s.address, s.opened_on,"
		" s.closed_on, s.operator_org, o.name AS operator_name"
		" FROM stations s LEFT JOIN orgs o ON o.org_id = s.operator_org WHERE s.code = ?1",
		"SELECT w.worker_id, w.name, w.role, w.certificate, w.hired_on, w.left_on, w.employer_org,"
		" o.name AS employer_name FROM workers w LEFT JOIN orgs o ON o.org_id = w.employer_org"
		" WHERE w.station_code = ?1 ORDER BY w.worker_id",
		"SELECT code, name, level, opened_on, closed_on FROM stations"
		" WHERE parent_code = ?1 ORDER BY code",
	};
	static const char *const keys[] = {"station", "staff", "children"};
	const char *titles[] = {_("Station"), _("Staff"), _("Children")};
	sqlite3_stmt *sts[3];
	for (int i = 0; i < 3; i++) {
		sts[i] = sw_db_prepare(db, q[i]);
		sqlite3_bind_text(sts[i], 1, code, -1, SQLITE_STATIC);
	}
	struct sw_stmt *w[3] = {sw_stmt_of(sts[0]), sw_stmt_of(sts[1]), sw_stmt_of(sts[2])};
	int rc = sw_out_show(sw_opt.output, sw_opt.fmt, 3, keys, titles, w, NULL);
	for (int i = 0; i < 3; i++)
		sqlite3_finalize(sts[i]);
	sw_db_close(db);
	return rc;
}

static int cmd_tree(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 0, 1);
	const char *root = optind < argc ? argv[optind] : NULL;
	sqlite3 *db = sw_open(0);
	if (root)
		sw_station_need(db, root);
	/* Staff counts per node, then summed over each node's subtree by
	 * matching path prefixes. */
	sqlite3_stmt *st = sw_db_prepare(db,
		"WITH RECURSIVE " SW_SUBTREE_CTE("?1") ","
		" own AS (SELECT t.code, t.depth, t.path,"
		"   (SELECT count(*) FROM workers w WHERE w.station_code = t.code AND "
		        SW_WORKER_ACTIVE("w", "?2") ") AS staff,"
		"   (SELECT count(*) FROM workers w WHERE w.station_code = t.code AND "
		        SW_WORKER_ACTIVE("w", "?2") " AND w.certificate <> 'none') AS certified"
		"   FROM subtree t)"
		" SELECT o.depth AS depth, o.code AS code,"
		"   CASE WHEN ?3 THEN substr('                                        ', 1, 2 * o.depth) || s.name"
		"        ELSE s.name END AS name,"
		"   s.level AS level,"
		"   CASE WHEN " SW_STATION_ACTIVE("s", "?2") " THEN 'active' ELSE 'closed' END AS status,"
		"   o.staff AS staff, o.certified AS certified,"
		"   (SELECT sum(x.staff) FROM own x WHERE x.path = o.path OR x.path LIKE o.path || '/%') AS staff_total,"
		"   (SELECT sum(x.certified) FROM own x WHERE x.path = o.path OR x.path LIKE o.path || '/%') AS certified_total"
		" FROM own o JOIN stations s ON s.code = o.code ORDER BY o.path");
	sw_db_bind_text(st, 1, root);
	sqlite3_bind_text(st, 2, o_on, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, sw_fmt_human(sw_opt.fmt, sw_opt.output));
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_stmt_of(st));
	sqlite3_finalize(st);
	sw_db_close(db);
	return rc;
}

static int cmd_close(int argc, char **argv)
{
	const char *on = o_on;
	parse(argc, argv);
	sw_cli_nargs(argc, 1, 1);
	if (!o_on_set)
		sw_usage_fail(_("close: --on DATE is required"));
	const char *code = argv[optind];
	sqlite3 *db = sw_open(0);
	if (sw_db_begin(db) != 0) {
		sw_db_close(db);
		return SW_EXIT_FAIL;
	}
	sw_station_need(db, code);
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT opened_on, closed_on,"
		" (SELECT count(*) FROM stations c WHERE c.parent_code = s.code AND"
		"  (c.closed_on IS NULL OR c.closed_on > ?2))"
		" FROM stations s WHERE code = ?1");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
	sqlite3_step(st);
	const char *opened = (const char *)sqlite3_column_text(st, 0);
	const char *closed = (const char *)sqlite3_column_text(st, 1);
	int open_children = sqlite3_column_int(st, 2), rc = SW_EXIT_OK;
	if (closed) {
		sw_error(_("%s: already closed on %s"), code, closed);
		rc = SW_EXIT_REJECTED;
	} else if (opened && strcmp(on, opened) < 0) {
		sw_error(_("%s: --on %s is before opened_on %s"), code, on, opened);
		rc = SW_EXIT_REJECTED;
	}
	sqlite3_finalize(st);
	if (rc == SW_EXIT_OK) {
		if (open_children)
			sw_warn(_("%s: %d station(s) below it are still open"), code, open_children);
		st = sw_db_prepare(db, "UPDATE stations SET closed_on = ?2 WHERE code = ?1");
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, on, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sw_db_error(db, "close");
			rc = SW_EXIT_FAIL;
		}
		sqlite3_finalize(st);
	}
	if (rc == SW_EXIT_OK)
		rc = sw_db_commit(db) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	else
		sw_db_rollback(db);
	sw_db_close(db);
	return rc;
}

static int cmd_workers(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 0, 0);
	const char *role = sw_opt_vocab("role", "role", o_role);
	sqlite3 *db = sw_open(0);
	if (o_station)
		sw_station_need(db, o_station);
	sqlite3_stmt *st = sw_db_prepare(db,
		"WITH RECURSIVE " SW_SUBTREE_CTE("?1")
		" SELECT w.worker_id, w.name, w.station_code, w.role, w.certificate, w.hired_on, w.left_on"
		" FROM workers w JOIN subtree t ON t.code = w.station_code"
		" WHERE (?2 IS NULL OR w.role = ?2) AND (NOT ?3 OR w.certificate <> 'none')"
		"   AND (NOT ?4 OR " SW_WORKER_ACTIVE("w", "?5") ")"
		" ORDER BY w.worker_id");
	sw_db_bind_text(st, 1, o_station);
	sw_db_bind_text(st, 2, role);
	sqlite3_bind_int(st, 3, o_certified);
	sqlite3_bind_int(st, 4, o_active);
	sqlite3_bind_text(st, 5, o_on, -1, SQLITE_STATIC);
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_stmt_of(st));
	sqlite3_finalize(st);
	sw_db_close(db);
	return rc;
}

/* Coverage: townships with an active township station, villages with an
 * active service point, matched through the stations' division_code. */
#define COVERAGE_CTE \
	"act AS (SELECT division_code, level FROM stations s WHERE division_code IS NOT NULL AND " \
	SW_STATION_ACTIVE("s", "?1") ")," \
	" tw AS (SELECT c.code AS county, d.code, d.name, d.level, d.parent_code," \
	"   EXISTS(SELECT 1 FROM act WHERE act.division_code = d.code AND act.level = 'township') AS cov" \
	"   FROM divisions c JOIN divisions d ON d.parent_code = c.code AND d.level = 'township'" \
	"   WHERE c.level = 'county')," \
	" vi AS (SELECT tw.county, d.code, d.name, d.level, d.parent_code," \
	"   EXISTS(SELECT 1 FROM act WHERE act.division_code = d.code AND act.level = 'village') AS cov" \
	"   FROM tw JOIN divisions d ON d.parent_code = tw.code AND d.level = 'village')"

static int cmd_coverage(int argc, char **argv)
{
	parse(argc, argv);
	sw_cli_nargs(argc, 0, 0);
	sqlite3 *db = sw_open(0);
	sqlite3_stmt *st;
	if (o_uncovered)
		st = sw_db_prepare(db, "WITH " COVERAGE_CTE
			" SELECT county, code, name, level, parent_code FROM"
			" (SELECT * FROM tw UNION ALL SELECT * FROM vi) WHERE NOT cov"
			" ORDER BY county, level, code");
	else
		st = sw_db_prepare(db, "WITH " COVERAGE_CTE
			" SELECT c.code AS county, c.name AS name,"
			"  (SELECT count(*) FROM tw WHERE county = c.code) AS townships,"
			"  (SELECT count(*) FROM tw WHERE county = c.code AND cov) AS townships_covered,"
			"  (SELECT round(100.0 * sum(cov) / count(*), 1) FROM tw WHERE county = c.code) AS township_pct,"
			"  (SELECT count(*) FROM vi WHERE county = c.code) AS villages,"
			"  (SELECT count(*) FROM vi WHERE county = c.code AND cov) AS villages_covered,"
			"  (SELECT round(100.0 * sum(cov) / count(*), 1) FROM vi WHERE county = c.code) AS village_pct"
			" FROM divisions c WHERE c.level = 'county' ORDER BY c.code");
	sqlite3_bind_text(st, 1, o_on, -1, SQLITE_STATIC);
	int rc = sw_out_query(sw_opt.output, sw_opt.fmt, sw_stmt_of(st));
	sqlite3_finalize(st);
	sw_db_close(db);
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
	sqlite3 *db = sw_open(0);
	if (o_station)
		sw_station_need(db, o_station);
	static const char *const names[] = {"contract_id", "station_code", "station_name", "role",
					    "required", "active", "short"};
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 7, names, "ssssnnn");
	int n = out ? sw_staffing_short(db, o_on, o_station, staffing_row, out) : -1;
	int rc = n < 0 ? SW_EXIT_FAIL : n ? SW_EXIT_REJECTED : SW_EXIT_OK;
	if (n < 0 && out)
		sw_out_abort(out);
	else if (out && sw_out_close(out) != 0)
		rc = SW_EXIT_FAIL;
	if (n > 0)
		sw_warn(_("%s: short of the staffing contracts require: %d"), o_on, n);
	sw_db_close(db);
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
	sqlite3 *db = sw_open(0);
	int rc = sw_volrec_write(db, &r);
	sw_db_close(db);
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
	 "from to on" SW_O_OUT, NULL},
	{"export", cmd_export, sw_usage_export, "table mask no-mask pseudonymize key-file at" SW_O_OUT,
	 NULL},
	{"template", cmd_template, N_("template [TABLE]"), "format output", NULL},
	{"vocab", cmd_vocab, sw_usage_vocab, SW_O_OUT, NULL},
	{"init-server", cmd_init_server, N_("init-server"), "", NULL},
	{"grant", cmd_grant, N_("grant ROLE --station CODE --as worker|station-admin|county|bureau"),
	 "station as", NULL},
	{NULL, NULL, NULL, NULL, NULL}};

/* Before the database closes: the statements the hooks keep. */
static void release(void)
{
	sw_staff_release();
	sw_partners_release();
	sw_contract_release();
	sw_audit_release();
}

int main(int argc, char **argv)
{
	sw_cli_init(argc, argv);
	sw_audit_init(argc, argv);
	sw_label_tables = tables;
	sw_subcmd_release = release;
	sw_cli_on_server = "init-server grant export template import add vocab";
	return sw_cli_dispatch(argc, argv, cmds);
}
