#!/bin/sh
# sw-match stats and due: every supported-employment figure worked out by
# hand, per station and per job coach, and the follow-ups due.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
cat >emp.csv <<'X'
employer_id,name
E1,宏达机械
X
cat >vac.csv <<'X'
vacancy_id,employer_id,title,skills,wage_min,wage_max,headcount,posted_on,closes_on
V1,E1,电焊工,焊工,5000,7000,10,2026-01-01,2026-12-31
X
# Coach W014 (QX-101): A1-A5 by hand; A9 registers after the --on date.
# Coach W010 (QX-002): B1-B4 by hand. Coach W013 (QX-101): 21 seekers with
# no placement, G21 registered a month after the others.
{
	echo 'seeker_id,name,skills,education,registered_on,station_code,worker_id,out_of_work'
	cat <<'X'
A1,甲一,焊工,初中,2026-01-01,QX-101,W014,是
A2,甲二,焊工,初中,2026-02-01,QX-101,W014,是
A3,甲三,焊工,初中,2026-03-01,QX-101,W014,否
A4,甲四,焊工,初中,2026-04-01,QX-101,W014,是
A5,甲五,焊工,初中,2026-04-01,QX-101,W014,是
A9,甲九,焊工,初中,2026-12-05,QX-101,W014,是
B1,乙一,焊工,初中,2026-01-10,QX-002,W010,是
B2,乙二,焊工,初中,2026-05-01,QX-002,W010,是
B3,乙三,焊工,初中,2026-05-01,QX-002,W010,是
B4,乙四,焊工,初中,2026-10-01,QX-002,W010,是
X
	awk 'BEGIN { for (i = 1; i <= 21; i++)
		printf "G%02d,丙%d,焊工,初中,2026-0%d-01,QX-101,W013,是\n", i, i, i < 21 ? 6 : 7 }'
} >sk.csv
cat >pl.csv <<'X'
seeker_id,vacancy_id,stage,date,worker_id
A1,V1,referred,2026-01-11,
A1,V1,hired,2026-02-01,
A1,V1,retained_3m,2026-05-01,
A1,V1,retained_6m,2026-08-01,
A2,V1,referred,2026-02-21,
A2,V1,hired,2026-03-01,
A2,V1,retained_3m,2026-06-01,
A3,V1,referred,2026-03-31,
A3,V1,hired,2026-09-01,W015
A4,V1,matched,2026-04-05,
A5,V1,referred,2026-04-05,
A5,V1,hired,2026-05-01,
A5,V1,ended,2026-06-15,
B1,V1,referred,2026-01-17,
B1,V1,hired,2026-02-01,
B1,V1,retained_6m,2026-08-01,
B2,V1,referred,2026-05-06,
B2,V1,hired,2026-08-10,
B3,V1,referred,2026-05-31,
B4,V1,referred,2026-12-02,
X
run env SW_TODAY=2026-12-31 sw-match import -q emp.csv vac.csv sk.csv pl.csv
check_rc 0 "fixture imports"
[ "$(sql "select count(*) from seekers where worker_id = 'W013'")" = 21 ]
ok $? "21 seekers generated for W013"

