/* sw-case: service recipients, their cases, service records and the
 * station's group and community activities. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/approval.h"
#include "sw/audit.h"
#include "sw/case.h"
#include "sw/casework.h"
#include "sw/check.h"
#include "common.h"
#include "sw/db.h"
#include "sw/dupes.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/labels.h"
#include "sw/mask.h"
#include "sw/out.h"
#include "sw/station.h"
#include "sw/store.h"
#include "sw/valid.h"
#include "sw/vocab.h"

/* The main table first (import and add without --table); then in the
 * order a workbook's sheets are imported: what a row names comes first. */
static const struct sw_table *const tables[] = {
	&sw_clients_table, &sw_catalogue_table, &sw_cases_table, &sw_assessments_table,
	&sw_plans_table, &sw_goals_table, &sw_reviews_table, &sw_referrals_table, &sw_needs_table,
	&sw_services_table,
	&sw_activities_table, NULL
};

/* Options of sw-case's own subcommands. */
static struct {
	const char *station, *category, *status, *worker, *reason, *domain, *risk;
	const char *case_id, *type, *minutes, *note, *id, *key_file, *goals_left, *by, *comment, *head;
	int idle;
	char reg_from[11], reg_to[11], open_from[11], open_to[11];
	char on[11], at[11];
	int on_set, mask, no_mask, fix, verify, min_score;
} o;

enum { OPT_STATION = SW_OPT_LOCAL, OPT_CATEGORY, OPT_STATUS, OPT_WORKER, OPT_REGISTERED,
       OPT_OPENED, OPT_REASON, OPT_ON, OPT_DOMAIN, OPT_RISK, OPT_CASE, OPT_TYPE, OPT_MINUTES,
       OPT_NOTE, OPT_ID, OPT_MASK, OPT_NO_MASK, OPT_KEY_FILE, OPT_AT, OPT_FIX,
       OPT_VERIFY, OPT_MIN_SCORE, OPT_GOALS_LEFT, OPT_BY, OPT_COMMENT, OPT_IDLE, OPT_HEAD };

/* FROM..TO with either end optional. */
static void range_opt(const char *opt, const char *arg, char from[11], char to[11])
{
	const char *dots = strstr(arg, "..");
	char a[64];
	if (!dots)
		sw_usage_fail(_("--%s: expected FROM..TO"), opt);
	snprintf(a, sizeof a, "%.*s", (int)(dots - arg), arg);
	if (*a)
		sw_opt_date(opt, a, from);
	if (dots[2])
		sw_opt_date(opt, dots + 2, to);
}

