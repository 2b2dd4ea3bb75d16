/* The import loop shared by every program. One transaction for the whole
 * command; each row is normalised, checked, then upserted by primary key:
 * on a SQLite file as it comes (lib/import_file.c), on a server staged and
 * stored a chunk at a time through COPY and one INSERT ... SELECT ... ON
 * CONFLICT (lib/import_stage.c), with the same outcomes and messages. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/audit.h"
#include "sw/cli.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/import.h"
#include "sw/importpriv.h"
#include "sw/input.h"
#include "sw/layout.h"
#include "sw/out.h"
#include "sw/refs.h"
#include "sw/rowq.h"
#include "sw/station.h"
#include "sw/store.h"
#include "sw/valid.h"
#include "sw/vocab.h"

/* Past this many rejects per file, messages go only to --rejects. */
#define MAX_SHOWN 1000

struct sw_store *sw_import_store(const struct sw_import *im) { return im->s; }

static void said_end(void);

int sw_import_flush(struct sw_import *im)
{
	return im->stage ? sw_stage_flush(im) : 0;
}

/* The months closed (few: read once, not per row), the references' look-ups,
 * and how rows are stored. */
static int prepare(struct sw_import *im)
{
	if (sw_import_months(im) != 0)
		return -1;
	im->refs = sw_refs_new(im->s, im->t, im->map);
	if (im->db)
		sw_file_prepare(im);
	else if (!(im->stage = sw_stage_new(im)))
		return -1;
	return 0;
}

static struct sw_import *im_new(struct sw_store *s, const char *fname, struct sw_layout *L,
				const struct sw_import_opts *o)
{
	const struct sw_table *t = L->t;
	struct sw_import *im = sw_xcalloc(1, sizeof *im);
	im->s = s;
	im->db = sw_store_sqlite(s);
	im->t = t;
	im->fname = fname;
	im->o = o;
	im->L = L;
	im->map = L->map;
	im->v = sw_xcalloc((size_t)t->ncols, sizeof *im->v);
	im->off = sw_xcalloc((size_t)t->ncols, sizeof *im->off);
	return im;
}

static void drop_pending(struct pending *p)
{
	free(p->f);
	free(p->why);
}

static void im_free(struct sw_import *im)
{
	sw_refs_free(im->reader);
	sw_refs_free(im->refs);
	sw_stage_free(im);
	sw_db_release(im->ins);
	sw_db_release(im->upd);
	sw_db_release(im->old);
	sw_db_release(im->chg);
	sw_db_release(im->dup);
	sw_db_release(im->seen);
	sqlite3_free(sqlite3_str_finish(im->key));
	for (size_t i = 0; i < im->npend; i++)
		drop_pending(&im->pend[i]);
	for (int i = 0; i < im->nrebuild; i++)
		free(im->rebuild[i]);
	free(im->rebuild);
	free(im->pend);
	free(im->v);
	free(im->off);
	free(im->a.p);
	free(im->closed);
	free(im);
}

/* An import of L's table on s, ready for its rows: NULL after a failure
 * (said, or left to sw_store_transact's next try), never an exit, so that
 * a serialization failure in its set-up is tried again. */
static struct sw_import *im_ready(struct sw_store *s, const char *fname, struct sw_layout *L,
				  const struct sw_import_opts *o)
{
	struct sw_import *im = im_new(s, fname, L, o);
	if (prepare(im) == 0)
		return im;
	im_free(im);
	return NULL;
}

int sw_import_emit(struct sw_import *im, long line, char **f, int nf, const char *problems)
{
	char why[1400];
	sw_problems_line(problems, why, sizeof why);
	im->c.rejected++;
	if (im->c.rejected <= MAX_SHOWN || !im->fname)
		sw_error_at(im->fname, line, "%s", why);
	else if (im->c.rejected == MAX_SHOWN + 1)
		sw_error_at(im->fname, 0, _("more rows rejected; not shown%s"),
			    im->rej ? "" : _(" (use --rejects FILE to keep them)"));
	return im->rej ? sw_rejects_row(im->rej, im, line, f, nf, why) : 0;
}

/* A rejected row: said now on a file; on a server in its place among the
 * staged rows, when they are stored. Returns 0, or -1 (said). */
