/* Several databases in one report (sw-report --db A --db B): records of
 * the databases add up, so each must be given once and each station's
 * records be in one of them; a database named twice, or a copy of one,
 * would count every record twice. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/report.h"
#include "sw/store.h"
#include "sw/strset.h"

/* The tables whose rows belong to a station by their station_code. */
static const char *const records[][2] = {
	{"clients", "SELECT DISTINCT station_code FROM clients"},
	{"cases", "SELECT DISTINCT station_code FROM cases"},
	{"services", "SELECT DISTINCT station_code FROM services"},
	{"activities", "SELECT DISTINCT station_code FROM activities"},
	{"employers", "SELECT DISTINCT station_code FROM employers WHERE station_code IS NOT NULL"},
	{"seekers", "SELECT DISTINCT station_code FROM seekers WHERE station_code IS NOT NULL"},
	{"supervision", "SELECT DISTINCT station_code FROM supervision"},
	{"volunteers", "SELECT DISTINCT station_code FROM volunteers"},
};

/* Whether a and b (as --db named them) are one database: the same file
 * (device and inode, through any name or link), or the same server
 * connection string. */
static int same_db(struct sw_store *a, const char *aname, struct sw_store *b, const char *bname)
{
	if (sw_store_kind(a) != sw_store_kind(b))
		return 0;
	if (sw_store_kind(a) == SW_STORE_PG)
		return strcmp(aname, bname) == 0;
	struct stat sa, sb;
	return stat(aname, &sa) == 0 && stat(bname, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The first station found with records in two databases. */
struct clash {
	int a, b, n;		/* the databases; stations found in two */
	char *code;
	struct sw_strset seen;	/* the stations counted in n */
};

/* Adds the stations db d holds records of to where (code -> database);
 * notes those an earlier database holds too. 0 or -1 (printed). */
static int stations_of(struct sw_store *db, int d, struct sw_strset *where, struct clash *c)
{
	for (size_t k = 0; k < sizeof records / sizeof records[0]; k++) {
		int has = sw_store_has(db, records[k][0]), rc;
		if (has <= 0) {
			if (has < 0)
				return -1;
			continue;	/* an older file, read as it is */
		}
		struct sw_stmt *st = sw_store_prep(db, records[k][1]);
		while ((rc = sw_stmt_step(st)) == SW_ROW) {
			const char *code = sw_stmt_text(st, 0);
			unsigned long long h = sw_str_hash(code);
			int other = sw_strset_put(where, 0, code, h, d);
			if (other < 0 || other == d || sw_strset_put(&c->seen, 0, code, h, 0) >= 0)
				continue;
			if (!c->n++) {
				c->a = other, c->b = d;
				c->code = sw_xstrdup(code);
			}
		}
		sw_stmt_finalize(st);
		if (rc != SW_DONE)
			return -1;
	}
	return 0;
}

int sw_report_dbs_check(struct sw_store **dbs, const char *const *names, int ndb)
{
	for (int i = 0; i < ndb; i++)
		for (int j = i + 1; j < ndb; j++)
			if (same_db(dbs[i], names[i], dbs[j], names[j])) {
				sw_error(_("--db: %s and %s are the same database: give it once"),
					 sw_store_name(dbs[i]), sw_store_name(dbs[j]));
				return 1;
			}
	struct sw_strset where = {0};
	struct clash c = {0};
	int rc = 0;
	for (int d = 0; d < ndb && ndb > 1 && rc == 0; d++)
		rc = stations_of(dbs[d], d, &where, &c);
	if (rc == 0 && c.n) {
		const char *a = sw_store_name(dbs[c.a]), *b = sw_store_name(dbs[c.b]);
		sw_error(_("--db: station %s has records in both %s and %s: they would count twice; give a"
			   " database once, not with a copy of it, and keep a station's records in one"), c.code, a, b);
		if (c.n > 1)
			sw_error(sw_ngettext("--db: %d more station has records in two databases",
					      "--db: %d more stations have records in two databases",
					      (unsigned long)(c.n - 1)), c.n - 1);
		rc = 1;
	}
	free(c.code);
	sw_strset_free(&c.seen);
	sw_strset_free(&where);
	return rc;
}
