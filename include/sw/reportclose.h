/* Closing a month (sw-report close): its figures locked (lib/closed.c
 * refuses a change to them) under the fingerprint they had, with the
 * audit trail's head; reopening with a reason. Each is one transaction,
 * with a row of month_log. */
#ifndef SW_REPORTCLOSE_H
#define SW_REPORTCLOSE_H

struct sw_store;

struct sw_close {
	const char *month;	/* YYYY-MM */
	int reopen;		/* 1: reopen, with reason */
	const char *reason;	/* NULL when closing */
	const char *user;	/* who, for month_log */
	const char *at;		/* when, UTC ISO 8601 */
	char fp[80];		/* out: the fingerprint closed with, or reopened */
	int state;		/* out: SW_CLOSE_* after a refusal */
};
enum { SW_CLOSE_DONE, SW_CLOSE_ALREADY, SW_CLOSE_NOT_CLOSED };

/* Closes or reopens c->month on s. 0; 1 when it is already closed (not
 * closed, to reopen): c->state says which, unsaid; -1 after printing why
 * (nothing written). */
int sw_month_close(struct sw_store *s, struct sw_close *c);

#endif
