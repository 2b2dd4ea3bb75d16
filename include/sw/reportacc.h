/* What lib/report.c's pass over the databases lends the files that
 * count figures of their own domain (lib/report_jobs.c, report_five.c,
 * workfig.c): each adds a station's own records by its code or index, and
 * report.c rolls them up the hierarchy as it does its own (sw/report.h). */
#ifndef SW_REPORTACC_H
#define SW_REPORTACC_H

#include "sw/report.h"

/* One pass: its network, scope and counts. */
struct sw_acc;

/* Adds v to figure fig of station code's own records; nothing for a
 * station out of the scope or unknown. */
void sw_acc_add(struct sw_acc *a, const char *code, int fig, long long v);
/* The index of station code when it is in the scope, else -1. */
int sw_acc_station(const struct sw_acc *a, const char *code);
/* sw_acc_add by that index; nothing for -1 or a station out of the scope. */
void sw_acc_add_at(struct sw_acc *a, int i, int fig, long long v);
/* Counts who, of namespace ns of database d, once in distinct figure fig
 * of the rows in-scope station i adds to (its row, the total, and for
 * fingerprints its subtrees). */
enum { SW_NS_CLIENTS, SW_NS_VOLUNTEERS, SW_NS_ORGS };
void sw_acc_once(struct sw_acc *a, int d, int ns, int i, int fig, const char *who);
/* One value (days) of median figure fig at station code: the medians of
 * each row are computed from the values, not added. */
void sw_acc_days(struct sw_acc *a, const char *code, int fig, long days);
const struct sw_net *sw_acc_net(const struct sw_acc *a);

/* sql prepared on db with the period bound: ?1 from, ?2 to (exits 3 when
 * it does not prepare). */
struct sw_stmt *sw_acc_period(struct sw_store *db, const char *sql, const char *from, const char *to);
/* Finalizes st, whose last step returned rc: 0 when its rows ended, else
 * -1 (the step said why). */
int sw_acc_done(struct sw_stmt *st, int rc);
/* Index of k in the NULL-ended keys; a key outside them (or NULL) counts
 * as the last, "other". */
int sw_kind_index(const char *const *keys, const char *k);

/* lib/workfig.c: referrals, supervision and training of database db over
 * [from, to] (0, or -1 after printing a database error); the workforce
 * figures of the united network's workers. */
int sw_work_scan(struct sw_acc *a, struct sw_store *db, const char *from, const char *to);
void sw_work_staff(struct sw_acc *a, const char *from, const char *to);
/* lib/report_jobs.c: the employment figures of database d. 0 or -1. */
int sw_jobs_scan(struct sw_acc *a, int d, const char *from, const char *to);
/* lib/report_five.c: the figures of 五社联动 of database d. 0 or -1. */
int sw_five_scan(struct sw_acc *a, int d, const char *from, const char *to);

/* Each station's own figures over [from, to], the distinct ones counted
 * over its subtree: a new array v[i * SW_NFIG + f] of n->nst stations
 * (scoped to the whole network), as a closed month's fingerprint hashes
 * them. NULL after printing a database error. The caller frees. */
long long *sw_report_stations(const struct sw_net *n, const char *from, const char *to);

#endif
