/* The schema, in one place. Each entry of migrations[] takes the database
 * from user_version i to i+1; never edit an entry once released, append. */
#include <stdio.h>

#include "sw/audit.h"
#include "sw/db.h"
#include "sw/err.h"
#include "sw/i18n.h"

static const char *const migrations[] = {
	/* 0 -> 1: the whole data model. */
	/* local vocabulary words (sw-* vocab add) */
	"CREATE TABLE vocab ("
	"  vocab TEXT NOT NULL, alias TEXT NOT NULL, key TEXT NOT NULL,"
	"  UNIQUE (vocab, alias));"
	/* sw-station */
	"CREATE TABLE divisions ("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,"
	"  parent_code TEXT REFERENCES divisions(code));"
	"CREATE TABLE stations ("
	"  code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,"
	"  parent_code TEXT REFERENCES stations(code),"
	"  division_code TEXT, address TEXT, opened_on TEXT, closed_on TEXT);"
	"CREATE INDEX stations_parent ON stations(parent_code);"
	"CREATE TABLE workers ("
	"  worker_id TEXT PRIMARY KEY, name TEXT NOT NULL,"
	"  station_code TEXT NOT NULL REFERENCES stations(code),"
	"  role TEXT NOT NULL, certificate TEXT NOT NULL DEFAULT 'none',"
	"  hired_on TEXT, left_on TEXT);"
	"CREATE INDEX workers_station ON workers(station_code);"
	/* sw-case */
	"CREATE TABLE clients ("
	"  client_id TEXT PRIMARY KEY, name TEXT NOT NULL, gender TEXT, birth_date TEXT,"
	"  id_number TEXT, phone TEXT,"
	"  station_code TEXT NOT NULL REFERENCES stations(code),"
	"  categories TEXT, hukou TEXT, address TEXT, registered_on TEXT);"
	"CREATE UNIQUE INDEX clients_id_number ON clients(id_number) WHERE id_number IS NOT NULL;"
	"CREATE INDEX clients_station ON clients(station_code, registered_on);"
	"CREATE TABLE cases ("
	"  case_id TEXT PRIMARY KEY,"
	"  client_id TEXT NOT NULL REFERENCES clients(client_id),"
	"  station_code TEXT NOT NULL REFERENCES stations(code),"
	"  worker_id TEXT, domain TEXT NOT NULL, opened_on TEXT NOT NULL,"
	"  closed_on TEXT, close_reason TEXT, risk TEXT);"
	"CREATE INDEX cases_client ON cases(client_id);"
	"CREATE INDEX cases_station ON cases(station_code, opened_on);"
	"CREATE TABLE services ("
	"  service_id TEXT PRIMARY KEY,"
	"  client_id TEXT NOT NULL REFERENCES clients(client_id),"
	"  case_id TEXT REFERENCES cases(case_id),"
	"  station_code TEXT NOT NULL REFERENCES stations(code),"
	"  worker_id TEXT, date TEXT NOT NULL, type TEXT NOT NULL,"
	"  minutes INTEGER, note TEXT);"
	/* date first and covering: the monthly report reads only this index */
	"CREATE INDEX services_date ON services(date, station_code, type, minutes, client_id);"
	"CREATE INDEX services_client ON services(client_id);"
	"CREATE TABLE activities ("
	"  activity_id TEXT PRIMARY KEY,"
	"  station_code TEXT NOT NULL REFERENCES stations(code),"
	"  date TEXT NOT NULL, kind TEXT NOT NULL, title TEXT,"
	"  sessions INTEGER, participants INTEGER);"
	"CREATE INDEX activities_date ON activities(date, station_code);"
	/* hash-chained audit trail of personal-data changes */
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL,"
	"  command TEXT NOT NULL, action TEXT NOT NULL, tbl TEXT NOT NULL,"
	"  row_key TEXT NOT NULL, detail TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
	/* sw-match */
	"CREATE TABLE employers ("
	"  employer_id TEXT PRIMARY KEY, name TEXT NOT NULL, industry TEXT, district TEXT,"
	"  contact TEXT, phone TEXT, accessible INTEGER DEFAULT 0,"
	"  station_code TEXT REFERENCES stations(code), registered_on TEXT);"
	"CREATE TABLE vacancies ("
	"  vacancy_id TEXT PRIMARY KEY,"
	"  employer_id TEXT NOT NULL REFERENCES employers(employer_id),"
	"  title TEXT NOT NULL, skills TEXT, education_min TEXT,"
	"  wage_min INTEGER, wage_max INTEGER, district TEXT,"
	"  headcount INTEGER NOT NULL, accessible INTEGER DEFAULT 0,"
	"  posted_on TEXT, closes_on TEXT);"
	"CREATE TABLE seekers ("
	"  seeker_id TEXT PRIMARY KEY, client_id TEXT, name TEXT NOT NULL,"
	"  skills TEXT, education TEXT, desired_wage INTEGER, district TEXT,"
	"  disability TEXT, needs_accessible INTEGER DEFAULT 0,"
	"  registered_on TEXT, station_code TEXT REFERENCES stations(code), worker_id TEXT,"
	"  out_of_work INTEGER DEFAULT 1);"
	"CREATE INDEX seekers_station ON seekers(station_code);"
	"CREATE INDEX seekers_worker ON seekers(worker_id);"
	"CREATE INDEX vacancies_employer ON vacancies(employer_id);"
	"CREATE TABLE placements ("
	"  seeker_id TEXT NOT NULL REFERENCES seekers(seeker_id),"
	"  vacancy_id TEXT NOT NULL REFERENCES vacancies(vacancy_id),"
	"  stage TEXT NOT NULL, date TEXT NOT NULL, worker_id TEXT,"
	"  PRIMARY KEY (seeker_id, vacancy_id, stage));"
	"CREATE INDEX placements_date ON placements(date);"
	"CREATE INDEX placements_vacancy ON placements(vacancy_id, stage);"
	/* sw-report: closed (locked) months and their reopenings */
	"CREATE TABLE closed_months ("
	"  month TEXT PRIMARY KEY, closed_at TEXT NOT NULL, user TEXT NOT NULL,"
	"  fingerprint TEXT NOT NULL);"
	"CREATE TABLE month_log ("
	"  seq INTEGER PRIMARY KEY, month TEXT NOT NULL, action TEXT NOT NULL,"
	"  at TEXT NOT NULL, user TEXT NOT NULL, reason TEXT, fingerprint TEXT);",

	/* 1 -> 2: the audit trail hashes a command's entries together (an
	 * import writes small rows and one hash, lib/audit.c); version 1
	 * entries stay, as audit_v1, and start the chain. The view audit
	 * lists both. */
	"ALTER TABLE audit RENAME TO audit_v1;"
	"CREATE TABLE audit_command ("
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, command TEXT NOT NULL,"
	"  first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, hash TEXT NOT NULL);"
	"CREATE TABLE audit_entry ("
	"  seq INTEGER PRIMARY KEY, command_id INTEGER NOT NULL, action TEXT NOT NULL,"
	"  tbl TEXT NOT NULL, row_key TEXT NOT NULL, detail TEXT);"
	"CREATE VIEW audit AS"
	"  SELECT seq, at, user, command, action, tbl, row_key, detail FROM audit_v1"
	"  UNION ALL"
	"  SELECT e.seq, c.at, c.user, c.command, e.action, e.tbl, e.row_key, e.detail"
	"  FROM audit_entry e LEFT JOIN audit_command c ON c.id = e.command_id;",

	/* 2 -> 3: IDs a person checked on the card that really end in 000
	 * (sw-case confirm-id); any other is taken for what Excel leaves of
	 * an ID typed into a number cell. */
	"CREATE TABLE id_confirmed (id_number TEXT PRIMARY KEY);",

	/* 3 -> 4: casework as contracts require it (lib/casework.c): the
	 * service catalogue that services and activities name, assessments,
	 * plans, their goals and the goals' reviews. */
	"CREATE TABLE catalogue ("
	"  item_code TEXT PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL,"
	"  nature TEXT, unit TEXT);"
	"ALTER TABLE services ADD COLUMN item_code TEXT REFERENCES catalogue(item_code);"
	"ALTER TABLE activities ADD COLUMN item_code TEXT REFERENCES catalogue(item_code);"
	"CREATE TABLE assessments ("
	"  assessment_id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(case_id), date TEXT NOT NULL,"
	"  assessor TEXT REFERENCES workers(worker_id), risk TEXT, needs TEXT, notes TEXT);"
	"CREATE INDEX assessments_case ON assessments(case_id, date);"
	"CREATE TABLE plans ("
	"  plan_id TEXT PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(case_id), version INTEGER NOT NULL,"
	"  date TEXT NOT NULL, author TEXT REFERENCES workers(worker_id),"
	"  UNIQUE (case_id, version));"
	"CREATE TABLE goals ("
	"  goal_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(plan_id),"
	"  need TEXT NOT NULL, description TEXT, due_on TEXT, status TEXT NOT NULL);"
	"CREATE INDEX goals_plan ON goals(plan_id);"
	"CREATE TABLE reviews ("
	"  review_id TEXT PRIMARY KEY, goal_id TEXT NOT NULL REFERENCES goals(goal_id),"
	"  date TEXT NOT NULL, status TEXT NOT NULL, note TEXT);"
	"CREATE INDEX reviews_goal ON reviews(goal_id, date);",

	/* 4 -> 5: whether a station is expected to report every month
	 * (sw-report completeness): 1 yes, 0 no, NULL as its level says. */
	"ALTER TABLE stations ADD COLUMN reports INTEGER;",

	/* 5 -> 6: referrals out of a case (lib/casework.c). */
	"CREATE TABLE referrals ("
	"  referral_id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(case_id),"
	"  date TEXT NOT NULL, to_station TEXT REFERENCES stations(code), to_org TEXT,"
	"  reason TEXT, consent_on TEXT NOT NULL, status TEXT NOT NULL, feedback_on TEXT,"
	"  feedback TEXT);"
	"CREATE INDEX referrals_case ON referrals(case_id);"
	"CREATE INDEX referrals_to ON referrals(to_station);",

	/* 6 -> 7: the workforce beyond the roster (lib/staff.c). */
	"CREATE TABLE supervision ("
	"  session_id TEXT NOT NULL, worker_id TEXT NOT NULL REFERENCES workers(worker_id),"
	"  date TEXT NOT NULL, station_code TEXT NOT NULL REFERENCES stations(code),"
	"  supervisor TEXT NOT NULL, mode TEXT, minutes INTEGER NOT NULL, topic TEXT,"
	"  PRIMARY KEY (session_id, worker_id));"
	"CREATE INDEX supervision_date ON supervision(date);"
	"CREATE TABLE training ("
	"  worker_id TEXT NOT NULL REFERENCES workers(worker_id), date TEXT NOT NULL,"
	"  course TEXT NOT NULL, provider TEXT, minutes INTEGER NOT NULL, certificate TEXT,"
	"  PRIMARY KEY (worker_id, date, course));"
	"CREATE TABLE certificates ("
	"  worker_id TEXT NOT NULL REFERENCES workers(worker_id), level TEXT NOT NULL,"
	"  obtained_on TEXT NOT NULL, number TEXT, PRIMARY KEY (worker_id, level));",

	/* 7 -> 8: supervisor approval (lib/approval.c): whether a station
	 * requires it (NULL: as the stations above say), and the requests. */
	"ALTER TABLE stations ADD COLUMN approval INTEGER;"
	"CREATE TABLE requests ("
	"  request_id TEXT PRIMARY KEY, kind TEXT NOT NULL,"
	"  case_id TEXT NOT NULL REFERENCES cases(case_id), plan_id TEXT REFERENCES plans(plan_id),"
	"  requested_by TEXT NOT NULL REFERENCES workers(worker_id), requested_on TEXT NOT NULL,"
	"  reason TEXT, goals_left TEXT, status TEXT NOT NULL,"
	"  decided_by TEXT REFERENCES workers(worker_id), decided_on TEXT, comment TEXT);"
	"CREATE INDEX requests_case ON requests(case_id);",

	/* 8 -> 9: entries carry the SHA-256 of the row before and after
	 * (audit --verify compares the rows with them); commands may be keyed
	 * (HMAC); the trail's head when a month was closed, which its
	 * fingerprint covers, is kept (every closing, reopened or not). The
	 * rows already there get a baseline entry each (steps[]). */
	"ALTER TABLE audit_entry ADD COLUMN old_hash BLOB;"
	"ALTER TABLE audit_entry ADD COLUMN new_hash BLOB;"
	"ALTER TABLE audit_command ADD COLUMN keyed INTEGER;"
	"CREATE TABLE audit_anchor ("
	"  seq INTEGER PRIMARY KEY, month TEXT NOT NULL, head TEXT NOT NULL, at TEXT NOT NULL);",

	/* 9 -> 10: 五社联动 (lib/partners.c): organisations, volunteers and
	 * the hours they give. */
	"CREATE TABLE orgs ("
	"  org_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, credit_code TEXT,"
	"  registered_on TEXT, contact TEXT, phone TEXT, district TEXT,"
	"  station_code TEXT REFERENCES stations(code));"
	"CREATE TABLE volunteers ("
	"  volunteer_id TEXT PRIMARY KEY, name TEXT NOT NULL, gender TEXT, id_number TEXT,"
	"  phone TEXT, skills TEXT, station_code TEXT NOT NULL REFERENCES stations(code),"
	"  org_id TEXT REFERENCES orgs(org_id), registered_on TEXT, left_on TEXT);"
	"CREATE TABLE volunteer_hours ("
	"  hours_id TEXT PRIMARY KEY,"
	"  volunteer_id TEXT NOT NULL REFERENCES volunteers(volunteer_id), date TEXT NOT NULL,"
	"  activity_id TEXT REFERENCES activities(activity_id),"
	"  service_id TEXT REFERENCES services(service_id), minutes INTEGER NOT NULL, role TEXT);"
	"CREATE INDEX volunteer_hours_day ON volunteer_hours(volunteer_id, date);",

	/* 10 -> 11: the resources (资源库) and their uses (lib/partners.c). */
	"CREATE TABLE resources ("
	"  resource_id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,"
	"  org_id TEXT REFERENCES orgs(org_id), station_code TEXT REFERENCES stations(code),"
	"  district TEXT, serves TEXT, capacity INTEGER, unit TEXT, value INTEGER,"
	"  valid_from TEXT, valid_to TEXT, contact TEXT);"
	"CREATE TABLE resource_uses ("
	"  use_id TEXT PRIMARY KEY,"
	"  resource_id TEXT NOT NULL REFERENCES resources(resource_id), date TEXT NOT NULL,"
	"  client_id TEXT REFERENCES clients(client_id),"
	"  activity_id TEXT REFERENCES activities(activity_id), quantity INTEGER,"
	"  value INTEGER, note TEXT);"
	"CREATE INDEX resource_uses_resource ON resource_uses(resource_id);",

	/* 11 -> 12: a client's needs, for 供需对接 (lib/casework.c). */
	"CREATE TABLE needs ("
	"  need_id TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES clients(client_id),"
	"  need TEXT NOT NULL, identified_on TEXT NOT NULL, priority TEXT,"
	"  status TEXT NOT NULL, met_on TEXT);"
	"CREATE INDEX needs_client ON needs(client_id);",

	/* 12 -> 13: what the bureau buys (lib/contract.c): contracts over
	 * stations and a period, the staff each requires at a station, and
	 * what was spent. Amounts are text, yuan with two decimals (sw/money.h):
	 * exact, where a REAL would round. */
	"CREATE TABLE contracts ("
	"  contract_id TEXT PRIMARY KEY, title TEXT NOT NULL, buyer TEXT NOT NULL, township TEXT,"
	"  contractor TEXT NOT NULL REFERENCES orgs(org_id), signed_on TEXT,"
	"  start TEXT NOT NULL, \"end\" TEXT NOT NULL, amount TEXT NOT NULL, funding_source TEXT,"
	"  stations TEXT NOT NULL);"
	"CREATE TABLE contract_staffing ("
	"  contract_id TEXT NOT NULL REFERENCES contracts(contract_id), role TEXT NOT NULL,"
	"  count INTEGER NOT NULL, PRIMARY KEY (contract_id, role));"
	"CREATE TABLE spending ("
	"  spending_id TEXT PRIMARY KEY,"
	"  contract_id TEXT NOT NULL REFERENCES contracts(contract_id), date TEXT NOT NULL,"
	"  category TEXT NOT NULL, amount TEXT NOT NULL, note TEXT);"
	"CREATE INDEX spending_contract ON spending(contract_id, date);",
	/* 13 -> 14: a case's latest service, for due's cases without one
	 * (100,000 cases: 1.6 s with an index SQLite builds for the query). */
	"CREATE INDEX services_case ON services(case_id, date) WHERE case_id IS NOT NULL;",

	/* 14 -> 15: the organisation that runs a station (承接机构) and a
	 * worker's employer. Appended and NULL in the rows already there, so
	 * the audit trail's row hashes (by column position, NULLs left out)
	 * stay as they were. */
	"ALTER TABLE stations ADD COLUMN operator_org TEXT REFERENCES orgs(org_id);"
	"ALTER TABLE workers ADD COLUMN employer_org TEXT REFERENCES orgs(org_id);",

	/* 15 -> 16: local words in the order they were added on a server too,
	 * which has no rowid: seq numbers them (here it is the rowid). The
	 * copy reads the table in rowid order (it has no index that holds
	 * key), so the words keep theirs. */
	"CREATE TABLE vocab_seq ("
	"  seq INTEGER PRIMARY KEY, vocab TEXT NOT NULL, alias TEXT NOT NULL, key TEXT NOT NULL,"
	"  UNIQUE (vocab, alias));"
	"INSERT INTO vocab_seq (vocab, alias, key) SELECT vocab, alias, key FROM vocab;"
	"DROP TABLE vocab;"
	"ALTER TABLE vocab_seq RENAME TO vocab;",
};
/* What a migration does beyond its SQL, after it: steps[i] for i -> i+1. */
static int (*const steps[])(sqlite3 *) = {[8] = sw_audit_baseline};
#define NMIGRATIONS (int)(sizeof migrations / sizeof migrations[0])
_Static_assert(sizeof migrations / sizeof migrations[0] == SW_SCHEMA_VERSION,
	       "SW_SCHEMA_VERSION must count the migrations");

