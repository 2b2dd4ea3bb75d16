/* Unit tests on both backends: a database of their own on the server
 * SW_TEST_PG names (tests/pg/cluster), with init-server's schema. */
#ifndef PGUNIT_H
#define PGUNIT_H

#include <stdio.h>
#include <string.h>

#include "sw/pg.h"
#include "sw/pgpriv.h"

/* server with database name db instead of its own, into url */
static void with_db(const char *server, const char *db, char *url, size_t n)
{
	const char *p = strstr(server, "://");
	p = p ? p + 3 : server;
	p += strcspn(p, "/?");
	snprintf(url, n, "%.*s/%s%s", (int)(p - server), server, db, p + strcspn(p, "?"));
}

/* A new database (UTF-8, sorting by bytes) on the server, with init-server's schema. */
static int pg_setup(const char *server, const char *db, char *url, size_t n)
{
	char sql[256];
	with_db(server, db, url, n);
	PGconn *c = sw_pg_connect(server);
	if (!c)
		return -1;
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", db);
	int rc = sw_pg_exec(c, "setup", sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'", db);
	rc |= sw_pg_exec(c, "setup", sql);
	PQfinish(c);
	return rc == 0 ? sw_pg_init_server(url) : -1;
}

static void pg_teardown(const char *server, const char *db)
{
	char sql[160];
	PGconn *c = sw_pg_connect(server);
	snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", db);
	if (c)
		sw_pg_exec(c, "teardown", sql);
	PQfinish(c);
}

#endif
