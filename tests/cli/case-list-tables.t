#!/bin/sh
# backends: sqlite pg
# list --table T: every table of each program can be listed, filtered by
# COLUMN=VALUE (normalised as an import would), DATECOLUMN=FROM..TO and
# --station (its subtree); add COLUMN=VALUE... with the key of a stored
# record changes only the columns it names.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import --table divisions "$SAMPLE/divisions.csv"
run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv" "$SAMPLE/activities.csv"
run sw-match import "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv" "$SAMPLE/placements.csv"
check_rc 0 "the sample county"

# --- sw-case ------------------------------------------------------------------
run sw-case list --table activities kind=小组 --station QX-101
check_rc 0 "list --table activities"
check_out "activities, filtered by a vocabulary word and a station's subtree" <<'X'
activity_id,station_code,date,kind,title,sessions,participants,item_code
A2026002,QX-101,2026-06-16,group,妇女手工小组,2,102,
A2026010,QX-101,2026-08-22,group,妇女手工小组,3,30,
X
run sw-case list --table services date=2026-10-01..2026-10-05 type=电话
check_out "services of a date range and a type" <<'X'
service_id,client_id,case_id,station_code,worker_id,date,type,minutes,note,item_code
S00002,QX-C0001,K2026001,QX-001,W007,2026-10-05,phone,5,就业岗位推荐,
S00010,QX-C0005,K2026004,QX-101,W014,2026-10-03,phone,10,学业辅导,
S00031,QX-C0011,K2026008,QX-102,W016,2026-10-04,phone,10,就业岗位推荐,
X
run sw-case list --table services --station QX-101001 date=..2026-06-16
check_out "an open-ended range with a station" <<'X'
service_id,client_id,case_id,station_code,worker_id,date,type,minutes,note,item_code
S00111,QX-C0040,K2026027,QX-101001,W013,2026-06-15,employment,90,陪同就医,
X
run sw-case list --table cases client_id=QX-C0002
check_out_has "K2026002,QX-C0002,QX-101001,W013,community,2026-05-09" "cases of a client"
run sw-case list --table clients --mask client_id=QX-C0001
check_out "clients through the generic listing are masked as asked" <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on
QX-C0001,黄**,female,1959-11-01,339901********0123,139****3942,QX-001,elderly;low_income,local,***,2026-06-17
X
expect_fail 2 'sw-case: list: a filter names no column of activities' sw-case list --table activities nosuch=1
expect_fail 2 'sw-case: --table: unknown table "activity_log" (expected clients, cases, services, activities)' \
	sw-case list --table activity_log
expect_fail 2 'sw-case: list --table services: --category, --status, --worker, --registered and --opened list clients; filter with COLUMN=VALUE' \
	sw-case list --table services --category elderly
expect_fail 2 'sw-case: list: date: not a date (expected YYYY-MM-DD)' \
	sw-case list --table services date=someday..

# --- sw-match ---------------------------------------------------------------
run sw-match list --table employers --station QX-101
check_rc 0 "sw-match list --table employers"
check_out_has "E01,青溪宏达机械制造有限公司,制造业" "employers of a station"
run sw-match list --table placements seeker_id=S013 stage=面试
check_out "placements of a seeker at a stage" <<'X'
seeker_id,vacancy_id,stage,date,worker_id
S013,V012,interviewed,2026-05-28,W008
X
run sw-match list --table seekers seeker_id=S001
check_out_has "S001,,张国强" "seekers"
run sw-match list vacancy_id=V001
check_out_has "V001,E01,电焊工" "vacancies by default"

# --- sw-station ---------------------------------------------------------------
run sw-station list --table workers --station QX-101 certificate=assistant
check_out "workers of a station's subtree with a certificate" <<'X'
worker_id,name,station_code,role,certificate,hired_on,left_on,employer_org
W014,张丽娟,QX-101,service,assistant,2022-08-01,,
X
run sw-station list --table divisions code=339901001
check_out_has "339901001,青溪街道,township,339901" "divisions"

# --- add updates the columns it names -----------------------------------------
sql "select * from clients where client_id = 'QX-C0001'" >before
run sw-case add client_id=QX-C0001 phone=13900001111
check_rc 0 "add client_id=X phone=... updates a stored client"
sql "select * from clients where client_id = 'QX-C0001'" | sed 's/13900001111/13911663942/' | cmp -s before -
ok $? "only the phone changed"
run sw-case add --table services service_id=S00111 minutes=2小时
check_rc 0 "a service's minutes"
[ "$(sql "select minutes || ' ' || date || ' ' || client_id from services where service_id = 'S00111'")" = "120 2026-06-15 QX-C0040" ]
ok $? "normalised, the rest as stored"
run sw-station add --table workers worker_id=W014 left_on=2026-10-31
check_rc 0 "a worker's leaving date"
[ "$(sql "select name || ',' || left_on from workers where worker_id = 'W014'")" = "张丽娟,2026-10-31" ]
ok $? "the worker's name kept"
db_snap
expect_fail 1 "sw-case: add: no such record in clients to update; a new one needs name, station_code too" \
	sw-case add client_id=QX-C9999 phone=13900001111
db_same "an unknown key with too few columns stores nothing"
run sw-case add client_id=QX-C0001 phone=123
check_rc 1 "an update is checked by the import rules"
db_same "and a bad one stores nothing"

done_testing
