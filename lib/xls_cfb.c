/* The compound file (CFB) that holds an .xls: sectors chained through a
 * FAT, a directory of streams, small streams in a mini stream. Read from
 * memory; every chain is checked against the file's sectors and for
 * loops, so a damaged file is refused, never read past. */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/xlspriv.h"

#define ENDCHAIN 0xfffffffeu

struct cfb {
	const unsigned char *p;
	size_t n;
	size_t ss;		/* sector size */
	uint32_t nsec;		/* sectors in the file */
	uint32_t *fat;
	uint32_t nfat;
};

static const unsigned char *sector(const struct cfb *c, uint32_t s)
{
	return s < c->nsec ? c->p + ((size_t)s + 1) * c->ss : NULL;
}

/* Follows a chain from start through next[0..nnext) and copies up to size
 * bytes of units of u bytes each (size -1: to the end of the chain). The
 * unit at i is at(i). NULL if the chain is broken or loops. */
static unsigned char *chain(const struct cfb *c, const uint32_t *next, uint32_t nnext,
			    uint32_t start, size_t size, size_t u, const unsigned char *base,
			    size_t nbase, size_t *len)
{
	size_t cap = size != (size_t)-1 ? size : 0, have = 0;
	unsigned char *out = sw_xmalloc(cap ? cap : 1);
	uint32_t s = start;
	for (uint32_t steps = 0; s != ENDCHAIN && (size == (size_t)-1 || have < size); steps++) {
		const unsigned char *at = base ? (s < nbase / u ? base + (size_t)s * u : NULL)
					       : sector(c, s);
		if (!at || s >= nnext || steps >= nnext) {
			free(out);
			return NULL;
		}
		size_t k = size == (size_t)-1 || size - have > u ? u : size - have;
		if (have + k > cap) {
			cap = 2 * cap + u;
			out = sw_xrealloc(out, cap);
		}
		memcpy(out + have, at, k);
		have += k;
		s = next[s];
	}
	if (size != (size_t)-1 && have < size) {
		free(out);
		return NULL;
	}
	*len = have;
	return out;
}

/* The FAT from the sector list in the header and the DIFAT sectors. */
static int read_fat(struct cfb *c)
{
	const unsigned char *h = c->p;
	uint32_t nfs = le32(h + 0x2c), difat = le32(h + 0x44), per = (uint32_t)(c->ss / 4);
	if (nfs == 0 || nfs > c->nsec)
		return -1;
	c->nfat = nfs * per;
	c->fat = sw_xmalloc((size_t)c->nfat * 4);
	const unsigned char *d = NULL;	/* the DIFAT sector being read */
	for (uint32_t i = 0, steps = 0; i < nfs; i++) {
		uint32_t fs;
		if (i < 109)
			fs = le32(h + 0x4c + 4 * i);
		else {
			uint32_t k = (i - 109) % (per - 1);
			if (k == 0) {
				if (d)	/* the last entry links to the next sector */
					difat = le32(d + 4 * (per - 1));
				d = sector(c, difat);
				if (!d || ++steps > c->nsec)
					return -1;
			}
			fs = le32(d + 4 * k);
		}
		const unsigned char *f = sector(c, fs);
		if (!f)
			return -1;
		for (uint32_t k = 0; k < per; k++)
			c->fat[i * per + k] = le32(f + 4 * k);
	}
	return 0;
}

/* 1 if directory entry e is named name (ASCII, case as given). */
static int named(const unsigned char *e, const char *name)
{
	size_t len = strlen(name), nb = le16(e + 0x40);
	if (nb != 2 * (len + 1))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (e[2 * i] != (unsigned char)name[i] || e[2 * i + 1] != 0)
			return 0;
	return 1;
}

/* Why an OLE file without a workbook stream is no workbook. */
static void not_book(const unsigned char *dir, size_t nd, char *why, size_t whylen)
{
	for (size_t i = 0; i + 128 <= nd; i += 128) {
		if (named(dir + i, "EncryptedPackage")) {
			sw_msg(why, whylen, _("encrypted workbook: save it without a password"));
			return;
		}
		if (named(dir + i, "WordDocument")) {
			sw_msg(why, whylen, _("a Word document (.doc): copy the table into Excel or WPS and "
			       "save it as .xlsx or CSV UTF-8"));
			return;
		}
		if (named(dir + i, "PowerPoint Document")) {
			sw_msg(why, whylen, _("a PowerPoint file, not a table"));
			return;
		}
	}
	sw_msg(why, whylen, _("an Office file that holds no workbook: save the table as .xlsx or CSV UTF-8"));
}

