/* The ε-scaling auction for assign (see sw/auction.h): bids, phases, the
 * reverse bids that empty places need, vacancies opened further as their
 * prices call for it, and the dual. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sw/auction.h"
#include "sw/err.h"
#include "sw/i18n.h"

struct alist {			/* a seeker's pairs */
	struct sw_apair *e;
	int n, cap;
};

struct slist {			/* a vacancy's: (seeker, score) */
	struct seat {
		int s, w;
	} *e;
	int n, cap;
};

/* A vacancy's places in use, as a min-heap by price (then by number);
 * the rest of its cap are empty at price 0, and made when first bid for,
 * so that a vacancy of any size costs what is used of it. */
struct places {
	int *h, n, cap;
};

struct sw_auction {
	int ns, nv;
	long long K;		/* scores are scaled by K */
	const int *cap;
	sw_abest_fn *best;
	void *ctx;
	struct alist *l;
	struct slist *by_v;	/* the same pairs by vacancy */
	/* The seekers' lists, once packed (see pack): one block in seeker
	 * order; a list that outgrows its room there moves out to a block of
	 * its own. */
	struct sw_apair *lpack;
	size_t nlpack;
	int *kv;		/* per vacancy: its kv best seekers listed */
	int *tau;		/* and every pair scoring above tau (INT_MAX: none) */
	struct places *pl;
	int *vac_of, *holder, *pos, np, npcap;	/* per place: vacancy, seeker or -1, in heap */
	long long *price, *pmin;	/* per place; per vacancy, its cheapest */
	int *held, *hw;		/* per seeker: place or -1, score there */
	/* Seekers without a place, to bid: a queue per group (see
	 * sw_auction_groups), linked through next; cg is the group bidding. */
	const int *group;
	int ng, cg, waiting, *head, *tail, *next;
	char *inwork;		/* per vacancy: waiting to be brought down */
	int *stamp, cur;	/* per seeker: listed for the vacancy being opened */
	char *crowded;		/* per vacancy: more pairs above its price than worth listing */
	char *fresh;		/* per seeker: pairs listed since its last check */
	int *freshq, nfresh;	/* those seekers */
	long long bids, reverse, listed, eps;
};

/* Whether list e lies in the packed block [pack, pack + n). */
#define packed(e, pack, n) ((pack) && (e) >= (pack) && (e) < (pack) + (n))

static int before(const struct sw_auction *a, int x, int y)
{
	return a->price[x] < a->price[y] || (a->price[x] == a->price[y] && x < y);
}

static void heap_set(struct sw_auction *a, struct places *p, int i, int c)
{
	p->h[i] = c;
	a->pos[c] = i;
}

/* v's cheapest place's price: 0 while some of its cap is unused, and out
 * of reach with no place at all. */
static void set_pmin(struct sw_auction *a, int v)
{
	const struct places *p = &a->pl[v];
	a->pmin[v] = a->cap[v] <= 0 ? LLONG_MAX / 4 : p->n < a->cap[v] ? 0 : a->price[p->h[0]];
}

/* The place at i of p sinks below the cheaper of its children. */
static void sift_down(struct sw_auction *a, struct places *p, int i)
{
	int c = p->h[i];
	for (;;) {
		int k = 2 * i + 1;
		if (k >= p->n)
			break;
		if (k + 1 < p->n && before(a, p->h[k + 1], p->h[k]))
			k++;
		if (!before(a, p->h[k], c))
			break;
		heap_set(a, p, i, p->h[k]);
		i = k;
	}
	heap_set(a, p, i, c);
}

