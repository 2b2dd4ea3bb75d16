#!/bin/sh
# sw-case dupes over 1,000,000 clients, one in a hundred of them sharing the
# placeholder phone 13800000000. With OLD_BIN (another build's bin/), runs
# old and new alternately (at least 3 pairs, PAIRS to change) and prints the
# medians and their ratio; the load average is printed at start and end.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
D=$BENCH_DATA/dupes
mkdir -p "$D"
NCLIENTS=${NCLIENTS:-1000000}
PAIRS=${PAIRS:-3}
export SW_TODAY=2026-11-24 LC_ALL=C
unset SW_KEY
. "$SW_TOP/tests/bench/gen.sh"

if [ ! -s "$D/sw.db" ]; then
	gen_clients "$NCLIENTS" "$D/all.csv"
	awk -F, -v OFS=, 'NR > 1 && NR % 100 == 0 { $6 = "13800000000" } 1' "$D/all.csv" >"$D/clients.csv"
	rm -f "$D/all.csv"
	SW_DB=$D/sw.db "$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" \
		"$SW_TOP/examples/sample/workers.csv"
	SW_DB=$D/sw.db "$SW_BIN/sw-case" import "$D/clients.csv"
fi

# wall seconds, peak KiB, CPU seconds and output rows of one run
run() {
	SW_DB=$D/sw.db /usr/bin/time -f "%e %M %U %S" -o "$D/.time" "$1/sw-case" dupes -f csv \
		>"$D/out.csv" 2>"$D/.err" || { cat "$D/.err" >&2; exit 1; }
	awk -v n="$(wc -l <"$D/out.csv")" '{ print $1, $2, $3 + $4, n - 1 }' "$D/.time"
}
med() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$D/new.t"; : >"$D/old.t"
i=0
while [ $i -lt "$PAIRS" ]; do
	[ -n "${OLD_BIN:-}" ] && run "$OLD_BIN" >>"$D/old.t"
	run "$SW_BIN" >>"$D/new.t"
	i=$((i + 1))
done
for f in old new; do
	[ -s "$D/$f.t" ] || continue
	echo "dupes over $NCLIENTS clients ($f, $PAIRS runs): median $(awk '{ print $1 }' "$D/$f.t" | med) s wall," \
		"$(awk '{ print $3 }' "$D/$f.t" | med) s CPU, $(awk '{ print $2 / 1024 }' "$D/$f.t" | med) MiB," \
		"$(awk '{ print $4 }' "$D/$f.t" | med) pairs"
done
if [ -s "$D/old.t" ]; then
	paste "$D/old.t" "$D/new.t" | awk '{ print $1 / $5 }' | sort -n | awk '{ r[NR] = $1 }
		END { printf "old/new wall time, pair by pair: median %.2f, min %.2f, max %.2f\n", r[int((NR + 1) / 2)], r[1], r[NR] }'
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
