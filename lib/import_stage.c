/* An import on a server (sw/import.h). The rows of a file are normalised
 * and checked in C as on a SQLite file (lib/import.c), references against
 * keys read once (lib/refs.c), and kept here a chunk at a time, in their
 * order, with the rejected ones among them. A chunk then goes to the
 * server through COPY into a temporary table, sw_chunk; the checks that
 * read the stored rows or the file's other rows run on it as a few
 * queries (a closed month, a key met twice in the file, a value a unique
 * index holds already), each answering for the whole chunk; and one
 * INSERT ... SELECT ... ON CONFLICT stores it. Then the chunk's rows are
 * said in their order: the rejected ones as a file's would be, the others
 * counted and given to the table's after hook. A file's messages, counts
 * and stored rows are those of the same file on SQLite.
 *
 * Where SQLite knows a key met twice by its rowid, the keys this file
 * stored are kept in a second temporary table, sw_stage, and a key found
 * there, or on an earlier row of the chunk, is the earlier line's. A made
 * key (a services log without 服务编号) met before is made again with the
 * next number, as on SQLite. Memory holds one chunk: CHUNK_ROWS rows or
 * CHUNK_BYTES of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/importpriv.h"
#include "sw/store.h"

#define CHUNK_ROWS 10000
#define CHUNK_BYTES (16u << 20)
#define DROP_AT_ONCE 64		/* rows a DELETE from the chunk names */

/* A row of the chunk: staged, rejected before (why with its fields), or
 * rejected by the chunk's checks (why in the flush's own arena). */
enum { STAGED, REJECTED, DROPPED };

struct crow {
	long line;
	int nf, state, occ, outcome;
	int again;	/* its key made again: to copy in again */
	size_t at;	/* in a: nf fields, then a staged row's values (a byte 1 and
			 * the text, or a byte 0 for NULL) or a rejected row's why */
	size_t why;	/* a dropped row's, in b */
};

struct sw_stage {
	struct crow *rows;
	size_t n, cap;
	long staged;		/* rows of the chunk staged */
	struct sw_arena a, b;
	int ncopy;		/* sw_seq and the file's columns */
	const char **copy;	/* their names */
	int *col;		/* their table columns (copy[k + 1]) */
	char **f;		/* a row decoded: its fields, */
	const char **v;		/* its values */
	int maxnf;
	char *lock, *dup, *outcome, *upsert, *keep;	/* the chunk's SQL */
	int nuniq;
	char **uniq;		/* per unique index the file fills: its rows taken */
	char **uniq_cols;	/* the titles of its columns, for the message */
	int *uniq_col;		/* its column, or -1 if several */
	struct sw_stmt *drop;
	long drops[DROP_AT_ONCE];
	int ndrops;
};

/* Appends n bytes of p to a; returns where they went. */
static size_t put(struct sw_arena *a, const void *p, size_t n)
{
	memcpy(sw_arena_room(a, n), p, n);
	a->len += n;
	return a->len - n;
}

static size_t put_str(struct sw_arena *a, const char *s)
{
	return put(a, s, strlen(s) + 1);
}

/* Row r's fields into st->f and, for a staged one, its values into st->v
 * (valid until the arena grows). Returns where its why starts. */
static const char *decode(struct sw_import *im, struct crow *r)
{
	struct sw_stage *st = im->stage;
	char *p = st->a.p + r->at;
	for (int i = 0; i < r->nf; i++, p += strlen(p) + 1)
		st->f[i] = p;
	if (r->state == REJECTED)
		return p;
	for (int i = 0; i < im->t->ncols; i++)
		if (*p++) {
			st->v[i] = p;
			p += strlen(p) + 1;
		} else
			st->v[i] = NULL;
	return r->state == DROPPED ? st->b.p + r->why : NULL;
}

static struct crow *add_row(struct sw_import *im, long line, char **f, int nf, int state)
{
	struct sw_stage *st = im->stage;
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 256;
		st->rows = sw_xrealloc(st->rows, st->cap * sizeof *st->rows);
	}
	if (nf > st->maxnf) {
		st->maxnf = nf;
		st->f = sw_xrealloc(st->f, (size_t)nf * sizeof *st->f);
	}
	struct crow *r = &st->rows[st->n++];
	*r = (struct crow){line, nf, state, 0, 0, 0, st->a.len, 0};
	for (int i = 0; i < nf; i++)
		put_str(&st->a, f[i]);
	return r;
}

