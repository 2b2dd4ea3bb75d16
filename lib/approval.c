/* Supervisor approval of plans and closures (see sw/approval.h). */
#include <stdio.h>
#include <string.h>

#include "sw/approval.h"
#include "sw/audit.h"
#include "sw/case.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"

/* The case's station and those above it, nearest first, as a CTE. */
#define UP "WITH RECURSIVE up(code, depth) AS (" \
	" SELECT station_code, 0 FROM cases WHERE case_id = ?1" \
	" UNION ALL SELECT s.parent_code, up.depth + 1 FROM stations s JOIN up ON s.code = up.code" \
	" WHERE s.parent_code IS NOT NULL) "

/* sw_db_text with one or two parameters and no statement kept. */
static int one(sqlite3 *db, const char *sql, const char *p1, const char *p2, char *out, size_t n)
{
	const char *p[] = {p1, p2};
	return sw_db_text(db, NULL, sql, p2 ? 2 : p1 ? 1 : 0, p, out, n);
}

/* Runs sql with p[0..n) and writes its audit entry (p[0] the request). */
static int store_request(sqlite3 *db, const char *sql, int n, const char *const *p,
			 const char *action, const char *detail)
{
	sqlite3_stmt *st = sw_db_prepare(db, sql);
	for (int i = 0; i < n; i++)
		sw_db_bind_text(st, i + 1, p[i]);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "requests");
		return SW_EXIT_FAIL;
	}
	return sw_audit_log(sw_store_of(db), action, "requests", p[0], detail) ? SW_EXIT_FAIL : SW_EXIT_OK;
}

int sw_approval_required(sqlite3 *db, const char *case_id)
{
	char v[8];
	int rc = one(db, UP "SELECT s.approval FROM up JOIN stations s ON s.code = up.code"
		     " WHERE s.approval IS NOT NULL ORDER BY up.depth LIMIT 1", case_id, NULL, v, sizeof v);
	return rc < 0 ? -1 : rc && strcmp(v, "1") == 0;
}

int sw_request_new(sqlite3 *db, const struct sw_request *r, char *id, size_t idlen)
{
	char n[32];
	int rc = one(db, "SELECT station_code FROM cases WHERE case_id = ?1", r->case_id, NULL, n, sizeof n);
	if (rc <= 0) {
		if (rc == 0)
			sw_error(_("%s: no such case"), r->case_id);
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if ((rc = one(db, "SELECT 1 FROM workers WHERE worker_id = ?1", r->by, NULL, NULL, 0)) <= 0) {
		if (rc == 0)
			sw_error(_("--by: no such worker"));
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	char plan[64] = "";
	if (strcmp(r->kind, "plan") == 0 &&
	    (rc = one(db, "SELECT plan_id FROM plans WHERE case_id = ?1 ORDER BY version DESC LIMIT 1",
		      r->case_id, NULL, plan, sizeof plan)) <= 0) {
		if (rc == 0)
			sw_error(_("%s: the case has no plan to approve"), r->case_id);
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if ((rc = one(db, "SELECT request_id FROM requests WHERE case_id = ?1 AND kind = ?2"
		      " AND status = 'pending'", r->case_id, r->kind, n, sizeof n)) != 0) {
		if (rc > 0)
			sw_error(_("%s: request %s for the same is pending"), r->case_id, n);
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if (one(db, "SELECT count(*) FROM requests", NULL, NULL, n, sizeof n) < 0)
		return SW_EXIT_FAIL;
	long k;
	if (sscanf(n, "%ld", &k) != 1)
		k = 0;
	snprintf(id, idlen, "R%05ld", k + 1);
	const char *p[] = {id, r->kind, r->case_id, *plan ? plan : NULL, r->by, r->on, r->reason,
			   r->goals_left};
	return store_request(db, "INSERT INTO requests(request_id, kind, case_id, plan_id, requested_by,"
		     " requested_on, reason, goals_left, status)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')", 8, p, "insert", r->kind);
}

/* The request's fields, in the order of its columns below. */
enum { RQ_KIND, RQ_CASE, RQ_BY, RQ_ON, RQ_REASON, RQ_GOALS, RQ_STATUS, RQ_N };

int sw_request_decide(sqlite3 *db, const char *id, const char *by, const char *on,
		      const char *comment, int approve)
{
	char f[RQ_N][256];
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT kind, case_id, requested_by, requested_on,"
					 " reason, goals_left, status FROM requests WHERE request_id = ?");
	sw_db_bind_text(st, 1, id);
	int found = sqlite3_step(st) == SQLITE_ROW;
	for (int i = 0; found && i < RQ_N; i++) {
		const unsigned char *t = sqlite3_column_text(st, i);
		snprintf(f[i], sizeof f[i], "%s", t ? (const char *)t : "");
	}
	sqlite3_finalize(st);
	if (!found) {
		sw_error(_("%s: no such request"), id);
		return SW_EXIT_REJECTED;
	}
	if (strcmp(f[RQ_STATUS], "pending") != 0) {
		if (strcmp(f[RQ_STATUS], "approved") == 0)
			sw_error(_("%s: already approved"), id);
		else if (strcmp(f[RQ_STATUS], "rejected") == 0)
			sw_error(_("%s: already rejected"), id);
		else
			sw_error(_("%s: already %s"), id, f[RQ_STATUS]);
		return SW_EXIT_REJECTED;
	}
	if (strcmp(by, f[RQ_BY]) == 0) {
		sw_error(_("%s: a worker never decides their own request"), id);
		return SW_EXIT_REJECTED;
	}
	int rc = one(db, UP "SELECT 1 FROM workers w JOIN up ON w.station_code = up.code"
		     " WHERE w.worker_id = ?2 AND w.role = 'supervisor'", f[RQ_CASE], by, NULL, 0);
	if (rc <= 0) {
		if (rc == 0)
			sw_error(_("%s: --by: only a supervisor (督导) at the case's station or above decides"), id);
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if (strcmp(on, f[RQ_ON]) < 0) {
		sw_error(_("%s: decided on %s, before it was asked (%s)"), id, on, f[RQ_ON]);
		return SW_EXIT_REJECTED;
	}
	if (approve && strcmp(f[RQ_KIND], "close") == 0 &&
	    (rc = sw_case_close(db, f[RQ_CASE], f[RQ_ON], f[RQ_REASON],
				*f[RQ_GOALS] ? f[RQ_GOALS] : NULL)) != SW_EXIT_OK)
		return rc;
	const char *p[] = {id, approve ? "approved" : "rejected", by, on, comment};
	return store_request(db, "UPDATE requests SET status = ?2, decided_by = ?3, decided_on = ?4,"
		     " comment = ?5 WHERE request_id = ?1", 5, p, "update", p[1]);
}
