/* The report's figures computed over one or more databases and rolled up
 * the station hierarchy. Every figure is first counted per station (its
 * own records); a row of the report adds its stations' counts, except the
 * figures of distinct people, which are counted again per row so that a
 * person served by two stations of a row counts once. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/audit.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/place.h"
#include "sw/report.h"
#include "sw/reportacc.h"
#include "sw/station.h"
#include "sw/strset.h"
#include "sw/valid.h"

/* The station network plus its index of codes. */
struct net_priv {
	struct sw_net pub;
	struct sw_strset codes;	/* code -> station index */
	struct sw_placer **place;	/* per database */
	long long (*unplaced)[2];	/* per database: employers, seekers */
};

static char *col_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? sw_xstrdup(s) : NULL;
}

static int finish(sqlite3 *db, sqlite3_stmt *st, int rc)
{
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "report");
		return -1;
	}
	return 0;
}

/* Sort key of a station: its codes from the root joined by \1, which
 * sorts below every printable character, so children follow parents. */
static char *tree_key(struct sw_station *st, int i)
{
	char *chain[64];
	int n = 0;
	for (int k = i; k >= 0 && n < 64; k = st[k].up)
		chain[n++] = st[k].code;
	size_t len = 1;
	for (int k = 0; k < n; k++)
		len += strlen(chain[k]) + 1;
	char *key = sw_xmalloc(len), *p = key;
	while (n--)
		p += sprintf(p, "%s%s", chain[n], n ? "\1" : "");
	*p = 0;
	return key;
}

static char **sort_keys;
static int by_key(const void *a, const void *b)
{
	return strcmp(sort_keys[*(const int *)a], sort_keys[*(const int *)b]);
}

/* Puts the stations in tree order and indexes their codes. */
static void net_order(struct net_priv *p)
{
	struct sw_net *n = &p->pub;
	struct sw_strset idx = {0};
	for (int i = 0; i < n->nst; i++)
		sw_strset_put(&idx, 0, n->st[i].code, sw_str_hash(n->st[i].code), i);
	for (int i = 0; i < n->nst; i++) {
		const char *par = n->st[i].parent;
		/* a dangling parent makes a root */
		n->st[i].up = par ? sw_strset_get(&idx, 0, par, sw_str_hash(par)) : -1;
	}
	/* Parent cycles cannot be imported; guard anyway by depth in tree_key. */
	char **keys = sw_xcalloc((size_t)n->nst, sizeof *keys);
	int *order = sw_xcalloc((size_t)n->nst, sizeof *order), *where = sw_xcalloc((size_t)n->nst, sizeof *where);
	for (int i = 0; i < n->nst; i++) {
		keys[i] = tree_key(n->st, i);
		order[i] = i;
	}
	sort_keys = keys;
	qsort(order, (size_t)n->nst, sizeof *order, by_key);
	struct sw_station *sorted = sw_xcalloc((size_t)n->nst, sizeof *sorted);
	for (int i = 0; i < n->nst; i++) {
		sorted[i] = n->st[order[i]];
		where[order[i]] = i;
	}
	for (int i = 0; i < n->nst; i++) {
		if (sorted[i].up >= 0)
			sorted[i].up = where[sorted[i].up];
		sw_strset_put(&p->codes, 0, sorted[i].code, sw_str_hash(sorted[i].code), i);
		free(keys[i]);
	}
	free(n->st);
	n->st = sorted;
	free(keys);
	free(order);
	free(where);
	sw_strset_free(&idx);
}

/* The stations of db, with their reports column where the schema has it
 * (a database read as it is may be older). */
static sqlite3_stmt *stations_stmt(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT code, name, level, parent_code, opened_on, closed_on, reports"
			       " FROM stations ORDER BY code", -1, &st, NULL) == SQLITE_OK)
		return st;
	return sw_db_prepare(db, "SELECT code, name, level, parent_code, opened_on, closed_on, NULL"
			     " FROM stations ORDER BY code");
}

