/* The two parts every worksheet row may refer to, read whole before the
 * first row: the cell styles (which cells are dates) and the shared
 * strings (the text of most cells). */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/xlsxpriv.h"

/* Why a shared string cannot be used, by the code kept in sstbad. */
static const char *const bad_reasons[] = {
	NULL, N_("invalid UTF-8"), N_("NUL byte in data"), N_("control character in data")
};

static unsigned char bad_code(const char *why)
{
	for (unsigned char i = 1; i < sizeof bad_reasons / sizeof *bad_reasons; i++)
		if (strcmp(why, bad_reasons[i]) == 0)
			return i;
	return 1;
}

const char *sw_xlsx_sst_bad(const struct sw_xlsx_parts *t, size_t i)
{
	return bad_reasons[t->sstbad[i]];
}

/* --- styles.xml: cellXfs entries and the numFmt each points to --- */

struct styles {
	struct sw_xlsx_parts *t;
	int in_fmts, in_xfs;
	int *xfid;		/* numFmtId per cellXfs entry */
	int nxf, xfcap;
	struct { int id, cls; } *fmt;
	int nfmt, fmtcap;
};

#define FMT_ID_MAX 65535	/* Excel's ids are far below */

static int fmt_id(const char *s)
{
	long v = s ? strtol(s, NULL, 10) : 0;
	return v < 0 || v > FMT_ID_MAX ? 0 : (int)v;
}

static void XMLCALL styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sw_xml *s = ud;
	struct styles *c = s->ud;
	name = sw_xml_local(name);
	if (strcmp(name, "numFmts") == 0)
		c->in_fmts = 1;
	else if (strcmp(name, "cellXfs") == 0)
		c->in_xfs = 1;
	else if (c->in_fmts && strcmp(name, "numFmt") == 0) {
		const char *code = sw_xml_attr(atts, "formatCode");
		if (c->nfmt == SW_XLSX_XF_MAX) {
			sw_xml_fail(s, _("%s: too many number formats"), s->part);
			return;
		}
		if (c->nfmt == c->fmtcap) {
			c->fmtcap = c->fmtcap ? 2 * c->fmtcap : 16;
			c->fmt = sw_xrealloc(c->fmt, (size_t)c->fmtcap * sizeof *c->fmt);
		}
		c->fmt[c->nfmt].id = fmt_id(sw_xml_attr(atts, "numFmtId"));
		c->fmt[c->nfmt++].cls = code ? sw_xlsx_format_class(code) : SW_FMT_NUMBER;
	} else if (c->in_xfs && strcmp(name, "xf") == 0) {
		if (c->nxf == SW_XLSX_XF_MAX) {
			sw_xml_fail(s, _("%s: too many cell formats"), s->part);
			return;
		}
		if (c->nxf == c->xfcap) {
			c->xfcap = c->xfcap ? 2 * c->xfcap : 64;
			c->xfid = sw_xrealloc(c->xfid, (size_t)c->xfcap * sizeof *c->xfid);
		}
		c->xfid[c->nxf++] = fmt_id(sw_xml_attr(atts, "numFmtId"));
	}
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
	struct styles *c = ((struct sw_xml *)ud)->ud;
	name = sw_xml_local(name);
	if (strcmp(name, "numFmts") == 0)
		c->in_fmts = 0;
	else if (strcmp(name, "cellXfs") == 0)
		c->in_xfs = 0;
}

static int load_styles(struct sw_xlsx_parts *t, zip_t *z, const char *part, char *why, size_t whylen)
{
	struct styles c = {.t = t};
	struct sw_xml s;
	if (sw_xml_open(&s, z, part, &c, styles_start, styles_end, NULL, why, whylen) != 0)
		return -1;
	int rc = sw_xml_run(&s);
	if (rc < 0)
		sw_msg(why, whylen, "%s", s.err);
	sw_xml_close(&s);
	if (rc == 0) {
		/* class by numFmtId: built-in, unless a numFmt redefines it */
		unsigned char *cls = sw_xmalloc(FMT_ID_MAX + 1);
		for (int id = 0; id <= FMT_ID_MAX; id++)
			cls[id] = (unsigned char)sw_xlsx_builtin_class(id);
		for (int j = 0; j < c.nfmt; j++)
			cls[c.fmt[j].id] = (unsigned char)c.fmt[j].cls;
		t->xf = sw_xmalloc((size_t)c.nxf);
		t->nxf = c.nxf;
		for (int i = 0; i < c.nxf; i++)
			t->xf[i] = cls[c.xfid[i]];
		free(cls);
	}
	free(c.xfid);
	free(c.fmt);
	return rc;
}

/* --- sharedStrings.xml: the text of each <si>, phonetic runs left out --- */

