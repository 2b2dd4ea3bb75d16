#!/bin/sh
# audit --verify beside one plain read of the tables it checks: the issue
# asks for at most twice `sqlite3 db "SELECT * FROM clients; SELECT * FROM
# services" >/dev/null` at 1M clients and 5M services (NCLIENTS,
# NSERVICES; smaller by default, for a shared 2-core machine). Also the
# import's speed with its audit trigger, one entry per row.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
D=$BENCH_DATA/audit
mkdir -p "$D"
NCLIENTS=${NCLIENTS:-200000}
NSERVICES=${NSERVICES:-1000000}
export SW_TODAY=2026-11-24 LC_ALL=C SW_DB=$D/sw.db
unset SW_KEY SW_AUDIT_KEY_FILE
. "$SW_TOP/tests/bench/gen.sh"
. "$SW_TOP/tests/bench/pair.sh"

[ -s "$D/clients-$NCLIENTS.csv" ] || gen_clients "$NCLIENTS" "$D/clients-$NCLIENTS.csv"
[ -s "$D/services-$NSERVICES.csv" ] ||
	gen_services "$NSERVICES" "$NCLIENTS" "$D/services-$NSERVICES.csv"

# wall and CPU seconds of a command: "SECS CPU" (its status is not ours:
# the generated files have rows the import rejects)
measure() {
	/usr/bin/time -f "%e %U %S" -o "$D/.time" "$@" >/dev/null 2>"$D/.err" || :
	tail -n 1 "$D/.time" | awk '{ print $1, $2 + $3 }'
}

rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm"
"$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" \
	"$SW_TOP/examples/sample/workers.csv"
ic=$(measure "$SW_BIN/sw-case" import -q "$D/clients-$NCLIENTS.csv")
is=$(measure "$SW_BIN/sw-case" import -q "$D/services-$NSERVICES.csv")
nc=$(sqlite3 "$D/sw.db" "SELECT count(*) FROM clients")
ns=$(sqlite3 "$D/sw.db" "SELECT count(*) FROM services")
ne=$(sqlite3 "$D/sw.db" "SELECT count(*) FROM audit_entry")
echo "$ic $is" | awk -v c="$nc" -v s="$ns" '{
	printf "import with audit  clients %d rows %6.1f s (%5.1f cpu-s) | services %d rows %6.1f s (%5.1f cpu-s)\n",
		c, $1, $2, s, $3, $4 }'
sync
export D
pair "sw-case audit --verify, $nc clients + $ns services, $ne entries" "audit --verify" \
	'"$SW_BIN/sw-case" audit --verify' "sqlite3 reading both tables" \
	'sqlite3 "$D/sw.db" "SELECT * FROM clients; SELECT * FROM services"' "<=" 2
rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm"
exit $pair_status
