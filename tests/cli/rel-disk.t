#!/bin/sh
# A full disk and places that cannot be written: a clear message, status 3,
# the database as it was (integrity_check ok, same contents), and no partial
# output file: -o writes a temporary file and renames it only when complete.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

# limited BLOCKS CMD...: run with a file size limit (ulimit -f; blocks of
# 512 bytes in sh, 1024 in bash). SIGXFSZ is ignored, so that write(2)
# fails with EFBIG as it would with ENOSPC, instead of killing the process.
limited() {
	(trap '' XFSZ; ulimit -f "$1" || exit 99; shift; run "$@"; exit $rc)
	rc=$?
}
leftovers() { find "$T" -name '*.tmp*' | grep -q . && echo yes || echo no; }

nw=20000
[ -n "${VALGRIND:-}" ] && nw=4000
printf 'code,name,level\nC,县总站,county\nT,镇站,township\n' >st.csv
awk -v n=$nw 'BEGIN { print "worker_id,name,station_code,role";
	for (i = 0; i < n; i++) printf "W%05d,社工%d,T,service\n", i, i }' >w.csv
awk -v n=50000 'BEGIN { print "worker_id,name,station_code,role,hired_on";
	for (i = 0; i < n; i++) printf "X%05d,新社工%d,T,admin,2025-01-01\n", i, i }' >more.csv
run sw-station import st.csv w.csv
check_rc 0 "a database of $nw workers"
[ "$BACKEND" = sqlite ] && sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
db_snap

# --- the database cannot grow --------------------------------------------
# (the database file's limit; a server's files are its own: its disk full)
if [ "$BACKEND" = sqlite ]; then
	limited 100 sw-station import more.csv
	check_rc 3 "import on a full disk: status 3"
	check_err "import on a full disk: the reason, and that nothing was stored" <<X
sw-station: $SW_DB: commit: disk I/O error (writing failed: disk full or file too large)
sw-station: nothing imported: the whole command was rolled back
X
	[ "$(sql 'PRAGMA integrity_check')" = ok ]
	ok $? "integrity_check ok after the failed import"
else
	pg_full workers worker_id X25000
	run sw-station import more.csv
	check_rc 3 "import on the server's full disk: status 3"
	check_err "the server's reason, and that nothing was stored" <<X
sw-station: $DBNAME: commit: could not extend file: No space left on device
sw-station: nothing imported: the whole command was rolled back
X
	pg_room workers
fi
db_same "the database holds what it held before"
run sw-station import -q more.csv
check_rc 0 "with room again, the same import succeeds"
[ "$(sql 'select count(*) from workers')" = $((nw + 50000)) ]
ok $? "and stores every row"
run sw-station import -q --table workers w.csv
sql "delete from workers where worker_id like 'X%'" >/dev/null
[ "$BACKEND" = sqlite ] && sql 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
db_snap

# A real full file system, where mount is allowed (root, not in every CI):
# a database file in it (a server's database is not in a folder of ours).
mkdir full
if [ "$BACKEND" = pg ]; then
	for i in 1 2 3 4 5 6 7 8; do ok 0 "# SKIP a database file in a full tmpfs: SQLite's"; done
elif mount -t tmpfs -o size=24m tmpfs full 2>/dev/null; then
	sqlite3 -batch sw.db ".backup full/sw.db"
	chmod 600 full/sw.db
	cat /dev/zero >full/filler 2>/dev/null	# fill it, then leave 300 KiB
	truncate -s -300K full/filler
	SW_DB=$T/full/sw.db limited 1000000 sw-station import more.csv
	check_rc 3 "import into a full tmpfs: status 3"
	check_err_has "sw-station: $T/full/sw.db: " "full tmpfs: the database named"
	check_err_has "database or disk is full (disk full)" "full tmpfs: the reason"
	check_err_has "sw-station: nothing imported: the whole command was rolled back" "full tmpfs: nothing stored"
	[ "$(sqlite3 -batch full/sw.db 'PRAGMA integrity_check')" = ok ] &&
		[ "$(sqlite3 -batch full/sw.db 'select count(*) from workers')" = $nw ]
	ok $? "full tmpfs: integrity_check ok, counts unchanged"
	cat /dev/zero >full/filler2 2>/dev/null
	run sw-station export --table workers -o "$T/full/out.csv"
	check_rc 3 "-o into a full tmpfs: status 3"
	check_err "-o into a full tmpfs: the file and the reason" <<X
sw-station: $T/full/out.csv: No space left on device
X
	[ ! -e full/out.csv ] && [ "$(ls full | grep -c tmp)" = 0 ]
	ok $? "-o into a full tmpfs: no file, no temporary file left"
	umount full
else
	for i in 1 2 3 4 5 6 7 8; do ok 0 "# SKIP cannot mount a tmpfs here (ulimit -f covers the disk-full path)"; done
fi

# --- output that cannot be written ----------------------------------------
echo "yesterday's export" >out.csv
limited 100 sw-station export --table workers -o out.csv
check_rc 3 "-o on a full disk: status 3"
check_err "-o on a full disk: the file and the reason" <<'X'
sw-station: out.csv: File too large
X
[ "$(cat out.csv)" = "yesterday's export" ]
ok $? "-o on a full disk: the previous file is untouched"
[ "$(leftovers)" = no ]
ok $? "-o on a full disk: no temporary file left"

expect_fail 3 'sw-station: nodir/out.csv: No such file or directory' \
	sw-station export -o nodir/out.csv
expect_fail 3 'sw-station: st.csv/out.csv: Not a directory' sw-station export -o st.csv/out.csv
mkdir ro
if [ "$(id -u)" != 0 ]; then
	chmod 555 ro
	why="Permission denied"
elif mount -t tmpfs -o ro,size=64k tmpfs ro 2>/dev/null; then
	why="Read-only file system"
else
	why=""
fi
if [ -n "$why" ]; then
	expect_fail 3 "sw-station: ro/out.csv: $why" sw-station export -o ro/out.csv
	expect_fail 3 "sw-station: ro/rej.csv: $why" sw-station import --rejects ro/rej.csv more.csv
	expect_fail 3 "sw-station: $T/ro/new.db: cannot create: $why" \
		sw-station import --db "$T/ro/new.db" st.csv
	[ -z "$(ls ro)" ]
	ok $? "read-only folder: nothing created in it"
	[ "$(id -u)" = 0 ] && umount ro
	chmod 755 ro
else
	for i in 1 2 3 4; do ok 0 "# SKIP no read-only folder for root here"; done
fi
[ "$(leftovers)" = no ]
ok $? "no temporary file left anywhere"
db_same "the database is unchanged by all of it"

# --- devices, links and a full stdout -------------------------------------
run sw-station export -o /dev/null
check_rc 0 "-o /dev/null: written in place"
[ -c /dev/null ]
ok $? "-o /dev/null: still a device afterwards"
echo old >target.csv
ln -s target.csv link.csv
expect_fail 3 "sw-station: link.csv: is a symbolic link: give the path of the file itself" \
	sw-station export -o link.csv
[ -L link.csv ] && [ "$(cat target.csv)" = old ]
ok $? "-o through a symlink: refused, the link and its target untouched (rel-outputs.t)"
if [ -w /dev/full ]; then
	sw-station export >/dev/full 2>full.err
	r=$?
	[ $r = 3 ] && [ "$(cat full.err)" = "sw-station: stdout: No space left on device" ]
	ok $? "a full stdout: status 3, said once"
else
	ok 0 "# SKIP no /dev/full"
fi

done_testing
