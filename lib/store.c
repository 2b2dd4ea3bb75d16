/* Where the data lives (sw/store.h): a SQLite file or a PostgreSQL
 * server. This file chooses the backend (lib/store_sqlite.c,
 * lib/store_pg.c), checks what both would, and tries a transaction again
 * when the server asks for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/storepriv.h"

/* How many times sw_store_transact runs a transaction the server could
 * not serialize, and the longest wait between two tries (ms). */
#define TRIES 10
#define WAIT_MS 1000

int sw_store_is_server(const char *db)
{
	/* libpq's URI prefixes, and a service of ~/.pg_service.conf */
	return db && (strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0 ||
		      strncmp(db, "service=", 8) == 0);
}

char *sw_store_redact(const char *arg)
{
	size_t n = strlen(arg);
	char *o = sw_xcalloc(n + 4 * n / 9 + 4, 1), *w = o;	/* "***" per password of 1 byte or more */
	const char *at = strstr(arg, "://"), *end = at ? at + 3 + strcspn(at + 3, "/?") : NULL;
	const char *colon = at ? memchr(at + 3, ':', (size_t)(end - at - 3)) : NULL;
	const char *amp = at ? memchr(at + 3, '@', (size_t)(end - at - 3)) : NULL;
	for (const char *p = arg; *p;) {
		if (colon && amp && p == colon + 1 && colon < amp) {	/* user:PASSWORD@host */
			w = stpcpy(w, "***");
			p = amp;
			colon = NULL;
		} else if (strncmp(p, "password=", 9) == 0 && (p == arg || strchr(" ?&", p[-1]))) {
			w = stpcpy(w, "password=***");
			p += 9 + strcspn(p + 9, " &");
		} else
			*w++ = *p++;
	}
	return o;
}

struct sw_store *sw_store_open(const char *db, int flags)
{
	return sw_store_is_server(db) ? sw_store_pg_open(db, flags) : sw_store_sqlite_open(db, flags);
}

void sw_store_close(struct sw_store *s)
{
	if (!s)
		return;
	sw_store_uncache(s);
	s->ops->close(s);
}

struct sw_store *sw_store_reopen(struct sw_store *s, int flags)
{
	return s->ops->reopen ? s->ops->reopen(s, flags) : NULL;
}

int sw_store_kind(const struct sw_store *s) { return s->kind; }
const char *sw_store_name(const struct sw_store *s) { return s->ops->name(s); }
int sw_store_exec(struct sw_store *s, const char *sql) { return s->ops->exec(s, sql); }
struct sw_stmt *sw_store_prepare(struct sw_store *s, const char *sql) { return s->ops->prepare(s, sql); }

struct sw_stmt *sw_store_prep(struct sw_store *s, const char *sql)
{
	struct sw_stmt *st = s->ops->prepare(s, sql);
	if (!st)
		exit(SW_EXIT_FAIL);
	return st;
}

/* sw_store_stmt's cache: few entries, so a linear search, by a hash of
 * the SQL before the SQL itself. */
#define NCACHED 64
struct sw_stmt_cache {
	struct cached {
		struct sw_stmt *st;	/* NULL: a free slot */
		char *sql;
		unsigned hash;
		int out;		/* handed out, not yet released */
		unsigned long used;	/* when last handed out */
	} e[NCACHED];
	unsigned long ticks;
};

