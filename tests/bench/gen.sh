# Generators shared by the benches (sourced): invented people only.

# clients: unique, checksum-valid IDs that agree with birth date and gender
gen_clients() {
	awk -v n="$1" 'BEGIN {
		srand(1); split("王 李 张 刘 陈 杨 黄 赵 周 吴 徐 孙 朱 马 胡 郭 林 何 高 罗", sn, " ")
		split("伟 芳 娜 秀 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 兰 霞 建 国 志 文 博 浩 然 德 福 春 生 永 振 华 玉 珍 淑 美 玲 晓", gn, " ")
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); ck = "10X98765432"
		split("QX-001 QX-002 QX-101 QX-102 QX-103 QX-104 QX-001001 QX-002001", st, " ")
		split("elderly elderly;living_alone low_income child;left_behind disabled unemployed migrant women", ct, " ")
		print "client_id,name,gender,birth_date,id_number,phone,station_code,categories,hukou,address,registered_on"
		for (i = 1; i <= n; i++) {
			d = i % 25000; s = int(i / 25000)
			y = 1930 + int(d / 336); m = int((d % 336) / 28) + 1; dd = d % 28 + 1
			id = sprintf("339901%04d%02d%02d%03d", y, m, dd, s + 1)	# never ends in 000 (refused)
			t = 0; for (k = 1; k <= 17; k++) t += substr(id, k, 1) * w[k]
			id = id substr(ck, t % 11 + 1, 1)
			printf "C%07d,%s%s,%s,%04d-%02d-%02d,%s,13%09d,%s,%s,local,青溪县人民路%d号,2026-%02d-%02d\n", \
				i, sn[int(rand() * 20) + 1], gn[int(rand() * 40) + 1] (rand() < 0.3 ? "" : gn[int(rand() * 40) + 1]), (s + 1) % 2 ? "male" : "female", y, m, dd, id, \
				i * 7919 % 1000000000, st[i % 8 + 1], ct[i % 8 + 1], i % 300 + 1, i % 10 + 1, i % 28 + 1
		}
	}' >"$2"
}

# services of clients C0000001..NC, 8 stations and workers, 6 types
gen_services() {
	awk -v n="$1" -v nc="$2" 'BEGIN {
		split("visit counselling phone referral employment other", ty, " ")
		split("QX-001 QX-002 QX-101 QX-102 QX-103 QX-104 QX-001001 QX-002001", st, " ")
		split("W007 W010 W013 W016 W019 W022 W008 W011", wk, " ")
		print "service_id,client_id,case_id,station_code,worker_id,date,type,minutes,note"
		for (i = 1; i <= n; i++)
			printf "S%08d,C%07d,,%s,%s,2026-%02d-%02d,%s,%d,入户走访了解近况\n", i, \
				(i * 7919) % nc + 1, st[i % 8 + 1], wk[i % 8 + 1], i % 10 + 1, i % 28 + 1, \
				ty[i % 6 + 1], 15 * (i % 6 + 1)
	}' >"$3"
}
