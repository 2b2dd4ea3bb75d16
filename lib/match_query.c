/* The job register read back: placements, the follow-up figures per
 * station and coach, the retention checks due (see sw/match.h). The
 * months after a hire, the days between two dates and the figures'
 * decimals are worked out here in C, so that a SQLite file and a server
 * give the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "sw/err.h"
#include "sw/match.h"
#include "sw/store.h"
#include "sw/strset.h"
#include "sw/valid.h"

struct sw_stmt *sw_placements_stmt(struct sw_store *s, const struct sw_placement_filter *f)
{
	struct sw_stmt *st = sw_store_prep(s,
		"SELECT p.seeker_id, s.name, p.vacancy_id, v.title, e.name AS employer, p.stage, p.date,"
		"  coalesce(p.worker_id, s.worker_id) AS worker_id, s.station_code"
		" FROM placements p JOIN seekers s ON s.seeker_id = p.seeker_id"
		" JOIN vacancies v ON v.vacancy_id = p.vacancy_id"
		" JOIN employers e ON e.employer_id = v.employer_id"
		" WHERE (?1 IS NULL OR p.seeker_id = ?1) AND (?2 IS NULL OR p.vacancy_id = ?2)"
		"   AND (?3 IS NULL OR p.stage = ?3) AND (?4 IS NULL OR s.station_code = ?4)"
		"   AND (?5 IS NULL OR coalesce(p.worker_id, s.worker_id) = ?5)"
		"   AND (?6 IS NULL OR p.date >= ?6) AND (?7 IS NULL OR p.date <= ?7)"
		" ORDER BY p.seeker_id, p.vacancy_id, p.date,"
		"  CASE p.stage WHEN 'matched' THEN 0 WHEN 'referred' THEN 1 WHEN 'interviewed' THEN 2"
		"  WHEN 'hired' THEN 3 WHEN 'retained_3m' THEN 4 WHEN 'retained_6m' THEN 5 ELSE 6 END");
	const char *v[] = {f->seeker, f->vacancy, f->stage, f->station, f->worker, f->from, f->to};
	for (int i = 0; i < 7; i++)
		sw_stmt_bind_text(st, i + 1, v[i] && *v[i] ? v[i] : NULL);
	return st;
}

/* Rows being gathered. */

static void rows_start(struct sw_match_rows *r, int ncols, const char *const *names, const char *types)
{
	memset(r, 0, sizeof *r);
	r->ncols = ncols;
	r->names = names;
	snprintf(r->types, sizeof r->types, "%s", types);
}

/* A new row; its cells are set with cell(). */
static char **row_add(struct sw_match_rows *r)
{
	if (r->nrows == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->cells = sw_xrealloc(r->cells, r->cap * (size_t)r->ncols * sizeof *r->cells);
	}
	char **row = r->cells + r->nrows++ * (size_t)r->ncols;
	memset(row, 0, (size_t)r->ncols * sizeof *row);
	return row;
}

static char *cell(const char *v) { return v ? sw_xstrdup(v) : NULL; }

void sw_match_rows_free(struct sw_match_rows *r)
{
	for (size_t i = 0; i < r->nrows * (size_t)r->ncols; i++)
		free(r->cells[i]);
	free(r->cells);
	memset(r, 0, sizeof *r);
}

/* A figure column ('?') is a number once it holds a value, as a listing
 * of a query types a computed column by its first value. */
static void rows_typed(struct sw_match_rows *r)
{
	for (int c = 0; c < r->ncols; c++) {
		if (r->types[c] != '?')
			continue;
		r->types[c] = 's';
		for (size_t i = 0; i < r->nrows; i++)
			if (r->cells[i * (size_t)r->ncols + (size_t)c])
				r->types[c] = 'n';
	}
}

void sw_match_decimal1(double x, char out[32])
{
	/* round()'s printf to one decimal, read back, shown to 15 digits */
	sqlite3_snprintf(32, out, "%.*f", 1, x);
	sqlite3_snprintf(32, out, "%!.15g", strtod(out, NULL));
}

