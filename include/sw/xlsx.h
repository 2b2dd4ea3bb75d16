/* TEMPORARY stub header until wip-xlsx lands. */
#ifndef SW_XLSX_H
#define SW_XLSX_H
#include <stddef.h>
#include "sw/csvio.h"
struct sw_xlsx;
struct sw_xlsx *sw_xlsx_open(const char *path, char *why, size_t whylen);
int sw_xlsx_nsheets(const struct sw_xlsx *x);
const char *sw_xlsx_sheet_name(const struct sw_xlsx *x, int i);
int sw_xlsx_sheet(struct sw_xlsx *x, int i);
int sw_xlsx_next(struct sw_xlsx *x, struct sw_row *row);
const char *sw_xlsx_error(const struct sw_xlsx *x);
long sw_xlsx_errline(const struct sw_xlsx *x);
void sw_xlsx_close(struct sw_xlsx *x);
#endif
