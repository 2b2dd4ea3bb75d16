/* Amounts of money: exact fen, or refused with the reason. */
#include "sw/money.h"
#include "unit.h"

int main(void)
{
	static const struct { const char *in; int unit; long long fen; const char *why; } t[] = {
		{"150000", 1, 15000000, NULL},
		{"150,000.00", 1, 15000000, NULL},
		{"1,234,567.8", 1, 123456780, NULL},
		{"¥12.5", 1, 1250, NULL},
		{"￥12.50元", 1, 1250, NULL},
		{"0.01", 1, 1, NULL},
		{"1000.000", 1, 100000, NULL},	/* zeros past the fen say nothing */
		{"12.345678", 10000, 12345678, NULL},	/* 万元 */
		{"15", 10000, 15000000, NULL},
		{"9999999999999.99", 1, 999999999999999, NULL},
		{"1,000.005", 1, 0, "more than 2 decimal places (fen)"},
		{"0.1234567", 10000, 0, "more than 6 decimal places (fen in 万元)"},
		{"-100", 1, 0, "negative amount"},
		{"10000000000000", 1, 0, "amount too large"},
		{"99999999999999999999999", 1, 0, "amount too large"},
		{"1e5", 1, 0, "not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"},
		{"10,00", 1, 0, "not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"},
		{"1000,000", 1, 0, "not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"},
		{",100", 1, 0, "not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"},
		{"100.", 1, 0, "not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"},
		{"15万", 1, 0, "not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"},
		{"", 1, 0, "not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		long long fen = -1;
		char why[160] = "";
		int rc = sw_money_parse(t[i].in, t[i].unit, &fen, why, sizeof why);
		if (t[i].why)
			T_STR(rc ? why : "(accepted)", t[i].why, "\"%s\" refused", t[i].in);
		else
			T_INT(rc ? -1 : fen, t[i].fen, "\"%s\" x %d is %lld fen", t[i].in, t[i].unit, t[i].fen);
	}
	char buf[32];
	T_STR(sw_money_fmt(15000000, buf, sizeof buf), "150000.00", "fen as yuan");
	T_STR(sw_money_fmt(-1, buf, sizeof buf), "-0.01", "a negative difference");
	T_INT(sw_money_unit("万元"), 10000, "万元");
	T_INT(sw_money_unit("千元"), 0, "千元 is no unit we take");
	return T_DONE();
}
