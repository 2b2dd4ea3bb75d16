/* Casework and workforce figures (see sw/workfig.h). Plain SQL that
 * SQLite and PostgreSQL share: recursive CTEs for the subtree, window
 * functions for the median, days_between() registered here (a one-line
 * SQL function in PostgreSQL). */
#include <stdio.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/valid.h"
#include "sw/workfig.h"

/* The stations of the scope: ?3 and those below it, or all. */
#define SCOPE "WITH RECURSIVE sub(code) AS (" \
	" SELECT code FROM stations WHERE ?3 IS NULL OR code = ?3" \
	" UNION SELECT s.code FROM stations s JOIN sub ON s.parent_code = sub.code) "

/* days_between(a, b): whole days from date a to date b. */
static void days_between(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	(void)argc;
	const char *a = (const char *)sqlite3_value_text(v[0]), *b = (const char *)sqlite3_value_text(v[1]);
	long da = a ? sw_date_days(a) : -1, db = b ? sw_date_days(b) : -1;
	if (da < 0 || db < 0)
		sqlite3_result_null(cx);
	else
		sqlite3_result_int64(cx, db - da);
}

/* Prepares sql with the period and the scope bound; checks the station. */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, const char *from, const char *to,
			     const char *station)
{
	if (station) {
		sqlite3_stmt *st = sw_db_prepare(db, "SELECT 1 FROM stations WHERE code = ?");
		sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
		int found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (!found) {
			sw_error(_("--station: no station %s"), station);
			return NULL;
		}
	}
	sqlite3_create_function(db, "days_between", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				days_between, NULL, NULL);
	sqlite3_stmt *st = sw_db_prepare(db, sql);
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	sw_db_bind_text(st, 3, station);
	return st;
}

sqlite3_stmt *sw_items_stmt(sqlite3 *db, const char *from, const char *to, const char *station)
{
	return prepare(db, SCOPE ","
		" sv AS (SELECT s.item_code, s.client_id FROM services s"
		"  WHERE s.date >= ?1 AND s.date <= ?2 AND s.station_code IN (SELECT code FROM sub)),"
		" ac AS (SELECT a.item_code, a.participants FROM activities a"
		"  WHERE a.date >= ?1 AND a.date <= ?2 AND a.station_code IN (SELECT code FROM sub))"
		" SELECT category, item_code, name, services, people, activities, participants FROM ("
		"  SELECT c.category, c.item_code, c.name, 0 AS part,"
		"   (SELECT count(*) FROM sv WHERE sv.item_code = c.item_code) AS services,"
		"   (SELECT count(DISTINCT client_id) FROM sv WHERE sv.item_code = c.item_code) AS people,"
		"   (SELECT count(*) FROM ac WHERE ac.item_code = c.item_code) AS activities,"
		"   (SELECT COALESCE(sum(participants), 0) FROM ac WHERE ac.item_code = c.item_code)"
		"    AS participants FROM catalogue c"
		"  UNION ALL SELECT k.category, NULL, '(all items)', 1,"
		"   (SELECT count(*) FROM sv JOIN catalogue c ON c.item_code = sv.item_code"
		"    WHERE c.category = k.category),"
		"   (SELECT count(DISTINCT sv.client_id) FROM sv JOIN catalogue c ON c.item_code = sv.item_code"
		"    WHERE c.category = k.category),"
		"   (SELECT count(*) FROM ac JOIN catalogue c ON c.item_code = ac.item_code"
		"    WHERE c.category = k.category),"
		"   (SELECT COALESCE(sum(ac.participants), 0) FROM ac JOIN catalogue c"
		"    ON c.item_code = ac.item_code WHERE c.category = k.category)"
		"   FROM (SELECT DISTINCT category FROM catalogue) AS k"
		"  UNION ALL SELECT NULL, NULL, '(no item)', 2,"
		"   (SELECT count(*) FROM sv WHERE item_code IS NULL),"
		"   (SELECT count(DISTINCT client_id) FROM sv WHERE item_code IS NULL),"
		"   (SELECT count(*) FROM ac WHERE item_code IS NULL),"
		"   (SELECT COALESCE(sum(participants), 0) FROM ac WHERE item_code IS NULL)"
		" ) AS t ORDER BY part = 2, category, part DESC, item_code",
		from, to, station);
}

