#!/bin/sh
# backends: sqlite pg
# sw-station listings over the sample county: list, show, tree, workers,
# coverage, close, vocab, formats and usage errors.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/divisions.csv" "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample county imports"

run sw-station list --parent QX-W --level 乡镇
check_out "list: subtree and level by Chinese alias" <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on
QX-102,石门镇社工站,township,QX-W,339901102,石门镇政府大院,2021-09-01,
QX-103,桃源镇社工站,township,QX-W,339901103,桃源镇政府大院,2021-09-01,
QX-104,大溪镇社工站,township,QX-W,339901104,大溪镇政府大院,2021-09-01,
X
run sw-station list --active --on 2021年8月1日 -f tsv
check_out "list --active --on a date" <<'X'
code	name	level	parent_code	division_code	address	opened_on	closed_on
QX	青溪县社会工作总站	county		339901	青溪县人民路1号	2021-03-01	
QX-E	东片区域性中心社工站	regional	QX		青溪街道文化路8号	2021-06-15	
QX-W	西片区域性中心社工站	regional	QX		桃源镇中心街2号	2021-07-01	
X
run sw-station workers --station QX-101 --certified -f jsonl
check_out "workers: filters and JSON lines" <<'X'
{"worker_id":"W013","name":"罗芳","station_code":"QX-101","role":"service","certificate":"intermediate","hired_on":"2022-08-01","left_on":null}
{"worker_id":"W014","name":"张丽娟","station_code":"QX-101","role":"service","certificate":"assistant","hired_on":"2022-08-01","left_on":null}
{"worker_id":"W015","name":"张建国","station_code":"QX-101","role":"service","certificate":"senior","hired_on":"2022-05-01","left_on":null}
X
run sw-station tree QX-W -f table
check_out "tree: indented, counts rolled up, Chinese aligned" <<'X'
depth  code       name                      level     status  staff  certified  staff_total  certified_total
    0  QX-W       西片区域性中心社工站      regional  active      1          1           10                9
    1  QX-102       石门镇社工站            township  active      3          3            3                3
    2  QX-102001      石门北山村社工服务点  village   active      0          0            0                0
    2  QX-102002      石门西村社工服务点    village   active      0          0            0                0
    1  QX-103       桃源镇社工站            township  active      3          2            3                2
    2  QX-103001      桃源东村社工服务点    village   active      0          0            0                0
    2  QX-103002      桃源长青村社工服务点  village   active      0          0            0                0
    1  QX-104       大溪镇社工站            township  active      3          3            3                3
    2  QX-104001      大溪杨柳村社工服务点  village   active      0          0            0                0
    2  QX-104002      大溪长青村社工服务点  village   active      0          0            0                0
X
run sw-station tree -f csv
check_out_has "0,QX,青溪县社会工作总站,county,active,2,2,23,20" "tree totals: left worker not counted, CSV not indented"

run sw-station coverage -f jsonl
check_out "coverage per county" <<'X'
{"county":"339901","name":"青溪县","townships":8,"townships_covered":6,"township_pct":75.0,"villages":31,"villages_covered":12,"village_pct":38.7}
X
run sw-station coverage --uncovered -f csv
check_out_has "339901,339901201,柏林乡,township,339901" "uncovered townships listed"
[ "$(wc -l <.out)" = 22 ]
ok $? "2 townships and 19 villages uncovered"

run sw-station close QX-104 --on 2026-10-15
check_rc 0 "close a station"
check_err "closing warns about open children" <<'X'
sw-station: QX-104: 2 station(s) below it are still open
X
run sw-station coverage -f csv
check_out_has "339901,青溪县,8,5,62.5,31,12,38.7" "a closed station no longer covers its township"
run sw-station coverage --on 2026-10-14 -f csv
check_out_has "339901,青溪县,8,6,75.0" "coverage as of the day before closing"
expect_fail 1 "sw-station: QX-104: already closed on 2026-10-15" sw-station close QX-104 --on 2026-10-20
expect_fail 1 "sw-station: QX-103: --on 2020-01-01 is before opened_on 2021-09-01" sw-station close QX-103 --on 2020-01-01
expect_fail 2 "sw-station: close: --on DATE is required" sw-station close QX-103
expect_fail 2 "sw-station: --on: impossible date" sw-station close QX-103 --on 2026-02-30
expect_fail 1 "sw-station: NOPE: no such station" sw-station show NOPE
expect_fail 2 'sw-station: --level: unknown value "镇站" (expected county, regional, township, village)' sw-station list --level 镇站

