#!/bin/sh
# backends: sqlite pg
# sw-station: every rule of the station network, each with its message.
. "$SW_TOP/tests/cli/lib.sh"

cat >net.csv <<'X'
code,name,level,parent_code,division_code,opened_on
C,县总站,county,,330100,2021-01-01
R,区域站,regional,C,,2021-01-01
T,镇站一,township,R,330101,2021-01-01
X
cat >div.csv <<'X'
区划代码,区划名称,层级,上级区划代码
330100,某县,县,
330101,某镇,镇,330100
330101001,某村,村,330101
X
run sw-station import div.csv net.csv
check_rc 0 "divisions (recognised by Chinese header) then stations"

cat >bad.csv <<'X'
code,name,level,parent_code,division_code,opened_on,closed_on
S1,自己,township,S1,,,
S2,倒挂,regional,T,,,
S3,错区划,township,R,999999,,
S4,早关,township,R,,2022-05-01,2022-04-30
X
run sw-station import bad.csv
check_err "network rules" <<'X'
sw-station: bad.csv:2: parent_code: refers to the record itself
sw-station: bad.csv:3: parent_code: parent "T" is township, not above regional
sw-station: bad.csv:4: division_code: not a division code (no province starts with those two digits)
sw-station: bad.csv:5: closed_on: 2022-04-30 is before opened_on 2022-05-01
sw-station: bad.csv: read 4, inserted 0, updated 0, unchanged 0, rejected 4
X

printf 'code,name,level\nR,区域站,village\n' >demote.csv
expect_fail 1 'sw-station: demote.csv:2: level: child "T" is township, not below village' sw-station import demote.csv

printf 'code,name,level,parent_code\nA,甲,township,B\nB,乙,township,A\n' >cycle.csv
run sw-station import cycle.csv
check_err "a cycle of new stations is refused" <<'X'
sw-station: cycle.csv:2: parent_code: unknown station "B"
sw-station: cycle.csv:3: parent_code: unknown station "A"
sw-station: cycle.csv: read 2, inserted 0, updated 0, unchanged 0, rejected 2
X

cat >w.csv <<'X'
工号,姓名,所属站点,岗位类型,证书,入职日期,离职日期
W1,李四,T,服务性,社会工作师,2023-01-01,
W2,王五,NOPE,服务性,无,2023-01-01,
W3,赵六,T,司机,无,2023-01-01,
W4,钱七,T,事务性,博士,2023-01-01,
W5,孙八,T,事务性,无,2023-05-01,2023-04-01
X
run sw-station import w.csv
check_err "worker rules name column and line, never the worker" <<'X'
sw-station: w.csv:3: station_code: unknown station
sw-station: w.csv:4: role: unknown value (expected admin, service, supervisor)
sw-station: w.csv:5: certificate: unknown value (expected none, assistant, intermediate, senior)
sw-station: w.csv:6: left_on: 2023-04-01 is before hired_on 2023-05-01
sw-station: w.csv: read 5, inserted 1, updated 0, unchanged 0, rejected 4
X
[ "$(sql "select certificate from workers")" = intermediate ]
ok $? "Chinese certificate stored as its key"

