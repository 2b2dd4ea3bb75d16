/* Writing a report: machine formats (csv, tsv, json) get one row per
 * station and figure, which merge reads back; people formats (table, md)
 * get figures down and stations across, or on a terminal too narrow for
 * that, sections with stations as rows (lib/report_text.c); html and xlsx
 * are the bureau's form (lib/report_html.c, lib/report_xlsx.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/out.h"
#include "sw/reportpriv.h"
#include "sw/text.h"

static const char *row_code(const struct sw_report *r, const struct sw_row_ref *row)
{
	return row->kind == SW_ROW_GROUP ? r->net->st[r->net->rep[row->g]].code : "";
}

static const char *row_level(const struct sw_report *r, const struct sw_row_ref *row)
{
	return row->kind == SW_ROW_GROUP ? r->net->st[r->net->rep[row->g]].level : "total";
}

static int write_long(const struct sw_report *r, const char *path, int fmt)
{
	static const char *const names[] = {"period", "station_code", "station_name", "level",
					    "figure", "label", "value", "previous", "change"};
	int ncols = r->prev ? 9 : 7;
	struct sw_out *o = sw_out_open(path, fmt, ncols, names, "ssssssnnn");
	if (!o)
		return -1;
	struct sw_row_ref *rows;
	int nrows = sw_form_rows(r, 0, &rows);
	for (int k = 0; k < nrows; k++) {
		char name[160];
		for (int f = 0; f < SW_NFIG; f++) {
			if (!r->sel[f])
				continue;
			char v[32], p[32], c[32];
			long long x = sw_form_val(r, &rows[k], f, 0);
			sw_figure_fmt(f, x, v, sizeof v);
			if (r->prev) {
				long long y = sw_form_val(r, &rows[k], f, 1);
				sw_figure_fmt(f, y, p, sizeof p);
				sw_figure_fmt(f, x - y, c, sizeof c);
			}
			const char *vals[] = {r->period, row_code(r, &rows[k]),
					      sw_form_name(r, &rows[k], name, sizeof name), row_level(r, &rows[k]),
					      sw_figures[f].key, sw_figure_label(f, sw_i18n_zh()), v, p, c};
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

/* Terminal columns of the pivot: figures down, stations across. */
static size_t pivot_width(const struct sw_report *r, const struct sw_row_ref *rows, int nrows)
{
	size_t w = 0;
	for (int f = 0; f < SW_NFIG; f++)
		if (r->sel[f] && sw_text_width(sw_figure_label(f, sw_i18n_zh())) > w)
			w = sw_text_width(sw_figure_label(f, sw_i18n_zh()));
	for (int k = 0; k < nrows; k++) {
		char name[160], c[80];
		size_t cw = sw_text_width(sw_form_name(r, &rows[k], name, sizeof name));
		for (int f = 0; f < SW_NFIG; f++)
			if (r->sel[f]) {
				sw_form_cell(r, &rows[k], f, c, sizeof c);
				if (strlen(c) > cw)
					cw = strlen(c);
			}
		w += 2 + cw;
	}
	return w;
}

/* The terminal's width: $COLUMNS, else the terminal's own; 0 if unknown. */
static size_t term_width(const char *path)
{
	const char *c = getenv("COLUMNS");
	if (c && atoi(c) > 0)
		return (size_t)atoi(c);
	struct winsize ws;
	if ((!path || strcmp(path, "-") == 0) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

static const char *fp_label(void)
{
	return _("fingerprint (closed month)");
}

static int write_pivot(const struct sw_report *r, const char *path, int fmt)
{
	struct sw_row_ref *rows;
	int nrows = sw_form_rows(r, 0, &rows);
	const char **names = sw_xcalloc((size_t)nrows + 1, sizeof *names);
	char *types = sw_xcalloc((size_t)nrows + 2, 1);
	char (*heads)[160] = sw_xcalloc((size_t)nrows + 1, sizeof *heads);
	names[0] = _("figure");
	types[0] = 's';
	for (int k = 0; k < nrows; k++) {
		names[k + 1] = sw_form_name(r, &rows[k], heads[k], sizeof heads[k]);
		types[k + 1] = 'n';
	}
	struct sw_out *o = sw_out_open(path, fmt, nrows + 1, names, types);
	if (o) {
		char (*cells)[80] = sw_xcalloc((size_t)nrows, sizeof *cells);
		const char **vals = sw_xcalloc((size_t)nrows + 1, sizeof *vals);
		for (int f = 0; f < SW_NFIG; f++) {
			if (!r->sel[f])
				continue;
			vals[0] = sw_figure_label(f, sw_i18n_zh());
			for (int k = 0; k < nrows; k++) {
				sw_form_cell(r, &rows[k], f, cells[k], sizeof cells[k]);
				vals[k + 1] = cells[k];
			}
			sw_out_row(o, vals);
		}
		if (r->fingerprint[0]) {
			vals[0] = fp_label();
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
	free(heads);
	return o ? sw_out_close(o) : -1;
}

/* A table for a terminal: stations across when they fit, else as rows. */
static int write_table(const struct sw_report *r, const char *path)
{
	struct sw_row_ref *rows;
	int nrows = sw_form_rows(r, 0, &rows);
	size_t tw = term_width(path), pw = pivot_width(r, rows, nrows);
	free(rows);
	return tw && pw > tw ? sw_report_text(r, path) : write_pivot(r, path, SW_FMT_TABLE);
}

int sw_report_write(const struct sw_report *r, const char *path, int fmt, int zh,
		    const struct sw_trend *trend)
{
	(void)zh;	/* the language is gettext's (sw_i18n_zh) */
	if (fmt == SW_FMT_HTML)
		return sw_report_html(r, path, trend);
	if (fmt == SW_FMT_REPORT_XLSX)
		return sw_report_xlsx(r, path);
	fmt = sw_fmt_resolve(fmt, path);
	if (fmt == SW_FMT_TABLE)
		return write_table(r, path);
	if (fmt == SW_FMT_MD)
		return write_pivot(r, path, fmt);
	return write_long(r, path, fmt);
}
