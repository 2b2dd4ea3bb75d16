/* Streaming CSV reader over libcsv, and RFC 4180 writing.
 *
 * The reader hands out one record at a time with the physical line where it
 * starts, so messages can name it. Memory is bounded by the longest line.
 * Input may be UTF-8 (a BOM is dropped) or GB18030 (converted with iconv);
 * a line that is not valid UTF-8 or holds a NUL is handed out with bad set
 * so that the caller can reject that row and go on. */
#ifndef SW_CSVIO_H
#define SW_CSVIO_H

#include <stdio.h>

struct sw_csv;

/* Limits on one record, so that one hostile line cannot eat the memory
 * (both readers): a record of more than SW_ROW_BYTES_MAX bytes stops the
 * file there, as unreadable, naming the line where it starts; a record
 * with more fields than the limit (SW_ROW_FIELDS_MAX, Excel's 16384
 * columns, until the header is known; then the header's width and a
 * margin) is handed out with bad set and its first fields only. */
#define SW_ROW_BYTES_MAX (2 << 20)
#define SW_ROW_FIELDS_MAX 16384

struct sw_row {
	long line;		/* physical line where the record starts */
	int nf;			/* number of fields */
	char **f;		/* NUL-terminated fields, valid until the next call */
	const char *bad;	/* non-NULL: why this record cannot be used */
	int badcell;		/* the field bad is about, + 1 (a workbook's cell); 0: the row */
	const char *kind; /* per field: 's' text, 'n' number, 'd' date, 'b' boolean, 'e' Excel error; NULL: all text (CSV) */
};

/* Opens path ("-" or NULL is stdin). encoding is "utf-8" or "gb18030"
 * (NULL means utf-8). Returns NULL and prints the reason on failure. */
struct sw_csv *sw_csv_open(const char *path, const char *encoding);
/* Reads fp (closed by sw_csv_close unless it is stdin), named name in
 * messages; head[0..nhead) are its first bytes, already read (they must
 * live as long as the reader). encoding may also be "utf-16" (with a BOM)
 * or "utf-16le". With no encoding, UTF-8 or GB18030 is recognised. The
 * field separator is a comma, or a tab or semicolon if those separate the
 * first lines' fields more often. */
struct sw_csv *sw_csv_openf(FILE *fp, const char *name, const char *encoding,
			    const char *head, size_t nhead);
/* The name used in messages: the path, or "-" for stdin. */
const char *sw_csv_name(const struct sw_csv *r);
/* Lines read so far. */
long sw_csv_lines(const struct sw_csv *r);

/* 1: a record in *row; 0: end of input; -1: the file cannot be read on
 * (malformed quoting, bad encoding, read error): sw_csv_error says why and
 * sw_csv_errline where. */
int sw_csv_next(struct sw_csv *r, struct sw_row *row);
const char *sw_csv_error(const struct sw_csv *r);
/* Fields a record may have from now on (see SW_ROW_FIELDS_MAX). */
void sw_csv_max_fields(struct sw_csv *r, int n);
long sw_csv_errline(const struct sw_csv *r);
/* The encoding (enum sw_enc, sw/enc.h) to write a file for whoever wrote
 * this one: GB18030 for GB18030, UTF-8 with a BOM for a BOM or UTF-16,
 * else UTF-8. Known once the first record is read. */
int sw_csv_encoding(const struct sw_csv *r);

void sw_csv_close(struct sw_csv *r);

/* Writes one field with RFC 4180 quoting, only where needed. */
void sw_csv_put(FILE *fp, const char *s);
/* Writes n fields and a LF. NULL fields are empty. */
void sw_csv_put_row(FILE *fp, char *const *f, int n);

#endif
