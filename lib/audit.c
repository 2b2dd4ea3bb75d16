/* The audit trail (tables audit_command and audit_entry, lib/schema.c).
 *
 * Each row inserted, updated or deleted in an audited table is an entry,
 * written by a temporary trigger this program installs on its own
 * connection (sw_audit_attach): whatever code changes a row, and only this
 * program's changes, so that one made with sqlite3 behind the tool's back
 * has none and audit --verify finds it. An entry holds the SHA-256 of the
 * row before and after the change and, for an update, the names of the
 * columns that changed. The command itself (when, who, the command line)
 * is one row of audit_command, written just before the transaction
 * commits, with the hash (or HMAC, when SW_AUDIT_KEY_FILE names a key) of
 * the previous command's hash, its own fields and every one of its
 * entries. The entries of schema version 1 (audit_v1) begin the chain.
 *
 * On a PostgreSQL server the triggers are the database's (lib/pg_audit.c)
 * and record every writer's changes; this file seals the tools' commands
 * there (seal_pg, just before COMMIT) and writes their notes. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sw/audit.h"
#include "sw/auditpriv.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/store.h"

const char *const sw_audited[] = {
	"stations", "workers", "clients", "cases", "services", "activities",
	"employers", "vacancies", "seekers", "placements",
	"catalogue", "assessments", "plans", "goals", "reviews", "referrals",
	"supervision", "training", "certificates", "orgs", "volunteers", "volunteer_hours",
	"resources", "resource_uses", "needs", "contracts", "contract_staffing", "spending", NULL
};

static struct {
	int argc;
	char **argv;
	char *command;		/* argv joined by spaces */
	char user[64];		/* OS user */
	char at[32];		/* command start, ISO 8601 local time with offset */
	sqlite3_stmt *ins;	/* a note or baseline entry; on first use */
	char *triggers;		/* the SQL of the triggers (sw_audit_attach) */
	sqlite3_int64 id;	/* this command's id, once it has an entry */
	sqlite3_int64 first;	/* the seq its entries start at */
	char prev[65];		/* the hash the chain continues from */
	int prev_keyed;		/* the command before it was keyed */
	struct sw_audit_key key;	/* SW_AUDIT_KEY_FILE's */
	EVP_MD *sha;		/* fetched once */
	EVP_MD_CTX *ctx;
} A;

static int seal_pg(struct sw_store *s);

void sw_audit_init(int argc, char **argv)
{
	A.argc = argc;
	A.argv = argv;
	sw_store_on_commit(seal_pg);
}

/* SHA-256 and the key, once per process. 0 or -1. */
static int setup(void)
{
	if (A.sha)
		return 0;
	if (!(A.sha = EVP_MD_fetch(NULL, "SHA256", NULL)) || !(A.ctx = EVP_MD_CTX_new()))
		sw_die(SW_EXIT_FAIL, _("audit: cannot set up SHA-256"));
	const char *kf = getenv("SW_AUDIT_KEY_FILE");
	return kf && *kf ? sw_audit_key_load(kf, &A.key) : 0;
}

/* The command line, user and time (t: now when 0), read when a command's
 * first entry is written: "add" masks personal values in argv around its
 * change. */
static void describe(time_t t)
{
	/* never a server's password (--db postgresql://u:PASSWORD@...) */
	char **arg = sw_xcalloc((size_t)A.argc + 1, sizeof *arg);
	size_t len = 1;
	for (int i = 0; i < A.argc; i++)
		len += strlen(arg[i] = sw_store_redact(A.argv[i])) + 1;
	free(A.command);
	A.command = sw_xcalloc(len, 1);
	for (int i = 0; i < A.argc; i++) {
		if (i)
			strcat(A.command, " ");
		strcat(A.command, arg[i]);
		free(arg[i]);
	}
	free(arg);
	struct passwd *pw = getpwuid(geteuid());
	const char *u = pw ? pw->pw_name : getenv("USER");
	snprintf(A.user, sizeof A.user, "%s", u ? u : "unknown");
	if (!t)
		t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(A.at, sizeof A.at, "%Y-%m-%dT%H:%M:%S%z", &tm);
}

