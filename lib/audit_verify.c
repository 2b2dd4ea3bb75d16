/* audit --verify: the chain of entries, its anchors and key, then the rows
 * of every audited table against their last audited state.
 *
 * Comparing millions of rows with the entries without an index or a sort:
 * each row's hash is mapped through SipHash under a key drawn at random
 * for this run, and summed (mod 2^64) into a bucket chosen by the row's
 * key; each entry adds its after-hash and takes away its before-hash the
 * same way. When every bucket of a table is equal, its rows are its last
 * audited states: a forger, not knowing the run's key, has a chance of
 * 2^-64 of a difference summing to nothing. Only the keys of unequal
 * buckets are then looked at one by one, in temporary tables.
 *
 * The same code reads a trail on a server, through the store, and hashes
 * its rows here from the values as they arrive, so that rows hashed by
 * the server's triggers (lib/pg_audit.c) are checked against this file's
 * hashing, not the server's own. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/rand.h>

#include "sw/audit.h"
#include "sw/auditpriv.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/store.h"

#define NB 4096		/* buckets per table */
#define MAXT 32		/* audited tables, at most */

struct anchor {
	char hash[65];
	char what[32];	/* "--head" or "month 2026-10" */
	int found;
};

struct verify {
	EVP_MD *sha;
	EVP_MD_CTX *ctx;
	struct sw_audit_key key;
	uint64_t sk[2];			/* this run's SipHash key */
	uint64_t *d[MAXT];		/* per table and bucket: entries - rows */
	struct anchor *an;
	int nan;
	int failed;			/* a query failed (said): status 3, not a finding */
};

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do { \
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32); \
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2; \
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0; \
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32); } while (0)

/* SipHash-2-4 of a 32-byte hash. */
static uint64_t sip(const unsigned char in[32], uint64_t k0, uint64_t k1)
{
	uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
	uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
	for (int i = 0; i < 32; i += 8) {
		uint64_t m = 0;
		for (int j = 7; j >= 0; j--)
			m = m << 8 | in[i + j];
		v3 ^= m;
		SIPROUND;
		SIPROUND;
		v0 ^= m;
	}
	uint64_t b = (uint64_t)32 << 56;
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

static unsigned bucket(const char *key)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)(key ? key : ""); *p; p++)
		h = (h ^ *p) * 16777619u;
	return h % NB;
}

static int table_index(const char *tbl)
{
	for (int i = 0; tbl && sw_audited[i]; i++)
		if (strcmp(sw_audited[i], tbl) == 0)
			return i;
	return -1;
}

/* Adds (sign 1) or takes away (-1) a row state from its bucket. */
static void tally(struct verify *v, int t, const char *key, const void *h, int len, int sign)
{
	if (t < 0 || !h || len != 32)
		return;
	uint64_t a = sip(h, v->sk[0], v->sk[1]);
	v->d[t][bucket(key)] += sign > 0 ? a : -a;
}

static void reached(struct verify *v, const char *hash)
{
	for (int i = 0; i < v->nan; i++)
		if (strcmp(v->an[i].hash, hash) == 0)
			v->an[i].found = 1;
}

/* Version 1 entries: each hashed with the one before it. */
static long verify_v1(struct sw_store *s, struct verify *v, char prev[65], int64_t *last)
{
	struct sw_stmt *st = sw_store_prep(s, "SELECT seq, at, user, command, action, tbl, row_key,"
					   " detail, prev_hash, hash FROM audit_v1 ORDER BY seq");
	long n = 0, bad = 0;
	int rc;
	while (!bad && (rc = sw_stmt_step(st)) == SW_ROW) {
		int64_t seq = sw_stmt_int64(st, 0);
		const char *f[8];
		char h[65];
		for (int i = 0; i < 8; i++)
			f[i] = sw_stmt_text(st, i + 1);
		const char *stored = sw_stmt_text(st, 9);
		EVP_DigestInit_ex(v->ctx, v->sha, NULL);
		sw_audit_feed(v->ctx, seq, f, 8);
		static const struct sw_audit_key none;
		sw_audit_mac_done(v->ctx, v->sha, &none, h);
		if (seq != *last + 1 || strcmp(f[7] ? f[7] : "", prev) != 0) {
			sw_error(_("audit: entry %lld: the entry before it was removed or altered"),
				 (long long)seq);
			bad = 1;
		} else if (!stored || strcmp(stored, h) != 0) {
			sw_error(_("audit: entry %lld: content does not match its hash (edited)"),
				 (long long)seq);
			bad = 1;
		}
		snprintf(prev, 65, "%s", h);
		reached(v, h);
		*last = seq;
		n++;
	}
	sw_stmt_finalize(st);
	v->failed |= rc < 0;
	return bad || rc < 0 ? -1 : n;
}

