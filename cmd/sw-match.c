/* sw-match: job seekers and vacancies, proposed matches, the optimal
 * assignment, and the follow-up of placements. */
#include <math.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/assign.h"
#include "common.h"
#include "sw/audit.h"
#include "sw/err.h"
#include "sw/input.h"
#include "sw/labels.h"
#include "sw/mask.h"
#include "sw/match.h"
#include "sw/needs.h"
#include "sw/out.h"
#include "sw/score.h"
#include "sw/store.h"
#include "sw/text.h"
#include "sw/valid.h"

static const struct sw_table *const tables[] = {
	&sw_vacancies_table, &sw_employers_table, &sw_seekers_table, &sw_placements_table, NULL
};

/* Options of the subcommands, with what they default to. */
static struct {
	char on[11];		/* --on: today */
	char from[11], to[11];	/* --from, --to: empty for open ends */
	char date[11];		/* --date (place) */
	const char *stage;	/* --stage, as its key */
	const char *seeker, *vacancy, *station, *worker;
	const char *seekers_csv, *vacancies_csv;
	struct sw_rank_opts ro;
	int by_set, min_set, top_set, timing;
	int assign;		/* needs --assign */
	int per_volunteer;	/* needs --per-volunteer */
	int mask, no_mask;	/* --mask, --no-mask */
} o;

enum { OPT_ON = SW_OPT_LOCAL, OPT_TOP, OPT_BY, OPT_WEIGHTS, OPT_MIN, OPT_EXHAUSTIVE,
       OPT_SEEKERS, OPT_VACANCIES, OPT_STAGE, OPT_DATE, OPT_WORKER, OPT_SEEKER, OPT_VACANCY,
       OPT_STATION, OPT_FROM, OPT_TO, OPT_TIMING, OPT_ASSIGN, OPT_PER_VOLUNTEER, OPT_MASK,
       OPT_NO_MASK };

static void parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		SW_LONGOPTS,
		{"table", required_argument, NULL, SW_OPT_TABLE},
		{"encoding", required_argument, NULL, SW_OPT_ENCODING},
		{"sheet", required_argument, NULL, SW_OPT_SHEET},
		{"ignore-column", required_argument, NULL, SW_OPT_IGNORE},
		{"on", required_argument, NULL, OPT_ON},
		{"top", required_argument, NULL, OPT_TOP},
		{"by", required_argument, NULL, OPT_BY},
		{"weights", required_argument, NULL, OPT_WEIGHTS},
		{"min-score", required_argument, NULL, OPT_MIN},
		{"exhaustive", no_argument, NULL, OPT_EXHAUSTIVE},
		{"seekers", required_argument, NULL, OPT_SEEKERS},
		{"vacancies", required_argument, NULL, OPT_VACANCIES},
		{"stage", required_argument, NULL, OPT_STAGE},
		{"date", required_argument, NULL, OPT_DATE},
		{"worker", required_argument, NULL, OPT_WORKER},
		{"seeker", required_argument, NULL, OPT_SEEKER},
		{"vacancy", required_argument, NULL, OPT_VACANCY},
		{"station", required_argument, NULL, OPT_STATION},
		{"from", required_argument, NULL, OPT_FROM},
		{"to", required_argument, NULL, OPT_TO},
		{"timing", no_argument, NULL, OPT_TIMING},
		{"assign", no_argument, NULL, OPT_ASSIGN},
		{"per-volunteer", required_argument, NULL, OPT_PER_VOLUNTEER},
		{"mask", no_argument, NULL, OPT_MASK},
		{"no-mask", no_argument, NULL, OPT_NO_MASK},
		{0}};
	int c;
	char why[256], *end;
	long long k;
	sw_date_today(o.on);
	o.ro.w = sw_weights_default;
	o.ro.top = 10;
	o.per_volunteer = 1;
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1) {
		switch (c) {
		case OPT_ON: sw_opt_date("on", optarg, o.on); break;
		case OPT_FROM: sw_opt_date("from", optarg, o.from); break;
		case OPT_TO: sw_opt_date("to", optarg, o.to); break;
		case OPT_DATE: sw_opt_date("date", optarg, o.date); break;
		case OPT_TOP:
			if (sw_int_parse(optarg, 1, 100000, &k, why, sizeof why) != 0)
				sw_opt_fail("top", why);
			o.ro.top = (int)k;
			o.top_set = 1;
			break;
		case OPT_BY:
			if (strcmp(optarg, "vacancy") != 0 && strcmp(optarg, "seeker") != 0)
				sw_opt_fail("by", _("expected seeker or vacancy"));
			o.ro.by_vacancy = optarg[0] == 'v';
			break;
		case OPT_WEIGHTS:
			if (sw_weights_parse(optarg, &o.ro.w, why, sizeof why) != 0)
				sw_opt_fail("weights", why);
			break;
		case OPT_MIN: {
			double d = strtod(optarg, &end);
			if (end == optarg || *end || !(d >= 0 && d <= 100))
				sw_opt_fail("min-score", _("expected a number from 0 to 100"));
			o.ro.min_score = (int)lround(d * 10);
			o.min_set = 1;
			break;
		}
		case OPT_EXHAUSTIVE: o.ro.exhaustive = 1; break;
		case OPT_TIMING: o.timing = 1; break;
		case OPT_ASSIGN: o.assign = 1; break;
		case OPT_MASK: o.mask = 1; break;
		case OPT_NO_MASK: o.no_mask = 1; break;
		case OPT_PER_VOLUNTEER:
			if (sw_int_parse(optarg, 1, 100000, &k, why, sizeof why) != 0)
				sw_opt_fail("per-volunteer", why);
			o.per_volunteer = (int)k;
			break;
		case OPT_SEEKERS: o.seekers_csv = optarg; break;
		case OPT_VACANCIES: o.vacancies_csv = optarg; break;
		case OPT_STAGE: o.stage = sw_opt_vocab("stage", "stage", optarg); break;
		case OPT_WORKER: o.worker = optarg; break;
		case OPT_SEEKER: o.seeker = optarg; break;
		case OPT_VACANCY: o.vacancy = optarg; break;
		case OPT_STATION: o.station = optarg; break;
		default: sw_cli_common(c, optarg);
		}
	}
}

