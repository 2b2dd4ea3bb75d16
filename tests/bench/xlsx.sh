#!/bin/sh
# sw-case import of an .xlsx register (100,000 clients by default) beside
# Debian's xlsx2csv piped into the same import, as issue 10 asks; and the
# peak memory at two sizes: the sheet is streamed, so what grows is SQLite's
# page cache (up to its cap) and, in check, the keys kept for duplicates.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
D=$BENCH_DATA/xlsx
mkdir -p "$D"
NXLSX=${NXLSX:-100000}
export SW_TODAY=2026-11-24 LC_ALL=C
unset SW_KEY
PY=/usr/bin/python3
if ! $PY -c 'import openpyxl' 2>/dev/null || ! command -v xlsx2csv >/dev/null; then
	echo "xlsx: SKIPPED (needs python3-openpyxl and xlsx2csv: make deps)"
	exit 0
fi
. "$SW_TOP/tests/bench/gen.sh"
. "$SW_TOP/tests/bench/pair.sh"

small=$((NXLSX / 5))
[ -s "$D/clients-$NXLSX.xlsx" ] || {
	gen_clients "$NXLSX" "$D/clients.csv"
	head -n $((small + 1)) "$D/clients.csv" >"$D/clients-small.csv"
	$PY "$SW_TOP/tests/bench/csv2xlsx.py" "$D/clients.csv" "$D/clients-$NXLSX.xlsx"
	$PY "$SW_TOP/tests/bench/csv2xlsx.py" "$D/clients-small.csv" "$D/clients-$small.xlsx"
}

measure() {	# wall seconds and peak KiB: "SECS KIB"
	/usr/bin/time -f "%e %M" -o "$D/.time" "$@" >/dev/null 2>"$D/.err" || {
		cat "$D/.err" >&2; exit 1; }
	cat "$D/.time"
}
fresh() {
	rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm"
	SW_DB=$D/sw.db "$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" \
		"$SW_TOP/examples/sample/workers.csv"
}

export D NXLSX
fresh='rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm"; SW_DB=$D/sw.db "$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" "$SW_TOP/examples/sample/workers.csv"'
pair "an .xlsx of $NXLSX clients into the register" "xlsx2csv | sw-case import -" \
	'xlsx2csv -s 1 -f %Y-%m-%d "$D/clients-$NXLSX.xlsx" | SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q -' \
	"sw-case import FILE.xlsx" 'SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/clients-$NXLSX.xlsx"' ">=" 1 "$fresh" "$fresh"
n=$(SW_DB=$D/sw.db sqlite3 "$D/sw.db" "SELECT count(*) FROM clients")
[ "$n" = "$NXLSX" ] || { echo "xlsx: the peer stored $n clients of $NXLSX" >&2; exit 1; }
fresh
set -- $(SW_DB=$D/sw.db measure "$SW_BIN/sw-case" import -q "$D/clients-$small.xlsx")
im_small=$2
fresh
set -- $(SW_DB=$D/sw.db measure "$SW_BIN/sw-case" import -q "$D/clients-$NXLSX.xlsx")
im_big=$2
set -- $(measure "$SW_BIN/sw-case" check -q "$D/clients-$small.xlsx")
ck_small=$2
set -- $(measure "$SW_BIN/sw-case" check -q "$D/clients-$NXLSX.xlsx")
ck_big=$2
awk -v n="$NXLSX" -v sn="$small" -v ims="$im_small" -v imb="$im_big" -v cks="$ck_small" -v ckb="$ck_big" 'BEGIN {
	printf "clients.xlsx   peak MiB at %d / %d rows: import %.1f / %.1f (SQLite page cache, capped at 64), check %.1f / %.1f (keys kept for duplicates)\n",
		sn, n, ims / 1024, imb / 1024, cks / 1024, ckb / 1024 }'
rm -f "$D/sw.db" "$D/sw.db-wal" "$D/sw.db-shm"
exit $pair_status
