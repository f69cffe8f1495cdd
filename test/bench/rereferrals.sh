#!/usr/bin/env bash
# test/bench/rereferrals.sh: how fast socialcare.is_rereferral() flags
# re-referrals against plain SQL's lag(), and the monthly rolling series
# built on it against plain SQL.
#
# The issue's goal: "flagging 2,000,000 referrals (300,000 children) with
# lag() and a monthly 2-year series takes 1.4 s with an index, 3.0 s
# without. Goal: the monthly rolling series (24 month ends, overall and by
# 20 teams) at least 3x faster than the plain-SQL way, side by side in one
# run, and the flag alone no slower than lag()".  Every monthly variant
# counts the 12 whole calendar months ending at each month end.
#
#   BENCH_RR_REFERRALS=N  referrals (default 2,000,000)
#   BENCH_RR_CHILDREN=C   children (default 300,000)
#   BENCH_RR_ROUNDS=R     rounds (default 5), each in a fresh session.  A
#                         round runs lag() and is_rereferral() back to back
#                         3 times on each table (orders alternate), every
#                         other variant once; orders rotate from round to
#                         round.  Medians over the runs.
#   BENCH_RR_WORK_MEM=M   work_mem for the runs (default: the server's)
#   BENCH_RR_JIT=on       run with jit on (default off)
#   BENCH_RR_KEEP=DIR     keep the plans, round scripts and runs in DIR
#
# Builds and installs the extension, starts a throwaway cluster
# (scripts/lib.sh), loads test/bench/rereferral_setup.sql (two copies of
# the data: bench_rr.referral without an index, bench_rr.referral_ix with
# one on (child, referral_date)), raises shared_buffers to hold them and
# prewarms them, then times test/bench/rereferral_{flag,monthly}_*.sql with
# psql's \timing (client wall clock, parse and plan included).  Every run's
# result is checked: the variants that skip same-day duplicates must agree
# with each other, lag() with is_rereferral(same_day_counts => true), the
# monthly series' md5s likewise; exit 1 on any mismatch.
source "$(dirname "$0")/../../scripts/lib.sh"
source "$ROOT/scripts/benchlib.sh"

REFERRALS=${BENCH_RR_REFERRALS:-2000000}
CHILDREN=${BENCH_RR_CHILDREN:-300000}
ROUNDS=${BENCH_RR_ROUNDS:-5}
WORK_MEM=${BENCH_RR_WORK_MEM:-}
JIT=${BENCH_RR_JIT:-off}
BENCH=$ROOT/test/bench
HEADLINE_REPS=3

case "$REFERRALS$CHILDREN$ROUNDS" in
*[!0-9]*) say "BENCH_RR_REFERRALS, BENCH_RR_CHILDREN and BENCH_RR_ROUNDS must be whole numbers"; exit 2 ;;
esac
if [ "$CHILDREN" -lt 1000 ] || [ "$REFERRALS" -lt $((CHILDREN * 2)) ] || [ "$ROUNDS" -lt 1 ]; then
	say "need BENCH_RR_CHILDREN >= 1000, BENCH_RR_REFERRALS >= 2 x children and BENCH_RR_ROUNDS >= 1"
	exit 2
fi
case $JIT in on | off) ;; *) say "BENCH_RR_JIT must be on or off"; exit 2 ;; esac
case $WORK_MEM in '' | [0-9]*[kMG]B) ;; *) say "BENCH_RR_WORK_MEM: a size such as 64MB"; exit 2 ;; esac

need_build_tools
build_and_install
start_cluster

bench_cleanup() { bench_keep "${BENCH_RR_KEEP:-}" '*.txt' '*.log' '*.sql'; }
bench_workdir rrbench bench_cleanup

# The session settings of every run.
settings() {
	echo "SET jit = $JIT;"
	[ -z "$WORK_MEM" ] || echo "SET work_mem = '$WORK_MEM';"
}

#--------------------------------------------------------------------------
# Data, and shared_buffers big enough to keep it resident (a seq scan of a
# table over a quarter of shared_buffers goes through a 256 kB ring, copying
# pages in from the OS cache on every run): as scripts/bench.sh does, 4.5
# times the biggest table plus all the schema's relations plus 128 MB, at
# most a third of the RAM, then pg_prewarm.
#--------------------------------------------------------------------------
say "building $REFERRALS referrals of $CHILDREN children, twice (test/bench/rereferral_setup.sql)"
t0=$SECONDS
"${PSQL[@]}" -v referrals="$REFERRALS" -v children="$CHILDREN" -f "$BENCH/rereferral_setup.sql" >/dev/null
say "data built in $((SECONDS - t0)) s"