/* --mask, --no-mask, else masked on a terminal (sw_cli_masking). */
static int masking(void)
{
	return sw_cli_masking(o.mask ? 1 : o.no_mask ? 0 : -1);
}

static void no_operands(int argc, char **argv)
{
	if (optind < argc)
		sw_usage_fail(_("unexpected argument \"%s\""), argv[optind]);
}

/* The market from --seekers/--vacancies, or else from the database. */
static struct sw_market *load_market(int *status)
{
	if (!o.seekers_csv != !o.vacancies_csv)
		sw_usage_fail(_("--seekers and --vacancies go together"));
	if (o.seekers_csv) {
		char *files[] = {(char *)o.seekers_csv, (char *)o.vacancies_csv, NULL};
		if (sw_file_check_inputs("-o", sw_opt.output, files) != 0) {
			*status = SW_EXIT_USAGE;
			return NULL;
		}
		struct sw_input_opts in;
		sw_cli_input_opts(&in);
		struct sw_market *m = sw_market_from_csv(o.seekers_csv, o.vacancies_csv, o.on, &in, status);
		return m;
	}
	struct sw_store *s = sw_open_store(0);
	struct sw_market *m = sw_market_from_db(s, o.on);
	sw_store_close(s);
	*status = m ? 0 : SW_EXIT_FAIL;
	return m;
}

static int cmd_import(int argc, char **argv) { return sw_run_import(argc, argv, tables); }
static int cmd_add(int argc, char **argv) { return sw_run_add(argc, argv, tables); }
static int cmd_export(int argc, char **argv) { return sw_run_export(argc, argv, tables); }
static int cmd_vocab(int argc, char **argv) { return sw_run_vocab(argc, argv); }
static int cmd_template(int argc, char **argv) { return sw_run_template(argc, argv, tables); }

static int cmd_list(int argc, char **argv)
{
	parse(argc, argv);
	const struct sw_table *t = sw_opt.table ? sw_table_find(tables, sw_opt.table) : tables[0];
	if (!t)
		sw_usage_fail(_("--table: unknown table \"%s\" (expected vacancies, employers, seekers, placements)"),
			 sw_opt.table);
	return sw_run_list(t, argc - optind, argv + optind, o.station, masking());
}

