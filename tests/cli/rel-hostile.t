#!/bin/sh
# Hostile CSV: every malformed or oversized file a spreadsheet, a script or a
# careless hand can produce. Each gives a message naming the file and line,
# the documented exit status, and leaves the database as it was when the
# file is refused.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

cat >base.csv <<'X'
code,name,level,parent_code
C,青溪县社工总站,county,
T,梅江镇社工站,township,C
X
run sw-station import base.csv
check_rc 0 "a small network to protect"
cnt() { sql "select (select count(*) from stations)||'/'||(select count(*) from workers)"; }

# --- files that cannot be used at all -----------------------------------
db_snap
: >empty.csv
expect_fail 1 'sw-station: empty.csv: empty file (a header row is required)' \
	sw-station import empty.csv
printf '\n  \r\n\n' >blank.csv
expect_fail 1 'sw-station: blank.csv: empty file (a header row is required)' \
	sw-station import blank.csv
db_same "empty files change nothing"

printf 'code,name,level,parent_code\n' >hdr.csv
run sw-station import hdr.csv
check_rc 0 "a header alone is a valid, empty import"
check_err "header only: nothing read" <<'X'
sw-station: hdr.csv: read 0, inserted 0, updated 0, unchanged 0, rejected 0
X
db_same "header only changes nothing"

printf 'code,level\nX1,county\n' >miss.csv
expect_fail 1 'sw-station: miss.csv:1: name: missing required column' sw-station import miss.csv
printf 'code,name,名称,level\nX1,甲,乙,county\n' >twice.csv
expect_fail 1 'sw-station: twice.csv:1: name: column given twice ("name" and "名称")' \
	sw-station import twice.csv
printf 'code,name,name,level\nX1,甲,乙,county\n' >twice2.csv
expect_fail 1 'sw-station: twice2.csv:1: name: column given twice ("name" and "name")' \
	sw-station import twice2.csv
db_same "bad headers change nothing"

# A quote never closed swallows the rest of the file: nothing of the file
# counts, not even the good row before it, nor a good file given first.
cat >unterm.csv <<'X'
code,name,level,parent_code
X1,好站,township,C
X2,"坏站,township,C
X3,又一站,township,C
X
printf 'code,name,level,parent_code\nX0,先站,township,C\n' >good.csv
run sw-station import good.csv unterm.csv
check_rc 1 "unterminated quote: status 1"
check_err "unterminated quote: line where the field starts" <<'X'
sw-station: unterm.csv:3: unterminated quoted field (file not imported)
sw-station: nothing imported: the whole command was rolled back
X
db_same "unterminated quote rolls back the whole command"
printf 'code,name,level\nX1,"a"b,county\nX2,c,county\n' >mq.csv
expect_fail 1 'sw-station: mq.csv:2: malformed quoted field (file not imported)' \
	sw-station import mq.csv
printf 'code,name,level\nX1,"a\nb\nc"d,county\n' >mq2.csv
expect_fail 1 'sw-station: mq2.csv:4: malformed quoted field (file not imported)' \
	sw-station import mq2.csv
db_same "malformed quotes change nothing"

# --- bytes that are not text --------------------------------------------
printf 'code,name,level,parent_code\nX1,甲\000站,township,C\nX2,乙站,township,C\n' >nul.csv
run sw-station import nul.csv
check_rc 1 "NUL byte: row rejected, status 1"
check_err "NUL byte: named by line" <<'X'
sw-station: nul.csv:2: NUL byte in data
sw-station: nul.csv: read 2, inserted 1, updated 0, unchanged 0, rejected 1
X
[ "$(sql "select code from stations where code like 'X%'")" = X2 ]
ok $? "NUL byte: only the clean row stored"
printf 'code,na\000me,level\nX3,丙,county\n' >nulh.csv
expect_fail 1 'sw-station: nulh.csv:1: NUL byte in data' sw-station import nulh.csv
printf 'code,name,level,parent_code\nX4,\377\376bad,township,C\nX5,\300\257,township,C\n' >bad8.csv
db_snap
run sw-station import --strict bad8.csv
check_rc 1 "invalid UTF-8 (and an overlong '/'), --strict: status 1"
check_err "invalid UTF-8: named by line, with the way out" <<'X'
sw-station: bad8.csv:2: invalid UTF-8 (if the file is GB18030, use --encoding gb18030)
sw-station: bad8.csv: --strict: nothing imported
X
db_same "invalid UTF-8 under --strict changes nothing"

