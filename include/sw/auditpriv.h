/* What lib/audit.c (writing the trail), lib/audit_verify.c (checking it)
 * and lib/pg_audit.c (the trail on a server) share: the hashing of
 * entries and rows, the key, the table list. */
#ifndef SW_AUDITPRIV_H
#define SW_AUDITPRIV_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include "sw/store.h"

#define SW_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* The audited tables: personal data, and what the bureau's figures count
 * (stations shape the tree they are summed over). NULL-terminated. A table
 * a later schema adds that holds either belongs here. */
extern const char *const sw_audited[];

/* A chain key (HMAC-SHA256), or none. */
struct sw_audit_key {
	unsigned char k[64];	/* the key, padded (hashed first if longer) */
	int set;
};

/* Reads a key file: its bytes are the key. 0, or -1 (printed). */
int sw_audit_key_load(const char *path, struct sw_audit_key *key);

/* A command's hash: SHA-256, or HMAC-SHA256 when key->set. */
void sw_audit_mac_init(EVP_MD_CTX *ctx, const EVP_MD *sha, const struct sw_audit_key *key);
void sw_audit_mac_done(EVP_MD_CTX *ctx, const EVP_MD *sha, const struct sw_audit_key *key,
		       char hex[65]);

/* Feeds a number and n fields (NULL allowed) to ctx, unambiguously. */
void sw_audit_feed(EVP_MD_CTX *ctx, int64_t num, const char *const *f, int n);
/* Feeds an entry's row hash (tag 'o' before, 'n' after), if it has one:
 * entries written before row hashes existed hash as they did. */
void sw_audit_feed_blob(EVP_MD_CTX *ctx, char tag, const void *b, size_t len);

/* One column's value as a row's hash reads it: its type (SW_INTEGER,
 * SW_FLOAT, SW_TEXT, SW_BLOB or SW_NULL, sw/store.h) and value. */
struct sw_audit_val {
	int type;
	int64_t i;
	double r;
	const void *p;	/* text or blob bytes */
	size_t n;
};
/* From SQLite's value (exact: a REAL's bits, text with its length). */
void sw_audit_val_sqlite(struct sw_audit_val *v, sqlite3_value *x);
/* From column col of a server's row (text: a number parsed, bytea
 * unescaped; the server prints a double exactly). */
void sw_audit_val_stmt(struct sw_audit_val *v, struct sw_stmt *st, int col);

/* The SHA-256 of a row: the table's name, then each non-NULL column as
 * its position, type and value (so a column added later, NULL in the
 * rows already there, leaves their hashes as they were). lib/pg_audit.c
 * writes the same bytes in SQL for the server's triggers. */
void sw_audit_row_hash(EVP_MD_CTX *ctx, const EVP_MD *sha, const char *tbl,
		       const struct sw_audit_val *v, int n, unsigned char out[32]);

/* Column names of table tbl (*names NULL-terminated, free with
 * sw_audit_columns_free), and the SQL of its key read from alias ("NEW",
 * "OLD" or "" for the bare table), sqlite3_free'd. Returns the column
 * count, 0 when the table does not exist, -1 after printing a failure. */
int sw_audit_columns(struct sw_store *s, const char *tbl, char ***names, const char *alias,
		     char **keysql);
void sw_audit_columns_free(char **names);

void sw_audit_hex(const unsigned char *md, unsigned n, char *out);

#endif
