#!/usr/bin/env bash
# test/bench/funnel.sh: what the funnel functions cost against the plain
# SQL an analyst would write, on BENCH_FUNNEL_UNITS (default 10,000) units
# (proportions: numerator of denominator, denominators 20 to 20,000).
#
#  - significance, Wilson: socialcare.funnel_significance(n, d, centre)
#    against the CASE over centre +- z sqrt(centre (1 - centre) / d) with
#    z typed in (1.959963984540054, 3.090232306167813), which is what PHE's
#    sigma_adjustment reduces to; both must label every unit the same (an
#    md5 of the labels in unit order);
#  - limits, Wilson: funnel_limits(centre, d) against the same four
#    expressions in SQL (the sum of the four limits must agree to 1e-9);
#  - overdispersion: funnel_baseline(n, d) against plain SQL (z-scores,
#    winsorised at 10% each end with row_number, phi, tau2); equal to 9
#    digits;
#  - the methods plain SQL has no function for (exact binomial, exact
#    Poisson, Byar's): timed, no plain-SQL reference;
#  - the floor: the same scan and centre, a count of p > centre.
# Serial, JIT off, the table prewarmed; BENCH_FUNNEL_ROUNDS (default 7)
# rounds, each a fresh session running every query once, the order
# alternating; medians in ms and the median of the paired ratios.
# Runs against the server PGHOST etc. point to (the extension installed
# there, PGUSER may create databases).
set -euo pipefail
source "$(dirname "$0")/../../scripts/benchlib.sh"
UNITS=${BENCH_FUNNEL_UNITS:-10000}
ROUNDS=${BENCH_FUNNEL_ROUNDS:-7}
case "$UNITS$ROUNDS" in '' | *[!0-9]*) echo "BENCH_FUNNEL_UNITS and BENCH_FUNNEL_ROUNDS must be whole numbers" >&2; exit 2 ;; esac
DB=socialcare_bench_funnel
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
bench_workdir funnel '"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS '$DB'" >/dev/null'
"${PSQL[@]}" -d $DB -c "CREATE EXTENSION socialcare" \
	-c "SELECT extversion FROM pg_extension WHERE extname = 'socialcare'" | sed 's/^/# socialcare /'
"${PSQL[@]}" -d $DB >/dev/null <<SQL
CREATE TABLE units AS
SELECT i AS id, d, least(d, round(d * (0.3 + 0.08 * sin(i) + 0.02 * cos(7 * i)))) AS n
FROM generate_series(1, $UNITS) AS i, LATERAL (SELECT 20 + abs(hashint4(i)) % 19981 AS d) AS x;
VACUUM ANALYZE units;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT pg_prewarm('units') >= 0;
SQL

CENTRE="WITH b AS (SELECT sum(n)::float8 / sum(d) AS c FROM units)"
PLAIN_LABEL="CASE WHEN n::float8 / d < c - 3.090232306167813 * sqrt(c * (1 - c) / d) THEN 'Low (0.001)'
	WHEN n::float8 / d < c - 1.959963984540054 * sqrt(c * (1 - c) / d) THEN 'Low (0.025)'
	WHEN n::float8 / d > c + 3.090232306167813 * sqrt(c * (1 - c) / d) THEN 'High (0.001)'
	WHEN n::float8 / d > c + 1.959963984540054 * sqrt(c * (1 - c) / d) THEN 'High (0.025)'
	ELSE 'Not significant' END"
