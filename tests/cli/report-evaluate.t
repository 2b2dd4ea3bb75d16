#!/bin/sh
# sw-report evaluate: an indicator system scored from the figures and by an
# evaluator's sheet; each bad system or sheet named by file and line.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

# In 2026-10, T1 (with V1 and V2 under it) has 3 services, 2 cases opened,
# 1 closed, 3 staff at the end; T2 (closed 2026-10-15) 1 service, none
# opened, 1 closed, no staff. C and R report for no one: not evaluated.
cat >system.csv <<'X'
code,parent,name,max,how
A,,服务开展,10,
A1,A,服务人次,4,services >= 3
A2,A,个案,3,cases_opened linear 3
A3,A,结案率,3,cases_closed / cases_opened >= 50%
B,,队伍建设,5,
B1,B,在岗社工,2,staff >= 2
B2,B,督导记录,3,
X
cat >scores.csv <<'X'
station_code,code,score,note
T1,B2,2.5,记录齐全
T2,B2,1,"缺少两次记录"
X
# the output but its last line (the fingerprint), which the figures' list
# changes as it grows
drop_fp() { sed '$d' .out >.out2 && mv .out2 .out; }
run sw-report evaluate --system system.csv --scores scores.csv --from 2026-10-01 --to 2026-10-31 -f csv
check_rc 0 "evaluate scores every station that reports"
fp=$(tail -1 .out)
drop_fp
check_out "each point with its score and evidence, subtotals, total, grade (13.5 of 15 is 90%: excellent)" <<'X'
period,station_code,station_name,code,level,name,max,score,rule,value,note,grade
2026-10-01..2026-10-31,T1,梅江镇站,A,dimension,服务开展,10,9,,,,
2026-10-01..2026-10-31,T1,梅江镇站,A1,point,服务人次,4,4,services >= 3,3,,
2026-10-01..2026-10-31,T1,梅江镇站,A2,point,个案,3,2,cases_opened linear 3,2,,
2026-10-01..2026-10-31,T1,梅江镇站,A3,point,结案率,3,3,cases_closed / cases_opened >= 0.5,0.50,,
2026-10-01..2026-10-31,T1,梅江镇站,B,dimension,队伍建设,5,4.5,,,,
2026-10-01..2026-10-31,T1,梅江镇站,B1,point,在岗社工,2,2,staff >= 2,3,,
2026-10-01..2026-10-31,T1,梅江镇站,B2,point,督导记录,3,2.5,,,记录齐全,
2026-10-01..2026-10-31,T1,梅江镇站,,total,,15,13.5,,,,excellent
2026-10-01..2026-10-31,T2,石门镇站,A,dimension,服务开展,10,0,,,,
2026-10-01..2026-10-31,T2,石门镇站,A1,point,服务人次,4,0,services >= 3,1,,
2026-10-01..2026-10-31,T2,石门镇站,A2,point,个案,3,0,cases_opened linear 3,0,,
2026-10-01..2026-10-31,T2,石门镇站,A3,point,结案率,3,0,cases_closed / cases_opened >= 0.5,,,
2026-10-01..2026-10-31,T2,石门镇站,B,dimension,队伍建设,5,1,,,,
2026-10-01..2026-10-31,T2,石门镇站,B1,point,在岗社工,2,0,staff >= 2,0,,
2026-10-01..2026-10-31,T2,石门镇站,B2,point,督导记录,3,1,,,缺少两次记录,
2026-10-01..2026-10-31,T2,石门镇站,,total,,15,1,,,,fail
X
run sw-report evaluate --system system.csv --scores scores.csv --from 2026-10-01 --to 2026-10-31 -f csv
tail -1 .out | grep -qx '2026-10-01\.\.2026-10-31,,,,fingerprint,,,,,[0-9a-f]\{64\},,' && cp .out .first
ok $? "the last row is the fingerprint of the inputs"
run sw-report evaluate --system system.csv --scores scores.csv --from 2026-10-01 --to 2026-10-31 -f csv
cmp -s .out .first
ok $? "the same inputs give the same scorecard, fingerprint included"
sed 's/2.5,记录齐全/2.5,记录基本齐全/' scores.csv >scores2.csv
run sw-report evaluate --system system.csv --scores scores2.csv --from 2026-10-01 --to 2026-10-31 -f csv
[ "$(tail -1 .out)" != "$fp" ]
ok $? "an evaluator's note changes the fingerprint"
sql "INSERT INTO services (service_id, client_id, station_code, date, type, minutes) VALUES ('S9', 'P2', 'V2', '2026-10-20', 'visit', 5)" >/dev/null
run sw-report evaluate --system system.csv --scores scores.csv --from 2026-10-01 --to 2026-10-31 -f csv
[ "$(tail -1 .out)" != "$fp" ] && grep -q '^2026-10-01\.\.2026-10-31,T1,梅江镇站,A1,point,服务人次,4,4,services >= 3,4,,$' .out
ok $? "so does a record of a village point, counted at its township station"
sql "DELETE FROM services WHERE service_id = 'S9'" >/dev/null

