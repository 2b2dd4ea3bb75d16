/* Dates, resident IDs, phone numbers, integers, durations, codes and the
 * client rules that look at the ID. Each table lists inputs beside what
 * comes out: the canonical value, or the exact reason for a refusal. */
#include <stdlib.h>

#include "sw/case.h"
#include "sw/valid.h"
#include "unit.h"

struct want { const char *in, *want; };

static void dates(void)
{
	static const struct want t[] = {
		{"2026-11-24", "2026-11-24"}, {"2026/11/24", "2026-11-24"},
		{"2026.11.24", "2026-11-24"}, {"2026年11月24日", "2026-11-24"},
		{"2015年1月7日", "2015-01-07"}, {"2026/1/5", "2026-01-05"},
		{"2026.3.5", "2026-03-05"}, {"2026/3/5", "2026-03-05"}, {"2026-3-5", "2026-03-05"},
		{"2026年3月5日", "2026-03-05"}, {"2026年3月5号", "2026-03-05"}, {"2026年3月5", "2026-03-05"},
		{"20240229", "2024-02-29"}, {"2000-02-29", "2000-02-29"},
		{"2026-11-24 00:00:00", "2026-11-24"}, {"2026/11/24 8:30", "2026-11-24"},
		{"2026-03-05 14:30", "2026-03-05"}, {"2026/3/5 14:30:00", "2026-03-05"},
		{"2026-03-05T08:30", "2026-03-05"}, {"2026年3月5日 14:30", "2026-03-05"},
		/* Excel serial days, 5 digits only, with a time of day dropped */
		{"46350", "2026-11-24"}, {"10000", "1927-05-18"}, {"73050", "2099-12-31"},
		{"46280.5", "2026-09-15"}, {"46280.0", "2026-09-15"},
		/* refusals */
		{"", "empty date"},
		{"2026-02-29", "impossible date"}, {"1900-02-29", "impossible date"},
		{"2026-13-01", "impossible date"}, {"2026-04-31", "impossible date"},
		{"1899-12-31", "impossible date"}, {"20261340", "impossible date"},
		{"2026-02-30", "impossible date"}, {"2026年2月30日", "impossible date"},
		{"1955", "a year alone: give the full date (YYYY-MM-DD)"},
		{"1955年", "a year alone: give the full date (YYYY-MM-DD)"},
		{"1962.1", "year and month only: give the day too (YYYY-MM-DD)"},
		{"1962.10", "year and month only: give the day too (YYYY-MM-DD)"},
		{"1962-01", "year and month only: give the day too (YYYY-MM-DD)"},
		{"1962/1", "year and month only: give the day too (YYYY-MM-DD)"},
		{"2026年3月", "year and month only: give the day too (YYYY-MM-DD)"},
		{"2026-11", "year and month only: give the day too (YYYY-MM-DD)"},
		{"196201", "year and month only: give the day too (YYYY-MM-DD)"},
		{"8月26日", "no year: give the full date (YYYY-MM-DD)"},
		{"8月26号", "no year: give the full date (YYYY-MM-DD)"},
		{"8-26", "no year: give the full date (YYYY-MM-DD)"},
		{"8/26", "no year: give the full date (YYYY-MM-DD)"},
		{"08.26", "no year: give the full date (YYYY-MM-DD)"},
		{"2/29", "no year: give the full date (YYYY-MM-DD)"},
		/* numbers that are no date, and other shapes */
		{"1", "not a date (expected YYYY-MM-DD)"}, {"59", "not a date (expected YYYY-MM-DD)"},
		{"60", "not a date (expected YYYY-MM-DD)"}, {"61", "not a date (expected YYYY-MM-DD)"},
		{"0", "not a date (expected YYYY-MM-DD)"}, {"9999", "not a date (expected YYYY-MM-DD)"},
		{"1899", "not a date (expected YYYY-MM-DD)"}, {"09999", "not a date (expected YYYY-MM-DD)"},
		{"73051", "not a date (expected YYYY-MM-DD)"}, {"109571", "not a date (expected YYYY-MM-DD)"},
		{"196213", "not a date (expected YYYY-MM-DD)"}, {"2026112", "not a date (expected YYYY-MM-DD)"},
		{"202611240", "not a date (expected YYYY-MM-DD)"}, {"46280.", "not a date (expected YYYY-MM-DD)"},
		{"4628.5", "not a date (expected YYYY-MM-DD)"}, {"462800.5", "not a date (expected YYYY-MM-DD)"},
		{"-5", "not a date (expected YYYY-MM-DD)"}, {"abc", "not a date (expected YYYY-MM-DD)"},
		{"1962.13", "not a date (expected YYYY-MM-DD)"}, {"13/26", "not a date (expected YYYY-MM-DD)"},
		{"26/8", "not a date (expected YYYY-MM-DD)"}, {"8月", "not a date (expected YYYY-MM-DD)"},
		{"24/11/2026", "not a date (expected YYYY-MM-DD)"}, {"11/24/2026", "not a date (expected YYYY-MM-DD)"},
		{"26-3-5", "not a date (expected YYYY-MM-DD)"}, {"2026-11-24x", "not a date (expected YYYY-MM-DD)"},
		{"2026-11/24", "not a date (expected YYYY-MM-DD)"}, {"2026-11-24 25:00", "not a date (expected YYYY-MM-DD)"},
		{"2026-11 08:00", "not a date (expected YYYY-MM-DD)"}, {"20261124 08:00", "not a date (expected YYYY-MM-DD)"},
		{"4.6350E+04", "not a date (expected YYYY-MM-DD)"}, {"2026-011-05", "not a date (expected YYYY-MM-DD)"},
	};
	char out[11], why[128];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc = sw_date_parse(t[i].in, out, why, sizeof why);
		T_STR(rc == 0 ? out : why, t[i].want, "date \"%s\"", t[i].in);
	}

	static const struct want months[] = {
		{"2026年10月", "2026-10"}, {"2026年3月", "2026-03"}, {"2026年3", "2026-03"},
		{"2026-10", "2026-10"}, {"2026/3", "2026-03"}, {"2026.3", "2026-03"}, {"202610", "2026-10"},
		{"2026-13", "not a month (expected YYYY-MM)"}, {"2026", "not a month (expected YYYY-MM)"},
		{"2026-10-01", "not a month (expected YYYY-MM)"},
	};
	char m[8], d[11];
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		int rc = sw_month_parse(months[i].in, m, why, sizeof why);
		T_STR(rc == 0 ? m : why, months[i].want, "month \"%s\"", months[i].in);
	}
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

