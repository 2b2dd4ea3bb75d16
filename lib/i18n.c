/* The user's language (sw/i18n.h). Translations are GNU gettext's: the
 * catalogue po/zh_CN.po, compiled by msgfmt into sw-tools.mo. glibc's
 * gettext() translates only under a locale the machine has generated, and
 * minimal Debian images have none but C; so when setlocale cannot take
 * zh_CN, the same .mo file is read here (its sorted table of originals,
 * searched by halves) and the messages are the same either way. */
#include <fcntl.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sw/err.h"
#include "sw/i18n.h"

#define DOMAIN "sw-tools"
#ifndef SW_LOCALEDIR
#define SW_LOCALEDIR "/usr/local/share/locale"
#endif
#define MO_PATH "/zh_CN/LC_MESSAGES/" DOMAIN ".mo"

static int zh, via_glibc, missing;
static const unsigned char *mo;	/* the catalogue read here, or NULL */
static size_t mo_size;
static uint32_t mo_n, mo_orig, mo_trans;
static int mo_swap;

static uint32_t word(size_t off)
{
	uint32_t w;
	memcpy(&w, mo + off, 4);
	return mo_swap ? __builtin_bswap32(w) : w;
}

/* String i of the table at tab, or NULL if the file does not hold it
 * whole (a damaged catalogue falls back to English, not to a crash). */
static const char *mo_string(uint32_t tab, uint32_t i)
{
	size_t e = (size_t)tab + (size_t)i * 8;
	if (e + 8 > mo_size)
		return NULL;
	size_t len = word(e), off = word(e + 4);
	if (off >= mo_size || len >= mo_size - off || mo[off + len] != 0)
		return NULL;
	return (const char *)mo + off;
}

static int mo_load(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0)
		return -1;
	void *p = fstat(fd, &sb) == 0 && sb.st_size >= 28 && sb.st_size < INT_MAX
		? mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	mo = p;
	mo_size = (size_t)sb.st_size;
	uint32_t magic;
	memcpy(&magic, mo, 4);
	mo_swap = magic == 0xde120495;
	if (magic != 0x950412de && !mo_swap) {
		munmap(p, mo_size);
		mo = NULL;
		return -1;
	}
	mo_n = word(8);
	mo_orig = word(12);
	mo_trans = word(16);
	/* tables cut short: a damaged file, read as none, so that Chinese is
	 * said only where messages are Chinese (titles, vocabulary words) */
	if (!mo_n || !mo_string(mo_orig, mo_n - 1) || !mo_string(mo_trans, mo_n - 1)) {
		munmap(p, mo_size);
		mo = NULL;
		return -1;
	}
	return 0;
}

/* The directory holding zh_CN/LC_MESSAGES/sw-tools.mo: $SW_LOCALEDIR,
 * else share/locale beside the program's bin/ (the build tree and an
 * installed tree alike), else where make install puts it. */
#define DIRSIZE (PATH_MAX + 64)
static void find_dir(char dir[DIRSIZE])
{
	const char *env = getenv("SW_LOCALEDIR");
	if (env && *env) {
		snprintf(dir, DIRSIZE, "%s", env);
		return;
	}
	ssize_t k = readlink("/proc/self/exe", dir, PATH_MAX);
	char *slash = k > 0 ? memrchr(dir, '/', (size_t)k) : NULL;
	if (slash) {
		strcpy(slash, "/../share/locale" MO_PATH);
		if (access(dir, R_OK) == 0) {
			slash[sizeof "/../share/locale" - 1] = 0;
			return;
		}
	}
	snprintf(dir, DIRSIZE, "%s", SW_LOCALEDIR);
}

static int env_zh(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "zh", 2) == 0;
	}
	return 0;
}

void sw_i18n_init(const char *lang)
{
	int want = lang ? strcmp(lang, "zh") == 0 : env_zh();
	if (want == zh)
		return;
	zh = want;
	if (!zh || via_glibc || mo)
		return;
	if (missing) {	/* said already */
		zh = 0;
		return;
	}
	char dir[DIRSIZE], path[DIRSIZE + sizeof MO_PATH];
	find_dir(dir);
	snprintf(path, sizeof path, "%s" MO_PATH, dir);
	if (access(path, R_OK) != 0)
		goto none;
	/* LANGUAGE would override the locale's own choice of catalogue. */
	if (setlocale(LC_MESSAGES, "zh_CN.UTF-8") || setlocale(LC_MESSAGES, "zh_CN.utf8")) {
		setenv("LANGUAGE", "zh_CN", 1);
		bindtextdomain(DOMAIN, dir);
		bind_textdomain_codeset(DOMAIN, "UTF-8");
		/* strerror()'s reasons come from glibc's own catalogue, converted to
		 * LC_CTYPE's charset: ASCII under C, which makes them "?????" */
		bind_textdomain_codeset("libc", "UTF-8");
		via_glibc = 1;
		return;
	}
	if (mo_load(path) == 0)
		return;
none:
	zh = 0;
	missing = 1;
	sw_warn("no Chinese message catalogue at %s; messages stay in English", path);
}

int sw_i18n_zh(void)
{
	return zh;
}

static const char *lookup(const char *msgid)
{
	if (via_glibc)
		return dgettext(DOMAIN, msgid);
	uint32_t lo = 0, hi = mo_n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *o = mo_string(mo_orig, mid);
		if (!o)
			return msgid;
		int c = strcmp(msgid, o);
		if (c == 0) {
			const char *t = mo_string(mo_trans, mid);
			return t && *t ? t : msgid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

const char *sw_gettext(const char *msgid)
{
	return zh && *msgid ? lookup(msgid) : msgid;
}

const char *sw_pgettext(const char *ctx, const char *msgid)
{
	char key[256];
	if (!zh || snprintf(key, sizeof key, "%s\004%s", ctx, msgid) >= (int)sizeof key)
		return msgid;
	const char *t = lookup(key);
	return t == key || strcmp(t, key) == 0 ? msgid : t;	/* glibc gives the key back */
}

/* Chinese has one form: a plural entry's key is its singular, and its
 * first translation serves every n. */
const char *sw_ngettext(const char *one, const char *many, unsigned long n)
{
	if (zh)
		return via_glibc ? dngettext(DOMAIN, one, many, n) : lookup(one);
	return n == 1 ? one : many;
}
