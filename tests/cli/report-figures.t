#!/bin/sh
# sw-report monthly/period: every figure on a small county with known
# answers, the roll-up by level, distinct people, month/year boundaries,
# leap days, a case opened and closed in the same month, a station closed
# mid month, labels in both languages.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

run sw-report monthly --month 2026-10 --by township -f table
check_rc 0 "monthly by township"
check_out "every figure, rolled up to townships, with a total" <<'X'
figure                                青溪县总站  东片中心站  梅江镇站  石门镇站  total
clients on file at end                         0           0         3         1      4
new clients                                    0           0         2         0      2
cases opened                                   0           0         2         0      2
cases closed                                   0           0         1         1      2
open cases at end                              0           0         2         0      2
referrals made                                 0           0         0         0      0
referrals received                             0           0         0         0      0
referrals accepted                             0           0         0         0      0
referrals completed                            0           0         0         0      0
median days to referral feedback               0           0         0         0      0
services                                       0           0         3         1      4
services: visit                                0           0         1         1      2
services: counselling                          0           0         1         0      1
services: phone                                0           0         1         0      1
services: referral                             0           0         0         0      0
services: employment                           0           0         0         0      0
services: other                                0           0         0         0      0
people served                                  0           0         2         1      3
service hours                                0.0         0.0       1.8       0.8    2.5
community visits                               0           0         1         0      1
activities                                     0           0         3         0      3
activity sessions                              0           0         5         0      5
activity participants                          0           0        34         0     34
activities: group                              0           0         1         0      1
activity sessions: group                       0           0         3         0      3
activity participants: group                   0           0        24         0     24
activities: community                          0           0         1         0      1
activity sessions: community                   0           0         1         0      1
activity participants: community               0           0         0         0      0
activities: outreach                           0           0         1         0      1
activity sessions: outreach                    0           0         1         0      1
activity participants: outreach                0           0        10         0     10
activities: fair                               0           0         0         0      0
activity sessions: fair                        0           0         0         0      0
activity participants: fair                    0           0         0         0      0
activities: training                           0           0         0         0      0
activity sessions: training                    0           0         0         0      0
activity participants: training                0           0         0         0      0
activities: other                              0           0         0         0      0
activity sessions: other                       0           0         0         0      0
activity participants: other                   0           0         0         0      0
employers on file                              0           0         1         0      1
vacancies posted                               0           0         1         0      1
vacancy headcount                              0           0         5         0      5
job seekers on file                            0           0         2         0      2
matches                                        0           0         3         0      3
hires                                          0           0         1         0      1
retained 3 months                              0           0         1         0      1
retained 6 months                              0           0         0         0      0
active staff                                   0           0         3         0      3
certified staff                                0           0         1         0      1
staff: assistant social workers                0           0         0         0      0
staff: social workers (intermediate)           0           0         1         0      1
staff: senior social workers                   0           0         0         0      0
staff hired                                    0           0         1         0      1
staff who left                                 1           0         0         1      2
supervision hours                            0.0         0.0       0.0       0.0    0.0
training hours                               0.0         0.0       0.0       0.0    0.0
active stations                                1           1         2         0      4
organisations engaged                          0           0         0         0      0
volunteers active                              0           0         0         0      0
volunteer hours                              0.0         0.0       0.0       0.0    0.0
volunteer service person-times                 0           0         0         0      0
needs identified                               0           0         0         0      0
needs met                                      0           0         0         0      0
median days to meet a need                     0           0         0         0      0
resource uses                                  0           0         0         0      0
resource value (yuan)                          0           0         0         0      0
resource uses: policy                          0           0         0         0      0
resource uses: funds                           0           0         0         0      0
resource uses: goods                           0           0         0         0      0
resource uses: venue                           0           0         0         0      0
resource uses: professional                    0           0         0         0      0
resource uses: volunteer                       0           0         0         0      0
resource uses: job                             0           0         0         0      0
resource uses: other                           0           0         0         0      0
X

