#!/bin/sh
# An import on a SQLite file and on a PostgreSQL server: the same
# messages, counts, exit statuses and stored rows, line by line, for the
# tables whose import needs no hook of a program (activities, the service
# catalogue, supervision, organisations): rejected rows and --rejects, a key
# met twice (in one chunk of a server's import and across chunks), --dry-run
# and --strict storing nothing, updates, a closed month, a worker named
# instead of given by 工号, standard input, add, and the local vocabulary.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"
# the rows of a table in key order, as both print them
rows() { sql "SELECT * FROM $1 ORDER BY $2"; }

cat >cat.csv <<'X'
项目编号,项目名称,服务类别,服务性质,计量单位
SJ01,困难群众走访探视,社会救助,补救性,户次
SJ02,救助政策宣传与咨询,社会救助,预防性,人次
X
run sw-case import --table catalogue cat.csv
check_rc 0 "a catalogue imports"
check_err "its summary" <<'X'
sw-case: cat.csv: read 2, inserted 2, updated 0, unchanged 0, rejected 0
X

# the stations and workers the rows refer to, in the database the
# catalogue's import made (their own import has hooks)
sql "INSERT INTO stations (code, name, level, parent_code, opened_on) VALUES
	('QX', '青溪县社会工作总站', 'county', NULL, '2021-03-01'),
	('QX-001', '青溪街道社工站', 'township', 'QX', '2021-09-01'),
	('QX-002', '云山街道社工站', 'township', 'QX', '2021-09-01')" >/dev/null
sql "INSERT INTO workers (worker_id, name, station_code, role, certificate, hired_on, left_on) VALUES
	('W007', '赵丽娟', 'QX-001', 'service', 'none', '2022-05-01', NULL),
	('W008', '何芳', 'QX-001', 'service', 'none', '2022-08-01', NULL),
	('W009', '何芳', 'QX-001', 'service', 'none', '2022-08-01', NULL),
	('W010', '周强', 'QX-002', 'service', 'none', '2022-08-01', '2026-05-31')" >/dev/null

cat >acts.csv <<'X'
activity_id,station_code,date,kind,title,sessions,participants,item_code
A1,QX-001,2026-06-01,fair,政策咨询会,1,44,SJ02
A2,QX-999,2026-06-16,group,妇女手工小组,2,102,
A1,QX-002,2026-06-15,outreach,同一编号,1,117,
A3,QX-002,2026-13-10,community,坏日期,1,109,
A4,QX-001,2026-07-22,bogus,社工能力培训,1,83,
A5,QX-002,2026-07-26,community,重阳敬老活动,1,101,SJ09
A6,QX-002,2026-07-27,community,"逗号,在内",1,5,
A6,QX-002,2026-07-27,community,"逗号,在内",1,5,
X
run sw-case import --rejects rej.csv acts.csv
check_rc 1 "rows rejected: status 1"
check_err "each rejected row by its line, in the file's order, no value quoted; the key met twice, twice" <<'X'
sw-case: acts.csv:3: station_code: unknown station
sw-case: acts.csv:4: activity_id: duplicate key (an earlier line of this file has it)
sw-case: acts.csv:5: date: impossible date
sw-case: acts.csv:6: kind: unknown value (expected group, community, outreach, fair, training, other)
sw-case: acts.csv:7: item_code: unknown catalogue item
sw-case: acts.csv:9: activity_id: duplicate key (an earlier line of this file has it)
sw-case: acts.csv: read 8, inserted 2, updated 0, unchanged 0, rejected 6
X
run cat rej.csv
check_out "--rejects: the rows as written, with their line and why" <<'X'
activity_id,station_code,date,kind,title,sessions,participants,item_code,line,error
A2,QX-999,2026-06-16,group,妇女手工小组,2,102,,3,station_code: unknown station
A1,QX-002,2026-06-15,outreach,同一编号,1,117,,4,activity_id: duplicate key (an earlier line of this file has it)
A3,QX-002,2026-13-10,community,坏日期,1,109,,5,date: impossible date
A4,QX-001,2026-07-22,bogus,社工能力培训,1,83,,6,"kind: unknown value (expected group, community, outreach, fair, training, other)"
A5,QX-002,2026-07-26,community,重阳敬老活动,1,101,SJ09,7,item_code: unknown catalogue item
A6,QX-002,2026-07-27,community,"逗号,在内",1,5,,9,activity_id: duplicate key (an earlier line of this file has it)
X
run rows activities activity_id
check_out "the first line of a key twice is the one stored" <<'X'
A1|QX-001|2026-06-01|fair|政策咨询会|1|44|SJ02
A6|QX-002|2026-07-27|community|逗号,在内|1|5|
X