/* Stations of db not yet in n (an earlier database names a code). */
static void load_stations(struct sw_net *n, sqlite3 *db, struct sw_strset *seen, int *cap)
{
	sqlite3_stmt *st = stations_stmt(db);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		if (sw_strset_put(seen, 0, code, sw_str_hash(code), 0) != -1)
			continue;
		if (n->nst == *cap)
			n->st = sw_xrealloc(n->st, (size_t)(*cap = *cap ? 2 * *cap : 64) * sizeof *n->st);
		struct sw_station *s = &n->st[n->nst++];
		s->code = col_dup(st, 0);
		s->name = col_dup(st, 1);
		s->level = col_dup(st, 2);
		s->parent = col_dup(st, 3);
		s->opened = col_dup(st, 4);
		s->closed = col_dup(st, 5);
		s->reports = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 6) != 0;
	}
	sqlite3_finalize(st);
}

/* Workers of db: one worker per worker_id and station, so that a county's
 * W001 and another county's W001 are two people, while a station's staff
 * list present in two of its databases counts once. */
static void load_workers(struct sw_net *n, sqlite3 *db, struct sw_strset *seen, int *cap)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT worker_id, station_code, certificate, hired_on, left_on,"
					 " name FROM workers ORDER BY worker_id");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		int at = sw_net_find(n, (const char *)sqlite3_column_text(st, 1));
		if (sw_strset_put(seen, at, id, sw_str_hash(id), 0) != -1)
			continue;
		if (n->nw == *cap)
			n->w = sw_xrealloc(n->w, (size_t)(*cap = *cap ? 2 * *cap : 64) * sizeof *n->w);
		struct sw_worker *w = &n->w[n->nw++];
		w->id = col_dup(st, 0);
		w->name = col_dup(st, 5);
		w->station = col_dup(st, 1);
		w->certificate = col_dup(st, 2);
		w->hired = col_dup(st, 3);
		w->left = col_dup(st, 4);
	}
	sqlite3_finalize(st);
}

/* Records without a station of their own, per district. Vacancies and
 * placements follow their employer and seeker. */
static const char *const unplaced_sql[2] = {
	"SELECT district, count(*) FROM employers WHERE station_code IS NULL GROUP BY district",
	"SELECT s.district, count(*) FROM seekers s LEFT JOIN clients c ON c.client_id = s.client_id"
	" WHERE s.station_code IS NULL AND c.station_code IS NULL GROUP BY s.district",
};

/* Places each database's employment records and counts those that belong
 * to no station; if there are any, adds the row "(unattributed)" as a
 * station of its own, a root after the others. 0 or -1 (printed). */
static int net_place(struct net_priv *p)
{
	struct sw_net *n = &p->pub;
	long long any = 0;
	p->place = sw_xcalloc((size_t)n->ndb + 1, sizeof *p->place);
	p->unplaced = sw_xcalloc((size_t)n->ndb + 1, sizeof *p->unplaced);
	for (int d = 0; d < n->ndb; d++) {
		if (!(p->place[d] = sw_placer_new(n, n->db[d])))
			return -1;
		for (int k = 0; k < 2; k++) {
			sqlite3_stmt *st = sw_db_prepare(n->db[d], unplaced_sql[k]);
			int rc;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				if (sw_placer_find(p->place[d], NULL, (const char *)sqlite3_column_text(st, 0), NULL) < 0)
					p->unplaced[d][k] += sqlite3_column_int64(st, 1);
			if (finish(n->db[d], st, rc) != 0)
				return -1;
			any += p->unplaced[d][k];
		}
	}
	if (!any)
		return 0;
	n->st = sw_xrealloc(n->st, (size_t)(n->nst + 1) * sizeof *n->st);
	n->st[n->nst] = (struct sw_station){sw_xstrdup("(unattributed)"), sw_xstrdup("(unattributed)"),
		sw_xstrdup("unattributed"), NULL, NULL, NULL, -1, -1, 0};
	sw_strset_put(&p->codes, 0, n->st[n->nst].code, sw_str_hash(n->st[n->nst].code), n->nst);
	n->unplaced = n->nst++;
	return 0;
}

