/* Names as they sound (see sw/pinyin.h); the table is generated. */
#include <stdlib.h>
#include <string.h>

#include "sw/pinyin.h"
#include "sw/text.h"

static int cmp(const void *k, const void *e)
{
	unsigned a = *(const unsigned *)k, b = ((const struct sw_pinyin *)e)->cp;
	return a < b ? -1 : a > b;
}

void sw_pinyin_key(const char *s, char *out)
{
	size_t n = strlen(s), o = 0;
	const char *end = s + n;
	while (*s) {
		size_t k = sw_utf8_seq(s, (size_t)(end - s));
		if (k < 3) {	/* ASCII and the like: as it is */
			size_t m = k ? k : 1;
			memcpy(out + o, s, m);
			o += m;
			s += m;
			continue;
		}
		const unsigned char *u = (const unsigned char *)s;
		unsigned cp = k == 3 ? (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu)
			: (u[0] & 0x07u) << 18 | (u[1] & 0x3fu) << 12 | (u[2] & 0x3fu) << 6 | (u[3] & 0x3fu);
		const struct sw_pinyin *p = bsearch(&cp, sw_pinyin, sw_npinyin, sizeof *sw_pinyin, cmp);
		const char *py = p ? p->py : s;
		size_t m = p ? strlen(p->py) : k;	/* at most 6 for the 3 or 4 bytes read */
		memcpy(out + o, py, m);
		o += m;
		s += k;
	}
	out[o] = 0;
}
