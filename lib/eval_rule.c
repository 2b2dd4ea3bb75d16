/* A point's rule (the how column of an indicator system) over the
 * report's figures and the catalogue's (item:CODE, category:KEY, named
 * through sw_figure_resolve): "FIGURE >= N" (full marks when met, else none),
 * "FIGURE linear N" (marks in proportion up to N), "FIGURE / FIGURE >= R"
 * (a ratio, R as 0.6 or 60%). Numbers are in the figure's unit as the
 * report writes it (hours with one decimal); arithmetic is exact. */
#include <stdio.h>
#include <string.h>

#include "sw/evaluate.h"
#include "sw/i18n.h"

#define MAX_N 1000000000000LL	/* thresholds up to 10^12 */

#define GE "\xe2\x89\xa5"	/* ≥ */

/* The length of the word at s: letters, digits, _ . % and, for the names
 * of items and categories, : - and any character beyond ASCII (社会救助)
 * but ≥. */
static size_t word(const char *s)
{
	size_t len = 0;
	while (s[len] && (strchr("_.%:-", s[len]) || ((unsigned char)s[len] >= 0x80 &&
	       strncmp(s + len, GE, 3) != 0) || (s[len] >= '0' && s[len] <= '9') ||
	       ((s[len] | 0x20) >= 'a' && (s[len] | 0x20) <= 'z')))
		len++;
	return len;
}

/* The next token of *p into tok: a word, a number, ">=" or "/". */
static int token(const char **p, char *tok, size_t n)
{
	const char *s = *p + strspn(*p, " \t");
	size_t len = 0;
	if (strncmp(s, GE, 3) == 0) {
		snprintf(tok, n, ">=");
		*p = s + 3;
		return 1;
	}
	if (strncmp(s, ">=", 2) == 0)
		len = 2;
	else if (*s == '/')
		len = 1;
	else
		len = word(s);
	if (!len || len >= n)
		return *s ? -1 : 0;
	memcpy(tok, s, len);
	tok[len] = 0;
	*p = s + len;
	return 1;
}

/* A ratio "0.6" or "60%" (up to four decimals) as num / den. */
static int ratio_parse(const char *s, long long *num, long long *den)
{
	size_t len = strlen(s);
	int pct = len && s[len - 1] == '%';
	long long v = 0, d = pct ? 100 : 1;
	int dot = 0, digits = 0;
	for (size_t i = 0; i < len - pct; i++) {
		if (s[i] == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || v > MAX_N || (dot && d >= 1000000))
			return -1;
		v = v * 10 + (s[i] - '0');
		digits++;
		if (dot)
			d *= 10;
	}
	if (!digits)
		return -1;
	*num = v;
	*den = d;
	return 0;
}

/* A figure named tok, or -1 with why. */
static int figure(const char *tok, char *why, size_t whylen)
{
	char what[160];
	int f = sw_figure_resolve(tok, what, sizeof what);
	if (f == -1)
		snprintf(why, whylen, _("how: unknown figure \"%s\" (sw-report(1) lists them)"), tok);
	else if (f < 0)
		snprintf(why, whylen, "how: %s", what);
	return f < 0 ? -1 : f;
}

/* A threshold of figure f, or -1 with why. */
static int threshold(int f, const char *tok, int positive, long long *v, char *why, size_t whylen)
{
	if (sw_figure_parse(f, tok, v) != 0 || *v > MAX_N * 60) {
		snprintf(why, whylen, _("how: \"%s\" is not a number of %s"), tok, sw_figure_def(f)->key);
		return -1;
	}
	if (positive && *v == 0) {
		snprintf(why, whylen, _("how: linear needs a number above 0"));
		return -1;
	}
	return 0;
}

int sw_rule_parse(const char *s, struct sw_rule *r, char *why, size_t whylen)
{
	char t[5][64];
	int nt = 0, k;
	memset(r, 0, sizeof *r);
	r->fig = r->fig2 = -1;
	while (nt < 5 && (k = token(&s, t[nt], sizeof t[nt])) > 0)
		nt++;
	if (nt == 0 && k == 0)
		return 0;	/* an evaluator scores it */
	int form = k < 0 || s[strspn(s, " \t")] ? 0
		: nt == 3 && strcmp(t[1], ">=") == 0 ? SW_RULE_AT_LEAST
		: nt == 3 && strcmp(t[1], "linear") == 0 ? SW_RULE_LINEAR
		: nt == 5 && strcmp(t[1], "/") == 0 && strcmp(t[3], ">=") == 0 ? SW_RULE_RATIO : 0;
	if (!form) {
		snprintf(why, whylen, "%s", _("how: expected FIGURE >= N, FIGURE linear N, "
			 "FIGURE / FIGURE >= R, or nothing for an evaluator's point"));
		return -1;
	}
	r->kind = form;
	if ((r->fig = figure(t[0], why, whylen)) < 0)
		return -1;
	if (form != SW_RULE_RATIO)
		return threshold(r->fig, t[2], form == SW_RULE_LINEAR, &r->n, why, whylen);
	if ((r->fig2 = figure(t[2], why, whylen)) < 0)
		return -1;
	if (ratio_parse(t[4], &r->rnum, &r->rden) != 0) {
		snprintf(why, whylen, _("how: \"%s\" is not a ratio (expected 0.6 or 60%%)"), t[4]);
		return -1;
	}
	return 0;
}

