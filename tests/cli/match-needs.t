#!/bin/sh
# sw-match needs (供需对接): each open need with the resources and volunteers
# that can meet it (need served, the same station or a district holding
# it, capacity left after the uses, valid on the day, a volunteer's skills),
# ranked with reasons in words, and the optimal assignment under capacity.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
# two townships: 青溪街道 339901001 (QX-001, its point QX-001001) and
# 梅江镇 339901101 (QX-101, its point QX-101002)
cat >clients.csv <<'X'
client_id,name,station_code
C1,甲某,QX-001
C2,乙某,QX-001001
C3,丙某,QX-101
C4,丁某,QX-101002
C5,戊某,QX-001
X
cat >needs.csv <<'X'
need_id,client_id,need,identified_on,priority,status,met_on
N1,C1,心理支持,2026-10-01,高,,
N2,C1,生活照料,2026-10-01,,,
N3,C2,生活照料,2026-10-05,中,,
N4,C3,经济援助,2026-10-02,高,,
N5,C4,生活照料,2026-10-03,低,,
N6,C3,就业,2026-11-01,高,,
N7,C4,心理支持,2026-10-01,,,2026-10-20
N9,C5,生活照料,2026-10-08,高,,
N10,C5,心理支持,2026-10-08,中,,
X
run sw-case import -q clients.csv needs.csv
check_rc 0 "clients and their needs"
# R1: 3, 2 of them used; R4 expired; R5 used up; R6 policy with no area
cat >res.csv <<'X'
resource_id,kind,name,station_code,district,serves,capacity,unit,valid_from,valid_to
R1,物资,冬衣,QX-001,,生活照料,3,件,2026-10-01,2026-12-31
R2,资金,临时救助金,,339901101,经济援助;生活照料,2,份,,2026-12-31
R3,物资,助餐券,,339901,生活照料,,张,2026-01-01,
R4,专业服务,心理咨询,QX-001,,心理支持,5,次,2026-01-01,2026-11-01
R5,物资,轮椅,QX-101,339901101,生活照料,1,台,,
R6,政策,临时救助政策,,,经济援助,,,,
X
cat >vol.csv <<'X'
volunteer_id,name,skills,station_code,registered_on,left_on
V1,甄志愿,心理疏导;书法,QX-001,2026-01-01,
V2,贾爱心,生活照料,QX-101002,2026-01-01,
V3,易离开,心理疏导,QX-001,2026-01-01,2026-11-01
X
cat >use.csv <<'X'
resource_id,date,client_id,quantity
R1,2026-10-10,C1,2
R5,2026-10-12,C4,1
X
run sw-station import -q res.csv vol.csv use.csv
check_rc 0 "resources, volunteers and what was used"

run sw-match needs
check_rc 0 "needs: status 0"
check_out "open needs, best first: the place times the priority; expired, used up and gone never offered" <<'X'
need_id,client_id,resource_id,volunteer_id,rank,score,reasons
N1,C1,,V1,1,100.0,skill 心理疏导; same station; priority high
N10,C5,,V1,1,70.0,skill 心理疏导; same station; priority medium
N2,C1,R1,,1,40.0,serves daily_care; same station; 1 件 left; valid to 2026-12-31; priority not given
N2,C1,R3,,2,24.0,serves daily_care; same district; no capacity limit; priority not given
N3,C2,R3,,1,42.0,serves daily_care; same district; no capacity limit; priority medium
N4,C3,R2,,1,60.0,serves financial; same district; 2 份 left; valid to 2026-12-31; priority high
N4,C3,R6,,2,40.0,serves financial; no area limit; no capacity limit; priority high
N5,C4,,V2,1,40.0,skill 生活照料; same station; priority low
N5,C4,R2,,2,24.0,serves daily_care; same district; 2 份 left; valid to 2026-12-31; priority low
N5,C4,R3,,3,24.0,serves daily_care; same district; no capacity limit; priority low
N9,C5,R1,,1,100.0,serves daily_care; same station; 1 件 left; valid to 2026-12-31; priority high
N9,C5,R3,,2,60.0,serves daily_care; same district; no capacity limit; priority high
X
sw-match needs >indexed.csv
sw-match needs --exhaustive >exhaustive.csv
cmp -s indexed.csv exhaustive.csv
ok $? "--exhaustive: the very rows of the index"

run sw-match needs --top 1 -f tsv
check_out "--top 1" <<'X'
need_id	client_id	resource_id	volunteer_id	rank	score	reasons
N1	C1		V1	1	100.0	skill 心理疏导; same station; priority high
N10	C5		V1	1	70.0	skill 心理疏导; same station; priority medium
N2	C1	R1		1	40.0	serves daily_care; same station; 1 件 left; valid to 2026-12-31; priority not given
N3	C2	R3		1	42.0	serves daily_care; same district; no capacity limit; priority medium
N4	C3	R2		1	60.0	serves financial; same district; 2 份 left; valid to 2026-12-31; priority high
N5	C4		V2	1	40.0	skill 生活照料; same station; priority low
N9	C5	R1		1	100.0	serves daily_care; same station; 1 件 left; valid to 2026-12-31; priority high
X

