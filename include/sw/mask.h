/* De-identification of client data: masking for screens and keyed
 * pseudonyms (HMAC-SHA-256) for extracts that must still join. */
#ifndef SW_MASK_H
#define SW_MASK_H

#include <stddef.h>
#include <sqlite3.h>

/* 110101199001011234 -> 110101********1234 (first 6, last 4 kept). */
void sw_mask_id(const char *id, char *out, size_t outlen);
/* 13812348000 -> 138****8000 (first 3, last 4 kept; '-' kept). */
void sw_mask_phone(const char *phone, char *out, size_t outlen);
/* 张三 -> 张*, 欧阳娜娜 -> 欧阳**: the surname (two characters for a
 * compound surname) and one '*' per other character. */
void sw_mask_name(const char *name, char *out, size_t outlen);

/* A value of column c as a screen may show it: ID numbers, phones, names
 * masked as above, an address as "***", anything else as it is. */
struct sw_column;
struct sw_table;
void sw_mask_value(const struct sw_column *c, const char *v, char *out, size_t outlen);

/* Hex HMAC-SHA-256 of s under key, first 32 hex digits. 0, or -1. */
int sw_pseudonym(const unsigned char *key, size_t keylen, const char *s, char out[33]);

/* Reads the key from file path, or $SW_KEY when path is NULL. Trailing
 * newlines are dropped. Returns a malloc'd key (caller frees) and its
 * length, or NULL after printing why. */
unsigned char *sw_key_load(const char *path, size_t *len);

/* Whole years from birth (YYYY-MM-DD) to at; -1 if either is missing. */
int sw_age(const char *birth, const char *at);

/* How a listing shows a column's values: as they are, masked for a
 * screen (the three above; an address or a disability said to exist as
 * "***", never shown), as a keyed pseudonym, or a birth date as the age
 * at a date. Applied in C to the rows as they arrive (lib/out.c,
 * sw_mask_apply), on SQLite and on a server alike: the key never leaves
 * the process. */
enum { SW_AS_IS, SW_MASK_ID, SW_MASK_PHONE, SW_MASK_NAME, SW_MASK_HIDE, SW_PSEUDO, SW_AGE };
/* What SW_PSEUDO and SW_AGE need: the key, and the day of the age. */
struct sw_mask_key {
	const unsigned char *key;
	size_t keylen;
	const char *at;
};
/* How column c shows on a screen: ID numbers, phones and a person's name
 * (姓名, 联系人) masked, addresses and disabilities hidden. */
int sw_mask_how(const struct sw_column *c);
/* Appends to q, after sep, what a pseudonymised export reads for column
 * col of t, and returns how it shows: a person's name, ID number and
 * phone as keyed pseudonyms (one person, one pseudonym, so that rows
 * still link), a birth date as the age (from the ID number where the date
 * is missing: the column reads the date, named "age"); -1 when the column
 * is left out (an address, a disability; nothing appended). */
int sw_pseudo_select(sqlite3_str *q, const struct sw_table *t, int col, const char *sep);
/* v (NULL for SQL NULL) shown as how says, into *res: v itself, out
 * (outlen bytes, at least strlen(v) + 40), or NULL (NULL, or an age that
 * cannot be told). 0, or -1 after printing why (the HMAC failed). */
int sw_mask_apply(int how, const char *v, const struct sw_mask_key *k, char *out, size_t outlen,
		  const char **res);

/* Registers SQL functions on db: mask_id(x), mask_phone(x), mask_name(x)
 * and age(birth, at), for SQL not ported yet to sw_mask_apply (SQLite
 * only). */
void sw_mask_register(sqlite3 *db);

#endif
