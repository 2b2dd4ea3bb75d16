/* Scoring pairs, the reasons in words, and top-K rankings through an index
 * of skills and districts (or, with --exhaustive, over every pair). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/score.h"

const struct sw_weights sw_weights_default = {50, 25, 15, 10};

int sw_weights_parse(const char *s, struct sw_weights *w, char *why, size_t whylen)
{
	static const char *const names[] = {"skills", "district", "wage", "education"};
	int *slot[] = {&w->skills, &w->district, &w->wage, &w->education};
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, ",");
		const char *eq = memchr(p, '=', n);
		int i = 0;
		while (eq && i < 4 && (strlen(names[i]) != (size_t)(eq - p) || strncmp(p, names[i], (size_t)(eq - p)) != 0))
			i++;
		char *end;
		long v = eq ? strtol(eq + 1, &end, 10) : 0;
		if (!eq || i == 4) {
			sw_msg(why, whylen, "expected NAME=N with NAME one of skills, district, wage, education");
			return -1;
		}
		if (end != p + n || end == eq + 1 || v < 0 || v > 1000) {
			sw_msg(why, whylen, "%s: expected a whole number from 0 to 1000", names[i]);
			return -1;
		}
		*slot[i] = (int)v;
		p += n + (p[n] == ',');
	}
	if (w->skills + w->district + w->wage + w->education == 0) {
		sw_msg(why, whylen, "at least one weight must be above 0");
		return -1;
	}
	return 0;
}

int sw_eligible(const struct sw_seeker *s, const struct sw_vac *v)
{
	return s->edu >= v->edu && (!s->needs_accessible || v->accessible) && s->wage <= v->wage_max;
}

/* Number of the vacancy's skills the seeker has; both lists are sorted. */
static int covered(const struct sw_seeker *s, const struct sw_vac *v)
{
	if (!(s->mask & v->mask))
		return 0;
	int i = 0, j = 0, c = 0;
	while (i < s->nskills && j < v->nskills) {
		if (s->skills[i] == v->skills[j])
			c++, i++, j++;
		else if (s->skills[i] < v->skills[j])
			i++;
		else
			j++;
	}
	return c;
}

static double wage_fit(const struct sw_seeker *s, const struct sw_vac *v)
{
	if (s->wage <= v->wage_min)	/* also no wish (-1) */
		return 1.0;
	return 0.5 + 0.5 * (double)(v->wage_max - s->wage) / (double)(v->wage_max - v->wage_min);
}

static double edu_fit(const struct sw_seeker *s, const struct sw_vac *v)
{
	return v->edu < 0 || s->edu - v->edu <= 1 ? 1.0 : 0.5;
}

static int total(const struct sw_weights *w)
{
	return w->skills + w->district + w->wage + w->education;
}

int sw_score(const struct sw_market *m, const struct sw_weights *w,
	     const struct sw_seeker *s, const struct sw_vac *v)
{
	(void)m;
	double f = w->wage * wage_fit(s, v) + w->education * edu_fit(s, v);
	if (v->nskills)
		f += w->skills * (double)covered(s, v) / v->nskills;
	if (s->district >= 0 && s->district == v->district)
		f += w->district;
	return (int)(f * SW_SCORE_MAX / total(w) + 0.5);
}

int sw_score_bound(const struct sw_weights *w)
{
	return (int)((double)(w->wage + w->education) * SW_SCORE_MAX / total(w) + 0.5);
}

void sw_score_fmt(int score, char buf[8])
{
	snprintf(buf, 8, "%d.%d", score / 10 % 1000, score % 10);
}

void sw_score_reasons(const struct sw_market *m, const struct sw_seeker *s,
		      const struct sw_vac *v, char *buf, size_t n)
{
	size_t len = 0;
#define PUT(...) do { int k_ = snprintf(buf + len, n - len, __VA_ARGS__); \
	if (k_ > 0) len = (size_t)k_ < n - len ? len + (size_t)k_ : n - 1; } while (0)
	PUT("skills %d/%d", covered(s, v), v->nskills);
	const char *sep = " (";
	for (int i = 0, j = 0; i < s->nskills && j < v->nskills;) {
		if (s->skills[i] == v->skills[j]) {
			PUT("%s%s", sep, m->skill[v->skills[j]]);
			sep = ", ";
			i++, j++;
		} else if (s->skills[i] < v->skills[j])
			i++;
		else
			j++;
	}
	if (*sep == ',')
		PUT(")");
	if (s->district < 0 || v->district < 0)
		PUT("; district unknown");
	else
		PUT("; %s district", s->district == v->district ? "same" : "other");
	PUT("; %s", s->wage < 0 ? "no wage wish" : s->wage <= v->wage_min ? "wage meets wish"
		: "wage in range");
	PUT("; %s", edu_fit(s, v) == 1.0 ? "education fits" : "over-qualified");