static void parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		SW_LONGOPTS, SW_IMPORT_LONGOPTS,
		{"station", required_argument, NULL, OPT_STATION},
		{"category", required_argument, NULL, OPT_CATEGORY},
		{"status", required_argument, NULL, OPT_STATUS},
		{"worker", required_argument, NULL, OPT_WORKER},
		{"registered", required_argument, NULL, OPT_REGISTERED},
		{"opened", required_argument, NULL, OPT_OPENED},
		{"reason", required_argument, NULL, OPT_REASON},
		{"on", required_argument, NULL, OPT_ON},
		{"domain", required_argument, NULL, OPT_DOMAIN},
		{"risk", required_argument, NULL, OPT_RISK},
		{"case", required_argument, NULL, OPT_CASE},
		{"type", required_argument, NULL, OPT_TYPE},
		{"minutes", required_argument, NULL, OPT_MINUTES},
		{"note", required_argument, NULL, OPT_NOTE},
		{"id", required_argument, NULL, OPT_ID},
		{"mask", no_argument, NULL, OPT_MASK},
		{"no-mask", no_argument, NULL, OPT_NO_MASK},
		{"key-file", required_argument, NULL, OPT_KEY_FILE},
		{"at", required_argument, NULL, OPT_AT},
		{"fix", no_argument, NULL, OPT_FIX},
		{"verify", no_argument, NULL, OPT_VERIFY},
		{"min-score", required_argument, NULL, OPT_MIN_SCORE},
		{"goals-left", required_argument, NULL, OPT_GOALS_LEFT},
		{"by", required_argument, NULL, OPT_BY},
		{"comment", required_argument, NULL, OPT_COMMENT},
		{"idle", required_argument, NULL, OPT_IDLE},
		{"head", required_argument, NULL, OPT_HEAD},
		{0}};
	int c;
	sw_date_today(o.on);
	sw_date_today(o.at);
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1) {
		switch (c) {
		case SW_OPT_STATION:	/* import's, and the other subcommands' */
		case OPT_STATION: o.station = sw_opt.station = optarg; break;
		case OPT_CATEGORY: o.category = optarg; break;
		case OPT_STATUS: o.status = optarg; break;
		case OPT_WORKER: o.worker = optarg; break;
		case OPT_REGISTERED: range_opt("registered", optarg, o.reg_from, o.reg_to); break;
		case OPT_OPENED: range_opt("opened", optarg, o.open_from, o.open_to); break;
		case OPT_REASON: o.reason = optarg; break;
		case OPT_ON: sw_opt_date("on", optarg, o.on); o.on_set = 1; break;
		case OPT_DOMAIN: o.domain = optarg; break;
		case OPT_RISK: o.risk = optarg; break;
		case OPT_CASE: o.case_id = optarg; break;
		case OPT_TYPE: o.type = optarg; break;
		case OPT_MINUTES: o.minutes = optarg; break;
		case OPT_NOTE: o.note = optarg; break;
		case OPT_ID: o.id = optarg; break;
		case OPT_MASK: o.mask = 1; break;
		case OPT_NO_MASK: o.no_mask = 1; break;
		case OPT_KEY_FILE: o.key_file = optarg; break;
		case OPT_AT: sw_opt_date("at", optarg, o.at); break;
		case OPT_FIX: o.fix = 1; break;
		case OPT_VERIFY: o.verify = 1; break;
		case OPT_MIN_SCORE: o.min_score = atoi(optarg); break;
		case OPT_GOALS_LEFT: o.goals_left = optarg; break;
		case OPT_BY: o.by = optarg; break;
		case OPT_COMMENT: o.comment = optarg; break;
		case OPT_IDLE: {
			char *end;
			long d = strtol(optarg, &end, 10);
			if (*end || end == optarg || d < 1 || d > 3650)
				sw_opt_fail("idle", _("expected a number of days, 1 to 3650"));
			o.idle = (int)d;
			break;
		}
		case OPT_HEAD: o.head = optarg; break;
		default: sw_cli_common(c, optarg);
		}
	}
}

/* Parses and checks the operand count. */
static void parse_n(int argc, char **argv, int min, int max)
{
	parse(argc, argv);
	sw_cli_nargs(argc, min, max);
}

/* --mask, --no-mask, else masked on a terminal (sw_cli_masking). */
static int masking(void)
{
	return sw_cli_masking(o.mask ? 1 : o.no_mask ? 0 : -1);
}

static void release(void)
{
	sw_case_release();
}

static void finish(struct sw_store *s)
{
	release();
	sw_store_close(s);
}

/* Runs st into the chosen output, masked by m (NULL: none), and
 * finalizes it. Returns the exit status. */
static int emit(struct sw_stmt *st, const struct sw_out_masks *m)
{
	struct sw_out *out = sw_out_open_stmt(sw_opt.output, sw_opt.fmt, st, m);
	int rc = SW_EXIT_FAIL;
	if (out && sw_out_stmt(out, st) == SW_DONE)
		rc = sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	else
		sw_out_abort(out);
	sw_stmt_finalize(st);
	return rc;
}

static int cmd_import(int argc, char **argv) { return sw_run_import(argc, argv, tables); }
static int cmd_add(int argc, char **argv) { return sw_run_add(argc, argv, tables); }
static int cmd_vocab(int argc, char **argv) { return sw_run_vocab(argc, argv); }
static int cmd_template(int argc, char **argv) { return sw_run_template(argc, argv, tables); }
static int cmd_export(int argc, char **argv) { return sw_run_export(argc, argv, tables); }

