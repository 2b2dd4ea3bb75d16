/* Who sees what on a PostgreSQL server, enforced by the database whatever
 * SQL a role sends: group roles for the four kinds of people, each
 * person's role mapped to one station (sw_role_station), and row-level
 * security, enabled and forced, on every table that holds personal data
 * or a station's records. A person sees the rows of the stations below
 * the one it is mapped to (sw_my_stations); the bureau sees none of them,
 * only the aggregate figures of sw_figures.
 *
 * The tables' owner (the role that ran init-server) has no policy: forced
 * security shows it no personal row unless it is a superuser, which
 * bypasses every policy (so no person should use either). sw_figures
 * belongs to sw_report, a role that cannot log in and has no member, the
 * only one that reads the tables whole. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/pg.h"
#include "sw/pgpriv.h"

/* The group roles, in enum sw_pg_kind's order, then the report views'. */
static const char *const groups[] = {"sw_worker", "sw_station_admin", "sw_county", "sw_bureau",
				     "sw_report"};
#define PEOPLE "sw_worker, sw_station_admin, sw_county, sw_bureau"
#define READERS "sw_worker, sw_station_admin, sw_county"

/* The stations a role's rows may belong to. */
#define MINE(col) "(" col " IN (SELECT code FROM sw_my_stations))"
/* A row that belongs to a row of parent the role sees. */
#define VIA(parent, key, col) "EXISTS (SELECT 1 FROM " parent " p WHERE p." key " = " col ")"

enum who {
	ALL_READ,	/* nothing personal: every group reads, the owner writes */
	NETWORK,	/* stations: everyone reads; station admins write their subtree */
	STAFF,		/* station admins write, workers and county read */
	WORK,		/* workers and station admins write, county reads */
	CLAIM,		/* the audit trail's claim (lib/pg_audit.c): people lock it, see no row */
	OWNER		/* the owner's alone (the audit trail: people add to it through
			 * lib/pg_audit.c's functions and read none of it) */
};

/* Every table of the schema, with who may do what: init-server refuses a
 * table without a rule (a new migration's table needs one here). */
