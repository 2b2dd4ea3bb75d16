#!/bin/sh
# sw-match rank and assign: scores with reasons, deterministic ties, index
# vs exhaustive, CSV input with no database, and the usage errors.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

cat >s.csv <<'X'
seeker_id,name,skills,education,desired_wage,district,needs_accessible
A1,张伟,焊工;电工,中专,6000,梅江镇,否
A2,李娜,保洁,小学,,青溪街道,是
A3,王芳,电商客服;收银,高中,4000,桃源镇,否
X
cat >v.csv <<'X'
vacancy_id,employer_id,title,skills,education_min,wage_min,wage_max,district,headcount,accessible,posted_on,closes_on
J1,E1,电焊工,焊工,初中,5500,7500,梅江镇,1,否,2026-09-01,
J2,E2,保洁员,保洁,,3000,3600,青溪街道,2,是,2026-09-01,
J3,E3,电商客服,电商客服;电脑操作,高中,3500,5000,桃源镇,1,否,2026-09-01,2026-10-31
J4,E1,电工,电工,中专,6000,8000,石门镇,1,否,2026-09-01,
X
run sw-match rank --seekers s.csv --vacancies v.csv --top 3
check_rc 0 "rank from CSV files, no database"
check_out "best first, reasons in words, closed J3 left out" <<'X'
seeker_id,vacancy_id,rank,score,reasons
A1,J1,1,93.1,skills 1/1 (焊工); same district; wage in range; over-qualified
A1,J4,2,75.0,skills 1/1 (电工); other district; wage meets wish; education fits
A2,J2,1,100.0,skills 1/1 (保洁); same district; no wage wish; education fits
A3,J1,1,25.0,skills 0/1; other district; wage meets wish; education fits
X
[ ! -e sw.db ]
ok $? "no database was created"
run sw-match rank --seekers s.csv --vacancies v.csv --on 2026-10-01 --top 1 -f jsonl
check_out "--on opens J3; JSON lines: one object per line" <<'X'
{"seeker_id":"A1","vacancy_id":"J1","rank":1,"score":93.1,"reasons":"skills 1/1 (焊工); same district; wage in range; over-qualified"}
{"seeker_id":"A2","vacancy_id":"J2","rank":1,"score":100.0,"reasons":"skills 1/1 (保洁); same district; no wage wish; education fits"}
{"seeker_id":"A3","vacancy_id":"J3","rank":1,"score":72.5,"reasons":"skills 1/2 (电商客服); same district; wage in range; education fits"}
X
run sw-match rank --seekers s.csv --vacancies v.csv --weights skills=100,district=0,wage=0,education=0 --top 1
check_out "--weights: skills only" <<'X'
seeker_id,vacancy_id,rank,score,reasons
A1,J1,1,100.0,skills 1/1 (焊工); same district; wage in range; over-qualified
A2,J2,1,100.0,skills 1/1 (保洁); same district; no wage wish; education fits
A3,J1,1,0.0,skills 0/1; other district; wage meets wish; education fits
X
run sw-match rank --seekers s.csv --vacancies v.csv --by vacancy --top 2 --min-score 50
check_out "--by vacancy, --min-score" <<'X'
seeker_id,vacancy_id,rank,score,reasons
A1,J1,1,93.1,skills 1/1 (焊工); same district; wage in range; over-qualified
A2,J2,1,100.0,skills 1/1 (保洁); same district; no wage wish; education fits
A1,J4,1,75.0,skills 1/1 (电工); other district; wage meets wish; education fits
X
run sw-match assign --seekers s.csv --vacancies v.csv
check_rc 0 "assign from CSV files"
check_out "assigned, then the unassigned with the reason" <<'X'
seeker_id,vacancy_id,score,reasons
A1,J1,93.1,skills 1/1 (焊工); same district; wage in range; over-qualified
A2,J2,100.0,skills 1/1 (保洁); same district; no wage wish; education fits
A3,,,no vacancy scores at least 30.0
X
check_err "summary on stderr" <<'X'
sw-match: assigned 2 of 3 seekers (3 open vacancies), total score 193.1
X

# Ties: two identical seekers for two identical vacancies. Which one goes
# where is not specified, but both are placed, each vacancy once, and the
# answer is the same on every run.
printf 'seeker_id,name,skills,education\nB1,甲,叉车,初中\nB2,乙,叉车,初中\n' >ts.csv
printf 'vacancy_id,employer_id,title,skills,wage_min,wage_max,headcount,posted_on\nK2,E,叉车工,叉车,4000,5000,1,2026-01-01\nK1,E,叉车工,叉车,4000,5000,1,2026-01-01\n' >tv.csv
run sw-match assign -q --seekers ts.csv --vacancies tv.csv --min-score 0
[ "$(awk -F, 'NR > 1 { print $1 "," $3 }' .out)" = "$(printf 'B1,75.0\nB2,75.0')" ] &&
	[ "$(awk -F, 'NR > 1 { print $2 }' .out | sort | tr '\n' ' ')" = "K1 K2 " ]
ok $? "ties: both placed, each vacancy once"
cp .out tie.csv
same=0
for i in 1 2 3; do
	run sw-match assign -q --seekers ts.csv --vacancies tv.csv --min-score 0
	cmp -s .out tie.csv || same=1
done
ok $same "ties: the same answer on every run"

