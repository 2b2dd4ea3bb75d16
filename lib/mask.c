/* Masking, keyed pseudonyms and age: the rules, in C (and as SQL
 * functions for SQL not ported yet). */
#include <errno.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/import.h"
#include "sw/mask.h"
#include "sw/text.h"

static void keep_ends(const char *s, size_t head, size_t tail, char *out, size_t outlen)
{
	size_t n = strlen(s), j = 0;
	for (size_t i = 0; i < n && j + 1 < outlen; i++)
		out[j++] = (i < head || i + tail >= n || s[i] == '-') ? s[i] : '*';
	out[j] = 0;
}

void sw_mask_id(const char *id, char *out, size_t outlen)
{
	keep_ends(id, 6, 4, out, outlen);
}

void sw_mask_phone(const char *phone, char *out, size_t outlen)
{
	keep_ends(phone, 3, 4, out, outlen);
}

/* Two-character surnames, the common ones. */
static const char *const compound[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
	"长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "呼延",
	"澹台", "太史", "申屠", "闻人", "万俟", "钟离", "赫连", "公冶", "濮阳", "淳于",
};

void sw_mask_name(const char *name, char *out, size_t outlen)
{
	size_t n = sw_utf8_len(name), keep = 1, j = 0;
	for (size_t i = 0; n >= 3 && i < sizeof compound / sizeof compound[0]; i++)
		if (strncmp(name, compound[i], strlen(compound[i])) == 0)
			keep = 2;
	const char *p = name;
	for (size_t i = 0; i < n && *p; i++) {
		unsigned cp;
		int len = sw_utf8_decode(p, &cp);
		if (i < keep || n == 1) {
			if (j + (size_t)len >= outlen)
				break;	/* whole characters only */
			memcpy(out + j, p, (size_t)len);
			j += (size_t)len;
		} else if (j + 1 < outlen)
			out[j++] = '*';
		p += len;
	}
	out[j] = 0;
}

void sw_mask_value(const struct sw_column *c, const char *v, char *out, size_t outlen)
{
	if (c->type == SW_T_IDCARD)
		sw_mask_id(v, out, outlen);
	else if (c->type == SW_T_PHONE)
		sw_mask_phone(v, out, outlen);
	else if (strcmp(c->name, "name") == 0)
		sw_mask_name(v, out, outlen);
	else if (strcmp(c->name, "address") == 0)
		snprintf(out, outlen, "%s", *v ? "***" : "");
	else
		snprintf(out, outlen, "%s", v);
}

