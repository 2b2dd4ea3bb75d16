/* The register read back: the clients listing, one client's record and
 * timeline, and what is due (see sw/case.h). cmd/ formats the rows. */
#include <stdio.h>

#include "sw/case.h"
#include "sw/station.h"
#include "sw/store.h"

/* A category is among "k1;k2" when the list without ";KEY;" differs from
 * it: instr is SQLite's alone, and LIKE would read the _ in keys. */
struct sw_stmt *sw_clients_stmt(struct sw_store *s, const struct sw_client_filter *f)
{
	struct sw_stmt *st = sw_store_prep(s,
		"WITH RECURSIVE " SW_SUBTREE_CTE("?1")
		" SELECT c.client_id, c.name,"
		"  c.gender, c.birth_date, c.station_code, c.categories, c.hukou, c.registered_on,"
		"  (SELECT count(*) FROM cases k WHERE k.client_id = c.client_id"
		"   AND k.closed_on IS NULL) AS open_cases"
		" FROM clients c JOIN subtree t ON t.code = c.station_code"
		" WHERE (?2 IS NULL OR replace(';' || c.categories || ';', ';' || ?2 || ';', '')"
		"   <> ';' || c.categories || ';')"
		"  AND (?3 IS NULL OR (?3 = 'open') = EXISTS(SELECT 1 FROM cases k"
		"   WHERE k.client_id = c.client_id AND k.closed_on IS NULL))"
		"  AND (?3 IS DISTINCT FROM 'closed'"
		"   OR EXISTS(SELECT 1 FROM cases k WHERE k.client_id = c.client_id))"
		"  AND (?4 IS NULL OR EXISTS(SELECT 1 FROM cases k WHERE k.client_id = c.client_id"
		"   AND k.worker_id = ?4))"
		"  AND (?5 IS NULL OR c.registered_on >= ?5) AND (?6 IS NULL OR c.registered_on <= ?6)"
		"  AND (?7 IS NULL AND ?8 IS NULL OR EXISTS(SELECT 1 FROM cases k"
		"   WHERE k.client_id = c.client_id AND (?7 IS NULL OR k.opened_on >= ?7)"
		"   AND (?8 IS NULL OR k.opened_on <= ?8)))"
		" ORDER BY c.client_id");
	const char *v[] = {f->station, f->category, f->status, f->worker, f->reg_from, f->reg_to,
			   f->open_from, f->open_to};
	for (int i = 0; i < 8; i++)	/* an empty value does not filter */
		sw_stmt_bind_text(st, i + 1, v[i] && *v[i] ? v[i] : NULL);
	return st;
}

/* The rows of a UNION have no one table's columns: SQLite would give col
 * the title of the last branch's (a review's date for a service's) and a
 * server none. The case's columns come from cases itself on both. */
#define UNION_COL(col, name) "CAST(" col " AS TEXT) AS " name

int sw_client_stmts(struct sw_store *s, const char *id, int mask, struct sw_stmt *sts[3])
{
	static const char *const q[] = {
		"SELECT client_id, name, gender, birth_date, birth_date AS age, id_number, phone,"
		" station_code, categories, hukou, CASE WHEN ?2 <> 0 THEN NULL ELSE address END AS address,"
		" registered_on FROM clients WHERE client_id = ?1",
		"SELECT case_id, domain, risk, station_code, worker_id, opened_on, closed_on, close_reason"
		" FROM cases WHERE client_id = ?1 ORDER BY opened_on, case_id",
		/* one timeline: services and the casework of the client's cases */
		"SELECT " UNION_COL("t.date", "date") ", t.kind, t.id, k.case_id, t.worker_id, t.what,"
		" t.detail, " UNION_COL("t.note", "note") " FROM ("
		" SELECT date, 'service' AS kind, service_id AS id, case_id, worker_id, type AS what,"
		"  CAST(minutes AS TEXT) AS detail, note FROM services WHERE client_id = ?1"
		" UNION ALL SELECT a.date, 'assessment', a.assessment_id, a.case_id, a.assessor, a.needs,"
		"  a.risk, a.notes FROM assessments a JOIN cases c ON c.case_id = a.case_id"
		"  WHERE c.client_id = ?1"
		" UNION ALL SELECT p.date, 'plan', p.plan_id, p.case_id, p.author,"
		"  'version ' || p.version, NULL, NULL FROM plans p JOIN cases c ON c.case_id = p.case_id"
		"  WHERE c.client_id = ?1"
		" UNION ALL SELECT g.due_on, 'goal due', g.goal_id, p.case_id, NULL, g.need, g.status,"
		"  g.description FROM goals g JOIN plans p ON p.plan_id = g.plan_id"
		"  JOIN cases c ON c.case_id = p.case_id WHERE c.client_id = ?1 AND g.due_on IS NOT NULL"
		" UNION ALL SELECT r.date, 'review', r.review_id, p.case_id, NULL, r.goal_id, r.status,"
		"  r.note FROM reviews r JOIN goals g ON g.goal_id = r.goal_id"
		"  JOIN plans p ON p.plan_id = g.plan_id JOIN cases c ON c.case_id = p.case_id"
		"  WHERE c.client_id = ?1"
		") AS t LEFT JOIN cases k ON k.case_id = t.case_id ORDER BY date, kind, id",
	};
	int found = sw_store_text(s, "SELECT 1 FROM clients WHERE client_id = ?1", 1, &id, NULL, 0);
	for (int i = 0; found > 0 && i < 3; i++) {
		sts[i] = sw_store_prep(s, q[i]);
		sw_stmt_bind_text(sts[i], 1, id);
	}
	if (found > 0)	/* the record's alone */
		sw_stmt_bind_int64(sts[0], 2, mask);
	return found;
}

struct sw_stmt *sw_due_stmt(struct sw_store *s, const char *today, const char *since, const char *station)
{
	struct sw_stmt *st = sw_store_prep(s,
		"SELECT d.what, c.case_id, d.id, c.station_code, c.worker_id, d.since FROM ("
		" SELECT 'approve ' || r.kind AS what, r.case_id, r.request_id AS id, r.requested_on AS since"
		"  FROM requests r WHERE r.status = 'pending'"
		" UNION ALL SELECT 'review goal', p.case_id, g.goal_id, g.due_on"
		"  FROM goals g JOIN plans p ON p.plan_id = g.plan_id JOIN cases c ON c.case_id = p.case_id"
		"  WHERE g.status = 'open' AND g.due_on <= ?1 AND c.closed_on IS NULL"
		" UNION ALL SELECT 'no service', c.case_id, NULL, COALESCE(max(s.date), c.opened_on)"
		"  FROM cases c LEFT JOIN services s ON s.case_id = c.case_id WHERE c.closed_on IS NULL"
		"  GROUP BY c.case_id, c.opened_on HAVING COALESCE(max(s.date), c.opened_on) < ?2"
		") AS d JOIN cases c ON c.case_id = d.case_id WHERE ?3 IS NULL OR c.station_code = ?3"
		" ORDER BY c.station_code, d.what, d.since, c.case_id");
	sw_stmt_bind_text(st, 1, today);
	sw_stmt_bind_text(st, 2, since);
	sw_stmt_bind_text(st, 3, station && *station ? station : NULL);
	return st;
}
