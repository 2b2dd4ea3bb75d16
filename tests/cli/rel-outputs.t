#!/bin/sh
# Safe outputs (issue 12): -o and --rejects never follow a symbolic link nor
# overwrite an input; CSV and TSV outputs neutralise spreadsheet formulas
# (--raw keeps them) and import back as stored; the rejects are written
# before the commit; table and md show control characters and escape markup.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

cat >st.csv <<'X'
code,name,level,parent_code,address
A1,=1+2,county,,@SUM(1)
A2,-5,township,A1,+3.5
A3,-1e3,township,A1,-2+3
A4,'=已中和,township,A1,普通地址
X
run sw-station import -q st.csv
check_rc 0 "stations with formula-like names import"

# --- 1. symbolic links -----------------------------------------------------
echo secret >victim
ln -s victim link.csv
expect_fail 3 "sw-station: link.csv: is a symbolic link: give the path of the file itself" \
	sw-station export -o link.csv
[ -L link.csv ] && [ "$(cat victim)" = secret ]
ok $? "-o to a symlink: the link's target is not overwritten, the link stays"
db_snap
printf 'code,name,level\nZ1,某站,nowhere\nZ2,好站,township\n' >bad.csv
expect_fail 3 "sw-station: link.csv: is a symbolic link: give the path of the file itself" \
	sw-station import --rejects link.csv bad.csv
[ "$(cat victim)" = secret ]
ok $? "--rejects to a symlink: its target is not overwritten"
db_same "--rejects to a symlink: nothing imported either"
ln -s not-there dangling.csv
expect_fail 3 "sw-station: dangling.csv: is a symbolic link: give the path of the file itself" \
	sw-station export -o dangling.csv
[ ! -e not-there ] && [ -L dangling.csv ]
ok $? "a dangling link: no file created where it points"
[ -z "$(ls | grep tmp)" ]
ok $? "no temporary file left behind"
mkdir sub
ln -s sub dirlink
run sw-station export -o dirlink/out.csv
[ "$rc" = 0 ] && [ -f sub/out.csv ] && [ ! -L sub/out.csv ]
ok $? "a link earlier in the path is followed: only the last name must not be one"
sw-station export -o /dev/stdout 2>stdout.err | cat >piped.csv
[ "$(head -1 piped.csv)" = "code,name,level,parent_code,division_code,address,opened_on,closed_on,reports,approval,operator_org" ] &&
	[ ! -s stdout.err ]
ok $? "-o /dev/stdout into a pipe: a link to a FIFO is written in place"
ln -s /dev/null mynull
run sw-station export -o mynull
[ "$rc" = 0 ] && [ -L mynull ] && [ -c /dev/null ]
ok $? "-o to one's own link to /dev/null: written in place"
if [ "$(id -u)" = 0 ] && chown -h nobody mynull 2>/dev/null; then
	expect_fail 3 "sw-station: mynull: is a symbolic link: give the path of the file itself" \
		sw-station export -o mynull
else
	ok 0 "# SKIP not root: cannot make a link owned by another user"
fi

# --- 2. formulas -----------------------------------------------------------
run sw-station export
check_out "export: formulas get a leading ', numbers stay numbers" <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on,reports,approval,operator_org
A1,'=1+2,county,,,'@SUM(1),,,,,
A2,-5,township,A1,,+3.5,,,,,
A3,-1e3,township,A1,,'-2+3,,,,,
A4,'=已中和,township,A1,,普通地址,,,,,
X
[ "$(sql "select name from stations where code = 'A4'")" = "=已中和" ]
ok $? "import reads a neutralised cell back as the value it stands for"
run sw-station export -f tsv -o out.tsv
[ "$(sed -n 2p out.tsv)" = "$(printf "A1\t'=1+2\tcounty\t\t\t'@SUM(1)\t\t\t\t\t")" ]
ok $? "-f tsv -o: neutralised too"
run sw-station export --raw
check_out "--raw: as stored, for pipes that are no spreadsheet" <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on,reports,approval,operator_org
A1,=1+2,county,,,@SUM(1),,,,,
A2,-5,township,A1,,+3.5,,,,,
A3,-1e3,township,A1,,-2+3,,,,,
A4,=已中和,township,A1,,普通地址,,,,,
X
run sw-station export -f json
check_out_has '"name":"=1+2"' "JSON is not for spreadsheets: left as it is"
# (control characters typed into the SQL: char() is SQLite's, chr() the server's)
sql "update stations set address = '$(printf '\t')=1', name = '$(printf '\r')+x' where code = 'A2'"
run sw-station export
check_out_has "A2,\"'$(printf '\r')+x\",township,A1,,'$(printf '\t')=1,,,," \
	"a leading TAB or CR is neutralised too"
