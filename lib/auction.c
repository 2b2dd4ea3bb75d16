/* The ε-scaling auction for assign (see sw/auction.h): bids, phases, the
 * reverse bids that empty places need, vacancies opened further as their
 * prices call for it, and the exact dual. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sw/auction.h"
#include "sw/err.h"
#include "sw/i18n.h"

struct alist {			/* a seeker's pairs */
	struct sw_apair *e;
	int n, cap, first;	/* [0, first): its first pairs */
};

struct slist {			/* a vacancy's: (seeker, score) */
	struct seat {
		int s, w;
	} *e;
	int n, cap;
};

struct sw_auction {
	int ns, nv;
	long long K;		/* scores are scaled by K */
	const int *cap;
	sw_abest_fn *best;
	void *ctx;
	struct alist *l;
	struct slist *by_v;	/* the same pairs by vacancy */
	int *kv;		/* per vacancy: its kv best seekers listed (0: closed) */
	int *tau;		/* and every pair scoring above tau (INT_MAX: closed) */
	/* Places: vacancy v's are [off[v], off[v + 1]), each with a price and
	 * a holder (seeker or -1), kept in a min-heap by price over the same
	 * range (heap[off[v]] the cheapest; pos the way back). */
	int *off, *vac_of, *holder, *heap, *pos;
	long long *price, *pmin;	/* per place; per vacancy, its cheapest */
	int *held, *hw;		/* per seeker: place or -1, score there */
	int *queue, qhead, qlen;	/* seekers without a place, to bid */
	char *inwork;		/* per vacancy: waiting to be brought down */
	char *fresh;		/* per seeker: pairs listed since its last check */
	int *freshq, nfresh;	/* those seekers */
	long long bids, reverse, listed, eps;
};

static int before(const struct sw_auction *a, int x, int y)
{
	return a->price[x] < a->price[y] || (a->price[x] == a->price[y] && x < y);
}

static void heap_set(struct sw_auction *a, int i, int c)
{
	a->heap[i] = c;
	a->pos[c] = i;
}

/* Place c's price changed: back to its rank in its vacancy's heap. */
static void heap_fix(struct sw_auction *a, int c)
{
	int v = a->vac_of[c], b = a->off[v], n = a->off[v + 1] - b, i = a->pos[c] - b;
	while (i > 0 && before(a, c, a->heap[b + (i - 1) / 2])) {
		heap_set(a, b + i, a->heap[b + (i - 1) / 2]);
		i = (i - 1) / 2;
	}
	for (;;) {
		int k = 2 * i + 1;
		if (k >= n)
			break;
		if (k + 1 < n && before(a, a->heap[b + k + 1], a->heap[b + k]))
			k++;
		if (!before(a, a->heap[b + k], c))
			break;
		heap_set(a, b + i, a->heap[b + k]);
		i = k;
	}
	heap_set(a, b + i, c);
	a->pmin[v] = a->price[a->heap[b]];
}

struct sw_auction *sw_auction_new(int ns, int nv, const int *cap, sw_abest_fn *best, void *ctx)
{
	struct sw_auction *a = sw_xcalloc(1, sizeof *a);
	a->ns = ns, a->nv = nv, a->cap = cap, a->best = best, a->ctx = ctx;
	a->K = (long long)ns + nv + 2;
	a->l = sw_xcalloc((size_t)ns + 1, sizeof *a->l);
	a->by_v = sw_xcalloc((size_t)nv + 1, sizeof *a->by_v);
	a->kv = sw_xcalloc((size_t)nv + 1, sizeof *a->kv);
	a->tau = sw_xmalloc(((size_t)nv + 1) * sizeof *a->tau);
	a->off = sw_xmalloc(((size_t)nv + 2) * sizeof *a->off);
	a->off[0] = 0;
	for (int v = 0; v < nv; v++) {
		a->tau[v] = INT_MAX;
		a->off[v + 1] = a->off[v] + cap[v];
	}
	size_t np = (size_t)a->off[nv] + 1;
	a->vac_of = sw_xmalloc(np * sizeof *a->vac_of);
	a->holder = sw_xmalloc(np * sizeof *a->holder);
	a->heap = sw_xmalloc(np * sizeof *a->heap);
	a->pos = sw_xmalloc(np * sizeof *a->pos);
	a->price = sw_xcalloc(np, sizeof *a->price);
	a->pmin = sw_xcalloc((size_t)nv + 1, sizeof *a->pmin);
	for (int v = 0; v < nv; v++)
		for (int c = a->off[v]; c < a->off[v + 1]; c++) {
			a->vac_of[c] = v;
			a->holder[c] = -1;
			heap_set(a, c, c);
		}
	a->held = sw_xmalloc(((size_t)ns + 1) * sizeof *a->held);
	a->hw = sw_xcalloc((size_t)ns + 1, sizeof *a->hw);
	for (int s = 0; s < ns; s++)
		a->held[s] = -1;
	a->queue = sw_xmalloc(((size_t)ns + 1) * sizeof *a->queue);
	a->inwork = sw_xcalloc((size_t)nv + 1, 1);
	a->fresh = sw_xcalloc((size_t)ns + 1, 1);
	a->freshq = sw_xmalloc(((size_t)ns + 1) * sizeof *a->freshq);
	return a;
}

