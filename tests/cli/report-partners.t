#!/bin/sh
# sw-report: the figures of 五社联动 on a small county with known answers:
# organisations engaged, volunteers active, volunteer hours and 人次,
# needs identified, met and the median days to meet them, resource uses by
# kind and their value; distinct volunteers and organisations and the
# median counted again per row (never added); a closed month refuses
# changes to the tables that feed them.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

# C > T1 > V1, V2 and C > T2. Y1 gives hours at V1 and at V2 (an activity
# and a service): one volunteer for T1 and for the county.
cat >stations.csv <<'X'
code,name,level,parent_code,opened_on,closed_on
C,青溪县总站,county,,2020-01-01,
T1,梅江镇站,township,C,2020-01-01,
V1,西村点,village,T1,2020-01-01,
V2,新桥点,village,T1,2020-01-01,
T2,石门镇站,township,C,2020-01-01,
X
run sw-station import -q stations.csv
check_rc 0 "the county"
sql "$(cat <<'X'
INSERT INTO clients (client_id, name, station_code, registered_on) VALUES
 ('P1', 'a', 'V1', '2026-01-01'), ('P2', 'b', 'V2', '2026-01-01'), ('P3', 'c', 'T2', '2026-01-01');
INSERT INTO activities (activity_id, station_code, date, kind) VALUES
 ('A1', 'V1', '2026-10-05', 'group'), ('A2', 'V2', '2026-10-12', 'community'),
 ('A3', 'T2', '2026-10-20', 'training'), ('A4', 'V1', '2026-09-28', 'group');
INSERT INTO services (service_id, client_id, station_code, date, type, minutes) VALUES
 ('S1', 'P2', 'V2', '2026-10-08', 'visit', 30);
INSERT INTO orgs (org_id, name, kind) VALUES
 ('O1', '爱心企业', 'enterprise'), ('O2', '社区志愿者协会', 'community_org'), ('O3', '慈善会', 'charity');
INSERT INTO volunteers (volunteer_id, name, station_code, org_id) VALUES
 ('Y1', '甲', 'V1', 'O2'), ('Y2', '乙', 'V1', NULL), ('Y3', '丙', 'T2', 'O2');
INSERT INTO volunteer_hours (hours_id, volunteer_id, date, activity_id, service_id, minutes) VALUES
 ('H1', 'Y1', '2026-10-05', 'A1', NULL, 120), ('H2', 'Y1', '2026-10-12', 'A2', NULL, 90),
 ('H3', 'Y2', '2026-10-05', 'A1', NULL, 60), ('H4', 'Y1', '2026-10-08', NULL, 'S1', 30),
 ('H5', 'Y3', '2026-10-20', 'A3', NULL, 45), ('H6', 'Y1', '2026-09-28', 'A4', NULL, 100);
INSERT INTO resources (resource_id, kind, name, org_id, station_code, capacity, value) VALUES
 ('R1', 'goods', '米面油', 'O1', 'V1', 10, 1000), ('R2', 'funds', '助学金', 'O3', 'T2', NULL, NULL),
 ('R3', 'policy', '临时救助', NULL, NULL, NULL, NULL);
INSERT INTO resource_uses (use_id, resource_id, date, client_id, activity_id, quantity, value) VALUES
 ('U1', 'R1', '2026-10-06', 'P1', NULL, 2, 200), ('U2', 'R1', '2026-10-13', NULL, 'A2', 1, 100),
 ('U3', 'R2', '2026-10-21', 'P3', NULL, NULL, 500), ('U4', 'R3', '2026-10-22', 'P2', NULL, NULL, NULL),
 ('U5', 'R1', '2026-11-02', 'P1', NULL, 1, 100);
INSERT INTO needs (need_id, client_id, need, identified_on, status, met_on) VALUES
 ('N1', 'P1', 'daily_care', '2026-10-01', 'met', '2026-10-05'),
 ('N2', 'P1', 'financial', '2026-09-20', 'met', '2026-10-10'),
 ('N3', 'P2', 'medical', '2026-10-03', 'met', '2026-10-10'),
 ('N4', 'P2', 'schooling', '2026-10-15', 'open', NULL),
 ('N5', 'P3', 'employment', '2026-10-02', 'met', '2026-10-03'),
 ('N6', 'P3', 'daily_care', '2026-10-25', 'met', '2026-11-02');
