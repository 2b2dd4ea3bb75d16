/* Closed months stay closed. SQLite's preupdate hook notes what each write
 * touches (table, and for tables whose rows count only by their own dates,
 * the months); at commit only the closed months a change could reach are
 * recomputed, so an import into the current month costs nothing however
 * many months are closed. The hook sees every row change, REPLACE and
 * truncating deletes included, so no program or path goes round it. */
#define SQLITE_ENABLE_PREUPDATE_HOOK 1	/* declares the hook: Debian's SQLite has it */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/closed.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/report.h"
#include "sw/store.h"

/* Tables that feed no figure: changing them touches no month. */
static const char *const bookkeeping[] = {"vocab", "audit_v1", "audit_command", "audit_entry", "audit_anchor",
					  "closed_months", "month_log", "id_confirmed", "catalogue",
					  "assessments", "plans", "goals", "reviews", "requests",
					  "certificates", "orgs", "contracts", "contract_staffing",
					  "spending"};

/* Tables whose rows count in a month only through their own dates. Any
 * other table (stations, divisions, employers, vacancies, seekers,
 * volunteers, resources: rows that other rows are counted through) may
 * touch every closed month. Keep in step with the figures in lib/report.c
 * and lib/workfig.c.
 * within: a row counts only in the months of its dates;
 * else: only in months from its earliest date on; an empty first date
 * means every month (a worker with no hired_on is on the staff of each),
 * or, with none_empty, no month (a client with no registered_on);
 * reached: a query that finds a row when another table's figures reach
 * this table's rows (a seeker counts at its client's station), making a
 * change here touch every month;
 * stock: a row counts in every month from its first date on until its
 * second (a client on file, a case open at the month's end), which an
 * import's row can be refused for (sw_closed_stock). */
static const struct dated {
	const char *table;
	int within, none_empty;
	const char *col[2];
	const char *reached;
	int stock;
} dated[] = {
	/* volunteer hours are on the day of their service or activity */
	{"services", 1, 0, {"date", NULL}, NULL, 0},
	{"activities", 1, 0, {"date", NULL},
	 "SELECT 1 FROM resource_uses WHERE activity_id IS NOT NULL LIMIT 1", 0},
	{"volunteer_hours", 1, 0, {"date", NULL}, NULL, 0},
	{"resource_uses", 1, 0, {"date", NULL}, NULL, 0},
	/* found in one month, met in another */
	{"needs", 1, 0, {"identified_on", "met_on"}, NULL, 0},
	/* a referral counts as it stands in the month it was made, at its
	 * case's station (a case opens before its referrals) */
	{"referrals", 1, 0, {"date", NULL}, NULL, 0},
	{"supervision", 1, 0, {"date", NULL}, NULL, 0},
	{"training", 1, 0, {"date", NULL}, NULL, 0},
	{"cases", 0, 0, {"opened_on", "closed_on"}, NULL, 1},
	/* training counts at its worker's station, also before the hiring;
	 * staff is a stock too, left to the commit: an import of workers
	 * reads no stored row to tell a new one from a re-imported one */
	{"workers", 0, 0, {"hired_on", "left_on"},
	 "SELECT 1 FROM training t JOIN workers w ON w.worker_id = t.worker_id"
	 " WHERE t.date < w.hired_on LIMIT 1", 0},
	/* a pair's first stage at or beyond matched moves only from a date on */
	{"placements", 0, 0, {"date", NULL}, NULL, 0},
	/* needs and resource uses count at their client's station */
	{"clients", 0, 1, {"registered_on", NULL},
	 "SELECT 1 FROM seekers WHERE client_id IS NOT NULL UNION ALL SELECT 1 FROM needs"
	 " UNION ALL SELECT 1 FROM resource_uses WHERE client_id IS NOT NULL LIMIT 1", 1},
};
#define NDATED (int)(sizeof dated / sizeof dated[0])

/* Columns no figure reads: an update that changes only these (a phone
 * number corrected) touches no month. */
static const char *const inert[] = {"name", "phone", "address", "id_number", "note", "risk",
				    "item_code", "approval"};

