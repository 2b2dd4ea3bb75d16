/* The storage interface (sw/store.h) as the domain files will use it:
 * every behaviour on a SQLite file, then the same on PostgreSQL when
 * SW_TEST_PG names a server (tests/pg/cluster; said as skipped
 * otherwise). The same SQL gives the same rows byte for byte on both,
 * except where sw/store.h's DIALECT says what callers must write. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/store.h"
#include "pgunit.h"
#include "unit.h"

static const char *B;	/* "sqlite" or "pg": the backend each check names */

/* s's first line (what the store said first) */
static char *first_line(char *s)
{
	s[strcspn(s, "\n")] = 0;
	return s;
}


/* Every row of sql as text: columns joined by '|', each row ended by a
 * newline, NULL as "NULL"; "ERROR" when it failed. Kept until the next
 * call. */
static const char *rows(struct sw_store *s, const char *sql)
{
	static char out[4096];
	size_t len = 0;
	struct sw_stmt *st = sw_store_prepare(s, sql);
	int rc = st ? SW_ROW : -1;
	out[0] = 0;
	while (st && (rc = sw_stmt_step(st)) == SW_ROW)
		for (int c = 0; c < sw_stmt_columns(st); c++) {
			const char *v = sw_stmt_text(st, c);
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", v ? v : "NULL",
						c + 1 < sw_stmt_columns(st) ? "|" : "\n");
			if (len >= sizeof out)
				len = sizeof out - 1;
		}
	sw_stmt_finalize(st);
	return rc == SW_DONE ? out : "ERROR";
}

static void tables(struct sw_store *s, const char *db)
{
	T_INT(sw_store_kind(s), strcmp(B, "pg") == 0 ? SW_STORE_PG : SW_STORE_SQLITE, "%s: its kind", B);
	const char *name = sw_store_name(s);
	T_OK(name && (strstr(db, name) || strstr(name, db)), "%s: named by its file or database name (%s)", B, name ? name : "");
	T_OK((sw_store_sqlite(s) != NULL) == (sw_store_kind(s) == SW_STORE_SQLITE),
	     "%s: a SQLite connection for code not ported yet, on a file only", B);
	T_INT(sw_store_exec(s, "CREATE TABLE t (k INTEGER PRIMARY KEY, name TEXT, n INTEGER, note TEXT);"
			    "CREATE TABLE big (k INTEGER PRIMARY KEY, v TEXT NOT NULL);"
			    "CREATE TABLE side (k INTEGER NOT NULL);"
			    "CREATE TABLE raw (a TEXT, b TEXT NOT NULL, c INTEGER);"
			    "CREATE TABLE acct (k INTEGER PRIMARY KEY, v INTEGER NOT NULL);"
			    "CREATE TABLE bin (h BLOB)"), 0, "%s: tables made by one exec (SQLite's types)", B);
	capture();
	int rc = sw_store_exec(s, "CREATE TABLE t (k INTEGER)");
	char *err = first_line(captured());
	T_OK(rc == -1 && strstr(err, "test_store_both: ") && strstr(err, ": exec: "),
	     "%s: a failed exec says so, naming the database", B);
}

