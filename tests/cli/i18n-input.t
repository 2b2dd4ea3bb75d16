#!/bin/sh
# The input side in Chinese (issue 13): under --lang zh a refused row names
# its column by its Chinese title and says what to do in the admin's words
# (身份证号：校验位不对, never the digit expected: a guess it would invite),
# an unknown word lists the Chinese words that are accepted, the station's
# own among them, and the header, the workbook and the summary speak
# Chinese too; no English key shows, and no
# personal value of a row does, in Chinese any more than in English.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
F="$SW_TOP/tests/fixtures"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample stations and workers import"
run sw-case vocab add hukou 本县户籍 local
check_rc 0 "a local word for hukou"

# no_english DESC: stderr holds none of the English a message was made of
# (options such as --ignore-column aside).
no_english() {
	sed 's/--[a-z-]*//g' "$T/.err" >"$T/.words"
	! grep -Eiwq 'unknown|expected|column|required|missing|read|inserted|rejected|check digit|impossible|not a|male|female|local|nonlocal|client_id|station_code|id_number|gender|birth_date|hukou|registered_on|clients' "$T/.words"
	ok $? "$1"
}

# 339901195003150016 is valid; its last digit changed, the check fails.
cat >c.csv <<'E'
client_id,name,station_code,gender,birth_date,id_number,hukou,registered_on
C1,张三,QX-001,男,1950-03-15,339901195003150017,本地,2026-01-05
C2,李四,QX-001,火星,1962-11-08,,本地,2026-01-05
C3,王五,QX-001,女,1962-13-08,,本地,2026-02-30
C4,赵六,QX-001,女,1988-08-08,,外省,2026-01-05
C5,钱七,QX-999,女,1988-08-08,,本县户籍,2026-01-05
C6,孙八,QX-001,男,1950-03-15,339901195003150016,本县户籍,2026-01-05
E
run sw-case import --lang zh c.csv
check_rc 1 "rows refused under --lang zh: status 1 as in English"
check_err "each refusal names the column by its Chinese title and says what to write" <<'E'
sw-case: c.csv 第2行：身份证号：校验位不对
sw-case: c.csv 第3行：性别：不认识的值（可填：男、女）
sw-case: c.csv 第4行：出生日期：不存在的日期；建档日期：不存在的日期
sw-case: c.csv 第5行：户籍：不认识的值（可填：本地户籍、外地户籍、本县户籍）
sw-case: c.csv 第6行：站点编号：找不到站点
sw-case: c.csv：读入6行，新增1，更新0，未变0，拒收5
E
no_english "no English key or word in the Chinese messages"
run sw-case import c.csv
check_err_has 'sw-case: c.csv:2: id_number: bad check digit' "English as before under LC_ALL=C"
check_err_has 'sw-case: c.csv:5: hukou: unknown value (expected local, nonlocal)' \
	"English lists the keys"

run sw-case check --lang zh c.csv
check_err_has 'sw-case: c.csv 第4行：出生日期：不存在的日期' "check speaks Chinese too"
printf 'client_id,name,station_code\nD1,孙八,QX-001\nD1,周九,QX-001\n' >dup.csv
run sw-case check --lang zh dup.csv
check_err "a duplicate key names the line that has it" <<'E'
sw-case: dup.csv 第3行：档案号：与第2行重复
E

# The header: a missing required column, unknown columns with and
# without a hint.
printf 'client_id,name,gender\n' >nost.csv
expect_fail 1 'sw-case: nost.csv 第1行：站点编号：缺少必需的列（或用 --station 站点编号 指定）' \
	sw-case import --lang zh nost.csv
printf 'client_id,name,station_code,身份证件,备注栏\n' >cols.csv
run sw-case import --lang zh cols.csv
check_err "unknown columns: what to name them or how to leave them out" <<'E'
sw-case: cols.csv 第1行：身份证件：不是服务对象的列；如果这一列填的是身份证号，请把列名改为身份证号，或用 --ignore-column 身份证件 略过它
sw-case: cols.csv 第1行：备注栏：不是服务对象的列；请改成它的某个列名，或用 --ignore-column 备注栏 略过它
E
no_english "no English in the header's messages"

# Workbooks.
cp "$F/xls/encrypted.xlsx" "$F/xls/ids.xls" .
expect_fail 1 'sw-case: encrypted.xlsx: 工作簿加了密码：请去掉密码后再保存' sw-case import --lang zh encrypted.xlsx
head -c 3000 "$F/xlsx/clients.xlsx" >cut.xlsx
expect_fail 1 'sw-case: cut.xlsx: 不是 .xlsx 工作簿：zip 压缩包不完整或已损坏' sw-case import --lang zh cut.xlsx
head -c 3000 "$F/xls/clients.xls" >cut.xls
expect_fail 1 'sw-case: cut.xls: 损坏的 Excel 97-2003 工作簿（.xls）：请用 Excel 或 WPS 打开，另存为 .xlsx 或 CSV UTF-8' \
	sw-case import --lang zh cut.xls
run sw-case import --lang zh ids.xls
check_err "cells of a workbook: lost digits, an Excel error" <<'E'
sw-case: ids.xls[服务对象] 第2行：身份证号：超过15位的数字单元格：Excel 已丢掉了后面几位；请把这一列设为文本格式，重新输入
sw-case: ids.xls[服务对象] 第3行：姓名：单元格是 Excel 错误值（#N/A、#REF! 等）：请改正公式，或直接填写数值
sw-case: ids.xls[服务对象]：读入2行，新增0，更新0，未变0，拒收2
E
run sw-case import --lang zh --sheet 服务 "$F/xlsx/clients.xlsx"
check_err_has '--sheet：没有名为"服务"的工作表（现有工作表：服务对象台账、服务记录）' \
	"--sheet names the sheets there are"

# Personal values stay out of Chinese messages: a missing comma shifts a
# name, an ID number and a phone into columns that refuse them.
cat >shift.csv <<'E'
client_id,name,station_code,gender,id_number,phone,hukou
M1,QX-001,马克甲,339901195003150016,13900000001,本地
M2,马克乙,QX-001,339901196211080029,13900000002,本地,
E
run sw-case import --lang zh shift.csv
check_rc 1 "shifted rows are refused"
! grep -Eq '马克|339901|1390000000' "$T/.err"
ok $? "no marker value in the Chinese messages"
grep -q '性别：不认识的值（可填：男、女）' "$T/.err"
ok $? "the refusal is still said, without the value"
done_testing
