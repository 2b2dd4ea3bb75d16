/* Output formats and atomic output files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "sw/cell.h"
#include "sw/cli.h"
#include "sw/csvio.h"
#include "sw/db.h"
#include "sw/enc.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/labels.h"
#include "sw/out.h"
#include "sw/outxlsx.h"
#include "sw/store.h"
#include "sw/text.h"

int sw_fmt_parse(const char *s)
{
	static const char *const names[] = {"auto", "csv", "tsv", "json", "table", "md",
					    "jsonl", "xlsx"};
	for (int i = 0; i < 8; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	if (strcmp(s, "markdown") == 0)
		return SW_FMT_MD;
	if (strcmp(s, "ndjson") == 0)
		return SW_FMT_JSONL;
	return -1;
}

int sw_fmt_resolve(int fmt, const char *path)
{
	if (fmt != SW_FMT_AUTO)
		return fmt;
	int to_stdout = !path || strcmp(path, "-") == 0;
	return to_stdout && isatty(STDOUT_FILENO) ? SW_FMT_TABLE : SW_FMT_CSV;
}

/* Writes a character device or FIFO (/dev/null, a terminal, a pipe) in
 * place: renaming over it would replace /dev/null with a file. Opened
 * without O_CREAT or O_TRUNC and checked once open, so that a file or
 * disk put there meanwhile is never written. */
static int open_direct(struct sw_file *f, const char *path)
{
	struct stat sb;
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		sw_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISCHR(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
		sw_error("%s: %s", path, S_ISREG(sb.st_mode) ? _("changed while being opened")
			 : _("not a file, a terminal or a pipe"));
		close(fd);
		return -1;
	}
	f->fp = fdopen(fd, "w");
	if (!f->fp) {
		sw_error("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	setvbuf(f->fp, NULL, _IOFBF, SW_OUT_BUFSIZ);
	f->path = sw_xstrdup(path);
	f->direct = 1;
	return 0;
}

/* A symbolic link is followed only to a device or FIFO (/dev/stdout), and
 * only if the user running or root made it: another user's link in a
 * shared folder must not pick what a cron job as root overwrites. */
static int link_to_device(const char *path, const struct stat *lsb)
{
	struct stat sb;
	return (lsb->st_uid == geteuid() || lsb->st_uid == 0) && stat(path, &sb) == 0 &&
	       (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode));
}

int sw_file_open(struct sw_file *f, const char *path)
{
	struct stat sb;
	memset(f, 0, sizeof *f);
	if (!path || strcmp(path, "-") == 0) {
		f->fp = stdout;
		return 0;
	}
	if (lstat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			sw_error(_("%s: is a directory"), path);
			return -1;
		}
		if (S_ISLNK(sb.st_mode) && !link_to_device(path, &sb)) {
			sw_error(_("%s: is a symbolic link: give the path of the file itself"), path);
			return -1;
		}
		if (!S_ISREG(sb.st_mode))
			return open_direct(f, path);
	}
	f->path = sw_xstrdup(path);
	size_t n = strlen(f->path) + 16;
	f->tmp = sw_xmalloc(n);
	/* Beside the file, so that rename is atomic; mkstemp creates it with
	 * O_EXCL, mode 0600. rename replaces the name, never a link's target. */
	snprintf(f->tmp, n, "%s.tmpXXXXXX", f->path);
	int fd = mkstemp(f->tmp);
	if (fd < 0) {
		sw_error("%s: %s", path, strerror(errno));
		free(f->tmp);
		free(f->path);
		f->tmp = f->path = NULL;
		return -1;
	}
	f->fp = fdopen(fd, "w");
	if (!f->fp) {
		sw_error("%s: %s", path, strerror(errno));
		close(fd);
		sw_file_abort(f);
		return -1;
	}
	setvbuf(f->fp, NULL, _IOFBF, SW_OUT_BUFSIZ);
	return 0;
}

