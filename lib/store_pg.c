/* The store on a PostgreSQL server (sw/store.h has the design): SQL
 * translated once, prepared at its first step with the types bound,
 * queries read through cursors a batch at a time, transactions
 * REPEATABLE READ behind the audit trail's lock, copies as COPY FROM
 * STDIN. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/closed.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/pgpriv.h"
#include "sw/storepriv.h"

#define BATCH 1000		/* rows a FETCH reads */
#define COPY_CHUNK 65536	/* bytes of COPY data sent at once */

/* The server's type numbers (its pg_type.h) for what is bound; unknown
 * lets the SQL decide. */
enum { OID_UNKNOWN = 0, OID_BYTEA = 17, OID_INT8 = 20, OID_TEXT = 25 };

struct pg {
	struct sw_store base;
	PGconn *c;
	int explicit;		/* between begin and commit or rollback */
	int implicit;		/* begun for row loops outside begin..commit */
	struct pg_stmt *open;	/* statements whose cursor is open */
	unsigned long names;	/* numbers the prepared statements */
	int copying;
	char *buf;		/* the copy's rows not sent yet */
	int64_t changes;	/* rows the last write changed */
	int readonly;		/* SW_STORE_READONLY */
	size_t len, cap;
	char *conninfo;		/* as given: sw_store_reopen's (it may hold a password) */
};

struct param {
	int type;	/* SW_BIND_* */
	char *v;	/* as sent: text, digits or bytes */
	int len;
};

/* A statement's run: not started, reading its cursor, holding its whole
 * result (a write, which may return rows), finished, or cut off by the
 * end of its transaction. */
enum { FRESH, CURSOR, RESULT, END, DEAD };

struct pg_stmt {
	struct sw_stmt base;
	char *sql;		/* translated; a query within its DECLARE */
	const char *select;	/* a query without its DECLARE (in sql) */
	int query, n;		/* read through a cursor; parameters */
	int whole;		/* a query read whole (pg_whole) */
	struct param *p;
	Oid *types;		/* as prepared */
	int typed;		/* parameters the SQL gives no type are text */
	int bad;		/* a parameter number out of range was bound */
	char name[32];		/* prepared as; "" not yet */
	int state;
	PGresult *r;		/* the batch or result read */
	int row, last;		/* row of r; r is the cursor's last batch */
	struct pg_stmt *next_open;
	unsigned char *blob;	/* sw_stmt_blob's value */
	char **origin;		/* sw_stmt_origin's table and column of each column */
	int norigin;		/* columns in origin */
};

#define PG(s) ((struct pg *)(s))
#define Q(st) ((struct pg_stmt *)(st))

static const char *pg_name(const struct sw_store *s) { return PQdb(PG(s)->c); }

/* Says why r failed, unless sw_store_transact will try again: a
 * serialization failure or a deadlock the server broke. */
static void fail(struct pg *p, const PGresult *r, const char *what)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0) && p->base.transact)
		p->base.again = 1;
	else
		sw_pg_error(p->c, r, what);
}

/* Runs sql; 0 when it succeeded with status want, else -1 (said). */
static int run(struct pg *p, const char *what, const char *sql, ExecStatusType want)
{
	PGresult *r = PQexec(p->c, sql);
	int ok = r && PQresultStatus(r) == want;
	if (!ok)
		fail(p, r, what);
	PQclear(r);
	return ok ? 0 : -1;
}

static int failed_tx(struct pg *p) { return PQtransactionStatus(p->c) == PQTRANS_INERROR; }

/* The end of a transaction ends its cursors: their statements say so if
 * stepped again before a reset. */
static void forget_cursors(struct pg *p)
{
	for (struct pg_stmt *q = p->open; q; q = q->next_open)
		q->state = DEAD;
	p->open = NULL;
	p->implicit = 0;
}

/* After a failure: a transaction begun for row loops alone is over. */
static void after_failure(struct pg *p)
{
	if (!p->explicit && failed_tx(p)) {
		PQclear(PQexec(p->c, "ROLLBACK"));
		forget_cursors(p);
	}
}

static void unlink_open(struct pg *p, struct pg_stmt *q)
{
	for (struct pg_stmt **o = &p->open; *o; o = &(*o)->next_open)
		if (*o == q) {
			*o = q->next_open;
			break;
		}
}

