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
#include <sqlite3.h>

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
 * not in work. Returns NULL (printed) on failure. */
struct sw_market *sw_market_from_db(sqlite3 *db, const char *date);
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
int sw_placement_check(sqlite3 *db, const char *seeker, const char *vacancy,
		       const char *stage, const char *date, char *why, size_t whylen);

/* The job register read back (lib/match_query.c): statements ready to
 * step, the caller finalizes. A filter left NULL does not filter. */
struct sw_placement_filter {
	const char *seeker, *vacancy, *stage, *station, *worker;
	const char *from, *to;	/* dates of the placement records */
};
sqlite3_stmt *sw_placements_stmt(sqlite3 *db, const struct sw_placement_filter *f);
/* Registered, referred, job starts, employment rate, median days to
 * referral, retention and caseload per station and per coach, as of on,
 * of the seekers registered in [from, to] (NULL: open). */
sqlite3_stmt *sw_match_stats_stmt(sqlite3 *db, const char *on, const char *from, const char *to);
/* The 3- and 6-month retention checks due by on and not yet recorded. */
sqlite3_stmt *sw_match_due_stmt(sqlite3 *db, const char *on);

#endif
