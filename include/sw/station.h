/* The station network: divisions, stations, workers, and the queries over
 * the hierarchy that sw-station and sw-report share. */
#ifndef SW_STATION_H
#define SW_STATION_H

#include <stddef.h>

#include "sw/import.h"
#include "sw/store.h"

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

/* 1 if code is a station, 0 if not (prints nothing), -1 after a
 * database failure (printed). */
int sw_station_exists(struct sw_store *s, const char *code);

/* What a listing of the network selects; cmd/ fills it from the options. */
struct sw_station_query {
	const char *code;	/* the subtree's top; NULL: the whole network */
	const char *level;	/* list: stations of this level (a key), or NULL */
	const char *role;	/* workers: of this role (a key), or NULL */
	const char *on;		/* YYYY-MM-DD: the day "active" and the staff counts mean */
	int active;		/* only stations (workers) active on that day */
	int certified;		/* workers: only those with a certificate */
	int indent;		/* tree: names indented by depth, for people */
};
/* Statements ready to step. list: the stations below code (not code
 * itself), in tree order. */
struct sw_stmt *sw_stations_stmt(struct sw_store *s, const struct sw_station_query *q);
/* tree: code and the stations below it, each with its depth, status and
 * staff active on the day, its own and its subtree's. */
struct sw_stmt *sw_tree_stmt(struct sw_store *s, const struct sw_station_query *q);
/* workers: of the stations of code's subtree, by worker_id. */
struct sw_stmt *sw_workers_stmt(struct sw_store *s, const struct sw_station_query *q);
/* show: the station with its operator's name, its staff with their
 * employers' names, its children. */
void sw_station_stmts(struct sw_store *s, const char *code, struct sw_stmt *sts[3]);

/* A county's coverage on a day: its townships, those with an active
 * township station, its villages, those with an active service point. */
struct sw_coverage {
	const char *county, *name;
	long townships, townships_covered, villages, villages_covered;
};
/* Calls fn for each county of the divisions, by code, with its coverage
 * on day on. fn returns 0, or non-zero to stop (after printing why).
 * Returns 0, or -1 after a database failure (printed) or when fn stopped. */
int sw_station_coverage(struct sw_store *s, const char *on,
			int (*fn)(void *ctx, const struct sw_coverage *c), void *ctx);
/* The townships and villages not covered on day on: county, code, name,
 * level, parent_code, by county, level and code. */
struct sw_stmt *sw_station_uncovered(struct sw_store *s, const char *on);
/* part of whole in percent to one decimal, rounded half up ("38.7"), into
 * buf; NULL when whole is 0. */
const char *sw_pct1(long part, long whole, char *buf, size_t n);

/* Closes station code on day on (YYYY-MM-DD) in one transaction, warning
 * when stations below it are still open. 0; 1 when there is no such
 * station, it is closed already or on is before it opened (said, nothing
 * written); -1 on a failure (printed, nothing written). */
int sw_station_close(struct sw_store *s, const char *code, const char *on);

#endif
