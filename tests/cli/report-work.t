#!/bin/sh
# Referrals, supervision, training and the workforce as figures of the
# report: per station, rolled up the hierarchy (the median counted again
# from the referrals, not from the stations' medians), in the 报表, closed
# with the month, targeted and scored like any figure; and the catalogue's
# item:CODE and category:KEY for targets and evaluation rules.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

# A regional centre P over two township stations A and B.
cat >st.csv <<'X'
code,name,level,parent_code,opened_on
P,东片中心站,regional,,2020-01-01
A,梅江镇站,township,P,2020-01-01
B,石门镇站,township,P,2020-01-01
X
cat >wk.csv <<'X'
worker_id,name,station_code,role,certificate,hired_on,left_on
W1,林伟,A,service,intermediate,2020-01-01,
W2,刘静,A,service,assistant,2026-10-08,
W3,高丽,B,service,none,2020-01-01,2026-10-20
W4,罗静,B,service,senior,2020-01-01,
X
run sw-station import -q st.csv wk.csv
check_rc 0 "two stations under a regional centre, four workers"
cat >cl.csv <<'X'
client_id,name,station_code,registered_on
C1,张三,A,2026-01-05
C2,李四,B,2026-01-06
X
cat >ca.csv <<'X'
case_id,client_id,station_code,domain,opened_on
K1,C1,A,elderly,2026-02-01
K2,C2,B,elderly,2026-02-01
X
# A made F1 (to B, feedback in 4 days) and F2 (10 days); B made F3 (to A,
# 2 days) and F4 (no feedback yet); F5 is September's.
cat >rf.csv <<'X'
referral_id,case_id,date,to_station,to_org,consent_on,status,feedback_on
F1,K1,2026-10-01,B,,2026-10-01,completed,2026-10-05
F2,K1,2026-10-02,,县残联,2026-10-01,declined,2026-10-12
F3,K2,2026-10-03,A,,2026-10-03,accepted,2026-10-05
F4,K2,2026-10-20,,县妇联,2026-10-20,sent,
F5,K1,2026-09-28,B,,2026-09-28,sent,
X
run sw-case import -q cl.csv ca.csv rf.csv
check_rc 0 "cases and their referrals"
# supervision: A 2 x 90 minutes, B 120 (November's not counted);
# training: W1 at A 8 hours, W3 at B 2 hours
cat >su.csv <<'X'
session_id,worker_id,date,station_code,supervisor,minutes
D1,W1,2026-10-15,A,王老师,90
D1,W2,2026-10-15,A,王老师,90
D2,W4,2026-10-16,B,王老师,120
D3,W1,2026-11-02,A,王老师,60
X
cat >tr.csv <<'X'
worker_id,date,course,minutes
W1,2026-10-20,儿童保护,480
W3,2026-10-10,个案管理,120
X
run sw-station import -q su.csv tr.csv
check_rc 0 "supervision and training"

