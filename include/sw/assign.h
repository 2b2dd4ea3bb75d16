/* Optimal assignment: one vacancy per seeker, at most its headcount of
 * seekers per vacancy, maximising the total score.
 *
 * The core is a maximum-weight b-matching by successive shortest paths
 * (min-cost flow; one Dijkstra search from each seeker in turn, over
 * reduced costs kept non-negative by node potentials, with a bucket queue
 * since the costs are small integers). Each seeker's pairs are held best
 * first, and a search only looks at those that could still shorten its
 * path: with every price at or above 0, a pair scoring w costs at least
 * u(seeker) - w. So a seeker starts with its best few vacancies and its
 * list grows (from the ranking index) only when a search reaches below
 * its end; a single solve covers every pair.
 *
 * The LP dual then certifies the answer over all pairs: a pair is
 * harmless when its score is at most u(seeker) + p(vacancy). Should a pair
 * break this, its seeker gets its whole list and the problem is solved
 * again, so the answer is the optimum over every pair whatever happens. */
#ifndef SW_ASSIGN_H
#define SW_ASSIGN_H

#include <stddef.h>

#include "sw/score.h"

/* A bipartite graph in compressed rows: seeker s's edges are
 * [off[s], off[s+1]) of to (vacancy) and w (weight, 1..SW_BMATCH_WMAX). */
#define SW_BMATCH_WMAX 32767
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
	int *best;		/* per seeker: its best vacancy (by score, then id) or -1 */
	long long *u, *p;	/* the dual that certifies the answer */
	long long total;
	int rounds;		/* solves until the dual certified the answer */
	size_t edges;		/* pairs held in the lists at the end */
	long long grown;	/* times a list grew during the searches */
	int no_grow;		/* in (tests): never grow lists while solving, so
				 * that only the certificate can find missing pairs */
};

/* Assigns m's seekers with pairs scoring at least o->min_score (and above
 * 0), searching from those whose best pair scores highest first; o->top
 * is the first list length per seeker. Fills a (free with
 * sw_assignment_free); a->no_grow is read first. */
void sw_assign(const struct sw_market *m, const struct sw_rank_opts *o, struct sw_assignment *a);
void sw_assignment_free(struct sw_assignment *a);

#endif
