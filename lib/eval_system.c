/* An indicator system file (system.csv: code,parent,name,max,how), read
 * through the one input path and checked as a whole: every problem is
 * named with its line before anything is scored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/evaluate.h"
#include "sw/i18n.h"
#include "sw/layout.h"

#define MAX_ROWS 5000

enum { S_CODE, S_PARENT, S_NAME, S_MAX, S_HOW, S_NCOLS };
static const struct sw_column sys_cols[S_NCOLS] = {
	[S_CODE] = {"code", "编号|指标编号|指标代码", SW_T_CODE, NULL, SW_C_REQUIRED | SW_C_NOTNULL | SW_C_KEY,
		    0, 0, NULL, NULL},
	[S_PARENT] = {"parent", "上级|上级编号|上级指标", SW_T_CODE, NULL, SW_C_REQUIRED, 0, 0, NULL, NULL},
	[S_NAME] = {"name", "名称|指标名称|指标|评分点|内容", SW_T_TEXT, NULL, SW_C_REQUIRED | SW_C_NOTNULL,
		    0, 0, NULL, NULL},
	[S_MAX] = {"max", "分值|满分|最高分", SW_T_TEXT, NULL, SW_C_REQUIRED, 0, 0, NULL, NULL},
	[S_HOW] = {"how", "评分方式|评分规则|计分规则|规则", SW_T_TEXT, NULL, SW_C_REQUIRED, 0, 0, NULL, NULL},
};
static const struct sw_table sys_table = {"system", "指标体系", sys_cols, S_NCOLS, NULL, NULL, 0};

/* One row of the file into sys, checked on its own. */
static int add_row(void *ctx, const char *fname, long line, const char **v)
{
	struct sw_system *sys = ctx;
	struct sw_ind d = {0};
	char why[256] = "";
	if (sys->n == MAX_ROWS) {
		sw_error_at(fname, line, _("at most %d indicators"), MAX_ROWS);
		return 2;
	}
	if (v[S_MAX] && sw_marks_parse(v[S_MAX], &d.max) != 0)
		snprintf(why, sizeof why, "%s", _("max: not a number of marks (at most two decimals)"));
	else if (v[S_MAX] && d.max == 0)
		snprintf(why, sizeof why, "%s", _("max: 0 marks (give the indicator its marks)"));
	else if (sw_rule_parse(v[S_HOW] ? v[S_HOW] : "", &d.rule, why, sizeof why) == 0 &&
		 v[S_PARENT] && strcmp(v[S_PARENT], v[S_CODE]) == 0)
		snprintf(why, sizeof why, "%s", _("parent: the indicator itself"));
	if (why[0]) {
		sw_error_at(fname, line, "%s", why);
		return 1;
	}
	d.code = sw_xstrdup(v[S_CODE]);
	d.parent = v[S_PARENT] ? sw_xstrdup(v[S_PARENT]) : NULL;
	d.name = sw_xstrdup(v[S_NAME]);
	d.line = line;
	d.max = v[S_MAX] ? d.max : -1;	/* an indicator's: its points' */
	d.up = -1;
	sys->ind = sw_xrealloc(sys->ind, (size_t)(sys->n + 1) * sizeof *sys->ind);
	sys->ind[sys->n++] = d;
	return 0;
}

static const struct sw_ind *sort_base;
static int by_code(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b, c = strcmp(sort_base[x].code, sort_base[y].code);
	return c ? c : x - y;
}

/* Links each row to its parent through a sorted index; names each code
 * given twice and each unknown parent. 0 or 1. */
static int link(struct sw_system *sys, const char *fname)
{
	int *idx = sw_xcalloc((size_t)sys->n + 1, sizeof *idx), bad = 0;
	for (int i = 0; i < sys->n; i++)
		idx[i] = i;
	sort_base = sys->ind;
	qsort(idx, (size_t)sys->n, sizeof *idx, by_code);
	for (int i = 1; i < sys->n; i++)
		if (strcmp(sys->ind[idx[i]].code, sys->ind[idx[i - 1]].code) == 0) {
			sw_error_at(fname, sys->ind[idx[i]].line, _("code: \"%s\" given twice (first on line %ld)"),
				    sys->ind[idx[i]].code, sys->ind[idx[i - 1]].line);
			bad = 1;
		}
	for (int i = 0; i < sys->n && !bad; i++) {
		struct sw_ind *d = &sys->ind[i];
		if (!d->parent)
			continue;
		int lo = 0, hi = sys->n;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (strcmp(sys->ind[idx[mid]].code, d->parent) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < sys->n && strcmp(sys->ind[idx[lo]].code, d->parent) == 0)
			d->up = idx[lo];
		else {
			sw_error_at(fname, d->line, _("parent: unknown indicator \"%s\""), d->parent);
			bad = 1;
		}
	}
	free(idx);
	return bad;
}

