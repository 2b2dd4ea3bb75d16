#!/bin/sh
# backends: sqlite pg
# What the bureau buys: contracts over stations and a period, the staff
# each requires at a station, what was spent; amounts exact to the fen;
# each bad row refused with its line, nothing half-written; staffing --on
# lists each station short of its contract (status 1, for cron).
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
cat >org.csv <<'X'
机构编号,机构名称,机构类型
O1,青溪县仁爱社会工作服务中心,社工机构
X
run sw-station import -q org.csv
check_rc 0 "the sample county and a contractor"

cat >c.csv <<'X'
合同编号,合同名称,购买方,乡镇,承接机构,签订日期,开始日期,结束日期,合同金额（元）,资金来源,覆盖站点
C1,青溪街道社工站运营项目,青溪县民政局,青溪街道办事处,O1,2025-12-20,2026-01-01,2026-12-31,"150,000.00",困难群众救助补助资金,QX-001、QX-002
C2,梅江镇社工站运营项目,青溪县民政局,梅江镇人民政府,O1,2025-12-20,2026-01-01,2026-12-31,120000.5,困难群众救助补助资金,QX-101;QX-101
X
run sw-station import c.csv
check_rc 0 "two contracts"
[ "$(sql "select contract_id, amount, stations from contracts order by 1")" = "C1|150000.00|QX-001;QX-002
C2|120000.50|QX-101" ]
ok $? "amounts stored as yuan to the fen, stations as checked codes joined by ;"
cat >wan.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount（万元）,stations
C3,桃源镇社工站运营项目,青溪县民政局,O1,2026-01-01,2026-12-31,12.345678,QX-103
X
run sw-station import wan.csv
check_rc 0 "an amount in 万元 with six decimals"
[ "$(sql "select amount from contracts where contract_id = 'C3'")" = "123456.78" ]
ok $? "converted exactly: 12.345678 万元 is 123456.78 yuan"
cat >unit.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount（千元）,stations
C4,石门镇社工站运营项目,青溪县民政局,O1,2026-01-01,2026-12-31,12,QX-102
X
expect_fail 1 'sw-station: unit.csv:1: amount(千元): unknown unit; name the column 金额（元） or 金额（万元）' \
	sw-station import unit.csv

# --- bad input: one line each, nothing stored ---------------------------------------
db_snap
cat >bad.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount,stations
B1,倒置,青溪县民政局,O1,2026-06-01,2026-05-31,100000,QX-104
B2,重叠,青溪县民政局,O1,2026-06-01,2027-05-31,100000,QX-104;QX-002
B3,机构,青溪县民政局,O9,2026-06-01,2026-07-31,100000,QX-104
B4,站点,青溪县民政局,O1,2026-06-01,2026-07-31,100000,QX-999
B5,金额,青溪县民政局,O1,2026-06-01,2026-07-31,"1,000.005",QX-104
B6,金额,青溪县民政局,O1,2026-06-01,2026-07-31,1e5,QX-104
B7,金额,青溪县民政局,O1,2026-06-01,2026-07-31,-100,QX-104
B8,金额,青溪县民政局,O1,2026-06-01,2026-07-31,"10,00",QX-104
X
run sw-station import bad.csv
check_rc 1 "status 1: rows rejected"
check_err "each bad contract refused with its file, line and column" <<'X'
sw-station: bad.csv:2: end: 2026-05-31 is before start 2026-06-01
sw-station: bad.csv:3: stations: QX-002 is in contract C1 too, from 2026-01-01 to 2026-12-31: a station is under one contract at a time
sw-station: bad.csv:4: contractor: unknown organisation "O9"
sw-station: bad.csv:5: stations: unknown station "QX-999"
sw-station: bad.csv:6: amount: more than 2 decimal places (fen)
sw-station: bad.csv:7: amount: not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)
sw-station: bad.csv:8: amount: negative amount
sw-station: bad.csv:9: amount: not an amount of money (write yuan like 150000, 150,000.00 or 1500.5)
sw-station: bad.csv: read 8, inserted 0, updated 0, unchanged 0, rejected 8
X
db_same "nothing of the bad rows stored"
run sw-station import --strict c.csv bad.csv
check_rc 1 "--strict: a bad row stores nothing of either file"
db_same "nothing half-written"
run sw-station import --lang zh bad.csv
check_err_has "sw-station: bad.csv 第2行：end：结束日期 2026-05-31 早于开始日期 2026-06-01" \
	"--lang zh: the reason in Chinese"

# A contract that follows another on the same station is fine.
cat >next.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount,stations
C5,青溪街道社工站运营项目（续）,青溪县民政局,O1,2027-01-01,2027-12-31,150000,QX-001
X
run sw-station import next.csv
check_rc 0 "the next year's contract on the same station: no overlap"

