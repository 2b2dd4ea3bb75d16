/* The report's figures computed over one or more databases and rolled up
 * the station hierarchy. Every figure is first counted per station (its
 * own records); a row of the report adds its stations' counts, except the
 * figures of distinct people, which are counted again per row so that a
 * person served by two stations of a row counts once. This file holds the
 * pass and the figures of clients, cases, services and activities; the
 * employment figures are lib/report_jobs.c's, 五社联动's report_five.c's,
 * referrals' and the workforce's workfig.c's (sw/reportacc.h). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/report.h"
#include "sw/reportacc.h"
#include "sw/store.h"
#include "sw/strset.h"

/* What one pass over the databases accumulates. */
struct acc {
	const struct sw_net *n;
	long long *st;		/* per station, own records: st[i * SW_NFIG + f] */
	long long *grp;		/* per row and total: distinct figures */
	long long *sub;		/* per station subtree, distinct figures:
				 * sub[i * SW_NFIG + f] (fingerprints), or NULL */
	/* Distinct people: each client (volunteer, organisation) of each
	 * database gets a number (ids), and each row, the total and each
	 * subtree its set of the numbers counted (seen: groups, the total,
	 * then stations' subtrees), which becomes a bitmap of a bit a person
	 * as it fills: a year's sets take the memory of a month's. */
	struct sw_strset ids;
	int nids;
	struct sw_numset *seen;
	/* The values of the medians (needs met, referrals' feedback) in
	 * the period, for the median per row: station, figure, days. */
	struct met { int st, fig; long days; } *met;
	size_t nmet, capmet;
};

static void add_at(struct acc *a, int i, int fig, long long v)
{
	if (i >= 0 && sw_net_in(a->n, i))
		a->st[(size_t)i * SW_NFIG + fig] += v;
}

static void add(struct acc *a, const char *code, int fig, long long v)
{
	add_at(a, sw_net_find(a->n, code), fig, v);
}

/* Index of the in-scope station code, or -1. */
static int in_scope(const struct sw_net *n, const char *code)
{
	int i = sw_net_find(n, code);
	return i >= 0 && sw_net_in(n, i) ? i : -1;
}

int sw_kind_index(const char *const *keys, const char *k)
{
	int i = 0;
	for (; keys[i + 1]; i++)
		if (k && strcmp(keys[i], k) == 0)
			return i;
	return i;
}

/* Counts who (of namespace ns) once in figure fig of station i's row, of
 * the total and, for fingerprints, of every subtree station i is in. */
static void count_once(struct acc *a, int d, int ns, int i, int fig, const char *id)
{
	const struct sw_net *n = a->n;
	int k = sw_strset_put(&a->ids, d * 3 + ns, id, sw_str_hash(id), a->nids);
	uint32_t who = (uint32_t)(k < 0 ? a->nids++ : k);
	size_t g = (size_t)n->st[i].group, ng = (size_t)n->ngroups;
	if (sw_numset_add(&a->seen[g], who))
		a->grp[g * SW_NFIG + fig]++;
	if (sw_numset_add(&a->seen[ng], who))
		a->grp[ng * SW_NFIG + fig]++;
	for (int s = i; a->sub && s >= 0; s = n->st[s].up)
		if (sw_numset_add(&a->seen[ng + 1 + (size_t)s], who))
			a->sub[(size_t)s * SW_NFIG + fig]++;
}

static void push_days(struct acc *a, int i, int fig, long days)
{
	if (a->nmet == a->capmet)
		a->met = sw_xrealloc(a->met, (a->capmet = a->capmet ? 2 * a->capmet : 64) * sizeof *a->met);
	a->met[a->nmet++] = (struct met){i, fig, days};
}

/* What the files of other figures add to the pass (sw/reportacc.h). */
void sw_acc_add(struct sw_acc *x, const char *code, int fig, long long v)
{
	add((struct acc *)x, code, fig, v);
}

int sw_acc_station(const struct sw_acc *x, const char *code)
{
	return in_scope(((const struct acc *)x)->n, code);
}

void sw_acc_add_at(struct sw_acc *x, int i, int fig, long long v)
{
	add_at((struct acc *)x, i, fig, v);
}

void sw_acc_once(struct sw_acc *x, int d, int ns, int i, int fig, const char *who)
{
	count_once((struct acc *)x, d, ns, i, fig, who);
}

void sw_acc_days(struct sw_acc *x, const char *code, int fig, long days)
{
	struct acc *a = (struct acc *)x;
	int i = in_scope(a->n, code);
	if (i >= 0)
		push_days(a, i, fig, days);
}