static char *decimal1(double x)
{
	char buf[32];
	sw_match_decimal1(x, buf);
	return sw_xstrdup(buf);
}

/* 100 * num / den to one decimal; NULL when den is 0. */
static char *percent(long long num, long long den)
{
	return den ? decimal1(100.0 * (double)num / (double)den) : NULL;
}

static char *integer(long long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", v);
	return sw_xstrdup(buf);
}

/* stats: the figures of one station or coach. */
struct group {
	char *id;		/* "" for none */
	long long registered, referred, starts, oow, oow_started, due3, kept3, due6, kept6, open;
	long *days;		/* days to the first referral, of those referred */
	size_t ndays, capdays;
};

/* The groups of one level, found by id. */
struct level {
	struct group *g;
	size_t n, cap;
	struct sw_strset ids;	/* id -> index */
};

static struct group *level_get(struct level *l, const char *id)
{
	id = id ? id : "";
	int i = sw_strset_put(&l->ids, 0, id, sw_str_hash(id), (int)l->n);
	if (i >= 0)
		return &l->g[i];
	if (l->n == l->cap)
		l->g = sw_xrealloc(l->g, (l->cap = l->cap ? l->cap * 2 : 16) * sizeof *l->g);
	struct group *g = &l->g[l->n++];
	memset(g, 0, sizeof *g);
	g->id = sw_xstrdup(id);
	return g;
}

static void level_free(struct level *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->g[i].id);
		free(l->g[i].days);
	}
	free(l->g);
	sw_strset_free(&l->ids);
}

/* One seeker's facts, as of the date, gathered from its rows. A job kept
 * 6 months was kept 3 (as in due). */
struct facts {
	char *seeker, *station, *worker, *vacancy;	/* vacancy: of the last row */
	char registered[11], referred[11];	/* "" for none */
	long long starts, due3, kept3, due6, kept6;
	int oow, open, kept_here;	/* kept_here: kept3 counted at this vacancy */
};

static char *text_dup(struct sw_stmt *st, int col)
{
	const char *v = sw_stmt_text(st, col);
	return sw_xstrdup(v ? v : "");
}

static void facts_start(struct facts *f, struct sw_stmt *q)
{
	memset(f, 0, sizeof *f);
	f->seeker = text_dup(q, 0);
	f->station = text_dup(q, 1);
	f->worker = text_dup(q, 2);
	f->oow = (int)sw_stmt_int64(q, 3);
	snprintf(f->registered, sizeof f->registered, "%s", sw_stmt_text(q, 4) ? sw_stmt_text(q, 4) : "");
	f->open = 1;
}

/* A placement row of q (none when its vacancy is NULL). */
static void facts_add(struct facts *f, struct sw_stmt *q, const char *on)
{
	const char *v = sw_stmt_text(q, 5), *stage = sw_stmt_text(q, 6), *date = sw_stmt_text(q, 7);
	char due[11];
	if (!v)
		return;
	if (!f->vacancy || strcmp(v, f->vacancy) != 0) {
		free(f->vacancy);
		f->vacancy = sw_xstrdup(v);
		f->kept_here = 0;
	}
	if (strcmp(stage, "matched") != 0 && (!f->referred[0] || strcmp(date, f->referred) < 0))
		snprintf(f->referred, sizeof f->referred, "%s", date);
	int r6 = strcmp(stage, "retained_6m") == 0;
	if (strcmp(stage, "hired") == 0) {
		f->starts++;
		sw_match_add_months(date, 3, due);
		f->due3 += strcmp(due, on) <= 0;
		sw_match_add_months(date, 6, due);
		f->due6 += strcmp(due, on) <= 0;
	} else if ((r6 || strcmp(stage, "retained_3m") == 0) && !f->kept_here) {
		f->kept3++;
		f->kept_here = 1;
	}
	f->kept6 += r6;
	if (r6 || strcmp(stage, "ended") == 0)
		f->open = 0;
}

