#!/bin/sh
# backends: sqlite pg
# Casework as contracts require it: the catalogue services name, an
# assessment that sets the case's risk, a plan whose goals are reviewed,
# and a case that closes only when its goals are reviewed or let go.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import -q "$SAMPLE/clients.csv" "$SAMPLE/cases.csv"
check_rc 0 "the sample register"

# --- the catalogue ------------------------------------------------------------
run sw-case import --table catalogue "$SAMPLE/catalogue.csv"
check_rc 0 "the example catalogue imports"
[ "$(sql "select count(*), count(distinct category) from catalogue")" = "29|6" ]
ok $? "29 items in 6 categories"
[ "$(sql "select category, nature from catalogue where item_code = 'ET02'")" = "child|remedial" ]
ok $? "儿童福利/儿童关爱保护 and 补救性 stored as their keys"
cat >sv.csv <<'X'
服务编号,档案号,个案编号,所属站点,服务日期,服务类型,服务项目编号
V1,QX-C0002,K2026002,QX-101001,2026-10-09,电话,SJ02
V2,QX-C0002,K2026002,QX-101001,2026-10-10,电话,XX99
X
run sw-case import sv.csv
check_rc 1 "a service naming no catalogue item: status 1"
check_err_has "sv.csv:3: item_code: unknown catalogue item" "refused, naming the column"
[ "$(sql "select item_code from services where service_id = 'V1'")" = SJ02 ]
ok $? "a service stores its item"

# --- assessments ----------------------------------------------------------------
cat >as.csv <<'X'
评估编号,个案编号,评估日期,评估人,风险等级,需求
A1,K2026002,2026-05-10,W013,中,生活照料、心理支持
A2,K2026002,2026-09-01,W013,高,经济援助
A3,K2026002,2026-05-01,W013,低,就业
A4,K2026002,2026-06-01,W013,,飞行
X
run sw-case import as.csv
check_rc 1 "assessments: status 1 for the bad rows"
check_err "before the case opened, and an unknown need, each refused" <<'X'
sw-case: as.csv:4: date: 2026-05-01 is before the case was opened (2026-05-09)
sw-case: as.csv:5: needs: unknown value (expected daily_care, psychological, financial, employment, schooling, medical, family, policy, safety, social, other; to accept it: sw-case vocab add need VALUE KEY)
sw-case: as.csv: read 4, inserted 2, updated 0, unchanged 0, rejected 2
X
[ "$(sql "select needs from assessments where assessment_id = 'A1'")" = "daily_care;psychological" ]
ok $? "needs stored as a set of keys"
[ "$(sql "select risk from cases where case_id = 'K2026002'")" = high ]
ok $? "the case's risk follows its latest assessment"
printf '评估编号,个案编号,评估日期,风险等级\nA0,K2026002,2026-06-01,低\n' >old.csv
run sw-case import old.csv
[ "$(sql "select risk from cases where case_id = 'K2026002'")" = high ]
ok $? "an earlier assessment imported later does not"