/* Flushes a full chunk. */
static int full(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	return st->n < CHUNK_ROWS && st->a.len < CHUNK_BYTES ? 0 : sw_stage_flush(im);
}

int sw_stage_row(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	add_row(im, im->line, im->f, im->nf, STAGED);
	st->staged++;
	for (int i = 0; i < im->t->ncols; i++) {
		const char *v = im->v[i];
		put(&st->a, v ? "\1" : "", 1);
		if (v)
			put_str(&st->a, v);
	}
	return full(im);
}

int sw_stage_reject(struct sw_import *im, long line, char **f, int nf, const char *why)
{
	add_row(im, line, f, nf, REJECTED);
	put_str(&im->stage->a, why);
	return full(im);
}

int sw_stage_pending(const struct sw_import *im)
{
	return im->stage->staged > 0;
}

/* Rows of the chunk into sw_chunk: the staged ones, or (again) those
 * whose key was made again. 0 or -1 (said). */
static int copy_in(struct sw_import *im, int rekeyed)
{
	struct sw_stage *st = im->stage;
	const char **vals = sw_xcalloc((size_t)st->ncopy, sizeof *vals);
	char seq[24];
	int rc = sw_store_copy_begin(im->s, "sw_chunk", st->ncopy, st->copy);
	for (size_t j = 0; rc == 0 && j < st->n; j++) {
		struct crow *r = &st->rows[j];
		if (r->state != STAGED || (rekeyed && !r->again))
			continue;
		r->again = 0;
		decode(im, r);
		snprintf(seq, sizeof seq, "%zu", j);
		vals[0] = seq;
		for (int k = 1; k < st->ncopy; k++)
			vals[k] = st->v[st->col[k]];
		rc = sw_store_copy_row(im->s, vals);
	}
	free(vals);
	if (rc == 0)
		rc = sw_store_copy_end(im->s);
	/* a temporary table has no statistics unless told: without them the
	 * checks join the chunk to the whole target table by hashing it, a
	 * cost that grows with the table (quadratic over a large import) */
	if (rc == 0)
		rc = sw_store_exec(im->s, "ANALYZE pg_temp.sw_chunk");
	return rc;
}

/* Deletes the rows noted in st->drops from sw_chunk. 0 or -1. */
static int drop_noted(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	if (!st->ndrops)
		return 0;
	for (int i = 0; i < DROP_AT_ONCE; i++)
		if (i < st->ndrops)
			sw_stmt_bind_int64(st->drop, i + 1, st->drops[i]);
		else
			sw_stmt_bind_null(st->drop, i + 1);
	st->ndrops = 0;
	return sw_stmt_step(st->drop) == SW_DONE ? 0 : -1;
}

/* Row j leaves the chunk, rejected with why (said when the chunk is). */
static int drop(struct sw_import *im, size_t j, char *why)
{
	struct sw_stage *st = im->stage;
	if (im->t->personal)
		sw_problems_unquote(why);
	st->rows[j].state = DROPPED;
	st->rows[j].why = put_str(&st->b, why);
	st->drops[st->ndrops++] = (long)j;
	return st->ndrops == DROP_AT_ONCE ? drop_noted(im) : 0;
}

/* Runs q, a query of the chunk's rows whose first column is sw_seq, and
 * calls fn for each row it gives, in the chunk's order. 0 or -1. */
static int each(struct sw_import *im, const char *q, int (*fn)(struct sw_import *, size_t, struct sw_stmt *))
{
	struct sw_stmt *s = sw_store_prep(im->s, q);
	int rc;
	while ((rc = sw_stmt_step(s)) == SW_ROW)
		if (fn(im, (size_t)sw_stmt_int64(s, 0), s) != 0) {
			rc = -1;
			break;
		}
	sw_stmt_finalize(s);
	return rc == SW_DONE ? 0 : -1;
}

/* A closed month: the rows the query finds stored (with whether they
 * change, and their period columns as stored), and the others, new. */
static size_t lock_next;

