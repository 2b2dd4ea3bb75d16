/* Text helpers. Spreadsheets typed on Chinese input methods mix full-width
 * digits and spaces into otherwise plain values; we fold them once here. */
#include <string.h>

#include "sw/text.h"

/* The length of the well-formed UTF-8 sequence at s (before e), 0 if
 * there is none; ASCII bytes are taken by the callers. */
static inline size_t seq(const unsigned char *s, const unsigned char *e)
{
	unsigned c = *s, min, cp;
	size_t len;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(e - s) < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

int sw_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *e = s + n;

	while (s < e) {
		if (*s < 0x80) {
			if (*s == 0)
				return 0;
			s++;
			continue;
		}
		size_t len = seq(s, e);
		if (!len)
			return 0;
		s += len;
	}
	return 1;
}

size_t sw_utf8_seq(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	return n && *u >= 0x80 ? seq(u, u + n) : n && *u ? 1 : 0;
}

int sw_utf8_decode(const char *str, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (s[0] < 0x80 || s[0] < 0xc2) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xe0 && (s[1] & 0xc0) == 0x80) {
		*cp = (s[0] & 0x1fu) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] < 0xf0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		*cp = (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3f);
		return 3;
	}
	if ((s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		*cp = (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 |
		      (s[2] & 0x3fu) << 6 | (s[3] & 0x3f);
		return 4;
	}
	*cp = s[0];
	return 1;
}

size_t sw_utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

size_t sw_text_norm(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;

	/* Fast path: pure ASCII needs only the trim. */
	while (*r) {
		if (r[0] == 0xef && (r[1] == 0xbc || r[1] == 0xbd) && r[2]) {
			/* U+FF01..U+FF5E -> 0x21..0x7E */
			unsigned cp = (0xfu << 12) | ((r[1] & 0x3fu) << 6) | (r[2] & 0x3f);
			if (cp >= 0xff01 && cp <= 0xff5e) {
				*w++ = (unsigned char)(cp - 0xff01 + 0x21);
				r += 3;
				continue;
			}
		} else if (r[0] == 0xe3 && r[1] == 0x80 && r[2] == 0x80) {
			*w++ = ' ';	/* U+3000 ideographic space */
			r += 3;
			continue;
		} else if (r[0] == 0xc2 && r[1] == 0xa0) {
			*w++ = ' ';	/* NBSP, common in pasted web text */
			r += 2;
			continue;
		}
		*w++ = *r++;
	}
	*w = 0;
	/* trim */
	unsigned char *b = (unsigned char *)s;
	while (w > b && is_space(w[-1]))
		*--w = 0;
	unsigned char *p = b;
	while (is_space(*p))
		p++;
	if (p != b)
		memmove(b, p, (size_t)(w - p) + 1);
	return (size_t)(w - p);
}

void sw_text_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static int cp_width(unsigned cp)
{
	if (cp == 0)
		return 0;
	if ((cp >= 0x300 && cp <= 0x36f) || cp == 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
	    (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

size_t sw_text_width(const char *s)
{
	size_t w = 0;
	while (*s) {
		unsigned cp;
		s += sw_utf8_decode(s, &cp);
		w += (size_t)cp_width(cp);
	}
	return w;
}

const char *sw_decimal(long long v, char buf[SW_DECIMAL_MAX])
{
	char *e = buf + SW_DECIMAL_MAX - 1;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	*e = 0;
	do
		*--e = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--e = '-';
	return e;
}

/* The length of the white space character at s, or 0. */
static size_t space_at(const char *s)
{
	if (is_space((unsigned char)*s))
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0)
		return 2;	/* NBSP */
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;	/* U+3000 */
	return 0;
}

char *sw_text_copy(char *out, size_t n, const char *s)
{
	size_t k = strnlen(s, n - 1);
	memcpy(out, s, k);
	out[k] = 0;
	return out;
}

int sw_text_blank(const char *s)
{
	size_t k;
	while ((k = space_at(s)))
		s += k;
	return !*s;
}

size_t sw_text_trim(char *s)
{
	size_t k, n, start = 0;
	while ((k = space_at(s + start)))
		start += k;
	n = strlen(s + start);
	memmove(s, s + start, n + 1);
	for (;;) {
		if (n >= 1 && space_at(s + n - 1) == 1)
			n -= 1;
		else if (n >= 2 && space_at(s + n - 2) == 2)
			n -= 2;
		else if (n >= 3 && space_at(s + n - 3) == 3)
			n -= 3;
		else
			break;
		s[n] = 0;
	}
	return n;
}

int sw_list_next(const char **p, char *out, size_t n)
{
	if (!*p || !**p)
		return 0;
	size_t k = strcspn(*p, ";");
	int fits = k < n;
	if (fits) {
		memcpy(out, *p, k);
		out[k] = 0;
	} else if (n)
		*out = 0;
	*p += k + ((*p)[k] == ';');
	return fits ? 1 : -1;
}
