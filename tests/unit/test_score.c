/* Scoring, weights, reasons, and indexed rankings against exhaustive ones. */
#include "sw/score.h"
#include "market.h"
#include "unit.h"

static void weights(void)
{
	static const struct { const char *in; int ok, sk, di, wa, ed; const char *why; } cases[] = {
		{"skills=50,district=25,wage=15,education=10", 0, 50, 25, 15, 10, NULL},
		{"district=0", 0, 50, 0, 15, 10, NULL},
		{"wage=40,skills=60", 0, 60, 25, 40, 10, NULL},
		{"skill=5", -1, 0, 0, 0, 0, "expected NAME=N with NAME one of skills, district, wage, education"},
		{"skills=x", -1, 0, 0, 0, 0, "skills: expected a whole number from 0 to 1000"},
		{"skills=-1", -1, 0, 0, 0, 0, "skills: expected a whole number from 0 to 1000"},
		{"skills=", -1, 0, 0, 0, 0, "skills: expected a whole number from 0 to 1000"},
		{"skills=0,district=0,wage=0,education=0", -1, 0, 0, 0, 0, "at least one weight must be above 0"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sw_weights w = sw_weights_default;
		char why[128] = "";
		int rc = sw_weights_parse(cases[i].in, &w, why, sizeof why);
		T_INT(rc, cases[i].ok, "weights \"%s\"", cases[i].in);
		if (rc == 0)
			T_OK(w.skills == cases[i].sk && w.district == cases[i].di && w.wage == cases[i].wa &&
			     w.education == cases[i].ed, "weights \"%s\" values", cases[i].in);
		else
			T_STR(why, cases[i].why, "weights \"%s\" reason", cases[i].in);
	}
}

/* One seeker against vacancies built to hit each rule. */
static void scores(void)
{
	struct sw_market *m = sw_market_new();
	struct sw_seeker s = {.id = "S1", .edu = 2, .wage = 5000, .needs_accessible = 0};
	sw_market_skills(m, "焊工;叉车;安全生产", &s.skills, &s.nskills, &s.mask);
	s.district = sw_market_district(m, "梅江镇");
	static const struct {
		const char *skills, *district;
		int edu, wmin, wmax, acc, needs, eligible, score;
		const char *reasons;
	} cases[] = {
		{"焊工;安全生产", "梅江镇", 2, 5000, 7000, 0, 0, 1, 1000,
		 "skills 2/2 (焊工, 安全生产); same district; wage meets wish; education fits"},
		{"焊工;电工", "梅江镇", 1, 4000, 6000, 0, 0, 1, 713,
		 "skills 1/2 (焊工); same district; wage in range; education fits"},
		{"焊工;电工", "石门镇", 0, 4000, 6000, 0, 0, 1, 413,
		 "skills 1/2 (焊工); other district; wage in range; over-qualified"},
		{"保洁", NULL, 0, 3000, 5000, 0, 0, 1, 125,
		 "skills 0/1; district unknown; wage in range; over-qualified"},
		{"焊工", "梅江镇", 3, 5000, 7000, 0, 0, 0, 0, NULL},	/* education below minimum */
		{"焊工", "梅江镇", 2, 3000, 4900, 0, 0, 0, 0, NULL},	/* wish above wage_max */
		{"焊工", "梅江镇", 2, 5000, 7000, 0, 1, 0, 0, NULL},	/* needs an accessible workplace */
		{"焊工", "梅江镇", 2, 5000, 7000, 1, 1, 1, 1000,
		 "skills 1/1 (焊工); same district; wage meets wish; education fits"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sw_vac v = {.id = "V1", .edu = cases[i].edu, .wage_min = cases[i].wmin,
				   .wage_max = cases[i].wmax, .accessible = cases[i].acc, .left = 1};
		sw_market_skills(m, cases[i].skills, &v.skills, &v.nskills, &v.mask);
		v.district = sw_market_district(m, cases[i].district);
		s.needs_accessible = cases[i].needs;
		T_INT(sw_eligible(&s, &v), cases[i].eligible, "case %zu eligibility", i);
		if (cases[i].eligible) {
			char r[256];
			T_INT(sw_score(m, &sw_weights_default, &s, &v), cases[i].score, "case %zu score", i);
			sw_score_reasons(m, &s, &v, r, sizeof r);
			T_STR(r, cases[i].reasons, "case %zu reasons", i);
		}
		free(v.skills);
	}
	free(s.skills);
	T_INT(sw_score_bound(&sw_weights_default), 250, "no skill, other district: at most 25.0");
	char buf[8];
	sw_score_fmt(1000, buf);
	T_STR(buf, "100.0", "score format");
	sw_score_fmt(5, buf);
	T_STR(buf, "0.5", "score format below 1");
	sw_market_free(m);
}

/* The index must give exactly what scoring every pair gives. */

/* 1 if the indexed and the exhaustive ranking of m differ; frees m. */
static int differ(struct sw_market *m, struct sw_rank_opts o)
{
	size_t n1, n2;
	struct sw_pick *a = sw_rank(m, &o, &n1, NULL);
	o.exhaustive = 1;
	struct sw_pick *b = sw_rank(m, &o, &n2, NULL);
	int d = n1 != n2 || memcmp(a, b, n1 * sizeof *a) != 0;
	free(a);
	free(b);
	sw_market_free(m);
	return d;
}
static void indexed(void)
{
	int bad = 0, runs = 300;
	for (int run = 0; run < runs; run++) {
		struct sw_market *m = rnd_market(1 + rnd(40), 1 + rnd(30), 3);
		struct sw_rank_opts o = {sw_weights_default, 1 + rnd(6), run % 2, 0, 0};
		if (run % 3 == 1)
			o.min_score = 100 * rnd(5);
		if (run % 5 == 2)
			o.w = (struct sw_weights){10, 0, 60, 30};
		bad += differ(m, o);
	}
	T_INT(bad, 0, "indexed and exhaustive rankings identical on %d random markets", runs);
}

/* Markets that reach the corners of the ranker's bounds: many skills and
 * long lists (past the table of full-fit scores), none at all, every
 * education, wages at and around the edges of a range, unknown
 * districts, weights with a zero; K from 1 to past the partners. */
static struct sw_market *wide_market(int ns, int nv, int nskill)
{
	struct sw_market *m = sw_market_new();
	char id[16], list[512];
	m->v = sw_xcalloc((size_t)nv + 1, sizeof *m->v);
	m->s = sw_xcalloc((size_t)ns + 1, sizeof *m->s);
	for (int i = 0; i < nv + ns; i++) {
		int n = rnd(10) == 0 ? 0 : rnd(8) == 0 ? 14 + rnd(6) : 1 + rnd(4);
		char used[64] = {0};	/* no repeats, as the import folds them */
		list[0] = 0;
		for (int k = 0; k < n; k++) {
			int x = rnd(nskill);
			if (used[x])
				continue;
			used[x] = 1;
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s技能%d", k ? ";" : "", x);
		}
		char d[16];
		snprintf(d, sizeof d, "D%d", rnd(4));
		if (i < nv) {
			struct sw_vac *v = &m->v[m->nv++];
			snprintf(id, sizeof id, "V%04d", i);
			v->id = sw_xstrdup(id);
			v->title = sw_xstrdup("岗位");
			v->employer = sw_xstrdup("E1");
			sw_market_skills(m, list, &v->skills, &v->nskills, &v->mask);
			v->edu = rnd(6) - 1;
			v->wage_min = 3000 + 100 * rnd(20);
			v->wage_max = v->wage_min + 100 * rnd(10);
			v->district = rnd(5) == 0 ? -1 : sw_market_district(m, d);
			v->left = 1;
			v->accessible = rnd(2);
		} else {
			struct sw_seeker *s = &m->s[m->ns++];
			snprintf(id, sizeof id, "S%04d", i - nv);
			s->id = sw_xstrdup(id);
			s->name = sw_xstrdup("某某");
			sw_market_skills(m, list, &s->skills, &s->nskills, &s->mask);
			s->edu = rnd(6);
			s->wage = rnd(6) == 0 ? -1 : 3000 + 100 * rnd(30);
			s->district = rnd(5) == 0 ? -1 : sw_market_district(m, d);
			s->needs_accessible = rnd(5) == 0;
		}
	}
	return m;
}

static void indexed_wide(void)
{
	static const struct sw_weights ws[] = {
		{50, 25, 15, 10}, {50, 0, 15, 10}, {10, 40, 0, 50}, {1, 1, 1, 1}, {100, 0, 0, 0}, {0, 0, 7, 3},
	};
	int bad = 0, runs = 240;
	long long p1 = 0, p2 = 0;
	for (int run = 0; run < runs; run++) {
		struct sw_market *m = wide_market(1 + rnd(120), 1 + rnd(90), 2 + rnd(40));
		struct sw_rank_opts o = {ws[run % 6], 1 + rnd(run % 4 == 0 ? 120 : 12), run % 2, 0, 0};
		if (run % 3 == 1)
			o.min_score = 50 * rnd(15);
		size_t n1, n2;
		long long a1, a2;
		struct sw_pick *a = sw_rank(m, &o, &n1, &a1);
		o.exhaustive = 1;
		struct sw_pick *b = sw_rank(m, &o, &n2, &a2);
		if (n1 != n2 || memcmp(a, b, n1 * sizeof *a) != 0)
			bad++;
		p1 += a1;
		p2 += a2;
		free(a);
		free(b);
		sw_market_free(m);
	}
	T_INT(bad, 0, "indexed and exhaustive rankings identical on %d wide markets", runs);
	T_OK(p1 < p2, "the index looks at fewer pairs (%lld of %lld)", p1, p2);
}

/* Wishes just above wage_min and ranges from 1 to very wide (few of
 * them, so that partial fits tie), so that
 * the ranker's integer bound on a partial wage fit (within a tenth of the
 * score, or exactly on one) is met at its edges; weights that make the
 * wage all or nothing of the score. */
static void indexed_wages(void)
{
	static const struct sw_weights ws[] = {
		{50, 25, 15, 10}, {0, 0, 1, 0}, {1, 0, 1000, 0}, {7, 3, 11, 0}, {0, 1, 2, 0},
	};
	int bad = 0, runs = 600;
	for (int run = 0; run < runs; run++) {
		struct sw_market *m = rnd_market(1 + rnd(60), 1 + rnd(60), 2);
		for (int i = 0; i < m->nv; i++) {
			static const int span[] = {1, 2, 3, 7, 10, 1001, 999999};
			m->v[i].wage_min = 3000 + rnd(2);
			m->v[i].wage_max = m->v[i].wage_min + span[rnd(run % 2 ? 5 : 7)];
		}
		for (int i = 0; i < m->ns; i++)
			m->s[i].wage = rnd(8) == 0 ? -1 : 3000 + rnd(10);
		struct sw_rank_opts o = {ws[run % 5], 1 + rnd(8), run % 2, 0, 0};
		if (run % 3 == 1)
			o.min_score = rnd(1000);
		bad += differ(m, o);
	}
	T_INT(bad, 0, "indexed and exhaustive rankings identical on %d markets with wages at the edges", runs);
}

/* A ranker asked more questions than its stamps of partners seen can
 * count: they start again from a wiped table. Seeker 0 and vacancy 0
 * share a skill and a district, seeker 1 and vacancy 1 others; seeker 0
 * is asked, then seeker 1 65,535 times, then seeker 0 again (its question
 * stamped as the first was, were the table not wiped), and on random
 * markets over and over: every answer the exhaustive one's. */
static void set_one(struct sw_market *m, int i, const char *skill, const char *district)
{
	struct sw_seeker *s = &m->s[i];
	struct sw_vac *v = &m->v[i];
	free(s->skills);
	free(v->skills);
	sw_market_skills(m, skill, &s->skills, &s->nskills, &s->mask);
	sw_market_skills(m, skill, &v->skills, &v->nskills, &v->mask);
	s->district = v->district = sw_market_district(m, district);
	s->edu = 3, v->edu = -1, s->wage = -1, s->needs_accessible = 0;
}

static int differs(struct sw_ranker *r, struct sw_ranker *e, int i, int k)
{
	struct sw_pick a[4], b[4];
	int n = sw_ranker_top(r, i, k, a);
	return n != sw_ranker_top(e, i, k, b) || memcmp(a, b, (size_t)n * sizeof *a) != 0;
}

static void many_questions(void)
{
	int bad = 0, asked = 0;
	struct sw_market *m = rnd_market(2, 2, 1);
	set_one(m, 0, "焊工", "梅江镇");
	set_one(m, 1, "叉车", "石门镇");
	struct sw_rank_opts o = {sw_weights_default, 1, 0, 0, 0}, x = o;
	x.exhaustive = 1;
	struct sw_ranker *r = sw_ranker_new(m, &o), *e = sw_ranker_new(m, &x);
	bad += differs(r, e, 0, 1);
	for (int q = 0; q < 65535; q++)
		bad += differs(r, e, 1, 1);
	bad += differs(r, e, 0, 1);
	asked += 65537;
	sw_ranker_free(r);
	sw_ranker_free(e);
	sw_market_free(m);
	for (int by_vacancy = 0; by_vacancy < 2; by_vacancy++) {
		m = rnd_market(40, 30, 3);
		o = (struct sw_rank_opts){sw_weights_default, 3, by_vacancy, 0, 0}, x = o;
		x.exhaustive = 1;
		r = sw_ranker_new(m, &o), e = sw_ranker_new(m, &x);
		for (int q = 0; q < 70000; q++, asked++)
			bad += differs(r, e, q % (by_vacancy ? m->nv : m->ns), 3);
		sw_ranker_free(r);
		sw_ranker_free(e);
		sw_market_free(m);
	}
	T_INT(bad, 0, "%d questions to rankers, past their 65,535 stamps: each answer the exhaustive one", asked);
}

int main(void)
{
	weights();
	scores();
	indexed();
	indexed_wide();
	indexed_wages();
	many_questions();
	return T_DONE();
}
