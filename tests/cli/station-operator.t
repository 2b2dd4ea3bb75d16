#!/bin/sh
# backends: sqlite pg
# A station names the organisation that runs it (承接机构), a worker the one
# that employs them (所属机构): refused while the organisation is not on
# file, shown by show in every format, exported and templated; a database of
# schema 14 gains the columns and its audit trail still verifies.
. "$SW_TOP/tests/cli/lib.sh"
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null; then XL=1; else XL=0; fi

cat >st.csv <<'X'
编号,名称,层级,上级编号,承接机构
QX,青溪县社会工作总站,县级社工总站,,
QX-001,青溪街道社工站,乡镇（街道）社工站,QX,O1
QX-002,云山街道社工站,乡镇（街道）社工站,QX,
X
cat >org.csv <<'X'
org_id,name,kind,station_code
O1,青溪县仁爱社会工作服务中心,social_work,QX-001
O2,青溪县启航社会工作服务中心,social_work,
X

# --- an organisation not yet on file: refused, with how to fix it -------------
run sw-station import st.csv
check_rc 1 "a station naming an organisation not on file: status 1"
check_err "its line, the column, and the order to import in" <<'X'
sw-station: st.csv:3: operator_org: unknown organisation "O1" (import the organisation first, or leave operator_org empty for now and fill it in once it is imported)
sw-station: st.csv: read 3, inserted 2, updated 0, unchanged 0, rejected 1
X
[ "$(sql "select code || '=' || coalesce(operator_org, 'NULL') from stations order by code" | tr '\n' ,)" = "QX=NULL,QX-002=NULL," ]
ok $? "the refused station is not stored, not stored without its operator either"
run sw-station import --lang zh st.csv
check_err_has "sw-station: st.csv 第3行：承接机构：找不到组织\"O1\"（请先导入该组织，或暂将承接机构留空，待其导入后再补填）" \
	"--lang zh: the same in Chinese"
db_snap
expect_fail 1 'sw-station: operator_org: unknown organisation "O9" (import the organisation first, or leave operator_org empty for now and fill it in once it is imported)' \
	sw-station add code=QX-002 operator_org=O9
db_same "add: nothing written"

# the order the man page gives: stations without operators, orgs, stations again
fresh_db
run sw-station import --ignore-column 承接机构 st.csv
run sw-station import org.csv
run sw-station import st.csv
check_rc 0 "stations, then organisations, then the stations again"
check_err "the second import fills in the operator, nothing else" <<'X'
sw-station: st.csv: read 3, inserted 0, updated 1, unchanged 2, rejected 0
X
[ "$(sql "select operator_org from stations where code = 'QX-001'")" = O1 ]
ok $? "stored under a Chinese header (承接机构)"
printf 'code,name,level,parent_code,operator_org\nQX-002,云山街道社工站,township,QX,O2\n' >en.csv
run sw-station import en.csv
check_rc 0 "an English header (operator_org)"
[ "$(sql "select operator_org from stations where code = 'QX-002'")" = O2 ]
ok $? "stored"
printf 'code,name,level,运营机构\nQX-002,云山街道社工站,township,O1\n' >alias.csv
run sw-station import alias.csv
[ "$(sql "select operator_org from stations where code = 'QX-002'")" = O1 ]
ok $? "运营机构 is the same column"

# --- workers and their employer --------------------------------------------------
cat >wk.csv <<'X'
工号,姓名,站点编号,岗位类型,所属机构
W001,林伟,QX-001,事务性,O1
W002,刘静,QX-001,服务性,
W003,高丽娟,QX-002,服务性,O7
X
run sw-station import wk.csv
check_rc 1 "workers: status 1 for the unknown employer"
check_err "the worker's line, without the value (a personal table)" <<'X'
sw-station: wk.csv:4: employer_org: unknown organisation (import the organisation first, or leave employer_org empty for now and fill it in once it is imported)
sw-station: wk.csv: read 3, inserted 2, updated 0, unchanged 0, rejected 1
X
[ "$(sql "select worker_id || '=' || coalesce(employer_org, 'NULL') from workers order by worker_id" | tr '\n' ,)" = "W001=O1,W002=NULL," ]
ok $? "the employer stored; an empty one is NULL; the refused worker absent"
printf 'worker_id,name,station_code,role,employer_org\nW003,高丽娟,QX-002,service,O2\n' >wk-en.csv
run sw-station import wk-en.csv
check_rc 0 "an English header (employer_org)"

