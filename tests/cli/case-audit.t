#!/bin/sh
# audit --verify covers the rows: a row updated, deleted or inserted with
# sqlite3 (on a server, psql with the triggers off) behind the tool's back
# is named (table, key, kind; never a value); the chain is anchored outside the database (--head, the heads
# kept with closed months and covered by their fingerprints) and can be
# keyed (--key-file, SW_AUDIT_KEY_FILE).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

# save NAME, restore NAME: the database's whole state, kept aside and put
# back: a copy of the file; on a server, a database made from it.
save() {
	if [ "$BACKEND" = pg ]; then
		echo "${PGDB}_$1" >>"$T/.dbs"
		pg_admin "CREATE DATABASE ${PGDB}_$1 TEMPLATE $PGDB" || exit 3
	else
		cp sw.db "$1.db"
	fi
}
restore() {
	if [ "$BACKEND" = pg ]; then
		pg_admin "DROP DATABASE $PGDB WITH (FORCE)" &&
			pg_admin "CREATE DATABASE $PGDB TEMPLATE ${PGDB}_$1" || exit 3
	else
		cp "$1.db" sw.db
	fi
}

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv" \
	"$SAMPLE/activities.csv"
run sw-match import "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv" \
	"$SAMPLE/placements.csv"
check_rc 0 "the sample imported"
[ "$(sql "select distinct tbl from audit_entry order by tbl" | paste -sd' ' -)" = \
  "activities cases clients employers placements seekers services stations vacancies workers" ]
ok $? "every table of personal data or figures is audited"
[ "$(sql "select count(*) from audit_entry where length(new_hash) = 32")" = \
  "$(sql "select count(*) from audit_entry")" ]
ok $? "each entry holds the SHA-256 of the row after it"
run sw-case audit --verify
check_rc 0 "untouched rows verify"
save clean

# --- rows changed behind the tool's back ----------------------------------
behind "update clients set phone = '13911110000' where client_id = 'QX-C0003'"
expect_fail 1 "sw-case: audit: clients QX-C0003: changed behind the tool's back" sw-case audit --verify
! grep -q 13911110000 .err && ! grep -q 13911110000 .out
ok $? "no personal value in the report"
behind "delete from cases where case_id = 'K2026002'"
behind "insert into clients(client_id, name, station_code) values ('QX-C9999', '甄假', 'QX-001')"
behind "update services set minutes = minutes + 30 where service_id = 'S00081'"
behind "delete from placements where seeker_id = 'S013' and vacancy_id = 'V012' and stage = 'referred'"
behind "update seekers set disability = 'visual' where seeker_id = 'S002'"
run sw-case audit --verify
check_rc 1 "differences: status 1"
check_err "each row named with its table, key and kind of difference" <<'X'
sw-case: audit: clients QX-C0003: changed behind the tool's back
sw-case: audit: clients QX-C9999: inserted behind the tool's back
sw-case: audit: cases K2026002: deleted behind the tool's back
sw-case: audit: services S00081: changed behind the tool's back
sw-case: audit: seekers S002: changed behind the tool's back
sw-case: audit: placements S013|V012|referred: deleted behind the tool's back
X
check_out "nothing on stdout" </dev/null
! grep -q -e 甄假 -e 13911110000 -e visual .err
ok $? "nor any value of the rows changed"

# The content is what counts: a value put back verifies again.
restore clean
phone=$(sql "select phone from clients where client_id = 'QX-C0003'")
behind "update clients set phone = '13911110000' where client_id = 'QX-C0003'"
behind "update clients set phone = '$phone' where client_id = 'QX-C0003'"
run sw-case audit --verify
check_rc 0 "the same content again verifies"
behind "update activities set participants = '12' where activity_id = 'A2026001'"
expect_fail 1 "sw-case: audit: activities A2026001: changed behind the tool's back" sw-case audit --verify

# A column a later schema adds, NULL in the rows already there, leaves
# their hashes as they were.
restore clean
sql "ALTER TABLE clients ADD COLUMN later TEXT"
run sw-case audit --verify
check_rc 0 "a column added later: the rows still verify"
behind "update clients set later = 'x' where client_id = 'QX-C0001'"
expect_fail 1 "sw-case: audit: clients QX-C0001: changed behind the tool's back" sw-case audit --verify

# A change behind the tool's back, then one by the tool: the row matches
# its last entry, but that entry's "before" does not match the one before.
restore clean
behind "update clients set address = '别处' where client_id = 'QX-C0004'"
printf 'client_id,name,station_code,phone,address\nQX-C0004,%s,QX-001,13700000004,新址\n' \
	"$(sql "select name from clients where client_id = 'QX-C0004'")" >upd.csv
run sw-case import upd.csv
check_rc 0 "the tool updates the row"
seq=$(sql "select max(seq) from audit_entry")
[ "$(sql "select action||':'||detail from audit_entry where seq = $seq")" = "update:phone,address" ]
ok $? "an update records which columns it changed, by name"
expect_fail 1 "sw-case: audit: clients QX-C0004: changed behind the tool's back before entry $seq" \
	sw-case audit --verify

# --- anchors: a head kept elsewhere ---------------------------------------
expect_fail 2 "sw-case: audit: --head goes with --verify" sw-case audit --head 00
restore clean
run sw-case audit --verify
head=$(sed 's/.*, head //' .out)
run sw-case audit --verify --head "$head"
check_rc 0 "the chain verifies against its own head"
run sw-case add --table clients client_id=QX-C0100 name=新甲 station_code=QX-001
run sw-case audit --verify --head "$head"
check_rc 0 "and against an older head"
new=$(sql "select hash from audit_command order by id desc limit 1")
# the newest command removed, and its row with it: a consistent, shorter trail
behind "delete from audit_entry where command_id = (select max(id) from audit_command);
     delete from audit_command where id = (select max(id) from audit_command);
     delete from clients where client_id = 'QX-C0100'"
