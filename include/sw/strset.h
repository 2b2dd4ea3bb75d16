/* Hash tables the library's passes share, open addressing, doubled at
 * half full: (tag, string) pairs with an int each (the strings copied and
 * owned), and sets of 64-bit keys (no allocation per key). */
#ifndef SW_STRSET_H
#define SW_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct sw_strset {
	size_t cap, n;
	struct sw_strset_ent {
		unsigned long long h;
		long long tag;
		char *s;
		int val;
	} *e;
};

unsigned long long sw_str_hash(const char *s);
/* Finds (tag, s), hashed h (sw_str_hash); inserts it with val if absent.
 * Returns the stored val, or -1 when it was inserted. */
int sw_strset_put(struct sw_strset *t, long long tag, const char *s, unsigned long long h, int val);
/* The val of (tag, s), or -1. */
int sw_strset_get(const struct sw_strset *t, long long tag, const char *s, unsigned long long h);
void sw_strset_free(struct sw_strset *t);

struct sw_keyset {
	size_t cap, n;
	uint64_t *k;		/* 0 marks a free slot: keys are stored plus one */
};
/* 1 when key was added, 0 when it was there. key < UINT64_MAX. */
int sw_keyset_add(struct sw_keyset *s, uint64_t key);
void sw_keyset_free(struct sw_keyset *s);

#endif
