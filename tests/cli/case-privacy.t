#!/bin/sh
# sw-case privacy: export --mask, --pseudonymize (HMAC-SHA-256 keyed from
# a file or SW_KEY), age at a date, the audit trail and its verification.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
o=$(sql 'select max(seq) from audit_entry')	# their entries come first
cat >clients.csv <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,address
C1,王桂兰,female,1950-03-15,339901195003150024,13800138000,QX-001,青溪街道8号
C2,欧阳娜娜,female,1988-08-08,339901198808080047,0571-88886666,QX-001,
C3,李长生,male,,339901195003150016,,QX-002,
C4,林,male,2016-06-01,,,QX-101,
X
run sw-case import clients.csv
check_rc 0 "clients import"

run sw-case export --mask
check_out "--mask: ID, phone and name masked, an address only said to exist" <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on
C1,王**,female,1950-03-15,339901********0024,138****8000,QX-001,,,***,
C2,欧阳**,female,1988-08-08,339901********0047,057*-****6666,QX-001,,,,
C3,李**,male,1950-03-15,339901********0016,,QX-002,,,,
C4,林,male,2016-06-01,,,QX-101,,,,
X
run sw-case export --mask --table cases
check_rc 0 "--mask leaves other tables alone"
expect_fail 2 "sw-case: --at: impossible date" sw-case export --pseudonymize --at 2026-13-01

printf 'a-long-secret-key-for-tests\n' >key
run sw-case export --pseudonymize --key-file key --at 2026-03-15
check_rc 0 "pseudonymized export"
check_out "--pseudonymize: keyed hashes, age at --at, no birth date or address" <<'X'
client_id,name,gender,age,id_number,phone,station_code,categories,hukou,registered_on
C1,c43c97f3551096a3abce67f7fd8944ed,female,76,9c6319d25ccda306c6cffda811a6961d,83c754329f8a50d4dd1b35e06c5055fc,QX-001,,,
C2,ae69305efaf062ab5f3cec811f5642b7,female,37,1badf55d7570d27db3af487a9fe002d3,c38ec662a4b5667c0da951185f124997,QX-001,,,
C3,3dbe0747379a741021de0d1a51bb59bd,male,76,ec004219eb1ad9f528e0599cf54bb4dc,,QX-002,,,
C4,1aa90025109dddbc8297107fd8594573,male,9,,,QX-101,,,
X
want=$(printf 339901195003150024 | openssl dgst -sha256 -hmac a-long-secret-key-for-tests | sed 's/.*= //' | cut -c1-32)
[ "$want" = 9c6319d25ccda306c6cffda811a6961d ]
ok $? "pseudonym agrees with openssl's HMAC-SHA-256"
cp .out p1.csv
SW_KEY=a-long-secret-key-for-tests run sw-case export --pseudonymize --at 2026-03-15
cmp -s .out p1.csv
ok $? "the same key from SW_KEY gives the same pseudonyms (extracts join)"
SW_KEY=another-key-another-month run sw-case export --pseudonymize --at 2026-03-15
! cmp -s .out p1.csv
ok $? "another key gives other pseudonyms"
expect_fail 2 "sw-case: --pseudonymize: no key (use --key-file FILE or set SW_KEY)" \
	sw-case export --pseudonymize
printf 'short\n' >short
expect_fail 2 "sw-case: --pseudonymize: key too short (at least 16 bytes)" \
	sw-case export --pseudonymize --key-file short

run sw-case audit -f csv
check_rc 0 "audit lists entries"
check_out_has "1," "first entry"
[ "$(sql "select action||':'||tbl||':'||row_key from audit where seq > $o order by seq" | paste -sd' ' -)" = \
  "insert:clients:C1 insert:clients:C2 insert:clients:C3 insert:clients:C4" ]