# --- show: the operator and the employers, by id and name -----------------------
run sw-station show QX-001 -f csv
check_out "show -f csv: the station with its operator's id and name" <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on,operator_org,operator_name
QX-001,青溪街道社工站,township,QX,,,,,O1,青溪县仁爱社会工作服务中心
X
run sw-station show QX-001 -f table
check_out "show -f table: the operator, and each worker's employer" <<'X'
code    name            level     parent_code  division_code  address  opened_on  closed_on  operator_org  operator_name
QX-001  青溪街道社工站  township  QX                                                         O1            青溪县仁爱社会工作服务中心

Staff
worker_id  name  role     certificate  hired_on  left_on  employer_org  employer_name
W001       林伟  admin    none                            O1            青溪县仁爱社会工作服务中心
W002       刘静  service  none

Children
code  name  level  opened_on  closed_on
X
run sw-station show QX-001 -f table --lang zh
check_out "show --lang zh: Chinese titles" <<'X'
编号    名称            层级                上级编号  区划代码  地址  成立日期  撤销日期  承接机构  承接机构名称
QX-001  青溪街道社工站  乡镇（街道）社工站  QX                                            O1        青溪县仁爱社会工作服务中心

工作人员
工号  姓名  岗位类型  证书  入职日期  离职日期  所属机构  所属机构名称
W001  林伟  事务性    无                        O1        青溪县仁爱社会工作服务中心
W002  刘静  服务性    无

下级站点
编号  名称  层级  成立日期  撤销日期
X
run sh -c 'sw-station show QX-002 -f json | jq -c "[.operator_org, .operator_name, [.staff[] | [.worker_id, .employer_org, .employer_name]]]"'
check_out "show -f json: the same keys, the employer in each worker" <<'X'
["O1","青溪县仁爱社会工作服务中心",[["W003","O2","青溪县启航社会工作服务中心"]]]
X
run sw-station show QX -f md --lang zh
check_out_has "| 编号 | 名称               | 层级         | 上级编号 | 区划代码 | 地址 | 成立日期 | 撤销日期 | 承接机构 | 承接机构名称 |" \
	"show -f md --lang zh: a station run by no organisation has the columns, empty"

# --- exports, templates, labels --------------------------------------------------
run sw-station export --table workers --no-mask
check_out "export: employer_org last, re-importable" <<'X'
worker_id,name,station_code,role,certificate,hired_on,left_on,employer_org
W001,林伟,QX-001,admin,none,,,O1
W002,刘静,QX-001,service,none,,,
W003,高丽娟,QX-002,service,none,,,O2
X
cp .out workers.csv
run sw-station import workers.csv
check_err_has "read 3, inserted 0, updated 0, unchanged 3, rejected 0" "the export imports back unchanged"
run sw-station export --labels zh
check_out_has "编号,名称,层级,上级编号,区划代码,地址,成立日期,撤销日期,报送,督导审批,承接机构" \
	"export --labels zh: 承接机构"
cp .out 站点.csv
run sw-station import 站点.csv
check_err_has "read 3, inserted 0, updated 0, unchanged 3, rejected 0" "and imports back unchanged"
run sw-station template workers
check_out "template workers: 所属机构" <<'X'
工号,姓名,站点编号,岗位类型,证书,入职日期,离职日期,所属机构
X
if [ $XL = 1 ]; then
	run sw-station template stations -f xlsx -o 站点.xlsx
	run $PY -c 'import openpyxl; b = openpyxl.load_workbook("站点.xlsx")
