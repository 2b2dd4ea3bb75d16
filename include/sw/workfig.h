/* Casework and workforce figures: referrals, supervision and training and
 * the workforce's movements, counted into the report's figures per station
 * (lib/workfig.c, through sw/reportacc.h) and so rolled up, compared,
 * closed and targeted like every figure; and the listings items,
 * workforce and referrals, views of those figures (and of the
 * catalogue's, sw/items.h) per station or per catalogue line. */
#ifndef SW_WORKFIG_H
#define SW_WORKFIG_H

#include "sw/report.h"

/* A listing of report figures per station: its columns after
 * station_code and station_name, and their figures. */
struct sw_view {
	int ncols;
	const char *const *cols;
	const int *fig;
};
extern const struct sw_view sw_workforce_view, sw_referrals_view;

/* Writes view v over [from, to] (ISO dates, both included) to path in
 * fmt (an sw_fmt): a row per station of station's subtree (NULL: every
 * station), in code order, each with its own records. 0; 1 after naming
 * an unknown station; 3 on a failure (printed). */
int sw_view_write(const struct sw_view *v, struct sw_net *n, const char *station,
		  const char *from, const char *to, const char *path, int fmt);

/* The items listing: per line of the catalogue (sw_items_load), the
 * services and people, activities and participants over [from, to] at
 * station's subtree (NULL: everywhere). Status as sw_view_write. */
int sw_items_write(struct sw_net *n, const char *station, const char *from, const char *to,
		   const char *path, int fmt);

#endif
