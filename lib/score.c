/* Scoring pairs, the reasons in words, and top-K rankings through an index
 * of skills and districts (or, with --exhaustive, over every pair). */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/score.h"
#include "sw/text.h"

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
			sw_msg(why, whylen, _("expected NAME=N with NAME one of skills, district, wage, education"));
			return -1;
		}
		if (end != p + n || end == eq + 1 || v < 0 || v > 1000) {
			sw_msg(why, whylen, _("%s: expected a whole number from 0 to 1000"), names[i]);
			return -1;
		}
		*slot[i] = (int)v;
		p += n + (p[n] == ',');
	}
	if (w->skills + w->district + w->wage + w->education == 0) {
		sw_msg(why, whylen, _("at least one weight must be above 0"));
		return -1;
	}
	return 0;
}

int sw_eligible(const struct sw_seeker *s, const struct sw_vac *v)
{
	return s->edu >= v->edu && (!s->needs_accessible || v->accessible) && s->wage <= v->wage_max;
}

/* Number of skills two sorted lists have in common. */
static int common(const int *a, int na, const int *b, int nb)
{
	int i = 0, j = 0, c = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			c++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return c;
}

/* Number of the vacancy's skills the seeker has. */
static int covered(const struct sw_seeker *s, const struct sw_vac *v)
{
	if (!(s->mask & v->mask))
		return 0;
	return common(s->skills, s->nskills, v->skills, v->nskills);
}

static int total(const struct sw_weights *w)
{
	return w->skills + w->district + w->wage + w->education;
}

/* The score from the fields it is made of: the only place it is worked
 * out, so that the ranker's shortcuts and sw_score agree to the bit. With
 * cov at its most (the smaller skill count), an upper bound: every step
 * is monotone in each fit. */
static inline int score_of(const struct sw_weights *w, int tot, int wage, int edu, int wmin,
			   int wmax, int vedu, int cov, int nv, int same)
{
	double wf = wage <= wmin ? 1.0	/* also no wish (-1) */
		: 0.5 + 0.5 * (double)(wmax - wage) / (double)(wmax - wmin);
	double f = w->wage * wf + w->education * (vedu < 0 || edu - vedu <= 1 ? 1.0 : 0.5);
	if (nv)
		f += w->skills * (double)cov / nv;
	if (same)
		f += w->district;
	return (int)(f * SW_SCORE_MAX / tot + 0.5);
}

static int edu_fits(const struct sw_seeker *s, const struct sw_vac *v)
{
	return v->edu < 0 || s->edu - v->edu <= 1;
}

int sw_score(const struct sw_market *m, const struct sw_weights *w,
	     const struct sw_seeker *s, const struct sw_vac *v)
{
	(void)m;
	return score_of(w, total(w), s->wage, s->edu, v->wage_min, v->wage_max, v->edu, covered(s, v),
			v->nskills, s->district >= 0 && s->district == v->district);
}

int sw_score_bound(const struct sw_weights *w)
{
	return (int)((double)(w->wage + w->education) * SW_SCORE_MAX / total(w) + 0.5);
}

void sw_score_fmt(int score, char buf[8])
{
	if (score < 0 || score > 9999) {	/* not a score: as printf would */
		snprintf(buf, 8, "%d.%d", score / 10 % 1000, score % 10);
		return;
	}
	char *p = buf;
	if (score >= 1000)
		*p++ = (char)('0' + score / 1000);
	if (score >= 100)
		*p++ = (char)('0' + score / 100 % 10);
	*p++ = (char)('0' + score / 10 % 10);
	*p++ = '.';
	*p++ = (char)('0' + score % 10);
	*p = 0;
}

/* A string built in a buffer of n bytes, cut short (and still ended)
 * when it does not fit. Reasons are made for every row of a ranking, so
 * without printf. */
struct sbuf {
	char *p;
	size_t n, len;
};

static void put_n(struct sbuf *b, const char *s, size_t k)
{
	size_t room = b->n - 1 - b->len;
	memcpy(b->p + b->len, s, k < room ? k : room);
	b->len += k < room ? k : room;
	b->p[b->len] = 0;
}

static void put(struct sbuf *b, const char *s)
{
	put_n(b, s, strlen(s));
}

