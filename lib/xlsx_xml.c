/* One part of an .xlsx package streamed through expat, a chunk at a time.
 *
 * A worksheet can be far larger unpacked than packed, so nothing here holds
 * a whole part: chunks go from zip_fread straight into expat's buffer. A
 * handler may suspend the parser (one row per call) and sw_xml_step
 * resumes it before it reads on. Parts are hostile input: a document type
 * declaration (the way to entity expansion) stops the parse, and bytes that
 * are not UTF-8 are marked rather than fatal, so that only their cell is
 * refused. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/text.h"
#include "sw/xlsxpriv.h"

void sw_xml_fail(struct sw_xml *s, const char *fmt, ...)
{
	if (!s->err[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(s->err, sizeof s->err, fmt, ap);
		va_end(ap);
	}
	XML_StopParser(s->p, XML_FALSE);
}

void sw_xml_finish(struct sw_xml *s)
{
	s->done = 1;
	XML_StopParser(s->p, XML_FALSE);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
			       const XML_Char *pub, int internal)
{
	struct sw_xml *s = ud;
	(void)name, (void)sys, (void)pub, (void)internal;
	sw_xml_fail(s, _("%s: document type declaration refused"), s->part);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int param,
			      const XML_Char *value, int len, const XML_Char *base,
			      const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
	(void)name, (void)param, (void)value, (void)len, (void)base, (void)sys;
	struct sw_xml *s = ud;
	(void)pub, (void)notation;
	sw_xml_fail(s, _("%s: entity declaration refused"), s->part);
}

const char *sw_xml_ziperr(zip_error_t *e)
{
	switch (zip_error_code_zip(e)) {
	case ZIP_ER_CRC: return _("damaged zip archive (crc error)");
	case ZIP_ER_ZLIB: case ZIP_ER_COMPRESSED_DATA: return _("damaged zip archive (bad compressed data)");
	case ZIP_ER_EOF: return _("damaged zip archive (premature end)");
	case ZIP_ER_INCONS: return _("damaged zip archive (inconsistent)");
	case ZIP_ER_NOPASSWD: case ZIP_ER_WRONGPASSWD: case ZIP_ER_ENCRNOTSUPP:
		return _("encrypted workbook: save it without a password");
	case ZIP_ER_COMPNOTSUPP: return _("unsupported zip compression method");
	case ZIP_ER_MEMORY: return _("out of memory");
	case ZIP_ER_NOENT: return _("part missing");
	case ZIP_ER_READ: case ZIP_ER_SEEK: return _("read error");
	default: return _("damaged zip archive");
	}
}

/* "part: why", or only why when it concerns the whole workbook. */
static void zip_fail(char *buf, size_t n, const char *part, zip_error_t *e)
{
	int code = zip_error_code_zip(e);
	if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP ||
	    code == ZIP_ER_MEMORY)
		snprintf(buf, n, "%s", sw_xml_ziperr(e));
	else
		snprintf(buf, n, "%s: %s", part, sw_xml_ziperr(e));
}

int sw_xml_has(zip_t *z, const char *part)
{
	return zip_name_locate(z, part, ZIP_FL_NOCASE) >= 0;
}

int sw_xml_open(struct sw_xml *s, zip_t *z, const char *part, void *ud,
		XML_StartElementHandler start, XML_EndElementHandler end,
		XML_CharacterDataHandler text, char *why, size_t whylen)
{
	memset(s, 0, sizeof *s);
	s->part = part;
	s->ud = ud;
	zip_int64_t i = zip_name_locate(z, part, ZIP_FL_NOCASE);
	if (i < 0) {
		sw_msg(why, whylen, _("%s: part missing"), part);
		return -1;
	}
	s->zf = zip_fopen_index(z, (zip_uint64_t)i, 0);
	if (!s->zf) {
		zip_fail(why, whylen, part, zip_get_error(z));
		return -1;
	}
	s->p = XML_ParserCreate(NULL);
	if (!s->p) {
		sw_msg(why, whylen, _("out of memory"));
		sw_xml_close(s);
		return -1;
	}
	XML_SetUserData(s->p, s);
	XML_SetElementHandler(s->p, start, end);
	XML_SetCharacterDataHandler(s->p, text);
	XML_SetStartDoctypeDeclHandler(s->p, on_doctype);
	XML_SetEntityDeclHandler(s->p, on_entity);
	XML_SetParamEntityParsing(s->p, XML_PARAM_ENTITY_PARSING_NEVER);
	s->raw = sw_xmalloc(SW_XLSX_CHUNK + 4);
	return 0;
}

void sw_xml_close(struct sw_xml *s)
{
	if (s->p)
		XML_ParserFree(s->p);
	if (s->zf)
		zip_fclose(s->zf);
	free(s->raw);
	s->p = NULL;
	s->zf = NULL;
	s->raw = NULL;
}

/* Whether a part that starts with s[0..n) is to be checked as UTF-8: not
 * if it is UTF-16 (a BOM) or declares another encoding; expat reads those
 * itself. */
