/* Where an employment record belongs. sw-match(1)'s employers and job
 * seekers need not carry a station_code: a district (所在区域, 居住区域) is
 * what a station usually writes. The district names a division, by code
 * or by name; the division's station, or the nearest one up the division
 * tree, is the record's. A name two divisions share, or a division two
 * stations claim, tells nothing: such records stay unplaced rather than
 * guessed. */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/place.h"
#include "sw/store.h"

#define AMBIGUOUS (-2)

struct div {
	char *code, *name, *parent;
	int station;		/* n's index, -1 none, AMBIGUOUS */
};

struct sw_placer {
	const struct sw_net *n;
	int only;		/* the only station of the database, or -1 */
	struct div *by_code;	/* divisions sorted by code, then ... */
	struct div **by_name;	/* ... the same sorted by name */
	int ndiv;
	struct div *claims;	/* stations by division_code (code), sorted by it;
				 * name holds the station's code until resolved */
	int nclaims;
};

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct div *)a)->code, ((const struct div *)b)->code);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(struct div *const *)a)->name, (*(struct div *const *)b)->name);
}

static struct div *find_code(struct div *v, int n, const char *code)
{
	struct div key = {.code = (char *)code};
	return n ? bsearch(&key, v, (size_t)n, sizeof *v, cmp_code) : NULL;
}

static char *dup_col(struct sw_stmt *st, int i)
{
	const char *s = sw_stmt_text(st, i);
	return s ? sw_xstrdup(s) : NULL;
}

/* Rows of sql (code, name, parent) with a code into a new array sorted by
 * code; *all counts the rows, with or without a code. -1 (printed). */
static int read_divs(struct sw_store *db, const char *sql, struct div **out, int *all)
{
	struct sw_stmt *st = sw_store_prep(db, sql);
	int n = 0, cap = 0, rc;
	*out = NULL;
	*all = 0;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		++*all;
		if (sw_stmt_is_null(st, 0))
			continue;
		if (n == cap)
			*out = sw_xrealloc(*out, (size_t)(cap = cap ? 2 * cap : 64) * sizeof **out);
		(*out)[n++] = (struct div){dup_col(st, 0), dup_col(st, 1), dup_col(st, 2), -1};
	}
	sw_stmt_finalize(st);
	if (rc != SW_DONE) {
		for (int i = 0; i < n; i++)
			free((*out)[i].code), free((*out)[i].name), free((*out)[i].parent);
		free(*out);
		*out = NULL;
		return -1;
	}
	if (n)
		qsort(*out, (size_t)n, sizeof **out, cmp_code);
	return n;
}

/* The station claiming division code, -1 if none, AMBIGUOUS if several. */
static int claimed(const struct sw_placer *p, const char *code)
{
	const struct div *c = find_code(p->claims, p->nclaims, code), *end = p->claims + p->nclaims;
	if (!c)
		return -1;
	while (c > p->claims && strcmp(c[-1].code, code) == 0)
		c--;
	int st = c->station;
	for (; c < end && strcmp(c->code, code) == 0; c++)
		if (c->station != st)
			return AMBIGUOUS;
	return st;
}

/* Each division's station: its own, or the nearest up the tree. */
static void resolve(struct sw_placer *p)
{
	for (int i = 0; i < p->ndiv; i++) {
		struct div *d = &p->by_code[i];
		int st = -1;
		for (int depth = 0; d && st == -1 && depth < 16; depth++) {
			st = claimed(p, d->code);
			d = d->parent ? find_code(p->by_code, p->ndiv, d->parent) : NULL;
		}
		p->by_code[i].station = st;
	}
}

struct sw_placer *sw_placer_new(const struct sw_net *n, struct sw_store *db)
{
	struct sw_placer *p = sw_xcalloc(1, sizeof *p);
	int ns = 0, all;
	p->n = n;
	p->only = -1;
	p->nclaims = read_divs(db, "SELECT division_code, code, NULL FROM stations", &p->claims, &ns);
	p->ndiv = p->nclaims < 0 ? -1
		: read_divs(db, "SELECT code, name, parent_code FROM divisions", &p->by_code, &all);
	if (p->ndiv < 0) {
		sw_placer_free(p);
		return NULL;
	}
	if (ns == 1) {
		struct sw_stmt *st = sw_store_prep(db, "SELECT code FROM stations");
		if (sw_stmt_step(st) == SW_ROW)
			p->only = sw_net_find(n, sw_stmt_text(st, 0));
		sw_stmt_finalize(st);
	}
	/* a claim names its station by code: to n's index */
	for (int i = 0; i < p->nclaims; i++) {
		p->claims[i].station = sw_net_find(n, p->claims[i].name);
		free(p->claims[i].name);
		p->claims[i].name = NULL;
	}
	resolve(p);
	p->by_name = sw_xcalloc((size_t)p->ndiv + 1, sizeof *p->by_name);
	for (int i = 0; i < p->ndiv; i++)
		p->by_name[i] = &p->by_code[i];
	qsort(p->by_name, (size_t)p->ndiv, sizeof *p->by_name, cmp_name);
	return p;
}

void sw_placer_free(struct sw_placer *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->ndiv; i++)
		free(p->by_code[i].code), free(p->by_code[i].name), free(p->by_code[i].parent);
	for (int i = 0; i < p->nclaims; i++)
		free(p->claims[i].code), free(p->claims[i].name);
	free(p->by_code);
	free(p->by_name);
	free(p->claims);
	free(p);
}

/* The station of the division district names; -1 if none or ambiguous. */
static int district_station(const struct sw_placer *p, const char *district)
{
	if (!district || !*district)
		return -1;
	const struct div *d = find_code(p->by_code, p->ndiv, district);
	if (d)
		return d->station >= 0 ? d->station : -1;
	int st = claimed(p, district);	/* a code of a division not imported */
	if (st != -1)
		return st >= 0 ? st : -1;
	/* by name: every division of that name must lead to one station */
	struct div key = {.name = (char *)district}, *kp = &key;
	struct div **hit = p->ndiv ? bsearch(&kp, p->by_name, (size_t)p->ndiv, sizeof *hit, cmp_name) : NULL;
	if (!hit)
		return -1;
	while (hit > p->by_name && strcmp(hit[-1]->name, district) == 0)
		hit--;
	st = (*hit)->station;
	for (; hit < p->by_name + p->ndiv && strcmp((*hit)->name, district) == 0; hit++)
		if ((*hit)->station != st)
			return -1;
	return st >= 0 ? st : -1;
}

int sw_placer_find(const struct sw_placer *p, const char *station, const char *district,
		   const char *district2)
{
	int i = station ? sw_net_find(p->n, station) : -1;
	if (i < 0)
		i = district_station(p, district);
	if (i < 0)
		i = district_station(p, district2);
	return i >= 0 ? i : p->only;
}
