#!/bin/sh
# sw-report over several databases, merge of county CSVs, and -f html. In
# the PostgreSQL pass the test's database is on the server and the other
# databases are files: one report over both.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

# A regional centre keeping its own database: the same network, its own
# records (no other database holds records of R).
SW_DB="$T/t2.db" run sw-station import -q stations.csv workers.csv
sqlite3 -batch t2.db "INSERT INTO clients (client_id, name, station_code, registered_on)
 VALUES ('Z1', 'z', 'R', '2026-10-02');
INSERT INTO services (service_id, client_id, station_code, date, type, minutes)
 VALUES ('Z1', 'Z1', 'R', '2026-10-03', 'visit', 60), ('Z2', 'Z1', 'R', '2026-10-04', 'visit', 60);"
if [ "$BACKEND" = pg ]; then db_snap; else cp "$SW_DB" before.db; fi
run sw-report monthly --month 2026-10 --db "$SW_DB" --db t2.db --by township \
	--indicator clients_end,services,people_served,service_hours,staff,stations_active -f csv
check_rc 0 "several --db"
check_out "records add up; stations and staff present in both count once" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,clients_end,clients on file at end,0
2026-10,C,青溪县总站,county,services,services,0
2026-10,C,青溪县总站,county,people_served,people served,0
2026-10,C,青溪县总站,county,service_hours,service hours,0.0
2026-10,C,青溪县总站,county,staff,active staff,0
2026-10,C,青溪县总站,county,stations_active,active stations,1
2026-10,R,东片中心站,regional,clients_end,clients on file at end,1
2026-10,R,东片中心站,regional,services,services,2
2026-10,R,东片中心站,regional,people_served,people served,1
2026-10,R,东片中心站,regional,service_hours,service hours,2.0
2026-10,R,东片中心站,regional,staff,active staff,0
2026-10,R,东片中心站,regional,stations_active,active stations,1
2026-10,T1,梅江镇站,township,clients_end,clients on file at end,3
2026-10,T1,梅江镇站,township,services,services,3
2026-10,T1,梅江镇站,township,people_served,people served,2
2026-10,T1,梅江镇站,township,service_hours,service hours,1.8
2026-10,T1,梅江镇站,township,staff,active staff,3
2026-10,T1,梅江镇站,township,stations_active,active stations,2
2026-10,T2,石门镇站,township,clients_end,clients on file at end,1
2026-10,T2,石门镇站,township,services,services,1
2026-10,T2,石门镇站,township,people_served,people served,1
2026-10,T2,石门镇站,township,service_hours,service hours,0.8
2026-10,T2,石门镇站,township,staff,active staff,0
2026-10,T2,石门镇站,township,stations_active,active stations,0
2026-10,,total,total,clients_end,clients on file at end,5
2026-10,,total,total,services,services,6
2026-10,,total,total,people_served,people served,4
2026-10,,total,total,service_hours,service hours,4.5
2026-10,,total,total,staff,active staff,3
2026-10,,total,total,stations_active,active stations,4
X
if [ "$BACKEND" = pg ]; then
	db_same "the databases are only read"
else
	cmp -s "$SW_DB" before.db
	ok $? "the databases are only read"
fi
expect_fail 3 "sw-report: nope.db: no such database (import some data first, or give --db)" \
	sw-report monthly --month 2026-10 --db "$SW_DB" --db nope.db

# Records add up, so databases that overlap are refused before anything is
# written: one named twice (through any name), a copy, a station whose
# records are in two. Every subcommand that takes several --db checks.
M="sw-report: --db: $DBNAME and $DBNAME are the same database: give it once"
expect_fail 2 "$M" sw-report monthly --month 2026-10 --db "$SW_DB" --db "$SW_DB" -f csv
check_out "nothing written" </dev/null
check_err_has "Try 'sw-report monthly --help'." "a usage error"
for c in "period --from 2026-10-01 --to 2026-10-31" "trend --from 2026-09 --to 2026-10" \
	"completeness --month 2026-10" "workers --month 2026-10" "items --month 2026-10" \
	"workforce --month 2026-10" "referrals --month 2026-10" \
	"targets --targets none.csv --period 2026" "evaluate --system none.csv --from 2026-10-01 --to 2026-10-31"; do
	expect_fail 2 "$M" sw-report $c --db "$SW_DB" --db "$SW_DB"
done
sqlite3 -batch t2.db "INSERT INTO activities (activity_id, station_code, date, kind) VALUES ('Z1', 'T2', '2025-01-10', 'group')"
expect_fail 2 "sw-report: --db: station T2 has records in both $DBNAME and $T/t2.db: they would count twice; give a database once, not with a copy of it, and keep a station's records in one" \
	sw-report monthly --month 2026-10 --db "$SW_DB" --db t2.db