const struct sw_net *sw_acc_net(const struct sw_acc *x)
{
	return ((const struct acc *)x)->n;
}

struct sw_stmt *sw_acc_period(struct sw_store *db, const char *sql, const char *from, const char *to)
{
	struct sw_stmt *st = sw_store_prep(db, sql);
	sw_stmt_bind_text(st, 1, from);
	sw_stmt_bind_text(st, 2, to);
	return st;
}

int sw_acc_done(struct sw_stmt *st, int rc)
{
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

/* Counts whose first column is a station code and the others figures.
 * A condition counted is a CASE, not a boolean summed (sw/store.h). */
#define IN(c) "sum(CASE WHEN " c " THEN 1 ELSE 0 END)"
static const struct query {
	const char *sql;
	int nf, fig[3];
} queries[] = {
	{"SELECT station_code, " IN("registered_on <= ?2") ", " IN("registered_on >= ?1 AND registered_on <= ?2")
	 " FROM clients GROUP BY station_code",
	 2, {F_CLIENTS_END, F_CLIENTS_NEW}},
	{"SELECT station_code, " IN("opened_on >= ?1 AND opened_on <= ?2") ", "
	 IN("closed_on >= ?1 AND closed_on <= ?2") ", "
	 IN("opened_on <= ?2 AND (closed_on IS NULL OR closed_on > ?2)") " FROM cases GROUP BY station_code",
	 3, {F_CASES_OPENED, F_CASES_CLOSED, F_CASES_OPEN_END}},
};

static const char *const svc_types[] = {"visit", "counselling", "phone", "referral", "employment",
					"other", NULL};
static const char *const act_kinds[] = {"group", "community", "outreach", "fair", "training", "other", NULL};

/* A pass that reads each page once (the services' index) gains nothing
 * from SQLite's page cache: held small meanwhile, a year's report takes
 * the memory of a month's instead of the whole cache. Not in a write
 * transaction (closed months checked during an import), whose changed
 * pages the cache holds. Returns the size it had (PRAGMA cache_size) for
 * cache_back, or 0 when it is left as it is (always on a server). */
static int small_cache(struct sw_store *s)
{
	sqlite3 *db = sw_store_sqlite(s);
	if (!db || sqlite3_txn_state(db, "main") == SQLITE_TXN_WRITE)
		return 0;
	sqlite3_stmt *st = NULL;
	int was = sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK &&
		  sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (was && sqlite3_exec(db, "PRAGMA cache_size=-2048", NULL, NULL, NULL) != SQLITE_OK)
		was = 0;
	return was;
}

/* The page cache as small_cache found it. */
static void cache_back(struct sw_store *s, int was)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", was);
	if (was)
		sqlite3_exec(sw_store_sqlite(s), sql, NULL, NULL, NULL);
}

/* Services: one pass over the date-first covering index (on a server, one
 * query read through a cursor). */
static int scan_services(struct acc *a, int d, const char *from, const char *to)
{
	const struct sw_net *n = a->n;
	struct sw_store *db = n->db[d];
	int cache = small_cache(db);
	struct sw_stmt *st = sw_acc_period(db, "SELECT station_code, type, minutes, client_id"
		" FROM services WHERE date >= ?1 AND date <= ?2", from, to);
	int rc, last = -1;
	char lastcode[64] = "";
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *code = sw_stmt_text(st, 0);
		int i = strcmp(code, lastcode) == 0 ? last : sw_net_find(n, code);
		if (i != last && strlen(code) < sizeof lastcode) {
			strcpy(lastcode, code);
			last = i;
		}
		if (i < 0 || !sw_net_in(n, i))
			continue;
		long long *v = a->st + (size_t)i * SW_NFIG;
		v[F_SERVICES]++;
		v[F_SVC_TYPE + sw_kind_index(svc_types, sw_stmt_text(st, 1))]++;
		v[F_SERVICE_HOURS] += sw_stmt_int64(st, 2);
		count_once(a, d, SW_NS_CLIENTS, i, F_PEOPLE_SERVED, sw_stmt_text(st, 3));
	}
	rc = sw_acc_done(st, rc);
	cache_back(db, cache);
	return rc;
}

