#!/bin/sh
# Limits that keep one hostile line from eating the machine: a record of
# more than 2 MiB stops the file at its line, in flat memory and at once;
# a row with more fields than its header and a margin of 64 is refused.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
db_snap
# 60 MB of commas on one line after a good header, then a good row
{ head -n 1 "$SAMPLE/clients.csv"; head -c 60000000 /dev/zero | tr '\0' ,; echo
  sed -n 2p "$SAMPLE/clients.csv"; } >commas.csv
if [ -x /usr/bin/time ] && [ -z "${VALGRIND:-}" ]; then
	/usr/bin/time -f '%M %e' -o "$T/.time" sw-case import commas.csv >/dev/null 2>"$T/.err"
	rc=$?
	read -r kb secs <<X
$(tail -n 1 "$T/.time")
X
	[ "$kb" -lt 65536 ]
	ok $? "a 60 MB line: memory stays flat (${kb} KiB)"
	[ "$(awk -v s="$secs" 'BEGIN { print (s < 5) }')" = 1 ]
	ok $? "a 60 MB line: refused at once (${secs} s)"
else
	run sw-case import commas.csv
	ok 0 "# SKIP /usr/bin/time missing (or under valgrind)"
	ok 0 "# SKIP /usr/bin/time missing (or under valgrind)"
fi
check_rc 1 "a 60 MB line: refused"
check_err "a 60 MB line: named by its line, the file not imported" <<'X'
sw-case: commas.csv:2: row longer than 2 MiB (is a closing quote missing?) (file not imported)
X
db_same "a 60 MB line: nothing stored"

# the same line without a header, and on standard input
head -c 60000000 /dev/zero | tr '\0' , >nohdr.csv
run_in nohdr.csv sw-case import
check_err "a 60 MB first line on stdin: refused with its line" <<'X'
sw-case: -:1: row longer than 2 MiB (is a closing quote missing?)
X
# a quote never closed: the record runs on over many short lines
{ head -n 1 "$SAMPLE/clients.csv"; sed -n 2p "$SAMPLE/clients.csv"
  printf 'C9,"甄某\n'; awk 'BEGIN { for (i = 0; i < 300000; i++) print "0123456789" }'; } >quote.csv
expect_fail 1 'sw-case: quote.csv:3: row longer than 2 MiB (is a closing quote missing?) (file not imported)' \
	sw-case import quote.csv
run sw-case check quote.csv
check_err_has 'quote.csv:3: row longer than 2 MiB' "check: the same limit"
db_same "nothing stored by any of them"

# fields: the header's width and a margin of 64 for empty trailing cells
awk 'BEGIN { print "code,name,level";
	printf "W2,w,county"; for (i = 3; i < 67; i++) printf ","; print "";
	printf "W3,w,county"; for (i = 3; i < 68; i++) printf ","; print "";
	printf "W4,w,county"; for (i = 3; i < 1000000; i++) printf ",x"; print "" }' >wide.csv
run sw-station import wide.csv
check_rc 1 "a row wider than its header and 64 is rejected"
check_err "the others are stored; each wide row named" <<'X'
sw-station: wide.csv:3: more than 67 fields: clear the cells to the right of the table
sw-station: wide.csv:4: more than 67 fields: clear the cells to the right of the table
sw-station: wide.csv: read 3, inserted 1, updated 0, unchanged 0, rejected 2
X
[ "$(sql "select code from stations where code like 'W_'")" = W2 ]
ok $? "67 fields (64 of them empty) are a row"

# a workbook's row: the same 2 MiB (70 cells of 32,000 characters, each
# within Excel's limit), before the header of the sheet is matched
if command -v zip >/dev/null 2>&1; then
	mkdir -p xl/_rels xl/xl/_rels xl/xl/worksheets
	ct='<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
	printf '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>%s</Types>' "$ct" >'xl/[Content_Types].xml'
	rel='http://schemas.openxmlformats.org/officeDocument/2006/relationships'
	printf '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' "$rel" >xl/_rels/.rels
	printf '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' "$rel" >xl/xl/_rels/workbook.xml.rels
	printf '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>' "$rel" >xl/xl/workbook.xml
	awk 'BEGIN { x = "x"; while (length(x) < 32000) x = x x; x = substr(x, 1, 32000)
		printf "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		printf "<row r=\"1\">"; for (i = 0; i < 70; i++) printf "<c t=\"inlineStr\"><is><t>%s</t></is></c>", x
		printf "</row></sheetData></worksheet>" }' >xl/xl/worksheets/sheet1.xml
	(cd xl && zip -qr ../long.xlsx .)
	expect_fail 1 'sw-station: long.xlsx[s]:1: row longer than 2 MiB' \
		sw-station import long.xlsx
else
	ok 0 "# SKIP zip missing"
fi

done_testing
