/* The import's store on a SQLite file (lib/import.c's loop): each row
 * stored as it comes, an INSERT that does nothing on a key conflict, then
 * an UPDATE that fires only when a value differs, so re-running a file
 * changes nothing; the stored row read for the closed months and a key
 * met twice in one file. A server's counterpart is lib/import_stage.c. */
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/importpriv.h"

static int is_int(const struct sw_column *c)
{
	return c->type == SW_T_INT || c->type == SW_T_BOOL;
}

static void bind_value(sqlite3_stmt *st, int i, const struct sw_column *c, const char *v)
{
	if (!v)
		sqlite3_bind_null(st, i);
	else if (is_int(c))
		sqlite3_bind_int64(st, i, atoll(v));
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

/* Binds the row's values to a statement numbered like the INSERT. */
static void bind_row(struct sw_import *im, sqlite3_stmt *st)
{
	for (int i = 0; i < im->t->ncols; i++)
		if (im->map[i] != SW_MAP_ABSENT)
			bind_value(st, i + 1, &im->t->cols[i], im->v[i]);
}

/* Builds the INSERT and UPDATE for the columns this file has, on a file.
 * Parameters are numbered by table column (?1 is column 0) so both share
 * bindings. Returns the WHERE of the key and the columns' difference
 * (sqlite3_free them). */
static void prepare_file(struct sw_import *im, char **where0, char **diff0, int *nset0)
{
	const struct sw_table *t = im->t;
	sqlite3_str *ins = sqlite3_str_new(im->db), *vals = sqlite3_str_new(im->db);
	sqlite3_str *set = sqlite3_str_new(im->db), *diff = sqlite3_str_new(im->db);
	sqlite3_str *key = sqlite3_str_new(im->db), *where = sqlite3_str_new(im->db);
	int nset = 0, nins = 0, nkey = 0;

	for (int i = 0; i < t->ncols; i++) {
		if (im->map[i] == SW_MAP_ABSENT)
			continue;
		const char *n = t->cols[i].name;
		sqlite3_str_appendf(ins, "%s\"%w\"", nins ? "," : "", n);
		sqlite3_str_appendf(vals, "%s?%d", nins++ ? "," : "", i + 1);
		if (t->cols[i].flags & SW_C_KEY) {
			sqlite3_str_appendf(key, "%s\"%w\"", nkey ? "," : "", n);
			sqlite3_str_appendf(where, "%s\"%w\"=?%d", nkey++ ? " AND " : "", n, i + 1);
		} else if (im->map[i] == SW_MAP_FILL && (t->cols[i].flags & SW_C_DERIVED)) {
			/* the file has no such column: nothing derived, nothing changed */
			sqlite3_str_appendf(set, "%s\"%w\"=COALESCE(?%d,\"%w\")", nset ? "," : "", n,
					    i + 1, n);
			sqlite3_str_appendf(diff, "%s(?%d IS NOT NULL AND \"%w\" IS NOT ?%d)",
					    nset++ ? " OR " : "", i + 1, n, i + 1);
		} else {
			sqlite3_str_appendf(set, "%s\"%w\"=?%d", nset ? "," : "", n, i + 1);
			sqlite3_str_appendf(diff, "%s\"%w\" IS NOT ?%d", nset++ ? " OR " : "", n, i + 1);
		}
	}
	char *sql = sqlite3_mprintf("INSERT INTO \"%w\"(%s) VALUES(%s) ON CONFLICT(%s) DO NOTHING",
				    t->name, sqlite3_str_value(ins), sqlite3_str_value(vals),
				    sqlite3_str_value(key));
	im->ins = sw_db_stmt(im->db, sql);
	sqlite3_free(sql);
	if (nset) {
		sql = sqlite3_mprintf("UPDATE \"%w\" SET %s WHERE %s AND (%s)", t->name,
				      sqlite3_str_value(set), sqlite3_str_value(where),
				      sqlite3_str_value(diff));
		im->upd = sw_db_stmt(im->db, sql);
		sqlite3_free(sql);
	}
	sqlite3_free(sqlite3_str_finish(ins));
	sqlite3_free(sqlite3_str_finish(vals));
	sqlite3_free(sqlite3_str_finish(set));
	sqlite3_free(sqlite3_str_finish(key));
	*diff0 = sqlite3_str_finish(diff);
	*where0 = sqlite3_str_finish(where);
	*nset0 = nset;
}

/* On a file: the statements of a row's store, and those of the checks
 * that read the stored row (locked, dup_key). */
void sw_file_prepare(struct sw_import *im)
{
	const struct sw_table *t = im->t;
	char *where0, *diff0, *sql;
	int nset;
	prepare_file(im, &where0, &diff0, &nset);
	/* Only when some month is closed is the stored row read for each row. */
	if (im->locks) {
		sqlite3_str *q = sqlite3_str_new(im->db);
		sqlite3_str_appendall(q, "SELECT ");
		for (int i = 0, k = 0; i < t->ncols; i++)
			if (t->cols[i].flags & SW_C_PERIOD)
				sqlite3_str_appendf(q, "%s\"%w\"", k++ ? "," : "", t->cols[i].name);
		sqlite3_str_appendf(q, " FROM \"%w\" WHERE %s", t->name, where0);
		sql = sqlite3_str_finish(q);
		if (strstr(sql, "SELECT  FROM") == NULL)
			im->old = sw_db_stmt(im->db, sql);
		sqlite3_free(sql);
		if (im->old && nset) {
			sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE %s AND (%s)", t->name, where0, diff0);
			im->chg = sw_db_stmt(im->db, sql);
			sqlite3_free(sql);
		}
	}
	/* A key met twice in one file: the stored row has a rowid this
	 * file gave it. Asked only when the INSERT found the key taken. */
	sql = sqlite3_mprintf("SELECT max(rowid) FROM \"%w\"", t->name);
	sqlite3_stmt *st = sw_db_stmt(im->db, sql);
	sqlite3_free(sql);
	im->start = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sw_db_release(st);
	sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE %s AND rowid > ?%d", t->name, where0,
			      t->ncols + 1);
	im->dup = sw_db_stmt(im->db, sql);
	sqlite3_free(sql);
	sqlite3_free(where0);
	sqlite3_free(diff0);
	/* A row that was stored before this file can be met twice in it too:
	 * such keys are noted in a temporary table (on disk past its cache,
	 * so memory stays flat), only for rows whose key is taken. */
	if (im->fname) {
		sw_db_run(im->db, SEEN_TABLE);
		sw_db_run(im->db, "DELETE FROM temp.sw_seen");
		im->seen = sw_db_stmt(im->db, "INSERT INTO temp.sw_seen VALUES(?) ON CONFLICT DO NOTHING");
		im->key = sqlite3_str_new(NULL);
	}
}

