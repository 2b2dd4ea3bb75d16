/* The cell rules of the .xlsx reader: what a number format means, how a
 * serial becomes a date, how Excel writes numbers and escapes characters,
 * and cell references. Pure functions, tested one by one. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/valid.h"
#include "sw/i18n.h"
#include "sw/xlsxpriv.h"

/* The built-in number formats that show a date or a time, as ECMA-376
 * lists them, with the zh-CN ones (27-36, 50-58): e.g. 31 is
 * yyyy"年"m"月"d"日", 55 is 上午/下午h"时"mm"分". 46 is [h]:mm:ss, a
 * duration like a custom [h] format, so it stays a number. */
int sw_xlsx_builtin_class(int id)
{
	switch (id) {
	case 14: case 15: case 16: case 17: case 22:
	case 27: case 28: case 29: case 30: case 31: case 36:
	case 50: case 51: case 52: case 53: case 54: case 57: case 58:
		return SW_FMT_DATE;
	case 18: case 19: case 20: case 21:
	case 32: case 33: case 34: case 35:
	case 45: case 47: case 55: case 56:
		return SW_FMT_TIME;
	default:
		return SW_FMT_NUMBER;
	}
}

/* A custom format shows a date if its first section has y, m or d outside
 * quotes, escapes and brackets, a time if it has only h, m and s; an
 * elapsed-time bracket ([h], [mm], [ss]) makes it a duration, which is a
 * number. Locale and colour brackets ([$-804], [Red]) say nothing. */
int sw_xlsx_format_class(const char *code)
{
	int date = 0, time = 0, month = 0;
	for (const char *p = code; *p && *p != ';'; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (!p)
				return SW_FMT_NUMBER;
			break;
		case '\\': case '_': case '*':	/* literal, space or fill character */
			if (!p[1])
				return date ? SW_FMT_DATE : time ? SW_FMT_TIME : SW_FMT_NUMBER;
			p++;
			break;
		case '[': {
			const char *e = strchr(p, ']');
			if (!e)
				return SW_FMT_NUMBER;
			char c = (char)tolower((unsigned char)p[1]);
			if (c == 'h' || c == 'm' || c == 's') {
				const char *q = p + 1;
				while (q < e && tolower((unsigned char)*q) == c)
					q++;
				if (q == e)
					return SW_FMT_NUMBER;
			}
			p = e;
			break;
		}
		default:
			switch (tolower((unsigned char)*p)) {
			case 'y': case 'd': date = 1; break;
			case 'h': case 's': time = 1; break;
			case 'm': month = 1; break;
			}
		}
	}
	if (date)
		return SW_FMT_DATE;
	if (time)
		return SW_FMT_TIME;	/* m beside h or s means minutes */
	return month ? SW_FMT_DATE : SW_FMT_NUMBER;
}

/* Numbers are kept as the writer stored them, except an integer in exponent
 * form (Excel stores an 18-digit ID typed as a number as
 * 4.49901199001011E+17): written out in digits, the caller can see it for
 * what it is. Worked on the text, not through a double, so that no digit
 * changes. */
int sw_xlsx_number(const char *v, char *out)
{
	const char *p = v, *dot = NULL;
	int neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	const char *ds = p;
	for (; isdigit((unsigned char)*p) || (*p == '.' && !dot); p++)
		if (*p == '.')
			dot = p;
	const char *de = p;
	if (de - ds - (dot != NULL) == 0)
		return -1;
	if (!*p)
		return 0;
	if (*p != 'e' && *p != 'E')
		return -1;
	p++;
	int eneg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	long e = 0;
	for (; isdigit((unsigned char)*p); p++)
		if (e < 100000)
			e = e * 10 + (*p - '0');
	if (*p)
		return -1;
	/* value = digits in [a, b) times 10^k, without leading or trailing zeros */
	long k = (eneg ? -e : e) - (dot ? (long)(de - dot - 1) : 0);
	const char *a = ds, *b = de;
	while (a < b && (*a == '0' || *a == '.'))
		a++;
	while (b > a && (b[-1] == '0' || b[-1] == '.'))
		k += *--b == '0';
	long n = (long)(b - a) - (dot && dot >= a && dot < b);
	if (k < 0 || n + k > 21)
		return 0;	/* a fraction, or 1e21 and more: as written */
	char *o = out;
	if (neg && n)
		*o++ = '-';
	for (; a < b; a++)
		if (*a != '.')
			*o++ = *a;
	if (!n)
		*o++ = '0';
	while (k-- > 0 && n)
		*o++ = '0';
	*o = 0;
	return 1;
}

/* The value of a number that sw_xlsx_number accepts. Not strtod, which
 * takes a decimal comma in some locales; 20 significant digits are more
 * than a date needs. */
double sw_xlsx_serial(const char *v)
{
	double m = 0, scale = 1;
	int neg = 0, frac = 0, nd = 0, e = 0, eneg = 0;
	if (*v == '-' || *v == '+')
		neg = *v++ == '-';
	for (; isdigit((unsigned char)*v) || *v == '.'; v++) {
		if (*v == '.')
			frac = 1;
		else if (nd < 20) {
			m = m * 10 + (*v - '0');
			scale *= frac ? 10 : 1;
			nd += m > 0;
		} else if (!frac)
			m *= 10;
	}
	m /= scale;
	if (*v == 'e' || *v == 'E') {
		v++;
		if (*v == '-' || *v == '+')
			eneg = *v++ == '-';
		for (; isdigit((unsigned char)*v); v++)
			if (e < 1000)
				e = e * 10 + (*v - '0');
		m *= pow(10, eneg ? -e : e);
	}
	return neg ? -m : m;
}

static void put2(char *o, long v)
{
	o[0] = (char)('0' + v / 10 % 10);
	o[1] = (char)('0' + v % 10);
}

