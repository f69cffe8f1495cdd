#!/usr/bin/env bash
# test/bench/ssd_layer.sh: how long the SSD KPI layer takes to refresh, and
# how that grows with the size of the authority.
#
# For each scale (demo/generate.sql's scale: 1 is the demo authority, the
# size of Sandwell, about 0.5M records; 5 is about 2.7M), one database:
# the SSD tables and 15 months of KPIs to 31 December 2018 (the demo's),
# then times, side by side in rounds, each round in a fresh session and in
# an order rotated from round to round:
#   floor       reading every source table once (count(*) of each): no
#               KPI can refresh faster than its inputs can be read
#   handrolled  the same months' KPIs as an analyst writes them by hand,
#               with socialcare's functions but without the layer's row
#               checks (test/bench/ssd_handrolled.sql: 0.2.0's demo views;
#               17 KPIs of the layer's 23)
#   layer       SELECT * FROM kpi.kpi_monthly: every KPI of
#               socialcare.create_ssd_kpis, the row checks included
#   quality     SELECT * FROM kpi.data_quality
# and, once per round, each KPI view of the layer and of handrolled alone.
# Times are psql's \timing (client wall clock: parse, plan, execute,
# transfer).  Also timed once: generating the data and create_ssd_kpis.
# Prints medians, ratios to handrolled and to the floor, and how the
# refresh grows from the first scale to each other (time ratio against
# record ratio).  No pass or fail on time: the script fails only if a run
# gives a different answer from the same run before.
#
#   BENCH_SSD_SCALES="1 5"   the scales (whole numbers)
#   BENCH_SSD_ROUNDS=R       rounds (default 5)
#   BENCH_SSD_KEEP=DIR       keep the runs file and the per-view times
source "$(dirname "$0")/../../scripts/lib.sh"
source "$ROOT/scripts/benchlib.sh"

SCALES=${BENCH_SSD_SCALES:-1 5}
ROUNDS=${BENCH_SSD_ROUNDS:-5}
END=2018-12-31
BENCH=$ROOT/test/bench

case "$ROUNDS" in
'' | *[!0-9]*) say "BENCH_SSD_ROUNDS must be a whole number"; exit 2 ;;
esac
for s in $SCALES; do
	case $s in
	*[!0-9]* | 0*) say "BENCH_SSD_SCALES: '$s' is not a whole number from 1"; exit 2 ;;
	esac
done
[ "$ROUNDS" -ge 1 ] || { say "BENCH_SSD_ROUNDS must be at least 1"; exit 2; }

need_build_tools
build_and_install
start_cluster
bench_workdir ssd-layer
RUNS=$WORK/runs.txt
: >"$RUNS"

now() { date +%s%3N; }

# timed ITEM ROUND DB SQL: run SQL in a fresh session, append "ITEM ROUND 1
# DIGEST MS" to the runs file (DIGEST: md5 of the result, to compare runs).
timed() {
	local item=$1 round=$2 db=$3 q=$4 out ms digest
	out=$("${PSQL[@]}" -d "$db" -At -c "SET jit = off" -c '\timing on' -c "$q" 2>&1) ||
		bench_fail "$item failed" "$out"
	ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
	digest=$(printf '%s\n' "$out" | grep -v '^Time: ' | md5sum | cut -c1-12)
	echo "$item $round 1 $digest $ms" >>"$RUNS"
}

