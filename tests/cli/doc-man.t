#!/bin/sh
# The man pages agree with --help: each program's usage and its page's
# SYNOPSIS name the same subcommands, each with the same options (the
# options every program shares are in sw(7)); mandoc -Tlint finds nothing
# at warning level or above; the pages say what the programs do.
# backends: sqlite (man pages and --help: no database)
. "$SW_TOP/tests/cli/lib.sh"
M=$SW_TOP/man

# usage_pairs PROG: "SUBCOMMAND OPTION" for each option of each subcommand
# of PROG --help (a line "       PROG SUB ..." and the lines indented under
# it; "[MATCH OPTIONS]" and "[same options as monthly]" spelled out).
usage_pairs() {
	"$1" --help | sed '/^common options/,$d' | awk -v p="$1" '
	function opts(s, sub_,   t) {
		while (match(s, /(^|[][ |(])--?[a-zA-Z][a-z-]*/)) {
			t = substr(s, RSTART, RLENGTH); sub(/^[][ |(]/, "", t)
			print sub_, t; s = substr(s, RSTART + RLENGTH)
		}
	}
	/^match options:/ { m = 1 }
	m { mo = mo " " $0; next }
	$0 ~ "^(usage: |       )" p " " { split($0, w, " "); cur = (w[1] == "usage:") ? w[3] : w[2]
		s = $0; sub(".*" p " " cur, "", s); line[cur] = line[cur] " " s; next }
	/^        / && cur != "" { line[cur] = line[cur] " " $0; next }
	{ cur = "" }
	END { for (c in line) { s = line[c]
		if (s ~ /MATCH OPTIONS/) s = s " " mo
		if (s ~ /same options as monthly/) s = s " " line["monthly"]
		print c; opts(s, c) } }' | sort -u
}
# man_pairs PAGE: the same from the SYNOPSIS of PAGE.
man_pairs() {
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' "$1" | awk '
	/^\.Nm/ { want = 1; next }
	want && /^\.Cm / { cur = $2; want = 0; print cur }
	cur != "" { s = $0
		if (s ~ /options of Cm monthly/) more[cur] = 1
		while (match(s, /Fl -?[a-zA-Z][a-z-]*/)) {
			t = substr(s, RSTART + 3, RLENGTH - 3); print cur, "-" t
			if (cur == "monthly") mon[++nm] = "-" t
			s = substr(s, RSTART + RLENGTH) } }
	END { for (c in more) for (i = 1; i <= nm; i++) print c, mon[i] }' | sort -u
}

for p in sw-station sw-case sw-match sw-report; do
	usage_pairs $p >"$p.usage"
	man_pairs "$M/$p.1" >"$p.man"
	[ -s "$p.usage" ] && cmp -s "$p.usage" "$p.man"
	s=$?
	ok $s "$p: --help and $p(1) SYNOPSIS list the same subcommands and options"
	[ $s = 0 ] || diff "$p.usage" "$p.man" | grep '^[<>]' | head -40 | sed 's/^/#   /'
done

# The options every program shares, in sw(7), long and short.
for o in '--db' '-f, --format' '-o, --output' '-q, --quiet' '--lang' '--output-encoding' \
	'--labels' '-h, --help' '-V, --version'; do
	long=${o#*, } short=${o%%,*}
	grep -q "^\.It Fl ${short#-}" "$M/sw.7" && grep -q "Fl ${long#-}" "$M/sw.7"
	ok $? "sw(7) documents $o"
done

if command -v mandoc >/dev/null; then
	mandoc -Tlint -W warning "$M"/*.1 "$M"/*.7 >lint.out 2>&1
	s=$?
	ok $s "mandoc -Tlint: no warnings"
	[ $s = 0 ] || sed 's/^/#   /' lint.out | head -10
	# nor style notes, but for the cross-references to pages a machine
	# has not installed or indexed (the machine's, not the pages')
	mandoc -Tlint "$M"/*.1 "$M"/*.7 2>&1 | grep -v 'referenced manual not found\|mandoc\.db' >style.out
	[ ! -s style.out ]
	s=$?
	ok $s "mandoc -Tlint: no style notes either (lines, delimiters, .Os)"
	[ $s = 0 ] || sed 's/^/#   /' style.out | head -10
else
	ok 0 "# SKIP mandoc not installed (make deps)"
fi

# What the pages promise for the options the issue found missing.
grep -q 'Cm workers' "$M/sw-station.1" && sed -n '/^\.It Cm workers/,/^\.It Cm/p' "$M/sw-station.1" | grep -q 'Fl -on'
ok $? "sw-station(1): workers --on described"
sed -n '/^\.It Cm show/,/^\.It Cm/p' "$M/sw-case.1" | grep -q 'Fl -at'
ok $? "sw-case(1): show --at described"
for c in employer_id vacancy_id seeker_id stage wage_min wage_max headcount posted_on closes_on; do
	grep -q "^\.Li $c\$\|Li $c " "$M/sw-match.1" || { echo "#   $c"; false; }
done
ok $? "sw-match(1) documents its columns"

done_testing
