/* libFuzzer harness: amounts of money (sw_money_parse, a contract's amount
 * and spending) and marks (sw_marks_parse, an evaluator's score). The
 * first byte picks yuan or 万元. Accepted amounts are 0..SW_MONEY_MAX fen
 * and read back from their canonical text to the same fen; a refusal says
 * why; marks read back from sw_marks_fmt. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sw/evaluate.h"
#include "sw/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int unit = data[0] & 1 ? 10000 : 1;
	char *s = malloc(size), why[160] = "", buf[32];
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	long long fen, again;
	if (sw_money_parse(s, unit, &fen, why, sizeof why) == 0) {
		if (fen < 0 || fen > SW_MONEY_MAX)
			abort();
		if (sw_money_parse(sw_money_fmt(fen, buf, sizeof buf), 1, &again, why, sizeof why) != 0 ||
		    again != fen)
			abort();
	} else if (!why[0])
		abort();
	long long h, h2;
	if (sw_marks_parse(s, &h) == 0) {
		sw_marks_fmt(h, buf, sizeof buf);
		if (sw_marks_parse(buf, &h2) != 0 || h2 != h)
			abort();
	}
	free(s);
	return 0;
}
