#!/bin/sh
# sw-match place, import of placements and placements: stages move forward
# in time, a hire uses up headcount, closed vacancies and closed months, and
# the listing with its filters.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
cat >emp.csv <<'X'
employer_id,name,district
E1,宏达机械,梅江镇
E2,云山物流园,云山街道
X
cat >vac.csv <<'X'
vacancy_id,employer_id,title,skills,wage_min,wage_max,headcount,posted_on,closes_on
V1,E1,电焊工,焊工,5000,7000,1,2026-01-01,2026-12-31
V2,E2,叉车司机,叉车,5000,7000,2,2026-01-01,2026-03-31
X
cat >sk.csv <<'X'
seeker_id,name,skills,education,registered_on,station_code,worker_id
S1,张一,焊工,初中,2026-01-05,QX-101,W013
S2,王二,焊工,初中,2026-01-05,QX-101,W013
S3,李三,叉车,初中,2026-01-05,QX-002,W010
X
run sw-match import -q emp.csv vac.csv sk.csv
check_rc 0 "fixture imports"

# The whole path of one placement, Chinese stage names included.
for step in "配对 2026-02-01" "推荐 2026-02-03 --worker W014" "面试 2026-02-10" \
	"入职 2026-02-15" "retained_3m 2026-05-15" "稳岗6个月 2026-08-15"; do
	set -- $step
	run sw-match place S1 V1 --stage "$1" --date "$2" ${3:+"$3" "$4"}
	[ "$rc" = 0 ] || break
done
check_rc 0 "matched, referred, interviewed, hired, retained 3 and 6 months"
check_err "each step confirmed with its stage key" <<'X'
sw-match: S1 at V1: retained_6m on 2026-08-15
X
[ "$(sql "select stage || ' ' || date || ' ' || coalesce(worker_id, '-') from placements order by date" |
	tr '\n' '|')" = \
"matched 2026-02-01 -|referred 2026-02-03 W014|interviewed 2026-02-10 -|hired 2026-02-15 -|retained_3m 2026-05-15 -|retained_6m 2026-08-15 -|" ]
ok $? "six stages stored under their keys, --worker kept"
run sw-match place S1 V1 --stage 入职 --date 2026-02-15
check_rc 0 "the same stage again is no error"
check_err "and says so" <<'X'
sw-match: S1 at V1: hired on 2026-02-15 (already recorded)
X
run sw-match place -q S1 V1 --stage hired --date 2026-02-15
check_err "-q: nothing on stderr" </dev/null

db_snap
expect_fail 1 'sw-match: stage: hired on 2026-09-01 goes backwards from retained_3m on 2026-05-15' \
	sw-match place S1 V1 --stage hired --date 2026-09-01
expect_fail 1 'sw-match: stage: interviewed on 2026-02-20 goes backwards from hired on 2026-02-15' \
	sw-match place S1 V1 --stage interviewed --date 2026-02-20
expect_fail 1 'sw-match: stage: interviewed on 2026-01-20 goes backwards from matched on 2026-02-01' \
	sw-match place S1 V1 --stage 面试 --date 2026-01-20
expect_fail 1 'sw-match: stage: ended on 2026-08-01 goes backwards from retained_6m on 2026-08-15' \
	sw-match place S1 V1 --stage 离职 --date 2026-08-01
expect_fail 1 'sw-match: vacancy_id: vacancy is not open on 2026-04-01 (closed on 2026-03-31)' \
	sw-match place S3 V2 --stage referred --date 2026-04-01
expect_fail 1 'sw-match: vacancy_id: vacancy is not open on 2025-12-31 (posted on 2026-01-01)' \
	sw-match place S3 V2 --stage matched --date 2025-12-31
expect_fail 1 'sw-match: vacancy_id: vacancy is not open on 2026-04-01 (closed on 2026-03-31)' \
	sw-match place S3 V2 --stage hired --date 2026-04-01
expect_fail 1 'sw-match: vacancy_id: no headcount left at vacancy (1 of 1 hired)' \
	sw-match place S2 V1 --stage hired --date 2026-03-01
expect_fail 1 'sw-match: vacancy_id: no headcount left at vacancy (1 of 1 hired on 2026-02-15)' \
	sw-match place S2 V1 --stage hired --date 2026-01-20
expect_fail 1 'sw-match: stage: retained_3m needs a hire recorded on or before 2026-06-01' \
	sw-match place S2 V1 --stage retained_3m --date 2026-06-01
expect_fail 1 'sw-match: stage: ended needs a hire recorded on or before 2026-06-01' \
	sw-match place S3 V2 --stage ended --date 2026-06-01