/* The hash the chain continues from, whether its command was keyed, and
 * the last seq and command id. */
static void head(sqlite3 *db, char prev[65], int *keyed, sqlite3_int64 *seq, sqlite3_int64 *id)
{
	sqlite3_stmt *st = sw_db_stmt(db,
		"SELECT (SELECT hash FROM audit_command ORDER BY id DESC LIMIT 1),"
		" (SELECT hash FROM audit_v1 ORDER BY seq DESC LIMIT 1),"
		" max(coalesce((SELECT max(seq) FROM audit_entry), 0),"
		"     coalesce((SELECT max(seq) FROM audit_v1), 0)),"
		" coalesce((SELECT max(id) FROM audit_command), 0),"
		" (SELECT keyed FROM audit_command ORDER BY id DESC LIMIT 1)");
	sqlite3_step(st);
	const char *h = (const char *)sqlite3_column_text(st, 0);
	if (!h)
		h = (const char *)sqlite3_column_text(st, 1);
	snprintf(prev, 65, "%s", h ? h : SW_AUDIT_GENESIS);
	*seq = sqlite3_column_int64(st, 2);
	*id = sqlite3_column_int64(st, 3);
	*keyed = sqlite3_column_int(st, 4);
	sw_db_release(st);
}

static int seal(sqlite3 *db);
static void forget(void);

/* Begins this command's entries, once per transaction. 0 or -1. */
static int start(sqlite3 *db)
{
	if (A.id)
		return 0;
	if (sqlite3_get_autocommit(db)) {
		sw_error(_("audit: change outside a transaction"));
		return -1;
	}
	if (setup() != 0)
		return -1;
	describe(0);
	sqlite3_int64 seq;
	head(db, A.prev, &A.prev_keyed, &seq, &A.id);
	A.id++;
	A.first = seq + 1;
	sw_db_hooks(seal, forget);
	return 0;
}

/* Feeds the entries seq >= A.first to the command's hash; *first and
 * *last get the range. 0 or -1. */
static int feed_entries(sqlite3 *db, sqlite3_int64 *first, sqlite3_int64 *last)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT seq, action, tbl, row_key, detail, old_hash,"
					 " new_hash FROM audit_entry WHERE seq >= ? ORDER BY seq");
	sqlite3_bind_int64(st, 1, A.first);
	int rc;
	*first = *last = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[4];
		for (int i = 0; i < 4; i++)
			f[i] = (const char *)sqlite3_column_text(st, i + 1);
		*last = sqlite3_column_int64(st, 0);
		if (!*first)
			*first = *last;
		sw_audit_feed(A.ctx, *last, f, 4);
		sw_audit_feed_blob(A.ctx, 'o', sqlite3_column_blob(st, 5), sqlite3_column_bytes(st, 5));
		sw_audit_feed_blob(A.ctx, 'n', sqlite3_column_blob(st, 6), sqlite3_column_bytes(st, 6));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "audit");
		return -1;
	}
	return 0;
}

/* Writes the command's row, with the hash of all its entries: called by
 * sw_db_commit just before COMMIT. */