/* One INSERT prepared once, stepped with text, int64 and NULL binds. */
static void binds(struct sw_store *s)
{
	static const struct {
		int64_t k;
		const char *name;
		int64_t n;
		int null_n;
		const char *note;
	} r[] = {
		{1, "张三", 42, 0, NULL}, {2, "Bob", -7, 0, ""}, {3, "alice", 0, 1, "a b"},
		{4, NULL, 9000000000, 0, "x"},
	};
	struct sw_stmt *ins = sw_store_prepare(s, "INSERT INTO t (k, name, n, note) VALUES (?1, ?2, ?3, ?4)");
	int ok = ins != NULL;
	for (size_t i = 0; ok && i < sizeof r / sizeof r[0]; i++) {
		sw_stmt_bind_int64(ins, 1, r[i].k);
		sw_stmt_bind_text(ins, 2, r[i].name);
		if (r[i].null_n)
			sw_stmt_bind_null(ins, 3);
		else
			sw_stmt_bind_int64(ins, 3, r[i].n);
		sw_stmt_bind_text(ins, 4, r[i].note);
		ok = sw_stmt_step(ins) == SW_DONE && sw_stmt_reset(ins) == 0;
	}
	sw_stmt_finalize(ins);
	T_OK(ok, "%s: one INSERT stepped four times with text, int64 and NULL binds", B);
	T_STR(rows(s, "SELECT k, name, n, note FROM t ORDER BY k"),
	      "1|张三|42|NULL\n2|Bob|-7|\n3|alice|NULL|a b\n4|NULL|9000000000|x\n",
	      "%s: stored as bound: \"\" is not NULL, 64-bit integers whole", B);
}

/* ks of st's rows, comma-separated (kept until the next call) */
static const char *keys(struct sw_stmt *st)
{
	static char out[256];
	size_t len = 0;
	out[0] = 0;
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW && len < sizeof out - 24)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%lld", len ? "," : "",
					(long long)sw_stmt_int64(st, 0));
	sw_stmt_reset(st);
	return rc == SW_DONE ? out : "ERROR";
}

/* ?N used twice, and "?1 IS NULL" whose type only the binding says */
static void nulls(struct sw_store *s)
{
	struct sw_stmt *q = sw_store_prepare(s, "SELECT k FROM t WHERE ?1 IS NULL OR name = ?1 ORDER BY k");
	sw_stmt_bind_null(q, 1);
	T_STR(keys(q), "1,2,3,4", "%s: ?1 IS NULL OR name = ?1, NULL: every row", B);
	sw_stmt_bind_text(q, 1, "Bob");
	T_STR(keys(q), "2", "%s: the same statement with a name: its row", B);
	sw_stmt_bind_int64(q, 1, 5);
	sw_stmt_bind_text(q, 1, "nobody");
	T_STR(keys(q), "", "%s: bound again with other types, then text: no row", B);
	sw_stmt_finalize(q);

	for (int tx = 0; tx < 2; tx++) {
		if (tx)
			sw_store_begin(s);
		q = sw_store_prepare(s, "SELECT count(*) FROM t WHERE ?1 IS NULL");
		sw_stmt_bind_null(q, 1);
		int all = q && sw_stmt_step(q) == SW_ROW && sw_stmt_int64(q, 0) == 4;
		sw_stmt_reset(q);
		sw_stmt_bind_text(q, 1, "x");
		int none = q && sw_stmt_step(q) == SW_ROW && sw_stmt_int64(q, 0) == 0;
		sw_stmt_finalize(q);
		T_OK(all && none, "%s: ?1 IS NULL alone, with an untyped NULL and then text%s", B,
		     tx ? ", in a transaction" : "");
		if (tx)
			T_OK(sw_store_exec(s, "INSERT INTO side VALUES (-1)") == 0 && sw_store_commit(s) == 0,
			     "%s: and the transaction goes on to commit", B);
	}
}

static void accessors(struct sw_store *s)
{
	struct sw_stmt *st = sw_store_prepare(s, "SELECT k, name AS who, n, note FROM t WHERE k = ?1");
	sw_stmt_bind_int64(st, 1, 3);
	T_INT(sw_stmt_step(st), SW_ROW, "%s: a row", B);
	T_INT(sw_stmt_columns(st), 4, "%s: its columns", B);
	T_STR(sw_stmt_name(st, 0), "k", "%s: a column's name", B);
	T_STR(sw_stmt_name(st, 1), "who", "%s: a column's name given by AS", B);
	T_INT(sw_stmt_int64(st, 0), 3, "%s: int64", B);
	T_STR(sw_stmt_text(st, 1), "alice", "%s: text", B);
	T_OK(sw_stmt_is_null(st, 2) && !sw_stmt_text(st, 2) && sw_stmt_int64(st, 2) == 0,
	     "%s: NULL: is_null, no text, int64 0", B);
	T_OK(!sw_stmt_is_null(st, 3) && !sw_stmt_text(st, 9) && sw_stmt_is_null(st, -1),
	     "%s: not NULL; a column outside the row is NULL", B);
	T_INT(sw_stmt_step(st), SW_DONE, "%s: then done", B);
	sw_stmt_bind_int64(st, 1, 4);
	T_OK(sw_stmt_step(st) == SW_ROW && sw_stmt_int64(st, 2) == 9000000000LL,
	     "%s: a step after done runs it again; 64-bit int64", B);
	sw_stmt_finalize(st);
}

