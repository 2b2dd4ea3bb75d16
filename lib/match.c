/* The job tables as import tables with their rules, and loading a market
 * from the database or from CSV files. */
#include <stdlib.h>
#include <string.h>

#include "sw/cli.h"
#include "sw/csvio.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/input.h"
#include "sw/layout.h"
#include "sw/match.h"
#include "sw/rowq.h"
#include "sw/store.h"
#include "sw/strset.h"
#include "sw/text.h"
#include "sw/valid.h"
#include "sw/vocab.h"

/* Column positions, as in the descriptors below. */
enum { E_ID, E_NAME, E_INDUSTRY, E_DISTRICT, E_CONTACT, E_PHONE, E_ACCESSIBLE, E_STATION,
       E_REGISTERED, E_NCOLS };
enum { V_ID, V_EMPLOYER, V_TITLE, V_SKILLS, V_EDU, V_WAGE_MIN, V_WAGE_MAX, V_DISTRICT,
       V_HEADCOUNT, V_ACCESSIBLE, V_POSTED, V_CLOSES, V_NCOLS };
enum { S_ID, S_CLIENT, S_NAME, S_SKILLS, S_EDU, S_WAGE, S_DISTRICT, S_DISABILITY,
       S_NEEDS_ACC, S_REGISTERED, S_STATION, S_WORKER, S_OUT_OF_WORK, S_NCOLS };
enum { P_SEEKER, P_VACANCY, P_STAGE, P_DATE, P_WORKER, P_NCOLS };

#define REQ (SW_C_REQUIRED | SW_C_NOTNULL)
#define WAGE_MAX 1000000

/* Rules between a vacancy's fields; no database needed. */
static int vacancy_rules(const char **v, char *why, size_t whylen)
{
	if (v[V_WAGE_MIN] && v[V_WAGE_MAX] && atoll(v[V_WAGE_MIN]) > atoll(v[V_WAGE_MAX])) {
		sw_msg(why, whylen, _("wage_max: %s is below wage_min %s"), v[V_WAGE_MAX], v[V_WAGE_MIN]);
		return -1;
	}
	if (v[V_POSTED] && v[V_CLOSES] && strcmp(v[V_CLOSES], v[V_POSTED]) < 0) {
		sw_msg(why, whylen, _("closes_on: %s is before posted_on %s"), v[V_CLOSES], v[V_POSTED]);
		return -1;
	}
	return 0;
}

/* A look-up that failed (the store said why): the row is refused, never
 * let through unchecked. */
static int check_failed(char *why, size_t whylen)
{
	sw_msg(why, whylen, "%s", _("the database failed while checking the row"));
	return -1;
}

static int check_vacancy(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	(void)im;
	return vacancy_rules(v, why, whylen);
}

/* A server stages an import's rows and stores them a chunk at a time
 * (sw_import_flush): the rules must see the rows before this one in the
 * file that they look at, those of the same seeker at the vacancy and,
 * for a hire, all at the vacancy. The rows passed since the last flush,
 * by seeker and vacancy (tag 1) and by vacancy (tag 0). */
static struct sw_strset staged;

static int check_placement(struct sw_import *im, const char **v, char *why, size_t whylen)
{
	char pair[512];
	snprintf(pair, sizeof pair, "%s\x1f%s", v[P_SEEKER], v[P_VACANCY]);
	int hire = strcmp(v[P_STAGE], "hired") == 0;
	if (sw_strset_get(&staged, 1, pair, sw_str_hash(pair)) >= 0 ||
	    (hire && sw_strset_get(&staged, 0, v[P_VACANCY], sw_str_hash(v[P_VACANCY])) >= 0)) {
		sw_strset_free(&staged);
		if (sw_import_flush(im) != 0)
			return check_failed(why, whylen);
	}
	sw_strset_put(&staged, 1, pair, sw_str_hash(pair), 0);
	sw_strset_put(&staged, 0, v[P_VACANCY], sw_str_hash(v[P_VACANCY]), 0);
	return sw_placement_check(sw_import_store(im), v[P_SEEKER], v[P_VACANCY], v[P_STAGE],
				  v[P_DATE], why, whylen);
}

