/* Dates, resident IDs, phone numbers and integers as Chinese offices write them. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/valid.h"

int sw_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Writes YYYY-MM-DD by hand: the values are range-checked by the callers,
 * and this keeps gcc's truncation analysis quiet without casts. */
static void put_iso(char *out, long y, long m, long d)
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	if (d < 0) {
		out[7] = 0;
		return;
	}
	out[7] = '-';
	out[8] = (char)('0' + d / 10 % 10);
	out[9] = (char)('0' + d % 10);
	out[10] = 0;
}

/* Howard Hinnant's days_from_civil, proleptic Gregorian. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long sw_date_days(const char *iso)
{
	return days_from_civil(atoi(iso), atoi(iso + 5), atoi(iso + 8));
}

void sw_date_from_days(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	put_iso(out, y + (m <= 2), m, d);
}

void sw_date_today(char out[11])
{
	/* Once per process: imports ask for every ID number they check. */
	static char today[11];
	if (!today[0]) {
		const char *env = getenv("SW_TODAY");
		char why[64];
		if (!env || !*env || sw_date_parse(env, today, why, sizeof why) != 0) {
			time_t t = time(NULL);
			struct tm tm;
			localtime_r(&t, &tm);
			strftime(today, sizeof today, "%Y-%m-%d", &tm);
		}
	}
	memcpy(out, today, sizeof today);
}

