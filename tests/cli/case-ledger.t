#!/bin/sh
# A services ledger without 服务编号, imported again each month: a row
# corrected in the sheet (other minutes, a note, a column added) must not
# become a second service beside the one its earlier version made. Such a
# row is refused, naming the earlier record, unless --replace-changed says
# it corrects it; a second real service of the day, anywhere in the file,
# is stored; volunteer hours without 记录编号 alike.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv" "$SAMPLE/orgs.csv" \
	"$SAMPLE/volunteers.csv"
run sw-case import "$SAMPLE/clients.csv" "$SAMPLE/activities.csv"
check_rc 0 "the sample county"
services() { sql "SELECT date, client_id, minutes FROM services WHERE client_id IN ('QX-C0001','QX-C0002') ORDER BY date, minutes"; }

cat >led.csv <<'X'
服务日期,档案号,社工工号,服务类型,时长（分钟）,所属站点
2026-10-12,QX-C0001,W007,家访,30,QX-001
2026-10-13,QX-C0002,W013,电话,10,QX-101001
X
run sw-case import led.csv
check_err "the ledger's services, keys made from the rows" <<'X'
sw-case: led.csv: read 2, inserted 2, updated 0, unchanged 0, rejected 0
X

sed 's/家访,30/家访,40/' led.csv >led2.csv
run sw-case import led2.csv
check_rc 1 "a corrected row is refused"
key=$(sql "SELECT service_id FROM services WHERE client_id = 'QX-C0001'")
check_err "naming the earlier record and both ways out" <<X
sw-case: led2.csv:2: service_id: $key, made by an earlier import for the same client_id and date, is not in this file any more: if this line corrects it, import again with --replace-changed; if both are real, give the file a service_id column
sw-case: led2.csv: read 2, inserted 0, updated 0, unchanged 1, rejected 1
X
services >s.out
printf '2026-10-12|QX-C0001|30\n2026-10-13|QX-C0002|10\n' | cmp -s - s.out
ok $? "and the service is not counted twice"

run sw-case import --replace-changed led2.csv
check_rc 0 "--replace-changed: the row corrects the earlier record"
services >s.out
printf '2026-10-12|QX-C0001|40\n2026-10-13|QX-C0002|10\n' | cmp -s - s.out
ok $? "which it replaces: one service, 40 minutes"
run sw-case import led2.csv
check_err "the corrected ledger is then unchanged" <<'X'
sw-case: led2.csv: read 2, inserted 0, updated 0, unchanged 2, rejected 0
X

# A second visit that day, above the first in the sheet: a real service,
# stored once the rest of the file shows the first one is still there.
{ head -1 led2.csv; echo '2026-10-12,QX-C0001,W007,家访,15,QX-001'; tail -n +2 led2.csv; } >led3.csv
run sw-case import led3.csv
check_rc 0 "a second service of the same client and day"
check_err "is stored beside the first" <<'X'
sw-case: led3.csv: read 3, inserted 1, updated 0, unchanged 2, rejected 0
X

# A column added to the sheet changes every row's made key: every row is
# held up rather than the month counted twice.
{ echo "$(head -1 led3.csv),备注"; tail -n +2 led3.csv | sed 's/$/,已回访/'; } >led4.csv
run sw-case import led4.csv
check_rc 1 "a column added to the ledger"
[ "$(grep -c 'is not in this file any more' .err)" = 3 ]
ok $? "holds up each row it changed"
run sw-case import --replace-changed led4.csv
check_err "and with --replace-changed they replace their earlier versions" <<'X'
sw-case: led4.csv: read 3, inserted 3, updated 0, unchanged 0, rejected 0
X
[ "$(sql "SELECT count(*) FROM services WHERE client_id IN ('QX-C0001','QX-C0002') AND note = '已回访'")" = 3 ] &&
	[ "$(sql "SELECT count(*) FROM services WHERE client_id IN ('QX-C0001','QX-C0002')")" = 3 ]
ok $? "three services, each with the note"

# Two ledgers of one day in one command (two workers, or one worker's two
# sheets): each other's rows are this command's, never an earlier import's.
printf '服务日期,档案号,社工工号,服务类型,时长（分钟）,所属站点\n2026-10-20,QX-C0002,W007,家访,30,QX-101001\n' >a.csv
printf '服务日期,档案号,社工工号,服务类型,时长（分钟）,所属站点\n2026-10-20,QX-C0002,W013,电话,10,QX-101001\n' >b.csv
printf '服务日期,档案号,社工工号,服务类型,时长（分钟）,所属站点\n2026-10-20,QX-C0002,W007,面谈,20,QX-101001\n' >c.csv
run sw-case import --replace-changed a.csv b.csv c.csv
check_err "three services of one day from three files of one command" <<'X'
sw-case: a.csv: read 1, inserted 1, updated 0, unchanged 0, rejected 0
sw-case: b.csv: read 1, inserted 1, updated 0, unchanged 0, rejected 0
sw-case: c.csv: read 1, inserted 1, updated 0, unchanged 0, rejected 0
X
[ "$(sql "SELECT count(*) FROM services WHERE client_id = 'QX-C0002' AND date = '2026-10-20'")" = 3 ]
ok $? "all three kept, none replaced"
sed 's/家访,30/家访,35/' a.csv >a2.csv
run sw-case import a2.csv
check_err "a later correction of one is matched to its worker's record only" <<X
sw-case: a2.csv:2: service_id: $(sql "SELECT service_id FROM services WHERE client_id = 'QX-C0002' AND date = '2026-10-20' AND type = 'visit'"), made by an earlier import for the same client_id and date, is not in this file any more: if this line corrects it, import again with --replace-changed; if both are real, give the file a service_id column
sw-case: a2.csv: read 1, inserted 0, updated 0, unchanged 0, rejected 1
X
run sw-case import --replace-changed a2.csv
[ "$(sql "SELECT type || ' ' || minutes FROM services WHERE client_id = 'QX-C0002' AND date = '2026-10-20' ORDER BY type")" = "counselling 20
phone 10
visit 35" ]
ok $? "--replace-changed replaces the record most like the row, the worker's other one kept"

# Volunteer hours without 记录编号: the same rule.
printf '志愿者编号,服务日期,活动编号,志愿时长（小时）,岗位\nV001,2026-08-22,A2026010,2,陪伴\n' >h.csv
run sw-station import h.csv
check_rc 0 "volunteer hours made keys"
printf '志愿者编号,服务日期,活动编号,志愿时长（小时）,岗位\nV001,2026-08-22,A2026010,3,陪伴\n' >h2.csv
run sw-station import h2.csv
check_rc 1 "corrected hours are refused"
check_err_has "h2.csv:2: hours_id: " "naming the earlier record"
run sw-station import --replace-changed h2.csv
[ "$rc" = 0 ] && [ "$(sql "SELECT minutes FROM volunteer_hours WHERE volunteer_id = 'V001' AND date = '2026-08-22'")" = 180 ]
ok $? "and replace it when told"

done_testing
