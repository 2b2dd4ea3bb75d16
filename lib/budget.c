/* sw-report budget: a contract's spending against its amount, pro rata to
 * the day (see sw/contract.h). Every sum is in fen, exact. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/contract.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/money.h"
#include "sw/store.h"
#include "sw/valid.h"
#include "sw/vocab.h"

#define NCAT 16	/* at most this many spending categories */

const char *const sw_budget_cols[SW_BUDGET_NCOLS] = {
	"contract_id", "month", "category", "amount", "spent", "spent_to_date", "expected",
	"over_under", "status"};
const char sw_budget_types[] = "sssnnnnns";

/* One contract's figures as they are gathered. */
struct budget {
	const char *id;
	char start[11], end[11], upto[11];	/* upto: min(on, end) */
	long long amount;			/* fen */
	char cat[NCAT][32];			/* spending_category keys, vocabulary order */
	int ncat;
	long long *spent;			/* spent[month * ncat + c] */
	int nmonths;
	char first[8];				/* the start's month */
	int zh;
	struct sw_out *out;
};

/* a * b / c, half up; c > 0, a and b not negative. */
static long long share(long long a, long long b, long long c)
{
	__int128 x = ((__int128)a * b * 2 / c + 1) / 2;
	return x > LLONG_MAX ? LLONG_MAX : (long long)x;
}

/* The amount expected spent by day d: amount x days elapsed / contract days. */
static long long expected(const struct budget *b, const char *d)
{
	long total = sw_date_days(b->end) - sw_date_days(b->start) + 1;
	long days = sw_date_days(d) - sw_date_days(b->start) + 1;
	days = days < 0 ? 0 : days > total ? total : days;
	return share(b->amount, days, total);
}

static const char *label(const struct budget *b, const char *key)
{
	if (strcmp(key, "total") == 0)
		return b->zh ? _("budget total") : "total";
	return sw_vocab_label("spending_category", key, b->zh);
}

/* One row: spent always; the rest where given (NULL: empty). */
static void row(const struct budget *b, const char *month, const char *cat, const long long *amount,
		long long spent, const long long *to_date, const long long *exp)
{
	char a[32], s[32], t[32], e[32], d[32];
	const char *status = NULL;
	if (to_date && exp) {
		long long diff = *to_date - *exp;
		sw_money_fmt(diff, d, sizeof d);
		status = diff > 0 ? "over" : diff < 0 ? "under" : "even";
		if (b->zh)
			status = diff > 0 ? _("over the pro rata amount") : diff < 0
				? _("under the pro rata amount") : _("at the pro rata amount");
	}
	const char *v[SW_BUDGET_NCOLS] = {
		b->id, month, cat, amount ? sw_money_fmt(*amount, a, sizeof a) : NULL,
		sw_money_fmt(spent, s, sizeof s), to_date ? sw_money_fmt(*to_date, t, sizeof t) : NULL,
		exp ? sw_money_fmt(*exp, e, sizeof e) : NULL, status ? d : NULL, status};
	sw_out_row(b->out, v);
}

/* The rows of one contract: each month's categories and total, then each
 * category's total and the contract's total as of upto. */
static void rows(const struct budget *b)
{
	char month[8], last[11];
	long long to_date = 0, *bycat = sw_xcalloc(NCAT, sizeof *bycat);
	snprintf(month, sizeof month, "%s", b->first);
	for (int m = 0; m < b->nmonths; m++, sw_month_add(month, 1, month)) {
		long long in_month = 0;
		for (int c = 0; c < b->ncat; c++) {
			long long x = b->spent[m * b->ncat + c];
			if (x)
				row(b, month, label(b, b->cat[c]), NULL, x, NULL, NULL);
			in_month += x;
			bycat[c] += x;
		}
		to_date += in_month;
		sw_month_last(month, last);
		long long e = expected(b, strcmp(last, b->upto) < 0 ? last : b->upto);
		row(b, month, label(b, "total"), &b->amount, in_month, &to_date, &e);
	}
	for (int c = 0; c < b->ncat; c++)
		row(b, label(b, "total"), label(b, b->cat[c]), NULL, bycat[c], NULL, NULL);
	long long e = expected(b, b->upto);
	row(b, label(b, "total"), label(b, "total"), &b->amount, to_date, &to_date, &e);
	free(bycat);
}

