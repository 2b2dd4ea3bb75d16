/* The certified assignment over a market, and sw_bmatch over a graph,
 * both by the auction of lib/auction.c. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sw/assign.h"
#include "sw/auction.h"
#include "sw/err.h"
#include "sw/i18n.h"

/* A graph's pairs by vacancy, best first (then by seeker). */
struct columns {
	int *off;
	struct col {
		int s, w;
	} *e;
};

static int cmp_col(const void *a, const void *b)
{
	const struct col *x = a, *y = b;
	return x->w != y->w ? (x->w < y->w) - (x->w > y->w) : (x->s > y->s) - (x->s < y->s);
}

static int graph_best(void *ctx, int v, int k, int min, void (*fn)(void *fctx, int s, int w), void *fctx)
{
	const struct columns *c = ctx;
	int n = 0;
	for (int i = c->off[v]; i < c->off[v + 1] && n < k && c->e[i].w >= min; i++, n++)
		fn(fctx, c->e[i].s, c->e[i].w);
	return n < k ? min - 1 : c->e[c->off[v] + k - 1].w;
}

long long sw_bmatch(const struct sw_bgraph *g, int *match, long long *u, long long *p)
{
	int ns = g->ns, nv = g->nv, ne = g->off[ns];
	struct columns c = {sw_xcalloc((size_t)nv + 2, sizeof *c.off), sw_xmalloc(((size_t)ne + 1) * sizeof *c.e)};
	int *cap = sw_xmalloc(((size_t)nv + 1) * sizeof *cap), *score = sw_xmalloc(((size_t)ns + 1) * sizeof *score);
	long long *uu = sw_xmalloc(((size_t)ns + 1) * sizeof *uu), *pp = sw_xmalloc(((size_t)nv + 1) * sizeof *pp);
	for (int i = 0; i < ne; i++) {
		if (g->w[i] < 1 || g->w[i] > SW_BMATCH_WMAX) {
			sw_error(_("internal error: weight %d outside 1..%d"), g->w[i], SW_BMATCH_WMAX);
			abort();
		}
		c.off[g->to[i] + 2]++;
	}
	for (int v = 0; v < nv; v++) {
		c.off[v + 2] += c.off[v + 1];
		cap[v] = g->cap[v] < ns ? g->cap[v] : ns;
	}
	for (int s = 0; s < ns; s++)
		for (int i = g->off[s]; i < g->off[s + 1]; i++)
			c.e[c.off[g->to[i] + 1]++] = (struct col){s, g->w[i]};
	struct sw_auction *a = sw_auction_new(ns, nv, cap, graph_best, &c);
	for (int v = 0; v < nv; v++) {
		qsort(c.e + c.off[v], (size_t)(c.off[v + 1] - c.off[v]), sizeof *c.e, cmp_col);
		sw_auction_open(a, v, INT_MAX, 1);	/* every pair */
	}
	for (long long eps = 64 * sw_auction_scale(a);; eps /= 8) {
		sw_auction_settle(a, eps > 1 ? eps : 1, 1);	/* exact at 1 */
		if (eps <= 1)
			break;
	}
	long long total = sw_auction_result(a, match, score, uu, pp);
	if (u)
		memcpy(u, uu, (size_t)ns * sizeof *u);
	if (p)
		memcpy(p, pp, (size_t)nv * sizeof *p);
	sw_auction_free(a);
	free(c.off), free(c.e), free(cap), free(score), free(uu), free(pp);
	return total;
}

/* Seekers a vacancy is first opened to: so many per place, and no more
 * than so many in all. */
#define FIRST_PER_PLACE 6
#define FIRST_MOST 64

/* A market's pairs from its ranking indexes: seekers' best vacancies and
 * vacancies' best seekers. The auction numbers seekers and vacancies
 * district by district (in id order within one), so that a district's
 * bids, which are most of them, stay among neighbours in memory: s2m and
 * v2m give the market's number of the auction's, m2s and m2v the other
 * way. sigma[s] (the auction's s): every pair of s scoring above it is
 * listed. */