# The sample county from the database: hired seekers and filled places are out.
run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-match import -q "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv" "$SAMPLE/placements.csv"
run sw-match rank --top 2 --on 2026-10-28
check_out_has 'S001,V001,1,98.1,"skills 2/2 (焊工, 安全生产); same district; wage in range; education fits"' "rank from the database"
grep -q '^S007,\|^S013,\|^S006,' .out
[ $? = 1 ]
ok $? "seekers in work are not proposed"
grep -q ',V012,' .out
[ $? = 1 ]
ok $? "a vacancy closed on the date is not proposed"
for by in seeker vacancy; do
	for k in 1 3 20; do
		run sw-match rank --on 2026-10-28 --top $k --by $by
		cp .out idx.csv
		run sw-match rank --on 2026-10-28 --top $k --by $by --exhaustive
		cmp -s .out idx.csv
		ok $? "indexed = exhaustive (--by $by --top $k)"
	done
done

# A generated market, big enough for ties and the index to matter.
awk 'BEGIN { srand(7); split("焊工 叉车 电工 保洁 收银 育婴 电商客服 理货 包装 护理 数控车床 家政服务", sk, " ");
	split("小学 初中 高中 中专 大专 本科", ed, " ");
	print "seeker_id,name,skills,education,desired_wage,district,needs_accessible" > "gs.csv";
	print "vacancy_id,employer_id,title,skills,education_min,wage_min,wage_max,district,headcount,accessible,posted_on" > "gv.csv";
	for (i = 1; i <= 300; i++)
		printf "G%04d,某,%s;%s,%s,%d,D%d,%d\n", i, sk[int(rand()*12)+1], sk[int(rand()*12)+1], ed[int(rand()*6)+1], 3000+500*int(rand()*8), int(rand()*6), rand() < 0.2 > "gs.csv";
	for (i = 1; i <= 120; i++) { w = 3000+500*int(rand()*6);
		printf "H%04d,E,岗,%s;%s,%s,%d,%d,D%d,%d,%d,2026-01-01\n", i, sk[int(rand()*12)+1], sk[int(rand()*12)+1], ed[int(rand()*4)+1], w, w+500*int(rand()*5), int(rand()*6), 1+int(rand()*3), rand() < 0.5 > "gv.csv" } }'
for args in "--top 10" "--top 5 --by vacancy" "--top 3 --min-score 40" "--top 4 --weights skills=10,district=0,wage=60,education=30"; do
	run sw-match rank --seekers gs.csv --vacancies gv.csv $args
	cp .out idx.csv
	run sw-match rank --seekers gs.csv --vacancies gv.csv $args --exhaustive
	cmp -s .out idx.csv && [ "$(wc -l <idx.csv)" -gt 100 ]
	ok $? "generated market: indexed = exhaustive ($args)"
done

expect_fail 2 'sw-match: --top: out of range (1 to 100000)' sw-match rank --top 0
expect_fail 2 'sw-match: --by: expected seeker or vacancy' sw-match rank --by employer
expect_fail 2 'sw-match: --weights: skills: expected a whole number from 0 to 1000' sw-match rank --weights skills=x
expect_fail 2 'sw-match: --weights: expected NAME=N with NAME one of skills, district, wage, education' sw-match rank --weights pay=10
expect_fail 2 'sw-match: --weights: at least one weight must be above 0' sw-match rank --weights skills=0,district=0,wage=0,education=0
expect_fail 2 'sw-match: --min-score: expected a number from 0 to 100' sw-match assign --min-score 120
expect_fail 2 'sw-match: --on: impossible date' sw-match rank --on 2026-02-30
expect_fail 2 'sw-match: --seekers and --vacancies go together' sw-match rank --seekers s.csv
expect_fail 2 'sw-match: unexpected argument "extra"' sw-match rank extra
expect_fail 3 'sw-match: nope.csv: No such file or directory' sw-match rank --seekers nope.csv --vacancies v.csv
printf 'seeker_id,name,skills,education\nC1,丙,,初中\nC2,丁,叉车,博士后\nC1,戊,叉车,初中\n' >bad.csv
run sw-match rank --seekers bad.csv --vacancies v.csv
check_rc 1 "bad CSV rows: status 1"
check_err "bad CSV rows named with file and line, no output" <<'X'
sw-match: bad.csv:2: skills: required
sw-match: bad.csv:3: education: unknown value (expected none, primary, junior_high, senior_high, vocational, college, bachelor, postgraduate)
X
check_out "nothing written" </dev/null
printf 'seeker_id,name,skills,education\nC1,丙,叉车,初中\nC1,戊,叉车,初中\n' >dup.csv
expect_fail 1 'sw-match: dup.csv: seeker_id: "C1" given twice' sw-match rank --seekers dup.csv --vacancies v.csv
printf 'seeker_id,name,education\nC1,丙,初中\n' >nosk.csv
expect_fail 1 'sw-match: nosk.csv:1: skills: missing required column' sw-match rank --seekers nosk.csv --vacancies v.csv
if [ "$BACKEND" = sqlite ]; then
	rm -f sw.db
	expect_fail 3 "sw-match: $T/sw.db: no such database (import some data first, or give --db)" sw-match rank
else
	ok 0 "# SKIP no SQLite file to be missing on a server"
fi

done_testing
