/* Edits of cases and clients outside imports: close, reopen, merge. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "sw/audit.h"
#include "sw/case.h"
#include "sw/casework.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/store.h"

/* Prepares sql and binds the n text parameters p (an empty value is
 * NULL: a reason left empty is none). */
static struct sw_stmt *prep_text(struct sw_store *s, const char *sql, int n, const char *const *p)
{
	struct sw_stmt *st = sw_store_prep(s, sql);
	for (int i = 0; i < n; i++)
		sw_stmt_bind_text(st, i + 1, p[i] && *p[i] ? p[i] : NULL);
	return st;
}

/* Runs a statement with text parameters; -1 on error (printed). */
static int exec_text(struct sw_store *s, const char *sql, int n, const char *const *p)
{
	struct sw_stmt *st = prep_text(s, sql, n, p);
	int rc = sw_stmt_step(st);
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

static int month_ok(struct sw_store *s, const char *col, const char *date)
{
	char why[200];
	if (sw_month_check(s, col, date, why, sizeof why) != 0) {
		sw_error("%s", why);
		return 0;
	}
	return 1;
}

/* Reads a case's opened_on and closed_on: 1, or 0 if there is no such
 * case (said), -1 on a failure (printed). */
static int case_dates(struct sw_store *s, const char *id, char opened[11], char closed[11])
{
	struct sw_stmt *st = prep_text(s, "SELECT opened_on, closed_on FROM cases WHERE case_id = ?1", 1,
				       &id);
	int rc = sw_stmt_step(st);
	if (rc == SW_ROW) {
		const char *o = sw_stmt_text(st, 0), *c = sw_stmt_text(st, 1);
		snprintf(opened, 11, "%s", o ? o : "");
		snprintf(closed, 11, "%s", c ? c : "");
	} else if (rc == SW_DONE)
		sw_error(_("%s: no such case"), id);
	sw_stmt_finalize(st);
	return rc == SW_ROW ? 1 : rc == SW_DONE ? 0 : -1;
}

int sw_case_close(struct sw_store *s, const char *id, const char *on, const char *reason,
		  const char *goals_left)
{
	char opened[11], closed[11];
	int found = case_dates(s, id, opened, closed);
	if (found <= 0)
		return found < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	if (*closed) {
		sw_error(_("%s: already closed on %s"), id, closed);
		return SW_EXIT_REJECTED;
	}
	if (strcmp(on, opened) < 0) {
		sw_error(_("%s: closed_on: %s is before opened_on %s"), id, on, opened);
		return SW_EXIT_REJECTED;
	}
	if (!month_ok(s, "closed_on", on))
		return SW_EXIT_REJECTED;
	char ids[200];
	int n = sw_case_open_goals(s, id, ids, sizeof ids);
	if (n < 0)
		return SW_EXIT_FAIL;
	if (n > 0 && !goals_left) {
		sw_error(sw_ngettext("%s: the case's plan has %d open goal (%s): review them, or say why "
				     "they are left with --goals-left REASON",
				     "%s: the case's plan has %d open goals (%s): review them, or say why "
				     "they are left with --goals-left REASON", (unsigned long)n), id, n, ids);
		return SW_EXIT_REJECTED;
	}
	if (n > 0 && sw_case_drop_goals(s, id, on, goals_left) != 0)
		return SW_EXIT_FAIL;
	const char *p[] = {id, on, reason};
	if (exec_text(s, "UPDATE cases SET closed_on = ?2, close_reason = ?3 WHERE case_id = ?1", 3, p) ||
	    sw_audit_log(s, "update", "cases", id, "close"))
		return SW_EXIT_FAIL;
	return SW_EXIT_OK;
}

int sw_case_reopen(struct sw_store *s, const char *id)
{
	char opened[11], closed[11];
	int found = case_dates(s, id, opened, closed);
	if (found <= 0)
		return found < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	if (!*closed) {
		sw_error(_("%s: is not closed"), id);
		return SW_EXIT_REJECTED;
	}
	if (!month_ok(s, "closed_on", closed))
		return SW_EXIT_REJECTED;
	if (exec_text(s, "UPDATE cases SET closed_on = NULL, close_reason = NULL WHERE case_id = ?1", 1,
		      &id) ||
	    sw_audit_log(s, "update", "cases", id, "reopen"))
		return SW_EXIT_FAIL;
	return SW_EXIT_OK;
}

/* 1 if s has a character past ASCII (a name) or 7 or more digits with
 * nothing but separators and an ID's final X (an ID number, a phone). */
static int looks_personal(const char *s)
{
	int digits = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80)
			return 1;
		if (isdigit(*p))
			digits++;
		else if (!strchr(" -+()", *p) && !((*p == 'X' || *p == 'x') && !p[1]))
			return 0;
	}
	return digits >= 7;
}

