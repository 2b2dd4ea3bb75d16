/* Finding the header of a real sheet and mapping it (see sw/layout.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/layout.h"
#include "sw/money.h"
#include "sw/rowq.h"
#include "sw/template.h"
#include "sw/text.h"

/* Fields a data row may have beyond its header's: empty trailing cells
 * (",,,") are common; a row with more is refused as it is read. */
#define MARGIN_FIELDS 64

/* How far down a sheet the header may be: title rows are a few. */
#define MAX_TITLE_ROWS 30

/* Notes a header may carry beside the column's name. */
static const char *const notes[] = {"(必填)", "(选填)", "(可选)", "(必选)", "(必须)", "(选填项)",
				    "(必填项)"};

static void cut(char *s, const char *what)
{
	char *p;
	size_t n = strlen(what);
	while ((p = strstr(s, what)))
		memmove(p, p + n, strlen(p + n) + 1);
}

void sw_header_norm(const char *in, char *out, size_t outlen)
{
	char tmp[256];
	sw_text_copy(tmp, sizeof tmp, in);
	sw_text_norm(tmp);	/* full-width brackets fold to ( ) here */
	sw_text_lower(tmp);
	size_t j = 0;
	for (const char *p = tmp; *p && j + 1 < outlen; p++)
		if (*p != ' ' && *p != '*' && *p != '\t' && *p != '\r' && *p != '\n')
			out[j++] = *p;
	out[j] = 0;
	if (strchr(out, '('))	/* (each note begins with one) */
		for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
			cut(out, notes[i]);
}

/* Every name and alias of a table's columns, normalised once, in column
 * order: a header cell is looked up here instead of each alias being
 * normalised again for each cell of each row that may be the header.
 * Built on first use and kept to exit; only the main thread reads headers. */
#define NAME_BUCKETS 64
struct names {
	const struct sw_table *t;
	int n, cap;
	char **norm;
	size_t *len;
	int *col;
	int head[NAME_BUCKETS];	/* by hash: the first name, -1 for none */
	int *chain;		/* the next name of the same bucket, in order */
	struct names *next;
};

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % NAME_BUCKETS;
}

static void names_add(struct names *nm, const char *norm, int col)
{
	if (nm->n == nm->cap) {
		nm->cap = nm->cap ? 2 * nm->cap : 64;
		nm->norm = sw_xrealloc(nm->norm, (size_t)nm->cap * sizeof *nm->norm);
		nm->len = sw_xrealloc(nm->len, (size_t)nm->cap * sizeof *nm->len);
		nm->col = sw_xrealloc(nm->col, (size_t)nm->cap * sizeof *nm->col);
	}
	nm->norm[nm->n] = sw_xstrdup(norm);
	nm->len[nm->n] = strlen(norm);
	nm->col[nm->n++] = col;
}

static const struct names *names_of(const struct sw_table *t)
{
	static struct names *all;
	for (struct names *p = all; p; p = p->next)
		if (p->t == t)
			return p;
	struct names *nm = sw_xcalloc(1, sizeof *nm);
	for (int i = 0; i < t->ncols; i++) {
		const struct sw_column *c = &t->cols[i];
		names_add(nm, c->name, i);	/* the name as it is */
		for (const char *p = c->aliases ? c->aliases : ""; *p;) {
			size_t n = strcspn(p, "|");
			char raw[128], a[128];
			snprintf(raw, sizeof raw, "%.*s", (int)n, p);
			sw_header_norm(raw, a, sizeof a);
			names_add(nm, a, i);
			p += n + (p[n] == '|');
		}
	}
	nm->chain = sw_xcalloc((size_t)nm->n + 1, sizeof *nm->chain);
	for (int b = 0; b < NAME_BUCKETS; b++)
		nm->head[b] = -1;
	for (int k = nm->n - 1; k >= 0; k--) {	/* the first of equal names found first */
		unsigned b = name_hash(nm->norm[k]);
		nm->chain[k] = nm->head[b];
		nm->head[b] = k;
	}
	nm->t = t;
	nm->next = all;
	return all = nm;
}

