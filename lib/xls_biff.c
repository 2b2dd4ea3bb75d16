/* The workbook stream's records that libfreexl does not hand out right:
 * the globals (date system, cell formats, sheets), and the number,
 * boolean, error and formula cells of a sheet; and the records libfreexl
 * reads without checking, checked first. Everything read is checked
 * against the bytes there are: a damaged stream is refused, never read
 * past. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/xlspriv.h"
#include "sw/xlsxpriv.h"

static double f64(const unsigned char *p)
{
	uint64_t b = (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
	double d;
	memcpy(&d, &b, sizeof d);
	return d;
}

/* --- the records --- */

#define BOF 0x0809
#define EOF_ 0x000a
#define FILEPASS 0x002f
#define DATEMODE 0x0022
#define FORMAT 0x041e
#define XF 0x00e0
#define BOUNDSHEET 0x0085
#define NUMBER 0x0203
#define RK 0x027e
#define MULRK 0x00bd
#define FORMULA 0x0006
#define STRING 0x0207
#define BOOLERR 0x0205
#define RSTRING 0x00d6
#define DIMENSION 0x0200
#define SST 0x00fc
#define CONTINUE 0x003c
#define LABEL 0x0204
#define SHRFMLA 0x04bc
#define ARRAY 0x0221
#define TABLE 0x0236

/* The record at *pos: 1 with type, length and data, 0 at the end, -1 if
 * it runs past the stream. */
static int record(const unsigned char *w, size_t n, size_t *pos, unsigned *type, size_t *len,
		  const unsigned char **d)
{
	if (*pos + 4 > n)
		return 0;
	*type = le16(w + *pos);
	*len = le16(w + *pos + 2);
	*d = w + *pos + 4;
	if (*pos + 4 + *len > n)
		return -1;
	*pos += 4 + *len;
	return 1;
}

/* A format code's class, from the ASCII of its characters: the rest
 * (Chinese in quotes, 年月日) says nothing about dates. Also sets *slow if
 * libfreexl takes it for a date: it counts the days of a date cell one by
 * one, so a large number in such a cell costs it seconds (slow_col). */
static int format_class(const unsigned char *d, size_t len, int biff, int *slow)
{
	char code[256];
	size_t k = 0, cch, i, wide = 0;
	int y = 0, m = 0, dd = 0;
	const unsigned char *s;
	if (biff == 8) {
		if (len < 5)
			return SW_FMT_NUMBER;
		cch = le16(d + 2);
		wide = d[4] & 1;
		s = d + 5;
		len -= 5;
	} else {
		if (len < 3)
			return SW_FMT_NUMBER;
		cch = d[2];
		s = d + 3;
		len -= 3;
	}
	for (i = 0; i < cch && (i + 1) << wide <= len; i++) {
		unsigned c = wide ? le16(s + 2 * i) : s[i];
		if (!wide && biff == 5 && c >= 0x80)	/* a double-byte character */
			i++, c = ' ';
		y += c == 'y' || c == 'Y';
		m += c == 'm' || c == 'M';
		dd += c == 'd' || c == 'D';
		if (k + 1 < sizeof code)
			code[k++] = c < 0x80 ? (char)c : ' ';
	}
	code[k] = 0;
	*slow = (y && m) || (m && dd);	/* libfreexl's rule */
	return sw_xlsx_format_class(code);
}

/* The next CONTINUE record after *pos as the segment *seg[0..*sl). */
static int next_segment(const unsigned char *w, size_t n, size_t *pos, const unsigned char **seg,
			size_t *sl)
{
	unsigned type;
	return record(w, n, pos, &type, sl, seg) == 1 && type == CONTINUE;
}

/* 1 if libfreexl can read the shared strings d[0..len) and the CONTINUE
 * records from pos on without reading past them, 0 if not, -1 if not for
 * a text that goes on into more than one CONTINUE record (over 8,224
 * bytes: some 4,000 Chinese characters). libfreexl does not check the
 * lengths, and takes it that a string's characters go on into one more
 * record at most and that its header is in one piece; what it takes is
 * checked here, as it does it. */
