/* The service catalogue's figures (see sw/items.h): the catalogue loaded
 * once per command, like the vocabularies, so that a figure's name and
 * label live as long as the rules and targets that name it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/items.h"
#include "sw/store.h"
#include "sw/strset.h"
#include "sw/vocab.h"

struct line {
	char *category, *code, *name;	/* as sw_items_line gives them */
	struct sw_figure def;		/* its figure's key and labels, owned */
};

static struct {
	struct line *l;
	int n;			/* lines, the last "(no item)" */
	struct sw_strset at;	/* tag 0: item code -> line; 1: category -> line */
} C;

static void forget(void)
{
	for (int k = 0; k < C.n; k++) {
		struct line *l = &C.l[k];
		free(l->category), free(l->code), free(l->name);
		free((char *)l->def.key), free((char *)l->def.zh), free((char *)l->def.en);
	}
	free(C.l);
	sw_strset_free(&C.at);
	memset(&C, 0, sizeof C);
}

static char *dup_or_null(const char *s)
{
	return s ? sw_xstrdup(s) : NULL;
}

static int by_line(const void *x, const void *y)
{
	const struct line *a = x, *b = y;
	int c = strcmp(a->category, b->category);
	if (c)
		return c;
	if (!a->code || !b->code)	/* the category's total first */
		return !!a->code - !!b->code;
	return strcmp(a->code, b->code);
}

static void push(int *cap, const char *category, const char *code, const char *name)
{
	if (C.n == *cap)
		C.l = sw_xrealloc(C.l, (size_t)(*cap = *cap ? 2 * *cap : 64) * sizeof *C.l);
	C.l[C.n++] = (struct line){dup_or_null(category), dup_or_null(code), dup_or_null(name), {0}};
}

/* The figure of line k: its key and labels. */
static void name_line(int k)
{
	struct line *l = &C.l[k];
	char key[256], zh[512], en[256];
	if (l->code) {
		snprintf(key, sizeof key, "item:%s", l->code);
		snprintf(zh, sizeof zh, "服务人次（%s %s）", l->code, l->name);
		snprintf(en, sizeof en, "services: item %s", l->code);
	} else {
		snprintf(key, sizeof key, "category:%s", l->category);
		snprintf(zh, sizeof zh, "服务人次（%s）", sw_vocab_label("item_category", l->category, 1));
		snprintf(en, sizeof en, "services: category %s", l->category);
	}
	l->def = (struct sw_figure){sw_xstrdup(key), sw_xstrdup(zh), sw_xstrdup(en), 0, 0, 0, 0};
}

int sw_items_load(struct sw_store *const *dbs, int ndb)
{
	int cap = 0;
	forget();
	for (int d = 0; d < ndb; d++) {
		int has = sw_store_has(dbs[d], "catalogue");
		if (has <= 0) {
			if (has < 0)
				return -1;
			continue;
		}
		struct sw_stmt *st = sw_store_prep(dbs[d], "SELECT item_code, name, category FROM catalogue");
		int rc;
		while ((rc = sw_stmt_step(st)) == SW_ROW) {
			const char *code = sw_stmt_text(st, 0);
			const char *cat = sw_stmt_text(st, 2);
			if (sw_strset_put(&C.at, 1, cat, sw_str_hash(cat), 0) == -1)
				push(&cap, cat, NULL, NULL);	/* the category's total */
			if (sw_strset_put(&C.at, 0, code, sw_str_hash(code), 0) == -1)
				push(&cap, cat, code, sw_stmt_text(st, 1));
		}
		sw_stmt_finalize(st);
		if (rc != SW_DONE)
			return -1;
	}
	if (C.n)
		qsort(C.l, (size_t)C.n, sizeof *C.l, by_line);
	sw_strset_free(&C.at);
	for (int k = 0; k < C.n; k++) {
		struct line *l = &C.l[k];
		sw_strset_put(&C.at, !l->code, l->code ? l->code : l->category,
			      sw_str_hash(l->code ? l->code : l->category), k);
		name_line(k);
	}
	push(&cap, NULL, NULL, NULL);	/* what named no item */
	return 0;
}

int sw_items_lines(void)
{
	return C.n;
}

void sw_items_line(int k, const char **category, const char **code, const char **name)
{
	*category = C.l[k].category;
	*code = C.l[k].code;
	*name = C.l[k].name;
}

int sw_items_count(void)
{
	return C.n ? C.n - 1 : 0;
}

const struct sw_figure *sw_items_def(int k)
{
	return &C.l[k].def;
}

int sw_items_find(const char *name, char *why, size_t whylen)
{
	int item = strncmp(name, "item:", 5) == 0;
	const char *w = name + (item ? 5 : strncmp(name, "category:", 9) == 0 ? 9 : 0);
	const char *key = item ? w : sw_vocab_lookup("item_category", w);
	int k = w == name ? -1 : sw_strset_get(&C.at, !item, key ? key : w, sw_str_hash(key ? key : w));
	if (k < 0 && item)
		snprintf(why, whylen, _("unknown item \"%s\" (the service catalogue has no such item_code)"), w);
	else if (k < 0)
		snprintf(why, whylen, _("unknown category \"%s\" (no item of the service catalogue is of it)"), w);
	return k;
}

