/* A third-party evaluator's score sheet (station_code,code,score,note):
 * the marks of the points the data cannot score, checked row by row
 * against the system and the station network. Rows of stations that are
 * not being evaluated are passed over. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/evaluate.h"
#include "sw/i18n.h"
#include "sw/layout.h"

enum { C_STATION, C_CODE, C_SCORE, C_NOTE, C_NCOLS };
static const struct sw_column score_cols[C_NCOLS] = {
	[C_STATION] = {"station_code", "站点编号|站点代码", SW_T_CODE, NULL, SW_C_REQUIRED | SW_C_NOTNULL | SW_C_KEY,
		       0, 0, NULL, NULL},
	[C_CODE] = {"code", "指标编号|评分点编号|编号", SW_T_CODE, NULL, SW_C_REQUIRED | SW_C_NOTNULL | SW_C_KEY,
		    0, 0, NULL, NULL},
	[C_SCORE] = {"score", "得分|评分", SW_T_TEXT, NULL, SW_C_REQUIRED | SW_C_NOTNULL, 0, 0, NULL, NULL},
	[C_NOTE] = {"note", "备注|评语|说明|扣分说明", SW_T_TEXT, NULL, 0, 0, 0, NULL, NULL},
};
static const struct sw_table score_table = {"scores", "评分表", score_cols, C_NCOLS, NULL, NULL, 0};

struct sheet {
	struct sw_eval *e;
	int *pos;	/* network index -> evaluated station, -1 */
	long *line;	/* line[k * n + i]: where station k's point i was scored */
};

/* The problem with one row, into why; "" if none. */
static void check_row(struct sheet *s, const char **v, int *k, int *i, long long *score,
		      char *why, size_t n)
{
	const struct sw_system *sys = s->e->sys;
	int st = sw_net_find(s->e->net, v[C_STATION]);
	*k = st < 0 ? -1 : s->pos[st];
	*i = sw_system_find(sys, v[C_CODE]);
	char how[96], a[32], b[32];
	if (st < 0)
		snprintf(why, n, _("station_code: unknown station \"%s\""), v[C_STATION]);
	else if (*i < 0)
		snprintf(why, n, _("code: unknown point \"%s\""), v[C_CODE]);
	else if (!sys->ind[*i].point)
		snprintf(why, n, _("code: \"%s\" is an indicator, not a point: score its points"), v[C_CODE]);
	else if (sys->ind[*i].rule.kind != SW_RULE_EVALUATOR) {
		sw_rule_text(&sys->ind[*i].rule, how, sizeof how);
		snprintf(why, n, _("code: \"%s\" is scored from the data (%s), not by an evaluator"),
			 v[C_CODE], how);
	} else if (sw_marks_parse(v[C_SCORE], score) != 0)
		snprintf(why, n, "%s", _("score: not a number of marks (at most two decimals)"));
	else if (*score > sys->ind[*i].max) {
		sw_marks_fmt(*score, a, sizeof a);
		sw_marks_fmt(sys->ind[*i].max, b, sizeof b);
		snprintf(why, n, _("score: %s is above the point's maximum %s"), a, b);
	} else if (*k >= 0 && s->line[(size_t)*k * sys->n + *i])
		snprintf(why, n, _("code: \"%s\" of station \"%s\" scored twice (first on line %ld)"),
			 v[C_CODE], v[C_STATION], s->line[(size_t)*k * sys->n + *i]);
	else
		why[0] = 0;
}

static int add_score(void *ctx, const char *fname, long line, const char **v)
{
	struct sheet *s = ctx;
	int k, i;
	long long score = 0;
	char why[320];
	check_row(s, v, &k, &i, &score, why, sizeof why);
	if (why[0]) {
		sw_error_at(fname, line, "%s", why);
		return 1;
	}
	if (k < 0)
		return 0;	/* a station not evaluated this time */
	size_t at = (size_t)k * s->e->sys->n + (size_t)i;
	s->line[at] = line;
	s->e->score[at] = score;
	s->e->note[at] = v[C_NOTE] ? sw_xstrdup(v[C_NOTE]) : NULL;
	return 0;
}

int sw_scores_read(struct sw_eval *e, const char *path, const struct sw_input_opts *o)
{
	struct sheet s = {e, sw_xcalloc((size_t)e->net->nst + 1, sizeof *s.pos),
			  sw_xcalloc((size_t)e->nst * (size_t)e->sys->n + 1, sizeof *s.line)};
	for (int i = 0; i < e->net->nst; i++)
		s.pos[i] = -1;
	for (int k = 0; k < e->nst; k++)
		s.pos[e->st[k]] = k;
	int rc = sw_table_rows(path, &score_table, o, add_score, &s);
	free(s.pos);
	free(s.line);
	return rc;
}
