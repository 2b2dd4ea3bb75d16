/* Listings (sw/out.h) of the same rows on a SQLite file and, when
 * SW_TEST_PG names a server, on PostgreSQL: the same bytes. Numbers a
 * server computes as numeric or double precision print as SQLite prints
 * its REALs; masks, pseudonyms and ages are made in C; titles in Chinese
 * come from the columns' origins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/case.h"
#include "sw/err.h"
#include "sw/labels.h"
#include "sw/mask.h"
#include "sw/out.h"
#include "sw/store.h"
#include "pgunit.h"
#include "unit.h"

static const char *B;	/* "sqlite" or "pg" */

/* The file sw_out wrote at path (kept until the next call). */
static const char *slurp(const char *path)
{
	static char buf[8192];
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	buf[n] = 0;
	if (fp)
		fclose(fp);
	unlink(path);
	return buf;
}

/* sql's rows in fmt, as sw_out_query writes them. */
static const char *listing(struct sw_store *s, const char *sql, int fmt)
{
	struct sw_stmt *st = sw_store_prepare(s, sql);
	if (!st || sw_out_query("out.txt", fmt, st) != 0)
		return "FAILED";
	return slurp("out.txt");
}

static void rows(struct sw_store *s)
{
	/* (in a transaction: the audit trail records the clients) */
	T_INT(sw_store_begin(s) | sw_store_exec(s, "CREATE TABLE num (k INTEGER PRIMARY KEY, n INTEGER, r REAL);"
			    "INSERT INTO num (k, n, r) VALUES (1, NULL, NULL), (2, 1, 0.1 + 0.2), (3, 8, 2.0),"
			    " (4, 45, 1e20);"
			    "INSERT INTO stations (code, name, level) VALUES ('QX', '青溪县', 'county');"
			    "INSERT INTO clients (client_id, name, gender, birth_date, id_number, phone,"
			    " station_code, categories, address) VALUES"
			    " ('C1', '欧阳娜娜', 'female', NULL, '339901198812020020', '13800138000', 'QX',"
			    "  'women;unemployed', '人民路1号'),"
			    " ('C2', '林', 'male', '1950-03-15', NULL, '0571-88886666', 'QX', 'elderly', ''),"
			    " ('C3', '王小明', 'male', NULL, '123', NULL, 'QX', NULL, NULL)") | sw_store_commit(s), 0,
	      "%s: the rows", B);
}

static void numbers(struct sw_store *s)
{
	const char *q = "SELECT k, n, 100.0 * n / 3 AS pct, r, CAST(n AS REAL) / 4 AS quarter FROM num ORDER BY k";
	T_STR(listing(s, q, SW_FMT_CSV),
	      "k,n,pct,r,quarter\n1,,,,\n2,1,33.3333333333333,0.3,0.25\n3,8,266.666666666667,2.0,2.0\n"
	      "4,45,1500.0,1.0e+20,11.25\n",
	      "%s: a numeric and a double print as SQLite's REAL", B);
	T_STR(listing(s, q, SW_FMT_JSON),
	      "[\n{\"k\":1,\"n\":null,\"pct\":null,\"r\":null,\"quarter\":null},\n"
	      "{\"k\":2,\"n\":1,\"pct\":33.3333333333333,\"r\":0.3,\"quarter\":0.25},\n"
	      "{\"k\":3,\"n\":8,\"pct\":266.666666666667,\"r\":2.0,\"quarter\":2.0},\n"
	      "{\"k\":4,\"n\":45,\"pct\":1500.0,\"r\":1.0e+20,\"quarter\":11.25}\n]\n",
	      "%s: json: numbers bare, a computed column a number once a value says so", B);
	T_STR(listing(s, "SELECT count(*) AS c, sum(n) AS s, avg(n) AS a, min(r) AS lo FROM num", SW_FMT_TABLE),
	      "c  s   a     lo\n4  54  18.0  0.3\n",
	      "%s: count, a whole sum, avg, min of REALs: numbers, as SQLite prints them", B);
}