/* list --table T for a table other than clients: the generic listing,
 * filtered by COLUMN=VALUE; the clients' own filters do not apply. */
static int list_table(const struct sw_table *t, int argc, char **argv)
{
	if (o.category || o.status || o.worker || o.reg_from[0] || o.reg_to[0] ||
	    o.open_from[0] || o.open_to[0])
		sw_usage_fail(_("list --table %s: --category, --status, --worker, --registered and --opened "
			 "list clients; filter with COLUMN=VALUE"), t->name);
	return sw_run_list(t, argc - optind, argv + optind, o.station, masking());
}

/* How list and show print a client: the age from the birth date at
 * --at; masked, the name, ID number and phone too (show leaves the address
 * out itself). Made here, not in SQL, alike on a server. */
static const struct sw_out_masks *client_masks(int mask)
{
	static const char *const names[] = {"age", "name", "id_number", "phone"};
	static const int hows[] = {SW_AGE, SW_MASK_NAME, SW_MASK_ID, SW_MASK_PHONE};
	static struct sw_out_masks m;
	m = (struct sw_out_masks){mask ? 4 : 1, names, hows, {.at = o.at}};
	return &m;
}

static int cmd_list(int argc, char **argv)
{
	parse(argc, argv);
	const struct sw_table *t = sw_opt.table ? sw_table_find(tables, sw_opt.table) : tables[0];
	if (!t)
		sw_usage_fail(_("--table: unknown table \"%s\" (expected clients, cases, services, activities)"),
			 sw_opt.table);
	if (t != &sw_clients_table || optind < argc)
		return list_table(t, argc, argv);
	const char *cat = sw_opt_vocab("category", "category", o.category);
	if (o.status && strcmp(o.status, "open") != 0 && strcmp(o.status, "closed") != 0)
		sw_usage_fail(_("--status: expected open or closed"));
	struct sw_store *s = sw_open_store(0);
	if (o.station)
		sw_station_need(s, o.station);
	struct sw_client_filter f = {o.station, cat, o.status, o.worker, o.reg_from, o.reg_to,
				     o.open_from, o.open_to};
	int rc = emit(sw_clients_stmt(s, &f), client_masks(masking()));
	sw_store_close(s);
	return rc;
}

static int cmd_show(int argc, char **argv)
{
	parse_n(argc, argv, 1, 1);
	const char *id = argv[optind];
	struct sw_store *s = sw_open_store(0);
	static const char *const keys[] = {"client", "cases", "timeline"};
	const char *titles[] = {_("Client"), _("Cases"), _("Timeline")};
	struct sw_stmt *sts[3];
	int found = sw_client_stmts(s, id, masking(), sts), rc = SW_EXIT_FAIL;
	if (found == 0) {
		sw_client_missing(id);
		rc = SW_EXIT_REJECTED;
	} else if (found > 0)
		rc = sw_out_show(sw_opt.output, sw_opt.fmt, 3, keys, titles, sts, client_masks(masking()));
	sw_store_close(s);
	return rc;
}

/* Looks up a client's station: 1, or 0 if there is no such client
 * (said), -1 on a failure (printed). */
static int client_station(struct sw_store *s, const char *id, char *out, size_t n)
{
	int found = sw_store_text(s, "SELECT station_code FROM clients WHERE client_id = ?1", 1, &id, out, n);
	if (found == 0)
		sw_client_missing(id);
	return found;
}

/* open and log: a record of t for a client through the import rules.
 * vals[0] is the key (made from prefix when NULL), vals[1] the client,
 * vals[2] the station (the client's when NULL). */
struct client_record {
	const struct sw_table *t;
	const char *prefix;
	int n;
	const char *const *names, *const *vals;
	char key[128];		/* the key stored */
	int status;
};

/* sw_store_transact's: the key made anew at each try (another writer may
 * have taken it). */