/* The same SQL, the same rows; where they differ, sw/store.h says what
 * callers write instead (the line after each). */
static const struct {
	const char *sql, *sqlite, *pg, *why;
} same[] = {
	{"SELECT name FROM t WHERE name IS NOT NULL ORDER BY name", "Bob\nalice\n张三\n", NULL,
	 "text sorts by bytes"},
	{"SELECT k * 2 + 1, 7 / 2, 7 % 3, -7 / 2 FROM t WHERE k = 1", "3|3|1|-3\n", NULL, "integer arithmetic"},
	{"SELECT CASE WHEN n > 0 THEN 1 ELSE 0 END FROM t ORDER BY k", "1\n0\n0\n1\n", NULL,
	 "a condition as a number: CASE WHEN"},
	{"SELECT n > 0 FROM t WHERE k = 1", "1\n", "t\n", "a bare comparison is a boolean on the server"},
	{"SELECT sum(n), CAST(sum(n) AS INTEGER), count(*), count(n), max(name), min(k) FROM t",
	 "9000000035|9000000035|4|3|张三|1\n", NULL, "aggregates of integers"},
	{"SELECT avg(n) FROM t WHERE k < 3", "17.5\n", "17.5000000000000000\n",
	 "avg is numeric there: format in C"},
	{"SELECT 100.0 * 1 / 3", "33.3333333333333\n", "33.3333333333333333\n",
	 "a decimal literal is numeric there, REAL here: format in C"},
	{"SELECT CAST(2.5 AS INTEGER)", "2\n", "3\n", "a cast to integer rounds there, truncates here"},
	{"SELECT coalesce(note, '-') || ':' || k FROM t ORDER BY k", "-:1\n:2\na b:3\nx:4\n", NULL,
	 "concatenation, coalesce"},
	{"SELECT length(name), substr(name, 2, 1) FROM t WHERE k = 1", "2|三\n", NULL, "characters, not bytes"},
	{"SELECT k FROM t WHERE name LIKE 'b%' ORDER BY k", "2\n", "", "LIKE ignores ASCII case here only"},
	{"SELECT k FROM t WHERE lower(name) LIKE 'b%' ORDER BY k", "2\n", NULL, "lower() of both sides"},
	{"SELECT k FROM t ORDER BY n, k", "3\n2\n1\n4\n", "2\n1\n4\n3\n", "NULL sorts first here, last there"},
	{"SELECT k FROM t ORDER BY n NULLS FIRST, k", "3\n2\n1\n4\n", NULL, "NULLS FIRST says it"},
	{"SELECT k FROM t WHERE EXISTS (SELECT 1 FROM t AS u WHERE u.k = t.k + 1) ORDER BY k", "1\n2\n3\n",
	 NULL, "EXISTS in WHERE"},
	{"SELECT 'a' || NULL, CAST('12' AS INTEGER) + 1", "NULL|13\n", NULL, "NULL, a cast from text"},
};

static void same_rows(struct sw_store *s)
{
	int pg = strcmp(B, "pg") == 0;
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		const char *want = pg && same[i].pg ? same[i].pg : same[i].sqlite;
		T_STR(rows(s, same[i].sql), want, "%s: %s: %s%s", B, same[i].sql, same[i].why,
		      same[i].pg ? " (differs)" : "");
	}
}

