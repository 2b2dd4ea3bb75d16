/* Duplicate candidates, grouped in memory and never by comparing all
 * pairs: each rule sorts the clients by its blocking key and pairs those
 * that share it. Names one character apart share a one-deletion variant
 * (the SymSpell idea). The database gives the clients in one read, in
 * client_id order (bytes, on both backends), and a client's place in it
 * stands for its client_id from then on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/dupes.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/pinyin.h"
#include "sw/store.h"
#include "sw/text.h"

void sw_name_key(const char *name, char *out)
{
	size_t j = 0;
	strcpy(out, name);
	sw_text_norm(out);
	sw_text_lower(out);
	for (size_t i = 0; out[i]; i++)
		if (out[i] != ' ' && out[i] != '\t')
			out[j++] = out[i];
	out[j] = 0;
}

/* The rules, in the order their reasons are listed. */
enum { R_ID, R_BIRTH, R_PHONE, R_SPACES, R_VBIRTH, R_VPHONE, R_SBIRTH, R_SPHONE, NRULES };
static const struct {
	int score;
	const char *reason;
} rules[NRULES] = {
	{100, "same id_number"},
	{90, "same name and birth date"},
	{85, "same name and phone"},
	{60, "names differ only by spaces or full-width characters"},
	{70, "names one character apart with the same birth date"},
	{65, "names one character apart with the same phone"},
	{70, "names that sound alike with the same birth date"},
	{65, "names that sound alike with the same phone"},
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;	/* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h ^ h >> 29;
}

/* Distinct strings numbered 0, 1, ... in order of first sight. */
struct intern {
	char *buf;		/* the strings, each ended by NUL */
	size_t len, cap;
	uint32_t *off;		/* id -> offset in buf */
	int *n;			/* id -> times seen */
	int count, ncap;
	int *slot;		/* open addressing: id + 1, 0 when empty */
	size_t mask;
};

static const char *istr(const struct intern *t, int id)
{
	return t->buf + t->off[id];
}

static void igrow(struct intern *t)
{
	size_t size = t->mask ? (t->mask + 1) * 2 : 1024;
	free(t->slot);
	t->slot = sw_xcalloc(size, sizeof *t->slot);
	t->mask = size - 1;
	for (int id = 0; id < t->count; id++) {
		const char *s = istr(t, id);
		size_t h = (size_t)hash(s, strlen(s)) & t->mask;
		while (t->slot[h])
			h = (h + 1) & t->mask;
		t->slot[h] = id + 1;
	}
}

/* The id of s (NULL: -1), counting one more sighting. */
static int iput(struct intern *t, const char *s)
{
	if (!s)
		return -1;
	size_t n = strlen(s);
	if ((size_t)t->count * 2 >= t->mask)
		igrow(t);
	size_t h = (size_t)hash(s, n) & t->mask;
	for (; t->slot[h]; h = (h + 1) & t->mask) {
		int id = t->slot[h] - 1;
		if (strcmp(istr(t, id), s) == 0) {
			t->n[id]++;
			return id;
		}
	}
	if (t->count == t->ncap) {
		t->ncap = t->ncap * 2 + 1024;
		t->off = sw_xrealloc(t->off, (size_t)t->ncap * sizeof *t->off);
		t->n = sw_xrealloc(t->n, (size_t)t->ncap * sizeof *t->n);
	}
	while (t->len + n + 1 > t->cap)
		t->buf = sw_xrealloc(t->buf, t->cap = t->cap * 2 + 65536);
	if (t->len + n + 1 > UINT32_MAX)
		sw_die(SW_EXIT_FAIL, _("dupes: too many distinct values"));
	memcpy(t->buf + t->len, s, n + 1);
	t->off[t->count] = (uint32_t)t->len;
	t->len += n + 1;
	t->n[t->count] = 1;
	t->slot[h] = t->count + 1;
	return t->count++;
}

static void ifree(struct intern *t)
{
	free(t->buf);
	free(t->off);
	free(t->n);
	free(t->slot);
}

/* A client, by its place in client_id order: value ids (-1 for NULL)
 * and its ID number's hash (0 for NULL): IDs are unique in the register,
 * so the rare equal hashes are checked against the table. */
struct client {
	int nkey, name, birth, phone, sound;
	uint64_t idh;
};

/* A client under a blocking key; pos is the character a name variant
 * leaves out (-1: none). */
struct rec {
	uint64_t key;
	int c, pos;
};

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->c > y->c) - (x->c < y->c);
}

