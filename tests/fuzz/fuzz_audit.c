/* libFuzzer harness: audit --verify over a database changed behind the
 * tool's back. A small register is written once through the trail; each
 * input is a list of changes made without it (the trail's triggers are
 * dropped after the setup), in a transaction that is rolled back after
 * the verify. Each change is one op byte and its operands:
 *   0 T R C V  set column C of row R of table T to text V (up to 8 bytes)
 *   1 T R      delete row R of table T
 *   2 S        delete audit entry S
 *   3 S        overwrite entry S's new_hash
 *   4          delete the newest command
 * Verify must never crash, and must report a deleted row or entry. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/audit.h"
#include "sw/db.h"
#include "sw/err.h"

static sqlite3 *db;
static const char *const tables[] = {"stations", "workers", "clients", "cases", "services"};
#define NT (sizeof tables / sizeof tables[0])

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sw_progname = "fuzz_audit";
	sw_quiet = 1;
	static char *args[] = {"fuzz_audit", NULL};
	sw_audit_init(1, args);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || sw_schema_migrate(db) != 0 ||
	    sw_audit_attach(db) != 0 || sw_db_begin(db) != 0 || sqlite3_exec(db,
		"INSERT INTO stations(code,name,level) VALUES('C','c','county');"
		"INSERT INTO stations(code,name,level,parent_code) VALUES('T','t','township','C');"
		"INSERT INTO workers(worker_id,name,station_code,role) VALUES('W','w','T','service');"
		"INSERT INTO clients(client_id,name,station_code,phone) VALUES('P','p','T','13900000001');"
		"INSERT INTO clients(client_id,name,station_code) VALUES('Q','q','T');"
		"INSERT INTO cases(case_id,client_id,station_code,domain,opened_on)"
		" VALUES('K','P','T','elderly','2026-01-01');"
		"INSERT INTO services(service_id,client_id,station_code,date,type,minutes)"
		" VALUES('S1','P','T','2026-01-02','visit',30)", NULL, NULL, NULL) != SQLITE_OK ||
	    sw_db_commit(db) != 0)
		abort();
	/* from here on, changes bypass the trail */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT group_concat('DROP TRIGGER temp.\"' || name || '\"', ';')"
			       " FROM sqlite_temp_master WHERE type = 'trigger'", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		abort();
	char *drop = sqlite3_mprintf("%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (sqlite3_exec(db, drop, NULL, NULL, NULL) != SQLITE_OK)
		abort();
	sqlite3_free(drop);
	return 0;
}

/* Runs sql with text parameters; the number of rows it changed. */
static int run(const char *sql, int n, const char *const *p)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, p[i], -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st) == SQLITE_DONE ? sqlite3_changes(db) : 0;
	sqlite3_finalize(st);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		abort();
	int must = 0;	/* a change verify must report */
	for (size_t i = 0; i < size;) {
		int op = data[i++] % 5;
		const char *t = tables[i < size ? data[i++] % NT : 0];
		char num[16], val[16], sql[160];
		snprintf(num, sizeof num, "%d", i < size ? data[i++] % 8 : 0);
		const char *p[] = {num, val};
		switch (op) {
		case 0: {
			int c = i < size ? data[i++] % 8 : 0;
			size_t n = size - i < 8 ? size - i : 8;
			memcpy(val, data + i, n);
			val[n] = 0;
			i += n;
			/* the column by its position; none past the table's end */
			snprintf(sql, sizeof sql, "UPDATE \"%s\" SET \"%s\" = ?2 WHERE rowid = ?1", t,
				 c == 0 ? "name" : c == 1 ? "station_code" : "name");
			if (strcmp(t, "services") == 0 || strcmp(t, "cases") == 0)
				snprintf(sql, sizeof sql, "UPDATE \"%s\" SET station_code = ?2 WHERE rowid = ?1", t);
			run(sql, 2, p);
			break;
		}
		case 1:
			snprintf(sql, sizeof sql, "DELETE FROM \"%s\" WHERE rowid = ?1", t);
			must |= run(sql, 1, p) > 0;
			break;
		case 2:
			must |= run("DELETE FROM audit_entry WHERE seq = ?1", 1, p) > 0;
			break;
		case 3:
			run("UPDATE audit_entry SET new_hash = randomblob(32) WHERE seq = ?1", 1, p);
			break;
		default:
			run("DELETE FROM audit_command WHERE id = (SELECT max(id) FROM audit_command)", 0, p);
		}
	}
	struct sw_audit_check c = {0};
	int rc = sw_audit_verify(sw_store_of(db), &c);
	if (rc < -1 || rc > 1 || (must && rc == 0))
		abort();	/* a deleted row or entry went unnoticed */
	if (sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		abort();
	return 0;
}
