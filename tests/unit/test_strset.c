/* The shared hash tables: what report, merge and workers count with. */
#include <stdio.h>

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
		snprintf(s, sizeof s, "W%06d", i);
		bad += sw_strset_put(&t, i % 5, s, sw_str_hash(s), i) != -1;
	}
	for (int i = 0; i < 100000; i++) {
		snprintf(s, sizeof s, "W%06d", i);
		bad += sw_strset_get(&t, i % 5, s, sw_str_hash(s)) != i;
		bad += sw_strset_get(&t, i % 5 + 1, s, sw_str_hash(s)) != -1;
	}
	T_INT(bad, 0, "100,000 strings found again after growing, under their tags only");
	T_INT((long long)t.n, 100002, "each stored once");
	sw_strset_free(&t);
	T_INT((long long)t.cap, 0, "freed");

	struct sw_keyset k = {0};
	T_INT(sw_keyset_add(&k, 0), 1, "key 0 is a key like any other");
	T_INT(sw_keyset_add(&k, 0), 0, "and is there the second time");
	T_INT(sw_keyset_add(&k, UINT64_MAX - 1), 1, "the largest key");
	bad = 0;
	for (uint64_t g = 0; g < 4; g++)
		for (uint64_t p = 1; p < 50000; p++)
			bad += sw_keyset_add(&k, g << 32 | p) != 1;
	for (uint64_t p = 1; p < 50000; p++)
		bad += sw_keyset_add(&k, 2ull << 32 | p) != 0;
	T_INT(bad, 0, "row << 32 | person keys: each new once, then known");
	T_INT((long long)k.n, 2 + 4 * 49999, "counted once each");
	sw_keyset_free(&k);
	return T_DONE();
}
