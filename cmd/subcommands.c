/* The subcommands every program has (common.h): import, add, export,
 * list, template and vocab over the program's tables. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "sw/cell.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/import.h"
#include "sw/input.h"
#include "sw/labels.h"
#include "sw/layout.h"
#include "sw/mask.h"
#include "sw/out.h"
#include "sw/station.h"
#include "sw/store.h"
#include "sw/template.h"
#include "sw/valid.h"
#include "sw/vocab.h"

void (*sw_subcmd_release)(void);

/* Lets a program's table hooks finalize their statements, then closes. */
static void close_store(struct sw_store *s)
{
	if (sw_subcmd_release)
		sw_subcmd_release();
	sw_store_close(s);
}

/* Parses the shared and import options; returns the --table (or the
 * program's main table), exiting with a usage error if it is unknown. */
static const struct sw_table *import_opts(int argc, char **argv,
					  const struct sw_table *const *tables)
{
	static const struct option longopts[] = {SW_LONGOPTS, SW_IMPORT_LONGOPTS, {0}};
	int c;
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1)
		sw_cli_common(c, optarg);
	const struct sw_table *t = sw_opt.table ? sw_table_find(tables, sw_opt.table) : tables[0];
	if (!t)
		sw_usage_fail(_("--table: unknown table \"%s\""), sw_opt.table);
	return t;
}

int sw_run_import(int argc, char **argv, const struct sw_table *const *tables)
{
	import_opts(argc, argv, tables);
	struct sw_import_opts o = {.rejects = sw_opt.rejects, .rejects_enc = sw_opt.out_enc,
				   .dry_run = sw_opt.dry_run, .strict = sw_opt.strict};
	sw_cli_input_opts(&o.in);
	/* A database the command would create: not for a dry run (checked
	 * against an empty one in memory), nor for files it cannot read,
	 * which would leave an empty database for a report to count. */
	const char *db = sw_opt.db;
	if (!sw_store_is_server(db) && access(db, F_OK) != 0) {
		if (o.dry_run)
			sw_opt.db = SW_DB_SCRATCH;
		for (int i = optind; i < argc; i++)
			if (strcmp(argv[i], "-") != 0 && access(argv[i], R_OK) != 0) {
				sw_error("%s: %s", argv[i], strerror(errno));
				return SW_EXIT_FAIL;
			}
	}
	struct sw_store *s = sw_open_store(1);
	sw_opt.db = db;
	int rc = sw_import_files(s, tables, argv + optind, &o);
	close_store(s);
	return rc;
}

/* Column i of t by its English name, or -1. */
static int col_named(const struct sw_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return i;
	return -1;
}

/* add with a few columns: when the record the key columns name is stored,
 * its other columns are added to names/vals (from *n pairs up) with their
 * stored values, so that only the named ones change. 1 if it was stored;
 * 0 if not (an insert); -1 after saying why if not, and a required column
 * is missing, so it can neither update nor insert; -2 after a failure of
 * the store (said). */
static int add_stored(struct sw_store *s, const struct sw_table *t, int *n, char ***names,
		      const char ***vals)
{
	int given[64] = {0}, found = 0, k = 0, whole = 1, rc = SW_DONE;
	char key[4][128], why[512];
	for (int i = 0; i < *n; i++) {
		int c = sw_header_col(t, (*names)[i]);
		if (c >= 0 && c < 64)
			given[c] = i + 1;
	}
	sqlite3_str *q = sqlite3_str_new(NULL), *w = sqlite3_str_new(NULL);
	for (int c = 0; c < t->ncols; c++) {
		sqlite3_str_appendf(q, "%s\"%w\"", c ? "," : "SELECT ", t->cols[c].name);
		if (!(t->cols[c].flags & SW_C_KEY))
			continue;
		if (!given[c] || k == 4 || sw_column_norm(&t->cols[c], (*vals)[given[c] - 1], key[k],
							  sizeof key[k], why, sizeof why) != 0)
			whole = 0;
		else
			sqlite3_str_appendf(w, " AND \"%w\" = ?%d", t->cols[c].name, ++k);
	}
	char *cond = sqlite3_str_finish(w);
	sqlite3_str_appendf(q, " FROM \"%w\" WHERE 1 = 1%s", t->name, cond ? cond : "");
	sqlite3_free(cond);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = whole ? sw_store_prep(s, sql) : NULL;
	sqlite3_free(sql);
	for (int i = 0; st && i < k; i++)
		sw_stmt_bind_text(st, i + 1, key[i]);
	if (st && (found = (rc = sw_stmt_step(st)) == SW_ROW)) {
		*names = sw_xrealloc(*names, (size_t)(*n + t->ncols) * sizeof **names);
		*vals = sw_xrealloc(*vals, (size_t)(*n + t->ncols) * sizeof **vals);
		for (int c = 0; c < t->ncols; c++) {
			const char *v = sw_stmt_text(st, c);
			if (given[c] || !v)
				continue;
			(*names)[*n] = sw_xstrdup(t->cols[c].name);
			(*vals)[(*n)++] = sw_xstrdup(v);
		}
	}
	sw_stmt_finalize(st);
	if (rc < 0)
		return -2;
	if (found || !whole)
		return found;
	sqlite3_str *miss = sqlite3_str_new(NULL);
	for (int c = 0; c < t->ncols; c++)
		if ((t->cols[c].flags & SW_C_REQUIRED) && !given[c] &&
		    !(strcmp(t->cols[c].name, "station_code") == 0 && sw_opt.station))
			sqlite3_str_appendf(miss, "%s%s", sqlite3_str_length(miss) ? ", " : "", t->cols[c].name);
	char *m = sqlite3_str_finish(miss);
	if (m)
		sw_error(_("add: no such record in %s to update; a new one needs %s too"), t->name, m);
	sqlite3_free(m);
	return m ? -1 : 0;
}

