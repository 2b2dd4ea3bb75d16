/* Input files recognised by their content (see sw/input.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/enc.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/input.h"
#include "sw/xls.h"
#include "sw/xlsx.h"

#define HEAD 4096

struct sw_source {
	char *path;		/* as given; "-" for stdin */
	char *name;		/* for messages: path, or path[sheet] */
	struct sw_csv *csv;	/* text */
	struct sw_xlsx *x;	/* a workbook */
	struct sw_xls *xls;	/* an Excel 97-2003 workbook */
	int *part;		/* workbook: the sheets to read (--sheet) */
	int nparts;
	unsigned char head[HEAD];
	size_t nhead;
	int zip_closed;		/* fp was closed already */
	const char *sheet;	/* the sheet being read, NULL for text */
	int maxf;		/* fields a row may have (sw_source_max_fields) */
	char toowide[96];	/* the bad of a sheet's row with more */
};

/* Magic numbers of the files people hand over instead of a spreadsheet. */
static const struct {
	const char *magic;
	size_t n;
	const char *what;
} magics[] = {
	{"%PDF-", 5, N_("a PDF document: save the table from the program that made it as .xlsx or CSV")},
	{"SQLite format 3", 16, N_("an SQLite database: give it with --db, not as an input file")},
	{"\x1f\x8b", 2, N_("a gzip-compressed file: unpack it first")},
	{"Rar!", 4, N_("a RAR archive: unpack it first")},
	{"7z\xbc\xaf\x27\x1c", 6, N_("a 7-Zip archive: unpack it first")},
	{"\x89PNG", 4, N_("a PNG image, not a table")},
	{"\xff\xd8\xff", 3, N_("a JPEG image, not a table")},
	{"GIF8", 4, N_("a GIF image, not a table")},
	{"{\\rtf", 5, N_("an RTF document: save the table as .xlsx or CSV")},
	{"\x7f" "ELF", 4, N_("a program, not a table")},
};

/* Skips a UTF-8 BOM and white space; the rest of p[0..n) lowercased into
 * l, if it is markup: empty if it does not begin with '<'. */
static void lower_start(const unsigned char *p, size_t n, char *l, size_t ln)
{
	size_t i = 0, k = 0;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < n && p[i] != '<')
		n = i;	/* not markup: nothing to look at */
	for (; i < n && k + 1 < ln; i++)
		l[k++] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	l[k] = 0;
}

const char *sw_magic_what(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (n >= magics[i].n && memcmp(p, magics[i].magic, magics[i].n) == 0)
			return _(magics[i].what);
	char l[512];
	lower_start(p, n, l, sizeof l);
	/* Many systems "export to Excel" as an HTML page or Excel 2003 XML
	 * named .xls; Excel opens both. */
	if (strncmp(l, "<!doctype html", 14) == 0 || strncmp(l, "<html", 5) == 0 ||
	    strncmp(l, "<table", 6) == 0 || (strncmp(l, "<?xml", 5) == 0 && strstr(l, "<html")))
		return _("an HTML page (some systems save those as .xls): open it in Excel or WPS "
			 "and save it as .xlsx or CSV UTF-8");
	if (strncmp(l, "<?xml", 5) == 0)
		return _("an XML file (perhaps Excel 2003 XML): open it in Excel or WPS and save it "
			 "as .xlsx or CSV UTF-8");
	return NULL;
}

/* 1 if p[0..n) looks like UTF-16LE text without a BOM: ASCII characters
 * are half NUL bytes, all in odd positions. */
static int utf16le_nobom(const unsigned char *p, size_t n)
{
	size_t odd = 0, even = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		even += p[i] == 0;
		odd += p[i + 1] == 0;
	}
	return n >= 8 && even == 0 && odd * 3 >= n / 2;
}

/* 1 if p[0..n) is not text: a tenth of its bytes are control characters
 * other than tab, CR, LF (a stray NUL in a text file is that row's
 * problem, named by its line). */
static int binary(const unsigned char *p, size_t n)
{
	/* a table, not four tests a byte */
	static const unsigned char ctl[256] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	};
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ctl[p[i]];
	return k * 10 > n;
}

/* Copies the rest of stdin after head into a temporary file (a workbook
 * needs seeking); returns its path, or NULL with errno. */
