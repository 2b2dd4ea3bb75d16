/* libFuzzer harness: resident ID numbers (GB 11643). An accepted ID is 18
 * characters with a correct check character and a real birth date, and
 * parses back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw/valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[19], again[19], birth[11], why[128];
	int male = -1;
	memcpy(s, data, size);
	s[size] = 0;
	if (sw_idcard_parse(s, out, birth, &male, why, sizeof why) == 0) {
		if (strlen(out) != 18 || sw_idcard_check_char(out) != out[17] || (male != 0 && male != 1))
			abort();
		if (!sw_date_valid(atoi(birth), atoi(birth + 5), atoi(birth + 8)))
			abort();
		if (sw_idcard_parse(out, again, NULL, NULL, why, sizeof why) != 0 || strcmp(out, again) != 0)
			abort();
	} else if (!why[0])
		abort();	/* a refusal always says why */
	free(s);
	return 0;
}
