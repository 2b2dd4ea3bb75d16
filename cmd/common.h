/* What the four programs share and the library does not see: the command
 * line (sw-TOOL SUBCOMMAND [options] [FILE...]), its options, usage and
 * exit statuses, and the subcommands every program has. Built into each
 * program (cmd/common.c); options reach lib/ as structs. */
#ifndef SW_CMD_COMMON_H
#define SW_CMD_COMMON_H

#include <getopt.h>
#include <stdio.h>

#include "sw/cli.h"
#include "sw/i18n.h"
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

/* A subcommand, as data. Its usage is what SUB --help prints and what
 * PROG --help lists; the options it takes besides the common ones (--db,
 * -q, --lang, -h, -V) are named in opts, and sw_cli_getopt refuses any
 * other ("list does not take --dry-run", then "Try 'PROG list --help'.").
 *
 *   {"import", cmd_import, N_("import [--table T] [--dry-run] [FILE...]"),
 *    SW_O_IMPORT, NULL},
 *
 * A subcommand parses with sw_cli_getopt (its longopts may hold more than
 * it takes: opts decides), reports a bad command line with
 * sw_usage_fail(_("...")), and checks its operands with sw_cli_nargs.
 *
 * usage: N_() text, one line per form, each starting with the subcommand's
 *   name; a line that does not continues the form above (printed aligned
 *   under its first option). The translation keeps the option names.
 * opts: long names, space-separated ("table station " SW_O_OUT); a short
 *   option by its long twin (-f format, -o output); " formats=LIST" when
 *   -f takes other values than sw_cli_formats (--help lists LIST).
 * notes: N_() lines printed under the usage (shared by pointer: the full
 *   usage prints each once), or NULL. */
struct sw_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *opts;
	const char *notes;
};

/* Option sets for opts: what a subcommand that writes rows takes, what
 * reads input files, and import's. */
#define SW_O_OUT " format output raw output-encoding labels "
#define SW_O_INPUT " encoding sheet station ignore-column "
#define SW_O_IMPORT " table dry-run strict rejects output-encoding" SW_O_INPUT
/* The usage of the subcommands every program has. */
extern const char sw_usage_import[], sw_usage_add[], sw_usage_export[], sw_usage_vocab[];
/* -f's values in the usage of the program's subcommands; a subcommand
 * that takes others names them in its opts: " formats=csv|tsv|xlsx". */
extern const char *sw_cli_formats;
/* Whether subcommand c (the one running: sw_cli_takes_format) takes -f fmt
 * by its formats. */
int sw_cli_cmd_format(const struct sw_cmd *c, const char *fmt);
int sw_cli_takes_format(const char *fmt);

/* Sets the program name, the language (--lang anywhere in argv, else the
 * locale) and the defaults from the environment. */
void sw_cli_init(int argc, char **argv);
/* getopt_long for the current subcommand, with SW_SHORTOPTS: long options
 * written whole, and an option it does not take, an unknown one or a
 * missing value a usage error (sw_usage_fail). Returns as getopt does. */
int sw_cli_getopt(int argc, char **argv, const struct option *longopts);
/* Handles a shared option returned by sw_cli_getopt (-h prints the
 * subcommand's usage). Call it from the default case of the switch. */
void sw_cli_common(int c, const char *arg);
/* Runs argv[1] from cmds (with argv shifted so the subcommand is argv[0]),
 * or handles a top-level --help/--version. Returns the exit status. */
int sw_cli_dispatch(int argc, char **argv, const struct sw_cmd *cmds);
/* A usage error: "prog: message" (fmt is translated by the caller), then
 * "Try 'prog SUB --help'." and exit 2. sw_usage is the second half alone. */
_Noreturn void sw_usage_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void sw_usage(void);
/* The operands after the options: a usage error unless min..max of them. */
void sw_cli_nargs(int argc, int min, int max);
/* Option values that must parse: the canonical value, or "--OPT: reason"
 * and a usage error. opt is the long name without dashes. */
_Noreturn void sw_opt_fail(const char *opt, const char *why);
void sw_opt_date(const char *opt, const char *arg, char out[11]);
void sw_opt_month(const char *opt, const char *arg, char out[8]);
/* The vocabulary key for value (NULL when value is NULL); it lives until exit. */
const char *sw_opt_vocab(const char *opt, const char *vocab, const char *value);

/* Writes the toolkit version line for -V. */
void sw_cli_version(void);

/* Subcommands every program has, built on the library: import, add,
 * list --table, export and vocab. A program lists them in its sw_cmd
 * table through a one-line wrapper that passes its tables. */

/* import [--table T] [--dry-run] [--strict] [--rejects F] [--encoding E] [FILE...] */
int sw_run_import(int argc, char **argv, const struct sw_table *const *tables);
/* add [--table T] COLUMN=VALUE...: one record through the import rules;
 * the table defaults to tables[0]. */
int sw_run_add(int argc, char **argv, const struct sw_table *const *tables);
/* export [--table T]: every row as CSV (or -f) that imports back to the
 * same state. */
int sw_run_export(int argc, char **argv, const struct sw_table *const *tables);
/* list --table T [--station CODE] [COLUMN=VALUE | DATECOLUMN=FROM..TO ...]:
 * the rows of t in key order whose columns hold the values (normalised as
 * an import would), within --station's subtree; personal columns masked
 * when mask. n filters in filters[]. Returns the exit status. */
int sw_run_list(const struct sw_table *t, int n, char **filters, const char *station, int mask);
/* template [TABLE] [-f csv|tsv|xlsx] [-o FILE]: a blank register of TABLE
 * (default tables[0]) with its Chinese headers (lib/template.c). */
int sw_run_template(int argc, char **argv, const struct sw_table *const *tables);
/* vocab list [VOCAB] | vocab add VOCAB ALIAS KEY | vocab rm VOCAB ALIAS */
int sw_run_vocab(int argc, char **argv);

/* Called by import and add before they close the database: for table
 * hooks that keep prepared statements between rows. NULL if none. */
extern void (*sw_subcmd_release)(void);

/* Parses only the shared options (no extra ones) and leaves the operands
 * at argv[optind]. For subcommands with no options of their own. */
void sw_getopt_plain(int argc, char **argv);
/* Opens sw_opt.db (creating it when create) and loads local vocabulary;
 * exits with status 3 on failure. */
struct sqlite3 *sw_open(int create);
/* The store --db names (a file, or a server: sw/store.h), opened as
 * sw_open does; sw_open is sw_store_sqlite of it, for code not ported to
 * the store yet. Exits with status 3 after printing why. */
struct sw_store;
struct sw_store *sw_open_store(int create);

/* Whether personal data is masked: force (1 --mask, 0 --no-mask), or,
 * when -1, when the output is a terminal. */
int sw_cli_masking(int force);
/* The database's local words (vocab add), for an option read before the
 * command opens it: nothing when there is no database yet. */
void sw_load_local_words(void);
/* Ends the command (status 1, "CODE: no such station", the store closed;
 * 3 when the database fails) unless code is a station. */
void sw_station_need(struct sw_store *s, const char *code);

#endif