int sw_closed_stock(const char *table, const char *col[2])
{
	for (int d = 0; d < NDATED; d++)
		if (dated[d].stock && strcmp(table, dated[d].table) == 0) {
			col[0] = dated[d].col[0];
			col[1] = dated[d].col[1];
			return 1;
		}
	return 0;
}

int sw_closed_dated(const char *table, const char *col[2], int *within, int *none_empty, const char **reached)
{
	for (int d = 0; d < NDATED; d++)
		if (strcmp(table, dated[d].table) == 0) {
			col[0] = dated[d].col[0];
			col[1] = dated[d].col[1];
			*within = dated[d].within;
			*none_empty = dated[d].none_empty;
			*reached = dated[d].reached;
			return 1;
		}
	return 0;
}

static int is_bookkeeping(const char *table)
{
	for (size_t i = 0; i < sizeof bookkeeping / sizeof bookkeeping[0]; i++)
		if (strcmp(table, bookkeeping[i]) == 0)
			return 1;
	return 0;
}

int sw_closed_feeds(const char *table)
{
	return strncmp(table, "sw_", 3) != 0 && !is_bookkeeping(table);
}

int sw_closed_inert(const char *column)
{
	for (size_t i = 0; i < sizeof inert / sizeof inert[0]; i++)
		if (strcmp(column, inert[i]) == 0)
			return 1;
	return 0;
}

/* Months as an index from year 1900; dates outside touch every month. */
#define MONTH0 (1900 * 12)
#define NMONTH (300 * 12)

/* What the current transaction touched. One writing connection per process. */
static struct {
	sqlite3 *db;
	int col[NDATED][2];	/* column numbers of dated[]'s columns, -1 if absent */
	int all;		/* a change may touch any month */
	int since;		/* earliest month a "since" row touches, INT_MAX: none */
	unsigned char in[NMONTH / 8];	/* months "within" rows touch */
	int reach[NDATED];	/* dated[d]'s table changed */
	struct { char name[32]; unsigned long long cols; } inert[32];	/* per table */
	int ninert;
	int dirty;		/* some change to check since BEGIN */
	sqlite3_int64 seen, total0;	/* rows the hook saw; total_changes at BEGIN */
} W;

/* Month index of an ISO date, or -1. */
static int month_of(const char *d)
{
	if (!d || strlen(d) < 7 || d[4] != '-')
		return -1;
	int y = atoi(d), m = atoi(d + 5);
	if (m < 1 || m > 12 || y * 12 + m - 1 < MONTH0 || y * 12 + m - 1 >= MONTH0 + NMONTH)
		return -1;
	return y * 12 + m - 1 - MONTH0;
}

/* Notes the months one image (old or new) of a dated row touches. */
static void note(sqlite3 *db, int d, int (*get)(sqlite3 *, int, sqlite3_value **))
{
	int first = -1;
	for (int k = 0; k < 2 && dated[d].col[k]; k++) {
		sqlite3_value *v = NULL;
		if (W.col[d][k] < 0 || get(db, W.col[d][k], &v) != SQLITE_OK) {
			W.all = 1;
			return;
		}
		const char *s = (const char *)sqlite3_value_text(v);
		int m = month_of(s);
		if (!s && k == 0 && dated[d].none_empty)
			return;
		if (m < 0 && (s || k == 0)) {	/* not a date, or no start date */
			W.all = 1;
			return;
		}
		if (m >= 0 && dated[d].within)
			W.in[m / 8] |= (unsigned char)(1u << (m % 8));
		if (m >= 0 && (first < 0 || m < first))
			first = m;
	}
	if (!dated[d].within && first < W.since)
		W.since = first;
}

static int same(sqlite3_value *a, sqlite3_value *b)
{
	int t = sqlite3_value_type(a);
	if (t != sqlite3_value_type(b))
		return 0;
	if (t == SQLITE_NULL)
		return 1;
	if (t == SQLITE_INTEGER)
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	if (t == SQLITE_FLOAT)
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	int n = sqlite3_value_bytes(a);
	const void *pa = t == SQLITE_BLOB ? sqlite3_value_blob(a) : (const void *)sqlite3_value_text(a);
	const void *pb = t == SQLITE_BLOB ? sqlite3_value_blob(b) : (const void *)sqlite3_value_text(b);
	return n == sqlite3_value_bytes(b) && (!n || memcmp(pa, pb, (size_t)n) == 0);
}

