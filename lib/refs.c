/* Reference look-ups with a per-column cache (see sw/refs.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/refs.h"
#include "sw/store.h"

/* Values found, remembered per column: REFSLOTS of up to REFSLOT bytes. */
#define REFSLOTS 64
#define REFSLOT 48

/* A column looked up often (a services file naming a million clients) is
 * answered from a hash set of the referenced keys, read once in order: on
 * SQLite a b-tree descent costs ~1.2 us a row, a probe ~0.1; on a server a
 * look-up is three round trips. Built after KEYSET_AFTER misses of the
 * cache (KEYSET_AFTER_PG on a server), for up to KEYSET_MAX keys in
 * KEYSET_BYTES of text (~26 bytes a key). The reader's snapshot never
 * changes; on a server the table referred to does not change during the
 * file either, unless it is the file's own table (stations.parent_code),
 * whose column is always looked up. */
#define KEYSET_AFTER 4096
#define KEYSET_AFTER_PG 256
#define KEYSET_MAX 2000000
#define KEYSET_BYTES (64u << 20)

struct keyset {
	uint32_t *slot;		/* 0 empty, else 1 + the key's offset in text */
	size_t mask;
	char *text;
	size_t len, cap;
};

/* A worker as a name resolves to one: in post at a station on a day. */
struct worker {
	char *id, *name, *station, *hired, *left;
};

struct sw_refs {
	struct sw_store *s;	/* the store looked up in; NULL for the reader */
	sqlite3 *own;		/* the reader's connection, closed with it */
	struct worker *workers;	/* every worker, for names (sw_refs_worker) */
	size_t nworkers;
	int workers_read;
	const struct sw_table *t;
	struct sw_stmt **st;	/* per column, or NULL: the store's look-ups */
	sqlite3_stmt **rst;	/* the same, the reader's */
	char **cache;		/* per column, taken at its first look-up */
	long *misses;		/* per column, until its keyset is tried */
	struct keyset *keys;	/* per column; no slots if none */
};

static size_t fnv(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void keyset_put(struct keyset *k, const char *key, uint32_t off)
{
	size_t j = fnv(key) & k->mask;
	while (k->slot[j])
		j = (j + 1) & k->mask;
	k->slot[j] = off + 1;
}

static int keyset_has(const struct keyset *k, size_t h, const char *key)
{
	for (size_t j = h & k->mask; k->slot[j]; j = (j + 1) & k->mask)
		if (strcmp(k->text + k->slot[j] - 1, key) == 0)
			return 1;
	return 0;
}

/* Adds key (l bytes with its NUL); 0, or -1 when the set is full. */
static int keyset_add(struct keyset *k, const char *key, size_t l)
{
	if (k->len + l > KEYSET_BYTES)
		return -1;
	while (k->len + l > k->cap)
		k->text = sw_xrealloc(k->text, k->cap *= 2);
	memcpy(k->text + k->len, key, l);
	keyset_put(k, key, (uint32_t)k->len);
	k->len += l;
	return 0;
}

static void keyset_start(struct keyset *k, size_t n)
{
	size_t nslot = 16;
	while (nslot < 2 * n)
		nslot *= 2;
	k->mask = nslot - 1;
	k->slot = sw_xcalloc(nslot, sizeof *k->slot);
	k->len = 0;
	k->cap = 1 << 16;
	k->text = sw_xmalloc(k->cap);
}

static void keyset_drop(struct keyset *k)
{
	free(k->slot);
	free(k->text);
	*k = (struct keyset){0};
}

enum { LOOKUP, COUNT, KEYS };

/* For a column whose ref is "t.k": does a value exist, how many keys are
 * there, and the keys (on a file text only: a value read from a file is
 * text, and equals nothing else; a server's column is typed). Freed by
 * the caller (sqlite3_free). */
static char *ref_sql(const char *ref, int what, int server)
{
	const char *dot = strchr(ref, '.'), *k = dot + 1;
	char t[64];
	snprintf(t, sizeof t, "%.*s", (int)(dot - ref), ref);
	if (what == LOOKUP)
		return sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE \"%w\" = ?1", t, k);
	if (server)
		return sqlite3_mprintf("SELECT \"%w\" FROM \"%w\" WHERE \"%w\" IS NOT NULL", k, t, k);
	return sqlite3_mprintf("SELECT %s\"%w\"%s FROM \"%w\" WHERE typeof(\"%w\") = 'text'",
			       what == COUNT ? "count(" : "", k, what == COUNT ? ")" : "", t, k);
}

