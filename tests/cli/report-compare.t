#!/bin/sh
# sw-report --compare, targets, trend and workers (completeness: report-completeness.t).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

run sw-report monthly --month 2026-10 --by township --station T1 --indicator services,people_served,service_hours --compare prev -f csv
check_out "--compare prev: September beside October, and the change" <<'X'
period,station_code,station_name,level,figure,label,value,previous,change
2026-10,T1,梅江镇站,township,services,services,3,1,2
2026-10,T1,梅江镇站,township,people_served,people served,2,1,1
2026-10,T1,梅江镇站,township,service_hours,service hours,1.8,0.2,1.6
X
run sw-report monthly --month 2026-10 --by total --indicator services,service_hours --compare yoy -f md
check_out "--compare yoy: October 2025" <<'X'
| figure        | total      |
| ------------- | ---------: |
| services      |     4 (+3) |
| service hours | 2.5 (+2.2) |
X
run sw-report period --from 2026-10-01 --to 2026-10-31 --by total --indicator services --compare prev -f csv
check_out "period --compare prev: the same number of days before" <<'X'
period,station_code,station_name,level,figure,label,value,previous,change
2026-10-01..2026-10-31,,total,total,services,services,4,1,3
X
run sw-report period --from 2024-02-29 --to 2024-02-29 --by total --indicator services --compare yoy -f csv
check_out "yoy of a leap day is 28 February" <<'X'
period,station_code,station_name,level,figure,label,value,previous,change
2024-02-29..2024-02-29,,total,total,services,services,1,0,1
X
run sw-report monthly --month 2026-01 --by total --indicator cases_closed --compare prev -f csv
check_out "prev of January is December of the year before" <<'X'
period,station_code,station_name,level,figure,label,value,previous,change
2026-01,,total,total,cases_closed,cases closed,1,0,1
X

cat >targets.csv <<'X'
station_code,indicator,from,to,target
T1,services,2026-01-01,2026-12-31,100
C,service_hours,2026-01-01,2026-12-31,10
T1,cases_opened,2026-10-01,2026-10-31,1
T1,people_served,2025-01-01,2025-12-31,5
X
run sw-report targets --targets targets.csv --period 2026 --on 2026-10-31 -f csv
check_rc 0 "targets"
check_out "actual over the subtree, completion, pro rata expectation (304 of 365 days)" <<'X'
station_code,station_name,indicator,label,from,to,target,actual,completion_pct,expected,status
T1,梅江镇站,services,services,2026-01-01,2026-12-31,100,4,4.0,83.3,behind
C,青溪县总站,service_hours,service hours,2026-01-01,2026-12-31,10.0,2.7,26.7,8.3,behind
T1,梅江镇站,cases_opened,cases opened,2026-10-01,2026-10-31,1,2,200.0,1.0,on track
X
run sw-report targets --targets targets.csv --period 2025 --on 2025-07-02 --lang zh -f csv
check_out "another year; as of mid year; Chinese status" <<'X'
station_code,station_name,indicator,label,from,to,target,actual,completion_pct,expected,status
T1,梅江镇站,people_served,服务对象人数,2025-01-01,2025-12-31,5,0,0.0,2.5,进度滞后
X
printf 'station_code,indicator,from,to,target\nT9,services,2026-01-01,2026-12-31,1\nT1,nope,2026-01-01,2026-12-31,1\nT1,services,2026-12-31,2026-01-01,1\nT1,services,2026-01-01,2026-12-31,x\n' >bad.csv
run sw-report targets --targets bad.csv --period 2026
check_rc 1 "bad targets: status 1"
check_err "each bad row named" <<'X'
sw-report: bad.csv:2: station_code: unknown station "T9"
sw-report: bad.csv:3: indicator: unknown figure "nope"
sw-report: bad.csv:4: to: 2026-01-01 is before from 2026-12-31
sw-report: bad.csv:5: target: not a number
X
check_out "and no output" </dev/null

run sw-report trend --from 2026-09 --to 2026-11 --indicator services,people_served -f csv
check_out "trend: a monthly series of the total" <<'X'
month,station_code,station_name,figure,label,value
2026-09,,total,services,services,1
2026-09,,total,people_served,people served,1
2026-10,,total,services,services,4
2026-10,,total,people_served,people served,3
2026-11,,total,services,services,1
2026-11,,total,people_served,people served,1
X
run sw-report trend --from 2026-10 --to 2026-10 --by township --station R -f csv
check_out "trend by township, services by default" <<'X'
month,station_code,station_name,figure,label,value
2026-10,R,东片中心站,services,services,0
2026-10,T1,梅江镇站,services,services,3
2026-10,T2,石门镇站,services,services,1
2026-10,,total,services,services,4
X

run sw-report workers --month 2026-10 -f csv
check_out "caseload, opened, closed, median days; a case opened and closed in the month" <<'X'
worker_id,name,station_code,caseload,cases_opened,cases_closed,median_days
W5,朱英,C,0,0,0,
W1,林伟,T1,1,1,1,15
W2,刘静,T1,1,1,0,
W4,罗静,V1,0,0,0,
W3,高丽,T2,0,0,1,945
X
run sw-report workers --from 2024-01-01 --to 2026-12-31 --station T2 -f csv
check_out "median of two (945 and 1 days)" <<'X'
worker_id,name,station_code,caseload,cases_opened,cases_closed,median_days
W3,高丽,T2,0,2,2,473
X
done_testing
