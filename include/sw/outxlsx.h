/* Listings as an Excel workbook (libxlsxwriter), for lib/out.c and
 * lib/template.c. Cells keep their kind: numbers are number cells, dates
 * date cells, every other value a text cell (an 18-digit ID never becomes
 * a float, a "=..." never a formula). The same data gives the same bytes:
 * the document's dates are fixed and libxlsxwriter's zip entries carry
 * 1980-01-01. */
#ifndef SW_OUTXLSX_H
#define SW_OUTXLSX_H

#include <xlsxwriter.h>

struct sw_xlsx_out;

/* A workbook, written to path by sw_xlsx_out_close; rows go to temporary
 * files meanwhile (memory stays flat). NULL (printed) on failure. */
struct sw_xlsx_out *sw_xlsx_out_open(const char *path);
/* Starts a sheet (a title of 31 characters at most, or NULL for Sheet1)
 * with a bold, frozen header row. */
void sw_xlsx_out_sheet(struct sw_xlsx_out *x, const char *title, int ncols, char *const *names);
/* One row of the current sheet; NULL or "" is a blank cell. types as
 * sw_out_open's ('s' text, 'n' number, 'd' date), NULL all text. A value a
 * worksheet cannot hold (over 32767 characters, past row 1048576) fails
 * the workbook: said once, and sw_xlsx_out_close returns -1. */
void sw_xlsx_out_row(struct sw_xlsx_out *x, const char *const *vals, const char *types);
/* Writes the workbook and frees x. 0, or -1 (printed, the file at path
 * may be partial: the caller's temporary). */
int sw_xlsx_out_close(struct sw_xlsx_out *x);

/* A new workbook with the document properties fixed, so that its bytes
 * depend on its cells alone. constant_memory: rows stream to temporary
 * files (they must then come in order). NULL on failure (printed). */
lxw_workbook *sw_xlsx_workbook(const char *path, int constant_memory);
/* The width for a column whose widest cell takes w terminal columns (a
 * Chinese character is two). */
double sw_xlsx_width(size_t w);

#endif
