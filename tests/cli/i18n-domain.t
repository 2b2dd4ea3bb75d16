#!/bin/sh
# Under --lang zh the domain's refusals speak Chinese, in the admin's words:
# columns by their Chinese titles, levels, stages and statuses by their
# Chinese names, full-width punctuation; no English sentence is left, and
# no personal value is repeated (the marker values below never appear).
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

# zh_only DESC: stderr holds no English sentence (two English words in a
# row), once the commands and options it names for the admin to type are
# set aside.
zh_only() {
	sed -e 's/^sw-[a-z]*: //' -e 's/sw-[a-z]* [a-z][-a-zA-Z0-9 ]*//g' \
		-e 's/--[a-z-]*\( [A-Z]*\)\{0,1\}//g' "$T/.err" |
		grep -E '[A-Za-z]{2,}(, | +)[a-z]{2,}' >"$T/.eng"
	[ ! -s "$T/.eng" ]
	s=$?
	ok $s "$1"
	[ $s = 0 ] || sed 's/^/#   english: /' "$T/.eng" | head -5
}
# no_marker DESC: stderr and stdout repeat none of the marker's personal values.
MARK_NAME=标记甲乙 MARK_ID=441522198506127311 MARK_PHONE=13987654321 MARK_ADDR=标记路88号
no_marker() {
	! grep -qF -e "$MARK_NAME" -e "$MARK_ID" -e "$MARK_PHONE" -e "$MARK_ADDR" "$T/.err" "$T/.out"
	ok $? "$1"
}
# zh_fail STATUS MESSAGE CMD...: expect_fail, then zh_only and no_marker.
zh_fail() {
	expect_fail "$@"
	zh_only "  and no English is left"
	no_marker "  and no personal value"
}

run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
run sw-case import -q "$SAMPLE/clients.csv" "$SAMPLE/cases.csv" "$SAMPLE/services.csv"
check_rc 0 "the sample register"

# --- sw-case: rows with personal values, refused --------------------------------
cat >mk.csv <<X
client_id,name,gender,id_number,phone,station_code,address,registered_on
M1,$MARK_NAME,female,$MARK_ID,$MARK_PHONE,QX-001,$MARK_ADDR,2026-06-01
X
run sw-case import -q --lang zh mk.csv
check_rc 1 "a row whose gender disagrees with its ID is refused"
check_err_has "sw-case: mk.csv 第2行：性别：与身份证号不一致" "said in Chinese, the column by its title"
zh_only "no English is left"
no_marker "no personal value"

# --- sw-case close, reopen -------------------------------------------------------
zh_fail 1 "sw-case: K404：没有这个个案（请核对个案编号）" \
	sw-case close --lang zh K404 --reason 服务完成
zh_fail 1 "sw-case: K2026003：结案日期 2000-01-01 早于开案日期 2026-08-15" \
	sw-case close --lang zh K2026003 --reason 服务完成 --on 2000-01-01
zh_fail 1 "sw-case: K2026003：尚未结案，无需重开" sw-case reopen --lang zh K2026003
run sw-case close K2026003 --reason 服务完成 --on 2026-11-01
zh_fail 1 "sw-case: K2026003：已于 2026-11-01 关闭" \
	sw-case close --lang zh K2026003 --reason 服务完成
printf '计划编号,个案编号,版本,制定日期\nP1,K2026005,1,2026-09-01\n' >pl.csv
printf '目标编号,计划编号,需求,完成期限\nG1,P1,就学,2026-10-31\nG2,P1,安全保护,2027-01-31\n' >go.csv
run sw-case import -q pl.csv go.csv
zh_fail 1 "sw-case: K2026005：该个案的服务计划还有2个未完成的目标（G1, G2）：请先做目标回顾，或用 --goals-left REASON 说明为何留下这些目标" \
	sw-case close --lang zh K2026005 --reason 服务完成

# --- sw-case request, approve ----------------------------------------------------
run sw-station add --table stations code=QX name=青溪县社工总站 level=county approval=是
printf '工号,姓名,所属站点,岗位类型\nW090,督导甲,QX,督导\n' >sup.csv
run sw-station import -q sup.csv
run sw-case request close K2026004 --by W008 --reason 服务完成 --on 2026-11-01
check_out "a request to close" <<'X'
R00001
X
zh_fail 1 "sw-case: K2026004：同一事项的申请 R00001 还在等待审批" \
	sw-case request --lang zh close K2026004 --by W008 --reason 服务完成
zh_fail 1 "sw-case: R00001：社工不能审批自己提出的申请" \
	sw-case approve --lang zh R00001 --by W008 --comment 同意
zh_fail 1 "sw-case: R00001：--by：只有个案所在站点或上级站点的督导才能审批" \
	sw-case approve --lang zh R00001 --by W007 --comment 同意
zh_fail 1 "sw-case: R00009：没有这个申请（请核对申请编号）" \
	sw-case approve --lang zh R00009 --by W090 --comment 同意
run sw-case approve R00001 --by W090 --comment 同意 --on 2026-11-02
check_rc 0 "the supervisor approves"
zh_fail 1 "sw-case: R00001：该申请已批准" sw-case reject --lang zh R00001 --by W090 --comment 不同意

