/* The station network of a report: the stations and workers of one or
 * more databases united by code, in tree order, with the grouping --by and
 * --station choose, and where each database's employment records belong
 * (lib/report_place.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/place.h"
#include "sw/report.h"
#include "sw/store.h"
#include "sw/strset.h"

/* The station network plus its index of codes. */
struct net_priv {
	struct sw_net pub;
	struct sw_strset codes;	/* code -> station index */
	struct sw_placer **place;	/* per database */
	long long (*unplaced)[2];	/* per database: employers, seekers */
};

static char *col_dup(struct sw_stmt *st, int i)
{
	const char *s = sw_stmt_text(st, i);
	return s ? sw_xstrdup(s) : NULL;
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

/* 1 if db's stations have the reports column (a file read as it is may
 * be older; a server's schema is this build's), 0 if not, -1 (printed). */
static int has_reports(struct sw_store *db)
{
	struct sw_stmt *st = sw_store_columns(db, "stations");
	int rc, yes = 0;
	while ((rc = sw_stmt_step(st)) == SW_ROW)
		yes |= strcmp(sw_stmt_text(st, 0), "reports") == 0;
	sw_stmt_finalize(st);
	return rc == SW_DONE ? yes : -1;
}

/* Stations of db not yet in n (an earlier database names a code). 0 or
 * -1 (printed). */
static int load_stations(struct sw_net *n, struct sw_store *db, struct sw_strset *seen, int *cap)
{
	int reports = has_reports(db);
	if (reports < 0)
		return -1;
	struct sw_stmt *st = sw_store_prep(db, reports
		? "SELECT code, name, level, parent_code, opened_on, closed_on, reports FROM stations ORDER BY code"
		: "SELECT code, name, level, parent_code, opened_on, closed_on, NULL FROM stations ORDER BY code");
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *code = sw_stmt_text(st, 0);
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
		s->reports = sw_stmt_is_null(st, 6) ? -1 : sw_stmt_int64(st, 6) != 0;
	}
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

/* Workers of db: one worker per worker_id and station, so that a county's
 * W001 and another county's W001 are two people, while a station's staff
 * list present in two of its databases counts once. 0 or -1 (printed). */
static int load_workers(struct sw_net *n, struct sw_store *db, struct sw_strset *seen, int *cap)
{
	struct sw_stmt *st = sw_store_prep(db, "SELECT worker_id, station_code, certificate, hired_on, left_on,"
					   " name FROM workers ORDER BY worker_id");
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *id = sw_stmt_text(st, 0);
		int at = sw_net_find(n, sw_stmt_text(st, 1));
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
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
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
			struct sw_stmt *st = sw_store_prep(n->db[d], unplaced_sql[k]);
			int rc;
			while ((rc = sw_stmt_step(st)) == SW_ROW)
				if (sw_placer_find(p->place[d], NULL, sw_stmt_text(st, 0), NULL) < 0)
					p->unplaced[d][k] += sw_stmt_int64(st, 1);
			sw_stmt_finalize(st);
			if (rc != SW_DONE)
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

const struct sw_placer *sw_net_placer(const struct sw_net *n, int d)
{
	return ((const struct net_priv *)n)->place[d];
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
					    (unsigned long)(e + s)), sw_store_name(n->db[d]), what);
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

struct sw_net *sw_net_load(struct sw_store **dbs, int ndb)
{
	struct net_priv *p = sw_xcalloc(1, sizeof *p);
	struct sw_net *n = &p->pub;
	struct sw_strset seen = {0}, wseen = {0};
	int cap = 0, wcap = 0, rc = 0;
	n->db = dbs;
	n->ndb = ndb;
	n->unplaced = -1;
	for (int d = 0; d < ndb && rc == 0; d++)
		rc = load_stations(n, dbs[d], &seen, &cap);
	sw_strset_free(&seen);
	net_order(p);
	for (int d = 0; d < ndb && rc == 0; d++)
		rc = load_workers(n, dbs[d], &wseen, &wcap);
	sw_strset_free(&wseen);
	if (rc != 0 || net_place(p) != 0) {
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
