#!/bin/sh
# sw-case import speed beside sqlite3's .import of the same file into an
# unindexed table, and peak memory at 1M and 5M rows. Data is generated
# with awk into $BENCH_DATA (not committed) and reused between runs.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
D=$BENCH_DATA/case
mkdir -p "$D"
NCLIENTS=${NCLIENTS:-1000000}
NSERVICES=${NSERVICES:-5000000}
export SW_TODAY=2026-11-24 LC_ALL=C
unset SW_KEY

. "$SW_TOP/tests/bench/gen.sh"

[ -s "$D/clients.csv" ] || gen_clients "$NCLIENTS" "$D/clients.csv"
[ -s "$D/services.csv" ] || gen_services "$NSERVICES" "$NCLIENTS" "$D/services.csv"
[ -s "$D/services-1m.csv" ] || head -n 1000001 "$D/services.csv" >"$D/services-1m.csv"
N1=$(($(wc -l <"$D/services-1m.csv") - 1))

# wall seconds, peak KiB and CPU seconds of a command: "SECS KIB CPU"
measure() {
	/usr/bin/time -f "%e %M %U %S" -o "$D/.time" "$@" >/dev/null 2>"$D/.err" || {
		cat "$D/.err" >&2; exit 1; }
	awk '{ print $1, $2, $3 + $4 }' "$D/.time"
}

fresh() {
	rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm"
	SW_DB=$D/sw.db "$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" \
		"$SW_TOP/examples/sample/workers.csv"
}

# sqlite3 .import into an unindexed table with the same columns.
dot_import() {	# table file
	rm -f "$D/peer.db"
	cols=$(head -n 1 "$2")
	sqlite3 "$D/peer.db" "CREATE TABLE $1($cols)"
	measure sqlite3 "$D/peer.db" ".mode csv" ".import --skip 1 $2 $1"
}

# The least any schema could hold and still do what the issue asks: the
# unique keys (upserts, duplicates; for clients the unique id_number too)
# and, for services, one index on date and one on client_id built after the
# load; a fresh file with a rollback journal, no audit trail, no checks.
dot_import_least() {	# table file
	rm -f "$D/peer.db" "$D/peer.db-journal"
	cols=$(head -n 1 "$2")
	case $1 in
	clients) ddl="CREATE TABLE clients($cols, PRIMARY KEY (client_id));
		CREATE UNIQUE INDEX ci ON clients(id_number)" after="SELECT 1" ;;
	*) ddl="CREATE TABLE $1($cols, PRIMARY KEY (service_id))"
	   after="CREATE INDEX sd ON $1(date); CREATE INDEX sc ON $1(client_id)" ;;
	esac
	sqlite3 "$D/peer.db" "$ddl"
	measure sqlite3 "$D/peer.db" "PRAGMA cache_size=-65536" ".mode csv" "BEGIN" \
		".import --skip 1 $2 $1" "PRAGMA threads=2" "$after" "COMMIT"
}

least() {	# label rows peer_result least_result
	set -- "$1" "$2" $3 $4
	awk -v l="$1" -v n="$2" -v tp="$3" -v tl="$6" 'BEGIN {
		printf "%-14s %8d rows | least: sqlite3 .import, keys and %s only %7.0f rows/s = %.2f of .import unindexed\n",
			l, n, l ~ /clients/ ? "unique id_number" : "date and client indexes", n / tl, tp / tl }'
}

# The floor for any importer of this schema: sqlite3 .import (no checks at
# all) into a copy of the same database, with the table's keys, its
# non-unique indexes dropped and built after the load as sw-case does (two
# sort threads), and the same page cache. sqlite3 leaves foreign keys unchecked.
dot_import_same() {	# table file db
	cp "$3" "$D/peer.db"
	rm -f "$D/peer.db-wal" "$D/peer.db-shm"
	sync	# the copy's write-back is not the peer's time
	idx=$(sqlite3 "$D/peer.db" "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE type = 'index'
		AND tbl_name = '$1' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'")
	drop=$(sqlite3 "$D/peer.db" "SELECT group_concat('DROP INDEX ' || name, ';') FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = '$1' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'")
	measure sqlite3 "$D/peer.db" "PRAGMA cache_size=-65536" ".mode csv" "BEGIN" "$drop" \
		".import --skip 1 $2 $1" "PRAGMA temp_store=FILE" \
		"PRAGMA threads=2" "PRAGMA cache_size=-16384" "$idx" "COMMIT"
}

# The floor beside the unindexed .import and sw-case: what the schema
# alone leaves of the target.
floor() {	# label rows sw_result peer_result floor_result
	set -- "$1" "$2" $3 $4 $5
	awk -v l="$1" -v n="$2" -v ts="$3" -v tp="$6" -v tf="$9" 'BEGIN {
		printf "%-14s %8d rows | floor: sqlite3 .import, no checks, same schema and indexes %7.0f rows/s = %.2f of .import unindexed | sw-case/floor %.2f\n",
			l, n, n / tf, tp / tf, tf / ts }'
}

# One line per load: rows/s by wall clock (and per CPU second), peak RSS.
row() {	# label rows sw_result peer_result
	set -- "$1" "$2" $3 $4
	awk -v l="$1" -v n="$2" -v ts="$3" -v ms="$4" -v cs="$5" -v tp="$6" -v mp="$7" -v cp="$8" 'BEGIN {
		printf "%-14s %8d rows | sw-case %7.0f rows/s (%7.0f/cpu-s) %6.1f MiB | sqlite3 .import %7.0f rows/s (%7.0f/cpu-s) %5.1f MiB | ratio %.2f (cpu %.2f)\n",
			l, n, n / ts, n / cs, ms / 1024, n / tp, n / cp, mp / 1024, tp / ts, cp / cs }'
}

fresh
cp "$D/sw.db" "$D/empty.db"
c=$(SW_DB=$D/sw.db measure "$SW_BIN/sw-case" import "$D/clients.csv")
p=$(dot_import clients "$D/clients.csv")
row "clients" "$NCLIENTS" "$c" "$p"
floor "clients" "$NCLIENTS" "$c" "$p" "$(dot_import_same clients "$D/clients.csv" "$D/empty.db")"
least "clients" "$NCLIENTS" "$p" "$(dot_import_least clients "$D/clients.csv")"

cp "$D/sw.db" "$D/clients.db"
sync
s1=$(SW_DB=$D/sw.db measure "$SW_BIN/sw-case" import "$D/services-1m.csv")
p1=$(dot_import services "$D/services-1m.csv")
row "services (1M)" "$N1" "$s1" "$p1"
floor "services (1M)" "$N1" "$s1" "$p1" "$(dot_import_same services "$D/services-1m.csv" "$D/clients.db")"
least "services (1M)" "$N1" "$p1" "$(dot_import_least services "$D/services-1m.csv")"

cp "$D/clients.db" "$D/sw.db"
rm -f "$D/sw.db-wal" "$D/sw.db-shm"
sync
s5=$(SW_DB=$D/sw.db measure "$SW_BIN/sw-case" import "$D/services.csv")
p5=$(dot_import services "$D/services.csv")
row "services (5M)" "$NSERVICES" "$s5" "$p5"

d=$(SW_DB=$D/sw.db measure "$SW_BIN/sw-case" dupes -f csv)
echo "dupes over $NCLIENTS clients: $(echo "$d" | awk '{printf "%.1f s (%.1f cpu-s), %.1f MiB", $1, $3, $2 / 1024}')"
rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm" "$D/clients.db" "$D/empty.db" "$D/peer.db"
