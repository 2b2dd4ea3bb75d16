#!/bin/sh
# The cron example as installed runs under cron's environment: PATH is
# /usr/bin:/bin, which holds none of our programs, so the script calls
# them by the absolute path make install wrote into it (BINDIR).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$SW_TOP" install BUILD="${SW_BIN%/bin}" \
	PREFIX="$T/prefix" >make.out 2>&1
ok $? "make install PREFIX=..."
script=$T/prefix/share/sw-tools/monthly-report.sh
grep -qx "bindir=$T/prefix/bin" "$script"
ok $? "the installed script names the installed programs' directory"

run sw-station import --table divisions "$SAMPLE/divisions.csv"
run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv"
check_rc 0 "a county database"

# As cron runs the crontab line of the script's header: a bare environment.
# (its time zone the test's: "last month" is the same month on both sides
# of midnight in Shanghai)
env -i PATH=/usr/bin:/bin HOME="$T" SHELL=/bin/sh LOGNAME=sw TZ="$TZ" SW_DB="$SW_DB" OUT="$T/reports" \
	/bin/sh "$script" >cron.out 2>cron.err
rc=$?
month=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m 2>/dev/null || date -v1d -v-1d +%Y-%m)
{ [ $rc = 0 ] || [ $rc = 1 ]; } && ! grep -q "not found" cron.err
ok $? "runs under cron's PATH (status $rc: 0, or 1 when a station did not report)"
[ -s "reports/$month/report-$month.csv" ] && [ -s "reports/$month/report-$month.html" ]
ok $? "last month's CSV and HTML written"
[ "$(head -c 2 "reports/$month/report-$month.xlsx")" = PK ]
ok $? "and its workbook beside them"
grep -q '<span>填报单位：' "reports/$month/report-$month.html" && grep -q ',服务人次,' "reports/$month/report-$month.csv"
ok $? "in Chinese"
[ ! -s cron.out ]
ok $? "nothing on stdout (cron would mail it)"

done_testing