static const struct sw_table *bulk[8];	/* tables registered by sw_import_bulk */

void sw_import_bulk(const struct sw_table *t)
{
	for (size_t i = 0; i < sizeof bulk / sizeof bulk[0]; i++)
		if (!bulk[i] || bulk[i] == t) {
			bulk[i] = t;
			return;
		}
}

/* Loading a large file into an empty table: drop its non-unique indexes
 * now and build them once the rows are in (sorted builds are far cheaper
 * than millions of random index inserts). Same transaction, so a failure
 * rolls the drop back too. */
void sw_file_drop_indexes(struct sw_import *im)
{
	size_t i = 0;
	while (i < sizeof bulk / sizeof bulk[0] && bulk[i] != im->t)
		i++;
	if (!im->db || i == sizeof bulk / sizeof bulk[0] || im->start != 0)
		return;
	sqlite3_stmt *st = sw_db_prepare(im->db, "SELECT name, sql FROM sqlite_schema WHERE"
		" type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'");
	sqlite3_bind_text(st, 1, im->t->name, -1, SQLITE_STATIC);
	char *drop = NULL;	/* the DROPs run after the schema is read */
	while (sqlite3_step(st) == SQLITE_ROW) {
		im->rebuild = sw_xrealloc(im->rebuild, (size_t)(im->nrebuild + 1) * sizeof *im->rebuild);
		im->rebuild[im->nrebuild++] = sw_xstrdup((const char *)sqlite3_column_text(st, 1));
		char *d = sqlite3_mprintf("%z DROP INDEX \"%w\";", drop,
					  (const char *)sqlite3_column_text(st, 0));
		drop = d;
	}
	sqlite3_finalize(st);
	if (drop)
		sw_db_exec(im->db, drop);
	sqlite3_free(drop);
}

