#!/bin/sh
# On a PostgreSQL server (SW_TEST_PG: a URL as tests/pg/cluster prints,
# whose user may create databases and roles that connect without a
# password): init-server makes the schema, roles and row-level security;
# grant maps a person's role to a station; psql as that role, with any SQL
# it likes, sees and changes its station's rows only. Skipped without it.
. "$SW_TOP/tests/cli/lib.sh"
if [ -z "${SW_TEST_PG:-}" ]; then
	echo "# SKIP SW_TEST_PG is not set (tests/run says so)"
	echo "1..0"
	exit 0
fi

P=swt$$	# this run's databases and roles
DB=${P}_db
# url DATABASE [ROLE]: SW_TEST_PG with another database (and user)
url() {
	u=$(printf '%s\n' "$SW_TEST_PG" | sed -e "s|^\(postgres[a-z]*://[^/?]*\)/*[^?]*|\1/$1|")
	[ $# = 1 ] && { echo "$u"; return; }
	u=$(printf '%s\n' "$u" | sed -e 's/\([?&]\)user=[^&]*&*/\1/' -e 's/[?&]$//')
	case $u in *\?*) echo "$u&user=$2" ;; *) echo "$u?user=$2" ;; esac
}
# as ROLE SQL..., su SQL [DATABASE]: psql as a role (each SQL a -c of its
# own), or as SW_TEST_PG's user
as() {
	u=$(url "$DB" "$1")
	shift
	for s; do set -- "$@" -c "$s"; shift; done
	run psql -X -At -v ON_ERROR_STOP=1 "$u" "$@"
}
su() { run psql -X -At -v ON_ERROR_STOP=1 "$(url "${2:-$DB}")" -c "$1"; }
cleanup() {
	for d in "$DB" ${P}_own ${P}_old ${P}_v5 ${P}_ascii ${P}_full; do
		psql -X -q "$(url postgres)" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" 2>/dev/null
	done
	for r in alice bob carol dave erin frank dba; do
		psql -X -q "$(url postgres)" -c "DROP ROLE IF EXISTS ${P}_$r" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT
run psql -X -q "$(url postgres)" -c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
check_rc 0 "SW_TEST_PG's user creates a database" || exit 1
U=$(url "$DB")

run sw-station init-server --db "$U"
check_rc 0 "init-server in an empty database"
check_err "quietly" </dev/null
su "DROP TRIGGER sw_closed_i ON services; DROP POLICY sw_see ON clients"
run sw-station init-server --db "$U"
check_rc 0 "init-server again"
check_err "says the schema was there and what it made again" <<X
sw-station: $DB: the schema is at version $SCHEMA already: its triggers and row-level security made again
X
su "SELECT count(*) FROM pg_trigger WHERE tgname = 'sw_closed_i' AND tgrelid = CAST('services' AS regclass);
    SELECT count(*) FROM pg_policy WHERE polname = 'sw_see' AND polrelid = CAST('clients' AS regclass)"
check_out "a trigger and a policy lost (or of an older build) are back" <<X
1
1
X
run sw-station init-server --db "$U" --lang zh
check_err "in Chinese" <<X
sw-station: $DB：数据库结构已是第 $SCHEMA 版，已重建其触发器和行级安全策略
X
su "SELECT version FROM sw_schema"
check_out "the version is recorded" <<X
$SCHEMA
X
su "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class WHERE relkind = 'r'
    AND relnamespace = 'public'::regnamespace AND NOT (relrowsecurity AND relforcerowsecurity)"
check_out "row-level security enabled and forced on every table but those with nothing personal and the audit trail's (no person's privilege: tests/cli/pg-audit.t)" <<'X'
audit_anchor audit_command audit_entry audit_v1 catalogue closed_months contract_staffing contracts divisions month_log spending sw_audit_head sw_role_station sw_schema vocab
X

# the county C (T1 with its village point V1, T2) and the county C2 (T3)
su "INSERT INTO stations (code, name, level, parent_code) VALUES
      ('C', '县总站', 'county', NULL), ('T1', '青溪街道站', 'township', 'C'),
      ('V1', '青溪村服务点', 'village', 'T1'), ('T2', '白石镇站', 'township', 'C'),
      ('C2', '邻县总站', 'county', NULL), ('T3', '邻县镇站', 'township', 'C2');
    INSERT INTO clients (client_id, name, station_code, registered_on) VALUES
      ('c1', '张三', 'T1', '2026-10-02'), ('c2', '李四', 'V1', '2026-10-03'),
      ('c3', '王五', 'T2', '2026-10-04'), ('c4', '赵六', 'T3', '2026-10-05');
    INSERT INTO services (service_id, client_id, station_code, date, type, minutes) VALUES
      ('s1', 'c1', 'T1', '2026-10-05', 'visit', 60), ('s2', 'c2', 'V1', '2026-10-06', 'visit', 30),
      ('s3', 'c3', 'T2', '2026-10-07', 'visit', 45), ('s4', 'c4', 'T3', '2026-10-08', 'visit', 20);
    INSERT INTO needs (need_id, client_id, need, identified_on, status) VALUES
      ('n1', 'c1', 'care', '2026-10-05', 'open'), ('n3', 'c3', 'care', '2026-10-07', 'open')"
check_rc 0 "the owner stores two counties' stations, clients, services and needs"

for r in alice bob carol dave erin frank; do
	psql -X -q "$(url postgres)" -c "CREATE ROLE ${P}_$r LOGIN"
done
for g in "alice T1 worker" "bob T2 worker" "carol T1 station-admin" "dave C county" "erin C bureau"; do
	set -- $g
	run sw-station grant "${P}_$1" --station "$2" --as "$3" --db "$U"
	check_rc 0 "grant $1 --station $2 --as $3"
done

as ${P}_alice "SELECT client_id FROM clients ORDER BY 1"
check_out "a worker sees its station's clients and its village point's, no other" <<'X'
c1
c2
X
as ${P}_alice "SELECT c.client_id, s.service_id, s.minutes FROM clients c
               RIGHT JOIN services s ON s.client_id = c.client_id ORDER BY 2"
check_out "a join shows no other station's row" <<'X'
c1|s1|60
c2|s2|30
X
as ${P}_alice "SELECT count(*), sum(minutes) FROM services WHERE station_code IN ('T2', 'T3')"
check_out "nor does a count" <<'X'
0|
X
as ${P}_alice "SELECT count(*) FROM services"
check_out "its own count" <<'X'
2
X
as ${P}_alice "SELECT need_id FROM needs"
check_out "rows of a table without a station follow their client" <<'X'
n1
X
as ${P}_alice "UPDATE clients SET name = '改名' WHERE client_id = 'c3'"
check_out "an update of another station's client changes nothing" <<'X'
UPDATE 0
X
as ${P}_alice "DELETE FROM services WHERE service_id = 's3'"
check_out "nor does a delete" <<'X'
DELETE 0
X
su "SELECT name FROM clients WHERE client_id = 'c3' UNION ALL SELECT service_id FROM services WHERE service_id = 's3'"
check_out "the other station's rows are as they were" <<'X'
王五
s3
X
as ${P}_alice "UPDATE clients SET station_code = 'T2' WHERE client_id = 'c1'"
check_err_has 'new row violates row-level security policy for table "clients"' "a client cannot be moved to another station"
as ${P}_alice "INSERT INTO clients (client_id, name, station_code) VALUES ('c9', '孙八', 'T2')"
check_err_has 'new row violates row-level security policy for table "clients"' "nor added to one"
as ${P}_alice "INSERT INTO clients (client_id, name, station_code) VALUES ('c5', '周九', 'V1')"
check_rc 0 "a worker adds a client at its village point"
run sw-case vocab add category 困难老人甲 elderly --db "$(url "$DB" ${P}_alice)"
check_rc 3 "a worker cannot add a word: vocabularies are shared"
check_err "saying so in the tools' words" <<X
sw-case: $DB: your role may not do this with table vocab: people's roles read and write their own stations' rows; the shared tables (words, divisions...) and the audit trail are the database owner's
X
run sw-case vocab add category 困难老人甲 elderly --lang zh --db "$(url "$DB" ${P}_alice)"
check_err "in Chinese" <<X
sw-case: $DB：你的角色无权对表 vocab 进行此操作：个人角色只能读写本站点及下属站点的数据；共用表（词表、行政区划等）和审计记录归数据库所有者
X
as ${P}_alice "SET ROLE ${P}_bob"
check_err_has "permission denied to set role" "a worker cannot become another worker"
as ${P}_alice "SET ROLE sw_county"
check_err_has "permission denied to set role" "nor the county group"
as ${P}_alice "SET SESSION AUTHORIZATION ${P}_dave"
check_err_has "permission denied to set session authorization" "nor another session user"
as ${P}_alice "SET ROLE sw_worker" "SELECT count(*) FROM clients"
check_out "its own group role has no station: it sees nothing" <<'X'
SET
0
X
as ${P}_alice "SELECT * FROM sw_role_station"
check_err_has "permission denied for table sw_role_station" "a worker cannot read the mapping"
as ${P}_alice "UPDATE sw_role_station SET station_code = 'C'"
check_err_has "permission denied for table sw_role_station" "nor change it"
as ${P}_alice "CREATE TEMP VIEW sw_my_stations AS SELECT code FROM stations;
               CREATE TEMP TABLE sw_role_station AS SELECT CAST(current_user AS TEXT) AS role_name,
                 'C' AS station_code; SELECT count(*) FROM clients"
check_out "temporary look-alikes of the mapping change nothing" <<'X'
CREATE VIEW
SELECT 1
3
X
as ${P}_alice "INSERT INTO workers (worker_id, name, station_code, role) VALUES ('w1', '钱七', 'T1', 'social_worker')"
check_err_has "permission denied for table workers" "a worker does not keep the staff roster"

as ${P}_bob "SELECT client_id FROM clients ORDER BY 1"
check_out "another station's worker sees its own clients" <<'X'
c3
X
as ${P}_carol "INSERT INTO workers (worker_id, name, station_code, role) VALUES ('w1', '钱七', 'T1', 'social_worker')"
check_rc 0 "a station admin adds staff at its station"
as ${P}_carol "INSERT INTO workers (worker_id, name, station_code, role) VALUES ('w2', '吴十', 'T2', 'social_worker')"
check_err_has 'new row violates row-level security policy for table "workers"' "not at another"

as ${P}_dave "SELECT client_id FROM clients ORDER BY 1"
check_out "county staff read their county, not the next" <<'X'
c1
c2
c3
c5
X
as ${P}_dave "UPDATE clients SET name = '改名' WHERE client_id = 'c1'"
check_err_has "permission denied for table clients" "and write nothing"

su "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class WHERE relkind = 'r'
    AND relnamespace = 'public'::regnamespace AND relrowsecurity AND relname <> 'stations'"
personal=$(cat "$T/.out")
denied=0
for t in $personal; do
	as ${P}_erin "SELECT 1 FROM $t LIMIT 1"
	grep -q "permission denied for table $t" "$T/.err" || { denied=1; echo "# bureau reads $t"; }
done
ok $denied "the bureau reads none of the $(echo $personal | wc -w) tables of personal or station records"
as ${P}_erin "SELECT station_code, figure, value FROM sw_figures
              WHERE month = '2026-10' AND figure IN ('services', 'service_minutes') ORDER BY 1, 2"
check_out "but its county's figures, station by station" <<'X'
T1|service_minutes|60
T1|services|1
T2|service_minutes|45
T2|services|1
V1|service_minutes|30
V1|services|1
X
as ${P}_frank "SELECT count(*) FROM clients"
check_err_has "permission denied for table clients" "a role never granted reads nothing"

su "SELECT count(*) FROM pg_roles r WHERE (r.rolsuper OR r.rolbypassrls) AND (
      r.rolname IN (SELECT role_name FROM sw_role_station) OR r.rolname LIKE 'sw\_%' OR
      r.oid IN (SELECT m.member FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                WHERE g.rolname LIKE 'sw\_%'))
    UNION ALL SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
      WHERE g.rolname = 'sw_report'
    UNION ALL SELECT count(*) FROM pg_roles WHERE rolcanlogin AND rolname LIKE 'sw\_%'"
