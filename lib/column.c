/* Column descriptors: header mapping and per-type normalisation. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/cell.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/import.h"
#include "sw/money.h"
#include "sw/text.h"
#include "sw/valid.h"
#include "sw/vocab.h"

/* The first alias of aliases ("client|服务对象") that is not plain ASCII,
 * copied the first time it is asked for and kept to exit (the tables are
 * few and fixed), or NULL if there is none. The reader thread asks too. */
static const char *zh_alias(const char *aliases)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static struct title {
		const char *aliases;
		char *title;
		struct title *next;
	} *all;
	if (!aliases)
		return NULL;
	pthread_mutex_lock(&mu);
	struct title *t = all;
	while (t && t->aliases != aliases)
		t = t->next;
	if (!t) {
		t = sw_xcalloc(1, sizeof *t);
		t->aliases = aliases;
		for (const char *p = aliases; *p && !t->title;) {
			size_t n = strcspn(p, "|");
			for (size_t i = 0; i < n; i++)
				if ((unsigned char)p[i] >= 0x80) {
					t->title = sw_xmalloc(n + 1);
					memcpy(t->title, p, n);
					t->title[n] = 0;
					break;
				}
			p += n + (p[n] == '|');
		}
		t->next = all;
		all = t;
	}
	pthread_mutex_unlock(&mu);
	return t->title;
}

const char *sw_column_label(const struct sw_column *c, int zh)
{
	const char *t = zh ? zh_alias(c->aliases) : NULL;
	return t ? t : c->name;
}

const char *sw_table_label(const struct sw_table *t, int zh)
{
	const char *s = zh ? zh_alias(t->aliases) : NULL;
	return s ? s : t->name;
}

const char *sw_column_title(const struct sw_column *c)
{
	return sw_column_label(c, sw_i18n_zh());
}

const char *sw_table_title(const struct sw_table *t)
{
	return sw_table_label(t, sw_i18n_zh());
}

/* Free text keeps a quote more (a stored "'=x" comes back whole); no code,
 * date or word starts with one, so every quote an export could have put
 * goes, space trimmed after each: normalising again changes nothing.
 * Returns the length left. */
static size_t unquote_all(char *s)
{
	const char *w;
	while ((w = sw_cell_unquote(s)) != s) {
		memmove(s, w, strlen(w) + 1);
		sw_text_norm(s);
	}
	return strlen(s);
}

/* Splits a set or list at its separators (sw_vocab_sep: ; , / 、 and
 * line breaks, and spaces when spaces is set) and calls fn for each
 * trimmed word; empty words between separators are skipped. */
static int each_word(const char *in, int spaces, int (*fn)(void *, char *), void *ctx)
{
	char word[256];
	const char *p = in;
	while (*p) {
		size_t n = 0, sep = 0;
		while (p[n] && !(sep = sw_vocab_sep(p + n, spaces)))
			n++;
		size_t k = n < sizeof word - 1 ? n : sizeof word - 1;	/* cut as before */
		memcpy(word, p, k);
		word[k] = 0;
		sw_text_norm(word);
		/* a word is a cell of its own for the quote exports put before
		 * a formula: taken off here too, so the value is canonical */
		unquote_all(word);
		if (*word && fn(ctx, word) != 0)
			return -1;
		p += n + sep;
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
		sw_vocab_unknown(s->c->vocab, word, sw_column_title(s->c), s->why, s->whylen);
		return -1;
	}
	for (int i = 0; i < s->n; i++)
		if (s->keys[i] == k)
			return 0;
	if (s->n == 64) {
		sw_msg(s->why, s->whylen, _("too many values"));
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
		sw_msg(s->why, s->whylen, _("too many values"));
		return -1;
	}
	size_t k = strlen(word) + 1;
	if (s->used + k > sizeof s->store) {	/* cannot happen: words come from buf */
		sw_msg(s->why, s->whylen, _("too long"));
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
			sw_msg(why, whylen, _("too long"));
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
	return sw_value_norm(c, in, 's', 0, out, outlen, why, whylen);
}

/* 1 if a number cell of Excel's holds more significant digits than the 15
 * it keeps: the digits after the 15th are already lost. */
static int lost_digits(const char *s)
{
	int n = 0, lead = 1;
	for (; *s && *s != '.' && *s != 'e' && *s != 'E'; s++)
		if (*s >= '0' && *s <= '9' && !(lead && *s == '0'))
			n++, lead = 0;
	return n > 15;
}

/* Words written in an empty date cell: "not closed yet", a dash. */
static int no_date(const char *s)
{
	static const char *const w[] = {"/", "-", "--", "—", "——", "－", "无", "未结案", "未结",
					"在案", "暂无"};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(s, w[i]) == 0)
			return 1;
	return 0;
}

/* A date that puts a row in a month's figures says what happened: one
 * after today is a typing slip (2062 for 2026) or a plan, not a record. */
