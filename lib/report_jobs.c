/* The report's employment figures (sw-match(1)'s employers, vacancies,
 * job seekers and placements), counted into the report's pass
 * (sw/reportacc.h) at the station each group of records belongs to
 * (lib/report_place.c), or on the row (unattributed). */
#include "sw/place.h"
#include "sw/reportacc.h"
#include "sw/store.h"

/* The first three columns say where the records belong (station code,
 * district, second district: see sw_placer_find), the others are figures.
 * Grouped by the first three, so that a seeker counted distinct in a
 * group is one seeker at one station. */
#define SEEKER_STATION \
	"coalesce(s.station_code, (SELECT c.station_code FROM clients c WHERE c.client_id = s.client_id))"
#define MATCHED "('matched', 'referred', 'interviewed', 'hired', 'retained_3m', 'retained_6m', 'ended')"
static const struct {
	const char *sql;
	int nf, fig[3];
} placed[] = {
	{"SELECT station_code, district, NULL, count(*) FROM employers WHERE registered_on <= ?2"
	 " GROUP BY station_code, district",
	 1, {F_EMPLOYERS}},
	{"SELECT e.station_code, e.district, v.district, count(*), sum(v.headcount) FROM vacancies v"
	 " JOIN employers e ON e.employer_id = v.employer_id"
	 " WHERE v.posted_on >= ?1 AND v.posted_on <= ?2 GROUP BY e.station_code, e.district, v.district",
	 2, {F_VACANCIES, F_VAC_HEADCOUNT}},
	{"SELECT " SEEKER_STATION ", s.district, NULL, count(*) FROM seekers s"
	 " WHERE s.registered_on <= ?2 GROUP BY 1, 2",
	 1, {F_SEEKERS}},
	/* a match is a seeker-vacancy pair, counted in the period of its first
	 * stage at or beyond matched, whatever stages followed */
	{"SELECT " SEEKER_STATION ", s.district, NULL, count(*) FROM"
	 " (SELECT p.seeker_id FROM placements p"
	 "  WHERE p.date >= ?1 AND p.date <= ?2 AND p.stage IN " MATCHED
	 "  AND NOT EXISTS (SELECT 1 FROM placements q WHERE q.seeker_id = p.seeker_id"
	 "   AND q.vacancy_id = p.vacancy_id AND q.date < ?1 AND q.stage IN " MATCHED ")"
	 "  GROUP BY p.seeker_id, p.vacancy_id) p"
	 " JOIN seekers s ON s.seeker_id = p.seeker_id GROUP BY 1, 2",
	 1, {F_MATCHES}},
	{"SELECT " SEEKER_STATION ", s.district, NULL,"
	 " count(DISTINCT CASE WHEN p.stage = 'hired' THEN p.seeker_id END),"
	 " count(DISTINCT CASE WHEN p.stage = 'retained_3m' THEN p.seeker_id END),"
	 " count(DISTINCT CASE WHEN p.stage = 'retained_6m' THEN p.seeker_id END)"
	 " FROM placements p JOIN seekers s ON s.seeker_id = p.seeker_id"
	 " WHERE p.date >= ?1 AND p.date <= ?2 GROUP BY 1, 2",
	 3, {F_HIRES, F_RETAINED_3M, F_RETAINED_6M}},
};

int sw_jobs_scan(struct sw_acc *a, int d, const char *from, const char *to)
{
	const struct sw_net *n = sw_acc_net(a);
	const struct sw_placer *p = sw_net_placer(n, d);
	for (size_t q = 0; q < sizeof placed / sizeof placed[0]; q++) {
		struct sw_stmt *st = sw_acc_period(n->db[d], placed[q].sql, from, to);
		int rc;
		while ((rc = sw_stmt_step(st)) == SW_ROW) {
			int i = sw_placer_find(p, sw_stmt_text(st, 0), sw_stmt_text(st, 1), sw_stmt_text(st, 2));
			for (int j = 0; j < placed[q].nf; j++)
				sw_acc_add_at(a, i >= 0 ? i : n->unplaced, placed[q].fig[j], sw_stmt_int64(st, 3 + j));
		}
		if (sw_acc_done(st, rc) != 0)
			return -1;
	}
	return 0;
}
