/* What the bureau buys: service contracts (a contractor runs stations over
 * a period for an amount), the staff a contract requires at each of its
 * stations, and what was spent, as import tables of sw-station; the
 * staffing check and the budget report read them.
 *
 * contracts.stations holds the contract's station codes, each checked to
 * exist, joined by ';' ("QX-001;QX-002"), in the order given. A station is
 * in at most one contract on any day. Amounts are yuan to the fen (see
 * sw/money.h). */
#ifndef SW_CONTRACT_H
#define SW_CONTRACT_H

#include "sw/import.h"
#include "sw/out.h"
#include "sw/store.h"

extern const struct sw_table sw_contracts_table, sw_contract_staffing_table, sw_spending_table;

/* A station short of what its contract requires on a day. */
struct sw_shortfall {
	const char *contract_id, *station_code, *station_name, *role;	/* role: staffing_role key */
	long required, active;
};
/* Calls fn for each station of each contract in force on day on (and, with
 * station, only that station) for each role where fewer workers of the
 * station's own roster are active on that day than the contract requires
 * ("any" counts every worker). fn returns 0, or non-zero to stop (after
 * printing why). Returns the number of shortfalls, or -1 after a database
 * error (printed) or when fn stopped. */
int sw_staffing_short(struct sw_store *s, const char *on, const char *station,
		      int (*fn)(void *ctx, const struct sw_shortfall *s), void *ctx);

/* sw-report budget: for each contract (or contract alone), spending up to day on by month and category, the
 * amount expected spent by each month's end and by on (pro rata to the
 * day), and how far spending is over or under it; rows into out, labels
 * in Chinese when zh. Returns 0, 1 when a contract spent more than its
 * amount (said on stderr), -1 on a database error (printed). */
int sw_budget_write(struct sw_store *s, const char *contract, const char *on, struct sw_out *out, int zh);
/* The columns sw_budget_write fills, and their types for sw_out_open. */
extern const char *const sw_budget_cols[];
extern const char sw_budget_types[];
#define SW_BUDGET_NCOLS 9

/* A contract's period into from and to (YYYY-MM-DD) and its stations
 * (';'-joined) into stations (may be NULL). 1 found, 0 unknown, -1 error. */
int sw_contract_get(struct sw_store *s, const char *id, char from[11], char to[11], char *stations,
		    size_t len);

#endif