#define SCI_ID "in scientific notation: Excel has lost digits; format the column as text and type the IDs again"
#define LONG_ID "a number of more than 15 digits: Excel has lost digits; format the column as text and type the IDs again"
#define CUT_000 "id_number: ends in 000, what Excel leaves of an ID typed into a number cell " \
	"(it keeps 15 digits): format the column as text and type the ID again; if the card " \
	"really ends in 000, confirm it once with sw-case confirm-id"
#define ZEROS_ID "ends in 000: Excel keeps only 15 digits of a number; format the column as text and type the ID again"
#define SHAPE_ID "not a resident ID (expected 18 digits, the last may be X)"
#define OLD_110 "15 digits cut from an 18-digit ID (the birth date would make the person over 110); give all 18 digits"
#define OLD_BAD "15 digits cut from an 18-digit ID (the birth date would be impossible); give all 18 digits"

static void idcards(void)
{
	/* Today is 2026-11-24 (SW_TODAY). 11010519491231002X is the
	 * standard's worked example; 339901195003150024 is a woman born
	 * 1950-03-15; 339901151124001 (1915-11-24) turned 111 today. */
	static const struct { const char *in, *want, *birth; int male; } t[] = {
		{"11010519491231002X", "11010519491231002X", "1949-12-31", 0},
		{"11010519491231002x", "11010519491231002X", "1949-12-31", 0},
		{"330102198003150014", "330102198003150014", "1980-03-15", 1},
		{"339901197703194000", "339901197703194000", "1977-03-19", 0},	/* a real final 000 */
		/* Excel's text forms, and digit groups */
		{"'339901195003150024", "339901195003150024", "1950-03-15", 0},
		{"=\"339901195003150024\"", "339901195003150024", "1950-03-15", 0},
		{"339901 19500315 0024", "339901195003150024", "1950-03-15", 0},
		{"339901-19500315-0024", "339901195003150024", "1950-03-15", 0},
		{"339901  1950 0315 0024", "339901195003150024", "1950-03-15", 0},
		{"110105 19491231 002X", "11010519491231002X", "1949-12-31", 0},
		{"11010519491231002 x", "11010519491231002X", "1949-12-31", 0},
		/* old 15-digit IDs, upgraded */
		{"110105491231002", "11010519491231002X", "1949-12-31", 0},
		{"339901500315002", "339901195003150024", "1950-03-15", 0},
		{"339901500315002.0", "339901195003150024", "1950-03-15", 0},
		{"'339901500315002", "339901195003150024", "1950-03-15", 0},
		{"339901 500315 002", "339901195003150024", "1950-03-15", 0},
		{"339901151125001", "339901191511250015", "1915-11-25", 1},	/* 110 today: taken */
		/* refusals */
		{"4.49901E+17", SCI_ID, NULL, 0}, {"3.39901195003150E+17", SCI_ID, NULL, 0},
		{"3.39901195003150e+17", SCI_ID, NULL, 0}, {"'3.39901E+17", SCI_ID, NULL, 0},
		{"=\"4.49901E+17\"", SCI_ID, NULL, 0},
		{"339901195003150000.0", LONG_ID, NULL, 0},
		{"339901195003150000", ZEROS_ID, NULL, 0}, {"339901 19500315 0000", ZEROS_ID, NULL, 0},
		{"110105194912310021", "bad check digit", NULL, 0},
		{"990105194912310023", "unknown region code", NULL, 0},
		{"110105194902310026", "impossible birth date", NULL, 0},
		{"339901151124001", OLD_110, NULL, 0}, {"339901050101001", OLD_110, NULL, 0},
		{"339901195003150", OLD_BAD, NULL, 0}, {"339901200003150", OLD_BAD, NULL, 0},
		{"339901500230002", OLD_BAD, NULL, 0},
		{"", SHAPE_ID, NULL, 0}, {"1101051949123100", SHAPE_ID, NULL, 0},
		{"11010519491231002Y", SHAPE_ID, NULL, 0}, {"11010519491231002X1", SHAPE_ID, NULL, 0},
		{"110105 19491231 002X 1", SHAPE_ID, NULL, 0}, {" 110105194912310021", SHAPE_ID, NULL, 0},
		{"11010519491231002X-", SHAPE_ID, NULL, 0}, {"11010549123100X", SHAPE_ID, NULL, 0},
		{"33990150031500.0", SHAPE_ID, NULL, 0}, {"339901500315002.5", SHAPE_ID, NULL, 0},
		{"X11010519491231002", SHAPE_ID, NULL, 0}, {"'", SHAPE_ID, NULL, 0},
		{"1101051949123100２X", SHAPE_ID, NULL, 0},
	};
	char out[19], birth[11], why[160];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int male = -1;
		int rc = sw_idcard_parse(t[i].in, out, birth, &male, why, sizeof why);
		T_STR(rc == 0 ? out : why, t[i].want, "ID \"%s\"", t[i].in);
		if (rc == 0 && t[i].birth) {
			T_STR(birth, t[i].birth, "ID \"%s\": birth date", t[i].in);
			T_INT(male, t[i].male, "ID \"%s\": male", t[i].in);
		}
	}
	T_INT(sw_idcard_parse("339901195003150024", out, NULL, NULL, why, sizeof why), 0,
	      "birth and male may be NULL");
	char id[19] = "11010520990101001";
	id[17] = sw_idcard_check_char(id);
	id[18] = 0;
	T_INT(sw_idcard_parse(id, out, NULL, NULL, why, sizeof why), -1, "future birth date");
	T_STR(why, "birth date in the future", "future reason");

	/* The column's form: 15 digits stay 15, for the client rules. */
	static const struct want norm[] = {
		{"339901500315002", "339901500315002"}, {"339901500315002.0", "339901500315002"},
		{"'339901 500315 002", "339901500315002"}, {"11010519491231002x", "11010519491231002X"},
		{"339901 19500315 0024", "339901195003150024"},
		{"339901151124001", OLD_110}, {"4.49901E+17", SCI_ID}, {"339901195003150000", ZEROS_ID},
	};
	for (size_t i = 0; i < sizeof norm / sizeof norm[0]; i++) {
		int rc = sw_idcard_norm(norm[i].in, out, why, sizeof why);
		T_STR(rc == 0 ? out : why, norm[i].want, "ID column \"%s\"", norm[i].in);
	}
}