/* One try of add's transaction (sw_store_transact): the stored record's
 * other columns, then the record through the import rules. */
struct adding {
	const struct sw_table *t;
	int n, given;		/* pairs, those given on the command line */
	char **names;
	const char **vals;
	int status;
};

/* Forgets the stored values a try before added. */
static void add_forget(struct adding *a)
{
	for (int i = a->given; i < a->n; i++) {
		free(a->names[i]);
		free((char *)a->vals[i]);
	}
	a->n = a->given;
}

static int add_try(struct sw_store *s, void *arg)
{
	struct adding *a = arg;
	add_forget(a);
	a->status = SW_EXIT_FAIL;
	int stored = add_stored(s, a->t, &a->n, &a->names, &a->vals);
	if (stored == -1)
		a->status = SW_EXIT_REJECTED;
	if (stored < 0)
		return -1;
	int o = sw_import_record(s, a->t, a->n, (const char *const *)a->names, a->vals);
	if (o == SW_REJECTED)
		a->status = SW_EXIT_REJECTED;
	if (o < 0 || o == SW_REJECTED)
		return -1;
	a->status = SW_EXIT_OK;
	return sw_opt.dry_run ? -1 : 0;
}

int sw_run_add(int argc, char **argv, const struct sw_table *const *tables)
{
	const struct sw_table *t = import_opts(argc, argv, tables);
	int n = argc - optind;
	if (n < 1)
		sw_usage_fail(_("add: give COLUMN=VALUE pairs"));
	char **names = sw_xcalloc((size_t)n, sizeof *names);
	const char **vals = sw_xcalloc((size_t)n, sizeof *vals);
	for (int i = 0; i < n; i++) {
		char *a = argv[optind + i], *eq = strchr(a, '=');
		if (!eq) {
			if (t->personal)	/* it may be a value */
				sw_usage_fail(_("add: argument %d is not COLUMN=VALUE"), i + 1);
			sw_usage_fail(_("add: \"%s\" is not COLUMN=VALUE"), a);
		}
		names[i] = sw_xstrdup(a);
		names[i][eq - a] = 0;
		vals[i] = eq + 1;
	}
	/* The audit trail records the command line (sw_audit_init keeps the
	 * program's argv, of which this argv is the tail): personal values are
	 * masked there as on a screen, by showing it masked copies meanwhile. */
	char **orig = sw_xcalloc((size_t)n, sizeof *orig);
	for (int i = 0; i < n; i++) {
		int c = t->personal ? sw_header_col(t, names[i]) : -1;
		orig[i] = argv[optind + i];
		if (c < 0)
			continue;
		char m[512];
		sw_mask_value(&t->cols[c], vals[i], m, sizeof m);
		argv[optind + i] = sw_xcalloc(strlen(names[i]) + strlen(m) + 2, 1);
		sprintf(argv[optind + i], "%s=%s", names[i], m);
	}
	struct sw_store *s = sw_open_store(1);
	struct adding a = {t, n, n, names, vals, SW_EXIT_FAIL};
	int rc = sw_store_transact(s, add_try, &a);
	if (rc != 0 && a.status == SW_EXIT_OK && !sw_opt.dry_run)
		a.status = SW_EXIT_FAIL;	/* the commit failed (said) */
	add_forget(&a);
	for (int i = 0; i < n; i++)
		free(a.names[i]);
	free(a.names);
	free(a.vals);
	close_store(s);
	for (int i = 0; i < n; i++)
		if (argv[optind + i] != orig[i]) {
			free(argv[optind + i]);
			argv[optind + i] = orig[i];
		}
	free(orig);
	return a.status;
}

