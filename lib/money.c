/* Amounts of money in fen (see sw/money.h). */
#include <stdio.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/money.h"

static const char *skip(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) == 0 ? s + n : s;
}

/* Digits with optional thousands commas: "150000", "150,000"; how many
 * characters, or 0 when the commas are misplaced. */
static size_t whole_part(const char *s, long long *v, int *too_big)
{
	size_t i = 0, group = 0, commas = 0;
	*v = 0;
	for (; (s[i] >= '0' && s[i] <= '9') || s[i] == ','; i++) {
		if (s[i] == ',') {
			if (i == 0 || (commas && group != 3) || (!commas && group > 3))
				return 0;
			commas++;
			group = 0;
			continue;
		}
		group++;
		if (*v > SW_MONEY_MAX / 10)
			*too_big = 1;
		else
			*v = *v * 10 + (s[i] - '0');
	}
	return commas && group != 3 ? 0 : i;
}

int sw_money_parse(const char *s, int unit, long long *fen, char *why, size_t whylen)
{
	int places = unit == 10000 ? 6 : 2, too_big = 0;
	long long whole, frac = 0, scale = 1;
	s = skip(skip(s, "¥"), "￥");
	if (*s == '-' || strncmp(s, "−", strlen("−")) == 0) {
		sw_msg(why, whylen, _("negative amount"));
		return -1;
	}
	size_t n = whole_part(s, &whole, &too_big);
	if (!n || s[n - 1] == ',')
		goto bad;
	s += n;
	if (*s == '.') {
		int k = 0;
		for (s++; *s >= '0' && *s <= '9'; s++, k++)
			if (k < places) {
				frac = frac * 10 + (*s - '0');
				scale *= 10;
			} else if (*s != '0') {
				sw_msg(why, whylen, unit == 10000 ? _("more than 6 decimal places (fen in 万元)")
				       : _("more than 2 decimal places (fen)"));
				return -1;
			}
		if (!k)
			goto bad;
	}
	if (*skip(s, "元"))
		goto bad;
	/* fen = (whole + frac / scale) * unit * 100, exactly */
	long long per = (long long)unit * 100;
	if (too_big || whole > SW_MONEY_MAX / per) {
		sw_msg(why, whylen, _("amount too large"));
		return -1;
	}
	*fen = whole * per + frac * per / scale;
	if (*fen > SW_MONEY_MAX) {
		sw_msg(why, whylen, _("amount too large"));
		return -1;
	}
	return 0;
bad:
	sw_msg(why, whylen, _("not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"));
	return -1;
}

char *sw_money_fmt(long long fen, char *buf, size_t len)
{
	unsigned long long u = fen < 0 ? 0ull - (unsigned long long)fen : (unsigned long long)fen;
	snprintf(buf, len, "%s%llu.%02llu", fen < 0 ? "-" : "", u / 100, u % 100);
	return buf;
}

int sw_money_unit(const char *u)
{
	if (strcmp(u, "元") == 0 || strcmp(u, "rmb") == 0 || strcmp(u, "yuan") == 0 || strcmp(u, "¥") == 0)
		return 1;
	if (strcmp(u, "万元") == 0)
		return 10000;
	return 0;
}
