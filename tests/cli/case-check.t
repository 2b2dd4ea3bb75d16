#!/bin/sh
# backends: sqlite pg
# sw-case check: every problem of a spreadsheet with its line and column,
# no database touched; --fix writes the normalised file.
. "$SW_TOP/tests/cli/lib.sh"

# A server's database is always there, and check looks up what a file
# names in it: there, the stations the files below name (none is unknown).
[ "$BACKEND" = pg ] && run sw-station import -q "$SAMPLE/stations.csv"

cat >in.csv <<'X'
档案号,姓名,性别,出生日期,身份证号,联系电话,所属站点,人员类别,户籍,建档日期
Ｃ１, 王桂兰 ,女,1950年3月15日,339901195003150024,１３８００１３８０００,QX-001,老年人、独居,户籍,2026/9/1
C2,李长生,男,1950-03-16,339901195003150016,12345,QX-002,低保;外星人,本地,2026-13-01
C3,张小明,,,33990120160601003x,,QX-101,儿童,,46268
C1,王桂兰,女,,,,QX-001,,,
C5,,女,,339901195003150017,,,,,
X
run sw-case check in.csv
check_rc 1 "problems give status 1"
check_err "every problem, with line and column" <<'X'
sw-case: in.csv:3: phone: not a phone number
sw-case: in.csv:3: categories: unknown value (expected a key or alias listed by sw-case vocab list category; to accept it: sw-case vocab add category VALUE KEY)
sw-case: in.csv:3: registered_on: impossible date
sw-case: in.csv:3: birth_date: does not agree with id_number
sw-case: in.csv:4: id_number: bad check digit
sw-case: in.csv:5: client_id: duplicate key (line 2 has it)
sw-case: in.csv:6: name: required
sw-case: in.csv:6: id_number: bad check digit
sw-case: in.csv:6: station_code: required
X
[ ! -e sw.db ]
ok $? "check does not create a database"

run sw-case check --fix -o out.csv in.csv
check_rc 1 "--fix still reports what it cannot fix"
run cat out.csv
check_out "--fix: ISO dates, half-width digits, trimmed, canonical keys; unfixable kept" <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,registered_on
C1,王桂兰,female,1950-03-15,339901195003150024,13800138000,QX-001,elderly;living_alone,local,2026-09-01
C2,李长生,male,1950-03-16,339901195003150016,12345,QX-002,低保;外星人,local,2026-13-01
C3,张小明,,,33990120160601003x,,QX-101,child,,2026-09-03
C1,王桂兰,female,,,,QX-001,,,
C5,,female,,339901195003150017,,,,,
X

printf 'client_id,name,gender,birth_date,id_number,station_code\nC1,王桂兰,女,,339901195003150024,QX-001\nC2,李长生,女,1950-03-15,339901195003150016,QX-002\n' >rule.csv
run sw-case check rule.csv
check_err "cross-field rules too" <<'X'
sw-case: rule.csv:3: gender: does not agree with id_number
X
run sw-case check --fix -o fixed.csv rule.csv
run cat fixed.csv
check_out "--fix fills the birth date from the ID" <<'X'
client_id,name,gender,birth_date,id_number,station_code
C1,王桂兰,female,1950-03-15,339901195003150024,QX-001
C2,李长生,female,1950-03-15,339901195003150016,QX-002
X

printf 'case_id,client_id,station_code,domain,opened_on,closed_on\nK1,C1,QX-001,养老,2026-09-10,2026-09-01\n' >cases.csv
expect_fail 1 "sw-case: cases.csv:2: closed_on: 2026-09-01 is before opened_on 2026-09-10" sw-case check cases.csv
printf 'case_id,client_id,station_code,domain,opened_on\n"K1,C1\n' >q.csv
expect_fail 1 "sw-case: q.csv:2: unterminated quoted field" sw-case check --table cases q.csv
run sw-case check --fix -o cleaned.csv cases.csv
run sw-case check cleaned.csv
check_rc 1 "output of --fix is checked again"
expect_fail 2 "sw-case: check: --fix needs -o OUT" sw-case check --fix in.csv

done_testing
