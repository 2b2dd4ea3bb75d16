#!/bin/sh
# Files for people open right (issue 13): rejects and fixed files come back
# in the encoding of the file they came from, --output-encoding says
# otherwise, pipes stay UTF-8; human formats speak Chinese under zh, and
# an export in Chinese imports back to the same state.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
bom=$(printf '\357\273\277')

cat >net.csv <<'X'
code,name,level,parent_code
T,青溪街道社工站,township,
G1,东村社工服务点,village,T
G2,西村社工服务点,乡村,T
G3,南村社工服务点,village,NOPE
X
cat >want.csv <<'X'
code,name,level,parent_code,line,error
G2,西村社工服务点,乡村,T,4,"level: unknown value ""乡村"" (expected county, regional, township, village)"
G3,南村社工服务点,village,NOPE,5,"parent_code: unknown station ""NOPE"""
X
iconv -f UTF-8 -t GB18030 net.csv >gb.csv
{ printf '\357\273\277'; cat net.csv; } >bom.csv

# --- rejects ---
run sw-station import --encoding gb18030 --rejects r.csv gb.csv
check_rc 1 "a GB18030 file with two bad rows"
iconv -f GB18030 -t UTF-8 r.csv | cmp -s - want.csv && ! cmp -s r.csv want.csv
ok $? "its rejects are GB18030: the same text, other bytes"
fresh_db
run sw-station import --rejects r.csv gb.csv
iconv -f GB18030 -t UTF-8 r.csv | cmp -s - want.csv
ok $? "GB18030 recognised without --encoding: rejects in GB18030"
fresh_db
run sw-station import --rejects r.csv net.csv
cmp -s r.csv want.csv
ok $? "a UTF-8 file's rejects are UTF-8, without a BOM"
fresh_db
run sw-station import --rejects r.csv bom.csv
{ printf '\357\273\277'; cat want.csv; } | cmp -s - r.csv
ok $? "a UTF-8 file with a BOM gives rejects with a BOM"
fresh_db
run sw-station import --output-encoding utf-8-bom --rejects r.csv gb.csv
[ "$(head -c 3 r.csv)" = "$bom" ] && tail -c +4 r.csv | cmp -s - want.csv
ok $? "--output-encoding utf-8-bom: EF BB BF, then UTF-8"
fresh_db
run sw-station import --output-encoding UTF-8 --rejects r.csv gb.csv
cmp -s r.csv want.csv
ok $? "--output-encoding utf-8 (any case) for a GB18030 file's rejects"
fresh_db
sw-station import --rejects - gb.csv 2>/dev/null | cat >piped.csv
cmp -s piped.csv want.csv
ok $? "rejects into a pipe stay plain UTF-8"
fresh_db
sw-station import --rejects - gb.csv >redirected.csv 2>/dev/null
iconv -f GB18030 -t UTF-8 redirected.csv | cmp -s - want.csv
ok $? "standard output redirected to a file is a file: GB18030"
fresh_db
run sw-station import --rejects r.csv net.csv gb.csv
iconv -f UTF-8 -t UTF-8 r.csv >/dev/null 2>&1 && [ "$(grep -c 西村社工服务点 r.csv)" = 2 ]
ok $? "rejects of several files are in the first one's encoding"

# --- check --fix ---
cat >cl.csv <<'X'
档案号,姓名,性别,所属站点,人员类别
QX-C1,王芳,女,T,老人；低保
X
cat >cl-fixed.csv <<'X'
client_id,name,gender,station_code,categories
QX-C1,王芳,female,T,elderly;low_income
X
iconv -f UTF-8 -t GB18030 cl.csv >cl-gb.csv
run sw-case check --encoding gb18030 --fix -o fixed.csv cl-gb.csv
check_rc 0 "check --fix of a GB18030 file"
iconv -f GB18030 -t UTF-8 fixed.csv | cmp -s - cl-fixed.csv
ok $? "the fixed file is GB18030 too"
run sw-case check --encoding gb18030 --output-encoding utf-8-bom --fix -o fixed.csv cl-gb.csv
{ printf '\357\273\277'; cat cl-fixed.csv; } | cmp -s - fixed.csv
ok $? "unless --output-encoding says otherwise"
sw-case check --encoding gb18030 --fix -o - cl-gb.csv | cat >fixed.csv
cmp -s fixed.csv cl-fixed.csv
ok $? "check --fix -o - into a pipe: plain UTF-8"