/* Names each indicator that is its own ancestor. 0 or 1. */
static int cycles(const struct sw_system *sys, const char *fname)
{
	int bad = 0;
	for (int i = 0; i < sys->n; i++) {
		int k = sys->ind[i].up, steps = 0;
		while (k >= 0 && k != i && steps++ < sys->n)
			k = sys->ind[k].up;
		if (k == i) {
			sw_error_at(fname, sys->ind[i].line, _("parent: \"%s\" is under itself (a cycle through \"%s\")"),
				    sys->ind[i].code, sys->ind[i].parent);
			bad = 1;
		}
	}
	return bad;
}

/* Appends i and its subtree (children in file order) to out. */
static void walk(const struct sw_system *sys, int i, int depth, int *out, int *n, int *depths)
{
	depths[i] = depth;
	out[(*n)++] = i;
	for (int c = 0; c < sys->n; c++)
		if (sys->ind[c].up == i)
			walk(sys, c, depth + 1, out, n, depths);
}

/* Puts the rows in tree order, marks the points and checks the marks:
 * a point has its marks and a rule or none; an indicator's marks, when
 * given, are its children's added. 0 or 1. */
static int order(struct sw_system *sys, const char *fname)
{
	int n = 0, bad = 0, *ord = sw_xcalloc((size_t)sys->n + 1, sizeof *ord);
	int *depth = sw_xcalloc((size_t)sys->n + 1, sizeof *depth), *at = sw_xcalloc((size_t)sys->n + 1, sizeof *at);
	for (int i = 0; i < sys->n; i++)
		if (sys->ind[i].up < 0)
			walk(sys, i, 0, ord, &n, depth);
	struct sw_ind *sorted = sw_xcalloc((size_t)sys->n + 1, sizeof *sorted);
	for (int k = 0; k < n; k++) {
		sorted[k] = sys->ind[ord[k]];
		sorted[k].depth = depth[ord[k]];
		at[ord[k]] = k;
	}
	for (int k = 0; k < n; k++)
		if (sorted[k].up >= 0)
			sorted[k].up = at[sorted[k].up];
	free(sys->ind);
	sys->ind = sorted;
	long long *sum = sw_xcalloc((size_t)n + 1, sizeof *sum);
	for (int k = n - 1; k >= 0; k--) {	/* children after parents: add upwards */
		struct sw_ind *d = &sys->ind[k];
		d->point = k + 1 == n || sys->ind[k + 1].up != k;
		if (d->point && d->max < 0) {
			sw_error_at(fname, d->line, "%s", _("max: a point needs its marks"));
			bad = 1;
		} else if (!d->point && d->rule.kind != SW_RULE_EVALUATOR) {
			sw_error_at(fname, d->line, _("how: \"%s\" has indicators under it: only a point has a rule"),
				    d->code);
			bad = 1;
		} else if (!d->point && d->max >= 0 && sum[k] != d->max) {
			char a[32], b[32];
			sw_marks_fmt(d->max, a, sizeof a);
			sw_marks_fmt(sum[k], b, sizeof b);
			sw_error_at(fname, d->line, sum[k] > d->max
				    ? _("max: \"%s\" has %s marks but the indicators under it add up to %s")
				    : _("max: \"%s\" has %s marks but the indicators under it add up to only %s"),
				    d->code, a, b);
			bad = 1;
		}
		if (!d->point)
			d->max = sum[k];
		if (d->up >= 0)
			sum[d->up] += d->max < 0 ? 0 : d->max;
		else
			sys->total += d->max < 0 ? 0 : d->max;
		sys->npoints += d->point;
		sys->nevaluator += d->point && d->rule.kind == SW_RULE_EVALUATOR;
	}
	free(sum);
	free(ord);
	free(depth);
	free(at);
	return bad;
}

int sw_system_read(const char *path, const struct sw_input_opts *o, struct sw_system *sys)
{
	memset(sys, 0, sizeof *sys);
	int rc = sw_table_rows(path, &sys_table, o, add_row, sys);
	const char *fname = path && strcmp(path, "-") ? path : "-";
	if (rc == 0 && sys->n == 0) {
		sw_error_at(fname, 0, "%s", _("no indicators"));
		rc = 1;
	}
	if (rc == 0 && (link(sys, fname) || cycles(sys, fname) || order(sys, fname)))
		rc = 1;
	return rc > 1 && rc != 3 ? 1 : rc;
}

void sw_system_free(struct sw_system *sys)
{
	for (int i = 0; i < sys->n; i++) {
		free(sys->ind[i].code);
		free(sys->ind[i].parent);
		free(sys->ind[i].name);
	}
	free(sys->ind);
	memset(sys, 0, sizeof *sys);
}

int sw_system_find(const struct sw_system *sys, const char *code)
{
	for (int i = 0; i < sys->n; i++)
		if (strcmp(sys->ind[i].code, code) == 0)
			return i;
	return -1;
}
