/* The transportation problem behind assign, by an ε-scaling auction.
 *
 * Seekers take at most one vacancy each (or none), vacancy v at most
 * cap[v] seekers, and the total score of the pairs taken is the largest
 * possible. Each place of a vacancy has a price; a seeker without a place
 * bids for the place worth most to it (score - price, or 0 for none),
 * raising its price by what that place is worth to it beyond its second
 * best, plus ε; the seeker there is put out and bids in turn. A vacancy
 * left with a place empty at a price above 0 lowers it (a reverse bid:
 * the seekers that gain most by it move there), since the optimum's dual
 * has no price on an empty place. With scores scaled by K = ns + nv + 2
 * and ε falling by phases to 1, every seeker ends within 1/K of its best
 * and the total within ns/K < 1 of the optimum: the optimum.
 *
 * The auction sees only the pairs listed: the caller's, and each
 * vacancy's best seekers (through best), more of them as its price calls
 * for it. Its answer is optimal over those; the dual then rebuilt by one
 * shortest-path search tells the caller whether it is over every pair.
 * The same pairs and calls give the same answer: nothing depends on
 * anything but them. */
#ifndef SW_AUCTION_H
#define SW_AUCTION_H

struct sw_apair {
	int v, w;	/* vacancy, score (1..SW_BMATCH_WMAX) */
};

/* Where pairs come from: fn(fctx, s, w) for the k best seekers of vacancy
 * v scoring at least min (by score, then seeker: so that the k best are
 * the first k of the 2k best); returns the k-th score, or min - 1 when
 * there are fewer than k. */
typedef int sw_abest_fn(void *ctx, int v, int k, int min, void (*fn)(void *fctx, int s, int w),
			void *fctx);

struct sw_auction;
/* cap[v] (at most ns) must live as long as the auction. */
struct sw_auction *sw_auction_new(int ns, int nv, const int *cap, sw_abest_fn *best, void *ctx);
void sw_auction_free(struct sw_auction *a);
/* Bids group by group (group[s] in 0..ng-1, living as long as the
 * auction): the seekers of a group waiting to bid, and those of it they put
 * out, bid before the next group's; a market's districts make the groups,
 * so that a run of bids stays among a few seekers and vacancies in memory.
 * Without groups, seekers bid in the order they came to wait. */
void sw_auction_groups(struct sw_auction *a, const int *group, int ng);
/* Lists pair (s, v) of score w, unless it is listed already. */
void sw_auction_add(struct sw_auction *a, int s, int v, int w);
/* Lists the k best seekers of vacancy v scoring at least min (through
 * best); tau[v] becomes the level above which all of v's pairs are
 * listed. */
void sw_auction_open(struct sw_auction *a, int v, int k, int min);
/* The scale K of scores: ns + nv + 2. */
long long sw_auction_scale(const struct sw_auction *a);
/* Bids (and reverse bids) until every seeker is within eps of its best
 * over the pairs listed and no empty place has a price; with open, a full
 * vacancy whose price falls below K tau[v] is opened further (up to a
 * point). The state carries over: solving is settling at falling eps. */
void sw_auction_settle(struct sw_auction *a, long long eps, int open);
/* After settling: vac[s] (vacancy or -1) and score[s] (or 0), and the
 * dual from shortest paths over the pairs listed: with eps = 1 exact and
 * optimal over them (u, p >= 0; u[s] + p[v] >= w for every pair listed,
 * equal on those taken; p[v] >= tau[v] where v's pairs not listed are
 * worth nothing at its price), and often so well before. Returns the
 * total score. */
long long sw_auction_result(struct sw_auction *a, int *vac, int *score, long long *u, long long *p);
/* Seeker s's pairs listed (n of them), and tau[v]: every pair of v
 * scoring above it is listed (INT_MAX: v never opened). */
const struct sw_apair *sw_auction_pairs(const struct sw_auction *a, int s, int *n);
int sw_auction_tau(const struct sw_auction *a, int v);
/* Counts for --timing: bids, reverse bids, pairs listed. */
void sw_auction_counts(const struct sw_auction *a, long long *bids, long long *reverse, long long *pairs);

#endif
