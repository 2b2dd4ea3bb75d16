/* PostgreSQL servers (issue 18; the design is in sw/store.h): creating
 * the schema, the roles and row-level security on a server, and giving a
 * person's database role a station. */
#ifndef SW_PG_H
#define SW_PG_H

/* What a person's role may do (sw-station grant --as). */
enum sw_pg_kind {
	SW_PG_WORKER,		/* reads and writes its station's subtree */
	SW_PG_STATION_ADMIN,	/* the same, and the station's staff and sub-stations */
	SW_PG_COUNTY,		/* reads its county's subtree */
	SW_PG_BUREAU		/* reads aggregate figures (sw_figures), no personal row */
};
/* The kind named ("worker", "station-admin", "county", "bureau"), or -1. */
int sw_pg_kind_parse(const char *name);

/* sw-station init-server: in the empty database conninfo names, the schema
 * of lib/schema.c, its version, the group roles and row-level security; a
 * database at an older version migrates, one at this version is left as it
 * is (said, unless -q). All in one transaction. 0, or -1 after printing why. */
int sw_pg_init_server(const char *conninfo);

/* sw-station grant: role (an existing login role) works at station as
 * kind: its one mapping to a station, and membership of kind's group role
 * only. 0, or -1 after printing why. */
int sw_pg_grant(const char *conninfo, const char *role, const char *station, int kind);

#endif