/* Closes q's cursor; the last one ends a transaction begun for them. */
static int close_cursor(struct pg *p, struct pg_stmt *q)
{
	char sql[64];
	unlink_open(p, q);
	snprintf(sql, sizeof sql, "CLOSE c%s", q->name);
	int rc = failed_tx(p) ? 0 : run(p, "query", sql, PGRES_COMMAND_OK);
	if (p->implicit && !p->open) {
		p->implicit = 0;
		if (run(p, "commit", "COMMIT", PGRES_COMMAND_OK) != 0)
			rc = -1;
	}
	return rc;
}

static struct sw_stmt *pg_prepare(struct sw_store *s, const char *sql)
{
	struct pg_stmt *q = sw_xcalloc(1, sizeof *q);
	q->base.s = s;
	char *t = sw_sql_pg_info(sql, &q->n, &q->query);
	if (q->query) {
		/* the cursor is named after the statement: "c" and its name */
		q->sql = sw_xmalloc(strlen(t) + 64);
		int at = sprintf(q->sql, "DECLARE csw%lu NO SCROLL CURSOR FOR ", ++PG(s)->names);
		strcpy(q->sql + at, t);
		q->select = q->sql + at;
		snprintf(q->name, sizeof q->name, "sw%lu", PG(s)->names);
		free(t);
	} else {
		q->sql = t;
		snprintf(q->name, sizeof q->name, "sw%lu", ++PG(s)->names);
	}
	q->p = sw_xcalloc((size_t)q->n + 1, sizeof *q->p);
	q->types = sw_xcalloc((size_t)q->n + 1, sizeof *q->types);
	q->state = FRESH;
	q->typed = -1;	/* not prepared yet */
	return &q->base;
}

static int pg_reset(struct sw_stmt *st);

static void pg_bind(struct sw_stmt *st, int i, int type, const void *v, size_t n, int64_t iv)
{
	struct pg_stmt *q = Q(st);
	if (i < 1 || i > q->n) {
		q->bad = 1;
		return;
	}
	if (q->state != FRESH)	/* binding ends a run, as reset does */
		pg_reset(st);
	struct param *p = &q->p[i - 1];
	free(p->v);
	p->v = NULL;
	p->type = type;
	if (type == SW_BIND_INT64) {
		p->v = sw_xmalloc(24);
		p->len = snprintf(p->v, 24, "%" PRId64, iv);
	} else if (type != SW_BIND_NULL) {
		p->v = sw_xmalloc(n + 1);
		memcpy(p->v, v, n);
		p->v[n] = 0;
		p->len = (int)n;
	}
}

/* The types q's bindings have: text and NULL as the SQL decides, or as
 * text where it cannot (typed). Whether any is left to the SQL. */
static int bound_types(const struct pg_stmt *q, int typed, Oid *t)
{
	int unknown = 0;
	for (int i = 0; i < q->n; i++) {
		int ty = q->p[i].type;
		t[i] = ty == SW_BIND_INT64 ? OID_INT8 : ty == SW_BIND_BLOB ? OID_BYTEA
			: typed ? OID_TEXT : OID_UNKNOWN;
		unknown |= t[i] == OID_UNKNOWN;
	}
	return unknown;
}

static int is_state(const PGresult *r, const char *state)
{
	const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	return st && strcmp(st, state) == 0;
}

/* Prepares q for the types bound, unless it was for these: on the server
 * a parameter has one type. Text and NULL take the type the SQL gives
 * them, or text where it gives none (?1 IS NULL) or two (?1 IS NULL OR
 * name = ?1: the server cannot tell, "ambiguous"); a
 * failed try inside a transaction is undone by a savepoint, since any
 * error would end the transaction. A query's DECLARE is prepared with
 * the types its SELECT gives (asked of the server first): the server
 * plans the SELECT again at each run with the types bound, and refuses
 * an unknown one then. */
