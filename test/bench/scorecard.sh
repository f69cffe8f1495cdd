#!/usr/bin/env bash
# test/bench/scorecard.sh: how long the monthly scorecard takes to render.
#
# The issue's goal: "the scorecard for 50 KPIs x 24 months must render in
# under 100 ms".  Times, side by side in alternating rounds:
#   floor   reading the window's values with their KPIs, sorted
#           (test/bench/scorecard_floor.sql)
#   plain   the long scorecard in plain SQL, as analysts write it today
#           (scorecard_plain.sql: lag, avg, CASE on round(), DISTINCT ON)
#   long    socialcare.scorecard(as_at, months)        (scorecard_long.sql)
#   wide    socialcare.scorecard_wide(as_at, months)   (scorecard_wide.sql)
# Each round runs every variant once, in a fresh session per round, in an
# order rotated from round to round; times are psql's \timing (client wall
# clock: parse, plan, execute, transfer).  plain and long must give the same
# digest of directions, RAG and sparklines (exit 1 otherwise).
#
#   BENCH_SC_KPIS=N     KPIs (default 50)
#   BENCH_SC_MONTHS=M   months on the scorecard (default 24)
#   BENCH_SC_ROUNDS=R   rounds (default 30)
source "$(dirname "$0")/../../scripts/lib.sh"
source "$ROOT/scripts/benchlib.sh"

KPIS=${BENCH_SC_KPIS:-50}
MONTHS=${BENCH_SC_MONTHS:-24}
ROUNDS=${BENCH_SC_ROUNDS:-30}
AS_AT=2025-06-30
BENCH=$ROOT/test/bench
VARIANTS=(floor plain long wide)

case "$KPIS$MONTHS$ROUNDS" in
*[!0-9]*) say "BENCH_SC_KPIS, BENCH_SC_MONTHS and BENCH_SC_ROUNDS must be whole numbers"; exit 2 ;;
esac
if [ "$KPIS" -lt 1 ] || [ "$MONTHS" -lt 1 ] || [ "$MONTHS" -gt 39 ] || [ "$ROUNDS" -lt 1 ]; then
	say "need BENCH_SC_KPIS >= 1, 1 <= BENCH_SC_MONTHS <= 39 (the data hold 42 months) and BENCH_SC_ROUNDS >= 1"
	exit 2
fi

need_build_tools
build_and_install
start_cluster

bench_workdir scbench

DB=socialcare_scbench
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d $DB -c "CREATE EXTENSION socialcare"
"${PSQL[@]}" -d $DB -v kpis="$KPIS" -f "$BENCH/scorecard_setup.sql" >/dev/null
run() { "${PSQL[@]}" -d $DB -v as_at="$AS_AT" -v months="$MONTHS" "$@"; }

# Results once each (also a warm-up): plain and long must agree.
plain=$(run -f "$BENCH/scorecard_plain.sql")
long=$(run -f "$BENCH/scorecard_long.sql")
wide=$(run -f "$BENCH/scorecard_wide.sql")
rows=$((KPIS * MONTHS))
if [ "$plain" != "$long" ] || [ "${long%%|*}" != "$rows" ] || [ "${wide%%|*}" != "$KPIS" ]; then
	printf '\n!!! BENCH FAILED: results differ\n!!!   plain %s\n!!!   long  %s\n!!!   wide  %s\n' "$plain" "$long" "$wide" >&2
	exit 1
fi
say "plain SQL and socialcare.scorecard agree: $long"

say "$ROUNDS rounds of ${VARIANTS[*]}, $KPIS KPIs x $MONTHS months"
for r in $(seq 1 "$ROUNDS"); do
	{
		echo "\\timing on"
		for i in 0 1 2 3; do
			v=${VARIANTS[$(((i + r) % 4))]}
			echo "\\echo @@ $v"
			echo "\\i '$BENCH/scorecard_$v.sql'"
		done
	} >"$WORK/round.sql"
	run -f "$WORK/round.sql" >>"$WORK/runs.log"
done

/usr/bin/python3 - "$WORK/runs.log" "$KPIS" "$MONTHS" "$ROUNDS" <<'PY'
import re, statistics, sys
times, current = {}, None
for line in open(sys.argv[1]):
    m = re.match(r'@@ (\w+)', line)
    if m:
        current = m.group(1)
    m = re.match(r'Time: ([0-9.]+) ms', line)
    if m and current:
        times.setdefault(current, []).append(float(m.group(1)))
        current = None
med = {k: statistics.median(v) for k, v in times.items()}
print(f"\nscorecard: {sys.argv[2]} KPIs x {sys.argv[3]} months, median of {sys.argv[4]} rounds (ms)")
print(f"{'variant':<46}{'median ms':>10}{'/ floor':>9}{'/ plain':>9}")
labels = {'floor': 'floor: read the values, sorted',
          'plain': 'plain SQL scorecard (lag, avg, CASE)',
          'long': 'socialcare.scorecard(as_at, months)',
          'wide': 'socialcare.scorecard_wide(as_at, months)'}
for k in ['floor', 'plain', 'long', 'wide']:
    print(f"{labels[k]:<46}{med[k]:>10.2f}{med[k] / med['floor']:>9.2f}{med[k] / med['plain']:>9.2f}")
goal = max(med['long'], med['wide'])
print(f"goal < 100 ms: {'met' if goal < 100 else 'NOT MET'} ({goal:.1f} ms)")
PY