ok $? "one entry per insert"
printf 'client_id,name,station_code\nC4,林小,QX-101\n' >upd.csv
run sw-case import upd.csv
# the OS user; on a server, the database role (lib/pg_audit.c: its
# triggers record every writer's changes, psql's too, by role)
who=$(id -un)
[ "$BACKEND" = pg ] && who=$(sql 'select current_user')
[ "$(sql "select action||':'||row_key||':'||"user" from audit where seq=$((o + 5))")" = "update:C4:$who" ]
ok $? "updates are audited with the OS user (a server's role)"
[ "$(sql "select command from audit where seq=$((o + 5))")" = "sw-case import upd.csv" ]
ok $? "the command line is recorded"
run sw-case audit --verify
check_rc 0 "an intact chain verifies"
check_out_has "$((o + 5)) entries verified, head " "verify reports the count and head"
run sw-case add client_id=C6 姓名=欧阳秘六 id_number=339901196001010065 phone=13800138006 \
	address=人民路6号 station_code=QX-101
check_rc 0 "add a client on the command line"
[ "$(sql "select command from audit where row_key = 'C6'")" = \
  "sw-case add client_id=C6 姓名=欧阳** id_number=339901********0065 phone=138****8006 address=*** station_code=QX-101" ]
ok $? "the audit keeps that command line with its personal values masked"

sql "update audit_entry set row_key='C9' where seq=$((o + 3))"
expect_fail 1 "sw-case: audit: entries $((o + 1))-$((o + 4)) (command 2): content does not match their hash (edited)" \
	sw-case audit --verify
sql "update audit_entry set row_key='C3' where seq=$((o + 3))"
run sw-case audit --verify
check_rc 0 "restored entry verifies again"
sql "update audit_command set \"user\"='someone' where id=3"
expect_fail 1 "sw-case: audit: entries $((o + 5))-$((o + 5)) (command 3): content does not match their hash (edited)" \
	sw-case audit --verify
sql "update audit_command set \"user\"='$who' where id=3"
sql "delete from audit_entry where seq=$((o + 2))"
expect_fail 1 "sw-case: audit: entry $((o + 3)): the entry before it was removed" sw-case audit --verify
sql "delete from audit_entry where seq > $o and seq <= $((o + 4))"
expect_fail 1 "sw-case: audit: entry $((o + 5)): the entry before it was removed" sw-case audit --verify
sql "delete from audit_entry; delete from audit_command where id <= 2"
expect_fail 1 "sw-case: audit: entry $((o + 5)): removed (its command's record remains)" sw-case audit --verify

# A database of schema version 1 (a hash per entry, table audit) is
# migrated: its entries stay as they were and begin the chain; the rows
# already there (21 stations, 2 clients) get a baseline entry each.
# A SQLite file's history: a server begins at this build's schema
# (init-server), with no older trail to migrate.
if [ "$BACKEND" = sqlite ]; then
	rm -f sw.db sw.db-wal sw.db-shm
	sqlite3 sw.db <"$SW_TOP/tests/fixtures/schema-v1.sql"
	run sw-case audit --verify
	check_out_has "26 entries verified, head " "a version 1 trail verifies after the migration"
	[ "$(sql "select group_concat(seq||':'||row_key, ' ') from audit where action = 'baseline' and tbl = 'clients'")" = \
	  "25:V1 26:V2" ]
	ok $? "with a baseline entry per row, after the old entries"
	[ -n "$SCHEMA" ] && [ "$(sql 'PRAGMA user_version')" = "$SCHEMA" ]
	ok $? "and the database is at this build's version ($SCHEMA)"
	printf 'client_id,name,station_code\nV3,丙三,QX\nV1,甲改,QX\n' >v.csv
	run sw-case import v.csv
	run sw-case audit --verify
	check_out_has "28 entries verified" "new entries chain on from the old ones"
	[ "$(sql "select group_concat(seq||':'||action||':'||row_key||':'||coalesce(detail, ''), ' ') from audit where tbl = 'clients'")" = \
	  "1:insert:V1: 2:insert:V2: 3:update:V2: 25:baseline:V1: 26:baseline:V2: 27:insert:V3: 28:update:V1:name" ]
	ok $? "the view audit lists both"
	sql "update audit_v1 set row_key='V9' where seq=2"
	expect_fail 1 "sw-case: audit: entry 2: content does not match its hash (edited)" sw-case audit --verify
else
	[ "$(sql 'select version from sw_schema')" = "$SCHEMA" ]
	ok $? "the server's database is at this build's version ($SCHEMA)"
fi

done_testing
