/* Vocabularies: the words people write, the civil-affairs categories, set
 * and list separators, the message for an unknown word, and a city's own
 * category keys read back from the database. A program of its own: the
 * vocabulary is process state, and the local words must start unloaded. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sw/db.h"
#include "sw/err.h"
#include "sw/import.h"
#include "sw/vocab.h"
#include "unit.h"

static const struct sw_column set = {"categories", NULL, SW_T_SET, "category", 0, 0, 0, NULL, NULL};
static const struct sw_column list = {"skills", NULL, SW_T_LIST, NULL, 0, 0, 0, NULL, NULL};

/* The words people write, each with the key it must mean (NULL: unknown). */
static void words(void)
{
	static const struct { const char *vocab, *in, *want; } w[] = {
		{"gender", "男性", "male"}, {"gender", "女性", "female"}, {"gender", "男士", NULL},
		{"division_level", "居委会", "village"}, {"division_level", "村委会", "village"},
		{"division_level", "社区居委会", "village"}, {"division_level", "村民委员会", "village"},
		{"division_level", "居民委员会", "village"}, {"division_level", "社区", "village"},
		{"division_level", "街道办事处", "township"}, {"division_level", "街道办", "township"},
		{"service_type", "入户探访", "visit"}, {"service_type", "入户走访", "visit"},
		{"service_type", "探访", "visit"}, {"service_type", "上门走访", "visit"},
		{"service_type", "上门探访", "visit"}, {"service_type", "电话回访", "phone"},
		{"service_type", "电话访问", "phone"}, {"service_type", "电话随访", "phone"},
		{"service_type", "电话联系", "phone"}, {"service_type", "个案面谈", "counselling"},
		{"service_type", "面谈辅导", "counselling"}, {"service_type", "个别面谈", "counselling"},
		{"service_type", "转介服务", "referral"}, {"service_type", "职业指导", "employment"},
		{"service_type", "就业帮扶", "employment"}, {"service_type", "其它", "other"},
		/* words whose key is not clear stay unknown */
		{"service_type", "心理疏导", NULL}, {"service_type", "陪同就医", NULL},
		{"service_type", "回访", NULL}, {"service_type", "入户", NULL},
		{"activity_kind", "小组工作", "group"}, {"activity_kind", "外展", "outreach"},
		{"activity_kind", "外展活动", "outreach"}, {"activity_kind", "培训班", "training"},
		{"activity_kind", "技能培训", "training"}, {"activity_kind", "培训活动", "training"},
		{"activity_kind", "宣传活动", NULL}, {"activity_kind", "招聘会/咨询会", "fair"},
		{"domain", "其它", "other"}, {"education", "中专/职高", "vocational"},
	};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		T_STR(sw_vocab_lookup(w[i].vocab, w[i].in), w[i].want, "%s \"%s\"", w[i].vocab, w[i].in);
}

/* The categories: every key with its label (the first alias) and words. */
static void categories(void)
{
	static const struct { const char *key, *label, *words; } c[] = {
		{"elderly", "老年人", "老人"}, {"child", "儿童", ""}, {"youth", "青少年", ""},
		{"women", "妇女", ""}, {"disabled", "残疾人", "残疾"},
		{"severe_disability", "重残", "重度残疾|重度残疾人"},
		{"low_income", "低保", "低保户|低保对象|低保家庭"},
		{"low_income_edge", "低边", "低保边缘|低边户|低保边缘户|低保边缘家庭"},
		{"extreme_poverty", "特困", "特困人员|特困供养|特困供养人员|五保户|五保对象"},
		{"expenditure_hardship", "支出型困难家庭", "支出型贫困家庭"},
		{"orphan", "孤儿", ""}, {"de_facto_orphan", "事实无人抚养儿童", "事实孤儿"},
		{"child_in_difficulty", "困境儿童", ""}, {"left_behind", "留守", "留守人员"},
		{"left_behind_child", "留守儿童", ""}, {"left_behind_elderly", "留守老人", ""},
		{"left_behind_women", "留守妇女", ""}, {"living_alone", "独居", "独居老人"},
		{"empty_nest", "空巢", "空巢老人"}, {"widowed_childless", "孤寡", "孤寡老人"},
		{"incapacitated", "失能", "失能老人|失能人员"},
		{"partly_incapacitated", "半失能", "半失能老人|半失能人员"},
		{"family_planning_special", "计生特殊家庭", "计划生育特殊家庭|失独家庭"},
		{"single_mother_hardship", "单身特困母亲", ""}, {"unemployed", "失业", "失业人员"},
		{"migrant", "流动人口", "外来务工"}, {"vagrant", "流浪乞讨", "流浪乞讨人员"},
		{"other", "其他", "其它"},
	};
	size_t n = sizeof c / sizeof c[0];
	for (size_t i = 0; i < n; i++) {
		T_STR(sw_vocab_lookup("category", c[i].key), c[i].key, "category key %s", c[i].key);
		T_STR(sw_vocab_label("category", c[i].key, 1), c[i].label, "label of %s", c[i].key);
		T_STR(sw_vocab_lookup("category", c[i].label), c[i].key, "\"%s\"", c[i].label);
		for (const char *p = c[i].words; *p;) {
			char w[64];
			size_t k = strcspn(p, "|");
			snprintf(w, sizeof w, "%.*s", (int)k, p);
			T_STR(sw_vocab_lookup("category", w), c[i].key, "\"%s\"", w);
			p += k + (p[k] == '|');
		}
		T_INT(sw_vocab_rank("category", c[i].key), (long long)i, "%s in its place", c[i].key);
	}
	char exp[1024];
	T_INT((long long)sw_vocab_expected("category", exp, sizeof exp), (long long)strlen(exp),
	      "the expected list returns its length");
	T_OK(strncmp(exp, "elderly, child, youth, women, disabled, severe_disability,", 58) == 0,
	     "the expected list in table order");
	char small[20];
	T_INT(sw_vocab_expected("category", small, sizeof small) >= sizeof small, 1,
	      "a short buffer: the length it needed");
	T_STR(small, "elderly, child", "whole keys only");
	/* a combined word that now names two keys is no single value */
	T_STR(sw_vocab_lookup("category", "独居/空巢"), NULL, "\"独居/空巢\" is not one key");
}