static int sst_ok(const unsigned char *w, size_t n, size_t pos, const unsigned char *d, size_t len)
{
	if (len < 8)
		return 0;
	uint32_t count = le32(d + 4);
	const unsigned char *seg = d + 8;
	size_t sl = len - 8, p = 0;
	for (uint32_t i = 0; i < count; i++) {
		if (p >= sl) {	/* extra bytes may run into the next record */
			size_t over = p - sl;
			if (!next_segment(w, n, &pos, &seg, &sl) || over > sl)
				return 0;
			p = over;
		}
		if (p + 3 > sl)
			return 0;
		size_t cch = le16(seg + p), fl = seg[p + 2], wide = fl & 1;
		size_t h = 3 + (fl & 8 ? 2 : 0) + (fl & 4 ? 4 : 0);
		if (cch == 0 || p + h > sl)
			return 0;
		size_t skip = (fl & 8 ? 4 * (size_t)le16(seg + p + 3) : 0) +
			      (fl & 4 ? le32(seg + p + 3 + (fl & 8 ? 2 : 0)) : 0);
		p += h;
		if (cch << wide <= sl - p) {
			p += (cch << wide) + skip;
			continue;
		}
		size_t avail = sl - p;	/* the rest in the next record, after a flags byte */
		if ((wide && avail % 2) || !next_segment(w, n, &pos, &seg, &sl) || sl < 1)
			return 0;
		cch -= avail >> wide;
		wide = seg[0] & 1;
		p = 1 + (cch << wide) + skip;
		if (p > sl)
			return 1 + (cch << wide) > sl && next_segment(w, n, &pos, &seg, &sl) ? -1 : 0;
	}
	return 1;
}

/* 1 if libfreexl can read a LABEL or FORMAT record's text: its length
 * is not checked there. At d[at] the characters' count (BIFF8: then
 * flags and extra fields). */
static int text_ok(const unsigned char *d, size_t len, size_t at, int biff)
{
	if (at + 2 > len)
		return 0;
	size_t cch = le16(d + at);
	if (biff != 8)
		return at + 2 + cch <= len;
	if (at + 3 > len)
		return 0;
	size_t fl = d[at + 2];
	return at + 3 + (fl & 8 ? 2 : 0) + (fl & 4 ? 4 : 0) + (cch << (fl & 1)) <= len;
}

int sw_xls_globals(const unsigned char *w, size_t n, struct sw_xls_book *b,
		   char *why, size_t whylen)
{
	const char *damaged = _("a damaged Excel 97-2003 workbook (.xls): open it in Excel or "
				"WPS and save it as .xlsx or CSV UTF-8");
	unsigned char *fmt = sw_xmalloc(65536), *slow = sw_xcalloc(65536, 1);
	uint16_t *ifmt = NULL;
	int cap = 0, rc = -1;
	size_t pos = 0, len;
	unsigned type;
	const unsigned char *d;
	memset(b, 0, sizeof *b);
	memset(fmt, 0xff, 65536);
	int bof = record(w, n, &pos, &type, &len, &d) == 1 && type == BOF && len >= 4;
	if (!bof || (le16(d) != 0x0600 && le16(d) != 0x0500) || le16(d + 2) != 0x0005) {
		sw_msg(why, whylen, "%s", bof && le16(d) < 0x0500
		       ? _("an Excel workbook older than Excel 5: open it in Excel or WPS and save "
			   "it as .xlsx or CSV UTF-8") : damaged);
		goto out;
	}
	b->biff = le16(d) == 0x0600 ? 8 : 5;
	int r, sst = 1;
	while ((r = record(w, n, &pos, &type, &len, &d)) == 1 && type != EOF_) {
		if (type == FILEPASS) {
			sw_msg(why, whylen, _("encrypted workbook: save it without a password"));
			goto out;
		} else if (type == DATEMODE && len >= 2)
			b->date1904 = le16(d) == 1;
		else if ((type == SST && b->biff == 8 && (sst = sst_ok(w, n, pos, d, len)) != 1) ||
			 (type == FORMAT && b->biff == 8 && !text_ok(d, len, 2, 8))) {
			sw_msg(why, whylen, "%s", sst < 0 ? _("a cell holds text too long for the .xls "
			       "reader (thousands of characters): save the workbook as .xlsx or CSV UTF-8")
			       : damaged);
			goto out;
		} else if (type == FORMAT && len >= 2) {
			int sl = 0;
			fmt[le16(d)] = (unsigned char)format_class(d, len, b->biff, &sl);
			slow[le16(d)] = (unsigned char)sl;
		}
		else if (type == XF && len >= 4 && b->nxf < SW_XLSX_XF_MAX) {
			if (b->nxf == cap) {
				cap = cap ? 2 * cap : 64;
				ifmt = sw_xrealloc(ifmt, (size_t)cap * sizeof *ifmt);
			}
			ifmt[b->nxf++] = le16(d + 2);
		} else if (type == BOUNDSHEET && len >= 6 && b->nsheets < SW_XLSX_SHEETS_MAX) {
			b->sheet = sw_xrealloc(b->sheet, ((size_t)b->nsheets + 1) * sizeof *b->sheet);
			b->sheet[b->nsheets].pos = le32(d);
			b->sheet[b->nsheets].hidden = d[4] & 3;
			b->sheet[b->nsheets++].type = d[5];
		}
	}
	if (r != 1) {
		sw_msg(why, whylen, "%s", damaged);
		goto out;
	}
	b->end = pos;
	b->xfcls = sw_xmalloc((size_t)b->nxf + 1);
	b->xfslow = sw_xmalloc((size_t)b->nxf + 1);
	for (int i = 0; i < b->nxf; i++) {
		unsigned f = ifmt[i];
		b->xfcls[i] = fmt[f] != 0xff ? fmt[f] : (unsigned char)sw_xlsx_builtin_class((int)f);
		int builtin = (f >= 14 && f <= 22) || (f >= 45 && f <= 47);
		b->xfslow[i] = (f >= 14 && f <= 17) || f == 22 || (!builtin && slow[f]);
	}
	rc = 0;
out:
	free(fmt);
	free(slow);
	free(ifmt);
	if (rc)
		sw_xls_book_free(b);
	return rc;
}

