/* Casework and workforce figures (see sw/workfig.h): counted per station
 * into the report's pass (sw/reportacc.h), which rolls them up, so that
 * a listing, a target, a rule and the 报表 read one computation. SQL in
 * the subset SQLite and PostgreSQL share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/items.h"
#include "sw/out.h"
#include "sw/reportacc.h"
#include "sw/store.h"
#include "sw/valid.h"
#include "sw/workfig.h"

/* The referrals made in the period: at their case's station (made,
 * accepted or completed as they stand now, days to feedback), and at the
 * station they went to (received). */
static int referrals(struct sw_acc *a, struct sw_store *db, const char *from, const char *to)
{
	struct sw_stmt *st = sw_acc_period(db, "SELECT c.station_code, r.to_station, r.status, r.date, r.feedback_on"
		" FROM referrals r JOIN cases c ON c.case_id = r.case_id"
		" WHERE r.date >= ?1 AND r.date <= ?2", from, to);
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *at = sw_stmt_text(st, 0), *status = sw_stmt_text(st, 2), *fb = sw_stmt_text(st, 4);
		sw_acc_add(a, at, F_REF_OUT, 1);
		sw_acc_add(a, at, F_REF_ACCEPTED, strcmp(status, "accepted") == 0 || strcmp(status, "completed") == 0);
		sw_acc_add(a, at, F_REF_COMPLETED, strcmp(status, "completed") == 0);
		if (fb)
			sw_acc_days(a, at, F_REF_DAYS, sw_date_days(fb) - sw_date_days(sw_stmt_text(st, 3)));
		if (!sw_stmt_is_null(st, 1))
			sw_acc_add(a, sw_stmt_text(st, 1), F_REF_IN, 1);
	}
	return sw_acc_done(st, rc);
}

/* Minutes per station: supervision at the station of its record, training
 * at its worker's station. */
static const struct { const char *table, *sql; int fig; } hours[] = {
	{"supervision", "SELECT station_code, sum(minutes) FROM supervision"
	 " WHERE date >= ?1 AND date <= ?2 GROUP BY station_code", F_SUPERVISION},
	{"training", "SELECT w.station_code, sum(t.minutes) FROM training t"
	 " JOIN workers w ON w.worker_id = t.worker_id"
	 " WHERE t.date >= ?1 AND t.date <= ?2 GROUP BY w.station_code", F_TRAINING},
};

/* A database read as it is may predate these tables: their figures are
 * then 0. */
int sw_work_scan(struct sw_acc *a, struct sw_store *db, const char *from, const char *to)
{
	int has = sw_store_has(db, "referrals");
	if (has < 0 || (has && referrals(a, db, from, to) != 0))
		return -1;
	for (size_t q = 0; q < sizeof hours / sizeof hours[0]; q++) {
		if ((has = sw_store_has(db, hours[q].table)) <= 0) {
			if (has < 0)
				return -1;
			continue;
		}
		struct sw_stmt *st = sw_acc_period(db, hours[q].sql, from, to);
		int rc;
		while ((rc = sw_stmt_step(st)) == SW_ROW)
			sw_acc_add(a, sw_stmt_text(st, 0), hours[q].fig, sw_stmt_int64(st, 1));
		if (sw_acc_done(st, rc) != 0)
			return -1;
	}
	return 0;
}

/* 1 if date d is in [from, to]. */
static int within(const char *d, const char *from, const char *to)
{
	return d && strcmp(d, from) >= 0 && strcmp(d, to) <= 0;
}

/* From the united network, as staff and staff_certified (lib/report.c):
 * hired and left in the period; in post at the end by certificate level. */
void sw_work_staff(struct sw_acc *a, const char *from, const char *to)
{
	static const char *const levels[] = {"assistant", "intermediate", "senior"};
	const struct sw_net *n = sw_acc_net(a);
	for (int i = 0; i < n->nw; i++) {
		const struct sw_worker *w = &n->w[i];
		sw_acc_add(a, w->station, F_STAFF_NEW, within(w->hired, from, to));
		sw_acc_add(a, w->station, F_STAFF_LEFT, within(w->left, from, to));
		if ((w->hired && strcmp(w->hired, to) > 0) || (w->left && strcmp(w->left, to) <= 0))
			continue;	/* not in post at the end */
		for (int k = 0; k < 3; k++)
			sw_acc_add(a, w->station, F_STAFF_LEVEL + k,
				   w->certificate && strcmp(w->certificate, levels[k]) == 0);
	}
}

