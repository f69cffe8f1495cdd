#!/bin/bash
# Benchmark (not a test): XmR charts of SERIES monthly series of MONTHS
# months (values with a level shift and a trend here and there, every 19th
# month NULL), default rules (runs of 7, screening, improvement 'high').
#   spc_points    every point's limits, flags and special cause:
#                 array_agg per series, socialcare.spc_points
#   plain SQL     the same per point in window functions, as an analyst
#                 would write it (lag for the moving range, partition
#                 averages, a second pass for the screened mean, counts over
#                 ROWS frames for the runs, a FOLLOWING frame for "part of")
#   spc()         the series' summary (variation, assurance) by GROUP BY
#   floors        array_agg per series (the collection spc_points needs),
#                 and avg(value) per series (one pass over the rows)
# Checks first that plain SQL and spc_points flag the same points (each
# rule's count).  Prints seconds per query (best of RUNS).
# Usage: [SERIES=5000] [MONTHS=60] bash test/bench/spc.sh [RUNS]
set -euo pipefail
RUNS=${1:-3}
SERIES=${SERIES:-5000}
MONTHS=${MONTHS:-60}
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
"${PSQL[@]}" <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS socialcare;
DROP TABLE IF EXISTS bench_spc;
CREATE TABLE bench_spc AS
SELECT s AS series, (date '2015-01-31' + make_interval(months => i))::date AS month,
       CASE WHEN (s + i) % 19 = 0 THEN NULL
            ELSE round((50 + 10 * sin(s * 7 + i * 3) + CASE WHEN i > s % 40 + 20 THEN 8 ELSE 0 END
                        + CASE WHEN i BETWEEN s % 30 AND s % 30 + 7 THEN 30 * (i - s % 30) ELSE 0 END)::numeric, 1)::float8
       END AS value
FROM generate_series(1, $SERIES) s, generate_series(0, $MONTHS - 1) i;
ANALYZE bench_spc;
SQL
POINTS="SELECT count(*) FILTER (WHERE p.beyond_limit) AS beyond, count(*) FILTER (WHERE p.trend) AS trend,
        count(*) FILTER (WHERE p.two_of_three) AS two_of_three, count(*) FILTER (WHERE p.shift) AS shift,
        count(*) FILTER (WHERE p.special_cause = 'improvement') AS improvement,
        count(*) FILTER (WHERE p.special_cause = 'concern') AS concern
FROM (SELECT series, array_agg(month) AS ms, array_agg(value) AS vs FROM bench_spc GROUP BY series) a,
     socialcare.spc_points(a.ms, a.vs, 'high') p"
