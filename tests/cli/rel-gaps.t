#!/bin/sh
# Smaller gaps: a database others can read is named with the command that
# fixes it; options that take secrets are never guessed from a prefix
# (nor any other long option); --key-file needs --pseudonymize; sw-match
# and sw-station exports are masked on a terminal as sw-case's are; a BOM
# that starts a data line is refused, not stored inside a key. An import
# that cannot read its files, or a dry run, creates no database for a
# report to count as an empty county.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-station list --level county
[ ! -s .err ]
ok $? "a 0600 database (or a server's): not a word"
# a file's mode: a server's database has none (its roles say who reads)
if [ "$BACKEND" = sqlite ]; then
	chmod 644 sw.db
	run sw-station list --level county
	check_rc 0 "a 0644 database is still used"
	check_err "and named, with the command that fixes it" <<X
sw-station: warning: $SW_DB can be read by other users (mode 644) and holds personal data: chmod 600 $SW_DB
X
	run sw-station list -q --level county
	check_err_has "can be read by other users" "even under -q (cron mails it)"
	chmod 600 sw.db
fi

printf 'a-key-of-sixteen-bytes-or-more\n' >key
expect_fail 2 'sw-case: --key: write the option'"'"'s whole name (--key-file)' \
	sw-case export --pseudonymize --key key
expect_fail 2 'sw-case: --key: write the option'"'"'s whole name (--key-file)' \
	sw-case export --pseudonymize --key=key
expect_fail 2 'sw-case: --pseud: write the option'"'"'s whole name (--pseudonymize)' \
	sw-case export --pseud --key-file key
expect_fail 2 'sw-station: --lev: write the option'"'"'s whole name (--level)' \
	sw-station list --lev county
expect_fail 2 'sw-case: --key-file: only with --pseudonymize' sw-case export --key-file key
run sw-case export --pseudonymize --key-file key
check_rc 0 "--pseudonymize --key-file, written whole: works"

run sw-match import -q "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv"
tty() { script -qec "$*" /dev/null </dev/null | tr -d '\r' >"$T/.out"; }
if command -v script >/dev/null 2>&1; then
	tty sw-match export --table seekers
	check_out_has "S001,,张**,焊工;安全生产;叉车" "sw-match: seekers masked on a terminal"
	! grep -q '张国强' .out
	ok $? "no seeker's name in clear"
	tty sw-match export --table employers
	check_out_has "E01,青溪宏达机械制造有限公司,制造业,梅江镇,王**,138****1234" \
		"employers: the contact masked, not the firm"
	tty sw-station export --table workers
	check_out_has "W001,林*,QX" "sw-station: workers masked on a terminal"
	tty sw-station export
	check_out_has "QX,青溪县社会工作总站" "stations are not personal: whole"
else
	for i in 1 2 3 4 5; do ok 0 "# SKIP script(1) missing"; done
fi
run sw-match export --table seekers
check_out_has "S001,,张国强," "into a pipe: whole, for re-import"

{ head -n 3 "$SAMPLE/workers.csv"; printf '\357\273\277W903,甄某,QX,service,,2023-01-01,\n'; } >bom.csv
expect_fail 1 'sw-station: bom.csv:4: a byte-order mark (U+FEFF) starts the line: were two files joined? delete it' \
	sw-station import bom.csv
[ "$(sql "select count(*) from workers where worker_id like '%W903'")" = 0 ]
ok $? "the row is not stored with a BOM in its key"
printf '\357\273\277' | cat - "$SAMPLE/workers.csv" >bom1.csv
run sw-station import bom1.csv
check_rc 0 "the file's first BOM is an encoding mark"

if [ "$BACKEND" = sqlite ]; then
	printf 'code,name,level\nC1,县站,county\n' >st.csv
	run sw-station import --dry-run --db new.db st.csv
	check_rc 0 "a dry run on a database that does not exist"
	check_err "is checked against an empty one" <<'X'
sw-station: st.csv: read 1, inserted 1, updated 0, unchanged 0, rejected 0 (dry run: nothing written)
X
	[ ! -e new.db ] && [ ! -e new.db-wal ]
	ok $? "and creates no file"
	expect_fail 3 "sw-case: nofile.csv: No such file or directory" sw-case import --db new.db nofile.csv
	[ ! -e new.db ]
	ok $? "an import that cannot read its file creates no database"
	expect_fail 3 "sw-report: new.db: no such database (import some data first, or give --db)" \
		sw-report monthly --month 2026-10 --db new.db
	run sw-station import --db new.db st.csv
	[ "$rc" = 0 ] && [ -e new.db ]
	ok $? "the same import for real creates it"
fi

done_testing