run sw-match needs --on 2026-10-05 --top 4
check_out "--on: needs found by then, uses up to then, the resource and volunteer valid then" <<'X'
need_id,client_id,resource_id,volunteer_id,rank,score,reasons
N1,C1,R4,,1,100.0,serves psychological; same station; 5 次 left; valid to 2026-11-01; priority high
N1,C1,,V1,2,100.0,skill 心理疏导; same station; priority high
N1,C1,,V3,3,100.0,skill 心理疏导; same station; priority high
N2,C1,R1,,1,40.0,serves daily_care; same station; 3 件 left; valid to 2026-12-31; priority not given
N2,C1,R3,,2,24.0,serves daily_care; same district; no capacity limit; priority not given
N3,C2,R3,,1,42.0,serves daily_care; same district; no capacity limit; priority medium
N4,C3,R2,,1,60.0,serves financial; same district; 2 份 left; valid to 2026-12-31; priority high
N4,C3,R6,,2,40.0,serves financial; no area limit; no capacity limit; priority high
N5,C4,,V2,1,40.0,skill 生活照料; same station; priority low
N5,C4,R2,,2,24.0,serves daily_care; same district; 2 份 left; valid to 2026-12-31; priority low
N5,C4,R3,,3,24.0,serves daily_care; same district; no capacity limit; priority low
N5,C4,R5,,4,24.0,serves daily_care; same district; 1 台 left; priority low
X

run sw-match needs --assign
check_rc 0 "--assign: status 0"
check_out "--assign: R1 has 1 left after its uses, so the urgent N9 gets it; one need per volunteer" <<'X'
need_id,client_id,resource_id,volunteer_id,score,reasons
N1,C1,,V1,100.0,skill 心理疏导; same station; priority high
N2,C1,R3,,24.0,serves daily_care; same district; no capacity limit; priority not given
N3,C2,R3,,42.0,serves daily_care; same district; no capacity limit; priority medium
N4,C3,R2,,60.0,serves financial; same district; 2 份 left; valid to 2026-12-31; priority high
N5,C4,,V2,40.0,skill 生活照料; same station; priority low
N9,C5,R1,,100.0,serves daily_care; same station; 1 件 left; valid to 2026-12-31; priority high
N10,C5,,,,what could meet it went to a better total (best V1)
N6,C3,,,,no resource or volunteer can meet it in its area on the day
X
check_err "the summary on stderr" <<'X'
sw-match: met 6 of 8 open needs (6 resources and volunteers), total score 366.0
X
run sw-match needs --assign --per-volunteer 2
check_out_has "N10,C5,,V1,70.0,skill 心理疏导; same station; priority medium" "--per-volunteer 2: V1 takes N1 and N10"
check_err_has "met 7 of 8 open needs" "and the total counts it"

run sw-match needs --lang zh --top 1
check_out "--lang zh: the reasons in Chinese" <<'X'
need_id,client_id,resource_id,volunteer_id,rank,score,reasons
N1,C1,,V1,1,100.0,特长：心理疏导；同一站点；优先级：高
N10,C5,,V1,1,70.0,特长：心理疏导；同一站点；优先级：中
N2,C1,R1,,1,40.0,对应需求：生活照料；同一站点；剩余1件；有效期至2026-12-31；未定优先级
N3,C2,R3,,1,42.0,对应需求：生活照料；同一区划；数量不限；优先级：中
N4,C3,R2,,1,60.0,对应需求：经济援助；同一区划；剩余2份；有效期至2026-12-31；优先级：高
N5,C4,,V2,1,40.0,特长：生活照料；同一站点；优先级：低
N9,C5,R1,,1,100.0,对应需求：生活照料；同一站点；剩余1件；有效期至2026-12-31；优先级：高
X
run sw-match needs --lang zh --assign
check_out_has "N6,C3,,,,当日在其所在区域内没有能满足它的资源或志愿者" "--lang zh: why a need is left, in Chinese"

expect_fail 2 "sw-match: needs does not take --weights" sw-match needs --weights skills=1
expect_fail 2 "sw-match: --top: out of range (1 to 100000)" sw-match needs --top 0
expect_fail 2 "sw-match: --per-volunteer: not a whole number" sw-match needs --assign --per-volunteer x
expect_fail 2 'sw-match: unexpected argument "N1"' sw-match needs N1
run sw-match needs --help
check_out_has "needs [--top K] [--assign [--per-volunteer N]]" "--help: the usage"
done_testing
