/* Writing scorecards: machine formats (csv, tsv, json) get one row per
 * station and indicator, with the rule, the figure's value and the
 * evaluator's note; people formats (table, md, html) get the indicators
 * down and the stations across, each cell a score and its evidence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/evaluate.h"
#include "sw/html.h"
#include "sw/i18n.h"
#include "sw/out.h"

static const char *level_key(const struct sw_ind *d)
{
	return d->point ? "point" : d->depth == 0 ? "dimension" : "indicator";
}

static const char *st_code(const struct sw_eval *e, int k) { return e->net->st[e->st[k]].code; }
static const char *st_name(const struct sw_eval *e, int k) { return e->net->st[e->st[k]].name; }

static long long total(const struct sw_eval *e, int k)
{
	long long t = 0;
	for (int i = 0; i < e->sys->n; i++)
		if (e->sys->ind[i].up < 0)
			t += e->score[(size_t)k * e->sys->n + i];
	return t;
}

static int write_long(const struct sw_eval *e, const char *path, int fmt)
{
	static const char *const names[] = {"period", "station_code", "station_name", "code", "level", "name",
					    "max", "score", "rule", "value", "note", "grade"};
	struct sw_out *o = sw_out_open(path, fmt, 12, names, "ssssssnnssss");
	if (!o)
		return -1;
	const struct sw_system *sys = e->sys;
	char max[32], score[32], rule[96];
	for (int k = 0; k < e->nst; k++) {
		for (int i = 0; i < sys->n; i++) {
			const struct sw_ind *d = &sys->ind[i];
			size_t at = (size_t)k * sys->n + i;
			sw_marks_fmt(d->max, max, sizeof max);
			sw_marks_fmt(e->score[at], score, sizeof score);
			sw_rule_text(&d->rule, rule, sizeof rule);
			const char *row[] = {e->period, st_code(e, k), st_name(e, k), d->code, level_key(d), d->name,
					     max, e->score[at] < 0 ? NULL : score, rule, e->value[at], e->note[at], NULL};
			sw_out_row(o, row);
		}
		sw_marks_fmt(sys->total, max, sizeof max);
		sw_marks_fmt(total(e, k), score, sizeof score);
		const char *row[] = {e->period, st_code(e, k), st_name(e, k), "", "total", "", max, score,
				     NULL, NULL, NULL, sw_grade_key(e->grade[k])};
		sw_out_row(o, row);
	}
	const char *row[] = {e->period, "", "", "", "fingerprint", "", NULL, NULL, NULL, e->fingerprint, NULL, NULL};
	sw_out_row(o, row);
	return sw_out_close(o);
}

/* The evidence of station k's point i, for people: the figure's value
 * (and the ratio's), or the evaluator's note. */
static void evidence(const struct sw_eval *e, int k, int i, char *buf, size_t n)
{
	const struct sw_ind *d = &e->sys->ind[i];
	size_t at = (size_t)k * e->sys->n + i;
	const struct sw_rule *r = &d->rule;
	char t[32];
	buf[0] = 0;
	if (r->kind == SW_RULE_RATIO)
		snprintf(buf, n, "%s / %s = %s", sw_figure_label(r->fig, sw_i18n_zh()),
			 sw_figure_label(r->fig2, sw_i18n_zh()), *e->value[at] ? e->value[at] : "—");
	else if (r->kind != SW_RULE_EVALUATOR) {
		sw_figure_fmt(r->fig, r->n, t, sizeof t);
		snprintf(buf, n, r->kind == SW_RULE_LINEAR ? _("%s %s of %s") : _("%s %s, needs %s"),
			 sw_figure_label(r->fig, sw_i18n_zh()), e->value[at], t);
	} else if (e->note[at])
		snprintf(buf, n, "%s", e->note[at]);
}

/* A cell of the side-by-side table: "4 (services 1234 (needs 1000))". */
static void cell(const struct sw_eval *e, int k, int i, char *buf, size_t n)
{
	char s[32], ev[512];
	long long v = e->score[(size_t)k * e->sys->n + i];
	if (v < 0) {
		snprintf(buf, n, "%s", _("not scored"));
		return;
	}
	sw_marks_fmt(v, s, sizeof s);
	if (e->sys->ind[i].point)
		evidence(e, k, i, ev, sizeof ev);
	else
		ev[0] = 0;
	snprintf(buf, n, *ev ? _("%s (%s)") : "%s", s, ev);
}

static const char *how_label(const struct sw_ind *d, char *buf, size_t n)
{
	if (!d->point)
		return "";
	if (d->rule.kind == SW_RULE_EVALUATOR)
		return _("an evaluator");
	sw_rule_text(&d->rule, buf, n);
	return buf;
}

