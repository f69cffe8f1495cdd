#!/usr/bin/env bash
# scripts/bench.sh: how fast socialcare.working_days and add_working_days
# are against the floor (the same scan with plain date arithmetic) and
# against the recipes people use without the extension.  `make bench`.
#
#   BENCH_ROWS=N     pairs in the table (default 10,000,000; 1,000,000
#                    for a quick run)
#   BENCH_ROUNDS=R   rounds (default 5), each in a fresh session.  A round
#                    runs every variant once in each mode, and the
#                    extension and its floor (the headline ratio) 3 times,
#                    back to back, spread through the round; orders rotate
#                    from round to round.  Medians over the runs.
#   BENCH_KEEP=DIR   keep the plans, the round scripts and every run's
#                    time and sum (runs.txt) in DIR
#   BENCH_ONLY=PART  run one part: workdays (working days and offsets) or
#                    pct (the pct aggregate, test/bench/pct.sh: its own
#                    BENCH_PCT_* settings are described there); both by
#                    default, working days first
#
# Builds and installs the extension, starts a throwaway cluster (lib.sh),
# loads test/bench/setup.sql (the data and the competing recipes) and
# times the queries in test/bench/queries/ with psql's \timing: the
# client's wall clock from sending the query to the last byte of its
# one-row result, so it includes parsing and planning (well under a
# millisecond).  Every run's sum is checked, and the script exits 1 on
# any mismatch.  numpy's busday_count runs outside the database on the
# same pairs (test/bench/busday.py, timing only the computation).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/benchlib.sh"

ROWS=${BENCH_ROWS:-10000000}
ROUNDS=${BENCH_ROUNDS:-5}
ONLY=${BENCH_ONLY:-}
PYTHON=/usr/bin/python3
BENCH=$ROOT/test/bench

case "$ROWS$ROUNDS" in
*[!0-9]*) say "BENCH_ROWS and BENCH_ROUNDS must be whole numbers"; exit 2 ;;
esac
if [ "$ROWS" -lt 10000 ] || [ "$ROUNDS" -lt 1 ]; then
	say "BENCH_ROWS must be at least 10000 and BENCH_ROUNDS at least 1"
	exit 2
fi
case $ONLY in
'' | workdays | pct) ;;
*) say "BENCH_ONLY must be workdays or pct (or unset, for both)"; exit 2 ;;
esac
# The pct part: functions only; pct_check_settings says no before any work.
source "$BENCH/pct.sh"
[ "$ONLY" = workdays ] || pct_check_settings

need_build_tools
[ "$ONLY" = pct ] || need_packages python3-numpy
build_and_install
start_cluster

bench_cleanup() { bench_keep "${BENCH_KEEP:-}" '*.txt' '*.log' '*round*.sql'; }
bench_workdir bench bench_cleanup

# A query file's result on a table.
query_sum() { sql -v tbl="bench.$2" -f "$BENCH/queries/$1.sql"; }

if [ "$ONLY" = pct ]; then
	pct_bench
	exit 0
fi

#--------------------------------------------------------------------------
# Data
#--------------------------------------------------------------------------
say "building $ROWS pairs, the samples, dim_date and the recipes (test/bench/setup.sql)"
t0=$SECONDS
"${PSQL[@]}" -v rows="$ROWS" -f "$BENCH/setup.sql" >/dev/null
say "data built in $((SECONDS - t0)) s"

pairs_bytes=$(sql -c "SELECT pg_relation_size('bench.pairs')")
fit_shared_buffers "$pairs_bytes" bench
sb_bytes=$SB_BYTES
if [ "$((pairs_bytes * 4))" -ge "$sb_bytes" ]; then
	RING_NOTE="WARNING: bench.pairs is over 1/4 of shared_buffers: its scans go through a ring buffer (OS cache copies, noisier)"
	say "$RING_NOTE"
else
	RING_NOTE="bench.pairs stays in shared_buffers (prewarmed)"
fi

IFS='|' read -r nrows nrev n1 n01 pg_version <<<"$(sql -c "
	SELECT (SELECT count(*) FROM bench.pairs), (SELECT count(*) FILTER (WHERE f < s) FROM bench.pairs),
		   (SELECT count(*) FROM bench.pairs_1pct), (SELECT count(*) FROM bench.pairs_01pct),
		   current_setting('server_version')")"
if [ "$n1" -eq 0 ] || [ "$n01" -eq 0 ]; then
	bench_fail "a sample is empty: raise BENCH_ROWS"
fi

