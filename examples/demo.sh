#!/bin/sh
# make demo: the main job end to end on the bundled sample county, into
# demo.db: the station network, the register, the job library, matches,
# and last month's report as a table, and as the 报表 in HTML and xlsx with
# a blank register to fill in (demo-out/; DEMO_DB and DEMO_OUT move them).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin="${SW_BIN:-$top/${BUILD:-build/release}/bin}"
s="$top/examples/sample"
export SW_DB="${DEMO_DB:-$top/demo.db}"
out=${DEMO_OUT:-$top/demo-out}
month=${DEMO_MONTH:-2026-10}
rm -f "$SW_DB" "$SW_DB-wal" "$SW_DB-shm"
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }
have() { [ -x "$bin/$1" ]; }

step "sw-station: the county's station network, staff and coverage"
"$bin/sw-station" import --table divisions "$s/divisions.csv"
"$bin/sw-station" import "$s/stations.csv" "$s/workers.csv"
"$bin/sw-station" tree -f table
"$bin/sw-station" coverage -f table

if have sw-case && [ -f "$s/clients.csv" ]; then
	step "sw-case: service recipients, cases, services and activities"
	"$bin/sw-case" import "$s/clients.csv" "$s/cases.csv" "$s/services.csv" "$s/activities.csv"
fi
if have sw-match && [ -f "$s/employers.csv" ]; then
	step "sw-match: employers, vacancies, job seekers and proposed matches"
	"$bin/sw-match" import "$s/employers.csv" "$s/vacancies.csv" "$s/seekers.csv"
	[ -f "$s/placements.csv" ] && "$bin/sw-match" import "$s/placements.csv"
	"$bin/sw-match" rank --top 3 --on "$month-28" -f table | head -20
fi
if have sw-report; then
	step "sw-report: $month for the civil-affairs bureau"
	"$bin/sw-report" monthly --month "$month" --by township -f table
	# the 报表 a bureau prints and signs, and its workbook
	"$bin/sw-report" monthly --month "$month" --by township --lang zh -f html -o "$out/report-$month.html"
	"$bin/sw-report" monthly --month "$month" --by township --lang zh -f xlsx -o "$out/report-$month.xlsx"
	"$bin/sw-case" template clients -f xlsx -o "$out/clients-template.xlsx"
	echo "written: $out/report-$month.html, report-$month.xlsx, clients-template.xlsx"
fi
printf '\ndemo database: %s\n' "$SW_DB"
