/* Listings as an Excel workbook (sw/outxlsx.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/outxlsx.h"
#include "sw/text.h"
#include "sw/valid.h"

/* Widest column, in Excel's character units: past it, text wraps out of
 * sight rather than pushing the next column off the screen. */
#define WIDTH_MAX 60

struct sw_xlsx_out {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *text, *date;
	int ncols;
	size_t *width;		/* widest cell of each column, terminal columns */
	lxw_row_t row;		/* next row of the current sheet */
	int failed;		/* a value did not fit: said, the workbook fails */
};

lxw_workbook *sw_xlsx_workbook(const char *path, int constant_memory)
{
	lxw_workbook_options opt = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		sw_error(_("%s: cannot start a workbook"), path);
		return NULL;
	}
	/* created 0 would be the time of writing, which changes the bytes
	 * of the same data; 1980-01-01 is the date of the zip entries too. */
	lxw_doc_properties p = {.created = 315532800};
	workbook_set_properties(wb, &p);
	return wb;
}

double sw_xlsx_width(size_t w)
{
	return (double)(w > WIDTH_MAX - 2 ? WIDTH_MAX : w + 2);
}

struct sw_xlsx_out *sw_xlsx_out_open(const char *path)
{
	lxw_workbook *wb = sw_xlsx_workbook(path, 1);
	if (!wb)
		return NULL;
	struct sw_xlsx_out *x = sw_xcalloc(1, sizeof *x);
	x->wb = wb;
	x->head = workbook_add_format(wb);
	format_set_bold(x->head);
	format_set_num_format(x->head, "@");
	x->text = workbook_add_format(wb);
	format_set_num_format(x->text, "@");	/* typed over, an ID stays text */
	x->date = workbook_add_format(wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	return x;
}

/* Sets the widths and the filter of the sheet being finished. */
static void end_sheet(struct sw_xlsx_out *x)
{
	if (!x->ws)
		return;
	for (int i = 0; i < x->ncols; i++)
		worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, sw_xlsx_width(x->width[i]), NULL);
	if (x->ncols > 0)
		worksheet_autofilter(x->ws, 0, 0, x->row ? x->row - 1 : 0, (lxw_col_t)(x->ncols - 1));
	free(x->width);
	x->width = NULL;
}

void sw_xlsx_out_sheet(struct sw_xlsx_out *x, const char *title, int ncols, char *const *names)
{
	end_sheet(x);
	x->ws = workbook_add_worksheet(x->wb, title);
	x->ncols = ncols;
	x->row = 0;
	if (x->ws)
		x->width = sw_xcalloc((size_t)ncols + 1, sizeof *x->width);
	else {
		sw_error(_("-f xlsx: cannot add a sheet named \"%s\""), title ? title : "");
		x->failed = 1;
		return;
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	sw_xlsx_out_row(x, (const char *const *)names, NULL);
}

/* v as a number, if it is one that a double holds exactly enough to show
 * as written: at most 15 significant digits, no exponent, no spaces. */
static int number(const char *v, double *d)
{
	int digits = 0, lead = 1;
	const char *p = *v == '-' ? v + 1 : v;
	if (!*p)
		return 0;
	for (; *p; p++) {
		if (*p >= '1' && *p <= '9')
			lead = 0;
		if (*p >= '0' && *p <= '9')
			digits += !lead;
		else if (*p != '.')
			return 0;
	}
	char *end;
	*d = strtod(v, &end);
	return *end == 0 && digits <= 15 && isfinite(*d);
}

/* v as a date Excel shows (from 1900-03-01 on: earlier serials are
 * counted through the 29 February 1900 that Excel believes in). */
static int date(const char *v, lxw_datetime *dt)
{
	char canon[11], why[128];
	if (strlen(v) != 10 || sw_date_parse(v, canon, why, sizeof why) != 0 ||
	    strcmp(canon, v) != 0 || strcmp(v, "1900-03-01") < 0)
		return 0;
	*dt = (lxw_datetime){atoi(v), atoi(v + 5), atoi(v + 8), 0, 0, 0};
	return 1;
}

/* Writes one cell; the libxlsxwriter status. */
static lxw_error cell(struct sw_xlsx_out *x, int i, const char *v, char type)
{
	double d;
	lxw_datetime dt;
	lxw_col_t c = (lxw_col_t)i;
	size_t w;
	lxw_error e;
	if (type == 'n' && number(v, &d)) {
		w = strlen(v);
		e = worksheet_write_number(x->ws, x->row, c, d, NULL);
	} else if (type == 'd' && date(v, &dt)) {
		w = 10;
		e = worksheet_write_datetime(x->ws, x->row, c, &dt, x->date);
	} else {
		w = sw_text_width(v);
		e = worksheet_write_string(x->ws, x->row, c, v, x->row ? x->text : x->head);
	}
	if (w > x->width[i])
		x->width[i] = w;
	return e;
}

void sw_xlsx_out_row(struct sw_xlsx_out *x, const char *const *vals, const char *types)
{
	if (x->failed)
		return;
	if (x->row >= LXW_ROW_MAX) {
		sw_error(_("-f xlsx: more than %d rows do not fit a worksheet: use -f csv"),
			 LXW_ROW_MAX - 1);
		x->failed = 1;
		return;
	}
	for (int i = 0; i < x->ncols; i++) {
		if (!vals[i] || !*vals[i])
			continue;
		lxw_error e = cell(x, i, vals[i], types ? types[i] : 's');
		if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
			sw_error(_("-f xlsx: row %lu, column %d: more than 32767 characters do not "
				   "fit a cell: use -f csv"), (unsigned long)x->row + 1, i + 1);
			x->failed = 1;
			return;
		} else if (e != LXW_NO_ERROR) {
			sw_error(_("-f xlsx: row %lu, column %d: %s"), (unsigned long)x->row + 1, i + 1,
				 lxw_strerror(e));
			x->failed = 1;
			return;
		}
	}
	x->row++;
}

int sw_xlsx_out_close(struct sw_xlsx_out *x)
{
	end_sheet(x);
	lxw_error e = workbook_close(x->wb);
	int rc = x->failed ? -1 : 0;
	if (e != LXW_NO_ERROR && !x->failed) {
		sw_error(_("-f xlsx: %s"), lxw_strerror(e));
		rc = -1;
	}
	free(x);
	return rc;
}