# --- listings ---
fresh_db
sw-station import net.csv 2>/dev/null
run sw-station list -o l.csv
check_rc 0 "a listing to a file"
run sw-station list --output-encoding gb18030 -o lgb.csv
iconv -f GB18030 -t UTF-8 lgb.csv | cmp -s - l.csv && ! cmp -s lgb.csv l.csv && grep -q 青溪 l.csv
ok $? "-o X.csv --output-encoding gb18030: the listing in GB18030, UTF-8 without"
run sw-station list -f table --output-encoding gb18030
iconv -f GB18030 -t UTF-8 .out | grep -q '^T *青溪街道社工站'
ok $? "a table on standard output, when asked, in GB18030 too"
expect_fail 2 'sw-station: --output-encoding: unknown encoding "latin1" (expected utf-8, utf-8-bom, gb18030)' \
	sw-station list --output-encoding latin1
expect_fail 2 'sw-station: --output-encoding: JSON is always UTF-8' \
	sw-station list -f json --output-encoding gb18030
expect_fail 2 'sw-station: --output-encoding: JSON is always UTF-8' \
	sw-station list --output-encoding utf-8-bom -f jsonl
run sw-station list -f json --output-encoding utf-8
check_rc 0 "-f json --output-encoding utf-8 is fine"
run sw-case import --lang zh --output-encoding x net.csv
check_rc 2 "a bad value is a usage error in Chinese too"
check_err_has '未知的编码“x”' "and says so in Chinese"
expect_fail 2 'sw-station: --labels: expected zh or en' sw-station list --labels fr

# --- Chinese titles and words ---
run sw-station list -f table --lang zh
check_out "-f table under --lang zh: Chinese titles and words" <<'X'
编号  名称            层级                上级编号  区划代码  地址  成立日期  撤销日期
T     青溪街道社工站  乡镇（街道）社工站
G1    东村社工服务点  村居社工服务点      T
X
run sw-station list -f table --lang en
check_out "the same in English" <<'X'
code  name            level     parent_code  division_code  address  opened_on  closed_on
T     青溪街道社工站  township
G1    东村社工服务点  village   T
X
run sw-station list -f md --lang zh
check_out_has '| 编号 | 名称 ' "-f md under zh: Chinese titles"
run sw-station list -f table --lang zh --labels en
check_out_has 'code  name' "--labels en keeps a table English under zh"
run sw-station list -f csv --lang zh
check_out "-f csv under zh keeps the English names and keys" <<'X'
code,name,level,parent_code,division_code,address,opened_on,closed_on
T,青溪街道社工站,township,,,,,
G1,东村社工服务点,village,T,,,,
X
run sw-station list -f json --labels zh
check_out_has '{"编号":"T","名称":"青溪街道社工站","层级":"乡镇（街道）社工站"' "-f json --labels zh"

# --- export --labels zh imports back to the same state ---
fresh_db
sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv" 2>/dev/null
sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv" \
	"$SAMPLE/activities.csv" 2>/dev/null
for t in stations workers; do
	sw-station export --table $t >$t.en
	sw-station export --table $t --labels zh >$t.zh
done
for t in clients cases services activities; do
	sw-case export --table $t >$t.en
	sw-case export --table $t --labels zh >$t.zh
done
[ "$(head -1 clients.zh)" = "档案号,姓名,性别,出生日期,身份证号,联系电话,站点编号,人员类别,户籍,地址,建档日期" ]
ok $? "export --labels zh: Chinese headers"
grep -q ',老年人、低保,本地户籍,' clients.zh && grep -q ',乡镇（街道）社工站,' stations.zh
ok $? "and Chinese words, a set's joined by 、"
SW_DB=$(other_db zh) || exit 3
run sw-station import stations.zh workers.zh
check_rc 0 "the Chinese stations and workers import into a fresh database"
run sw-case import clients.zh cases.zh services.zh activities.zh
check_rc 0 "so do the clients, cases, services and activities, tables recognised"
s=0
for t in stations workers; do sw-station export --table $t | cmp -s - $t.en || s=1; done
for t in clients cases services activities; do sw-case export --table $t | cmp -s - $t.en || s=1; done
ok $s "and export exactly as the original database"

done_testing
