/* .xls reader (Excel 97-2003, BIFF8, and Excel 5/95, BIFF5): the rows of
 * a worksheet in the shape of the .xlsx reader's (sw/xlsx.h), with a kind
 * per field and the same rules: text exactly as typed, numbers as Excel
 * stores them (an integer written out in digits), date cells as ISO dates,
 * TRUE/FALSE, error codes such as #N/A, formulas by their cached value.
 *
 * Text cells are read by libfreexl (shared strings, code pages). libfreexl
 * leaves out formulas, reads booleans and error cells as 0/1 and dates by
 * rules of its own, so numbers, dates, booleans, errors and formula
 * results are read here from the workbook stream's records (xls_biff.c),
 * with the .xlsx reader's cell rules.
 *
 * Memory: libfreexl loads the whole workbook and this reader the cells of
 * the sheet being read; an .xls holds at most 65,536 rows of 256 columns,
 * and libfreexl refuses a sheet of more than 256 MiB of cells.
 *
 * Messages name what is wrong and where, never a value from a cell. */
#ifndef SW_XLS_H
#define SW_XLS_H

#include <stddef.h>

#include "sw/csvio.h"

struct sw_xls;

/* Opens an OLE compound file that holds a workbook. NULL with why on
 * failure (an encrypted workbook, a Word document, a damaged file: each
 * says what to do); why does not repeat the path. */
struct sw_xls *sw_xls_open(const char *path, char *why, size_t whylen);
void sw_xls_close(struct sw_xls *x);

/* Worksheets in workbook order (chart sheets and macro sheets are left
 * out); hidden ones are listed too. Names are owned by x. */
int sw_xls_nsheets(const struct sw_xls *x);
const char *sw_xls_sheet_name(const struct sw_xls *x, int i);
/* 0 visible, 1 hidden, 2 very hidden. */
int sw_xls_sheet_hidden(const struct sw_xls *x, int i);

/* Starts reading sheet i from its first row. 0, or -1 with sw_xls_error. */
int sw_xls_sheet(struct sw_xls *x, int i);
/* The next non-empty row, as sw_xlsx_next: 1, 0 at the end, -1. */
int sw_xls_next(struct sw_xls *x, struct sw_row *row);

const char *sw_xls_error(const struct sw_xls *x);
long sw_xls_errline(const struct sw_xls *x);

#endif