# As of 2026-11-30, by hand:
# W014: registered A1-A5 = 5 (A9 later); referred A1 A2 A3 A5 = 4 (A4 only
#   matched); job starts A1 A2 A3 A5 = 4; out of work A1 A2 A4 A5, of whom
#   A1 A2 A5 started: 3/4 = 75.0; days to first referral 10, 20, 30, 4:
#   median (10+20)/2 = 15.0; 3 months since hire for A1 A2 A5 (A3's is
#   2026-12-01), kept by A1 A2: 2/3 = 66.7; 6 months for A1 A2 A5
#   (2026-08-01, 09-01, 11-01), kept by A1: 1/3 = 33.3; caseload: A1 done at
#   6 months, A5 ended, so A2 A3 A4 = 3.
# W010: registered 4; referred B1 B2 B3 = 3 (B4's referral is after the
#   date); starts B1 B2 = 2; all out of work: 2/4 = 50.0; days 7, 5, 30:
#   median 7.0; 3 months since hire for B1 and B2 (2026-11-10), kept by B1
#   (its 6-month retention answers the 3-month one too): 1/2 = 50.0;
#   6 months for B1, kept: 100.0; caseload B2 B3 B4 = 3.
# W013: 21 registered, nothing else; caseload 21, above 20.
# QX-101 = W014 + W013: 26, 4, 4, out of work 4 + 21 = 25, 3/25 = 12.0,
#   15.0, 66.7, 33.3, caseload 3 + 21 = 24. QX-002 = W010.
run sw-match stats --on 2026-11-30
check_rc 0 "stats"
check_out "every figure per station and per coach" <<'X'
level,id,registered,referred,job_starts,employment_rate,median_days_to_referral,retention_3m,retention_6m,caseload,flag
station,QX-002,4,3,2,50.0,7.0,50.0,100.0,3,
station,QX-101,26,4,4,12.0,15.0,66.7,33.3,24,
coach,W010,4,3,2,50.0,7.0,50.0,100.0,3,
coach,W013,21,0,0,0.0,,,,21,caseload above 20
coach,W014,5,4,4,75.0,15.0,66.7,33.3,3,
X

# As of 2026-06-30: G21 and B4 not yet registered, so W013 holds exactly 20
# (no flag). W014: starts A1 A2 A5 = 3 (3/4 = 75.0); 3 months since hire for
# A1 A2 (A5's is 08-01), both kept: 100.0; no 6-month check yet; caseload:
# only A5 has ended = 4. W010: 3 registered, all referred, B1 started: 33.3;
# B1's 3 months are due and its retention is recorded only on 08-01: 0.0.
# QX-101: 25 registered, 3 starts, 3/(4 + 20) = 12.5.
run sw-match stats --on 2026-06-30
check_out "--on: the figures as they stood; 20 is not above 20" <<'X'
level,id,registered,referred,job_starts,employment_rate,median_days_to_referral,retention_3m,retention_6m,caseload,flag
station,QX-002,3,3,1,33.3,7.0,0.0,,3,
station,QX-101,25,4,3,12.5,15.0,100.0,,24,
coach,W010,3,3,1,33.3,7.0,0.0,,3,
coach,W013,20,0,0,0.0,,,,20,
coach,W014,5,4,3,75.0,15.0,100.0,,4,
X

# --from/--to select seekers by registration: A2 (20 days), A3 (30), A4 and
# A5 (4) at W014, B1 (7) at W010; A1 and B2-B4 and the G seekers left out.
run sw-match stats --on 2026-11-30 --from 2026-01-10 --to 2026-04-01 -f jsonl
check_out "--from/--to by registration date, jsonl" <<'X'
{"level":"station","id":"QX-002","registered":1,"referred":1,"job_starts":1,"employment_rate":100.0,"median_days_to_referral":7.0,"retention_3m":100.0,"retention_6m":100.0,"caseload":0,"flag":""}
{"level":"station","id":"QX-101","registered":4,"referred":3,"job_starts":3,"employment_rate":66.7,"median_days_to_referral":20.0,"retention_3m":50.0,"retention_6m":0.0,"caseload":3,"flag":""}
{"level":"coach","id":"W010","registered":1,"referred":1,"job_starts":1,"employment_rate":100.0,"median_days_to_referral":7.0,"retention_3m":100.0,"retention_6m":100.0,"caseload":0,"flag":""}
{"level":"coach","id":"W014","registered":4,"referred":3,"job_starts":3,"employment_rate":66.7,"median_days_to_referral":20.0,"retention_3m":50.0,"retention_6m":0.0,"caseload":3,"flag":""}
X

