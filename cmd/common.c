/* The command line and the subcommands all programs share (common.h). */
#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "sw/cell.h"
#include "sw/db.h"
#include "sw/enc.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/import.h"
#include "sw/input.h"
#include "sw/labels.h"
#include "sw/layout.h"
#include "sw/mask.h"
#include "sw/out.h"
#include "sw/station.h"
#include "sw/store.h"
#include "sw/template.h"
#include "sw/valid.h"
#include "sw/vocab.h"

struct sw_opts sw_opt;

/* --lang, wherever it stands, before anything is said: a usage error or
 * --help earlier on the line speaks the language asked for. */
static const char *lang_arg(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

void sw_cli_init(int argc, char **argv)
{
	const char *argv0 = argc > 0 ? argv[0] : NULL;
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
	sw_progname = slash ? slash + 1 : argv0 ? argv0 : "sw";
	const char *db = getenv("SW_DB");
	sw_opt.db = db && *db ? db : "sw.db";
	sw_opt.fmt = SW_FMT_AUTO;
	sw_opt.out_enc = -1;
	const char *lang = lang_arg(argc, argv);
	sw_i18n_init(lang && (strcmp(lang, "zh") == 0 || strcmp(lang, "en") == 0) ? lang : NULL);
	sw_opt.zh = sw_i18n_zh();
	/* Outputs run to hundreds of thousands of rows: into a file or a
	 * pipe in 64 KiB writes rather than 4 KiB (a terminal keeps lines). */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, SW_OUT_BUFSIZ);
	/* Past a file-size limit (ulimit -f), write(2) fails with EFBIG and
	 * is handled as a full disk, instead of the signal killing us with
	 * half a command done. */
	signal(SIGXFSZ, SIG_IGN);
}

void sw_cli_input_opts(struct sw_input_opts *o)
{
	*o = (struct sw_input_opts){sw_opt.encoding, sw_opt.table, sw_opt.sheets, sw_opt.nsheets,
				    sw_opt.station, sw_opt.ignore, sw_opt.nignore};
}

void sw_cli_version(void)
{
	printf("%s (sw-tools) %s\n", sw_progname, SW_VERSION);
	exit(sw_cli_finish(0));
}

/* A repeatable option's value added to list (at most max of them). */
static void repeat(const char *opt, const char **list, int *n, int max, const char *arg)
{
	if (*n == max)
		sw_usage_fail(_("--%s: at most %d"), opt, max);
	list[(*n)++] = arg;
}

static const struct sw_cmd *all, *cur;	/* the program's subcommands, the one running */
const char *sw_cli_formats = "csv|tsv|json|jsonl|table|md|xlsx";

const char sw_usage_import[] = N_(
	"import [--table T] [--dry-run] [--strict] [--rejects F]\n"
	"[--encoding E] [--sheet NAME] [--station CODE]\n"
	"[--ignore-column NAME] [FILE...]");
const char sw_usage_add[] = N_("add [--table T] [--dry-run] COLUMN=VALUE...");
const char sw_usage_export[] = N_("export [--table T] [--mask | --no-mask]\n"
				  "[--pseudonymize [--key-file F]] [--at DATE]");
const char sw_usage_vocab[] = N_("vocab list [VOCAB] | add VOCAB ALIAS KEY | rm VOCAB ALIAS");

/* Columns s takes on a terminal: two for each character from U+1000 on
 * (what usage text holds of them is Chinese), one for the others. */
static int width(const char *s)
{
	int w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			w += *p >= 0xE1 ? 2 : 1;
	return w;
}

/* c's usage lines, the first after "usage: " when lead (else blanks as
 * wide): each form as "PROG LINE", a continuation under its options. */
static void print_usage(const struct sw_cmd *c, int lead)
{
	const char *u = _(c->usage), *word = _("usage: ");
	int lw = width(word), n = (int)strlen(c->name);
	for (int first = lead; *u; first = 0) {
		int len = (int)strcspn(u, "\n");
		if (strncmp(u, c->name, n) == 0 && (u[n] == ' ' || u[n] == '\n' || !u[n]))
			printf("%s%*s%s ", first ? word : "", first ? 0 : lw, "", sw_progname);
		else
			printf("%*s", lw + (int)strlen(sw_progname) + 1 + n + 1, "");
		printf("%.*s\n", len, u);
		u += len + (u[len] == '\n');
	}
}

/* Whether list (space-separated names) holds name. */
static int takes(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *(p += strspn(p, " ")); p += strcspn(p, " "))
		if (strncmp(p, name, n) == 0 && (p[n] == ' ' || !p[n]))
			return 1;
	return 0;
}

/* --help: the usage of the subcommand running, or of them all, then the
 * notes and the options they share; exits 0. */