/* A string literal, its length known when compiled. */
#define PUT_LIT(b, s) put_n(b, s, sizeof s - 1)

static void put_int(struct sbuf *b, int v)
{
	char d[SW_DECIMAL_MAX];
	const char *e = sw_decimal(v, d);
	put_n(b, e, (size_t)(d + sizeof d - 1 - e));
}

void sw_score_reasons(const struct sw_market *m, const struct sw_seeker *s,
		      const struct sw_vac *v, char *buf, size_t n)
{
	struct sbuf b = {buf, n, 0};
	if (!n)
		return;
	buf[0] = 0;
	PUT_LIT(&b, "skills ");
	put_int(&b, covered(s, v));
	PUT_LIT(&b, "/");
	put_int(&b, v->nskills);
	const char *sep = " (";
	for (int i = 0, j = 0; i < s->nskills && j < v->nskills;) {
		if (s->skills[i] == v->skills[j]) {
			put_n(&b, sep, 2);
			put(&b, m->skill[v->skills[j]]);
			sep = ", ";
			i++, j++;
		} else if (s->skills[i] < v->skills[j])
			i++;
		else
			j++;
	}
	if (*sep == ',')
		PUT_LIT(&b, ")");
	if (s->district < 0 || v->district < 0)
		PUT_LIT(&b, "; district unknown");
	else if (s->district == v->district)
		PUT_LIT(&b, "; same district");
	else
		PUT_LIT(&b, "; other district");
	if (s->wage < 0)
		PUT_LIT(&b, "; no wage wish");
	else if (s->wage <= v->wage_min)
		PUT_LIT(&b, "; wage meets wish");
	else
		PUT_LIT(&b, "; wage in range");
	if (edu_fits(s, v))
		PUT_LIT(&b, "; education fits");
	else
		PUT_LIT(&b, "; over-qualified");
}

/* The ranker. Items are the side asked about (seekers, or vacancies with
 * by_vacancy); partners the other side, indexed by skill and district.
 * The lists hold copies of what scoring reads (a rec), in the order they
 * are scanned, so that a scan reads memory in order. */
struct rec {
	uint32_t mask;		/* the market's folded: bit (skill & 31) for each */
	int sk;			/* partners: its skills, sorted, from pool[sk] on */
	int j;			/* index of the seeker or vacancy */
	int a, b;		/* seeker: desired wage; vacancy: wage_min, wage_max */
	int district, nsk;
	int bmax;		/* vacancy: the highest wage_max from here to the end of its run */
	signed char edu;
	unsigned char acc;	/* seeker: needs accessible; vacancy: accessible */
};

/* Where each district's entries begin in a list sorted by key, then
 * district: key k's are [off[k], off[k + 1]) of at, the last of them the
 * key's end. */
struct ddir {
	int *off;
	struct dstart {
		int district, at;
	} *at;
};

struct sw_ranker {
	const struct sw_market *m;
	struct sw_rank_opts o;
	int tot;		/* sum of the weights */
	int np;			/* partners */
	/* Lists of records in runs: a run has one skill count and education
	 * (and district in skd), and is in index order; *_end gives, per
	 * entry, where its run ends. */
	int *sk_off;		/* skill -> [sk_off, sk_off + 1) of sk and skd */
	struct rec *sk;		/* best skill fit first (see fit_key), education */
	struct rec *skd;	/* the same entries by district, then as in sk */
	struct ddir skdd;	/* skd's districts */
	int *di_off;		/* district -> [di_off, di_off + 1) of di */
	struct rec *di;		/* by education */
	struct rec *ae;		/* every partner, by education */
	int *sk_end, *skd_end, *di_end, *ae_end;
	struct rec *all;	/* every partner, by index, while the lists are made */
	int *pool;		/* the partners' skills, one after the other */
	uint16_t *stamp, cur;	/* partners already looked at for the current item
				 * (small, to stay in cache: see next_item) */
	int *at;		/* per skill of the item: where its scan of sk is */
	unsigned char *mark;	/* per skill: 1 if the current item has it */
	int bound;		/* best score with no common skill, other district */
	int bound_d;		/* the same in the same district */
	int *full;		/* scores at full wage fit: see full_fit() */
	long long pairs;	/* pairs looked at so far */
	/* By vacancy: the seekers holding two given skills (see pairs_init). */
	long long *pk;		/* the pairs of skills, sorted: a * nskill + b, a < b */
	int npk, *pk_off;	/* pair i's seekers: [pk_off[i], pk_off[i + 1]) of pr */
	struct rec *pr;		/* by fit, as sk; then the broad seekers */
	struct rec *prd;	/* the same entries by district, as skd */
	int *pr_end, *prd_end;
	struct ddir prdd;	/* prd's districts */
	int one;		/* phase 2 of a vacancy: one skill covered at most */
};