static int client_record_tx(struct sw_store *s, void *arg)
{
	struct client_record *r = arg;
	const char *vals[16];
	char station[64];
	memcpy(vals, r->vals, (size_t)r->n * sizeof *vals);
	int found = client_station(s, vals[1], station, sizeof station);
	r->status = found < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	if (found <= 0)
		return -1;
	if (!vals[0] && sw_case_new_id(s, r->t->name, r->names[0], r->prefix, r->key, sizeof r->key) != 0)
		return r->status = SW_EXIT_FAIL, -1;
	if (!vals[0])
		vals[0] = r->key;
	else
		snprintf(r->key, sizeof r->key, "%s", vals[0]);
	if (!vals[2])
		vals[2] = station;
	int k = sw_import_record(s, r->t, r->n, r->names, vals);
	r->status = k == SW_REJECTED ? SW_EXIT_REJECTED : k < 0 ? SW_EXIT_FAIL : SW_EXIT_OK;
	return r->status == SW_EXIT_OK ? 0 : -1;
}

/* Stores the record in its own transaction and prints its key. Returns
 * the exit status. */
static int client_record(const struct sw_table *t, const char *prefix, int n,
			 const char *const *names, const char *const *vals)
{
	struct sw_store *s = sw_open_store(0);
	struct client_record r = {t, prefix, n, names, vals, "", SW_EXIT_FAIL};
	if (sw_store_transact(s, client_record_tx, &r) == 0)
		printf("%s\n", r.key);
	else if (r.status == SW_EXIT_OK)
		r.status = SW_EXIT_FAIL;	/* the commit failed */
	finish(s);
	return r.status;
}

static int cmd_open(int argc, char **argv)
{
	parse_n(argc, argv, 1, 1);
	if (!o.domain)
		sw_usage_fail(_("open: --domain is required"));
	char prefix[100];
	snprintf(prefix, sizeof prefix, "%s-K", argv[optind]);
	const char *names[] = {"case_id", "client_id", "station_code", "domain", "opened_on",
			       "worker_id", "risk"};
	const char *vals[] = {o.case_id, argv[optind], o.station, o.domain, o.on,
			      o.worker ? o.worker : "", o.risk ? o.risk : ""};
	return client_record(&sw_cases_table, prefix, 7, names, vals);
}

/* close, reopen, merge, request, approve and reject: one edit (ops 'c',
 * 'r', 'm', 'q', 'a', 'j') in one transaction, kept only if it succeeds;
 * a request's id is printed once it is stored. */
struct edit {
	int op;
	const char *a, *b;
	char id[32];
	int status;
};

/* A closure where the station requires approval is refused. */
static int close_case(struct sw_store *s, const char *id)
{
	int need = sw_approval_required(s, id);
	if (need > 0)
		sw_error(_("%s: the station requires a supervisor's approval of closures: "
			 "sw-case request close %s --by WORKER --reason TEXT"), id, id);
	if (need != 0)
		return need < 0 ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	return sw_case_close(s, id, o.on, o.reason, o.goals_left);
}

static int edit_tx(struct sw_store *s, void *arg)
{
	struct edit *e = arg;
	const struct sw_request r = {e->a, e->b, o.by, o.on, o.reason, o.goals_left};
	switch (e->op) {
	case 'c': e->status = close_case(s, e->a); break;
	case 'r': e->status = sw_case_reopen(s, e->a); break;
	case 'm': e->status = sw_client_merge(s, e->a, e->b); break;
	case 'q': e->status = sw_request_new(s, &r, e->id, sizeof e->id); break;
	default: e->status = sw_request_decide(s, e->a, o.by, o.on, o.comment, e->op == 'a');
	}
	return e->status == SW_EXIT_OK ? 0 : -1;
}

static int edit(int op, const char *a, const char *b)
{
	struct sw_store *s = sw_open_store(0);
	struct edit e = {op, a, b, "", SW_EXIT_FAIL};
	if (sw_store_transact(s, edit_tx, &e) == 0) {
		if (op == 'q')
			printf("%s\n", e.id);
	} else if (e.status == SW_EXIT_OK)
		e.status = SW_EXIT_FAIL;	/* the commit failed */
	finish(s);
	return e.status;
}

