/* Closed months stay closed (sw-report close): a write transaction that
 * would change a closed month's figures is refused at its commit, whatever
 * program or path wrote it. lib/db.c calls these; nothing else needs to. */
#ifndef SW_CLOSED_H
#define SW_CLOSED_H

#include <sqlite3.h>

/* Starts watching db's changes when a month is closed (called at open and
 * at every BEGIN): notes which tables and dates each change touches. */
void sw_closed_watch(sqlite3 *db);
/* Just before COMMIT: recomputes each closed month the transaction could
 * have touched and compares it with its stored fingerprint. Returns 0, or
 * -1 after naming the month and the figures the transaction would change. */
int sw_closed_check(sqlite3 *db);
/* After COMMIT or ROLLBACK: forgets the transaction's changes. */
void sw_closed_forget(sqlite3 *db);
/* Before closing db. */
void sw_closed_unwatch(sqlite3 *db);

/* On a server, just before COMMIT (lib/store_pg.c): recomputes each closed
 * month the tables' triggers noted as touched (lib/pg_closed.c), as
 * sw_closed_check does. 0, or -1 after saying why. */
struct sw_store;
int sw_closed_check_server(struct sw_store *s);
/* For a server's triggers (lib/pg_closed.c), which note what SQLite's hook
 * notes: how table's rows count in months. 0 when through no date of their
 * own, else 1 with its date columns col[0] (and col[1], or NULL), within
 * (a row counts in the months of its dates only; else from the first on)
 * none_empty (an empty first date: no month), and reached (a query that
 * finds a row when other tables' figures count through this one's rows,
 * making any change touch every month; NULL when none can). */
int sw_closed_dated(const char *table, const char *col[2], int *within, int *none_empty, const char **reached);
/* 1 if each row of table counts in every month from its date col[0] on,
 * until its date col[1] (or NULL) if any: the stock figures (clients on
 * file, open cases) that a new row changes in each later month. */
int sw_closed_stock(const char *table, const char *col[2]);
/* 0 for a table no figure reads (vocabulary, the audit trail...). */
int sw_closed_feeds(const char *table);
/* 1 if no figure reads a column so named (a phone, a note). */
int sw_closed_inert(const char *column);

#endif
