/* CSV in and out. The only file that knows libcsv.
 *
 * We feed libcsv one physical line at a time: that keeps line numbers
 * exact (libcsv has none) and means a feed completes at most one record,
 * which gives callers a simple pull interface. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sw/csvio.h"
#include "sw/enc.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/text.h"

#define CHUNK (256 * 1024)

struct sw_csv {
	FILE *fp;
	char *name;
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 input */
	const char *enc;	/* what cd decodes, for messages */
	char *raw;		/* undecoded bytes (GB18030, UTF-16) */
	const char *head;	/* bytes read before the open (format recognition) */
	size_t nhead;
	size_t rawlen;
	size_t chunk;		/* bytes read at a time (CHUNK, less for a small file) */
	char *buf;		/* decoded bytes; lines are taken from pos */
	size_t len, pos, cap;
	int eof, finished, started;
	int sniffed;		/* the start of GB18030 input was checked */
	int delim_known;	/* the separator was chosen from the first lines */
	int detect;		/* no encoding given: the first chunk decides */
	int bom;		/* UTF-8 that starts with a byte-order mark */
	long enc_bad;		/* line of an undecodable byte, reported once reached */
	struct csv_parser p;
	long line;		/* lines fed so far */
	long rec_line;		/* where the current record started */
	int in_record;
	int done;		/* the current feed completed a record */
	const char *bad;
	char *arena;		/* field bytes of the current record */
	size_t alen, acap;
	size_t *off;
	int nf, fcap;
	int maxf;		/* fields a record may have (SW_ROW_FIELDS_MAX) */
	size_t rbytes;		/* bytes of the current record so far */
	char **fields;
	char toowide[96];	/* the bad of a record with too many fields */
	char err[160];
	long errline;
};

static void on_field(void *data, size_t n, void *ctx)
{
	struct sw_csv *r = ctx;
	if (r->nf >= r->maxf) {	/* kept out of the arena: see finish */
		r->nf = r->maxf + 1;
		return;
	}
	if (r->nf == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 32;
		r->off = sw_xrealloc(r->off, (size_t)r->fcap * sizeof *r->off);
		r->fields = sw_xrealloc(r->fields, (size_t)r->fcap * sizeof *r->fields);
	}
	if (r->alen + n + 1 > r->acap) {
		while (r->alen + n + 1 > r->acap)
			r->acap = r->acap ? r->acap * 2 : 4096;
		r->arena = sw_xrealloc(r->arena, r->acap);
	}
	r->off[r->nf++] = r->alen;
	if (n)
		memcpy(r->arena + r->alen, data, n);
	r->arena[r->alen + n] = 0;
	r->alen += n + 1;
}

static void on_record(int c, void *ctx)
{
	struct sw_csv *r = ctx;
	(void)c;
	r->done = 1;
}

const char *sw_csv_name(const struct sw_csv *r) { return r->name; }
long sw_csv_lines(const struct sw_csv *r) { return r->line; }
const char *sw_csv_error(const struct sw_csv *r) { return r->err; }
void sw_csv_max_fields(struct sw_csv *r, int n) { r->maxf = n; }
long sw_csv_errline(const struct sw_csv *r) { return r->errline; }

int sw_csv_encoding(const struct sw_csv *r)
{
	if (r->enc && strcmp(r->enc, "GB18030") == 0)
		return SW_ENC_GB18030;
	/* UTF-16 is Excel's "Unicode text": UTF-8 with a BOM reads as well there */
	return r->enc || r->bom ? SW_ENC_UTF8_BOM : SW_ENC_UTF8;
}

/* A GB18030 converter kept from one file to the next: opening one loads
 * its module (glibc: a dlopen), which costs more than a small file's rows.
 * Taken and given back under a lock, since readers open one on the
 * import's reader thread too. (Not UTF-16's: glibc keeps the byte order
 * of the last BOM across a reset.) */
static iconv_t spare = (iconv_t)-1;
static pthread_mutex_t spare_mu = PTHREAD_MUTEX_INITIALIZER;

