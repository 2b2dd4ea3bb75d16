#!/bin/sh
# .xls workbooks (Excel 97-2003) read directly (issue 10): the register of
# the .xlsx fixture saved as .xls gives the same rows; --sheet; stdin;
# check; an ID in a number cell and an error cell refused as in an .xlsx;
# a password, an encrypted .xlsx, a Word document and damaged files refused
# in one line, nothing stored.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
F="$SW_TOP/tests/fixtures/xls"	# made by make.py (xlwt)

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample stations and workers import"

cp "$F/clients.xls" 台账.xls
run sw-case import 台账.xls
check_rc 1 "a workbook of two sheets imports (one service type is unknown)"
check_err "each sheet named, the clients before their services, title and total rows skipped" <<'E'
sw-case: 台账.xls[服务记录]:3: type: unknown value (expected visit, counselling, phone, referral, employment, other)
sw-case: 台账.xls[服务记录]:4: type: unknown value (expected visit, counselling, phone, referral, employment, other)
sw-case: 台账.xls[服务对象台账]: read 7, inserted 5, updated 0, unchanged 0, skipped 2, rejected 0
sw-case: 台账.xls[服务记录]: read 3, inserted 1, updated 0, unchanged 0, rejected 2
E
run sw-case export --no-mask
cp "$T/.out" xls.csv
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
sql "select * from services order by service_id" >xls-services.txt

# The same register as .xlsx, in a database of its own: the same rows.
(
	SW_DB=$(other_db xlsx) || exit 3
	export SW_DB
	sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv" 2>/dev/null
	sw-case import "$SW_TOP/tests/fixtures/xlsx/clients.xlsx" 2>/dev/null
	sw-case export --no-mask >xlsx.csv
	sql "select * from services order by service_id" >xlsx-services.txt
)
cmp -s xls.csv xlsx.csv && cmp -s xls-services.txt xlsx-services.txt
ok $? "the .xls and the .xlsx of one register store the same clients and services"

run_in 台账.xls sw-case import --sheet 服务对象台账 -
check_err "--sheet picks one sheet; a workbook on stdin" <<'E'
sw-case: -[服务对象台账]: read 7, inserted 0, updated 0, unchanged 5, skipped 2, rejected 0
E
expect_fail 1 'sw-case: 台账.xls: --sheet: no sheet named "Sheet9" (the sheets: 服务对象台账, 服务记录)' sw-case import --sheet Sheet9 台账.xls
run sw-case check 台账.xls
check_rc 1 "check reads both sheets and finds the unknown service types"
check_err_has 'sw-case: 台账.xls[服务记录]:3: type: unknown value' "check names the sheet and row"
run sw-case check --sheet 服务对象台账 --fix -o out.csv 台账.xls
check_rc 0 "check --fix of one sheet"
# (for Excel, where a workbook's admin opens it: UTF-8 with a BOM)
[ "$(head -1 out.csv)" = "$(printf '\357\273\277')client_id,name,gender,birth_date,id_number,phone,station_code,categories,registered_on" ] &&
	grep -q '^QX-C001,张三,male,1950-03-15,339901195003150016,13900000001,QX-001,' out.csv
ok $? "the fixed sheet has canonical headers and the dates and phone of the cells"

db_snap
run sw-case import "$F/ids.xls"
check_err "an ID in a number cell and an error cell are refused, saying why" <<E
sw-case: $F/ids.xls[服务对象]:2: id_number: a number cell of more than 15 digits: Excel has lost the last ones; format the column as text and type them again
sw-case: $F/ids.xls[服务对象]:3: name: the cell holds an Excel error (#N/A, #REF! ...): correct the formula or type the value
sw-case: $F/ids.xls[服务对象]: read 2, inserted 0, updated 0, unchanged 0, rejected 2
E
db_same "nothing of them stored"

# Refused in one line, naming what to do; nothing stored.
cp "$F/password.xls" "$F/encrypted.xlsx" "$F/letter.doc" .
expect_fail 1 'sw-case: password.xls: encrypted workbook: save it without a password' sw-case import password.xls
expect_fail 1 'sw-case: encrypted.xlsx: encrypted workbook: save it without a password' sw-case import encrypted.xlsx
expect_fail 1 'sw-case: -: encrypted workbook: save it without a password' sh -c 'sw-case import - <password.xls'
expect_fail 1 'sw-case: letter.doc: a Word document (.doc): copy the table into Excel or WPS and save it as .xlsx or CSV UTF-8' sw-case import letter.doc
damaged='a damaged Excel 97-2003 workbook (.xls): open it in Excel or WPS and save it as .xlsx or CSV UTF-8'
head -c 3000 台账.xls >cut.xls
expect_fail 1 "sw-case: cut.xls: $damaged" sw-case import cut.xls
cp 台账.xls junk.xls
dd if=/dev/zero of=junk.xls bs=1 seek=1200 count=2000 conv=notrunc 2>/dev/null
expect_fail 1 "sw-case: junk.xls: $damaged" sw-case import junk.xls
expect_fail 1 "sw-case: junk.xls: $damaged" sw-case check junk.xls
cp "$F/digits.xls" "$F/long.xls" .
expect_fail 1 'sw-case: long.xls: a cell holds text too long for the .xls reader (thousands of characters): save the workbook as .xlsx or CSV UTF-8' sw-case import long.xls
expect_fail 1 'sw-case: digits.xls: sheet 1, cell C4: a date cell holds a number past 9999-12-31 (a date typed as digits?), which the .xls reader cannot read: type it as a date, or save the workbook as .xlsx' sw-case import digits.xls
db_same "nothing of them stored"

done_testing
