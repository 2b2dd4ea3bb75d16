#!/bin/sh
# PostgreSQL beside SQLite (issue 18): the import of 1,000,000 clients and
# 5,000,000 services into a server (rows/s beside psql's \copy of the same
# file into a bare table), the monthly report on 10,000,000 services on a
# server beside the same report on the SQLite file of tests/bench/report.sh,
# and 8 importers at once beside one. Needs a server: SW_TEST_PG
# (tests/pg/cluster start); skipped without.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
if [ -z "${SW_TEST_PG:-}" ]; then
	echo "pg: skipped: SW_TEST_PG names no server (url=\$(sh tests/pg/cluster start))"
	exit 0
fi
export LC_ALL=C PGOPTIONS='-c client_min_messages=warning'	# no NOTICE of each TRUNCATE
D=$BENCH_DATA/pg
mkdir -p "$D"
NCLIENTS=${NCLIENTS:-1000000} NSERVICES=${NSERVICES:-5000000}
. "$SW_TOP/tests/bench/gen.sh"
[ -s "$D/clients.csv" ] || gen_clients "$NCLIENTS" "$D/clients.csv"
[ -s "$D/services.csv" ] || gen_services "$NSERVICES" "$NCLIENTS" "$D/services.csv"
S=$SW_TOP/examples/sample

# url NAME: the server's URL with database NAME
url() { printf '%s\n' "$SW_TEST_PG" | sed -e "s|^\(postgres[a-z]*://[^/?]*\)/*[^?]*|\1/$1|"; }
P=sw_bench_$$
dbs=""
trap 'for d in $dbs; do psql -X -q "$SW_TEST_PG" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)"; done' EXIT
# newdb NAME: an empty database with init-server's schema and the sample stations and workers
newdb() {
	psql -X -q "$SW_TEST_PG" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
		-c "CREATE DATABASE $1 TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'" >/dev/null
	"$SW_BIN/sw-station" init-server --db "$(url "$1")" >/dev/null
	"$SW_BIN/sw-station" import -q --db "$(url "$1")" "$S/stations.csv" "$S/workers.csv"
}
dbs="${P}_a ${P}_bare ${P}_r"
newdb ${P}_a
psql -X -q "$SW_TEST_PG" -c "CREATE DATABASE ${P}_bare TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
B=$(url ${P}_bare)
psql -X -q "$B" -c "CREATE TABLE clients ($(head -n 1 "$D/clients.csv" | sed 's/,/ TEXT, /g') TEXT)" \
	-c "CREATE TABLE services ($(head -n 1 "$D/services.csv" | sed 's/,/ TEXT, /g') TEXT)"
# the floor of the schema: psql's \copy into the tool's own tables (keys,
# indexes, foreign keys, the audit trail's triggers), no check of a value
newdb ${P}_s
dbs="$dbs ${P}_s"

PAIRS=${PAIRS:-1}	# a minute or more each on a shared machine
. "$SW_TOP/tests/bench/pair.sh"
export A=$(url ${P}_a) B D
empty_a='psql -X -q "$A" -c "TRUNCATE services, clients CASCADE"'
rate() {	# N A B: rows/s of the last pair's two sides, under its label
	paste "$BENCH_DATA/.pair-a" "$BENCH_DATA/.pair-b" | awk -v n="$1" -v a="$2" -v b="$3" -v l="$label" '{
		printf "  %s: rows/s %s %.0f, %s %.0f\n", l, a, n / $1, b, n / $3 }' | tee -a "$NOTES"
}
pair "sw-case import of $NCLIENTS clients into PostgreSQL (checked, audited, one transaction)" \
	"sw-case import" '"$SW_BIN/sw-case" import -q --db "$A" "$D/clients.csv"' \
	"psql \\copy into a bare table" 'psql -X -q "$B" -c "\\copy clients FROM '"'"'$D/clients.csv'"'"' WITH (FORMAT csv, HEADER)"' \
	- - "$empty_a" 'psql -X -q "$B" -c "TRUNCATE clients"'
rate "$NCLIENTS" "sw-case import" "psql \\copy"
export SC=$(url ${P}_s)
pair "sw-case import of $NCLIENTS clients into PostgreSQL, beside the floor of its schema" \
	"sw-case import" '"$SW_BIN/sw-case" import -q --db "$A" "$D/clients.csv"' \
	"psql \\copy into the same tables, no checks" 'psql -X -q "$SC" -c "\\copy clients FROM '"'"'$D/clients.csv'"'"' WITH (FORMAT csv, HEADER)"' \
	- - "$empty_a" 'psql -X -q "$SC" -c "TRUNCATE clients CASCADE"'