static iconv_t cd_open(const char *enc)
{
	iconv_t cd = (iconv_t)-1;
	if (strcmp(enc, "GB18030") == 0) {
		pthread_mutex_lock(&spare_mu);
		cd = spare;
		spare = (iconv_t)-1;
		pthread_mutex_unlock(&spare_mu);
	}
	if (cd == (iconv_t)-1)
		return iconv_open("UTF-8", enc);
	iconv(cd, NULL, NULL, NULL, NULL);	/* its initial state */
	return cd;
}

static void cd_close(const char *enc, iconv_t cd)
{
	if (strcmp(enc, "GB18030") == 0) {
		pthread_mutex_lock(&spare_mu);
		iconv_t old = spare;
		spare = cd;
		pthread_mutex_unlock(&spare_mu);
		cd = old;
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

/* Decodes the input from here on from enc: "GB18030" (GBK and GB2312 are
 * subsets), "UTF-16" (byte order from the BOM) or "UTF-16LE". */
static int use_iconv(struct sw_csv *r, const char *enc)
{
	r->cd = cd_open(enc);
	if (r->cd == (iconv_t)-1)
		return -1;
	r->enc = enc;
	r->sniffed = strcmp(enc, "GB18030") != 0;	/* only GB18030 is checked */
	r->raw = sw_xmalloc(r->chunk);
	return 0;
}

/* Reads up to n bytes: first what was read before the open, then fp. */
static size_t get(struct sw_csv *r, char *p, size_t n)
{
	if (r->nhead) {
		size_t k = r->nhead < n ? r->nhead : n;
		memcpy(p, r->head, k);
		r->head += k;
		r->nhead -= k;
		return k;
	}
	return fread(p, 1, n, r->fp);
}

/* For input with no encoding given, on its first chunk with a non-ASCII
 * byte (-1 if s[0..n) has none: ASCII is the same in both). 1 if it is
 * Chinese text in GB18030, as Excel writes CSV on a Chinese Windows: not
 * valid UTF-8, more of its non-ASCII bytes fail to start a UTF-8 sequence
 * than start one (GB18030 pairs form one now and then; a UTF-8 file with
 * a damaged byte is mostly whole sequences), and all of it, up to the last
 * complete line, decodes as GB18030. Else 0: UTF-8, bad rows named with a
 * hint. */
static int looks_gb18030(const char *s, size_t n)
{
	const char *nl = memrchr(s, '\n', n);
	size_t end = nl ? (size_t)(nl - s) + 1 : n, good = 0, bad = 0;
	for (size_t i = 0; i < end;) {
		size_t k = (unsigned char)s[i] < 0x80 ? 1 : sw_utf8_seq(s + i, end - i);
		if (k > 1)
			good++;
		else if (k == 0)
			bad++;
		i += k ? k : 1;
	}
	if (bad + good == 0)
		return -1;
	if (bad <= good)
		return 0;
	iconv_t cd = cd_open("GB18030");
	if (cd == (iconv_t)-1)
		return 0;
	char out[4096], *in = (char *)s;
	size_t inleft = end;
	int ok = 1;
	while (inleft > 0) {
		char *o = out;
		size_t oleft = sizeof out;
		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1 || errno == E2BIG)
			continue;
		ok = errno == EINVAL;	/* cut inside a character: its end is unread */
		break;
	}
	cd_close("GB18030", cd);
	return ok;
}

struct sw_csv *sw_csv_open(const char *path, const char *encoding)
{
	int stdin_ = !path || strcmp(path, "-") == 0;
	FILE *fp = stdin_ ? stdin : fopen(path, "rb");
	if (!fp) {
		sw_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	return sw_csv_openf(fp, stdin_ ? "-" : path, encoding, NULL, 0);
}

struct sw_csv *sw_csv_openf(FILE *fp, const char *name, const char *encoding,
			    const char *head, size_t nhead)
{
	struct sw_csv *r = sw_xcalloc(1, sizeof *r);
	const char *enc = NULL;

	r->cd = (iconv_t)-1;
	r->fp = fp;
	r->name = sw_xstrdup(name);
	r->head = head;
	r->nhead = nhead;
	r->maxf = SW_ROW_FIELDS_MAX;
	if (encoding && (strcasecmp(encoding, "gb18030") == 0 || strcasecmp(encoding, "gbk") == 0 ||
			 strcasecmp(encoding, "gb2312") == 0))
		enc = "GB18030";
	else if (encoding && strcasecmp(encoding, "utf-16") == 0)
		enc = "UTF-16";
	else if (encoding && strcasecmp(encoding, "utf-16le") == 0)
		enc = "UTF-16LE";
	else if (encoding && strcasecmp(encoding, "utf-8") != 0 && strcasecmp(encoding, "utf8") != 0) {
		sw_error(_("unknown encoding \"%s\" (expected utf-8, gb18030, utf-16)"), encoding);
		sw_csv_close(r);
		return NULL;
	}
	/* reads of 256 KiB, or of the whole file if it is smaller: a small
	 * file costs no big buffers (the fuzzers open thousands a second) */
	struct stat st;
	r->chunk = CHUNK;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size < CHUNK)
		r->chunk = ((size_t)st.st_size + nhead + 4096) & ~(size_t)4095;
	r->detect = !encoding;
	if (enc && use_iconv(r, enc) != 0) {
		sw_error("%s: %s", enc, strerror(errno));
		sw_csv_close(r);
		return NULL;
	}
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	/* a field grows by blocks: of 64 KiB, or of the small file's chunk */
	csv_set_blk_size(&r->p, r->chunk < 64 * 1024 ? r->chunk : 64 * 1024);
	r->cap = r->chunk * 3;	/* fill grows it only past a chunk of leftover */
	r->buf = sw_xmalloc(r->cap);
	return r;
}

static int fail(struct sw_csv *r, long line, const char *msg)
{
	snprintf(r->err, sizeof r->err, "%s", msg);
	r->errline = line;
	return -1;
}

/* For input declared GB18030: the line of its first non-ASCII character if
 * it is in fact UTF-8 (a BOM, or Chinese text that is valid UTF-8 up to the
 * last complete line: GB18030 text almost never is), else 0. Decoding
 * UTF-8 as GB18030 would store mojibake without a word. */
static long utf8_not_gb(const char *s, size_t n)
{
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return 1;
	const char *nl = memrchr(s, '\n', n);
	size_t end = nl ? (size_t)(nl - s) : n, first = end;
	int wide = 0;	/* a three-byte sequence: CJK in UTF-8 */
	for (size_t i = 0; i < end; i++)
		if ((unsigned char)s[i] >= 0x80) {
			if (first == end)
				first = i;
			wide |= (unsigned char)s[i] >= 0xe0;
		}
	if (!wide || !sw_utf8_valid(s, end))
		return 0;
	long line = 1;
	for (size_t i = 0; i < first; i++)
		line += s[i] == '\n';
	return line;
}

static int decode(struct sw_csv *r, int at_eof);

/* Appends more decoded input to buf. Returns 1 if bytes were added,
 * 0 at end of input, -1 on error. */
static int fill(struct sw_csv *r)
{
	if (r->enc_bad) {
		snprintf(r->err, sizeof r->err, _("invalid %s byte sequence"), r->enc);
		r->errline = r->enc_bad;
		return -1;
	}
	if (r->eof)
		return 0;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->len < r->chunk * 2) {
		r->cap = r->len + r->chunk * 2 + r->cap / 2;
		r->buf = sw_xrealloc(r->buf, r->cap);
	}
	if (r->cd == (iconv_t)-1) {
		size_t n = get(r, r->buf + r->len, r->chunk);
		if (n == 0) {
			if (ferror(r->fp))
				return fail(r, r->line + 1, strerror(errno));
			r->eof = 1;
			return 0;
		}
		int gb = r->detect ? looks_gb18030(r->buf + r->len, n) : 0;
		if (gb >= 0)
			r->detect = 0;
		if (gb > 0 && use_iconv(r, "GB18030") == 0) {
			memcpy(r->raw, r->buf + r->len, n);
			r->rawlen = n;
			r->sniffed = 1;
			return decode(r, 0);
		}
		r->len += n;
		return 1;
	}
	size_t n = get(r, r->raw + r->rawlen, r->chunk - r->rawlen);
	if (n == 0 && ferror(r->fp))
		return fail(r, r->line + 1, strerror(errno));
	r->rawlen += n;
	if (!r->sniffed) {
		r->sniffed = 1;
		long line = utf8_not_gb(r->raw, r->rawlen);
		if (line)
			return fail(r, line, _("text is UTF-8, not GB18030 (leave out --encoding)"));
	}
	if (r->rawlen == 0) {
		r->eof = 1;
		return 0;
	}
	return decode(r, n == 0);
}

