/* What sw-match's follow-up works out in C so that a server gives what
 * SQLite's SQL always gave: the months after a hire (date(d, '+N
 * months'), checked against SQLite itself for every day of 1995-2035, and
 * by hand where a month is shorter), and the figures' one decimal
 * (round(x, 1), against SQLite for every rate of up to 400 people and
 * every median of two days). */
#include <sqlite3.h>

#include "sw/match.h"
#include "sw/valid.h"
#include "unit.h"

int main(void)
{
	static const struct {
		const char *date;
		int n;
		const char *want;
	} t[] = {
		{"2026-02-15", 3, "2026-05-15"}, {"2026-01-31", 1, "2026-03-03"},
		{"2024-01-31", 1, "2024-03-02"}, {"2025-11-30", 3, "2026-03-02"},
		{"2025-08-31", 6, "2026-03-03"}, {"2023-11-29", 3, "2024-02-29"},
		{"2026-12-31", 6, "2027-07-01"}, {"2026-10-31", 3, "2027-01-31"},
		{"1999-12-31", 2, "2000-03-02"}, {"2099-11-30", 3, "2100-03-02"},
	};
	char got[11];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		sw_match_add_months(t[i].date, t[i].n, got);
		T_STR(got, t[i].want, "%s + %d months: the day carried into the next month when it is shorter",
		      t[i].date, t[i].n);
	}

	sqlite3 *db;
	sqlite3_stmt *st;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT date(?1, '+' || ?2 || ' months')", -1, &st, NULL) != SQLITE_OK)
		return 3;
	static const int months[] = {1, 2, 3, 6, 11, 12, 13, 25};
	long checked = 0, differ = 0;
	char day[11], first[192] = "";
	for (long d = sw_date_days("1995-01-01"); d <= sw_date_days("2035-12-31"); d++) {
		sw_date_from_days(d, day);
		for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
			sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, months[k]);
			sqlite3_step(st);
			sw_match_add_months(day, months[k], got);
			const char *want = (const char *)sqlite3_column_text(st, 0);
			if (!want || strcmp(got, want) != 0) {
				if (!differ++)
					snprintf(first, sizeof first, "%s + %d: %s, SQLite %s", day, months[k], got,
						 want ? want : "NULL");
			}
			checked++;
			sqlite3_reset(st);
		}
	}
	T_OK(differ == 0, "every day of 1995-2035 plus 1 to 25 months as SQLite's date() (%ld checked) %s",
	     checked, first);
	sqlite3_finalize(st);

	/* as stats' SQL had them: 100.0 * num / den, and avg() of two days */
	if (sqlite3_prepare_v2(db, "SELECT round(100.0 * ?1 / ?2, 1), round((?1 + ?2) / 2.0, 1)", -1, &st,
			       NULL) != SQLITE_OK)
		return 3;
	char mine[32], avg[32];
	checked = differ = 0;
	for (int den = 1; den <= 400; den++)
		for (int num = den > 50 ? -400 : 0; num <= den; num++) {
			sqlite3_bind_int(st, 1, num);
			sqlite3_bind_int(st, 2, den);
			sqlite3_step(st);
			sw_match_decimal1(100.0 * num / den, mine);
			sw_match_decimal1(((double)num + den) / 2, avg);
			const char *a = (const char *)sqlite3_column_text(st, 0);
			const char *b = (const char *)sqlite3_column_text(st, 1);
			if (strcmp(mine, a) != 0 || strcmp(avg, b) != 0)
				if (!differ++)
					snprintf(first, sizeof first, "%d/%d: %s %s, SQLite %s %s", num, den, mine,
						 avg, a, b);
			checked++;
			sqlite3_reset(st);
		}
	T_OK(differ == 0, "rates and medians to one decimal as SQLite's round() (%ld checked) %s", checked,
	     first);
	sw_match_decimal1(0, mine);
	T_STR(mine, "0.0", "none of them: 0.0");
	sw_match_decimal1(200.0 / 3, mine);
	T_STR(mine, "66.7", "two of three: 66.7");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return T_DONE();
}