static int reject(struct sw_import *im, long line, char **f, int nf, const char *why)
{
	if (im->stage)
		return sw_stage_reject(im, line, f, nf, why);
	return sw_import_emit(im, line, f, nf, why);
}

/* The key column made from the row (a services log without 服务编号), or -1. */
int sw_import_made(const struct sw_import *im)
{
	for (int i = 0; i < im->t->ncols; i++)
		if ((im->t->cols[i].flags & SW_C_MADE) && im->map[i] == SW_MAP_FILL)
			return i;
	return -1;
}

/* Makes key column k's value as "sw-case log" would, "SYYYYMMDD-", then
 * a hash of the row's other values and occ: the same row of the same file
 * gets the same key on every import. */
void sw_import_key(const struct sw_table *t, const char **v, int k, int occ, char *out)
{
	unsigned long long h = 1469598103934665603ull;
	const char *date = NULL;
	for (int i = 0; i < t->ncols; i++) {
		const char *p = i == k || !v[i] ? "" : v[i];
		if (!date && t->cols[i].type == SW_T_DATE && v[i])
			date = v[i];
		for (; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ull;
		h = (h ^ 0x1f) * 1099511628211ull;
	}
	h = (h ^ (unsigned)occ) * 1099511628211ull;
	snprintf(out, 32, "S%.4s%.2s%.2s-%010llx", date ? date : "00000000", date ? date + 5 : "",
		 date ? date + 8 : "", h & 0xffffffffffull);
}

void sw_import_make_key(struct sw_import *im, int k, int occ)
{
	sw_import_key(im->t, im->v, k, occ, im->keybuf);
	im->v[k] = im->keybuf;
}

int sw_import_has(const struct sw_import *im, int col)
{
	return im->map[col] >= 0;
}

static const char *first_key(const struct sw_table *t)
{
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].flags & SW_C_KEY)
			return sw_column_title(&t->cols[i]);
	return sw_table_title(t);
}

void sw_import_dup_msg(const struct sw_import *im, char *why, size_t whylen)
{
	sw_msg(why, whylen, _("%s: duplicate key (an earlier line of this file has it)"), first_key(im->t));
}

void sw_taken_msg(const struct sw_table *t, const char *cols, int col, long line, char *why,
		  size_t whylen)
{
	if (col < 0 || !(t->cols[col].flags & SW_C_UNIQUE))
		sw_msg(why, whylen, _("%s: already used by another record"), cols);
	else if (line > 0)
		sw_msg(why, whylen, _("%s: already given on line %ld, to another record (the same "
		       "person twice? keep one of the rows; else correct it)"), cols, line);
	else if (line < 0)
		sw_msg(why, whylen, _("%s: already given on an earlier line of this file, to another "
		       "record (the same person twice? keep one of the rows; else correct it)"), cols);
	else
		sw_msg(why, whylen, _("%s: already on file for another record (the same person? give "
		       "this row that record's %s; else correct it)"), cols, first_key(t));
}

/* Stores the normalised row. Returns the outcome, SW_REJECTED with why,
 * or -1 on a database failure (printed). */
static int store(struct sw_import *im, char *why, size_t whylen)
{
	const struct sw_table *t = im->t;
	int made = sw_import_made(im), outcome;
	if (im->stage) {
		if (made >= 0)
			sw_import_make_key(im, made, 0);	/* the next ones, if met before: sw_stage_flush */
		return sw_stage_row(im) == 0 ? SW_STAGED : -1;
	}
	outcome = sw_file_store(im, made, why, whylen);
	if (outcome < 0 || outcome == SW_REJECTED)
		return outcome;
	if (t->after && t->after(im, im->v, outcome) != 0)
		return -1;
	return outcome;
}

/* 1 if column i refers to this table's own single-column key and holds
 * the row's own key (a station that is its own parent). */
static int self_ref(const struct sw_import *im, int i)
{
	const struct sw_table *t = im->t;
	const char *ref = t->cols[i].ref;
	size_t n = strlen(t->name);
	if (strncmp(ref, t->name, n) != 0 || ref[n] != '.')
		return 0;
	int k = sw_table_col(t, ref + n + 1);
	return k >= 0 && im->v[k] && strcmp(im->v[k], im->v[i]) == 0;
}