sql "update stations set address = '+3.5', name = '-5' where code = 'A2'"
run sw-station export -o round.csv
round=$(other_db round) || exit 3
SW_DB=$round run sw-station import -q round.csv
SW_DB=$round run sw-station export
cmp -s .out round.csv
ok $? "export, import, export: the same file (round trip)"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
cat >clients.csv <<'X'
client_id,name,gender,id_number,station_code
C1,=cmd|' /C calc'!A0,female,339901195003150024,QX-001
C2,-2+3,male,339901195003150016,QX-001
X
run sw-case import clients.csv
check_rc 0 "clients with formula names import"
run sw-case export --mask
check_out_has "C1,'=**" "--mask: a masked formula is still neutralised"
check_out_has "C2,'-**" "--mask: so is a masked -2+3"
printf 'service_id,client_id,station_code,worker_id,date,type,minutes,note\n' >sv.csv
printf 'S1,C1,QX-001,W007,2026-06-15,phone,10,"=HYPERLINK(""http://x"",""y"")"\n' >>sv.csv
run sw-case import --table services sv.csv
check_rc 0 "a service with a formula note imports"
printf 'a-long-secret-key-for-tests\n' >key
run sw-case export --table services --pseudonymize --key-file key
check_out_has "'=HYPERLINK" "--pseudonymize: a note that is a formula is neutralised"
printf 'code,name,level\nR1,=1+2,nowhere\n' >rej-in.csv
run sw-station import --rejects rej.csv rej-in.csv
[ "$(sed -n 2p rej.csv | cut -d, -f1-3)" = "R1,'=1+2,nowhere" ]
ok $? "--rejects: the rejected row's formula is neutralised"
run sw-case check --table clients --fix -o fixed.csv clients.csv
grep -q "^C1,'=cmd|' /C calc'!A0,female" fixed.csv
ok $? "check --fix -o: neutralised too"

# --- 5. an output that is an input -------------------------------------------
cp bad.csv keep.csv
db_snap
for dry in "" --dry-run; do
	expect_fail 2 "sw-station: --rejects bad.csv: is the input file bad.csv: name another file" \
		sw-station import $dry --rejects bad.csv bad.csv
	cmp -s bad.csv keep.csv
	ok $? "--rejects naming the input${dry:+ ($dry)}: the input is left whole"
done
ln bad.csv hard.csv
expect_fail 2 "sw-station: --rejects hard.csv: is the input file bad.csv: name another file" \
	sw-station import --rejects hard.csv bad.csv
db_same "refused before anything is read: nothing imported"
cp clients.csv c2.csv
expect_fail 2 "sw-case: -o c2.csv: is the input file c2.csv: name another file" \
	sw-case check --table clients --fix -o c2.csv c2.csv
cmp -s c2.csv clients.csv
ok $? "check --fix -o naming its input: the input is left whole"
cp "$SAMPLE/seekers.csv" sk.csv
cp "$SAMPLE/vacancies.csv" vc.csv
expect_fail 2 "sw-match: -o vc.csv: is the input file vc.csv: name another file" \
	sw-match rank --seekers sk.csv --vacancies vc.csv -o vc.csv
cmp -s vc.csv "$SAMPLE/vacancies.csv"
ok $? "rank -o naming its --vacancies: the input is left whole"

# --- 6. the rejects are written before the commit ----------------------------
if [ -w /dev/full ]; then
	printf 'code,name,level\nM1,某站,nowhere\nM2,好站,township\n' >mixed.csv
	db_snap
	run sw-station import --rejects /dev/full mixed.csv
	check_rc 3 "rejects that cannot be written: status 3"
	check_err_has "sw-station: nothing imported: the whole command was rolled back" \
		"and the message says nothing was imported"
	db_same "status 3 means nothing written: the good row was rolled back"
else
	for i in 1 2 3; do ok 0 "# SKIP no /dev/full"; done
fi

# --- 9. control characters and markup ----------------------------------------
sql "update stations set name = '$(printf '\033]0;pwned\007\033[2J\302\233\177\tx')' where code = 'A1'"
sql "update stations set name = '<script>alert(1)</script> | *b* [l](u) a&b' where code = 'A2'"
run sw-station list -f table
! grep -q "$(printf '[\001-\010\013-\037\177]')" .out && ! grep -q "$(printf '\302[\200-\237]')" .out
ok $? "table: no control character reaches the terminal"
check_out_has ' \x1b]0;pwned\x07\x1b[2J\u009b\x7f\tx ' \
	"table: ESC, BEL, C1, DEL and TAB shown as backslash escapes"
run sw-station list -f md
check_out_has '| \\x1b\]0;pwned\\x07\\x1b\[2J\\u009b\\x7f\\tx ' "md: controls visible, escaped for Markdown"
check_out_has '| &lt;script&gt;alert(1)&lt;/script&gt; \| \*b\* \[l\](u) a&amp;b |' \
	"md: HTML and Markdown metacharacters escaped"

done_testing