X
)" >/dev/null || exit 3
F=orgs_engaged,volunteers_active,volunteer_hours,volunteer_services,needs_identified,needs_met,needs_median_days
R=resource_uses,resource_value,resource_uses_policy,resource_uses_funds,resource_uses_goods,resource_uses_other

# Per station: each station's own records. Median at V1: 4 and 20 days
# (N2 found in September, met in October) make 12.
run sw-report monthly --month 2026-10 --by station --indicator $F,$R -f table
check_rc 0 "monthly by station"
check_out "per station, the total counting volunteers and organisations once" <<'X'
figure                          青溪县总站  梅江镇站  西村点  新桥点  石门镇站  total
organisations engaged                    0         0       2       2         2      3
volunteers active                        0         0       2       1         1      3
volunteer hours                        0.0       0.0     3.0     2.0       0.8    5.8
volunteer service person-times           0         0       2       2         1      5
needs identified                         0         0       1       2         2      5
needs met                                0         0       2       1         1      4
median days to meet a need               0         0      12       7         1    5.5
resource uses                            0         0       1       2         1      4
resource value (yuan)                    0         0     200     100       500    800
resource uses: policy                    0         0       0       1         0      1
resource uses: funds                     0         0       0       0         1      1
resource uses: goods                     0         0       1       1         0      2
resource uses: other                     0         0       0       0         0      0
X

# By township: T1 has Y1 and Y2 (2, not 3), O1 and O2 (2, not 4), and
# the median of 4, 7 and 20 days (7, not 12 + 7).
run sw-report monthly --month 2026-10 --by township --indicator $F -f csv
check_out "by township, as CSV: distinct and median counted again for each row" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,orgs_engaged,organisations engaged,0
2026-10,C,青溪县总站,county,volunteers_active,volunteers active,0
2026-10,C,青溪县总站,county,volunteer_hours,volunteer hours,0.0
2026-10,C,青溪县总站,county,volunteer_services,volunteer service person-times,0
2026-10,C,青溪县总站,county,needs_identified,needs identified,0
2026-10,C,青溪县总站,county,needs_met,needs met,0
2026-10,C,青溪县总站,county,needs_median_days,median days to meet a need,0
2026-10,T1,梅江镇站,township,orgs_engaged,organisations engaged,2
2026-10,T1,梅江镇站,township,volunteers_active,volunteers active,2
2026-10,T1,梅江镇站,township,volunteer_hours,volunteer hours,5.0
2026-10,T1,梅江镇站,township,volunteer_services,volunteer service person-times,4
2026-10,T1,梅江镇站,township,needs_identified,needs identified,3
2026-10,T1,梅江镇站,township,needs_met,needs met,3
2026-10,T1,梅江镇站,township,needs_median_days,median days to meet a need,7
2026-10,T2,石门镇站,township,orgs_engaged,organisations engaged,2
2026-10,T2,石门镇站,township,volunteers_active,volunteers active,1
2026-10,T2,石门镇站,township,volunteer_hours,volunteer hours,0.8
2026-10,T2,石门镇站,township,volunteer_services,volunteer service person-times,1
2026-10,T2,石门镇站,township,needs_identified,needs identified,2
2026-10,T2,石门镇站,township,needs_met,needs met,1
2026-10,T2,石门镇站,township,needs_median_days,median days to meet a need,1
2026-10,,total,total,orgs_engaged,organisations engaged,3
2026-10,,total,total,volunteers_active,volunteers active,3
2026-10,,total,total,volunteer_hours,volunteer hours,5.8
2026-10,,total,total,volunteer_services,volunteer service person-times,5
2026-10,,total,total,needs_identified,needs identified,5
2026-10,,total,total,needs_met,needs met,4
2026-10,,total,total,needs_median_days,median days to meet a need,5.5
X

run sw-report monthly --month 2026-10 --by county --indicator volunteers_active,needs_median_days,resource_value -f csv
check_out "by county: one row, the county's own figures" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,volunteers_active,volunteers active,3
2026-10,C,青溪县总站,county,needs_median_days,median days to meet a need,5.5
2026-10,C,青溪县总站,county,resource_value,resource value (yuan),800
X

