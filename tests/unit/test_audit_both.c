/* The audit trail on both backends (sw/audit.h, lib/pg_audit.c): the same
 * changes made through the store on a SQLite file and on a PostgreSQL
 * server (SW_TEST_PG; said as skipped otherwise) give the same entries,
 * row hashes included, the same commands, and audit --verify finds the
 * same rows changed behind the tool's back. On the server also: what psql
 * writes is recorded and sealed, with the role as the user; a keyed trail
 * refuses a writer without the key; a stale claim is a serialization
 * failure; a change dated in a closed month is refused in SQLite's words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/audit.h"
#include "sw/auditpriv.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/pg.h"
#include "sw/pgpriv.h"
#include "sw/store.h"
#include "pgunit.h"
#include "unit.h"

static const char *B;	/* "sqlite" or "pg" */


/* sql in a transaction of the tool's (sealed at its commit). 0 or -1. */
static int tx(struct sw_store *s, const char *sql)
{
	if (sw_store_begin(s) != 0)
		return -1;
	if (sw_store_exec(s, sql) != 0) {
		sw_store_rollback(s);
		return -1;
	}
	return sw_store_commit(s);
}

/* Every entry (hashes in hex) or command (without at, user and hash,
 * which say when and who), a line each. */
static char *listing(struct sw_store *s, int commands)
{
	static char out[65536];
	size_t len = 0;
	struct sw_stmt *st = sw_store_prep(s, commands
		? "SELECT id, command, first_seq, last_seq, keyed FROM audit_command ORDER BY id"
		: "SELECT seq, command_id, action, tbl, row_key, detail, old_hash, new_hash FROM audit_entry ORDER BY seq");
	out[0] = 0;
	while (sw_stmt_step(st) == SW_ROW && len < sizeof out - 200)
		for (int c = 0; c < sw_stmt_columns(st); c++) {
			char hex[65] = "-";
			size_t n;
			const void *b = c >= 6 ? sw_stmt_blob(st, c, &n) : NULL;
			if (b && n == 32)
				sw_audit_hex(b, 32, hex);
			const char *v = c >= 6 ? hex : sw_stmt_text(st, c);
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", v ? v : "NULL",
						c + 1 < sw_stmt_columns(st) ? "|" : "\n");
		}
	sw_stmt_finalize(st);
	return out;
}

static int verify(struct sw_store *s, const char *key_file, char *err, size_t n, long *entries)
{
	struct sw_audit_check c = {.key_file = key_file};
	capture();
	int rc = sw_audit_verify(s, &c);
	snprintf(err, n, "%s", captured());
	*entries = c.entries;
	return rc;
}

static const char data[] =
	"INSERT INTO stations (code, name, level) VALUES ('C', '县', 'county');"
	"INSERT INTO stations (code, name, level, parent_code) VALUES ('T1', '青溪', 'township', 'C'),"
	" ('T2', '白石', 'township', 'C');"
	"INSERT INTO clients (client_id, name, station_code, phone, registered_on) VALUES"
	" ('c1', '张三', 'T1', '13900000001', '2026-09-01'), ('c2', '李四', 'T1', NULL, '2026-10-02'),"
	" ('c3', '王五', 'T2', '13900000003', NULL), ('c4', '赵六', 'T2', NULL, '2026-11-01');"
	"INSERT INTO services (service_id, client_id, station_code, date, type, minutes, note) VALUES"
	" ('s1', 'c1', 'T1', '2026-10-05', 'visit', 60, ''), ('s2', 'c2', 'T1', '2026-10-06', 'phone', 30, NULL),"
	" ('s3', 'c3', 'T2', '2026-11-07', 'visit', NULL, 'x'), ('s4', 'c1', 'T1', '2026-11-08', 'visit', 45, NULL)";

/* Every audited table (the server's triggers are made from each one's
 * columns): a row inserted, every column changed, its key changed, then
 * deleted; each value the text '1', '2' or '3', which a number column
 * stores as a number on both. The tables' references are not checked
 * meanwhile (turned off as SQLite's pragma, or its superuser, may). */
