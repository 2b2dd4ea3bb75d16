#!/bin/sh
# backends: sqlite pg
# sw-case import: Chinese headers, every client/case/service rule, the
# "Bad input" list of issue 3 (each with its exact message and status),
# rejects, re-import, the audit entries an import writes.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample stations and workers import"

cat >clients.csv <<'X'
档案号,姓名,性别,出生日期,身份证号码,手机号,所属站点,人员类别,户籍,住址,建档日期
C1,王桂兰,女,1950年3月15日,339901195003150024,138-0013-8000,QX-001,老年人、独居,户籍,青溪街道,2026/09/01
C2,李长生,,,339901195003150016,,QX-002,低保,,,2026-09-02
C3,张小明,男,2016-06-01,,,QX-101,儿童;留守,非户籍,,46268
X
run sw-case import clients.csv
check_rc 0 "Chinese headers and words import"
check_err "summary only" <<'X'
sw-case: clients.csv: read 3, inserted 3, updated 0, unchanged 0, rejected 0
X
run sw-case export --no-mask
check_out "canonical values; birth date and gender taken from the ID when empty" <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on
C1,王桂兰,female,1950-03-15,339901195003150024,13800138000,QX-001,elderly;living_alone,local,青溪街道,2026-09-01
C2,李长生,male,1950-03-15,339901195003150016,,QX-002,low_income,,,2026-09-02
C3,张小明,male,2016-06-01,,,QX-101,child;left_behind,nonlocal,,2026-09-03
X
cp .out export.csv
run sw-case import export.csv
check_err "export re-imports unchanged" <<'X'
sw-case: export.csv: read 3, inserted 0, updated 0, unchanged 3, rejected 0
X

