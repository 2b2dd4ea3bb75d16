/* Hashing for the audit trail: entries, rows, the chain key. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/auditpriv.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/text.h"

void sw_audit_hex(const unsigned char *md, unsigned n, char *out)
{
	static const char digit[] = "0123456789abcdef";
	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = digit[md[i] >> 4];
		out[2 * i + 1] = digit[md[i] & 15];
	}
	out[2 * n] = 0;
}

void sw_audit_feed(EVP_MD_CTX *ctx, sqlite3_int64 num, const char *const *f, int n)
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

void sw_audit_feed_blob(EVP_MD_CTX *ctx, char tag, const void *p, int len)
{
	if (!p || len <= 0)
		return;
	unsigned char h[2] = {(unsigned char)tag, (unsigned char)(len > 255 ? 255 : len)};
	EVP_DigestUpdate(ctx, h, 2);
	EVP_DigestUpdate(ctx, p, h[1]);
}

/* HMAC (RFC 2104) over SHA-256, streamed like the plain hash. */
void sw_audit_mac_init(EVP_MD_CTX *ctx, const EVP_MD *sha, const struct sw_audit_key *key)
{
	EVP_DigestInit_ex(ctx, sha, NULL);
	if (!key->set)
		return;
	unsigned char pad[64];
	for (int i = 0; i < 64; i++)
		pad[i] = key->k[i] ^ 0x36;
	EVP_DigestUpdate(ctx, pad, 64);
}

void sw_audit_mac_done(EVP_MD_CTX *ctx, const EVP_MD *sha, const struct sw_audit_key *key,
		       char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_DigestFinal_ex(ctx, md, &n);
	if (key->set) {
		unsigned char pad[64];
		for (int i = 0; i < 64; i++)
			pad[i] = key->k[i] ^ 0x5c;
		EVP_DigestInit_ex(ctx, sha, NULL);
		EVP_DigestUpdate(ctx, pad, 64);
		EVP_DigestUpdate(ctx, md, n);
		EVP_DigestFinal_ex(ctx, md, &n);
	}
	sw_audit_hex(md, n < 32 ? n : 32, hex);
}

int sw_audit_key_load(const char *path, struct sw_audit_key *key)
{
	unsigned char buf[4096];
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		sw_error("%s: %s", path, strerror(errno));
		return -1;
	}
	size_t n = fread(buf, 1, sizeof buf, fp);
	int bad = ferror(fp) || !feof(fp);
	fclose(fp);
	if (bad || n < 16) {
		sw_error(_("%s: a key file holds 16 to 4096 bytes (e.g. head -c 32 /dev/urandom)"), path);
		return -1;
	}
	memset(key->k, 0, sizeof key->k);
	if (n > 64) {
		unsigned int len = 0;
		EVP_Digest(buf, n, key->k, &len, EVP_sha256(), NULL);
	} else {
		memcpy(key->k, buf, n);
	}
	key->set = 1;
	return 0;
}

/* Appends len bytes to the row's encoding, hashing full buffers. */
struct enc {
	EVP_MD_CTX *ctx;
	unsigned char b[512];
	size_t len;
};

static void put(struct enc *e, const void *p, size_t len)
{
	if (e->len + len > sizeof e->b) {
		EVP_DigestUpdate(e->ctx, e->b, e->len);
		e->len = 0;
	}
	if (len > sizeof e->b)
		EVP_DigestUpdate(e->ctx, p, len);
	else if (len) {
		memcpy(e->b + e->len, p, len);
		e->len += len;
	}
}

static void put_u64(struct enc *e, unsigned char tag, unsigned long long u)
{
	unsigned char b[9] = {tag};
	for (int i = 0; i < 8; i++)
		b[1 + i] = (unsigned char)(u >> (56 - 8 * i));
	put(e, b, 9);
}

void sw_audit_row_hash(EVP_MD_CTX *ctx, const EVP_MD *sha, const char *tbl,
		       sqlite3_value **v, int n, unsigned char out[32])
{
	struct enc e = {.ctx = ctx};
	unsigned int len = 0;
	EVP_DigestInit_ex(ctx, sha, NULL);
	put(&e, tbl ? tbl : "", tbl ? strlen(tbl) + 1 : 1);
	for (int i = 0; i < n; i++) {
		int t = sqlite3_value_type(v[i]);
		if (t == SQLITE_NULL)
			continue;
		unsigned char col[2] = {(unsigned char)(i >> 8), (unsigned char)i};
		put(&e, col, 2);
		if (t == SQLITE_INTEGER) {
			put_u64(&e, 'i', (unsigned long long)sqlite3_value_int64(v[i]));
		} else if (t == SQLITE_FLOAT) {
			double d = sqlite3_value_double(v[i]);
			unsigned long long u;
			memcpy(&u, &d, sizeof u);
			put_u64(&e, 'r', u);
		} else {
			const void *p = t == SQLITE_TEXT ? (const void *)sqlite3_value_text(v[i])
							 : sqlite3_value_blob(v[i]);
			int bytes = sqlite3_value_bytes(v[i]);
			put_u64(&e, t == SQLITE_TEXT ? 't' : 'b', (unsigned long long)bytes);
			put(&e, p, (size_t)bytes);
		}
	}
	EVP_DigestUpdate(ctx, e.b, e.len);
	EVP_DigestFinal_ex(ctx, out, &len);
}

int sw_audit_columns(sqlite3 *db, const char *tbl, char ***names, const char *alias,
		     char **keysql)
{
	sqlite3_stmt *st = sw_db_prepare(db, "SELECT name, pk FROM pragma_table_info(?, 'main')"
					 " ORDER BY cid");
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_STATIC);
	int n = 0, cap = 16, maxpk = 0;
	char **cols = sw_xcalloc((size_t)cap + 1, sizeof *cols);
	int *pk = sw_xcalloc((size_t)cap, sizeof *pk);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == cap) {
			cols = sw_xrealloc(cols, ((size_t)(cap *= 2) + 1) * sizeof *cols);
			pk = sw_xrealloc(pk, (size_t)cap * sizeof *pk);
		}
		cols[n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
		pk[n] = sqlite3_column_int(st, 1);
		if (pk[n] > maxpk)
			maxpk = pk[n];
		n++;
	}
	sqlite3_finalize(st);
	cols[n] = NULL;
	/* the key: its columns in key order, joined by '|' */
	const char *dot = *alias ? "." : "";
	sqlite3_str *k = sqlite3_str_new(db);
	for (int p = 1; p <= maxpk; p++)
		for (int i = 0; i < n; i++)
			if (pk[i] == p)
				sqlite3_str_appendf(k, "%scoalesce(%s%s\"%w\", '')", p > 1 ? "||'|'||" : "",
						    alias, dot, cols[i]);
	if (!maxpk)
		sqlite3_str_appendf(k, "CAST(%s%srowid AS TEXT)", alias, dot);
	*keysql = sqlite3_str_finish(k);
	free(pk);
	*names = cols;
	return n;
}

void sw_audit_columns_free(char **names)
{
	for (int i = 0; names && names[i]; i++)
		sqlite3_free(names[i]);
	free(names);
}