/* Place c's price changed: back to its rank in its vacancy's heap. */
static void heap_fix(struct sw_auction *a, int c)
{
	struct places *p = &a->pl[a->vac_of[c]];
	int i = a->pos[c];
	while (i > 0 && before(a, c, p->h[(i - 1) / 2])) {
		heap_set(a, p, i, p->h[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_set(a, p, i, c);
	sift_down(a, p, i);
	set_pmin(a, a->vac_of[c]);
}

/* A new empty place of v at price 0. */
static int new_place(struct sw_auction *a, int v)
{
	struct places *p = &a->pl[v];
	if (a->np == a->npcap) {
		a->npcap = a->npcap * 2 + 64;
		a->vac_of = sw_xrealloc(a->vac_of, (size_t)a->npcap * sizeof *a->vac_of);
		a->holder = sw_xrealloc(a->holder, (size_t)a->npcap * sizeof *a->holder);
		a->pos = sw_xrealloc(a->pos, (size_t)a->npcap * sizeof *a->pos);
		a->price = sw_xrealloc(a->price, (size_t)a->npcap * sizeof *a->price);
	}
	if (p->n == p->cap)
		p->h = sw_xrealloc(p->h, (size_t)(p->cap = p->cap * 2 + 2) * sizeof *p->h);
	int c = a->np++;
	a->vac_of[c] = v, a->holder[c] = -1, a->price[c] = 0;
	heap_set(a, p, p->n++, c);
	heap_fix(a, c);
	return c;
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
	for (int v = 0; v < nv; v++)
		a->tau[v] = INT_MAX;
	a->pl = sw_xcalloc((size_t)nv + 1, sizeof *a->pl);
	a->pmin = sw_xcalloc((size_t)nv + 1, sizeof *a->pmin);
	for (int v = 0; v < nv; v++)
		set_pmin(a, v);
	a->held = sw_xmalloc(((size_t)ns + 1) * sizeof *a->held);
	a->hw = sw_xcalloc((size_t)ns + 1, sizeof *a->hw);
	for (int s = 0; s < ns; s++)
		a->held[s] = -1;
	a->next = sw_xmalloc(((size_t)ns + 1) * sizeof *a->next);
	sw_auction_groups(a, NULL, 1);
	a->inwork = sw_xcalloc((size_t)nv + 1, 1);
	a->crowded = sw_xcalloc((size_t)nv + 1, 1);
	a->stamp = sw_xcalloc((size_t)ns + 1, sizeof *a->stamp);
	a->fresh = sw_xcalloc((size_t)ns + 1, 1);
	a->freshq = sw_xmalloc(((size_t)ns + 1) * sizeof *a->freshq);
	return a;
}

void sw_auction_free(struct sw_auction *a)
{
	if (!a)
		return;
	for (int s = 0; s < a->ns; s++)
		if (!packed(a->l[s].e, a->lpack, a->nlpack))
			free(a->l[s].e);
	for (int v = 0; v < a->nv; v++) {
		free(a->by_v[v].e);
		free(a->pl[v].h);
	}
	free(a->l);
	free(a->by_v);
	free(a->lpack);
	free(a->kv);
	free(a->tau);
	free(a->pl);
	free(a->vac_of);
	free(a->holder);
	free(a->pos);
	free(a->price);
	free(a->pmin);
	free(a->held);
	free(a->hw);
	free(a->next);
	free(a->head);
	free(a->tail);
	free(a->inwork);
	free(a->stamp);
	free(a->crowded);
	free(a->fresh);
	free(a->freshq);
	free(a);
}

/* More room for a seeker's list, which is full. */
static void grow(struct sw_auction *a, struct alist *l)
{
	struct sw_apair *to = sw_xmalloc((size_t)(l->cap * 2 + 4) * sizeof *to);
	if (l->n)
		memcpy(to, l->e, (size_t)l->n * sizeof *to);
	if (!packed(l->e, a->lpack, a->nlpack))
		free(l->e);
	l->e = to;
	l->cap = l->cap * 2 + 4;
}

/* Lists pair (s, v); a seeker with pairs newly listed is checked again. */
static void list(struct sw_auction *a, int s, int v, int w)
{
	struct alist *l = &a->l[s];
	struct slist *b = &a->by_v[v];
	if (l->n == l->cap)
		grow(a, l);
	l->e[l->n++] = (struct sw_apair){v, w};
	if (b->n == b->cap)
		b->e = sw_xrealloc(b->e, (size_t)(b->cap = b->cap * 2 + 4) * sizeof *b->e);
	b->e[b->n++] = (struct seat){s, w};
	a->listed++;
	if (!a->fresh[s]) {
		a->fresh[s] = 1;
		a->freshq[a->nfresh++] = s;
	}
}

void sw_auction_add(struct sw_auction *a, int s, int v, int w)
{
	for (int i = 0; i < a->l[s].n; i++)
		if (a->l[s].e[i].v == v)
			return;
	list(a, s, v, w);
}

/* The seekers an opening finds, best first: those past the ones the
 * last opening of v found go in, unless listed already (stamped). */
struct opening {
	struct sw_auction *a;
	int v, skip, seen;
};

static void list_pair(void *ctx, int s, int w)
{
	struct opening *o = ctx;
	if (o->seen++ >= o->skip && o->a->stamp[s] != o->a->cur) {
		o->a->stamp[s] = o->a->cur;
		list(o->a, s, o->v, w);
	}
}

void sw_auction_open(struct sw_auction *a, int v, int k, int min)
{
	struct opening o = {a, v, min <= a->tau[v] ? a->kv[v] : 0, 0};
	a->cur++;
	for (int i = 0; i < a->by_v[v].n; i++)
		a->stamp[a->by_v[v].e[i].s] = a->cur;
	int tau = a->best(a->ctx, v, k, min, list_pair, &o);
	a->kv[v] = o.seen;
	a->tau[v] = tau < a->tau[v] ? tau : a->tau[v];
}

/* A full vacancy whose price fell below K tau (a pair not listed may be
 * worth something there) is opened down to its price, or to four times as
 * many seekers as listed when ties stop short of that. But one whose price
 * is far below (under 3/4 of tau), or with over CROWDED seekers a place
 * above its price, is left to the certificate: it has many pairs there,
 * which the seekers' side covers with fewer. */
#define CROWDED 16

static void deepen(struct sw_auction *a, int v)
{
	long long level = a->pmin[v] / a->K, k = 4LL * a->kv[v] + 2LL * a->cap[v];
	if (a->tau[v] == INT_MAX || level >= a->tau[v] || a->crowded[v])
		return;
	if (4 * level < 3LL * a->tau[v]) {
		a->crowded[v] = 1;
		return;
	}
	sw_auction_open(a, v, k < INT_MAX ? (int)k : INT_MAX, (int)level + 1);
	a->crowded[v] = level < a->tau[v] && a->kv[v] >= CROWDED * (a->cap[v] + 2);
}

/* What seeker s makes where it is: its score less the price of its
 * place, or 0 with none. */
static long long profit(const struct sw_auction *a, int s)
{
	return a->held[s] < 0 ? 0 : a->hw[s] * a->K - a->price[a->held[s]];
}

/* The most s can make at today's prices over its pairs, 0 with no place;
 * *best gets the pair (-1 for none) and *second what the next best
 * option is worth. */
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

void sw_auction_groups(struct sw_auction *a, const int *group, int ng)
{
	a->group = group;
	a->ng = ng;
	a->head = sw_xrealloc(a->head, (size_t)ng * sizeof *a->head);
	a->tail = sw_xrealloc(a->tail, (size_t)ng * sizeof *a->tail);
	for (int g = 0; g < ng; g++)
		a->head[g] = a->tail[g] = -1;
}

static void push(struct sw_auction *a, int s)
{
	int g = a->group ? a->group[s] : 0;
	a->next[s] = -1;
	if (a->tail[g] < 0)
		a->head[g] = s;
	else
		a->next[a->tail[g]] = s;
	a->tail[g] = s;
	a->waiting++;
}

/* The next seeker to bid: the group's first, or the next group's. */
static int pop(struct sw_auction *a)
{
	while (a->head[a->cg] < 0)
		a->cg = (a->cg + 1) % a->ng;
	int s = a->head[a->cg];
	if ((a->head[a->cg] = a->next[s]) < 0)
		a->tail[a->cg] = -1;
	a->waiting--;
	return s;
}

/* The cheapest price at v but place c's, or LLONG_MAX with none. */
static long long next_price(const struct sw_auction *a, int v, int c)
{
	const struct places *p = &a->pl[v];
	if (p->n < a->cap[v])
		return 0;
	if (p->h[0] != c)
		return a->price[p->h[0]];
	long long x = p->n > 1 ? a->price[p->h[1]] : LLONG_MAX;
	return p->n > 2 && a->price[p->h[2]] < x ? a->price[p->h[2]] : x;
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
	int v = a->l[s].e[j].v, w = a->l[s].e[j].w;
	int c = a->pl[v].n < a->cap[v] ? new_place(a, v) : a->pl[v].h[0];
	long long W = w * a->K, p2 = next_price(a, v, c);
	if (p2 != LLONG_MAX && W - p2 > second)	/* another place there is an option too */
		second = W - p2;
	if (a->holder[c] >= 0) {
		a->held[a->holder[c]] = -1;
		push(a, a->holder[c]);
	}
	a->holder[c] = s;
	a->held[s] = c;
	a->hw[s] = w;
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
	while (a->waiting > 0)
		bid(a, pop(a));
}

/* A reverse bid: vacancy v, with f places empty and a price above 0,
 * looks at the seekers listed for it and not there, for what each would
 * gain by coming: score - price - what it makes now. The t best gaining
 * over ε come (t <= f), at a price that leaves the next best within ε of
 * coming (0 with nobody left gaining over ε), from then on the price of
 * every place of v: each seeker stays within ε of its best as before. */
struct cand {
	long long b;
	int s, w;
};

/* The f + 1 best gains, best first (then by seeker); returns how many. */
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

/* Seeker s takes empty place c, leaving its own, whose vacancy is to be
 * brought down in turn. */
static void move(struct sw_auction *a, int s, int w, int c, int *work, int *nwork)
{
	int old = a->held[s];
	if (old >= 0) {
		a->holder[old] = -1;
		if (!a->inwork[a->vac_of[old]]) {
			a->inwork[a->vac_of[old]] = 1;
			work[(*nwork)++] = a->vac_of[old];
		}
	}
	a->holder[c] = s;
	a->held[s] = c;
	a->hw[s] = w;
}

static void reverse_bid(struct sw_auction *a, int v, int *work, int *nwork)
{
	struct places *p = &a->pl[v];
	int f = a->cap[v] - p->n, t, n;
	for (int i = 0; i < p->n; i++)
		f += a->holder[p->h[i]] < 0;
	struct cand *top = sw_xmalloc(((size_t)(f < a->by_v[v].n ? f : a->by_v[v].n) + 2) * sizeof *top);
	if (f > a->by_v[v].n)
		f = a->by_v[v].n;	/* no more can come than are listed */
	n = best_gains(a, v, f, top);
	for (t = 0; t < n && t < f && top[t].b > a->eps;)
		t++;
	long long price = t < n && top[t].b - a->eps > 0 ? top[t].b - a->eps : 0;
	for (int k = 0; k < t; k++) {
		int c = -1;
		for (int i = 0; i < p->n && c < 0; i++)
			if (a->holder[p->h[i]] < 0)
				c = p->h[i];
		move(a, top[k].s, top[k].w, c >= 0 ? c : new_place(a, v), work, nwork);
	}
	for (int i = 0; i < p->n; i++)
		if (a->price[p->h[i]] > price)
			a->price[p->h[i]] = price;
	for (int i = p->n / 2; i >= 0 && p->n; i--)	/* a heap again, bottom up */
		sift_down(a, p, i);
	set_pmin(a, v);
	free(top);
	a->reverse++;
}

/* Vacancies with an empty place priced above 0 come down, and those
 * their newcomers leave after them. */
static void bring_down(struct sw_auction *a)
{
	int *work = sw_xmalloc(((size_t)a->nv + 1) * sizeof *work), n = 0;
	for (int v = 0; v < a->nv; v++)
		work[n++] = v, a->inwork[v] = 1;
	while (n > 0) {
		int v = work[--n], up = 0;
		const struct places *p = &a->pl[v];
		a->inwork[v] = 0;
		for (int i = 0; i < p->n; i++)
			up |= a->holder[p->h[i]] < 0 && a->price[p->h[i]] > 0;
		if (up)
			reverse_bid(a, v, work, &n);
	}
	free(work);
}

/* Bids at ε and reverse bids, and (open) full vacancies opened further
 * where a pair not listed could be worth something at their price, until
 * every seeker is within ε of its best over the pairs listed (a pair
 * newly listed may be worth more) and every empty place is without price. */
/* The seekers' lists listed so far, each with some room to grow, copied
 * into one block in seeker order: bids run through the seekers of a group
 * in that order, so that their lists are read from memory together rather
 * than from scattered blocks. */
static void pack(struct sw_auction *a)
{
	size_t n = 0, at = 0;
	for (int s = 0; s < a->ns; s++)
		n += (size_t)a->l[s].n + 2;
	a->lpack = sw_xmalloc((n + 1) * sizeof *a->lpack);
	for (int s = 0; s < a->ns; s++) {
		struct alist *l = &a->l[s];
		if (l->n)
			memcpy(a->lpack + at, l->e, (size_t)l->n * sizeof *l->e);
		free(l->e);
		l->e = a->lpack + at;
		l->cap = l->n + 2;
		at += (size_t)l->cap;
	}
	a->nlpack = n;
}

static void settle(struct sw_auction *a, long long eps, int open)
{
	if (!a->lpack)
		pack(a);
	for (int all = 1;; all = 0) {
		long long was = a->listed;
		phase(a, eps, all);
		bring_down(a);
		for (int v = 0; v < a->nv && open; v++)
			deepen(a, v);
		if (a->listed == was)
			break;
	}
}

long long sw_auction_scale(const struct sw_auction *a) { return a->K; }

/* Whether v's pairs not listed are worth nothing at its price. */
static int proved(const struct sw_auction *a, int v)
{
	return a->tau[v] != INT_MAX && a->pmin[v] / a->K >= a->tau[v];
}

void sw_auction_settle(struct sw_auction *a, long long eps, int open) { settle(a, eps, open); }

/* The dual, by the shortest paths from the sink T in the residual graph
 * of the answer: seekers, vacancies and T, arcs
 *   T -> s (s without a place) and s -> T, cost 0;
 *   s -> v for each pair listed, cost -w; v -> s for each pair taken, +w;
 *   v -> T (v not full), cost 0; T -> v, cost -tau[v] when v's pairs not
 *   listed are worth nothing at its price (so that p[v] >= tau[v]), else
 *   0 if v is not empty (p[v] >= 0);
 * u[s] = d(s), p[v] = -d(v). The prices (scaled, within ε) make every
 * arc's scaled reduced cost at least -ε: lengths K * cost + pot(x) -
 * pot(y) + ε are never negative. With ε = 1, the answer (optimal over the
 * pairs listed) has no negative cycle, and since a path has fewer than K
 * arcs, the shortest by these lengths is a shortest by cost, whose cost is
 * the length's floor over K: the dual is exact. With ε above 1 it is often
 * exact too, which the certificate tells. */
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
				if (proved(a, v) || fill[v])
					dj_arc(a, &d, pot, T, ns + v, proved(a, v) ? -a->tau[v] : 0);
		} else if (x < ns) {
			const struct alist *l = &a->l[x];
			dj_arc(a, &d, pot, x, T, 0);
			for (int i = 0; i < l->n; i++)
				dj_arc(a, &d, pot, x, ns + l->e[i].v, -l->e[i].w);
		} else {
			int v = x - ns;
			if (fill[v] < a->cap[v])
				dj_arc(a, &d, pot, x, T, 0);
			for (int i = 0; i < a->pl[v].n; i++) {
				int s = a->holder[a->pl[v].h[i]];
				if (s >= 0)
					dj_arc(a, &d, pot, x, s, a->hw[s]);
			}
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
