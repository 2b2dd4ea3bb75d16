/* Chinese titles and words in listings. Human formats (table, md) under
 * zh show a column's Chinese title and a vocabulary key's Chinese word;
 * machine formats (csv, tsv, json) keep the English names and keys unless
 * --labels zh asks for Chinese. The titles are the tables' aliases
 * (sw/import.h) and the words the vocabularies' (sw/vocab.h), both of
 * which an import reads: what is written in Chinese imports back. */
#ifndef SW_LABELS_H
#define SW_LABELS_H

#include "sw/import.h"

enum sw_labels { SW_LABELS_AUTO, SW_LABELS_EN, SW_LABELS_ZH };

/* --labels zh|en; AUTO: Chinese in human formats under zh. Set by cmd/. */
extern int sw_labels;
/* The tables whose columns listings show (a program's tables, NULL-ended);
 * set by cmd/. */
extern const struct sw_table *const *sw_label_tables;

/* "zh" or "en"; -1 if neither. */
int sw_labels_parse(const char *s);
/* 1 if a listing in fmt (enum sw_fmt, resolved) speaks Chinese. */
int sw_labels_zh(int fmt);
/* For a listing of st (stepped once) in fmt: NULL if it keeps English
 * names; else, for each of its columns, the table column it shows (NULL
 * for a figure the query computes), whose Chinese title replaces
 * names[i]. Who frees: the caller, the array. A column is known by its
 * origin (table and column, sw_stmt_origin) or, computed from one (a name
 * masked in SQL), by its name in the table the other columns come from. */
struct sw_stmt;
const struct sw_column **sw_labels_stmt(struct sw_stmt *st, int fmt, const char **names);
/* The Chinese word(s) of value v of column c: a vocabulary key's label,
 * a set's labels joined by 、, 是 or 否 for a yes/no column; NULL when v
 * stays as it is. Who frees: the caller. */
char *sw_label_value(const struct sw_column *c, const char *v);

/* A listing column's title in Chinese (gettext, context "column"), or
 * name itself when the catalogue has none. sw_listing_titles holds the
 * names the catalogue titles. */
const char *sw_label_title(const char *name);
extern const char *const sw_listing_titles[];

#endif