static int cmd_rank(int argc, char **argv)
{
	parse(argc, argv);
	no_operands(argc, argv);
	int status;
	struct sw_market *m = load_market(&status);
	if (!m)
		return status;
	/* Ranked on a second thread while this one writes: for a large
	 * market, writing the rows with their reasons costs about as much
	 * as ranking them through the index. */
	static const char *const cols[] = {"seeker_id", "vacancy_id", "rank", "score", "reasons"};
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 5, cols, "ssnns");
	struct sw_ranking *g = sw_ranking_start(m, &o.ro);
	const struct sw_pick *p;
	int k;
	while ((k = sw_ranking_next(g, &p)) >= 0)
		for (int r = 0; out && r < k; r++) {
			char rank[SW_DECIMAL_MAX], score[8], reasons[1024];
			sw_score_fmt(p[r].score, score);
			sw_score_reasons(m, &m->s[p[r].s], &m->v[p[r].v], reasons, sizeof reasons);
			const char *row[] = {m->s[p[r].s].id, m->v[p[r].v].id, sw_decimal(r + 1, rank), score,
					     reasons};
			sw_out_row(out, row);
		}
	long long pairs;
	double secs;
	sw_ranking_end(g, &pairs, &secs);
	if (o.timing)
		sw_error(_("ranked %d seekers x %d vacancies: %lld pairs looked at in %.3f s CPU"),
			 m->ns, m->nv, pairs, secs);
	sw_market_free(m);
	return out && sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

/* Why seeker s got nothing (best is its best pair scoring enough, or -1). */
static void unassigned_reason(const struct sw_market *m, int s, int best, char *buf, size_t n)
{
	char score[8], min[8];
	if (best >= 0) {
		sw_score_fmt(sw_score(m, &o.ro.w, &m->s[s], &m->v[best]), score);
		snprintf(buf, n, "the vacancies that fit went to a better total (best %s at %s)",
			 m->v[best].id, score);
		return;
	}
	for (int v = 0; v < m->nv; v++)
		if (sw_eligible(&m->s[s], &m->v[v])) {
			sw_score_fmt(o.ro.min_score > 1 ? o.ro.min_score : 1, min);
			snprintf(buf, n, "no vacancy scores at least %s", min);
			return;
		}
	snprintf(buf, n, "no open vacancy meets the hard rules");
}

static int cmd_assign(int argc, char **argv)
{
	parse(argc, argv);
	no_operands(argc, argv);
	o.ro.top = 2;	/* each seeker's first pairs: its best two */
	if (!o.min_set)
		o.ro.min_score = 300;	/* above what wage and education alone give */
	int status;
	struct sw_market *m = load_market(&status);
	if (!m)
		return status;
	struct sw_assignment a = {0};
	clock_t t0 = clock();
	sw_assign(m, &o.ro, &a);
	if (o.timing)
		sw_error(_("assigned in %.3f s CPU: %d solve(s), %lld pairs listed, %lld bids, %lld reverse bids"),
			 (double)(clock() - t0) / CLOCKS_PER_SEC, a.rounds, a.edges, a.bids, a.reverse);
	static const char *const cols[] = {"seeker_id", "vacancy_id", "score", "reasons"};
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 4, cols, "ssns");
	int placed = 0;
	if (out) {
		char score[8], reasons[1024];
		for (int s = 0; s < m->ns; s++) {
			if (a.vac[s] < 0)
				continue;
			placed++;
			sw_score_fmt(a.score[s], score);
			sw_score_reasons(m, &m->s[s], &m->v[a.vac[s]], reasons, sizeof reasons);
			const char *row[] = {m->s[s].id, m->v[a.vac[s]].id, score, reasons};
			sw_out_row(out, row);
		}
		for (int s = 0; s < m->ns; s++) {
			if (a.vac[s] >= 0)
				continue;
			unassigned_reason(m, s, a.best[s], reasons, sizeof reasons);
			const char *row[] = {m->s[s].id, NULL, NULL, reasons};
			sw_out_row(out, row);
		}
	}
	char total[32];
	snprintf(total, sizeof total, "%lld.%lld", a.total / 10, a.total % 10);
	sw_warn(_("assigned %d of %d seekers (%d open vacancies), total score %s"), placed, m->ns, m->nv, total);
	sw_assignment_free(&a);
	sw_market_free(m);
	return out && sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

/* The offer's id in its column: resource_id or volunteer_id. */
static void offer_ids(const struct sw_market *m, int v, const char **res, const char **vol)
{
	int is_vol = sw_needs_of(m)->offer[v].volunteer;
	*res = is_vol ? NULL : m->v[v].id;
	*vol = is_vol ? m->v[v].id : NULL;
}

