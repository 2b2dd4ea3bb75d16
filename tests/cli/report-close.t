#!/bin/sh
# sw-report close: the lock, the fingerprint, byte-identical re-runs,
# reopening with a reason, and what month_log records.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

run sw-report monthly --month 2026-10 --by township -f csv -o open.csv
check_rc 0 "report of an open month"
grep -q fingerprint open.csv
[ $? = 1 ]
ok $? "an open month has no fingerprint"

run sw-report close --month 2026-10
check_rc 0 "close"
fp=$(sql "select fingerprint from closed_months where month = '2026-10'")
check_err "close says the fingerprint" <<X
sw-report: 2026-10: closed, fingerprint $fp
X
[ ${#fp} = 64 ]
ok $? "the fingerprint is a SHA-256"
[ "$(sql "select month||'|'||action||'|'||coalesce(reason,'-')||'|'||fingerprint from month_log")" = "2026-10|close|-|$fp" ]
ok $? "month_log records the closing"

run sw-report monthly --month 2026-10 --by township -f csv -o closed1.csv
run sw-report monthly --month 2026-10 --by township -f csv -o closed2.csv
cmp -s closed1.csv closed2.csv
ok $? "re-running a closed month's report is byte-identical"
run tail -1 closed1.csv
check_out "the report states the fingerprint" <<X
2026-10,,,,fingerprint,$fp,
X
head -n -1 closed1.csv | cmp -s - open.csv
ok $? "and otherwise the figures are those of before the closing"
run sw-report monthly --month 2026-10 --by total --indicator services -f md
check_out "people formats show it too" <<X
| figure                     | total                                                            |
| -------------------------- | ---------------------------------------------------------------: |
| services                   |                                                                4 |
| fingerprint (closed month) | $fp |
X

expect_fail 1 "sw-report: close: month 2026-10 is already closed" sw-report close --month 2026-10
expect_fail 1 "sw-report: close: month 2026-11 has not ended" sw-report close --month 2026-11
if [ -x "$SW_BIN/sw-case" ]; then
	printf 'service_id,client_id,station_code,date,type,minutes\nS9,P1,V1,2026-10-05,visit,10\n' >late.csv
	run sw-case import late.csv
	check_err_has "date: month 2026-10 is closed (sw-report close --reopen to change it)" "imports into a closed month are refused"
	# a new client or case of an earlier month is on file, or open, at
	# the closed month's end too: refused with its line, not only at commit
	printf 'client_id,name,station_code,registered_on\nP8,h,T1,2026-09-20\nP9,i,T1,2026-11-02\n' >early.csv
	run sw-case import early.csv
	check_rc 1 "a new client registered before a closed month"
	check_err "is refused with its line; one registered after it is stored" <<'X'
sw-case: early.csv:2: registered_on: the record counts in closed month 2026-10 too, as in every month from then on (sw-report close --reopen to change it)
sw-case: early.csv: read 2, inserted 1, updated 0, unchanged 0, rejected 1
X
	printf 'case_id,client_id,station_code,domain,opened_on,closed_on\nK8,P2,V1,elderly,2026-09-01,2026-11-20\nK9,P2,V1,elderly,2026-09-01,2026-09-30\n' >early.csv
	run sw-case import early.csv
	check_err "a case open through the closed month too; one closed before it is not" <<'X'
sw-case: early.csv:2: opened_on: the record counts in closed month 2026-10 too, as in every month from then on (sw-report close --reopen to change it)
sw-case: early.csv: read 2, inserted 1, updated 0, unchanged 0, rejected 1
X
fi

# Any write that would change a closed month's figures is refused at its
# commit, whatever its rows' dates: named with the month and the figures,
# nothing of it stored, and the month still reports.
refused() {	# refused DESC CHANGE CMD...: the command changes nothing and the month still reports
	desc=$1 change=$2
	shift 2
	db_snap
	run "$@"
	check_rc 3 "$desc: refused"
	check_err_has "$DBNAME: refused: month 2026-10 is closed and this would change its figures: $change (reopen it first: sw-report close --month 2026-10 --reopen --reason TEXT)" "$desc: names the month and the change"
	db_same "$desc: nothing stored"
	run sw-report monthly --month 2026-10 -f csv
	check_rc 0 "$desc: the month still reports"
}
printf 'client_id,name,station_code,registered_on\nP5,e,T1,2024-02-29\n' >move.csv
refused "a client moved to another station" "T1 clients_end 1 -> 2, T2 clients_end 1 -> 0" sw-case import move.csv
printf 'case_id,client_id,station_code,domain,opened_on\nK2,P2,V1,elderly,2026-11-02\n' >case.csv
refused "a case's opening moved past the month" "V1 cases_open_end 1 -> 0" sw-case import case.csv
sed 's/^W1,\(.*\),$/W1,\1,2026-10-20/' workers.csv >left.csv
refused "a worker's leaving date" "T1 staff 2 -> 1, T1 staff_certified 1 -> 0, T1 staff_intermediate 1 -> 0, T1 staff_left 0 -> 1" sw-station import left.csv
sed 's/^W4,\(.*\),2026-10-31,$/W4,\1,2026-11-01,/' workers.csv >hired.csv
refused "a worker's hiring date" "V1 staff 1 -> 0, V1 staff_new 1 -> 0" sw-station import hired.csv
sed 's/2026-10-15$/2026-11-15/' stations.csv >closing.csv
refused "a station's closing date" "T2 stations_active 0 -> 1" sw-station import closing.csv

# Edits that leave the month's figures as they are go through.
printf 'client_id,name,station_code,registered_on,phone\nP5,e,T2,2024-02-29,13800138000\n' >phone.csv
run sw-case import -q phone.csv
check_rc 0 "a client's phone: accepted"
printf 'code,name,level,parent_code,opened_on\nV3,南岭点,village,T1,2026-11-10\n' >new.csv
run sw-station import -q new.csv
check_rc 0 "a station opened after the month: accepted"
printf 'case_id,client_id,station_code,domain,opened_on,closed_on\nK2,P2,V1,elderly,2026-09-01,2026-11-03\n' >later.csv
run sw-case import -q later.csv
check_rc 0 "a case closed after the month: accepted"
printf 'seeker_id,vacancy_id,stage,date\nQ2,J1,interviewed,2026-11-03\n' >hire.csv
run sw-match import -q hire.csv
check_rc 0 "a placement stage after the month: accepted"
[ "$(sql "select phone||' '||closed_on from clients c, cases k where c.client_id = 'P5' and k.case_id = 'K2'")" = "13800138000 2026-11-03" ] &&
	[ "$(sql "select count(*) from stations where code = 'V3'")" = 1 ]
ok $? "and stored"
run sw-report monthly --month 2026-10 --by township -f csv -o closed3.csv
cmp -s closed1.csv closed3.csv
ok $? "the month's report is as it was closed"

# A change that goes round the import lock (on a server, round its
# triggers too, as its superuser may) is caught, not reported.
round=""
[ "$BACKEND" = pg ] && round="SET session_replication_role = replica; "
sql "${round}update workers set left_on = '2026-10-20' where worker_id = 'W1'" >/dev/null
run sw-report monthly --month 2026-10 -f csv
check_rc 3 "figures changed behind the lock: failure"
check_err_has "month 2026-10 was closed with fingerprint ${fp%"${fp#????????????}"} but its figures are now" "says which month and how to fix it"
check_out "and writes no report" </dev/null

expect_fail 2 "sw-report: close: --reopen needs --reason TEXT" sw-report close --month 2026-10 --reopen
expect_fail 2 "sw-report: close: --reason goes with --reopen" sw-report close --month 2026-10 --reason x
run sw-report close --month 2026-10 --reopen --reason "W1 left on 20 October"
check_rc 0 "reopen with a reason"
[ "$(sql "select count(*) from closed_months")" = 0 ]
ok $? "the month is open again"
run sw-report close --list -f csv
cut -d, -f1,2,5,6 .out >log.csv
run cat log.csv
check_out "close --list: both events, the reason and the fingerprint" <<X
month,action,reason,fingerprint
2026-10,close,,$fp
2026-10,reopen,W1 left on 20 October,$fp
X
expect_fail 1 "sw-report: close: month 2026-10 is not closed" sw-report close --month 2026-10 --reopen --reason again
run sw-report close --month 2026-10
check_rc 0 "closing again"
fp2=$(sql "select fingerprint from closed_months")
[ -n "$fp2" ] && [ "$fp2" != "$fp" ]
ok $? "with the new figures' fingerprint"
run sw-report monthly --month 2026-10 -f csv
check_rc 0 "and reports run again"
done_testing
