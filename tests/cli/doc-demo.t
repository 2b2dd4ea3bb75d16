#!/bin/sh
# The README's first command: make demo runs the main job end to end on the
# sample county, quietly enough to read, and leaves the report and the
# register template it announces.
. "$SW_TOP/tests/cli/lib.sh"
# under make check SANITIZE=1: libxlsxwriter's own leak in the template (lsan.supp)
export LSAN_OPTIONS="fast_unwind_on_malloc=0:print_suppressions=0:suppressions=$SW_TOP/tests/cli/lsan.supp"
run env DEMO_DB="$T/demo.db" DEMO_OUT="$T/out" sh "$SW_TOP/examples/demo.sh"
check_rc 0 "the demo runs to the end"
! grep -v ': read [0-9]*, inserted [0-9]*, updated 0, unchanged 0, rejected 0$' "$T/.err"
ok $? "stderr holds the imports' summaries alone: no row rejected, no warning"
check_out_has "written: $T/out/report-2026-10.html" "it names what it wrote"
[ -s out/report-2026-10.html ] && [ -s out/report-2026-10.xlsx ] && [ -s out/clients-template.xlsx ]
ok $? "the 报表 in HTML and xlsx, and the blank register"
grep -q "社会工作服务统计报表" out/report-2026-10.html
ok $? "the HTML is the bureau's form, in Chinese"
[ "$(sqlite3 "$T/demo.db" "SELECT count(*) > 0 FROM services")" = 1 ]
ok $? "the register holds the sample's services"
done_testing