static int needs_rank(const struct sw_market *m)
{
	static const char *const cols[] = {"need_id", "client_id", "resource_id", "volunteer_id",
					   "rank", "score", "reasons"};
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 7, cols, "ssssnns");
	struct sw_ranking *g = sw_ranking_start(m, &o.ro);
	const struct sw_pick *p;
	int k;
	while ((k = sw_ranking_next(g, &p)) >= 0)
		for (int r = 0; out && r < k; r++) {
			char rank[SW_DECIMAL_MAX], score[8], reasons[1024];
			const char *res, *vol;
			offer_ids(m, p[r].v, &res, &vol);
			sw_score_fmt(p[r].score, score);
			sw_needs_reasons(m, p[r].s, p[r].v, reasons, sizeof reasons);
			const char *row[] = {m->s[p[r].s].id, sw_needs_of(m)->need[p[r].s].client, res, vol,
					     sw_decimal(r + 1, rank), score, reasons};
			sw_out_row(out, row);
		}
	long long pairs;
	double secs;
	sw_ranking_end(g, &pairs, &secs);
	if (o.timing)
		sw_error(_("ranked %d needs x %d resources and volunteers: %lld pairs looked at in %.3f s CPU"),
			 m->ns, m->nv, pairs, secs);
	return out && sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

static int needs_assign(const struct sw_market *m)
{
	static const char *const cols[] = {"need_id", "client_id", "resource_id", "volunteer_id",
					   "score", "reasons"};
	struct sw_assignment a = {0};
	clock_t t0 = clock();
	sw_assign(m, &o.ro, &a);
	if (o.timing)
		sw_error(_("assigned in %.3f s CPU: %d solve(s), %lld pairs listed, %lld bids, %lld reverse bids"),
			 (double)(clock() - t0) / CLOCKS_PER_SEC, a.rounds, a.edges, a.bids, a.reverse);
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 6, cols, "ssssns");
	int met = 0;
	char score[8], reasons[1024];
	/* the needs met, then those left, each in need order */
	for (int pass = 0; out && pass < 2; pass++)
		for (int s = 0; s < m->ns; s++) {
			const char *res = NULL, *vol = NULL, *sc = NULL;
			if ((a.vac[s] >= 0) == pass)
				continue;
			if (a.vac[s] >= 0) {
				met++;
				offer_ids(m, a.vac[s], &res, &vol);
				sw_score_fmt(a.score[s], score);
				sc = score;
				sw_needs_reasons(m, s, a.vac[s], reasons, sizeof reasons);
			} else if (a.best[s] >= 0)
				snprintf(reasons, sizeof reasons,
					 _("what could meet it went to a better total (best %s)"), m->v[a.best[s]].id);
			else
				snprintf(reasons, sizeof reasons, "%s",
					 _("no resource or volunteer can meet it in its area on the day"));
			const char *row[] = {m->s[s].id, sw_needs_of(m)->need[s].client, res, vol, sc, reasons};
			sw_out_row(out, row);
		}
	char total[32];
	snprintf(total, sizeof total, "%lld.%lld", a.total / 10, a.total % 10);
	sw_warn(_("met %d of %d open needs (%d resources and volunteers), total score %s"), met, m->ns,
		m->nv, total);
	sw_assignment_free(&a);
	return out && sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

/* 供需对接: a second market through rank's index and assign's solver. */
static int cmd_needs(int argc, char **argv)
{
	parse(argc, argv);
	no_operands(argc, argv);
	if (o.assign && !o.top_set)
		o.ro.top = 2;	/* each need's first pairs, as in assign */
	struct sw_store *s = sw_open_store(0);
	struct sw_market *m = sw_needs_market(s, o.on, o.per_volunteer);
	sw_store_close(s);
	if (!m)
		return SW_EXIT_FAIL;
	int rc = o.assign ? needs_assign(m) : needs_rank(m);
	sw_needs_free(m);
	return rc;
}

/* place's writes: the record through the import's rules. */
struct place {
	int n;
	const char *const *names, *const *vals;
	int outcome;		/* sw_import_record's, -1 before */
};

static int place_record(struct sw_store *s, void *arg)
{
	struct place *p = arg;
	p->outcome = sw_import_record(s, &sw_placements_table, p->n, p->names, p->vals);
	return p->outcome >= 0 && p->outcome != SW_REJECTED ? 0 : -1;
}