static int scan_activities(struct acc *a, struct sw_store *db, const char *from, const char *to)
{
	struct sw_stmt *st = sw_acc_period(db, "SELECT station_code, kind, count(*),"
		" sum(coalesce(sessions, 1)), sum(coalesce(participants, 0))"
		" FROM activities WHERE date >= ?1 AND date <= ?2 GROUP BY station_code, kind", from, to);
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *code = sw_stmt_text(st, 0);
		int k = sw_kind_index(act_kinds, sw_stmt_text(st, 1));
		for (int j = 0; j < 3; j++) {
			long long v = sw_stmt_int64(st, 2 + j);
			add(a, code, F_ACTIVITIES + j, v);
			add(a, code, F_ACT_KIND + 3 * k + j, v);
		}
		if (k == 2)
			add(a, code, F_COMMUNITY_VISITS, sw_stmt_int64(st, 2));
	}
	return sw_acc_done(st, rc);
}

static int by_days(const void *x, const void *y)
{
	const struct met *p = x, *q = y;
	long a = p->days, b = q->days;
	return p->fig != q->fig ? p->fig - q->fig : (a > b) - (a < b);
}

/* One median figure of each row, of the total and of each subtree, from
 * its values (met[0..nmet), sorted): a median does not add up. Kept
 * doubled (the two middle values summed), 0 where there is none. */
static void median_of(struct acc *a, const struct met *met, size_t nmet)
{
	const struct sw_net *n = a->n;
	size_t nrow = (size_t)n->ngroups + 1 + (a->sub ? (size_t)n->nst : 0), m;
	long *cnt = sw_xcalloc(nrow, sizeof *cnt), *seen = sw_xcalloc(nrow, sizeof *seen);
	int f = met[0].fig;
	for (int pass = 0; pass < 2; pass++)
		for (m = 0; m < nmet; m++) {
			int i = met[m].st;
			size_t rows[66], nr = 0;
			rows[nr++] = (size_t)n->st[i].group;
			rows[nr++] = (size_t)n->ngroups;
			for (int s = i; a->sub && s >= 0 && nr < 66; s = n->st[s].up)
				rows[nr++] = (size_t)n->ngroups + 1 + (size_t)s;
			for (size_t r = 0; r < nr; r++) {
				size_t k = rows[r];
				if (!pass) {
					cnt[k]++;
					continue;
				}
				long at = seen[k]++;
				if (at != (cnt[k] - 1) / 2 && at != cnt[k] / 2)
					continue;
				long long *v = k <= (size_t)n->ngroups ? &a->grp[k * SW_NFIG + f]
					: &a->sub[(k - (size_t)n->ngroups - 1) * SW_NFIG + f];
				/* the middle value twice when the count is odd */
				*v += met[m].days * (cnt[k] % 2 ? 2 : 1);
			}
		}
	free(cnt);
	free(seen);
}

/* Every median figure, each from its own values. */
static void medians(struct acc *a)
{
	if (!a->nmet)
		return;	/* a->met is NULL: qsort must not see it */
	qsort(a->met, a->nmet, sizeof *a->met, by_days);
	for (size_t m = 0, e; m < a->nmet; m = e) {
		for (e = m; e < a->nmet && a->met[e].fig == a->met[m].fig; e++)
			;
		median_of(a, a->met + m, e - m);
	}
}

/* Active on date: from the opening day, inclusive, to the closing day,
 * exclusive (as SW_STATION_ACTIVE and SW_WORKER_ACTIVE). */
static int active(const char *from, const char *to, const char *date)
{
	return (!from || strcmp(from, date) <= 0) && (!to || strcmp(to, date) > 0);
}

/* Staff and stations: from the united network, so that a station or
 * worker present in several databases counts once. */
static void count_network(struct acc *a, const char *to)
{
	const struct sw_net *n = a->n;
	for (int i = 0; i < n->nst; i++)
		if (i != n->unplaced && active(n->st[i].opened, n->st[i].closed, to))
			add_at(a, i, F_STATIONS_ACTIVE, 1);
	for (int i = 0; i < n->nw; i++) {
		const struct sw_worker *w = &n->w[i];
		if (!active(w->hired, w->left, to))
			continue;
		add(a, w->station, F_STAFF, 1);
		if (w->certificate && strcmp(w->certificate, "none") != 0)
			add(a, w->station, F_STAFF_CERTIFIED, 1);
	}
}

/* The counts of queries[] on db. */
static int scan_counts(struct acc *a, struct sw_store *db, const char *from, const char *to)
{
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		struct sw_stmt *st = sw_acc_period(db, queries[q].sql, from, to);
		int rc;
		while ((rc = sw_stmt_step(st)) == SW_ROW)
			for (int j = 0; j < queries[q].nf; j++)
				add(a, sw_stmt_text(st, 0), queries[q].fig[j], sw_stmt_int64(st, 1 + j));
		if (sw_acc_done(st, rc) != 0)
			return -1;
	}
	return 0;
}