F=referrals_out,referrals_in,referrals_accepted,referrals_completed,referral_median_days
F=$F,staff,staff_certified,staff_assistant,staff_intermediate,staff_senior,staff_new,staff_left
F=$F,supervision_hours,training_hours
run sw-report monthly --month 2026-10 --by station --indicator $F -f table
check_out "per station: A's median of 4 and 10 days is 7, B's one referral with feedback 2" <<'X'
figure                                东片中心站  梅江镇站  石门镇站  total
referrals made                                 0         2         2      4
referrals received                             0         1         1      2
referrals accepted                             0         1         1      2
referrals completed                            0         1         0      1
median days to referral feedback               0         7         2      4
active staff                                   0         2         1      3
certified staff                                0         2         1      3
staff: assistant social workers                0         1         0      1
staff: social workers (intermediate)           0         1         0      1
staff: senior social workers                   0         0         1      1
staff hired                                    0         1         0      1
staff who left                                 0         0         1      1
supervision hours                            0.0       3.0       2.0    5.0
training hours                               0.0       8.0       2.0   10.0
X
run sw-report monthly --month 2026-10 --by regional --indicator $F -f csv
check_out "rolled up to P: the counts added, the median of 2, 4 and 10 days (4), not of A's and B's medians (4.5)" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,P,东片中心站,regional,referrals_out,referrals made,4
2026-10,P,东片中心站,regional,referrals_in,referrals received,2
2026-10,P,东片中心站,regional,referrals_accepted,referrals accepted,2
2026-10,P,东片中心站,regional,referrals_completed,referrals completed,1
2026-10,P,东片中心站,regional,referral_median_days,median days to referral feedback,4
2026-10,P,东片中心站,regional,staff,active staff,3
2026-10,P,东片中心站,regional,staff_certified,certified staff,3
2026-10,P,东片中心站,regional,staff_assistant,staff: assistant social workers,1
2026-10,P,东片中心站,regional,staff_intermediate,staff: social workers (intermediate),1
2026-10,P,东片中心站,regional,staff_senior,staff: senior social workers,1
2026-10,P,东片中心站,regional,staff_new,staff hired,1
2026-10,P,东片中心站,regional,staff_left,staff who left,1
2026-10,P,东片中心站,regional,supervision_hours,supervision hours,5.0
2026-10,P,东片中心站,regional,training_hours,training hours,10.0
X
run sw-report period --from 2026-09-01 --to 2026-10-31 --by total --indicator referrals_out,referrals_in -f csv
check_out "over two months: September's referral too" <<'X'
period,station_code,station_name,level,figure,label,value
2026-09-01..2026-10-31,,total,total,referrals_out,referrals made,5
2026-09-01..2026-10-31,,total,total,referrals_in,referrals received,3
X

# In Chinese, and in the 报表: referrals beside the cases, the workforce
# with the staff; the subtotal row of P counts the median again.
run sw-report monthly --month 2026-10 --by total --indicator referrals_completed,supervision_hours --lang zh -f csv
check_out "--lang zh: the labels in Chinese, the keys English" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,,合计,total,referrals_completed,转介已完成,1
2026-10,,合计,total,supervision_hours,督导时长（小时）,5.0
X
run sw-report monthly --month 2026-10 --lang zh -f html -o r.html
check_rc 0 "the 报表 as HTML"
grep -q '<th colspan="5">转介</th>' r.html &&
	grep -q '<th>转出</th><th>接收</th><th>被接收</th><th>已完成</th><th>反馈中位天数</th></tr>' r.html
ok $? "a heading 转介 over its five figures"
grep -q '<th colspan="9">社工</th>' r.html &&
	grep -q '<th>在岗</th><th>持证</th><th>助理社会工作师</th><th>社会工作师</th><th>高级社会工作师</th><th>新入职</th><th>离职</th><th>督导时长（小时）</th><th>培训时长（小时）</th>' r.html
ok $? "and 社工 over the workforce's"
sed -n '/<h2>服务对象、个案与转介<\/h2>/,/<\/table>/s/^<tr class="total"><th scope="row">合计<\/th>\(.*\)<\/tr>$/\1/p' r.html |
	sed 's/<td>//g; s/<\/td>/ /g' >total.txt
[ "$(cat total.txt)" = "2 0 0 0 2 4 2 2 1 4 " ]
ok $? "the total row: 4 made, 2 received, 2 accepted, 1 completed, median 4 ($(cat total.txt))"
run sw-report monthly --month 2026-10 --lang zh -f xlsx -o r.xlsx
check_rc 0 "the 报表 as a workbook"
unzip -p r.xlsx xl/sharedStrings.xml | grep -q '反馈中位天数' && unzip -p r.xlsx xl/sharedStrings.xml | grep -q '督导时长（小时）'
ok $? "with the new figures' Chinese headings"