# --- plans, goals, reviews ----------------------------------------------------------
printf '计划编号,个案编号,版本,制定日期,制定人\nP1,K2026002,1,2026-05-20,W013\nP2,K2026002,1,2026-06-20,W013\n' >pl.csv
run sw-case import pl.csv
check_rc 1 "a second plan of the same version: status 1"
check_err_has "pl.csv:3: case_id and version: already used by another record" "one plan per case and version"
cat >go.csv <<'X'
目标编号,计划编号,需求,目标,完成期限
G1,P1,生活照料,每周两次上门照料,2026-08-31
G2,P1,心理支持,情绪稳定,2026-12-31
G3,P1,就业,找到工作,2026-05-01
X
run sw-case import go.csv
check_rc 1 "a goal due before its plan: status 1"
check_err_has "go.csv:4: due_on: 2026-05-01 is before the plan's date (2026-05-20)" "refused with both dates"
[ "$(sql "select goal_id || ':' || status from goals order by goal_id")" = "G1:open
G2:open" ]
ok $? "goals start open"
cat >rv.csv <<'X'
回顾编号,目标编号,回顾日期,状态,进展
R1,G1,2026-07-01,部分达成,照料基本到位
R2,G1,2026-08-30,已达成,照料到位
R3,G9,2026-08-30,已达成,无此目标
X
run sw-case import rv.csv
check_rc 1 "a review of an unknown goal: status 1"
check_err_has "rv.csv:4: goal_id: unknown goal" "refused"
[ "$(sql "select status from goals where goal_id = 'G1'")" = achieved ]
ok $? "a goal's status follows its latest review"
run sw-case import go.csv
[ "$(sql "select status from goals where goal_id = 'G1'")" = achieved ]
ok $? "the goals file again, without a status column, leaves it as reviewed"

# --- closing with open goals ---------------------------------------------------------
db_snap
expect_fail 1 "sw-case: K2026002: the case's plan has 1 open goal (G2): review them, or say why they are left with --goals-left REASON" \
	sw-case close K2026002 --reason 服务完成 --on 2026-10-20
db_same "the refused close changes nothing"
printf '个案编号,档案号,站点编号,服务领域,开案日期,结案日期,结案原因\nK2026002,QX-C0002,QX-101001,社区治理,2026-05-09,2026-10-20,服务完成\n' >cl.csv
run sw-case import cl.csv
check_rc 1 "an import that closes it is refused too"
check_err_has "cl.csv:2: closed_on: the case's plan has 1 open goal (G2): review them, or close it with sw-case close --goals-left REASON" "naming the goal"
run sw-case close K2026002 --reason 服务完成 --on 2026-10-20 --goals-left 服务对象迁居外地
check_rc 0 "close --goals-left: closed"
[ "$(sql "select status from goals where goal_id = 'G2'")|$(sql "select status || ' ' || note from reviews where goal_id = 'G2'")|$(sql "select closed_on from cases where case_id = 'K2026002'")" = \
  "dropped|dropped case closed: 服务对象迁居外地|2026-10-20" ]
ok $? "the goal left gets a review saying why, and the case is closed"

# --- referrals -----------------------------------------------------------------------------
cat >rf.csv <<'X'
转介编号,个案编号,转介日期,转介站点,转介机构,转介原因,知情同意日期
F1,K2026003,2026-10-10,QX-101,,需要就近服务,2026-10-09
F2,K2026003,2026-10-10,,县残联,辅具申请,
F3,K2026003,2026-10-10,,县残联,辅具申请,2026-10-11
F4,K2026003,2026-10-10,QX-101,县医院,就医,2026-10-10
X
run sw-case import rf.csv
check_rc 1 "referrals: status 1 for the bad ones"
check_err "no consent, consent after the referral, two places: each refused" <<'X'
sw-case: rf.csv:3: consent_on: a referral needs the person's consent, and the day it was given, before personal data leaves the station
sw-case: rf.csv:4: consent_on: 2026-10-11 is after the referral (2026-10-10): consent comes first
sw-case: rf.csv:5: to_station, to_org: give the station or the organisation referred to, one of them
sw-case: rf.csv: read 4, inserted 1, updated 0, unchanged 0, rejected 3
X
[ "$(sql "select status from referrals where referral_id = 'F1'")" = sent ]
ok $? "a referral starts sent"
printf '转介编号,个案编号,转介日期,转介站点,知情同意日期,状态,反馈日期,反馈\nF1,K2026003,2026-10-10,QX-101,2026-10-09,已完成,2026-10-20,已入户\n' >done.csv
expect_fail 1 "sw-case: done.csv:2: status: a referral sent cannot become completed (sent, then accepted or declined, then completed if accepted)" sw-case import done.csv
sed 's/已完成/已接收/' done.csv >acc.csv
run sw-case import acc.csv
check_rc 0 "sent, then accepted"
run sw-case import done.csv
check_rc 0 "accepted, then completed"
sed 's/已完成/已转介/' done.csv >back.csv
expect_fail 1 "sw-case: back.csv:2: status: a referral completed cannot become sent (sent, then accepted or declined, then completed if accepted)" sw-case import back.csv
run sw-case list --table referrals to_station=QX-101 -f csv --no-mask
check_out "the receiving station lists the referrals it received" <<'X'
referral_id,case_id,date,to_station,to_org,reason,consent_on,status,feedback_on,feedback
F1,K2026003,2026-10-10,QX-101,,需要就近服务,2026-10-09,completed,2026-10-20,已入户
X

# --- needs (需求清单) ---------------------------------------------------------------------
cat >nd.csv <<'X'
需求编号,档案号,需求类型,发现日期,优先级,需求状态,满足日期
N1,QX-C0002,生活照料,2026-10-01,高,,
N2,QX-C0002,经济援助,2026-10-01,中,已满足,2026-10-20
N3,QX-C0002,就业,2026-10-05,,已满足,
N4,QX-C0002,就学,2026-10-05,,待满足,2026-10-20
N5,QX-C0002,医疗康复,2026-10-05,,,2026-10-01
N6,QX-C9999,医疗康复,2026-10-05,,,
X
run sw-case import nd.csv
check_rc 1 "needs: status 1 for the bad rows"
check_err "a met need without its day, a day for an open need, met before found, an unknown client" <<'X'
sw-case: nd.csv:4: met_on: a met need needs the day it was met
sw-case: nd.csv:5: met_on: given for a need that is open
sw-case: nd.csv:6: met_on: 2026-10-01 is before the need was found (2026-10-05)
sw-case: nd.csv:7: client_id: unknown client
sw-case: nd.csv: read 6, inserted 2, updated 0, unchanged 0, rejected 4
X
[ "$(sql "select need_id || ':' || status || ':' || COALESCE(priority, '') from needs order by need_id")" = "N1:open:high
N2:met:medium" ]
ok $? "a need starts open; priorities as keys"

# --- show: one timeline ----------------------------------------------------------------
run sh -c 'sw-case show QX-C0002 -f json | jq -r ".timeline[] | map(. // \"\") | join(\",\")" | grep -v ",service,S"'
check_out "show: assessments, plan, goals, reviews and services on one timeline (the sample services left out)" <<'X'
2026-05-10,assessment,A1,K2026002,W013,daily_care;psychological,medium,
2026-05-20,plan,P1,K2026002,W013,version 1,,
2026-06-01,assessment,A0,K2026002,,,low,
2026-07-01,review,R1,K2026002,,G1,partly,照料基本到位
2026-08-30,review,R2,K2026002,,G1,achieved,照料到位
2026-08-31,goal due,G1,K2026002,,daily_care,achieved,每周两次上门照料
2026-09-01,assessment,A2,K2026002,W013,financial,high,
2026-10-09,service,V1,K2026002,,phone,,
2026-10-20,review,G2-2026-10-20,K2026002,,G2,dropped,case closed: 服务对象迁居外地
2026-12-31,goal due,G2,K2026002,,psychological,dropped,情绪稳定
X

# --- the tables export and import again --------------------------------------------------
for t in catalogue assessments plans goals reviews referrals; do
	sw-case export --table $t -o $t.csv || echo "export $t failed"
done
run sw-case import catalogue.csv assessments.csv plans.csv goals.csv reviews.csv referrals.csv
check_rc 0 "every casework table exported imports again"
check_err_has "goals.csv: read 2, inserted 0, updated 0, unchanged 2" "unchanged"

done_testing
