/* An import and the closed months (sw-report close): a row dated in one,
 * or a stored row changed there, is refused with its line. The months
 * are read once when a file's import begins (few), not per row. */
#include <stdio.h>
#include <string.h>

#include "sw/closed.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/import.h"
#include "sw/importpriv.h"
#include "sw/store.h"

int sw_import_months(struct sw_import *im)
{
	struct sw_stmt *st = sw_store_stmt(im->s, "SELECT month FROM closed_months");
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		im->closed = sw_xrealloc(im->closed, ((size_t)im->locks + 1) * sizeof *im->closed);
		snprintf(im->closed[im->locks++], 8, "%.7s", sw_stmt_text(st, 0));
	}
	sw_stmt_release(st);
	return rc < 0 ? -1 : 0;
}

/* The refusal of a change to a closed month; returns -1. */
static int closed_msg(const char *column, const char *date, char *why, size_t whylen)
{
	sw_msg(why, whylen, _("%s: month %.7s is closed (sw-report close --reopen to change it)"),
	       column, date);
	return -1;
}

int sw_month_check(struct sw_store *s, const char *column, const char *date, char *why, size_t whylen)
{
	if (!date || strlen(date) < 7)
		return 0;
	char month[8];
	snprintf(month, sizeof month, "%.7s", date);
	const char *p[] = {month};
	int closed = sw_store_text(s, "SELECT 1 FROM closed_months WHERE month = ?1", 1, p, NULL, 0);
	return closed > 0 ? closed_msg(column, date, why, whylen) : 0;
}

/* sw_month_check against the months read when the import began. */
static int month_check(const struct sw_import *im, const char *column, const char *date,
		       char *why, size_t whylen)
{
	if (!date || strlen(date) < 7)
		return 0;
	for (int i = 0; i < im->locks; i++)
		if (strncmp(im->closed[i], date, 7) == 0)
			return closed_msg(column, date, why, whylen);
	return 0;
}

/* 1 (with why) if a new row of a table counted from its date on (a client
 * on file, a case open) counts in a closed month after its own: the line
 * is named here, not only the figure at commit. */
static int later_month(const struct sw_import *im, const char **v, char *why, size_t whylen)
{
	const char *col[2] = {NULL, NULL};
	int period = 0;
	/* only where the stored row is read (a period column): else an
	 * unchanged row would pass for a new one */
	for (int i = 0; i < im->t->ncols; i++)
		period |= (im->t->cols[i].flags & SW_C_PERIOD) != 0;
	if (!period || !sw_closed_stock(im->t->name, col))
		return 0;
	int a = sw_table_col(im->t, col[0]), b = col[1] ? sw_table_col(im->t, col[1]) : -1;
	const char *from = a >= 0 ? v[a] : NULL, *to = b >= 0 ? v[b] : NULL;
	if (!from)	/* a client without registered_on is on file in no month */
		return 0;
	const char *title = sw_column_title(&im->t->cols[a]);
	for (int i = 0; i < im->locks; i++) {
		const char *m = im->closed[i];
		if (strncmp(from, m, 7) < 0 && (!to || strncmp(to, m, 7) >= 0)) {
			sw_msg(why, whylen, _("%s: the record counts in closed month %s too, as in every month "
			       "from then on (sw-report close --reopen to change it)"), title, m);
			return 1;
		}
	}
	return 0;
}

/* 1 (with why) if storing the row would change a closed month's figures:
 * a new row dated in one, or a changed row dated, before or after, in one,
 * or a new row on file (open) at its end. Re-importing an unchanged row is
 * always allowed. */
int sw_import_lock(const struct sw_import *im, const char **v, int exists, int changes,
		   const char *const *old, char *why, size_t whylen)
{
	const struct sw_table *t = im->t;
	int hit = 0;
	for (int i = 0, k = 0; i < t->ncols && !hit; i++) {
		if (!(t->cols[i].flags & SW_C_PERIOD))
			continue;
		const char *d = exists ? old[k++] : NULL;
		if (v[i] && (!exists || changes))
			hit = month_check(im, sw_column_title(&t->cols[i]), v[i], why, whylen) != 0;
		if (!hit && d && changes)
			hit = month_check(im, sw_column_title(&t->cols[i]), d, why, whylen) != 0;
	}
	/* (a stored row changed: the commit names the figure; its columns
	 * may be ones no figure reads) */
	return hit || (!exists && later_month(im, v, why, whylen));
}
