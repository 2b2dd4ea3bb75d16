/* Mandarin readings of Chinese characters, without tones, for keying names
 * that sound alike (王小明, 王晓明: wangxiaoming). The table is generated at
 * build time from Unicode's Unihan data (lib/pinyin.sh). */
#ifndef SW_PINYIN_H
#define SW_PINYIN_H

#include <stddef.h>

struct sw_pinyin {
	unsigned cp;		/* code point, ascending */
	char py[7];		/* "zhuang" */
};
extern const struct sw_pinyin sw_pinyin[];
extern const unsigned long sw_npinyin;

/* The sound of s: each Chinese character as its reading, anything else as
 * it is, into out (4 * strlen(s) + 1 bytes at least). */
void sw_pinyin_key(const char *s, char *out);

#endif
