/* Where the data lives: a SQLite file (the default) or a PostgreSQL server
 * (issue 18). What exists today is the choice between them, the dialect
 * translation, the storage interface below over both, and on a server
 * init-server and grant (sw/pg.h); every other command refuses a server
 * (exit 3) until it is ported to the interface.
 *
 * CHOOSING. --db (or $SW_DB) names a server when it starts with
 * postgresql:// or postgres:// (a libpq URI) or service= (a libpq service,
 * ~/.pg_service.conf); anything else is a SQLite file, as before
 * (./service=x is the file). Messages name a server by its database name
 * (PQdb), never by the connection string, which may hold a password.
 *
 * THE INTERFACE is declared below (lib/store.c dispatches to
 * lib/store_sqlite.c and lib/store_pg.c). The domain files move to it
 * from sqlite3 calls one file at a time; until then sw_store_sqlite gives
 * them the connection under a store opened on a file.
 *
 * Each call does on SQLite what lib/db.c does (sw_db_open, sw_db_begin,
 * sw_db_commit with its closed months and audit seal, PRAGMA
 * user_version). On PostgreSQL (lib/store_pg.c):
 * - prepare translates the SQL once (sw_sql_pg below) and prepares it
 *   (PQprepare) at the first step, when the parameters' types are known:
 *   int64 binds as bigint, blob as bytea (binary format), text and NULL
 *   as the SQL types them (unknown: "12" into a BIGINT column is 12), and
 *   as text where the server cannot say ("?1 IS NULL" alone: 42P18; "?1
 *   IS NULL OR name = ?1": 42P08), the failed try undone by a savepoint.
 *   A statement bound later with other types is prepared again.
 * - step reads a query (SELECT, VALUES, a WITH ending in one) through a
 *   cursor (DECLARE ... NO SCROLL CURSOR, FETCH 1000): memory stays flat,
 *   and another statement may run between two steps, as on SQLite (a
 *   look-up inside a row loop). Outside begin..commit the first cursor
 *   begins a REPEATABLE READ transaction (one snapshot for the loop and
 *   its look-ups, as a reading SQLite connection has) and the last one to
 *   close commits it. Results are text (PQgetvalue); sw_stmt_int64 parses
 *   it. Anything else runs whole (INSERT ... RETURNING's rows are held).
 * - begin is BEGIN ISOLATION LEVEL REPEATABLE READ, then (unless read
 *   only) LOCK TABLE sw_audit_head, the audit trail's one chain
 *   (lib/pg_audit.c), before the snapshot is taken: writing commands take
 *   turns, as on SQLite, and each reads what the one before committed
 *   (SERIALIZABLE would add nothing to that but predicate locks, which a
 *   long import runs out of), and continues the chain from its true end;
 *   commit seals
 *   the trail first (sw_store_on_commit). sw_store_transact runs
 *   the command's writes again from BEGIN on a serialization failure or
 *   deadlock (SQLSTATE 40001, 40P01), up to 10 times with a random wait:
 *   nothing of a failed try may have left the process (output is written
 *   after the commit).
 * - copy-in is COPY table (cols) FROM STDIN (text format, \N for NULL,
 *   backslash, tab, newline and CR escaped), into a TEMP staging table for
 *   the import, which then upserts from it with INSERT ... SELECT ... ON
 *   CONFLICT in one statement, so that read = stored + rejected holds as
 *   on SQLite. The server checks the rows at copy_end.
 * - the schema version is the one row of sw_schema (PostgreSQL has no
 *   user_version); sw_store_open refuses an older one (init-server
 *   migrates; read-only, one from SW_SCHEMA_READABLE on is read) and a
 *   newer one. SW_STORE_READONLY makes every transaction READ ONLY.
 * - the audit trail's user is the database role (session_user).
 *
 * WHAT CALLERS DO so that both behave alike (tests/unit/test_store_both.c
 * shows each):
 * - Bind what the column holds: int64 for integers, text for text (an
 *   int64 compared with a TEXT column is an error there). NULL is
 *   sw_stmt_bind_text(st, i, NULL); "" stays "" (lib/db.c's
 *   sw_db_bind_text makes "" NULL: a caller that relied on it binds NULL).
 * - After a failed statement, stop: a server's transaction is over at the
 *   first error (SQLite's goes on); roll back, or return -1 to
 *   sw_store_transact. Say nothing more: the store said it, or will try
 *   again.
 * - Begin no transaction inside a row loop, and finish or reset a loop
 *   before commit (a server's cursors end with their transaction: a
 *   later step says so). A write inside a loop outside begin..commit is
 *   kept when the loop ends.
 * - A look-up costs three round trips on a server (DECLARE, FETCH,
 *   CLOSE; about 10,000 a second on a Unix socket): fine inside a loop of
 *   thousands, not of millions (join instead).
 *
 * FUNCTIONS. The SQL functions registered with sqlite3_create_function
 * exist on the server too, created by init-server, with the same results:
 * days_between(a, b) (lib/workfig.c) as b::date - a::date, NULL when
 * either is not a YYYY-MM-DD date (matched before the cast: a failed cast
 * is an error there, not a NULL); age(birth, on) (lib/mask.c) from the
 * dates' parts. mask_id, mask_phone, mask_name and pseudo (an HMAC under
 * the user's key, which never goes to the server) are applied in C to the
 * rows as they arrive: the same bytes by construction. The audit's
 * sw_audit_row, sw_audit_cols and sw_audit_cmd serve its temporary
 * triggers: on the server the triggers are PL/pgSQL, installed once by
 * init-server, hashing the same canonical row text with sha256(), and the
 * chain's head is read and written by SECURITY DEFINER functions, since
 * people may add to the trail but read none of it (lib/pg_access.c); the
 * tools hash each command's entries themselves at commit, with the
 * chain's key if any (lib/pg_audit.c has the design).
 *
 * DIALECT. Translated by sw_sql_pg, word by word: ?N and ? as $N; INTEGER
 * as BIGINT and REAL as DOUBLE PRECISION (SQLite's are 64-bit); INTEGER
 * PRIMARY KEY as an identity column (numbered when not given; an explicit
 * NULL is an error there: leave the column out); BLOB as BYTEA; the column
 * user quoted. Written once in the subset both read, by the port (each
 * with how many places use it in lib/ and cmd/ today):
 * - INSERT OR REPLACE (lib/vocab.c): INSERT ... ON CONFLICT (key) DO UPDATE
 *   SET c = excluded.c, which both read (ON CONFLICT ... DO NOTHING is
 *   already used, lib/import.c, lib/case.c).
 * - date(d, '+N months') and julianday (cmd/sw-match.c, lib/match.c): the
 *   months added in C, or a function sw_add_months created on both sides;
 *   julianday(a) - julianday(b) is days_between(b, a).
 * - strftime, printf and GLOB in SQL: none today; keep it so (format in
 *   C; LIKE with ESCAPE instead of GLOB; SQLite's LIKE ignores ASCII case
 *   and PostgreSQL's does not: compare lower() of both where it matters).
 * - PRAGMA (lib/db.c, schema.c, closed.c, import.c, audit_hash.c, dupes.c,
 *   refs.c): settings only SQLite has stay in store_sqlite.c;
 *   pragma_table_info (a table's columns and key) becomes one function
 *   of the interface over information_schema.
 * - sqlite_master and temp.sqlite_master (lib/report.c, audit.c): a
 *   store call (does this table exist) over information_schema.tables.
 * - rowid (lib/dupes.c, import.c, audit_hash.c, vocab.c): PostgreSQL has
 *   none; order and look up by each table's key, or give the table an
 *   identity column where the order of arrival matters (vocab).
 * - typeof() (lib/refs.c): the columns are typed on the server: dropped.
 * - WITHOUT ROWID and TEMP tables (lib/import.c, audit_verify.c, dupes.c,
 *   caseops.c): CREATE TEMP TABLE is common to both; WITHOUT ROWID only
 *   on SQLite (an empty word on the server).
 * - booleans: EXISTS(...), a = b and NOT x are integers in SQLite and
 *   booleans in PostgreSQL: "NOT ?3" with an integer, sum(cov) of a
 *   boolean, CASE WHEN ?3 fail there, and a boolean prints as t/f. Write
 *   ?3 <> 0 and CASE WHEN ... THEN 1 ELSE 0 END (cmd/sw-station.c's tree
 *   and coverage, and others).
 * - numbers: sum() of a bigint is numeric (it prints the same while
 *   whole), avg() and 100.0 * x are numeric on the server ("17.5000...")
 *   and a double here ("17.5"): format in C, or CAST(... AS INTEGER).
 *   CAST(2.5 AS INTEGER) is 3 there and 2 here: round in C.
 * - NULL sorts first here and last there: ORDER BY x NULLS FIRST (both
 *   read it) wherever a NULL may be among the keys.
 * - text order: the server's database must sort by bytes, as SQLite does
 *   (init-server refuses another collation or an encoding but UTF8).
 *
 * LINKING. No program links libpq: lib/pq.c loads it (dlopen) at the
 * first connection to a server. Linked, it loads Kerberos, LDAP and
 * GnuTLS (21 more libraries) at every start: measured, sw-case --help took
 * 5.3 ms unlinked and 12.5 ms linked, paid by every cron line and pipe
 * that never meets a server; and under SANITIZE=1 libp11-kit's
 * constructor leaks in glibc's newlocale when LOCPATH holds no locale
 * (i18n.t). Loaded, it costs only commands that connect, where the
 * connection costs more.
 *
 * WHO SEES WHAT on a server is the database's business (lib/pg_access.c):
 * a person's role sees its station's rows through row-level security,
 * whatever SQL it sends; the tools need not filter by station. */
