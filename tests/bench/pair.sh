# Sourced by the bench scripts: comparisons measured as interleaved pairs,
# never best-of-N. Each row goes to standard output and to $RESULTS
# (tests/bench/results.md, begun by tests/bench/run).
#
# pair LABEL A_NAME A_CMD B_NAME B_CMD OP TARGET [A_PREP [B_PREP]]
#   runs A_CMD and B_CMD alternately (A B A B ...) with sh -c, each after
#   its PREP (untimed), $PAIRS times (5; 3 when a run takes over 10 s), and
#   compares the median of the pair-by-pair ratios A/B with TARGET under OP
#   (<= or >=; "-" reports without a target). Whole-command wall seconds;
#   peak MiB beside them. With METRIC=mem the ratio is of peak memory.
# solo LABEL CMD OP SECONDS [PREP]
#   the same for one command against a time in seconds.
# The commands see only exported variables.
PAIRS=${PAIRS:-5}
RESULTS=${RESULTS:-/dev/null}
NOTES=${NOTES:-/dev/null}	# lines about a row, printed under the table
pair_status=0

# wall seconds and peak MiB of sh -c "$1": "SECS MIB"
pair_time() {
	/usr/bin/time -f "%e %M" -o "$BENCH_DATA/.pair-time" sh -c "$1" >/dev/null 2>"$BENCH_DATA/.pair-err" || {
		echo "bench: failed: $1" >&2; sed 's/^/  /' "$BENCH_DATA/.pair-err" | tail -n 5 >&2; exit 1; }
	tail -n 1 "$BENCH_DATA/.pair-time" | awk '{ printf "%.3f %.1f\n", $1, $2 / 1024 }'
}

# median, min and max of the numbers on standard input
pair_stats() { sort -g | awk '{ v[NR] = $1 } END { printf "%s %s %s\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'; }

pair_row() {	# label aname bname a_secs b_secs a_mib b_mib ratio lo hi op target
	awk -v l="$1" -v an="$2" -v bn="$3" -v as="$4" -v bs="$5" -v am="$6" -v bm="$7" \
		-v r="$8" -v lo="$9" -v hi="${10}" -v op="${11}" -v t="${12}" -v m="${METRIC:-time}" \
		-v n="$n" -v results="$RESULTS" 'BEGIN {
		ok = op == "-" ? "" : (op == "<=" ? r <= t : r >= t) ? "pass" : "FAIL"
		goal = op == "-" ? "" : op " " t
		what = (m == "mem" ? "memory" : "time") (bn == "" ? " (s)" : " A/B")
		b = bn == "" ? "" : sprintf("%s: %.2f s, %.0f MiB", bn, bs, bm)
		printf "%s\n  A %s: %.2f s, %.0f MiB | B %s | %s median %.2f (min %.2f, max %.2f, %d runs) | target %s %s\n",
			l, an, as, am, b == "" ? "-" : b, what, r, lo, hi, n, goal == "" ? "none" : goal, ok
		ml = l; man = an; mb = b	# a | of a pipeline would end a Markdown cell
		gsub(/\|/, "\\|", ml); gsub(/\|/, "\\|", man); gsub(/\|/, "\\|", mb)
		printf "| %s | %s: %.2f s, %.0f MiB | %s | %s %.2f (%.2f–%.2f, %d) | %s | %s |\n",
			ml, man, as, am, mb == "" ? "–" : mb, what, r, lo, hi, n, goal == "" ? "–" : goal, ok == "" ? "–" : ok >>results
		exit ok == "FAIL" }' || pair_status=1
}

pair() {
	label=$1 an=$2 acmd=$3 bn=$4 bcmd=$5 op=$6 target=$7 aprep=${8:-} bprep=${9:-}
	: >"$BENCH_DATA/.pair-a"; : >"$BENCH_DATA/.pair-b"
	n=0 want=$PAIRS
	while [ $n -lt "$want" ]; do
		[ -n "$aprep" ] && sh -c "$aprep" >/dev/null
		pair_time "$acmd" >>"$BENCH_DATA/.pair-a"
		[ -n "$bprep" ] && sh -c "$bprep" >/dev/null
		pair_time "$bcmd" >>"$BENCH_DATA/.pair-b"
		n=$((n + 1))
		[ $n = 1 ] && [ "$want" -gt 3 ] && awk '$1 > 10 { f = 1 } END { exit !f }' \
			"$BENCH_DATA/.pair-a" "$BENCH_DATA/.pair-b" && want=3
	done
	col=1
	[ "${METRIC:-time}" = mem ] && col=2
	set -- $(paste "$BENCH_DATA/.pair-a" "$BENCH_DATA/.pair-b" | awk -v c=$col '{ print $c / $(c + 2) }' | pair_stats)
	r=$1 lo=$2 hi=$3
	set -- $(awk '{ print $1 }' "$BENCH_DATA/.pair-a" | pair_stats) $(awk '{ print $1 }' "$BENCH_DATA/.pair-b" | pair_stats) \
		$(awk '{ print $2 }' "$BENCH_DATA/.pair-a" | pair_stats) $(awk '{ print $2 }' "$BENCH_DATA/.pair-b" | pair_stats)
	pair_row "$label" "$an" "$bn" "$1" "$4" "$7" "${10}" "$r" "$lo" "$hi" "$op" "$target"
}

solo() {
	label=$1 acmd=$2 op=$3 target=$4 aprep=${5:-}
	: >"$BENCH_DATA/.pair-a"
	n=0 want=$PAIRS
	while [ $n -lt "$want" ]; do
		[ -n "$aprep" ] && sh -c "$aprep" >/dev/null
		pair_time "$acmd" >>"$BENCH_DATA/.pair-a"
		n=$((n + 1))
		[ $n = 1 ] && [ "$want" -gt 3 ] && awk '$1 > 10 { f = 1 } END { exit !f }' "$BENCH_DATA/.pair-a" && want=3
	done
	set -- $(awk '{ print $1 }' "$BENCH_DATA/.pair-a" | pair_stats) $(awk '{ print $2 }' "$BENCH_DATA/.pair-a" | pair_stats)
	pair_row "$label" "${label%%,*}" "" "$1" 0 "$4" 0 "$1" "$2" "$3" "$op" "$target"
}
