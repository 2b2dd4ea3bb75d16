#!/bin/sh
# sw-report close: the lock, the fingerprint, byte-identical re-runs,
# reopening with a reason, and what month_log records.
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
fi

# A change that goes round the import lock is caught, not reported.
sql "update workers set left_on = '2026-10-20' where worker_id = 'W1'"
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