static int cmd_place(int argc, char **argv)
{
	parse(argc, argv);
	if (argc - optind != 2)
		sw_usage_fail(_("place: expected SEEKER VACANCY"));
	if (!o.stage || !o.date[0])
		sw_usage_fail(_("place: --stage and --date are required"));
	const char *names[] = {"seeker_id", "vacancy_id", "stage", "date", "worker_id"};
	const char *vals[] = {argv[optind], argv[optind + 1], o.stage, o.date, o.worker};
	struct place p = {o.worker ? 5 : 4, names, vals, -1};
	struct sw_store *s = sw_open_store(0);
	int rc = sw_store_transact(s, place_record, &p);
	sw_store_close(s);
	if (rc != 0)
		return p.outcome == SW_REJECTED ? SW_EXIT_REJECTED : SW_EXIT_FAIL;
	sw_warn(p.outcome == SW_UNCHANGED ? _("%s at %s: %s on %s (already recorded)") : _("%s at %s: %s on %s"),
		vals[0], vals[1], o.stage, o.date);
	return SW_EXIT_OK;
}

/* A listing of rows read here: each column's table column, whose Chinese
 * title and words it shows in a listing that speaks Chinese (NULL for a
 * figure, titled by its name, sw/labels.h), and the seekers' names masked
 * when masking(). */
struct listing {
	struct sw_out *out;
	int n, zh, mask;
	const struct sw_column *const *cols;
};

static const struct sw_column *column(const struct sw_table *t, const char *name)
{
	return &t->cols[sw_table_col(t, name)];
}

static int listing_open(struct listing *l, int n, const char *const *names, const char *types,
			const struct sw_column *const *cols)
{
	const char *titles[16];
	l->n = n;
	l->cols = cols;
	l->zh = sw_labels_zh(sw_fmt_resolve(sw_opt.fmt, sw_opt.output));
	l->mask = masking();
	for (int i = 0; i < n; i++)
		titles[i] = l->zh && cols[i] ? sw_column_label(cols[i], 1) : names[i];
	l->out = sw_out_open(sw_opt.output, sw_opt.fmt, n, titles, types);
	return l->out ? 0 : -1;
}

static void listing_row(struct listing *l, const char *const *vals)
{
	const char *v[16];
	char *own[16] = {NULL};
	const struct sw_column *name = column(&sw_seekers_table, "name");
	for (int i = 0; i < l->n; i++) {
		v[i] = vals[i];
		if (l->mask && l->cols[i] == name && v[i]) {
			size_t len = strlen(v[i]) + 8;
			sw_mask_name(v[i], own[i] = sw_xmalloc(len), len);
			v[i] = own[i];
		} else if (l->zh && l->cols[i] && (own[i] = sw_label_value(l->cols[i], v[i])))
			v[i] = own[i];
	}
	sw_out_row(l->out, v);
	for (int i = 0; i < l->n; i++)
		free(own[i]);
}

