/* Tables described as data, and the one import loop every program uses:
 * header mapping (English names or Chinese aliases, any order),
 * normalisation and validation by column type, reference checks, upsert by
 * primary key, rejects, dry runs and strict mode, all in one transaction. */
#ifndef SW_IMPORT_H
#define SW_IMPORT_H

#include <stddef.h>
#include <sqlite3.h>

#include "sw/input.h"
#include "sw/store.h"

enum sw_type {
	SW_T_TEXT,	/* trimmed, full-width folded */
	SW_T_DATE,	/* any accepted date -> YYYY-MM-DD */
	SW_T_INT,	/* whole number within [min, max] */
	SW_T_VOCAB,	/* one word of vocab -> its key */
	SW_T_SET,	/* words of vocab separated by ; ； 、 , ， -> "k1;k2" in vocab order */
	SW_T_BOOL,	/* yes/no, 是/否, 1/0 -> 1 or 0 */
	SW_T_IDCARD,	/* GB 11643 resident ID */
	SW_T_PHONE,	/* mobile or landline */
	SW_T_LIST,	/* free words separated like SET -> lowercased, deduplicated, "a;b" */
	SW_T_CODE,	/* a key or code: folded, Excel's damage refused (sw_code_parse) */
	SW_T_DIVISION,	/* 统计用区划代码, 6/9/12 digits (sw_division_code) */
	SW_T_MINUTES,	/* a duration in whole minutes within [min, max]: "90", "1.5小时" */
	SW_T_CREDIT,	/* unified social credit code, GB 32100 (sw_credit_code) */
	SW_T_MONEY	/* yuan, exact to the fen (sw/money.h) -> "150000.00" */
};

enum {
	SW_C_REQUIRED = 1,	/* the header must have the column */
	SW_C_NOTNULL = 2,	/* every row must give a value */
	SW_C_KEY = 4,		/* part of the primary key */
	SW_C_DEFER = 8,		/* ref may be defined later in the same file */
	SW_C_PERIOD = 16,	/* this date puts the row in a month's figures: rows
				 * in (or moved out of) a closed month are refused */
	SW_C_DERIVED = 32,	/* absent from a file: the table's check hook fills it;
				 * an update keeps the stored value when it cannot */
	SW_C_MADE = 64,		/* a key absent from a file: made from the row's values,
				 * the same each time the file is imported */
	SW_C_ORDER = 128,	/* ref to a table often filled after this one (orgs,
				 * which refer to stations): an unknown value's refusal
				 * says to import that first or leave the column empty */
	SW_C_UNIQUE = 256	/* one record at most may hold a value (a unique
				 * index): check finds what the import would refuse */
};

struct sw_column {
	const char *name;	/* English header and database column */
	const char *aliases;	/* other headers, '|'-separated: "编号|站点编号" */
	enum sw_type type;
	const char *vocab;	/* SW_T_VOCAB, SW_T_SET */
	unsigned flags;
	long long min, max;	/* SW_T_INT */
	const char *ref;	/* "stations.code": the value must exist there */
	const char *refname;	/* "station", for "unknown station \"X\"" */
};

struct sw_import;

/* Outcome of a row, as counted in the summary. */
enum { SW_INSERTED, SW_UPDATED, SW_UNCHANGED, SW_REJECTED, SW_DEFERRED, SW_SKIPPED };

struct sw_table {
	const char *name;	/* database table, and --table name */
	const char *aliases;	/* other --table names: "station|站点" */
	const struct sw_column *cols;
	int ncols;
	/* Cross-field rules, after each value was normalised. v[i] is column
	 * i's value or NULL (absent or empty); the hook may point v[i] at a
	 * buffer of its own that lives until the next row. Returns 0 to
	 * accept, -1 to reject (why: "column: reason"), 1 to retry the row
	 * after the rest of the file (a parent defined further down). */
	int (*check)(struct sw_import *im, const char **v, char *why, size_t whylen);
	/* After a row is stored (outcome SW_INSERTED/UPDATED/UNCHANGED).
	 * Returns 0, or -1 to fail the whole command (message printed). */
	int (*after)(struct sw_import *im, const char **v, int outcome);
	/* Rows hold personal data: messages never quote a value, since a
	 * missing comma can shift a name or ID number into any column. */
	int personal;
};

/* read = inserted + updated + unchanged + skipped + rejected */
struct sw_counts {
	long read, inserted, updated, unchanged, skipped, rejected;
};

/* What the command line says about an import; filled by cmd/. */
struct sw_import_opts {
	struct sw_input_opts in;
	const char *rejects;	/* --rejects FILE */
	int rejects_enc;	/* its encoding (enum sw_enc); -1: that of the file the
				 * first rejected row came from, UTF-8 into a pipe
				 * or onto a terminal */
	int dry_run, strict;
	/* a row without its made key that corrects a record of an earlier
	 * import replaces it (lib/import_made.c) */
	int replace_changed;
};

