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

void sw_audit_feed(EVP_MD_CTX *ctx, int64_t num, const char *const *f, int n)
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

void sw_audit_feed_blob(EVP_MD_CTX *ctx, char tag, const void *p, size_t len)
{
	if (!p || !len)
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

void sw_audit_val_sqlite(struct sw_audit_val *v, sqlite3_value *x)
{
	switch (sqlite3_value_type(x)) {
	case SQLITE_INTEGER: *v = (struct sw_audit_val){.type = SW_INTEGER, .i = sqlite3_value_int64(x)}; break;
	case SQLITE_FLOAT: *v = (struct sw_audit_val){.type = SW_FLOAT, .r = sqlite3_value_double(x)}; break;
	case SQLITE_TEXT:
		v->type = SW_TEXT;
		v->p = sqlite3_value_text(x);
		v->n = (size_t)sqlite3_value_bytes(x);
		break;
	case SQLITE_BLOB:
		v->type = SW_BLOB;
		v->p = sqlite3_value_blob(x);
		v->n = (size_t)sqlite3_value_bytes(x);
		break;
	default: v->type = SW_NULL;
	}
}

void sw_audit_val_stmt(struct sw_audit_val *v, struct sw_stmt *st, int col)
{
	v->type = sw_stmt_type(st, col);
	if (v->type == SW_INTEGER)
		v->i = sw_stmt_int64(st, col);
	else if (v->type == SW_FLOAT)
		v->r = strtod(sw_stmt_text(st, col), NULL);
	else if (v->type == SW_TEXT) {
		v->p = sw_stmt_text(st, col);
		v->n = strlen(v->p);
	} else if (v->type == SW_BLOB)
		v->p = sw_stmt_blob(st, col, &v->n);
}

void sw_audit_row_hash(EVP_MD_CTX *ctx, const EVP_MD *sha, const char *tbl,
		       const struct sw_audit_val *v, int n, unsigned char out[32])
{
	struct enc e = {.ctx = ctx};
	unsigned int len = 0;
	EVP_DigestInit_ex(ctx, sha, NULL);
	put(&e, tbl ? tbl : "", tbl ? strlen(tbl) + 1 : 1);
	for (int i = 0; i < n; i++) {
		int t = v[i].type;
		if (t == SW_NULL)
			continue;
		unsigned char col[2] = {(unsigned char)(i >> 8), (unsigned char)i};
		put(&e, col, 2);
		if (t == SW_INTEGER) {
			put_u64(&e, 'i', (unsigned long long)v[i].i);
		} else if (t == SW_FLOAT) {
			unsigned long long u;
			memcpy(&u, &v[i].r, sizeof u);
			put_u64(&e, 'r', u);
		} else {
			put_u64(&e, t == SW_TEXT ? 't' : 'b', (unsigned long long)v[i].n);
			put(&e, v[i].p, v[i].n);
		}
	}
	EVP_DigestUpdate(ctx, e.b, e.len);
	EVP_DigestFinal_ex(ctx, out, &len);
}

int sw_audit_columns(struct sw_store *s, const char *tbl, char ***names, const char *alias,
		     char **keysql)
{
	int pg = sw_store_kind(s) == SW_STORE_PG;
	*names = NULL;
	*keysql = NULL;
	if (pg && sw_store_has(s, tbl) != 1)	/* the server's query refuses a missing table */
		return 0;
	/* SQLite: the table of main, never a temporary one of the same name */
	struct sw_stmt *st = pg ? sw_store_columns(s, tbl)
				: sw_store_prep(s, "SELECT name, pk FROM pragma_table_info(?1, 'main') ORDER BY cid");
	if (!pg)
		sw_stmt_bind_text(st, 1, tbl);
	int n = 0, cap = 16, maxpk = 0, rc;
	char **cols = sw_xcalloc((size_t)cap + 1, sizeof *cols);
	int *pk = sw_xcalloc((size_t)cap, sizeof *pk);
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		if (n == cap) {
			cols = sw_xrealloc(cols, ((size_t)(cap *= 2) + 1) * sizeof *cols);
			pk = sw_xrealloc(pk, (size_t)cap * sizeof *pk);
		}
		cols[n] = sqlite3_mprintf("%s", sw_stmt_text(st, 0));
		pk[n] = (int)sw_stmt_int64(st, 1);
		if (pk[n] > maxpk)
			maxpk = pk[n];
		n++;
	}
	sw_stmt_finalize(st);
	cols[n] = NULL;
	*names = cols;
	if (rc != SW_DONE) {
		free(pk);
		return -1;
	}
	/* the key: its columns in key order, joined by '|' (as text on a
	 * server, where coalesce does not turn a number into text) */
	const char *dot = *alias ? "." : "";
	sqlite3_str *k = sqlite3_str_new(NULL);
	for (int p = 1; p <= maxpk; p++)
		for (int i = 0; i < n; i++)
			if (pk[i] == p)
				sqlite3_str_appendf(k, pg ? "%scoalesce(CAST(%s%s\"%w\" AS TEXT), '')"
							  : "%scoalesce(%s%s\"%w\", '')",
						    p > 1 ? "||'|'||" : "", alias, dot, cols[i]);
	if (!maxpk)
		sqlite3_str_appendf(k, "CAST(%s%srowid AS TEXT)", alias, dot);
	*keysql = sqlite3_str_finish(k);
	free(pk);
	return n;
}

void sw_audit_columns_free(char **names)
{
	for (int i = 0; names && names[i]; i++)
		sqlite3_free(names[i]);
	free(names);
}