static int prepare_bound(struct pg *p, struct pg_stmt *q)
{
	size_t size = ((size_t)q->n + 1) * sizeof(Oid);
	Oid *sig = sw_xcalloc(1, size), *t = sw_xcalloc(1, size);
	int typed = q->typed > 0, unknown = bound_types(q, typed, sig);
	if (q->typed >= 0 && memcmp(sig, q->types, size) == 0)
		goto done;
	if (q->typed >= 0 && !failed_tx(p)) {	/* prepared for other types */
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", q->name);
		PQclear(PQexec(p->c, sql));
	}
	q->typed = -1;
	int guard = unknown && PQtransactionStatus(p->c) == PQTRANS_INTRANS;
	if (guard && run(p, "prepare", "SAVEPOINT sw_prepare", PGRES_COMMAND_OK) != 0)
		goto done;
	PGresult *r;
	for (;;) {
		int ask = q->query && unknown;	/* the SELECT alone, unnamed */
		r = PQprepare(p->c, ask ? "" : q->name, ask ? q->select : q->sql, q->n, sig);
		/* indeterminate, or ambiguous: first unknown, then text */
		if (!unknown || !(is_state(r, "42P18") || is_state(r, "42P08")))
			break;
		if (guard)
			PQclear(PQexec(p->c, "ROLLBACK TO sw_prepare"));
		PQclear(r);
		unknown = bound_types(q, typed = 1, sig);
	}
	memcpy(t, sig, size);
	if (q->query && unknown && r && PQresultStatus(r) == PGRES_COMMAND_OK) {
		PQclear(r);
		r = PQdescribePrepared(p->c, "");
		for (int i = 0; r && PQresultStatus(r) == PGRES_COMMAND_OK && i < q->n; i++)
			t[i] = PQparamtype(r, i);
		if (r && PQresultStatus(r) == PGRES_COMMAND_OK) {
			PQclear(r);
			r = PQprepare(p->c, q->name, q->sql, q->n, t);
		}
	}
	int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fail(p, r, "prepare");
	PQclear(r);
	if (guard)
		PQclear(PQexec(p->c, ok ? "RELEASE sw_prepare" : "ROLLBACK TO sw_prepare; RELEASE sw_prepare"));
	if (ok) {
		memcpy(q->types, sig, size);
		q->typed = typed;
	}
done:
	free(sig);
	free(t);
	return q->typed >= 0 ? 0 : -1;
}

/* A batch of q's cursor into q->r. 0 or -1 (said). */
static int fetch(struct pg *p, struct pg_stmt *q)
{
	char sql[64];
	snprintf(sql, sizeof sql, "FETCH %d FROM c%s", BATCH, q->name);
	PGresult *r = PQexec(p->c, sql);
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		fail(p, r, "query");
		PQclear(r);
		return -1;
	}
	PQclear(q->r);
	q->r = r;
	q->row = -1;
	q->last = PQntuples(r) < BATCH;
	return 0;
}

/* Runs q with its bindings: a query opens its cursor (in a transaction
 * of its own when none is under way) and reads a batch, anything else
 * runs whole. 0 or -1 (said). */
static int start(struct pg *p, struct pg_stmt *q)
{
	if (prepare_bound(p, q) != 0)
		return -1;
	if (q->query && PQtransactionStatus(p->c) == PQTRANS_IDLE) {
		/* one snapshot for the loop and what runs inside it, as a
		 * SQLite connection reading has */
		if (run(p, "query", "BEGIN ISOLATION LEVEL REPEATABLE READ", PGRES_COMMAND_OK) != 0)
			return -1;
		p->implicit = 1;
	}
	const char **v = sw_xcalloc((size_t)q->n + 1, sizeof *v);
	int *len = sw_xcalloc((size_t)q->n + 1, sizeof *len), *fmt = sw_xcalloc((size_t)q->n + 1, sizeof *fmt);
	for (int i = 0; i < q->n; i++) {
		v[i] = q->p[i].type == SW_BIND_NULL ? NULL : q->p[i].v;
		len[i] = q->p[i].len;
		fmt[i] = q->p[i].type == SW_BIND_BLOB;	/* bytes as they are */
	}
	PGresult *r = PQexecPrepared(p->c, q->name, q->n, v, len, fmt, 0);
	free(v);
	free(len);
	free(fmt);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		fail(p, r, "query");
		PQclear(r);
		after_failure(p);
		return -1;
	}
	if (!q->query) {
		if (!q->whole)
			p->changes = strtoll(PQcmdTuples(r), NULL, 10);
		q->r = r;
		q->row = -1;
		q->state = RESULT;
		return 0;
	}
	PQclear(r);
	q->next_open = p->open;
	p->open = q;
	q->state = CURSOR;
	if (fetch(p, q) == 0)
		return 0;
	unlink_open(p, q);
	q->state = FRESH;
	after_failure(p);
	return -1;
}

