#!/bin/sh
# --db (or SW_DB) names a PostgreSQL server when it starts with
# postgresql://, postgres:// or service=; anything else is a SQLite file.
# A command not yet ported to a server refuses one (status 3) before it
# reads or writes anything, and never makes a file of the server's name;
# init-server and grant need a server. No server is needed here.
. "$SW_TOP/tests/cli/lib.sh"

cat >stations.csv <<'X'
code,name,level
T1,青溪街道站,township
X
TG="--targets t.csv --period 2026"
run sw-report targets $TG --db postgres://u@h/sw
check_rc 3 "a subcommand ported to a server connects to it..."
check_err_has "sw-report: PostgreSQL: cannot connect: " "...and says why it could not"
run sw-match rank --db service=county
check_rc 3 "sw-match's too"
check_err_has "sw-match: PostgreSQL: cannot connect: " "saying why"
run sw-report targets $TG --db service=county --db a.db
check_rc 3 "a report over a server and a file, too"
check_err_has "sw-report: PostgreSQL: cannot connect: " "saying why"
run env SW_DB=service=county sw-case list --category 困境家庭
check_rc 3 "SW_DB=service=NAME: list, which reads local words for --category first, goes to the server"
check_err "and says it cannot reach it" <<X
sw-case: PostgreSQL: cannot connect: definition of service "county" not found
X
run env SW_DB=service=county sw-case vocab list
check_rc 3 "vocab list, which runs on a server, fails when it cannot reach it"
check_err "saying so" <<X
sw-case: PostgreSQL: cannot connect: definition of service "county" not found
X
run env SW_DB=service=county sw-report merge
check_rc 2 "SW_DB=service=NAME: sw-report merge, which reads no database, is not refused"
check_err_has "merge: give report files" "(it asks for its files)"
run env SW_DB=postgresql://h/sw sw-station import --db "$T/a.db" stations.csv
check_rc 0 "--db FILE wins over SW_DB naming a server"
run ls
check_out "no file or directory named after a server" <<'X'
a.db
stations.csv
X
run sw-report targets $TG --db postgresql://u:s3cret@h/sw
check_err_has "sw-report: PostgreSQL: cannot connect: " "a password in the URL..."
grep -q s3cret "$T/.err"
ok $((!$?)) "...is never repeated"
run sw-match rank --db postgresql://u:s3cret@nosuch.invalid/sw
check_err_has "sw-match: PostgreSQL: cannot connect: " "a password in the URL of a server it cannot reach..."
grep -q s3cret "$T/.err"
ok $((!$?)) "...is never repeated"
run sw-report targets --db postgresql://h/sw --help
check_rc 0 "--help still answers"
run sw-report targets $TG --db postgresql://h/sw --lang zh
check_err_has "sw-report: PostgreSQL：连接不上：" "in Chinese"

# ./service=x is a file
run sw-station import --db ./service=x stations.csv
check_rc 0 "./service=x is a SQLite file"
run sqlite3 service=x 'SELECT code FROM stations'
check_out "holding the import" <<'X'
T1
X

for sub in init-server "grant alice --station T1 --as worker"; do
	run sw-station $sub
	check_rc 2 "${sub%% *} on a SQLite file: a usage error"
	check_err "that says what it needs" <<X
sw-station: ${sub%% *}: --db must name a PostgreSQL server (postgresql://..., postgres://... or service=NAME)
Try 'sw-station ${sub%% *} --help'.
X
done
expect_fail 2 "sw-station: --as: expected worker, station-admin, county or bureau" \
	sw-station grant alice --station T1 --as boss --db service=county
expect_fail 2 "sw-station: grant: --station and --as are required" \
	sw-station grant alice --as worker --db service=county
expect_fail 2 "sw-station: grant: wrong number of arguments" \
	sw-station grant --station T1 --as worker --db service=county
expect_fail 2 "sw-station: init-server: wrong number of arguments" \
	sw-station init-server extra --db service=county

done_testing
