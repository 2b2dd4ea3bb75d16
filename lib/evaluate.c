/* Scorecards: which stations are evaluated, their figures computed once
 * per station and period (one pass of sw_report_fill over a grouping in
 * which each evaluated station heads a row), each point scored, the
 * subtotals, grades and the fingerprint of the inputs. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/evaluate.h"
#include "sw/i18n.h"
#include "sw/items.h"
#include "sw/store.h"

int sw_grade(long long score, long long max)
{
	static const int pct[] = {90, 80, 60};
	for (int g = 0; g < 3; g++)
		if (score * 100 >= pct[g] * max)
			return g;
	return SW_GRADE_FAIL;
}

const char *sw_grade_key(int g)
{
	static const char *const keys[] = {"excellent", "good", "pass", "fail"};
	return g >= 0 && g < 4 ? keys[g] : "";
}

const char *sw_grade_label(int g)
{
	static const char *const labels[] = {N_("excellent"), N_("good"), N_("pass"), N_("fail")};
	return g >= 0 && g < 4 ? _(labels[g]) : _("incomplete");
}

/* 1 if station s is open on some day of [from, to]. */
static int open_in(const struct sw_station *s, const char *from, const char *to)
{
	return (!s->opened || strcmp(s->opened, to) <= 0) && (!s->closed || strcmp(s->closed, from) > 0);
}

static void push(struct sw_eval *e, int i)
{
	e->st = sw_xrealloc(e->st, (size_t)(e->nst + 1) * sizeof *e->st);
	e->st[e->nst++] = i;
}

int sw_eval_stations(struct sw_eval *e, const char *root, char *const *codes)
{
	struct sw_net *n = e->net;
	for (int k = 0; codes && codes[k]; k++) {
		int i = sw_net_find(n, codes[k]);
		if (i < 0) {
			sw_error(_("%s: no such station"), codes[k]);
			return -1;
		}
		int dup = 0;
		for (int j = 0; j < e->nst && !dup; j++)
			dup = e->st[j] == i;
		if (!dup)
			push(e, i);
	}
	if (codes)
		return 0;
	if (sw_net_scope(n, root, SW_BY_STATION) != 0) {
		sw_error(_("%s: no such station"), root);
		return -1;
	}
	for (int i = 0; i < n->nst; i++)
		if (sw_net_in(n, i) && i != n->unplaced && sw_net_expected(n, i) &&
		    open_in(&n->st[i], e->from, e->to))
			push(e, i);
	if (!e->nst && root)
		push(e, sw_net_find(n, root));
	return 0;
}

int sw_eval_contract(struct sw_store *const *dbs, int ndb, const char *id, char from[11], char to[11],
		     char ***codes)
{
	for (int d = 0; d < ndb; d++) {
		int has = sw_store_has(dbs[d], "contracts");
		if (has <= 0) {
			if (has < 0)
				return -1;
			continue;	/* a database without contracts */
		}
		struct sw_stmt *st = sw_store_prep(dbs[d], "SELECT start, \"end\", stations FROM contracts"
						   " WHERE contract_id = ?1");
		sw_stmt_bind_text(st, 1, id);
		int rc = sw_stmt_step(st);
		if (rc == SW_ROW) {
			const char *a = sw_stmt_text(st, 0), *b = sw_stmt_text(st, 1), *list = sw_stmt_text(st, 2);
			snprintf(from, 11, "%s", a ? a : "");
			snprintf(to, 11, "%s", b ? b : "");
			char *copy = sw_xstrdup(list ? list : ""), *save = NULL;
			int n = 0;
			*codes = sw_xcalloc(strlen(copy) / 2 + 2, sizeof **codes);
			for (char *c = strtok_r(copy, ";", &save); c; c = strtok_r(NULL, ";", &save))
				(*codes)[n++] = sw_xstrdup(c);
			free(copy);
		}
		sw_stmt_finalize(st);
		if (rc == SW_ROW)
			return 0;
		if (rc != SW_DONE)
			return -1;
	}
	sw_error(_("--contract: no contract \"%s\""), id);
	return -1;
}

/* Each station's row: the nearest evaluated station at or above it. */
static void group(struct sw_eval *e)
{
	struct sw_net *n = e->net;
	for (int i = 0; i < n->nst; i++)
		n->st[i].group = -1;
	for (int k = 0; k < e->nst; k++) {
		n->st[e->st[k]].group = k;
		n->rep[k] = e->st[k];
	}
	for (int i = 0; i < n->nst; i++)	/* tree order: parents first */
		if (n->st[i].group < 0 && n->st[i].up >= 0)
			n->st[i].group = n->st[n->st[i].up].group;
	n->ngroups = e->nst;
}

