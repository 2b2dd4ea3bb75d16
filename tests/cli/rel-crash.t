#!/bin/sh
# Crash safety: an import killed with SIGKILL at any moment leaves a sound
# database holding all of that import or none of it, and running the same
# import again completes it. One command is one transaction (sw(7)).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

kills=20 nst=500 nw=60000
# The killed imports never run under valgrind (only the last re-run does).
if [ -n "${VALGRIND:-}" ]; then kills=5 nst=200 nw=20000; fi
# (a server's import takes five times as long: half as many kills)
if [ "$BACKEND" = pg ] && [ -z "${VALGRIND:-}" ]; then kills=10; fi

printf 'code,name,level\nC,青溪县社工总站,county\n' >base.csv
awk -v n=$nst 'BEGIN { print "code,name,level,parent_code,address";
	for (i = 0; i < n; i++) printf "S%04d,第%d社工站,township,C,某镇某路%d号\n", i, i, i }' >st.csv
awk -v n=$nw -v s=$nst 'BEGIN { print "worker_id,name,station_code,role,hired_on";
	for (i = 0; i < n; i++) printf "W%06d,社工%d,S%04d,service,2024-01-01\n", i, i, i % s }' >w.csv
run sw-station import base.csv
check_rc 0 "base network"
# base: a copy of the database to start each kill from (on a server, a
# database made from it as a template)
if [ "$BACKEND" = sqlite ]; then
	sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	cp sw.db base.db
else
	trap 'pg_admin "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" 2>/dev/null
		pg_admin "DROP DATABASE IF EXISTS ${PGDB}_base" 2>/dev/null; rm -rf "$T"' EXIT
	pg_admin "CREATE DATABASE ${PGDB}_base TEMPLATE $PGDB" || exit 3
fi
from_base() {
	if [ "$BACKEND" = sqlite ]; then
		rm -f sw.db sw.db-wal sw.db-shm
		cp base.db sw.db
	else
		pg_admin "DROP DATABASE $PGDB WITH (FORCE)" &&
			pg_admin "CREATE DATABASE $PGDB TEMPLATE ${PGDB}_base" || exit 3
	fi
}
# sound: a file's integrity_check; on a server, the killed command's
# session ended (within 30 s), its transaction no longer holding locks
sound() {
	if [ "$BACKEND" = sqlite ]; then
		[ "$(sql 'PRAGMA integrity_check')" = ok ]
	else
		w=0
		while [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND pid <> pg_backend_pid()")" != 0 ]; do
			w=$((w + 1))
			[ $w -lt 300 ] || return 1
			sleep 0.1
		done
	fi
}

# How long a whole import takes, to spread the kills over it.
t0=$(date +%s%N)
sw-station import -q st.csv w.csv
rc=$?
t1=$(date +%s%N)
check_rc 0 "the full import succeeds"
[ "$(sql 'select count(*) from stations')/$(sql 'select count(*) from workers')" = "$((nst + 1))/$nw" ]
ok $? "a full import stores everything"
ms=$(( (t1 - t0) / 1000000 ))
echo "# a full import takes $ms ms; $kills kills spread over it"

state() { sql "select (select count(*) from stations)||'/'||(select count(*) from workers)"; }
bad=0 all=0 none=0 integ=0 rerun=0
i=0
while [ $i -lt $kills ]; do
	i=$((i + 1))
	from_base
	# kill i of n lands at a random moment of slice i, so the kills cover
	# the whole import from opening to commit and checkpoint
	d=$(awk -v i=$i -v n=$kills -v ms=$ms -v seed=$$ 'BEGIN { srand(seed + i);
		printf "%.3f", ((i - 1) + rand()) * ms * 1.1 / n / 1000 }')
	sw-station import -q st.csv w.csv >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	sound || { integ=$((integ + 1)); echo "# kill $i at ${d}s: not sound"; }
	st=$(state)
	case $st in
	1/0) none=$((none + 1)) ;;
	$((nst + 1))/$nw) all=$((all + 1)) ;;
	*) bad=$((bad + 1)); echo "# kill $i at ${d}s: partial import $st" ;;
	esac
	sw-station import -q st.csv w.csv >/dev/null 2>&1 || { rerun=$((rerun + 1)); echo "# kill $i: re-run failed"; }
	[ "$(state)" = "$((nst + 1))/$nw" ] || { rerun=$((rerun + 1)); echo "# kill $i: re-run left $(state)"; }
done
echo "# $kills kills: $none left nothing, $all left everything"
[ $integ = 0 ]
ok $? "sound after every kill (integrity_check ok; on a server, the session ended)"
[ $bad = 0 ]
ok $? "every kill left all of the import or none of it"
[ $rerun = 0 ]
ok $? "re-running the import after every kill completes it"
[ $none -gt 0 ]
ok $? "some kills landed before the commit (the test did test something)"

# The last re-run's state, checked through the tool itself.
run sw-station import st.csv w.csv
check_err "a further re-run changes nothing" <<X
sw-station: st.csv: read $nst, inserted 0, updated 0, unchanged $nst, rejected 0
sw-station: w.csv: read $nw, inserted 0, updated 0, unchanged $nw, rejected 0
X

done_testing
