#!/bin/sh
# What an import says matches what it did: a summary never reports as
# stored the rows a later failure rolled back, and a file-size limit
# (ulimit -f) is a full disk (status 3, nothing stored, no partial output)
# rather than a process killed by SIGXFSZ half-way.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

printf 'code,name,level\nC,县总站,county\nT,镇站,township\n' >st.csv
printf 'worker_id,name,station_code,role\nW1,社工甲,T,service\n' >w1.csv
: >empty.csv
run sw-station import st.csv
check_rc 0 "stations"
db_snap

# --- a multi-file import that rolls back ------------------------------------
run sw-station import --table workers w1.csv empty.csv
check_rc 1 "the second file is unusable: status 1"
check_err "no summary reports as inserted what was rolled back" <<'X'
sw-station: empty.csv: empty file (a header row is required)
sw-station: nothing imported: the whole command was rolled back
X
db_same "nothing of the first file was stored"
run sw-station import --table workers w1.csv
check_err "a kept import still has its summary" <<'X'
sw-station: w1.csv: read 1, inserted 1, updated 0, unchanged 0, rejected 0
X
run sw-station import --table workers --dry-run w1.csv empty.csv
check_err_has "nothing imported: the whole command was rolled back" "a failed dry run says the same"

# --- a file-size limit, without the shell ignoring SIGXFSZ for us -----------
[ "$BACKEND" = sqlite ] && sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
db_snap
awk 'BEGIN { print "worker_id,name,station_code,role,hired_on";
	for (i = 0; i < 30000; i++) printf "X%05d,新社工%d,T,admin,2025-01-01\n", i, i }' >more.csv
# the database file's limit; a server's files are its own: its disk full
if [ "$BACKEND" = sqlite ]; then
	(ulimit -f 100 || exit 99; run sw-station import more.csv; exit $rc)
	rc=$?
	check_rc 3 "import past ulimit -f: status 3, not killed by SIGXFSZ"
	(ulimit -f 100 || exit 99; sw-station import more.csv 2>&1 >/dev/null | tail -n 2 >lim.err)
	cmp -s lim.err - <<X
sw-station: $SW_DB: commit: disk I/O error (writing failed: disk full or file too large)
sw-station: nothing imported: the whole command was rolled back
X
	ok $? "the reason, and that nothing was stored"
	[ "$(sql 'PRAGMA integrity_check')" = ok ]
	ok $? "integrity_check ok"
else
	pg_full workers worker_id X29999
	run sw-station import more.csv
	check_rc 3 "the server's disk full at commit: status 3"
	check_err "the reason, and that nothing was stored (no summary of the rows rolled back)" <<X
sw-station: $DBNAME: commit: could not extend file: No space left on device
sw-station: nothing imported: the whole command was rolled back
X
	pg_room workers
fi
db_same "the database holds what it held before"
run sw-station import -q more.csv
[ "$BACKEND" = sqlite ] && sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
echo old >out.csv
(ulimit -f 20 || exit 99; run sw-station export --table workers -o out.csv; exit $rc)
rc=$?
check_rc 3 "export past ulimit -f: status 3"
[ "$(cat out.csv)" = old ] && ! ls | grep -q tmp
ok $? "no partial output: the old file stays, no temporary left"

done_testing
