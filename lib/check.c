/* The spreadsheet checker behind "check FILE [--fix -o OUT]". */
#include <stdlib.h>
#include <string.h>

#include "sw/cell.h"
#include "sw/check.h"
#include "sw/csvio.h"
#include "sw/enc.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/input.h"
#include "sw/layout.h"
#include "sw/out.h"
#include "sw/refs.h"
#include "sw/rowq.h"
#include "sw/store.h"

/* A set of key strings, to find a key given twice in the file. It grows
 * with the file: check is for spreadsheets, not for bulk loads. */
struct keyset {
	char **slot;
	long *line;
	size_t n, cap;
};

static size_t key_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Adds key, first met on line; returns the line it was met on before,
 * or 0 if it is new. */
static long keyset_add(struct keyset *k, const char *key, long line)
{
	if (2 * (k->n + 1) > k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 1024;
		struct keyset g = {sw_xcalloc(cap, sizeof(char *)), sw_xcalloc(cap, sizeof(long)),
				   0, cap};
		for (size_t i = 0; i < k->cap; i++)
			if (k->slot[i])
				keyset_add(&g, k->slot[i], k->line[i]), free(k->slot[i]);
		free(k->slot);
		free(k->line);
		*k = g;
	}
	size_t i = key_hash(key) & (k->cap - 1);
	for (; k->slot[i]; i = (i + 1) & (k->cap - 1))
		if (strcmp(k->slot[i], key) == 0)
			return k->line[i];
	k->slot[i] = sw_xstrdup(key);
	k->line[i] = line;
	k->n++;
	return 0;
}

/* The line key was met on, or 0 if it was not. */
static long keyset_line(const struct keyset *k, const char *key)
{
	for (size_t i = k->cap ? key_hash(key) & (k->cap - 1) : 0; k->cap && k->slot[i];
	     i = (i + 1) & (k->cap - 1))
		if (strcmp(k->slot[i], key) == 0)
			return k->line[i];
	return 0;
}

static int keyset_has(const struct keyset *k, const char *key)
{
	return keyset_line(k, key) != 0;
}

static void keyset_free(struct keyset *k)
{
	for (size_t i = 0; i < k->cap; i++)
		free(k->slot[i]);
	free(k->slot);
	free(k->line);
}

/* The keys of the sheets checked before, which later sheets of the same
 * workbook may name (its clients, for its services), as import sees them. */
struct defined {
	const struct sw_table *t[16];
	struct keyset keys[16];
	int n;
};

struct ck {
	struct defined *def;	/* earlier sheets' keys */
	const struct sw_table *t;
	const char *fname;
	const struct sw_layout *L;
	struct sw_store *s;	/* for references; NULL: none */
	struct sw_refs *refs;	/* reference look-ups on s; NULL: none */
	struct sw_arena a;
	long *off;
	const char **v;
	struct keyset keys;
	struct keyset uniq;	/* "index\x1fvalue" of its unique columns */
	long problems;
	int failed;		/* a look-up failed (said): status 3 */
	char rulebuf[64];	/* values the rules fill in; live until written */
	char wbuf[64];		/* a worker's id found by name (one worker column) */
};

/* Prints the problems of a row, one a line as sw_row_norm joined them. */
static void say(const char *fname, long line, const char *why)
{
	while (*why) {
		size_t n = strcspn(why, "\n");
		sw_error_at(fname, line, "%.*s", (int)n, why);
		why += n + (why[n] == '\n');
	}
}

/* 1 if an earlier sheet defines value as a key of ref's table ("t.col"). */
static int defined(const struct defined *d, const char *ref, const char *value)
{
	size_t tl = strcspn(ref, ".");
	char key[512];
	snprintf(key, sizeof key, "%s\x1f", value);	/* as check_row keys a one-column key */
	for (int k = 0; k < d->n; k++)
		if (strlen(d->t[k]->name) == tl && strncmp(d->t[k]->name, ref, tl) == 0 &&
		    keyset_has(&d->keys[k], key))
			return 1;
	return 0;
}

/* 0 if each reference of the row is on file (or there is no database). */
static int refs_ok(struct ck *c, long line)
{
	int bad = 0;
	for (int i = 0; c->refs && i < c->t->ncols; i++) {
		if (!sw_refs_has(c->refs, i) || !c->v[i])
			continue;
		if (sw_refs_find(c->refs, i, c->v[i]) == SQLITE_ROW ||
		    defined(c->def, c->t->cols[i].ref, c->v[i]))
			continue;
		/* a worker named as import would resolve it, written by --fix */
		char why[320];
		int k = sw_refs_worker(c->refs, i, c->v, c->wbuf, sizeof c->wbuf, why, sizeof why);
		if (k > 0) {
			c->v[i] = c->wbuf;
			continue;
		}
		const struct sw_column *col = &c->t->cols[i];
		if (k == 0 && *why)
			sw_error_at(c->fname, line, "%s", why);
		else
			sw_error_at(c->fname, line, _("%s: unknown %s%s"), sw_column_title(col),
				    sw_ref_name(col),
				    col->flags & SW_C_DEFER ? _(" (unless the file defines it)") : "");
		bad = 1;
	}
	return bad;
}

