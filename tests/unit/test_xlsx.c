/* The .xlsx reader: cell rules one by one, then workbooks built here from
 * inline XML and zipped with libzip (no binary fixtures but one made by
 * tests/fixtures/xlsx/make.py), hostile and damaged ones, a long sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "sw/xlsx.h"
#include "sw/xlsxpriv.h"
#include "unit.h"

static char path[64];

struct part {
	const char *name, *data;
	size_t len;		/* 0: strlen(data) */
};

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define RELNS "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\""
#define RT "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships " RELNS "><Relationship Id=\"rId1\" Type=\"" RT "officeDocument\" "
	"Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook " NS "><workbookPr/>"
	"<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char wbrels[] =
	"<Relationships " RELNS ">"
	"<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" RT "styles\" Target=\"styles.xml\"/></Relationships>";
/* Styles by index: 0 General, 1 14 (date), 2 yyyy"年"m"月"d"日", 3 22 (date
 * and time), 4 20 (h:mm), 5 [h]:mm, 6 0.00_);[Red]\(0.00\), 7 31 (zh-CN
 * built-in date), 8 h:mm:ss custom, 9 49 (@), 10 [$-804]yyyy/m/d;@ */
static const char styles[] =
	"<styleSheet " NS "><numFmts count=\"5\">"
	"<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"h:mm:ss\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"[$-804]yyyy/m/d;@\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"11\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>"
	"<xf numFmtId=\"164\"/><xf numFmtId=\"22\"/><xf numFmtId=\"20\"><alignment/></xf>"
	"<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"31\"/><xf numFmtId=\"167\"/>"
	"<xf numFmtId=\"49\"/><xf numFmtId=\"168\"/></cellXfs>"
	"<dxfs><dxf><numFmt numFmtId=\"14\" formatCode=\"0.0\"/></dxf></dxfs></styleSheet>";
/* Shared strings: 0 姓名, 1 rich text 张三 with a phonetic run, 2 spaces
 * kept, 3 an in-cell line break, 4 an escaped CR, 5 an escaped "_x0041_",
 * 6 empty, 7 full-width, 8 bad UTF-8 (set apart by bad_sst) */
static const char sst[] =
	"<sst " NS " count=\"8\" uniqueCount=\"8\"><si><t>姓名</t></si>"
	"<si><r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r><rPh sb=\"0\" eb=\"2\"><t>ZHANGSAN</t></rPh>"
	"<phoneticPr fontId=\"1\"/></si>"
	"<si><t xml:space=\"preserve\">  前后 空格 </t></si><si><t>第一行\n第二行</t></si>"
	"<si><t>a_x000D_b</t></si><si><t>_x005F_x0041_</t></si><si><t/></si>"
	"<si><t>（全角）ＡＢＣ</t></si></sst>";

static void make_zip(const char *file, const struct part *p, int n)
{
	int err;
	unlink(file);
	zip_t *z = zip_open(file, ZIP_CREATE | ZIP_TRUNCATE, &err);
	for (int i = 0; i < n; i++) {
		if (!p[i].data)
			continue;
		size_t len = p[i].len ? p[i].len : strlen(p[i].data);
		zip_source_t *src = zip_source_buffer(z, p[i].data, len, 0);
		zip_file_add(z, p[i].name, src, ZIP_FL_OVERWRITE);
	}
	if (zip_close(z) != 0)
		printf("# zip_close: %s\n", zip_strerror(z));
}

/* A workbook of the parts above around a sheet; other parts replace them
 * by name (data NULL: left out). */
static void book(const char *sheet, size_t sheetlen, const struct part *extra, int nextra)
{
	struct part p[16] = {
		{"_rels/.rels", rels, 0}, {"xl/workbook.xml", workbook, 0},
		{"xl/_rels/workbook.xml.rels", wbrels, 0}, {"xl/styles.xml", styles, 0},
		{"xl/sharedStrings.xml", sst, 0}, {"xl/worksheets/sheet1.xml", sheet, sheetlen},
	};
	int n = 6;
	for (int i = 0; i < nextra; i++) {
		int j = 0;
		while (j < n && strcmp(p[j].name, extra[i].name) != 0)
			j++;
		p[j] = extra[i];
		n += j == n;
	}
	make_zip(path, p, n);
}

/* Every row of every sheet as "line:k=v|k=v;" ("!why@col" for a bad row,
 * "ERR line why" on an error), sheets set apart by "#". */