static int lock_row(struct sw_import *im, size_t j, const char **old, int exists, int changes)
{
	char why[640];
	decode(im, &im->stage->rows[j]);
	if (!sw_import_lock(im, im->stage->v, exists, changes, old, why, sizeof why))
		return 0;
	return drop(im, j, why);
}

/* Rows before j that the query did not find: not stored. */
static int locks_upto(struct sw_import *im, size_t j)
{
	for (; lock_next < j; lock_next++)
		if (im->stage->rows[lock_next].state == STAGED && lock_row(im, lock_next, NULL, 0, 0) != 0)
			return -1;
	return 0;
}

static int lock_found(struct sw_import *im, size_t j, struct sw_stmt *s)
{
	const char *old[16];
	for (int k = 0; k < 16; k++)
		old[k] = sw_stmt_text(s, k + 2);
	if (locks_upto(im, j) != 0)
		return -1;
	lock_next = j + 1;
	return lock_row(im, j, old, 1, sw_stmt_int64(s, 1) != 0);
}

static int locks(struct sw_import *im)
{
	if (!im->locks)
		return 0;
	lock_next = 0;
	if (im->stage->lock && each(im, im->stage->lock, lock_found) != 0)
		return -1;
	return locks_upto(im, im->stage->n) == 0 ? drop_noted(im) : -1;
}

/* A key an earlier row of the file has: made again when it is made, else
 * the row is rejected. */
static int dup_found(struct sw_import *im, size_t j, struct sw_stmt *s)
{
	(void)s;
	struct crow *r = &im->stage->rows[j];
	int made = sw_import_made(im);
	char why[640];
	if (made < 0 || r->occ == 999) {
		sw_import_dup_msg(im, why, sizeof why);
		return drop(im, j, why);
	}
	decode(im, r);
	/* the same length each time (SYYYYMMDD-%010llx): made again in place */
	sw_import_key(im->t, im->stage->v, made, ++r->occ, (char *)im->stage->v[made]);
	r->again = 1;
	im->stage->drops[im->stage->ndrops++] = (long)j;
	return im->stage->ndrops == DROP_AT_ONCE ? drop_noted(im) : 0;
}

static int dups(struct sw_import *im)
{
	for (;;) {
		size_t again = 0;
		if (each(im, im->stage->dup, dup_found) != 0 || drop_noted(im) != 0)
			return -1;
		for (size_t j = 0; j < im->stage->n; j++)
			again += im->stage->rows[j].again;
		if (!again)
			return 0;
		if (copy_in(im, 1) != 0)
			return -1;
	}
}

static int uniq_index;

static int uniq_found(struct sw_import *im, size_t j, struct sw_stmt *s)
{
	char why[640];
	sw_taken_msg(im->t, im->stage->uniq_cols[uniq_index], im->stage->uniq_col[uniq_index],
		     -(sw_stmt_int64(s, 1) != 0), why, sizeof why);
	return drop(im, j, why);
}

static int uniques(struct sw_import *im)
{
	for (uniq_index = 0; uniq_index < im->stage->nuniq; uniq_index++)
		if (each(im, im->stage->uniq[uniq_index], uniq_found) != 0 || drop_noted(im) != 0)
			return -1;
	return 0;
}

static int outcome_found(struct sw_import *im, size_t j, struct sw_stmt *s)
{
	static const int outcome[] = {SW_INSERTED, SW_UNCHANGED, SW_UPDATED};
	im->stage->rows[j].outcome = outcome[sw_stmt_int64(s, 1) % 3];
	return 0;
}

/* Stores the chunk's staged rows after the checks: one statement. */
static int store(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	if (copy_in(im, 0) != 0 || locks(im) != 0 || dups(im) != 0 || uniques(im) != 0 ||
	    each(im, st->outcome, outcome_found) != 0)
		return -1;
	return sw_store_exec(im->s, st->upsert) == 0 && sw_store_exec(im->s, st->keep) == 0 ? 0 : -1;
}

int sw_stage_flush(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	if (st->staged && store(im) != 0)
		return -1;
	st->staged = 0;
	/* said in the rows' order: as on a file; --strict ends at the first
	 * rejected one */
	int rc = 0;
	for (size_t j = 0; rc == 0 && j < st->n && !(im->o->strict && im->c.rejected); j++) {
		struct crow *r = &st->rows[j];
		const char *why = decode(im, r);
		if (r->state != STAGED)
			rc = sw_import_emit(im, r->line, st->f, r->nf, why);
		else {
			sw_import_count(im, r->outcome);
			if (im->t->after && im->t->after(im, st->v, r->outcome) != 0)
				rc = -1;
		}
	}
	st->n = 0;
	st->a.len = st->b.len = 0;
	return rc;
}