static int write_pivot(const struct sw_eval *e, const char *path, int fmt)
{
	int nc = e->nst + 4;
	const char **names = sw_xcalloc((size_t)nc, sizeof *names), **vals = sw_xcalloc((size_t)nc, sizeof *vals);
	char *types = sw_xcalloc((size_t)nc + 1, 1);
	names[0] = _("indicator code"), names[1] = _("indicator"), names[2] = _("marks"), names[3] = _("scored by");
	memcpy(types, "ssns", 4);
	for (int k = 0; k < e->nst; k++) {
		names[4 + k] = st_name(e, k);
		types[4 + k] = 's';
	}
	struct sw_out *o = sw_out_open(path, fmt, nc, names, types);
	char (*cells)[640] = sw_xcalloc((size_t)e->nst + 1, sizeof *cells), max[32], how[96];
	for (int i = 0; o && i < e->sys->n; i++) {
		const struct sw_ind *d = &e->sys->ind[i];
		sw_marks_fmt(d->max, max, sizeof max);
		vals[0] = d->code, vals[1] = d->name, vals[2] = max, vals[3] = how_label(d, how, sizeof how);
		for (int k = 0; k < e->nst; k++) {
			cell(e, k, i, cells[k], sizeof cells[k]);
			vals[4 + k] = cells[k];
		}
		sw_out_row(o, vals);
	}
	for (int r = 0; o && r < 3; r++) {
		sw_marks_fmt(e->sys->total, max, sizeof max);
		vals[0] = "";
		vals[1] = r == 0 ? _("total score") : r == 1 ? _("grade") : _("fingerprint of the inputs");
		vals[2] = r == 0 ? max : "";
		vals[3] = "";
		for (int k = 0; k < e->nst; k++) {
			if (r == 0)
				sw_marks_fmt(total(e, k), cells[k], sizeof cells[k]);
			else
				snprintf(cells[k], sizeof cells[k], "%s", r == 1 ? sw_grade_label(e->grade[k])
					 : k ? "" : e->fingerprint);
			vals[4 + k] = cells[k];
		}
		sw_out_row(o, vals);
	}
	free(cells);
	free(names);
	free(vals);
	free(types);
	return o ? sw_out_close(o) : -1;
}

static void html_row(FILE *fp, const struct sw_eval *e, int i)
{
	const struct sw_ind *d = &e->sys->ind[i];
	char max[32], how[96], c[640];
	sw_marks_fmt(d->max, max, sizeof max);
	fprintf(fp, "<tr class=\"%s\"><td>", level_key(d));
	sw_html_put(fp, d->code);
	fprintf(fp, "</td><td style=\"padding-left:%dem\">", 1 + d->depth);
	sw_html_put(fp, d->name);
	fprintf(fp, "</td><td class=\"n\">%s</td><td>", max);
	sw_html_put(fp, how_label(d, how, sizeof how));
	fputs("</td>", fp);
	for (int k = 0; k < e->nst; k++) {
		cell(e, k, i, c, sizeof c);
		fputs("<td>", fp);
		sw_html_put(fp, c);
		fputs("</td>", fp);
	}
	fputs("</tr>\n", fp);
}

static int write_html(const struct sw_eval *e, const char *path)
{
	struct sw_file file;
	if (sw_file_open(&file, path) != 0)
		return -1;
	FILE *fp = file.fp;
	char max[32], t[32];
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s %s</title>\n",
		sw_i18n_zh() ? "zh-CN" : "en", e->period, _("evaluation scorecard"));
	fputs("<style>\nbody{font-family:\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:1.5em;color:#111}\n"
	      "table{border-collapse:collapse;font-size:0.9em}\nth,td{border:1px solid #999;padding:2px 6px}\n"
	      "td.n{text-align:right}\nth{background:#eee}\ntr.dimension{background:#dde6f0;font-weight:bold}\n"
	      "tr.indicator{background:#f3f6fa}\ntr.total{font-weight:bold}\n"
	      "@media print{body{margin:0}tr{break-inside:avoid}}\n</style>\n</head>\n<body>\n", fp);
	fprintf(fp, "<h1>%s %s</h1>\n<p>%s %s – %s</p>\n<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
		e->period, _("evaluation scorecard"), _("evaluation period"), e->from, e->to, _("indicator code"), _("indicator"),
		_("marks"), _("scored by"));
	for (int k = 0; k < e->nst; k++) {
		fputs("<th>", fp);
		sw_html_put(fp, st_name(e, k));
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (int i = 0; i < e->sys->n; i++)
		html_row(fp, e, i);
	sw_marks_fmt(e->sys->total, max, sizeof max);
	fprintf(fp, "<tr class=\"total\"><td></td><td>%s</td><td class=\"n\">%s</td><td></td>", _("total score"), max);
	for (int k = 0; k < e->nst; k++) {
		sw_marks_fmt(total(e, k), t, sizeof t);
		fprintf(fp, "<td>%s</td>", t);
	}
	fprintf(fp, "</tr>\n<tr class=\"total\"><td></td><td>%s</td><td></td><td></td>", _("grade"));
	for (int k = 0; k < e->nst; k++)
		fprintf(fp, "<td>%s</td>", sw_grade_label(e->grade[k]));
	fprintf(fp, "</tr>\n</tbody>\n</table>\n<p>%s</p>\n<p>%s: <code>%s</code></p>\n</body>\n</html>\n",
		_("Grades: excellent from 90 per cent of the marks, good from 80, pass from 60, else fail."),
		_("fingerprint of the inputs"), e->fingerprint);
	return sw_file_commit(&file);
}

int sw_eval_write(const struct sw_eval *e, const char *path, int fmt)
{
	if (fmt == SW_FMT_HTML)
		return write_html(e, path);
	if (sw_fmt_human(fmt, path))
		return write_pivot(e, path, fmt);
	return write_long(e, path, fmt);
}