static const struct sw_column employer_cols[] = {
	{"employer_id", "企业编号|单位编号|用人单位编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"name", "企业名称|单位名称|用人单位", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"industry", "行业|所属行业", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"district", "所在区域|所在乡镇|区域", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"contact", "联系人", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"phone", "联系电话|电话", SW_T_PHONE, NULL, 0, 0, 0, NULL, NULL},
	{"accessible", "无障碍|无障碍设施", SW_T_BOOL, NULL, 0, 0, 0, NULL, NULL},
	{"station_code", "站点编号|所属站点", SW_T_CODE, NULL, 0, 0, 0, "stations.code", "station"},
	{"registered_on", "入库日期|登记日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_employers_table = {
	"employers", "employer|企业|用人单位", employer_cols, E_NCOLS, NULL, NULL, 1
};

static const struct sw_column vacancy_cols[] = {
	{"vacancy_id", "岗位编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"employer_id", "企业编号|单位编号|用人单位编号", SW_T_CODE, NULL, REQ, 0, 0,
	 "employers.employer_id", "employer"},
	{"title", "岗位名称|岗位", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"skills", "技能要求|技能", SW_T_LIST, NULL, REQ, 0, 0, NULL, NULL},
	{"education_min", "学历要求|最低学历", SW_T_VOCAB, "education", 0, 0, 0, NULL, NULL},
	{"wage_min", "最低工资|工资下限|月薪下限", SW_T_INT, NULL, REQ, 0, WAGE_MAX, NULL, NULL},
	{"wage_max", "最高工资|工资上限|月薪上限", SW_T_INT, NULL, REQ, 0, WAGE_MAX, NULL, NULL},
	{"district", "工作地点|工作区域|区域", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"headcount", "招聘人数|人数", SW_T_INT, NULL, REQ, 1, 10000, NULL, NULL},
	{"accessible", "无障碍|无障碍岗位", SW_T_BOOL, NULL, 0, 0, 0, NULL, NULL},
	{"posted_on", "发布日期", SW_T_DATE, NULL, REQ, 0, 0, NULL, NULL},
	{"closes_on", "截止日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_vacancies_table = {
	"vacancies", "vacancy|岗位", vacancy_cols, V_NCOLS, check_vacancy, NULL, 0
};

static const struct sw_column seeker_cols[] = {
	{"seeker_id", "求职者编号|求职编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, NULL, NULL},
	{"client_id", "服务对象编号|对象编号", SW_T_CODE, NULL, 0, 0, 0, NULL, NULL},
	{"name", "姓名", SW_T_TEXT, NULL, REQ, 0, 0, NULL, NULL},
	{"skills", "技能|技能特长", SW_T_LIST, NULL, REQ, 0, 0, NULL, NULL},
	{"education", "学历|文化程度", SW_T_VOCAB, "education", REQ, 0, 0, NULL, NULL},
	{"desired_wage", "期望工资|期望月薪", SW_T_INT, NULL, 0, 0, WAGE_MAX, NULL, NULL},
	{"district", "居住区域|所在乡镇|区域", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"disability", "残疾类别|残疾情况", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"needs_accessible", "需要无障碍|无障碍需求", SW_T_BOOL, NULL, 0, 0, 0, NULL, NULL},
	{"registered_on", "登记日期", SW_T_DATE, NULL, 0, 0, 0, NULL, NULL},
	{"station_code", "站点编号|所属站点", SW_T_CODE, NULL, 0, 0, 0, "stations.code", "station"},
	{"worker_id", "就业辅导员|社工工号", SW_T_CODE, NULL, 0, 0, 0, "workers.worker_id", "worker"},
	{"out_of_work", "失业|待业|登记时失业", SW_T_BOOL, NULL, 0, 0, 0, NULL, NULL},
};
const struct sw_table sw_seekers_table = {
	"seekers", "seeker|求职者", seeker_cols, S_NCOLS, NULL, NULL, 1
};

static const struct sw_column placement_cols[] = {
	{"seeker_id", "求职者编号|求职编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, "seekers.seeker_id", "seeker"},
	{"vacancy_id", "岗位编号", SW_T_CODE, NULL, SW_C_KEY, 0, 0, "vacancies.vacancy_id", "vacancy"},
	{"stage", "阶段|进展", SW_T_VOCAB, "stage", SW_C_KEY, 0, 0, NULL, NULL},
	{"date", "日期", SW_T_DATE, NULL, REQ | SW_C_PERIOD, 0, 0, NULL, NULL},
	{"worker_id", "就业辅导员|社工工号", SW_T_CODE, NULL, 0, 0, 0, "workers.worker_id", "worker"},
};
const struct sw_table sw_placements_table = {
	"placements", "placement|跟踪|就业跟踪", placement_cols, P_NCOLS, check_placement, NULL, 1
};

/* Placement rules. */

static int stage_rank(const char *stage) { return sw_vocab_rank("stage", stage); }

void sw_match_add_months(const char *date, int n, char out[11])
{
	int month = atoi(date) * 12 + atoi(date + 5) - 1 + n;
	char first[32];
	snprintf(first, sizeof first, "%04d-%02d-01", month / 12, month % 12 + 1);
	sw_date_from_days(sw_date_days(first) + atoi(date + 8) - 1, out);
}

/* Stages before the job starts need the vacancy open on the date. */
static int check_open(struct sw_store *s, const char *vacancy, const char *date, char *why, size_t whylen)
{
	struct sw_stmt *st = sw_store_stmt(s,
		"SELECT posted_on, closes_on FROM vacancies WHERE vacancy_id = ?1"
		" AND NOT (posted_on <= ?2 AND (closes_on IS NULL OR closes_on >= ?2))");
	sw_stmt_bind_text(st, 1, vacancy);
	sw_stmt_bind_text(st, 2, date);
	int rc = sw_stmt_step(st);
	if (rc == SW_ROW) {
		const char *po = sw_stmt_text(st, 0), *cl = sw_stmt_text(st, 1);
		if (strcmp(date, po) < 0)
			sw_msg(why, whylen, _("vacancy_id: vacancy \"%s\" is not open on %s (posted on %s)"),
			       vacancy, date, po);
		else
			sw_msg(why, whylen, _("vacancy_id: vacancy \"%s\" is not open on %s (closed on %s)"),
			       vacancy, date, cl);
	}
	sw_stmt_release(st);
	return rc == SW_DONE ? 0 : rc == SW_ROW ? -1 : check_failed(why, whylen);
}

/* Stages of one seeker at one vacancy move forward in time. */
static int check_order(struct sw_store *s, const char *seeker, const char *vacancy, const char *stage,
		       const char *date, char *why, size_t whylen)
{
	struct sw_stmt *st = sw_store_stmt(s,
		"SELECT stage, date FROM placements WHERE seeker_id = ?1 AND vacancy_id = ?2"
		" AND stage <> ?3 ORDER BY date, stage");
	sw_stmt_bind_text(st, 1, seeker);
	sw_stmt_bind_text(st, 2, vacancy);
	sw_stmt_bind_text(st, 3, stage);
	int r = stage_rank(stage), hired = 0, rc = 0, step;
	while (rc == 0 && (step = sw_stmt_step(st)) == SW_ROW) {
		const char *os = sw_stmt_text(st, 0), *od = sw_stmt_text(st, 1);
		int orank = stage_rank(os), c = strcmp(od, date);
		if ((orank < r && c > 0) || (orank > r && c < 0)) {
			char said[64];	/* the stages in the admin's words */
			snprintf(said, sizeof said, "%s", sw_vocab_label("stage", stage, sw_i18n_zh()));
			sw_msg(why, whylen, _("stage: %s on %s goes backwards from %s on %s"),
			       said, date, sw_vocab_label("stage", os, sw_i18n_zh()), od);
			rc = -1;
		}
		if (strcmp(os, "hired") == 0 && c <= 0)
			hired = 1;
	}
	sw_stmt_release(st);
	if (rc == 0 && step != SW_DONE)
		return check_failed(why, whylen);
	if (rc == 0 && r > stage_rank("hired") && !hired) {
		sw_msg(why, whylen, _("stage: %s needs a hire recorded on or before %s"),
		       sw_vocab_label("stage", stage, sw_i18n_zh()), date);
		rc = -1;
	}
	return rc;
}

/* A hire uses up one of the headcount: others in work there on the date,
 * or on any later hire's date (a hire entered late must not overbook the
 * jobs already recorded after it). */
static int check_headcount(struct sw_store *s, const char *seeker, const char *vacancy, const char *date,
			   char *why, size_t whylen)
{
	struct sw_stmt *st = sw_store_stmt(s,
		"SELECT v.headcount, x.n, x.at FROM vacancies v, (SELECT d.at, (SELECT count(DISTINCT p.seeker_id)"
		"  FROM placements p WHERE p.vacancy_id = ?2 AND p.seeker_id <> ?1"
		"  AND p.stage IN " SW_STAGE_IN_WORK " AND p.date <= d.at"
		"  AND NOT EXISTS (SELECT 1 FROM placements q WHERE q.seeker_id = p.seeker_id"
		"   AND q.vacancy_id = p.vacancy_id AND q.stage = 'ended' AND q.date <= d.at)) AS n"
		"  FROM (SELECT ?3 AS at UNION SELECT date FROM placements WHERE vacancy_id = ?2"
		"   AND stage = 'hired' AND date > ?3) d) x"
		" WHERE v.vacancy_id = ?2 ORDER BY x.n DESC, x.at LIMIT 1");
	sw_stmt_bind_text(st, 1, seeker);
	sw_stmt_bind_text(st, 2, vacancy);
	sw_stmt_bind_text(st, 3, date);
	int step = sw_stmt_step(st), rc = step == SW_ROW || step == SW_DONE ? 0 : check_failed(why, whylen);
	if (step == SW_ROW && sw_stmt_int64(st, 1) >= sw_stmt_int64(st, 0)) {
		const char *at = sw_stmt_text(st, 2);
		int n = (int)sw_stmt_int64(st, 1), of = (int)sw_stmt_int64(st, 0);
		if (strcmp(at, date) != 0)
			sw_msg(why, whylen, _("vacancy_id: no headcount left at vacancy \"%s\" (%d of %d hired "
			       "on %s)"), vacancy, n, of, at);
		else
			sw_msg(why, whylen, _("vacancy_id: no headcount left at vacancy \"%s\" (%d of %d "
			       "hired)"), vacancy, n, of);
		rc = -1;
	}
	sw_stmt_release(st);
	return rc;
}

static void retention_early(const char *hire, const char *stage, const char *date, const char *due,
			    char *why, size_t whylen)
{
	sw_msg(why, whylen, _("date: %s on %s is less than %c months after the hire on %s (due %s)"),
	       sw_vocab_label("stage", stage, sw_i18n_zh()), date, stage[9], hire, due);
}

/* A retention is recorded once its months have passed since the hire
 * (on the day due lists it, or later); a hire (re)dated later must keep
 * the retentions already recorded that far from it. (One hire per seeker
 * and vacancy: the stage is in the key.) */
static int check_retention(struct sw_store *s, const char *seeker, const char *vacancy, const char *stage,
			   const char *date, char *why, size_t whylen)
{
	char due[11];
	if (strcmp(stage, "hired") == 0) {
		struct sw_stmt *st = sw_store_stmt(s,
			"SELECT stage, date FROM placements WHERE seeker_id = ?1 AND vacancy_id = ?2"
			" AND stage IN ('retained_3m', 'retained_6m') ORDER BY date, stage");
		sw_stmt_bind_text(st, 1, seeker);
		sw_stmt_bind_text(st, 2, vacancy);
		int rc = 0, step;
		while (rc == 0 && (step = sw_stmt_step(st)) == SW_ROW) {
			const char *rs = sw_stmt_text(st, 0), *rd = sw_stmt_text(st, 1);
			sw_match_add_months(date, rs[9] - '0', due);
			if (strcmp(rd, due) < 0) {
				retention_early(date, rs, rd, due, why, whylen);
				rc = -1;
			}
		}
		sw_stmt_release(st);
		return rc == 0 && step != SW_DONE ? check_failed(why, whylen) : rc;
	}
	if (strcmp(stage, "retained_3m") != 0 && strcmp(stage, "retained_6m") != 0)
		return 0;
	char hire[11];
	const char *p[] = {seeker, vacancy, date};
	int found = sw_store_text(s, "SELECT date FROM placements WHERE seeker_id = ?1 AND vacancy_id = ?2"
				  " AND stage = 'hired' AND date <= ?3", 3, p, hire, sizeof hire);
	if (found < 0)
		return check_failed(why, whylen);
	if (!found)
		return 0;
	sw_match_add_months(hire, stage[9] - '0', due);
	if (strcmp(date, due) >= 0)
		return 0;
	retention_early(hire, stage, date, due, why, whylen);
	return -1;
}

int sw_placement_check(struct sw_store *s, const char *seeker, const char *vacancy, const char *stage,
		       const char *date, char *why, size_t whylen)
{
	int r = stage_rank(stage);
	if (r <= stage_rank("hired") && check_open(s, vacancy, date, why, whylen) != 0)
		return -1;
	if (check_order(s, seeker, vacancy, stage, date, why, whylen) != 0)
		return -1;
	if (check_retention(s, seeker, vacancy, stage, date, why, whylen) != 0)
		return -1;
	if (r == stage_rank("hired") && check_headcount(s, seeker, vacancy, date, why, whylen) != 0)
		return -1;
	return 0;
}

/* Interning of skill and district names: open addressing over the names. */

struct names {
	char ***list;		/* the market's array, grown here */
	int *n, cap;
	int *slot;		/* -1 or index into *list */
	size_t nslot;
};

struct mpriv {
	struct names skills, districts;
	struct { char key[24]; int rank; } edu[16];	/* education keys seen */
	int nedu;
};

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void names_grow(struct names *t)
{
	free(t->slot);
	t->nslot = t->nslot ? t->nslot * 2 : 64;
	t->slot = sw_xmalloc(t->nslot * sizeof *t->slot);
	for (size_t i = 0; i < t->nslot; i++)
		t->slot[i] = -1;
	for (int i = 0; i < *t->n; i++) {
		size_t h = name_hash((*t->list)[i]) & (t->nslot - 1);
		while (t->slot[h] >= 0)
			h = (h + 1) & (t->nslot - 1);
		t->slot[h] = i;
	}
}

static int names_get(struct names *t, const char *s)
{
	if ((size_t)*t->n * 2 >= t->nslot)
		names_grow(t);
	size_t h = name_hash(s) & (t->nslot - 1);
	for (; t->slot[h] >= 0; h = (h + 1) & (t->nslot - 1))
		if (strcmp((*t->list)[t->slot[h]], s) == 0)
			return t->slot[h];
	if (*t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		*t->list = sw_xrealloc(*t->list, (size_t)t->cap * sizeof **t->list);
	}
	(*t->list)[*t->n] = sw_xstrdup(s);
	t->slot[h] = *t->n;
	return (*t->n)++;
}

struct sw_market *sw_market_new(void)
{
	struct sw_market *m = sw_xcalloc(1, sizeof *m);
	struct mpriv *p = sw_xcalloc(1, sizeof *p);
	p->skills.list = &m->skill;
	p->skills.n = &m->nskill;
	p->districts.list = &m->district;
	p->districts.n = &m->ndistrict;
	m->priv = p;
	return m;
}

int sw_market_skill(struct sw_market *m, const char *name)
{
	return names_get(&((struct mpriv *)m->priv)->skills, name);
}

int sw_market_district(struct sw_market *m, const char *name)
{
	return name && *name ? names_get(&((struct mpriv *)m->priv)->districts, name) : -1;
}

static int cmp_int(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

void sw_market_skills(struct sw_market *m, const char *list, int **out, int *n, uint64_t *mask)
{
	int cap = 4, k = 0;
	int *sk = sw_xmalloc((size_t)cap * sizeof *sk);
	char word[256];
	*mask = 0;
	while (sw_list_next(&list, word, sizeof word)) {
		if (!*word)	/* empty, or too long to be a skill */
			continue;
		if (k == cap)
			sk = sw_xrealloc(sk, (size_t)(cap *= 2) * sizeof *sk);
		sk[k++] = sw_market_skill(m, word);
	}
	qsort(sk, (size_t)k, sizeof *sk, cmp_int);
	int u = 0;	/* a skill named twice counts once */
	for (int i = 0; i < k; i++)
		if (i == 0 || sk[i] != sk[i - 1])
			sk[u++] = sk[i];
	for (int i = 0; i < u; i++)
		*mask |= (uint64_t)1 << (sk[i] & 63);
	*out = sk;
	*n = u;
}

/* The rank of an education key; -1 when not given. The few keys there
 * are get remembered: every row asks. */
static int edu_rank(struct sw_market *m, const char *key)
{
	struct mpriv *p = m->priv;
	if (!key)
		return -1;
	for (int i = 0; i < p->nedu; i++)
		if (strcmp(p->edu[i].key, key) == 0)
			return p->edu[i].rank;
	int r = sw_vocab_rank("education", key);
	if (p->nedu < (int)(sizeof p->edu / sizeof p->edu[0]) && strlen(key) < sizeof p->edu[0].key) {
		strcpy(p->edu[p->nedu].key, key);
		p->edu[p->nedu++].rank = r;
	}
	return r;
}

/* Appends a vacancy from values in table column order. */
static void add_vac(struct sw_market *m, const char **v, int *cap)
{
	if (m->nv == *cap)
		m->v = sw_xrealloc(m->v, (size_t)(*cap = *cap ? *cap * 2 : 256) * sizeof *m->v);
	struct sw_vac *x = &m->v[m->nv++];
	memset(x, 0, sizeof *x);
	x->id = sw_xstrdup(v[V_ID]);
	x->title = sw_xstrdup(v[V_TITLE] ? v[V_TITLE] : "");
	x->employer = sw_xstrdup(v[V_EMPLOYER] ? v[V_EMPLOYER] : "");
	sw_market_skills(m, v[V_SKILLS], &x->skills, &x->nskills, &x->mask);
	x->edu = edu_rank(m, v[V_EDU]);
	x->wage_min = v[V_WAGE_MIN] ? atoi(v[V_WAGE_MIN]) : 0;
	x->wage_max = v[V_WAGE_MAX] ? atoi(v[V_WAGE_MAX]) : WAGE_MAX;
	x->district = sw_market_district(m, v[V_DISTRICT]);
	x->left = v[V_HEADCOUNT] ? atoi(v[V_HEADCOUNT]) : 1;
	x->accessible = v[V_ACCESSIBLE] && atoi(v[V_ACCESSIBLE]);
}

static void add_seeker(struct sw_market *m, const char **v, int *cap)
{
	if (m->ns == *cap)
		m->s = sw_xrealloc(m->s, (size_t)(*cap = *cap ? *cap * 2 : 256) * sizeof *m->s);
	struct sw_seeker *x = &m->s[m->ns++];
	memset(x, 0, sizeof *x);
	x->id = sw_xstrdup(v[S_ID]);
	x->name = sw_xstrdup(v[S_NAME] ? v[S_NAME] : "");
	sw_market_skills(m, v[S_SKILLS], &x->skills, &x->nskills, &x->mask);
	x->edu = edu_rank(m, v[S_EDU]);
	x->edu = x->edu < 0 ? 0 : x->edu;
	x->wage = v[S_WAGE] ? atoi(v[S_WAGE]) : -1;
	x->district = sw_market_district(m, v[S_DISTRICT]);
	x->needs_accessible = v[S_NEEDS_ACC] && atoi(v[S_NEEDS_ACC]);
}

static int cmp_vac(const void *a, const void *b)
{
	return strcmp(((const struct sw_vac *)a)->id, ((const struct sw_vac *)b)->id);
}

static int cmp_seeker(const void *a, const void *b)
{
	return strcmp(((const struct sw_seeker *)a)->id, ((const struct sw_seeker *)b)->id);
}

void sw_market_sort(struct sw_market *m)
{
	qsort(m->v, (size_t)m->nv, sizeof *m->v, cmp_vac);
	qsort(m->s, (size_t)m->ns, sizeof *m->s, cmp_seeker);
}

void sw_market_free(struct sw_market *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nv; i++) {
		free(m->v[i].id);
		free(m->v[i].title);
		free(m->v[i].employer);
		free(m->v[i].skills);
	}
	for (int i = 0; i < m->ns; i++) {
		free(m->s[i].id);
		free(m->s[i].name);
		free(m->s[i].skills);
	}
	for (int i = 0; i < m->nskill; i++)
		free(m->skill[i]);
	for (int i = 0; i < m->ndistrict; i++)
		free(m->district[i]);
	struct mpriv *p = m->priv;
	free(p->skills.slot);
	free(p->districts.slot);
	free(p);
	free(m->skill);
	free(m->district);
	free(m->v);
	free(m->s);
	free(m);
}

/* Reads rows of st (columns in table order) into the market: SW_DONE, or
 * -1 (printed). */
static int load_rows(struct sw_stmt *st, int ncols, struct sw_market *m,
		     void (*add)(struct sw_market *, const char **, int *))
{
	const char *v[16];
	int cap = 0, rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		for (int i = 0; i < ncols; i++)
			v[i] = sw_stmt_text(st, i);
		add(m, v, &cap);
	}
	return rc;
}

int sw_market_read(struct sw_store *s)
{
	return sw_store_exec(s, sw_store_kind(s) == SW_STORE_PG
			     ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
}

void sw_market_read_end(struct sw_store *s)
{
	sw_store_exec(s, "COMMIT");
}

/* The vacancies open on ?1 with headcount left (the jobs held there
 * counted once per vacancy), and the seekers registered by then and not
 * in work. */
static const char vacancies_sql[] =
	"WITH " SW_INWORK_CTE("?1") ","
	" taken(vacancy_id, n) AS (SELECT vacancy_id, count(*) FROM inwork GROUP BY vacancy_id)"
	" SELECT v.vacancy_id, v.employer_id, v.title, v.skills, v.education_min,"
	"  v.wage_min, v.wage_max, coalesce(v.district, e.district),"
	"  v.headcount - coalesce(t.n, 0), v.accessible, v.posted_on, v.closes_on"
	" FROM vacancies v JOIN employers e ON e.employer_id = v.employer_id"
	" LEFT JOIN taken t ON t.vacancy_id = v.vacancy_id"
	" WHERE v.posted_on <= ?1 AND (v.closes_on IS NULL OR v.closes_on >= ?1)"
	"  AND v.headcount - coalesce(t.n, 0) > 0";
static const char seekers_sql[] =
	"WITH " SW_INWORK_CTE("?1")
	" SELECT seeker_id, client_id, name, skills, education, desired_wage, district,"
	"  disability, needs_accessible, registered_on FROM seekers s"
	" WHERE (registered_on IS NULL OR registered_on <= ?1)"
	"   AND NOT EXISTS (SELECT 1 FROM inwork i WHERE i.seeker_id = s.seeker_id)";

struct sw_market *sw_market_from_db(struct sw_store *s, const char *date)
{
	if (sw_market_read(s) != 0)
		return NULL;
	struct sw_market *m = sw_market_new();
	struct sw_stmt *st = sw_store_prep(s, vacancies_sql);
	sw_stmt_bind_text(st, 1, date);
	int rc = load_rows(st, V_NCOLS, m, add_vac);
	sw_stmt_finalize(st);
	if (rc == SW_DONE) {
		st = sw_store_prep(s, seekers_sql);
		sw_stmt_bind_text(st, 1, date);
		rc = load_rows(st, S_REGISTERED + 1, m, add_seeker);
		sw_stmt_finalize(st);
	}
	if (rc != SW_DONE) {
		sw_market_free(m);
		return NULL;
	}
	sw_market_read_end(s);
	sw_market_sort(m);
	return m;
}

struct reading {
	struct sw_market *m;
	const struct sw_table *t;
	const char *date;
	int cap;
};

/* A row of --seekers or --vacancies into the market; a vacancy open on
 * the date only. */
static int market_row(void *ctx, const char *fname, long line, const char **v)
{
	struct reading *r = ctx;
	char why[1400], msg[2800];
	if (r->t == &sw_vacancies_table && vacancy_rules(v, why, sizeof why) != 0) {
		sw_error_at(fname, line, "%s", sw_problems_line(why, msg, sizeof msg));
		return 1;
	}
	if (r->t == &sw_seekers_table)
		add_seeker(r->m, v, &r->cap);
	else if (strcmp(v[V_POSTED], r->date) <= 0 && (!v[V_CLOSES] || strcmp(v[V_CLOSES], r->date) >= 0))
		add_vac(r->m, v, &r->cap);
	return 0;
}

/* Reads one file of table t into m (sw_table_rows). Returns 0, 1 if rows
 * were bad (printed), 3 if the file cannot be read. */
static int read_file(struct sw_market *m, const struct sw_table *t, const char *path,
		     const char *date, const struct sw_input_opts *o)
{
	struct reading r = {m, t, date, 0};
	return sw_table_rows(path, t, o, market_row, &r);
}

/* Ids must be unique within a file: the first repeat is named. */
static int dup_id(const char *path, const char *what, const char *a, const char *b)
{
	if (strcmp(a, b) != 0)
		return 0;
	sw_error_at(path, 0, _("%s: \"%s\" given twice"), what, a);
	return 1;
}

struct sw_market *sw_market_from_csv(const char *seekers, const char *vacancies,
				     const char *date, const struct sw_input_opts *o, int *status)
{
	struct sw_market *m = sw_market_new();
	int a = read_file(m, &sw_seekers_table, seekers, date, o);
	int b = a == 3 ? 3 : read_file(m, &sw_vacancies_table, vacancies, date, o);
	*status = a > b ? a : b;
	if (*status == 0) {
		sw_market_sort(m);
		for (int i = 1; i < m->ns && !*status; i++)
			*status = dup_id(seekers, "seeker_id", m->s[i - 1].id, m->s[i].id);
		for (int i = 1; i < m->nv && !*status; i++)
			*status = dup_id(vacancies, "vacancy_id", m->v[i - 1].id, m->v[i].id);
	}
	if (*status) {
		sw_market_free(m);
		return NULL;
	}
	return m;
}
