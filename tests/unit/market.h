/* Random small markets for the matching tests. */
#ifndef MARKET_H
#define MARKET_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/match.h"

static unsigned long rnd_state = 12345;
static int rnd(int n)	/* 0..n-1, reproducible everywhere */
{
	rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
	return (int)((rnd_state >> 33) % (unsigned long)n);
}

/* A few skills and districts, so that ties and overlaps are common. */
static void rnd_skills(struct sw_market *m, int **sk, int *n, uint64_t *mask)
{
	static const char *const names[] = {"焊工", "叉车", "电工", "保洁", "收银", "育婴", "电商客服"};
	char list[128] = "";
	int k = 1 + rnd(3);
	for (int i = 0; i < k; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ";" : "",
			 names[rnd(7)]);
	/* duplicates are folded by the import; here too */
	sw_market_skills(m, list, sk, n, mask);
	int j = 0;
	for (int i = 0; i < *n; i++)
		if (i == 0 || (*sk)[i] != (*sk)[i - 1])
			(*sk)[j++] = (*sk)[i];
	*n = j;
}

static struct sw_market *rnd_market(int ns, int nv, int maxcap)
{
	static const char *const districts[] = {"梅江镇", "石门镇", "桃源镇"};
	struct sw_market *m = sw_market_new();
	char id[16];
	m->v = sw_xcalloc((size_t)nv + 1, sizeof *m->v);
	m->s = sw_xcalloc((size_t)ns + 1, sizeof *m->s);
	for (int i = 0; i < nv; i++) {
		struct sw_vac *v = &m->v[m->nv++];
		snprintf(id, sizeof id, "V%03d", i);
		v->id = sw_xstrdup(id);
		v->title = sw_xstrdup("岗位");
		v->employer = sw_xstrdup("E1");
		rnd_skills(m, &v->skills, &v->nskills, &v->mask);
		v->edu = rnd(5) - 1;	/* -1: no minimum */
		v->wage_min = 3000 + 500 * rnd(4);
		v->wage_max = v->wage_min + 500 * rnd(4);
		v->district = rnd(4) == 3 ? -1 : sw_market_district(m, districts[rnd(3)]);
		v->left = 1 + rnd(maxcap);
		v->accessible = rnd(2);
	}
	for (int i = 0; i < ns; i++) {
		struct sw_seeker *s = &m->s[m->ns++];
		snprintf(id, sizeof id, "S%03d", i);
		s->id = sw_xstrdup(id);
		s->name = sw_xstrdup("某某");
		rnd_skills(m, &s->skills, &s->nskills, &s->mask);
		s->edu = rnd(7);
		s->wage = rnd(5) == 0 ? -1 : 3000 + 500 * rnd(6);
		s->district = sw_market_district(m, districts[rnd(3)]);
		s->needs_accessible = rnd(4) == 0;
	}
	return m;
}

#endif