/* t's key columns, for ORDER BY: listings and exports in key order (a
 * NULL first, as SQLite sorts it, on a server too). */
static void order_by_key(sqlite3_str *q, const struct sw_table *t)
{
	for (int i = 0, k = 0; i < t->ncols; i++)
		if (t->cols[i].flags & SW_C_KEY)
			sqlite3_str_appendf(q, "%s\"%w\" NULLS FIRST", k++ ? "," : "", t->cols[i].name);
}

/* Reads t's columns into q as a listing shows them: masked as a screen
 * shows them when mask, as keyed pseudonyms and ages when pseudo (leaving
 * out what a pseudonymised export leaves out); their masks into m (its
 * names and hows allocated, for write_masked to free). */
static void select_masked(sqlite3_str *q, const struct sw_table *t, int mask, int pseudo,
			  struct sw_out_masks *m)
{
	const char **names = sw_xcalloc((size_t)t->ncols + 1, sizeof *names);
	int *hows = sw_xcalloc((size_t)t->ncols + 1, sizeof *hows);
	for (int i = 0, k = 0; i < t->ncols; i++) {
		const char *sep = k ? "," : "", *name = t->cols[i].name;
		int how;
		if (pseudo && t->personal) {
			if ((how = sw_pseudo_select(q, t, i, sep)) < 0)
				continue;	/* an address, a disability */
		} else {
			sqlite3_str_appendf(q, "%s\"%w\"", sep, name);
			how = mask && t->personal ? sw_mask_how(&t->cols[i]) : SW_AS_IS;
		}
		k++;
		if (how != SW_AS_IS) {
			names[m->n] = how == SW_AGE ? "age" : name;
			hows[m->n++] = how;
		}
	}
	m->names = names;
	m->hows = hows;
}

/* Writes the rows of st into --output in fmt, masked by m; finalizes st
 * and frees m's arrays. The exit status. */
static int write_masked(struct sw_stmt *st, int fmt, struct sw_out_masks *m)
{
	struct sw_out *o = sw_out_open_stmt(sw_opt.output, fmt, st, m);
	int rc = SW_EXIT_FAIL;
	if (o && sw_out_stmt(o, st) == SW_DONE)
		rc = sw_out_close(o) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	else if (o)
		sw_out_abort(o);
	sw_stmt_finalize(st);
	free((void *)m->names);
	free((void *)m->hows);
	return rc;
}

int sw_run_export(int argc, char **argv, const struct sw_table *const *tables)
{
	enum { OPT_MASK = SW_OPT_LOCAL, OPT_NO_MASK, OPT_PSEUDO, OPT_KEY_FILE, OPT_AT };
	static const struct option longopts[] = {
		SW_LONGOPTS, {"table", required_argument, NULL, SW_OPT_TABLE},
		{"mask", no_argument, NULL, OPT_MASK}, {"no-mask", no_argument, NULL, OPT_NO_MASK},
		{"pseudonymize", no_argument, NULL, OPT_PSEUDO},
		{"key-file", required_argument, NULL, OPT_KEY_FILE},
		{"at", required_argument, NULL, OPT_AT},
		{0}};
	int c, force = -1, pseudo = 0;	/* --mask 1, --no-mask 0, else by the terminal */
	const char *key_file = NULL;
	char at[11];	/* a pseudonymized birth date is the age on this day */
	sw_date_today(at);
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1)
		if (c == OPT_MASK || c == OPT_NO_MASK)
			force = c == OPT_MASK;
		else if (c == OPT_PSEUDO)
			pseudo = 1;
		else if (c == OPT_KEY_FILE)
			key_file = optarg;
		else if (c == OPT_AT)
			sw_opt_date("at", optarg, at);
		else
			sw_cli_common(c, optarg);
	const struct sw_table *t = sw_opt.table ? sw_table_find(tables, sw_opt.table) : tables[0];
	if (!t)
		sw_usage_fail(_("--table: unknown table \"%s\""), sw_opt.table);
	if (key_file && !pseudo)	/* else the export would be in clear */
		sw_usage_fail(_("--key-file: only with --pseudonymize"));
	/* masks and pseudonyms are made here, not in SQL: the key never goes to a server */
	struct sw_out_masks m = {.key.at = at};
	if (pseudo && !(m.key.key = sw_key_load(key_file, &m.key.keylen)))
		return SW_EXIT_USAGE;
	struct sw_store *s = sw_open_store(0);
	int mask = t->personal && sw_cli_masking(force);
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendall(q, "SELECT ");
	select_masked(q, t, mask, pseudo, &m);
	sqlite3_str_appendf(q, " FROM \"%w\" ORDER BY ", t->name);
	order_by_key(q, t);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_prep(s, sql);
	sqlite3_free(sql);
	int rc = write_masked(st, sw_opt.fmt == SW_FMT_AUTO ? SW_FMT_CSV : sw_opt.fmt, &m);
	sw_store_close(s);
	free((void *)m.key.key);
	return rc;
}