static int seal(sqlite3 *db)
{
	if (!A.id)
		return 0;
	sqlite3_int64 id = A.id, first, last;
	forget();
	if (A.prev_keyed && !A.key.set) {
		sw_error(_("audit: the trail is keyed: set SW_AUDIT_KEY_FILE to its key file"));
		return -1;
	}
	char hash[65];
	sw_audit_mac_init(A.ctx, A.sha, &A.key);
	const char *f[] = {A.prev, A.at, A.user, A.command};
	sw_audit_feed(A.ctx, id, f, 4);
	if (feed_entries(db, &first, &last) != 0)
		return -1;
	if (!first)
		return 0;	/* its changes were all rolled back */
	sw_audit_mac_done(A.ctx, A.sha, &A.key, hash);
	sqlite3_stmt *st = sw_db_prepare(db, "INSERT INTO audit_command(id, at, user, command,"
					 " first_seq, last_seq, hash, keyed) VALUES(?,?,?,?,?,?,?,?)");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, A.at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, A.user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, A.command, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, first);
	sqlite3_bind_int64(st, 6, last);
	sqlite3_bind_text(st, 7, hash, -1, SQLITE_STATIC);
	if (A.key.set)
		sqlite3_bind_int(st, 8, 1);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "audit");
		return -1;
	}
	return 0;
}

/* A rolled-back transaction's entries are gone: so is the command. The
 * statement goes too: whichever program closes the database next. */
static void forget(void)
{
	A.id = 0;
	sqlite3_finalize(A.ins);
	A.ins = NULL;
}

/* The next seq: after every entry, those of version 1 included (the
 * triggers let SQLite number theirs: sw_audit_baseline makes sure
 * audit_entry has an entry after those of version 1). */
#define NEXT_SEQ "(SELECT coalesce(max(seq), (SELECT max(seq) FROM audit_v1), 0) + 1 FROM audit_entry)"

/* Writes one entry of this command. 0 or -1. */
static int entry(sqlite3 *db, const char *action, const char *tbl, const char *key,
		 const char *detail, const unsigned char *after)
{
	if (start(db) != 0)
		return -1;
	if (!A.ins)
		A.ins = sw_db_prepare(db, "INSERT INTO audit_entry(seq, command_id, action, tbl,"
				      " row_key, detail, new_hash) VALUES(" NEXT_SEQ ",?,?,?,?,?,?)");
	sqlite3_bind_int64(A.ins, 1, A.id);
	sqlite3_bind_text(A.ins, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(A.ins, 3, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(A.ins, 4, key ? key : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(A.ins, 5, detail, -1, SQLITE_STATIC);
	if (after)
		sqlite3_bind_blob(A.ins, 6, after, 32, SQLITE_STATIC);
	else
		sqlite3_bind_null(A.ins, 6);
	int rc = sqlite3_step(A.ins);
	sqlite3_reset(A.ins);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "audit");
		return -1;
	}
	return 0;
}

/* A note on a row this command changed joins that row's entry: "close
 * (closed_on,close_reason)", or "certificate" when that is the column
 * changed. Returns 1 if it did, 0 if not, -1. */
static int annotate(sqlite3 *db, const char *action, const char *tbl, const char *key,
		    const char *detail)
{
	sqlite3_stmt *st = sw_db_prepare(db,
		"UPDATE audit_entry SET detail = CASE WHEN detail = ?1 THEN detail"
		" ELSE ?1 || coalesce(' (' || detail || ')', '') END"
		" WHERE seq = (SELECT max(seq) FROM audit_entry WHERE seq >= ?2 AND action = ?3"
		" AND tbl = ?4 AND row_key = ?5 AND (old_hash IS NOT NULL OR new_hash IS NOT NULL))");
	sqlite3_bind_text(st, 1, detail, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, A.first);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "audit");
		return -1;
	}
	return sqlite3_changes(db) > 0;
}

int sw_audit_log(struct sw_store *s, const char *action, const char *tbl, const char *key,
		 const char *detail)
{
	sqlite3 *db = sw_store_sqlite(s);
	if (!db) {	/* a server: its function claims the trail and joins the row's entry */
		struct sw_stmt *st = sw_store_stmt(s, "SELECT sw_audit_note(?1, ?2, ?3, ?4)");
		const char *p[] = {action, tbl, key, detail};
		for (int i = 0; i < 4; i++)
			sw_stmt_bind_text(st, i + 1, p[i]);
		int rc = sw_stmt_step(st) == SW_ROW ? 0 : -1;
		sw_stmt_release(st);
		return rc;
	}
	if (sqlite3_get_autocommit(db))
		sw_die(SW_EXIT_FAIL, _("audit: entry outside a transaction"));
	int joined = A.id && detail && key ? annotate(db, action, tbl, key, detail) : 0;
	return joined < 0 ? -1 : joined ? 0 : entry(db, action, tbl, key, detail, NULL);
}

