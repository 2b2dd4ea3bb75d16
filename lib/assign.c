/* Maximum-weight b-matching by successive shortest paths, and the
 * certified assignment over a whole market built on it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sw/assign.h"
#include "sw/err.h"

/* Nodes: seekers 0..ns-1, vacancies ns..ns+nv-1, then the sink T. */
struct solver {
	const struct sw_bgraph *g;
	int T;
	long long *pi, *dist;
	int *par, *pare;	/* vacancy: seeker and edge it was reached by; T: node */
	char *done;
	int *touched, ntouched;
	int *match, *mw;	/* seeker -> vacancy, weight of that pair */
	int *moff, *memb, *cnt, *pos;	/* seekers at each vacancy */
	struct hent { long long d; int x; } *heap;
	size_t nheap, capheap;
};

static void heap_push(struct solver *S, long long d, int x)
{
	if (S->nheap == S->capheap)
		S->heap = sw_xrealloc(S->heap, (S->capheap = S->capheap * 2 + 64) * sizeof *S->heap);
	size_t i = S->nheap++;
	while (i > 0 && S->heap[(i - 1) / 2].d > d) {
		S->heap[i] = S->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	S->heap[i] = (struct hent){d, x};
}

static struct hent heap_pop(struct solver *S)
{
	struct hent top = S->heap[0], last = S->heap[--S->nheap];
	size_t i = 0, n = S->nheap;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && S->heap[c + 1].d < S->heap[c].d)
			c++;
		if (S->heap[c].d >= last.d)
			break;
		S->heap[i] = S->heap[c];
		i = c;
	}
	if (n)
		S->heap[i] = last;
	return top;
}