/* Decodes the GB18030 bytes in raw onto buf (at_eof: no more will come).
 * Returns as fill does. */
static int decode(struct sw_csv *r, int at_eof)
{
	char *in = r->raw, *out = r->buf + r->len;
	size_t inleft = r->rawlen, outleft = r->cap - r->len;
	size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
	size_t added = (size_t)(out - (r->buf + r->len));
	if (rc == (size_t)-1 && errno == EILSEQ) {
		long line = r->line + 1;
		for (size_t i = r->pos; i < r->len + added; i++)
			line += r->buf[i] == '\n';
		/* Hand out the lines before the bad byte first. */
		r->len += added;
		r->enc_bad = line;
		return added ? 1 : fill(r);
	}
	if (rc == (size_t)-1 && errno == EINVAL && at_eof) {
		snprintf(r->err, sizeof r->err, _("%s text cut off at end of file"), r->enc);
		r->errline = r->line + 1;
		return -1;
	}
	r->len += added;
	memmove(r->raw, in, inleft);
	r->rawlen = inleft;
	return 1;
}

static const char too_long[] = N_("row longer than 2 MiB (is a closing quote missing?)");

/* The next physical line including its terminator (LF, CRLF or a lone CR).
 * NULL at end of input or on error (r->err set). */
static char *next_line(struct sw_csv *r, size_t *n)
{
	for (;;) {
		char *s = r->buf + r->pos, *e = r->buf + r->len;
		char *nl = memchr(s, '\n', (size_t)(e - s));
		char *cr = memchr(s, '\r', (size_t)((nl ? nl : e) - s));
		char *end = NULL;
		if (cr && cr + 1 < e)
			end = cr[1] == '\n' ? cr + 2 : cr + 1;
		else if (!cr && nl)
			end = nl + 1;
		if (!end && (size_t)(e - s) > SW_ROW_BYTES_MAX) {
			fail(r, r->in_record ? r->rec_line : r->line + 1, _(too_long));
			return NULL;
		}
		if (!end) {
			int rc = fill(r);
			if (rc < 0)
				return NULL;
			if (rc == 0) {
				if (r->pos == r->len)
					return NULL;
				s = r->buf + r->pos;	/* fill may have moved buf */
				end = r->buf + r->len;
			} else
				continue;
		}
		*n = (size_t)(end - s);
		r->pos += *n;
		return s;
	}
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

static int finish(struct sw_csv *r, struct sw_row *row)
{
	if (r->nf > r->maxf) {
		r->nf = r->maxf;
		snprintf(r->toowide, sizeof r->toowide, _("more than %d fields: clear the cells "
			 "to the right of the table"), r->maxf);
		r->bad = r->toowide;
	}
	for (int i = 0; i < r->nf; i++)
		r->fields[i] = r->arena + r->off[i];
	row->line = r->rec_line;
	row->nf = r->nf;
	row->f = r->fields;
	row->bad = r->bad;
	row->badcell = 0;
	row->kind = NULL;
	r->in_record = 0;
	return 1;
}

/* Lines of s[0..n) (at most 64, blank ones left out) in which a comma,
 * a tab, a semicolon occurs outside quotes: lines[0], [1], [2]. */
static void lines_with(const char *s, size_t n, int lines[3])
{
	int quoted = 0, k = 0;
	unsigned seen = 0;	/* bit d: separator d on this line */
	lines[0] = lines[1] = lines[2] = 0;
	for (size_t i = 0; i < n && k < 64; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == ',')
			seen |= 1;
		else if (c == '\t')
			seen |= 2;
		else if (c == ';')
			seen |= 4;
		else if (c == '\n') {
			for (int d = 0; d < 3; d++)
				lines[d] += seen >> d & 1;
			seen = 0;
			k++;
		}
	}
	for (int d = 0; d < 3; d++)
		lines[d] += seen >> d & 1;
}

