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

/* The targets listing of sw-report targets (lib/target_file.c): each
 * target of file whose period overlaps the year period (YYYY), or that
 * belongs to contract, with its figure over the station's subtree from
 * its start to on, the completion and the pro rata expectation. */
struct sw_targets {
	const char *file, *period, *contract;	/* period or contract may be NULL */
	const char *on;				/* YYYY-MM-DD */
};
/* Writes it to path in fmt (an sw_fmt), labels in Chinese when zh; n's
 * scope is changed. The exit status: 0; 1 after naming each bad row of
 * the file (nothing written); 3 on a failure (printed). */
int sw_targets_write(struct sw_net *n, const struct sw_targets *t, const char *path, int fmt, int zh);

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