static void relax(struct solver *S, int y, long long d, int from, int edge)
{
	if (d >= S->dist[y])
		return;
	if (S->dist[y] == LLONG_MAX)
		S->touched[S->ntouched++] = y;
	S->dist[y] = d;
	S->par[y] = from;
	S->pare[y] = edge;
	heap_push(S, d, y);
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

/* Dijkstra from the new seeker s0 over reduced costs, stopping at T. */
static void search(struct solver *S, int s0)
{
	const struct sw_bgraph *g = S->g;
	int ns = g->ns, T = S->T;
	long long *pi = S->pi;
	S->nheap = 0;
	relax(S, s0, 0, -1, -1);
	while (S->nheap) {
		struct hent h = heap_pop(S);
		int x = h.x;
		if (S->done[x] || h.d > S->dist[x])
			continue;
		S->done[x] = 1;
		if (x == T)
			break;
		if (x < ns) {
			for (int e = g->off[x]; e < g->off[x + 1]; e++) {
				int v = ns + g->to[e];
				if (g->to[e] != S->match[x])
					relax(S, v, h.d - g->w[e] + pi[x] - pi[v], x, e);
			}
			/* staying (or becoming) unassigned */
			relax(S, T, h.d + pi[x] - pi[T], x, -1);
		} else {
			int v = x - ns;
			if (S->cnt[v] < g->cap[v])
				relax(S, T, h.d + pi[x] - pi[T], x, -1);
			for (int i = 0; i < S->cnt[v]; i++) {
				int s = S->memb[S->moff[v] + i];
				relax(S, s, h.d + S->mw[s] + pi[x] - pi[s], x, -1);
			}
		}
	}
}

/* Moves seekers along the path found to T, then updates potentials. */
static void augment(struct solver *S, int s0)
{
	const struct sw_bgraph *g = S->g;
	int ns = g->ns, x = S->par[S->T];
	long long dT = S->dist[S->T];
	if (x < ns) {			/* x leaves its vacancy (or s0 stays out) */
		int v = S->match[x];
		if (x != s0)
			memb_del(S, x);
		x = x == s0 ? -1 : ns + v;
	}
	while (x >= 0) {		/* vacancy x takes the seeker it was reached from */
		int s = S->par[x], e = S->pare[x], old = S->match[s];
		if (s != s0)
			memb_del(S, s);
		memb_add(S, s, x - ns, g->w[e]);
		x = s == s0 ? -1 : ns + old;
	}
	for (int i = 0; i < S->ntouched; i++) {
		int y = S->touched[i];
		if (S->done[y] && S->dist[y] < dT)
			S->pi[y] += S->dist[y] - dT;
		S->dist[y] = LLONG_MAX;
		S->done[y] = 0;
	}
	S->ntouched = 0;
}

long long sw_bmatch(const struct sw_bgraph *g, int *match, long long *u, long long *p)
{
	struct solver S = {.g = g, .T = g->ns + g->nv};
	size_t nn = (size_t)g->ns + (size_t)g->nv + 1;
	int wmax = 1;
	for (int e = 0; e < g->off[g->ns]; e++)
		if (g->w[e] > wmax)
			wmax = g->w[e];
	S.pi = sw_xcalloc(nn, sizeof *S.pi);
	S.dist = sw_xmalloc(nn * sizeof *S.dist);
	S.par = sw_xmalloc(nn * sizeof *S.par);
	S.pare = sw_xmalloc(nn * sizeof *S.pare);
	S.done = sw_xcalloc(nn, 1);
	S.touched = sw_xmalloc(nn * sizeof *S.touched);
	S.match = match;
	S.mw = sw_xcalloc((size_t)g->ns + 1, sizeof *S.mw);
	S.pos = sw_xcalloc((size_t)g->ns + 1, sizeof *S.pos);
	S.cnt = sw_xcalloc((size_t)g->nv + 1, sizeof *S.cnt);
	S.moff = sw_xcalloc((size_t)g->nv + 1, sizeof *S.moff);
	for (int v = 0; v < g->nv; v++)
		S.moff[v + 1] = S.moff[v] + (g->cap[v] < g->ns ? g->cap[v] : g->ns);
	S.memb = sw_xmalloc(((size_t)S.moff[g->nv] + 1) * sizeof *S.memb);
	/* Potentials that make every reduced cost non-negative at the start:
	 * seekers 0, vacancies and T -wmax. */
	for (size_t i = 0; i < nn; i++) {
		S.dist[i] = LLONG_MAX;
		S.pi[i] = (int)i < g->ns ? 0 : -wmax;
	}
	for (int s = 0; s < g->ns; s++)
		match[s] = -1;
	for (int s = 0; s < g->ns; s++) {
		search(&S, s);
		augment(&S, s);
	}
	long long total = 0;
	for (int s = 0; s < g->ns; s++) {
		if (match[s] >= 0)
			total += S.mw[s];
		if (u)
			u[s] = S.pi[s] - S.pi[S.T] > 0 ? S.pi[s] - S.pi[S.T] : 0;
	}
	for (int v = 0; p && v < g->nv; v++)
		p[v] = S.pi[S.T] - S.pi[g->ns + v] > 0 ? S.pi[S.T] - S.pi[g->ns + v] : 0;
	free(S.pi);
	free(S.dist);
	free(S.par);
	free(S.pare);
	free(S.done);
	free(S.touched);
	free(S.mw);
	free(S.pos);
	free(S.cnt);
	free(S.moff);
	free(S.memb);
	free(S.heap);
	return total;
}

/* The certificate check of one seeker: a pair outside its list that the
 * dual does not cover. */
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

void sw_assign(const struct sw_market *m, const struct sw_rank_opts *o, struct sw_assignment *a)
{
	struct sw_rank_opts ro = *o;
	ro.by_vacancy = 0;
	if (ro.min_score < 1)
		ro.min_score = 1;	/* a pair scoring 0 adds nothing */
	struct sw_ranker *r = sw_ranker_new(m, &ro);
	int ns = m->ns, nv = m->nv, k0 = o->top > 0 ? o->top : 8;
	int *k = sw_xmalloc(((size_t)ns + 1) * sizeof *k), *thr = sw_xmalloc(((size_t)ns + 1) * sizeof *thr);
	int *cap = sw_xmalloc(((size_t)nv + 1) * sizeof *cap), *off = sw_xmalloc(((size_t)ns + 1) * sizeof *off);
	long long *u = sw_xmalloc(((size_t)ns + 1) * sizeof *u), *p = sw_xmalloc(((size_t)nv + 1) * sizeof *p);
	int *to = NULL, *w = NULL;
	struct sw_pick *buf = NULL;
	size_t capbuf = 0;
	for (int s = 0; s < ns; s++)
		k[s] = k0;
	for (int v = 0; v < nv; v++)
		cap[v] = m->v[v].left;
	memset(a, 0, sizeof *a);
	a->vac = sw_xmalloc(((size_t)ns + 1) * sizeof *a->vac);
	a->score = sw_xcalloc((size_t)ns + 1, sizeof *a->score);
	for (;;) {
		size_t ne = 0, capne = 0;
		a->rounds++;
		off[0] = 0;
		for (int s = 0; s < ns; s++) {
			if ((size_t)k[s] > capbuf)
				buf = sw_xrealloc(buf, (capbuf = (size_t)k[s]) * sizeof *buf);
			int n = sw_ranker_top(r, s, k[s], buf);
			thr[s] = n < k[s] ? -1 : buf[n - 1].score;
			if (ne + (size_t)n > capne) {
				capne = (ne + (size_t)n) * 2;
				to = sw_xrealloc(to, capne * sizeof *to);
				w = sw_xrealloc(w, capne * sizeof *w);
			}
			for (int i = 0; i < n; i++, ne++)
				to[ne] = buf[i].v, w[ne] = buf[i].score;
			off[s + 1] = (int)ne;
		}
		struct sw_bgraph g = {ns, nv, cap, off, to, w};
		a->total = sw_bmatch(&g, a->vac, u, p);
		a->edges = ne;
		int again = 0;
		for (int s = 0; s < ns; s++) {
			if (thr[s] < 0 || u[s] >= thr[s])
				continue;	/* every pair left out scores <= thr */
			struct certify c = {u[s], p, 0};
			sw_ranker_each(r, s, check_pair, &c);
			if (c.bad) {
				k[s] = k[s] > nv / 4 ? nv : k[s] * 4;
				again = 1;
			}
		}
		if (!again)
			break;
	}
	for (int s = 0; s < ns; s++)
		if (a->vac[s] >= 0)
			a->score[s] = sw_score(m, &ro.w, &m->s[s], &m->v[a->vac[s]]);
	sw_ranker_free(r);
	free(k);
	free(thr);
	free(cap);
	free(off);
	free(u);
	free(p);
	free(to);
	free(w);
	free(buf);
}

void sw_assignment_free(struct sw_assignment *a)
{
	free(a->vac);
	free(a->score);
}
