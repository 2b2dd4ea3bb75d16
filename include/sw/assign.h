/* Optimal assignment: one vacancy per seeker, at most its headcount of
 * seekers per vacancy, maximising the total score.
 *
 * The solver is an ε-scaling auction (sw/auction.h) over the pairs
 * listed: each seeker's best few and each vacancy's best seekers (a few a
 * place), from the ranking indexes; a full vacancy whose price falls below
 * the score of the last seeker listed for it is offered to more. So no
 * seeker is scored against every vacancy.
 *
 * The LP dual, rebuilt exactly from the answer, then certifies it over
 * all pairs: a pair is harmless when its score is at most u(seeker) +
 * p(vacancy). A pair not listed scores no more than the last one listed
 * of its seeker and of its vacancy, which covers it once u or p reaches
 * that; the pairs of seekers and vacancies neither covers are gone
 * through, from the side with fewer of them, and should some not be
 * covered, the most uncovered are listed and the problem solved again: the
 * answer is the optimum over every pair whatever happens.
 *
 * Among answers of the same total, which one comes out is not specified,
 * but it is the same on every run for the same market. */
#ifndef SW_ASSIGN_H
#define SW_ASSIGN_H

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
	long long edges;	/* pairs listed at the end */
	long long bids, reverse;	/* bids of the auction; reverse bids */
	int no_grow;		/* in (tests): take in no vacancy's pairs before
				 * the certificate finds them missing */
};

/* Assigns m's seekers with pairs scoring at least o->min_score (and above
 * 0); o->top is the number of first pairs per seeker. Fills a (free with
 * sw_assignment_free); a->no_grow is read first. */
void sw_assign(const struct sw_market *m, const struct sw_rank_opts *o, struct sw_assignment *a);
void sw_assignment_free(struct sw_assignment *a);

#endif