/* (why quotes the value: dropped for a table of personal data, whose
 * filters are names and ID numbers) */
static void list_fail(const struct sw_table *t, const char *column, char *why)
{
	if (t->personal)
		sw_problems_unquote(why);
	sw_usage_fail(_("list: %s: %s"), column, why);
}

/* Adds the condition of one COLUMN=VALUE (or date range) filter and its
 * values to bind (as ?2 on: ?1 is the station). Usage error if the filter
 * does not parse. */
static void list_filter(sqlite3_str *q, const struct sw_table *t, const char *f, char (*vals)[512],
			int *nvals)
{
	const char *eq = strchr(f, '=');
	char name[128], why[512];
	snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - f) : 0, f);
	int c = eq ? sw_header_col(t, name) : -1;
	if (c < 0) {
		if (eq && t->personal)
			sw_usage_fail(_("list: a filter names no column of %s"), t->name);
		if (eq)
			sw_usage_fail(_("list: table %s has no column \"%s\""), t->name, name);
		if (t->personal)	/* it may be a value */
			sw_usage_fail(_("list: a filter is not COLUMN=VALUE"));
		sw_usage_fail(_("list: \"%s\" is not COLUMN=VALUE"), f);
	}
	const struct sw_column *k = &t->cols[c];
	const char *v = eq + 1, *dots = k->type == SW_T_DATE ? strstr(v, "..") : NULL;
	if (dots) {	/* FROM..TO, either end optional */
		char a[64];
		snprintf(a, sizeof a, "%.*s", (int)(dots - v), v);
		if ((*a && sw_date_parse(a, vals[(*nvals)++], why, sizeof why) != 0) ||
		    (dots[2] && sw_date_parse(dots + 2, vals[(*nvals)++], why, sizeof why) != 0))
			list_fail(t, k->name, why);
		if (*a)
			sqlite3_str_appendf(q, " AND \"%w\" >= ?%d", k->name, *nvals + 1 - !!dots[2]);
		if (dots[2])
			sqlite3_str_appendf(q, " AND \"%w\" <= ?%d", k->name, *nvals + 1);
		return;
	}
	int bad = k->type == SW_T_DATE ? sw_date_parse(v, vals[*nvals], why, sizeof why)
		: sw_column_norm(k, v, vals[*nvals], sizeof vals[0], why, sizeof why);
	if (bad)
		list_fail(t, k->name, why);
	(*nvals)++;
	sqlite3_str_appendf(q, " AND \"%w\" = ?%d", k->name, *nvals + 1);
}

int sw_run_list(const struct sw_table *t, int n, char **filters, const char *station, int mask)
{
	int sc = col_named(t, "station_code"), nvals = 0;
	if (station && sc < 0)
		sw_usage_fail(_("--station: table %s has no station_code"), t->name);
	struct sw_store *s = sw_open_store(0);
	if (station)
		sw_station_need(s, station);
	sqlite3_str *q = sqlite3_str_new(NULL);
	char (*vals)[512] = sw_xcalloc((size_t)n * 2 + 1, sizeof *vals);
	sqlite3_str_appendall(q, station ? "WITH RECURSIVE " SW_SUBTREE_CTE("?1") " SELECT " : "SELECT ");
	struct sw_out_masks m = {0};
	select_masked(q, t, mask, 0, &m);
	sqlite3_str_appendf(q, " FROM \"%w\" WHERE 1 = 1", t->name);
	if (station)
		sqlite3_str_appendall(q, " AND station_code IN (SELECT code FROM subtree)");
	for (int i = 0; i < n; i++)
		list_filter(q, t, filters[i], vals, &nvals);
	sqlite3_str_appendall(q, " ORDER BY ");
	order_by_key(q, t);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_prep(s, sql);
	sqlite3_free(sql);
	for (int i = 0; i < nvals; i++)
		sw_stmt_bind_text(st, i + 2, vals[i]);
	if (station)
		sw_stmt_bind_text(st, 1, station);
	int rc = write_masked(st, sw_opt.fmt, &m);
	free(vals);
	sw_store_close(s);
	return rc;
}

