/* What lib/report.c's pass over the databases lends the files that
 * count figures of their own domain (lib/workfig.c): each adds a
 * station's own records by its code, and report.c rolls them up the
 * hierarchy as it does its own (sw/report.h). */
#ifndef SW_REPORTACC_H
#define SW_REPORTACC_H

#include "sw/report.h"

/* One pass: its network, scope and counts. */
struct sw_acc;

/* Adds v to figure fig of station code's own records; nothing for a
 * station out of the scope or unknown. */
void sw_acc_add(struct sw_acc *a, const char *code, int fig, long long v);
/* One value (days) of median figure fig at station code: the medians of
 * each row are computed from the values, not added. */
void sw_acc_days(struct sw_acc *a, const char *code, int fig, long days);
const struct sw_net *sw_acc_net(const struct sw_acc *a);

/* lib/workfig.c: referrals, supervision and training of database db over
 * [from, to] (0, or -1 after printing a database error); the workforce
 * figures of the united network's workers. */
int sw_work_scan(struct sw_acc *a, sqlite3 *db, const char *from, const char *to);
void sw_work_staff(struct sw_acc *a, const char *from, const char *to);

#endif