/* Bytes the allocator has handed out and not had back. */
static size_t in_use(void)
{
	struct mallinfo2 m = mallinfo2();
	return m.uordblks + m.hblkhd;
}

/* 100,000 rows of 110 bytes (11 MB) stepped in memory that does not grow
 * with them, with a look-up and a write between two steps. (Under the
 * sanitizers, which keep their own heap, the memory check sees nothing.) */
static void many_rows(struct sw_store *s)
{
	if (sw_store_kind(s) == SW_STORE_SQLITE)	/* its page cache, else up to 64 MiB */
		sw_store_exec(s, "PRAGMA cache_size=-256");
	T_INT(sw_store_exec(s, "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000)"
			    " INSERT INTO big (k, v) SELECT i, 'row ' || i || ' ' || substr('"
			    "0123456789012345678901234567890123456789012345678901234567890123456789"
			    "0123456789012345678901234567890123456789', 1, 100) FROM c"), 0,
	      "%s: 100,000 rows made", B);
	struct sw_stmt *all = sw_store_prepare(s, "SELECT k, v FROM big ORDER BY k");
	struct sw_stmt *look = sw_store_prepare(s, "SELECT v FROM big WHERE k = ?1");
	struct sw_stmt *ins = sw_store_prepare(s, "INSERT INTO side (k) VALUES (?1)");
	long n = 0, order = 1, look_ok = 0, ins_ok = 0;
	size_t before = in_use(), most = before;
	char want[32];
	while (sw_stmt_step(all) == SW_ROW) {
		n++;
		snprintf(want, sizeof want, "row %ld ", n);
		order &= sw_stmt_int64(all, 0) == n && strncmp(sw_stmt_text(all, 1), want, strlen(want)) == 0;
		if (n % 1000 == 0 && in_use() > most)
			most = in_use();
		if (n == 50000) {
			sw_stmt_bind_int64(look, 1, 7);
			look_ok = sw_stmt_step(look) == SW_ROW && strncmp(sw_stmt_text(look, 0), "row 7 ", 6) == 0 &&
				  sw_stmt_step(look) == SW_DONE;
			sw_stmt_bind_int64(ins, 1, n);
			ins_ok = sw_stmt_step(ins) == SW_DONE;
		}
	}
	sw_stmt_finalize(all);
	sw_stmt_finalize(look);
	sw_stmt_finalize(ins);
	T_OK(n == 100000 && order, "%s: all 100,000 rows, in order (%ld)", B, n);
	T_OK(look_ok && ins_ok, "%s: a look-up and an insert between two steps", B);
	T_OK(most < before + (2 << 20), "%s: memory flat: at most %zu KiB more while reading 11 MB", B,
	     (most - before) / 1024);
	T_STR(rows(s, "SELECT k FROM side WHERE k > 0"), "50000\n", "%s: the insert made inside the loop is kept", B);
}

static void transactions(struct sw_store *s)
{
	T_INT(sw_store_begin(s), 0, "%s: begin", B);
	sw_store_exec(s, "INSERT INTO acct VALUES (1, 100)");
	sw_store_rollback(s);
	T_STR(rows(s, "SELECT count(*) FROM acct"), "0\n", "%s: rolled back: nothing stored", B);
	T_INT(sw_store_begin(s), 0, "%s: begin", B);
	sw_store_exec(s, "INSERT INTO acct VALUES (1, 100)");
	T_INT(sw_store_commit(s), 0, "%s: commit", B);
	T_STR(rows(s, "SELECT v FROM acct"), "100\n", "%s: committed: stored", B);
}

/* fn of sw_store_transact: adds 10 to account 1 after reading it; while
 * runs <= conflicts, another connection changes the row in between. */
struct add {
	struct sw_store *other;
	int runs, conflicts, fail;
};