/* The reader's statement: NULL on an error. */
static sqlite3_stmt *reader_prepare(sqlite3 *db, const char *ref, int what)
{
	char *sql = ref_sql(ref, what, 0);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	return st;
}

/* Reads column i's referenced keys into r->keys[i] on the reader's
 * connection; leaves it without slots when they are too many or too long,
 * or on an error: the look-ups then go on as before. */
static void keyset_read(struct sw_refs *r, int i)
{
	struct keyset *k = &r->keys[i];
	sqlite3_stmt *st = reader_prepare(r->own, r->t->cols[i].ref, COUNT);
	long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	if (n < 0 || n > KEYSET_MAX || !(st = reader_prepare(r->own, r->t->cols[i].ref, KEYS)))
		return;
	keyset_start(k, (size_t)n);
	long long got = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && got++ < n) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		size_t l = (size_t)sqlite3_column_bytes(st, 0) + 1;
		if (strlen(key) + 1 != l)
			continue;	/* a NUL inside: no file's value equals it */
		if (keyset_add(k, key, l) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		keyset_drop(k);
	sqlite3_db_release_memory(r->own);	/* the pages the scan read */
}

/* The same on a server, in one query read a batch at a time: -1 after a
 * failure of the store (said), else 0 (without slots when too many). */
static int keyset_fetch(struct sw_refs *r, int i)
{
	struct keyset *k = &r->keys[i];
	char *sql = ref_sql(r->t->cols[i].ref, KEYS, 1);
	struct sw_stmt *st = sw_store_prep(r->s, sql);
	sqlite3_free(sql);
	keyset_start(k, 1 << 16);
	size_t n = 0;
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *key = sw_stmt_text(st, 0);
		if (++n > KEYSET_MAX || keyset_add(k, key, strlen(key) + 1) != 0)
			break;
		if (2 * n > k->mask) {	/* grow: the same keys, twice the slots */
			free(k->slot);
			k->mask = 2 * k->mask + 1;
			k->slot = sw_xcalloc(k->mask + 1, sizeof *k->slot);
			for (size_t off = 0; off < k->len; off += strlen(k->text + off) + 1)
				keyset_put(k, k->text + off, (uint32_t)off);
		}
	}
	sw_stmt_finalize(st);
	if (rc != SW_DONE)
		keyset_drop(k);
	return rc < 0 ? -1 : 0;
}

/* 1 if column i refers to a column of t itself (stations.parent_code). */
static int self_ref(const struct sw_table *t, int i)
{
	size_t n = strlen(t->name);
	return strncmp(t->cols[i].ref, t->name, n) == 0 && t->cols[i].ref[n] == '.';
}

static struct sw_refs *refs_new(const struct sw_table *t)
{
	struct sw_refs *r = sw_xcalloc(1, sizeof *r);
	r->t = t;
	r->st = sw_xcalloc((size_t)t->ncols, sizeof *r->st);
	r->rst = sw_xcalloc((size_t)t->ncols, sizeof *r->rst);
	r->cache = sw_xcalloc((size_t)t->ncols, sizeof *r->cache);
	r->misses = sw_xcalloc((size_t)t->ncols, sizeof *r->misses);
	r->keys = sw_xcalloc((size_t)t->ncols, sizeof *r->keys);
	return r;
}

static int looked_up(const struct sw_table *t, const int *map, int i)
{
	return t->cols[i].ref && map[i] != -1 /* SW_MAP_ABSENT */;
}

struct sw_refs *sw_refs_new(struct sw_store *s, const struct sw_table *t, const int *map)
{
	struct sw_refs *r = refs_new(t);
	r->s = s;
	for (int i = 0; i < t->ncols; i++) {
		if (!looked_up(t, map, i))
			continue;
		/* kept prepared (sw_store_stmt) from one import to the next */
		char *sql = ref_sql(t->cols[i].ref, LOOKUP, 0);
		r->st[i] = sw_store_stmt(s, sql);
		sqlite3_free(sql);
		if (sw_store_kind(s) == SW_STORE_SQLITE || self_ref(t, i))
			r->misses[i] = -1;	/* (no keyset: see above) */
	}
	return r;
}

