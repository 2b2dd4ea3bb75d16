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
	struct sw_strset n = {t->cap ? t->cap * 2 : 1024, t->n, NULL};
	n.e = sw_xcalloc(n.cap, sizeof *n.e);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->e[i].s)
			continue;
		size_t k = t->e[i].h & (n.cap - 1);
		while (n.e[k].s)
			k = (k + 1) & (n.cap - 1);
		n.e[k] = t->e[i];
	}
	free(t->e);
	*t = n;
}

static size_t strset_slot(const struct sw_strset *t, long long tag, const char *s, unsigned long long h)
{
	size_t k = h & (t->cap - 1);
	for (; t->e[k].s; k = (k + 1) & (t->cap - 1))
		if (t->e[k].h == h && t->e[k].tag == tag && strcmp(t->e[k].s, s) == 0)
			break;
	return k;
}

static unsigned long long tagged(long long tag, unsigned long long h)
{
	return h ^ (unsigned long long)tag * 0x9e3779b97f4a7c15ull;
}

int sw_strset_put(struct sw_strset *t, long long tag, const char *s, unsigned long long h, int val)
{
	if (2 * (t->n + 1) > t->cap)
		strset_grow(t);
	h = tagged(tag, h);
	size_t k = strset_slot(t, tag, s, h);
	if (t->e[k].s)
		return t->e[k].val;
	t->e[k] = (struct sw_strset_ent){h, tag, sw_xstrdup(s), val};
	t->n++;
	return -1;
}

int sw_strset_get(const struct sw_strset *t, long long tag, const char *s, unsigned long long h)
{
	if (!t->cap)
		return -1;
	size_t k = strset_slot(t, tag, s, tagged(tag, h));
	return t->e[k].s ? t->e[k].val : -1;
}

void sw_strset_free(struct sw_strset *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->e[i].s);
	free(t->e);
	memset(t, 0, sizeof *t);
}

/* A 64-bit mix (splitmix64's finaliser): keys made of small ids packed
 * side by side would otherwise crowd one end of the table. */
static size_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return (size_t)(x ^ (x >> 31));
}

int sw_keyset_add(struct sw_keyset *s, uint64_t key)
{
	if (2 * (s->n + 1) > s->cap) {
		struct sw_keyset n = {s->cap ? s->cap * 2 : 4096, s->n, NULL};
		n.k = sw_xcalloc(n.cap, sizeof *n.k);
		for (size_t i = 0; i < s->cap; i++)
			if (s->k[i]) {
				size_t j = mix(s->k[i]) & (n.cap - 1);
				while (n.k[j])
					j = (j + 1) & (n.cap - 1);
				n.k[j] = s->k[i];
			}
		free(s->k);
		*s = n;
	}
	key++;
	size_t j = mix(key) & (s->cap - 1);
	for (; s->k[j]; j = (j + 1) & (s->cap - 1))
		if (s->k[j] == key)
			return 0;
	s->k[j] = key;
	s->n++;
	return 1;
}

void sw_keyset_free(struct sw_keyset *s)
{
	free(s->k);
	memset(s, 0, sizeof *s);
}
