/* Listing output in the format the user chose: csv, tsv, json (one array
 * of objects), jsonl (one object per line), table (aligned for a
 * terminal), md, or xlsx (a workbook, lib/out_xlsx.c). Output to a file goes
 * to a temporary name and is renamed on success, so a failed command
 * never leaves half a file behind. Cells are made safe for the reader
 * (sw/cell.h): formulas neutralised in csv and tsv, control characters
 * shown in table and md, markup escaped in md. */
#ifndef SW_OUT_H
#define SW_OUT_H

#include <stdio.h>

#include "sw/mask.h"
#include "sw/store.h"

enum sw_fmt {
	SW_FMT_AUTO, SW_FMT_CSV, SW_FMT_TSV, SW_FMT_JSON, SW_FMT_TABLE, SW_FMT_MD,
	SW_FMT_JSONL, SW_FMT_XLSX
};

/* Parses a -f argument; -1 if unknown. */
int sw_fmt_parse(const char *s);

/* The format AUTO stands for: table on a terminal, csv otherwise. */
int sw_fmt_resolve(int fmt, const char *path);
/* 1 if output in fmt to path is meant for people (table or md). */
#define sw_fmt_human(fmt, path) \
	(sw_fmt_resolve(fmt, path) == SW_FMT_TABLE || sw_fmt_resolve(fmt, path) == SW_FMT_MD)

/* The stdio buffer of output files (and of stdout when not a terminal). */
#define SW_OUT_BUFSIZ 65536

/* A file written atomically: write to fp, then sw_file_commit. */
struct sw_file {
	FILE *fp;
	char *path;		/* where the file ends up */
	char *tmp;		/* NULL for stdout and for devices, written directly */
	int direct;		/* a device or FIFO (/dev/stdout, /dev/null): no rename */
	int encoded;		/* sw_file_encode was called (sw/enc.h) */
	void *enc;		/* its conversion, when fp is its stream */
};
/* path NULL or "-" is stdout. A symbolic link is refused unless it leads
 * to a device or FIFO (/dev/stdout) and its owner is the user or root.
 * Returns 0, or -1 with a message printed. */
int sw_file_open(struct sw_file *f, const char *path);
/* -1 (printed, naming opt) if the output path is the same file (device and
 * inode) as one of the NULL-ended inputs, which it would overwrite; else 0. */
int sw_file_check_inputs(const char *opt, const char *path, char *const *inputs);
/* Flushes, checks for write errors, renames into place. 0 or -1 (printed). */
int sw_file_commit(struct sw_file *f);
/* Drops a file that will not be completed. */
void sw_file_abort(struct sw_file *f);
/* For a writer that only writes to a named file (libxlsxwriter): f's
 * temporary when it has one, else a private file in $TMPDIR, whose name
 * goes to *own (unlink and free it after copying it in with sw_file_fill);
 * NULL (printed) when f is a terminal. */
const char *sw_file_named(struct sw_file *f, char **own);
/* Copies the file at path into f. 0, or -1 (printed). */
int sw_file_fill(struct sw_file *f, const char *path);

struct sw_out;

/* Starts a listing with ncols columns. types is NULL (all text) or a string
 * of 's' (text), 'n' (number: right-aligned, bare in JSON, a number cell in
 * xlsx) and 'd' (date: its YYYY-MM-DD values are date cells in xlsx, text
 * elsewhere), one a column. AUTO means table on a terminal, csv otherwise.
 * Returns NULL (printed) if the file cannot be opened, or when xlsx would
 * go to a terminal. */
struct sw_out *sw_out_open(const char *path, int fmt, int ncols,
			   const char *const *names, const char *types);
/* One row; NULL values are empty (null in JSON). */
void sw_out_row(struct sw_out *o, const char *const *vals);
/* Masks applied to the values of the columns so named as they arrive
 * (sw/mask.h), on SQLite and on a server alike, the key never leaving
 * the process: n names, each with how it shows (SW_MASK_ID ... SW_AGE),
 * and what pseudonyms and ages need. */
struct sw_out_masks {
	int n;
	const char *const *names;
	const int *hows;
	struct sw_mask_key key;
};
/* Opens a listing whose columns are those of st, stepped once to learn
 * them (sw/store.h), with masks m (NULL: none; it must live until the
 * output closes). Numbers print as SQLite prints them, from a server too
 * (a numeric or double precision value as SQLite's REAL). NULL (printed)
 * when the file cannot be opened or the statement fails. */
struct sw_out *sw_out_open_stmt(const char *path, int fmt, struct sw_stmt *st,
				const struct sw_out_masks *m);
/* Writes every row of the statement the output was opened with; names and
 * types from its columns (a column read from a table is of its declared
 * type, a computed one of its first value; a TEXT column named as the
 * schema names dates, sw_out_datecol, is a date column). Returns SW_DONE,
 * or -1 (printed). */
int sw_out_stmt(struct sw_out *o, struct sw_stmt *st);
/* Writes every row of st to path in fmt and finalizes st: the whole of a
 * listing subcommand. Returns the exit status (3 after printing why). */
int sw_out_query(const char *path, int fmt, struct sw_stmt *st);
/* Finishes, commits the file. 0, or -1 on a write error (printed). */
int sw_out_close(struct sw_out *o);
/* Abandons the output (no file is left). */
void sw_out_abort(struct sw_out *o);
/* The format resolved from AUTO. */
int sw_out_format(const struct sw_out *o);

/* 1 if a column so named holds dates: "date", "*_date", "*_on",
 * "valid_from", "valid_to" (how every date column of the schema is named;
 * tests/unit/test_schema.c holds every table to it). */
int sw_out_datecol(const char *name);

/* A "show": a record (the one row of sts[0]) and its related lists
 * (sts[1..n-1]), each finalized. table and md print each list under its
 * title; xlsx puts each on a sheet of its own named by its title; json and
 * jsonl write one object, the record's fields then each list as an array
 * under its key; csv and tsv, one table each, write the record alone.
 * keys and titles: n of each (titles already translated; keys[0] and
 * titles[0] name the record). m: masks, as sw_out_open_stmt's, of every
 * list. Returns the exit status (3 after printing why). */
int sw_out_show(const char *path, int fmt, int n, const char *const *keys,
		const char *const *titles, struct sw_stmt *const *sts, const struct sw_out_masks *m);

/* JSON string escaping, for programs that write JSON themselves. */
void sw_json_put(FILE *fp, const char *s);

#endif