# The listings read the same figures.
run sw-report referrals --month 2026-10 -f csv
check_out "sw-report referrals: a view of the same figures" <<'X'
station_code,station_name,referred,received,accepted,completed,median_days_to_feedback
A,梅江镇站,2,1,1,1,7
B,石门镇站,2,1,1,0,2
P,东片中心站,0,0,0,0,0
X
run sw-report workforce --month 2026-10 --station B -f csv
check_out "sw-report workforce --station" <<'X'
station_code,station_name,workers,certified,assistant,intermediate,senior,new,leavers,supervision_hours,training_hours
B,石门镇站,1,1,0,0,1,0,1,2.0,2.0
X

# Targets on the new figures, attached to a contract.
cat >org.csv <<'X'
org_id,name,kind
O1,青溪县仁爱社会工作服务中心,社工机构
X
cat >ct.csv <<'X'
contract_id,title,buyer,contractor,start,end,amount,stations
CT1,东片社工站运营项目,青溪县民政局,O1,2026-10-01,2026-12-31,300000,A;B
X
run sw-station import -q org.csv ct.csv
check_rc 0 "a contract for A and B"
cat >t.csv <<'X'
contract_id,station_code,indicator,from,to,target
CT1,,referrals_completed,,,2
CT1,A,supervision_hours,,,12
X
run sw-report targets --targets t.csv --contract CT1 --on 2026-10-31 -f csv
check_out "referrals_completed per station of the contract; supervision hours in hours" <<'X'
contract_id,station_code,station_name,indicator,label,from,to,target,actual,completion_pct,expected,status
CT1,A,梅江镇站,referrals_completed,referrals completed,2026-10-01,2026-12-31,2,1,50.0,0.7,on track
CT1,B,石门镇站,referrals_completed,referrals completed,2026-10-01,2026-12-31,2,0,0.0,0.7,behind
CT1,A,梅江镇站,supervision_hours,supervision hours,2026-10-01,2026-12-31,12.0,3.0,25.0,4.1,behind
X

