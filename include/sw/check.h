/* "check FILE": validates a spreadsheet against a table description
 * without a database, and optionally writes the normalised file. */
#ifndef SW_CHECK_H
#define SW_CHECK_H

#include <stddef.h>

#include "sw/import.h"

struct sw_store;

/* Cross-field rules of a table over normalised values (NULL = empty);
 * may fill v[i] from buf (64 bytes). 0, or -1 with why. */
typedef int (*sw_rules_fn)(struct sw_store *s, const struct sw_table *t, const char **v, char *buf,
			   char *why, size_t whylen);

/* Checks path through the one input path (sw/input.h, sw/layout.h; the
 * table from o->table, a sheet's name or its header). Prints every problem
 * as "file:line: column: reason", references s would refuse too (s may
 * be NULL). When fixout is non-NULL writes the file there with canonical
 * headers and normalised values, every column of the input kept (a value
 * that cannot be fixed is kept as it was; title and total rows left out).
 * fixenc is its encoding (enum sw_enc), or -1 for that of path (UTF-8
 * into a pipe).
 * Returns 0 if clean, 1 if problems were found, 2 for --fix of a workbook
 * of several sheets without --sheet, 3 on failure. */
int sw_check_file(const struct sw_table *const *tables, const char *path,
		  const struct sw_input_opts *o, struct sw_store *s, const char *fixout, int fixenc,
		  sw_rules_fn rules);

#endif
