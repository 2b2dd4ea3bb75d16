/* Closed months on a PostgreSQL server. SQLite's connection recomputes
 * at commit the figures of each closed month a transaction could have
 * touched (lib/closed.c); a server has no such hook, and psql writes
 * there too. So init-server puts a trigger on every table whose rows
 * count in a month through their own dates (lib/closed.c's dated[]),
 * refusing a statement that inserts, deletes or changes (in a column some
 * figure reads) a row dated in a closed month, or, for a row counted over
 * a span of months (a case while open, a worker while employed, a client
 * from registration on), one whose span covers a closed month or whose
 * date moves across one. It raises SQLSTATE SWC01, which the tools say in
 * the words of SQLite's refusal (lib/pg.c). Changes to tables counted
 * through other tables' rows (stations, seekers...) are not refused
 * there: the monthly report says when a closed month's fingerprint no
 * longer matches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "sw/closed.h"
#include "sw/err.h"
#include "sw/pgpriv.h"

/* The lowest and highest month a range may name: an empty start (no
 * date: every month before) and an empty end (still open). */
#define LO "'0000-00'"
#define HI "'9999-99'"

/* The months (lo, hi) a row r touches, as VALUES rows: each date of a row
 * counted within its dates; the span of one counted from its first. */
static void own(sqlite3_str *o, const char *r, const char *const col[2], int within, int none_empty)
{
	if (within) {
		for (int k = 0; k < 2 && col[k]; k++)
			sqlite3_str_appendf(o, "%s(%s.\"%w\", %s.\"%w\")", k ? ", " : "", r, col[k], r, col[k]);
		return;
	}
	if (none_empty)	/* no first date: counted in no month */
		sqlite3_str_appendf(o, "(%s.\"%w\", ", r, col[0]);
	else
		sqlite3_str_appendf(o, "(coalesce(%s.\"%w\", " LO "), ", r, col[0]);
	if (col[1])
		sqlite3_str_appendf(o, "coalesce(%s.\"%w\", " HI "))", r, col[1]);
	else
		sqlite3_str_appendall(o, HI ")");
}

/* A date of a row counted over a span, moved from o's to n's: the months
 * between (an empty value as the end it stands for). */
static void moved(sqlite3_str *o, const char *c, const char *empty)
{
	sqlite3_str_appendf(o, ", (CASE WHEN o.\"%w\" IS DISTINCT FROM n.\"%w\" THEN least(coalesce(o.\"%w\", %s),"
			    " coalesce(n.\"%w\", %s)) END, greatest(coalesce(o.\"%w\", %s), coalesce(n.\"%w\", %s)))",
			    c, c, c, empty, c, empty, c, empty, c, empty);
}

/* The first closed month the ranges x(lo, hi) of FROM ... reach, into hit. */
#define FIRST_HIT "SELECT min(m.month) INTO hit FROM closed_months m JOIN (SELECT x.lo, x.hi FROM "
#define HIT_ON ") x ON m.month BETWEEN substr(x.lo, 1, 7) AND substr(x.hi, 1, 7);"