check_out "no mapped or group role bypasses row-level security; sw_report has no member; no group logs in" <<'X'
0
0
0
X
su "SELECT current_user"
super=$(cat "$T/.out")
expect_fail 3 "sw-station: $super: a superuser, a role that bypasses row-level security or a group role of sw-tools: give a person their own role" \
	sw-station grant "$super" --station T1 --as worker --db "$U"
expect_fail 3 "sw-station: sw_county: a superuser, a role that bypasses row-level security or a group role of sw-tools: give a person their own role" \
	sw-station grant sw_county --station T1 --as worker --db "$U"
expect_fail 3 "sw-station: ${P}_nobody: no such role (create it first: CREATE ROLE ... LOGIN)" \
	sw-station grant ${P}_nobody --station T1 --as worker --db "$U"
expect_fail 3 "sw-station: T9: no such station" sw-station grant ${P}_frank --station T9 --as worker --db "$U"
run sw-station grant ${P}_alice --station T2 --as county --db "$U"
as ${P}_alice "SELECT client_id FROM clients ORDER BY 1" "UPDATE clients SET name = name"
check_out "grant again: another station and kind, the old ones gone" <<'X'
c3
X
check_err_has "permission denied for table clients" "a county role does not write"

# The owner of the tables, when people use it, is held by forced security
# too: init-server run by a database owner that is no superuser.
su "CREATE ROLE ${P}_dba LOGIN CREATEROLE" postgres
su "CREATE DATABASE ${P}_own OWNER ${P}_dba TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" postgres
run sw-station init-server --db "$(url ${P}_own ${P}_dba)"
check_rc 0 "init-server by a role that is no superuser"
su "INSERT INTO stations (code, name, level) VALUES ('C', '县总站', 'county');
    INSERT INTO clients (client_id, name, station_code) VALUES ('c1', '张三', 'C');
    SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'clients'" ${P}_own
