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

/* Stores the name key row and its one-deletion variants. */
static int add_client(sqlite3_stmt *dk, sqlite3_stmt *dv, sqlite3_stmt *row)
{
	const char *name = (const char *)sqlite3_column_text(row, 1);
	char key[256], var[256];
	if (!name || strlen(name) >= sizeof key)
		return 0;
	sw_name_key(name, key);
	for (int i = 0; i < 5; i++)
		sqlite3_bind_value(dk, i + 1, sqlite3_column_value(row, i));
	sqlite3_bind_text(dk, 6, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(dk);
	sqlite3_reset(dk);
	if (rc != SQLITE_DONE || (!sqlite3_column_text(row, 2) && !sqlite3_column_text(row, 3)))
		return rc == SQLITE_DONE ? 0 : -1;
	/* variant -1 is the key itself; variant k drops the k-th character */
	size_t len = strlen(key), nch = sw_utf8_len(key);
	const char *p = key;
	for (int k = -1; k < (int)nch && nch >= 2; k++) {
		unsigned cp;
		int clen = 0;
		if (k < 0)
			memcpy(var, key, len + 1);
		else {
			clen = sw_utf8_decode(p, &cp);
			size_t at = (size_t)(p - key);
			memcpy(var, key, at);
			memcpy(var + at, p + clen, len - at - (size_t)clen + 1);
			p += clen;
		}
		sqlite3_bind_text(dv, 1, var, -1, SQLITE_STATIC);
		sqlite3_bind_int(dv, 2, k);
		sqlite3_bind_value(dv, 3, sqlite3_column_value(row, 0));
		sqlite3_bind_text(dv, 4, key, -1, SQLITE_STATIC);
		sqlite3_bind_value(dv, 5, sqlite3_column_value(row, 2));
		sqlite3_bind_value(dv, 6, sqlite3_column_value(row, 3));
		rc = sqlite3_step(dv);
		sqlite3_reset(dv);
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
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
	/* Blocking tables can be large: keep them in a file, not in RAM. */
	sw_db_exec(db, "PRAGMA temp_store=FILE;"
		   "CREATE TEMP TABLE dk(cid TEXT, name TEXT, birth TEXT, phone TEXT, idn TEXT, nkey TEXT);"
		   "CREATE TEMP TABLE dv(v TEXT, pos INTEGER, cid TEXT, nkey TEXT, birth TEXT, phone TEXT);"
		   "CREATE TEMP TABLE pairs(a TEXT, b TEXT, score INTEGER, reason TEXT);");
	sqlite3_stmt *row = sw_db_prepare(db,
		"SELECT client_id, name, birth_date, phone, id_number FROM clients");
	sqlite3_stmt *dk = sw_db_prepare(db, "INSERT INTO dk VALUES(?1,?2,?3,?4,?5,?6)");
	sqlite3_stmt *dv = sw_db_prepare(db, "INSERT INTO dv VALUES(?1,?2,?3,?4,?5,?6)");
	int rc;
	while ((rc = sqlite3_step(row)) == SQLITE_ROW)
		if (add_client(dk, dv, row) != 0)
			break;
	sqlite3_finalize(row);
	sqlite3_finalize(dk);
	sqlite3_finalize(dv);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "dupes");
		return -1;
	}
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
