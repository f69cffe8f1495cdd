#!/usr/bin/env bash
# Benchmark of the calendar cache (not a test): working_days over a user
# calendar against the built-in form and a plain date subtraction, in one
# big statement (5M rows, serial plan) and in many small ones (20k
# single-row SELECTs in one session), idle and with a pgbench client
# committing writes alongside (so that every statement's snapshot is
# new).  Times are the backend's CPU time.  The three forms run in turn,
# ROUNDS times (default 5); the lowest time of each is reported.  Needs PGHOST
# etc. pointing at a server.
set -euo pipefail
source "$(dirname "$0")/../../scripts/benchlib.sh"
bench_workdir calbench
DB=${DB:-socialcare_bench_cal}
ROWS=${ROWS:-5000000}
TX=${TX:-20000}
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -v ON_ERROR_STOP=1 -d $DB <<SQL
CREATE EXTENSION socialcare;
INSERT INTO socialcare.calendar (name) VALUES ('usercal');
INSERT INTO socialcare.calendar_day (calendar, day)
	SELECT 'usercal', d::date FROM generate_series('2020-12-24'::date, '2030-12-31', '1 year') d;
CREATE TABLE t AS SELECT a, a + (i % 400) AS b
	FROM (SELECT i, '2018-01-01'::date + (i % 3000) AS a FROM generate_series(1, $ROWS) i) s;
CREATE TABLE w (id int PRIMARY KEY, n int); INSERT INTO w VALUES (1, 0);
VACUUM ANALYZE t;
SQL
# The backend's CPU time in ms (user + system, from /proc; 10 ms ticks):
# CPU time, not wall time, so that other jobs on the machine matter less.
CPU="(split_part(pg_read_file('/proc/self/stat'), ' ', 14)::bigint
	 + split_part(pg_read_file('/proc/self/stat'), ' ', 15)::bigint) * 1000 / $(getconf CLK_TCK)"
# one_big EXPR: the backend's CPU ms for SELECT sum(EXPR) FROM t, serial.
one_big() {
	psql -X -At -v ON_ERROR_STOP=1 -d $DB <<SQL | tail -1
SET max_parallel_workers_per_gather = 0;
SELECT $CPU AS t0 \gset
SELECT sum($1) FROM t \g /dev/null
SELECT $CPU - :t0;
SQL
}
# one_small EXPR [load]: the backend's CPU ms a statement over TX statements
# SELECT EXPR, one session; with load, a pgbench client commits an UPDATE
# alongside all the while, so that every statement's snapshot is new.
one_small() {
	local pid=
	if [ "${2:-}" = load ]; then
		echo "UPDATE w SET n = n + 1 WHERE id = 1;" >"$WORK/w.sql"
		pgbench -n -T 600 -f "$WORK/w.sql" $DB >/dev/null 2>&1 &
		pid=$!
		sleep 0.5
	fi
	{
		echo "SELECT $CPU AS t0 \\gset"
		for _ in $(seq $TX); do echo "SELECT $1;"; done
		echo "SELECT round(($CPU - :t0)::numeric / $TX, 4);"
	} | psql -X -At -v ON_ERROR_STOP=1 -d $DB | tail -1
	if [ -n "$pid" ]; then kill $pid; wait $pid 2>/dev/null || true; fi
}
# report LABEL RUNNER [ARG]: the three forms run in turn ROUNDS times, the lowest of each.
report() {
	local label=$1 runner=$2 arg=${3:-} u=() b=() f=()
	for _ in $(seq $ROUNDS); do
		u+=("$($runner "$USERCAL" $arg)")
		b+=("$($runner "$BUILTIN" $arg)")
		f+=("$($runner "$FLOOR" $arg)")
	done
	local U B F
	U=$(printf '%s\n' "${u[@]}" | sort -g | head -1)
	B=$(printf '%s\n' "${b[@]}" | sort -g | head -1)
	F=$(printf '%s\n' "${f[@]}" | sort -g | head -1)
	echo "$label: usercal $U  builtin $B  floor $F"
	awk "BEGIN{printf \"  ratios: usercal/builtin %.3f  usercal/floor %.3f  builtin/floor %.3f\n\", $U/$B, $U/$F, $B/$F}"
}
ROUNDS=${ROUNDS:-5}
USERCAL="socialcare.working_days(a, b, 'usercal')"
BUILTIN="socialcare.working_days(a, b, 'england-and-wales')"
FLOOR="b - a"
report "one statement, $ROWS rows, serial (CPU ms)" one_big
USERCAL="socialcare.working_days('2025-01-01', '2025-03-01', 'usercal')"
BUILTIN="socialcare.working_days('2025-01-01', '2025-03-01', 'england-and-wales')"
FLOOR="'2025-03-01'::date - '2025-01-01'::date"
report "$TX single-row statements, idle (CPU ms a statement)" one_small
report "$TX single-row statements, a writer committing alongside (CPU ms a statement)" one_small load
psql -X -q -d postgres -c "DROP DATABASE $DB"