int sw_file_check_inputs(const char *opt, const char *path, char *const *inputs)
{
	struct stat out, in;
	if (!path || strcmp(path, "-") == 0 || stat(path, &out) != 0 || !S_ISREG(out.st_mode))
		return 0;
	for (; inputs && *inputs; inputs++)
		if (strcmp(*inputs, "-") != 0 && stat(*inputs, &in) == 0 &&
		    in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
			sw_error(_("%s %s: is the input file %s: name another file"), opt, path, *inputs);
			return -1;
		}
	return 0;
}

int sw_file_commit(struct sw_file *f)
{
	if (sw_file_unencode(f, 0) != 0) {
		sw_file_abort(f);
		return -1;
	}
	if (f->fp == stdout)
		return sw_cli_finish(0) == 0 ? 0 : -1;
	if (f->direct) {
		int bad = fflush(f->fp) != 0 || ferror(f->fp);
		int e = errno;
		if (fclose(f->fp) != 0 && !bad)
			bad = 1, e = errno;
		if (bad)
			sw_error("%s: %s", f->path, strerror(e ? e : EIO));
		free(f->path);
		memset(f, 0, sizeof *f);
		return bad ? -1 : 0;
	}
	if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0) {
		sw_error("%s: %s", f->path, strerror(errno ? errno : EIO));
		sw_file_abort(f);
		return -1;
	}
	int e = fclose(f->fp);
	f->fp = NULL;
	if (e != 0 || rename(f->tmp, f->path) != 0) {
		sw_error("%s: %s", f->path, strerror(errno));
		sw_file_abort(f);
		return -1;
	}
	free(f->tmp);
	free(f->path);
	f->tmp = f->path = NULL;
	return 0;
}

void sw_file_abort(struct sw_file *f)
{
	sw_file_unencode(f, 1);
	if (f->direct && f->fp)
		fclose(f->fp);
	if (f->tmp) {
		if (f->fp)
			fclose(f->fp);
		unlink(f->tmp);
	}
	free(f->tmp);
	free(f->path);
	memset(f, 0, sizeof *f);
}

struct sw_out {
	struct sw_file file;
	int fmt, ncols;
	long nout;		/* json: objects (or show's fields) written */
	int show;		/* json: in a show, SHOW_RECORD or SHOW_LIST */
	struct sw_xlsx_out *xlsx;
	char *xtmp;		/* xlsx to stdout or a pipe: the workbook, until copied */
	char **names;
	char *types;
	/* csv and tsv: a row's cells as written, and what of them to free */
	const char **safe;
	char **freed;
	/* Chinese words in place of keys (sw/labels.h): the table column
	 * each column shows, or NULL */
	const struct sw_column **lab;
	/* table and md buffer their rows to align columns */
	char **cells;
	size_t nrows, caprows;
	/* the columns of a statement (sw_out_open_stmt, sw_out_show) */
	int pending;		/* its first step's SW_ROW or SW_DONE, not yet written */
	const struct sw_out_masks *masks;
	int *how;		/* each column's mask (SW_AS_IS ...), or NULL: none */
	char *typed;		/* 1 where a value's type may be a number's or a float's */
	char **buf;		/* each column's masked or reformatted value */
	size_t *bufcap;
};

/* A copy of s as a table or md cell shows it (escaped), or as it is for
 * the machine formats. */
static char *human_cell(const struct sw_out *o, const char *s)
{
	if (o->fmt == SW_FMT_TABLE)
		return sw_cell_visible(s);
	return o->fmt == SW_FMT_MD ? sw_cell_md(s) : sw_xstrdup(s);
}

enum { SHOW_RECORD = 1, SHOW_LIST };

static void free_columns(struct sw_out *o)
{
	for (int i = 0; i < o->ncols; i++)
		free(o->names[i]);
	free(o->names);
	free(o->types);
	free(o->safe);
	free(o->freed);
	free(o->lab);
	o->lab = NULL;
	for (int i = 0; o->buf && i < o->ncols; i++)
		free(o->buf[i]);
	free(o->buf);
	free(o->bufcap);
	free(o->how);
	free(o->typed);
	o->buf = NULL;
	o->bufcap = NULL;
	o->how = NULL;
	o->typed = NULL;
}