static int add_ten(struct sw_store *s, void *arg)
{
	struct add *a = arg;
	a->runs++;
	struct sw_stmt *rd = sw_store_prepare(s, "SELECT v FROM acct WHERE k = 1");
	int rc = rd && sw_stmt_step(rd) == SW_ROW ? 0 : -1;
	sw_stmt_finalize(rd);
	if (rc == 0 && a->other && a->runs <= a->conflicts)
		rc = sw_store_exec(a->other, "UPDATE acct SET v = v + 1 WHERE k = 1");
	if (rc == 0)
		rc = sw_store_exec(s, "UPDATE acct SET v = v + 10 WHERE k = 1");
	return rc == 0 && !a->fail ? 0 : -1;
}

static void retry(struct sw_store *s, struct sw_store *other)
{
	struct add a = {other, 0, 1, 0};
	capture();
	int rc = sw_store_transact(s, add_ten, &a);
	char *err = first_line(captured());
	if (other) {	/* a server: the second connection forces 40001 */
		T_OK(rc == 0 && a.runs == 2, "%s: a serialization failure: run again, and stored (%d runs)", B, a.runs);
		T_STR(rows(s, "SELECT v FROM acct"), "111\n", "%s: the other's change and ours, once each", B);
	} else {	/* SQLite: BEGIN IMMEDIATE queues writers; no conflict to force */
		T_OK(rc == 0 && a.runs == 1, "%s: run once and stored", B);
		T_STR(rows(s, "SELECT v FROM acct"), "110\n", "%s: added once", B);
	}
	T_STR(err, "", "%s: a failure tried again is not said", B);

	struct add f = {other, 0, 0, 1};
	capture();
	rc = sw_store_transact(s, add_ten, &f);
	first_line(captured());
	T_OK(rc == -1 && f.runs == 1, "%s: fn failing: rolled back, not run again", B);
	T_STR(rows(s, "SELECT v FROM acct"), other ? "111\n" : "110\n", "%s: nothing of it stored", B);
	if (!other)
		return;
	struct add g = {other, 0, 1000, 0};
	capture();
	rc = sw_store_transact(s, add_ten, &g);
	err = first_line(captured());
	T_OK(rc == -1 && g.runs == 10, "%s: a conflict every time: given up after %d runs", B, g.runs);
	T_OK(strstr(err, "could not serialize") != NULL, "%s: and the last failure said", B);
}

static void copy(struct sw_store *s)
{
	static const char *const cols[] = {"a", "b", "c"};
	static const char *const v[][3] = {
		{"tab\there", "new\nline", "1"},
		{"back\\slash \\N \\t \\\\", "cr\r\n", NULL},
		{NULL, "", "-5"},
		{"张三\x01", " spaces ", "0"},
	};
	int rc = sw_store_begin(s) | sw_store_copy_begin(s, "raw", 3, cols);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		rc |= sw_store_copy_row(s, v[i]);
	rc |= sw_store_copy_end(s) | sw_store_commit(s);
	T_INT(rc, 0, "%s: four rows copied in", B);
	struct sw_stmt *st = sw_store_prepare(s, "SELECT a, b, c FROM raw ORDER BY c NULLS FIRST");
	static const int order[] = {1, 2, 3, 0};
	int same = 1;
	for (int i = 0; i < 4; i++) {
		same &= sw_stmt_step(st) == SW_ROW;
		for (int c = 0; same && c < 3; c++) {
			const char *got = sw_stmt_text(st, c), *want = v[order[i]][c];
			same &= (!got && !want) || (got && want && strcmp(got, want) == 0);
		}
	}
	same &= sw_stmt_step(st) == SW_DONE;
	sw_stmt_finalize(st);
	T_OK(same, "%s: read back byte for byte: tabs, newlines, backslashes, \\N, NULL, \"\"", B);

	static const char *const bad[] = {"x", NULL, "2"};	/* b is NOT NULL */
	capture();
	rc = sw_store_begin(s) | sw_store_copy_begin(s, "raw", 3, cols);
	rc |= sw_store_copy_row(s, v[0]);
	rc |= sw_store_copy_row(s, bad);
	rc |= sw_store_copy_end(s);
	if (rc)
		sw_store_rollback(s);
	char *err = first_line(captured());
	T_OK(rc != 0 && strstr(err, ": copy: "), "%s: a row the table refuses fails the copy, said", B);
	T_STR(rows(s, "SELECT count(*) FROM raw"), "4\n", "%s: rolled back: nothing of it stored", B);
}