static _Noreturn void help(void)
{
	const struct sw_cmd *from = cur ? cur : all;
	for (const struct sw_cmd *c = from; c->name && (c == from || !cur); c++)
		print_usage(c, c == from);
	for (const struct sw_cmd *c = from; c->name && (c == from || !cur); c++) {
		int seen = 0;
		for (const struct sw_cmd *d = from; d < c && !seen; d++)
			seen = d->notes == c->notes;
		if (c->notes && !seen)
			printf("%s\n", _(c->notes));
	}
	printf(_("common options: --db FILE  -q  --lang zh|en  -h  -V\n"));
	const char *o = cur ? cur->opts : SW_O_OUT;
	char out[256] = "";
	if (takes(o, "format"))
		snprintf(out, sizeof out, "  -f %s", sw_cli_formats);
	if (takes(o, "output"))
		snprintf(out + strlen(out), sizeof out - strlen(out), "  %s", _("-o FILE"));
	if (takes(o, "raw"))
		snprintf(out + strlen(out), sizeof out - strlen(out), "  --raw");
	if (*out)
		printf(_("output options: %s\n"), out + 2);
	exit(sw_cli_finish(0));
}

void sw_usage(void)
{
	if (cur)
		fprintf(stderr, _("Try '%s %s --help'.\n"), sw_progname, cur->name);
	else
		fprintf(stderr, _("Try '%s --help'.\n"), sw_progname);
	exit(SW_EXIT_USAGE);
}

void sw_usage_fail(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	sw_error("%s", msg);
	sw_usage();
}

void sw_cli_nargs(int argc, int min, int max)
{
	if (argc - optind < min || argc - optind > max)
		sw_usage_fail(_("%s: wrong number of arguments"), cur ? cur->name : sw_progname);
}

/* What getopt_long refused (opterr is off): an unknown long option
 * (optopt 0, at optind - 1), a known one without its value or with one it
 * does not take, or a short option optopt unknown or without its value. */
static _Noreturn void bad_option(char **argv, const struct option *longopts)
{
	const char *a = argv[optind - 1], *sub = cur ? cur->name : sw_progname;
	int n = (int)strcspn(a, "=");
	const struct option *l = longopts;
	while (l->name && l->val != optopt)
		l++;
	if (!optopt)
		sw_usage_fail(_("%s: unknown option %.*s"), sub, n, a);
	if (optopt >= 0x100 || (l->name && strncmp(a, "--", 2) == 0 &&
				strncmp(a + 2, l->name, strlen(l->name)) == 0)) {
		if (a[n])
			sw_usage_fail(_("%s: %.*s takes no value"), sub, n, a);
		sw_usage_fail(_("%s: %s needs a value"), sub, a);
	}
	if (!strchr(SW_SHORTOPTS, optopt))
		sw_usage_fail(_("%s: unknown option -%c"), sub, optopt);
	sw_usage_fail(_("%s: -%c needs a value"), sub, optopt);
}

int sw_cli_getopt(int argc, char **argv, const struct option *longopts)
{
	int i = -1;
	opterr = 0;
	int c = getopt_long(argc, argv, SW_SHORTOPTS, longopts, &i);
	if (c == '?')
		bad_option(argv, longopts);
	if (c == -1)
		return c;
	/* the element that held a long option: "--name=V", or "--name" before
	 * V; "--key" is not taken for "--key-file" (a secret's file, or an
	 * option added later, must not be guessed) */
	const char *a = argv[optind - 1];
	if (i >= 0 && optarg && a == optarg && optind >= 2)
		a = argv[optind - 2];
	size_t n = i >= 0 ? strlen(longopts[i].name) : 0;
	if (i >= 0 && (strncmp(a + 2, longopts[i].name, n) != 0 || (a[2 + n] && a[2 + n] != '=')))
		sw_usage_fail(_("%.*s: write the option's whole name (--%s)"), (int)strcspn(a, "="), a,
			      longopts[i].name);
	/* the options of the subcommand: the common ones and its own */
	const char *name = i >= 0 ? longopts[i].name : NULL;
	for (const struct option *l = longopts; !name && l->name; l++)
		if (l->val == c)
			name = l->name;
	if (cur && name && !takes("db quiet lang help version", name) && !takes(cur->opts, name)) {
		if (i >= 0)
			sw_usage_fail(_("%s does not take --%s"), cur->name, name);
		sw_usage_fail(_("%s does not take -%c"), cur->name, c);
	}
	return c;
}

/* JSON is UTF-8 by its standard (RFC 8259): -f json and another
 * --output-encoding, in either order, is a usage error. */
static void json_utf8(void)
{
	if ((sw_opt.fmt == SW_FMT_JSON || sw_opt.fmt == SW_FMT_JSONL) && sw_opt.out_enc > SW_ENC_UTF8)
		sw_usage_fail(_("--output-encoding: JSON is always UTF-8"));
}

