/* libFuzzer harness: vocabulary lookup and the text folding under it, and
 * the set and list columns built on them. The first byte picks the
 * vocabulary; a key found must be found again by its own name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/import.h"
#include "sw/text.h"
#include "sw/vocab.h"

static const char *const vocabs[] = {
	"level", "division_level", "role", "certificate", "gender", "category", "hukou",
	"domain", "risk", "service_type", "activity_kind", "education", "stage", "bool",
};
#define NV (sizeof vocabs / sizeof vocabs[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *vocab = vocabs[data[0] % NV];
	char *s = malloc(size), why[512];
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;

	const char *k = sw_vocab_lookup(vocab, s);
	if (k && sw_vocab_lookup(vocab, k) != k)
		abort();
	sw_vocab_label(vocab, k ? k : s, data[0] & 0x80);

	/* set and list columns, through the import's normalisation */
	const struct sw_column set = {"c", NULL, SW_T_SET, vocab, 0, 0, 0, NULL, NULL};
	const struct sw_column list = {"c", NULL, SW_T_LIST, NULL, 0, 0, 0, NULL, NULL};
	const struct sw_column one = {"c", NULL, SW_T_VOCAB, vocab, 0, 0, 0, NULL, NULL};
	size_t cap = strlen(s) * 4 + 64;
	char *out = malloc(cap), *again = malloc(cap);
	for (const struct sw_column *c = &set; c; c = c == &set ? &list : c == &list ? &one : NULL) {
		if (sw_column_norm(c, s, out, cap, why, sizeof why) == 0 &&
		    (sw_column_norm(c, out, again, cap, why, sizeof why) != 0 || strcmp(out, again) != 0))
			abort();	/* a canonical value must stay as it is */
	}

	/* the text helpers on the same bytes */
	char hdr[256];
	sw_header_norm(s, hdr, sizeof hdr);
	sw_utf8_valid(s, strlen(s));
	sw_text_width(s);
	sw_utf8_len(s);
	strcpy(out, s);
	size_t n = sw_text_norm(out);
	if (n != strlen(out))
		abort();
	free(again);
	free(out);
	free(s);
	return 0;
}
