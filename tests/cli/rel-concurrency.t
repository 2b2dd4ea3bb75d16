#!/bin/sh
# Concurrency: 8 processes writing one database at once (a cron import, two
# offices, a worker logging visits) queue on the write lock: none fails with
# "database is locked", no row is lost and none is doubled.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

per=400 logs=25
[ -n "${VALGRIND:-}" ] && per=40 logs=4

# wait_all DESC: waits for the background jobs in $pids, each of which left
# its status in $T/rc.N and its messages in $T/err.N.
wait_all() {
	for p in $pids; do wait "$p"; done
	bad=0 locked=0
	for f in "$T"/rc.*; do [ "$(cat "$f")" = 0 ] || bad=$((bad + 1)); done
	cat "$T"/err.* >"$T/.err" 2>/dev/null
	grep -qi 'locked\|busy' "$T/.err" && locked=1
	[ $bad = 0 ]
	ok $? "$1: every process succeeded"
	[ $bad = 0 ] || sed 's/^/#   /' "$T/.err" | head -10
	[ $locked = 0 ]
	ok $? "$1: no \"database is locked\""
	rm -f "$T"/rc.* "$T"/err.*
}
# under VALGRIND=1 each program of a background job runs in valgrind too
VG=${SW_VALGRIND:-}
bg() {	# bg N CMD...: runs CMD in the background, status to rc.N
	k=$1
	shift
	w=
	case $1 in sw-*) w=$VG ;; esac	# (not around shell functions)
	($w "$@" >/dev/null 2>"$T/err.$k"; echo $? >"$T/rc.$k") &
	pids="$pids $!"
}

# 1. Eight processes create the database and migrate its schema at once,
#    each importing its own stations.
for k in 1 2 3 4 5 6 7 8; do
	awk -v k=$k -v n=$per 'BEGIN { print "code,name,level";
		for (i = 0; i < n; i++) printf "P%d-%04d,站%d-%d,county\n", k, i, k, i }' >st$k.csv
done
pids=""
for k in 1 2 3 4 5 6 7 8; do bg $k sw-station import st$k.csv; done
wait_all "8 imports into a database none of them found"
[ "$(sql 'select count(*) from stations')" = $((8 * per)) ]
ok $? "8 x $per stations, none lost"
# a file made by the first of them; a server's database was made before
# (init-server), its version in the one row of sw_schema
if [ "$BACKEND" = sqlite ]; then
	[ "$(sql 'PRAGMA user_version')" = "$(sqlite3 -batch "$SW_DB" 'PRAGMA user_version')" ] &&
		[ "$(sql "select count(*) from sqlite_master where name='stations'")" = 1 ]
	ok $? "the schema was created once"
	[ "$(stat -c %a sw.db)" = 600 ]
	ok $? "and the file is still 0600"
else
	[ "$(sql 'select count(*), max(version) from sw_schema')" = "1|$SCHEMA" ]
	ok $? "the server's schema left as init-server made it"
fi

# 2. Six distinct worker files and two overlapping ones (a file re-sent, a
#    file with half of two others), all at once.
for k in 1 2 3 4 5 6; do
	awk -v k=$k -v n=$per 'BEGIN { print "worker_id,name,station_code,role";
		for (i = 0; i < n; i++) printf "W%d-%04d,社工%d,P%d-%04d,service\n", k, i, i, k, i }' >w$k.csv
done
{ cat w1.csv; tail -n +2 w2.csv; } | awk 'NR == 1 || NR % 2 == 0' >w12.csv
pids=""
for k in 1 2 3 4 5 6; do bg $k sw-station import w$k.csv; done
bg 7 sw-station import w12.csv
bg 8 sw-station import w3.csv
wait_all "6 distinct and 2 overlapping imports"
[ "$(sql 'select count(*) from workers')" = $((6 * per)) ]
ok $? "6 x $per workers: none lost, none doubled"
[ "$(sql "select count(*) from workers w join stations s on s.code = w.station_code")" = $((6 * per)) ]
ok $? "every worker kept its station"

# 3. sw-case: imports and visit logs at once.
if command -v sw-case >/dev/null 2>&1; then
	for k in 1 2 3 4 5; do
		awk -v k=$k -v n=$per 'BEGIN { print "client_id,name,station_code,registered_on";
			for (i = 0; i < n; i++) printf "K%d-%04d,某%d,P%d-%04d,2026-11-0%d\n", k, i, i, k, i, i % 9 + 1 }' >c$k.csv
	done
	run sw-case import -q c1.csv
	check_rc 0 "a first client file"
	{ cat c1.csv; tail -n +2 c2.csv; } | awk 'NR == 1 || NR % 3 == 0' >c12.csv
	visits() {	# $logs visits to clients of c1, ids made by sw-case
		i=0
		while [ $i -lt $logs ]; do
			$VG sw-case log "K1-$(printf %04d $i)" --type visit --on 2026-11-20 --minutes 30 || return 1
			i=$((i + 1))
		done
	}
	pids=""
	for k in 2 3 4 5; do bg $k sw-case import c$k.csv; done
	bg 6 sw-case import c12.csv
	bg 7 visits
	bg 8 visits
	bg 9 sw-station import w1.csv
	wait_all "sw-case imports and logs with a sw-station import"
	[ "$(sql 'select count(*) from clients')" = $((5 * per)) ]
	ok $? "5 x $per clients: none lost, none doubled"
	[ "$(sql "select count(*), count(distinct service_id) from services where date = '2026-11-20'")" = "$((2 * logs))|$((2 * logs))" ]
	ok $? "2 x $logs visits logged at once: all there, each with its own id"
else
	for i in 1 2 3 4 5; do ok 0 "# SKIP sw-case is not built"; done
fi

# (a file's soundness: the server keeps its own)
if [ "$BACKEND" = sqlite ]; then
	[ "$(sql 'PRAGMA integrity_check')" = ok ]
	ok $? "integrity_check ok"
fi

done_testing
