/* sw-report's figures: their definitions, their computation over one or
 * more databases, and their roll-up along the station hierarchy.
 *
 * Data flow: sw_net_load reads the stations of every database into one
 * network; sw_net_scope chooses the subtree and the grouping (--by);
 * sw_report_fill computes one period's figures per group into a
 * struct sw_report, which lib/report_out.c renders. Each figure's
 * definition is in sw-report(1); the SQL that implements it is in
 * lib/report.c (and report_jobs.c, report_five.c, workfig.c), one query
 * per source table, in the SQL SQLite and PostgreSQL share: a database is
 * a SQLite file or a server (sw/store.h), and several of either may make
 * one report. The network is lib/report_net.c's, fingerprints
 * report_fp.c's. */
#ifndef SW_REPORT_H
#define SW_REPORT_H

#include <stddef.h>

#include "sw/html.h"

struct sw_store;	/* sw/store.h: a SQLite file or a PostgreSQL server */

/* Figure indices, in report order. The by-type and by-kind figures are
 * consecutive runs in vocabulary order. A figure added later goes where
 * it reads best: the fingerprint of a closed month hashes the figures of
 * its version (sw_figure.since) in this order, so the figures of a version
 * keep their order among themselves. */
enum {
	F_CLIENTS_END, F_CLIENTS_NEW, F_CASES_OPENED, F_CASES_CLOSED, F_CASES_OPEN_END,
	/* referrals (lib/workfig.c) */
	F_REF_OUT, F_REF_IN, F_REF_ACCEPTED, F_REF_COMPLETED, F_REF_DAYS,
	F_SERVICES, F_SVC_TYPE, F_PEOPLE_SERVED = F_SVC_TYPE + 6, F_SERVICE_HOURS,
	F_COMMUNITY_VISITS, F_ACTIVITIES, F_ACT_SESSIONS, F_ACT_PARTICIPANTS,
	F_ACT_KIND,	/* 3 per kind: activities, sessions, participants */
	F_EMPLOYERS = F_ACT_KIND + 18, F_VACANCIES, F_VAC_HEADCOUNT, F_SEEKERS,
	F_MATCHES, F_HIRES, F_RETAINED_3M, F_RETAINED_6M,
	F_STAFF, F_STAFF_CERTIFIED,
	/* the workforce (lib/workfig.c): in post by certificate level, new,
	 * left, hours of supervision and training */
	F_STAFF_LEVEL, F_STAFF_NEW = F_STAFF_LEVEL + 3, F_STAFF_LEFT, F_SUPERVISION, F_TRAINING,
	F_STATIONS_ACTIVE,
	/* 五社联动 (lib/report.c) */
	F_ORGS_ENGAGED, F_VOLUNTEERS, F_VOL_HOURS, F_VOL_SERVICES,
	F_NEEDS_NEW, F_NEEDS_MET, F_NEEDS_DAYS,
	F_RES_USES, F_RES_VALUE,
	F_RES_KIND,	/* uses per kind */
	SW_NFIG = F_RES_KIND + 8
};
/* The fingerprint version a closed month's figures are hashed in now. */
#define SW_FP_VERSION 4

struct sw_figure {
	const char *key, *zh, *en;
	int hours;	/* kept in minutes, shown as hours with one decimal */
	int distinct;	/* counts distinct people across stations: rolled up
			 * by counting again, never by adding */
	int median;	/* a median in days, computed again per row (distinct
			 * is set too); kept doubled, shown with .5 when odd */
	int since;	/* the fingerprint version that first hashed it: 3
			 * for 五社联动, 4 for referrals and the workforce; 0
			 * for the figures of versions 1 and 2 */
};
extern const struct sw_figure sw_figures[SW_NFIG];

/* Index of the figure named key, or -1. */
int sw_figure_find(const char *key);
/* The figures a target or an evaluation rule may name: the report's, then
 * the service catalogue's (item:CODE, category:KEY, lib/items.c), indices
 * SW_NFIG on, as many as sw_items_load found. */
int sw_figure_count(void);
/* Figure f's definition, for every f below sw_figure_count(). */
const struct sw_figure *sw_figure_def(int f);
/* The one resolver of targets and rules: the index of the figure name
 * names; -1 if no figure has that name; -2 for an item or category the
 * catalogue lacks, with why ("unknown item \"X\" ..."). */
