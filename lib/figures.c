/* The report's figures as data: keys, labels, and how values are written;
 * the one resolver of the names targets and rules use. The definitions
 * themselves are in sw-report(1) and, as SQL, in lib/report.c and
 * lib/workfig.c (the catalogue's in lib/items.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sw/err.h"
#include "sw/items.h"
#include "sw/report.h"
#include "sw/vocab.h"

#define SVC(k, zh, en) {"services_" k, "服务人次（" zh "）", "services: " en, 0, 0, 0, 0}
#define ACT(k, zh, en) \
	{"activities_" k, "活动场次（" zh "）", "activities: " en, 0, 0, 0, 0}, \
	{"activity_sessions_" k, "活动节数（" zh "）", "activity sessions: " en, 0, 0, 0, 0}, \
	{"activity_participants_" k, "参与人次（" zh "）", "activity participants: " en, 0, 0, 0, 0}

#define RES(k, zh, en) {"resource_uses_" k, "资源使用次数（" zh "）", "resource uses: " en, 0, 0, 0, 3}
#define LEVEL(k, zh, en) {"staff_" k, "在岗" zh, "staff: " en, 0, 0, 0, 4}

const struct sw_figure sw_figures[SW_NFIG] = {
	{"clients_end", "建档服务对象", "clients on file at end", 0, 0, 0, 0},
	{"clients_new", "新建档服务对象", "new clients", 0, 0, 0, 0},
	{"cases_opened", "开案", "cases opened", 0, 0, 0, 0},
	{"cases_closed", "结案", "cases closed", 0, 0, 0, 0},
	{"cases_open_end", "在案", "open cases at end", 0, 0, 0, 0},
	{"referrals_out", "转出转介", "referrals made", 0, 0, 0, 4},
	{"referrals_in", "接收转介", "referrals received", 0, 0, 0, 4},
	{"referrals_accepted", "转介被接收", "referrals accepted", 0, 0, 0, 4},
	{"referrals_completed", "转介已完成", "referrals completed", 0, 0, 0, 4},
	{"referral_median_days", "转介反馈中位天数", "median days to referral feedback", 0, 1, 1, 4},
	{"services", "服务人次", "services", 0, 0, 0, 0},
	SVC("visit", "走访", "visit"),
	SVC("counselling", "面谈", "counselling"),
	SVC("phone", "电话", "phone"),
	SVC("referral", "转介", "referral"),
	SVC("employment", "就业指导", "employment"),
	SVC("other", "其他", "other"),
	{"people_served", "服务对象人数", "people served", 0, 1, 0, 0},
	{"service_hours", "服务时长（小时）", "service hours", 1, 0, 0, 0},
	{"community_visits", "走访社区次数", "community visits", 0, 0, 0, 0},
	{"activities", "活动场次", "activities", 0, 0, 0, 0},
	{"activity_sessions", "活动节数", "activity sessions", 0, 0, 0, 0},
	{"activity_participants", "参与人次", "activity participants", 0, 0, 0, 0},
	ACT("group", "小组", "group"),
	ACT("community", "社区活动", "community"),
	ACT("outreach", "走访社区", "outreach"),
	ACT("fair", "招聘会/咨询会", "fair"),
	ACT("training", "培训", "training"),
	ACT("other", "其他", "other"),
	{"employers", "企业资源库", "employers on file", 0, 0, 0, 0},
	{"vacancies", "新增岗位", "vacancies posted", 0, 0, 0, 0},
	{"vacancy_headcount", "岗位需求人数", "vacancy headcount", 0, 0, 0, 0},
	{"seekers", "求职者", "job seekers on file", 0, 0, 0, 0},
	{"matches", "成功配对人次", "matches", 0, 0, 0, 0},
	{"hires", "就业人数", "hires", 0, 0, 0, 0},
	{"retained_3m", "稳岗3个月人数", "retained 3 months", 0, 0, 0, 0},
	{"retained_6m", "稳岗6个月人数", "retained 6 months", 0, 0, 0, 0},
	{"staff", "在岗社工", "active staff", 0, 0, 0, 0},
	{"staff_certified", "持证社工", "certified staff", 0, 0, 0, 0},
	LEVEL("assistant", "助理社会工作师", "assistant social workers"),
	LEVEL("intermediate", "社会工作师", "social workers (intermediate)"),
	LEVEL("senior", "高级社会工作师", "senior social workers"),
	{"staff_new", "新入职社工", "staff hired", 0, 0, 0, 4},
	{"staff_left", "离职社工", "staff who left", 0, 0, 0, 4},
	{"supervision_hours", "督导时长（小时）", "supervision hours", 1, 0, 0, 4},
	{"training_hours", "培训时长（小时）", "training hours", 1, 0, 0, 4},
	{"stations_active", "运营站点", "active stations", 0, 0, 0, 0},
	{"orgs_engaged", "参与组织", "organisations engaged", 0, 1, 0, 3},
	{"volunteers_active", "活跃志愿者", "volunteers active", 0, 1, 0, 3},
	{"volunteer_hours", "志愿服务时长（小时）", "volunteer hours", 1, 0, 0, 3},
	{"volunteer_services", "志愿服务人次", "volunteer service person-times", 0, 0, 0, 3},
	{"needs_identified", "新识别需求", "needs identified", 0, 0, 0, 3},
	{"needs_met", "已满足需求", "needs met", 0, 0, 0, 3},
	{"needs_median_days", "需求满足中位天数", "median days to meet a need", 0, 1, 1, 3},
	{"resource_uses", "资源使用次数", "resource uses", 0, 0, 0, 3},
	{"resource_value", "资源价值（元）", "resource value (yuan)", 0, 0, 0, 3},
	RES("policy", "政策", "policy"),
	RES("funds", "资金", "funds"),
	RES("goods", "物资", "goods"),
	RES("venue", "场地", "venue"),
	RES("professional", "专业服务", "professional"),
	RES("volunteer", "志愿服务", "volunteer"),
	RES("job", "就业岗位", "job"),
	RES("other", "其他", "other"),
};

int sw_figure_find(const char *key)
{
	for (int i = 0; i < SW_NFIG; i++)
		if (strcmp(sw_figures[i].key, key) == 0)
			return i;
	return -1;
}

int sw_figure_count(void)
{
	return SW_NFIG + sw_items_count();
}

const struct sw_figure *sw_figure_def(int f)
{
	return f < SW_NFIG ? &sw_figures[f] : sw_items_def(f - SW_NFIG);
}

int sw_figure_resolve(const char *name, char *why, size_t whylen)
{
	int f = sw_figure_find(name);
	if (f >= 0)
		return f;
	if (strncmp(name, "item:", 5) != 0 && strncmp(name, "category:", 9) != 0)
		return -1;
	f = sw_items_find(name, why, whylen);
	return f < 0 ? -2 : SW_NFIG + f;
}

const char *sw_figure_label(int fig, int zh)
{
	return zh ? sw_figure_def(fig)->zh : sw_figure_def(fig)->en;
}

void sw_figure_fmt(int fig, long long v, char *buf, size_t n)
{
	const struct sw_figure *d = sw_figure_def(fig);
	if (d->median) {	/* kept doubled */
		long long h = v < 0 ? -v : v;
		snprintf(buf, n, "%s%lld%s", v < 0 ? "-" : "", h / 2, h % 2 ? ".5" : "");
		return;
	}
	if (!d->hours) {
		snprintf(buf, n, "%lld", v);
		return;
	}
	/* minutes to tenths of an hour, rounded half away from zero:
	 * (10m + 30) / 60 = (m + 3) / 6, computed without overflowing */
	unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	unsigned long long t = m / 6 + (m % 6 + 3) / 6;
	snprintf(buf, n, "%s%llu.%llu", v < 0 && t ? "-" : "", t / 10, t % 10);
}