/* sw_audit_row(tbl, col...): the row's hash, a 32-byte blob. */
static void fn_row(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	unsigned char h[32];
	struct sw_audit_val v[64], *vals = argc - 1 <= 64 ? v : sw_xcalloc((size_t)argc, sizeof *vals);
	for (int i = 1; i < argc; i++)
		sw_audit_val_sqlite(&vals[i - 1], argv[i]);
	sw_audit_row_hash(A.ctx, A.sha, (const char *)sqlite3_value_text(argv[0]), vals, argc - 1, h);
	if (vals != v)
		free(vals);
	sqlite3_result_blob(cx, h, 32, SQLITE_TRANSIENT);
}

static int same(sqlite3_value *a, sqlite3_value *b)
{
	int t = sqlite3_value_type(a);
	if (t != sqlite3_value_type(b))
		return 0;
	switch (t) {
	case SQLITE_NULL: return 1;
	case SQLITE_INTEGER: return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT: return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		int n = sqlite3_value_bytes(a);
		const void *pa = sqlite3_value_blob(a), *pb = sqlite3_value_blob(b);
		return n == sqlite3_value_bytes(b) && (!n || memcmp(pa, pb, (size_t)n) == 0);
	}
	}
}

/* sw_audit_cols(name, old, new, ...): the names whose values differ,
 * comma-separated, or NULL. */
static void fn_cols(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	sqlite3_str *s = sqlite3_str_new(NULL);
	for (int i = 0; i + 2 < argc; i += 3)
		if (!same(argv[i + 1], argv[i + 2]))
			sqlite3_str_appendf(s, "%s%s", sqlite3_str_length(s) ? "," : "",
					    (const char *)sqlite3_value_text(argv[i]));
	int len = sqlite3_str_length(s);
	char *v = sqlite3_str_finish(s);
	if (len)
		sqlite3_result_text(cx, v, len, sqlite3_free);
	else {
		sqlite3_free(v);
		sqlite3_result_null(cx);
	}
}

/* sw_audit_cmd(): this command's id, begun on the first change. */
static void fn_cmd(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	if (start(sqlite3_context_db_handle(cx)) != 0)
		sqlite3_result_error(cx, _("audit: cannot begin the command's entries"), -1);
	else
		sqlite3_result_int64(cx, A.id);
}

/* The triggers of table t: an entry for each row inserted, updated (when
 * a value changed; a changed key is a delete and an insert) or deleted. */
