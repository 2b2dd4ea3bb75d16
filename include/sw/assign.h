/* Optimal assignment: one vacancy per seeker, at most its headcount of
 * seekers per vacancy, maximising the total score.
 *
 * The core is a maximum-weight b-matching by successive shortest paths
 * (min-cost flow; one Dijkstra search from each seeker in turn, with
 * potentials). It runs on a sparse graph: each seeker's best k vacancies.
 * The LP dual of that solution then certifies it for all pairs: a pair
 * left out is harmless when its score is at most u(seeker) + p(vacancy).
 * Seekers with a pair that breaks this get a longer list and the problem
 * is solved again, so the answer is the optimum over every pair. */
#ifndef SW_ASSIGN_H
#define SW_ASSIGN_H

#include <stddef.h>

#include "sw/score.h"

/* A bipartite graph in compressed rows: seeker s's edges are
 * [off[s], off[s+1]) of to (vacancy) and w (weight, 1..wmax). */
struct sw_bgraph {
	int ns, nv;
	const int *cap;		/* per vacancy */
	const int *off, *to, *w;
};

/* Maximum-weight b-matching. match[s] gets the vacancy or -1; u and p
 * (may be NULL) an optimal dual: u[s] + p[v] >= w for every edge, equal
 * on matched ones, u and p >= 0. Returns the total weight. */
long long sw_bmatch(const struct sw_bgraph *g, int *match, long long *u, long long *p);

struct sw_assignment {
	int *vac;		/* per seeker: vacancy index or -1 */
	int *score;		/* per seeker: score of the pair, or 0 */
	long long total;
	int rounds;		/* solves until the dual certified the answer */
	size_t edges;		/* pairs in the last graph */
};

/* Assigns m's seekers with pairs scoring at least o->min_score (and above
 * 0); o->top is the first list length per seeker. Fills a (free with
 * sw_assignment_free). */
void sw_assign(const struct sw_market *m, const struct sw_rank_opts *o, struct sw_assignment *a);
void sw_assignment_free(struct sw_assignment *a);

#endif
