/* A worksheet, one row per call. expat pushes; callers pull: the end of a
 * row suspends the parser, and the next call resumes it. The row's text
 * lives in one arena that is reused for every row, so memory stays flat
 * however long the sheet is. */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/xlsxpriv.h"

static void room(struct sw_xlsx_rows *r, size_t n)
{
	if (r->alen + n <= r->acap)
		return;
	while (r->alen + n > r->acap)
		r->acap *= 2;
	r->arena = sw_xrealloc(r->arena, r->acap);
}

/* "cell C5" for messages: where, never what. */
static const char *where(const struct sw_xlsx_rows *r, char *buf, size_t n)
{
	char col[4];
	sw_xlsx_colname(r->col, col);
	sw_msg(buf, n, _("cell %s%ld"), col, r->line);
	return buf;
}

/* Appends s[0..n) to the current cell's text, within the limit on a row. */
static int append(struct sw_xml *s, struct sw_xlsx_rows *r, const char *t, size_t n)
{
	if (r->alen + n > SW_XLSX_ROW_MAX) {
		sw_xml_fail(s, _("row longer than 2 MiB"));
		return -1;
	}
	room(r, n + 1);
	memcpy(r->arena + r->alen, t, n);
	r->alen += n;
	return 0;
}

static void start_row(struct sw_xml *s, struct sw_xlsx_rows *r, const char **atts)
{
	const char *a = sw_xml_attr(atts, "r");
	long n = a ? sw_xlsx_rownum(a) : r->prev + 1;
	if (n < 1) {
		sw_xml_fail(s, _("bad row number"));
		return;
	}
	if (n > SW_XLSX_ROWS) {
		sw_xml_fail(s, _("row number beyond %ld"), SW_XLSX_ROWS);
		return;
	}
	if (n <= r->prev) {
		sw_xml_fail(s, _("row numbers out of order"));
		return;
	}
	r->line = n;
	r->in_row = 1;
	r->col = -1;
	r->last = 0;
	r->alen = 1;
	r->bad = NULL;
	r->badcol = -1;
}

static char cell_type(const char *t)
{
	if (!t || strcmp(t, "n") == 0)
		return 'n';
	if (strcmp(t, "s") == 0)
		return 's';
	if (strcmp(t, "inlineStr") == 0)
		return 'i';
	if (strcmp(t, "b") == 0 || strcmp(t, "e") == 0 || strcmp(t, "d") == 0)
		return t[0];
	return 'r';	/* "str", a formula's text, and whatever else: text */
}

static void start_cell(struct sw_xml *s, struct sw_xlsx_rows *r, const char **atts)
{
	const char *ref = sw_xml_attr(atts, "r"), *xf = sw_xml_attr(atts, "s");
	int col = r->col + 1;
	long row;
	if (ref && sw_xlsx_ref(ref, &col, &row) != 0) {
		sw_xml_fail(s, _("bad cell reference"));
		return;
	}
	if (col >= SW_XLSX_COLS) {
		sw_xml_fail(s, _("cell reference beyond column XFD"));
		return;
	}
	if (col <= r->col) {
		sw_xml_fail(s, _("cell references out of order"));
		return;
	}
	if (col >= r->cap) {
		int cap = r->cap ? r->cap : 64;
		while (cap <= col)
			cap *= 2;
		r->off = sw_xrealloc(r->off, (size_t)cap * sizeof *r->off);
		r->kind = sw_xrealloc(r->kind, (size_t)cap + 1);
		r->f = sw_xrealloc(r->f, (size_t)cap * sizeof *r->f);
		r->cap = cap;
	}
	for (int c = r->col + 1; c < col; c++) {	/* skipped columns are "" */
		r->off[c] = 0;
		r->kind[c] = 's';
	}
	r->col = col;
	r->t = cell_type(sw_xml_attr(atts, "t"));
	long style = xf ? strtol(xf, NULL, 10) : 0;
	r->xf = style < 0 || style > SW_XLSX_XF_MAX ? -1 : (int)style;
	r->start = r->alen;
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sw_xml *s = ud;
	struct sw_xlsx_rows *r = &((struct sw_xlsx *)s->ud)->rows;
	name = sw_xml_local(name);
	if (!r->in_data) {
		r->in_data = strcmp(name, "sheetData") == 0;
	} else if (r->t) {
		if (strcmp(name, "v") == 0)
			r->in_v = 1;
		else if (strcmp(name, "f") == 0)
			r->formula = 1;
		else if (strcmp(name, "is") == 0)
			r->in_is = 1;
		else if (r->in_is && strcmp(name, "rPh") == 0)
			r->rph++;
		else if (r->in_is && !r->rph && strcmp(name, "t") == 0)
			r->in_t = 1;
	} else if (r->in_row) {
		if (strcmp(name, "c") == 0)
			start_cell(s, r, atts);
	} else if (strcmp(name, "row") == 0)
		start_row(s, r, atts);
}