static char *triggers(sqlite3 *db, const char *t)
{
	char **cols, **again, *knew, *kold;
	int n = sw_audit_columns(sw_store_of(db), t, &cols, "NEW", &knew);
	sw_audit_columns(sw_store_of(db), t, &again, "OLD", &kold);
	sw_audit_columns_free(again);
	if (n <= 0) {
		sw_audit_columns_free(cols);
		sqlite3_free(knew);
		sqlite3_free(kold);
		return NULL;
	}
	sqlite3_str *nv = sqlite3_str_new(db), *ov = sqlite3_str_new(db), *cv = sqlite3_str_new(db);
	for (int i = 0; cols[i]; i++) {
		sqlite3_str_appendf(nv, ", NEW.\"%w\"", cols[i]);
		sqlite3_str_appendf(ov, ", OLD.\"%w\"", cols[i]);
		sqlite3_str_appendf(cv, "%s%Q, OLD.\"%w\", NEW.\"%w\"", i ? ", " : "", cols[i],
				    cols[i], cols[i]);
	}
	char *n_ = sqlite3_str_finish(nv), *o_ = sqlite3_str_finish(ov), *c_ = sqlite3_str_finish(cv);
#define ENTRY "INSERT INTO audit_entry(seq, command_id, action, tbl, row_key, detail, old_hash, new_hash)"
	const char *ins = ENTRY " SELECT NULL, sw_audit_cmd(), ";
	const char *insv = ENTRY " VALUES(NULL, sw_audit_cmd(), ";
	char *sql = sqlite3_mprintf(
		"CREATE TEMP TRIGGER IF NOT EXISTS \"sw_audit_%w_i\" AFTER INSERT ON main.\"%w\" BEGIN"
		" %s 'insert', %Q, %s, NULL, NULL, sw_audit_row(%Q%s)); END;"
		"CREATE TEMP TRIGGER IF NOT EXISTS \"sw_audit_%w_d\" AFTER DELETE ON main.\"%w\" BEGIN"
		" %s 'delete', %Q, %s, NULL, sw_audit_row(%Q%s), NULL); END;"
		"CREATE TEMP TRIGGER IF NOT EXISTS \"sw_audit_%w_u\" AFTER UPDATE ON main.\"%w\" BEGIN"
		" %s 'update', %Q, %s, c, sw_audit_row(%Q%s), sw_audit_row(%Q%s)"
		"  FROM (SELECT sw_audit_cols(%s) AS c) WHERE c IS NOT NULL AND %s IS %s;"
		" %s 'delete', %Q, %s, 'key changed', sw_audit_row(%Q%s), NULL WHERE %s IS NOT %s;"
		" %s 'insert', %Q, %s, 'key changed', NULL, sw_audit_row(%Q%s) WHERE %s IS NOT %s;"
		" END;",
		t, t, insv, t, knew, t, n_,
		t, t, insv, t, kold, t, o_,
		t, t, ins, t, knew, t, o_, t, n_, c_, kold, knew,
		ins, t, kold, t, o_, kold, knew,
		ins, t, knew, t, n_, kold, knew);
	sqlite3_free(n_);
	sqlite3_free(o_);
	sqlite3_free(c_);
	sqlite3_free(knew);
	sqlite3_free(kold);
	sw_audit_columns_free(cols);
	return sql;
}