/* Reads 1..max digits; returns count. */
static int digits(const char **p, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Skips an Excel-style time of day: " 00:00:00", "T08:30", " 0:00". */
static int skip_time(const char *p)
{
	if (*p != ' ' && *p != 'T')
		return *p == 0;
	p++;
	int v;
	if (!digits(&p, 2, &v) || v > 23 || *p++ != ':' || digits(&p, 2, &v) != 2 || v > 59)
		return 0;
	if (*p == ':' && (p++, digits(&p, 2, &v) != 2 || v > 60))
		return 0;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	return *p == 0;
}

/* What a date-like text holds: a whole date, or one of the parts people
 * leave out. Only the whole date may carry a time of day. */
enum { D_BAD, D_FULL, D_YEAR, D_YM, D_MD };

/* "2026年3月5日", "2026年3月", "1955年"; p is past the year. */
static int shape_cjk(const char *p, int *m, int *d)
{
	p += 3;	/* 年 */
	if (!*p)
		return D_YEAR;
	if (!digits(&p, 2, m) || strncmp(p, "月", 3) != 0)
		return D_BAD;
	p += 3;
	if (!*p)
		return D_YM;
	if (!digits(&p, 2, d))
		return D_BAD;
	if (strncmp(p, "日", 3) == 0 || strncmp(p, "号", 3) == 0)
		p += 3;
	return skip_time(p) ? D_FULL : D_BAD;
}

/* "2026-3-5", "2026/3/5 14:30", "2026.3.5", "1962.1"; p is past the year.
 * Both separators must be the same. */
static int shape_sep(const char *p, int *m, int *d)
{
	char sep = *p++;
	if (sep != '-' && sep != '/' && sep != '.')
		return D_BAD;
	if (!digits(&p, 2, m))
		return D_BAD;
	if (!*p)
		return D_YM;
	if (*p++ != sep || !digits(&p, 2, d))
		return D_BAD;
	return skip_time(p) ? D_FULL : D_BAD;
}

/* "8月26日", "8-26", "8/26", "08.26": a month and day with no year. */
static int shape_md(const char *p, int *m, int *d)
{
	if (!digits(&p, 2, m))
		return D_BAD;
	if (strncmp(p, "月", 3) == 0) {
		p += 3;
		if (!digits(&p, 2, d))
			return D_BAD;
		if (strncmp(p, "日", 3) == 0 || strncmp(p, "号", 3) == 0)
			p += 3;
	} else if (*p == '-' || *p == '/' || *p == '.') {
		p++;
		if (!digits(&p, 2, d))
			return D_BAD;
	} else
		return D_BAD;
	return *p ? D_BAD : D_MD;
}

/* The shape of a text that is not all digits, with its parts. */
static int date_shape(const char *s, int *y, int *m, int *d)
{
	const char *p = s;
	if (digits(&p, 4, y) != 4)
		return shape_md(s, m, d);
	if (strncmp(p, "年", 3) == 0)
		return shape_cjk(p, m, d);
	return shape_sep(p, m, d);
}

/* Excel's serial day: 1 = 1900-01-01, and 60 is Excel's 1900-02-29, which
 * never was. Only 10000..73050 (1927-05-18..2099-12-31) are taken: a
 * smaller number is far likelier a year or a count than a date. */
static int serial_date(long serial, char out[11], char *why, size_t whylen)
{
	if (serial < 10000 || serial > 73050) {
		sw_msg(why, whylen, _("not a date (expected YYYY-MM-DD)"));
		return -1;
	}
	sw_date_from_days(days_from_civil(1899, 12, 30) + serial, out);
	return 0;
}

/* The shape of an all-digit text of n digits: 20261124, or what only
 * looks like part of a date (1955, 196201). */
static int digits_shape(const char *s, size_t n, int *y, int *m, int *d)
{
	digits(&s, 4, y);
	digits(&s, 2, m);
	digits(&s, 2, d);
	return n == 8 ? D_FULL : n == 4 ? D_YEAR : n == 6 ? D_YM : D_BAD;
}

/* The date a shape holds, or why it is none: a part date is refused
 * with what to write instead. */
static int date_verdict(int shape, int y, int m, int d, char out[11], char *why, size_t whylen)
{
	switch (shape) {
	case D_FULL:
		if (!sw_date_valid(y, m, d)) {
			sw_msg(why, whylen, _("impossible date"));
			return -1;
		}
		put_iso(out, y, m, d);
		return 0;
	case D_YEAR:
		if (!sw_date_valid(y, 1, 1))
			break;
		sw_msg(why, whylen, _("a year alone: give the full date (YYYY-MM-DD)"));
		return -1;
	case D_YM:
		if (!sw_date_valid(y, m, 1))
			break;
		sw_msg(why, whylen, _("year and month only: give the day too (YYYY-MM-DD)"));
		return -1;
	case D_MD:
		if (!sw_date_valid(2000, m, d))	/* a leap year: 2-29 has no year either */
			break;
		sw_msg(why, whylen, _("no year: give the full date (YYYY-MM-DD)"));
		return -1;
	}
	sw_msg(why, whylen, _("not a date (expected YYYY-MM-DD)"));
	return -1;
}

int sw_date_parse(const char *s, char out[11], char *why, size_t whylen)
{
	int y = 0, m = 0, d = 0;
	size_t n = strspn(s, "0123456789");

	if (!*s) {
		sw_msg(why, whylen, _("empty date"));
		return -1;
	}
	/* a serial day, perhaps with its time of day (46350.5), dropped */
	if (n == 5 && (!s[5] || (s[5] == '.' && s[6] && !s[6 + strspn(s + 6, "0123456789")])))
		return serial_date(atol(s), out, why, whylen);
	int shape = n && !s[n] ? digits_shape(s, n, &y, &m, &d) : date_shape(s, &y, &m, &d);
	return date_verdict(shape, y, m, d, out, why, whylen);
}

int sw_month_parse(const char *s, char out[8], char *why, size_t whylen)
{
	const char *p = s;
	int y, m;
	if (digits(&p, 4, &y) != 4)
		goto bad;
	if (strncmp(p, "年", 3) == 0) {
		p += 3;
		if (!digits(&p, 2, &m))
			goto bad;
		if (strncmp(p, "月", 3) == 0)
			p += 3;
	} else if (*p == '-' || *p == '/' || *p == '.') {
		p++;
		if (!digits(&p, 2, &m))
			goto bad;
	} else if (digits(&p, 2, &m) != 2)
		goto bad;
	if (*p || y < 1900 || y > 2199 || m < 1 || m > 12)
		goto bad;
	put_iso(out, y, m, -1);
	return 0;
bad:
	sw_msg(why, whylen, _("not a month (expected YYYY-MM)"));
	return -1;
}

void sw_month_first(const char *month, char out[11])
{
	snprintf(out, 11, "%.7s-01", month);
}

void sw_month_last(const char *month, char out[11])
{
	char next[8];
	sw_month_add(month, 1, next);
	sw_date_from_days(days_from_civil(atoi(next), atoi(next + 5), 1) - 1, out);
}

void sw_month_add(const char *month, int n, char out[8])
{
	int idx = atoi(month) * 12 + atoi(month + 5) - 1 + n;
	put_iso(out, idx / 12, idx % 12 + 1, -1);
}

char sw_idcard_check_char(const char *s)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* First two digits: the province-level codes of GB/T 2260. */
static int province_ok(const char *s)
{
	/* three characters a code, the last too: the loop steps by three */
	static const char *const codes =
		"11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
		"50 51 52 53 54 61 62 63 64 65 71 81 82 83 ";
	for (const char *c = codes; *c; c += 3)
		if (c[0] == s[0] && c[1] == s[1])
			return 1;
	return 0;
}

/* 1 for scientific notation as Excel and other programs write a big
 * number: 4.49901E+17, 3.39901195003150e+17, 1E+15. The exponent's sign is
 * required, so keys like "1E5" are not taken for numbers. */
static int sci_notation(const char *p)
{
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if ((*p != 'e' && *p != 'E') || (p[1] != '+' && p[1] != '-') ||
	    !isdigit((unsigned char)p[2]))
		return 0;
	for (p += 2; isdigit((unsigned char)*p); p++)
		;
	return *p == 0;
}

/* Undoes what Excel does to a value typed as digits, or refuses what it
 * cannot undo. Strips the text forms, a leading apostrophe ('339901) and
 * the formula ="339901", and a ".0" after at most 15 digits (a number
 * Excel holds exactly). Refuses scientific notation and a longer number
 * with a point, whose last digits are lost. what names the values in the
 * advice ("IDs", "codes"). Copies the rest into buf (n bytes). Returns 0,
 * or -1 with why. */
/* 1 if s[0..n) is made of what numbers and ID numbers are written with. */
static int numberlike(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789 -.xXeE+", s[i]) || !s[i])
			return 0;
	return n > 0;
}

static int excel_undo(const char *s, char *buf, size_t n, const char *what,
		      char *why, size_t whylen)
{
	size_t len = strlen(s);
	/* Excel's text markers, only around what reads as a number: they
	 * are there to keep its digits; any other text keeps them */
	if (s[0] == '\'' && len > 1 && numberlike(s + 1, len - 1))
		s++, len--;
	else if (len >= 3 && s[0] == '=' && s[1] == '"' && s[len - 1] == '"' &&
		 numberlike(s + 2, len - 3))
		s += 2, len -= 3;
	if (len >= n) {
		sw_msg(why, whylen, _("too long"));
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = 0;
	if (sci_notation(buf)) {
		sw_msg(why, whylen, _("in scientific notation: Excel has lost digits; "
		       "format the column as text and type the %s again"), _(what));
		return -1;
	}
	size_t d = strspn(buf, "0123456789");
	if (d && buf[d] == '.' && buf[d + 1] && !buf[d + 1 + strspn(buf + d + 1, "0")]) {
		if (d > 15) {
			sw_msg(why, whylen, _("a number of more than 15 digits: Excel has lost digits; "
			       "format the column as text and type the %s again"), _(what));
			return -1;
		}
		buf[d] = 0;
	}
	return 0;
}

/* The ID without Excel's wrappings and without the spaces or dashes
 * people put between digit groups (339901 19500315 0024), into id. -1
 * with why if the result cannot be an ID. */
static int id_clean(const char *s, char id[19], char *why, size_t whylen)
{
	char buf[64];
	size_t n = 0;
	if (strlen(s) >= sizeof buf)
		goto shape;
	if (excel_undo(s, buf, sizeof buf, N_("IDs"), why, whylen) != 0)
		return -1;
	for (const char *p = buf; *p; p++) {
		if ((*p == ' ' || *p == '-') && n && isdigit((unsigned char)id[n - 1])) {
			const char *q = p + strspn(p, " -");
			if (isdigit((unsigned char)*q) || *q == 'x' || *q == 'X') {
				p = q - 1;
				continue;
			}
		}
		if (n == 18)
			goto shape;
		id[n++] = *p;
	}
	id[n] = 0;
	return 0;
shape:
	sw_msg(why, whylen, _("not a resident ID (expected 18 digits, the last may be X)"));
	return -1;
}

/* Completed years from birth to today, both YYYY-MM-DD. */
static int age_on(const char *birth, const char *today)
{
	return atoi(today) - atoi(birth) - (strcmp(today + 5, birth + 5) < 0);
}

/* Why an 18-character ID's check character fails, into why. Excel keeps 15
 * significant digits of a number: an ID typed into a number cell comes
 * back with 000 for its last three. One such ID in eleven still passes the
 * check and cannot be told from the one real ID in about 1100 that ends
 * in 000: it passes here, and sw_client_rules refuses it unless a person
 * confirmed it (sw_id_confirm). */
static void id_damage(const char *id, char *why, size_t whylen)
{
	if (strcmp(id + 15, "000") == 0)
		sw_msg(why, whylen, _("ends in 000: Excel keeps only 15 digits of a number; "
		       "format the column as text and type the ID again"));
	else	/* never the digit expected: a guess it would invite */
		sw_msg(why, whylen, _("bad check digit"));
}

/* The 18-character form of a cleaned ID (15 or 18 characters; a final x
 * becomes X) into full: an old ID upgraded, a new one's check character
 * checked. Returns 0 or -1 with why. */
static int id_full(char id[19], char full[19], char *why, size_t whylen)
{
	size_t n = strlen(id);
	if (n == 15 && all_digits(id)) {
		/* Pre-1999 IDs: two-digit year of the 1900s, no check digit. */
		memcpy(full, id, 6);
		memcpy(full + 6, "19", 2);
		memcpy(full + 8, id + 6, 9);
		full[17] = sw_idcard_check_char(full);
		full[18] = 0;
		return 0;
	}
	if (n == 18 && id[17] == 'x')
		id[17] = 'X';
	if (n != 18 || strspn(id, "0123456789") < 17 || (!isdigit((unsigned char)id[17]) && id[17] != 'X')) {
		sw_msg(why, whylen, _("not a resident ID (expected 18 digits, the last may be X)"));
		return -1;
	}
	if (sw_idcard_check_char(id) != id[17]) {
		id_damage(id, why, whylen);
		return -1;
	}
	memcpy(full, id, 19);
	return 0;
}

/* Checks a cleaned ID (see id_full): full gets its 18-character form,
 * birth its date. Returns 0 or -1 with why. The first 15 digits of an
 * 18-digit ID read as an old ID born in 1919 or 1920 (the 19 or 20 of the
 * real year), the real year's last two digits as the month: mostly an
 * impossible date, else an age over 100 (sw_client_rules looks further). */
static int id_check(char id[19], char full[19], char birth[11], char *why, size_t whylen)
{
	int old = strlen(id) == 15;
	char today[11];
	if (id_full(id, full, why, whylen) != 0)
		return -1;
	if (!province_ok(full)) {
		sw_msg(why, whylen, _("unknown region code"));
		return -1;
	}
	int y = (full[6]-'0')*1000 + (full[7]-'0')*100 + (full[8]-'0')*10 + (full[9]-'0');
	int m = (full[10]-'0')*10 + (full[11]-'0');
	int d = (full[12]-'0')*10 + (full[13]-'0');
	if (!sw_date_valid(y, m, d)) {
		sw_msg(why, whylen, "%s", old ? _("15 digits cut from an 18-digit ID (the birth date "
			"would be impossible); give all 18 digits") : _("impossible birth date"));
		return -1;
	}
	put_iso(birth, y, m, d);
	sw_date_today(today);
	if (strcmp(birth, today) > 0) {
		sw_msg(why, whylen, _("birth date in the future"));
		return -1;
	}
	/* the oldest people alive are about 110 */
	if (old && age_on(birth, today) > 110) {
		sw_msg(why, whylen, _("15 digits cut from an 18-digit ID (the birth date would make the "
		       "person over 110); give all 18 digits"));
		return -1;
	}
	return 0;
}

int sw_idcard_parse(const char *s, char out[19], char birth[11], int *male,
		    char *why, size_t whylen)
{
	char id[19], full[19], b[11];
	if (id_clean(s, id, why, whylen) != 0 || id_check(id, full, b, why, whylen) != 0)
		return -1;
	memcpy(out, full, 19);
	if (birth)
		memcpy(birth, b, 11);
	if (male)
		*male = (full[16] - '0') % 2;
	return 0;
}

int sw_idcard_norm(const char *s, char out[19], char *why, size_t whylen)
{
	char full[19], b[11];
	if (id_clean(s, out, why, whylen) != 0 || id_check(out, full, b, why, whylen) != 0)
		return -1;
	return 0;
}

static int service_number(const char *d)
{
	return strncmp(d, "400", 3) == 0 || strncmp(d, "800", 3) == 0;
}

/* 1 if the n digits in d are a whole landline, area code and all, or a
 * whole local number: a dash after one starts an extension. That is how
 * we write extensions ("0571-88886666-123"), so what we store reads back.
 * rest follows the dash: "4008-123-456" is a 400 number, not 4008123-456. */
static int local_done(const char *d, size_t n, const char *rest)
{
	if (n == 0)
		return 0;
	if (d[0] == '0') {
		size_t ac = n > 1 && (d[1] == '1' || d[1] == '2') ? 3 : 4;
		return n >= ac + 7 && n <= ac + 8;
	}
	size_t more = 0;
	for (; *rest; rest++)
		more += isdigit((unsigned char)*rest) != 0;
	return d[0] != '1' && (n == 7 || n == 8) && !(service_number(d) && n + more == 10);
}

int sw_phone_parse(const char *s, char *out, size_t outlen, char *why, size_t whylen)
{
	char d[32], ext[16] = "", buf[64];
	size_t n = 0, e = 0;
	const char *p = buf;

	if (strlen(s) >= sizeof buf)
		goto bad;
	if (excel_undo(s, buf, sizeof buf, N_("numbers"), why, whylen) != 0)
		return -1;
	if (*p == '+') {
		if (strncmp(p, "+86", 3) != 0)
			goto bad;
		p += 3;
	}
	/* Collect digits; spaces, dashes and brackets are decoration.
	 * A dash after a complete landline or 转/ext starts an extension. */
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n >= sizeof d - 1)
				goto bad;
			d[n++] = *p;
		} else if (strncmp(p, "转", 3) == 0 || *p == 'x' || *p == 'X' ||
			   strncmp(p, "ext", 3) == 0 || (*p == '-' && local_done(d, n, p + 1))) {
			p += (*p == 'x' || *p == 'X' || *p == '-') ? 1 : 3;
			while (*p == ' ' || *p == '.')
				p++;
			for (; isdigit((unsigned char)*p) && e < sizeof ext - 1; p++)
				ext[e++] = *p;
			ext[e] = 0;
			if (*p || !e)
				goto bad;
			break;
		} else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')')
			goto bad;
	}
	d[n] = 0;
	if (n == 13 && strncmp(d, "86", 2) == 0 && d[2] == '1') {
		memmove(d, d + 2, 12);
		n = 11;
	}
	if (n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && !e) {
		snprintf(out, outlen, "%s", d);
		return 0;
	}
	if ((n == 10) && (strncmp(d, "400", 3) == 0 || strncmp(d, "800", 3) == 0) && !e) {
		snprintf(out, outlen, "%s", d);
		return 0;
	}
	if (d[0] == '0' && n >= 10 && n <= 12) {
		/* Area codes: 010 and 02x are three digits, the rest four. */
		size_t ac = (d[1] == '1' || d[1] == '2') ? 3 : 4;
		size_t local = n - ac;
		if (local < 7 || local > 8 || d[ac] == '0')
			goto bad;
		snprintf(out, outlen, "%.*s-%s%s%s", (int)ac, d, d + ac, e ? "-" : "", ext);
		return 0;
	}
	/* (a local number and extension that read as a 400 number are refused) */
	if ((n == 7 || n == 8) && d[0] != '0' && d[0] != '1' && !(e && service_number(d) && n + e == 10)) {
		snprintf(out, outlen, "%s%s%s", d, e ? "-" : "", ext);
		return 0;
	}
