#!/usr/bin/env bash
# test/citus/citus.sh: socialcare on Citus (issue 15).  A coordinator and two
# workers, each a throwaway cluster of the PostgreSQL that PG_CONFIG (or
# pg_config on PATH) names, with citus in shared_preload_libraries; a
# distributed table of referrals in 32 shards and the same rows in a plain
# table; every aggregate and the calendar cases compared between the two.
# Prints TAP ("ok N - ...", "not ok N - ..."); exits non-zero when a case
# differs.  Where Citus is not installed for that PostgreSQL it prints
# "1..0 # SKIP Citus not installed" and exits 0 (CI has no Citus).
#
#   SOCIALCARE_CITUS_ROWS   rows (default 100000)
#   SOCIALCARE_CITUS_PORT   first of the three ports (default 55432)
set -u
PG_CONFIG=${PG_CONFIG:-pg_config}
BINDIR=$("$PG_CONFIG" --bindir) || { echo "1..0 # SKIP no pg_config"; exit 0; }
if [ ! -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ] \
	|| [ ! -f "$("$PG_CONFIG" --sharedir)/extension/citus.control" ]; then
	echo "1..0 # SKIP Citus not installed"
	exit 0
fi
ROWS=${SOCIALCARE_CITUS_ROWS:-100000}
PORT0=${SOCIALCARE_CITUS_PORT:-55432}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/socialcare-citus.XXXXXX")
chmod 755 "$DIR"
OWNER=$(id -un)
if [ "$(id -u)" = 0 ]; then
	OWNER=postgres
	chown "$OWNER" "$DIR"
fi
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}
NODES=(coordinator worker1 worker2)
cleanup() {
	for n in 0 1 2; do
		as_owner "$BINDIR/pg_ctl" -D "$DIR/${NODES[$n]}" -m fast -w stop >/dev/null 2>&1 || true
	done
	rm -rf "$DIR"
}
trap cleanup EXIT

for n in 0 1 2; do
	port=$((PORT0 + n))
	as_owner "$BINDIR/initdb" -D "$DIR/${NODES[$n]}" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
		|| { echo "Bail out! initdb failed"; exit 1; }
	cat >>"$DIR/${NODES[$n]}/postgresql.conf" <<CONF
shared_preload_libraries = 'citus'
listen_addresses = ''
unix_socket_directories = '$DIR'
port = $port
fsync = off
max_worker_processes = 16
CONF
	as_owner "$BINDIR/pg_ctl" -D "$DIR/${NODES[$n]}" -l "$DIR/${NODES[$n]}.log" -w start >/dev/null \
		|| { echo "Bail out! ${NODES[$n]} did not start"; cat "$DIR/${NODES[$n]}.log"; exit 1; }
done

# q N SQL: run SQL on node N (0 = coordinator), unaligned, tuples only.
q() {
	local n=$1
	shift
	"$BINDIR/psql" -XAtq -v ON_ERROR_STOP=1 -h "$DIR" -p $((PORT0 + n)) -U postgres -d postgres -c "$*"
}
for n in 0 1 2; do
	q $n "CREATE EXTENSION citus; CREATE EXTENSION socialcare;" >/dev/null \
		|| { echo "Bail out! CREATE EXTENSION failed on ${NODES[$n]}"; exit 1; }
done
q 0 "SELECT citus_set_coordinator_host('$DIR', $PORT0)" >/dev/null
for n in 1 2; do
	q 0 "SELECT citus_add_node('$DIR', $((PORT0 + n)))" >/dev/null \
		|| { echo "Bail out! citus_add_node failed"; exit 1; }
done

q 0 "
SET citus.shard_count = 32;
CREATE TABLE referral (child bigint, referral_date date, assessed date, within_45 boolean, score numeric);
SELECT create_distributed_table('referral', 'child');
INSERT INTO referral
SELECT i % 20000, DATE '2023-04-01' + (i * 7919 % 1100),
       DATE '2023-04-01' + (i * 7919 % 1100) + (i % 60),
       CASE WHEN i % 17 = 0 THEN NULL ELSE i % 60 <= 45 END,
       CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 37 % 1000) / 10.0 END