# headers
printf 'code,level\nX,township\n' >nohdr.csv
expect_fail 1 'sw-station: nohdr.csv:1: name: missing required column' sw-station import nohdr.csv
printf 'code,name,名称,level\nX,a,b,township\n' >twice.csv
expect_fail 1 'sw-station: twice.csv:1: name: column given twice ("name" and "名称")' sw-station import twice.csv
printf 'code,name,level,colour\nX1,甲站,township,red\n' >extra.csv
db_snap
expect_fail 1 'sw-station: extra.csv:1: colour: not a column of stations; rename it to one of its columns, or leave it out with --ignore-column colour' sw-station import extra.csv
db_same "an unknown column stops the import before anything is stored"
run sw-station import --ignore-column colour extra.csv
check_rc 0 "--ignore-column drops it on purpose"
printf 'foo,bar\n1,2\n' >what.csv
expect_fail 1 'sw-station: what.csv: no header row in the first 2 rows: cannot tell the table (stations, divisions, orgs, workers, certificates, supervision, training, volunteers, volunteer_hours, resources, resource_uses, contracts, contract_staffing, spending); the header names the columns (see the man page)' sw-station import what.csv
expect_fail 2 'sw-station: --table: unknown table "people"' sw-station import --table people what.csv
: >empty.csv
expect_fail 1 'sw-station: empty.csv: empty file (a header row is required)' sw-station import empty.csv
printf 'code,name,level\n' >header.csv
run sw-station import header.csv
check_rc 0 "a header-only file imports nothing"
check_err "and says so" <<'X'
sw-station: header.csv: read 0, inserted 0, updated 0, unchanged 0, rejected 0
X
printf 'code,name,level\nX2,甲站,township,,,extra\n' >wide.csv
expect_fail 1 'sw-station: wide.csv:2: column 6 has a value but no header: give the column a name or clear it' sw-station import wide.csv
printf 'code,name,level\nX3,"甲站,township\n' >quote.csv
expect_fail 1 'sw-station: quote.csv:2: unterminated quoted field (file not imported)' sw-station import quote.csv

# encodings
printf 'code,name,level\nG1,东村站,village\n' | iconv -f UTF-8 -t GB18030 >gb.csv
run sw-station import --encoding utf-8 gb.csv
check_rc 1 "GB18030 read as UTF-8 (when told so) is refused"
check_err "with a hint" <<'X'
sw-station: gb.csv:2: invalid UTF-8 (if the file is GB18030, use --encoding gb18030)
sw-station: gb.csv: read 1, inserted 0, updated 0, unchanged 0, rejected 1
X
printf 'code,name,level,parent_code\nG1,东村站,village,T\n' | iconv -f UTF-8 -t GB18030 >gb.csv
run sw-station import --encoding gb18030 gb.csv
check_rc 0 "--encoding gb18030 imports"
[ "$(sql "select name from stations where code='G1'")" = 东村站 ]
ok $? "stored as UTF-8"
printf '编号,名称,层级,上级编号\nG4,南村站,服务点,T\n' | iconv -f UTF-8 -t GB18030 >gbzh.csv
run_in gbzh.csv sw-station import -
check_rc 0 "GB18030 with Chinese headers on stdin, no --encoding: recognised"
[ "$(sql "select name || '|' || level from stations where code='G4'")" = "南村站|village" ]
ok $? "stored as UTF-8, level mapped"
printf '\357\273\277code,name,level,parent_code\r\nG2,西村站,village,T\r\n' >bom.csv
run sw-station import bom.csv
check_rc 0 "BOM and CRLF"
expect_fail 2 'sw-station: --encoding: unknown encoding "latin1" (expected utf-8, gb18030, utf-16)' sw-station import --encoding latin1 bom.csv
expect_fail 3 'sw-station: missing.csv: No such file or directory' sw-station import missing.csv

# a station given below another, then that one lowered to its level in
# the same file: refused, as when the lower one was stored before (on a
# server too, where a file's rows are stored a chunk at a time)
printf 'code,name,level,parent_code\nLV,甲站,township,\n' >lv1.csv
printf 'code,name,level,parent_code\nLV1,乙点,village,LV\nLV,甲站,village,\n' >lv2.csv
run sw-station import -q lv1.csv
expect_fail 1 'sw-station: lv2.csv:3: level: child "LV1" is village, not below village' sw-station import lv2.csv

# schema versions
if [ "$BACKEND" = pg ]; then
	sql "UPDATE sw_schema SET version = 99" >/dev/null
	at=$PGDB
else
	sql "PRAGMA user_version=99"
	at=$T/sw.db
fi
expect_fail 3 "sw-station: $at: schema version 99 is newer than this program's ($SCHEMA): upgrade sw-tools" sw-station list

done_testing
