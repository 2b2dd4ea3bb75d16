/* Output files in the encoding their reader needs (sw/enc.h). GB18030 is
 * written through a stdio cookie stream (glibc's fopencookie) that converts
 * with iconv into the file's own stream, so every writer keeps writing
 * UTF-8 to a FILE *. GB18030 holds all of Unicode: only text that is not
 * UTF-8 at all can fail, and then the file is not kept. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "sw/enc.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/out.h"

int sw_out_encoding = -1;

static const char *const names[] = {"utf-8", "utf-8-bom", "gb18030"};

int sw_enc_parse(const char *s)
{
	if (strcasecmp(s, "utf8") == 0)
		return SW_ENC_UTF8;
	for (int i = 0; i < 3; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	return -1;
}

struct conv {
	FILE *raw;		/* the file's own stream */
	iconv_t cd;		/* UTF-8 to GB18030 */
	char pend[4];		/* a UTF-8 character cut between two writes */
	size_t npend;
	int err;		/* why the stream failed: EILSEQ for text not UTF-8 */
};

/* Converts *in onto c->raw. 0 when all of it is done; else -1 with errno:
 * EINVAL when it ends inside a character (*left bytes of it left), EILSEQ
 * for bytes that are not UTF-8, or the write's error. */
static int convert(struct conv *c, char **in, size_t *left)
{
	while (*left) {
		char out[8192], *o = out;
		size_t room = sizeof out;
		size_t rc = iconv(c->cd, in, left, &o, &room);
		int e = rc == (size_t)-1 ? errno : 0;
		size_t n = (size_t)(o - out);
		if (n && fwrite(out, 1, n, c->raw) != n)
			return -1;
		if (e && e != E2BIG) {
			errno = e;
			return -1;
		}
	}
	return 0;
}

static ssize_t fail(struct conv *c, int e)
{
	c->err = e;
	errno = e;
	return -1;
}

static ssize_t conv_write(void *cookie, const char *buf, size_t size)
{
	struct conv *c = cookie;
	size_t used = 0;
	if (c->err)
		return fail(c, c->err);
	/* first the character the last write cut, a byte at a time */
	while (c->npend && used < size) {
		c->pend[c->npend++] = buf[used++];
		char *in = c->pend;
		size_t left = c->npend;
		if (convert(c, &in, &left) == 0)
			c->npend = 0;
		else if (errno != EINVAL || c->npend == sizeof c->pend)
			return fail(c, errno == EINVAL ? EILSEQ : errno);
	}
	char *in = (char *)buf + used;
	size_t left = size - used;
	if (convert(c, &in, &left) != 0) {
		if (errno != EINVAL || left >= sizeof c->pend)
			return fail(c, errno == EINVAL ? EILSEQ : errno);
		memcpy(c->pend, in, left);
		c->npend = left;
	}
	return (ssize_t)size;
}

static int conv_close(void *cookie)
{
	struct conv *c = cookie;
	if (!c->err && c->npend)	/* the text ended inside a character */
		c->err = EILSEQ;
	return c->err ? -1 : 0;
}

int sw_file_encode(struct sw_file *f, int enc)
{
	if (f->encoded)
		return 0;
	f->encoded = 1;
	if (enc == SW_ENC_UTF8_BOM)
		fputs("\xef\xbb\xbf", f->fp);
	if (enc != SW_ENC_GB18030)
		return 0;
	struct conv *c = sw_xcalloc(1, sizeof *c);
	c->raw = f->fp;
	c->cd = iconv_open("GB18030", "UTF-8");
	int rc = 0;
	if (c->cd == (iconv_t)-1) {
		/* (glibc without its gconv modules) the stream fails every
		 * write, so that the file is not kept in another encoding */
		sw_error("%s: GB18030: %s", f->path ? f->path : "-", strerror(errno));
		c->err = errno;
		rc = -1;
	}
	FILE *fp = fopencookie(c, "w", (cookie_io_functions_t){.write = conv_write,
							       .close = conv_close});
	if (!fp) {	/* (out of memory) the file stays unencoded and is dropped */
		sw_error("%s: %s", f->path ? f->path : "-", strerror(errno));
		if (c->cd != (iconv_t)-1)
			iconv_close(c->cd);
		free(c);
		return -1;
	}
	setvbuf(fp, NULL, _IOFBF, SW_OUT_BUFSIZ);
	f->fp = fp;
	f->enc = c;
	return rc;
}

int sw_file_to_file(const struct sw_file *f)
{
	struct stat sb;
	return f->tmp || (fstat(fileno(f->fp), &sb) == 0 && S_ISREG(sb.st_mode));
}

int sw_out_encode(struct sw_file *f, int fmt)
{
	if (sw_out_encoding <= SW_ENC_UTF8)
		return 0;
	if (fmt == SW_FMT_JSON) {
		sw_error(_("--output-encoding: JSON is always UTF-8"));
		return -1;
	}
	/* text only: a workbook or a page says its own encoding */
	int text = fmt == SW_FMT_CSV || fmt == SW_FMT_TSV || fmt == SW_FMT_TABLE || fmt == SW_FMT_MD;
	return text ? sw_file_encode(f, sw_out_encoding) : 0;
}

int sw_file_unencode(struct sw_file *f, int quiet)
{
	struct conv *c = f->enc;
	if (!c)
		return 0;
	int rc = fclose(f->fp);
	int e = c->err ? c->err : errno;
	f->fp = c->raw;
	f->enc = NULL;
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	free(c);
	if (rc == 0 || quiet)
		return rc == 0 ? 0 : -1;
	if (e == EILSEQ)
		sw_error(_("%s: text that is not UTF-8 cannot be written in GB18030"),
			 f->path ? f->path : "-");
	else
		sw_error("%s: %s", f->path ? f->path : "-", strerror(e ? e : EIO));
	return -1;
}