/* The part of a row's checks that needs no database (sw_row_norm). Runs
 * on the reader thread too (sw_prep_fn), so it only reads im. */
static int norm_row(const void *ctx, const struct sw_row *rw, struct sw_arena *a,
		    long *off, char *why, size_t whylen)
{
	const struct sw_import *im = ctx;
	return sw_row_norm(im->L, rw, a, off, why, whylen);
}

/* Drops the values of a personal table's rows from a message. */
static int hide(const struct sw_import *im, int outcome, char *why)
{
	if (im->t->personal && (outcome == SW_REJECTED || outcome == SW_DEFERRED))
		sw_problems_unquote(why);
	return outcome;
}

static int checked(struct sw_import *im, char *why, size_t whylen);

/* The reader thread's step: norm_row, then the references it can find
 * through its own connection. That connection sees the database as it was
 * committed before this command's write transaction began (which keeps
 * every other writer out), and an import never deletes: a value found there
 * exists here too. A value not found is looked up again here, where the
 * rows this command stored are seen. */
static int prep_row(const void *ctx, const struct sw_row *rw, struct sw_arena *a,
		    long *off, unsigned *known, char *why, size_t whylen)
{
	const struct sw_import *im = ctx;
	int rc = norm_row(ctx, rw, a, off, why, whylen);
	if (rc != 0)
		return rc;
	for (int i = 0; im->reader && i < im->t->ncols; i++)
		if (off[i] >= 0 && sw_refs_has(im->reader, i) &&
		    sw_refs_find(im->reader, i, a->p + off[i]) == SQLITE_ROW)
			*known |= 1u << i;
	return 0;
}

/* Normalises, checks and stores one row on this thread. Returns an
 * outcome or -1. */
static int row(struct sw_import *im, long line, char **f, int nf, char *why, size_t whylen)
{
	im->line = line;
	im->f = f;
	im->nf = nf;
	im->a.len = 0;
	im->known = 0;
	const struct sw_row rw = {.f = f, .nf = nf};
	int rc = norm_row(im, &rw, &im->a, im->off, why, whylen);
	if (rc > 0)
		return SW_SKIPPED;
	if (rc < 0)
		return hide(im, SW_REJECTED, why);
	for (int i = 0; i < im->t->ncols; i++)
		im->v[i] = im->off[i] < 0 ? NULL : im->a.p + im->off[i];
	return hide(im, checked(im, why, whylen), why);
}

/* The checks that read the database, then the store, of the values in v.
 * Every unknown reference of the row is named at once. */
static int checked(struct sw_import *im, char *why, size_t whylen)
{
	const struct sw_table *t = im->t;
	int bad = 0, defer = 1;
	char w[320];
	why[0] = 0;
	for (int i = 0; i < t->ncols; i++) {
		if (!im->v[i] || !sw_refs_has(im->refs, i))
			continue;
		if (self_ref(im, i)) {
			sw_msg(why, whylen, _("%s: refers to the record itself"),
			       sw_column_title(&t->cols[i]));
			return SW_REJECTED;
		}
		if (im->known >> i & 1)
			continue;	/* the reader thread found it */
		int rc = sw_refs_find(im->refs, i, im->v[i]);
		/* on a server a row of this file that this one refers to may be
		 * staged still: stored, it is found (and seen by the hooks) */
		if (rc == SW_DONE && im->stage && sw_refs_self(im->refs, i) && sw_stage_pending(im))
			rc = sw_stage_flush(im) == 0 ? sw_refs_find(im->refs, i, im->v[i]) : -1;
		if (rc < 0)
			return -1;	/* (said) */
		if (rc == SW_ROW)
			continue;
		int k = sw_refs_worker(im->refs, i, im->v, im->wbuf, sizeof im->wbuf, w, sizeof w);
		if (k < 0)
			return -1;
		if (k > 0) {
			im->v[i] = im->wbuf;
			continue;
		}
		if (!*w && (t->cols[i].flags & SW_C_ORDER))
			sw_msg(w, sizeof w, _("%s: unknown %s \"%s\" (import the %s first, or leave %s "
			       "empty for now and fill it in once it is imported)"),
			       sw_column_title(&t->cols[i]), sw_ref_name(&t->cols[i]), im->v[i],
			       sw_ref_name(&t->cols[i]), sw_column_title(&t->cols[i]));
		else if (!*w)
			sw_msg(w, sizeof w, _("%s: unknown %s \"%s\""), sw_column_title(&t->cols[i]),
			       sw_ref_name(&t->cols[i]), im->v[i]);
		sw_problem_add(why, whylen, "%s", w);
		bad = 1;
		defer &= (t->cols[i].flags & SW_C_DEFER) != 0;
	}
	if (bad)
		return defer ? SW_DEFERRED : SW_REJECTED;
	if (im->locks && im->db && sw_file_locked(im, why, whylen))	/* (a server's: sw_stage_flush) */
		return SW_REJECTED;
	if (t->check) {
		int rc = t->check(im, im->v, why, whylen);
		if (rc < 0)
			return SW_REJECTED;
		if (rc > 0)
			return SW_DEFERRED;
	}
	int held = sw_import_made_check(im, why, whylen);
	if (held)
		return held > 0 ? SW_DEFERRED : -1;
	return store(im, why, whylen);
}