declare -A RECORDS GEN CREATE
FIRST=
for scale in $SCALES; do
	db=socialcare_bench_ssd_$scale
	[ -n "$FIRST" ] || FIRST=$scale
	say "scale $scale: generating the authority in database $db"
	sql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	sql -d "$db" -c "CREATE EXTENSION socialcare"
	t=$(now)
	PGOPTIONS="-c client_min_messages=warning" sql -d "$db" -f "$ROOT/demo/schema.sql" \
		-v scale="$scale" -v period_end="$END" -f "$ROOT/demo/generate.sql" >/dev/null
	GEN[$scale]=$(( $(now) - t ))
	RECORDS[$scale]=$(sql -d "$db" -c "SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE schemaname = 'demo'")
	t=$(now)
	PGOPTIONS="-c client_min_messages=warning" sql -d "$db" -c "SELECT count(*) FROM socialcare.create_ssd_kpis('demo', 'kpi')" >/dev/null
	CREATE[$scale]=$(( $(now) - t ))
	PGOPTIONS="-c client_min_messages=warning" sql -d "$db" -v ssd_schema=demo -f "$BENCH/ssd_handrolled.sql" >/dev/null
	floor=$(sql -d "$db" -c "SELECT string_agg(format('(SELECT count(*) FROM demo.%I)', relname), ' + ' ORDER BY relname)
		FROM pg_stat_user_tables WHERE schemaname = 'demo' AND relname ~ '^(ssd|ext)_'")
	views=$(sql -d "$db" -c "SELECT string_agg(table_schema || '.' || table_name, ' ' ORDER BY table_schema, table_name)
		FROM information_schema.views WHERE table_schema IN ('kpi', 'handrolled') AND table_name ~ '^kpi_[0-9a-z]' AND table_name <> 'kpi_monthly' AND table_name <> 'kpi_status'")
	variants=(floor handrolled layer quality)
	for ((r = 1; r <= ROUNDS; r++)); do
		say "scale $scale: round $r of $ROUNDS"
		for ((i = 0; i < ${#variants[@]}; i++)); do
			v=${variants[$(((i + r) % ${#variants[@]}))]}
			case $v in
			floor) timed "s$scale.floor" "$r" "$db" "SELECT $floor" ;;
			handrolled) timed "s$scale.handrolled" "$r" "$db" "SELECT * FROM handrolled.kpi_monthly ORDER BY 1, 2" ;;
			layer) timed "s$scale.layer" "$r" "$db" "SELECT * FROM kpi.kpi_monthly ORDER BY 1, 2" ;;
			quality) timed "s$scale.quality" "$r" "$db" "SELECT * FROM kpi.data_quality ORDER BY 1, 2" ;;
			esac
		done
		for v in $views; do
			timed "s$scale.view.$v" "$r" "$db" "SELECT * FROM $v ORDER BY 1"
		done
	done
	sql -d postgres -c "DROP DATABASE $db"
done

# Every item must give the same digest in every round.
bad=$(awk '{ if (($1 in d) && d[$1] != $4) print $1; d[$1] = $4 }' "$RUNS" | sort -u)
[ -z "$bad" ] || bench_fail "different answers from one round to the next" $bad

med() { awk -v i="$1" '$1 == i { print $5 }' "$RUNS" | bench_median %.0f; }
printf '\nSSD KPI layer: 15 months of KPIs, medians of %s rounds (ms)\n\n' "$ROUNDS"
printf '%-6s %10s %10s %10s %8s %10s %10s %10s %9s %9s\n' scale records generate create floor handrolled layer quality layer/hand layer/floor
for scale in $SCALES; do
	f=$(med "s$scale.floor"); h=$(med "s$scale.handrolled"); l=$(med "s$scale.layer"); q=$(med "s$scale.quality")
	printf '%-6s %10s %10s %10s %8s %10s %10s %10s %9s %9s\n' "$scale" "${RECORDS[$scale]}" "${GEN[$scale]}" "${CREATE[$scale]}" \
		"$f" "$h" "$l" "$q" "$(bench_ratio "$l" "$h")" "$(bench_ratio "$l" "$f")"
done
if [ "$(echo $SCALES | wc -w)" -gt 1 ]; then
	printf '\nGrowth from scale %s (time ratio; records ratio)\n' "$FIRST"
	for scale in $SCALES; do
		[ "$scale" = "$FIRST" ] && continue
		printf '  scale %s: records x%s, layer x%s, handrolled x%s, quality x%s, floor x%s\n' "$scale" \
			"$(bench_ratio "${RECORDS[$scale]}" "${RECORDS[$FIRST]}")" \
			"$(bench_ratio "$(med "s$scale.layer")" "$(med "s$FIRST.layer")")" \
			"$(bench_ratio "$(med "s$scale.handrolled")" "$(med "s$FIRST.handrolled")")" \
			"$(bench_ratio "$(med "s$scale.quality")" "$(med "s$FIRST.quality")")" \
			"$(bench_ratio "$(med "s$scale.floor")" "$(med "s$FIRST.floor")")"
	done
fi
printf '\nEach view alone (ms)\n'
for scale in $SCALES; do
	printf '  scale %s\n' "$scale"
	awk -v p="s$scale.view." 'index($1, p) == 1 { print substr($1, length(p) + 1) }' "$RUNS" | sort -u |
		while read -r v; do
			printf '    %-40s %8s\n' "$v" "$(med "s$scale.view.$v")"
		done
done
bench_keep "${BENCH_SSD_KEEP:-}" runs.txt
