#!/bin/sh
# backends: sqlite pg
# sw-case over the sample register: list filters, show, open, close,
# reopen, log, export formats, closed months for edits, usage errors.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv" "$SAMPLE/activities.csv"
check_rc 0 "sample register imports"
check_err "sample summaries" <<X
sw-case: $SAMPLE/clients.csv: read 41, inserted 41, updated 0, unchanged 0, rejected 0
sw-case: $SAMPLE/cases.csv: read 27, inserted 27, updated 0, unchanged 0, rejected 0
sw-case: $SAMPLE/services.csv: read 127, inserted 127, updated 0, unchanged 0, rejected 0
sw-case: $SAMPLE/activities.csv: read 17, inserted 17, updated 0, unchanged 0, rejected 0
X

run sw-case list --station QX-E --category 老年人 --status open
check_out "list: subtree, category alias, open cases" <<'X'
client_id,name,gender,birth_date,station_code,categories,hukou,registered_on,open_cases
QX-C0004,徐国庆,male,1948-09-10,QX-001,elderly;living_alone,local,2026-01-13,1
QX-C0020,徐浩然,male,1958-05-17,QX-001002,elderly;living_alone,local,2026-03-09,1
QX-C0032,赵浩然,male,1959-01-15,QX-001,elderly;low_income,local,2026-04-04,1
X
run sw-case list --status closed --worker W007 -f tsv
check_out "list: closed cases of a worker" <<'X'
client_id	name	gender	birth_date	station_code	categories	hukou	registered_on	open_cases
QX-C0001	黄美玲	female	1959-11-01	QX-001	elderly;low_income	local	2026-06-17	0
X
run sw-case list --registered 2026-09-01.. --opened ..2026-12-31 -f csv
check_out "list: registered and opened ranges (nobody registered since September has a case)" <<'X'
client_id,name,gender,birth_date,station_code,categories,hukou,registered_on,open_cases
X
run sw-case list --registered 2026-08-01..2026-08-31 -f csv
check_out_has "QX-C0030,罗长生" "registered in August"
[ "$(wc -l <.out)" = 4 ]
ok $? "three clients registered in August 2026"
run sw-case list --mask --station QX-002001
check_out "list --mask masks names" <<'X'
client_id,name,gender,birth_date,station_code,categories,hukou,registered_on,open_cases
QX-C0003,李*,male,1948-07-28,QX-002001,elderly;living_alone,local,2026-03-09,0
QX-C0023,赵**,male,1994-05-02,QX-002001,unemployed;migrant,nonlocal,2026-03-23,1
QX-C0041,李**,male,1948-07-28,QX-002001,elderly;living_alone,local,2026-09-03,0
X

run sw-case show QX-C0004 -f csv
check_out "show -f csv: the client, one table" <<'X'
client_id,name,gender,birth_date,age,id_number,phone,station_code,categories,hukou,address,registered_on
QX-C0004,徐国庆,male,1948-09-10,78,339901194809100494,,QX-001,elderly;living_alone,local,青溪县文化路21号,2026-01-13
X
run sh -c 'sw-case show QX-C0004 -f json | jq -r "(.cases, .timeline)[] | map(. // \"\") | join(\",\")"'
check_out "show -f json: the client's cases, a timeline of services" <<'X'
K2026003,elderly,low,QX-001,W008,2026-08-15,,
2026-08-30,service,S00006,K2026003,W008,referral,45,心理疏导
2026-09-01,service,S00009,K2026003,W008,phone,10,链接低保申请
2026-09-07,service,S00008,K2026003,W008,phone,5,入户走访，了解生活情况
2026-09-08,service,S00005,K2026003,W008,phone,10,就业岗位推荐
2026-10-17,service,S00115,,W008,visit,30,节前慰问走访
2026-10-23,service,S00007,K2026003,W008,employment,15,陪同就医
X
expect_fail 1 "sw-case: QX-C9999: no such client" sw-case show QX-C9999

run sw-case open QX-C0003 --domain 养老服务 --on 2026-11-02 --worker W010 --risk 高
check_rc 0 "open a case"
check_out "open prints the new case id" <<'X'
QX-C0003-K1
X
run sw-case log QX-C0003 --type 家访 --case QX-C0003-K1 --on 2026-11-03 --minutes 45 --note 首次家访
check_rc 0 "log a service"
check_out "log prints the new service id" <<'X'
S20261103-1
X
expect_fail 1 'sw-case: case_id: case belongs to another client' \
	sw-case log QX-C0003 --type visit --case K2026001 --on 2026-11-03
expect_fail 1 'sw-case: type: unknown value (expected visit, counselling, phone, referral, employment, other)' \
	sw-case log QX-C0003 --type 散步
expect_fail 1 "sw-case: QX-C0003-K1: closed_on: 2026-11-01 is before opened_on 2026-11-02" \
	sw-case close QX-C0003-K1 --reason 目标达成 --on 2026-11-01
run sw-case close QX-C0003-K1 --reason 目标达成 --on 2026-11-20
check_rc 0 "close a case"
check_out "close is quiet" </dev/null
expect_fail 1 "sw-case: QX-C0003-K1: already closed on 2026-11-20" \
	sw-case close QX-C0003-K1 --reason again
run sw-case reopen QX-C0003-K1
check_rc 0 "reopen"
[ "$(sql "select coalesce(closed_on,'-')||coalesce(close_reason,'-') from cases where case_id='QX-C0003-K1'")" = "--" ]
ok $? "reopen clears closed_on and the reason"
expect_fail 1 "sw-case: QX-C0003-K1: is not closed" sw-case reopen QX-C0003-K1
expect_fail 1 "sw-case: K404: no such case" sw-case close K404 --reason x

sql "insert into closed_months values('2026-10','2026-11-05T10:00:00','lead','x')"
expect_fail 1 "sw-case: closed_on: month 2026-10 is closed (sw-report close --reopen to change it)" \
	sw-case reopen K2026001
expect_fail 1 "sw-case: date: month 2026-10 is closed (sw-report close --reopen to change it)" \
	sw-case log QX-C0003 --type visit --on 2026-10-31
expect_fail 1 "sw-case: opened_on: month 2026-10 is closed (sw-report close --reopen to change it)" \
	sw-case open QX-C0003 --domain elderly --on 2026-10-31

run sw-case export --table activities -f json
check_out_has '{"activity_id":"A2026001","station_code":"QX-002","date":"2026-06-01","kind":"fair","title":"政策咨询会","sessions":1,"participants":44,"item_code":null}' "export activities as JSON"
run sw-case export --table cases
cp .out cases.csv
run sw-case import cases.csv
check_err_has "read 28, inserted 0, updated 0, unchanged 28, rejected 0" "exported cases re-import unchanged"

expect_fail 2 "sw-case: close: --reason is required" sw-case close K2026002
expect_fail 2 "sw-case: open: --domain is required" sw-case open QX-C0003
expect_fail 2 "sw-case: --status: expected open or closed" sw-case list --status gone
expect_fail 2 "sw-case: --registered: expected FROM..TO" sw-case list --registered 2026
expect_fail 2 'sw-case: unknown subcommand "frobnicate"' sw-case frobnicate
run sw-case --help
check_rc 0 "--help succeeds"
check_out_has "sw-case dupes" "--help lists the subcommands"
run sw-case --version
check_out "--version" <<'X'
sw-case (sw-tools) 0.1.0
X

done_testing
