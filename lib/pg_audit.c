/* The audit trail on a PostgreSQL server, as init-server installs it
 * (sw/store.h, FUNCTIONS). On SQLite each program's connection records its
 * own changes through temporary triggers calling C (lib/audit.c); here the
 * triggers are the database's, on every audited table, so that every
 * change is recorded whoever makes it, the tools or psql, with the role
 * as the user. They hash the same canonical row text as
 * sw_audit_row_hash, in SQL (sha256() is built in since PostgreSQL 11), so
 * that a trail written on either verifies with the same code.
 *
 * The entries of a transaction form one command, as on SQLite, numbered
 * on from the trail's end. A transaction claims the trail at its first
 * audited change (sw_audit_next: the one row of sw_audit_head, locked
 * until it ends, so that claims queue and each sees the trail as the one
 * before it left it); the tools claim it before their snapshot is taken
 * (lib/store_pg.c's begin locks the table), so their snapshot never
 * shows an older end. The command is sealed just before commit:
 * by the tool, which reads its own entries (sw_audit_claimed,
 * sw_audit_mine) and hashes them in C with the chain's key if it has one,
 * the key never leaving the process (sw_audit_seal); or, for any other
 * writer, by a deferred trigger that hashes them in SQL, unkeyed (a keyed
 * trail refuses such a writer). People's roles may add to the trail
 * through these functions and read none of it (lib/pg_access.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "sw/auditpriv.h"
#include "sw/closed.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/pgpriv.h"

/* The claim, the seal and notes. The claim reads the trail's end in a
 * statement after the row lock is granted: under READ COMMITTED (psql)
 * that statement sees what the writer before committed. */
