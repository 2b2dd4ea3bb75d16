/* The .xls reader (see sw/xls.h): libfreexl for the text cells, the
 * records read in xls_biff.c for the rest, put together one row at a time
 * in the .xlsx reader's shape. */
#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/text.h"
#include "sw/xls.h"
#include "sw/xlspriv.h"
#include "sw/xlsxpriv.h"

struct sw_xls {
	const void *fx;			/* libfreexl's handle */
	unsigned char *w;		/* the workbook stream */
	size_t wn;
	struct sw_xls_book book;
	int *sheet;			/* worksheets: their index in the book */
	int nsheets;
	int cur;			/* the sheet being read, -1 none */
	unsigned rows, cols;		/* libfreexl's dimensions of it */
	struct sw_xls_cells cells;	/* its cells from the records */
	size_t next;			/* the first of them not handed out */
	uint32_t row;			/* the next row to look at */
	uint32_t end;			/* past the last row */
	char *arena;			/* the row's text */
	size_t alen, acap;
	char **f;
	char *kind;
	size_t *off;
	int cap, badcol;
	char err[240];
	long errline;
};

static const char *damaged = N_("a damaged Excel 97-2003 workbook (.xls): open it in Excel or "
				"WPS and save it as .xlsx or CSV UTF-8");

/* The whole file, at most SW_XLS_FILE_MAX bytes. NULL with why. */
static unsigned char *slurp(const char *path, size_t *n, char *why, size_t whylen)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		sw_msg(why, whylen, "%s", strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, len = 0, k;
	unsigned char *p = sw_xmalloc(cap);
	while ((k = fread(p + len, 1, cap - len, fp)) > 0) {
		len += k;
		if (len == cap && cap < SW_XLS_FILE_MAX + 1) {
			cap = 2 * cap > SW_XLS_FILE_MAX + 1 ? SW_XLS_FILE_MAX + 1 : 2 * cap;
			p = sw_xrealloc(p, cap);
		}
		if (len > SW_XLS_FILE_MAX)
			break;
	}
	int bad = ferror(fp), e = errno;
	fclose(fp);
	if (bad || len > SW_XLS_FILE_MAX) {
		sw_msg(why, whylen, "%s", bad ? strerror(e) : _("an .xls file larger than 512 MiB"));
		free(p);
		return NULL;
	}
	*n = len;
	return p;
}

/* Every sheet's records read before libfreexl is asked to open the
 * workbook, which it does whole, taking the sheets one after the other
 * where this reader goes by the offsets the workbook lists: sheets not
 * where the list says, or damaged, are refused here, and so are numbers
 * past 9999-12-31 in date cells (dates typed as digits, 19500315, in a
 * column formatted as dates), over which libfreexl would take seconds a
 * cell; the first such cell is named. 0 or -1 with why. */
static int precheck(struct sw_xls *x, char *why, size_t whylen)
{
	size_t at = x->book.end;
	for (int i = 0; i < x->book.nsheets; i++) {
		struct sw_xls_cells c;
		if (x->book.sheet[i].pos != at || sw_xls_substream_end(x->w, x->wn, at, &at) != 0) {
			sw_msg(why, whylen, "%s", _(damaged));
			return -1;
		}
		if (x->book.sheet[i].type != 0)
			continue;
		if (sw_xls_cells_read(x->w, x->wn, &x->book, i, &c, why, whylen) != 0) {
			sw_msg(why, whylen, "%s", _(damaged));
			return -1;
		}
		int col = c.slow_col;
		uint32_t row = c.slow_row;
		sw_xls_cells_free(&c);
		if (col >= 0) {
			char ref[4];
			sw_xlsx_colname(col, ref);
			sw_msg(why, whylen, _("sheet %d, cell %s%lu: a date cell holds a number past "
			       "9999-12-31 (a date typed as digits?), which the .xls reader cannot "
			       "read: type it as a date, or save the workbook as .xlsx"),
			       i + 1, ref, (unsigned long)row + 1);
			return -1;
		}
	}
	return 0;
}