static const struct rule {
	const char *table;
	enum who who;
	const char *see;	/* the rows a worker, station admin or county role sees */
	const char *write;	/* those it may write; NULL: those it sees */
	int report;		/* read whole by sw_figures */
} rules[] = {
	{"sw_schema", ALL_READ, NULL, NULL, 0},
	{"vocab", ALL_READ, NULL, NULL, 0},
	{"divisions", ALL_READ, NULL, NULL, 0},
	{"catalogue", ALL_READ, NULL, NULL, 0},
	{"contracts", ALL_READ, NULL, NULL, 0},
	{"contract_staffing", ALL_READ, NULL, NULL, 0},
	{"spending", ALL_READ, NULL, NULL, 0},
	{"closed_months", ALL_READ, NULL, NULL, 0},
	{"month_log", ALL_READ, NULL, NULL, 0},
	{"audit_anchor", ALL_READ, NULL, NULL, 0},
	{"sw_role_station", OWNER, NULL, NULL, 0},
	{"stations", NETWORK, "true", MINE("stations.code") " OR " MINE("stations.parent_code"), 0},
	{"workers", STAFF, MINE("workers.station_code"), NULL, 0},
	{"certificates", STAFF, VIA("workers", "worker_id", "certificates.worker_id"), NULL, 0},
	{"training", STAFF, VIA("workers", "worker_id", "training.worker_id"), NULL, 0},
	{"supervision", STAFF, MINE("supervision.station_code"), NULL, 0},
	{"clients", WORK, MINE("clients.station_code"), NULL, 1},
	{"cases", WORK, MINE("cases.station_code"), NULL, 1},
	{"services", WORK, MINE("services.station_code"), NULL, 1},
	{"activities", WORK, MINE("activities.station_code"), NULL, 1},
	{"assessments", WORK, VIA("cases", "case_id", "assessments.case_id"), NULL, 0},
	{"plans", WORK, VIA("cases", "case_id", "plans.case_id"), NULL, 0},
	{"requests", WORK, VIA("cases", "case_id", "requests.case_id"), NULL, 0},
	{"goals", WORK, VIA("plans", "plan_id", "goals.plan_id"), NULL, 0},
	{"reviews", WORK, VIA("goals", "goal_id", "reviews.goal_id"), NULL, 0},
	/* the station a case is referred to sees the referral (the client
	 * consented to it); only the referring station writes it */
	{"referrals", WORK, VIA("cases", "case_id", "referrals.case_id") " OR " MINE("referrals.to_station"),
	 VIA("cases", "case_id", "referrals.case_id"), 0},
	{"needs", WORK, VIA("clients", "client_id", "needs.client_id"), NULL, 0},
	{"id_confirmed", WORK, VIA("clients", "id_number", "id_confirmed.id_number") " OR "
	 VIA("volunteers", "id_number", "id_confirmed.id_number"), NULL, 0},
	{"volunteers", WORK, MINE("volunteers.station_code"), NULL, 0},
	{"volunteer_hours", WORK, VIA("volunteers", "volunteer_id", "volunteer_hours.volunteer_id"), NULL, 0},
	{"seekers", WORK, MINE("seekers.station_code"), NULL, 0},
	{"placements", WORK, VIA("seekers", "seeker_id", "placements.seeker_id"), NULL, 0},
	/* organisations, employers and resources of no station serve all:
	 * every station sees them, the owner keeps them */
	{"orgs", WORK, "orgs.station_code IS NULL OR " MINE("orgs.station_code"),
	 MINE("orgs.station_code"), 0},
	{"employers", WORK, "employers.station_code IS NULL OR " MINE("employers.station_code"),
	 MINE("employers.station_code"), 0},
	{"vacancies", WORK, VIA("employers", "employer_id", "vacancies.employer_id"),
	 "EXISTS (SELECT 1 FROM employers p WHERE p.employer_id = vacancies.employer_id AND "
	 MINE("p.station_code") ")", 0},
	{"resources", WORK, "resources.station_code IS NULL OR " MINE("resources.station_code"),
	 MINE("resources.station_code"), 0},
	{"resource_uses", WORK, VIA("resources", "resource_id", "resource_uses.resource_id")
	 " AND (resource_uses.client_id IS NULL OR " VIA("clients", "client_id", "resource_uses.client_id") ")"
	 " AND (resource_uses.activity_id IS NULL OR "
	 VIA("activities", "activity_id", "resource_uses.activity_id") ")", NULL, 0},
	{"audit_v1", OWNER, NULL, NULL, 0},
	{"audit_command", OWNER, NULL, NULL, 0},
	{"audit_entry", OWNER, NULL, NULL, 0},
	{"sw_audit_head", CLAIM, NULL, NULL, 0},
};

/* Runs the statements fmt makes (names from the tables above only; never
 * a value). 0 or -1. */
static int execf(PGconn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int execf(PGconn *c, const char *fmt, ...)
{
	char sql[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof sql)
		sw_die(SW_EXIT_FAIL, "pg_access: statement too long");
	return sw_pg_exec(c, "init-server", sql);
}

/* The group roles: made when missing; one that can log in or bypass
 * row-level security is refused. 0 or -1. */
static int roles(PGconn *c)
{
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		const char *p[] = {groups[i]};
		long bad = sw_pg_long(c, "init-server", "SELECT CAST(rolcanlogin OR rolsuper OR rolbypassrls"
				      " AS INTEGER) FROM pg_roles WHERE rolname = $1", 1, p);
		if (bad == -2)
			return -1;
		if (bad == 1) {
			sw_error(_("%s: role %s can log in or bypass row-level security: a group role"
				   " of sw-tools must not"), PQdb(c), groups[i]);
			return -1;
		}
		if (bad < 0 && execf(c, "CREATE ROLE %s NOLOGIN", groups[i]) != 0)
			return -1;
	}
	return 0;
}

