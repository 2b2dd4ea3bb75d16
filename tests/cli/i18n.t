#!/bin/sh
# The language: Chinese under a zh locale or --lang zh, English otherwise;
# --lang zh works with or without a generated zh_CN.UTF-8 locale (glibc's
# gettext, or the catalogue read by lib/i18n.c), and every message the
# sources mark has its translation in po/zh_CN.po.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

printf 'client_id,name\n' >c.csv
EN='sw-case: c.csv:1: station_code: missing required column (or give --station CODE)'
ZH_PREFIX='sw-case: c.csv 第1行：'

run sw-case import c.csv
check_err_has "$EN" "English under LC_ALL=C"
run sw-case import --lang zh c.csv
check_err_has "$ZH_PREFIX" "--lang zh: Chinese under LC_ALL=C"
run sw-case --lang=zh import c.csv
check_rc 2 "--lang=zh before the subcommand is a usage error like any option there"
run env LC_ALL= LANG=zh_CN.UTF-8 sw-case import c.csv
check_err_has "$ZH_PREFIX" "LANG=zh_CN.UTF-8: Chinese"
run env LC_ALL= LANG=zh_CN.UTF-8 sw-case import --lang en c.csv
check_err_has "$EN" "--lang en overrides a Chinese LANG"
run env LC_ALL= LC_MESSAGES=zh_CN.UTF-8 LANG=en_US.UTF-8 sw-case import c.csv
check_err_has "$ZH_PREFIX" "LC_MESSAGES comes before LANG"

# Without any generated locale (LOCPATH leads nowhere): the same Chinese.
run env LOCPATH="$T/none" sw-case import --lang zh c.csv
check_err_has "$ZH_PREFIX" "--lang zh with no zh_CN locale on the machine"
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	run sw-case import --lang zh c.csv
	cp "$T/.err" "$T/glibc.err"
	run env LOCPATH="$T/none" sw-case import --lang zh c.csv
	cmp -s "$T/glibc.err" "$T/.err"
	ok $? "glibc's gettext and the catalogue read without a locale say the same"
else
	echo "ok $((n = n + 1)) - # SKIP no zh_CN.UTF-8 locale (make deps generates it)"
fi
# The system's reason (strerror) in Chinese where glibc has it, never as
# "?????" (glibc's own catalogue converted to the C locale's ASCII).
run sw-case import --lang zh nofile.csv
check_rc 3 "a missing file under --lang zh"
! grep -q '??' "$T/.err"
ok $? "the system's reason for it is not question marks"
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then
	check_err_has 'sw-case: nofile.csv: 没有那个文件或目录' "and in Chinese where glibc has the locale"
else
	check_err_has 'sw-case: nofile.csv: No such file or directory' "and in English without a zh_CN locale"
fi

# No catalogue: said once, then English; a damaged one is not read.
run env SW_LOCALEDIR="$T/none" sw-case import --lang zh c.csv
check_err "a missing catalogue is said once, then English" <<X
sw-case: no Chinese message catalogue at $T/none/zh_CN/LC_MESSAGES/sw-tools.mo; messages stay in English
$EN
X
check_err_has "no Chinese message catalogue at $T/none/zh_CN/LC_MESSAGES/sw-tools.mo; messages stay in English" \
	"a missing catalogue is said"
check_err_has "$EN" "and the messages stay English"
mkdir -p bad/zh_CN/LC_MESSAGES
head -c 40 "$SW_BIN/../share/locale/zh_CN/LC_MESSAGES/sw-tools.mo" >bad/zh_CN/LC_MESSAGES/sw-tools.mo
run env SW_LOCALEDIR="$T/bad" LOCPATH="$T/none" sw-case import --lang zh c.csv
check_rc 1 "a truncated catalogue does not crash"
check_err_has "$EN" "and its messages stay English"
run sw-case import --lang fr c.csv
check_rc 2 "--lang fr is a usage error"

# The catalogue is whole: every message marked in lib/ and cmd/ has a
# translation, and the translations keep the formats' conversions.
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
	xgettext --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=sw_ngettext:1,2 --from-code=UTF-8 -o "$T/now.pot" \
		"$SW_TOP"/lib/*.c "$SW_TOP"/cmd/*.c 2>"$T/.err"
	ok $? "xgettext reads the sources"
	msgcmp "$SW_TOP/po/zh_CN.po" "$T/now.pot" 2>"$T/.err"
	s=$?
	ok $s "every marked message has a translation (make po, then translate)"
	[ $s = 0 ] || head -10 "$T/.err" | sed 's/^/#   /'
	msgfmt --check -o /dev/null "$SW_TOP/po/zh_CN.po" 2>"$T/.err"
	ok $? "the translations keep their formats (msgfmt --check)"
	msgmerge --quiet --no-fuzzy-matching -o "$T/merged.po" "$SW_TOP/po/zh_CN.po" "$T/now.pot"
	! grep -q '^#~' "$T/merged.po"
	ok $? "the catalogue holds no message the sources no longer have"
else
	echo "ok $((n = n + 1)) - # SKIP gettext tools not installed (make deps)"
fi
# Listings' own columns (computed by a query, or named by hand) are titled
# in Chinese for people too; machine formats keep the keys, jsonl included.
run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-station coverage --lang zh -f table
check_out_has "乡镇覆盖率" "a computed column's title in Chinese in a table"
run sw-station coverage --lang zh -f csv
check_out_has "township_pct" "and its key in csv"
run sw-station list --lang zh -f jsonl
check_out_has '"level":"county"' "jsonl under zh keeps the keys and the words"
run sw-report workers --month 2026-10 --lang zh -f md
check_out_has "在办个案" "sw-report's listings too"
done_testing
