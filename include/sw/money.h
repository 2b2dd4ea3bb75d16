/* Money as exact integers of fen (分, 0.01 yuan): never a binary
 * fraction, so sums and shares are exact. Files give yuan with at most
 * two decimals (or 万元 with at most six); the database keeps the
 * canonical text "150000.00" (yuan, two decimals), which reads back to
 * the same fen in SQL as CAST(replace(amount, '.', '') AS BIGINT). */
#ifndef SW_MONEY_H
#define SW_MONEY_H

#include <stddef.h>

/* The largest amount taken: 10^13 yuan less a fen, in fen. */
#define SW_MONEY_MAX 999999999999999LL

/* Parses an amount of money after text normalisation: optional ¥ or ￥
 * before and 元 after, digits with optional thousands commas (in groups of
 * three), an optional fraction. unit: yuan per unit of the column (1, or
 * 10000 under a 万元 header). Refuses "negative amount", "more than 2
 * decimal places (fen)", "not an amount of money (...)" (an exponent,
 * letters, misplaced commas) and "amount too large". 0 with *fen, or -1 with why. */
int sw_money_parse(const char *s, int unit, long long *fen, char *why, size_t whylen);

/* fen as yuan with two decimals, "150000.00" (a minus sign when
 * negative) into buf (at least 32 bytes). Returns buf. */
char *sw_money_fmt(long long fen, char *buf, size_t len);

/* Yuan per unit named in an amount header's brackets ("金额（万元）"): 1
 * for 元, 10000 for 万元, 0 for anything else. */
int sw_money_unit(const char *u);

#endif
