#!/bin/sh
# backends: sqlite pg
# The volunteer service record (志愿服务记录证明): the certificate to print
# and seal (-f html), with the masked ID number, each service and the
# total; its rows for the national platform (-f csv); the same bytes for
# the same data; the errors. Chromium prints it on one A4 portrait page.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import -q "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv" \
	"$SAMPLE/activities.csv"
cat >vol.csv <<'X'
志愿者编号,姓名,性别,身份证号,手机号码,所属站点
V1,甄志愿,女,339901198808081234,13900000011,QX-001
V2,贾服务,男,,13900000012,QX-101
X
# ten services: eight activities, two services, in hours and half hours
cat >hrs.csv <<'X'
志愿者编号,服务日期,活动编号,服务编号,志愿时长（小时）,岗位
V1,2026-06-01,A2026001,,3,咨询引导
V1,2026-06-10,A2026004,,2.5,游园秩序
V1,2026-06-15,A2026003,,4,宣传
V1,2026-06-16,A2026002,,1.5,
V1,2026-06-25,,S00088,1,陪同
V1,2026-07-05,A2026008,,2,走访
V1,2026-07-09,A2026007,,6,签到
V1,2026-07-22,A2026005,,3,签到
V1,2026-07-26,A2026006,,2,<敬老>
V1,2026-07-28,,S00041,0.5,
X
run sw-station import -q vol.csv hrs.csv
check_rc 0 "two volunteers, ten services of the first"

run sw-station volunteer-record V1 --lang zh -f html --on 2026-11-24 -o v.html
check_rc 0 "the record as HTML"
[ ! -s .out ] && [ ! -s .err ]
ok $? "quiet success"
for f in '<title>志愿服务记录证明</title>' '<h1>志愿服务记录证明</h1>' \
	'<tr><th>姓名</th><td>甄志愿</td><th>志愿者编号</th><td>V1</td></tr>' \
	'<th>证件号码</th><td>339901********1234</td>' \
	'<td colspan="3">2026年6月1日至2026年7月28日</td>' \
	'<th>服务次数</th><td>10</td><th>累计服务时长</th><td>25.5小时</td>' \
	'<td class="d">2026-06-10</td><td>A2026004</td><td>中秋游园会</td><td>游园秩序</td><td class="n">2.5</td>' \
	'<td class="d">2026-06-25</td><td>S00088</td><td>走访</td><td>陪同</td><td class="n">1</td>' \
	'<td>&lt;敬老&gt;</td>' \
	'<tr class="total"><th colspan="5">合计</th><td class="n">25.5</td></tr>' \
	'<p>出具单位（盖章）：青溪街道社工站</p>' '<p>出具日期：2026年11月24日</p>' \
	'<div class="seal">（盖章）</div>' '@page{size:A4 portrait;' \
	'font-family:"Noto Sans CJK SC","Noto Serif CJK SC","Source Han Sans SC","Microsoft YaHei","SimSun",sans-serif'
do
	grep -qF -- "$f" v.html || { echo "# missing: $f"; false; } || break
done
ok $? "the certificate: who (name, masked ID), the period, each service, the exact total, the issuing station, the date of issue, the seal, A4 portrait in CJK fonts"
grep -q '339901198808081234' v.html
[ $? = 1 ]
ok $? "never the whole ID number"
number=$(sed -n 's/.*<p class="no">证明编号：\([^<]*\)<.*/\1/p' v.html)
[ "${number%-*}" = QX-001-20260728 ] && expr "${number##*-}" : '[0-9A-F]\{8\}$' >/dev/null
ok $? "a certificate number: station, end of the period, 8 hex digits ($number)"

