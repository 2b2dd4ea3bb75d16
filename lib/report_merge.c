/* merge: county reports (CSV, one row per station and figure) summed into
 * a city or province report. Every figure adds, people included: a person
 * is registered in one county. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sw/csvio.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/report.h"
#include "sw/strset.h"
#include "sw/valid.h"

static const char *const header[] = {"period", "station_code", "station_name", "level",
				     "figure", "label", "value"};

struct merge {
	char **codes, **names, **levels;
	int *file;		/* file index that brought each row */
	int n, cap;
	long long *v;		/* v[row * SW_NFIG + f] */
	long long tot[SW_NFIG];	/* the total row */
	char period[32], first[4096];
	long dupline;		/* first row of a file whose station an earlier file had */
	unsigned char median[SW_NFIG];	/* medians left out: they do not add up */
	char dupcode[64];
	struct sw_strset idx;	/* station code -> row */
};

static int row_of(struct merge *m, char **f, int file)
{
	int i = sw_strset_put(&m->idx, 0, f[1], sw_str_hash(f[1]), m->n);
	if (i >= 0)
		return i;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->codes = sw_xrealloc(m->codes, (size_t)m->cap * sizeof *m->codes);
		m->names = sw_xrealloc(m->names, (size_t)m->cap * sizeof *m->names);
		m->levels = sw_xrealloc(m->levels, (size_t)m->cap * sizeof *m->levels);
		m->file = sw_xrealloc(m->file, (size_t)m->cap * sizeof *m->file);
		m->v = sw_xrealloc(m->v, (size_t)(m->cap + 1) * SW_NFIG * sizeof *m->v);
	}
	m->codes[m->n] = sw_xstrdup(f[1]);
	m->names[m->n] = sw_xstrdup(f[2]);
	m->levels[m->n] = sw_xstrdup(f[3]);
	m->file[m->n] = file;
	memset(m->v + (size_t)m->n * SW_NFIG, 0, SW_NFIG * sizeof *m->v);
	return m->n++;
}

/* Adds x to the row's figure and to the total; -1 if either would pass
 * LLONG_MAX (nothing added). The rows (unattributed) of every file are
 * one; any other station in two files is noted for sw_report_merge. */
static int add_value(struct merge *m, char **f, int file, long line, int fig, long long x)
{
	int r = row_of(m, f, file);
	long long *v = &m->v[(size_t)r * SW_NFIG + fig], sum, tot;
	if (__builtin_add_overflow(*v, x, &sum) || __builtin_add_overflow(m->tot[fig], x, &tot))
		return -1;
	*v = sum;
	m->tot[fig] = tot;
	if (m->file[r] != file && !m->dupline && strcmp(f[3], "unattributed") != 0) {
		m->dupline = line;
		snprintf(m->dupcode, sizeof m->dupcode, "%s", f[1]);
	}
	return 0;
}

