# A small county with known answers, for the report-*.t tests (sourced
# after lib.sh). Stations: C > R > T1 > V1, V2 (V2 opens 2026-11-05) and
# R > T2 (closed mid-month, 2026-10-15). Records are inserted with SQL (on
# either backend: sql), so the tests do not depend on sw-case or sw-match.
cat >stations.csv <<'X'
code,name,level,parent_code,opened_on,closed_on
C,青溪县总站,county,,2020-01-01,
R,东片中心站,regional,C,2020-01-01,
T1,梅江镇站,township,R,2020-01-01,
T2,石门镇站,township,R,2020-01-01,2026-10-15
V1,西村点,village,T1,2020-01-01,
V2,新桥点,village,T1,2026-11-05,
X
cat >workers.csv <<'X'
worker_id,name,station_code,role,certificate,hired_on,left_on
W1,林伟,T1,service,intermediate,2020-01-01,
W2,刘静,T1,service,none,2020-01-01,
W3,高丽,T2,service,assistant,2020-01-01,2026-10-15
W4,罗静,V1,service,none,2026-10-31,
W5,朱英,C,admin,senior,2020-01-01,2026-10-31
X
if [ "$BACKEND" = pg ]; then	# until sw-station import runs on a server: the same rows
	sql "INSERT INTO stations (code, name, level, parent_code, opened_on, closed_on) VALUES
 ('C', '青溪县总站', 'county', NULL, '2020-01-01', NULL), ('R', '东片中心站', 'regional', 'C', '2020-01-01', NULL),
 ('T1', '梅江镇站', 'township', 'R', '2020-01-01', NULL), ('T2', '石门镇站', 'township', 'R', '2020-01-01', '2026-10-15'),
 ('V1', '西村点', 'village', 'T1', '2020-01-01', NULL), ('V2', '新桥点', 'village', 'T1', '2026-11-05', NULL);
INSERT INTO workers (worker_id, name, station_code, role, certificate, hired_on, left_on) VALUES
 ('W1', '林伟', 'T1', 'service', 'intermediate', '2020-01-01', NULL), ('W2', '刘静', 'T1', 'service', 'none', '2020-01-01', NULL),
 ('W3', '高丽', 'T2', 'service', 'assistant', '2020-01-01', '2026-10-15'), ('W4', '罗静', 'V1', 'service', 'none', '2026-10-31', NULL),
 ('W5', '朱英', 'C', 'admin', 'senior', '2020-01-01', '2026-10-31')" >/dev/null || exit 3
else
	sw-station import -q stations.csv workers.csv || exit 3
fi
sql "$(cat <<'X'
INSERT INTO clients (client_id, name, station_code, registered_on) VALUES
 ('P1', 'a', 'V1', '2026-09-30'), ('P2', 'b', 'V1', '2026-10-01'),
 ('P3', 'c', 'T1', '2026-10-31'), ('P4', 'd', 'T2', '2026-11-01'),
 ('P5', 'e', 'T2', '2024-02-29');
INSERT INTO cases (case_id, client_id, station_code, worker_id, domain, opened_on, closed_on) VALUES
 ('K1', 'P1', 'V1', 'W1', 'elderly', '2026-10-05', '2026-10-20'),
 ('K2', 'P2', 'V1', 'W1', 'elderly', '2026-09-01', NULL),
 ('K3', 'P3', 'T1', 'W2', 'child', '2026-10-31', '2026-11-01'),
 ('K4', 'P5', 'T2', 'W3', 'assistance', '2024-02-29', '2026-10-01'),
 ('K5', 'P5', 'T2', 'W3', 'assistance', '2025-12-31', '2026-01-01');
INSERT INTO services (service_id, client_id, station_code, date, type, minutes) VALUES
 ('S1', 'P1', 'V1', '2026-10-01', 'visit', 30),
 ('S2', 'P1', 'T1', '2026-10-31', 'phone', 15),
 ('S3', 'P2', 'V1', '2026-10-15', 'counselling', 60),
 ('S4', 'P5', 'T2', '2026-10-14', 'visit', 45),
 ('S5', 'P1', 'V1', '2026-09-30', 'visit', 10),
 ('S6', 'P1', 'V1', '2026-11-01', 'visit', 10),
 ('S7', 'P5', 'T2', '2025-10-20', 'referral', 20),
 ('S8', 'P2', 'V1', '2024-02-29', 'other', 5);
INSERT INTO activities (activity_id, station_code, date, kind, sessions, participants) VALUES
 ('A1', 'T1', '2026-10-10', 'group', 3, 24),
 ('A2', 'T1', '2026-10-11', 'outreach', NULL, 10),
 ('A3', 'V1', '2026-10-31', 'community', 1, NULL);
INSERT INTO employers (employer_id, name, station_code, registered_on) VALUES
 ('E1', 'x', 'T1', '2026-10-01'), ('E2', 'y', 'C', '2026-11-02');
INSERT INTO vacancies (vacancy_id, employer_id, title, headcount, posted_on) VALUES
 ('J1', 'E1', 't', 5, '2026-10-02'), ('J2', 'E1', 't', 2, '2026-09-30');
INSERT INTO seekers (seeker_id, name, station_code, registered_on) VALUES
 ('Q1', 'f', 'T1', '2026-10-03'), ('Q2', 'g', 'T1', '2026-08-01');
INSERT INTO placements (seeker_id, vacancy_id, stage, date) VALUES
 ('Q1', 'J1', 'matched', '2026-10-05'), ('Q1', 'J1', 'hired', '2026-10-20'),
 ('Q2', 'J1', 'matched', '2026-10-06'), ('Q2', 'J2', 'retained_3m', '2026-10-30');
X
)" >/dev/null || exit 3
