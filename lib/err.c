/* One helper for every message, so all programs speak alike. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"

const char *sw_progname = "sw";
int sw_quiet;

static void vsay(const char *file, long line, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", sw_progname);
	if (file && line > 0)
		fprintf(stderr, _("%s:%ld: "), file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void sw_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(NULL, 0, fmt, ap);
	va_end(ap);
}

void sw_warn(const char *fmt, ...)
{
	va_list ap;
	if (sw_quiet)
		return;
	va_start(ap, fmt);
	vsay(NULL, 0, fmt, ap);
	va_end(ap);
}

void sw_error_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(file, line, fmt, ap);
	va_end(ap);
}

void sw_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	if (sw_quiet)
		return;
	va_start(ap, fmt);
	vsay(file, line, fmt, ap);
	va_end(ap);
}

void sw_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void sw_msg(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

void *sw_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		sw_die(SW_EXIT_FAIL, "out of memory");
	return p;
}

void *sw_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		sw_die(SW_EXIT_FAIL, "out of memory");
	return p;
}

void *sw_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		sw_die(SW_EXIT_FAIL, "out of memory");
	return p;
}

char *sw_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(sw_xmalloc(n), s, n);
}