struct pair {
	int a, b;		/* a < b: client_id order */
	unsigned rules;		/* bit per rule; the score above them (report) */
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->a != y->a)
		return (x->a > y->a) - (x->a < y->a);
	return (x->b > y->b) - (x->b < y->b);
}

struct dupes {
	struct client *c;
	int n;
	char *ids;		/* the client_ids, each ended by NUL */
	size_t *id, idlen, idcap;	/* client -> its client_id in ids */
	struct intern nkey, name, birth, phone, sound;
	struct rec *r;
	size_t nr, rcap;
	struct pair *p;
	size_t np, pcap;
};

static void sort_recs(struct dupes *d)
{
	if (d->nr)	/* r is NULL until the first record */
		qsort(d->r, d->nr, sizeof *d->r, cmp_rec);
}

static void add_rec(struct dupes *d, uint64_t key, int c, int pos)
{
	if (d->nr == d->rcap)
		d->r = sw_xrealloc(d->r, (d->rcap = d->rcap * 2 + 4096) * sizeof *d->r);
	d->r[d->nr++] = (struct rec){key, c, pos};
}

static void add_pair(struct dupes *d, int a, int b, int rule)
{
	if (d->np == d->pcap)
		d->p = sw_xrealloc(d->p, (d->pcap = d->pcap * 2 + 4096) * sizeof *d->p);
	d->p[d->np++] = (struct pair){a < b ? a : b, a < b ? b : a, 1u << rule};
}

static uint64_t key2(int a, int b)
{
	return (uint64_t)(uint32_t)a << 32 | (uint32_t)b;
}

/* Pairs every two clients under the same exact key (records sorted);
 * with other_names, only two whose name keys differ. */
static void pair_equal(struct dupes *d, int rule, int other_names)
{
	sort_recs(d);
	for (size_t lo = 0, hi; lo < d->nr; lo = hi) {
		for (hi = lo + 1; hi < d->nr && d->r[hi].key == d->r[lo].key; hi++)
			;
		for (size_t x = lo; x < hi; x++)
			for (size_t y = x + 1; y < hi; y++)
				if (!other_names || d->c[d->r[x].c].nkey != d->c[d->r[y].c].nkey)
					add_pair(d, d->r[x].c, d->r[y].c, rule);
	}
	d->nr = 0;
}

/* A phone shared by more than SW_DUPES_PLACEHOLDER clients is a
 * placeholder, no evidence: it pairs nobody. */
static int usable(const struct intern *t, int id)
{
	return id >= 0 && t->n[id] <= SW_DUPES_PLACEHOLDER;
}

/* Says once of each placeholder phone how many share it and the first
 * client (never the value itself). */
static void warn_placeholders(struct dupes *d)
{
	for (int c = 0; c < d->n; c++) {
		int id = d->c[c].phone;
		if (id < 0 || d->phone.n[id] <= SW_DUPES_PLACEHOLDER)
			continue;
		sw_warn(_("dupes: %d clients share one phone (the first is %s): taken as a"
			" placeholder, not compared"), d->phone.n[id], d->ids + d->id[c]);
		d->phone.n[id] = 0;	/* said */
	}
}

/* Keeps client c's client_id. */
static void keep_id(struct dupes *d, int c, const char *id)
{
	size_t n = strlen(id) + 1;
	while (d->idlen + n > d->idcap)
		d->ids = sw_xrealloc(d->ids, d->idcap = d->idcap * 2 + 65536);
	memcpy(d->ids + d->idlen, id, n);
	d->id[c] = d->idlen;
	d->idlen += n;
}

/* Reads the clients in client_id order into d. Returns 0, or -1 after
 * printing a database error. */
