/* The CSV reader: quoting, line numbers, BOM, CRLF, encodings, bad bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/csvio.h"
#include "unit.h"

static char path[64];

static void put(const char *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	fwrite(data, 1, n, fp);
	fclose(fp);
}

/* Reads the whole file into "line:f1|f2;..." for one-line comparisons. */
static const char *dump(const char *data, size_t n, const char *enc)
{
	static char out[4096];
	size_t len = 0;
	put(data, n);
	struct sw_csv *r = sw_csv_open(path, enc);
	struct sw_row row;
	int rc;
	out[0] = 0;
	while ((rc = sw_csv_next(r, &row)) > 0) {
		len += (size_t)snprintf(out + len, sizeof out - len, "%ld:", row.line);
		for (int i = 0; i < row.nf; i++)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", i ? "|" : "", row.f[i]);
		if (row.bad)
			len += (size_t)snprintf(out + len, sizeof out - len, "!%s", row.bad);
		len += (size_t)snprintf(out + len, sizeof out - len, ";");
	}
	if (rc < 0)
		snprintf(out + len, sizeof out - len, "ERR %ld %s", sw_csv_errline(r), sw_csv_error(r));
	sw_csv_close(r);
	return out;
}

#define D(s) dump(s, sizeof s - 1, NULL)

