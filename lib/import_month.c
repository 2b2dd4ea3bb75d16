/* An import and the closed months (sw-report close): a row dated in one,
 * or a stored row changed there, is refused with its line. The months
 * are read once when a file's import begins (few), not per row. */
#include <stdio.h>
#include <string.h>

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

/* 1 (with why) if storing the row would change a closed month's figures:
 * a new row dated in one, or a changed row dated, before or after, in one.
 * Re-importing an unchanged row is always allowed. */
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
	return hit;
}