int sw_xls_substream_end(const unsigned char *w, size_t n, size_t pos, size_t *end)
{
	size_t len;
	unsigned type;
	const unsigned char *d;
	int depth = 0;
	while (record(w, n, &pos, &type, &len, &d) == 1) {
		depth += type == BOF ? 1 : type == EOF_ ? -1 : 0;
		if (depth <= 0) {
			*end = pos;
			return type == EOF_ && depth == 0 ? 0 : -1;
		}
	}
	return -1;
}

void sw_xls_book_free(struct sw_xls_book *b)
{
	free(b->xfcls);
	free(b->xfslow);
	free(b->sheet);
	memset(b, 0, sizeof *b);
}

/* --- a sheet's cells --- */

void sw_xls_number(double v, char *out)
{
	char t[32];	/* "%.17g" writes at most 24 bytes */
	for (int p = 15; p <= 17; p++) {
		snprintf(t, sizeof t, "%.*g", p, v);
		if (strtod(t, NULL) == v)
			break;
	}
	if (sw_xlsx_number(t, out) != 1)
		strcpy(out, t);
}

static void add(struct sw_xls_cells *c, uint32_t row, uint16_t col, char kind, const char *bad,
		const char *text, size_t len)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->c = sw_xrealloc(c->c, c->cap * sizeof *c->c);
	}
	if (c->tlen + len + 1 > c->tcap) {
		while (c->tlen + len + 1 > c->tcap)
			c->tcap = c->tcap ? 2 * c->tcap : 4096;
		c->text = sw_xrealloc(c->text, c->tcap);
	}
	c->c[c->n] = (struct sw_xls_cell){row, col, kind, bad, c->tlen, c->n};
	c->n++;
	memcpy(c->text + c->tlen, text, len);
	c->text[c->tlen + len] = 0;
	c->tlen += len + 1;
}

/* A number cell: a date if its format shows one, as the .xlsx reader. */
static void number(struct sw_xls_cells *c, const struct sw_xls_book *b, uint32_t row, uint16_t col,
		   unsigned xf, double v)
{
	char out[40];
	int cls = xf < (unsigned)b->nxf ? b->xfcls[xf] : SW_FMT_NUMBER;
	if (c->slow_col < 0 && xf < (unsigned)b->nxf && b->xfslow[xf] && v >= 2958466 &&
	    v < 2147483648.0) {
		c->slow_row = row;
		c->slow_col = col;
	}
	if (!isfinite(v)) {
		add(c, row, col, 'n', N_("bad number in a number cell"), "", 0);
		return;
	}
	if (cls != SW_FMT_NUMBER) {
		int d = sw_xlsx_date(v, b->date1904, cls, out);
		if (d == 0) {
			add(c, row, col, 'd', NULL, out, strlen(out));
			return;
		}
		if (d == -1) {
			add(c, row, col, 'd', N_("date cell holds Excel's nonexistent 1900-02-29"), "", 0);
			return;
		}
	}
	sw_xls_number(v, out);
	add(c, row, col, 'n', NULL, out, strlen(out));
}

