#!/bin/sh
# Files recognised by their content, not their name (issue 10): Excel's
# "Unicode text" (UTF-16LE, tabs), UTF-16 CSV, semicolon CSV, and the files
# people hand over instead of a register, each refused in one line.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv"
check_rc 0 "sample stations import"

utf16() { iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; }; }

# Excel: Save as "Unicode text": UTF-16LE with a BOM, tab-separated, CRLF.
printf '档案号\t姓名\t所属站点\r\nU1\t王桂兰\tQX-001\r\nU2\t李长生\tQX-002\r\n' | utf16 >unicode.txt
run sw-case import unicode.txt
check_rc 0 "Excel's Unicode text imports"
[ "$(sql "select client_id||name from clients order by client_id" | paste -sd, -)" = "U1王桂兰,U2李长生" ]
ok $? "decoded and split on tabs"
printf '档案号,姓名,所属站点\nU3,赵德福,QX-001\n' | utf16 >u16.csv
run sw-case import u16.csv
check_rc 0 "UTF-16 CSV imports"
printf '档案号,姓名,所属站点\nU4,钱秀英,QX-001\n' | iconv -f UTF-8 -t UTF-16LE >nobom.csv
run sw-case import nobom.csv
check_rc 0 "UTF-16LE without a BOM is recognised"
printf '档案号;姓名;所属站点;家庭住址\nU5;孙玉珍;QX-001;青溪街道,南岭路\n' >semi.csv
run sw-case import semi.csv
check_rc 0 "semicolon-separated text imports"
[ "$(sql "select address from clients where client_id='U5'")" = "青溪街道,南岭路" ]
ok $? "a comma inside a field stays in it"
printf '档案号\t姓名\t所属站点\nU6\t周丽\tQX-001\n' >tabs.tsv
run sw-case import tabs.tsv
check_rc 0 "tab-separated UTF-8 imports"

# Not a register: refused at once, naming what it is.
db_snap
printf '%%PDF-1.7\n%%\342\343\317\323\n1 0 obj\n' >report.csv
expect_fail 1 'sw-case: report.csv: a PDF document: save the table from the program that made it as .xlsx or CSV' sw-case import report.csv
printf '\320\317\021\340\241\261\032\341\000\000\000\000' >old.xls
expect_fail 1 'sw-case: old.xls: a damaged Excel 97-2003 workbook (.xls): open it in Excel or WPS and save it as .xlsx or CSV UTF-8' sw-case import old.xls
printf '<html><body><table><tr><td>档案号</td></tr></table></body></html>\n' >export.xls
expect_fail 1 'sw-case: export.xls: an HTML page (some systems save those as .xls): open it in Excel or WPS and save it as .xlsx or CSV UTF-8' sw-case import export.xls
mkdir -p d/word e && echo '<w:document/>' >d/word/document.xml && echo x >e/a.csv
(cd d && zip -q ../letter.docx word/document.xml) && (cd e && zip -q ../bundle.zip a.csv)
expect_fail 1 'sw-case: letter.docx: a Word document (.docx): copy the table into Excel or WPS and save it as .xlsx or CSV UTF-8' sw-case import letter.docx
expect_fail 1 'sw-case: bundle.zip: a zip archive: unpack it and give the spreadsheet inside' sw-case import bundle.zip
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "%c%c", 1 + i % 8, 65 + i % 26 }' >noise.bin
expect_fail 1 'sw-case: noise.bin: a binary file, not text or a spreadsheet' sw-case import noise.bin
expect_fail 1 'sw-case: -: a PDF document: save the table from the program that made it as .xlsx or CSV' sh -c 'sw-case import - <report.csv'
# (a station's SQLite database file, whichever backend is under test)
SW_DB=$T/copy.db sw-station import -q "$SAMPLE/stations.csv" 2>/dev/null
expect_fail 1 "sw-case: copy.db: an SQLite database: give it with --db, not as an input file" sw-case import copy.db
expect_fail 1 'sw-case: report.csv: a PDF document: save the table from the program that made it as .xlsx or CSV' sw-case check report.csv
db_same "nothing of them is stored"

done_testing
