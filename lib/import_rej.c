/* --rejects FILE: the rows an import refused, as read, with their line and
 * reason, to be fixed and imported again. A rejects file holds the rows of
 * one table under one header, or imported again it would read one table's
 * rows as another's: FILE holds the first such rows, the others go beside
 * it, FILE-TABLE.csv (said once written). */
#include <stdlib.h>
#include <string.h>

#include "sw/cell.h"
#include "sw/csvio.h"
#include "sw/enc.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/importpriv.h"

struct rej_file {
	struct sw_file f;
	const struct sw_table *t;
	char *hdr;		/* the header's cells, joined by \x1f */
	char *from;		/* the file (sheet) its first row came from */
};

int sw_rejects_open(struct sw_rejects *r, const char *path, char *const *inputs, int enc)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->inputs = inputs;
	r->enc = enc;
	r->f = sw_xcalloc(1, sizeof *r->f);
	r->n = 1;
	if (sw_file_open(&r->f[0].f, path) == 0)
		return 0;
	free(r->f);
	memset(r, 0, sizeof *r);
	return -1;
}

/* The header of L as a rejects file repeats it: the row's own columns. */
static char *header_key(const struct sw_layout *L)
{
	sqlite3_str *s = sqlite3_str_new(NULL);
	for (int j = 0; j < L->nhdr; j++)
		if (L->field[j] != SW_F_REJECTS)
			sqlite3_str_appendf(s, "%s\x1f", L->hdr[j]);
	char *k = sqlite3_str_finish(s), *own = sw_xstrdup(k ? k : "");
	sqlite3_free(k);
	return own;
}

/* FILE-TABLE.ext beside FILE, -TABLE-N for a table's N-th header. */
static char *beside(const char *path, const struct sw_table *t, int nth)
{
	const char *base = strrchr(path, '/'), *dot;
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	size_t stem = dot && dot > base ? (size_t)(dot - path) : strlen(path);
	char num[16] = "";
	if (nth > 1)
		snprintf(num, sizeof num, "-%d", nth);
	char *p = sqlite3_mprintf("%.*s-%s%s%s", (int)stem, path, t->name, num,
				  stem < strlen(path) ? path + stem : "");
	char *own = sw_xstrdup(p);
	sqlite3_free(p);
	return own;
}

/* The file of im's table and header: FILE if it holds no rows yet, else a
 * new one beside it. NULL (said) if that cannot be. */
static struct rej_file *file_of(struct sw_rejects *r, const struct sw_import *im)
{
	char *key = header_key(im->L);
	int nth = 1;
	for (int i = 0; i < r->n; i++) {
		if (!r->f[i].t) {	/* FILE, still empty */
			r->f[i].t = im->t;
			r->f[i].hdr = key;
			r->f[i].from = sw_xstrdup(im->fname ? im->fname : "-");
			return &r->f[i];
		}
		if (r->f[i].t == im->t && strcmp(r->f[i].hdr, key) == 0) {
			free(key);
			return &r->f[i];
		}
		nth += r->f[i].t == im->t;
	}
	if (!r->f[0].f.tmp) {	/* standard output or a device: nowhere beside */
		sw_error(_("--rejects %s: the rejected rows of %s cannot go there too, after those "
			   "of %s: a rejects file holds one table's rows; give a file name"),
			 r->path, im->fname ? im->fname : "-", r->f[0].from);
		free(key);
		return NULL;
	}
	char *path = beside(r->path, im->t, nth);
	struct rej_file nf = {.t = im->t, .hdr = key, .from = sw_xstrdup(im->fname ? im->fname : "-")};
	if (sw_file_check_inputs("--rejects", path, r->inputs) != 0 || sw_file_open(&nf.f, path) != 0) {
		free(path);
		free(key);
		free(nf.from);
		return NULL;
	}
	free(path);
	r->f = sw_xrealloc(r->f, (size_t)(r->n + 1) * sizeof *r->f);
	r->f[r->n] = nf;
	return &r->f[r->n++];
}

/* Writes the header of a new rejects file: the row's own columns, then
 * line and error. */
static void put_header(FILE *fp, const struct sw_layout *L)
{
	for (int i = 0; i < L->nhdr; i++)
		if (L->field[i] != SW_F_REJECTS) {
			sw_cell_put(fp, L->hdr[i]);
			putc(',', fp);
		}
	fprintf(fp, "%s,%s\n", sw_rejects_cols[0], sw_rejects_cols[1]);
}

int sw_rejects_row(struct sw_rejects *r, const struct sw_import *im, long line, char **f, int nf,
		   const char *why)
{
	struct rej_file *rf = file_of(r, im);
	if (!rf)
		return -1;
	if (!rf->f.encoded) {
		/* a file is for a person, a pipe for a program */
		int enc = r->enc >= 0 ? r->enc : sw_file_to_file(&rf->f) ? im->enc : SW_ENC_UTF8;
		sw_file_encode(&rf->f, enc);	/* (if it fails, so will the commit) */
		put_header(rf->f.fp, im->L);
	}
	FILE *fp = rf->f.fp;
	for (int i = 0; i < im->L->nhdr; i++)
		if (im->L->field[i] != SW_F_REJECTS) {
			sw_cell_put(fp, i < nf ? f[i] : "");
			putc(',', fp);
		}
	fprintf(fp, "%ld,", line);
	sw_csv_put(fp, why);
	/* values past the header (refused for it) after the reason: kept, and
	 * refused again until the column is named or cleared */
	int last = nf;
	while (last > im->L->nhdr && !*f[last - 1])
		last--;
	for (int i = im->L->nhdr; i < last; i++) {
		putc(',', fp);
		sw_cell_put(fp, f[i]);
	}
	putc('\n', fp);
	return 0;
}

void sw_rejects_abort(struct sw_rejects *r)
{
	for (int i = 0; i < r->n; i++) {
		sw_file_abort(&r->f[i].f);
		free(r->f[i].hdr);
		free(r->f[i].from);
	}
	free(r->f);
	r->f = NULL;
	r->n = 0;
}

int sw_rejects_commit(struct sw_rejects *r)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < r->n; i++) {
		char *path = r->f[i].f.path ? sw_xstrdup(r->f[i].f.path) : NULL;
		rc = sw_file_commit(&r->f[i].f);
		if (rc == 0 && i)
			sw_warn(_("--rejects: the rejected rows of %s are in %s, those of %s in %s (a "
				  "rejects file holds one table's rows)"), r->f[i].from, path,
				r->f[0].from, r->path);
		free(path);
	}
	sw_rejects_abort(r);	/* (those not written, after a failure) */
	return rc;
}
