/* Edits of cases and clients outside imports: close, reopen, merge. */
#include <stdio.h>
#include <string.h>

#include "sw/audit.h"
#include "sw/case.h"
#include "sw/casework.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"

/* Steps st once (binding text params), returns the sqlite3_step code. */
static int step_text(sqlite3_stmt *st, int n, const char *const *p)
{
	for (int i = 0; i < n; i++)
		sw_db_bind_text(st, i + 1, p[i]);
	return sqlite3_step(st);
}

/* Runs a statement with text parameters; -1 on error (printed). */
static int exec_text(sqlite3 *db, const char *sql, int n, const char *const *p)
{
	sqlite3_stmt *st = sw_db_prepare(db, sql);
	int rc = step_text(st, n, p);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "update");
		return -1;
	}
	return 0;
}

static int month_ok(sqlite3 *db, const char *col, const char *date)
{
	char why[200];
	if (sw_month_check(sw_store_of(db), col, date, why, sizeof why) != 0) {
		sw_error("%s", why);
		return 0;
	}
	return 1;
}

/* Reads a case's opened_on and closed_on; 0 if there is no such case. */
static int case_dates(sqlite3 *db, const char *id, char opened[11], char closed[11])
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT opened_on, closed_on FROM cases WHERE case_id = ?");
	int found = step_text(st, 1, &id) == SQLITE_ROW;
	if (found) {
		const char *o = (const char *)sqlite3_column_text(st, 0);
		const char *c = (const char *)sqlite3_column_text(st, 1);
		snprintf(opened, 11, "%s", o ? o : "");
		snprintf(closed, 11, "%s", c ? c : "");
	} else
		sw_error(_("%s: no such case"), id);
	sqlite3_finalize(st);
	return found;
}

int sw_case_close(sqlite3 *db, const char *id, const char *on, const char *reason,
		  const char *goals_left)
{
	char opened[11], closed[11];
	if (!case_dates(db, id, opened, closed))
		return SW_EXIT_REJECTED;
	if (*closed) {
		sw_error(_("%s: already closed on %s"), id, closed);
		return SW_EXIT_REJECTED;
	}
	if (strcmp(on, opened) < 0) {
		sw_error(_("%s: closed_on: %s is before opened_on %s"), id, on, opened);
		return SW_EXIT_REJECTED;
	}
	if (!month_ok(db, "closed_on", on))
		return SW_EXIT_REJECTED;
	char ids[200];
	int n = sw_case_open_goals(db, id, ids, sizeof ids);
	if (n < 0)
		return SW_EXIT_FAIL;
	if (n > 0 && !goals_left) {
		sw_error(sw_ngettext("%s: the case's plan has %d open goal (%s): review them, or say why "
				     "they are left with --goals-left REASON",
				     "%s: the case's plan has %d open goals (%s): review them, or say why "
				     "they are left with --goals-left REASON", (unsigned long)n), id, n, ids);
		return SW_EXIT_REJECTED;
	}
	if (n > 0 && sw_case_drop_goals(db, id, on, goals_left) != 0)
		return SW_EXIT_FAIL;
	const char *p[] = {id, on, reason};
	if (exec_text(db, "UPDATE cases SET closed_on = ?2, close_reason = ?3 WHERE case_id = ?1", 3, p) ||
	    sw_audit_log(sw_store_of(db), "update", "cases", id, "close"))
		return SW_EXIT_FAIL;
	return SW_EXIT_OK;
}

int sw_case_reopen(sqlite3 *db, const char *id)
{
	char opened[11], closed[11];
	if (!case_dates(db, id, opened, closed))
		return SW_EXIT_REJECTED;
	if (!*closed) {
		sw_error(_("%s: is not closed"), id);
		return SW_EXIT_REJECTED;
	}
	if (!month_ok(db, "closed_on", closed))
		return SW_EXIT_REJECTED;
	if (exec_text(db, "UPDATE cases SET closed_on = NULL, close_reason = NULL WHERE case_id = ?1",
		      1, &id) || sw_audit_log(sw_store_of(db), "update", "cases", id, "reopen"))
		return SW_EXIT_FAIL;
	return SW_EXIT_OK;
}

