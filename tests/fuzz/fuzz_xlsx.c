/* libFuzzer harness: the .xlsx reader's XML, where the fuzzer can reach it.
 * A zip with random bytes is refused by libzip's CRC checks before expat
 * sees anything, so the input is split at NUL bytes into the parts a
 * workbook is made of (sheet, shared strings, styles, workbook), which are
 * packed into a real zip with fixed relationships; every sheet and row is
 * then read. No part may crash the reader, leak, or hand out a row whose
 * fields are not NUL-terminated UTF-8 of the kinds the header promises. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "sw/text.h"
#include "sw/xlsx.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	snprintf(path, sizeof path, "/tmp/fuzz_xlsx.%d.xlsx", (int)getpid());
	return 0;
}

static const char rels[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	"</Relationships>";
static const char wbrels[] =
	"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";
static const char workbook[] =
	"<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static void add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *src = zip_source_buffer(z, p, n, 0);
	if (!src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* parts in this order; an absent workbook gets the fixed one */
	static const char *const names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
					    "xl/styles.xml", "xl/workbook.xml"};
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z)
		abort();
	add(z, "_rels/.rels", rels, sizeof rels - 1);
	add(z, "xl/_rels/workbook.xml.rels", wbrels, sizeof wbrels - 1);
	const uint8_t *p = data, *end = data + size;
	int k = 0;
	for (; k < 4 && p <= end; k++) {
		const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
		const uint8_t *e = nul ? nul : end;
		add(z, names[k], p, (size_t)(e - p));
		p = e + 1;
		if (!nul)
			break;
	}
	if (k < 3)
		add(z, "xl/workbook.xml", workbook, sizeof workbook - 1);
	if (zip_close(z) != 0)
		abort();

	char why[256];
	struct sw_xlsx *x = sw_xlsx_open(path, why, sizeof why);
	if (x) {
		for (int i = 0; i < sw_xlsx_nsheets(x); i++) {
			if (sw_xlsx_sheet(x, i) != 0)
				continue;
			struct sw_row row;
			while (sw_xlsx_next(x, &row) == 1)
				for (int f = 0; f < row.nf; f++) {
					if (!strchr("sndbe", row.kind[f]))
						abort();
					if (!row.bad && !sw_utf8_valid(row.f[f], strlen(row.f[f])))
						abort();
				}
		}
		sw_xlsx_close(x);
	}
	unlink(path);
	return 0;
}