/* Writes rows worked out in lib/ (stats, due). */
static int listing_rows(const struct sw_match_rows *r, const struct sw_column *const *cols)
{
	struct listing l;
	if (listing_open(&l, r->ncols, r->names, r->types, cols) != 0)
		return SW_EXIT_FAIL;
	for (size_t i = 0; i < r->nrows; i++)
		listing_row(&l, (const char *const *)r->cells + i * (size_t)r->ncols);
	return sw_out_close(l.out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

static int cmd_placements(int argc, char **argv)
{
	parse(argc, argv);
	no_operands(argc, argv);
	static const char *const names[] = {"seeker_id", "name", "vacancy_id", "title", "employer",
					    "stage", "date", "worker_id", "station_code"};
	const struct sw_column *cols[] = {
		column(&sw_placements_table, "seeker_id"), column(&sw_seekers_table, "name"),
		column(&sw_placements_table, "vacancy_id"), column(&sw_vacancies_table, "title"), NULL,
		column(&sw_placements_table, "stage"), column(&sw_placements_table, "date"),
		column(&sw_placements_table, "worker_id"), column(&sw_seekers_table, "station_code")};
	struct sw_placement_filter f = {o.seeker, o.vacancy, o.stage, o.station, o.worker,
					o.from, o.to};
	struct sw_store *s = sw_open_store(0);
	struct sw_stmt *st = sw_placements_stmt(s, &f);
	struct listing l;
	int rc = listing_open(&l, 9, names, "ssssssdss", cols) == 0 ? SW_ROW : -1;
	const char *v[9];
	while (rc == SW_ROW && (rc = sw_stmt_step(st)) == SW_ROW) {
		for (int i = 0; i < 9; i++)
			v[i] = sw_stmt_text(st, i);
		listing_row(&l, v);
	}
	sw_stmt_finalize(st);
	sw_store_close(s);
	if (rc == SW_DONE)
		return sw_out_close(l.out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	sw_out_abort(l.out);
	return SW_EXIT_FAIL;
}

static int cmd_stats(int argc, char **argv)
{
	parse(argc, argv);
	no_operands(argc, argv);
	struct sw_store *s = sw_open_store(0);
	struct sw_match_rows r;
	int rc = sw_match_stats(s, o.on, o.from, o.to, &r);
	sw_store_close(s);
	if (rc != 0)
		return SW_EXIT_FAIL;
	static const struct sw_column *const cols[11];	/* figures, titled by name */
	rc = listing_rows(&r, cols);
	sw_match_rows_free(&r);
	return rc;
}

static int cmd_due(int argc, char **argv)
{
	parse(argc, argv);
	no_operands(argc, argv);
	const struct sw_column *cols[] = {
		column(&sw_placements_table, "seeker_id"), column(&sw_seekers_table, "name"),
		column(&sw_placements_table, "vacancy_id"), NULL, NULL, NULL, NULL, NULL,
		column(&sw_placements_table, "worker_id"), column(&sw_seekers_table, "station_code")};
	struct sw_store *s = sw_open_store(0);
	struct sw_match_rows r;
	int rc = sw_match_due(s, o.on, &r);
	sw_store_close(s);
	if (rc != 0)
		return SW_EXIT_FAIL;
	rc = listing_rows(&r, cols);
	sw_match_rows_free(&r);
	return rc;
}

/* What rank and assign share. */
static const char match_notes[] = N_(
	"match options: --on DATE  --weights skills=50,district=25,wage=15,education=10\n"
	"               --min-score N  --seekers FILE --vacancies FILE (no database)\n"
	"               --encoding E  --sheet NAME  --ignore-column NAME (of those files)");
#define MATCH_OPTS " on weights min-score seekers vacancies encoding sheet ignore-column" SW_O_OUT

static const struct sw_cmd cmds[] = {
	{"import", cmd_import, sw_usage_import, SW_O_IMPORT, NULL},
	{"add", cmd_add, sw_usage_add, "table dry-run", NULL},
	{"list", cmd_list,
	 N_("list [--table vacancies|employers|seekers|placements] [--station CODE]\n"
	    "[--mask | --no-mask] [COLUMN=VALUE | COLUMN=FROM..TO ...]"),
	 "table station mask no-mask" SW_O_OUT, NULL},
	{"rank", cmd_rank,
	 N_("rank [--top K] [--by seeker|vacancy] [--exhaustive] [--timing] [MATCH OPTIONS]"),
	 "top by exhaustive timing" MATCH_OPTS, match_notes},
	{"assign", cmd_assign, N_("assign [--timing] [MATCH OPTIONS]"), "timing" MATCH_OPTS,
	 match_notes},
	{"needs", cmd_needs,
	 N_("needs [--top K] [--assign [--per-volunteer N]] [--exhaustive] [--timing] [--on DATE]"),
	 "top assign per-volunteer exhaustive timing on" SW_O_OUT, NULL},
	{"place", cmd_place, N_("place SEEKER VACANCY --stage S --date D [--worker W]"),
	 "stage date worker", NULL},
	{"placements", cmd_placements,
	 N_("placements [--seeker S] [--vacancy V] [--stage S] [--station C]\n"
	    "[--worker W] [--from D] [--to D] [--mask | --no-mask]"),
	 "seeker vacancy stage station worker from to mask no-mask" SW_O_OUT, NULL},
	{"stats", cmd_stats, N_("stats [--from D] [--to D] [--on DATE]"), "from to on" SW_O_OUT, NULL},
	{"due", cmd_due, N_("due [--on DATE] [--mask | --no-mask]"), "on mask no-mask" SW_O_OUT, NULL},
	{"export", cmd_export, sw_usage_export, "table mask no-mask pseudonymize key-file at" SW_O_OUT,
	 NULL},
	{"template", cmd_template, N_("template [TABLE]"), "format output formats=csv|tsv|xlsx", NULL},
	{"vocab", cmd_vocab, sw_usage_vocab, SW_O_OUT, NULL},
	{NULL, NULL, NULL, NULL, NULL}};

int main(int argc, char **argv)
{
	sw_cli_init(argc, argv);
	sw_audit_init(argc, argv);
	sw_label_tables = tables;
	return sw_cli_dispatch(argc, argv, cmds);
}