IFS='|' read -r big_bytes all_bytes table_bytes index_bytes <<<"$(sql -c "
	SELECT max(pg_relation_size(c.oid)) FILTER (WHERE c.relkind = 'r'),
		   sum(pg_relation_size(c.oid)),
		   pg_relation_size('bench_rr.referral'), pg_relation_size('bench_rr.referral_ix_child_date')
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'bench_rr' AND c.relkind IN ('r', 'i')")"
fit_shared_buffers "$big_bytes" bench_rr "$all_bytes"
sb_bytes=$SB_BYTES
if [ $((big_bytes * 4)) -ge "$sb_bytes" ]; then
	ring_note="WARNING: a table is over 1/4 of shared_buffers: its scans go through a ring buffer (noisier)"
	say "$ring_note"
else
	ring_note="both tables and the index stay in shared_buffers (prewarmed)"
fi

IFS='|' read -r nrows nchildren nteams ndated nnull ndupes pg_version work_mem_now par_now <<<"$(sql -c "
	SELECT count(*), count(DISTINCT child), count(DISTINCT team), count(referral_date),
		   count(*) - count(referral_date),
		   count(referral_date) - (SELECT count(*) FROM (SELECT DISTINCT child, referral_date
														FROM bench_rr.referral WHERE referral_date IS NOT NULL) d),
		   current_setting('server_version'), current_setting('work_mem'),
		   current_setting('max_parallel_workers_per_gather')
	FROM bench_rr.referral")"
[ -z "$WORK_MEM" ] || work_mem_now=$WORK_MEM

#--------------------------------------------------------------------------
# Variants
#--------------------------------------------------------------------------
# name|query file (test/bench/rereferral_NAME.sql)|label|result group
# The result group: variants in a group must give the same result.
VARIANTS=(
	"flag_floor|floor: row_number() OVER w (sort/scan alone)|rows"
	"flag_lag|plain: lag(d) OVER w >= d - 12 months|lag"
	"flag_socialcare|socialcare.is_rereferral(d) OVER w|skip"
	"flag_socialcare_sameday|is_rereferral(d, same_day_counts => true)|lag"
	"flag_range|plain, same day skipped: max() RANGE .. '1 day' PRECEDING|skip"
	"flag_distinct|plain, same day skipped: lag() over distinct dates, join|skip"
	"monthly_lag|plain: lag() flags joined to month ends|mlag"
	"monthly_lag_daily|plain: lag() flags by team and day, then month ends|mlag"
	"monthly_range|plain, same day skipped: RANGE flags joined to month ends|mskip"
	"monthly_socialcare|socialcare: is_rereferral + month_ends + pct|mskip"
	"monthly_socialcare_bound|the same, window start computed once a month|mskip"
	"monthly_series|socialcare: is_rereferral + rolling_pct_series (month buckets)|mskip"
	"monthly_lag_trimmed|plain lag() joined, history trimmed to 12 months before|mlag"
	"monthly_series_trimmed|rolling_pct_series, history trimmed likewise|mskip"
)
TABLES="noix ix"
declare -A TBL=([noix]=bench_rr.referral [ix]=bench_rr.referral_ix)
declare -A TLABEL=([noix]="no index" [ix]="index")
declare -A LABEL GROUP
NAMES=()
for v in "${VARIANTS[@]}"; do
	IFS='|' read -r name label group <<<"$v"
	LABEL[$name]=$label
	GROUP[$name]=$group
	NAMES+=("$name")
	[ -f "$BENCH/rereferral_$name.sql" ] || bench_fail "missing $BENCH/rereferral_$name.sql"
done
ITEMS=()    # name/table
OTHERS=()   # those outside the headline pairs
for t in $TABLES; do
	for name in "${NAMES[@]}"; do
		ITEMS+=("$name/$t")
		case $name in flag_lag | flag_socialcare) ;; *) OTHERS+=("$name/$t") ;; esac
	done
done

# emit ITEM ROUND REP: the psql lines that run and time ITEM once.
emit() {
	echo "\\echo @@ $1 $2 $3"
	echo "\\set tbl ${TBL[${1#*/}]}"
	echo "\\timing on"
	echo "\\i '$BENCH/rereferral_${1%/*}.sql'"
	echo "\\timing off"
}