#ifndef SW_STORE_H
#define SW_STORE_H

#include <stddef.h>
#include <stdint.h>

/* Whether --db's value names a PostgreSQL server (see CHOOSING above). */
int sw_store_is_server(const char *db);
/* A copy of arg (malloc'd) with any password it holds, in a URI's
 * user:PASSWORD@ or a password=VALUE, written ***: a command line as the
 * audit trail keeps it. */
char *sw_store_redact(const char *arg);

/* sql (SQLite's dialect, the shared subset) as PostgreSQL reads it; the
 * caller frees it. */
char *sw_sql_pg(const char *sql);

struct sw_store;	/* a connection to a SQLite file or a server */
struct sw_stmt;		/* a prepared statement of one store */
struct sqlite3;

enum { SW_STORE_SQLITE, SW_STORE_PG };	/* sw_store_kind */
enum {
	SW_STORE_CREATE = 1,	/* SQLite: create the file (0600) if missing */
	SW_STORE_READONLY = 2	/* read only (on a server: read-only transactions) */
};
enum { SW_ROW = 100, SW_DONE = 101 };	/* sw_stmt_step */

/* Opens db (a file, or a server: CHOOSING) with flags. A file gets our
 * settings and its schema migrated (lib/db.c's sw_db_open); a server must
 * be at this build's schema version (init-server migrates). NULL after
 * printing why. */
