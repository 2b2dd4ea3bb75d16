/* Validation and normalisation of the values spreadsheets carry.
 * Each parser takes already-normalised text (sw_text_norm: trimmed,
 * full-width folded), writes the canonical form to out and returns 0, or
 * returns -1 and writes a short lowercase reason that says what to write
 * instead (no value echoed back: values may be personal data). A value is
 * taken as the file means it or refused: never completed by a guess. */
#ifndef SW_VALID_H
#define SW_VALID_H

#include <stddef.h>

/* Dates. out: "YYYY-MM-DD". Accepts
 *   2026-03-05, 2026/3/5, 2026.3.5 (one or two digits for month and day,
 *   the same separator twice), 2026年3月5日 (日, 号 or neither at the end),
 *   20260305 (8 digits), each but the last with an optional time of day
 *   (" 14:30", " 14:30:00", "T08:30", fractions of a second);
 *   an Excel serial day of 5 digits, 10000..73050 (1927-05-18..2099-12-31),
 *   with an optional fraction, the time of day, which is dropped (46280.5).
 * Refuses, with why:
 *   "empty date";
 *   "impossible date" (2026-02-30, 20261340; years outside 1900..2199);
 *   "a year alone: give the full date (YYYY-MM-DD)" (1955, 1955年; as a
 *   serial day 1955 would read as 1905-05-09);
 *   "year and month only: give the day too (YYYY-MM-DD)" (1962.1, 1962-01,
 *   1962/1, 2026年3月, 196201);
 *   "no year: give the full date (YYYY-MM-DD)" (8月26日, 8-26, 8/26, 08.26);
 *   "not a date (expected YYYY-MM-DD)" for anything else: other numbers
 *   (serials below 10000 or above 73050, 3, 7 or 9+ digits), two-digit
 *   years, day-first orders, mixed separators, a time after a part date. */
int sw_date_parse(const char *s, char out[11], char *why, size_t whylen);
/* Month "2026-10", "2026/3", "2026.3", "2026年3月" (月 optional), "202610".
 * out: "YYYY-MM". Refuses anything else: "not a month (expected YYYY-MM)". */
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

/* GB 11643 resident ID. out: 18 characters, the last a digit or X.
 * First cleans Excel's text forms: a leading apostrophe ('339901...), the
 * formula ="339901...", spaces or dashes between digit groups
 * (339901 19500315 0024), ".0" after a 15-digit number. Accepts
 *   18 characters with a correct check character (x folded to X);
 *   an old 15-digit ID, upgraded to 18 (19 inserted before the year, the
 *   check character appended);
 * each with a known province, a real birth date, not after today. birth
 * gets "YYYY-MM-DD", male 1 or 0, when non-NULL. Refuses, with why:
 *   "in scientific notation: Excel has lost digits; format the column as
 *   text and type the IDs again" (4.49901E+17, 3.39901195003150e+17);
 *   "a number of more than 15 digits: Excel has lost digits; format the
 *   column as text and type the IDs again" (339901195003150000.0);
 *   "ends in 000: Excel keeps only 15 digits of a number; format the column
 *   as text and type the ID again" (18 digits ending in 000 whose check
 *   digit fails; one that passes is left to sw_client_rules, which
 *   refuses it unless confirmed, as only one real ID in about 1100 ends
 *   in 000);
 *   "bad check digit" (any other); "unknown region code";
 *   "impossible birth date";
 *   "birth date in the future";
 *   "15 digits cut from an 18-digit ID (the birth date would be
 *   impossible); give all 18 digits";
 *   "15 digits cut from an 18-digit ID (the birth date would make the
 *   person over 110); give all 18 digits" (more than 110 full years before
 *   sw_date_today);
 *   "not a resident ID (expected 18 digits, the last may be X)" for any
 *   other shape. */
int sw_idcard_parse(const char *s, char out[19], char birth[11], int *male,
		    char *why, size_t whylen);
/* The same checks and refusals, but out is the cleaned ID as the file
 * gives it: an old ID keeps its 15 digits, so that a table's cross-field
 * rules can still tell one (sw_client_rules refuses a short ID that
 * disagrees with the row and upgrades the rest). For SW_T_IDCARD columns. */
int sw_idcard_norm(const char *s, char out[19], char *why, size_t whylen);
/* The check character for the first 17 digits. */
char sw_idcard_check_char(const char *first17);

