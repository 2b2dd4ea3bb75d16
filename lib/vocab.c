/* Vocabulary data and lookup. The words are data: a table here for the
 * built-ins and the vocab table in the database for local additions. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/text.h"
#include "sw/vocab.h"

struct builtin {
	const char *vocab, *key, *aliases;	/* aliases: '|'-separated, first is the label */
};

/* Order within a vocabulary is meaningful (education is ranked). */
static const struct builtin builtins[] = {
	{"level", "county", "县级社工总站|县级总站|社工总站|总站|县级"},
	{"level", "regional", "区域性中心社工站|区域中心社工站|区域中心站|中心站|区域性"},
	{"level", "township", "乡镇（街道）社工站|乡镇社工站|街道社工站|乡镇站|街道站|乡镇|街道"},
	{"level", "village", "村居社工服务点|村（社区）社工服务点|社工服务点|服务点|村居"},
	{"division_level", "county", "县|县级|区县|县（市、区）|县区"},
	{"division_level", "township", "乡镇|乡|镇|街道|乡镇（街道）"},
	{"division_level", "village", "村|社区|村居|村（社区）|行政村"},
	{"role", "admin", "事务性|事务|行政"},
	{"role", "service", "服务性|服务|一线"},
	{"certificate", "none", "无|未持证"},
	{"certificate", "assistant", "助理社会工作师|助理社工师|初级"},
	{"certificate", "intermediate", "社会工作师|社工师|中级"},
	{"certificate", "senior", "高级社会工作师|高级社工师|高级"},
	{"gender", "male", "男|m"},
	{"gender", "female", "女|f"},
	{"category", "elderly", "老年人|老人"},
	{"category", "child", "儿童"},
	{"category", "youth", "青少年"},
	{"category", "women", "妇女"},
	{"category", "disabled", "残疾人|残疾"},
	{"category", "low_income", "低保|低保户|低保对象"},
	{"category", "extreme_poverty", "特困|特困人员|特困供养"},
	{"category", "left_behind", "留守|留守人员"},
	{"category", "living_alone", "独居|空巢|独居/空巢|独居老人|空巢老人"},
	{"category", "unemployed", "失业|失业人员"},
	{"category", "migrant", "流动人口|外来务工"},
	{"category", "other", "其他"},
	{"hukou", "local", "户籍|本地户籍|本地"},
	{"hukou", "nonlocal", "非户籍|外地户籍|外地"},
	{"domain", "assistance", "社会救助|救助"},
	{"domain", "elderly", "养老服务|养老"},
	{"domain", "child", "儿童关爱保护|儿童关爱|儿童保护"},
	{"domain", "disability", "残疾人服务"},
	{"domain", "community", "社区治理"},
	{"domain", "affairs", "社会事务"},
	{"domain", "employment", "就业服务|就业"},
	{"domain", "other", "其他"},
	{"risk", "low", "低|低风险"},
	{"risk", "medium", "中|中风险"},
	{"risk", "high", "高|高风险"},
	{"service_type", "visit", "走访|家访|入户走访"},
	{"service_type", "counselling", "面谈|个案面谈"},
	{"service_type", "phone", "电话|电话回访"},
	{"service_type", "referral", "转介"},
	{"service_type", "employment", "就业指导"},
	{"service_type", "other", "其他"},
	{"activity_kind", "group", "小组|小组活动"},
	{"activity_kind", "community", "社区活动"},
	{"activity_kind", "outreach", "走访社区"},
	{"activity_kind", "fair", "招聘会|咨询会|招聘会/咨询会"},
	{"activity_kind", "training", "培训"},
	{"activity_kind", "other", "其他"},
	{"education", "none", "无|文盲"},
	{"education", "primary", "小学"},
	{"education", "junior_high", "初中"},
	{"education", "senior_high", "高中"},
	{"education", "vocational", "中专/职高|中专|职高|技校|中职"},
	{"education", "college", "大专|专科"},
	{"education", "bachelor", "本科|大学本科"},
	{"education", "postgraduate", "研究生|硕士|博士"},
	{"stage", "matched", "配对"},
	{"stage", "referred", "推荐"},
	{"stage", "interviewed", "面试"},
	{"stage", "hired", "入职|录用"},
	{"stage", "retained_3m", "稳岗3个月|留任3个月"},
	{"stage", "retained_6m", "稳岗6个月|留任6个月"},
	{"stage", "ended", "离职"},
	{"bool", "yes", "是|有|y|true|1"},
	{"bool", "no", "否|无|n|false|0"},
};
#define NBUILTIN (sizeof builtins / sizeof builtins[0])

/* Vocabularies that take new keys from the database. */
static int is_open(const char *vocab)
{
	return strcmp(vocab, "category") == 0;
}

/* The lookup table: one entry per (vocab, normalised word). Small enough
 * for a linear scan per vocabulary; each vocabulary's entries are kept
 * together and reached through an index. */
