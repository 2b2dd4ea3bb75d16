/* Reference look-ups with a per-column cache (see sw/refs.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/refs.h"
#include "sw/station.h"

/* Values found, remembered per column: REFSLOTS of up to REFSLOT bytes. */
#define REFSLOTS 64
#define REFSLOT 48

/* The reader's snapshot never changes, so a column looked up often (a
 * services file naming a million clients) is answered from a hash set of
 * the referenced keys, read once in order: a b-tree descent costs ~1.2 us
 * a row there, a probe ~0.1. Built after KEYSET_AFTER misses of the cache,
 * for up to KEYSET_MAX keys in KEYSET_BYTES of text (~26 bytes a key). */
#define KEYSET_AFTER 4096
#define KEYSET_MAX 2000000
#define KEYSET_BYTES (64u << 20)

struct keyset {
	uint32_t *slot;		/* 0 empty, else 1 + the key's offset in text */
	size_t mask;
	char *text;
};

struct sw_refs {
	sqlite3 *db;		/* the connection looked up on */
	sqlite3 *own;		/* the reader's connection, closed with it */
	const struct sw_table *t;
	sqlite3_stmt **st;	/* per column, or NULL */
	char *cache;
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

enum { LOOKUP, COUNT, KEYS };

/* For a column whose ref is "t.k": does a value exist, how many keys are
 * there, and the keys (text only: a value read from a file is text, and
 * equals nothing else). NULL on an error; cached: from sw_db_stmt, which
 * dies on one. */
static sqlite3_stmt *ref_prepare(sqlite3 *db, const char *ref, int what, int cached)
{
	const char *dot = strchr(ref, '.'), *k = dot + 1;
	char t[64];
	snprintf(t, sizeof t, "%.*s", (int)(dot - ref), ref);
	char *sql = what == LOOKUP ? sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE \"%w\" = ?", t, k)
		  : sqlite3_mprintf("SELECT %s\"%w\"%s FROM \"%w\" WHERE typeof(\"%w\") = 'text'",
				    what == COUNT ? "count(" : "", k, what == COUNT ? ")" : "", t, k);
	sqlite3_stmt *st = NULL;
	if (cached)
		st = sw_db_stmt(db, sql);
	else
		sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	return st;
}

/* Reads column i's referenced keys into r->keys[i]; leaves it without
 * slots when they are too many or too long, or on an error: the
 * look-ups then go on as before. */
static void keyset_build(struct sw_refs *r, int i)
{
	struct keyset *k = &r->keys[i];
	sqlite3_stmt *st = ref_prepare(r->own, r->t->cols[i].ref, COUNT, 0);
	long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	if (n < 0 || n > KEYSET_MAX || !(st = ref_prepare(r->own, r->t->cols[i].ref, KEYS, 0)))
		return;
	size_t nslot = 16;
	while (nslot < 2 * (size_t)n)
		nslot *= 2;
	k->mask = nslot - 1;
	k->slot = sw_xcalloc(nslot, sizeof *k->slot);
	size_t len = 0, cap = 1 << 16;
	k->text = sw_xmalloc(cap);
	long long got = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && got++ < n) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		size_t l = (size_t)sqlite3_column_bytes(st, 0) + 1;
		if (strlen(key) + 1 != l)
			continue;	/* a NUL inside: no file's value equals it */
		if (len + l > KEYSET_BYTES)
			break;
		while (len + l > cap)
			k->text = sw_xrealloc(k->text, cap *= 2);
		memcpy(k->text + len, key, l);
		keyset_put(k, key, (uint32_t)len);
		len += l;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(k->slot);
		free(k->text);
		*k = (struct keyset){0};
	}
	sqlite3_db_release_memory(r->own);	/* the pages the scan read */
}