static int load(struct sw_store *s, struct dupes *d)
{
	struct sw_stmt *st = sw_store_prep(s, "SELECT client_id, name, birth_date, phone, id_number"
					   " FROM clients ORDER BY client_id");
	size_t cap = 0, kcap = 0;
	char *key = NULL, *sound = NULL;
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		if ((size_t)d->n == cap) {
			cap = cap * 2 + 4096;
			d->c = sw_xrealloc(d->c, cap * sizeof *d->c);
			d->id = sw_xrealloc(d->id, cap * sizeof *d->id);
		}
		const char *name = sw_stmt_text(st, 1);
		size_t len = name ? strlen(name) : 0;
		if (len + 1 > kcap) {
			key = sw_xrealloc(key, kcap = len * 2 + 64);
			sound = sw_xrealloc(sound, 4 * kcap + 1);
		}
		sw_name_key(name ? name : "", key);
		sw_pinyin_key(key, sound);
		int c = d->n++;
		keep_id(d, c, sw_stmt_text(st, 0));
		const char *idn = sw_stmt_text(st, 4);
		d->c[c] = (struct client){
			.nkey = iput(&d->nkey, key),
			.name = iput(&d->name, name ? name : ""),
			.birth = iput(&d->birth, sw_stmt_text(st, 2)),
			.phone = iput(&d->phone, sw_stmt_text(st, 3)),
			.sound = iput(&d->sound, sound),
			.idh = idn ? hash(idn, strlen(idn)) | 1 : 0,
		};
	}
	free(key);
	free(sound);
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

/* Same ID number. The register holds each ID once (a unique index), so
 * this finds pairs only in a database from before that rule; the clients
 * under one hash are checked against the table. 0, or -1 (printed). */
static int pair_ids(struct sw_store *s, struct dupes *d)
{
	struct sw_stmt *st = NULL;
	int rc = 0;
	for (int c = 0; c < d->n; c++)
		if (d->c[c].idh)
			add_rec(d, d->c[c].idh, c, -1);
	sort_recs(d);
	for (size_t lo = 0, hi; rc == 0 && lo < d->nr; lo = hi) {
		for (hi = lo + 1; hi < d->nr && d->r[hi].key == d->r[lo].key; hi++)
			;
		for (size_t x = lo; rc == 0 && x < hi; x++)
			for (size_t y = x + 1; rc == 0 && y < hi; y++) {
				if (!st)
					st = sw_store_prep(s, "SELECT 1 FROM clients x JOIN clients y"
							   " ON y.id_number = x.id_number"
							   " WHERE x.client_id = ?1 AND y.client_id = ?2");
				sw_stmt_bind_text(st, 1, d->ids + d->id[d->r[x].c]);
				sw_stmt_bind_text(st, 2, d->ids + d->id[d->r[y].c]);
				int k = sw_stmt_step(st);
				if (k == SW_ROW)
					add_pair(d, d->r[x].c, d->r[y].c, R_ID);
				rc = k < 0 ? -1 : sw_stmt_reset(st);
			}
	}
	sw_stmt_finalize(st);
	d->nr = 0;
	return rc;
}

/* The exact rules of names: the same name key and birth date or phone. */
static void pair_exact(struct dupes *d)
{
	for (int c = 0; c < d->n; c++)
		if (d->c[c].birth >= 0)
			add_rec(d, key2(d->c[c].nkey, d->c[c].birth), c, -1);
	pair_equal(d, R_BIRTH, 0);
	for (int c = 0; c < d->n; c++)
		if (usable(&d->phone, d->c[c].phone))
			add_rec(d, key2(d->c[c].nkey, d->c[c].phone), c, -1);
	pair_equal(d, R_PHONE, 0);
}

/* Names that sound alike in Mandarin (王小明, 王晓明; 张丽, 章莉) with the
 * same birth date or phone: one sound and date or phone, two name keys
 * (the same name is the exact rule's). */
static void pair_sounds(struct dupes *d, int rule)
{
	for (int c = 0; c < d->n; c++) {
		int v = rule == R_SBIRTH ? d->c[c].birth : d->c[c].phone;
		if (rule == R_SBIRTH ? v >= 0 : usable(&d->phone, v))
			add_rec(d, key2(d->c[c].sound, v), c, -1);
	}
	pair_equal(d, rule, 1);
}

