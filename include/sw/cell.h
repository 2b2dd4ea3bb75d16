/* Cells made safe for where they are read: a spreadsheet opening a CSV or
 * TSV file (formula injection), a terminal (escape sequences) and Markdown
 * (HTML and markup). See sw(7), "Output". */
#ifndef SW_CELL_H
#define SW_CELL_H

#include <stdio.h>

/* --raw: CSV and TSV cells are written as stored, formulas and all (for
 * pipes into programs that are not spreadsheets). Set by cmd/common.c. */
extern int sw_cell_raw;

/* 1 if a spreadsheet would read s as a formula: it begins with = + - @,
 * TAB or CR and is not a number ("-5", "+3.5" and "-1e3" are numbers); or
 * s is "'" and such a value, so that a stored "'=x" survives a round trip. */
int sw_cell_formula(const char *s);
/* s as a spreadsheet cell: "'" + s when s is a formula and not --raw,
 * else s itself. *q is what to free (NULL when s is returned). */
const char *sw_cell_safe(const char *s, char **q);
/* Writes s as one CSV field (no separator), made safe as above. */
void sw_cell_put(FILE *fp, const char *s);
/* Reading back: s past the "'" that sw_cell_safe put before a formula. */
const char *sw_cell_unquote(const char *s);

/* s for a terminal, every control character visible: TAB, LF and CR as
 * \t \n \r, the other C0 characters and DEL as \xHH, the C1 characters
 * (U+0080..U+009F) as \u00HH, bytes that are not UTF-8 as \xHH. Caller
 * frees. */
char *sw_cell_visible(const char *s);
/* s for a Markdown table cell: visible as above, then < > & as HTML
 * entities and the Markdown metacharacters \ ` * _ [ ] ~ | behind a
 * backslash. Caller frees. */
char *sw_cell_md(const char *s);

#endif