struct sw_store *sw_store_open(const char *db, int flags);
/* Closes; statements must be finalized first. s may be NULL. */
void sw_store_close(struct sw_store *s);
/* A second connection to a server's database, as s's was made (flags as
 * sw_store_open's); NULL after saying why, or for a file (open its path). */
struct sw_store *sw_store_reopen(struct sw_store *s, int flags);
int sw_store_kind(const struct sw_store *s);
/* For messages: the file's path, or the server's database name. */
const char *sw_store_name(const struct sw_store *s);
/* A store on a file: its SQLite connection, for code not ported yet; NULL
 * on a server. */
struct sqlite3 *sw_store_sqlite(struct sw_store *s);

/* The store over db, a connection lib/db.c opened: the one sw_store_open
 * made, or one made here at the first call for code that opened db itself
 * (freed, with its cached statements, by sw_db_close). For ported code
 * called by code not ported yet. */
struct sw_store *sw_store_of(struct sqlite3 *db);
/* A store statement over st, prepared by code not ported yet, for ported
 * code that reads it (an output's rows); sw_stmt_finalize frees the
 * wrapper, st stays its owner's to finalize, after. */
struct sqlite3_stmt;
struct sw_stmt *sw_stmt_of(struct sqlite3_stmt *st);

/* Runs statements without parameters (translated on a server): 0, or -1
 * after printing why. */
int sw_store_exec(struct sw_store *s, const char *sql);
/* Prepares one statement; NULL after printing why. Parameters are ?N
 * (or ?), numbered from 1; an unbound one is NULL. */
struct sw_stmt *sw_store_prepare(struct sw_store *s, const char *sql);
/* sw_store_prepare, or exit with status 3 after printing why: for SQL of
 * our own, whose failure is a bug or a broken database (on a server the
 * SQL is checked at the first step, which fails then). */
struct sw_stmt *sw_store_prep(struct sw_store *s, const char *sql);
/* The statement for sql from s's cache, prepared once and kept (a few
 * dozen, the least recently used going first): for SQL run again and
 * again in one process (an import's look-ups, BEGIN and COMMIT; on a
 * server a prepare is a round trip). Exits like sw_store_prep. Give it back
 * with sw_stmt_release (reset, bindings cleared), never finalize it;
 * sw_store_close finalizes the rest. One thread. */
struct sw_stmt *sw_store_stmt(struct sw_store *s, const char *sql);
void sw_stmt_release(struct sw_stmt *st);	/* st may be NULL */

/* Binds parameter i. Text as it is ("" stays "", NULL is SQL NULL); on a
 * server text and NULL are of the type the SQL gives the parameter, text
 * when it gives none (?1 IS NULL). Bindings stay until bound again;
 * binding ends a run under way, as sw_stmt_reset. */
void sw_stmt_bind_text(struct sw_stmt *st, int i, const char *v);
void sw_stmt_bind_int64(struct sw_stmt *st, int i, int64_t v);
void sw_stmt_bind_blob(struct sw_stmt *st, int i, const void *p, size_t n);
void sw_stmt_bind_null(struct sw_stmt *st, int i);
/* The next row: SW_ROW, SW_DONE, or -1 after printing why (not printed
 * when sw_store_transact will try again). A step after SW_DONE runs the
 * statement again. */
