/* The station network: divisions, stations, workers, and the queries over
 * the hierarchy that sw-station and sw-report share. */
#ifndef SW_STATION_H
#define SW_STATION_H

#include <sqlite3.h>

#include "sw/import.h"

extern const struct sw_table sw_divisions_table, sw_stations_table, sw_workers_table;

/* SQL for "active on ?date" (a station is active from opened_on, inclusive,
 * to closed_on, exclusive; likewise a worker from hired_on to left_on). */
#define SW_STATION_ACTIVE(alias, date) \
	"((" alias ".opened_on IS NULL OR " alias ".opened_on <= " date ") AND (" \
	alias ".closed_on IS NULL OR " alias ".closed_on > " date "))"
#define SW_WORKER_ACTIVE(alias, date) \
	"((" alias ".hired_on IS NULL OR " alias ".hired_on <= " date ") AND (" \
	alias ".left_on IS NULL OR " alias ".left_on > " date "))"

/* A recursive CTE "subtree(code, depth)" of station ?N and everything below
 * it; all stations (roots at depth 0) when the parameter is NULL. */
#define SW_SUBTREE_CTE(param) \
	"subtree(code, depth, path) AS (" \
	" SELECT code, 0, code FROM stations WHERE (" param " IS NULL AND parent_code IS NULL)" \
	"   OR code = " param \
	" UNION ALL SELECT s.code, t.depth + 1, t.path || '/' || s.code" \
	"   FROM stations s JOIN subtree t ON s.parent_code = t.code)"

/* 1 if code is a station, 0 if not (prints nothing). */
int sw_station_exists(sqlite3 *db, const char *code);
/* The workers called name at station, in post on date (NULL: at any
 * time): how many, the first one's id in id, all of them "W1, W2" in ids;
 * -1 on a database failure (printed). *st is the caller's, prepared on
 * first use and finalized by the caller. */
int sw_workers_named(sqlite3 *db, sqlite3_stmt **st, const char *name, const char *station,
		     const char *date, char *id, size_t idlen, char *ids, size_t idslen);
/* Ends the command (status 1, "CODE: no such station", db closed) unless
 * code is a station. */
void sw_station_need(sqlite3 *db, const char *code);

#endif