run sw-report evaluate --system system.csv --scores scores.csv --from 2026-10-01 --to 2026-10-31 --station T1 -f md --lang zh
check_rc 0 "a station's scorecard, in Chinese"
drop_fp
check_out "points, evidence, total and grade for people" <<'X'
| 编号 | 指标     | 分值 | 评分方式                                | 梅江镇站                                                         |
| ---- | -------- | ---: | --------------------------------------- | ---------------------------------------------------------------- |
| A    | 服务开展 |   10 |                                         | 9                                                                |
| A1   | 服务人次 |    4 | services &gt;= 3                        | 4（服务人次 3，需达到 3）                                        |
| A2   | 个案     |    3 | cases\_opened linear 3                  | 2（开案 2 / 3）                                                  |
| A3   | 结案率   |    3 | cases\_closed / cases\_opened &gt;= 0.5 | 3（结案 / 开案 = 0.50）                                          |
| B    | 队伍建设 |    5 |                                         | 4.5                                                              |
| B1   | 在岗社工 |    2 | staff &gt;= 2                           | 2（在岗社工 3，需达到 2）                                        |
| B2   | 督导记录 |    3 | 评估人评分                              | 2.5（记录齐全）                                                  |
|      | 总分     |   15 |                                         | 13.5                                                             |
|      | 等级     |      |                                         | 优秀                                                             |
X
run sw-report evaluate --system system.csv --from 2026-10-01 --to 2026-10-31 --station T2 -f html --lang zh -o card.html
check_rc 0 "html"
grep -q '<td>不合格</td>' card.html 2>/dev/null
[ $? = 1 ] && grep -q '<td>待评</td>' card.html && grep -q '<td>未评分</td>' card.html
ok $? "html: without a score sheet the evaluator's points are not scored, and there is no grade"
check_err "and a warning says why" <<'X'
sw-report: 有1个评分点由评估人打分：请用 --scores 评分表 给出得分（在此之前不评等级）
X

printf 'station_code,code,score,note\nT1,B2,3,\n' >part.csv
run sw-report evaluate --system system.csv --scores part.csv --from 2026-10-01 --to 2026-10-31 -f csv
check_rc 1 "a sheet that leaves a station's point unscored: status 1"
check_err "naming the station" <<'X'
sw-report: part.csv: station T2: 1 of 1 points an evaluator scores have no score (no grade)
X
grep -q ',T2,石门镇站,,total,,15,0,,,,$' .out
ok $? "its total counts what is scored, without a grade"

# Chinese headers, a title row, an .xlsx score sheet
cat >体系.csv <<'X'
社工站评估指标体系（试行）
编号,上级编号,名称,分值,评分方式
A,,服务,4,
A1,A,服务人次,4,services ≥ 3
B,,队伍,5,
B1,B,督导,5,
X
/usr/bin/python3 - <<'X'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "评分表"
for r in [["站点编号", "指标编号", "得分", "备注"], ["T1", "B1", 4.5, "良好"], ["T2", "B1", 2, None]]:
    ws.append(r)
wb.save("评分.xlsx")
X
run sw-report evaluate --system 体系.csv --scores 评分.xlsx --from 2026-10-01 --to 2026-10-31 -f csv
check_rc 0 "Chinese headers below a title, and an .xlsx score sheet"
grep -q '^2026-10-01\.\.2026-10-31,T1,梅江镇站,,total,,9,8.5,,,,excellent$' .out
ok $? "scored as the csv would be"

