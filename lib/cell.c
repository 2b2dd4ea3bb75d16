/* Cells made safe for spreadsheets, terminals and Markdown. */
#include <stdlib.h>
#include <string.h>

#include "sw/cell.h"
#include "sw/csvio.h"
#include "sw/err.h"
#include "sw/text.h"

int sw_cell_raw;

/* The first characters that make a spreadsheet read a cell as a formula
 * (OWASP, "CSV Injection"). */
static int trigger(char c)
{
	return c && strchr("=+-@\t\r", c) != NULL;
}

/* 1 if s is a decimal number, sign, point and exponent allowed. */
static int number(const char *s)
{
	int digits = 0, points = 0;
	if (*s == '+' || *s == '-')
		s++;
	for (; (*s >= '0' && *s <= '9') || *s == '.'; s++)
		*s == '.' ? points++ : digits++;
	if (!digits || points > 1)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s += 1 + (s[1] == '+' || s[1] == '-');
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return !*s;
}

/* A value a spreadsheet would run, or one that reads as a neutralised one
 * ("'=x" is stored as such: it is written "''=x" so that reading it back,
 * which takes one quote off, gives it whole). */
int sw_cell_formula(const char *s)
{
	return s && ((trigger(*s) && !number(s)) || (*s == '\'' && sw_cell_formula(s + 1)));
}

const char *sw_cell_safe(const char *s, char **q)
{
	*q = NULL;
	if (sw_cell_raw || !sw_cell_formula(s))
		return s;
	size_t n = strlen(s);
	*q = sw_xmalloc(n + 2);
	(*q)[0] = '\'';
	memcpy(*q + 1, s, n + 1);
	return *q;
}

void sw_cell_put(FILE *fp, const char *s)
{
	char *q;
	sw_csv_put(fp, sw_cell_safe(s, &q));
	free(q);
}

const char *sw_cell_unquote(const char *s)
{
	return s[0] == '\'' && sw_cell_formula(s + 1) ? s + 1 : s;
}

char *sw_cell_visible(const char *s)
{
	size_t n = strlen(s);
	const char *end = s + n;
	char *out = sw_xmalloc(6 * n + 1), *o = out;
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t k = c < 0x80 ? 1 : sw_utf8_seq(s, (size_t)(end - s));
		if (c == '\t' || c == '\n' || c == '\r') {
			*o++ = '\\';
			*o++ = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
		} else if (c < 0x20 || c == 0x7f || k == 0)
			o += sprintf(o, "\\x%02x", c);
		else if (c == 0xc2 && (unsigned char)s[1] < 0xa0)
			o += sprintf(o, "\\u%04x", (unsigned char)s[1]);	/* C1 */
		else {
			memcpy(o, s, k);
			o += k;
		}
		s += k ? k : 1;
	}
	*o = 0;
	return out;
}

char *sw_cell_md(const char *s)
{
	char *v = sw_cell_visible(s);
	char *out = sw_xmalloc(5 * strlen(v) + 1), *o = out;
	for (const char *p = v; *p; p++) {
		const char *e = *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;" : NULL;
		if (e) {
			strcpy(o, e);
			o += strlen(e);
			continue;
		}
		if (strchr("\\`*_[]~|", *p))
			*o++ = '\\';
		*o++ = *p;
	}
	*o = 0;
	free(v);
	return out;
}