/* The walk over audit_entry, command by command. */
struct walk {
	char prev[65];
	int64_t last, cmd, first, end;
	int keyed, seen_keyed;
	const char *bad;
	int64_t at;
};

/* A command's first entry: checks its place and key, starts its hash.
 * cmd is on the command's record (id, at, user, command, first_seq,
 * last_seq, keyed, hash). */
static int begin_command(struct verify *v, struct walk *w, struct sw_stmt *cmd, int64_t id)
{
	const char *f[4] = {w->prev};
	for (int i = 1; i < 4; i++)
		f[i] = sw_stmt_text(cmd, i);
	w->keyed = sw_stmt_int64(cmd, 6) != 0;
	if (id != w->cmd + 1)
		w->bad = N_("the command before it was removed or altered");
	else if (w->keyed && !v->key.set)
		w->bad = N_("its command is keyed: give --key-file");
	else if (!w->keyed && v->key.set && w->seen_keyed)
		w->bad = N_("its command is not keyed (written or rewritten without the key)");
	if (w->bad)
		return -1;
	static const struct sw_audit_key none;
	sw_audit_mac_init(v->ctx, v->sha, w->keyed ? &v->key : &none);
	sw_audit_feed(v->ctx, id, f, 4);
	w->seen_keyed |= w->keyed;
	w->cmd = id;
	return 0;
}

/* Moves the commands' cursor (in id order) to the first record whose id
 * is at least id: read beside the entries, not looked up for each. 1 if
 * that record is id's. */
static int find_command(struct sw_stmt *cmd, int *on, int64_t id)
{
	while (*on && sw_stmt_int64(cmd, 0) < id)
		*on = sw_stmt_step(cmd) == SW_ROW;
	return *on && sw_stmt_int64(cmd, 0) == id;
}

/* An entry's place among its command's: 0, or -1 with w->bad set. */
static int place(struct verify *v, struct walk *w, struct sw_stmt *cmd, int *on,
		 int64_t seq, int64_t id)
{
	if (seq != w->last + 1)
		w->bad = N_("the entry before it was removed");
	else if (!find_command(cmd, on, id))
		w->bad = id < w->cmd ? N_("not where its command's entries are")
				     : N_("its command's record was removed");
	if (w->bad)
		return -1;
	w->first = sw_stmt_int64(cmd, 4);
	w->end = sw_stmt_int64(cmd, 5);
	if (seq == w->first)
		return begin_command(v, w, cmd, id);
	if (id != w->cmd || seq > w->end) {
		w->bad = N_("not where its command's entries are");
		return -1;
	}
	return 0;
}

/* A command's last entry: its hash against the one stored. 0 or -1. */
static int end_command(struct verify *v, struct walk *w, struct sw_stmt *cmd)
{
	const char *stored = sw_stmt_text(cmd, 7);
	static const struct sw_audit_key none;
	sw_audit_mac_done(v->ctx, v->sha, w->keyed ? &v->key : &none, w->prev);
	if (!stored || strcmp(stored, w->prev) != 0) {
		sw_error(w->keyed ? _("audit: entries %lld-%lld (command %lld): content does not match "
				      "their HMAC (edited, or another key)")
			 : _("audit: entries %lld-%lld (command %lld): content does not match their hash "
			     "(edited)"), (long long)w->first, (long long)w->end, (long long)w->cmd);
		return -1;
	}
	reached(v, w->prev);
	return 0;
}

static long walk_entries(struct sw_store *s, struct verify *v, struct walk *w, long n)
{
	if (n < 0)
		return n;
	struct sw_stmt *st = sw_store_prep(s, "SELECT seq, command_id, action, tbl, row_key, detail,"
					   " old_hash, new_hash FROM audit_entry ORDER BY seq");
	struct sw_stmt *cmd = sw_store_prep(s, "SELECT id, at, user, command, first_seq, last_seq,"
					    " keyed, hash FROM audit_command ORDER BY id");
	int on = sw_stmt_step(cmd) == SW_ROW, rc = SW_DONE;
	while (n >= 0 && (rc = sw_stmt_step(st)) == SW_ROW) {
		int64_t seq = sw_stmt_int64(st, 0);
		w->at = seq;
		if (place(v, w, cmd, &on, seq, sw_stmt_int64(st, 1)) != 0)
			break;
		const char *f[4];
		for (int i = 0; i < 4; i++)
			f[i] = sw_stmt_text(st, 2 + i);
		size_t olen, nlen;
		const void *o = sw_stmt_blob(st, 6, &olen);
		/* a server's blob lives until the next one is read: fed first */
		sw_audit_feed(v->ctx, seq, f, 4);
		sw_audit_feed_blob(v->ctx, 'o', o, olen);
		int t = table_index(f[1]);
		tally(v, t, f[2], o, olen, -1);
		const void *nw = sw_stmt_blob(st, 7, &nlen);
		sw_audit_feed_blob(v->ctx, 'n', nw, nlen);
		tally(v, t, f[2], nw, nlen, 1);
		if (seq == w->end && end_command(v, w, cmd) != 0)
			n = -1;
		w->last = seq;
		if (n >= 0)
			n++;
	}
	sw_stmt_finalize(st);
	sw_stmt_finalize(cmd);
	v->failed |= rc < 0;
	return rc < 0 ? -1 : n;
}