#define CUT "id_number: 15 digits cut from an 18-digit ID ("
#define GIVE "); give all 18 digits"

static void client_rules(void)
{
	static const struct {
		const char *gender, *birth, *id, *cats, *why, *id_after, *birth_after;
	} t[] = {
		{NULL, NULL, "339901500315002", NULL, NULL, "339901195003150024", "1950-03-15"},
		{"female", "1950-03-15", "339901500315002", "elderly;low_income", NULL, "339901195003150024", "1950-03-15"},
		{NULL, "1950-03-16", "339901500315002", NULL,
		 CUT "its birth date disagrees with birth_date" GIVE, NULL, NULL},
		/* 339901201103220745 (a girl born 2011-03-22) cut to 15 digits
		 * reads as a 106-year-old born 1920-11-03 */
		{NULL, "2011-03-22", "339901201103220", NULL,
		 CUT "its birth date disagrees with birth_date" GIVE, NULL, NULL},
		{NULL, NULL, "339901201103220", "child", CUT "a child's ID has 18 digits" GIVE, NULL, NULL},
		{NULL, NULL, "339901201103220", "low_income;orphan", CUT "a child's ID has 18 digits" GIVE, NULL, NULL},
		{NULL, NULL, "339901201103220", "de_facto_orphan", CUT "a child's ID has 18 digits" GIVE, NULL, NULL},
		{NULL, NULL, "339901201103220", "child_in_difficulty", CUT "a child's ID has 18 digits" GIVE, NULL, NULL},
		{NULL, NULL, "339901201103220", "left_behind_child;other", CUT "a child's ID has 18 digits" GIVE, NULL, NULL},
		{NULL, NULL, "339901201103220", "left_behind;children", NULL, "339901192011032200", "1920-11-03"},
		/* 18 digits: the old rules */
		{"female", "1950-03-16", "339901195003150024", "child", "birth_date: does not agree with id_number", NULL, NULL},
		{"male", NULL, "339901195003150024", NULL, "gender: does not agree with id_number", NULL, NULL},
		/* a passing check digit does not clear a final 000 (no database, none confirmed) */
		{"female", NULL, "339901197703194000", NULL, CUT_000, NULL, NULL},
		{"male", NULL, "339901197703194000", NULL, CUT_000, NULL, NULL},
		{NULL, NULL, "110105194912310021", NULL, "id_number: bad check digit", NULL, NULL},
		{"male", "1950-03-15", NULL, "child", NULL, NULL, "1950-03-15"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *v[11] = {0};
		char buf[40], why[256] = "";
		v[CL_GENDER] = t[i].gender;
		v[CL_BIRTH] = t[i].birth;
		v[CL_IDNO] = t[i].id;
		v[CL_CATS] = t[i].cats;
		int rc = sw_client_rules(NULL, v, buf, why, sizeof why);
		T_STR(rc ? why : NULL, t[i].why, "client rule %zu", i);
		if (rc == 0) {
			T_STR(v[CL_IDNO], t[i].id_after, "client rule %zu: id_number stored", i);
			T_STR(v[CL_BIRTH], t[i].birth_after, "client rule %zu: birth_date", i);
		}
	}
}

#define SCI_NUM "in scientific notation: Excel has lost digits; format the column as text and type the numbers again"

/* a cell without a digit: a placeholder for none (无, -, /) */
#define NO_PHONE "not a phone number: leave the cell empty if there is none"

static void phones(void)
{
	static const struct want t[] = {
		{"13812345678", "13812345678"}, {"+86 138-1234-5678", "13812345678"},
		{"8613812345678", "13812345678"}, {"138 1234 5678", "13812345678"},
		{"0571-88886666", "0571-88886666"}, {"(0571)88886666", "0571-88886666"},
		{"010-12345678", "010-12345678"}, {"02187654321", "021-87654321"},
		{"0571-8888666转123", "0571-8888666-123"}, {"88886666", "88886666"},
		{"4008123123", "4008123123"},
		{"13812345678.0", "13812345678"}, {"'13812345678", "13812345678"},
		{"=\"13812345678\"", "13812345678"}, {"'0571-88886666", "0571-88886666"},
		{"1.38123E+10", SCI_NUM}, {"1.3812345678e+10", SCI_NUM}, {"'1.38123E+10", SCI_NUM},
		{"1381234567800000.0",
		 "a number of more than 15 digits: Excel has lost digits; format the column as text and type the numbers again"},
		{"12345678901", "not a phone number"}, {"1381234567", "not a phone number"},
		{"abc", NO_PHONE}, {"0571-123", "not a phone number"},
		{"+1 2025550100", "not a phone number"}, {"138123456789", "not a phone number"},
		{"13812345678.5", "not a phone number"}, {"13812345678.", "not a phone number"},
		{"", NO_PHONE}, {"无", NO_PHONE}, {"-", NO_PHONE}, {"/", NO_PHONE}, {"暂无", NO_PHONE},
	};
	char out[32], why[160];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc = sw_phone_parse(t[i].in, out, sizeof out, why, sizeof why);
		T_STR(rc == 0 ? out : why, t[i].want, "phone \"%s\"", t[i].in);
	}
}

