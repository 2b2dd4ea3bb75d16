/* Text normalisation, display width, vocabularies, header mapping. */
#include <limits.h>
#include <stdlib.h>

#include "sw/import.h"
#include "sw/text.h"
#include "sw/vocab.h"
#include "unit.h"

int main(void)
{
	static const struct { const char *in, *want; } norm[] = {
		{"  abc  ", "abc"}, {"１３８", "138"}, {"Ａｂ", "Ab"}, {"\xe3\x80\x80张三\xe3\x80\x80", "张三"},
		{"a\xc2\xa0" "b", "a b"}, {"（备注）", "(备注)"}, {"", ""}, {"\t\r\n", ""},
	};
	for (size_t i = 0; i < sizeof norm / sizeof norm[0]; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", norm[i].in);
		sw_text_norm(buf);
		T_STR(buf, norm[i].want, "norm \"%s\"", norm[i].in);
	}
	T_INT(sw_text_width("abc"), 3, "ASCII width");
	T_INT(sw_text_width("张三"), 4, "CJK counts two");
	T_INT(sw_text_width("Ａ1"), 3, "full-width letter counts two");
	T_INT(sw_text_width("e\xcc\x81"), 1, "combining mark counts zero");
	T_INT(sw_utf8_valid("\xc0\xaf", 2), 0, "overlong rejected");
	T_INT(sw_utf8_valid("\xed\xa0\x80", 3), 0, "surrogate rejected");
	T_INT(sw_utf8_valid("张", 3), 1, "CJK valid");
	T_INT(sw_utf8_valid("\xe5\xbc", 2), 0, "truncated sequence rejected");
	T_INT((int)sw_utf8_seq("a张", 4), 1, "seq: ASCII is one byte");
	T_INT((int)sw_utf8_seq("张a", 4), 3, "seq: CJK is three");
	T_INT((int)sw_utf8_seq("\xf0\x9f\x98\x80", 4), 4, "seq: four-byte character");
	T_INT((int)sw_utf8_seq("\xe5\xbc", 2), 0, "seq: cut short is none");
	T_INT((int)sw_utf8_seq("\xd5\xc5", 2), 0, "seq: a GB18030 pair is none");
	T_INT((int)sw_utf8_seq("", 0), 0, "seq: nothing is none");
	T_INT((int)sw_utf8_seq("\0", 1), 0, "seq: NUL is none");
	T_INT((long long)sw_utf8_len("欧阳娜娜"), 4, "characters counted");
	char cp[5];
	T_STR(sw_text_copy(cp, sizeof cp, "abc"), "abc", "copy: whole when it fits");
	T_STR(sw_text_copy(cp, sizeof cp, "abcdef"), "abcd", "copy: cut to the room, terminated");
	T_STR(sw_text_copy(cp, 1, "abc"), "", "copy: one byte holds the end only");
	T_INT(sw_text_blank(" \t\r\n\v\f\xc2\xa0\xe3\x80\x80"), 1, "blank: every white space norm trims");
	T_INT(sw_text_blank(" \xe3\x80\x80x"), 0, "blank: not with a character");
	T_INT(sw_text_blank(""), 1, "blank: empty");

	sw_vocab_load(NULL);
	static const struct { const char *vocab, *in, *want; } voc[] = {
		{"level", "township", "township"}, {"level", "乡镇（街道）社工站", "township"},
		{"level", "乡镇(街道)社工站", "township"}, {"level", " TOWNSHIP ", "township"},
		{"level", "镇站", NULL}, {"gender", "女", "female"}, {"education", "中专", "vocational"},
		{"category", "低保", "low_income"}, {"bool", "是", "yes"}, {"nope", "x", NULL},
	};
	for (size_t i = 0; i < sizeof voc / sizeof voc[0]; i++)
		T_STR(sw_vocab_lookup(voc[i].vocab, voc[i].in), voc[i].want, "vocab %s \"%s\"", voc[i].vocab, voc[i].in);
	char exp[256];
	sw_vocab_expected("level", exp, sizeof exp);
	T_STR(exp, "county, regional, township, village", "expected list for messages");
	T_INT(sw_vocab_rank("education", "college") > sw_vocab_rank("education", "senior_high"), 1, "education ordered");
	T_STR(sw_vocab_label("level", "township", 1), "乡镇（街道）社工站", "Chinese label");

	static const struct sw_column set = {"categories", NULL, SW_T_SET, "category", 0, 0, 0, NULL, NULL};
	static const struct sw_column list = {"skills", NULL, SW_T_LIST, NULL, 0, 0, 0, NULL, NULL};
	char out[256], why[256];
	T_INT(sw_column_norm(&set, "残疾人、老年人；低保", out, sizeof out, why, sizeof why), 0, "set parsed");
	T_STR(out, "elderly;disabled;low_income", "set in vocabulary order, any separator");
	T_INT(sw_column_norm(&set, "老年人;镇站", out, sizeof out, why, sizeof why), -1, "unknown set word");
	T_INT(sw_column_norm(&list, " Welding ; ＦＯＲＫＬＩＦＴ;welding", out, sizeof out, why, sizeof why), 0, "list parsed");
	T_STR(out, "welding;forklift", "list folded, lowercased, deduplicated");
	T_INT(sw_column_norm(&set, "   ", out, sizeof out, why, sizeof why), 0, "blank is empty");
	T_STR(out, "", "blank normalises to empty");

	char h[64];
	sw_header_norm(" *姓 名 ", h, sizeof h);
	T_STR(h, "姓名", "header marks and spaces dropped");
	sw_header_norm("Client_ID", h, sizeof h);
	T_STR(h, "client_id", "header case folded");
	static const struct { long long v; const char *want; } dec[] = {
		{0, "0"}, {7, "7"}, {10, "10"}, {-1, "-1"}, {1234567890123LL, "1234567890123"},
		{LLONG_MAX, "9223372036854775807"}, {LLONG_MIN, "-9223372036854775808"},
	};
	for (size_t i = 0; i < sizeof dec / sizeof dec[0]; i++) {
		char buf[SW_DECIMAL_MAX];
		T_STR(sw_decimal(dec[i].v, buf), dec[i].want, "decimal %s", dec[i].want);
	}
	{	/* a contract's stations */
		const char *p = "QX-001;QX-002", *q = "QX-0012345;X";
		char c[8];
		int a = sw_list_next(&p, c, sizeof c);
		T_STR(a ? c : NULL, "QX-001", "the first item of a list");
		a = sw_list_next(&p, c, sizeof c);
		T_STR(a ? c : NULL, "QX-002", "the last, with no ';' after it");
		T_INT(sw_list_next(&p, c, sizeof c), 0, "then the end");
		T_INT(sw_list_next(&q, c, sizeof c), -1, "an item too long for the buffer: -1, never cut");
		T_STR(c, "", "and nothing of it in the buffer");
		a = sw_list_next(&q, c, sizeof c);
		T_STR(a > 0 ? c : NULL, "X", "the list goes on after it");
	}
	return T_DONE();
}