static char *trigger_sql(const char *t, char **cols, int n)
{
	const char *col[2];
	int within, none_empty;
	sw_closed_dated(t, col, &within, &none_empty);
	sqlite3_str *o = sqlite3_str_new(NULL);
	sqlite3_str_appendf(o,
		"CREATE OR REPLACE FUNCTION \"sw_closed_%w\"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
		" SET search_path = pg_catalog, public, pg_temp AS $f$ DECLARE hit TEXT; BEGIN"
		" IF NOT EXISTS (SELECT 1 FROM closed_months) THEN RETURN NULL; END IF;"
		" IF TG_OP = 'INSERT' THEN " FIRST_HIT "sw_new n CROSS JOIN LATERAL (VALUES ", t);
	own(o, "n", col, within, none_empty);
	sqlite3_str_appendall(o, ") AS x(lo, hi)" HIT_ON " ELSIF TG_OP = 'DELETE' THEN " FIRST_HIT
			      "sw_old o CROSS JOIN LATERAL (VALUES ");
	own(o, "o", col, within, none_empty);
	sqlite3_str_appendall(o, ") AS x(lo, hi)" HIT_ON " ELSE " FIRST_HIT
			      "(SELECT row_number() OVER () AS sw_i, * FROM sw_new) n"
			      " JOIN (SELECT row_number() OVER () AS sw_i, * FROM sw_old) o ON o.sw_i = n.sw_i"
			      " CROSS JOIN LATERAL (VALUES ");
	/* both images' own dates, as a within row's; a span's dates moved */
	own(o, "o", col, 1, 0);
	sqlite3_str_appendall(o, ", ");
	own(o, "n", col, 1, 0);
	for (int k = 0; !within && k < 2 && col[k]; k++)
		moved(o, col[k], k == 0 ? (none_empty ? HI : LO) : HI);
	sqlite3_str_appendall(o, ") AS x(lo, hi) WHERE false");
	for (int i = 0; i < n; i++)
		if (!sw_closed_inert(cols[i]))
			sqlite3_str_appendf(o, " OR o.\"%w\" IS DISTINCT FROM n.\"%w\"", cols[i], cols[i]);
	sqlite3_str_appendf(o, HIT_ON " END IF;"
		" IF hit IS NOT NULL THEN RAISE EXCEPTION 'refused: month %% is closed and this would change its"
		" figures (reopen it first: sw-report close --month %% --reopen --reason TEXT)', hit, hit"
		" USING ERRCODE = 'SWC01'; END IF;"
		" RETURN NULL; END $f$;"
		"DROP TRIGGER IF EXISTS sw_closed_i ON \"%w\"; DROP TRIGGER IF EXISTS sw_closed_u ON \"%w\";"
		"DROP TRIGGER IF EXISTS sw_closed_d ON \"%w\";"
		"CREATE TRIGGER sw_closed_i AFTER INSERT ON \"%w\" REFERENCING NEW TABLE AS sw_new"
		" FOR EACH STATEMENT EXECUTE FUNCTION \"sw_closed_%w\"();"
		"CREATE TRIGGER sw_closed_u AFTER UPDATE ON \"%w\" REFERENCING OLD TABLE AS sw_old NEW TABLE AS sw_new"
		" FOR EACH STATEMENT EXECUTE FUNCTION \"sw_closed_%w\"();"
		"CREATE TRIGGER sw_closed_d AFTER DELETE ON \"%w\" REFERENCING OLD TABLE AS sw_old"
		" FOR EACH STATEMENT EXECUTE FUNCTION \"sw_closed_%w\"();",
		t, t, t, t, t, t, t, t, t);
	return sqlite3_str_finish(o);
}

int sw_pg_closed(PGconn *c)
{
	PGresult *r = sw_pg_run(c, "init-server", "SELECT c.relname, a.attname FROM pg_class c"
				" JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
				" WHERE c.relnamespace = CAST('public' AS regnamespace) AND c.relkind = 'r'"
				" ORDER BY c.relname, a.attnum", 0, NULL);
	if (!r)
		return -1;
	int rc = 0, rows = PQntuples(r);
	for (int i = 0; rc == 0 && i < rows;) {
		const char *t = PQgetvalue(r, i, 0), *col[2];
		int n = 0, within, none_empty;
		while (i + n < rows && strcmp(PQgetvalue(r, i + n, 0), t) == 0)
			n++;
		if (sw_closed_dated(t, col, &within, &none_empty)) {
			char **cols = sw_xcalloc((size_t)n, sizeof *cols);
			for (int k = 0; k < n; k++)
				cols[k] = PQgetvalue(r, i + k, 1);
			char *sql = trigger_sql(t, cols, n);
			rc = sw_pg_exec(c, "init-server", sql);
			sqlite3_free(sql);
			free(cols);
		}
		i += n;
	}
	PQclear(r);
	return rc;
}
