/* The audit trail of changes to personal data and to the figures a bureau
 * reads: which row of which table was inserted, updated (which columns)
 * or deleted, when, by whom, with what command, and the SHA-256 of the
 * row's content after it. Entries are hash-chained command by command, so
 * an entry edited or deleted behind the tool's back breaks the chain, and
 * `sw-case audit --verify` compares the rows themselves with their last
 * audited state. On a PostgreSQL server the database keeps the trail
 * itself (lib/pg_audit.c), whoever writes; the same code verifies it. */
#ifndef SW_AUDIT_H
#define SW_AUDIT_H

#include <sqlite3.h>

#include "sw/store.h"	/* callers not ported yet pass sw_store_of(db) */

/* Remembers the command line (argv is kept, not copied) for entries. */
void sw_audit_init(int argc, char **argv);

/* Installs the trail on a SQLite connection that writes: SQL functions
 * and temporary triggers on every audited table, so that each row this
 * program inserts, updates or deletes is an entry, whatever code wrote
 * it. Called when a database is opened for writing. 0, or -1 (printed). */
int sw_audit_attach(sqlite3 *db);

/* Appends a note to this command's entries, inside the caller's
 * transaction: why rows changed (action "merge", detail ...); the rows'
 * own entries come from the triggers. detail may be NULL. 0, or -1. */
int sw_audit_log(struct sw_store *s, const char *action, const char *tbl, const char *key,
		 const char *detail);

/* The migration to schema 9 (SQLite): records every row already in the audited tables as a
 * "baseline" entry, the state later changes are compared with. */
int sw_audit_baseline(sqlite3 *db);

/* Finalizes what the trail keeps (before closing db). */
void sw_audit_release(void);

/* The trail's head: the hash of its newest command (64 hex digits), or ""
 * when it is empty. 0, or -1 (printed). */
int sw_audit_head(struct sw_store *s, char hex[65]);

/* The head a month's fingerprint covers: the one kept when the month was
 * closed (sw_audit_keep), the current head when it is open, "" for a
 * month closed before anchors were kept. 0, or -1 (printed). */
int sw_audit_anchor(struct sw_store *s, const char *month, char hex[65]);
/* Keeps the current head as month's anchor: sw-report close, in the
 * closing's transaction. audit --verify checks every anchor kept is in
 * the trail. 0, or -1 (printed). */
int sw_audit_keep(struct sw_store *s, const char *month);

/* What audit --verify checks, and what it found. */
struct sw_audit_check {
	const char *head;	/* --head: a head kept elsewhere, or NULL */
	const char *key_file;	/* --key-file: the chain's HMAC key, or NULL */
	long entries;		/* out: entries verified */
	long rows;		/* out: rows that differ from their audited state */
	char last[65];		/* out: the head */
};

/* Walks the chain (with the key, against the head and against the heads
 * stored with closed months), then compares the rows of every audited
 * table with their last audited state, printing "audit: TABLE KEY:
 * changed|deleted|inserted behind the tool's back" for each, never a
 * value. Returns 0 when all holds, 1 after printing what does not, -1 on
 * a failure (printed). */
int sw_audit_verify(struct sw_store *s, struct sw_audit_check *c);

#endif
