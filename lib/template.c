/* Blank registers to fill in (sw/template.h). */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/out.h"
#include "sw/outxlsx.h"
#include "sw/template.h"
#include "sw/text.h"
#include "sw/vocab.h"

/* The words a column's cell may hold, for its drop-down list. */
struct words {
	char **w;
	int n;
};

static void add_word(struct words *ws, const char *w)
{
	for (int i = 0; i < ws->n; i++)
		if (strcmp(ws->w[i], w) == 0)
			return;
	ws->w = sw_xrealloc(ws->w, (size_t)(ws->n + 1) * sizeof *ws->w);
	ws->w[ws->n++] = sw_xstrdup(w);
}

/* Each key by its Chinese label, and the station's own words (vocab add)
 * as they were added: the words its admins use. */
static void each_word(void *ctx, const char *vocab, const char *key, const char *alias, int local)
{
	if (!alias)
		add_word(ctx, sw_vocab_label(vocab, key, 1));
	else if (local)
		add_word(ctx, alias);
}

static void column_words(const struct sw_column *c, struct words *ws)
{
	memset(ws, 0, sizeof *ws);
	if (c->type == SW_T_VOCAB || c->type == SW_T_SET)
		sw_vocab_each(c->vocab, each_word, ws);
	else if (c->type == SW_T_BOOL) {
		add_word(ws, "是");
		add_word(ws, "否");
	}
}

static void free_words(struct words *ws)
{
	for (int i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->w);
}

static const char *const type_desc[] = {
	[SW_T_TEXT] = N_("free text"),
	[SW_T_DATE] = N_("date, as 2026-10-01"),
	[SW_T_INT] = N_("whole number"),
	[SW_T_VOCAB] = N_("one word of the list"),
	[SW_T_SET] = N_("words of the list, separated by semicolons"),
	[SW_T_BOOL] = N_("yes or no"),
	[SW_T_IDCARD] = N_("resident ID number, 18 characters"),
	[SW_T_PHONE] = N_("mobile or landline number"),
	[SW_T_LIST] = N_("words separated by semicolons"),
	[SW_T_CODE] = N_("a code (letters and digits)"),
	[SW_T_DIVISION] = N_("division code, 6, 9 or 12 digits"),
	[SW_T_MINUTES] = N_("minutes, a whole number"),
	[SW_T_CREDIT] = N_("unified social credit code, 18 characters"),
	[SW_T_MONEY] = N_("amount in yuan, as 150000.00"),
};
/* a new column type needs its words here (contracts' amounts read past
 * the end of this table once) */
_Static_assert(sizeof type_desc / sizeof type_desc[0] == SW_T_MONEY + 1, "a description per type");

/* What a cell of c may hold, beyond its type, into buf. */
static void accepted(const struct sw_column *c, const struct words *ws, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = 0;
	for (int i = 0; i < ws->n && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "、" : "", ws->w[i]);
	if (c->type == SW_T_INT || c->type == SW_T_MINUTES)
		snprintf(buf, n, _("%lld to %lld"), c->min, c->max);
	if (c->ref)
		snprintf(buf, n, _("one already registered (%s)"), c->ref);
	if (c->flags & (SW_C_DERIVED | SW_C_MADE))
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", *buf ? "; " : "",
			 c->flags & SW_C_MADE ? _("may be left blank: made from the row")
			 : _("may be left blank: filled in from the other columns"));
}

static int required(const struct sw_column *c)
{
	return (c->flags & SW_C_NOTNULL) || ((c->flags & SW_C_KEY) && !(c->flags & SW_C_MADE));
}

/* Column letters of column i (0 is A), for a formula. */
static void col_name(int i, char out[4])
{
	lxw_col_to_name(out, (lxw_col_t)i, 0);
}

/* The notes sheet: a row per column, then each word list in a column of
 * its own to the right, which the register's drop-downs refer to. */
