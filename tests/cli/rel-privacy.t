#!/bin/sh
# Privacy: the database and its -wal/-shm files are private (0600) whatever
# the umask, so are files written with -o and --rejects; error messages name
# the file, line and column but never a person's name, ID number or phone;
# exports and listings on a terminal are masked by default; a name, ID
# number or phone given for a client_id is not repeated.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

mode() { stat -c %a "$1"; }

printf 'code,name,level\nC,县总站,county\nT,镇站,township\n' >st.csv
for u in 000 022 077; do
	fresh_db
	(umask $u; run sw-station import -q st.csv; exit $rc)
	rc=$?
	check_rc 0 "umask $u: import creates the database"
	# (a file's mode: on a server, its roles keep the rows private, pg-server.t)
	if [ "$BACKEND" = sqlite ]; then
		[ "$(mode sw.db)" = 600 ]
		ok $? "umask $u: the database is 0600"
	fi
done

# -wal and -shm exist while a command runs: catch them with SIGKILL.
awk 'BEGIN { print "worker_id,name,station_code,role";
	for (i = 0; i < 200000; i++) printf "W%06d,某某%d,T,service\n", i, i }' >many.csv
if [ "$BACKEND" = sqlite ]; then	# (a file's -wal and -shm, its modes and integrity)
	rm -f sw.db sw.db-wal sw.db-shm
	# (its messages go to a file: a write cut by the kill would glue onto the next TAP line)
	(umask 000; exec sw-station import -q many.csv 2>killed.err) &
	pid=$!
	i=0
	while [ ! -e sw.db-wal ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ "$(mode sw.db)/$(mode sw.db-wal)/$(mode sw.db-shm)" = 600/600/600 ]
	ok $? "umask 000: -wal and -shm are 0600 too"
	[ "$(sql 'PRAGMA integrity_check')" = ok ]
	ok $? "(and the killed import left a sound database)"
else
	# on a server: an import killed inside its transaction leaves nothing
	(exec sw-station import -q many.csv 2>killed.err) &
	pid=$!
	i=0
	while [ "$(sql "select count(*) from pg_stat_activity where datname = current_database()
		and xact_start is not null and pid <> pg_backend_pid()")" = 0 ] && [ $i -lt 500 ]; do
		sleep 0.01; i=$((i + 1))
	done
	sleep 1	# (some chunks of it sent: the whole takes seconds)
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	[ $i -lt 500 ] && [ "$(sql 'select count(*) from workers')" = 0 ]
	ok $? "an import killed mid-transaction stored none of its rows"
fi

run sw-station import -q st.csv
(umask 000; run sw-station export -o out.csv; exit $rc)
[ "$(mode out.csv)" = 600 ]
ok $? "umask 000: -o output is 0600 (it may hold personal data)"
printf 'worker_id,name,station_code,role\nW1,李秘密,NOPE,service\n' >bad.csv
(umask 000; run sw-station import --rejects rej.csv bad.csv; exit $rc)
[ "$(mode rej.csv)" = 600 ]
ok $? "umask 000: --rejects file is 0600"

# --- no personal data in messages: sw-station's workers ---------------------
cat >w.csv <<'X'
工号,姓名,所属站点,岗位类型,证书,入职日期,离职日期
W1,林秘一,NOPE,服务性,无,2023-01-01,
W2,林秘二,T,司机,无,2023-01-01,
W3,林秘三,T,服务性,博士,2023-01-01,
W4,林秘四,T,服务性,无,2023-13-01,
W5,林秘五,T,服务性,无,2023-05-01,2023-04-01
W6,林秘六,T,服务性,无,2023-01-01,,多余
W7,林秘七
W7,林秘七,T,服务性,无,2023-01-01,
W7,林秘八,T,服务性,无,2023-01-01,
X
printf 'W9,\xff林秘九,T,service,,,\n' >>w.csv
run sw-station import w.csv
check_rc 1 "bad worker rows are rejected"
[ "$(grep -c '^sw-station: w.csv:[0-9]*: ' .err)" = 9 ]
ok $? "each bad row named by file and line"
check_err_has "sw-station: w.csv:11: certificate: required" "a blank certificate: refused, saying so"
grep -q '林秘' .err
[ $? = 1 ]
ok $? "no worker's name in any message"
[ -n "$(cat .err)" ] && ! grep -q '林秘' .out
ok $? "nor on stdout"

# --- sw-case: names, ID numbers and phones ---------------------------------
if command -v sw-case >/dev/null 2>&1; then
	run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
	cat >c.csv <<'X'
client_id,name,gender,birth_date,id_number,phone,station_code,categories
P1,甄秘一,male,1950-03-15,339901195003150016,13800138000,QX,elderly
P2,甄秘二,male,1950-03-15,339901195003150017,13800138001,QX,elderly
P3,甄秘三,male,1950-03-16,339901195003150032,13800138002,QX,elderly
P4,甄秘四,female,1950-03-15,339901195003150032,13800138003,QX,elderly
P5,甄秘五,male,,339901195003150016,13800138004,QX,elderly
P6,甄秘六,male,,,13800-138005,QX,elderly
P7,甄秘七,male,,,,NOPE,elderly
P8,甄秘八,male,,339901205003150010,,QX,elderly
X
	run sw-case import c.csv
	check_rc 1 "bad client rows are rejected"
	[ "$(grep -c '^sw-case: c.csv:[0-9]*: [a-z_]*: ' .err)" = 6 ]
	ok $? "each bad row named by file, line and column"
	for s in 甄秘 3399011950031500 1380013800; do
		if grep -q "$s" .err; then echo "#   found $s in:"; grep "$s" .err | sed 's/^/#   /'; false; fi
	done
	ok $? "no client's name, ID number or phone in any message"

	# On a terminal (script(1) gives one) personal data is masked unless
	# --no-mask; into a pipe or a file the export is whole, to re-import.
	tty() { script -qec "$*" /dev/null </dev/null | tr -d '\r' >"$T/.out"; }
	tty sw-case export
	check_out_has "P1,甄**,male,1950-03-15,339901********0016,138****8000,QX" "export on a terminal: masked"
	! grep -q '甄秘一\|339901195003150016\|13800138000\|QX-C0001,黄美玲' .out
	ok $? "export on a terminal: no name, ID number or phone in clear"
	tty sw-case list
	! grep -q '甄秘一' .out && grep -q '甄\*\*' .out
	ok $? "list on a terminal: masked"
	tty sw-case show P1
	! grep -q '甄秘一\|339901195003150016\|13800138000' .out && grep -q '339901\*\*\*\*\*\*\*\*0016' .out
	ok $? "show on a terminal: masked"
	tty sw-case export --no-mask
	check_out_has "P1,甄秘一,male" "--no-mask on a terminal: in clear, when asked"
	run sw-case export
	check_out_has "P1,甄秘一,male,1950-03-15,339901195003150016,13800138000,QX" "into a pipe: whole, for re-import"

	# A name, ID number or phone given where a client_id goes: not
	# repeated (stderr reaches cron mail and logs); a code is.
	HINT='sw-case: no such client: give the client_id, not a name, ID number or phone; sw-case list shows them'
	expect_fail 1 "$HINT" sw-case show 339901195003150099
	expect_fail 1 "$HINT" sw-case log 138-0013-8999 --type visit
	expect_fail 1 "$HINT" sw-case merge 甄秘九 P1
	expect_fail 1 "$HINT" sw-case open 33990119500315009X --domain elderly
	expect_fail 1 'sw-case: P99: no such client' sw-case show P99
else
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do ok 0 "# SKIP sw-case is not built"; done
fi

done_testing