static void every_table(struct sw_store *s)
{
	int pg = sw_store_kind(s) == SW_STORE_PG, ok = 1, n = 0;
	if (!pg)
		sw_store_exec(s, "PRAGMA foreign_keys = OFF");
	for (int t = 0; sw_audited[t]; t++, n++) {
		sqlite3_str *ins = sqlite3_str_new(NULL), *vals = sqlite3_str_new(NULL);
		sqlite3_str *set = sqlite3_str_new(NULL), *key = sqlite3_str_new(NULL);
		sqlite3_str *w1 = sqlite3_str_new(NULL), *w3 = sqlite3_str_new(NULL);
		struct sw_stmt *c = sw_store_columns(s, sw_audited[t]);
		for (int i = 0; sw_stmt_step(c) == SW_ROW; i++) {
			const char *col = sw_stmt_text(c, 0);
			sqlite3_str_appendf(ins, "%s\"%w\"", i ? ", " : "", col);
			sqlite3_str_appendf(vals, "%s'1'", i ? ", " : "");
			sqlite3_str_appendf(sw_stmt_int64(c, 1) ? key : set, "%s\"%w\" = '%d'",
					    sqlite3_str_length(sw_stmt_int64(c, 1) ? key : set) ? ", " : "",
					    col, sw_stmt_int64(c, 1) ? 3 : 2);
			for (int k = 1; sw_stmt_int64(c, 1) && k <= 3; k += 2)
				sqlite3_str_appendf(k == 1 ? w1 : w3, " AND \"%w\" = '%d'", col, k);
		}
		sw_stmt_finalize(c);
		char *a = sqlite3_str_finish(ins), *v = sqlite3_str_finish(vals);
		char *u = sqlite3_str_finish(set), *k = sqlite3_str_finish(key);
		char *k1 = sqlite3_str_finish(w1), *k3 = sqlite3_str_finish(w3);
		const char *tn = sw_audited[t];
		char *off = pg ? sqlite3_mprintf("ALTER TABLE \"%w\" DISABLE TRIGGER ALL; ALTER TABLE \"%w\""
						  " ENABLE TRIGGER sw_audit_i, ENABLE TRIGGER sw_audit_u,"
						  " ENABLE TRIGGER sw_audit_d;", tn, tn)
			       : sqlite3_mprintf("");
		char *sql = sqlite3_mprintf("%s INSERT INTO \"%w\" (%s) VALUES (%s); UPDATE \"%w\" SET %s WHERE true%s;"
					    " UPDATE \"%w\" SET %s WHERE true%s; DELETE FROM \"%w\" WHERE true%s", off,
					    tn, a, v, tn, u, k1, tn, k, k1, tn, k3);
		ok &= tx(s, sql) == 0;
		sqlite3_free(off);
		if (pg) {
			off = sqlite3_mprintf("ALTER TABLE \"%w\" ENABLE TRIGGER ALL", sw_audited[t]);
			sw_store_exec(s, off);
			sqlite3_free(off);
		}
		sqlite3_free(sql);
		sqlite3_free(a);
		sqlite3_free(v);
		sqlite3_free(u);
		sqlite3_free(k);
		sqlite3_free(k1);
		sqlite3_free(k3);
	}
	if (!pg)
		sw_store_exec(s, "PRAGMA foreign_keys = ON");
	T_OK(ok, "%s: a row of each of the %d audited tables inserted, changed, its key changed, deleted", B, n);
}

/* The changes made on both; the listings they leave, into want (the
 * first backend's) or compared with it. */