cat >upd.csv <<'X'
活动编号,站点编号,活动日期,活动类型,活动名称,节数,参与人次
A1,QX-001,2026-06-01,fair,政策咨询会（改）,1,45
A6,QX-002,2026-07-27,community,"逗号,在内",1,5
A7,QX-002,2026-08-26,group,新的,1,10
X
db_snap
run sw-case import --dry-run upd.csv
check_rc 0 "a dry run"
check_err "counts what it would do" <<'X'
sw-case: upd.csv: read 3, inserted 1, updated 1, unchanged 1, rejected 0 (dry run: nothing written)
X
db_same "and writes nothing"
run sw-case import --strict --table activities acts.csv
check_rc 1 "--strict: a rejected row fails the file"
check_err "at the first one, said with nothing imported" <<'X'
sw-case: acts.csv:3: station_code: unknown station
sw-case: acts.csv: --strict: nothing imported
X
db_same "nothing of it is stored"
run sw-case import upd.csv
check_err "an update, a row unchanged, a new one" <<'X'
sw-case: upd.csv: read 3, inserted 1, updated 1, unchanged 1, rejected 0
X
run rows activities activity_id
check_out "the item_code the file lacks is kept" <<'X'
A1|QX-001|2026-06-01|fair|政策咨询会（改）|1|45|SJ02
A6|QX-002|2026-07-27|community|逗号,在内|1|5|
A7|QX-002|2026-08-26|group|新的|1|10|
X
run_in upd.csv sw-case import
check_err "from standard input: all unchanged" <<'X'
sw-case: -: read 3, inserted 0, updated 0, unchanged 3, rejected 0
X

# a closed month: a new row in it, a row moved into or out of it, refused;
# an unchanged one allowed
sql "INSERT INTO closed_months (month, closed_at, \"user\", fingerprint) VALUES ('2026-06', '2026-07-01T09:00:00+08:00', 'admin', 'x')" >/dev/null
cat >closed.csv <<'X'
activity_id,station_code,date,kind,title,sessions,participants
A1,QX-001,2026-06-01,fair,政策咨询会（改）,1,45
A6,QX-002,2026-06-27,community,挪进六月,1,5
A7,QX-002,2026-08-27,group,新的,1,10
A8,QX-002,2026-06-20,group,六月的新行,1,10
A1,QX-001,2026-07-01,fair,挪出六月,1,45
X
db_snap
run sw-case import --lang zh closed.csv
check_rc 1 "rows in a closed month: status 1"
check_err "each refused row names the month (in Chinese)" <<'X'
sw-case: closed.csv 第3行：活动日期：2026-06 已结账（要改动，请先 sw-report close --reopen）
sw-case: closed.csv 第5行：活动日期：2026-06 已结账（要改动，请先 sw-report close --reopen）
sw-case: closed.csv 第6行：活动日期：2026-06 已结账（要改动，请先 sw-report close --reopen）
sw-case: closed.csv：读入5行，新增0，更新1，未变1，拒收3
X
sql "DELETE FROM closed_months" >/dev/null

# A big file: a server stores it in chunks of 10,000 rows; a key met
# again 10,000 rows later, and rows rejected in the third chunk, are said
# in the file's order all the same.
awk 'BEGIN { print "activity_id,station_code,date,kind,title,sessions,participants"
	for (i = 1; i <= 25000; i++)
		printf "B%05d,%s,2026-08-%02d,fair,活动%d,1,%d\n", i == 15000 ? 5000 : i,
			i == 24000 ? "QX-404" : "QX-00" (i % 2 + 1), i % 28 + 1, i, i }' >big.csv
run sw-case import big.csv
check_rc 1 "a big file with two bad rows"
check_err "both said, in order" <<'X'
sw-case: big.csv:15001: activity_id: duplicate key (an earlier line of this file has it)
sw-case: big.csv:24001: station_code: unknown station
sw-case: big.csv: read 25000, inserted 24998, updated 0, unchanged 0, rejected 2
X
[ "$(sql "SELECT count(*) FROM activities WHERE activity_id LIKE 'B%'")" = 24998 ] &&
	[ "$(sql "SELECT title FROM activities WHERE activity_id = 'B05000'")" = 活动5000 ]
ok $? "all the others stored, the first of the key twice among them"

