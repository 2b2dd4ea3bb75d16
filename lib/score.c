/* Scoring pairs and the reasons in words (the rankings through an index
 * are lib/ranker.c and lib/rank.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/score.h"
#include "sw/scorepriv.h"
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

/* Number of the vacancy's skills the seeker has. */
static int covered(const struct sw_seeker *s, const struct sw_vac *v)
{
	if (!(s->mask & v->mask))
		return 0;
	return common(s->skills, s->nskills, v->skills, v->nskills);
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

int sw_pair_score(const struct sw_market *m, const struct sw_weights *w, int s, int v)
{
	return m->rules ? m->rules->score(m, s, v) : sw_score(m, w, &m->s[s], &m->v[v]);
}
