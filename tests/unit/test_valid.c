/* Dates, resident IDs, phone numbers and integers. */
#include <stdlib.h>

#include "sw/valid.h"
#include "unit.h"

static void dates(void)
{
	static const struct { const char *in, *want; } ok[] = {
		{"2026-11-24", "2026-11-24"}, {"2026/11/24", "2026-11-24"},
		{"2026.11.24", "2026-11-24"}, {"2026年11月24日", "2026-11-24"},
		{"2015年1月7日", "2015-01-07"}, {"2026/1/5", "2026-01-05"},
		{"46350", "2026-11-24"}, {"1", "1900-01-01"}, {"59", "1900-02-28"},
		{"61", "1900-03-01"}, {"20240229", "2024-02-29"},
		{"2026-11-24 00:00:00", "2026-11-24"}, {"2026/11/24 8:30", "2026-11-24"},
		{"2000-02-29", "2000-02-29"}, {"2026年3月5号", "2026-03-05"},
	};
	static const char *const bad[] = {
		"", "2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "60",
		"2026-11", "24/11/2026", "2026-11-24x", "2026-11/24", "abc", "2026年11月",
		"1899-12-31", "20261340", "0", "-5", "2026-11-24 25:00",
	};
	char out[11], why[128];
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int rc = sw_date_parse(ok[i].in, out, why, sizeof why);
		T_STR(rc == 0 ? out : why, ok[i].want, "date \"%s\"", ok[i].in);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		T_INT(sw_date_parse(bad[i], out, why, sizeof why), -1, "date \"%s\" rejected", bad[i]);
	sw_date_parse("2026-02-30", out, why, sizeof why);
	T_STR(why, "impossible date", "impossible date named");

	char m[8], d[11];
	T_INT(sw_month_parse("2026年10月", m, why, sizeof why), 0, "month in Chinese");
	T_STR(m, "2026-10", "month normalised");
	sw_month_last("2024-02", d);
	T_STR(d, "2024-02-29", "last day of a leap February");
	sw_month_last("2026-12", d);
	T_STR(d, "2026-12-31", "last day of December");
	sw_month_add("2026-01", -1, m);
	T_STR(m, "2025-12", "month before January");
	sw_month_add("2025-12", 13, m);
	T_STR(m, "2027-01", "thirteen months on");
	T_INT(sw_date_days("1970-01-01"), 0, "epoch day");
	sw_date_from_days(sw_date_days("2024-02-28") + 1, d);
	T_STR(d, "2024-02-29", "day arithmetic over a leap day");
}

static void idcards(void)
{
	char out[19], birth[11], why[128];
	int male = -1;
	/* 11010519491231002X is the standard's worked example. */
	T_INT(sw_idcard_parse("11010519491231002X", out, birth, &male, why, sizeof why), 0, "valid ID with X");
	T_STR(birth, "1949-12-31", "birth date from ID");
	T_INT(male, 0, "even 17th digit is female");
	T_INT(sw_idcard_parse("11010519491231002x", out, NULL, NULL, why, sizeof why), 0, "lower-case x accepted");
	T_STR(out, "11010519491231002X", "x folded to X");
	T_INT(sw_idcard_parse("110105194912310021", out, NULL, NULL, why, sizeof why), -1, "bad check digit");
	T_STR(why, "bad check digit", "check digit reason");
	T_INT(sw_idcard_parse("330102198003150014", out, birth, &male, why, sizeof why), 0, "valid ID 330102198003150014");
	T_INT(male, 1, "odd 17th digit is male");
	T_INT(sw_idcard_parse("110105491231002", out, birth, &male, why, sizeof why), 0, "15-digit ID upgraded");
	T_STR(out, "11010519491231002X", "15 -> 18 digits with check");
	T_INT(sw_idcard_parse("99010519491231002X", out, NULL, NULL, why, sizeof why), -1, "unknown region");
	T_INT(sw_idcard_parse("11010519490231002X", out, NULL, NULL, why, sizeof why), -1, "impossible birth date");
	T_INT(sw_idcard_parse("1101051949123100", out, NULL, NULL, why, sizeof why), -1, "too short");
	T_INT(sw_idcard_parse("11010519491231002Y", out, NULL, NULL, why, sizeof why), -1, "bad last char");
	char id[19] = "11010520990101001";
	id[17] = sw_idcard_check_char(id);
	id[18] = 0;
	T_INT(sw_idcard_parse(id, out, NULL, NULL, why, sizeof why), -1, "future birth date");
	T_STR(why, "birth date in the future", "future reason");
}

static void phones(void)
{
	static const struct { const char *in, *want; } ok[] = {
		{"13812345678", "13812345678"}, {"+86 138-1234-5678", "13812345678"},
		{"8613812345678", "13812345678"}, {"138 1234 5678", "13812345678"},
		{"0571-88886666", "0571-88886666"}, {"(0571)88886666", "0571-88886666"},
		{"010-12345678", "010-12345678"}, {"02187654321", "021-87654321"},
		{"0571-8888666转123", "0571-8888666-123"}, {"88886666", "88886666"},
		{"4008123123", "4008123123"},
	};
	static const char *const bad[] = {"12345678901", "1381234567", "abc", "0571-123", "+1 2025550100", "138123456789"};
	char out[32], why[64];
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int rc = sw_phone_parse(ok[i].in, out, sizeof out, why, sizeof why);
		T_STR(rc == 0 ? out : why, ok[i].want, "phone \"%s\"", ok[i].in);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		T_INT(sw_phone_parse(bad[i], out, sizeof out, why, sizeof why), -1, "phone \"%s\" rejected", bad[i]);
}

static void ints(void)
{
	long long v;
	char why[64];
	T_INT(sw_int_parse("12", 0, 100, &v, why, sizeof why), 0, "int");
	T_INT(v, 12, "int value");
	T_INT(sw_int_parse("12.0", 0, 100, &v, why, sizeof why), 0, "Excel's 12.0");
	T_INT(sw_int_parse("12.5", 0, 100, &v, why, sizeof why), -1, "fraction rejected");
	T_INT(sw_int_parse("-1", 0, 100, &v, why, sizeof why), -1, "below range");
	T_STR(why, "out of range (0 to 100)", "range reason");
	T_INT(sw_int_parse("99999999999999999999", 0, 100, &v, why, sizeof why), -1, "overflow");
	T_INT(sw_int_parse("", 0, 100, &v, why, sizeof why), -1, "empty");
}

int main(void)
{
	setenv("SW_TODAY", "2026-11-24", 1);
	dates();
	idcards();
	phones();
	ints();
	return T_DONE();
}