void sw_auction_free(struct sw_auction *a)
{
	if (!a)
		return;
	for (int s = 0; s < a->ns; s++)
		free(a->l[s].e);
	for (int v = 0; v < a->nv; v++)
		free(a->by_v[v].e);
	free(a->l);
	free(a->by_v);
	free(a->kv);
	free(a->tau);
	free(a->off);
	free(a->vac_of);
	free(a->holder);
	free(a->heap);
	free(a->pos);
	free(a->price);
	free(a->pmin);
	free(a->held);
	free(a->hw);
	free(a->queue);
	free(a->inwork);
	free(a->fresh);
	free(a->freshq);
	free(a);
}

static void add_pair(struct sw_auction *a, int s, int v, int w)
{
	struct alist *l = &a->l[s];
	struct slist *b = &a->by_v[v];
	if (l->n == l->cap)
		l->e = sw_xrealloc(l->e, (size_t)(l->cap = l->cap * 2 + 4) * sizeof *l->e);
	l->e[l->n++] = (struct sw_apair){v, w};
	if (b->n == b->cap)
		b->e = sw_xrealloc(b->e, (size_t)(b->cap = b->cap * 2 + 4) * sizeof *b->e);
	b->e[b->n++] = (struct seat){s, w};
	a->listed++;
	if (!a->fresh[s]++)
		a->freshq[a->nfresh++] = s;
}

void sw_auction_first(struct sw_auction *a, int s, const struct sw_apair *e, int n)
{
	for (int i = 0; i < n; i++)
		add_pair(a, s, e[i].v, e[i].w);
	a->l[s].first = a->l[s].n;
}

/* The seekers an opening finds, best first: those past the ones listed
 * by the last opening of v go in, unless among their own first pairs. */
struct opening {
	struct sw_auction *a;
	int v, skip, seen;
};

static void list_pair(void *ctx, int s, int w)
{
	struct opening *o = ctx;
	const struct alist *l = &o->a->l[s];
	if (o->seen++ < o->skip)
		return;
	for (int i = 0; i < l->first; i++)
		if (l->e[i].v == o->v)
			return;
	add_pair(o->a, s, o->v, w);
}

/* Lists the k best seekers of v scoring at least min (min never above
 * the level v is open at, so that they start with those listed). */
static void open_to(struct sw_auction *a, int v, int k, int min)
{
	struct opening o = {a, v, a->kv[v], 0};
	int tau = a->best(a->ctx, v, k, min, list_pair, &o);
	a->kv[v] = o.seen;
	a->tau[v] = tau < a->tau[v] ? tau : a->tau[v];
}

void sw_auction_open(struct sw_auction *a, int v, int k)
{
	if (a->tau[v] == INT_MAX)
		open_to(a, v, k, 1);
}

/* Opens v down to the pairs scoring above level (where its price is), or
 * to four times as many seekers as listed, if ties stop short of that. */
static void deepen(struct sw_auction *a, int v, long long level)
{
	if (level >= a->tau[v])
		return;
	long long k = 4LL * a->kv[v] + 2LL * a->cap[v];
	open_to(a, v, k < INT_MAX ? (int)k : INT_MAX, (int)level + 1);
}

/* What seeker s makes where it is: its score less the price of its
 * place, or 0 with none. */
static long long profit(const struct sw_auction *a, int s)
{
	return a->held[s] < 0 ? 0 : a->hw[s] * a->K - a->price[a->held[s]];
}

/* The most s can make at today's prices, 0 with no place; *best gets the
 * pair (-1 for none) and *second what the next best option is worth. */
