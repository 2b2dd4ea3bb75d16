#!/bin/sh
# Dates that put a row in a month's figures (services, activities, case
# dates, placements and their retention outcomes) are never after today
# (SW_TODAY=2026-11-24 in the tests): such a row is refused, saying so.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import --table divisions "$SAMPLE/divisions.csv"
run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv"
run sw-match import "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv"
check_rc 0 "the sample county"

cat >sv.csv <<'X'
service_id,client_id,station_code,date,type,minutes
F1,QX-C0001,QX-001,2026-11-24,visit,30
F2,QX-C0001,QX-001,2026-11-25,visit,30
X
run sw-case import --table services sv.csv
check_rc 1 "a service dated tomorrow is rejected"
check_err_has "sv.csv:3: date: 2026-11-25 is after today (2026-11-24): record what has happened" \
	"the message says the date is after today"
[ "$(sql "select service_id from services where service_id like 'F%'")" = F1 ]
ok $? "today's service is stored, tomorrow's is not"

expect_fail 1 "sw-case: date: 2027-01-05 is after today (2026-11-24): record what has happened" \
	sw-case log QX-C0001 --type visit --on 2027-01-05
expect_fail 1 "sw-case: opened_on: 2026-12-01 is after today (2026-11-24): record what has happened" \
	sw-case open QX-C0001 --domain elderly --on 2026-12-01

printf 'activity_id,station_code,date,kind,title,sessions,participants\nA9,QX-001,2062-06-01,fair,咨询会,1,10\n' >act.csv
run sw-case import --table activities act.csv
check_err_has "act.csv:2: date: 2062-06-01 is after today (2026-11-24)" "an activity in 2062 (for 2026) is rejected"

expect_fail 1 "sw-match: date: 2026-12-24 is after today (2026-11-24): record what has happened" \
	sw-match place S001 V001 --stage hired --date 2026-12-24
printf 'seeker_id,vacancy_id,stage,date\nS001,V012,hired,2026-08-20\nS001,V012,retained_3m,2026-11-20\nS001,V012,retained_6m,2027-02-20\n' >pl.csv
run sw-match import --table placements pl.csv
check_rc 1 "a retention outcome after today is rejected"
check_err_has "pl.csv:4: date: 2027-02-20 is after today (2026-11-24)" "the 6-month outcome not yet due"
[ "$(sql "select count(*) from placements where seeker_id='S001'")" = 2 ]
ok $? "the hire and the 3-month outcome are stored"

run env SW_TODAY=2027-03-01 sw-match import --table placements pl.csv
check_rc 0 "SW_TODAY moves today: the same file is accepted later"

done_testing
