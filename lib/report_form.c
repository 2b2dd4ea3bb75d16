/* The report as the bureau's form (报表) lays it out: rows in tree order
 * with subtotals, the figures in sections with two-level headings, and
 * the title and period in the user's language. The renderers (HTML,
 * xlsx, terminal) draw what this file decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/reportpriv.h"
#include "sw/vocab.h"

const struct sw_section sw_sections[SW_NSECTIONS] = {
	/* a case's referrals beside it: five columns on the narrowest section,
	 * where a section of their own would take a page */
	{N_("Clients, cases and referrals"), F_CLIENTS_END, F_SERVICES},
	{N_("Services"), F_SERVICES, F_ACTIVITIES},
	{N_("Activities"), F_ACTIVITIES, F_EMPLOYERS},
	/* five sections keep the printed form on three pages, none wider
	 * than the activities' 21 figures */
	{N_("Employment, staff, stations"), F_EMPLOYERS, F_ORGS_ENGAGED},
	{N_("Five-party linkage"), F_ORGS_ENGAGED, SW_NFIG},
};

int sw_section_shown(const struct sw_report *r, int s)
{
	for (int f = sw_sections[s].first; f < sw_sections[s].end; f++)
		if (r->sel[f])
			return 1;
	return 0;
}

/* Station a heads a row of its own (every station above the --by level does). */
static int heads_row(const struct sw_net *n, int a)
{
	return n->st[a].group >= 0 && n->rep[n->st[a].group] == a;
}

/* Per station heading a row: how many shown rows its subtree holds and
 * the position of the last. */
static void subtree_rows(const struct sw_report *r, const int *groups, int k, int *cnt, int *last)
{
	const struct sw_net *n = r->net;
	for (int p = 0; p < k; p++)
		for (int a = n->rep[groups[p]]; a >= 0 && heads_row(n, a); a = n->st[a].up) {
			cnt[a]++;
			last[a] = p;
		}
}

int sw_form_rows(const struct sw_report *r, int subtotals, struct sw_row_ref **out)
{
	const struct sw_net *n = r->net;
	int *groups = sw_xcalloc((size_t)r->ngroups + 1, sizeof *groups), k = 0;
	if (r->by != SW_BY_TOTAL)
		for (int g = 0; g < r->ngroups; g++)
			if (r->show[g])
				groups[k++] = g;
	int *cnt = NULL, *last = NULL, nsub = 0;
	if (subtotals && r->tree && k > 2) {
		cnt = sw_xcalloc((size_t)n->nst, sizeof *cnt);
		last = sw_xcalloc((size_t)n->nst, sizeof *last);
		subtree_rows(r, groups, k, cnt, last);
		for (int a = 0; a < n->nst; a++)
			nsub += cnt[a] >= 2 && cnt[a] < k;
	}
	struct sw_row_ref *rows = sw_xcalloc((size_t)(k + nsub + 1), sizeof *rows);
	int m = 0;
	for (int p = 0; p < k; p++) {
		rows[m++] = (struct sw_row_ref){SW_ROW_GROUP, groups[p], -1};
		/* the subtotals that end here, innermost first */
		for (int a = n->rep[groups[p]]; cnt && a >= 0 && heads_row(n, a); a = n->st[a].up)
			if (last[a] == p && cnt[a] >= 2 && cnt[a] < k)
				rows[m++] = (struct sw_row_ref){SW_ROW_SUB, r->ngroups, a};
	}
	if (k != 1)
		rows[m++] = (struct sw_row_ref){SW_ROW_TOTAL, r->ngroups, -1};
	free(groups);
	free(cnt);
	free(last);
	*out = rows;
	return m;
}

long long sw_form_val(const struct sw_report *r, const struct sw_row_ref *row, int f, int prev)
{
	if (row->kind == SW_ROW_SUB)
		return (prev ? r->prevtree : r->tree)[(size_t)row->st * SW_NFIG + f];
	return (prev ? r->prev : r->v)[(size_t)row->g * SW_NFIG + f];
}

const char *sw_form_name(const struct sw_report *r, const struct sw_row_ref *row, char *buf, size_t n)
{
	int zh = sw_i18n_zh();
	if (row->kind == SW_ROW_TOTAL)
		return sw_level_label("total", zh);
	if (row->kind == SW_ROW_SUB) {
		snprintf(buf, n, _("%s subtotal"), r->net->st[row->st].name);
		return buf;
	}
	const struct sw_station *s = &r->net->st[r->net->rep[row->g]];
	return strcmp(s->level, "unattributed") == 0 ? sw_level_label(s->level, zh) : s->name;
}

void sw_form_cell(const struct sw_report *r, const struct sw_row_ref *row, int f, char *buf, size_t n)
{
	char a[28], c[28];
	long long v = sw_form_val(r, row, f, 0);
	sw_figure_fmt(f, v, a, sizeof a);
	if (!r->prev) {
		snprintf(buf, n, "%s", a);
		return;
	}
	long long d = v - sw_form_val(r, row, f, 1);
	sw_figure_fmt(f, d, c, sizeof c);
	snprintf(buf, n, "%s (%s%s)", a, d >= 0 ? "+" : "", c);
}