static int client_exists(sqlite3 *db, const char *id)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT 1 FROM clients WHERE client_id = ?");
	int found = step_text(st, 1, &id) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!found)
		sw_error(_("%s: no such client"), id);
	return found;
}

/* Months whose figures a merge changes: DROP's own and its records'. */
static int merge_months_ok(sqlite3 *db, const char *drop)
{
	sqlite3_stmt *st = sw_db_prepare(db,
		"SELECT 'registered_on', registered_on FROM clients WHERE client_id = ?1"
		" UNION SELECT 'opened_on', opened_on FROM cases WHERE client_id = ?1"
		" UNION SELECT 'closed_on', closed_on FROM cases WHERE client_id = ?1"
		" UNION SELECT 'date', substr(date, 1, 7) FROM services WHERE client_id = ?1");
	sw_db_bind_text(st, 1, drop);
	int ok = 1;
	while (ok && sqlite3_step(st) == SQLITE_ROW)
		ok = month_ok(db, (const char *)sqlite3_column_text(st, 0),
			      (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return ok;
}

int sw_client_merge(sqlite3 *db, const char *keep, const char *drop)
{
	if (strcmp(keep, drop) == 0) {
		sw_error(_("merge: KEEP and DROP are the same client"));
		return SW_EXIT_USAGE;
	}
	if (!client_exists(db, keep) || !client_exists(db, drop))
		return SW_EXIT_REJECTED;
	if (!merge_months_ok(db, drop))
		return SW_EXIT_REJECTED;
	const char *p[] = {keep, drop};
	char detail[200];
	sqlite3_stmt *st = sw_db_prepare(db,
		"SELECT (SELECT count(*) FROM cases WHERE client_id = ?2),"
		" (SELECT count(*) FROM services WHERE client_id = ?2)");
	step_text(st, 2, p);
	snprintf(detail, sizeof detail, "merged %s: %d cases, %d services", drop,
		 sqlite3_column_int(st, 0), sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
	/* Take DROP's values where KEEP has none; the ID moves only after
	 * DROP is gone, since it is unique. */
	static const char *const steps[] = {
		"CREATE TEMP TABLE merge_drop AS SELECT * FROM clients WHERE client_id = ?2",
		"UPDATE cases SET client_id = ?1 WHERE client_id = ?2",
		"UPDATE services SET client_id = ?1 WHERE client_id = ?2",
		"DELETE FROM clients WHERE client_id = ?2",
		"UPDATE clients SET (gender, birth_date, id_number, phone, categories, hukou, address,"
		"  registered_on) = (SELECT coalesce(c.gender, d.gender), coalesce(c.birth_date, d.birth_date),"
		"  coalesce(c.id_number, d.id_number), coalesce(c.phone, d.phone),"
		"  coalesce(c.categories, d.categories), coalesce(c.hukou, d.hukou),"
		"  coalesce(c.address, d.address), min(coalesce(c.registered_on, d.registered_on),"
		"  coalesce(d.registered_on, c.registered_on))"
		"  FROM clients c, merge_drop d WHERE c.client_id = ?1) WHERE client_id = ?1",
		"DROP TABLE merge_drop",
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (exec_text(db, steps[i], 2, p))
			return SW_EXIT_FAIL;
	}
	if (sw_audit_log(sw_store_of(db), "merge", "clients", keep, detail) ||
	    sw_audit_log(sw_store_of(db), "delete", "clients", drop, "merged into another client"))
		return SW_EXIT_FAIL;
	return SW_EXIT_OK;
}

void sw_case_new_id(sqlite3 *db, const char *tbl, const char *col, const char *prefix,
		    char *out, size_t outlen)
{
	char *sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" WHERE \"%w\" = ?", tbl, col);
	sqlite3_stmt *st = sw_db_prepare(db, sql);
	sqlite3_free(sql);
	for (long n = 1;; n++) {
		snprintf(out, outlen, "%s%ld", prefix, n);
		sqlite3_bind_text(st, 1, out, -1, SQLITE_STATIC);
		int taken = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		if (!taken)
			break;
	}
	sqlite3_finalize(st);
}
