#!/bin/sh
# sw-report of a period that has not begun or not ended (today: SW_TODAY,
# 2026-11-24 in the tests): one not begun has nothing to report and is a
# usage error that says today's month or date; the current month, or a
# period reaching past today, is reported with a warning that its figures
# are partial (cron scripts report last month).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

NB="has not begun (this month is 2026-11): nothing to report yet"
expect_fail 2 "sw-report: monthly: 2027-05 $NB" sw-report monthly --month 2027-05 --by total -f csv
check_out "nothing written" </dev/null
check_err_has "Try 'sw-report monthly --help'." "a usage error"
expect_fail 2 "sw-report: monthly: 2026-12 $NB" sw-report monthly --month 2026-12
for c in completeness workers items workforce referrals; do
	expect_fail 2 "sw-report: $c: 2026-12 $NB" sw-report $c --month 2026-12
done
expect_fail 2 "sw-report: trend: 2026-12 $NB" sw-report trend --from 2026-10 --to 2026-12
expect_fail 2 "sw-report: trend: 2027-02 $NB" sw-report trend --from 2027-01 --to 2027-02
ND="has not begun (today is 2026-11-24): nothing to report yet"
expect_fail 2 "sw-report: period: 2026-11-25..2026-12-31 $ND" \
	sw-report period --from 2026-11-25 --to 2026-12-31
expect_fail 2 "sw-report: workers: 2026-12-01..2026-12-31 $ND" \
	sw-report workers --from 2026-12-01 --to 2026-12-31
cat >system.csv <<'X'
code,parent,name,max,how
A,,服务开展,10,
A1,A,服务人次,10,services >= 1
X
expect_fail 2 "sw-report: evaluate: 2027-01-01..2027-03-31 $ND" \
	sw-report evaluate --system system.csv --from 2027-01-01 --to 2027-03-31
run sw-report monthly --month 2027-05 --lang zh
check_err_has "2027-05 尚未开始（本月是 2026-11）：还没有可报告的内容" "said in Chinese"

# The current month: its figures so far, and a warning.
run sw-report monthly --month 2026-11 --by total --indicator services -f csv
check_rc 0 "the current month is reported"
check_out "with its figures so far" <<'X'
period,station_code,station_name,level,figure,label,value
2026-11,,total,total,services,services,1
X
check_err "and a warning that they are partial" <<'X'
sw-report: monthly: 2026-11 has not ended (today is 2026-11-24): its figures are partial
X
run sw-report monthly --month 2026-11 -q -f csv
check_err "-q: no warning" </dev/null
run sw-report monthly --month 2026-10 -f csv
check_err "a month that has ended: no warning" </dev/null
SW_TODAY=2026-12-01 run sw-report monthly --month 2026-11 -f csv
check_err "nor once it has" </dev/null
PART="has not ended (today is 2026-11-24): its figures are partial"
run sw-report period --from 2026-01-01 --to 2026-12-31 --by total --indicator services -f csv
check_rc 0 "a period reaching past today is reported"
check_err "with the warning" <<X
sw-report: period: 2026-01-01..2026-12-31 $PART
X
run sw-report period --from 2026-10-01 --to 2026-11-24 -f csv
check_err "a period ending today has not ended either" <<X
sw-report: period: 2026-10-01..2026-11-24 $PART
X
run sw-report trend --from 2026-09 --to 2026-11 -f csv
check_rc 0 "a trend up to this month"
check_err "warns of its last month" <<X
sw-report: trend: 2026-11 $PART
X
run sw-report completeness --month 2026-11 -f csv
check_err_has "sw-report: completeness: 2026-11 $PART" "completeness warns"
for c in workers items workforce referrals; do
	run sw-report $c --month 2026-11 -f csv
	check_err_has "sw-report: $c: 2026-11 $PART" "$c warns"
done
run sw-report monthly --month 2026-11 --lang zh -f csv
check_err_has "2026-11 尚未结束（今天是 2026-11-24）：统计数字尚不完整" "warned in Chinese"
done_testing
