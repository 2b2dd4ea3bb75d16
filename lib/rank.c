/* Top-K rankings through the ranker's index (lib/ranker.c), or over every
 * pair with --exhaustive; and a ranking on a second thread. */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/rankpriv.h"

/* The score at full wage fit (see full_init). */
static inline int full_score(const struct sw_ranker *r, int same, int ef, int nv, int cov)
{
	if (nv <= FULL_NV)
		return r->full[FULL_AT(same, ef, nv, cov)];
	return score_of(&r->o.w, r->tot, -1, ef ? 0 : 2, 0, 0, 0, cov, nv, same);
}

/* The best score of item it with the partners of p's run: -1 when their
 * education rules them all out; with shared, as many skills covered as
 * the smaller list allows, else none. With any_edu, a bound for the runs
 * of every education. */
static int run_bound(const struct sw_ranker *r, const struct rec *it, const struct rec *p, int shared,
		     int same, int any_edu)
{
	const struct rec *s = r->o.by_vacancy ? p : it, *v = r->o.by_vacancy ? it : p;
	if (s->edu < v->edu && !any_edu)
		return -1;
	int ef = any_edu || v->edu < 0 || s->edu - v->edu <= 1;
	int most = !shared ? 0 : r->one ? 1 : s->nsk < v->nsk ? s->nsk : v->nsk;
	return full_score(r, same, ef, shared ? v->nsk : 0, most);
}

/* run_bound's b for p and the partners after it in its run, whose wage
 * fit is no better (see wage_key): for a seeker's vacancies, the rest
 * have wage_min at most p's and wage_max at most p's bmax, and fit a wish
 * above wage_min no better than at those. -1 when none can pay the wish. */
static int wage_bound(const struct sw_ranker *r, const struct rec *it, const struct rec *p, int b,
		      int shared, int same)
{
	const struct rec *s = r->o.by_vacancy ? p : it, *v = r->o.by_vacancy ? it : p;
	int wmax = r->o.by_vacancy ? v->b : v->bmax;
	if (s->a <= v->a)
		return b;
	if (s->a > wmax)
		return -1;
	int most = !shared ? 0 : r->one ? 1 : s->nsk < v->nsk ? s->nsk : v->nsk;
	return score_of(&r->o.w, r->tot, s->a, s->edu, v->a, wmax, v->edu, most, shared ? v->nsk : 0, same);
}

/* The number of pair key (the broad ones: LLONG_MAX), or -1. */
static int pair_of(const struct sw_ranker *r, long long key)
{
	int a = 0, b = r->npk;
	while (a < b) {
		int mid = a + (b - a) / 2;
		if (r->pk[mid] < key)
			a = mid + 1;
		else
			b = mid;
	}
	return a < r->npk && r->pk[a] == key ? a : -1;
}

/* Top-k kept sorted, best first: higher score, then lower partner index. */
struct topk {
	struct sw_pick *a;
	int n, k, by_vacancy, min;
};

static int partner(const struct topk *t, const struct sw_pick *p)
{
	return t->by_vacancy ? p->s : p->v;
}

