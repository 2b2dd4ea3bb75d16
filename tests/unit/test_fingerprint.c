/* A closed month's fingerprint keeps its older versions: version 3, the
 * format of months closed before the figures of referrals and the
 * workforce, is computed here from its definition (the figures it hashed,
 * in their order) and must still match; the figures it does not hash are
 * kept as they were by lib/closed.c. */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sw/audit.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/report.h"
#include "sw/store.h"
#include "unit.h"

/* The figures of version 3, in the order it hashed them: never change. */
static const char *const v3[] = {"clients_end", "clients_new", "cases_opened", "cases_closed",
	"cases_open_end", "services", "services_visit", "services_counselling", "services_phone",
	"services_referral", "services_employment", "services_other", "people_served",
	"service_hours", "community_visits", "activities", "activity_sessions",
	"activity_participants", "activities_group", "activity_sessions_group",
	"activity_participants_group", "activities_community", "activity_sessions_community",
	"activity_participants_community", "activities_outreach", "activity_sessions_outreach",
	"activity_participants_outreach", "activities_fair", "activity_sessions_fair",
	"activity_participants_fair", "activities_training", "activity_sessions_training",
	"activity_participants_training", "activities_other", "activity_sessions_other",
	"activity_participants_other", "employers", "vacancies", "vacancy_headcount", "seekers",
	"matches", "hires", "retained_3m", "retained_6m", "staff", "staff_certified",
	"stations_active", "orgs_engaged", "volunteers_active", "volunteer_hours",
	"volunteer_services", "needs_identified", "needs_met", "needs_median_days", "resource_uses",
	"resource_value", "resource_uses_policy", "resource_uses_funds", "resource_uses_goods",
	"resource_uses_venue", "resource_uses_professional", "resource_uses_volunteer",
	"resource_uses_job", "resource_uses_other"};
#define NV3 (int)(sizeof v3 / sizeof v3[0])

/* Version 3 as it was defined: a line per figure of every station with
 * one that is not 0, in tree order, then the audit trail's head. */
static void version3(const struct sw_fp *fp, const char *month, char hex[65])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char sum[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	char line[256];
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	snprintf(line, sizeof line, "sw-report fingerprint 3\t%s\n", month);
	EVP_DigestUpdate(md, line, strlen(line));
	for (int i = 0; i < fp->n; i++) {
		int any = 0;
		for (int k = 0; k < NV3; k++)
			any |= fp->v[(size_t)i * SW_NFIG + sw_figure_find(v3[k])] != 0;
		for (int k = 0; any && k < NV3; k++) {
			snprintf(line, sizeof line, "%s\t%s\t%lld\n", fp->code[i], v3[k],
				 fp->v[(size_t)i * SW_NFIG + sw_figure_find(v3[k])]);
			EVP_DigestUpdate(md, line, strlen(line));
		}
	}
	if (*fp->audit) {
		snprintf(line, sizeof line, "audit\t%s\n", fp->audit);
		EVP_DigestUpdate(md, line, strlen(line));
	}
	EVP_DigestFinal_ex(md, sum, &len);
	EVP_MD_CTX_free(md);
	for (unsigned i = 0; i < len && i < 32; i++)
		sprintf(hex + 2 * i, "%02x", sum[i]);
}

static void store(sqlite3 *db, const char *sql)
{
	sw_db_begin(db);
	sw_db_exec(db, sql);
	sw_db_commit(db);
}

