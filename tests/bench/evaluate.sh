#!/bin/sh
# make bench: sw-report evaluate of a county of 200 township stations under
# the example 67-point system (with an evaluator's sheet for its other
# points) over a year of N services (default 10,000,000), side by side
# with sw-report period over the same data and year. Target: evaluate
# takes at most twice period, since it computes the figures once per
# station and period, not once per point. Data is generated once into
# $BENCH_DATA (never committed) and reused.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
N=${N:-10000000}
dir="$BENCH_DATA/evaluate-$N" db="$BENCH_DATA/evaluate-$N/sw.db"
system="$SW_TOP/examples/evaluation/system.csv"
export SW_DB="$db"

if [ ! -s "$db" ]; then
	echo "generating 200 stations and $N services (once; reused from $dir)"
	rm -rf "$dir" && mkdir -p "$dir"
	awk 'BEGIN {
		print "code,name,level,parent_code,opened_on" >"'"$dir"'/stations.csv"
		print "QX,青溪县社会工作总站,county,,2020-01-01" >"'"$dir"'/stations.csv"
		print "worker_id,name,station_code,role,certificate,hired_on" >"'"$dir"'/workers.csv"
		split("none assistant intermediate", cert, " ")
		for (i = 1; i <= 200; i++) {
			printf "T%03d,第%d乡镇社工站,township,QX,2021-01-01\n", i, i >"'"$dir"'/stations.csv"
			for (w = 1; w <= 2 + i % 3; w++)
				printf "W%03d%d,社工%d,T%03d,service,%s,2021-01-01\n", i, w, w, i, cert[1 + (i + w) % 3] >"'"$dir"'/workers.csv"
		}
	}'
	"$SW_BIN/sw-station" import -q "$dir/stations.csv" "$dir/workers.csv"
	# 200,000 clients, 100,000 cases, N services and 20,000 activities in 2026
	awk -v n="$N" -v dir="$dir" 'BEGIN {
		srand(42); split("visit counselling phone referral employment other", ty, " ")
		split("group community outreach fair training other", kd, " ")
		split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
		for (i = 1; i <= 200000; i++)
			printf "P%d,c,T%03d,%04d-%02d-%02d\n", i, 1 + i % 200, 2024 + int(rand() * 3),
				1 + int(rand() * 12), 1 + int(rand() * 28) >(dir "/clients.tmp")
		for (i = 1; i <= 100000; i++) {
			m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
			closed = rand() < 0.6 ? sprintf("2026-%02d-%02d", m, d) : ""
			printf "K%d,P%d,T%03d,elderly,2026-%02d-%02d,%s\n", i, 1 + int(rand() * 200000),
				1 + int(rand() * 200), m, d, closed >(dir "/cases.tmp")
		}
		for (i = 1; i <= 20000; i++)
			printf "A%d,T%03d,%s,2026-%02d-%02d,%d,%d\n", i, 1 + int(rand() * 200), kd[1 + int(rand() * 6)],
				1 + int(rand() * 12), 1 + int(rand() * 28), 1 + int(rand() * 4), int(rand() * 40) >(dir "/activities.tmp")
		for (i = 1; i <= n; i++) {
			m = 1 + int(rand() * 12)
			printf "S%d,P%d,,T%03d,,2026-%02d-%02d,%s,%d,\n", i, 1 + int(rand() * 200000),
				1 + int(rand() * 200), m, 1 + int(rand() * md[m]), ty[1 + int(rand() * 6)],
				5 + int(rand() * 116) >(dir "/services.tmp")
		}
	}'
	sqlite3 "$db" >/dev/null <<X
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
DROP INDEX services_date; DROP INDEX services_client;
CREATE TEMP TABLE c (client_id, name, station_code, registered_on);
CREATE TEMP TABLE k (case_id, client_id, station_code, domain, opened_on, closed_on);
CREATE TEMP TABLE a (activity_id, station_code, kind, date, sessions, participants);
CREATE TEMP TABLE s (service_id, client_id, case_id, station_code, worker_id, date, type, minutes, note);
.mode csv
.import "$dir/clients.tmp" c
.import "$dir/cases.tmp" k
.import "$dir/activities.tmp" a
.import "$dir/services.tmp" s
INSERT INTO clients (client_id, name, station_code, registered_on) SELECT * FROM c;
INSERT INTO cases (case_id, client_id, station_code, domain, opened_on, closed_on)
  SELECT case_id, client_id, station_code, domain, opened_on, nullif(closed_on, '') FROM k;
INSERT INTO activities (activity_id, station_code, kind, date, sessions, participants) SELECT * FROM a;
INSERT INTO services (service_id, client_id, station_code, date, type, minutes)
  SELECT service_id, client_id, station_code, date, type, minutes FROM s;
CREATE INDEX services_date ON services(date, station_code, type, minutes, client_id);
CREATE INDEX services_client ON services(client_id);
PRAGMA journal_mode=WAL;
ANALYZE;
X
	rm -f "$dir"/*.tmp
	# the evaluator's sheet: every point the data does not score, every station
	awk -F, 'NR == FNR { if (FNR > 1 && $5 == "" && $1 ~ /\./) { pt[++np] = $1; mx[np] = $4 } next }
		FNR == 1 { print "station_code,code,score,note" }
		FNR > 1 && $3 == "township" { for (i = 1; i <= np; i++)
			printf "%s,%s,%s,%s\n", $1, pt[i], (FNR + i) % 3 ? mx[i] : mx[i] / 2, (FNR + i) % 3 ? "" : "记录不全" }' \
		"$system" "$dir/stations.csv" >"$dir/scores.csv"
fi

. "$SW_TOP/tests/bench/pair.sh"
export system dir
pair "sw-report evaluate, 200 stations, 67 points, $N services in 2026" "evaluate (with the evaluator's sheet)" \
	'"$SW_BIN/sw-report" evaluate --system "$system" --scores "$dir/scores.csv" --from 2026-01-01 --to 2026-12-31 -f csv' \
	"period --by township" '"$SW_BIN/sw-report" period --from 2026-01-01 --to 2026-12-31 --by township -f csv' "<=" 2
exit $pair_status