check_out "a station with records in two databases: nothing written" </dev/null
run sw-report period --from 2026-10-01 --to 2026-10-31 --db "$SW_DB" --db t2.db --lang zh
check_err_has "站点 T2 在 $DBNAME 和 $T/t2.db 中都有记录" "said in Chinese"
sqlite3 -batch t2.db "DELETE FROM activities WHERE activity_id = 'Z1'"
if [ "$BACKEND" = sqlite ]; then
	ln "$SW_DB" linked.db
	expect_fail 2 "sw-report: --db: $SW_DB and $T/linked.db are the same database: give it once" \
		sw-report monthly --month 2026-10 --db "$SW_DB" --db linked.db
	cp "$SW_DB" copy.db
	expect_fail 2 "sw-report: --db: station T1 has records in both $SW_DB and $T/copy.db: they would count twice; give a database once, not with a copy of it, and keep a station's records in one" \
		sw-report workers --month 2026-10 --db "$SW_DB" --db copy.db
	check_err_has "sw-report: --db: 3 more stations have records in two databases" "and counts the others"
fi

F="--by county --indicator services,people_served,service_hours -f csv"
run sw-report monthly --month 2026-10 $F -o a.csv
sed 's/,C,青溪县总站,/,D,桃源县总站,/' a.csv >b.csv
run sw-report merge a.csv b.csv -f csv
check_rc 0 "merge"
check_out "county reports summed; people add across counties" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,services,services,4
2026-10,C,青溪县总站,county,people_served,people served,3
2026-10,C,青溪县总站,county,service_hours,service hours,2.5
2026-10,D,桃源县总站,county,services,services,4
2026-10,D,桃源县总站,county,people_served,people served,3
2026-10,D,桃源县总站,county,service_hours,service hours,2.5
2026-10,,total,total,services,services,8
2026-10,,total,total,people_served,people served,6
2026-10,,total,total,service_hours,service hours,5.0
X
run sw-report merge a.csv b.csv -f csv -o ab.csv
sed 's/,C,青溪县总站,/,E,云山县总站,/; s/,D,桃源县总站,/,F,大溪县总站,/' ab.csv >ef.csv
run sh -c 'sw-report merge ab.csv ef.csv -f csv | grep ",total,"'
check_out "merged files merge again; their total rows are recomputed" <<'X'
2026-10,,total,total,services,services,16
2026-10,,total,total,people_served,people served,12
2026-10,,total,total,service_hours,service hours,10.0
X
run sw-report monthly --month 2026-09 $F -o sep.csv
expect_fail 1 "sw-report: sep.csv:2: period: 2026-09, not 2026-10 as in a.csv" sw-report merge a.csv sep.csv
run sw-report monthly --month 2026-10 --by county --indicator services -f csv -o fewer.csv
sed -i 's/,C,青溪县总站,/,D,桃源县总站,/' fewer.csv
expect_fail 1 "sw-report: fewer.csv: figures differ from those of a.csv" sw-report merge a.csv fewer.csv
expect_fail 1 "sw-report: a.csv:2: station_code: C is also in an earlier file" sw-report merge a.csv a.csv
run sw-report monthly --month 2026-10 $F --compare prev -o cmp.csv
expect_fail 1 "sw-report: cmp.csv:1: written with --compare: merge takes plain reports" sw-report merge cmp.csv
printf 'period,station_code,station_name,level,figure,label,value\n2026-10,C,x,county,services,s,many\n' >nan.csv
expect_fail 1 "sw-report: nan.csv:2: value: not a number" sw-report merge nan.csv
printf 'period,station_code,station_name,level,figure,label,value\n2026-10,C,x,county,sevrices,s,1\n' >unk.csv
expect_fail 1 'sw-report: unk.csv:2: figure: unknown figure "sevrices"' sw-report merge unk.csv
expect_fail 3 "sw-report: gone.csv: No such file or directory" sw-report merge gone.csv

# Impossible figures are refused with their line, and sums never wrap.
H=period,station_code,station_name,level,figure,label,value
printf '%s\n2026-10,C,x,county,services,s,9223372036854775807\n' $H >max1.csv
printf '%s\n2026-10,D,y,county,services,s,1\n' $H >max2.csv
expect_fail 1 "sw-report: max2.csv:2: value: services adds up past the largest figure (9223372036854775807)" \
	sw-report merge max1.csv max2.csv
check_out "and nothing written" </dev/null
printf '%s\n2026-10,C,x,county,services,s,1\n2026-10,C,x,county,services,s,9223372036854775807\n' $H >max3.csv
expect_fail 1 "sw-report: max3.csv:3: value: services adds up past the largest figure (9223372036854775807)" \
	sw-report merge max3.csv
printf '%s\n2026-10,C,x,county,services,s,99999999999999999999\n' $H >huge.csv
expect_fail 1 "sw-report: huge.csv:2: value: too large" sw-report merge huge.csv
printf '%s\n2026-10,C,x,county,service_hours,h,153722867280912931.0\n' $H >hours.csv
expect_fail 1 "sw-report: hours.csv:2: value: too large" sw-report merge hours.csv
printf '%s\n2026-10,C,x,county,services,s,-5\n' $H >neg.csv
expect_fail 1 "sw-report: neg.csv:2: value: negative: no figure is" sw-report merge neg.csv
for v in '+5' '0x10' '1e3' '1.5' '5-'; do
	printf '%s\n2026-10,C,x,county,services,s,%s\n' $H "$v" >odd.csv
	expect_fail 1 "sw-report: odd.csv:2: value: not a number" sw-report merge odd.csv
