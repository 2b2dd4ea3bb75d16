/* The .xlsx package: a zip of XML parts tied together by relationship
 * parts (the .rels files). The workbook part lists the sheets by name and
 * relationship id; its relationships name each sheet's part and the shared
 * strings and styles. The only file that opens the zip. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/xlsxpriv.h"

struct rel {
	char *id, *type, *target;	/* type: the last word of the Type URI */
};

struct rels {
	struct rel *r;
	int n, cap;
};

static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sw_xml *s = ud;
	struct rels *c = s->ud;
	if (strcmp(sw_xml_local(name), "Relationship") != 0)
		return;
	const char *id = sw_xml_attr(atts, "Id"), *type = sw_xml_attr(atts, "Type");
	const char *target = sw_xml_attr(atts, "Target"), *mode = sw_xml_attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
		return;
	if (c->n == 4 * SW_XLSX_SHEETS_MAX) {
		sw_xml_fail(s, _("%s: too many relationships"), s->part);
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->r = sw_xrealloc(c->r, (size_t)c->cap * sizeof *c->r);
	}
	const char *slash = strrchr(type, '/');
	c->r[c->n].id = sw_xstrdup(id);
	c->r[c->n].type = sw_xstrdup(slash ? slash + 1 : type);
	c->r[c->n++].target = sw_xstrdup(target);
}

static void rels_free(struct rels *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->r[i].id);
		free(c->r[i].type);
		free(c->r[i].target);
	}
	free(c->r);
}

/* Reads a relationship part; a missing one has no relationships. */
static int read_rels(zip_t *z, const char *part, struct rels *c, char *why, size_t whylen)
{
	struct sw_xml s;
	memset(c, 0, sizeof *c);
	if (!sw_xml_has(z, part))
		return 0;
	if (sw_xml_open(&s, z, part, c, rels_start, NULL, NULL, why, whylen) != 0)
		return -1;
	int rc = sw_xml_run(&s);
	if (rc < 0)
		sw_msg(why, whylen, "%s", s.err);
	sw_xml_close(&s);
	return rc;
}

static const struct rel *rel_by_id(const struct rels *c, const char *id)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->r[i].id, id) == 0)
			return &c->r[i];
	return NULL;
}

/* The first relationship of a type ("sharedStrings"). */
static const struct rel *rel_by_type(const struct rels *c, const char *type)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->r[i].type, type) == 0)
			return &c->r[i];
	return NULL;
}

/* The part a relationship target names, from the folder dir of the part
 * that holds the relationship: "worksheets/sheet1.xml" from "xl",
 * "/xl/worksheets/sheet1.xml", "../media/x". Newly allocated. */
static char *resolve(const char *dir, const char *target)
{
	size_t n = strlen(dir) + strlen(target) + 2;
	char *path = sw_xmalloc(n), *out = sw_xmalloc(n), *save = NULL;
	if (target[0] == '/')
		snprintf(path, n, "%s", target + 1);
	else
		snprintf(path, n, "%s%s%s", dir, *dir ? "/" : "", target);
	size_t o = 0;
	for (char *seg = strtok_r(path, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (o > 0 && out[--o] != '/')
				;
			continue;
		}
		o += (size_t)sprintf(out + o, "%s%s", o ? "/" : "", seg);
	}
	out[o] = 0;
	free(path);
	return out;
}

/* --- the workbook part: sheets in order, and the date system --- */

static void XMLCALL wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sw_xml *s = ud;
	struct sw_xlsx *x = s->ud;
	name = sw_xml_local(name);
	if (strcmp(name, "workbookPr") == 0) {
		const char *v = sw_xml_attr(atts, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(name, "sheet") == 0) {
		const char *sheet = sw_xml_attr(atts, "name"), *id = sw_xml_attr(atts, "id");
		const char *state = sw_xml_attr(atts, "state");
		if (x->nsheets == SW_XLSX_SHEETS_MAX) {
			sw_xml_fail(s, _("%s: too many sheets"), s->part);
			return;
		}
		if (x->nsheets == x->sheetcap) {
			x->sheetcap = x->sheetcap ? 2 * x->sheetcap : 8;
			x->sheets = sw_xrealloc(x->sheets, (size_t)x->sheetcap * sizeof *x->sheets);
		}
		struct sw_xlsx_sheetinfo *si = &x->sheets[x->nsheets++];
		si->name = sw_xstrdup(sheet ? sheet : "");
		si->rid = id ? sw_xstrdup(id) : NULL;
		si->part = NULL;
		si->hidden = !state ? 0 : strcmp(state, "hidden") == 0 ? 1
			: strcmp(state, "veryHidden") == 0 ? 2 : 0;
	}
}

/* The folder of a part ("xl" for "xl/workbook.xml"), newly allocated. */
static char *dir_of(const char *part)
{
	const char *slash = strrchr(part, '/');
	size_t n = slash ? (size_t)(slash - part) : 0;
	char *d = sw_xmalloc(n + 1);
	memcpy(d, part, n);
	d[n] = 0;
	return d;
}