# The client rules, one per line.
cat >bad.csv <<'X'
client_id,name,gender,birth_date,id_number,station_code,categories
C10,赵德福,male,1950-03-15,339901195003150017,QX-001,elderly
C11,赵德福,male,1950-03-16,339901195003150016,QX-001,elderly
C12,钱秀英,male,1988-08-08,339901198808080047,QX-001,women
C13,孙玉珍,female,1988-08-08,,QX-001,困境家庭
C14,周永福,male,1990-03-07,110101199003070011,QX-001,elderly
C14,周永福,male,1990-03-07,,QX-001,elderly
C15,吴春生,male,1950-03-15,339901195003150016,QX-001,elderly
C16,郑伟,male,,,QX-999,
C17,,female,,,QX-001,
X
run sw-case import --rejects rej.csv bad.csv
check_rc 1 "rejected rows give status 1"
check_err "each rule named with line and column, no personal data" <<'X'
sw-case: bad.csv:2: id_number: bad check digit
sw-case: bad.csv:3: birth_date: does not agree with id_number
sw-case: bad.csv:4: gender: does not agree with id_number
sw-case: bad.csv:5: categories: unknown value (expected a key or alias listed by sw-case vocab list category; to accept it: sw-case vocab add category VALUE KEY)
sw-case: bad.csv:7: client_id: duplicate key (an earlier line of this file has it)
sw-case: bad.csv:8: id_number: already on file for another record (the same person? give this row that record's client_id; else correct it)
sw-case: bad.csv:9: station_code: unknown station
sw-case: bad.csv:10: name: required
sw-case: bad.csv: read 9, inserted 1, updated 0, unchanged 0, rejected 8
X

# Dates no client can have (a mistyped year), without quoting them: SW_TODAY
# is 2026-11-24 here; an ID's own birth date is held to the same rules.
cat >dates.csv <<'X'
client_id,name,birth_date,id_number,station_code,registered_on
D1,陈立新,2062-05-01,,QX-001,2026-09-01
D2,陈立新,1962-05-01,,QX-001,2062-09-01
D3,陈立新,2026-10-01,,QX-001,2026-09-01
D4,陈立新,,339901202610010018,QX-001,2026-09-01
D5,陈立新,2026-11-24,,QX-001,2026-11-24
X
run sw-case import --dry-run dates.csv
check_rc 1 "impossible dates are refused"
check_err "each said, the date never quoted" <<'X'
sw-case: dates.csv:2: birth_date: after today: check the year
sw-case: dates.csv:3: registered_on: 2062-09-01 is after today (2026-11-24): record what has happened
sw-case: dates.csv:4: birth_date: after registered_on: check both dates
sw-case: dates.csv:5: birth_date: after registered_on: check both dates
sw-case: dates.csv: read 5, inserted 1, updated 0, unchanged 0, rejected 4 (dry run: nothing written)
X
run cut -d, -f1,8- rej.csv
check_out "--rejects keeps every rejected row as it was" <<'X'
client_id,line,error
C10,2,id_number: bad check digit
C11,3,birth_date: does not agree with id_number
C12,4,gender: does not agree with id_number
C13,5,categories: unknown value (expected a key or alias listed by sw-case vocab list category; to accept it: sw-case vocab add category VALUE KEY)
C14,7,client_id: duplicate key (an earlier line of this file has it)
C15,8,id_number: already on file for another record (the same person? give this row that record's client_id; else correct it)
C16,9,station_code: unknown station
C17,10,name: required
X
[ "$(sql "select client_id from clients order by client_id")" = "C1
C14
C2
C3" ]
ok $? "only the good row of the bad file is stored"

run sw-case vocab add category 困境家庭 hardship_family
check_rc 0 "an admin adds a city's category"
printf 'client_id,name,station_code,categories\nC13,孙玉珍,QX-001,困境家庭;儿童\n' >c13.csv
run sw-case import c13.csv
check_rc 0 "the new category is accepted"
[ "$(sql "select categories from clients where client_id='C13'")" = "child;hardship_family" ]
ok $? "local keys sort after the built-in ones"

# Unreadable files: nothing of them is imported.
printf 'client_id,name,station_code\nC20,"林芳,QX-001\nC21,何静,QX-001\n' >quote.csv
expect_fail 1 'sw-case: quote.csv:2: unterminated quoted field (file not imported)' \
	sw-case import quote.csv
printf 'client_id,name,station_code\nC22,\346\236\227\377,QX-001\nC23,何静,QX-001\n' >utf8.csv
run sw-case import utf8.csv
check_rc 1 "invalid UTF-8 rejects that row only"
check_err "invalid UTF-8 named by line" <<'X'
sw-case: utf8.csv:2: invalid UTF-8 (if the file is GB18030, use --encoding gb18030)
sw-case: utf8.csv: read 2, inserted 1, updated 0, unchanged 0, rejected 1
X
printf 'client_id,name,station_code\nC24,何静,QX-001\n' | iconv -f utf-8 -t gb18030 >gb.csv
run sw-case import --encoding utf-8 gb.csv
check_rc 1 "a GB18030 file read as UTF-8 (when told so) is refused"
check_err "GB18030 read as UTF-8: line named, hint given" <<'X'
sw-case: gb.csv:2: invalid UTF-8 (if the file is GB18030, use --encoding gb18030)
sw-case: gb.csv: read 1, inserted 0, updated 0, unchanged 0, rejected 1
X
run sw-case import gb.csv
check_rc 0 "the same file with no --encoding is recognised as GB18030"
[ "$(sql "select name from clients where client_id='C24'")" = "何静" ]
ok $? "GB18030 text stored as UTF-8"

# Cases: dates, references, vocabulary.
cat >cases.csv <<'X'
个案编号,档案号,站点编号,社工工号,服务领域,开案日期,结案日期,结案原因,风险等级
K1,C1,QX-001,W007,养老服务,2026-09-05,,,中
K2,C2,QX-002,W011,社会救助,2026-09-10,2026-09-01,目标达成,低
K3,C9,QX-002,W011,社会救助,2026-09-10,,,低
K4,C2,QX-002,W999,社会救助,2026-09-10,,,低
K5,C2,QX-002,W011,救济,2026-09-10,,,低
K6,C2,QX-002,W011,社会救助,2026-09-10,,迁出,低
K7,C2,QX-002,W011,社会救助,2026-09-10,2026-10-20,目标达成,极高
K8,C3,QX-101,W013,儿童关爱保护,2026-09-12,2026-10-30,目标达成,
X
run sw-case import cases.csv
check_rc 1 "bad cases rejected"
check_err "case rules" <<'X'
sw-case: cases.csv:3: closed_on: 2026-09-01 is before opened_on 2026-09-10
sw-case: cases.csv:4: client_id: unknown client
sw-case: cases.csv:5: worker_id: unknown worker
sw-case: cases.csv:6: domain: unknown value (expected assistance, elderly, child, disability, community, affairs, employment, other)
sw-case: cases.csv:7: close_reason: given without closed_on
sw-case: cases.csv:8: risk: unknown value (expected low, medium, high)
sw-case: cases.csv: read 8, inserted 2, updated 0, unchanged 0, rejected 6
X

# Services: the client must exist, the case must be the client's.
cat >services.csv <<'X'
服务编号,档案号,个案编号,站点编号,社工工号,服务日期,服务类型,时长（分钟）,备注
S1,C1,K1,QX-001,W007,2026-10-08,家访,60,了解近况
S2,C8,,QX-001,W007,2026-10-08,电话,10,
S3,C2,K1,QX-002,W011,2026-10-09,面谈,30,
S4,C3,K8,QX-101,W013,2026-10-09,转介,２０,
S5,C3,,QX-101,W013,2026-10-09,电话,2000,
S6,C3,K9,QX-101,W013,2026-10-09,电话,5,
X
run sw-case import services.csv
check_rc 1 "bad services rejected"
check_err "service rules" <<'X'
sw-case: services.csv:3: client_id: unknown client
sw-case: services.csv:4: case_id: case belongs to another client
sw-case: services.csv:6: minutes: out of range (0 to 1440 minutes)
sw-case: services.csv:7: case_id: unknown case
sw-case: services.csv: read 6, inserted 2, updated 0, unchanged 0, rejected 4
X
[ "$(sql "select minutes from services where service_id='S4'")" = 20 ]
ok $? "full-width digits folded"

printf 'activity_id,station_code,date,kind,title,sessions,participants\nA1,QX-001,2026-10-03,小组,长者健康小组,4,36\nA2,QX-001,2026-10-04,讲座,防诈骗,1,20\n' >acts.csv
run sw-case import acts.csv
check_rc 1 "activities: vocabulary checked"
check_err_has 'acts.csv:3: kind: unknown value (expected group' "unknown activity kind named"

# Closed months protect every dated table.
sql "insert into closed_months values('2026-10','2026-11-05T10:00:00','lead','x')"
printf 'service_id,client_id,station_code,date,type\nS9,C1,QX-001,2026-10-30,visit\nS10,C1,QX-001,2026-11-02,visit\n' >late.csv
run sw-case import late.csv
check_rc 1 "a service in a closed month is refused"
check_err_has "late.csv:2: date: month 2026-10 is closed (sw-report close --reopen to change it)" "closed month named"
sql "delete from closed_months"	# the tests below move clients between stations

run sw-case audit -f csv
check_out_has "insert,clients,C1,," "imports are audited"
[ "$(sql "select count(*) from audit where tbl='clients'")" = 7 ]
ok $? "one audit entry per inserted client, none for unchanged rows"

# A key stored before this file and met twice in it: the second row is a
# duplicate too, whether the first changed the stored row or not.
cat >again.csv <<'X'
client_id,name,station_code
C2,李长生,QX-002
C2,李长生二,QX-002
C3,张三改,QX-001
C3,张三再改,QX-001
X
run sw-case import again.csv
check_err "a stored key met twice in one file: the later line is a duplicate" <<'X'
sw-case: again.csv:3: client_id: duplicate key (an earlier line of this file has it)
sw-case: again.csv:5: client_id: duplicate key (an earlier line of this file has it)
sw-case: again.csv: read 4, inserted 0, updated 1, unchanged 1, rejected 2
X
[ "$(sql "select name from clients where client_id in ('C2', 'C3') order by client_id")" = "李长生
张三改" ]
ok $? "and the first line's values are the ones stored"

# References are looked up ahead on the reader thread in the database as
# committed; rows this command stored earlier must still count.
printf 'client_id,name,station_code\nN1,新甲,QX-001\nN2,新乙,QX-001\n' >new-c.csv
printf 'service_id,client_id,station_code,date,type\nNS1,N1,QX-001,2026-11-02,visit\nNS2,N9,QX-001,2026-11-02,visit\nNS3,N2,QX-001,2026-11-03,phone\nNS4,C1,QX-001,2026-11-03,phone\n' >new-s.csv
run sw-case import new-c.csv new-s.csv
check_err "services of clients stored by the same command are accepted" <<'X'
sw-case: new-s.csv:3: client_id: unknown client
sw-case: new-c.csv: read 2, inserted 2, updated 0, unchanged 0, rejected 0
sw-case: new-s.csv: read 4, inserted 3, updated 0, unchanged 0, rejected 1
X

# the register's own word for the client's number, as the other tables' headers say it
printf '服务对象编号,姓名,站点编号,登记日期\nC77,甄一,QX-001,2026-10-01\n' >alias.csv
run sw-case import -q alias.csv
check_rc 0 "服务对象编号 heads the clients' client_id column"
[ "$(sql "SELECT count(*) FROM clients WHERE client_id = 'C77'")" = 1 ]
ok $? "and the row is stored under it"
done_testing