# the example system: 7 dimensions, 27 indicators, 67 points, 150 marks
run sw-report evaluate --system "$SW_TOP/examples/evaluation/system.csv" --from 2026-01-01 --to 2026-12-31 --station T1 -f csv
check_rc 0 "the example system reads"
[ "$(grep -c ',T1,梅江镇站,[A-G],dimension,' .out)" = 7 ] && [ "$(grep -c ',indicator,' .out)" = 27 ] &&
	[ "$(grep -c ',point,' .out)" = 67 ] && grep -q ',T1,梅江镇站,,total,,150,' .out
ok $? "with its 7 dimensions, 27 indicators, 67 points and 150 marks"

# bad systems: every problem with its line, nothing on stdout
bad_system() {	# bad_system MESSAGE: system.csv holds the file
	run sw-report evaluate --system bad.csv --from 2026-10-01 --to 2026-10-31 -o out.csv
	grep -qxF -- "$1" .err && [ "$rc" = 1 ] && [ ! -e out.csv ]
	s=$?
	ok $s "system: $1"
	[ $s = 0 ] || { echo "#   exit status $rc"; sed 's/^/#   stderr: /' .err | head -5; }
}
printf 'code,parent,name,max,how\nA,,a,5,\nA1,A,x,3,\nA2,A,y,3,\n' >bad.csv
bad_system 'sw-report: bad.csv:2: max: "A" has 5 marks but the indicators under it add up to 6'
printf 'code,parent,name,max,how\nA,,a,5,\nA1,A,x,3,\n' >bad.csv
bad_system 'sw-report: bad.csv:2: max: "A" has 5 marks but the indicators under it add up to only 3'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,3,servics >= 3\n' >bad.csv
bad_system 'sw-report: bad.csv:3: how: unknown figure "servics" (sw-report(1) lists them)'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,3,services > 3\n' >bad.csv
bad_system 'sw-report: bad.csv:3: how: expected FIGURE >= N, FIGURE linear N, FIGURE / FIGURE >= R, or nothing for an evaluator'"'"'s point'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,3,services linear 0\n' >bad.csv
bad_system 'sw-report: bad.csv:3: how: linear needs a number above 0'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,3,services >= 2.5\n' >bad.csv
bad_system 'sw-report: bad.csv:3: how: "2.5" is not a number of services'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,3,cases_closed / cases_opened >= most\n' >bad.csv
bad_system 'sw-report: bad.csv:3: how: "most" is not a ratio (expected 0.6 or 60%)'
printf 'code,parent,name,max,how\nA,,a,,\nA1,B,x,3,\n' >bad.csv
bad_system 'sw-report: bad.csv:3: parent: unknown indicator "B"'
printf 'code,parent,name,max,how\nA,,a,,\nB,C,b,,\nC,B,c,,\nC1,C,x,1,\n' >bad.csv
bad_system 'sw-report: bad.csv:3: parent: "B" is under itself (a cycle through "C")'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,3,\nA1,A,y,2,\n' >bad.csv
bad_system 'sw-report: bad.csv:4: code: "A1" given twice (first on line 3)'
printf 'code,parent,name,max,how\nA,,a,,services >= 1\nA1,A,x,3,\n' >bad.csv
bad_system 'sw-report: bad.csv:2: how: "A" has indicators under it: only a point has a rule'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,,\n' >bad.csv
bad_system 'sw-report: bad.csv:3: max: a point needs its marks'
printf 'code,parent,name,max,how\nA,,a,,\nA1,A,x,2.555,\n' >bad.csv
bad_system 'sw-report: bad.csv:3: max: not a number of marks (at most two decimals)'
printf 'code,parent,name,max,how,weight\nA,,a,1,,\n' >bad.csv
run sw-report evaluate --system bad.csv --from 2026-10-01 --to 2026-10-31
check_rc 1 "system: a column it does not know is refused"
check_err_has "weight" "naming it"

