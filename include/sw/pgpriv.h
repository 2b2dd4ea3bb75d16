/* Inside lib/pg*.c: the libpq connection and its errors. */
#ifndef SW_PGPRIV_H
#define SW_PGPRIV_H

#include <libpq-fe.h>

/* Connects (client encoding UTF8, search_path public, notices below
 * WARNING dropped) or returns NULL after printing why. */
PGconn *sw_pg_connect(const char *conninfo);
/* "prog: DB: what: the server's message" (its primary line only: the
 * detail line may quote a row's values). r may be NULL. */
void sw_pg_error(PGconn *c, const PGresult *r, const char *what);
/* Runs sql with n text parameters ($1...; NULL is SQL NULL); returns its
 * result, or NULL after printing why (the caller PQclear()s it). */
PGresult *sw_pg_run(PGconn *c, const char *what, const char *sql, int n,
		    const char *const *params);
/* Runs statements without parameters: 0, or -1 after printing why. */
int sw_pg_exec(PGconn *c, const char *what, const char *sql);
/* The one value of sql's one row as an int (n parameters), or -1 when it
 * has no row or the value is NULL, or -2 after printing a failure. */
long sw_pg_long(PGconn *c, const char *what, const char *sql, int n, const char *const *params);

/* The group roles, row-level security and report views (lib/pg_access.c),
 * inside init-server's transaction. 0 or -1. */
int sw_pg_access(PGconn *c);

#endif
