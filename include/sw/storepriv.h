/* Inside lib/store*.c: what a backend provides. lib/store.c checks what
 * is common to both and calls these; each backend's structs begin with
 * the ones here. Flat in lib/, as pg*.c, xlsx*.c and audit*.c are with
 * their private headers: two backends of one file each are no layer of
 * files that a folder would make clearer. */
#ifndef SW_STOREPRIV_H
#define SW_STOREPRIV_H

#include "sw/store.h"

enum { SW_BIND_NULL, SW_BIND_TEXT, SW_BIND_INT64, SW_BIND_BLOB };

struct sw_store_ops {
	void (*close)(struct sw_store *);
	const char *(*name)(const struct sw_store *);
	int (*exec)(struct sw_store *, const char *sql);
	struct sw_stmt *(*prepare)(struct sw_store *, const char *sql);
	/* type SW_BIND_*: p and n for text and blobs, v for int64 */
	void (*bind)(struct sw_stmt *, int i, int type, const void *p, size_t n, int64_t v);
	int (*step)(struct sw_stmt *);
	int (*columns)(struct sw_stmt *);
	const char *(*column_name)(struct sw_stmt *, int col);
	const char *(*text)(struct sw_stmt *, int col);
	int64_t (*int64)(struct sw_stmt *, int col);
	int (*is_null)(struct sw_stmt *, int col);
	const void *(*blob)(struct sw_stmt *, int col, size_t *n);
	int (*reset)(struct sw_stmt *);
	void (*finalize)(struct sw_stmt *);
	int (*begin)(struct sw_store *);
	int (*commit)(struct sw_store *);
	void (*rollback)(struct sw_store *);
	/* target: "table" ("col", ...), names quoted */
	int (*copy_begin)(struct sw_store *, const char *target, int n);
	int (*copy_row)(struct sw_store *, const char *const *vals);
	int (*copy_end)(struct sw_store *);
	int (*schema_version)(struct sw_store *);
	int64_t (*changes)(struct sw_store *);
	int (*type)(struct sw_stmt *, int col);	/* SW_INTEGER ... SW_NULL */
	void (*clear)(struct sw_stmt *);	/* every binding NULL */
	/* sw_stmt_origin, col within the row's columns */
	int (*origin)(struct sw_stmt *, int col, const char **table, const char **column);
	struct sw_store *(*reopen)(struct sw_store *, int flags);	/* a server's only */
	/* a query read whole at its first step, not through a cursor (one
	 * round trip, for sw_store_text's look-ups); NULL: nothing to do */
	void (*whole)(struct sw_stmt *);
};

struct sw_stmt_cache;	/* sw_store_stmt's (lib/store.c) */

struct sw_store {
	const struct sw_store_ops *ops;
	int kind;		/* SW_STORE_* */
	int transact;		/* inside sw_store_transact: a failure another try may clear is not said */
	int again;		/* such a failure happened: try again */
	int copy_n;		/* columns of the copy under way, 0 when none */
	struct sw_stmt_cache *cache;
};

/* sw_store_on_commit's, or NULL. */
extern int (*sw_store_before_commit)(struct sw_store *);

/* Finalizes s's cached statements: before its connection closes. */
void sw_store_uncache(struct sw_store *s);

struct sw_stmt {
	struct sw_store *s;
	int cached;	/* held by the store's cache (sw_store_stmt) */
};

/* The backends' openers: NULL after printing why. */
struct sw_store *sw_store_sqlite_open(const char *path, int flags);
struct sw_store *sw_store_pg_open(const char *conninfo, int flags);
/* lib/db.c's sw_db_close, before it closes db: frees db's store, or does
 * nothing when the store is closing it. */
void sw_store_sqlite_forget(struct sqlite3 *db);

/* sw_sql_pg, also saying how many parameters the statement takes (the
 * largest ?N) and whether it is a query (SELECT, VALUES, or a WITH ending
 * in one), which a server reads through a cursor. */
char *sw_sql_pg_info(const char *sql, int *nparams, int *query);

#endif
