/* Inside the .xls reader: what lib/xls*.c share, and the unit tests and
 * the fuzz harness use.
 *
 *   xls.c       the reader: libfreexl for text, rows put together
 *   xls_cfb.c   the compound file: the workbook stream out of it
 *   xls_biff.c  the workbook stream's records */
#ifndef SW_XLSPRIV_H
#define SW_XLSPRIV_H

#include <stddef.h>
#include <stdint.h>

#define SW_XLS_FILE_MAX (512u << 20)	/* bytes of an .xls read into memory */

/* Little-endian fields. */
static inline uint16_t le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The workbook stream ("Workbook", or "Book" for Excel 5) of the compound
 * file p[0..n), copied into *w (free it). 0, or -1 with why: a message
 * for the user (encrypted, a Word document, damaged...). */
int sw_xls_stream(const unsigned char *p, size_t n, unsigned char **w, size_t *wn,
		  char *why, size_t whylen);

/* What the workbook globals say. */
struct sw_xls_book {
	int biff;		/* 5 or 8 */
	int date1904;
	unsigned char *xfcls;	/* number format class of each cell format */
	unsigned char *xfslow;	/* 1 if libfreexl takes the format for a date */
	int nxf;
	struct sw_xls_bsheet {
		uint32_t pos;	/* where its records start in the stream */
		int hidden;	/* 0, 1 hidden, 2 very hidden */
		int type;	/* 0 worksheet, others: chart, macro, module */
	} *sheet;
	int nsheets;
	size_t end;		/* where the globals end */
};
/* Reads the globals of stream w[0..n). 0, or -1 with why (a password is
 * "encrypted workbook: save it without a password"). */
int sw_xls_globals(const unsigned char *w, size_t n, struct sw_xls_book *b,
		   char *why, size_t whylen);
void sw_xls_book_free(struct sw_xls_book *b);
/* Where the substream (BOF to its EOF) at pos ends, in *end: 0, or -1 if
 * it does not start with BOF or its records run out first. */
int sw_xls_substream_end(const unsigned char *w, size_t n, size_t pos, size_t *end);

/* The cells of a sheet that the reader takes from the records rather than
 * from libfreexl: numbers, dates, booleans, errors, formula results. */
struct sw_xls_cell {
	uint32_t row;
	uint16_t col;
	char kind;		/* 'n', 'd', 's', 'b', 'e' */
	const char *bad;	/* why the cell cannot be used, or NULL */
	size_t off;		/* its text in the cells' text */
	size_t seq;		/* record order, so that a later duplicate wins */
};
struct sw_xls_cells {
	struct sw_xls_cell *c;
	size_t n, cap;
	char *text;
	size_t tlen, tcap;
	/* The first number past 9999-12-31 (below 2^31) in a cell that
	 * libfreexl takes for a date; slow_col -1 if none. libfreexl counts
	 * the days of such a date one by one: seconds a cell, while it opens
	 * the workbook. */
	uint32_t slow_row;
	int slow_col;
};
/* Reads sheet i's cells, sorted by row and column, one per cell. 0, or -1
 * with why (the sheet's records are damaged). */
int sw_xls_cells_read(const unsigned char *w, size_t n, const struct sw_xls_book *b, int i,
		      struct sw_xls_cells *out, char *why, size_t whylen);
void sw_xls_cells_free(struct sw_xls_cells *c);

/* A double as Excel writes it into an .xlsx: the shortest text that reads
 * back as v, and an integer in digits, not exponent form. out holds at
 * least 32 bytes. */
void sw_xls_number(double v, char *out);

#endif
