#!/bin/sh
# backends: sqlite pg
# sw-case vocab: the civil-affairs categories with their labels, the
# separators of a set, the hint an unknown category gets, and a city's own
# category key carried through import, export, re-import and list.
. "$SW_TOP/tests/cli/lib.sh"

run sw-station import "$SAMPLE/stations.csv" "$SAMPLE/workers.csv"
check_rc 0 "sample stations and workers import"

# Every category key, each with its label (its first alias), in set order.
run sh -c 'sw-case vocab list category | grep -A1 "^category,[a-z_]*,,built-in$" | grep -v "^--$"'
check_out "vocab list: the categories, each key then its label" <<'X'
category,elderly,,built-in
category,elderly,老年人,built-in
category,child,,built-in
category,child,儿童,built-in
category,youth,,built-in
category,youth,青少年,built-in
category,women,,built-in
category,women,妇女,built-in
category,disabled,,built-in
category,disabled,残疾人,built-in
category,severe_disability,,built-in
category,severe_disability,重残,built-in
category,low_income,,built-in
category,low_income,低保,built-in
category,low_income_edge,,built-in
category,low_income_edge,低边,built-in
category,extreme_poverty,,built-in
category,extreme_poverty,特困,built-in
category,expenditure_hardship,,built-in
category,expenditure_hardship,支出型困难家庭,built-in
category,orphan,,built-in
category,orphan,孤儿,built-in
category,de_facto_orphan,,built-in
category,de_facto_orphan,事实无人抚养儿童,built-in
category,child_in_difficulty,,built-in
category,child_in_difficulty,困境儿童,built-in
category,left_behind,,built-in
category,left_behind,留守,built-in
category,left_behind_child,,built-in
category,left_behind_child,留守儿童,built-in
category,left_behind_elderly,,built-in
category,left_behind_elderly,留守老人,built-in
category,left_behind_women,,built-in
category,left_behind_women,留守妇女,built-in
category,living_alone,,built-in
category,living_alone,独居,built-in
category,empty_nest,,built-in
category,empty_nest,空巢,built-in
category,widowed_childless,,built-in
category,widowed_childless,孤寡,built-in
category,incapacitated,,built-in
category,incapacitated,失能,built-in
category,partly_incapacitated,,built-in
category,partly_incapacitated,半失能,built-in
category,family_planning_special,,built-in
category,family_planning_special,计生特殊家庭,built-in
category,single_mother_hardship,,built-in
category,single_mother_hardship,单身特困母亲,built-in
category,unemployed,,built-in
category,unemployed,失业,built-in
category,migrant,,built-in
category,migrant,流动人口,built-in
category,vagrant,,built-in
category,vagrant,流浪乞讨,built-in
category,other,,built-in
category,other,其他,built-in
X

# One set, however it is written: 、 ， , / ; ； a space, an ideographic space.
cat >sep.csv <<'X'
client_id,name,station_code,categories
V1,甲,QX-001,低保、独居
V2,乙,QX-001,"低保，独居"
V3,丙,QX-001,"低保,独居"
V4,丁,QX-001,低保/独居
V5,戊,QX-001,低保;独居
V6,己,QX-001,低保；独居
V7,庚,QX-001,低保 独居
V8,辛,QX-001,低保　独居
V9,壬,QX-001,独居/空巢
V10,癸,QX-001,空巢老人、留守
X
run sw-case import sep.csv
check_rc 0 "every separator is read"
run sql "select client_id, categories from clients order by length(client_id), client_id"
check_out "the same set each time; 空巢 is its own key" <<'X'
V1|low_income;living_alone
V2|low_income;living_alone
V3|low_income;living_alone
V4|low_income;living_alone
V5|low_income;living_alone
V6|low_income;living_alone
V7|low_income;living_alone
V8|low_income;living_alone
V9|living_alone;empty_nest
V10|left_behind;empty_nest
X
run sw-case list --category 空巢 -f csv
check_out "list by a new built-in's label" <<'X'
client_id,name,gender,birth_date,station_code,categories,hukou,registered_on,open_cases
V10,癸,,,QX-001,left_behind;empty_nest,,,0
V9,壬,,,QX-001,living_alone;empty_nest,,,0
X