static void facts_end(struct facts *f, struct level *stations, struct level *coaches)
{
	struct group *g[] = {level_get(stations, f->station), level_get(coaches, f->worker)};
	for (int i = 0; i < 2; i++) {
		g[i]->registered++;
		g[i]->starts += f->starts;
		g[i]->oow += f->oow;
		g[i]->oow_started += f->oow && f->starts > 0;
		g[i]->due3 += f->due3;
		g[i]->kept3 += f->kept3 < f->due3 ? f->kept3 : f->due3;
		g[i]->due6 += f->due6;
		g[i]->kept6 += f->kept6 < f->due6 ? f->kept6 : f->due6;
		g[i]->open += f->open;
		if (!f->referred[0])
			continue;
		g[i]->referred++;
		if (!f->registered[0])
			continue;
		if (g[i]->ndays == g[i]->capdays) {
			g[i]->capdays = g[i]->capdays ? g[i]->capdays * 2 : 16;
			g[i]->days = sw_xrealloc(g[i]->days, g[i]->capdays * sizeof *g[i]->days);
		}
		g[i]->days[g[i]->ndays++] = sw_date_days(f->referred) - sw_date_days(f->registered);
	}
	free(f->seeker);
	free(f->station);
	free(f->worker);
	free(f->vacancy);
}

static int cmp_long(const void *a, const void *b)
{
	return (*(const long *)a > *(const long *)b) - (*(const long *)a < *(const long *)b);
}

static int cmp_group(const void *a, const void *b)
{
	return strcmp(((const struct group *)a)->id, ((const struct group *)b)->id);
}

static const char *const stats_cols[] = {
	"level", "id", "registered", "referred", "job_starts", "employment_rate",
	"median_days_to_referral", "retention_3m", "retention_6m", "caseload", "flag"};

/* The rows of a level's groups, by id. */
static void level_rows(struct sw_match_rows *r, const char *name, struct level *l)
{
	if (l->n)
		qsort(l->g, l->n, sizeof *l->g, cmp_group);
	for (size_t i = 0; i < l->n; i++) {
		struct group *g = &l->g[i];
		char **row = row_add(r);
		row[0] = cell(name);
		row[1] = cell(g->id);
		row[2] = integer(g->registered);
		row[3] = integer(g->referred);
		row[4] = integer(g->starts);
		row[5] = percent(g->oow_started, g->oow);
		if (g->ndays) {	/* the middle one, or the mean of the middle two */
			qsort(g->days, g->ndays, sizeof *g->days, cmp_long);
			row[6] = decimal1(((double)g->days[(g->ndays - 1) / 2] + (double)g->days[g->ndays / 2]) / 2);
		}
		row[7] = percent(g->kept3, g->due3);
		row[8] = percent(g->kept6, g->due6);
		row[9] = integer(g->open);
		row[10] = cell(*name == 'c' && g->open > 20 ? "caseload above 20" : "");
	}
}

/* Each seeker registered by ?1 (and in [?2, ?3]) with its placements up
 * to ?1, by seeker and vacancy. */
static const char stats_sql[] =
	"SELECT s.seeker_id, s.station_code, s.worker_id, coalesce(s.out_of_work, 1), s.registered_on,"
	"  p.vacancy_id, p.stage, p.date"
	" FROM seekers s LEFT JOIN placements p ON p.seeker_id = s.seeker_id AND p.date <= ?1"
	" WHERE (s.registered_on IS NULL OR s.registered_on <= ?1)"
	"  AND (?2 IS NULL OR s.registered_on >= ?2) AND (?3 IS NULL OR s.registered_on <= ?3)"
	" ORDER BY s.seeker_id, p.vacancy_id";

