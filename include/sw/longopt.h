/* Long options are written whole. */
#ifndef SW_LONGOPT_H
#define SW_LONGOPT_H

#include <getopt.h>

/* getopt_long without its abbreviations: "--key" is not taken for
 * "--key-file" (a secret's file, or an option added later, must not be
 * guessed). An abbreviated long option is a usage error: '?' returned
 * after saying so. */
int sw_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

#endif
