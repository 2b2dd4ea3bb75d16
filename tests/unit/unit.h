/* Table-driven unit tests print TAP lines; tests/run counts them. */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_n, unit_failed;

#define T_OK(cond, ...) do { \
	int ok_ = (cond) ? 1 : 0; \
	printf("%sok %d - ", ok_ ? "" : "not ", ++unit_n); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (!ok_) { unit_failed++; printf("#   at %s:%d\n", __FILE__, __LINE__); } \
} while (0)

#define T_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int eq_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_; \
	T_OK(eq_, __VA_ARGS__); \
	if (!eq_) printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

#define T_INT(got, want, ...) do { \
	long long g_ = (got), w_ = (want); \
	T_OK(g_ == w_, __VA_ARGS__); \
	if (g_ != w_) printf("#   got  %lld\n#   want %lld\n", g_, w_); \
} while (0)

#define T_DONE() (printf("1..%d\n", unit_n), unit_failed ? 1 : 0)

#endif
