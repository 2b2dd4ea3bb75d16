/* Chinese titles and words in listings (sw/labels.h). */
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/labels.h"
#include "sw/out.h"
#include "sw/store.h"
#include "sw/vocab.h"

int sw_labels;
const struct sw_table *const *sw_label_tables;

int sw_labels_parse(const char *s)
{
	return strcmp(s, "zh") == 0 ? SW_LABELS_ZH : strcmp(s, "en") == 0 ? SW_LABELS_EN : -1;
}

int sw_labels_zh(int fmt)
{
	if (sw_labels != SW_LABELS_AUTO)
		return sw_labels == SW_LABELS_ZH;
	/* every format but the machine ones is for people */
	return sw_i18n_zh() && fmt != SW_FMT_CSV && fmt != SW_FMT_TSV && fmt != SW_FMT_JSON &&
	       fmt != SW_FMT_JSONL;
}

/* The column named name of the table named table among the registered. */
static const struct sw_column *column_of(const char *table, const char *name)
{
	const struct sw_table *t = table ? sw_table_find(sw_label_tables, table) : NULL;
	int i = t && name ? sw_table_col(t, name) : -1;
	return i >= 0 ? &t->cols[i] : NULL;
}

const struct sw_column **sw_labels_stmt(struct sw_stmt *st, int fmt, const char **names)
{
	if (!sw_labels_zh(fmt) || !sw_label_tables)
		return NULL;
	int n = sw_stmt_columns(st);
	const struct sw_column **cols = sw_xcalloc((size_t)n + 1, sizeof *cols);
	const char **from = sw_xcalloc((size_t)n + 1, sizeof *from);
	const char *main = NULL;	/* the table the listing's columns come from */
	for (int i = 0; i < n; i++) {
		const char *o;
		sw_stmt_origin(st, i, &from[i], &o);
		/* (a column renamed by AS shows something else than its origin) */
		if (from[i] && o && strcmp(o, names[i]) == 0 && (cols[i] = column_of(from[i], o)) && !main)
			main = from[i];
	}
	for (int i = 0; i < n; i++) {
		if (!cols[i] && !from[i])
			cols[i] = column_of(main, names[i]);
		if (cols[i])
			names[i] = sw_column_label(cols[i], 1);
	}
	free(from);
	return cols;
}

char *sw_label_value(const struct sw_column *c, const char *v)
{
	if (!v || !*v)
		return NULL;
	if (c->type == SW_T_BOOL)
		return sw_xstrdup(sw_vocab_label("bool", strcmp(v, "0") == 0 ? "no" : "yes", 1));
	if (c->type == SW_T_VOCAB) {
		const char *l = sw_vocab_label(c->vocab, v, 1);
		return l == v ? NULL : sw_xstrdup(l);
	}
	if (c->type != SW_T_SET)
		return NULL;
	/* "k1;k2" as the words an admin writes: "老年人、低保" */
	size_t cap = strlen(v) * 4 + 64, len = 0;
	char *out = sw_xmalloc(cap), key[128];
	for (const char *p = v; *p;) {
		size_t k = strcspn(p, ";");
		snprintf(key, sizeof key, "%.*s", (int)k, p);
		const char *l = sw_vocab_label(c->vocab, key, 1);
		size_t need = strlen(l) + 4;
		if (len + need >= cap)
			out = sw_xrealloc(out, cap = (len + need) * 2);
		len += (size_t)sprintf(out + len, "%s%s", len ? "、" : "", l);
		p += k + (p[k] == ';');
	}
	return out;
}

/* The titles of the columns listings compute or name by hand (reports,
 * due, coverage, ...), for the catalogue: a table column is titled by its
 * aliases (sw_labels_stmt); these by gettext, in context "column". */
const char *const sw_listing_titles[] = {
	NC_("column", "accepted"),
	NC_("column", "action"),
	NC_("column", "active"),
	NC_("column", "activities"),
	NC_("column", "address"),
	NC_("column", "alias"),
	NC_("column", "amount"),
	NC_("column", "assistant"),
	NC_("column", "at"),
	NC_("column", "birth_date"),
	NC_("column", "case_id"),
	NC_("column", "caseload"),
	NC_("column", "cases_closed"),
	NC_("column", "cases_opened"),
	NC_("column", "categories"),
	NC_("column", "category"),
	NC_("column", "certificate"),
	NC_("column", "certified"),
	NC_("column", "certified_total"),
	NC_("column", "check_stage"),
	NC_("column", "client_a"),
	NC_("column", "client_b"),
	NC_("column", "client_id"),
	NC_("column", "closed_on"),
	NC_("column", "code"),
	NC_("column", "completed"),
	NC_("column", "contract_id"),
	NC_("column", "county"),
	NC_("column", "date"),
	NC_("column", "days_overdue"),
	NC_("column", "depth"),
	NC_("column", "division_code"),
	NC_("column", "due_on"),
	NC_("column", "employer"),
	NC_("column", "employer_name"),
	NC_("column", "employment_rate"),
	NC_("column", "expected"),
	NC_("column", "figure"),
	NC_("column", "fingerprint"),
	NC_("column", "flag"),
	NC_("column", "gender"),
	NC_("column", "hired_on"),
	NC_("column", "hukou"),
	NC_("column", "id"),
	NC_("column", "intermediate"),
	NC_("column", "item_code"),
	NC_("column", "job_starts"),
	NC_("column", "key"),
	NC_("column", "label"),
	NC_("column", "leavers"),
	NC_("column", "left_on"),
	NC_("column", "level"),
	NC_("column", "median_days"),
	NC_("column", "median_days_to_feedback"),
	NC_("column", "median_days_to_referral"),
	NC_("column", "month"),
	NC_("column", "name"),
	NC_("column", "new"),
	NC_("column", "open_cases"),
	NC_("column", "opened_on"),
	NC_("column", "operator_name"),
	NC_("column", "over_under"),
	NC_("column", "parent_code"),
	NC_("column", "participants"),
	NC_("column", "people"),
	NC_("column", "period"),
	NC_("column", "reason"),
	NC_("column", "reasons"),
	NC_("column", "received"),
	NC_("column", "referred"),
	NC_("column", "registered"),
	NC_("column", "registered_on"),
	NC_("column", "required"),
	NC_("column", "retention_3m"),
	NC_("column", "retention_6m"),
	NC_("column", "role"),
	NC_("column", "score"),
	NC_("column", "seeker_id"),
	NC_("column", "senior"),
	NC_("column", "services"),
	NC_("column", "short"),
	NC_("column", "since"),
	NC_("column", "source"),
	NC_("column", "spent"),
	NC_("column", "spent_to_date"),
	NC_("column", "staff"),
	NC_("column", "staff_total"),
	NC_("column", "stage"),
	NC_("column", "station_code"),
	NC_("column", "station_name"),
	NC_("column", "status"),
	NC_("column", "supervision_hours"),
	NC_("column", "title"),
	NC_("column", "township_pct"),
	NC_("column", "townships"),
	NC_("column", "townships_covered"),
	NC_("column", "training_hours"),
	NC_("column", "user"),
	NC_("column", "vacancy_id"),
	NC_("column", "value"),
	NC_("column", "village_pct"),
	NC_("column", "villages"),
	NC_("column", "villages_covered"),
	NC_("column", "vocab"),
	NC_("column", "what"),
	NC_("column", "worker_id"),
	NC_("column", "workers"),
	NULL
};

const char *sw_label_title(const char *name)
{
	return sw_pgettext("column", name);
}