/* Sets the columns of what comes next (a listing, or a list of a show). */
static void columns(struct sw_out *o, int ncols, const char *const *names, const char *types)
{
	free_columns(o);
	o->ncols = ncols;
	o->names = sw_xcalloc((size_t)ncols, sizeof *o->names);
	o->types = sw_xcalloc((size_t)ncols + 1, 1);
	o->safe = sw_xcalloc((size_t)ncols, sizeof *o->safe);
	o->freed = sw_xcalloc((size_t)ncols, sizeof *o->freed);
	int zh = sw_labels_zh(o->fmt);
	for (int i = 0; i < ncols; i++) {
		o->names[i] = human_cell(o, zh ? sw_label_title(names[i]) : names[i]);
		o->types[i] = types && (types[i] == 'n' || types[i] == 'd') ? types[i] : 's';
	}
}

const char *sw_file_named(struct sw_file *f, char **own)
{
	*own = NULL;
	if (f->tmp)
		return f->tmp;
	if (isatty(fileno(f->fp))) {
		sw_error(_("-f xlsx: a workbook is not for a terminal: give -o FILE.xlsx or "
			   "redirect the output to a file"));
		return NULL;
	}
	const char *dir = getenv("TMPDIR");
	char *t = sw_xmalloc(strlen(dir && *dir ? dir : "/tmp") + 16);
	sprintf(t, "%s/sw-out.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(t);
	if (fd < 0) {
		sw_error("%s: %s", t, strerror(errno));
		free(t);
		return NULL;
	}
	close(fd);
	return *own = t;
}

int sw_file_fill(struct sw_file *f, const char *path)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;
	if (!in) {
		sw_error("%s: %s", path, strerror(errno));
		return -1;
	}
	int ok = 1;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, f->fp) == n;
	ok = ok && !ferror(in);
	if (!ok)
		sw_error("%s: %s", f->path ? f->path : "-", strerror(errno ? errno : EIO));
	fclose(in);
	return ok ? 0 : -1;
}

/* An output with no columns yet; NULL (printed) if it cannot be opened. */
static struct sw_out *open_out(const char *path, int fmt)
{
	struct sw_out *o = sw_xcalloc(1, sizeof *o);
	if (sw_file_open(&o->file, path) != 0) {
		free(o);
		return NULL;
	}
	o->fmt = sw_fmt_resolve(fmt, path);
	if (o->fmt < SW_FMT_CSV || o->fmt > SW_FMT_XLSX) {	/* a caller's mistake, not an empty file */
		sw_error(_("no such output format (%d)"), o->fmt);
		sw_file_abort(&o->file);
		free(o);
		return NULL;
	}
	if (sw_out_encode(&o->file, o->fmt) != 0) {
		sw_file_abort(&o->file);
		free(o);
		return NULL;
	}
	if (o->fmt == SW_FMT_XLSX) {
		const char *x = sw_file_named(&o->file, &o->xtmp);
		if (!x || !(o->xlsx = sw_xlsx_out_open(x))) {
			sw_out_abort(o);
			return NULL;
		}
	}
	return o;
}

/* The header of a table or sheet (csv, tsv, xlsx). */
static void header(struct sw_out *o, const char *title)
{
	if (o->xlsx)
		sw_xlsx_out_sheet(o->xlsx, title, o->ncols, o->names);
	else if (o->fmt == SW_FMT_CSV || o->fmt == SW_FMT_TSV)
		sw_out_row(o, (const char *const *)o->names);
}

struct sw_out *sw_out_open(const char *path, int fmt, int ncols,
			   const char *const *names, const char *types)
{
	struct sw_out *o = open_out(path, fmt);
	if (!o)
		return NULL;
	columns(o, ncols, names, types);
	header(o, NULL);
	if (o->fmt == SW_FMT_JSON)
		putc('[', o->file.fp);
	return o;
}

