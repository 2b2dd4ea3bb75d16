/* Vocabulary data and lookup. The words are data: a table here for the
 * built-ins and the vocab table in the database for local additions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/store.h"
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
	{"division_level", "township", "乡镇|乡|镇|街道|乡镇（街道）|街道办事处|街道办"},
	{"division_level", "village", "村|社区|村居|村（社区）|行政村|村委会|居委会|社区居委会|村民委员会|居民委员会"},
	{"role", "admin", "事务性|事务|行政"},
	{"role", "service", "服务性|服务|一线"},
	{"role", "supervisor", "督导|督导岗|督导员"},
	{"certificate", "none", "无|未持证"},
	{"certificate", "assistant", "助理社会工作师|助理社工师|初级"},
	{"certificate", "intermediate", "社会工作师|社工师|中级"},
	{"certificate", "senior", "高级社会工作师|高级社工师|高级"},
	{"gender", "male", "男|男性|m"},
	{"gender", "female", "女|女性|f"},
	/* The person categories of civil-affairs work, the label first. The
	 * order is the order a set is written in: the keys of earlier versions
	 * keep theirs, the official ones sit beside their kin. 空巢 (children
	 * moved away) and 独居 (living alone) are two facts, and so two keys. */
	{"category", "elderly", "老年人|老人"},
	{"category", "child", "儿童"},
	{"category", "youth", "青少年"},
	{"category", "women", "妇女"},
	{"category", "disabled", "残疾人|残疾"},
	{"category", "severe_disability", "重残|重度残疾|重度残疾人"},
	{"category", "low_income", "低保|低保户|低保对象|低保家庭"},
	{"category", "low_income_edge", "低边|低保边缘|低边户|低保边缘户|低保边缘家庭"},
	{"category", "extreme_poverty", "特困|特困人员|特困供养|特困供养人员|五保户|五保对象"},
	{"category", "expenditure_hardship", "支出型困难家庭|支出型贫困家庭"},
	{"category", "orphan", "孤儿"},
	{"category", "de_facto_orphan", "事实无人抚养儿童|事实孤儿"},
	{"category", "child_in_difficulty", "困境儿童"},
	{"category", "left_behind", "留守|留守人员"},
	{"category", "left_behind_child", "留守儿童"},
	{"category", "left_behind_elderly", "留守老人"},
	{"category", "left_behind_women", "留守妇女"},
	{"category", "living_alone", "独居|独居老人"},
	{"category", "empty_nest", "空巢|空巢老人"},
	{"category", "widowed_childless", "孤寡|孤寡老人"},
	{"category", "incapacitated", "失能|失能老人|失能人员"},
	{"category", "partly_incapacitated", "半失能|半失能老人|半失能人员"},
	{"category", "family_planning_special", "计生特殊家庭|计划生育特殊家庭|失独家庭"},
	{"category", "single_mother_hardship", "单身特困母亲"},
	{"category", "unemployed", "失业|失业人员"},
	{"category", "migrant", "流动人口|外来务工"},
	{"category", "vagrant", "流浪乞讨|流浪乞讨人员"},
	{"category", "other", "其他|其它"},
	{"hukou", "local", "本地户籍|户籍|本地"},
	{"hukou", "nonlocal", "外地户籍|非户籍|外地"},
	{"domain", "assistance", "社会救助|救助"},
	{"domain", "elderly", "养老服务|养老"},
	{"domain", "child", "儿童关爱保护|儿童关爱|儿童保护"},
	{"domain", "disability", "残疾人服务"},
	{"domain", "community", "社区治理"},
	{"domain", "affairs", "社会事务"},
	{"domain", "employment", "就业服务|就业"},
	{"domain", "other", "其他|其它"},
	{"risk", "low", "低|低风险"},
	{"risk", "medium", "中|中风险"},
	{"risk", "high", "高|高风险"},
	{"service_type", "visit", "走访|家访|入户走访|入户探访|上门走访|上门探访|探访"},
	{"service_type", "counselling", "面谈|个案面谈|面谈辅导|个别面谈"},
	{"service_type", "phone", "电话|电话回访|电话访问|电话随访|电话联系"},
	{"service_type", "referral", "转介|转介服务"},
	{"service_type", "employment", "就业指导|职业指导|就业帮扶"},
	{"service_type", "other", "其他|其它"},
	{"activity_kind", "group", "小组|小组活动|小组工作"},
	{"activity_kind", "community", "社区活动"},
	{"activity_kind", "outreach", "走访社区|外展|外展活动"},
	{"activity_kind", "fair", "招聘会|咨询会|招聘会/咨询会"},
	{"activity_kind", "training", "培训|培训活动|培训班|技能培训"},
	{"activity_kind", "other", "其他|其它"},
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
	/* the contract's service catalogue (服务清单): categories and nature */
	{"item_category", "assistance", "社会救助|救助"},
	{"item_category", "elderly", "养老服务|养老"},
	{"item_category", "child", "儿童福利|儿童关爱保护|儿童福利/儿童关爱保护|儿童关爱|儿童保护"},
	{"item_category", "community", "社区治理"},
	{"item_category", "affairs", "社会事务"},
	{"item_category", "talent", "人才建设|人才队伍建设"},
	{"nature", "remedial", "补救性|补救"},
	{"nature", "supportive", "支持性|支持"},
	{"nature", "preventive", "预防性|预防"},
	{"nature", "developmental", "发展性|发展"},
	/* needs found in assessment, which goals answer */
	{"need", "daily_care", "生活照料"},
	{"need", "psychological", "心理支持|心理疏导|情绪支持"},
	{"need", "financial", "经济援助|经济支持|经济救助"},
	{"need", "employment", "就业|就业支持"},
	{"need", "schooling", "就学|学业|教育"},
	{"need", "medical", "医疗康复|医疗|康复"},
	{"need", "family", "家庭关系|家庭支持|亲子关系"},
	{"need", "policy", "政策咨询|政策链接"},
	{"need", "safety", "安全保护|安全|保护"},
	{"need", "social", "社会融入|社会交往|社区融入"},
	{"need", "other", "其他|其它"},
	{"goal_status", "open", "进行中|未完成|开展中"},
	{"goal_status", "achieved", "已达成|达成|完成|已完成"},
	{"goal_status", "partly", "部分达成|部分完成"},
	{"goal_status", "not_achieved", "未达成"},
	{"goal_status", "dropped", "放弃|终止|已终止"},
	{"supervision_mode", "online", "线上"},
	{"supervision_mode", "offline", "线下"},
	{"supervision_mode", "individual", "个别|个别督导"},
	{"supervision_mode", "group", "团体|团体督导|小组"},
	{"org_kind", "social_work", "社工机构|社会工作服务机构|社工服务机构"},
	{"org_kind", "community_org", "社区社会组织"},
	{"org_kind", "self_governance", "居委会|村委会|居委会/村委会|社区居委会|村民委员会|居民委员会"},
	{"org_kind", "charity", "慈善组织|基金会|慈善会"},
	{"org_kind", "enterprise", "企业|爱心企业"},
	{"org_kind", "government", "政府部门|政府|部门"},
	{"org_kind", "other", "其他|其它"},
	{"need_status", "open", "待满足|未满足|进行中"},
	{"need_status", "met", "已满足|已解决|满足"},
	{"need_status", "referred", "已转介|转介"},
	{"need_status", "dropped", "放弃|取消|终止"},
	{"resource_kind", "policy", "政策"},
	{"resource_kind", "funds", "资金"},
	{"resource_kind", "goods", "物资"},
	{"resource_kind", "venue", "场地"},
	{"resource_kind", "professional", "专业服务"},
	{"resource_kind", "volunteer", "志愿服务"},
	{"resource_kind", "job", "就业岗位|岗位"},
	{"resource_kind", "other", "其他|其它"},
	{"referral_status", "sent", "已转介|已发出|转出"},
	{"referral_status", "accepted", "已接收|接收"},
	{"referral_status", "declined", "已拒绝|拒绝|不接收"},
	{"referral_status", "completed", "已完成|完成|已反馈"},
	/* contract_staffing.role: the roster's roles, or any worker */
	{"staffing_role", "admin", "事务性|事务|行政|事务性社工|事务岗"},
	{"staffing_role", "service", "服务性|服务|一线|服务性社工|服务岗"},
	{"staffing_role", "supervisor", "督导|督导岗|督导员"},
	{"staffing_role", "any", "社工|不限|不限岗位|合计|全部"},
	{"spending_category", "personnel", "人员|人员经费|人员费用|人员工资"},
	{"spending_category", "activities", "活动|活动经费|活动费用"},
	{"spending_category", "supervision", "督导|督导费|督导经费"},
	{"spending_category", "training", "培训|培训费|培训经费"},
	{"spending_category", "management", "管理|管理费|管理费用"},
	{"spending_category", "other", "其他|其它"},
	{"bool", "yes", "是|有|y|true|1"},
	{"bool", "no", "否|无|n|false|0"},
};
#define NBUILTIN (sizeof builtins / sizeof builtins[0])

