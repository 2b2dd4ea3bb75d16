/* Normalising the data rows of a mapped sheet (see sw/layout.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/layout.h"
#include "sw/rowq.h"
#include "sw/text.h"
#include "sw/xlsx.h"

void sw_problem_add(char *why, size_t whylen, const char *fmt, ...)
{
	size_t len = strlen(why);
	if (len + 3 >= whylen)
		return;
	if (len)
		why[len++] = '\n';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why + len, whylen - len, fmt, ap);
	va_end(ap);
}

const char *sw_problems_line(const char *why, char *out, size_t outlen)
{
	/* TRANSLATORS: between the problems of one row */
	const char *sep = _("; ");
	size_t k = strlen(sep), len = 0;
	for (; *why && len + k < outlen; why++)
		if (*why == '\n')
			memcpy(out + len, sep, k), len += k;
		else
			out[len++] = *why;
	out[len] = 0;
	return out;
}

void sw_problems_unquote(char *why)
{
	char *w = why;
	for (char *r = why; *r;) {
		char *end;
		if (*r == '"' && (end = strchr(r + 1, '"'))) {
			if (w > why && w[-1] == ' ')
				w--;
			r = end + 1;
			continue;
		}
		*w++ = *r++;
	}
	*w = 0;
}

/* Why a row cannot be used, into why: with the column and cell when a
 * workbook's cell is the reason ("minutes (cell G5): a formula ..."). */
static void bad_cell(const struct sw_layout *L, const struct sw_row *rw, char *why, size_t whylen)
{
	int j = rw->badcell - 1;
	if (j < 0) {
		sw_msg(why, whylen, "%s", rw->bad);
		return;
	}
	char col[4], name[32];
	sw_xlsx_colname(j, col);
	const char *title = name;
	if (j < L->nhdr && L->field[j] >= 0)
		title = sw_column_title(&L->t->cols[L->field[j]]);
	else
		sw_msg(name, sizeof name, _("column %s"), col);
	/* TRANSLATORS: a column, its cell (G5), then what is wrong */
	sw_msg(why, whylen, _("%s (cell %s%ld): %s"), title, col, rw->line, rw->bad);
}

int sw_row_norm(const struct sw_layout *L, const struct sw_row *rw, struct sw_arena *a,
		long *off, char *why, size_t whylen)
{
	const struct sw_table *t = L->t;
	char *const *f = rw->f;
	const char *kind = rw->kind;
	int nf = rw->nf;
	why[0] = 0;
	if (sw_layout_skip(L, f, nf))
		return 1;
	if (rw->bad) {
		for (int i = 0; i < t->ncols; i++)
			off[i] = -1;
		bad_cell(L, rw, why, whylen);
		return -1;
	}
	for (int j = 0; j < nf; j++)
		if (*f[j] && (j >= L->nhdr || L->field[j] == SW_F_NOHEADER)) {
			sw_problem_add(why, whylen, _("column %d has a value but no header: give the column a "
			    "name or clear it"), j + 1);
			break;
		}
	for (int i = 0; i < t->ncols; i++) {
		const struct sw_column *c = &t->cols[i];
		int j = L->map[i];
		off[i] = -1;
		if (j == SW_MAP_ABSENT)
			continue;
		const char *in = j >= 0 ? (j < nf ? f[j] : "") : L->fill && strcmp(c->name, "station_code") == 0
			? L->fill : "";
		size_t need = strlen(in) * 4 + 64;
		char *out = sw_arena_room(a, need), w[320];
		if (sw_value_norm(c, in, kind && j >= 0 && j < nf ? kind[j] : 's', L->unit[i], out,
				  need, w, sizeof w) != 0) {
			/* TRANSLATORS: a column's name, then what is wrong */
			sw_problem_add(why, whylen, _("%s: %s"), sw_column_title(c), w);
			continue;
		}
		if (*out) {
			off[i] = (long)a->len;
			a->len += strlen(out) + 1;
		} else if ((c->flags & (SW_C_NOTNULL | SW_C_KEY)) && !(j == SW_MAP_FILL &&
			   (c->flags & (SW_C_DERIVED | SW_C_MADE))))
			sw_problem_add(why, whylen, _("%s: required"), sw_column_title(c));
	}
	if (t->personal)
		sw_problems_unquote(why);
	return why[0] ? -1 : 0;
}

void sw_unitwatch_init(struct sw_unitwatch *w, const struct sw_layout *L)
{
	memset(w, 0, sizeof *w);
	w->col = w->field = -1;
	for (int i = 0; i < L->t->ncols; i++)
		if (L->t->cols[i].type == SW_T_MINUTES && L->map[i] >= 0 && L->unit[i] == 0)
			w->col = i, w->field = L->map[i];
}

void sw_unitwatch_add(struct sw_unitwatch *w, char *const *f, int nf)
{
	if (w->field < 0 || w->field >= nf || !*f[w->field])
		return;
	char *end;
	double v = strtod(f[w->field], &end);
	while (*end == ' ')
		end++;
	if (end == f[w->field] || *end)
		return;	/* "1.5小时" says its unit */
	w->n++;
	if (v > w->max)
		w->max = v;
	w->decimals |= strchr(f[w->field], '.') != NULL;
}

int sw_unitwatch_check(const struct sw_unitwatch *w, const struct sw_layout *L, const char *fname)
{
	if (w->n == 0 || !w->decimals || w->max > 12)
		return 0;
	sw_error_at(fname, L->line, _("%s: the values look like hours (none above 12, some with "
		    "decimals): name the column 时长（小时） if they are hours, or 时长（分钟） if "
		    "they are minutes (file not imported)"), L->hdr[w->field]);
	return -1;
}