static const char functions[] =
	"CREATE TABLE IF NOT EXISTS sw_audit_head (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),"
	" xid TEXT, cmd BIGINT, first_seq BIGINT, prev TEXT, prev_keyed BIGINT);"
	"INSERT INTO sw_audit_head (one) VALUES (true) ON CONFLICT DO NOTHING;"
	/* the seq of this transaction's last entry, claiming the trail first */
	"CREATE OR REPLACE FUNCTION sw_audit_next() RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER"
	" SET search_path = pg_catalog, public, pg_temp AS $f$"
	" DECLARE x TEXT := CAST(txid_current() AS TEXT); s TEXT := current_setting('sw.audit_seq', true);"
	"  h RECORD;"
	" BEGIN"
	"  IF s <> '' AND current_setting('sw.audit_xid', true) = x THEN RETURN CAST(s AS BIGINT); END IF;"
	"  UPDATE sw_audit_head SET xid = x;"
	"  SELECT coalesce((SELECT max(id) FROM audit_command), 0) + 1 AS cmd,"
	"   greatest(coalesce((SELECT max(seq) FROM audit_entry), 0),"
	"            coalesce((SELECT max(seq) FROM audit_v1), 0)) + 1 AS first_seq,"
	"   coalesce((SELECT hash FROM audit_command ORDER BY id DESC LIMIT 1),"
	"            (SELECT hash FROM audit_v1 ORDER BY seq DESC LIMIT 1), '" SW_AUDIT_GENESIS "') AS prev,"
	"   (SELECT keyed FROM audit_command ORDER BY id DESC LIMIT 1) AS prev_keyed INTO h;"
	"  UPDATE sw_audit_head SET cmd = h.cmd, first_seq = h.first_seq, prev = h.prev,"
	"   prev_keyed = h.prev_keyed;"
	"  PERFORM set_config('sw.audit_xid', x, true), set_config('sw.audit_cmd', CAST(h.cmd AS TEXT), true),"
	"   set_config('sw.audit_seq', CAST(h.first_seq - 1 AS TEXT), true);"
	"  RETURN h.first_seq - 1;"
	" END $f$;"
	/* the transaction's claim and entries, for the tool's seal */
	"CREATE OR REPLACE VIEW sw_audit_claimed AS SELECT h.cmd, h.prev, h.prev_keyed,"
	" CAST(session_user AS TEXT) AS usr, CAST(floor(extract(epoch FROM now())) AS BIGINT) AS at"
	" FROM sw_audit_head h WHERE h.xid = CAST(txid_current_if_assigned() AS TEXT);"
	"CREATE OR REPLACE VIEW sw_audit_mine AS SELECT e.seq, e.action, e.tbl, e.row_key, e.detail,"
	" e.old_hash, e.new_hash FROM audit_entry e JOIN sw_audit_head h ON e.seq >= h.first_seq"
	" WHERE h.xid = CAST(txid_current_if_assigned() AS TEXT);"
	/* the command's record; none when its entries all went */
	"CREATE OR REPLACE FUNCTION sw_audit_record(h sw_audit_head, p_at TEXT, p_command TEXT,"
	"  p_hash TEXT, p_keyed BIGINT) RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER"
	" SET search_path = pg_catalog, public, pg_temp AS $f$"
	" DECLARE last BIGINT := (SELECT max(seq) FROM audit_entry WHERE seq >= h.first_seq);"
	" BEGIN"
	"  IF last IS NOT NULL THEN"
	"   INSERT INTO audit_command (id, at, \"user\", command, first_seq, last_seq, hash, keyed)"
	"    VALUES (h.cmd, p_at, CAST(session_user AS TEXT), p_command, h.first_seq, last, p_hash, p_keyed);"
	"  END IF;"
	"  UPDATE sw_audit_head SET xid = NULL;"
	"  PERFORM set_config('sw.audit_seq', '', true), set_config('sw.audit_xid', '', true);"
	" END $f$;"
	"REVOKE ALL ON FUNCTION sw_audit_record(sw_audit_head, TEXT, TEXT, TEXT, BIGINT) FROM PUBLIC;"
	/* the tool's seal: the hash it made of what sw_audit_mine gave it */
	"CREATE OR REPLACE FUNCTION sw_audit_seal(p_at TEXT, p_command TEXT, p_hash TEXT, p_keyed BIGINT)"
	" RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $f$"
	" DECLARE h sw_audit_head;"
	" BEGIN"
	"  SELECT * INTO h FROM sw_audit_head WHERE xid = CAST(txid_current_if_assigned() AS TEXT);"
	"  IF FOUND THEN PERFORM sw_audit_record(h, p_at, p_command, p_hash, p_keyed); END IF;"
	" END $f$;"
	/* the bytes sw_audit_feed and sw_audit_feed_blob hash */
	"CREATE OR REPLACE FUNCTION sw_audit_feed(n BIGINT, f TEXT[]) RETURNS BYTEA LANGUAGE sql IMMUTABLE"
	" AS $f$ SELECT convert_to(CAST(n AS TEXT), 'UTF8') || '\\x00'::bytea || coalesce((SELECT"
	"  string_agg(CASE WHEN x IS NULL THEN '\\x1e'::bytea ELSE convert_to(x, 'UTF8') || '\\x1f'::bytea END,"
	"  ''::bytea ORDER BY i) FROM unnest(f) WITH ORDINALITY AS u(x, i)), ''::bytea) $f$;"
	"CREATE OR REPLACE FUNCTION sw_audit_blob(tag TEXT, b BYTEA) RETURNS BYTEA LANGUAGE sql IMMUTABLE"
	" AS $f$ SELECT CASE WHEN b IS NULL OR length(b) = 0 THEN ''::bytea ELSE convert_to(tag, 'UTF8')"
	"  || set_byte('\\x00'::bytea, 0, least(length(b), 255)) || substr(b, 1, 255) END $f$;"
	/* the seal of a writer that is not a tool: at its commit, in SQL */
	"CREATE OR REPLACE FUNCTION sw_audit_seal_sql() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
	" SET search_path = pg_catalog, public, pg_temp AS $f$"
	" DECLARE h sw_audit_head; at TEXT := to_char(now(), 'YYYY-MM-DD\"T\"HH24:MI:SSTZHTZM');"
	"  cmd TEXT := coalesce(nullif(current_setting('application_name', true), ''), 'SQL');"
	" BEGIN"
	"  SELECT * INTO h FROM sw_audit_head WHERE xid = CAST(txid_current_if_assigned() AS TEXT);"
	"  IF NOT FOUND THEN RETURN NULL; END IF;"
	"  IF coalesce(h.prev_keyed, 0) <> 0 AND EXISTS (SELECT 1 FROM audit_entry WHERE seq >= h.first_seq) THEN"
	"   RAISE EXCEPTION 'audit: the trail is keyed: write through sw-tools with SW_AUDIT_KEY_FILE'"
	"    USING ERRCODE = 'SWA01';"
	"  END IF;"
	"  PERFORM sw_audit_record(h, at, cmd, encode(sha256(sw_audit_feed(h.cmd,"
	"   ARRAY[h.prev, at, CAST(session_user AS TEXT), cmd]) || coalesce((SELECT string_agg("
	"   sw_audit_feed(e.seq, ARRAY[e.action, e.tbl, e.row_key, e.detail]) || sw_audit_blob('o', e.old_hash)"
	"   || sw_audit_blob('n', e.new_hash), ''::bytea ORDER BY e.seq) FROM audit_entry e"
	"   WHERE e.seq >= h.first_seq), ''::bytea)), 'hex'), NULL);"
	"  RETURN NULL;"
	" END $f$;"
	"DROP TRIGGER IF EXISTS sw_audit_seal ON sw_audit_head;"
	"CREATE CONSTRAINT TRIGGER sw_audit_seal AFTER UPDATE ON sw_audit_head"
	" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW"
	" WHEN (NEW.xid IS NOT NULL AND OLD.xid IS DISTINCT FROM NEW.xid)"
	" EXECUTE FUNCTION sw_audit_seal_sql();"
	/* a note of the tool's (sw_audit_log): joins its row's entry when it
	 * has one in this command, as on SQLite */
	"CREATE OR REPLACE FUNCTION sw_audit_note(p_action TEXT, p_tbl TEXT, p_key TEXT, p_detail TEXT)"
	" RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $f$"
	" DECLARE q BIGINT := sw_audit_next();"
	" BEGIN"
	"  IF p_detail IS NOT NULL AND p_key IS NOT NULL THEN"
	"   UPDATE audit_entry SET detail = CASE WHEN detail = p_detail THEN detail"
	"    ELSE p_detail || coalesce(' (' || detail || ')', '') END"
	"    WHERE seq = (SELECT max(seq) FROM audit_entry WHERE"
	"     seq >= (SELECT first_seq FROM sw_audit_head) AND action = p_action AND tbl = p_tbl"
	"     AND row_key = p_key AND (old_hash IS NOT NULL OR new_hash IS NOT NULL));"
	"   IF FOUND THEN RETURN; END IF;"
	"  END IF;"
	"  INSERT INTO audit_entry (seq, command_id, action, tbl, row_key, detail)"
	"   VALUES (q + 1, CAST(current_setting('sw.audit_cmd') AS BIGINT), p_action, p_tbl,"
	"    coalesce(p_key, ''), p_detail);"
	"  PERFORM set_config('sw.audit_seq', CAST(q + 1 AS TEXT), true);"
	" END $f$;"
	/* the trail's head, for the anchors of closed months */
	"CREATE OR REPLACE FUNCTION sw_audit_head_hash() RETURNS TEXT LANGUAGE sql STABLE SECURITY DEFINER"
	" SET search_path = pg_catalog, public, pg_temp AS $f$ SELECT coalesce("
	"  (SELECT hash FROM audit_command ORDER BY id DESC LIMIT 1),"
	"  (SELECT hash FROM audit_v1 ORDER BY seq DESC LIMIT 1)) $f$;";

