/* A row of a file without its key column (a services ledger without
 * 服务编号) is stored under a key made from all its values: the same row
 * gets the same key on every import. A row corrected in the ledger (30
 * minutes become 40, a note added, a column added to the sheet) thus gets
 * a new key, and the record made from its earlier version stays: the
 * month would count the service twice. Such a row is held to the end of
 * the file (sw_import_flush on a server); if a record of the same owner
 * (client, volunteer, resource, contract) and date made by an earlier
 * import is then neither this file's nor met by any of its rows, the row
 * is refused, or with --replace-changed the earlier record is deleted and
 * the row stored. Never a guess: two services of one client on one day
 * are real, and only the admin knows which case it is. */
#include <stdio.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/importpriv.h"
#include "sw/store.h"

/* The columns that say which record a made-key row is: the first required
 * reference (its owner) and the first date. */
static void identity(const struct sw_table *t, int *owner, int *date)
{
	*owner = *date = -1;
	for (int i = 0; i < t->ncols; i++) {
		if (*owner < 0 && t->cols[i].ref && (t->cols[i].flags & SW_C_REQUIRED))
			*owner = i;
		if (*date < 0 && t->cols[i].type == SW_T_DATE)
			*date = i;
	}
}

/* Finds (del: deletes) the made-key records of the row's owner and date
 * that this file neither stored nor met: on a file, stored before it
 * (rowid) and not noted in sw_seen; on a server, not in sw_stage. The
 * first one's key into other. SW_ROW, SW_DONE, or -1 (printed). */
static int others(const struct sw_import *im, int key, int owner, int date, int del, char other[32])
{
	const struct sw_table *t = im->t;
	const char *k = t->cols[key].name;
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendf(q, del ? "DELETE FROM \"%w\" WHERE " : "SELECT \"%w\" FROM \"%w\" WHERE ",
			    del ? t->name : k, t->name);
	/* SYYYYMMDD-%010llx, sw_import_key's shape */
	sqlite3_str_appendf(q, "\"%w\" = ?1 AND \"%w\" = ?2 AND \"%w\" LIKE 'S________-__________'",
			    t->cols[owner].name, t->cols[date].name, k);
	if (im->db)
		sqlite3_str_appendf(q, " AND rowid <= ?3 AND \"%w\" || char(31) NOT IN (SELECT k FROM temp.sw_seen)", k);
	else
		sqlite3_str_appendf(q, " AND \"%w\" NOT IN (SELECT \"%w\" FROM sw_stage)", k, k);
	if (!del)
		sqlite3_str_appendf(q, " ORDER BY \"%w\" LIMIT 1", k);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_stmt(im->s, sql);
	sqlite3_free(sql);
	sw_stmt_bind_text(st, 1, im->v[owner]);
	sw_stmt_bind_text(st, 2, im->v[date]);
	if (im->db)
		sw_stmt_bind_int64(st, 3, im->start);
	int rc = sw_stmt_step(st);
	if (rc == SW_ROW)
		snprintf(other, 32, "%s", sw_stmt_text(st, 0));
	sw_stmt_release(st);
	return rc;
}

int sw_import_made_check(struct sw_import *im, char *why, size_t whylen)
{
	int key = sw_import_made(im), owner, date;
	if (key < 0 || !im->fname)
		return 0;
	identity(im->t, &owner, &date);
	if (owner < 0 || date < 0 || !im->v[owner] || !im->v[date])
		return 0;
	const struct sw_table *t = im->t;
	char made[32], other[32] = "";
	sw_import_key(t, im->v, key, 0, made);
	char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE \"%w\" = ?1", t->name, t->cols[key].name);
	struct sw_stmt *st = sw_store_stmt(im->s, sql);
	sqlite3_free(sql);
	sw_stmt_bind_text(st, 1, made);
	int rc = sw_stmt_step(st);
	sw_stmt_release(st);
	if (rc != SW_DONE)	/* on file: the same row as before (or -1) */
		return rc == SW_ROW ? 0 : -1;
	rc = others(im, key, owner, date, 0, other);
	if (rc != SW_ROW)
		return rc == SW_DONE ? 0 : -1;
	if (im->settled && im->o->replace_changed)
		return others(im, key, owner, date, 1, other) == SW_DONE ? 0 : -1;
	/* held: a later row of the file may be the earlier record's; if none
	 * is, the row is refused with this reason at the file's end */
	const char *kt = sw_column_title(&t->cols[key]);
	sw_msg(why, whylen, _("%s: %s, made by an earlier import for the same %s and %s, is not in this "
	       "file any more: if this line corrects it, import again with --replace-changed; if both "
	       "are real, give the file a %s column"), kt, other, sw_column_title(&t->cols[owner]),
	       sw_column_title(&t->cols[date]), kt);
	return 1;
}