bad:
	if (!strpbrk(s, "0123456789"))	/* 无, -, /: a placeholder for none */
		sw_msg(why, whylen, _("not a phone number: leave the cell empty if there is none"));
	else
		sw_msg(why, whylen, _("not a phone number"));
	return -1;
}

int sw_int_parse(const char *s, long long min, long long max, long long *out,
		 char *why, size_t whylen)
{
	char *end;
	errno = 0;
	if (!*s || isspace((unsigned char)*s))
		goto bad;
	long long v = strtoll(s, &end, 10);
	/* Excel writes whole numbers as "12.0" now and then. */
	if (*end == '.') {
		char *z = end + 1;
		while (*z == '0')
			z++;
		if (!*z && z > end + 1)
			end = z;
	}
	if (*end || errno)
		goto bad;
	if (v < min || v > max) {
		sw_msg(why, whylen, _("out of range (%lld to %lld)"), min, max);
		return -1;
	}
	*out = v;
	return 0;
bad:
	sw_msg(why, whylen, _("not a whole number"));
	return -1;
}

int sw_code_parse(const char *s, char *out, size_t outlen, char *why, size_t whylen)
{
	if (excel_undo(s, out, outlen, N_("codes"), why, whylen) != 0)
		return -1;
	size_t d = strspn(out, "0123456789");
	if (d && out[d] == '.' && out[d + 1] && !out[d + 1 + strspn(out + d + 1, "0123456789")]) {
		sw_msg(why, whylen, _("a number with a fraction, not a code: "
		       "format the column as text and type the codes again"));
		return -1;
	}
	if (!*out) {
		sw_msg(why, whylen, _("empty code"));
		return -1;
	}
	return 0;
}