expect_fail 1 'sw-match: date: retained_3m on 2026-05-15 is less than 3 months after the hire on 2026-03-01 (due 2026-06-01)' \
	sw-match place S1 V1 --stage hired --date 2026-03-01
expect_fail 1 'sw-match: seeker_id: unknown seeker' \
	sw-match place S9 V1 --stage referred --date 2026-04-01
expect_fail 1 'sw-match: vacancy_id: unknown vacancy' \
	sw-match place S1 V9 --stage referred --date 2026-04-01
expect_fail 1 'sw-match: worker_id: unknown worker' \
	sw-match place S2 V1 --stage referred --date 2026-04-01 --worker W999
expect_fail 2 'sw-match: --stage: unknown value "offered" (expected matched, referred, interviewed, hired, retained_3m, retained_6m, ended)' \
	sw-match place S2 V1 --stage offered --date 2026-04-01
expect_fail 2 'sw-match: --date: impossible date' \
	sw-match place S2 V1 --stage referred --date 2026-02-30
expect_fail 2 'sw-match: --date: not a date (expected YYYY-MM-DD)' \
	sw-match place S2 V1 --stage referred --date yesterday
expect_fail 2 'sw-match: place: --stage and --date are required' \
	sw-match place S2 V1 --stage referred
check_err_has "Try 'sw-match place --help'." "a Try line follows on stderr"
expect_fail 2 'sw-match: place: --stage and --date are required' \
	sw-match place S2 V1 --date 2026-04-01
expect_fail 2 'sw-match: place: expected SEEKER VACANCY' \
	sw-match place S2 --stage referred --date 2026-04-01
expect_fail 2 'sw-match: place: expected SEEKER VACANCY' \
	sw-match place S2 V1 V2 --stage referred --date 2026-04-01
db_same "no failed place changed the database"

# A later hire frees the place once the earlier job has ended.
run sw-match place S1 V1 --stage ended --date 2026-09-30
check_rc 0 "ended after the 6-month retention"
run sw-match place S2 V1 --stage hired --date 2026-10-08
check_rc 0 "the headcount is free again after an end"
expect_fail 1 'sw-match: vacancy_id: no headcount left at vacancy (1 of 1 hired)' \
	sw-match place S3 V1 --stage hired --date 2026-10-09

# A month closed by sw-report close: nothing new dated in it.
sql "INSERT INTO closed_months(month, closed_at, \"user\", fingerprint) VALUES('2026-10','x','u','f')"
db_snap
expect_fail 1 'sw-match: date: month 2026-10 is closed (sw-report close --reopen to change it)' \
	sw-match place S3 V1 --stage referred --date 2026-10-20
expect_fail 1 'sw-match: date: month 2026-10 is closed (sw-report close --reopen to change it)' \
	sw-match place S2 V1 --stage hired --date 2026-11-02
db_same "nothing stored in or moved out of a closed month"
run sw-match place S2 V1 --stage hired --date 2026-10-08
check_rc 0 "an unchanged row dated in a closed month may be recorded again"
run sw-match place S3 V1 --stage referred --date 2026-11-02
check_rc 0 "an open month takes new rows"

# The same rules through a file: line numbers, rows checked against the
# rows before them in the same file, nothing half-written with --strict.
cat >pl.csv <<'X'
求职者编号,岗位编号,阶段,日期,就业辅导员
S3,V2,推荐,2026-01-10,W010
S3,V2,入职,2026-02-01,W010
S3,V2,面试,2026-02-05,W010
S3,V2,稳岗3个月,2026-05-01,W010
S3,V2,离职,2026-04-15,W010
S2,V2,hired,2026-03-01,W013
S2,V2,retained_3m,2026-05-31,
S1,V2,hired,2026-01-20,
S1,V2,hired,2026-03-20,
S2,V2,retained_6m,2026-09-01,
S3,V1,matched,2026-10-25,
S3,V1,interviewed,2026-11-05,
S3,V9,referred,2026-11-05,
S3,V1,retained_3m,2026-11-06,W077
S3,V2,retained_6m,2026-07-31,
X
run sw-match import pl.csv
check_rc 1 "bad placement rows give status 1"
check_err "every rule named with its line" <<'X'
sw-match: pl.csv:4: stage: interviewed on 2026-02-05 goes backwards from hired on 2026-02-01
sw-match: pl.csv:6: stage: ended on 2026-04-15 goes backwards from retained_3m on 2026-05-01
sw-match: pl.csv:8: date: retained_3m on 2026-05-31 is less than 3 months after the hire on 2026-03-01 (due 2026-06-01)
sw-match: pl.csv:9: vacancy_id: no headcount left at vacancy (2 of 2 hired on 2026-03-01)
sw-match: pl.csv:10: vacancy_id: no headcount left at vacancy (2 of 2 hired)
sw-match: pl.csv:12: date: month 2026-10 is closed (sw-report close --reopen to change it)
sw-match: pl.csv:14: vacancy_id: unknown vacancy
sw-match: pl.csv:15: worker_id: unknown worker
sw-match: pl.csv:16: date: retained_6m on 2026-07-31 is less than 6 months after the hire on 2026-02-01 (due 2026-08-01)
sw-match: pl.csv: read 15, inserted 6, updated 0, unchanged 0, rejected 9
X
[ "$(sql "select seeker_id || vacancy_id || ' ' || stage from placements
	where vacancy_id = 'V2' or date > '2026-11-01' order by date" | tr '\n' '|')" = \
"S3V2 referred|S3V2 hired|S2V2 hired|S3V2 retained_3m|S2V2 retained_6m|S3V1 referred|S3V1 interviewed|" ]
ok $? "only the good rows are stored"