static long long best_of(const struct sw_auction *a, int s, int *best, long long *second)
{
	const struct alist *l = &a->l[s];
	long long v1 = 0, v2 = 0, K = a->K;
	int j1 = -1;
	for (int i = 0; i < l->n; i++) {
		long long x = l->e[i].w * K - a->pmin[l->e[i].v];
		if (x > v1)
			v2 = v1, v1 = x, j1 = i;
		else if (x > v2)
			v2 = x;
	}
	*best = j1;
	if (second)
		*second = v2;
	return v1;
}

static void push(struct sw_auction *a, int s)
{
	a->queue[(a->qhead + a->qlen++) % a->ns] = s;
}

/* Seeker s (without a place) bids for the place worth most to it, or
 * takes none when no place is worth more than nothing. */
static void bid(struct sw_auction *a, int s)
{
	int j;
	long long second;
	best_of(a, s, &j, &second);
	if (j < 0)
		return;
	int v = a->l[s].e[j].v, b = a->off[v], n = a->off[v + 1] - b, c = a->heap[b];
	long long W = a->l[s].e[j].w * a->K;
	for (int k = 1; k <= 2 && k < n; k++)	/* another place there is an option too */
		if (W - a->price[a->heap[b + k]] > second)
			second = W - a->price[a->heap[b + k]];
	if (a->holder[c] >= 0) {
		a->held[a->holder[c]] = -1;
		push(a, a->holder[c]);
	}
	a->holder[c] = s;
	a->held[s] = c;
	a->hw[s] = a->l[s].e[j].w;
	a->price[c] = W - second + a->eps;
	heap_fix(a, c);
	a->bids++;
}

/* Seeker s, if further than ε from its best, gives up its place to bid. */
static void check(struct sw_auction *a, int s)
{
	int j;
	long long best = best_of(a, s, &j, NULL);
	a->fresh[s] = 0;
	if (profit(a, s) >= best - a->eps && (a->held[s] >= 0 || best <= a->eps))
		return;
	if (a->held[s] >= 0)
		a->holder[a->held[s]] = -1;
	a->held[s] = -1;
	push(a, s);
}

/* Bids at ε: seekers further than ε from their best (all, or those with
 * pairs newly listed) give up their place and bid, with everyone they put
 * out, until every seeker is within ε. */
static void phase(struct sw_auction *a, long long eps, int all)
{
	a->eps = eps;
	for (int s = 0; s < a->ns && all; s++)
		check(a, s);
	for (int i = 0; i < a->nfresh; i++)
		if (a->fresh[a->freshq[i]])
			check(a, a->freshq[i]);
	a->nfresh = 0;
	while (a->qlen > 0) {
		int s = a->queue[a->qhead];
		a->qhead = (a->qhead + 1) % a->ns;
		a->qlen--;
		bid(a, s);
	}
}

/* A reverse bid: vacancy v, with f places empty and a price above 0,
 * looks at the seekers not there for what each would gain by coming,
 * score - price - what it makes now. The t best gaining over ε come (t <=
 * f), at a price that leaves the next best within ε of coming (0 with
 * nobody left gaining over ε), from then on the price of every place of
 * v: ε-CS holds for all as before. A seeker not listed for v gains at
 * most K tau[v]; when that could matter, v is opened further first. */
struct cand {
	long long b;
	int s, w;
};

/* The f + 1 best gains among the seekers listed for v and not there, best
 * first (then by seeker); returns how many. */
static int best_gains(const struct sw_auction *a, int v, int f, struct cand *top)
{
	const struct slist *l = &a->by_v[v];
	int n = 0;
	for (int k = 0; k < l->n; k++) {
		int s = l->e[k].s;
		if (a->held[s] >= 0 && a->vac_of[a->held[s]] == v)
			continue;
		struct cand x = {l->e[k].w * a->K - profit(a, s), s, l->e[k].w};
		int i = n < f + 1 ? n++ : f + 1;
		for (; i > 0 && (top[i - 1].b < x.b || (top[i - 1].b == x.b && top[i - 1].s > s)); i--)
			if (i <= f)
				top[i] = top[i - 1];
		if (i <= f)
			top[i] = x;
	}
	return n;
}

/* Seeker s takes empty place c, leaving its own (whose vacancy is to be
 * brought down in turn). */
static void move(struct sw_auction *a, int s, int w, int c, int *work, int *nwork)
{
	int old = a->held[s];
	if (old >= 0) {
		a->holder[old] = -1;
		if (!a->inwork[a->vac_of[old]]++)
			work[(*nwork)++] = a->vac_of[old];
	}
	a->holder[c] = s;
	a->held[s] = c;
	a->hw[s] = w;
}

