/* Cells made safe: formulas neutralised for spreadsheets and read back,
 * control characters shown for terminals, markup escaped for Markdown. */
#include <stdlib.h>

#include "sw/cell.h"
#include "unit.h"

int main(void)
{
	static const struct { const char *in; int formula; } f[] = {
		{"=1+2", 1}, {"+1+2", 1}, {"-2+3", 1}, {"@SUM(A1)", 1}, {"\t=1", 1}, {"\r=1", 1},
		{"-", 1}, {"+", 1}, {"-e5", 1}, {"-1e", 1}, {"-1.2.3", 1}, {"+86 138", 1},
		{"-5", 0}, {"+3.5", 0}, {"-1e3", 0}, {"-1.5e+20", 0}, {"-.5", 0}, {"12", 0},
		{"a=b", 0}, {"", 0}, {"'=1", 1}, {"张三", 0},
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		T_INT(sw_cell_formula(f[i].in), f[i].formula, "formula? \"%s\"", f[i].in);

	char *q;
	T_STR(sw_cell_safe("=1+2", &q), "'=1+2", "a formula gets a leading '");
	T_STR(sw_cell_unquote(q), "=1+2", "and reads back as it was");
	free(q);
	T_STR(sw_cell_safe("-5", &q), "-5", "a number stays");
	T_OK(q == NULL, "(nothing to free)");
	T_STR(sw_cell_unquote("'abc"), "'abc", "a quote before text stays");
	T_STR(sw_cell_unquote("'-2+3"), "-2+3", "a quote before a formula goes");
	T_STR(sw_cell_unquote("'-5"), "'-5", "a quote before a number stays: no export wrote it");
	/* a stored "'=x" survives: written with a second quote, read back with one less */
	T_STR(sw_cell_safe("'=x", &q), "''=x", "a value that reads as neutralised gets a quote");
	T_STR(sw_cell_unquote(q), "'=x", "and reads back whole");
	free(q);
	T_STR(sw_cell_safe("'-5", &q), "'-5", "a quote before a number needs none");
	T_OK(q == NULL, "(nothing to free)");
	sw_cell_raw = 1;
	T_STR(sw_cell_safe("=1+2", &q), "=1+2", "--raw: as stored");
	sw_cell_raw = 0;

	static const struct { const char *in, *vis, *md; } v[] = {
		{"\033]0;x\007", "\\x1b]0;x\\x07", "\\\\x1b\\]0;x\\\\x07"},
		{"a\tb\nc\rd", "a\\tb\\nc\\rd", "a\\\\tb\\\\nc\\\\rd"},
		{"\x7f\xc2\x9b\xc2\xa0", "\\x7f\\u009b\xc2\xa0", "\\\\x7f\\\\u009b\xc2\xa0"},
		{"\xff张", "\\xff张", "\\\\xff张"},
		{"<b>&|*_`~[x]", "<b>&|*_`~[x]", "&lt;b&gt;&amp;\\|\\*\\_\\`\\~\\[x\\]"},
		{"王桂兰", "王桂兰", "王桂兰"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		char *vis = sw_cell_visible(v[i].in), *md = sw_cell_md(v[i].in);
		T_STR(vis, v[i].vis, "visible %zu", i);
		T_STR(md, v[i].md, "md %zu", i);
		free(vis);
		free(md);
	}
	return T_DONE();
}
