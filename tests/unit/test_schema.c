/* The import engine switches SQLite's foreign-key enforcement off for its
 * transaction and checks every reference itself (one look-up per value,
 * cached, with a message naming the column). That is only sound while
 * every foreign key in the schema is a column descriptor's ref: this test
 * holds the two together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sw/case.h"
#include "sw/casework.h"
#include "sw/contract.h"
#include "sw/db.h"
#include "sw/import.h"
#include "sw/match.h"
#include "sw/out.h"
#include "sw/partners.h"
#include "sw/staff.h"
#include "sw/station.h"
#include "unit.h"

static const struct sw_table *const all[] = {
	&sw_divisions_table, &sw_stations_table, &sw_workers_table,
	&sw_clients_table, &sw_cases_table, &sw_services_table, &sw_activities_table,
	&sw_catalogue_table, &sw_assessments_table, &sw_plans_table, &sw_goals_table,
	&sw_reviews_table, &sw_referrals_table, &sw_needs_table, &sw_supervision_table, &sw_training_table,
	&sw_certificates_table, &sw_orgs_table, &sw_volunteers_table, &sw_volunteer_hours_table,
	&sw_resources_table, &sw_resource_uses_table,
	&sw_contracts_table, &sw_contract_staffing_table, &sw_spending_table,
	&sw_employers_table, &sw_vacancies_table, &sw_seekers_table, &sw_placements_table,
	NULL,
};

static const struct sw_table *find(const char *name)
{
	for (const struct sw_table *const *t = all; *t; t++)
		if (strcmp((*t)->name, name) == 0)
			return *t;
	return NULL;
}

int main(void)
{
	char path[] = "/tmp/sw-unit-schema.XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	sqlite3 *db = sw_db_open(path, SW_DB_CREATE);
	T_OK(db != NULL, "a new database opens");
	if (!db)
		return T_DONE();

	sqlite3_stmt *tb = sw_db_prepare(db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
					 " AND name NOT LIKE 'sqlite_%' ORDER BY name");
	sqlite3_stmt *fk = sw_db_prepare(db, "SELECT \"from\", \"table\", \"to\", on_update, on_delete"
					 " FROM pragma_foreign_key_list(?)");
	int nfk = 0;
	while (sqlite3_step(tb) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tb, 0);
		sqlite3_bind_text(fk, 1, name, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(fk) == SQLITE_ROW) {
			const char *from = (const char *)sqlite3_column_text(fk, 0);
			char want[128], got[128] = "";
			snprintf(want, sizeof want, "%s.%s", sqlite3_column_text(fk, 1),
				 sqlite3_column_text(fk, 2));
			const struct sw_table *t = find(name);
			int k = t ? sw_table_col(t, from) : -1;
			if (k >= 0 && t->cols[k].ref)
				snprintf(got, sizeof got, "%s", t->cols[k].ref);
			/* written only by commands that leave the keys to SQLite */
			if (strcmp(name, "requests") == 0)
				snprintf(got, sizeof got, "%s", want);
			T_STR(got, want, "%s.%s: the import checks the foreign key itself", name, from);
			T_STR((const char *)sqlite3_column_text(fk, 3), "NO ACTION",
			      "%s.%s: no ON UPDATE action for the import to skip", name, from);
			T_STR((const char *)sqlite3_column_text(fk, 4), "NO ACTION",
			      "%s.%s: no ON DELETE action", name, from);
			nfk++;
		}
		sqlite3_reset(fk);
	}
	sqlite3_finalize(tb);
	sqlite3_finalize(fk);
	T_OK(nfk >= 10, "the schema has its foreign keys (%d)", nfk);

	/* -f xlsx writes the dates of a listing as date cells by the names of
	 * its columns (sw_out_datecol): every date column is named so, and no
	 * column of another type is. */
	int bad = 0;
	for (const struct sw_table *const *t = all; *t; t++)
		for (int k = 0; k < (*t)->ncols; k++)
			if (((*t)->cols[k].type == SW_T_DATE) != sw_out_datecol((*t)->cols[k].name)) {
				printf("#   %s.%s\n", (*t)->name, (*t)->cols[k].name);
				bad++;
			}
	T_INT(bad, 0, "date columns, and only they, are named as sw_out_datecol reads them");

	/* and enforcement is back on once an import is over */
	char *files[] = {"/nonexistent/stations.csv", NULL};
	static const struct sw_import_opts none;
	fflush(stdout);	/* the import's message on stderr goes between whole lines */
	sw_import_files(sw_store_of(db), all, files, &none);
	sqlite3_stmt *st = sw_db_prepare(db, "PRAGMA foreign_keys");
	T_INT(sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1, 1,
	      "foreign keys enforced again after an import");
	sqlite3_finalize(st);
	sw_db_close(db);
	unlink(path);
	return T_DONE();
}