F=clients_end,clients_new,cases_opened,cases_closed,cases_open_end,services,people_served,service_hours,staff,stations_active
run sw-report monthly --month 2026-10 --by station --indicator $F -f csv
check_out "by station: own records; V2 (opens in November) left out; P1 served at V1 and T1 counts once in the total" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,clients_end,clients on file at end,0
2026-10,C,青溪县总站,county,clients_new,new clients,0
2026-10,C,青溪县总站,county,cases_opened,cases opened,0
2026-10,C,青溪县总站,county,cases_closed,cases closed,0
2026-10,C,青溪县总站,county,cases_open_end,open cases at end,0
2026-10,C,青溪县总站,county,services,services,0
2026-10,C,青溪县总站,county,people_served,people served,0
2026-10,C,青溪县总站,county,service_hours,service hours,0.0
2026-10,C,青溪县总站,county,staff,active staff,0
2026-10,C,青溪县总站,county,stations_active,active stations,1
2026-10,R,东片中心站,regional,clients_end,clients on file at end,0
2026-10,R,东片中心站,regional,clients_new,new clients,0
2026-10,R,东片中心站,regional,cases_opened,cases opened,0
2026-10,R,东片中心站,regional,cases_closed,cases closed,0
2026-10,R,东片中心站,regional,cases_open_end,open cases at end,0
2026-10,R,东片中心站,regional,services,services,0
2026-10,R,东片中心站,regional,people_served,people served,0
2026-10,R,东片中心站,regional,service_hours,service hours,0.0
2026-10,R,东片中心站,regional,staff,active staff,0
2026-10,R,东片中心站,regional,stations_active,active stations,1
2026-10,T1,梅江镇站,township,clients_end,clients on file at end,1
2026-10,T1,梅江镇站,township,clients_new,new clients,1
2026-10,T1,梅江镇站,township,cases_opened,cases opened,1
2026-10,T1,梅江镇站,township,cases_closed,cases closed,0
2026-10,T1,梅江镇站,township,cases_open_end,open cases at end,1
2026-10,T1,梅江镇站,township,services,services,1
2026-10,T1,梅江镇站,township,people_served,people served,1
2026-10,T1,梅江镇站,township,service_hours,service hours,0.3
2026-10,T1,梅江镇站,township,staff,active staff,2
2026-10,T1,梅江镇站,township,stations_active,active stations,1
2026-10,V1,西村点,village,clients_end,clients on file at end,2
2026-10,V1,西村点,village,clients_new,new clients,1
2026-10,V1,西村点,village,cases_opened,cases opened,1
2026-10,V1,西村点,village,cases_closed,cases closed,1
2026-10,V1,西村点,village,cases_open_end,open cases at end,1
2026-10,V1,西村点,village,services,services,2
2026-10,V1,西村点,village,people_served,people served,2
2026-10,V1,西村点,village,service_hours,service hours,1.5
2026-10,V1,西村点,village,staff,active staff,1
2026-10,V1,西村点,village,stations_active,active stations,1
2026-10,T2,石门镇站,township,clients_end,clients on file at end,1
2026-10,T2,石门镇站,township,clients_new,new clients,0
2026-10,T2,石门镇站,township,cases_opened,cases opened,0
2026-10,T2,石门镇站,township,cases_closed,cases closed,1
2026-10,T2,石门镇站,township,cases_open_end,open cases at end,0
2026-10,T2,石门镇站,township,services,services,1
2026-10,T2,石门镇站,township,people_served,people served,1
2026-10,T2,石门镇站,township,service_hours,service hours,0.8
2026-10,T2,石门镇站,township,staff,active staff,0
2026-10,T2,石门镇站,township,stations_active,active stations,0
2026-10,,total,total,clients_end,clients on file at end,4
2026-10,,total,total,clients_new,new clients,2
2026-10,,total,total,cases_opened,cases opened,2
2026-10,,total,total,cases_closed,cases closed,2
2026-10,,total,total,cases_open_end,open cases at end,2
2026-10,,total,total,services,services,4
2026-10,,total,total,people_served,people served,3
2026-10,,total,total,service_hours,service hours,2.5
2026-10,,total,total,staff,active staff,3
2026-10,,total,total,stations_active,active stations,4
X