/* Builds the indexes sw_file_drop_indexes took away. Returns 0 or -1 (printed).
 * The reader thread has finished by now, so SQLite's sorter may use the
 * second core (an import of 5M services: 19% less time). Its runs are sized
 * from the page cache, so the cache shrinks meanwhile: less memory than
 * one thread with the full cache, and the build writes pages in order. */
int sw_file_rebuild_indexes(struct sw_import *im)
{
	int rc = 0;
	if (im->nrebuild)
		sqlite3_exec(im->db, "PRAGMA threads=2; PRAGMA cache_size=-16384", NULL, NULL, NULL);
	for (int i = 0; i < im->nrebuild; i++) {
		if (rc == 0 && sqlite3_exec(im->db, im->rebuild[i], NULL, NULL, NULL) != SQLITE_OK) {
			sw_db_error(im->db, "index");
			rc = -1;
		}
		free(im->rebuild[i]);
	}
	if (im->nrebuild)
		sqlite3_exec(im->db, "PRAGMA threads=0; PRAGMA cache_size=" SW_DB_CACHE, NULL, NULL, NULL);
	free(im->rebuild);
	im->rebuild = NULL;
	im->nrebuild = 0;
	return rc;
}

/* The column of the one-column unique index that failed ("t.col"), or -1. */
static int failed_col(struct sw_import *im, const char *failed)
{
	const char *dot = strchr(failed, '.');
	return dot && !strchr(dot, ',') ? sw_table_col(im->t, dot + 1) : -1;
}

/* 1 if the record holding column k's value was inserted by this file: on
 * an earlier line of it. */
static int taken_here(struct sw_import *im, int k)
{
	if (k < 0 || !im->v[k])
		return 0;
	char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE \"%w\" = ?1 AND rowid > ?2", im->t->name,
				    im->t->cols[k].name);
	sqlite3_stmt *st = sw_db_prepare(im->db, sql);
	sqlite3_free(sql);
	sqlite3_bind_text(st, 1, im->v[k], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, im->start);
	int here = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return here;
}

/* Turns a constraint failure into a message a user can act on. */
static void constraint_msg(struct sw_import *im, char *why, size_t n)
{
	const char *m = sqlite3_errmsg(im->db), *u = strstr(m, "UNIQUE constraint failed: ");
	if (u) {
		/* "t.a, t.b" (a key of several columns): "a and b", by title */
		char cols[200] = "", name[64];
		for (const char *p = u + 26; (p = strchr(p, '.')) != NULL; p++) {
			snprintf(name, sizeof name, "%.*s", (int)strcspn(p + 1, ", "), p + 1);
			int k = sw_table_col(im->t, name);
			snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s",
				 *cols ? _(" and ") : "", k >= 0 ? sw_column_title(&im->t->cols[k]) : name);
		}
		char failed[200];	/* (errmsg's text changes with the next statement) */
		snprintf(failed, sizeof failed, "%s", u + 26);
		int k = failed_col(im, failed);
		sw_taken_msg(im->t, cols, k, -taken_here(im, k), why, n);
	} else if (strstr(m, "FOREIGN KEY"))
		sw_msg(why, n, _("refers to a record that does not exist"));
	else
		sw_msg(why, n, "%s", m);
}