int sw_division_code(const char *s, char out[13], int *level, char parent[13],
		     char *why, size_t whylen)
{
	char c[64];
	if (sw_code_parse(s, c, sizeof c, why, whylen) != 0)
		return -1;
	size_t n = strlen(c);
	if (!all_digits(c) || (n != 6 && n != 9 && n != 12)) {
		sw_msg(why, whylen, _("not a division code (expected 6 digits for a county, "
		       "9 for a township, 12 for a village)"));
		return -1;
	}
	/* 449901103000 is the township 449901103 written at village length */
	while (n > 6 && memcmp(c + n - 3, "000", 3) == 0)
		c[n -= 3] = 0;
	if (!province_ok(c)) {
		sw_msg(why, whylen, _("not a division code (no province starts with those two digits)"));
		return -1;
	}
	if (memcmp(c + 2, "0000", 4) == 0) {
		sw_msg(why, whylen, _("a province's code: give the county's 6 digits "
		       "(or the township's 9, the village's 12)"));
		return -1;
	}
	if (n == 12 && memcmp(c + 6, "000", 3) == 0) {
		sw_msg(why, whylen, _("not a division code (a village's digits 7 to 9 name its township, "
		       "not 000)"));
		return -1;
	}
	memcpy(out, c, n + 1);
	*level = (int)(n - 6) / 3;
	size_t up = n > 6 ? n - 3 : 0;	/* a county's parent: none here */
	memcpy(parent, c, up);
	parent[up] = 0;
	return 0;
}