static unsigned fnv(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

struct sw_stmt *sw_store_stmt(struct sw_store *s, const char *sql)
{
	if (!s->cache)
		s->cache = sw_xcalloc(1, sizeof *s->cache);
	struct sw_stmt_cache *k = s->cache;
	struct cached *slot = NULL;
	unsigned h = fnv(sql);
	for (struct cached *c = k->e; c < k->e + NCACHED; c++) {
		if (c->st && c->hash == h && !c->out && strcmp(c->sql, sql) == 0) {
			c->out = 1;
			c->used = ++k->ticks;
			return c->st;
		}
		if (!c->out && (!slot || c->used < slot->used))
			slot = c;	/* a free slot (used 0), else the least recently used */
	}
	struct sw_stmt *st = sw_store_prep(s, sql);
	if (slot) {	/* else every entry is out: st is the caller's alone */
		sw_stmt_finalize(slot->st);
		free(slot->sql);
		*slot = (struct cached){st, sw_xstrdup(sql), h, 1, ++k->ticks};
	}
	st->cached = slot != NULL;
	return st;
}

void sw_stmt_release(struct sw_stmt *st)
{
	if (!st)
		return;
	if (!st->cached) {
		sw_stmt_finalize(st);
		return;
	}
	struct sw_stmt_cache *k = st->s->cache;
	for (struct cached *c = k->e; c < k->e + NCACHED; c++)
		if (c->st == st) {
			st->s->ops->reset(st);
			st->s->ops->clear(st);
			c->out = 0;
			return;
		}
}

void sw_store_uncache(struct sw_store *s)
{
	if (!s->cache)
		return;
	for (struct cached *c = s->cache->e; c < s->cache->e + NCACHED; c++)
		if (c->st) {
			c->st->cached = 0;
			sw_stmt_finalize(c->st);
			free(c->sql);
		}
	free(s->cache);
	s->cache = NULL;
}

int64_t sw_store_changes(struct sw_store *s) { return s->ops->changes(s); }

int sw_store_text(struct sw_store *s, const char *sql, int n, const char *const *p, char *out, size_t outlen)
{
	if (out && outlen)
		*out = 0;
	struct sw_stmt *st = sw_store_stmt(s, sql);
	if (s->ops->whole)
		s->ops->whole(st);
	for (int i = 0; i < n; i++)
		sw_stmt_bind_text(st, i + 1, p[i]);
	int rc = sw_stmt_step(st);
	const char *v = rc == SW_ROW ? sw_stmt_text(st, 0) : NULL;
	if (v && out && outlen)
		snprintf(out, outlen, "%s", v);
	int found = rc < 0 ? -1 : v != NULL;
	sw_stmt_release(st);
	return found;
}

int sw_store_has(struct sw_store *s, const char *table)
{
	/* pg_table_is_visible: the search path's, temporary tables first */
	const char *sql = s->kind == SW_STORE_SQLITE
		? "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1"
		  " UNION ALL SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?1"
		: "SELECT 1 FROM pg_catalog.pg_class WHERE relname = ?1 AND relkind IN ('r', 'v', 'p')"
		  " AND pg_catalog.pg_table_is_visible(oid)";
	return sw_store_text(s, sql, 1, &table, NULL, 0);
}

struct sw_stmt *sw_store_columns(struct sw_store *s, const char *table)
{
	const char *sql = s->kind == SW_STORE_SQLITE
		? "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid"
		: "SELECT a.attname AS name, COALESCE((SELECT k.n FROM unnest(CAST(i.indkey AS int2[]))"
		  " WITH ORDINALITY AS k(c, n) WHERE k.c = a.attnum), 0) AS pk FROM pg_catalog.pg_attribute a"
		  " LEFT JOIN pg_catalog.pg_index i ON i.indrelid = a.attrelid AND i.indisprimary"
		  " WHERE a.attrelid = CAST(CAST(?1 AS text) AS regclass) AND a.attnum > 0 AND NOT a.attisdropped"
		  " ORDER BY a.attnum";
	struct sw_stmt *st = sw_store_prep(s, sql);
	sw_stmt_bind_text(st, 1, table);
	return st;
}
void sw_stmt_bind_text(struct sw_stmt *st, int i, const char *v)
{
	if (v)
		st->s->ops->bind(st, i, SW_BIND_TEXT, v, strlen(v), 0);
	else
		st->s->ops->bind(st, i, SW_BIND_NULL, NULL, 0, 0);
}

void sw_stmt_bind_int64(struct sw_stmt *st, int i, int64_t v)
{
	st->s->ops->bind(st, i, SW_BIND_INT64, NULL, 0, v);
}

void sw_stmt_bind_null(struct sw_stmt *st, int i)
{
	st->s->ops->bind(st, i, SW_BIND_NULL, NULL, 0, 0);
}

void sw_stmt_bind_blob(struct sw_stmt *st, int i, const void *p, size_t n)
{
	st->s->ops->bind(st, i, p ? SW_BIND_BLOB : SW_BIND_NULL, p, n, 0);
}

int sw_stmt_step(struct sw_stmt *st) { return st->s->ops->step(st); }

/* Accessors: a column outside the row is NULL, as SQLite has it. */
static int in_row(struct sw_stmt *st, int col) { return col >= 0 && col < st->s->ops->columns(st); }
int sw_stmt_columns(struct sw_stmt *st) { return st->s->ops->columns(st); }

const char *sw_stmt_name(struct sw_stmt *st, int col)
{
	return in_row(st, col) ? st->s->ops->column_name(st, col) : NULL;
}

const char *sw_stmt_text(struct sw_stmt *st, int col)
{
	return in_row(st, col) ? st->s->ops->text(st, col) : NULL;
}

int64_t sw_stmt_int64(struct sw_stmt *st, int col)
{
	return in_row(st, col) ? st->s->ops->int64(st, col) : 0;
}

int sw_stmt_is_null(struct sw_stmt *st, int col)
{
	return in_row(st, col) ? st->s->ops->is_null(st, col) : 1;
}

int sw_stmt_type(struct sw_stmt *st, int col)
{
	return in_row(st, col) ? st->s->ops->type(st, col) : SW_NULL;
}

int sw_stmt_origin(struct sw_stmt *st, int col, const char **table, const char **column)
{
	if (table)
		*table = NULL;
	if (column)
		*column = NULL;
	return in_row(st, col) ? st->s->ops->origin(st, col, table, column) : 0;
}

const void *sw_stmt_blob(struct sw_stmt *st, int col, size_t *n)
{
	*n = 0;
	return in_row(st, col) ? st->s->ops->blob(st, col, n) : NULL;
}

int sw_stmt_reset(struct sw_stmt *st) { return st->s->ops->reset(st); }

void sw_stmt_finalize(struct sw_stmt *st)
{
	if (st && st->cached)
		sw_stmt_release(st);	/* the cache finalizes it */
	else if (st)
		st->s->ops->finalize(st);
}

int (*sw_store_before_commit)(struct sw_store *);
void sw_store_on_commit(int (*fn)(struct sw_store *)) { sw_store_before_commit = fn; }

int sw_store_begin(struct sw_store *s) { return s->ops->begin(s); }
int sw_store_commit(struct sw_store *s) { return s->ops->commit(s); }

void sw_store_rollback(struct sw_store *s)
{
	s->ops->rollback(s);	/* ends a copy under way */
	s->copy_n = 0;
}

/* Waits a random time up to WAIT_MS, longer after each try, so that two
 * commands that collided do not collide again at once. */
static void wait_before(int try)
{
	static unsigned seed;
	if (!seed)
		seed = (unsigned)getpid() ^ (unsigned)time(NULL);
	long most = 10L << (try < 7 ? try : 7);
	long ms = 1 + rand_r(&seed) % (most < WAIT_MS ? most : WAIT_MS);
	struct timespec ts = {ms / 1000, ms % 1000 * 1000000L};
	nanosleep(&ts, NULL);
}

int sw_store_transact(struct sw_store *s, int (*fn)(struct sw_store *, void *), void *arg)
{
	for (int try = 1;; try++) {
		/* the last try says why it failed */
		s->transact = try < TRIES;
		s->again = 0;
		int rc = sw_store_begin(s);
		if (rc == 0) {
			if ((rc = fn(s, arg)) == 0)
				rc = sw_store_commit(s);	/* rolls back when it fails */
			else
				sw_store_rollback(s);
		}
		int again = rc != 0 && s->again;
		s->transact = s->again = 0;
		if (!again)
			return rc;
		wait_before(try);
	}
}

/* "table" ("col", ...): names quoted, as both backends read them. */
static char *copy_target(const char *table, int n, const char *const *cols)
{
	size_t len = 2 * strlen(table) + 8;
	for (int i = 0; i < n; i++)
		len += 2 * strlen(cols[i]) + 4;
	char *t = sw_xmalloc(len), *o = t;
	for (int i = -1; i < n; i++) {
		const char *name = i < 0 ? table : cols[i];
		o += strlen(strcpy(o, i < 0 ? "\"" : i == 0 ? " (\"" : ", \""));
		for (; *name; name++)
			if ((*o++ = *name) == '"')
				*o++ = '"';
		*o++ = '"';
	}
	strcpy(o, ")");
	return t;
}

int sw_store_copy_begin(struct sw_store *s, const char *table, int n, const char *const *cols)
{
	if (n < 1 || s->copy_n) {
		sw_error(_("%s: copy: a copy is begun once, with its columns, before its rows"), sw_store_name(s));
		return -1;
	}
	char *target = copy_target(table, n, cols);
	int rc = s->ops->copy_begin(s, target, n);
	free(target);
	if (rc == 0)
		s->copy_n = n;
	return rc;
}

int sw_store_copy_row(struct sw_store *s, const char *const *vals)
{
	if (!s->copy_n) {
		sw_error(_("%s: copy: a copy is begun once, with its columns, before its rows"), sw_store_name(s));
		return -1;
	}
	return s->ops->copy_row(s, vals);
}

int sw_store_copy_end(struct sw_store *s)
{
	if (!s->copy_n)
		return 0;
	s->copy_n = 0;
	return s->ops->copy_end(s);
}

int sw_store_schema_version(struct sw_store *s) { return s->ops->schema_version(s); }
