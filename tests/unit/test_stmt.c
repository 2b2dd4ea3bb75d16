/* Statements kept prepared on a connection (sw_db_stmt), and imports that
 * reuse them: an import of a small file costs less than preparing its
 * statements, so the second import on a connection (another file of one
 * command; each run of tests/fuzz/fuzz_csv.c) must neither prepare them
 * again nor make SQLite read the schema again. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/import.h"
#include "sw/station.h"
#include "unit.h"

static int nstmts(sqlite3 *db)
{
	int n = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		n++;
	return n;
}

/* How many of db's statements SQLite had to prepare again. */
static int reprepared(sqlite3 *db)
{
	int n = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		n += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 0) > 0;
	return n;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

int main(void)
{
	static const struct sw_table *const tables[] = {&sw_stations_table, NULL};
	char dir[] = "/tmp/sw-unit-stmt.XXXXXX", path[64], csv[64], csv2[64];
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/sw.db", dir);
	snprintf(csv, sizeof csv, "%s/a.csv", dir);
	snprintf(csv2, sizeof csv2, "%s/b.csv", dir);
	sw_progname = "test_stmt";
	sw_quiet = 1;
	sqlite3 *db = sw_db_open(path, SW_DB_CREATE);
	T_OK(db != NULL, "a new database opens");
	if (!db)
		return T_DONE();

	sqlite3_stmt *a = sw_db_stmt(db, "SELECT ?1");
	sqlite3_bind_int(a, 1, 7);
	T_INT(sqlite3_step(a) == SQLITE_ROW ? sqlite3_column_int(a, 0) : -1, 7, "a cached statement runs");
	sw_db_release(a);
	sqlite3_stmt *b = sw_db_stmt(db, "SELECT ?1");
	T_OK(a == b, "the same SQL again: the same statement, not prepared anew");
	T_INT(sqlite3_step(b) == SQLITE_ROW ? sqlite3_column_type(b, 0) : -1, SQLITE_NULL,
	      "given back reset, without its bindings");
	sqlite3_stmt *c = sw_db_stmt(db, "SELECT ?1");
	T_OK(c && c != b, "while it is out, the same SQL gets a statement of its own");
	sw_db_release(b);
	sw_db_release(c);
	for (int i = 0; i < 200; i++) {
		char sql[32];
		snprintf(sql, sizeof sql, "SELECT %d", i);
		sqlite3_stmt *st = sw_db_stmt(db, sql);
		sqlite3_step(st);
		sw_db_release(st);
	}
	T_OK(nstmts(db) <= 64, "at most 64 kept, however many are asked for (%d)", nstmts(db));

	/* a stored station, so that the files below update one row too */
	struct sw_import_opts o = {0};
	char *files[] = {csv, NULL}, *both[] = {csv, csv2, NULL};
	put(csv, "code,name,level\nC,county,county\n");
	T_INT(sw_import_files(sw_store_of(db), tables, files, &o), 0, "a station imported");

	/* sw_db_close finalizes what the cache kept: closing says nothing */
	char err[64];
	snprintf(err, sizeof err, "%s/stderr", dir);
	fflush(stderr);
	int saved = dup(2);
	if (!freopen(err, "w", stderr))
		return 1;
	sw_db_close(db);
	fflush(stderr);
	dup2(saved, 2);
	FILE *f = fopen(err, "r");
	T_INT(f ? fgetc(f) : 0, EOF, "closed with statements kept: no message");
	if (f)
		fclose(f);

	db = sw_db_open(path, 0);	/* a connection that has imported nothing */
	if (!db)
		return T_DONE();
	put(csv, "code,name,level,parent_code\nC,the county,county,\nT,town,township,C\n");
	put(csv2, "code,name,level,parent_code\nT,the town,township,C\nC,county,county,\n");
	o.dry_run = 1;
	T_INT(sw_import_files(sw_store_of(db), tables, both, &o), 0, "a dry run of two files");
	int kept = nstmts(db);
	T_INT(sw_import_files(sw_store_of(db), tables, both, &o), 0, "the same again");
	T_INT(nstmts(db), kept, "the second import prepared no statement the first had not");

	/* With SQLite's foreign-key checks off (the import turns them off for
	 * its transaction anyway), nothing expires the kept statements: a dry
	 * run leaves the schema as it found it. */
	sw_db_exec(db, "PRAGMA foreign_keys=OFF");
	T_INT(sw_import_files(sw_store_of(db), tables, both, &o), 0, "imported with foreign keys off");
	sqlite3_stmt *probe = sw_db_prepare(db, "SELECT count(*) FROM stations");
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st))
		sqlite3_stmt_status(st, SQLITE_STMTSTATUS_REPREPARE, 1);
	T_INT(sw_import_files(sw_store_of(db), tables, both, &o), 0, "and again");
	T_INT(reprepared(db), 0, "the second ran every statement as the first had prepared it");
	T_INT(sqlite3_step(probe) == SQLITE_ROW ? sqlite3_column_int(probe, 0) : -1, 1,
	      "nothing stored by the dry runs");
	T_INT(sqlite3_stmt_status(probe, SQLITE_STMTSTATUS_REPREPARE, 0), 0,
	      "a statement prepared before them runs as it was prepared");
	sqlite3_finalize(probe);
	int fk = -1;
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &fk);
	T_INT(fk, 0, "the import leaves foreign keys as it found them");

	sw_db_close(db);
	unlink(err);
	unlink(csv);
	unlink(csv2);
	char tmp[80];
	const char *ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(tmp, sizeof tmp, "%s%s", path, ext[i]);
		unlink(tmp);
	}
	rmdir(dir);
	return T_DONE();
}