/* A decimal number at *p ("90", "1.5"): its value is *num / *den, with
 * up to 6 places kept. Returns 0 if there is none, -1 if it is too big to
 * be a duration (over 10^9), else 1; *p moves past it. */
static int read_decimal(const char **p, long long *num, long long *den)
{
	const char *q = *p;
	long long v = 0, scale = 1;
	if (!isdigit((unsigned char)*q))
		return 0;
	for (; isdigit((unsigned char)*q); q++)
		if ((v = v * 10 + (*q - '0')) > 1000000000)
			return -1;
	if (*q == '.' && isdigit((unsigned char)q[1]))
		for (q++; isdigit((unsigned char)*q); q++)
			if (scale < 1000000)
				v = v * 10 + (*q - '0'), scale *= 10;
	*p = q;
	*num = v;
	*den = scale;
	return 1;
}

/* The unit word at *p, after optional spaces: 60 for hours, 1 for minutes,
 * 0 if none (*p is left alone then). English words in any case. */
static int read_unit(const char **p)
{
	static const struct { const char *word; int mins; } units[] = {
		{"个小时", 60}, {"小时", 60}, {"hours", 60}, {"hour", 60}, {"hrs", 60},
		{"hr", 60}, {"h", 60}, {"分钟", 1}, {"分", 1}, {"minutes", 1},
		{"minute", 1}, {"mins", 1}, {"min", 1}, {"m", 1},
	};
	const char *q = *p + strspn(*p, " ");
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		const char *w = units[i].word;
		size_t k = strlen(w);
		/* the Chinese words byte for byte, whatever the locale */
		int same = (unsigned char)w[0] < 0x80 ? strncasecmp(q, w, k) == 0 : strncmp(q, w, k) == 0;
		if (same && !isalpha((unsigned char)q[k])) {
			*p = q + k;
			return units[i].mins;
		}
	}
	return 0;
}

