/* The reader thread of an import (see sw/rowq.h). Batches go round a ring
 * of NBATCH: the reader fills batch k while the caller works through the
 * batches before it, and waits when it is NBATCH ahead. The caller fills
 * the first batch itself, as it would only wait for it: a file that fits
 * in one (most files kept by hand; tests/fuzz/fuzz_csv.c's inputs) starts
 * no thread, and a batch's memory is taken as it is filled. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/rowq.h"

#define BATCH 512
#define NBATCH 4

struct qr {
	long line;
	int nf;
	int ok, skip;
	unsigned flags;
	size_t fields;		/* arena offset of nf NUL-terminated fields */
	size_t why;		/* arena offset of why a row cannot be used */
};

struct batch {
	int n, cap;		/* rows, and room for rows (up to BATCH) */
	int end;		/* after the rows: 0 more, 1 end of input, -1 error */
	struct qr *r;		/* cap rows */
	long *off;		/* cap x nvals value offsets */
	struct sw_arena a;
};

struct sw_rowq {
	sw_next_fn next;
	void *src;
	int nvals;
	sw_prep_fn prep;
	const void *ctx;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	long filled, taken;	/* batches handed over, batches given back */
	int stop;
	int begun, started;	/* batch 0 filled; the thread started (caller's) */
	struct batch b[NBATCH];
	struct batch *cur;	/* the caller's batch, and its next row */
	int i;
	char **f;		/* the caller's row */
	const char **v;
	int fcap;
};

char *sw_arena_room(struct sw_arena *a, size_t need)
{
	if (a->cap - a->len < need) {
		while (a->cap - a->len < need)
			a->cap = a->cap ? a->cap * 2 : 4096;
		a->p = sw_xrealloc(a->p, a->cap);
	}
	return a->p + a->len;
}

static void fill(struct sw_rowq *q, struct batch *b)
{
	b->n = 0;
	b->end = 0;
	b->a.len = 0;
	while (b->n < BATCH) {
		if (b->n == b->cap) {	/* grown as rows come: a file of ten rows takes little */
			b->cap = b->cap ? 2 * b->cap : 16;
			b->r = sw_xrealloc(b->r, (size_t)b->cap * sizeof *b->r);
			b->off = sw_xrealloc(b->off, (size_t)b->cap * (size_t)(q->nvals ? q->nvals : 1) * sizeof *b->off);
		}
		struct sw_row rw;
		int rc = q->next(q->src, &rw);
		if (rc <= 0) {
			b->end = rc == 0 ? 1 : -1;
			return;
		}
		struct qr *x = &b->r[b->n];
		long *off = b->off + (size_t)b->n * (size_t)q->nvals;
		x->line = rw.line;
		x->nf = rw.nf;
		x->fields = b->a.len;
		x->flags = 0;
		for (int i = 0; i < rw.nf; i++) {
			size_t n = strlen(rw.f[i]) + 1;
			memcpy(sw_arena_room(&b->a, n), rw.f[i], n);
			b->a.len += n;
		}
		char why[640];
		why[0] = 0;
		rc = q->prep(q->ctx, &rw, &b->a, off, &x->flags, why, sizeof why);
		x->ok = rc == 0;
		x->skip = rc > 0;
		if (!x->ok) {	/* in the arena, not in each row: few rows have one */
			size_t n = strlen(why) + 1;
			memcpy(sw_arena_room(&b->a, n), why, n);
			x->why = b->a.len;
			b->a.len += n;
		}
		b->n++;
	}
}

static void *run(void *arg)
{
	struct sw_rowq *q = arg;
	for (long k = 1;; k++) {	/* the caller filled batch 0 */
		pthread_mutex_lock(&q->mu);
		while (k - q->taken >= NBATCH && !q->stop)
			pthread_cond_wait(&q->cv, &q->mu);
		int stop = q->stop;
		pthread_mutex_unlock(&q->mu);
		if (stop)
			break;
		struct batch *b = &q->b[k % NBATCH];
		fill(q, b);
		pthread_mutex_lock(&q->mu);
		q->filled = k + 1;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		if (b->end)
			break;
	}
	return NULL;
}

struct sw_rowq *sw_rowq_start(sw_next_fn next, void *src, int nvals, sw_prep_fn prep,
			      const void *ctx)
{
	struct sw_rowq *q = sw_xcalloc(1, sizeof *q);
	q->next = next;
	q->src = src;
	q->nvals = nvals;
	q->prep = prep;
	q->ctx = ctx;
	q->v = sw_xcalloc((size_t)(nvals ? nvals : 1), sizeof *q->v);
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	return q;
}

/* Fills batch 0 on the caller's thread, then starts the reader on the
 * rest, if there is a rest. */
static void begin(struct sw_rowq *q)
{
	q->begun = 1;
	fill(q, &q->b[0]);
	q->filled = 1;
	if (q->b[0].end)
		return;
	if (pthread_create(&q->th, NULL, run, q) != 0)
		sw_die(SW_EXIT_FAIL, _("cannot start the reader thread"));
	q->started = 1;
}

int sw_rowq_next(struct sw_rowq *q, struct sw_qrow *row)
{
	if (!q->begun)
		begin(q);
	while (!q->cur || q->i == q->cur->n) {
		if (q->cur && q->cur->end)
			return q->cur->end > 0 ? 0 : -1;
		pthread_mutex_lock(&q->mu);
		if (q->cur) {	/* give the used batch back */
			q->taken++;
			pthread_cond_broadcast(&q->cv);
		}
		while (q->filled <= q->taken)
			pthread_cond_wait(&q->cv, &q->mu);
		q->cur = &q->b[q->taken % NBATCH];
		pthread_mutex_unlock(&q->mu);
		q->i = 0;
	}
	struct batch *b = q->cur;
	struct qr *x = &b->r[q->i];
	const long *off = b->off + (size_t)q->i * (size_t)q->nvals;
	q->i++;
	if (x->nf > q->fcap) {
		q->fcap = x->nf;
		q->f = sw_xrealloc(q->f, (size_t)q->fcap * sizeof *q->f);
	}
	char *p = b->a.p + x->fields;
	for (int i = 0; i < x->nf; i++) {
		q->f[i] = p;
		p += strlen(p) + 1;
	}
	for (int i = 0; i < q->nvals && x->ok; i++)
		q->v[i] = off[i] < 0 ? NULL : b->a.p + off[i];
	*row = (struct sw_qrow){x->line, x->nf, q->f, q->v, x->ok, x->skip, x->flags,
				x->ok ? "" : b->a.p + x->why};
	return 1;
}

void sw_rowq_stop(struct sw_rowq *q)
{
	if (!q)
		return;
	if (q->started) {
		pthread_mutex_lock(&q->mu);
		q->stop = 1;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		pthread_join(q->th, NULL);
	}
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	for (int k = 0; k < NBATCH; k++) {
		free(q->b[k].r);
		free(q->b[k].off);
		free(q->b[k].a.p);
	}
	free(q->f);
	free(q->v);
	free(q);
}
