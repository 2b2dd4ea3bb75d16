/* The report as an Excel workbook (libxlsxwriter): one sheet per section
 * of figures, each the bureau's form: title, reporting unit and period,
 * two heading rows, stations as rows with subtotals and the total, the
 * lines to sign and seal. Numbers are number cells; the panes are frozen
 * below the headings; each sheet prints on A4 landscape, one page wide,
 * headings repeated. The same figures give the same bytes: the workbook's
 * creation time is the period's last day, not the clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/out.h"
#include "sw/reportpriv.h"
#include "sw/text.h"

/* Formats by row kind (station, subtotal, total) and cell type. */
enum { C_NAME, C_NUM, C_HOURS, C_MEDIAN, NCELL };
struct book {
	lxw_workbook *wb;
	lxw_format *title, *meta, *head, *cell[3][NCELL];
};

static void formats(struct book *b)
{
	b->title = workbook_add_format(b->wb);
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	format_set_align(b->title, LXW_ALIGN_CENTER);
	format_set_align(b->title, LXW_ALIGN_VERTICAL_CENTER);
	b->meta = workbook_add_format(b->wb);
	b->head = workbook_add_format(b->wb);
	format_set_border(b->head, LXW_BORDER_THIN);
	format_set_align(b->head, LXW_ALIGN_CENTER);
	format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(b->head);
	format_set_bg_color(b->head, 0xEEEEEE);
	/* a median is whole or ends in .5: General shows 7 and 5.5 */
	static const char *const num[NCELL] = {NULL, "0", "0.0", "General"};
	for (int k = 0; k < 3; k++)
		for (int c = 0; c < NCELL; c++) {
			lxw_format *f = b->cell[k][c] = workbook_add_format(b->wb);
			format_set_border(f, LXW_BORDER_THIN);
			if (num[c])
				format_set_num_format(f, num[c]);
			if (k != SW_ROW_GROUP)
				format_set_bold(f);
			if (k == SW_ROW_SUB)
				format_set_bg_color(f, 0xF4F4F4);
		}
}

/* A range of one row, merged when it spans more than one cell. */
static void across(lxw_worksheet *ws, int row, int c1, int c2, const char *s, lxw_format *f)
{
	if (c2 > c1)
		worksheet_merge_range(ws, row, c1, row, c2, s, f);
	else
		worksheet_write_string(ws, row, c1, s, f);
}

/* The heading rows at row h; returns the number of figure columns. */
static int headings(lxw_worksheet *ws, struct book *b, const struct sw_report *r, int s, int h)
{
	char top[96], sub[96], prev[96] = "";
	int col = 0, start = 1;
	worksheet_merge_range(ws, h, 0, h + 1, 0, _("Unit"), b->head);
	for (int f = sw_sections[s].first; f < sw_sections[s].end; f++) {
		if (!r->sel[f])
			continue;
		sw_form_head(f, top, sizeof top, sub, sizeof sub);
		col++;
		if (!top[0])
			worksheet_merge_range(ws, h, col, h + 1, col, sub, b->head);
		else
			worksheet_write_string(ws, h + 1, col, sub, b->head);
		/* a run of one top heading ends: merge it */
		if (prev[0] && strcmp(prev, top) != 0)
			across(ws, h, start, col - 1, prev, b->head);
		if (top[0] && strcmp(prev, top) != 0)
			start = col;
		snprintf(prev, sizeof prev, "%s", top);
		double w = sw_text_width(sub) + 2.0;
		worksheet_set_column(ws, col, col, w < 7 ? 7 : w, NULL);
	}
	if (prev[0])
		across(ws, h, start, col, prev, b->head);
	worksheet_set_row(ws, h + 1, 30, NULL);
	return col;
}

/* The rows of values from row at; returns the next row. */
static int values(lxw_worksheet *ws, struct book *b, const struct sw_report *r, int s,
		  const struct sw_row_ref *rows, int nrows, int at, int change, double *namew)
{
	for (int k = 0; k < nrows; k++, at++) {
		char name[160];
		lxw_format **fmt = b->cell[rows[k].kind];
		const char *nm = sw_form_name(r, &rows[k], name, sizeof name);
		if (sw_text_width(nm) + 2.0 > *namew)
			*namew = sw_text_width(nm) + 2.0;
		worksheet_write_string(ws, at, 0, nm, fmt[C_NAME]);
		int col = 0;
		for (int f = sw_sections[s].first; f < sw_sections[s].end; f++) {
			if (!r->sel[f])
				continue;
			char v[32];
			long long x = sw_form_val(r, &rows[k], f, 0);
			if (change)
				x -= sw_form_val(r, &rows[k], f, 1);
			/* the number the CSV writes (hours to one decimal) */
			sw_figure_fmt(f, x, v, sizeof v);
			worksheet_write_number(ws, at, ++col, strtod(v, NULL),
					       fmt[sw_figures[f].hours ? C_HOURS : sw_figures[f].median ? C_MEDIAN : C_NUM]);
		}
	}
	return at;
}