/* Scores station k's data points and adds the subtotals upwards. */
static void score_station(struct sw_eval *e, int k)
{
	const struct sw_system *sys = e->sys;
	long long *s = e->score + (size_t)k * sys->n, total = 0;
	int missing = 0;
	for (int i = sys->n - 1; i >= 0; i--) {
		const struct sw_ind *d = &sys->ind[i];
		if (d->point && d->rule.kind != SW_RULE_EVALUATOR) {
			char v[48];
			s[i] = sw_rule_score(&d->rule, d->max, e->fig + (size_t)k * e->nfig, v, sizeof v);
			e->value[(size_t)k * sys->n + i] = sw_xstrdup(v);
		} else if (!d->point && s[i] < 0)
			s[i] = 0;	/* no points under it scored (yet) */
		missing += d->point && s[i] < 0;
		if (s[i] < 0)
			continue;
		if (d->up >= 0)
			s[d->up] = (s[d->up] < 0 ? 0 : s[d->up]) + s[i];
		else
			total += s[i];
	}
	e->unscored += missing;
	e->grade[k] = missing ? SW_GRADE_NONE : sw_grade(total, sys->total);
}

/* Free text in the fingerprint: its length first, so no text can pass
 * for another's. */
static void put(EVP_MD_CTX *md, const char *tag, const char *a, const char *b, const char *c)
{
	char line[128];
	const char *s[] = {a, b, c};
	EVP_DigestUpdate(md, tag, strlen(tag));
	for (int i = 0; i < 3; i++) {
		size_t len = s[i] ? strlen(s[i]) : 0;
		snprintf(line, sizeof line, "\t%zu:", len);
		EVP_DigestUpdate(md, line, strlen(line));
		EVP_DigestUpdate(md, s[i] ? s[i] : "", len);
	}
	EVP_DigestUpdate(md, "\n", 1);
}

/* The fingerprint: SHA-256 of the period, the system, every figure of
 * every evaluated station and the evaluator's scores and notes. */
static void fingerprint(struct sw_eval *e)
{
	const struct sw_system *sys = e->sys;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char sum[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	char a[64], b[96];
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	put(md, "sw-report evaluate 2", e->from, e->to, NULL);
	for (int i = 0; i < sys->n; i++) {
		const struct sw_ind *d = &sys->ind[i];
		sw_marks_fmt(d->max, a, sizeof a);
		sw_rule_text(&d->rule, b, sizeof b);
		put(md, "indicator", d->code, d->parent, d->name);
		put(md, "marks", a, b, NULL);
	}
	for (int k = 0; k < e->nst; k++) {
		const char *code = e->net->st[e->st[k]].code;
		for (int f = 0; f < e->nfig; f++) {
			snprintf(a, sizeof a, "%lld", e->fig[(size_t)k * e->nfig + f]);
			put(md, "figure", code, sw_figure_def(f)->key, a);
		}
		for (int i = 0; i < sys->n; i++) {
			size_t at = (size_t)k * sys->n + i;
			if (!sys->ind[i].point || sys->ind[i].rule.kind != SW_RULE_EVALUATOR || e->score[at] < 0)
				continue;
			sw_marks_fmt(e->score[at], a, sizeof a);
			put(md, "score", code, sys->ind[i].code, a);
			put(md, "note", e->note[at], NULL, NULL);
		}
	}
	EVP_DigestFinal_ex(md, sum, &len);
	EVP_MD_CTX_free(md);
	for (unsigned i = 0; i < len && i < 32; i++)
		sprintf(e->fingerprint + 2 * i, "%02x", sum[i]);
}

int sw_eval_run(struct sw_eval *e, const char *scores, const struct sw_input_opts *o)
{
	const struct sw_system *sys = e->sys;
	size_t cells = (size_t)e->nst * (size_t)sys->n + 1;
	int items = 0;	/* the catalogue's figures, when a rule names one */
	for (int i = 0; i < sys->n; i++)
		items |= sys->ind[i].rule.fig >= SW_NFIG || sys->ind[i].rule.fig2 >= SW_NFIG;
	group(e);
	if (!(e->fig = sw_figures_fill(e->net, e->from, e->to, items, &e->nfig)))
		return 3;
	e->score = sw_xmalloc(cells * sizeof *e->score);
	for (size_t i = 0; i < cells; i++)
		e->score[i] = -1;
	e->value = sw_xcalloc(cells, sizeof *e->value);
	e->note = sw_xcalloc(cells, sizeof *e->note);
	e->grade = sw_xcalloc((size_t)e->nst + 1, sizeof *e->grade);
	int rc = scores ? sw_scores_read(e, scores, o) : 0;
	if (rc)
		return rc;
	for (int k = 0; k < e->nst; k++)
		score_station(e, k);
	fingerprint(e);
	return 0;
}

void sw_eval_free(struct sw_eval *e)
{
	size_t cells = e->sys ? (size_t)e->nst * (size_t)e->sys->n : 0;
	for (size_t i = 0; e->value && i < cells; i++) {
		free(e->value[i]);
		free(e->note[i]);
	}
	free(e->value);
	free(e->note);
	free(e->st);
	free(e->fig);
	free(e->score);
	free(e->grade);
}