void sw_net_warn_unplaced(const struct sw_net *n)
{
	const struct net_priv *p = (const struct net_priv *)n;
	for (int d = 0; p->unplaced && d < n->ndb; d++) {
		long long e = p->unplaced[d][0], s = p->unplaced[d][1];
		char ew[48] = "", what[96] = "";
		if (e)
			snprintf(ew, sizeof ew, sw_ngettext("%lld employer", "%lld employers", (unsigned long)e), e);
		if (e && s)
			snprintf(what, sizeof what, sw_ngettext("%s and %lld job seeker", "%s and %lld job seekers",
								(unsigned long)s), ew, s);
		else if (s)
			snprintf(what, sizeof what, sw_ngettext("%lld job seeker", "%lld job seekers",
								(unsigned long)s), s);
		else
			snprintf(what, sizeof what, "%s", ew);
		if (e || s)
			sw_warn(sw_ngettext("%s: %s belongs to no station (no station_code, client or district"
					    " naming a division): counted on the row (unattributed)",
					    "%s: %s belong to no station (no station_code, client or district"
					    " naming a division): counted on the row (unattributed)",
					    (unsigned long)(e + s)), sw_db_name(n->db[d]), what);
	}
}

int sw_net_expected(const struct sw_net *n, int i)
{
	const struct sw_station *s = &n->st[i];
	return s->reports >= 0 ? s->reports : strcmp(s->level, "township") == 0;
}

int sw_net_reporter(const struct sw_net *n, int i)
{
	while (i >= 0 && !sw_net_expected(n, i))
		i = n->st[i].up;
	return i;
}

struct sw_net *sw_net_load(sqlite3 **dbs, int ndb)
{
	struct net_priv *p = sw_xcalloc(1, sizeof *p);
	struct sw_net *n = &p->pub;
	struct sw_strset seen = {0}, wseen = {0};
	int cap = 0, wcap = 0;
	n->db = dbs;
	n->ndb = ndb;
	n->unplaced = -1;
	for (int d = 0; d < ndb; d++)
		load_stations(n, dbs[d], &seen, &cap);
	sw_strset_free(&seen);
	net_order(p);
	for (int d = 0; d < ndb; d++)
		load_workers(n, dbs[d], &wseen, &wcap);
	sw_strset_free(&wseen);
	if (net_place(p) != 0) {
		sw_net_free(n);
		return NULL;
	}
	n->rep = sw_xcalloc((size_t)n->nst + 1, sizeof *n->rep);
	sw_net_scope(n, NULL, SW_BY_STATION);
	return n;
}

void sw_net_free(struct sw_net *n)
{
	if (!n)
		return;
	struct net_priv *p = (struct net_priv *)n;
	for (int i = 0; i < n->nst; i++) {
		struct sw_station *s = &n->st[i];
		free(s->code), free(s->name), free(s->level);
		free(s->parent), free(s->opened), free(s->closed);
	}
	for (int i = 0; i < n->nw; i++) {
		struct sw_worker *w = &n->w[i];
		free(w->id), free(w->name), free(w->station);
		free(w->certificate), free(w->hired), free(w->left);
	}
	for (int d = 0; p->place && d < n->ndb; d++)
		sw_placer_free(p->place[d]);
	free(p->place);
	free(p->unplaced);
	free(n->w);
	free(n->st);
	free(n->rep);
	sw_strset_free(&p->codes);
	free(p);
}

struct sw_net *sw_net_flat(char *const *codes, char *const *names, char *const *levels, int cnt)
{
	struct net_priv *p = sw_xcalloc(1, sizeof *p);
	struct sw_net *n = &p->pub;
	n->st = sw_xcalloc((size_t)cnt + 1, sizeof *n->st);
	n->rep = sw_xcalloc((size_t)cnt + 1, sizeof *n->rep);
	for (int i = 0; i < cnt; i++) {
		n->st[i] = (struct sw_station){sw_xstrdup(codes[i]), sw_xstrdup(names[i]),
			sw_xstrdup(levels[i]), NULL, NULL, NULL, -1, i, -1};
		n->rep[i] = i;
		sw_strset_put(&p->codes, 0, codes[i], sw_str_hash(codes[i]), i);
	}
	n->nst = n->ngroups = cnt;
	n->unplaced = -1;
	return n;
}

