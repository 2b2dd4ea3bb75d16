/* Inside the .xlsx reader: what lib/xlsx*.c share. Programs include
 * sw/xlsx.h; the unit tests include this too, to test the cell rules.
 *
 *   xlsx.c        the package: open, workbook, relationships, sheet list
 *   xlsx_xml.c    streaming one part through expat (hostile input refused)
 *   xlsx_parts.c  styles.xml and sharedStrings.xml, read whole
 *   xlsx_sheet.c  a worksheet, one row per call
 *   xlsx_cell.c   the cell rules: numbers, dates, escapes, references */
#ifndef SW_XLSXPRIV_H
#define SW_XLSXPRIV_H

#include <expat.h>
#include <stdint.h>
#include <zip.h>

#include "sw/csvio.h"
#include "sw/xlsx.h"

#define SW_XLSX_CHUNK (256 * 1024)	/* bytes of a part fed to expat at once */
#define SW_XLSX_COLS 16384		/* A..XFD */
#define SW_XLSX_ROWS 1048576L
#define SW_XLSX_CELL_MAX 32767		/* characters in one cell, as Excel */
/* Raw text of one cell before _xHHHH_ escapes are decoded: every character
 * may be written as a 7-byte escape. */
#define SW_XLSX_RAW_MAX (7 * SW_XLSX_CELL_MAX)
#define SW_XLSX_ROW_MAX SW_ROW_BYTES_MAX	/* bytes of text in one row (csvio.h) */
#define SW_XLSX_SST_MAX (1u << 30)	/* the shared-string table in memory */
#define SW_XLSX_XF_MAX (1 << 20)	/* cell formats (Excel allows 64000) */
#define SW_XLSX_SHEETS_MAX 65535

/* One part streamed through expat. Handlers get the struct sw_xml as user
 * data and find their own state in ud. */
struct sw_xml {
	zip_file_t *zf;
	XML_Parser p;
	const char *part;	/* for messages; not owned */
	void *ud;
	char *raw;		/* bytes read from the zip, not yet given to expat */
	size_t carry;		/* bytes at raw[0] left from the last chunk */
	int check;		/* UTF-8 input: bad bytes are marked, not fatal */
	int marked;		/* a mark was put in place of bad bytes */
	int started, last, suspended, finished, done;
	char err[200];		/* set by a handler that stopped the parse */
};

/* Bad bytes are replaced by noncharacters (UTF-8 of U+FDD0..U+FDD2), valid
 * in XML text but not in names, so that expat goes on and only the cell
 * that holds them is refused. */
#define SW_XML_MARK_BAD "\xef\xb7\x90"	/* invalid UTF-8 */
#define SW_XML_MARK_NUL "\xef\xb7\x91"	/* a NUL byte */
#define SW_XML_MARK_CTL "\xef\xb7\x92"	/* a control character XML forbids */

/* Opens part of z for streaming with the given handlers (any may be NULL).
 * 0, or -1 with why set. */
int sw_xml_open(struct sw_xml *s, zip_t *z, const char *part, void *ud,
		XML_StartElementHandler start, XML_EndElementHandler end,
		XML_CharacterDataHandler text, char *why, size_t whylen);
/* Feeds expat the next chunk, or resumes it after a handler suspended it
 * with XML_StopParser(p, XML_TRUE). 1 while there is more, 0 at the end
 * of the part (or after sw_xml_finish), -1 with s->err set. */
int sw_xml_step(struct sw_xml *s);
/* sw_xml_step until the end: 0 or -1. */
int sw_xml_run(struct sw_xml *s);
/* From a handler: stops the parse with an error (a message without a
 * value from the part), or as finished. */