void sw_cli_common(int c, const char *arg)
{
	switch (c) {
	case 'h': help();
	case 'V': sw_cli_version(); break;
	case 'q': sw_quiet = 1; break;
	case 'o': sw_opt.output = arg; break;
	case SW_OPT_DB: sw_opt.db = arg; break;
	case SW_OPT_ENCODING:
		if (strcasecmp(arg, "utf-8") != 0 && strcasecmp(arg, "utf8") != 0 &&
		    strcasecmp(arg, "gb18030") != 0 && strcasecmp(arg, "gbk") != 0 &&
		    strcasecmp(arg, "gb2312") != 0 && strcasecmp(arg, "utf-16") != 0 &&
		    strcasecmp(arg, "utf-16le") != 0)
			sw_usage_fail(_("--encoding: unknown encoding \"%s\" (expected utf-8, gb18030, utf-16)"), arg);
		sw_opt.encoding = arg;
		break;
	case SW_OPT_OUT_ENC:
		if ((sw_opt.out_enc = sw_enc_parse(arg)) < 0)
			sw_usage_fail(_("--output-encoding: unknown encoding \"%s\" (expected utf-8, utf-8-bom, gb18030)"),
				      arg);
		sw_out_encoding = sw_opt.out_enc;
		json_utf8();
		break;
	case SW_OPT_LABELS:
		if ((sw_labels = sw_labels_parse(arg)) < 0)
			sw_usage_fail(_("--labels: expected zh or en"));
		break;
	case SW_OPT_TABLE: sw_opt.table = arg; break;
	case SW_OPT_SHEET:
		repeat("sheet", sw_opt.sheets, &sw_opt.nsheets,
		       (int)(sizeof sw_opt.sheets / sizeof sw_opt.sheets[0]), arg);
		break;
	case SW_OPT_STATION: sw_opt.station = arg; break;
	case SW_OPT_IGNORE:
		repeat("ignore-column", sw_opt.ignore, &sw_opt.nignore,
		       (int)(sizeof sw_opt.ignore / sizeof sw_opt.ignore[0]), arg);
		break;
	case SW_OPT_REJECTS: sw_opt.rejects = arg; break;
	case SW_OPT_DRY_RUN: sw_opt.dry_run = 1; break;
	case SW_OPT_RAW: sw_cell_raw = 1; break;
	case SW_OPT_STRICT: sw_opt.strict = 1; break;
	case 'f':
		if ((sw_opt.fmt = sw_fmt_parse(arg)) < 0)
			sw_usage_fail(_("-f: unknown format \"%s\" (expected csv, tsv, json, jsonl, table, md, xlsx)"), arg);
		json_utf8();
		break;
	case SW_OPT_LANG:
		if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0)
			sw_usage_fail(_("--lang: expected zh or en"));
		sw_i18n_init(arg);
		sw_opt.zh = sw_i18n_zh();
		break;
	default:	/* an option in longopts that nothing handles */
		sw_usage_fail(_("%s: option not handled"), cur ? cur->name : sw_progname);
	}
}

/* The subcommand named sub, or NULL. */
static const struct sw_cmd *find(const char *sub)
{
	for (const struct sw_cmd *c = all; c->name; c++)
		if (strcmp(c->name, sub) == 0)
			return c;
	return NULL;
}

int sw_cli_dispatch(int argc, char **argv, const struct sw_cmd *cmds)
{
	all = cmds;
	if (argc < 2)
		sw_usage_fail(_("missing subcommand"));
	const char *sub = argv[1];
	int ask = strcmp(sub, "help") == 0 && argc > 2;	/* help SUB: SUB --help */
	if (ask)
		sub = argv[2];
	else if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0 || strcmp(sub, "help") == 0)
		help();
	if (strcmp(sub, "-V") == 0 || strcmp(sub, "--version") == 0)
		sw_cli_version();
	if (!(cur = find(sub)))
		sw_usage_fail(_("unknown subcommand \"%s\""), sub);
	if (ask)
		help();
	optind = 1;
	return sw_cli_finish(cur->run(argc - 1, argv + 1));
}

void sw_opt_fail(const char *opt, const char *why)
{
	sw_usage_fail("--%s: %s", opt, why);
}

void sw_opt_date(const char *opt, const char *arg, char out[11])
{
	char why[128];
	if (sw_date_parse(arg, out, why, sizeof why) != 0)
		sw_opt_fail(opt, why);
}

void sw_opt_month(const char *opt, const char *arg, char out[8])
{
	char why[128];
	if (sw_month_parse(arg, out, why, sizeof why) != 0)
		sw_opt_fail(opt, why);
}

/* The local words of the database, for an option read before the command
 * opens it (list --category 困境家庭, --level 镇级站); sw_vocab_load does
 * nothing when the command loads the same database again. No file:
 * built-ins. */
