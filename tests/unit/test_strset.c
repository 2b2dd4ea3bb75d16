/* The shared hash tables: what report, merge and workers count with. */
#include <stdio.h>
#include <string.h>

#include "sw/strset.h"
#include "unit.h"

int main(void)
{
	struct sw_strset t = {0};
	char s[32];
	T_INT(sw_strset_get(&t, 0, "x", sw_str_hash("x")), -1, "an empty set finds nothing");
	T_INT(sw_strset_put(&t, 0, "S1", sw_str_hash("S1"), 7), -1, "a new string is inserted");
	T_INT(sw_strset_put(&t, 0, "S1", sw_str_hash("S1"), 9), 7, "an old one gives its value back");
	T_INT(sw_strset_put(&t, 3, "S1", sw_str_hash("S1"), 8), -1, "the same string under another tag is another");
	T_INT(sw_strset_get(&t, 3, "S1", sw_str_hash("S1")), 8, "and keeps its own value");
	int bad = 0;
	for (int i = 0; i < 100000; i++) {	/* through many doublings */
		snprintf(s, sizeof s, "%s%06d", i % 2 ? "W" : "a-longer-worker-id-", i);
		bad += sw_strset_put(&t, i % 5, s, sw_str_hash(s), i) != -1;
	}
	for (int i = 0; i < 100000; i++) {
		snprintf(s, sizeof s, "%s%06d", i % 2 ? "W" : "a-longer-worker-id-", i);
		bad += sw_strset_get(&t, i % 5, s, sw_str_hash(s)) != i;
		bad += sw_strset_get(&t, i % 5 + 1, s, sw_str_hash(s)) != -1;
	}
	T_INT(bad, 0, "100,000 strings, short and long, found again after growing, under their tags only");
	T_INT((long long)t.n, 100002, "each stored once");
	sw_strset_free(&t);
	T_INT((long long)t.cap, 0, "freed");

	const char *edge[] = {"12345678901234", "123456789012345", "1234567890123456"};
	for (int i = 0; i < 3; i++)	/* around the length kept in an entry */
		sw_strset_put(&t, 0, edge[i], sw_str_hash(edge[i]), i);
	for (int i = 0; i < 3; i++)
		bad += sw_strset_get(&t, 0, edge[i], sw_str_hash(edge[i])) != i;
	T_INT(bad, 0, "strings of 14, 15 and 16 bytes, in the entry or beside it, found again");
	static char longer[40000];	/* longer than the text's first block */
	memset(longer, 'x', sizeof longer - 1);
	T_INT(sw_strset_put(&t, 0, longer, sw_str_hash(longer), 1), -1, "a long string is inserted");
	longer[20000] = 0;
	T_INT(sw_strset_get(&t, 0, longer, sw_str_hash(longer)), -1, "a prefix of it is another string");
	longer[20000] = 'x';
	T_INT(sw_strset_get(&t, 0, longer, sw_str_hash(longer)), 1, "and it is found whole");
	sw_strset_free(&t);

	struct sw_numset k = {0};
	T_INT(sw_numset_add(&k, 0), 1, "number 0 is a number like any other");
	T_INT(sw_numset_add(&k, 0), 0, "and is there the second time");
	sw_numset_free(&k);
	bad = 0;
	for (uint32_t x = 1; x < 4000000000u; x += 40000000)	/* 100 numbers, far apart */
		bad += sw_numset_add(&k, x) != 1;
	T_INT(bad, 0, "numbers far apart are each new once");
	T_OK(!k.bits && k.cap <= 256, "and a few of them stay a small table, not a bitmap of 4e9 bits");
	bad = 0;
	for (uint32_t x = 1; x < 4000000000u; x += 40000000)
		bad += sw_numset_add(&k, x) != 0;
	T_INT(bad, 0, "and are known the second time");
	sw_numset_free(&k);
	bad = 0;
	for (uint32_t x = 0; x < 10; x++)	/* a bitmap of one word */
		bad += sw_numset_add(&k, x) != 1;
	bad += sw_numset_add(&k, 3000000000u) != 1;
	T_OK(!k.bits && k.cap <= 32, "ten small numbers and a large one: a table, not a bitmap of 3e9 bits");
	for (uint32_t x = 0; x < 10; x++)
		bad += sw_numset_add(&k, x) != 0;
	bad += sw_numset_add(&k, 3000000000u) != 0;
	T_INT(bad, 0, "and the table holds the bitmap's numbers");
	sw_numset_free(&k);
	bad = 0;
	for (uint32_t x = 0; x < 100000; x += 2)	/* the even numbers, in order */
		bad += sw_numset_add(&k, x) != 1;
	T_OK(k.bits && k.cap * 64 < 2 * 100000, "half of 100,000 numbers fill a bitmap of a bit each");
	for (uint32_t x = 0; x < 100000; x++)
		bad += sw_numset_add(&k, x) != (int)(x % 2);
	bad += sw_numset_add(&k, 3000000) != 1;	/* beyond the bitmap */
	bad += sw_numset_add(&k, 3000000) != 0;
	T_INT(bad, 0, "the bitmap knows the numbers of the table before it, and grows");
	T_INT((long long)k.n, 100001, "each counted once");
	sw_numset_free(&k);
	T_OK(!k.bits && !k.k && !k.n, "freed");
	return T_DONE();
}