/* Counts one record of line k in row g and in the total; who (a client's
 * number, or -1) once per row and line, in that row and line's set. */
static void count(long long *v, struct sw_numset *seen, int lines, int g, int ng, int k,
		  const int *vals, int who)
{
	int rows[2] = {g, ng};
	for (int r = 0; r < 2; r++) {
		long long *x = &SW_ITEM_AT(v, rows[r], k, 0);
		for (int j = 0; j < SW_ITEM_NVAL; j++)
			x[j] += vals[j];
		if (who >= 0 && sw_numset_add(&seen[(size_t)rows[r] * (size_t)lines + (size_t)k], (uint32_t)who))
			x[SW_ITEM_PEOPLE]++;
	}
}

/* One database's services (kind 0) or activities (1) of the period into v,
 * at their station's row: under their item and its category, or under
 * "(no item)". Categories are the database's own. 0 or -1 (printed). */
static int scan(const struct sw_net *n, int d, int kind, const char *from, const char *to,
		long long *v, struct sw_strset *ids, int *nids, struct sw_numset *seen)
{
	static const char *const sql[2] = {
		"SELECT s.station_code, s.item_code, c.category, s.client_id FROM services s"
		" LEFT JOIN catalogue c ON c.item_code = s.item_code WHERE s.date >= ?1 AND s.date <= ?2",
		"SELECT a.station_code, a.item_code, c.category, coalesce(a.participants, 0) FROM activities a"
		" LEFT JOIN catalogue c ON c.item_code = a.item_code WHERE a.date >= ?1 AND a.date <= ?2",
	};
	struct sw_stmt *st = sw_store_prep(n->db[d], sql[kind]);
	sw_stmt_bind_text(st, 1, from);
	sw_stmt_bind_text(st, 2, to);
	int rc, lines = C.n;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		int i = sw_net_find(n, sw_stmt_text(st, 0));
		if (i < 0 || !sw_net_in(n, i))
			continue;
		const char *code = sw_stmt_text(st, 1);
		const char *cat = sw_stmt_text(st, 2);
		int vals[SW_ITEM_NVAL] = {0}, k[2] = {lines - 1, -1};
		int who = -1;
		if (kind == 0) {
			const char *client = sw_stmt_text(st, 3);
			int id = sw_strset_put(ids, d, client, sw_str_hash(client), *nids);
			who = id < 0 ? (*nids)++ : id;
			vals[SW_ITEM_SERVICES] = 1;
		} else {
			vals[SW_ITEM_ACTIVITIES] = 1;
			vals[SW_ITEM_PARTICIPANTS] = (int)sw_stmt_int64(st, 3);
		}
		if (code && cat) {
			k[0] = sw_strset_get(&C.at, 0, code, sw_str_hash(code));
			k[1] = sw_strset_get(&C.at, 1, cat, sw_str_hash(cat));
		}
		for (int j = 0; j < 2; j++)
			if (k[j] >= 0)
				count(v, seen, lines, n->st[i].group, n->ngroups, k[j], vals, who);
	}
	sw_stmt_finalize(st);
	return rc == SW_DONE ? 0 : -1;
}

long long *sw_items_fill(const struct sw_net *n, const char *from, const char *to)
{
	long long *v = sw_xcalloc((size_t)(n->ngroups + 1) * (size_t)(C.n ? C.n : 1) * SW_ITEM_NVAL,
				  sizeof *v);
	struct sw_strset ids = {0};
	size_t nsets = (size_t)(n->ngroups + 1) * (size_t)C.n;
	struct sw_numset *seen = sw_xcalloc(nsets ? nsets : 1, sizeof *seen);
	int nids = 0, rc = 0;
	for (int d = 0; d < n->ndb && rc == 0 && C.n; d++) {
		int has = sw_store_has(n->db[d], "catalogue");
		rc = has < 0 ? -1 : 0;
		for (int kind = 0; kind < 2 && has > 0 && rc == 0; kind++)
			rc = scan(n, d, kind, from, to, v, &ids, &nids, seen);
	}
	sw_strset_free(&ids);
	for (size_t i = 0; i < nsets; i++)
		sw_numset_free(&seen[i]);
	free(seen);
	if (rc != 0) {
		free(v);
		return NULL;
	}
	return v;
}

long long *sw_figures_fill(const struct sw_net *n, const char *from, const char *to, int catalogue,
			   int *stride)
{
	long long *v = sw_report_fill(n, from, to), *it = NULL;
	*stride = SW_NFIG;
	if (!v || !catalogue)
		return v;
	if (!(it = sw_items_fill(n, from, to))) {
		free(v);
		return NULL;
	}
	int nf = *stride = sw_figure_count();
	long long *all = sw_xcalloc((size_t)(n->ngroups + 1) * (size_t)nf, sizeof *all);
	for (int g = 0; g <= n->ngroups; g++) {
		memcpy(all + (size_t)g * nf, v + (size_t)g * SW_NFIG, SW_NFIG * sizeof *all);
		for (int k = 0; k < nf - SW_NFIG; k++)
			all[(size_t)g * nf + SW_NFIG + k] = SW_ITEM_AT(it, g, k, SW_ITEM_SERVICES);
	}
	free(v);
	free(it);
	return all;
}