# Every level adds up to the same total; people are never double counted.
for by in station township regional total; do
	run sw-report monthly --month 2026-10 --by $by --indicator services,people_served,staff -f csv
	grep ',total,' .out >tot.$by
done
cmp -s tot.station tot.township && cmp -s tot.township tot.regional &&
	cmp -s tot.regional tot.total
ok $? "the total is the same at every level"
run cat tot.total
check_out "the total row" <<'X'
2026-10,,total,total,services,services,4
2026-10,,total,total,people_served,people served,3
2026-10,,total,total,staff,active staff,3
X

run sw-report monthly --month 2026-10 --by county --indicator people_served,services -f csv
check_out "one county: no separate total row" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,services,services,4
2026-10,C,青溪县总站,county,people_served,people served,3
X

run sw-report monthly --month 2026-10 --station T1 --by township --indicator people_served,services,stations_active -f csv
check_out "--station limits to the subtree" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,T1,梅江镇站,township,services,services,3
2026-10,T1,梅江镇站,township,people_served,people served,2
2026-10,T1,梅江镇站,township,stations_active,active stations,2
X

run sw-report monthly --month 2026-10 --by total --indicator services,service_hours,cases_opened --lang zh -f csv
check_out "--lang zh labels; keys stay English" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,,合计,total,cases_opened,开案,2
2026-10,,合计,total,services,服务人次,4
2026-10,,合计,total,service_hours,服务时长（小时）,2.5
X
(export LC_ALL= LANG=zh_CN.UTF-8; run sw-report monthly --month 2026-10 --by total --indicator staff,staff_certified -f md)
check_out "LANG=zh_* gives Chinese by default" <<'X'
| 指标     | 合计 |
| -------- | ---: |
| 在岗社工 |    3 |
| 持证社工 |    1 |
X
(export LC_ALL= LANG=zh_CN.UTF-8; run sw-report monthly --month 2026-10 --by total --indicator staff --lang en -f md)
check_out "--lang en overrides LANG" <<'X'
| figure       | total |
| ------------ | ----: |
| active staff |     3 |
X

