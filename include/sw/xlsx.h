/* Streaming .xlsx reader: one worksheet row at a time, in the shape of the
 * CSV reader's rows (struct sw_row), with a kind per field.
 *
 * The package is read with libzip and every part with expat. A worksheet
 * is streamed: memory stays flat however many rows it has. The shared
 * strings, which any row may use, are held in memory (at most 1 GiB).
 *
 * A row hands out what Excel shows as values, not as formatted: text
 * exactly as typed (no trimming: the caller normalises), numbers as stored
 * (an integer stored in exponent form written out in digits), date cells
 * as ISO dates, TRUE/FALSE, error codes such as #N/A. Empty rows are not
 * handed out. Formulas give their cached value (none when the writer did
 * not compute one, as openpyxl: then the cell is empty).
 *
 * Messages name what is wrong and where (part, row, cell reference), never
 * a value from a cell: cells hold personal data. */
#ifndef SW_XLSX_H
#define SW_XLSX_H

#include <stddef.h>

#include "sw/csvio.h"

struct sw_xlsx;

/* Opens a workbook and reads its list of sheets. NULL with why on failure
 * (e.g. "not an .xlsx workbook: no xl/workbook.xml", "encrypted workbook:
 * save it without a password"); why does not repeat the path. Close with
 * sw_xlsx_close. */
struct sw_xlsx *sw_xlsx_open(const char *path, char *why, size_t whylen);
void sw_xlsx_close(struct sw_xlsx *x);

/* Worksheets in workbook order (chart sheets are left out); hidden ones are
 * listed too. Names are owned by x. */
int sw_xlsx_nsheets(const struct sw_xlsx *x);
const char *sw_xlsx_sheet_name(const struct sw_xlsx *x, int i);
/* 0 visible, 1 hidden, 2 very hidden (only a macro can show it again). */
int sw_xlsx_sheet_hidden(const struct sw_xlsx *x, int i);

/* Starts reading sheet i from its first row, ending any sheet being read.
 * The first call also loads the shared strings and the cell styles.
 * 0, or -1 with sw_xlsx_error set. */
int sw_xlsx_sheet(struct sw_xlsx *x, int i);

/* The next non-empty row of the current sheet: 1 with *row filled, 0 at
 * the end of the sheet, -1 if the sheet cannot be read on (sw_xlsx_error
 * says why, sw_xlsx_errline where).
 *   row->line  the spreadsheet row number (1-based)
 *   row->nf    the last non-empty cell's column + 1; skipped columns and
 *              empty cells before it are "" with kind 's'
 *   row->f     NUL-terminated UTF-8, valid until the next call
 *   row->kind  per field 's' text, 'n' number, 'd' date or time,
 *              'b' boolean, 'e' Excel error
 *   row->bad   non-NULL if a cell cannot be used (e.g. "invalid UTF-8");
 *              row->badcell - 1 is its field */
int sw_xlsx_next(struct sw_xlsx *x, struct sw_row *row);

/* Why the last call failed ("" if none). */
const char *sw_xlsx_error(const struct sw_xlsx *x);
/* The spreadsheet row where reading stopped: the row being read, else the
 * last row read; 0 if none. */
long sw_xlsx_errline(const struct sw_xlsx *x);

/* Column letters for a 0-based column index ("A", "AB", "XFD"). */
void sw_xlsx_colname(int col, char out[4]);

#endif