/* The clients listed with t's masks (how == -1: pseudonymised). */
static const char *masked(struct sw_store *s, int pseudo)
{
	static const unsigned char key[] = "a-key-of-sixteen-bytes";
	const struct sw_table *t = &sw_clients_table;
	const char *names[32];
	int hows[32], n = 0;
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendall(q, "SELECT ");
	for (int i = 0, k = 0; i < t->ncols && n < 32; i++) {
		int how = pseudo ? sw_pseudo_select(q, t, i, k ? ", " : "") : sw_mask_how(&t->cols[i]);
		if (how < 0)
			continue;
		if (!pseudo)
			sqlite3_str_appendf(q, "%s\"%w\"", k ? ", " : "", t->cols[i].name);
		k++;
		names[n] = how == SW_AGE ? "age" : t->cols[i].name;
		hows[n++] = how;
	}
	sqlite3_str_appendall(q, " FROM clients ORDER BY client_id");
	char *sql = sqlite3_str_finish(q);
	struct sw_out_masks m = {n, names, hows, {key, sizeof key - 1, "2026-11-24"}};
	struct sw_stmt *st = sw_store_prepare(s, sql);
	sqlite3_free(sql);
	struct sw_out *o = st ? sw_out_open_stmt("out.txt", SW_FMT_CSV, st, &m) : NULL;
	int ok = o && sw_out_stmt(o, st) == SW_DONE && sw_out_close(o) == 0;
	sw_stmt_finalize(st);
	return ok ? slurp("out.txt") : "FAILED";
}

static void masks(struct sw_store *s)
{
	T_STR(masked(s, 0),
	      "client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on\n"
	      "C1,欧阳**,female,,339901********0020,138****8000,QX,women;unemployed,,***,\n"
	      "C2,林,male,1950-03-15,,057*-****6666,QX,elderly,,,\n"
	      "C3,王**,male,,123,,QX,,,,\n",
	      "%s: masked for a screen: names, ID numbers, phones; an address said to exist", B);
	T_STR(masked(s, 1),
	      "client_id,name,gender,age,id_number,phone,station_code,categories,hukou,registered_on\n"
	      "C1,39814ccef07f6dd365bbec222a0a9a7f,female,37,d37c038eb7a652a871c28a97a9aa1102,"
	      "41ae9645e747fbda5670dfea39b5be43,QX,women;unemployed,,\n"
	      "C2,0c9c9ac39e16f0c4857f6166060b6394,male,76,,904c884f6f13d93e246fda9983c94ce9,QX,elderly,,\n"
	      "C3,2791ef28fd08f3b30780d6ea43599aae,male,,0c82a2dd44aec77c0675dbf6e5f89670,,QX,,,\n",
	      "%s: pseudonymised: keyed pseudonyms; the age from the ID number where the birth date is"
	      " missing, none from a broken one", B);
}

static void titles(struct sw_store *s)
{
	static const struct sw_table *const tables[] = {&sw_clients_table, NULL};
	sw_label_tables = tables;
	sw_labels = SW_LABELS_ZH;
	T_STR(listing(s, "SELECT c.client_id, c.name AS who, c.categories, upper(c.gender) AS gender,"
		      " (SELECT count(*) FROM clients) AS n FROM clients c ORDER BY c.client_id", SW_FMT_CSV),
	      "档案号,who,人员类别,性别,n\nC1,欧阳娜娜,妇女、失业,FEMALE,3\nC2,林,老年人,MALE,3\nC3,王小明,,MALE,3\n",
	      "%s: --labels zh: a column's title and words from its origin; a renamed one keeps its name;"
	      " one computed from a column titled by its name", B);
	sw_labels = SW_LABELS_AUTO;
	sw_label_tables = NULL;
}

static void run_all(const char *db)
{
	struct sw_store *s = sw_store_open(db, SW_STORE_CREATE);
	T_OK(s != NULL, "%s: opens", B);
	if (!s)
		return;
	rows(s);
	numbers(s);
	masks(s);
	titles(s);
	sw_store_close(s);
}

int main(void)
{
	sw_progname = "test_out_both";
	char dir[] = "/tmp/sw-unit-out.XXXXXX";
	if (!mkdtemp(dir) || chdir(dir) != 0)
		return 3;
	B = "sqlite";
	run_all("sw.db");
	const char *const junk[] = {"sw.db", "sw.db-wal", "sw.db-shm"};
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		unlink(junk[i]);

	char url[1024], db[48];
	B = "pg";
	if (pg_unit_db("sw_unit_out", db, sizeof db, url, sizeof url) == 1) {
		run_all(url);
		pg_teardown(getenv("SW_TEST_PG"), db);
	}
	if (chdir("/") != 0 || rmdir(dir) != 0)
		T_OK(0, "the scratch directory is empty");
	return T_DONE();
}
