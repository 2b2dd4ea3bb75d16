/* What lib/audit.c (writing the trail) and lib/audit_verify.c (checking
 * it) share: the hashing of entries and rows, the key, the table list. */
#ifndef SW_AUDITPRIV_H
#define SW_AUDITPRIV_H

#include <openssl/evp.h>
#include <sqlite3.h>

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
void sw_audit_feed(EVP_MD_CTX *ctx, sqlite3_int64 num, const char *const *f, int n);
/* Feeds an entry's row hash (tag 'o' before, 'n' after), if it has one:
 * entries written before row hashes existed hash as they did. */
void sw_audit_feed_blob(EVP_MD_CTX *ctx, char tag, const void *b, int len);

/* The SHA-256 of a row: the table's name, then each non-NULL column as
 * its position, type and value (so a column added later, NULL in the
 * rows already there, leaves their hashes as they were). */
void sw_audit_row_hash(EVP_MD_CTX *ctx, const EVP_MD *sha, const char *tbl,
		       sqlite3_value **v, int n, unsigned char out[32]);

/* Column names of table tbl in main (*names NULL-terminated, free with
 * sqlite3_free each and free), and the SQL of its key read from alias
 * ("NEW", "OLD" or "" for the bare table), sqlite3_free'd. Returns the
 * column count, 0 when the table does not exist. */
int sw_audit_columns(sqlite3 *db, const char *tbl, char ***names, const char *alias,
		     char **keysql);
void sw_audit_columns_free(char **names);

void sw_audit_hex(const unsigned char *md, unsigned n, char *out);

#endif