run sw-case audit --verify
check_rc 0 "the newest command removed: the chain alone cannot tell"
expect_fail 1 "sw-case: audit: --head: head $new is not in the trail (commands removed, or the trail rewritten)" \
	sw-case audit --verify --head "$new"
sql "delete from audit_entry; delete from audit_command; delete from audit_v1"
expect_fail 1 "sw-case: audit: --head: head $head is not in the trail (commands removed, or the trail rewritten)" \
	sw-case audit --verify --head "$head"

# The chain rewritten end to end: the tool itself replays the rows, one of
# them changed, into a fresh trail. It is whole, and the rows match it.
for t in stations workers clients cases services activities; do
	if [ "$BACKEND" = pg ]; then
		psql -X -q "$(pg_url "${PGDB}_clean")" -c "\\copy (select * from $t) to stdout with (format csv, header)"
	else
		sqlite3 -batch -csv -header clean.db "select * from $t"
	fi >$t.csv
done
sed -i 's/^QX-C0003,[^,]*,/QX-C0003,冒名,/' clients.csv
fresh_db
run sw-station import stations.csv workers.csv
run sw-case import clients.csv cases.csv services.csv activities.csv
check_rc 0 "the rows replayed into a fresh trail"
run sw-case audit --verify
check_rc 0 "a rewritten trail verifies on its own"
expect_fail 1 "sw-case: audit: --head: head $head is not in the trail (commands removed, or the trail rewritten)" \
	sw-case audit --verify --head "$head"

# --- anchors: the heads kept with closed months ---------------------------
restore clean
run sw-report close --month 2026-10
check_rc 0 "close a month"
kept=$(sql "select head from audit_anchor where month = '2026-10'")
[ "$kept" = "$head" ]
ok $? "the close keeps the trail's head"
run sw-report monthly --month 2026-10 -f csv
check_rc 0 "the closed month's fingerprint holds"
sql "update audit_anchor set head = '$new'"
run sw-report monthly --month 2026-10 -f csv
check_rc 3 "another head kept: the fingerprint no longer matches"
check_err_has "month 2026-10 was closed with fingerprint" "the fingerprint covers the head"
sql "update audit_anchor set head = '$head'"
run sw-case audit --verify
check_rc 0 "the month's anchor is in the trail"
sql "delete from audit_entry; delete from audit_command"
run sw-case audit --verify
check_rc 1 "every audit row deleted: status 1"
check_err_has "sw-case: audit: month 2026-10: head $head is not in the trail" \
	"every audit row deleted: the closed month's anchor is missing"

# --- a file of schema 3, before row hashes ---------------------------------
# (a SQLite file's history: a server begins at this build's schema)
if [ "$BACKEND" = sqlite ]; then
	rm -f sw.db sw.db-wal sw.db-shm
	sqlite3 sw.db <"$SW_TOP/tests/fixtures/schema-v3.sql"
	chmod 600 sw.db
	run sw-report monthly --month 2026-10 -f csv
	check_rc 0 "sw-report reads a version 3 file as it is"
	[ "$(sql 'PRAGMA user_version')" = 3 ]
	ok $? "and leaves it unwritten"
	run sw-station list -f csv
	check_err "sw-station upgrades it without a word" </dev/null
	run sw-case audit --verify
	check_out_has "27 entries verified" "upgraded, its trail verifies"
	[ "$(sql "select count(*) from audit_entry where action = 'baseline' and length(new_hash) = 32")" = 25 ]
	ok $? "with a baseline entry for each row already there (21 stations, 2 clients, 2 services)"
	behind "delete from services where service_id = 'S2'"
	expect_fail 1 "sw-case: audit: services S2: deleted behind the tool's back" sw-case audit --verify
fi

# --- a keyed chain ---------------------------------------------------------
fresh_db
head -c 32 /dev/urandom >chain.key
head -c 32 /dev/urandom >other.key
export SW_AUDIT_KEY_FILE="$T/chain.key"
run sw-station import "$SAMPLE/stations.csv"
run sw-case import "$SAMPLE/clients.csv"
check_rc 0 "imports with SW_AUDIT_KEY_FILE"
unset SW_AUDIT_KEY_FILE
run sw-case audit --verify --key-file chain.key
check_rc 0 "a keyed chain verifies with its key"
expect_fail 1 "sw-case: audit: entry 1: its command is keyed: give --key-file" sw-case audit --verify
expect_fail 1 "sw-case: audit: entries 1-21 (command 1): content does not match their HMAC (edited, or another key)" \
	sw-case audit --verify --key-file other.key
expect_fail 3 "sw-case: audit: the trail is keyed: set SW_AUDIT_KEY_FILE to its key file" \
	sw-case add --table clients client_id=QX-C0100 name=新甲 station_code=QX-001
[ "$(sql "select count(*) from clients where client_id = 'QX-C0100'")" = 0 ]
ok $? "nothing is written to a keyed trail without the key"
# rewritten without the key: the fresh trail is not keyed
fresh_db
run sw-station import "$SAMPLE/stations.csv"
run sw-case import "$SAMPLE/clients.csv"
run sw-case audit --verify
check_rc 0 "a trail rewritten without the key verifies without it"
expect_fail 1 "sw-case: audit: no command of the trail is keyed" sw-case audit --verify --key-file chain.key

done_testing
