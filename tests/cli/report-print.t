#!/bin/sh
# Proven with tools we do not write: headless Chromium prints the demo
# county's monthly report by township on at most 3 A4 landscape pages, and
# openpyxl reads back the workbook's cells, the same figures as the CSV.
# Each part is skipped, visibly, when its package is absent (make deps).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import --table divisions "$SAMPLE/divisions.csv"
run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv" "$SAMPLE/activities.csv"
run sw-match import "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv" "$SAMPLE/placements.csv"
check_rc 0 "the demo county"
run sw-report monthly --month 2026-10 --by township --lang zh -f html -o r.html
check_rc 0 "its report as HTML"
run sw-report monthly --month 2026-10 --by township --lang zh -f xlsx -o r.xlsx
check_rc 0 "and as a workbook"
run sw-report monthly --month 2026-10 --by township --lang zh -f csv -o r.csv
check_rc 0 "and as CSV"

chromium=$(command -v chromium || command -v chromium-browser)
if [ -n "$chromium" ] && command -v pdfinfo >/dev/null; then
	HOME=$T timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$T/r.pdf" "file://$T/r.html" >chromium.out 2>&1
	ok $? "Chromium prints it to PDF"
	pdfinfo r.pdf >info.txt 2>&1
	pages=$(sed -n 's/^Pages: *//p' info.txt)
	[ -n "$pages" ] && [ "$pages" -le 3 ]
	ok $? "on at most 3 pages (${pages:-none})"
	grep -q '^Page size: *841.9[0-9]* x 594.9[0-9]* pts (A4)' info.txt
	ok $? "of A4 landscape ($(sed -n 's/^Page size: *//p' info.txt))"
	# every station of the county as a row: still one page wide
	run sw-report monthly --month 2026-10 --by station --lang zh -f html -o s.html
	HOME=$T timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--print-to-pdf="$T/s.pdf" "file://$T/s.html" >chromium.out 2>&1
	# the widest section's total row, as the PDF's text: all 21 figures
	pdftotext -enc UTF-8 -layout s.pdf - | sed -n '/活动合计/,$p' | grep -m1 '^ *合计 ' >total.txt
	[ "$(grep -o "[0-9][0-9]*" total.txt | wc -l)" = 21 ]
	s=$?
	ok $s "21 stations as rows: the widest section (21 figures) fits the width of A4 landscape"
	[ $s = 0 ] || sed 's/^/#   /' total.txt
else
	echo "ok $((n = n + 1)) - # SKIP chromium or pdfinfo not installed (make deps: chromium poppler-utils)"
fi

if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
	/usr/bin/python3 - r.xlsx r.csv >py.out 2>&1 <<'PY'
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)
# every figure of every station and of the total, in the CSV's order
want = [(r["station_name"], r["value"]) for r in csv.DictReader(open(sys.argv[2], encoding="utf-8"))]
got = {}
order = []
for ws in wb.worksheets:
    check(ws["A1"].value.startswith("青溪县社会工作总站社会工作服务统计报表（2026年10月）"), ws.title + ": title")
    check(any(str(m) == "A1:%s1" % openpyxl.utils.get_column_letter(ws.max_column) for m in ws.merged_cells.ranges),
          ws.title + ": title merged across the table")
    check(ws.freeze_panes == "B5", ws.title + ": panes frozen below the headings")
    ps = ws.page_setup
    check(ps.orientation == "landscape" and str(ps.paperSize) == "9", ws.title + ": A4 landscape")
    check(ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (None, 1) and ps.fitToHeight == 0,
          ws.title + ": one page wide")
    check(ws.print_title_rows == "$3:$4", ws.title + ": heading rows repeated")
    r = 5
    while ws.cell(r, 1).value:
        name = ws.cell(r, 1).value
        vals = [ws.cell(r, c).value for c in range(2, ws.max_column + 1)]
        check(all(isinstance(v, (int, float)) for v in vals), "%s: %s: numbers as numbers" % (ws.title, name))
        if not name.endswith("小计"):
            if name not in got:
                got[name] = []
                order.append(name)
            got[name] += vals
        r += 1
flat = [(name, v) for name in order for v in got[name]]
same = len(flat) == len(want) and all(a[0] == b[0] and float(b[1]) == a[1] for a, b in zip(flat, want))
check(same, "the cells are the CSV's figures (%d cells, %d in the CSV)" % (len(flat), len(want)))
print("\n".join(bad) if bad else "same")
PY
	[ "$(cat py.out)" = same ]
	ok $? "openpyxl reads the workbook: the CSV's figures as number cells, title merged, panes frozen, print setup"
	[ "$(cat py.out)" = same ] || sed 's/^/#   /' py.out | head -10
else
	echo "ok $((n = n + 1)) - # SKIP python3-openpyxl not installed (make deps)"
fi
done_testing
