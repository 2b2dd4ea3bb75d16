/* The audit trail (tables audit_command and audit_entry, lib/schema.c).
 *
 * A command's entries are rows of audit_entry; the command itself (when,
 * who, the command line) is one row of audit_command, written just before
 * the transaction commits, with the SHA-256 of the previous command's hash,
 * its own fields and every one of its entries. An import of a million
 * clients so writes a million small rows and one hash, not a million. The
 * entries of schema version 1 (table audit_v1, a hash per entry) stay as
 * they were and begin the chain. */
#include <openssl/evp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sw/audit.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/text.h"

/* Entries are written BATCH at a time, by one INSERT of that many rows,
 * and hashed by one call each: an import of a million clients took 5.0 s
 * with an INSERT and nine hash updates per entry, 4.6 s so. */
#define BATCH 64

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static struct {
	int argc;
	char **argv;
	char *command;		/* argv joined by spaces */
	char user[64];		/* OS user */
	char at[32];		/* command start, ISO 8601 local time with offset */
	sqlite3_stmt *ins, *insb;	/* one entry, BATCH entries; on first use */
	int n;			/* entries waiting to be written */
	sqlite3_int64 wseq[BATCH];
	long woff[BATCH][4];	/* their fields in wtext, -1 for NULL */
	char *wtext;
	size_t wlen, wcap;
	sqlite3_int64 id;	/* this command's id, once it has an entry */
	sqlite3_int64 first, seq;	/* its first entry, its last */
	EVP_MD *sha;		/* fetched once */
	EVP_MD_CTX *ctx;	/* the command's hash, fed entry by entry */
} A;

void sw_audit_init(int argc, char **argv)
{
	A.argc = argc;
	A.argv = argv;
}

static void once(void)
{
	if (A.command)
		return;
	size_t len = 0;
	for (int i = 0; i < A.argc; i++)
		len += strlen(A.argv[i]) + 1;
	A.command = sw_xcalloc(len + 1, 1);
	for (int i = 0; i < A.argc; i++) {
		if (i)
			strcat(A.command, " ");
		strcat(A.command, A.argv[i]);
	}
	struct passwd *pw = getpwuid(geteuid());
	const char *u = pw ? pw->pw_name : getenv("USER");
	snprintf(A.user, sizeof A.user, "%s", u ? u : "unknown");
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(A.at, sizeof A.at, "%Y-%m-%dT%H:%M:%S%z", &tm);
	if (!(A.sha = EVP_MD_fetch(NULL, "SHA256", NULL)) || !(A.ctx = EVP_MD_CTX_new()))
		sw_die(SW_EXIT_FAIL, "audit: cannot set up SHA-256");
}

static void hex(const unsigned char *md, unsigned n, char *out)
{
	static const char digit[] = "0123456789abcdef";
	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = digit[md[i] >> 4];
		out[2 * i + 1] = digit[md[i] & 15];
	}
	out[2 * n] = 0;
}

/* Feeds a number and n fields, each followed by a unit separator (a
 * record separator for NULL), to ctx. */
static void feed(EVP_MD_CTX *ctx, sqlite3_int64 num, const char *const *f, int n)
{
	char b[256], d[SW_DECIMAL_MAX];	/* a usual entry's bytes, hashed by one call */
	const char *dec = sw_decimal(num, d);
	size_t len = strlen(dec) + 1;
	memcpy(b, dec, len);
	for (int i = 0; i < n; i++) {
		size_t l = f[i] ? strlen(f[i]) : 0;
		if (len + l + 1 > sizeof b) {
			EVP_DigestUpdate(ctx, b, len);
			len = 0;
		}
		if (l + 1 > sizeof b) {
			EVP_DigestUpdate(ctx, f[i], l);
		} else if (l) {
			memcpy(b + len, f[i], l);
			len += l;
		}
		b[len++] = f[i] ? '\x1f' : '\x1e';
	}
	EVP_DigestUpdate(ctx, b, len);
}

static void done(EVP_MD_CTX *ctx, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	hex(md, mdlen < 32 ? mdlen : 32, out);
}

/* The hash the chain continues from, and the last seq and command id. */
static void head(sqlite3 *db, char prev[65], sqlite3_int64 *seq, sqlite3_int64 *id)
{
	sqlite3_stmt *st = sw_db_prepare(db,
		"SELECT (SELECT hash FROM audit_command ORDER BY id DESC LIMIT 1),"
		" (SELECT hash FROM audit_v1 ORDER BY seq DESC LIMIT 1),"
		" max(coalesce((SELECT max(seq) FROM audit_entry), 0),"
		"     coalesce((SELECT max(seq) FROM audit_v1), 0)),"
		" coalesce((SELECT max(id) FROM audit_command), 0)");
	sqlite3_step(st);
	const char *h = (const char *)sqlite3_column_text(st, 0);
	if (!h)
		h = (const char *)sqlite3_column_text(st, 1);
	snprintf(prev, 65, "%s", h ? h : GENESIS);
	*seq = sqlite3_column_int64(st, 2);
	*id = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);
}

