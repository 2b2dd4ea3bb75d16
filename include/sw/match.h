/* Employment matching: the job tables (employers, vacancies, job seekers,
 * placements) and the market in memory that scoring and assignment read.
 *
 * A market is loaded either from the database (the vacancies open on a
 * date, with the headcount their current hires leave, and the seekers not
 * in work) or straight from two CSV files, so that matching works in a
 * pipeline with no database at all. */
#ifndef SW_MATCH_H
#define SW_MATCH_H

#include <stdint.h>

#include "sw/import.h"

extern const struct sw_table sw_employers_table, sw_vacancies_table, sw_seekers_table,
	sw_placements_table;

/* Stages that hold a job (and use up one of the vacancy's headcount). */
#define SW_STAGE_IN_WORK "('hired','retained_3m','retained_6m')"
/* A CTE "inwork(seeker_id, vacancy_id)": the jobs held on date (a hire
 * recorded by then and no "ended" by then). */
#define SW_INWORK_CTE(date) \
	"inwork(seeker_id, vacancy_id) AS (SELECT DISTINCT p.seeker_id, p.vacancy_id" \
	" FROM placements p WHERE p.stage IN " SW_STAGE_IN_WORK " AND p.date <= " date \
	" AND NOT EXISTS (SELECT 1 FROM placements q WHERE q.seeker_id = p.seeker_id" \
	" AND q.vacancy_id = p.vacancy_id AND q.stage = 'ended' AND q.date <= " date "))"

struct sw_vac {
	char *id, *title, *employer;
	int *skills, nskills;	/* sorted skill numbers (sw_market.skill) */
	uint64_t mask;		/* bit (skill & 63) for each skill: a quick "no overlap" */
	int edu;		/* education_min rank, -1 when not given */
	int wage_min, wage_max;
	int district;		/* district number, -1 when unknown */
	int left;		/* headcount left */
	int accessible;
};

struct sw_seeker {
	char *id, *name;
	int *skills, nskills;
	uint64_t mask;
	int edu;		/* education rank */
	int wage;		/* desired monthly wage, -1 when not given */
	int district;
	int needs_accessible;
};

/* Everything a run matches over. Vacancies and seekers are sorted by id,
 * so that an index order is an id order (the tie-break of every ranking). */
struct sw_market {
	struct sw_vac *v;
	int nv;
	struct sw_seeker *s;
	int ns;
	char **skill;		/* skill number -> name */
	int nskill;
	char **district;	/* district number -> name */
	int ndistrict;
	void *priv;		/* interning tables, freed with the market */
	/* Another market through the same index and solver (sw/score.h):
	 * the rules its pairs are decided and scored by; NULL for jobs. */
	const struct sw_rules *rules;
};

/* Loads the market from the database as of date (YYYY-MM-DD): vacancies
 * open on that date with headcount left, seekers registered by then and
 * not in work, both read in one transaction. Returns NULL (printed) on
 * failure. */
struct sw_store;
struct sw_market *sw_market_from_db(struct sw_store *s, const char *date);
/* A read transaction, so that a market's queries read one state of the
 * database: SQLite's deferred BEGIN (no lock taken from writers), a
 * server's REPEATABLE READ. 0, or -1 (printed). End it with
 * sw_market_read_end once the queries are done; after a failed one, the
 * caller closes the store, which ends it (a server has already). */
int sw_market_read(struct sw_store *s);
void sw_market_read_end(struct sw_store *s);
/* Loads vacancies and seekers from files (CSV, text or a workbook, read
 * as o says) with the import rules: the same layout, headers, aliases and
 * checks, but no database; a bad row is named with file and line.
 * Vacancies not open on date are dropped. Returns NULL after printing
 * every problem; *status is then 1 (bad rows) or 3. */
struct sw_input_opts;
struct sw_market *sw_market_from_csv(const char *seekers, const char *vacancies,
				     const char *date, const struct sw_input_opts *o, int *status);

/* An empty market for building by hand (tests, benchmarks). */
struct sw_market *sw_market_new(void);
/* Skill and district numbers for names, added when new. */
int sw_market_skill(struct sw_market *m, const char *name);
int sw_market_district(struct sw_market *m, const char *name);
/* Parses "a;b;c" (already normalised) into sorted skill numbers, each once. */
void sw_market_skills(struct sw_market *m, const char *list, int **out, int *n, uint64_t *mask);
/* Sorts vacancies and seekers by id; call after adding them by hand. */
void sw_market_sort(struct sw_market *m);
void sw_market_free(struct sw_market *m);

/* Stage rules for placements (stages move forward in time, a hire needs
 * headcount, early stages need the vacancy open on the date). Shared by
 * the import hook and "place". 0, or -1 with why. */
int sw_placement_check(struct sw_store *s, const char *seeker, const char *vacancy,
		       const char *stage, const char *date, char *why, size_t whylen);

/* date (YYYY-MM-DD) n months later, as SQLite's date(d, '+N months') has
 * always given it: the day kept, and carried into the next month when the
 * month is shorter (2026-01-31 + 1 = 2026-03-03). */
void sw_match_add_months(const char *date, int n, char out[11]);

/* x to one decimal as SQLite's round(x, 1) has always shown it ("66.7",
 * "100.0", "-3.0"): a figure's text, the same from any backend. */
void sw_match_decimal1(double x, char out[32]);

/* The job register read back (lib/match_query.c). A filter left NULL
 * does not filter. */
struct sw_placement_filter {
	const char *seeker, *vacancy, *stage, *station, *worker;
	const char *from, *to;	/* dates of the placement records */
};
/* The placements, a statement ready to step (the caller finalizes):
 * seeker_id, name, vacancy_id, title, employer, stage, date, worker_id
 * (the placement's, else the seeker's coach), station_code. */
struct sw_stmt *sw_placements_stmt(struct sw_store *s, const struct sw_placement_filter *f);

/* A listing whose dates and figures are worked out in C, so that every
 * backend gives them alike: its columns' names and types (as sw_out_open
 * takes them: a figure column is a number once it holds one), and its
 * rows (NULL for no value). */
struct sw_match_rows {
	int ncols;
	const char *const *names;
	char types[16];
	char **cells;		/* nrows rows of ncols */
	size_t nrows, cap;
};
/* Registered, referred, job starts, employment rate, median days to
 * referral, retention and caseload per station and per coach, as of on,
 * of the seekers registered in [from, to] (NULL: open). 0, or -1
 * (printed). */
int sw_match_stats(struct sw_store *s, const char *on, const char *from, const char *to,
		   struct sw_match_rows *out);
/* The 3- and 6-month retention checks due by on and not yet recorded,
 * oldest first. 0, or -1 (printed). */
int sw_match_due(struct sw_store *s, const char *on, struct sw_match_rows *out);
void sw_match_rows_free(struct sw_match_rows *r);

#endif