/* Chooses the field separator from the first lines: a comma, unless tabs
 * (Excel's "Unicode text") or semicolons (CSV from a European locale)
 * separate the fields of more lines than commas do. */
static int choose_delim(struct sw_csv *r)
{
	r->delim_known = 1;
	if (r->pos == r->len && fill(r) < 0)
		return -1;
	int l[3];
	lines_with(r->buf + r->pos, r->len - r->pos, l);
	int comma = l[0], tab = l[1], semi = l[2];
	if (tab > comma && tab >= semi)
		csv_set_delim(&r->p, '\t');
	else if (semi > comma)
		csv_set_delim(&r->p, ';');
	return 0;
}

int sw_csv_next(struct sw_csv *r, struct sw_row *row)
{
	if (r->err[0])
		return -1;
	if (!r->delim_known && choose_delim(r) != 0)
		return -1;
	r->nf = 0;
	r->alen = 0;
	r->done = 0;
	r->bad = NULL;
	while (!r->finished) {
		size_t n;
		char *s = next_line(r, &n);
		if (!s) {
			if (r->err[0])
				return -1;
			r->finished = 1;
			if (csv_fini(&r->p, on_field, on_record, r) != 0)
				return fail(r, r->rec_line, _("unterminated quoted field"));
			return r->done ? finish(r, row) : 0;
		}
		r->line++;
		if (!r->started) {
			r->started = 1;
			if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
				s += 3, n -= 3, r->bom = 1;
		}
		if (!r->in_record) {
			if (blank(s, n))
				continue;
			r->in_record = 1;
			r->rec_line = r->line;
			r->rbytes = 0;
			/* only the file's first BOM marks the encoding; another
			 * would end up inside a key, invisible */
			if (r->line > 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
				r->bad = _("a byte-order mark (U+FEFF) starts the line: were two "
					   "files joined? delete it");
		}
		if ((r->rbytes += n) > SW_ROW_BYTES_MAX)
			return fail(r, r->rec_line, _(too_long));
		if (!r->bad && !sw_utf8_valid(s, n))
			r->bad = memchr(s, 0, n) ? _("NUL byte in data")
				: r->cd == (iconv_t)-1
				? _("invalid UTF-8 (if the file is GB18030, use --encoding gb18030)")
				: _("invalid text");
		if (csv_parse(&r->p, s, n, on_field, on_record, r) != n)
			return fail(r, r->line, csv_error(&r->p) == CSV_EPARSE
				    ? _("malformed quoted field") : _("out of memory"));
		if (r->done)
			return finish(r, row);
	}
	return 0;
}

void sw_csv_close(struct sw_csv *r)
{
	if (!r)
		return;
	if (r->fp && r->fp != stdin)
		fclose(r->fp);
	if (r->cd != (iconv_t)-1)
		cd_close(r->enc, r->cd);
	csv_free(&r->p);
	free(r->raw);
	free(r->buf);
	free(r->arena);
	free(r->off);
	free(r->fields);
	free(r->name);
	free(r);
}

/* Writes field s at o, quoted only where needed, and returns the end;
 * o has room for 2 * strlen(s) + 2 bytes. */
static char *put_field(char *o, const char *s)
{
	size_t n = strcspn(s, ",\"\r\n");	/* the whole field, mostly */
	if (!s[n] && !(n && (s[0] == ' ' || s[n - 1] == ' '))) {
		memcpy(o, s, n);
		return o + n;
	}
	*o++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	return o;
}

/* Fields and separators are put together first and written at once: a
 * ranking writes hundreds of thousands of rows. */
static void put_fields(FILE *fp, const char *const *f, int n, int row)
{
	char local[4096], *buf = local;
	size_t need = 1;
	for (int i = 0; i < n; i++)
		need += 2 * (f[i] ? strlen(f[i]) : 0) + 3;
	if (need > sizeof local)
		buf = sw_xmalloc(need);
	char *o = buf;
	for (int i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		o = put_field(o, f[i] ? f[i] : "");
	}
	if (row)
		*o++ = '\n';
	if (o > buf)
		fwrite(buf, 1, (size_t)(o - buf), fp);
	if (buf != local)
		free(buf);
}

void sw_csv_put(FILE *fp, const char *s)
{
	if (s)
		put_fields(fp, &s, 1, 0);
}

void sw_csv_put_row(FILE *fp, char *const *f, int n)
{
	put_fields(fp, (const char *const *)f, n, 1);
}
