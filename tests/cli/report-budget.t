#!/bin/sh
# sw-report budget: each contract's spending by month and category against
# its amount pro rata to the day (amount x days elapsed / contract days),
# in fen, exact; status 1 when a contract spent more than its amount.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv"
cat >org.csv <<'X'
org_id,name,kind
O1,青溪县仁爱社会工作服务中心,社工机构
X
cat >c.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount,stations
C1,青溪街道社工站运营项目,青溪县民政局,O1,2026-01-01,2026-12-31,150000,QX-001
C2,梅江镇社工站运营项目,青溪县民政局,O1,2026-03-01,2026-03-31,0.03,QX-101
X
cat >sp.csv <<'X'
contract_id,date,category,amount,note
C1,2026-01-15,人员,"12,000.00",1月工资
C1,2026-01-20,活动,800.5,重阳活动
C1,2026-02-15,人员,12000,2月工资
C1,2026-03-15,督导,1500,
C1,2026-03-15,督导,1500,
C1,2026-04-02,培训,999.99,after --on
C2,2026-03-02,其他,0.01,
C2,2026-03-03,其他,0.01,
C2,2026-03-04,其他,0.02,
X
run sw-station import -q org.csv c.csv sp.csv
check_rc 0 "two contracts and their spending"

run sw-report budget --contract C1 --on 2026-03-31 -f csv
check_rc 0 "budget: status 0"
check_out "by month and category, each month against the amount expected by its end" <<'X'
contract_id,month,category,amount,spent,spent_to_date,expected,over_under,status
C1,2026-01,personnel,,12000.00,,,,
C1,2026-01,activities,,800.50,,,,
C1,2026-01,total,150000.00,12800.50,12800.50,12739.73,60.77,over
C1,2026-02,personnel,,12000.00,,,,
C1,2026-02,total,150000.00,12000.00,24800.50,24246.58,553.92,over
C1,2026-03,supervision,,3000.00,,,,
C1,2026-03,total,150000.00,3000.00,27800.50,36986.30,-9185.80,under
C1,total,personnel,,24000.00,,,,
C1,total,activities,,800.50,,,,
C1,total,supervision,,3000.00,,,,
C1,total,training,,0.00,,,,
C1,total,management,,0.00,,,,
C1,total,other,,0.00,,,,
C1,total,total,150000.00,27800.50,27800.50,36986.30,-9185.80,under
X
# 150000 x 31/365 = 12739.726..., half up to the fen; x 90/365 = 36986.301...
run sw-report budget --contract C1 --on 2026-01-10 -f json
check_out_has '"month":"total","category":"total","amount":150000.00,"spent":0.00,"spent_to_date":0.00,"expected":4109.59,"over_under":-4109.59,"status":"under"' \
	"json: amounts as numbers; 10 days of 365: 4109.59 expected, nothing spent yet"
run sw-report budget --contract C1 --on 2025-12-01 -f csv
check_out_has "C1,total,total,150000.00,0.00,0.00,0.00,0.00,even" "before the start: nothing expected, nothing spent"
run sw-report budget --contract C1 --on 2027-06-01 -f csv
check_out_has "C1,total,total,150000.00,28800.49,28800.49,150000.00,-121199.51,under" \
	"after the end: the whole amount expected"

# Fen add up exactly: 0.01 + 0.01 + 0.02 is 0.04, over 0.03.
run sw-report budget --contract C2 --on 2026-03-31 -f csv
check_rc 1 "status 1: a contract spent more than its amount"
check_out_has "C2,2026-03,other,,0.04,,,," "0.01 + 0.01 + 0.02 = 0.04 exactly"
check_out_has "C2,total,total,0.03,0.04,0.04,0.03,0.01,over" "over by one fen"
check_err "said on stderr" <<'X'
sw-report: C2: 0.04 spent, more than the contract's amount of 0.03
X
run sw-report budget --on 2026-03-31 -f csv
check_rc 1 "every contract: status 1 still"
[ "$(grep -c ',total,total,' "$T/.out")" = 2 ] && [ "$(head -2 "$T/.out" | tail -1 | cut -d, -f1)" = C1 ]
ok $? "every contract, in contract_id order"

