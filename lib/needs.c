/* The needs market (see sw/needs.h): loading it with its keys, its score
 * and its reasons. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/i18n.h"
#include "sw/match.h"
#include "sw/needs.h"
#include "sw/store.h"
#include "sw/text.h"
#include "sw/vocab.h"

/* In percent: the place of the offer, and the priority of the need. */
#define PLACE_STATION 100
#define PLACE_DISTRICT 60
#define PLACE_ANY 40
static const int priority_pct[] = {40, 40, 70, 100};	/* none, low, medium, high */

const struct sw_needs *sw_needs_of(const struct sw_market *m)
{
	return (const struct sw_needs *)m->rules;
}

/* Whether offer o is at the need's station (else, sharing a key, it is
 * in a district holding it, or has no area). */
static int same_station(const struct sw_need *n, const struct sw_offer *o)
{
	return o->station && n->station && strcmp(o->station, n->station) == 0;
}

static int needs_score(const struct sw_market *m, int s, int v)
{
	const struct sw_needs *x = sw_needs_of(m);
	const struct sw_offer *o = &x->offer[v];
	int place = same_station(&x->need[s], o) ? PLACE_STATION : o->district ? PLACE_DISTRICT : PLACE_ANY;
	return place * priority_pct[x->need[s].priority] / 10;
}

/* At a key of the need's station, any partner may be there; at another
 * key, those at the station were listed under the station's key. */
static int needs_bound(const struct sw_market *m, int s, int k)
{
	const struct sw_needs *x = sw_needs_of(m);
	return x->place[k] * priority_pct[x->need[s].priority] / 10;
}

static char *dup_or_null(const char *s)
{
	return s ? sw_xstrdup(s) : NULL;
}

/* Keys being gathered for one item. */
struct keys {
	int k[64], n;
};

static void key_add(struct sw_market *m, struct keys *ks, const char *need, const char *area)
{
	struct sw_needs *x = (struct sw_needs *)m->rules;
	char key[160];
	if (ks->n == (int)(sizeof ks->k / sizeof ks->k[0]))
		return;	/* more needs than the vocabulary holds: cannot happen */
	snprintf(key, sizeof key, "%s@%s", need, area);
	int k = ks->k[ks->n++] = sw_market_skill(m, key);
	if (k == x->nplace) {
		x->place = sw_xrealloc(x->place, (size_t)++x->nplace);
		x->place[k] = *area == 's' ? PLACE_STATION : *area == 'd' ? PLACE_DISTRICT : PLACE_ANY;
	}
}

