#!/bin/sh
# backends: sqlite pg
# An 18-digit ID ending in 000 is what Excel leaves of an ID typed into a
# number cell; one in eleven still passes the check digit, so it is refused
# until a person who saw the card confirms it (sw-case confirm-id).
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv"
check_rc 0 "stations to refer to"

# 339901197703194000 passes its check digit; 339901195003150000 does not.
cat >c.csv <<'X'
client_id,name,id_number,station_code
Z1,甄一,339901197703194000,QX-001
Z2,甄二,339901197703194027,QX-001
X
MSG='id_number: ends in 000, what Excel leaves of an ID typed into a number cell (it keeps 15 digits): format the column as text and type the ID again; if the card really ends in 000, confirm it once with sw-case confirm-id'

run sw-case import c.csv
check_rc 1 "an ID ending in 000 with a passing check digit: refused (status 1)"
check_err "the line named, the way out said, the ID not repeated" <<X
sw-case: c.csv:2: $MSG
sw-case: c.csv: read 2, inserted 1, updated 0, unchanged 0, rejected 1
X
[ "$(sql "select client_id from clients")" = Z2 ]
ok $? "only the other row stored"

run sw-case check c.csv
check_rc 1 "check refuses it too"
check_err_has "sw-case: c.csv:2: $MSG" "with the same message"

printf '339901197703194000\n' >ids
run_in ids sw-case confirm-id
check_rc 0 "confirm-id reads the ID on stdin: status 0"
check_out "and is quiet" </dev/null
[ "$(sql "select count(*) from audit where tbl = 'id_confirmed' and row_key = '-'")" = 1 ] &&
[ "$(sql "select count(*) from audit where row_key like '%3399%' or detail like '%3399%'")" = 0 ]
ok $? "the audit trail records the confirming, never the ID"

run sw-case check c.csv
check_rc 0 "check, with the database, accepts the confirmed ID"
run sw-case import c.csv
check_rc 0 "and the import stores it"
[ "$(sql "select id_number from clients where client_id = 'Z1'")" = 339901197703194000 ]
ok $? "as typed"

run_in ids sw-case confirm-id
check_rc 0 "confirming again changes nothing: status 0"

printf '339901197703194027\n\n339901195003150000\n33990119770319400X\n' >bad
run sw-case confirm-id bad
check_rc 1 "IDs that need no confirming or are bad: status 1"
check_err "each named by its line, without the ID" <<'X'
sw-case: bad:1: id_number: does not end in 000: it needs no confirming
sw-case: bad:3: id_number: ends in 000: Excel keeps only 15 digits of a number; format the column as text and type the ID again
sw-case: bad:4: id_number: bad check digit
X
[ "$(sql "select count(*) from id_confirmed")" = 1 ]
ok $? "nothing stored from them"

expect_fail 3 "sw-case: nofile: No such file or directory" sw-case confirm-id nofile
run sw-case confirm-id a b
check_rc 2 "two files: usage error"

done_testing
