#!/bin/sh
# backends: sqlite pg
# 50 writers at once on one database (issue 18): 20 imports of clients
# (5 of them the same file), 20 services logged, 10 placements. Every one
# succeeds without a word (a server's serialization failures are tried
# again inside the tool; SQLite's writers queue on the busy timeout), and
# the rows stored are exactly those written: none lost, none doubled.
. "$SW_TOP/tests/cli/lib.sh"
S=$SAMPLE

run sw-station import -q "$S/stations.csv" "$S/workers.csv"
check_rc 0 "stations and workers"
run sw-case import -q "$S/clients.csv"
check_rc 0 "the sample clients"
run sw-match import -q "$S/employers.csv" "$S/vacancies.csv" "$S/seekers.csv"
check_rc 0 "employers, vacancies and seekers"
base=$(sql "SELECT count(*) FROM clients")

# 15 files of 10 new clients each; file 0 imported by 6 writers at once
# (an upsert of the same rows: stored once)
awk -F, -v OFS=, 'NR == 1 { h = $0; next } NR == 2 { $5 = ""; row = $0 } END {
	# no ID number (one per person), no phone
	for (f = 0; f < 15; f++) {
		out = "new" f ".csv"; print h >out
		for (i = 0; i < 10; i++) {
			r = row; sub(/^[^,]*/, sprintf("W-%02d-%02d", f, i), r)
			print r >out
		}
	}
}' "$S/clients.csv"

mkdir out
i=0
for f in 0 0 0 0 0 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
	i=$((i + 1))
	sw-case import -q "new$f.csv" >"out/imp$i" 2>&1 </dev/null &
done
clients=$(sed -n '2,21p' "$S/clients.csv" | cut -d, -f1)
i=0
for c in $clients; do
	i=$((i + 1))
	sw-case log "$c" --type visit --on 2026-11-20 --minutes 30 >"out/log$i" 2>"out/log$i.err" </dev/null &
done
for i in 1 2 3 4 5 6 7 8 9; do
	sw-match place -q S00$i V00$i --stage matched --date 2026-10-20 >"out/place$i" 2>&1 </dev/null &
done
sw-match place -q S010 V010 --stage matched --date 2026-10-20 >"out/place10" 2>&1 </dev/null &
wait

silent=0
for o in out/imp* out/place* out/log*.err; do [ -s "$o" ] && { silent=1; sed "s|^|#   $o: |" "$o" | head -3; }; done
ok $silent "50 writers at once: none says anything on stderr (no failure, no retry left to the user)"
run sql "SELECT count(*) FROM clients"
check_out "150 new clients stored once each (the file imported six times at once: once)" <<X
$((base + 150))
X
run sql "SELECT count(*), count(DISTINCT service_id), count(DISTINCT client_id) FROM services WHERE date = '2026-11-20'"
check_out "20 services logged: 20 distinct ids for 20 clients" <<X
20|20|20
X
cat out/log[0-9] out/log[0-9][0-9] | sort -u >ids
run sql "SELECT service_id FROM services WHERE date = '2026-11-20' ORDER BY service_id"
sort ids | cmp -s - .out
ok $? "each log printed the id it stored"
run sql "SELECT count(*) FROM placements WHERE date = '2026-10-20' AND stage = 'matched'"
check_out "10 placements" <<X
10
X
done_testing
