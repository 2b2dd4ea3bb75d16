/* Writing a report: machine formats (csv, tsv, json) get one row per
 * station and figure, which merge reads back; people formats (table, md)
 * get figures down and stations across, like the bureau's forms; html is
 * a page of its own with the same table and SVG charts of the trend. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/out.h"
#include "sw/report.h"

static const char *row_code(const struct sw_report *r, int g)
{
	return g == r->ngroups ? "" : r->net->st[r->net->rep[g]].code;
}

static const char *row_name(const struct sw_report *r, int g, int zh)
{
	if (g == r->ngroups)
		return sw_level_label("total", zh);
	const struct sw_station *s = &r->net->st[r->net->rep[g]];
	return strcmp(s->level, "unattributed") == 0 ? sw_level_label(s->level, zh) : s->name;
}

static const char *row_level(const struct sw_report *r, int g)
{
	return g == r->ngroups ? "total" : r->net->st[r->net->rep[g]].level;
}

/* The rows shown, in order, into rows[]; returns their count. */
static int shown_rows(const struct sw_report *r, int *rows)
{
	int k = 0;
	if (r->by != SW_BY_TOTAL)
		for (int g = 0; g < r->ngroups; g++)
			if (r->show[g])
				rows[k++] = g;
	if (k != 1)
		rows[k++] = r->ngroups;
	return k;
}

static long long val(const long long *v, int g, int f)
{
	return v[(size_t)g * SW_NFIG + f];
}

/* "12 (+3)" when compared, else "12". */
static void cell(const struct sw_report *r, int g, int f, char *buf, size_t n)
{
	char a[28], c[28];
	long long v = val(r->v, g, f);
	sw_figure_fmt(f, v, a, sizeof a);
	if (!r->prev) {
		snprintf(buf, n, "%s", a);
		return;
	}
	long long d = v - val(r->prev, g, f);
	sw_figure_fmt(f, d, c, sizeof c);
	snprintf(buf, n, "%s (%s%s)", a, d >= 0 ? "+" : "", c);
}

static int write_long(const struct sw_report *r, const char *path, int fmt, int zh)
{
	static const char *const names[] = {"period", "station_code", "station_name", "level",
					    "figure", "label", "value", "previous", "change"};
	int ncols = r->prev ? 9 : 7;
	struct sw_out *o = sw_out_open(path, fmt, ncols, names, "ssssssnnn");
	if (!o)
		return -1;
	int *rows = sw_xcalloc((size_t)r->ngroups + 1, sizeof *rows), nrows = shown_rows(r, rows);
	for (int k = 0; k < nrows; k++) {
		int g = rows[k];
		for (int f = 0; f < SW_NFIG; f++) {
			if (!r->sel[f])
				continue;
			char v[32], p[32], c[32];
			sw_figure_fmt(f, val(r->v, g, f), v, sizeof v);
			if (r->prev) {
				sw_figure_fmt(f, val(r->prev, g, f), p, sizeof p);
				sw_figure_fmt(f, val(r->v, g, f) - val(r->prev, g, f), c, sizeof c);
			}
			const char *vals[] = {r->period, row_code(r, g), row_name(r, g, zh), row_level(r, g),
					      sw_figures[f].key, sw_figure_label(f, zh), v, p, c};
			sw_out_row(o, vals);
		}
	}
	if (r->fingerprint[0]) {
		const char *vals[] = {r->period, "", "", "", "fingerprint", r->fingerprint, NULL, NULL, NULL};
		sw_out_row(o, vals);
	}
	free(rows);
	return sw_out_close(o);
}

static const char *fp_label(int zh)
{
	return zh ? "数据指纹（已关账）" : "fingerprint (closed month)";
}

static int write_pivot(const struct sw_report *r, const char *path, int fmt, int zh)
{
	int *rows = sw_xcalloc((size_t)r->ngroups + 1, sizeof *rows), nrows = shown_rows(r, rows);
	const char **names = sw_xcalloc((size_t)nrows + 1, sizeof *names);
	char *types = sw_xcalloc((size_t)nrows + 2, 1);
	names[0] = zh ? "指标" : "figure";
	types[0] = 's';
	for (int k = 0; k < nrows; k++) {
		names[k + 1] = row_name(r, rows[k], zh);
		types[k + 1] = 'n';
	}
	struct sw_out *o = sw_out_open(path, fmt, nrows + 1, names, types);
	if (o) {
		char (*cells)[80] = sw_xcalloc((size_t)nrows, sizeof *cells);
		const char **vals = sw_xcalloc((size_t)nrows + 1, sizeof *vals);
		for (int f = 0; f < SW_NFIG; f++) {
			if (!r->sel[f])
				continue;
			vals[0] = sw_figure_label(f, zh);
			for (int k = 0; k < nrows; k++) {
				cell(r, rows[k], f, cells[k], sizeof cells[k]);
				vals[k + 1] = cells[k];
			}
			sw_out_row(o, vals);
		}
		if (r->fingerprint[0]) {
			vals[0] = fp_label(zh);
			for (int k = 0; k < nrows; k++)
				vals[k + 1] = k ? "" : r->fingerprint;
			sw_out_row(o, vals);
		}
		free(cells);
		free(vals);
	}
	free(rows);
	free(names);
	free(types);
	return o ? sw_out_close(o) : -1;
}