int sw_figure_resolve(const char *name, char *why, size_t whylen);
/* Label in the chosen language. */
const char *sw_figure_label(int fig, int zh);
/* Writes value v of figure fig as text (hours with one decimal). */
void sw_figure_fmt(int fig, long long v, char *buf, size_t n);
/* Parses a figure's value as sw_figure_fmt writes it (digits; hours with
 * at most one decimal). 0; -1 if not a number; -2 if negative (no figure
 * is); -3 if too large to hold. */
int sw_figure_parse(int fig, const char *s, long long *v);
/* Parses "a,b,c" into sel[SW_NFIG] (all figures when list is NULL).
 * Returns 0, or -1 with the unknown name in bad. */
int sw_figure_select(const char *list, unsigned char *sel, char *bad, size_t badlen);

/* Roll-up levels of --by. */
enum { SW_BY_STATION, SW_BY_TOWNSHIP, SW_BY_REGIONAL, SW_BY_COUNTY, SW_BY_TOTAL };
/* Parses a --by value; -1 if unknown. */
int sw_by_parse(const char *s);

/* A station of the combined network. */
struct sw_station {
	char *code, *name, *level, *parent, *opened, *closed;
	int up;		/* index of the parent, -1 for a root */
	int group;	/* row of the report it adds to, -1 if out of scope */
	int reports;	/* stations.reports: 1 yes, 0 no, -1 by level */
};

/* A worker of the combined network. */
struct sw_worker {
	char *id, *name, *station, *certificate, *hired, *left;
};

/* The stations of every database, united by code (the first database to
 * define a code names it), with the grouping chosen by sw_net_scope. */
struct sw_net {
	struct sw_store **db;
	int ndb;
	struct sw_station *st;	/* in tree order: parents before children */
	int nst;
	int ngroups;		/* rows; the total is row ngroups */
	int *rep;		/* station heading each row, -1 for the total */
	struct sw_worker *w;	/* workers, united by worker_id and station */
	int nw;
	int unplaced;		/* the row "(unattributed)": a station of level
				 * unattributed after the others, or -1 */
};

/* Whether dbs[0..ndb) (names: as --db gave them) can add up: none is
 * another (the same file or server), and no station has records in two
 * (a copy of a database, a station kept in two). 0 when they can, 1 when
 * not (said, naming the station and the databases), -1 (printed). */
int sw_report_dbs_check(struct sw_store **dbs, const char *const *names, int ndb);
/* Reads the stations of dbs[0..ndb). Returns NULL after printing why. */
struct sw_net *sw_net_load(struct sw_store **dbs, int ndb);
void sw_net_free(struct sw_net *n);
/* A network of unrelated rows (for merge): each is its own report row. */
struct sw_net *sw_net_flat(char *const *codes, char *const *names, char *const *levels, int n);
/* Index of a station, or -1. */
int sw_net_find(const struct sw_net *n, const char *code);
/* Warns, per database, of the employment records that belong to no
 * station (counted on the row "(unattributed)"). */
void sw_net_warn_unplaced(const struct sw_net *n);
/* 1 if station i is expected to report every month: its reports column,
 * else by level (township stations). */
int sw_net_expected(const struct sw_net *n, int i);
/* The station whose report holds station i's records: i when expected,
 * else its nearest expected ancestor; -1 if none. */
int sw_net_reporter(const struct sw_net *n, int i);
/* Limits the report to root's subtree (NULL: everything) and groups the
 * stations at level by. Returns 0, or -1 if root is unknown. */
int sw_net_scope(struct sw_net *n, const char *root, int by);
/* 1 if station i is in the scope (its row is >= 0). */
#define sw_net_in(n, i) ((n)->st[i].group >= 0)

/* One period's figures, per row. v[g * SW_NFIG + f]; row ngroups is the
 * total of the scope. prev is the compared period, or NULL. */
struct sw_report {
	char period[32];	/* "2026-10", or "2026-01-01..2026-10-07" */
	char from[11], to[11];
	int ngroups;
	unsigned char sel[SW_NFIG];	/* figures to show */
	long long *v, *prev;
	int *show;		/* show[g]: row g goes in the output */
	const struct sw_net *net;
	/* a closed month's, else "": one per database (64 at most),
	 * space-separated */
	char fingerprint[65 * 64 + 1];
	int by;
	const char *scope;	/* the reporting unit (the heading), or NULL */
	long long *tree, *prevtree;	/* per station, its subtree (sw_report_fill_tree),
					 * for subtotal rows; NULL: none */
};

/* Computes the figures for [from, to] (ISO dates) into a new v array of
 * (n->ngroups + 1) * SW_NFIG values. Returns NULL after printing a
 * database error. The caller frees. */
