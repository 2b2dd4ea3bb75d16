/* sw-report's figures on a SQLite file and on PostgreSQL (SW_TEST_PG,
 * tests/pg/cluster; said as skipped otherwise): the same rows give the
 * same figures of every kind, per station, per row and per subtree, the
 * same catalogue lines and caseloads; the figures a closed month's
 * fingerprint hashes are the same, so its hex is, given the same audit
 * anchor (each database's trail has its own head); and a report over a file and a server together is the report
 * over both files. The CLI tests marked "# backends: sqlite pg" compare
 * every subcommand's bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/err.h"
#include "sw/items.h"
#include "sw/reportacc.h"
#include "sw/store.h"
#include "sw/target.h"
#include "pgunit.h"
#include "unit.h"

/* Two counties' records, one of every kind a figure counts; county B's
 * alone in B_DATA (the second database of the mixed network). */
static const char A_DATA[] =
	"INSERT INTO divisions (code, name, level, parent_code) VALUES"
	" ('3399', '青溪县', 'county', NULL), ('339901', '梅江镇', 'township', '3399'),"
	" ('339901101', '西村', 'village', '339901');"
	"INSERT INTO stations (code, name, level, parent_code, division_code, opened_on, closed_on) VALUES"
	" ('C', '青溪县总站', 'county', NULL, NULL, '2020-01-01', NULL),"
	" ('R', '东片中心站', 'regional', 'C', NULL, '2020-01-01', NULL),"
	" ('T1', '梅江镇站', 'township', 'R', '339901', '2020-01-01', NULL),"
	" ('T2', '石门镇站', 'township', 'R', NULL, '2020-01-01', '2026-10-15'),"
	" ('V1', '西村点', 'village', 'T1', NULL, '2020-01-01', NULL),"
	" ('V2', '新桥点', 'village', 'T1', NULL, '2026-11-05', NULL);"
	"INSERT INTO workers (worker_id, name, station_code, role, certificate, hired_on, left_on) VALUES"
	" ('W1', '林伟', 'T1', 'service', 'intermediate', '2020-01-01', NULL),"
	" ('W2', '刘静', 'T1', 'service', 'none', '2026-10-03', NULL),"
	" ('W3', '高丽', 'T2', 'service', 'assistant', '2020-01-01', '2026-10-15'),"
	" ('W4', '罗静', 'V1', 'service', 'senior', '2026-10-31', NULL);"
	"INSERT INTO clients (client_id, name, station_code, registered_on) VALUES"
	" ('P1', 'a', 'V1', '2026-09-30'), ('P2', 'b', 'V1', '2026-10-01'), ('P3', 'c', 'T1', '2026-10-31'),"
	" ('P4', 'd', 'T2', '2026-11-01'), ('P5', 'e', 'T2', '2024-02-29');"
	"INSERT INTO cases (case_id, client_id, station_code, worker_id, domain, opened_on, closed_on) VALUES"
	" ('K1', 'P1', 'V1', 'W1', 'elderly', '2026-10-05', '2026-10-20'),"
	" ('K2', 'P2', 'V1', 'W1', 'elderly', '2026-09-01', NULL),"
	" ('K3', 'P3', 'T1', 'W2', 'child', '2026-10-31', '2026-11-01'),"
	" ('K4', 'P5', 'T2', 'W3', 'assistance', '2024-02-29', '2026-10-01'),"
	" ('K5', 'P5', 'T2', 'W9', 'assistance', '2026-10-02', '2026-10-09');"
	"INSERT INTO catalogue (item_code, name, category) VALUES"
	" ('A01', '探访', 'elderly'), ('B01', '辅导', 'children');"
	"INSERT INTO services (service_id, client_id, station_code, date, type, minutes, item_code) VALUES"
	" ('S1', 'P1', 'V1', '2026-10-01', 'visit', 30, 'A01'), ('S2', 'P1', 'T1', '2026-10-31', 'phone', 15, NULL),"
	" ('S3', 'P2', 'V1', '2026-10-15', 'counselling', 60, 'B01'), ('S4', 'P5', 'T2', '2026-10-14', 'visit', 45, 'A01'),"
	" ('S5', 'P1', 'V1', '2026-09-30', 'visit', 10, NULL), ('S6', 'P1', 'V1', '2026-11-01', 'visit', 10, NULL),"
	" ('S7', 'P5', 'T2', '2026-10-20', 'referral', 20, NULL), ('S8', 'P2', 'V1', '2026-10-29', 'other', 5, NULL);"
	"INSERT INTO activities (activity_id, station_code, date, kind, sessions, participants, item_code) VALUES"
	" ('A1', 'T1', '2026-10-10', 'group', 3, 24, 'B01'), ('A2', 'T1', '2026-10-11', 'outreach', NULL, 10, NULL),"
	" ('A3', 'V1', '2026-10-31', 'community', 1, NULL, NULL), ('A4', 'T2', '2026-10-12', 'unheard', 2, 7, NULL);"
	"INSERT INTO employers (employer_id, name, station_code, district, registered_on) VALUES"
	" ('E1', 'x', 'T1', NULL, '2026-10-01'), ('E2', 'y', 'C', NULL, '2026-11-02'),"
	" ('E3', 'z', NULL, '梅江镇', '2026-10-05'), ('E4', 'w', NULL, '火星', '2026-10-05');"
	"INSERT INTO vacancies (vacancy_id, employer_id, title, headcount, posted_on, district) VALUES"
	" ('J1', 'E1', 't', 5, '2026-10-02', NULL), ('J2', 'E1', 't', 2, '2026-09-30', NULL),"
	" ('J3', 'E3', 't', 3, '2026-10-09', '339901101');"
	"INSERT INTO seekers (seeker_id, client_id, name, station_code, district, registered_on) VALUES"
	" ('Q1', NULL, 'f', 'T1', NULL, '2026-10-03'), ('Q2', NULL, 'g', 'T1', NULL, '2026-08-01'),"
	" ('Q3', 'P2', 'h', NULL, NULL, '2026-10-04'), ('Q4', NULL, 'i', NULL, '西村', '2026-10-04');"
	"INSERT INTO placements (seeker_id, vacancy_id, stage, date) VALUES"
	" ('Q1', 'J1', 'matched', '2026-10-05'), ('Q1', 'J1', 'hired', '2026-10-20'),"
	" ('Q2', 'J1', 'matched', '2026-10-06'), ('Q2', 'J2', 'retained_3m', '2026-10-30'),"
	" ('Q3', 'J3', 'matched', '2026-09-06'), ('Q3', 'J3', 'hired', '2026-10-07'),"
	" ('Q4', 'J3', 'retained_6m', '2026-10-08');"
	"INSERT INTO orgs (org_id, name, kind) VALUES ('O1', '爱心社', 'social'), ('O2', '红十字', 'charity');"
	"INSERT INTO volunteers (volunteer_id, name, station_code, org_id) VALUES"
	" ('L1', 'v', 'V1', 'O1'), ('L2', 'u', 'T1', NULL);"
	"INSERT INTO volunteer_hours (hours_id, volunteer_id, date, activity_id, service_id, minutes) VALUES"
	" ('H1', 'L1', '2026-10-10', 'A1', NULL, 90), ('H2', 'L1', '2026-10-15', NULL, 'S3', 30),"
	" ('H3', 'L2', '2026-10-16', NULL, NULL, 45), ('H4', 'L2', '2026-09-16', NULL, NULL, 45);"
	"INSERT INTO resources (resource_id, kind, name, org_id, station_code) VALUES"
	" ('RS1', 'funds', '助学金', 'O2', 'T1'), ('RS2', 'venue', '活动室', NULL, 'T2'), ('RS3', 'magic', '?', 'O1', 'C');"
	"INSERT INTO resource_uses (use_id, resource_id, date, client_id, activity_id, value) VALUES"
	" ('U1', 'RS1', '2026-10-03', 'P1', NULL, 500), ('U2', 'RS2', '2026-10-04', NULL, 'A4', NULL),"
	" ('U3', 'RS3', '2026-10-05', NULL, NULL, 20);"
	"INSERT INTO needs (need_id, client_id, need, identified_on, status, met_on) VALUES"
	" ('N1', 'P1', 'x', '2026-10-02', 'met', '2026-10-09'), ('N2', 'P2', 'y', '2026-09-02', 'met', '2026-10-20'),"
	" ('N3', 'P5', 'z', '2026-10-03', 'open', NULL), ('N4', 'P1', 'w', '2026-10-01', 'met', '2026-10-04');"
	"INSERT INTO referrals (referral_id, case_id, date, to_station, consent_on, status, feedback_on) VALUES"
	" ('F1', 'K1', '2026-10-06', 'T2', '2026-10-06', 'completed', '2026-10-16'),"
	" ('F2', 'K2', '2026-10-07', NULL, '2026-10-07', 'accepted', '2026-10-10'),"
	" ('F3', 'K4', '2026-10-08', 'T1', '2026-10-08', 'made', NULL);"
	"INSERT INTO supervision (session_id, worker_id, date, station_code, supervisor, minutes) VALUES"
	" ('SV1', 'W1', '2026-10-12', 'T1', 'x', 90), ('SV2', 'W3', '2026-10-13', 'T2', 'y', 60);"
	"INSERT INTO training (worker_id, date, course, minutes) VALUES"
	" ('W1', '2026-10-14', 'c', 120), ('W2', '2026-11-14', 'c', 60);";

