/* Hash tables (sw/strset.h). */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/strset.h"

unsigned long long sw_str_hash(const char *s)
{
	unsigned long long h = 1469598103934665603ull;	/* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void strset_grow(struct sw_strset *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	struct sw_strset_ent *e = sw_xcalloc(cap, sizeof *e);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->e[i].kind)
			continue;
		size_t k = t->e[i].h & (cap - 1);
		while (e[k].kind)
			k = (k + 1) & (cap - 1);
		e[k] = t->e[i];
	}
	free(t->e);
	t->e = e;
	t->cap = cap;
}

/* An entry's string: in the entry when short, else in t's text. */
static const char *strset_str(const struct sw_strset *t, const struct sw_strset_ent *e)
{
	size_t at;
	if (e->kind == 1)
		return e->s;
	memcpy(&at, e->s, sizeof at);
	return t->text + at;
}

static size_t strset_slot(const struct sw_strset *t, int tag, const char *s, unsigned long long h)
{
	size_t k = h & (t->cap - 1);
	for (; t->e[k].kind; k = (k + 1) & (t->cap - 1))
		if (t->e[k].h == h && t->e[k].tag == tag && strcmp(strset_str(t, &t->e[k]), s) == 0)
			break;
	return k;
}

static unsigned long long tagged(int tag, unsigned long long h)
{
	return h ^ (unsigned long long)tag * 0x9e3779b97f4a7c15ull;
}

/* s into entry e: in it when it fits (one memory access finds it), else
 * copied to the end of t's text. */
static void strset_keep(struct sw_strset *t, struct sw_strset_ent *e, const char *s)
{
	size_t len = strlen(s) + 1, at = t->used;
	if (len <= sizeof e->s) {
		memcpy(e->s, s, len);
		e->kind = 1;
		return;
	}
	if (t->size - t->used < len) {
		while (t->size - t->used < len)
			t->size = t->size ? 2 * t->size : 16384;
		t->text = sw_xrealloc(t->text, t->size);
	}
	memcpy(t->text + at, s, len);
	t->used += len;
	memcpy(e->s, &at, sizeof at);
	e->kind = 2;
}

int sw_strset_put(struct sw_strset *t, int tag, const char *s, unsigned long long h, int val)
{
	if (2 * (t->n + 1) > t->cap)
		strset_grow(t);
	h = tagged(tag, h);
	size_t k = strset_slot(t, tag, s, h);
	struct sw_strset_ent *e = &t->e[k];
	if (e->kind)
		return e->val;
	e->h = h;
	e->tag = tag;
	e->val = val;
	strset_keep(t, e, s);
	t->n++;
	return -1;
}

int sw_strset_get(const struct sw_strset *t, int tag, const char *s, unsigned long long h)
{
	if (!t->cap)
		return -1;
	size_t k = strset_slot(t, tag, s, tagged(tag, h));
	return t->e[k].kind ? t->e[k].val : -1;
}

void sw_strset_free(struct sw_strset *t)
{
	free(t->e);
	free(t->text);
	memset(t, 0, sizeof *t);
}

/* A 64-bit mix (splitmix64's finaliser): dense numbers would otherwise
 * crowd one end of the table. */
static size_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return (size_t)(x ^ (x >> 31));
}

/* The slot of table k that holds x, else the free one where it goes. */
static size_t numset_slot(const uint32_t *k, size_t cap, uint32_t x)
{
	size_t j = mix((uint64_t)x + 1) & (cap - 1);
	while (k[j] && k[j] != x + 1)
		j = (j + 1) & (cap - 1);
	return j;
}

/* s's numbers into a table of cap slots, from its table or bitmap. */
static void numset_table(struct sw_numset *s, size_t cap)
{
	uint32_t *k = sw_xcalloc(cap, sizeof *k);
	for (size_t i = 0; i < s->cap; i++)
		if (s->bits) {
			for (uint64_t w = s->bits[i]; w; w &= w - 1) {
				uint32_t x = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(w));
				k[numset_slot(k, cap, x)] = x + 1;
			}
		} else if (s->k[i])
			k[numset_slot(k, cap, s->k[i] - 1)] = s->k[i];
	free(s->k);
	free(s->bits);
	s->k = k;
	s->bits = NULL;
	s->cap = cap;
}

/* s's numbers into a bitmap of words words, from its table or bitmap. */
static void numset_bitmap(struct sw_numset *s, size_t words)
{
	if (s->bits) {
		s->bits = sw_xrealloc(s->bits, words * sizeof *s->bits);
		memset(s->bits + s->cap, 0, (words - s->cap) * sizeof *s->bits);
	} else {
		s->bits = sw_xcalloc(words, sizeof *s->bits);
		for (size_t i = 0; i < s->cap; i++)
			if (s->k[i])
				s->bits[(s->k[i] - 1) / 64] |= 1ull << ((s->k[i] - 1) % 64);
		free(s->k);
		s->k = NULL;
	}
	s->cap = words;
}

/* Room for x: a table of twice the numbers or a bitmap up to the
 * largest, whichever is smaller. Numbers are dense, so a set that holds
 * many of them is a bitmap of a few bits each, however long the period;
 * one holding a few far apart stays a table. */
static void numset_grow(struct sw_numset *s, uint32_t x)
{
	size_t slots = 16, words = (size_t)(x > s->top ? x : s->top) / 64 + 1;
	while (slots < 2 * (s->n + 1))
		slots *= 2;
	if (s->bits && words < 2 * s->cap)
		words = 2 * s->cap;	/* numbers come in order: grow by doubling */
	if (words * sizeof *s->bits <= slots * sizeof *s->k)
		numset_bitmap(s, words);
	else
		numset_table(s, slots);
}

int sw_numset_add(struct sw_numset *s, uint32_t x)
{
	if (s->bits ? x / 64 >= s->cap : 2 * (s->n + 1) > s->cap)
		numset_grow(s, x);
	if (x > s->top)
		s->top = x;
	if (s->bits) {
		uint64_t bit = 1ull << (x % 64);
		if (s->bits[x / 64] & bit)
			return 0;
		s->bits[x / 64] |= bit;
		s->n++;
		return 1;
	}
	size_t j = numset_slot(s->k, s->cap, x);
	if (s->k[j])
		return 0;
	s->k[j] = x + 1;
	s->n++;
	return 1;
}

void sw_numset_free(struct sw_numset *s)
{
	free(s->k);
	free(s->bits);
	memset(s, 0, sizeof *s);
}
