/* libFuzzer harness: a whole import of an arbitrary file — the CSV reader
 * (UTF-8 or GB18030), table guessing, header mapping, normalisation of
 * every column type, the table rules and the upsert — into an in-memory
 * database, as a dry run so that every input starts from the same state.
 * The first byte chooses the options: bit 0 GB18030, bit 1 --strict,
 * bits 2-4 --table (0 = guess), bit 5 --station T. The file may be any
 * format input.c recognises (an xlsx too), so the readers are fuzzed here.
 * Bit 6 reads the file as UTF-16 (--encoding utf-16), bit 7 as sw-match's
 * tables and sw-case's casework (vacancies, employers, seekers, placements,
 * assessments, plans, goals, reviews, the catalogue) instead of
 * sw-station's and sw-case's others: bits 2-4 then pick among the first
 * seven of those.
 *
 * Speed: the input is an in-memory file (memfd) opened by its /proc path,
 * so no disk is touched; the database and its temporary tables are in
 * memory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sw/case.h"
#include "sw/casework.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/import.h"
#include "sw/match.h"
#include "sw/station.h"
#include "sw/vocab.h"

static sqlite3 *db;
static char path[64];
static int fd;
static const struct sw_table *const tables[] = {
	&sw_stations_table, &sw_divisions_table, &sw_workers_table, &sw_clients_table,
	&sw_cases_table, &sw_services_table, &sw_activities_table, NULL
};
static const struct sw_table *const mtables[] = {	/* and the casework tables */
	&sw_vacancies_table, &sw_employers_table, &sw_seekers_table, &sw_placements_table,
	&sw_assessments_table, &sw_plans_table, &sw_goals_table, &sw_reviews_table,
	&sw_catalogue_table, NULL
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if ((fd = memfd_create("fuzz_csv", 0)) < 0)
		abort();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	sw_progname = "fuzz_csv";
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);	/* a message a write, not one per part */
	sw_quiet = 1;
	/* the temporary tables in memory too (sw_db_open would put a writer's
	 * in files): no file made and closed by each run's rollback */
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL) != SQLITE_OK ||
	    sw_schema_migrate(db) != 0)
		abort();
	/* the setup in a transaction, as every write (the audit trail seals it) */
	if (sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL) != SQLITE_OK ||
	    sw_db_begin(db) != 0 || sqlite3_exec(db,
		     "INSERT INTO stations(code,name,level) VALUES('C','c','county');"
		     "INSERT INTO stations(code,name,level,parent_code) VALUES('T','t','township','C');"
		     "INSERT INTO workers(worker_id,name,station_code,role) VALUES('W','w','T','service');"
		     "INSERT INTO employers(employer_id,name) VALUES('E','e');"
		     "INSERT INTO vacancies(vacancy_id,employer_id,title,headcount,posted_on) "
		     "VALUES('V','E','v',2,'2026-01-01');"
		     "INSERT INTO seekers(seeker_id,name,skills,education) VALUES('S','s','a','none');"
		     "INSERT INTO clients(client_id,name,station_code) VALUES('P','p','T');"
		     "INSERT INTO cases(case_id,client_id,station_code,domain,opened_on) "
		     "VALUES('K','P','T','elderly','2026-01-01')",
		     NULL, NULL, NULL) != SQLITE_OK || sw_db_commit(db) != 0)
		abort();
	/* An import turns SQLite's foreign-key checks off for its transaction
	 * (lib/import.c): off from here, it need not turn them off and on at
	 * each run, which expires the statements it keeps prepared. */
	if (sw_vocab_load(sw_store_of(db)) != 0 || sqlite3_exec(db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	/* (written over the last input, then cut: no pages freed and taken again) */
	if (pwrite(fd, data + 1, size - 1, 0) != (ssize_t)(size - 1) ||
	    ftruncate(fd, (off_t)size - 1) != 0)
		abort();
	struct sw_import_opts o = {0};
	const struct sw_table *const *tl = data[0] & 0x80 ? mtables : tables;
	int t = (data[0] >> 2) & 7;
	o.in.encoding = data[0] & 0x40 ? "utf-16" : data[0] & 1 ? "gb18030" : NULL;
	o.strict = !!(data[0] & 2);
	o.in.table = t ? tl[t - 1]->name : NULL;
	o.in.station = data[0] & 0x20 ? "T" : NULL;
	o.dry_run = 1;
	char *files[] = {path, NULL};
	sw_import_files(sw_store_of(db), tl, files, &o);
	if (!sqlite3_get_autocommit(db))
		abort();	/* the import left its transaction open */
	return 0;
}