int sw_run_template(int argc, char **argv, const struct sw_table *const *tables)
{
	sw_getopt_plain(argc, argv);
	sw_cli_nargs(argc, 0, 1);
	const char *name = optind < argc ? argv[optind] : NULL;
	const struct sw_table *t = name ? sw_table_find(tables, name) : tables[0];
	if (!t)
		sw_usage_fail(_("template: unknown table \"%s\""), name);
	int fmt = sw_opt.fmt == SW_FMT_AUTO ? SW_FMT_CSV : sw_opt.fmt;
	if (fmt != SW_FMT_CSV && fmt != SW_FMT_TSV && fmt != SW_FMT_XLSX)
		sw_usage_fail(_("template: -f: expected csv, tsv or xlsx"));
	/* the drop-downs offer the station's own words too */
	if (sw_store_is_server(sw_opt.db))
		sw_store_close(sw_open_store(0));
	else
		sw_load_local_words();
	return sw_template_write(t, sw_opt.output, fmt) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

struct listctx {
	struct sw_out *o;
};

static void vocab_row(void *ctx, const char *vocab, const char *key, const char *alias, int local)
{
	struct listctx *l = ctx;
	const char *v[4] = {vocab, key, alias ? alias : "", local ? "local" : "built-in"};
	sw_out_row(l->o, v);
}

/* vocab add and rm, one try of their transaction: why says what was
 * refused (said after), "" when the store failed (said). */
struct vocab_change {
	char **argv;
	char why[512];
	int bad;
};

static int vocab_try(struct sw_store *s, void *arg)
{
	struct vocab_change *c = arg;
	char **argv = c->argv;
	c->bad = strcmp(argv[0], "add") == 0
		? sw_vocab_add(s, argv[1], argv[2], argv[3], c->why, sizeof c->why)
		: sw_vocab_remove(s, argv[1], argv[2], c->why, sizeof c->why);
	return c->bad ? -1 : 0;
}

int sw_run_vocab(int argc, char **argv)
{
	sw_getopt_plain(argc, argv);
	argc -= optind;
	argv += optind;
	if (argc < 1)
		sw_usage_fail(_("vocab: expected list, add or rm"));
	if (strcmp(argv[0], "list") == 0) {
		if (argc > 2 || (argc == 2 && !sw_vocab_exists(argv[1])))
			sw_usage_fail(_("vocab list: unknown vocabulary \"%s\""), argc > 1 ? argv[1] : "");
		/* Without a database file the built-ins are still worth listing;
		 * a server is always there (and said when it cannot be reached). */
		int server = sw_store_is_server(sw_opt.db);
		struct sw_store *s = server || access(sw_opt.db, F_OK) == 0 ? sw_store_open(sw_opt.db, 0) : NULL;
		if (server && !s)
			return SW_EXIT_FAIL;
		if (s)
			sw_vocab_load(s);
		static const char *const cols[] = {"vocab", "key", "alias", "source"};
		struct listctx l = {sw_out_open(sw_opt.output, sw_opt.fmt, 4, cols, NULL)};
		if (!l.o) {
			sw_store_close(s);
			return SW_EXIT_FAIL;
		}
		sw_vocab_each(argc == 2 ? argv[1] : NULL, vocab_row, &l);
		sw_store_close(s);
		return sw_out_close(l.o) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	}
	int add = strcmp(argv[0], "add") == 0;
	if (!add && strcmp(argv[0], "rm") != 0)
		sw_usage_fail(_("vocab: unknown action \"%s\" (expected list, add, rm)"), argv[0]);
	if (argc != (add ? 4 : 3))
		sw_usage_fail("%s", add ? _("vocab add: expected VOCAB ALIAS KEY") : _("vocab rm: expected VOCAB ALIAS"));
	struct sw_store *s = sw_open_store(1);
	struct vocab_change c = {argv, "", 0};
	int rc = sw_store_transact(s, vocab_try, &c);
	if (c.bad && *c.why)
		sw_error(_("vocab %s: %s"), argv[0], c.why);
	sw_store_close(s);
	return rc == 0 ? SW_EXIT_OK : c.bad && *c.why ? SW_EXIT_REJECTED : SW_EXIT_FAIL;
}
