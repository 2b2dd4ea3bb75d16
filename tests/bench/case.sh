#!/bin/sh
# sw-case import speed beside sqlite3's .import of the same file into an
# unindexed table and into the same schema (the floor), and peak memory at
# 1M and 5M rows. Data is generated with awk into $BENCH_DATA (not
# committed) and reused between runs.
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

. "$SW_TOP/tests/bench/pair.sh"
export D
rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm"
SW_DB=$D/sw.db "$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" \
	"$SW_TOP/examples/sample/workers.csv"
cp "$D/sw.db" "$D/empty.db"

# Preparations (untimed): sw-case imports into a copy of START (a
# database); the bare peer into an unindexed table with the same columns;
# the floor, sqlite3 .import with no checks at all, into a copy of the same
# database with the table's keys, its other indexes dropped and built after
# the load as sw-case does (two sort threads), and the same page cache.
# sqlite3 leaves foreign keys unchecked.
prep_sw='cp "$D/$START" "$D/sw.db"; rm -f "$D/sw.db-wal" "$D/sw.db-shm"; sync'
prep_bare='rm -f "$D/peer.db"; sqlite3 "$D/peer.db" "CREATE TABLE $TABLE($(head -n 1 "$FILE"))"'
prep_floor='cp "$D/$START" "$D/peer.db"; rm -f "$D/peer.db-wal" "$D/peer.db-shm"; sync'
sw='SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$FILE"'
bare='sqlite3 "$D/peer.db" ".mode csv" ".import --skip 1 $FILE $TABLE"'
floor='sqlite3 "$D/peer.db" "PRAGMA cache_size=-65536" ".mode csv" "BEGIN" "$DROP" ".import --skip 1 $FILE $TABLE" "PRAGMA temp_store=FILE" "PRAGMA threads=2" "PRAGMA cache_size=-16384" "$IDX" "COMMIT"'

loads() {	# label table file start-db
	export TABLE=$2 FILE=$3 START=$4
	IDX=$(sqlite3 "$D/$START" "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE type = 'index'
		AND tbl_name = '$TABLE' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'")
	DROP=$(sqlite3 "$D/$START" "SELECT group_concat('DROP INDEX ' || name, ';') FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = '$TABLE' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'")
	export IDX DROP
	pair "sw-case import, $1 (every row checked, audited, hashed)" "sw-case import" "$sw" \
		"sqlite3 .import into a bare table" "$bare" "-" 0 "$prep_sw" "$prep_bare"
	pair "sw-case import, $1, beside the floor of its schema" "sw-case import" "$sw" \
		"sqlite3 .import, same schema and indexes, no checks" "$floor" "-" 0 "$prep_sw" "$prep_floor"
}
loads "$NCLIENTS clients" clients "$D/clients.csv" empty.db
SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/clients.csv"
cp "$D/sw.db" "$D/clients.db"
loads "$N1 services" services "$D/services-1m.csv" clients.db
# memory flat in the input's size
export START=clients.db
METRIC=mem pair "sw-case import, peak memory of $NSERVICES services vs $N1" "$NSERVICES" \
	'SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/services.csv"' "$N1" \
	'SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/services-1m.csv"' "<=" 1.2 "$prep_sw" "$prep_sw"
rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm" "$D/clients.db" "$D/empty.db" "$D/peer.db"
exit $pair_status
