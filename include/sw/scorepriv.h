/* What scoring and the ranker share: the score from its fields, worked
 * out in one place so that the ranker's bounds and sw_score agree to the
 * bit. */
#ifndef SW_SCOREPRIV_H
#define SW_SCOREPRIV_H

#include "sw/score.h"

/* Number of skills two sorted lists have in common. */
static inline int common(const int *a, int na, const int *b, int nb)
{
	int i = 0, j = 0, c = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			c++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return c;
}

static inline int total(const struct sw_weights *w)
{
	return w->skills + w->district + w->wage + w->education;
}

/* The score from the fields it is made of: the only place it is worked
 * out, so that the ranker's shortcuts and sw_score agree to the bit. With
 * cov at its most (the smaller skill count), an upper bound: every step
 * is monotone in each fit. */
static inline int score_of(const struct sw_weights *w, int tot, int wage, int edu, int wmin,
			   int wmax, int vedu, int cov, int nv, int same)
{
	double wf = wage <= wmin ? 1.0	/* also no wish (-1) */
		: 0.5 + 0.5 * (double)(wmax - wage) / (double)(wmax - wmin);
	double f = w->wage * wf + w->education * (vedu < 0 || edu - vedu <= 1 ? 1.0 : 0.5);
	if (nv)
		f += w->skills * (double)cov / nv;
	if (same)
		f += w->district;
	return (int)(f * SW_SCORE_MAX / tot + 0.5);
}

#endif
