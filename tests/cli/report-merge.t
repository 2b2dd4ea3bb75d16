#!/bin/sh
# sw-report over several databases, merge of county CSVs, and -f html.
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

# A township keeping its own database: the same network, its own records.
SW_DB="$T/t2.db" run sw-station import -q stations.csv workers.csv
sqlite3 -batch t2.db "INSERT INTO clients (client_id, name, station_code, registered_on)
 VALUES ('Z1', 'z', 'T2', '2026-10-02');
INSERT INTO services (service_id, client_id, station_code, date, type, minutes)
 VALUES ('Z1', 'Z1', 'T2', '2026-10-03', 'visit', 60), ('Z2', 'Z1', 'T2', '2026-10-04', 'visit', 60);"
cp "$SW_DB" before.db
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
2026-10,R,东片中心站,regional,clients_end,clients on file at end,0
2026-10,R,东片中心站,regional,services,services,0
2026-10,R,东片中心站,regional,people_served,people served,0
2026-10,R,东片中心站,regional,service_hours,service hours,0.0
2026-10,R,东片中心站,regional,staff,active staff,0
2026-10,R,东片中心站,regional,stations_active,active stations,1
2026-10,T1,梅江镇站,township,clients_end,clients on file at end,3
2026-10,T1,梅江镇站,township,services,services,3
2026-10,T1,梅江镇站,township,people_served,people served,2
2026-10,T1,梅江镇站,township,service_hours,service hours,1.8
2026-10,T1,梅江镇站,township,staff,active staff,3
2026-10,T1,梅江镇站,township,stations_active,active stations,2
2026-10,T2,石门镇站,township,clients_end,clients on file at end,2
2026-10,T2,石门镇站,township,services,services,3
2026-10,T2,石门镇站,township,people_served,people served,2
2026-10,T2,石门镇站,township,service_hours,service hours,2.8
2026-10,T2,石门镇站,township,staff,active staff,0
2026-10,T2,石门镇站,township,stations_active,active stations,0
2026-10,,total,total,clients_end,clients on file at end,5
2026-10,,total,total,services,services,6
2026-10,,total,total,people_served,people served,4
2026-10,,total,total,service_hours,service hours,4.5
2026-10,,total,total,staff,active staff,3
2026-10,,total,total,stations_active,active stations,4
X
cmp -s "$SW_DB" before.db
ok $? "the databases are only read"
expect_fail 3 "sw-report: nope.db: no such database (import some data first, or give --db)" \
	sw-report monthly --month 2026-10 --db "$SW_DB" --db nope.db

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

run sw-report monthly --month 2026-10 --by township --lang zh -f html -o r.html
check_rc 0 "-f html"
grep -q '^<!DOCTYPE html>' r.html && grep -q '<meta charset="utf-8">' r.html
ok $? "a complete page"
[ "$(grep -c '<svg' r.html)" = 8 ]
ok $? "with inline SVG charts of the trend"
grep -Eiq '<script|src=|href=|@import|url\(' r.html
[ $? = 1 ]
ok $? "no scripts, nothing fetched"
grep -q '<tr><th scope="row">服务人次</th><td class="n">0</td><td class="n">0</td><td class="n">3</td><td class="n">1</td><td class="n">4</td></tr>' r.html
ok $? "the table holds the figures"
grep -q '<text x="354" y="152" font-size="9" text-anchor="middle">10</text>' r.html
ok $? "twelve months up to the report's, October last"
run sw-report merge a.csv b.csv -f html -o m.html
check_rc 0 "merge writes html too"
expect_fail 2 "sw-report: trend: -f html is for monthly, period and merge" sw-report trend --from 2026-01 --to 2026-02 -f html
done_testing