/* Phone numbers. Cleans a leading apostrophe, the ="..." formula and
 * ".0" after at most 15 digits (13812345678.0) first. Accepts a mobile
 * (13812345678, 138 1234 5678, +86 138-1234-5678, 8613812345678) ->
 * "13812345678"; 400/800 numbers -> "4008123456"; a landline with area
 * code -> "0571-88886666", an extension after 转, ext, x or a dash ->
 * "0571-88886666-123"; a local 7-8 digit number [with extension] kept.
 * Refuses "in scientific notation: Excel has lost digits; format the column
 * as text and type the numbers again" (1.38123E+10), "a number of more than
 * 15 digits: Excel has lost digits; format the column as text and type the
 * numbers again", "not a phone number". */
int sw_phone_parse(const char *s, char *out, size_t outlen, char *why, size_t whylen);

/* Whole number within [min,max]; full-width digits already folded; Excel's
 * "12.0" taken as 12. Refuses "not a whole number", "out of range (MIN to
 * MAX)". */
int sw_int_parse(const char *s, long long min, long long max, long long *out,
		 char *why, size_t whylen);

/* A duration in whole minutes, rounded to the nearest (0.33h -> 20, half
 * up). unit: the minutes one plain number means, 1 for a minutes column,
 * 60 when the header says hours (1 to 1440). Accepts
 *   a plain number: "90" (x unit), "1.5" only when unit > 1, "90.0";
 *   an hours term, a minutes term, or hours then minutes, spaces allowed
 *   around the units: N小时, N个小时, N个半小时 (N and a half hours),
 *   半小时, 半个小时, Nh, Nhr, Nhrs, Nhour, Nhours; N分钟, N分, Nm, Nmin,
 *   Nmins, Nminute, Nminutes (English units in any case). N may have a
 *   fraction everywhere: "1.5hrs", "0.5h", "30.5分钟". "45m" is 45 minutes
 *   ("m" after a number has no other reading in a duration column).
 *   Chinese numerals (两小时) and clock times (1:30) are not taken.
 * Refuses "a negative duration", "not a whole number of minutes (if these
 * are hours, name the column 时长（小时）)" (a plain fraction when unit is
 * 1), "out of range (0 to MAX minutes)", and anything else: "not a duration
 * (expected minutes, or e.g. 1.5小时, 1小时30分钟, 90分钟)". */
int sw_minutes_parse(const char *s, int unit, long long max, long long *out,
		     char *why, size_t whylen);

/* A code or key (division, station, client or any key column): strips a
 * leading apostrophe, the ="..." formula, and ".0" after an all-digit value
 * of at most 15 digits (Excel's rendering of a number); copies anything
 * else as it is ("QX-C0001", "C1", "007"). Refuses "in scientific notation:
 * Excel has lost digits; format the column as text and type the codes
 * again", "a number of more than 15 digits: Excel has lost digits; format
 * the column as text and type the codes again", "a number with a fraction,
 * not a code: format the column as text and type the codes again" (12.5),
 * "empty code", "too long" (outlen). */
int sw_code_parse(const char *s, char *out, size_t outlen, char *why, size_t whylen);

/* A division code (统计用区划代码, 6+3+3 digits), after sw_code_parse.
 * Accepts 6 digits (a county, or a city with no counties: 441900), 9 (a
 * township) or 12 (a village). out is canonical: trailing all-zero groups
 * dropped, so 449901103000 and 449901103 are one township and
 * 339901000000 is the county 339901. level: 0 county, 1 township, 2
 * village. parent: the code one level up, "" for a county. Refuses
 * sw_code_parse's reasons and "not a division code (expected 6 digits for
 * a county, 9 for a township, 12 for a village)" (other lengths, non-digits,
 * 2- and 4-digit province and city codes), "not a division code (no
 * province starts with those two digits)", "a province's code: give the
 * county's 6 digits (or the township's 9, the village's 12)" (330000),
 * "not a division code (a village's digits 7 to 9 name its township, not
 * 000)" (339901000001). */
int sw_division_code(const char *s, char out[13], int *level, char parent[13],
		     char *why, size_t whylen);

/* Unified social credit codes (统一社会信用代码, GB 32100): the check
 * character of the first 17; and a code as written (spaces, dashes,
 * lower case, full width) into out, 0 or -1 with why ("bad check
 * character"). */
char sw_credit_check_char(const char *code);
int sw_credit_code(const char *s, char out[19], char *why, size_t whylen);

#endif
