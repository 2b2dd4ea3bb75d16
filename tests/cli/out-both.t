#!/bin/sh
# export, list and template on either backend (issue 18): the same rows
# give the same bytes from a SQLite file and from a PostgreSQL server, in
# every format, masked, pseudonymised under a key that never goes to the
# server, in Chinese; a NULL number is a number's NULL, a formula stays
# neutralised, ID numbers and phones stay text.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
# under make check SANITIZE=1: libxlsxwriter's own leak (lsan.supp)
export LSAN_OPTIONS="fast_unwind_on_malloc=0:suppressions=$SW_TOP/tests/cli/lsan.supp"

cat >clients.csv <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on
C1,欧阳娜娜,female,1988-12-02,339901198812020020,13800138000,QX-001,women;unemployed,local,"人民路""1"",2号",2026-01-05
C2,林,male,1950-03-15,339901195003150016,0571-88886666,QX-101,elderly;low_income,,=1+2,2026-02-01
C3,王小明,male,2015-06-01,33990120150601003X,,QX-101,child,,+86 新街,
C4,张三丰,male,,,13900000000,QX-002,,,@家,2026-03-01
C5,陈晓红,female,,339901197503140227,,QX-002,elderly,,-5号楼,2026-03-02
X
cat >services.csv <<'X'
service_id,client_id,case_id,station_code,worker_id,date,type,minutes,note
S1,C1,,QX-001,W007,2026-10-02,visit,,"说明,含逗号"
S2,C2,,QX-101,W013,2026-10-03,counselling,45,"多行
第二行"
S3,C4,,QX-002,W010,2026-10-05,phone,30,"=HYPERLINK(""x"")"
X
cat >employers.csv <<'X'
企业编号,企业名称,行业,所在区域,联系人,联系电话,无障碍,所属站点,入库日期
E01,青溪宏达机械制造有限公司,制造业,梅江镇,王建军,13857001234,否,QX-101,2025-03-10
E02,云山物流园,物流,云山街道,欧阳红梅,0578-6612345,是,QX-002,2025-04-02
X
cat >vacancies.csv <<'X'
岗位编号,企业编号,岗位名称,技能要求,学历要求,最低工资,最高工资,工作地点,招聘人数,无障碍,发布日期,截止日期
V001,E01,电焊工,焊工;安全生产,初中,5500,7500,梅江镇,3,否,2026-09-01,2026-12-31
V002,E01,"数控车床操作工,夜班",数控车床;机械识图,中专/职高,6000,8000,梅江镇,2,否,2026-09-01,2026-12-31
V003,E02,叉车司机,叉车;安全生产,初中,5000,6500,云山街道,2,是,2026-08-15,
X
cat >seekers.csv <<'X'
求职者编号,服务对象编号,姓名,技能,学历,期望工资,居住区域,残疾类别,需要无障碍,登记日期,站点编号,就业辅导员
S001,C4,张三丰,焊工;安全生产;叉车,初中,,梅江镇,,否,2026-08-05,QX-101,W013
S005,,刘洋,电商客服;电脑操作,大专,4000,桃源镇,肢体残疾三级,是,2026-08-28,QX-103,W019
X

import_all() {
	sw-station import -q --table divisions "$SAMPLE/divisions.csv" &&
		sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv" &&
		sw-case import -q clients.csv services.csv &&
		sw-match import -q employers.csv vacancies.csv seekers.csv
}
# On a server, whose import is not ported yet, the same rows: imported into
# a SQLite file, then copied in table by table by psql's COPY (foreign
# keys and triggers waiting, as a superuser may ask, until all are in).
copy_in() {
	{
		echo "SET session_replication_role = replica;"
		for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'
			AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'audit%' ORDER BY name"); do
			[ "$(sqlite3 "$1" "SELECT count(*) FROM \"$t\"")" = 0 ] && continue
			cols=$(sqlite3 "$1" "SELECT group_concat('\"' || name || '\"', ',') FROM pragma_table_info('$t')")
			echo "COPY \"$t\" ($cols) FROM STDIN WITH (FORMAT csv, NULL '\\N');"
			sqlite3 -csv -nullvalue '\N' "$1" "SELECT * FROM \"$t\""
			echo '\.'
		done
	} | psql -X -q -v ON_ERROR_STOP=1 "$SW_DB"
}
if [ "$BACKEND" = pg ]; then
	(SW_DB=$T/src.db import_all) && copy_in "$T/src.db"