# The reference sums every run is checked against.  The count variants
# must all give the extension's total; the samples' variants the
# extension's total on the same sample.
declare -A REF
REF[count_floor/pairs]=$(query_sum count_floor pairs)
REF[count/pairs]=$(query_sum count_socialcare pairs)
REF[count/pairs_1pct]=$(query_sum count_socialcare pairs_1pct)
REF[count/pairs_01pct]=$(query_sum count_socialcare pairs_01pct)
REF[offset_floor/pairs]=$(query_sum offset_floor pairs)
REF[offset/pairs]=$(query_sum offset_socialcare pairs)

# numpy's input, exported once: the pairs as binary COPY and the holidays.
sql -c "COPY (SELECT s, f FROM bench.pairs) TO STDOUT (FORMAT binary)" >"$WORK/pairs.bin"
sql -c "SELECT day FROM bench.holiday ORDER BY day" >"$WORK/holidays.txt"
numpy_version=$("$PYTHON" -c 'import numpy; print(numpy.__version__)')

#--------------------------------------------------------------------------
# Variants and modes
#--------------------------------------------------------------------------
# name|kind|table|query file|label   (query "-" = numpy, outside the database)
VARIANTS=(
	"floor|count|pairs|count_floor|floor: sum(f - s)"
	"socialcare|count|pairs|count_socialcare|socialcare.working_days(s, f)"
	"sql|count|pairs|count_sql|pure SQL: closed form + width_bucket"
	"dim_date|count|pairs|count_dim_date|dim_date joined twice"
	"plpgsql|count|pairs_1pct|count_plpgsql|PL/pgSQL day-by-day loop"
	"generate_series|count|pairs_01pct|count_generate_series|generate_series subquery"
	"numpy|count|pairs|-|numpy busday_count (outside PG)"
	"floor|offset|pairs|offset_floor|floor: sum(s + n - date)"
	"socialcare|offset|pairs|offset_socialcare|socialcare.add_working_days(s, n)"
	"dim_date|offset|pairs|offset_dim_date|dim_date + dim_workday lookup"
)
MODES="serial parallel serial+jit parallel+jit"
# The headline (the extension against its floor) runs in every mode, in
# back-to-back pairs, HEADLINE_REPS times a round; the other variants once
# a round, serial and parallel, with jit off.
HEADLINE_REPS=3

declare -A LABEL TABLE QUERY
ITEMS=()     # every kind/name/mode measured
OTHERS=()    # those outside the headline pairs
PAIRS=()     # kind/mode: floor and socialcare back to back
for v in "${VARIANTS[@]}"; do
	IFS='|' read -r name kind table query label <<<"$v"
	LABEL[$kind/$name]=$label
	TABLE[$kind/$name]=$table
	QUERY[$kind/$name]=$query
	for mode in $MODES; do
		case $name/$mode in
		floor/* | socialcare/*) ITEMS+=("$kind/$name/$mode") ;;
		*/serial | */parallel) ITEMS+=("$kind/$name/$mode"); OTHERS+=("$kind/$name/$mode") ;;
		esac
	done
done
for kind in count offset; do
	for mode in $MODES; do
		PAIRS+=("$kind/$mode")
	done
done

#--------------------------------------------------------------------------
# Plans: serial runs must have no Gather; parallel runs must aggregate in
# 2 workers (Partial Aggregate under a Gather with 2 workers planned).
#--------------------------------------------------------------------------
declare -A NOTE
say "checking plans"
: >"$WORK/plans.txt"
for item in "${ITEMS[@]}"; do
	key=${item%/*}
	mode=${item##*/}
	[ "${QUERY[$key]}" = - ] && continue
	plan=$({ mode_settings "$mode"; echo "EXPLAIN (COSTS OFF)"; cat "$BENCH/queries/${QUERY[$key]}.sql"; } |
		sql -v tbl="bench.${TABLE[$key]}" -f -)
	printf '== %s\n%s\n\n' "$item" "$plan" >>"$WORK/plans.txt"
	case $mode in
	serial*)
		if grep -q Gather <<<"$plan"; then
			bench_fail "$item: a serial run has a parallel plan" "$plan"
		fi ;;
	parallel*)
		if ! grep -q 'Workers Planned: 2' <<<"$plan"; then
			bench_fail "$item: no parallel plan with 2 workers" "$plan"
		elif ! grep -q 'Partial Aggregate' <<<"$plan"; then
			if [ "$key" = count/generate_series ]; then
				# PG 15 keeps a correlated subquery above the Gather.
				NOTE[$item]="no parallel aggregate: the correlated subquery runs in the leader"
			else
				bench_fail "$item: the parallel plan does not aggregate in the workers" "$plan"
			fi
		fi ;;
	esac