int sw_audit_attach(sqlite3 *db)
{
	if (setup() != 0)
		return -1;
	/* installed already (an import asks after it sets temp_store, which
	 * empties the temporary schema when it changes it): the functions too,
	 * which are not registered again, since that expires every prepared
	 * statement of db (sw_db_stmt's) */
	sqlite3_stmt *st = sw_db_stmt(db, "SELECT 1 FROM temp.sqlite_master"
				      " WHERE type = 'trigger' AND name LIKE 'sw\\_audit\\_%' ESCAPE '\\'");
	int have = sqlite3_step(st) == SQLITE_ROW;
	sw_db_release(st);
	if (have)
		return 0;
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	if (sqlite3_create_function(db, "sw_audit_row", -1, flags, NULL, fn_row, NULL, NULL) ||
	    sqlite3_create_function(db, "sw_audit_cols", -1, flags, NULL, fn_cols, NULL, NULL) ||
	    sqlite3_create_function(db, "sw_audit_cmd", 0, SQLITE_UTF8, NULL, fn_cmd, NULL, NULL)) {
		sw_db_error(db, "audit");
		return -1;
	}
	if (!A.triggers) {	/* built once */
		sqlite3_str *all = sqlite3_str_new(db);
		for (int i = 0; sw_audited[i]; i++) {
			char *sql = triggers(db, sw_audited[i]);
			if (sql)
				sqlite3_str_appendall(all, sql);
			sqlite3_free(sql);
		}
		A.triggers = sqlite3_str_finish(all);
	}
	/* one transaction for them all, not one each */
	int own = sqlite3_get_autocommit(db);
	if ((own && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) ||
	    sqlite3_exec(db, A.triggers, NULL, NULL, NULL) != SQLITE_OK ||
	    (own && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)) {
		sw_db_error(db, "audit");
		if (own && !sqlite3_get_autocommit(db))
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int sw_audit_baseline(sqlite3 *db)
{
	if (setup() != 0)
		return -1;
	sqlite3_stmt *st;
	for (int i = 0; sw_audited[i]; i++) {
		char **cols, *key;
		int n = sw_audit_columns(sw_store_of(db), sw_audited[i], &cols, "", &key);
		sw_audit_columns_free(cols);
		if (n <= 0) {
			sqlite3_free(key);
			if (n < 0)
				return -1;
			continue;
		}
		char *sql = sqlite3_mprintf("SELECT %s, * FROM main.\"%w\"", key, sw_audited[i]);
		st = sw_db_prepare(db, sql);
		sqlite3_free(sql);
		sqlite3_free(key);
		int rc;
		struct sw_audit_val *v = sw_xcalloc((size_t)n, sizeof *v);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			unsigned char h[32];
			for (int c = 0; c < n; c++)
				sw_audit_val_sqlite(&v[c], sqlite3_column_value(st, c + 1));
			sw_audit_row_hash(A.ctx, A.sha, sw_audited[i], v, n, h);
			if (entry(db, "baseline", sw_audited[i], (const char *)sqlite3_column_text(st, 0),
				  NULL, h) != 0)
				break;
		}
		free(v);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			if (rc != SQLITE_ROW)
				sw_db_error(db, "audit");
			return -1;
		}
	}
	/* the entries of version 1 alone (no rows): one after them, so that
	 * SQLite numbers the triggers' entries on from them */
	st = sw_db_prepare(db, "SELECT NOT EXISTS (SELECT 1 FROM audit_entry)"
			   " AND EXISTS (SELECT 1 FROM audit_v1)");
	int alone = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return alone ? entry(db, "baseline", "audit_v1", "", "the entries before schema 3", NULL) : 0;
}

void sw_audit_release(void)
{
	sqlite3_free(A.triggers);
	A.triggers = NULL;
	sqlite3_finalize(A.ins);
	A.ins = NULL;
	free(A.command);
	A.command = NULL;
	EVP_MD_CTX_free(A.ctx);
	EVP_MD_free(A.sha);
	A.ctx = NULL;
	A.sha = NULL;
	OPENSSL_cleanse(&A.key, sizeof A.key);	/* read again, if need be, at the next setup */
}

/* The schema that gave the trail row hashes, keys and anchors. */
#define AUDIT_SCHEMA 8

int sw_audit_head(struct sw_store *s, char hex[65])
{
	hex[0] = 0;
	sqlite3 *db = sw_store_sqlite(s);
	if (!db)	/* a server's trail is read by its function only */
		return sw_store_text(s, "SELECT sw_audit_head_hash()", 0, NULL, hex, 65) < 0 ? -1 : 0;
	if (sw_store_schema_version(s) < AUDIT_SCHEMA)
		return 0;
	sqlite3_int64 seq, id;
	int keyed;
	head(db, hex, &keyed, &seq, &id);
	if (strcmp(hex, SW_AUDIT_GENESIS) == 0)
		hex[0] = 0;
	return 0;
}

int sw_audit_anchor(struct sw_store *s, const char *month, char hex[65])
{
	hex[0] = 0;
	if (sw_store_schema_version(s) < AUDIT_SCHEMA)
		return 0;	/* no anchors before */
	struct sw_stmt *st = sw_store_stmt(s, "SELECT (SELECT head FROM audit_anchor WHERE month = ?1"
				      " ORDER BY seq DESC LIMIT 1) FROM closed_months WHERE month = ?1");
	sw_stmt_bind_text(st, 1, month);
	int rc = sw_stmt_step(st);
	if (rc == SW_ROW && sw_stmt_text(st, 0))
		snprintf(hex, 65, "%s", sw_stmt_text(st, 0));
	sw_stmt_release(st);
	if (rc == SW_DONE)	/* open: the head it would be closed at */
		return sw_audit_head(s, hex);
	return rc == SW_ROW ? 0 : -1;
}