struct sw_refs *sw_refs_reader(struct sw_store *s, const struct sw_table *t, const int *map)
{
	sqlite3 *db = sw_store_sqlite(s);
	const char *path = db ? sqlite3_db_filename(db, "main") : NULL;
	struct sw_refs *r = refs_new(t);
	int ok = path && *path &&
		 sqlite3_open_v2(path, &r->own, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
		 /* one read transaction for the file, not one per look-up */
		 sqlite3_exec(r->own, "PRAGMA cache_size=" SW_DB_CACHE "; BEGIN", NULL, NULL, NULL) == SQLITE_OK;
	for (int i = 0; ok && i < t->ncols; i++)
		if (looked_up(t, map, i))
			ok = (r->rst[i] = reader_prepare(r->own, t->cols[i].ref, LOOKUP)) != NULL;
	if (!ok) {
		sw_refs_free(r);
		return NULL;
	}
	return r;
}

int sw_refs_has(const struct sw_refs *r, int i)
{
	return r->st[i] || r->rst[i];
}

int sw_refs_self(const struct sw_refs *r, int i)
{
	return sw_refs_has(r, i) && self_ref(r->t, i);
}

/* Whether value is on file, by the look-up statement: SW_ROW, SW_DONE or
 * -1 (said, by the store; the reader says nothing). */
static int look_up(struct sw_refs *r, int i, const char *value)
{
	if (r->own) {
		sqlite3_bind_text(r->rst[i], 1, value, -1, SQLITE_STATIC);
		int rc = sqlite3_step(r->rst[i]);
		sqlite3_reset(r->rst[i]);
		return rc == SQLITE_ROW ? SW_ROW : rc == SQLITE_DONE ? SW_DONE : -1;
	}
	sw_stmt_bind_text(r->st[i], 1, value);
	int rc = sw_stmt_step(r->st[i]);
	if (sw_stmt_reset(r->st[i]) != 0)
		rc = -1;
	return rc;
}

int sw_refs_find(struct sw_refs *r, int i, const char *value)
{
	size_t h = fnv(value);
	if (!r->cache[i])
		r->cache[i] = sw_xcalloc(REFSLOTS, REFSLOT);
	char *slot = r->cache[i] + h % REFSLOTS * REFSLOT;
	if (strcmp(slot, value) == 0)
		return SW_ROW;
	if (r->keys[i].slot)
		return keyset_has(&r->keys[i], h, value) ? SW_ROW : SW_DONE;
	if (r->misses[i] >= 0 && ++r->misses[i] == (r->own ? KEYSET_AFTER : KEYSET_AFTER_PG)) {
		r->misses[i] = -1;	/* tried once */
		if (r->own)
			keyset_read(r, i);
		else if (keyset_fetch(r, i) != 0)
			return -1;
		if (r->keys[i].slot)
			return sw_refs_find(r, i, value);
	}
	int rc = look_up(r, i, value);
	if (rc == SW_ROW && strlen(value) < REFSLOT)
		strcpy(slot, value);
	return rc;
}

void sw_refs_free(struct sw_refs *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->t->ncols; i++) {
		sw_stmt_release(r->st[i]);
		sqlite3_finalize(r->rst[i]);
		keyset_drop(&r->keys[i]);
		free(r->cache[i]);
	}
	for (size_t k = 0; k < r->nworkers; k++) {
		struct worker *w = &r->workers[k];
		free(w->id), free(w->name), free(w->station), free(w->hired), free(w->left);
	}
	free(r->workers);
	sqlite3_close(r->own);
	free(r->st);
	free(r->rst);
	free(r->cache);
	free(r->misses);
	free(r->keys);
	free(r);
}

const char *sw_ref_name(const struct sw_column *c)
{
	/* the refnames of the tables' columns, for the catalogue */
	static const char *const names[] __attribute__((unused)) = {
		N_("activity"), N_("case"), N_("catalogue item"), N_("client"), N_("division"),
		N_("employer"), N_("goal"), N_("organisation"), N_("plan"), N_("resource"),
		N_("seeker"), N_("service"), N_("station"), N_("vacancy"), N_("worker"),
	};
	return c->refname ? _(c->refname) : _("reference");
}