/* Minutes in millionths, so that rounding happens once, at the end. */
#define MICRO 1000000LL

/* One term: a number and its unit, N个半小时 (N and a half hours), or
 * 半小时 / 半个小时. Adds it to *micro and returns its unit (60 or 1), 0 if
 * there is no term at *p (left alone then), -1 if it is too big. */
static int read_term(const char **p, long long *micro)
{
	static const char *const half[] = {"半小时", "半个小时"};
	long long num = 0, den = 1, extra = 0;
	const char *q = *p + strspn(*p, " ");
	int unit = 0;
	for (size_t i = 0; i < 2 && !unit; i++)
		if (strncmp(q, half[i], strlen(half[i])) == 0)
			q += strlen(half[i]), unit = 60, extra = 30;
	if (!unit) {
		int rc = read_decimal(&q, &num, &den);
		if (rc <= 0)
			return rc;
		if (strncmp(q, "个半小时", strlen("个半小时")) == 0)
			q += strlen("个半小时"), unit = 60, extra = 30;
		else if (!(unit = read_unit(&q)))
			return 0;
	}
	*micro += num * unit * (MICRO / den) + extra * MICRO;
	*p = q;
	return unit;
}

/* Hours, then minutes, each at most once (1小时30分钟, 1h 30m, 45m), added
 * to *micro. Returns 1, 0 if p is not that, -1 if a number is too big. */