int sw_net_find(const struct sw_net *n, const char *code)
{
	return code ? sw_strset_get(&((struct net_priv *)n)->codes, 0, code, sw_str_hash(code)) : -1;
}

int sw_net_scope(struct sw_net *n, const char *root, int by)
{
	static const char *const levels[] = {NULL, "township", "regional", "county", NULL};
	int r = root ? sw_net_find(n, root) : -1;
	if (root && r < 0)
		return -1;
	n->ngroups = 0;
	for (int i = 0; i < n->nst; i++) {
		struct sw_station *s = &n->st[i];
		int in = !root;
		for (int k = i; k >= 0 && !in; k = n->st[k].up)
			in = k == r;
		s->group = -1;
		if (!in)
			continue;
		if (by == SW_BY_TOTAL) {
			s->group = 0;
			n->ngroups = 1;
			n->rep[0] = r;
			continue;
		}
		/* the ancestor-or-self at the level, else the station itself;
		 * tree order puts that ancestor first, so it has its row */
		int g = i;
		for (int k = i; levels[by] && k >= 0; k = n->st[k].up)
			if (strcmp(n->st[k].level, levels[by]) == 0) {
				g = k;
				break;
			}
		if (g == i) {
			s->group = n->ngroups;
			n->rep[n->ngroups++] = i;
		} else
			s->group = n->st[g].group;
	}
	return 0;
}

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

/* Counts whose first column is a station code and the others figures. */
struct query {
	const char *sql;
	int nf, fig[4];
};
static const struct query queries[] = {
	{"SELECT station_code, sum(registered_on <= ?2),"
	 " sum(registered_on >= ?1 AND registered_on <= ?2) FROM clients GROUP BY station_code",
	 2, {F_CLIENTS_END, F_CLIENTS_NEW}},
	{"SELECT station_code, sum(opened_on >= ?1 AND opened_on <= ?2),"
	 " sum(closed_on >= ?1 AND closed_on <= ?2),"
	 " sum(opened_on <= ?2 AND (closed_on IS NULL OR closed_on > ?2))"
	 " FROM cases GROUP BY station_code",
	 3, {F_CASES_OPENED, F_CASES_CLOSED, F_CASES_OPEN_END}},
};

/* Employment counts: the first three columns say where the records belong
 * (station code, district, second district: see sw_placer_find), the
 * others are figures. Grouped by the first three, so that a seeker counted
 * distinct in a group is one seeker at one station. */
#define SEEKER_STATION \
	"coalesce(s.station_code, (SELECT c.station_code FROM clients c WHERE c.client_id = s.client_id))"