int sw_stmt_step(struct sw_stmt *st);
/* The row's columns, numbered from 0, valid until the next step, reset or
 * finalize. The names and their count are known once a step has
 * returned. text is NULL for NULL; int64 parses it (0 for NULL). */
int sw_stmt_columns(struct sw_stmt *st);
const char *sw_stmt_name(struct sw_stmt *st, int col);
const char *sw_stmt_text(struct sw_stmt *st, int col);
int64_t sw_stmt_int64(struct sw_stmt *st, int col);
int sw_stmt_is_null(struct sw_stmt *st, int col);
/* The value's type: SQLite's of the value; a server's from the column's
 * type (numeric is an integer while whole, as it prints). */
enum { SW_INTEGER = 1, SW_FLOAT, SW_TEXT, SW_BLOB, SW_NULL };
int sw_stmt_type(struct sw_stmt *st, int col);
/* What column col reads, known once a step has returned (as its name):
 * when it is a table's column as it is (also through a subquery), the
 * table and the column's name into *table and *column (valid until
 * finalize) and the column's declared type (SW_INTEGER, SW_FLOAT,
 * SW_TEXT, SW_BLOB); for anything else (an expression, a sum) NULL, NULL
 * and 0. For listings: a column's title, and whether it holds numbers
 * before a value says so. table and column may be NULL: the type alone.
 * On a server, PQftable, and one look-up in the catalogue per statement
 * for the names; a view's column is the view's there (SQLite names the
 * table under it). */
int sw_stmt_origin(struct sw_stmt *st, int col, const char **table, const char **column);
const void *sw_stmt_blob(struct sw_stmt *st, int col, size_t *n);
/* Ends the statement's run (a row loop left early), keeping its
 * bindings. 0 or -1 (printed). */
int sw_stmt_reset(struct sw_stmt *st);
void sw_stmt_finalize(struct sw_stmt *st);	/* st may be NULL */

/* One transaction: on SQLite BEGIN IMMEDIATE and lib/db.c's commit
 * (closed months, the audit trail's seal); on a server REPEATABLE READ
 * behind the audit trail's lock.
 * Commit ends the row loops still open. 0, or -1 after printing why
 * (commit rolls back). */
int sw_store_begin(struct sw_store *s);
int sw_store_commit(struct sw_store *s);
void sw_store_rollback(struct sw_store *s);
/* Set by the audit trail (lib/audit.c): on a server, run inside the
 * transaction just before COMMIT (non-zero rolls back and fails the
 * commit), as lib/db.c's hooks are on SQLite. */
void sw_store_on_commit(int (*before_commit)(struct sw_store *));
/* Runs fn(s, arg) between begin and commit; fn returns 0, or -1 to roll
 * back. Where the server could not serialize the transaction with another
 * (or broke a deadlock), fn runs again from begin, a few times, after a
 * short random wait: fn must leave nothing outside the database before
 * its commit (no output, no counts kept across tries). 0 or -1 (printed). */
int sw_store_transact(struct sw_store *s, int (*fn)(struct sw_store *, void *), void *arg);

/* Loads rows into table's n columns cols: COPY on a server, one prepared
 * INSERT on SQLite; inside a transaction, and no other statement of s
 * runs until copy_end. vals[i] NULL is SQL NULL; any other bytes are
 * stored as they are. 0, or -1 after printing why (roll back then). */
int sw_store_copy_begin(struct sw_store *s, const char *table, int n, const char *const *cols);
int sw_store_copy_row(struct sw_store *s, const char *const *vals);
int sw_store_copy_end(struct sw_store *s);

/* Rows the last INSERT, UPDATE or DELETE of s changed. */
int64_t sw_store_changes(struct sw_store *s);
/* 1 when table (or a view, or a temporary table of this connection)
 * exists, 0 when not, -1 after printing why. */
int sw_store_has(struct sw_store *s, const char *table);
/* A statement, stepped by the caller and finalized, giving table's
 * columns in their order: name, and pk (the column's place in the primary
 * key from 1, 0 when not in it). */
struct sw_stmt *sw_store_columns(struct sw_store *s, const char *table);
/* The first column of sql's first row, run with n text parameters p, into
 * out (outlen bytes, "" when none; out may be NULL to ask whether there is
 * one): 1 when the row exists and the value is not NULL, 0 when not, -1
 * after printing why. Kept prepared (sw_store_stmt). */
int sw_store_text(struct sw_store *s, const char *sql, int n, const char *const *p, char *out,
		  size_t outlen);

/* The schema's version (user_version, or the row of sw_schema); -1 after
 * printing why. */
int sw_store_schema_version(struct sw_store *s);

#endif