/* Names that differ only by spaces or full-width characters: one name
 * key, two spellings. A common name shared by thousands is one spelling,
 * so only groups of several spellings pair (each spelling with the
 * others). */
static void pair_spellings(struct dupes *d)
{
	for (int c = 0; c < d->n; c++)
		add_rec(d, key2(d->c[c].nkey, d->c[c].name), c, -1);
	sort_recs(d);
	for (size_t lo = 0, hi; lo < d->nr; lo = hi) {
		uint64_t nk = d->r[lo].key >> 32;
		for (hi = lo + 1; hi < d->nr && d->r[hi].key >> 32 == nk; hi++)
			;
		if (d->r[lo].key == d->r[hi - 1].key)
			continue;	/* one spelling */
		for (size_t x = lo, end = lo; x < hi; x++) {
			while (end < hi && d->r[end].key == d->r[x].key)
				end++;	/* the spellings after x's */
			for (size_t y = end; y < hi; y++)
				add_pair(d, d->r[x].c, d->r[y].c, R_SPACES);
		}
	}
	d->nr = 0;
}

/* The name key s without its character at pos (-1: none) as (start, n)
 * pieces: bytes [0, a) and [b, len). */
static void cut(const char *s, int pos, size_t *a, size_t *b)
{
	size_t i = 0;
	*a = *b = strlen(s);
	if (pos < 0)
		return;
	for (int k = 0; s[i]; k++) {
		size_t j = i + 1;
		while ((s[j] & 0xC0) == 0x80)	/* as SQLite counts characters */
			j++;
		if (k == pos) {
			*a = i, *b = j;
			return;
		}
		i = j;
	}
}

static uint64_t variant_hash(const char *s, int pos)
{
	size_t a, b, len = strlen(s);
	cut(s, pos, &a, &b);
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < len; i++)
		if (i < a || i >= b)
			h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h ^ h >> 29;
}

/* 1 when two name keys, each without the character at its pos, read the
 * same. */
static int same_variant(const char *s, int ps, const char *t, int pt)
{
	size_t sa, sb, ta, tb, sl = strlen(s), tl = strlen(t);
	cut(s, ps, &sa, &sb);
	cut(t, pt, &ta, &tb);
	if (sl - (sb - sa) != tl - (tb - ta))
		return 0;
	for (size_t i = 0, j = 0; i < sl; i++, j++) {
		if (i == sa)
			i = sb;
		if (j == ta)
			j = tb;
		if (i >= sl)
			break;
		if (s[i] != t[j])
			return 0;
	}
	return 1;
}

static int chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

#define PART_RECS (1u << 20)	/* records sorted at a time: memory stays flat */

/* The variants of the clients under rule, whose keys fall in part (of
 * nparts) as records; returns how many there are in all parts. */
static size_t variants(struct dupes *d, int rule, size_t part, size_t nparts)
{
	size_t all = 0;
	for (int c = 0; c < d->n; c++) {
		int v = rule == R_VBIRTH ? d->c[c].birth : d->c[c].phone;
		if (rule == R_VBIRTH ? v < 0 : !usable(&d->phone, v))
			continue;
		const char *s = istr(&d->nkey, d->c[c].nkey);
		int n = chars(s);
		if (n < 2)
			continue;
		all += (size_t)n + 1;
		for (int pos = -1; nparts && pos < n; pos++) {
			uint64_t key = variant_hash(s, pos) ^ (uint64_t)v * 0x9E3779B97F4A7C15u;
			if (key % nparts == part)
				add_rec(d, key, c, pos);
		}
	}
	return all;
}

/* Pairs the records (sorted) under one key that pass rule. */
static void pair_group(struct dupes *d, int rule, size_t lo, size_t hi)
{
	for (size_t x = lo; x < hi; x++)
		for (size_t y = x + 1; y < hi; y++) {
			const struct rec *p = &d->r[x], *q = &d->r[y];
			const struct client *a = &d->c[p->c], *b = &d->c[q->c];
			if (a->nkey == b->nkey || (p->pos != q->pos && p->pos >= 0 && q->pos >= 0))
				continue;
			if (rule == R_VBIRTH ? a->birth != b->birth : a->phone != b->phone)
				continue;	/* the hash, not the value */
			if (same_variant(istr(&d->nkey, a->nkey), p->pos, istr(&d->nkey, b->nkey), q->pos))
				add_pair(d, p->c, q->c, rule);
		}
}