long long sw_ranker_pairs(const struct sw_ranker *r) { return r->pairs; }

/* A skill mask in half the room: records are read by the million. */
static uint32_t fold(uint64_t mask)
{
	return (uint32_t)(mask | mask >> 32);
}

static struct rec seeker_rec(const struct sw_market *m, int j)
{
	const struct sw_seeker *x = &m->s[j];
	return (struct rec){fold(x->mask), 0, j, x->wage, 0, x->district, x->nskills, 0, (signed char)x->edu,
			    (unsigned char)(x->needs_accessible != 0)};
}

static struct rec vac_rec(const struct sw_market *m, int j)
{
	const struct sw_vac *x = &m->v[j];
	return (struct rec){fold(x->mask), 0, j, x->wage_min, x->wage_max, x->district, x->nskills,
			    x->wage_max, (signed char)x->edu, (unsigned char)(x->accessible != 0)};
}

/* The order of a skill list: vacancies with fewer skills first (a match
 * covers more of them), seekers with more; then by education (see
 * edu_key), then by index. */
static int fit_key(const struct sw_ranker *r, const struct rec *p)
{
	return r->o.by_vacancy ? -p->nsk : p->nsk;
}

/* Education in the order that puts the full fits first: vacancies with
 * no minimum, then from the highest minimum down (a seeker fits the one
 * or two just at or below its level, is over-qualified below); seekers
 * from the lowest level up (those below a minimum are ruled out, the
 * level and one above fit, higher ones are over-qualified). */
static int edu_key(const struct sw_ranker *r, const struct rec *p)
{
	return r->o.by_vacancy ? p->edu : p->edu < 0 ? INT_MIN : -p->edu;
}

/* Within a run, the best wage fit first: seekers by their wish (none
 * first), vacancies from the highest wage_min down; so that a scan leaves
 * a run where the wage fit left cannot make the list (see wage_bound). */
static int wage_key(const struct sw_ranker *r, const struct rec *p)
{
	return r->o.by_vacancy ? p->a : -p->a;
}

static int cmp3(int a, int b, int c, int d, int e, int f)
{
	if (a != b)
		return (a > b) - (a < b);
	if (c != d)
		return (c > d) - (c < d);
	return (e > f) - (e < f);
}

static int cmp_fit(const void *a, const void *b, void *ctx)
{
	const struct rec *x = a, *y = b;
	int c = cmp3(fit_key(ctx, x), fit_key(ctx, y), edu_key(ctx, x), edu_key(ctx, y),
		     wage_key(ctx, x), wage_key(ctx, y));
	return c ? c : (x->j > y->j) - (x->j < y->j);
}

static int cmp_district_fit(const void *a, const void *b, void *ctx)
{
	const struct rec *x = a, *y = b;
	if (x->district != y->district)
		return (x->district > y->district) - (x->district < y->district);
	return cmp_fit(a, b, ctx);
}

static int cmp_edu(const void *a, const void *b, void *ctx)
{
	const struct rec *x = a, *y = b;
	return cmp3(x->edu, y->edu, wage_key(ctx, x), wage_key(ctx, y), x->j, y->j);
}

/* Fills end for the entries [a, b) of l: runs of equal education, and
 * district and skill count when asked; and bmax. */
static void runs(struct rec *l, int a, int b, int by_district, int by_nsk, int *end)
{
	for (int e = b - 1; e >= a; e--) {
		int more = e + 1 < b && l[e].edu == l[e + 1].edu &&
			(!by_district || l[e].district == l[e + 1].district) &&
			(!by_nsk || l[e].nsk == l[e + 1].nsk);
		end[e] = more ? end[e + 1] : e + 1;
		if (more && l[e + 1].bmax > l[e].b)
			l[e].bmax = l[e + 1].bmax;
		else
			l[e].bmax = l[e].b;
	}
}