# --- sw-case dupes, merge --------------------------------------------------------
{
	echo "client_id,name,birth_date,phone,station_code,registered_on"
	for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22; do
		echo "D$i,$MARK_NAME$i,1980-03-$i,$MARK_PHONE,QX-001,2026-09-01"
	done
} >shared.csv
run sw-case import -q shared.csv
run sw-case dupes --lang zh -f csv
check_rc 0 "dupes with a placeholder phone"
check_err "the placeholder phone is said in Chinese, by count and first client" <<'X'
sw-case: dupes：22位服务对象共用同一个电话号码（第一位是 D01）：视为占位号码，不参与比对
X
zh_fail 2 "sw-case: merge：KEEP 和 DROP 是同一位服务对象" sw-case merge --lang zh D01 D01
zh_fail 1 "sw-case: D99：没有这个服务对象（请核对档案号）" sw-case merge --lang zh D01 D99

# --- sw-case audit --verify ------------------------------------------------------
behind "update clients set phone = '13800000000' where client_id = 'QX-C0003'"
zh_fail 1 "sw-case: 审计：clients QX-C0003：被绕过本工具修改" sw-case audit --lang zh --verify

# --- sw-station: certificates, stations, partners --------------------------------
printf '工号,证书等级,取得日期\nW008,无,2026-01-01\n' >cert.csv
run sw-station import -q --lang zh cert.csv
check_rc 1 "a certificate of level 无 is refused"
check_err_has "sw-station: cert.csv 第2行：证书等级：“无”不是已取得的证书" "in Chinese"
zh_only "  and no English is left"
printf '站点编号,站点名称,站点层级,上级编号\nQX-999,试点,乡镇社工站,QX-101001\n' >st.csv
run sw-station import -q --lang zh st.csv
check_err_has '上级编号：上级 "QX-101001"是村居社工服务点，不高于乡镇（街道）社工站' \
	"levels by their Chinese names"
zh_only "  and no English is left"
cat >vol.csv <<X
volunteer_id,name,id_number,phone,station_code
VL1,$MARK_NAME,$MARK_ID,$MARK_PHONE,QX-001
X
run sw-station import -q vol.csv
check_rc 0 "a volunteer"
printf 'volunteer_id,date,minutes\nVL1,2026-10-01,60\n' >hrs.csv
run sw-station import -q --lang zh hrs.csv
check_err_has "hrs.csv 第2行：活动编号、服务编号：请填写志愿服务所在的活动或服务，二者填一项" \
	"volunteer hours at neither an activity nor a service"
zh_only "  and no English is left"
no_marker "  and no personal value"
printf 'resource_id,kind,name,valid_from,valid_to\nRS1,goods,米面,2026-12-31,2026-01-01\n' >res.csv
run sw-station import -q --lang zh res.csv
check_err_has "res.csv 第2行：有效期止：2026-01-01 早于有效期起 2026-12-31" "a resource's validity backwards"
zh_only "  and no English is left"

# --- sw-match place --------------------------------------------------------------
printf 'employer_id,name\nE1,宏达机械\n' >emp.csv
printf 'vacancy_id,employer_id,title,skills,wage_min,wage_max,headcount,posted_on,closes_on\nV2,E1,叉车司机,叉车,5000,7000,2,2026-01-01,2026-03-31\n' >vac.csv
printf 'seeker_id,name,skills,education,station_code\nS3,%s,叉车,初中,QX-002\n' "$MARK_NAME" >sk.csv
run sw-match import -q emp.csv vac.csv sk.csv
check_rc 0 "a vacancy and a seeker"
run sw-match place S3 V2 --stage matched --date 2026-02-01
zh_fail 1 "sw-match: 阶段：面试（2026-01-20）与配对（2026-02-01）的先后顺序颠倒" \
	sw-match place --lang zh S3 V2 --stage 面试 --date 2026-01-20
zh_fail 1 "sw-match: 岗位编号：岗位在 2026-04-01 已截止（截止日期 2026-03-31）" \
	sw-match place --lang zh S3 V2 --stage referred --date 2026-04-01
zh_fail 1 "sw-match: 阶段：稳岗3个月须有 2026-03-01 当天或之前的入职记录" \
	sw-match place --lang zh S3 V2 --stage retained_3m --date 2026-03-01

# --- sw-report: a closed month, merge --------------------------------------------
fresh_db
. "$SW_TOP/tests/cli/report-fixture.sh"
run sw-report close --month 2026-10
check_rc 0 "a closed month"
printf 'client_id,name,station_code,registered_on\nP5,e,T1,2024-02-29\n' >move.csv
run sw-case import -q --lang zh move.csv
check_rc 3 "a change to a closed month's figures is refused"
check_err_has "sw-case: $DBNAME：已拒绝：2026-10 已结账，这样做会改变该月的数字：T1 建档服务对象 1 -> 2, T2 建档服务对象 1 -> 0（如需修改，请先重开该月：sw-report close --month 2026-10 --reopen --reason 理由）" \
	"named in Chinese, the figures by their Chinese labels"
run sw-report monthly --month 2026-10 --by township -f csv -o a.csv
printf 'a,b\n1,2\n' >bad.csv
zh_fail 1 "sw-report: bad.csv 第1行：不是报表（表头应为 period,station_code,station_name,level,figure,label,value）" \
	sw-report merge --lang zh bad.csv
zh_fail 1 "sw-report: a.csv 第2行：station_code：C 在前面的文件中已出现过" \
	sw-report merge --lang zh a.csv a.csv
sed '2s/,[0-9]*$/,x/' a.csv >nan.csv
zh_fail 1 "sw-report: nan.csv 第2行：value：不是数字" sw-report merge --lang zh nan.csv

# The same refusals stay English without --lang zh (LC_ALL=C).
expect_fail 1 "sw-report: a.csv:2: station_code: C is also in an earlier file" sw-report merge a.csv a.csv
done_testing
