/* Chinese for people, read back by the import: every column's Chinese
 * title names that column again, every vocabulary key's Chinese word means
 * that key again; and files written in GB18030 (sw/enc.h) hold the same
 * text, or are not kept. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/case.h"
#include "sw/casework.h"
#include "sw/enc.h"
#include "sw/err.h"
#include "sw/import.h"
#include "sw/labels.h"
#include "sw/match.h"
#include "sw/out.h"
#include "sw/partners.h"
#include "sw/staff.h"
#include "sw/station.h"
#include "sw/vocab.h"
#include "unit.h"

static const struct sw_table *const all[] = {
	&sw_divisions_table, &sw_stations_table, &sw_workers_table,
	&sw_clients_table, &sw_cases_table, &sw_services_table, &sw_activities_table,
	&sw_catalogue_table, &sw_assessments_table, &sw_plans_table, &sw_goals_table,
	&sw_reviews_table, &sw_referrals_table, &sw_needs_table, &sw_supervision_table, &sw_training_table,
	&sw_certificates_table, &sw_orgs_table, &sw_volunteers_table, &sw_volunteer_hours_table,
	&sw_resources_table, &sw_resource_uses_table,
	&sw_employers_table, &sw_vacancies_table, &sw_seekers_table, &sw_placements_table,
	NULL,
};

static void titles(void)
{
	int bad = 0, n = 0;
	for (const struct sw_table *const *t = all; *t; t++)
		for (int i = 0; i < (*t)->ncols; i++, n++) {
			const char *zh = sw_column_label(&(*t)->cols[i], 1);
			if (sw_header_col(*t, zh) != i) {
				printf("#   %s.%s: title %s names column %d\n", (*t)->name,
				       (*t)->cols[i].name, zh, sw_header_col(*t, zh));
				bad++;
			}
		}
	T_OK(!bad, "each of %d columns' Chinese title names it again", n);
	T_STR(sw_column_label(&sw_clients_table.cols[4], 1), "身份证号", "the first Chinese alias");
	T_OK(sw_column_label(&sw_clients_table.cols[4], 1) == sw_column_label(&sw_clients_table.cols[4], 1),
	     "a title is made once");
}

static int nbad, nkeys;

static void key_back(void *ctx, const char *vocab, const char *key, const char *alias, int local)
{
	(void)ctx, (void)local;
	if (alias)
		return;
	nkeys++;
	const char *l = sw_vocab_label(vocab, key, 1), *back = sw_vocab_lookup(vocab, l);
	if (!back || strcmp(back, key) != 0) {
		printf("#   %s %s: label %s reads back as %s\n", vocab, key, l, back ? back : "nothing");
		nbad++;
	}
}

static void words(void)
{
	sw_vocab_each(NULL, key_back, NULL);
	T_OK(!nbad && nkeys > 100, "each of %d keys' Chinese word means it again", nkeys);
	const struct sw_column *c = &sw_clients_table.cols[7];	/* categories */
	char *w = sw_label_value(c, "elderly;low_income");
	T_STR(w, "老年人、低保", "a set in Chinese words, joined by 、");
	free(w);
	w = sw_label_value(&sw_clients_table.cols[2], "female");
	T_STR(w, "女", "a key's word");
	free(w);
	T_OK(sw_label_value(&sw_clients_table.cols[1], "王芳") == NULL, "free text stays");
	T_OK(sw_label_value(c, "") == NULL, "empty stays empty");
}

/* Writes s (in pieces of k bytes, to cut characters) to path in enc;
 * returns the commit's result. */
static int write_enc(const char *path, int enc, const char *s, size_t k)
{
	struct sw_file f;
	if (sw_file_open(&f, path) != 0)
		return -2;
	sw_file_encode(&f, enc);
	for (size_t i = 0, n = strlen(s); i < n; i += k) {
		fwrite(s + i, 1, n - i < k ? n - i : k, f.fp);
		fflush(f.fp);
	}
	return sw_file_commit(&f);
}

static char got[256];

static size_t slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(got, 1, sizeof got - 1, fp) : 0;
	got[n] = 0;
	if (fp)
		fclose(fp);
	return n;
}

static void encodings(void)
{
	char path[] = "/tmp/test_labels.XXXXXX";
	T_OK(mkdtemp(path) != NULL, "a scratch directory");
	char file[64];
	snprintf(file, sizeof file, "%s/r.csv", path);
	const char *text = "档案号,姓名\nQX-C1,王芳\n";
	static const char gb[] = "\xb5\xb5\xb0\xb8\xba\xc5,\xd0\xd5\xc3\xfb\nQX-C1,\xcd\xf5\xb7\xbc\n";
	T_INT(write_enc(file, SW_ENC_GB18030, text, 4096), 0, "GB18030 written");
	T_OK(slurp(file) == sizeof gb - 1 && memcmp(got, gb, sizeof gb - 1) == 0, "in GB18030 bytes");
	T_INT(write_enc(file, SW_ENC_GB18030, text, 1), 0, "byte by byte, characters cut");
	T_OK(slurp(file) == sizeof gb - 1 && memcmp(got, gb, sizeof gb - 1) == 0, "the same bytes");
	T_INT(write_enc(file, SW_ENC_UTF8_BOM, text, 4096), 0, "UTF-8 with a BOM");
	T_OK(slurp(file) && memcmp(got, "\xef\xbb\xbf", 3) == 0 && strcmp(got + 3, text) == 0,
	     "a BOM, then the text");
	unlink(file);
	T_INT(write_enc(file, SW_ENC_GB18030, "ok\n\xff\xfe bad\n", 4096), -1,
	      "text not UTF-8 fails the commit");
	T_OK(access(file, F_OK) != 0 && errno == ENOENT, "and leaves no file");
	T_INT(write_enc(file, SW_ENC_GB18030, "cut \xe7\x8e", 4096), -1,
	      "text ending inside a character fails");
	T_OK(access(file, F_OK) != 0, "and leaves no file");
	rmdir(path);
	T_INT(sw_enc_parse("GB18030"), SW_ENC_GB18030, "names in any case");
	T_INT(sw_enc_parse("utf-8-bom"), SW_ENC_UTF8_BOM, "utf-8-bom");
	T_INT(sw_enc_parse("latin1"), -1, "others unknown");
}

int main(void)
{
	sw_progname = "test_labels";
	sw_vocab_load(NULL);
	titles();
	words();
	encodings();
	return T_DONE();
}