/* An RK value: 30 bits of an integer or of a double's high half, maybe
 * to be divided by 100. */
static double rk(uint32_t v)
{
	double d;
	if (v & 2)
		d = (double)((int32_t)v >> 2);
	else {
		uint64_t bits = (uint64_t)(v & 0xfffffffcu) << 32;
		memcpy(&d, &bits, sizeof d);
	}
	return v & 1 ? d / 100 : d;
}

static const char *error_code(unsigned e)
{
	switch (e) {
	case 0x00: return "#NULL!";
	case 0x07: return "#DIV/0!";
	case 0x0f: return "#VALUE!";
	case 0x17: return "#REF!";
	case 0x1d: return "#NAME?";
	case 0x24: return "#NUM!";
	case 0x2a: return "#N/A";
	default: return "#ERROR";
	}
}

static void boolerr(struct sw_xls_cells *c, uint32_t row, uint16_t col, unsigned v, int err)
{
	if (err)
		add(c, row, col, 'e', NULL, error_code(v), strlen(error_code(v)));
	else if (v <= 1)
		add(c, row, col, 'b', NULL, v ? "TRUE" : "FALSE", v ? 4 : 5);
	else
		add(c, row, col, 'b', N_("bad boolean cell"), "", 0);
}

/* The text of a STRING record (a formula's result) in UTF-8. BIFF8 only:
 * an Excel 5 file's text is in its code page, which libfreexl reads. */
static void string_result(struct sw_xls_cells *c, const struct sw_xls_book *b, uint32_t row,
			  uint16_t col, const unsigned char *d, size_t len)
{
	if (b->biff != 8 || len < 3) {
		add(c, row, col, 's', N_("a formula's text in an Excel 5 workbook: save it as .xlsx"),
		    "", 0);
		return;
	}
	size_t cch = le16(d), wide = d[2] & 1;
	if (3 + (cch << wide) > len) {
		add(c, row, col, 's', N_("a formula's text cut short"), "", 0);
		return;
	}
	char *out = sw_xmalloc(3 * cch + 1), *o = out;
	const char *bad = NULL;
	for (size_t i = 0; i < cch; i++) {
		unsigned long u = wide ? le16(d + 3 + 2 * i) : d[3 + i];
		if (u >= 0xd800 && u < 0xdc00 && wide && i + 1 < cch &&
		    le16(d + 5 + 2 * i) >= 0xdc00 && le16(d + 5 + 2 * i) < 0xe000)
			u = 0x10000 + ((u - 0xd800) << 10) + (le16(d + 3 + 2 * ++i) - 0xdc00);
		else if ((u >= 0xd800 && u < 0xe000) || u == 0) {
			bad = u ? N_("invalid UTF-8") : N_("NUL byte in data");
			continue;
		}
		if (u < 0x80)
			*o++ = (char)u;
		else if (u < 0x800) {
			*o++ = (char)(0xc0 | u >> 6);
			*o++ = (char)(0x80 | (u & 0x3f));
		} else if (u < 0x10000) {
			*o++ = (char)(0xe0 | u >> 12);
			*o++ = (char)(0x80 | (u >> 6 & 0x3f));
			*o++ = (char)(0x80 | (u & 0x3f));
		} else {
			*o++ = (char)(0xf0 | u >> 18);
			*o++ = (char)(0x80 | (u >> 12 & 0x3f));
			*o++ = (char)(0x80 | (u >> 6 & 0x3f));
			*o++ = (char)(0x80 | (u & 0x3f));
		}
	}
	add(c, row, col, 's', bad, out, (size_t)(o - out));
	free(out);
}

/* A FORMULA record: its cached value, a text in the STRING record that
 * follows it. */
