/* The network read back and changed (see sw/station.h): its stations,
 * tree, workers, coverage of the county's divisions, and the closing of
 * a station. cmd/ formats the rows. */
#include <stdio.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/station.h"
#include "sw/store.h"

/* SQL: path is top's or below it (top's path and a '/'). */
#define UNDER(path, top) \
	"(" path " = " top " OR substr(" path ", 1, length(" top ") + 1) = " top " || '/')"

struct sw_stmt *sw_stations_stmt(struct sw_store *s, const struct sw_station_query *q)
{
	struct sw_stmt *st = sw_store_prep(s, "WITH RECURSIVE " SW_SUBTREE_CTE("?1")
		" SELECT s.code, s.name, s.level, s.parent_code, s.division_code, s.address,"
		"        s.opened_on, s.closed_on"
		" FROM stations s JOIN subtree t ON t.code = s.code"
		" WHERE (?1 IS NULL OR s.code <> ?1) AND (?2 IS NULL OR s.level = ?2)"
		"   AND (?3 = 0 OR " SW_STATION_ACTIVE("s", "?4") ")"
		" ORDER BY t.path");
	sw_stmt_bind_text(st, 1, q->code);
	sw_stmt_bind_text(st, 2, q->level);
	sw_stmt_bind_int64(st, 3, q->active);
	sw_stmt_bind_text(st, 4, q->on);
	return st;
}

void sw_station_stmts(struct sw_store *s, const char *code, struct sw_stmt *sts[3])
{
	/* the organisations by id and name: who runs the station, who employs each worker */
	static const char *const q[] = {
		"SELECT s.code, s.name, s.level, s.parent_code, s.division_code, s.address, s.opened_on,"
		" s.closed_on, s.operator_org, o.name AS operator_name"
		" FROM stations s LEFT JOIN orgs o ON o.org_id = s.operator_org WHERE s.code = ?1",
		"SELECT w.worker_id, w.name, w.role, w.certificate, w.hired_on, w.left_on, w.employer_org,"
		" o.name AS employer_name FROM workers w LEFT JOIN orgs o ON o.org_id = w.employer_org"
		" WHERE w.station_code = ?1 ORDER BY w.worker_id",
		"SELECT code, name, level, opened_on, closed_on FROM stations"
		" WHERE parent_code = ?1 ORDER BY code",
	};
	for (int i = 0; i < 3; i++) {
		sts[i] = sw_store_prep(s, q[i]);
		sw_stmt_bind_text(sts[i], 1, code);
	}
}

/* Staff counts per node, then summed over each node's subtree by matching
 * path prefixes (compared as text: a code may hold LIKE's wildcards). */
struct sw_stmt *sw_tree_stmt(struct sw_store *s, const struct sw_station_query *q)
{
	struct sw_stmt *st = sw_store_prep(s, "WITH RECURSIVE " SW_SUBTREE_CTE("?1") ","
		" own AS (SELECT t.code, t.depth, t.path,"
		"   (SELECT count(*) FROM workers w WHERE w.station_code = t.code AND "
		        SW_WORKER_ACTIVE("w", "?2") ") AS staff,"
		"   (SELECT count(*) FROM workers w WHERE w.station_code = t.code AND "
		        SW_WORKER_ACTIVE("w", "?2") " AND w.certificate <> 'none') AS certified"
		"   FROM subtree t)"
		" SELECT o.depth AS depth, o.code AS code,"
		"   CASE WHEN ?3 <> 0 THEN substr('                                        ', 1, 2 * o.depth)"
		"        || s.name ELSE s.name END AS name,"
		"   s.level AS level,"
		"   CASE WHEN " SW_STATION_ACTIVE("s", "?2") " THEN 'active' ELSE 'closed' END AS status,"
		"   o.staff AS staff, o.certified AS certified,"
		"   (SELECT CAST(sum(x.staff) AS INTEGER) FROM own x WHERE " UNDER("x.path", "o.path") ")"
		"    AS staff_total,"
		"   (SELECT CAST(sum(x.certified) AS INTEGER) FROM own x WHERE " UNDER("x.path", "o.path") ")"
		"    AS certified_total"
		" FROM own o JOIN stations s ON s.code = o.code ORDER BY o.path");
	sw_stmt_bind_text(st, 1, q->code);
	sw_stmt_bind_text(st, 2, q->on);
	sw_stmt_bind_int64(st, 3, q->indent);
	return st;
}