struct market {
	struct sw_ranker *rs, *rv;	/* by seeker, by vacancy */
	struct sw_pick *buf;		/* room for every partner */
	int *sigma;
	int *s2m, *m2s, *v2m, *m2v;
	int *district;			/* the auction's seeker's, for its groups */
};

static int market_best(void *ctx, int v, int k, int min, void (*fn)(void *fctx, int s, int w), void *fctx)
{
	struct market *mk = ctx;
	int n = sw_ranker_top_min(mk->rv, mk->v2m[v], k, min, mk->buf);
	for (int i = 0; i < n; i++)
		fn(fctx, mk->m2s[mk->buf[i].s], mk->buf[i].score);
	return n < k ? min - 1 : mk->buf[k - 1].score;
}

/* Lists the k best vacancies of seeker s scoring at least min; returns
 * how many there were. */
static int open_seeker(struct market *mk, struct sw_auction *A, int s, int k, int min)
{
	int n = sw_ranker_top_min(mk->rs, mk->s2m[s], k, min, mk->buf);
	for (int i = 0; i < n; i++)
		sw_auction_add(A, s, mk->m2v[mk->buf[i].v], mk->buf[i].score);
	mk->sigma[s] = n < k ? min - 1 : mk->buf[k - 1].score;
	return n;
}

static int district_of(const struct sw_market *m, int seekers, int i)
{
	int d = seekers ? m->s[i].district : m->v[i].district;
	return d >= 0 && d < m->ndistrict ? d : m->ndistrict;	/* none: the last */
}

/* Numbers the market's seekers (or vacancies) district by district, in
 * index order within one: a2m[j] is the j-th, m2a[i] i's number;
 * group[j] (if not NULL) the j-th's district. */
static void by_district(const struct sw_market *m, int seekers, int *a2m, int *m2a, int *group)
{
	int n = seekers ? m->ns : m->nv, *at = sw_xcalloc((size_t)m->ndistrict + 2, sizeof *at);
	for (int i = 0; i < n; i++)
		at[district_of(m, seekers, i) + 1]++;
	for (int d = 0; d <= m->ndistrict; d++)
		at[d + 1] += at[d];
	for (int i = 0; i < n; i++) {
		int d = district_of(m, seekers, i), j = at[d]++;
		a2m[j] = i, m2a[i] = j;
		if (group)
			group[j] = d;
	}
	free(at);
}

/* Of a seeker's (or vacancy's) pairs the dual does not cover, the MOST
 * most uncovered (by how much the score passes u[s] + p[v]) are listed for
 * the next solve: enough to move the answer, few enough to keep lists
 * short when a first answer leaves many pairs uncovered. */
#define MOST 8

struct uncovered {
	struct sw_auction *A;
	const long long *u, *p;
	int v;			/* the vacancy looked at, or -1 */
	struct violation {
		long long by;	/* score - u[s] - p[v] */
		int s, v, w;
	} top[MOST];		/* the most violated so far */
	int n, grew;
};

static void consider(struct uncovered *c, int s, int v, int w)
{
	struct violation x = {w - c->u[s] - c->p[v], s, v, w};
	if (x.by <= 0)
		return;
	int i = c->n < MOST ? c->n++ : MOST;
	for (; i > 0 && c->top[i - 1].by < x.by; i--)
		if (i < MOST)
			c->top[i] = c->top[i - 1];
	if (i < MOST)
		c->top[i] = x;
}

static void take_in(struct uncovered *c)
{
	for (int i = 0; i < c->n; i++)
		sw_auction_add(c->A, c->top[i].s, c->top[i].v, c->top[i].w);
	c->grew |= c->n > 0;
	c->n = 0;
}

static void seeker_of(void *ctx, int s, int w)
{
	struct uncovered *c = ctx;
	consider(c, s, c->v, w);
}

/* Checks the dual: u and p >= 0, every pair listed covered (u[s] + p[v]
 * >= its score) and the dual's value the total, which proves a optimal
 * over the pairs listed (else returns -1). A pair not listed scores at
 * most sigma[s] and at most tau[v]: covered when u[s] >= sigma[s] or
 * p[v] >= tau[v]. The pairs of seekers and vacancies neither covers are
 * gone through from one side, the one with fewer of them between the dual
 * and the bound by an estimate, through the index. Returns 1 when a is
 * proven optimal over every pair, 0 when pairs were found uncovered (and
 * taken in). */