static const char *dump_file(const char *file)
{
	static char out[131072];
	char why[256];
	size_t len = 0;
	struct sw_xlsx *x = sw_xlsx_open(file, why, sizeof why);
	if (!x) {
		snprintf(out, sizeof out, "OPEN %s", why);
		return out;
	}
	out[0] = 0;
	for (int i = 0; i < sw_xlsx_nsheets(x); i++) {
		if (i)
			len += (size_t)snprintf(out + len, sizeof out - len, "#");
		if (sw_xlsx_sheet(x, i) != 0) {
			len += (size_t)snprintf(out + len, sizeof out - len, "SHEET %s", sw_xlsx_error(x));
			continue;
		}
		struct sw_row row;
		int rc;
		while ((rc = sw_xlsx_next(x, &row)) > 0) {
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
			len += (size_t)snprintf(out + len, sizeof out - len, "ERR %ld %s",
						sw_xlsx_errline(x), sw_xlsx_error(x));
	}
	sw_xlsx_close(x);
	return out;
}

/* One sheet of sheetData rows in the workbook above. */
static const char *rows(const char *data)
{
	static char sheet[16384];
	snprintf(sheet, sizeof sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet " NS ">"
		 "<dimension ref=\"A1\"/><sheetData>%s</sheetData><mergeCells count=\"0\"/></worksheet>",
		 data);
	book(sheet, 0, NULL, 0);
	return dump_file(path);
}

#define C(ref, s, v) "<c r=\"" ref "\" s=\"" #s "\"><v>" v "</v></c>"
#define R1(cells) "<row r=\"1\">" cells "</row>"

static const struct { const char *name, *data, *want; } row_cases[] = {
	{"shared strings, rich text without its phonetic run",
	 R1("<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"), "1:s=姓名|s=张三;"},
	{"text kept exactly: spaces, line break, full-width",
	 R1("<c r=\"A1\" t=\"s\"><v>2</v></c><c r=\"B1\" t=\"s\"><v>3</v></c><c r=\"C1\" t=\"s\"><v>7</v></c>"),
	 "1:s=  前后 空格 |s=第一行\n第二行|s=（全角）ＡＢＣ;"},
	{"_xHHHH_ escapes decoded, an escaped underscore kept literal",
	 R1("<c r=\"A1\" t=\"s\"><v>4</v></c><c r=\"B1\" t=\"s\"><v>5</v></c>"), "1:s=a\rb|s=_x0041_;"},
	{"inline strings, rich and with a phonetic run",
	 R1("<c r=\"A1\" t=\"inlineStr\"><is><t>内联</t></is></c>"
	    "<c r=\"B1\" t=\"inlineStr\"><is><r><t>李</t></r><r><t xml:space=\"preserve\">四 </t></r>"
	    "<rPh><t>LISI</t></rPh></is></c>"), "1:s=内联|s=李四 ;"},
	{"formula string result, formula text ignored",
	 R1("<c r=\"A1\" t=\"str\"><f>A2&amp;\"x\"</f><v>结果_x000A_</v></c>"), "1:s=结果\n;"},
	{"formula without a cached value: refused, not read as empty",
	 R1("<c r=\"A1\"><f>SUM(B1:B2)</f></c><c r=\"B1\"><v>2</v></c>"),
	 "1:s=|n=2!a formula without a computed value: open the workbook in Excel or WPS and save it, or paste the column as values@0;"},
	{"skipped columns and empty cells are empty text",
	 R1("<c r=\"C1\"><v>1</v></c><c r=\"D1\" s=\"1\"/><c r=\"E1\" t=\"s\"><v>0</v></c>"),
	 "1:s=|s=|n=1|s=|s=姓名;"},
	{"empty cells at the end do not count",
	 R1("<c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"s\"><v>6</v></c><c r=\"C1\" s=\"3\"/>"
	    "<c r=\"D1\" t=\"inlineStr\"><is><t></t></is></c>"), "1:n=1;"},
	{"rows and cells without r are sequential",
	 "<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>"
	 "<row r=\"7\"><c><v>4</v></c><c r=\"C7\"><v>5</v></c><c><v>6</v></c></row><row><c><v>7</v></c></row>",
	 "1:n=1|n=2;2:n=3;7:n=4|s=|n=5|n=6;8:n=7;"},
	{"rows with no value are not rows",
	 "<row r=\"1\"/><row r=\"2\"><c r=\"A2\" s=\"1\"/></row><row r=\"3\"><c r=\"B3\" t=\"s\"><v>6</v></c></row>"
	 "<row r=\"4\" spans=\"1:2\"><c r=\"A4\"><v>7</v></c></row>", "4:n=7;"},
	{"numbers as written, integers in exponent form in digits",
	 R1(C("A1", 0, "4.49901199001011E+17") C("B1", 0, "1.5") C("C1", 0, "46280.5")
	    C("D1", 0, "-3E+2") C("E1", 0, "1.25E+1") C("F1", 0, "1.2E-3") C("G1", 0, "1E+21")
	    C("H1", 0, "13800138000") C("I1", 0, "0.1") C("J1", 0, "9.99999999999999E+20")),
	 "1:n=449901199001011000|n=1.5|n=46280.5|n=-300|n=1.25E+1|n=1.2E-3|n=1E+21|n=13800138000|n=0.1"
	 "|n=999999999999999000000;"},
	{"dates: built-in, zh-CN custom and built-in, locale prefix",
	 R1(C("A1", 1, "46280") C("B1", 2, "46300") C("C1", 7, "46300") C("D1", 10, "45000")),
	 "1:d=2026-09-15|d=2026-10-05|d=2026-10-05|d=2023-03-15;"},
	{"date and time, seconds only when not zero",
	 R1(C("A1", 3, "46280.5") C("B1", 3, "46280.500011574") C("C1", 1, "46280.25")),
	 "1:d=2026-09-15 12:00|d=2026-09-15 12:00:01|d=2026-09-15 06:00;"},
	{"times: time formats under 1, a date-time past 1",
	 R1(C("A1", 4, "0.75") C("B1", 8, "0.3125") C("C1", 4, "1.25") C("D1", 1, "0.5") C("E1", 4, "0")),
	 "1:d=18:00|d=07:30|d=1900-01-01 06:00|d=12:00|d=00:00;"},
	{"durations, coloured numbers and text formats are numbers",
	 R1(C("A1", 5, "1.5") C("B1", 6, "46280") C("C1", 9, "46280") C("D1", 99, "46280")),
	 "1:n=1.5|n=46280|n=46280|n=46280;"},
	{"the 1900 leap-year bug around serial 60",
	 R1(C("A1", 1, "1") C("B1", 1, "59") C("C1", 1, "61") C("D1", 1, "-1")),
	 "1:d=1900-01-01|d=1900-02-28|d=1900-03-01|n=-1;"},
	{"serial 60 refused",
	 R1(C("A1", 0, "60") C("B1", 1, "60")) "<row r=\"2\">" C("A2", 1, "60.5") "</row>",
	 "1:n=60|d=60!date cell holds Excel's nonexistent 1900-02-29@1;"
	 "2:d=60.5!date cell holds Excel's nonexistent 1900-02-29@0;"},
	{"booleans, errors, ISO date cells",
	 R1("<c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c><c r=\"C1\" t=\"e\"><v>#N/A</v></c>"
	    "<c r=\"D1\" t=\"d\"><v>2026-10-05T08:30:00</v></c><c r=\"E1\" t=\"d\"><v>2026-10-05</v></c>"
	    "<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"),
	 "1:b=TRUE|b=FALSE|e=#N/A|d=2026-10-05 08:30|d=2026-10-05|e=#DIV/0!;"},
	{"a bad cell marks its row only",
	 R1("<c r=\"A1\" t=\"b\"><v>2</v></c>") "<row r=\"2\">" C("A2", 0, "abc") "</row>"
	 "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>99</v></c></row><row r=\"4\"><c r=\"B4\" t=\"s\"><v>x</v></c></row>"
	 "<row r=\"5\"><c r=\"A5\" t=\"d\"><v>2026-02-30</v></c></row>",
	 "1:b=2!bad boolean cell@0;2:n=abc!bad number in a number cell@0;"
	 "3:s=!shared string index out of range@0;4:s=|s=!shared string index out of range@1;"
	 "5:d=2026-02-30!bad date cell@0;"},
	{"surrogate pairs joined, a lone one and _x0000_ refused",
	 R1("<c r=\"A1\" t=\"inlineStr\"><is><t>_xD83D__xDE00_</t></is></c>")
	 "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a_xD800_b</t></is></c></row>"
	 "<row r=\"3\"><c r=\"A3\" t=\"str\"><v>_x0000_</v></c></row>",
	 "1:s=\xf0\x9f\x98\x80;2:s=a_xD800_b!invalid UTF-8@0;3:s=_x0000_!NUL byte in data@0;"},
	{"invalid UTF-8, NUL and control bytes refuse their row, the rest reads on",
	 R1("<c r=\"A1\" t=\"inlineStr\"><is><t>ab\xff</t></is></c>")
	 "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>x\xe4\xb8</t></is></c></row>"
	 "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>\x01</t></is></c></row>"
	 "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>好</t></is></c></row>",
	 "1:s=ab\xef\xb7\x90!invalid UTF-8@0;2:s=|s=x\xef\xb7\x90\xef\xb7\x90!invalid UTF-8@1;"
	 "3:s=\xef\xb7\x92!control character in data@0;4:s=好;"},
	{"a cell past XFD stops the sheet",
	 R1(C("A1", 0, "1")) "<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>",
	 "1:n=1;ERR 2 cell reference beyond column XFD"},
	{"a row past 1048576 stops the sheet",
	 "<row r=\"1048576\"><c><v>1</v></c></row><row r=\"1048577\"><c><v>1</v></c></row>",
	 "1048576:n=1;ERR 1048576 row number beyond 1048576"},
	{"rows out of order", "<row r=\"5\"><c><v>1</v></c></row><row r=\"5\"><c><v>1</v></c></row>",
	 "5:n=1;ERR 5 row numbers out of order"},
	{"cells out of order", R1(C("B1", 0, "1") C("A1", 0, "2")), "ERR 1 cell references out of order"},
	{"a malformed cell reference", R1(C("1A", 0, "1")), "ERR 1 bad cell reference"},
	{"a malformed row number", "<row r=\"x\"><c><v>1</v></c></row>", "ERR 0 bad row number"},
	{"not well-formed XML names the part",
	 R1(C("A1", 0, "1")) "<row r=\"2\"><c><v>1</c></row>",
	 "1:n=1;ERR 2 xl/worksheets/sheet1.xml: mismatched tag"},
	{"an entity that is not declared", R1("<c t=\"inlineStr\"><is><t>&foo;</t></is></c>"),
	 "ERR 1 xl/worksheets/sheet1.xml: undefined entity"},
};

/* XFD: the expected text is built, not written out. */
static void xfd_case(void)
{
	static char want[65536];
	size_t n = (size_t)snprintf(want, sizeof want, "3:");
	for (int i = 0; i < SW_XLSX_COLS - 1; i++)
		n += (size_t)snprintf(want + n, sizeof want - n, "s=|");
	snprintf(want + n, sizeof want - n, "n=1;");
	const char *got = rows("<row r=\"3\"><c r=\"XFD3\"><v>1</v></c></row>");
	T_OK(strcmp(got, want) == 0, "XFD itself is the last column (16384 fields)");
}

static void cell_rules(void)
{
	static const struct { const char *code; int cls; } fmts[] = {
		{"General", SW_FMT_NUMBER}, {"0.00", SW_FMT_NUMBER}, {"#,##0\\ \"元\"", SW_FMT_NUMBER},
		{"yyyy-mm-dd", SW_FMT_DATE}, {"yyyy\"年\"m\"月\"d\"日\"", SW_FMT_DATE},
		{"[$-804]yyyy\"年\"m\"月\"d\"日\" dddd", SW_FMT_DATE}, {"[DBNum1][$-804]m\"月\"d\"日\"", SW_FMT_DATE},
		{"mmm-yy", SW_FMT_DATE}, {"mmmm", SW_FMT_DATE}, {"h:mm", SW_FMT_TIME},
		{"上午/下午h\"时\"mm\"分\"", SW_FMT_TIME}, {"h:mm AM/PM", SW_FMT_TIME},
		{"mm:ss.0", SW_FMT_TIME}, {"[h]:mm:ss", SW_FMT_NUMBER}, {"[mm]:ss", SW_FMT_NUMBER},
		{"[Red]0.00", SW_FMT_NUMBER}, {"\"days\" 0", SW_FMT_NUMBER}, {"0\\d", SW_FMT_NUMBER},
		{"0.00_);[Red]\\(0.00\\)", SW_FMT_NUMBER}, {"0_m", SW_FMT_NUMBER}, {"@", SW_FMT_NUMBER},
		{"0.00E+00", SW_FMT_NUMBER}, {"yyyy/m/d;@", SW_FMT_DATE}, {"0;\"d\"", SW_FMT_NUMBER},
		{"\"unterminated", SW_FMT_NUMBER}, {"[h", SW_FMT_NUMBER},
	};
	for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++)
		T_INT(sw_xlsx_format_class(fmts[i].code), fmts[i].cls, "format class of %s", fmts[i].code);
	static const int builtin[][2] = {
		{0, SW_FMT_NUMBER}, {14, SW_FMT_DATE}, {22, SW_FMT_DATE}, {20, SW_FMT_TIME},
		{31, SW_FMT_DATE}, {32, SW_FMT_TIME}, {45, SW_FMT_TIME}, {46, SW_FMT_NUMBER},
		{49, SW_FMT_NUMBER}, {55, SW_FMT_TIME}, {57, SW_FMT_DATE}, {59, SW_FMT_NUMBER},
	};
	for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++)
		T_INT(sw_xlsx_builtin_class(builtin[i][0]), builtin[i][1], "built-in format %d", builtin[i][0]);

	static const struct { const char *v; int rc; const char *out; } nums[] = {
		{"4.49901199001011E+17", 1, "449901199001011000"}, {"1E+3", 1, "1000"},
		{"1.000E3", 1, "1000"}, {"120.0E-1", 1, "12"}, {"0.05E2", 1, "5"}, {"0E+0", 1, "0"},
		{"-2.5e+1", 1, "-25"}, {"1E+20", 1, "100000000000000000000"}, {"1E+21", 0, NULL},
		{"1.5E+0", 0, NULL}, {"1E-3", 0, NULL}, {"46280.5", 0, NULL}, {"-0.25", 0, NULL},
		{".5", 0, NULL}, {"abc", -1, NULL}, {"", -1, NULL}, {"1.2.3", -1, NULL}, {"1E", -1, NULL},
		{"1E+3x", -1, NULL}, {"-", -1, NULL}, {"1E+99999999999", 0, NULL}, {"inf", -1, NULL},
	};
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		char out[32] = "";
		int rc = sw_xlsx_number(nums[i].v, out);
		T_INT(rc, nums[i].rc, "number %s: %s", nums[i].v, rc == 1 ? "rewritten" : rc ? "refused" : "kept");
		if (nums[i].out)
			T_STR(out, nums[i].out, "number %s written out", nums[i].v);
	}

	static const struct { const char *v; double want; } serials[] = {
		{"46280", 46280}, {"46280.5", 46280.5}, {"4.62805E+4", 46280.5}, {"-1.5", -1.5},
		{"0.000011574074", 0.000011574074}, {"1E-3", 0.001}, {"123456789012345678901234", 1.2345678901234568e23},
	};
	for (size_t i = 0; i < sizeof serials / sizeof *serials; i++) {
		double got = sw_xlsx_serial(serials[i].v), d = got - serials[i].want;
		T_OK(d < 1e-9 * (serials[i].want < 0 ? -serials[i].want : serials[i].want + 1) &&
		     -d < 1e-9 * (serials[i].want < 0 ? -serials[i].want : serials[i].want + 1),
		     "value of %s (%.17g)", serials[i].v, got);
	}

	static const struct { double v; int d1904, cls, rc; const char *out; } dates[] = {
		{46280, 0, SW_FMT_DATE, 0, "2026-09-15"}, {0, 1, SW_FMT_DATE, 0, "1904-01-01"},
		{45000, 1, SW_FMT_DATE, 0, "2027-03-16"}, {1.5, 1, SW_FMT_DATE, 0, "1904-01-02 12:00"},
		{0.5, 1, SW_FMT_TIME, 0, "12:00"}, {2958465, 0, SW_FMT_DATE, 0, "9999-12-31"},
		{2958466, 0, SW_FMT_DATE, -2, NULL}, {60, 0, SW_FMT_DATE, -1, NULL},
		{60, 1, SW_FMT_DATE, 0, "1904-03-01"}, {0.99998, 0, SW_FMT_TIME, 0, "23:59:58"},
		{0.9999999, 0, SW_FMT_TIME, 0, "1900-01-01"}, {-0.5, 0, SW_FMT_DATE, -2, NULL},
	};
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		char out[32] = "";
		T_INT(sw_xlsx_date(dates[i].v, dates[i].d1904, dates[i].cls, out), dates[i].rc,
		      "serial %g (%s)", dates[i].v, dates[i].d1904 ? "1904" : "1900");
		if (dates[i].out)
			T_STR(out, dates[i].out, "serial %g as text", dates[i].v);
	}

	static const struct { const char *in, *out, *bad; } esc[] = {
		{"no escape", "no escape", NULL}, {"a_x000D__x000A_b", "a\r\nb", NULL},
		{"_x4e2d_文", "中文", NULL}, {"_x005F_x0041_", "_x0041_", NULL}, {"_x00", "_x00", NULL},
		{"_xZZZZ_", "_xZZZZ_", NULL}, {"_xD83D__xDE00_", "\xf0\x9f\x98\x80", NULL},
		{"_xDE00_", "_xDE00_", "invalid UTF-8"}, {"_x0000_", "_x0000_", "NUL byte in data"},
	};
	for (size_t i = 0; i < sizeof esc / sizeof *esc; i++) {
		char buf[64];
		const char *bad = NULL;
		snprintf(buf, sizeof buf, "%s", esc[i].in);
		buf[sw_xlsx_unescape(buf, strlen(buf), &bad)] = 0;
		T_STR(buf, esc[i].out, "unescape %s", esc[i].in);
		T_STR(bad, esc[i].bad, "unescape %s: why refused", esc[i].in);
	}

	static const struct { const char *ref; int rc, col; long row; } refs[] = {
		{"A1", 0, 0, 1}, {"AB12", 0, 27, 12}, {"XFD1048576", 0, 16383, 1048576},
		{"XFE1", 0, SW_XLSX_COLS, 1}, {"AAAAAAAAAAAAAAAAAAA1", 0, SW_XLSX_COLS, 1},
		{"A1048577", 0, 0, SW_XLSX_ROWS + 1}, {"A99999999999999999999", 0, 0, SW_XLSX_ROWS + 1},
		{"1A", -1, 0, 0}, {"A", -1, 0, 0}, {"A1x", -1, 0, 0}, {"", -1, 0, 0},
	};
	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
		int col = -9;
		long row = -9;
		int rc = sw_xlsx_ref(refs[i].ref, &col, &row);
		T_OK(rc == refs[i].rc && (rc || (col == refs[i].col && row == refs[i].row)),
		     "cell reference \"%s\"", refs[i].ref);
	}
	char name[4];
	sw_xlsx_colname(0, name);
	T_STR(name, "A", "column 0 is A");
	sw_xlsx_colname(27, name);
	T_STR(name, "AB", "column 27 is AB");
	sw_xlsx_colname(16383, name);
	T_STR(name, "XFD", "column 16383 is XFD");
	T_INT((long long)sw_xlsx_units("中a\xf0\x9f\x98\x80", 8), 4, "a character outside the BMP counts 2");
}