static void changes(struct sw_store *s, char want[2][65536])
{
	T_INT(tx(s, data), 0, "%s: stations, clients and services stored in one transaction", B);
	T_INT(sw_store_begin(s), 0, "%s: a transaction of updates", B);
	sw_store_exec(s, "UPDATE clients SET phone = '13911110000', address = '新址' WHERE client_id = 'c1';"
		      "UPDATE clients SET name = name WHERE client_id = 'c3';"
		      "UPDATE cases SET risk = 'high' WHERE case_id = 'none';"
		      "DELETE FROM services WHERE service_id = 's2';"
		      "UPDATE services SET service_id = 's9' WHERE service_id = 's3';"
		      "UPDATE services SET minutes = 90 WHERE client_id = 'c1'");
	T_INT(sw_audit_log(s, "update", "clients", "c1", "merge"), 0, "%s: a note joining its row's entry", B);
	T_INT(sw_audit_log(s, "merge", "clients", "c3", NULL), 0, "%s: a note of its own", B);
	T_INT(sw_store_commit(s), 0, "%s: committed", B);
	T_INT(sw_store_begin(s), 0, "%s: a transaction rolled back", B);
	sw_store_exec(s, "DELETE FROM services");
	sw_store_rollback(s);
	/* (the entries of a statement that changes several rows follow the
	 * order the database visits them in, which may differ: here both go
	 * by the key) */
	T_INT(tx(s, "UPDATE clients SET client_id = client_id || 'x', station_code = 'T2' WHERE client_id IN ('c2', 'c4');"
		 "UPDATE clients SET phone = NULL WHERE client_id = 'c1'"), 0,
	      "%s: two keys changed in one statement", B);
	T_INT(tx(s, "DELETE FROM services WHERE client_id = 'c4x'; INSERT INTO services (service_id, client_id,"
		 " station_code, date, type) VALUES ('s5', 'c4x', 'T2', '2026-11-20', 'visit')"), 0,
	      "%s: a delete that deletes nothing, and an insert", B);
	every_table(s);
	for (int k = 0; k < 2; k++) {
		char *got = listing(s, k);
		if (strcmp(B, "sqlite") == 0)
			snprintf(want[k], sizeof want[k], "%s", got);
		else
			T_STR(got, want[k], "pg: the same %s as on SQLite", k ? "commands" : "entries, hashes included");
	}
	if (strcmp(B, "sqlite") == 0) {
		T_OK(strstr(want[0], "|update|clients|c1|merge (phone,address)|"), "sqlite: the note joined the update");
		T_OK(strstr(want[0], "|delete|clients|c2|key changed|") && strstr(want[0], "|insert|clients|c2x|key changed|"),
		     "sqlite: a key changed: a delete and an insert");
		T_OK(!strstr(want[0], "|update|clients|c3|"), "sqlite: an update that changed nothing: no entry");
		static const char first[] = "1|test_audit_both run|1|11|NULL\n2|test_audit_both run|12|18|NULL\n"
			"3|test_audit_both run|19|23|NULL\n4|test_audit_both run|24|24|NULL\n"
			"5|test_audit_both run|25|29|NULL\n";
		T_OK(strncmp(want[1], first, strlen(first)) == 0, "sqlite: a command each; none for the one rolled back");
	}
}

/* Rows changed behind the tool's back: by a connection of its own,
 * without the trail's triggers (on a server, replica mode disables them,
 * as its superuser may). */
static void behind(struct sw_store *s, struct sw_store *raw, char *want)
{
	char err[4096];
	long n;
	T_INT(verify(s, NULL, err, sizeof err, &n), 0, "%s: untouched, the trail verifies", B);
	T_INT(n, 24 + 5 * 28, "%s: its 24 entries and the 5 of each audited table", B);
	sw_store_exec(raw, "UPDATE clients SET name = '冒名' WHERE client_id = 'c1';"
		      "DELETE FROM services WHERE service_id = 's4';"
		      "INSERT INTO stations (code, name, level) VALUES ('X', 'x', 'county')");
	T_INT(verify(s, NULL, err, sizeof err, &n), 1, "%s: rows changed behind the tool's back: status 1", B);
	if (strcmp(B, "sqlite") == 0) {
		snprintf(want, 4096, "%s", err);
		T_STR(err, "test_audit_both: audit: stations X: inserted behind the tool's back\n"
		      "test_audit_both: audit: clients c1: changed behind the tool's back\n"
		      "test_audit_both: audit: services s4: deleted behind the tool's back\n",
		      "sqlite: each named, no value");
	} else
		T_STR(err, want, "pg: the same findings as on SQLite");
}