struct sw_stmt *sw_workers_stmt(struct sw_store *s, const struct sw_station_query *q)
{
	struct sw_stmt *st = sw_store_prep(s, "WITH RECURSIVE " SW_SUBTREE_CTE("?1")
		" SELECT w.worker_id, w.name, w.station_code, w.role, w.certificate, w.hired_on, w.left_on"
		" FROM workers w JOIN subtree t ON t.code = w.station_code"
		" WHERE (?2 IS NULL OR w.role = ?2) AND (?3 = 0 OR w.certificate <> 'none')"
		"   AND (?4 = 0 OR " SW_WORKER_ACTIVE("w", "?5") ")"
		" ORDER BY w.worker_id");
	sw_stmt_bind_text(st, 1, q->code);
	sw_stmt_bind_text(st, 2, q->role);
	sw_stmt_bind_int64(st, 3, q->certified);
	sw_stmt_bind_int64(st, 4, q->active);
	sw_stmt_bind_text(st, 5, q->on);
	return st;
}

/* Townships with an active township station, villages with an active
 * service point, matched through the stations' division_code; cov is 1
 * or 0 (a number on both backends, not a boolean). */
#define COVERAGE_CTE \
	"act AS (SELECT division_code, level FROM stations s WHERE division_code IS NOT NULL AND " \
	SW_STATION_ACTIVE("s", "?1") ")," \
	" tw AS (SELECT c.code AS county, d.code, d.name, d.level, d.parent_code," \
	"   CASE WHEN EXISTS(SELECT 1 FROM act WHERE act.division_code = d.code" \
	"    AND act.level = 'township') THEN 1 ELSE 0 END AS cov" \
	"   FROM divisions c JOIN divisions d ON d.parent_code = c.code AND d.level = 'township'" \
	"   WHERE c.level = 'county')," \
	" vi AS (SELECT tw.county, d.code, d.name, d.level, d.parent_code," \
	"   CASE WHEN EXISTS(SELECT 1 FROM act WHERE act.division_code = d.code" \
	"    AND act.level = 'village') THEN 1 ELSE 0 END AS cov" \
	"   FROM tw JOIN divisions d ON d.parent_code = tw.code AND d.level = 'village')"

const char *sw_pct1(long part, long whole, char *buf, size_t n)
{
	if (whole <= 0)
		return NULL;
	long long t = (2000LL * part / whole + 1) / 2;	/* tenths, half up */
	snprintf(buf, n, "%lld.%lld", t / 10, t % 10);
	return buf;
}

int sw_station_coverage(struct sw_store *s, const char *on,
			int (*fn)(void *ctx, const struct sw_coverage *c), void *ctx)
{
	struct sw_stmt *st = sw_store_prep(s, "WITH " COVERAGE_CTE
		" SELECT c.code, c.name,"
		"  (SELECT count(*) FROM tw WHERE county = c.code),"
		"  (SELECT count(*) FROM tw WHERE county = c.code AND cov = 1),"
		"  (SELECT count(*) FROM vi WHERE county = c.code),"
		"  (SELECT count(*) FROM vi WHERE county = c.code AND cov = 1)"
		" FROM divisions c WHERE c.level = 'county' ORDER BY c.code");
	sw_stmt_bind_text(st, 1, on);
	int rc, stop = 0;
	while (!stop && (rc = sw_stmt_step(st)) == SW_ROW) {
		struct sw_coverage c = {sw_stmt_text(st, 0), sw_stmt_text(st, 1),
			(long)sw_stmt_int64(st, 2), (long)sw_stmt_int64(st, 3),
			(long)sw_stmt_int64(st, 4), (long)sw_stmt_int64(st, 5)};
		stop = fn(ctx, &c) != 0;
	}
	sw_stmt_finalize(st);
	return stop || rc < 0 ? -1 : 0;
}

