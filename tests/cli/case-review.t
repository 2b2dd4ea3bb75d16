#!/bin/sh
# backends: sqlite pg
# What a user's review of import and check found (session 10): a --rejects
# file imports again once fixed, one table's rows a file; check finds every
# row import refuses for an ID number another record has, and says how to
# fix it; a ledger's footer is skipped; a phone of 无 says to leave the cell
# empty; a bad ID check digit never gives the digit expected.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample stations and workers import"

# 339901195003150016 and 339901196201010043 are valid invented IDs.
cat >c.csv <<'X'
档案号,姓名,身份证号,联系电话,所属站点
R1,张三,339901195003150016,,QX-001
R2,李四,339901195003150017,,QX-001
R3,王五,,无,QX-001
X
cat >s.csv <<'X'
服务编号,档案号,所属站点,服务日期,服务类型,时长（分钟）
S1,R1,QX-001,2026-10-05,探访,30
S2,R9,QX-001,2026-10-06,探访,30
X

# 1. The rejects of two tables: one file each, the second beside the first.
run sw-case import --rejects rej.csv c.csv s.csv
check_rc 1 "rows rejected"
check_err "the second table's rejects named on stderr" <<'X'
sw-case: c.csv:3: id_number: bad check digit
sw-case: c.csv:4: phone: not a phone number: leave the cell empty if there is none
sw-case: s.csv:3: client_id: unknown client
sw-case: --rejects: the rejected rows of s.csv are in rej-services.csv, those of c.csv in rej.csv (a rejects file holds one table's rows)
sw-case: c.csv: read 3, inserted 1, updated 0, unchanged 0, rejected 2
sw-case: s.csv: read 2, inserted 1, updated 0, unchanged 0, rejected 1
X
run cat rej.csv
check_out "rej.csv: the clients' rows only, under their own header" <<'X'
档案号,姓名,身份证号,联系电话,所属站点,line,error
R2,李四,339901195003150017,,QX-001,3,id_number: bad check digit
R3,王五,,无,QX-001,4,phone: not a phone number: leave the cell empty if there is none
X
run cat rej-services.csv
check_out "rej-services.csv: the services' rows" <<'X'
服务编号,档案号,所属站点,服务日期,服务类型,时长（分钟）,line,error
S2,R9,QX-001,2026-10-06,探访,30,3,client_id: unknown client
X

# Fixed in place, the rejects files import again: line and error are the
# file's own columns, said nothing of and never stored.
sed -e 's/195003150017/196201010043/' -e 's/,无,/,,/' rej.csv >fixed.csv
run sw-case import --rejects rej2.csv fixed.csv
check_rc 0 "the fixed rejects file imports"
check_err "nothing said of its line and error columns" <<'X'
sw-case: fixed.csv: read 2, inserted 2, updated 0, unchanged 0, rejected 0
X
[ "$(sql "select client_id || ':' || coalesce(phone, '') from clients order by client_id")" = "R1:
R2:
R3:" ]
ok $? "the fixed rows stored, nothing of line or error"
run sw-case import rej-services.csv
check_rc 1 "a rejects file's row still wrong is refused again"
check_err "read as services, not as clients" <<'X'
sw-case: rej-services.csv:2: client_id: unknown client
sw-case: rej-services.csv: read 1, inserted 0, updated 0, unchanged 0, rejected 1
X
# a rejected rejects row goes to the next rejects file once, with its new line
run sw-case import --rejects rej3.csv rej-services.csv
run cat rej3.csv
check_out "the next rejects file: its own line and error only" <<'X'
服务编号,档案号,所属站点,服务日期,服务类型,时长（分钟）,line,error
S2,R9,QX-001,2026-10-06,探访,30,2,client_id: unknown client
X
# the two columns are keys, English under --lang zh too, and read back so
run sw-case import --lang zh --rejects rej4.csv rej-services.csv
run head -1 rej4.csv
check_out "--lang zh: line and error still" <<'X'
服务编号,档案号,所属站点,服务日期,服务类型,时长（分钟）,line,error
X
run sw-case import --lang zh rej4.csv
check_err_has "sw-case: rej4.csv 第2行：档案号：找不到服务对象" "imported again under --lang zh"
# only that exact pair, at the end: any other unknown column is refused
printf '档案号,姓名,所属站点,line,note\nR1,张三,QX-001,2,x\n' >other.csv
expect_fail 1 'sw-case: other.csv:1: note: not a column of clients; rename it to one of its columns, or leave it out with --ignore-column note' \
	sw-case import other.csv
# a value past the header is kept in the rejects file, after the reason
printf '档案号,姓名,所属站点\nR5,赵六,QX-001,多余\n' >wide.csv
run sw-case import --rejects rej5.csv wide.csv
run cat rej5.csv
check_out "a value past the header kept, so refused again" <<'X'
档案号,姓名,所属站点,line,error
R5,赵六,QX-001,2,column 4 has a value but no header: give the column a name or clear it,多余
X
# onto standard output there is nowhere beside: refused, nothing stored
db_snap
printf '档案号,姓名,所属站点\nR6,,QX-001\n' >c2.csv
run sw-case import --rejects - c2.csv s.csv
check_rc 3 "a second table's rejects to standard output: failure"
check_err_has "sw-case: --rejects -: the rejected rows of s.csv cannot go there too, after those of c2.csv: a rejects file holds one table's rows; give a file name" \
	"says why and how"
db_same "nothing stored"

# 2. check finds what import refuses: an ID number given twice in the
# file, or held by another record on file; the message names the line or
# says the record is on file, and how to fix it, never the number.
cat >ids.csv <<'X'
档案号,姓名,身份证号,所属站点
N1,测试,339901195003150016,QX-001
N2,测试,110101199003070011,QX-001
N3,测试,110101199003070011,QX-001
N4,测试,110101199003070011,QX-001
X
run sw-case check ids.csv
check_rc 1 "check: problems found"
check_err "check names the other line, or the record on file" <<'X'
sw-case: ids.csv:2: id_number: already on file for another record (the same person? give this row that record's client_id; else correct it)
sw-case: ids.csv:4: id_number: already given on line 3, to another record (the same person twice? keep one of the rows; else correct it)
sw-case: ids.csv:5: id_number: already given on line 3, to another record (the same person twice? keep one of the rows; else correct it)
X
run sw-case import --dry-run ids.csv
check_err "import refuses the same rows" <<'X'
sw-case: ids.csv:2: id_number: already on file for another record (the same person? give this row that record's client_id; else correct it)
sw-case: ids.csv:4: id_number: already given on an earlier line of this file, to another record (the same person twice? keep one of the rows; else correct it)
sw-case: ids.csv:5: id_number: already given on an earlier line of this file, to another record (the same person twice? keep one of the rows; else correct it)
sw-case: ids.csv: read 4, inserted 1, updated 0, unchanged 0, rejected 3 (dry run: nothing written)
X
# the record's own number, given again by its own row, is no problem
printf '档案号,姓名,身份证号,所属站点\nR1,张三,339901195003150016,QX-001\n' >own.csv
run sw-case check own.csv
check_rc 0 "a record's own ID number is not another's"
run sw-case check --lang zh ids.csv
check_err_has "sw-case: ids.csv 第4行：身份证号：第3行已经把它给了另一条记录（同一个人录了两次？只留一行；不是的话请改正号码）" \
	"in Chinese"

# 3. A ledger's footer is skipped as its total row is; a data row whose
# 序号 cell happens to hold such a word is not.
cat >foot.csv <<'X'
序号,档案号,姓名,所属站点
1,F1,测试,QX-001
合计：1人,,,
填表人：测试,,审核人：,测试
填报日期：2026年10月31日,,,
制表人:测试,F2,测试,QX-001
X
run sw-case import foot.csv
check_rc 0 "the footer rows skipped, nothing rejected"
check_err "counted as skipped" <<'X'
sw-case: foot.csv: read 5, inserted 2, updated 0, unchanged 0, skipped 3, rejected 0
X

# The Chinese for a bad check digit gives no digit to type in.
run sw-case import --lang zh --dry-run c.csv
check_err_has "sw-case: c.csv 第3行：身份证号：校验位不对" "校验位不对"
grep -q '应为' "$T/.err"
[ $? = 1 ]
ok $? "no expected digit"
check_err_has "sw-case: c.csv 第4行：联系电话：不是电话号码：没有电话就把单元格留空" "a phone of 无 in Chinese"

done_testing