/* The chain: returns the entries verified, or -1 after printing. */
static long verify_chain(struct sw_store *s, struct verify *v, char head[65])
{
	struct walk w = {.prev = SW_AUDIT_GENESIS};
	long n = verify_v1(s, v, w.prev, &w.last);
	n = walk_entries(s, v, &w, n);
	if (n >= 0 && !w.bad) {
		/* a command whose entries all went, or the last one cut short */
		struct sw_stmt *st = sw_store_prep(s, "SELECT id, first_seq FROM audit_command"
						   " WHERE id > ?1 OR last_seq > ?2 ORDER BY id LIMIT 1");
		sw_stmt_bind_int64(st, 1, w.cmd);
		sw_stmt_bind_int64(st, 2, w.last);
		int rc = sw_stmt_step(st);
		if (rc == SW_ROW) {
			int64_t f = sw_stmt_int64(st, 1);
			w.at = f > w.last ? f : w.last + 1;
			w.bad = N_("removed (its command's record remains)");
		}
		sw_stmt_finalize(st);
		if (rc < 0) {
			v->failed = 1;
			return -1;
		}
	}
	if (w.bad) {
		sw_error(_("audit: entry %lld: %s"), (long long)w.at, _(w.bad));
		n = -1;
	}
	if (n >= 0 && v->key.set && !w.keyed) {
		if (w.seen_keyed)
			sw_error(_("audit: command %lld, the newest, is not keyed: the trail was"
				 " written or rewritten without the key"), (long long)w.cmd);
		else
			sw_error(_("audit: no command of the trail is keyed"));
		n = -1;
	}
	snprintf(head, 65, "%s", n > 0 ? w.prev : "");
	return n;
}

/* Hashes each row of table t (statement: key, then the columns); calls
 * each(key, hash) for it. On SQLite the values are read as they are
 * stored (a REAL's bits, text whole), as its triggers hashed them; on a
 * server as they arrive. 0 or -1 (printed). */
static int scan_rows(struct sw_store *s, struct verify *v, const char *t,
		     void (*each)(struct verify *, int, const char *, const unsigned char *, void *),
		     void *arg)
{
	char **cols, *key;
	int n = sw_audit_columns(s, t, &cols, "", &key), ti = table_index(t), rc = SW_DONE;
	sw_audit_columns_free(cols);
	if (n > 0) {
		sqlite3 *db = sw_store_sqlite(s);
		char *sql = sqlite3_mprintf(db ? "SELECT %s, * FROM main.\"%w\"" : "SELECT %s, * FROM \"%w\"", key, t);
		sqlite3_stmt *raw = db ? sw_db_prepare(db, sql) : NULL;
		struct sw_stmt *st = raw ? sw_stmt_of(raw) : sw_store_prep(s, sql);
		sqlite3_free(sql);
		struct sw_audit_val *val = sw_xcalloc((size_t)n, sizeof *val);
		while ((rc = sw_stmt_step(st)) == SW_ROW) {
			unsigned char h[32];
			for (int i = 0; i < n; i++)
				if (raw)
					sw_audit_val_sqlite(&val[i], sqlite3_column_value(raw, i + 1));
				else
					sw_audit_val_stmt(&val[i], st, i + 1);
			sw_audit_row_hash(v->ctx, v->sha, t, val, n, h);
			each(v, ti, sw_stmt_text(st, 0), h, arg);
		}
		free(val);
		sw_stmt_finalize(st);
		sqlite3_finalize(raw);
	}
	sqlite3_free(key);
	return n < 0 || rc != SW_DONE ? -1 : 0;
}

