/* libFuzzer harness: "add COLUMN=VALUE..." (sw_import_record) for every
 * table of the four programs. The first byte picks the table; the rest is
 * split into arguments at newlines, each cut at its first '=' as the
 * command line is. Each run is rolled back, so every input meets the same
 * in-memory database; a run must leave no transaction open. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/case.h"
#include "sw/casework.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/import.h"
#include "sw/match.h"
#include "sw/station.h"
#include "sw/vocab.h"

static sqlite3 *db;
static const struct sw_table *const tables[] = {
	&sw_stations_table, &sw_divisions_table, &sw_workers_table, &sw_clients_table,
	&sw_cases_table, &sw_services_table, &sw_activities_table, &sw_vacancies_table,
	&sw_employers_table, &sw_seekers_table, &sw_placements_table, &sw_catalogue_table,
	&sw_assessments_table, &sw_plans_table, &sw_goals_table, &sw_reviews_table,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sw_progname = "fuzz_add";
	sw_quiet = 1;
	/* the setup in a transaction, as every write (the audit trail seals it) */
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sw_schema_migrate(db) != 0 ||
	    sw_db_begin(db) != 0 ||
	    sqlite3_exec(db, "INSERT INTO stations(code,name,level) VALUES('C','c','county');"
			 "INSERT INTO stations(code,name,level,parent_code) VALUES('T','t','township','C');"
			 "INSERT INTO workers(worker_id,name,station_code,role) VALUES('W','w','T','service');"
			 "INSERT INTO clients(client_id,name,station_code) VALUES('P','p','T');"
			 "INSERT INTO employers(employer_id,name) VALUES('E','e');"
			 "INSERT INTO vacancies(vacancy_id,employer_id,title,headcount,posted_on) "
			 "VALUES('V','E','v',2,'2026-01-01');"
			 "INSERT INTO seekers(seeker_id,name,skills,education) VALUES('S','s','a','none');"
			 "INSERT INTO cases(case_id,client_id,station_code,domain,opened_on) "
			 "VALUES('K','P','T','elderly','2026-01-01')",
			 NULL, NULL, NULL) != SQLITE_OK || sw_db_commit(db) != 0 || sw_vocab_load(sw_store_of(db)) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct sw_table *t = tables[data[0] % (sizeof tables / sizeof tables[0])];
	char *s = malloc(size), *names[64];
	const char *vals[64];
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	int n = 0;
	for (char *p = s, *nl; p && n < 64; p = nl ? nl + 1 : NULL) {
		if ((nl = strchr(p, '\n')))
			*nl = 0;
		char *eq = strchr(p, '=');
		if (!eq)
			continue;	/* a usage error before the library */
		*eq = 0;
		names[n] = p;
		vals[n++] = eq + 1;
	}
	if (n > 0 && sw_db_begin(db) == 0) {
		sw_import_record(sw_store_of(db), t, n, (const char *const *)names, vals);
		sw_db_rollback(db);
	}
	if (!sqlite3_get_autocommit(db))
		abort();
	free(s);
	return 0;
}
