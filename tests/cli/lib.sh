# Helpers for CLI tests: each .t file sources this, runs the built programs
# in a scratch directory and prints TAP. Usage:
#   run sw-station import x.csv       # captures stdout, stderr, status
#   check_rc 0 "import succeeds"
#   check_out "lists the station" <<'X'
#   ...expected stdout...
#   X
#   check_err "names the line" <<'X'   # expected stderr, exactly
#   check_err_has "text" "desc"        # stderr contains text
#   expect_fail 1 'sw-station: f.csv:2: level: ...' sw-station import f.csv
set -u
: "${SW_BIN:?run through make check}"
PATH="$SW_BIN:$PATH"
T=$(mktemp -d "${TMPDIR:-/tmp}/swtest.XXXXXX") || exit 3
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 3
export SW_DB="$T/sw.db" SW_TODAY=2026-11-24 LANG=C LC_ALL=C TZ=Asia/Shanghai

# The PostgreSQL pass (tests/run, SW_TEST_BACKEND=pg): a test file that
# says "# backends: sqlite pg" runs a second time with SW_DB naming a
# database of its own on the server SW_TEST_PG names, made by init-server
# and dropped at the end. fresh_db empties the test database on either.
BACKEND=${SW_TEST_BACKEND:-sqlite}
if [ "$BACKEND" = pg ]; then
	PGDB=swt_$(basename "$0" .t | tr -c 'a-z0-9\n' _)_$$
	pg_admin() { psql -X -q -v ON_ERROR_STOP=1 "$SW_TEST_PG" -c "$1" >/dev/null; }
	pg_url() { printf '%s\n' "$SW_TEST_PG" | sed "s|^\(postgres[a-z]*://[^/?]*\)/[^?]*|\1/$1|"; }
	SW_DB=$(pg_url "$PGDB")
	# (and the databases other_db made, listed in $T/.dbs)
	trap 'for d in $PGDB $(cat "$T/.dbs" 2>/dev/null); do
		pg_admin "DROP DATABASE IF EXISTS $d WITH (FORCE)" 2>/dev/null; done; rm -rf "$T"' EXIT
	# pg_fresh NAME: database NAME on the server, new and empty; prints its URL
	pg_fresh() {
		pg_admin "DROP DATABASE IF EXISTS $1 WITH (FORCE)" &&
			pg_admin "CREATE DATABASE $1 TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" &&
			"$SW_BIN/sw-station" init-server --db "$(pg_url "$1")" >/dev/null && pg_url "$1"
	}
fi
fresh_db() {
	if [ "$BACKEND" = pg ]; then
		pg_fresh "$PGDB" >/dev/null || exit 3
	else
		rm -f "$SW_DB" "$SW_DB-wal" "$SW_DB-shm"
	fi
}
# other_db NAME: prints the SW_DB of a second database, new and empty, on
# the test's backend: a file $T/NAME.db, or database NAME of its own on
# the server (dropped at the end).
other_db() {
	if [ "$BACKEND" = pg ]; then
		echo "${PGDB}_$1" >>"$T/.dbs"
		pg_fresh "${PGDB}_$1" || exit 3
	else
		rm -f "$T/$1.db" "$T/$1.db-wal" "$T/$1.db-shm"
		echo "$T/$1.db"
	fi
}
[ "$BACKEND" = pg ] && fresh_db
# the database as messages name it: its file, or its name on a server
DBNAME=$SW_DB
[ "$BACKEND" = pg ] && DBNAME=$PGDB
unset SW_KEY SW_BUSY_TIMEOUT
n=0
failed=0
SAMPLE="$SW_TOP/examples/sample"
# the schema version this build writes (include/sw/db.h)
SCHEMA=$(sed -n 's/^#define SW_SCHEMA_VERSION \([0-9]*\).*/\1/p' "$SW_TOP/include/sw/db.h")