static void load_local_words(void)
{
	if (!sw_store_is_server(sw_opt.db) && access(sw_opt.db, F_OK) != 0)
		return;
	struct sw_store *s = sw_store_open(sw_opt.db, SW_STORE_READONLY);
	if (!s)	/* said; the command would fail to open it next */
		exit(SW_EXIT_FAIL);
	sw_vocab_load(s);
	sw_store_close(s);
}

const char *sw_opt_vocab(const char *opt, const char *vocab, const char *value)
{
	/* Normalised like an imported value, so the message reads the same. */
	const struct sw_column c = {opt, NULL, SW_T_VOCAB, vocab, 0, 0, 0, NULL, NULL};
	char key[64], why[512];
	if (!value)
		return NULL;
	load_local_words();
	if (sw_column_norm(&c, value, key, sizeof key, why, sizeof why) != 0)
		sw_opt_fail(opt, why);
	return sw_vocab_lookup(vocab, key);
}

void (*sw_subcmd_release)(void);

/* Lets a program's table hooks finalize their statements, then closes. */
static void close_store(struct sw_store *s)
{
	if (sw_subcmd_release)
		sw_subcmd_release();
	sw_store_close(s);
}

struct sw_store *sw_open_store(int create)
{
	struct sw_store *s = sw_store_open(sw_opt.db, create ? SW_STORE_CREATE : 0);
	if (!s || sw_vocab_load(s) != 0)
		exit(SW_EXIT_FAIL);
	return s;
}

sqlite3 *sw_open(int create)
{
	return sw_store_sqlite(sw_open_store(create));
}

void sw_getopt_plain(int argc, char **argv)
{
	static const struct option longopts[] = {SW_LONGOPTS, {0}};
	int c;
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1)
		sw_cli_common(c, optarg);
}

/* Parses the shared and import options; returns the --table (or the
 * program's main table), exiting with a usage error if it is unknown. */
static const struct sw_table *import_opts(int argc, char **argv,
					  const struct sw_table *const *tables)
{
	static const struct option longopts[] = {SW_LONGOPTS, SW_IMPORT_LONGOPTS, {0}};
	int c;
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1)
		sw_cli_common(c, optarg);
	const struct sw_table *t = sw_opt.table ? sw_table_find(tables, sw_opt.table) : tables[0];
	if (!t)
		sw_usage_fail(_("--table: unknown table \"%s\""), sw_opt.table);
	return t;
}

int sw_run_import(int argc, char **argv, const struct sw_table *const *tables)
{
	import_opts(argc, argv, tables);
	struct sw_import_opts o = {.rejects = sw_opt.rejects, .rejects_enc = sw_opt.out_enc,
				   .dry_run = sw_opt.dry_run, .strict = sw_opt.strict};
	sw_cli_input_opts(&o.in);
	struct sw_store *s = sw_open_store(1);
	int rc = sw_import_files(s, tables, argv + optind, &o);
	close_store(s);
	return rc;
}

/* Column i of t by its English name, or -1. */
static int col_named(const struct sw_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return i;
	return -1;
}

/* add with a few columns: when the record the key columns name is stored,
 * its other columns are added to names/vals (from *n pairs up) with their
 * stored values, so that only the named ones change. 1 if it was stored;
 * 0 if not (an insert); -1 after saying why if not, and a required column
 * is missing, so it can neither update nor insert; -2 after a failure of
 * the store (said). */
