/* Reference look-ups for one table's import: per reference column, a
 * prepared "does this value exist" and a small cache of values found
 * (station and worker codes repeat on most rows). One set serves the
 * command's store, another the import's reader thread on a file. */
#ifndef SW_REFS_H
#define SW_REFS_H

#include <stddef.h>

#include "sw/import.h"

struct sw_refs;
struct sw_store;

/* Look-ups in s for the columns of t that have a ref and a field
 * (map[i] >= 0). Exits on a database error (as sw_store_prep). On a
 * server a column looked up often is answered from its keys, read once. */
struct sw_refs *sw_refs_new(struct sw_store *s, const struct sw_table *t, const int *map);
/* The same on a new read-only connection to the file of s, inside one read
 * transaction, for the import's reader thread; NULL if the file cannot be
 * opened twice (or s is a server). */
struct sw_refs *sw_refs_reader(struct sw_store *s, const struct sw_table *t, const int *map);
/* 1 if column i is looked up. */
int sw_refs_has(const struct sw_refs *r, int i);
/* 1 if column i is looked up in the table itself (stations.parent_code). */
int sw_refs_self(const struct sw_refs *r, int i);
/* SW_ROW if column i's value exists, SW_DONE if not, -1 on a failure
 * (said, but by the reader). */
int sw_refs_find(struct sw_refs *r, int i, const char *value);
/* Column i's value v[i] is not on file. If i refers to workers and the
 * value is a name, not a 工号 (it is not ASCII), it names the one worker
 * of that name at the row's station (v, by column), in post on the row's
 * date: 1 with that worker's id in id. 0 with why naming the candidates
 * or the absence, or with why empty when i is no such column; -1 on a
 * database failure (printed). Import and check resolve names alike. */
int sw_refs_worker(struct sw_refs *r, int i, const char **v, char *id, size_t idlen,
		   char *why, size_t whylen);
/* What column c refers to, for "unknown station": its refname in the
 * user's language. */
const char *sw_ref_name(const struct sw_column *c);
/* Finalizes (and closes the reader's connection). NULL is fine. */
void sw_refs_free(struct sw_refs *r);

#endif