#undef PUT
}

/* The ranker. Items are the side asked about (seekers, or vacancies with
 * by_vacancy); partners the other side, indexed by skill and district. */
struct sw_ranker {
	const struct sw_market *m;
	struct sw_rank_opts o;
	int np;			/* partners */
	int *sk_off, *sk;	/* skill -> partners (CSR) */
	int *di_off, *di;	/* district -> partners */
	int *stamp, cur;	/* partners already seen for the current item */
	int bound;		/* best score with no common skill, other district */
	long long pairs;	/* pairs looked at so far */
};

long long sw_ranker_pairs(const struct sw_ranker *r) { return r->pairs; }

/* Compressed lists key -> partners: off has nkeys + 1 entries. */
static void build_csr(int nkeys, int np, const int *const *keys, const int *nk, int **off_out,
		      int **list_out)
{
	int *off = sw_xcalloc((size_t)nkeys + 2, sizeof *off);
	for (int p = 0; p < np; p++)
		for (int i = 0; i < nk[p]; i++)
			off[keys[p][i] + 2]++;
	for (int k = 0; k < nkeys; k++)
		off[k + 2] += off[k + 1];
	int *list = sw_xmalloc(((size_t)off[nkeys + 1] + 1) * sizeof *list);
	for (int p = 0; p < np; p++)
		for (int i = 0; i < nk[p]; i++)
			list[off[keys[p][i] + 1]++] = p;
	*off_out = off;
	*list_out = list;
}

/* Partners by the skill fit they allow: vacancies with fewer skills (a
 * match covers more of them), seekers with more; then by index. */
static int cmp_fit(const void *a, const void *b, void *ctx)
{
	const struct sw_ranker *r = ctx;
	int x = *(const int *)a, y = *(const int *)b, kx, ky;
	if (r->o.by_vacancy)
		kx = -r->m->s[x].nskills, ky = -r->m->s[y].nskills;
	else
		kx = r->m->v[x].nskills, ky = r->m->v[y].nskills;
	return kx != ky ? (kx > ky) - (kx < ky) : (x > y) - (x < y);
}

/* The best score item i can get with partner j in another district: all
 * the skills the smaller list allows, full wage and education fit. Same
 * arithmetic as sw_score, so never below it. */
static int bound_other(const struct sw_ranker *r, int i, int j)
{
	const struct sw_weights *w = &r->o.w;
	int ns = r->o.by_vacancy ? r->m->s[j].nskills : r->m->s[i].nskills;
	int nv = r->o.by_vacancy ? r->m->v[i].nskills : r->m->v[j].nskills;
	double f = w->wage * 1.0 + w->education * 1.0;
	if (nv)
		f += w->skills * (double)(ns < nv ? ns : nv) / nv;
	return (int)(f * SW_SCORE_MAX / total(w) + 0.5);
}

struct sw_ranker *sw_ranker_new(const struct sw_market *m, const struct sw_rank_opts *o)
{
	struct sw_ranker *r = sw_xcalloc(1, sizeof *r);
	r->m = m;
	r->o = *o;
	r->np = o->by_vacancy ? m->ns : m->nv;
	r->bound = sw_score_bound(&o->w);
	r->stamp = sw_xcalloc((size_t)r->np + 1, sizeof *r->stamp);
	if (o->exhaustive)
		return r;
	const int **keys = sw_xcalloc((size_t)r->np + 1, sizeof *keys);
	int *nk = sw_xcalloc((size_t)r->np + 1, sizeof *nk);
	const int **dkeys = sw_xcalloc((size_t)r->np + 1, sizeof *dkeys);
	int *ndk = sw_xcalloc((size_t)r->np + 1, sizeof *ndk);
	for (int p = 0; p < r->np; p++) {
		if (o->by_vacancy) {
			keys[p] = m->s[p].skills, nk[p] = m->s[p].nskills;
			dkeys[p] = &m->s[p].district;
		} else {
			keys[p] = m->v[p].skills, nk[p] = m->v[p].nskills;
			dkeys[p] = &m->v[p].district;
		}
		ndk[p] = *dkeys[p] >= 0;
	}
	build_csr(m->nskill, r->np, keys, nk, &r->sk_off, &r->sk);
	/* Each skill's partners, the best possible skill fit first, so that a
	 * scan can stop where the rest cannot reach the K-th score. */
	for (int k = 0; k < m->nskill; k++)
		qsort_r(r->sk + r->sk_off[k], (size_t)(r->sk_off[k + 1] - r->sk_off[k]), sizeof *r->sk,
			cmp_fit, r);
	build_csr(m->ndistrict, r->np, dkeys, ndk, &r->di_off, &r->di);
	free(keys);
	free(nk);
	free(dkeys);
	free(ndk);
	return r;
}