void sw_form_head(int f, char *top, size_t ntop, char *sub, size_t nsub)
{
	static const char *const act[] = {N_("activities"), N_("sessions"), N_("participants")};
	static const char *const cases[] = {N_("opened"), N_("closed"), N_("open at end")};
	static const char *const vol[] = {N_("active"), N_("hours"), N_("person-times")};
	static const char *const needs[] = {N_("identified"), N_("met"), N_("median days to meet")};
	static const char *const refs[] = {N_("made"), N_("received"), N_("accepted"), N_("completed"),
					   N_("median days to feedback")};
	static const char *const staff[] = {N_("in post"), N_("certified"), "", "", "", N_("hired"),
					    N_("left"), N_("supervision hours"), N_("training hours")};
	const char *t = "", *s = NULL;
	if (f == F_CLIENTS_END || f == F_CLIENTS_NEW) {
		t = _("Clients");
		s = f == F_CLIENTS_END ? _("on file at end") : _("new this period");
	} else if (f >= F_CASES_OPENED && f <= F_CASES_OPEN_END) {
		t = _("Cases");
		s = _(cases[f - F_CASES_OPENED]);
	} else if (f >= F_REF_OUT && f <= F_REF_DAYS) {
		t = _("Referrals");
		s = _(refs[f - F_REF_OUT]);
	} else if (f >= F_STAFF && f < F_STATIONS_ACTIVE) {
		t = _("Social workers");
		s = f >= F_STAFF_LEVEL && f < F_STAFF_NEW ? sw_vocab_label("certificate",
			sw_figures[f].key + strlen("staff_"), sw_i18n_zh()) : _(staff[f - F_STAFF]);
	} else if (f == F_SERVICES) {
		t = _("Services by type");
		s = _("all types");
	} else if (f >= F_SVC_TYPE && f < F_SVC_TYPE + 6) {
		t = _("Services by type");
		s = sw_vocab_label("service_type", sw_figures[f].key + strlen("services_"), sw_i18n_zh());
	} else if (f >= F_ACTIVITIES && f < F_ACT_KIND) {
		t = _("All activities");
		s = _(act[f - F_ACTIVITIES]);
	} else if (f >= F_ACT_KIND && f < F_EMPLOYERS) {
		/* the kind's own activities figure is "activities_KIND" */
		t = sw_vocab_label("activity_kind", sw_figures[F_ACT_KIND + (f - F_ACT_KIND) / 3 * 3].key +
				   strlen("activities_"), sw_i18n_zh());
		s = _(act[(f - F_ACT_KIND) % 3]);
	} else if (f >= F_VOLUNTEERS && f <= F_VOL_SERVICES) {
		t = _("Volunteers");
		s = _(vol[f - F_VOLUNTEERS]);
	} else if (f >= F_NEEDS_NEW && f <= F_NEEDS_DAYS) {
		t = _("Needs");
		s = _(needs[f - F_NEEDS_NEW]);
	} else if (f == F_RES_USES || f == F_RES_VALUE) {
		t = _("Resources");
		s = f == F_RES_USES ? _("uses") : _("value (yuan)");
	} else if (f >= F_RES_KIND) {
		t = _("Resource uses by kind");
		s = sw_vocab_label("resource_kind", sw_figures[f].key + strlen("resource_uses_"), sw_i18n_zh());
	}
	snprintf(top, ntop, "%s", t);	/* before s: the vocabulary's label is one buffer */
	snprintf(sub, nsub, "%s", s ? s : sw_figure_label(f, sw_i18n_zh()));
}

static const char *const months[] = {N_("January"), N_("February"), N_("March"), N_("April"),
	N_("May"), N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
	N_("November"), N_("December")};

/* A date "2026-10-07" as the language writes it. */
static void date_text(const char *d, char *buf, size_t n)
{
	/* TRANSLATORS: a date: year, month, day */
	snprintf(buf, n, _("%d-%02d-%02d"), atoi(d), atoi(d + 5), atoi(d + 8));
}

void sw_form_dates(const struct sw_report *r, char *buf, size_t n)
{
	char a[40], b[40];
	date_text(r->from, a, sizeof a);
	date_text(r->to, b, sizeof b);
	/* TRANSLATORS: a period from one date to another */
	snprintf(buf, n, _("%s to %s"), a, b);
}

void sw_form_period(const struct sw_report *r, char *buf, size_t n)
{
	int m = strlen(r->period) == 7 ? atoi(r->period + 5) : 0;
	if (m < 1 || m > 12) {
		sw_form_dates(r, buf, n);
		return;
	}
	/* TRANSLATORS: a month's name and its year, "October 2026" */
	snprintf(buf, n, _("%s %d"), _(months[m - 1]), atoi(r->period));
}

void sw_form_title(const struct sw_report *r, char *buf, size_t n)
{
	char p[80];
	sw_form_period(r, p, sizeof p);
	if (r->scope)
		snprintf(buf, n, _("%s: social work statistics, %s"), r->scope, p);
	else
		snprintf(buf, n, _("Social work statistics, %s"), p);
}