static int migrate(sqlite3 *db)
{
	sqlite3_stmt *st = sw_db_prepare(db, "PRAGMA user_version");
	int have = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);

	if (have > NMIGRATIONS) {
		sw_error(_("%s: schema version %d is newer than this program's (%d): upgrade sw-tools"),
			 sw_db_name(db), have, NMIGRATIONS);
		return -1;
	}
	if (have == NMIGRATIONS)
		return 0;
	if (sqlite3_db_readonly(db, "main") == 1 && have >= SW_SCHEMA_READABLE)
		return 0;	/* read as it is; the next command that writes upgrades it */
	if (sqlite3_db_readonly(db, "main") == 1) {
		sw_error(_("%s: schema version %d needs upgrading: run a command that writes"),
			 sw_db_name(db), have);
		return -1;
	}
	if (sw_db_begin(db) != 0)
		return -1;
	/* Re-read under the write lock: another process may have migrated. */
	st = sw_db_prepare(db, "PRAGMA user_version");
	have = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	for (int v = have; v < NMIGRATIONS; v++) {
		char pragma[64];
		if (sqlite3_exec(db, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
		if (v < (int)(sizeof steps / sizeof steps[0]) && steps[v] && steps[v](db) != 0) {
			sw_db_rollback(db);
			return -1;
		}
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
		if (sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
	}
	return sw_db_commit(db);
fail:
	sw_db_error(db, "migrate");
	sw_db_rollback(db);
	return -1;
}

int sw_schema_migrate(sqlite3 *db)
{
	if (migrate(db) != 0)
		return -1;
	/* every connection that writes records its changes */
	return sqlite3_db_readonly(db, "main") == 1 ? 0 : sw_audit_attach(db);
}

/* Migration v -> v+1 for another database (lib/pg_schema.c): its SQL, and
 * whether a step in C follows it (written for SQLite). NULL past the end. */
const char *sw_schema_sql(int v, int *has_step)
{
	if (v < 0 || v >= NMIGRATIONS)
		return NULL;
	*has_step = v < (int)(sizeof steps / sizeof steps[0]) && steps[v];
	return migrations[v];
}