int sw_match_stats(struct sw_store *s, const char *on, const char *from, const char *to,
		   struct sw_match_rows *out)
{
	struct sw_stmt *q = sw_store_prep(s, stats_sql);
	sw_stmt_bind_text(q, 1, on);
	sw_stmt_bind_text(q, 2, from && *from ? from : NULL);
	sw_stmt_bind_text(q, 3, to && *to ? to : NULL);
	struct level stations = {0}, coaches = {0};
	struct facts f = {0};
	int rc;
	while ((rc = sw_stmt_step(q)) == SW_ROW) {
		if (!f.seeker || strcmp(sw_stmt_text(q, 0), f.seeker) != 0) {
			if (f.seeker)
				facts_end(&f, &stations, &coaches);
			facts_start(&f, q);
		}
		facts_add(&f, q, on);
	}
	sw_stmt_finalize(q);
	if (f.seeker)
		facts_end(&f, &stations, &coaches);
	rows_start(out, 11, stats_cols, "ss????????s");
	level_rows(out, "station", &stations);	/* stations first, as ever */
	level_rows(out, "coach", &coaches);
	rows_typed(out);
	level_free(&stations);
	level_free(&coaches);
	if (rc == SW_DONE)
		return 0;
	sw_match_rows_free(out);
	return -1;
}

static const char *const due_cols[] = {
	"seeker_id", "name", "vacancy_id", "employer", "hired_on", "check_stage", "due_on",
	"days_overdue", "worker_id", "station_code"};

/* The hires by ?1 with each check not answered by then (its stage, a
 * 6-month retention for the 3-month check, or an end); which are due is
 * decided in C. */
static const char due_sql[] =
	"WITH checks(stage, months) AS (VALUES ('retained_3m', 3), ('retained_6m', 6))"
	" SELECT h.seeker_id, s.name, h.vacancy_id, e.name, h.date, c.stage, c.months,"
	"  coalesce(h.worker_id, s.worker_id), s.station_code"
	" FROM placements h CROSS JOIN checks c"
	" JOIN seekers s ON s.seeker_id = h.seeker_id"
	" JOIN vacancies v ON v.vacancy_id = h.vacancy_id"
	" JOIN employers e ON e.employer_id = v.employer_id"
	" WHERE h.stage = 'hired' AND h.date <= ?1"
	"   AND NOT EXISTS (SELECT 1 FROM placements q WHERE q.seeker_id = h.seeker_id"
	"     AND q.vacancy_id = h.vacancy_id AND q.date <= ?1"
	"     AND (q.stage = c.stage OR q.stage = 'ended'"
	"     OR (c.stage = 'retained_3m' AND q.stage = 'retained_6m')))";

/* Oldest due first, then by seeker, vacancy and check (a seeker holds one
 * hire at a vacancy: no two rows tie). */
static int cmp_due(const void *a, const void *b)
{
	char *const *x = a, *const *y = b;
	static const int keys[] = {6, 0, 2, 5};
	for (int i = 0; i < 4; i++) {
		int c = strcmp(x[keys[i]], y[keys[i]]);
		if (c)
			return c;
	}
	return 0;
}

int sw_match_due(struct sw_store *s, const char *on, struct sw_match_rows *out)
{
	struct sw_stmt *q = sw_store_prep(s, due_sql);
	sw_stmt_bind_text(q, 1, on);
	rows_start(out, 10, due_cols, "ssssdss?ss");
	long today = sw_date_days(on);
	int rc;
	while ((rc = sw_stmt_step(q)) == SW_ROW) {
		char due[11];
		sw_match_add_months(sw_stmt_text(q, 4), (int)sw_stmt_int64(q, 6), due);
		if (strcmp(due, on) > 0)
			continue;
		char **row = row_add(out);
		for (int i = 0; i < 6; i++)
			row[i] = cell(sw_stmt_text(q, i));
		row[6] = cell(due);
		row[7] = integer(today - sw_date_days(due));
		row[8] = cell(sw_stmt_text(q, 7));
		row[9] = cell(sw_stmt_text(q, 8));
	}
	sw_stmt_finalize(q);
	if (rc != SW_DONE) {
		sw_match_rows_free(out);
		return -1;
	}
	if (out->nrows)	/* (qsort wants an array, even of nothing) */
		qsort(out->cells, out->nrows, (size_t)out->ncols * sizeof *out->cells, cmp_due);
	rows_typed(out);
	return 0;
}