#define MATCHED "('matched', 'referred', 'interviewed', 'hired', 'retained_3m', 'retained_6m', 'ended')"
static const struct query placed[] = {
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

static const char *const svc_types[] = {"visit", "counselling", "phone", "referral", "employment",
					"other", NULL};
static const char *const act_kinds[] = {"group", "community", "outreach", "fair", "training", "other", NULL};
static const char *const res_kinds[] = {"policy", "funds", "goods", "venue", "professional", "volunteer",
					"job", "other", NULL};

/* Index of k in keys; a key outside them counts as the last, "other". */
static int kind_index(const char *const *keys, const char *k)
{
	int i = 0;
	for (; keys[i + 1]; i++)
		if (k && strcmp(keys[i], k) == 0)
			return i;
	return i;
}

/* Counts who (of namespace ns: 0 clients, 1 volunteers, 2 organisations)
 * once in figure fig of station i's row, of the total and, for
 * fingerprints, of every subtree station i is in. */
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

/* Index of the in-scope station code, or -1. */
static int in_scope(const struct sw_net *n, const char *code)
{
	int i = sw_net_find(n, code);
	return i >= 0 && sw_net_in(n, i) ? i : -1;
}

static sqlite3_stmt *period_stmt(sqlite3 *db, const char *sql, const char *from, const char *to)
{
	sqlite3_stmt *st = sw_db_prepare(db, sql);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	return st;
}

/* A pass that reads each page once (the services' index) gains nothing
 * from the page cache: held small meanwhile, a year's report takes the
 * memory of a month's instead of the whole cache. Not in a write
 * transaction (closed months checked during an import), whose changed
 * pages the cache holds. Returns the size it had (PRAGMA cache_size) for
 * cache_back, or 0 when it is left as it is. */
static int small_cache(sqlite3 *db)
{
	if (sqlite3_txn_state(db, "main") == SQLITE_TXN_WRITE)
		return 0;
	sqlite3_stmt *st = sw_db_prepare(db, "PRAGMA cache_size");
	int was = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (was && sqlite3_exec(db, "PRAGMA cache_size=-2048", NULL, NULL, NULL) != SQLITE_OK)
		was = 0;
	return was;
}

/* The page cache as small_cache found it. */
static void cache_back(sqlite3 *db, int was)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", was);
	if (was)
		sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Services: one pass over the date-first covering index. */
static int scan_services(struct acc *a, int d, const char *from, const char *to)
{
	const struct sw_net *n = a->n;
	sqlite3 *db = n->db[d];
	int cache = small_cache(db);
	sqlite3_stmt *st = period_stmt(db, "SELECT station_code, type, minutes, client_id"
		" FROM services WHERE date >= ?1 AND date <= ?2", from, to);
	int rc, last = -1;
	char lastcode[64] = "";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		int i = strcmp(code, lastcode) == 0 ? last : sw_net_find(n, code);
		if (i != last && strlen(code) < sizeof lastcode) {
			strcpy(lastcode, code);
			last = i;
		}
		if (i < 0 || !sw_net_in(n, i))
			continue;
		long long *v = a->st + (size_t)i * SW_NFIG;
		v[F_SERVICES]++;
		v[F_SVC_TYPE + kind_index(svc_types, (const char *)sqlite3_column_text(st, 1))]++;
		v[F_SERVICE_HOURS] += sqlite3_column_int64(st, 2);
		count_once(a, d, 0, i, F_PEOPLE_SERVED, (const char *)sqlite3_column_text(st, 3));
	}
	rc = finish(db, st, rc);
	cache_back(db, cache);
	return rc;
}

/* Volunteer hours, at the station of the activity or service they were
 * given at; the volunteers and their organisations counted once a row. */