else
	import_all
fi
ok $? "the rows are in ($BACKEND)"
db_snap

# -- export: csv, the default, for a spreadsheet ------------------------------------------------
run sw-case export
check_rc 0 "export: clients"
check_out "in key order; a cell a spreadsheet would take for a formula neutralised" <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on
C1,欧阳娜娜,female,1988-12-02,339901198812020020,13800138000,QX-001,women;unemployed,local,"人民路""1"",2号",2026-01-05
C2,林,male,1950-03-15,339901195003150016,0571-88886666,QX-101,elderly;low_income,,'=1+2,2026-02-01
C3,王小明,male,2015-06-01,33990120150601003X,,QX-101,child,,'+86 新街,
C4,张三丰,male,,,13900000000,QX-002,,,'@家,2026-03-01
C5,陈晓红,female,1975-03-14,339901197503140227,,QX-002,elderly,,'-5号楼,2026-03-02
X
run sw-case export --table services -f tsv
check_out "tsv: a newline and a tab in a value as spaces" <<'X'
service_id	client_id	case_id	station_code	worker_id	date	type	minutes	note	item_code
S1	C1		QX-001	W007	2026-10-02	visit		说明,含逗号	
S2	C2		QX-101	W013	2026-10-03	counselling	45	多行 第二行	
S3	C4		QX-002	W010	2026-10-05	phone	30	'=HYPERLINK("x")	
X
run sw-case export --table services -f json
check_out "json: numbers bare, a NULL number null, text escaped" <<'X'
[
{"service_id":"S1","client_id":"C1","case_id":null,"station_code":"QX-001","worker_id":"W007","date":"2026-10-02","type":"visit","minutes":null,"note":"说明,含逗号","item_code":null},
{"service_id":"S2","client_id":"C2","case_id":null,"station_code":"QX-101","worker_id":"W013","date":"2026-10-03","type":"counselling","minutes":45,"note":"多行\n第二行","item_code":null},
{"service_id":"S3","client_id":"C4","case_id":null,"station_code":"QX-002","worker_id":"W010","date":"2026-10-05","type":"phone","minutes":30,"note":"=HYPERLINK(\"x\")","item_code":null}
]
X
run sw-match export --table seekers -f jsonl
check_out "jsonl: a first row's NULL number is still a number's null" <<'X'
{"seeker_id":"S001","client_id":"C4","name":"张三丰","skills":"焊工;安全生产;叉车","education":"junior_high","desired_wage":null,"district":"梅江镇","disability":null,"needs_accessible":0,"registered_on":"2026-08-05","station_code":"QX-101","worker_id":"W013","out_of_work":1}
{"seeker_id":"S005","client_id":null,"name":"刘洋","skills":"电商客服;电脑操作","education":"college","desired_wage":4000,"district":"桃源镇","disability":"肢体残疾三级","needs_accessible":1,"registered_on":"2026-08-28","station_code":"QX-103","worker_id":"W019","out_of_work":1}
X