/* 1 if a record of another key than the row's holds column i's value. */
static int taken_on_file(struct ck *c, int i)
{
	const struct sw_table *t = c->t;
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendf(q, "SELECT 1 FROM \"%w\" WHERE \"%w\" = ?1 AND NOT (", t->name, t->cols[i].name);
	for (int k = 0, n = 0; k < t->ncols; k++)
		if (t->cols[k].flags & SW_C_KEY)
			sqlite3_str_appendf(q, "%s\"%w\" = ?%d", n ? " AND " : "", t->cols[k].name, n + 2), n++;
	sqlite3_str_appendall(q, ")");
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_stmt(c->s, sql);
	sqlite3_free(sql);
	sw_stmt_bind_text(st, 1, c->v[i]);
	for (int k = 0, n = 0; k < t->ncols; k++)
		if (t->cols[k].flags & SW_C_KEY)
			sw_stmt_bind_text(st, 2 + n++, c->v[k]);
	int rc = sw_stmt_step(st);
	sw_stmt_release(st);
	c->failed |= rc < 0;
	return rc == SW_ROW;
}

/* 1 (said) if the row, of a key not met before in the file, gives a value
 * of a unique column (SW_C_UNIQUE: the ID number) that another record
 * holds, given on an earlier line or on file: the import would refuse it.
 * A row the import stores (ok) holds its values for the lines after. */
static int unique_taken(struct ck *c, long line, int ok)
{
	const struct sw_table *t = c->t;
	int bad = 0;
	for (int i = 0; i < t->ncols; i++) {
		if (!(t->cols[i].flags & SW_C_UNIQUE) || !c->v[i])
			continue;
		const char *title = sw_column_title(&t->cols[i]);
		char k[512];
		snprintf(k, sizeof k, "%d\x1f%s", i, c->v[i]);
		long first = keyset_line(&c->uniq, k);
		if (first || (c->s && taken_on_file(c, i))) {
			char why[640];
			sw_taken_msg(t, title, i, first, why, sizeof why);
			sw_error_at(c->fname, line, "%s", why);
			bad = 1;
		}
	}
	for (int i = 0; ok && !bad && i < t->ncols; i++)
		if ((t->cols[i].flags & SW_C_UNIQUE) && c->v[i]) {
			char k[512];
			snprintf(k, sizeof k, "%d\x1f%s", i, c->v[i]);
			keyset_add(&c->uniq, k, line);
		}
	return bad;
}

/* Checks one record; prints every problem; leaves values in c->v. The
 * cross-field rules see the valid values (an invalid one is NULL). */
static void check_row(struct ck *c, struct sw_row *rw, sw_rules_fn rules, int *skip)
{
	const struct sw_table *t = c->t;
	char why[1400];
	c->a.len = 0;
	int rc = sw_row_norm(c->L, rw, &c->a, c->off, why, sizeof why);
	*skip = rc > 0;
	if (rc > 0)
		return;
	int bad = rc < 0;
	if (bad)
		say(c->fname, rw->line, why);
	for (int i = 0; i < t->ncols; i++)
		c->v[i] = c->off[i] < 0 ? NULL : c->a.p + c->off[i];
	bad |= refs_ok(c, rw->line);
	if (rules && rules(c->s, t, c->v, c->rulebuf, why, sizeof why) != 0) {
		if (t->personal)
			sw_problems_unquote(why);
		sw_error_at(c->fname, rw->line, "%s", why);
		bad = 1;
	}
	char key[512] = "";
	for (int i = 0; i < t->ncols; i++)
		if ((t->cols[i].flags & SW_C_KEY) && c->v[i])
			snprintf(key + strlen(key), sizeof key - strlen(key), "%s\x1f", c->v[i]);
	long first;
	if (*key && (first = keyset_add(&c->keys, key, rw->line))) {
		for (int i = 0; i < t->ncols; i++)
			if (t->cols[i].flags & SW_C_KEY) {
				sw_error_at(c->fname, rw->line, _("%s: duplicate key (line %ld has it)"),
					    sw_column_title(&t->cols[i]), first);
				break;
			}
		bad = 1;
	} else if (*key)
		bad |= unique_taken(c, rw->line, !bad);
	c->problems += bad;
}

/* Writes the record: every field of the input, canonical where the table
 * has the column and the value is valid, as written otherwise. */
static void write_row(struct ck *c, struct sw_row *rw, FILE *fp)
{
	const struct sw_layout *L = c->L;
	for (int j = 0; j < L->nhdr; j++) {
		int i = L->field[j];
		if (j)
			putc(',', fp);
		sw_cell_put(fp, i >= 0 && c->v[i] ? c->v[i] : j < rw->nf ? rw->f[j] : "");
	}
	for (int j = L->nhdr; j < rw->nf; j++) {
		putc(',', fp);
		sw_cell_put(fp, rw->f[j]);
	}
	putc('\n', fp);
}

