/* Maximum-weight b-matching by successive shortest paths over lists that
 * grow on demand, and the certified assignment over a whole market. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw/assign.h"
#include "sw/err.h"
#include "sw/i18n.h"

/* A seeker's pairs, by key: what the pair can bring, w - p(v), as of the
 * last time it was looked at. Prices only rise, so a key never falls short
 * of the pair's present worth, and a scan in key order can stop early.
 * Pairs not held (when the list is not complete) have keys of at most
 * least, and weights of at most wcap. Tens of millions of pairs may be
 * held: 8 bytes each, weights up to SW_BMATCH_WMAX, and a key below
 * INT16_MIN kept as INT16_MIN (higher, so still never short). */
struct edge { int v; int16_t w, key; };

static int16_t key16(long long key)
{
	return key < INT16_MIN ? INT16_MIN : (int16_t)key;	/* key <= w: prices >= 0 */
}
struct elist {
	struct edge *e;
	int n;
	long long least;
	int wcap;
	int complete;
};

/* Lists from the ranking index. */
struct lists {
	struct sw_ranker *r;
	int nv;
	int *stamp, cur;	/* vacancies held before the scan point */
	struct edge *keep;	/* pairs kept by the scan of the index */
	size_t nkeep, capkeep;
	long long cut, least;	/* keep keys above cut; the best key dropped */
	int wcap;		/* the best weight dropped */
	const long long *pi;	/* the solver's potentials */
	int ns, T;
};

/* Nodes: seekers 0..ns-1, vacancies ns..ns+nv-1, then the sink T.
 * Potentials pi keep every residual arc's reduced cost >= 0; in dual
 * terms u[s] = pi[s] - pi[T] and p[v] = pi[T] - pi[v]. */
struct solver {
	int ns, nv, T, wmax;
	const int *cap;
	struct elist *l;
	struct lists *L;	/* NULL: the lists are all there is */
	long long grown;
	long long *pi;
	int *dist, *par, *parw;	/* vacancy: seeker and weight it was reached by; T: node */
	char *done;
	int *touched, ntouched;
	int *head, *btail, *bnext, *bprev;	/* bucket queue: nodes by tentative distance */
	int *rhead, *rnext, *rb, *rpos;	/* seekers to go on with their pairs at a distance */
	struct edge *tmp;
	size_t ntmp;
	int *match, *mw;	/* seeker -> vacancy, weight of that pair */
	int *moff, *memb, *cnt, *pos;	/* seekers at each vacancy */
	const int *order;	/* seekers in the order searched from, or NULL */
};

static void bucket_del(struct solver *S, int y)
{
	int nx = S->bnext[y], pv = S->bprev[y];
	if (pv >= 0)
		S->bnext[pv] = nx;
	else
		S->head[S->dist[y]] = nx;
	if (nx >= 0)
		S->bprev[nx] = pv;
	else
		S->btail[S->dist[y]] = pv;
}

/* A path to y of length d. Paths no shorter than the best one to T so far
 * cannot be part of the shortest, so they are dropped. */
static void relax(struct solver *S, int y, long long d, int from, int w)
{
	if (d >= S->dist[S->T] || d >= S->dist[y])
		return;
	if (y == S->T) {
		S->dist[y] = (int)d;
		S->par[y] = from;
		return;
	}
	if (S->dist[y] == INT_MAX)
		S->touched[S->ntouched++] = y;
	else
		bucket_del(S, y);
	S->dist[y] = (int)d;
	S->par[y] = from;
	S->parw[y] = w;
	/* first in, first out: of paths equally short, those of fewer steps */
	S->bnext[y] = -1;
	S->bprev[y] = S->btail[d];
	if (S->btail[d] >= 0)
		S->bnext[S->btail[d]] = y;
	else
		S->head[d] = y;
	S->btail[d] = y;
}

static int cmp_key(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	return x->key != y->key ? (x->key < y->key) - (x->key > y->key) : (x->v > y->v) - (x->v < y->v);
}

static inline int before(const struct edge *a, const struct edge *b)
{
	return a->key != b->key ? a->key > b->key : a->v < b->v;
}

/* Sorts pairs by key, best first, then by vacancy: by insertion when
 * there are few (as after most searches), else by quicksort, the
 * comparison inlined (qsort's calls were a tenth of the time). */