# bad score sheets: each row with its line, nothing written
bad_sheet() {	# bad_sheet ROW MESSAGE
	printf 'station_code,code,score,note\nT1,B2,1,\n%s\n' "$1" >sheet.csv
	run sw-report evaluate --system system.csv --scores sheet.csv --from 2026-10-01 --to 2026-10-31 -o out.csv
	grep -qxF -- "$2" .err && [ "$rc" = 1 ] && [ ! -e out.csv ]
	s=$?
	ok $s "sheet: $2"
	[ $s = 0 ] || { echo "#   exit status $rc"; sed 's/^/#   stderr: /' .err | head -5; }
}
bad_sheet 'T2,B2,3.5,' 'sw-report: sheet.csv:3: score: 3.5 is above the point'"'"'s maximum 3'
bad_sheet 'T2,B9,1,' 'sw-report: sheet.csv:3: code: unknown point "B9"'
bad_sheet 'T9,B2,1,' 'sw-report: sheet.csv:3: station_code: unknown station "T9"'
bad_sheet 'T2,A1,4,' 'sw-report: sheet.csv:3: code: "A1" is scored from the data (services >= 3), not by an evaluator'
bad_sheet 'T2,B,4,' 'sw-report: sheet.csv:3: code: "B" is an indicator, not a point: score its points'
bad_sheet 'T1,B2,2,' 'sw-report: sheet.csv:3: code: "B2" of station "T1" scored twice (first on line 2)'
bad_sheet 'T2,B2,-1,' 'sw-report: sheet.csv:3: score: not a number of marks (at most two decimals)'
bad_sheet 'T2,B2,,' 'sw-report: sheet.csv:3: score: required'
printf 'station_code,code,score,note\nC,B2,1,\nT1,B2,1,\n' >other.csv
run sw-report evaluate --system system.csv --scores other.csv --from 2026-10-01 --to 2026-10-31 --station T1 -f csv
check_rc 0 "rows of a station not evaluated this time are passed over"

# usage
expect_fail 2 "sw-report: evaluate: give --system FILE and --contract C or --from DATE --to DATE" \
	sw-report evaluate --from 2026-10-01 --to 2026-10-31
expect_fail 2 "sw-report: evaluate: give --contract C or --from DATE --to DATE" \
	sw-report evaluate --system system.csv --from 2026-10-01
expect_fail 1 "sw-report: NOPE: no such station" \
	sw-report evaluate --system system.csv --from 2026-10-01 --to 2026-10-31 --station NOPE
expect_fail 3 "sw-report: nope.csv: No such file or directory" \
	sw-report evaluate --system nope.csv --from 2026-10-01 --to 2026-10-31
# --contract: the contract's stations over its period (sw-station's contracts)
cat >org.csv <<'X'
org_id,name,kind
O1,青溪县仁爱社会工作服务中心,社工机构
X
cat >contract.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount,stations
K1,梅江镇社工站运营项目,青溪县民政局,O1,2026-10-01,2026-10-31,150000,T1
X
run sw-station import -q org.csv contract.csv
check_rc 0 "a contract for T1 alone"
run sw-report evaluate --system system.csv --scores scores.csv --contract K1 -f csv
check_rc 0 "evaluate --contract K1"
drop_fp
cut -d, -f1,2 .out | sort -u >.cols
check_out_has "2026-10-01..2026-10-31,T1" "the contract's period, its station"
! grep -q ',T2,' .out
ok $? "and no station outside the contract"
run sw-report evaluate --system system.csv --contract K1 --from 2026-09-01 --to 2026-10-31 -f csv
check_rc 2 "a period outside the contract's is refused"
run sw-report evaluate --system system.csv --contract K9 -f csv
check_err_has 'no contract "K9"' "an unknown contract is named"
# -f xlsx: the scorecard as a workbook, read back by a reader we do not write
run sw-report evaluate --system system.csv --scores scores.csv --from 2026-10-01 --to 2026-10-31 -f xlsx -o card.xlsx
check_rc 0 "evaluate -f xlsx"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	/usr/bin/python3 -c '
import openpyxl
ws = openpyxl.load_workbook("card.xlsx").active
rows = [[c.value for c in r] for r in ws.iter_rows()]
t1 = [r for r in rows if r[1] == "T1" and r[4] == "total"][0]
assert t1[7] == 13.5 and t1[11] == "excellent", t1
' 2>"$T/.err"
	ok $? "the workbook holds the scorecard, scores as numbers"
else
	echo "ok $((n = n + 1)) - # SKIP python3-openpyxl not installed (make deps)"
fi
done_testing
