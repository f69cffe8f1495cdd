#!/bin/bash
# Benchmark (not a test): working_days on timestamp columns (issue 14)
# against the date form and the plain calendar-day subtraction, over
# BENCH_ROWS pairs (default 1,000,000) of the server PGHOST/PGPORT points
# to, after make install.  Each round runs every variant once, in an order
# that rotates from round to round; prints each variant's median seconds
# and the median of the ratios of runs in the same round.  Every variant's
# sum is checked against the date form's (exit 1 on a mismatch).
#   ts        working_days(ts1, ts2): the timestamp form (inlined SQL: the
#             date form on ts::date)
#   tstz      working_days(z1, z2): the timestamptz form (the session zone)
#   date      working_days(d1, d2) on date columns holding the same days
#   cast      working_days(ts1::date, ts2::date), as written before 0.3.0
#   floor_ts  ts2::date - ts1::date: calendar days, no calendar
#   floor     d2 - d1 on the date columns
# Usage: [BENCH_ROWS=N] [BENCH_ROUNDS=R] bash test/bench/timestamps.sh
set -euo pipefail
source "$(dirname "$0")/../../scripts/benchlib.sh"
ROWS=${BENCH_ROWS:-1000000}
ROUNDS=${BENCH_ROUNDS:-7}
RUNS=$(mktemp /tmp/socialcare-bench-ts.XXXXXX)
trap 'rm -f "$RUNS"' EXIT

sql -c "SET client_min_messages = warning" -c "SET timezone = 'Europe/London'" \
	-c "CREATE EXTENSION IF NOT EXISTS socialcare" \
	-c "DROP TABLE IF EXISTS bench_ts" \
	-c "CREATE TABLE bench_ts AS
		SELECT t1 AS ts1, t1 + (i % 97) * interval '1 day' + (i % 11) * interval '1 hour' AS ts2,
		       t1::date AS d1, (t1 + (i % 97) * interval '1 day' + (i % 11) * interval '1 hour')::date AS d2,
		       t1::timestamptz AS z1, (t1 + (i % 97) * interval '1 day' + (i % 11) * interval '1 hour')::timestamptz AS z2
		FROM generate_series(1, $ROWS) AS i,
		     LATERAL (SELECT timestamp '2015-01-01 08:00' + (i % 3650) * interval '1 day' + (i % 600) * interval '1 minute' AS t1) AS t" \
	-c "VACUUM ANALYZE bench_ts"

declare -A QUERY=(
	[ts]="SELECT sum(socialcare.working_days(ts1, ts2)) FROM bench_ts"
	[tstz]="SELECT sum(socialcare.working_days(z1, z2)) FROM bench_ts"
	[date]="SELECT sum(socialcare.working_days(d1, d2)) FROM bench_ts"
	[cast]="SELECT sum(socialcare.working_days(ts1::date, ts2::date)) FROM bench_ts"
	[floor_ts]="SELECT sum(ts2::date - ts1::date) FROM bench_ts"
	[floor]="SELECT sum(d2 - d1) FROM bench_ts"
)
ORDER=(ts tstz date cast floor_ts floor)
declare -A SUM

for round in $(seq "$ROUNDS"); do
	n=${#ORDER[@]}
	for k in $(seq 0 $((n - 1))); do
		item=${ORDER[$(( (k + round) % n ))]}
		out=$(printf '%s\n' "SET max_parallel_workers_per_gather = 0;" "SET jit = off;" "SET timezone = 'Europe/London';" \
			"SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset" "${QUERY[$item]} \\gset r_" \
			"SELECT :'r_sum', round(((extract(epoch FROM clock_timestamp()) - :t0) * 1000)::numeric, 1);" | sql -F ' ')
		result=${out% *}
		ms=${out#* }
		[ -z "${SUM[$item]:-}" ] || [ "${SUM[$item]}" = "$result" ] || bench_fail "$item: sum $result, then ${SUM[$item]}"
		SUM[$item]=$result
		echo "$item $round 1 $result $ms" >>"$RUNS"
	done
done
[ "${SUM[ts]}" = "${SUM[date]}" ] && [ "${SUM[tstz]}" = "${SUM[date]}" ] && [ "${SUM[cast]}" = "${SUM[date]}" ] ||
	bench_fail "sums differ: ts ${SUM[ts]}, tstz ${SUM[tstz]}, date ${SUM[date]}, cast ${SUM[cast]}"
[ "${SUM[floor_ts]}" = "${SUM[floor]}" ] || bench_fail "floor sums differ"

echo "rows: $ROWS, rounds: $ROUNDS (serial, JIT off); median seconds (min-max):"
for item in "${ORDER[@]}"; do
	read -r _ med lo hi <<<"$(bench_stats "$RUNS" "$item" 1000 %.3f)"
	printf '  %-9s %s (%s-%s)\n' "$item" "$med" "$lo" "$hi"
done
echo "ratios (median of same-round pairs):"
for pair in "ts date" "tstz date" "ts cast" "ts floor_ts" "date floor" "floor_ts floor"; do
	set -- $pair
	printf '  %-9s / %-9s %s\n' "$1" "$2" "$(bench_paired "$RUNS" "$1" "$2")"
done
sql -c "DROP TABLE bench_ts"
