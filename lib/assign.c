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
		sw_auction_open(a, v, INT_MAX);	/* every pair */
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

/* Seekers a vacancy is first opened to, per place. */
#define FIRST_PER_PLACE 6

/* A market's vacancies' best seekers, from the ranking index of seekers. */
struct market_best {
	struct sw_ranker *r;	/* by vacancy */
	struct sw_pick *buf;	/* room for every seeker */
};

static int market_best(void *ctx, int v, int k, int min, void (*fn)(void *fctx, int s, int w), void *fctx)
{
	struct market_best *mb = ctx;
	int n = sw_ranker_top_min(mb->r, v, k, min, mb->buf);
	for (int i = 0; i < n; i++)
		fn(fctx, mb->buf[i].s, mb->buf[i].score);
	return n < k ? min - 1 : mb->buf[k - 1].score;
}

/* The certificate check of a vacancy's pairs not listed. */
struct certify {
	const long long *u;
	long long pv;
	int bad;
};

static void check_pair(void *ctx, int s, int w)
{
	struct certify *c = ctx;
	c->bad |= w > c->u[s] + c->pv;
}

/* Checks the dual: u and p >= 0, every pair listed covered (u[s] + p[v]
 * >= its score), every pair not listed covered, and the dual's value the
 * total. The pairs of an open vacancy not listed score at most tau[v], so
 * p[v] >= tau[v] covers them; the pairs of a vacancy not opened are
 * checked one by one, and should one not be covered, the vacancy is
 * opened. Returns 1 when a is proven optimal, 0 when pairs were taken in,
 * -1 when not proven with nothing to take in. */
static int certified(const struct sw_market *m, struct sw_auction *A, struct market_best *mb,
		     const int *cap, const struct sw_assignment *a)
{
	long long dual = 0;
	int ok = 1, grew = 0, n;
	for (int s = 0; s < m->ns; s++) {
		const struct sw_apair *e = sw_auction_pairs(A, s, &n);
		ok &= a->u[s] >= 0;
		dual += a->u[s];
		for (int i = 0; i < n; i++)
			ok &= e[i].w <= a->u[s] + a->p[e[i].v];
	}
	for (int v = 0; v < m->nv; v++) {
		ok &= a->p[v] >= 0;
		dual += a->p[v] * cap[v];
		if (a->p[v] >= sw_auction_tau(A, v))
			continue;
		struct certify c = {a->u, a->p[v], 0};
		market_best(mb, v, INT_MAX, 1, check_pair, &c);
		if (c.bad && sw_auction_tau(A, v) == INT_MAX) {
			sw_auction_open(A, v, FIRST_PER_PLACE * cap[v] + 2);
			grew = 1;
		}
		ok &= !c.bad;
	}
	return ok && dual == a->total ? 1 : grew ? 0 : -1;
}

/* Seeker s's first pairs: its k best (its best vacancy into *best). */
static void first_pairs(struct sw_auction *A, struct sw_ranker *r, int s, int k, int *best)
{
	struct sw_pick *buf = sw_xmalloc(((size_t)k + 1) * sizeof *buf);
	struct sw_apair *e = sw_xmalloc(((size_t)k + 1) * sizeof *e);
	int n = sw_ranker_top(r, s, k, buf);
	for (int i = 0; i < n; i++)
		e[i] = (struct sw_apair){buf[i].v, buf[i].score};
	sw_auction_first(A, s, e, n);
	*best = n ? buf[0].v : -1;
	free(buf);
	free(e);
}

/* Solves, taking pairs in as the certificate asks, until it is proven. */
static void solve(const struct sw_market *m, struct sw_auction *A, struct market_best *mb,
		  const int *cap, struct sw_assignment *a)
{
	/* The first phase, at 6.4 points, over the first pairs alone (no
	 * vacancy opened further before prices are roughly right); then ε
	 * falls by 8 a time, the dual tried from a hundredth of a point on. */
	long long K = sw_auction_scale(A);
	sw_auction_settle(A, 64 * K, 0);
	a->rounds = 1;
	for (long long eps = 8 * K;; eps = eps / 8 > 1 ? eps / 8 : 1) {
		sw_auction_settle(A, eps, 1);
		if (eps > K / 8 && eps > 1)
			continue;
		a->total = sw_auction_result(A, a->vac, a->score, a->u, a->p);
		int c = certified(m, A, mb, cap, a);
		if (c > 0)
			return;
		if (c == 0) {		/* pairs taken in: from 0.8 points again */
			a->rounds++;
			eps = 64 * K;
		} else if (eps == 1) {	/* every pair there, and not proven: a bug */
			sw_error(_("internal error: the assignment is not optimal"));
			abort();
		}
	}
}

void sw_assign(const struct sw_market *m, const struct sw_rank_opts *o, struct sw_assignment *a)
{
	struct sw_rank_opts ro = *o;
	int ns = m->ns, nv = m->nv, no_grow = a->no_grow;
	ro.by_vacancy = 0;
	if (ro.min_score < 1)
		ro.min_score = 1;	/* a pair scoring 0 adds nothing */
	struct sw_ranker *r = sw_ranker_new(m, &ro);
	ro.by_vacancy = 1;
	struct market_best mb = {sw_ranker_new(m, &ro), sw_xmalloc(((size_t)ns + 1) * sizeof *mb.buf)};
	int *cap = sw_xmalloc(((size_t)nv + 1) * sizeof *cap);
	for (int v = 0; v < nv; v++)
		cap[v] = m->v[v].left < ns ? m->v[v].left : ns;
	memset(a, 0, sizeof *a);
	a->vac = sw_xmalloc(((size_t)ns + 1) * sizeof *a->vac);
	a->score = sw_xcalloc((size_t)ns + 1, sizeof *a->score);
	a->best = sw_xmalloc(((size_t)ns + 1) * sizeof *a->best);
	a->u = sw_xmalloc(((size_t)ns + 1) * sizeof *a->u);
	a->p = sw_xmalloc(((size_t)nv + 1) * sizeof *a->p);
	struct sw_auction *A = sw_auction_new(ns, nv, cap, market_best, &mb);
	for (int s = 0; s < ns; s++)
		first_pairs(A, r, s, o->top > 0 ? o->top : 1, &a->best[s]);
	for (int v = 0; v < nv && !no_grow; v++)
		sw_auction_open(A, v, FIRST_PER_PLACE * cap[v] + 2);
	solve(m, A, &mb, cap, a);
	sw_auction_counts(A, &a->bids, &a->reverse, &a->edges);
	sw_auction_free(A);
	sw_ranker_free(r);
	sw_ranker_free(mb.r);
	free(mb.buf);
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
