#!/bin/sh
# The sample county (examples/sample) imported in the order sw(7) gives,
# into the test's database and into a SQLite file beside it: the same
# messages and statuses, and every table the same rows, value for value.
# On the PostgreSQL pass that is the server beside SQLite.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

S=$SAMPLE
# step "TABLES" PROG ARGS...: the import into the file ref.db, then into
# the test's database: the same status and stderr
step() {
	tables=$1
	shift
	run "$@" --db "$T/ref.db"
	ref=$rc
	cp "$T/.err" "$T/ref.err"
	run "$@"
	[ "$rc" = "$ref" ] && [ "$rc" = 0 ] && cmp -s "$T/ref.err" "$T/.err"
	s=$?
	ok $s "$tables: imported, said the same on $BACKEND as on a file"
	[ $s = 0 ] || { echo "#   status $rc, on a file $ref"; diff "$T/ref.err" "$T/.err" | sed 's/^/#   /' | head -10; }
}

step divisions sw-station import --table divisions "$S/divisions.csv"
step "stations workers" sw-station import "$S/stations.csv" "$S/workers.csv"
step "orgs stations workers" sw-station import "$S/orgs.csv" "$S/operators.csv" "$S/roster.csv"
step "clients cases services activities needs" \
	sw-case import "$S/clients.csv" "$S/cases.csv" "$S/services.csv" "$S/activities.csv" "$S/needs.csv"
step catalogue sw-case import --table catalogue "$S/catalogue.csv"
step "volunteers volunteer_hours resources resource_uses" sw-station import "$S/volunteers.csv" \
	"$S/volunteer_hours.csv" "$S/resources.csv" "$S/resource_uses.csv"
step "employers vacancies seekers" sw-match import "$S/employers.csv" "$S/vacancies.csv" "$S/seekers.csv"
step "contracts contract_staffing spending" \
	sw-station import "$S/contracts.csv" "$S/contract_staffing.csv" "$S/spending.csv"
step "clients cases services activities needs" \
	sw-case import "$S/clients.csv" "$S/cases.csv" "$S/services.csv" "$S/activities.csv" "$S/needs.csv"
check_err "a second import changes nothing" <<X
sw-case: $S/clients.csv: read 41, inserted 0, updated 0, unchanged 41, rejected 0
sw-case: $S/cases.csv: read 27, inserted 0, updated 0, unchanged 27, rejected 0
sw-case: $S/services.csv: read 127, inserted 0, updated 0, unchanged 127, rejected 0
sw-case: $S/activities.csv: read 17, inserted 0, updated 0, unchanged 17, rejected 0
sw-case: $S/needs.csv: read 11, inserted 0, updated 0, unchanged 11, rejected 0
X
[ "$(sql "SELECT count(*) FROM services")" = 127 ] && [ "$(sql "SELECT count(*) FROM spending")" = 20 ]
ok $? "the sample's rows are there"
step placements sw-match import "$S/placements.csv"

# every table of the data in key order
for t in $(sqlite3 "$T/ref.db" "SELECT name FROM sqlite_master WHERE type = 'table'
	AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'audit%' ORDER BY name"); do
	key=$(sqlite3 "$T/ref.db" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t') WHERE pk > 0")
	q="SELECT * FROM $t ORDER BY ${key:-1}"
	sqlite3 -batch "$T/ref.db" "$q" >"$T/ref.rows"
	sql "$q" >"$T/.out"
	cmp -s "$T/ref.rows" "$T/.out"
	s=$?
	ok $s "$t: the same $(wc -l <"$T/ref.rows") rows"
	[ $s = 0 ] || diff "$T/ref.rows" "$T/.out" | head -6 | sed 's/^/#   /'
done

done_testing