static void take_away(struct verify *v, int t, const char *key, const unsigned char *h, void *arg)
{
	(void)arg;
	tally(v, t, key, h, 32, -1);
}

/* Buckets whose entries and rows disagree. */
static int bad_bucket(struct verify *v, int t, const char *key)
{
	return v->d[t][bucket(key)] != 0;
}

static void keep_row(struct verify *v, int t, const char *key, const unsigned char *h, void *arg)
{
	if (!bad_bucket(v, t, key))
		return;
	struct sw_stmt *st = arg;
	sw_stmt_bind_text(st, 1, key);
	sw_stmt_bind_blob(st, 2, h, 32);
	sw_stmt_step(st);
	sw_stmt_reset(st);
}

/* What differs among the keys of unequal buckets: the last audited state
 * against the row; and each entry against the state the entry before it
 * left (a change made behind the tool's back, then changed again). */
static const char *const findings =
	"WITH last AS (SELECT key, max(seq) AS seq FROM sw_audit_e GROUP BY key),"
	" state AS (SELECT l.key, e.new FROM last l JOIN sw_audit_e e ON e.key = l.key AND e.seq = l.seq)"
	" SELECT s.key, CASE WHEN r.h IS NULL THEN 'deleted' ELSE 'changed' END, CAST(NULL AS INTEGER)"
	"  FROM state s LEFT JOIN sw_audit_r r ON r.key = s.key"
	"  WHERE s.new IS NOT NULL AND (r.h IS NULL OR r.h <> s.new)"
	" UNION ALL SELECT r.key, 'inserted', CAST(NULL AS INTEGER) FROM sw_audit_r r LEFT JOIN state s ON s.key = r.key"
	"  WHERE s.new IS NULL"
	" UNION ALL SELECT e.key, CASE WHEN e.old IS NULL THEN 'deleted' WHEN p.new IS NULL THEN 'inserted'"
	"  ELSE 'changed' END, e.seq FROM sw_audit_e e LEFT JOIN sw_audit_e p ON p.key = e.key"
	"  AND p.seq = (SELECT max(seq) FROM sw_audit_e q WHERE q.key = e.key AND q.seq < e.seq)"
	"  WHERE e.old IS DISTINCT FROM p.new"
	" ORDER BY 1, 3 NULLS FIRST";

/* The scratch tables of locate(), temporary, empty. 0 or -1. */
static int scratch(struct sw_store *s)
{
	if (sw_store_has(s, "sw_audit_e") == 1)
		return sw_store_exec(s, "DELETE FROM sw_audit_e; DELETE FROM sw_audit_r");
	return sw_store_exec(s, "CREATE TEMP TABLE sw_audit_e(key TEXT, seq INTEGER, old BLOB, new BLOB);"
			     "CREATE TEMP TABLE sw_audit_r(key TEXT, h BLOB);"
			     "CREATE INDEX sw_audit_ek ON sw_audit_e(key, seq);"
			     "CREATE INDEX sw_audit_rk ON sw_audit_r(key)");
}

/* Lists the rows of table t that differ; returns how many, or -1. */
static long locate(struct sw_store *s, struct verify *v, const char *t)
{
	int ti = table_index(t), rc;
	if (scratch(s) != 0)
		return -1;
	struct sw_stmt *ins = sw_store_prep(s, "INSERT INTO sw_audit_e VALUES(?1, ?2, ?3, ?4)");
	struct sw_stmt *st = sw_store_prep(s, "SELECT row_key, seq, old_hash, new_hash FROM audit_entry"
					   " WHERE tbl = ?1 AND (old_hash IS NOT NULL OR new_hash IS NOT NULL)");
	sw_stmt_bind_text(st, 1, t);
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		if (!bad_bucket(v, ti, sw_stmt_text(st, 0)))
			continue;
		sw_stmt_bind_text(ins, 1, sw_stmt_text(st, 0));
		sw_stmt_bind_int64(ins, 2, sw_stmt_int64(st, 1));
		for (int i = 2; i < 4; i++) {
			size_t len;
			const void *b = sw_stmt_blob(st, i, &len);
			sw_stmt_bind_blob(ins, i + 1, b, len);
		}
		if (sw_stmt_step(ins) < 0)
			break;
	}
	sw_stmt_finalize(st);
	sw_stmt_finalize(ins);
	if (rc != SW_DONE)
		return -1;
	ins = sw_store_prep(s, "INSERT INTO sw_audit_r VALUES(?1, ?2)");
	rc = scan_rows(s, v, t, keep_row, ins);
	sw_stmt_finalize(ins);
	if (rc != 0)
		return -1;
	long n = 0;
	st = sw_store_prep(s, findings);
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *key = sw_stmt_text(st, 0);
		const char *kind = sw_stmt_text(st, 1);
		const char *how = strcmp(kind, "deleted") == 0 ? _("deleted behind the tool's back")
			: strcmp(kind, "inserted") == 0 ? _("inserted behind the tool's back")
			: _("changed behind the tool's back");
		if (sw_stmt_is_null(st, 2))
			sw_error(_("audit: %s %s: %s"), t, key, how);
		else
			sw_error(_("audit: %s %s: %s before entry %lld"), t, key, how,
				 (long long)sw_stmt_int64(st, 2));
		n++;
	}
	sw_stmt_finalize(st);
	return rc == SW_DONE ? n : -1;
}