run sw-report monthly --month 2026-10 --by county --lang zh --indicator $F,resource_uses,resource_value,resource_uses_goods -f csv
check_out "--lang zh: the Chinese labels, the keys as they are" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,orgs_engaged,参与组织,3
2026-10,C,青溪县总站,county,volunteers_active,活跃志愿者,3
2026-10,C,青溪县总站,county,volunteer_hours,志愿服务时长（小时）,5.8
2026-10,C,青溪县总站,county,volunteer_services,志愿服务人次,5
2026-10,C,青溪县总站,county,needs_identified,新识别需求,5
2026-10,C,青溪县总站,county,needs_met,已满足需求,4
2026-10,C,青溪县总站,county,needs_median_days,需求满足中位天数,5.5
2026-10,C,青溪县总站,county,resource_uses,资源使用次数,4
2026-10,C,青溪县总站,county,resource_value,资源价值（元）,800
2026-10,C,青溪县总站,county,resource_uses_goods,资源使用次数（物资）,2
X

# The form: the subtotal of T1's subtree counts again too.
COLUMNS=40 run sw-report monthly --month 2026-10 --by station --lang zh --indicator volunteers_active,needs_median_days -f table
check_out "the form's subtotal row: 2 volunteers and a median of 7 days for 梅江镇站's subtree" <<'X'
五社联动
              志愿者    需求
单位          活跃人数  满足中位天数
青溪县总站           0             0
梅江镇站             0             0
西村点               2            12
新桥点               1             7
梅江镇站小计         2             7
石门镇站             1             1
合计                 3           5.5
X

if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	run sw-report monthly --month 2026-10 --by township --indicator needs_median_days -f xlsx -o m.xlsx
	/usr/bin/python3 -c 'import openpyxl, sys
ws = openpyxl.load_workbook("m.xlsx").worksheets[0]
print(*[c.value for c in ws["B"] if isinstance(c.value, (int, float))])' >cells.txt 2>&1
	[ "$(cat cells.txt)" = "0 7 1 5.5" ]
	ok $? "-f xlsx: the median a number cell, 5.5 not rounded ($(cat cells.txt))"
else
	echo "ok $((n = n + 1)) - # SKIP openpyxl not installed"
fi

# merge adds county reports: a median does not add, so it is left out, saying so.
run sw-report monthly --month 2026-10 --by township --indicator volunteers_active,needs_median_days -f csv -o t.csv
run sw-report merge t.csv -f csv
check_out "merge: the volunteers added, the median left out" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,volunteers_active,volunteers active,0
2026-10,T1,梅江镇站,township,volunteers_active,volunteers active,2
2026-10,T2,石门镇站,township,volunteers_active,volunteers active,1
2026-10,,total,total,volunteers_active,volunteers active,3
X
check_err "  with a warning that says why" <<'X'
sw-report: merge: needs_median_days left out: a median of medians is not the median of the whole (sw-report monthly on the databases together computes it)
X

# A closed month: the tables that feed these figures are watched.
run sw-report close --month 2026-10
check_rc 0 "close October"
refused() {	# refused DESC CHANGE CMD...
	desc=$1 change=$2
	shift 2
	db_snap
	run "$@"
	check_rc 3 "$desc: refused"
	check_err_has "$DBNAME: refused: month 2026-10 is closed and this would change its figures: $change (reopen it first: sw-report close --month 2026-10 --reopen --reason TEXT)" "$desc: names the month and the change"
	db_same "$desc: nothing stored"
}
printf 'resource_id,kind,name,org_id,station_code,capacity,value\nR1,venue,米面油,O1,V1,10,1000\n' >kind.csv
refused "a resource's kind" "V1 resource_uses_goods 1 -> 0, V1 resource_uses_venue 0 -> 1, V2 resource_uses_goods 1 -> 0, V2 resource_uses_venue 0 -> 1" \
	sw-station import --table resources kind.csv
printf 'volunteer_id,name,station_code,org_id\nY2,乙,V1,O3\n' >vol.csv
refused "a volunteer's organisation" "T1 orgs_engaged 2 -> 3, V1 orgs_engaged 2 -> 3" sw-station import --table volunteers vol.csv
printf 'hours_id,volunteer_id,date,activity_id,minutes\nH9,Y2,2026-10-12,A2,30\n' >hours.csv
expect_fail 1 "sw-station: hours.csv:2: date: month 2026-10 is closed (sw-report close --reopen to change it)" \
	sw-station import -q --table volunteer_hours hours.csv
printf 'resource_id,kind,name\nR4,goods,新物资\n' >new.csv
run sw-station import -q --table resources new.csv
check_rc 0 "a new resource, not yet used: accepted"
run sw-report monthly --month 2026-10 -f csv
check_rc 0 "and the month still reports"
done_testing