check_out "it owns the tables" <<X
INSERT 0 1
INSERT 0 1
${P}_dba
X
run psql -X -At "$(url ${P}_own ${P}_dba)" -c "SELECT count(*) FROM stations; SELECT count(*) FROM clients"
check_out "and sees the stations, but no client" <<'X'
1
0
X

# A database at an older version migrates: here version 0, a database
# whose schema was begun (sw_schema) and nothing more; one whose
# migrations include a step written for SQLite (lib/schema.c) is refused.
old="CREATE TABLE sw_schema (one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one), version BIGINT NOT NULL)"
su "CREATE DATABASE ${P}_old TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" postgres
su "$old; INSERT INTO sw_schema (version) VALUES (0)" ${P}_old
run sw-station init-server --db "$(url ${P}_old)"
check_rc 0 "init-server on version 0"
su "SELECT version, (SELECT relforcerowsecurity FROM pg_class WHERE relname = 'clients') FROM sw_schema" ${P}_old
check_out "migrates it, row-level security included" <<X
$SCHEMA|t
X
su "CREATE DATABASE ${P}_v5 TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" postgres
su "$old; INSERT INTO sw_schema (version) VALUES (5)" ${P}_v5
expect_fail 3 "sw-station: ${P}_v5: schema version 5: migrating it on PostgreSQL is not possible yet" \
	sw-station init-server --db "$(url ${P}_v5)"

su "CREATE DATABASE ${P}_ascii TEMPLATE template0 ENCODING 'SQL_ASCII' LOCALE 'C'" postgres
su "CREATE DATABASE ${P}_full TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" postgres
expect_fail 3 "sw-station: ${P}_ascii: the database must hold UTF-8 and sort text by bytes, as SQLite does: create it with CREATE DATABASE ... TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" \
	sw-station init-server --db "$(url ${P}_ascii)"
expect_fail 3 "sw-station: ${P}_full: no sw-tools schema at this version: run sw-station init-server first" \
	sw-station grant ${P}_frank --station T1 --as worker --db "$(url ${P}_full)"
su "CREATE TABLE clients (id TEXT)" ${P}_full
expect_fail 3 "sw-station: ${P}_full: the database holds tables but no sw-tools schema: give init-server an empty database" \
	sw-station init-server --db "$(url ${P}_full)"
run sw-station init-server --db "$(url ${P}_nosuch)"
check_rc 3 "init-server on a database that does not exist"
check_err_has "sw-station: PostgreSQL: cannot connect: " "says it cannot connect"

done_testing
