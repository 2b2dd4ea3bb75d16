/* tests/bench/store.sh's loader: a CSV file's rows into a table of a
 * store through sw_store_copy_row (COPY on a server), in one transaction,
 * its columns named by the file's header. An empty field is NULL, as in
 * psql's \copy ... CSV.
 *   copy_in DB TABLE FILE.csv */
#include <stdio.h>
#include <stdlib.h>

#include "sw/csvio.h"
#include "sw/err.h"
#include "sw/store.h"

int main(int argc, char **argv)
{
	sw_progname = "copy_in";
	if (argc != 4) {
		fprintf(stderr, "usage: copy_in DB TABLE FILE.csv\n");
		return 2;
	}
	struct sw_store *s = sw_store_open(argv[1], 0);
	struct sw_csv *r = s ? sw_csv_open(argv[3], NULL) : NULL;
	struct sw_row row;
	if (!r || sw_csv_next(r, &row) != 1)
		return 3;
	int n = row.nf, rc = sw_store_begin(s) | sw_store_copy_begin(s, argv[2], n, (const char *const *)row.f);
	long rows = 0;
	const char **v = sw_xcalloc((size_t)n, sizeof *v);
	while (rc == 0 && sw_csv_next(r, &row) == 1) {
		for (int i = 0; i < n; i++)
			v[i] = i < row.nf && *row.f[i] ? row.f[i] : NULL;
		rc = sw_store_copy_row(s, v);
		rows++;
	}
	rc = rc || sw_store_copy_end(s) || sw_store_commit(s);
	if (rc)
		sw_store_rollback(s);
	free(v);
	sw_csv_close(r);
	sw_store_close(s);
	fprintf(stderr, "copy_in: %ld rows\n", rows);
	return rc ? 3 : 0;
}