printf 'seeker_id,vacancy_id,stage,date\nS1,V2,referred,2026-02-01\nS1,V2,hired,2026-03-25\n' >strict.csv
db_snap
run sw-match import --strict strict.csv
check_rc 1 "--strict fails on one bad row"
check_err "--strict names the row and stores nothing" <<'X'
sw-match: strict.csv:3: vacancy_id: no headcount left at vacancy (2 of 2 hired)
sw-match: strict.csv: --strict: nothing imported
X
db_same "nothing half-written"

# placements: the listing and its filters.
run sw-match placements
check_rc 0 "placements lists everything"
check_out "by seeker, vacancy, date and stage order; the placement's worker, else the seeker's" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
S1,张一,V1,电焊工,宏达机械,matched,2026-02-01,W013,QX-101
S1,张一,V1,电焊工,宏达机械,referred,2026-02-03,W014,QX-101
S1,张一,V1,电焊工,宏达机械,interviewed,2026-02-10,W013,QX-101
S1,张一,V1,电焊工,宏达机械,hired,2026-02-15,W013,QX-101
S1,张一,V1,电焊工,宏达机械,retained_3m,2026-05-15,W013,QX-101
S1,张一,V1,电焊工,宏达机械,retained_6m,2026-08-15,W013,QX-101
S1,张一,V1,电焊工,宏达机械,ended,2026-09-30,W013,QX-101
S2,王二,V1,电焊工,宏达机械,hired,2026-10-08,W013,QX-101
S2,王二,V2,叉车司机,云山物流园,hired,2026-03-01,W013,QX-101
S2,王二,V2,叉车司机,云山物流园,retained_6m,2026-09-01,W013,QX-101
S3,李三,V1,电焊工,宏达机械,referred,2026-11-02,W010,QX-002
S3,李三,V1,电焊工,宏达机械,interviewed,2026-11-05,W010,QX-002
S3,李三,V2,叉车司机,云山物流园,referred,2026-01-10,W010,QX-002
S3,李三,V2,叉车司机,云山物流园,hired,2026-02-01,W010,QX-002
S3,李三,V2,叉车司机,云山物流园,retained_3m,2026-05-01,W010,QX-002
X
run sw-match placements --stage 入职
check_out "--stage takes the Chinese name" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
S1,张一,V1,电焊工,宏达机械,hired,2026-02-15,W013,QX-101
S2,王二,V1,电焊工,宏达机械,hired,2026-10-08,W013,QX-101
S2,王二,V2,叉车司机,云山物流园,hired,2026-03-01,W013,QX-101
S3,李三,V2,叉车司机,云山物流园,hired,2026-02-01,W010,QX-002
X
run sw-match placements --seeker S3 --vacancy V2
check_out "--seeker and --vacancy together" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
S3,李三,V2,叉车司机,云山物流园,referred,2026-01-10,W010,QX-002
S3,李三,V2,叉车司机,云山物流园,hired,2026-02-01,W010,QX-002
S3,李三,V2,叉车司机,云山物流园,retained_3m,2026-05-01,W010,QX-002
X
run sw-match placements --station QX-101 --from 2026-02-10 --to 2026-05-15
check_out "--station with a date range, both ends included" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
S1,张一,V1,电焊工,宏达机械,interviewed,2026-02-10,W013,QX-101
S1,张一,V1,电焊工,宏达机械,hired,2026-02-15,W013,QX-101
S1,张一,V1,电焊工,宏达机械,retained_3m,2026-05-15,W013,QX-101
S2,王二,V2,叉车司机,云山物流园,hired,2026-03-01,W013,QX-101
X
run sw-match placements --worker W014
check_out "--worker finds the placement's own worker" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
S1,张一,V1,电焊工,宏达机械,referred,2026-02-03,W014,QX-101
X
run sw-match placements --worker W013 --vacancy V1 --stage ended
check_out "--worker falls back to the seeker's coach" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
S1,张一,V1,电焊工,宏达机械,ended,2026-09-30,W013,QX-101
X
run sw-match placements --seeker S3 --from 2026-11-01 -f jsonl
check_out "jsonl: one object per line" <<'X'
{"seeker_id":"S3","name":"李三","vacancy_id":"V1","title":"电焊工","employer":"宏达机械","stage":"referred","date":"2026-11-02","worker_id":"W010","station_code":"QX-002"}
{"seeker_id":"S3","name":"李三","vacancy_id":"V1","title":"电焊工","employer":"宏达机械","stage":"interviewed","date":"2026-11-05","worker_id":"W010","station_code":"QX-002"}
X
run sw-match placements --station QX-999
check_rc 0 "no match is no error"
check_out "header only" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
X
# On a terminal (script(1) gives one) a seeker's name is masked, as
# sw-case's listings mask, unless --no-mask; --mask masks it anywhere.
tty() { script -qec "$*" /dev/null </dev/null | tr -d '\r' >"$T/.out"; }
tty sw-match placements --seeker S1 --stage hired
check_out "placements on a terminal: the name masked" <<'X'
seeker_id  name  vacancy_id  title   employer  stage  date        worker_id  station_code
S1         张*   V1          电焊工  宏达机械  hired  2026-02-15  W013       QX-101
X
tty sw-match placements --no-mask --seeker S1 --stage hired
check_out_has "S1         张一  V1" "--no-mask on a terminal: in clear, when asked"
run sw-match placements --mask --seeker S1 --stage 入职 --lang zh
check_out "--mask into a pipe: masked too" <<'X'
seeker_id,name,vacancy_id,title,employer,stage,date,worker_id,station_code
S1,张*,V1,电焊工,宏达机械,hired,2026-02-15,W013,QX-101
X
tty sw-match list --table seekers
! grep -q '张一\|王二\|李三' .out && grep -q '张\*' .out && grep -q '王\*' .out
ok $? "list on a terminal: no seeker's name in clear"
tty sw-match placements --lang zh --seeker S1 --stage hired
check_out "in Chinese on a terminal: Chinese titles and stages, the name masked" <<'X'
求职者编号  姓名  岗位编号  岗位名称  用人单位  阶段  日期        就业辅导员  站点编号
S1          张*   V1        电焊工    宏达机械  入职  2026-02-15  W013        QX-101
X
# Ten hires at once for two places: two stored, eight refused for want of
# headcount, nothing else said (a server's conflicts are tried again).
printf 'vacancy_id,employer_id,title,skills,wage_min,wage_max,headcount,posted_on\nV5,E1,焊工,焊工,5000,7000,2,2026-01-01\n' >v5.csv
awk 'BEGIN { print "seeker_id,name,skills,education"; for (i = 1; i <= 10; i++) printf "R%02d,某%d,焊工,初中\n", i, i }' >r.csv
run sw-match import -q v5.csv r.csv
check_rc 0 "a vacancy of two places and ten seekers"
mkdir race
for i in 01 02 03 04 05 06 07 08 09 10; do
	{ sw-match place -q R$i V5 --stage hired --date 2026-11-02 2>"race/$i.err" </dev/null; echo $? >"race/$i.rc"; } &
done
wait
[ "$(cat race/*.rc | sort | tr -d '\n')" = 0011111111 ] &&
	[ "$(grep -c '^sw-match: vacancy_id: no headcount left at vacancy (2 of 2 hired)$' race/*.err | grep -c ':1$')" = 8 ] &&
	[ "$(cat race/*.err | wc -l)" = 8 ]
ok $? "ten hires at once: two placed, eight refused with the reason, nothing else said"
run sql "SELECT count(*) FROM placements WHERE vacancy_id = 'V5'"
check_out "two stored" <<'X'
2
X
expect_fail 2 'sw-match: --from: not a date (expected YYYY-MM-DD)' sw-match placements --from 1.2.2026
expect_fail 2 'sw-match: unexpected argument "S1"' sw-match placements S1

done_testing