done
launched=$({ mode_settings parallel; echo "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)"; cat "$BENCH/queries/count_socialcare.sql"; } |
	sql -v tbl=bench.pairs_01pct -f - | sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p')
[ "$launched" = 2 ] || bench_fail "a parallel run launched ${launched:-no} workers, not 2"

#--------------------------------------------------------------------------
# Runs.  R rounds, each a fresh session.  A round runs the headline pairs
# HEADLINE_REPS times, spread through it, each pair floor then extension
# or the other way round, and the other variants once, in between; the
# orders rotate from round to round.
#--------------------------------------------------------------------------
# emit ITEM ROUND REP: the psql lines that run and time ITEM once.
emit() {
	local key=${1%/*} mode=${1##*/}
	if [ "${QUERY[$key]}" = - ]; then
		printf "\\\\! %q %q %q %q %s %q >>%q\n" "$PYTHON" "$BENCH/busday.py" \
			"$WORK/pairs.bin" "$WORK/holidays.txt" "$mode" "$1 $2 $3" "$WORK/numpy.log"
		return
	fi
	echo "\\echo @@ $1 $2 $3"
	mode_settings "$mode"
	echo "\\set tbl bench.${TABLE[$key]}"
	echo "\\timing on"
	echo "\\i '$BENCH/queries/${QUERY[$key]}.sql'"
	echo "\\timing off"
}

nothers=${#OTHERS[@]}
npairs=${#PAIRS[@]}
per_round=$((nothers + 2 * npairs * HEADLINE_REPS))
: >"$WORK/runs.log"
: >"$WORK/numpy.log"
t0=$SECONDS
for ((r = 1; r <= ROUNDS; r++)); do
	say "round $r/$ROUNDS ($per_round runs)"
	script=$WORK/round$r.sql
	: >"$script"
	shift_o=$(( (r - 1) * ((nothers + ROUNDS - 1) / ROUNDS) ))
	for ((rep = 1; rep <= HEADLINE_REPS; rep++)); do
		for ((i = 0; i < npairs; i++)); do
			p=$(( (i + r + rep) % npairs ))
			kind=${PAIRS[$p]%/*}
			mode=${PAIRS[$p]#*/}
			if (( (p + r + rep) % 2 )); then
				emit "$kind/floor/$mode" "$r" "$rep"
				emit "$kind/socialcare/$mode" "$r" "$rep"
			else
				emit "$kind/socialcare/$mode" "$r" "$rep"
				emit "$kind/floor/$mode" "$r" "$rep"
			fi
		done >>"$script"
		for ((i = (rep - 1) * nothers / HEADLINE_REPS; i < rep * nothers / HEADLINE_REPS; i++)); do
			emit "${OTHERS[$(( (i + shift_o) % nothers ))]}" "$r" 1
		done >>"$script"
	done
	sql -f "$script" >>"$WORK/runs.log"
done
runs_s=$((SECONDS - t0))

# One line per run: item round rep sum ms.
cat "$WORK/runs.log" "$WORK/numpy.log" | awk '
	/^@@ / { item = $2; round = $3; rep = $4; sum = ""; next }
	/^Time: / { print item, round, rep, sum, $2; next }
	{ sum = $0 }' >"$WORK/runs.txt"
[ "$(wc -l <"$WORK/runs.txt")" -eq $((per_round * ROUNDS)) ] ||
	bench_fail "expected $((per_round * ROUNDS)) timed runs, found $(wc -l <"$WORK/runs.txt")"

#--------------------------------------------------------------------------
# Check every run's sum.
#--------------------------------------------------------------------------
bad=()
while read -r item round rep sum _; do
	key=${item%/*}
	kind=${key%/*}
	name=${key#*/}
	ref=$kind
	[ "$name" = floor ] && ref=${kind}_floor
	want=${REF[$ref/${TABLE[$key]}]}
	if [ "$sum" != "$want" ]; then
		bad+=("$item (round $round, on bench.${TABLE[$key]}): sum $sum, expected $want")
	fi
done <"$WORK/runs.txt"
[ ${#bad[@]} -eq 0 ] || bench_fail "MISMATCH: the variants disagree" "${bad[@]}"

#--------------------------------------------------------------------------
# Report
#--------------------------------------------------------------------------
# Scale of a sampled table's times to the full table.
declare -A SCALE=([pairs]=1)
SCALE[pairs_1pct]=$(awk -v a="$nrows" -v b="$n1" 'BEGIN { printf "%.4f", a / b }')
SCALE[pairs_01pct]=$(awk -v a="$nrows" -v b="$n01" 'BEGIN { printf "%.4f", a / b }')

# stats ITEM: runs, median, min and max of an item's times, in ms.
stats() { bench_stats "$WORK/runs.txt" "$1"; }
# paired KIND MODE: median over the back-to-back pairs of extension / floor.
paired() { bench_paired "$WORK/runs.txt" "$1/socialcare/$2" "$1/floor/$2"; }

declare -A MED NRUNS SPREAD
for item in "${ITEMS[@]}"; do
	key=${item%/*}
	read -r n med lo hi <<<"$(stats "$item")"
	k=${SCALE[${TABLE[$key]}]}
	NRUNS[$item]=$n
	MED[$item]=$(awk -v m="$med" -v k="$k" 'BEGIN { printf "%.6f", m * k / 1000 }')
	SPREAD[$item]=$(awk -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.3f..%.3f", lo / 1000, hi / 1000 }')
done

cat <<EOF

socialcare benchmark
  PostgreSQL $pg_version, $(nproc) cores, numpy $numpy_version; $nrows pairs ($nrev reversed), $ROUNDS rounds
  shared_buffers $((sb_bytes / 1048576)) MB: $RING_NOTE
  timing: psql \\timing (client wall clock per statement, parse and plan included); numpy:
    time.perf_counter around busday_count only.  Median of the runs: $ROUNDS rounds, each a fresh
    session; the extension and its floor run back to back $HEADLINE_REPS times a round, the other
    variants once; orders rotate from round to round
  serial: max_parallel_workers_per_gather = 0; parallel: 2 workers + the leader on $(nproc) cores
    (parallel_setup_cost = parallel_tuple_cost = 0, tables' parallel_workers = 2); numpy parallel:
    2 forked processes, a half each.  jit = off unless the mode says +jit (server defaults)
  sampled variants run on a sample and are scaled to $nrows rows:
    PL/pgSQL on bench.pairs_1pct ($n1 rows, x${SCALE[pairs_1pct]}),
    generate_series on bench.pairs_01pct ($n01 rows, x${SCALE[pairs_01pct]})
  every run's sum checked: counts = ${REF[count/pairs]} working days (floor ${REF[count_floor/pairs]} days),
    offsets = ${REF[offset/pairs]} (floor ${REF[offset_floor/pairs]}); samples vs socialcare on the same sample: all equal

EOF
printf '%-36s %-13s %4s %11s %8s   %s\n' "variant" "mode" "runs" "median s" "x floor" "min..max s (unscaled); note"
printf '%-36s %-13s %4s %11s %8s   %s\n' "-------" "----" "----" "--------" "-------" "---------------------------"
for kind in count offset; do
	for mode in $MODES; do
		floor=${MED[$kind/floor/$mode]}
		for item in "${ITEMS[@]}"; do
			case $item in "$kind/"*"/$mode") ;; *) continue ;; esac
			key=${item%/*}
			note=${SPREAD[$item]}
			[ "${TABLE[$key]}" != pairs ] && note="$note on ${TABLE[$key]}, scaled x${SCALE[${TABLE[$key]}]}"
			[ "${key#*/}" = socialcare ] && note="$note; paired runs: median $(paired "$kind" "$mode")x"
			[ -n "${NOTE[$item]:-}" ] && note="$note; ${NOTE[$item]}"
			printf '%-36s %-13s %4s %11.3f %8s   %s\n' "${LABEL[$key]}" "$mode" "${NRUNS[$item]}" \
				"${MED[$item]}" "$(bench_ratio "${MED[$item]}" "$floor")" "$note"
		done
		echo
	done
done

headline() {
	local j=${2:-}
	printf '%sx serial [%sx], %sx parallel [%sx]' \
		"$(bench_ratio "${MED[$1/socialcare/serial$j]}" "${MED[$1/floor/serial$j]}")" "$(paired "$1" "serial$j")" \
		"$(bench_ratio "${MED[$1/socialcare/parallel$j]}" "${MED[$1/floor/parallel$j]}")" "$(paired "$1" "parallel$j")"
}
echo "HEADLINE: extension median / floor median [median of the back-to-back pairs' ratios]"
echo "  jit off: working_days $(headline count); add_working_days $(headline offset)"
echo "  jit on:  working_days $(headline count +jit); add_working_days $(headline offset +jit)"

#--------------------------------------------------------------------------
# Memory: the calendars a backend builds (test/bench/memory.sql)
#--------------------------------------------------------------------------
echo
echo "calendar memory in one backend (context 'socialcare calendars', fresh session; a parallel"
echo "worker builds the calendars it uses, too):"
"${PSQL[@]}" -P footer=off -f "$BENCH/memory.sql" | sed 's/^/  /'
echo "timed runs took ${runs_s} s"

[ "$ONLY" = workdays ] || pct_bench
