#!/bin/sh
# Durability: a command that stored data says so only once it is on disk
# (synchronous=FULL, tests/unit/test_db.c), and an import whose data could
# not be copied from the -wal file into the database file (a full disk)
# says so, since a backup that copies sw.db alone would miss it.
# backends: sqlite (the -wal file and synchronous=FULL of a database file)
. "$SW_TOP/tests/cli/lib.sh"

printf 'code,name,level\nC,县总站,county\nT,镇站,township\n' >st.csv
awk 'BEGIN { print "worker_id,name,station_code,role";
	for (i = 0; i < 20000; i++) printf "W%05d,社工%d,T,service\n", i, i }' >w.csv
awk 'BEGIN { print "worker_id,name,station_code,role,hired_on";
	for (i = 0; i < 3000; i++) printf "X%05d,新社工%d,T,admin,2025-01-01\n", i, i }' >more.csv
run sw-station import -q st.csv w.csv
check_rc 0 "a database of 20000 workers"
sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# Room for the import's -wal file (about 300 KB) but not for the database
# file to grow by as much: the commit succeeds, the checkpoint cannot.
# SIGXFSZ is ignored so that write(2) fails with EFBIG, as on a full disk.
blocks=$(($(wc -c <sw.db) / 512 + 40))
(trap '' XFSZ; ulimit -f "$blocks" || exit 99; run sw-station import -q more.csv; cp .err err; exit $rc)
rc=$?
check_rc 0 "the import is stored"
cp err .err
check_err "and says that the database file alone does not hold it yet" <<X
sw-station: $SW_DB: stored, but only in its -wal file so far (copying into the database file failed: disk I/O error: File too large): a copy of the database file alone would miss it; copy the -wal file with it, or run any sw command once there is room
X
[ -s sw.db-wal ]
ok $? "the data waits in the -wal file"
run sw-station import -q st.csv
check_rc 0 "with room again, the next command"
check_err "says nothing" </dev/null
[ ! -s sw.db-wal ]
ok $? "and has copied it into the database file"
[ "$(sql 'select count(*) from workers')" = 23000 ] && [ "$(sql 'PRAGMA integrity_check')" = ok ]
ok $? "every row is there, the database sound"
done_testing
