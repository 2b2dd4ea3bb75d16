/* UTF-8 text: validation, normalisation of spreadsheet input, display width. */
#ifndef SW_TEXT_H
#define SW_TEXT_H

#include <stddef.h>

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, surrogates or NUL), else 0. */
int sw_utf8_valid(const char *s, size_t n);
/* The length of the well-formed UTF-8 character at s[0..n) (1 to 4), or 0
 * if there is none there (or it is NUL). */
size_t sw_utf8_seq(const char *s, size_t n);

/* Normalise a field in place: full-width ASCII (U+FF01..FF5E) and the
 * ideographic space to half-width, NBSP to space, then trim white space at
 * both ends. Returns the new length. Never grows the string. */
size_t sw_text_norm(char *s);

/* Trims white space (ASCII, NBSP, the ideographic space) at both ends, in
 * place, changing nothing else. Returns the new length. */
size_t sw_text_trim(char *s);
/* 1 if s holds nothing but white space (as sw_text_trim takes it). */
int sw_text_blank(const char *s);
/* Copies s into out, of n > 0 bytes, cut to n - 1 bytes as snprintf would
 * cut it (a hot path's snprintf "%s" costs more than its work). Returns out. */
char *sw_text_copy(char *out, size_t n, const char *s);

/* ASCII lower-casing in place (Chinese text is left alone). */
void sw_text_lower(char *s);

/* Terminal columns that s takes: East Asian wide and full-width characters
 * count two, combining marks zero. */
size_t sw_text_width(const char *s);

/* Decode one UTF-8 character at s; returns its length (1 on bad input). */
int sw_utf8_decode(const char *s, unsigned *cp);

/* Number of characters (code points) in s. */
size_t sw_utf8_len(const char *s);

/* v in decimal, written at the end of buf; returns where it starts.
 * (Output rows run to hundreds of thousands; printf is slow there.) */
#define SW_DECIMAL_MAX 24
const char *sw_decimal(long long v, char buf[SW_DECIMAL_MAX]);

/* The next item of a ';'-joined list (a contract's stations, a person's
 * skills) at *p into out (n bytes), *p past it: 1; -1 with out empty when
 * the item does not fit out (never an item cut to fit); 0 at the end. */
int sw_list_next(const char **p, char *out, size_t n);

#endif
