/* The import's reader thread (lib/rowq.c): rows come out in file order with
 * their lines, fields and prepared values across many batches; a row the
 * prep step refuses carries its reason; a file that cannot be read on ends
 * with -1 after the rows before it; stopping early neither hangs nor leaks. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sw/rowq.h"
#include "unit.h"

/* Uppercases field 1 into value 0; value 1 is field 0's length in digits,
 * or none for an empty field; a field 1 of "bad" is refused. */
static int prep(const void *ctx, const struct sw_row *rw, struct sw_arena *a, long *off,
		unsigned *flags, char *why, size_t whylen)
{
	char *const *f = rw->f;
	int nf = rw->nf;
	(void)ctx;
	if (nf < 2 || strcmp(f[1], "bad") == 0) {
		snprintf(why, whylen, "refused");
		return -1;
	}
	size_t n = strlen(f[1]) + 1;
	char *p = sw_arena_room(a, n);
	for (size_t i = 0; i < n; i++)
		p[i] = (char)(f[1][i] >= 'a' && f[1][i] <= 'z' ? f[1][i] - 32 : f[1][i]);
	off[0] = (long)a->len;
	a->len += n;
	off[1] = -1;
	if (*f[0]) {
		p = sw_arena_room(a, 16);
		off[1] = (long)a->len;
		a->len += (size_t)snprintf(p, 16, "%zu", strlen(f[0])) + 1;
	}
	*flags = (unsigned)nf;
	return 0;
}

/* Notes in *flags whether the row was prepared on the caller's thread. */
static pthread_t caller;

static int where(const void *ctx, const struct sw_row *rw, struct sw_arena *a, long *off,
		 unsigned *flags, char *why, size_t whylen)
{
	(void)ctx, (void)rw, (void)a, (void)why, (void)whylen;
	off[0] = off[1] = -1;
	*flags = pthread_equal(pthread_self(), caller) != 0;
	return 0;
}

static char path[64];

static struct sw_csv *file(const char *data)
{
	FILE *fp = fopen(path, "w");
	fputs(data, fp);
	fclose(fp);
	return sw_csv_open(path, NULL);
}

int main(void)
{
	snprintf(path, sizeof path, "/tmp/sw-unit-rowq.%d.csv", (int)getpid());

	/* 5,000 rows: many batches; every 7th refused; row 100 spans two lines */
	size_t cap = 1 << 20, len = 0;
	char *data = malloc(cap);
	for (int i = 1; i <= 5000; i++)
		len += (size_t)snprintf(data + len, cap - len, i == 100 ? "\"k%d\nx\",v%d\n" :
					i % 7 ? "k%d,v%d\n" : "k%d,bad\n", i, i);
	struct sw_csv *r = file(data);
	struct sw_rowq *q = sw_rowq_start((sw_next_fn)sw_csv_next, r, 2, prep, NULL);
	struct sw_qrow row;
	int n = 0, bad = 0, order = 1, refused = 0, rc;
	long line = 0;
	while ((rc = sw_rowq_next(q, &row)) > 0) {
		n++;
		long want = n < 100 ? n : n + 1 - (n == 100);
		char k[32], v[32];
		snprintf(k, sizeof k, n == 100 ? "k%d\nx" : "k%d", n);
		snprintf(v, sizeof v, "V%d", n);
		if (row.line != want || row.line <= line || strcmp(row.f[0], k) != 0)
			order = 0;
		line = row.line;
		if (n % 7 == 0)
			refused += !row.ok && strcmp(row.why, "refused") == 0;
		else if (!row.ok || strcmp(row.v[0], v) != 0 || row.flags != 2 ||
			 atoi(row.v[1]) != (int)strlen(k))
			bad++;
	}
	sw_rowq_stop(q);
	sw_csv_close(r);
	T_INT(rc, 0, "5,000 rows: end of input");
	T_INT(n, 5000, "every row handed out");
	T_OK(order, "in file order, with each record's first line and its fields");
	T_INT(bad, 0, "prepared values and flags come with their rows");
	T_INT(refused, 5000 / 7, "refused rows carry the reason");

	/* a quote left open on line 3001: the rows before it, then -1 */
	len = 0;
	for (int i = 1; i <= 4000; i++)
		len += (size_t)snprintf(data + len, cap - len, i == 3001 ? "\"k%d,v%d\n" : "k%d,v%d\n", i, i);
	r = file(data);
	q = sw_rowq_start((sw_next_fn)sw_csv_next, r, 2, prep, NULL);
	n = 0;
	while ((rc = sw_rowq_next(q, &row)) > 0)
		n++;
	sw_rowq_stop(q);
	T_INT(rc, -1, "an unterminated quote ends the rows with -1");
	T_INT(n, 3000, "after the 3,000 rows before it");
	T_INT(sw_csv_errline(r), 3001, "and the reader names its line");
	sw_csv_close(r);

	/* stopping after 10 rows of 4,000, and before the first */
	r = file(data);
	q = sw_rowq_start((sw_next_fn)sw_csv_next, r, 2, prep, NULL);
	for (n = 0; n < 10 && sw_rowq_next(q, &row) > 0; n++)
		;
	sw_rowq_stop(q);
	sw_csv_close(r);
	T_INT(n, 10, "a caller may stop early");
	/* the first batch on the caller's thread: no thread for a small file */
	caller = pthread_self();
	int mine = 0, others = 0;
	r = file(data);
	q = sw_rowq_start((sw_next_fn)sw_csv_next, r, 2, where, NULL);
	while (sw_rowq_next(q, &row) > 0)
		row.flags ? mine++ : others++;
	sw_rowq_stop(q);
	sw_csv_close(r);
	T_INT(mine, 512, "the first batch of rows read on the caller's thread");
	T_INT(others, 3000 - 512, "the rest (of the 3,000 readable) on the reader's");
	r = file("a,b\nc,d\n");
	q = sw_rowq_start((sw_next_fn)sw_csv_next, r, 2, where, NULL);
	for (mine = 0; sw_rowq_next(q, &row) > 0;)
		mine += row.flags;
	sw_rowq_stop(q);
	sw_csv_close(r);
	T_INT(mine, 2, "a file that fits in one batch: all on the caller's thread");

	r = file("a,b\n");	/* (leaks or races here fail under the sanitizers) */
	sw_rowq_stop(sw_rowq_start((sw_next_fn)sw_csv_next, r, 2, prep, NULL));
	sw_csv_close(r);

	r = file("");
	q = sw_rowq_start((sw_next_fn)sw_csv_next, r, 2, prep, NULL);
	T_INT(sw_rowq_next(q, &row), 0, "an empty file: end at once");
	sw_rowq_stop(q);
	sw_csv_close(r);

	free(data);
	unlink(path);
	return T_DONE();
}