/* Vocabularies that take new keys from the database. */
static int is_open(const char *vocab)
{
	return strcmp(vocab, "category") == 0 || strcmp(vocab, "item_category") == 0 ||
	       strcmp(vocab, "need") == 0 || strcmp(vocab, "org_kind") == 0 ||
	       strcmp(vocab, "resource_kind") == 0;
}

int sw_vocab_open(const char *vocab)
{
	return is_open(vocab);
}

/* Vocabularies whose columns hold sets (clients.categories): a word of
 * theirs cannot hold a separator, or no set could ever contain it. */
static int is_set(const char *vocab)
{
	return strcmp(vocab, "category") == 0 || strcmp(vocab, "need") == 0;
}

size_t sw_vocab_sep(const char *p, int spaces)
{
	unsigned char c = (unsigned char)*p;
	if (c == ';' || c == ',' || c == '/' || c == '\r' || c == '\n')
		return 1;
	if (spaces && (c == ' ' || c == '\t'))
		return 1;
	/* 、 and, where the text was not folded yet, ； ， ／ */
	if (c == 0xe3 && strncmp(p, "、", 3) == 0)
		return 3;
	if (c == 0xef && (strncmp(p, "；", 3) == 0 || strncmp(p, "，", 3) == 0 ||
			  strncmp(p, "／", 3) == 0))
		return 3;
	return 0;
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
static unsigned generation;	/* counts the words pushed: see memo */

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
	generation++;
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

/* The database whose words are loaded: a command may load them to read an
 * option before it opens the database for its work. */
static char *loaded_from;

int sw_vocab_load(struct sw_store *s)
{
	load_builtins();
	if (!s)
		return 0;
	const char *name = sw_store_name(s);
	if (loaded_from && strcmp(loaded_from, name) == 0)
		return 0;	/* loading twice would list each word twice */
	free(loaded_from);
	loaded_from = sw_xstrdup(name);
	/* in the order they were added: seq numbers them (on a file it is the
	 * rowid, which a file too old to have it has as well) */
	struct sw_stmt *st = sw_store_prepare(s, sw_store_kind(s) == SW_STORE_SQLITE
		? "SELECT vocab, alias, key FROM vocab ORDER BY rowid"
		: "SELECT vocab, alias, key FROM vocab ORDER BY seq");
	int rc = st ? SW_ROW : -1;
	while (st && (rc = sw_stmt_step(st)) == SW_ROW) {
		const char *v = intern_vocab(sw_stmt_text(st, 0));
		if (!v)
			continue;	/* a vocabulary a newer version added */
		push_local(v, intern(sw_stmt_text(st, 2)), sw_stmt_text(st, 1));
	}
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

const char *sw_vocab_lookup(const char *vocab, const char *value)
{
	char buf[256];
	load_builtins();
	sw_text_norm(sw_text_copy(buf, sizeof buf, value));
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

/* Appends word to buf (n bytes) after sep when there is a word before it,
 * whole or not at all; len is what the whole list needs so far. */
static size_t put_word(char *buf, size_t n, size_t len, const char *sep, const char *word,
		       int wlen)
{
	size_t k = (size_t)wlen + (len ? strlen(sep) : 0);
	if (len + k < n)
		snprintf(buf + len, n - len, "%s%.*s", len ? sep : "", wlen, word);
	else if (len < n)
		buf[len] = 0;	/* whole words or none: the caller sees len >= n */
	return len + k;
}

/* 1 if buf's list (sep-separated) holds word already. */
static int listed(const char *buf, const char *sep, const char *word, int wlen)
{
	size_t s = strlen(sep);
	for (const char *p = buf; *p;) {
		const char *e = strstr(p, sep);
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == (size_t)wlen && memcmp(p, word, k) == 0)
			return 1;
		p += k + (e ? s : 0);
	}
	return 0;
}

/* 1 if the local key of vocab has a word added for it beside itself. */
static int has_word(const char *vocab, const char *key)
{
	for (size_t i = 0; i < nwords; i++)
		if (words[i].local && words[i].key == key && strcmp(words[i].norm, key) != 0 &&
		    strcmp(words[i].vocab, vocab) == 0)
			return 1;
	return 0;
}

/* The Chinese words of vocab for an admin: each built-in key's label (its
 * first alias), then the words the station added with vocab add, each
 * once; a local key with no word of its own shows as itself. */
static size_t expected_zh(const char *vocab, char *buf, size_t n)
{
	const char *sep = _(", ");	/* 、 */
	size_t len = 0;
	for (size_t i = 0; i < NBUILTIN; i++)
		if (strcmp(builtins[i].vocab, vocab) == 0)
			len = put_word(buf, n, len, sep, builtins[i].aliases,
				       (int)strcspn(builtins[i].aliases, "|"));
	for (size_t i = 0; i < nwords; i++) {
		const struct word *w = &words[i];
		if (!w->local || strcmp(w->vocab, vocab) != 0 ||
		    (strcmp(w->norm, w->key) == 0 && has_word(vocab, w->key)))
			continue;
		int k = (int)strlen(w->norm);
		if (!(len < n && listed(buf, sep, w->norm, k)))
			len = put_word(buf, n, len, sep, w->norm, k);
	}
	return len;
}

static size_t expected(const char *vocab, char *buf, size_t n)
{
	size_t len = 0;
	if (n)
		buf[0] = 0;
	if (sw_i18n_zh())
		return expected_zh(vocab, buf, n);
	for (size_t i = 0; i < nwords; i++) {
		/* keys only: every key, built-in or local, is a word of its own
		 * exactly once (push_local) */
		if (strcmp(words[i].vocab, vocab) != 0 || strcmp(words[i].norm, words[i].key) != 0)
			continue;
		len = put_word(buf, n, len, ", ", words[i].key, (int)strlen(words[i].key));
	}
	return len;
}

/* expected()'s last lists: a file's unknown values ask for the same few,
 * once a row, and each is a walk over every word. */
#define NMEMO 8
static struct memo {
	char vocab[32], *list;
	int zh;
	size_t n, len;
	unsigned generation;
} memo[NMEMO];
static unsigned memo_next;

size_t sw_vocab_expected(const char *vocab, char *buf, size_t n)
{
	load_builtins();
	int zh = sw_i18n_zh();
	for (struct memo *m = memo; m < memo + NMEMO; m++)
		if (m->list && m->generation == generation && m->zh == zh && m->n == n &&
		    strcmp(m->vocab, vocab) == 0) {
			memcpy(buf, m->list, strlen(m->list) + 1);	/* (kept only for n > 0) */
			return m->len;
		}
	size_t len = expected(vocab, buf, n);
	if (n && strlen(vocab) < sizeof memo[0].vocab) {
		struct memo *m = &memo[memo_next++ % NMEMO];
		free(m->list);
		*m = (struct memo){"", sw_xstrdup(buf), zh, n, len, generation};
		sw_text_copy(m->vocab, sizeof m->vocab, vocab);
	}
	return len;
}

/* The word as a message quotes it: at most n - 1 bytes, cut between
 * characters, and with no '"' of its own, which would end the quotes early
 * and let the stripping of quoted values print the rest. */
static void show_word(const char *word, char *out, size_t n)
{
	size_t len = 0;
	for (const char *p = word; *p;) {
		size_t k = sw_utf8_seq(p, strlen(p));
		if (!k)
			k = 1;
		if (len + k + (p[k] ? 3 : 0) >= n) {
			memcpy(out + len, "…", 3);	/* n >= 4 by the callers */
			len += 3;
			break;
		}
		memcpy(out + len, p, k);
		if (k == 1 && *p == '"')
			out[len] = '\'';
		len += k;
		p += k;
	}
	out[len] = 0;
}

/* The keys, or where to see them when they do not fit (the categories
 * do not fit an import's message), and for an open vocabulary how to
 * accept the word.
 *
 * The hint calls the word VALUE, the value quoted just before it, rather
 * than repeat it. For a personal table the import drops every quoted value
 * from its messages: a missing comma can shift a name into any column, and
 * then the unknown "word" is a name. What is left must still be true. A
 * second quoted copy in the hint would vanish with the first and leave
 * "vocab add category KEY", a wrong command; an unquoted copy would print
 * the name. So the hint is the command with VALUE for the word, the same
 * text whether or not the value is shown; where it is (sw-case check, an
 * option, a table that is not personal) the word is right there. */
void sw_vocab_unknown(const char *vocab, const char *word, const char *column, char *why,
		      size_t whylen)
{
	char exp[1024], hint[160] = "", shown[96];
	/* the "column: " of sw_row_norm, ": " being "：" in Chinese */
	size_t pre = (size_t)snprintf(NULL, 0, _("%s: %s"), column, "");
	size_t room = whylen > pre ? whylen - pre : whylen;
	if (sw_vocab_expected(vocab, exp, sizeof exp) >= sizeof exp)
		exp[0] = 0;
	if (is_open(vocab))
		snprintf(hint, sizeof hint, _("; to accept it: %s vocab add %s VALUE KEY"),
			 sw_progname, vocab);
	show_word(word, shown, sizeof shown);
	int n = 0;
	if (*exp)
		n = snprintf(why, whylen, _("unknown value \"%s\" (expected %s%s)"), shown, exp, hint);
	if (!*exp || (size_t)n >= room)
		n = snprintf(why, whylen, _("unknown value \"%s\" (expected a key or alias listed by "
			     "%s vocab list %s%s)"), shown, sw_progname, vocab, hint);
	if ((size_t)n >= room)	/* a short buffer (an option's): the hint goes */
		snprintf(why, whylen, _("unknown value \"%s\" (expected a key or alias listed by "
			 "%s vocab list %s)"), shown, sw_progname, vocab);
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
	/* a local key: the first word added for it */
	for (size_t i = 0; i < nwords; i++)
		if (words[i].local && strcmp(words[i].vocab, vocab) == 0 &&
		    strcmp(words[i].key, key) == 0 && strcmp(words[i].norm, key) != 0) {
			snprintf(label, sizeof label, "%s", words[i].norm);
			return label;
		}
	return key;
}

/* 1 if the word, as a value would be read, holds a set separator. */
static int has_sep(const char *word)
{
	char *w = norm_dup(word);
	const char *p = w;
	while (*p && !sw_vocab_sep(p, 1))
		p++;
	int found = *p != 0;
	free(w);
	return found;
}

int sw_vocab_add(struct sw_store *s, const char *vocab, const char *alias, const char *key,
		 char *why, size_t whylen)
{
	load_builtins();
	if (!sw_vocab_exists(vocab)) {
		sw_msg(why, whylen, _("unknown vocabulary \"%s\""), vocab);
		return -1;
	}
	const char *have = sw_vocab_lookup(vocab, key);
	if (!have && !is_open(vocab)) {
		char exp[512];
		sw_vocab_expected(vocab, exp, sizeof exp);
		sw_msg(why, whylen, _("unknown %s \"%s\" (expected %s)"), vocab, key, exp);
		return -1;
	}
	if (!have) {
		/* A new key must look like one: lowercase ASCII words. */
		for (const char *p = key; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
				sw_msg(why, whylen, _("new key \"%s\": use lowercase letters, digits and _"), key);
				return -1;
			}
	}
	if (is_set(vocab) && has_sep(alias)) {
		sw_msg(why, whylen, _("\"%s\" holds a separator (; , 、 / or a space): a set would split it"),
		       alias);
		return -1;
	}
	const char *old = sw_vocab_lookup(vocab, alias);
	if (old && (!have || strcmp(old, have) != 0)) {
		sw_msg(why, whylen, _("\"%s\" already means %s"), alias, old);
		return -1;
	}
	/* an alias added again goes last, as a new one */
	struct sw_stmt *del = sw_store_stmt(s, "DELETE FROM vocab WHERE vocab = ?1 AND alias = ?2");
	sw_stmt_bind_text(del, 1, vocab);
	sw_stmt_bind_text(del, 2, alias);
	int rc = sw_stmt_step(del);
	sw_stmt_release(del);
	if (rc == SW_DONE) {
		struct sw_stmt *ins = sw_store_stmt(s, "INSERT INTO vocab (vocab, alias, key) VALUES (?1, ?2, ?3)");
		sw_stmt_bind_text(ins, 1, vocab);
		sw_stmt_bind_text(ins, 2, alias);
		sw_stmt_bind_text(ins, 3, have ? have : key);
		rc = sw_stmt_step(ins);
		sw_stmt_release(ins);
	}
	if (rc != SW_DONE) {
		*why = 0;	/* the store said why */
		return -1;
	}
	push_local(intern_vocab(vocab), have ? have : intern(key), alias);
	return 0;
}

/* How many local aliases the key of alias has (0 if alias is none), or -1. */
static int aliases_of_key(struct sw_store *s, const char *vocab, const char *alias)
{
	const char *p[] = {vocab, alias};
	char n[24];
	int rc = sw_store_text(s, "SELECT count(*) FROM vocab WHERE vocab = ?1 AND key ="
			       " (SELECT key FROM vocab WHERE vocab = ?1 AND alias = ?2)", 2, p, n, sizeof n);
	return rc < 0 ? -1 : atoi(n);
}

/* 1 if key is one of vocab's built-in keys (which need no alias). */
static int builtin_key(const char *vocab, const char *key)
{
	load_builtins();
	for (size_t i = 0; i < nwords; i++)
		if (!words[i].local && strcmp(words[i].vocab, vocab) == 0 &&
		    strcmp(words[i].key, key) == 0)
			return 1;
	return 0;
}

int sw_vocab_remove(struct sw_store *s, const char *vocab, const char *alias, char *why, size_t whylen)
{
	/* A local key is known through its aliases: without one, records that
	 * hold the key would no longer import, export and import again. */
	*why = 0;
	int n = aliases_of_key(s, vocab, alias);
	if (n < 0)
		return -1;
	const char *k = n == 1 ? sw_vocab_lookup(vocab, alias) : NULL;
	if (n == 1 && !(k && builtin_key(vocab, k))) {
		sw_msg(why, whylen, _("\"%s\" is the only word for the local key %s, which records may "
		       "hold: add another word for %s first"), alias, k ? k : "?", k ? k : "?");
		return -1;
	}
	struct sw_stmt *st = sw_store_stmt(s, "DELETE FROM vocab WHERE vocab = ?1 AND alias = ?2");
	sw_stmt_bind_text(st, 1, vocab);
	sw_stmt_bind_text(st, 2, alias);
	int rc = sw_stmt_step(st);
	sw_stmt_release(st);
	if (rc != SW_DONE)
		return -1;	/* the store said why */
	if (sw_store_changes(s) == 0) {
		sw_msg(why, whylen, _("no local alias \"%s\" in %s"), alias, vocab);
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