pair "sw-case import of $NSERVICES services into PostgreSQL ($NCLIENTS clients stored)" \
	"sw-case import" '"$SW_BIN/sw-case" import -q --db "$A" "$D/services.csv"' \
	"psql \\copy into a bare table" 'psql -X -q "$B" -c "\\copy services FROM '"'"'$D/services.csv'"'"' WITH (FORMAT csv, HEADER)"' \
	- - 'psql -X -q "$A" -c "TRUNCATE services CASCADE"' 'psql -X -q "$B" -c "TRUNCATE services"'
rate "$NSERVICES" "sw-case import" "psql \\copy"
export SVCOLS=$(head -n 1 "$D/services.csv")	# the table has more columns than the file
pair "sw-case import of $NSERVICES services into PostgreSQL, beside the floor of its schema" \
	"sw-case import" '"$SW_BIN/sw-case" import -q --db "$A" "$D/services.csv"' \
	"psql \\copy into the same tables, no checks" 'psql -X -q "$A" -c "\\copy services ($SVCOLS) FROM '"'"'$D/services.csv'"'"' WITH (FORMAT csv, HEADER)"' \
	- - 'psql -X -q "$A" -c "TRUNCATE services CASCADE"' 'psql -X -q "$A" -c "TRUNCATE services CASCADE"'

# 8 importers at once, each an eighth of the services, beside one importer of them all
awk -v dir="$D" 'NR == 1 { for (i = 0; i < 8; i++) print >(dir "/part" i ".csv"); next }
	{ print >(dir "/part" (NR % 8) ".csv") }' "$D/services.csv"
pair "8 sw-case imports at once on PostgreSQL, $NSERVICES services in 8 files" \
	"8 at once" 'for i in 0 1 2 3 4 5 6 7; do "$SW_BIN/sw-case" import -q --db "$A" "$D/part$i.csv" & done; wait' \
	"one import of the same rows" '"$SW_BIN/sw-case" import -q --db "$A" "$D/services.csv"' \
	- - 'psql -X -q "$A" -c "TRUNCATE services CASCADE"' 'psql -X -q "$A" -c "TRUNCATE services CASCADE"'
stored=$(psql -X -At "$A" -c "SELECT count(*) FROM services")
echo "  $label: rows stored after the last run: $stored of $NSERVICES" | tee -a "$NOTES"
rm -f "$D"/part?.csv

# The monthly report on tests/bench/report.sh's 10,000,000 services, the
# same rows copied to a server (the copy is set-up, not measured: triggers
# off as the server's superuser may).
R=$BENCH_DATA/report-10000000.db
if [ -s "$R" ]; then
	newdb ${P}_r
	export RU=$(url ${P}_r) R
	for t in clients cases services; do
		sqlite3 -csv "$R" "SELECT * FROM $t" |
			psql -X -q "$RU" -c "SET session_replication_role = replica" -c "\\copy $t FROM STDIN WITH (FORMAT csv)"
	done
	psql -X -q "$RU" -c "ANALYZE"
	pair "sw-report monthly --by station, 2026-10 of 10000000 services: PostgreSQL vs SQLite" \
		"PostgreSQL" '"$SW_BIN/sw-report" monthly --db "$RU" --month 2026-10 --by station -f csv' \
		"SQLite" '"$SW_BIN/sw-report" monthly --db "$R" --month 2026-10 --by station -f csv' - -
	"$SW_BIN/sw-report" monthly --db "$RU" --month 2026-10 --by station -f csv >"$D/monthly-pg.csv"
	"$SW_BIN/sw-report" monthly --db "$R" --month 2026-10 --by station -f csv >"$D/monthly-sqlite.csv"
	if cmp -s "$D/monthly-pg.csv" "$D/monthly-sqlite.csv"; then
		echo "  $label: the two reports are the same bytes" | tee -a "$NOTES"
	else
		echo "  $label: the two reports DIFFER" | tee -a "$NOTES"
		pair_status=1
	fi
else
	echo "pg: the monthly report's row skipped: make bench BENCH=report first (it makes $R)"
fi
exit $pair_status