static void blob(struct sw_store *s)
{
	static const unsigned char h[] = {0, 1, 0xff, '\\', 'x', 0};
	struct sw_stmt *st = sw_store_prepare(s, "INSERT INTO bin (h) VALUES (?1)");
	sw_stmt_bind_blob(st, 1, h, sizeof h);
	int ok = sw_stmt_step(st) == SW_DONE;
	sw_stmt_finalize(st);
	st = sw_store_prepare(s, "SELECT h FROM bin");
	size_t n = 0;
	const void *got = sw_stmt_step(st) == SW_ROW ? sw_stmt_blob(st, 0, &n) : NULL;
	T_OK(ok && got && n == sizeof h && memcmp(got, h, n) == 0, "%s: a blob bound and read back (%zu bytes)", B, n);
	sw_stmt_finalize(st);
}

/* other: a second connection to the same database (a server), or NULL */
static void schema(struct sw_store *s, struct sw_store *other, const char *db)
{
	T_INT(sw_store_schema_version(s), SW_SCHEMA_VERSION, "%s: the schema's version", B);
	struct sw_store *o = other ? other : sw_store_open("new.db", SW_STORE_CREATE);
	const char *at = other ? db : "new.db";
	char sql[96], want[160];
	snprintf(sql, sizeof sql, other ? "UPDATE sw_schema SET version = %d" : "PRAGMA user_version = %d",
		 SW_SCHEMA_VERSION + 1);
	sw_store_exec(o, sql);
	if (!other)
		sw_store_close(o);
	capture();
	struct sw_store *n = sw_store_open(at, 0);
	char *err = first_line(captured());
	snprintf(want, sizeof want, "schema version %d is newer than this program's (%d): upgrade sw-tools",
		 SW_SCHEMA_VERSION + 1, SW_SCHEMA_VERSION);
	T_OK(!n && strstr(err, want), "%s: a newer schema refused: %s", B, err);
	sw_store_close(n);
	if (!other)
		return;
	snprintf(sql, sizeof sql, "UPDATE sw_schema SET version = %d", SW_SCHEMA_VERSION - 1);
	sw_store_exec(o, sql);
	capture();
	n = sw_store_open(at, 0);
	err = first_line(captured());
	T_OK(!n && strstr(err, "is older than this program's") && strstr(err, "init-server"),
	     "%s: an older one refused: init-server migrates (%s)", B, err);
	n = sw_store_open(at, SW_STORE_READONLY);
	T_OK(n != NULL, "%s: read-only, an older one still readable is read", B);
	capture();
	T_OK(n && sw_store_exec(n, "INSERT INTO side VALUES (7)") != 0, "%s: and not written", B);
	first_line(captured());
	sw_store_close(n);
	snprintf(sql, sizeof sql, "UPDATE sw_schema SET version = %d", SW_SCHEMA_VERSION);
	sw_store_exec(o, sql);
}

/* The calls the ported domain files share: a cached statement, rows
 * changed, a table's existence and columns, one value, a value's type. */