static int pg_step(struct sw_stmt *st)
{
	struct pg_stmt *q = Q(st);
	struct pg *p = PG(st->s);
	if (q->bad) {
		sw_error(_("%s: bind: parameter number out of range"), PQdb(p->c));
		return -1;
	}
	if (q->state == DEAD) {
		sw_error(_("%s: a row loop was left open across the end of its transaction"), PQdb(p->c));
		return -1;
	}
	if (q->state == END)
		pg_reset(st);
	if (q->state == FRESH && start(p, q) != 0)
		return -1;
	if (++q->row < PQntuples(q->r))
		return SW_ROW;
	if (q->state == CURSOR && !q->last) {
		if (fetch(p, q) != 0) {
			unlink_open(p, q);
			q->state = FRESH;
			after_failure(p);
			return -1;
		}
		if (++q->row < PQntuples(q->r))
			return SW_ROW;
	}
	int rc = q->state == CURSOR ? close_cursor(p, q) : 0;
	q->state = END;
	return rc == 0 ? SW_DONE : -1;
}

static int in_row(struct pg_stmt *q) { return q->r && q->row >= 0 && q->row < PQntuples(q->r); }
static int pg_columns(struct sw_stmt *st) { return Q(st)->r ? PQnfields(Q(st)->r) : 0; }
static const char *pg_column_name(struct sw_stmt *st, int col) { return PQfname(Q(st)->r, col); }

static int pg_is_null(struct sw_stmt *st, int col)
{
	return !in_row(Q(st)) || PQgetisnull(Q(st)->r, Q(st)->row, col);
}

static const char *pg_text(struct sw_stmt *st, int col)
{
	return pg_is_null(st, col) ? NULL : PQgetvalue(Q(st)->r, Q(st)->row, col);
}