static int cmd_close(int argc, char **argv)
{
	parse_n(argc, argv, 1, 1);
	if (!o.reason || !*o.reason)
		sw_usage_fail(_("close: --reason is required"));
	return edit('c', argv[optind], NULL);
}

static int cmd_request(int argc, char **argv)
{
	parse_n(argc, argv, 2, 2);
	const char *kind = argv[optind];
	if (strcmp(kind, "plan") != 0 && strcmp(kind, "close") != 0)
		sw_usage_fail(_("request: expected plan or close, not %s"), kind);
	if (!o.by || (strcmp(kind, "close") == 0 && (!o.reason || !*o.reason)))
		sw_usage_fail("%s", strcmp(kind, "close") == 0 ? _("request: --by is required, and --reason")
			      : _("request: --by is required"));
	return edit('q', kind, argv[optind + 1]);
}

static int decide(int argc, char **argv, int op)
{
	parse_n(argc, argv, 1, 1);
	if (!o.by || !o.comment || !*o.comment)
		sw_usage_fail(_("%s: --by and --comment are required"), argv[0]);
	return edit(op, argv[optind], NULL);
}

static int cmd_approve(int argc, char **argv) { return decide(argc, argv, 'a'); }
static int cmd_reject(int argc, char **argv) { return decide(argc, argv, 'j'); }

/* What needs a person, for the cron job that reminds workers: requests
 * awaiting a decision, goals due and still open, open cases without a
 * service for --idle days (30). */
static int cmd_due(int argc, char **argv)
{
	parse_n(argc, argv, 0, 0);
	char today[11], since[11];
	sw_date_today(today);
	sw_date_from_days(sw_date_days(today) - (o.idle ? o.idle : 30), since);
	struct sw_store *s = sw_open_store(0);
	int rc = emit(sw_due_stmt(s, today, since, o.station), NULL);
	finish(s);
	return rc;
}

static int cmd_reopen(int argc, char **argv)
{
	parse_n(argc, argv, 1, 1);
	return edit('r', argv[optind], NULL);
}

static int cmd_log(int argc, char **argv)
{
	parse_n(argc, argv, 1, 1);
	if (!o.type)
		sw_usage_fail(_("log: --type is required"));
	char prefix[32];
	snprintf(prefix, sizeof prefix, "S%.4s%.2s%.2s-", o.on, o.on + 5, o.on + 8);
	const char *names[] = {"service_id", "client_id", "station_code", "date", "type",
			       "case_id", "worker_id", "minutes", "note"};
	const char *vals[] = {o.id, argv[optind], o.station, o.on, o.type,
			      o.case_id ? o.case_id : "", o.worker ? o.worker : "",
			      o.minutes ? o.minutes : "", o.note ? o.note : ""};
	return client_record(&sw_services_table, prefix, 9, names, vals);
}

static int rules(struct sw_store *s, const struct sw_table *t, const char **v, char *buf, char *why,
		 size_t whylen)
{
	if (t == &sw_clients_table)
		return sw_client_rules(s, v, buf, why, whylen);
	if (t == &sw_cases_table)
		return sw_case_rules(v, why, whylen);
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	parse_n(argc, argv, 1, 1);
	if (o.fix && !sw_opt.output)
		sw_usage_fail(_("check: --fix needs -o OUT"));
	if (!o.fix && sw_opt.output)
		sw_usage_fail(_("check: -o is only for --fix"));
	struct sw_input_opts in;
	sw_cli_input_opts(&in);
	/* The local vocabulary and the references, if there is a database;
	 * nothing is written. */
	struct sw_store *s = sw_store_is_server(sw_opt.db) || access(sw_opt.db, F_OK) == 0
		? sw_store_open(sw_opt.db, SW_STORE_READONLY) : NULL;
	if (s)
		sw_vocab_load(s);
	int rc = sw_check_file(tables, argv[optind], &in, s, o.fix ? sw_opt.output : NULL,
				sw_opt.out_enc, rules);
	sw_store_close(s);
	return rc;
}