/* Sets split at any separator, spaces included; lists keep spaces. */
static void separators(void)
{
	static const char *const forms[] = {
		"低保、独居", "低保，独居", "低保,独居", "低保/独居", "低保／独居", "低保;独居",
		"低保；独居", "低保 独居", "低保\xe3\x80\x80独居", "低保  、 独居", "独居\n低保",
		"、低保、独居、",
	};
	char out[256], why[320];
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		/* (by number: two of them hold a line break) */
		T_INT(sw_column_norm(&set, forms[i], out, sizeof out, why, sizeof why), 0,
		      "set form %zu read", i);
		T_STR(out, "low_income;living_alone", "set form %zu", i);
	}
	sw_column_norm(&set, "独居/空巢", out, sizeof out, why, sizeof why);
	T_STR(out, "living_alone;empty_nest", "\"独居/空巢\" in a set: both keys");
	sw_column_norm(&set, "空巢老人", out, sizeof out, why, sizeof why);
	T_STR(out, "empty_nest", "空巢 is its own key");
	sw_column_norm(&set, "儿童;留守", out, sizeof out, why, sizeof why);
	T_STR(out, "child;left_behind", "留守 still the general key");
	sw_column_norm(&set, "留守儿童 困境儿童 孤儿", out, sizeof out, why, sizeof why);
	T_STR(out, "orphan;child_in_difficulty;left_behind_child", "a set in table order");

	static const struct { const char *in, *want; } l[] = {
		{"叉车/焊工", "叉车;焊工"}, {"安全生产 管理", "安全生产 管理"},
		{"Forklift Driver、电工", "forklift driver;电工"}, {"电工\n焊工；电工", "电工;焊工"},
	};
	for (size_t i = 0; i < sizeof l / sizeof l[0]; i++) {
		T_INT(sw_column_norm(&list, l[i].in, out, sizeof out, why, sizeof why), 0, "list read");
		T_STR(out, l[i].want, "list %zu", i);
	}
}

/* The unknown word's message, as an import and an option get it. */
static void unknown(void)
{
	static const struct sw_column cat = {"category", NULL, SW_T_VOCAB, "category", 0, 0, 0, NULL, NULL};
	static const struct sw_column level = {"level", NULL, SW_T_VOCAB, "level", 0, 0, 0, NULL, NULL};
	char out[256], why[320];
	T_INT(sw_column_norm(&set, "低保、困境家庭", out, sizeof out, why, sizeof why), -1,
	      "an unknown word refuses the set");
	T_STR(why, "unknown value \"困境家庭\" (expected a key or alias listed by sw-case vocab list "
	      "category; to accept it: sw-case vocab add category VALUE KEY)", "where to look, how to add");
	sw_column_norm(&level, "镇站", out, sizeof out, why, sizeof why);
	T_STR(why, "unknown value \"镇站\" (expected county, regional, township, village)",
	      "a closed vocabulary: the keys, no hint");
	char w[100];
	sw_column_norm(&cat, "困境家庭", out, sizeof out, w, sizeof w);
	T_STR(w, "unknown value \"困境家庭\" (expected a key or alias listed by sw-case vocab list "
	      "category)", "a short buffer drops the hint, never cuts the quotes");
	sw_column_norm(&set, "王\"桂兰", out, sizeof out, why, sizeof why);
	T_OK(strncmp(why, "unknown value \"王'桂兰\" (", 27) == 0,
	     "a quote in the word cannot end the quotes early");
	char longw[400] = "";
	for (int i = 0; i < 60; i++)
		strcat(longw, "住址");
	sw_column_norm(&set, longw, out, sizeof out, why, sizeof why);
	const char *end = strchr(why + 15, '"');
	T_OK(end && strncmp(end - 3, "…", 3) == 0 && strstr(why, "to accept it"),
	     "a long word is cut inside its quotes");
}