static void ints(void)
{
	long long v;
	char why[64];
	T_INT(sw_int_parse("12", 0, 100, &v, why, sizeof why), 0, "int");
	T_INT(v, 12, "int value");
	T_INT(sw_int_parse("12.0", 0, 100, &v, why, sizeof why), 0, "Excel's 12.0");
	T_INT(sw_int_parse("12.5", 0, 100, &v, why, sizeof why), -1, "fraction rejected");
	T_STR(why, "not a whole number", "fraction reason");
	T_INT(sw_int_parse("-1", 0, 100, &v, why, sizeof why), -1, "below range");
	T_STR(why, "out of range (0 to 100)", "range reason");
	T_INT(sw_int_parse("99999999999999999999", 0, 100, &v, why, sizeof why), -1, "overflow");
	T_INT(sw_int_parse("", 0, 100, &v, why, sizeof why), -1, "empty");
}

#define NOT_DUR "not a duration (expected minutes, or e.g. 1.5小时, 1小时30分钟, 90分钟)"

static void minutes(void)
{
	static const struct { const char *in; int unit; const char *want; } t[] = {
		{"90", 1, "90"}, {"0", 1, "0"}, {"90.0", 1, "90"}, {"1440", 1, "1440"},
		{"1.5", 60, "90"}, {"2", 60, "120"}, {"0.33", 60, "20"}, {"0.125", 60, "8"},
		{"1小时", 1, "60"}, {"1.5小时", 1, "90"}, {"1个小时", 1, "60"}, {"1.5个小时", 1, "90"},
		{"1个半小时", 1, "90"}, {"2个半小时", 60, "150"}, {"半小时", 1, "30"}, {"半个小时", 60, "30"},
		{"30分钟", 1, "30"}, {"30分", 60, "30"}, {"1小时30分钟", 1, "90"}, {"1小时30分", 1, "90"},
		{"1小时 30分钟", 1, "90"}, {"2 小时", 1, "120"}, {"半小时10分钟", 1, "40"},
		{"0.5h", 1, "30"}, {"2h", 1, "120"}, {"2 h", 1, "120"}, {"2H", 1, "120"}, {"0.33h", 1, "20"},
		{"90min", 60, "90"}, {"90 min", 1, "90"}, {"90 mins", 1, "90"}, {"90 minutes", 1, "90"},
		{"1 minute", 1, "1"}, {"1.5hrs", 1, "90"}, {"1 hr", 1, "60"}, {"2hours", 1, "120"},
		{"1 hour", 1, "60"}, {"1.5 Hours", 1, "90"}, {"45m", 1, "45"}, {"1h30m", 1, "90"},
		{"1h 30min", 1, "90"}, {"30.5分钟", 1, "31"}, {"0.4分钟", 1, "0"}, {"24小时", 1, "1440"},
		/* refusals */
		{"1.5", 1, "not a whole number of minutes (if these are hours, name the column 时长（小时）)"},
		{"0.5", 1, "not a whole number of minutes (if these are hours, name the column 时长（小时）)"},
		{"-30", 1, "a negative duration"}, {"-1小时", 1, "a negative duration"},
		{"1441", 1, "out of range (0 to 1440 minutes)"}, {"25", 60, "out of range (0 to 1440 minutes)"},
		{"25小时", 1, "out of range (0 to 1440 minutes)"}, {"24.01h", 1, "out of range (0 to 1440 minutes)"},
		{"99999999999", 1, "out of range (0 to 1440 minutes)"},
		{"99999999999小时", 1, "out of range (0 to 1440 minutes)"},
		{"", 1, NOT_DUR}, {"abc", 1, NOT_DUR}, {"1:30", 1, NOT_DUR}, {"01:30:00", 1, NOT_DUR},
		{"两小时", 1, NOT_DUR}, {"1小时30", 1, NOT_DUR}, {"30分钟1小时", 1, NOT_DUR},
		{"1h2h", 1, NOT_DUR}, {"30m30m", 1, NOT_DUR}, {"2hx", 1, NOT_DUR}, {"2 days", 1, NOT_DUR},
		{"90分钟左右", 1, NOT_DUR}, {".5h", 1, NOT_DUR}, {"1.", 1, NOT_DUR}, {"小时", 1, NOT_DUR},
		{"1,5", 60, NOT_DUR}, {"90", 0, NOT_DUR},
	};
	char why[160], got[32];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		long long v = -1;
		int rc = sw_minutes_parse(t[i].in, t[i].unit, 1440, &v, why, sizeof why);
		snprintf(got, sizeof got, "%lld", v);
		T_STR(rc == 0 ? got : why, t[i].want, "duration \"%s\" (unit %d)", t[i].in, t[i].unit);
	}
}

