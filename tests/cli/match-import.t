#!/bin/sh
# sw-match import: the four job tables, Chinese headers, and every bad-input rule.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-match import "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv" "$SAMPLE/placements.csv"
check_rc 0 "the sample county imports"
check_err "tables told apart by their (Chinese) headers" <<X
sw-match: $SAMPLE/employers.csv: read 8, inserted 8, updated 0, unchanged 0, rejected 0
sw-match: $SAMPLE/vacancies.csv: read 12, inserted 12, updated 0, unchanged 0, rejected 0
sw-match: $SAMPLE/seekers.csv: read 16, inserted 16, updated 0, unchanged 0, rejected 0
sw-match: $SAMPLE/placements.csv: read 13, inserted 13, updated 0, unchanged 0, rejected 0
X
run sw-match export --table seekers
check_out_has "S001,,张国强,焊工;安全生产;叉车,junior_high,6000,梅江镇,,0,2026-08-05,QX-101,W013," "skills normalised, education to its key"
cp .out seekers-export.csv
run sw-match import seekers-export.csv
check_err_has "read 16, inserted 0, updated 0, unchanged 16, rejected 0" "export imports back unchanged"

fresh_db
run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
cat >emp.csv <<'X'
employer_id,name,district,accessible
E1,青溪宏达机械,梅江镇,否
E2,云山物流园,云山街道,是
X
cat >vac.csv <<'X'
vacancy_id,employer_id,title,skills,education_min,wage_min,wage_max,district,headcount,accessible,posted_on,closes_on
V1,E1,电焊工,焊工;安全生产,初中,5500,7500,,1,否,2026-09-01,2026-12-31
V2,E9,叉车司机,叉车,初中,5000,6500,云山街道,2,否,2026-09-01,
V3,E2,理货员,理货,初中,4800,3800,云山街道,2,是,2026-09-01,
V4,E2,理货员,理货,初中,3800,4800,云山街道,0,是,2026-09-01,
V5,E2,理货员,理货,初中,3800,4800,云山街道,-2,是,2026-09-01,
V6,E2,理货员,理货,博士后,3800,4800,云山街道,1,是,2026-09-01,
V7,E2,理货员,,初中,3800,4800,云山街道,1,是,2026-09-01,
V8,E2,仓管,理货;电脑操作,初中,3800,4800,云山街道,1,是,2026-01-01,2026-06-30
V9,E2,仓管,理货,初中,3800,4800,云山街道,1,是,2026-07-01,2026-06-30
X
run sw-match import emp.csv vac.csv
check_rc 1 "bad vacancies give status 1"
check_err "each bad vacancy named with line and column" <<'X'
sw-match: vac.csv:3: employer_id: unknown employer "E9"
sw-match: vac.csv:4: wage_max: 3800 is below wage_min 4800
sw-match: vac.csv:5: headcount: out of range (1 to 10000)
sw-match: vac.csv:6: headcount: out of range (1 to 10000)
sw-match: vac.csv:7: education_min: unknown value "博士后" (expected none, primary, junior_high, senior_high, vocational, college, bachelor, postgraduate)
sw-match: vac.csv:8: skills: required
sw-match: vac.csv:10: closes_on: 2026-06-30 is before posted_on 2026-07-01
sw-match: emp.csv: read 2, inserted 2, updated 0, unchanged 0, rejected 0
sw-match: vac.csv: read 9, inserted 2, updated 0, unchanged 0, rejected 7
X
[ "$(sql "select vacancy_id from vacancies order by vacancy_id" | tr '\n' ,)" = "V1,V8," ]
ok $? "only the good vacancies are stored"

cat >sk.csv <<'X'
求职者编号,姓名,技能,学历,期望工资,居住区域,站点编号,就业辅导员,登记日期
S1,张国强,焊工；安全生产,初中,6000,梅江镇,QX-101,W013,2026-08-05
S2,王磊,ＦＯＲＫＬＩＦＴ、叉车,高中,5000,云山街道,QX-002,W010,2026-08-20
S3,李四,,初中,5000,云山街道,QX-002,W010,2026-08-20
S4,赵六,保洁,大学,3000,云山街道,QX-002,W010,2026-08-20
S5,钱七,保洁,小学,3000,云山街道,QX-999,W010,2026-08-20
X
run sw-match import sk.csv
check_rc 1 "bad seekers give status 1"
check_err "empty skills, unknown education, unknown station" <<'X'
sw-match: sk.csv:4: skills: required
sw-match: sk.csv:5: education: unknown value (expected none, primary, junior_high, senior_high, vocational, college, bachelor, postgraduate)
sw-match: sk.csv:6: station_code: unknown station
sw-match: sk.csv: read 5, inserted 2, updated 0, unchanged 0, rejected 3
X
[ "$(sql "select skills from seekers where seeker_id='S2'")" = "forklift;叉车" ]
ok $? "skills trimmed, case-folded and full-width folded"

cat >pl.csv <<'X'
求职者编号,岗位编号,阶段,日期
S1,V1,推荐,2026-09-10
S1,V1,入职,2026-09-20
S1,V1,面试,2026-09-25
S2,V8,referred,2026-09-10
S2,V1,hired,2026-09-21
S2,V1,retained_3m,2026-12-21
S9,V1,referred,2026-09-10
S2,V1,offered,2026-09-10
X
run env SW_TODAY=2027-01-31 sw-match import pl.csv
check_rc 1 "bad placements give status 1"
check_err "stage backwards, closed vacancy, no headcount, retention without hire" <<'X'
sw-match: pl.csv:4: stage: interviewed on 2026-09-25 goes backwards from hired on 2026-09-20
sw-match: pl.csv:5: vacancy_id: vacancy is not open on 2026-09-10 (closed on 2026-06-30)
sw-match: pl.csv:6: vacancy_id: no headcount left at vacancy (1 of 1 hired)
sw-match: pl.csv:7: stage: retained_3m needs a hire recorded on or before 2026-12-21
sw-match: pl.csv:8: seeker_id: unknown seeker
sw-match: pl.csv:9: stage: unknown value (expected matched, referred, interviewed, hired, retained_3m, retained_6m, ended)
sw-match: pl.csv: read 8, inserted 2, updated 0, unchanged 0, rejected 6
X
[ "$(sql "select count(*) from placements")" = 2 ]
ok $? "rejected placements are not stored"

printf 'seeker_id,vacancy_id,stage,date\nS2,V8,hired,2026-05-01\nS2,V1,referred,2026-13-01\n' >strict.csv
run sw-match import --strict strict.csv
check_rc 1 "--strict fails on one bad row"
check_err "--strict names the row and stores nothing" <<'X'
sw-match: strict.csv:3: date: impossible date
sw-match: strict.csv: --strict: nothing imported
X
[ "$(sql "select count(*) from placements")" = 2 ]
ok $? "nothing half-written"

done_testing
