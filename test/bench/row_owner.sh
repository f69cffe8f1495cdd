#!/usr/bin/env bash
# test/bench/row_owner.sh: what the write check costs on bulk loads.  A
# role loads, restates and deletes 100,000 KPI values (1,000 KPIs of 100
# months) and 50,000 calendar days (10 calendars), as a monthly ETL job
# does, three rounds each; then the same as a superuser with
# session_replication_role = replica (no triggers, no check: the floor).
# On 0.2.0 the check is row-level security (a policy with a subquery on
# the parent row), from 0.3.0 the BEFORE ROW trigger socialcare.row_owner().
# Runs against the server PGHOST etc. point to (the extension installed
# there, PGUSER a superuser); prints the median of each step in ms.
set -euo pipefail
source "$(dirname "$0")/../../scripts/benchlib.sh"
DB=socialcare_bench_owner
ROLE=regress_sc_bench_loader
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" \
	-c "DROP ROLE IF EXISTS $ROLE" -c "CREATE ROLE $ROLE" -c "CREATE DATABASE $DB"
trap '"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP ROLE IF EXISTS $ROLE" >/dev/null' EXIT
"${PSQL[@]}" -d $DB -c "CREATE EXTENSION socialcare" \
	-c "SELECT extversion FROM pg_extension WHERE extname = 'socialcare'" | sed 's/^/# socialcare /'

# step LABEL SETUP: one round as the role (or with the triggers off), each statement timed.
round() {
	local setup=$1
	"${PSQL[@]}" -d $DB <<SQL | grep -E '^Time' | awk '{print $2}'
$setup
INSERT INTO socialcare.kpi (code, title, unit, polarity) SELECT 'K' || i, 'bench', 'number', 'high' FROM generate_series(1, 1000) i;
INSERT INTO socialcare.calendar (name) SELECT 'cal' || i FROM generate_series(1, 10) i;
\\timing on
INSERT INTO socialcare.kpi_value (kpi, month, value)
SELECT 'K' || k, (date '2010-01-01' + make_interval(months => m))::date - 1, m
FROM generate_series(1, 1000) k, generate_series(1, 100) m;
UPDATE socialcare.kpi_value SET value = value + 1;
DELETE FROM socialcare.kpi_value;
INSERT INTO socialcare.calendar_day (calendar, day)
SELECT 'cal' || c, date '2000-01-01' + d FROM generate_series(1, 10) c, generate_series(1, 5000) d;
DELETE FROM socialcare.calendar_day;
\\timing off
DELETE FROM socialcare.calendar;
DELETE FROM socialcare.kpi;
SQL
}
report() {
	local label=$1 setup=$2 out
	out=$(mktemp -d)
	for r in 1 2 3; do round "$setup" >"$out/$r"; done
	local names=("insert 100k kpi_value" "update 100k kpi_value" "delete 100k kpi_value"
		"insert 50k calendar_day" "delete 50k calendar_day")
	for i in 1 2 3 4 5; do
		printf '%-28s %-22s %10s ms\n' "$label" "${names[$((i - 1))]}" \
			"$(for r in 1 2 3; do sed -n "${i}p" "$out/$r"; done | bench_median '%s\n')"
	done
	rm -rf "$out"
}
report "as a role (checked)" "SET ROLE $ROLE;"
report "no triggers (floor)" "SET session_replication_role = replica;"