#define SCI_CODE "in scientific notation: Excel has lost digits; format the column as text and type the codes again"
#define LONG_CODE "a number of more than 15 digits: Excel has lost digits; format the column as text and type the codes again"
#define FRAC_CODE "a number with a fraction, not a code: format the column as text and type the codes again"

static void codes(void)
{
	static const struct want t[] = {
		{"QX-C0001", "QX-C0001"}, {"C1", "C1"}, {"007", "007"}, {"1E5", "1E5"},
		{"'339901001", "339901001"}, {"=\"339901001\"", "339901001"}, {"=\"007\"", "007"},
		{"339901001.0", "339901001"}, {"449901103000.00", "449901103000"},
		{"123456789012345.0", "123456789012345"}, {"1.2.3", "1.2.3"}, {"v1.0", "v1.0"},
		{"4.49901E+11", SCI_CODE}, {"4.49901e-3", SCI_CODE}, {"1E+15", SCI_CODE},
		{"1234567890123456.0", LONG_CODE}, {"12.5", FRAC_CODE}, {"339901001.10", FRAC_CODE},
		{"", "empty code"},
	};
	char out[32], why[160];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc = sw_code_parse(t[i].in, out, sizeof out, why, sizeof why);
		T_STR(rc == 0 ? out : why, t[i].want, "code \"%s\"", t[i].in);
	}
	T_INT(sw_code_parse("QX-C0001", out, 8, why, sizeof why), -1, "code longer than out");
	T_STR(why, "too long", "too long named");
}