# supervision: a worker named rather than given by 工号, resolved at the
# row's station on its day; a name two workers have, or none in post
cat >sup.csv <<'X'
督导编号,被督导社工,督导日期,站点编号,督导人,方式,时长,主题
D1,W007,2026-06-01,QX-001,张老师,线上,90,个案
D2,赵丽娟,2026-06-02,QX-001,张老师,线上,1.5小时,个案
D3,何芳,2026-06-03,QX-001,李老师,线下,60,小组
D4,周强,2026-06-04,QX-002,李老师,线下,60,小组
D1,赵丽娟,2026-06-01,QX-001,张老师,线上,90,又一次
X
run sw-station import --table supervision sup.csv
check_rc 1 "supervision: names resolved or refused"
check_err "the refusals say which workers, or that none is in post" <<'X'
sw-station: sup.csv:4: worker_id: 2 workers of that name at the station of the row (W008, W009): give the 工号
sw-station: sup.csv:5: worker_id: no worker with that 工号, nor one of that name in post at the station of the row
sw-station: sup.csv:6: session_id: duplicate key (an earlier line of this file has it)
sw-station: sup.csv: read 5, inserted 2, updated 0, unchanged 0, rejected 3
X
run rows supervision session_id,worker_id
check_out "赵丽娟 stored as W007, 1.5 hours as 90 minutes" <<'X'
D1|W007|2026-06-01|QX-001|张老师|online|90|个案
D2|W007|2026-06-02|QX-001|张老师|online|90|个案
X

# add: a new record, an update of one column, the same again, refusals
run sw-case add --table activities activity_id=A9 station_code=QX-001 date=2026-09-01 kind=fair title=新 participants=3
check_rc 0 "add: a new activity"
run sw-case add --table activities activity_id=A9 participants=4
check_rc 0 "add: one column of it changed"
run sw-case add --dry-run --table activities activity_id=A9 participants=5
check_rc 0 "add --dry-run"
run rows "activities WHERE activity_id = 'A9'" activity_id
check_out "the others kept, the dry run not stored" <<'X'
A9|QX-001|2026-09-01|fair|新||4|
X
expect_fail 1 "sw-case: add: no such record in activities to update; a new one needs station_code, date, kind too" \
	sw-case add --table activities activity_id=A10 participants=4
expect_fail 1 "sw-case: station_code: unknown station" \
	sw-case add --table activities activity_id=A11 station_code=QX-000 date=2026-09-01 kind=fair title=新
run sw-case add --lang zh --table activities activity_id=A11 station_code=QX-000 date=2026-09-01 kind=fair title=新
check_err "in Chinese" <<'X'
sw-case: 站点编号：找不到站点
X

# the local vocabulary: a new key of an open vocabulary, its words in the
# order they were added, one taken away
run sw-case vocab add item_category 数字化 digital
check_rc 0 "vocab add: a new key"
run sw-case vocab add item_category 数字服务 digital
run sw-case vocab add item_category 数字化 digital
check_rc 0 "a word added again"
expect_fail 1 'sw-case: vocab add: "数字服务" already means digital' sw-case vocab add item_category 数字服务 elderly
run sw-case vocab list item_category
check_out "listed after the built-ins, the word added again last" <<'X'
vocab,key,alias,source
item_category,assistance,,built-in
item_category,assistance,社会救助,built-in
item_category,assistance,救助,built-in
item_category,elderly,,built-in
item_category,elderly,养老服务,built-in
item_category,elderly,养老,built-in
item_category,child,,built-in
item_category,child,儿童福利,built-in
item_category,child,儿童关爱保护,built-in
item_category,child,儿童福利/儿童关爱保护,built-in
item_category,child,儿童关爱,built-in
item_category,child,儿童保护,built-in
item_category,community,,built-in
item_category,community,社区治理,built-in
item_category,affairs,,built-in
item_category,affairs,社会事务,built-in
item_category,talent,,built-in
item_category,talent,人才建设,built-in
item_category,talent,人才队伍建设,built-in
item_category,digital,,local
item_category,digital,数字服务,local
item_category,digital,数字化,local
X
printf '项目编号,项目名称,服务类别\nSZ01,线上办事指导,数字化\n' >digital.csv
run sw-case import --table catalogue digital.csv
check_rc 0 "a file with the city's word imports"
[ "$(sql "SELECT category FROM catalogue WHERE item_code = 'SZ01'")" = digital ]
ok $? "stored as its key"
run sw-case vocab rm item_category 数字服务
check_rc 0 "vocab rm"
expect_fail 1 'sw-case: vocab rm: no local alias "数字服务" in item_category' sw-case vocab rm item_category 数字服务
[ "$(sql "SELECT alias FROM vocab ORDER BY alias")" = 数字化 ]
ok $? "one word left"

done_testing
