/* libFuzzer harness: resident ID numbers (GB 11643). An accepted ID is 18
 * characters with a correct check character and a real birth date, and
 * parses back to itself; sw_idcard_norm agrees with sw_idcard_parse. */
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
	/* The column's form: the same verdict; 15 digits stay 15, and they
	 * or the 18 read back as the same ID. */
	char kept[19], via[19];
	int ok = sw_idcard_parse(s, out, NULL, NULL, why, sizeof why) == 0;
	if ((sw_idcard_norm(s, kept, why, sizeof why) == 0) != ok)
		abort();
	if (ok && ((strlen(kept) != 15 && strlen(kept) != 18) ||
		   sw_idcard_parse(kept, via, NULL, NULL, why, sizeof why) != 0 || strcmp(via, out) != 0))
		abort();
	free(s);
	return 0;
}