static char *dup_or_null(const char *s) { return s ? sw_xstrdup(s) : NULL; }

static int by_name(const void *a, const void *b)
{
	const struct worker *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (!c)
		c = strcmp(x->station, y->station);
	return c ? c : strcmp(x->id, y->id);
}

/* Every worker, read once (a few thousand even in a city): a file naming
 * its workers resolves each row here, not by a look-up each (three round
 * trips on a server). By name, station and 工号. 0 or -1 (said). */
static int read_workers(struct sw_refs *r)
{
	struct sw_stmt *st = sw_store_prep(r->s, "SELECT worker_id, name, station_code, hired_on, left_on FROM workers");
	size_t cap = 0;
	int rc;
	r->workers_read = 1;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		if (r->nworkers == cap)
			r->workers = sw_xrealloc(r->workers, (cap = cap ? 2 * cap : 256) * sizeof *r->workers);
		r->workers[r->nworkers++] = (struct worker){
			sw_xstrdup(sw_stmt_text(st, 0)), sw_xstrdup(sw_stmt_text(st, 1)),
			sw_xstrdup(sw_stmt_text(st, 2)), dup_or_null(sw_stmt_text(st, 3)),
			dup_or_null(sw_stmt_text(st, 4))};
	}
	sw_stmt_finalize(st);
	qsort(r->workers, r->nworkers, sizeof *r->workers, by_name);
	return rc == SW_DONE ? 0 : -1;
}

/* The workers called name at station, in post on date (NULL: at any
 * time), by 工号: how many, the first one's id in id, all of them
 * "W1, W2" in ids; -1 on a database failure (said). */
static int workers_named(struct sw_refs *r, const char *name, const char *station, const char *date,
			 char *id, size_t idlen, char *ids, size_t idslen)
{
	if (!r->workers_read && read_workers(r) != 0)
		return -1;
	struct worker key = {"", (char *)name, (char *)station, NULL, NULL};
	size_t lo = 0, hi = r->nworkers, len = 0;
	while (lo < hi) {	/* the first of name at station */
		size_t mid = (lo + hi) / 2;
		if (by_name(&r->workers[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int n = 0;
	ids[0] = 0;
	for (const struct worker *w = r->workers + lo; w < r->workers + r->nworkers &&
	     strcmp(w->name, name) == 0 && strcmp(w->station, station) == 0; w++) {
		if (date && ((w->hired && strcmp(w->hired, date) > 0) || (w->left && strcmp(w->left, date) < 0)))
			continue;
		if (n++ == 0)
			snprintf(id, idlen, "%s", w->id);
		if (len < idslen)
			len += (size_t)snprintf(ids + len, idslen - len, "%s%s", len ? ", " : "", w->id);
	}
	return n;
}

int sw_refs_worker(struct sw_refs *r, int i, const char **v, char *id, size_t idlen,
		   char *why, size_t whylen)
{
	const struct sw_table *t = r->t;
	const struct sw_column *c = &t->cols[i];
	why[0] = 0;
	if (!c->refname || strcmp(c->refname, "worker") != 0 || (unsigned char)v[i][0] < 0x80)
		return 0;	/* not a worker column, or a 工号 rather than a name */
	int sc = sw_table_col(t, "station_code"), dc = -1;
	for (int k = 0; k < t->ncols && dc < 0; k++)
		if (t->cols[k].type == SW_T_DATE && (t->cols[k].flags & SW_C_PERIOD))
			dc = k;
	if (sc < 0 || !v[sc])
		return 0;
	char ids[200];
	int n = workers_named(r, v[i], v[sc], dc >= 0 ? v[dc] : NULL, id, idlen, ids, sizeof ids);
	if (n > 1)
		sw_msg(why, whylen, _("%s: %d workers of that name at the station of the row (%s): give "
		       "the 工号"), sw_column_title(c), n, ids);
	else if (n == 0)	/* (the station unnamed: it may be a value shifted there) */
		sw_msg(why, whylen, _("%s: no worker with that 工号, nor one of that name in post at "
		       "the station of the row"), sw_column_title(c));
	return n < 0 ? -1 : n == 1;
}