/* A stream given its directory entry: from the FAT, or from the mini
 * stream (held in the root entry's sectors) if it is small. */
static unsigned char *stream(const struct cfb *c, const unsigned char *dir,
			     const unsigned char *e, size_t *len)
{
	uint32_t start = le32(e + 0x74);
	size_t size = le32(e + 0x78);	/* the high half is 0 in version 3 files */
	if (size > c->n || le32(dir + 0x78) > c->n)
		return NULL;
	if (size >= le32(c->p + 0x38))
		return chain(c, c->fat, c->nfat, start, size, c->ss, NULL, 0, len);
	size_t nms, nmf;
	unsigned char *ms = chain(c, c->fat, c->nfat, le32(dir + 0x74), le32(dir + 0x78), c->ss,
				  NULL, 0, &nms);
	unsigned char *mf = chain(c, c->fat, c->nfat, le32(c->p + 0x3c), (size_t)-1, c->ss,
				  NULL, 0, &nmf);
	unsigned char *out = NULL;
	if (ms && mf) {
		uint32_t nmini = (uint32_t)(nmf / 4);
		uint32_t *mfat = sw_xmalloc((size_t)nmini * 4 + 4);
		for (uint32_t i = 0; i < nmini; i++)
			mfat[i] = le32(mf + 4 * i);
		out = chain(c, mfat, nmini, start, size, 64, ms, nms, len);
		free(mfat);
	}
	free(ms);
	free(mf);
	return out;
}

int sw_xls_stream(const unsigned char *p, size_t n, unsigned char **w, size_t *wn,
		  char *why, size_t whylen)
{
	const char *damaged = _("a damaged Excel 97-2003 workbook (.xls): open it in Excel or "
				"WPS and save it as .xlsx or CSV UTF-8");
	struct cfb c = {p, n, 0, 0, NULL, 0};
	*w = NULL;
	if (n < 512 || memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) != 0 ||
	    (le16(p + 0x1e) != 9 && le16(p + 0x1e) != 12) || le16(p + 0x20) != 6) {
		sw_msg(why, whylen, "%s", damaged);
		return -1;
	}
	c.ss = (size_t)1 << le16(p + 0x1e);
	/* the header fills the first sector: a version 4 file (4096-byte
	 * sectors) shorter than that has none */
	c.nsec = n < c.ss ? 0 : (uint32_t)((n - c.ss) / c.ss);
	size_t nd = 0, i;
	unsigned char *dir = NULL;
	if (read_fat(&c) == 0)
		dir = chain(&c, c.fat, c.nfat, le32(p + 0x30), (size_t)-1, c.ss, NULL, 0, &nd);
	if (!dir || nd < 128) {
		free(c.fat);
		free(dir);
		sw_msg(why, whylen, "%s", damaged);
		return -1;
	}
	/* libfreexl reads the names of the first sector's entries by their
	 * length fields, unchecked, and takes the first Workbook or Book: so
	 * does this reader, that both read one stream. */
	int bad = 0;
	for (i = 0; i + 128 <= nd && i < c.ss; i += 128)
		bad |= le16(dir + i + 0x40) > 64 || le16(dir + i + 0x40) % 2;
	for (i = 0; i + 128 <= nd; i += 128)
		if (named(dir + i, "Workbook") || named(dir + i, "Book"))
			break;
	if (bad)
		sw_msg(why, whylen, "%s", damaged);
	else if (i + 128 > nd)
		not_book(dir, nd, why, whylen);
	else if (i == 0 || dir[i + 0x42] != 2 || !(*w = stream(&c, dir, dir + i, wn)))
		sw_msg(why, whylen, "%s", damaged);
	free(dir);
	free(c.fat);
	return *w ? 0 : -1;
}