long long *sw_report_fill(const struct sw_net *n, const char *from, const char *to);
/* As sw_report_fill, and into *tree a new array of n->nst * SW_NFIG
 * values: each station's subtree within the scope (its subtotal row), the
 * distinct figures counted again. The caller frees both. */
long long *sw_report_fill_tree(const struct sw_net *n, const char *from, const char *to,
			       long long **tree);
/* A closed month's fingerprint: the figures per station of the whole
 * network for the month (own records) and, for the distinct figures, per
 * subtree, in tree order; their canonical text hashed with SHA-256. */
struct sw_fp {
	int n;			/* stations */
	char **code;		/* their codes */
	long long *v;		/* v[i * SW_NFIG + f] */
	char hex[65];		/* the fingerprint */
	char hex1[65];		/* version 1 of it, of months closed before version 2 */
	char hex2[65];		/* version 2, of months closed before the figures
				 * of 五社联动 (matched only while they are 0) */
	char hex3[65];		/* version 3, of months closed before the figures
				 * of referrals and the workforce */
	char audit[65];		/* the audit trail's head it covers, or "" (sw_audit_anchor) */
};
/* Computes month's on database db alone into fp. 0, or -1 after printing
 * a database error. Free with sw_fp_free (also after -1). */
int sw_report_fp(struct sw_store *s, const char *month, struct sw_fp *fp);
void sw_fp_free(struct sw_fp *fp);
/* fp's fingerprints, every version, from its stations' figures and its
 * audit anchor: the same bytes whichever database computed them. */
void sw_fp_hash(struct sw_fp *fp, const char *month);
/* 1 if station i has only zero figures (it is left out of the hash). */
int sw_fp_zero(const struct sw_fp *fp, int i);
/* The version of fp's fingerprint that stored is (SW_FP_VERSION, or an
 * older one of a month closed before), or 0 if none is. */
int sw_fp_version(const struct sw_fp *fp, const char *stored);
#define sw_fp_matches(fp, stored) (sw_fp_version(fp, stored) > 0)
/* Just the fingerprint of month, into hex[65]. 0 or -1. */
int sw_report_fingerprint(struct sw_store *s, const char *month, char hex[65]);

/* The rendering of lib/report_out.c. fmt is an sw_fmt or SW_FMT_HTML.
 * trend (may be NULL) holds ntrend monthly totals for the HTML charts.
 * Returns 0 or -1 (printed). */
#define SW_FMT_REPORT_XLSX 101	/* the workbook of lib/report_xlsx.c */
struct sw_trend {
	int n;
	char (*month)[8];
	long long *v;		/* v[i * SW_NFIG + f]: total of month i */
};
int sw_report_write(const struct sw_report *r, const char *path, int fmt, int zh,
		    const struct sw_trend *trend);
/* The monthly totals of n's scope for months first..last (YYYY-MM, 240 at
 * most) into t (free t->month and t->v). 0, or -1 (printed). */
int sw_trend_fill(const struct sw_net *n, const char *first, const char *last, struct sw_trend *t);

/* The listings of lib/report_trend.c and report_complete.c, written to
 * path in fmt (an sw_fmt); each returns the exit status (3 after printing
 * why). trend: the figures sel[SW_NFIG] of each month first..last, per
 * row of n's scope (the total alone when by is SW_BY_TOTAL), labels in
 * Chinese when zh. completeness: the stations of n's scope expected to
 * report in month (YYYY-MM) with no records in it, 1 when there are any. */
int sw_trend_write(const struct sw_net *n, int by, const unsigned char *sel, const char *first,
		   const char *last, const char *path, int fmt, int zh);
int sw_completeness_write(const struct sw_net *n, const char *month, const char *path, int fmt);

/* merge: sums report CSVs (written by -f csv without --compare) of the
 * same period and figures into r, whose net is a flat network of the
 * files' rows. Returns 0, or an exit status after printing why. */
int sw_report_merge(char **files, int nfiles, struct sw_report *r);
void sw_report_free(struct sw_report *r);

/* Label of a level key or of "total". */
const char *sw_level_label(const char *level, int zh);

/* A closed month's stored fingerprint into hex, or "" if open. 0 or -1. */
int sw_month_closed(struct sw_store *s, const char *month, char *hex, size_t n);
/* A report's check of a closed month: when every database of dbs has
 * closed month, their fingerprints joined by spaces go into out (n bytes),
 * else out is ""; a database whose figures changed since it was closed is
 * an error. 0, or -1 after printing why. */
int sw_report_closed(struct sw_store *const *dbs, int ndb, const char *month, char *out, size_t n);

#endif
