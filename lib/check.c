/* The spreadsheet checker behind "check FILE [--fix -o OUT]". */
#include <stdlib.h>
#include <string.h>

#include "sw/check.h"
#include "sw/cli.h"
#include "sw/csvio.h"
#include "sw/err.h"
#include "sw/out.h"

/* A set of key strings, to find a key given twice in the file. It grows
 * with the file: check is for spreadsheets, not for bulk loads. */
struct keyset {
	char **slot;
	size_t n, cap;
};

static size_t key_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Adds key; returns 1 if it was already there. */
static int keyset_add(struct keyset *k, const char *key)
{
	if (2 * (k->n + 1) > k->cap) {
		struct keyset g = {sw_xcalloc(k->cap ? 2 * k->cap : 1024, sizeof(char *)), 0,
				   k->cap ? 2 * k->cap : 1024};
		for (size_t i = 0; i < k->cap; i++)
			if (k->slot[i])
				keyset_add(&g, k->slot[i]), free(k->slot[i]);
		free(k->slot);
		*k = g;
	}
	size_t i = key_hash(key) & (k->cap - 1);
	for (; k->slot[i]; i = (i + 1) & (k->cap - 1))
		if (strcmp(k->slot[i], key) == 0)
			return 1;
	k->slot[i] = sw_xstrdup(key);
	k->n++;
	return 0;
}

static void keyset_free(struct keyset *k)
{
	for (size_t i = 0; i < k->cap; i++)
		free(k->slot[i]);
	free(k->slot);
}

struct ck {
	const struct sw_table *t;
	const char *fname;
	int *map;
	char **val;		/* normalised value per column */
	size_t *cap;
	const char **v;
	struct keyset keys;
	long problems;
	char rulebuf[64];	/* values the rules fill in; live until written */
};

/* Checks one record; prints its problems; leaves values in c->v. The
 * cross-field rules see the valid values (an invalid one is NULL). */
static void check_row(struct ck *c, struct sw_row *rw, sw_rules_fn rules)
{
	const struct sw_table *t = c->t;
	int bad = 0;
	char why[400], w[320], key[512] = "";
	for (int i = 0; i < t->ncols; i++) {
		int j = c->map[i];
		c->v[i] = NULL;
		if (j < 0)
			continue;
		const char *in = j < rw->nf ? rw->f[j] : "";
		size_t need = strlen(in) * 4 + 64;
		if (c->cap[i] < need)
			c->val[i] = sw_xrealloc(c->val[i], c->cap[i] = need);
		if (sw_column_norm(&t->cols[i], in, c->val[i], c->cap[i], w, sizeof w) != 0) {
			sw_error_at(c->fname, rw->line, "%s: %s", t->cols[i].name, w);
			snprintf(c->val[i], c->cap[i], "%s", in);
			bad = 1;
			continue;
		}
		if (*c->val[i])
			c->v[i] = c->val[i];
		else if (t->cols[i].flags & (SW_C_NOTNULL | SW_C_KEY)) {
			sw_error_at(c->fname, rw->line, "%s: required", t->cols[i].name);
			bad = 1;
		}
		if (t->cols[i].flags & SW_C_KEY)
			snprintf(key + strlen(key), sizeof key - strlen(key), "%s\x1f", c->val[i]);
	}
	if (rules && rules(t, c->v, c->rulebuf, why, sizeof why) != 0) {
		sw_error_at(c->fname, rw->line, "%s", why);
		bad = 1;
	}
	if (*key && keyset_add(&c->keys, key)) {
		for (int i = 0; i < t->ncols; i++)
			if (t->cols[i].flags & SW_C_KEY) {
				sw_error_at(c->fname, rw->line, "%s: duplicate key (an earlier line of this file has it)",
					    t->cols[i].name);
				break;
			}
		bad = 1;
	}
	c->problems += bad;
}

/* Writes the record: canonical values where valid, the input otherwise. */
static void write_row(struct ck *c, FILE *fp)
{
	for (int i = 0, k = 0; i < c->t->ncols; i++) {
		if (c->map[i] < 0)
			continue;
		if (k++)
			putc(',', fp);
		sw_csv_put(fp, c->v[i] ? c->v[i] : c->val[i]);
	}
	putc('\n', fp);
}

int sw_check_file(const struct sw_table *const *tables, const char *path,
		  const char *fixout, sw_rules_fn rules)
{
	struct sw_csv *r = sw_csv_open(path, sw_opt.encoding);
	if (!r)
		return SW_EXIT_FAIL;
	struct ck c = {.fname = sw_csv_name(r)};
	struct sw_row hr, rw;
	struct sw_file out = {0};
	int rc = sw_csv_next(r, &hr), status = SW_EXIT_OK;
	if (rc <= 0 || hr.bad) {
		if (rc == 0)
			sw_error_at(c.fname, 0, "empty file (a header row is required)");
		else
			sw_error_at(c.fname, rc < 0 ? sw_csv_errline(r) : hr.line, "%s%s",
				    rc < 0 ? "" : "header: ", rc < 0 ? sw_csv_error(r) : hr.bad);
		sw_csv_close(r);
		return SW_EXIT_REJECTED;
	}
	c.t = sw_opt.table ? sw_table_find(tables, sw_opt.table)
		: sw_table_guess(tables, c.fname, hr.f, hr.nf);
	if (!c.t) {
		if (sw_opt.table)
			sw_error("--table: unknown table \"%s\"", sw_opt.table);
		sw_csv_close(r);
		return SW_EXIT_REJECTED;
	}
	c.map = sw_xcalloc((size_t)c.t->ncols, sizeof *c.map);
	c.val = sw_xcalloc((size_t)c.t->ncols, sizeof *c.val);
	c.cap = sw_xcalloc((size_t)c.t->ncols, sizeof *c.cap);
	c.v = sw_xcalloc((size_t)c.t->ncols, sizeof *c.v);
	if (sw_header_map(c.t, c.fname, hr.f, hr.nf, c.map) != 0)
		status = SW_EXIT_REJECTED;
	else if (fixout && sw_file_open(&out, fixout) != 0)
		status = SW_EXIT_FAIL;
	else if (fixout) {
		for (int i = 0, k = 0; i < c.t->ncols; i++)
			if (c.map[i] >= 0)
				fprintf(out.fp, "%s%s", k++ ? "," : "", c.t->cols[i].name);
		putc('\n', out.fp);
	}
	while (status == SW_EXIT_OK && (rc = sw_csv_next(r, &rw)) > 0) {
		if (rw.bad) {
			sw_error_at(c.fname, rw.line, "%s", rw.bad);
			c.problems++;
			if (fixout)
				sw_csv_put_row(out.fp, rw.f, rw.nf);
			continue;
		}
		check_row(&c, &rw, rules);
		if (fixout)
			write_row(&c, out.fp);
	}
	if (status == SW_EXIT_OK && rc < 0) {
		sw_error_at(c.fname, sw_csv_errline(r), "%s", sw_csv_error(r));
		c.problems++;
	}
	if (status == SW_EXIT_OK && fixout && sw_file_commit(&out) != 0)
		status = SW_EXIT_FAIL;
	else if (status != SW_EXIT_OK && out.fp)
		sw_file_abort(&out);
	if (status == SW_EXIT_OK && c.problems)
		status = SW_EXIT_REJECTED;
	for (int i = 0; i < c.t->ncols; i++)
		free(c.val[i]);
	free(c.val);
	free(c.cap);
	free(c.v);
	free(c.map);
	keyset_free(&c.keys);
	sw_csv_close(r);
	return status;
}