/* 1 if an update of table changed only inert columns. */
static int inert_update(sqlite3 *db, const char *table)
{
	int t = 0;
	while (t < W.ninert && strcmp(W.inert[t].name, table) != 0)
		t++;
	if (t == W.ninert)
		return 0;
	for (int c = 0, n = sqlite3_preupdate_count(db); c < n; c++) {
		sqlite3_value *a, *b;
		if (c < 64 && (W.inert[t].cols >> c & 1))
			continue;
		if (sqlite3_preupdate_old(db, c, &a) != SQLITE_OK ||
		    sqlite3_preupdate_new(db, c, &b) != SQLITE_OK || !same(a, b))
			return 0;
	}
	return 1;
}

static void touched(void *arg, sqlite3 *db, int op, const char *schema, const char *table,
		    sqlite3_int64 k1, sqlite3_int64 k2)
{
	(void)arg;
	W.seen++;
	if (strcmp(schema, "main") != 0)
		return;	/* temp tables: the import's scratch */
	if (is_bookkeeping(table))
		return;
	if (op == SQLITE_UPDATE && k1 == k2 && inert_update(db, table))
		return;
	W.dirty = 1;
	int d = 0;
	while (d < NDATED && strcmp(table, dated[d].table) != 0)
		d++;
	if (d == NDATED || W.all) {
		W.all = 1;
		return;
	}
	W.reach[d] = 1;
	if (op != SQLITE_INSERT)
		note(db, d, sqlite3_preupdate_old);
	if (op != SQLITE_DELETE && !W.all)
		note(db, d, sqlite3_preupdate_new);
}

/* A write that reached COMMIT without sw_db_commit's check is refused. */
static int unchecked(void *arg)
{
	(void)arg;
	if (!W.dirty)
		return 0;
	sw_error(_("%s: a write outside sw_db_commit would go unchecked against the closed months;"
		 " nothing stored"), sw_db_name(W.db));
	return 1;
}

static void reset(sqlite3 *db)
{
	W.all = W.dirty = 0;
	memset(W.reach, 0, sizeof W.reach);
	W.since = INT_MAX;
	memset(W.in, 0, sizeof W.in);
	W.seen = 0;
	W.total0 = sqlite3_total_changes64(db);
}

/* 1 if db has a closed month (0 before the schema has the table). Asked
 * at every BEGIN: kept prepared (sw_db_stmt), and whether the table is
 * there asked of the schema SQLite holds, not by reading sqlite_schema. */
static int any_closed(sqlite3 *db)
{
	int yes = sqlite3_table_column_metadata(db, "main", "closed_months", NULL, NULL, NULL, NULL, NULL,
						NULL) == SQLITE_OK;
	if (yes) {
		sqlite3_stmt *st = sw_db_stmt(db, "SELECT 1 FROM closed_months LIMIT 1");
		yes = sqlite3_step(st) == SQLITE_ROW;
		sw_db_release(st);
	}
	return yes;
}

/* Notes, per table of db, which of its columns are inert. */
static void find_inert(sqlite3 *db)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT m.name, p.cid, p.name FROM sqlite_schema m,"
					 " pragma_table_info(m.name) p WHERE m.type = 'table'");
	W.ninert = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0), *c = (const char *)sqlite3_column_text(st, 2);
		int cid = sqlite3_column_int(st, 1), k = 0;
		while (k < (int)(sizeof inert / sizeof inert[0]) && strcmp(c, inert[k]) != 0)
			k++;
		if (k == (int)(sizeof inert / sizeof inert[0]) || cid >= 64 || strlen(t) >= sizeof W.inert[0].name)
			continue;
		int i = 0;
		while (i < W.ninert && strcmp(W.inert[i].name, t) != 0)
			i++;
		if (i == W.ninert) {
			if (W.ninert == (int)(sizeof W.inert / sizeof W.inert[0]))
				continue;
			snprintf(W.inert[W.ninert].name, sizeof W.inert[0].name, "%s", t);
			W.inert[W.ninert++].cols = 0;
		}
		W.inert[i].cols |= 1ull << cid;
	}
	sqlite3_finalize(st);
}

