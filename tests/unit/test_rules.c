/* A market under its own rules (sw_rules) through the jobs' ranking index
 * and solver: the indexed ranking against --exhaustive, and the
 * assignment against brute force, on many small random markets. The
 * rules are those of the needs market in small: keys of three kinds of
 * place, a pair scoring the best place it shares times the seeker's
 * priority. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/assign.h"
#include "sw/err.h"
#include "unit.h"

static unsigned long rnd_state = 4242;
static int rnd(int n)	/* 0..n-1, reproducible everywhere */
{
	rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
	return (int)((rnd_state >> 33) % (unsigned long)n);
}

static const int place[] = {100, 60, 40};	/* by key number % 3 */
static int prio[16];				/* per seeker, in percent */

static int toy_score(const struct sw_market *m, int s, int v)
{
	int best = -1;
	for (int i = 0; i < m->s[s].nskills; i++)
		for (int j = 0; j < m->v[v].nskills; j++)
			if (m->s[s].skills[i] == m->v[v].skills[j]) {
				int sc = place[m->s[s].skills[i] % 3] * prio[s] / 10;
				best = sc > best ? sc : best;
			}
	return best;
}

static int toy_bound(const struct sw_market *m, int s, int k)
{
	(void)m;
	return place[k % 3] * prio[s] / 10;
}

static const struct sw_rules toy = {toy_score, toy_bound};

/* Keys 0..8 (the market's skill numbers), each item 1-3 of them. */
static void rnd_keys(struct sw_market *m, int **sk, int *n, uint64_t *mask)
{
	static const char *const names[] = {"a@s", "a@d", "a@*", "b@s", "b@d", "b@*", "c@s", "c@d", "c@*"};
	char list[64] = "";
	for (int i = 0, k = 1 + rnd(3); i < k; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ";" : "", names[rnd(9)]);
	sw_market_skills(m, list, sk, n, mask);
}

static struct sw_market *toy_market(int ns, int nv)
{
	static const char *const names[] = {"a@s", "a@d", "a@*", "b@s", "b@d", "b@*", "c@s", "c@d", "c@*"};
	struct sw_market *m = sw_market_new();
	for (int k = 0; k < 9; k++)	/* key k is number k */
		sw_market_skill(m, names[k]);
	m->rules = &toy;
	m->s = sw_xcalloc((size_t)ns, sizeof *m->s);
	m->v = sw_xcalloc((size_t)nv, sizeof *m->v);
	m->ns = ns;
	m->nv = nv;
	for (int s = 0; s < ns; s++) {
		char id[16];
		snprintf(id, sizeof id, "N%02d", s);
		m->s[s].id = sw_xstrdup(id);
		m->s[s].district = -1;
		rnd_keys(m, &m->s[s].skills, &m->s[s].nskills, &m->s[s].mask);
		prio[s] = (int[]){40, 70, 100}[rnd(3)];
	}
	for (int v = 0; v < nv; v++) {
		char id[16];
		snprintf(id, sizeof id, "R%02d", v);
		m->v[v].id = sw_xstrdup(id);
		m->v[v].district = -1;
		m->v[v].left = 1 + rnd(2);
		rnd_keys(m, &m->v[v].skills, &m->v[v].nskills, &m->v[v].mask);
	}
	return m;
}

static void ranking(void)
{
	int bad = 0, runs = 500;
	for (int run = 0; run < runs; run++) {
		struct sw_market *m = toy_market(1 + rnd(16), 1 + rnd(30));
		struct sw_rank_opts o = {sw_weights_default, 1 + rnd(5), 0, run % 4 ? 0 : 400, 0};
		size_t n1, n2;
		struct sw_pick *a = sw_rank(m, &o, &n1, NULL);
		o.exhaustive = 1;
		struct sw_pick *b = sw_rank(m, &o, &n2, NULL);
		bad += n1 != n2 || memcmp(a, b, n1 * sizeof *a) != 0;
		free(a);
		free(b);
		sw_market_free(m);
	}
	T_INT(bad, 0, "rules market: indexed and exhaustive rankings identical on %d random markets", runs);
}

/* Best total of seekers i.. given the places left. */
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
			best = t > best ? t : best;
		}
	return best;
}

static void assignment(void)
{
	int bad = 0, over = 0, runs = 500;
	for (int run = 0; run < runs; run++) {
		int ns = 1 + rnd(7), nv = 1 + rnd(4), w[64], left[8], used[8] = {0};
		struct sw_market *m = toy_market(ns, nv);
		struct sw_rank_opts o = {sw_weights_default, 1 + rnd(2), 0, 0, 0};
		for (int s = 0; s < ns; s++)
			for (int v = 0; v < nv; v++)
				w[s * nv + v] = toy_score(m, s, v) > 0 ? toy_score(m, s, v) : 0;
		for (int v = 0; v < nv; v++)
			left[v] = m->v[v].left;
		struct sw_assignment a = {.no_grow = run % 2};
		sw_assign(m, &o, &a);
		long long sum = 0;
		for (int s = 0; s < ns; s++)
			if (a.vac[s] >= 0) {
				sum += w[s * nv + a.vac[s]] == a.score[s] ? a.score[s] : -100000;
				over += ++used[a.vac[s]] > left[a.vac[s]];
			}
		bad += a.total != brute(w, ns, nv, left, 0) || sum != a.total;
		sw_assignment_free(&a);
		sw_market_free(m);
	}
	T_INT(bad, 0, "rules market: assignment equals brute force on %d random markets", runs);
	T_INT(over, 0, "rules market: no partner past its capacity");
}

int main(void)
{
	ranking();
	assignment();
	return T_DONE();
}
