#!/usr/bin/env bash
# test/bench/pct.sh: the benchmark of the aggregate socialcare.pct(cond), a
# part of scripts/bench.sh.  On its own (the working-day part takes minutes):
#
#   BENCH_ONLY=pct bash scripts/bench.sh     (or: bash test/bench/pct.sh)
#
# The requirement: on 10M rows pct(cond) costs no more than the plain-SQL
# reference avg(cond::int) * 100 in the same run, serial and parallel, and
# a moving window of pct is linear (its time does not grow with the frame).
#
#  - bench_pct.conds (test/bench/pct_setup.sql): N rows, cond about 30%
#    TRUE and 1% NULL, g 100 groups.  pct(cond), the reference and two
#    other plain-SQL recipes (sum(cond::int) * 100.0 / count(cond), and
#    count(*) FILTER (WHERE cond) * 100.0 / count(cond)), without and with
#    GROUP BY g; serial (max_parallel_workers_per_gather = 0) and parallel
#    (2 workers: the plan must show a Partial Aggregate under a Gather);
#    pct and the reference also with jit on (the server's default; a plan
#    is compiled only when its cost is over jit_above_cost, which the
#    report notes for each: on 10M rows in parallel, pct's plan is under
#    it while the reference's, one cast more per row, is over).
#  - bench_pct.series: M rows in key order; pct(cond) OVER (ORDER BY k ROWS
#    BETWEEN F - 1 PRECEDING AND CURRENT ROW) for each frame size F, against
#    avg(cond::int) OVER (...) * 100 (which has an inverse transition too)
#    and, up to BENCH_PCT_NOINV_MAX, against pct without its inverse
#    transition (bench_pct.pct_noinv): what O(rows x F) looks like.
#
# Rounds as in the rest of bench.sh: each a fresh session, pct and its
# reference back to back HEADLINE_REPS times a round (orders alternate),
# the other variants once; medians.  Timing: psql \timing.  Every variant
# must give the reference's values rounded to 10 decimals (ungrouped: the
# value; grouped: an md5 of the 100 groups' values; windows: compared row
# by row once, then every run's sum(w) must equal that variant's own); any
# mismatch fails the benchmark (exit 1).
#
#   BENCH_PCT_ROWS=N          rows of bench_pct.conds (default 10,000,000)
#   BENCH_PCT_WINDOW_ROWS=M   rows of bench_pct.series (default 1,000,000)
#   BENCH_PCT_FRAMES="F ..."  window frame sizes in rows (default "1 12 120
#                             1200"); the smallest is the base of "x F="
#   BENCH_PCT_NOINV_MAX=F     pct without inverse on frames up to F rows
#                             only (default 120; 0 for none): it is slow
#   BENCH_ROUNDS, BENCH_KEEP  as for the rest of bench.sh (pct_*.txt,
#                             pct_runs.log, pct_round*.sql)
#
# Sourcing this file only defines functions: bench.sh calls
# pct_check_settings before it builds anything, and pct_bench once the
# cluster runs (it uses scripts/benchlib.sh's functions and PSQL, lib.sh's
# say, and bench.sh's WORK, BENCH and ROUNDS).

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	BENCH_ONLY=pct exec bash "$(dirname "$0")/../../scripts/bench.sh" "$@"
fi

pct_check_settings() {
	PCT_ROWS=${BENCH_PCT_ROWS:-10000000}
	PCT_WROWS=${BENCH_PCT_WINDOW_ROWS:-1000000}
	PCT_NOINV_MAX=${BENCH_PCT_NOINV_MAX:-120}
	# shellcheck disable=SC2086 # split on purpose
	PCT_FRAMES=$(printf '%s\n' ${BENCH_PCT_FRAMES:-1 12 120 1200} | sort -n -u | tr '\n' ' ')
	PCT_FRAMES=${PCT_FRAMES% }
	case "$PCT_ROWS$PCT_WROWS$PCT_NOINV_MAX${PCT_FRAMES// /}" in
	'' | *[!0-9]*)
		say "BENCH_PCT_ROWS, BENCH_PCT_WINDOW_ROWS, BENCH_PCT_NOINV_MAX and BENCH_PCT_FRAMES must be whole numbers"
		exit 2 ;;
	esac
	if [ "$PCT_ROWS" -lt 10000 ] || [ "$PCT_WROWS" -lt 1000 ] || [ "${PCT_FRAMES%% *}" -lt 1 ]; then
		say "BENCH_PCT_ROWS must be at least 10000, BENCH_PCT_WINDOW_ROWS at least 1000, frames at least 1"
		exit 2
	fi
}

