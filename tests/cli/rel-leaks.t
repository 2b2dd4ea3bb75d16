#!/bin/sh
# No personal value in any message: marker values (a name 甄秘二, an ID
# number, a phone) are fed through every error path of import, check,
# check --fix, add, list and sw-match's --seekers/--vacancies, for every table
# that holds personal data; the markers must never reach stderr. A value
# under each column in turn, a row shifted by a missing comma, a header
# that holds values (no header row, or a title row of "姓名,甄秘二,电话,..."
# first), and a marker as a header cell.
# backends: sqlite pg
. "$SW_TOP/tests/cli/lib.sh"

NAME=甄秘二 ID=339901197707070638 PHONE=13900001111
run sw-station import -q "$SAMPLE/stations.csv" "$SAMPLE/workers.csv" "$SAMPLE/divisions.csv"
run sw-case import -q "$SAMPLE/clients.csv" "$SAMPLE/cases.csv"
run sw-match import -q "$SAMPLE/employers.csv" "$SAMPLE/vacancies.csv" "$SAMPLE/seekers.csv"

# variants SAMPLE OUT: bad files OUT-*.csv made from the sample's header and
# its first data row.
variants() {
	hdr=$(head -n 1 "$1") row=$(sed -n 2p "$1")
	# each column in turn holds each marker, in a form no column accepts
	nc=$(echo "$hdr" | awk -F, '{ print NF }')
	for m in "男性$NAME" "$ID$NAME" "$PHONE$NAME" "$NAME" "'$ID" "$ID" "$PHONE"; do
		i=1
		while [ $i -le "$nc" ]; do
			echo "$row" | awk -F, -v OFS=, -v i=$i -v m="$m" '{ $i = m; print }'
			i=$((i + 1))
		done
	done | { echo "$hdr"; cat; } >"$2-cols.csv"
	# a missing comma shifts the name and ID into other columns; an extra
	# field; every field a marker
	{
		echo "$hdr"
		echo "$row" | sed "s/,/,$NAME$ID,/; s/,//"
		echo "$row,$NAME"
		echo "$row" | awk -F, -v OFS=, -v m="$NAME" '{ for (i = 1; i <= NF; i++) $i = m i; print }'
		printf '%s\r\n' "$NAME,$ID,$PHONE"
		printf '\xef\xbb\xbf%s\n' "$NAME,$ID"
	} >"$2-shift.csv"
	# no header: the data first
	{ echo "$row" | sed "s/^[^,]*,[^,]*/&$NAME/"; echo "$row"; } >"$2-nohdr.csv"
	# a title row of labels and values that names columns, then the data
	printf '姓名,%s,电话,%s,身份证号,%s,地址,青溪县%s路\n' "$NAME" "$PHONE" "$ID" "$NAME" >"$2-title.csv"
	cat "$1" >>"$2-title.csv"
	# the header itself holds values
	{ echo "$hdr,$NAME,$ID,$PHONE,男性$NAME,$NAME$PHONE"; echo "$row,,,,,"; } >"$2-hdr.csv"
}

leaks() {	# leaks DESC: checks the last command's stderr
	s=0
	for m in 秘二 "$ID" "$PHONE" 3399011977070706; do
		if grep -q -- "$m" "$T/.err"; then
			echo "#   $m in:"; grep -- "$m" "$T/.err" | head -3 | sed 's/^/#   /'; s=1
		fi
	done
	[ -s "$T/.err" ] || { echo "#   no message at all"; s=1; }
	ok $s "$1: no marker in the messages"
}

# the casework tables have no sample file: a header and a row each
printf 'assessment_id,case_id,date,assessor,risk,needs,notes\nA1,K2026001,2026-06-01,W007,low,,初评\n' >assessments.csv
printf 'plan_id,case_id,version,date,author\nP1,K2026001,1,2026-06-02,W007\n' >plans.csv
printf 'goal_id,plan_id,need,description,due_on,status\nG1,P1,income,申请低保,2026-09-01,open\n' >goals.csv
printf 'review_id,goal_id,date,status,note\nR1,G1,2026-07-01,open,已递交\n' >reviews.csv

for tab in sw-case:clients sw-case:cases sw-case:services sw-case:activities \
	   sw-case:assessments sw-case:plans sw-case:goals sw-case:reviews \
	   sw-station:workers sw-match:employers sw-match:seekers sw-match:placements; do
	p=${tab%%:*} t=${tab#*:}
	src=$SAMPLE/$t.csv
	[ -f "$src" ] || src=$t.csv
	variants "$src" "$t"
	for v in cols shift nohdr title hdr; do
		f=$t-$v.csv
		run $p import "$f"
		leaks "$p import $f"
		run $p import --table "$t" --dry-run --rejects rej.csv "$f"
		leaks "$p import --table $t $f"
		if [ "$p" = sw-case ]; then
			run sw-case check "$f"
			leaks "sw-case check $f"
			run sw-case check --fix -o fixed.csv "$f"
			leaks "sw-case check --fix $f"
		fi
	done
done

for v in cols shift nohdr hdr; do	# (the title row is passed over there)
	run sw-match rank --seekers seekers-$v.csv --vacancies "$SAMPLE/vacancies.csv"
	leaks "sw-match rank --seekers seekers-$v.csv"
done

run sw-case add client_id=P9 name=$NAME gender=男性$NAME id_number=$ID$NAME phone=$PHONE$NAME \
	station_code=$NAME birth_date=$NAME categories=$NAME
leaks "sw-case add with bad values"
run sw-case add client_id=P9 name=$NAME "$NAME=$ID"
leaks "sw-case add with a value for a column name"
run sw-case add client_id=P9 "$NAME"
leaks "sw-case add with a value and no ="
run sw-station add --table workers worker_id=W99 name=$NAME station_code=$NAME role=$NAME
leaks "sw-station add a worker with bad values"
run sw-match add --table seekers seeker_id=S99 name=$NAME station_code=QX education=$NAME$ID
leaks "sw-match add a seeker with bad values"

for f in "gender=男性$NAME" "$NAME=$ID" "$NAME" "registered_on=$NAME..$PHONE" "id_number=$ID$NAME"; do
	run sw-case list --table clients "$f"
	leaks "sw-case list --table clients with a bad filter"
done
run sw-match list --table seekers "education=$NAME$ID"
leaks "sw-match list --table seekers with a bad filter"

done_testing