/* One audited table's columns on the server: names, their place in the
 * key (0: none), and the bytes each value's type is hashed as. */
struct cols {
	int n;
	char **name;
	int *pk;
	char *tag;	/* 't', 'i', 'r', 'b' */
};

static void cols_free(struct cols *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	free(c->pk);
	free(c->tag);
}

/* The server's types as SQLite stores them (sw/store.h, DIALECT). */
static char tag_of(const char *type)
{
	return strcmp(type, "text") == 0 ? 't' : strcmp(type, "bigint") == 0 ? 'i'
		: strcmp(type, "double precision") == 0 ? 'r' : strcmp(type, "bytea") == 0 ? 'b' : 0;
}

/* 1 with t's columns in their order (SQLite's cid), 0 when there is no
 * such table, -1 after printing why. */
static int columns(PGconn *c, const char *t, struct cols *out)
{
	const char *p[] = {t};
	PGresult *r = sw_pg_run(c, "init-server",
		"SELECT a.attname, format_type(a.atttypid, NULL), coalesce((SELECT k.n FROM pg_index i,"
		" unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(c, n) WHERE i.indrelid = a.attrelid"
		" AND i.indisprimary AND k.c = a.attnum), 0) FROM pg_attribute a"
		" WHERE a.attrelid = to_regclass('public.' || quote_ident($1)) AND a.attnum > 0"
		" AND NOT a.attisdropped ORDER BY a.attnum", 1, p);
	if (!r)
		return -1;
	int n = PQntuples(r), rc = n > 0;
	*out = (struct cols){n, sw_xcalloc((size_t)n + 1, sizeof(char *)), sw_xcalloc((size_t)n + 1, sizeof(int)),
			     sw_xcalloc((size_t)n + 1, 1)};
	for (int i = 0; i < n; i++) {
		out->name[i] = sw_xstrdup(PQgetvalue(r, i, 0));
		out->pk[i] = atoi(PQgetvalue(r, i, 2));
		if (!(out->tag[i] = tag_of(PQgetvalue(r, i, 1)))) {
			sw_error(_("%s: %s.%s: a column of type %s is not hashed as SQLite stores it"
				   " (lib/pg_audit.c)"), PQdb(c), t, out->name[i], PQgetvalue(r, i, 1));
			rc = -1;
		}
	}
	PQclear(r);
	return rc;
}

