#!/bin/sh
# Each subcommand owns its help and its options: SUB --help prints its
# usage alone (the same lines PROG --help lists for it), an option it does
# not take is a usage error naming it, a usage error says one line and
# where to look instead of the whole usage, and --lang zh says it in
# Chinese.
# backends: sqlite (usage and --help: refused before any database is opened)
. "$SW_TOP/tests/cli/lib.sh"

# subs PROG: the subcommands PROG --help lists.
subs() {
	"$1" --help | sed -n "s/^\(usage: \|       \)$1 \([a-z-]*\).*/\2/p" | uniq
}
# block PROG SUB: SUB's lines of PROG --help, "usage: " or not.
block() {
	"$1" --help | sed '/^[a-z]* options:/,$d' | awk -v p="$1" -v s="$2" '
	/^(usage: |       )[a-z]/ || /^[^ ]/ { on = $0 ~ ("^(usage: |       )" p " " s "( |$)") }
	on { sub(/^usage: /, "       "); print }'
}
# opts PROG SUB: each option SUB --help names, with x when it takes a value
# (a word follows it that is not another option or a bracket).
opts() {
	"$1" "$2" --help | sed '/^common options/,$d' | awk '{
		s = $0
		while (match(s, /(^|[][ |(])--?[a-zA-Z][a-z-]*( [^][ |(-][^] ]*)?/)) {
			t = substr(s, RSTART, RLENGTH); sub(/^[][ |(]/, "", t)
			n = split(t, w, " "); print w[1], (n > 1 ? "x" : "")
			s = substr(s, RSTART + RLENGTH) } }' | sort -u
}

for p in sw-station sw-case sw-match sw-report; do
	bad=
	for s in $(subs $p); do
		run $p $s --help
		head -n 1 .out | grep -q "^usage: $p $s\( \|\$\)" && [ "$rc" = 0 ] && [ ! -s .err ] ||
			bad="$bad $s"
		block $p $s >want
		sed '/^[a-z]* options:\|^match options:\|^LEVEL:/,$d; s/^usage: /       /' .out >got
		[ -s want ] && cmp -s want got || bad="$bad $s(lines)"
	done
	[ -z "$bad" ] && [ "$(subs $p | wc -l)" -gt 5 ]
	ok $? "$p: SUB --help prints SUB's usage alone, as $p --help lists it, on stdout, status 0"
	[ -z "$bad" ] || echo "#   $bad"

	# every option a subcommand's usage names, it takes (period also
	# takes monthly's but --month: "same options as monthly")
	bad=
	for s in $(subs $p); do
		{ opts $p $s; [ $s = period ] && opts $p monthly | grep -v '^--month'; } | while read -r o v; do
			run $p $s $o ${v:+x} --help
			! grep -q 'does not take\|unknown option' .err || echo "$s $o"
		done
	done >notaken
	[ ! -s notaken ]
	ok $? "$p: each subcommand takes the options its usage names"
	sed 's/^/#   /' notaken | head -5
done

# An option another subcommand takes: status 2, the subcommand named, one
# line to look further, nothing on stdout, nothing done.
for c in 'sw-case list --dry-run|list does not take --dry-run' \
	 'sw-report completeness --month 2026-10 --targets x|completeness does not take --targets' \
	 'sw-station import -f json|import does not take -f' \
	 'sw-match place S1 V1 --top 3|place does not take --top' \
	 'sw-station show QX --on 2026-01-01|show does not take --on'; do
	set -- ${c%%|*}
	run "$@"
	check_rc 2 "$1 $2: an option of another subcommand is a usage error"
	check_err "$1 $2: says which, and where to look" <<X
$1: ${c#*|}
Try '$1 $2 --help'.
X
	check_out "$1 $2: nothing on stdout" </dev/null
done
[ ! -e "$SW_DB" ]
ok $? "refused options ran nothing (no database made)"

# Mistyped options and values: one line and where to look, not the usage.
run sw-case import --dry-rn x.csv
check_rc 2 "unknown option: status 2"
check_err "unknown option: one line, then Try" <<'X'
sw-case: import: unknown option --dry-rn
Try 'sw-case import --help'.
X
run sw-station tree -x
check_err "unknown short option" <<'X'
sw-station: tree: unknown option -x
Try 'sw-station tree --help'.
X
run sw-case import --table
check_err "a missing value" <<'X'
sw-case: import: --table needs a value
Try 'sw-case import --help'.
X
run sw-case list --active=yes
check_err "a value on an option without one" <<'X'
sw-case: list: unknown option --active
Try 'sw-case list --help'.
X
run sw-station list --active=yes
check_err "a value on an option without one" <<'X'
sw-station: list: --active takes no value
Try 'sw-station list --help'.
X
run sw-match stats --on yesterday
check_err "a bad value" <<'X'
sw-match: --on: not a date (expected YYYY-MM-DD)
Try 'sw-match stats --help'.
X
run sw-case export --key k
check_err "an abbreviated option is not guessed" <<'X'
sw-case: --key: write the option's whole name (--key-file)
Try 'sw-case export --help'.
X
run sw-station show
check_err "a missing operand" <<'X'
sw-station: show: wrong number of arguments
Try 'sw-station show --help'.
X
run sw-report frob
check_err "an unknown subcommand: the program's help" <<'X'
sw-report: unknown subcommand "frob"
Try 'sw-report --help'.
X
run sw-case help close
check_rc 0 "help SUB is SUB --help"
head -n 1 .out | grep -qx "usage: sw-case close CASE --reason TEXT \[--on DATE\] \[--goals-left TEXT\]"
ok $? "help SUB prints SUB's usage"
run sw-match assign --help
check_out_has "match options: --on DATE" "assign --help has the notes it shares with rank"
run sw-match --help
[ "$(grep -c '^match options:' .out)" = 1 ]
ok $? "the program's help prints shared notes once"
run sw-case --help
check_out_has "output options: -f csv|tsv|json|jsonl|table|md|xlsx  -o FILE  --raw" "the program's help lists the output options"
run sw-case merge --help
! grep -q 'output options' .out
ok $? "a subcommand that writes no rows lists no output options"
run sw-case --help
check_out_has "                --output-encoding utf-8|utf-8-bom|gb18030  --labels zh|en" \
	"the encoding and labels of what is written, under the output options"

# Each subcommand's --help lists the formats it takes, and only those:
# html where a page is written, csv|tsv|xlsx for a template.
for c in monthly period merge evaluate; do
	run sw-report $c --help
	check_out_has "output options: -f csv|tsv|json|jsonl|table|md|xlsx|html  -o FILE  --raw" "sw-report $c takes -f html"
done
for c in trend targets completeness workers items workforce referrals budget close; do
	run sw-report $c --help
	check_out_has "output options: -f csv|tsv|json|jsonl|table|md|xlsx  -o FILE  --raw" "sw-report $c: no html"
done
run sw-station volunteer-record --help
check_out_has "output options: -f csv|tsv|json|jsonl|table|md|xlsx|html  -o FILE  --raw" "volunteer-record takes -f html"
for p in sw-station sw-case sw-match; do
	run $p template --help
	check_out "$p template: -f csv|tsv|xlsx" <<X
usage: $p template [TABLE]
common options: --db FILE  -q  --lang zh|en  -h  -V
output options: -f csv|tsv|xlsx  -o FILE
X
done
# and what --help leaves out is refused, naming the subcommands that take it
for c in "trend --from 2026-01 --to 2026-02" "completeness --month 2026-10" "workers --month 2026-10" \
	"targets --targets t.csv --period 2026" "budget" "close --list"; do
	expect_fail 2 "sw-report: ${c%% *}: -f html is for monthly, period, merge, evaluate" sw-report $c -f html
done
run sw-report trend --from 2026-01 --to 2026-02 -f html --lang zh
check_err_has "sw-report: trend：-f html 只用于 monthly, period, merge, evaluate" "said in Chinese"

# In Chinese: the usage, the notes and the errors; option names as they are.
run sw-case import --help --lang zh
check_rc 0 "--lang zh: help, status 0"
check_out "--lang zh: import's usage in Chinese, aligned under its options" <<'X'
用法：sw-case import [--table 表] [--dry-run] [--strict] [--rejects 文件]
                     [--encoding 编码] [--sheet 工作表] [--station 站点编号]
                     [--ignore-column 列名] [文件...]
通用选项：--db 文件  -q  --lang zh|en  -h  -V
输出选项：--output-encoding utf-8|utf-8-bom|gb18030
X
run sw-match rank --lang zh --help
check_out_has "匹配选项：--on 日期" "--lang zh: rank's notes in Chinese"
check_out_has "输出选项：-f csv|tsv|json|jsonl|table|md|xlsx  -o 文件  --raw" "--lang zh: output options"
run env LC_ALL= LANG=zh_CN.UTF-8 sw-report
check_err "in Chinese: a missing subcommand" <<'X'
sw-report: 缺少子命令
用法见 'sw-report --help'。
X
run sw-case list --dry-run --lang zh
check_err "--lang zh: a refused option" <<'X'
sw-case: list 不接受选项 --dry-run
用法见 'sw-case list --help'。
X
for p in sw-station sw-case sw-match sw-report; do
	run $p --help --lang zh
	! LC_ALL=C.UTF-8 grep -q '^usage\|^common options\|^       sw-' .out &&
		[ "$(sed -n "s/^\(用法：\|      \)$p \([a-z-]*\).*/\2/p" .out | uniq)" = "$(subs $p)" ]
	ok $? "$p --help --lang zh: every subcommand, in Chinese"
done

done_testing