static const struct rule *rule_of(const char *table)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].table, table) == 0)
			return &rules[i];
	return NULL;
}

/* Every table of the database has a rule. 0 or -1. */
static int all_ruled(PGconn *c)
{
	PGresult *r = sw_pg_run(c, "init-server", "SELECT c.relname FROM pg_class c"
				" JOIN pg_namespace n ON n.oid = c.relnamespace"
				" WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1", 0, NULL);
	if (!r)
		return -1;
	int bad = 0;
	for (int i = 0; i < PQntuples(r); i++)
		if (!rule_of(PQgetvalue(r, i, 0))) {
			sw_error(_("%s: table %s has no rule of who may read it (lib/pg_access.c)"),
				 PQdb(c), PQgetvalue(r, i, 0));
			bad = 1;
		}
	PQclear(r);
	return bad ? -1 : 0;
}

/* Policies and privileges of one table, from nothing. 0 or -1. */
static int secure(PGconn *c, const struct rule *r)
{
	const char *t = r->table, *w = r->write ? r->write : r->see;
	const char *writers = r->who == WORK ? "sw_worker, sw_station_admin" : "sw_station_admin";
	if (execf(c, "REVOKE ALL ON %s FROM " PEOPLE ", sw_report;"
		  "DROP POLICY IF EXISTS sw_see ON %s; DROP POLICY IF EXISTS sw_insert ON %s;"
		  "DROP POLICY IF EXISTS sw_update ON %s; DROP POLICY IF EXISTS sw_delete ON %s;"
		  "DROP POLICY IF EXISTS sw_report ON %s", t, t, t, t, t, t) != 0)
		return -1;
	if (r->who == ALL_READ || r->who == OWNER)
		return execf(c, "ALTER TABLE %s NO FORCE ROW LEVEL SECURITY;"
			     "ALTER TABLE %s DISABLE ROW LEVEL SECURITY;%s%s%s", t, t,
			     r->who == ALL_READ ? "GRANT SELECT ON " : "", r->who == ALL_READ ? t : "",
			     r->who == ALL_READ ? " TO " PEOPLE : "");
	if (execf(c, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY; ALTER TABLE %s FORCE ROW LEVEL SECURITY",
		  t, t) != 0)
		return -1;
	/* LOCK TABLE ... EXCLUSIVE, before a tool's transaction reads (lib/store_pg.c),
	 * takes UPDATE: no policy lets it reach the row */
	if (r->who == CLAIM)
		return execf(c, "ALTER TABLE %s NO FORCE ROW LEVEL SECURITY; GRANT UPDATE ON %s TO " PEOPLE
			     "; GRANT SELECT ON sw_audit_claimed, sw_audit_mine TO " PEOPLE, t, t);
	if (execf(c, "CREATE POLICY sw_see ON %s FOR SELECT TO %s USING (%s);"
		  "GRANT SELECT ON %s TO %s;"
		  "CREATE POLICY sw_insert ON %s FOR INSERT TO %s WITH CHECK (%s);"
		  "CREATE POLICY sw_update ON %s FOR UPDATE TO %s USING (%s) WITH CHECK (%s);"
		  "CREATE POLICY sw_delete ON %s FOR DELETE TO %s USING (%s);"
		  "GRANT INSERT, UPDATE, DELETE ON %s TO %s",
		  t, r->who == NETWORK ? "PUBLIC" : READERS, r->see,
		  t, r->who == NETWORK ? PEOPLE : READERS,
		  t, writers, w, t, writers, w, w, t, writers, w, t, writers) != 0)
		return -1;
	return !r->report ? 0 : execf(c, "CREATE POLICY sw_report ON %s FOR SELECT TO sw_report USING (true);"
				      "GRANT SELECT ON %s TO sw_report", t, t);
}