run sw-station show QX-E -f csv
check_out "show -f csv: the station, one table" <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on,operator_org,operator_name
QX-E,东片区域性中心社工站,regional,QX,,青溪街道文化路8号,2021-06-15,,,
X
run sh -c 'sw-station show QX-E -f json | jq -r "(.staff, .children)[] | map(. // \"\") | join(\",\")"'
check_out "show -f json: staff and children" <<'X'
W003,高丽娟,service,intermediate,2022-01-01,,,
W004,罗静,service,intermediate,2022-09-01,,,
QX-001,青溪街道社工站,township,2021-09-01,
QX-002,云山街道社工站,township,2021-09-01,
QX-101,梅江镇社工站,township,2021-09-01,
X
run sw-station show QX-E -f table
check_out_has "Children" "show -f table: each list under its title"

# vocabularies are data: a local word maps without a script
printf 'code,name,level,parent_code\nQX-105,新镇社工站,镇级站,QX-W\n' >local.csv
expect_fail 1 'sw-station: local.csv:2: level: unknown value "镇级站" (expected county, regional, township, village)' sw-station import local.csv
run sw-station vocab add level 镇级站 township
check_rc 0 "vocab add"
run sw-station import local.csv
check_rc 0 "local alias accepted after vocab add"
[ "$(sql "select level from stations where code='QX-105'")" = township ]
ok $? "stored as the canonical key"
run sw-station vocab list level
check_out_has "level,township,镇级站,local" "vocab list shows the local alias"
expect_fail 1 'sw-station: vocab add: unknown level "town" (expected county, regional, township, village)' sw-station vocab add level 镇 town
expect_fail 1 'sw-station: vocab add: "村居" already means village' sw-station vocab add level 村居 township
expect_fail 1 'sw-station: vocab add: unknown vocabulary "colour"' sw-station vocab add colour 红 red
run sw-station vocab rm level 镇级站
check_rc 0 "vocab rm"
expect_fail 1 'sw-station: vocab rm: no local alias "镇级站" in level' sw-station vocab rm level 镇级站

# add: one record through the same rules
run sw-station add code=QX-106 name=北镇社工站 level=township parent_code=QX-W opened_on=2026/11/01
check_rc 0 "add a station"
[ "$(sql "select opened_on from stations where code='QX-106'")" = 2026-11-01 ]
ok $? "add normalises the date"
expect_fail 1 'sw-station: parent_code: unknown station "ZZ"' sw-station add code=QX-107 name=x level=township parent_code=ZZ
expect_fail 2 'sw-station: add: "name" is not COLUMN=VALUE' sw-station add code=QX-107 name
expect_fail 1 'sw-station: add: no such record in stations to update; a new one needs name too' sw-station add code=QX-107 level=township

# usage and environment
expect_fail 2 'sw-station: unknown subcommand "frob"' sw-station frob
expect_fail 2 'sw-station: -f: unknown format "xml" (expected csv, tsv, json, jsonl, table, md, xlsx)' sw-station list -f xml
expect_fail 2 'sw-station: missing subcommand' sw-station
expect_fail 3 "sw-station: $T/none.db: no such database (import some data first, or give --db)" sw-station list --db "$T/none.db"
run sw-station --help
check_rc 0 "--help exits 0"
check_out_has "usage: sw-station import" "--help on stdout"
run sw-station list --version
check_out "--version" <<'X'
sw-station (sw-tools) 0.1.0
X
run sw-station list -o out.csv --level village
check_out "-o: nothing on stdout" </dev/null
[ "$(wc -l <out.csv)" = 13 ] && ! ls out.csv.tmp* 2>/dev/null
ok $? "-o writes the file, no temporary left"
expect_fail 3 "sw-station: $T/nodir/x.csv: No such file or directory" sw-station list -o "$T/nodir/x.csv"

# a code may hold LIKE's wildcards, or differ from another only in case:
# a station's totals are its own subtree's all the same
fresh_db
cat >wild.csv <<'X'
code,name,level,parent_code
Q,总站,county,
T_1,甲站,township,Q
TX1,乙站,township,Q
t_1,丙站,township,Q
P1,丁点,village,TX1
X
printf 'worker_id,name,station_code,role\nW1,罗芳,P1,service\n' >wildw.csv
run sw-station import -q wild.csv wildw.csv
run sw-station tree -f csv
check_out "tree: T_1 and t_1 count none of TX1's staff" <<'X'
depth,code,name,level,status,staff,certified,staff_total,certified_total
0,Q,总站,county,active,0,0,1,0
1,TX1,乙站,township,active,0,0,1,0
2,P1,丁点,village,active,1,0,1,0
1,T_1,甲站,township,active,0,0,0,0
1,t_1,丙站,township,active,0,0,0,0
X

done_testing
