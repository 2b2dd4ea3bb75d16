#!/bin/sh
# .xlsx workbooks read directly (issue 10): every sheet to its table by its
# header or name, in the order of the tables; title and total rows; hours;
# --sheet; stdin; number cells that have lost digits; Excel error cells; a
# sheet of drop-down lists refuses the workbook, saying how to pick the register.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
X="$SW_TOP/tests/fixtures/xlsx/clients.xlsx"	# made by make.py (openpyxl)

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample stations and workers import"

cp "$X" 台账.xlsx
run sw-case import 台账.xlsx
check_rc 1 "a workbook of two sheets imports (one service type is unknown)"
check_err "each sheet named, the clients before their services, title and total rows skipped" <<'E'
sw-case: 台账.xlsx[服务记录]:3: type: unknown value (expected visit, counselling, phone, referral, employment, other)
sw-case: 台账.xlsx[服务记录]:4: type: unknown value (expected visit, counselling, phone, referral, employment, other)
sw-case: 台账.xlsx[服务对象台账]: read 7, inserted 5, updated 0, unchanged 0, skipped 2, rejected 0
sw-case: 台账.xlsx[服务记录]: read 3, inserted 1, updated 0, unchanged 0, rejected 2
E
run sw-case export --no-mask
check_out "date cells as ISO dates, a phone typed as a number kept whole" <<'E'
client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on
QX-C001,张三,male,1950-03-15,339901195003150016,13900000001,QX-001,elderly;living_alone,,,2026-09-01
QX-C002,李四,female,1962-11-08,339901196211080029,13900000002,QX-001,low_income,,,2026-09-03
QX-C003,王五,male,2016-06-01,339901201606010037,,QX-002,child;left_behind,,,2026-09-10
QX-C004,赵六,female,1988-08-08,339901198808080047,13900000004,QX-002,disabled,,,2026-10-02
QX-C005,钱七,male,1945-01-20,339901194501200050,13900000005,QX-001,extreme_poverty,,,2026-10-15
E
[ "$(sql "select minutes||'|'||note from services")" = "90|上门探访，了解近况
血压正常" ]
ok $? "时长（小时） 1.5 is 90 minutes; the note keeps its line break and full-width comma"
run_in 台账.xlsx sw-case import --sheet 服务对象台账 -
check_err "--sheet picks one sheet; a workbook on stdin" <<'E'
sw-case: -[服务对象台账]: read 7, inserted 0, updated 0, unchanged 5, skipped 2, rejected 0
E
expect_fail 1 'sw-case: 台账.xlsx: --sheet: no sheet named "Sheet9" (the sheets: 服务对象台账, 服务记录)' sw-case import --sheet Sheet9 台账.xlsx
expect_fail 2 'sw-case: 台账.xlsx: --fix writes one table: pick the sheet with --sheet NAME' sw-case check --fix -o out.csv 台账.xlsx
run sw-case check --sheet 服务对象台账 --fix -o out.csv 台账.xlsx
check_rc 0 "check --fix of one sheet"
head -1 out.csv >hdr.csv
check_out "nothing on stdout" </dev/null
[ "$(cat hdr.csv)" = "$(printf '\357\273\277')client_id,name,gender,birth_date,id_number,phone,station_code,categories,registered_on" ]
ok $? "the fixed sheet has canonical headers, after a BOM for Excel"

# A workbook written by hand: a number cell that has lost an ID's digits,
# an Excel error cell, a formula no program computed (never read as empty;
# the fixture's total row has one too and is skipped all the same).
mkdir -p w/_rels w/xl/_rels w/xl/worksheets
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>' >'w/[Content_Types].xml'
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="服务对象" sheetId="1" r:id="rId1"/></sheets></workbook>' >w/xl/workbook.xml
printf '%s' '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' >w/xl/_rels/workbook.xml.rels
cat >w/xl/worksheets/sheet1.xml <<'E'
<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>档案号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>身份证号码</t></is></c><c r="D1" t="inlineStr"><is><t>所属站点</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>X1</t></is></c><c r="B2" t="inlineStr"><is><t>王桂兰</t></is></c><c r="C2"><v>3.39901195506120E+17</v></c><c r="D2" t="inlineStr"><is><t>QX-001</t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>X2</t></is></c><c r="B3" t="e"><v>#REF!</v></c><c r="C3" t="inlineStr"><is><t>339901196201010043</t></is></c><c r="D3" t="inlineStr"><is><t>QX-001</t></is></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>X3</t></is></c><c r="B4" t="str"><f>B2</f></c><c r="D4" t="inlineStr"><is><t>QX-001</t></is></c></row>
</sheetData></worksheet>
E
(cd w && zip -q -r ../num.xlsx .)
db_snap
run sw-case import num.xlsx
check_err "an ID in a number cell and an error cell are refused, saying why" <<'E'
sw-case: num.xlsx[服务对象]:2: id_number: a number cell of more than 15 digits: Excel has lost the last ones; format the column as text and type them again
sw-case: num.xlsx[服务对象]:3: name: the cell holds an Excel error (#N/A, #REF! ...): correct the formula or type the value
sw-case: num.xlsx[服务对象]:4: name (cell B4): a formula without a computed value: open the workbook in Excel or WPS and save it, or paste the column as values
sw-case: num.xlsx[服务对象]: read 3, inserted 0, updated 0, unchanged 0, rejected 3
E
db_same "nothing of them stored"

# check, like import, reads the clients sheet before the services sheet
# and knows the clients it defines: only the two unknown types are found
db2=$(other_db fresh) || exit 3
SW_DB=$db2 run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
SW_DB=$db2 run sw-case check 台账.xlsx
check_err "check: the workbook's own clients are known to its services sheet" <<'E'
sw-case: 台账.xlsx[服务记录]:3: type: unknown value (expected visit, counselling, phone, referral, employment, other)
sw-case: 台账.xlsx[服务记录]:4: type: unknown value (expected visit, counselling, phone, referral, employment, other)
E

# A sheet of drop-down lists beside the register holds no records: the
# workbook is refused as a whole, with the way to import its register.
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null; then
	"$PY" - <<'P'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "服务对象台账"
ws.append(["档案号", "姓名", "性别", "所属站点"])
ws.append(["L1", "张三", "男", "QX-001"])
lists = wb.create_sheet("下拉选项")
for row in (["性别", "户籍", "服务类型"], ["男", "本地", "家访"], ["女", "非本地", "电话"]):
    lists.append(row)
wb.save("lists.xlsx")
P
	run sw-case import lists.xlsx
	check_rc 1 "a workbook with a sheet of drop-down lists"
	check_err_has "sw-case: lists.xlsx: nothing of the workbook imported: a sheet above cannot be read as a table (one of drop-down lists or sums holds none); import the others with --sheet NAME (once for each)" \
		"says how to import its register"
	run sw-case import --sheet 服务对象台账 lists.xlsx
	check_err "which --sheet then imports" <<'E'
sw-case: lists.xlsx[服务对象台账]: read 1, inserted 1, updated 0, unchanged 0, rejected 0
E
else
	for i in 1 2 3; do ok 0 "# SKIP no /usr/bin/python3 with openpyxl"; done
fi
done_testing
