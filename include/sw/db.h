/* The SQLite file: opening with our settings, schema migrations,
 * transactions and prepared statements. */
#ifndef SW_DB_H
#define SW_DB_H

#include <stddef.h>
#include <sqlite3.h>

enum {
	SW_DB_CREATE = 1,	/* create the file (mode 0600) if missing */
	SW_DB_READONLY = 2	/* open for reading only */
};

/* The path of an empty database in memory, for a dry run on a file that
 * does not exist yet: checked against it, nothing is created. */
#define SW_DB_SCRATCH ":memory:"

/* The schema version this build writes (PRAGMA user_version). */
#define SW_SCHEMA_VERSION 16	/* keep equal to the entries of migrations[] */
/* The oldest schema the read-only commands (sw-report, sw-case check) read
 * as it is: migrations since then touched only tables they do not read
 * (2 and 8: the audit trail) or added a column sw-report reads where present
 * (4: stations.reports). Raise it with a migration that changes theirs. */
#define SW_SCHEMA_READABLE 1

/* Page cache per connection, in KiB (the value of PRAGMA cache_size). */
#define SW_DB_CACHE "-65536"

/* Opens path with WAL, synchronous=FULL, foreign keys and a busy timeout,
 * and migrates the schema forward. Returns NULL after printing why. Close
 * with sw_db_close, which says so if what was stored could not be copied
 * from the -wal file into the database file. */
sqlite3 *sw_db_open(const char *path, int flags);
void sw_db_close(sqlite3 *db);
/* The path the last sw_db_open used, for messages. */
const char *sw_db_name(sqlite3 *db);

/* BEGIN IMMEDIATE: take the write lock now, so that concurrent writers
 * queue on the busy timeout instead of failing on a lock upgrade. */
int sw_db_begin(sqlite3 *db);
/* Set by the audit trail: before_commit runs inside the transaction just
 * before COMMIT (non-zero rolls back and fails the commit); after_rollback
 * runs after a ROLLBACK. */
void sw_db_hooks(int (*before_commit)(sqlite3 *), void (*after_rollback)(void));
/* Checks the transaction against the closed months (lib/closed.c), runs
 * before_commit, commits. Returns 0, or -1 after printing why and rolling
 * back. */
int sw_db_commit(sqlite3 *db);
void sw_db_rollback(sqlite3 *db);

/* Prepares sql or dies with status 3 naming the database. */
sqlite3_stmt *sw_db_prepare(sqlite3 *db, const char *sql);
/* The statement for sql from db's cache, prepared once and kept (up to
 * a few dozen per process, the least recently used going first): for SQL
 * run on every file or every command of a long-lived process, such as an
 * import's INSERT, whose triggers make preparing it cost more than a small
 * file's rows. Dies like sw_db_prepare. Give it back with sw_db_release,
 * never sqlite3_finalize; sw_db_close finalizes the rest. One thread. */
sqlite3_stmt *sw_db_stmt(sqlite3 *db, const char *sql);
/* Resets st and clears its bindings for the next sw_db_stmt of its SQL,
 * or finalizes it if the cache had no room for it. NULL is a no-op. */
void sw_db_release(sqlite3_stmt *st);
/* Runs SQL that takes no parameters; dies with status 3 on error. */
void sw_db_exec(sqlite3 *db, const char *sql);
/* sw_db_exec of one statement kept prepared (sw_db_stmt), for SQL run
 * again and again on a connection. */
void sw_db_run(sqlite3 *db, const char *sql);
/* Prints "prog: DB: what: sqlite message". */
void sw_db_error(sqlite3 *db, const char *what);

/* Binds text, or NULL when s is NULL or empty. */
void sw_db_bind_text(sqlite3_stmt *st, int i, const char *s);

/* The first column of sql's first row, run with the n text parameters p
 * (bound by sw_db_bind_text), into out (outlen bytes, "" when none; out
 * may be NULL to ask whether there is one). 1 when the row exists and the
 * value is not NULL, 0 when not, -1 on a failure (printed). With st, the
 * statement is prepared once into *st and kept (the caller finalizes it);
 * without, it is prepared and finalized here. */
int sw_db_text(sqlite3 *db, sqlite3_stmt **st, const char *sql, int n, const char *const *p,
	       char *out, size_t outlen);

/* 1 if db has the table: a database read as it is may be older than it. */
int sw_db_has(sqlite3 *db, const char *table);

/* Applies the schema: called by sw_db_open (lib/schema.c). */
int sw_schema_migrate(sqlite3 *db);
/* The SQL of migration v -> v+1 as SQLite runs it, and in *has_step
 * whether a step in C follows it; NULL when v is not one. For PostgreSQL's
 * init-server (lib/pg_schema.c), which translates it (sw/store.h). */
const char *sw_schema_sql(int v, int *has_step);

#endif
