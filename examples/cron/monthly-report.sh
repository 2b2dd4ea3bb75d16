#!/bin/sh
# Monthly report from cron: on the 1st, last month's report in Chinese into a
# dated folder: the CSV, and beside it the workbook (xlsx) and the page
# (HTML) to print, sign and file. Never prompts, never waits for ever. Its exit status says
# whether a person must look: 0 nothing to do; 1 look (a station expected
# to report has no records, or the report warned, e.g. of records that
# belong to no station); 3 it failed (a missing database, a closed month
# whose figures changed, a full disk). What to look at is on stderr.
#
# crontab line (06:30 on the 1st of each month):
#   30 6 1 * * SW_DB=/srv/sw/sw.db OUT=/srv/sw/reports /usr/local/share/sw-tools/monthly-report.sh
#
# SW_DB: the database, a file or a server (several: SW_DBS="a.db b.db");
# OUT: where folders go;
# BY: roll-up level (default township); MONTH: the month (default last
# month, for a run by hand); REPORT_LANG: zh (default) or en;
# SW_BUSY_TIMEOUT: wait for a writer (ms).
set -u -f	# no globbing: $args is split on spaces, and a server URL may hold ? or *
# Where the programs are: make install writes its BINDIR here, since cron
# runs jobs with PATH=/usr/bin:/bin, which holds neither /usr/local/bin
# nor wherever PREFIX put them. Empty (not installed): from PATH.
bindir=
: "${OUT:=$HOME/sw-reports}" "${BY:=township}" "${REPORT_LANG:=zh}" "${SW_BUSY_TIMEOUT:=60000}"
export SW_BUSY_TIMEOUT
dbs=${SW_DBS:-${SW_DB:-sw.db}}
month=${MONTH:-$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m 2>/dev/null ||
	date -v1d -v-1d +%Y-%m)}	# GNU date, else BSD date
args="--lang $REPORT_LANG"
for db in $dbs; do
	case $db in
	postgresql://* | postgres://* | service=*) ;;	# a server: sw-report says why it cannot reach it
	*)
		if [ ! -f "$db" ]; then
			echo "monthly-report: $db: no such database" >&2
			exit 3
		fi ;;
	esac
	args="$args --db $db"
done
dir="$OUT/$month"
mkdir -p "$dir" || exit 3
status=0
warnings="$dir/warnings-$month.txt"
# shellcheck disable=SC2086
"${bindir:+$bindir/}sw-report" monthly --month "$month" --by "$BY" $args -f csv -o "$dir/report-$month.csv" \
	</dev/null 2>"$warnings"
rc=$?
cat "$warnings" >&2
[ $rc = 0 ] || exit $rc
if [ -s "$warnings" ]; then
	echo "monthly-report: $month: the report has warnings, see $warnings" >&2
	status=1
else
	rm -f "$warnings"
fi
for f in xlsx html; do
	# shellcheck disable=SC2086
	"${bindir:+$bindir/}sw-report" monthly --month "$month" --by "$BY" $args -q -f $f \
		-o "$dir/report-$month.$f" </dev/null || exit $?
done
# shellcheck disable=SC2086
"${bindir:+$bindir/}sw-report" completeness --month "$month" $args -f csv -o "$dir/missing-$month.csv" </dev/null
rc=$?
if [ $rc = 1 ]; then
	echo "monthly-report: $month: some stations did not report, see $dir/missing-$month.csv" >&2
	status=1
elif [ $rc != 0 ]; then
	exit $rc
fi
exit $status