/* The SQL of a file's chunks. */

/* a."k1" = b."k1" AND ... for the key columns */
static void key_eq(sqlite3_str *q, const struct sw_table *t, const char *a, const char *b)
{
	for (int i = 0, k = 0; i < t->ncols; i++)
		if (t->cols[i].flags & SW_C_KEY)
			sqlite3_str_appendf(q, "%s%s.\"%w\" = %s.\"%w\"", k++ ? " AND " : "", a, t->cols[i].name,
					    b, t->cols[i].name);
}

/* "k1", "k2": the key columns */
static void keys(sqlite3_str *q, const struct sw_table *t)
{
	for (int i = 0, k = 0; i < t->ncols; i++)
		if (t->cols[i].flags & SW_C_KEY)
			sqlite3_str_appendf(q, "%s\"%w\"", k++ ? ", " : "", t->cols[i].name);
}

/* Whether the file's row (new) changes the stored one (old), as the
 * UPDATE of a file does: a derived column the file lacks changes nothing
 * when the hook derived nothing. "0" when every column is the key. */
static void differs(sqlite3_str *q, const struct sw_import *im, const char *old, const char *new)
{
	const struct sw_table *t = im->t;
	int n = 0;
	for (int i = 0; i < t->ncols; i++) {
		const char *c = t->cols[i].name, *sep = n ? " OR " : "";
		if (im->map[i] == SW_MAP_ABSENT || (t->cols[i].flags & SW_C_KEY))
			continue;
		n++;
		if (im->map[i] == SW_MAP_FILL && (t->cols[i].flags & SW_C_DERIVED))
			sqlite3_str_appendf(q, "%s(%s.\"%w\" IS NOT NULL AND %s.\"%w\" IS DISTINCT FROM %s.\"%w\")",
					    sep, new, c, old, c, new, c);
		else
			sqlite3_str_appendf(q, "%s%s.\"%w\" IS DISTINCT FROM %s.\"%w\"", sep, old, c, new, c);
	}
	if (!n)
		sqlite3_str_appendall(q, "0 = 1");
}

/* The checks join each row of the chunk to the target table and to
 * sw_stage through LATERAL ... LIMIT 1: one index probe per row, whatever
 * the planner thinks of tables whose statistics a long import outdates (a
 * hash or merge join reads the whole table for every chunk). */
