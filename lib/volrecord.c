/* The volunteer service record (see sw/volrecord.h). The rows are read
 * twice, once for the certificate number and once to write them, so
 * memory stays flat however many there are. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/html.h"
#include "sw/i18n.h"
#include "sw/labels.h"
#include "sw/mask.h"
#include "sw/out.h"
#include "sw/store.h"
#include "sw/vocab.h"
#include "sw/volrecord.h"

/* What the certificate says besides its rows. */
struct rec {
	char name[256], id[64], station[64], station_name[256];
	char from[11], to[11];
	long n, minutes;
	char number[48];
};

/* The services of the volunteer in the period, oldest first. */
enum { R_DATE, R_ACTIVITY, R_SERVICE, R_TITLE, R_KIND, R_TYPE, R_ROLE, R_MINUTES };
static const char rows_sql[] =
	"SELECT h.date, h.activity_id, h.service_id, a.title, a.kind, s.type, h.role, h.minutes"
	" FROM volunteer_hours h LEFT JOIN activities a ON a.activity_id = h.activity_id"
	" LEFT JOIN services s ON s.service_id = h.service_id"
	" WHERE h.volunteer_id = ?1 AND h.date >= ?2 AND h.date <= ?3"
	" ORDER BY h.date, h.hours_id";

static const char *col(struct sw_stmt *st, int i)
{
	const char *s = sw_stmt_text(st, i);
	return s ? s : "";
}

/* Minutes as hours, to the hundredth (rounded half up), without trailing
 * zeros: 90 -> 1.5, 20 -> 0.33. */
static void hours(long minutes, char *buf, size_t n)
{
	long h = (minutes * 100 + 30) / 60;
	if (h % 100 == 0)
		snprintf(buf, n, "%ld", h / 100);
	else if (h % 10 == 0)
		snprintf(buf, n, "%ld.%ld", h / 100, h % 100 / 10);
	else
		snprintf(buf, n, "%ld.%02ld", h / 100, h % 100);
}

/* What was done: the activity's title (else its kind), or the kind of
 * service (never the service's note, which is about its client). Kinds
 * as labels when label, else as keys. */
static const char *content(struct sw_stmt *st, int label)
{
	if (!sw_stmt_is_null(st, R_ACTIVITY))
		return *col(st, R_TITLE) ? col(st, R_TITLE)
			: sw_vocab_label("activity_kind", col(st, R_KIND), label);
	return sw_vocab_label("service_type", col(st, R_TYPE), label);
}

/* The volunteer and the period's extent. 0, or 1 (printed) when there is
 * no such volunteer or no hours in the period, -1 (printed) when the
 * database cannot be read. */
static int load(struct sw_store *s, const struct sw_volrec *r, struct rec *v)
{
	struct sw_stmt *st = sw_store_prep(s, "SELECT v.name, v.id_number, v.station_code, s.name"
		" FROM volunteers v LEFT JOIN stations s ON s.code = v.station_code"
		" WHERE v.volunteer_id = ?1");
	sw_stmt_bind_text(st, 1, r->volunteer);
	int rc = sw_stmt_step(st), found = rc == SW_ROW;
	if (found) {
		snprintf(v->name, sizeof v->name, "%s", col(st, 0));
		sw_mask_id(col(st, 1), v->id, sizeof v->id);
		snprintf(v->station, sizeof v->station, "%s", col(st, 2));
		snprintf(v->station_name, sizeof v->station_name, "%s", col(st, 3));
	}
	sw_stmt_finalize(st);
	if (rc < 0)
		return -1;
	/* the argument is not repeated: it may be a mistyped ID number */
	if (!found) {
		sw_error(_("volunteer-record: no such volunteer (sw-station list --table volunteers "
			   "lists them)"));
		return 1;
	}
	st = sw_store_prep(s, "SELECT min(date), max(date), count(*), coalesce(sum(minutes), 0)"
		" FROM volunteer_hours WHERE volunteer_id = ?1 AND (?2 IS NULL OR date >= ?2)"
		" AND (?3 IS NULL OR date <= ?3)");
	sw_stmt_bind_text(st, 1, r->volunteer);
	sw_stmt_bind_text(st, 2, r->from);
	sw_stmt_bind_text(st, 3, r->to);
	if (sw_stmt_step(st) != SW_ROW) {
		sw_stmt_finalize(st);
		return -1;
	}
	snprintf(v->from, sizeof v->from, "%s", r->from ? r->from : col(st, 0));
	snprintf(v->to, sizeof v->to, "%s", r->to ? r->to : col(st, 1));
	v->n = (long)sw_stmt_int64(st, 2);
	v->minutes = (long)sw_stmt_int64(st, 3);
	sw_stmt_finalize(st);
	if (!v->n) {
		if (r->from || r->to)
			sw_error(_("volunteer-record: no volunteer hours from %s to %s: no record is issued"),
				 r->from ? r->from : "…", r->to ? r->to : "…");
		else
			sw_error(_("volunteer-record: no volunteer hours recorded: no record is issued"));
		return 1;
	}
	return 0;
}

