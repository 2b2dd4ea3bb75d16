/* The one input path: open a file, recognise its format by its content,
 * and hand out its rows, whatever it is: CSV or tab/semicolon text in
 * UTF-8, GB18030 or UTF-16, or an .xlsx or .xls workbook (one part per sheet).
 * Anything else is refused at once, naming what it is. The layout stage
 * (sw/layout.h) then finds the header and the table.
 *
 *   open -> recognise -> [part: sheet] -> rows -> layout -> values
 */
#ifndef SW_INPUT_H
#define SW_INPUT_H

#include "sw/csvio.h"

/* What the command line says about reading input files; filled by cmd/. */
struct sw_input_opts {
	const char *encoding;		/* --encoding; NULL: recognised */
	const char *table;		/* --table; NULL: from the header */
	const char *const *sheets;	/* --sheet (repeatable); none: all */
	int nsheets;
	const char *station;		/* --station: fills an absent station_code */
	const char *const *ignore;	/* --ignore-column (repeatable) */
	int nignore;
};

struct sw_source;

/* Opens path ("-" or NULL: stdin) and recognises its format. NULL after
 * printing why; *status is then SW_EXIT_REJECTED (not a file we read) or
 * SW_EXIT_FAIL (cannot be read at all). */
struct sw_source *sw_source_open(const char *path, const struct sw_input_opts *o, int *status);
/* Parts of the file: its sheets, or 1 for text. */
int sw_source_parts(const struct sw_source *s);
/* The sheet name of part i, or NULL for text. */
const char *sw_source_part(const struct sw_source *s, int i);
/* Starts reading part i from its first row. 0, or -1 (printed). */
int sw_source_begin(struct sw_source *s, int i);
/* The name for messages: "f.csv", "-", or "f.xlsx[服务对象]" for a sheet. */
const char *sw_source_name(const struct sw_source *s);
/* The name of the sheet being read (after sw_source_begin), NULL for text. */
const char *sw_source_sheet(const struct sw_source *s);
/* 1: a row; 0: end of the part; -1: it cannot be read on (error, errline). */
int sw_source_next(struct sw_source *s, struct sw_row *row);
/* Rows of the current part may have n fields from now on (the header's
 * width and a margin); one with more is handed out with bad set. */
void sw_source_max_fields(struct sw_source *s, int n);
/* The encoding (enum sw_enc) of a CSV file written for the person who
 * wrote s: its own, and UTF-8 with a BOM for a workbook, which Excel reads
 * right; once its first row is read. */
int sw_source_encoding(const struct sw_source *s);
const char *sw_source_error(const struct sw_source *s);
long sw_source_errline(const struct sw_source *s);
void sw_source_close(struct sw_source *s);

/* What a file that is not text or a workbook is, from its first bytes
 * (n of them), for the one-line refusal; NULL if it may be text. Exposed
 * for the unit tests. */
const char *sw_magic_what(const unsigned char *p, size_t n);

#endif
