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

#endif
