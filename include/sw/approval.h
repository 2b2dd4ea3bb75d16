/* Supervisor approval (督导审批) of service plans and closures: a station
 * may require it (stations.approval; a station that says nothing follows
 * the stations above it; none: not required). A request is decided by a
 * worker whose role is supervisor at the case's station or above, never
 * by the one who asked. Each function runs inside the caller's
 * transaction, prints what is wrong, and returns an exit status. */
#ifndef SW_APPROVAL_H
#define SW_APPROVAL_H

#include <stddef.h>

struct sw_store;

/* 1 if the case's station requires approval, 0 if not, -1 on failure. */
int sw_approval_required(struct sw_store *s, const char *case_id);

/* What a request asks: kind "plan" (the case's latest plan) or "close"
 * (on, reason and goals_left as sw-case close takes them). */
struct sw_request {
	const char *kind, *case_id, *by, *on, *reason, *goals_left;
};

/* Records a pending request; its id (R00001, ...) goes into id. */
int sw_request_new(struct sw_store *s, const struct sw_request *r, char *id, size_t idlen);

/* Approves (approve 1) or rejects a pending request, by worker by on
 * date on with a comment. An approved closure closes the case then. */
int sw_request_decide(struct sw_store *s, const char *id, const char *by, const char *on,
		      const char *comment, int approve);

#endif
