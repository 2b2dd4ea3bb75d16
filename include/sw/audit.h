/* The audit trail of personal-data changes: who changed which client or
 * case, when, with what command. Each entry carries the SHA-256 of its
 * content and of the entry before it, so an entry edited or deleted
 * behind the tool's back breaks the chain. */
#ifndef SW_AUDIT_H
#define SW_AUDIT_H

#include <sqlite3.h>

/* Remembers the command line (argv is kept, not copied) for entries. */
void sw_audit_init(int argc, char **argv);

/* Appends an entry inside the caller's transaction: action is insert,
 * update, delete or merge; tbl and key name the row; detail may be NULL.
 * Returns 0, or -1 after printing the database error. */
int sw_audit_log(sqlite3 *db, const char *action, const char *tbl, const char *key,
		 const char *detail);

/* Finalizes the statement sw_audit_log keeps (before closing db). */
void sw_audit_release(void);

/* Walks the chain. Returns the number of entries, or -1 after printing
 * "audit: entry N: ..." for the first broken link. head gets the last
 * hash (64 hex digits) or "" when the trail is empty. */
long sw_audit_verify(sqlite3 *db, char head[65]);

#endif