static int add_stored(struct sw_store *s, const struct sw_table *t, int *n, char ***names,
		      const char ***vals)
{
	int given[64] = {0}, found = 0, k = 0, whole = 1, rc = SW_DONE;
	char key[4][128], why[512];
	for (int i = 0; i < *n; i++) {
		int c = sw_header_col(t, (*names)[i]);
		if (c >= 0 && c < 64)
			given[c] = i + 1;
	}
	sqlite3_str *q = sqlite3_str_new(NULL), *w = sqlite3_str_new(NULL);
	for (int c = 0; c < t->ncols; c++) {
		sqlite3_str_appendf(q, "%s\"%w\"", c ? "," : "SELECT ", t->cols[c].name);
		if (!(t->cols[c].flags & SW_C_KEY))
			continue;
		if (!given[c] || k == 4 || sw_column_norm(&t->cols[c], (*vals)[given[c] - 1], key[k],
							  sizeof key[k], why, sizeof why) != 0)
			whole = 0;
		else
			sqlite3_str_appendf(w, " AND \"%w\" = ?%d", t->cols[c].name, ++k);
	}
	char *cond = sqlite3_str_finish(w);
	sqlite3_str_appendf(q, " FROM \"%w\" WHERE 1 = 1%s", t->name, cond ? cond : "");
	sqlite3_free(cond);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = whole ? sw_store_prep(s, sql) : NULL;
	sqlite3_free(sql);
	for (int i = 0; st && i < k; i++)
		sw_stmt_bind_text(st, i + 1, key[i]);
	if (st && (found = (rc = sw_stmt_step(st)) == SW_ROW)) {
		*names = sw_xrealloc(*names, (size_t)(*n + t->ncols) * sizeof **names);
		*vals = sw_xrealloc(*vals, (size_t)(*n + t->ncols) * sizeof **vals);
		for (int c = 0; c < t->ncols; c++) {
			const char *v = sw_stmt_text(st, c);
			if (given[c] || !v)
				continue;
			(*names)[*n] = sw_xstrdup(t->cols[c].name);
			(*vals)[(*n)++] = sw_xstrdup(v);
		}
	}
	sw_stmt_finalize(st);
	if (rc < 0)
		return -2;
	if (found || !whole)
		return found;
	sqlite3_str *miss = sqlite3_str_new(NULL);
	for (int c = 0; c < t->ncols; c++)
		if ((t->cols[c].flags & SW_C_REQUIRED) && !given[c] &&
		    !(strcmp(t->cols[c].name, "station_code") == 0 && sw_opt.station))
			sqlite3_str_appendf(miss, "%s%s", sqlite3_str_length(miss) ? ", " : "", t->cols[c].name);
	char *m = sqlite3_str_finish(miss);
	if (m)
		sw_error(_("add: no such record in %s to update; a new one needs %s too"), t->name, m);
	sqlite3_free(m);
	return m ? -1 : 0;
}

/* One try of add's transaction (sw_store_transact): the stored record's
 * other columns, then the record through the import rules. */
struct adding {
	const struct sw_table *t;
	int n, given;		/* pairs, those given on the command line */
	char **names;
	const char **vals;
	int status;
};

/* Forgets the stored values a try before added. */
static void add_forget(struct adding *a)
{
	for (int i = a->given; i < a->n; i++) {
		free(a->names[i]);
		free((char *)a->vals[i]);
	}
	a->n = a->given;
}

static int add_try(struct sw_store *s, void *arg)
{
	struct adding *a = arg;
	add_forget(a);
	a->status = SW_EXIT_FAIL;
	int stored = add_stored(s, a->t, &a->n, &a->names, &a->vals);
	if (stored == -1)
		a->status = SW_EXIT_REJECTED;
	if (stored < 0)
		return -1;
	int o = sw_import_record(s, a->t, a->n, (const char *const *)a->names, a->vals);
	if (o == SW_REJECTED)
		a->status = SW_EXIT_REJECTED;
	if (o < 0 || o == SW_REJECTED)
		return -1;
	a->status = SW_EXIT_OK;
	return sw_opt.dry_run ? -1 : 0;
}

int sw_run_add(int argc, char **argv, const struct sw_table *const *tables)
{
	const struct sw_table *t = import_opts(argc, argv, tables);
	int n = argc - optind;
	if (n < 1)
		sw_usage_fail(_("add: give COLUMN=VALUE pairs"));
	char **names = sw_xcalloc((size_t)n, sizeof *names);
	const char **vals = sw_xcalloc((size_t)n, sizeof *vals);
	for (int i = 0; i < n; i++) {
		char *a = argv[optind + i], *eq = strchr(a, '=');
		if (!eq) {
			if (t->personal)	/* it may be a value */
				sw_usage_fail(_("add: argument %d is not COLUMN=VALUE"), i + 1);
			sw_usage_fail(_("add: \"%s\" is not COLUMN=VALUE"), a);
		}
		names[i] = sw_xstrdup(a);
		names[i][eq - a] = 0;
		vals[i] = eq + 1;
	}
	/* The audit trail records the command line (sw_audit_init keeps the
	 * program's argv, of which this argv is the tail): personal values are
	 * masked there as on a screen, by showing it masked copies meanwhile. */
	char **orig = sw_xcalloc((size_t)n, sizeof *orig);
	for (int i = 0; i < n; i++) {
		int c = t->personal ? sw_header_col(t, names[i]) : -1;
		orig[i] = argv[optind + i];
		if (c < 0)
			continue;
		char m[512];
		sw_mask_value(&t->cols[c], vals[i], m, sizeof m);
		argv[optind + i] = sw_xcalloc(strlen(names[i]) + strlen(m) + 2, 1);
		sprintf(argv[optind + i], "%s=%s", names[i], m);
	}
	struct sw_store *s = sw_open_store(1);
	struct adding a = {t, n, n, names, vals, SW_EXIT_FAIL};
	int rc = sw_store_transact(s, add_try, &a);
	if (rc != 0 && a.status == SW_EXIT_OK && !sw_opt.dry_run)
		a.status = SW_EXIT_FAIL;	/* the commit failed (said) */
	add_forget(&a);
	for (int i = 0; i < n; i++)
		free(a.names[i]);
	free(a.names);
	free(a.vals);
	close_store(s);
	for (int i = 0; i < n; i++)
		if (argv[optind + i] != orig[i]) {
			free(argv[optind + i]);
			argv[optind + i] = orig[i];
		}
	free(orig);
	return a.status;
}