static int utf8_part(const char *s, size_t n)
{
	if (n >= 2 && ((s[0] == '\xff' && s[1] == '\xfe') || (s[0] == '\xfe' && s[1] == '\xff')))
		return 0;
	if (n < 5 || memcmp(s, "<?xml", 5) != 0)
		return 1;
	const char *end = memmem(s, n < 512 ? n : 512, "?>", 2);
	const char *enc = end ? memmem(s, (size_t)(end - s), "encoding", 8) : NULL;
	if (!enc)
		return 1;
	enc += 8;
	while (enc < end && (*enc == ' ' || *enc == '=' || *enc == '"' || *enc == '\''))
		enc++;
	return strncasecmp(enc, "utf-8", 5) == 0 || strncasecmp(enc, "utf8", 4) == 0;
}

/* 1 if s[0..n) is the start of a UTF-8 sequence that the next chunk may
 * complete. */
static int cut_sequence(const unsigned char *s, size_t n)
{
	size_t need = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	if (s[0] < 0xc2 || s[0] > 0xf4 || n >= need)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return 1;
}

/* Copies raw[0..n) to out, marks in place of bytes that are not UTF-8 or
 * not allowed in XML, and keeps an unfinished last character in raw for
 * the next chunk (unless this is the last). Returns the bytes written;
 * out has room for 3 * n. */
static size_t sanitise(struct sw_xml *s, size_t n, char *out)
{
	const unsigned char *in = (const unsigned char *)s->raw;
	size_t i = 0, o = 0;
	while (i < n) {
		unsigned char b = in[i];
		if (b >= 0x20 && b < 0x80) {
			out[o++] = (char)b;
			i++;
			continue;
		}
		const char *mark = NULL;
		size_t k = 1;
		if (b < 0x20 && b != '\t' && b != '\n' && b != '\r')
			mark = b ? SW_XML_MARK_CTL : SW_XML_MARK_NUL;
		else if (b >= 0x80 && !(k = sw_utf8_seq((const char *)in + i, n - i))) {
			if (!s->last && cut_sequence(in + i, n - i))
				break;
			mark = SW_XML_MARK_BAD;
			k = 1;
		}
		if (mark) {
			memcpy(out + o, mark, 3);
			o += 3;
			s->marked = 1;
		} else {
			memcpy(out + o, in + i, k);
			o += k;
		}
		i += k;
	}
	s->carry = n - i;
	memmove(s->raw, s->raw + i, s->carry);
	return o;
}

int sw_xml_step(struct sw_xml *s)
{
	enum XML_Status st;
	if (s->err[0])
		return -1;
	if (s->finished)
		return 0;
	if (s->suspended) {
		s->suspended = 0;
		st = XML_ResumeParser(s->p);
	} else {
		zip_int64_t got = zip_fread(s->zf, s->raw + s->carry, SW_XLSX_CHUNK);
		if (got < 0) {
			zip_fail(s->err, sizeof s->err, s->part, zip_file_get_error(s->zf));
			return -1;
		}
		size_t n = s->carry + (size_t)got;
		s->last = got == 0;
		if (!s->started) {
			s->started = 1;
			s->check = utf8_part(s->raw, n);
		}
		char *buf = XML_GetBuffer(s->p, (int)(s->check ? 3 * n + 1 : n + 1));
		if (!buf) {
			snprintf(s->err, sizeof s->err, "%s", _("out of memory"));
			return -1;
		}
		size_t len = n;
		if (s->check)
			len = sanitise(s, n, buf);
		else {
			memcpy(buf, s->raw, n);
			s->carry = 0;
		}
		st = XML_ParseBuffer(s->p, (int)len, s->last);
	}
	switch (st) {
	case XML_STATUS_SUSPENDED:
		s->suspended = 1;
		return 1;
	case XML_STATUS_OK:
		if (!s->last)
			return 1;
		s->finished = 1;
		return 0;
	default:
		if (s->done && !s->err[0]) {
			s->finished = 1;
			return 0;
		}
		if (!s->err[0])
			snprintf(s->err, sizeof s->err, "%s: %s", s->part,
				 XML_ErrorString(XML_GetErrorCode(s->p)));
		return -1;
	}
}

int sw_xml_run(struct sw_xml *s)
{
	int rc;
	while ((rc = sw_xml_step(s)) > 0)
		;
	return rc;
}

const char *sw_xml_local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

const char *sw_xml_attr(const char **atts, const char *local)
{
	for (; atts[0]; atts += 2)
		if (strncmp(atts[0], "xmlns", 5) != 0 && strcmp(sw_xml_local(atts[0]), local) == 0)
			return atts[1];
	return NULL;
}

const char *sw_xml_marked(const char *s, size_t n)
{
	const char *e = s + n;
	while ((s = memmem(s, (size_t)(e - s), "\xef\xb7", 2)) != NULL) {
		if (e - s >= 3 && (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x92)
			return s[2] == '\x90' ? N_("invalid UTF-8")
				: s[2] == '\x91' ? N_("NUL byte in data") : N_("control character in data");
		s += 2;
	}
	return NULL;
}