void sw_closed_watch(sqlite3 *db)
{
	if (sqlite3_db_readonly(db, "main") == 1 || !any_closed(db)) {
		if (W.db == db) {	/* the last closed month was reopened */
			sqlite3_preupdate_hook(db, NULL, NULL);
			sqlite3_commit_hook(db, NULL, NULL);
			W.db = NULL;
		}
		return;
	}
	if (W.db != db) {
		W.db = db;
		sqlite3_stmt *st = sw_db_prepare(db, "SELECT cid FROM pragma_table_info(?1) WHERE name = ?2");
		for (int d = 0; d < NDATED; d++)
			for (int k = 0; k < 2; k++) {
				W.col[d][k] = -1;
				if (!dated[d].col[k])
					continue;
				sqlite3_bind_text(st, 1, dated[d].table, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 2, dated[d].col[k], -1, SQLITE_STATIC);
				if (sqlite3_step(st) == SQLITE_ROW)
					W.col[d][k] = sqlite3_column_int(st, 0);
				sqlite3_reset(st);
			}
		sqlite3_finalize(st);
		find_inert(db);
		sqlite3_preupdate_hook(db, touched, NULL);
		sqlite3_commit_hook(db, unchecked, NULL);
	}
	reset(db);
}

void sw_closed_forget(sqlite3 *db)
{
	if (W.db == db)
		reset(db);
}

void sw_closed_unwatch(sqlite3 *db)
{
	if (W.db == db)
		W.db = NULL;	/* a later connection may get the same address */
}

static int could_touch(const char *month)
{
	int m = month_of(month);
	return W.all || m < 0 || W.since <= m || (W.in[m / 8] >> (m % 8) & 1);
}

/* Index of station code in fp, or -1. */
static int find(const struct sw_fp *fp, const char *code)
{
	for (int i = 0; i < fp->n; i++)
		if (strcmp(fp->code[i], code) == 0)
			return i;
	return -1;
}

static long long value(const struct sw_fp *fp, int i, int f)
{
	return i < 0 ? 0 : fp->v[(size_t)i * SW_NFIG + f];
}

/* Writes into buf the figures that differ between b (before) and a
 * (after), four at most, as the report writes them: "T1 staff 2 -> 1,
 * ..." (under Chinese, the figures' Chinese labels); only those a
 * fingerprint of version v does not hash (0: all). Returns how many
 * differ. */
static int changes(const struct sw_fp *b, const struct sw_fp *a, int v, char *buf, size_t n)
{
	int k = 0;
	size_t len = 0;
	buf[0] = 0;
	/* a's stations, then those b alone has */
	for (int s = 0; s < a->n + b->n; s++) {
		const char *code = s < a->n ? a->code[s] : b->code[s - a->n];
		if (s >= a->n && find(a, code) >= 0)
			continue;
		int ia = find(a, code), ib = find(b, code);
		for (int f = 0; f < SW_NFIG; f++) {
			if (v && sw_figures[f].since <= v)
				continue;
			long long x = value(b, ib, f), y = value(a, ia, f);
			char bx[32], by[32];	/* as the report writes them: hours, not minutes */
			sw_figure_fmt(f, x, bx, sizeof bx);
			sw_figure_fmt(f, y, by, sizeof by);
			if (x != y && k++ < 4 && len < n)
				len += (size_t)snprintf(buf + len, n - len, "%s%s %s %s -> %s",
							k > 1 ? ", " : "", code, sw_i18n_zh() ?
							sw_figures[f].zh : sw_figures[f].key, bx, by);
		}
	}
	if (k > 4 && len < n)
		snprintf(buf + len, n - len, _(" and %d more"), k - 4);
	return k;
}

/* The month's figures as last committed, from a second, read-only
 * connection: under WAL, or on a server, it sees the database as it was
 * before this transaction (on a server, through the same role's rows).
 * -1 for a database without a file. */
