/* Validation and normalisation of the values spreadsheets carry.
 * Each parser takes already-normalised text (sw_text_norm), writes the
 * canonical form to out and returns 0, or returns -1 and writes a short
 * lowercase reason (no value echoed back: values may be personal data). */
#ifndef SW_VALID_H
#define SW_VALID_H

#include <stddef.h>

/* Dates: 2026-11-24, 2026/11/24, 2026.11.24, 2026年11月24日, 20261124,
 * Excel serial days (46350), an optional trailing time. out: "YYYY-MM-DD". */
int sw_date_parse(const char *s, char out[11], char *why, size_t whylen);
/* Month "2026-10", "2026/10", "2026年10月", "202610". out: "YYYY-MM". */
int sw_month_parse(const char *s, char out[8], char *why, size_t whylen);

/* Days since 1970-01-01 for a valid ISO date, and back. */
long sw_date_days(const char *iso);
void sw_date_from_days(long days, char out[11]);
int sw_date_valid(int y, int m, int d);
/* Today in local time as YYYY-MM-DD (SW_TODAY overrides, for tests). */
void sw_date_today(char out[11]);
/* Last day of the month "YYYY-MM" as YYYY-MM-DD; first day likewise. */
void sw_month_first(const char *month, char out[11]);
void sw_month_last(const char *month, char out[11]);
/* Add n months to "YYYY-MM". */
void sw_month_add(const char *month, int n, char out[8]);

/* GB 11643 resident ID: 18 chars with check digit (x folded to X), or an
 * old 15-digit ID, which is upgraded to 18. birth gets "YYYY-MM-DD" and
 * male 1/0 when non-NULL. */
int sw_idcard_parse(const char *s, char out[19], char birth[11], int *male,
		    char *why, size_t whylen);
/* The check character for the first 17 digits. */
char sw_idcard_check_char(const char *first17);

/* Mobile (13812345678, +86 138-1234-5678) -> "13812345678"; landline with
 * area code -> "0571-88886666[-123]"; local 7-8 digits and 400/800 kept. */
int sw_phone_parse(const char *s, char *out, size_t outlen, char *why, size_t whylen);

/* Whole number within [min,max]; full-width digits already folded. */
int sw_int_parse(const char *s, long long min, long long max, long long *out,
		 char *why, size_t whylen);

#endif