/* 1 if the row's key, found taken, was met earlier in this file: in a row
 * it inserted (a rowid past the file's start) or in one it found stored. */
static int dup_key(struct sw_import *im)
{
	bind_row(im, im->dup);
	sqlite3_bind_int64(im->dup, im->t->ncols + 1, im->start);
	int found = sqlite3_step(im->dup) == SQLITE_ROW;
	sqlite3_reset(im->dup);
	if (found)
		return 1;
	sqlite3_str_reset(im->key);
	for (int i = 0; i < im->t->ncols; i++)
		if (im->t->cols[i].flags & SW_C_KEY)
			sqlite3_str_appendf(im->key, "%s\x1f", im->v[i] ? im->v[i] : "");
	sqlite3_bind_text(im->seen, 1, sqlite3_str_value(im->key), -1, SQLITE_STATIC);
	int rc = sqlite3_step(im->seen);
	sqlite3_reset(im->seen);
	return rc == SQLITE_DONE && sqlite3_changes(im->db) == 0;
}

/* Stores the row as it comes: an INSERT that does nothing on a key
 * conflict, then an UPDATE that fires only when a value differs. Returns
 * the outcome, SW_REJECTED with why, or -1 (said). */
int sw_file_store(struct sw_import *im, int made, char *why, size_t whylen)
{
	int rc, outcome = SW_INSERTED, taken;
	for (int occ = 0;; occ++) {
		if (made >= 0)
			sw_import_make_key(im, made, occ);
		bind_row(im, im->ins);
		rc = sqlite3_step(im->ins);
		sqlite3_reset(im->ins);
		taken = rc == SQLITE_DONE && sqlite3_changes(im->db) == 0;
		/* a made key met before in this file: the same service twice
		 * that day, the next one gets the next key */
		if (!(taken && im->fname && dup_key(im)))
			break;
		if (made < 0 || occ == 999) {
			sw_import_dup_msg(im, why, whylen);
			return SW_REJECTED;
		}
	}
	if (taken) {
		outcome = SW_UNCHANGED;
		if (im->upd) {
			bind_row(im, im->upd);	/* only now: most rows are new */
			rc = sqlite3_step(im->upd);
			sqlite3_reset(im->upd);
			if (rc == SQLITE_DONE && sqlite3_changes(im->db) > 0)
				outcome = SW_UPDATED;
		}
	}
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		constraint_msg(im, why, whylen);
		return SW_REJECTED;
	}
	if (rc != SQLITE_DONE) {
		sw_db_error(im->db, im->t->name);
		return -1;
	}
	if (made >= 0 && im->fname && !sw_import_made_fresh(im)) {	/* (lib/import_made.c) */
		sqlite3_stmt *st = sw_db_stmt(im->db, "INSERT INTO temp.sw_made VALUES(?) ON CONFLICT DO NOTHING");
		sqlite3_bind_text(st, 1, im->v[made], -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sw_db_release(st);
		if (rc != SQLITE_DONE) {
			sw_db_error(im->db, "sw_made");
			return -1;
		}
	}
	return outcome;
}

/* sw_import_lock with the stored row read here, on a file. */
int sw_file_locked(struct sw_import *im, char *why, size_t whylen)
{
	const struct sw_table *t = im->t;
	int exists = 0, changes = 0;
	const char *old[16] = {0};
	if (im->old) {
		bind_row(im, im->old);
		exists = sqlite3_step(im->old) == SQLITE_ROW;
		if (exists && im->chg) {
			bind_row(im, im->chg);
			changes = sqlite3_step(im->chg) == SQLITE_ROW;
			sqlite3_reset(im->chg);
		}
		for (int i = 0, k = 0; exists && i < t->ncols && k < 16; i++)
			if (t->cols[i].flags & SW_C_PERIOD)
				old[k] = (const char *)sqlite3_column_text(im->old, k), k++;
	}
	int hit = sw_import_lock(im, im->v, exists, changes, old, why, whylen);
	if (im->old)
		sqlite3_reset(im->old);
	return hit;
}