/* The database, for hooks: the store.
 *
 * On a server an import stages the checked rows and stores them a chunk
 * at a time (lib/import_stage.c): a hook that looks up rows of the table
 * being imported sees those stored before the file and in chunks before
 * the row's; sw_import_flush stores the rows staged so far (0, or -1 after
 * saying why; nothing to do on a file), for a hook that must see a row
 * given earlier in the same file. A reference to the table itself
 * (stations.parent_code) flushes by itself. */
struct sw_store *sw_import_store(const struct sw_import *im);
int sw_import_flush(struct sw_import *im);
/* 1 if the file has column col (a value may still be empty). */
int sw_import_has(const struct sw_import *im, int col);
/* Why a row gives a value of a unique index (cols: its columns' titles)
 * that another record holds. For a column that identifies a person
 * (SW_C_UNIQUE, col; -1 for an index of several columns), with how to
 * fix it: given to that record on line (> 0), on an earlier line of this
 * file (-1), or on file before (0). No value is quoted. */
void sw_taken_msg(const struct sw_table *t, const char *cols, int col, long line, char *why,
		  size_t whylen);
/* Index of column name in the table, -1 if none. */
int sw_table_col(const struct sw_table *t, const char *name);
/* The table whose name or alias is name, or NULL. */
const struct sw_table *sw_table_find(const struct sw_table *const *tables, const char *name);

/* Imports files (NULL-terminated list; none means stdin) into s in one
 * transaction, as o says. Each file (each sheet of a workbook) is read
 * through sw/input.h and sw/layout.h; its table is o->in.table or
 * recognised from its header among tables. Prints a summary per file.
 * Returns the exit status: 0, 1 if rows were rejected, 3 on failure (all
 * rolled back). On a server the transaction may be tried again
 * (sw_store_transact): standard input is kept for it, and what a try says
 * is said once it is the last. */
int sw_import_files(struct sw_store *s, const struct sw_table *const *tables, char **files,
		    const struct sw_import_opts *o);

/* Lets imports of a file into t, when t is empty, drop t's non-unique
 * indexes and build them after the last row: much faster for big loads.
 * Only for tables whose hooks do not look rows of t up by those indexes. */
void sw_import_bulk(const struct sw_table *t);

/* Imports one record given as names and values (the "add" subcommands),
 * inside the caller's transaction. Returns SW_INSERTED, SW_UPDATED,
 * SW_UNCHANGED, SW_REJECTED after printing "column: reason", or -1 after
 * a failure (said). */
int sw_import_record(struct sw_store *s, const struct sw_table *t, int n,
		     const char *const *names, const char *const *vals);

/* If date (YYYY-MM-DD or YYYY-MM) falls in a month closed by sw-report
 * close, writes "COLUMN: month YYYY-MM is closed ..." to why and returns
 * -1; else 0. For edits outside imports (log, close, merge, place). */
int sw_month_check(struct sw_store *s, const char *column, const char *date, char *why, size_t whylen);

/* Normalises one value of column c in place-independent form: writes the
 * canonical text to out. Returns 0, or -1 with why. Used by "check --fix". */
int sw_column_norm(const struct sw_column *c, const char *in, char *out, size_t outlen,
		   char *why, size_t whylen);

/* sw_column_norm of a cell of the given kind (sw_row.kind: 'n' a number
 * cell, 'e' an Excel error, ...); unit: minutes a plain number means in a
 * duration column (0: not said, minutes). */
int sw_value_norm(const struct sw_column *c, const char *in, char kind, int unit, char *out,
		  size_t outlen, char *why, size_t whylen);

/* A column's or a table's label: when zh, its first Chinese alias
 * (身份证号 for id_number, 服务对象 for clients), else or when it has
 * none, its English name; as sw_vocab_label is a word's. For headers
 * written in Chinese (--labels zh). The string lives until exit; safe on
 * any thread. */
const char *sw_column_label(const struct sw_column *c, int zh);
const char *sw_table_label(const struct sw_table *t, int zh);
/* The label in the user's language (sw_i18n_zh): what messages call a
 * column or a table ("身份证号：校验位不对（应为X）"). */
const char *sw_column_title(const struct sw_column *c);
const char *sw_table_title(const struct sw_table *t);

/* Normalised header cell: text-normalised, lower case, no spaces or '*'. */
void sw_header_norm(const char *in, char *out, size_t outlen);
/* Which column of t a header cell names (English name or alias), or -1. */
int sw_header_col(const struct sw_table *t, const char *cell);

#endif