/* A trail keyed with SW_AUDIT_KEY_FILE: verified with the key only; a
 * writer without it refused, nothing stored. */
static void keyed(struct sw_store *s, const char *key, const char *other)
{
	char err[4096];
	long n;
	setenv("SW_AUDIT_KEY_FILE", key, 1);
	sw_audit_release();	/* the key is read once per process */
	T_INT(tx(s, "INSERT INTO stations (code, name, level) VALUES ('K', 'k', 'county')"), 0,
	      "%s: a keyed command", B);
	unsetenv("SW_AUDIT_KEY_FILE");
	sw_audit_release();
	T_INT(verify(s, key, err, sizeof err, &n), 0, "%s: the keyed trail verifies with its key (%s)", B, err);
	T_INT(verify(s, NULL, err, sizeof err, &n), 1, "%s: and not without", B);
	T_OK(strstr(err, "its command is keyed: give --key-file") != NULL, "%s: said (%s)", B, err);
	T_INT(verify(s, other, err, sizeof err, &n), 1, "%s: nor with another key", B);
	capture();
	int rc = tx(s, "INSERT INTO stations (code, name, level) VALUES ('L', 'l', 'county')");
	char *e = captured();
	T_OK(rc == -1 && strstr(e, "audit: the trail is keyed: set SW_AUDIT_KEY_FILE to its key file"),
	     "%s: a writer without the key refused (%s)", B, e);
	char v[8];
	T_INT(sw_store_text(s, "SELECT count(*) FROM stations WHERE code = 'L'", 0, NULL, v, sizeof v), 1,
	      "%s: counted", B);
	T_STR(v, "0", "%s: nothing stored", B);
}

static void run(const char *db, const char *raw_db, char want[2][65536], char *findings)
{
	struct sw_store *s = sw_store_open(db, SW_STORE_CREATE);
	T_OK(s != NULL, "%s: opens", B);
	if (!s)
		return;
	changes(s, want);
	struct sw_store *raw = sw_store_open(raw_db, 0);
	if (raw && sw_store_kind(raw) == SW_STORE_PG)
		sw_store_exec(raw, "SET session_replication_role = replica");
	else if (raw) {	/* a connection without the trail's temporary triggers */
		struct sw_stmt *st = sw_store_prep(raw, "SELECT group_concat('DROP TRIGGER temp.\"' || name || '\"', ';')"
						   " FROM temp.sqlite_master WHERE type = 'trigger'");
		if (sw_stmt_step(st) == SW_ROW) {
			char *drop = sw_xstrdup(sw_stmt_text(st, 0));
			sw_stmt_finalize(st);
			sw_store_exec(raw, drop);
			free(drop);
		} else
			sw_stmt_finalize(st);
	}
	behind(s, raw, findings);
	sw_store_exec(raw, "UPDATE clients SET name = '张三' WHERE client_id = 'c1';"
		      "DELETE FROM stations WHERE code = 'X'; INSERT INTO services (service_id, client_id,"
		      " station_code, date, type, minutes) VALUES ('s4', 'c1', 'T1', '2026-11-08', 'visit', 90)");
	sw_store_close(raw);
	keyed(s, "chain.key", "other.key");
	sw_store_close(s);
}

/* On a server only: psql's writes, a person's role, a stale claim, a
 * closed month. c: the owner's plain connection (autocommit, READ
 * COMMITTED, as psql). */
