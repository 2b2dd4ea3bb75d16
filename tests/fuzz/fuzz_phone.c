/* libFuzzer harness: phone numbers, into an output buffer of any size (the
 * first byte chooses it, 1 to 64). An accepted number parses back to
 * itself, so an export imports back unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw/valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t outlen = (size_t)(data[0] % 64) + 1;
	char *s = malloc(size), *out = malloc(outlen), again[64], why[128];
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	if (sw_phone_parse(s, out, outlen, why, sizeof why) == 0 && strlen(out) + 1 < outlen) {
		if (sw_phone_parse(out, again, sizeof again, why, sizeof why) != 0 || strcmp(out, again) != 0)
			abort();
	}
	free(out);
	free(s);
	return 0;
}
