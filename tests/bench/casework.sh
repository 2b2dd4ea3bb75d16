#!/bin/sh
# Issue 15's figures: 1,000,000 services with catalogue item codes beside the
# plain services load (within 10%), 100,000 plans with two goals each, and
# `sw-case due` over a county of 100,000 cases (under a second).
set -eu
: "${SW_BIN:?run through make bench}" "${BENCH_DATA:?run through make bench}"
D=$BENCH_DATA/casework
mkdir -p "$D"
NSERVICES=${NSERVICES:-1000000}
NCASES=${NCASES:-100000}
export SW_TODAY=2026-11-24 LC_ALL=C D
unset SW_KEY
. "$SW_TOP/tests/bench/gen.sh"
. "$SW_TOP/tests/bench/pair.sh"

if [ ! -s "$D/base.db" ]; then
	gen_clients "$NCASES" "$D/clients.csv"
	gen_services "$NSERVICES" "$NCASES" "$D/services.csv"
	# the same services, each with one of five catalogue items
	awk 'NR == 1 { print $0 ",item_code"; next } { printf "%s,I%02d\n", $0, NR % 5 + 1 }' \
		"$D/services.csv" >"$D/items.csv"
	printf 'item_code,name,category\nI01,助餐,elderly\nI02,探访,elderly\nI03,心理疏导,assistance\nI04,课业辅导,child\nI05,政策咨询,assistance\n' \
		>"$D/catalogue.csv"
	awk -F, 'NR > 1 { printf "K%07d,%s,%s,elderly,2026-01-%02d\n", NR - 1, $1, $7, NR % 28 + 1 }
		NR == 1 { print "case_id,client_id,station_code,domain,opened_on" }' "$D/clients.csv" >"$D/cases.csv"
	awk -v n="$NCASES" 'BEGIN { print "plan_id,case_id,version,date"
		for (i = 1; i <= n; i++) printf "P%07d,K%07d,1,2026-02-%02d\n", i, i, i % 28 + 1 }' >"$D/plans.csv"
	awk -v n="$NCASES" 'BEGIN { print "goal_id,plan_id,need,description,due_on"
		split("daily_care psychological financial", nd, " ")
		for (i = 1; i <= n; i++) for (g = 1; g <= 2; g++)
			printf "G%07d-%d,P%07d,%s,每周探访一次,2026-%02d-%02d\n", i, g, i, nd[(i + g) % 3 + 1], 10 + g, i % 28 + 1 }' >"$D/goals.csv"
	rm -f "$D/base.db"*
	SW_DB=$D/base.db "$SW_BIN/sw-station" import -q "$SW_TOP/examples/sample/stations.csv" \
		"$SW_TOP/examples/sample/workers.csv"
	SW_DB=$D/base.db "$SW_BIN/sw-case" import -q "$D/clients.csv" "$D/catalogue.csv"
	SW_DB=$D/base.db "$SW_BIN/sw-case" import -q --table cases "$D/cases.csv"
fi

fresh='rm -f "$D/sw.db"*; cp "$D/base.db" "$D/sw.db"; sync'
pair "sw-case import, $NSERVICES services with catalogue item codes vs without" "with item codes" \
	'SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/items.csv"' "without" \
	'SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/services.csv"' "<=" 1.1 "$fresh" "$fresh"
solo "sw-case import, $NCASES plans with two goals each" \
	'SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/plans.csv" "$D/goals.csv"' "-" 0 "$fresh"
# what is due in a county of NCASES cases, their plans, goals and services
SW_DB=$D/sw.db "$SW_BIN/sw-case" import -q "$D/items.csv"
solo "sw-case due, $NCASES cases with plans, goals and $NSERVICES services" \
	'SW_DB=$D/sw.db "$SW_BIN/sw-case" due -f csv' "<=" 1
rm -f "$D/sw.db"*
exit $pair_status