int sw_out_format(const struct sw_out *o) { return o->fmt; }

/* TSV has no quoting: tabs and newlines inside values become spaces. */
static void put_tsv(FILE *fp, const char *s)
{
	for (; s && *s; s++)
		putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

void sw_json_put(FILE *fp, const char *s)
{
	putc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c < 0x20)
			fprintf(fp, "\\u%04x", c);
		else
			putc(c, fp);
	}
	putc('"', fp);
}

void sw_out_row(struct sw_out *o, const char *const *vals)
{
	FILE *fp = o->file.fp;
	switch (o->fmt) {
	case SW_FMT_CSV:
	case SW_FMT_TSV:
		/* for a spreadsheet: no cell read as a formula */
		for (int i = 0; i < o->ncols; i++)
			o->safe[i] = sw_cell_safe(vals[i] ? vals[i] : "", &o->freed[i]);
		if (o->fmt == SW_FMT_CSV)
			sw_csv_put_row(fp, (char *const *)o->safe, o->ncols);
		else
			for (int i = 0; i < o->ncols; i++) {
				put_tsv(fp, o->safe[i]);
				putc(i + 1 < o->ncols ? '\t' : '\n', fp);
			}
		for (int i = 0; i < o->ncols; i++)
			free(o->freed[i]);
		break;
	case SW_FMT_XLSX:
		sw_xlsx_out_row(o->xlsx, vals, o->types);
		break;
	case SW_FMT_JSON:
	case SW_FMT_JSONL:
		/* an array's elements one a line; a show's fields and lists
		 * (sw_out_show) as parts of one object */
		if (o->show == SHOW_LIST || (o->fmt == SW_FMT_JSON && !o->show))
			fputs(o->nout ? "," : "", fp);
		if (o->fmt == SW_FMT_JSON && !o->show)
			putc('\n', fp);
		if (o->show != SHOW_RECORD)
			putc('{', fp);
		for (int i = 0; i < o->ncols; i++) {
			if (i || (o->show == SHOW_RECORD && o->nout))
				putc(',', fp);
			sw_json_put(fp, o->names[i]);
			putc(':', fp);
			if (!vals[i] || (!*vals[i] && o->types[i] == 'n'))
				fputs("null", fp);
			else if (o->types[i] == 'n')
				fputs(vals[i], fp);
			else
				sw_json_put(fp, vals[i]);
		}
		if (o->show != SHOW_RECORD)
			putc('}', fp);
		if (o->fmt == SW_FMT_JSONL && !o->show)
			putc('\n', fp);
		o->nout++;
		break;
	default:
		if (o->nrows == o->caprows) {
			o->caprows = o->caprows ? o->caprows * 2 : 64;
			o->cells = sw_xrealloc(o->cells, o->caprows * (size_t)o->ncols * sizeof *o->cells);
		}
		for (int i = 0; i < o->ncols; i++)
			o->cells[o->nrows * (size_t)o->ncols + (size_t)i] = human_cell(o, vals[i] ? vals[i] : "");
		o->nrows++;
	}
}

static void pad(FILE *fp, size_t n)
{
	while (n--)
		putc(' ', fp);
}

