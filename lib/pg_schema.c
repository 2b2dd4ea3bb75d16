/* init-server: the schema of lib/schema.c on a PostgreSQL server, the same
 * migrations translated (sw_sql_pg), its version in the one row of
 * sw_schema (PostgreSQL has no user_version), the audit trail's and the
 * closed months' triggers (lib/pg_audit.c, lib/pg_closed.c), then the
 * roles and row-level security (lib/pg_access.c). One transaction: all or
 * nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/pg.h"
#include "sw/pgpriv.h"
#include "sw/store.h"

/* Text must sort and compare by bytes, as in SQLite, for the same output
 * in the same order; and hold Chinese. 0 or -1. */
static int check_database(PGconn *c)
{
	const char *sql = PQserverVersion(c) >= 150000
		? "SELECT pg_encoding_to_char(encoding) = 'UTF8' AND datcollate IN ('C', 'POSIX')"
		  " AND datctype IN ('C', 'POSIX') AND datlocprovider = 'c'"
		  " FROM pg_database WHERE datname = current_database()"
		: "SELECT pg_encoding_to_char(encoding) = 'UTF8' AND datcollate IN ('C', 'POSIX')"
		  " AND datctype IN ('C', 'POSIX')"
		  " FROM pg_database WHERE datname = current_database()";
	PGresult *r = sw_pg_run(c, "init-server", sql, 0, NULL);
	if (!r)
		return -1;
	int ok = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	if (!ok)
		sw_error(_("%s: the database must hold UTF-8 and sort text by bytes, as SQLite does:"
			   " create it with CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8'"
			   " LOCALE 'C'"), PQdb(c));
	return ok ? 0 : -1;
}

/* The schema version: -1 when there is none yet (and nothing else in the
 * database either), -2 after printing why not. */
static long version(PGconn *c)
{
	long there = sw_pg_long(c, "init-server",
				"SELECT CAST(to_regclass('public.sw_schema') IS NOT NULL AS INTEGER)", 0, NULL);
	if (there == 1)
		return sw_pg_long(c, "init-server", "SELECT version FROM sw_schema", 0, NULL);
	if (there != 0)
		return -2;
	long other = sw_pg_long(c, "init-server",
				"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
				" WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
				0, NULL);
	if (other > 0)
		sw_error(_("%s: the database holds tables but no sw-tools schema: give init-server"
			   " an empty database"), PQdb(c));
	return other == 0 ? -1 : -2;
}

/* Migrations have..SW_SCHEMA_VERSION-1, translated. A step in C follows
 * some (lib/schema.c, steps[]): written for SQLite, it has nothing to do
 * in a database that starts empty, and cannot run in one that does not:
 * refused before anything runs. */
static int migrate(PGconn *c, long have)
{
	int step, from = have < 0 ? 0 : (int)have;
	const char *sql;
	for (int v = from; have > 0 && sw_schema_sql(v, &step); v++)
		if (step) {
			sw_error(_("%s: schema version %ld: migrating it on PostgreSQL is not possible yet"),
				 PQdb(c), have);
			return -1;
		}
	for (int v = from; (sql = sw_schema_sql(v, &step)); v++) {
		char *pg = sw_sql_pg(sql);
		int rc = sw_pg_exec(c, "migrate", pg);
		free(pg);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The schema at this build's version, in a transaction already begun. 1 when
 * it was there, 0 when made, -1 after printing why. */
static int schema(PGconn *c)
{
	/* one init-server at a time on a database */
	if (sw_pg_exec(c, "init-server", "SELECT pg_advisory_xact_lock(4242180018)") != 0 ||
	    check_database(c) != 0)
		return -1;
	long have = version(c);
	if (have == -2)
		return -1;
	if (have > SW_SCHEMA_VERSION) {
		sw_error(_("%s: schema version %d is newer than this program's (%d): upgrade sw-tools"),
			 PQdb(c), (int)have, SW_SCHEMA_VERSION);
		return -1;
	}
	/* this build's triggers and policies, which may have changed without
	 * the tables: made again (each statement replaces its object) */
	if (have == SW_SCHEMA_VERSION)
		return sw_pg_audit(c) == 0 && sw_pg_closed(c) == 0 && sw_pg_access(c) == 0 ? 1 : -1;
	if (have < 0 && sw_pg_exec(c, "init-server",
				   "CREATE TABLE sw_schema (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),"
				   " version BIGINT NOT NULL);"
				   "INSERT INTO sw_schema (version) VALUES (0)") != 0)
		return -1;
	char v[16];
	snprintf(v, sizeof v, "%d", SW_SCHEMA_VERSION);
	const char *p[] = {v};
	PGresult *r;
	if (migrate(c, have) != 0 || sw_pg_audit(c) != 0 || sw_pg_closed(c) != 0 ||
	    !(r = sw_pg_run(c, "init-server", "UPDATE sw_schema SET version = $1", 1, p)))
		return -1;
	PQclear(r);
	return sw_pg_access(c) == 0 ? 0 : -1;
}

int sw_pg_init_server(const char *conninfo)
{
	PGconn *c = sw_pg_connect(conninfo);
	if (!c)
		return -1;
	int rc = sw_pg_exec(c, "init-server", "BEGIN") == 0 ? schema(c) : -1;
	if (rc >= 0 && sw_pg_exec(c, "init-server", "COMMIT") != 0)
		rc = -1;
	if (rc == 1)
		sw_warn(_("%s: the schema is at version %d already: its triggers and row-level security made"
			  " again"), PQdb(c),
			SW_SCHEMA_VERSION);
	/* a failed transaction ends with the connection, rolled back */
	PQfinish(c);
	return rc < 0 ? -1 : 0;
}
