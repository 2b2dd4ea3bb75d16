/* Duplicate candidates. Every rule is an equality join over an index:
 * names one character apart share a one-deletion variant (the SymSpell
 * idea), so they meet in the same index entry as their block key. */
#include <stdlib.h>
#include <string.h>

#include "sw/db.h"
#include "sw/dupes.h"
#include "sw/err.h"
#include "sw/text.h"

void sw_name_key(const char *name, char *out)
{
	size_t j = 0;
	strcpy(out, name);
	sw_text_norm(out);
	sw_text_lower(out);
	for (size_t i = 0; out[i]; i++)
		if (out[i] != ' ' && out[i] != '\t')
			out[j++] = out[i];
	out[j] = 0;
}

/* name_key(name) in SQL: sw_name_key. */
static void name_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	if (!name)
		return;	/* NULL */
	char *key = sqlite3_malloc64(strlen(name) + 1);
	if (!key) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sw_name_key(name, key);
	sqlite3_result_text(ctx, key, -1, sqlite3_free);
}

/* Pair rules: each SELECT yields (a, b, score, reason) with a < b. */
static const char *const rules[] = {
	"SELECT x.cid, y.cid, 100, 'same id_number' FROM dk x JOIN dk y"
	" ON y.idn = x.idn AND y.cid > x.cid WHERE x.idn IS NOT NULL",
	"SELECT x.cid, y.cid, 90, 'same name and birth date' FROM dk x JOIN dk y"
	" ON y.nkey = x.nkey AND y.birth = x.birth AND y.cid > x.cid",
	"SELECT x.cid, y.cid, 85, 'same name and phone' FROM dk x JOIN dk y"
	" ON y.nkey = x.nkey AND y.phone = x.phone AND y.cid > x.cid",
	/* pairs of spellings first: a common name shared by thousands is
	 * one spelling, not millions of pairs to look at */
	"SELECT min(x.cid, y.cid), max(x.cid, y.cid), 60,"
	" 'names differ only by spaces or full-width characters'"
	" FROM (SELECT DISTINCT nkey, name FROM dk) a JOIN (SELECT DISTINCT nkey, name FROM dk) b"
	" ON b.nkey = a.nkey AND b.name > a.name"
	" JOIN dk x ON x.nkey = a.nkey AND x.name = a.name"
	" JOIN dk y ON y.nkey = b.nkey AND y.name = b.name",
	"SELECT min(x.cid, y.cid), max(x.cid, y.cid), 70, 'names one character apart with the same birth date'"
	" FROM dv x JOIN dv y ON y.v = x.v AND y.birth = x.birth AND y.cid > x.cid"
	" WHERE x.nkey <> y.nkey AND (x.pos = y.pos OR x.pos < 0 OR y.pos < 0)",
	"SELECT min(x.cid, y.cid), max(x.cid, y.cid), 65, 'names one character apart with the same phone'"
	" FROM dv x JOIN dv y ON y.v = x.v AND y.phone = x.phone AND y.cid > x.cid"
	" WHERE x.nkey <> y.nkey AND (x.pos = y.pos OR x.pos < 0 OR y.pos < 0)",
};

int sw_dupes_find(sqlite3 *db)
{
	/* Blocking tables can be large: keep them in a file, not in RAM. Their
	 * index builds and the rules' sorts use the second core (sort runs
	 * sized from a smaller cache: memory stays as it was). */
	sw_db_exec(db, "PRAGMA temp_store=FILE; PRAGMA threads=2; PRAGMA cache_size=-16384;"
		   "CREATE TEMP TABLE dk(cid TEXT, name TEXT, birth TEXT, phone TEXT, idn TEXT, nkey TEXT);"
		   "CREATE TEMP TABLE dv(v TEXT, pos INTEGER, cid TEXT, nkey TEXT, birth TEXT, phone TEXT);"
		   "CREATE TEMP TABLE pairs(a TEXT, b TEXT, score INTEGER, reason TEXT);");
	/* The name keys, then each key's one-deletion variants (k >= 0 drops
	 * the k-th character; k = -1 is the key itself), all in SQL: substr
	 * and length count characters. */
	if (sqlite3_create_function(db, "name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    name_key_fn, NULL, NULL) != SQLITE_OK) {
		sw_db_error(db, "dupes");
		return -1;
	}
	sw_db_exec(db, "INSERT INTO dk SELECT client_id, name, birth_date, phone, id_number,"
		   " name_key(name) FROM clients;"
		   "CREATE TEMP TABLE pos(k INTEGER PRIMARY KEY);"
		   "WITH RECURSIVE p(k) AS (SELECT -1 UNION ALL SELECT k + 1 FROM p"
		   "  WHERE k < (SELECT max(length(nkey)) FROM dk)) INSERT INTO pos SELECT k FROM p;"
		   "INSERT INTO dv SELECT CASE WHEN p.k < 0 THEN d.nkey"
		   "  ELSE substr(d.nkey, 1, p.k) || substr(d.nkey, p.k + 2) END,"
		   "  p.k, d.cid, d.nkey, d.birth, d.phone FROM dk d JOIN pos p ON p.k < length(d.nkey)"
		   " WHERE length(d.nkey) >= 2 AND (d.birth IS NOT NULL OR d.phone IS NOT NULL);"
		   "DROP TABLE pos;");
	/* covering indexes: the joins never visit the tables */
	sw_db_exec(db, "CREATE INDEX temp.dk_idn ON dk(idn, cid) WHERE idn IS NOT NULL;"
		   "CREATE INDEX temp.dk_birth ON dk(nkey, birth, cid);"
		   "CREATE INDEX temp.dk_name ON dk(nkey, name, cid);"
		   "CREATE INDEX temp.dk_phone ON dk(nkey, phone, cid) WHERE phone IS NOT NULL;"
		   "CREATE INDEX temp.dv_birth ON dv(v, birth, cid, pos, nkey) WHERE birth IS NOT NULL;"
		   "CREATE INDEX temp.dv_phone ON dv(v, phone, cid, pos, nkey) WHERE phone IS NOT NULL;");
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		char *sql = sqlite3_mprintf("INSERT INTO pairs %s", rules[i]);
		sw_db_exec(db, sql);
		sqlite3_free(sql);
	}
	sw_db_exec(db, "CREATE TEMP TABLE dupes AS SELECT a AS client_a, b AS client_b,"
		   " min(100, max(score) + 5 * (count(DISTINCT reason) - 1)) AS score,"
		   " replace(group_concat(DISTINCT reason), ',', '; ') AS reasons"
		   " FROM pairs GROUP BY a, b;"
		   "DROP TABLE dk; DROP TABLE dv; DROP TABLE pairs;");
	return 0;
}
