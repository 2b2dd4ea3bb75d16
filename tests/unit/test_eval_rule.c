/* The rules of an indicator system's points, and marks as text. */
#include "sw/evaluate.h"
#include "unit.h"

static void test_parse(void)
{
	static const struct { const char *in, *canon; int ok; } cases[] = {
		{"", "", 1},
		{"services >= 1000", "services >= 1000", 1},
		{"services>=1000", "services >= 1000", 1},
		{" services >= 1000 ", "services >= 1000", 1},
		{"services ≥ 3", "services >= 3", 1},
		{"service_hours linear 12.5", "service_hours linear 12.5", 1},
		{"cases_closed / cases_opened >= 60%", "cases_closed / cases_opened >= 0.6", 1},
		{"staff_certified/staff >= 0.5", "staff_certified / staff >= 0.5", 1},
		{"services > 3", NULL, 0},
		{"services >= ", NULL, 0},
		{"services >= 3 extra", NULL, 0},
		{"nope >= 3", NULL, 0},
		{"services linear 0", NULL, 0},
		{"services >= 1.5", NULL, 0},
		{"services >= -1", NULL, 0},
		{"a / services >= 1", NULL, 0},
		{"services / staff >= x", NULL, 0},
		{"services >= 99999999999999999999", NULL, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sw_rule r;
		char why[256] = "", text[128] = "";
		int rc = sw_rule_parse(cases[i].in, &r, why, sizeof why);
		T_INT(rc == 0, cases[i].ok, "parse \"%s\"", cases[i].in);
		if (rc == 0) {
			sw_rule_text(&r, text, sizeof text);
			T_STR(text, cases[i].canon, "canonical \"%s\"", cases[i].in);
		} else
			T_OK(why[0] != 0, "says why: %s", why);
	}
}

static void test_score(void)
{
	static const struct { const char *rule; int fa, fb; long long a, b, max, want; const char *value; } cases[] = {
		{"services >= 10", F_SERVICES, -1, 10, 0, 300, 300, "10"},
		{"services >= 10", F_SERVICES, -1, 9, 0, 300, 0, "9"},
		{"services linear 3", F_SERVICES, -1, 2, 0, 300, 200, "2"},
		{"services linear 3", F_SERVICES, -1, 1, 0, 100, 33, "1"},	/* 33.3 */
		{"services linear 3", F_SERVICES, -1, 2, 0, 100, 67, "2"},	/* 66.7 */
		{"services linear 3", F_SERVICES, -1, 7, 0, 100, 100, "7"},	/* capped */
		{"service_hours >= 1.5", F_SERVICE_HOURS, -1, 90, 0, 200, 200, "1.5"},
		{"service_hours >= 1.5", F_SERVICE_HOURS, -1, 89, 0, 200, 0, "1.5"},	/* 1.48 h shows 1.5 */
		{"cases_closed / cases_opened >= 0.5", F_CASES_CLOSED, F_CASES_OPENED, 1, 2, 300, 300, "0.50"},
		{"cases_closed / cases_opened >= 0.5", F_CASES_CLOSED, F_CASES_OPENED, 1, 3, 300, 0, "0.33"},
		{"cases_closed / cases_opened >= 0.5", F_CASES_CLOSED, F_CASES_OPENED, 1, 0, 300, 0, ""},
		/* hours per service: 90 minutes over 1 service is 1.5 hours */
		{"service_hours / services >= 1.5", F_SERVICE_HOURS, F_SERVICES, 90, 1, 100, 100, "1.50"},
		{"service_hours / services >= 1.5", F_SERVICE_HOURS, F_SERVICES, 89, 1, 100, 0, "1.48"},
		{"services linear 1000000000000", F_SERVICES, -1, 500000000000LL, 0, 1000000000LL, 500000000LL,
		 "500000000000"},	/* no overflow at the limits */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct sw_rule r;
		long long v[SW_NFIG] = {0};
		char why[256], value[64];
		T_INT(sw_rule_parse(cases[i].rule, &r, why, sizeof why), 0, "parse %s", cases[i].rule);
		v[cases[i].fa] = cases[i].a;
		if (cases[i].fb >= 0)
			v[cases[i].fb] = cases[i].b;
		T_INT(sw_rule_score(&r, cases[i].max, v, value, sizeof value), cases[i].want,
		      "%s with %lld, %lld", cases[i].rule, cases[i].a, cases[i].b);
		T_STR(value, cases[i].value, "its evidence");
	}
}

static void test_marks(void)
{
	static const struct { const char *in; long long h; const char *out; } cases[] = {
		{"3", 300, "3"}, {"2.5", 250, "2.5"}, {"1.25", 125, "1.25"}, {"0.05", 5, "0.05"},
		{"10.50", 1050, "10.5"}, {"1.255", -1, NULL}, {"", -1, NULL}, {".", -1, NULL},
		{"5.", -1, NULL}, {"-1", -1, NULL}, {"1e3", -1, NULL}, {"99999999999", -1, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long long h = -1;
		char buf[32];
		int rc = sw_marks_parse(cases[i].in, &h);
		T_INT(rc == 0 ? h : -1, cases[i].h, "marks \"%s\"", cases[i].in);
		if (rc == 0) {
			sw_marks_fmt(h, buf, sizeof buf);
			T_STR(buf, cases[i].out, "written back");
		}
	}
	T_INT(sw_grade(1350, 1500), SW_GRADE_EXCELLENT, "90%% is excellent");
	T_INT(sw_grade(1349, 1500), SW_GRADE_GOOD, "just under is good");
	T_INT(sw_grade(900, 1500), SW_GRADE_PASS, "60%% passes");
	T_INT(sw_grade(899, 1500), SW_GRADE_FAIL, "just under fails");
}

int main(void)
{
	test_parse();
	test_score();
	test_marks();
	return T_DONE();
}