void sw_xml_fail(struct sw_xml *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sw_xml_finish(struct sw_xml *s);
void sw_xml_close(struct sw_xml *s);
/* The name without its namespace prefix ("x:row" -> "row"). */
const char *sw_xml_local(const char *name);
/* The value of the attribute with this local name, or NULL (xmlns
 * declarations are never matched). */
const char *sw_xml_attr(const char **atts, const char *local);
/* Why s[0..n) cannot be used if it holds a mark, else NULL. */
const char *sw_xml_marked(const char *s, size_t n);
/* 1 if z has the part (names compared without case, as OPC says). */
int sw_xml_has(zip_t *z, const char *part);
/* A lowercase message for a libzip error. */
const char *sw_xml_ziperr(zip_error_t *e);

/* Number format classes of a cell style. */
enum { SW_FMT_NUMBER, SW_FMT_DATE, SW_FMT_TIME };
int sw_xlsx_builtin_class(int numfmt);
int sw_xlsx_format_class(const char *code);

/* The text of a number cell's value: 1 with out written if v is an integer
 * in exponent form under 1e21 (out holds at least 24 bytes), 0 if v is to
 * be kept as written, -1 if v is not a number. */
int sw_xlsx_number(const char *v, char *out);
/* The value of a number that sw_xlsx_number accepts (not through strtod,
 * which follows the locale). */
double sw_xlsx_serial(const char *v);
/* A date serial as ISO text in out (at least 20 bytes) for a cell of
 * class cls: 0, -1 for Excel's nonexistent 1900-02-29 (serial 60), -2 if
 * it is no date (negative, or past 9999-12-31). */
int sw_xlsx_date(double v, int date1904, int cls, char *out);
/* An ISO 8601 value of a t="d" cell ("2026-10-05T08:30:00") in our form.
 * 0, or -1 if it is not one. */
int sw_xlsx_isodate(const char *v, char *out);
/* Decodes _xHHHH_ escapes in s[0..n) in place (UTF-16 pairs joined) and
 * returns the new length. *bad is set to a reason when an escape gives a
 * NUL or an unpaired surrogate; that escape is left as it is. */
size_t sw_xlsx_unescape(char *s, size_t n, const char **bad);
/* Characters in s[0..n) counted as Excel does (UTF-16 units). */
size_t sw_xlsx_units(const char *s, size_t n);
/* Parses a cell reference ("AB12"): 0 with *col (0-based) and *row, -1 if
 * malformed. Columns past XFD and rows past 1048576 are returned as
 * SW_XLSX_COLS and SW_XLSX_ROWS + 1 for the caller to refuse. */
int sw_xlsx_ref(const char *r, int *col, long *row);
/* A row number attribute: the number, or -1 if malformed; past 1048576
 * is SW_XLSX_ROWS + 1. */
long sw_xlsx_rownum(const char *s);

/* Cell styles and shared strings (xlsx_parts.c). */
struct sw_xlsx_parts {
	unsigned char *xf;	/* class of each cellXfs entry */
	int nxf;
	char *sst;		/* shared strings, NUL-terminated, end to end */
	size_t sstlen;
	uint32_t *sstoff;	/* where each starts in sst */
	unsigned char *sstbad;	/* per string: why it cannot be used, as a code */
	size_t nsst, sstcap, offcap;
};
/* Reads styles and shared strings (each may be NULL: no such part).
 * 0, or -1 with why set. */
int sw_xlsx_parts_load(struct sw_xlsx_parts *t, zip_t *z, const char *styles,
		       const char *sst, char *why, size_t whylen);
void sw_xlsx_parts_free(struct sw_xlsx_parts *t);
/* Why shared string i cannot be used, or NULL. */
const char *sw_xlsx_sst_bad(const struct sw_xlsx_parts *t, size_t i);

/* The row being assembled (xlsx_sheet.c). */
struct sw_xlsx_rows {
	long line, prev;	/* this row's number, the last row's */
	int col;		/* column of the current cell, -1 before the first */
	int last;		/* last non-empty column + 1 */
	char t;			/* current cell: 's' shared, 'i' inline, 'r' formula
				 * string, 'b', 'e', 'n', 'd'; 0 outside a cell */
	int xf;
	size_t start;		/* where the cell's text starts in arena */
	int in_data, in_row, in_v, in_is, in_t, rph;
	int formula;		/* the cell has a formula (<f>) */
	int ready;		/* a row is complete: the parser is suspended */
	char *arena;		/* arena[0] is the "" of every empty field */
	size_t alen, acap;
	size_t *off;		/* per column: where its text is in arena */
	char *kind;		/* per column, NUL after the last */
	char **f;
	int cap;
	const char *bad;
	int badcol;
};

/* Starts streaming a worksheet part: 0 or -1 with x's error set. */
int sw_xlsx_rows_open(struct sw_xlsx *x, const char *part);
/* The next row, as sw_xlsx_next. */
int sw_xlsx_rows_next(struct sw_xlsx *x, struct sw_row *row);
void sw_xlsx_rows_close(struct sw_xlsx *x);
void sw_xlsx_rows_free(struct sw_xlsx_rows *r);

struct sw_xlsx_sheetinfo {
	char *name;
	char *rid;		/* relationship id, while opening */
	char *part;		/* the worksheet part, NULL if the workbook has none */
	int hidden;
};

struct sw_xlsx {
	zip_t *zip;
	int date1904;
	struct sw_xlsx_sheetinfo *sheets;
	int nsheets, sheetcap;
	char *styles_part, *sst_part;	/* NULL: the workbook has none */
	int loaded;			/* parts: 0 not yet, 1 read, -1 failed */
	char loaderr[200];
	struct sw_xlsx_parts parts;
	int cur;			/* the sheet being read, -1 none */
	struct sw_xml xml;
	struct sw_xlsx_rows rows;
	char err[240];
	long errline;
};

#endif
