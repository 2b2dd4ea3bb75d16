#!/bin/sh
# make demo: the sample county as its civil-affairs bureau sees it, end to
# end, into demo.db: the station network and the organisation that runs it,
# the register, 五社联动 (organisations, volunteers, resources, needs), the
# job market, the contract the bureau buys the service with (its staffing
# and spending), and last month's report as a table, and as the 报表 in HTML
# and xlsx beside the contract's scorecard, a volunteer's record and a blank
# register to fill in (demo-out/; DEMO_DB and DEMO_OUT move them).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin="${SW_BIN:-$top/${BUILD:-build/release}/bin}"
s="$top/examples/sample"
export SW_DB="${DEMO_DB:-$top/demo.db}"
out=${DEMO_OUT:-$top/demo-out}
month=${DEMO_MONTH:-2026-10}
contract=QXMZ2026-01	# examples/sample/contracts.csv
rm -f "$SW_DB" "$SW_DB-wal" "$SW_DB-shm"
mkdir -p "$out"

step() { printf '\n== %s\n' "$*"; }
have() { [ -x "$bin/$1" ]; }
# the last day of month $1 (YYYY-MM)
last_day() {
	y=${1%-*}
	case ${1#*-} in
	02)
		d=28
		[ $((y % 4)) -eq 0 ] && { [ $((y % 100)) -ne 0 ] || [ $((y % 400)) -eq 0 ]; } && d=29
		;;
	04 | 06 | 09 | 11) d=30 ;;
	*) d=31 ;;
	esac
	echo "$1-$d"
}
end=$(last_day "$month")

step "sw-station: the county's station network, who runs it, staff and coverage"
"$bin/sw-station" import --table divisions "$s/divisions.csv"
"$bin/sw-station" import "$s/stations.csv" "$s/workers.csv"
# organisations name their stations, so they come after them; then the
# township stations' operator (承接机构) and its roster, which names each
# worker's employer (the order sw-station(1) gives)
"$bin/sw-station" import "$s/orgs.csv" "$s/operators.csv" "$s/roster.csv"
"$bin/sw-station" tree -f table
"$bin/sw-station" coverage -f table
"$bin/sw-station" show QX-104 -f table

if have sw-case && [ -f "$s/clients.csv" ]; then
	step "sw-case: service recipients, cases, services, activities, needs; what is due"
	"$bin/sw-case" import "$s/clients.csv" "$s/cases.csv" "$s/services.csv" "$s/activities.csv" \
		"$s/needs.csv"
	# what awaits a worker at the month's end: cases without a service
	# for 30 days (SW_TODAY: as of that day, not the clock's)
	SW_TODAY=$end "$bin/sw-case" due -f table
	step "sw-station: volunteers and their hours, resources and what they gave (五社联动)"
	"$bin/sw-station" import "$s/volunteers.csv" "$s/volunteer_hours.csv" "$s/resources.csv" \
		"$s/resource_uses.csv"
	"$bin/sw-station" volunteer-record V002 --on "$end" --lang zh -f html -o "$out/volunteer-V002.html"
	echo "written: $out/volunteer-V002.html (a volunteer's record to seal)"
fi
if have sw-match && [ -f "$s/employers.csv" ]; then
	step "sw-match: employers, vacancies, job seekers and proposed matches"
	"$bin/sw-match" import "$s/employers.csv" "$s/vacancies.csv" "$s/seekers.csv"
	[ -f "$s/placements.csv" ] && "$bin/sw-match" import "$s/placements.csv"
	"$bin/sw-match" rank --top 3 --on "$month-28" -f table | head -20
	step "sw-match: the open needs, and the resources and volunteers at hand"
	"$bin/sw-match" needs --top 3 --on "$end" -f table
fi

step "sw-station: contract $contract, its staff on $end"
"$bin/sw-station" import "$s/contracts.csv" "$s/contract_staffing.csv" "$s/spending.csv"
# status 1 says a station is short: a finding for the bureau, not a failure
if "$bin/sw-station" staffing -q --on "$end" -f table; then
	echo "every station has the staff its contract requires"
else
	rc=$?
	[ "$rc" -eq 1 ] || exit "$rc"
	echo "status 1: a station is short of the staff its contract requires; the operator must fill the post"
fi

if have sw-report; then
	step "sw-report: contract $contract, spent to $end against its amount"
	# month by month and by category; the rows of each month's categories
	# are in the full table
	budget=$("$bin/sw-report" budget --contract "$contract" --on "$end" -f table)
	printf '%s\n' "$budget" | awk 'NR == 1 || $2 == "total" || $3 == "total"'
	step "sw-report: $month for the civil-affairs bureau"
	"$bin/sw-report" monthly --month "$month" --by township -f table
	# the 报表 a bureau prints and signs, and its workbook
	"$bin/sw-report" monthly --month "$month" --by township --lang zh -f html -o "$out/report-$month.html"
	"$bin/sw-report" monthly --month "$month" --by township --lang zh -f xlsx -o "$out/report-$month.xlsx"
	# the contract's stations scored from their records; -q: the points an
	# evaluator scores stay blank until a sheet gives them (--scores)
	"$bin/sw-report" evaluate -q --system "$top/examples/evaluation/system.csv" --contract "$contract" \
		--lang zh -f html -o "$out/evaluation-$contract.html"
	"$bin/sw-case" template clients -f xlsx -o "$out/clients-template.xlsx"
	echo "written: $out/report-$month.html, report-$month.xlsx, clients-template.xlsx,"
	echo "  evaluation-$contract.html (the points the records score; an evaluator's sheet gives the rest)"
fi
printf '\ndemo database: %s\n' "$SW_DB"
