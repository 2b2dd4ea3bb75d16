/* Dates, resident IDs, phone numbers and integers as Chinese offices write them. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sw/err.h"
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

int sw_date_parse(const char *s, char out[11], char *why, size_t whylen)
{
	int y, m, d;
	const char *p = s;

	if (!*s) {
		sw_msg(why, whylen, "empty date");
		return -1;
	}
	if (all_digits(s)) {
		size_t n = strlen(s);
		if (n == 8) {	/* 20261124 */
			y = (s[0]-'0')*1000 + (s[1]-'0')*100 + (s[2]-'0')*10 + (s[3]-'0');
			m = (s[4]-'0')*10 + (s[5]-'0');
			d = (s[6]-'0')*10 + (s[7]-'0');
			goto check;
		}
		if (n <= 6) {	/* Excel serial day; 1 = 1900-01-01, 60 is Excel's fake 1900-02-29 */
			long serial = atol(s);
			if (serial < 1 || serial == 60 || serial > 109571) {
				sw_msg(why, whylen, "not a date");
				return -1;
			}
			sw_date_from_days(days_from_civil(1899, 12, serial < 60 ? 31 : 30) + serial, out);
			return 0;
		}
		sw_msg(why, whylen, "not a date");
		return -1;
	}
	if (digits(&p, 4, &y) != 4)
		goto bad;
	if (strncmp(p, "年", 3) == 0) {
		p += 3;
		if (!digits(&p, 2, &m) || strncmp(p, "月", 3) != 0)
			goto bad;
		p += 3;
		if (!digits(&p, 2, &d))
			goto bad;
		if (strncmp(p, "日", 3) == 0 || strncmp(p, "号", 3) == 0)
			p += 3;
	} else {
		char sep = *p;
		if (sep != '-' && sep != '/' && sep != '.')
			goto bad;
		p++;
		if (!digits(&p, 2, &m) || *p++ != sep || !digits(&p, 2, &d))
			goto bad;
	}
	if (!skip_time(p))
		goto bad;
check:
	if (!sw_date_valid(y, m, d)) {
		sw_msg(why, whylen, "impossible date");
		return -1;
	}
	put_iso(out, y, m, d);
	return 0;
bad:
	sw_msg(why, whylen, "not a date (expected YYYY-MM-DD)");
	return -1;
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
	sw_msg(why, whylen, "not a month (expected YYYY-MM)");
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

int sw_idcard_parse(const char *s, char out[19], char birth[11], int *male,
		    char *why, size_t whylen)
{
	size_t n = strlen(s);
	char id[19];

	if (n == 15 && all_digits(s)) {
		/* Pre-1999 IDs: two-digit year of the 1900s, no check digit. */
		memcpy(id, s, 6);
		memcpy(id + 6, "19", 2);
		memcpy(id + 8, s + 6, 9);
		id[17] = sw_idcard_check_char(id);
		id[18] = 0;
	} else if (n == 18) {
		memcpy(id, s, 19);
		if (id[17] == 'x')
			id[17] = 'X';
		for (int i = 0; i < 17; i++)
			if (!isdigit((unsigned char)id[i]))
				goto shape;
		if (!isdigit((unsigned char)id[17]) && id[17] != 'X')
			goto shape;
		if (sw_idcard_check_char(id) != id[17]) {
			sw_msg(why, whylen, "bad check digit");
			return -1;
		}
	} else
		goto shape;

	if (!province_ok(id)) {
		sw_msg(why, whylen, "unknown region code");
		return -1;
	}
	int y = (id[6]-'0')*1000 + (id[7]-'0')*100 + (id[8]-'0')*10 + (id[9]-'0');
	int m = (id[10]-'0')*10 + (id[11]-'0');
	int d = (id[12]-'0')*10 + (id[13]-'0');
	char b[11], today[11];
	if (!sw_date_valid(y, m, d)) {
		sw_msg(why, whylen, "impossible birth date");
		return -1;
	}
	put_iso(b, y, m, d);
	sw_date_today(today);
	if (strcmp(b, today) > 0) {
		sw_msg(why, whylen, "birth date in the future");
		return -1;
	}
	memcpy(out, id, 19);
	if (birth)
		memcpy(birth, b, 11);
	if (male)
		*male = (id[16] - '0') % 2;
	return 0;
shape:
	sw_msg(why, whylen, "not a resident ID (expected 18 digits, the last may be X)");
	return -1;
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
	char d[32], ext[16] = "";
	size_t n = 0, e = 0;
	const char *p = s;

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
	sw_msg(why, whylen, "not a phone number");
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
		sw_msg(why, whylen, "out of range (%lld to %lld)", min, max);
		return -1;
	}
	*out = v;
	return 0;
bad:
	sw_msg(why, whylen, "not a whole number");
	return -1;
}