/* The certificate number: the station, the period's end and the first
 * 32 bits of the SHA-256 of the volunteer, the period and every row, so
 * the same record has the same number and a changed one another. */
static int number(struct sw_stmt *st, const char *volunteer, struct rec *v)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(ctx);
		sw_error(_("volunteer-record: cannot set up SHA-256"));
		return -1;
	}
	const char *head[] = {volunteer, v->from, v->to};
	for (int i = 0; i < 3; i++)
		EVP_DigestUpdate(ctx, head[i], strlen(head[i]) + 1);
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW)
		for (int i = R_DATE; i <= R_MINUTES; i++)
			EVP_DigestUpdate(ctx, col(st, i), strlen(col(st, i)) + 1);
	if (rc != SW_DONE || sw_stmt_reset(st) != 0) {
		EVP_MD_CTX_free(ctx);
		return -1;
	}
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	snprintf(v->number, sizeof v->number, "%.20s-%.4s%.2s%.2s-%02X%02X%02X%02X", v->station,
		 v->to, v->to + 5, v->to + 8, md[0], md[1], md[2], md[3]);
	return 0;
}

/* One row per service, for the national platform. */
static int write_rows(struct sw_stmt *st, const struct sw_volrec *r, const struct rec *v)
{
	static const char *const names[] = {"volunteer_id", "id_number", "date", "activity_id",
		"service_id", "content", "role", "minutes", "hours"};
	struct sw_out *o = sw_out_open(r->path, r->fmt, 9, names, "ssdssssnn");
	if (!o)
		return -1;
	int label = sw_labels_zh(sw_fmt_resolve(r->fmt, r->path));
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		char h[32];
		hours((long)sw_stmt_int64(st, R_MINUTES), h, sizeof h);
		const char *row[] = {r->volunteer, v->id, col(st, R_DATE), col(st, R_ACTIVITY),
			col(st, R_SERVICE), content(st, label), col(st, R_ROLE), col(st, R_MINUTES), h};
		sw_out_row(o, row);
	}
	if (rc != SW_DONE) {
		sw_out_abort(o);
		return -1;
	}
	return sw_out_close(o);
}

/* A4 portrait; the seal's place the size of an official seal (42 mm). */
static const char style[] =
	"<style>\n"
	"@page{size:A4 portrait;margin:18mm 18mm 16mm}\n"
	"body{font-family:" SW_HTML_FONTS ";margin:1.5em;color:#000;font-size:11pt;line-height:1.5}\n"
	"h1{font-size:20pt;text-align:center;letter-spacing:0.2em;margin:0 0 4pt}\n"
	".no{text-align:right;font-size:10pt;margin:0 0 8pt}\n"
	"table{border-collapse:collapse;width:100%}\n"
	"thead{display:table-header-group}\n"
	"th,td{border:0.5pt solid #000;padding:3pt 5pt}\n"
	"th{font-weight:normal;background:#eee}\n"
	"table.who th{text-align:left;width:16%}\n"
	"table.rows{margin-top:10pt;font-size:10pt}\n"
	"td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"td.d{white-space:nowrap}\n"
	"tr{break-inside:avoid}\n"
	"tr.total th,tr.total td{font-weight:bold;border-top:1.2pt solid #000}\n"
	".issuer{display:flex;justify-content:space-between;align-items:center;margin-top:14pt;"
	"break-inside:avoid}\n"
	".issuer p{margin:4pt 0}\n"
	".seal{width:42mm;height:42mm;border:0.5pt dashed #888;border-radius:50%;display:flex;"
	"align-items:center;justify-content:center;color:#666}\n"
	".note{font-size:9pt;color:#333;margin-top:10pt}\n"
	"@media print{body{margin:0}}\n"
	"</style>\n";

/* A date as a certificate writes it: 2026年7月22日 in Chinese. */
static const char *long_date(const char *d, char *buf, size_t n)
{
	int y, m, day;
	if (sw_i18n_zh() && sscanf(d, "%4d-%2d-%2d", &y, &m, &day) == 3)
		snprintf(buf, n, "%d年%d月%d日", y, m, day);
	else
		snprintf(buf, n, "%s", d);
	return buf;
}

/* One row of the identity table: two label-value pairs, or one across. */
static void who_row(FILE *fp, const char *k1, const char *v1, const char *k2, const char *v2)
{
	fputs("<tr><th>", fp);
	sw_html_put(fp, k1);
	fprintf(fp, "</th><td%s>", k2 ? "" : " colspan=\"3\"");
	sw_html_put(fp, v1);
	if (k2) {
		fputs("</td><th>", fp);
		sw_html_put(fp, k2);
		fputs("</th><td>", fp);
		sw_html_put(fp, v2);
	}
	fputs("</td></tr>\n", fp);
}

