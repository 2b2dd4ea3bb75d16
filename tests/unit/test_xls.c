/* The .xls reader: the workbooks written by tests/fixtures/xls/make.py
 * (xlwt, and compound files of its own: the workbook in the mini stream,
 * a password, an encrypted .xlsx, a Word document), then workbook streams
 * built here record by record for what xlwt cannot write (formula results,
 * error cells, MULRK, Excel 5), and damaged containers and records. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/xls.h"
#include "sw/xlspriv.h"
#include "unit.h"

/* Every row of every sheet as "line:k=v|k=v;" ("!why@col" for a bad row,
 * "ERR why" on an error), sheets set apart by "#" and named "[name]" with
 * "*" for a hidden one. */
static const char *dump_file(const char *name)
{
	static char out[16384];
	char why[256], file[4096];
	const char *top = getenv("SW_TOP");
	snprintf(file, sizeof file, "%s/tests/fixtures/xls/%s", top ? top : ".", name);
	size_t len = 0;
	struct sw_xls *x = sw_xls_open(file, why, sizeof why);
	if (!x) {
		snprintf(out, sizeof out, "OPEN %s", why);
		return out;
	}
	out[0] = 0;
	for (int i = 0; i < sw_xls_nsheets(x); i++) {
		len += (size_t)snprintf(out + len, sizeof out - len, "%s[%s]%s", i ? "#" : "",
					sw_xls_sheet_name(x, i), sw_xls_sheet_hidden(x, i) ? "*" : "");
		if (sw_xls_sheet(x, i) != 0) {
			len += (size_t)snprintf(out + len, sizeof out - len, "SHEET %s", sw_xls_error(x));
			continue;
		}
		struct sw_row row;
		int rc;
		while ((rc = sw_xls_next(x, &row)) > 0) {
			len += (size_t)snprintf(out + len, sizeof out - len, "%ld:", row.line);
			for (int j = 0; j < row.nf; j++)
				len += (size_t)snprintf(out + len, sizeof out - len, "%s%c=%s",
							j ? "|" : "", row.kind[j], row.f[j]);
			if (row.bad)
				len += (size_t)snprintf(out + len, sizeof out - len, "!%s@%d",
							row.bad, row.badcell - 1);
			len += (size_t)snprintf(out + len, sizeof out - len, ";");
		}
		if (rc < 0)
			len += (size_t)snprintf(out + len, sizeof out - len, "ERR %s", sw_xls_error(x));
	}
	sw_xls_close(x);
	return out;
}

static void numbers(void)
{
	static const struct {
		double v;
		const char *want;
	} t[] = {
		{0.1, "0.1"}, {1.5, "1.5"}, {-3, "-3"}, {0, "0"}, {13900000001.0, "13900000001"},
		{0.30000000000000004, "0.30000000000000004"},
		/* an 18-digit ID typed as a number: what Excel kept, in digits */
		{339901195003150016.0, "339901195003150000"},
		{12345678901234567890.0, "12345678901234567000"}, {1e21, "1e+21"}, {-2.5e-7, "-2.5e-07"},
	};
	char out[32];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		sw_xls_number(t[i].v, out);
		T_STR(out, t[i].want, "number %s written as Excel stores it", t[i].want);
	}
}

