/* Hash-chained audit entries (table audit, see lib/schema.c). */
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

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static struct {
	int argc;
	char **argv;
	char *command;		/* argv joined by spaces */
	char user[64];		/* OS user */
	char at[32];		/* command start, ISO 8601 local time with offset */
	sqlite3_stmt *ins;	/* prepared on first use */
	sqlite3_int64 seq;	/* last entry's seq */
	char prev[65];		/* last entry's hash */
	EVP_MD *sha;		/* fetched once */
	EVP_MD_CTX *ctx;
} A;

void sw_audit_init(int argc, char **argv)
{
	A.argc = argc;
	A.argv = argv;
}

static void setup(sqlite3 *db)
{
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

	sqlite3_stmt *st = sw_db_prepare(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
	if (sqlite3_step(st) == SQLITE_ROW) {
		A.seq = sqlite3_column_int64(st, 0);
		snprintf(A.prev, sizeof A.prev, "%s", (const char *)sqlite3_column_text(st, 1));
	} else
		snprintf(A.prev, sizeof A.prev, "%s", GENESIS);
	sqlite3_finalize(st);
	A.ins = sw_db_prepare(db, "INSERT INTO audit(seq, at, user, command, action, tbl, row_key,"
			      " detail, prev_hash, hash) VALUES(?,?,?,?,?,?,?,?,?,?)");
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

/* SHA-256 in hex of the entry's fields, each followed by a unit
 * separator; a NULL field is a record separator instead. The digest
 * and its context are fetched once: imports hash one entry per row. */
static void entry_hash(sqlite3_int64 seq, const char *const f[8], char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char num[24];
	if (!A.ctx && (!(A.sha = EVP_MD_fetch(NULL, "SHA256", NULL)) || !(A.ctx = EVP_MD_CTX_new())))
		sw_die(SW_EXIT_FAIL, "audit: cannot set up SHA-256");
	int len = snprintf(num, sizeof num, "%lld", (long long)seq);
	EVP_DigestInit_ex(A.ctx, A.sha, NULL);
	EVP_DigestUpdate(A.ctx, num, (size_t)len + 1);
	for (int i = 0; i < 8; i++) {
		if (f[i])
			EVP_DigestUpdate(A.ctx, f[i], strlen(f[i]));
		EVP_DigestUpdate(A.ctx, f[i] ? "\x1f" : "\x1e", 1);
	}
	EVP_DigestFinal_ex(A.ctx, md, &mdlen);
	hex(md, mdlen < 32 ? mdlen : 32, out);
}

int sw_audit_log(sqlite3 *db, const char *action, const char *tbl, const char *key,
		 const char *detail)
{
	if (!A.ins)
		setup(db);
	const char *f[8] = {A.at, A.user, A.command, action, tbl, key, detail, A.prev};
	char hash[65];
	sqlite3_int64 seq = A.seq + 1;
	entry_hash(seq, f, hash);
	sqlite3_bind_int64(A.ins, 1, seq);
	for (int i = 0; i < 8; i++)
		sqlite3_bind_text(A.ins, i + 2, f[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(A.ins, 10, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(A.ins);
	sqlite3_reset(A.ins);
	if (rc != SQLITE_DONE) {
		sw_db_error(db, "audit");
		return -1;
	}
	A.seq = seq;
	memcpy(A.prev, hash, sizeof hash);
	return 0;
}

void sw_audit_release(void)
{
	sqlite3_finalize(A.ins);
	A.ins = NULL;
	free(A.command);
	A.command = NULL;
	EVP_MD_CTX_free(A.ctx);
	EVP_MD_free(A.sha);
	A.ctx = NULL;
	A.sha = NULL;
}

long sw_audit_verify(sqlite3 *db, char head[65])
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT seq, at, user, command, action, tbl, row_key,"
					 " detail, prev_hash, hash FROM audit ORDER BY seq");
	char prev[65] = GENESIS, h[65];
	long n = 0, bad = 0;
	sqlite3_int64 last = 0;
	while (!bad && sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 seq = sqlite3_column_int64(st, 0);
		const char *f[8];
		for (int i = 0; i < 8; i++)
			f[i] = (const char *)sqlite3_column_text(st, i + 1);
		const char *stored = (const char *)sqlite3_column_text(st, 9);
		entry_hash(seq, f, h);
		if (seq != last + 1 || strcmp(f[7] ? f[7] : "", prev) != 0) {
			sw_error("audit: entry %lld: the entry before it was removed or altered",
				 (long long)seq);
			bad = 1;
		} else if (!stored || strcmp(stored, h) != 0) {
			sw_error("audit: entry %lld: content does not match its hash (edited)",
				 (long long)seq);
			bad = 1;
		}
		memcpy(prev, stored && strlen(stored) == 64 ? stored : h, sizeof prev);
		last = seq;
		n++;
	}
	sqlite3_finalize(st);
	snprintf(head, 65, "%s", n ? prev : "");
	return bad ? -1 : n;
}