/* Scores at full wage fit, worked out once: by district (same or not),
 * education fit (full or half), the vacancy's skill count nv and those
 * covered, for nv up to FULL_NV. */
#define FULL_NV 15
#define FULL_AT(same, ef, nv, cov) ((((same) * 2 + (ef)) * (FULL_NV + 1) + (nv)) * (FULL_NV + 1) + (cov))

static void full_init(struct sw_ranker *r)
{
	r->full = sw_xmalloc(4 * (FULL_NV + 1) * (FULL_NV + 1) * sizeof *r->full);
	for (int same = 0; same < 2; same++)
		for (int ef = 0; ef < 2; ef++)
			for (int nv = 0; nv <= FULL_NV; nv++)
				for (int cov = 0; cov <= FULL_NV; cov++)
					/* education 2 over a minimum of 0 is the half fit */
					r->full[FULL_AT(same, ef, nv, cov)] = score_of(&r->o.w, r->tot, -1,
						ef ? 0 : 2, 0, 0, 0, cov, nv, same);
}

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

/* Lists key -> records, in partner order: off gets nkeys + 1 entries. */
static struct rec *build_lists(const struct sw_ranker *r, int nkeys, int by_skill, int **off_out)
{
	const struct sw_market *m = r->m;
	int *off = sw_xcalloc((size_t)nkeys + 2, sizeof *off);
	for (int pass = 0; pass < 2; pass++) {
		struct rec *list = pass ? sw_xmalloc(((size_t)off[nkeys + 1] + 1) * sizeof *list) : NULL;
		for (int p = 0; p < r->np; p++) {
			const int *keys = r->o.by_vacancy ? m->s[p].skills : m->v[p].skills;
			int n = r->o.by_vacancy ? m->s[p].nskills : m->v[p].nskills;
			if (!by_skill) {
				keys = &r->all[p].district;
				n = *keys >= 0 && *keys < nkeys;
			}
			for (int i = 0; i < n; i++) {
				if (keys[i] < 0 || keys[i] >= nkeys)
					continue;
				if (pass)
					list[off[keys[i] + 1]++] = r->all[p];
				else
					off[keys[i] + 2]++;
			}
		}
		if (pass) {
			*off_out = off;
			return list;
		}
		for (int k = 0; k < nkeys; k++)
			off[k + 2] += off[k + 1];
	}
	return NULL;
}

/* A vacancy with a few skills finds its best seekers among those holding
 * two of them or more, then among those with one, whose fit is bounded by
 * one skill: the index of pairs keeps, for each two skills some seeker
 * has, those seekers. Seekers with more than PAIR_MOST skills, whose pairs
 * would be many, are kept apart in one list (the broad ones), which every
 * vacancy of two skills or more looks through as if it were a pair's. */
#define PAIR_MOST 8

struct pentry {
	long long key;
	struct rec r;
};

static int cmp_pentry(const void *a, const void *b, void *ctx)
{
	const struct pentry *x = a, *y = b;
	if (x->key != y->key)
		return (x->key > y->key) - (x->key < y->key);
	return cmp_fit(&x->r, &y->r, ctx);
}

/* The districts of l, whose key k's entries are [off[k], off[k + 1]) by
 * district: so that a district's entries are found without a search
 * through the entries. */
static void districts_init(struct ddir *dd, const struct rec *l, const int *off, int nkeys)
{
	int n = 0;
	dd->off = sw_xmalloc(((size_t)nkeys + 1) * sizeof *dd->off);
	dd->at = sw_xmalloc(((size_t)off[nkeys] + nkeys + 1) * sizeof *dd->at);
	for (int k = 0; k < nkeys; k++) {
		dd->off[k] = n;
		for (int e = off[k]; e < off[k + 1]; e++)
			if (e == off[k] || l[e].district != l[e - 1].district)
				dd->at[n++] = (struct dstart){l[e].district, e};
		dd->at[n++] = (struct dstart){INT_MAX, off[k + 1]};	/* the end */
	}
	dd->off[nkeys] = n;
}

