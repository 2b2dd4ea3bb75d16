/* Vocabularies: the fixed words of the data model (levels, roles, categories,
 * ...). Built-in English keys with Chinese aliases live in lib/vocab.c as a
 * table; an admin adds local aliases (and, for open vocabularies such as
 * category, new keys) to the database with "vocab add". */
#ifndef SW_VOCAB_H
#define SW_VOCAB_H

#include <stddef.h>

struct sw_store;

/* Loads the database's local aliases and keys (may be called with NULL for
 * built-ins only); loading the same database again does nothing. Returns
 * 0, or -1 with a message printed. */
int sw_vocab_load(struct sw_store *s);

/* 1 if name is a vocabulary. */
int sw_vocab_exists(const char *name);

/* The canonical key for value (normalised text; ASCII matched without case),
 * or NULL. The returned string lives until exit. */
const char *sw_vocab_lookup(const char *vocab, const char *value);

/* Position of key in its vocabulary (education is ordered), -1 if none. */
int sw_vocab_rank(const char *vocab, const char *key);

/* "county, regional, township, village" for messages: whole keys that fit
 * in buf; under Chinese (sw_i18n_zh) the words an admin writes instead,
 * "县级社工总站、区域性中心社工站、...", each key's label and then the
 * words added with vocab add. Returns the length the whole list needs, as
 * snprintf does. */
size_t sw_vocab_expected(const char *vocab, char *buf, size_t n);

/* The message for a word vocab does not know, in column's column:
 *   unknown value "WORD" (expected KEYS; to accept it: PROG vocab add VOCAB VALUE KEY)
 * fitted into why with the "column: " the caller puts before it: KEYS
 * becomes where to see them when they do not fit, and the hint, given for
 * vocabularies open to new keys, goes when it does not fit. Only WORD is
 * quoted, and only once (lib/vocab.c says why). */
void sw_vocab_unknown(const char *vocab, const char *word, const char *column, char *why,
		      size_t whylen);

/* 1 if the vocabulary takes new keys (category). */
int sw_vocab_open(const char *vocab);

/* Length of the separator of set words at p, 0 if there is none: ; , / 、
 * (and ； ， ／ not yet folded), line breaks, and with spaces also a space
 * or tab. Sets split on all of them; lists of free words keep spaces. */
size_t sw_vocab_sep(const char *p, int spaces);

/* Display label of key: its first Chinese alias when zh (for a local key
 * the first word added for it), else the key. */
const char *sw_vocab_label(const char *vocab, const char *key, int zh);

/* Adds alias -> key to the database (inside the caller's transaction).
 * key must exist unless the vocabulary is open to new keys; a new key is
 * then a word of its own too, read back as the key. An alias of a
 * vocabulary written as sets may not hold a separator. An alias added
 * again goes after the others. 0, or -1 with why, or with why "" when the
 * database failed (said). */
int sw_vocab_add(struct sw_store *s, const char *vocab, const char *alias,
		 const char *key, char *why, size_t whylen);
/* Removes a local alias; 0 if removed, -1 with why if there was none (why
 * "" when the database failed, said). */
int sw_vocab_remove(struct sw_store *s, const char *vocab, const char *alias,
		    char *why, size_t whylen);

/* Calls fn for every (vocab, key, alias, local) in order; alias NULL for the
 * key's own row. Used by "vocab list". */
void sw_vocab_each(const char *vocab,
		   void (*fn)(void *ctx, const char *vocab, const char *key,
			      const char *alias, int local), void *ctx);

#endif
