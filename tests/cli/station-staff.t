#!/bin/sh
# backends: sqlite pg
# The workforce beyond the roster: certificates with the day obtained (the
# roster keeps the highest), supervision sessions and training, in hours
# as people write them and stored in minutes.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "the sample stations and workers"

cat >cert.csv <<'X'
工号,证书等级,取得日期,证书编号
W007,助理社会工作师,2023-06-30,ZS001
W007,高级社会工作师,2025-06-30,ZS002
W013,无,2025-06-30,
W999,社会工作师,2025-06-30,
X
run sw-station import cert.csv
check_rc 1 "certificates: status 1 for the bad rows"
check_err "无 is no certificate; an unknown worker refused (the roster is personal: no value quoted)" <<'X'
sw-station: cert.csv:4: level: 无 is not a certificate obtained
sw-station: cert.csv:5: worker_id: unknown worker
sw-station: cert.csv: read 4, inserted 2, updated 0, unchanged 0, rejected 2
X
[ "$(sql "select certificate from workers where worker_id = 'W007'")" = senior ]
ok $? "the roster rises to the highest level obtained (an earlier, lower one does not lower it)"
[ "$(sql "select count(*) from audit where tbl = 'workers' and row_key = 'W007' and detail = 'certificate'")" = 1 ]
ok $? "and the audit trail says so"

cat >sup.csv <<'X'
督导编号,被督导社工,督导日期,所属站点,督导老师,督导方式,督导时长（小时）,督导主题
D1,W007,2026-10-15,QX-001,王老师,线下、团体,2,个案记录规范
D1,W008,2026-10-15,QX-001,王老师,线下、团体,2,个案记录规范
D2,W999,2026-10-16,QX-001,王老师,线上,1.5,危机干预
D3,W007,2026-12-16,QX-001,王老师,线上,1,未来
X
run sw-station import sup.csv
check_rc 1 "supervision: status 1 for the bad rows"
check_err_has "sup.csv:4: worker_id: unknown worker" "supervision of an unknown worker refused"
check_err_has "sup.csv:5: date: 2026-12-16 is after today" "a session after today refused"
[ "$(sql "select count(*), sum(minutes), min(mode) from supervision")" = "2|240|offline;group" ]
ok $? "one row per worker supervised; 2 hours stored as 120 minutes; the modes as a set"

cat >tr.csv <<'X'
工号,培训日期,培训课程,培训机构,培训时长（小时）
W007,2026-09-20,儿童保护实务,省社工协会,16
W007,2026-09-20,儿童保护实务,省社工协会,16
X
run sw-station import tr.csv
check_rc 1 "training: the same course on the same day twice is one record"
check_err_has "tr.csv:3: worker_id: duplicate key (an earlier line of this file has it)" "refused as a duplicate"
[ "$(sql "select minutes from training")" = 960 ]
ok $? "16 hours stored as 960 minutes"

done_testing