#define DIV_LEN "not a division code (expected 6 digits for a county, 9 for a township, 12 for a village)"

static void divisions(void)
{
	static const struct { const char *in, *want, *parent; int level; } t[] = {
		{"339901", "339901", "", 0}, {"339901001", "339901001", "339901", 1},
		{"339901001002", "339901001002", "339901001", 2},
		{"449901103", "449901103", "449901", 1}, {"449901103000", "449901103", "449901", 1},
		{"339901000", "339901", "", 0}, {"339901000000", "339901", "", 0},
		{"441900", "441900", "", 0}, {"441900003", "441900003", "441900", 1},	/* 东莞: no counties */
		{"'339901001", "339901001", "339901", 1}, {"339901001002.0", "339901001002", "339901001", 2},
		{"=\"339901\"", "339901", "", 0},
		/* refusals */
		{"3.39901E+11", SCI_CODE, NULL, 0}, {"12.5", FRAC_CODE, NULL, 0}, {"", "empty code", NULL, 0},
		{"33", DIV_LEN, NULL, 0}, {"3399", DIV_LEN, NULL, 0}, {"33990", DIV_LEN, NULL, 0},
		{"3399010", DIV_LEN, NULL, 0}, {"3399010010", DIV_LEN, NULL, 0},
		{"3399010010021", DIV_LEN, NULL, 0}, {"33990a", DIV_LEN, NULL, 0}, {"QX-101", DIV_LEN, NULL, 0},
		{"999999", "not a division code (no province starts with those two digits)", NULL, 0},
		{"000000000000", "not a division code (no province starts with those two digits)", NULL, 0},
		{"330000", "a province's code: give the county's 6 digits (or the township's 9, the village's 12)", NULL, 0},
		{"330000000000", "a province's code: give the county's 6 digits (or the township's 9, the village's 12)", NULL, 0},
		{"339901000001", "not a division code (a village's digits 7 to 9 name its township, not 000)", NULL, 0},
	};
	char out[13], parent[13], why[160];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int level = -1;
		int rc = sw_division_code(t[i].in, out, &level, parent, why, sizeof why);
		T_STR(rc == 0 ? out : why, t[i].want, "division \"%s\"", t[i].in);
		if (rc == 0) {
			T_STR(parent, t[i].parent, "division \"%s\": parent", t[i].in);
			T_INT(level, t[i].level, "division \"%s\": level", t[i].in);
		}
	}
}

int main(void)
{
	setenv("SW_TODAY", "2026-11-24", 1);
	dates();
	idcards();
	client_rules();
	phones();
	ints();
	minutes();
	codes();
	divisions();
	return T_DONE();
}