static int scan_volunteers(struct acc *a, int d, const char *from, const char *to)
{
	sqlite3 *db = a->n->db[d];
	sqlite3_stmt *st = period_stmt(db, "SELECT coalesce(a.station_code, s.station_code, v.station_code),"
		" h.volunteer_id, v.org_id, h.minutes FROM volunteer_hours h"
		" JOIN volunteers v ON v.volunteer_id = h.volunteer_id"
		" LEFT JOIN activities a ON a.activity_id = h.activity_id"
		" LEFT JOIN services s ON s.service_id = h.service_id"
		" WHERE h.date >= ?1 AND h.date <= ?2", from, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = in_scope(a->n, (const char *)sqlite3_column_text(st, 0));
		if (i < 0)
			continue;
		long long *v = a->st + (size_t)i * SW_NFIG;
		v[F_VOL_SERVICES]++;
		v[F_VOL_HOURS] += sqlite3_column_int64(st, 3);
		count_once(a, d, 1, i, F_VOLUNTEERS, (const char *)sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			count_once(a, d, 2, i, F_ORGS_ENGAGED, (const char *)sqlite3_column_text(st, 2));
	}
	return finish(db, st, rc);
}

/* Resource uses, at the station of the client or activity they went to
 * (else the resource's); the providing organisations counted once a row. */
static int scan_resources(struct acc *a, int d, const char *from, const char *to)
{
	sqlite3 *db = a->n->db[d];
	sqlite3_stmt *st = period_stmt(db, "SELECT coalesce(c.station_code, a.station_code, r.station_code),"
		" r.kind, coalesce(u.value, 0), r.org_id FROM resource_uses u"
		" JOIN resources r ON r.resource_id = u.resource_id"
		" LEFT JOIN clients c ON c.client_id = u.client_id"
		" LEFT JOIN activities a ON a.activity_id = u.activity_id"
		" WHERE u.date >= ?1 AND u.date <= ?2", from, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = in_scope(a->n, (const char *)sqlite3_column_text(st, 0));
		if (i < 0)
			continue;
		long long *v = a->st + (size_t)i * SW_NFIG, value = sqlite3_column_int64(st, 2);
		int k = kind_index(res_kinds, (const char *)sqlite3_column_text(st, 1));
		v[F_RES_USES]++;
		v[F_RES_VALUE] += value;
		v[F_RES_KIND + k]++;
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			count_once(a, d, 2, i, F_ORGS_ENGAGED, (const char *)sqlite3_column_text(st, 3));
	}
	return finish(db, st, rc);
}

/* Needs found and met in the period, at their client's station; the days
 * each met need took, kept for the median of each row (medians). */
static int scan_needs(struct acc *a, sqlite3 *db, const char *from, const char *to)
{
	sqlite3_stmt *st = period_stmt(db, "SELECT c.station_code, n.identified_on, n.met_on, n.status"
		" FROM needs n JOIN clients c ON c.client_id = n.client_id"
		" WHERE (n.identified_on >= ?1 AND n.identified_on <= ?2)"
		" OR (n.met_on >= ?1 AND n.met_on <= ?2)", from, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int i = in_scope(a->n, (const char *)sqlite3_column_text(st, 0));
		const char *found = (const char *)sqlite3_column_text(st, 1);
		const char *met = (const char *)sqlite3_column_text(st, 2);
		const char *status = (const char *)sqlite3_column_text(st, 3);
		if (i < 0)
			continue;
		if (strcmp(found, from) >= 0 && strcmp(found, to) <= 0)
			a->st[(size_t)i * SW_NFIG + F_NEEDS_NEW]++;
		if (!met || strcmp(status, "met") != 0 || strcmp(met, from) < 0 || strcmp(met, to) > 0)
			continue;
		a->st[(size_t)i * SW_NFIG + F_NEEDS_MET]++;
		if (a->nmet == a->capmet)
			a->met = sw_xrealloc(a->met, (a->capmet = a->capmet ? 2 * a->capmet : 64) * sizeof *a->met);
		a->met[a->nmet++] = (struct met){i, F_NEEDS_DAYS, sw_date_days(met) - sw_date_days(found)};
	}
	return finish(db, st, rc);
}

/* What lib/workfig.c adds to the pass (sw/reportacc.h). */
void sw_acc_add(struct sw_acc *x, const char *code, int fig, long long v)
{
	add((struct acc *)x, code, fig, v);
}

void sw_acc_days(struct sw_acc *x, const char *code, int fig, long days)
{
	struct acc *a = (struct acc *)x;
	int i = in_scope(a->n, code);
	if (i < 0)
		return;
	if (a->nmet == a->capmet)
		a->met = sw_xrealloc(a->met, (a->capmet = a->capmet ? 2 * a->capmet : 64) * sizeof *a->met);
	a->met[a->nmet++] = (struct met){i, fig, days};
}

const struct sw_net *sw_acc_net(const struct sw_acc *x)
{
	return ((const struct acc *)x)->n;
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

static int scan_activities(struct acc *a, sqlite3 *db, const char *from, const char *to)
{
	sqlite3_stmt *st = period_stmt(db, "SELECT station_code, kind, count(*),"
		" sum(coalesce(sessions, 1)), sum(coalesce(participants, 0))"
		" FROM activities WHERE date >= ?1 AND date <= ?2 GROUP BY station_code, kind", from, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		int k = kind_index(act_kinds, (const char *)sqlite3_column_text(st, 1));
		for (int j = 0; j < 3; j++) {
			long long v = sqlite3_column_int64(st, 2 + j);
			add(a, code, F_ACTIVITIES + j, v);
			add(a, code, F_ACT_KIND + 3 * k + j, v);
		}
		if (k == 2)
			add(a, code, F_COMMUNITY_VISITS, sqlite3_column_int64(st, 2));
	}
	return finish(db, st, rc);
}

/* Employment figures, at the station each group of records belongs to,
 * or on the row (unattributed). */
static int scan_placed(struct acc *a, int d, const char *from, const char *to)
{
	const struct net_priv *p = (const struct net_priv *)a->n;
	sqlite3 *db = a->n->db[d];
	for (size_t q = 0; q < sizeof placed / sizeof placed[0]; q++) {
		sqlite3_stmt *st = period_stmt(db, placed[q].sql, from, to);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *col[3];
			for (int j = 0; j < 3; j++)
				col[j] = (const char *)sqlite3_column_text(st, j);
			int i = sw_placer_find(p->place[d], col[0], col[1], col[2]);
			for (int j = 0; j < placed[q].nf; j++)
				add_at(a, i >= 0 ? i : a->n->unplaced, placed[q].fig[j], sqlite3_column_int64(st, 3 + j));
		}
		if (finish(db, st, rc) != 0)
			return -1;
	}
	return 0;
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

/* 1 if db has the table: a database read as it is may be older than
 * the tables of 五社联动, whose figures are then 0. */
static int has_table(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/* One pass: every database's records for [from, to] into a. */
static int accumulate(struct acc *a, const char *from, const char *to)
{
	const struct sw_net *n = a->n;
	for (int d = 0; d < n->ndb; d++) {
		sqlite3 *db = n->db[d];
		for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
			sqlite3_stmt *st = period_stmt(db, queries[q].sql, from, to);
			int rc;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW)
				for (int j = 0; j < queries[q].nf; j++)
					add(a, (const char *)sqlite3_column_text(st, 0), queries[q].fig[j],
					    sqlite3_column_int64(st, 1 + j));
			if (finish(db, st, rc) != 0)
				return -1;
		}
		if (scan_placed(a, d, from, to) != 0 || scan_activities(a, db, from, to) != 0 ||
		    scan_services(a, d, from, to) != 0 ||
		    (has_table(db, "volunteer_hours") && scan_volunteers(a, d, from, to) != 0) ||
		    (has_table(db, "resource_uses") && scan_resources(a, d, from, to) != 0) ||
		    (has_table(db, "needs") && scan_needs(a, db, from, to) != 0) ||
		    sw_work_scan((struct sw_acc *)a, db, from, to) != 0)
			return -1;
	}
	medians(a);
	count_network(a, to);
	sw_work_staff((struct sw_acc *)a, from, to);
	return 0;
}

static void acc_init(struct acc *a, const struct sw_net *n)
{
	memset(a, 0, sizeof *a);
	a->n = n;
	a->st = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *a->st);
	a->grp = sw_xcalloc((size_t)(n->ngroups + 1) * SW_NFIG, sizeof *a->grp);
	a->seen = sw_xcalloc((size_t)n->ngroups + 1 + (size_t)n->nst, sizeof *a->seen);
}

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
	acc_init(&a, n);
	if (tree)
		a.sub = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *a.sub);
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