struct word {
	const char *vocab, *key;
	char *norm;
	int local;
};
static struct word *words;
static size_t nwords, capwords;
static int loaded;

/* Open-addressing index over words by (vocab, norm): imports look up a few
 * vocabulary fields per row, millions of times. Rebuilt after additions. */
static size_t *slots, nslots;
static int stale = 1;

static size_t hash(const char *vocab, const char *word)
{
	size_t h = 1469598103934665603u;
	for (; *vocab; vocab++)
		h = (h ^ (unsigned char)*vocab) * 1099511628211u;
	h = (h ^ 0xff) * 1099511628211u;
	for (; *word; word++)
		h = (h ^ (unsigned char)*word) * 1099511628211u;
	return h;
}

static void reindex(void)
{
	free(slots);
	for (nslots = 64; nslots < nwords * 2; nslots *= 2)
		;
	slots = sw_xmalloc(nslots * sizeof *slots);
	for (size_t i = 0; i < nslots; i++)
		slots[i] = (size_t)-1;
	for (size_t i = 0; i < nwords; i++) {
		size_t h = hash(words[i].vocab, words[i].norm) & (nslots - 1);
		while (slots[h] != (size_t)-1) {
			struct word *o = &words[slots[h]];
			if (strcmp(o->vocab, words[i].vocab) == 0 && strcmp(o->norm, words[i].norm) == 0)
				break;	/* first definition wins */
			h = (h + 1) & (nslots - 1);
		}
		if (slots[h] == (size_t)-1)
			slots[h] = i;
	}
	stale = 0;
}

static char *norm_dup(const char *s)
{
	char *d = sw_xstrdup(s);
	sw_text_norm(d);
	sw_text_lower(d);
	return d;
}

static void push(const char *vocab, const char *key, const char *word, int local)
{
	if (nwords == capwords) {
		capwords = capwords ? capwords * 2 : 512;
		words = sw_xrealloc(words, capwords * sizeof *words);
	}
	words[nwords++] = (struct word){vocab, key, norm_dup(word), local};
	stale = 1;
}

static void load_builtins(void)
{
	if (loaded)
		return;
	loaded = 1;
	for (size_t i = 0; i < NBUILTIN; i++) {
		push(builtins[i].vocab, builtins[i].key, builtins[i].key, 0);
		const char *a = builtins[i].aliases;
		while (*a) {
			size_t n = strcspn(a, "|");
			char tmp[128];
			snprintf(tmp, sizeof tmp, "%.*s", (int)n, a);
			push(builtins[i].vocab, builtins[i].key, tmp, 0);
			a += n + (a[n] == '|');
		}
	}
}

int sw_vocab_exists(const char *name)
{
	for (size_t i = 0; i < NBUILTIN; i++)
		if (strcmp(builtins[i].vocab, name) == 0)
			return 1;
	return 0;
}

/* Interned copy of a database string, so pointers stay valid. */
static const char *intern(const char *s)
{
	for (size_t i = 0; i < nwords; i++)
		if (strcmp(words[i].key, s) == 0)
			return words[i].key;
	return sw_xstrdup(s);
}

/* 1 if key is already a word of vocab under its own name. */
static int has_key(const char *vocab, const char *key)
{
	for (size_t i = 0; i < nwords; i++)
		if (strcmp(words[i].vocab, vocab) == 0 && strcmp(words[i].key, key) == 0 &&
		    strcmp(words[i].norm, key) == 0)
			return 1;
	return 0;
}

/* A local word: alias -> key. A key new to the vocabulary becomes a word
 * of its own first, as each built-in key is: the export writes the key, so
 * the import, a filter and "vocab add" must read it back. (Only the alias
 * was pushed once, and a city's new key was refused on re-import.) */
static void push_local(const char *vocab, const char *key, const char *alias)
{
	if (!has_key(vocab, key))
		push(vocab, key, key, 1);
	char *a = norm_dup(alias);
	if (strcmp(a, key) != 0)
		push(vocab, key, alias, 1);
	free(a);
}

static const char *intern_vocab(const char *s)
{
	for (size_t i = 0; i < NBUILTIN; i++)
		if (strcmp(builtins[i].vocab, s) == 0)
			return builtins[i].vocab;
	return NULL;
}

/* The database file whose words are loaded: a command may load them to
 * read an option before it opens the database for its work. */
static char *loaded_from;

int sw_vocab_load(sqlite3 *db)
{
	load_builtins();
	if (!db)
		return 0;
	const char *file = sqlite3_db_filename(db, "main");
	if (file && *file) {
		if (loaded_from && strcmp(loaded_from, file) == 0)
			return 0;	/* loading twice would list each word twice */
		free(loaded_from);
		loaded_from = sw_xstrdup(file);
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT vocab, alias, key FROM vocab ORDER BY rowid", -1,
			       &st, NULL) != SQLITE_OK) {
		sw_error("vocab: %s", sqlite3_errmsg(db));
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *v = intern_vocab((const char *)sqlite3_column_text(st, 0));
		if (!v)
			continue;	/* a vocabulary a newer version added */
		push_local(v, intern((const char *)sqlite3_column_text(st, 2)),
			   (const char *)sqlite3_column_text(st, 1));
	}
	return sqlite3_finalize(st) == SQLITE_OK ? 0 : -1;
}

