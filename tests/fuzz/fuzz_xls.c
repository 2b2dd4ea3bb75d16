/* libFuzzer harness: the .xls reader on arbitrary bytes. An input that
 * starts as a compound file does is written to a file and read as a
 * workbook (our container and record code, then libfreexl); any other
 * input is taken as a workbook stream and its records read directly, so
 * that the fuzzer reaches the record code without building a container.
 * No input may crash the reader, leak, hang, or hand out a row whose
 * fields are not NUL-terminated UTF-8 of the kinds the header promises.
 * Seeds: the workbooks of tests/fixtures/xls, and the inputs that found
 * our bugs or libfreexl's that the reader now keeps libfreexl from. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/text.h"
#include "sw/xls.h"
#include "sw/xlspriv.h"

static char path[64];

/* libfreexl 1.0.6 leaks cells of some damaged workbooks it opens (the
 * reader refuses the kinds found so far before it is asked: two
 * DIMENSION records, sheets out of place); a leak inside it is its own,
 * not the reader's. Crashes inside it still stop the fuzzer. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfreexl.so\n"; }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	snprintf(path, sizeof path, "/tmp/fuzz_xls.%d.xls", (int)getpid());
	return 0;
}

static void workbook(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	char why[256];
	struct sw_xls *x = sw_xls_open(path, why, sizeof why);
	if (x) {
		for (int i = 0; i < sw_xls_nsheets(x); i++) {
			if (!sw_xls_sheet_name(x, i) || sw_xls_sheet(x, i) != 0)
				continue;
			struct sw_row row;
			while (sw_xls_next(x, &row) == 1)
				for (int f = 0; f < row.nf; f++) {
					if (!strchr("sndbe", row.kind[f]))
						abort();
					if (!row.bad && !sw_utf8_valid(row.f[f], strlen(row.f[f])))
						abort();
				}
		}
		sw_xls_close(x);
	}
	unlink(path);
}

static void stream(const uint8_t *data, size_t size)
{
	char why[256];
	struct sw_xls_book b;
	if (sw_xls_globals(data, size, &b, why, sizeof why) != 0)
		return;
	for (int i = 0; i < b.nsheets; i++) {
		struct sw_xls_cells c;
		if (sw_xls_cells_read(data, size, &b, i, &c, why, sizeof why) != 0)
			continue;
		for (size_t k = 0; k < c.n; k++) {
			const char *t = c.text + c.c[k].off;
			if (!strchr("sndbe", c.c[k].kind) || (k && c.c[k - 1].row == c.c[k].row &&
							     c.c[k - 1].col >= c.c[k].col))
				abort();
			if (!c.c[k].bad && !sw_utf8_valid(t, strlen(t)))
				abort();
		}
		sw_xls_cells_free(&c);
	}
	sw_xls_book_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 8 && memcmp(data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		workbook(data, size);
	else
		stream(data, size);
	return 0;
}
