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

/* The -f values of a subcommand whose opts are o: its "formats=LIST",
 * else the program's (in buf, n bytes). */
static const char *formats(const char *o, char *buf, size_t n)
{
	const char *p = o ? strstr(o, " formats=") : NULL;
	if (!p)
		return sw_cli_formats;
	snprintf(buf, n, "%.*s", (int)strcspn(p + 9, " "), p + 9);
	return buf;
}

int sw_cli_cmd_format(const struct sw_cmd *c, const char *fmt)
{
	char buf[128];
	const char *f = formats(c ? c->opts : NULL, buf, sizeof buf);
	size_t n = strlen(fmt);
	for (const char *p = f; *p; p += strcspn(p, "|"), p += *p == '|')
		if (strncmp(p, fmt, n) == 0 && (p[n] == '|' || !p[n]))
			return 1;
	return 0;
}

int sw_cli_takes_format(const char *fmt)
{
	return sw_cli_cmd_format(cur, fmt);
}

/* The output options of a subcommand whose opts are o (the program's
 * when NULL): -f, -o, --raw on a line, the encoding and labels of what
 * is written on the next, under the first. */
static void output_options(const char *o)
{
	char out[256] = "", enc[128] = "", buf[128], pre[64];
	if (takes(o, "format"))
		snprintf(out, sizeof out, "  -f %s", formats(o, buf, sizeof buf));
	if (takes(o, "output"))
		snprintf(out + strlen(out), sizeof out - strlen(out), "  %s", _("-o FILE"));
	if (takes(o, "raw"))
		snprintf(out + strlen(out), sizeof out - strlen(out), "  --raw");
	if (takes(o, "output-encoding"))
		snprintf(enc, sizeof enc, "  --output-encoding utf-8|utf-8-bom|gb18030");
	if (takes(o, "labels"))
		snprintf(enc + strlen(enc), sizeof enc - strlen(enc), "  --labels zh|en");
	const char *t = _("output options: %s\n"), *at = strstr(t, "%s");
	snprintf(pre, sizeof pre, "%.*s", at ? (int)(at - t) : 0, t);
	if (*out)
		printf(t, out + 2);
	if (*enc && !*out)
		printf(t, enc + 2);
	else if (*enc)
		printf("%*s%s\n", width(pre), "", enc + 2);
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
	output_options(cur ? cur->opts : SW_O_OUT);
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
void sw_load_local_words(void)
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
	sw_load_local_words();
	if (sw_column_norm(&c, value, key, sizeof key, why, sizeof why) != 0)
		sw_opt_fail(opt, why);
	return sw_vocab_lookup(vocab, key);
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

int sw_cli_masking(int force)
{
	if (force >= 0)
		return force;
	return (!sw_opt.output || strcmp(sw_opt.output, "-") == 0) && isatty(STDOUT_FILENO);
}