/* A ratio num / den as text with up to four decimals ("0.6"). */
static void ratio_text(long long num, long long den, char *buf, size_t n)
{
	char frac[16] = "";
	long long rest = num % den;
	int i = 0;
	for (long long d = den; d > 1 && rest && i < 6; d /= 10, i++) {
		rest *= 10;
		frac[i] = (char)('0' + rest / den);
		rest %= den;
	}
	frac[i] = 0;
	snprintf(buf, n, "%lld%s%s", num / den, *frac ? "." : "", frac);
}

void sw_rule_text(const struct sw_rule *r, char *buf, size_t n)
{
	char a[32], b[32];
	switch (r->kind) {
	case SW_RULE_AT_LEAST:
	case SW_RULE_LINEAR:
		sw_figure_fmt(r->fig, r->n, a, sizeof a);
		snprintf(buf, n, "%s %s %s", sw_figure_def(r->fig)->key,
			 r->kind == SW_RULE_LINEAR ? "linear" : ">=", a);
		break;
	case SW_RULE_RATIO:
		ratio_text(r->rnum, r->rden, b, sizeof b);
		snprintf(buf, n, "%s / %s >= %s", sw_figure_def(r->fig)->key, sw_figure_def(r->fig2)->key, b);
		break;
	default:
		snprintf(buf, n, "%s", "");
	}
}

/* A figure's value in its unit's smallest step: hours are kept in
 * minutes, so a ratio of hours to counts scales by 60. */
static long long per_unit(int f) { return sw_figure_def(f)->hours ? 60 : 1; }

long long sw_rule_score(const struct sw_rule *r, long long max, const long long *v,
			char *value, size_t n)
{
	long long a = v[r->fig];
	if (r->kind != SW_RULE_RATIO) {
		sw_figure_fmt(r->fig, a, value, n);
		if (r->kind == SW_RULE_AT_LEAST)
			return a >= r->n ? max : 0;
		/* max * min(a, N) / N, rounded half up */
		__int128 x = (__int128)max * (a < r->n ? a : r->n) * 2 + r->n;
		return (long long)(x / (2 * (__int128)r->n));
	}
	long long b = v[r->fig2];
	if (b <= 0 || a < 0) {
		snprintf(value, n, "%s", "");
		return 0;
	}
	/* a/sa / (b/sb) >= rnum/rden, in integers */
	__int128 lhs = (__int128)a * per_unit(r->fig2) * r->rden,
		 rhs = (__int128)r->rnum * b * per_unit(r->fig);
	__int128 hund = ((__int128)a * per_unit(r->fig2) * 200 + (__int128)b * per_unit(r->fig)) /
			((__int128)b * per_unit(r->fig) * 2);
	snprintf(value, n, "%lld.%02lld", (long long)(hund / 100), (long long)(hund % 100));
	return lhs >= rhs ? max : 0;
}

void sw_marks_fmt(long long h, char *buf, size_t n)
{
	const char *sign = h < 0 ? "-" : "";
	unsigned long long u = h < 0 ? 0ull - (unsigned long long)h : (unsigned long long)h;
	if (u % 100 == 0)
		snprintf(buf, n, "%s%llu", sign, u / 100);
	else if (u % 10 == 0)
		snprintf(buf, n, "%s%llu.%llu", sign, u / 100, u % 100 / 10);
	else
		snprintf(buf, n, "%s%llu.%02llu", sign, u / 100, u % 100);
}

int sw_marks_parse(const char *s, long long *h)
{
	long long v = 0;
	int digits = 0, dec = -1;
	for (; *s; s++) {
		if (*s == '.' && dec < 0) {
			dec = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || dec == 2 || v > 100000000LL)
			return -1;
		v = v * 10 + (*s - '0');
		digits++;
		if (dec >= 0)
			dec++;
	}
	if (!digits || dec == 0)
		return -1;
	for (int i = dec < 0 ? 0 : dec; i < 2; i++)
		v *= 10;
	*h = v;
	return 0;
}