# An unknown category: the import quotes no value of a client, and says how
# to accept it; check, on the admin's own file, shows the word.
cat >c1.csv <<'X'
client_id,name,station_code,categories
H1,孙玉珍,QX-001,困境家庭
X
expect_fail 1 'sw-case: c1.csv:2: categories: unknown value (expected a key or alias listed by sw-case vocab list category; to accept it: sw-case vocab add category VALUE KEY)' \
	sw-case import c1.csv
expect_fail 1 'sw-case: c1.csv:2: categories: unknown value (expected a key or alias listed by sw-case vocab list category; to accept it: sw-case vocab add category VALUE KEY)' \
	sw-case check c1.csv
expect_fail 2 'sw-case: --category: unknown value "困境家庭" (expected a key or alias listed by sw-case vocab list category; to accept it: sw-case vocab add category VALUE KEY)' \
	sw-case list --category 困境家庭

# The hint, followed: a new key, read back in every form.
run sw-case vocab add category 困境家庭 hardship_family
check_rc 0 "vocab add: a city's category"
run sw-case import c1.csv
check_rc 0 "a file with the alias imports"
cat >c2.csv <<'X'
client_id,name,station_code,categories
H2,钱秀英,QX-002,hardship_family;低保
X
run sw-case import c2.csv
check_rc 0 "a file with the key itself imports"
run sw-case export --no-mask
check_out_has "H1,孙玉珍,,,,,QX-001,hardship_family,,," "export writes the key"
check_out_has "H2,钱秀英,,,,,QX-002,low_income;hardship_family,,," "after the built-in keys"
cp .out export.csv
run sw-case import export.csv
check_err "the export re-imports unchanged" <<'X'
sw-case: export.csv: read 12, inserted 0, updated 0, unchanged 12, rejected 0
X
run sw-case list --category hardship_family -f csv
check_out "list by the new key" <<'X'
client_id,name,gender,birth_date,station_code,categories,hukou,registered_on,open_cases
H1,孙玉珍,,,QX-001,hardship_family,,,0
H2,钱秀英,,,QX-002,low_income;hardship_family,,,0
X
cp .out bykey.csv
run sw-case list --category 困境家庭 -f csv
cmp -s .out bykey.csv
ok $? "list by its alias: the same clients"
run sh -c 'sw-case vocab list category | grep ",local$"'
check_out "vocab list: the new key, then its word" <<'X'
category,hardship_family,,local
category,hardship_family,困境家庭,local
X

# A second word for the new key, given by the key.
run sw-case vocab add category 困境户 hardship_family
check_rc 0 "vocab add: an alias of the new key"
run sw-case list --category 困境户 -f csv
cmp -s .out bykey.csv
ok $? "list by the second alias"
expect_fail 1 'sw-case: vocab add: "hardship_family" already means hardship_family' \
	sw-case vocab add category hardship_family elderly
expect_fail 1 'sw-case: vocab add: "困境 家庭" holds a separator (; , 、 / or a space): a set would split it' \
	sw-case vocab add category "困境 家庭" hardship_family

# The last word for a local key stays: records hold the key.
run sw-case vocab rm category 困境户
check_rc 0 "vocab rm: one of two words for a local key"
expect_fail 1 'sw-case: vocab rm: "困境家庭" is the only word for the local key hardship_family, which records may hold: add another word for hardship_family first' \
	sw-case vocab rm category 困境家庭
run sw-case list --category hardship_family -f csv
cmp -s .out bykey.csv
ok $? "the key still lists its clients"

# An option read before the database is opened knows local words too.
run sw-station vocab add level 镇级站 township
run sw-station list --level 镇级站 -f csv
check_rc 0 "sw-station list --level with a local alias"
check_out_has "QX-001," "a township station listed"

done_testing
