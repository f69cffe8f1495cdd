#!/usr/bin/env bash
# test/bench/timescales.sh: review timeliness on the looked-after review
# chain (20 working days, 3 months, then 6 months) for 1,000,000 reviews in
# 100,000 episodes: socialcare.chain_on_time() against the hand-written
# row_number()/lag() SQL, and the floor (row_number() alone: the sort and
# the window), side by side in one run.  The issue's goal: at least as fast
# as the lag() SQL.
#
#   BENCH_TS_REVIEWS=N   reviews (default 1,000,000)
#   BENCH_TS_EPISODES=E  episodes (default 100,000)
#   BENCH_TS_ROUNDS=R    rounds (default 5), each in a fresh session running
#                        the three queries, in an order that rotates
#
# Builds and installs the extension, starts a throwaway cluster
# (scripts/lib.sh), loads test/bench/timescales_setup.sql, and times
# test/bench/timescales_{socialcare,lag,floor}.sql with psql's \timing.
# The socialcare and lag() results must agree (exit 1 otherwise).
source "$(dirname "$0")/../../scripts/lib.sh"
source "$ROOT/scripts/benchlib.sh"

REVIEWS=${BENCH_TS_REVIEWS:-1000000}
EPISODES=${BENCH_TS_EPISODES:-100000}
ROUNDS=${BENCH_TS_ROUNDS:-5}
BENCH=$ROOT/test/bench
case "$REVIEWS$EPISODES$ROUNDS" in
*[!0-9]*) say "BENCH_TS_REVIEWS, BENCH_TS_EPISODES and BENCH_TS_ROUNDS must be whole numbers"; exit 2 ;;
esac
[ "$EPISODES" -ge 1 ] && [ "$REVIEWS" -ge "$EPISODES" ] && [ "$ROUNDS" -ge 1 ] ||
	{ say "need episodes >= 1, reviews >= episodes, rounds >= 1"; exit 2; }

need_build_tools
build_and_install
start_cluster

bench_workdir tsbench

say "building $REVIEWS reviews in $EPISODES episodes"
"${PSQL[@]}" -v reviews="$REVIEWS" -v episodes="$EPISODES" -f "$BENCH/timescales_setup.sql" >/dev/null
"${PSQL[@]}" -c "CREATE EXTENSION IF NOT EXISTS socialcare" >/dev/null
nrows=$("${PSQL[@]}" -At -c "SELECT count(*) FROM bench_ts.review")

NAMES=(socialcare lag floor)
declare -A REF
for n in "${NAMES[@]}"; do
	REF[$n]=$("${PSQL[@]}" -At -c "SET jit = off" -f "$BENCH/timescales_$n.sql")
done
[ "${REF[socialcare]}" = "${REF[lag]}" ] ||
	{ echo "MISMATCH: socialcare ${REF[socialcare]}, lag() ${REF[lag]}" >&2; exit 1; }

: >"$WORK/runs.txt"
for ((r = 0; r < ROUNDS; r++)); do
	say "round $((r + 1))/$ROUNDS"
	script=$WORK/round.sql
	echo "SET jit = off;" >"$script"
	for ((i = 0; i < 3; i++)); do
		n=${NAMES[$(( (i + r) % 3 ))]}
		printf '\\echo @@ %s\n\\timing on\n\\i %s\n\\timing off\n' "$n" "$BENCH/timescales_$n.sql" >>"$script"
	done
	"${PSQL[@]}" -At -f "$script" |
		awk '/^@@ / { n = $2; next } /^Time: / { print n, $2; next } { out[n] = $0 }' >>"$WORK/runs.txt"
done

median() { awk -v n="$1" '$1 == n { print $2 / 1000 }' "$WORK/runs.txt" | bench_median %.3f; }
s=$(median socialcare); l=$(median lag); f=$(median floor)
cat <<EOF2

socialcare.chain_on_time benchmark: $nrows reviews in $EPISODES episodes, $ROUNDS rounds, jit off
  on time / reviews: ${REF[lag]} (chain_on_time = row_number()/lag() SQL)
  median seconds (psql \\timing):
    floor, row_number() alone          $f
    plain SQL, row_number() + lag()    $l
    socialcare.chain_on_time()         $s
  chain_on_time / lag() SQL: $(awk -v a="$s" -v b="$l" 'BEGIN { printf "%.2f", a / b }')
  over the floor: socialcare $(awk -v a="$s" -v b="$f" 'BEGIN { printf "%.3f", a - b }') s, lag() SQL $(awk -v a="$l" -v b="$f" 'BEGIN { printf "%.3f", a - b }') s
EOF2