/* The stations below the one the current role is mapped to, itself
 * included; none for a role not mapped (a group role after SET ROLE). */
static const char my_stations[] =
	"CREATE TABLE IF NOT EXISTS sw_role_station ("
	"  role_name TEXT PRIMARY KEY, station_code TEXT NOT NULL REFERENCES stations(code),"
	"  kind TEXT NOT NULL CHECK (kind IN ('worker', 'station-admin', 'county', 'bureau')));"
	"CREATE OR REPLACE VIEW sw_my_stations AS"
	" WITH RECURSIVE mine(code) AS ("
	"  SELECT station_code FROM sw_role_station WHERE role_name = CAST(current_user AS TEXT)"
	"  UNION SELECT s.code FROM stations s JOIN mine m ON s.parent_code = m.code)"
	" SELECT code FROM mine;"
	"GRANT SELECT ON sw_my_stations TO " PEOPLE ", sw_report";

/* The bureau's figures: per month and station, counts and sums only, of
 * the stations below its own. Made by sw_report, which reads the tables
 * whole; the caller needs to become it for a moment. A count of one is
 * shown as it is: suppressing small counts would be decided here. */
static const char figures[] =
	"GRANT CREATE ON SCHEMA public TO sw_report; GRANT sw_report TO CURRENT_USER;"
	"SET LOCAL ROLE sw_report;"
	"CREATE OR REPLACE VIEW sw_figures AS SELECT month, station_code, figure, value FROM ("
	" SELECT substr(registered_on, 1, 7) AS month, station_code, 'clients_registered' AS figure,"
	"  count(*) AS value FROM clients WHERE registered_on IS NOT NULL GROUP BY 1, 2"
	" UNION ALL SELECT substr(opened_on, 1, 7), station_code, 'cases_opened', count(*)"
	"  FROM cases GROUP BY 1, 2"
	" UNION ALL SELECT substr(closed_on, 1, 7), station_code, 'cases_closed', count(*)"
	"  FROM cases WHERE closed_on IS NOT NULL GROUP BY 1, 2"
	" UNION ALL SELECT substr(date, 1, 7), station_code, 'services', count(*)"
	"  FROM services GROUP BY 1, 2"
	" UNION ALL SELECT substr(date, 1, 7), station_code, 'clients_served',"
	"  count(DISTINCT client_id) FROM services GROUP BY 1, 2"
	" UNION ALL SELECT substr(date, 1, 7), station_code, 'service_minutes',"
	"  CAST(coalesce(sum(minutes), 0) AS BIGINT) FROM services GROUP BY 1, 2"
	" UNION ALL SELECT substr(date, 1, 7), station_code, 'activities', count(*)"
	"  FROM activities GROUP BY 1, 2"
	" UNION ALL SELECT substr(date, 1, 7), station_code, 'participants',"
	"  CAST(coalesce(sum(participants), 0) AS BIGINT) FROM activities GROUP BY 1, 2"
	") f WHERE station_code IN (SELECT code FROM sw_my_stations);"
	"GRANT SELECT ON sw_figures TO " PEOPLE ";"
	"RESET ROLE; REVOKE sw_report FROM CURRENT_USER; REVOKE CREATE ON SCHEMA public FROM sw_report";

int sw_pg_access(PGconn *c)
{
	if (roles(c) != 0 || sw_pg_exec(c, "init-server", my_stations) != 0 || all_ruled(c) != 0)
		return -1;
	/* no one but the owner makes objects in public (PostgreSQL 15's
	 * default; older servers let every role) */
	long open = sw_pg_long(c, "init-server",
			       "SELECT CAST(has_schema_privilege('public', 'public', 'CREATE') AS INTEGER)", 0, NULL);
	if (open == -2 || (open == 1 && sw_pg_exec(c, "init-server",
						    "REVOKE CREATE ON SCHEMA public FROM PUBLIC") != 0))
		return -1;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (secure(c, &rules[i]) != 0)
			return -1;
	return sw_pg_exec(c, "init-server", figures);
}