static const char *const workforce_cols[] = {"workers", "certified", "assistant", "intermediate", "senior",
	"new", "leavers", "supervision_hours", "training_hours"};
static const int workforce_figs[] = {F_STAFF, F_STAFF_CERTIFIED, F_STAFF_LEVEL, F_STAFF_LEVEL + 1,
	F_STAFF_LEVEL + 2, F_STAFF_NEW, F_STAFF_LEFT, F_SUPERVISION, F_TRAINING};
const struct sw_view sw_workforce_view = {9, workforce_cols, workforce_figs};

static const char *const referrals_cols[] = {"referred", "received", "accepted", "completed",
	"median_days_to_feedback"};
static const int referrals_figs[] = {F_REF_OUT, F_REF_IN, F_REF_ACCEPTED, F_REF_COMPLETED, F_REF_DAYS};
const struct sw_view sw_referrals_view = {5, referrals_cols, referrals_figs};

/* Scopes n to station's subtree, in rows of level by. 0, or 1 after
 * naming an unknown station. */
static int scope(struct sw_net *n, const char *station, int by)
{
	if (sw_net_scope(n, station, by) == 0)
		return 0;
	sw_error(_("--station: no station %s"), station);
	return 1;
}

static const struct sw_net *order_net;
static int by_code(const void *x, const void *y)
{
	return strcmp(order_net->st[*(const int *)x].code, order_net->st[*(const int *)y].code);
}

/* Finishes a listing: 0, or 3 after a write error. */
static int close_out(struct sw_out *out)
{
	return sw_out_close(out) == 0 ? 0 : SW_EXIT_FAIL;
}

int sw_view_write(const struct sw_view *v, struct sw_net *n, const char *station,
		  const char *from, const char *to, const char *path, int fmt)
{
	if (scope(n, station, SW_BY_STATION) != 0)
		return SW_EXIT_REJECTED;
	long long *val = sw_report_fill(n, from, to);
	if (!val)
		return SW_EXIT_FAIL;
	const char *names[16] = {"station_code", "station_name"};
	char types[16] = "ss", cell[16][32];
	for (int c = 0; c < v->ncols; c++) {
		names[2 + c] = v->cols[c];
		types[2 + c] = 'n';
	}
	struct sw_out *out = sw_out_open(path, fmt, 2 + v->ncols, names, types);
	int *st = sw_xcalloc((size_t)n->nst + 1, sizeof *st), k = 0;
	for (int i = 0; i < n->nst; i++)
		if (sw_net_in(n, i) && i != n->unplaced)
			st[k++] = i;
	order_net = n;
	qsort(st, (size_t)k, sizeof *st, by_code);
	for (int r = 0; out && r < k; r++) {
		const long long *row = val + (size_t)n->st[st[r]].group * SW_NFIG;
		const char *vals[16] = {n->st[st[r]].code, n->st[st[r]].name};
		for (int c = 0; c < v->ncols; c++) {
			sw_figure_fmt(v->fig[c], row[v->fig[c]], cell[c], sizeof cell[c]);
			vals[2 + c] = cell[c];
		}
		sw_out_row(out, vals);
	}
	free(st);
	free(val);
	return out ? close_out(out) : SW_EXIT_FAIL;
}

int sw_items_write(struct sw_net *n, const char *station, const char *from, const char *to,
		   const char *path, int fmt)
{
	static const char *const names[] = {"category", "item_code", "name", "services", "people",
					    "activities", "participants"};
	if (scope(n, station, SW_BY_TOTAL) != 0)
		return SW_EXIT_REJECTED;
	long long *v = sw_items_fill(n, from, to);
	if (!v)
		return SW_EXIT_FAIL;
	struct sw_out *out = sw_out_open(path, fmt, 7, names, "sssnnnn");
	int lines = sw_items_lines();
	for (int k = 0; out && k < lines; k++) {
		const char *vals[7], *code, *name;
		char cell[SW_ITEM_NVAL][24];
		sw_items_line(k, &vals[0], &code, &name);
		vals[1] = code;
		vals[2] = code ? name : vals[0] ? "(all items)" : "(no item)";
		for (int j = 0; j < SW_ITEM_NVAL; j++) {
			snprintf(cell[j], sizeof cell[j], "%lld", SW_ITEM_AT(v, n->ngroups, k, j));
			vals[3 + j] = cell[j];
		}
		sw_out_row(out, vals);
	}
	free(v);
	return out ? close_out(out) : SW_EXIT_FAIL;
}
