/* libFuzzer harness: sw-report targets' file (station_code, indicator,
 * from, to, target), read from memory through the CSV reader and checked
 * field by field as cmd/sw-report.c's read_targets does, then each target
 * evaluated (sw_target_eval) on a date and with an actual value taken from
 * the input: the elapsed days stay within the period, the completion and
 * the expectation are formatted within their buffers, nothing overflows. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/csvio.h"
#include "sw/err.h"
#include "sw/report.h"
#include "sw/target.h"
#include "sw/valid.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sw_progname = "fuzz_targets";
	return 0;
}

static void row(char **f, long long actual, const char *on)
{
	char from[11], to[11], why[128];
	long long target;
	int fig = sw_figure_find(f[1]);
	if (fig < 0 || sw_date_parse(f[2], from, why, sizeof why) != 0 ||
	    sw_date_parse(f[3], to, why, sizeof why) != 0 || strcmp(from, to) > 0 ||
	    sw_figure_parse(fig, f[4], &target) != 0 || target < 0)
		return;
	struct sw_target_eval e;
	sw_target_eval(fig, from, to, on, target, actual, &e);
	if (e.total < 1 || e.elapsed < 0 || e.elapsed > e.total ||
	    strlen(e.completion) >= sizeof e.completion || strlen(e.expected) >= sizeof e.expected)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 9)
		return 0;
	long long actual;
	memcpy(&actual, data, sizeof actual);
	if (actual < 0)
		actual = -(actual + 1);
	char on[11];
	snprintf(on, sizeof on, "20%02d-%02d-%02d", data[8] % 100, 1 + data[8] % 12, 1 + data[8] % 28);
	FILE *fp = fmemopen((void *)(data + 9), size - 9, "rb");
	if (!fp)
		return 0;	/* an empty buffer */
	struct sw_csv *csv = sw_csv_openf(fp, "targets.csv", NULL, NULL, 0);
	struct sw_row r;
	while (csv && sw_csv_next(csv, &r) == 1)
		if (!r.bad && r.nf == 5)
			row(r.f, actual, on);
	sw_csv_close(csv);
	return 0;
}