/* Who the record is of: the volunteer, the period and the totals. */
static void who(FILE *fp, const char *volunteer, const struct rec *v)
{
	char a[64], b[64], period[160], n[32], h[32], total[64];
	snprintf(period, sizeof period, _("%s to %s"), long_date(v->from, a, sizeof a),
		 long_date(v->to, b, sizeof b));
	snprintf(n, sizeof n, "%ld", v->n);
	hours(v->minutes, h, sizeof h);
	snprintf(total, sizeof total, _("%s hours"), h);
	fputs("<table class=\"who\">\n", fp);
	who_row(fp, _("Name"), v->name, _("Volunteer number"), volunteer);
	who_row(fp, _("ID type"), *v->id ? _("Resident identity card") : "", _("ID number"), v->id);
	who_row(fp, _("Service period"), period, NULL, NULL);
	who_row(fp, _("Times served"), n, _("Total service hours"), total);
	fputs("</table>\n", fp);
}

/* The services, one a row, and their total. Returns the sw_stmt_step
 * code that ended them (SW_DONE). */
static int services(FILE *fp, struct sw_stmt *st, const struct rec *v)
{
	char h[32];
	int rc;
	fprintf(fp, "<table class=\"rows\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", _("No."), _("Service date"),
		_("Activity or service"), _("Content"), _("Role"), _("Hours"));
	for (long i = 1; (rc = sw_stmt_step(st)) == SW_ROW; i++) {
		hours((long)sw_stmt_int64(st, R_MINUTES), h, sizeof h);
		fprintf(fp, "<tr><td class=\"n\">%ld</td><td class=\"d\">", i);
		sw_html_put(fp, col(st, R_DATE));
		fputs("</td><td>", fp);
		sw_html_put(fp, *col(st, R_ACTIVITY) ? col(st, R_ACTIVITY) : col(st, R_SERVICE));
		fputs("</td><td>", fp);
		sw_html_put(fp, content(st, sw_i18n_zh()));
		fputs("</td><td>", fp);
		sw_html_put(fp, col(st, R_ROLE));
		fprintf(fp, "</td><td class=\"n\">%s</td></tr>\n", h);
	}
	hours(v->minutes, h, sizeof h);
	fprintf(fp, "<tr class=\"total\"><th colspan=\"5\">%s</th><td class=\"n\">%s</td></tr>\n"
		"</tbody>\n</table>\n", _("Total"), h);
	return rc;
}

/* Who issues it: the station, with blanks for the people who sign and
 * the place of the seal; the date of issue, or its blank. */
static void issuer(FILE *fp, const struct sw_volrec *r, const struct rec *v)
{
	char d[64];
	fprintf(fp, "<p>%s</p>\n<div class=\"issuer\"><div>\n<p>%s", _("We certify that the volunteer "
		"service recorded above is true."), _("Issued by (seal): "));
	sw_html_put(fp, *v->station_name ? v->station_name : v->station);
	fprintf(fp, "</p>\n<p>%s________　%s________</p>\n<p>%s____________</p>\n<p>%s%s</p>\n"
		"</div><div class=\"seal\">%s</div></div>\n", _("Person in charge: "), _("Handled by: "),
		_("Contact phone: "), _("Date of issue: "),
		r->on ? long_date(r->on, d, sizeof d) : _("____-__-__"), _("(seal)"));
	fprintf(fp, "<p class=\"note\">%s</p>\n", _("Note: the ID number is partly hidden; hours are "
		"the minutes recorded, added up and shown in hours to the hundredth."));
}

static int write_html(struct sw_stmt *st, const struct sw_volrec *r, const struct rec *v)
{
	struct sw_file file;
	if (sw_file_open(&file, r->path) != 0)
		return -1;
	FILE *fp = file.fp;
	sw_html_begin(fp, _("Volunteer service record"));
	fprintf(fp, "%s</head>\n<body>\n<h1>%s</h1>\n<p class=\"no\">%s%s</p>\n", style,
		_("Volunteer service record"), _("Certificate number: "), v->number);
	who(fp, r->volunteer, v);
	if (services(fp, st, v) != SW_DONE) {
		sw_file_abort(&file);
		return -1;
	}
	issuer(fp, r, v);
	fputs("</body>\n</html>\n", fp);
	return sw_file_commit(&file);
}

int sw_volrec_write(struct sw_store *s, const struct sw_volrec *r)
{
	struct rec v = {0};
	int rc = load(s, r, &v);
	if (rc)
		return rc;
	struct sw_stmt *st = sw_store_prep(s, rows_sql);
	sw_stmt_bind_text(st, 1, r->volunteer);
	sw_stmt_bind_text(st, 2, v.from);
	sw_stmt_bind_text(st, 3, v.to);
	if (r->fmt != SW_FMT_HTML)
		rc = write_rows(st, r, &v);
	else if ((rc = number(st, r->volunteer, &v)) == 0)
		rc = write_html(st, r, &v);
	sw_stmt_finalize(st);
	return rc;
}