static int not_after_today(const char *date, char *why, size_t whylen)
{
	char today[11];
	sw_date_today(today);
	if (strcmp(date, today) <= 0)
		return 0;
	sw_msg(why, whylen, _("%s is after today (%s): record what has happened"), date, today);
	return -1;
}

int sw_value_norm(const struct sw_column *c, const char *in, char kind, int unit, char *out,
		  size_t outlen, char *why, size_t whylen)
{
	char buf[1024];
	const char *k;
	long long v;

	/* "'=..." as sw-tools exports "=..."; a set or list, word by word */
	int words = c->type == SW_T_SET || c->type == SW_T_LIST;
	if (!words)
		in = sw_cell_unquote(in);
	size_t n = strlen(in);
	if (kind == 'e') {
		sw_msg(why, whylen, _("the cell holds an Excel error (#N/A, #REF! ...): correct the "
		       "formula or type the value"));
		return -1;
	}
	if (c->type == SW_T_TEXT) {
		/* free text stays as written: names, addresses and notes
		 * keep their full-width punctuation */
		if (outlen <= n) {
			sw_msg(why, whylen, _("value too long"));
			return -1;
		}
		memcpy(out, in, n + 1);
		sw_text_trim(out);
		return 0;
	}
	if (kind == 'n' && (c->type == SW_T_IDCARD || c->type == SW_T_CODE ||
			    c->type == SW_T_DIVISION || c->type == SW_T_PHONE) && lost_digits(in)) {
		sw_msg(why, whylen, _("a number cell of more than 15 digits: Excel has lost the last "
		       "ones; format the column as text and type them again"));
		return -1;
	}
	if (n >= sizeof buf) {
		sw_msg(why, whylen, _("value too long"));
		return -1;
	}
	memcpy(buf, in, n + 1);
	if (sw_text_norm(buf) == 0 || (!words && unquote_all(buf) == 0)) {
		out[0] = 0;	/* empty: the caller decides if that is allowed */
		return 0;
	}
	switch (c->type) {
	case SW_T_TEXT:
		break;	/* done above */
	case SW_T_DATE:
		if (outlen < 11)
			return -1;
		if (!(c->flags & (SW_C_NOTNULL | SW_C_KEY)) && no_date(buf)) {
			out[0] = 0;
			return 0;
		}
		if (sw_date_parse(buf, out, why, whylen) != 0)
			return -1;
		return c->flags & SW_C_PERIOD ? not_after_today(out, why, whylen) : 0;
	case SW_T_CODE:
		return sw_code_parse(buf, out, outlen, why, whylen);
	case SW_T_DIVISION: {
		char parent[13];
		int level;
		if (outlen < 13)
			return -1;
		return sw_division_code(buf, out, &level, parent, why, whylen);
	}
	case SW_T_MINUTES:
		if (sw_minutes_parse(buf, unit ? unit : 1, c->max, &v, why, whylen) != 0)
			return -1;
		return put_ll(v, out, outlen);
	case SW_T_INT:
		if (sw_int_parse(buf, c->min, c->max, &v, why, whylen) != 0)
			return -1;
		return put_ll(v, out, outlen);
	case SW_T_VOCAB:
	case SW_T_BOOL:
		/* one word, matched whole: "中专/职高" is one education */
		k = sw_vocab_lookup(c->type == SW_T_BOOL ? "bool" : c->vocab, buf);
		if (!k) {
			sw_vocab_unknown(c->type == SW_T_BOOL ? "bool" : c->vocab, buf, sw_column_title(c), why,
					 whylen);
			return -1;
		}
		if (c->type == SW_T_BOOL)
			k = strcmp(k, "yes") == 0 ? "1" : "0";
		if (strlen(k) >= outlen) {
			sw_msg(why, whylen, _("too long"));
			return -1;
		}
		strcpy(out, k);
		return 0;
	case SW_T_SET: {
		struct setctx s = {.c = c, .why = why, .whylen = whylen};
		/* the words of a set are known words, so any separator splits,
		 * a space too: "低保 独居", "低保/独居" (so "独居/空巢" is two keys) */
		if (each_word(buf, 1, add_key, &s) != 0)
			return -1;
		qsort_r(s.keys, (size_t)s.n, sizeof s.keys[0], cmp_rank, (void *)c->vocab);
		return join(s.keys, s.n, out, outlen, why, whylen);
	}
	case SW_T_LIST: {
		struct setctx s = {.c = c, .why = why, .whylen = whylen};
		/* free words keep their spaces: "安全生产 管理" and "forklift
		 * driver" are one skill each (split, "driver" would match any
		 * driving job); "/" does split, "叉车/焊工" being two */
		int rc = each_word(buf, 0, add_word, &s);
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
	case SW_T_CREDIT:
		if (outlen < 19)
			return -1;
		return sw_credit_code(buf, out, why, whylen);
	case SW_T_MONEY:
		if (sw_money_parse(buf, unit ? unit : 1, &v, why, whylen) != 0)
			return -1;
		sw_money_fmt(v, out, outlen);
		return 0;
	}
	return -1;
}
