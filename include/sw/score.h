/* Scoring a seeker against a vacancy, and the top-K rankings over a market.
 *
 * Hard rules decide whether a pair may be proposed at all: education at
 * least the vacancy's minimum; an accessible workplace for a seeker who
 * needs one; the desired wage not above wage_max. (Open on the date, with
 * headcount left, and a seeker not in work are applied when the market is
 * loaded.)
 *
 * The score, 0 to 100 in tenths (0..1000), is a weighted mean of four fits
 * between 0 and 1:
 *   skills     covered / required: the vacancy's skills the seeker has;
 *   district   1 when both are in the same district, else 0;
 *   wage       1 when the bottom of the range meets the wish (or there is
 *              none), falling linearly to 1/2 when only the top of the
 *              range meets it;
 *   education  1 at the required level or one above, or when the vacancy
 *              sets no minimum; 1/2 when two or more levels above
 *              (over-qualified people tend to leave). */
#ifndef SW_SCORE_H
#define SW_SCORE_H

#include <stddef.h>

#include "sw/match.h"

#define SW_SCORE_MAX 1000	/* 100.0 */

struct sw_weights {
	int skills, district, wage, education;
};
extern const struct sw_weights sw_weights_default;	/* 50, 25, 15, 10 */

/* Parses "skills=50,district=25,wage=15,education=10" (any subset; the
 * rest keep w's values). 0, or -1 with why. */
int sw_weights_parse(const char *s, struct sw_weights *w, char *why, size_t whylen);

/* The rules of a market other than jobs (needs, sw/needs.h), matched
 * through the same index and solver. Its items are seekers and its
 * partners vacancies, whose skill lists are keys such that a pair may be
 * proposed only when it shares one (so the index finds every candidate);
 * district, education, wage and the weights play no part. */
struct sw_rules {
	/* The score of seeker s with vacancy v, which share a key:
	 * 0..SW_SCORE_MAX, or -1 when they may not pair after all. */
	int (*score)(const struct sw_market *m, int s, int v);
	/* The best score seeker s can have with a vacancy listed under its
	 * key k and under none of its keys of a higher bound: rankings look
	 * at the keys from the highest bound down, each key's vacancies in
	 * index order, and leave a key where its bound cannot beat the K-th. */
	int (*bound)(const struct sw_market *m, int s, int k);
};

/* The score of an eligible pair under m's rules (those of jobs: sw_score
 * with w). */
int sw_pair_score(const struct sw_market *m, const struct sw_weights *w, int s, int v);

/* 1 if the pair passes the hard rules. */
int sw_eligible(const struct sw_seeker *s, const struct sw_vac *v);
/* The score of an eligible pair, 0..SW_SCORE_MAX. */
int sw_score(const struct sw_market *m, const struct sw_weights *w,
	     const struct sw_seeker *s, const struct sw_vac *v);
/* The highest score a pair with no common skill in different districts can
 * get: rankings need not look at such pairs when they cannot reach it. */
int sw_score_bound(const struct sw_weights *w);
/* The reasons in words: "skills 2/3 (焊工, 电工); same district; wage in
 * range; education fits". */
void sw_score_reasons(const struct sw_market *m, const struct sw_seeker *s,
		      const struct sw_vac *v, char *buf, size_t n);
/* "87.5" */
void sw_score_fmt(int score, char buf[8]);

/* One proposal of a ranking: indices into the market. */
struct sw_pick {
	int s, v, score;
};

struct sw_rank_opts {
	struct sw_weights w;
	int top;		/* K */
	int by_vacancy;		/* for each vacancy its K best seekers */
	int min_score;		/* in tenths */
	int exhaustive;		/* score every pair, no index */
};

/* For each seeker (or vacancy) in id order, its best K eligible partners
 * with score >= min_score, best first, ties by id. Returns the picks
 * (caller frees) and their number in *n; *pairs (if not NULL) gets the
 * number of pairs scored. The indexed and exhaustive methods give
 * identical results. */
struct sw_pick *sw_rank(const struct sw_market *m, const struct sw_rank_opts *o, size_t *n,
			long long *pairs);

/* The same, on a second thread, handed out item by item (in id order) as
 * they are ranked, so that the caller writes while it ranks: next gives
 * the item's picks (valid until end) and their number, -1 after the last
 * item; end waits for the thread and gives the pairs scored and its CPU
 * seconds. */
struct sw_ranking;
struct sw_ranking *sw_ranking_start(const struct sw_market *m, const struct sw_rank_opts *o);
int sw_ranking_next(struct sw_ranking *g, const struct sw_pick **picks);
void sw_ranking_end(struct sw_ranking *g, long long *pairs, double *secs);

/* A ranker keeps the index of the partners (vacancies by skill and
 * district, or seekers with --by vacancy) for repeated questions. */
struct sw_ranker;
struct sw_ranker *sw_ranker_new(const struct sw_market *m, const struct sw_rank_opts *o);
void sw_ranker_free(struct sw_ranker *r);
/* Pairs scored by r so far. */
long long sw_ranker_pairs(const struct sw_ranker *r);
/* The k best partners of item i, written to out (room for k), best first;
 * returns how many. */
int sw_ranker_top(struct sw_ranker *r, int i, int k, struct sw_pick *out);
/* The same among the partners scoring at least min. */
int sw_ranker_top_min(struct sw_ranker *r, int i, int k, int min, struct sw_pick *out);

#endif