# GB18030 bytes read as UTF-8, and UTF-8 read as GB18030 (each as told).
printf '编号,名称,层级,上级编号\nG1,梅江镇社工站,乡镇站,C\n' >utf8.csv
iconv -f UTF-8 -t GB18030 utf8.csv >gb.csv
printf 'code,name,level,parent_code\nG2,梅江镇社工站,township,C\n' | iconv -f UTF-8 -t GB18030 >gbrow.csv
db_snap
expect_fail 1 'sw-station: gb.csv:1: invalid UTF-8 (if the file is GB18030, use --encoding gb18030)' \
	sw-station import --encoding utf-8 gb.csv
run sw-station import --encoding utf-8 gbrow.csv
check_rc 1 "GB18030 row as UTF-8: status 1"
check_err "GB18030 row as UTF-8: rejected with the hint" <<'X'
sw-station: gbrow.csv:2: invalid UTF-8 (if the file is GB18030, use --encoding gb18030)
sw-station: gbrow.csv: read 1, inserted 0, updated 0, unchanged 0, rejected 1
X
expect_fail 1 'sw-station: utf8.csv:1: text is UTF-8, not GB18030 (leave out --encoding)' \
	sw-station import --encoding gb18030 utf8.csv
db_same "wrong encodings change nothing"
run sw-station import --encoding gb18030 gb.csv gbrow.csv
check_rc 0 "the right encoding imports both"
[ "$(sql "select code || '|' || name from stations where code in ('G1','G2') order by code")" = "G1|梅江镇社工站
G2|梅江镇社工站" ]
ok $? "GB18030 stored as the same UTF-8 text"
printf 'code,name,level\nG3,\201' >cut.csv
db_snap
expect_fail 1 'sw-station: cut.csv:2: GB18030 text cut off at end of file (file not imported)' \
	sw-station import --encoding gb18030 cut.csv
db_same "GB18030 cut off changes nothing"

# --- sizes ----------------------------------------------------------------
awk 'BEGIN { printf "code,name,level,parent_code,address\nBIG,大站,township,C,\"";
	for (i = 0; i < 65536; i++) printf "地址,\"\"01234567"; print "\"" }' >big.csv
run sw-station import big.csv
check_rc 0 "a 1 MiB quoted field imports"
awk 'BEGIN { for (i = 0; i < 65536; i++) printf "地址,\"01234567"; print "" }' >big.want
[ "$(wc -c <big.want)" = 1048577 ] && sql "select address from stations where code='BIG'" | cmp -s big.want -
ok $? "the 1 MiB field is stored whole"
run sw-station export -o exp.csv
run sw-station import exp.csv
check_err_has "read 6, inserted 0, updated 0, unchanged 6, rejected 0" "and exports and re-imports unchanged"
awk 'BEGIN { printf "code,name,level,opened_on\nBIG2,n,county,"; for (i = 0; i < 1048576; i++) printf "1"; print "" }' >bigd.csv
db_snap
expect_fail 1 'sw-station: bigd.csv:2: opened_on: value too long' sw-station import bigd.csv
db_same "a 1 MiB date is rejected, nothing stored"

awk 'BEGIN { printf "code,name,level,parent_code"; for (i = 4; i < 10000; i++) printf ",c%d", i;
	printf "\nWIDE,宽站,township,C"; for (i = 4; i < 10000; i++) printf ",v%d", i; print "" }' >wide.csv
db_snap
run sw-station import -q wide.csv
check_rc 1 "10,000 columns: refused, no column dropped silently"
[ "$(grep -c '^sw-station: wide.csv:1: c[0-9]*: not a column of stations; rename it to one of its columns, or leave it out with --ignore-column c[0-9]*$' .err)" = 9996 ]
ok $? "10,000 columns: each unknown one named once, even under -q"
db_same "10,000 columns: nothing stored"
awk 'BEGIN { printf "code,name,level\nW2,w,county"; for (i = 3; i < 10000; i++) printf ",x"; print "" }' >wide2.csv
db_snap
expect_fail 1 'sw-station: wide2.csv:2: more than 67 fields: clear the cells to the right of the table' sw-station import wide2.csv
db_same "a 10,000-field row under a 3-column header is rejected"