/* Reads the contract's spending up to upto into b->spent. 0 or -1. */
static int gather(struct sw_store *s, struct budget *b)
{
	char upto_month[8];
	snprintf(b->first, sizeof b->first, "%.7s", b->start);
	snprintf(upto_month, sizeof upto_month, "%.7s", b->upto);
	/* the months from the start's to upto's; none before the start */
	b->nmonths = strcmp(b->upto, b->start) < 0 ? 0
		: (atoi(upto_month) - atoi(b->first)) * 12 + atoi(upto_month + 5) - atoi(b->first + 5) + 1;
	b->spent = sw_xcalloc((size_t)b->nmonths * NCAT + 1, sizeof *b->spent);
	struct sw_stmt *st = sw_store_prep(s, "SELECT substr(date, 1, 7), category,"
		" sum(CAST(replace(amount, '.', '') AS BIGINT)) FROM spending"
		" WHERE contract_id = ?1 AND date <= ?2 GROUP BY substr(date, 1, 7), category"
		" ORDER BY 1, 2");
	sw_stmt_bind_text(st, 1, b->id);
	sw_stmt_bind_text(st, 2, b->upto);
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		const char *month = sw_stmt_text(st, 0), *cat = sw_stmt_text(st, 1);
		int m = (atoi(month) - atoi(b->first)) * 12 + atoi(month + 5) - atoi(b->first + 5), c;
		for (c = 0; c < b->ncat && strcmp(b->cat[c], cat) != 0; c++)
			;
		if (c == b->ncat) {	/* a figure never counts nothing in silence */
			sw_error(_("budget: spending category \"%s\" is not a category of the "
				   "vocabulary (sw-station vocab list spending_category)"), cat);
			sw_stmt_finalize(st);
			return -1;
		}
		if (m >= 0 && m < b->nmonths)
			b->spent[m * b->ncat + c] += sw_stmt_int64(st, 2);
	}
	sw_stmt_finalize(st);
	return rc < 0 ? -1 : 0;
}

static void add_category(void *ctx, const char *vocab, const char *key, const char *alias, int local)
{
	struct budget *b = ctx;
	(void)vocab, (void)alias, (void)local;
	for (int c = 0; c < b->ncat; c++)
		if (strcmp(b->cat[c], key) == 0)
			return;
	if (b->ncat < NCAT)
		snprintf(b->cat[b->ncat++], sizeof b->cat[0], "%s", key);
}

/* The spending categories' keys, in vocabulary order, into b. */
static void categories(struct budget *b)
{
	b->ncat = 0;
	sw_vocab_each("spending_category", add_category, b);
}

int sw_budget_write(struct sw_store *s, const char *contract, const char *on, struct sw_out *out, int zh)
{
	struct budget b = {.zh = zh, .out = out};
	categories(&b);
	struct sw_stmt *st = sw_store_prep(s, "SELECT contract_id, start, \"end\", amount FROM contracts"
					   " WHERE ?1 IS NULL OR contract_id = ?1 ORDER BY contract_id");
	sw_stmt_bind_text(st, 1, contract);
	int rc, over = 0;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		b.id = sw_stmt_text(st, 0);
		snprintf(b.start, sizeof b.start, "%s", sw_stmt_text(st, 1));
		snprintf(b.end, sizeof b.end, "%s", sw_stmt_text(st, 2));
		snprintf(b.upto, sizeof b.upto, "%s", strcmp(on, b.end) < 0 ? on : b.end);
		char why[160];
		if (sw_money_parse(sw_stmt_text(st, 3), 1, &b.amount, why, sizeof why) != 0)
			b.amount = 0;	/* only the import writes it, canonical */
		if (gather(s, &b) != 0)
			break;
		rows(&b);
		long long spent = 0;
		for (int i = 0; i < b.nmonths * b.ncat; i++)
			spent += b.spent[i];
		if (spent > b.amount) {
			char a[32], sp[32];
			sw_warn(_("%s: %s spent, more than the contract's amount of %s"), b.id,
				sw_money_fmt(spent, sp, sizeof sp), sw_money_fmt(b.amount, a, sizeof a));
			over = 1;
		}
		free(b.spent);
		b.spent = NULL;
	}
	free(b.spent);
	sw_stmt_finalize(st);
	return rc == SW_DONE ? over : -1;
}