/* Table: columns padded by display width (a Chinese character is two). */
static void flush_aligned(struct sw_out *o)
{
	FILE *fp = o->file.fp;
	size_t *w = sw_xcalloc((size_t)o->ncols, sizeof *w);
	int md = o->fmt == SW_FMT_MD;
	for (int i = 0; i < o->ncols; i++) {
		w[i] = sw_text_width(o->names[i]);
		if (md && w[i] < 3)
			w[i] = 3;
	}
	for (size_t r = 0; r < o->nrows; r++)
		for (int i = 0; i < o->ncols; i++) {
			size_t cw = sw_text_width(o->cells[r * (size_t)o->ncols + (size_t)i]);
			if (cw > w[i])
				w[i] = cw;
		}
	for (size_t r = 0; r <= o->nrows + (size_t)md; r++) {
		if (md)
			fputs("| ", fp);
		/* (a table's line ends at its last cell with text: no trailing blanks) */
		int end = o->ncols - 1;
		while (!md && r > 0 && end > 0 && !*o->cells[(r - 1) * (size_t)o->ncols + (size_t)end])
			end--;
		for (int i = 0; i <= end; i++) {
			const char *s;
			if (r == 0)
				s = o->names[i];
			else if (md && r == 1) {
				for (size_t k = 0; k < w[i]; k++)
					putc(k + 1 == w[i] && o->types[i] == 'n' ? ':' : '-', fp);
				fputs(i + 1 < o->ncols ? " | " : " |", fp);
				continue;
			} else
				s = o->cells[(r - 1 - (size_t)md) * (size_t)o->ncols + (size_t)i];
			size_t sw = sw_text_width(s);
			int last = i == end;
			if (o->types[i] == 'n' && r > 0)
				pad(fp, w[i] - sw);
			fputs(s, fp);
			if (o->types[i] != 'n' || r == 0)
				if (md || !last)
					pad(fp, w[i] - sw);
			if (md)
				fputs(last ? " |" : " | ", fp);
			else if (!last)
				fputs("  ", fp);
		}
		putc('\n', fp);
	}
	free(w);
}

/* Drops the rows a table or md output holds. */
static void free_cells(struct sw_out *o)
{
	for (size_t i = 0; i < o->nrows * (size_t)o->ncols; i++)
		free(o->cells[i]);
	free(o->cells);
	o->cells = NULL;
	o->nrows = o->caprows = 0;
}

/* Finishes a workbook: 0, or -1 (printed). */
static int xlsx_end(struct sw_out *o)
{
	int rc = o->xlsx ? sw_xlsx_out_close(o->xlsx) : 0;
	o->xlsx = NULL;
	if (rc == 0 && o->xtmp)
		rc = sw_file_fill(&o->file, o->xtmp);
	if (o->xtmp)
		unlink(o->xtmp);
	free(o->xtmp);
	o->xtmp = NULL;
	return rc;
}

static void free_out(struct sw_out *o)
{
	free_cells(o);
	free_columns(o);
	free(o);
}

int sw_out_close(struct sw_out *o)
{
	if (!o)
		return -1;
	if (o->fmt == SW_FMT_TABLE || o->fmt == SW_FMT_MD)
		flush_aligned(o);
	if (o->fmt == SW_FMT_JSON && !o->show)
		fputs(o->nout ? "\n]\n" : "]\n", o->file.fp);
	if (xlsx_end(o) != 0) {
		sw_out_abort(o);
		return -1;
	}
	int rc = sw_file_commit(&o->file);
	free_out(o);
	return rc;
}

void sw_out_abort(struct sw_out *o)
{
	if (!o)
		return;
	xlsx_end(o);
	sw_file_abort(&o->file);
	free_out(o);
}

int sw_out_datecol(const char *name)
{
	size_t n = strlen(name);
	return strcmp(name, "date") == 0 || strcmp(name, "valid_from") == 0 ||
	       strcmp(name, "start") == 0 || strcmp(name, "end") == 0 ||	/* contracts */
	       strcmp(name, "valid_to") == 0 || (n > 5 && strcmp(name + n - 5, "_date") == 0) ||
	       (n > 3 && strcmp(name + n - 3, "_on") == 0);
}

/* The mask of column name (sw_out_masks), SW_AS_IS when none. */
static int mask_of(const struct sw_out_masks *m, const char *name)
{
	for (int i = 0; m && i < m->n; i++)
		if (strcmp(m->names[i], name) == 0)
			return m->hows[i];
	return SW_AS_IS;
}

/* A column read from a table is of its declared type (a number, a date, or
 * text); a computed one (count(*)) is '?', typed by its first value in
 * sw_out_stmt, as is an age. */