# due: A1 kept 3 and 6 months; A5 ended; B1's 6-month retention answers
# both checks; A3's 3 months and B2's 6 fall after the date. Due: A2's
# 6-month check (3-month one done), 90 days overdue (September 30 + October
# 31 + 29), and B2's 3-month check, 20 days.
run sw-match due --on 2026-11-30
check_rc 0 "due"
check_out "checks due with no outcome, oldest first" <<'X'
seeker_id,name,vacancy_id,employer,hired_on,check_stage,due_on,days_overdue,worker_id,station_code
A2,甲二,V1,宏达机械,2026-03-01,retained_6m,2026-09-01,90,W014,QX-101
B2,乙二,V1,宏达机械,2026-08-10,retained_3m,2026-11-10,20,W010,QX-002
X
run sw-match due --on 2026-12-01 -f jsonl
check_out "A3's check falls due on its day (0 days overdue), to W015 who recorded the hire" <<'X'
{"seeker_id":"A2","name":"甲二","vacancy_id":"V1","employer":"宏达机械","hired_on":"2026-03-01","check_stage":"retained_6m","due_on":"2026-09-01","days_overdue":91,"worker_id":"W014","station_code":"QX-101"}
{"seeker_id":"B2","name":"乙二","vacancy_id":"V1","employer":"宏达机械","hired_on":"2026-08-10","check_stage":"retained_3m","due_on":"2026-11-10","days_overdue":21,"worker_id":"W010","station_code":"QX-002"}
{"seeker_id":"A3","name":"甲三","vacancy_id":"V1","employer":"宏达机械","hired_on":"2026-09-01","check_stage":"retained_3m","due_on":"2026-12-01","days_overdue":0,"worker_id":"W015","station_code":"QX-101"}
X
run sw-match place B2 V1 --stage retained_3m --date 2026-11-20
check_rc 0 "B2's 3-month retention recorded"
run sw-match due --on 2026-11-30
check_out "an outcome takes the check off the list" <<'X'
seeker_id,name,vacancy_id,employer,hired_on,check_stage,due_on,days_overdue,worker_id,station_code
A2,甲二,V1,宏达机械,2026-03-01,retained_6m,2026-09-01,90,W014,QX-101
X
# As of a past date, an outcome recorded later does not count (as in stats):
# on 05-31 B1's 3-month check was 30 days overdue, answered only on 08-01.
run sw-match due --on 2026-05-31
check_out "as of a past date: what was due then" <<'X'
seeker_id,name,vacancy_id,employer,hired_on,check_stage,due_on,days_overdue,worker_id,station_code
B1,乙一,V1,宏达机械,2026-02-01,retained_3m,2026-05-01,30,W010,QX-002
X
run sw-match due --on 2026-04-30
check_out "before any check is due: the header only" <<'X'
seeker_id,name,vacancy_id,employer,hired_on,check_stage,due_on,days_overdue,worker_id,station_code
X
run sw-match due
check_out "--on defaults to today (2026-11-24)" <<'X'
seeker_id,name,vacancy_id,employer,hired_on,check_stage,due_on,days_overdue,worker_id,station_code
A2,甲二,V1,宏达机械,2026-03-01,retained_6m,2026-09-01,84,W014,QX-101
X
# On a terminal the seekers' names are masked (script(1) gives one),
# unless --no-mask.
tty() { script -qec "$*" /dev/null </dev/null | tr -d '\r' >"$T/.out"; }
tty sw-match due --on 2026-11-30
check_out "due on a terminal: the names masked" <<'X'
seeker_id  name  vacancy_id  employer  hired_on    check_stage  due_on      days_overdue  worker_id  station_code
A2         甲*   V1          宏达机械  2026-03-01  retained_6m  2026-09-01            90  W014       QX-101
X
tty sw-match due --on 2026-11-30 --no-mask
check_out_has "A2         甲二  V1" "--no-mask: in clear"
expect_fail 2 'sw-match: --on: impossible date' sw-match due --on 2026-11-31
expect_fail 2 'sw-match: unexpected argument "W014"' sw-match stats W014

done_testing