static int64_t pg_int64v(struct sw_stmt *st, int col)
{
	const char *v = pg_text(st, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

/* bytea arrives as text (\x and hex digits): the bytes, kept until the
 * next call. */
static const void *pg_blob(struct sw_stmt *st, int col, size_t *n)
{
	struct pg_stmt *q = Q(st);
	const char *v = pg_text(st, col);
	if (q->blob)
		PQfreemem(q->blob);
	q->blob = v ? PQunescapeBytea((const unsigned char *)v, n) : NULL;
	if (v && !q->blob)
		sw_die(SW_EXIT_FAIL, _("out of memory"));
	return q->blob;
}

/* The server's type numbers of what a column may be (its pg_type.h). */
static int pg_type(struct sw_stmt *st, int col)
{
	if (pg_is_null(st, col))
		return SW_NULL;
	switch (PQftype(Q(st)->r, col)) {
	case 16: case 20: case 21: case 23: case 26:	/* bool (as 1/0: avoid), int8, int2, int4, oid */
		return SW_INTEGER;
	case 700: case 701:
		return SW_FLOAT;
	case 1700:	/* numeric: sum() of a bigint */
		return strchr(pg_text(st, col), '.') ? SW_FLOAT : SW_INTEGER;
	case OID_BYTEA:
		return SW_BLOB;
	default:
		return SW_TEXT;
	}
}

/* The tables' and columns' names of q's columns that read a table's
 * (PQftable), in one look-up (once: a failure leaves none): 0, or -1
 * (said). */
static int origins(struct pg *p, struct pg_stmt *q)
{
	int n = PQnfields(q->r);
	q->origin = sw_xcalloc(2 * (size_t)n + 1, sizeof *q->origin);
	q->norigin = n;
	size_t len = 16 + (size_t)n * 24;
	char *t = sw_xmalloc(len), *c = sw_xmalloc(len), *ot = t, *oc = c;
	for (int i = 0; i < n; i++) {
		ot += sprintf(ot, "%s%u", i ? "," : "{", PQftable(q->r, i));
		oc += sprintf(oc, "%s%d", i ? "," : "{", PQftablecol(q->r, i));
	}
	strcpy(ot, n ? "}" : "{}");
	strcpy(oc, n ? "}" : "{}");
	const char *v[2] = {t, c};
	PGresult *r = PQexecParams(p->c, "SELECT k.n, c.relname, a.attname"
				   " FROM unnest(CAST($1 AS oid[]), CAST($2 AS int2[])) WITH ORDINALITY AS k(t, c, n)"
				   " JOIN pg_catalog.pg_class c ON c.oid = k.t"
				   " JOIN pg_catalog.pg_attribute a ON a.attrelid = k.t AND a.attnum = k.c",
				   2, NULL, v, NULL, NULL, 0);
	free(t);
	free(c);
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		fail(p, r, "query");
		PQclear(r);
		return -1;
	}
	for (int i = 0; i < PQntuples(r); i++) {
		long k = strtol(PQgetvalue(r, i, 0), NULL, 10) - 1;
		if (k >= 0 && k < n) {
			q->origin[2 * k] = sw_xstrdup(PQgetvalue(r, i, 1));
			q->origin[2 * k + 1] = sw_xstrdup(PQgetvalue(r, i, 2));
		}
	}
	PQclear(r);
	return 0;
}

static int pg_origin(struct sw_stmt *st, int col, const char **table, const char **column)
{
	struct pg_stmt *q = Q(st);
	if (PQftable(q->r, col) == InvalidOid)
		return 0;
	if (table || column) {
		if ((!q->origin && origins(PG(st->s), q) != 0) || col >= q->norigin || !q->origin[2 * col])
			return 0;
		if (table)
			*table = q->origin[2 * col];
		if (column)
			*column = q->origin[2 * col + 1];
	}
	switch (PQftype(q->r, col)) {
	case 20: case 21: case 23:	/* int8, int2, int4 */
		return SW_INTEGER;
	case 700: case 701: case 1700:	/* float4, float8, numeric */
		return SW_FLOAT;
	case OID_BYTEA:
		return SW_BLOB;
	default:
		return SW_TEXT;
	}
}

static void pg_clear(struct sw_stmt *st)
{
	struct pg_stmt *q = Q(st);
	for (int i = 0; i < q->n; i++) {
		free(q->p[i].v);
		q->p[i] = (struct param){0};
	}
}

static int64_t pg_changes(struct sw_store *s) { return PG(s)->changes; }

/* A look-up: its query run as it is, its rows read at once (one round
 * trip, where a cursor takes three: DECLARE, FETCH, CLOSE). */
static void pg_whole(struct sw_stmt *st)
{
	struct pg_stmt *q = Q(st);
	struct pg *p = PG(st->s);
	if (!q->query)
		return;
	pg_reset(st);
	if (q->typed >= 0 && !failed_tx(p)) {	/* prepared as a cursor */
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", q->name);
		PQclear(PQexec(p->c, sql));
	}
	q->typed = -1;
	memmove(q->sql, q->select, strlen(q->select) + 1);
	q->select = NULL;
	q->query = 0;
	q->whole = 1;
}

static int pg_reset(struct sw_stmt *st)
{
	struct pg_stmt *q = Q(st);
	int rc = q->state == CURSOR ? close_cursor(PG(st->s), q) : 0;
	PQclear(q->r);
	q->r = NULL;
	q->state = FRESH;
	return rc;
}

static void pg_finalize(struct sw_stmt *st)
{
	struct pg_stmt *q = Q(st);
	struct pg *p = PG(st->s);
	pg_reset(st);
	if (q->typed >= 0 && !failed_tx(p)) {
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", q->name);
		PQclear(PQexec(p->c, sql));
	}
	for (int i = 0; i < q->n; i++)
		free(q->p[i].v);
	if (q->blob)
		PQfreemem(q->blob);
	for (int i = 0; i < 2 * q->norigin; i++)
		free(q->origin[i]);
	free(q->origin);
	free(q->p);
	free(q->types);
	free(q->sql);
	free(q);
}

static int pg_exec(struct sw_store *s, const char *sql)
{
	char *t = sw_sql_pg(sql);
	PGresult *r = PQexec(PG(s)->c, t);
	free(t);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
	if (!ok) {
		fail(PG(s), r, "exec");
		after_failure(PG(s));
	}
	PQclear(r);
	return ok ? 0 : -1;
}

static int pg_begin(struct sw_store *s)
{
	struct pg *p = PG(s);
	if (PQtransactionStatus(p->c) != PQTRANS_IDLE) {
		sw_error(_("%s: begin: a transaction or a row loop is under way"), PQdb(p->c));
		return -1;
	}
	/* the audit trail is one chain: a transaction that writes takes its
	 * claim (lib/pg_audit.c) before its snapshot, which LOCK does not take,
	 * so that it reads the end the last writer left, not an older one */
	/* closed months: the tables' triggers note what this transaction
	 * touches, and commit recomputes it (lib/pg_closed.c). Writers run one
	 * at a time behind that lock, which SERIALIZABLE would only repeat:
	 * its predicate locks overflowed the server's table on a long import
	 * (the lock on the trail's last index page is copied at every split) */
	if (run(p, "begin", "BEGIN ISOLATION LEVEL REPEATABLE READ", PGRES_COMMAND_OK) != 0 ||
	    (!p->readonly && run(p, "begin", "SET LOCAL sw.closed = 'tool'; LOCK TABLE sw_audit_head IN EXCLUSIVE MODE",
				 PGRES_COMMAND_OK) != 0)) {
		after_failure(p);
		if (PQtransactionStatus(p->c) != PQTRANS_IDLE)
			PQclear(PQexec(p->c, "ROLLBACK"));
		return -1;
	}
	p->explicit = 1;
	return 0;
}

static void pg_rollback(struct sw_store *s)
{
	struct pg *p = PG(s);
	if (p->copying) {
		PQputCopyEnd(p->c, "rolled back");
		PGresult *r;
		while ((r = PQgetResult(p->c)))
			PQclear(r);
		p->copying = 0;
	}
	if (PQtransactionStatus(p->c) != PQTRANS_IDLE)
		PQclear(PQexec(p->c, "ROLLBACK"));
	forget_cursors(p);
	p->explicit = 0;
}

static int pg_commit(struct sw_store *s)
{
	struct pg *p = PG(s);
	if (failed_tx(p)) {
		/* a statement failed, and was said: the server rolls back */
		if (!p->base.again)
			sw_error(_("%s: commit: a statement of the transaction failed: nothing was stored"),
				 PQdb(p->c));
		pg_rollback(s);
		return -1;
	}
	/* closed months as on SQLite; then the audit trail's seal
	 * (lib/audit.c): what it writes is committed too */
	if ((!p->readonly && sw_closed_check_server(s) != 0) ||
	    (sw_store_before_commit && sw_store_before_commit(s) != 0)) {
		pg_rollback(s);
		return -1;
	}
	forget_cursors(p);
	PGresult *r = PQexec(p->c, "COMMIT");
	int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(r), "COMMIT") == 0;
	if (!ok)
		fail(p, r, "commit");
	PQclear(r);
	if (!ok)
		pg_rollback(s);
	p->explicit = 0;
	return ok ? 0 : -1;
}