FROM generate_series(1, $ROWS) i;
CREATE TABLE referral_local AS SELECT * FROM referral;
ANALYZE referral; ANALYZE referral_local;" >/dev/null || { echo "Bail out! the tables"; exit 1; }

N=0
FAILED=0
# check NAME SQL: SQL (with the word REFERRAL) on the distributed table and
# on the plain one gives the same rows.
check() {
	local name=$1 sql=$2 dist loc
	N=$((N + 1))
	dist=$(q 0 "${sql//REFERRAL/referral}" 2>&1)
	loc=$(q 0 "${sql//REFERRAL/referral_local}" 2>&1)
	if [ "$dist" = "$loc" ] && [ -n "$loc" ]; then
		echo "ok $N - $name"
	else
		echo "not ok $N - $name"
		echo "# distributed: $(echo "$dist" | head -3)"
		echo "# plain:       $(echo "$loc" | head -3)"
		FAILED=$((FAILED + 1))
	fi
}
# sorted_bars: a sparkline without ORDER BY draws its values in the order
# rows come; its bars, sorted, do not depend on that order.
SORTED="(SELECT string_agg(c, '' ORDER BY c) FROM regexp_split_to_table(s, '') c)"

check "pct, whole table" "SELECT socialcare.pct(within_45) FROM REFERRAL"
check "pct, by month" "SELECT date_trunc('month', referral_date), socialcare.pct(within_45) FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "pct with FILTER" "SELECT socialcare.pct(within_45) FILTER (WHERE score > 50) FROM REFERRAL"
check "rolling_pct_series, 12 months" \
	"SELECT socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2026-03-31') FROM REFERRAL"
check "rolling_pct_series, 3 months, by child group" \
	"SELECT child % 5, socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2026-03-31', 3) FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "rolling_pct_series, grouped by the distribution column" \
	"SELECT child, socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2025-03-31') FROM REFERRAL WHERE child < 50 GROUP BY 1 ORDER BY 1"
check "sparkline(numeric) without ORDER BY (bars sorted)" \
	"SELECT $SORTED FROM (SELECT socialcare.sparkline(score) AS s FROM REFERRAL WHERE child < 300) t"
check "sparkline(double precision) without ORDER BY (bars sorted)" \
	"SELECT $SORTED FROM (SELECT socialcare.sparkline(score::float8) AS s FROM REFERRAL WHERE child < 300) t"
check "sparkline with ORDER BY" \
	"SELECT socialcare.sparkline(score ORDER BY child, referral_date, assessed, score) FROM REFERRAL WHERE child < 40"
check "sparkline as a moving window" \
	"SELECT socialcare.sparkline(score) OVER (PARTITION BY child ORDER BY referral_date, assessed, score ROWS 3 PRECEDING) FROM REFERRAL WHERE child < 20 ORDER BY child, referral_date, assessed, score"
check "working days" "SELECT sum(socialcare.working_days(referral_date, assessed)) FROM REFERRAL"
check "is_rereferral by the distribution column" \
	"SELECT count(*) FILTER (WHERE r) FROM (SELECT socialcare.is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS r FROM REFERRAL) t"

# Calendars: the session setting, a user calendar made on the coordinator.
check "working days, SET socialcare.calendar = 'scotland'" \
	"SET socialcare.calendar = 'scotland'; SELECT sum(socialcare.working_days(referral_date, assessed)) FROM REFERRAL"
q 0 "INSERT INTO socialcare.calendar (name, base) VALUES ('citus-test', 'england-and-wales');
     INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('citus-test', '2024-12-27'), ('citus-test', '2025-04-22');" >/dev/null
check "working days, a user calendar made on the coordinator" \
	"SELECT sum(socialcare.working_days(referral_date, assessed, 'citus-test')) FROM REFERRAL"
q 0 "INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('citus-test', '2024-06-03');" >/dev/null
check "working days, the user calendar changed on the coordinator" \
	"SELECT sum(socialcare.working_days(referral_date, assessed, 'citus-test')) FROM REFERRAL"

echo "1..$N"
echo "# citus: $((N - FAILED)) passed, $FAILED failed"
[ "$FAILED" = 0 ]