static int cmp_int(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* Sorted, each once, with their mask: as sw_market_skills leaves skills. */
static void keys_set(struct keys *ks, int **out, int *n, uint64_t *mask)
{
	qsort(ks->k, (size_t)ks->n, sizeof *ks->k, cmp_int);
	int u = 0;
	*mask = 0;
	for (int i = 0; i < ks->n; i++)
		if (i == 0 || ks->k[i] != ks->k[i - 1]) {
			ks->k[u++] = ks->k[i];
			*mask |= (uint64_t)1 << (ks->k[i] & 63);
		}
	*out = sw_xmalloc(((size_t)u + 1) * sizeof **out);
	memcpy(*out, ks->k, (size_t)u * sizeof **out);
	*n = u;
}

/* The keys of a need at station st in division div: the station, the
 * division and the areas holding it (GB/T 2260: the province, the city,
 * the county, then the township and village by their digits), and no
 * area at all. */
static void need_keys(struct sw_market *m, struct keys *ks, const char *need, const char *st,
		      const char *div)
{
	char area[80];
	snprintf(area, sizeof area, "s:%s", st);
	key_add(m, ks, need, area);
	key_add(m, ks, need, "*");
	size_t len = div ? strlen(div) : 0;
	if (len != 6 && len != 9 && len != 12)
		return;
	snprintf(area, sizeof area, "d:%.2s0000", div);
	key_add(m, ks, need, area);
	snprintf(area, sizeof area, "d:%.4s00", div);
	key_add(m, ks, need, area);
	for (size_t k = 6; k <= len; k += 3) {
		snprintf(area, sizeof area, "d:%.*s", (int)k, div);
		key_add(m, ks, need, area);
	}
}

/* The keys of an offer of need at station st and district d. */
static void offer_keys(struct sw_market *m, struct keys *ks, const char *need, const char *st,
		       const char *d)
{
	char area[80];
	if (st) {
		snprintf(area, sizeof area, "s:%s", st);
		key_add(m, ks, need, area);
	}
	if (d) {
		snprintf(area, sizeof area, "d:%s", d);
		key_add(m, ks, need, area);
	}
	if (!st && !d)
		key_add(m, ks, need, "*");
}

/* Calls fn with each need a list "a;b" names: keys as stored (serves),
 * or with vocab, words read through the need vocabulary (skills); other
 * words are passed over. */
static void each_need(const char *list, int vocab, void (*fn)(void *ctx, const char *need, const char *word),
		      void *ctx)
{
	char word[256];
	while (sw_list_next(&list, word, sizeof word)) {	/* (an item too long is empty) */
		const char *need = !*word ? NULL : vocab ? sw_vocab_lookup("need", word) : word;
		if (need)
			fn(ctx, need, word);
	}
}

struct grow {
	size_t ncap, vcap;
};

static struct sw_vac *new_vac(struct sw_market *m, struct sw_needs *x, struct grow *g)
{
	if ((size_t)m->nv == g->vcap) {
		g->vcap = g->vcap ? g->vcap * 2 : 256;
		m->v = sw_xrealloc(m->v, g->vcap * sizeof *m->v);
		x->offer = sw_xrealloc(x->offer, g->vcap * sizeof *x->offer);
	}
	memset(&x->offer[m->nv], 0, sizeof *x->offer);
	struct sw_vac *v = &m->v[m->nv++];
	memset(v, 0, sizeof *v);
	v->district = -1;	/* the area is in the keys */
	return v;
}

struct offer_ctx {
	struct sw_market *m;
	struct keys ks;
	const char *station, *district;
};

static void offer_need(void *ctx, const char *need, const char *word)
{
	struct offer_ctx *c = ctx;
	(void)word;
	offer_keys(c->m, &c->ks, need, c->station, c->district);
}

/* SW_DONE, or -1 (printed). */
static int load_needs(struct sw_stmt *st, struct sw_market *m, struct sw_needs *x, struct grow *g)
{
	static const char *const prio[] = {"low", "medium", "high"};
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		if ((size_t)m->ns == g->ncap) {
			g->ncap = g->ncap ? g->ncap * 2 : 256;
			m->s = sw_xrealloc(m->s, g->ncap * sizeof *m->s);
			x->need = sw_xrealloc(x->need, g->ncap * sizeof *x->need);
		}
		struct sw_seeker *s = &m->s[m->ns];
		struct sw_need *n = &x->need[m->ns++];
		memset(s, 0, sizeof *s);
		s->id = dup_or_null(sw_stmt_text(st, 0));
		s->district = -1;
		n->client = dup_or_null(sw_stmt_text(st, 1));
		n->need = dup_or_null(sw_stmt_text(st, 2));
		const char *p = sw_stmt_text(st, 3);
		n->priority = 0;
		for (int i = 0; p && i < 3; i++)
			if (strcmp(p, prio[i]) == 0)
				n->priority = i + 1;
		n->station = dup_or_null(sw_stmt_text(st, 4));
		struct keys ks = {.n = 0};
		need_keys(m, &ks, n->need, n->station, sw_stmt_text(st, 5));
		keys_set(&ks, &s->skills, &s->nskills, &s->mask);
	}
	return rc;
}

static int load_offers(struct sw_stmt *st, int volunteer, int per_volunteer, struct sw_market *m,
		       struct sw_needs *x, struct grow *g)
{
	int rc;
	while ((rc = sw_stmt_step(st)) == SW_ROW) {
		struct sw_vac *v = new_vac(m, x, g);
		struct sw_offer *o = &x->offer[m->nv - 1];
		v->id = dup_or_null(sw_stmt_text(st, 0));
		o->volunteer = volunteer;
		o->station = dup_or_null(sw_stmt_text(st, 2));
		o->district = dup_or_null(sw_stmt_text(st, 3));
		const char *list = sw_stmt_text(st, 1);
		if (volunteer) {
			o->skills = dup_or_null(list);
			o->left = per_volunteer;
		} else {
			o->unit = dup_or_null(sw_stmt_text(st, 4));
			o->valid_to = dup_or_null(sw_stmt_text(st, 5));
			o->left = sw_stmt_is_null(st, 6) ? -1 : sw_stmt_int64(st, 6);
		}
		/* an assignment never places more needs than there are */
		v->left = o->left < 0 || o->left > m->ns ? (m->ns > 0 ? m->ns : 1) : (int)o->left;
		struct offer_ctx c = {m, {.n = 0}, o->station, o->district};
		each_need(list, volunteer, offer_need, &c);
		keys_set(&c.ks, &v->skills, &v->nskills, &v->mask);
	}
	return rc;
}

/* Open needs with the station of their client and its division; capacity
 * left is what uses dated on or before the day leave. */
static const char needs_sql[] =
	"SELECT n.need_id, n.client_id, n.need, n.priority, c.station_code, st.division_code"
	" FROM needs n JOIN clients c ON c.client_id = n.client_id"
	" LEFT JOIN stations st ON st.code = c.station_code"
	" WHERE n.status = 'open' AND n.identified_on <= ?1 ORDER BY n.need_id";