static int col_of(const struct sw_table *t, const char *norm)
{
	const struct names *nm = names_of(t);
	size_t n = strlen(norm);
	for (int k = nm->head[name_hash(norm)]; k >= 0; k = nm->chain[k])
		if (nm->len[k] == n && memcmp(nm->norm[k], norm, n) == 0)
			return nm->col[k];
	return -1;
}

/* Minutes per unit named in a duration header's brackets; 0 if none. */
static int time_unit(const char *u)
{
	static const char *const hours[] = {"小时", "时", "h", "hr", "hrs", "hour", "hours"};
	static const char *const mins[] = {"分钟", "分", "min", "mins", "minute", "minutes", "m"};
	for (size_t i = 0; i < sizeof hours / sizeof hours[0]; i++)
		if (strcmp(u, hours[i]) == 0)
			return 60;
	for (size_t i = 0; i < sizeof mins / sizeof mins[0]; i++)
		if (strcmp(u, mins[i]) == 0)
			return 1;
	return 0;
}

/* sw_header_col_unit of a cell already through sw_header_norm. */
static int col_unit(const struct sw_table *t, const char *normed, int *unit)
{
	int u = 0, c = col_of(t, normed);
	size_t n = strlen(normed);
	const char *bra = c < 0 && n && normed[n - 1] == ')' ? strrchr(normed, '(') : NULL;
	if (bra && bra > normed) {
		/* "时长(小时)": the name, and a unit or note in brackets */
		char norm[256], *open = norm + (bra - normed);
		sw_text_copy(norm, sizeof norm, normed);
		norm[n - 1] = 0;
		*open = 0;
		c = col_of(t, norm);
		if (c >= 0 && t->cols[c].type == SW_T_MINUTES && !(u = time_unit(open + 1)))
			return -2;
		if (c >= 0 && t->cols[c].type == SW_T_MONEY && !(u = sw_money_unit(open + 1)))
			return -3;
	}
	if (unit)
		*unit = u;
	return c;
}

int sw_header_col_unit(const struct sw_table *t, const char *cell, int *unit)
{
	char norm[256];
	sw_header_norm(cell, norm, sizeof norm);
	return col_unit(t, norm, unit);
}

int sw_header_col(const struct sw_table *t, const char *cell)
{
	int c = sw_header_col_unit(t, cell, NULL);
	return c < 0 ? -1 : c;
}

int sw_table_col(const struct sw_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return i;
	return -1;
}

const struct sw_table *sw_table_find(const struct sw_table *const *tables, const char *name)
{
	for (; *tables; tables++) {
		const struct sw_table *t = *tables;
		if (strcmp(t->name, name) == 0)
			return t;
		for (const char *p = t->aliases ? t->aliases : ""; *p;) {
			size_t n = strcspn(p, "|");
			if (strlen(name) == n && strncmp(p, name, n) == 0)
				return t;
			p += n + (p[n] == '|');
		}
	}
	return NULL;
}

/* 1 if a header cell is ignored on purpose: 序号, or --ignore-column.
 * norm: the cell through sw_header_norm. */
static int ignored_norm(const struct sw_input_opts *o, const char *cell, const char *norm)
{
	char k[256];
	if (strcmp(norm, "序号") == 0 || strcmp(norm, "序") == 0)
		return 1;
	for (int i = 0; i < o->nignore; i++) {
		sw_header_norm(o->ignore[i], k, sizeof k);
		if (strcmp(norm, k) == 0 || strcmp(cell, o->ignore[i]) == 0)
			return 1;
	}
	return 0;
}

static int ignored(const struct sw_input_opts *o, const char *cell)
{
	char norm[256];
	sw_header_norm(cell, norm, sizeof norm);
	return ignored_norm(o, cell, norm);
}

const char *const sw_rejects_cols[2] = {"line", "error"};

/* 1 if header f ends with the two columns a --rejects file adds, exactly
 * as written: that file, imported again once fixed. */
static int rejects_file(char *const *f, int nf)
{
	return nf >= 2 && strcmp(f[nf - 2], sw_rejects_cols[0]) == 0 &&
	       strcmp(f[nf - 1], sw_rejects_cols[1]) == 0;
}

/* How well row f names each table's columns: seen[k], the columns of
 * tables[k] it names (tables have fewer than 64 columns), named[k] how
 * many; *cells, how many cells hold something and are not ignored. Each
 * cell is normalised once, whatever the number of tables. */
