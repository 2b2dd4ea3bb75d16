/* The ranker's index, shared by lib/ranker.c (which makes it) and
 * lib/rank.c (which asks it). */
#ifndef SW_RANKPRIV_H
#define SW_RANKPRIV_H

#include <stdint.h>

#include "sw/score.h"
#include "sw/scorepriv.h"

/* The ranker. Items are the side asked about (seekers, or vacancies with
 * by_vacancy); partners the other side, indexed by skill and district.
 * The lists hold copies of what scoring reads (a rec), in the order they
 * are scanned, so that a scan reads memory in order. */
struct rec {
	uint32_t mask;		/* the market's folded: bit (skill & 31) for each */
	int sk;			/* partners: its skills, sorted, from pool[sk] on */
	int j;			/* index of the seeker or vacancy */
	int a, b;		/* seeker: desired wage; vacancy: wage_min, wage_max */
	int district, nsk;
	int bmax;		/* vacancy: the highest wage_max from here to the end of its run */
	signed char edu;
	unsigned char acc;	/* seeker: needs accessible; vacancy: accessible */
};

/* Where each district's entries begin in a list sorted by key, then
 * district: key k's are [off[k], off[k + 1]) of at, the last of them the
 * key's end. */
struct ddir {
	int *off;
	struct dstart {
		int district, at;
	} *at;
};

struct sw_ranker {
	const struct sw_market *m;
	struct sw_rank_opts o;
	int tot;		/* sum of the weights */
	int np;			/* partners */
	/* Lists of records in runs: a run has one skill count and education
	 * (and district in skd), in wage order (see wage_key), then index
	 * order; *_end gives, per entry, where its run ends. */
	int *sk_off;		/* skill -> [sk_off, sk_off + 1) of sk and skd */
	struct rec *sk;		/* best skill fit first (see fit_key), education */
	struct rec *skd;	/* the same entries by district, then as in sk */
	struct ddir skdd;	/* skd's districts */
	int *di_off;		/* district -> [di_off, di_off + 1) of di */
	struct rec *di;		/* by education */
	struct rec *ae;		/* every partner, by education */
	int *sk_end, *skd_end, *di_end, *ae_end;
	struct rec *all;	/* every partner, by index, while the lists are made */
	int *pool;		/* the partners' skills, one after the other */
	uint16_t *stamp, cur;	/* partners already looked at for the current item
				 * (small, to stay in cache: see next_item) */
	int *at;		/* per skill of the item: where its scan of sk is */
	unsigned char *mark;	/* per skill: 1 if the current item has it */
	int bound;		/* best score with no common skill, other district */
	int bound_d;		/* the same in the same district */
	int *full;		/* scores at full wage fit: see full_init() */
	long long pairs;	/* pairs looked at so far */
	/* By vacancy: the seekers holding two given skills (see pairs_init). */
	long long *pk;		/* the pairs of skills, sorted: a * nskill + b, a < b */
	int npk, *pk_off;	/* pair i's seekers: [pk_off[i], pk_off[i + 1]) of pr */
	struct rec *pr;		/* by fit, as sk; then the broad seekers */
	struct rec *prd;	/* the same entries by district, as skd */
	int *pr_end, *prd_end;
	struct ddir prdd;	/* prd's districts */
	int one;		/* phase 2 of a vacancy: one skill covered at most */
};

/* A skill mask in half the room: records are read by the million. */
static inline uint32_t fold(uint64_t mask)
{
	return (uint32_t)(mask | mask >> 32);
}

static inline struct rec seeker_rec(const struct sw_market *m, int j)
{
	const struct sw_seeker *x = &m->s[j];
	return (struct rec){fold(x->mask), 0, j, x->wage, 0, x->district, x->nskills, 0, (signed char)x->edu,
			    (unsigned char)(x->needs_accessible != 0)};
}

static inline struct rec vac_rec(const struct sw_market *m, int j)
{
	const struct sw_vac *x = &m->v[j];
	return (struct rec){fold(x->mask), 0, j, x->wage_min, x->wage_max, x->district, x->nskills,
			    x->wage_max, (signed char)x->edu, (unsigned char)(x->accessible != 0)};
}

/* The order of a skill list: vacancies with fewer skills first (a match
 * covers more of them), seekers with more; then by education (see
 * edu_key) and wage fit (wage_key), then by index. */
static inline int fit_key(const struct sw_ranker *r, const struct rec *p)
{
	return r->o.by_vacancy ? -p->nsk : p->nsk;
}

/* Scores at full wage fit, worked out once: by district (same or not),
 * education fit (full or half), the vacancy's skill count nv and those
 * covered, for nv up to FULL_NV. */
#define FULL_NV 15
#define FULL_AT(same, ef, nv, cov) ((((same) * 2 + (ef)) * (FULL_NV + 1) + (nv)) * (FULL_NV + 1) + (cov))

#endif
