/* The store on a SQLite file (sw/store.h): lib/db.c opens it with our
 * settings and migrates it, and keeps its transactions (closed months, the
 * audit trail's seal); this file is the interface over sqlite3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/storepriv.h"

_Static_assert((int)SW_STORE_CREATE == (int)SW_DB_CREATE && (int)SW_STORE_READONLY == (int)SW_DB_READONLY,
	       "the store's flags are lib/db.c's");

struct sq {
	struct sw_store base;
	sqlite3 *db;
	sqlite3_stmt *copy;	/* the copy's INSERT */
	int own;		/* opened here: sw_store_close closes db */
	struct sq *next;	/* every store of the process (few) */
};

static struct sq *stores;

static void unlist(struct sq *q)
{
	for (struct sq **p = &stores; *p; p = &(*p)->next)
		if (*p == q) {
			*p = q->next;
			return;
		}
}

struct sq_stmt {
	struct sw_stmt base;
	sqlite3_stmt *st;
	int bind_rc;	/* the first failed bind, said by the next step */
	int borrowed;	/* sw_stmt_of's: st is its owner's to finalize */
	int ran;	/* stepped since its last reset */
};

#define DB(s) (((struct sq *)(s))->db)
#define ST(st) (((struct sq_stmt *)(st))->st)

static void sq_close(struct sw_store *s)
{
	unlist((struct sq *)s);
	sw_db_close(DB(s));
	free(s);
}

static const char *sq_name(const struct sw_store *s) { return sw_db_name(DB(s)); }