static int before(struct sw_store *s, const char *month, struct sw_fp *fp)
{
	memset(fp, 0, sizeof *fp);
	int rc = -1;
	if (sw_store_kind(s) != SW_STORE_SQLITE) {
		struct sw_store *r = sw_store_reopen(s, SW_STORE_READONLY);
		rc = r ? sw_report_fp(r, month, fp) : -1;
		sw_store_close(r);
		return rc;
	}
	sqlite3 *db = sw_store_sqlite(s), *r = NULL;
	const char *path = sqlite3_db_filename(db, "main");
	if (path && *path &&
	    sqlite3_open_v2(path, &r, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
		rc = sw_report_fp(sw_store_of(r), month, fp);
	sw_db_close(r);	/* its store (sw_store_of) goes too */
	return rc;
}

/* One closed month against the transaction: 0 if its figures stay as
 * they were, else -1 after saying which changed. A month whose figures had
 * already changed before (behind the tool's back: sw-report monthly says
 * so) does not stop a transaction that leaves them as they are. A month
 * closed with an older fingerprint keeps the figures it does not hash as
 * they were before the transaction. */
static int check_month(struct sw_store *s, const char *month, const char *stored)
{
	struct sw_fp a, b;
	char what[512];
	int rc = sw_report_fp(s, month, &a);
	int v = rc == 0 ? sw_fp_version(&a, stored) : SW_FP_VERSION;
	if (v < SW_FP_VERSION) {
		int k = before(s, month, &b) == 0 ? changes(&b, &a, v, what, sizeof what) : v ? 0 : -1;
		if (k > 0)
			sw_error(_("%s: refused: month %s is closed and this would change its figures: %s"
				   " (reopen it first: sw-report close --month %s --reopen --reason TEXT)"),
				 sw_store_name(s), month, what, month);
		else if (k < 0)
			sw_error(_("%s: refused: month %s is closed and this would change its figures"
				   " (reopen it first: sw-report close --month %s --reopen --reason TEXT)"),
				 sw_store_name(s), month, month);
		rc = k != 0 ? -1 : rc;
		sw_fp_free(&b);
	}
	sw_fp_free(&a);
	return rc;
}

int sw_closed_check(sqlite3 *db)
{
	if (W.db != db)
		return 0;
	if (sqlite3_total_changes64(db) - W.total0 > W.seen)
		W.all = W.dirty = 1;	/* changes the hook did not see: assume the worst */
	if (!W.dirty)
		return 0;
	for (int d = 0; d < NDATED && !W.all; d++)
		if (W.reach[d] && dated[d].reached) {
			sqlite3_stmt *q = sw_db_prepare(db, dated[d].reached);
			W.all = sqlite3_step(q) == SQLITE_ROW;
			sqlite3_finalize(q);
		}
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT month, fingerprint FROM closed_months ORDER BY month");
	int rc = 0, step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		if (could_touch(m))
			rc = check_month(sw_store_of(db), m, (const char *)sqlite3_column_text(st, 1));
	}
	if (rc == 0 && step != SQLITE_DONE) {
		sw_db_error(db, "closed_months");
		rc = -1;
	}
	sqlite3_finalize(st);
	if (rc == 0)
		W.dirty = 0;
	return rc;
}

int sw_closed_check_server(struct sw_store *s)
{
	/* the months the tables' triggers noted (lib/pg_closed.c) */
	struct sw_stmt *st = sw_store_prepare(s, "SELECT month, fingerprint FROM closed_months"
					      " WHERE current_setting('sw.closed_hit', true) = '*'"
					      " OR strpos(current_setting('sw.closed_hit', true), month) > 0 ORDER BY month");
	int rc = st ? 0 : -1, step = SW_DONE;
	while (rc == 0 && (step = sw_stmt_step(st)) == SW_ROW)
		rc = check_month(s, sw_stmt_text(st, 0), sw_stmt_text(st, 1));
	if (rc == 0 && step != SW_DONE)
		rc = -1;
	sw_stmt_finalize(st);
	return rc;
}