OPTS="--by total -f csv --indicator clients_new,cases_opened,cases_closed,cases_open_end,services"
run sw-report period --from 2024-02-29 --to 2024-02-29 $OPTS
check_out "a leap day" <<'X'
period,station_code,station_name,level,figure,label,value
2024-02-29..2024-02-29,,total,total,clients_new,new clients,1
2024-02-29..2024-02-29,,total,total,cases_opened,cases opened,1
2024-02-29..2024-02-29,,total,total,cases_closed,cases closed,0
2024-02-29..2024-02-29,,total,total,cases_open_end,open cases at end,1
2024-02-29..2024-02-29,,total,total,services,services,1
X
run sw-report monthly --month 2025-12 $OPTS
check_out "December: K5 opened on the 31st, open at the end of the year with K4" <<'X'
period,station_code,station_name,level,figure,label,value
2025-12,,total,total,clients_new,new clients,0
2025-12,,total,total,cases_opened,cases opened,1
2025-12,,total,total,cases_closed,cases closed,0
2025-12,,total,total,cases_open_end,open cases at end,2
2025-12,,total,total,services,services,0
X
run sw-report monthly --month 2026-01 $OPTS
check_out "January: K5 closed on the 1st" <<'X'
period,station_code,station_name,level,figure,label,value
2026-01,,total,total,clients_new,new clients,0
2026-01,,total,total,cases_opened,cases opened,0
2026-01,,total,total,cases_closed,cases closed,1
2026-01,,total,total,cases_open_end,open cases at end,1
2026-01,,total,total,services,services,0
X
run sw-report period --from 2020-01-01 --to 2026-10-31 $OPTS
check_out "period: figures as of a date" <<'X'
period,station_code,station_name,level,figure,label,value
2020-01-01..2026-10-31,,total,total,clients_new,new clients,4
2020-01-01..2026-10-31,,total,total,cases_opened,cases opened,5
2020-01-01..2026-10-31,,total,total,cases_closed,cases closed,3
2020-01-01..2026-10-31,,total,total,cases_open_end,open cases at end,2
2020-01-01..2026-10-31,,total,total,services,services,7
X
run sw-report monthly --month 2026-11 --by township --indicator stations_active,staff,employers -f csv
check_out "November: T2 closed (shown, 0 active), V2 open, W5 gone" <<'X'
period,station_code,station_name,level,figure,label,value
2026-11,C,青溪县总站,county,employers,employers on file,1
2026-11,C,青溪县总站,county,staff,active staff,0
2026-11,C,青溪县总站,county,stations_active,active stations,1
2026-11,R,东片中心站,regional,employers,employers on file,0
2026-11,R,东片中心站,regional,staff,active staff,0
2026-11,R,东片中心站,regional,stations_active,active stations,1
2026-11,T1,梅江镇站,township,employers,employers on file,1
2026-11,T1,梅江镇站,township,staff,active staff,3
2026-11,T1,梅江镇站,township,stations_active,active stations,3
2026-11,T2,石门镇站,township,employers,employers on file,0
2026-11,T2,石门镇站,township,staff,active staff,0
2026-11,T2,石门镇站,township,stations_active,active stations,0
2026-11,,total,total,employers,employers on file,2
2026-11,,total,total,staff,active staff,3
2026-11,,total,total,stations_active,active stations,5
X
SW_TODAY=2030-02-01 run sw-report monthly --month 2030-01 --by total --indicator matches,hires,vacancies -f jsonl
check_out "no data: zeros, numbers bare in JSON, figures in report order" <<'X'
{"period":"2030-01","station_code":"","station_name":"total","level":"total","figure":"vacancies","label":"vacancies posted","value":0}
{"period":"2030-01","station_code":"","station_name":"total","level":"total","figure":"matches","label":"matches","value":0}
{"period":"2030-01","station_code":"","station_name":"total","level":"total","figure":"hires","label":"hires","value":0}
X
[ "$(sql "select count(*) from month_log")" = 0 ] && [ ! -e report.csv ]
ok $? "reports write nothing"

# Matches: a pair counts once, in the month of its first stage at or
# beyond matched, whatever followed; a pair recorded only as hired is a
# match too.
sql "INSERT INTO placements (seeker_id, vacancy_id, stage, date) VALUES
 ('Q2', 'J2', 'hired', '2026-11-03'), ('Q1', 'J2', 'hired', '2026-11-04'),
 ('Q2', 'J1', 'referred', '2026-11-05'), ('Q2', 'J1', 'interviewed', '2026-11-06')" >/dev/null
run sw-report monthly --month 2026-11 --by total --indicator matches,hires -f csv
check_out "November: Q1-J2 hired without a matched stage is a match; Q2-J1 and Q2-J2 were matched earlier" <<'X'
period,station_code,station_name,level,figure,label,value
2026-11,,total,total,matches,matches,1
2026-11,,total,total,hires,hires,2
X
run sw-report monthly --month 2026-10 --by total --indicator matches -f csv
check_out "October: Q1-J1, Q2-J1 matched and Q2-J2 first seen retained, each once" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,,total,total,matches,matches,3
X