void sw_client_missing(const char *id)
{
	if (looks_personal(id))
		sw_error(_("no such client: give the client_id, not a name, ID number or phone; "
			   "sw-case list shows them"));
	else
		sw_error(_("%s: no such client"), id);
}

/* 1, or 0 if there is no such client (said), -1 on a failure (printed). */
static int client_exists(struct sw_store *s, const char *id)
{
	int found = sw_store_text(s, "SELECT 1 FROM clients WHERE client_id = ?1", 1, &id, NULL, 0);
	if (found == 0)
		sw_client_missing(id);
	return found;
}

/* Months whose figures a merge changes: DROP's own and its records'. 1
 * when all are open, 0 when one is closed (said), -1 on a failure. */
static int merge_months_ok(struct sw_store *s, const char *drop)
{
	struct sw_stmt *st = prep_text(s,
		"SELECT 'registered_on', registered_on FROM clients WHERE client_id = ?1"
		" UNION SELECT 'opened_on', opened_on FROM cases WHERE client_id = ?1"
		" UNION SELECT 'closed_on', closed_on FROM cases WHERE client_id = ?1"
		" UNION SELECT 'date', substr(date, 1, 7) FROM services WHERE client_id = ?1", 1, &drop);
	int ok = 1, rc;
	while (ok && (rc = sw_stmt_step(st)) == SW_ROW)
		ok = month_ok(s, sw_stmt_text(st, 0), sw_stmt_text(st, 1));
	sw_stmt_finalize(st);
	return ok && rc != SW_DONE ? -1 : ok;
}

/* "merged DROP: N cases, N services" into detail; -1 on a failure. */
static int merge_detail(struct sw_store *s, const char *drop, char *detail, size_t n)
{
	struct sw_stmt *st = prep_text(s,
		"SELECT (SELECT count(*) FROM cases WHERE client_id = ?1),"
		" (SELECT count(*) FROM services WHERE client_id = ?1)", 1, &drop);
	int rc = sw_stmt_step(st);
	if (rc == SW_ROW)
		snprintf(detail, n, "merged %s: %lld cases, %lld services", drop,
			 (long long)sw_stmt_int64(st, 0), (long long)sw_stmt_int64(st, 1));
	sw_stmt_finalize(st);
	return rc == SW_ROW ? 0 : -1;
}

