/* Contract targets and case-work figures: the arithmetic of sw-report's
 * targets and workers subcommands, kept apart so unit tests can reach it. */
#ifndef SW_TARGET_H
#define SW_TARGET_H

#include <stddef.h>

#include "sw/report.h"

/* A target's standing on date on: the elapsed part of [from, to] (days,
 * inclusive, clamped to 0..total), the pro rata expectation and whether
 * actual meets it. All values in the figure's unit (minutes for hours). */
struct sw_target_eval {
	long elapsed, total;	/* days */
	char completion[32];	/* "41.7" (percent of target), "" when target is 0 */
	char expected[32];	/* target * elapsed / total, formatted like the figure */
	int on_track;		/* actual * total >= target * elapsed */
};
void sw_target_eval(int fig, const char *from, const char *to, const char *on,
		    long long target, long long actual, struct sw_target_eval *e);

/* Median of n day counts (sorted in place) as "12" or "12.5"; "" if n is 0. */
void sw_median_days(long *days, size_t n, char *buf, size_t len);

/* Case-work of one worker over [from, to]. */
struct sw_caseload {
	char *worker_id, *name, *station;	/* owned by the row */
	long long caseload, opened, closed;
	char median[32];
};
/* Per worker in the network's scope: workers active on a day of the
 * period and any worker with cases in it. Returns the rows (*nrows of
 * them) in station tree order, then worker_id; NULL on a database error
 * (printed). Free with sw_caseload_free. */
struct sw_caseload *sw_caseload_fill(const struct sw_net *n, const char *from, const char *to,
				     int *nrows);
void sw_caseload_free(struct sw_caseload *rows, int nrows);

#endif