/* Reads one file into m; its figures into sel. 0 or an exit status. */
static int merge_file(struct merge *m, const char *path, int file, unsigned char *sel)
{
	struct sw_csv *csv = sw_csv_open(path, NULL);
	if (!csv)
		return SW_EXIT_FAIL;
	struct sw_row row;
	int rc = sw_csv_next(csv, &row), status = 0, rows = 0;
	if (rc == 1) {
		int ok = row.nf == 7;
		for (int i = 0; ok && i < 7; i++)
			ok = strcmp(row.f[i], header[i]) == 0;
		if (!ok) {
			sw_error_at(path, row.line, "%s", row.nf == 9 ? _("written with --compare: merge takes "
				    "plain reports") : _("not a report (expected period,station_code,"
				    "station_name,level,figure,label,value)"));
			status = SW_EXIT_REJECTED;
		}
	}
	while (!status && (rc = sw_csv_next(csv, &row)) == 1) {
		long long x;
		int fig, bad;
		if (row.bad || row.nf != 7) {
			sw_error_at(path, row.line, "%s", row.bad ? row.bad : _("expected 7 fields"));
			status = SW_EXIT_REJECTED;
		} else if (!m->period[0]) {
			snprintf(m->period, sizeof m->period, "%s", row.f[0]);
			snprintf(m->first, sizeof m->first, "%s", path);
		}
		if (status)
			break;
		if (strcmp(row.f[0], m->period) != 0) {
			sw_error_at(path, row.line, _("period: %s, not %s as in %s"), row.f[0], m->period, m->first);
			status = SW_EXIT_REJECTED;
		} else if (strcmp(row.f[4], "fingerprint") == 0 || strcmp(row.f[3], "total") == 0)
			continue;	/* recomputed for the merged report */
		else if ((fig = sw_figure_find(row.f[4])) < 0) {
			sw_error_at(path, row.line, _("figure: unknown figure \"%s\""), row.f[4]);
			status = SW_EXIT_REJECTED;
		} else if (sw_figures[fig].median) {
			m->median[fig] = 1;	/* the files' medians give no median of the whole */
			continue;
		} else if ((bad = sw_figure_parse(fig, row.f[6], &x)) != 0) {
			sw_error_at(path, row.line, "%s", bad == -2 ? _("value: negative: no figure is")
				    : bad == -3 ? _("value: too large") : _("value: not a number"));
			status = SW_EXIT_REJECTED;
		} else if (add_value(m, row.f, file, row.line, fig, x) != 0) {
			sw_error_at(path, row.line, _("value: %s adds up past the largest figure (%lld)"),
				    row.f[4], LLONG_MAX);
			status = SW_EXIT_REJECTED;
		} else {
			sel[fig] = 1;
			rows++;
		}
	}
	if (rc < 0) {
		sw_error_at(path, sw_csv_errline(csv), "%s", sw_csv_error(csv));
		status = SW_EXIT_REJECTED;
	} else if (!status && !rows) {
		sw_error(_("%s: no figures"), path);
		status = SW_EXIT_REJECTED;
	}
	sw_csv_close(csv);
	return status;
}

int sw_report_merge(char **files, int nfiles, struct sw_report *r)
{
	struct merge m;
	memset(&m, 0, sizeof m);
	memset(r, 0, sizeof *r);
	int status = 0;
	for (int i = 0; i < nfiles && !status; i++) {
		unsigned char sel[SW_NFIG] = {0};
		status = merge_file(&m, files[i], i, sel);
		if (!status && i && memcmp(sel, r->sel, sizeof sel) != 0) {
			sw_error(_("%s: figures differ from those of %s"), files[i], files[0]);
			status = SW_EXIT_REJECTED;
		} else if (!status && m.dupline) {
			/* the same county twice would count its people twice */
			sw_error_at(files[i], m.dupline, _("station_code: %s is also in an earlier file"), m.dupcode);
			status = SW_EXIT_REJECTED;
		}
		memcpy(r->sel, sel, sizeof sel);
	}
	char left[256] = "";
	for (int f = 0; f < SW_NFIG; f++)
		if (m.median[f])
			snprintf(left + strlen(left), sizeof left - strlen(left), "%s%s", *left ? ", " : "",
				 sw_figures[f].key);
	if (!status && *left)
		sw_warn(_("merge: %s left out: a median of medians is not the median of the"
			  " whole (sw-report monthly on the databases together computes it)"), left);
	if (!status) {
		r->net = sw_net_flat(m.codes, m.names, m.levels, m.n);
		r->ngroups = m.n;
		r->v = sw_xcalloc((size_t)(m.n + 1) * SW_NFIG, sizeof *r->v);
		r->show = sw_xcalloc((size_t)m.n + 1, sizeof *r->show);
		for (int g = 0; g < m.n; g++)
			r->show[g] = 1;
		memcpy(r->v, m.v, (size_t)m.n * SW_NFIG * sizeof *r->v);
		memcpy(r->v + (size_t)m.n * SW_NFIG, m.tot, sizeof m.tot);
		snprintf(r->period, sizeof r->period, "%s", m.period);
		if (strlen(m.period) == 7) {
			sw_month_first(m.period, r->from);
			sw_month_last(m.period, r->to);
		} else
			sscanf(m.period, "%10[^.]..%10s", r->from, r->to);
	}
	for (int i = 0; i < m.n; i++)
		free(m.codes[i]), free(m.names[i]), free(m.levels[i]);
	free(m.codes), free(m.names), free(m.levels), free(m.file), free(m.v);
	sw_strset_free(&m.idx);
	return status;
}

void sw_report_free(struct sw_report *r)
{
	free(r->v);
	free(r->prev);
	free(r->show);
}