void sw_import_count(struct sw_import *im, int outcome)
{
	if (outcome == SW_INSERTED)
		im->c.inserted++;
	else if (outcome == SW_UPDATED)
		im->c.updated++;
	else if (outcome == SW_UNCHANGED)
		im->c.unchanged++;
}

static void defer(struct sw_import *im, long line, char **f, int nf, const char *why)
{
	if (im->npend == im->cappend) {
		im->cappend = im->cappend ? im->cappend * 2 : 16;
		im->pend = sw_xrealloc(im->pend, im->cappend * sizeof *im->pend);
	}
	struct pending *p = &im->pend[im->npend++];
	p->line = line;
	p->nf = nf;
	/* a held row in one allocation, and its reason as long as it is: a
	 * ledger whose every row is held (sw_import_made) is held whole */
	size_t len = 0;
	for (int i = 0; i < nf; i++)
		len += strlen(f[i]) + 1;
	p->f = sw_xmalloc(((size_t)nf + 1) * sizeof *p->f + len);
	char *s = (char *)(p->f + nf + 1);
	for (int i = 0; i < nf; i++) {
		size_t n = strlen(f[i]) + 1;
		p->f[i] = memcpy(s, f[i], n);
		s += n;
	}
	p->f[nf] = NULL;
	p->why = sw_xstrdup(why);
}

/* Retries deferred rows until a pass stores none; the rest are rejected
 * with the reason they last gave. Returns -1 on a database failure. */
static int flush_pending(struct sw_import *im)
{
	int progress = 1;
	im->settled = 1;
	while (progress && im->npend) {
		progress = 0;
		size_t keep = 0;
		for (size_t i = 0; i < im->npend; i++) {
			struct pending *p = &im->pend[i];
			char why[320];
			int o = row(im, p->line, p->f, p->nf, why, sizeof why);
			if (o < 0)
				return -1;
			if (o == SW_DEFERRED) {
				free(p->why);
				p->why = sw_xstrdup(why);
				im->pend[keep++] = *p;
				continue;
			}
			if (o == SW_REJECTED && reject(im, p->line, p->f, p->nf, why) != 0)
				return -1;
			if (o != SW_REJECTED)
				sw_import_count(im, o), progress = 1;
			drop_pending(p);
		}
		im->npend = keep;
	}
	/* sort by line so messages come in file order */
	for (size_t i = 1; i < im->npend; i++)
		for (size_t j = i; j > 0 && im->pend[j - 1].line > im->pend[j].line; j--) {
			struct pending tmp = im->pend[j];
			im->pend[j] = im->pend[j - 1];
			im->pend[j - 1] = tmp;
		}
	int rc = 0;
	for (size_t i = 0; i < im->npend; i++) {
		struct pending *p = &im->pend[i];
		if (rc == 0)
			rc = reject(im, p->line, p->f, p->nf, p->why);
		drop_pending(p);
	}
	im->npend = 0;
	return rc;
}

/* Each file's summary waits for the command's outcome (summaries_end):
 * printed as its file ends, it would report as stored the rows that a
 * later file's failure rolls back. */