declare -A Q=(
	[floor]="$CENTRE SELECT count(*) FILTER (WHERE n::float8 / d > c) FROM units, b"
	[sig_plain]="$CENTRE SELECT md5(string_agg($PLAIN_LABEL, ',' ORDER BY id)) FROM units, b"
	[sig_socialcare]="$CENTRE SELECT md5(string_agg(socialcare.funnel_significance(n, d, c), ',' ORDER BY id)) FROM units, b"
	[limits_plain]="$CENTRE SELECT round(sum(greatest(0, c - 3.090232306167813 * sqrt(c * (1 - c) / d))
		+ greatest(0, c - 1.959963984540054 * sqrt(c * (1 - c) / d)) + least(1, c + 1.959963984540054 * sqrt(c * (1 - c) / d))
		+ least(1, c + 3.090232306167813 * sqrt(c * (1 - c) / d)))::numeric, 6) FROM units, b"
	[limits_socialcare]="$CENTRE SELECT round(sum(l.lower_998 + l.lower_95 + l.upper_95 + l.upper_998)::numeric, 6)
		FROM units, b, LATERAL socialcare.funnel_limits(c, d) l"
	[limits_exact]="$CENTRE SELECT round(sum(l.lower_998 + l.lower_95 + l.upper_95 + l.upper_998)::numeric, 6)
		FROM units, b, LATERAL socialcare.funnel_limits(c, d, method => 'exact') l"
	[limits_poisson]="$CENTRE SELECT round(sum(l.lower_998 + l.lower_95 + l.upper_95 + l.upper_998)::numeric, 6)
		FROM units, b, LATERAL socialcare.funnel_limits(c, d, 'rate') l"
	[limits_byars]="$CENTRE SELECT round(sum(l.lower_998 + l.lower_95 + l.upper_95 + l.upper_998)::numeric, 6)
		FROM units, b, LATERAL socialcare.funnel_limits(c, d, 'rate', 'byars') l"
	[baseline_socialcare]="SELECT round(phi::numeric, 9) || ' ' || round(tau2::numeric, 12) FROM
		(SELECT (socialcare.funnel_baseline(n, d)).* FROM units) s"
	[baseline_plain]="$CENTRE, z AS (SELECT (n::float8 / d - c) / sqrt(c * (1 - c) / d) AS z, d / (c * (1 - c)) AS w FROM units, b),
		r AS (SELECT z, w, row_number() OVER (ORDER BY z) AS rn, count(*) OVER () AS k FROM z),
		lim AS (SELECT max(z) FILTER (WHERE rn = floor(0.1 * k) + 1) AS lo, max(z) FILTER (WHERE rn = k - floor(0.1 * k)) AS hi FROM r),
		s AS (SELECT avg(power(least(greatest(z, lo), hi), 2)) AS phi, count(*) AS k, sum(w) AS sw, sum(w * w) AS sw2 FROM r, lim)
		SELECT round(phi::numeric, 9) || ' ' || round((CASE WHEN k * phi > k - 1 THEN (k * phi - (k - 1)) / (sw - sw2 / sw) ELSE 0 END)::numeric, 12) FROM s"
)
ITEMS=(sig_socialcare sig_plain limits_socialcare limits_plain baseline_socialcare baseline_plain limits_exact limits_poisson limits_byars floor)
RUNS=$WORK/runs.log
: >"$RUNS"
for r in $(seq 1 "$ROUNDS"); do
	order=("${ITEMS[@]}")
	if [ $((r % 2)) -eq 0 ]; then
		order=()
		for ((i = ${#ITEMS[@]} - 1; i >= 0; i--)); do order+=("${ITEMS[$i]}"); done
	fi
	{
		echo "SET max_parallel_workers_per_gather = 0; SET jit = off;"
		for item in "${order[@]}"; do
			echo "\\echo ITEM $item"
			echo "\\timing on"
			echo "${Q[$item]};"
			echo "\\timing off"
		done
	} >"$WORK/round$r.sql"
	"${PSQL[@]}" -d $DB -f "$WORK/round$r.sql" |
		awk -v r="$r" '/^ITEM / { item = $2; next } /^Time:/ { print item, r, 1, result, $2; next } { result = $0; gsub(/ /, "_", result) }' >>"$RUNS"
done

# The pairs must agree, and every run of a query give the same answer.
answer() { awk -v i="$1" '$1 == i { print $4 }' "$RUNS" | sort -u; }
for item in "${ITEMS[@]}"; do
	[ "$(answer "$item" | wc -l)" -eq 1 ] || bench_fail "$item gives different answers from run to run" "$(answer "$item")"
done
for pair in "sig_socialcare sig_plain" "limits_socialcare limits_plain" "baseline_socialcare baseline_plain"; do
	set -- $pair
	[ "$(answer "$1")" = "$(answer "$2")" ] || bench_fail "$1 and $2 disagree" "$1: $(answer "$1")" "$2: $(answer "$2")"
	echo "# $1 = $2: $(answer "$1")"
done
echo "# $UNITS units; serial, JIT off; $ROUNDS rounds"
printf '%-20s %5s %10s %10s %10s\n' query runs median_ms min_ms max_ms
for item in "${ITEMS[@]}"; do
	read -r n med lo hi <<<"$(bench_stats "$RUNS" "$item")"
	printf '%-20s %5s %10s %10s %10s\n' "$item" "$n" "$med" "$lo" "$hi"
done
for pair in "sig_socialcare sig_plain" "limits_socialcare limits_plain" "baseline_socialcare baseline_plain" \
	"sig_socialcare floor" "limits_socialcare floor" "limits_exact floor" "limits_poisson floor" "limits_byars floor"; do
	set -- $pair
	echo "$1 / $2 (paired, median): $(bench_paired "$RUNS" "$1" "$2")"
done
