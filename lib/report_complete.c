/* Completeness (sw-report completeness): the stations expected to report
 * in a month that have no records dated in it. */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/out.h"
#include "sw/report.h"
#include "sw/valid.h"

int sw_completeness_write(const struct sw_net *n, const char *month, const char *path, int fmt)
{
	char first[11], last[11];
	sw_month_first(month, first);
	sw_month_last(month, last);
	long long *v = sw_report_fill(n, first, last);
	if (!v)
		return SW_EXIT_FAIL;
	static const char *const names[] = {"station_code", "station_name", "level", "parent_code",
					    "opened_on", "closed_on"};
	struct sw_out *out = sw_out_open(path, fmt, 6, names, NULL);
	/* a station's records count for the station that reports them */
	long long *has = sw_xcalloc((size_t)n->nst + 1, sizeof *has);
	for (int g = 0; g < n->ngroups; g++) {
		const long long *x = v + (size_t)g * SW_NFIG;
		int k = sw_net_reporter(n, n->rep[g]);
		if (k >= 0)
			has[k] += x[F_CLIENTS_NEW] + x[F_CASES_OPENED] + x[F_CASES_CLOSED] + x[F_SERVICES] +
				  x[F_ACTIVITIES];
	}
	int missing = 0, expected = 0;
	for (int g = 0; out && g < n->ngroups; g++) {
		const struct sw_station *s = &n->st[n->rep[g]];
		if (!sw_net_expected(n, n->rep[g]) || (s->opened && strcmp(s->opened, last) > 0) ||
		    (s->closed && strcmp(s->closed, first) <= 0))
			continue;
		expected++;
		if (has[n->rep[g]])
			continue;
		missing++;
		const char *row[] = {s->code, s->name, s->level, s->parent, s->opened, s->closed};
		sw_out_row(out, row);
	}
	int rc = !out || sw_out_close(out) != 0 ? SW_EXIT_FAIL : missing ? SW_EXIT_REJECTED : SW_EXIT_OK;
	if (missing)
		sw_warn(_("%s: %d of %d stations have no records"), month, missing, expected);
	free(has);
	free(v);
	return rc;
}