/* Gives each sheet its worksheet part and drops chart and dialog sheets;
 * finds the shared strings and styles. */
static void link_parts(struct sw_xlsx *x, const struct rels *c, const char *dir)
{
	int n = 0;
	for (int i = 0; i < x->nsheets; i++) {
		struct sw_xlsx_sheetinfo si = x->sheets[i];
		const struct rel *r = si.rid ? rel_by_id(c, si.rid) : NULL;
		free(si.rid);
		si.rid = NULL;
		if (r && strcmp(r->type, "worksheet") != 0) {
			free(si.name);	/* chartsheet, dialogsheet, macrosheet */
			continue;
		}
		si.part = r ? resolve(dir, r->target) : NULL;
		x->sheets[n++] = si;
	}
	x->nsheets = n;
	const struct rel *r = rel_by_type(c, "sharedStrings");
	x->sst_part = r ? resolve(dir, r->target) : NULL;
	r = rel_by_type(c, "styles");
	x->styles_part = r ? resolve(dir, r->target) : NULL;
}

/* The workbook part, from the package relationships (xl/workbook.xml
 * when they do not say). Newly allocated. */
static char *find_workbook(zip_t *z, char *why, size_t whylen, int *rc)
{
	struct rels c;
	*rc = read_rels(z, "_rels/.rels", &c, why, whylen);
	const struct rel *r = rel_by_type(&c, "officeDocument");
	char *wb = r ? resolve("", r->target) : sw_xstrdup("xl/workbook.xml");
	rels_free(&c);
	return wb;
}

/* Why a file that libzip does not take is not a workbook: an encrypted
 * .xlsx and an old .xls are both OLE compound files, the first with a
 * stream named EncryptedPackage (its name in UTF-16); a zip cut short has
 * its first entry but no central directory. */
static void not_zip(const char *path, char *why, size_t whylen)
{
	static const char cfb[8] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	const size_t k = sizeof enc - 1;
	char buf[65536];
	size_t keep = 0;
	int is_cfb = 0, is_zip = 0, found = 0;
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		sw_msg(why, whylen, "%s", strerror(errno));
		return;
	}
	for (int chunk = 0; !found && chunk < 1024; chunk++) {	/* the first 64 MiB */
		size_t n = fread(buf + keep, 1, sizeof buf - keep, fp), len = keep + n;
		if (chunk == 0 && len == 0) {
			sw_msg(why, whylen, _("not an .xlsx workbook: empty file"));
			fclose(fp);
			return;
		}
		if (chunk == 0) {
			is_cfb = len >= 8 && memcmp(buf, cfb, 8) == 0;
			is_zip = len >= 4 && memcmp(buf, "PK\3\4", 4) == 0;
		}
		if (!is_cfb)
			break;
		found = memmem(buf, len, enc, k) != NULL;
		if (n < sizeof buf - keep || len < k)
			break;
		memmove(buf, buf + len - k, k);
		keep = k;
	}
	fclose(fp);
	if (found)
		sw_msg(why, whylen, _("encrypted workbook: save it without a password"));
	else if (is_cfb)
		sw_msg(why, whylen, _("not an .xlsx workbook: an Excel 97-2003 .xls file (save it as .xlsx)"));
	else if (is_zip)
		sw_msg(why, whylen, _("not an .xlsx workbook: truncated or damaged zip archive"));
	else
		sw_msg(why, whylen, _("not an .xlsx workbook: not a zip archive"));
}

/* 1 if some part of z is under dir ("xl/"). */
static int has_dir(zip_t *z, const char *dir)
{
	zip_int64_t n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		if (name && strncmp(name, dir, strlen(dir)) == 0)
			return 1;
	}
	return 0;
}

/* Why the zip holds no workbook part wb: the other zips people hand over
 * instead of a register are named for what they are. */
static void no_workbook(zip_t *z, const char *wb, char *why, size_t whylen)
{
	if (sw_xml_has(z, "word/document.xml"))
		sw_msg(why, whylen, _("a Word document (.docx): copy the table into Excel or WPS and "
		       "save it as .xlsx or CSV UTF-8"));
	else if (sw_xml_has(z, "ppt/presentation.xml"))
		sw_msg(why, whylen, _("a PowerPoint file, not a table"));
	else if (sw_xml_has(z, "xl/workbook.bin"))
		sw_msg(why, whylen, _("not an .xlsx workbook: a binary .xlsb workbook (save it as .xlsx)"));
	else if (sw_xml_has(z, "content.xml") && sw_xml_has(z, "mimetype"))
		sw_msg(why, whylen, _("not an .xlsx workbook: an OpenDocument file (save it as .xlsx)"));
	else if (!has_dir(z, "xl/"))
		sw_msg(why, whylen, _("a zip archive: unpack it and give the spreadsheet inside"));
	else
		sw_msg(why, whylen, _("not an .xlsx workbook: no %s"), wb);
}