# --- staffing --------------------------------------------------------------------------
cat >st.csv <<'X'
合同编号,岗位,人数
C1,事务性,1
C1,服务性,3
C2,社工,3
X
run sw-station import st.csv
check_rc 0 "contract staffing: 1 admin + 3 service at each station of C1, 3 of any role at C2's"
run sw-station staffing --on 2026-11-01 -f csv
check_rc 1 "staffing: status 1 when a station is short"
check_out "each station short, by role, against the workers active that day" <<'X'
contract_id,station_code,station_name,role,required,active,short
C1,QX-001,青溪街道社工站,admin,1,0,1
C1,QX-002,云山街道社工站,admin,1,0,1
X
check_err "and a line on stderr for cron's mail" <<'X'
sw-station: 2026-11-01: short of the staffing contracts require: 2
X
run sw-station staffing --on 2026-11-01 --station QX-101 -f csv
check_rc 0 "QX-101 has its 3 workers"
cat >left.csv <<'X'
worker_id,name,station_code,role,certificate,hired_on,left_on
W013,罗芳,QX-101,service,intermediate,2022-08-01,2026-10-31
X
run sw-station import -q left.csv
run sw-station staffing --on 2026-11-01 --station QX-101 -f csv
check_rc 1 "a worker who left on 2026-10-31 no longer counts on 2026-11-01"
check_out_has "C2,QX-101,梅江镇社工站,any,3,2,1" "any role: 3 required, 2 active"
run sw-station staffing --on 2026-10-15 --station QX-101 -q
check_rc 0 "on 2026-10-15 she still worked there"
run sw-station staffing --on 2025-06-01
check_rc 0 "no contract in force: nothing short, status 0"
run sw-station staffing --on 2026-11-01 -f table --lang zh --station QX-001
check_out_has "事务性" "--lang zh: roles by their Chinese label in a table"

# --- spending ---------------------------------------------------------------------------
db_snap
cat >sp.csv <<'X'
合同编号,支出日期,支出类别,金额,备注
C1,2025-12-31,其他,100,签约前
C1,2026-02-15,吃饭,100,
C9,2026-02-15,人员,100,
C1,2026-02-16,人员,100.001,
X
run sw-station import sp.csv
check_rc 1 "spending: bad rows"
check_err "outside the period, an unknown category, an unknown contract, a bad amount" <<'X'
sw-station: sp.csv:2: date: 2025-12-31 is outside contract C1's period (2026-01-01 to 2026-12-31)
sw-station: sp.csv:3: category: unknown value "吃饭" (expected personnel, activities, supervision, training, management, other)
sw-station: sp.csv:4: contract_id: unknown contract "C9"
sw-station: sp.csv:5: amount: more than 2 decimal places (fen)
sw-station: sp.csv: read 4, inserted 0, updated 0, unchanged 0, rejected 4
X
db_same "nothing stored"
cat >ok.csv <<'X'
合同编号,支出日期,支出类别,金额,备注
C1,2026-01-15,人员,"12,000.00",1月工资
X
run sw-station import ok.csv
check_rc 0 "a good spending row"
cat >short.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount,stations
C1,青溪街道社工站运营项目,青溪县民政局,O1,2026-02-01,2026-12-31,150000,QX-001;QX-002
X
expect_fail 1 "sw-station: short.csv:2: start, end: spending of the contract on 2026-01-15 would fall outside 2026-02-01 to 2026-12-31" \
	sw-station import short.csv
run sw-station export --table spending
check_out_has ",C1,2026-01-15,personnel,12000.00,1月工资" "exported as stored, and imports back the same"
sw-station export --table spending >back.csv
run sw-station import back.csv
check_err_has "read 1, inserted 0, updated 0, unchanged 1, rejected 0" "an export imports back unchanged"
[ "$(sql "select count(*) from audit where tbl in ('contracts', 'contract_staffing', 'spending')")" -ge 7 ]
ok $? "contracts, staffing and spending are in the audit trail"
run sw-station staffing --help
check_rc 0 "staffing --help"

# two contracts of one file on the same station and days: the second is
# refused, the first being in the database for it (on a server too, where
# a file's rows are stored a chunk at a time)
cat >two.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount,stations
C6,大溪镇社工站运营项目,青溪县民政局,O1,2026-01-01,2026-12-31,100000,QX-104
C7,大溪镇社工站运营项目（重复）,青溪县民政局,O1,2026-06-01,2027-05-31,100000,QX-104
X
expect_fail 1 "sw-station: two.csv:3: stations: QX-104 is in contract C6 too, from 2026-01-01 to 2026-12-31: a station is under one contract at a time" \
	sw-station import two.csv
done_testing