int sw_pseudonym(const unsigned char *key, size_t keylen, const char *s, char out[33])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	if (!HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)s, strlen(s), md, &mdlen))
		return -1;
	for (unsigned i = 0; i < 16 && i < mdlen; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

unsigned char *sw_key_load(const char *path, size_t *len)
{
	char *key = NULL;
	size_t n = 0;
	if (path) {
		FILE *fp = fopen(path, "rb");
		if (!fp) {
			sw_error("%s: %s", path, strerror(errno));
			return NULL;
		}
		key = sw_xmalloc(4097);
		n = fread(key, 1, 4096, fp);
		int bad = ferror(fp);
		fclose(fp);
		if (bad) {
			sw_error(_("%s: read error"), path);
			free(key);
			return NULL;
		}
		key[n] = 0;
	} else {
		const char *env = getenv("SW_KEY");
		if (!env || !*env) {
			sw_error(_("--pseudonymize: no key (use --key-file FILE or set SW_KEY)"));
			return NULL;
		}
		key = sw_xstrdup(env);
		n = strlen(key);
	}
	while (n && (key[n - 1] == '\n' || key[n - 1] == '\r'))
		key[--n] = 0;
	if (n < 16) {
		sw_error(_("--pseudonymize: key too short (at least 16 bytes)"));
		free(key);
		return NULL;
	}
	*len = n;
	return (unsigned char *)key;
}

int sw_age(const char *birth, const char *at)
{
	int by, bm, bd, ay, am, ad;
	if (!birth || !at || sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
	    sscanf(at, "%4d-%2d-%2d", &ay, &am, &ad) != 3)
		return -1;
	int age = ay - by - (am < bm || (am == bm && ad < bd));
	return age < 0 ? -1 : age;
}

/* a person's name (姓名, 联系人), not an employer's */
static int person_name(const struct sw_column *c)
{
	return (strcmp(c->name, "name") == 0 && c->aliases && strstr(c->aliases, "姓名")) ||
	       strcmp(c->name, "contact") == 0;
}

/* an address or a disability: said to exist, never shown */
static int hidden(const struct sw_column *c)
{
	return strcmp(c->name, "address") == 0 || strcmp(c->name, "disability") == 0;
}

int sw_mask_how(const struct sw_column *c)
{
	return person_name(c) ? SW_MASK_NAME : c->type == SW_T_IDCARD ? SW_MASK_ID
		: c->type == SW_T_PHONE ? SW_MASK_PHONE : hidden(c) ? SW_MASK_HIDE : SW_AS_IS;
}

int sw_pseudo_select(sqlite3_str *q, const struct sw_table *t, int col, const char *sep)
{
	const struct sw_column *c = &t->cols[col];
	if (hidden(c))
		return -1;
	if (strcmp(c->name, "birth_date") == 0) {
		/* a birth date identifies; the age serves the analyst */
		sqlite3_str_appendf(q, sw_table_col(t, "id_number") < 0 ? "%sbirth_date AS age"
				    : "%scoalesce(birth_date, substr(id_number, 7, 4) || '-' ||"
				      " substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)) AS age", sep);
		return SW_AGE;
	}
	sqlite3_str_appendf(q, "%s\"%w\"", sep, c->name);
	return c->type == SW_T_IDCARD || c->type == SW_T_PHONE || person_name(c) ? SW_PSEUDO : SW_AS_IS;
}

int sw_mask_apply(int how, const char *v, const struct sw_mask_key *k, char *out, size_t outlen,
		  const char **res)
{
	*res = out;
	if (!v || how == SW_AS_IS)
		*res = v;
	else if (how == SW_MASK_ID)
		sw_mask_id(v, out, outlen);
	else if (how == SW_MASK_PHONE)
		sw_mask_phone(v, out, outlen);
	else if (how == SW_MASK_NAME)
		sw_mask_name(v, out, outlen);
	else if (how == SW_MASK_HIDE)
		*res = *v ? "***" : v;
	else if (how == SW_AGE) {
		int a = sw_age(v, k->at);
		if (a < 0)
			*res = NULL;
		else
			snprintf(out, outlen, "%d", a);
	} else if (outlen < 33 || sw_pseudonym(k->key, k->keylen, v, out) != 0) {
		sw_error(_("HMAC failed"));
		return -1;
	}
	return 0;
}

/* mask_id(x) and friends: NULL stays NULL. */
static void sql_mask(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	void (*fn)(const char *, char *, size_t) = (void (*)(const char *, char *, size_t))
		(size_t)sqlite3_user_data(cx);
	if (!s)
		return;
	size_t n = strlen(s) * 4 + 8;
	char *out = sqlite3_malloc64(n);
	if (!out) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	fn(s, out, n);
	sqlite3_result_text(cx, out, -1, sqlite3_free);
}

static void sql_age(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	int a = sw_age((const char *)sqlite3_value_text(argv[0]),
		       (const char *)sqlite3_value_text(argv[1]));
	if (a >= 0)
		sqlite3_result_int(cx, a);
}

void sw_mask_register(sqlite3 *db)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	sqlite3_create_function(db, "mask_id", 1, flags, (void *)(size_t)sw_mask_id, sql_mask, NULL, NULL);
	sqlite3_create_function(db, "mask_phone", 1, flags, (void *)(size_t)sw_mask_phone, sql_mask, NULL, NULL);
	sqlite3_create_function(db, "mask_name", 1, flags, (void *)(size_t)sw_mask_name, sql_mask, NULL, NULL);
	sqlite3_create_function(db, "age", 2, flags, NULL, sql_age, NULL, NULL);
}