/* One pass: every database's records for [from, to] into a. */
static int accumulate(struct acc *a, const char *from, const char *to)
{
	const struct sw_net *n = a->n;
	struct sw_acc *x = (struct sw_acc *)a;
	for (int d = 0; d < n->ndb; d++) {
		struct sw_store *db = n->db[d];
		if (scan_counts(a, db, from, to) != 0 || sw_jobs_scan(x, d, from, to) != 0 ||
		    scan_activities(a, db, from, to) != 0 || scan_services(a, d, from, to) != 0 ||
		    sw_five_scan(x, d, from, to) != 0 || sw_work_scan(x, db, from, to) != 0)
			return -1;
	}
	medians(a);
	count_network(a, to);
	sw_work_staff(x, from, to);
	return 0;
}

static void acc_init(struct acc *a, const struct sw_net *n, int subtrees)
{
	memset(a, 0, sizeof *a);
	a->n = n;
	a->st = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *a->st);
	a->grp = sw_xcalloc((size_t)(n->ngroups + 1) * SW_NFIG, sizeof *a->grp);
	a->seen = sw_xcalloc((size_t)n->ngroups + 1 + (size_t)n->nst, sizeof *a->seen);
	if (subtrees)
		a->sub = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *a->sub);
}

/* Frees what a holds but grp, which the caller takes or frees. */
static void acc_free(struct acc *a)
{
	free(a->st);
	free(a->sub);
	free(a->met);
	sw_strset_free(&a->ids);
	for (int r = 0; r < a->n->ngroups + 1 + a->n->nst; r++)
		sw_numset_free(&a->seen[r]);
	free(a->seen);
}

/* Each in-scope station's subtree: own records added up the tree (tree
 * order puts parents first), the distinct figures as counted per subtree. */
static long long *subtrees(const struct acc *a)
{
	const struct sw_net *n = a->n;
	long long *t = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *t);
	for (int i = n->nst - 1; i >= 0; i--) {
		if (!sw_net_in(n, i))
			continue;
		long long *row = t + (size_t)i * SW_NFIG, *own = a->st + (size_t)i * SW_NFIG;
		int up = n->st[i].up >= 0 && sw_net_in(n, n->st[i].up) ? n->st[i].up : -1;
		for (int f = 0; f < SW_NFIG; f++) {
			row[f] = sw_figures[f].distinct ? a->sub[(size_t)i * SW_NFIG + f] : row[f] + own[f];
			if (up >= 0 && !sw_figures[f].distinct)
				t[(size_t)up * SW_NFIG + f] += row[f];
		}
	}
	return t;
}

long long *sw_report_fill(const struct sw_net *n, const char *from, const char *to)
{
	return sw_report_fill_tree(n, from, to, NULL);
}

long long *sw_report_fill_tree(const struct sw_net *n, const char *from, const char *to,
			       long long **tree)
{
	struct acc a;
	acc_init(&a, n, tree != NULL);
	if (accumulate(&a, from, to) != 0) {
		free(a.grp);
		acc_free(&a);
		return NULL;
	}
	if (tree)
		*tree = subtrees(&a);
	long long *v = a.grp, *total = v + (size_t)n->ngroups * SW_NFIG;
	for (int i = 0; i < n->nst; i++) {
		if (!sw_net_in(n, i))
			continue;
		long long *row = v + (size_t)n->st[i].group * SW_NFIG, *own = a.st + (size_t)i * SW_NFIG;
		for (int f = 0; f < SW_NFIG; f++)
			if (!sw_figures[f].distinct) {
				row[f] += own[f];
				total[f] += own[f];
			}
	}
	acc_free(&a);
	return v;
}

long long *sw_report_stations(const struct sw_net *n, const char *from, const char *to)
{
	struct acc a;
	acc_init(&a, n, 1);
	long long *v = NULL;
	if (accumulate(&a, from, to) == 0) {
		v = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *v);
		for (size_t i = 0; i < (size_t)n->nst; i++)
			for (int f = 0; f < SW_NFIG; f++)
				v[i * SW_NFIG + f] = (sw_figures[f].distinct ? a.sub : a.st)[i * SW_NFIG + f];
	}
	free(a.grp);
	acc_free(&a);
	return v;
}