/* Workbook-level cases: parts replaced or left out. */
static void workbooks(void)
{
	static const char sheet1[] = "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
		"</row></sheetData></worksheet>";
	static const char sheet2[] = "<worksheet " NS "><sheetData><row r=\"2\"><c r=\"B2\" s=\"1\"><v>46300</v>"
		"</c></row></sheetData></worksheet>";
	const struct part two[] = {
		{"xl/workbook.xml", "<workbook " NS "><sheets><sheet name=\"服务对象\" sheetId=\"1\" r:id=\"rId1\"/>"
		 "<sheet name=\"图表\" sheetId=\"3\" r:id=\"rId4\"/>"
		 "<sheet name=\"服务记录\" sheetId=\"2\" state=\"hidden\" r:id=\"rId5\"/></sheets></workbook>", 0},
		{"xl/_rels/workbook.xml.rels", "<Relationships " RELNS ">"
		 "<Relationship Id=\"rId5\" Type=\"" RT "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
		 "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" Target=\"./worksheets/../worksheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId4\" Type=\"" RT "chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId9\" Type=\"" RT "hyperlink\" Target=\"http://example.org/\" TargetMode=\"External\"/>"
		 "<Relationship Id=\"rId2\" Type=\"" RT "sharedStrings\" Target=\"sharedStrings.xml\"/>"
		 "<Relationship Id=\"rId3\" Type=\"" RT "styles\" Target=\"styles.xml\"/></Relationships>", 0},
		{"xl/worksheets/sheet2.xml", sheet2, 0},
		{"xl/chartsheets/sheet1.xml", "<chartsheet " NS "/>", 0},
	};
	book(sheet1, 0, two, 4);
	char why[256];
	struct sw_xlsx *x = sw_xlsx_open(path, why, sizeof why);
	T_OK(x != NULL, "two worksheets and a chart sheet open");
	if (x) {
		T_INT(sw_xlsx_nsheets(x), 2, "the chart sheet is left out");
		T_STR(sw_xlsx_sheet_name(x, 0), "服务对象", "first sheet by workbook order");
		T_STR(sw_xlsx_sheet_name(x, 1), "服务记录", "second sheet");
		T_STR(sw_xlsx_sheet_name(x, 2), NULL, "no third sheet");
		T_INT(sw_xlsx_sheet_hidden(x, 0) * 10 + sw_xlsx_sheet_hidden(x, 1), 1, "hidden sheet listed as such");
		struct sw_row row;
		T_INT(sw_xlsx_next(x, &row), -1, "next before a sheet is chosen");
		T_STR(sw_xlsx_error(x), "no sheet chosen", "next before a sheet: why");
		T_INT(sw_xlsx_sheet(x, 2), -1, "sheet out of range");
		T_STR(sw_xlsx_error(x), "no sheet 3 (the workbook has 2)", "sheet out of range: why");
		T_INT(sw_xlsx_sheet(x, 1), 0, "second sheet first");
		T_INT(sw_xlsx_next(x, &row), 1, "its row");
		T_OK(row.line == 2 && row.nf == 2 && strcmp(row.f[1], "2026-10-05") == 0 && row.kind[1] == 'd',
		     "absolute target read, date styled");
		T_INT(sw_xlsx_sheet(x, 0), 0, "then the first, mid-way through the second");
		T_INT(sw_xlsx_next(x, &row), 1, "first sheet's row");
		T_STR(row.f[0], "姓名", "relative target with ./ and ../ read");
		T_INT(sw_xlsx_next(x, &row), 0, "end of the first sheet");
		T_INT(sw_xlsx_next(x, &row), 0, "and it stays at the end");
		T_INT(sw_xlsx_sheet(x, 0), 0, "the same sheet again");
		T_INT(sw_xlsx_next(x, &row), 1, "starts from its first row again");
		sw_xlsx_close(x);
	}

	const struct part d1904[] = {{"xl/workbook.xml", "<workbook " NS "><workbookPr date1904=\"1\"/><sheets>"
		"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0}};
	book("<worksheet " NS "><sheetData><row r=\"1\">" C("A1", 1, "0") C("B1", 4, "0.5") C("C1", 3, "45000.75")
	     "</row></sheetData></worksheet>", 0, d1904, 1);
	T_STR(dump_file(path), "1:d=1904-01-01|d=12:00|d=2027-03-16 18:00;", "date1904 workbook");

	const struct part bare[] = {
		{"xl/_rels/workbook.xml.rels", "<Relationships " RELNS "><Relationship Id=\"rId1\" "
		 "Type=\"" RT "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>", 0},
		{"xl/styles.xml", NULL, 0}, {"xl/sharedStrings.xml", NULL, 0}, {"_rels/.rels", NULL, 0},
	};
	book("<worksheet " NS "><sheetData><row r=\"1\">" C("A1", 1, "46300")
	     "<c r=\"B1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>", 0, bare, 4);
	T_STR(dump_file(path), "1:n=46300|s=!shared string index out of range@1;",
	      "no styles, no shared strings, no package relationships");

	const struct part prefixed[] = {{"xl/worksheets/sheet1.xml",
		"<x:worksheet xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><x:sheetData>"
		"<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>", 0}};
	book(NULL, 0, prefixed, 1);
	T_STR(dump_file(path), "1:s=张三;", "elements with a namespace prefix (strict OOXML)");

	const struct part nowb[] = {{"xl/workbook.xml", NULL, 0}};
	book(sheet1, 0, nowb, 1);
	T_STR(dump_file(path), "OPEN not an .xlsx workbook: no xl/workbook.xml", "missing workbook.xml");
	const struct part xlsb[] = {{"xl/workbook.xml", NULL, 0}, {"xl/workbook.bin", "\x83\x01", 2}};
	book(sheet1, 0, xlsb, 2);
	T_STR(dump_file(path), "OPEN not an .xlsx workbook: a binary .xlsb workbook (save it as .xlsx)",
	      ".xlsb named");
	const struct part ods[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0},
		{"content.xml", "<office:document-content/>", 0}};
	make_zip(path, ods, 2);
	T_STR(dump_file(path), "OPEN not an .xlsx workbook: an OpenDocument file (save it as .xlsx)", ".ods named");

	const struct part nosheet[] = {{"xl/worksheets/sheet1.xml", NULL, 0}};
	book(NULL, 0, nosheet, 1);
	T_STR(dump_file(path), "SHEET xl/worksheets/sheet1.xml: part missing", "missing sheet part");
	const struct part norel[] = {{"xl/_rels/workbook.xml.rels", "<Relationships " RELNS "/>", 0}};
	book(sheet1, 0, norel, 1);
	T_STR(dump_file(path), "SHEET damaged workbook: sheet 1 has no worksheet part", "sheet without relationship");
}

/* Input meant to hurt: entity expansion, damaged and cut archives,
 * encryption, over-long cells. */
static void hostile(void)
{
	static const char laughs[] = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
	char buf[1024];
	snprintf(buf, sizeof buf, "%s<worksheet " NS "><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&lol3;"
		 "</t></is></c></row></sheetData></worksheet>", laughs);
	book(buf, 0, NULL, 0);
	T_STR(dump_file(path), "ERR 0 xl/worksheets/sheet1.xml: document type declaration refused",
	      "DOCTYPE in a sheet refused");
	snprintf(buf, sizeof buf, "%s<sst " NS "><si><t>&lol3;</t></si></sst>", laughs);
	const struct part sst_dtd[] = {{"xl/sharedStrings.xml", buf, 0}};
	book("<worksheet " NS "/>", 0, sst_dtd, 1);
	T_STR(dump_file(path), "SHEET xl/sharedStrings.xml: document type declaration refused",
	      "DOCTYPE in the shared strings refused");
	const struct part wb_dtd[] = {{"xl/workbook.xml", "<!DOCTYPE workbook SYSTEM \"file:///etc/passwd\">"
		"<workbook " NS "/>", 0}};
	book("<worksheet " NS "/>", 0, wb_dtd, 1);
	T_STR(dump_file(path), "OPEN xl/workbook.xml: document type declaration refused",
	      "external DOCTYPE in the workbook refused");

	/* one cell at Excel's limit, and one past it: plain, Chinese, escaped */
	size_t lim = SW_XLSX_CELL_MAX, cap = 7 * (lim + 1) + 1024;
	char *big = malloc(cap), *cell = malloc(7 * (lim + 1) + 1);
	static const struct { const char *unit; size_t n; const char *want; } longs[] = {
		{"a", SW_XLSX_CELL_MAX, "ok"}, {"中", SW_XLSX_CELL_MAX, "ok"}, {"_x000D_", SW_XLSX_CELL_MAX, "ok"},
		{"a", SW_XLSX_CELL_MAX + 1, "ERR 1 cell A1: text longer than 32767 characters"},
		{"中", SW_XLSX_CELL_MAX + 1, "ERR 1 cell A1: text longer than 32767 characters"},
		{"_x000D_", SW_XLSX_CELL_MAX + 1, "ERR 1 cell A1: text longer than 32767 characters"},
	};
	for (size_t i = 0; i < sizeof longs / sizeof *longs; i++) {
		size_t k = strlen(longs[i].unit), n = 0;
		for (size_t j = 0; j < longs[i].n; j++, n += k)
			memcpy(cell + n, longs[i].unit, k);
		cell[n] = 0;
		snprintf(big, cap, "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>%s"
			 "</t></is></c></row></sheetData></worksheet>", cell);
		book(big, 0, NULL, 0);
		const char *got = dump_file(path);
		if (strcmp(longs[i].want, "ok") == 0)
			T_OK(strncmp(got, "1:s=", 4) == 0 && strlen(got) == 5 + (k == 7 ? 1 : k) * longs[i].n,
			     "%zu times %s: at the limit", longs[i].n, longs[i].unit);
		else
			T_STR(got, longs[i].want, "%zu times %s: past the limit", longs[i].n, longs[i].unit);
	}
	snprintf(big, cap, "<sst " NS "><si><t>%s</t></si></sst>", cell);
	const struct part sst_long[] = {{"xl/sharedStrings.xml", big, 0}};
	book("<worksheet " NS "/>", 0, sst_long, 1);
	T_STR(dump_file(path), "SHEET xl/sharedStrings.xml: a shared string is longer than 32767 characters",
	      "an over-long shared string refused");
	free(cell);
	free(big);

	/* a workbook cut short anywhere, or with a byte changed anywhere */
	rows(R1("<c r=\"A1\" t=\"s\"><v>1</v></c>" C("B1", 1, "46300")));
	FILE *fp = fopen(path, "rb");
	static char whole[8192], cut[96];
	size_t n = fread(whole, 1, sizeof whole, fp);
	fclose(fp);
	snprintf(cut, sizeof cut, "%s.cut", path);
	int opened = 0, read = 0, tries = 0;
	for (size_t len = 0; len < n; len += 7, tries++) {
		fp = fopen(cut, "wb");
		fwrite(whole, 1, len, fp);
		fclose(fp);
		const char *got = dump_file(cut);
		opened += strncmp(got, "OPEN ", 5) != 0;
		read += strcmp(got, "1:s=张三|d=2026-10-05;") == 0;
	}
	T_OK(tries > 100 && read == 0, "no cut of the archive reads as whole (%d cuts, %d opened)", tries, opened);
	fp = fopen(cut, "wb");
	fwrite(whole, 1, n / 2, fp);
	fclose(fp);
	T_STR(dump_file(cut), "OPEN not an .xlsx workbook: truncated or damaged zip archive", "truncated zip");
	int damaged = 0;
	tries = 0;
	for (size_t at = 0; at < n; at += 3, tries++) {
		fp = fopen(cut, "wb");
		whole[at] ^= 0x5a;
		fwrite(whole, 1, n, fp);
		whole[at] ^= 0x5a;
		fclose(fp);
		damaged += strcmp(dump_file(cut), "1:s=张三|d=2026-10-05;") != 0;
	}
	T_OK(damaged > 0, "a changed byte anywhere does not crash (%d of %d noticed)", damaged, tries);
	unlink(cut);

	fp = fopen(path, "wb");
	fputs("档案号,姓名\n", fp);
	fclose(fp);
	T_STR(dump_file(path), "OPEN not an .xlsx workbook: not a zip archive", "a CSV file");
	fp = fopen(path, "wb");
	fclose(fp);
	T_STR(dump_file(path), "OPEN not an .xlsx workbook: empty file", "an empty file");
	static const char cfb[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	static const char encname[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	for (int enc = 0; enc < 2; enc++) {
		static char ole[200000];
		memset(ole, 0, sizeof ole);
		memcpy(ole, cfb, 8);
		if (enc)	/* across the reader's 64 KiB chunks */
			memcpy(ole + 65536 - 10, encname, sizeof encname - 1);
		else
			memcpy(ole + 65536 - 10, "W\0o\0r\0k\0b\0o\0o\0k\0", 16);
		fp = fopen(path, "wb");
		fwrite(ole, 1, sizeof ole, fp);
		fclose(fp);
		T_STR(dump_file(path), enc ? "OPEN encrypted workbook: save it without a password"
		      : "OPEN not an .xlsx workbook: an Excel 97-2003 .xls file (save it as .xlsx)",
		      enc ? "an encrypted workbook (OLE file with EncryptedPackage)" : "an .xls file");
	}
	T_STR(dump_file("/nonexistent/x.xlsx"), "OPEN No such file or directory", "missing file");

	/* zip entries encrypted with a password (not Excel's way, but a zip's) */
	book("<worksheet " NS "/>", 0, NULL, 0);
	int err;
	zip_t *z = zip_open(path, 0, &err);
	for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++)
		zip_file_set_encryption(z, (zip_uint64_t)i, ZIP_EM_AES_256, "secret");
	zip_close(z);
	T_STR(dump_file(path), "OPEN encrypted workbook: save it without a password", "password-protected zip");
}

/* A long sheet streams through: every row intact across chunk ends, which
 * fall inside characters (3-byte Chinese text) and, in the second sheet,
 * exactly at row ends. */
static void long_sheets(void)
{
	const long nrow = 100000;
	size_t cap = (size_t)nrow * 160 + 1024, n = 0;
	char *s = malloc(cap);
	n += (size_t)snprintf(s + n, cap - n, "<worksheet " NS "><sheetData>");
	for (long i = 1; i <= nrow; i++)
		n += (size_t)snprintf(s + n, cap - n, "<row r=\"%ld\"><c r=\"A%ld\" t=\"inlineStr\"><is><t>服务对象%ld号"
				      "</t></is></c><c r=\"C%ld\"><v>%ld</v></c></row>", i, i, i, i, i * 7);
	n += (size_t)snprintf(s + n, cap - n, "</sheetData></worksheet>");
	book(s, n, NULL, 0);
	char why[256], want[64];
	struct sw_xlsx *x = sw_xlsx_open(path, why, sizeof why);
	struct sw_row row;
	long got = 0, right = 0;
	sw_xlsx_sheet(x, 0);
	while (sw_xlsx_next(x, &row) > 0) {
		got++;
		snprintf(want, sizeof want, "服务对象%ld号", got);
		right += row.line == got && row.nf == 3 && strcmp(row.f[0], want) == 0 && row.f[1][0] == 0 &&
			atol(row.f[2]) == got * 7 && strcmp(row.kind, "ssn") == 0 && !row.bad;
	}
	T_OK(got == nrow && right == nrow && !sw_xlsx_error(x)[0], "100000 rows with Chinese text (%ld read, %ld right)",
	     got, right);
	sw_xlsx_close(x);

	/* rows of 64 bytes after a prefix of a multiple of 64: every chunk of
	 * SW_XLSX_CHUNK bytes ends where a row does */
	const char *head = "<worksheet " NS "><sheetData>";
	n = (size_t)snprintf(s, cap, "%s", head);
	while (n % 64)
		s[n++] = ' ';
	int k = 0;
	for (long i = 1; i <= nrow; i++) {
		k = snprintf(s + n, cap - n, "<row r=\"%07ld\"       ><c r=\"A%07ld\"><v>%07ld</v></c></row>", i, i, i);
		n += (size_t)k;
	}
	n += (size_t)snprintf(s + n, cap - n, "</sheetData></worksheet>");
	T_OK(k == 64 && SW_XLSX_CHUNK % 64 == 0 && nrow * 64 > 4 * SW_XLSX_CHUNK, "the sheet spans chunks ending at rows");
	book(s, n, NULL, 0);
	x = sw_xlsx_open(path, why, sizeof why);
	sw_xlsx_sheet(x, 0);
	got = right = 0;
	while (sw_xlsx_next(x, &row) > 0) {
		got++;
		right += row.line == got && row.nf == 1 && atol(row.f[0]) == got;
	}
	T_OK(got == nrow && right == nrow && !sw_xlsx_error(x)[0],
	     "chunks that end exactly at a row end (%ld read, %ld right)", got, right);
	sw_xlsx_close(x);
	free(s);
}

/* tests/fixtures/xlsx/clients.xlsx as openpyxl writes it (make.py). */
static void fixture(void)
{
	const char *top = getenv("SW_TOP");
	char file[512], why[256];
	snprintf(file, sizeof file, "%s/tests/fixtures/xlsx/clients.xlsx", top ? top : ".");
	struct sw_xlsx *x = sw_xlsx_open(file, why, sizeof why);
	T_OK(x != NULL, "clients.xlsx opens");
	if (!x)
		return;
	T_INT(sw_xlsx_nsheets(x), 2, "clients.xlsx has two sheets");
	T_STR(sw_xlsx_sheet_name(x, 0), "服务对象台账", "first sheet name");
	T_STR(sw_xlsx_sheet_name(x, 1), "服务记录", "second sheet name");
	static const char *const clients[] = {
		"1:s=青溪街道社工站服务对象台账（2026年10月）",
		"2:s=档案号|s=姓名|s=性别|s=出生日期|s=公民身份号码|s=手机号码|s=所属站点|s=人员类别|s=建档日期",
		"3:s=QX-C001|s=张三|s=男|d=1950-03-15|s=339901195003150016|n=13900000001|s=QX-001|s=老年人、独居|d=2026-09-01",
		"4:s=QX-C002|s=李四|s=女|d=1962-11-08|s=339901196211080029|n=13900000002|s=QX-001|s=低保|d=2026-09-03",
		"5:s=QX-C003|s=王五|s=男|d=2016-06-01|s=339901201606010037|s=|s=QX-002|s=儿童；留守|d=2026-09-10",
		"6:s=QX-C004|s=赵六|s=女|d=1988-08-08|s=339901198808080047|n=13900000004|s=QX-002|s=残疾人|d=2026-10-02",
		"7:s=QX-C005|s=钱七|s=男|d=1945-01-20|s=339901194501200050|n=13900000005|s=QX-001|s=特困|d=2026-10-15",
		"9:s=合计|s=|s=共5人",	/* B9 is a formula openpyxl left uncomputed */
	};
	static const char *const services[] = {
		"1:s=服务编号|s=档案号|s=所属站点|s=服务日期|s=服务类型|s=时长（小时）|s=服务内容",
		"2:s=S-2026-0001|s=QX-C001|s=QX-001|d=2026-10-08|s=探访|n=1.5|s=上门探访，了解近况\n血压正常",
		"3:s=S-2026-0002|s=QX-C003|s=QX-002|d=2026-10-09|s=个案辅导|n=2|s=学业辅导",
		"4:s=S-2026-0003|s=QX-C002|s=QX-001|d=2026-10-12 14:30|s=政策咨询|n=0.5|s= 低保复核材料说明 ",
	};
	const char *const *want[] = {clients, services};
	size_t nwant[] = {sizeof clients / sizeof *clients, sizeof services / sizeof *services};
	for (int sh = 0; sh < 2; sh++) {
		T_INT(sw_xlsx_sheet(x, sh), 0, "sheet %d starts", sh + 1);
		struct sw_row row;
		size_t i = 0;
		int rc;
		while ((rc = sw_xlsx_next(x, &row)) > 0) {
			char got[1024];
			size_t len = (size_t)snprintf(got, sizeof got, "%ld:", row.line);
			for (int j = 0; j < row.nf; j++)
				len += (size_t)snprintf(got + len, sizeof got - len, "%s%c=%s", j ? "|" : "",
							row.kind[j], row.f[j]);
			T_STR(got, i < nwant[sh] ? want[sh][i] : "(no more rows)", "sheet %d row %zu", sh + 1, i + 1);
			i++;
		}
		T_OK(rc == 0 && i == nwant[sh], "sheet %d: %zu rows and the end", sh + 1, nwant[sh]);
	}
	sw_xlsx_close(x);
}

int main(void)
{
	snprintf(path, sizeof path, "/tmp/test_xlsx.%d.xlsx", (int)getpid());
	cell_rules();
	for (size_t i = 0; i < sizeof row_cases / sizeof *row_cases; i++)
		T_STR(rows(row_cases[i].data), row_cases[i].want, "%s", row_cases[i].name);
	xfd_case();
	workbooks();
	hostile();
	long_sheets();
	fixture();
	unlink(path);
	return T_DONE();
}