struct strings {
	struct sw_xlsx_parts *t;
	int in_si, in_t, rph;
	size_t start;		/* where the current string starts in sst */
};

static void sst_room(struct sw_xlsx_parts *t, size_t n)
{
	if (t->sstlen + n <= t->sstcap)
		return;
	size_t cap = t->sstcap ? t->sstcap : 64 * 1024;
	while (cap < t->sstlen + n)
		cap *= 2;
	t->sst = sw_xrealloc(t->sst, cap);
	t->sstcap = cap;
}

static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct strings *c = ((struct sw_xml *)ud)->ud;
	(void)atts;
	name = sw_xml_local(name);
	if (strcmp(name, "si") == 0) {
		c->in_si = 1;
		c->rph = 0;
		c->start = c->t->sstlen;
	} else if (c->in_si && strcmp(name, "rPh") == 0)
		c->rph++;
	else if (c->in_si && !c->rph && strcmp(name, "t") == 0)
		c->in_t = 1;
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
	struct sw_xml *x = ud;
	struct strings *c = x->ud;
	struct sw_xlsx_parts *t = c->t;
	if (!c->in_t)
		return;
	if (t->sstlen - c->start + (size_t)len > SW_XLSX_RAW_MAX) {
		sw_xml_fail(x, _("%s: a shared string is longer than %d characters"),
			    x->part, SW_XLSX_CELL_MAX);
		return;
	}
	sst_room(t, (size_t)len);
	memcpy(t->sst + t->sstlen, s, (size_t)len);
	t->sstlen += (size_t)len;
}

/* Ends the current string: escapes decoded, length and total checked. */
static void sst_end_string(struct sw_xml *x, struct strings *c)
{
	struct sw_xlsx_parts *t = c->t;
	char *s = t->sst ? t->sst + c->start : NULL;
	size_t n = t->sstlen - c->start;
	const char *bad = NULL;
	if (n) {
		n = sw_xlsx_unescape(s, n, &bad);
		if (x->marked && sw_xml_marked(s, n))
			bad = sw_xml_marked(s, n);
	}
	if (sw_xlsx_units(s, n) > SW_XLSX_CELL_MAX) {
		sw_xml_fail(x, _("%s: a shared string is longer than %d characters"),
			    x->part, SW_XLSX_CELL_MAX);
		return;
	}
	if (c->start + n + 1 + 5 * (t->nsst + 1) > SW_XLSX_SST_MAX) {
		sw_xml_fail(x, _("%s: shared strings take more than 1 GiB"), x->part);
		return;
	}
	t->sstlen = c->start + n;
	sst_room(t, 1);
	t->sst[t->sstlen++] = 0;
	if (t->nsst == t->offcap) {
		t->offcap = t->offcap ? 2 * t->offcap : 1024;
		t->sstoff = sw_xrealloc(t->sstoff, t->offcap * sizeof *t->sstoff);
		t->sstbad = sw_xrealloc(t->sstbad, t->offcap);
	}
	t->sstoff[t->nsst] = (uint32_t)c->start;
	t->sstbad[t->nsst++] = bad ? bad_code(bad) : 0;
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
	struct sw_xml *x = ud;
	struct strings *c = x->ud;
	name = sw_xml_local(name);
	if (strcmp(name, "t") == 0)
		c->in_t = 0;
	else if (c->in_si && strcmp(name, "rPh") == 0)
		c->rph--;
	else if (strcmp(name, "si") == 0 && c->in_si) {
		c->in_si = c->in_t = 0;
		sst_end_string(x, c);
	}
}

static int load_strings(struct sw_xlsx_parts *t, zip_t *z, const char *part, char *why, size_t whylen)
{
	struct strings c = {.t = t};
	struct sw_xml s;
	if (sw_xml_open(&s, z, part, &c, sst_start, sst_end, sst_text, why, whylen) != 0)
		return -1;
	int rc = sw_xml_run(&s);
	if (rc < 0)
		sw_msg(why, whylen, "%s", s.err);
	sw_xml_close(&s);
	return rc;
}

int sw_xlsx_parts_load(struct sw_xlsx_parts *t, zip_t *z, const char *styles,
		       const char *sst, char *why, size_t whylen)
{
	memset(t, 0, sizeof *t);
	if (styles && load_styles(t, z, styles, why, whylen) != 0)
		return -1;
	if (sst && load_strings(t, z, sst, why, whylen) != 0)
		return -1;
	return 0;
}

void sw_xlsx_parts_free(struct sw_xlsx_parts *t)
{
	free(t->xf);
	free(t->sst);
	free(t->sstoff);
	free(t->sstbad);
	memset(t, 0, sizeof *t);
}