# "$@", under valgrind (SW_VALGRIND, set by tests/run under VALGRIND=1)
# when it is a program (a function of these tests, sql say, is not:
# valgrind cannot run it).
under() {
	if [ -n "${SW_VALGRIND:-}" ] && case $(command -v "$1") in /*) true ;; *) false ;; esac; then
		$SW_VALGRIND "$@"
	else
		"$@"
	fi
}

run() {
	under "$@" >"$T/.out" 2>"$T/.err" </dev/null
	rc=$?
}

# run_in FILE CMD...: like run, with FILE as standard input.
run_in() {
	f=$1
	shift
	under "$@" >"$T/.out" 2>"$T/.err" <"$f"
	rc=$?
}

ok() {	# ok STATUS DESC
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

check_rc() {
	[ "$rc" = "$1" ]
	s=$?
	ok $s "$2"
	[ $s = 0 ] || { echo "#   exit status $rc, want $1"; sed 's/^/#   stderr: /' "$T/.err" | head -5; }
}

check_out() {
	cat >"$T/.want"
	cmp -s "$T/.want" "$T/.out"
	s=$?
	ok $s "$1"
	[ $s = 0 ] || diff "$T/.want" "$T/.out" | head -20 | sed 's/^/#   /'
}

check_err() {
	cat >"$T/.want"
	cmp -s "$T/.want" "$T/.err"
	s=$?
	ok $s "$1"
	[ $s = 0 ] || diff "$T/.want" "$T/.err" | head -20 | sed 's/^/#   /'
}

check_err_has() {
	grep -qF -- "$1" "$T/.err"
	s=$?
	ok $s "$2"
	[ $s = 0 ] || sed 's/^/#   stderr: /' "$T/.err" | head -5
}

check_out_has() {
	grep -qF -- "$1" "$T/.out"
	s=$?
	ok $s "$2"
	[ $s = 0 ] || sed 's/^/#   stdout: /' "$T/.out" | head -5
}

# expect_fail STATUS MESSAGE CMD...: the command fails with STATUS and its
# stderr holds MESSAGE as a whole line.
expect_fail() {
	want=$1 msg=$2
	shift 2
	run "$@"
	grep -qxF -- "$msg" "$T/.err" && [ "$rc" = "$want" ]
	s=$?
	ok $s "fails: $msg"
	[ $s = 0 ] || { echo "#   exit status $rc, want $want"; sed 's/^/#   stderr: /' "$T/.err" | head -5; }
}

# sql QUERY: runs a query on the test database, for checking stored state.
sql() {
	if [ "$BACKEND" = pg ]; then psql -X -qAt -v ON_ERROR_STOP=1 "$SW_DB" -c "$1"; else sqlite3 -batch "$SW_DB" "$1"; fi
}

# behind SQL: changes rows behind the tools' back, for audit --verify to
# find; on a server, whose triggers record every change, with them turned
# off (as its superuser may).
behind() {
	if [ "$BACKEND" = pg ]; then sql "SET session_replication_role = replica; $1" >/dev/null
	else sql "$1"; fi
}

done_testing() {
	echo "1..$n"
	[ "$failed" = 0 ]
}

# db_snap: remembers the test database's contents (a full .dump);
# db_same DESC: checks that they have not changed since.
db_dump() {
	# (pg_dump from 17.6 on guards its dump with a key new each time: not
	# data; its warning that stations and divisions refer to themselves is
	# said only when it fails)
	if [ "$BACKEND" = pg ]; then
		pg_dump --data-only "$SW_DB" >"$T/.dump" 2>"$T/.dump-err" || sed 's/^/# pg_dump: /' "$T/.dump-err" >&2
		grep -v '^\\\(un\)\{0,1\}restrict ' "$T/.dump"
	else sqlite3 -batch "$SW_DB" .dump; fi
}
db_snap() { db_dump >"$T/.snap"; }
db_same() {
	db_dump | cmp -s "$T/.snap" -
	s=$?
	ok $s "$1"
	[ $s = 0 ] || db_dump | diff "$T/.snap" - | head -10 | sed 's/^/#   /'
}

# pg_full TABLE COLUMN VALUE: on the server, the disk is full when a
# command that wrote the row of TABLE whose COLUMN is VALUE commits
# (SQLSTATE 53100, as PostgreSQL raises it); pg_room TABLE: room again.
# (ulimit -f limits the client's files, not the server's.)
pg_full() {
	sql "CREATE FUNCTION sw_test_full() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
		RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';
		END \$\$;
		CREATE CONSTRAINT TRIGGER sw_test_full AFTER INSERT ON $1 DEFERRABLE INITIALLY DEFERRED
		FOR EACH ROW WHEN (NEW.$2 = '$3') EXECUTE FUNCTION sw_test_full()" >/dev/null
}
pg_room() { sql "DROP TRIGGER sw_test_full ON $1; DROP FUNCTION sw_test_full()" >/dev/null; }