static void helpers(struct sw_store *s)
{
	const char *sql = "SELECT name FROM t WHERE k = ?1";
	struct sw_stmt *a = sw_store_stmt(s, sql);
	sw_stmt_bind_int64(a, 1, 1);
	T_INT(sw_stmt_step(a), SW_ROW, "%s: a cached statement runs", B);
	struct sw_stmt *b = sw_store_stmt(s, sql);
	T_OK(a != b, "%s: a cached statement out is not handed out twice", B);
	sw_stmt_release(b);
	sw_stmt_release(a);
	struct sw_stmt *c = sw_store_stmt(s, sql);
	T_OK(c == a || c == b, "%s: a released statement is handed out again", B);
	T_INT(sw_stmt_step(c), SW_DONE, "%s: released with its bindings cleared (k = NULL: no row)", B);
	sw_stmt_release(c);

	T_INT(sw_store_exec(s, "UPDATE t SET note = 'n' WHERE k <= 3"), 0, "%s: an update", B);
	struct sw_stmt *u = sw_store_prepare(s, "UPDATE t SET note = 'm' WHERE k >= ?1");
	sw_stmt_bind_int64(u, 1, 2);
	T_INT(sw_stmt_step(u), SW_DONE, "%s: a prepared update", B);
	T_INT(sw_store_changes(s), 3, "%s: rows changed by the last write", B);
	sw_stmt_finalize(u);

	T_INT(sw_store_has(s, "t"), 1, "%s: a table exists", B);
	T_INT(sw_store_has(s, "nosuch"), 0, "%s: a table does not", B);
	T_INT(sw_store_exec(s, "CREATE TEMP TABLE tmpk (k TEXT PRIMARY KEY)"), 0, "%s: a temporary table", B);
	T_INT(sw_store_has(s, "tmpk"), 1, "%s: a temporary table exists", B);
	sw_store_exec(s, "DROP TABLE tmpk");

	struct sw_stmt *cols = sw_store_columns(s, "t");
	char got[256] = "";
	size_t len = 0;
	while (sw_stmt_step(cols) == SW_ROW)
		len += (size_t)snprintf(got + len, sizeof got - len, "%s:%lld ", sw_stmt_text(cols, 0),
					(long long)sw_stmt_int64(cols, 1));
	sw_stmt_finalize(cols);
	T_STR(got, "k:1 name:0 n:0 note:0 ", "%s: a table's columns in order, with the key", B);

	char v[16];
	const char *p[1] = {"Bob"};
	T_INT(sw_store_text(s, "SELECT n FROM t WHERE name = ?1", 1, p, v, sizeof v), 1, "%s: one value found", B);
	T_STR(v, "-7", "%s: one value as text", B);
	p[0] = "nobody";
	T_INT(sw_store_text(s, "SELECT n FROM t WHERE name = ?1", 1, p, v, sizeof v), 0, "%s: no row", B);
	T_STR(v, "", "%s: no row gives \"\"", B);

	struct sw_stmt *ty = sw_store_prepare(s, "SELECT k, name, 2.5, NULL, sum(n) FROM t WHERE k = 1 GROUP BY k, name");
	T_INT(sw_stmt_step(ty), SW_ROW, "%s: a row of every type", B);
	T_INT(sw_stmt_type(ty, 0), SW_INTEGER, "%s: an integer", B);
	T_INT(sw_stmt_type(ty, 1), SW_TEXT, "%s: text", B);
	T_INT(sw_stmt_type(ty, 2), SW_FLOAT, "%s: a float", B);
	T_INT(sw_stmt_type(ty, 3), SW_NULL, "%s: NULL", B);
	T_INT(sw_stmt_type(ty, 4), SW_INTEGER, "%s: a whole sum (numeric there)", B);
	sw_stmt_finalize(ty);

	/* what a listing's columns read: its titles, and numbers before a value says so */
	const char *tab, *col;
	struct sw_stmt *og = sw_store_prepare(s, "SELECT u.k, u.name AS who, u.n + 1, count(*), u.note"
					      " FROM (SELECT k, name, n, note FROM t) AS u WHERE u.k = ?1"
					      " GROUP BY u.k, u.name, u.n, u.note");
	for (int run = 0; run < 2; run++) {	/* a row, then none */
		sw_stmt_bind_int64(og, 1, run ? -1 : 1);
		const char *got = run ? "no row" : "a row";
		T_INT(sw_stmt_step(og), run ? SW_DONE : SW_ROW, "%s: %s", B, got);
		int ty0 = sw_stmt_origin(og, 0, &tab, &col);
		T_OK(ty0 == SW_INTEGER && tab && col && strcmp(tab, "t") == 0 && strcmp(col, "k") == 0,
		     "%s: %s: a table's integer column read through a subquery: its table and name", B, got);
		int ty1 = sw_stmt_origin(og, 1, &tab, &col);
		T_OK(ty1 == SW_TEXT && tab && col && strcmp(col, "name") == 0,
		     "%s: %s: a text column renamed by AS: its own name", B, got);
		T_OK(sw_stmt_origin(og, 0, NULL, NULL) == SW_INTEGER && sw_stmt_origin(og, 1, NULL, NULL) == SW_TEXT,
		     "%s: %s: the declared type alone", B, got);
		T_OK(sw_stmt_origin(og, 2, &tab, &col) == 0 && !tab && !col && sw_stmt_origin(og, 3, &tab, &col) == 0 &&
		     !tab && sw_stmt_origin(og, 9, &tab, &col) == 0 && !tab,
		     "%s: %s: an expression, an aggregate, a column outside the row: none", B, got);
	}
	sw_stmt_finalize(og);
}

