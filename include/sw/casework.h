/* Casework as purchase contracts require it: the service catalogue (服务清单),
 * assessments, service plans with goals, and reviews of the goals, as
 * import tables with the rules between them. */
#ifndef SW_CASEWORK_H
#define SW_CASEWORK_H

#include <stddef.h>

#include "sw/import.h"

struct sw_store;

extern const struct sw_table sw_catalogue_table, sw_assessments_table, sw_plans_table,
	sw_goals_table, sw_reviews_table, sw_referrals_table, sw_needs_table;

/* The open goals of the case's latest plan: how many, their ids "G1, G2"
 * in ids (cut short to fit). -1 on a database failure (printed). */
int sw_case_open_goals(struct sw_store *s, const char *case_id, char *ids, size_t idslen);

/* Ends the open goals of case_id's latest plan with a review dated on,
 * status dropped, note "case closed: REASON", inside the caller's
 * transaction (sw-case close --goals-left). 0, or -1 (printed). */
int sw_case_drop_goals(struct sw_store *s, const char *case_id, const char *on, const char *reason);

#endif
