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

/* Registers SQL functions on db: mask_id(x), mask_phone(x), mask_name(x),
 * age(birth, at), and pseudo(x) when key is non-NULL (the key must live
 * until db is closed). */
void sw_mask_register(sqlite3 *db, const unsigned char *key, size_t keylen);
/* Appends to q column c as a SELECT expression masked for a terminal:
 * ID numbers, phones and a person's name (姓名, 联系人) through the SQL
 * functions above, addresses and disabilities as "***". */
void sw_mask_select(sqlite3_str *q, const struct sw_column *c);
/* Column col of table t in a pseudonymised export, after sep: a person's
 * name, ID number and phone as keyed pseudonyms (pseudo(), sw_mask_register
 * with a key: one person, one pseudonym, so that rows still link), a birth
 * date as the age at ?1; 0 when the column is left out (an address, a
 * disability), else 1. */
int sw_pseudo_select(sqlite3_str *q, const struct sw_table *t, int col, const char *sep);

#endif