static void XMLCALL sheet_text(void *ud, const XML_Char *t, int len)
{
	struct sw_xml *s = ud;
	struct sw_xlsx_rows *r = &((struct sw_xlsx *)s->ud)->rows;
	char buf[32];
	if (!r->in_v && !r->in_t)
		return;
	if (r->alen - r->start + (size_t)len > SW_XLSX_RAW_MAX) {
		sw_xml_fail(s, _("%s: text longer than %d characters"),
			    where(r, buf, sizeof buf), SW_XLSX_CELL_MAX);
		return;
	}
	append(s, r, t, (size_t)len);
}

/* The text of the current cell becomes s. */
static int set_text(struct sw_xml *s, struct sw_xlsx_rows *r, const char *t, size_t n)
{
	r->alen = r->start;
	return append(s, r, t, n);
}

/* Shared string i as the current cell's text. */
static int shared(struct sw_xml *s, struct sw_xlsx *x, const char *v, const char **bad)
{
	const struct sw_xlsx_parts *t = &x->parts;
	char *end;
	unsigned long i = strtoul(v, &end, 10);
	if (*end || end == v || *v == '-' || *v == '+' || i >= t->nsst) {
		*bad = N_("shared string index out of range");
		return set_text(s, &x->rows, "", 0);
	}
	size_t from = t->sstoff[i], to = i + 1 < t->nsst ? t->sstoff[i + 1] : t->sstlen;
	*bad = sw_xlsx_sst_bad(t, i);
	return set_text(s, &x->rows, t->sst + from, to - from - 1);
}

/* A number cell: a date if its style shows one, else the number as
 * stored. Returns its kind. */
static char number(struct sw_xml *s, struct sw_xlsx *x, const char *v, const char **bad)
{
	struct sw_xlsx_rows *r = &x->rows;
	char out[32];
	int rc = sw_xlsx_number(v, out);
	if (rc < 0) {
		*bad = N_("bad number in a number cell");
		return 'n';
	}
	int cls = r->xf >= 0 && r->xf < x->parts.nxf ? x->parts.xf[r->xf] : SW_FMT_NUMBER;
	if (cls != SW_FMT_NUMBER) {
		int d = sw_xlsx_date(sw_xlsx_serial(v), x->date1904, cls, out);
		if (d == 0) {
			set_text(s, r, out, strlen(out));
			return 'd';
		}
		if (d == -1) {
			*bad = N_("date cell holds Excel's nonexistent 1900-02-29");
			return 'd';
		}
		rc = sw_xlsx_number(v, out);	/* no date: a number after all */
	}
	if (rc == 1)
		set_text(s, r, out, strlen(out));
	return 'n';
}

/* Turns the text of the cell just ended into its value and kind. */
static void end_cell(struct sw_xml *s, struct sw_xlsx *x)
{
	struct sw_xlsx_rows *r = &x->rows;
	const char *bad = NULL;
	char kind = 's', t = r->t, at[32];
	int formula = r->formula;
	r->t = 0;
	r->in_v = r->in_is = r->in_t = r->rph = r->formula = 0;
	room(r, 1);
	r->arena[r->alen] = 0;
	char *v = r->arena + r->start;
	size_t n = r->alen - r->start;
	if (n == 0 && formula)	/* written by a program that does not compute */
		bad = N_("a formula without a computed value: open the workbook in Excel or WPS "
			 "and save it, or paste the column as values");
	else if (n == 0)
		;	/* no value: an empty cell */
	else if (s->marked && (bad = sw_xml_marked(v, n)) != NULL)
		;	/* kept as it is, refused */
	else if (t == 's') {
		if (n && shared(s, x, v, &bad) != 0)
			return;
	} else if (t == 'i' || t == 'r') {
		r->alen = r->start + sw_xlsx_unescape(v, n, &bad);
		if (sw_xlsx_units(v, r->alen - r->start) > SW_XLSX_CELL_MAX) {
			sw_xml_fail(s, _("%s: text longer than %d characters"),
				    where(r, at, sizeof at), SW_XLSX_CELL_MAX);
			return;
		}
	} else if (t == 'b') {
		kind = 'b';
		if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
			set_text(s, r, "TRUE", 4);
		else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
			set_text(s, r, "FALSE", 5);
		else
			bad = N_("bad boolean cell");
	} else if (t == 'e')
		kind = 'e';
	else if (t == 'd') {
		char out[32];
		kind = 'd';
		if (sw_xlsx_isodate(v, out) == 0)
			set_text(s, r, out, strlen(out));
		else
			bad = N_("bad date cell");
	} else
		kind = number(s, x, v, &bad);
	if (s->err[0])
		return;
	room(r, 1);
	r->arena[r->alen] = 0;
	if (r->alen == r->start && !bad) {	/* empty: like a skipped column */
		r->off[r->col] = 0;
		r->kind[r->col] = 's';
		return;
	}
	r->off[r->col] = r->start;
	r->kind[r->col] = kind;
	r->alen++;
	r->last = r->col + 1;
	if (bad && !r->bad) {
		r->bad = bad;
		r->badcol = r->col;
	}
}

