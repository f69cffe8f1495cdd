#!/usr/bin/env bash
# test/bench/pack.sh: how long the board pack (socialcare.scorecard_html)
# takes to render, against the scorecard it renders.
#
# The issue's goal: "50 KPIs x 24 months rendered in under 100 ms in the
# database".  Times, side by side in alternating rounds, on the catalogue
# of test/bench/scorecard_setup.sql:
#   long    socialcare.scorecard(as_at, months), digested   (scorecard_long.sql)
#   html    socialcare.scorecard_html(as_at, months)        (pack_html.sql)
# Each round runs both once, in a fresh session per round, in an order
# rotated from round to round; times are psql's \timing (client wall clock:
# parse, plan, execute, transfer of the ~0.5 MB document).  The document
# must be the same in every run (its digest; exit 1 otherwise).
#
#   BENCH_PACK_KPIS=N     KPIs (default 50)
#   BENCH_PACK_MONTHS=M   months (default 24, at most 24)
#   BENCH_PACK_ROUNDS=R   rounds (default 30)
source "$(dirname "$0")/../../scripts/lib.sh"
source "$ROOT/scripts/benchlib.sh"

KPIS=${BENCH_PACK_KPIS:-50}
MONTHS=${BENCH_PACK_MONTHS:-24}
ROUNDS=${BENCH_PACK_ROUNDS:-30}
AS_AT=2025-06-30
BENCH=$ROOT/test/bench

case "$KPIS$MONTHS$ROUNDS" in
*[!0-9]*) say "BENCH_PACK_KPIS, BENCH_PACK_MONTHS and BENCH_PACK_ROUNDS must be whole numbers"; exit 2 ;;
esac
if [ "$KPIS" -lt 1 ] || [ "$MONTHS" -lt 1 ] || [ "$MONTHS" -gt 24 ] || [ "$ROUNDS" -lt 1 ]; then
	say "need BENCH_PACK_KPIS >= 1, 1 <= BENCH_PACK_MONTHS <= 24 and BENCH_PACK_ROUNDS >= 1"
	exit 2
fi

need_build_tools
build_and_install
start_cluster

bench_workdir packbench

DB=socialcare_packbench
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d $DB -c "CREATE EXTENSION socialcare"
"${PSQL[@]}" -d $DB -v kpis="$KPIS" -f "$BENCH/scorecard_setup.sql" >/dev/null
run() { "${PSQL[@]}" -d $DB -v as_at="$AS_AT" -v months="$MONTHS" "$@"; }

first=$(run -f "$BENCH/pack_html.sql")
say "the pack: ${first%%|*} bytes, digest ${first#*|}"

VARIANTS=(long html)
say "$ROUNDS rounds of ${VARIANTS[*]}, $KPIS KPIs x $MONTHS months"
for r in $(seq 1 "$ROUNDS"); do
	{
		echo "\\timing on"
		for i in 0 1; do
			v=${VARIANTS[$(((i + r) % 2))]}
			echo "\\echo @@ $v"
			case $v in
			long) echo "\\i '$BENCH/scorecard_long.sql'" ;;
			html) echo "\\i '$BENCH/pack_html.sql'" ;;
			esac
		done
	} >"$WORK/round.sql"
	run -f "$WORK/round.sql" >>"$WORK/runs.log"
done
# every run's document the same as the first (the long variant's lines
# start with its row count, the pack's with its length)
same=$(grep -cxF "$first" "$WORK/runs.log" || true)
if [ "$same" -ne "$ROUNDS" ]; then
	printf '\n!!! BENCH FAILED: %s of %s runs gave the first document\n' "$same" "$ROUNDS" >&2
	exit 1
fi

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
print(f"\nboard pack: {sys.argv[2]} KPIs x {sys.argv[3]} months, median of {sys.argv[4]} rounds (ms)")
print(f"{'variant':<48}{'median ms':>10}{'/ scorecard':>13}")
labels = {'long': 'socialcare.scorecard(as_at, months)',
          'html': 'socialcare.scorecard_html(as_at, months)'}
for k in ['long', 'html']:
    print(f"{labels[k]:<48}{med[k]:>10.2f}{med[k] / med['long']:>13.2f}")
print(f"goal < 100 ms: {'met' if med['html'] < 100 else 'NOT MET'} ({med['html']:.1f} ms)")
PY