static void build_checks(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	const struct sw_table *t = im->t;
	sqlite3_str *q = sqlite3_str_new(NULL);
	/* the stored rows, when a month is closed; a made key is not known
	 * when the month is checked (as on a file): the row is new */
	int period = 0;
	for (int i = 0; i < t->ncols; i++)
		period += (t->cols[i].flags & SW_C_PERIOD) != 0;
	if (im->locks && period && sw_import_made(im) < 0) {
		sqlite3_str_appendall(q, ", CASE WHEN ");
		differs(q, im, "sw_t", "sw_c");
		sqlite3_str_appendall(q, " THEN 1 ELSE 0 END");
		for (int i = 0; i < t->ncols; i++)
			if (t->cols[i].flags & SW_C_PERIOD)
				sqlite3_str_appendf(q, ", sw_t.\"%w\"", t->cols[i].name);
		sqlite3_str_appendf(q, " FROM sw_chunk sw_c JOIN LATERAL (SELECT * FROM \"%w\" sw_t WHERE ", t->name);
		key_eq(q, t, "sw_t", "sw_c");
		sqlite3_str_appendall(q, " LIMIT 1) sw_t ON true");
		char *s = sqlite3_str_finish(q);
		st->lock = sqlite3_mprintf("SELECT sw_c.sw_seq%s ORDER BY sw_c.sw_seq", s);
		sqlite3_free(s);
		q = sqlite3_str_new(NULL);
	}
	/* a key met before: stored by this file, or on an earlier row (two
	 * joins: an OR of two EXISTS would run one of them per row) */
	sqlite3_str_appendall(q, "SELECT sw_c.sw_seq FROM sw_chunk sw_c JOIN LATERAL (SELECT 1 FROM sw_stage sw_s WHERE ");
	key_eq(q, t, "sw_s", "sw_c");
	sqlite3_str_appendall(q, " LIMIT 1) sw_s ON true UNION SELECT sw_c.sw_seq FROM sw_chunk sw_c JOIN sw_chunk sw_e ON ");
	key_eq(q, t, "sw_e", "sw_c");
	sqlite3_str_appendall(q, " AND sw_e.sw_seq < sw_c.sw_seq ORDER BY 1");
	st->dup = sqlite3_str_finish(q);
	/* inserted (0), unchanged (1) or updated (2) */
	q = sqlite3_str_new(NULL);
	sqlite3_str_appendall(q, ", CASE WHEN ");
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].flags & SW_C_KEY) {
			sqlite3_str_appendf(q, "sw_t.\"%w\" IS NULL", t->cols[i].name);
			break;
		}
	sqlite3_str_appendall(q, " THEN 0 WHEN ");
	differs(q, im, "sw_t", "sw_c");
	sqlite3_str_appendf(q, " THEN 2 ELSE 1 END FROM sw_chunk sw_c LEFT JOIN LATERAL (SELECT * FROM \"%w\" sw_t"
			    " WHERE ", t->name);
	key_eq(q, t, "sw_t", "sw_c");
	sqlite3_str_appendall(q, " LIMIT 1) sw_t ON true");
	char *s = sqlite3_str_finish(q);
	st->outcome = sqlite3_mprintf("SELECT sw_c.sw_seq%s ORDER BY sw_c.sw_seq", s);
	sqlite3_free(s);
}

/* One unique index beside the key, as its columns' query: a row giving a
 * value it holds for another record, stored or on an earlier row, is
 * rejected, as the constraint does on a file. cols[n] are table columns. */
static void add_unique(struct sw_import *im, const int *cols, int n)
{
	struct sw_stage *st = im->stage;
	const struct sw_table *t = im->t;
	sqlite3_str *given = sqlite3_str_new(NULL), *same_t = sqlite3_str_new(NULL);
	sqlite3_str *same_e = sqlite3_str_new(NULL), *titles = sqlite3_str_new(NULL);
	for (int k = 0; k < n; k++) {
		const char *c = t->cols[cols[k]].name;
		sqlite3_str_appendf(given, "%ssw_c.\"%w\" IS NOT NULL", k ? " AND " : "", c);
		sqlite3_str_appendf(same_t, " AND sw_t.\"%w\" = sw_c.\"%w\" AND sw_t.\"%w\" IS NOT NULL", c, c, c);
		sqlite3_str_appendf(same_e, " AND sw_e.\"%w\" = sw_c.\"%w\"", c, c);
		sqlite3_str_appendf(titles, "%s%s", k ? _(" and ") : "", sw_column_title(&t->cols[cols[k]]));
	}
	/* with 1 when the record was given it by this file (its key in
	 * sw_stage, or an earlier row of the chunk), 0 when it was on file */
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendf(q, "SELECT sw_seq, max(sw_here) FROM (SELECT sw_c.sw_seq, sw_t.sw_here FROM sw_chunk sw_c"
			    " JOIN LATERAL (SELECT CASE WHEN EXISTS (SELECT 1 FROM sw_stage sw_s WHERE ");
	key_eq(q, t, "sw_s", "sw_t");
	sqlite3_str_appendf(q, ") THEN 1 ELSE 0 END AS sw_here FROM \"%w\" sw_t WHERE %s AND NOT (", t->name,
			    sqlite3_str_value(same_t) + 5);
	key_eq(q, t, "sw_t", "sw_c");
	sqlite3_str_appendf(q, ") LIMIT 1) sw_t ON true WHERE %s UNION ALL SELECT sw_c.sw_seq, 1 FROM sw_chunk sw_c JOIN sw_chunk sw_e"
			    " ON sw_e.sw_seq < sw_c.sw_seq%s WHERE %s) sw_u GROUP BY sw_seq ORDER BY 1",
			    sqlite3_str_value(given), sqlite3_str_value(same_e), sqlite3_str_value(given));
	char *w = sqlite3_str_finish(q);
	st->uniq = sw_xrealloc(st->uniq, (size_t)(st->nuniq + 1) * sizeof *st->uniq);
	st->uniq_cols = sw_xrealloc(st->uniq_cols, (size_t)(st->nuniq + 1) * sizeof *st->uniq_cols);
	st->uniq[st->nuniq] = w;
	st->uniq_col = sw_xrealloc(st->uniq_col, (size_t)(st->nuniq + 1) * sizeof *st->uniq_col);
	st->uniq_col[st->nuniq] = n == 1 ? cols[0] : -1;
	st->uniq_cols[st->nuniq++] = sw_xstrdup(sqlite3_str_value(titles) ? sqlite3_str_value(titles) : "");
	sqlite3_free(sqlite3_str_finish(given));
	sqlite3_free(sqlite3_str_finish(same_t));
	sqlite3_free(sqlite3_str_finish(same_e));
	sqlite3_free(sqlite3_str_finish(titles));
}