# Employment records as sw-match(1) documents them, without a
# station_code: placed by the district's division (up to the nearest
# division with a station), or the seeker's client; what cannot be placed
# is counted on a row of its own, with a warning, never dropped.
cat >divisions.csv <<'X'
区划代码,区划名称,层级,上级区划代码
339901,青溪县,county,
339901101,梅江镇,township,339901
339901101001,梅江西村,village,339901101
339901101002,西村,village,339901101
339901102,石门镇,township,339901
339901102001,西村,village,339901102
X
run sw-station import divisions.csv
check_rc 0 "divisions imported"
sql "UPDATE stations SET division_code = '339901101' WHERE code = 'T1';
UPDATE stations SET division_code = '339901102' WHERE code = 'T2';
INSERT INTO employers (employer_id, name, district, registered_on) VALUES
 ('E3', 'a', '梅江镇', '2026-10-01'), ('E4', 'b', '梅江西村', '2026-10-01'),
 ('E5', 'c', '339901102', '2026-10-01'), ('E6', 'd', '西村', '2026-10-01'),
 ('E7', 'e', NULL, '2026-10-01');
INSERT INTO vacancies (vacancy_id, employer_id, title, headcount, posted_on, district) VALUES
 ('J3', 'E4', 't', 4, '2026-10-08', NULL), ('J4', 'E7', 't', 1, '2026-10-09', '石门镇'),
 ('J5', 'E6', 't', 2, '2026-10-09', NULL);
INSERT INTO seekers (seeker_id, client_id, name, district, registered_on) VALUES
 ('Q3', 'P5', 'h', NULL, '2026-10-01'), ('Q4', NULL, 'i', '石门镇', '2026-10-01'),
 ('Q5', NULL, 'j', '火星', '2026-10-01');
INSERT INTO placements (seeker_id, vacancy_id, stage, date) VALUES
 ('Q4', 'J3', 'hired', '2026-10-21'), ('Q5', 'J3', 'matched', '2026-10-22')" >/dev/null
E=employers,vacancies,vacancy_headcount,seekers,matches,hires
run sw-report monthly --month 2026-10 --by township --indicator $E -f csv
check_rc 0 "a report with records that belong to no station succeeds"
check_out "placed by division (E3, E4 up from 梅江西村, E5 by code), by client (Q3), by district (Q4); E6 (西村 is two villages), E7 and Q5 on their own row" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,employers,employers on file,0
2026-10,C,青溪县总站,county,vacancies,vacancies posted,0
2026-10,C,青溪县总站,county,vacancy_headcount,vacancy headcount,0
2026-10,C,青溪县总站,county,seekers,job seekers on file,0
2026-10,C,青溪县总站,county,matches,matches,0
2026-10,C,青溪县总站,county,hires,hires,0
2026-10,R,东片中心站,regional,employers,employers on file,0
2026-10,R,东片中心站,regional,vacancies,vacancies posted,0
2026-10,R,东片中心站,regional,vacancy_headcount,vacancy headcount,0
2026-10,R,东片中心站,regional,seekers,job seekers on file,0
2026-10,R,东片中心站,regional,matches,matches,0
2026-10,R,东片中心站,regional,hires,hires,0
2026-10,T1,梅江镇站,township,employers,employers on file,3
2026-10,T1,梅江镇站,township,vacancies,vacancies posted,2
2026-10,T1,梅江镇站,township,vacancy_headcount,vacancy headcount,9
2026-10,T1,梅江镇站,township,seekers,job seekers on file,2
2026-10,T1,梅江镇站,township,matches,matches,3
2026-10,T1,梅江镇站,township,hires,hires,1
2026-10,T2,石门镇站,township,employers,employers on file,1
2026-10,T2,石门镇站,township,vacancies,vacancies posted,1
2026-10,T2,石门镇站,township,vacancy_headcount,vacancy headcount,1
2026-10,T2,石门镇站,township,seekers,job seekers on file,2
2026-10,T2,石门镇站,township,matches,matches,1
2026-10,T2,石门镇站,township,hires,hires,1
2026-10,(unattributed),(unattributed),unattributed,employers,employers on file,2
2026-10,(unattributed),(unattributed),unattributed,vacancies,vacancies posted,1
2026-10,(unattributed),(unattributed),unattributed,vacancy_headcount,vacancy headcount,2
2026-10,(unattributed),(unattributed),unattributed,seekers,job seekers on file,1
2026-10,(unattributed),(unattributed),unattributed,matches,matches,1
2026-10,(unattributed),(unattributed),unattributed,hires,hires,0
2026-10,,total,total,employers,employers on file,6
2026-10,,total,total,vacancies,vacancies posted,4
2026-10,,total,total,vacancy_headcount,vacancy headcount,12
2026-10,,total,total,seekers,job seekers on file,5
2026-10,,total,total,matches,matches,5
2026-10,,total,total,hires,hires,2
X
check_err "a warning says what belongs to no station, without naming anyone" <<X
sw-report: $DBNAME: 2 employers and 1 job seeker belong to no station (no station_code, client or district naming a division): counted on the row (unattributed)
X
run sw-report monthly --month 2026-10 --by total --indicator $E -q -f csv
check_out "--by total counts everything" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,,total,total,employers,employers on file,6
2026-10,,total,total,vacancies,vacancies posted,4
2026-10,,total,total,vacancy_headcount,vacancy headcount,12
2026-10,,total,total,seekers,job seekers on file,5
2026-10,,total,total,matches,matches,5
2026-10,,total,total,hires,hires,2
X
run sw-report monthly --month 2026-10 --by total --indicator employers,stations_active --lang zh -q -f md
check_out "the row is not a station" <<'X'
| 指标       | 合计 |
| ---------- | ---: |
| 企业资源库 |    6 |
| 运营站点   |    4 |
X
run sw-report monthly --month 2026-10 --by county --indicator employers --lang zh -q -f md
check_out "its label in Chinese" <<'X'
| 指标       | 青溪县总站 | （未归属站点） | 合计 |
| ---------- | ---------: | -------------: | ---: |
| 企业资源库 |          4 |              2 |    6 |
X

