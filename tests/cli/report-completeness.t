#!/bin/sh
# sw-report completeness: who is expected to report (township stations by
# default, stations.reports per station), a point's records counting for
# its township, and the cron script's exit status meaning "look".
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

run sw-report completeness --month 2026-10 -f csv
check_rc 0 "October: every township station reported"
check_out "the county station and the regional centre, which hold no records, are not listed" <<'X'
station_code,station_name,level,parent_code,opened_on,closed_on
X
check_err "and nothing to say" </dev/null

run sw-report completeness --month 2026-09 -f csv
check_rc 1 "September: status 1, a township station has no records"
check_out "T2 listed; T1 reported through its point V1 (its own records are none)" <<'X'
station_code,station_name,level,parent_code,opened_on,closed_on
T2,石门镇站,township,R,2020-01-01,2026-10-15
X
check_err "summary on stderr" <<'X'
sw-report: 2026-09: 1 of 2 stations have no records
X
SW_TODAY=2027-01-05 run sw-report completeness --month 2026-12 -f csv
check_out "December: T2 closed, not expected; V2, a village point, not expected" <<'X'
station_code,station_name,level,parent_code,opened_on,closed_on
T1,梅江镇站,township,R,2020-01-01,
X

# Per station: the county station keeps a ledger of its own, V1 reports
# by itself, T2 is not expected (a column of the stations file).
cat >reports.csv <<'X'
编号,名称,层级,是否报送
C,青溪县总站,county,是
V1,西村点,village,yes
T2,石门镇站,township,否
X
run sw-station import reports.csv
check_rc 0 "stations import a reports column"
sql "SELECT code, reports FROM stations WHERE reports IS NOT NULL ORDER BY code" >"$T/.out"	# (not through run: valgrind runs programs, not shell functions)
check_out "stored as 1 and 0; the others stay by level" <<'X'
C|1
T2|0
V1|1
X
run sw-report completeness --month 2026-09 -f csv
check_out "September: C listed; T1 now without V1's records, listed; T2 not expected" <<'X'
station_code,station_name,level,parent_code,opened_on,closed_on
C,青溪县总站,county,,2020-01-01,
T1,梅江镇站,township,R,2020-01-01,
X
run sw-report completeness --month 2026-10 --station T1 -f csv
check_rc 0 "--station T1 in October: T1 and V1 both reported"
printf 'code,name,level,reports\nC,青溪县总站,county,\n' >blank.csv
run sw-station import blank.csv
check_rc 0 "an empty cell"
[ "$(sql "SELECT count(*) FROM stations WHERE code = 'C' AND reports IS NULL")" = 1 ]
ok $? "puts the station back to its level's default"
printf 'code,name,level,reports\nC,青溪县总站,county,maybe\n' >bad.csv
run sw-station import bad.csv
check_rc 1 "a value that is not yes or no is refused"
check_err_has "bad.csv:2: reports:" "naming the line and the column"

# The cron script: exit 0 when nothing needs a person, 1 when something
# does, with what to look at on stderr.
cron="$SW_TOP/examples/cron/monthly-report.sh"
MONTH=2026-10 OUT=out run sh "$cron"
check_rc 0 "cron: every expected station reported: status 0"
check_err "cron: and nothing on stderr, so cron mails nothing" </dev/null
[ -s out/2026-10/report-2026-10.csv ] && [ -s out/2026-10/report-2026-10.html ] &&
	[ ! -e out/2026-10/warnings-2026-10.txt ]
ok $? "cron: the reports written, no warnings file"
MONTH=2026-08 OUT=out run sh "$cron"
check_rc 1 "cron: a station without records: status 1"
check_err_has "monthly-report: 2026-08: some stations did not report, see out/2026-08/missing-2026-08.csv" \
	"cron: says where to look"
sql "INSERT INTO employers (employer_id, name, district, registered_on) VALUES ('E9', 'z', '火星', '2026-10-01')" >/dev/null
MONTH=2026-10 OUT=out2 run sh "$cron"
check_rc 1 "cron: records that belong to no station: status 1"
check_err_has "monthly-report: 2026-10: the report has warnings, see out2/2026-10/warnings-2026-10.txt" \
	"cron: says where to look"
grep -q "不属于任何站点" out2/2026-10/warnings-2026-10.txt
ok $? "cron: the warning kept beside the report"
done_testing
