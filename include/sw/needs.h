/* 供需对接: open needs matched to the resources and volunteers that can
 * meet them, as a second market through the ranking index and the
 * assignment solver of jobs (sw/score.h, sw/assign.h).
 *
 * The market's seekers are the open needs and its vacancies the offers:
 * resources valid on the date with capacity left, then volunteers active
 * on it, each in id order. A pair may be proposed only when the offer
 * serves the need (a resource's serves, a volunteer's skills read as
 * needs) in the need's area: the same station, a district that holds the
 * station's division, or no area at all. So that the index finds exactly
 * those pairs, the keys (the skill lists) are need@area, e.g.
 * "psychological@s:QX-001", "psychological@d:339901", "psychological@*".
 *
 * The score, 0 to 100 in tenths, is the place times the priority: the
 * place 1 for the same station, 0.6 for the same district, 0.4 for an
 * offer with no area; the priority 1 for a need of high priority, 0.7
 * medium, 0.4 low or not given. So an assignment gives the urgent needs
 * the nearest offers first. */
#ifndef SW_NEEDS_H
#define SW_NEEDS_H

#include "sw/score.h"

struct sw_need {
	char *client, *need, *station;	/* need: its vocabulary key */
	int priority;		/* 0 not given, 1 low, 2 medium, 3 high */
};

struct sw_offer {
	int volunteer;		/* 0 a resource, 1 a volunteer */
	char *station, *district;	/* NULL when not given */
	long long left;		/* capacity left on the date, -1 without a limit */
	char *unit, *valid_to;	/* resources */
	char *skills;		/* volunteers: as written, "a;b" */
};

/* The rules of the market first, so that m->rules leads to the rest. */
struct sw_needs {
	struct sw_rules rules;
	struct sw_need *need;	/* per seeker of the market */
	struct sw_offer *offer;	/* per vacancy */
	unsigned char *place;	/* per key: its area's place, in percent */
	int nplace;
};

/* The needs market as of on (YYYY-MM-DD): the needs open and identified
 * by then, resources and volunteers as above; a volunteer takes at most
 * per_volunteer needs in an assignment, a resource its capacity left
 * (without a limit, as many as there are needs). NULL (printed) on a
 * database failure. Free with sw_needs_free. */
struct sw_store;
struct sw_market *sw_needs_market(struct sw_store *s, const char *on, int per_volunteer);
void sw_needs_free(struct sw_market *m);
/* The market's own data. */
const struct sw_needs *sw_needs_of(const struct sw_market *m);

/* The reasons in words (Chinese under sw_i18n_zh): "serves psychological;
 * same station; 3 件 left; valid to 2026-12-31; priority high". */
void sw_needs_reasons(const struct sw_market *m, int s, int v, char *buf, size_t n);

#endif
