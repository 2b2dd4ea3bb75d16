#!/bin/sh
# make bench: sw-report monthly over 10,000,000 services (and the clients
# and cases behind them), side by side with the bare SQL for the same
# counts run by sqlite3 on the same file, with mlr computing the services
# counts from the CSV, and a year's memory beside a month's. Data is generated once into $BENCH_DATA
# (never committed) and reused. N overrides the number of services.
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
N=${N:-10000000}
db="$BENCH_DATA/report-$N.db" csv="$BENCH_DATA/services-$N.csv"
month=2026-10
export SW_DB="$db"

if [ ! -s "$db" ] || [ ! -s "$csv" ]; then
	echo "generating $N services (once; reused from $BENCH_DATA)"
	rm -f "$db" "$db-wal" "$db-shm"
	"$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" "$SW_TOP/examples/sample/workers.csv"
	codes=$(sqlite3 "$db" "select group_concat(code, ' ') from stations")
	# 200,000 clients, 100,000 cases, N services over 2025-01..2026-12
	awk -v n="$N" -v codes="$codes" -v dir="$BENCH_DATA" 'BEGIN {
		srand(42); ns = split(codes, st, " "); split("visit counselling phone referral employment other", ty, " ")
		split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
		cl = dir "/report-clients.tmp"; ca = dir "/report-cases.tmp"
		for (i = 1; i <= 200000; i++)
			printf "P%d,c,%s,%04d-%02d-%02d\n", i, st[1 + int(rand() * ns)],
				2023 + int(rand() * 4), 1 + int(rand() * 12), 1 + int(rand() * 28) >cl
		for (i = 1; i <= 100000; i++) {
			y = 2024 + int(rand() * 3); m = 1 + int(rand() * 12); d = 1 + int(rand() * 28)
			closed = rand() < 0.6 ? sprintf("%04d-%02d-%02d", y + (m == 12), m % 12 + 1, d) : ""
			printf "K%d,P%d,%s,elderly,%04d-%02d-%02d,%s\n", i, 1 + int(rand() * 200000),
				st[1 + int(rand() * ns)], y, m, d, closed >ca
		}
		print "service_id,client_id,case_id,station_code,worker_id,date,type,minutes,note,item_code"
		for (i = 1; i <= n; i++) {
			m = int(rand() * 24); y = 2025 + int(m / 12); m = m % 12 + 1
			printf "S%d,P%d,,%s,,%04d-%02d-%02d,%s,%d,,\n", i, 1 + int(rand() * 200000),
				st[1 + int(rand() * ns)], y, m, 1 + int(rand() * md[m]), ty[1 + int(rand() * 6)],
				5 + int(rand() * 116)
		}
	}' >"$csv"
	sqlite3 "$db" >/dev/null <<X
PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
DROP INDEX services_date; DROP INDEX services_client;
CREATE TEMP TABLE c (client_id, name, station_code, registered_on);
CREATE TEMP TABLE k (case_id, client_id, station_code, domain, opened_on, closed_on);
.mode csv
.import "$BENCH_DATA/report-clients.tmp" c
.import "$BENCH_DATA/report-cases.tmp" k
.import --skip 1 "$csv" services
INSERT INTO clients (client_id, name, station_code, registered_on) SELECT * FROM c;
INSERT INTO cases (case_id, client_id, station_code, domain, opened_on, closed_on)
  SELECT case_id, client_id, station_code, domain, opened_on, nullif(closed_on, '') FROM k;
UPDATE services SET case_id = NULL, worker_id = NULL, note = NULL WHERE 0;
CREATE INDEX services_date ON services(date, station_code, type, minutes, client_id);
CREATE INDEX services_client ON services(client_id);
PRAGMA journal_mode=WAL;
ANALYZE;
X
	rm -f "$BENCH_DATA/report-clients.tmp" "$BENCH_DATA/report-cases.tmp"
fi

. "$SW_TOP/tests/bench/pair.sh"

# The same counts as sw-report, as plain SQL: clients, cases, and the
# services per station and type with hours and distinct people.
sql="
SELECT station_code, sum(registered_on <= '$month-31'), sum(registered_on >= '$month-01' AND registered_on <= '$month-31') FROM clients GROUP BY station_code;
SELECT station_code, sum(opened_on >= '$month-01' AND opened_on <= '$month-31'), sum(closed_on >= '$month-01' AND closed_on <= '$month-31'), sum(opened_on <= '$month-31' AND (closed_on IS NULL OR closed_on > '$month-31')) FROM cases GROUP BY station_code;
SELECT station_code, type, count(*), sum(minutes) FROM services WHERE date >= '$month-01' AND date <= '$month-31' GROUP BY station_code, type;
SELECT station_code, count(DISTINCT client_id) FROM services WHERE date >= '$month-01' AND date <= '$month-31' GROUP BY station_code;
SELECT count(DISTINCT client_id) FROM services WHERE date >= '$month-01' AND date <= '$month-31';
SELECT station_code, kind, count(*), sum(coalesce(sessions, 1)), sum(coalesce(participants, 0)) FROM activities WHERE date >= '$month-01' AND date <= '$month-31' GROUP BY station_code, kind;"

rows=$(sqlite3 "$db" "select count(*) from services where date like '$month%'")
export db csv month sql
pair "sw-report monthly --by station, $month of $N services ($rows)" sw-report \
	'"$SW_BIN/sw-report" monthly --month $month --by station -f csv' \
	"sqlite3, the same counts in SQL" 'sqlite3 "$db" "$sql"' "<=" 0.5
pair "mlr over the CSV vs sw-report monthly, $N services" "mlr, services counts from the CSV" \
	'mlr --icsv --ocsv filter "\$date >= \"$month-01\" && \$date <= \"$month-31\"" then stats1 -a count,sum,distinct_count -f minutes,client_id -g station_code,type "$csv"' \
	sw-report '"$SW_BIN/sw-report" monthly --month $month --by station -f csv' ">=" 10
# a year's report within 1.5x the memory of a month's (issue 14)
METRIC=mem pair "sw-report period, a year vs a month of $N services" "2025" \
	'"$SW_BIN/sw-report" period --from 2025-01-01 --to 2025-12-31 --by station -f csv' \
	"$month" '"$SW_BIN/sw-report" monthly --month $month --by station -f csv' "<=" 1.5
exit $pair_status