int sw_client_merge(struct sw_store *s, const char *keep, const char *drop)
{
	if (strcmp(keep, drop) == 0) {
		sw_error(_("merge: KEEP and DROP are the same client"));
		return SW_EXIT_USAGE;
	}
	int rc = client_exists(s, keep);
	if (rc > 0)
		rc = client_exists(s, drop);
	if (rc > 0)
		rc = merge_months_ok(s, drop);
	if (rc <= 0)
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	const char *p[] = {keep, drop};
	char detail[200];
	if (merge_detail(s, drop, detail, sizeof detail) != 0)
		return SW_EXIT_FAIL;
	/* Take DROP's values where KEEP has none; the ID moves only after
	 * DROP is gone, since it is unique. The earlier registration date
	 * stays (CASE: SQLite's min(a, b) is not PostgreSQL's). */
	static const char *const moves[] = {
		"CREATE TEMP TABLE merge_drop AS SELECT * FROM clients WHERE client_id = ?2",
		"UPDATE cases SET client_id = ?1 WHERE client_id = ?2",
		"UPDATE services SET client_id = ?1 WHERE client_id = ?2",
	};
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (exec_text(s, moves[i], 2, p))
			return SW_EXIT_FAIL;
	}
	if (exec_text(s, "DELETE FROM clients WHERE client_id = ?1", 1, &drop) ||
	    exec_text(s, "UPDATE clients SET (gender, birth_date, id_number, phone, categories, hukou,"
		      "  address, registered_on) = (SELECT coalesce(c.gender, d.gender),"
		      "  coalesce(c.birth_date, d.birth_date), coalesce(c.id_number, d.id_number),"
		      "  coalesce(c.phone, d.phone), coalesce(c.categories, d.categories),"
		      "  coalesce(c.hukou, d.hukou), coalesce(c.address, d.address),"
		      "  CASE WHEN d.registered_on < c.registered_on OR c.registered_on IS NULL"
		      "  THEN d.registered_on ELSE c.registered_on END"
		      "  FROM clients c, merge_drop d WHERE c.client_id = ?1) WHERE client_id = ?1", 1, p))
		return SW_EXIT_FAIL;
	if (sw_store_exec(s, "DROP TABLE merge_drop") != 0)
		return SW_EXIT_FAIL;
	if (sw_audit_log(s, "merge", "clients", keep, detail) ||
	    sw_audit_log(s, "delete", "clients", drop, "merged into another client"))
		return SW_EXIT_FAIL;
	return SW_EXIT_OK;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The number n of a key that is prefix followed by n (digits, no leading
 * zero), else 0. */
static long key_number(const char *key, const char *prefix, size_t plen)
{
	const char *d = key + plen;
	if (strncmp(key, prefix, plen) != 0 || *d < '1' || *d > '9' ||
	    strspn(d, "0123456789") != strlen(d) || strlen(d) > 15)
		return 0;
	return atol(d);
}

/* The keys from prefix up to the next prefix (its last byte, ASCII in
 * ours, one higher) in one read, by bytes on both backends: a day's
 * services, a client's cases. */
int sw_case_new_id(struct sw_store *s, const char *tbl, const char *col, const char *prefix,
		   char *out, size_t outlen)
{
	size_t plen = strlen(prefix);
	char *next = sw_xstrdup(prefix);
	next[plen - 1]++;
	char *sql = sqlite3_mprintf("SELECT \"%w\" FROM \"%w\" WHERE \"%w\" >= ?1 AND \"%w\" < ?2",
				    col, tbl, col, col);
	struct sw_stmt *st = sw_store_prep(s, sql);
	sqlite3_free(sql);
	sw_stmt_bind_text(st, 1, prefix);
	sw_stmt_bind_text(st, 2, next);
	long *taken = NULL, n = 0, k;
	size_t cap = 0;
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW)
		if ((k = key_number(sw_stmt_text(st, 0), prefix, plen)) > 0) {
			if ((size_t)n == cap)
				taken = sw_xrealloc(taken, (cap = cap * 2 + 64) * sizeof *taken);
			taken[n++] = k;
		}
	sw_stmt_finalize(st);
	free(next);
	if (n)
		qsort(taken, (size_t)n, sizeof *taken, cmp_long);
	long first = 1;
	for (long i = 0; i < n && taken[i] <= first; i++)
		if (taken[i] == first)
			first++;
	free(taken);
	snprintf(out, outlen, "%s%ld", prefix, first);
	return rc == SW_DONE ? 0 : -1;
}
