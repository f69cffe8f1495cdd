#!/usr/bin/env bash
# test/bench/json_field.sh: what reading an SSD outcome flag with
# socialcare.json_field costs against PostgreSQL's own ::jsonb ->> (and
# ::json ->>), on BENCH_JSON_ROWS (default 1,000,000) texts shaped like
# cont_contact_outcome_json: eight members, six of them flags, a source and
# a free-text COMMENTS, about 300 bytes each, every one valid (::jsonb
# stops at the first invalid one).  Each query counts the rows whose flag
# is 'Y'; all must give the same count, and json_problem must find every
# text valid (else the benchmark fails).  The
# floor is the same scan with sum(length(doc)).  Serial (no parallel
# workers), JIT off, the table prewarmed; BENCH_JSON_ROUNDS (default 5)
# rounds, each a fresh session running every query once in an order
# that alternates between rounds; medians in ms, and the median of the
# paired ratios json_field / jsonb.
# Runs against the server PGHOST etc. point to (the extension installed
# there, PGUSER may create databases).
set -euo pipefail
source "$(dirname "$0")/../../scripts/benchlib.sh"
ROWS=${BENCH_JSON_ROWS:-1000000}
ROUNDS=${BENCH_JSON_ROUNDS:-5}
case "$ROWS$ROUNDS" in '' | *[!0-9]*) echo "BENCH_JSON_ROWS and BENCH_JSON_ROUNDS must be whole numbers" >&2; exit 2 ;; esac
DB=socialcare_bench_json
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
bench_workdir json '"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS '$DB'" >/dev/null'
"${PSQL[@]}" -d $DB -c "CREATE EXTENSION socialcare" \
	-c "SELECT extversion FROM pg_extension WHERE extname = 'socialcare'" | sed 's/^/# socialcare /'
"${PSQL[@]}" -d $DB >/dev/null <<SQL
CREATE TABLE outcomes AS
SELECT i AS id,
       format('{"NEW_REFERRAL_FLAG": "%s", "NFA_FLAG": "%s", "S47_FLAG": "%s", "CP_FLAG": "%s", '
              '"EARLY_HELP_FLAG": "%s", "OTHER_OUTCOMES_EXIST_FLAG": "%s", "CONTACT_SOURCE": "%s", '
              '"COMMENTS": "%s"}',
              CASE WHEN h % 10 < 3 THEN 'Y' ELSE 'N' END, CASE WHEN h % 7 < 2 THEN 'Y' ELSE 'N' END,
              CASE WHEN h % 11 = 0 THEN 'Y' ELSE 'N' END, 'N', CASE WHEN h % 5 = 0 THEN 'Y' ELSE 'N' END, 'N',
              (ARRAY['POLICE', 'SCHOOL', 'HEALTH', 'SELF', 'LA SERVICES'])[1 + h % 5],
              'Contact from ' || left(md5(i::text), 8) || '; discussed with team manager, '
              || repeat('concerns noted ', 1 + h % 4) || 'outcome recorded \"' || left(md5(h::text), 6)
              || '\" on ' || (date '2024-01-01' + h % 365)) AS doc
FROM generate_series(1, $ROWS) AS i, LATERAL (SELECT abs(hashint4(i)) AS h) AS x;
VACUUM ANALYZE outcomes;
CREATE EXTENSION IF NOT EXISTS pg_prewarm;
SELECT pg_prewarm('outcomes') >= 0;
SQL

"${PSQL[@]}" -d $DB -c "SELECT '# ' || count(*) || ' texts, ' || round(avg(octet_length(doc))) || ' bytes on average, '
	|| pg_size_pretty(pg_relation_size('outcomes')) FROM outcomes"

declare -A Q=(
	[floor]="SELECT sum(length(doc)) > 0 AND count(*) > 0 FROM outcomes"
	[json_field]="SELECT count(*) FILTER (WHERE socialcare.json_field(doc, 'NEW_REFERRAL_FLAG') = 'Y') FROM outcomes"
	[json_field_ci]="SELECT count(*) FILTER (WHERE socialcare.json_field_ci(doc, 'new_referral_flag') = 'Y') FROM outcomes"
	[jsonb]="SELECT count(*) FILTER (WHERE doc::jsonb ->> 'NEW_REFERRAL_FLAG' = 'Y') FROM outcomes"
	[json]="SELECT count(*) FILTER (WHERE doc::json ->> 'NEW_REFERRAL_FLAG' = 'Y') FROM outcomes"
	[json_problem]="SELECT count(*) FILTER (WHERE socialcare.json_problem(doc) IS NULL) FROM outcomes"
)
ITEMS=(json_field jsonb json json_field_ci json_problem floor)
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
		awk -v r="$r" '/^ITEM / { item = $2; next } /^Time:/ { print item, r, 1, result, $2; next } { result = $1 }' >>"$RUNS"
done

# every reader must count the same rows (the floor answers t), and
# json_problem find every text valid
answers=$(awk '$1 != "floor" && $1 != "json_problem" { print $4 }' "$RUNS" | sort -u)
valid=$(awk '$1 == "json_problem" { print $4 }' "$RUNS" | sort -u)
[ "$valid" = "$ROWS" ] || bench_fail "json_problem finds problems in valid texts" "$valid of $ROWS valid"
[ "$(echo "$answers" | wc -l)" -eq 1 ] || bench_fail "the queries disagree" "$(awk '{ print $1, $4 }' "$RUNS" | sort -u)"
echo "# every query counts $answers rows with NEW_REFERRAL_FLAG 'Y'"
printf '%-14s %5s %10s %10s %10s\n' query runs median_ms min_ms max_ms
for item in "${ITEMS[@]}"; do
	read -r n med lo hi <<<"$(bench_stats "$RUNS" "$item")"
	printf '%-14s %5s %10s %10s %10s\n' "$item" "$n" "$med" "$lo" "$hi"
done
echo "json_field / jsonb (paired, median): $(bench_paired "$RUNS" json_field jsonb)"
echo "json_field / json (paired, median): $(bench_paired "$RUNS" json_field json)"
echo "json_field_ci / json_field (paired, median): $(bench_paired "$RUNS" json_field_ci json_field)"
echo "json_problem / jsonb (paired, median): $(bench_paired "$RUNS" json_problem jsonb)"