/* Who made and checked it, when it was filed, the seal: blanks to fill. */
static void sign(lxw_worksheet *ws, struct book *b, int at, int ncols)
{
	char date[96];
	snprintf(date, sizeof date, "%s%s", _("Date filed: "), _("____-__-__"));
	const char *cells[] = {_("Prepared by: "), _("Checked by: "), date, _("(seal)")};
	int step = (ncols + 1) / 4 > 1 ? (ncols + 1) / 4 : 1;
	for (int i = 0; i < 4; i++)
		worksheet_write_string(ws, at, i ? i * step : 0, cells[i], b->meta);
}

/* One section's sheet. 0, or -1 after printing why (a sheet name Excel
 * refuses: over 31 characters, or with []:*?/\ in it). */
static int sheet(struct book *b, const struct sw_report *r, int s, const struct sw_row_ref *rows, int nrows)
{
	char title[256], text[256], period[128];
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, _(sw_sections[s].title));
	if (!ws) {
		sw_error(_("-f xlsx: cannot add a sheet named \"%s\""), _(sw_sections[s].title));
		return -1;
	}
	int ncols = 0;
	for (int f = sw_sections[s].first; f < sw_sections[s].end; f++)
		ncols += r->sel[f];
	sw_form_title(r, title, sizeof title);
	sw_form_dates(r, period, sizeof period);
	across(ws, 0, 0, ncols, title, b->title);
	worksheet_set_row(ws, 0, 24, NULL);
	snprintf(text, sizeof text, "%s%s", _("Reporting unit: "), r->scope ? r->scope : "");
	across(ws, 1, 0, ncols / 2, text, b->meta);
	snprintf(text, sizeof text, "%s%s", _("Period: "), period);
	across(ws, 1, ncols / 2 + 1, ncols, text, b->meta);
	int h = 2;
	if (r->fingerprint[0]) {
		char fp[sizeof r->fingerprint + 128];
		snprintf(fp, sizeof fp, "%s%s", _("Fingerprint (closed month): "), r->fingerprint);
		across(ws, h++, 0, ncols, fp, b->meta);
	}
	headings(ws, b, r, s, h);
	double namew = sw_text_width(_("Unit")) + 2.0;
	int at = values(ws, b, r, s, rows, nrows, h + 2, 0, &namew);
	if (r->prev) {
		across(ws, ++at, 0, ncols, _("Change on the compared period"), b->meta);
		at = values(ws, b, r, s, rows, nrows, at + 1, 1, &namew);
	}
	sign(ws, b, at + 1, ncols);
	worksheet_set_column(ws, 0, 0, namew, NULL);
	worksheet_freeze_panes(ws, h + 2, 1);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
	worksheet_center_horizontally(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, h, h + 1);
	return 0;
}

/* Writes the workbook to tmp. 0, or -1 after printing why. */
static int build(const struct sw_report *r, const char *tmp)
{
	struct book b = {workbook_new(tmp), NULL, NULL, NULL, {{NULL}}};
	if (!b.wb) {
		sw_error(_("-f xlsx: cannot create the workbook"));
		return -1;
	}
	char title[256];
	sw_form_title(r, title, sizeof title);
	struct tm tm = {.tm_year = atoi(r->to) - 1900, .tm_mon = atoi(r->to + 5) - 1, .tm_mday = atoi(r->to + 8)};
	lxw_doc_properties props = {.title = title, .created = timegm(&tm)};
	workbook_set_properties(b.wb, &props);
	formats(&b);
	struct sw_row_ref *rows;
	int nrows = sw_form_rows(r, 1, &rows), bad = 0;
	for (int s = 0; s < SW_NSECTIONS && !bad; s++)
		if (sw_section_shown(r, s))
			bad = sheet(&b, r, s, rows, nrows) != 0;
	free(rows);
	lxw_error err = workbook_close(b.wb);
	if (bad)
		return -1;
	if (err != LXW_NO_ERROR) {
		sw_error(_("-f xlsx: %s"), lxw_strerror(err));
		return -1;
	}
	return 0;
}

int sw_report_xlsx(const struct sw_report *r, const char *path)
{
	struct sw_file file;
	char *own;
	const char *dst;
	if (sw_file_open(&file, path) != 0)
		return -1;
	if (!(dst = sw_file_named(&file, &own)) || build(r, dst) != 0 ||
	    (own && sw_file_fill(&file, own) != 0)) {
		sw_file_abort(&file);
		if (own)
			unlink(own);
		free(own);
		return -1;
	}
	if (own)
		unlink(own);
	free(own);
	return sw_file_commit(&file);
}
