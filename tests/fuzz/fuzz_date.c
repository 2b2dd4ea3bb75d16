/* libFuzzer harness: dates and months as offices type them. Whatever is
 * accepted must be a real date in canonical form that parses back to
 * itself (an export imports back unchanged). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw/valid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[11], again[11], month[8], why[128];
	memcpy(s, data, size);
	s[size] = 0;
	if (sw_date_parse(s, out, why, sizeof why) == 0) {
		if (strlen(out) != 10 || out[4] != '-' || out[7] != '-' ||
		    !sw_date_valid(atoi(out), atoi(out + 5), atoi(out + 8)))
			abort();
		if (sw_date_parse(out, again, why, sizeof why) != 0 || strcmp(out, again) != 0)
			abort();
		char back[11];
		sw_date_from_days(sw_date_days(out), back);
		if (strcmp(back, out) != 0)
			abort();
	}
	if (sw_month_parse(s, month, why, sizeof why) == 0) {
		char first[11], last[11], next[8];
		if (strlen(month) != 7 || sw_month_parse(month, next, why, sizeof why) != 0 ||
		    strcmp(month, next) != 0)
			abort();
		sw_month_first(month, first);
		sw_month_last(month, last);
		sw_month_add(month, 1, next);
		if (strcmp(first, last) >= 0 || strncmp(last, month, 7) != 0)
			abort();
	}
	free(s);
	return 0;
}