static void score(const struct sw_table *const *tables, int nt, const struct sw_input_opts *o,
		  char *const *f, int nf, unsigned long long *seen, int *named, int *cells)
{
	*cells = 0;
	if (rejects_file(f, nf))
		nf -= 2;	/* (not the table's, nor names it misses) */
	for (int j = 0; j < nf; j++) {
		char norm[256];
		if (sw_text_blank(f[j]))
			continue;
		sw_header_norm(f[j], norm, sizeof norm);
		if (ignored_norm(o, f[j], norm))
			continue;
		++*cells;
		for (int k = 0; k < nt; k++) {
			int c = col_unit(tables[k], norm, NULL);
			if (c >= 0 && c < 64 && !(seen[k] >> c & 1)) {
				seen[k] |= 1ull << c;
				named[k]++;
			}
		}
	}
}

/* Among tables (or only t when given), the one row f is a header of: NULL
 * if none. *best gets how many columns it names, for the fallback. */
static const struct sw_table *header_of(const struct sw_table *const *tables,
					const struct sw_table *only,
					const struct sw_input_opts *o, char *const *f, int nf,
					int *best)
{
	const struct sw_table *pick = NULL;
	int pick_score = 0, nt = 0, cells;
	*best = 0;
	while (tables[nt])
		nt++;
	if (only)
		tables = &only, nt = 1;
	unsigned long long *seens = sw_xcalloc((size_t)nt, sizeof *seens);
	int *nameds = sw_xcalloc((size_t)nt, sizeof *nameds);
	score(tables, nt, o, f, nf, seens, nameds, &cells);
	for (int k = 0; k < nt; k++) {
		const struct sw_table *t = tables[k];
		int named = nameds[k], complete = 1;
		unsigned long long seen = seens[k];
		if (named > *best)
			*best = named;
		/* most cells name columns (a title row names none), or three
		 * do, which no row of data does: then the others are named as
		 * unknown columns rather than the header being missed */
		if (!(named >= 2 && 2 * named > cells) && !(named >= 1 && named == cells) &&
		    named < 3)
			continue;
		for (int i = 0; i < t->ncols; i++)
			if ((t->cols[i].flags & (SW_C_REQUIRED | SW_C_KEY)) && !(t->cols[i].flags & SW_C_MADE))
				complete &= i < 64 && (seen >> i & 1);
		/* Most columns named wins, a table with all its required
		 * columns before one without; on a tie the earlier table,
		 * the program's main one. */
		int s = named * 2 + complete;
		if (s > pick_score)
			pick = t, pick_score = s;
	}
	free(seens);
	free(nameds);
	return pick;
}