static void reverse_bid(struct sw_auction *a, int v, int open, int *work, int *nwork)
{
	int b = a->off[v], e = a->off[v + 1], f = 0, t, n;
	long long price;
	for (int c = b; c < e; c++)
		f += a->holder[c] < 0;
	struct cand *top = sw_xmalloc(((size_t)f + 1) * sizeof *top);
	for (;;) {
		n = best_gains(a, v, f, top);
		for (t = 0; t < n && t < f && top[t].b > a->eps;)
			t++;
		price = t < n && top[t].b - a->eps > 0 ? top[t].b - a->eps : 0;
		if (!open || a->tau[v] == INT_MAX || price / a->K >= a->tau[v])
			break;
		deepen(a, v, price / a->K);
	}
	for (int c = b, k = 0; c < e; c++) {
		if (a->holder[c] < 0 && k < t) {
			move(a, top[k].s, top[k].w, c, work, nwork);
			k++;
		}
		if (a->price[c] > price)
			a->price[c] = price;
	}
	for (int c = b; c < e; c++)
		heap_fix(a, c);
	free(top);
	a->reverse++;
}

/* Vacancies with an empty place and a price come down, and those their
 * newcomers leave after them (opening them further if open). */
static void bring_down(struct sw_auction *a, int open)
{
	int *work = sw_xmalloc(((size_t)a->nv + 1) * sizeof *work), n = 0;
	for (int v = 0; v < a->nv; v++)
		work[n++] = v, a->inwork[v] = 1;
	while (n > 0) {
		int v = work[--n], empty = 0;
		long long top = 0;
		a->inwork[v] = 0;
		for (int c = a->off[v]; c < a->off[v + 1]; c++) {
			empty |= a->holder[c] < 0;
			top = a->price[c] > top ? a->price[c] : top;
		}
		if (empty && top > 0)
			reverse_bid(a, v, open, work, &n);
	}
	free(work);
}

/* Bids at ε, reverse bids, and (open) vacancies opened further where a
 * pair not listed could be worth something at their price, until every
 * seeker is within ε of its best over the pairs listed (a pair newly
 * listed may be worth more), every empty place is without price and every
 * open vacancy's price at least K tau. */
static void settle(struct sw_auction *a, long long eps, int open)
{
	for (int all = 1;; all = 0) {
		long long was = a->listed;
		int deeper = 0;
		phase(a, eps, all);
		bring_down(a, open);
		for (int v = 0; v < a->nv && open; v++)
			if (a->tau[v] != INT_MAX && a->pmin[v] / a->K < a->tau[v]) {
				deepen(a, v, a->pmin[v] / a->K);
				deeper = 1;
			}
		if (a->listed == was && !deeper)
			break;
	}
}

long long sw_auction_scale(const struct sw_auction *a) { return a->K; }

void sw_auction_settle(struct sw_auction *a, long long eps, int open) { settle(a, eps, open); }

/* The exact dual, by the shortest paths from the sink T in the residual
 * graph of the answer: seekers, vacancies and T, arcs
 *   T -> s (s without a place) and s -> T, cost 0;
 *   s -> v for each pair listed, cost -w; v -> s for each pair taken, +w;
 *   v -> T (v not full), cost 0; T -> v, cost -tau[v] (0 when closed
 *   and not empty: p[v] >= 0), so that p[v] >= tau[v];
 * u[s] = d(s), p[v] = -d(v). The answer has no negative cycle, and the
 * prices (scaled, within ε = 1) make every arc's scaled reduced cost at
 * least -1: lengths K * cost + pot(x) - pot(y) + 1 are never negative,
 * and since a path has fewer than K arcs, the shortest by these lengths
 * is a shortest by cost, whose cost is the length's floor over K. */
struct dijkstra {
	long long *key;		/* per node: length so far, LLONG_MAX unseen */
	int *heap, *at, n;	/* indexed binary heap of the nodes queued */
};

static void dj_up(struct dijkstra *d, int i)
{
	int x = d->heap[i];
	while (i > 0 && d->key[d->heap[(i - 1) / 2]] > d->key[x]) {
		d->heap[i] = d->heap[(i - 1) / 2];
		d->at[d->heap[i]] = i;
		i = (i - 1) / 2;
	}
	d->heap[i] = x;
	d->at[x] = i;
}

static int dj_pop(struct dijkstra *d)
{
	int top = d->heap[0], x = d->heap[--d->n], i = 0;
	d->at[top] = -2;	/* settled */
	for (;;) {
		int k = 2 * i + 1;
		if (k >= d->n)
			break;
		if (k + 1 < d->n && d->key[d->heap[k + 1]] < d->key[d->heap[k]])
			k++;
		if (d->key[d->heap[k]] >= d->key[x])
			break;
		d->heap[i] = d->heap[k];
		d->at[d->heap[i]] = i;
		i = k;
	}
	if (d->n > 0) {
		d->heap[i] = x;
		d->at[x] = i;
	}
	return top;
}

