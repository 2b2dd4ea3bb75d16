#!/bin/sh
# sw-report error paths: exact messages and exit statuses.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

if [ "$BACKEND" = sqlite ]; then	# a server's database is made before the test
	expect_fail 3 "sw-report: $T/sw.db: no such database (import some data first, or give --db)" \
		sw-report monthly --month 2026-10
fi
# A database without stations (what a failed first import leaves): refused,
# not a report of zeros that reads as a quiet county.
printf 'code,name,level\n' >nost.csv
run sw-station import -q nost.csv
expect_fail 3 "sw-report: $DBNAME: holds no station: import the station network first (sw-station import)" \
	sw-report monthly --month 2026-10
expect_fail 3 "sw-report: $DBNAME: holds no station: import the station network first (sw-station import)" \
	sw-report completeness --month 2026-10
. "$SW_TOP/tests/cli/report-fixture.sh"
expect_fail 2 "sw-report: --month: not a month (expected YYYY-MM)" sw-report monthly --month 2026-13
run sw-report monthly --month 2026-13
check_out "usage errors write nothing on stdout" </dev/null
check_err_has "Try 'sw-report monthly --help'." "a Try line on stderr"
expect_fail 2 "sw-report: monthly: give --month M (or use period --from --to)" sw-report monthly
expect_fail 2 "sw-report: period: give --from DATE --to DATE" sw-report period --from 2026-01-01
expect_fail 2 "sw-report: --to: before --from 2026-02-01" sw-report period --from 2026-02-01 --to 2026-01-31
expect_fail 2 "sw-report: --from: impossible date" sw-report period --from 2026-02-30 --to 2026-03-01
expect_fail 1 "sw-report: NOPE: no such station" sw-report monthly --month 2026-10 --station NOPE
expect_fail 2 'sw-report: --indicator: unknown figure "sevrices"' sw-report monthly --month 2026-10 --indicator services,sevrices
expect_fail 2 'sw-report: --indicator: unknown figure "nope"' sw-report trend --from 2026-01 --to 2026-02 --indicator nope
expect_fail 2 'sw-report: --by: unknown level "city" (expected station, township, regional, county, total)' sw-report monthly --month 2026-10 --by city
expect_fail 2 'sw-report: --compare: expected prev or yoy, not "last"' sw-report monthly --month 2026-10 --compare last
expect_fail 2 'sw-report: -f: unknown format "pdf" (expected csv, tsv, json, jsonl, table, md, xlsx)' sw-report monthly --month 2026-10 -f pdf
expect_fail 2 "sw-report: --lang: expected zh or en" sw-report monthly --month 2026-10 --lang fr
expect_fail 2 'sw-report: unknown subcommand "yearly"' sw-report yearly
expect_fail 2 "sw-report: targets: give --targets FILE and --period YYYY or --contract C" sw-report targets --period 2026
expect_fail 2 'sw-report: --period: expected a year YYYY, not "26"' sw-report targets --targets t.csv --period 26
expect_fail 3 "sw-report: t.csv: No such file or directory" sw-report targets --targets t.csv --period 2026
printf 'station,indicator\n' >h.csv
expect_fail 1 "sw-report: h.csv:1: header: expected station_code,indicator,from,to,target" sw-report targets --targets h.csv --period 2026
expect_fail 2 "sw-report: completeness: give --month M" sw-report completeness
expect_fail 2 "sw-report: workers: give --month M or --from DATE --to DATE" sw-report workers
expect_fail 2 "sw-report: close: give --month M" sw-report close
expect_fail 2 "sw-report: close: one --db at a time" sw-report close --month 2026-10 --db a.db --db b.db
expect_fail 2 "sw-report: merge: give report files (written with -f csv)" sw-report merge
run sw-report monthly --month 2026-10 -o nodir/r.csv
check_rc 3 "an unwritable -o fails"
check_err_has "nodir/r.csv" "naming the file"
# the cron script
cron="$SW_TOP/examples/cron/monthly-report.sh"
SW_DB=gone.db OUT=out run sh "$cron"
check_rc 3 "cron: a missing database fails"
check_err "cron: and says so" <<'X'
monthly-report: gone.db: no such database
X
MONTH=2026-09 OUT=out run sh "$cron"
check_rc 1 "cron: a station without records last month: status 1"
check_err_has "some stations did not report" "cron: says who to look at"
ls out/*/report-*.csv out/*/report-*.html out/*/missing-*.csv >/dev/null 2>&1
ok $? "cron: CSV, HTML and the missing list in a dated folder"
run sw-report --help
check_rc 0 "--help"
check_out_has "sw-report close --month M [--reopen --reason TEXT]" "usage on stdout"
# A database of an older schema that reports read as it is (version 1:
# only the audit trail changed since) is reported without being written.
sqlite3 old.db <"$SW_TOP/tests/fixtures/schema-v1.sql"
cp old.db old.copy
run sw-report monthly --month 2026-11 --db old.db -f csv
check_rc 0 "a version 1 database is reported"
check_out_has "2026-11,QX,青溪县社会工作总站,county,stations_active,active stations,1" "with its figures"
cmp -s old.db old.copy && [ "$(sqlite3 old.db 'PRAGMA user_version')" = 1 ]
ok $? "and left as it was (the next command that writes upgrades it)"

done_testing