static char *spool(const unsigned char *head, size_t n)
{
	const char *dir = getenv("TMPDIR");
	char *path = sw_xmalloc(strlen(dir && *dir ? dir : "/tmp") + 16);
	sprintf(path, "%s/sw-in.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	FILE *fp = fdopen(fd, "wb");
	char buf[65536];
	size_t k;
	int ok = fp && fwrite(head, 1, n, fp) == n;
	while (ok && (k = fread(buf, 1, sizeof buf, stdin)) > 0)
		ok = fwrite(buf, 1, k, fp) == k;
	ok = ok && !ferror(stdin);
	if (fp ? fclose(fp) != 0 : (close(fd), 1))
		ok = 0;
	if (!ok) {
		int e = errno;
		unlink(path);
		free(path);
		errno = e;
		return NULL;
	}
	return path;
}

static int recognise_fp(struct sw_source *s, FILE *fp, const struct sw_input_opts *o,
			int *status);

static int nsheets(const struct sw_source *s)
{
	return s->x ? sw_xlsx_nsheets(s->x) : sw_xls_nsheets(s->xls);
}

static const char *sheet_name(const struct sw_source *s, int i)
{
	return s->x ? sw_xlsx_sheet_name(s->x, i) : sw_xls_sheet_name(s->xls, i);
}

/* Opens a workbook, .xls if old, and picks its parts (--sheet names them). */
static int open_workbook(struct sw_source *s, const char *zpath, int old,
			 const struct sw_input_opts *o)
{
	char why[200];
	if (old)
		s->xls = sw_xls_open(zpath, why, sizeof why);
	else
		s->x = sw_xlsx_open(zpath, why, sizeof why);
	if (!s->x && !s->xls) {
		sw_error_at(s->path, 0, "%s", why);
		return -1;
	}
	int n = nsheets(s);
	s->part = sw_xcalloc((size_t)n + 1, sizeof *s->part);
	for (int i = 0; i < n; i++) {
		int want = o->nsheets == 0;
		for (int k = 0; k < o->nsheets; k++)
			want |= strcmp(o->sheets[k], sheet_name(s, i)) == 0;
		if (want)
			s->part[s->nparts++] = i;
	}
	for (int k = 0; k < o->nsheets; k++) {
		int found = 0;
		for (int i = 0; i < n; i++)
			found |= strcmp(o->sheets[k], sheet_name(s, i)) == 0;
		if (!found) {
			char names[512] = "";
			for (int i = 0, len = 0; i < n && len < (int)sizeof names; i++)
				len += snprintf(names + len, sizeof names - (size_t)len, "%s%s",
						i ? _(", ") : "", sheet_name(s, i));
			sw_error_at(s->path, 0, _("--sheet: no sheet named \"%s\" (the sheets: %s)"),
				    o->sheets[k], names);
			return -1;
		}
	}
	return 0;
}

/* Reads the first bytes and decides; fp is the text reader's from then on,
 * or closed. 0, or -1 with *status (printed). */
static int recognise(struct sw_source *s, FILE *fp, const struct sw_input_opts *o, int *status)
{
	int rc = recognise_fp(s, fp, o, status);
	if (!s->csv && fp != stdin && !s->zip_closed)
		fclose(fp);
	return rc;
}

static int recognise_fp(struct sw_source *s, FILE *fp, const struct sw_input_opts *o, int *status)
{
	*status = SW_EXIT_REJECTED;
	s->nhead = fread(s->head, 1, HEAD, fp);
	if (ferror(fp)) {
		sw_error("%s: %s", s->path, strerror(errno));
		*status = SW_EXIT_FAIL;
		return -1;
	}
	const unsigned char *h = s->head;
	size_t n = s->nhead;
	const char *what = sw_magic_what(h, n);
	if (what) {
		sw_error_at(s->path, 0, "%s", what);
		return -1;
	}
	/* a zip (.xlsx) or an OLE compound file (.xls, an encrypted .xlsx) */
	int ole = n >= 8 && memcmp(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0;
	if (ole || (n >= 4 && memcmp(h, "PK\x03\x04", 4) == 0)) {
		int in = fp == stdin;
		char *zpath = in ? spool(h, n) : s->path;
		if (!zpath) {
			sw_error("%s: %s", s->path, strerror(errno));
			*status = SW_EXIT_FAIL;
			return -1;
		}
		if (!in) {
			fclose(fp);
			s->zip_closed = 1;
		}
		int rc = open_workbook(s, zpath, ole, o);
		if (in) {
			unlink(zpath);	/* libzip keeps it open; the .xls reader has read it */
			free(zpath);
		}
		return rc;
	}
	const char *enc = o->encoding;
	if (!enc && n >= 2 && ((h[0] == 0xff && h[1] == 0xfe) || (h[0] == 0xfe && h[1] == 0xff)))
		enc = "utf-16";
	else if (!enc && utf16le_nobom(h, n))
		enc = "utf-16le";
	else if (!enc && binary(h, n)) {
		sw_error_at(s->path, 0, _("a binary file, not text or a spreadsheet"));
		return -1;
	}
	s->csv = sw_csv_openf(fp, s->path, enc, (const char *)h, n);
	if (!s->csv) {
		s->zip_closed = 1;	/* sw_csv_openf closed fp */
		*status = SW_EXIT_FAIL;
		return -1;
	}
	s->nparts = 1;
	return 0;
}

struct sw_source *sw_source_open(const char *path, const struct sw_input_opts *o, int *status)
{
	int in = !path || strcmp(path, "-") == 0;
	struct sw_source *s = sw_xcalloc(1, sizeof *s);
	s->path = sw_xstrdup(in ? "-" : path);
	s->name = sw_xstrdup(s->path);
	FILE *fp = in ? stdin : fopen(path, "rb");
	if (!fp) {
		sw_error("%s: %s", path, strerror(errno));
		*status = SW_EXIT_FAIL;
		sw_source_close(s);
		return NULL;
	}
	if (recognise(s, fp, o, status) != 0) {
		sw_source_close(s);
		return NULL;
	}
	return s;
}

int sw_source_parts(const struct sw_source *s) { return s->nparts; }

const char *sw_source_part(const struct sw_source *s, int i)
{
	return s->csv ? NULL : sheet_name(s, s->part[i]);
}

int sw_source_begin(struct sw_source *s, int i)
{
	if (s->csv)
		return 0;	/* text is one part, read once */
	s->maxf = 0;
	free(s->name);
	const char *sheet = s->sheet = sheet_name(s, s->part[i]);
	s->name = sw_xmalloc(strlen(s->path) + strlen(sheet) + 3);
	sprintf(s->name, "%s[%s]", s->path, sheet);
	if ((s->x ? sw_xlsx_sheet(s->x, s->part[i]) : sw_xls_sheet(s->xls, s->part[i])) != 0) {
		sw_error_at(s->name, sw_source_errline(s), "%s", sw_source_error(s));
		return -1;
	}
	return 0;
}

const char *sw_source_name(const struct sw_source *s) { return s->name; }
const char *sw_source_sheet(const struct sw_source *s) { return s->sheet; }

void sw_source_max_fields(struct sw_source *s, int n)
{
	s->maxf = n;
	if (s->csv)
		sw_csv_max_fields(s->csv, n);
}

int sw_source_next(struct sw_source *s, struct sw_row *row)
{
	if (s->csv)
		return sw_csv_next(s->csv, row);
	int rc = s->x ? sw_xlsx_next(s->x, row) : sw_xls_next(s->xls, row);
	if (rc == 1 && s->maxf && row->nf > s->maxf) {	/* (a sheet's columns bound the memory) */
		snprintf(s->toowide, sizeof s->toowide, _("more than %d fields: clear the cells "
			 "to the right of the table"), s->maxf);
		row->nf = s->maxf;
		row->bad = s->toowide;
		row->badcell = 0;
	}
	return rc;
}

int sw_source_encoding(const struct sw_source *s)
{
	/* a workbook's reader has Excel: UTF-8 CSV needs a BOM there */
	return s->csv ? sw_csv_encoding(s->csv) : SW_ENC_UTF8_BOM;
}

const char *sw_source_error(const struct sw_source *s)
{
	return s->x ? sw_xlsx_error(s->x) : s->xls ? sw_xls_error(s->xls) : sw_csv_error(s->csv);
}

long sw_source_errline(const struct sw_source *s)
{
	return s->x ? sw_xlsx_errline(s->x) : s->xls ? sw_xls_errline(s->xls)
		: sw_csv_errline(s->csv);
}

void sw_source_close(struct sw_source *s)
{
	if (!s)
		return;
	sw_csv_close(s->csv);
	sw_xlsx_close(s->x);
	sw_xls_close(s->xls);
	free(s->part);
	free(s->path);
	free(s->name);
	free(s);
}