/* Writes the entries waiting. Returns 0 or -1 (printed). */
static int flush(sqlite3 *db)
{
	int rc = SQLITE_DONE;
	for (int done = 0; done < A.n && rc == SQLITE_DONE;) {
		int k = A.n - done >= BATCH ? BATCH : 1;
		sqlite3_stmt *st = k == BATCH ? A.insb : A.ins;
		for (int j = 0; j < k; j++, done++) {
			sqlite3_bind_int64(st, 6 * j + 1, A.wseq[done]);
			sqlite3_bind_int64(st, 6 * j + 2, A.id);
			for (int i = 0; i < 4; i++)
				sqlite3_bind_text(st, 6 * j + 3 + i, A.woff[done][i] < 0 ? NULL :
						  A.wtext + A.woff[done][i], -1, SQLITE_STATIC);
		}
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	A.n = 0;
	A.wlen = 0;
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "audit");
		return -1;
	}
	return 0;
}

static sqlite3_stmt *prepare_insert(sqlite3 *db, int rows)
{
	sqlite3_str *sql = sqlite3_str_new(db);
	sqlite3_str_appendall(sql, "INSERT INTO audit_entry(seq, command_id, action, tbl, row_key,"
			      " detail) VALUES(?,?,?,?,?,?)");
	for (int i = 1; i < rows; i++)
		sqlite3_str_appendall(sql, ",(?,?,?,?,?,?)");
	char *text = sqlite3_str_finish(sql);
	sqlite3_stmt *st = sw_db_prepare(db, text);
	sqlite3_free(text);
	return st;
}

/* Writes the command's row, with the hash of all its entries: called by
 * sw_db_commit just before COMMIT. */
static int seal(sqlite3 *db)
{
	if (!A.id)
		return 0;
	if (flush(db) != 0)
		return -1;
	char hash[65];
	done(A.ctx, hash);
	sqlite3_stmt *st = sw_db_prepare(db, "INSERT INTO audit_command(id, at, user, command,"
					 " first_seq, last_seq, hash) VALUES(?,?,?,?,?,?,?)");
	sqlite3_bind_int64(st, 1, A.id);
	sqlite3_bind_text(st, 2, A.at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, A.user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, A.command, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, A.first);
	sqlite3_bind_int64(st, 6, A.seq);
	sqlite3_bind_text(st, 7, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	A.id = 0;
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "audit");
		return -1;
	}
	return 0;
}

/* A rolled-back transaction's entries are gone: so is the command. */
static void forget(void)
{
	A.id = 0;
	A.n = 0;
	A.wlen = 0;
}

int sw_audit_log(sqlite3 *db, const char *action, const char *tbl, const char *key,
		 const char *detail)
{
	if (sqlite3_get_autocommit(db))
		sw_die(SW_EXIT_FAIL, "audit: entry outside a transaction");
	if (!A.id) {	/* the command's first entry in this transaction */
		char prev[65];
		once();
		head(db, prev, &A.seq, &A.id);
		A.id++;
		A.first = A.seq + 1;
		EVP_DigestInit_ex(A.ctx, A.sha, NULL);
		const char *f[] = {prev, A.at, A.user, A.command};
		feed(A.ctx, A.id, f, 4);
		sw_db_hooks(seal, forget);
		if (!A.ins) {
			A.ins = prepare_insert(db, 1);
			A.insb = prepare_insert(db, BATCH);
		}
	}
	const char *f[] = {action, tbl, key, detail};
	A.seq++;
	feed(A.ctx, A.seq, f, 4);
	A.wseq[A.n] = A.seq;
	for (int i = 0; i < 4; i++) {
		A.woff[A.n][i] = -1;
		if (!f[i])
			continue;
		size_t l = strlen(f[i]) + 1;
		if (A.wlen + l > A.wcap)
			A.wtext = sw_xrealloc(A.wtext, A.wcap = 2 * (A.wlen + l));
		memcpy(A.wtext + A.wlen, f[i], l);
		A.woff[A.n][i] = (long)A.wlen;
		A.wlen += l;
	}
	return ++A.n == BATCH ? flush(db) : 0;
}

void sw_audit_release(void)
{
	sqlite3_finalize(A.ins);
	sqlite3_finalize(A.insb);
	A.ins = A.insb = NULL;
	free(A.wtext);
	A.wtext = NULL;
	A.wlen = A.wcap = 0;
	free(A.command);
	A.command = NULL;
	EVP_MD_CTX_free(A.ctx);
	EVP_MD_free(A.sha);
	A.ctx = NULL;
	A.sha = NULL;
}

