/* The layout of a real sheet: title rows above the header, the header
 * found by its content, its cells read through decoration ("（必填）", "*",
 * line breaks, a unit in brackets that is used), blank and total rows
 * (合计, 小计, 总计) among the data. Every column of the file is accounted
 * for: mapped to the table, ignored on purpose (序号, --ignore-column), or
 * the file is refused before anything is stored. */
#ifndef SW_LAYOUT_H
#define SW_LAYOUT_H

#include "sw/import.h"
#include "sw/input.h"

/* map[] values other than a field index. */
enum {
	SW_MAP_ABSENT = -1,	/* the file has no such column */
	SW_MAP_FILL = -2	/* absent, and filled: --station, or by the table's hook */
};
/* field[] values other than a table column. */
enum {
	SW_F_IGNORED = -1,	/* 序号, or --ignore-column */
	SW_F_NOHEADER = -2,	/* an empty header cell: its values have no column */
	SW_F_REJECTS = -3	/* a --rejects file's own columns, line and error */
};

/* The columns a --rejects file adds after a row's own, line and error:
 * keys of a machine format, English in every language. A header that
 * ends with the two is such a file imported again: they are not stored,
 * nor written again to the next rejects file. */
extern const char *const sw_rejects_cols[2];

struct sw_layout {
	const struct sw_table *t;
	int *map;		/* per table column: the field, or SW_MAP_* */
	int *unit;		/* per duration column: minutes a plain number means
				 * (60 for 时长（小时）), 0 when the header gave no unit;
				 * per amount column: yuan per unit (10000 for 万元) */
	int *field;		/* per header field: table column, or SW_F_* */
	int nhdr;
	char **hdr;		/* the header's cells as written */
	long line;		/* where the header is */
	long skipped;		/* title and blank rows above it */
	const char *fill;	/* --station, for SW_MAP_FILL station columns */
};

/* Reads s's current part up to its header row, chooses the table
 * (opts->table, else the one the sheet's name names, 服务对象, else the
 * one the header names) and maps
 * the header. Prints every problem ("f.csv:3: 电话号: ...") and returns -1
 * if the part cannot be imported as it is; 1 if the part is empty; 0. */
int sw_layout_find(struct sw_source *s, const struct sw_table *const *tables,
		   const struct sw_input_opts *o, struct sw_layout *L);
/* Maps header hdr[0..n) to t (for "add", whose names are a header). 0,
 * or -1 after printing each problem; sw_layout_free L either way. */
int sw_layout_map(struct sw_layout *L, const struct sw_table *t, const char *fname,
		  const struct sw_input_opts *o, char *const *hdr, int n);
void sw_layout_free(struct sw_layout *L);

/* 1 if row is not data: a total row (its first cell 合计, 小计, 总计 or
 * 共计, "合计：24人" too), a footer of labels with their colons and values
 * ("填表人：张三,审核人：李四,填报日期：2026年10月31日"), or a row with
 * nothing but ignored columns. */
int sw_layout_skip(const struct sw_layout *L, char *const *f, int nf);

/* The table column a header cell names, or -1; *unit as in sw_layout
 * (may be NULL): minutes per unit of a duration, yuan per unit of an
 * amount. A unit the column cannot take returns -2 (a duration) or -3 (an
 * amount). */
int sw_header_col_unit(const struct sw_table *t, const char *cell, int *unit);

struct sw_arena;

/* A row's problems are kept one a line in a buffer: sw_problem_add
 * appends one (cut short if there is no room), sw_problems_line writes
 * them into out as one line "a; b" for messages (out twice why's size). */
void sw_problem_add(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *sw_problems_line(const char *why, char *out, size_t outlen);
/* Drops every quoted value, with the space before it, from why: for a
 * table that holds personal data, 'gender: unknown value "X" (expected
 * ...)' -> 'gender: unknown value (expected ...)'. Vocabulary messages
 * quote the word given and list the accepted ones unquoted. */
void sw_problems_unquote(char *why);

/* Normalises and checks one data row of L's table: each value by its
 * column's type into a (offsets in off, -1 for none). Every problem of the
 * row goes into why, "column: reason; column: reason", so that one round
 * of fixing is enough; for a personal table (t->personal) no value is
 * quoted (sw_problems_unquote). Returns 0, -1 (problems, or a row the reader could
 * not read: rw->bad), or 1 if the row is not data (sw_layout_skip: a total
 * row is skipped even when its formula has no value). Reads only L: safe
 * on a reader thread. */
int sw_row_norm(const struct sw_layout *L, const struct sw_row *rw, struct sw_arena *a,
		long *off, char *why, size_t whylen);

/* Watches a duration column whose header gave no unit: values all small
 * and some with decimals are hours, which would be stored as 1 or 2
 * minutes. The whole file is refused instead. */
struct sw_unitwatch {
	int col, field;		/* the table column and its field; -1: none */
	long n;
	double max;
	int decimals;
};
void sw_unitwatch_init(struct sw_unitwatch *w, const struct sw_layout *L);
void sw_unitwatch_add(struct sw_unitwatch *w, char *const *f, int nf);
/* -1 (printed) if the values look like hours, else 0. */
int sw_unitwatch_check(const struct sw_unitwatch *w, const struct sw_layout *L, const char *fname);

/* The order to read src's parts in: its sheets in the order of tables
 * (clients before the services that name them), sheets of one table as
 * they come. Newly allocated, sw_source_parts(src) entries; *bad is set
 * to 1 when a sheet's header could not be read (printed). */
int *sw_layout_order(struct sw_source *src, const struct sw_table *const *tables,
		     const struct sw_input_opts *o, int *bad);

/* Reads every row of table t from path (its first sheet that holds t, for
 * a workbook) through the one input path, each normalised (sw_row_norm)
 * and handed to each with its line; rows with problems are printed. each
 * returns 0, 1 (the row was bad, printed) or more (stop with that status).
 * Returns 0, 1 (some row bad) or 3 (the file cannot be read). For files
 * read without an import: sw-match's --seekers and --vacancies, an
 * indicator system, an evaluator's scores. */
int sw_table_rows(const char *path, const struct sw_table *t, const struct sw_input_opts *o,
		  int (*each)(void *ctx, const char *fname, long line, const char **v), void *ctx);

#endif