# The variants: the expression each computes.  Aggregates (kinds "all" and
# "grouped") and moving windows (kinds "fF", the window named w).
declare -A PCT_EXPR=(
	[avg]='avg(cond::int) * 100'
	[pct]='socialcare.pct(cond)'
	[sum]='sum(cond::int) * 100.0 / count(cond)'
	[filter]='count(*) FILTER (WHERE cond) * 100.0 / count(cond)'
)
declare -A PCT_WEXPR=(
	[avg]='avg(cond::int) OVER w * 100'
	[pct]='socialcare.pct(cond) OVER w'
	[noinv]='bench_pct.pct_noinv(cond) OVER w'
)
declare -A PCT_LABEL=(
	[avg]='reference: avg(cond::int) * 100'
	[pct]='socialcare.pct(cond)'
	[sum]='sum(cond::int) * 100.0 / count(cond)'
	[filter]='count(*) FILTER (WHERE cond) * 100.0 / count(cond)'
	[wavg]='reference: avg(cond::int) OVER w * 100'
	[wpct]='socialcare.pct(cond) OVER w'
	[wnoinv]='pct without inverse (bench_pct.pct_noinv)'
)

# pct_window_select KIND NAME: the rows (k, v) of a moving-window variant.
pct_window_select() {
	printf 'SELECT k, %s AS v FROM bench_pct.series\n  WINDOW w AS (ORDER BY k ROWS BETWEEN %d PRECEDING AND CURRENT ROW)' \
		"${PCT_WEXPR[$2]}" $((${1#f} - 1))
}

# pct_sql KIND NAME: the timed query, one row, one column.
pct_sql() {
	case $1 in
	all) printf 'SELECT round(%s, 10) FROM bench_pct.conds;\n' "${PCT_EXPR[$2]}" ;;
	grouped) printf "SELECT md5(string_agg(g || '=' || coalesce(round(v, 10)::text, 'NULL'), ' ' ORDER BY g))\n  FROM (SELECT g, %s AS v FROM bench_pct.conds GROUP BY g) x;\n" \
		"${PCT_EXPR[$2]}" ;;
	f*) printf 'SELECT sum(v) FROM (%s) x;\n' "$(pct_window_select "$1" "$2")" ;;
	esac
}

# pct_item_sql ITEM: the query of an item (kind/name/mode).
pct_item_sql() {
	local key=${1%/*}
	pct_sql "${key%/*}" "${key#*/}"
}

# pct_run_sql ITEM: the session settings and the query, as a psql script.
pct_run_sql() {
	mode_settings "${1##*/}"
	pct_item_sql "$1"
}

# pct_cpu: "clock_ticks busy_ticks our_ticks": the whole machine's busy CPU
# time (/proc/stat) and the part of it spent by our cluster (its
# postmaster, whose counts include its reaped children, and its live
# processes) and this script (with its reaped children, psql).  Our own
# cluster only; "" otherwise.
pct_cpu() {
	local pm data=${CLUSTER_DIR:-}/data
	[ -n "${CLUSTER_DIR:-}" ] && [ -r "$data/postmaster.pid" ] || return 0
	pm=$(head -n 1 "$data/postmaster.pid")
	{
		awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat
		for p in "$pm" $(pgrep -P "$pm") $$; do
			# utime stime cutime cstime: fields 14-17, 12-15 after "(comm) "
			sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }'
		done
	} | awk -v now="$(awk '{ print $1 }' /proc/uptime)" -v hz="$(getconf CLK_TCK)" \
		'NR == 1 { busy = $1; next } { ours += $1 } END { printf "%d %d %d\n", now * hz, busy, ours }'
}