static void on_server(const char *url, PGconn *c)
{
	struct sw_store *s = sw_store_open(url, 0);
	char err[4096];
	long n;
	capture();
	int rc = sw_pg_exec(c, "t", "INSERT INTO stations (code, name, level) VALUES ('M', 'm', 'county')");
	char *e = captured();
	T_OK(rc != 0 && strstr(e, "test_audit_both: audit: the trail is keyed: set SW_AUDIT_KEY_FILE to its key file"),
	     "pg: psql's write into the keyed trail refused at its commit, said as the tools say it (%s)", e);
	sw_pg_exec(c, "t", "TRUNCATE audit_entry, audit_command, audit_anchor, stations CASCADE");
	T_INT(sw_pg_exec(c, "t", "INSERT INTO stations (code, name, level) VALUES ('C', '县', 'county')"), 0,
	      "pg: psql inserts a station");
	T_INT(verify(s, NULL, err, sizeof err, &n), 0, "pg: recorded and sealed at its commit: the trail verifies");
	PGresult *r = sw_pg_run(c, "t", "SELECT \"user\" = CAST(session_user AS TEXT), command FROM audit_command", 0, NULL);
	T_OK(r && PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "t") == 0 &&
	     strcmp(PQgetvalue(r, 0, 1), "test_audit_both") == 0,
	     "pg: its user the database role, its command the application's name");
	PQclear(r);
	T_INT(tx(s, "INSERT INTO stations (code, name, level, parent_code) VALUES ('T1', '青溪', 'township', 'C')"),
	      0, "pg: then the tool");
	T_INT(sw_pg_exec(c, "t", "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM stations"), 0,
	      "pg: psql takes its snapshot");
	T_INT(tx(s, "UPDATE stations SET name = '青溪街道' WHERE code = 'T1'"), 0, "pg: the tool writes after it");
	capture();
	rc = sw_pg_exec(c, "t", "UPDATE stations SET name = '县总站' WHERE code = 'C'");
	e = captured();
	T_OK(rc != 0 && strstr(e, "could not serialize"),
	     "pg: psql's change on its older snapshot is a serialization failure, not a forked chain (%s)", e);
	sw_pg_exec(c, "t", "ROLLBACK");
	T_INT(sw_pg_exec(c, "t", "DELETE FROM stations WHERE code = 'T1'"), 0, "pg: psql deletes");
	T_INT(verify(s, NULL, err, sizeof err, &n), 0, "pg: psql and the tool in turn: one chain (%ld entries)", n);
	T_INT(n, 4, "pg: four entries");

	/* a closed month: the tool's transaction recomputes the months the
	 * server's triggers noted and refuses, naming the figures, as on
	 * SQLite; psql's statement is refused by the trigger itself */
	sw_pg_exec(c, "t", "INSERT INTO stations (code, name, level) VALUES ('T1', '青溪', 'township');"
		   "INSERT INTO clients (client_id, name, station_code) VALUES ('c1', '张三', 'T1');"
		   "INSERT INTO services (service_id, client_id, station_code, date, type) VALUES"
		   " ('s1', 'c1', 'T1', '2026-10-05', 'visit');"
		   "INSERT INTO cases (case_id, client_id, station_code, domain, opened_on) VALUES"
		   " ('k1', 'c1', 'T1', 'elderly', '2026-09-01');"
		   "INSERT INTO closed_months (month, closed_at, \"user\", fingerprint) VALUES"
		   " ('2026-10', '2026-11-01', 'x', 'x')");
	static const struct {
		const char *sql, *what, *changes;	/* changes: NULL when stored */
	} cm[] = {
		{"INSERT INTO services (service_id, client_id, station_code, date, type) VALUES"
		 " ('s2', 'c1', 'T1', '2026-10-06', 'visit')", "a service dated in it",
		 "T1 services 1 -> 2, T1 services_visit 1 -> 2"},
		{"UPDATE services SET minutes = 5 WHERE service_id = 's1'", "a figure of one",
		 "T1 service_hours 0.0 -> 0.1"},
		{"UPDATE services SET note = '改' WHERE service_id = 's1'", "not its note, which no figure reads", NULL},
		{"UPDATE services SET date = '2026-11-02' WHERE service_id = 's1'", "nor moved out",
		 "T1 services 1 -> 0, T1 services_visit 1 -> 0, T1 people_served 1 -> 0"},
		{"INSERT INTO services (service_id, client_id, station_code, date, type) VALUES"
		 " ('s3', 'c1', 'T1', '2026-11-06', 'visit')", "a service of another month", NULL},
		{"UPDATE cases SET closed_on = '2026-09-20' WHERE case_id = 'k1'",
		 "a case's closing moved back across it", "T1 cases_open_end 1 -> 0"},
		{"UPDATE cases SET closed_on = '2026-11-20' WHERE case_id = 'k1'", "closed after it", NULL},
		{"INSERT INTO cases (case_id, client_id, station_code, domain, opened_on) VALUES"
		 " ('k2', 'c1', 'T1', 'elderly', '2026-08-01')", "a case open through it", "T1 cases_open_end 1 -> 2"},
		{"UPDATE stations SET closed_on = '2026-09-30' WHERE code = 'T1'", "a station counted through other rows",
		 "T1 stations_active 1 -> 0"},
		{"UPDATE stations SET name = '青溪街道' WHERE code = 'T1'", "but not its name", NULL},
	};
	char said[512];
	for (size_t i = 0; i < sizeof cm / sizeof cm[0]; i++) {
		capture();
		rc = tx(s, cm[i].sql);
		e = captured();
		snprintf(said, sizeof said, "test_audit_both: %s: refused: month 2026-10 is closed and this would"
			 " change its figures: %s (reopen it first: sw-report close --month 2026-10 --reopen --reason"
			 " TEXT)\n", PQdb(c), cm[i].changes ? cm[i].changes : "");
		if (cm[i].changes)
			T_OK(rc == -1 && strncmp(e, said, strlen(said)) == 0,
			     "pg: closed month: %s refused, naming the figures, as SQLite does (%s)", cm[i].what, e);
		else
			T_OK(rc == 0, "pg: closed month: %s stored (%s)", cm[i].what, e);
	}
	snprintf(said, sizeof said, "test_audit_both: %s: refused: month 2026-10 is closed and this would change"
		 " its figures (reopen it first: sw-report close --month 2026-10 --reopen --reason TEXT)\n", PQdb(c));
	capture();
	rc = sw_pg_exec(c, "t", "INSERT INTO services (service_id, client_id, station_code, date, type) VALUES"
			" ('s4', 'c1', 'T1', '2026-10-07', 'visit')");
	e = captured();
	T_OK(rc == -1 && strcmp(e, said) == 0, "pg: psql's statement into the month refused by the trigger (%s)", e);
	T_INT(verify(s, NULL, err, sizeof err, &n), 0, "pg: the trail verifies after the refusals");
	sw_store_close(s);
}

