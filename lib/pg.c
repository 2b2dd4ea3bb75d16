/* A PostgreSQL server through libpq: connecting, running SQL, saying what
 * failed (lib/store_pg.c is the store over it: sw/store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/pg.h"
#include "sw/pgpriv.h"

/* The server's warnings are said (sw_warn); its notices ("relation
 * already exists, skipping") are not. */
static void notice(void *arg, const PGresult *r)
{
	(void)arg;
	const char *sev = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
	const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	if (sev && msg && strcmp(sev, "WARNING") == 0)
		sw_warn("PostgreSQL: %s", msg);
}

PGconn *sw_pg_connect(const char *conninfo)
{
	/* the URI or service= is expanded as dbname; the encoding is ours */
	const char *const keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL};
	const char *const vals[] = {conninfo, sw_progname, "UTF8", NULL};
	if (sw_pq_load() != 0)
		return NULL;
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	if (!c)
		sw_die(SW_EXIT_FAIL, _("out of memory"));
	if (PQstatus(c) != CONNECTION_OK) {
		/* libpq's first line; the connection string is never repeated
		 * (it may hold a password) */
		const char *m = PQerrorMessage(c);
		sw_error(_("PostgreSQL: cannot connect: %.*s"), (int)strcspn(m, "\n"), m);
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeReceiver(c, notice, NULL);
	/* names resolve in public only: a schema named after the role, or a
	 * temporary table, cannot stand in for ours */
	PGresult *r = sw_pg_run(c, "connect", "SELECT pg_catalog.set_config('search_path', 'public', false)",
				0, NULL);
	if (!r) {
		PQfinish(c);
		return NULL;
	}
	PQclear(r);
	return c;
}

/* The tools' own refusals, raised by the server's triggers (lib/pg_closed.c,
 * lib/pg_audit.c), and a role's missing right: said in the words the tools
 * use, in the user's language. 1 if m, of SQLSTATE state, was one. */
static int ours(PGconn *c, const char *state, const char *m)
{
	char month[8], table[64];
	if (strcmp(state, "42501") == 0 && sscanf(m, "permission denied for table %63s", table) == 1)
		/* the role's rights (lib/pg_access.c), not a failure of the tool */
		sw_error(_("%s: your role may not do this with table %s: people's roles read and write"
			   " their own stations' rows; the shared tables (words, divisions...) and the audit"
			   " trail are the database owner's"), PQdb(c), table);
	else if (strcmp(state, "SWC01") == 0 && sscanf(m, "refused: month %7s", month) == 1)
		sw_error(_("%s: refused: month %s is closed and this would change its figures"
			   " (reopen it first: sw-report close --month %s --reopen --reason TEXT)"),
			 PQdb(c), month, month);
	else if (strcmp(state, "SWA01") == 0)
		sw_error(_("audit: the trail is keyed: set SW_AUDIT_KEY_FILE to its key file"));
	else
		return 0;
	return 1;
}

void sw_pg_error(PGconn *c, const PGresult *r, const char *what)
{
	const char *m = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	if (m && state && ours(c, state, m))
		return;
	if (!m) {
		m = PQerrorMessage(c);
		if (strncmp(m, "ERROR:  ", 8) == 0)
			m += 8;
	}
	sw_error("%s: %s: %.*s", PQdb(c), what, (int)strcspn(m, "\n"), m);
}

PGresult *sw_pg_run(PGconn *c, const char *what, const char *sql, int n, const char *const *params)
{
	PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return r;
	sw_pg_error(c, r, what);
	PQclear(r);
	return NULL;
}

int sw_pg_exec(PGconn *c, const char *what, const char *sql)
{
	PGresult *r = PQexec(c, sql);	/* several statements: no parameters */
	int ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
	if (!ok)
		sw_pg_error(c, r, what);
	PQclear(r);
	return ok ? 0 : -1;
}

long sw_pg_long(PGconn *c, const char *what, const char *sql, int n, const char *const *params)
{
	PGresult *r = sw_pg_run(c, what, sql, n, params);
	if (!r)
		return -2;
	long v = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? strtol(PQgetvalue(r, 0, 0), NULL, 10) : -1;
	PQclear(r);
	return v;
}

int sw_pg_kind_parse(const char *name)
{
	static const char *const kinds[] = {
		[SW_PG_WORKER] = "worker", [SW_PG_STATION_ADMIN] = "station-admin",
		[SW_PG_COUNTY] = "county", [SW_PG_BUREAU] = "bureau"};
	for (int i = 0; i < (int)(sizeof kinds / sizeof kinds[0]); i++)
		if (strcmp(name, kinds[i]) == 0)
			return i;
	return -1;
}