static char **sums;
static int nsums;

static void summary(const char *fname, const struct sw_counts *c, int dry_run)
{
	char skipped[48] = "";
	if (c->skipped)
		snprintf(skipped, sizeof skipped, _(", skipped %ld"), c->skipped);
	char *line = sqlite3_mprintf(_("%s: read %ld, inserted %ld, updated %ld, unchanged %ld%s, "
				       "rejected %ld%s"),
				     fname, c->read, c->inserted, c->updated, c->unchanged, skipped,
				     c->rejected, dry_run ? _(" (dry run: nothing written)") : "");
	sums = sw_xrealloc(sums, (size_t)(nsums + 1) * sizeof *sums);
	sums[nsums++] = line;
}

/* Prints the summaries if the rows they count are kept (or it was a dry
 * run), else one line saying nothing was; forgets them (and says nothing
 * when kept is -1: a try of a server's transaction, made again). */
static void summaries_end(int kept)
{
	for (int i = 0; i < nsums; i++) {
		if (kept > 0)
			sw_warn("%s", sums[i]);
		sqlite3_free(sums[i]);
	}
	if (!kept && nsums)
		sw_error(_("nothing imported: the whole command was rolled back"));
	free(sums);
	sums = NULL;
	nsums = 0;
}

/* What import_part returns beside 0 and 1 (rows rejected). */
enum { FILE_REJECTED = 2, FILE_FAILED = 3 };

/* Imports the rows after the header L found. Returns as import_part. */
static int import_rows(struct sw_store *s, struct sw_source *src, struct sw_layout *L,
		       struct sw_rejects *rej, const struct sw_import_opts *o)
{
	const struct sw_table *t = L->t;
	const char *fname = sw_source_name(src);
	struct sw_import *im = im_ready(s, fname, L, o);
	if (!im)
		return FILE_FAILED;
	im->rej = rej;
	im->enc = sw_source_encoding(src);
	im->c.read = im->c.skipped = L->skipped;
	sw_file_drop_indexes(im);
	int status = 0, rc;
	char why[640];
	struct sw_qrow qr;
	struct sw_unitwatch uw;
	sw_unitwatch_init(&uw, L);
	/* Set up the lazily built state the reader thread's norm_row reads. */
	sw_vocab_lookup("gender", "");
	sw_date_today(why);
	/* (a row's found columns are bits of an unsigned) */
	if (t->ncols <= 32 && im->db)
		im->reader = sw_refs_reader(s, t, L->map);
	struct sw_rowq *q = sw_rowq_start((sw_next_fn)sw_source_next, src, t->ncols, prep_row, im);
	while ((rc = sw_rowq_next(q, &qr)) > 0) {
		im->c.read++;
		if (qr.skip) {
			im->c.skipped++;
			continue;
		}
		sw_unitwatch_add(&uw, qr.f, qr.nf);
		int oc = SW_REJECTED;
		im->line = qr.line;
		im->f = qr.f;
		im->nf = qr.nf;
		if (qr.ok) {
			memcpy(im->v, qr.v, (size_t)t->ncols * sizeof *im->v);
			im->known = qr.flags;
			oc = checked(im, why, sizeof why);
		} else
			snprintf(why, sizeof why, "%s", qr.why);
		oc = hide(im, oc, why);
		if (oc == SW_DEFERRED)
			defer(im, qr.line, qr.f, qr.nf, why);
		else if (oc == SW_REJECTED && reject(im, qr.line, qr.f, qr.nf, why) != 0)
			oc = -1;
		else
			sw_import_count(im, oc);
		if (oc < 0) {
			status = FILE_FAILED;
			break;
		}
		/* (on a server a row stored with others may have been rejected) */
		if (o->strict && (oc == SW_REJECTED || im->c.rejected))
			break;
	}
	sw_rowq_stop(q);
	sw_refs_free(im->reader);
	im->reader = NULL;
	/* a server's rows staged so far, said and stored, as a file's were */
	if (status == 0 && sw_import_flush(im) != 0)
		status = FILE_FAILED;
	if (status == 0 && rc < 0) {
		/* The rest of the file cannot be read reliably: nothing of it counts. */
		sw_error_at(fname, sw_source_errline(src), _("%s (file not imported)"), sw_source_error(src));
		status = FILE_REJECTED;
	}
	if (status == 0 && sw_unitwatch_check(&uw, L, fname) != 0)
		status = FILE_REJECTED;
	if (status == 0 && !(o->strict && im->c.rejected) &&
	    (flush_pending(im) != 0 || sw_import_flush(im) != 0))
		status = FILE_FAILED;
	if (status == 0 && o->strict && im->c.rejected) {
		sw_error_at(fname, 0, _("--strict: nothing imported"));
		status = FILE_REJECTED;
	}
	if (status == 0 && sw_file_rebuild_indexes(im) != 0)
		status = FILE_FAILED;
	if (status == 0) {
		summary(fname, &im->c, o->dry_run);
		status = im->c.rejected ? 1 : 0;
	}
	im_free(im);
	return status;
}