static void sort_pairs(struct edge *e, int n, int depth)
{
	while (n > 24) {
		if (depth-- == 0) {
			qsort(e, (size_t)n, sizeof *e, cmp_key);
			return;
		}
		struct edge *a = &e[0], *b = &e[n / 2], *c = &e[n - 1], t, piv;
		if (before(b, a))
			t = *a, *a = *b, *b = t;
		if (before(c, b)) {
			t = *b, *b = *c, *c = t;
			if (before(b, a))
				t = *a, *a = *b, *b = t;
		}
		piv = *b;
		int i = 0, j = n - 1;
		for (;;) {
			while (before(&e[i], &piv))
				i++;
			while (before(&piv, &e[j]))
				j--;
			if (i >= j)
				break;
			t = e[i], e[i] = e[j], e[j] = t;
			i++, j--;
		}
		/* [0, j] and [j + 1, n): the smaller part first, by recursion */
		if (j + 1 < n - j - 1) {
			sort_pairs(e, j + 1, depth);
			e += j + 1, n -= j + 1;
		} else {
			sort_pairs(e + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	for (int i = 1; i < n; i++) {
		struct edge x = e[i];
		int j = i;
		for (; j > 0 && before(&x, &e[j - 1]); j--)
			e[j] = e[j - 1];
		e[j] = x;
	}
}

/* Sets the keys of n pairs from today's prices and sorts them. */
static void sort_keys(struct solver *S, struct edge *e, int n)
{
	for (int i = 0; i < n; i++)
		e[i].key = key16(e[i].w - (S->pi[S->T] - S->pi[S->ns + e[i].v]));
	sort_pairs(e, n, 64);
}

/* After a search: the pairs x looked at get today's keys and go back in
 * order; those no better than the pairs left out are dropped (least
 * already bounds them), so that lists stay short. Each goes back where a
 * galloping search puts it, the pairs it passes moving up as one block. */
static void rekey(struct solver *S, int x)
{
	struct elist *l = &S->l[x];
	int k = S->rpos[x], j = k, o = 0;
	if (k == 0)
		return;
	sort_keys(S, l->e, k);
	while (k > 0 && !l->complete && l->e[k - 1].key <= l->least && l->e[k - 1].v != S->match[x]) {
		if (l->e[k - 1].w > l->wcap)
			l->wcap = l->e[k - 1].w;
		k--;
	}
	size_t nk = (size_t)k;
	if (nk > S->ntmp)
		S->tmp = sw_xrealloc(S->tmp, (S->ntmp = nk * 2) * sizeof *S->tmp);
	for (int t = 0; t < k; t++)
		S->tmp[t] = l->e[t];
	for (int t = 0; t < k; t++) {
		int lo = j, hi = l->n, step = 1;	/* the first pair not before tmp[t] */
		while (lo + step < hi && before(&l->e[lo + step - 1], &S->tmp[t])) {
			lo += step;	/* galloping: it is usually near */
			step *= 2;
		}
		if (lo + step < hi)
			hi = lo + step;
		while (lo < hi) {
			int mid = lo + (hi - lo) / 2;
			if (before(&l->e[mid], &S->tmp[t]))
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > j)
			memmove(l->e + o, l->e + j, (size_t)(lo - j) * sizeof *l->e);
		o += lo - j;
		j = lo;
		l->e[o++] = S->tmp[t];
	}
	if (o < j) {
		memmove(l->e + o, l->e + j, (size_t)(l->n - j) * sizeof *l->e);
		l->n -= j - o;
	}
}

#define REFILL_MARGIN 50	/* 5 points */

/* Queues seeker x to go on with its pairs from the i-th at distance d. */
static void resume_at(struct solver *S, int x, int i, int d)
{
	S->rpos[x] = i;
	S->rb[x] = d;
	S->rnext[x] = S->rhead[d];
	S->rhead[d] = x;
}

/* Pairs of a seeker scoring too little to be held, found through the
 * index, keep their best key in least (and weight in wcap). */
static void keep_pair(void *ctx, const struct sw_pick *pk)
{
	struct lists *L = ctx;
	if (L->stamp[pk->v] == L->cur)
		return;
	long long key = pk->score - (L->pi ? L->pi[L->T] - L->pi[L->ns + pk->v] : 0);
	if (key > L->cut) {
		if (L->nkeep == L->capkeep)
			L->keep = sw_xrealloc(L->keep, (L->capkeep = L->capkeep * 2 + 256) * sizeof *L->keep);
		L->keep[L->nkeep++] = (struct edge){pk->v, (int16_t)pk->score, key16(key)};
	} else {
		if (key > L->least)
			L->least = key;
		if (pk->score > L->wcap)
			L->wcap = pk->score;
	}
}

/* Replaces the pairs of s from the i-th on by all its pairs with a key
 * above cut (today's prices), by key; the best of the rest bound what is
 * left out. The pairs before i stay as they are. */
static void refill(struct lists *L, int s, struct elist *l, int i, long long cut)
{
	L->cur++;
	for (int j = 0; j < i; j++)
		L->stamp[l->e[j].v] = L->cur;
	L->nkeep = 0;
	L->cut = cut;
	L->least = LLONG_MIN;
	L->wcap = 0;
	sw_ranker_each(L->r, s, keep_pair, L);
	l->n = i + (int)L->nkeep;
	l->e = sw_xrealloc(l->e, ((size_t)l->n + 1) * sizeof *l->e);
	if (L->nkeep) {	/* keep is NULL until the first pair is kept */
		sort_pairs(L->keep, (int)L->nkeep, 64);
		memcpy(l->e + i, L->keep, L->nkeep * sizeof *l->e);
	}
	l->least = L->least;
	l->wcap = L->wcap;
	l->complete = L->least == LLONG_MIN;
}

/* Seeker x's pairs from the one it stopped at, now that the search is at
 * distance d. A pair whose key is k gives a distance of at least
 * dist[x] + u - k: the pairs (by key) are looked at only once the search
 * gets that far, and never past the distance to T. The pairs not yet
 * fetched have keys up to least: when they could matter, the list grows. */
static void scan_pairs(struct solver *S, int x, int d)
{
	long long base = S->dist[x] + S->pi[x] - S->pi[S->T];
	struct elist *l = &S->l[x];
	for (int i = S->rpos[x];; i++) {
		long long key = i < l->n ? l->e[i].key : LLONG_MIN;
		if (!l->complete && S->L && l->least > key) {
			if (base - l->least >= S->dist[S->T]) {
				S->rpos[x] = i;
				return;
			}
			if (base - l->least > d) {
				resume_at(S, x, i, (int)(base - l->least));
				return;
			}
			/* Pairs that cannot beat the path to T by a margin stay out. */
			refill(S->L, x, l, i, base - S->dist[S->T] - REFILL_MARGIN);
			S->grown++;
			i--;
			continue;
		}
		if (i == l->n || base - key >= S->dist[S->T]) {
			S->rpos[x] = i;
			return;
		}
		if (base - key > d) {
			resume_at(S, x, i, (int)(base - key));
			return;
		}
		const struct edge *e = &l->e[i];
		if (e->v != S->match[x])
			relax(S, S->ns + e->v, base - e->w + S->pi[S->T] - S->pi[S->ns + e->v], x, e->w);
	}
}

/* Seeker x settled at distance d: leaving (or not taking) a job, then
 * its pairs. */
static void scan_seeker(struct solver *S, int x, int d)
{
	relax(S, S->T, d + S->pi[x] - S->pi[S->T], x, 0);
	S->rpos[x] = 0;
	scan_pairs(S, x, d);
}

/* Vacancy x at distance d: a free place, or one of its seekers moving. */
static void scan_vacancy(struct solver *S, int x, int d)
{
	int v = x - S->ns;
	if (S->cnt[v] < S->cap[v])
		relax(S, S->T, d + S->pi[x] - S->pi[S->T], x, 0);
	for (int i = 0; i < S->cnt[v]; i++) {
		int s = S->memb[S->moff[v] + i];
		relax(S, s, d + S->mw[s] + S->pi[x] - S->pi[s], x, 0);
	}
}

/* Dijkstra from the new seeker s0 until the distance to T is settled. */
static void search(struct solver *S, int s0)
{
	relax(S, s0, 0, -1, 0);
	for (int d = 0; d < S->dist[S->T]; d++) {
		int x;
		while (d < S->dist[S->T] && (x = S->rhead[d]) >= 0) {
			S->rhead[d] = S->rnext[x];
			S->rb[x] = -1;
			scan_pairs(S, x, d);
		}
		while (d < S->dist[S->T] && (x = S->head[d]) >= 0) {
			S->head[d] = S->bnext[x];
			if (S->head[d] >= 0)
				S->bprev[S->head[d]] = -1;
			else
				S->btail[d] = -1;
			S->done[x] = 1;
			if (x < S->ns)
				scan_seeker(S, x, d);
			else
				scan_vacancy(S, x, d);
		}
	}
}

static void memb_add(struct solver *S, int s, int v, int w)
{
	S->pos[s] = S->cnt[v];
	S->memb[S->moff[v] + S->cnt[v]++] = s;
	S->match[s] = v;
	S->mw[s] = w;
}

static void memb_del(struct solver *S, int s)
{
	int v = S->match[s], last = S->memb[S->moff[v] + --S->cnt[v]];
	S->memb[S->moff[v] + S->pos[s]] = last;
	S->pos[last] = S->pos[s];
	S->match[s] = -1;
}

/* Moves seekers along the path found to T, updates the potentials of the
 * nodes settled (so reduced costs stay >= 0) and clears the search. */
static void augment(struct solver *S, int s0)
{
	int ns = S->ns, x = S->par[S->T], dT = S->dist[S->T];
	if (x < ns) {			/* x leaves its vacancy (or s0 stays out) */
		int v = S->match[x];
		if (x != s0)
			memb_del(S, x);
		x = x == s0 ? -1 : ns + v;
	}
	while (x >= 0) {		/* vacancy x takes the seeker it was reached from */
		int s = S->par[x], old = S->match[s];
		if (s != s0)
			memb_del(S, s);
		memb_add(S, s, x - ns, S->parw[x]);
		x = s == s0 ? -1 : ns + old;
	}
	for (int i = 0; i < S->ntouched; i++) {
		int y = S->touched[i];
		if (S->done[y] && S->dist[y] < dT)
			S->pi[y] += S->dist[y] - dT;
		else if (!S->done[y])
			S->head[S->dist[y]] = S->btail[S->dist[y]] = -1;
		if (y < ns && S->rb[y] >= 0)
			S->rhead[S->rb[y]] = -1, S->rb[y] = -1;
	}
	for (int i = 0; i < S->ntouched; i++) {
		int y = S->touched[i];
		if (y < ns && S->done[y])
			rekey(S, y);
		S->dist[y] = INT_MAX;
		S->done[y] = 0;
	}
	S->ntouched = 0;
	S->dist[S->T] = INT_MAX;
}

/* Solves over lists l (refilled through S->L when set). match gets each
 * seeker's vacancy or -1, u and p the dual. Returns the total weight. */
static long long solve(struct solver *S, int *match, long long *u, long long *p)
{
	int ns = S->ns, nv = S->nv;
	size_t nn = (size_t)ns + (size_t)nv + 1;
	S->T = ns + nv;
	S->pi = sw_xmalloc(nn * sizeof *S->pi);
	if (S->L)
		S->L->pi = S->pi;
	S->dist = sw_xmalloc(nn * sizeof *S->dist);
	S->par = sw_xmalloc(nn * sizeof *S->par);
	S->parw = sw_xmalloc(nn * sizeof *S->parw);
	S->done = sw_xcalloc(nn, 1);
	S->touched = sw_xmalloc(nn * sizeof *S->touched);
	S->bnext = sw_xmalloc(nn * sizeof *S->bnext);
	S->bprev = sw_xmalloc(nn * sizeof *S->bprev);
	S->head = sw_xmalloc(((size_t)S->wmax + 1) * sizeof *S->head);
	S->btail = sw_xmalloc(((size_t)S->wmax + 1) * sizeof *S->btail);
	S->rhead = sw_xmalloc(((size_t)S->wmax + 1) * sizeof *S->rhead);
	S->rnext = sw_xmalloc(((size_t)ns + 1) * sizeof *S->rnext);
	S->rpos = sw_xmalloc(((size_t)ns + 1) * sizeof *S->rpos);
	S->rb = sw_xmalloc(((size_t)ns + 1) * sizeof *S->rb);
	S->match = match;
	S->mw = sw_xcalloc((size_t)ns + 1, sizeof *S->mw);
	S->pos = sw_xcalloc((size_t)ns + 1, sizeof *S->pos);
	S->cnt = sw_xcalloc((size_t)nv + 1, sizeof *S->cnt);
	S->moff = sw_xcalloc((size_t)nv + 1, sizeof *S->moff);
	for (int v = 0; v < nv; v++)
		S->moff[v + 1] = S->moff[v] + (S->cap[v] < ns ? S->cap[v] : ns);
	S->memb = sw_xmalloc(((size_t)S->moff[nv] + 1) * sizeof *S->memb);
	/* Potentials that make every reduced cost >= 0 at the start: seekers
	 * 0, vacancies and T -wmax. T's never changes, so a seeker not yet
	 * searched from has u = wmax and every distance stays below wmax. */
	for (size_t i = 0; i < nn; i++) {
		S->dist[i] = INT_MAX;
		S->pi[i] = (int)i < ns ? 0 : -S->wmax;
	}
	for (int d = 0; d <= S->wmax; d++)
		S->head[d] = S->btail[d] = S->rhead[d] = -1;
	for (int s = 0; s < ns; s++)
		S->rb[s] = -1;
	for (int s = 0; s < ns; s++) {
		match[s] = -1;
		sort_keys(S, S->l[s].e, S->l[s].n);
	}
	for (int i = 0; i < ns; i++) {
		int s = S->order ? S->order[i] : i;
		search(S, s);
		augment(S, s);
	}
	long long total = 0;
	for (int s = 0; s < ns; s++) {
		if (match[s] >= 0)
			total += S->mw[s];
		u[s] = S->pi[s] - S->pi[S->T];
	}
	for (int v = 0; v < nv; v++)
		p[v] = S->pi[S->T] - S->pi[ns + v];
	free(S->pi);
	if (S->L)
		S->L->pi = NULL;
	free(S->dist);
	free(S->par);
	free(S->parw);
	free(S->done);
	free(S->touched);
	free(S->bnext);
	free(S->bprev);
	free(S->head);
	free(S->btail);
	free(S->rhead);
	free(S->rnext);
	free(S->rpos);
	free(S->rb);
	free(S->tmp);
	free(S->mw);
	free(S->pos);
	free(S->cnt);
	free(S->moff);
	free(S->memb);
	return total;
}

long long sw_bmatch(const struct sw_bgraph *g, int *match, long long *u, long long *p)
{
	struct solver S = {.ns = g->ns, .nv = g->nv, .cap = g->cap, .wmax = 1};
	struct elist *l = sw_xcalloc((size_t)g->ns + 1, sizeof *l);
	long long *uu = sw_xmalloc(((size_t)g->ns + 1) * sizeof *uu);
	long long *pp = sw_xmalloc(((size_t)g->nv + 1) * sizeof *pp);
	for (int s = 0; s < g->ns; s++) {
		l[s].n = g->off[s + 1] - g->off[s];
		l[s].complete = 1;
		l[s].e = sw_xmalloc(((size_t)l[s].n + 1) * sizeof *l[s].e);
		for (int i = 0; i < l[s].n; i++) {
			if (g->w[g->off[s] + i] > SW_BMATCH_WMAX) {
				sw_error(_("internal error: weight %d above %d"), g->w[g->off[s] + i], SW_BMATCH_WMAX);
				abort();
			}
			l[s].e[i] = (struct edge){g->to[g->off[s] + i], (int16_t)g->w[g->off[s] + i], 0};
			if (l[s].e[i].w > S.wmax)
				S.wmax = l[s].e[i].w;
		}
	}
	S.l = l;
	long long total = solve(&S, match, uu, pp);
	if (u)
		memcpy(u, uu, (size_t)g->ns * sizeof *u);
	if (p)
		memcpy(p, pp, (size_t)g->nv * sizeof *p);
	for (int s = 0; s < g->ns; s++)
		free(l[s].e);
	free(l);
	free(uu);
	free(pp);
	return total;
}

/* The first list of s: its k best pairs by weight (keys = weights, since
 * prices start at 0). */
static void first_list(struct lists *L, int s, struct elist *l, int k)
{
	struct sw_pick *buf = sw_xmalloc(((size_t)k + 1) * sizeof *buf);
	int n = sw_ranker_top(L->r, s, k, buf);
	l->e = sw_xmalloc(((size_t)n + 1) * sizeof *l->e);
	for (int i = 0; i < n; i++)
		l->e[i] = (struct edge){buf[i].v, (int16_t)buf[i].score, (int16_t)buf[i].score};
	l->n = n;
	l->complete = n < k;
	l->least = l->wcap = n ? buf[n - 1].score : 0;
	free(buf);
}

/* The certificate check of one seeker: a pair the dual does not cover. */
struct certify {
	long long us;
	const long long *p;
	int bad;
};

static void check_pair(void *ctx, const struct sw_pick *pk)
{
	struct certify *c = ctx;
	if (pk->score > c->us + c->p[pk->v])
		c->bad = 1;
}

/* Checks the dual against every pair (those held one by one, the rest
 * through the index unless no pair left out can weigh more than u) and
 * the duality gap. Seekers with a pair left uncovered get every pair.
 * Returns 1 when a is proven optimal. */
static int certified(const struct sw_market *m, struct lists *L, struct elist *l,
		     const int *cap, struct sw_assignment *a)
{
	long long dual = 0;
	int ok = 1, grew = 0;
	for (int v = 0; v < m->nv; v++) {
		ok &= a->p[v] >= 0;
		dual += a->p[v] * cap[v];
	}
	for (int s = 0; s < m->ns; s++) {
		int bad = a->u[s] < 0;
		dual += a->u[s];
		for (int i = 0; i < l[s].n; i++)
			bad |= l[s].e[i].w > a->u[s] + a->p[l[s].e[i].v];
		if (!l[s].complete && !bad && a->u[s] < l[s].wcap) {
			struct certify c = {a->u[s], a->p, 0};
			sw_ranker_each(L->r, s, check_pair, &c);
			bad = c.bad;
		}
		if (bad && !l[s].complete) {
			refill(L, s, &l[s], 0, LLONG_MIN);
			grew = 1;
		}
		ok &= !bad;
	}
	if (ok && dual == a->total)
		return 1;
	if (!grew) {		/* every list complete and still not proven: a bug */
		sw_error(_("internal error: the assignment is not optimal"));
		abort();
	}
	return 0;
}

/* Seekers by their best score, highest first (then by id): a search from
 * a seeker whose best pair outscores those already placed ends early. */
static int *by_best(const struct elist *l, int ns)
{
	int *cnt = sw_xcalloc(SW_SCORE_MAX + 2, sizeof *cnt);
	int *order = sw_xmalloc(((size_t)ns + 1) * sizeof *order);
	for (int s = 0; s < ns; s++)
		cnt[SW_SCORE_MAX - (l[s].n ? l[s].e[0].w : 0) + 1]++;
	for (int k = 1; k <= SW_SCORE_MAX + 1; k++)
		cnt[k] += cnt[k - 1];
	for (int s = 0; s < ns; s++)
		order[cnt[SW_SCORE_MAX - (l[s].n ? l[s].e[0].w : 0)]++] = s;
	free(cnt);
	return order;
}

void sw_assign(const struct sw_market *m, const struct sw_rank_opts *o, struct sw_assignment *a)
{
	struct sw_rank_opts ro = *o;
	int no_grow = a->no_grow;
	ro.by_vacancy = 0;
	if (ro.min_score < 1)
		ro.min_score = 1;	/* a pair scoring 0 adds nothing */
	int ns = m->ns, nv = m->nv;
	struct lists L = {.r = sw_ranker_new(m, &ro), .nv = nv, .ns = ns, .T = ns + nv};
	struct elist *l = sw_xcalloc((size_t)ns + 1, sizeof *l);
	int *cap = sw_xmalloc(((size_t)nv + 1) * sizeof *cap);
	L.stamp = sw_xcalloc((size_t)nv + 1, sizeof *L.stamp);
	for (int v = 0; v < nv; v++)
		cap[v] = m->v[v].left;
	memset(a, 0, sizeof *a);
	a->vac = sw_xmalloc(((size_t)ns + 1) * sizeof *a->vac);
	a->score = sw_xcalloc((size_t)ns + 1, sizeof *a->score);
	a->best = sw_xmalloc(((size_t)ns + 1) * sizeof *a->best);
	a->u = sw_xmalloc(((size_t)ns + 1) * sizeof *a->u);
	a->p = sw_xmalloc(((size_t)nv + 1) * sizeof *a->p);
	for (int s = 0; s < ns; s++) {
		first_list(&L, s, &l[s], o->top > 0 ? o->top : 8);
		a->best[s] = l[s].n ? l[s].e[0].v : -1;
	}
	int *order = by_best(l, ns);
	do {
		struct solver S = {.ns = ns, .nv = nv, .cap = cap, .wmax = SW_SCORE_MAX, .l = l,
				   .L = no_grow ? NULL : &L, .order = order};
		a->rounds++;
		a->total = solve(&S, a->vac, a->u, a->p);
		a->grown += S.grown;
	} while (!certified(m, &L, l, cap, a));
	for (int s = 0; s < ns; s++) {
		if (a->vac[s] >= 0)
			a->score[s] = sw_pair_score(m, &ro.w, s, a->vac[s]);
		a->edges += (size_t)l[s].n;
		free(l[s].e);
	}
	free(order);
	sw_ranker_free(L.r);
	free(L.stamp);
	free(L.keep);
	free(l);
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
