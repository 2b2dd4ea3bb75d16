/* The job register read back: placements, the follow-up figures per
 * station and coach, the retention checks due (see sw/match.h). */
#include "sw/db.h"
#include "sw/match.h"

sqlite3_stmt *sw_placements_stmt(sqlite3 *db, const struct sw_placement_filter *f)
{
	sqlite3_stmt *st = sw_db_prepare(db,
		"SELECT p.seeker_id, s.name, p.vacancy_id, v.title, e.name AS employer, p.stage, p.date,"
		"  coalesce(p.worker_id, s.worker_id) AS worker_id, s.station_code"
		" FROM placements p JOIN seekers s ON s.seeker_id = p.seeker_id"
		" JOIN vacancies v ON v.vacancy_id = p.vacancy_id"
		" JOIN employers e ON e.employer_id = v.employer_id"
		" WHERE (?1 IS NULL OR p.seeker_id = ?1) AND (?2 IS NULL OR p.vacancy_id = ?2)"
		"   AND (?3 IS NULL OR p.stage = ?3) AND (?4 IS NULL OR s.station_code = ?4)"
		"   AND (?5 IS NULL OR coalesce(p.worker_id, s.worker_id) = ?5)"
		"   AND (?6 IS NULL OR p.date >= ?6) AND (?7 IS NULL OR p.date <= ?7)"
		" ORDER BY p.seeker_id, p.vacancy_id, p.date,"
		"  CASE p.stage WHEN 'matched' THEN 0 WHEN 'referred' THEN 1 WHEN 'interviewed' THEN 2"
		"  WHEN 'hired' THEN 3 WHEN 'retained_3m' THEN 4 WHEN 'retained_6m' THEN 5 ELSE 6 END");
	const char *v[] = {f->seeker, f->vacancy, f->stage, f->station, f->worker, f->from, f->to};
	for (int i = 0; i < 7; i++)
		sw_db_bind_text(st, i + 1, v[i]);
	return st;
}

/* Per-seeker facts the figures are made of, as of ?1, for seekers
 * registered in [?2, ?3]. A job kept 6 months was kept 3 (as in due). */
#define FACTS_CTE \
	"facts AS (SELECT s.seeker_id, s.station_code, s.worker_id, coalesce(s.out_of_work, 1) AS oow," \
	"  (SELECT min(p.date) FROM placements p WHERE p.seeker_id = s.seeker_id AND p.stage <> 'matched'" \
	"    AND p.date <= ?1) AS referred_on," \
	"  (SELECT count(*) FROM placements p WHERE p.seeker_id = s.seeker_id AND p.stage = 'hired'" \
	"    AND p.date <= ?1) AS starts," \
	"  julianday((SELECT min(p.date) FROM placements p WHERE p.seeker_id = s.seeker_id" \
	"    AND p.stage <> 'matched' AND p.date <= ?1)) - julianday(s.registered_on) AS days," \
	"  (SELECT count(*) FROM placements p WHERE p.seeker_id = s.seeker_id AND p.stage = 'hired'" \
	"    AND date(p.date, '+3 months') <= ?1) AS due3," \
	"  (SELECT count(DISTINCT p.vacancy_id) FROM placements p WHERE p.seeker_id = s.seeker_id" \
	"    AND p.stage IN ('retained_3m', 'retained_6m') AND p.date <= ?1) AS kept3," \
	"  (SELECT count(*) FROM placements p WHERE p.seeker_id = s.seeker_id AND p.stage = 'hired'" \
	"    AND date(p.date, '+6 months') <= ?1) AS due6," \
	"  (SELECT count(*) FROM placements p WHERE p.seeker_id = s.seeker_id AND p.stage = 'retained_6m'" \
	"    AND p.date <= ?1) AS kept6," \
	"  NOT EXISTS (SELECT 1 FROM placements p WHERE p.seeker_id = s.seeker_id" \
	"    AND p.stage IN ('retained_6m', 'ended') AND p.date <= ?1) AS open" \
	" FROM seekers s WHERE (s.registered_on IS NULL OR s.registered_on <= ?1)" \
	"  AND (?2 IS NULL OR s.registered_on >= ?2) AND (?3 IS NULL OR s.registered_on <= ?3))"