sqlite3_stmt *sw_workforce_stmt(sqlite3 *db, const char *from, const char *to, const char *station)
{
	return prepare(db, SCOPE ","
		" w AS (SELECT w.* FROM workers w WHERE w.station_code IN (SELECT code FROM sub)),"
		" inpost AS (SELECT * FROM w WHERE (hired_on IS NULL OR hired_on <= ?2)"
		"  AND (left_on IS NULL OR left_on > ?2))"
		" SELECT st.code AS station_code, st.name AS station_name,"
		"  (SELECT count(*) FROM inpost WHERE station_code = st.code) AS workers,"
		"  (SELECT count(*) FROM inpost WHERE station_code = st.code"
		"   AND certificate IN ('assistant', 'intermediate', 'senior')) AS certified,"
		"  (SELECT count(*) FROM inpost WHERE station_code = st.code AND certificate = 'assistant')"
		"   AS assistant,"
		"  (SELECT count(*) FROM inpost WHERE station_code = st.code AND certificate = 'intermediate')"
		"   AS intermediate,"
		"  (SELECT count(*) FROM inpost WHERE station_code = st.code AND certificate = 'senior')"
		"   AS senior,"
		"  (SELECT count(*) FROM w WHERE station_code = st.code AND hired_on >= ?1"
		"   AND hired_on <= ?2) AS new,"
		"  (SELECT count(*) FROM w WHERE station_code = st.code AND left_on >= ?1"
		"   AND left_on <= ?2) AS leavers,"
		"  (SELECT COALESCE(sum(minutes), 0) FROM supervision WHERE station_code = st.code"
		"   AND date >= ?1 AND date <= ?2) / 60.0 AS supervision_hours,"
		"  (SELECT COALESCE(sum(t.minutes), 0) FROM training t JOIN w ON w.worker_id = t.worker_id"
		"   WHERE w.station_code = st.code AND t.date >= ?1 AND t.date <= ?2) / 60.0"
		"   AS training_hours"
		" FROM stations st WHERE st.code IN (SELECT code FROM sub) ORDER BY st.code",
		from, to, station);
}

sqlite3_stmt *sw_referrals_stmt(sqlite3 *db, const char *from, const char *to, const char *station)
{
	return prepare(db, SCOPE ","
		" r AS (SELECT r.*, c.station_code AS from_station FROM referrals r"
		"  JOIN cases c ON c.case_id = r.case_id WHERE r.date >= ?1 AND r.date <= ?2),"
		" fb AS (SELECT from_station, days_between(date, feedback_on) AS days,"
		"  row_number() OVER (PARTITION BY from_station"
		"   ORDER BY days_between(date, feedback_on)) AS k,"
		"  count(*) OVER (PARTITION BY from_station) AS n"
		"  FROM r WHERE feedback_on IS NOT NULL),"
		" med AS (SELECT from_station, avg(days) AS days FROM fb"
		"  WHERE k = (n + 1) / 2 OR k = (n + 2) / 2 GROUP BY from_station)"
		" SELECT st.code AS station_code, st.name AS station_name,"
		"  (SELECT count(*) FROM r WHERE from_station = st.code) AS referred,"
		"  (SELECT count(*) FROM r WHERE to_station = st.code) AS received,"
		"  (SELECT count(*) FROM r WHERE from_station = st.code"
		"   AND status IN ('accepted', 'completed')) AS accepted,"
		"  (SELECT count(*) FROM r WHERE from_station = st.code AND status = 'completed')"
		"   AS completed,"
		"  (SELECT days FROM med WHERE from_station = st.code) AS median_days_to_feedback"
		" FROM stations st WHERE st.code IN (SELECT code FROM sub) ORDER BY st.code",
		from, to, station);
}