/* 1 if figure f is hashed by fingerprints of version v. */
#define IN_VERSION(f, v) (sw_figures[f].since <= (v))

/* 1 if station i's figures of version v are all 0. */
static int zero_in(const struct sw_fp *fp, int i, int v)
{
	for (int f = 0; f < SW_NFIG; f++)
		if (IN_VERSION(f, v) && fp->v[(size_t)i * SW_NFIG + f])
			return 0;
	return 1;
}

/* Hashes a month's canonical text: one line per station and figure, in
 * tree order. Version 2 leaves out stations whose figures are all 0 (a
 * station opened after the month must not change it); version 1, kept to
 * recognise months closed before, has every station. Each version hashes
 * the figures it knew (sw_figure.since), in report order. */
static void fp_digest(const struct sw_fp *fp, const char *month, int version, char hex[65])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char sum[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	char line[512];
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	snprintf(line, sizeof line, "sw-report fingerprint %d\t%s\n", version, month);
	EVP_DigestUpdate(md, line, strlen(line));
	for (int i = 0; i < fp->n; i++) {
		const long long *v = fp->v + (size_t)i * SW_NFIG;
		if (version > 1 && zero_in(fp, i, version))
			continue;
		for (int f = 0; f < SW_NFIG; f++) {
			if (!IN_VERSION(f, version))
				continue;
			snprintf(line, sizeof line, "%s\t%s\t%lld\n", fp->code[i], sw_figures[f].key, v[f]);
			EVP_DigestUpdate(md, line, strlen(line));
		}
	}
	if (*fp->audit) {
		snprintf(line, sizeof line, "audit\t%s\n", fp->audit);
		EVP_DigestUpdate(md, line, strlen(line));
	}
	EVP_DigestFinal_ex(md, sum, &len);
	EVP_MD_CTX_free(md);
	for (unsigned i = 0; i < len && i < 32; i++)
		sprintf(hex + 2 * i, "%02x", sum[i]);
}