/* The column a header that names none probably means, for the hint. */
static const char *hint(const struct sw_table *t, const char *cell)
{
	static const struct {
		const char *word, *col;
	} words[] = {
		{"身份", "id_number"}, {"证号", "id_number"}, {"证件", "id_number"},
		{"电话", "phone"}, {"手机", "phone"}, {"联系", "phone"},
		{"出生", "birth_date"}, {"生日", "birth_date"}, {"地址", "address"},
		{"住址", "address"}, {"时长", "minutes"}, {"小时", "minutes"}, {"分钟", "minutes"},
		{"姓名", "name"}, {"名称", "name"}, {"性别", "gender"}, {"类别", "categories"},
		{"站点", "station_code"}, {"社工", "worker_id"}, {"工号", "worker_id"},
		{"区划", "division_code"}, {"日期", "date"}, {"时间", "date"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(cell, words[i].word) && sw_table_col(t, words[i].col) >= 0)
			return words[i].col;
	return NULL;
}

/* 1 if a header cell that names no column may be quoted in a message: it
 * looks like a header, not a value. A row of values can be taken for the
 * header (no header row, or a title row "姓名,张三,电话,138..." above it),
 * and then its cells are names, ID numbers and phones. So a cell is quoted
 * only if it is short (12 characters), holds no digit and no @, and holds
 * a word headers use and names do not: 编号, 日期, 电话, 备注 ..., or an
 * English word such as id, name, date, phone. norm is sw_text_norm'd.
 * (Cells of tables that hold no personal data are always quoted.) */
static int quotable(const char *norm)
{
	static const char *const zh[] = {
		"编号", "号码", "代码", "名称", "姓名", "性别", "日期", "时间", "时长", "类别", "类型",
		"状态", "备注", "说明", "情况", "地址", "住址", "电话", "手机", "联系", "身份", "证件",
		"出生", "生日", "年龄", "民族", "户籍", "婚姻", "学历", "技能", "工资", "区域", "站点",
		"社工", "工号", "区划", "单位", "部门", "岗位", "职务", "级别", "层级", "人数", "次数",
		"金额", "项目", "内容", "原因", "结果", "方式", "来源", "需求", "残疾", "邮箱", "微信",
		"籍贯", "负责人", "经办人", "填报人", "监护人", "分钟", "小时", "标题", "领域", "风险",
	};
	static const char *const en[] = {
		"id", "no", "name", "date", "time", "phone", "tel", "mobile", "address", "addr",
		"note", "notes", "remark", "remarks", "comment", "type", "code", "status", "sex",
		"gender", "age", "email", "station", "worker", "client", "case", "category", "level",
		"parent", "title", "kind", "number", "hours", "minutes", "skills", "wage", "district",
		"education", "seeker", "vacancy", "employer", "stage", "risk", "domain",
	};
	if (sw_utf8_len(norm) > 12 || strpbrk(norm, "0123456789@"))
		return 0;
	for (size_t i = 0; i < sizeof zh / sizeof zh[0]; i++)
		if (strstr(norm, zh[i]))
			return 1;
	for (const char *p = norm; *p;) {
		size_t n = 0;
		while (p[n] && ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z'))
			n++;
		for (size_t i = 0; n && i < sizeof en / sizeof en[0]; i++)
			if (strlen(en[i]) == n && strncasecmp(p, en[i], n) == 0)
				return 1;
		p += n ? n : 1;
	}
	return 0;
}

/* Names header cell j (0-based) that names no column of t. */
static void unknown_cell(const char *fname, long line, const struct sw_table *t, int j,
			 const char *cell)
{
	const char *h = hint(t, cell);
	if (t->personal && !quotable(cell)) {
		char col[8];	/* as a spreadsheet names it: A, B, ..., AA */
		int k = sizeof col - 1;
		col[k] = 0;
		for (int n = j + 1; n > 0 && k > 0; n = (n - 1) / 26)
			col[--k] = (char)('A' + (n - 1) % 26);
		sw_error_at(fname, line, _("column %d (%s): not a column of %s, and not quoted: it looks "
			    "like a value, not a name (is a row of values taken for the header?); "
			    "give the column a header, or leave it out with --ignore-column"), j + 1,
			    col + k, sw_table_title(t));
	} else if (h) {
		h = sw_column_title(&t->cols[sw_table_col(t, h)]);
		sw_error_at(fname, line, _("%s: not a column of %s; if it holds %s, name it %s, or "
			    "leave it out with --ignore-column %s"), cell, sw_table_title(t), h, h, cell);
	}
	else
		sw_error_at(fname, line, _("%s: not a column of %s; rename it to one of its columns, or "
			    "leave it out with --ignore-column %s"), cell, sw_table_title(t), cell);
}

/* Maps the header row f to L->t. Prints each problem; -1 if any. */
static int map_header(struct sw_layout *L, const char *fname, const struct sw_input_opts *o,
		      char *const *f, int nf)
{
	const struct sw_table *t = L->t;
	int rc = 0;
	L->nhdr = nf;
	L->hdr = sw_xcalloc((size_t)nf + 1, sizeof *L->hdr);
	L->field = sw_xcalloc((size_t)nf + 1, sizeof *L->field);
	L->map = sw_xcalloc((size_t)t->ncols, sizeof *L->map);
	L->unit = sw_xcalloc((size_t)t->ncols, sizeof *L->unit);
	for (int i = 0; i < t->ncols; i++)
		L->map[i] = SW_MAP_ABSENT;
	int rej = rejects_file(f, nf) ? nf - 2 : nf;
	for (int j = 0; j < nf; j++) {
		char tmp[256];
		int unit = 0, c;
		L->hdr[j] = sw_xstrdup(f[j]);
		if (j >= rej) {
			L->field[j] = SW_F_REJECTS;
			continue;
		}
		if (sw_text_norm(sw_text_copy(tmp, sizeof tmp, f[j])) == 0) {
			L->field[j] = SW_F_NOHEADER;
			continue;
		}
		if (ignored(o, f[j])) {
			L->field[j] = SW_F_IGNORED;
			continue;
		}
		c = sw_header_col_unit(t, f[j], &unit);
		L->field[j] = c;
		if (c == -2) {
			sw_error_at(fname, L->line, _("%s: unknown unit; name the column 时长（分钟） or "
				    "时长（小时）"), tmp);
			rc = -1;
			continue;
		}
		if (c == -3) {
			sw_error_at(fname, L->line, _("%s: unknown unit; name the column 金额（元） or "
				    "金额（万元）"), tmp);
			rc = -1;
			continue;
		}
		if (c < 0) {
			unknown_cell(fname, L->line, t, j, tmp);
			rc = -1;
			continue;
		}
		if (L->map[c] >= 0) {
			sw_error_at(fname, L->line, _("%s: column given twice (\"%s\" and \"%s\")"),
				    sw_column_title(&t->cols[c]), f[L->map[c]], f[j]);
			rc = -1;
		}
		L->map[c] = j;
		L->unit[c] = unit;
	}
	for (int i = 0; i < t->ncols; i++) {
		const struct sw_column *c = &t->cols[i];
		if (L->map[i] >= 0)
			continue;
		if (o->station && strcmp(c->name, "station_code") == 0) {
			L->map[i] = SW_MAP_FILL;
			L->fill = o->station;
		} else if (c->flags & (SW_C_DERIVED | SW_C_MADE))
			L->map[i] = SW_MAP_FILL;
		else if (c->flags & (SW_C_REQUIRED | SW_C_KEY)) {
			sw_error_at(fname, L->line, _("%s: missing required column%s"), sw_column_title(c),
				    strcmp(c->name, "station_code") == 0 ? _(" (or give --station CODE)") : "");
			rc = -1;
		}
	}
	return rc;
}

/* A header of two rows: names of groups above the columns' own, and the
 * columns without a group (序号, 备注) merged down through both, so that
 * their name is in the upper row only. An empty cell of the header takes
 * the name above it when the row above has two or more names (a title
 * has one) and no "label：value" cell (填报单位：..., 填报日期：...).
 * up[0..nup) is that row, or NULL. Returns hdr, or a new array of *n
 * cells (hdr's, up's or "") to free. */
static char **two_rows(char **hdr, int *n, char **up, int nup)
{
	int names = 0, w = *n > nup ? *n : nup;
	for (int j = 0; up && j < nup; j++) {
		if (strstr(up[j], "：") || strchr(up[j], ':'))
			return hdr;
		names += !sw_text_blank(up[j]);
	}
	if (names < 2)
		return hdr;
	char **h = NULL;
	for (int j = 0; j < nup; j++)
		if ((j >= *n || sw_text_blank(hdr[j])) && !sw_text_blank(up[j])) {
			if (!h) {
				h = sw_xcalloc((size_t)w, sizeof *h);
				for (int k = 0; k < w; k++)
					h[k] = k < *n ? hdr[k] : "";
			}
			h[j] = up[j];
		}
	if (h)
		*n = w;
	return h ? h : hdr;
}

static void up_free(char **up, int nup)
{
	for (int j = 0; j < nup; j++)
		free(up[j]);
	free(up);
}

int sw_layout_find(struct sw_source *s, const struct sw_table *const *tables,
		   const struct sw_input_opts *o, struct sw_layout *L)
{
	const char *fname = sw_source_name(s);
	const struct sw_table *only = NULL;
	struct sw_row row;
	int rc, best = 0, nup = 0;
	char **up = NULL;	/* the row above, kept: a header's upper row */

	memset(L, 0, sizeof *L);
	if (o->table && !(only = sw_table_find(tables, o->table))) {
		sw_error(_("--table: unknown table \"%s\""), o->table);
		return -1;
	}
	if (!only && sw_source_sheet(s))
		only = sw_table_find(tables, sw_source_sheet(s));
	while ((rc = sw_source_next(s, &row)) > 0) {
		if (row.bad) {
			sw_error_at(fname, row.line, "%s", row.bad);
			up_free(up, nup);
			return -1;
		}
		if (L->skipped == 0 && row.nf > 0 && strcmp(row.f[0], SW_TEMPLATE_NOTES) == 0)
			return 1;	/* a template's notes: like an empty sheet */
		int named;
		L->t = header_of(tables, only, o, row.f, row.nf, &named);
		if (L->t || named > best) {
			best = named > best ? named : best;
			L->line = row.line;
		}
		if (L->t) {
			sw_source_max_fields(s, row.nf + MARGIN_FIELDS);
			int nh = row.nf;
			char **h = two_rows(row.f, &nh, up, nup);
			rc = map_header(L, fname, o, h, nh);
			if (h != row.f)
				free(h);
			up_free(up, nup);
			return rc;
		}
		up_free(up, nup);
		up = sw_xcalloc((size_t)row.nf + 1, sizeof *up);
		for (nup = 0; nup < row.nf; nup++)
			up[nup] = sw_xstrdup(row.f[nup]);
		L->skipped++;
		if (L->skipped >= MAX_TITLE_ROWS)
			break;
	}
	up_free(up, nup);
	if (rc < 0) {
		sw_error_at(fname, sw_source_errline(s), "%s", sw_source_error(s));
		return -1;
	}
	if (L->skipped == 0)
		return 1;
	if (best && only)
		sw_error_at(fname, L->line, _("not a header row of %s: most of its cells name no column "
			    "(rename them, or leave them out with --ignore-column NAME)"),
			    sw_table_title(only));
	else if (best)
		sw_error_at(fname, L->line, _("not a header row: most of its cells name no column "
			    "(rename them, or leave them out with --ignore-column NAME)"));
	else {
		char names[256] = "";
		size_t len = 0;
		for (const struct sw_table *const *tp = tables; *tp && len < sizeof names; tp++)
			len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
						len ? _(", ") : "", sw_table_title(*tp));
		sw_error_at(fname, 0, _("no header row in the first %ld rows: cannot tell the table "
			    "(%s); the header names the columns (see the man page)"), L->skipped, names);
	}
	return -1;
}

int sw_layout_map(struct sw_layout *L, const struct sw_table *t, const char *fname,
		  const struct sw_input_opts *o, char *const *hdr, int n)
{
	memset(L, 0, sizeof *L);
	L->t = t;
	return map_header(L, fname, o, hdr, n);
}

void sw_layout_free(struct sw_layout *L)
{
	for (int j = 0; j < L->nhdr; j++)
		free(L->hdr[j]);
	free(L->hdr);
	free(L->field);
	free(L->map);
	free(L->unit);
	memset(L, 0, sizeof *L);
}

/* 1 if s, trimmed, starts a total row: 合计, 小计, 总计, 共计. */
static int total_word(const char *s)
{
	static const char *const w[] = {"合计", "小计", "总计", "共计", "总数"};
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strncmp(s, w[i], strlen(w[i])) == 0)
			return 1;
	return 0;
}