/* SQL of the bytes sw_audit_row_hash hashes for row alias of table t:
 * the name and a NUL, then each non-NULL column as its place (two bytes),
 * its type and its value (8 bytes big-endian, or a length and bytes). */
static void row_bytes(sqlite3_str *o, const char *t, const struct cols *c, const char *alias)
{
	sqlite3_str_appendall(o, "'\\x");
	for (const unsigned char *p = (const unsigned char *)t; *p; p++)
		sqlite3_str_appendf(o, "%02x", *p);
	sqlite3_str_appendall(o, "00'::bytea");
	for (int i = 0; i < c->n; i++) {
		const char *v = c->name[i];
		sqlite3_str_appendf(o, " || CASE WHEN %s.\"%w\" IS NULL THEN ''::bytea ELSE '\\x%04x%02x'::bytea || ",
				    alias, v, (unsigned)i, (unsigned char)c->tag[i]);
		if (c->tag[i] == 't')
			sqlite3_str_appendf(o, "int8send(CAST(octet_length(%s.\"%w\") AS BIGINT)) || textsend(%s.\"%w\")",
					    alias, v, alias, v);
		else if (c->tag[i] == 'b')
			sqlite3_str_appendf(o, "int8send(CAST(length(%s.\"%w\") AS BIGINT)) || %s.\"%w\"",
					    alias, v, alias, v);
		else
			sqlite3_str_appendf(o, "%s(%s.\"%w\")", c->tag[i] == 'i' ? "int8send" : "float8send", alias, v);
		sqlite3_str_appendall(o, " END");
	}
}

/* SQL of row alias's key as sw_audit_columns writes it. */
static void row_key(sqlite3_str *o, const struct cols *c, const char *alias)
{
	int any = 0;
	for (int k = 1; k <= c->n; k++)
		for (int i = 0; i < c->n; i++)
			if (c->pk[i] == k)
				sqlite3_str_appendf(o, "%scoalesce(CAST(%s.\"%w\" AS TEXT), '')", any++ ? " || '|' || " : "",
						    alias, c->name[i]);
}

/* SQL of the SHA-256 of row alias. */
static void hashed(sqlite3_str *o, const char *t, const struct cols *c, const char *alias)
{
	sqlite3_str_appendall(o, "sha256(");
	row_bytes(o, t, c, alias);
	sqlite3_str_appendall(o, ")");
}

/* The entries of a statement that inserted (sw_new) or deleted (sw_old)
 * rows, one a row in the order it changed them, as SQLite's triggers
 * record them row by row. */
static void images(sqlite3_str *o, const char *t, const struct cols *c, int del)
{
	const char *rows = del ? "sw_old" : "sw_new", *a = del ? "o" : "n";
	sqlite3_str_appendf(o, " IF NOT EXISTS (SELECT 1 FROM %s) THEN RETURN NULL; END IF; q := sw_audit_next();"
			    " INSERT INTO audit_entry (seq, command_id, action, tbl, row_key, %s)"
			    " SELECT q + row_number() OVER (), CAST(current_setting('sw.audit_cmd') AS BIGINT), %Q, %Q, ",
			    rows, del ? "old_hash" : "new_hash", del ? "delete" : "insert", t);
	row_key(o, c, a);
	sqlite3_str_appendall(o, ", ");
	hashed(o, t, c, a);
	sqlite3_str_appendf(o, " FROM %s %s;", rows, a);
}

/* The entries of an update, each row's old and new image paired by their
 * place in the transition tables: an update naming the columns changed
 * when the key stayed (none when nothing changed), else a delete and an
 * insert. */