int sw_fp_zero(const struct sw_fp *fp, int i)
{
	return zero_in(fp, i, SW_FP_VERSION);
}

int sw_report_fp(sqlite3 *db, const char *month, struct sw_fp *fp)
{
	char from[11], to[11];
	sw_month_first(month, from);
	sw_month_last(month, to);
	memset(fp, 0, sizeof *fp);
	struct sw_net *n = sw_net_load(&db, 1);
	if (!n)
		return -1;
	struct acc a;
	acc_init(&a, n);
	a.sub = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *a.sub);
	int rc = accumulate(&a, from, to);
	if (rc == 0) {
		fp->n = n->nst;
		fp->code = sw_xcalloc((size_t)n->nst + 1, sizeof *fp->code);
		fp->v = sw_xcalloc((size_t)n->nst * SW_NFIG + 1, sizeof *fp->v);
		for (int i = 0; i < n->nst; i++) {
			fp->code[i] = sw_xstrdup(n->st[i].code);
			for (int f = 0; f < SW_NFIG; f++)
				fp->v[(size_t)i * SW_NFIG + f] = (sw_figures[f].distinct ? a.sub
					: a.st)[(size_t)i * SW_NFIG + f];
		}
		/* the audit trail's head when the month was closed: the bureau
		 * holding the fingerprint holds an anchor of the trail */
		rc = sw_audit_anchor(sw_store_of(db), month, fp->audit);
		fp_digest(fp, month, SW_FP_VERSION, fp->hex);
		fp_digest(fp, month, 3, fp->hex3);
		fp_digest(fp, month, 2, fp->hex2);
		fp_digest(fp, month, 1, fp->hex1);
	}
	free(a.grp);
	acc_free(&a);
	sw_net_free(n);
	return rc;
}

/* A month closed before version 3 holds no figure of 五社联动: its
 * fingerprints of version 1 and 2 match only while those figures stay 0.
 * Version 3 covers all but the figures of referrals and the workforce,
 * which a month closed then keeps as they are (lib/closed.c). */
int sw_fp_version(const struct sw_fp *fp, const char *stored)
{
	if (strcmp(stored, fp->hex) == 0)
		return SW_FP_VERSION;
	if (strcmp(stored, fp->hex3) == 0)
		return 3;
	for (int i = 0; i < fp->n; i++)
		for (int f = 0; f < SW_NFIG; f++)
			if (sw_figures[f].since == 3 && fp->v[(size_t)i * SW_NFIG + f])
				return 0;
	return strcmp(stored, fp->hex2) == 0 ? 2 : strcmp(stored, fp->hex1) == 0;
}

void sw_fp_free(struct sw_fp *fp)
{
	for (int i = 0; i < fp->n; i++)
		free(fp->code[i]);
	free(fp->code);
	free(fp->v);
	memset(fp, 0, sizeof *fp);
}

int sw_report_fingerprint(sqlite3 *db, const char *month, char hex[65])
{
	struct sw_fp fp;
	int rc = sw_report_fp(db, month, &fp);
	if (rc == 0)
		memcpy(hex, fp.hex, 65);
	sw_fp_free(&fp);
	return rc;
}

int sw_month_closed(sqlite3 *db, const char *month, char *hex, size_t n)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT fingerprint FROM closed_months WHERE month = ?");
	sqlite3_bind_text(st, 1, month, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	hex[0] = 0;
	if (rc == SQLITE_ROW)
		snprintf(hex, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sw_db_error(db, "closed_months");
		return -1;
	}
	return 0;
}