void sw_ranker_free(struct sw_ranker *r)
{
	if (!r)
		return;
	free(r->sk_off);
	free(r->sk);
	free(r->di_off);
	free(r->di);
	free(r->stamp);
	free(r);
}

/* Top-k kept sorted, best first: higher score, then lower partner index. */
struct topk {
	struct sw_pick *a;
	int n, k, by_vacancy;
};

static int partner(const struct topk *t, const struct sw_pick *p)
{
	return t->by_vacancy ? p->s : p->v;
}

static void topk_add(struct topk *t, struct sw_pick p)
{
	int n = t->n, pp = partner(t, &p);
	if (n == t->k) {
		const struct sw_pick *last = &t->a[n - 1];
		if (p.score < last->score || (p.score == last->score && pp > partner(t, last)))
			return;
		n--;
	}
	int i = n;
	while (i > 0 && (t->a[i - 1].score < p.score ||
			 (t->a[i - 1].score == p.score && partner(t, &t->a[i - 1]) > pp))) {
		t->a[i] = t->a[i - 1];
		i--;
	}
	t->a[i] = p;
	t->n = n + 1;
}

/* Visits partner j of item i: the pick when eligible and scoring enough. */
static inline int pair(struct sw_ranker *r, int i, int j, struct sw_pick *p)
{
	const struct sw_market *m = r->m;
	p->s = r->o.by_vacancy ? j : i;
	p->v = r->o.by_vacancy ? i : j;
	r->pairs++;
	if (!sw_eligible(&m->s[p->s], &m->v[p->v]))
		return 0;
	p->score = sw_score(m, &r->o.w, &m->s[p->s], &m->v[p->v]);
	return p->score >= r->o.min_score;
}

/* Calls visit for each partner of i sharing a skill or the district. */
#define EACH_CANDIDATE(r, i, j, body) do { \
	const int *sk_ = (r)->o.by_vacancy ? (r)->m->v[i].skills : (r)->m->s[i].skills; \
	int nsk_ = (r)->o.by_vacancy ? (r)->m->v[i].nskills : (r)->m->s[i].nskills; \
	int d_ = (r)->o.by_vacancy ? (r)->m->v[i].district : (r)->m->s[i].district; \
	(r)->cur++; \
	for (int a_ = 0; a_ <= nsk_; a_++) { \
		const int *l_, *e_; \
		if (a_ < nsk_) { \
			if (sk_[a_] >= (r)->m->nskill) continue; \
			l_ = (r)->sk + (r)->sk_off[sk_[a_]]; e_ = (r)->sk + (r)->sk_off[sk_[a_] + 1]; \
		} else if (d_ >= 0 && d_ < (r)->m->ndistrict) { \
			l_ = (r)->di + (r)->di_off[d_]; e_ = (r)->di + (r)->di_off[d_ + 1]; \
		} else break; \
		for (; l_ < e_; l_++) { \
			int j = *l_; \
			if ((r)->stamp[j] == (r)->cur) continue; \
			(r)->stamp[j] = (r)->cur; \
			body; \
		} \
	} \
} while (0)

