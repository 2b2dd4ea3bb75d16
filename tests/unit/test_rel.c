/* Regression inputs found by the reliability work and the fuzzers
 * (tests/fuzz): each case is an input that once misbehaved. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sw/csvio.h"
#include "sw/valid.h"
#include "unit.h"

static char path[64];

/* Reads data as enc into "line:f1|f2;..." or "...ERR line message". */
static const char *dump(const char *data, size_t n, const char *enc)
{
	static char out[4096];
	size_t len = 0;
	FILE *fp = fopen(path, "wb");
	fwrite(data, 1, n, fp);
	fclose(fp);
	struct sw_csv *r = sw_csv_open(path, enc);
	struct sw_row row;
	int rc;
	out[0] = 0;
	while ((rc = sw_csv_next(r, &row)) > 0 && len < sizeof out) {
		len += (size_t)snprintf(out + len, sizeof out - len, "%ld:", row.line);
		for (int i = 0; i < row.nf && len < sizeof out; i++)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", i ? "|" : "", row.f[i]);
		if (len < sizeof out)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s", row.bad ? "!;" : ";");
	}
	if (rc < 0 && len < sizeof out)
		snprintf(out + len, sizeof out - len, "ERR %ld %s", sw_csv_errline(r), sw_csv_error(r));
	sw_csv_close(r);
	return out;
}

#define GB(s) dump(s, sizeof s - 1, "gb18030")

int main(void)
{
	snprintf(path, sizeof path, "/tmp/test_rel.%d", (int)getpid());

	/* UTF-8 given as GB18030 used to decode to mojibake silently. */
	T_STR(GB("name\n张三\n"), "ERR 2 text is UTF-8, not GB18030 (leave out --encoding)",
	      "UTF-8 read as GB18030 is refused, naming the first non-ASCII line");
	T_STR(GB("\xef\xbb\xbfname\nx\n"), "ERR 1 text is UTF-8, not GB18030 (leave out --encoding)",
	      "a UTF-8 BOM read as GB18030 is refused");
	T_STR(GB("name\nabc\n"), "1:name;2:abc;", "ASCII is the same in both: accepted");
	/* 小 in GB18030 (d0 a1) happens to be valid two-byte UTF-8 */
	T_STR(GB("name\n\xd0\xa1\n"), "1:name;2:小;", "GB18030 that looks like two-byte UTF-8 is still GB18030");

	/* Phone extensions: what we store must parse back (fuzz_phone). */
	static const struct { const char *in, *want; } phones[] = {
		{"0571-88886666转123", "0571-88886666-123"},
		{"0571-88886666-123", "0571-88886666-123"},
		{"010-12345678 ext. 9", "010-12345678-9"},
		{"010-12345678-9", "010-12345678-9"},
		{"0571-8888666-12", "0571-8888666-12"},
		{"88886666-12", "88886666-12"},
		{"0571-8888-6666", "0571-88886666"},	/* dashes inside the number stay decoration */
		{"400-812-3456", "4008123456"},
		{"4008-123-456", "4008123456"},	/* not a local number with an extension */
		{"138-1234-5678", "13812345678"},
		{"4000178 ext 9", "4000178-9"},	/* fuzz_phone: read back as 40001789 */
		{"4000178-9", "4000178-9"},
		{"4000178 ext 123", "not a phone number"},	/* would read back as 4000178123 */
	};
	for (size_t i = 0; i < sizeof phones / sizeof phones[0]; i++) {
		char out[64], why[64];
		int rc = sw_phone_parse(phones[i].in, out, sizeof out, why, sizeof why);
		T_STR(rc == 0 ? out : why, phones[i].want, "phone %s", phones[i].in);
	}

	/* fuzz_id, fuzz_csv: an unknown region code read past the table. */
	char id[19], why2[64], bad[19] = "99010519491231002";
	bad[17] = sw_idcard_check_char(bad);
	T_INT(sw_idcard_parse(bad, id, NULL, NULL, why2, sizeof why2), -1,
	      "unknown region code refused (and, under ASan, no read past the code table)");
	T_STR(why2, "unknown region code", "unknown region code: the reason");

	unlink(path);
	return T_DONE();
}