static int certified(const struct sw_market *m, struct sw_auction *A, struct market *mk,
		     const int *cap, const struct sw_assignment *a)
{
	long long dual = 0, ns = 0, nv = 0;
	int ok = 1, n;
	for (int s = 0; s < m->ns; s++) {
		const struct sw_apair *e = sw_auction_pairs(A, s, &n);
		ok &= a->u[s] >= 0;
		dual += a->u[s];
		for (int i = 0; i < n; i++)
			ok &= e[i].w <= a->u[s] + a->p[e[i].v];
		ns += a->u[s] < mk->sigma[s] ? mk->sigma[s] - a->u[s] : 0;
	}
	for (int v = 0; v < m->nv; v++) {
		long long tau = sw_auction_tau(A, v) < SW_SCORE_MAX ? sw_auction_tau(A, v) : SW_SCORE_MAX;
		ok &= a->p[v] >= 0;
		dual += a->p[v] * cap[v];
		nv += a->p[v] < tau ? tau - a->p[v] : 0;
	}
	if (!ok || dual != a->total)
		return -1;
	ns *= m->nv, nv *= m->ns;	/* a seeker has about nv / ns times the pairs of a vacancy */
	struct uncovered c = {.A = A, .u = a->u, .p = a->p};
	for (int v = 0; v < m->nv && nv <= ns; v++)
		if (a->p[v] < sw_auction_tau(A, v)) {
			c.v = v;
			market_best(mk, v, INT_MAX, (int)a->p[v] + 1, seeker_of, &c);
			take_in(&c);
		}
	for (int s = 0; s < m->ns && ns < nv; s++)
		if (a->u[s] < mk->sigma[s]) {
			int k = sw_ranker_top_min(mk->rs, mk->s2m[s], INT_MAX, (int)a->u[s] + 1, mk->buf);
			for (int i = 0; i < k; i++)
				consider(&c, s, mk->m2v[mk->buf[i].v], mk->buf[i].score);
			take_in(&c);
		}
	return c.grew ? 0 : 1;
}

/* Solves, taking pairs in as the certificate asks, until it is proven. */
static void solve(const struct sw_market *m, struct sw_auction *A, struct market *mk,
		  const int *cap, int open, struct sw_assignment *a)
{
	/* The first phase, at 6.4 points, over the first pairs alone (no
	 * vacancy opened further before prices are roughly right); then ε
	 * falls by 8 a time, the dual tried from a 640th of a point on (at an
	 * 80th it was seldom exact on the bench markets, and its search costs
	 * about as much as a phase). */
	long long K = sw_auction_scale(A);
	sw_auction_settle(A, 64 * K, 0);
	a->rounds = 1;
	for (long long eps = 8 * K;; eps = eps / 8 > 1 ? eps / 8 : 1) {
		sw_auction_settle(A, eps, open);
		if (eps > K / 64 && eps > 1)
			continue;
		a->total = sw_auction_result(A, a->vac, a->score, a->u, a->p);
		int c = certified(m, A, mk, cap, a);
		if (c > 0)
			return;
		if (c == 0) {		/* pairs taken in: from 0.8 points again */
			a->rounds++;
			eps = 64 * K;
		} else if (eps == 1) {	/* the dual not exact: a bug */
			sw_error(_("internal error: the assignment is not optimal"));
			abort();
		}
	}
}