# A million tiny rows (fewer under valgrind, which is 50 times slower).
rows=1000000
[ -n "${VALGRIND:-}" ] && rows=20000
awk -v n=$rows 'BEGIN { print "worker_id,name,station_code,role"; for (i = 0; i < n; i++) printf "w%d,n,T,admin\n", i }' >many.csv
run sw-station import many.csv
check_rc 0 "$rows tiny rows import"
check_err "$rows tiny rows: counted" <<X
sw-station: many.csv: read $rows, inserted $rows, updated 0, unchanged 0, rejected 0
X
[ "$(sql "select count(*) from workers")" = $rows ]
ok $? "$rows tiny rows: all stored"

# --- commas, and SQL in every field ---------------------------------------
printf ',,,\n,,,\n' >commas.csv
db_snap
expect_fail 1 'sw-station: commas.csv: no header row in the first 2 rows: cannot tell the table (stations, divisions, orgs, workers, certificates, supervision, training, volunteers, volunteer_hours, resources, resource_uses, contracts, contract_staffing, spending); the header names the columns (see the man page)' \
	sw-station import commas.csv
run sw-station import --table stations commas.csv
check_err "a header of commas with --table: no header row" <<'X'
sw-station: commas.csv: no header row in the first 2 rows: cannot tell the table (stations, divisions, orgs, workers, certificates, supervision, training, volunteers, volunteer_hours, resources, resource_uses, contracts, contract_staffing, spending); the header names the columns (see the man page)
X
printf 'code,name,level\n,,\n ,　,\n' >commarow.csv
run sw-station import commarow.csv
check_err "rows of only commas (and blanks) are skipped and counted" <<'X'
sw-station: commarow.csv: read 2, inserted 0, updated 0, unchanged 0, skipped 2, rejected 0
X
db_same "lines of commas change nothing"

q="'); DROP TABLE stations;--"
dq='"; DROP TABLE workers;--'
cat >inj.csv <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on
"'); DROP TABLE stations;--","'); DROP TABLE stations;--",township,C,339901,"""; DROP TABLE workers;--",,
X
run sw-station import inj.csv
check_rc 0 "SQL text in every text field imports"
[ "$(sql "select name||'|'||division_code||'|'||address from stations where code = '''); DROP TABLE stations;--'")" = "$q|339901|$dq" ]
ok $? "SQL text stored verbatim"
[ "$(sql "select count(*) from stations, workers, divisions where 1 = 0")" = 0 ]
ok $? "and every table still there"
printf '%s\n' "worker_id,name,station_code,role,certificate,hired_on,left_on" \
	"\"$q\",\"$q\",\"$q\",\"$q\",\"$q\",\"$q\",\"$q\"" >injall.csv
db_snap
run sw-station import injall.csv
check_err "SQL text in every field of a row: every typed column named" <<'X'
sw-station: injall.csv:2: role: unknown value (expected admin, service, supervisor); certificate: unknown value (expected none, assistant, intermediate, senior); hired_on: not a date (expected YYYY-MM-DD); left_on: not a date (expected YYYY-MM-DD)
sw-station: injall.csv: read 1, inserted 0, updated 0, unchanged 0, rejected 1
X
printf '%s\n' "\"$q\",name,level" "X9,n,county" >injhdr.csv
run sw-station import --table stations injhdr.csv
check_err_has "sw-station: injhdr.csv:1: $q: not a column of stations" "SQL text as a header: an unknown column, refused"
expect_fail 2 "sw-station: --table: unknown table \"$q\"" sw-station import --table "$q" base.csv
run sw-station show "$q"
check_out_has "$q" "show finds the record by its SQL-looking code"
db_same "SQL in headers, options and typed fields changes nothing"
[ "$(cnt)" = "7/$rows" ]
ok $? "final counts: nothing lost, nothing doubled"

done_testing
