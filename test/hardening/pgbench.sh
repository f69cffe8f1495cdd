#!/usr/bin/env bash
# Concurrency: 8 pgbench clients for SOCIALCARE_PGBENCH_SECONDS (default
# 60) mixing reads (working_days and add_working_days over ranges, 9 in
# 10) and edits of a shared user calendar (1 in 10: close one day, reopen
# another, read, commit).  Checks: no failed transaction and no error, and
# afterwards every session's answer equals a day-by-day count from the
# tables (so no session kept a stale calendar).  Needs PGHOST etc. of a
# server where the extension is installed and PGUSER is a superuser.
# Prints TAP lines.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
DB=socialcare_pgbench
SECONDS_TO_RUN=${SOCIALCARE_PGBENCH_SECONDS:-60}
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -d $DB)
OUT=$(mktemp -d /tmp/socialcare-pgbench.XXXXXX)
trap '"$BINDIR/psql" -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1; rm -rf "$OUT"' EXIT

"$BINDIR/psql" -X -q -d postgres -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"${PSQL[@]}" -c "CREATE EXTENSION socialcare" \
	-c "INSERT INTO socialcare.calendar (name, description) VALUES ('pgbench', 'edited by pgbench')"

# Working days over the whole edited span, checked against a day-by-day
# count from the tables.
CHECK="SELECT socialcare.working_days('2019-12-31', '2029-12-31', 'pgbench') = count(*), count(*),
	       (SELECT count(*) FROM socialcare.calendar_day WHERE calendar = 'pgbench')
	FROM generate_series(date '2020-01-01', '2029-12-31', '1 day') AS d
	WHERE extract(isodow FROM d) < 6
	  AND d NOT IN (SELECT day FROM socialcare.bank_holidays('2020-01-01', '2029-12-31', 'england-and-wales'))
	  AND d NOT IN (SELECT day FROM socialcare.calendar_day WHERE calendar = 'pgbench' AND NOT working)"
# A session that loads the calendar before the storm and checks after it:
# it must have seen every committed edit.
"${PSQL[@]}" -c "$CHECK" -c "SELECT pg_sleep($SECONDS_TO_RUN + 3)" -c "$CHECK" >"$OUT/longlived" 2>&1 &
longlived=$!

status=0
"$BINDIR/pgbench" -n -c 8 -j 2 -T "$SECONDS_TO_RUN" -f "$HERE/pgbench/read.sql@9" \
	-f "$HERE/pgbench/edit.sql@1" $DB >"$OUT/log" 2>&1 || status=$?
processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$OUT/log")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$OUT/log")
errors=$(grep -ciE 'error|abort' "$OUT/log" || true)
if [ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ] && [ "$errors" -eq 0 ] && [ "${processed:-0}" -gt 0 ]; then
	echo "ok 1 - pgbench, 8 clients for ${SECONDS_TO_RUN} s mixing reads and calendar edits: $processed transactions, none failed"
else
	echo "not ok 1 - pgbench, 8 clients mixing reads and calendar edits: status $status, ${failed:-?} failed"
	sed 's/^/# /' "$OUT/log"
fi
grep -E '^(tps|latency average)' "$OUT/log" | sed 's/^/# /'

wait $longlived || true
report() {
	case "$2" in
	t\|*) echo "ok $1 - afterwards $3 gets the calendar's working days a day-by-day count gives (working days|closures: ${2#t|})" ;;
	*) echo "not ok $1 - afterwards $3 gets working days that differ from a day-by-day count: $2" ;;
	esac
}
report 2 "$(tail -n 1 "$OUT/longlived")" "a session that read the calendar before the edits"
report 3 "$("${PSQL[@]}" -c "$CHECK")" "a new session"
