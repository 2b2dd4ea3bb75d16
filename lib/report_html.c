/* The report as an HTML page that prints as the bureau's form on A4
 * landscape: title, reporting unit and period, one table per section of
 * figures with stations as rows, subtotals and the total, the lines to
 * sign and seal, then the monthly trend as SVG bar charts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/html.h"
#include "sw/i18n.h"
#include "sw/out.h"
#include "sw/reportpriv.h"

static const char style[] =
	"<style>\n"
	"@page{size:A4 landscape;margin:10mm 10mm 12mm}\n"
	"body{font-family:" SW_HTML_FONTS ";margin:1.5em;color:#000;font-size:10pt}\n"
	"h1{font-size:15pt;text-align:center;margin:0 0 6pt}\n"
	"h2{font-size:10.5pt;margin:8pt 0 3pt;break-after:avoid}\n"
	".meta{display:flex;justify-content:space-between;flex-wrap:wrap;margin:0 0 2pt}\n"
	"section{break-inside:avoid}\n"
	"table{border-collapse:collapse;width:100%;font-size:8.5pt;line-height:1.2}\n"
	"thead{display:table-header-group}\n"
	"th,td{border:0.5pt solid #000;padding:1pt 3pt}\n"
	"th{font-weight:normal;background:#eee}\n"
	"td{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"tbody th{text-align:left;background:none;white-space:nowrap}\n"
	"tr{break-inside:avoid}\n"
	"tr.sub th,tr.sub td{font-weight:bold;background:#f4f4f4}\n"
	"tr.total th,tr.total td{font-weight:bold;border-top:1.2pt solid #000}\n"
	".sign{display:flex;justify-content:space-between;margin:14pt 0 6pt;break-inside:avoid}\n"
	".seal{display:inline-block;width:32mm;height:24mm;border:0.5pt dashed #888;"
	"text-align:center;line-height:24mm;color:#666}\n"
	".charts figure{display:inline-block;width:23%;margin:2pt 0.5%;break-inside:avoid}\n"
	".charts svg{width:100%;height:auto}\n"
	"figcaption{font-size:8.5pt}\n"
	"@media print{body{margin:0}}\n"
	"</style>\n";

static void head(FILE *fp, const struct sw_report *r)
{
	char title[256], period[128];
	sw_form_title(r, title, sizeof title);
	sw_form_dates(r, period, sizeof period);
	sw_html_begin(fp, title);
	fprintf(fp, "%s</head>\n<body>\n<h1>", style);
	sw_html_put(fp, title);
	fprintf(fp, "</h1>\n<div class=\"meta\"><span>%s", _("Reporting unit: "));
	sw_html_put(fp, r->scope ? r->scope : "");
	fprintf(fp, "</span><span>%s", _("Period: "));
	sw_html_put(fp, period);
	fputs("</span></div>\n", fp);
	if (r->fingerprint[0])
		fprintf(fp, "<div class=\"meta\"><span>%s%s</span></div>\n", _("Fingerprint (closed month): "),
			r->fingerprint);
}

/* The two heading rows: a top heading spans its run of figures; a figure
 * with none takes both rows. */
static void thead(FILE *fp, const struct sw_report *r, int s)
{
	char top[96], sub[96], t2[96], s2[96];
	fprintf(fp, "<thead>\n<tr><th rowspan=\"2\">%s</th>", _("Unit"));
	for (int f = sw_sections[s].first; f < sw_sections[s].end; f++) {
		if (!r->sel[f])
			continue;
		sw_form_head(f, top, sizeof top, sub, sizeof sub);
		int span = 1, g = f + 1;
		for (; top[0] && g < sw_sections[s].end; g++) {
			sw_form_head(g, t2, sizeof t2, s2, sizeof s2);
			if (strcmp(t2, top) != 0)
				break;
			span += r->sel[g];
		}
		if (top[0])
			fprintf(fp, "<th colspan=\"%d\">", span);
		else
			fputs("<th rowspan=\"2\">", fp);
		sw_html_put(fp, top[0] ? top : sub);
		fputs("</th>", fp);
		if (top[0])
			f = g - 1;
	}
	fputs("</tr>\n<tr>", fp);
	for (int f = sw_sections[s].first; f < sw_sections[s].end; f++) {
		sw_form_head(f, top, sizeof top, sub, sizeof sub);
		if (r->sel[f] && top[0]) {
			fputs("<th>", fp);
			sw_html_put(fp, sub);
			fputs("</th>", fp);
		}
	}
	fputs("</tr>\n</thead>\n", fp);
}

