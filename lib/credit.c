/* The unified social credit code (统一社会信用代码, GB 32100-2015) of an
 * organisation: 18 characters from 0-9 and the capitals without I O Z S V,
 * the last a check character over the first 17. */
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/text.h"
#include "sw/valid.h"

static const char set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weight[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

char sw_credit_check_char(const char *code)
{
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(set, code[i]) - set) * weight[i];
	return set[(31 - sum % 31) % 31];
}

int sw_credit_code(const char *s, char out[19], char *why, size_t whylen)
{
	char buf[64];
	size_t n = 0;
	if (strlen(s) >= sizeof buf) {
		sw_msg(why, whylen, _("not a credit code (expected 18 characters)"));
		return -1;
	}
	strcpy(buf, s);
	sw_text_norm(buf);	/* full-width letters and digits folded */
	for (const char *p = buf; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;	/* written in groups */
		char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p;
		if (n == 18 || !strchr(set, c) || !c) {
			sw_msg(why, whylen, _("not a credit code (18 characters of 0-9 and A-Y without "
			       "I, O, Z, S, V)"));
			return -1;
		}
		out[n++] = c;
	}
	out[n] = 0;
	if (n != 18) {
		sw_msg(why, whylen, _("not a credit code (expected 18 characters)"));
		return -1;
	}
	if (sw_credit_check_char(out) != out[17]) {
		sw_msg(why, whylen, _("bad check character"));
		return -1;
	}
	return 0;
}
