#!/bin/sh
# The layout of the registers stations really keep (issue 10): title rows,
# blank and total rows, decorated headers with units, the everyday aliases,
# columns never dropped silently, --station, services without ids, workers
# named by name, every problem of a row at once, free text kept as written;
# a header of two rows (group names above, 序号 and 备注 merged down).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample stations and workers import"

# --- title rows, blank rows, total rows -----------------------------------
cat >titled.csv <<'X'
青溪街道社工站服务对象台账（2026年10月）,,,,
填报单位：青溪街道社工站,,,,
,,,,
序号,档案号,姓名（必填）,* 公民身份号码,所属站点
1,T1,王桂兰,339901195506120038,QX-001
2,T2,李长生,339901196201010043,QX-001
,,,,
3,,,,
合计：2人,,,,
X
run sw-case import titled.csv
check_rc 0 "title, blank and total rows do not make the status 1"
check_err "the summary counts them apart from rejects: read = stored + skipped + rejected" <<'X'
sw-case: titled.csv: read 8, inserted 2, updated 0, unchanged 0, skipped 6, rejected 0
X
[ "$(sql "select client_id from clients order by client_id" | paste -sd' ' -)" = "T1 T2" ]
ok $? "the rows under the title are stored"

# --- header decoration and units --------------------------------------------
printf '%s\n' '服务编号,档案号,所属站点,服务日期,服务类型,"时长' '（小时）",服务内容' \
	'V1,T1,QX-001,2026-10-08,visit,1.5,入户探访，了解近况' \
	'V2,T1,QX-001,2026-10-09,phone,0.25,电话回访' >hours.csv
run sw-case import hours.csv
check_rc 0 "时长（小时） with a line break in the cell imports"
[ "$(sql "select minutes from services order by service_id" | paste -sd, -)" = "90,15" ]
ok $? "hours are stored as minutes"
[ "$(sql "select note from services where service_id='V1'")" = "入户探访，了解近况" ]
ok $? "the note keeps its full-width comma"

cat >guess.csv <<'X'
服务编号,档案号,所属站点,服务日期,服务类型,时长
V3,T2,QX-001,2026-10-08,visit,1.5
V4,T2,QX-001,2026-10-09,phone,2
X
db_snap
run sw-case import guess.csv
check_rc 1 "a 时长 column of hours is refused as a whole"
check_err_has "sw-case: guess.csv:1: 时长: the values look like hours (none above 12, some with decimals): name the column 时长（小时） if they are hours, or 时长（分钟） if they are minutes (file not imported)" "with the hint"
db_same "nothing of it is stored, not 2 minutes"
printf '服务编号,档案号,所属站点,服务日期,服务类型,时长（天）\nV5,T2,QX-001,2026-10-08,visit,1\n' >days.csv
expect_fail 1 'sw-case: days.csv:1: 时长(天): unknown unit; name the column 时长（分钟） or 时长（小时）' sw-case import days.csv

# --- no column dropped silently -----------------------------------------------
cat >extra.csv <<'X'
档案号,姓名,民族,联系电话号,所属站点
T3,赵德福,汉,13800138000,QX-001
X
db_snap
run sw-case import extra.csv
check_rc 1 "unknown columns stop the import"
check_err "each named, with the name to give it" <<'X'
sw-case: extra.csv:1: 民族: not a column of clients; rename it to one of its columns, or leave it out with --ignore-column 民族
sw-case: extra.csv:1: 联系电话号: not a column of clients; if it holds phone, name it phone, or leave it out with --ignore-column 联系电话号
X
db_same "before anything is stored"
run sw-case import --ignore-column 民族 --ignore-column 联系电话号 extra.csv
check_rc 0 "--ignore-column drops them on purpose"
[ "$(sql "select coalesce(phone, 'none') from clients where client_id='T3'")" = none ]
ok $? "and only them"

# --- --station fills an absent station_code ----------------------------------
printf '档案号,姓名\nT4,钱秀英\n' >nostation.csv
expect_fail 1 'sw-case: nostation.csv:1: station_code: missing required column (or give --station CODE)' sw-case import nostation.csv
run sw-case import --station QX-002 nostation.csv
check_rc 0 "--station fills it"
[ "$(sql "select station_code from clients where client_id='T4'")" = QX-002 ]
ok $? "stored with the station given"
run sw-case import --station NOPE nostation.csv
check_err_has "nostation.csv:2: station_code: unknown station" "a --station that does not exist is refused per row"

# --- a services log without 服务编号 ------------------------------------------
cat >log.csv <<'X'
档案号,所属站点,服务日期,服务类型,时长（分钟）
T1,QX-001,2026-10-10,visit,30
T1,QX-001,2026-10-10,visit,30
T2,QX-001,2026-10-11,phone,10
X
run sw-case import log.csv
check_err "ids are made for each service, the same row twice twice" <<'X'
sw-case: log.csv: read 3, inserted 3, updated 0, unchanged 0, rejected 0
X
[ "$(sql "select count(*) from services where service_id like 'S20261010-%'")" = 2 ]
ok $? "made ids read like sw-case log's: S + date"
run sw-case import log.csv
check_err "the same file again changes nothing" <<'X'
sw-case: log.csv: read 3, inserted 0, updated 0, unchanged 3, rejected 0
X

# --- birth date and gender from the ID when the file has no such columns -------------
printf '档案号,姓名,身份证号,所属站点\nB1,钱八,339901198808081234,QX-001\n' >noborn.csv
run sw-case import noborn.csv
check_rc 0 "a register without 性别 and 出生日期 imports"
[ "$(sql "select gender, birth_date from clients where client_id = 'B1'")" = "male|1988-08-08" ]
ok $? "both are stored, read from the ID"
printf '档案号,姓名,所属站点\nB1,钱八,QX-001\n' >noid.csv
run sw-case import noid.csv
check_err_has "noid.csv: read 1, inserted 0, updated 0, unchanged 1" "a later file without the ID changes nothing"
[ "$(sql "select gender, birth_date, id_number from clients where client_id = 'B1'")" = "male|1988-08-08|339901198808081234" ]
ok $? "and leaves them as stored"