/* t's key columns, for ORDER BY: listings and exports in key order (a
 * NULL first, as SQLite sorts it, on a server too). */
static void order_by_key(sqlite3_str *q, const struct sw_table *t)
{
	for (int i = 0, k = 0; i < t->ncols; i++)
		if (t->cols[i].flags & SW_C_KEY)
			sqlite3_str_appendf(q, "%s\"%w\" NULLS FIRST", k++ ? "," : "", t->cols[i].name);
}

/* Reads t's columns into q as a listing shows them: masked as a screen
 * shows them when mask, as keyed pseudonyms and ages when pseudo (leaving
 * out what a pseudonymised export leaves out); their masks into m (its
 * names and hows allocated, for write_masked to free). */
static void select_masked(sqlite3_str *q, const struct sw_table *t, int mask, int pseudo,
			  struct sw_out_masks *m)
{
	const char **names = sw_xcalloc((size_t)t->ncols + 1, sizeof *names);
	int *hows = sw_xcalloc((size_t)t->ncols + 1, sizeof *hows);
	for (int i = 0, k = 0; i < t->ncols; i++) {
		const char *sep = k ? "," : "", *name = t->cols[i].name;
		int how;
		if (pseudo && t->personal) {
			if ((how = sw_pseudo_select(q, t, i, sep)) < 0)
				continue;	/* an address, a disability */
		} else {
			sqlite3_str_appendf(q, "%s\"%w\"", sep, name);
			how = mask && t->personal ? sw_mask_how(&t->cols[i]) : SW_AS_IS;
		}
		k++;
		if (how != SW_AS_IS) {
			names[m->n] = how == SW_AGE ? "age" : name;
			hows[m->n++] = how;
		}
	}
	m->names = names;
	m->hows = hows;
}

/* Writes the rows of st into --output in fmt, masked by m; finalizes st
 * and frees m's arrays. The exit status. */
static int write_masked(struct sw_stmt *st, int fmt, struct sw_out_masks *m)
{
	struct sw_out *o = sw_out_open_stmt(sw_opt.output, fmt, st, m);
	int rc = SW_EXIT_FAIL;
	if (o && sw_out_stmt(o, st) == SW_DONE)
		rc = sw_out_close(o) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	else if (o)
		sw_out_abort(o);
	sw_stmt_finalize(st);
	free((void *)m->names);
	free((void *)m->hows);
	return rc;
}

int sw_run_export(int argc, char **argv, const struct sw_table *const *tables)
{
	enum { OPT_MASK = SW_OPT_LOCAL, OPT_NO_MASK, OPT_PSEUDO, OPT_KEY_FILE, OPT_AT };
	static const struct option longopts[] = {
		SW_LONGOPTS, {"table", required_argument, NULL, SW_OPT_TABLE},
		{"mask", no_argument, NULL, OPT_MASK}, {"no-mask", no_argument, NULL, OPT_NO_MASK},
		{"pseudonymize", no_argument, NULL, OPT_PSEUDO},
		{"key-file", required_argument, NULL, OPT_KEY_FILE},
		{"at", required_argument, NULL, OPT_AT},
		{0}};
	int c, force = -1, pseudo = 0;	/* --mask 1, --no-mask 0, else by the terminal */
	const char *key_file = NULL;
	char at[11];	/* a pseudonymized birth date is the age on this day */
	sw_date_today(at);
	while ((c = sw_cli_getopt(argc, argv, longopts)) != -1)
		if (c == OPT_MASK || c == OPT_NO_MASK)
			force = c == OPT_MASK;
		else if (c == OPT_PSEUDO)
			pseudo = 1;
		else if (c == OPT_KEY_FILE)
			key_file = optarg;
		else if (c == OPT_AT)
			sw_opt_date("at", optarg, at);
		else
			sw_cli_common(c, optarg);
	const struct sw_table *t = sw_opt.table ? sw_table_find(tables, sw_opt.table) : tables[0];
	if (!t)
		sw_usage_fail(_("--table: unknown table \"%s\""), sw_opt.table);
	if (key_file && !pseudo)	/* else the export would be in clear */
		sw_usage_fail(_("--key-file: only with --pseudonymize"));
	/* masks and pseudonyms are made here, not in SQL: the key never goes to a server */
	struct sw_out_masks m = {.key.at = at};
	if (pseudo && !(m.key.key = sw_key_load(key_file, &m.key.keylen)))
		return SW_EXIT_USAGE;
	struct sw_store *s = sw_open_store(0);
	/* personal data is masked on a terminal, as sw-case's exports */
	int mask = t->personal && (force >= 0 ? force : (!sw_opt.output ||
		   strcmp(sw_opt.output, "-") == 0) && isatty(STDOUT_FILENO));
	sqlite3_str *q = sqlite3_str_new(NULL);
	sqlite3_str_appendall(q, "SELECT ");
	select_masked(q, t, mask, pseudo, &m);
	sqlite3_str_appendf(q, " FROM \"%w\" ORDER BY ", t->name);
	order_by_key(q, t);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_prep(s, sql);
	sqlite3_free(sql);
	int rc = write_masked(st, sw_opt.fmt == SW_FMT_AUTO ? SW_FMT_CSV : sw_opt.fmt, &m);
	sw_store_close(s);
	free((void *)m.key.key);
	return rc;
}

