/* Assignment: the auction over a graph (sw_bmatch) and the certified
 * market assignment against brute force on many small random instances,
 * and against each other on bigger ones. */
#include <string.h>

#include "sw/assign.h"
#include "market.h"
#include "unit.h"

/* Best total of seekers i.. given the places left: every seeker takes one
 * of its edges or none. */
static long long brute(const int *w, int ns, int nv, int *left, int i)
{
	if (i == ns)
		return 0;
	long long best = brute(w, ns, nv, left, i + 1);
	for (int v = 0; v < nv; v++)
		if (w[i * nv + v] > 0 && left[v] > 0) {
			left[v]--;
			long long t = w[i * nv + v] + brute(w, ns, nv, left, i + 1);
			left[v]++;
			if (t > best)
				best = t;
		}
	return best;
}

/* The solver on random weight matrices: optimum, feasibility, and an
 * optimal dual (u + p covers every edge, equal objective). */
static void solver(void)
{
	int bad_total = 0, bad_dual = 0, bad_feasible = 0, runs = 2000;
	for (int run = 0; run < runs; run++) {
		int ns = 1 + rnd(7), nv = 1 + rnd(4), w[64], cap[8], left[8], off[9], to[64], wt[64];
		int match[8], used[8] = {0}, ne = 0;
		long long u[8], p[8];
		for (int v = 0; v < nv; v++)
			cap[v] = left[v] = rnd(4);	/* 0: a vacancy with no place */
		for (int s = 0; s < ns; s++) {
			off[s] = ne;
			for (int v = 0; v < nv; v++) {
				w[s * nv + v] = rnd(3) ? 1 + rnd(run % 2 ? 5 : 1000) : 0;
				if (w[s * nv + v])
					to[ne] = v, wt[ne++] = w[s * nv + v];
			}
		}
		off[ns] = ne;
		struct sw_bgraph g = {ns, nv, cap, off, to, wt};
		long long got = sw_bmatch(&g, match, u, p), want = brute(w, ns, nv, left, 0);
		long long sum = 0, dual = 0;
		for (int s = 0; s < ns; s++) {
			if (match[s] >= 0) {
				sum += w[s * nv + match[s]];
				used[match[s]]++;
				if (!w[s * nv + match[s]])
					bad_feasible++;
			}
			dual += u[s];
			for (int v = 0; v < nv; v++)
				if (w[s * nv + v] && u[s] + p[v] < w[s * nv + v])
					bad_dual++;
		}
		for (int v = 0; v < nv; v++) {
			dual += cap[v] * p[v];
			if (used[v] > cap[v] || p[v] < 0)
				bad_feasible++;
		}
		bad_total += got != want || sum != got;
		bad_dual += dual != got;
	}
	T_INT(bad_total, 0, "b-matching total equals brute force on %d random graphs", runs);
	T_INT(bad_feasible, 0, "every solution respects edges and headcounts");
	T_INT(bad_dual, 0, "the dual covers every edge and has the same value");
}

/* The market assignment against brute force over all pairs, with a first
 * list of 1 or 2 so that lists have to grow; and its dual checked against
 * every pair of the market, which proves the answer optimal on its own.
 * With no_grow the solver sees only the first lists, so only the
 * certificate can find the pairs it missed: if the certificate were
 * broken, those runs would fall short of brute force. */
static void market(int no_grow)
{
	int bad = 0, bad_dual = 0, rounds = 0, grown = 0, runs = 600;
	for (int run = 0; run < runs; run++) {
		int ns = 1 + rnd(7), nv = 1 + rnd(4), w[64], left[8];
		struct sw_market *m = rnd_market(ns, nv, 2);
		struct sw_rank_opts o = {sw_weights_default, 1 + rnd(2), 0, run % 3 ? 0 : 300, run % 2};
		long long first = 0;	/* pairs in the first lists */
		for (int s = 0; s < ns; s++) {
			int deg = 0;
			for (int v = 0; v < nv; v++) {
				int sc = sw_eligible(&m->s[s], &m->v[v]) ? sw_score(m, &o.w, &m->s[s], &m->v[v]) : 0;
				w[s * nv + v] = sc >= o.min_score && sc > 0 ? sc : 0;
				deg += w[s * nv + v] > 0;
			}
			first += deg < o.top ? deg : o.top;
		}
		for (int v = 0; v < nv; v++)
			left[v] = m->v[v].left;
		struct sw_assignment a = {.no_grow = no_grow};
		sw_assign(m, &o, &a);
		long long want = brute(w, ns, nv, left, 0), sum = 0, dual = 0;
		for (int s = 0; s < ns; s++) {
			if (a.vac[s] >= 0)
				sum += w[s * nv + a.vac[s]] ? a.score[s] : -100000;
			dual += a.u[s];
			for (int v = 0; v < nv; v++)
				bad_dual += a.u[s] < 0 || a.u[s] + a.p[v] < w[s * nv + v];
		}
		for (int v = 0; v < nv; v++)
			dual += a.p[v] * left[v];
		bad_dual += dual != want;
		if (a.total != want || sum != want) {
			bad++;
			printf("# run %d: got %lld (sum %lld), want %lld\n", run, a.total, sum, want);
		}
		rounds += a.rounds > 1;
		grown += a.edges > first;
		sw_assignment_free(&a);
		sw_market_free(m);
	}
	const char *how = no_grow ? "first lists only" : "lists grow";
	T_INT(bad, 0, "%s: market assignment equals brute force on %d random markets", how, runs);
	T_INT(bad_dual, 0, "%s: the dual covers every pair and has the same value", how);
	if (no_grow)
		T_OK(rounds > 0, "first lists only: the certificate found missing pairs in %d of them", rounds);
	else
		T_OK(grown > 0, "pairs beyond the first taken in on %d markets", grown);
}