static void count_local(void *ctx, const char *vocab, const char *key, const char *alias, int local)
{
	(void)vocab, (void)key, (void)alias;
	*(int *)ctx += local;
}

/* A city's key, read back from the database and added in the process. */
static void local(void)
{
	char path[] = "/tmp/sw-unit-vocab.XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	sqlite3 *db = sw_db_open(path, SW_DB_CREATE);
	T_OK(db != NULL, "a new database opens");
	if (!db)
		return;
	sw_db_exec(db, "INSERT INTO vocab(vocab, alias, key) VALUES"
		   " ('category', '困境家庭', 'hardship_family'), ('category', '困境户', 'hardship_family'),"
		   " ('category', 'veteran', 'veteran'), ('level', '镇级站', 'township')");
	T_INT(sw_vocab_load(sw_store_of(db)), 0, "local words load");
	T_INT(sw_vocab_load(sw_store_of(db)), 0, "loading the same file again");
	const char *k = sw_vocab_lookup("category", "困境家庭");
	T_STR(k, "hardship_family", "the alias");
	T_OK(k && sw_vocab_lookup("category", "hardship_family") == k, "the new key is a word itself");
	T_STR(sw_vocab_lookup("category", "困境户"), "hardship_family", "a second alias");
	T_STR(sw_vocab_lookup("category", "veteran"), "veteran", "a key added as its own alias");
	T_STR(sw_vocab_lookup("level", "镇级站"), "township", "an alias of a closed vocabulary");
	T_STR(sw_vocab_lookup("domain", "hardship_family"), NULL, "only in its vocabulary");
	T_STR(sw_vocab_label("category", "hardship_family", 1), "困境家庭", "its label: the first word");
	char out[256], why[320];
	T_INT(sw_column_norm(&set, "hardship_family;低保", out, sizeof out, why, sizeof why), 0,
	      "the exported key imports");
	T_STR(out, "low_income;hardship_family", "local keys after the built-ins");
	char exp[1024];
	sw_vocab_expected("category", exp, sizeof exp);
	T_OK(strstr(exp, ", other, hardship_family, veteran") != NULL, "local keys listed once, last");

	int rows = 0;
	sw_vocab_each("category", count_local, &rows);
	T_INT(rows, 3 + 1, "listed: each local key once, then its aliases, once for a second load");

	char w[320];
	sw_db_begin(db);
	T_INT(sw_vocab_add(sw_store_of(db), "category", "重点困境家庭", "hardship_family", w, sizeof w), 0,
	      "add an alias by the new key");
	T_INT(sw_vocab_add(sw_store_of(db), "category", "退役军人", "veteran_family", w, sizeof w), 0,
	      "add a new key");
	T_STR(sw_vocab_lookup("category", "veteran_family"), "veteran_family",
	      "a key added now is a word at once");
	sw_vocab_expected("category", exp, sizeof exp);
	T_OK(strstr(exp, ", veteran, veteran_family") != NULL,
	     "and listed as expected at once (the list asked before is not kept)");
	T_INT(sw_vocab_add(sw_store_of(db), "category", "低保 户", "low_income", w, sizeof w), -1,
	      "an alias with a separator");
	T_STR(w, "\"低保 户\" holds a separator (; , 、 / or a space): a set would split it",
	      "says why");
	T_INT(sw_vocab_add(sw_store_of(db), "category", "hardship_family", "elderly", w, sizeof w), -1,
	      "the new key is taken as a word");
	T_STR(w, "\"hardship_family\" already means hardship_family", "says what it means");
	sw_db_commit(db);
	sw_db_close(db);
	unlink(path);
}

int main(void)
{
	sw_progname = "sw-case";
	sw_vocab_load(NULL);
	words();
	categories();
	separators();
	unknown();
	local();
	return T_DONE();
}