# --- workers named by name ------------------------------------------------------
cat >byname.csv <<'X'
服务编号,档案号,所属站点,服务日期,服务类型,服务社工
N1,T1,QX-001,2026-10-12,visit,何芳
N2,T1,QX-001,2026-10-12,visit,林伟
X
run sw-case import byname.csv
check_rc 1 "a name resolves to the one worker of that name at the station"
[ "$(sql "select worker_id from services where service_id='N1'")" = W008 ]
ok $? "何芳 at QX-001 is W008"
check_err_has "byname.csv:3: worker_id: no worker with that 工号, nor one of that name in post at the station of the row" "a worker of another station is refused"
# check resolves names as import does, and --fix writes the 工号
run sw-case check byname.csv
check_rc 1 "check: the same verdicts as import"
check_err "check names the worker of another station the way import does" <<'X'
sw-case: byname.csv:3: worker_id: no worker with that 工号, nor one of that name in post at the station of the row
X
head -n 2 byname.csv >one.csv
run sw-case check --fix -o fixed.csv one.csv
check_rc 0 "check --fix of a name that resolves: status 0"
[ "$(cut -d, -f6 fixed.csv | tail -n 1)" = W008 ]
ok $? "and the fixed file holds its 工号"
run sw-station add --table workers worker_id=W099 name=何芳 station_code=QX-001 role=service
printf '服务编号,档案号,所属站点,服务日期,服务类型,服务社工\nN3,T1,QX-001,2026-10-12,visit,何芳\n' >twice.csv
expect_fail 1 'sw-case: twice.csv:2: worker_id: 2 workers of that name at the station of the row (W008, W099): give the 工号' sw-case import twice.csv
# check: several of that name, as import says
expect_fail 1 'sw-case: twice.csv:2: worker_id: 2 workers of that name at the station of the row (W008, W099): give the 工号' sw-case check twice.csv

# --- every problem of a row at once, in the rejects file too ------------------------
cat >many.csv <<'X'
档案号,姓名,性别,出生日期,手机号码,所属站点,建档时间
T9,孙玉珍,女士,1988-13-01,12345,NOPE,明天
X
run sw-case import --rejects rej.csv many.csv
check_err "one round of fixing is enough: every problem named, no value repeated" <<'X'
sw-case: many.csv:2: gender: unknown value (expected male, female); birth_date: impossible date; phone: not a phone number; registered_on: not a date (expected YYYY-MM-DD)
sw-case: many.csv: read 1, inserted 0, updated 0, unchanged 0, rejected 1
X
check_out "nothing on stdout" </dev/null
grep -q 'gender: unknown value (expected male, female); birth_date: impossible date' rej.csv
ok $? "the rejects file carries every problem"

# --- free text stays as written --------------------------------------------------
cat >text.csv <<'X'
档案号,姓名,家庭住址,所属站点
T5,黄晓（小）,白沙村民委员会（移民新村）　,QX-001
X
run sw-case import text.csv
check_rc 0 "names and addresses import"
[ "$(sql "select name||'|'||address from clients where client_id='T5'")" = "黄晓（小）|白沙村民委员会（移民新村）" ]
ok $? "full-width brackets kept, only the ends trimmed"

# --- check names what import would refuse -----------------------------------------
cat >refs.csv <<'X'
服务编号,档案号,所属站点,服务日期,服务类型
R1,NOBODY,QX-001,2026-10-12,visit
X
run sw-case check refs.csv
check_rc 1 "check reports references the database would refuse"
check_err_has "refs.csv:2: client_id: unknown client" "naming the column"

# A header of two rows, as Excel saves merged cells: group names above
# the columns' own, 序号 and 备注 in the upper row only.
cat >two.csv <<'X'
大溪镇社工站服务记录台账（2026年10月）,,,,,,,
序号,服务对象,,服务情况,,,,备注
,档案号,所属站点,服务日期,服务类型,时长（分钟）,社工工号,
1,T1,QX-001,2026-10-09,电话,10,W007,已回访
X
run sw-case import two.csv
check_err "序号 and 备注 are taken from the row above" <<'X'
sw-case: two.csv: read 3, inserted 1, updated 0, unchanged 0, skipped 2, rejected 0
X
[ "$(sql "select note from services where client_id = 'T1' and worker_id = 'W007'")" = 已回访 ]
ok $? "备注 stored as the note"
# a title alone above the header lends no name: the empty column stays so
printf '青溪街道台账,,\n,档案号,姓名\n1,C9,某\n' >title.csv
run sw-case import --dry-run --station QX-001 title.csv
check_err_has "title.csv:3: column 1 has a value but no header" "a title row is not a header's upper row"
# nor a row of labels and values (填报单位：…, 填报日期：…)
printf '填报单位：青溪街道社工站,,,填报日期：2026年10月\n档案号,姓名,所属站点\nL7,某,QX-001\n' >info.csv
run sw-case import --dry-run info.csv
check_rc 0 "a row of labels and values above the header lends no name"
# a bad row under a title, before any header: said with its line (and, under
# make check SANITIZE=1, the title kept as a possible upper row is freed)
printf '青溪街道台账,第二列\n\377\376,x\n档案号,姓名\n' >badtop.csv
expect_fail 1 "sw-case: badtop.csv:2: invalid UTF-8 (if the file is GB18030, use --encoding gb18030)" \
	sw-case import --station QX-001 badtop.csv

done_testing
