/* The report for a terminal too narrow for stations across: one table per
 * section, stations as rows with subtotals and the total, the figures'
 * headings on two lines (a top heading over its run of figures). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/out.h"
#include "sw/reportpriv.h"
#include "sw/text.h"

/* s padded with spaces to w terminal columns, on the left when right. */
static void pad(FILE *fp, const char *s, size_t w, int right)
{
	size_t k = sw_text_width(s);
	if (!right)
		fputs(s, fp);
	for (; k < w; k++)
		putc(' ', fp);
	if (right)
		fputs(s, fp);
}

/* Column widths of section s into w[] (w[0] the names); their count. */
static int widths(const struct sw_report *r, int s, const struct sw_row_ref *rows, int nrows, size_t *w)
{
	char top[96], sub[96], c[80], name[160];
	int n = 1;
	w[0] = sw_text_width(_("Unit"));
	for (int k = 0; k < nrows; k++) {
		size_t x = sw_text_width(sw_form_name(r, &rows[k], name, sizeof name));
		w[0] = x > w[0] ? x : w[0];
	}
	for (int f = sw_sections[s].first; f < sw_sections[s].end; f++) {
		if (!r->sel[f])
			continue;
		sw_form_head(f, top, sizeof top, sub, sizeof sub);
		w[n] = sw_text_width(sub);
		for (int k = 0; k < nrows; k++) {
			sw_form_cell(r, &rows[k], f, c, sizeof c);
			if (strlen(c) > w[n])
				w[n] = strlen(c);
		}
		n++;
	}
	return n;
}

/* The first heading line: each top heading over its run, widening the
 * run's last column when the heading is wider than the run. */
static void top_line(FILE *fp, const struct sw_report *r, int s, size_t *w, int n)
{
	char top[96], sub[96], next[96];
	pad(fp, "", w[0], 0);
	for (int f = sw_sections[s].first, i = 1; f < sw_sections[s].end && i < n; f++) {
		if (!r->sel[f])
			continue;
		sw_form_head(f, top, sizeof top, sub, sizeof sub);
		size_t span = w[i];
		int j = i + 1, g = f + 1;
		for (; top[0] && g < sw_sections[s].end; g++) {
			sw_form_head(g, next, sizeof next, sub, sizeof sub);
			if (strcmp(next, top) != 0)
				break;
			if (r->sel[g])
				span += 2 + w[j++];
		}
		if (sw_text_width(top) > span)
			w[j - 1] += sw_text_width(top) - span, span = sw_text_width(top);
		fputs("  ", fp);
		pad(fp, top, span, 0);
		if (top[0])
			f = g - 1;
		i = j;
	}
	putc('\n', fp);
}

/* Copies text to out without the spaces that end its lines. */
static void put_trimmed(FILE *out, const char *text)
{
	while (*text) {
		size_t k = strcspn(text, "\n"), e = k;
		while (e && text[e - 1] == ' ')
			e--;
		fwrite(text, 1, e, out);
		if (text[k])
			putc('\n', out);
		text += k + !!text[k];
	}
}

static void section(FILE *fp, const struct sw_report *r, int s, const struct sw_row_ref *rows, int nrows)
{
	size_t w[SW_NFIG + 1];
	char top[96], sub[96], c[80], name[160];
	int n = widths(r, s, rows, nrows, w), tops = 0;
	for (int f = sw_sections[s].first; f < sw_sections[s].end; f++) {
		sw_form_head(f, top, sizeof top, sub, sizeof sub);
		tops |= r->sel[f] && top[0];
	}
	fprintf(fp, "%s\n", _(sw_sections[s].title));
	if (tops)
		top_line(fp, r, s, w, n);
	pad(fp, _("Unit"), w[0], 0);
	for (int f = sw_sections[s].first, i = 1; f < sw_sections[s].end; f++)
		if (r->sel[f]) {
			sw_form_head(f, top, sizeof top, sub, sizeof sub);
			fputs("  ", fp);
			pad(fp, sub, w[i++], 1);
		}
	putc('\n', fp);
	for (int k = 0; k < nrows; k++) {
		pad(fp, sw_form_name(r, &rows[k], name, sizeof name), w[0], 0);
		for (int f = sw_sections[s].first, i = 1; f < sw_sections[s].end; f++)
			if (r->sel[f]) {
				sw_form_cell(r, &rows[k], f, c, sizeof c);
				fputs("  ", fp);
				pad(fp, c, w[i++], 1);
			}
		putc('\n', fp);
	}
}

int sw_report_text(const struct sw_report *r, const char *path)
{
	struct sw_file file;
	if (sw_file_open(&file, path) != 0)
		return -1;
	struct sw_row_ref *rows;
	int nrows = sw_form_rows(r, 1, &rows), first = 1;
	for (int s = 0; s < SW_NSECTIONS; s++)
		if (sw_section_shown(r, s)) {
			char *text = NULL;
			size_t len = 0;
			FILE *mem = open_memstream(&text, &len);
			if (!mem)
				sw_die(SW_EXIT_FAIL, "%s", strerror(errno));
			if (!first)
				putc('\n', mem);
			first = 0;
			section(mem, r, s, rows, nrows);
			fclose(mem);
			put_trimmed(file.fp, text);
			free(text);
		}
	if (r->fingerprint[0])
		fprintf(file.fp, "\n%s%s\n", _("Fingerprint (closed month): "), r->fingerprint);
	free(rows);
	return sw_file_commit(&file);
}