/* "HH:MM", or "HH:MM:SS" when the seconds are not zero, at o. */
static void put_time(char *o, long sod)
{
	put2(o, sod / 3600);
	o[2] = ':';
	put2(o + 3, sod / 60 % 60);
	if (sod % 60) {
		o[5] = ':';
		put2(o + 6, sod % 60);
		o[8] = 0;
	} else
		o[5] = 0;
}

/* Serials count days from 1900-01-01 = 1 with Lotus's 1900-02-29 at 60
 * kept for compatibility, or from 1904-01-01 = 0. Times are the fraction,
 * rounded to the second. In the 1900 system day 0 (1900-01-00) is no date:
 * a value under 1 is a time whatever the format says. */
int sw_xlsx_date(double v, int date1904, int cls, char *out)
{
	if (!(v >= 0) || v >= (date1904 ? 2957004.0 : 2958466.0))
		return -2;
	long long secs = llround(v * 86400.0);
	long day = (long)(secs / 86400), sod = (long)(secs % 86400);
	if (day >= (date1904 ? 2957004 : 2958466))
		return -2;
	if (!date1904 && day == 60)
		return -1;
	if (day == 0 && (cls == SW_FMT_TIME || !date1904)) {
		put_time(out, sod);
		return 0;
	}
	/* days from 1970-01-01 */
	long epoch = date1904 ? -24107 : day < 60 ? -25568 : -25569;
	sw_date_from_days(epoch + day, out);
	if (sod) {
		out[10] = ' ';
		put_time(out + 11, sod);
	}
	return 0;
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int days_in(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* t="d" cells hold ISO 8601: "2026-10-05", "2026-10-05T08:30:00", with
 * fractions of a second or a zone that we drop. */
int sw_xlsx_isodate(const char *v, char *out)
{
	if (!digits(v, 4) || v[4] != '-' || !digits(v + 5, 2) || v[7] != '-' || !digits(v + 8, 2))
		return -1;
	int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
	if (m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return -1;
	memcpy(out, v, 10);
	out[10] = 0;
	if (!v[10])
		return 0;
	const char *t = v + 11;
	if ((v[10] != 'T' && v[10] != ' ') || !digits(t, 2) || t[2] != ':' || !digits(t + 3, 2))
		return -1;
	long h = atol(t), mi = atol(t + 3), sec = 0;
	if (t[5] == ':') {
		if (!digits(t + 6, 2))
			return -1;
		sec = atol(t + 6);
	}
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	if (h || mi || sec) {
		out[10] = ' ';
		put_time(out + 11, h * 3600 + mi * 60 + sec);
	}
	return 0;
}

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

/* The UTF-16 unit of an escape "_xHHHH_" at s[0..n), or -1 if none. */
static long escape_at(const char *s, size_t n)
{
	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long u = 0;
	for (int i = 2; i < 6; i++) {
		int h = hexval((unsigned char)s[i]);
		if (h < 0)
			return -1;
		u = u * 16 + h;
	}
	return u;
}

static size_t put_utf8(char *o, unsigned long c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Excel writes characters XML cannot hold (a CR, control characters) as
 * _xHHHH_ (UTF-16 units, hex), and a literal "_x" that looks like one with
 * its underscore escaped (_x005F_). An escape never decodes longer than it
 * is, so this works in place. */
size_t sw_xlsx_unescape(char *s, size_t n, const char **bad)
{
	char *u = memchr(s, '_', n);
	if (!u)
		return n;
	size_t i = (size_t)(u - s), o = i;
	while (i < n) {
		long c = s[i] == '_' ? escape_at(s + i, n - i) : -1;
		size_t len = 7;
		if (c >= 0xd800 && c < 0xdc00) {
			long lo = escape_at(s + i + 7, n - i - 7);
			if (lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				len = 14;
			} else
				c = -2;
		} else if (c >= 0xdc00 && c < 0xe000)
			c = -2;
		else if (c == 0)
			c = -3;
		if (c < 0) {
			if (c == -2)
				*bad = N_("invalid UTF-8");
			else if (c == -3)
				*bad = N_("NUL byte in data");
			s[o++] = s[i++];	/* not an escape, or a bad one left as is */
			continue;
		}
		o += put_utf8(s + o, (unsigned long)c);
		i += len;
	}
	return o;
}

size_t sw_xlsx_units(const char *s, size_t n)
{
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		u += (b & 0xc0) != 0x80;
		u += b >= 0xf0;		/* outside the BMP: a surrogate pair */
	}
	return u;
}

int sw_xlsx_ref(const char *r, int *col, long *row)
{
	long c = 0;
	const char *p = r;
	for (; isalpha((unsigned char)*p); p++)
		if (c <= SW_XLSX_COLS)
			c = c * 26 + (toupper((unsigned char)*p) - 'A' + 1);
	if (p == r)
		return -1;
	*col = c > SW_XLSX_COLS ? SW_XLSX_COLS : (int)c - 1;
	*row = sw_xlsx_rownum(p);
	return *row < 0 ? -1 : 0;
}

long sw_xlsx_rownum(const char *s)
{
	long v = 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++)
		if (v <= SW_XLSX_ROWS)
			v = v * 10 + (*s - '0');
	if (*s)
		return -1;
	return v > SW_XLSX_ROWS ? SW_XLSX_ROWS + 1 : v;
}

void sw_xlsx_colname(int col, char out[4])
{
	char tmp[4];
	int n = 0;
	if (col < 0 || col >= SW_XLSX_COLS) {
		strcpy(out, "?");
		return;
	}
	for (col++; col > 0 && n < 3; col = (col - 1) / 26)
		tmp[n++] = (char)('A' + (col - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = 0;
}
