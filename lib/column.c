/* Column descriptors: header mapping and per-type normalisation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/import.h"
#include "sw/text.h"
#include "sw/valid.h"
#include "sw/vocab.h"

void sw_header_norm(const char *in, char *out, size_t outlen)
{
	char tmp[256];
	snprintf(tmp, sizeof tmp, "%s", in);
	sw_text_norm(tmp);
	sw_text_lower(tmp);
	size_t j = 0;
	for (const char *p = tmp; *p && j + 1 < outlen; p++)
		if (*p != ' ' && *p != '*' && *p != '\t')
			out[j++] = *p;
	out[j] = 0;
}

static int alias_match(const struct sw_column *c, const char *norm)
{
	char a[128];
	if (strcmp(c->name, norm) == 0)
		return 1;
	for (const char *p = c->aliases ? c->aliases : ""; *p;) {
		size_t n = strcspn(p, "|");
		char raw[128];
		snprintf(raw, sizeof raw, "%.*s", (int)n, p);
		sw_header_norm(raw, a, sizeof a);
		if (strcmp(a, norm) == 0)
			return 1;
		p += n + (p[n] == '|');
	}
	return 0;
}

int sw_table_col(const struct sw_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return i;
	return -1;
}

const struct sw_table *sw_table_find(const struct sw_table *const *tables, const char *name)
{
	for (; *tables; tables++) {
		const struct sw_table *t = *tables;
		if (strcmp(t->name, name) == 0)
			return t;
		for (const char *p = t->aliases ? t->aliases : ""; *p;) {
			size_t n = strcspn(p, "|");
			if (strlen(name) == n && strncmp(p, name, n) == 0)
				return t;
			p += n + (p[n] == '|');
		}
	}
	return NULL;
}

int sw_header_col(const struct sw_table *t, const char *cell)
{
	char norm[256];
	sw_header_norm(cell, norm, sizeof norm);
	for (int i = 0; i < t->ncols; i++)
		if (alias_match(&t->cols[i], norm))
			return i;
	return -1;
}

int sw_header_map(const struct sw_table *t, const char *fname, char **hdr, int n, int *map)
{
	int rc = 0;
	for (int i = 0; i < t->ncols; i++)
		map[i] = -1;
	for (int j = 0; j < n; j++) {
		int c = sw_header_col(t, hdr[j]);
		if (c < 0) {
			if (*hdr[j])
				sw_warn_at(fname, 1, "unknown column \"%s\" ignored", hdr[j]);
			continue;
		}
		if (map[c] >= 0) {
			sw_error_at(fname, 1, "%s: column given twice (\"%s\" and \"%s\")",
				    t->cols[c].name, hdr[map[c]], hdr[j]);
			rc = -1;
		}
		map[c] = j;
	}
	for (int i = 0; i < t->ncols; i++)
		if (map[i] < 0 && (t->cols[i].flags & (SW_C_REQUIRED | SW_C_KEY))) {
			sw_error_at(fname, 1, "%s: missing required column", t->cols[i].name);
			rc = -1;
		}
	return rc;
}

const struct sw_table *sw_table_guess(const struct sw_table *const *tables,
				      const char *fname, char **hdr, int n)
{
	const struct sw_table *best = NULL;
	int best_score = 0;
	for (const struct sw_table *const *tp = tables; *tp; tp++) {
		const struct sw_table *t = *tp;
		int score = 0, complete = 1;
		int *seen = sw_xcalloc((size_t)t->ncols, sizeof *seen);
		for (int j = 0; j < n; j++) {
			int c = sw_header_col(t, hdr[j]);
			if (c >= 0 && !seen[c]++)
				score++;
		}
		for (int i = 0; i < t->ncols; i++)
			if (!seen[i] && (t->cols[i].flags & (SW_C_REQUIRED | SW_C_KEY)))
				complete = 0;
		free(seen);
		/* Most columns matched wins, a table with all its required
		 * columns before one without (whose missing columns the
		 * header check then names); on a tie the earlier table, the
		 * program's main one: code,name,level,parent_code is a
		 * station file to sw-station, divisions need --table. */
		score = score ? score * 2 + complete : 0;
		if (score > best_score)
			best = t, best_score = score;
	}
	if (!best) {
		char names[256] = "";
		size_t len = 0;
		for (const struct sw_table *const *tp = tables; *tp && len < sizeof names; tp++)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
						len ? ", " : "", (*tp)->name);
		sw_error_at(fname, 1, "cannot tell the table from the header; use --table (%s)", names);
		return NULL;
	}
	return best;
}

/* Splits a set/list on ; ； 、 , ， and calls fn for each trimmed word. */
static int each_word(const char *in, int (*fn)(void *, char *), void *ctx)
{
	char word[256];
	const char *p = in;
	while (*p) {
		size_t n = 0;
		/* the wide separators start with one of two bytes */
		while (p[n] && p[n] != ';' && p[n] != ',' &&
		       !(((unsigned char)p[n] == 0xef || (unsigned char)p[n] == 0xe3) &&
			 (strncmp(p + n, "；", 3) == 0 || strncmp(p + n, "、", 3) == 0 ||
			  strncmp(p + n, "，", 3) == 0)))
			n++;
		size_t k = n < sizeof word - 1 ? n : sizeof word - 1;	/* cut as before */
		memcpy(word, p, k);
		word[k] = 0;
		sw_text_norm(word);
		if (*word && fn(ctx, word) != 0)
			return -1;
		p += n;
		if (*p)
			p += *p == ';' || *p == ',' ? 1 : 3;
	}
	return 0;
}

struct setctx {
	const struct sw_column *c;
	const char *keys[64];
	char *lists[64];
	int n;
	char store[1024 + 64];	/* the words of lists: the input is shorter */
	size_t used;
	char *why;
	size_t whylen;
};