run sw-report budget --contract C1 --on 2026-03-31 -f md --lang zh
tr -s ' ' <"$T/.out" | grep -qF "| C1 | 2026-03 | 合计 | 150000.00 | 3000.00 | 27800.50 | 36986.30 | -9185.80 | 低于进度 |"
ok $? "--lang zh: totals and status in Chinese for people"
tr -s ' ' <"$T/.out" | grep -qF "| C1 | 2026-01 | 人员 |"
ok $? "a category by its Chinese name"
run sw-report budget --contract C1 --on 2026-03-31 -f csv --lang zh
check_out_has "C1,2026-03,total,150000.00" "csv stays keys under --lang zh"

expect_fail 1 'sw-report: --contract: unknown contract "C9"' sw-report budget --contract C9
[ ! -s "$T/.out" ]
ok $? "and nothing on stdout"
expect_fail 2 'sw-report: budget: -f html is for monthly, period, merge, evaluate' sw-report budget -f html
run sw-report budget --lang zh --contract C9
check_err_has '没有合同“C9”' "the message in Chinese"

# --- targets attached to a contract ------------------------------------------------------
cat >sv.csv <<'X'
service_id,client_id,station_code,date,type
S1,K1,QX-001,2026-02-01,visit
S2,K2,QX-001,2026-03-01,visit
S3,K3,QX-101,2026-03-01,visit
X
cat >cl.csv <<'X'
client_id,name,station_code
K1,甲某,QX-001
K2,乙某,QX-001
K3,丙某,QX-101
X
run sw-case import -q cl.csv sv.csv
cat >t.csv <<'X'
contract_id,station_code,indicator,from,to,target
C1,,services,,,4
C2,QX-101,services,2026-03-01,2026-03-31,1
X
run sw-report targets --targets t.csv --contract C1 --on 2026-07-01 -f csv
check_rc 0 "targets --contract: no --period needed"
check_out "an empty station_code: each station of the contract; empty dates: its period" <<'X'
contract_id,station_code,station_name,indicator,label,from,to,target,actual,completion_pct,expected,status
C1,QX-001,青溪街道社工站,services,services,2026-01-01,2026-12-31,4,2,50.0,2.0,on track
X
run sw-report targets --targets t.csv --period 2026 --on 2026-07-02 -f csv
check_out_has "C2,QX-101,梅江镇社工站,services,services,2026-03-01,2026-03-31,1,1,100.0,1.0,on track" \
	"--period: every contract's targets"
cat >bad-t.csv <<'X'
contract_id,station_code,indicator,from,to,target
C1,QX-101,services,,,4
C1,QX-001,services,2025-12-01,2026-06-30,4
C9,QX-001,services,,,4
C1,QX-001,services,2026-01-01,,4
X
run sw-report targets --targets bad-t.csv --period 2026
check_rc 1 "bad contract targets: status 1"
check_err "each named with its line" <<'X'
sw-report: bad-t.csv:2: station_code: QX-101 is not a station of contract C1
sw-report: bad-t.csv:3: from, to: 2025-12-01 to 2026-06-30 is outside contract C1's period (2026-01-01 to 2026-12-31)
sw-report: bad-t.csv:4: contract_id: unknown contract "C9"
sw-report: bad-t.csv:5: from, to: give both or neither (the contract's period)
X
[ ! -s "$T/.out" ]
ok $? "and nothing written"
expect_fail 1 'sw-report: --contract: unknown contract "C7"' sw-report targets --targets t.csv --contract C7
cat >plain.csv <<'X'
station_code,indicator,from,to,target
QX-001,services,2026-01-01,2026-12-31,4
X
expect_fail 1 'sw-report: --contract: plain.csv has no contract_id column' \
	sw-report targets --targets plain.csv --contract C1
done_testing