static int dupe_row(void *out, const struct sw_dupe *d)
{
	char score[16];
	snprintf(score, sizeof score, "%d", d->score);
	const char *v[] = {d->client_a, d->client_b, score, d->reasons};
	sw_out_row(out, v);
	return 0;
}

static int cmd_dupes(int argc, char **argv)
{
	parse_n(argc, argv, 0, 0);
	static const char *const names[] = {"client_a", "client_b", "score", "reasons"};
	struct sw_store *s = sw_open_store(0);
	struct sw_out *out = sw_out_open(sw_opt.output, sw_opt.fmt, 4, names, "ssns");
	int rc = out ? sw_dupes_find(s, o.min_score, dupe_row, out) : -1;
	if (rc != 0)
		sw_out_abort(out);
	sw_store_close(s);
	return rc == 0 && sw_out_close(out) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

static int cmd_merge(int argc, char **argv)
{
	parse_n(argc, argv, 2, 2);
	return edit('m', argv[optind], argv[optind + 1]);
}

/* The trail, oldest first, as the view audit shows it (a server's to its
 * owner only: a person's role reads none of it). */
static int list_audit(struct sw_store *s)
{
	return sw_out_query(sw_opt.output, sw_opt.fmt, sw_store_prep(s, "SELECT seq, at, user, action, tbl,"
								     " row_key, detail, command FROM audit ORDER BY seq"));
}

static int cmd_audit(int argc, char **argv)
{
	parse_n(argc, argv, 0, 0);
	if (o.head && !o.verify)
		sw_usage_fail(_("audit: --head goes with --verify"));
	struct sw_store *s = sw_open_store(0);
	int rc;
	if (o.verify) {
		struct sw_audit_check c = {.head = o.head, .key_file = o.key_file};
		int bad = sw_audit_verify(s, &c);
		if (!bad)
			printf(c.entries ? _("%ld entries verified, head %s\n") : _("%ld entries verified\n"),
			       c.entries, c.last);
		rc = bad < 0 ? SW_EXIT_FAIL : bad ? SW_EXIT_REJECTED : SW_EXIT_OK;
	} else
		rc = list_audit(s);
	release();
	sw_store_close(s);
	return rc;
}

/* The IDs confirm-id stores (as typed), read before its transaction. */
struct ids {
	char **id;
	size_t n, cap;
};

static int confirm_tx(struct sw_store *s, void *arg)
{
	struct ids *l = arg;
	char why[256];
	for (size_t i = 0; i < l->n; i++)
		if (sw_id_confirm(s, l->id[i], why, sizeof why) != 0)
			return -1;	/* a database failure: the IDs were checked */
	return 0;
}

/* IDs checked on the card that really end in 000, one per line from FILE
 * or stdin (never the command line, which shells keep in history). Bad
 * lines are reported by number and the rest stored, as import does. */
static int cmd_confirm_id(int argc, char **argv)
{
	parse_n(argc, argv, 0, 1);
	const char *path = optind < argc ? argv[optind] : "-";
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!fp) {
		sw_error("%s: %s", path, strerror(errno));
		return SW_EXIT_FAIL;
	}
	struct sw_store *s = sw_open_store(0);
	struct ids l = {0};
	char line[256], why[256];
	long n = 0, bad = 0;
	while (fgets(line, sizeof line, fp)) {
		n++;
		line[strcspn(line, "\r\n")] = 0;
		if (!*line)
			continue;
		if (sw_id_confirm(NULL, line, why, sizeof why) != 0) {
			sw_error_at(path, n, _("id_number: %s"), why);
			bad++;
			continue;
		}
		if (l.n == l.cap)
			l.id = sw_xrealloc(l.id, (l.cap = l.cap * 2 + 16) * sizeof *l.id);
		l.id[l.n++] = sw_xstrdup(line);
	}
	int rc = SW_EXIT_FAIL;
	if (!ferror(fp) && sw_store_transact(s, confirm_tx, &l) == 0)
		rc = bad ? SW_EXIT_REJECTED : SW_EXIT_OK;
	if (fp != stdin)
		fclose(fp);
	for (size_t i = 0; i < l.n; i++)
		free(l.id[i]);
	free(l.id);
	finish(s);
	return rc;
}