int main(void)
{
	sw_progname = "test_audit_both";
	static char *args[] = {"test_audit_both", "run", NULL};
	sw_audit_init(2, args);
	char dir[] = "/tmp/sw-unit-audit.XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) != 0)
		return 3;
	FILE *k = fopen("chain.key", "w"), *o = fopen("other.key", "w");
	fputs("0123456789abcdef0123456789abcdef", k);
	fputs("fedcba9876543210fedcba9876543210", o);
	fclose(k);
	fclose(o);
	static char want[2][65536], findings[4096];
	B = "sqlite";
	run("sw.db", "sw.db", want, findings);
	const char *const junk[] = {"sw.db", "sw.db-wal", "sw.db-shm", "chain.key", "other.key"};

	char url[1024], db[48];
	B = "pg";
	if (pg_unit_db("sw_unit_audit", db, sizeof db, url, sizeof url) == 1) {
		run(url, url, want, findings);
		PGconn *own = sw_pg_connect(url);
		if (own) {
			on_server(url, own);
			PQfinish(own);
		}
		pg_teardown(getenv("SW_TEST_PG"), db);
	}
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		unlink(junk[i]);
	if (chdir("/") != 0 || rmdir(dir) != 0)
		T_OK(0, "the scratch directory is empty");
	return T_DONE();
}
