/* A closed month's fingerprint: the month's figures per station of one
 * database, and the audit trail's head when it was closed, hashed in a
 * canonical text (sw/report.h); and the check a report of a closed month
 * makes of it. */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/audit.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/report.h"
#include "sw/reportacc.h"
#include "sw/store.h"
#include "sw/valid.h"

/* 1 if figure f is hashed by fingerprints of version v. */
#define IN_VERSION(f, v) (sw_figures[f].since <= (v))

/* 1 if station i's figures of version v are all 0. */
static int zero_in(const struct sw_fp *fp, int i, int v)
{
	for (int f = 0; f < SW_NFIG; f++)
		if (IN_VERSION(f, v) && fp->v[(size_t)i * SW_NFIG + f])
			return 0;
	return 1;
}

/* Hashes a month's canonical text: one line per station and figure, in
 * tree order. Version 2 leaves out stations whose figures are all 0 (a
 * station opened after the month must not change it); version 1, kept to
 * recognise months closed before, has every station. Each version hashes
 * the figures it knew (sw_figure.since), in report order. */
static void fp_digest(const struct sw_fp *fp, const char *month, int version, char hex[65])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char sum[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	char line[512];
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	snprintf(line, sizeof line, "sw-report fingerprint %d\t%s\n", version, month);
	EVP_DigestUpdate(md, line, strlen(line));
	for (int i = 0; i < fp->n; i++) {
		const long long *v = fp->v + (size_t)i * SW_NFIG;
		if (version > 1 && zero_in(fp, i, version))
			continue;
		for (int f = 0; f < SW_NFIG; f++) {
			if (!IN_VERSION(f, version))
				continue;
			snprintf(line, sizeof line, "%s\t%s\t%lld\n", fp->code[i], sw_figures[f].key, v[f]);
			EVP_DigestUpdate(md, line, strlen(line));
		}
	}
	if (*fp->audit) {
		snprintf(line, sizeof line, "audit\t%s\n", fp->audit);
		EVP_DigestUpdate(md, line, strlen(line));
	}
	EVP_DigestFinal_ex(md, sum, &len);
	EVP_MD_CTX_free(md);
	for (unsigned i = 0; i < len && i < 32; i++)
		sprintf(hex + 2 * i, "%02x", sum[i]);
}

void sw_fp_hash(struct sw_fp *fp, const char *month)
{
	fp_digest(fp, month, SW_FP_VERSION, fp->hex);
	fp_digest(fp, month, 3, fp->hex3);
	fp_digest(fp, month, 2, fp->hex2);
	fp_digest(fp, month, 1, fp->hex1);
}

int sw_fp_zero(const struct sw_fp *fp, int i)
{
	return zero_in(fp, i, SW_FP_VERSION);
}

int sw_report_fp(struct sw_store *s, const char *month, struct sw_fp *fp)
{
	char from[11], to[11];
	sw_month_first(month, from);
	sw_month_last(month, to);
	memset(fp, 0, sizeof *fp);
	struct sw_net *n = sw_net_load(&s, 1);
	if (!n)
		return -1;
	int rc = -1;
	if ((fp->v = sw_report_stations(n, from, to))) {
		fp->n = n->nst;
		fp->code = sw_xcalloc((size_t)n->nst + 1, sizeof *fp->code);
		for (int i = 0; i < n->nst; i++)
			fp->code[i] = sw_xstrdup(n->st[i].code);
		/* the audit trail's head when the month was closed: the bureau
		 * holding the fingerprint holds an anchor of the trail */
		rc = sw_audit_anchor(s, month, fp->audit);
		sw_fp_hash(fp, month);
	}
	sw_net_free(n);
	return rc;
}

/* A month closed before version 3 holds no figure of 五社联动: its
 * fingerprints of version 1 and 2 match only while those figures stay 0.
 * Version 3 covers all but the figures of referrals and the workforce,
 * which a month closed then keeps as they are (lib/closed.c). */
int sw_fp_version(const struct sw_fp *fp, const char *stored)
{
	if (strcmp(stored, fp->hex) == 0)
		return SW_FP_VERSION;
	if (strcmp(stored, fp->hex3) == 0)
		return 3;
	for (int i = 0; i < fp->n; i++)
		for (int f = 0; f < SW_NFIG; f++)
			if (sw_figures[f].since == 3 && fp->v[(size_t)i * SW_NFIG + f])
				return 0;
	return strcmp(stored, fp->hex2) == 0 ? 2 : strcmp(stored, fp->hex1) == 0;
}

void sw_fp_free(struct sw_fp *fp)
{
	for (int i = 0; i < fp->n; i++)
		free(fp->code[i]);
	free(fp->code);
	free(fp->v);
	memset(fp, 0, sizeof *fp);
}

int sw_report_fingerprint(struct sw_store *s, const char *month, char hex[65])
{
	struct sw_fp fp;
	int rc = sw_report_fp(s, month, &fp);
	if (rc == 0)
		memcpy(hex, fp.hex, 65);
	sw_fp_free(&fp);
	return rc;
}

int sw_month_closed(struct sw_store *s, const char *month, char *hex, size_t n)
{
	const char *p[1] = {month};
	return sw_store_text(s, "SELECT fingerprint FROM closed_months WHERE month = ?1", 1, p, hex, n) < 0
		? -1 : 0;
}

int sw_report_closed(struct sw_store *const *dbs, int ndb, const char *month, char *out, size_t n)
{
	size_t len = 0;
	int all = 1;
	out[0] = 0;
	for (int i = 0; i < ndb; i++) {
		char stored[80];
		struct sw_fp now;
		if (sw_month_closed(dbs[i], month, stored, sizeof stored) != 0)
			return -1;
		if (!stored[0]) {
			all = 0;
			continue;
		}
		int rc = sw_report_fp(dbs[i], month, &now), same = rc == 0 && sw_fp_matches(&now, stored);
		if (rc == 0 && !same)
			sw_error(_("%s: month %s was closed with fingerprint %.12s but its figures are now %.12s:"
				 " reopen it (close --month %s --reopen --reason TEXT) and close it again"),
				 sw_store_name(dbs[i]), month, stored, now.hex, month);
		sw_fp_free(&now);
		if (!same)
			return -1;
		if (len + strlen(stored) + 1 >= n) {	/* whole or not at all */
			sw_error(_("%s: too many fingerprints for one report"), month);
			return -1;
		}
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? " " : "", stored);
	}
	if (!all)
		out[0] = 0;
	return 0;
}
