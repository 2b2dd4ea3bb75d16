/* Figures month by month: the trend listing (sw-report trend) and the
 * monthly totals behind the HTML report's charts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/out.h"
#include "sw/report.h"
#include "sw/valid.h"

int sw_trend_fill(const struct sw_net *n, const char *first, const char *last, struct sw_trend *t)
{
	char m[8];
	memset(t, 0, sizeof *t);
	for (snprintf(m, sizeof m, "%s", first); strcmp(m, last) <= 0 && t->n < 240; sw_month_add(m, 1, m)) {
		char f[11], l[11];
		sw_month_first(m, f);
		sw_month_last(m, l);
		long long *v = sw_report_fill(n, f, l);
		if (!v)
			return -1;
		t->month = sw_xrealloc(t->month, (size_t)(t->n + 1) * sizeof *t->month);
		t->v = sw_xrealloc(t->v, (size_t)(t->n + 1) * SW_NFIG * sizeof *t->v);
		memcpy(t->month[t->n], m, 8);
		memcpy(t->v + (size_t)t->n * SW_NFIG, v + (size_t)n->ngroups * SW_NFIG, SW_NFIG * sizeof *v);
		t->n++;
		free(v);
	}
	return 0;
}

int sw_trend_write(const struct sw_net *n, int by, const unsigned char *sel, const char *first,
		   const char *last, const char *path, int fmt, int zh)
{
	static const char *const names[] = {"month", "station_code", "station_name", "figure", "label", "value"};
	struct sw_out *out = sw_out_open(path, fmt, 6, names, "sssssn");
	char m[8];
	for (snprintf(m, sizeof m, "%s", first); out && strcmp(m, last) <= 0; sw_month_add(m, 1, m)) {
		char f[11], l[11], v[32];
		sw_month_first(m, f);
		sw_month_last(m, l);
		long long *vals = sw_report_fill(n, f, l);
		if (!vals) {
			sw_out_abort(out);
			return SW_EXIT_FAIL;
		}
		for (int g = by == SW_BY_TOTAL ? n->ngroups : 0; g <= n->ngroups; g++) {
			if (g == n->ngroups && by != SW_BY_TOTAL && n->ngroups == 1)
				break;
			const char *code = g == n->ngroups ? "" : n->st[n->rep[g]].code;
			const char *name = g == n->ngroups ? sw_level_label("total", zh) : n->st[n->rep[g]].name;
			for (int fi = 0; fi < SW_NFIG; fi++) {
				if (!sel[fi])
					continue;
				sw_figure_fmt(fi, vals[(size_t)g * SW_NFIG + fi], v, sizeof v);
				const char *row[] = {m, code, name, sw_figures[fi].key, sw_figure_label(fi, zh), v};
				sw_out_row(out, row);
			}
		}
		free(vals);
	}
	return out && sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}
