#!/bin/sh
# PostgreSQL's import floor (issue 18): 1,000,000 clients copied into a bare
# table (the CSV's 11 columns as text, no key, no index) through the store's
# sw_store_copy_row (tests/bench/copy_in.c: the library's CSV reader, COPY
# FROM STDIN) beside psql's \copy of the same file into the same table.
# Needs a server: SW_TEST_PG (tests/pg/cluster start); skipped without.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
if [ -z "${SW_TEST_PG:-}" ]; then
	echo "store: skipped: SW_TEST_PG names no server (url=\$(sh tests/pg/cluster start))"
	exit 0
fi
D=$BENCH_DATA/case
mkdir -p "$D"
NCLIENTS=${NCLIENTS:-1000000}
export LC_ALL=C
. "$SW_TOP/tests/bench/gen.sh"
[ -s "$D/clients.csv" ] || gen_clients "$NCLIENTS" "$D/clients.csv"
N=$(($(wc -l <"$D/clients.csv") - 1))

# a database of its own, with init-server's schema (the store opens no other)
DB=sw_bench_$$
U=$(printf '%s\n' "$SW_TEST_PG" | sed -e "s|^\(postgres[a-z]*://[^/?]*\)/*[^?]*|\1/$DB|")
psql -X -q "$SW_TEST_PG" -c "CREATE DATABASE $DB TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
trap 'psql -X -q "$SW_TEST_PG" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"' EXIT
"$SW_BIN/sw-station" init-server --db "$U"
psql -X -q "$U" -c "CREATE TABLE bare ($(head -n 1 "$D/clients.csv" | sed 's/,/ TEXT, /g') TEXT)"

PAIRS=${PAIRS:-1}	# one pair: a minute of a shared machine
. "$SW_TOP/tests/bench/pair.sh"
export U D COPY_IN="$SW_BIN/../bench/copy_in"

empty='psql -X -q "$U" -c "TRUNCATE bare"'
pair "COPY-in of $N clients into a bare table on PostgreSQL: the store vs psql \\copy" \
	"sw_store_copy_row" '"$COPY_IN" "$U" bare "$D/clients.csv"' \
	"psql \\copy" 'psql -X -q "$U" -c "\\copy bare FROM '"'"'$D/clients.csv'"'"' WITH (FORMAT csv, HEADER)"' \
	- - "$empty" "$empty"
paste "$BENCH_DATA/.pair-a" "$BENCH_DATA/.pair-b" | awk -v n="$N" -v l="$label" '{
	printf "  %s: rows/s sw_store_copy_row %.0f, psql \\copy %.0f\n", l, n / $1, n / $3 }' | tee -a "$NOTES"
exit $pair_status
