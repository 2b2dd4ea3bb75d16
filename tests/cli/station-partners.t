#!/bin/sh
# backends: sqlite pg
# 五社联动: organisations with their unified social credit code checked,
# volunteers (personal data, audited), and the hours they give: at one
# activity or service, on its day, never more than a day holds.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import -q "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/activities.csv"
check_rc 0 "the sample county"

# invented codes: 52339901MJ00000018 passes its check character
cat >org.csv <<'X'
机构编号,机构名称,机构类型,统一社会信用代码,对接站点
O1,青溪县仁爱社会工作服务中心,社工机构,52339901mj0000001 8,QX-001
O2,青溪县爱心基金会,基金会,52339901MJ00000019,QX-001
O3,梅江村民委员会,村委会,52339901MJ0000001I,QX-101
X
run sw-station import org.csv
check_rc 1 "organisations: status 1 for the bad codes"
check_err "a bad check character, a letter no code uses: each refused" <<'X'
sw-station: org.csv:3: credit_code: bad check character
sw-station: org.csv:4: credit_code: not a credit code (18 characters of 0-9 and A-Y without I, O, Z, S, V)
sw-station: org.csv: read 3, inserted 1, updated 0, unchanged 0, rejected 2
X
[ "$(sql "select credit_code, kind from orgs where org_id = 'O1'")" = "52339901MJ00000018|social_work" ]
ok $? "a code written in lower case with a space is stored canonical"

cat >vol.csv <<'X'
志愿者编号,姓名,性别,身份证号,手机号码,特长,所属站点,所属组织
V1,甄志愿,女,339901198808081234,13900000011,心理疏导、书法,QX-001,O1
X
run sw-station import vol.csv
check_rc 0 "a volunteer"
[ "$(sql "select skills from volunteers")" = "心理疏导;书法" ]
ok $? "skills as a list"
[ "$(sql "select count(*) from audit where tbl = 'volunteers'")" = 1 ]
ok $? "volunteers are in the audit trail"

cat >hrs.csv <<'X'
志愿者编号,服务日期,活动编号,服务编号,志愿时长（小时）,岗位
V1,2026-07-22,A2026005,,3,签到
V1,2026-07-23,A2026005,,2,签到
V1,2026-07-22,,,1,
V1,2026-07-22,A2026005,,22,整理
X
run sw-station import hrs.csv
check_rc 1 "hours: status 1 for the bad rows"
check_err "outside the activity's day, at no activity, more than a day: each refused" <<'X'
sw-station: hrs.csv:3: date: 2026-07-23 is not the day of the activity (2026-07-22)
sw-station: hrs.csv:4: activity_id, service_id: give the activity or the service the hours were given at, one of them
sw-station: hrs.csv:5: minutes: 25 hours on 2026-07-22 with the volunteer's other records: more than a day holds
sw-station: hrs.csv: read 4, inserted 1, updated 0, unchanged 0, rejected 3
X
[ "$(sql "select minutes from volunteer_hours")" = 180 ]
ok $? "3 hours stored as 180 minutes"
run sw-station import hrs.csv
check_err_has "hrs.csv: read 4, inserted 0, updated 0, unchanged 1, rejected 3" "the same file again: the stored row is the same row, not counted twice"

# another county in the same database: its activity is not the volunteer's
cat >other.csv <<'X'
code,name,level,parent_code
YS,云山县社会工作总站,county,
YS-001,云山街道社工站,township,YS
X
cat >oact.csv <<'X'
activity_id,station_code,kind,title,date
Y2026001,YS-001,group,云山县的小组活动,2026-07-22
X
run sw-station import -q other.csv
run sw-case import -q oact.csv
printf 'volunteer_id,date,activity_id,minutes\nV1,2026-07-22,Y2026001,60\n' >ohrs.csv
db_snap
expect_fail 1 "sw-station: ohrs.csv:2: activity_id: the activity is at YS-001, of county YS; the volunteer's station QX-001 is of county QX" \
	sw-station import ohrs.csv