static void stmt_types(struct sw_out *o, struct sw_stmt *st)
{
	o->typed = sw_xcalloc((size_t)o->ncols + 1, 1);
	for (int i = 0; i < o->ncols; i++) {
		int dt = sw_stmt_origin(st, i, NULL, NULL);
		o->types[i] = !dt ? '?' : dt == SW_INTEGER || dt == SW_FLOAT ? 'n'
			: dt == SW_TEXT && sw_out_datecol(sw_stmt_name(st, i)) ? 'd' : 's';
		o->typed[i] = !dt || dt == SW_FLOAT;
		if (o->lab && o->lab[i] && o->lab[i]->type == SW_T_BOOL)
			o->types[i] = 's';	/* 是 or 否 */
		if (o->how && o->how[i] == SW_AGE)
			o->types[i] = '?';
	}
}

/* Steps st once and takes its columns for what comes next (a listing, or
 * a list of a show): names, titles, types, masks. 0, or -1 (printed). */
static int stmt_columns(struct sw_out *o, struct sw_stmt *st)
{
	if ((o->pending = sw_stmt_step(st)) < 0)
		return -1;
	int n = sw_stmt_columns(st);
	const char **names = sw_xcalloc((size_t)n + 1, sizeof *names);
	for (int i = 0; i < n; i++)
		names[i] = sw_stmt_name(st, i);
	const struct sw_column **lab = sw_labels_stmt(st, o->fmt, names);
	columns(o, n, names, NULL);
	o->lab = lab;
	o->buf = sw_xcalloc((size_t)n + 1, sizeof *o->buf);
	o->bufcap = sw_xcalloc((size_t)n + 1, sizeof *o->bufcap);
	for (int i = 0; o->masks && i < n; i++)
		if (mask_of(o->masks, sw_stmt_name(st, i)) != SW_AS_IS) {
			if (!o->how)
				o->how = sw_xcalloc((size_t)n, sizeof *o->how);
			o->how[i] = mask_of(o->masks, sw_stmt_name(st, i));
		}
	free(names);
	stmt_types(o, st);
	return 0;
}

struct sw_out *sw_out_open_stmt(const char *path, int fmt, struct sw_stmt *st,
				const struct sw_out_masks *m)
{
	struct sw_out *o = open_out(path, fmt);
	if (!o)
		return NULL;
	o->masks = m;
	if (stmt_columns(o, st) != 0) {
		sw_out_abort(o);
		return NULL;
	}
	header(o, NULL);
	if (o->fmt == SW_FMT_JSON)
		putc('[', o->file.fp);
	return o;
}

/* Column i's buffer, of at least n bytes. */
static char *col_buf(struct sw_out *o, int i, size_t n)
{
	if (o->bufcap[i] < n)
		o->buf[i] = sw_xrealloc(o->buf[i], o->bufcap[i] = n + 64);
	return o->buf[i];
}

/* Value i of st's row as written: masked; a float as SQLite prints a
 * REAL (a server's double precision or numeric; on SQLite the same text
 * again); the column typed by its first value where the schema does not
 * say. 0, or -1 (printed). */
static int cell(struct sw_out *o, struct sw_stmt *st, int i, const char **v)
{
	*v = sw_stmt_text(st, i);
	int how = o->how ? o->how[i] : SW_AS_IS;
	if (how != SW_AS_IS) {
		size_t n = (*v ? strlen(*v) : 0) + 40;
		char *b = col_buf(o, i, n);
		if (sw_mask_apply(how, *v, &o->masks->key, b, n, v) != 0)
			return -1;
		if (o->types[i] == '?' && *v)
			o->types[i] = how == SW_AGE ? 'n' : 's';
		return 0;
	}
	if (!o->typed[i] || !*v)
		return 0;
	int t = sw_stmt_type(st, i);
	if (o->types[i] == '?')
		o->types[i] = t == SW_INTEGER || t == SW_FLOAT ? 'n' : 's';
	if (t == SW_FLOAT)
		*v = sqlite3_snprintf(32, col_buf(o, i, 32), "%!.15g", strtod(*v, NULL));
	return 0;
}