/* (why quotes the value: dropped for a table of personal data, whose
 * filters are names and ID numbers) */
static void list_fail(const struct sw_table *t, const char *column, char *why)
{
	if (t->personal)
		sw_problems_unquote(why);
	sw_usage_fail(_("list: %s: %s"), column, why);
}

/* Adds the condition of one COLUMN=VALUE (or date range) filter and its
 * values to bind (as ?2 on: ?1 is the station). Usage error if the filter
 * does not parse. */
static void list_filter(sqlite3_str *q, const struct sw_table *t, const char *f, char (*vals)[512],
			int *nvals)
{
	const char *eq = strchr(f, '=');
	char name[128], why[512];
	snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - f) : 0, f);
	int c = eq ? sw_header_col(t, name) : -1;
	if (c < 0) {
		if (eq && t->personal)
			sw_usage_fail(_("list: a filter names no column of %s"), t->name);
		if (eq)
			sw_usage_fail(_("list: table %s has no column \"%s\""), t->name, name);
		if (t->personal)	/* it may be a value */
			sw_usage_fail(_("list: a filter is not COLUMN=VALUE"));
		sw_usage_fail(_("list: \"%s\" is not COLUMN=VALUE"), f);
	}
	const struct sw_column *k = &t->cols[c];
	const char *v = eq + 1, *dots = k->type == SW_T_DATE ? strstr(v, "..") : NULL;
	if (dots) {	/* FROM..TO, either end optional */
		char a[64];
		snprintf(a, sizeof a, "%.*s", (int)(dots - v), v);
		if ((*a && sw_date_parse(a, vals[(*nvals)++], why, sizeof why) != 0) ||
		    (dots[2] && sw_date_parse(dots + 2, vals[(*nvals)++], why, sizeof why) != 0))
			list_fail(t, k->name, why);
		if (*a)
			sqlite3_str_appendf(q, " AND \"%w\" >= ?%d", k->name, *nvals + 1 - !!dots[2]);
		if (dots[2])
			sqlite3_str_appendf(q, " AND \"%w\" <= ?%d", k->name, *nvals + 1);
		return;
	}
	int bad = k->type == SW_T_DATE ? sw_date_parse(v, vals[*nvals], why, sizeof why)
		: sw_column_norm(k, v, vals[*nvals], sizeof vals[0], why, sizeof why);
	if (bad)
		list_fail(t, k->name, why);
	(*nvals)++;
	sqlite3_str_appendf(q, " AND \"%w\" = ?%d", k->name, *nvals + 1);
}

int sw_run_list(const struct sw_table *t, int n, char **filters, const char *station, int mask)
{
	int sc = col_named(t, "station_code"), nvals = 0;
	if (station && sc < 0)
		sw_usage_fail(_("--station: table %s has no station_code"), t->name);
	struct sw_store *s = sw_open_store(0);
	if (station)
		sw_station_need(s, station);
	sqlite3_str *q = sqlite3_str_new(NULL);
	char (*vals)[512] = sw_xcalloc((size_t)n * 2 + 1, sizeof *vals);
	sqlite3_str_appendall(q, station ? "WITH RECURSIVE " SW_SUBTREE_CTE("?1") " SELECT " : "SELECT ");
	struct sw_out_masks m = {0};
	select_masked(q, t, mask, 0, &m);
	sqlite3_str_appendf(q, " FROM \"%w\" WHERE 1 = 1", t->name);
	if (station)
		sqlite3_str_appendall(q, " AND station_code IN (SELECT code FROM subtree)");
	for (int i = 0; i < n; i++)
		list_filter(q, t, filters[i], vals, &nvals);
	sqlite3_str_appendall(q, " ORDER BY ");
	order_by_key(q, t);
	char *sql = sqlite3_str_finish(q);
	struct sw_stmt *st = sw_store_prep(s, sql);
	sqlite3_free(sql);
	for (int i = 0; i < nvals; i++)
		sw_stmt_bind_text(st, i + 2, vals[i]);
	if (station)
		sw_stmt_bind_text(st, 1, station);
	int rc = write_masked(st, sw_opt.fmt, &m);
	free(vals);
	sw_store_close(s);
	return rc;
}

