/* libFuzzer harness: a whole import of an arbitrary file — the CSV reader
 * (UTF-8 or GB18030), table guessing, header mapping, normalisation of
 * every column type, the table rules and the upsert — into an in-memory
 * database, as a dry run so that every input starts from the same state.
 * The first byte chooses the options: bit 0 GB18030, bit 1 --strict,
 * bits 2-4 --table (0 = guess), bit 5 --station T. The file may be any
 * format input.c recognises (an xlsx too), so the readers are fuzzed here. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/case.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/import.h"
#include "sw/station.h"
#include "sw/vocab.h"

static sqlite3 *db;
static char path[64];
static const struct sw_table *const tables[] = {
	&sw_stations_table, &sw_divisions_table, &sw_workers_table, &sw_clients_table,
	&sw_cases_table, &sw_services_table, &sw_activities_table, NULL
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	snprintf(path, sizeof path, "/tmp/fuzz_csv.%d.csv", (int)getpid());
	sw_progname = "fuzz_csv";
	sw_quiet = 1;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sw_schema_migrate(db) != 0)
		abort();
	sqlite3_exec(db, "PRAGMA foreign_keys=ON;"
		     "INSERT INTO stations(code,name,level) VALUES('C','c','county');"
		     "INSERT INTO stations(code,name,level,parent_code) VALUES('T','t','township','C');"
		     "INSERT INTO workers(worker_id,name,station_code,role) VALUES('W','w','T','service')",
		     NULL, NULL, NULL);
	if (sw_vocab_load(db) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	FILE *fp = fopen(path, "wb");
	if (!fp)
		abort();
	fwrite(data + 1, 1, size - 1, fp);
	fclose(fp);
	struct sw_import_opts o = {0};
	o.in.encoding = data[0] & 1 ? "gb18030" : NULL;
	o.strict = !!(data[0] & 2);
	int t = (data[0] >> 2) & 7;
	o.in.table = t ? tables[t - 1]->name : NULL;
	o.in.station = data[0] & 0x20 ? "T" : NULL;
	o.dry_run = 1;
	char *files[] = {path, NULL};
	sw_import_files(db, tables, files, &o);
	if (!sqlite3_get_autocommit(db))
		abort();	/* the import left its transaction open */
	unlink(path);
	return 0;
}