static void fixtures(void)
{
	T_STR(dump_file("clients.xls"),
	      "[服务对象台账]"
	      "1:s=青溪街道社工站服务对象台账（2026年10月）;"
	      "2:s=档案号|s=姓名|s=性别|s=出生日期|s=公民身份号码|s=手机号码|s=所属站点|s=人员类别|s=建档日期;"
	      "3:s=QX-C001|s=张三|s=男|d=1950-03-15|s=339901195003150016|n=13900000001|s=QX-001|s=老年人、独居|d=2026-09-01;"
	      "4:s=QX-C002|s=李四|s=女|d=1962-11-08|s=339901196211080029|n=13900000002|s=QX-001|s=低保|d=2026-09-03;"
	      "5:s=QX-C003|s=王五|s=男|d=2016-06-01|s=339901201606010037|s=|s=QX-002|s=儿童；留守|d=2026-09-10;"
	      "6:s=QX-C004|s=赵六|s=女|d=1988-08-08|s=339901198808080047|n=13900000004|s=QX-002|s=残疾人|d=2026-10-02;"
	      "7:s=QX-C005|s=钱七|s=男|d=1945-01-20|s=339901194501200050|n=13900000005|s=QX-001|s=特困|d=2026-10-15;"
	      "9:s=合计|s=|s=共5人;"
	      "#[服务记录]"
	      "1:s=服务编号|s=档案号|s=所属站点|s=服务日期|s=服务类型|s=时长（小时）|s=服务内容;"
	      "2:s=S-2026-0001|s=QX-C001|s=QX-001|d=2026-10-08|s=探访|n=1.5|s=上门探访，了解近况\n血压正常;"
	      "3:s=S-2026-0002|s=QX-C003|s=QX-002|d=2026-10-09|s=个案辅导|n=2|s=学业辅导;"
	      "4:s=S-2026-0003|s=QX-C002|s=QX-001|d=2026-10-12 14:30|s=政策咨询|n=0.5|s= 低保复核材料说明 ;",
	      "clients.xls: text, ID numbers as text, date cells (custom zh format too) as ISO, "
	      "numbers as stored, rows numbered as in Excel, a formula without a result empty");
	const char *cells =
		"[cells]"
		"1:b=TRUE|b=FALSE;"
		"2:n=0.1|n=-3|n=339901195003150000|n=1e+21|n=12345678901234567000;"
		"3:d=|d=12:00|n=-1|d=2026-10-05!date cell holds Excel's nonexistent 1900-02-29@0;"
		"5:s=|s=第五行;"
		"#[下拉选项]*1:s=老年人;2:s=儿童;3:s=残疾人;";
	T_STR(dump_file("cells.xls"), cells,
	      "cells.xls: booleans (libfreexl says 1 and 0), numbers, 1900-02-29 refused, a time, "
	      "a negative date-formatted number stays a number, a hidden sheet listed as hidden");
	T_STR(dump_file("small.xls"), cells, "a workbook in the compound file's mini stream");
	T_STR(dump_file("password.xls"), "OPEN encrypted workbook: save it without a password",
	      "an .xls with a password to open");
	T_STR(dump_file("encrypted.xlsx"), "OPEN encrypted workbook: save it without a password",
	      "an encrypted .xlsx (an OLE file with EncryptedPackage)");
	T_STR(dump_file("letter.doc"),
	      "OPEN a Word document (.doc): copy the table into Excel or WPS and save it as .xlsx or CSV UTF-8",
	      "a Word document");
	T_STR(dump_file("digits.xls"),
	      "OPEN sheet 1, cell C4: a date cell holds a number past 9999-12-31 (a date typed as "
	      "digits?), which the .xls reader cannot read: type it as a date, or save the workbook "
	      "as .xlsx", "19500315 in a date cell: refused before libfreexl takes seconds over it");
	T_STR(dump_file("none.xls"), "OPEN No such file or directory", "a file that is not there");
}

/* --- workbook streams built record by record --- */

static unsigned char w[8192];
static size_t wn;

static void rec(unsigned type, const void *data, size_t n)
{
	w[wn] = (unsigned char)type;
	w[wn + 1] = (unsigned char)(type >> 8);
	w[wn + 2] = (unsigned char)n;
	w[wn + 3] = (unsigned char)(n >> 8);
	memcpy(w + wn + 4, data, n);
	wn += 4 + n;
}

/* Little-endian fields into b: "1" a byte, "2" u16, "4" u32 (unsigned
 * long arguments), "8" a double. Returns the bytes written. */
static size_t put(unsigned char *b, const char *fmt, ...)
{
	va_list ap;
	size_t n = 0;
	va_start(ap, fmt);
	for (const char *f = fmt; *f; f++) {
		if (*f == '8') {
			double d = va_arg(ap, double);
			memcpy(b + n, &d, 8);
			n += 8;
			continue;
		}
		unsigned long v = va_arg(ap, unsigned long);
		int k = *f == '1' ? 1 : *f == '2' ? 2 : 4;
		for (int i = 0; i < k; i++)
			b[n++] = (unsigned char)(v >> 8 * i);
	}
	va_end(ap);
	return n;
}

#define U(x) ((unsigned long)(x))

