/* Unit tests on both backends: a database of their own on the server
 * SW_TEST_PG names (tests/pg/cluster), with init-server's schema. */
#ifndef PGUNIT_H
#define PGUNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/pg.h"
#include "sw/pgpriv.h"
#include "unit.h"

/* What is said on stderr between capture() and captured(), all of it;
 * kept until the next call. */
static int cap_fd, saved_fd;
static inline void capture(void)
{
	char path[] = "/tmp/sw-unit-err.XXXXXX";
	fflush(stderr);
	cap_fd = mkstemp(path);
	unlink(path);
	saved_fd = dup(2);
	dup2(cap_fd, 2);
}
static inline char *captured(void)
{
	static char buf[4096];
	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	ssize_t n = pread(cap_fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = 0;
	close(cap_fd);
	return buf;
}

/* server with database name db instead of its own, into url */
static inline void with_db(const char *server, const char *db, char *url, size_t n)
{
	const char *p = strstr(server, "://");
	p = p ? p + 3 : server;
	p += strcspn(p, "/?");
	snprintf(url, n, "%.*s/%s%s", (int)(p - server), server, db, p + strcspn(p, "?"));
}

/* A new database (UTF-8, sorting by bytes) on the server, with init-server's schema. */
static inline int pg_setup(const char *server, const char *db, char *url, size_t n)
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

/* The database prefix_PID (into db) on the server SW_TEST_PG names, its
 * URL into url: 1 when made, 0 when no server is named (a skip, said),
 * -1 when it could not be made (a failed check, said). */
static inline int pg_unit_db(const char *prefix, char *db, size_t dbn, char *url, size_t n)
{
	const char *server = getenv("SW_TEST_PG");
	snprintf(db, dbn, "%s_%ld", prefix, (long)getpid());
	if (!server || !*server) {
		printf("ok %d - # SKIP PostgreSQL: SW_TEST_PG names no server (tests/pg/cluster)\n", ++unit_n);
		return 0;
	}
	if (pg_setup(server, db, url, n) == 0)
		return 1;
	T_OK(0, "pg: a database made, with init-server's schema");
	return -1;
}

static inline void pg_teardown(const char *server, const char *db)
{
	char sql[160];
	PGconn *c = sw_pg_connect(server);
	snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", db);
	if (c)
		sw_pg_exec(c, "teardown", sql);
	PQfinish(c);
}

#endif