static const char B_DATA[] =
	"INSERT INTO stations (code, name, level, parent_code, opened_on) VALUES"
	" ('D', '白沙县总站', 'county', NULL, '2020-01-01'), ('U1', '白沙镇站', 'township', 'D', '2020-01-01');"
	"INSERT INTO workers (worker_id, name, station_code, role, certificate, hired_on) VALUES"
	" ('W1', '陈红', 'U1', 'service', 'senior', '2020-01-01');"
	"INSERT INTO clients (client_id, name, station_code, registered_on) VALUES"
	" ('P1', 'x', 'U1', '2026-10-02'), ('P9', 'y', 'U1', '2026-10-03');"
	"INSERT INTO services (service_id, client_id, station_code, date, type, minutes) VALUES"
	" ('S1', 'P1', 'U1', '2026-10-02', 'visit', 25), ('S2', 'P9', 'U1', '2026-10-05', 'phone', 5),"
	" ('S3', 'P1', 'U1', '2026-10-07', 'visit', 25);";

/* Every value of v (rows of SW_NFIG, or of n values), as text, with the
 * row's code: the bytes two backends must agree on. Kept until freed. */
static char *dump(const struct sw_net *n, const long long *v, int rows, int per, int by_station)
{
	size_t cap = 4096, len = 0;
	char *s = sw_xmalloc(cap);
	s[0] = 0;
	for (int r = 0; v && r < rows; r++) {
		const char *code = by_station ? n->st[r].code : r < n->ngroups ? n->st[n->rep[r]].code : "total";
		for (int f = 0; f < per; f++) {
			if (len + 160 > cap)
				s = sw_xrealloc(s, cap *= 2);
			len += (size_t)snprintf(s + len, cap - len, "%s %d %lld\n", code, f, v[(size_t)r * per + f]);
		}
	}
	return s;
}