static void (*extra)(void);	/* more records for the globals */

/* Globals with cell formats 0 General, 1 yyyy-mm-dd (14), 2 a custom
 * date (164), 3 zh-CN built-in 31 (no FORMAT record, as Excel writes
 * it), 4 h:mm (20), 5 a custom number format with d and m in [Magenta]
 * and quotes; one sheet whose records start at the returned offset. */
static size_t globals(unsigned version, int with_filepass, int date1904)
{
	unsigned char b[64];
	wn = 0;
	rec(0x0809, b, put(b, "22", U(version), U(0x0005)));
	if (with_filepass)
		rec(0x002f, b, put(b, "222", U(0), U(1), U(2)));
	rec(0x0022, b, put(b, "2", U(date1904)));
	static const char code[] = "yyyy/m/d";
	size_t n = put(b, "221", U(164), U(sizeof code - 1), U(0));
	memcpy(b + n, code, sizeof code - 1);
	rec(0x041e, b, n + sizeof code - 1);
	static const char num[] = "[Magenta]0\"dm\"";
	n = put(b, "221", U(165), U(sizeof num - 1), U(0));
	memcpy(b + n, num, sizeof num - 1);
	rec(0x041e, b, n + sizeof num - 1);
	unsigned fmts[] = {0, 14, 164, 31, 20, 165};
	for (size_t i = 0; i < 6; i++)
		rec(0x00e0, b, put(b, "22", U(0), U(fmts[i])));
	if (extra)
		extra();
	size_t at = wn + 4;	/* the BOUNDSHEET's offset field */
	rec(0x0085, b, put(b, "411", U(0), U(0), U(0)));
	rec(0x000a, b, 0);
	size_t pos = wn;
	w[at] = (unsigned char)pos;
	w[at + 1] = (unsigned char)(pos >> 8);
	return pos;
}

/* The cells read from the sheet that follows the globals, as
 * "row,col:k=text!bad;", or "GLOBALS why" / "SHEET why". */
static const char *cells_of(void)
{
	static char out[4096];
	char why[256];
	struct sw_xls_book b;
	struct sw_xls_cells c;
	if (sw_xls_globals(w, wn, &b, why, sizeof why) != 0) {
		snprintf(out, sizeof out, "GLOBALS %s", why);
		return out;
	}
	if (sw_xls_cells_read(w, wn, &b, 0, &c, why, sizeof why) != 0) {
		snprintf(out, sizeof out, "SHEET %s", why);
		sw_xls_book_free(&b);
		return out;
	}
	size_t len = 0;
	out[0] = 0;
	for (size_t i = 0; i < c.n; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%u,%u:%c=%s%s%s;",
					(unsigned)c.c[i].row, (unsigned)c.c[i].col, c.c[i].kind,
					c.text + c.c[i].off, c.c[i].bad ? "!" : "",
					c.c[i].bad ? c.c[i].bad : "");
	sw_xls_cells_free(&c);
	sw_xls_book_free(&b);
	return out;
}

/* A FORMULA record's fixed part: row, col, format, 8 result bytes. */
static size_t formula(unsigned char *b, unsigned row, unsigned col, unsigned xf,
		      const unsigned char res[8])
{
	size_t n = put(b, "222", U(row), U(col), U(xf));
	memcpy(b + n, res, 8);
	n += 8;
	return n + put(b + n, "24", U(0), U(0)) + put(b + n + 6, "2", U(0));
}