static const char resources_sql[] =
	"SELECT * FROM (SELECT r.resource_id, r.serves, r.station_code, r.district, r.unit, r.valid_to,"
	"  r.capacity - coalesce((SELECT sum(coalesce(u.quantity, 1)) FROM resource_uses u"
	"   WHERE u.resource_id = r.resource_id AND u.date <= ?1), 0) AS remaining"
	" FROM resources r WHERE (r.valid_from IS NULL OR r.valid_from <= ?1)"
	"  AND (r.valid_to IS NULL OR r.valid_to >= ?1)) x"
	" WHERE remaining IS NULL OR remaining > 0 ORDER BY resource_id";
static const char volunteers_sql[] =
	"SELECT v.volunteer_id, v.skills, v.station_code, st.division_code"
	" FROM volunteers v LEFT JOIN stations st ON st.code = v.station_code"
	" WHERE (v.registered_on IS NULL OR v.registered_on <= ?1)"
	"  AND (v.left_on IS NULL OR v.left_on > ?1) ORDER BY v.volunteer_id";

struct sw_market *sw_needs_market(struct sw_store *s, const char *on, int per_volunteer)
{
	struct sw_market *m = sw_market_new();
	struct sw_needs *x = sw_xcalloc(1, sizeof *x);
	struct grow g = {0, 0};
	x->rules.score = needs_score;
	x->rules.bound = needs_bound;
	m->rules = &x->rules;
	const char *sql[] = {needs_sql, resources_sql, volunteers_sql};
	int rc = sw_market_read(s);	/* needs and offers of one state */
	for (int i = 0; rc == 0 && i < 3; i++) {
		struct sw_stmt *st = sw_store_prep(s, sql[i]);
		sw_stmt_bind_text(st, 1, on);
		int done = i == 0 ? load_needs(st, m, x, &g) : load_offers(st, i == 2, per_volunteer, m, x, &g);
		sw_stmt_finalize(st);
		rc = done == SW_DONE ? 0 : -1;
	}
	if (rc != 0) {
		sw_needs_free(m);
		return NULL;
	}
	sw_market_read_end(s);
	return m;
}

void sw_needs_free(struct sw_market *m)
{
	if (!m)
		return;
	struct sw_needs *x = (struct sw_needs *)m->rules;
	for (int i = 0; x && i < m->ns; i++) {
		free(x->need[i].client);
		free(x->need[i].need);
		free(x->need[i].station);
	}
	for (int i = 0; x && i < m->nv; i++) {
		struct sw_offer *o = &x->offer[i];
		free(o->station);
		free(o->district);
		free(o->unit);
		free(o->valid_to);
		free(o->skills);
	}
	if (x) {
		free(x->need);
		free(x->offer);
		free(x->place);
		free(x);
	}
	sw_market_free(m);
}

struct word_ctx {
	const char *need, *word;
};

static void find_word(void *ctx, const char *need, const char *word)
{
	struct word_ctx *c = ctx;
	if (!c->word && strcmp(need, c->need) == 0)
		c->word = sw_xstrdup(word);
}

/* Appends a part of the reasons, after the separator when not first. */
static void part(char *buf, size_t n, const char *text)
{
	size_t len = strlen(buf);
	if (len + 1 < n)
		snprintf(buf + len, n - len, "%s%s", len ? _("; ") : "", text);
}

void sw_needs_reasons(const struct sw_market *m, int s, int v, char *buf, size_t n)
{
	const struct sw_needs *x = sw_needs_of(m);
	const struct sw_need *nd = &x->need[s];
	const struct sw_offer *o = &x->offer[v];
	int zh = sw_i18n_zh();
	char t[300];
	if (!n)
		return;
	buf[0] = 0;
	if (o->volunteer) {
		struct word_ctx c = {nd->need, NULL};
		each_need(o->skills, 1, find_word, &c);
		snprintf(t, sizeof t, _("skill %s"), c.word ? c.word : nd->need);
		free((char *)c.word);
	} else
		snprintf(t, sizeof t, _("serves %s"), sw_vocab_label("need", nd->need, zh));
	part(buf, n, t);
	part(buf, n, same_station(nd, o) ? _("same station") : o->district ? _("same district")
	     : _("no area limit"));
	if (!o->volunteer) {
		if (o->left < 0)
			snprintf(t, sizeof t, "%s", _("no capacity limit"));
		else if (o->unit)
			snprintf(t, sizeof t, _("%lld %s left"), o->left, o->unit);
		else
			snprintf(t, sizeof t, _("%lld left"), o->left);
		part(buf, n, t);
		if (o->valid_to) {
			snprintf(t, sizeof t, _("valid to %s"), o->valid_to);
			part(buf, n, t);
		}
	}
	if (nd->priority) {
		static const char *const prio[] = {"low", "medium", "high"};
		snprintf(t, sizeof t, _("priority %s"), sw_vocab_label("risk", prio[nd->priority - 1], zh));
	} else
		snprintf(t, sizeof t, "%s", _("priority not given"));
	part(buf, n, t);
}