int main(void)
{
	char path[] = "/tmp/sw-unit-fp.XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	sw_progname = "test_fingerprint";
	for (int k = 0; k < NV3; k++)
		T_OK(sw_figure_find(v3[k]) >= 0 && sw_figures[sw_figure_find(v3[k])].since <= 3,
		     "%s: a figure of version 3", v3[k]);
	sqlite3 *db = sw_db_open(path, SW_DB_CREATE);
	store(db, "INSERT INTO stations (code, name, level, opened_on) VALUES ('P', 'p', 'regional', '2020-01-01');"
	      "INSERT INTO stations (code, name, level, parent_code, opened_on) VALUES"
	      " ('A', 'a', 'township', 'P', '2020-01-01'), ('B', 'b', 'township', 'P', '2020-01-01');"
	      "INSERT INTO workers (worker_id, name, station_code, role, certificate, hired_on) VALUES"
	      " ('W1', 'w', 'A', 'service', 'senior', '2020-01-01');"
	      "INSERT INTO clients (client_id, name, station_code, registered_on) VALUES ('C1', 'c', 'B', '2026-10-02');"
	      "INSERT INTO cases (case_id, client_id, station_code, domain, opened_on) VALUES"
	      " ('K1', 'C1', 'B', 'elderly', '2026-10-02');"
	      "INSERT INTO services (service_id, client_id, station_code, date, type, minutes) VALUES"
	      " ('S1', 'C1', 'B', '2026-10-03', 'visit', 30);"
	      "INSERT INTO referrals (referral_id, case_id, date, to_station, consent_on, status, feedback_on)"
	      " VALUES ('F1', 'K1', '2026-10-04', 'A', '2026-10-04', 'completed', '2026-10-09');"
	      "INSERT INTO supervision (session_id, worker_id, date, station_code, supervisor, minutes)"
	      " VALUES ('D1', 'W1', '2026-10-05', 'A', 's', 60)");

	struct sw_fp fp;
	char v3hex[65];
	T_INT(sw_report_fp(sw_store_of(db), "2026-10", &fp), 0, "October's fingerprint");
	T_INT(fp.v[1 * SW_NFIG + F_SUPERVISION], 60, "A's supervision is among its figures (in minutes)");
	T_INT(fp.v[0 * SW_NFIG + F_REF_DAYS], 10, "P's subtree holds B's referral: 5 days, kept doubled");
	version3(&fp, "2026-10", v3hex);
	T_STR(fp.hex3, v3hex, "version 3 is computed as it was defined");
	T_INT(sw_fp_version(&fp, v3hex), 3, "a month closed with version 3 still matches, its new figures not 0");
	T_INT(sw_fp_version(&fp, fp.hex), SW_FP_VERSION, "the current version matches as version 4");
	T_OK(strcmp(fp.hex, v3hex) != 0, "and differs from version 3");
	T_INT(sw_fp_version(&fp, "0123"), 0, "anything else matches nothing");
	sw_fp_free(&fp);

	/* closed with version 3, as sw-report close did (the audit trail's
	 * head kept with it): the figures it hashes and those it does not
	 * both stay as they were */
	T_INT(sw_db_begin(db), 0, "begin");
	sqlite3_stmt *st = sw_db_prepare(db, "INSERT INTO closed_months VALUES ('2026-10', 'x', 'u', ?)");
	sqlite3_bind_text(st, 1, v3hex, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	T_INT(sw_audit_keep(sw_store_of(db), "2026-10"), 0, "the trail's head kept");
	T_INT(sw_db_commit(db), 0, "October closed with version 3");
	sw_db_close(db);
	db = sw_db_open(path, 0);
	T_INT(sw_db_begin(db), 0, "begin");
	sw_db_exec(db, "UPDATE supervision SET minutes = 90");
	T_INT(sw_db_commit(db), -1, "supervision of a month closed with version 3 changed: refused");
	T_INT(sw_db_begin(db), 0, "begin");
	sw_db_exec(db, "UPDATE referrals SET status = 'accepted', feedback_on = NULL");
	T_INT(sw_db_commit(db), -1, "a referral's outcome in it: refused");
	T_INT(sw_db_begin(db), 0, "begin");
	sw_db_exec(db, "UPDATE services SET minutes = 45");
	T_INT(sw_db_commit(db), -1, "a figure version 3 hashes: refused");
	T_INT(sw_db_begin(db), 0, "begin");
	sw_db_exec(db, "UPDATE supervision SET topic = 'x'; UPDATE referrals SET reason = 'y'");
	T_INT(sw_db_commit(db), 0, "what changes no figure: stored");
	char hex[80];
	sw_month_closed(sw_store_of(db), "2026-10", hex, sizeof hex);
	T_INT(sw_report_fp(sw_store_of(db), "2026-10", &fp), 0, "the month's fingerprint again");
	T_INT(sw_fp_version(&fp, hex), 3, "still version 3's");
	sw_fp_free(&fp);
	sw_db_close(db);
	unlink(path);
	return T_DONE();
}