static void html_put(FILE *fp, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: putc(*s, fp);
		}
}

/* A bar chart of one figure's monthly totals, in inline SVG. */
static void html_chart(FILE *fp, const struct sw_trend *t, int f, int zh)
{
	const int w = 40 + 28 * t->n, h = 170, base = 140;
	long long max = 0;
	for (int i = 0; i < t->n; i++)
		if (t->v[(size_t)i * SW_NFIG + f] > max)
			max = t->v[(size_t)i * SW_NFIG + f];
	char buf[32];
	fputs("<figure><figcaption>", fp);
	html_put(fp, sw_figure_label(f, zh));
	fprintf(fp, "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
		" viewBox=\"0 0 %d %d\" role=\"img\">\n", w, h, w, h);
	fprintf(fp, "<line x1=\"30\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", base, w - 5, base);
	for (int i = 0; i < t->n; i++) {
		long long v = t->v[(size_t)i * SW_NFIG + f];
		int bh = max ? (int)(v * 110 / max) : 0, x = 36 + 28 * i;
		sw_figure_fmt(f, v, buf, sizeof buf);
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"20\" height=\"%d\" fill=\"#4a78a8\"><title>%s %s</title></rect>\n",
			x, base - bh, bh, t->month[i], buf);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%s</text>\n",
			x + 10, base - bh - 3, buf);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">%.2s</text>\n",
			x + 10, base + 12, t->month[i] + 5);
	}
	fprintf(fp, "<text x=\"30\" y=\"%d\" font-size=\"9\">%s–%s</text>\n", h - 4, t->month[0],
		t->month[t->n - 1]);
	fputs("</svg></figure>\n", fp);
}

static int write_html(const struct sw_report *r, const char *path, int zh, const struct sw_trend *t)
{
	struct sw_file file;
	if (sw_file_open(&file, path) != 0)
		return -1;
	FILE *fp = file.fp;
	int *rows = sw_xcalloc((size_t)r->ngroups + 1, sizeof *rows), nrows = shown_rows(r, rows);
	const char *scope = r->scope;
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
		zh ? "zh-CN" : "en");
	if (scope)
		html_put(fp, scope), putc(' ', fp);
	fprintf(fp, "%s %s</title>\n", r->period, zh ? "社会工作服务统计" : "social work report");
	fputs("<style>\nbody{font-family:\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:1.5em;color:#111}\n"
	      "table{border-collapse:collapse;font-size:0.9em}\n"
	      "th,td{border:1px solid #999;padding:2px 6px}\ntd.n{text-align:right}\n"
	      "th{background:#eee}\nfigure{display:inline-block;margin:0.5em}\n"
	      "figcaption{font-size:0.85em}\n"
	      "@media print{body{margin:0}figure,tr{break-inside:avoid}}\n</style>\n</head>\n<body>\n<h1>", fp);
	if (scope)
		html_put(fp, scope), putc(' ', fp);
	fprintf(fp, "%s %s</h1>\n<p>%s %s – %s</p>\n", r->period,
		zh ? "社会工作服务统计" : "social work report", zh ? "统计期间" : "period", r->from, r->to);
	if (r->fingerprint[0]) {
		fprintf(fp, "<p>%s: <code>%s</code></p>\n", fp_label(zh), r->fingerprint);
	}
	fprintf(fp, "<table>\n<thead><tr><th>%s</th>", zh ? "指标" : "figure");
	for (int k = 0; k < nrows; k++) {
		fputs("<th>", fp);
		html_put(fp, row_name(r, rows[k], zh));
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (int f = 0; f < SW_NFIG; f++) {
		if (!r->sel[f])
			continue;
		fputs("<tr><th scope=\"row\">", fp);
		html_put(fp, sw_figure_label(f, zh));
		fputs("</th>", fp);
		for (int k = 0; k < nrows; k++) {
			char c[80];
			cell(r, rows[k], f, c, sizeof c);
			fprintf(fp, "<td class=\"n\">%s</td>", c);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	static const int charts[] = {F_SERVICES, F_PEOPLE_SERVED, F_SERVICE_HOURS, F_CASES_OPENED,
				     F_CASES_CLOSED, F_CLIENTS_END, F_ACTIVITIES, F_MATCHES};
	if (t && t->n > 0) {
		fprintf(fp, "<h2>%s</h2>\n", zh ? "月度趋势" : "monthly trend");
		for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++)
			if (r->sel[charts[i]])
				html_chart(fp, t, charts[i], zh);
	}
	fputs("</body>\n</html>\n", fp);
	free(rows);
	return sw_file_commit(&file);
}

int sw_report_write(const struct sw_report *r, const char *path, int fmt, int zh,
		    const struct sw_trend *trend)
{
	if (fmt == SW_FMT_HTML)
		return write_html(r, path, zh, trend);
	fmt = sw_fmt_resolve(fmt, path);
	if (fmt == SW_FMT_TABLE || fmt == SW_FMT_MD)
		return write_pivot(r, path, fmt, zh);
	return write_long(r, path, fmt, zh);
}
