/* Reference look-ups with a per-column cache (see sw/refs.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/refs.h"

/* Values found, remembered per column: REFSLOTS of up to REFSLOT bytes. */
#define REFSLOTS 64
#define REFSLOT 48

struct sw_refs {
	sqlite3 *own;		/* the reader's connection, closed with it */
	int ncols;
	sqlite3_stmt **st;	/* per column, or NULL */
	char *cache;
};

/* "SELECT 1 FROM t WHERE k = ?" for a column whose ref is "t.k". */
static char *ref_sql(const struct sw_column *c)
{
	const char *dot = strchr(c->ref, '.');
	char tbl[64];
	snprintf(tbl, sizeof tbl, "%.*s", (int)(dot - c->ref), c->ref);
	return sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE \"%w\" = ?", tbl, dot + 1);
}

/* Prepares the look-ups on db; returns -1 on the first failure. */
static int prepare(struct sw_refs *r, sqlite3 *db, const struct sw_table *t, const int *map)
{
	r->ncols = t->ncols;
	r->st = sw_xcalloc((size_t)t->ncols, sizeof *r->st);
	r->cache = sw_xcalloc((size_t)t->ncols * REFSLOTS, REFSLOT);
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].ref && map[i] >= 0) {
			char *sql = ref_sql(&t->cols[i]);
			int rc = sqlite3_prepare_v2(db, sql, -1, &r->st[i], NULL);
			sqlite3_free(sql);
			if (rc != SQLITE_OK)
				return -1;
		}
	return 0;
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
	    sqlite3_exec(r->own, "PRAGMA cache_size=-65536; BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
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
	size_t h = 2166136261u;
	for (const char *p = value; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	char *slot = r->cache + ((size_t)i * REFSLOTS + h % REFSLOTS) * REFSLOT;
	if (strcmp(slot, value) == 0)
		return SQLITE_ROW;
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
	for (int i = 0; r->st && i < r->ncols; i++)
		sqlite3_finalize(r->st[i]);
	sqlite3_close(r->own);
	free(r->st);
	free(r->cache);
	free(r);
}