static void formula(struct sw_xls_cells *c, const struct sw_xls_book *b, const unsigned char *d,
		    const unsigned char *w, size_t n, size_t pos)
{
	uint32_t row = le16(d);
	uint16_t col = le16(d + 2);
	const unsigned char *v = d + 6;
	if (le16(v + 6) != 0xffff) {
		number(c, b, row, col, le16(d + 4), f64(v));
		return;
	}
	switch (v[0]) {
	case 0: {
		unsigned type;
		size_t len;
		const unsigned char *s;
		int r;
		while ((r = record(w, n, &pos, &type, &len, &s)) == 1 &&
		       (type == SHRFMLA || type == ARRAY || type == TABLE))
			;	/* they come between a formula and its text */
		if (r == 1 && type == STRING)
			string_result(c, b, row, col, s, len);
		else
			add(c, row, col, 's', N_("a formula without its text"), "", 0);
		break;
	}
	case 1: boolerr(c, row, col, v[2], 0); break;
	case 2: boolerr(c, row, col, v[2], 1); break;
	case 3: add(c, row, col, 's', NULL, "", 0); break;	/* an empty text */
	default: add(c, row, col, 's', N_("bad formula result"), "", 0);
	}
}

static int by_cell(const void *a, const void *b)
{
	const struct sw_xls_cell *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* One cell record of a worksheet: 0, or -1 if it is too short to hold
 * its cell. */
static int cell(struct sw_xls_cells *c, const struct sw_xls_book *b, unsigned type,
		const unsigned char *d, size_t len, const unsigned char *w, size_t n, size_t pos)
{
	static const struct {
		unsigned type;
		size_t min;
	} mins[] = {{NUMBER, 14}, {RK, 10}, {MULRK, 12}, {BOOLERR, 8}, {FORMULA, 20}, {RSTRING, 4}};
	for (size_t i = 0; i < sizeof mins / sizeof mins[0]; i++)
		if (type == mins[i].type && len < mins[i].min)
			return -1;
	if (type == LABEL && !text_ok(d, len, 6, b->biff))
		return -1;	/* for libfreexl, which reads it */
	if (type == NUMBER)
		number(c, b, le16(d), le16(d + 2), le16(d + 4), f64(d + 6));
	else if (type == RK)
		number(c, b, le16(d), le16(d + 2), le16(d + 4), rk(le32(d + 6)));
	else if (type == MULRK)
		for (size_t k = 0; 4 + 6 * k + 6 <= len - 2; k++)
			number(c, b, le16(d), (uint16_t)(le16(d + 2) + k), le16(d + 4 + 6 * k),
			       rk(le32(d + 6 + 6 * k)));
	else if (type == BOOLERR)
		boolerr(c, le16(d), le16(d + 2), d[6], d[7] != 0);
	else if (type == FORMULA)
		formula(c, b, d, w, n, pos);
	else if (type == RSTRING)
		add(c, le16(d), le16(d + 2), 's', N_("a rich-text cell of an Excel 5 workbook: "
		    "save it as .xlsx"), "", 0);
	return 0;
}

int sw_xls_cells_read(const unsigned char *w, size_t n, const struct sw_xls_book *b, int i,
		      struct sw_xls_cells *out, char *why, size_t whylen)
{
	size_t pos = b->sheet[i].pos, len;
	unsigned type;
	const unsigned char *d;
	int depth = 0, r, dims = 0;
	memset(out, 0, sizeof *out);
	out->slow_col = -1;
	while ((r = record(w, n, &pos, &type, &len, &d)) == 1) {
		if (type == BOF)
			depth++;
		else if (type == DIMENSION && ++dims > 1) {
			r = -1;	/* libfreexl would leak the cells of the first */
			break;
		}
		else if (type == EOF_ && --depth <= 0)
			break;
		else if (depth == 1 && cell(out, b, type, d, len, w, n, pos) != 0) {
			r = -1;
			break;
		}
		if (depth == 0)
			break;	/* the sheet does not start with BOF */
	}
	if (r != 1 || depth != 0 || type != EOF_) {
		sw_msg(why, whylen, _("damaged sheet: its records end too early"));
		sw_xls_cells_free(out);
		return -1;
	}
	if (out->n)
		qsort(out->c, out->n, sizeof *out->c, by_cell);
	size_t k = 0;	/* of a cell written twice, the later record */
	for (size_t j = 0; j < out->n; j++) {
		if (k > 0 && out->c[k - 1].row == out->c[j].row && out->c[k - 1].col == out->c[j].col)
			k--;
		out->c[k++] = out->c[j];
	}
	out->n = k;
	return 0;
}

void sw_xls_cells_free(struct sw_xls_cells *c)
{
	free(c->c);
	free(c->text);
	memset(c, 0, sizeof *c);
}