static int read_terms(const char *p, long long *micro)
{
	int first = read_term(&p, micro);
	int second = first == 60 ? read_term(&p, micro) : 0;
	if (first < 0 || second < 0)
		return -1;
	return first && second != 60 && !*p;
}

int sw_minutes_parse(const char *s, int unit, long long max, long long *out,
		     char *why, size_t whylen)
{
	long long num, den, micro = 0;
	const char *p = s;

	if (*s == '-') {
		sw_msg(why, whylen, _("a negative duration"));
		return -1;
	}
	if (unit < 1 || unit > 1440)
		goto bad;
	int rc = read_decimal(&p, &num, &den);
	if (rc > 0 && !*p) {	/* a plain number, in the column's unit */
		if (unit == 1 && num % den) {
			sw_msg(why, whylen, _("not a whole number of minutes "
			       "(if these are hours, name the column 时长（小时）)"));
			return -1;
		}
		micro = num * unit * (MICRO / den);
	} else if (rc >= 0 && (rc = read_terms(s, &micro)) == 0)
		goto bad;
	if (rc < 0 || (micro + MICRO / 2) / MICRO > max) {
		sw_msg(why, whylen, _("out of range (0 to %lld minutes)"), max);
		return -1;
	}
	*out = (micro + MICRO / 2) / MICRO;
	return 0;
bad:
	sw_msg(why, whylen, _("not a duration (expected minutes, or e.g. 1.5小时, 1小时30分钟, 90分钟)"));
	return -1;
}