/* A value of the fingerprint's figures: station code's figure key. */
static long long at(const struct sw_net *n, const long long *v, const char *code, const char *key)
{
	int i = sw_net_find(n, code), f = sw_figure_find(key);
	return i >= 0 && f >= 0 ? v[(size_t)i * SW_NFIG + f] : -1;
}

/* What the report computes on dbs, as text: the month's figures per
 * station as fingerprints hash them, the report by township with its
 * subtrees, a period's, the catalogue's lines and the caseloads. */
static char *figures(struct sw_store **dbs, int ndb, const char *b)
{
	struct sw_net *n = sw_net_load(dbs, ndb);
	T_OK(n != NULL, "%s: the network loads", b);
	if (!n)
		return sw_xstrdup("");
	long long *st = sw_report_stations(n, "2026-10-01", "2026-10-31");
	char *a = dump(n, st, n->nst, SW_NFIG, 1);
	if (ndb == 1) {	/* known answers, so that two backends agreeing on nothing fails */
		T_INT(at(n, st, "V1", "services"), 3, "%s: V1's services in October", b);
		T_INT(at(n, st, "T1", "people_served"), 2, "%s: T1's subtree served P1 and P2", b);
		T_INT(at(n, st, "T1", "employers"), 2, "%s: T1's employers, one by its district's name", b);
		T_INT(at(n, st, "(unattributed)", "employers"), 1, "%s: an employer of an unknown district", b);
		T_INT(at(n, st, "T1", "needs_median_days") + at(n, st, "T1", "volunteers_active"), 7 * 2 + 2,
		      "%s: a median (doubled) and the distinct volunteers", b);
		T_INT(at(n, st, "T2", "activities_other"), 1, "%s: an activity of an unknown kind counts as other", b);
	}
	sw_net_scope(n, NULL, SW_BY_TOWNSHIP);
	long long *tree = NULL, *v = sw_report_fill_tree(n, "2026-10-01", "2026-10-31", &tree);
	char *g = dump(n, v, n->ngroups + 1, SW_NFIG, 0), *t = dump(n, tree, n->nst, SW_NFIG, 1);
	long long *p = sw_report_fill(n, "2026-09-01", "2026-11-30");
	char *q = dump(n, p, n->ngroups + 1, SW_NFIG, 0);
	T_OK(sw_items_load(dbs, ndb) == 0, "%s: the catalogue loads", b);
	long long *it = sw_items_fill(n, "2026-10-01", "2026-10-31");
	char *i = dump(n, it, n->ngroups + 1, sw_items_lines() * SW_ITEM_NVAL, 0);
	int nrows = 0;
	struct sw_caseload *c = sw_caseload_fill(n, "2026-10-01", "2026-10-31", &nrows);
	size_t len = strlen(a) + strlen(g) + strlen(t) + strlen(q) + strlen(i) + 200 * ((size_t)nrows + 1);
	char *all = sw_xmalloc(len), *o = all;
	o += sprintf(o, "%s--\n%s--\n%s--\n%s--\n%s--\n", a, g, t, q, i);
	for (int r = 0; r < nrows; r++)
		o += sprintf(o, "%s %s %lld %lld %lld %s\n", c[r].worker_id, c[r].station, c[r].caseload, c[r].opened,
			     c[r].closed, c[r].median);
	T_OK(st && v && tree && p && it && c && nrows > 0, "%s: every figure computed", b);
	sw_caseload_free(c, nrows);
	free(st), free(v), free(tree), free(p), free(it);
	free(a), free(g), free(t), free(q), free(i);
	sw_net_free(n);
	return all;
}