# A database of one station: everything is that station's.
SW_DB="$T/one.db" run sw-station import -q stations.csv
sqlite3 one.db "DELETE FROM stations WHERE code <> 'C';
INSERT INTO employers (employer_id, name, registered_on) VALUES ('E1', 'x', '2026-10-01');
INSERT INTO seekers (seeker_id, name, registered_on) VALUES ('Q1', 'y', '2026-10-01')"
run sw-report monthly --month 2026-10 --db one.db --indicator employers,seekers -f csv
check_out "a one-station database: its station" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,employers,employers on file,1
2026-10,C,青溪县总站,county,seekers,job seekers on file,1
X
check_err "and no warning" </dev/null

# End to end: the sample county, an employer and a vacancy imported with
# the columns sw-match(1) documents (a district, no station).
export SW_DB="$T/sample.db"
run sw-station import -q "$SAMPLE/divisions.csv" "$SAMPLE/stations.csv"
cat >emp.csv <<'X'
企业编号,企业名称,行业,所在区域,联系人,联系电话,无障碍,入库日期
E31,青溪机械,制造业,梅江镇,王建军,13857001234,否,2026-10-01
X
cat >vac.csv <<'X'
岗位编号,企业编号,岗位名称,技能要求,学历要求,最低工资,最高工资,工作地点,招聘人数,无障碍,发布日期,截止日期
V31,E31,电焊工,焊工,初中,5500,7500,梅江镇,3,否,2026-10-02,2026-12-31
X
run sw-match import -q emp.csv vac.csv
check_rc 0 "imported as sw-match(1) documents them"
run sw-report monthly --month 2026-10 --station QX-101 --by total --indicator employers,vacancies -f csv
check_out "they count at 梅江镇社工站, the station of the division 梅江镇" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,,total,total,employers,employers on file,1
2026-10,,total,total,vacancies,vacancies posted,1
X
done_testing
