#!/bin/sh
# The audit trail and closed months on a PostgreSQL server (SW_TEST_PG;
# skipped without it), with people's roles: whatever a role writes, with
# the tools or with psql, is recorded under the role's name and sealed at
# its commit; no person's role reads or writes the trail itself, even
# with hand-written SQL; audit --verify, run by the database's owner,
# checks it; a change dated in a closed month is refused by the server.
# (The rows are written with psql: the tools' imports run on a server
# once ported, tests/cli/audit-both.t.)
. "$SW_TOP/tests/cli/lib.sh"
if [ -z "${SW_TEST_PG:-}" ]; then
	echo "# SKIP SW_TEST_PG is not set (tests/run says so)"
	echo "1..0"
	exit 0
fi

P=swa$$
DB=${P}_db
url() {
	u=$(printf '%s\n' "$SW_TEST_PG" | sed -e "s|^\(postgres[a-z]*://[^/?]*\)/*[^?]*|\1/$1|")
	[ $# = 1 ] && { echo "$u"; return; }
	u=$(printf '%s\n' "$u" | sed -e 's/\([?&]\)user=[^&]*&*/\1/' -e 's/[?&]$//')
	case $u in *\?*) echo "$u&user=$2" ;; *) echo "$u?user=$2" ;; esac
}
as() {
	u=$(url "$DB" "$1")
	shift
	for s; do set -- "$@" -c "$s"; shift; done
	run psql -X -At -v ON_ERROR_STOP=1 "$u" "$@"
}
su() { run psql -X -At -v ON_ERROR_STOP=1 "$(url "$DB")" -c "$1"; }
cleanup() {
	psql -X -q "$(url postgres)" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null
	for r in alice erin; do psql -X -q "$(url postgres)" -c "DROP ROLE IF EXISTS ${P}_$r" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
run psql -X -q "$(url postgres)" -c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
check_rc 0 "a database" || exit 1
U=$(url "$DB")
run sw-station init-server --db "$U"
check_rc 0 "init-server"

su "INSERT INTO stations (code, name, level) VALUES ('C', '县总站', 'county'), ('T1', '青溪街道站', 'township');
    UPDATE stations SET parent_code = 'C' WHERE code = 'T1';
    INSERT INTO clients (client_id, name, station_code, registered_on) VALUES ('c1', '张三', 'T1', '2026-10-02')"
check_rc 0 "the owner stores stations and a client with psql"
for r in alice erin; do psql -X -q "$(url postgres)" -c "CREATE ROLE ${P}_$r LOGIN"; done
run sw-station grant ${P}_alice --station T1 --as worker --db "$U"
run sw-station grant ${P}_erin --station C --as bureau --db "$U"
as ${P}_alice "INSERT INTO clients (client_id, name, station_code) VALUES ('c2', '李四', 'T1')" \
	"UPDATE clients SET name = '李四四', phone = '13900000002' WHERE client_id = 'c2'"
check_rc 0 "a worker adds and changes a client with psql"
su "SELECT e.action, e.tbl, e.row_key, coalesce(e.detail, ''), c.\"user\" = '${P}_alice', c.command
    FROM audit_entry e JOIN audit_command c ON c.id = e.command_id WHERE e.tbl = 'clients' ORDER BY e.seq"
check_out "each change recorded, the role as its user, sealed at each commit" <<'X'
insert|clients|c1||f|psql
insert|clients|c2||t|psql
update|clients|c2|name,phone|t|psql
X
run sw-case audit --verify --db "$U"
check_rc 0 "the owner verifies the trail"
check_out_has "6 entries verified, head " "every entry"

for t in audit_entry audit_command audit_v1 audit sw_audit_head; do
	as ${P}_alice "SELECT count(*) FROM $t"
	check_err_has "permission denied for" "a worker reads nothing of $t"
done
as ${P}_alice "INSERT INTO audit_entry (seq, command_id, action, tbl, row_key) VALUES (99, 99, 'insert', 'clients', 'x')"
check_err_has "permission denied for table audit_entry" "nor writes an entry of its own"
as ${P}_alice "UPDATE sw_audit_head SET prev = 'x'" "DELETE FROM audit_command"
check_out "nor moves the trail's end" <<'X'
UPDATE 0
X
check_err_has "permission denied for table audit_command" "nor removes a command"
as ${P}_alice "SELECT sw_audit_seal('2026-01-01', 'forged', 'x', NULL)" "SELECT count(*) FROM sw_audit_mine"
check_out "a seal with no change of its own seals nothing; it sees no entry" <<'X'

0
X
as ${P}_erin "SELECT count(*) FROM audit_entry"
check_err_has "permission denied for table audit_entry" "nor does the bureau"
run sw-case audit --verify --db "$(url "$DB" ${P}_alice)"
check_rc 3 "audit --verify as a worker: refused, status 3"
check_err_has ": your role may not do this with table audit_" "the server's refusal said in the tools' words"
run sw-case audit --verify --db "$U"
check_out_has "6 entries verified, head " "nothing of it changed the trail"

# a change the server's triggers did not see (its superuser turned them off)
su "SET session_replication_role = replica; UPDATE clients SET phone = '13911110000' WHERE client_id = 'c1'"
expect_fail 1 "sw-case: audit: clients c1: changed behind the tool's back" sw-case audit --verify --db "$U"
su "SET session_replication_role = replica; UPDATE clients SET phone = NULL WHERE client_id = 'c1'"
run sw-case audit --verify --db "$U"
check_rc 0 "put back, it verifies"

# a closed month (its row as sw-report close writes it)
su "INSERT INTO closed_months (month, closed_at, \"user\", fingerprint) VALUES ('2026-10', '2026-11-01T00:00:00Z', 'x', 'x')"
as ${P}_alice "INSERT INTO services (service_id, client_id, station_code, date, type) VALUES ('s1', 'c2', 'T1', '2026-10-05', 'visit')"
check_rc 1 "a service dated in a closed month: refused by the server"
check_err_has "ERROR:  refused: month 2026-10 is closed and this would change its figures (reopen it first: sw-report close --month 2026-10 --reopen --reason TEXT)" \
	"in the tools' words"
as ${P}_alice "INSERT INTO services (service_id, client_id, station_code, date, type) VALUES ('s1', 'c2', 'T1', '2026-11-05', 'visit')" \
	"UPDATE clients SET phone = '13900000009' WHERE client_id = 'c1'"
check_rc 0 "one of the next month, and a phone number (no figure reads it), stored"
as ${P}_alice "UPDATE clients SET registered_on = '2026-11-02' WHERE client_id = 'c1'"
check_err_has "refused: month 2026-10 is closed" "a client's registration moved out of it: refused"
run sw-case audit --verify --db "$U"
check_out_has "8 entries verified, head " "the refusals left nothing in the trail"

# the trail keeps the command line, never a password given in --db
printf 'service_id,client_id,station_code,date,type\ns2,c2,T1,2026-11-06,visit\n' >s2.csv
run sw-case import -q --db "$U&password=sekrit9" s2.csv
check_rc 0 "an import with a password in --db"
su "SELECT command FROM audit_command ORDER BY id DESC LIMIT 1"
check_out "its command line kept with the password written ***" <<X
sw-case import -q --db $U&password=*** s2.csv
X

done_testing
