/* libFuzzer harness: FROM..TO ranges (sw-case list --registered, --opened)
 * split as the option does, each end through sw_date_parse, and months
 * (--month, --from/--to of trend) through sw_month_parse. What is accepted
 * is ISO and parses back to itself. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/valid.h"

static void date(const char *s)
{
	char out[11], again[11], why[128] = "";
	if (sw_date_parse(s, out, why, sizeof why) != 0) {
		if (!why[0])
			abort();
		return;
	}
	if (strlen(out) != 10 || out[4] != '-' || out[7] != '-' ||
	    sw_date_parse(out, again, why, sizeof why) != 0 || strcmp(out, again) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), a[64], m[8], m2[8], why[128];
	memcpy(s, data, size);
	s[size] = 0;
	const char *dots = strstr(s, "..");
	if (dots) {	/* as range_opt in cmd/sw-case.c */
		snprintf(a, sizeof a, "%.*s", (int)(dots - s), s);
		if (*a)
			date(a);
		if (dots[2])
			date(dots + 2);
	} else
		date(s);
	if (sw_month_parse(s, m, why, sizeof why) == 0 &&
	    (strlen(m) != 7 || sw_month_parse(m, m2, why, sizeof why) != 0 || strcmp(m, m2) != 0))
		abort();
	free(s);
	return 0;
}