static int sq_exec(struct sw_store *s, const char *sql)
{
	if (sqlite3_exec(DB(s), sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	sw_db_error(DB(s), "exec");
	return -1;
}

static struct sw_stmt *sq_prepare(struct sw_store *s, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(DB(s), sql, -1, &st, NULL) != SQLITE_OK) {
		sw_db_error(DB(s), "prepare");
		return NULL;
	}
	struct sq_stmt *q = sw_xcalloc(1, sizeof *q);
	q->base.s = s;
	q->st = st;
	return &q->base;
}

static void sq_bind(struct sw_stmt *st, int i, int type, const void *p, size_t n, int64_t v)
{
	sqlite3_stmt *q = ST(st);
	struct sq_stmt *s = (struct sq_stmt *)st;
	if (s->ran) {	/* binding ends a run, finished or not */
		sqlite3_reset(q);
		s->ran = 0;
	}
	int rc = type == SW_BIND_TEXT ? sqlite3_bind_text64(q, i, p, n, SQLITE_TRANSIENT, SQLITE_UTF8)
		: type == SW_BIND_INT64 ? sqlite3_bind_int64(q, i, v)
		: type == SW_BIND_BLOB ? sqlite3_bind_blob64(q, i, p, n, SQLITE_TRANSIENT)
		: sqlite3_bind_null(q, i);
	if (rc != SQLITE_OK && !s->bind_rc)
		s->bind_rc = rc;
}

static int sq_step(struct sw_stmt *st)
{
	struct sq_stmt *q = (struct sq_stmt *)st;
	if (q->bind_rc) {
		sw_error("%s: bind: %s", sw_db_name(DB(st->s)), sqlite3_errstr(q->bind_rc));
		return -1;
	}
	q->ran = 1;
	int rc = sqlite3_step(q->st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW ? SW_ROW : SW_DONE;
	sw_db_error(DB(st->s), "query");
	return -1;
}

static int sq_columns(struct sw_stmt *st) { return sqlite3_column_count(ST(st)); }
static const char *sq_column_name(struct sw_stmt *st, int col) { return sqlite3_column_name(ST(st), col); }
static const char *sq_text(struct sw_stmt *st, int col) { return (const char *)sqlite3_column_text(ST(st), col); }
static int64_t sq_int64(struct sw_stmt *st, int col) { return sqlite3_column_int64(ST(st), col); }
static int sq_is_null(struct sw_stmt *st, int col) { return sqlite3_column_type(ST(st), col) == SQLITE_NULL; }

static const void *sq_blob(struct sw_stmt *st, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(ST(st), col);
	*n = (size_t)sqlite3_column_bytes(ST(st), col);
	return p;
}

/* The step's failure was said already: reset repeats its code. */
static int sq_reset(struct sw_stmt *st)
{
	((struct sq_stmt *)st)->ran = 0;
	return sqlite3_reset(ST(st)) == SQLITE_OK ? 0 : -1;
}

static void sq_finalize(struct sw_stmt *st)
{
	if (!((struct sq_stmt *)st)->borrowed)
		sqlite3_finalize(ST(st));
	free(st);
}

static int sq_type(struct sw_stmt *st, int col)
{
	switch (sqlite3_column_type(ST(st), col)) {
	case SQLITE_INTEGER: return SW_INTEGER;
	case SQLITE_FLOAT: return SW_FLOAT;
	case SQLITE_TEXT: return SW_TEXT;
	case SQLITE_BLOB: return SW_BLOB;
	default: return SW_NULL;
	}
}

/* The declared type as lib/schema.c writes them (another word is text). */
static int sq_origin(struct sw_stmt *st, int col, const char **table, const char **column)
{
	const char *dt = sqlite3_column_decltype(ST(st), col);
	if (table)
		*table = sqlite3_column_table_name(ST(st), col);
	if (column)
		*column = sqlite3_column_origin_name(ST(st), col);
	return !dt ? 0 : strcmp(dt, "INTEGER") == 0 ? SW_INTEGER : strcmp(dt, "REAL") == 0 ? SW_FLOAT
		: strcmp(dt, "BLOB") == 0 ? SW_BLOB : SW_TEXT;
}

static void sq_clear(struct sw_stmt *st) { sqlite3_clear_bindings(ST(st)); }
static int64_t sq_changes(struct sw_store *s) { return sqlite3_changes64(DB(s)); }

static int sq_begin(struct sw_store *s) { return sw_db_begin(DB(s)); }
static int sq_commit(struct sw_store *s) { return sw_db_commit(DB(s)); }

static void sq_rollback(struct sw_store *s)
{
	struct sq *q = (struct sq *)s;
	sqlite3_finalize(q->copy);
	q->copy = NULL;
	sw_db_rollback(q->db);
}

/* A copy is one INSERT, prepared once, stepped per row. */
static int sq_copy_begin(struct sw_store *s, const char *target, int n)
{
	struct sq *q = (struct sq *)s;
	size_t len = strlen(target) + 32 + (size_t)n * 12;
	char *sql = sw_xmalloc(len), *o = sql + sprintf(sql, "INSERT INTO %s VALUES (", target);
	for (int i = 1; i <= n; i++)
		o += sprintf(o, i < n ? "?%d, " : "?%d)", i);
	int rc = sqlite3_prepare_v2(q->db, sql, -1, &q->copy, NULL);
	free(sql);
	if (rc == SQLITE_OK)
		return 0;
	sw_db_error(q->db, "copy");
	return -1;
}

static int sq_copy_row(struct sw_store *s, const char *const *vals)
{
	struct sq *q = (struct sq *)s;
	for (int i = 0; i < s->copy_n; i++)
		if (vals[i])
			sqlite3_bind_text(q->copy, i + 1, vals[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(q->copy, i + 1);
	int rc = sqlite3_step(q->copy);
	sqlite3_reset(q->copy);
	if (rc == SQLITE_DONE)
		return 0;
	sw_db_error(q->db, "copy");
	return -1;
}

static int sq_copy_end(struct sw_store *s)
{
	struct sq *q = (struct sq *)s;
	sqlite3_finalize(q->copy);
	q->copy = NULL;
	return 0;
}

static int sq_schema_version(struct sw_store *s)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(DB(s), "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		sw_db_error(DB(s), "schema version");
		return -1;
	}
	int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

static const struct sw_store_ops ops = {
	.close = sq_close, .name = sq_name, .exec = sq_exec, .prepare = sq_prepare, .bind = sq_bind,
	.step = sq_step, .columns = sq_columns, .column_name = sq_column_name, .text = sq_text,
	.int64 = sq_int64, .is_null = sq_is_null, .blob = sq_blob, .reset = sq_reset,
	.finalize = sq_finalize, .begin = sq_begin, .commit = sq_commit, .rollback = sq_rollback,
	.copy_begin = sq_copy_begin, .copy_row = sq_copy_row, .copy_end = sq_copy_end,
	.schema_version = sq_schema_version, .changes = sq_changes, .type = sq_type, .clear = sq_clear,
	.origin = sq_origin,
};

static struct sq *wrap(sqlite3 *db, int own)
{
	struct sq *q = sw_xcalloc(1, sizeof *q);
	q->base.ops = &ops;
	q->base.kind = SW_STORE_SQLITE;
	q->db = db;
	q->own = own;
	q->next = stores;
	stores = q;
	return q;
}

struct sw_store *sw_store_sqlite_open(const char *path, int flags)
{
	sqlite3 *db = sw_db_open(path, flags);
	if (!db)
		return NULL;
	/* ported code run while it opened (the audit trail's triggers, built
	 * from sw_audit_columns) may have made db's store already: one store */
	struct sq *q = (struct sq *)sw_store_of(db);
	q->own = 1;
	return &q->base;
}

struct sw_store *sw_store_of(struct sqlite3 *db)
{
	for (struct sq *q = stores; q; q = q->next)
		if (q->db == db)
			return &q->base;
	return &wrap(db, 0)->base;
}

struct sw_stmt *sw_stmt_of(struct sqlite3_stmt *st)
{
	struct sq_stmt *q = sw_xcalloc(1, sizeof *q);
	q->base.s = sw_store_of(sqlite3_db_handle(st));
	q->st = st;
	q->borrowed = 1;
	return &q->base;
}

void sw_store_sqlite_forget(struct sqlite3 *db)
{
	for (struct sq *q = stores; q; q = q->next)
		if (q->db == db) {
			unlist(q);
			sw_store_uncache(&q->base);
			sqlite3_finalize(q->copy);
			free(q);
			return;
		}
}

struct sqlite3 *sw_store_sqlite(struct sw_store *s)
{
	return s->kind == SW_STORE_SQLITE ? DB(s) : NULL;
}