/* The solver on denser random graphs (tens of edges a seeker, so that
 * lists are sorted by quicksort), checked by its own dual: it covers every
 * edge and equals the total, which proves the total optimal. */
static void dense(void)
{
	int bad = 0, runs = 40;
	for (int run = 0; run < runs; run++) {
		int ns = 50 + rnd(150), nv = 20 + rnd(60), ne = 0;
		int *off = calloc((size_t)ns + 1, sizeof *off), *cap = calloc((size_t)nv, sizeof *cap);
		int *to = calloc((size_t)ns * nv + 1, sizeof *to), *w = calloc((size_t)ns * nv + 1, sizeof *w);
		int *wm = calloc((size_t)ns * nv, sizeof *wm), *match = calloc((size_t)ns, sizeof *match);
		int *used = calloc((size_t)nv, sizeof *used);
		long long *u = calloc((size_t)ns, sizeof *u), *p = calloc((size_t)nv, sizeof *p), sum = 0, dual = 0;
		for (int v = 0; v < nv; v++)
			cap[v] = 1 + rnd(3);
		for (int s = 0; s < ns; s++) {
			off[s] = ne;
			for (int v = 0; v < nv; v++)
				if (rnd(3)) {
					wm[s * nv + v] = 1 + rnd(run % 2 ? 20 : 1000);
					to[ne] = v, w[ne++] = wm[s * nv + v];
				}
		}
		off[ns] = ne;
		struct sw_bgraph g = {ns, nv, cap, off, to, w};
		long long got = sw_bmatch(&g, match, u, p);
		for (int s = 0; s < ns; s++) {
			if (match[s] >= 0) {
				sum += wm[s * nv + match[s]];
				bad += !wm[s * nv + match[s]] || ++used[match[s]] > cap[match[s]];
			}
			dual += u[s];
			for (int v = 0; v < nv; v++)
				bad += u[s] + p[v] < wm[s * nv + v] || p[v] < 0 || u[s] < 0;
		}
		for (int v = 0; v < nv; v++)
			dual += p[v] * cap[v];
		bad += sum != got || dual != got;
		free(off), free(cap), free(to), free(w), free(wm), free(match), free(used), free(u), free(p);
	}
	T_INT(bad, 0, "b-matching on %d denser graphs: feasible, and its dual proves it optimal", runs);
}

/* Markets too big for brute force, where each seeker has dozens of pairs
 * (few skills and districts, so scores tie a lot), with places few (many
 * seekers left out, high prices: vacancies opened to their price) and
 * many (vacancies left part empty at no price: the seekers' side covers
 * their pairs), one in four with a vacancy taking a million. The market
 * assignment must equal the solver over every pair at once, and each
 * answer's dual must cover every pair at the same value, which proves
 * both optimal without brute force; a second run gives the same answer. */