/* October's fingerprint on two databases of the same records: the same
 * figures hashed; with the same audit anchor (each database's trail has
 * a head of its own), the same hex. */
static void same_fp(struct sw_store *a, struct sw_store *b, const char *what)
{
	struct sw_fp x, y;
	int ok = sw_report_fp(a, "2026-10", &x) == 0;
	ok &= sw_report_fp(b, "2026-10", &y) == 0 && x.n == y.n && x.n > 0;
	for (int i = 0; ok && i < x.n; i++)
		ok = strcmp(x.code[i], y.code[i]) == 0;
	ok = ok && memcmp(x.v, y.v, (size_t)x.n * SW_NFIG * sizeof *x.v) == 0;
	T_OK(ok, "%s: a closed month's fingerprint hashes the same figures", what);
	T_OK(strlen(y.audit) == 0 || strlen(y.audit) == 64, "%s: the audit trail's anchor read (%s)", what,
	     y.audit[0] ? "a head" : "none");
	memcpy(y.audit, x.audit, sizeof y.audit);
	sw_fp_hash(&y, "2026-10");
	T_STR(y.hex, x.hex, "%s: with the same anchor, the same fingerprint", what);
	sw_fp_free(&x);
	sw_fp_free(&y);
}

static struct sw_store *file_with(const char *path, const char *data)
{
	unlink(path);
	struct sw_store *s = sw_store_open(path, SW_STORE_CREATE);
	T_OK(s && sw_store_begin(s) == 0 && sw_store_exec(s, data) == 0 && sw_store_commit(s) == 0,
	     "sqlite: %s made", path);
	return s;
}

/* A new database on the server with init-server's schema and data; NULL
 * when it cannot be made. */
static struct sw_store *server_with(const char *server, const char *db, const char *data)
{
	char url[1024];
	struct sw_store *s = pg_setup(server, db, url, sizeof url) == 0 ? sw_store_open(url, 0) : NULL;
	T_OK(s && sw_store_exec(s, data) == 0, "pg: %s made", db);
	return s;
}

int main(void)
{
	sw_progname = "test_report_both";
	char dir[] = "/tmp/sw-unit-rboth.XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) != 0)
		return 3;
	struct sw_store *fa = file_with("a.db", A_DATA), *fb = file_with("b.db", B_DATA);
	struct sw_store *files[2] = {fa, fb};
	char *lite = figures(files, 1, "sqlite"), *lite2 = figures(files, 2, "sqlite, two files");
	const char *server = getenv("SW_TEST_PG");
	if (!server || !*server)
		printf("ok %d - # SKIP PostgreSQL: SW_TEST_PG names no server (tests/pg/cluster)\n", ++unit_n);
	else {
		char da[48], db[48];
		snprintf(da, sizeof da, "sw_unit_ra_%ld", (long)getpid());
		snprintf(db, sizeof db, "sw_unit_rb_%ld", (long)getpid());
		struct sw_store *pa = server_with(server, da, A_DATA), *pb = server_with(server, db, B_DATA);
		if (pa && pb) {
			struct sw_store *servers[2] = {pa, pb}, *mixed[2] = {fa, pb};
			char *pg = figures(servers, 1, "pg");
			T_STR(pg, lite, "pg: the same figures, rows, subtrees, catalogue lines and caseloads as sqlite");
			free(pg);
			pg = figures(servers, 2, "pg, two databases");
			T_STR(pg, lite2, "pg: two databases on the server, the same as two files");
			free(pg);
			pg = figures(mixed, 2, "a file and a server");
			T_STR(pg, lite2, "a file and a server in one report: the same as two files");
			free(pg);
			same_fp(fa, pa, "pg");
		}
		sw_store_close(pa);
		sw_store_close(pb);
		pg_teardown(server, da);
		pg_teardown(server, db);
	}
	free(lite);
	free(lite2);
	sw_store_close(fa);
	sw_store_close(fb);
	const char *const junk[] = {"a.db", "a.db-wal", "a.db-shm", "b.db", "b.db-wal", "b.db-shm"};
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		unlink(junk[i]);
	if (chdir("/") != 0 || rmdir(dir) != 0)
		T_OK(0, "the scratch directory is empty");
	return T_DONE();
}
