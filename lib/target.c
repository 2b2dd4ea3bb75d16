/* Target arithmetic and case-work figures per worker. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/store.h"
#include "sw/strset.h"
#include "sw/target.h"
#include "sw/valid.h"

/* a * b / c rounded half up, in 128 bits: a target or an actual may be
 * any figure a file holds, up to INT64_MAX (fuzz_targets found the
 * overflow); a quotient past INT64_MAX reads as INT64_MAX. c > 0. */
static long long muldiv(long long a, long long b, long long c)
{
	__int128 x = ((__int128)a * b * 2 / c + 1) / 2;
	return x > LLONG_MAX ? LLONG_MAX : x < LLONG_MIN ? LLONG_MIN : (long long)x;
}

void sw_target_eval(int fig, const char *from, const char *to, const char *on,
		    long long target, long long actual, struct sw_target_eval *e)
{
	memset(e, 0, sizeof *e);
	e->total = sw_date_days(to) - sw_date_days(from) + 1;
	e->elapsed = sw_date_days(on) - sw_date_days(from) + 1;
	if (e->elapsed < 0)
		e->elapsed = 0;
	if (e->elapsed > e->total)
		e->elapsed = e->total;
	if (target > 0) {
		/* one decimal */
		long long t = muldiv(actual, 1000, target);
		snprintf(e->completion, sizeof e->completion, "%lld.%lld", t / 10, t % 10);
	}
	long long x = e->total > 0 ? muldiv(target, e->elapsed, e->total) : 0;
	if (sw_figure_def(fig)->hours)
		sw_figure_fmt(fig, x, e->expected, sizeof e->expected);
	else {
		/* tenths, so that 1/3 of a target of 10 reads 3.3 */
		long long t = e->total > 0 ? muldiv(target, 10 * (long long)e->elapsed, e->total) : 0;
		snprintf(e->expected, sizeof e->expected, "%lld.%lld", t / 10, t % 10);
	}
	e->on_track = (__int128)actual * e->total >= (__int128)target * e->elapsed;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

void sw_median_days(long *days, size_t n, char *buf, size_t len)
{
	if (!n) {
		snprintf(buf, len, "%s", "");
		return;
	}
	qsort(days, n, sizeof *days, cmp_long);
	long s = days[(n - 1) / 2] + days[n / 2];
	if (s % 2)
		snprintf(buf, len, "%ld.5", (s - 1) / 2);
	else
		snprintf(buf, len, "%ld", s / 2);
}

struct wrow {
	struct sw_caseload c;
	int order;		/* station tree position */
	long *days;
	size_t ndays, cap;
};

static int by_order(const void *a, const void *b)
{
	const struct wrow *x = a, *y = b;
	if (x->order != y->order)
		return x->order - y->order;
	return strcmp(x->c.worker_id, y->c.worker_id);
}

/* A worker is a worker_id at a station (index s of the network): two
 * counties' W001 are two rows. idx finds the row. */
static struct wrow *find_row(struct wrow **rows, int *n, int *cap, struct sw_strset *idx,
			     const char *id, const char *station, int s)
{
	int i = sw_strset_put(idx, s, id, sw_str_hash(id), *n);
	if (i >= 0)
		return &(*rows)[i];
	if (*n == *cap)
		*rows = sw_xrealloc(*rows, (size_t)(*cap = *cap ? 2 * *cap : 32) * sizeof **rows);
	struct wrow *r = &(*rows)[(*n)++];
	memset(r, 0, sizeof *r);
	r->c.worker_id = sw_xstrdup(id);
	r->c.station = sw_xstrdup(station);
	r->order = -1;
	return r;
}

struct sw_caseload *sw_caseload_fill(const struct sw_net *n, const char *from, const char *to,
				     int *nrows)
{
	struct wrow *rows = NULL;
	int nr = 0, cap = 0;
	struct sw_strset idx = {0};
	for (int i = 0; i < n->nw; i++) {
		const struct sw_worker *w = &n->w[i];
		int s = sw_net_find(n, w->station);
		/* active on some day of the period */
		if (s < 0 || !sw_net_in(n, s) || (w->hired && strcmp(w->hired, to) > 0) ||
		    (w->left && strcmp(w->left, from) <= 0))
			continue;
		struct wrow *r = find_row(&rows, &nr, &cap, &idx, w->id, w->station, s);
		r->c.name = w->name ? sw_xstrdup(w->name) : NULL;
		r->order = s;
	}
	int rc = SW_DONE;
	for (int d = 0; d < n->ndb && rc == SW_DONE; d++) {
		/* a worker of the case's database counts at their station, an
		 * unknown one at the case's */
		struct sw_stmt *st = sw_store_prep(n->db[d], "SELECT c.worker_id,"
			" coalesce(w.station_code, c.station_code), c.opened_on, c.closed_on, w.name"
			" FROM cases c LEFT JOIN workers w ON w.worker_id = c.worker_id"
			" WHERE c.worker_id IS NOT NULL AND c.opened_on <= ?2"
			"   AND (c.closed_on IS NULL OR c.closed_on >= ?1)");
		sw_stmt_bind_text(st, 1, from);
		sw_stmt_bind_text(st, 2, to);
		while ((rc = sw_stmt_step(st)) == SW_ROW) {
			const char *id = sw_stmt_text(st, 0), *station = sw_stmt_text(st, 1);
			const char *opened = sw_stmt_text(st, 2), *closed = sw_stmt_text(st, 3);
			const char *name = sw_stmt_text(st, 4);
			int s = sw_net_find(n, station);
			if (s < 0 || !sw_net_in(n, s))
				continue;
			struct wrow *r = find_row(&rows, &nr, &cap, &idx, id, station, s);
			if (r->order < 0) {
				r->order = s;
				r->c.name = name ? sw_xstrdup(name) : NULL;
			}
			r->c.opened += strcmp(opened, from) >= 0;
			if (!closed || strcmp(closed, to) > 0)
				r->c.caseload++;
			else if (strcmp(closed, from) >= 0) {
				r->c.closed++;
				if (r->ndays == r->cap)
					r->days = sw_xrealloc(r->days, (r->cap = r->cap ? 2 * r->cap : 8) * sizeof *r->days);
				r->days[r->ndays++] = sw_date_days(closed) - sw_date_days(opened);
			}
		}
		sw_stmt_finalize(st);
	}
	sw_strset_free(&idx);
	struct sw_caseload *out = sw_xcalloc((size_t)nr + 1, sizeof *out);
	qsort(rows, (size_t)nr, sizeof *rows, by_order);
	for (int i = 0; i < nr; i++) {
		sw_median_days(rows[i].days, rows[i].ndays, rows[i].c.median, sizeof rows[i].c.median);
		out[i] = rows[i].c;
		free(rows[i].days);
	}
	free(rows);
	*nrows = nr;
	if (rc != SW_DONE) {
		sw_caseload_free(out, nr);
		return NULL;
	}
	return out;
}

void sw_caseload_free(struct sw_caseload *rows, int nrows)
{
	for (int i = 0; rows && i < nrows; i++) {
		free(rows[i].worker_id);
		free(rows[i].name);
		free(rows[i].station);
	}
	free(rows);
}
