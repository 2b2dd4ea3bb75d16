#!/bin/sh
# backends: sqlite pg
# Supervisor approval (督导审批): a station that requires it closes a case
# only once a supervisor at the station or above approves; the requester
# never decides; and "due" lists what needs a person.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import -q "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv"
check_rc 0 "the sample register"
# the county station requires approval; its townships follow it
run sw-station add --table stations code=QX name=青溪县社工总站 level=county approval=是
check_rc 0 "a station's setting: approval required"
printf '工号,姓名,所属站点,岗位类型\nW090,督导甲,QX,督导\nW091,督导乙,QX-102,督导\n' >sup.csv
run sw-station import sup.csv
check_rc 0 "two supervisors: one at the county, one at another township"

db_snap
expect_fail 1 "sw-case: K2026003: the station requires a supervisor's approval of closures: sw-case request close K2026003 --by WORKER --reason TEXT" \
	sw-case close K2026003 --reason 服务完成 --on 2026-11-01
printf '个案编号,档案号,站点编号,服务领域,开案日期,结案日期,结案原因\nK2026003,QX-C0004,QX-001,elderly,2026-08-15,2026-11-01,服务完成\n' >cl.csv
run sw-case import cl.csv
check_err_has "cl.csv:2: closed_on: the station requires a supervisor's approval of closures" "an import that closes it is refused too"
db_same "neither closed the case"

run sw-case request close K2026003 --by W008 --reason 服务完成 --on 2026-11-01
check_rc 0 "the worker asks"
check_out "and gets the request's id" <<'X'
R00001
X
expect_fail 1 "sw-case: K2026003: request R00001 for the same is pending" \
	sw-case request close K2026003 --by W008 --reason 服务完成
[ -z "$(sql "select closed_on from cases where case_id = 'K2026003'")" ]
ok $? "not effective until approved"

expect_fail 1 "sw-case: R00001: a worker never decides their own request" \
	sw-case approve R00001 --by W008 --comment 同意
expect_fail 1 "sw-case: R00001: --by: only a supervisor (督导) at the case's station or above decides" \
	sw-case approve R00001 --by W007 --comment 同意
expect_fail 1 "sw-case: R00001: --by: only a supervisor (督导) at the case's station or above decides" \
	sw-case approve R00001 --by W091 --comment 同意
expect_fail 2 "sw-case: approve: --by and --comment are required" sw-case approve R00001 --by W090

run sw-case due --idle 30
check_out_has "approve close,K2026003,R00001,QX-001,W008,2026-11-01" "due lists the request awaiting a decision"

run sw-case approve R00001 --by W090 --comment 同意结案 --on 2026-11-02
check_rc 0 "a supervisor at the county approves"
[ "$(sql "select closed_on, close_reason from cases where case_id = 'K2026003'")|$(sql "select status, decided_by from requests")" = \
  "2026-11-01|服务完成|approved|W090" ]
ok $? "the case is closed as asked, the request approved"
[ "$(sql "select count(*) from audit where tbl = 'requests'")" = 2 ]
ok $? "both the request and the decision are in the audit trail"
expect_fail 1 "sw-case: R00001: already approved" sw-case reject R00001 --by W090 --comment 不同意

# a plan: requested, rejected
printf '计划编号,个案编号,版本,制定日期\nP1,K2026005,1,2026-09-01\n' >pl.csv
run sw-case import pl.csv
run sw-case request plan K2026005 --by W019
check_out "a plan's request" <<'X'
R00002
X
run sw-case reject R00002 --by W090 --comment 目标不具体
check_rc 0 "rejected"
[ "$(sql "select status || ' ' || plan_id || ' ' || comment from requests where request_id = 'R00002'")" = "rejected P1 目标不具体" ]
ok $? "the plan's request is rejected with the comment"
expect_fail 1 "sw-case: K2026001: the case has no plan to approve" sw-case request plan K2026001 --by W007

# due: open goals whose day has come, cases without a service for --idle days
printf '目标编号,计划编号,需求,完成期限\nG1,P1,就学,2026-10-31\nG2,P1,安全保护,2027-01-31\n' >go.csv
run sw-case import go.csv
run sw-case due --station QX-103 --idle 60
check_out_has "review goal,K2026005,G1,QX-103,W019,2026-10-31" "a goal due and open"
check_out_has "no service,K2026013,,QX-103,W019,2026-09-05" "a case without a service for 60 days, since its last"
run sh -c 'sw-case due --station QX-103 | grep -c G2'
check_out "a goal not yet due is not listed" <<'X'
0
X
expect_fail 2 "sw-case: --idle: expected a number of days, 1 to 3650" sw-case due --idle 0

done_testing
