#!/bin/bash
# Benchmark (not a test): previous_value / previous_average over 100,000
# rows (100 KPIs x 1,000 months, every 13th month missing) with look-backs
# of 1, 12 and 1200 months, against the plain SQL an analyst would write (a
# self-join on the month, and a RANGE frame for the average) and a floor
# (lag(), which ignores missing months).  Prints seconds per query (best of
# RUNS).  GAP=0 for no missing months.
# Usage: [GAP=13] bash test/bench/previous.sh [RUNS] [LOOKBACKS]
set -euo pipefail
RUNS=${1:-3}
LOOKBACKS=${2:-"1 12 1200"}
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
"${PSQL[@]}" <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS socialcare;
DROP TABLE IF EXISTS bench_prev;
CREATE TABLE bench_prev AS
SELECT k AS kpi, (date '1950-01-01' + make_interval(months => i))::date AS month,
       round((k * 37 + i * 11) % 1000 / 10.0, 1) AS value
FROM generate_series(1, 100) k, generate_series(0, 1000 + 1000 / 12) i
WHERE ${GAP:-13} = 0 OR (k * 7 + i) % ${GAP:-13} <> 0
LIMIT 100000;
ANALYZE bench_prev;
SQL
echo "rows: $("${PSQL[@]}" -c 'SELECT count(*) FROM bench_prev')"
timeit() {
	local best=999999 t
	for _ in $(seq "$RUNS"); do
		t=$(printf '%s\n' "SET statement_timeout = '${TIMEOUT:-900s}';" "SET jit = off;" \
			"SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset" "$1;" \
			"SELECT round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 3);" \
			| "${PSQL[@]}" 2>&1 | tail -1)
		[[ $t =~ ^[0-9.]+$ ]] || { echo "($t)"; return; }
		best=$(echo "if ($t < $best) $t else $best" | bc)
	done
	echo "$best"
}
for k in $LOOKBACKS; do
	echo "look-back $k:"
	echo "  previous_value          $(timeit "SELECT sum(v) FROM (SELECT socialcare.previous_value(value, month, $k) OVER (PARTITION BY kpi ORDER BY month) AS v FROM bench_prev) x")"
	echo "  self-join on the month  $(timeit "SELECT sum(p.value) FROM bench_prev s LEFT JOIN bench_prev p ON p.kpi = s.kpi AND p.month = (s.month - make_interval(months => $k))::date")"
	echo "  previous_average        $(timeit "SELECT sum(v) FROM (SELECT socialcare.previous_average(value, month, $k) OVER (PARTITION BY kpi ORDER BY month) AS v FROM bench_prev) x")"
	echo "  RANGE frame average     $(timeit "SELECT sum(a) FROM (SELECT CASE WHEN count(value) OVER w = $k THEN avg(value) OVER w END AS a FROM bench_prev WINDOW w AS (PARTITION BY kpi ORDER BY month RANGE BETWEEN make_interval(months => $k) PRECEDING AND '1 month' PRECEDING)) x")"
	echo "  floor: lag()            $(timeit "SELECT sum(v) FROM (SELECT lag(value, 1) OVER (PARTITION BY kpi ORDER BY month) AS v FROM bench_prev) x")"
done
"${PSQL[@]}" -c "DROP TABLE bench_prev"
