#!/bin/sh
# The README's pipeline runs as written: the lines between its pipeline
# markers, run in a copy of the checkout's examples/ with the programs on
# PATH and no database yet, print what they promise (the month's services
# per station, the open township stations) and nothing goes missing (a
# command, a sample file, an option).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

sed -n '/^<!-- pipeline/,/^<!-- \/pipeline/p' "$SW_TOP/README.md" | sed '1d;$d' |
	sed 's/^    //' >pipeline.sh
[ "$(grep -c . pipeline.sh)" -ge 5 ]
ok $? "the README has its pipeline between markers"
cp -R "$SW_TOP/examples" examples
rm -f examples/sample/*.db examples/sample/*.db-*
# (on a server, SW_DB names it: the lines are the same)
(if [ "$BACKEND" = sqlite ]; then unset SW_DB; fi; sh pipeline.sh) >pipe.out 2>pipe.err
! grep -E "not found|No such file|cannot open|usage:|unknown (option|subcommand)|unrecognized" pipe.err
ok $? "no command, file or option missing"
cmp -s pipe.out - <<'X'
period  station_code station_name level    figure   label    value
2026-10 QX-001       青溪街道社工站      township services services 5
2026-10 -            total        total    services services 5
2026-10 QX           青溪县社会工作总站    county   services services 0
2026-10 QX-E         东片区域性中心社工站   regional services services 0
2026-10 QX-002       云山街道社工站      township services services 0
2026-10 QX-101       梅江镇社工站       township services services 0
2026-10 QX-W         西片区域性中心社工站   regional services services 0
2026-10 QX-102       石门镇社工站       township services services 0
2026-10 QX-103       桃源镇社工站       township services services 0
2026-10 QX-104       大溪镇社工站       township services services 0
青溪街道社工站
云山街道社工站
梅江镇社工站
石门镇社工站
桃源镇社工站
大溪镇社工站
X
ok $? "the month's services per station, then the open township stations"
grep -q "服务记录\]: read 7, inserted 5" pipe.err && [ -s examples/sample/服务对象.csv ]
ok $? "the workbook imported, its clients sheet written clean"

done_testing