static void topk_add(struct topk *t, struct sw_pick p)
{
	int n = t->n, pp = partner(t, &p);
	if (p.score < t->min)
		return;
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

/* Whether partner j, scoring at most b, could still make the list. The
 * answer never turns back to yes: the K-th only gets better. */
static inline int may_enter(const struct topk *t, int b, int j)
{
	if (b < t->min)
		return 0;
	if (t->n < t->k)
		return 1;
	const struct sw_pick *last = &t->a[t->k - 1];
	return b > last->score || (b == last->score && j < partner(t, last));
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

/* pair() under a market's own rules (sw_rules): the pair shares a key. */
static int pair_rules(struct sw_ranker *r, int i, int j, struct sw_pick *p)
{
	const struct sw_market *m = r->m;
	p->s = r->o.by_vacancy ? j : i;
	p->v = r->o.by_vacancy ? i : j;
	r->pairs++;
	const struct sw_seeker *s = &m->s[p->s];
	const struct sw_vac *v = &m->v[p->v];
	if (!(s->mask & v->mask) || !common(s->skills, s->nskills, v->skills, v->nskills))
		return 0;
	p->score = m->rules->score(m, p->s, p->v);
	return p->score >= 0 && p->score >= r->o.min_score;
}

/* Looks at item it with partner p (records): into t when eligible and
 * good enough. The score is first worked out with the most skills the
 * two lists allow (at least one when shared is set); the skills are
 * counted only if that could enter. */
static inline void visit(struct sw_ranker *r, struct topk *t, const struct rec *it,
			 const struct rec *p, int shared)
{
	const struct rec *s = r->o.by_vacancy ? p : it, *v = r->o.by_vacancy ? it : p;
	r->stamp[p->j] = r->cur;
	r->pairs++;
	if (s->edu < v->edu || (s->acc && !v->acc) || s->a > v->b)
		return;
	int same = s->district >= 0 && s->district == v->district;
	int ef = v->edu < 0 || s->edu - v->edu <= 1;
	int most = s->nsk < v->nsk ? s->nsk : v->nsk;
	if (!(s->mask & v->mask))
		most = 0;	/* no skill in common for sure */
	int b = full_score(r, same, ef, v->nsk, most), cov = most;
	if (!may_enter(t, b, p->j))
		return;
	if (most > 1 || (most == 1 && !shared)) {
		cov = 0;
		for (int x = 0; x < p->nsk; x++)
			cov += r->mark[r->pool[p->sk + x]];
		if (cov < most) {
			b = full_score(r, same, ef, v->nsk, cov);
			if (!may_enter(t, b, p->j))
				return;
		}
	}
	if (s->a > v->a) {
		/* Below a full wage fit the score loses L = wage weight x 500 x
		 * (wish - wage_min) / (total x (wage_max - wage_min)) tenths,
		 * so it is at most b + 1 - floor(L) (the 1 for rounding): most
		 * pairs are left here without working out the fit. */
		long long num = (long long)r->o.w.wage * 500 * (s->a - v->a);
		long long den = (long long)r->tot * (v->b - v->a);
		int n = (int)(num / den);
		if (n >= 2 && !may_enter(t, b + 1 - n, p->j))
			return;
		b = score_of(&r->o.w, r->tot, s->a, s->edu, v->a, v->b, v->edu, cov, v->nsk, same);
	}
	if (b >= t->min)
		topk_add(t, (struct sw_pick){s->j, v->j, b});
}

/* A new stamp for the next item's partners; when the stamps run out, the
 * old ones are wiped. */
static void next_item(struct sw_ranker *r)
{
	if (++r->cur == 0) {
		memset(r->stamp, 0, ((size_t)r->np + 1) * sizeof *r->stamp);
		r->cur = 1;
	}
}

/* Calls visit for each partner of i sharing a skill or the district. */
#define EACH_CANDIDATE(r, i, j, body) do { \
	const int *sk_ = (r)->o.by_vacancy ? (r)->m->v[i].skills : (r)->m->s[i].skills; \
	int nsk_ = (r)->o.by_vacancy ? (r)->m->v[i].nskills : (r)->m->s[i].nskills; \
	int d_ = (r)->o.by_vacancy ? (r)->m->v[i].district : (r)->m->s[i].district; \
	next_item(r); \
	for (int a_ = 0; a_ <= nsk_; a_++) { \
		const struct rec *l_, *e_; \
		if (a_ < nsk_) { \
			if (sk_[a_] < 0 || sk_[a_] >= (r)->m->nskill) continue; \
			l_ = (r)->sk + (r)->sk_off[sk_[a_]]; e_ = (r)->sk + (r)->sk_off[sk_[a_] + 1]; \
		} else if (d_ >= 0 && d_ < (r)->m->ndistrict) { \
			l_ = (r)->di + (r)->di_off[d_]; e_ = (r)->di + (r)->di_off[d_ + 1]; \
		} else break; \
		for (; l_ < e_; l_++) { \
			int j = l_->j; \
			if ((r)->stamp[j] == (r)->cur) continue; \
			(r)->stamp[j] = (r)->cur; \
			body; \
		} \
	} \
} while (0)

/* Key k's entries in district d: [*lo, *hi) of the list of dd. */
static void district_run(const struct ddir *dd, int k, int d, int *lo, int *hi)
{
	int a = dd->off[k], b = dd->off[k + 1] - 1;	/* the last is the end */
	while (a < b) {
		int mid = a + (b - a) / 2;
		if (dd->at[mid].district < d)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = *hi = dd->at[a].at;
	if (dd->at[a].district == d)
		*hi = dd->at[a + 1].at;
}

/* Looks at the runs of l from lo to hi for item it, in one of the phases
 * of sw_ranker_top: 1 sharing a skill in its district, 2 sharing one
 * elsewhere, 3 the rest of its district, 4 the rest. Each run's bound is
 * worked out once; a run is left where the wage fit left in it could not
 * make the list (see wage_bound), an entry passed over whose id could
 * not. In phases 1 and 2 the scan stops where no later run could (they
 * fit less), returning hi, and with group after the runs of the first
 * one's skill count, returning where it stopped. */
static int scan(struct sw_ranker *r, struct topk *t, const struct rec *it, const struct rec *l,
		const int *end, int lo, int hi, int phase, int group)
{
	int shared = phase <= 2, same = phase == 1 || phase == 3, e;
	for (e = lo; e < hi && (!group || l[e].nsk == l[lo].nsk); e = end[e]) {
		const struct rec *p = &l[e];
		if (shared && (e == lo || p->nsk != l[e - 1].nsk)) {
			int most = run_bound(r, it, p, 1, same, 1);
			if (most < t->min || (t->n == t->k && most < t->a[t->k - 1].score))
				return hi;
		}
		int b = run_bound(r, it, p, shared, same, 0);
		if (b < 0)
			continue;
		for (int x = e; x < end[e]; x++) {
			p = &l[x];
			if (!may_enter(t, wage_bound(r, it, p, b, shared, same), -1))
				break;
			if (may_enter(t, b, p->j) && r->stamp[p->j] != r->cur &&
			    (phase != 2 || it->district < 0 || p->district != it->district))
				visit(r, t, it, p, shared);
		}
	}
	return e;
}

/* Looks at the seekers of pair k (if any) for vacancy it: in its district
 * (phase 1) or elsewhere (2). */
static void scan_pair(struct sw_ranker *r, struct topk *t, const struct rec *it, int k, int own)
{
	int lo, hi;
	if (k < 0)
		return;
	if (own) {
		district_run(&r->prdd, k, it->district, &lo, &hi);
		scan(r, t, it, r->prd, r->prd_end, lo, hi, 1, 0);
	} else
		scan(r, t, it, r->pr, r->pr_end, r->pk_off[k], r->pk_off[k + 1], 2, 0);
}

/* Looks at the seekers holding two of vacancy it's skills sk or more. */
static void scan_pairs(struct sw_ranker *r, struct topk *t, const struct rec *it, const int *sk, int own)
{
	long long nk = r->m->nskill;
	for (int a = 0; a < it->nsk; a++)
		for (int b = a + 1; b < it->nsk; b++)
			if (sk[a] >= 0 && sk[b] < nk)
				scan_pair(r, t, it, pair_of(r, sk[a] * nk + sk[b]), own);
	scan_pair(r, t, it, pair_of(r, LLONG_MAX), own);	/* the broad ones */
}

/* The K best partners of seeker i under the market's rules: its keys
 * from the highest bound down (sw_rules), each key's partners in index
 * order up to the first that could not make the list. */
static int rules_top(struct sw_ranker *r, int i, struct topk *t)
{
	const struct sw_market *m = r->m;
	const struct sw_seeker *it = &m->s[i];
	int n = it->nskills, *key = r->at, *bound = r->at + n;
	for (int a = 0; a < n; a++) {
		int b = m->rules->bound(m, i, it->skills[a]), x = a;
		for (; x > 0 && bound[x - 1] < b; x--)
			key[x] = key[x - 1], bound[x] = bound[x - 1];
		key[x] = it->skills[a], bound[x] = b;
	}
	next_item(r);
	struct sw_pick p;
	for (int a = 0; a < n && may_enter(t, bound[a], 0); a++) {
		if (key[a] < 0 || key[a] >= m->nskill)
			continue;
		const struct rec *l = r->sk + r->sk_off[key[a]], *e = r->sk + r->sk_off[key[a] + 1];
		for (; l < e && may_enter(t, bound[a], l->j); l++) {
			if (r->stamp[l->j] == r->cur)
				continue;
			r->stamp[l->j] = r->cur;
			if (pair_rules(r, i, l->j, &p))
				topk_add(t, p);
		}
	}
	return t->n;
}

/* The K best partners of item i. Each partner's score is bounded by its
 * skill count, its education and whether it is in i's district; partners
 * are looked at best bound first, and those whose bound cannot beat the
 * K-th (on score, or on id at an equal score) are passed over, never to
 * be needed again:
 *   1. partners sharing a skill in i's district;
 *   2. partners sharing a skill elsewhere (those in the district were
 *      seen or passed over in 1), a skill count at a time over all of i's
 *      skills, so that the best fits fill the list first;
 *   3. the rest of i's district (no skill in common, or passed over),
 *   4. and everyone else, each as soon as the skill counts left in 2
 *      could do no better.
 * Each one looked at is bounded again with its own wage fit before its
 * skills are counted. */
int sw_ranker_top(struct sw_ranker *r, int i, int k, struct sw_pick *out)
{
	return sw_ranker_top_min(r, i, k, 0, out);
}

int sw_ranker_top_min(struct sw_ranker *r, int i, int k, int min, struct sw_pick *out)
{
	struct topk t = {out, 0, k, r->o.by_vacancy, min > r->o.min_score ? min : r->o.min_score};
	if (k <= 0)
		return 0;
	if (r->m->rules) {	/* every candidate shares a key: the key lists hold them all */
		struct sw_pick p;
		if (!r->o.exhaustive && !r->o.by_vacancy)
			return rules_top(r, i, &t);
		if (r->o.exhaustive) {
			for (int j = 0; j < r->np; j++)
				if (pair_rules(r, i, j, &p))
					topk_add(&t, p);
		} else
			EACH_CANDIDATE(r, i, j, if (pair_rules(r, i, j, &p)) topk_add(&t, p));
		return t.n;
	}
	if (r->o.exhaustive) {
		struct sw_pick p;
		for (int j = 0; j < r->np; j++)
			if (pair(r, i, j, &p))
				topk_add(&t, p);
		return t.n;
	}
	const struct sw_market *m = r->m;
	const int *sk = r->o.by_vacancy ? m->v[i].skills : m->s[i].skills;
	struct rec it = r->o.by_vacancy ? vac_rec(m, i) : seeker_rec(m, i);
	int nsk = it.nsk, d = it.district;
	int todo3 = d >= 0 && d < m->ndistrict, todo4 = 1;
	next_item(r);
	for (int a = 0; a < nsk; a++)
		if (sk[a] >= 0 && sk[a] < m->nskill)
			r->mark[sk[a]] = 1;
	/* A vacancy: the seekers with two of its skills or more first, then
	 * those with one bounded by one (r->one), in its district, then
	 * elsewhere. */
	int pairs = r->pk && nsk >= 2;
	if (pairs && d >= 0)
		scan_pairs(r, &t, &it, sk, 1);
	r->one = pairs;
	for (int a = 0; a < nsk; a++) {
		int lo, hi;
		r->at[a] = -1;
		if (sk[a] < 0 || sk[a] >= m->nskill)
			continue;
		r->at[a] = r->sk_off[sk[a]];
		if (d < 0)
			continue;
		district_run(&r->skdd, sk[a], d, &lo, &hi);
		scan(r, &t, &it, r->skd, r->skd_end, lo, hi, 1, 0);
	}
	if (pairs) {
		r->one = 0;
		scan_pairs(r, &t, &it, sk, 0);
		r->one = 1;
	}
	for (;;) {
		int next = -1, key = 0;
		for (int a = 0; a < nsk; a++)
			if (r->at[a] >= 0 && r->at[a] < r->sk_off[sk[a] + 1] &&
			    (next < 0 || fit_key(r, &r->sk[r->at[a]]) < key))
				next = a, key = fit_key(r, &r->sk[r->at[a]]);
		if (next < 0)
			break;
		int b = run_bound(r, &it, &r->sk[r->at[next]], 1, 0, 1);
		if (todo3 && r->bound_d >= b) {
			scan(r, &t, &it, r->di, r->di_end, r->di_off[d], r->di_off[d + 1], 3, 0);
			todo3 = 0;
		}
		if (todo4 && r->bound >= b) {
			scan(r, &t, &it, r->ae, r->ae_end, 0, r->np, 4, 0);
			todo4 = 0;
		}
		for (int a = next; a < nsk; a++)
			if (r->at[a] >= 0 && r->at[a] < r->sk_off[sk[a] + 1] &&
			    fit_key(r, &r->sk[r->at[a]]) == key)
				r->at[a] = scan(r, &t, &it, r->sk, r->sk_end, r->at[a],
						r->sk_off[sk[a] + 1], 2, 1);
	}
	r->one = 0;
	if (todo3)
		scan(r, &t, &it, r->di, r->di_end, r->di_off[d], r->di_off[d + 1], 3, 0);
	if (todo4)
		scan(r, &t, &it, r->ae, r->ae_end, 0, r->np, 4, 0);
	for (int a = 0; a < nsk; a++)
		if (sk[a] >= 0 && sk[a] < m->nskill)
			r->mark[sk[a]] = 0;
	return t.n;
}

/* sw_ranking: the ranker runs on its own thread, filling picks item by
 * item; the caller takes each item's picks as soon as they are there. */
struct sw_ranking {
	const struct sw_market *m;
	const struct sw_rank_opts *o;
	struct sw_ranker *r;
	/* Picks in chunks that never move (an item's in one chunk), so the
	 * caller reads while the thread appends; memory as in sw_rank. */
	struct sw_pick **chunk;
	size_t per;		/* picks a chunk holds */
	struct sw_pick **at;	/* item i's picks */
	int *count;		/* and how many */
	int items, done, next;	/* items ranked (under mu); the caller's next */
	double secs;		/* the thread's CPU time */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void *ranking_run(void *arg)
{
	struct sw_ranking *g = arg;
	struct timespec t0, t1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	size_t nchunk = 0, used = g->per;
	for (int i = 0; i < g->items; i++) {
		if (g->per - used < (size_t)g->o->top) {
			g->chunk[nchunk++] = sw_xmalloc(g->per * sizeof **g->chunk);
			used = 0;
		}
		g->at[i] = g->chunk[nchunk - 1] + used;
		g->count[i] = sw_ranker_top(g->r, i, g->o->top, g->at[i]);
		used += (size_t)g->count[i];
		if (i % 64 == 63 || i == g->items - 1) {	/* hand over in runs */
			pthread_mutex_lock(&g->mu);
			g->done = i + 1;
			pthread_cond_signal(&g->cv);
			pthread_mutex_unlock(&g->mu);
		}
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	g->secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return NULL;
}

struct sw_ranking *sw_ranking_start(const struct sw_market *m, const struct sw_rank_opts *o)
{
	struct sw_ranking *g = sw_xcalloc(1, sizeof *g);
	g->m = m;
	g->o = o;
	g->items = o->by_vacancy ? m->nv : m->ns;
	g->r = sw_ranker_new(m, o);
	g->per = 2 * (size_t)o->top > 65536 ? 2 * (size_t)o->top : 65536;
	/* at worst a chunk per item, when top is large */
	g->chunk = sw_xcalloc((size_t)g->items + 1, sizeof *g->chunk);
	g->at = sw_xcalloc((size_t)g->items + 1, sizeof *g->at);
	g->count = sw_xcalloc((size_t)g->items + 1, sizeof *g->count);
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
	if (pthread_create(&g->th, NULL, ranking_run, g) != 0)
		sw_die(SW_EXIT_FAIL, _("cannot start the ranking thread"));
	return g;
}

int sw_ranking_next(struct sw_ranking *g, const struct sw_pick **picks)
{
	if (g->next == g->items)
		return -1;
	pthread_mutex_lock(&g->mu);
	while (g->done <= g->next)
		pthread_cond_wait(&g->cv, &g->mu);
	pthread_mutex_unlock(&g->mu);
	*picks = g->at[g->next];
	return g->count[g->next++];
}

void sw_ranking_end(struct sw_ranking *g, long long *pairs, double *secs)
{
	pthread_join(g->th, NULL);
	if (pairs)
		*pairs = sw_ranker_pairs(g->r);
	if (secs)
		*secs = g->secs;
	sw_ranker_free(g->r);
	pthread_mutex_destroy(&g->mu);
	pthread_cond_destroy(&g->cv);
	for (int i = 0; i <= g->items && g->chunk[i]; i++)
		free(g->chunk[i]);
	free(g->chunk);
	free(g->at);
	free(g->count);
	free(g);
}

/* All the picks at once, gathered from sw_ranking: one ranking loop serves
 * the program and the tests. */
struct sw_pick *sw_rank(const struct sw_market *m, const struct sw_rank_opts *o, size_t *n,
			long long *pairs)
{
	struct sw_ranking *g = sw_ranking_start(m, o);
	size_t cap = 1024, len = 0;
	struct sw_pick *all = sw_xmalloc(cap * sizeof *all);
	const struct sw_pick *p;
	int k;
	while ((k = sw_ranking_next(g, &p)) >= 0) {
		if (len + (size_t)k > cap)
			all = sw_xrealloc(all, (cap = cap * 2 + (size_t)k) * sizeof *all);
		memcpy(all + len, p, (size_t)k * sizeof *p);
		len += (size_t)k;
	}
	sw_ranking_end(g, pairs, NULL);
	*n = len;
	return all;
}
