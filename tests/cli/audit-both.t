#!/bin/sh
# backends: sqlite pg
# audit --verify and the trail's listing, the same on a SQLite file and on
# a PostgreSQL server for the same rows. On SQLite the tools import the
# sample; on a server the same rows are copied in with psql, table by
# table (the tools' imports run there once ported), and the server's own
# triggers record them: the same entries, row hashes included, and the
# same findings when rows change behind the trail's back (there, as its
# superuser may, with the triggers turned off).
. "$SW_TOP/tests/cli/lib.sh"

sample=$SW_DB
[ "$BACKEND" = pg ] && sample=$T/sample.db
run env SW_DB="$sample" sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run env SW_DB="$sample" sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv" \
	"$SAMPLE/activities.csv"
check_rc 0 "the sample imported"
if [ "$BACKEND" = pg ]; then
	for t in stations workers clients cases services activities; do
		cols=$(sqlite3 "$sample" "SELECT group_concat('\"' || name || '\"', ',') FROM pragma_table_info('$t')")
		sqlite3 -csv "$sample" "SELECT * FROM $t" | psql -X -q -v ON_ERROR_STOP=1 "$SW_DB" \
			-c "\\copy $t ($cols) FROM STDIN WITH (FORMAT csv)" || exit 3
	done
fi

run sw-case audit --verify
check_rc 0 "the trail verifies"
check_out_has "257 entries verified, head " "each row's entry"
head=$(sed 's/.*, head //' .out)
run sw-case audit --verify --head "$head"
check_rc 0 "against its own head"
expect_fail 1 "sw-case: audit: --head: head abababababababababababababababababababababababababababababababab is not in the trail (commands removed, or the trail rewritten)" \
	sw-case audit --verify --head abababababababababababababababababababababababababababababababab
run sw-case audit -f csv
cut -d, -f1,4-7 .out | sed -n '1,3p;22,24p;256,258p' >.cut
check_rc 0 "the trail listed"
cp .cut .out
check_out "the same entries, in the same order" <<'X'
seq,action,tbl,row_key,detail
1,insert,stations,QX,
2,insert,stations,QX-E,
21,insert,stations,QX-104002,
22,insert,workers,W001,
23,insert,workers,W002,
255,insert,activities,A2026015,
256,insert,activities,A2026016,
257,insert,activities,A2026017,
X
[ "$(sql "SELECT count(DISTINCT new_hash) FROM audit_entry")" = 257 ]
ok $? "a hash of each row"

behind "UPDATE clients SET phone = '13911110000' WHERE client_id = 'QX-C0003'"
behind "DELETE FROM cases WHERE case_id = 'K2026002'"
behind "INSERT INTO clients (client_id, name, station_code) VALUES ('QX-C9999', '甄假', 'QX-001')"
behind "UPDATE services SET minutes = minutes + 30 WHERE service_id = 'S00081'"
run sw-case audit --verify
check_rc 1 "rows changed behind the trail's back: status 1"
check_err "each named with its table, key and kind of difference, no value" <<'X'
sw-case: audit: clients QX-C0003: changed behind the tool's back
sw-case: audit: clients QX-C9999: inserted behind the tool's back
sw-case: audit: cases K2026002: deleted behind the tool's back
sw-case: audit: services S00081: changed behind the tool's back
X
run sw-case audit --verify --lang zh
check_err "in Chinese" <<'X'
sw-case: 审计：clients QX-C0003：被绕过本工具修改
sw-case: 审计：clients QX-C9999：被绕过本工具添加
sw-case: 审计：cases K2026002：被绕过本工具删除
sw-case: 审计：services S00081：被绕过本工具修改
X

done_testing