static void records(void)
{
	unsigned char b[256];
	globals(0x0600, 0, 0);
	rec(0x0809, b, put(b, "22", U(0x0600), U(0x0010)));
	rec(0x0203, b, put(b, "2228", U(0), U(0), U(0), 13900000001.0));
	rec(0x027e, b, put(b, "2224", U(0), U(1), U(0), U((uint32_t)-42 << 2 | 2)));
	rec(0x027e, b, put(b, "2224", U(0), U(2), U(0), U((1234 << 2) | 3)));	/* 12.34 */
	/* MULRK: 1950-03-15 (18337) as yyyy-mm-dd, custom yyyy/m/d, zh built-in 31;
	 * 0.5 as h:mm; 18337 in a number format with d and m in brackets and quotes */
	rec(0x00bd, b, put(b, "22" "24" "24" "24" "24" "24" "2", U(1), U(0),
			   U(1), U((18337 << 2) | 2), U(2), U((18337 << 2) | 2), U(3), U((18337 << 2) | 2),
			   U(4), U(0x3fe00000), U(5), U((18337 << 2) | 2), U(4)));
	rec(0x0205, b, put(b, "22211", U(2), U(0), U(0), U(0x2a), U(1)));	/* #N/A */
	rec(0x0205, b, put(b, "22211", U(2), U(1), U(0), U(1), U(0)));	/* TRUE */
	rec(0x0205, b, put(b, "22211", U(2), U(2), U(0), U(0x07), U(1)));	/* #DIV/0! */
	unsigned char res[8];
	double d = 46300;	/* =DATE(2026,10,5) */
	memcpy(res, &d, 8);
	rec(0x0006, b, formula(b, 3, 0, 1, res));
	memcpy(res, "\0\0\0\0\0\0\xff\xff", 8);	/* text: the STRING record after */
	rec(0x0006, b, formula(b, 3, 1, 0, res));
	rec(0x04bc, b, put(b, "2", U(0)));	/* a shared formula in between */
	size_t n = put(b, "21", U(4), U(1));	/* 4 UTF-16 units: 文 U+1F600 本 */
	n += put(b + n, "2222", U(0x6587), U(0xd83d), U(0xde00), U(0x672c));
	rec(0x0207, b, n);
	memcpy(res, "\1\0\1\0\0\0\xff\xff", 8);	/* TRUE */
	rec(0x0006, b, formula(b, 3, 2, 0, res));
	memcpy(res, "\2\0\x17\0\0\0\xff\xff", 8);	/* #REF! */
	rec(0x0006, b, formula(b, 3, 3, 0, res));
	memcpy(res, "\3\0\0\0\0\0\xff\xff", 8);	/* "" */
	rec(0x0006, b, formula(b, 3, 4, 0, res));
	memcpy(res, "\0\0\0\0\0\0\xff\xff", 8);	/* text, but no STRING */
	rec(0x0006, b, formula(b, 3, 5, 0, res));
	rec(0x0203, b, put(b, "2228", U(4), U(0), U(0), 1.0));
	rec(0x0203, b, put(b, "2228", U(4), U(0), U(0), 2.0));	/* the same cell again */
	n = put(b, "2221", U(5), U(0), U(0), U(3));
	rec(0x00d6, b, n + 3);	/* an Excel 5 rich-text cell */
	rec(0x000a, b, 0);
	T_STR(cells_of(),
	      "0,0:n=13900000001;0,1:n=-42;0,2:n=12.34;"
	      "1,0:d=1950-03-15;1,1:d=1950-03-15;1,2:d=1950-03-15;1,3:d=12:00;1,4:n=18337;"
	      "2,0:e=#N/A;2,1:b=TRUE;2,2:e=#DIV/0!;"
	      "3,0:d=2026-10-05;3,1:s=文😀本;3,2:b=TRUE;3,3:e=#REF!;3,4:s=;"
	      "3,5:s=!a formula without its text;"
	      "4,0:n=2;"
	      "5,0:s=!a rich-text cell of an Excel 5 workbook: save it as .xlsx;",
	      "records: NUMBER, RK, MULRK by format (built-in, custom, zh-CN 31, time, a number "
	      "format with letters in brackets and quotes), BOOLERR, FORMULA results, a later "
	      "duplicate wins");

	globals(0x0600, 0, 1);
	rec(0x0809, b, put(b, "22", U(0x0600), U(0x0010)));
	rec(0x027e, b, put(b, "2224", U(0), U(0), U(1), U((0 << 2) | 2)));
	rec(0x027e, b, put(b, "2224", U(0), U(1), U(1), U((60 << 2) | 2)));
	rec(0x000a, b, 0);
	T_STR(cells_of(), "0,0:d=1904-01-01;0,1:d=1904-03-01;", "the 1904 date system");

	globals(0x0600, 0, 0);
	rec(0x0809, b, put(b, "22", U(0x0600), U(0x0010)));
	rec(0x0203, b, put(b, "2228", U(0), U(0), U(0), 1.0));
	T_STR(cells_of(), "SHEET damaged sheet: its records end too early", "a sheet without EOF");
	wn -= 3;
	T_STR(cells_of(), "SHEET damaged sheet: its records end too early", "a record cut short");
	globals(0x0600, 0, 0);
	rec(0x0809, b, put(b, "22", U(0x0600), U(0x0010)));
	rec(0x0203, b, put(b, "222", U(0), U(0), U(0)));
	rec(0x000a, b, 0);
	T_STR(cells_of(), "SHEET damaged sheet: its records end too early",
	      "a NUMBER record too short for its number");
	globals(0x0600, 0, 0);
	rec(0x0203, b, put(b, "2228", U(0), U(0), U(0), 1.0));
	rec(0x000a, b, 0);
	T_STR(cells_of(), "SHEET damaged sheet: its records end too early",
	      "a sheet that does not start with BOF");

	globals(0x0600, 1, 0);
	T_STR(cells_of(), "GLOBALS encrypted workbook: save it without a password", "FILEPASS");
	globals(0x0400, 0, 0);
	T_STR(cells_of(), "GLOBALS an Excel workbook older than Excel 5: open it in Excel or WPS "
	      "and save it as .xlsx or CSV UTF-8", "BIFF4");
	wn = 0;
	rec(0x0203, b, put(b, "2228", U(0), U(0), U(0), 1.0));
	T_STR(cells_of(), "GLOBALS a damaged Excel 97-2003 workbook (.xls): open it in Excel or "
	      "WPS and save it as .xlsx or CSV UTF-8", "a stream that does not start with BOF");
	globals(0x0500, 0, 0);
	T_STR(cells_of(), "SHEET damaged sheet: its records end too early",
	      "Excel 5 globals are read (its sheet here has no records)");
}