static void section(FILE *fp, const struct sw_report *r, int s, const struct sw_row_ref *rows, int nrows)
{
	static const char *const cls[] = {"", " class=\"sub\"", " class=\"total\""};
	fputs("<section>\n<h2>", fp);
	sw_html_put(fp, _(sw_sections[s].title));
	fputs("</h2>\n<table>\n", fp);
	thead(fp, r, s);
	fputs("<tbody>\n", fp);
	for (int k = 0; k < nrows; k++) {
		char name[160], c[80];
		fprintf(fp, "<tr%s><th scope=\"row\">", cls[rows[k].kind]);
		sw_html_put(fp, sw_form_name(r, &rows[k], name, sizeof name));
		fputs("</th>", fp);
		for (int f = sw_sections[s].first; f < sw_sections[s].end; f++)
			if (r->sel[f]) {
				sw_form_cell(r, &rows[k], f, c, sizeof c);
				fprintf(fp, "<td>%s</td>", c);
			}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n</section>\n", fp);
}

/* Who made and checked the form, when it was filed and the seal: blanks to
 * fill by hand, so the page is the same whenever it is made. */
static void sign(FILE *fp)
{
	fprintf(fp, "<div class=\"sign\"><span>%s________</span><span>%s________</span>"
		"<span>%s%s</span><span class=\"seal\">%s</span></div>\n",
		_("Prepared by: "), _("Checked by: "), _("Date filed: "), _("____-__-__"), _("(seal)"));
}

static long long tval(const struct sw_trend *t, int i, int f)
{
	return t->v[(size_t)i * SW_NFIG + f];
}

/* A bar chart of one figure's monthly totals, in inline SVG: the value
 * above each bar that is not zero, the month below, the year below the
 * first month and each January. */
static void chart(FILE *fp, const struct sw_trend *t, int f)
{
	const int w = 40 + 28 * t->n, h = 176, base = 140;
	long long max = 0;
	for (int i = 0; i < t->n; i++)
		if (tval(t, i, f) > max)
			max = tval(t, i, f);
	char buf[32];
	fputs("<figure><figcaption>", fp);
	sw_html_put(fp, sw_figure_label(f, sw_i18n_zh()));
	fprintf(fp, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
		" viewBox=\"0 0 %d %d\" role=\"img\">\n", w, h, w, h);
	fprintf(fp, "<line x1=\"30\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", base, w - 5, base);
	for (int i = 0; i < t->n; i++) {
		long long v = tval(t, i, f);
		int bh = max ? (int)(v * 110 / max) : 0, x = 36 + 28 * i;
		sw_figure_fmt(f, v, buf, sizeof buf);
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"20\" height=\"%d\" fill=\"#4a78a8\"><title>%s %s</title></rect>\n",
			x, base - bh, bh, t->month[i], buf);
		if (v)
			fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
				x + 10, base - bh - 3, buf);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>\n",
			x + 10, base + 13, atoi(t->month[i] + 5));
		if (i == 0 || strcmp(t->month[i] + 5, "01") == 0)
			fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%.4s</text>\n", x, base + 28,
				t->month[i]);
	}
	fputs("</svg></figure>\n", fp);
}

/* The charts of the figures shown that have data in the months. */
static void charts(FILE *fp, const struct sw_report *r, const struct sw_trend *t)
{
	static const int figs[] = {F_SERVICES, F_PEOPLE_SERVED, F_SERVICE_HOURS, F_CASES_OPENED,
				   F_CASES_CLOSED, F_CLIENTS_END, F_ACTIVITIES, F_MATCHES};
	int any = 0;
	for (size_t k = 0; k < sizeof figs / sizeof figs[0]; k++) {
		int f = figs[k], data = 0;
		for (int i = 0; t && i < t->n && !data; i++)
			data = tval(t, i, f) != 0;
		if (!r->sel[f] || !data)
			continue;
		if (!any++)
			fprintf(fp, "<section class=\"charts\">\n<h2>%s</h2>\n", _("Monthly trend"));
		chart(fp, t, f);
	}
	if (any)
		fputs("</section>\n", fp);
}

int sw_report_html(const struct sw_report *r, const char *path, const struct sw_trend *t)
{
	struct sw_file file;
	if (sw_file_open(&file, path) != 0)
		return -1;
	FILE *fp = file.fp;
	struct sw_row_ref *rows;
	int nrows = sw_form_rows(r, 1, &rows);
	head(fp, r);
	for (int s = 0; s < SW_NSECTIONS; s++)
		if (sw_section_shown(r, s))
			section(fp, r, s, rows, nrows);
	sign(fp);
	charts(fp, r, t);
	fputs("</body>\n</html>\n", fp);
	free(rows);
	return sw_file_commit(&file);
}
