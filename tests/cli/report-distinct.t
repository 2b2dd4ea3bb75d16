#!/bin/sh
# People served counted once per row on thousands of people: each station's
# row, each township's (its villages with it), each subtree's subtotal and
# the total agree with SQL's count(DISTINCT), whether a row holds many
# people (its set a bitmap), a few met late (a table of a few numbers) or
# a hundred met late (a table that turns into a bitmap as it fills).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
. "$SW_TOP/tests/cli/report-fixture.sh"

# 3,000 people with 20,000 services spread over T1, V1 and T2 in October;
# on the last day, after everyone else has been met, the county station C
# serves 100 others and the regional centre R 20 others, each twice.
sql "$(cat <<'X'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3120)
INSERT INTO clients (client_id, name, station_code, registered_on)
 SELECT 'X' || i, 'n', 'T1', '2026-01-01' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO services (service_id, client_id, station_code, date, type, minutes)
 SELECT 'Y' || i, 'X' || (i * 2654435761 % 1000003 % 3000 + 1),
  CASE i * 40503 % 65537 % 3 WHEN 0 THEN 'T1' WHEN 1 THEN 'V1' ELSE 'T2' END,
  '2026-10-' || CASE WHEN i % 30 < 9 THEN '0' ELSE '' END || (i % 30 + 1), 'visit', 10 FROM n;
WITH RECURSIVE n(i) AS (SELECT 3001 UNION ALL SELECT i + 1 FROM n WHERE i < 3120)
INSERT INTO services (service_id, client_id, station_code, date, type, minutes)
 SELECT 'Z' || i || t, 'X' || i, CASE WHEN i <= 3100 THEN 'C' ELSE 'R' END, '2026-10-31', t, 10
 FROM n, (SELECT 'phone' AS t UNION ALL SELECT 'visit') AS k;
X
)" >/dev/null || exit 3
# people of the month, where the stations are in list
people() {
	sql "SELECT count(DISTINCT client_id) FROM services WHERE date LIKE '2026-10-%' AND station_code IN ($1)"
}
[ "$(people "'C'")" = 100 ] && [ "$(people "'R'")" = 20 ] && [ "$(people "'T1', 'V1', 'V2'")" -gt 2000 ]
ok $? "the data: 100 people at C, 20 at R, thousands under T1"

run sw-report monthly --month 2026-10 --by station --indicator people_served -f csv
check_rc 0 "by station"
{
	echo "period,station_code,station_name,level,figure,label,value"
	for s in C,青溪县总站,county R,东片中心站,regional T1,梅江镇站,township V1,西村点,village \
		T2,石门镇站,township; do
		echo "2026-10,$s,people_served,people served,$(people "'${s%%,*}'")"
	done
	echo "2026-10,,total,total,people_served,people served,$(people "'C', 'R', 'T1', 'V1', 'V2', 'T2'")"
} >want
check_out "each station's own people, and the total, as SQL counts them distinct" <want

run sw-report monthly --month 2026-10 --by township --indicator people_served -f csv
{
	echo "period,station_code,station_name,level,figure,label,value"
	echo "2026-10,C,青溪县总站,county,people_served,people served,100"
	echo "2026-10,R,东片中心站,regional,people_served,people served,$(people "'R'")"
	echo "2026-10,T1,梅江镇站,township,people_served,people served,$(people "'T1', 'V1', 'V2'")"
	echo "2026-10,T2,石门镇站,township,people_served,people served,$(people "'T2'")"
	echo "2026-10,,total,total,people_served,people served,$(people "'C', 'R', 'T1', 'V1', 'V2', 'T2'")"
} >want
check_out "by township: a person served by a township and its village counts once" <want

# the form's subtotals: people served is the last but two cells of a row
# of the services section
run sw-report monthly --month 2026-10 -f html -o r.html
check_rc 0 "-f html"
sed -n '/<h2>Services<\/h2>/,/<\/table>/s/^<tr\( class="[a-z]*"\)*><th scope="row">\([^<]*\)<\/th>.*<td>\([^<]*\)<\/td><td>[^<]*<\/td><td>[^<]*<\/td><\/tr>$/\2,\3/p' \
	r.html >got
{
	echo "青溪县总站,100"
	echo "东片中心站,$(people "'R'")"
	echo "梅江镇站,$(people "'T1'")"
	echo "西村点,$(people "'V1'")"
	echo "梅江镇站 subtotal,$(people "'T1', 'V1', 'V2'")"
	echo "石门镇站,$(people "'T2'")"
	echo "东片中心站 subtotal,$(people "'R', 'T1', 'V1', 'V2', 'T2'")"
	echo "total,$(people "'C', 'R', 'T1', 'V1', 'V2', 'T2'")"
} >want
cmp -s want got
s=$?
ok $s "each subtree's subtotal counts its people once"
[ $s = 0 ] || diff want got | sed 's/^/#   /'

done_testing