# The catalogue's items in targets and rules: A has 3 services of SJ01,
# B 2 of SJ01 and 1 of SJ02 (both 社会救助, assistance).
run sw-case import -q --table catalogue "$SAMPLE/catalogue.csv"
cat >sv.csv <<'X'
service_id,client_id,station_code,date,type,item_code
V1,C1,A,2026-10-09,visit,SJ01
V2,C1,A,2026-10-10,visit,SJ01
V3,C1,A,2026-10-11,visit,SJ01
V4,C2,B,2026-10-12,visit,SJ01
V5,C2,B,2026-10-13,visit,SJ01
V6,C2,B,2026-10-14,phone,SJ02
V7,C2,B,2026-10-15,phone,
X
run sw-case import -q sv.csv
check_rc 0 "services with their items"
cat >sys.csv <<'X'
code,parent,name,max,how
S,,服务项目,10,
S1,S,困难群众走访探视不少于3次,4,item:SJ01 >= 3
S2,S,社会救助类服务（3人次满分）,6,category:社会救助 linear 3
X
run sw-report evaluate --system sys.csv --from 2026-10-01 --to 2026-10-31 -f csv
check_rc 0 "evaluate with rules on an item and a category"
sed '$d' .out >card.csv
run cat card.csv
check_out "item:SJ01 >= 3: A's 3 met, B's 2 not; category:社会救助 (assistance) counts SJ01 and SJ02" <<'X'
period,station_code,station_name,code,level,name,max,score,rule,value,note,grade
2026-10-01..2026-10-31,A,梅江镇站,S,dimension,服务项目,10,10,,,,
2026-10-01..2026-10-31,A,梅江镇站,S1,point,困难群众走访探视不少于3次,4,4,item:SJ01 >= 3,3,,
2026-10-01..2026-10-31,A,梅江镇站,S2,point,社会救助类服务（3人次满分）,6,6,category:assistance linear 3,3,,
2026-10-01..2026-10-31,A,梅江镇站,,total,,10,10,,,,excellent
2026-10-01..2026-10-31,B,石门镇站,S,dimension,服务项目,10,6,,,,
2026-10-01..2026-10-31,B,石门镇站,S1,point,困难群众走访探视不少于3次,4,0,item:SJ01 >= 3,2,,
2026-10-01..2026-10-31,B,石门镇站,S2,point,社会救助类服务（3人次满分）,6,6,category:assistance linear 3,3,,
2026-10-01..2026-10-31,B,石门镇站,,total,,10,6,,,,pass
X
run sw-report evaluate --system sys.csv --from 2026-10-01 --to 2026-10-31 --station A -f md --lang zh
check_out_has "4（服务人次（SJ01 困难群众走访探视） 3，需达到 3）" "the evidence names the item in Chinese"
cat >bad.csv <<'X'
code,parent,name,max,how
S,,服务项目,10,
S1,S,走访,4,item:SJ99 >= 3
S2,S,救助,3,category:养犬 >= 1
S3,S,走访,3,services >= 1
X
run sw-report evaluate --system bad.csv --from 2026-10-01 --to 2026-10-31
check_rc 1 "a rule on an item or category the catalogue lacks: status 1"
check_err "each named with its file and line, nothing scored" <<'X'
sw-report: bad.csv:3: how: unknown item "SJ99" (the service catalogue has no such item_code)
sw-report: bad.csv:4: how: unknown category "养犬" (no item of the service catalogue is of it)
X
cat >ti.csv <<'X'
station_code,indicator,from,to,target
A,item:SJ01,2026-10-01,2026-10-31,6
B,category:assistance,2026-10-01,2026-10-31,3
B,item:NOPE,2026-10-01,2026-10-31,3
X
expect_fail 1 'sw-report: ti.csv:4: indicator: unknown item "NOPE" (the service catalogue has no such item_code)' \
	sw-report targets --targets ti.csv --period 2026
sed '$d' ti.csv >ti2.csv
run sw-report targets --targets ti2.csv --period 2026 --on 2026-10-31 -f csv
check_out "targets on an item and a category" <<'X'
station_code,station_name,indicator,label,from,to,target,actual,completion_pct,expected,status
A,梅江镇站,item:SJ01,services: item SJ01,2026-10-01,2026-10-31,6,3,50.0,6.0,behind
B,石门镇站,category:assistance,services: category assistance,2026-10-01,2026-10-31,3,3,100.0,3.0,on track
X

# Closed: October's referrals, supervision and training are locked.
run sw-report close --month 2026-10
check_rc 0 "close October"
printf 'referral_id,case_id,date,to_station,to_org,consent_on,status,feedback_on\nF4,K2,2026-10-20,,县妇联,2026-10-20,accepted,2026-11-03\n' >late.csv
run sw-case import late.csv
check_rc 1 "the answer to a referral of a closed month is refused"
check_err_has "date: month 2026-10 is closed" "  with its line, as any row of the month"
printf 'session_id,worker_id,date,station_code,supervisor,minutes\nD9,W4,2026-10-30,B,王老师,60\n' >su2.csv
run sw-station import su2.csv
check_err_has "date: month 2026-10 is closed" "supervision in a closed month is refused"
printf 'case_id,client_id,station_code,domain,opened_on\nK2,C2,A,elderly,2026-02-01\n' >move.csv
run sw-case import move.csv
check_rc 3 "a case moved to another station: refused at commit"
check_err_has "this would change its figures: A cases_open_end 1 -> 2, A referrals_out 2 -> 4, A referrals_accepted 1 -> 2, A referral_median_days 7 -> 4 and 4 more" \
	"  naming the referrals it would move, the median in days"
run sw-report monthly --month 2026-10 -f csv
check_rc 0 "and the month still reports"
done_testing