/* The fixed file's header: canonical names for the table's columns, the
 * others as they were. */
static void write_header(const struct sw_layout *L, FILE *fp)
{
	for (int j = 0; j < L->nhdr; j++) {
		if (j)
			putc(',', fp);
		sw_csv_put(fp, L->field[j] >= 0 ? L->t->cols[L->field[j]].name : L->hdr[j]);
	}
	putc('\n', fp);
}

/* Checks one part of src (a sheet, or the text). Returns an exit status. */
static int check_part(struct sw_source *src, int part, const struct sw_table *const *tables,
		      const struct sw_input_opts *o, struct sw_store *s, struct sw_file *out, int fixenc,
		      sw_rules_fn rules, struct defined *def)
{
	struct sw_layout L;
	struct sw_row rw;
	struct ck c = {.s = s, .L = &L, .def = def};
	const char *sheet = sw_source_part(src, part);
	if (sw_source_begin(src, part) != 0)
		return SW_EXIT_REJECTED;
	c.fname = sw_source_name(src);	/* "file[sheet]", made anew by sw_source_begin */
	int rc = sw_layout_find(src, tables, o, &L);
	if (rc != 0) {
		if (rc > 0 && !sheet)
			sw_error_at(c.fname, 0, _("empty file (a header row is required)"));
		sw_layout_free(&L);
		return rc > 0 && sheet ? SW_EXIT_OK : SW_EXIT_REJECTED;
	}
	c.t = L.t;
	c.off = sw_xcalloc((size_t)c.t->ncols, sizeof *c.off);
	c.v = sw_xcalloc((size_t)c.t->ncols, sizeof *c.v);
	if (s)
		c.refs = sw_refs_new(s, c.t, L.map);
	struct sw_unitwatch uw;
	sw_unitwatch_init(&uw, &L);
	if (out) {
		/* the fixed file goes back to whoever wrote this one (a pipe: UTF-8);
		 * if the encoding fails, so will the commit */
		int enc = sw_file_to_file(out) ? sw_source_encoding(src) : SW_ENC_UTF8;
		sw_file_encode(out, fixenc >= 0 ? fixenc : enc);
		write_header(&L, out->fp);
	}
	while ((rc = sw_source_next(src, &rw)) > 0) {
		int skip = 0;
		if (!rw.bad)
			sw_unitwatch_add(&uw, rw.f, rw.nf);
		check_row(&c, &rw, rules, &skip);
		if (out && !skip)
			write_row(&c, &rw, out->fp);
	}
	if (rc < 0) {
		sw_error_at(c.fname, sw_source_errline(src), "%s", sw_source_error(src));
		c.problems++;
	}
	c.problems += sw_unitwatch_check(&uw, &L, c.fname) != 0;
	sw_refs_free(c.refs);
	free(c.off);
	free(c.v);
	free(c.a.p);
	keyset_free(&c.uniq);
	if (def->n < 16) {	/* kept for the sheets after */
		def->t[def->n] = c.t;
		def->keys[def->n++] = c.keys;
	} else
		keyset_free(&c.keys);
	sw_layout_free(&L);
	return c.failed ? SW_EXIT_FAIL : c.problems ? SW_EXIT_REJECTED : SW_EXIT_OK;
}

int sw_check_file(const struct sw_table *const *tables, const char *path,
		  const struct sw_input_opts *o, struct sw_store *s, const char *fixout, int fixenc,
		  sw_rules_fn rules)
{
	int status;
	char *in[] = {(char *)path, NULL};
	if (fixout && sw_file_check_inputs("-o", fixout, in) != 0)
		return SW_EXIT_USAGE;
	struct sw_source *src = sw_source_open(path, o, &status);
	if (!src)
		return status;
	struct sw_file out = {0};
	if (fixout && sw_file_open(&out, fixout) != 0) {
		sw_source_close(src);
		return SW_EXIT_FAIL;
	}
	if (fixout && sw_source_parts(src) > 1 && o->nsheets != 1) {
		sw_error_at(path, 0, _("--fix writes one table: pick the sheet with --sheet NAME"));
		sw_file_abort(&out);
		sw_source_close(src);
		return SW_EXIT_USAGE;
	}
	int bad, *order = sw_layout_order(src, tables, o, &bad);
	struct defined def = {.n = 0};
	status = bad ? SW_EXIT_REJECTED : SW_EXIT_OK;
	for (int i = 0; i < sw_source_parts(src); i++) {
		int rc = check_part(src, order[i], tables, o, s, fixout ? &out : NULL, fixenc, rules,
				    &def);
		status = rc > status ? rc : status;
	}
	for (int k = 0; k < def.n; k++)
		keyset_free(&def.keys[k]);
	free(order);
	if (fixout && (status == SW_EXIT_FAIL ? (sw_file_abort(&out), 0) : sw_file_commit(&out) != 0))
		status = SW_EXIT_FAIL;
	sw_source_close(src);
	return status;
}