int sw_run_template(int argc, char **argv, const struct sw_table *const *tables)
{
	sw_getopt_plain(argc, argv);
	sw_cli_nargs(argc, 0, 1);
	const char *name = optind < argc ? argv[optind] : NULL;
	const struct sw_table *t = name ? sw_table_find(tables, name) : tables[0];
	if (!t)
		sw_usage_fail(_("template: unknown table \"%s\""), name);
	int fmt = sw_opt.fmt == SW_FMT_AUTO ? SW_FMT_CSV : sw_opt.fmt;
	if (fmt != SW_FMT_CSV && fmt != SW_FMT_TSV && fmt != SW_FMT_XLSX)
		sw_usage_fail(_("template: -f: expected csv, tsv or xlsx"));
	/* the drop-downs offer the station's own words too */
	if (sw_store_is_server(sw_opt.db))
		sw_store_close(sw_open_store(0));
	else
		load_local_words();
	return sw_template_write(t, sw_opt.output, fmt) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
}

struct listctx {
	struct sw_out *o;
};

static void vocab_row(void *ctx, const char *vocab, const char *key, const char *alias, int local)
{
	struct listctx *l = ctx;
	const char *v[4] = {vocab, key, alias ? alias : "", local ? "local" : "built-in"};
	sw_out_row(l->o, v);
}

/* vocab add and rm, one try of their transaction: why says what was
 * refused (said after), "" when the store failed (said). */
struct vocab_change {
	char **argv;
	char why[512];
	int bad;
};

static int vocab_try(struct sw_store *s, void *arg)
{
	struct vocab_change *c = arg;
	char **argv = c->argv;
	c->bad = strcmp(argv[0], "add") == 0
		? sw_vocab_add(s, argv[1], argv[2], argv[3], c->why, sizeof c->why)
		: sw_vocab_remove(s, argv[1], argv[2], c->why, sizeof c->why);
	return c->bad ? -1 : 0;
}

int sw_run_vocab(int argc, char **argv)
{
	sw_getopt_plain(argc, argv);
	argc -= optind;
	argv += optind;
	if (argc < 1)
		sw_usage_fail(_("vocab: expected list, add or rm"));
	if (strcmp(argv[0], "list") == 0) {
		if (argc > 2 || (argc == 2 && !sw_vocab_exists(argv[1])))
			sw_usage_fail(_("vocab list: unknown vocabulary \"%s\""), argc > 1 ? argv[1] : "");
		/* Without a database file the built-ins are still worth listing;
		 * a server is always there (and said when it cannot be reached). */
		int server = sw_store_is_server(sw_opt.db);
		struct sw_store *s = server || access(sw_opt.db, F_OK) == 0 ? sw_store_open(sw_opt.db, 0) : NULL;
		if (server && !s)
			return SW_EXIT_FAIL;
		if (s)
			sw_vocab_load(s);
		static const char *const cols[] = {"vocab", "key", "alias", "source"};
		struct listctx l = {sw_out_open(sw_opt.output, sw_opt.fmt, 4, cols, NULL)};
		if (!l.o) {
			sw_store_close(s);
			return SW_EXIT_FAIL;
		}
		sw_vocab_each(argc == 2 ? argv[1] : NULL, vocab_row, &l);
		sw_store_close(s);
		return sw_out_close(l.o) == 0 ? SW_EXIT_OK : SW_EXIT_FAIL;
	}
	int add = strcmp(argv[0], "add") == 0;
	if (!add && strcmp(argv[0], "rm") != 0)
		sw_usage_fail(_("vocab: unknown action \"%s\" (expected list, add, rm)"), argv[0]);
	if (argc != (add ? 4 : 3))
		sw_usage_fail("%s", add ? _("vocab add: expected VOCAB ALIAS KEY") : _("vocab rm: expected VOCAB ALIAS"));
	struct sw_store *s = sw_open_store(1);
	struct vocab_change c = {argv, "", 0};
	int rc = sw_store_transact(s, vocab_try, &c);
	if (c.bad && *c.why)
		sw_error(_("vocab %s: %s"), argv[0], c.why);
	sw_store_close(s);
	return rc == 0 ? SW_EXIT_OK : c.bad && *c.why ? SW_EXIT_REJECTED : SW_EXIT_FAIL;
}

void sw_station_need(struct sw_store *s, const char *code)
{
	int found = sw_station_exists(s, code);
	if (found != 1) {
		if (found == 0)
			sw_error(_("%s: no such station"), code);
		sw_store_close(s);
		exit(sw_cli_finish(found == 0 ? SW_EXIT_REJECTED : SW_EXIT_FAIL));
	}
}