/* Prepares the look-ups on db; returns -1 on the first failure. */
static int prepare(struct sw_refs *r, sqlite3 *db, const struct sw_table *t, const int *map)
{
	r->db = db;
	r->t = t;
	r->st = sw_xcalloc((size_t)t->ncols, sizeof *r->st);
	r->cache = sw_xcalloc((size_t)t->ncols * REFSLOTS, REFSLOT);
	r->misses = sw_xcalloc((size_t)t->ncols, sizeof *r->misses);
	r->keys = sw_xcalloc((size_t)t->ncols, sizeof *r->keys);
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].ref && map[i] != -1 /* SW_MAP_ABSENT */ &&
		    !(r->st[i] = ref_prepare(db, t->cols[i].ref, LOOKUP, !r->own)))
			return -1;
	return 0;
}

/* The caller's look-ups are kept prepared (sw_db_stmt) from one import
 * to the next; the reader's connection closes with its look-ups. */
static void finalize(struct sw_refs *r, sqlite3_stmt *st)
{
	if (r->own)
		sqlite3_finalize(st);
	else
		sw_db_release(st);
}

struct sw_refs *sw_refs_new(sqlite3 *db, const struct sw_table *t, const int *map)
{
	struct sw_refs *r = sw_xcalloc(1, sizeof *r);
	if (prepare(r, db, t, map) != 0) {
		sw_db_error(db, "prepare");
		exit(SW_EXIT_FAIL);
	}
	return r;
}

struct sw_refs *sw_refs_reader(sqlite3 *db, const struct sw_table *t, const int *map)
{
	const char *path = sqlite3_db_filename(db, "main");
	struct sw_refs *r = sw_xcalloc(1, sizeof *r);
	if (!path || !*path ||
	    sqlite3_open_v2(path, &r->own, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    /* one read transaction for the file, not one per look-up */
	    sqlite3_exec(r->own, "PRAGMA cache_size=" SW_DB_CACHE "; BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    prepare(r, r->own, t, map) != 0) {
		sw_refs_free(r);
		return NULL;
	}
	return r;
}

int sw_refs_has(const struct sw_refs *r, int i)
{
	return r->st[i] != NULL;
}

int sw_refs_find(struct sw_refs *r, int i, const char *value)
{
	size_t h = fnv(value);
	char *slot = r->cache + ((size_t)i * REFSLOTS + h % REFSLOTS) * REFSLOT;
	if (strcmp(slot, value) == 0)
		return SQLITE_ROW;
	if (r->keys[i].slot)
		return keyset_has(&r->keys[i], h, value) ? SQLITE_ROW : SQLITE_DONE;
	if (r->own && r->misses[i] >= 0 && ++r->misses[i] == KEYSET_AFTER) {
		r->misses[i] = -1;	/* tried once */
		keyset_build(r, i);
		if (r->keys[i].slot)
			return sw_refs_find(r, i, value);
	}
	sqlite3_bind_text(r->st[i], 1, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(r->st[i]);
	sqlite3_reset(r->st[i]);
	if (rc == SQLITE_ROW && strlen(value) < REFSLOT)
		strcpy(slot, value);
	return rc;
}

void sw_refs_free(struct sw_refs *r)
{
	if (!r)
		return;
	for (int i = 0; r->st && i < r->t->ncols; i++) {
		finalize(r, r->st[i]);
		free(r->keys[i].slot);
		free(r->keys[i].text);
	}
	sqlite3_close(r->own);
	free(r->st);
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
	int n = sw_workers_named(sw_store_of(r->db), v[i], v[sc], dc >= 0 ? v[dc] : NULL,
				 id, idlen, ids, sizeof ids);
	if (n > 1)
		sw_msg(why, whylen, _("%s: %d workers of that name at the station of the row (%s): give "
		       "the 工号"), sw_column_title(c), n, ids);
	else if (n == 0)	/* (the station unnamed: it may be a value shifted there) */
		sw_msg(why, whylen, _("%s: no worker with that 工号, nor one of that name in post at "
		       "the station of the row"), sw_column_title(c));
	return n < 0 ? -1 : n == 1;
}
