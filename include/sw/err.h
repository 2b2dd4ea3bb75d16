/* Diagnostics in one shape: "prog: file:line: column: message". */
#ifndef SW_ERR_H
#define SW_ERR_H

#include <stddef.h>

/* Exit statuses shared by every program (documented in sw(7)). */
enum {
	SW_EXIT_OK = 0,
	SW_EXIT_REJECTED = 1,	/* some input rows were rejected */
	SW_EXIT_USAGE = 2,	/* bad command line */
	SW_EXIT_FAIL = 3	/* I/O, database or other failure */
};

extern const char *sw_progname;	/* set by sw_cli_init from argv[0] */
extern int sw_quiet;		/* -q: no warnings or summaries */

/* "prog: message" on stderr. sw_warn is silenced by -q; sw_error never is. */
void sw_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sw_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: file:line: message" (line 0 omits it). */
void sw_error_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void sw_warn_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* sw_error then exit(status). */
_Noreturn void sw_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bounded formatting into a caller buffer; always NUL-terminated. */
void sw_msg(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Malloc wrappers that die with status 3 on exhaustion. */
void *sw_xmalloc(size_t n);
void *sw_xcalloc(size_t n, size_t size);
void *sw_xrealloc(void *p, size_t n);
char *sw_xstrdup(const char *s);

#endif
