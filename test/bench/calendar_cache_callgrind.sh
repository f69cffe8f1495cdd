#!/usr/bin/env bash
# The calendar cache in instructions, which other jobs on the machine do
# not move (not a test): callgrind counts a single-user backend (postgres
# --single) of a throwaway cluster running working_days over a user
# calendar, the built-in form and b - a: a row of a 200,000-row SELECT
# sum(), a single-row SELECT, and a single-row SELECT after another
# transaction committed (each statement preceded by an UPDATE of another
# table, whose count is subtracted).  Each figure is the difference from
# a run of the warm-up statement alone.  Usage: calendar_cache_callgrind.sh
# [BINDIR] (default: pg_config's); the extension must be installed there.
set -euo pipefail
BIN=${1:-$(${PG_CONFIG:-pg_config} --bindir)}
WORK=$(mktemp -d /tmp/socialcare-cg.XXXXXX)
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK"
trap 'rm -rf "$WORK"' EXIT
D=$WORK/data
ROWS=${ROWS:-200000}
S=${S:-2000}
as_owner "$BIN/initdb" -D $D -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$BIN/postgres" --single -D $D postgres >/dev/null <<SQL
CREATE EXTENSION socialcare;
INSERT INTO socialcare.calendar (name) VALUES ('usercal');
INSERT INTO socialcare.calendar_day (calendar, day) SELECT 'usercal', d::date FROM generate_series('2020-12-24'::date, '2030-12-31', '1 year') d;
CREATE TABLE t AS SELECT a, a + (i % 400) AS b FROM (SELECT i, '2018-01-01'::date + (i % 3000) AS a FROM generate_series(1, $ROWS) i) s;
CREATE TABLE w (id int PRIMARY KEY, n int);
INSERT INTO w VALUES (1, 0);
VACUUM ANALYZE t;
SQL
# ir FILE: instructions of a single-user backend running FILE.
ir() {
	as_owner valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN/postgres" --single -D $D \
		-c max_parallel_workers_per_gather=0 postgres <"$1" 2>&1 >/dev/null | awk '/Collected/ {print $NF}'
}
declare -A ONE=([usercal]="socialcare.working_days('2025-01-01', '2025-03-01', 'usercal')"
	[builtin]="socialcare.working_days('2025-01-01', '2025-03-01', 'england-and-wales')"
	[floor]="'2025-03-01'::date - '2025-01-01'::date")
declare -A ROW=([usercal]="socialcare.working_days(a, b, 'usercal')"
	[builtin]="socialcare.working_days(a, b, 'england-and-wales')" [floor]="b - a")
for f in usercal builtin floor; do
	echo "SELECT ${ONE[$f]};" >$WORK/warm.sql
	base=$(ir $WORK/warm.sql)
	{ cat $WORK/warm.sql; echo "SELECT sum(${ROW[$f]}) FROM t;"; } >$WORK/big.sql
	big=$(ir $WORK/big.sql)
	{ cat $WORK/warm.sql; for _ in $(seq $S); do echo "SELECT ${ONE[$f]};"; done; } >$WORK/small.sql
	small=$(ir $WORK/small.sql)
	{ cat $WORK/warm.sql; for _ in $(seq $S); do echo "UPDATE w SET n = n + 1 WHERE id = 1;"; done; } >$WORK/wbase.sql
	wbase=$(ir $WORK/wbase.sql)
	{ cat $WORK/warm.sql; for _ in $(seq $S); do echo "UPDATE w SET n = n + 1 WHERE id = 1;"; echo "SELECT ${ONE[$f]};"; done; } >$WORK/write.sql
	write=$(ir $WORK/write.sql)
	echo "$f: a row $(( (big - base) / ROWS )), a statement $(( (small - base) / S )), a statement after a commit $(( (write - wbase) / S ))"
done