/* The unique indexes beside the key (the catalogue's), those whose
 * columns the file fills: a file without the column stores no value in
 * it, or leaves the stored one. */
static int build_uniques(struct sw_import *im)
{
	const struct sw_table *t = im->t;
	struct sw_stmt *ix = sw_store_prep(im->s,
		"SELECT i.indexrelid, a.attname FROM pg_catalog.pg_index i"
		" CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(c, n)"
		" JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.c"
		" WHERE i.indrelid = CAST(CAST(?1 AS text) AS regclass) AND i.indisunique"
		" AND NOT i.indisprimary AND i.indexprs IS NULL ORDER BY i.indexrelid, k.n");
	sw_stmt_bind_text(ix, 1, t->name);
	char last[24] = "";
	int cols[16], n = 0, ok = 1, rc;
	do {
		rc = sw_stmt_step(ix);
		const char *id = rc == SW_ROW ? sw_stmt_text(ix, 0) : "";
		if (n && strcmp(id, last) != 0) {	/* an index ends */
			if (ok)
				add_unique(im, cols, n);
			n = 0;
			ok = 1;
		}
		if (rc == SW_ROW) {
			snprintf(last, sizeof last, "%s", id);
			int c = sw_table_col(t, sw_stmt_text(ix, 1));
			ok &= c >= 0 && im->map[c] != SW_MAP_ABSENT && n < 16;
			if (ok)
				cols[n++] = c;
		}
	} while (rc == SW_ROW);
	sw_stmt_finalize(ix);
	return rc < 0 ? -1 : 0;
}

/* The upsert, and the keys kept for the next chunks. */
static void build_store(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	const struct sw_table *t = im->t;
	sqlite3_str *cols = sqlite3_str_new(NULL), *set = sqlite3_str_new(NULL), *q = sqlite3_str_new(NULL);
	for (int k = 1; k < st->ncopy; k++) {
		int i = st->col[k];
		const char *c = t->cols[i].name;
		sqlite3_str_appendf(cols, "%s\"%w\"", k > 1 ? ", " : "", c);
		if (t->cols[i].flags & SW_C_KEY)
			continue;
		const char *sep = sqlite3_str_length(set) ? ", " : "";
		if (im->map[i] == SW_MAP_FILL && (t->cols[i].flags & SW_C_DERIVED))
			sqlite3_str_appendf(set, "%s\"%w\" = COALESCE(excluded.\"%w\", sw_t.\"%w\")", sep, c, c, c);
		else
			sqlite3_str_appendf(set, "%s\"%w\" = excluded.\"%w\"", sep, c, c);
	}
	sqlite3_str_appendf(q, "INSERT INTO \"%w\" AS sw_t (%s) SELECT %s FROM sw_chunk ORDER BY sw_seq"
			    " ON CONFLICT (", t->name, sqlite3_str_value(cols), sqlite3_str_value(cols));
	keys(q, t);
	if (sqlite3_str_length(set)) {
		sqlite3_str_appendf(q, ") DO UPDATE SET %s WHERE ", sqlite3_str_value(set));
		differs(q, im, "sw_t", "excluded");
	} else
		sqlite3_str_appendall(q, ") DO NOTHING");
	st->upsert = sqlite3_str_finish(q);
	q = sqlite3_str_new(NULL);
	sqlite3_str_appendall(q, "INSERT INTO sw_stage (");
	keys(q, t);
	sqlite3_str_appendall(q, ") SELECT ");
	keys(q, t);
	sqlite3_str_appendall(q, " FROM sw_chunk; ");
	int made = sw_import_made(im);
	if (made >= 0 && im->fname)	/* (lib/import_made.c; not for add) */
		sqlite3_str_appendf(q, "INSERT INTO sw_made SELECT \"%w\" FROM sw_chunk ON CONFLICT DO NOTHING; ",
				    t->cols[made].name);
	sqlite3_str_appendall(q, "TRUNCATE sw_chunk");
	st->keep = sqlite3_str_finish(q);
	sqlite3_free(sqlite3_str_finish(cols));
	sqlite3_free(sqlite3_str_finish(set));
}

