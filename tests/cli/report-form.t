#!/bin/sh
# The monthly report as a bureau files it (报表): -f html and -f xlsx give
# the title with the unit and the month, 填报单位 and 统计期间, the figures
# in sections with stations as rows, subtotals per township and regional
# centre, the total, and the lines to sign and seal; the same in English.
# The terminal table turns to stations as rows when they do not fit.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

run sw-report monthly --month 2026-10 --lang zh -f html -o r.html
check_rc 0 "-f html"
grep -q '<h1>青溪县总站社会工作服务统计报表（2026年10月）</h1>' r.html
ok $? "the title names the unit and 2026年10月"
grep -q '<span>填报单位：青溪县总站</span><span>统计期间：2026年10月1日至2026年10月31日</span>' r.html
ok $? "填报单位 and 统计期间"
[ "$(sed -n 's/^<h2>\(.*\)<\/h2>$/\1/p' r.html | tr '\n' ' ')" = "服务对象、个案与转介 服务 活动 就业、社工队伍与站点 五社联动 月度趋势 " ]
ok $? "the figures in the bureau's sections, then the trend"
grep -q '<tr><th rowspan="2">单位</th><th colspan="7">服务人次</th><th rowspan="2">服务对象人数</th>' r.html &&
	grep -q '<tr><th>合计</th><th>走访</th><th>面谈</th><th>电话</th><th>转介</th><th>就业指导</th><th>其他</th></tr>' r.html
ok $? "two heading rows: a heading over its run of figures"
sed -n '/<h2>服务<\/h2>/,/<\/table>/s/^<tr\( class="[a-z]*"\)*><th scope="row">\([^<]*\)<\/th><td>\([^<]*\)<\/td>.*<td>\([^<]*\)<\/td><td>[^<]*<\/td><td>[^<]*<\/td><\/tr>$/\2 \3 \4/p' r.html >rows.txt
cat >want <<'X'
青溪县总站 0 0
东片中心站 0 0
梅江镇站 1 1
西村点 2 2
梅江镇站小计 3 2
石门镇站 1 1
东片中心站小计 4 3
合计 4 3
X
cmp -s want rows.txt
s=$?
ok $s "stations as rows in tree order, a subtotal after each subtree, the total; people served counted again per subtree (2, not 1 + 2)"
[ $s = 0 ] || diff want rows.txt | sed 's/^/#   /'
grep -q '<tr class="sub"><th scope="row">梅江镇站小计</th>' r.html && grep -q '<tr class="total"><th scope="row">合计</th>' r.html
ok $? "subtotal and total rows are marked for print"
grep -q '<span>制表人：________</span><span>审核人：________</span><span>填报日期：____年__月__日</span><span class="seal">（盖章）</span>' r.html
ok $? "制表人, 审核人, 填报日期 and a place for the seal"
grep -q '@page{size:A4 landscape' r.html && grep -q 'thead{display:table-header-group}' r.html &&
	grep -q 'section{break-inside:avoid}' r.html
ok $? "print CSS: A4 landscape, heading rows repeated, page breaks between sections"
grep -q 'font-family:"Noto Sans CJK SC","Noto Serif CJK SC","Source Han Sans SC","Microsoft YaHei","SimSun",sans-serif' r.html
ok $? "a CJK font stack that ends in the reader's sans-serif"

# Charts: the year on the month axis, no label on a zero bar, only figures with data.
awk '/<svg/{n++} n==1' r.html | sed -n '/<\/svg>/q;p' >services.svg
grep -q '<text x="36" y="168" font-size="10">2025</text>' services.svg &&
	grep -q '<text x="92" y="168" font-size="10">2026</text>' services.svg
ok $? "the year under the first month and under January"
[ "$(grep -c 'y="153"' services.svg)" = 12 ] && [ "$(grep 'text-anchor' services.svg | grep -vc 'y="153"')" = 2 ]
ok $? "twelve months; a value above the two bars that are not zero only"
run sw-report monthly --month 2023-10 --lang zh -f html -o old.html
grep -q '<svg' old.html || grep -q '月度趋势' old.html
[ $? = 1 ]
ok $? "no chart (and no trend heading) when the figures have no data"

# English: the same form.
run sw-report monthly --month 2026-10 --lang en -f html -o en.html
grep -q '<h1>青溪县总站: social work statistics, October 2026</h1>' en.html &&
	grep -q '<span>Reporting unit: 青溪县总站</span><span>Period: 2026-10-01 to 2026-10-31</span>' en.html &&
	grep -q '<th scope="row">梅江镇站 subtotal</th>' en.html &&
	grep -q '<span>Prepared by: ________</span><span>Checked by: ________</span>' en.html
ok $? "--lang en: the same form in English"
[ "$(sed -n 's/^<h2>\(.*\)<\/h2>$/\1/p' en.html | tr '\n' ' ')" = "Clients, cases and referrals Services Activities Employment, staff, stations Five-party linkage Monthly trend " ]
ok $? "  with the sections in English"

# --indicator: only the sections of the figures asked for.
run sw-report monthly --month 2026-10 --lang zh --indicator staff,hires -f html -o some.html
[ "$(sed -n 's/^<h2>\(.*\)<\/h2>$/\1/p' some.html | tr '\n' ' ')" = "就业、社工队伍与站点 " ]
ok $? "--indicator: the sections that hold the figures"

# The terminal: stations across while they fit, else as rows.
COLUMNS=200 run sw-report monthly --month 2026-10 --by township --indicator services,staff -f table
check_out "a wide terminal: figures down, stations across" <<'X'
figure        青溪县总站  东片中心站  梅江镇站  石门镇站  total
services               0           0         3         1      4
active staff           0           0         3         0      3
X
COLUMNS=40 run sw-report monthly --month 2026-10 --by township --indicator services,staff --lang zh -f table
check_out "a narrow terminal (COLUMNS): stations as rows, by section, with subtotals" <<'X'
服务
                服务人次
单位                合计
青溪县总站             0
东片中心站             0
梅江镇站               3
石门镇站               1
东片中心站小计         4
合计                   4

就业、社工队伍与站点
                社工
单位            在岗
青溪县总站         0
东片中心站         0
梅江镇站           3
石门镇站           0
东片中心站小计     3
合计               3
X

# The workbook: the same form, the same bytes for the same figures.
run sw-report monthly --month 2026-10 --lang zh -f xlsx -o r.xlsx
check_rc 0 "-f xlsx"
run sw-report monthly --month 2026-10 --lang zh -f xlsx -o r2.xlsx
cmp -s r.xlsx r2.xlsx
ok $? "the same figures give a byte-identical workbook"
unzip -p r.xlsx docProps/core.xml | grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-31T00:00:00Z</dcterms:created>'
ok $? "its creation time is the month's last day, not the clock"
[ "$(unzip -p r.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"' | tr '\n' ' ')" = '<sheet name="服务对象、个案与转介" <sheet name="服务" <sheet name="活动" <sheet name="就业、社工队伍与站点" <sheet name="五社联动" ' ]
ok $? "a sheet per section"
run sw-report monthly --month 2026-10 -f xlsx -o - 
check_rc 0 "-f xlsx -o - to a pipe"
cmp -s .out r2.xlsx
[ $? = 1 ] && [ "$(head -c 2 .out)" = PK ]
ok $? "  (a workbook, in English)"
done_testing
