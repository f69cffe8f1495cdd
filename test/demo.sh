#!/usr/bin/env bash
# test/demo.sh: the demo runs from a clean checkout and its KPIs are right.
#
# Copies the repository's tracked files (what a clone has: no build outputs,
# nothing untracked) to a temporary directory, runs its scripts/demo.sh
# against the server PGHOST/PGPORT/PGUSER point to (scripts/test.sh's
# throwaway cluster, where scripts/test.sh has installed the extension; the
# copy's make install goes to a directory of its own, SOCIALCARE_DESTDIR,
# as suites running beside this one may be loading the installed files)
# into the database socialcare_demo_test, then runs
# test/demo/checks.sql there: a value for every KPI and month, plausible
# magnitudes, eight KPIs recomputed independently (a calendar table from
# GOV.UK's list, no socialcare function), the KPI catalogue equal to the
# views, and the scorecard's rows, RAG and arrows recomputed in plain SQL;
# then checks the board pack it wrote in Chromium (test/pack/check.py),
# then generates the same seed again in a second database and compares
# fingerprints.  Prints TAP.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=socialcare_demo_test
N=0
FAILED=0
tap() {  # tap OK|"not ok" DESCRIPTION
	N=$((N + 1))
	[ "$1" = ok ] || FAILED=$((FAILED + 1))
	echo "$1 $N - $2"
}

COPY=$(mktemp -d /tmp/socialcare-demo-test.XXXXXX)
trap 'rm -rf "$COPY"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS ${DB}_again" >/dev/null 2>&1' EXIT
(cd "$ROOT" && git ls-files -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$COPY"
chmod -R a+rX "$COPY"

OUT=$COPY/demo.out
if SOCIALCARE_USE_SERVER=1 SOCIALCARE_DEMO_DB=$DB SOCIALCARE_DESTDIR=$COPY/stage \
	bash "$COPY/scripts/demo.sh" >"$OUT" 2>&1; then
	tap ok "scripts/demo.sh runs from a clean checkout of the tracked files"
else
	tap "not ok" "scripts/demo.sh runs from a clean checkout of the tracked files"
	sed 's/^/# /' "$OUT" | tail -20
fi
rows=$(grep -cE '^(PI(0[1-9]|1[0-5])|REREF|LACRATE) ' "$OUT" || true)
if [ "$rows" -eq 17 ] && grep -qE '^KPI .* Jan-18 .* Dec-18 .* RAG +Trend$' "$OUT" &&
	grep -qE '^Timings: generation [0-9.]+ s; views [0-9.]+ s .*; catalogue [0-9.]+ s .*; scorecard [0-9.]+ s' "$OUT"; then
	tap ok "scorecard_text prints 17 KPI lines, 12 months Jan-18 to Dec-18, and the timings"
else
	tap "not ok" "scorecard_text prints 17 KPI lines, 12 months Jan-18 to Dec-18, and the timings (got $rows lines)"
	sed 's/^/# /' "$OUT" | tail -25
fi

# The board pack the demo wrote, in a real browser (test/pack/check.py):
# DOM against scorecard_wide, RAG colours in a screenshot, the PDF's pages.
if [ -s "$COPY/demo/out/board-pack.html" ] && grep -q "^Board pack (PDF, A4 landscape" "$OUT"; then
	tap ok "demo.sh writes the board pack as HTML and PDF and says where"
	while IFS= read -r line; do
		case $line in
			"ok "*) tap ok "${line#ok [0-9]* - }" ;;
			"not ok "*) tap "not ok" "${line#not ok [0-9]* - }" ;;
			"#"*) echo "$line" ;;
		esac
	done < <(/usr/bin/python3 "$ROOT/test/pack/check.py" --db "$DB" --as-at 2018-12-31 \
		--html "$COPY/demo/out/board-pack.html" --label "the demo's board pack" --title "Children's Social Care" 2>&1)
else
	tap "not ok" "demo.sh writes the board pack as HTML and PDF and says where"
	grep -i "board pack" "$OUT" | sed 's/^/# /'
fi

holidays=$COPY/holidays.csv
grep '^england-and-wales,' "$ROOT/test/data/bank-holidays-govuk.csv" | cut -d, -f2 >"$holidays"
checks=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" \
	-c "CREATE TEMP TABLE govuk_holiday (day date PRIMARY KEY)" \
	-c "\\copy govuk_holiday FROM '$holidays'" \
	-f "$ROOT/test/demo/checks.sql" 2>&1)
status=$?
while IFS= read -r line; do
	case $line in
		"ok - "*) tap ok "${line#ok - }" ;;
		"not ok - "*) tap "not ok" "${line#not ok - }" ;;
		*) [ -n "$line" ] && echo "# $line" ;;
	esac
done <<<"$checks"
[ "$status" -eq 0 ] || tap "not ok" "test/demo/checks.sql ran (status $status)"

# Determinism: the same seed, generated again in another database, gives
# the same records and the same KPIs.
fingerprint() {
	psql -X -q -At -d "$1" -c "
		SELECT md5(string_agg(t, ',' ORDER BY t)) FROM (
			SELECT kpi_code || month_end || numerator || '/' || denominator || '=' || value AS t FROM kpi.kpi_monthly
			UNION ALL SELECT cine_referral_id || cine_person_id || cine_referral_date || coalesce(cine_close_date::text, '') FROM demo.ssd_cin_episodes
			UNION ALL SELECT cppv_cp_visit_id || cppv_cp_visit_date || cppv_cp_visit_seen FROM demo.ssd_cp_visits) x"
}
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_again" -c "CREATE DATABASE ${DB}_again" >/dev/null 2>&1
if psql -X -q -v ON_ERROR_STOP=1 -d "${DB}_again" -c "SET jit = off" -c "CREATE EXTENSION socialcare" \
		-f "$ROOT/demo/schema.sql" -f "$ROOT/demo/generate.sql" \
		-c "SELECT count(*) FROM socialcare.create_ssd_kpis('demo', 'kpi')" >/dev/null 2>&1 &&
	a=$(fingerprint "$DB") && b=$(fingerprint "${DB}_again") && [ -n "$a" ] && [ "$a" = "$b" ]; then
	tap ok "the generator is deterministic: a second run with the same seed gives the same referrals, visits and KPIs"
else
	tap "not ok" "the generator is deterministic (fingerprints ${a:-?} and ${b:-?})"
fi
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_again" >/dev/null 2>&1
echo "1..$N"
[ "$FAILED" -eq 0 ]