PLAIN="WITH b AS (
  SELECT series, month, value, abs(value - lag(value) OVER w) AS mr, sign(value - lag(value) OVER w) AS d
  FROM bench_spc WINDOW w AS (PARTITION BY series ORDER BY month)
), c AS (
  SELECT *, avg(value) OVER p AS centre, avg(mr) OVER p AS amr0 FROM b WINDOW p AS (PARTITION BY series)
), l AS (
  SELECT *, avg(mr) FILTER (WHERE mr < 3.267 * amr0 OR amr0 = 0) OVER (PARTITION BY series) AS amr FROM c
), f AS (
  SELECT *, sign(value - centre) AS side,
         value > centre + 2.66 * amr OR value < centre - 2.66 * amr AS beyond,
         NOT (value > centre + 2.66 * amr OR value < centre - 2.66 * amr)
           AND (value > centre + 2 * 2.66 / 3 * amr OR value < centre - 2 * 2.66 / 3 * amr) AS close
  FROM l
), e AS (
  SELECT *,
         count(*) FILTER (WHERE side = 1) OVER w7 = 7 OR count(*) FILTER (WHERE side = -1) OVER w7 = 7 AS shift_end,
         count(*) FILTER (WHERE d = 1) OVER w6 = 6 OR count(*) FILTER (WHERE d = -1) OVER w6 = 6 AS trend_end,
         CASE WHEN count(*) FILTER (WHERE d = 1) OVER w6 = 6 THEN 1 WHEN count(*) FILTER (WHERE d = -1) OVER w6 = 6 THEN -1 END AS trend_dir,
         (count(*) FILTER (WHERE side = 1) OVER w3 = 3 AND count(*) FILTER (WHERE side = 1 AND close) OVER w3 >= 2)
         OR (count(*) FILTER (WHERE side = -1) OVER w3 = 3 AND count(*) FILTER (WHERE side = -1 AND close) OVER w3 >= 2) AS t23_end
  FROM f
  WINDOW w7 AS (PARTITION BY series ORDER BY month ROWS 6 PRECEDING),
         w6 AS (PARTITION BY series ORDER BY month ROWS 5 PRECEDING),
         w3 AS (PARTITION BY series ORDER BY month ROWS 2 PRECEDING)
), r AS (
  SELECT *, coalesce(beyond, false) AS beyond_limit,
         bool_or(shift_end) OVER a6 AS shift, bool_or(trend_end) OVER a6 AS trend,
         -- the latest trend through the point names its direction
         (array_remove(array_agg(trend_dir) OVER a6, NULL))[array_length(array_remove(array_agg(trend_dir) OVER a6, NULL), 1)] AS tdir,
         coalesce(bool_or(t23_end) OVER a2 AND close, false) AS two_of_three
  FROM e
  WINDOW a6 AS (PARTITION BY series ORDER BY month ROWS BETWEEN CURRENT ROW AND 6 FOLLOWING),
         a2 AS (PARTITION BY series ORDER BY month ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)
), p AS (
  SELECT beyond_limit, trend, two_of_three, shift,
         CASE WHEN value IS NULL THEN NULL
              WHEN coalesce(CASE WHEN beyond_limit THEN side WHEN trend THEN tdir
                                 WHEN two_of_three OR shift THEN side END, 0) > 0 THEN 'improvement'
              WHEN coalesce(CASE WHEN beyond_limit THEN side WHEN trend THEN tdir
                                 WHEN two_of_three OR shift THEN side END, 0) < 0 THEN 'concern' END AS special_cause
  FROM r
)
SELECT count(*) FILTER (WHERE p.beyond_limit), count(*) FILTER (WHERE p.trend),
       count(*) FILTER (WHERE p.two_of_three), count(*) FILTER (WHERE p.shift),
       count(*) FILTER (WHERE p.special_cause = 'improvement'), count(*) FILTER (WHERE p.special_cause = 'concern')
FROM p"
SUMMARY="SELECT count(*) FILTER (WHERE (s).variation <> 'common cause') FROM (SELECT socialcare.spc(month, value, 'high', 55) AS s FROM bench_spc GROUP BY series) x"
FLOOR_AGG="SELECT count(v) FROM (SELECT array_agg(month) AS m, array_agg(value) AS v FROM bench_spc GROUP BY series) x"
FLOOR_AVG="SELECT count(a) FROM (SELECT avg(value) AS a FROM bench_spc GROUP BY series) x"
ours=$("${PSQL[@]}" -F ' ' -c "SET jit = off" -c "$POINTS")
theirs=$("${PSQL[@]}" -F ' ' -c "SET jit = off" -c "$PLAIN")
echo "rows: $("${PSQL[@]}" -c 'SELECT count(*) FROM bench_spc') ($SERIES series x $MONTHS months)"
echo "flags (beyond trend two_of_three shift improvement concern): spc_points $ours; plain SQL $theirs"
[ "$ours" = "$theirs" ] || { echo "!!! plain SQL and spc_points differ" >&2; exit 1; }
timeit() {
	local best=999999 t
	for _ in $(seq "$RUNS"); do
		t=$(printf '%s\n' "SET statement_timeout = '${TIMEOUT:-900s}';" "SET jit = off;" "SET max_parallel_workers_per_gather = 0;" \
			"SELECT extract(epoch FROM clock_timestamp()) AS t0 \\gset" "$1;" \
			"SELECT round((extract(epoch FROM clock_timestamp()) - :t0)::numeric, 3);" \
			| "${PSQL[@]}" 2>&1 | tail -1)
		[[ $t =~ ^[0-9.]+$ ]] || { echo "($t)"; return; }
		best=$(echo "if ($t < $best) $t else $best" | bc)
	done
	echo "$best"
}
echo "  spc_points (every point)       $(timeit "$POINTS")"
echo "  plain SQL window functions     $(timeit "$PLAIN")"
echo "  spc() summary per series       $(timeit "$SUMMARY")"
echo "  floor: array_agg per series    $(timeit "$FLOOR_AGG")"
echo "  floor: avg per series          $(timeit "$FLOOR_AVG")"
"${PSQL[@]}" -c "DROP TABLE bench_spc"
