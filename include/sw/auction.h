/* The transportation problem behind assign, by an ε-scaling auction.
 *
 * Seekers take at most one vacancy each (or none), vacancy v at most
 * cap[v] seekers, and the total score of the pairs taken is the largest
 * possible. Each place of a vacancy has a price; a seeker without a place
 * bids for the place worth most to it (score - price, or 0 for none),
 * raising its price by what that place is worth to it beyond its second
 * best, plus ε; the seeker there is put out and bids in turn. With scores
 * scaled by K = ns + nv + 2, ε falls by phases to 1, where every seeker's
 * place is within 1/K of its best and the total within ns/K < 1 of the
 * optimum, hence the optimum. Places left empty with a price above 0 are
 * then brought down (a reverse bid: the seeker that gains most by it moves
 * there), since the optimum's dual has no price on an empty place.
 *
 * Seekers see only the pairs listed for them: their first few, and every
 * pair of vacancy v scoring above tau[v] once v has been opened at that
 * level (tau[v] * K never above v's cheapest price, so that a pair not
 * listed is worth nothing at today's prices, and prices only rise). The
 * exact dual is then rebuilt by one shortest-path search over the pairs
 * listed, with "p[v] >= tau[v]" for the rest. */
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
/* Seeker s's first pairs (each vacancy once), before any vacancy is
 * opened. */
void sw_auction_first(struct sw_auction *a, int s, const struct sw_apair *e, int n);
/* Opens vacancy v to its k best seekers (or further, as prices call for
 * it, in an exact solve); a vacancy never opened offers only the first
 * pairs that name it. */
void sw_auction_open(struct sw_auction *a, int v, int k);
/* The scale K of scores: ns + nv + 2. */
long long sw_auction_scale(const struct sw_auction *a);
/* Bids (and reverse bids) until every seeker is within eps of its best
 * over the pairs listed and no empty place has a price; with open, every
 * vacancy opened is opened further until its price is at least K tau.
 * The state carries over: solving is settling at falling eps. */
void sw_auction_settle(struct sw_auction *a, long long eps, int open);
/* After settling with open: vac[s] (vacancy or -1) and score[s] (or 0),
 * and the dual from shortest paths over the pairs listed: with eps = 1,
 * exact and optimal (u, p >= 0; u[s] + p[v] >= w for every pair listed,
 * equal on those taken; p[v] >= tau[v] for an open vacancy), and often
 * so well before. Returns the total score. */
long long sw_auction_result(struct sw_auction *a, int *vac, int *score, long long *u, long long *p);
/* Seeker s's pairs listed (n of them), and tau[v]: every pair of v
 * scoring above it is listed (INT_MAX: v not open). */
const struct sw_apair *sw_auction_pairs(const struct sw_auction *a, int s, int *n);
int sw_auction_tau(const struct sw_auction *a, int v);
/* Counts for --timing: bids, reverse bids, pairs listed. */
void sw_auction_counts(const struct sw_auction *a, long long *bids, long long *reverse, long long *pairs);

#endif