/* Shared strings: "ab", then 文本 whose second character is in a CONTINUE
 * record (libfreexl reads that); then text that runs on through two
 * CONTINUE records, or past its record; a FORMAT longer than its record. */
static void sst_split(void)
{
	unsigned char b[64];
	size_t n = put(b, "44" "21" "2" "21" "2", U(2), U(2), U(2), U(0), U(0x6261), U(2), U(1),
		       U(0x6587));
	rec(0x00fc, b, n);
	rec(0x003c, b, put(b, "12", U(1), U(0x672c)));
}

static void sst_long(void)
{
	unsigned char b[64];
	rec(0x00fc, b, put(b, "44" "21" "2", U(1), U(1), U(3), U(1), U(0x6587)));
	rec(0x003c, b, put(b, "12", U(1), U(0x672c)));
	rec(0x003c, b, put(b, "12", U(1), U(0x672c)));
}

static void sst_past(void)
{
	unsigned char b[64];
	rec(0x00fc, b, put(b, "44" "21" "2", U(1), U(1), U(10), U(0), U(0x6261)));
}

static void format_past(void)
{
	unsigned char b[64];
	rec(0x041e, b, put(b, "221" "2", U(166), U(50), U(0), U(0x6261)));
}

static void strings(void)
{
	unsigned char b[64];
	static const struct {
		void (*extra)(void);
		const char *want, *what;
	} t[] = {
		{sst_split, "0,0:n=1;", "shared strings, one split across a CONTINUE record"},
		{sst_long, "GLOBALS a cell holds text too long for the .xls reader (thousands of "
		 "characters): save the workbook as .xlsx or CSV UTF-8",
		 "a text through two CONTINUE records"},
		{sst_past, "GLOBALS a damaged Excel 97-2003 workbook (.xls): open it in Excel or WPS "
		 "and save it as .xlsx or CSV UTF-8", "a shared string past its record"},
		{format_past, "GLOBALS a damaged Excel 97-2003 workbook (.xls): open it in Excel or WPS "
		 "and save it as .xlsx or CSV UTF-8", "a FORMAT past its record"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		extra = t[i].extra;
		globals(0x0600, 0, 0);
		rec(0x0809, b, put(b, "22", U(0x0600), U(0x0010)));
		rec(0x0203, b, put(b, "2228", U(0), U(0), U(0), 1.0));
		rec(0x000a, b, 0);
		T_STR(cells_of(), t[i].want, "%s", t[i].what);
	}
	extra = NULL;
	globals(0x0600, 0, 0);
	rec(0x0809, b, put(b, "22", U(0x0600), U(0x0010)));
	rec(0x0204, b, put(b, "222" "21" "2", U(0), U(0), U(0), U(9), U(0), U(0x6261)));
	rec(0x000a, b, 0);
	T_STR(cells_of(), "SHEET damaged sheet: its records end too early", "a LABEL past its record");
}

/* Compound files damaged in their header, FAT and directory. */
static void containers(void)
{
	static unsigned char p[65536];
	char why[256], file[4096];
	const char *top = getenv("SW_TOP");
	const char *damaged = "a damaged Excel 97-2003 workbook (.xls): open it in Excel or WPS "
			      "and save it as .xlsx or CSV UTF-8";
	snprintf(file, sizeof file, "%s/tests/fixtures/xls/clients.xls", top ? top : ".");
	FILE *fp = fopen(file, "rb");
	size_t n = fp ? fread(p, 1, sizeof p, fp) : 0;
	if (fp)
		fclose(fp);
	T_OK(n > 4096, "clients.xls read");
	unsigned char *s;
	size_t sn;
	T_INT(sw_xls_stream(p, n, &s, &sn, why, sizeof why), 0, "its workbook stream");
	T_OK(sn >= 4096 && s[0] == 0x09 && s[1] == 0x08, "starts with BOF");
	free(s);
	for (size_t cut = 0; cut < n; cut += 512) {
		int rc = sw_xls_stream(p, cut, &s, &sn, why, sizeof why);
		if (rc == 0)
			free(s);
		if (cut < n - 512 && !(rc == -1 && strcmp(why, damaged) == 0)) {
			T_OK(0, "cut at %zu bytes: damaged", cut);
			return;
		}
	}
	T_OK(1, "cut anywhere before its last sector: damaged, and nothing read past the end");
	unsigned char q[65536];
	memcpy(q, p, n);
	uint32_t fat0 = (uint32_t)q[0x4c] | (uint32_t)q[0x4d] << 8;
	unsigned char *fat = q + (fat0 + 1) * 512;
	uint32_t dir = (uint32_t)q[0x30] | (uint32_t)q[0x31] << 8;
	memcpy(fat + 4 * dir, &dir, 4);	/* the directory's chain loops on itself */
	T_INT(sw_xls_stream(q, n, &s, &sn, why, sizeof why), -1, "a FAT chain that loops");
	T_STR(why, damaged, "is damaged");
	memcpy(q, p, n);
	q[0x1e] = 20;	/* sectors of 1 MiB */
	T_INT(sw_xls_stream(q, n, &s, &sn, why, sizeof why), -1, "a sector size out of range");
	memcpy(q, p, n);
	q[0x1a] = 4;
	q[0x1e] = 12;	/* version 4: sectors of 4096 bytes, in a file of 600 */
	unsigned char *short4 = malloc(600);	/* so that ASan sees a read past it */
	memcpy(short4, q, 600);
	T_INT(sw_xls_stream(short4, 600, &s, &sn, why, sizeof why), -1,
	      "a file shorter than its first sector (fuzz_xls)");
	free(short4);
	T_STR(why, damaged, "is damaged");
	memcpy(q, p, n);
	memset(q + 0x2c, 0xff, 4);	/* 4 billion FAT sectors */
	T_INT(sw_xls_stream(q, n, &s, &sn, why, sizeof why), -1, "a FAT larger than the file");
	memcpy(q, p, n);
	unsigned char *e = q + (dir + 1) * 512 + 128;	/* the Workbook entry */
	memset(e + 0x78, 0x7f, 4);
	T_INT(sw_xls_stream(q, n, &s, &sn, why, sizeof why), -1, "a stream larger than the file");
	memcpy(q, p, n);
	e[0] = 'X';
	T_INT(sw_xls_stream(q, n, &s, &sn, why, sizeof why), -1, "no Workbook stream");
	T_STR(why, "an Office file that holds no workbook: save the table as .xlsx or CSV UTF-8",
	      "says it holds no workbook");
}

int main(void)
{
	numbers();
	fixtures();
	records();
	strings();
	containers();
	return T_DONE();
}