done
printf '%s\n2026-10,C,x,county,service_hours,h,1.25\n' $H >frac.csv
expect_fail 1 "sw-report: frac.csv:2: value: not a number" sw-report merge frac.csv
printf '%s\n2026-10,C,x,county,service_hours,h,153722867280912930.0\n' $H >hmax.csv
run sw-report merge hmax.csv -f csv
check_out "the largest hours that fit are written back as read" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,x,county,service_hours,service hours,153722867280912930.0
X

# The rows (unattributed) of two counties are one row of the merge.
printf '%s\n2026-10,C,x,county,employers,e,4\n2026-10,(unattributed),(unattributed),unattributed,employers,e,2\n' $H >ua.csv
printf '%s\n2026-10,D,y,county,employers,e,5\n2026-10,(unattributed),(unattributed),unattributed,employers,e,1\n' $H >ub.csv
run sw-report merge ua.csv ub.csv -f csv
check_rc 0 "two counties with records of no station merge"
check_out "their rows (unattributed) add up" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,x,county,employers,employers on file,4
2026-10,(unattributed),(unattributed),unattributed,employers,employers on file,3
2026-10,D,y,county,employers,employers on file,5
2026-10,,total,total,employers,employers on file,12
X

# Two counties' databases: their keys are their own. Both number their
# staff from W1; different stations, so different people.
cat >county2.csv <<'X'
code,name,level,parent_code,opened_on
D,桃源县总站,county,,2020-01-01
U1,桃源镇站,township,D,2020-01-01
X
cat >workers2.csv <<'X'
worker_id,name,station_code,role,certificate,hired_on
W1,陈红,U1,service,none,2020-01-01
W2,黄伟,U1,service,assistant,2020-01-01
X
SW_DB="$T/d.db" run sw-station import -q county2.csv workers2.csv
sqlite3 d.db "INSERT INTO clients (client_id, name, station_code, registered_on) VALUES ('P1', 'x', 'U1', '2026-10-02');
INSERT INTO cases (case_id, client_id, station_code, worker_id, domain, opened_on) VALUES
 ('K1', 'P1', 'U1', 'W1', 'elderly', '2026-10-03')"
run sw-report monthly --month 2026-10 --db "$SW_DB" --db d.db --by county --indicator staff,staff_certified,clients_end -f csv
check_out "W1 and W2 of each county count, each at their station" <<'X'
period,station_code,station_name,level,figure,label,value
2026-10,C,青溪县总站,county,clients_end,clients on file at end,4
2026-10,C,青溪县总站,county,staff,active staff,3
2026-10,C,青溪县总站,county,staff_certified,certified staff,1
2026-10,D,桃源县总站,county,clients_end,clients on file at end,1
2026-10,D,桃源县总站,county,staff,active staff,2
2026-10,D,桃源县总站,county,staff_certified,certified staff,1
2026-10,,total,total,clients_end,clients on file at end,5
2026-10,,total,total,staff,active staff,5
2026-10,,total,total,staff_certified,certified staff,2
X
run sw-report workers --month 2026-10 --db "$SW_DB" --db d.db -f csv
check_out "workers: each county's W1 on a row of its own, with its own cases" <<'X'
worker_id,name,station_code,caseload,cases_opened,cases_closed,median_days
W5,朱英,C,0,0,0,
W1,林伟,T1,1,1,1,15
W2,刘静,T1,1,1,0,
W4,罗静,V1,0,0,0,
W3,高丽,T2,0,0,1,945
W1,陈红,U1,1,1,0,
W2,黄伟,U1,0,0,0,
X

run sw-report monthly --month 2026-10 --by township --lang zh -f html -o r.html
check_rc 0 "-f html"
grep -q '^<!DOCTYPE html>' r.html && grep -q '<meta charset="utf-8">' r.html
ok $? "a complete page"
[ "$(grep -c '<svg' r.html)" = 8 ]
ok $? "with inline SVG charts of the trend"
grep -Eiq '<script|src=|href=|@import|url\(' r.html
[ $? = 1 ]
ok $? "no scripts, nothing fetched"
grep -q '<tr class="total"><th scope="row">合计</th><td>4</td><td>2</td><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>3</td><td>2.5</td><td>1</td></tr>' r.html
ok $? "the table holds the figures"
grep -q '<text x="354" y="153" font-size="10" text-anchor="middle">10</text>' r.html
ok $? "twelve months up to the report's, October last"
run sw-report merge a.csv b.csv -f html -o m.html
check_rc 0 "merge writes html too"
expect_fail 2 "sw-report: trend: -f html is for monthly, period, merge, evaluate" sw-report trend --from 2026-01 --to 2026-02 -f html
done_testing