/* Imports part i of src. Returns 0, 1 if rows were rejected,
 * FILE_REJECTED if the part as a whole cannot be used, FILE_FAILED on a
 * system failure. */
static int import_part(struct sw_store *s, const struct sw_table *const *tables, struct sw_source *src,
		       int i, struct sw_rejects *rej, const struct sw_import_opts *o)
{
	struct sw_layout L;
	if (sw_source_begin(src, i) != 0)
		return FILE_REJECTED;
	int rc = sw_layout_find(src, tables, &o->in, &L);
	if (rc == 0)
		rc = import_rows(s, src, &L, rej, o);
	else if (rc > 0 && sw_source_part(src, i)) {
		rc = 0;	/* an empty sheet */
		if (o->in.nsheets)
			sw_warn_at(sw_source_name(src), 0, _("empty sheet"));
	} else if (rc > 0) {
		sw_error_at(sw_source_name(src), 0, _("empty file (a header row is required)"));
		rc = FILE_REJECTED;
	} else
		rc = FILE_REJECTED;
	sw_layout_free(&L);
	return rc;
}

/* Imports one file: its sheets in the order of tables (clients before the
 * services that name them), whatever their order in the workbook. */
static int import_file(struct sw_store *s, const struct sw_table *const *tables, const char *path,
		       struct sw_rejects *rej, const struct sw_import_opts *o)
{
	int status;
	struct sw_source *src = sw_source_open(path, &o->in, &status);
	if (!src)
		return status == SW_EXIT_FAIL ? FILE_FAILED : FILE_REJECTED;
	int n = sw_source_parts(src), bad;
	int *order = sw_layout_order(src, tables, &o->in, &bad);
	status = bad ? FILE_REJECTED : 0;
	if (bad && n > 1 && !o->in.nsheets)
		sw_error_at(path, 0, _("nothing of the workbook imported: a sheet above cannot be read as a table "
			    "(one of drop-down lists or sums holds none); import the others with --sheet NAME "
			    "(once for each)"));
	for (int i = 0; i < n && status <= 1; i++) {
		int rc = import_part(s, tables, src, order[i], rej, o);
		status = rc > 1 ? rc : status | rc;
	}
	free(order);
	sw_source_close(src);
	return status;
}

/* Every file, in order: 0, 1 (rows rejected), or FILE_* of the first
 * that could not be imported. */
static int import_each(struct sw_store *s, const struct sw_table *const *tables, char **files,
		       struct sw_rejects *rej, const struct sw_import_opts *o)
{
	int status = 0;
	for (char **f = files; *f; f++) {
		int rc = import_file(s, tables, *f, o->rejects ? rej : NULL, o);
		if (rc > 1)
			return rc;
		status |= rc;
	}
	return status;
}

/* The end of the command, once its transaction is over: rows kept (or a
 * dry run), or nothing. Returns the exit status. */
static int import_end(int status, int failed, struct sw_rejects *rej)
{
	if (status > 1) {
		summaries_end(0);
		sw_rejects_abort(rej);
		return status == FILE_FAILED ? SW_EXIT_FAIL : SW_EXIT_REJECTED;
	}
	if (failed && !nsums)
		sw_error(_("nothing imported: the whole command was rolled back"));
	summaries_end(!failed);
	if (failed)
		return SW_EXIT_FAIL;
	return status ? SW_EXIT_REJECTED : SW_EXIT_OK;
}

