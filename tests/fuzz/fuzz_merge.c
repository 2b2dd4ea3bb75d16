/* libFuzzer harness: sw-report merge's input. The input is split at its
 * first NUL into two report CSVs (in-memory files); they are merged, and a
 * merged report is written as CSV and as HTML (to standard output, which
 * the run closes). No input may
 * crash, overflow a sum (UBSan), leak, or be accepted with a negative
 * figure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sw/err.h"
#include "sw/out.h"
#include "sw/report.h"

static int fd[2];
static char path[2][64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	sw_progname = "fuzz_merge";
	for (int i = 0; i < 2; i++) {
		if ((fd[i] = memfd_create("fuzz_merge", 0)) < 0)
			abort();
		snprintf(path[i], sizeof path[i], "/proc/self/fd/%d", fd[i]);
	}
	return 0;
}

static void put(int i, const uint8_t *p, size_t n)
{
	if (ftruncate(fd[i], 0) != 0 || pwrite(fd[i], p, n, 0) != (ssize_t)n)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t n0 = nul ? (size_t)(nul - data) : size;
	put(0, data, n0);
	put(1, nul ? nul + 1 : data + size, nul ? size - n0 - 1 : 0);
	char *files[] = {path[0], path[1]};
	struct sw_report r;
	if (sw_report_merge(files, nul ? 2 : 1, &r) == 0) {
		for (int g = 0; g <= r.ngroups; g++)
			for (int f = 0; f < SW_NFIG; f++)
				if (r.v[(size_t)g * SW_NFIG + f] < 0)
					abort();
		sw_report_write(&r, NULL, SW_FMT_CSV, 0, NULL);
		sw_report_write(&r, NULL, SW_FMT_HTML, 1, NULL);
	}
	sw_net_free((struct sw_net *)r.net);
	sw_report_free(&r);
	return 0;
}