struct sw_stmt *sw_station_uncovered(struct sw_store *s, const char *on)
{
	/* the columns of divisions itself: a server names their origin only so */
	struct sw_stmt *st = sw_store_prep(s, "WITH " COVERAGE_CTE
		" SELECT u.county, d.code, d.name, d.level, d.parent_code FROM"
		" (SELECT county, code, cov FROM tw UNION ALL SELECT county, code, cov FROM vi) AS u"
		" JOIN divisions d ON d.code = u.code WHERE u.cov = 0"
		" ORDER BY u.county, d.level, d.code");
	sw_stmt_bind_text(st, 1, on);
	return st;
}

/* What closing a station found, for the messages after the transaction. */
struct closing {
	const char *code, *on;
	enum { C_CLOSED, C_UNKNOWN, C_ALREADY, C_EARLY, C_FAILED } state;
	char date[11];		/* C_ALREADY: closed_on; C_EARLY: opened_on */
	int open_children;
};

/* sw_store_transact's: checks, then writes closed_on. Says nothing: it
 * may run again. */
static int close_tx(struct sw_store *s, void *arg)
{
	struct closing *c = arg;
	c->state = C_FAILED;
	struct sw_stmt *st = sw_store_prep(s, "SELECT opened_on, closed_on,"
		" (SELECT count(*) FROM stations c WHERE c.parent_code = s.code AND"
		"  (c.closed_on IS NULL OR c.closed_on > ?2))"
		" FROM stations s WHERE code = ?1");
	sw_stmt_bind_text(st, 1, c->code);
	sw_stmt_bind_text(st, 2, c->on);
	int rc = sw_stmt_step(st);
	if (rc == SW_ROW) {
		const char *opened = sw_stmt_text(st, 0), *closed = sw_stmt_text(st, 1);
		c->state = closed ? C_ALREADY : opened && strcmp(c->on, opened) < 0 ? C_EARLY : C_CLOSED;
		snprintf(c->date, sizeof c->date, "%s", closed ? closed : opened ? opened : "");
		c->open_children = (int)sw_stmt_int64(st, 2);
	} else if (rc == SW_DONE)
		c->state = C_UNKNOWN;
	sw_stmt_finalize(st);
	if (c->state != C_CLOSED)
		return -1;
	st = sw_store_prep(s, "UPDATE stations SET closed_on = ?2 WHERE code = ?1");
	sw_stmt_bind_text(st, 1, c->code);
	sw_stmt_bind_text(st, 2, c->on);
	rc = sw_stmt_step(st);
	sw_stmt_finalize(st);
	if (rc != SW_DONE)
		c->state = C_FAILED;
	return rc == SW_DONE ? 0 : -1;
}

int sw_station_close(struct sw_store *s, const char *code, const char *on)
{
	struct closing c = {code, on, C_FAILED, "", 0};
	if (sw_store_transact(s, close_tx, &c) != 0 && c.state == C_CLOSED)
		c.state = C_FAILED;	/* the commit failed */
	switch (c.state) {
	case C_CLOSED:
		if (c.open_children)
			sw_warn(_("%s: %d station(s) below it are still open"), code, c.open_children);
		return 0;
	case C_UNKNOWN:
		sw_error(_("%s: no such station"), code);
		return 1;
	case C_ALREADY:
		sw_error(_("%s: already closed on %s"), code, c.date);
		return 1;
	case C_EARLY:
		sw_error(_("%s: --on %s is before opened_on %s"), code, on, c.date);
		return 1;
	default:
		return -1;
	}
}