/* One transaction over all files, on a file. Returns an exit status. */
static int import_all(struct sw_store *s, const struct sw_table *const *tables, char **files,
		      struct sw_rejects *rej, const struct sw_import_opts *o)
{
	sqlite3 *db = sw_store_sqlite(s);
	/* (sw_made emptied in this transaction, not in one of its own) */
	if (sw_db_begin(db) != 0) {
		sw_rejects_abort(rej);
		return SW_EXIT_FAIL;
	}
	sw_db_run(db, "DELETE FROM temp.sw_made");
	int status = import_each(s, tables, files, rej, o);
	if (status > 1) {
		sw_db_rollback(db);
		return import_end(status, 0, rej);
	}
	/* The rejects first: if they cannot be written, nothing is stored,
	 * as status 3 says. (sw_db_commit rolls back when it fails.) The
	 * summaries only then, so that none reports rows rolled back. */
	int failed = o->rejects && sw_rejects_commit(rej) != 0;
	if (failed || o->dry_run)
		sw_db_rollback(db);
	else
		failed = sw_db_commit(db) != 0;
	return import_end(status, failed, rej);
}

/* A server's transaction may be tried again (sw_store_transact): each try
 * reads the files anew (stdin from a copy made first) and what it says
 * goes to a file, said once the last try is over (said_end). */
struct tries {
	const struct sw_table *const *tables;
	char **files;
	struct sw_rejects *rej;
	const struct sw_import_opts *o;
	int status, failed, tried;
};

static FILE *said;	/* stderr meanwhile, or NULL */
static int said_fd = -1;	/* stderr itself */

static void said_begin(void)
{
	fflush(stderr);
	if ((said = tmpfile()) && (said_fd = dup(STDERR_FILENO)) >= 0)
		dup2(fileno(said), STDERR_FILENO);
}

/* A try made again says nothing of the one before. 0 or -1. */
static int said_again(void)
{
	fflush(stderr);
	return said_fd < 0 || (ftruncate(STDERR_FILENO, 0) == 0 && lseek(STDERR_FILENO, 0, SEEK_SET) == 0)
		? 0 : -1;
}

/* Says what the last try said. */
static void said_end(void)
{
	if (said_fd >= 0) {
		fflush(stderr);
		dup2(said_fd, STDERR_FILENO);
		close(said_fd);
		said_fd = -1;
		rewind(said);
		char buf[8192];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, said)) > 0)
			fwrite(buf, 1, n, stderr);
	}
	if (said)
		fclose(said);
	said = NULL;
}

/* Copies stdin to an unlinked file that becomes stdin, read again by each
 * try. 0, or -1 (said). */
static int spool_stdin(void)
{
	FILE *fp = tmpfile();
	char buf[65536];
	size_t n;
	int ok = fp != NULL;
	while (ok && (n = fread(buf, 1, sizeof buf, stdin)) > 0)
		ok = fwrite(buf, 1, n, fp) == n;
	ok = ok && !ferror(stdin) && fflush(fp) == 0 && dup2(fileno(fp), STDIN_FILENO) >= 0 &&
	     fseek(stdin, 0, SEEK_SET) == 0;
	clearerr(stdin);
	if (fp)
		fclose(fp);
	if (!ok)
		sw_error(_("-: cannot keep a copy of standard input: %s"), strerror(errno));
	return ok ? 0 : -1;
}

static int try_import(struct sw_store *s, void *arg)
{
	struct tries *t = arg;
	t->status = FILE_FAILED;
	if (t->tried++) {	/* forget the try before */
		summaries_end(-1);
		if (said_again() != 0)
			return -1;
		fseek(stdin, 0, SEEK_SET);
		clearerr(stdin);
		if (t->o->rejects) {
			sw_rejects_abort(t->rej);
			if (sw_rejects_open(t->rej, t->o->rejects, t->files, t->o->rejects_enc) != 0)
				return t->failed = 1, -1;
		}
	}
	if (sw_store_exec(s, MADE_TABLE "; TRUNCATE sw_made") != 0)
		return -1;
	sw_import_made_begin();
	t->status = import_each(s, t->tables, t->files, t->rej, t->o);
	if (t->status > 1)
		return -1;
	t->failed = t->o->rejects && sw_rejects_commit(t->rej) != 0;
	return t->failed || t->o->dry_run ? -1 : 0;
}