print(b.worksheets[0]["K1"].value)
print([r[4] for r in b.worksheets[1].iter_rows(values_only=True) if r[1] == "operator_org"])'
	check_out "template -f xlsx: the column, and a note saying what it refers to" <<'X'
承接机构
['one already registered (orgs.org_id)']
X
	# a workbook's sheets go in the tables' order: orgs before the workers
	# who name them, whatever the workbook's order
	fresh_db
	run sw-station import -q --ignore-column 承接机构 st.csv
	$PY -c 'import openpyxl
b = openpyxl.Workbook(); w = b.active; w.title = "社工"
for r in [["工号", "姓名", "站点编号", "岗位类型", "所属机构"], ["W001", "林伟", "QX-001", "事务性", "O1"]]: w.append(r)
o = b.create_sheet("组织")
for r in [["机构编号", "机构名称", "机构类型"], ["O1", "青溪县仁爱社会工作服务中心", "社工机构"]]: o.append(r)
b.save("county.xlsx")'
	run sw-station import county.xlsx
	check_rc 0 "a workbook with its workers sheet before its organisations"
	[ "$(sql "select employer_org from workers")" = O1 ]
	ok $? "the worker's employer stored"
else
	i=0; while [ $i -lt 4 ]; do ok 0 "# SKIP openpyxl"; i=$((i + 1)); done
fi

# --- a database of schema 14: migrated, its audit trail still verifies -----------
# (a file of SQLite's: a server migrates by init-server)
if [ "$BACKEND" = sqlite ]; then
	rm -f sw.db sw.db-wal sw.db-shm
	sqlite3 sw.db <"$SW_TOP/tests/fixtures/schema-v14.sql"
	chmod 600 sw.db
	[ "$(sql 'PRAGMA user_version')" = 14 ] && [ "$(sql "select count(*) from audit_entry")" = 8 ]
	ok $? "a file of schema 14 with its trail (verified by sw-tools at that version)"
	run sw-station list -f csv
	check_rc 0 "a command that writes opens it"
	[ "$(sql 'PRAGMA user_version')" = "$SCHEMA" ] &&
		[ "$(sql "select count(*) from pragma_table_info('stations') where name = 'operator_org'")" = 1 ] &&
		[ "$(sql "select count(*) from pragma_table_info('workers') where name = 'employer_org'")" = 1 ]
	ok $? "migrated: both columns added"
	run sw-case audit --verify
	check_rc 0 "after the migration the rows hash as before: the trail verifies"
	check_out_has "8 entries verified" "every entry written at schema 14"
	printf 'code,name,level,operator_org\nQX-001,青溪街道社工站,township,O1\n' >op.csv
	printf 'worker_id,name,station_code,role,employer_org\nW002,刘静,QX-002,service,O2\n' >emp.csv
	run sw-station import op.csv emp.csv
	check_rc 0 "the migrated database takes an operator and an employer"
	run sw-case audit --verify
	check_out_has "10 entries verified" "the changes are in the trail, which verifies"
	[ "$(sql "select detail from audit_entry where tbl = 'stations' and action = 'update'")" = operator_org ]
	ok $? "the entry names the column that changed"

	# no figure counts them: naming them after a month is closed is allowed
	run sw-report close --month 2026-10
	printf 'code,name,level,operator_org\nQX-002,云山街道社工站,township,O2\n' >op2.csv
	printf 'worker_id,name,station_code,role,employer_org\nW001,林伟,QX-001,admin,O2\n' >emp2.csv
	run sw-station import op2.csv emp2.csv
	check_rc 0 "an operator and an employer named after 2026-10 was closed"
	run sw-report monthly --month 2026-10 -f csv
	check_rc 0 "the closed month's fingerprint still holds"
	sql "update workers set employer_org = 'O1' where worker_id = 'W002'"
	expect_fail 1 "sw-case: audit: workers W002: changed behind the tool's back" sw-case audit --verify
fi

done_testing
