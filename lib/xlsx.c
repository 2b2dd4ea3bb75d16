/* TEMPORARY stub until wip-xlsx lands. */
#include <stdio.h>
#include "sw/xlsx.h"
struct sw_xlsx *sw_xlsx_open(const char *path, char *why, size_t whylen) { (void)path; snprintf(why, whylen, "stub"); return NULL; }
int sw_xlsx_nsheets(const struct sw_xlsx *x) { (void)x; return 0; }
const char *sw_xlsx_sheet_name(const struct sw_xlsx *x, int i) { (void)x; (void)i; return ""; }
int sw_xlsx_sheet(struct sw_xlsx *x, int i) { (void)x; (void)i; return -1; }
int sw_xlsx_next(struct sw_xlsx *x, struct sw_row *row) { (void)x; (void)row; return -1; }
const char *sw_xlsx_error(const struct sw_xlsx *x) { (void)x; return ""; }
long sw_xlsx_errline(const struct sw_xlsx *x) { (void)x; return 0; }
void sw_xlsx_close(struct sw_xlsx *x) { (void)x; }
