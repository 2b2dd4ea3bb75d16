/* The ranker's index: each partner's record in lists by skill, skill and
 * district, district, pairs of skills and education, in the order a
 * ranking scans them (see lib/rank.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/rankpriv.h"

long long sw_ranker_pairs(const struct sw_ranker *r) { return r->pairs; }

/* Education in the order that puts the full fits first: vacancies with
 * no minimum, then from the highest minimum down (a seeker fits the one
 * or two just at or below its level, is over-qualified below); seekers
 * from the lowest level up (those below a minimum are ruled out, the
 * level and one above fit, higher ones are over-qualified). */
static int edu_key(const struct sw_ranker *r, const struct rec *p)
{
	return r->o.by_vacancy ? p->edu : p->edu < 0 ? INT_MIN : -p->edu;
}

/* Within a run, the best wage fit first: seekers by their wish (none
 * first), vacancies from the highest wage_min down; so that a scan leaves
 * a run where the wage fit left cannot make the list (see wage_bound). */
static int wage_key(const struct sw_ranker *r, const struct rec *p)
{
	return r->o.by_vacancy ? p->a : -p->a;
}

static int cmp3(int a, int b, int c, int d, int e, int f)
{
	if (a != b)
		return (a > b) - (a < b);
	if (c != d)
		return (c > d) - (c < d);
	return (e > f) - (e < f);
}

static int cmp_fit(const void *a, const void *b, void *ctx)
{
	const struct rec *x = a, *y = b;
	int c = cmp3(fit_key(ctx, x), fit_key(ctx, y), edu_key(ctx, x), edu_key(ctx, y),
		     wage_key(ctx, x), wage_key(ctx, y));
	return c ? c : (x->j > y->j) - (x->j < y->j);
}

static int cmp_district_fit(const void *a, const void *b, void *ctx)
{
	const struct rec *x = a, *y = b;
	if (x->district != y->district)
		return (x->district > y->district) - (x->district < y->district);
	return cmp_fit(a, b, ctx);
}

static int cmp_edu(const void *a, const void *b, void *ctx)
{
	const struct rec *x = a, *y = b;
	return cmp3(x->edu, y->edu, wage_key(ctx, x), wage_key(ctx, y), x->j, y->j);
}

/* Fills end for the entries [a, b) of l: runs of equal education, and
 * district and skill count when asked; and bmax. */
static void runs(struct rec *l, int a, int b, int by_district, int by_nsk, int *end)
{
	for (int e = b - 1; e >= a; e--) {
		int more = e + 1 < b && l[e].edu == l[e + 1].edu &&
			(!by_district || l[e].district == l[e + 1].district) &&
			(!by_nsk || l[e].nsk == l[e + 1].nsk);
		end[e] = more ? end[e + 1] : e + 1;
		if (more && l[e + 1].bmax > l[e].b)
			l[e].bmax = l[e + 1].bmax;
		else
			l[e].bmax = l[e].b;
	}
}

/* The table of FULL_AT. */
static void full_init(struct sw_ranker *r)
{
	r->full = sw_xmalloc(4 * (FULL_NV + 1) * (FULL_NV + 1) * sizeof *r->full);
	for (int same = 0; same < 2; same++)
		for (int ef = 0; ef < 2; ef++)
			for (int nv = 0; nv <= FULL_NV; nv++)
				for (int cov = 0; cov <= FULL_NV; cov++)
					/* education 2 over a minimum of 0 is the half fit */
					r->full[FULL_AT(same, ef, nv, cov)] = score_of(&r->o.w, r->tot, -1,
						ef ? 0 : 2, 0, 0, 0, cov, nv, same);
}

/* Lists key -> records, in partner order: off gets nkeys + 1 entries. */
static struct rec *build_lists(const struct sw_ranker *r, int nkeys, int by_skill, int **off_out)
{
	const struct sw_market *m = r->m;
	int *off = sw_xcalloc((size_t)nkeys + 2, sizeof *off);
	for (int pass = 0; pass < 2; pass++) {
		struct rec *list = pass ? sw_xmalloc(((size_t)off[nkeys + 1] + 1) * sizeof *list) : NULL;
		for (int p = 0; p < r->np; p++) {
			const int *keys = r->o.by_vacancy ? m->s[p].skills : m->v[p].skills;
			int n = r->o.by_vacancy ? m->s[p].nskills : m->v[p].nskills;
			if (!by_skill) {
				keys = &r->all[p].district;
				n = *keys >= 0 && *keys < nkeys;
			}
			for (int i = 0; i < n; i++) {
				if (keys[i] < 0 || keys[i] >= nkeys)
					continue;
				if (pass)
					list[off[keys[i] + 1]++] = r->all[p];
				else
					off[keys[i] + 2]++;
			}
		}
		if (pass) {
			*off_out = off;
			return list;
		}
		for (int k = 0; k < nkeys; k++)
			off[k + 2] += off[k + 1];
	}
	return NULL;
}