/* Medians of days to first referral per station and per coach. */
#define MEDIAN_CTE \
	"meds AS (SELECT 'station' AS lvl, station_code AS g, days FROM facts" \
	"  UNION ALL SELECT 'coach', worker_id, days FROM facts)," \
	" med AS (SELECT lvl, g, round(avg(days), 1) AS m FROM (SELECT lvl, g, days," \
	"  row_number() OVER (PARTITION BY lvl, g ORDER BY days) AS rn," \
	"  count(*) OVER (PARTITION BY lvl, g) AS c FROM meds WHERE days IS NOT NULL)" \
	"  WHERE rn IN ((c + 1) / 2, (c + 2) / 2) GROUP BY lvl, g)"

/* The figures of one group (g is the grouping column of facts). */
#define FIGURES(g, lvl) \
	" count(*) AS registered, count(referred_on) AS referred, sum(starts) AS job_starts," \
	" round(100.0 * sum(oow AND starts > 0) / nullif(sum(oow), 0), 1) AS employment_rate," \
	" (SELECT m FROM med WHERE med.lvl = '" lvl "' AND med.g IS f." g ") AS median_days_to_referral," \
	" round(100.0 * sum(min(kept3, due3)) / nullif(sum(due3), 0), 1) AS retention_3m," \
	" round(100.0 * sum(min(kept6, due6)) / nullif(sum(due6), 0), 1) AS retention_6m," \
	" sum(open) AS caseload"

sqlite3_stmt *sw_match_stats_stmt(sqlite3 *db, const char *on, const char *from, const char *to)
{
	sqlite3_stmt *st = sw_db_prepare(db,
		"WITH " FACTS_CTE "," MEDIAN_CTE
		" SELECT 'station' AS level, coalesce(station_code, '') AS id," FIGURES("station_code", "station") ","
		"  '' AS flag FROM facts f GROUP BY station_code"
		" UNION ALL"
		" SELECT 'coach', coalesce(worker_id, ''), " FIGURES("worker_id", "coach") ","
		"  CASE WHEN sum(open) > 20 THEN 'caseload above 20' ELSE '' END"
		" FROM facts f GROUP BY worker_id"
		" ORDER BY 1 DESC, 2");
	sqlite3_bind_text(st, 1, on, -1, SQLITE_TRANSIENT);
	sw_db_bind_text(st, 2, from);
	sw_db_bind_text(st, 3, to);
	return st;
}

sqlite3_stmt *sw_match_due_stmt(sqlite3 *db, const char *on)
{
	sqlite3_stmt *st = sw_db_prepare(db,
		"WITH checks(stage, months) AS (VALUES ('retained_3m', 3), ('retained_6m', 6))"
		" SELECT h.seeker_id, s.name, h.vacancy_id, e.name AS employer, h.date AS hired_on,"
		"  c.stage AS check_stage, date(h.date, '+' || c.months || ' months') AS due_on,"
		"  CAST(julianday(?1) - julianday(date(h.date, '+' || c.months || ' months')) AS INTEGER)"
		"   AS days_overdue,"
		"  coalesce(h.worker_id, s.worker_id) AS worker_id, s.station_code"
		" FROM placements h CROSS JOIN checks c"
		" JOIN seekers s ON s.seeker_id = h.seeker_id"
		" JOIN vacancies v ON v.vacancy_id = h.vacancy_id"
		" JOIN employers e ON e.employer_id = v.employer_id"
		" WHERE h.stage = 'hired' AND date(h.date, '+' || c.months || ' months') <= ?1"
		"   AND NOT EXISTS (SELECT 1 FROM placements q WHERE q.seeker_id = h.seeker_id"
		"     AND q.vacancy_id = h.vacancy_id AND q.date <= ?1"	/* as of --on, like stats */
		"     AND (q.stage = c.stage OR q.stage = 'ended'"
		"     OR (c.stage = 'retained_3m' AND q.stage = 'retained_6m')))"
		" ORDER BY due_on, h.seeker_id, h.vacancy_id");
	sqlite3_bind_text(st, 1, on, -1, SQLITE_TRANSIENT);
	return st;
}