int main(void)
{
	snprintf(path, sizeof path, "/tmp/test_csv.%d", (int)getpid());
	T_STR(D("a,b\n1,2\n"), "1:a|b;2:1|2;", "plain");
	T_STR(D("a,b\r\n1,2\r\n"), "1:a|b;2:1|2;", "CRLF");
	T_STR(D("a,b\r1,2\r"), "1:a|b;2:1|2;", "lone CR line ends");
	T_STR(D("\xef\xbb\xbf" "a,b\n1,2"), "1:a|b;2:1|2;", "BOM stripped, no final newline");
	T_STR(D("a,b\n\n\n1,2\n"), "1:a|b;4:1|2;", "blank lines skipped, line numbers kept");
	T_STR(D("a,b\n\"x\ny\",2\n3,4\n"), "1:a|b;2:x\ny|2;4:3|4;", "quoted newline: record starts on its first line");
	T_STR(D("a\n\"he said \"\"hi\"\", ok\"\n"), "1:a;2:he said \"hi\", ok;", "quoted quotes and commas");
	T_STR(D("a,b\n,\n"), "1:a|b;2:|;", "a line of only a comma");
	T_STR(D("a,b\n\"x,2\n3,4\n"), "1:a|b;ERR 2 unterminated quoted field", "unterminated quote names its first line");
	T_STR(D("a,b\nx\"y,2\n"), "1:a|b;ERR 2 malformed quoted field", "stray quote is an error");
	T_STR(D("a,b\n1,\xff\n3,4\n"), "1:a|b;2:1|\xff!invalid UTF-8 (if the file is GB18030, use --encoding gb18030);3:3|4;",
	      "invalid UTF-8 marks only its row");
	T_STR(dump("a,b\n1,\0\n", 8, NULL), "1:a|b;2:1|!NUL byte in data;", "NUL byte marks its row");
	/* 张三 in GB18030 */
	T_STR(dump("name\n\xd5\xc5\xc8\xfd\n", 10, "gb18030"), "1:name;2:张三;", "GB18030 converted");
	T_STR(dump("name\n\xd5\xc5\xc8\xfd\n", 10, "utf-8"),
	      "1:name;2:\xd5\xc5\xc8\xfd!invalid UTF-8 (if the file is GB18030, use --encoding gb18030);",
	      "GB18030 read as UTF-8 (when told so) is caught");
	/* no encoding given: the start of the file decides */
	T_STR(dump("name\n\xd5\xc5\xc8\xfd\n", 10, NULL), "1:name;2:张三;", "GB18030 recognised");
	T_STR(D("name\n张三\n李\xff\n王五\n"),
	      "1:name;2:张三;3:李\xff!invalid UTF-8 (if the file is GB18030, use --encoding gb18030);4:王五;",
	      "UTF-8 with a damaged byte stays UTF-8: only that row is bad");
	T_STR(D("name\n\xd5\xc5\xc8\xfd\n\xff\xff\n"),
	      "1:name;2:\xd5\xc5\xc8\xfd!invalid UTF-8 (if the file is GB18030, use --encoding gb18030);"
	      "3:\xff\xff!invalid UTF-8 (if the file is GB18030, use --encoding gb18030);",
	      "bytes GB18030 has no character for: not taken for GB18030");
	T_STR(dump("name\n\x81\x20\n", 8, "gb18030"), "1:name;ERR 2 invalid GB18030 byte sequence",
	      "bad GB18030 names the line");
	/* the converters are kept from one file to the next: each file is
	 * read from the converter's first state, by its own BOM */
	T_STR(dump("\xff\xfe" "a\0\n\0", 6, "utf-16"), "1:a;", "UTF-16 little-endian by its BOM");
	T_STR(dump("\xfe\xff" "\0b\0\n", 6, "utf-16"), "1:b;", "then big-endian by its own");
	T_STR(dump("\xff\xfe" "c\0\n\0", 6, "utf-16"), "1:c;", "then little-endian again");
	T_STR(D(""), "", "empty file has no records");

	/* ASCII decides nothing: GB18030 rows after 300 KB of ASCII ones. */
	{
		size_t nrow = 30000, n = 2 + 10 * nrow + 10;
		char *g = malloc(n);
		memcpy(g, "n\n", 2);
		for (size_t i = 0; i < nrow; i++)
			memcpy(g + 2 + 10 * i, "abcdefghi\n", 10);
		memcpy(g + 2 + 10 * nrow, "\xd5\xc5\xc8\xfd\n\xc0\xee\xcb\xc4\n", 10);
		put(g, n);
		free(g);
		struct sw_csv *r = sw_csv_open(path, NULL);
		struct sw_row row;
		char last[2][16] = {"", ""};
		while (sw_csv_next(r, &row) > 0) {
			strcpy(last[0], last[1]);
			snprintf(last[1], sizeof last[1], "%s%s", row.f[0], row.bad ? "!" : "");
		}
		T_OK(strcmp(last[0], "张三") == 0 && strcmp(last[1], "李四") == 0,
		     "GB18030 recognised after 300 KB of ASCII");
		sw_csv_close(r);
	}

	/* GB18030 recognised when the first 256 KiB end inside a character:
	 * 3 bytes of header, then 5-byte rows put byte 262,144 in a pair. */
	{
		size_t nrow = 60000, n = 3 + 5 * nrow;
		char *g = malloc(n);
		memcpy(g, "nm\n", 3);
		for (size_t i = 0; i < nrow; i++)
			memcpy(g + 3 + 5 * i, "\xd5\xc5\xc8\xfd\n", 5);
		put(g, n);
		free(g);
		struct sw_csv *r = sw_csv_open(path, NULL);
		struct sw_row row;
		size_t rows = 0, right = 0;
		while (sw_csv_next(r, &row) > 0)
			if (rows++ > 0)
				right += row.nf == 1 && !row.bad && strcmp(row.f[0], "张三") == 0;
		T_OK(rows == nrow + 1 && right == nrow && !sw_csv_error(r)[0],
		     "GB18030 recognised across a cut character");
		sw_csv_close(r);
	}

	/* a 1 MiB field and many columns stream through */
	size_t big = 1 << 20;
	char *s = malloc(big + 16);
	memcpy(s, "a\n", 2);
	memset(s + 2, 'x', big);
	memcpy(s + 2 + big, "\n", 1);
	put(s, big + 3);
	struct sw_csv *r = sw_csv_open(path, NULL);
	struct sw_row row;
	sw_csv_next(r, &row);
	T_INT(sw_csv_next(r, &row), 1, "1 MiB field read");
	T_INT((long long)strlen(row.f[0]), (long long)big, "1 MiB field intact");
	sw_csv_close(r);
	free(s);

	T_OK(sw_csv_open("/nonexistent/x.csv", NULL) == NULL, "missing file gives NULL");
	T_OK(sw_csv_open(path, "latin1") == NULL, "unknown encoding refused");

	FILE *fp = tmpfile();
	char *row3[] = {"plain", "has,comma", "has \"quote\"", " lead", "two\nlines", ""};
	sw_csv_put_row(fp, row3, 6);
	rewind(fp);
	char line[256] = "";
	size_t n = fread(line, 1, sizeof line - 1, fp);
	line[n] = 0;
	T_STR(line, "plain,\"has,comma\",\"has \"\"quote\"\"\",\" lead\",\"two\nlines\",\n", "minimal RFC 4180 quoting");
	fclose(fp);
	unlink(path);
	return T_DONE();
}