static void updates(sqlite3_str *o, const char *t, const struct cols *c)
{
	sqlite3_str_appendall(o, " IF NOT EXISTS (SELECT 1 FROM sw_new) THEN RETURN NULL; END IF; q := sw_audit_next();"
			      " WITH n AS (SELECT row_number() OVER () AS sw_i, ");
	row_key(o, c, "r");
	sqlite3_str_appendall(o, " AS sw_k, r.* FROM sw_new r), o AS (SELECT row_number() OVER () AS sw_i, ");
	row_key(o, c, "r");
	sqlite3_str_appendf(o, " AS sw_k, r.* FROM sw_old r)"
			    " INSERT INTO audit_entry (seq, command_id, action, tbl, row_key, detail, old_hash, new_hash)"
			    " SELECT q + row_number() OVER (ORDER BY x.i, x.part), CAST(current_setting('sw.audit_cmd')"
			    " AS BIGINT), x.action, %Q, x.k, x.detail, x.oh, x.nh FROM ("
			    " SELECT n.sw_i AS i, 0 AS part, 'update' AS action, n.sw_k AS k, d.c AS detail, ", t);
	hashed(o, t, c, "o");
	sqlite3_str_appendall(o, " AS oh, ");
	hashed(o, t, c, "n");
	sqlite3_str_appendall(o, " AS nh FROM n JOIN o ON o.sw_i = n.sw_i"
			      " CROSS JOIN LATERAL (SELECT nullif(concat_ws(','");
	for (int i = 0; i < c->n; i++)
		sqlite3_str_appendf(o, ", CASE WHEN o.\"%w\" IS DISTINCT FROM n.\"%w\" THEN %Q END",
				    c->name[i], c->name[i], c->name[i]);
	sqlite3_str_appendall(o, "), '') AS c) d WHERE o.sw_k = n.sw_k AND d.c IS NOT NULL"
			      " UNION ALL SELECT n.sw_i, 1, 'delete', o.sw_k, 'key changed', ");
	hashed(o, t, c, "o");
	sqlite3_str_appendall(o, ", NULL FROM n JOIN o ON o.sw_i = n.sw_i WHERE o.sw_k <> n.sw_k"
			      " UNION ALL SELECT n.sw_i, 2, 'insert', n.sw_k, 'key changed', NULL, ");
	hashed(o, t, c, "n");
	sqlite3_str_appendall(o, " FROM n JOIN o ON o.sw_i = n.sw_i WHERE o.sw_k <> n.sw_k) x;");
}

/* Table t's trigger function and its three statement triggers. */
static char *trigger_sql(const char *t, const struct cols *c)
{
	sqlite3_str *o = sqlite3_str_new(NULL);
	sqlite3_str_appendf(o, "CREATE OR REPLACE FUNCTION \"sw_audit_%w\"() RETURNS trigger LANGUAGE plpgsql"
			    " SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $f$"
			    " DECLARE q BIGINT; k BIGINT; BEGIN IF TG_OP = 'INSERT' THEN", t);
	images(o, t, c, 0);
	sqlite3_str_appendall(o, " ELSIF TG_OP = 'DELETE' THEN");
	images(o, t, c, 1);
	sqlite3_str_appendall(o, " ELSE");
	updates(o, t, c);
	sqlite3_str_appendf(o, " END IF; GET DIAGNOSTICS k = ROW_COUNT;"
		" PERFORM set_config('sw.audit_seq', CAST(q + k AS TEXT), true); RETURN NULL; END $f$;"
		"DROP TRIGGER IF EXISTS sw_audit_i ON \"%w\"; DROP TRIGGER IF EXISTS sw_audit_u ON \"%w\";"
		"DROP TRIGGER IF EXISTS sw_audit_d ON \"%w\";"
		"CREATE TRIGGER sw_audit_i AFTER INSERT ON \"%w\" REFERENCING NEW TABLE AS sw_new"
		" FOR EACH STATEMENT EXECUTE FUNCTION \"sw_audit_%w\"();"
		"CREATE TRIGGER sw_audit_u AFTER UPDATE ON \"%w\" REFERENCING OLD TABLE AS sw_old NEW TABLE AS sw_new"
		" FOR EACH STATEMENT EXECUTE FUNCTION \"sw_audit_%w\"();"
		"CREATE TRIGGER sw_audit_d AFTER DELETE ON \"%w\" REFERENCING OLD TABLE AS sw_old"
		" FOR EACH STATEMENT EXECUTE FUNCTION \"sw_audit_%w\"();",
		t, t, t, t, t, t, t, t, t);
	return sqlite3_str_finish(o);
}

int sw_pg_audit(PGconn *c)
{
	if (sw_pg_exec(c, "init-server", functions) != 0)
		return -1;
	for (int i = 0; sw_audited[i]; i++) {
		struct cols k = {0};
		int rc = columns(c, sw_audited[i], &k);
		char *sql = rc > 0 ? trigger_sql(sw_audited[i], &k) : NULL;
		if (rc >= 0 && sql)
			rc = sw_pg_exec(c, "init-server", sql);
		sqlite3_free(sql);
		cols_free(&k);
		if (rc < 0)
			return -1;
	}
	return 0;
}