/* The temporary tables, of the target's types (so the INSERT needs no
 * casts): sw_chunk for the file's columns, sw_stage for its keys. */
static int make_tables(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	const struct sw_table *t = im->t;
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendall(q, "DROP TABLE IF EXISTS pg_temp.sw_chunk; DROP TABLE IF EXISTS pg_temp.sw_stage;"
			      " CREATE TEMP TABLE sw_chunk AS SELECT CAST(0 AS BIGINT) AS sw_seq");
	for (int k = 1; k < st->ncopy; k++)
		sqlite3_str_appendf(q, ", \"%w\"", st->copy[k]);
	sqlite3_str_appendf(q, " FROM \"%w\" WHERE 1 = 0; CREATE TEMP TABLE sw_stage AS SELECT ", t->name);
	keys(q, t);
	sqlite3_str_appendf(q, " FROM \"%w\" WHERE 1 = 0; CREATE INDEX sw_stage_key ON pg_temp.sw_stage (", t->name);
	keys(q, t);
	sqlite3_str_appendall(q, ")");
	char *sql = sqlite3_str_finish(q);
	int rc = sw_store_exec(im->s, sql);
	sqlite3_free(sql);
	return rc;
}

struct sw_stage *sw_stage_new(struct sw_import *im)
{
	const struct sw_table *t = im->t;
	struct sw_stage *st = im->stage = sw_xcalloc(1, sizeof *st);
	st->copy = sw_xcalloc((size_t)t->ncols + 1, sizeof *st->copy);
	st->col = sw_xcalloc((size_t)t->ncols + 1, sizeof *st->col);
	st->v = sw_xcalloc((size_t)t->ncols, sizeof *st->v);
	st->copy[st->ncopy++] = "sw_seq";
	for (int i = 0; i < t->ncols; i++)
		if (im->map[i] != SW_MAP_ABSENT) {
			st->col[st->ncopy] = i;
			st->copy[st->ncopy++] = t->cols[i].name;
		}
	build_checks(im);
	build_store(im);
	if (make_tables(im) != 0 || build_uniques(im) != 0) {
		sw_stage_free(im);
		return NULL;
	}
	char sql[DROP_AT_ONCE * 6 + 64];
	size_t n = (size_t)snprintf(sql, sizeof sql, "DELETE FROM sw_chunk WHERE sw_seq IN (");
	for (int i = 1; i <= DROP_AT_ONCE; i++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, i < DROP_AT_ONCE ? "?%d, " : "?%d)", i);
	st->drop = sw_store_prep(im->s, sql);
	return st;
}

void sw_stage_free(struct sw_import *im)
{
	struct sw_stage *st = im->stage;
	if (!st)
		return;
	sw_stmt_finalize(st->drop);
	sqlite3_free(st->lock);
	sqlite3_free(st->dup);
	sqlite3_free(st->outcome);
	sqlite3_free(st->upsert);
	sqlite3_free(st->keep);
	for (int u = 0; u < st->nuniq; u++) {
		sqlite3_free(st->uniq[u]);
		free(st->uniq_cols[u]);
	}
	free(st->uniq);
	free(st->uniq_cols);
	free(st->uniq_col);
	free(st->rows);
	free(st->a.p);
	free(st->b.p);
	free(st->copy);
	free(st->col);
	free(st->f);
	free(st->v);
	free(st);
	im->stage = NULL;
}
