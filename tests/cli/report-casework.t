#!/bin/sh
# Casework and workforce figures: per catalogue item and category (with
# what named no item, so the totals reconcile), referrals made, received,
# accepted and completed with the median days to feedback, and the
# workforce with its supervision and training hours.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import -q "$SAMPLE/clients.csv" "$SAMPLE/cases.csv"
run sw-case import -q --table catalogue "$SAMPLE/catalogue.csv"
cat >sv.csv <<'X'
service_id,client_id,case_id,station_code,date,type,item_code
V1,QX-C0002,K2026002,QX-101001,2026-10-09,phone,SJ02
V2,QX-C0002,K2026002,QX-101001,2026-10-10,visit,SJ02
V3,QX-C0004,K2026003,QX-001,2026-10-11,visit,SJ01
V4,QX-C0004,K2026003,QX-001,2026-10-12,visit,
V5,QX-C0004,K2026003,QX-001,2026-09-12,visit,SJ01
X
printf 'activity_id,station_code,date,kind,participants,item_code\nH1,QX-001,2026-10-15,group,12,YL05\n' >ac.csv
run sw-case import sv.csv ac.csv
check_rc 0 "services and an activity with their items"

run sh -c 'sw-report items --month 2026-10 -f csv | grep -v ",0,0,0,0$"'
check_out "items: per item, its category's total before it, and what named none" <<'X'
category,item_code,name,services,people,activities,participants
assistance,,(all items),3,2,0,0
assistance,SJ01,困难群众走访探视,1,1,0,0
assistance,SJ02,救助政策宣传与咨询,2,1,0,0
elderly,,(all items),0,0,1,12
elderly,YL05,老年人防诈骗宣传,0,0,1,12
,,(no item),1,1,0,0
X
run sh -c 'sw-report items --month 2026-10 --station QX-101 -f csv | grep -v ",0,0,0,0$"'
check_out "--station: that station and those below it" <<'X'
category,item_code,name,services,people,activities,participants
assistance,,(all items),2,1,0,0
assistance,SJ02,救助政策宣传与咨询,2,1,0,0
X
expect_fail 1 "sw-report: --station: no station NOPE" sw-report items --month 2026-10 --station NOPE
expect_fail 2 "sw-report: items: give --month M or --from DATE --to DATE" sw-report items

cat >rf.csv <<'X'
referral_id,case_id,date,to_station,to_org,consent_on,status,feedback_on
F1,K2026003,2026-10-01,QX-101,,2026-10-01,completed,2026-10-05
F2,K2026003,2026-10-02,,县残联,2026-10-01,declined,2026-10-12
F3,K2026003,2026-10-03,QX-002,,2026-10-01,sent,
X
run sw-case import rf.csv
check_rc 0 "referrals"
run sh -c 'sw-report referrals --month 2026-10 -f csv | grep -v ",0,0,0,0,0$"'
check_out "referrals: made and received per station; the median of 4 and 10 days is 7" <<'X'
station_code,station_name,referred,received,accepted,completed,median_days_to_feedback
QX-001,青溪街道社工站,3,0,1,1,7
QX-002,云山街道社工站,0,1,0,0,0
QX-101,梅江镇社工站,0,1,0,0,0
X

printf '工号,证书等级,取得日期\nW009,助理社会工作师,2026-10-20\n' >ce.csv
printf 'session_id,worker_id,date,station_code,supervisor,minutes\nD1,W007,2026-10-15,QX-001,王老师,90\nD1,W008,2026-10-15,QX-001,王老师,90\n' >su.csv
printf 'worker_id,date,course,minutes\nW009,2026-10-20,儿童保护,480\n' >tr.csv
printf 'worker_id,name,station_code,role,hired_on\nW099,新人,QX-001,service,2026-10-08\n' >nw.csv
run sw-station import ce.csv su.csv tr.csv nw.csv
check_rc 0 "a certificate, a supervision session, a training, a new worker"
run sh -c 'sw-report workforce --month 2026-10 --station QX-001 -f csv | head -2'
check_out "workforce: in post, certified by level, new, hours of supervision and training" <<'X'
station_code,station_name,workers,certified,assistant,intermediate,senior,new,leavers,supervision_hours,training_hours
QX-001,青溪街道社工站,4,3,2,1,0,1,0,3.0,8.0
X

done_testing
