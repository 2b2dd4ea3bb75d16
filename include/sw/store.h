/* Where the data lives: a SQLite file (the default) or a PostgreSQL server
 * (issue 18). What exists today is the choice between them, the dialect
 * translation and, on a server, init-server and grant (sw/pg.h); every
 * other command refuses a server (exit 3) until it is ported. The rest of
 * this comment is the design the port follows.
 *
 * CHOOSING. --db (or $SW_DB) names a server when it starts with
 * postgresql:// or postgres:// (a libpq URI) or service= (a libpq service,
 * ~/.pg_service.conf); anything else is a SQLite file, as before
 * (./service=x is the file). Messages name a server by its database name
 * (PQdb), never by the connection string, which may hold a password.
 *
 * THE INTERFACE (to write in lib/store.c, store_sqlite.c, store_pg.c; the
 * domain files move from sqlite3 calls to these one file at a time):
 *
 *   struct sw_store *sw_store_open(const char *db, int flags);  SW_DB_* flags
 *   void sw_store_close(struct sw_store *);
 *   int sw_store_kind(const struct sw_store *);        SQLite or PostgreSQL
 *   struct sw_stmt *sw_store_prepare(struct sw_store *, const char *sql);
 *   void sw_stmt_bind_text(st, i, s) / _int64(st, i, v) / _blob(st, i, p, n)
 *        / _null(st, i);                               i from 1, as ?N
 *   int sw_stmt_step(st);                    SW_ROW, SW_DONE or -1 (printed)
 *   const char *sw_stmt_text(st, col); int64_t sw_stmt_int64(st, col);
 *   int sw_stmt_is_null(st, col); int sw_stmt_columns(st);
 *   const char *sw_stmt_name(st, col);
 *   int sw_stmt_reset(st); void sw_stmt_finalize(st);
 *   int sw_store_begin(s) / sw_store_commit(s) / void sw_store_rollback(s);
 *   int sw_store_copy_begin(s, const char *table, int n, const char *const *cols);
 *   int sw_store_copy_row(s, const char *const *vals);  NULL is SQL NULL
 *   int sw_store_copy_end(s);
 *   int sw_store_schema_version(s);
 *
 * Each call does on SQLite what lib/db.c does today (sqlite3_prepare_v2,
 * BEGIN IMMEDIATE, PRAGMA user_version...). On PostgreSQL:
 * - prepare translates the SQL once (sw_sql_pg below) and prepares it
 *   (PQprepare) at the first step, when the parameters' types are known:
 *   text binds as text, int64 as bigint, blob as bytea (binary format),
 *   NULL as text. That answers "?1 IS NULL" with an untyped parameter
 *   ("could not determine data type of parameter $1"). A statement bound
 *   later with other types is prepared again.
 * - step reads a SELECT through a cursor (DECLARE ... NO SCROLL CURSOR,
 *   FETCH 1000): memory stays flat, and another statement may run between
 *   two steps, as the code does on SQLite (a look-up inside a row loop).
 *   Results are text (PQgetvalue); sw_stmt_int64 parses it.
 * - begin is BEGIN ISOLATION LEVEL SERIALIZABLE; commit retries the whole
 *   command's transaction on a serialization failure or deadlock
 *   (SQLSTATE 40001, 40P01), so a command's writes are one function the
 *   store can run again from BEGIN: nothing of the first try may have
 *   left the process (output is written after the commit).
 * - copy-in is COPY table (cols) FROM STDIN (text format, \N for NULL,
 *   backslash, tab and newline escaped) into a TEMP staging table; the
 *   import then upserts from it with INSERT ... SELECT ... ON CONFLICT in
 *   one statement, so that read = stored + rejected holds as on SQLite.
 * - the schema version is the one row of sw_schema (PostgreSQL has no
 *   user_version); sw_store_open refuses an older one (init-server
 *   migrates) and a newer one.
 * - the audit trail's user is the database role (session_user).
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
 * chain's head is read and written by a SECURITY DEFINER function, since
 * people may add to the trail but read none of it (lib/pg_access.c).
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
 * - numbers: sum() of a bigint is numeric and 100.0 * x a numeric on the
 *   server, a 64-bit integer and a double in SQLite: outputs must be
 *   formatted in C or cast (CAST(sum(x) AS BIGINT)) to print the same.
 * - text order: the server's database must sort by bytes, as SQLite does
 *   (init-server refuses another collation or an encoding but UTF8).
 *
 * LINKING. Only sw-station links libpq so far (Makefile). Linking it into
 * every program loads Kerberos, LDAP and GnuTLS at each start; under
 * SANITIZE=1, libp11-kit's constructor then leaks in glibc's newlocale
 * when LOCPATH holds no locale (i18n.t): the port needs a suppression for
 * LSan (leak:__argz_add_sep in tests/cli/lsan.supp, given to every test).
 *
 * WHO SEES WHAT on a server is the database's business (lib/pg_access.c):
 * a person's role sees its station's rows through row-level security,
 * whatever SQL it sends; the tools need not filter by station. */
#ifndef SW_STORE_H
#define SW_STORE_H

/* Whether --db's value names a PostgreSQL server (see CHOOSING above). */
int sw_store_is_server(const char *db);

/* sql (SQLite's dialect, the shared subset) as PostgreSQL reads it; the
 * caller frees it. */
char *sw_sql_pg(const char *sql);

#endif