/* The answer, solved in the auction's numbers, in the market's. */
static void to_market(const struct market *mk, int ns, int nv, struct sw_assignment *a)
{
	int *vac = sw_xmalloc(((size_t)ns + 1) * sizeof *vac), *score = sw_xmalloc(((size_t)ns + 1) * sizeof *score);
	long long *u = sw_xmalloc(((size_t)ns + 1) * sizeof *u), *p = sw_xmalloc(((size_t)nv + 1) * sizeof *p);
	for (int s = 0; s < ns; s++) {
		int j = mk->m2s[s];
		vac[s] = a->vac[j] >= 0 ? mk->v2m[a->vac[j]] : -1;
		score[s] = a->score[j];
		u[s] = a->u[j];
	}
	for (int v = 0; v < nv; v++)
		p[v] = a->p[mk->m2v[v]];
	free(a->vac), free(a->score), free(a->u), free(a->p);
	a->vac = vac, a->score = score, a->u = u, a->p = p;
}

void sw_assign(const struct sw_market *m, const struct sw_rank_opts *o, struct sw_assignment *a)
{
	struct sw_rank_opts ro = *o;
	int ns = m->ns, nv = m->nv, no_grow = a->no_grow, k = o->top > 0 ? o->top : 2;
	ro.by_vacancy = 0;
	if (ro.min_score < 1)
		ro.min_score = 1;	/* a pair scoring 0 adds nothing */
	struct market mk = {sw_ranker_new(m, &ro), NULL,
			    sw_xmalloc(((size_t)(ns > nv ? ns : nv) + 1) * sizeof *mk.buf),
			    sw_xmalloc(((size_t)ns + 1) * sizeof *mk.sigma),
			    sw_xmalloc(((size_t)ns + 1) * sizeof *mk.s2m), sw_xmalloc(((size_t)ns + 1) * sizeof *mk.m2s),
			    sw_xmalloc(((size_t)nv + 1) * sizeof *mk.v2m), sw_xmalloc(((size_t)nv + 1) * sizeof *mk.m2v),
			    sw_xmalloc(((size_t)ns + 1) * sizeof *mk.district)};
	ro.by_vacancy = 1;
	mk.rv = sw_ranker_new(m, &ro);
	by_district(m, 1, mk.s2m, mk.m2s, mk.district);
	by_district(m, 0, mk.v2m, mk.m2v, NULL);
	int *cap = sw_xmalloc(((size_t)nv + 1) * sizeof *cap);
	for (int v = 0; v < nv; v++)
		cap[v] = m->v[mk.v2m[v]].left < ns ? m->v[mk.v2m[v]].left : ns;
	memset(a, 0, sizeof *a);
	a->vac = sw_xmalloc(((size_t)ns + 1) * sizeof *a->vac);
	a->score = sw_xcalloc((size_t)ns + 1, sizeof *a->score);
	a->best = sw_xmalloc(((size_t)ns + 1) * sizeof *a->best);
	a->u = sw_xmalloc(((size_t)ns + 1) * sizeof *a->u);
	a->p = sw_xmalloc(((size_t)nv + 1) * sizeof *a->p);
	struct sw_auction *A = sw_auction_new(ns, nv, cap, market_best, &mk);
	sw_auction_groups(A, mk.district, m->ndistrict + 1);
	for (int s = 0; s < ns; s++)
		a->best[mk.s2m[s]] = open_seeker(&mk, A, s, k, 1) ? mk.buf[0].v : -1;
	/* A market under its own rules has no bounds to end a scan of a
	 * vacancy's seekers (each one of them is scored): there the seekers'
	 * side does it all. */
	for (int v = 0; v < nv && !no_grow && !m->rules; v++) {
		int first = FIRST_PER_PLACE * cap[v] + 2;
		sw_auction_open(A, v, first < FIRST_MOST ? first : FIRST_MOST, 1);
	}
	solve(m, A, &mk, cap, !no_grow, a);
	sw_auction_counts(A, &a->bids, &a->reverse, &a->edges);
	sw_auction_free(A);
	to_market(&mk, ns, nv, a);
	sw_ranker_free(mk.rs);
	sw_ranker_free(mk.rv);
	free(mk.buf);
	free(mk.sigma);
	free(mk.s2m), free(mk.m2s), free(mk.v2m), free(mk.m2v), free(mk.district);
	free(cap);
}

void sw_assignment_free(struct sw_assignment *a)
{
	free(a->vac);
	free(a->score);
	free(a->best);
	free(a->u);
	free(a->p);
}