run sw-station volunteer-record V1 --lang zh -f html --on 2026-11-24
cmp -s .out v.html
ok $? "the same data: the same bytes, to stdout as to a file"
SW_TODAY=2027-01-01 run sw-station volunteer-record V1 --lang zh -f html --on 2026-11-24
cmp -s .out v.html
ok $? "whatever day it is made"
run sw-station volunteer-record V1 --lang zh -f html
grep -qF '<p>出具日期：____年__月__日</p>' .out
ok $? "without --on, the date of issue is a blank filled in by hand with the seal"
run sw-station volunteer-record V1 --to 2026-07-26 --lang zh -f html
n2=$(sed -n 's/.*证明编号：\([^<]*\)<.*/\1/p' .out)
[ "$n2" != "$number" ] && grep -qF '累计服务时长</th><td>25小时' .out &&
	grep -qF '2026年6月1日至2026年7月26日' .out
ok $? "another period: another number, its own total"
run sw-station volunteer-record V1 -f html
check_out_has '<th>Total service hours</th><td>25.5 hours</td>' "English with --lang en (the default here)"

run sw-station volunteer-record V1 --from 2026-07-01 -f csv
check_out "the rows for the platform: one per service, the ID masked, minutes and hours" <<'X'
volunteer_id,id_number,date,activity_id,service_id,content,role,minutes,hours
V1,339901********1234,2026-07-05,A2026008,,困难群众走访,走访,120,2
V1,339901********1234,2026-07-09,A2026007,,秋季招聘会,签到,360,6
V1,339901********1234,2026-07-22,A2026005,,社工能力培训,签到,180,3
V1,339901********1234,2026-07-26,A2026006,,重阳敬老活动,<敬老>,120,2
V1,339901********1234,2026-07-28,,S00041,visit,,30,0.5
X
run sw-station volunteer-record V1 --from 2026-07-01 -f json
check_out_has '"minutes":30,"hours":0.5}' "and in the other listing formats (json)"

expect_fail 1 'sw-station: volunteer-record: no such volunteer (sw-station list --table volunteers lists them)' \
	sw-station volunteer-record 339901198808081234 -f html -o x.html
grep -q 339901198808081234 .err
[ $? = 1 ] && [ ! -e x.html ]
ok $? "an unknown volunteer: status 1, the argument not repeated (it may be an ID number), nothing written"
expect_fail 1 'sw-station: volunteer-record: no volunteer hours from 2026-08-01 to 2026-08-31: no record is issued' \
	sw-station volunteer-record V1 --from 2026-08-01 --to 2026-08-31 -o x.csv
[ ! -e x.csv ]
ok $? "a period without hours: no record, nothing written"
expect_fail 1 'sw-station: volunteer-record: no volunteer hours recorded: no record is issued' \
	sw-station volunteer-record V2
expect_fail 2 'sw-station: volunteer-record: --from 2026-09-01 is after --to 2026-08-01' \
	sw-station volunteer-record V1 --from 2026-09-01 --to 2026-08-01
expect_fail 2 'sw-station: volunteer-record: wrong number of arguments' sw-station volunteer-record
run sw-station volunteer-record V1 --from 2026-09-01 --lang zh
check_err_has 'volunteer-record：2026-09-01 至 … 没有志愿服务时长记录，不出具证明' "the errors in Chinese"

chromium=$(command -v chromium || command -v chromium-browser)
if [ -n "$chromium" ] && command -v pdfinfo >/dev/null; then
	HOME=$T timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$T/v.pdf" "file://$T/v.html" >chromium.out 2>&1
	ok $? "Chromium prints it to PDF"
	pdfinfo v.pdf >info.txt 2>&1
	pages=$(sed -n 's/^Pages: *//p' info.txt)
	[ "$pages" = 1 ]
	ok $? "ten services on one page (${pages:-none})"
	grep -q '^Page size: *59[0-9.]* x 841.[0-9]* pts (A4)' info.txt
	ok $? "of A4 portrait ($(sed -n 's/^Page size: *//p' info.txt))"
	pdftotext -enc UTF-8 v.pdf - >v.txt 2>/dev/null
	grep -q '出具日期' v.txt && grep -q '25.5' v.txt && grep -q '339901\*\*\*\*\*\*\*\*1234' v.txt
	ok $? "the page holds the masked ID number, the total and the date of issue"
else
	echo "ok $((n = n + 1)) - # SKIP chromium or pdfinfo not installed (make deps: chromium poppler-utils)"
fi
done_testing
