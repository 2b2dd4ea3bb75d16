/* Closing and reopening a month (sw/reportclose.h). */
#include <stdio.h>

#include "sw/audit.h"
#include "sw/report.h"
#include "sw/reportclose.h"
#include "sw/store.h"

/* The closed_months row written (closing) or deleted (reopening), and the
 * month_log row that says so. 0 or -1 (printed). */
static int log_month(struct sw_store *s, const struct sw_close *c)
{
	struct sw_stmt *st = sw_store_prep(s, c->reopen ? "DELETE FROM closed_months WHERE month = ?1"
		: "INSERT INTO closed_months (month, closed_at, user, fingerprint) VALUES (?1, ?2, ?3, ?4)");
	sw_stmt_bind_text(st, 1, c->month);
	if (!c->reopen) {
		sw_stmt_bind_text(st, 2, c->at);
		sw_stmt_bind_text(st, 3, c->user);
		sw_stmt_bind_text(st, 4, c->fp);
	}
	int rc = sw_stmt_step(st);
	sw_stmt_finalize(st);
	if (rc != SW_DONE)
		return -1;
	st = sw_store_prep(s, "INSERT INTO month_log (month, action, at, user, reason, fingerprint)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sw_stmt_bind_text(st, 1, c->month);
	sw_stmt_bind_text(st, 2, c->reopen ? "reopen" : "close");
	sw_stmt_bind_text(st, 3, c->at);
	sw_stmt_bind_text(st, 4, c->user);
	sw_stmt_bind_text(st, 5, c->reason && *c->reason ? c->reason : NULL);
	sw_stmt_bind_text(st, 6, c->fp);
	rc = sw_stmt_step(st);
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

/* The transaction of sw_month_close (sw_store_transact: it says nothing
 * but a failure, and may run again). */
static int close_month(struct sw_store *s, void *arg)
{
	struct sw_close *c = arg;
	char stored[80];
	c->state = SW_CLOSE_DONE;
	c->fp[0] = 0;
	if (sw_month_closed(s, c->month, stored, sizeof stored) != 0)
		return -1;
	if (c->reopen ? !stored[0] : !!stored[0]) {
		c->state = c->reopen ? SW_CLOSE_NOT_CLOSED : SW_CLOSE_ALREADY;
		return -1;
	}
	if (c->reopen)
		snprintf(c->fp, sizeof c->fp, "%s", stored);
	else if (sw_report_fingerprint(s, c->month, c->fp) != 0)
		return -1;
	return log_month(s, c) != 0 || (!c->reopen && sw_audit_keep(s, c->month) != 0) ? -1 : 0;
}

int sw_month_close(struct sw_store *s, struct sw_close *c)
{
	int rc = sw_store_transact(s, close_month, c);
	return rc == 0 ? 0 : c->state != SW_CLOSE_DONE ? 1 : -1;
}
