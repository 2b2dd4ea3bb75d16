#!/bin/sh
# make bench: province-scale paths must grow linearly. sw-report merge of
# 8,000 and 32,000 stations' rows, and sw-report workers over 2,000 and
# 8,000 workers (four cases each): 4x the size within 6x the time (issue 14).
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
dir="$BENCH_DATA/scale"
mkdir -p "$dir"
. "$SW_TOP/tests/bench/pair.sh"

# A county of n township stations under one root, with w workers and
# four cases each; the month's report of it is merge's input.
county() {	# n w
	db="$dir/county-$1-$2.db"
	[ -s "$db" ] && return 0
	awk -v n="$1" 'BEGIN { print "code,name,level,parent_code"; print "R,root,county,"
		for (i = 1; i <= n; i++) printf "S%05d,station %d,township,R\n", i, i }' >"$dir/st.csv"
	awk -v n="$1" -v w="$2" 'BEGIN { print "worker_id,name,station_code,role,certificate,hired_on"
		for (i = 1; i <= w; i++) printf "W%05d,worker %d,S%05d,service,none,2024-01-01\n", i, i, 1 + i % n }' >"$dir/wk.csv"
	awk -v n="$1" -v w="$2" 'BEGIN { print "case_id,client_id,station_code,domain,opened_on,worker_id"
		for (i = 1; i <= 4 * w; i++) printf "K%06d,P%06d,S%05d,elderly,2026-0%d-1%d,W%05d\n", i, i, 1 + i % n, 1 + i % 9, i % 10, 1 + i % w }' >"$dir/ca.csv"
	awk 'BEGIN { FS = ","; print "client_id,name,station_code,registered_on" }
		NR > 1 { printf "%s,name,%s,2024-01-01\n", $2, $3 }' "$dir/ca.csv" >"$dir/cl.csv"
	SW_DB="$db" "$SW_BIN/sw-station" import -q "$dir/st.csv" "$dir/wk.csv"
	SW_DB="$db" "$SW_BIN/sw-case" import -q "$dir/cl.csv"
	SW_DB="$db" "$SW_BIN/sw-case" import -q --table cases "$dir/ca.csv"
	SW_DB="$db" "$SW_BIN/sw-report" monthly --month 2026-10 --by station -f csv -o "$dir/report-$1.csv"
}
county 8000 2000
county 32000 8000
export dir
pair "sw-report merge, 32,000 vs 8,000 stations" "32,000" '"$SW_BIN/sw-report" merge -f csv "$dir/report-32000.csv"' \
	"8,000" '"$SW_BIN/sw-report" merge -f csv "$dir/report-8000.csv"' "<=" 6
pair "sw-report workers, 8,000 vs 2,000 workers" "8,000" \
	'SW_DB="$dir/county-32000-8000.db" "$SW_BIN/sw-report" workers --month 2026-10 -f csv' \
	"2,000" 'SW_DB="$dir/county-8000-2000.db" "$SW_BIN/sw-report" workers --month 2026-10 -f csv' "<=" 6
exit $pair_status