/* A row with a value is complete: suspend the parser to hand it out. */
static void end_row(struct sw_xml *s, struct sw_xlsx_rows *r)
{
	r->in_row = 0;
	r->prev = r->line;
	if (r->last == 0)
		return;		/* no values: not a row */
	for (int i = 0; i < r->last; i++)
		r->f[i] = r->arena + r->off[i];
	r->kind[r->last] = 0;
	r->ready = 1;
	XML_StopParser(s->p, XML_TRUE);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
	struct sw_xml *s = ud;
	struct sw_xlsx *x = s->ud;
	struct sw_xlsx_rows *r = &x->rows;
	if (!r->in_data)
		return;
	name = sw_xml_local(name);
	if (r->t) {
		if (strcmp(name, "v") == 0)
			r->in_v = 0;
		else if (strcmp(name, "t") == 0)
			r->in_t = 0;
		else if (strcmp(name, "rPh") == 0 && r->rph > 0)
			r->rph--;
		else if (strcmp(name, "is") == 0)
			r->in_is = 0;
		else if (strcmp(name, "c") == 0)
			end_cell(s, x);
	} else if (r->in_row) {
		if (strcmp(name, "row") == 0)
			end_row(s, r);
	} else if (strcmp(name, "sheetData") == 0)
		sw_xml_finish(s);	/* the rest of the part holds no cells */
}

int sw_xlsx_rows_open(struct sw_xlsx *x, const char *part)
{
	struct sw_xlsx_rows *r = &x->rows;
	r->line = r->prev = 0;
	r->col = -1;
	r->last = r->xf = 0;
	r->t = 0;
	r->in_data = r->in_row = r->in_v = r->in_is = r->in_t = r->rph = 0;
	r->ready = 0;
	r->bad = NULL;
	r->badcol = -1;
	if (!r->arena) {
		r->acap = 64 * 1024;
		r->arena = sw_xmalloc(r->acap);
	}
	r->arena[0] = 0;
	r->alen = 1;
	return sw_xml_open(&x->xml, x->zip, part, x, sheet_start, sheet_end, sheet_text,
			   x->err, sizeof x->err);
}

int sw_xlsx_rows_next(struct sw_xlsx *x, struct sw_row *row)
{
	struct sw_xlsx_rows *r = &x->rows;
	if (x->err[0])
		return -1;
	r->ready = 0;
	for (;;) {
		int rc = sw_xml_step(&x->xml);
		if (r->ready) {
			row->line = r->line;
			row->nf = r->last;
			row->f = r->f;
			row->kind = r->kind;
			row->bad = r->bad ? _(r->bad) : NULL;	/* kept as msgids until here */
			row->badcell = r->bad ? r->badcol + 1 : 0;
			return 1;
		}
		if (rc < 0) {
			sw_msg(x->err, sizeof x->err, "%s", x->xml.err);
			x->errline = r->in_row ? r->line : r->prev;
			return -1;
		}
		if (rc == 0)
			return 0;
	}
}

void sw_xlsx_rows_close(struct sw_xlsx *x)
{
	sw_xml_close(&x->xml);
	x->cur = -1;
}

void sw_xlsx_rows_free(struct sw_xlsx_rows *r)
{
	free(r->arena);
	free(r->off);
	free(r->kind);
	free(r->f);
	memset(r, 0, sizeof *r);
}