pct_bench() {
	local t0 item key kind name mode f plan out want i p r rep n_bad n_all detail
	echo
	say "pct: building bench_pct.conds ($PCT_ROWS rows) and bench_pct.series ($PCT_WROWS rows) (test/bench/pct_setup.sql)"
	t0=$SECONDS
	"${PSQL[@]}" -v rows="$PCT_ROWS" -v window_rows="$PCT_WROWS" -f "$BENCH/pct_setup.sql" >/dev/null
	say "pct: data built in $((SECONDS - t0)) s"

	local conds_bytes series_bytes sb_bytes ring_note
	conds_bytes=$(sql -c "SELECT pg_relation_size('bench_pct.conds')")
	series_bytes=$(sql -c "SELECT pg_total_relation_size('bench_pct.series')")
	fit_shared_buffers "$conds_bytes" bench_pct
	sb_bytes=$SB_BYTES
	if [ "$((conds_bytes * 4))" -ge "$sb_bytes" ]; then
		ring_note="WARNING: bench_pct.conds is over 1/4 of shared_buffers: its scans go through a ring buffer (OS cache copies, noisier)"
		say "$ring_note"
	else
		ring_note="bench_pct.conds and bench_pct.series stay in shared_buffers (prewarmed)"
	fi

	local nrows ntrue nnull ngroups gmin gmax nwrows pg_version jit_ok jit_above
	IFS='|' read -r nrows ntrue nnull ngroups gmin gmax nwrows pg_version jit_ok jit_above <<<"$(sql -c "
		SELECT c.*, (SELECT count(*) FROM bench_pct.series), current_setting('server_version'), pg_jit_available(),
			   current_setting('jit_above_cost')
		FROM (SELECT count(*), count(*) FILTER (WHERE cond), count(*) FILTER (WHERE cond IS NULL),
					 count(DISTINCT g), min(g), max(g)
			  FROM bench_pct.conds) c")"

	#----------------------------------------------------------------------
	# Items: kind/name/mode.  Aggregates in every mode for pct and the
	# reference (back-to-back pairs), serial and parallel (jit off) for the
	# other recipes; windows serial (a WindowAgg does not run in workers).
	#----------------------------------------------------------------------
	local modes="serial parallel" jit_note="jit off unless the mode says +jit"
	if [ "$jit_ok" = t ]; then
		modes="serial parallel serial+jit parallel+jit"
	else
		jit_note="JIT not available in this server: jit modes skipped"
	fi
	PCT_ITEMS=()
	local others=() pairs=()
	for kind in all grouped; do
		for mode in $modes; do
			PCT_ITEMS+=("$kind/avg/$mode" "$kind/pct/$mode")
			pairs+=("$kind/$mode")
			case $mode in
			*+jit) ;;
			*) for name in sum filter; do
					PCT_ITEMS+=("$kind/$name/$mode")
					others+=("$kind/$name/$mode")
				done ;;
			esac
		done
	done
	for f in $PCT_FRAMES; do
		PCT_ITEMS+=("f$f/avg/serial" "f$f/pct/serial")
		pairs+=("f$f/serial")
		if [ "$f" -le "$PCT_NOINV_MAX" ]; then
			PCT_ITEMS+=("f$f/noinv/serial")
			others+=("f$f/noinv/serial")
		fi
	done

	#----------------------------------------------------------------------
	# Plans: serial, no Gather; parallel, a Partial Aggregate under a Gather
	# with 2 workers planned; windows, a WindowAgg and no Gather.
	#----------------------------------------------------------------------
	say "pct: checking plans"
	declare -gA PCT_NOTE=()
	: >"$WORK/pct_plans.txt"
	for item in "${PCT_ITEMS[@]}"; do
		mode=${item##*/}
		kind=${item%%/*}
		plan=$({ mode_settings "$mode"; echo "EXPLAIN"; pct_item_sql "$item"; } |
			sql -f - 2>&1) || bench_fail "$item: EXPLAIN failed" "$plan"
		printf '== %s\n%s\n\n' "$item" "$plan" >>"$WORK/pct_plans.txt"
		# jit = on compiles a plan only when its cost is over jit_above_cost
		# (and inlines, optimises over jit_inline/optimize_above_cost).
		case $mode in
		*+jit)
			if grep -q '^JIT:' <<<"$plan"; then
				PCT_NOTE[$item]="JIT: $(sed -n 's/^ *Options: //p' <<<"$plan" | sed 's/ true/ on/g; s/ false/ off/g')"
			else
				PCT_NOTE[$item]="no JIT: the plan's cost is under jit_above_cost"
			fi ;;
		esac
		case $kind/$mode in
		f*)
			grep -q WindowAgg <<<"$plan" || bench_fail "$item: no WindowAgg in the plan" "$plan"
			! grep -q Gather <<<"$plan" || bench_fail "$item: a window run has a parallel plan" "$plan"
			if grep -q Sort <<<"$plan"; then
				PCT_NOTE[$item]="sorts"
			fi ;;
		*/serial*)
			! grep -q Gather <<<"$plan" || bench_fail "$item: a serial run has a parallel plan" "$plan" ;;
		*/parallel*)
			grep -q 'Workers Planned: 2' <<<"$plan" || bench_fail "$item: no parallel plan with 2 workers" "$plan"
			grep -q Gather <<<"$plan" || bench_fail "$item: no Gather in the parallel plan" "$plan"
			grep -Eq 'Partial (Hash|Group)?Aggregate' <<<"$plan" ||
				bench_fail "$item: the parallel plan does not aggregate in the workers" "$plan" ;;
		esac
	done
	local launched
	launched=$({ mode_settings parallel; echo "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)"; pct_sql all pct; } |
		sql -f - | sed -n 's/.*Workers Launched: \([0-9]*\).*/\1/p')
	[ "$launched" = 2 ] || bench_fail "pct: a parallel run launched ${launched:-no} workers, not 2"

	#----------------------------------------------------------------------
	# Results: every variant, every mode, once (untimed; also a warm-up).
	# Aggregates must give the reference's (avg, serial) output; windows are
	# compared with pct row by row, at 10 decimals.  REF: each item's output.
	#----------------------------------------------------------------------
	say "pct: checking results"
	declare -gA PCT_REF=()
	local bad=()
	for item in "${PCT_ITEMS[@]}"; do
		PCT_REF[$item]=$(pct_run_sql "$item" | sql -f -)
	done
	for item in "${PCT_ITEMS[@]}"; do
		key=${item%/*}
		kind=${key%/*}
		name=${key#*/}
		case $kind in
		all | grouped)
			want=${PCT_REF[$kind/avg/serial]}
			[ "${PCT_REF[$item]}" = "$want" ] && continue
			if [ "$kind" = all ]; then
				bad+=("$item: ${PCT_REF[$item]}, the reference (avg, serial) ${want}")
			else
				bad+=("$item: the groups' values differ from the reference's (avg, serial):")
				mapfile -t -O ${#bad[@]} bad < <(diff \
					<({ mode_settings serial; printf "SELECT g, round(%s, 10) FROM bench_pct.conds GROUP BY g ORDER BY g;\n" \
						"${PCT_EXPR[avg]}"; } | sql -f -) \
					<({ mode_settings "${item##*/}"; printf "SELECT g, round(%s, 10) FROM bench_pct.conds GROUP BY g ORDER BY g;\n" \
						"${PCT_EXPR[$name]}"; } | sql -f -) | head -20)
			fi ;;
		f*)
			[ "$name" = pct ] && continue
			out=$({ mode_settings serial
				printf 'SELECT count(*) FILTER (WHERE round(a.v, 10) IS DISTINCT FROM round(b.v, 10)), count(*),\n'
				printf "  string_agg(k || ': pct ' || coalesce(a.v::text, 'NULL') || ', %s ' || coalesce(b.v::text, 'NULL'), '; ' ORDER BY k)\n" "$name"
				printf '    FILTER (WHERE round(a.v, 10) IS DISTINCT FROM round(b.v, 10))\n'
				printf 'FROM (%s) a\nFULL JOIN (%s) b USING (k);\n' "$(pct_window_select "$kind" pct)" "$(pct_window_select "$kind" "$name")"
			} | sql -f -)
			IFS='|' read -r n_bad n_all detail <<<"$out"
			if [ "$n_bad" != 0 ] || [ "$n_all" != "$nwrows" ]; then
				bad+=("$item: $n_bad of $n_all rows differ from pct's at 10 decimals (${detail:0:400})")
			fi ;;
		esac
	done
	[ ${#bad[@]} -eq 0 ] || bench_fail "pct MISMATCH: the variants disagree" "${bad[@]}"

	#----------------------------------------------------------------------
	# Runs: ROUNDS rounds, each a fresh session; pct and the reference back
	# to back HEADLINE_REPS times a round, in alternating orders, and the
	# other variants once, in between; orders rotate from round to round.
	#----------------------------------------------------------------------
	pct_emit() { # ITEM ROUND REP
		echo "\\echo @@ $1 $2 $3"
		mode_settings "${1##*/}"
		echo "\\timing on"
		pct_item_sql "$1"
		echo "\\timing off"
	}
	local reps=${HEADLINE_REPS:-3}
	local nothers=${#others[@]} npairs=${#pairs[@]} script shift_o
	local per_round=$((nothers + 2 * npairs * reps))
	: >"$WORK/pct_runs.log"
	local cpu0 cpu1 others_note=''
	cpu0=$(pct_cpu)
	t0=$SECONDS
	for ((r = 1; r <= ROUNDS; r++)); do
		say "pct: round $r/$ROUNDS ($per_round runs)"
		script=$WORK/pct_round$r.sql
		: >"$script"
		shift_o=$(( (r - 1) * ((nothers + ROUNDS - 1) / ROUNDS) ))
		for ((rep = 1; rep <= reps; rep++)); do
			for ((i = 0; i < npairs; i++)); do
				p=$(( (i + r + rep) % npairs ))
				kind=${pairs[$p]%/*}
				mode=${pairs[$p]#*/}
				if (( (p + r + rep) % 2 )); then
					pct_emit "$kind/avg/$mode" "$r" "$rep"
					pct_emit "$kind/pct/$mode" "$r" "$rep"
				else
					pct_emit "$kind/pct/$mode" "$r" "$rep"
					pct_emit "$kind/avg/$mode" "$r" "$rep"
				fi
			done >>"$script"
			for ((i = (rep - 1) * nothers / reps; i < rep * nothers / reps; i++)); do
				pct_emit "${others[$(( (i + shift_o) % nothers ))]}" "$r" 1
			done >>"$script"
		done
		sql -f "$script" >>"$WORK/pct_runs.log"
	done
	local runs_s=$((SECONDS - t0))
	cpu1=$(pct_cpu)
	if [ -n "$cpu0" ] && [ -n "$cpu1" ]; then
		# Other processes' share of all the CPUs during the timed runs.
		others_note=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$(nproc)" 'BEGIN {
			split(a, x); split(b, y)
			other = (y[2] - x[2]) - (y[3] - x[3]); if (other < 0) other = 0
			share = 100 * other / ((y[1] - x[1]) * n)
			printf "%.1f%% of the %d CPUs used by other processes during the timed runs", share, n
			if (share > 5) printf " -- WARNING: timings disturbed (another benchmark or build?)" }')
		case $others_note in *WARNING*) say "pct: $others_note" ;; esac
	fi

	# One line per run: item round rep output ms.
	awk '/^@@ / { item = $2; round = $3; rep = $4; out = ""; next }
		/^Time: / { print item, round, rep, out, $2; next }
		{ out = $0 }' "$WORK/pct_runs.log" >"$WORK/pct_runs.txt"
	[ "$(wc -l <"$WORK/pct_runs.txt")" -eq $((per_round * ROUNDS)) ] ||
		bench_fail "pct: expected $((per_round * ROUNDS)) timed runs, found $(wc -l <"$WORK/pct_runs.txt")"
	bad=()
	while read -r item r rep out _; do
		[ "$out" = "${PCT_REF[$item]}" ] ||
			bad+=("$item (round $r, rep $rep): $out, expected ${PCT_REF[$item]}")
	done <"$WORK/pct_runs.txt"
	[ ${#bad[@]} -eq 0 ] || bench_fail "pct MISMATCH: a timed run's result differs from the checked one" "${bad[@]}"

	#----------------------------------------------------------------------
	# Report
	#----------------------------------------------------------------------
	pct_stats() { bench_stats "$WORK/pct_runs.txt" "$1"; } # ITEM: runs, median, min and max, ms
	pct_pairs() { # KIND MODE: the back-to-back pairs' ratios pct / avg: "p25 median p75"
		bench_pairs "$WORK/pct_runs.txt" "$1/pct/$2" "$1/avg/$2" |
			awk 'function q(p,  i) { i = int(p * NR + 0.999999); return v[i < 1 ? 1 : i] }
				{ v[NR] = $1 }
				END { printf "%.2f %.2f %.2f", q(0.25), (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, q(0.75) }'
	}
	pct_paired() { # KIND MODE: median over the back-to-back pairs of pct / avg
		local q
		read -r _ q _ <<<"$(pct_pairs "$1" "$2")"
		echo "$q"
	}

	local -A med nruns spread
	local n m lo hi
	for item in "${PCT_ITEMS[@]}"; do
		read -r n m lo hi <<<"$(pct_stats "$item")"
		nruns[$item]=$n
		med[$item]=$(awk -v m="$m" 'BEGIN { printf "%.6f", m / 1000 }')
		spread[$item]=$(awk -v lo="$lo" -v hi="$hi" 'BEGIN { printf "%.3f..%.3f", lo / 1000, hi / 1000 }')
	done

	local f0=${PCT_FRAMES%% *} flast=${PCT_FRAMES##* }
	cat <<EOF

socialcare.pct benchmark
  PostgreSQL $pg_version, $(nproc) cores; $ROUNDS rounds
  bench_pct.conds: $nrows rows, $(bench_ratio $((ntrue * 100)) $((nrows - nnull)))% of the non-NULL conds TRUE, $nnull NULL ($(bench_ratio $((nnull * 100)) "$nrows")%), g $ngroups groups ($gmin..$gmax), $((conds_bytes / 1048576)) MB
  bench_pct.series: $nwrows rows in key order (k primary key), $((series_bytes / 1048576)) MB with its index
  shared_buffers $((sb_bytes / 1048576)) MB: $ring_note${others_note:+
  machine: $others_note}
  timing: psql \\timing (client wall clock per statement, parse and plan included).  Median of the
    runs: $ROUNDS rounds, each a fresh session; pct and its reference run back to back $reps times a
    round (orders alternate), the other variants once; orders rotate from round to round
  serial: max_parallel_workers_per_gather = 0; parallel: 2 workers + the leader on $(nproc) cores
    (parallel_setup_cost = parallel_tuple_cost = 0, bench_pct.conds parallel_workers = 2; every plan
    checked: Partial Aggregate under a Gather); $jit_note
    (jit = on compiles only plans that cost over jit_above_cost = $jit_above: see the notes)
  timed queries: SELECT round(EXPR, 10) FROM bench_pct.conds;
    GROUP BY: SELECT md5(string_agg(g || '=' || round(v, 10), ' ' ORDER BY g))
              FROM (SELECT g, EXPR AS v FROM bench_pct.conds GROUP BY g) x;
    windows:  SELECT sum(v) FROM (SELECT k, WEXPR AS v FROM bench_pct.series
              WINDOW w AS (ORDER BY k ROWS BETWEEN F - 1 PRECEDING AND CURRENT ROW)) x;
  results checked (10 decimals): every recipe in every mode = the reference; pct = ${PCT_REF[all/pct/serial]};
    GROUP BY md5 ${PCT_REF[grouped/pct/serial]}; windows equal to pct row by row; every timed run = its check

EOF
	local fmt='%-52s %-13s %4s %9s %7s   %s\n'
	# shellcheck disable=SC2059
	printf "$fmt" variant mode runs "median s" "x ref" "min..max s; note"
	# shellcheck disable=SC2059
	printf "$fmt" ------- ---- ---- -------- ----- -----------------
	local section note base
	for kind in all grouped; do
		if [ "$kind" = all ]; then section="$nrows rows, no GROUP BY"; else section="$nrows rows, GROUP BY g ($ngroups groups)"; fi
		echo "-- $section"
		for mode in $modes; do
			base=${med[$kind/avg/$mode]}
			for name in avg pct sum filter; do
				item=$kind/$name/$mode
				[ -n "${med[$item]:-}" ] || continue
				note=${spread[$item]}
				if [ "$name" = pct ]; then
					read -r lo m hi <<<"$(pct_pairs "$kind" "$mode")"
					note="$note; paired runs: median ${m}x, quartiles ${lo}..${hi}"
				fi
				[ -n "${PCT_NOTE[$item]:-}" ] && note="$note; ${PCT_NOTE[$item]}"
				# shellcheck disable=SC2059
				printf "$fmt" "${PCT_LABEL[$name]}" "$mode" "${nruns[$item]}" "$(printf '%.3f' "${med[$item]}")" \
					"$(bench_ratio "${med[$item]}" "$base")" "$note"
			done
			echo
		done
	done
	echo "-- moving window over $nwrows rows: ROWS BETWEEN F - 1 PRECEDING AND CURRENT ROW (serial)"
	echo "   (F = 1: consecutive frames do not overlap, so PostgreSQL restarts the aggregate at every row"
	echo "   instead of calling the inverse transition; from F = 2 on, one inverse and one forward"
	echo "   transition per row, whatever F.  The final function runs once per row.)"
	for f in $PCT_FRAMES; do
		base=${med[f$f/avg/serial]}
		for name in avg pct noinv; do
			item=f$f/$name/serial
			[ -n "${med[$item]:-}" ] || continue
			note="${spread[$item]}; x F=$f0: $(bench_ratio "${med[$item]}" "${med[f$f0/$name/serial]}")"
			if [ "$name" = pct ]; then
				read -r lo m hi <<<"$(pct_pairs "f$f" serial)"
				note="$note; paired: median ${m}x, quartiles ${lo}..${hi}"
			fi
			[ -n "${PCT_NOTE[$item]:-}" ] && note="$note; ${PCT_NOTE[$item]}"
			# shellcheck disable=SC2059
			printf "$fmt" "${PCT_LABEL[w$name]}" "F = $f" "${nruns[$item]}" "$(printf '%.3f' "${med[$item]}")" \
				"$(bench_ratio "${med[$item]}" "$base")" "$note"
		done
		echo
	done

	pct_head() { # KIND [MODE-SUFFIX]
		local j=${2:-}
		printf '%sx serial [%sx], %sx parallel [%sx]' \
			"$(bench_ratio "${med[$1/pct/serial$j]}" "${med[$1/avg/serial$j]}")" "$(pct_paired "$1" "serial$j")" \
			"$(bench_ratio "${med[$1/pct/parallel$j]}" "${med[$1/avg/parallel$j]}")" "$(pct_paired "$1" "parallel$j")"
	}
	pct_frames() { # NAME: F=1 0.123 s, ...
		local f s=
		for f in $PCT_FRAMES; do
			[ -n "${med[f$f/$1/serial]:-}" ] || continue
			s="$s${s:+, }F=$f $(printf '%.3f' "${med[f$f/$1/serial]}") s"
		done
		echo "$s"
	}
	# The cost verdict, on the back-to-back pairs' ratios (jit off): met
	# when every median is at most 1.00; within noise when a median is over
	# but at least a quarter of its pairs are at most 1.00; otherwise not.
	local worst=0 worst_at='' over=() dearer=() verdict_cost verdict_lin growth
	for kind in all grouped; do
		for mode in serial parallel; do
			read -r lo m hi <<<"$(pct_pairs "$kind" "$mode")"
			if awk -v a="$m" -v b="$worst" 'BEGIN { exit !(a > b) }'; then
				worst=$m
				worst_at="$kind/$mode"
			fi
			if awk -v m="$m" 'BEGIN { exit !(m > 1.00) }'; then
				over+=("$kind/$mode ${m}x (quartiles ${lo}..${hi})")
				awk -v lo="$lo" 'BEGIN { exit !(lo > 1.00) }' && dearer+=("$kind/$mode")
			fi
		done
	done
	if [ ${#over[@]} -eq 0 ]; then
		verdict_cost="met (the highest median ${worst}x, $worst_at)"
	elif [ ${#dearer[@]} -eq 0 ]; then
		verdict_cost="met within noise: median over 1.00 in ${over[*]}; at least a quarter of those pairs at most 1.00"
	else
		verdict_cost="NOT met: pct dearer in over three quarters of the pairs in ${dearer[*]}; medians over 1.00: ${over[*]}"
	fi
	# Linear: no frame takes more than 1.5 times the smallest frame's time,
	# or 1.25 times the reference's growth (F = 1 takes a cheaper path, see
	# above; on small tables that alone can be 1.5x).  A restart per row,
	# O(rows x F), takes about F/2 times as long.
	local fmax=$f0 g gmax=0 rg rgmax=0 limit
	for f in $PCT_FRAMES; do
		g=$(bench_ratio "${med[f$f/pct/serial]}" "${med[f$f0/pct/serial]}")
		rg=$(bench_ratio "${med[f$f/avg/serial]}" "${med[f$f0/avg/serial]}")
		if awk -v a="$g" -v b="$gmax" 'BEGIN { exit !(a > b) }'; then
			gmax=$g
			fmax=$f
		fi
		rgmax=$(awk -v a="$rg" -v b="$rgmax" 'BEGIN { print (a > b) ? a : b }')
	done
	limit=$(awk -v r="$rgmax" 'BEGIN { l = 1.25 * r; printf "%.2f", (l > 1.5) ? l : 1.5 }')
	growth="the slowest frame, F=$fmax, takes ${gmax}x F=$f0's time (the reference's slowest ${rgmax}x; limit ${limit}x)"
	if [ "$flast" = "$f0" ]; then
		verdict_lin="one frame size only"
	elif awk -v g="$gmax" -v l="$limit" 'BEGIN { exit !(g <= l) }'; then
		verdict_lin="met: $growth"
	else
		verdict_lin="NOT met: $growth"
	fi
	echo "HEADLINE pct: pct median / reference median [median of the back-to-back pairs' ratios]"
	echo "  jit off: no GROUP BY $(pct_head all); GROUP BY g $(pct_head grouped)"
	if [ "$jit_ok" = t ]; then
		echo "  jit on:  no GROUP BY $(pct_head all +jit); GROUP BY g $(pct_head grouped +jit)"
		local nojit=''
		for kind in all grouped; do
			for mode in serial+jit parallel+jit; do
				case ${PCT_NOTE[$kind/pct/$mode]:-} in
				"no JIT"*) nojit="$nojit${nojit:+, }$kind/$mode" ;;
				esac
			done
		done
		[ -z "$nojit" ] || echo "           (not compiled, the plan's cost under jit_above_cost: $nojit)"
	fi
	echo "  moving window, $nwrows rows: pct $(pct_frames pct)"
	echo "    reference avg(cond::int) * 100: $(pct_frames avg)"
	[ "$PCT_NOINV_MAX" -ge "$f0" ] && echo "    pct without inverse transition: $(pct_frames noinv)"
	local wr=''
	for f in $PCT_FRAMES; do
		wr="$wr${wr:+, }F=$f $(pct_paired "f$f" serial)x"
	done
	echo "    pct / reference, paired medians: $wr (not a requirement: the final function runs per row)"
	echo "  requirement, pct no dearer than avg(cond::int) * 100 (jit off, serial and parallel): $verdict_cost"
	echo "  requirement, moving window linear (no frame over 1.5x the smallest's time, or 1.25x the reference's growth): $verdict_lin"
	echo "pct timed runs took ${runs_s} s"
}