/* A vacancy with a few skills finds its best seekers among those holding
 * two of them or more, then among those with one, whose fit is bounded by
 * one skill: the index of pairs keeps, for each two skills some seeker
 * has, those seekers. Seekers with more than PAIR_MOST skills, whose pairs
 * would be many, are kept apart in one list (the broad ones), which every
 * vacancy of two skills or more looks through as if it were a pair's. */
#define PAIR_MOST 8

struct pentry {
	long long key;
	struct rec r;
};

static int cmp_pentry(const void *a, const void *b, void *ctx)
{
	const struct pentry *x = a, *y = b;
	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	return cmp_fit(&x->r, &y->r, ctx);
}

/* The districts of l, whose key k's entries are [off[k], off[k + 1]) by
 * district: so that a district's entries are found without a search
 * through the entries. */
static void districts_init(struct ddir *dd, const struct rec *l, const int *off, int nkeys)
{
	int n = 0;
	dd->off = sw_xmalloc(((size_t)nkeys + 1) * sizeof *dd->off);
	dd->at = sw_xmalloc(((size_t)off[nkeys] + nkeys + 1) * sizeof *dd->at);
	for (int k = 0; k < nkeys; k++) {
		dd->off[k] = n;
		for (int e = off[k]; e < off[k + 1]; e++)
			if (e == off[k] || l[e].district != l[e - 1].district)
				dd->at[n++] = (struct dstart){l[e].district, e};
		dd->at[n++] = (struct dstart){INT_MAX, off[k + 1]};	/* the end */
	}
	dd->off[nkeys] = n;
}

static void pairs_init(struct sw_ranker *r)
{
	long long nk = r->m->nskill, n = 0;
	for (int p = 0; p < r->np; p++)
		n += r->all[p].nsk <= PAIR_MOST ? r->all[p].nsk * (r->all[p].nsk - 1) / 2 : 1;
	struct pentry *e = sw_xmalloc(((size_t)n + 1) * sizeof *e);
	n = 0;
	for (int p = 0; p < r->np; p++) {
		const struct rec *x = &r->all[p];
		if (x->nsk > PAIR_MOST) {
			e[n++] = (struct pentry){LLONG_MAX, *x};	/* broad: last */
			continue;
		}
		for (int i = 0; i < x->nsk; i++)
			for (int j = i + 1; j < x->nsk; j++)
				if (r->pool[x->sk + i] >= 0 && r->pool[x->sk + j] < nk)
					e[n++] = (struct pentry){r->pool[x->sk + i] * nk + r->pool[x->sk + j], *x};
	}
	qsort_r(e, (size_t)n, sizeof *e, cmp_pentry, r);
	r->pk = sw_xmalloc(((size_t)n + 1) * sizeof *r->pk);
	r->pk_off = sw_xmalloc(((size_t)n + 2) * sizeof *r->pk_off);
	r->pr = sw_xmalloc(((size_t)n + 1) * sizeof *r->pr);
	r->pr_end = sw_xmalloc(((size_t)n + 1) * sizeof *r->pr_end);
	r->prd = sw_xmalloc(((size_t)n + 1) * sizeof *r->prd);
	r->prd_end = sw_xmalloc(((size_t)n + 1) * sizeof *r->prd_end);
	for (int i = 0; i < n; i++) {
		if (i == 0 || e[i].key != e[i - 1].key) {
			r->pk[r->npk] = e[i].key;
			r->pk_off[r->npk++] = i;
		}
		r->pr[i] = e[i].r;
	}
	r->pk_off[r->npk] = (int)n;
	memcpy(r->prd, r->pr, (size_t)n * sizeof *r->prd);
	for (int k = 0; k < r->npk; k++) {
		int a = r->pk_off[k], b = r->pk_off[k + 1];
		qsort_r(r->prd + a, (size_t)(b - a), sizeof *r->prd, cmp_district_fit, r);
		runs(r->pr, a, b, 0, 1, r->pr_end);
		runs(r->prd, a, b, 1, 1, r->prd_end);
	}
	districts_init(&r->prdd, r->prd, r->pk_off, r->npk);
	free(e);
}

