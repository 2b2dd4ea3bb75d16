/* Figures of casework and the workforce over a period, per station or
 * catalogue item, as statements ready to step (sw_out_query prints them).
 * station limits them to that station and those below it (NULL: all).
 * Dates are YYYY-MM-DD, both ends included. NULL after printing why (an
 * unknown station). The caller finalizes. */
#ifndef SW_WORKFIG_H
#define SW_WORKFIG_H

#include <sqlite3.h>

/* Per catalogue item and per category (item_code empty), then what named
 * no item: services, people served, activities, participants. */
sqlite3_stmt *sw_items_stmt(sqlite3 *db, const char *from, const char *to, const char *station);

/* Per station: workers in post at the end, certified (by level), new,
 * left, supervision and training hours in the period. */
sqlite3_stmt *sw_workforce_stmt(sqlite3 *db, const char *from, const char *to,
				const char *station);

/* Per station: referrals made, received, accepted (or completed),
 * completed, and the median days from referral to feedback. */
sqlite3_stmt *sw_referrals_stmt(sqlite3 *db, const char *from, const char *to,
				const char *station);

#endif