/* Version 1 entries: each hashed with the one before it. */
static long verify_v1(sqlite3 *db, EVP_MD_CTX *ctx, const EVP_MD *sha, char prev[65],
		      sqlite3_int64 *last)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT seq, at, user, command, action, tbl, row_key,"
					 " detail, prev_hash, hash FROM audit_v1 ORDER BY seq");
	long n = 0, bad = 0;
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 seq = sqlite3_column_int64(st, 0);
		const char *f[8];
		char h[65];
		for (int i = 0; i < 8; i++)
			f[i] = (const char *)sqlite3_column_text(st, i + 1);
		const char *stored = (const char *)sqlite3_column_text(st, 9);
		EVP_DigestInit_ex(ctx, sha, NULL);
		feed(ctx, seq, f, 8);
		done(ctx, h);
		if (seq != *last + 1 || strcmp(f[7] ? f[7] : "", prev) != 0) {
			sw_error("audit: entry %lld: the entry before it was removed or altered",
				 (long long)seq);
			bad = 1;
		} else if (!stored || strcmp(stored, h) != 0) {
			sw_error("audit: entry %lld: content does not match its hash (edited)",
				 (long long)seq);
			bad = 1;
		}
		snprintf(prev, 65, "%s", h);
		*last = seq;
		n++;
	}
	sqlite3_finalize(st);
	return bad ? -1 : n;
}

long sw_audit_verify(sqlite3 *db, char headhash[65])
{
	EVP_MD *sha = EVP_MD_fetch(NULL, "SHA256", NULL);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!sha || !ctx)
		sw_die(SW_EXIT_FAIL, "audit: cannot set up SHA-256");
	char prev[65] = GENESIS;
	sqlite3_int64 last = 0, cmd = 0;
	long n = verify_v1(db, ctx, sha, prev, &last);

	/* Entries in seq order, each with its command (NULL if removed);
	 * a command's hash is checked at its last entry. */
	sqlite3_stmt *st = sw_db_prepare(db,
		"SELECT e.seq, e.command_id, e.action, e.tbl, e.row_key, e.detail,"
		" c.id, c.at, c.user, c.command, c.first_seq, c.last_seq, c.hash"
		" FROM audit_entry e LEFT JOIN audit_command c ON c.id = e.command_id ORDER BY e.seq");
	const char *bad = NULL;
	sqlite3_int64 at = 0;
	while (n >= 0 && !bad && sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 seq = sqlite3_column_int64(st, 0), id = sqlite3_column_int64(st, 1);
		at = seq;
		if (seq != last + 1) {
			bad = "the entry before it was removed";
			break;
		}
		if (sqlite3_column_type(st, 6) == SQLITE_NULL) {
			bad = "its command's record was removed";
			break;
		}
		sqlite3_int64 first = sqlite3_column_int64(st, 10), end = sqlite3_column_int64(st, 11);
		if (seq == first) {	/* a command begins */
			const char *f[4] = {prev};
			for (int i = 1; i < 4; i++)
				f[i] = (const char *)sqlite3_column_text(st, 6 + i);
			if (id != cmd + 1) {
				bad = "the command before it was removed or altered";
				break;
			}
			EVP_DigestInit_ex(ctx, sha, NULL);
			feed(ctx, id, f, 4);
			cmd = id;
		} else if (id != cmd || seq > end) {
			bad = "not where its command's entries are";
			break;
		}
		const char *f[4];
		for (int i = 0; i < 4; i++)
			f[i] = (const char *)sqlite3_column_text(st, 2 + i);
		feed(ctx, seq, f, 4);
		if (seq == end) {	/* and ends */
			const char *stored = (const char *)sqlite3_column_text(st, 12);
			done(ctx, prev);
			if (!stored || strcmp(stored, prev) != 0) {
				sw_error("audit: entries %lld-%lld (command %lld): content does not"
					 " match their hash (edited)", (long long)first,
					 (long long)end, (long long)id);
				n = -1;
				break;
			}
		}
		last = seq;
		n++;
	}
	sqlite3_finalize(st);
	if (n >= 0 && !bad) {
		/* a command whose entries all went, or the last one cut short */
		st = sw_db_prepare(db, "SELECT id, first_seq FROM audit_command WHERE id > ? OR last_seq > ?"
				   " ORDER BY id LIMIT 1");
		sqlite3_bind_int64(st, 1, cmd);
		sqlite3_bind_int64(st, 2, last);
		if (sqlite3_step(st) == SQLITE_ROW) {
			at = sqlite3_column_int64(st, 1) > last ? sqlite3_column_int64(st, 1) : last + 1;
			bad = "removed (its command's record remains)";
		}
		sqlite3_finalize(st);
	}
	if (bad) {
		sw_error("audit: entry %lld: %s", (long long)at, bad);
		n = -1;
	}
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(sha);
	snprintf(headhash, 65, "%s", n > 0 ? prev : "");
	return n;
}
