/* What the renderers of a report share (lib/report_out.c, report_html.c,
 * report_xlsx.c, report_text.c): its rows in order, with subtotals, and
 * the figures grouped in sections with two-level column headings, as the
 * bureau's form (报表) lays them out. */
#ifndef SW_REPORTPRIV_H
#define SW_REPORTPRIV_H

#include <stddef.h>

#include "sw/report.h"

/* A row of the report: a group of --by, a subtotal of a station's
 * subtree, or the total. */
enum { SW_ROW_GROUP, SW_ROW_SUB, SW_ROW_TOTAL };
struct sw_row_ref {
	int kind;
	int g;		/* the group (SW_ROW_GROUP), else r->ngroups */
	int st;		/* the station of a subtotal, else -1 */
};

/* The rows shown, in tree order, into a new array (the caller frees);
 * with subtotals when subtotals and r->tree: after the rows of a
 * station's subtree when it holds two or more of them (and not all). The
 * total comes last unless one group row is all there is. Returns the count. */
int sw_form_rows(const struct sw_report *r, int subtotals, struct sw_row_ref **rows);
/* A row's value of figure f, this period's or (prev) the compared one's. */
long long sw_form_val(const struct sw_report *r, const struct sw_row_ref *row, int f, int prev);
/* A row's heading: a station's name, "NAME subtotal", "total". */
const char *sw_form_name(const struct sw_report *r, const struct sw_row_ref *row, char *buf, size_t n);
/* A row's value as text: "12", or "12 (+3)" when compared. */
void sw_form_cell(const struct sw_report *r, const struct sw_row_ref *row, int f, char *buf, size_t n);

/* The sections of the form, figures [first, end) in report order. */
struct sw_section {
	const char *title;	/* N_(): translate where shown */
	int first, end;
};
#define SW_NSECTIONS 5
extern const struct sw_section sw_sections[SW_NSECTIONS];
/* 1 if the section holds a figure the report shows. */
int sw_section_shown(const struct sw_report *r, int s);
/* Figure f's column headings: top spans the neighbours with the same top
 * ("" when f's heading takes both lines, in sub). Translated. */
void sw_form_head(int f, char *top, size_t ntop, char *sub, size_t nsub);

/* The title ("UNIT social work statistics, October 2026"), the period
 * ("October 2026", or "2026-01-01 to 2026-03-31") and the statistical
 * period's dates, in the user's language. */
void sw_form_title(const struct sw_report *r, char *buf, size_t n);
void sw_form_period(const struct sw_report *r, char *buf, size_t n);
void sw_form_dates(const struct sw_report *r, char *buf, size_t n);

/* The machine and pivot formats of lib/report_out.c's earlier kind. */
int sw_report_html(const struct sw_report *r, const char *path, const struct sw_trend *t);
int sw_report_xlsx(const struct sw_report *r, const char *path);
/* The terminal table, sections with stations as rows, for a terminal too
 * narrow for stations across. */
int sw_report_text(const struct sw_report *r, const char *path);

#endif
