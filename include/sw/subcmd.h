/* Subcommands every program has, built on the library: import, add,
 * export and vocab. A program lists them in its sw_cmd table through a
 * one-line wrapper that passes its tables and usage. */
#ifndef SW_SUBCMD_H
#define SW_SUBCMD_H

#include "sw/cli.h"
#include "sw/import.h"

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