# -- masks and pseudonyms, made in the program --------------------------------------------------
run sw-case export --mask -f table
check_out "--mask: names, ID numbers and phones masked, addresses hidden; no blanks end a line" <<'X'
client_id  name    gender  birth_date  id_number           phone          station_code  categories          hukou  address  registered_on
C1         欧阳**  female  1988-12-02  339901********0020  138****8000    QX-001        women;unemployed    local  ***      2026-01-05
C2         林      male    1950-03-15  339901********0016  057*-****6666  QX-101        elderly;low_income         ***      2026-02-01
C3         王**    male    2015-06-01  339901********003X                 QX-101        child                      ***
C4         张**    male                                    139****0000    QX-002                                   ***      2026-03-01
C5         陈**    female  1975-03-14  339901********0227                 QX-002        elderly                    ***      2026-03-02
X
run sw-match export --table seekers --mask -f table
check_out "--mask: a disability said to exist, never shown; none stays none" <<'X'
seeker_id  client_id  name  skills              education    desired_wage  district  disability  needs_accessible  registered_on  station_code  worker_id  out_of_work
S001       C4         张**  焊工;安全生产;叉车  junior_high                梅江镇                               0  2026-08-05     QX-101        W013                 1
S005                  刘*   电商客服;电脑操作   college              4000  桃源镇    ***                        1  2026-08-28     QX-103        W019                 1
X
printf 'a-key-of-sixteen-bytes\n' >key
run sw-case export --pseudonymize --key-file key
check_rc 0 "--pseudonymize --key-file"
check_out "names, ID numbers and phones as keyed pseudonyms, the age for the birth date, no address" <<'X'
client_id,name,gender,age,id_number,phone,station_code,categories,hukou,registered_on
C1,39814ccef07f6dd365bbec222a0a9a7f,female,37,d37c038eb7a652a871c28a97a9aa1102,41ae9645e747fbda5670dfea39b5be43,QX-001,women;unemployed,local,2026-01-05
C2,0c9c9ac39e16f0c4857f6166060b6394,male,76,1a6eea069c8fe988f97b6ba115fe17f5,904c884f6f13d93e246fda9983c94ce9,QX-101,elderly;low_income,,2026-02-01
C3,2791ef28fd08f3b30780d6ea43599aae,male,11,f0752d59924cbafb3f5517a8d6cf8efe,,QX-101,child,,
C4,8e544bf50f2b5b4eef539cf941132d81,male,,,e49948707a76203f1d03bdf660ea3fcb,QX-002,,,2026-03-01
C5,9f2a31fb391e1373ac7afd076bbc8c97,female,51,3ee58c346429519363d0b032269feb56,,QX-002,elderly,,2026-03-02
X
[ "$(printf %s 欧阳娜娜 | openssl dgst -sha256 -hmac a-key-of-sixteen-bytes | sed 's/.*= //' | cut -c1-32)" = \
	39814ccef07f6dd365bbec222a0a9a7f ]
ok $? "a pseudonym is the HMAC-SHA-256 of the value under the key (openssl says the same)"
# (a server run by tests/pg/cluster logs beside its data: every statement and its parameters)
log="$( [ "$BACKEND" = pg ] && psql -X -At "$SW_DB" -c 'SHOW data_directory' 2>/dev/null)/../server.log"
if [ "$BACKEND" = pg ] && [ -f "$log" ]; then
	pg_admin "ALTER DATABASE $PGDB SET log_statement = 'all'"
	run sw-case export --pseudonymize --key-file key -o /dev/null
	grep -q 'FROM "clients"' "$log" && ! grep -q a-key-of-sixteen-bytes "$log"
	ok $? "the server saw the export's SELECT, and never the key"
	pg_admin "ALTER DATABASE $PGDB RESET log_statement"
elif [ "$BACKEND" = pg ]; then
	ok 0 "# SKIP the server's log is not beside its data (not tests/pg/cluster's)"
fi
run sw-case export --pseudonymize --key-file key --at 2026-03-14 -f json
check_out_has '"client_id":"C5","name":"9f2a31fb391e1373ac7afd076bbc8c97","gender":"female","age":51,' \
	"--at: the age on that day (a birthday that day counts)"