/* Reads the workbook part and its relationships into x. */
static int read_workbook(struct sw_xlsx *x, const char *wb, char *why, size_t whylen)
{
	struct sw_xml s;
	if (sw_xml_open(&s, x->zip, wb, x, wb_start, NULL, NULL, why, whylen) != 0)
		return -1;
	int rc = sw_xml_run(&s);
	if (rc < 0)
		sw_msg(why, whylen, "%s", s.err);
	sw_xml_close(&s);
	if (rc < 0)
		return -1;
	char *dir = dir_of(wb), *relpart = sw_xmalloc(strlen(wb) + 16);
	const char *base = strrchr(wb, '/');
	sprintf(relpart, "%s%s_rels/%s.rels", dir, *dir ? "/" : "", base ? base + 1 : wb);
	struct rels c;
	rc = read_rels(x->zip, relpart, &c, why, whylen);
	if (rc == 0)
		link_parts(x, &c, dir);
	rels_free(&c);
	free(relpart);
	free(dir);
	return rc;
}

struct sw_xlsx *sw_xlsx_open(const char *path, char *why, size_t whylen)
{
	int code = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &code);
	if (!z) {
		zip_error_t e;
		zip_error_init_with_code(&e, code);
		if (code == ZIP_ER_NOZIP)
			not_zip(path, why, whylen);
		else if (code == ZIP_ER_NOENT)
			sw_msg(why, whylen, "%s", strerror(ENOENT));
		else if (code == ZIP_ER_OPEN || code == ZIP_ER_READ)
			sw_msg(why, whylen, "%s", strerror(zip_error_code_system(&e)));
		else
			sw_msg(why, whylen, _("not an .xlsx workbook: %s"), sw_xml_ziperr(&e));
		zip_error_fini(&e);
		return NULL;
	}
	struct sw_xlsx *x = sw_xcalloc(1, sizeof *x);
	x->zip = z;
	x->cur = -1;
	int rc;
	char *wb = find_workbook(z, why, whylen, &rc);
	if (rc == 0 && !sw_xml_has(z, wb)) {
		no_workbook(z, wb, why, whylen);
		rc = -1;
	}
	if (rc == 0)
		rc = read_workbook(x, wb, why, whylen);
	free(wb);
	if (rc != 0) {
		sw_xlsx_close(x);
		return NULL;
	}
	return x;
}

void sw_xlsx_close(struct sw_xlsx *x)
{
	if (!x)
		return;
	sw_xlsx_rows_close(x);
	sw_xlsx_rows_free(&x->rows);
	sw_xlsx_parts_free(&x->parts);
	for (int i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	free(x->sst_part);
	free(x->styles_part);
	zip_discard(x->zip);
	free(x);
}

int sw_xlsx_nsheets(const struct sw_xlsx *x) { return x->nsheets; }
const char *sw_xlsx_error(const struct sw_xlsx *x) { return x->err; }
long sw_xlsx_errline(const struct sw_xlsx *x) { return x->errline; }

const char *sw_xlsx_sheet_name(const struct sw_xlsx *x, int i)
{
	return i >= 0 && i < x->nsheets ? x->sheets[i].name : NULL;
}

int sw_xlsx_sheet_hidden(const struct sw_xlsx *x, int i)
{
	return i >= 0 && i < x->nsheets ? x->sheets[i].hidden : 0;
}

int sw_xlsx_sheet(struct sw_xlsx *x, int i)
{
	sw_xlsx_rows_close(x);
	x->err[0] = 0;
	x->errline = 0;
	if (i < 0 || i >= x->nsheets) {
		sw_msg(x->err, sizeof x->err, _("no sheet %d (the workbook has %d)"), i + 1, x->nsheets);
		return -1;
	}
	if (x->loaded == 0) {
		x->loaded = sw_xlsx_parts_load(&x->parts, x->zip, x->styles_part, x->sst_part,
					       x->loaderr, sizeof x->loaderr) == 0 ? 1 : -1;
		if (x->loaded < 0)
			sw_xlsx_parts_free(&x->parts);
	}
	if (x->loaded < 0) {
		sw_msg(x->err, sizeof x->err, "%s", x->loaderr);
		return -1;
	}
	if (!x->sheets[i].part) {
		sw_msg(x->err, sizeof x->err, _("damaged workbook: sheet %d has no worksheet part"), i + 1);
		return -1;
	}
	if (sw_xlsx_rows_open(x, x->sheets[i].part) != 0)
		return -1;
	x->cur = i;
	return 0;
}

int sw_xlsx_next(struct sw_xlsx *x, struct sw_row *row)
{
	if (x->cur < 0) {
		if (!x->err[0])
			sw_msg(x->err, sizeof x->err, _("no sheet chosen"));
		return -1;
	}
	return sw_xlsx_rows_next(x, row);
}
