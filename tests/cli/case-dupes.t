#!/bin/sh
# backends: sqlite pg
# sw-case dupes and merge: each reason with its score, merge in one
# audited transaction, closed months respected.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
cat >clients.csv <<'X'
client_id,name,birth_date,phone,station_code,registered_on
A1,王桂兰,1950-03-15,13800138000,QX-001,2026-09-01
A2,王桂兰,1950-03-15,,QX-002,2026-09-02
B1,李长生,1960-01-01,13900139000,QX-001,2026-09-01
B2,李长生,1961-02-02,13900139000,QX-001,2026-09-01
C1,张 小明,2016-06-01,,QX-101,2026-09-01
C2,张小明,2017-07-07,,QX-101,2026-09-01
D1,赵德福,1955-05-05,,QX-001,2026-09-01
D2,赵德富,1955-05-05,,QX-001,2026-09-01
E1,周永福,1970-01-01,13700137000,QX-001,2026-09-01
E2,周永,1971-01-01,13700137000,QX-001,2026-09-01
F1,孙玉珍,1980-01-01,,QX-001,2026-09-01
F2,孙玉珠,1981-01-01,,QX-001,2026-09-01
G1,ＡＬＩ,1990-01-01,,QX-001,2026-09-01
G2,ali,1990-01-01,,QX-001,2026-09-01
H1,王小明,2000-02-02,,QX-001,2026-09-01
H2,王晓明,2000-02-02,,QX-001,2026-09-01
I1,张丽,1985-05-05,13600136000,QX-001,2026-09-01
I2,章莉,1986-06-06,13600136000,QX-001,2026-09-01
J1,李华,1970-07-07,,QX-001,2026-09-01
J2,黎桦,1971-07-07,,QX-001,2026-09-01
X
run sw-case import clients.csv
check_rc 0 "clients import"
run sw-case dupes -f csv
check_out "each pair once, with its reasons and score" <<'X'
client_a,client_b,score,reasons
G1,G2,95,same name and birth date; names differ only by spaces or full-width characters
A1,A2,90,same name and birth date
B1,B2,85,same name and phone
D1,D2,75,names one character apart with the same birth date; names that sound alike with the same birth date
H1,H2,75,names one character apart with the same birth date; names that sound alike with the same birth date
E1,E2,65,names one character apart with the same phone
I1,I2,65,names that sound alike with the same phone
C1,C2,60,names differ only by spaces or full-width characters
X
run sw-case dupes --min-score 80 -f csv
check_out "--min-score" <<'X'
client_a,client_b,score,reasons
G1,G2,95,same name and birth date; names differ only by spaces or full-width characters
A1,A2,90,same name and birth date
B1,B2,85,same name and phone
X

# A phone shared by more than 20 clients is a placeholder ("no phone"),
# not evidence: said once on stderr, never paired. 20 sharing one still pair.
{
	echo client_id,name,birth_date,phone,station_code,registered_on
	for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21; do
		echo "P$i,钱多多,1980-01-$i,13800000000,QX-001,2026-09-01"
		[ "$i" = 21 ] || echo "Q$i,孙大圣,1985-02-$i,13911112222,QX-001,2026-09-01"
	done
	echo "P22,钱多,1980-03-01,13800000000,QX-001,2026-09-01"
} >shared.csv
run sw-case import shared.csv
check_rc 0 "clients sharing phones import"
run sw-case dupes -f csv
check_rc 0 "dupes with a placeholder phone"
check_err "the placeholder is said once, by count and first client, not by value" <<'X'
sw-case: dupes: 22 clients share one phone (the first is P01): taken as a placeholder, not compared
X
[ "$(grep -c '^P' "$T/.out")" = 0 ]
ok $? "clients sharing a placeholder phone pair by nothing else"
[ "$(grep -c '^Q[0-9]*,Q[0-9]*,85,same name and phone$' "$T/.out")" = 190 ]
ok $? "20 clients sharing a phone still pair (190 pairs)"
[ "$(head -n 1 "$T/.out")" = "client_a,client_b,score,reasons" ]
ok $? "the columns stay as they were"
run sw-case dupes -q -f csv
check_err "-q silences the placeholder warning" </dev/null

printf 'case_id,client_id,station_code,domain,opened_on\nK1,A2,QX-002,elderly,2026-09-05\n' >cases.csv
printf 'service_id,client_id,case_id,station_code,date,type\nS1,A2,K1,QX-002,2026-09-06,visit\nS2,A1,,QX-001,2026-09-07,phone\n' >services.csv
run sw-case import cases.csv services.csv
check_rc 0 "a case and services of the duplicate"
run sw-case merge A1 A2
check_rc 0 "merge"
check_out "merge is quiet" </dev/null
[ "$(sql "select client_id from cases union all select client_id from services")" = "A1
A1
A1" ]
ok $? "cases and services moved to KEEP"
[ "$(sql "select count(*) from clients where client_id='A2'")" = 0 ]
ok $? "DROP deleted"
[ "$(sql "select action||':'||row_key||':'||detail from audit where action in ('merge','delete') order by action desc")" = "merge:A1:merged A2: 1 cases, 1 services
delete:A2:merged into another client" ]
ok $? "merge recorded in the audit trail"
run sw-case audit --verify
check_rc 0 "chain intact after merge"
expect_fail 1 "sw-case: A2: no such client" sw-case merge A1 A2
expect_fail 2 "sw-case: merge: KEEP and DROP are the same client" sw-case merge A1 A1
expect_fail 2 "sw-case: merge: wrong number of arguments" sw-case merge A1

printf 'service_id,client_id,station_code,date,type\nS3,B2,QX-001,2026-10-06,visit\n' >s3.csv
run sw-case import s3.csv
sql "insert into closed_months values('2026-10','2026-11-05T10:00:00','lead','x')"
expect_fail 1 "sw-case: date: month 2026-10 is closed (sw-report close --reopen to change it)" \
	sw-case merge B1 B2
[ "$(sql "select count(*) from clients where client_id='B2'")" = 1 ]
ok $? "a refused merge changes nothing"

done_testing
