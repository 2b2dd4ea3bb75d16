/* libFuzzer harness: masking and keyed pseudonyms (lib/mask.c), on any
 * bytes. A masked value is never longer than what it masks, keeps whole
 * UTF-8 characters of valid UTF-8, and shows no more than its ends; a
 * pseudonym is 32 hex digits, the same for the same key and value. The
 * first byte picks the column type and the output room. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/import.h"
#include "sw/mask.h"
#include "sw/text.h"

static const struct sw_column cols[] = {
	{"name", "姓名", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"id_number", NULL, SW_T_IDCARD, NULL, 0, 0, 0, NULL, NULL},
	{"phone", NULL, SW_T_PHONE, NULL, 0, 0, 0, NULL, NULL},
	{"address", NULL, SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
	{"note", NULL, SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct sw_column *c = &cols[data[0] % 5];
	size_t room = 1 + (data[0] >> 3) * 8;	/* 1 .. 249 bytes */
	char *s = malloc(size), *out = malloc(room);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	size_t n = strlen(s);
	int valid = sw_utf8_valid(s, n);
	sw_mask_value(c, s, out, room);
	size_t m = strlen(out);
	if (m >= room || (c->type != SW_T_TEXT && m > n))
		abort();
	if (valid && strcmp(c->name, "name") == 0 && !sw_utf8_valid(out, m))
		abort();	/* a character cut in half */
	for (size_t i = 6; c->type == SW_T_IDCARD && m == n && i + 4 < n; i++)
		if (s[i] != '-' && out[i] != '*')
			abort();	/* a digit of an ID's middle shown */
	static const unsigned char key[] = "a key of sixteen bytes or more";
	char p1[33], p2[33];
	if (sw_pseudonym(key, sizeof key - 1, s, p1) != 0 ||
	    sw_pseudonym(key, sizeof key - 1, s, p2) != 0)
		abort();
	if (strlen(p1) != 32 || strspn(p1, "0123456789abcdef") != 32 || strcmp(p1, p2) != 0)
		abort();
	free(s);
	free(out);
	return 0;
}