db_same "nothing of the refused row is stored"

run sw-station export --table volunteers --mask
check_out "export --mask: a volunteer's name, ID number and phone masked" <<'X'
volunteer_id,name,gender,id_number,phone,skills,station_code,org_id,registered_on,left_on
V1,甄**,female,339901********1234,139****0011,心理疏导;书法,QX-001,O1,,
X
run sw-station export --table volunteers --no-mask -f csv
check_out_has "V1,甄志愿,female,339901198808081234,13900000011" "--no-mask: as stored"
printf 'a station key of twenty bytes\n' >key
run sw-station export --table volunteers --pseudonymize --key-file key
check_rc 0 "export --pseudonymize: volunteers for a platform"
! grep -q "甄志愿\|339901198808081234\|13900000011" .out &&
	grep -q "^V1,[0-9a-f]\{32\},female,[0-9a-f]\{32\},[0-9a-f]\{32\},心理疏导;书法,QX-001,O1" .out
ok $? "name, ID number and phone as keyed pseudonyms, nothing in clear"
cp .out first.csv
run sw-station export --table volunteers --pseudonymize --key-file key
cmp -s .out first.csv
ok $? "the same key, the same pseudonyms: rows still link across exports"
expect_fail 2 "sw-station: --key-file: only with --pseudonymize" sw-station export --table volunteers --key-file key
# --- resources (资源库) and what was given to whom ---------------------------------------
cat >res.csv <<'X'
资源编号,资源类型,资源名称,提供组织,服务需求,可供数量,单位,有效期起,有效期止
R1,物资,冬衣,O1,生活照料,3,件,2026-10-01,2026-12-31
R2,资金,临时救助金,O1,经济援助,,元,2026-12-31,2026-01-01
X
run sw-station import res.csv
check_rc 1 "resources: status 1 for a validity that ends before it starts"
check_err_has "res.csv:3: valid_to: 2026-01-01 is before valid_from 2026-12-31" "named with both dates"
cat >use.csv <<'X'
资源编号,使用日期,档案号,活动编号,数量
R1,2026-10-10,QX-C0001,,2
R1,2026-09-10,QX-C0002,,1
R1,2026-10-11,QX-C0002,A2026005,1
R1,2026-10-12,QX-C0003,,2
R1,2026-10-13,QX-C0003,,1
X
run sw-case import -q "$SAMPLE/clients.csv"
run sw-station import use.csv
check_rc 1 "uses: status 1 for the bad rows"
check_err "outside the validity, two recipients, past the capacity: each refused" <<'X'
sw-station: use.csv:3: date: 2026-09-10 is outside the resource's validity (2026-10-01 to 2026-12-31)
sw-station: use.csv:4: client_id, activity_id: give the client or the activity the resource went to, one of them
sw-station: use.csv:5: quantity: 4 used in all, past the resource's capacity of 3
sw-station: use.csv: read 5, inserted 2, updated 0, unchanged 0, rejected 3
X
run sw-station import use.csv
check_err_has "use.csv: read 5, inserted 0, updated 0, unchanged 2, rejected 3" "the same file again: its uses counted once"
# a use that gives no quantity is one use, stored or new
printf 'resource_id,kind,name,capacity\nR3,物资,轮椅,2\n' >res3.csv
printf 'resource_id,date,client_id\nR3,2026-10-10,QX-C0001\nR3,2026-10-11,QX-C0002\n' >use3.csv
printf 'resource_id,date,client_id\nR3,2026-10-12,QX-C0003\n' >use4.csv
run sw-station import -q res3.csv use3.csv
check_rc 0 "a resource of two, used twice without a quantity"
expect_fail 1 "sw-station: use4.csv:2: quantity: 3 used in all, past the resource's capacity of 2" \
	sw-station import use4.csv
done_testing
