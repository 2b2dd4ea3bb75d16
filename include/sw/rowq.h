/* A reader thread in front of an import: it parses the CSV and runs a
 * preparation step (normalising each value) on batches of rows while the
 * caller's thread stores the previous batches in SQLite. Rows come out in
 * file order; memory is bounded by a few batches of the longest rows. */
#ifndef SW_ROWQ_H
#define SW_ROWQ_H

#include <stddef.h>

#include "sw/csvio.h"

/* Growable bytes, addressed by offset (the block may move as it grows). */
struct sw_arena {
	char *p;
	size_t len, cap;
};

/* Makes room for need more bytes at p + len; returns that address. */
char *sw_arena_room(struct sw_arena *a, size_t need);

/* Runs on the reader thread (the first batch's rows on the caller's), so
 * it must not print nor use the caller's database connection: writes the
 * row's nvals values into a and their offsets into off (-1 for none), and
 * may set bits in *flags for the caller. rw is the row as read (rw->bad
 * set: unreadable). Returns 0, -1 with why, or 1: the row is not data (a
 * total row), skip it. */
typedef int (*sw_prep_fn)(const void *ctx, const struct sw_row *rw, struct sw_arena *a,
			  long *off, unsigned *flags, char *why, size_t whylen);

/* Where rows come from: sw_source_next or sw_csv_next. */
typedef int (*sw_next_fn)(void *src, struct sw_row *row);

struct sw_qrow {
	long line;		/* physical line where the record starts */
	int nf;
	char **f;		/* the raw fields */
	const char **v;		/* nvals prepared values, NULL for none (ok only) */
	int ok;			/* 0: why says why the row cannot be used */
	int skip;		/* not data: the prep step said so */
	unsigned flags;		/* as the prep step set them */
	const char *why;
};

struct sw_rowq;

/* Starts reading r: the first batch at the first sw_rowq_next, on the
 * caller's thread, the rest on a new thread (none if there is no rest). */
struct sw_rowq *sw_rowq_start(sw_next_fn next, void *src, int nvals, sw_prep_fn prep,
			      const void *ctx);
/* The next row, valid until the next call: 1, 0 at the end of input, or
 * -1 when the file cannot be read on (the source's error says why). */
int sw_rowq_next(struct sw_rowq *q, struct sw_qrow *row);
/* Stops the thread (at any point) and frees the queue. */
void sw_rowq_stop(struct sw_rowq *q);

#endif
