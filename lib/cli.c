/* Shared command-line handling. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sw/cell.h"
#include "sw/cli.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/import.h"
#include "sw/input.h"
#include "sw/out.h"
#include "sw/valid.h"
#include "sw/vocab.h"

struct sw_opts sw_opt;

void sw_cli_init(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
	sw_progname = slash ? slash + 1 : argv0 ? argv0 : "sw";
	const char *db = getenv("SW_DB");
	sw_opt.db = db && *db ? db : "sw.db";
	sw_opt.fmt = SW_FMT_AUTO;
	const char *lang = getenv("LC_ALL");
	if (!lang || !*lang)
		lang = getenv("LANG");
	sw_opt.zh = lang && strncmp(lang, "zh", 2) == 0;
	/* Outputs run to hundreds of thousands of rows: into a file or a
	 * pipe in 64 KiB writes rather than 4 KiB (a terminal keeps lines). */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, SW_OUT_BUFSIZ);
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

void sw_cli_common(int c, const char *arg, sw_usage_fn usage)
{
	switch (c) {
	case 'h': usage(stdout, 0); break;
	case 'V': sw_cli_version(); break;
	case 'q': sw_quiet = 1; break;
	case 'o': sw_opt.output = arg; break;
	case SW_OPT_DB: sw_opt.db = arg; break;
	case SW_OPT_ENCODING:
		if (strcasecmp(arg, "utf-8") != 0 && strcasecmp(arg, "utf8") != 0 &&
		    strcasecmp(arg, "gb18030") != 0 && strcasecmp(arg, "gbk") != 0 &&
		    strcasecmp(arg, "gb2312") != 0 && strcasecmp(arg, "utf-16") != 0 &&
		    strcasecmp(arg, "utf-16le") != 0) {
			sw_error("--encoding: unknown encoding \"%s\" (expected utf-8, gb18030, utf-16)", arg);
			usage(stderr, SW_EXIT_USAGE);
		}
		sw_opt.encoding = arg;
		break;
	case SW_OPT_TABLE: sw_opt.table = arg; break;
	case SW_OPT_SHEET:
		if (sw_opt.nsheets == (int)(sizeof sw_opt.sheets / sizeof sw_opt.sheets[0])) {
			sw_error("--sheet: at most 16");
			usage(stderr, SW_EXIT_USAGE);
		}
		sw_opt.sheets[sw_opt.nsheets++] = arg;
		break;
	case SW_OPT_STATION: sw_opt.station = arg; break;
	case SW_OPT_IGNORE:
		if (sw_opt.nignore == (int)(sizeof sw_opt.ignore / sizeof sw_opt.ignore[0])) {
			sw_error("--ignore-column: at most 64");
			usage(stderr, SW_EXIT_USAGE);
		}
		sw_opt.ignore[sw_opt.nignore++] = arg;
		break;
	case SW_OPT_REJECTS: sw_opt.rejects = arg; break;
	case SW_OPT_DRY_RUN: sw_opt.dry_run = 1; break;
	case SW_OPT_RAW: sw_cell_raw = 1; break;
	case SW_OPT_STRICT: sw_opt.strict = 1; break;
	case 'f':
		if ((sw_opt.fmt = sw_fmt_parse(arg)) < 0) {
			sw_error("-f: unknown format \"%s\" (expected csv, tsv, json, table, md)", arg);
			usage(stderr, SW_EXIT_USAGE);
		}
		break;
	case SW_OPT_LANG:
		if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0) {
			sw_error("--lang: expected zh or en");
			usage(stderr, SW_EXIT_USAGE);
		}
		sw_opt.zh = arg[0] == 'z';
		break;
	default:
		/* getopt_long has already said what was wrong */
		usage(stderr, SW_EXIT_USAGE);
	}
}

int sw_cli_dispatch(int argc, char **argv, const struct sw_cmd *cmds, sw_usage_fn usage)
{
	if (argc < 2) {
		sw_error("missing subcommand");
		usage(stderr, SW_EXIT_USAGE);
	}
	const char *sub = argv[1];
	if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0 || strcmp(sub, "help") == 0)
		usage(stdout, 0);
	if (strcmp(sub, "-V") == 0 || strcmp(sub, "--version") == 0)
		sw_cli_version();
	for (const struct sw_cmd *c = cmds; c->name; c++)
		if (strcmp(c->name, sub) == 0) {
			optind = 1;
			return sw_cli_finish(c->run(argc - 1, argv + 1));
		}
	sw_error("unknown subcommand \"%s\"", sub);
	usage(stderr, SW_EXIT_USAGE);
	return SW_EXIT_USAGE;
}

int sw_cli_finish(int status)
{
	/* Said once: a listing's commit and the program's exit both ask. */
	static int reported;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (!reported)
			sw_error("stdout: %s", strerror(errno ? errno : EIO));
		reported = 1;
		return status ? status : SW_EXIT_FAIL;
	}
	return status;
}

void sw_opt_fail(const char *opt, const char *why, sw_usage_fn usage)
{
	sw_error("--%s: %s", opt, why);
	usage(stderr, SW_EXIT_USAGE);
	exit(SW_EXIT_USAGE);	/* usage functions exit; this one must not return */
}

void sw_opt_date(const char *opt, const char *arg, char out[11], sw_usage_fn usage)
{
	char why[128];
	if (sw_date_parse(arg, out, why, sizeof why) != 0)
		sw_opt_fail(opt, why, usage);
}

void sw_opt_month(const char *opt, const char *arg, char out[8], sw_usage_fn usage)
{
	char why[128];
	if (sw_month_parse(arg, out, why, sizeof why) != 0)
		sw_opt_fail(opt, why, usage);
}

/* The local words of the database, for an option read before the command
 * opens it (list --category 困境家庭, --level 镇级站); sw_vocab_load does
 * nothing when the command loads the same file again. No file: built-ins. */
static void load_local_words(void)
{
	if (access(sw_opt.db, F_OK) != 0)
		return;
	sqlite3 *db = sw_db_open(sw_opt.db, SW_DB_READONLY);
	if (db)
		sw_vocab_load(db);
	sw_db_close(db);
}

const char *sw_opt_vocab(const char *opt, const char *vocab, const char *value, sw_usage_fn usage)
{
	/* Normalised like an imported value, so the message reads the same. */
	const struct sw_column c = {opt, NULL, SW_T_VOCAB, vocab, 0, 0, 0, NULL, NULL};
	char key[64], why[512];
	if (!value)
		return NULL;
	load_local_words();
	if (sw_column_norm(&c, value, key, sizeof key, why, sizeof why) != 0)
		sw_opt_fail(opt, why, usage);
	return sw_vocab_lookup(vocab, key);
}
