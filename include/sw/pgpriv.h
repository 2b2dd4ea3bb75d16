/* Inside lib/pg*.c and lib/store_pg.c: libpq, the connection and its
 * errors. */
#ifndef SW_PGPRIV_H
#define SW_PGPRIV_H

#include <libpq-fe.h>

/* libpq is loaded when a server is first named (lib/pq.c), not linked:
 * it brings Kerberos, LDAP and GnuTLS, which would more than double the
 * start of every program, most of which never meet a server. Its functions
 * are called through sw_pq, under their own names (the defines below). */
#define SW_PQ_FUNCS(X) \
	X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdbParams) X(PQdb) X(PQdescribePrepared) X(PQerrorMessage) \
	X(PQescapeIdentifier) X(PQexec) X(PQexecParams) X(PQexecPrepared) X(PQfinish) \
	X(PQfname) X(PQfreemem) X(PQftable) X(PQftablecol) X(PQftype) X(PQgetResult) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) \
	X(PQnfields) X(PQntuples) X(PQparamtype) X(PQprepare) X(PQputCopyData) X(PQputCopyEnd) \
	X(PQresultErrorField) X(PQresultStatus) X(PQserverVersion) X(PQsetNoticeReceiver) \
	X(PQstatus) X(PQtransactionStatus) X(PQunescapeBytea)
#define SW_PQ_POINTER(f) __typeof__(f) *f;
extern struct sw_pq {
	SW_PQ_FUNCS(SW_PQ_POINTER)
} sw_pq;
/* Loads libpq once: 0, or -1 after printing why. */
int sw_pq_load(void);

#ifndef SW_PQ_LOADER
#define PQclear sw_pq.PQclear
#define PQcmdStatus sw_pq.PQcmdStatus
#define PQcmdTuples sw_pq.PQcmdTuples
#define PQconnectdbParams sw_pq.PQconnectdbParams
#define PQdb sw_pq.PQdb
#define PQdescribePrepared sw_pq.PQdescribePrepared
#define PQerrorMessage sw_pq.PQerrorMessage
#define PQescapeIdentifier sw_pq.PQescapeIdentifier
#define PQexec sw_pq.PQexec
#define PQexecParams sw_pq.PQexecParams
#define PQexecPrepared sw_pq.PQexecPrepared
#define PQfinish sw_pq.PQfinish
#define PQfname sw_pq.PQfname
#define PQfreemem sw_pq.PQfreemem
#define PQftable sw_pq.PQftable
#define PQftablecol sw_pq.PQftablecol
#define PQftype sw_pq.PQftype
#define PQgetResult sw_pq.PQgetResult
#define PQgetisnull sw_pq.PQgetisnull
#define PQgetlength sw_pq.PQgetlength
#define PQgetvalue sw_pq.PQgetvalue
#define PQnfields sw_pq.PQnfields
#define PQntuples sw_pq.PQntuples
#define PQparamtype sw_pq.PQparamtype
#define PQprepare sw_pq.PQprepare
#define PQputCopyData sw_pq.PQputCopyData
#define PQputCopyEnd sw_pq.PQputCopyEnd
#define PQresultErrorField sw_pq.PQresultErrorField
#define PQresultStatus sw_pq.PQresultStatus
#define PQserverVersion sw_pq.PQserverVersion
#define PQsetNoticeReceiver sw_pq.PQsetNoticeReceiver
#define PQstatus sw_pq.PQstatus
#define PQtransactionStatus sw_pq.PQtransactionStatus
#define PQunescapeBytea sw_pq.PQunescapeBytea
#endif

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
/* The audit trail's functions and triggers (lib/pg_audit.c) and the
 * closed months' triggers (lib/pg_closed.c), made anew for the tables as
 * they are: after every migration. 0 or -1. */
int sw_pg_audit(PGconn *c);
int sw_pg_closed(PGconn *c);

#endif
