#!/bin/sh
# sw-case dupes over 1,000,000 clients, one in a hundred of them sharing the
# placeholder phone 13800000000: under 10 s (issue 14). With OLD_BIN
# (another build's bin/), also this build beside that one, in pairs.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
D=$BENCH_DATA/dupes
mkdir -p "$D"
NCLIENTS=${NCLIENTS:-1000000}
export SW_TODAY=2026-11-24 LC_ALL=C
unset SW_KEY
. "$SW_TOP/tests/bench/gen.sh"
. "$SW_TOP/tests/bench/pair.sh"

if [ ! -s "$D/sw.db" ]; then
	gen_clients "$NCLIENTS" "$D/all.csv"
	awk -F, -v OFS=, 'NR > 1 && NR % 100 == 0 { $6 = "13800000000" } 1' "$D/all.csv" >"$D/clients.csv"
	rm -f "$D/all.csv"
	SW_DB=$D/sw.db "$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" \
		"$SW_TOP/examples/sample/workers.csv"
	SW_DB=$D/sw.db "$SW_BIN/sw-case" import "$D/clients.csv"
fi

export D
if [ -n "${OLD_BIN:-}" ]; then
	export OLD_BIN
	pair "sw-case dupes, $NCLIENTS clients, this build vs OLD_BIN" new \
		'SW_DB=$D/sw.db "$SW_BIN/sw-case" dupes -f csv' old 'SW_DB=$D/sw.db "$OLD_BIN/sw-case" dupes -f csv' "-" 0
fi
solo "sw-case dupes, $NCLIENTS clients (1% sharing one placeholder phone)" \
	'SW_DB=$D/sw.db "$SW_BIN/sw-case" dupes -f csv' "<=" 10
exit $pair_status
