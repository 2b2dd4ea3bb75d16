/* Hash tables the library's passes share, open addressing, doubled at
 * half full: (tag, string) pairs with an int each (short strings kept in
 * their entry, longer ones copied into the set's own text) and sets of
 * numbers (no allocation per number). */
#ifndef SW_STRSET_H
#define SW_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct sw_strset {
	size_t cap, n;
	struct sw_strset_ent {
		unsigned long long h;
		int tag, val;
		unsigned char kind;	/* 0 a free slot, 1 s is the string, 2 s holds
					 * the string's offset in text (a size_t) */
		char s[15];
	} *e;
	char *text;		/* the strings too long for an entry, one after another */
	size_t used, size;
};

unsigned long long sw_str_hash(const char *s);
/* Finds (tag, s), hashed h (sw_str_hash); inserts it with val if absent.
 * Returns the stored val, or -1 when it was inserted. */
int sw_strset_put(struct sw_strset *t, int tag, const char *s, unsigned long long h, int val);
/* The val of (tag, s), or -1. */
int sw_strset_get(const struct sw_strset *t, int tag, const char *s, unsigned long long h);
void sw_strset_free(struct sw_strset *t);

/* A set of numbers from a dense numbering (people numbered as met): a
 * table while it holds few, a bitmap once the bitmap is no larger. */
struct sw_numset {
	size_t cap;		/* slots of k, or words of bits */
	size_t n;		/* numbers held */
	uint32_t top;		/* the largest number held */
	uint32_t *k;		/* the table: numbers plus one, 0 a free slot */
	uint64_t *bits;		/* the bitmap (k is then NULL): bit x for x */
};
/* 1 when x was added, 0 when it was there. x < UINT32_MAX. */
int sw_numset_add(struct sw_numset *s, uint32_t x);
void sw_numset_free(struct sw_numset *s);

#endif