#--------------------------------------------------------------------------
# Plans (kept), and every variant's result, once each (also a warm-up).
#--------------------------------------------------------------------------
say "plans and results (every variant once on each table)"
declare -A PLAN REF
: >"$WORK/plans.txt"
for item in "${ITEMS[@]}"; do
	plan=$({ settings; echo "EXPLAIN (COSTS OFF)"; grep -v '^--' "$BENCH/rereferral_${item%/*}.sql"; } |
		sql -v tbl="${TBL[${item#*/}]}" -f -)
	printf '== %s\n%s\n\n' "$item" "$plan" >>"$WORK/plans.txt"
	p=
	grep -q 'Index Scan using referral_ix_child_date\|Index Only Scan using referral_ix_child_date' <<<"$plan" && p="index scan"
	grep -q 'Sort' <<<"$plan" && p="${p:+$p, }sort"
	grep -q 'Gather' <<<"$plan" && p="$p, parallel"
	PLAN[$item]=$p
	REF[$item]=$({ settings; cat "$BENCH/rereferral_${item%/*}.sql"; } | sql -v tbl="${TBL[${item#*/}]}" -f -)
done
# Agreement: within a group, across the tables; the floor counts every row;
# the flags' denominators are the dated referrals.
bad=()
declare -A GREF
for item in "${ITEMS[@]}"; do
	g=${GROUP[${item%/*}]}
	if [ -z "${GREF[$g]:-}" ]; then
		GREF[$g]=${REF[$item]}
	elif [ "${REF[$item]}" != "${GREF[$g]}" ]; then
		bad+=("$item: ${REF[$item]}, but ${GREF[$g]} from another variant of its group ($g)")
	fi
done
[ "${GREF[rows]}" = "$nrows|$nrows" ] || bad+=("floor: ${GREF[rows]}, expected $nrows|$nrows")
for g in lag skip; do
	[ "${GREF[$g]#*|}" = "$ndated" ] || bad+=("$g: denominator ${GREF[$g]#*|}, expected $ndated dated referrals")
done
[ "${GREF[mlag]%|*}" = 504 ] || bad+=("monthly series: ${GREF[mlag]%|*} figures, expected 504 (24 x (20 teams + all))")
[ ${#bad[@]} -eq 0 ] || bench_fail "MISMATCH: the variants disagree" "${bad[@]}"

#--------------------------------------------------------------------------
# Runs: R rounds, each a fresh session.  Each round runs the headline pairs
# (lag, is_rereferral) HEADLINE_REPS times on each table, in alternating
# orders, and the other variants once, spread between them; the orders
# rotate from round to round.
#--------------------------------------------------------------------------
nothers=${#OTHERS[@]}
per_round=$((nothers + 4 * HEADLINE_REPS))
: >"$WORK/runs.log"
t0=$SECONDS
for ((r = 1; r <= ROUNDS; r++)); do
	say "round $r/$ROUNDS ($per_round runs)"
	script=$WORK/round$r.sql
	settings >"$script"
	shift_o=$(( (r - 1) * ((nothers + ROUNDS - 1) / ROUNDS) ))
	for ((rep = 1; rep <= HEADLINE_REPS; rep++)); do
		for t in $TABLES; do
			if (( (r + rep) % 2 )); then
				emit "flag_lag/$t" "$r" "$rep"
				emit "flag_socialcare/$t" "$r" "$rep"
			else
				emit "flag_socialcare/$t" "$r" "$rep"
				emit "flag_lag/$t" "$r" "$rep"
			fi
		done >>"$script"
		for ((i = (rep - 1) * nothers / HEADLINE_REPS; i < rep * nothers / HEADLINE_REPS; i++)); do
			emit "${OTHERS[$(( (i + shift_o) % nothers ))]}" "$r" 1
		done >>"$script"
	done
	sql -f "$script" >>"$WORK/runs.log"
done
runs_s=$((SECONDS - t0))

# One line per run: item round rep result ms.
awk '/^@@ / { item = $2; round = $3; rep = $4; out = ""; next }
	/^Time: / { print item, round, rep, out, $2; next }
	{ out = $0 }' "$WORK/runs.log" >"$WORK/runs.txt"
[ "$(wc -l <"$WORK/runs.txt")" -eq $((per_round * ROUNDS)) ] ||
	bench_fail "expected $((per_round * ROUNDS)) timed runs, found $(wc -l <"$WORK/runs.txt")"
bad=()
while read -r item round rep out _; do
	[ "$out" = "${REF[$item]}" ] || bad+=("$item (round $round, rep $rep): $out, expected ${REF[$item]}")
done <"$WORK/runs.txt"
[ ${#bad[@]} -eq 0 ] || bench_fail "MISMATCH: a timed run's result differs from the checked one" "${bad[@]}"

#--------------------------------------------------------------------------
# Report
#--------------------------------------------------------------------------
# stats ITEM: runs, median, min and max of its times, in seconds.
stats() { bench_stats "$WORK/runs.txt" "$1" 1000 %.3f; }
# paired A B: median over the back-to-back runs (same round and rep) of A / B.
paired() { bench_paired "$WORK/runs.txt" "$1" "$2"; }

declare -A MED NRUNS SPREAD
for item in "${ITEMS[@]}"; do
	read -r n m lo hi <<<"$(stats "$item")"
	NRUNS[$item]=$n
	MED[$item]=$m
	SPREAD[$item]="$lo..$hi"
done

cat <<EOF

socialcare.is_rereferral benchmark
  PostgreSQL $pg_version, $(nproc) cores; $ROUNDS rounds, $per_round runs each, in $runs_s s
  data (test/bench/rereferral_setup.sql): $nrows referrals of $nchildren children, $nteams teams, 2019-2026,
    $ndupes same-day duplicate rows, $nnull NULL dates; stored in date order; $((table_bytes / 1048576)) MB a table
    bench_rr.referral: no index; bench_rr.referral_ix: index on (child, referral_date), $((index_bytes / 1048576)) MB
  shared_buffers $((sb_bytes / 1048576)) MB: $ring_note
  session: jit $JIT, work_mem $work_mem_now, max_parallel_workers_per_gather $par_now (the server's otherwise)
  timing: psql \\timing (client wall clock, parse and plan included); median of the runs; lag() and
    is_rereferral() run back to back $HEADLINE_REPS times a round on each table (orders alternate), the
    other variants once; "x lag": median / lag()'s median on the same table; paired: median of the
    back-to-back runs' ratios
  flag queries: SELECT count(*) FILTER (WHERE f), count(<dated>) FROM (SELECT <flag> AS f FROM t
    WINDOW w AS (PARTITION BY child ORDER BY referral_date)) x
  monthly: 24 month ends (2024-04-30 .. 2026-03-31), the 12 whole months to M, overall and by team: 504
    figures, md5 of them at 10 decimals
  results (checked on every run): lag() ${GREF[lag]} (= is_rereferral(same_day_counts => true));
    same-day skipped ${GREF[skip]} (is_rereferral = RANGE frame = distinct dates);
    monthly lag() ${GREF[mlag]#*|} (joined = by day),
    same-day skipped ${GREF[mskip]#*|} (is_rereferral, both ways = RANGE frame)

EOF
fmt='%-62s %-9s %4s %8s %6s   %s\n'
# shellcheck disable=SC2059
printf "$fmt" variant table runs "median s" "x lag" "min..max s; plan; note"
# shellcheck disable=SC2059
printf "$fmt" ------- ----- ---- -------- ----- ----------------------
for section in flag monthly; do
	if [ $section = flag ]; then
		echo "-- flagging $nrows referrals"
	else
		echo "-- monthly rolling series (flags + 24 month ends x (all + 20 teams))"
	fi
	for t in $TABLES; do
		base=${MED[flag_lag/$t]}
		[ $section = monthly ] && base=${MED[monthly_lag/$t]}
		for name in "${NAMES[@]}"; do
			case $name in $section*) ;; *) continue ;; esac
			item=$name/$t
			note="${SPREAD[$item]}; ${PLAN[$item]}"
			[ "$name" = flag_socialcare ] && note="$note; paired with lag(): $(paired "$item" "flag_lag/$t")x"
			# shellcheck disable=SC2059
			printf "$fmt" "${LABEL[$name]}" "${TLABEL[$t]}" "${NRUNS[$item]}" "${MED[$item]}" \
				"$(bench_ratio "${MED[$item]}" "$base")" "$note"
		done
		echo
	done
done

# quartiles A B: the back-to-back runs' ratios A / B, lower and upper quartile.
quartiles() {
	bench_pairs "$WORK/runs.txt" "$1" "$2" |
		awk '{ v[NR] = $1 } END { q1 = int((NR + 3) / 4); q3 = int((3 * NR + 3) / 4); printf "%.2f %.2f", v[q1], v[q3] }'
}
# verdict TABLE: met when the paired median is at most 1.00; when it is
# above but the pairs' interquartile range still reaches 1.00, lag() and
# is_rereferral() are not told apart by this run.
verdict() {
	local x q1 q3
	x=$(paired "flag_socialcare/$1" "flag_lag/$1")
	read -r q1 q3 <<<"$(quartiles "flag_socialcare/$1" "flag_lag/$1")"
	if awk -v x="$x" 'BEGIN { exit !(x <= 1.00) }'; then
		echo "met (${x}x, pairs' IQR $q1..$q3)"
	elif awk -v q="$q1" 'BEGIN { exit !(q <= 1.00) }'; then
		echo "not told apart from lag() (${x}x, pairs' IQR $q1..$q3)"
	else
		echo "NOT met (${x}x, pairs' IQR $q1..$q3)"
	fi
}
# is_rereferral's own cost over the sort/scan floor, against lag()'s.
over_floor() { # TABLE
	awk -v s="${MED[flag_socialcare/$1]}" -v l="${MED[flag_lag/$1]}" -v f="${MED[flag_floor/$1]}" \
		'BEGIN { printf "%.3f s vs %.3f s", s - f, l - f }'
}
echo "HEADLINE is_rereferral() / lag() flagging $nrows referrals ($nchildren children), medians [paired]:"
for t in ix noix; do
	printf '  %-9s is_rereferral %s s, lag() %s s: %sx [%sx]; over the row_number() floor: %s\n' \
		"${TLABEL[$t]}:" "${MED[flag_socialcare/$t]}" "${MED[flag_lag/$t]}" \
		"$(bench_ratio "${MED[flag_socialcare/$t]}" "${MED[flag_lag/$t]}")" \
		"$(paired "flag_socialcare/$t" "flag_lag/$t")" "$(over_floor "$t")"
done
echo "  goal, the flag alone no slower than lag() (median of the pairs' ratios):"
echo "    with index: $(verdict ix)"
echo "    without:    $(verdict noix)"
echo "  monthly series (issue: lag() + series 1.4 s with an index, 3.0 s without, on its machine):"
for t in ix noix; do
	printf '  %-9s plain lag() joined %s s, by day %s s; socialcare %s s = %sx plain joined, %sx by day\n' \
		"${TLABEL[$t]}:" "${MED[monthly_lag/$t]}" "${MED[monthly_lag_daily/$t]}" "${MED[monthly_socialcare/$t]}" \
		"$(bench_ratio "${MED[monthly_socialcare/$t]}" "${MED[monthly_lag/$t]}")" \
		"$(bench_ratio "${MED[monthly_socialcare/$t]}" "${MED[monthly_lag_daily/$t]}")"
	printf '  %-9s socialcare with the bound computed once a month %s s = %sx plain joined\n' "" \
		"${MED[monthly_socialcare_bound/$t]}" "$(bench_ratio "${MED[monthly_socialcare_bound/$t]}" "${MED[monthly_lag/$t]}")"
done
# series_verdict TABLE SERIES BASE: the goal, BASE / SERIES >= 3, on the
# medians and on the median of the rounds' ratios.
series_verdict() {
	local m p
	m=$(bench_ratio "${MED[$3/$1]}" "${MED[$2/$1]}")
	p=$(paired "$3/$1" "$2/$1")
	if awk -v m="$m" -v p="$p" 'BEGIN { exit !(m >= 3 && p >= 3) }'; then
		echo "met (${m}x faster on medians, ${p}x by round)"
	else
		echo "NOT met (${m}x faster on medians, ${p}x by round)"
	fi
}
echo "  goal, the monthly series at least 3x faster than plain lag() joined to month ends:"
for t in ix noix; do
	printf '  %-9s documented query (rolling_pct_series, history trimmed) %s s against the plain baseline %s s: %s\n' \
		"${TLABEL[$t]}:" "${MED[monthly_series_trimmed/$t]}" "${MED[monthly_lag/$t]}" \
		"$(series_verdict "$t" monthly_series_trimmed monthly_lag)"
	printf '  %-9s against plain trimmed alike (%s s): %s\n' "" "${MED[monthly_lag_trimmed/$t]}" \
		"$(series_verdict "$t" monthly_series_trimmed monthly_lag_trimmed)"
	printf '  %-9s untrimmed rolling_pct_series %s s against the baseline: %s; against plain by day (%s s): %sx faster; %sx the flag alone (%s s)\n' \
		"" "${MED[monthly_series/$t]}" "$(series_verdict "$t" monthly_series monthly_lag)" \
		"${MED[monthly_lag_daily/$t]}" "$(bench_ratio "${MED[monthly_lag_daily/$t]}" "${MED[monthly_series/$t]}")" \
		"$(bench_ratio "${MED[monthly_series/$t]}" "${MED[flag_socialcare/$t]}")" "${MED[flag_socialcare/$t]}"
done