/* COPY's text format: \N is NULL; backslash, tab, newline and carriage
 * return escaped; every other byte as it is. */
static void put_value(struct pg *p, const char *v, int last)
{
	size_t need = (v ? 2 * strlen(v) : 2) + 1;
	if (p->len + need > p->cap) {
		p->cap = (p->len + need) * 2;
		p->buf = sw_xrealloc(p->buf, p->cap);
	}
	char *o = p->buf + p->len;
	if (!v) {
		*o++ = '\\';
		*o++ = 'N';
	}
	for (; v && *v; v++) {
		const char *e = strchr("\\\t\n\r", *v);
		if (e && *v) {
			*o++ = '\\';
			*o++ = "\\tnr"[e - "\\\t\n\r"];
		} else
			*o++ = *v;
	}
	*o++ = last ? '\n' : '\t';
	p->len = (size_t)(o - p->buf);
}

static int send_copy(struct pg *p)
{
	if (p->len && PQputCopyData(p->c, p->buf, (int)p->len) != 1) {
		fail(p, NULL, "copy");
		return -1;
	}
	p->len = 0;
	return 0;
}

static int pg_copy_begin(struct sw_store *s, const char *target, int n)
{
	struct pg *p = PG(s);
	(void)n;
	char *sql = sw_xmalloc(strlen(target) + 32);
	sprintf(sql, "COPY %s FROM STDIN", target);
	int rc = run(p, "copy", sql, PGRES_COPY_IN);
	free(sql);
	if (rc != 0) {
		after_failure(p);
		return -1;
	}
	p->copying = 1;
	p->len = 0;
	return 0;
}

static int pg_copy_row(struct sw_store *s, const char *const *vals)
{
	struct pg *p = PG(s);
	for (int i = 0; i < s->copy_n; i++)
		put_value(p, vals[i], i == s->copy_n - 1);
	return p->len < COPY_CHUNK ? 0 : send_copy(p);
}