run sw-case export --pseudonymize --key-file key -f table
check_out_has "C1         39814ccef07f6dd365bbec222a0a9a7f  female   37" "an age is a number: right-aligned"

# -- Chinese --------------------------------------------------------------------------------------
run sw-case export -f jsonl --labels zh
check_out "--labels zh: the columns' titles and the words for keys" <<'X'
{"档案号":"C1","姓名":"欧阳娜娜","性别":"女","出生日期":"1988-12-02","身份证号":"339901198812020020","联系电话":"13800138000","站点编号":"QX-001","人员类别":"妇女、失业","户籍":"本地户籍","地址":"人民路\"1\",2号","建档日期":"2026-01-05"}
{"档案号":"C2","姓名":"林","性别":"男","出生日期":"1950-03-15","身份证号":"339901195003150016","联系电话":"0571-88886666","站点编号":"QX-101","人员类别":"老年人、低保","户籍":null,"地址":"=1+2","建档日期":"2026-02-01"}
{"档案号":"C3","姓名":"王小明","性别":"男","出生日期":"2015-06-01","身份证号":"33990120150601003X","联系电话":null,"站点编号":"QX-101","人员类别":"儿童","户籍":null,"地址":"+86 新街","建档日期":null}
{"档案号":"C4","姓名":"张三丰","性别":"男","出生日期":null,"身份证号":null,"联系电话":"13900000000","站点编号":"QX-002","人员类别":null,"户籍":null,"地址":"@家","建档日期":"2026-03-01"}
{"档案号":"C5","姓名":"陈晓红","性别":"女","出生日期":"1975-03-14","身份证号":"339901197503140227","联系电话":null,"站点编号":"QX-002","人员类别":"老年人","户籍":null,"地址":"-5号楼","建档日期":"2026-03-02"}
X
run sw-case export --table services --lang zh -f md
check_out "--lang zh -f md: titles, words, numbers right-aligned" <<'X'
| 服务编号 | 档案号 | 个案编号 | 站点编号 | 社工工号 | 服务日期   | 服务类型 | 时长 | 备注            | 服务项目编号 |
| -------- | ------ | -------- | -------- | -------- | ---------- | -------- | ---: | --------------- | ------------ |
| S1       | C1     |          | QX-001   | W007     | 2026-10-02 | 走访     |      | 说明,含逗号     |              |
| S2       | C2     |          | QX-101   | W013     | 2026-10-03 | 面谈     |   45 | 多行\\n第二行   |              |
| S3       | C4     |          | QX-002   | W010     | 2026-10-05 | 电话     |   30 | =HYPERLINK("x") |              |
X
run sw-case export --lang zh --mask -f table --table clients
check_out_has "C1      欧阳**  女    1988-12-02  339901********0020  138****8000    QX-001    妇女、失业    本地户籍  ***" \
	"--lang zh --mask: a masked column keeps its title"

# -- workbooks: numbers, dates and text as such ---------------------------------------------------
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null; then
	cat >dump.py <<'P'
import sys, openpyxl
for ws in openpyxl.load_workbook(sys.argv[1]).worksheets:
    for row in ws.iter_rows(values_only=True):
        print("|".join("" if v is None else "%s:%s" % (type(v).__name__, v) for v in row))
P
	run sw-match export --table vacancies -f xlsx -o v.xlsx
	run "$PY" dump.py v.xlsx
	check_out "xlsx: wages numbers, dates dates, a missing date empty" <<'X'
