/* lib/db.c's promises below the programs: commits are durable
 * (synchronous=FULL), and a closed month's figures cannot be changed by
 * any write through the library, whether by sw_db_commit or by a statement
 * outside a transaction (lib/closed.c). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/report.h"
#include "sw/store.h"
#include "unit.h"

static long long num(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = sw_db_prepare(db, sql);
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

int main(void)
{
	char path[] = "/tmp/sw-unit-db.XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	sw_progname = "test_db";
	sqlite3 *db = sw_db_open(path, SW_DB_CREATE);
	T_OK(db != NULL, "a new database opens");
	if (!db)
		return T_DONE();
	T_INT(num(db, "PRAGMA synchronous"), 2, "commits are synced (synchronous=FULL)");
	T_INT(num(db, "PRAGMA temp_store"), 1, "a writer's temporary tables go to files (memory flat)");
	T_INT(num(db, "PRAGMA temp.cache_size"), -16384, "with 16 MiB of cache");
	T_INT(num(db, "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger'") > 0, 1,
	      "the audit's triggers installed after that (a change of temp_store empties them)");

	/* in a transaction, as every write: the audit trail seals it at commit */
	T_INT(sw_db_begin(db), 0, "begin");
	sw_db_exec(db, "INSERT INTO stations (code, name, level, opened_on) VALUES ('T', 't', 'township', '2020-01-01');"
		   "INSERT INTO workers (worker_id, name, station_code, role, hired_on) VALUES ('W', 'w', 'T', 'service', '2020-01-01')");
	T_INT(sw_db_commit(db), 0, "commit");
	/* a month closed with its real fingerprint, by the library's own writer */
	char fp[65];
	T_INT(sw_report_fingerprint(sw_store_of(db), "2026-10", fp), 0, "fingerprint computed");
	sqlite3_stmt *st = sw_db_prepare(db, "INSERT INTO closed_months VALUES ('2026-10', 'x', 'u', ?)");
	sqlite3_bind_text(st, 1, fp, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	sw_db_close(db);
	db = sw_db_open(path, 0);

	T_INT(sw_db_begin(db), 0, "begin");
	sw_db_exec(db, "UPDATE workers SET left_on = '2026-10-02'");
	T_INT(sw_db_commit(db), -1, "an UPDATE by hand that changes the closed month: commit refused");
	T_INT(num(db, "SELECT count(*) FROM workers WHERE left_on IS NULL"), 1, "and rolled back");

	int rc = sqlite3_exec(db, "UPDATE workers SET left_on = '2026-10-02'", NULL, NULL, NULL);
	T_OK(rc != SQLITE_OK, "the same outside a transaction: refused by the commit hook");
	T_INT(num(db, "SELECT count(*) FROM workers WHERE left_on IS NULL"), 1, "and not stored");

	T_INT(sw_db_begin(db), 0, "begin");
	sw_db_exec(db, "UPDATE workers SET left_on = '2026-12-02'");
	T_INT(sw_db_commit(db), 0, "leaving after the month: accepted");
	T_INT(num(db, "SELECT count(*) FROM workers WHERE left_on = '2026-12-02'"), 1, "and stored");
	sw_db_close(db);
	db = sw_db_open(path, SW_DB_READONLY);
	T_INT(num(db, "PRAGMA temp_store"), 2, "a reader sorts in memory");
	sw_db_close(db);
	unlink(path);
	return T_DONE();
}