/* Whether role may be given a station: it exists, is no superuser and
 * does not bypass row-level security, and is none of ours. 0 or -1. */
static int person(PGconn *c, const char *role)
{
	const char *p[] = {role};
	long bad = sw_pg_long(c, "grant", "SELECT CAST(rolsuper OR rolbypassrls OR rolname IN"
			      " ('sw_worker', 'sw_station_admin', 'sw_county', 'sw_bureau', 'sw_report')"
			      " AS INTEGER) FROM pg_roles WHERE rolname = $1", 1, p);
	if (bad == -1)
		sw_error(_("%s: no such role (create it first: CREATE ROLE ... LOGIN)"), role);
	else if (bad == 1)
		sw_error(_("%s: a superuser, a role that bypasses row-level security or a group role"
			   " of sw-tools: give a person their own role"), role);
	return bad == 0 ? 0 : -1;
}

/* role in kind's group and in no other. 0 or -1. */
static int membership(PGconn *c, const char *role, int kind)
{
	const char *p[] = {role};
	PGresult *r = sw_pg_run(c, "grant", "SELECT g.rolname FROM pg_auth_members m"
				" JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member"
				" WHERE u.rolname = $1", 1, p);
	if (!r)
		return -1;
	char *q = PQescapeIdentifier(c, role, strlen(role));
	int rc = q ? 0 : -1, has = 0;
	for (int i = 0; i < PQntuples(r) && rc == 0; i++)
		for (int k = SW_PG_WORKER; k <= SW_PG_BUREAU && rc == 0; k++)
			if (strcmp(PQgetvalue(r, i, 0), groups[k]) == 0) {
				if (k == kind)
					has = 1;
				else
					rc = execf(c, "REVOKE %s FROM %s", groups[k], q);
			}
	if (rc == 0 && !has)
		rc = execf(c, "GRANT %s TO %s", groups[kind], q);
	PQfreemem(q);
	PQclear(r);
	return rc;
}

/* The mapping, in a transaction begun. 0 or -1. */
static int map(PGconn *c, const char *role, const char *station, int kind)
{
	static const char *const kinds[] = {"worker", "station-admin", "county", "bureau"};
	long v = sw_pg_long(c, "grant", "SELECT CAST(to_regclass('public.sw_schema') IS NOT NULL AS INTEGER)",
			    0, NULL);
	if (v == 1)
		v = sw_pg_long(c, "grant", "SELECT version FROM sw_schema", 0, NULL);
	if (v == -2)
		return -1;
	if (v != SW_SCHEMA_VERSION) {
		sw_error(_("%s: no sw-tools schema at this version: run sw-station init-server first"),
			 PQdb(c));
		return -1;
	}
	const char *p[] = {role, station, kinds[kind]};
	long there = sw_pg_long(c, "grant", "SELECT count(*) FROM stations WHERE code = $1", 1, p + 1);
	if (there == 0)
		sw_error(_("%s: no such station"), station);
	if (there != 1 || person(c, role) != 0)
		return -1;
	PGresult *r = sw_pg_run(c, "grant", "INSERT INTO sw_role_station (role_name, station_code, kind)"
				" VALUES ($1, $2, $3) ON CONFLICT (role_name) DO UPDATE"
				" SET station_code = excluded.station_code, kind = excluded.kind", 3, p);
	if (!r)
		return -1;
	PQclear(r);
	return membership(c, role, kind);
}

int sw_pg_grant(const char *conninfo, const char *role, const char *station, int kind)
{
	PGconn *c = sw_pg_connect(conninfo);
	if (!c)
		return -1;
	int rc = sw_pg_exec(c, "grant", "BEGIN") == 0 ? map(c, role, station, kind) : -1;
	if (rc == 0)
		rc = sw_pg_exec(c, "grant", "COMMIT");
	PQfinish(c);
	return rc;
}