int sw_out_stmt(struct sw_out *o, struct sw_stmt *st)
{
	int rc = o->pending ? o->pending : sw_stmt_step(st);
	o->pending = 0;
	const char **vals = sw_xcalloc((size_t)o->ncols + 1, sizeof *vals);
	char **words = sw_xcalloc((size_t)o->ncols + 1, sizeof *words);
	for (; rc == SW_ROW; rc = sw_stmt_step(st)) {
		for (int i = 0; rc == SW_ROW && i < o->ncols; i++) {
			if (cell(o, st, i, &vals[i]) != 0)
				rc = -1;
			else if (o->lab && o->lab[i] && (words[i] = sw_label_value(o->lab[i], vals[i])))
				vals[i] = words[i];
		}
		if (rc == SW_ROW)
			sw_out_row(o, vals);
		for (int i = 0; o->lab && i < o->ncols; i++) {
			free(words[i]);
			words[i] = NULL;
		}
		if (rc != SW_ROW)
			break;
	}
	free(words);
	for (int i = 0; i < o->ncols; i++)
		if (o->types[i] == '?')
			o->types[i] = 's';
	free(vals);
	return rc;
}

int sw_out_query(const char *path, int fmt, struct sw_stmt *st)
{
	struct sw_out *o = sw_out_open_stmt(path, fmt, st, NULL);
	int rc = SW_EXIT_FAIL;
	if (o) {
		if (sw_out_stmt(o, st) != SW_DONE)
			sw_out_abort(o);
		else
			rc = sw_out_close(o) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	}
	sw_stmt_finalize(st);
	return rc;
}

/* Starts list i of a show: a title for people, a sheet, or a key. 0, or
 * -1 (printed). */
static int show_list(struct sw_out *o, const char *key, const char *title, struct sw_stmt *st)
{
	FILE *fp = o->file.fp;
	switch (o->fmt) {
	case SW_FMT_TABLE:
	case SW_FMT_MD:
		flush_aligned(o);
		free_cells(o);
		fprintf(fp, "\n%s%s\n", o->fmt == SW_FMT_MD ? "### " : "", title);
		return stmt_columns(o, st);
	case SW_FMT_XLSX:
		if (stmt_columns(o, st) != 0)
			return -1;
		header(o, title);
		return 0;
	default:	/* json */
		fputs(o->nout ? "," : "", fp);
		sw_json_put(fp, key);
		fputs(":[", fp);
		o->nout = 0;
		o->show = SHOW_LIST;
		return stmt_columns(o, st);
	}
}

int sw_out_show(const char *path, int fmt, int n, const char *const *keys,
		const char *const *titles, struct sw_stmt *const *sts, const struct sw_out_masks *m)
{
	fmt = sw_fmt_resolve(fmt, path);
	int json = fmt == SW_FMT_JSON || fmt == SW_FMT_JSONL, rc = -1;
	struct sw_out *o = open_out(path, fmt);
	if (o) {
		if (json)
			putc('{', o->file.fp);
		o->show = json ? SHOW_RECORD : 0;
		o->masks = m;
		if (stmt_columns(o, sts[0]) == 0) {
			header(o, titles[0]);
			rc = sw_out_stmt(o, sts[0]);
		}
	}
	/* csv and tsv are one table: the record's */
	for (int i = 1; o && rc == SW_DONE && i < n && fmt != SW_FMT_CSV && fmt != SW_FMT_TSV; i++) {
		rc = show_list(o, keys[i], titles[i], sts[i]) == 0 ? sw_out_stmt(o, sts[i]) : -1;
		if (json)
			putc(']', o->file.fp);
		o->nout = json ? 1 : o->nout;
	}
	if (o && json)
		fputs("}\n", o->file.fp);
	if (o && rc != SW_DONE)
		sw_out_abort(o);
	int status = !o || rc != SW_DONE || sw_out_close(o) != 0 ? SW_EXIT_FAIL : SW_EXIT_OK;
	for (int i = 0; i < n; i++)
		sw_stmt_finalize(sts[i]);
	return status;
}
