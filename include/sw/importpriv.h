/* Inside the import (lib/import.c, and lib/import_stage.c on a server):
 * the state of one file's import and what the two files share. */
#ifndef SW_IMPORTPRIV_H
#define SW_IMPORTPRIV_H

#include <sqlite3.h>

#include "sw/import.h"
#include "sw/layout.h"
#include "sw/out.h"
#include "sw/rowq.h"

struct pending {		/* a row retried after the rest of the file */
	long line;
	int nf;
	char **f;		/* one allocation: the pointers, then the fields */
	char *why;
};

struct sw_stage;	/* a server's staged rows (lib/import_stage.c) */

struct sw_import {
	struct sw_store *s;
	sqlite3 *db;		/* s's connection on a file; NULL on a server */
	const struct sw_table *t;
	const char *fname;	/* NULL for "add" */
	const struct sw_import_opts *o;
	struct sw_layout *L;	/* the file's header */
	const int *map;		/* L->map */
	/* the row being checked, as read: its line and fields */
	long line;
	char **f;
	int nf;
	/* on a file, each row is stored as it comes (store) */
	sqlite3_stmt *ins, *upd;
	sqlite3_stmt *old;	/* period columns of the stored row, if any month is closed */
	sqlite3_stmt *chg;	/* does the stored row differ from the new one? */
	sqlite3_stmt *dup;	/* was the stored row inserted by this file? */
	sqlite3_stmt *seen;	/* notes a stored row's key met in this file */
	sqlite3_str *key;	/* the row's key columns, joined */
	sqlite3_int64 start;	/* largest rowid before this file */
	char **rebuild;		/* CREATE INDEX statements to run after the file */
	int nrebuild;
	/* on a server, rows are staged and stored a chunk at a time */
	struct sw_stage *stage;
	struct sw_refs *refs;	/* reference look-ups on s */
	char wbuf[64];		/* the worker_id it found */
	char keybuf[32];	/* a made key (make_key) */
	/* The reader thread's look-ups, on its own connection, ahead of this
	 * thread; known: the row's columns it found. */
	struct sw_refs *reader;
	unsigned known;
	char (*closed)[8];	/* the closed months (few: read once, not per row) */
	int locks;		/* how many */
	const char **v;		/* normalised values of the current row */
	long *off;		/* where norm_row put them in a */
	struct sw_arena a;
	struct sw_counts c;
	struct sw_rejects *rej;	/* --rejects, shared by all files */
	int enc;		/* the file's encoding (sw_source_encoding) */
	struct pending *pend;
	size_t npend, cappend;
	int settled;		/* the file read: its held rows retried */
};

/* store()'s outcome on a server: the row is staged, its outcome counted
 * when its chunk is stored. */
enum { SW_STAGED = 16 };

/* lib/import_rej.c: --rejects FILE, each table's rejected rows (each
 * header's) in a file of their own: FILE for the first, FILE-TABLE.csv
 * beside it for each other. */
struct rej_file;
struct sw_rejects {
	const char *path;	/* FILE */
	char *const *inputs;	/* the files read, which no rejects file may be */
	int enc;		/* --output-encoding, or -1 */
	struct rej_file *f;	/* f[0] FILE, then those beside it */
	int n;
};
/* Opens FILE (0, or -1 said); the others are opened when needed. */
int sw_rejects_open(struct sw_rejects *r, const char *path, char *const *inputs, int enc);
/* Writes a rejected row of im's file, as read, with its line and why, to
 * the rejects file of im's table and header. 0, or -1 (said). */
int sw_rejects_row(struct sw_rejects *r, const struct sw_import *im, long line, char **f, int nf,
		   const char *why);
/* Writes every rejects file into place (and names those beside FILE);
 * after a failure none of the rest. 0 or -1 (said). Then as aborted. */
int sw_rejects_commit(struct sw_rejects *r);
/* Drops them all; harmless after a commit or on a zeroed r. */
void sw_rejects_abort(struct sw_rejects *r);

/* Says a row is rejected, now (its message, --rejects): what reject does on
 * a file, and the flush of a chunk on a server in the rows' order. */
int sw_import_emit(struct sw_import *im, long line, char **f, int nf, const char *why);
/* Counts an outcome: inserted, updated, unchanged. */
void sw_import_count(struct sw_import *im, int outcome);
/* The made key column of the file (SW_C_MADE, absent), or -1; its value
 * for the row v and the occ-th time such a row is met, into out (32). */
int sw_import_made(const struct sw_import *im);
void sw_import_key(const struct sw_table *t, const char **v, int k, int occ, char *out);
/* lib/import_month.c: reads the closed months into im->closed; 0, or -1
 * after saying why. */
int sw_import_months(struct sw_import *im);
/* 1 (with why) if storing the row v would change a closed month's
 * figures: exists says the row is stored, changes that it would change,
 * old[] its period columns (in table order) as stored. */
int sw_import_lock(const struct sw_import *im, const char **v, int exists, int changes,
		   const char *const *old, char *why, size_t whylen);
/* The made keys this command stored or met (lib/import_made.c): made
 * before its transaction on a file, in each try's on a server. */
#define MADE_TABLE "CREATE TEMP TABLE IF NOT EXISTS sw_made(k TEXT PRIMARY KEY)"
/* Forgets what the command before knew of its tables (with sw_made
 * emptied); 1 if im's table held no made-key record when this command
 * first asked, so that its keys need no noting in sw_made. */
void sw_import_made_begin(void);
int sw_import_made_fresh(const struct sw_import *im);
/* lib/import_made.c: whether a row without its made key may be stored
 * now (0), is held to the file's end (1, why said if it stays so), or -1
 * on a database failure (printed). */
int sw_import_made_check(struct sw_import *im, char *why, size_t whylen);
/* The message for a key given twice in a file. */
void sw_import_dup_msg(const struct sw_import *im, char *why, size_t whylen);

/* Makes key column k's value for the occ-th such row (sw_import_key),
 * into im->v[k]. */
void sw_import_make_key(struct sw_import *im, int k, int occ);

/* lib/import_file.c: the store on a SQLite file (see there). The keys of
 * stored rows met in a file, made before the transaction (sw_import_files)
 * and by sw_file_prepare only if it is gone. */
#define SEEN_TABLE "CREATE TEMP TABLE IF NOT EXISTS sw_seen(k TEXT PRIMARY KEY) WITHOUT ROWID"
void sw_file_prepare(struct sw_import *im);
int sw_file_store(struct sw_import *im, int made, char *why, size_t whylen);
/* 1 (with why) if the row would change a closed month (sw_import_lock). */
int sw_file_locked(struct sw_import *im, char *why, size_t whylen);
/* A large first load into a table sw_import_bulk named: its non-unique
 * indexes dropped, and built again once the rows are in (0 or -1, said). */
void sw_file_drop_indexes(struct sw_import *im);
int sw_file_rebuild_indexes(struct sw_import *im);

/* lib/import_stage.c: the server's staging of a file's rows (see there). */
/* NULL after a failure (said, or left to sw_store_transact): nothing staged. */
struct sw_stage *sw_stage_new(struct sw_import *im);
void sw_stage_free(struct sw_import *im);
int sw_stage_row(struct sw_import *im);
int sw_stage_reject(struct sw_import *im, long line, char **f, int nf, const char *why);
/* Stores the rows staged so far; says the rejected ones. 0 or -1 (said). */
int sw_stage_flush(struct sw_import *im);
/* 1 if rows are staged and not yet stored. */
int sw_stage_pending(const struct sw_import *im);

#endif
