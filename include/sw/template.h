/* A blank register for people to fill in (the "template" subcommands): the
 * table's Chinese headers, and in a workbook a sheet explaining each
 * column and drop-down lists of each vocabulary's words, so that what an
 * admin types imports clean. */
#ifndef SW_TEMPLATE_H
#define SW_TEMPLATE_H

#include "sw/import.h"

/* The first cell of a template's notes sheet: import passes over a sheet
 * that begins with it (lib/layout.c), so the filled-in workbook imports
 * as it is. */
#define SW_TEMPLATE_NOTES "sw-tools notes"

/* Writes t's template to path (NULL or "-": stdout): fmt SW_FMT_XLSX a
 * workbook, SW_FMT_CSV or SW_FMT_TSV the header row alone. The
 * vocabularies' words are those loaded (sw_vocab_load: the database's
 * local words too). 0, or -1 (printed; nothing is left at path). */
int sw_template_write(const struct sw_table *t, const char *path, int fmt);

#endif
