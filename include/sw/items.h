/* The service catalogue's figures (服务清单, sw-case(1)): per item and per
 * category, the services and the people they served, the activities and
 * their participants, per row of a report; and the names item:CODE and
 * category:KEY by which targets and evaluation rules take the services of
 * an item or of a category's items beside the report's figures
 * (sw_figure_resolve). The catalogue is data, as many items as a county
 * lists, so these figures are not in the monthly report nor in a closed
 * month's fingerprint. */
#ifndef SW_ITEMS_H
#define SW_ITEMS_H

#include "sw/report.h"

/* Loads the catalogues of dbs[0..ndb), items united by item_code (the
 * first database that has a code names it), as lines: each category in
 * key order, its total first and then its items by code; last, a line
 * for what named no item. Replaces the catalogue loaded before. 0, or -1
 * after printing a database error. */
int sw_items_load(struct sw_store *const *dbs, int ndb);
/* The lines of the catalogue loaded. */
int sw_items_lines(void);
/* Line k: its category key, item code and name (code and name NULL on a
 * category's total; all NULL on the last, "(no item)"). */
void sw_items_line(int k, const char **category, const char **code, const char **name);

/* The catalogue's figures, one per line but the last (services of the
 * item, or of the category's items): count, definition, and the index of
 * "item:CODE" or "category:KEY" (KEY as the item_category vocabulary
 * takes it), or -1 with why. */
int sw_items_count(void);
const struct sw_figure *sw_items_def(int k);
int sw_items_find(const char *name, char *why, size_t whylen);

/* Each line's values per row of n over [from, to] (ISO dates, both
 * included): a new array v[(row * sw_items_lines() + k) * SW_ITEM_NVAL + j]
 * for rows 0..n->ngroups (the total last), the people distinct per row.
 * NULL after printing a database error. The caller frees. */
enum { SW_ITEM_SERVICES, SW_ITEM_PEOPLE, SW_ITEM_ACTIVITIES, SW_ITEM_PARTICIPANTS, SW_ITEM_NVAL };
long long *sw_items_fill(const struct sw_net *n, const char *from, const char *to);
#define SW_ITEM_AT(v, row, k, j) ((v)[((size_t)(row) * (size_t)sw_items_lines() + (size_t)(k)) \
				       * SW_ITEM_NVAL + (j)])

/* Every figure a target or rule may name, per row of n over [from, to]:
 * the report's (sw_report_fill) and, with catalogue, the catalogue's
 * after them; a new array of n->ngroups + 1 rows (the total last) of
 * *stride values (SW_NFIG, or sw_figure_count() with catalogue). NULL
 * after printing a database error. The caller frees. */
long long *sw_figures_fill(const struct sw_net *n, const char *from, const char *to, int catalogue,
			   int *stride);

#endif