/* Names one character apart (one left out, or one in place of another)
 * with the same birth date (rule R_VBIRTH) or phone: every variant of
 * each name key, with the value, blocks; a hash groups them (a part of
 * the hashes at a time) and the variants are compared in full. */
static void pair_variants(struct dupes *d, int rule)
{
	size_t nparts = variants(d, rule, 0, 0) / PART_RECS + 1;
	for (size_t part = 0; part < nparts; part++) {
		variants(d, rule, part, nparts);
		sort_recs(d);
		for (size_t lo = 0, hi; lo < d->nr; lo = hi) {
			for (hi = lo + 1; hi < d->nr && d->r[hi].key == d->r[lo].key; hi++)
				;
			pair_group(d, rule, lo, hi);
		}
		d->nr = 0;
	}
}

/* By score, highest first, then client_a and client_b. */
static int cmp_score(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	unsigned sx = x->rules >> NRULES, sy = y->rules >> NRULES;
	if (sx != sy)
		return sx < sy ? 1 : -1;
	return cmp_pair(a, b);
}

/* The reasons of rules (bits) into out (512 bytes); returns the score. */
static int score(unsigned r, char *out)
{
	int best = 0, n = 0;
	*out = 0;
	for (int k = 0; k < NRULES; k++) {
		if (!(r & 1u << k))
			continue;
		if (rules[k].score > best)
			best = rules[k].score;
		if (n++)
			strcat(out, "; ");
		strcat(out, rules[k].reason);
	}
	return best + 5 * (n - 1) < 100 ? best + 5 * (n - 1) : 100;
}

/* The pairs, each once with its rules merged, scored, those of at least
 * min_score to fn in their order. */
static int report(struct dupes *d, int min_score, int (*fn)(void *, const struct sw_dupe *), void *arg)
{
	size_t n = 0;
	char reasons[512];
	if (d->np)	/* p is NULL when there are none */
		qsort(d->p, d->np, sizeof *d->p, cmp_pair);
	for (size_t i = 0, j; i < d->np; i = j) {
		unsigned r = 0;
		for (j = i; j < d->np && d->p[j].a == d->p[i].a && d->p[j].b == d->p[i].b; j++)
			r |= d->p[j].rules;
		int sc = score(r, reasons);
		if (sc >= min_score)
			d->p[n++] = (struct pair){d->p[i].a, d->p[i].b, (unsigned)sc << NRULES | r};
	}
	if (n)
		qsort(d->p, n, sizeof *d->p, cmp_score);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct sw_dupe p = {d->ids + d->id[d->p[i].a], d->ids + d->id[d->p[i].b], 0, reasons};
		p.score = score(d->p[i].rules & ((1u << NRULES) - 1), reasons);
		rc = fn(arg, &p);
	}
	return rc;
}

int sw_dupes_find(struct sw_store *s, int min_score, int (*fn)(void *, const struct sw_dupe *), void *arg)
{
	struct dupes d = {0};
	/* one pass over the clients: a page cache would only hold memory */
	if (sw_store_kind(s) == SW_STORE_SQLITE)
		sw_store_exec(s, "PRAGMA cache_size=-2048");
	int rc = load(s, &d);
	if (rc == 0)
		rc = pair_ids(s, &d);
	if (rc == 0) {
		pair_exact(&d);
		pair_spellings(&d);
		pair_variants(&d, R_VBIRTH);
		pair_variants(&d, R_VPHONE);
		pair_sounds(&d, R_SBIRTH);
		pair_sounds(&d, R_SPHONE);
		free(d.r);
		d.r = NULL;
		warn_placeholders(&d);
		rc = report(&d, min_score, fn, arg);
	}
	free(d.c);
	free(d.r);
	free(d.p);
	free(d.id);
	free(d.ids);
	ifree(&d.nkey);
	ifree(&d.name);
	ifree(&d.birth);
	ifree(&d.phone);
	ifree(&d.sound);
	return rc;
}
