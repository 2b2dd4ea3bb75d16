#!/bin/sh
# The README's first command: make demo runs the main job end to end on the
# sample county, quietly enough to read, and leaves the report and the
# register template it announces; the county as its bureau sees it: who runs
# the stations, 五社联动, the contract's staffing, budget and scorecard.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
# under make check SANITIZE=1: libxlsxwriter's own leak in the template (lsan.supp)
export LSAN_OPTIONS="fast_unwind_on_malloc=0:print_suppressions=0:suppressions=$SW_TOP/tests/cli/lsan.supp"
# its database: demo.db, or on a server the test's
[ "$BACKEND" = sqlite ] && SW_DB=$T/demo.db
run env DEMO_DB="$SW_DB" DEMO_OUT="$T/out" sh "$SW_TOP/examples/demo.sh"
check_rc 0 "the demo runs to the end"
# the operators and the roster fill in stations and workers already stored
! grep -v -e "/operators\.csv: " -e "/roster\.csv: " "$T/.err" |
	grep -v ': read [0-9]*, inserted [0-9]*, updated 0, unchanged 0, rejected 0$'
ok $? "stderr holds the imports' summaries alone: no row rejected, no warning"
check_err_has "/operators.csv: read 6, inserted 0, updated 6, unchanged 0, rejected 0" \
	"the operators file names the operator of the 6 township stations"
check_err_has "/roster.csv: read 24, inserted 6, updated 18, unchanged 0, rejected 0" \
	"the roster names the employer of 18 workers on file and adds the 6 admins"
[ "$(grep -c ', rejected 0$' "$T/.err")" = 22 ]
ok $? "22 files imported, none with a row rejected"
check_out_has "written: $T/out/report-2026-10.html" "it names what it wrote"
[ -s out/report-2026-10.html ] && [ -s out/report-2026-10.xlsx ] && [ -s out/clients-template.xlsx ]
ok $? "the 报表 in HTML and xlsx, and the blank register"
grep -q "社会工作服务统计报表" out/report-2026-10.html
ok $? "the HTML is the bureau's form, in Chinese"
[ "$(sql "SELECT count(*) FROM services")" -gt 0 ]
ok $? "the register holds the sample's services"

# the tables are aligned with runs of spaces: one space is enough to compare
tr -s ' ' <"$T/.out" >out.txt
has() { grep -qF -- "$1" out.txt; }
has "QX-104 大溪镇社工站 township QX-W 339901104 大溪镇政府大院 2021-09-01 O01 青溪县同心社会工作服务中心"
ok $? "show: the township station with the organisation that runs it"
has "W030 何俊杰 admin none 2026-01-12 2026-09-30 O01 青溪县同心社会工作服务中心"
ok $? "show: its staff with their employer, the admin who left in September too"
[ "$(sql "SELECT count(*) FROM stations WHERE operator_org = 'O01'")" = 6 ] &&
	[ "$(sql "SELECT count(*) FROM workers WHERE employer_org IS NULL")" = 6 ]
ok $? "the 6 township stations have their operator; only the county's and regions' 6 workers no employer"
has "no service K2026007 QX-002 W011 2026-09-24"
ok $? "due: a case without a service for 30 days at the month's end"
[ -s out/volunteer-V002.html ] && grep -q "志愿服务记录证明" out/volunteer-V002.html
ok $? "a volunteer's record, the certificate to seal"
has "N001 QX-C0004 V002 1 100.0 skill 生活照料; same station; priority high"
ok $? "needs: an open need and the volunteer at its station"
has "N007 QX-C0029 R01 1 60.0 serves financial; same district; 19 人次 left"
ok $? "needs: a resource of the county, with the capacity its use left"

has "QXMZ2026-01 QX-104 大溪镇社工站 admin 1 0 1"
ok $? "staffing: the station short of its contract's admin, on the month's last day"
has "status 1: a station is short of the staff its contract requires"
ok $? "staffing: its status 1 said in words, and the demo goes on"
has "QXMZ2026-01 2026-10 total 450000.00 32800.00 333950.50 374794.52 -40844.02 under"
ok $? "budget: the month's spending against what the period expects"
has "QXMZ2026-01 total personnel 265000.00"
ok $? "budget: spent by category"
has "QXMZ2026-01 total total 450000.00 333950.50 333950.50 374794.52 -40844.02 under" &&
	! grep -q "2026-10 personnel" out.txt
ok $? "budget: the contract's total to the month's end; each month's categories left to the full table"

# 五社联动 in the month's report: every figure counts something
for f in "organisations engaged" "volunteers active" "volunteer hours" "needs identified" \
	"needs met" "median days to meet a need" "resource uses" "resource value (yuan)"; do
	grep "^$f " out.txt
done >wushe.txt
cat >want.txt <<'X'
organisations engaged 0 0 2 1 3 0 1 1 0 6
volunteers active 0 0 2 2 2 0 0 1 0 7
volunteer hours 0.0 0.0 4.0 7.0 6.0 0.0 0.0 1.0 0.0 18.0
needs identified 0 0 1 1 3 0 0 0 1 6
needs met 0 0 0 0 1 0 1 1 0 3
median days to meet a need 0 0 0 0 63 0 26 66 0 63
resource uses 0 0 2 1 3 0 2 1 0 9
resource value (yuan) 0 0 200 0 500 0 2100 0 0 2800
X
cmp -s want.txt wushe.txt
ok $? "monthly: organisations, volunteers, needs and resources of 2026-10 by township"

check_out_has "evaluation-QXMZ2026-01.html" "it names the scorecard it wrote"
grep -q "评估计分表" out/evaluation-QXMZ2026-01.html &&
	[ "$(grep -o '青溪街道社工站\|云山街道社工站\|梅江镇社工站\|石门镇社工站\|桃源镇社工站\|大溪镇社工站' \
		out/evaluation-QXMZ2026-01.html | sort -u | wc -l)" = 6 ] &&
	! grep -q "县级社工总站\|青溪县社会工作总站" out/evaluation-QXMZ2026-01.html
ok $? "evaluate: the contract's 6 township stations scored, in Chinese, the county station not"
done_testing
