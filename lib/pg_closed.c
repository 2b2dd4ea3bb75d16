/* Closed months on a PostgreSQL server. SQLite's connection notes what a
 * transaction touches (a preupdate hook) and recomputes, at commit, the
 * figures of each closed month it could have touched (lib/closed.c). A
 * server has no such hook, so init-server puts a statement trigger on
 * every table that feeds a figure, computing what the hook notes: the
 * closed months the changed rows reach by their own dates (lib/closed.c's
 * dated[]: a row counted within its dates, or from its first date on), or
 * every closed month for a table counted through other tables' rows
 * (stations, seekers...); an update that changes only columns no figure
 * reads touches none.
 *
 * Inside the tools' transactions (lib/store_pg.c sets sw.closed to 'tool'
 * at BEGIN) the trigger only notes those months in sw.closed_hit, and the
 * tool recomputes them before COMMIT as on SQLite (sw_closed_check_server):
 * the same changes are refused, in the same words. Any other writer
 * (psql) cannot recompute figures: there the trigger refuses a statement
 * whose rows reach a closed month by their dates, raising SQLSTATE SWC01
 * (said in SQLite's words, lib/pg.c); its changes through other tables
 * are not refused, and the monthly report says when a closed month's
 * fingerprint no longer matches. Setting sw.closed by hand only swaps the
 * refusal for the report's warning: the guard is against mistakes; the
 * audit trail names who wrote. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "sw/closed.h"
#include "sw/err.h"
#include "sw/pgpriv.h"

/* The lowest and highest month a range may name. */
#define LO "'0000-00'"
#define HI "'9999-99'"

/* The months (lo, hi) a changed row r touches, as VALUES rows, as
 * lib/closed.c's note() counts them: each date of a row counted within
 * its dates (no first date: every month); for one counted from its first
 * date on, from the earlier date to the end (no first date: every month,
 * or none with none_empty). */
static void own(sqlite3_str *o, const char *const col[2], int within, int none_empty)
{
	if (within) {
		sqlite3_str_appendf(o, "(coalesce(r.\"%w\", " LO "), coalesce(r.\"%w\", " HI "))", col[0], col[0]);
		if (col[1])
			sqlite3_str_appendf(o, ", (r.\"%w\", r.\"%w\")", col[1], col[1]);
		return;
	}
	sqlite3_str_appendf(o, "(CASE WHEN r.\"%w\" IS NOT NULL THEN least(r.\"%w\"", col[0], col[0]);
	if (col[1])
		sqlite3_str_appendf(o, ", r.\"%w\"", col[1]);
	sqlite3_str_appendf(o, ") ELSE %s END, " HI ")", none_empty ? "NULL" : LO);
}

/* The rows a statement changed, as a subquery r: an update's rows whose
 * columns some figure reads (keep) differ, both images. */
static void changed(sqlite3_str *o, const char *op, const char *keep)
{
	if (strcmp(op, "UPDATE") != 0)
		sqlite3_str_appendf(o, "(SELECT * FROM %s) r", strcmp(op, "INSERT") == 0 ? "sw_new" : "sw_old");
	else
		sqlite3_str_appendf(o, "((SELECT %s FROM sw_old EXCEPT ALL SELECT %s FROM sw_new) UNION ALL"
				    " (SELECT %s FROM sw_new EXCEPT ALL SELECT %s FROM sw_old)) r",
				    keep, keep, keep, keep);
}

static char *trigger_sql(const char *t, char **cols, int n)
{
	const char *col[2], *reached;
	int within, none_empty, dated = sw_closed_dated(t, col, &within, &none_empty, &reached);
	sqlite3_str *k = sqlite3_str_new(NULL);
	for (int i = 0; i < n; i++)
		if (!sw_closed_inert(cols[i]))
			sqlite3_str_appendf(k, "%s\"%w\"", sqlite3_str_length(k) ? ", " : "", cols[i]);
	char *keep = sqlite3_str_finish(k);
	sqlite3_str *o = sqlite3_str_new(NULL);
	sqlite3_str_appendf(o,
		"CREATE OR REPLACE FUNCTION \"sw_closed_%w\"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
		" SET search_path = pg_catalog, public, pg_temp AS $f$"
		" DECLARE hit TEXT; changed BOOLEAN; tool BOOLEAN := current_setting('sw.closed', true) IS NOT DISTINCT FROM 'tool';"
		" BEGIN IF NOT EXISTS (SELECT 1 FROM closed_months)"
		" OR tool AND current_setting('sw.closed_hit', true) = '*' THEN RETURN NULL; END IF;", t);
	static const char *const ops[] = {"INSERT", "DELETE", "UPDATE"};
	for (int i = 0; i < 3; i++) {
		sqlite3_str_appendf(o, " %s TG_OP = '%s' THEN", i ? "ELSIF" : "IF", ops[i]);
		if (!dated) {
			sqlite3_str_appendall(o, " SELECT count(*) > 0 INTO changed FROM ");
			changed(o, ops[i], keep);
		} else {
			sqlite3_str_appendall(o, " SELECT string_agg(DISTINCT m.month, ' ' ORDER BY m.month),"
					      " count(*) > 0 INTO hit, changed FROM ");
			changed(o, ops[i], keep);
			sqlite3_str_appendall(o, " CROSS JOIN LATERAL (VALUES ");
			own(o, col, within, none_empty);
			sqlite3_str_appendall(o, ") AS x(lo, hi) LEFT JOIN closed_months m"
					      " ON m.month BETWEEN substr(x.lo, 1, 7) AND substr(x.hi, 1, 7)");
		}
		sqlite3_str_appendall(o, ";");
	}
	sqlite3_str_appendall(o, " END IF;"
		" IF NOT tool THEN IF hit IS NOT NULL THEN RAISE EXCEPTION 'refused: month % is closed and this would"
		" change its figures (reopen it first: sw-report close --month % --reopen --reason TEXT)',"
		" split_part(hit, ' ', 1), split_part(hit, ' ', 1) USING ERRCODE = 'SWC01'; END IF; RETURN NULL; END IF;");
	if (!dated)
		sqlite3_str_appendall(o, " IF changed THEN hit := '*'; END IF;");
	else if (reached)
		sqlite3_str_appendf(o, " IF changed AND EXISTS (%s) THEN hit := '*'; END IF;", reached);
	sqlite3_str_appendf(o,
		" IF hit IS NOT NULL THEN PERFORM set_config('sw.closed_hit', CASE WHEN hit = '*' THEN hit ELSE"
		" (SELECT string_agg(DISTINCT w, ' ') FROM regexp_split_to_table(coalesce(current_setting("
		"'sw.closed_hit', true), '') || ' ' || hit, ' ') AS w WHERE w <> '') END, true); END IF;"
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
	sqlite3_free(keep);
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
		const char *t = PQgetvalue(r, i, 0);
		int n = 0;
		while (i + n < rows && strcmp(PQgetvalue(r, i + n, 0), t) == 0)
			n++;
		if (sw_closed_feeds(t)) {
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