/* The server checks the rows as they arrive and says what was wrong at
 * the end. */
static int pg_copy_end(struct sw_store *s)
{
	struct pg *p = PG(s);
	int ok = send_copy(p) == 0 && PQputCopyEnd(p->c, NULL) == 1;
	PGresult *r = ok ? PQgetResult(p->c) : NULL;
	if (ok && !(ok = r && PQresultStatus(r) == PGRES_COMMAND_OK))
		fail(p, r, "copy");
	PQclear(r);
	while ((r = PQgetResult(p->c)))
		PQclear(r);
	p->copying = 0;
	if (!ok)
		after_failure(p);
	return ok ? 0 : -1;
}

static int pg_schema_version(struct sw_store *s)
{
	long v = sw_pg_long(PG(s)->c, "schema version", "SELECT version FROM sw_schema", 0, NULL);
	return v < 0 ? -1 : (int)v;
}

static void pg_close(struct sw_store *s)
{
	struct pg *p = PG(s);
	/* what ran outside begin..commit is kept, as on SQLite */
	if (p->implicit && !failed_tx(p))
		run(p, "commit", "COMMIT", PGRES_COMMAND_OK);
	PQfinish(p->c);
	free(p->buf);
	explicit_bzero(p->conninfo, strlen(p->conninfo));
	free(p->conninfo);
	free(p);
}

static struct sw_store *pg_reopen(struct sw_store *s, int flags)
{
	return sw_store_pg_open(PG(s)->conninfo, flags);
}

static const struct sw_store_ops ops = {
	.close = pg_close, .name = pg_name, .exec = pg_exec, .prepare = pg_prepare, .bind = pg_bind,
	.step = pg_step, .columns = pg_columns, .column_name = pg_column_name, .text = pg_text,
	.int64 = pg_int64v, .is_null = pg_is_null, .blob = pg_blob, .reset = pg_reset,
	.finalize = pg_finalize, .begin = pg_begin, .commit = pg_commit, .rollback = pg_rollback,
	.copy_begin = pg_copy_begin, .copy_row = pg_copy_row, .copy_end = pg_copy_end,
	.schema_version = pg_schema_version, .changes = pg_changes, .type = pg_type, .clear = pg_clear,
	.origin = pg_origin, .reopen = pg_reopen, .whole = pg_whole,
};

/* The schema must be this build's (a read-only store reads one from
 * SW_SCHEMA_READABLE on, as on SQLite): init-server migrates. 0 or -1. */
static int check_schema(PGconn *c, int flags)
{
	long there = sw_pg_long(c, "open", "SELECT CAST(to_regclass('public.sw_schema') IS NOT NULL AS INTEGER)",
				0, NULL);
	long v = there == 1 ? sw_pg_long(c, "open", "SELECT version FROM sw_schema", 0, NULL) : -1;
	if (there < 0 || v < -1)
		return -1;
	if (there == 0 || v < 0)
		sw_error(_("%s: no sw-tools schema at this version: run sw-station init-server first"), PQdb(c));
	else if (v > SW_SCHEMA_VERSION)
		sw_error(_("%s: schema version %d is newer than this program's (%d): upgrade sw-tools"),
			 PQdb(c), (int)v, SW_SCHEMA_VERSION);
	else if (v < SW_SCHEMA_VERSION && !((flags & SW_STORE_READONLY) && v >= SW_SCHEMA_READABLE))
		sw_error(_("%s: schema version %d is older than this program's (%d): run sw-station"
			   " init-server to migrate it"), PQdb(c), (int)v, SW_SCHEMA_VERSION);
	else
		return 0;
	return -1;
}

struct sw_store *sw_store_pg_open(const char *conninfo, int flags)
{
	PGconn *c = sw_pg_connect(conninfo);
	if (!c)
		return NULL;
	if (check_schema(c, flags) != 0 ||
	    ((flags & SW_STORE_READONLY) && sw_pg_exec(c, "open", "SET default_transaction_read_only = on") != 0)) {
		PQfinish(c);
		return NULL;
	}
	struct pg *p = sw_xcalloc(1, sizeof *p);
	p->base.ops = &ops;
	p->base.kind = SW_STORE_PG;
	p->c = c;
	p->readonly = (flags & SW_STORE_READONLY) != 0;
	p->conninfo = sw_xstrdup(conninfo);
	return &p->base;
}