/* 1 if s (trimmed) is a footer's label with its colon: 填表人：..., 审核人:
 * ...; *empty, 1 if nothing follows the colon. */
static int footer_label(const char *s, int *empty)
{
	static const char *const w[] = {"填表人", "填报人", "制表人", "审核人", "审批人", "负责人",
					"统计人", "经办人", "填表日期", "填报日期", "制表日期", "审核日期",
					"报送日期"};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		size_t n = strlen(w[i]);
		if (strncmp(s, w[i], n) != 0)
			continue;
		const char *p = s + n;
		while (*p == ' ')
			p++;
		if (strncmp(p, "：", 3) != 0 && *p != ':')
			return 0;
		p += *p == ':' ? 1 : 3;
		while (*p == ' ')
			p++;
		*empty = !*p;
		return 1;
	}
	return 0;
}

/* 1 if f is the footer under a ledger: "填表人：张三,,审核人：李四",
 * "填表人：,张三,填报日期：2026年10月31日": its first cell a label, each
 * other cell a label or the value of a label left empty before it. */
static int footer_row(char *const *f, int nf)
{
	int labels = 0, open = 0;
	for (int j = 0; j < nf; j++) {
		char tmp[96];
		if (!*f[j])
			continue;
		if (strlen(f[j]) >= sizeof tmp)
			return 0;
		if (sw_text_trim(sw_text_copy(tmp, sizeof tmp, f[j])) == 0)
			continue;
		int empty;
		if (footer_label(tmp, &empty))
			labels++, open = empty;
		else if (open)
			open = 0;	/* the value of the label before */
		else
			return 0;
	}
	return labels > 0;
}