static void big(void)
{
	int bad = 0, bad_dual = 0, long_lists = 0, differ = 0, over = 0, runs = 16;
	for (int run = 0; run < runs; run++) {
		int ns = 150 + rnd(250), nv = 30 + rnd(60), *used = calloc((size_t)nv, sizeof *used);
		struct sw_market *m = rnd_market(ns, nv, run % 2 ? 4 : 30);
		if (run % 4 == 3)
			m->v[rnd(nv)].left = 1000000;
		struct sw_rank_opts o = {sw_weights_default, 1 + rnd(8), 0, run % 2 ? 0 : 300, 0};
		int *off = calloc((size_t)ns + 1, sizeof *off), *cap = calloc((size_t)nv, sizeof *cap);
		int *to = calloc((size_t)ns * nv + 1, sizeof *to), *w = calloc((size_t)ns * nv + 1, sizeof *w);
		int *match = calloc((size_t)ns, sizeof *match), *sc = calloc((size_t)ns * nv, sizeof *sc);
		long long *u = calloc((size_t)ns, sizeof *u), *p = calloc((size_t)nv, sizeof *p);
		int ne = 0, mo = o.min_score < 1 ? 1 : o.min_score;
		for (int v = 0; v < nv; v++)
			cap[v] = m->v[v].left;
		for (int s = 0; s < ns; s++) {
			off[s] = ne;
			for (int v = 0; v < nv; v++) {
				int x = sw_eligible(&m->s[s], &m->v[v]) ? sw_score(m, &o.w, &m->s[s], &m->v[v]) : 0;
				sc[s * nv + v] = x >= mo ? x : 0;
				if (sc[s * nv + v])
					to[ne] = v, w[ne++] = x;
			}
			long_lists += ne - off[s] > 24;
		}
		off[ns] = ne;
		struct sw_bgraph g = {ns, nv, cap, off, to, w};
		long long want = sw_bmatch(&g, match, u, p), dual = 0, dual_a = 0;
		struct sw_assignment a = {0}, again = {0};
		sw_assign(m, &o, &a);
		sw_assign(m, &o, &again);
		differ += memcmp(a.vac, again.vac, (size_t)ns * sizeof *a.vac) != 0;
		for (int s = 0; s < ns; s++) {
			over += a.vac[s] >= 0 && ++used[a.vac[s]] > m->v[a.vac[s]].left;
			dual += u[s];
			dual_a += a.u[s];
			for (int v = 0; v < nv; v++)
				bad_dual += u[s] + p[v] < sc[s * nv + v] || a.u[s] + a.p[v] < sc[s * nv + v];
		}
		for (int v = 0; v < nv; v++) {
			dual += p[v] * cap[v];
			dual_a += a.p[v] * cap[v];
		}
		bad_dual += dual != want || dual_a != want;
		if (a.total != want) {
			bad++;
			printf("# big run %d: got %lld, want %lld\n", run, a.total, want);
		}
		sw_assignment_free(&a);
		sw_assignment_free(&again);
		sw_market_free(m);
		free(off), free(cap), free(to), free(w), free(match), free(sc), free(u), free(p), free(used);
	}
	T_INT(bad, 0, "market assignment equals the solver over every pair on %d bigger markets, places few and many", runs);
	T_INT(bad_dual, 0, "both duals cover every pair at the optimum's value");
	T_INT(differ, 0, "a second run gives the same answer");
	T_INT(over, 0, "no vacancy over its headcount");
	T_OK(long_lists > 1000, "%d seekers had more than 24 pairs", long_lists);
}

/* Markets of copies: vacancies and seekers the same for scoring as
 * another one (so every search meets ties), headcounts 1 to 3. The
 * optimum must still be brute force's, whatever order seekers are
 * searched in and whichever of the tied vacancies they get. */
static void copies(void)
{
	int bad = 0, over = 0, runs = 400;
	for (int run = 0; run < runs; run++) {
		int ns = 2 + rnd(6), nv = 2 + rnd(3), w[64], left[8], used[8] = {0};
		struct sw_market *m = rnd_market(ns, nv, 3);
		for (int v = 1; v < nv; v++) {
			struct sw_vac *x = &m->v[v], *y = &m->v[rnd(v)];
			if (rnd(3) == 0)
				continue;
			x->skills = sw_xrealloc(x->skills, ((size_t)y->nskills + 1) * sizeof *x->skills);
			memcpy(x->skills, y->skills, (size_t)y->nskills * sizeof *x->skills);
			x->nskills = y->nskills, x->mask = y->mask, x->edu = y->edu;
			x->wage_min = y->wage_min, x->wage_max = y->wage_max;
			x->district = y->district, x->accessible = y->accessible;
		}
		for (int s = 1; s < ns; s++) {
			struct sw_seeker *x = &m->s[s], *y = &m->s[rnd(s)];
			if (rnd(2) == 0)
				continue;
			x->skills = sw_xrealloc(x->skills, ((size_t)y->nskills + 1) * sizeof *x->skills);
			memcpy(x->skills, y->skills, (size_t)y->nskills * sizeof *x->skills);
			x->nskills = y->nskills, x->mask = y->mask, x->edu = y->edu, x->wage = y->wage;
			x->district = y->district, x->needs_accessible = y->needs_accessible;
		}
		struct sw_rank_opts o = {sw_weights_default, 1 + rnd(2), 0, 0, run % 2};
		for (int s = 0; s < ns; s++)
			for (int v = 0; v < nv; v++)
				w[s * nv + v] = sw_eligible(&m->s[s], &m->v[v]) ? sw_score(m, &o.w, &m->s[s], &m->v[v]) : 0;
		for (int v = 0; v < nv; v++)
			left[v] = m->v[v].left;
		struct sw_assignment a = {0};
		sw_assign(m, &o, &a);
		long long want = brute(w, ns, nv, left, 0), sum = 0;
		for (int s = 0; s < ns; s++)
			if (a.vac[s] >= 0) {
				sum += w[s * nv + a.vac[s]];
				over += !w[s * nv + a.vac[s]] || ++used[a.vac[s]] > left[a.vac[s]];
			}
		bad += a.total != want || sum != want;
		sw_assignment_free(&a);
		sw_market_free(m);
	}
	T_INT(bad, 0, "markets of copies (ties everywhere): brute force's optimum on %d markets", runs);
	T_INT(over, 0, "no vacancy over its headcount, no pair scoring 0");
}

int main(void)
{
	solver();
	market(0);
	market(1);
	copies();
	dense();
	big();
	return T_DONE();
}