/* One transaction over all files, on a server. Returns an exit status. */
static int import_server(struct sw_store *s, const struct sw_table *const *tables, char **files,
			 struct sw_rejects *rej, const struct sw_import_opts *o)
{
	struct tries t = {tables, files, rej, o, 0, 0, 0};
	int in = 0;
	for (char **f = files; *f; f++)
		in |= strcmp(*f, "-") == 0;
	if (in && spool_stdin() != 0) {
		sw_rejects_abort(rej);
		return SW_EXIT_FAIL;
	}
	said_begin();
	int rc = sw_store_transact(s, try_import, &t);
	said_end();
	/* failed: the rejects not written, or the commit */
	return import_end(t.status, t.failed || (rc != 0 && t.status <= 1 && !o->dry_run), rej);
}

int sw_import_files(struct sw_store *s, const struct sw_table *const *tables, char **files,
		    const struct sw_import_opts *o)
{
	static char *stdin_only[] = {"-", NULL};
	struct sw_rejects rej = {0};

	if (!files || !*files)
		files = stdin_only;
	if (o->rejects && sw_file_check_inputs("--rejects", o->rejects, files) != 0)
		return SW_EXIT_USAGE;
	if (o->rejects && sw_rejects_open(&rej, o->rejects, files, o->rejects_enc) != 0)
		return SW_EXIT_FAIL;
	sqlite3 *db = sw_store_sqlite(s);
	if (!db)
		return import_server(s, tables, files, &rej, o);
	/* checked() looks every reference up itself (tests/unit/test_schema.c
	 * holds each foreign key to a column's ref), so SQLite's own check, a
	 * second look-up per reference, is off for the transaction. The pragma
	 * is a no-op inside a transaction: it is set around one, and only when
	 * on, since each change expires db's prepared statements (sw_db_stmt). */
	int fk = 0;
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1, &fk);
	if (fk)
		sqlite3_exec(db, "PRAGMA foreign_keys=OFF", NULL, NULL, NULL);
	/* Where the temporary tables go, and their cache, is the connection's
	 * (sw_db_open keeps a writer's in files: memory flat). They are made
	 * here, not in the transaction: a table made there that a dry run rolls
	 * back is a change of schema undone, and SQLite then reads the whole
	 * schema again, audit triggers and all, at the next statement. */
	sw_db_run(db, SEEN_TABLE);
	sw_db_run(db, MADE_TABLE);
	sw_import_made_begin();
	int status = SW_EXIT_FAIL;
	if (sw_audit_attach(db) == 0)
		status = import_all(s, tables, files, &rej, o);
	else
		sw_rejects_abort(&rej);
	if (fk)
		sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
	return status;
}

int sw_import_record(struct sw_store *s, const struct sw_table *t, int n,
		     const char *const *names, const char *const *vals)
{
	static const struct sw_import_opts none;
	struct sw_layout L;
	if (sw_layout_map(&L, t, NULL, &none.in, (char *const *)names, n) != 0) {
		sw_layout_free(&L);
		return SW_REJECTED;
	}
	struct sw_import *im = im_ready(s, NULL, &L, &none);
	if (!im) {
		sw_layout_free(&L);
		return -1;
	}
	char why[640];
	int o = row(im, 0, (char **)vals, n, why, sizeof why);
	if (o == SW_DEFERRED || o == SW_SKIPPED)
		o = SW_REJECTED;
	if (o == SW_REJECTED) {
		char msg[sizeof why * 2];
		sw_error("%s", sw_problems_line(why, msg, sizeof msg));
	}
	if (o == SW_STAGED) {	/* stored now, or rejected (said) */
		o = sw_stage_flush(im) != 0 ? -1 : im->c.rejected ? SW_REJECTED : im->c.inserted ? SW_INSERTED
			: im->c.updated ? SW_UPDATED : SW_UNCHANGED;
	}
	im_free(im);
	sw_layout_free(&L);
	return o;
}
