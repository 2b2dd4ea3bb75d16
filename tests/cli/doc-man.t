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

# Each option a page's OPTIONS describes is in some --help of its program
# (the program's, or a subcommand's: output options differ), and each
# option an output-options line of --help names is in sw(7).
for p in sw-station sw-case sw-match sw-report; do
	{ $p --help; for c in $(usage_pairs $p | awk 'NF == 1'); do $p $c --help; done; } >"$p.help"
	sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$M/$p.1" | sed -n 's/^\.It //p' | while read -r it; do
		found=1
		for o in $(printf '%s\n' "$it" | grep -o 'Fl -*[a-zA-Z][a-z-]*' | sed 's/^Fl /-/'); do
			grep -q -- "\(^\|[][ |(]\)$o\([] |=]\|\$\)" "$p.help" && found=0
		done
		[ $found = 0 ] || echo "#   $p(1): .It $it: in no --help"
	done >missing.out
	[ ! -s missing.out ]
	ok $? "$p(1): every option of OPTIONS is in a --help"
	cat missing.out
	grep -o '^common options: .*\|^output options: .*\|^                --.*' "$p.help" | grep -o -- ' --*[a-z][a-z-]*' | sort -u |
		while read -r o; do grep -q "^\.It Fl ${o#-}" "$M/sw.7" || echo "#   $o"; done >undoc.out
	[ ! -s undoc.out ]
	ok $? "$p: every option of its --help's option lines is in sw(7)"
	cat undoc.out
done

# -f: the subcommands whose --help lists html are those sw-report(1) says
# write it, and html is the only format some subcommands leave out.
for c in $(usage_pairs sw-report | awk 'NF == 1'); do
	sw-report $c --help | grep -q '^output options: -f [a-z|]*html' && echo $c
done | sort >html.help
sed -n '/^\.It Fl f Ar/,/^\.It/p' "$M/sw-report.1" | sed -n 's/.*html for \(.*\); xlsx.*/\1/p' |
	sed 's/,* and /, /; s/, /\n/g' | sort >html.man
[ -s html.help ] && cmp -s html.help html.man
ok $? "sw-report: -f html in the --help of the subcommands sw-report(1) names"
[ $? = 0 ] || diff html.help html.man | sed 's/^/#   /'

# --table: each page that describes it names every table its import takes
# (the program's tables[]).
for p in sw-station sw-case sw-match; do
	sed -n '/^\.It Fl -table Ar T/,/^\.It/p' "$M/$p.1" >table.man
	[ -s table.man ] || continue
	sed -n '/tables\[\] = {/,/};/p' "$SW_TOP/cmd/$p.c" | grep -o 'sw_[a-z_]*_table' |
		sed 's/^sw_//; s/_table$//' | while read -r t; do
		grep -qw "$t" table.man || echo "#   $t"
	done >tables.out
	[ ! -s tables.out ]
	ok $? "$p(1): --table names every table import takes"
	cat tables.out
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