const char *sw_vocab_lookup(const char *vocab, const char *value)
{
	char buf[256];
	size_t n = strnlen(value, sizeof buf - 1);
	load_builtins();
	memcpy(buf, value, n);	/* (snprintf here cost more than the lookup) */
	buf[n] = 0;
	sw_text_norm(buf);
	sw_text_lower(buf);
	if (stale)
		reindex();
	for (size_t h = hash(vocab, buf) & (nslots - 1); slots[h] != (size_t)-1;
	     h = (h + 1) & (nslots - 1)) {
		struct word *w = &words[slots[h]];
		if (strcmp(w->vocab, vocab) == 0 && strcmp(w->norm, buf) == 0)
			return w->key;
	}
	return NULL;
}

int sw_vocab_rank(const char *vocab, const char *key)
{
	int r = 0;
	for (size_t i = 0; i < NBUILTIN; i++)
		if (strcmp(builtins[i].vocab, vocab) == 0) {
			if (strcmp(builtins[i].key, key) == 0)
				return r;
			r++;
		}
	return -1;
}

void sw_vocab_expected(const char *vocab, char *buf, size_t n)
{
	size_t len = 0;
	const char *last = NULL;
	load_builtins();
	buf[0] = 0;
	for (size_t i = 0; i < nwords && len < n; i++) {
		if (strcmp(words[i].vocab, vocab) != 0 || words[i].key == last)
			continue;
		/* keys only: each key's first word is the key itself */
		if (strcmp(words[i].norm, words[i].key) != 0 && !words[i].local)
			continue;
		int dup = 0;
		for (size_t j = 0; j < i; j++)
			if (words[j].key == words[i].key && strcmp(words[j].vocab, vocab) == 0)
				dup = 1;
		if (dup)
			continue;
		last = words[i].key;
		len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "", words[i].key);
	}
}

const char *sw_vocab_label(const char *vocab, const char *key, int zh)
{
	static char label[64];
	if (!zh)
		return key;
	for (size_t i = 0; i < NBUILTIN; i++)
		if (strcmp(builtins[i].vocab, vocab) == 0 && strcmp(builtins[i].key, key) == 0) {
			snprintf(label, sizeof label, "%.*s",
				 (int)strcspn(builtins[i].aliases, "|"), builtins[i].aliases);
			return label;
		}
	return key;
}

int sw_vocab_add(sqlite3 *db, const char *vocab, const char *alias, const char *key,
		 char *why, size_t whylen)
{
	load_builtins();
	if (!sw_vocab_exists(vocab)) {
		sw_msg(why, whylen, "unknown vocabulary \"%s\"", vocab);
		return -1;
	}
	const char *have = sw_vocab_lookup(vocab, key);
	if (!have && !is_open(vocab)) {
		char exp[512];
		sw_vocab_expected(vocab, exp, sizeof exp);
		sw_msg(why, whylen, "unknown %s \"%s\" (expected %s)", vocab, key, exp);
		return -1;
	}
	if (!have) {
		/* A new key must look like one: lowercase ASCII words. */
		for (const char *p = key; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
				sw_msg(why, whylen, "new key \"%s\": use lowercase letters, digits and _", key);
				return -1;
			}
	}
	const char *old = sw_vocab_lookup(vocab, alias);
	if (old && (!have || strcmp(old, have) != 0)) {
		sw_msg(why, whylen, "\"%s\" already means %s", alias, old);
		return -1;
	}
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO vocab(vocab, alias, key) VALUES(?,?,?)",
				    -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, vocab, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, alias, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, have ? have : key, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE) {
		sw_msg(why, whylen, "%s", sqlite3_errmsg(db));
		return -1;
	}
	push_local(intern_vocab(vocab), have ? have : intern(key), alias);
	return 0;
}

int sw_vocab_remove(sqlite3 *db, const char *vocab, const char *alias, char *why, size_t whylen)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "DELETE FROM vocab WHERE vocab = ? AND alias = ?", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, vocab, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, alias, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (rc != SQLITE_DONE) {
		sw_msg(why, whylen, "%s", sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_changes(db) == 0) {
		sw_msg(why, whylen, "no local alias \"%s\" in %s", alias, vocab);
		return -1;
	}
	return 0;
}

void sw_vocab_each(const char *vocab,
		   void (*fn)(void *, const char *, const char *, const char *, int), void *ctx)
{
	load_builtins();
	for (size_t i = 0; i < nwords; i++) {
		if (vocab && strcmp(words[i].vocab, vocab) != 0)
			continue;
		int is_key = strcmp(words[i].norm, words[i].key) == 0;
		fn(ctx, words[i].vocab, words[i].key, is_key ? NULL : words[i].norm, words[i].local);
	}
}