static const struct sw_cmd cmds[] = {
	{"import", cmd_import, sw_usage_import, SW_O_IMPORT, NULL},
	{"add", cmd_add, sw_usage_add, "table dry-run", NULL},
	{"list", cmd_list,
	 N_("list [--station CODE] [--category C] [--status open|closed]\n"
	    "[--worker ID] [--registered FROM..TO] [--opened FROM..TO]\n"
	    "list --table T [--station CODE] [--mask | --no-mask]\n"
	    "[COLUMN=VALUE | COLUMN=FROM..TO ...]"),
	 "station category status worker registered opened table mask no-mask" SW_O_OUT, NULL},
	{"show", cmd_show, N_("show [--at DATE] [--mask | --no-mask] CLIENT"),
	 "at mask no-mask" SW_O_OUT, NULL},
	{"open", cmd_open,
	 N_("open CLIENT --domain D [--case ID] [--on DATE] [--worker ID]\n"
	    "[--risk R] [--station CODE]"),
	 "domain case on worker risk station", NULL},
	{"close", cmd_close, N_("close CASE --reason TEXT [--on DATE] [--goals-left TEXT]"),
	 "reason on goals-left", NULL},
	{"reopen", cmd_reopen, N_("reopen CASE"), "", NULL},
	{"request", cmd_request,
	 N_("request plan|close CASE --by WORKER [--reason TEXT] [--on DATE]\n"
	    "[--goals-left TEXT]"),
	 "by reason on goals-left", NULL},
	{"approve", cmd_approve, N_("approve REQUEST --by WORKER --comment TEXT [--on DATE]"),
	 "by comment on", NULL},
	{"reject", cmd_reject, N_("reject REQUEST --by WORKER --comment TEXT [--on DATE]"),
	 "by comment on", NULL},
	{"due", cmd_due, N_("due [--idle DAYS] [--station CODE]"), "idle station" SW_O_OUT, NULL},
	{"log", cmd_log,
	 N_("log CLIENT --type T [--case ID] [--on DATE] [--minutes N]\n"
	    "[--worker ID] [--note TEXT] [--id ID] [--station CODE]"),
	 "type case on minutes worker note id station", NULL},
	{"export", cmd_export, sw_usage_export, "table mask no-mask pseudonymize key-file at" SW_O_OUT,
	 NULL},
	{"check", cmd_check,
	 N_("check [--table T] [--encoding E] [--sheet NAME] [--station CODE]\n"
	    "[--ignore-column NAME] [--fix -o OUT] FILE"),
	 "table fix output output-encoding" SW_O_INPUT, NULL},
	{"dupes", cmd_dupes, N_("dupes [--min-score N]"), "min-score" SW_O_OUT, NULL},
	{"merge", cmd_merge, N_("merge KEEP DROP"), "", NULL},
	{"confirm-id", cmd_confirm_id, N_("confirm-id [FILE]"), "", NULL},
	{"audit", cmd_audit, N_("audit [--verify [--head HASH] [--key-file F]]"),
	 "verify head key-file" SW_O_OUT, NULL},
	{"template", cmd_template, N_("template [TABLE]"), "format output formats=csv|tsv|xlsx", NULL},
	{"vocab", cmd_vocab, sw_usage_vocab, SW_O_OUT, NULL},
	{NULL, NULL, NULL, NULL, NULL}};

int main(int argc, char **argv)
{
	sw_cli_init(argc, argv);
	sw_audit_init(argc, argv);
	sw_label_tables = tables;
	sw_subcmd_release = release;
	/* No hook looks clients or services up by their secondary indexes. */
	sw_import_bulk(&sw_clients_table);
	sw_import_bulk(&sw_services_table);
	sw_import_bulk(&sw_activities_table);
	/* the subcommands that run on a server (sw/store.h) */
	return sw_cli_dispatch(argc, argv, cmds);
}