struct sw_xls *sw_xls_open(const char *path, char *why, size_t whylen)
{
	size_t n;
	unsigned char *p = slurp(path, &n, why, whylen);
	if (!p)
		return NULL;
	struct sw_xls *x = sw_xcalloc(1, sizeof *x);
	x->cur = -1;
	int rc = sw_xls_stream(p, n, &x->w, &x->wn, why, whylen);
	free(p);
	if (rc == 0)
		rc = sw_xls_globals(x->w, x->wn, &x->book, why, whylen);
	if (rc == 0)
		rc = precheck(x, why, whylen);
	unsigned count = 0;	/* (a password, FILEPASS, was refused with the globals) */
	if (rc == 0 && (freexl_open(path, &x->fx) != FREEXL_OK ||
			freexl_get_info(x->fx, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK ||
			count != (unsigned)x->book.nsheets)) {
		sw_msg(why, whylen, "%s", _(damaged));
		rc = -1;
	}
	if (rc != 0) {
		sw_xls_close(x);
		return NULL;
	}
	x->sheet = sw_xcalloc((size_t)count + 1, sizeof *x->sheet);
	for (int i = 0; i < x->book.nsheets; i++)
		if (x->book.sheet[i].type == 0)
			x->sheet[x->nsheets++] = i;
	return x;
}

void sw_xls_close(struct sw_xls *x)
{
	if (!x)
		return;
	if (x->fx)
		freexl_close(x->fx);
	free(x->w);
	sw_xls_book_free(&x->book);
	sw_xls_cells_free(&x->cells);
	free(x->sheet);
	free(x->arena);
	free(x->f);
	free(x->kind);
	free(x->off);
	free(x);
}

int sw_xls_nsheets(const struct sw_xls *x) { return x->nsheets; }
const char *sw_xls_error(const struct sw_xls *x) { return x->err; }
long sw_xls_errline(const struct sw_xls *x) { return x->errline; }

const char *sw_xls_sheet_name(const struct sw_xls *x, int i)
{
	const char *name = NULL;
	if (i < 0 || i >= x->nsheets ||
	    freexl_get_worksheet_name(x->fx, (unsigned short)x->sheet[i], &name) != FREEXL_OK)
		return NULL;
	return name ? name : "";
}

int sw_xls_sheet_hidden(const struct sw_xls *x, int i)
{
	return i >= 0 && i < x->nsheets ? x->book.sheet[x->sheet[i]].hidden : 0;
}

int sw_xls_sheet(struct sw_xls *x, int i)
{
	unsigned short cols = 0;
	x->cur = -1;
	x->err[0] = 0;
	x->errline = 0;
	sw_xls_cells_free(&x->cells);
	if (i < 0 || i >= x->nsheets) {
		sw_msg(x->err, sizeof x->err, _("no sheet %d (the workbook has %d)"), i + 1, x->nsheets);
		return -1;
	}
	if (freexl_select_active_worksheet(x->fx, (unsigned short)x->sheet[i]) != FREEXL_OK ||
	    freexl_worksheet_dimensions(x->fx, &x->rows, &cols) != FREEXL_OK) {
		sw_msg(x->err, sizeof x->err, "%s", _(damaged));
		return -1;
	}
	x->cols = cols;
	if (sw_xls_cells_read(x->w, x->wn, &x->book, x->sheet[i], &x->cells, x->err,
			      sizeof x->err) != 0)
		return -1;
	x->end = x->cells.n ? x->cells.c[x->cells.n - 1].row + 1 : 0;
	if (x->rows > x->end)
		x->end = x->rows;
	x->row = 0;
	x->next = 0;
	x->cur = i;
	return 0;
}

/* Room for column col and n more bytes of text. */
static void room(struct sw_xls *x, int col, size_t n)
{
	if (col >= x->cap) {
		int cap = x->cap ? x->cap : 64;
		while (cap <= col)
			cap *= 2;
		x->f = sw_xrealloc(x->f, (size_t)cap * sizeof *x->f);
		x->kind = sw_xrealloc(x->kind, (size_t)cap + 1);
		x->off = sw_xrealloc(x->off, (size_t)cap * sizeof *x->off);
		x->cap = cap;
	}
	if (x->alen + n > x->acap) {
		while (x->alen + n > x->acap)
			x->acap = x->acap ? 2 * x->acap : 4096;
		x->arena = sw_xrealloc(x->arena, x->acap);
	}
}

/* Why a text cell from libfreexl cannot be used, or NULL. */
static const char *text_bad(const char *s, size_t n)
{
	if (!sw_utf8_valid(s, n))
		return N_("invalid UTF-8");
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return N_("control character in data");
	if (sw_xlsx_units(s, n) > SW_XLSX_CELL_MAX)
		return N_("text longer than 32767 characters");
	return NULL;
}

/* Cell (row, col) from libfreexl: its text, kind and why it is bad. Only
 * text is taken from there; a number that the records did not give is a
 * record this reader does not know. */
static const char *freexl_cell(struct sw_xls *x, uint32_t row, int col, char *kind,
			       const char **bad)
{
	FreeXL_CellValue v;
	*kind = 's';
	*bad = NULL;
	if (row >= x->rows || (unsigned)col >= x->cols ||
	    freexl_get_cell_value(x->fx, row, (unsigned short)col, &v) != FREEXL_OK ||
	    v.type == FREEXL_CELL_NULL)
		return "";
	if (v.type == FREEXL_CELL_TEXT || v.type == FREEXL_CELL_SST_TEXT) {
		const char *s = v.value.text_value ? v.value.text_value : "";
		*bad = text_bad(s, strlen(s));
		return s;
	}
	*bad = N_("a cell this reader cannot read: save the workbook as .xlsx");
	return "";
}

/* Puts row r together: the records' cells where there are some, text from
 * libfreexl elsewhere. Returns the number of fields (0: an empty row). */
static int build(struct sw_xls *x, uint32_t r, const char **bad)
{
	int last = 0, ncols = (int)x->cols;
	size_t first = x->next;
	while (x->next < x->cells.n && x->cells.c[x->next].row == r)
		x->next++;
	if (x->next > first && x->cells.c[x->next - 1].col + 1 > ncols)
		ncols = x->cells.c[x->next - 1].col + 1;
	x->alen = 1;
	room(x, 0, 1);
	x->arena[0] = 0;
	*bad = NULL;
	x->badcol = -1;
	for (int c = 0, k = (int)first; c < ncols; c++) {
		char kind;
		const char *why, *s;
		if (k < (int)x->next && x->cells.c[k].col == c) {
			const struct sw_xls_cell *e = &x->cells.c[k++];
			s = x->cells.text + e->off;
			kind = e->kind;
			why = e->bad;
		} else
			s = freexl_cell(x, r, c, &kind, &why);
		size_t n = strlen(s);
		room(x, c, n + 1);
		x->off[c] = 0;
		x->kind[c] = 's';
		if (!n && !why)
			continue;	/* empty: "" */
		x->off[c] = x->alen;
		x->kind[c] = kind;
		memcpy(x->arena + x->alen, s, n + 1);
		x->alen += n + 1;
		last = c + 1;
		if (why && !*bad) {
			*bad = why;
			x->badcol = c;
		}
	}
	return last;
}

int sw_xls_next(struct sw_xls *x, struct sw_row *row)
{
	if (x->cur < 0) {
		if (!x->err[0])
			sw_msg(x->err, sizeof x->err, _("no sheet chosen"));
		return -1;
	}
	while (x->row < x->end) {
		uint32_t r = x->row++;
		const char *bad;
		int n = build(x, r, &bad);
		if (n == 0)
			continue;
		for (int c = 0; c < n; c++)
			x->f[c] = x->arena + x->off[c];
		x->kind[n] = 0;
		row->line = (long)r + 1;
		row->nf = n;
		row->f = x->f;
		row->kind = x->kind;
		row->bad = bad ? _(bad) : NULL;	/* kept as msgids until here */
		row->badcell = bad ? x->badcol + 1 : 0;
		x->errline = row->line;
		return 1;
	}
	return 0;
}