static void pairs_init(struct sw_ranker *r)
{
	long long nk = r->m->nskill, n = 0;
	for (int p = 0; p < r->np; p++)
		n += r->all[p].nsk <= PAIR_MOST ? r->all[p].nsk * (r->all[p].nsk - 1) / 2 : 1;
	struct pentry *e = sw_xmalloc(((size_t)n + 1) * sizeof *e);
	n = 0;
	for (int p = 0; p < r->np; p++) {
		const struct rec *x = &r->all[p];
		if (x->nsk > PAIR_MOST) {
			e[n++] = (struct pentry){LLONG_MAX, *x};	/* broad: last */
			continue;
		}
		for (int i = 0; i < x->nsk; i++)
			for (int j = i + 1; j < x->nsk; j++)
				if (r->pool[x->sk + i] >= 0 && r->pool[x->sk + j] < nk)
					e[n++] = (struct pentry){r->pool[x->sk + i] * nk + r->pool[x->sk + j], *x};
	}
	qsort_r(e, (size_t)n, sizeof *e, cmp_pentry, r);
	r->pk = sw_xmalloc(((size_t)n + 1) * sizeof *r->pk);
	r->pk_off = sw_xmalloc(((size_t)n + 2) * sizeof *r->pk_off);
	r->pr = sw_xmalloc(((size_t)n + 1) * sizeof *r->pr);
	r->pr_end = sw_xmalloc(((size_t)n + 1) * sizeof *r->pr_end);
	r->prd = sw_xmalloc(((size_t)n + 1) * sizeof *r->prd);
	r->prd_end = sw_xmalloc(((size_t)n + 1) * sizeof *r->prd_end);
	for (int i = 0; i < n; i++) {
		if (i == 0 || e[i].key != e[i - 1].key) {
			r->pk[r->npk] = e[i].key;
			r->pk_off[r->npk++] = i;
		}
		r->pr[i] = e[i].r;
	}
	r->pk_off[r->npk] = (int)n;
	memcpy(r->prd, r->pr, (size_t)n * sizeof *r->prd);
	for (int k = 0; k < r->npk; k++) {
		int a = r->pk_off[k], b = r->pk_off[k + 1];
		qsort_r(r->prd + a, (size_t)(b - a), sizeof *r->prd, cmp_district_fit, r);
		runs(r->pr, a, b, 0, 1, r->pr_end);
		runs(r->prd, a, b, 1, 1, r->prd_end);
	}
	districts_init(&r->prdd, r->prd, r->pk_off, r->npk);
	free(e);
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

struct sw_ranker *sw_ranker_new(const struct sw_market *m, const struct sw_rank_opts *o)
{
	struct sw_ranker *r = sw_xcalloc(1, sizeof *r);
	r->m = m;
	r->o = *o;
	r->tot = total(&o->w);
	r->np = o->by_vacancy ? m->ns : m->nv;
	r->bound = sw_score_bound(&o->w);
	r->bound_d = score_of(&o->w, r->tot, -1, 0, 0, 0, -1, 0, 0, 1);
	r->stamp = sw_xcalloc((size_t)r->np + 1, sizeof *r->stamp);
	if (o->exhaustive)
		return r;
	full_init(r);
	r->all = sw_xmalloc(((size_t)r->np + 1) * sizeof *r->all);
	size_t npool = 0;
	for (int p = 0; p < r->np; p++) {
		r->all[p] = o->by_vacancy ? seeker_rec(m, p) : vac_rec(m, p);
		npool += (size_t)r->all[p].nsk;
	}
	r->pool = sw_xmalloc((npool + 1) * sizeof *r->pool);
	for (int p = 0, at = 0; p < r->np; p++) {
		const int *skills = o->by_vacancy ? m->s[p].skills : m->v[p].skills;
		memcpy(r->pool + at, skills, (size_t)r->all[p].nsk * sizeof *r->pool);
		r->all[p].sk = at;
		at += r->all[p].nsk;
	}
	r->sk = build_lists(r, m->nskill, 1, &r->sk_off);
	if (m->rules) {	/* each key's partners in index order: see rules_top */
		int most = 0;
		for (int i = 0; i < m->ns; i++)
			most = m->s[i].nskills > most ? m->s[i].nskills : most;
		r->at = sw_xmalloc((2 * (size_t)most + 1) * sizeof *r->at);
		free(r->all);
		r->all = NULL;
		return r;
	}
	int nsk = r->sk_off[m->nskill];
	r->skd = sw_xmalloc(((size_t)nsk + 1) * sizeof *r->skd);
	memcpy(r->skd, r->sk, (size_t)nsk * sizeof *r->skd);
	r->sk_end = sw_xmalloc(((size_t)nsk + 1) * sizeof *r->sk_end);
	r->skd_end = sw_xmalloc(((size_t)nsk + 1) * sizeof *r->skd_end);
	/* Each skill's partners, the best possible skill fit first, so that a
	 * scan can stop where the rest cannot reach the K-th score; and again
	 * by district, for the partners in the item's own district. */
	for (int k = 0; k < m->nskill; k++) {
		int a = r->sk_off[k], b = r->sk_off[k + 1];
		qsort_r(r->sk + a, (size_t)(b - a), sizeof *r->sk, cmp_fit, r);
		qsort_r(r->skd + a, (size_t)(b - a), sizeof *r->skd, cmp_district_fit, r);
		runs(r->sk, a, b, 0, 1, r->sk_end);
		runs(r->skd, a, b, 1, 1, r->skd_end);
	}
	districts_init(&r->skdd, r->skd, r->sk_off, m->nskill);
	r->di = build_lists(r, m->ndistrict, 0, &r->di_off);
	int ndi = r->di_off[m->ndistrict];
	r->di_end = sw_xmalloc(((size_t)ndi + 1) * sizeof *r->di_end);
	for (int d = 0; d < m->ndistrict; d++) {
		qsort_r(r->di + r->di_off[d], (size_t)(r->di_off[d + 1] - r->di_off[d]), sizeof *r->di, cmp_edu, r);
		runs(r->di, r->di_off[d], r->di_off[d + 1], 0, 0, r->di_end);
	}
	if (o->by_vacancy)
		pairs_init(r);
	r->ae = r->all;		/* every partner: needed no more in index order */
	r->all = NULL;
	qsort_r(r->ae, (size_t)r->np, sizeof *r->ae, cmp_edu, r);
	r->ae_end = sw_xmalloc(((size_t)r->np + 1) * sizeof *r->ae_end);
	runs(r->ae, 0, r->np, 0, 0, r->ae_end);
	int most = 0;
	for (int i = 0; i < (o->by_vacancy ? m->nv : m->ns); i++) {
		int n = o->by_vacancy ? m->v[i].nskills : m->s[i].nskills;
		most = n > most ? n : most;
	}
	r->at = sw_xmalloc(((size_t)most + 1) * sizeof *r->at);
	r->mark = sw_xcalloc((size_t)m->nskill + 1, 1);
	return r;
}

void sw_ranker_free(struct sw_ranker *r)
{
	if (!r)
		return;
	free(r->sk_off);
	free(r->sk);
	free(r->skd);
	free(r->skdd.off);
	free(r->skdd.at);
	free(r->di_off);
	free(r->di);
	free(r->ae);
	free(r->sk_end);
	free(r->skd_end);
	free(r->di_end);
	free(r->ae_end);
	free(r->all);
	free(r->pool);
	free(r->full);
	free(r->stamp);
	free(r->at);
	free(r->mark);
	free(r->pk);
	free(r->pk_off);
	free(r->pr);
	free(r->pr_end);
	free(r->prd);
	free(r->prd_end);
	free(r->prdd.off);
	free(r->prdd.at);
	free(r);
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

int sw_pair_score(const struct sw_market *m, const struct sw_weights *w, int s, int v)
{
	return m->rules ? m->rules->score(m, s, v) : sw_score(m, w, &m->s[s], &m->v[v]);
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
 * worked out once; a run is left at the first entry that could not make
 * the list (the rest have higher ids). In phases 1 and 2 the scan stops
 * where no later run could (they fit less), returning hi, and with group
 * after the runs of the first one's skill count, returning where it
 * stopped. */

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