static int add_key(void *ctx, char *word)
{
	struct setctx *s = ctx;
	const char *k = sw_vocab_lookup(s->c->vocab, word);
	if (!k) {
		char exp[512];
		sw_vocab_expected(s->c->vocab, exp, sizeof exp);
		sw_msg(s->why, s->whylen, "unknown value \"%s\" (expected %s)", word, exp);
		return -1;
	}
	for (int i = 0; i < s->n; i++)
		if (s->keys[i] == k)
			return 0;
	if (s->n == 64) {
		sw_msg(s->why, s->whylen, "too many values");
		return -1;
	}
	s->keys[s->n++] = k;
	return 0;
}

static int add_word(void *ctx, char *word)
{
	struct setctx *s = ctx;
	sw_text_lower(word);
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->lists[i], word) == 0)
			return 0;
	if (s->n == 64) {
		sw_msg(s->why, s->whylen, "too many values");
		return -1;
	}
	size_t k = strlen(word) + 1;
	if (s->used + k > sizeof s->store) {	/* cannot happen: words come from buf */
		sw_msg(s->why, s->whylen, "too long");
		return -1;
	}
	s->lists[s->n++] = memcpy(s->store + s->used, word, k);
	s->used += k;
	return 0;
}

static int cmp_rank(const void *a, const void *b, void *vocab)
{
	int ra = sw_vocab_rank(vocab, *(const char *const *)a);
	int rb = sw_vocab_rank(vocab, *(const char *const *)b);
	/* local keys (rank -1) after the built-ins, by name */
	if (ra < 0 && rb < 0)
		return strcmp(*(const char *const *)a, *(const char *const *)b);
	return (ra < 0 ? 1000 : ra) - (rb < 0 ? 1000 : rb);
}

/* Joins words with ';' into out. */
static int join(const char *const *w, int n, char *out, size_t outlen, char *why, size_t whylen)
{
	size_t len = 0;
	out[0] = 0;
	for (int i = 0; i < n; i++) {
		size_t k = strlen(w[i]) + (i > 0);
		if (k >= outlen - len) {
			sw_msg(why, whylen, "too long");
			return -1;
		}
		if (i)
			out[len++] = ';';
		memcpy(out + len, w[i], k - (i > 0) + 1);
		len += k - (i > 0);
	}
	return 0;
}

/* v in decimal into out, cut short as snprintf would; 0. */
static int put_ll(long long v, char *out, size_t outlen)
{
	char d[SW_DECIMAL_MAX];
	const char *e = sw_decimal(v, d);
	size_t k = (size_t)(d + sizeof d - 1 - e);
	if (outlen) {
		k = k < outlen - 1 ? k : outlen - 1;
		memcpy(out, e, k);
		out[k] = 0;
	}
	return 0;
}

int sw_column_norm(const struct sw_column *c, const char *in, char *out, size_t outlen,
		   char *why, size_t whylen)
{
	char buf[1024];
	const char *k;
	long long v;

	size_t n = strlen(in);
	if (c->type == SW_T_TEXT) {
		if (outlen <= n) {
			sw_msg(why, whylen, "value too long");
			return -1;
		}
		memcpy(out, in, n + 1);
		sw_text_norm(out);
		return 0;
	}
	if (n >= sizeof buf) {
		sw_msg(why, whylen, "value too long");
		return -1;
	}
	memcpy(buf, in, n + 1);
	if (sw_text_norm(buf) == 0) {
		out[0] = 0;	/* empty: the caller decides if that is allowed */
		return 0;
	}
	switch (c->type) {
	case SW_T_TEXT:
		break;	/* done above */
	case SW_T_DATE:
		if (outlen < 11)
			return -1;
		return sw_date_parse(buf, out, why, whylen);
	case SW_T_INT:
		if (sw_int_parse(buf, c->min, c->max, &v, why, whylen) != 0)
			return -1;
		return put_ll(v, out, outlen);
	case SW_T_VOCAB:
	case SW_T_BOOL:
		k = sw_vocab_lookup(c->type == SW_T_BOOL ? "bool" : c->vocab, buf);
		if (!k) {
			char exp[512];
			sw_vocab_expected(c->type == SW_T_BOOL ? "bool" : c->vocab, exp, sizeof exp);
			sw_msg(why, whylen, "unknown value \"%s\" (expected %s)", buf, exp);
			return -1;
		}
		if (c->type == SW_T_BOOL)
			k = strcmp(k, "yes") == 0 ? "1" : "0";
		if (strlen(k) >= outlen) {
			sw_msg(why, whylen, "too long");
			return -1;
		}
		strcpy(out, k);
		return 0;
	case SW_T_SET: {
		struct setctx s = {.c = c, .why = why, .whylen = whylen};
		if (each_word(buf, add_key, &s) != 0)
			return -1;
		qsort_r(s.keys, (size_t)s.n, sizeof s.keys[0], cmp_rank, (void *)c->vocab);
		return join(s.keys, s.n, out, outlen, why, whylen);
	}
	case SW_T_LIST: {
		struct setctx s = {.c = c, .why = why, .whylen = whylen};
		int rc = each_word(buf, add_word, &s);
		if (rc == 0)
			rc = join((const char *const *)s.lists, s.n, out, outlen, why, whylen);
		return rc;
	}
	case SW_T_IDCARD:
		if (outlen < 19)
			return -1;
		return sw_idcard_norm(buf, out, why, whylen);	/* 15 digits stay: see sw_client_rules */
	case SW_T_PHONE:
		return sw_phone_parse(buf, out, outlen, why, whylen);
	}
	return -1;
}
