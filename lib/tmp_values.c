/* TEMPORARY until wip-values lands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sw/err.h"
#include "sw/valid.h"
int sw_code_parse(const char *s, char *out, size_t outlen, char *why, size_t whylen)
{ if (strlen(s) >= outlen) { sw_msg(why, whylen, "too long"); return -1; } strcpy(out, s); return 0; }
int sw_division_code(const char *s, char out[13], int *level, char parent[13], char *why, size_t whylen)
{ (void)why; (void)whylen; snprintf(out, 13, "%s", s); *level = 0; parent[0] = 0; return 0; }
int sw_minutes_parse(const char *s, int unit, long long max, long long *out, char *why, size_t whylen)
{ long long v; if (sw_int_parse(s, 0, max, &v, why, whylen)) return -1; *out = v * unit; return 0; }
