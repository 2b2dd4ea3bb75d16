/* A row of a file without its key column (a services ledger without
 * 服务编号) is stored under a key made from all its values: the same row
 * gets the same key on every import. A row corrected in the ledger (30
 * minutes become 40, a note added, a column added to the sheet) thus gets
 * a new key, and the record made from its earlier version stays: the
 * month would count the service twice. Such a row is held to the end of
 * the file (sw_import_flush on a server); if a record of the same owner
 * (client, volunteer, resource, contract), date and worker made by an
 * earlier import is then neither stored nor met by this command, the row
 * is refused, or with --replace-changed the one most like it is deleted
 * and the row stored. Never a guess: two services of one client on one day
 * may both be real, and only the admin knows which case it is. */
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

/* Appends the condition a record of key column k meets when its key was
 * made (SYYYYMMDD-%010llx, sw_import_key's shape; S upper case on both
 * backends) by an import before this command (not in sw_made). */
static void made_earlier(sqlite3_str *q, const char *k)
{
	sqlite3_str_appendf(q, "\"%w\" LIKE '_________-__________' AND substr(\"%w\", 1, 1) = 'S'"
			    " AND \"%w\" NOT IN (SELECT k FROM sw_made)", k, k, k);
}

/* Finds the made-key record of the row's owner and date, and of its
 * worker where both name one, that this command neither stored nor met
 * (sw_made: on a server, its chunks stored so far): of several, the one
 * most like the row (a service's type kept, its minutes corrected). Its
 * key into other. SW_ROW, SW_DONE, or -1 (printed). */
static int others(const struct sw_import *im, int key, int owner, int date, char other[32])
{
	const struct sw_table *t = im->t;
	const char *k = t->cols[key].name;
	int w = sw_table_col(t, "worker_id"), n = 2;
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendf(q, "SELECT \"%w\" FROM \"%w\" WHERE \"%w\" = ?1 AND \"%w\" = ?2 AND ", k,
			    t->name, t->cols[owner].name, t->cols[date].name);
	made_earlier(q, k);
	if (w >= 0 && im->v[w])
		sqlite3_str_appendf(q, " AND (\"%w\" IS NULL OR \"%w\" = ?%d)", t->cols[w].name,
				    t->cols[w].name, ++n);
	sqlite3_str_appendall(q, " ORDER BY 0");
	for (int i = 0; i < t->ncols; i++)
		if (i != key && i != owner && i != date && i != w && im->v[i])
			sqlite3_str_appendf(q, " + CASE WHEN \"%w\" = ?%d THEN 1 ELSE 0 END", t->cols[i].name, ++n);
	sqlite3_str_appendf(q, " DESC, \"%w\" LIMIT 1", k);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_stmt(im->s, sql);
	sqlite3_free(sql);
	sw_stmt_bind_text(st, 1, im->v[owner]);
	sw_stmt_bind_text(st, 2, im->v[date]);
	n = 2;
	if (w >= 0 && im->v[w])
		sw_stmt_bind_text(st, ++n, im->v[w]);
	for (int i = 0; i < t->ncols; i++)
		if (i != key && i != owner && i != date && i != w && im->v[i])
			sw_stmt_bind_text(st, ++n, im->v[i]);
	int rc = sw_stmt_step(st);
	if (rc == SW_ROW)
		snprintf(other, 32, "%s", sw_stmt_text(st, 0));
	sw_stmt_release(st);
	return rc;
}

/* The tables this command asked whether they hold a made-key record from
 * before it, and the answer. A ledger's first import finds none, and has
 * nothing to hold or note then (and an empty table's indexes are dropped
 * for the load: others() would read the whole table at each row). */
static struct {
	const struct sw_table *t;
	int before;
} asked[16];
static int nasked;

void sw_import_made_begin(void)
{
	nasked = 0;
}

/* The answer for t, or -1 if not asked yet. */
static int answer(const struct sw_table *t)
{
	for (int i = 0; i < nasked; i++)
		if (asked[i].t == t)
			return asked[i].before;
	return -1;
}

int sw_import_made_fresh(const struct sw_import *im)
{
	return answer(im->t) == 0;
}

/* 1 if the table holds a made-key record from before this command, 0 if
 * not, -1 on a failure (printed); asked once a command (the first time,
 * nothing of the table stored by it yet: this row is the first). */
static int made_before(const struct sw_import *im, int key)
{
	int known = answer(im->t);
	if (known >= 0)
		return known;
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendf(q, "SELECT 1 FROM \"%w\" WHERE ", im->t->name);
	made_earlier(q, im->t->cols[key].name);
	sqlite3_str_appendall(q, " LIMIT 1");
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_prep(im->s, sql);
	sqlite3_free(sql);
	int rc = sw_stmt_step(st);
	sw_stmt_finalize(st);
	if (rc < 0)
		return -1;
	if (nasked < (int)(sizeof asked / sizeof asked[0]))
		asked[nasked].t = im->t, asked[nasked++].before = rc == SW_ROW;
	return rc == SW_ROW;
}

/* Deletes the record of key other (--replace-changed). 0 or -1 (printed). */
static int replace(const struct sw_import *im, int key, const char *other)
{
	char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE \"%w\" = ?1", im->t->name, im->t->cols[key].name);
	struct sw_stmt *st = sw_store_stmt(im->s, sql);
	sqlite3_free(sql);
	sw_stmt_bind_text(st, 1, other);
	int rc = sw_stmt_step(st);
	sw_stmt_release(st);
	return rc == SW_DONE ? 0 : -1;
}

int sw_import_made_check(struct sw_import *im, char *why, size_t whylen)
{
	int key = sw_import_made(im), owner, date;
	if (key < 0 || !im->fname)
		return 0;
	identity(im->t, &owner, &date);
	if (owner < 0 || date < 0 || !im->v[owner] || !im->v[date])
		return 0;
	int before = made_before(im, key);
	if (before <= 0)
		return before;
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
	rc = others(im, key, owner, date, other);
	if (rc != SW_ROW)
		return rc == SW_DONE ? 0 : -1;
	if (im->settled && im->o->replace_changed)
		return replace(im, key, other);
	/* held: a later row of the file may be the earlier record's; if none
	 * is, the row is refused with this reason at the file's end */
	const char *kt = sw_column_title(&t->cols[key]);
	sw_msg(why, whylen, _("%s: %s, made by an earlier import for the same %s and %s, is not in this "
	       "file any more: if this line corrects it, import again with --replace-changed; if both "
	       "are real, give the file a %s column"), kt, other, sw_column_title(&t->cols[owner]),
	       sw_column_title(&t->cols[date]), kt);
	return 1;
}