/* An arc x -> y of cost c, x settled at length kx. */
static void dj_arc(const struct sw_auction *a, struct dijkstra *d, const long long *pot, int x,
		   int y, long long c)
{
	long long len = a->K * c + pot[x] - pot[y] + a->eps;
	if (len < 0) {
		sw_error(_("internal error: the auction's prices are out of step"));
		abort();
	}
	if (d->at[y] == -2 || d->key[x] + len >= d->key[y])
		return;
	d->key[y] = d->key[x] + len;
	if (d->at[y] < 0)
		d->at[y] = d->n++;
	d->heap[d->at[y]] = y;
	dj_up(d, d->at[y]);
}

static long long floor_div(long long x, long long k)
{
	return x >= 0 ? x / k : -((-x + k - 1) / k);
}

long long sw_auction_result(struct sw_auction *a, int *vac, int *score, long long *u, long long *p)
{
	int ns = a->ns, nv = a->nv, T = ns + nv;
	size_t nn = (size_t)T + 1;
	long long *pot = sw_xmalloc(nn * sizeof *pot), total = 0;
	int *fill = sw_xcalloc((size_t)nv + 1, sizeof *fill);
	struct dijkstra d = {sw_xmalloc(nn * sizeof *d.key), sw_xmalloc(nn * sizeof *d.heap),
			     sw_xmalloc(nn * sizeof *d.at), 0};
	for (int s = 0; s < ns; s++) {
		int j;
		pot[s] = best_of(a, s, &j, NULL);
		vac[s] = a->held[s] < 0 ? -1 : a->vac_of[a->held[s]];
		score[s] = a->held[s] < 0 ? 0 : a->hw[s];
		total += score[s];
		if (vac[s] >= 0)
			fill[vac[s]]++;
	}
	for (int v = 0; v < nv; v++)
		pot[ns + v] = -a->pmin[v];
	pot[T] = 0;
	for (size_t x = 0; x < nn; x++)
		d.key[x] = LLONG_MAX, d.at[x] = -1;
	d.key[T] = 0;
	d.heap[0] = T, d.at[T] = 0, d.n = 1;
	while (d.n > 0) {
		int x = dj_pop(&d);
		if (x == T) {
			for (int s = 0; s < ns; s++)
				if (vac[s] < 0)
					dj_arc(a, &d, pot, T, s, 0);
			for (int v = 0; v < nv; v++)
				if (a->tau[v] != INT_MAX || fill[v])
					dj_arc(a, &d, pot, T, ns + v, a->tau[v] != INT_MAX ? -a->tau[v] : 0);
		} else if (x < ns) {
			const struct alist *l = &a->l[x];
			dj_arc(a, &d, pot, x, T, 0);
			for (int i = 0; i < l->n; i++)
				dj_arc(a, &d, pot, x, ns + l->e[i].v, -l->e[i].w);
		} else {
			int v = x - ns;
			if (fill[v] < a->cap[v])
				dj_arc(a, &d, pot, x, T, 0);
			for (int c = a->off[v]; c < a->off[v + 1]; c++)
				if (a->holder[c] >= 0)
					dj_arc(a, &d, pot, x, a->holder[c], a->hw[a->holder[c]]);
		}
	}
	for (int s = 0; s < ns; s++)
		u[s] = floor_div(d.key[s] + pot[s], a->K);
	for (int v = 0; v < nv; v++) {
		long long dv = d.key[ns + v] == LLONG_MAX ? 0 : floor_div(d.key[ns + v] + pot[ns + v], a->K);
		p[v] = dv < 0 ? -dv : 0;	/* d(v) > 0 only for an empty vacancy */
	}
	free(pot);
	free(fill);
	free(d.key);
	free(d.heap);
	free(d.at);
	return total;
}

const struct sw_apair *sw_auction_pairs(const struct sw_auction *a, int s, int *n)
{
	*n = a->l[s].n;
	return a->l[s].e;
}

int sw_auction_tau(const struct sw_auction *a, int v) { return a->tau[v]; }

void sw_auction_counts(const struct sw_auction *a, long long *bids, long long *reverse, long long *pairs)
{
	*bids = a->bids;
	*reverse = a->reverse;
	*pairs = a->listed;
}