/* The rows of every audited table against their last audited state. */
static long verify_rows(struct sw_store *s, struct verify *v)
{
	long n = 0;
	for (int t = 0; sw_audited[t]; t++) {
		if (scan_rows(s, v, sw_audited[t], take_away, NULL) != 0)
			return -1;
		int bad = 0;
		for (int b = 0; b < NB && !bad; b++)
			bad = v->d[t][b] != 0;
		long k = bad ? locate(s, v, sw_audited[t]) : 0;
		if (k < 0)
			return -1;
		n += k;
	}
	return n;
}

/* The anchors: --head, and the heads stored with closed months. 0 or -1. */
static int anchors(struct sw_store *s, struct verify *v, const char *head)
{
	struct sw_stmt *st = sw_store_prep(s, "SELECT month, head FROM audit_anchor ORDER BY seq");
	v->an = sw_xcalloc(1, sizeof *v->an);
	if (head) {
		snprintf(v->an[0].hash, sizeof v->an[0].hash, "%s", head);
		for (char *p = v->an[0].hash; *p; p++)	/* as printed, or in capitals */
			*p = (char)tolower((unsigned char)*p);
		snprintf(v->an[0].what, sizeof v->an[0].what, "--head");
		v->nan = 1;
	}
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		v->an = sw_xrealloc(v->an, ((size_t)v->nan + 1) * sizeof *v->an);
		struct anchor *a = v->an + v->nan++;
		memset(a, 0, sizeof *a);
		snprintf(a->hash, sizeof a->hash, "%s", sw_stmt_text(st, 1));
		snprintf(a->what, sizeof a->what, _("month %.7s"), sw_stmt_text(st, 0));
	}
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

static int missing_anchors(const struct verify *v)
{
	int bad = 0;
	for (int i = 0; i < v->nan; i++)
		if (!v->an[i].found) {
			sw_error(_("audit: %s: head %s is not in the trail (commands removed, or the"
				 " trail rewritten)"), v->an[i].what, v->an[i].hash);
			bad = 1;
		}
	return bad;
}

int sw_audit_verify(struct sw_store *s, struct sw_audit_check *c)
{
	struct verify v = {0};
	if (c->key_file && sw_audit_key_load(c->key_file, &v.key) != 0)
		return -1;
	if (!(v.sha = EVP_MD_fetch(NULL, "SHA256", NULL)) || !(v.ctx = EVP_MD_CTX_new()) ||
	    RAND_bytes((unsigned char *)v.sk, sizeof v.sk) != 1)
		sw_die(SW_EXIT_FAIL, _("audit: cannot set up SHA-256"));
	for (int t = 0; sw_audited[t] && t < MAXT; t++)
		v.d[t] = sw_xcalloc(NB, sizeof *v.d[t]);
	/* on a server, whose writers do not wait for this: one snapshot for
	 * the trail and the rows (a query left open keeps the transaction the
	 * store begins for row loops) */
	struct sw_stmt *hold = sw_store_kind(s) == SW_STORE_PG ? sw_store_prep(s, "SELECT 1") : NULL;
	v.failed = (hold && sw_stmt_step(hold) != SW_ROW) || anchors(s, &v, c->head) != 0;
	c->entries = v.failed ? -1 : verify_chain(s, &v, c->last);
	int bad = v.failed ? -1 : c->entries < 0 || missing_anchors(&v);
	c->rows = 0;
	if (c->entries >= 0) {	/* a broken chain says nothing of the rows */
		c->rows = verify_rows(s, &v);
		if (c->rows < 0)
			bad = -1;
		else if (c->rows)
			bad = bad ? bad : 1;
	}
	sw_stmt_finalize(hold);
	for (int t = 0; t < MAXT; t++)
		free(v.d[t]);
	free(v.an);
	EVP_MD_CTX_free(v.ctx);
	EVP_MD_free(v.sha);
	return bad;
}