int sw_layout_skip(const struct sw_layout *L, char *const *f, int nf)
{
	int first = 1;
	if (footer_row(f, nf))
		return 1;
	for (int j = 0; j < nf; j++) {
		if (sw_text_blank(f[j]))
			continue;
		char tmp[64];
		if (first && sw_text_trim(sw_text_copy(tmp, sizeof tmp, f[j])) && total_word(tmp))
			return 1;
		first = 0;
		if (j >= L->nhdr || (L->field[j] != SW_F_IGNORED && L->field[j] != SW_F_REJECTS))
			return 0;
	}
	return 1;
}

int *sw_layout_order(struct sw_source *src, const struct sw_table *const *tables,
		     const struct sw_input_opts *o, int *bad)
{
	int n = sw_source_parts(src), *order = sw_xcalloc((size_t)n + 1, sizeof *order);
	int *rank = sw_xcalloc((size_t)n + 1, sizeof *rank);
	*bad = 0;
	for (int i = 0; i < n; i++) {
		order[i] = i;
		if (n == 1)
			break;
		struct sw_layout L;
		if (sw_source_begin(src, i) != 0)
			*bad = 1;
		else {
			int rc = sw_layout_find(src, tables, o, &L);
			if (rc < 0)
				*bad = 1;
			for (int k = 0; rc == 0 && tables[k]; k++)
				if (tables[k] == L.t)
					rank[i] = k;
			sw_layout_free(&L);
		}
	}
	for (int i = 1; i < n; i++)	/* stable: sheets of one table keep their order */
		for (int j = i; j > 0 && rank[order[j - 1]] > rank[order[j]]; j--) {
			int tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	free(rank);
	return order;
}

int sw_table_rows(const char *path, const struct sw_table *t, const struct sw_input_opts *o,
		 int (*each)(void *ctx, const char *fname, long line, const char **v), void *ctx)
{
	int status;
	struct sw_source *src = sw_source_open(path, o, &status);
	if (!src)
		return status == SW_EXIT_FAIL ? 3 : 1;
	const struct sw_table *only[] = {t, NULL};
	struct sw_input_opts po = *o;
	po.table = t->name;
	struct sw_layout L;
	int rc = 1;
	for (int i = 0; i < sw_source_parts(src) && rc > 0; i++)
		if (sw_source_begin(src, i) == 0 && (rc = sw_layout_find(src, only, &po, &L)) > 0)
			sw_layout_free(&L);
	const char *fname = sw_source_name(src);
	if (rc > 0)
		sw_error_at(fname, 0, "%s", _("empty file (a header row is required)"));
	if (rc != 0) {
		if (rc < 0)	/* a header found and refused: mapped in part */
			sw_layout_free(&L);
		sw_source_close(src);
		return 1;
	}
	struct sw_arena a = {0};
	long *off = sw_xcalloc((size_t)t->ncols, sizeof *off);
	const char **v = sw_xcalloc((size_t)t->ncols, sizeof *v);
	char why[1400], msg[2800];
	struct sw_row rw;
	status = 0;
	while ((rc = sw_source_next(src, &rw)) > 0) {
		a.len = 0;
		int k = sw_row_norm(&L, &rw, &a, off, why, sizeof why);
		if (k > 0)
			continue;
		if (k < 0) {
			sw_error_at(fname, rw.line, "%s", sw_problems_line(why, msg, sizeof msg));
			status = 1;
			continue;
		}
		for (int i = 0; i < t->ncols; i++)
			v[i] = off[i] < 0 ? NULL : a.p + off[i];
		if ((k = each(ctx, fname, rw.line, v)) != 0)
			status = k;
		if (k > 1)
			break;
	}
	if (rc < 0) {
		sw_error_at(fname, sw_source_errline(src), "%s", sw_source_error(src));
		status = 1;
	}
	free(a.p);
	free(off);
	free(v);
	sw_layout_free(&L);
	sw_source_close(src);
	return status;
}