static void notes_sheet(lxw_workbook *wb, lxw_worksheet *reg, const struct sw_table *t,
			lxw_format *bold, const char *sheet)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
	const char *head[] = {_("Column title"), _("English name"), _("Value type"),
			      _("Required column"), _("Accepted values")};
	size_t width[5] = {0};
	int list = 6;	/* the first word list's column (G) */
	worksheet_write_string(ws, 0, 0, SW_TEMPLATE_NOTES, bold);
	worksheet_write_string(ws, 0, 1, _("The columns of the register on the first sheet. "
					   "Import reads that sheet and passes over this one."), NULL);
	for (int i = 0; i < 5; i++) {
		worksheet_write_string(ws, 2, (lxw_col_t)i, head[i], bold);
		width[i] = sw_text_width(head[i]);
	}
	for (int k = 0; k < t->ncols; k++) {
		const struct sw_column *c = &t->cols[k];
		struct words ws_;
		char acc[2048];
		column_words(c, &ws_);
		accepted(c, &ws_, acc, sizeof acc);
		const char *cells[] = {sw_column_label(c, 1), c->name, _(type_desc[c->type]),
				       required(c) ? _("must be filled in") : "", acc};
		for (int i = 0; i < 5; i++) {
			worksheet_write_string(ws, (lxw_row_t)k + 3, (lxw_col_t)i, cells[i], NULL);
			size_t w = sw_text_width(cells[i]);
			width[i] = w > width[i] ? w : width[i];
		}
		if (ws_.n) {
			worksheet_write_string(ws, 2, (lxw_col_t)list, cells[0], bold);
			size_t lw = sw_text_width(cells[0]);
			for (int i = 0; i < ws_.n; i++) {
				worksheet_write_string(ws, (lxw_row_t)i + 3, (lxw_col_t)list, ws_.w[i], NULL);
				lw = sw_text_width(ws_.w[i]) > lw ? sw_text_width(ws_.w[i]) : lw;
			}
			worksheet_set_column(ws, (lxw_col_t)list, (lxw_col_t)list, sw_xlsx_width(lw), NULL);
			char cn[4], formula[128], err[256];
			col_name(list, cn);
			snprintf(formula, sizeof formula, "='%s'!$%s$4:$%s$%d", sheet, cn, cn, ws_.n + 3);
			lxw_data_validation v = {
				.validate = LXW_VALIDATION_TYPE_LIST_FORMULA, .value_formula = formula,
				.ignore_blank = LXW_VALIDATION_ON,
				/* a set holds several words: the list helps, typing is free */
				.show_error = c->type == SW_T_SET ? LXW_VALIDATION_OFF : LXW_VALIDATION_ON,
				.error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
				.error_message = err};
			snprintf(err, sizeof err, "%s",
				 _("Choose a word from the list; the notes sheet lists them all."));
			worksheet_data_validation_range(reg, 1, (lxw_col_t)k, LXW_ROW_MAX - 1, (lxw_col_t)k, &v);
			list++;
		}
		free_words(&ws_);
	}
	for (int i = 0; i < 5; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, sw_xlsx_width(width[i]), NULL);
}

/* The register: one header row, each column formatted for what it holds
 * (text stays text: an ID number typed in is never a number). */
static void register_sheet(lxw_workbook *wb, lxw_worksheet *ws, const struct sw_table *t,
			   lxw_format *bold, lxw_format *req)
{
	lxw_format *text = workbook_add_format(wb), *date = workbook_add_format(wb);
	format_set_num_format(text, "@");
	format_set_num_format(date, "yyyy-mm-dd");
	for (int k = 0; k < t->ncols; k++) {
		const struct sw_column *c = &t->cols[k];
		const char *h = sw_column_label(c, 1);
		size_t w = sw_text_width(h);
		int number = c->type == SW_T_INT || c->type == SW_T_MINUTES;
		worksheet_write_string(ws, 0, (lxw_col_t)k, h, required(c) ? req : bold);
		if (c->type == SW_T_DATE || c->type == SW_T_IDCARD || c->type == SW_T_CREDIT)
			w = w < 18 ? 18 : w;
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, sw_xlsx_width(w < 8 ? 8 : w),
				     c->type == SW_T_DATE ? date : number ? NULL : text);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

static int write_xlsx(const struct sw_table *t, const char *path)
{
	struct sw_file f;
	if (!path || strcmp(path, "-") == 0) {
		sw_error(_("template: -f xlsx needs -o FILE.xlsx"));
		return -1;
	}
	if (sw_file_open(&f, path) != 0)
		return -1;
	if (!f.tmp) {
		sw_error(_("template: -o %s: a workbook is written to a file"), path);
		sw_file_abort(&f);
		return -1;
	}
	lxw_workbook *wb = sw_xlsx_workbook(f.tmp, 0);
	if (!wb) {
		sw_file_abort(&f);
		return -1;
	}
	char title[128];
	snprintf(title, sizeof title, "%s", sw_table_label(t, 1));
	lxw_format *bold = workbook_add_format(wb), *req = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_bold(req);
	format_set_font_color(req, LXW_COLOR_RED);
	lxw_worksheet *reg = workbook_add_worksheet(wb, title);
	register_sheet(wb, reg, t, bold, req);
	notes_sheet(wb, reg, t, bold, _("Notes"));
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		sw_error("%s: %s", path, lxw_strerror(e));
		sw_file_abort(&f);
		return -1;
	}
	return sw_file_commit(&f);
}

int sw_template_write(const struct sw_table *t, const char *path, int fmt)
{
	if (fmt == SW_FMT_XLSX)
		return write_xlsx(t, path);
	const char **names = sw_xcalloc((size_t)t->ncols, sizeof *names);
	char (*h)[128] = sw_xcalloc((size_t)t->ncols, sizeof *h);
	for (int k = 0; k < t->ncols; k++) {
		snprintf(h[k], sizeof h[k], "%s", sw_column_label(&t->cols[k], 1));
		names[k] = h[k];
	}
	struct sw_out *o = sw_out_open(path, fmt, t->ncols, names, NULL);
	free(names);
	free(h);
	return sw_out_close(o);
}
