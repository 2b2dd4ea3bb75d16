#!/bin/sh
# backends: sqlite pg
# sw-station import: header aliases, upsert, summaries, rejects, dry run, strict.
. "$SW_TOP/tests/cli/lib.sh"

cat >st.csv <<'X'
编号,名称,层级,上级编号,区划代码,地址,成立日期,撤销日期
T1,梅江镇社工站,乡镇（街道）社工站,R1,,梅江镇,2021年9月1日,
R1,东片区域中心站,区域性中心社工站,C1,,,2021/06/15,
C1,青溪县社工总站,县级社工总站,,,,2021.03.01,
X
run sw-station import st.csv
check_rc 0 "children before parents import"
check_err "summary on stderr" <<'X'
sw-station: st.csv: read 3, inserted 3, updated 0, unchanged 0, rejected 0
X
check_out "quiet stdout" </dev/null
run sw-station export
check_out "export is canonical and re-importable" <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on,reports,approval,operator_org
C1,青溪县社工总站,county,,,,2021-03-01,,,,
R1,东片区域中心站,regional,C1,,,2021-06-15,,,,
T1,梅江镇社工站,township,R1,,梅江镇,2021-09-01,,,,
X
cp .out export.csv
run sw-station import export.csv
check_err "re-import changes nothing" <<'X'
sw-station: export.csv: read 3, inserted 0, updated 0, unchanged 3, rejected 0
X
run sw-station import st.csv
check_rc 0 "re-running the same file is safe"
check_err_has "read 3, inserted 0, updated 0, unchanged 3, rejected 0" "second run unchanged"

printf 'code,name,level,parent_code\nT1,梅江镇社会工作站,township,R1\n' >upd.csv
run sw-station import upd.csv
check_err_has "read 1, inserted 0, updated 1, unchanged 0, rejected 0" "changed name counts as updated"
[ "$(sql "select name||'|'||address from stations where code='T1'")" = "梅江镇社会工作站|梅江镇" ]
ok $? "absent columns keep their stored values"

cat >bad.csv <<'X'
code,name,level,parent_code,opened_on
V1,东村服务点,镇站,T1,2022-01-01
V2,西村服务点,village,T1,2022-02-30
V3,南村服务点,village,NOPE,2022-01-01
V4,北村服务点,county,T1,2022-01-01
V5,,village,T1,2022-01-01
V6,中村服务点,village,T1,2022-01-01
X
run sw-station import --rejects rej.csv bad.csv
check_rc 1 "rejected rows give status 1"
check_err "each bad row named with line and column" <<'X'
sw-station: bad.csv:2: level: unknown value "镇站" (expected county, regional, township, village)
sw-station: bad.csv:3: opened_on: impossible date
sw-station: bad.csv:5: parent_code: parent "T1" is township, not above county
sw-station: bad.csv:6: name: required
sw-station: bad.csv:4: parent_code: unknown station "NOPE"
sw-station: bad.csv: read 6, inserted 1, updated 0, unchanged 0, rejected 5
X
run cat rej.csv
check_out "rejects file keeps rows unchanged with line and error" <<'X'
code,name,level,parent_code,opened_on,line,error
V1,东村服务点,镇站,T1,2022-01-01,2,"level: unknown value ""镇站"" (expected county, regional, township, village)"
V2,西村服务点,village,T1,2022-02-30,3,opened_on: impossible date
V4,北村服务点,county,T1,2022-01-01,5,"parent_code: parent ""T1"" is township, not above county"
V5,,village,T1,2022-01-01,6,name: required
V3,南村服务点,village,NOPE,2022-01-01,4,"parent_code: unknown station ""NOPE"""
X
[ "$(sql "select count(*) from stations")" = 4 ]
ok $? "good rows of a file with bad rows are stored"

printf 'code,name,level,parent_code\nV7,七村服务点,village,T1\nV8,八村,镇站,T1\n' >strict.csv
run sw-station import --strict strict.csv
check_rc 1 "--strict fails"
check_err "--strict names the row and stores nothing" <<'X'
sw-station: strict.csv:3: level: unknown value "镇站" (expected county, regional, township, village)
sw-station: strict.csv: --strict: nothing imported
X
[ "$(sql "select count(*) from stations where code='V7'")" = 0 ]
ok $? "--strict rolled back the good row"

printf 'code,name,level,parent_code\nV7,七村服务点,village,T1\n' >dry.csv
run sw-station import --dry-run dry.csv
check_rc 0 "dry run succeeds"
check_err_has "read 1, inserted 1, updated 0, unchanged 0, rejected 0 (dry run: nothing written)" "dry run reports"
[ "$(sql "select count(*) from stations where code='V7'")" = 0 ]
ok $? "dry run writes nothing"

run_in dry.csv sw-station import -q -
check_rc 0 "- reads stdin"
check_err "-q silences the summary" </dev/null
if [ "$BACKEND" = sqlite ]; then	# (a server's files are its own)
	[ "$(stat -c %a sw.db)" = 600 ]
	ok $? "database created mode 0600"
fi

done_testing