struct sw_ranker *sw_ranker_new(const struct sw_market *m, const struct sw_rank_opts *o)
{
	struct sw_ranker *r = sw_xcalloc(1, sizeof *r);
	r->m = m;
	r->o = *o;
	r->tot = total(&o->w);
	r->np = o->by_vacancy ? m->ns : m->nv;
	r->bound = sw_score_bound(&o->w);
	r->bound_d = score_of(&o->w, r->tot, -1, 0, 0, 0, -1, 0, 0, 1);
	r->stamp = sw_xcalloc((size_t)r->np + 1, sizeof *r->stamp);
	if (o->exhaustive)
		return r;
	full_init(r);
	r->all = sw_xmalloc(((size_t)r->np + 1) * sizeof *r->all);
	size_t npool = 0;
	for (int p = 0; p < r->np; p++) {
		r->all[p] = o->by_vacancy ? seeker_rec(m, p) : vac_rec(m, p);
		npool += (size_t)r->all[p].nsk;
	}
	r->pool = sw_xmalloc((npool + 1) * sizeof *r->pool);
	for (int p = 0, at = 0; p < r->np; p++) {
		const int *skills = o->by_vacancy ? m->s[p].skills : m->v[p].skills;
		memcpy(r->pool + at, skills, (size_t)r->all[p].nsk * sizeof *r->pool);
		r->all[p].sk = at;
		at += r->all[p].nsk;
	}
	r->sk = build_lists(r, m->nskill, 1, &r->sk_off);
	if (m->rules) {	/* each key's partners in index order: see rules_top */
		int most = 0;
		for (int i = 0; i < m->ns; i++)
			most = m->s[i].nskills > most ? m->s[i].nskills : most;
		r->at = sw_xmalloc((2 * (size_t)most + 1) * sizeof *r->at);
		free(r->all);
		r->all = NULL;
		return r;
	}
	int nsk = r->sk_off[m->nskill];
	r->skd = sw_xmalloc(((size_t)nsk + 1) * sizeof *r->skd);
	memcpy(r->skd, r->sk, (size_t)nsk * sizeof *r->skd);
	r->sk_end = sw_xmalloc(((size_t)nsk + 1) * sizeof *r->sk_end);
	r->skd_end = sw_xmalloc(((size_t)nsk + 1) * sizeof *r->skd_end);
	/* Each skill's partners, the best possible skill fit first, so that a
	 * scan can stop where the rest cannot reach the K-th score; and again
	 * by district, for the partners in the item's own district. */
	for (int k = 0; k < m->nskill; k++) {
		int a = r->sk_off[k], b = r->sk_off[k + 1];
		qsort_r(r->sk + a, (size_t)(b - a), sizeof *r->sk, cmp_fit, r);
		qsort_r(r->skd + a, (size_t)(b - a), sizeof *r->skd, cmp_district_fit, r);
		runs(r->sk, a, b, 0, 1, r->sk_end);
		runs(r->skd, a, b, 1, 1, r->skd_end);
	}
	districts_init(&r->skdd, r->skd, r->sk_off, m->nskill);
	r->di = build_lists(r, m->ndistrict, 0, &r->di_off);
	int ndi = r->di_off[m->ndistrict];
	r->di_end = sw_xmalloc(((size_t)ndi + 1) * sizeof *r->di_end);
	for (int d = 0; d < m->ndistrict; d++) {
		qsort_r(r->di + r->di_off[d], (size_t)(r->di_off[d + 1] - r->di_off[d]), sizeof *r->di, cmp_edu, r);
		runs(r->di, r->di_off[d], r->di_off[d + 1], 0, 0, r->di_end);
	}
	if (o->by_vacancy)
		pairs_init(r);
	r->ae = r->all;		/* every partner: needed no more in index order */
	r->all = NULL;
	qsort_r(r->ae, (size_t)r->np, sizeof *r->ae, cmp_edu, r);
	r->ae_end = sw_xmalloc(((size_t)r->np + 1) * sizeof *r->ae_end);
	runs(r->ae, 0, r->np, 0, 0, r->ae_end);
	int most = 0;
	for (int i = 0; i < (o->by_vacancy ? m->nv : m->ns); i++) {
		int n = o->by_vacancy ? m->v[i].nskills : m->s[i].nskills;
		most = n > most ? n : most;
	}
	r->at = sw_xmalloc(((size_t)most + 1) * sizeof *r->at);
	r->mark = sw_xcalloc((size_t)m->nskill + 1, 1);
	return r;
}

void sw_ranker_free(struct sw_ranker *r)
{
	if (!r)
		return;
	free(r->sk_off);
	free(r->sk);
	free(r->skd);
	free(r->skdd.off);
	free(r->skdd.at);
	free(r->di_off);
	free(r->di);
	free(r->ae);
	free(r->sk_end);
	free(r->skd_end);
	free(r->di_end);
	free(r->ae_end);
	free(r->all);
	free(r->pool);
	free(r->full);
	free(r->stamp);
	free(r->at);
	free(r->mark);
	free(r->pk);
	free(r->pk_off);
	free(r->pr);
	free(r->pr_end);
	free(r->prd);
	free(r->prd_end);
	free(r->prdd.off);
	free(r->prdd.at);
	free(r);
}
