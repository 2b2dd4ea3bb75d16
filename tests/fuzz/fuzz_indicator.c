/* libFuzzer harness: sw-report's --indicator LIST (sw_figure_select), --by
 * (sw_by_parse), and a figure's value as report files and targets carry it
 * (sw_figure_parse): every value accepted writes back (sw_figure_fmt) to
 * text that parses to the same value. The first byte picks the figure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int fig = data[0] % SW_NFIG;
	char *s = malloc(size), bad[64] = "";
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	unsigned char sel[SW_NFIG];
	if (sw_figure_select(s, sel, bad, sizeof bad) != 0 && !bad[0] && *s)
		abort();	/* refused without naming what */
	(void)sw_by_parse(s);
	long long v, w;
	if (sw_figure_parse(fig, s, &v) == 0) {
		char buf[64];
		sw_figure_fmt(fig, v, buf, sizeof buf);
		if (sw_figure_parse(fig, buf, &w) != 0 || w != v)
			abort();
	}
	free(s);
	return 0;
}
