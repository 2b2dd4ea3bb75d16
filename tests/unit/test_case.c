/* Client and case rules, masking, pseudonyms, age, name keys. */
#include <stdlib.h>

#include "sw/case.h"
#include "sw/dupes.h"
#include "sw/mask.h"
#include "unit.h"

static void masks(void)
{
	static const struct { void (*fn)(const char *, char *, size_t); const char *in, *want; } t[] = {
		{sw_mask_id, "110101199003070011", "110101********0011"},
		{sw_mask_id, "11010119900307123X", "110101********123X"},
		{sw_mask_phone, "13800138000", "138****8000"},
		{sw_mask_phone, "0571-88886666", "057*-****6666"},
		{sw_mask_name, "张三", "张*"},
		{sw_mask_name, "王桂兰", "王**"},
		{sw_mask_name, "欧阳娜娜", "欧阳**"},
		{sw_mask_name, "欧阳", "欧*"},
		{sw_mask_name, "司马光明", "司马**"},
		{sw_mask_name, "林", "林"},
		{sw_mask_name, "Li Lei", "L*****"},
	};
	char out[64];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		t[i].fn(t[i].in, out, sizeof out);
		T_STR(out, t[i].want, "mask \"%s\"", t[i].in);
	}
	sw_mask_name("欧阳娜娜", out, 5);
	T_STR(out, "欧", "mask_name stops at the buffer, on a character boundary");
}

static void pseudonyms(void)
{
	char a[33], b[33], c[33];
	const unsigned char key[] = "a-long-secret-key-for-tests";
	T_INT(sw_pseudonym(key, sizeof key - 1, "339901195003150024", a), 0, "HMAC computed");
	T_STR(a, "9c6319d25ccda306c6cffda811a6961d", "HMAC-SHA-256 known answer (openssl dgst -hmac)");
	sw_pseudonym(key, sizeof key - 1, "339901195003150024", b);
	T_STR(a, b, "same key, same pseudonym");
	sw_pseudonym((const unsigned char *)"another-key-0123", 16, "339901195003150024", c);
	T_OK(strcmp(a, c) != 0, "another key, another pseudonym");
}

static void ages(void)
{
	T_INT(sw_age("1950-03-15", "2026-03-14"), 75, "day before the birthday");
	T_INT(sw_age("1950-03-15", "2026-03-15"), 76, "on the birthday");
	T_INT(sw_age("2000-02-29", "2026-02-28"), 25, "leap-day birthday before March");
	T_INT(sw_age("2000-02-29", "2026-03-01"), 26, "leap-day birthday after");
	T_INT(sw_age(NULL, "2026-03-01"), -1, "no birth date");
	T_INT(sw_age("2027-01-01", "2026-03-01"), -1, "born after the date");
}

static void namekeys(void)
{
	static const struct { const char *in, *want; } t[] = {
		{"张 小明", "张小明"}, {"张\xe3\x80\x80小明", "张小明"}, {"ＡＬＩ", "ali"}, {" 李伟 ", "李伟"},
	};
	char out[64];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		sw_name_key(t[i].in, out);
		T_STR(out, t[i].want, "name key \"%s\"", t[i].in);
	}
}

static void rules(void)
{
	static const struct {
		const char *gender, *birth, *id, *why;
	} t[] = {
		{"female", "1950-03-15", "339901195003150024", NULL},
		{NULL, NULL, "339901195003150024", NULL},
		{"male", "1950-03-15", "339901195003150024", "gender: does not agree with id_number"},
		{"female", "1950-03-16", "339901195003150024", "birth_date: does not agree with id_number"},
		{"male", "1950-03-15", NULL, NULL},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *v[11] = {0};
		char buf[40], why[128] = "";
		v[CL_GENDER] = t[i].gender;
		v[CL_BIRTH] = t[i].birth;
		v[CL_IDNO] = t[i].id;
		int rc = sw_client_rules(NULL, v, buf, why, sizeof why);
		T_STR(rc ? why : NULL, t[i].why, "client rule %zu", i);
		if (i == 1) {
			T_STR(v[CL_BIRTH], "1950-03-15", "birth date filled from the ID");
			T_STR(v[CL_GENDER], "female", "gender filled from the ID");
		}
	}
	const char *c[9] = {0};
	char why[128];
	c[CA_OPENED] = "2026-09-10";
	c[CA_CLOSED] = "2026-09-10";
	T_INT(sw_case_rules(c, why, sizeof why), 0, "a case may close the day it opens");
	c[CA_CLOSED] = "2026-09-09";
	T_INT(sw_case_rules(c, why, sizeof why), -1, "not the day before");
	T_STR(why, "closed_on: 2026-09-09 is before opened_on 2026-09-10", "closing before opening named");
	c[CA_CLOSED] = NULL;
	c[CA_REASON] = "迁出";
	T_INT(sw_case_rules(c, why, sizeof why), -1, "a reason needs a closing date");
}

int main(void)
{
	masks();
	pseudonyms();
	ages();
	namekeys();
	rules();
	return T_DONE();
}