int sw_figure_parse(int fig, const char *s, long long *v)
{
	const struct sw_figure *d = sw_figure_def(fig);
	int neg = *s == '-';
	const char *p = s + neg, *end = p + strspn(p, "0123456789");
	long long x = 0, tenth = 0;
	if (end == p)
		return -1;
	if (*end == '.' && d->hours) {	/* at most one decimal */
		if (end[1] < '0' || end[1] > '9' || end[2])
			return -1;
		tenth = end[1] - '0';
	} else if (*end == '.' && d->median) {	/* a half day at most */
		if (strcmp(end, ".5") != 0 && strcmp(end, ".0") != 0)
			return -1;
		tenth = end[1] - '0';
	} else if (*end)
		return -1;
	if (neg)
		return -2;
	for (; p < end; p++)
		if (__builtin_mul_overflow(x, 10, &x) || __builtin_add_overflow(x, *p - '0', &x))
			return -3;
	/* hours back to minutes */
	if (d->hours &&
	    (__builtin_mul_overflow(x, 60, &x) || __builtin_add_overflow(x, tenth * 6, &x)))
		return -3;
	if (d->median && (__builtin_mul_overflow(x, 2, &x) || __builtin_add_overflow(x, tenth / 5, &x)))
		return -3;
	*v = x;
	return 0;
}

int sw_figure_select(const char *list, unsigned char *sel, char *bad, size_t badlen)
{
	memset(sel, !list, SW_NFIG);
	if (!list)
		return 0;
	char *copy = sw_xstrdup(list), *save = NULL;
	int rc = 0, any = 0;
	for (char *k = strtok_r(copy, ",", &save); k && !rc; k = strtok_r(NULL, ",", &save)) {
		int f = sw_figure_find(k);
		if (f < 0) {
			snprintf(bad, badlen, "%s", k);
			rc = -1;
		} else
			sel[f] = any = 1;
	}
	if (!rc && !any) {
		snprintf(bad, badlen, "%s", list);
		rc = -1;
	}
	free(copy);
	return rc;
}

int sw_by_parse(const char *s)
{
	static const char *const names[] = {"station", "township", "regional", "county", "total"};
	for (int i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

const char *sw_level_label(const char *level, int zh)
{
	if (strcmp(level, "total") == 0)
		return zh ? "合计" : "total";
	if (strcmp(level, "unattributed") == 0)
		return zh ? "（未归属站点）" : "(unattributed)";
	return sw_vocab_label("level", level, zh);
}