int sw_audit_keep(struct sw_store *s, const char *month)
{
	char head[65], at[32];
	if (sw_audit_head(s, head) != 0)
		return -1;
	if (!*head)
		return 0;
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct sw_stmt *st = sw_store_prep(s, "INSERT INTO audit_anchor(month, head, at) VALUES(?1, ?2, ?3)");
	const char *p[] = {month, head, at};
	for (int i = 0; i < 3; i++)
		sw_stmt_bind_text(st, i + 1, p[i]);
	int rc = sw_stmt_step(st) == SW_DONE ? 0 : -1;
	sw_stmt_finalize(st);
	return rc;
}

/* Feeds this transaction's entries on a server to the command's hash (as
 * feed_entries does on SQLite). The number fed, or -1. */
static long feed_pg(struct sw_store *s)
{
	struct sw_stmt *st = sw_store_prep(s, "SELECT seq, action, tbl, row_key, detail, old_hash, new_hash"
					   " FROM sw_audit_mine ORDER BY seq");
	long n = 0;
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *f[4];
		for (int i = 0; i < 4; i++)
			f[i] = sw_stmt_text(st, i + 1);
		sw_audit_feed(A.ctx, sw_stmt_int64(st, 0), f, 4);
		size_t len;
		const void *b = sw_stmt_blob(st, 5, &len);
		sw_audit_feed_blob(A.ctx, 'o', b, len);
		b = sw_stmt_blob(st, 6, &len);
		sw_audit_feed_blob(A.ctx, 'n', b, len);
		n++;
	}
	sw_stmt_finalize(st);
	return rc == SW_DONE ? n : -1;
}

/* The seal on a server (lib/pg_audit.c), just before COMMIT: the command
 * this transaction claimed, hashed here with the chain's key, if any, which
 * never leaves the process. The user is the database role. 0 or -1
 * (printed). */
static int seal_pg(struct sw_store *s)
{
	struct sw_stmt *h = sw_store_prep(s, "SELECT cmd, prev, prev_keyed, usr, at FROM sw_audit_claimed");
	int rc = sw_stmt_step(h);
	if (rc != SW_ROW || setup() != 0) {
		sw_stmt_finalize(h);
		return rc == SW_DONE ? 0 : -1;
	}
	if (sw_stmt_int64(h, 2) && !A.key.set) {
		sw_stmt_finalize(h);
		sw_error(_("audit: the trail is keyed: set SW_AUDIT_KEY_FILE to its key file"));
		return -1;
	}
	describe((time_t)sw_stmt_int64(h, 4));
	snprintf(A.user, sizeof A.user, "%s", sw_stmt_text(h, 3));
	const char *f[] = {sw_stmt_text(h, 1), A.at, A.user, A.command};
	sw_audit_mac_init(A.ctx, A.sha, &A.key);
	sw_audit_feed(A.ctx, sw_stmt_int64(h, 0), f, 4);
	sw_stmt_finalize(h);
	long n = feed_pg(s);
	if (n <= 0)
		return (int)n;	/* none: its changes were all undone */
	char hash[65];
	sw_audit_mac_done(A.ctx, A.sha, &A.key, hash);
	struct sw_stmt *st = sw_store_prep(s, "SELECT sw_audit_seal(?1, ?2, ?3, ?4)");
	sw_stmt_bind_text(st, 1, A.at);
	sw_stmt_bind_text(st, 2, A.command);
	sw_stmt_bind_text(st, 3, hash);
	if (A.key.set)
		sw_stmt_bind_int64(st, 4, 1);
	else
		sw_stmt_bind_null(st, 4);
	rc = sw_stmt_step(st) == SW_ROW ? 0 : -1;
	sw_stmt_finalize(st);
	return rc;
}
