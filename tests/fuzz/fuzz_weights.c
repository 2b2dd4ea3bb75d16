/* libFuzzer harness: sw-match's --weights (sw_weights_parse). Accepted
 * weights are each 0..1000, not all 0, and give a score bound within
 * 0..SW_SCORE_MAX; a refusal says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), why[160] = "";
	memcpy(s, data, size);
	s[size] = 0;
	struct sw_weights w = sw_weights_default;
	if (sw_weights_parse(s, &w, why, sizeof why) == 0) {
		int *v[] = {&w.skills, &w.district, &w.wage, &w.education};
		for (int i = 0; i < 4; i++)
			if (*v[i] < 0 || *v[i] > 1000)
				abort();
		if (w.skills + w.district + w.wage + w.education == 0)
			abort();
		int b = sw_score_bound(&w);
		if (b < 0 || b > SW_SCORE_MAX)
			abort();
	} else if (!why[0])
		abort();
	free(s);
	return 0;
}