static void run_all(const char *db, const char *second)
{
	struct sw_store *s = sw_store_open(db, SW_STORE_CREATE);
	T_OK(s != NULL, "%s: opens", B);
	if (!s)
		return;
	struct sw_store *o = second ? sw_store_open(second, 0) : NULL;
	tables(s, db);
	binds(s);
	nulls(s);
	accessors(s);
	same_rows(s);
	helpers(s);
	many_rows(s);
	transactions(s);
	retry(s, o);
	copy(s);
	blob(s);
	schema(s, o, db);
	sw_store_close(o);
	sw_store_close(s);
}

int main(void)
{
	sw_progname = "test_store_both";
	char dir[] = "/tmp/sw-unit-both.XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) != 0)
		return 3;
	B = "sqlite";
	run_all("sw.db", NULL);
	/* a connection opened by code not ported yet gets a store, which
	 * sw_db_close frees with its cached statements (ASan, valgrind) */
	sqlite3 *conn = sw_db_open("sw.db", 0);
	struct sw_store *w = sw_store_of(conn);
	T_OK(w && sw_store_of(conn) == w && sw_store_sqlite(w) == conn, "sqlite: the store over a connection, made once");
	struct sw_stmt *st = sw_store_stmt(w, "SELECT count(*) FROM t");
	T_OK(st && sw_stmt_step(st) == SW_ROW && sw_stmt_int64(st, 0) == 4, "sqlite: and used");
	sw_stmt_release(st);
	sqlite3_stmt *raw = sw_db_prepare(conn, "SELECT name FROM t WHERE k = 1");
	struct sw_stmt *lent = sw_stmt_of(raw);
	T_OK(sw_stmt_step(lent) == SW_ROW && strcmp(sw_stmt_text(lent, 0), "张三") == 0,
	     "sqlite: a statement of code not ported, read through the store");
	sw_stmt_finalize(lent);
	T_INT(sqlite3_reset(raw), SQLITE_OK, "sqlite: still its owner's after the wrapper is gone");
	sqlite3_finalize(raw);
	sw_db_close(conn);
	const char *const junk[] = {"sw.db", "sw.db-wal", "sw.db-shm", "new.db", "new.db-wal", "new.db-shm"};
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		unlink(junk[i]);

	char url[1024], db[48];
	B = "pg";
	if (pg_unit_db("sw_unit", db, sizeof db, url, sizeof url) == 1) {
		run_all(url, url);
		pg_teardown(getenv("SW_TEST_PG"), db);
	}
	if (chdir("/") != 0 || rmdir(dir) != 0)
		T_OK(0, "the scratch directory is empty");
	return T_DONE();
}
