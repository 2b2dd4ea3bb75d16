/* The report's figures of 五社联动 (the linkage of social workers with
 * communities, social organisations, volunteers and charitable resources):
 * volunteer hours, resource uses and needs, counted into the report's
 * pass (sw/reportacc.h). A database read as it is may be older than their
 * tables, whose figures are then 0. */
#include <string.h>

#include "sw/reportacc.h"
#include "sw/store.h"
#include "sw/valid.h"

static const char *const res_kinds[] = {"policy", "funds", "goods", "venue", "professional", "volunteer",
					"job", "other", NULL};

/* Volunteer hours, at the station of the activity or service they were
 * given at; the volunteers and their organisations counted once a row. */
static int volunteers(struct sw_acc *a, int d, const char *from, const char *to)
{
	struct sw_stmt *st = sw_acc_period(sw_acc_net(a)->db[d],
		"SELECT coalesce(a.station_code, s.station_code, v.station_code),"
		" h.volunteer_id, v.org_id, h.minutes FROM volunteer_hours h"
		" JOIN volunteers v ON v.volunteer_id = h.volunteer_id"
		" LEFT JOIN activities a ON a.activity_id = h.activity_id"
		" LEFT JOIN services s ON s.service_id = h.service_id"
		" WHERE h.date >= ?1 AND h.date <= ?2", from, to);
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		int i = sw_acc_station(a, sw_stmt_text(st, 0));
		if (i < 0)
			continue;
		sw_acc_add_at(a, i, F_VOL_SERVICES, 1);
		sw_acc_add_at(a, i, F_VOL_HOURS, sw_stmt_int64(st, 3));
		sw_acc_once(a, d, SW_NS_VOLUNTEERS, i, F_VOLUNTEERS, sw_stmt_text(st, 1));
		if (!sw_stmt_is_null(st, 2))
			sw_acc_once(a, d, SW_NS_ORGS, i, F_ORGS_ENGAGED, sw_stmt_text(st, 2));
	}
	return sw_acc_done(st, rc);
}

/* Resource uses, at the station of the client or activity they went to
 * (else the resource's); the providing organisations counted once a row. */
static int resources(struct sw_acc *a, int d, const char *from, const char *to)
{
	struct sw_stmt *st = sw_acc_period(sw_acc_net(a)->db[d],
		"SELECT coalesce(c.station_code, a.station_code, r.station_code),"
		" r.kind, coalesce(u.value, 0), r.org_id FROM resource_uses u"
		" JOIN resources r ON r.resource_id = u.resource_id"
		" LEFT JOIN clients c ON c.client_id = u.client_id"
		" LEFT JOIN activities a ON a.activity_id = u.activity_id"
		" WHERE u.date >= ?1 AND u.date <= ?2", from, to);
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		int i = sw_acc_station(a, sw_stmt_text(st, 0));
		if (i < 0)
			continue;
		sw_acc_add_at(a, i, F_RES_USES, 1);
		sw_acc_add_at(a, i, F_RES_VALUE, sw_stmt_int64(st, 2));
		sw_acc_add_at(a, i, F_RES_KIND + sw_kind_index(res_kinds, sw_stmt_text(st, 1)), 1);
		if (!sw_stmt_is_null(st, 3))
			sw_acc_once(a, d, SW_NS_ORGS, i, F_ORGS_ENGAGED, sw_stmt_text(st, 3));
	}
	return sw_acc_done(st, rc);
}

/* Needs found and met in the period, at their client's station; the days
 * each met need took, kept for the median of each row. */
static int needs(struct sw_acc *a, int d, const char *from, const char *to)
{
	struct sw_stmt *st = sw_acc_period(sw_acc_net(a)->db[d],
		"SELECT c.station_code, n.identified_on, n.met_on, n.status"
		" FROM needs n JOIN clients c ON c.client_id = n.client_id"
		" WHERE (n.identified_on >= ?1 AND n.identified_on <= ?2)"
		" OR (n.met_on >= ?1 AND n.met_on <= ?2)", from, to);
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *code = sw_stmt_text(st, 0), *found = sw_stmt_text(st, 1);
		const char *met = sw_stmt_text(st, 2), *status = sw_stmt_text(st, 3);
		int i = sw_acc_station(a, code);
		if (i < 0)
			continue;
		if (strcmp(found, from) >= 0 && strcmp(found, to) <= 0)
			sw_acc_add_at(a, i, F_NEEDS_NEW, 1);
		if (!met || strcmp(status, "met") != 0 || strcmp(met, from) < 0 || strcmp(met, to) > 0)
			continue;
		sw_acc_add_at(a, i, F_NEEDS_MET, 1);
		sw_acc_days(a, code, F_NEEDS_DAYS, sw_date_days(met) - sw_date_days(found));
	}
	return sw_acc_done(st, rc);
}

int sw_five_scan(struct sw_acc *a, int d, const char *from, const char *to)
{
	static const struct {
		const char *table;
		int (*scan)(struct sw_acc *, int, const char *, const char *);
	} parts[] = {{"volunteer_hours", volunteers}, {"resource_uses", resources}, {"needs", needs}};
	struct sw_store *db = sw_acc_net(a)->db[d];
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
		int has = sw_store_has(db, parts[k].table);
		if (has < 0 || (has && parts[k].scan(a, d, from, to) != 0))
			return -1;
	}
	return 0;
}
