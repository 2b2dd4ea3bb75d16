/* Supervisor approval of plans and closures (see sw/approval.h). */
#include <stdio.h>
#include <string.h>

#include "sw/approval.h"
#include "sw/audit.h"
#include "sw/case.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/store.h"

/* The case's station and those above it, nearest first, as a CTE. */
#define UP "WITH RECURSIVE up(code, depth) AS (" \
	" SELECT station_code, 0 FROM cases WHERE case_id = ?1" \
	" UNION ALL SELECT s.parent_code, up.depth + 1 FROM stations s JOIN up ON s.code = up.code" \
	" WHERE s.parent_code IS NOT NULL) "

/* sw_store_text with one or two parameters. */
static int one(struct sw_store *s, const char *sql, const char *p1, const char *p2, char *out, size_t n)
{
	const char *p[] = {p1, p2};
	return sw_store_text(s, sql, p2 ? 2 : p1 ? 1 : 0, p, out, n);
}

/* Runs sql with p[0..n) (an empty value is NULL) and writes its audit
 * entry (p[0] the request). */
static int store_request(struct sw_store *s, const char *sql, int n, const char *const *p,
			 const char *action, const char *detail)
{
	struct sw_stmt *st = sw_store_prep(s, sql);
	for (int i = 0; i < n; i++)
		sw_stmt_bind_text(st, i + 1, p[i] && *p[i] ? p[i] : NULL);
	int rc = sw_stmt_step(st);
	sw_stmt_finalize(st);
	if (rc != SW_DONE)
		return SW_EXIT_FAIL;
	return sw_audit_log(s, action, "requests", p[0], detail) ? SW_EXIT_FAIL : SW_EXIT_OK;
}

int sw_approval_required(struct sw_store *s, const char *case_id)
{
	char v[8];
	int rc = one(s, UP "SELECT s.approval FROM up JOIN stations s ON s.code = up.code"
		     " WHERE s.approval IS NOT NULL ORDER BY up.depth LIMIT 1", case_id, NULL, v, sizeof v);
	return rc < 0 ? -1 : rc && strcmp(v, "1") == 0;
}

int sw_request_new(struct sw_store *s, const struct sw_request *r, char *id, size_t idlen)
{
	char n[32];
	int rc = one(s, "SELECT station_code FROM cases WHERE case_id = ?1", r->case_id, NULL, n, sizeof n);
	if (rc <= 0) {
		if (rc == 0)
			sw_error(_("%s: no such case"), r->case_id);
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if ((rc = one(s, "SELECT 1 FROM workers WHERE worker_id = ?1", r->by, NULL, NULL, 0)) <= 0) {
		if (rc == 0)
			sw_error(_("--by: no such worker"));
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	char plan[64] = "";
	if (strcmp(r->kind, "plan") == 0 &&
	    (rc = one(s, "SELECT plan_id FROM plans WHERE case_id = ?1 ORDER BY version DESC LIMIT 1",
		      r->case_id, NULL, plan, sizeof plan)) <= 0) {
		if (rc == 0)
			sw_error(_("%s: the case has no plan to approve"), r->case_id);
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if ((rc = one(s, "SELECT request_id FROM requests WHERE case_id = ?1 AND kind = ?2"
		      " AND status = 'pending'", r->case_id, r->kind, n, sizeof n)) != 0) {
		if (rc > 0)
			sw_error(_("%s: request %s for the same is pending"), r->case_id, n);
		return rc < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if (one(s, "SELECT count(*) FROM requests", NULL, NULL, n, sizeof n) < 0)
		return SW_EXIT_FAIL;
	long k;
	if (sscanf(n, "%ld", &k) != 1)
		k = 0;
	snprintf(id, idlen, "R%05ld", k + 1);
	const char *p[] = {id, r->kind, r->case_id, *plan ? plan : NULL, r->by, r->on, r->reason,
			   r->goals_left};
	return store_request(s, "INSERT INTO requests(request_id, kind, case_id, plan_id, requested_by,"
		     " requested_on, reason, goals_left, status)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')", 8, p, "insert", r->kind);
}

/* The request's fields, in the order of its columns below. */
enum { RQ_KIND, RQ_CASE, RQ_BY, RQ_ON, RQ_REASON, RQ_GOALS, RQ_STATUS, RQ_N };

int sw_request_decide(struct sw_store *s, const char *id, const char *by, const char *on,
		      const char *comment, int approve)
{
	char f[RQ_N][256];
	struct sw_stmt *st = sw_store_prep(s, "SELECT kind, case_id, requested_by, requested_on,"
					   " reason, goals_left, status FROM requests WHERE request_id = ?1");
	sw_stmt_bind_text(st, 1, id);
	int rc = sw_stmt_step(st), found = rc == SW_ROW;
	for (int i = 0; found && i < RQ_N; i++) {
		const char *t = sw_stmt_text(st, i);
		snprintf(f[i], sizeof f[i], "%s", t ? t : "");
	}
	sw_stmt_finalize(st);
	if (rc < 0)
		return SW_EXIT_FAIL;
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
	rc = one(s, UP "SELECT 1 FROM workers w JOIN up ON w.station_code = up.code"
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
	    (rc = sw_case_close(s, f[RQ_CASE], f[RQ_ON], f[RQ_REASON],
				*f[RQ_GOALS] ? f[RQ_GOALS] : NULL)) != SW_EXIT_OK)
		return rc;
	const char *p[] = {id, approve ? "approved" : "rejected", by, on, comment};
	return store_request(s, "UPDATE requests SET status = ?2, decided_by = ?3, decided_on = ?4,"
		     " comment = ?5 WHERE request_id = ?1", 5, p, "update", p[1]);
}
