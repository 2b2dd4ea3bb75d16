/* Evaluation (评估): an indicator system read from a file, its points
 * scored per station from the report's figures or by a third-party
 * evaluator's score sheet, and the scorecards it gives.
 *
 * Data flow: sw_system_read checks the system file into a tree;
 * sw_eval_stations chooses the stations; sw_eval_run computes each
 * station's figures once (one sw_report_fill), reads the score sheet
 * (sw_scores_read) and scores every point; lib/eval_out.c renders the
 * scorecards side by side. Marks are kept in hundredths. */
#ifndef SW_EVALUATE_H
#define SW_EVALUATE_H

#include "sw/import.h"
#include "sw/input.h"
#include "sw/report.h"

/* How a point is scored (the how column). */
enum { SW_RULE_EVALUATOR, SW_RULE_AT_LEAST, SW_RULE_LINEAR, SW_RULE_RATIO };
struct sw_rule {
	int kind;
	int fig, fig2;		/* figures (fig2: the ratio's denominator) */
	long long n;		/* AT_LEAST, LINEAR: in the figure's unit (minutes for hours) */
	long long rnum, rden;	/* RATIO: the ratio is rnum / rden */
};

/* Parses a how cell ("" is an evaluator's point). 0, or -1 with why. */
int sw_rule_parse(const char *s, struct sw_rule *r, char *why, size_t whylen);
/* The rule as canonical text ("services >= 1000"), "" for an evaluator. */
void sw_rule_text(const struct sw_rule *r, char *buf, size_t n);
/* Scores a data rule against one station's figures v[SW_NFIG]: the score
 * in hundredths of max (max itself in hundredths); the figure's value, or
 * the ratio with two decimals ("" when its denominator is 0), into value. */
long long sw_rule_score(const struct sw_rule *r, long long max, const long long *v,
			char *value, size_t n);

/* Marks as text: hundredths with trailing zeros dropped ("2.5", "3"). */
void sw_marks_fmt(long long h, char *buf, size_t n);
/* Parses marks with at most two decimals into hundredths. 0 or -1. */
int sw_marks_parse(const char *s, long long *h);

/* One indicator of the system: a dimension (一级指标, no parent), an
 * indicator under it, down to the points (评分点, no children). */
struct sw_ind {
	char *code, *parent, *name;
	long line;		/* where the file defines it */
	long long max;		/* hundredths */
	int up;			/* parent's index, -1 for a dimension */
	int depth;		/* 0 for a dimension */
	int point;		/* 1 for a point */
	struct sw_rule rule;	/* a point's */
};

struct sw_system {
	struct sw_ind *ind;	/* in tree order: each followed by its subtree */
	int n;
	long long total;	/* the dimensions' maxima added */
	int npoints, nevaluator;
};

/* Reads and checks the system file path (csv, xlsx...: sw/input.h), with
 * every problem printed "file:line: reason". Returns 0, 1 when the file
 * has errors, 3 when it cannot be read. Free with sw_system_free. */
int sw_system_read(const char *path, const struct sw_input_opts *o, struct sw_system *sys);
void sw_system_free(struct sw_system *sys);
/* Index of code, or -1. */
int sw_system_find(const struct sw_system *sys, const char *code);

/* Grades, by the share of the maximum: excellent (优秀) from 90%, good
 * (良好) from 80%, pass (合格) from 60%, else fail (不合格). */
enum { SW_GRADE_NONE = -1, SW_GRADE_EXCELLENT, SW_GRADE_GOOD, SW_GRADE_PASS, SW_GRADE_FAIL };
int sw_grade(long long score, long long max);
const char *sw_grade_key(int g);
const char *sw_grade_label(int g);	/* translated */

/* An evaluation: the stations, their figures, the scores. */
struct sw_eval {
	const struct sw_system *sys;
	struct sw_net *net;
	char from[11], to[11], period[32];
	int nst;
	int *st;		/* stations evaluated (network indices) */
	long long *fig;		/* fig[k * nfig + f]: station k's figures */
	int nfig;		/* SW_NFIG, and the catalogue's when a rule names one */
	long long *score;	/* score[k * sys->n + i]: hundredths, -1: not scored */
	char **value;		/* value[k * sys->n + i]: a data point's figure value */
	char **note;		/* note[k * sys->n + i]: the evaluator's, or NULL */
	int *grade;		/* per station, SW_GRADE_NONE while points are unscored */
	int unscored;		/* points left unscored, all stations */
	char fingerprint[65];	/* of the inputs (sw-report(1)) */
};

/* The stations to evaluate, into e->st: codes (NULL-ended; a contract's)
 * as given, each known; else the reporting stations of root's subtree
 * (NULL: the whole network) open at some time in [e->from, e->to], or root
 * itself if it has none. 0, or -1 after naming an unknown station. */
int sw_eval_stations(struct sw_eval *e, const char *root, char *const *codes);
/* A contract's period and stations (a NULL-ended list the caller frees,
 * each code too), from the first of dbs that has it. 0, or -1 printed. */
int sw_eval_contract(struct sw_store *const *dbs, int ndb, const char *id, char from[11], char to[11],
		     char ***codes);
/* Computes the figures of e's stations over [from, to], once per station
 * (each with the stations under it that it reports for), reads the score
 * sheet (NULL: none) and scores every point. Returns 0, 1 when the sheet
 * has errors, 3 on a failure (printed). */
int sw_eval_run(struct sw_eval *e, const char *scores, const struct sw_input_opts *o);
void sw_eval_free(struct sw_eval *e);

/* The score sheet (station_code, code, score, note), checked against the
 * system and the network: into e->score and e->note. 0, 1 (rows printed),
 * 3 (cannot be read). For sw_eval_run. */
int sw_scores_read(struct sw_eval *e, const char *path, const struct sw_input_opts *o);

/* Writes the scorecards side by side. fmt: an sw_fmt or SW_FMT_HTML.
 * 0 or -1 (printed). */
int sw_eval_write(const struct sw_eval *e, const char *path, int fmt);

#endif