int sw_ranker_top(struct sw_ranker *r, int i, int k, struct sw_pick *out)
{
	struct topk t = {out, 0, k, r->o.by_vacancy};
	struct sw_pick p;
	if (k <= 0)
		return 0;
	if (r->o.exhaustive) {
		for (int j = 0; j < r->np; j++)
			if (pair(r, i, j, &p))
				topk_add(&t, p);
		return t.n;
	}
	const struct sw_market *m = r->m;
	const int *sk = r->o.by_vacancy ? m->v[i].skills : m->s[i].skills;
	int nsk = r->o.by_vacancy ? m->v[i].nskills : m->s[i].nskills;
	int d = r->o.by_vacancy ? m->v[i].district : m->s[i].district;
	r->cur++;
	/* Those sharing a skill first, the best possible skill fit first. A
	 * partner's score is at most its bound in another district, plus the
	 * district's share when it is in i's district: a scan stops where
	 * even the latter cannot reach the K-th score (a tie could still win
	 * on id, so only below it), and skips, without scoring, partners
	 * elsewhere whose bound is below it. Partners passed over stay below
	 * the K-th score for good: it only rises. */
	int dshare = (int)((double)r->o.w.district * SW_SCORE_MAX / total(&r->o.w) + 0.5) + 1;
	for (int a = 0; a < nsk; a++) {
		int lastn = -1, ub = 0;	/* the bound changes only with the partner's skill count */
		for (const int *l = r->sk + r->sk_off[sk[a]], *e = r->sk + r->sk_off[sk[a] + 1]; l < e; l++) {
			int j = *l;
			if (r->stamp[j] == r->cur)
				continue;
			if (t.n == k) {
				int pn = r->o.by_vacancy ? m->s[j].nskills : m->v[j].nskills;
				if (pn != lastn)
					ub = bound_other(r, i, j), lastn = pn;
				if (ub + dshare < t.a[k - 1].score)
					break;
				int pd = r->o.by_vacancy ? m->s[j].district : m->v[j].district;
				if (ub < t.a[k - 1].score && (d < 0 || pd != d))
					continue;
			}
			r->stamp[j] = r->cur;
			if (pair(r, i, j, &p))
				topk_add(&t, p);
		}
	}
	/* The same district: partners not yet seen share no skill (scoring
	 * at most the bound plus the district's share) or were passed over
	 * above; look only if the former could still make the list. */
	if (d >= 0 && (t.n < k || t.a[k - 1].score <= r->bound + dshare))
		for (const int *l = r->di + r->di_off[d], *e = r->di + r->di_off[d + 1]; l < e; l++) {
			if (r->stamp[*l] == r->cur)
				continue;
			r->stamp[*l] = r->cur;
			if (pair(r, i, *l, &p))
				topk_add(&t, p);
		}
	/* Partners with no common skill in another district score at most
	 * the bound: look at them only if they could still make the list. */
	if (r->o.min_score <= r->bound && (t.n < k || t.a[k - 1].score <= r->bound))
		for (int j = 0; j < r->np; j++)
			if (r->stamp[j] != r->cur && pair(r, i, j, &p))
				topk_add(&t, p);
	return t.n;
}

void sw_ranker_each(struct sw_ranker *r, int i, void (*fn)(void *ctx, const struct sw_pick *p),
		    void *ctx)
{
	struct sw_pick p;
	if (r->o.exhaustive || r->o.min_score <= r->bound) {
		for (int j = 0; j < r->np; j++)
			if (pair(r, i, j, &p))
				fn(ctx, &p);
		return;
	}
	EACH_CANDIDATE(r, i, j, if (pair(r, i, j, &p)) fn(ctx, &p));
}

struct sw_pick *sw_rank(const struct sw_market *m, const struct sw_rank_opts *o, size_t *n,
			long long *pairs)
{
	int items = o->by_vacancy ? m->nv : m->ns;
	size_t cap = 1024, len = 0;
	struct sw_pick *all = sw_xmalloc(cap * sizeof *all);
	struct sw_pick *buf = sw_xmalloc(((size_t)o->top + 1) * sizeof *buf);
	struct sw_ranker *r = sw_ranker_new(m, o);
	for (int i = 0; i < items; i++) {
		int k = sw_ranker_top(r, i, o->top, buf);
		if (len + (size_t)k > cap)
			all = sw_xrealloc(all, (cap = cap * 2 + (size_t)k) * sizeof *all);
		memcpy(all + len, buf, (size_t)k * sizeof *buf);
		len += (size_t)k;
	}
	if (pairs)
		*pairs = r->pairs;
	sw_ranker_free(r);
	free(buf);
	*n = len;
	return all;
}