str:vacancy_id|str:employer_id|str:title|str:skills|str:education_min|str:wage_min|str:wage_max|str:district|str:headcount|str:accessible|str:posted_on|str:closes_on
str:V001|str:E01|str:电焊工|str:焊工;安全生产|str:junior_high|int:5500|int:7500|str:梅江镇|int:3|int:0|datetime:2026-09-01 00:00:00|datetime:2026-12-31 00:00:00
str:V002|str:E01|str:数控车床操作工,夜班|str:数控车床;机械识图|str:vocational|int:6000|int:8000|str:梅江镇|int:2|int:0|datetime:2026-09-01 00:00:00|datetime:2026-12-31 00:00:00
str:V003|str:E02|str:叉车司机|str:叉车;安全生产|str:junior_high|int:5000|int:6500|str:云山街道|int:2|int:1|datetime:2026-08-15 00:00:00|
X
	run sw-case export --mask -f xlsx -o c.xlsx
	run "$PY" dump.py c.xlsx
	check_out_has "str:C2|str:林|str:male|datetime:1950-03-15 00:00:00|str:339901********0016|str:057*-****6666|" \
		"xlsx --mask: masked ID numbers and phones stay text"
	run sw-station template volunteers -f xlsx -o t.xlsx
	run "$PY" dump.py t.xlsx
	check_out_has "str:志愿者编号|str:姓名|str:性别|str:身份证号|str:手机号码|" "template -f xlsx: the volunteers' columns"
else
	for i in 1 2 3 4; do ok 0 "# SKIP no /usr/bin/python3 with openpyxl"; done
fi

# -- list ----------------------------------------------------------------------------------------
run sw-match list --table vacancies education_min=初中 posted_on=2026-08-01..2026-09-01 -f csv
check_rc 0 "list with filters"
check_out "a vocabulary word and a date range" <<'X'
vacancy_id,employer_id,title,skills,education_min,wage_min,wage_max,district,headcount,accessible,posted_on,closes_on
V001,E01,电焊工,焊工;安全生产,junior_high,5500,7500,梅江镇,3,0,2026-09-01,2026-12-31
V003,E02,叉车司机,叉车;安全生产,junior_high,5000,6500,云山街道,2,1,2026-08-15,
X
run sw-match list --table employers --station QX-002 --lang zh -f table
check_out "--station: its subtree; in Chinese, 是 and 否" <<'X'
企业编号  企业名称    行业  所在区域  联系人    联系电话      无障碍  站点编号  入库日期
E02       云山物流园  物流  云山街道  欧阳红梅  0578-6612345  是      QX-002    2025-04-02
X
run sw-match list --table seekers -f md
check_out "md: a NULL number right-aligned, empty" <<'X'
| seeker\_id | client\_id | name   | skills             | education    | desired\_wage | district | disability   | needs\_accessible | registered\_on | station\_code | worker\_id | out\_of\_work |
| ---------- | ---------- | ------ | ------------------ | ------------ | ------------: | -------- | ------------ | ----------------: | -------------- | ------------- | ---------- | ------------: |
| S001       | C4         | 张三丰 | 焊工;安全生产;叉车 | junior\_high |               | 梅江镇   |              |                 0 | 2026-08-05     | QX-101        | W013       |             1 |
| S005       |            | 刘洋   | 电商客服;电脑操作  | college      |          4000 | 桃源镇   | 肢体残疾三级 |                 1 | 2026-08-28     | QX-103        | W019       |             1 |
X

# -- template -------------------------------------------------------------------------------------
run sw-case template services
check_out "template: the header a file to import starts with" <<'X'
服务编号,档案号,个案编号,站点编号,社工工号,服务日期,服务类型,时长,备注,服务项目编号
X

# -- what is refused, the same way -----------------------------------------------------------------
expect_fail 2 "sw-case: --table: unknown table \"nosuch\"" sw-case export --table nosuch
expect_fail 2 "sw-case: --key-file: only with --pseudonymize" sw-case export --key-file key
expect_fail 2 "sw-case: --pseudonymize: no key (use --key-file FILE or set SW_KEY)" sw-case export --pseudonymize
expect_fail 2 "sw-match: list: table vacancies has no column \"status\"" sw-match list --table vacancies status=open
run sw-case export -o /nonexistent/dir/x.csv
check_rc 3 "an output that cannot be written: status 3"
db_same "reading wrote nothing"

done_testing
