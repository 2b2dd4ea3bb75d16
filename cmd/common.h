/* What the four programs share and the library does not see: the command
 * line (sw-TOOL SUBCOMMAND [options] [FILE...]), its options, usage and
 * exit statuses, and the subcommands every program has. Built into each
 * program (cmd/common.c); options reach lib/ as structs. */
#ifndef SW_CMD_COMMON_H
#define SW_CMD_COMMON_H

#include <getopt.h>
#include <stdio.h>

#include "sw/cli.h"
#include "sw/import.h"

#define SW_VERSION "0.1.0"

/* Options shared by all programs, filled by sw_cli_common. */
struct sw_opts {
	const char *db;		/* --db, else $SW_DB, else ./sw.db */
	int fmt;		/* -f (enum sw_fmt) */
	const char *output;	/* -o */
	const char *encoding;	/* --encoding */
	const char *table;	/* --table */
	const char *rejects;	/* --rejects */
	int out_enc;		/* --output-encoding (enum sw_enc), -1 if not given */
	int dry_run, strict;
	int zh;			/* --lang zh, or LANG=zh_* */
	const char *sheets[16];	/* --sheet NAME (repeatable) */
	int nsheets;
	const char *station;	/* --station CODE */
	const char *ignore[64];	/* --ignore-column NAME (repeatable) */
	int nignore;
};

struct sw_input_opts;
/* The input options the command line gave, for the library. */
void sw_cli_input_opts(struct sw_input_opts *o);
extern struct sw_opts sw_opt;

/* Long-option codes of the shared options without a short form. */
enum {
	SW_OPT_DB = 0x100, SW_OPT_ENCODING, SW_OPT_TABLE, SW_OPT_REJECTS,
	SW_OPT_DRY_RUN, SW_OPT_STRICT, SW_OPT_LANG, SW_OPT_SHEET, SW_OPT_STATION,
	SW_OPT_IGNORE, SW_OPT_RAW, SW_OPT_OUT_ENC, SW_OPT_LABELS, SW_OPT_LOCAL = 0x200
};

#define SW_SHORTOPTS "f:o:qhV"
#define SW_LONGOPTS \
	{"db", required_argument, NULL, SW_OPT_DB}, \
	{"format", required_argument, NULL, 'f'}, \
	{"output", required_argument, NULL, 'o'}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"help", no_argument, NULL, 'h'}, \
	{"version", no_argument, NULL, 'V'}, \
	{"lang", required_argument, NULL, SW_OPT_LANG}, \
	{"raw", no_argument, NULL, SW_OPT_RAW}, \
	{"output-encoding", required_argument, NULL, SW_OPT_OUT_ENC}, \
	{"labels", required_argument, NULL, SW_OPT_LABELS}
#define SW_IMPORT_LONGOPTS \
	{"encoding", required_argument, NULL, SW_OPT_ENCODING}, \
	{"table", required_argument, NULL, SW_OPT_TABLE}, \
	{"rejects", required_argument, NULL, SW_OPT_REJECTS}, \
	{"dry-run", no_argument, NULL, SW_OPT_DRY_RUN}, \
	{"strict", no_argument, NULL, SW_OPT_STRICT}, \
	SW_INPUT_LONGOPTS
/* How input files are read: import, check, and sw-match's --seekers. */
#define SW_INPUT_LONGOPTS \
	{"sheet", required_argument, NULL, SW_OPT_SHEET}, \
	{"station", required_argument, NULL, SW_OPT_STATION}, \
	{"ignore-column", required_argument, NULL, SW_OPT_IGNORE}

/* A program's usage text printer: to fp, then exit(status). */
typedef void (*sw_usage_fn)(FILE *fp, int status);

struct sw_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
};

/* Sets the program name, the language (--lang anywhere in argv, else the
 * locale) and the defaults from the environment. */
void sw_cli_init(int argc, char **argv);
/* Handles a shared option returned by getopt_long; usage errors and --help
 * go to usage. Call it from the default case of the option switch. */
void sw_cli_common(int c, const char *arg, sw_usage_fn usage);
/* Runs argv[1] from cmds (with argv shifted so the subcommand is argv[0]),
 * or handles a top-level --help/--version. Returns the exit status. */
int sw_cli_dispatch(int argc, char **argv, const struct sw_cmd *cmds, sw_usage_fn usage);
/* Option values that must parse: the canonical value, or "--OPT: reason"
 * and usage(stderr, 2). opt is the long name without dashes. */
void sw_opt_fail(const char *opt, const char *why, sw_usage_fn usage);
void sw_opt_date(const char *opt, const char *arg, char out[11], sw_usage_fn usage);
void sw_opt_month(const char *opt, const char *arg, char out[8], sw_usage_fn usage);
/* The vocabulary key for value (NULL when value is NULL); it lives until exit. */
const char *sw_opt_vocab(const char *opt, const char *vocab, const char *value, sw_usage_fn usage);

/* Writes the toolkit version line for -V. */
void sw_cli_version(void);

/* Subcommands every program has, built on the library: import, add,
 * list --table, export and vocab. A program lists them in its sw_cmd
 * table through a one-line wrapper that passes its tables and usage. */

/* import [--table T] [--dry-run] [--strict] [--rejects F] [--encoding E] [FILE...] */
int sw_run_import(int argc, char **argv, const struct sw_table *const *tables, sw_usage_fn usage);
/* add [--table T] COLUMN=VALUE...: one record through the import rules;
 * the table defaults to tables[0]. */
int sw_run_add(int argc, char **argv, const struct sw_table *const *tables, sw_usage_fn usage);
/* export [--table T]: every row as CSV (or -f) that imports back to the
 * same state. */
int sw_run_export(int argc, char **argv, const struct sw_table *const *tables, sw_usage_fn usage);
/* list --table T [--station CODE] [COLUMN=VALUE | DATECOLUMN=FROM..TO ...]:
 * the rows of t in key order whose columns hold the values (normalised as
 * an import would), within --station's subtree; personal columns masked
 * when mask. n filters in filters[]. Returns the exit status. */
int sw_run_list(const struct sw_table *t, int n, char **filters, const char *station, int mask,
		sw_usage_fn usage);
/* vocab list [VOCAB] | vocab add VOCAB ALIAS KEY | vocab rm VOCAB ALIAS */
int sw_run_vocab(int argc, char **argv, sw_usage_fn usage);

/* Called by import and add before they close the database: for table
 * hooks that keep prepared statements between rows. NULL if none. */
extern void (*sw_subcmd_release)(void);

/* Parses only the shared options (no extra ones) and leaves the operands
 * at argv[optind]. For subcommands with no options of their own. */
void sw_getopt_plain(int argc, char **argv, sw_usage_fn usage);
/* Opens sw_opt.db (creating it when create) and loads local vocabulary;
 * exits with status 3 on failure. */
struct sqlite3 *sw_open(int create);

#endif
