#!/usr/bin/env bash
# test/citus/citus.sh: socialcare on Citus (issue 15).  A coordinator and two
# workers, each a throwaway cluster of the PostgreSQL that PG_CONFIG (or
# pg_config on PATH) names, with citus and socialcare in
# shared_preload_libraries (doc/citus.md); a distributed table of referrals
# in 32 shards and the same rows in a plain table; every aggregate, the
# window, interval and working-day functions and the calendar cases (session
# settings, ALTER DATABASE/ROLE, SET LOCAL, user calendars and timescales
# copied by citus_sync_tables) compared between the two; timings as comments.
# Build Citus with test/citus/build-citus.sh.
# Prints TAP ("ok N - ...", "not ok N - ..."); exits non-zero when a case
# differs.  Where Citus is not installed for that PostgreSQL it prints
# "1..0 # SKIP Citus not installed" and exits 0 (CI has no Citus).
#
#   SOCIALCARE_CITUS_ROWS   rows (default 100000)
#   SOCIALCARE_CITUS_PORT   first of the three ports (default 55432)
set -u
PG_CONFIG=${PG_CONFIG:-pg_config}
BINDIR=$("$PG_CONFIG" --bindir) || { echo "1..0 # SKIP no pg_config"; exit 0; }
if [ ! -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ] \
	|| [ ! -f "$("$PG_CONFIG" --sharedir)/extension/citus.control" ]; then
	echo "1..0 # SKIP Citus not installed"
	exit 0
fi
ROWS=${SOCIALCARE_CITUS_ROWS:-100000}
PORT0=${SOCIALCARE_CITUS_PORT:-55432}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/socialcare-citus.XXXXXX")
chmod 755 "$DIR"
OWNER=$(id -un)
if [ "$(id -u)" = 0 ]; then
	OWNER=postgres
	chown "$OWNER" "$DIR"
fi
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}
NODES=(coordinator worker1 worker2)
cleanup() {
	for n in 0 1 2; do
		as_owner "$BINDIR/pg_ctl" -D "$DIR/${NODES[$n]}" -m fast -w stop >/dev/null 2>&1 || true
	done
	rm -rf "$DIR"
}
trap cleanup EXIT

for n in 0 1 2; do
	port=$((PORT0 + n))
	as_owner "$BINDIR/initdb" -D "$DIR/${NODES[$n]}" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
		|| { echo "Bail out! initdb failed"; exit 1; }
	cat >>"$DIR/${NODES[$n]}/postgresql.conf" <<CONF
shared_preload_libraries = 'citus,socialcare'
listen_addresses = ''
unix_socket_directories = '$DIR'
port = $port
fsync = off
max_worker_processes = 16
CONF
	as_owner "$BINDIR/pg_ctl" -D "$DIR/${NODES[$n]}" -l "$DIR/${NODES[$n]}.log" -w start >/dev/null \
		|| { echo "Bail out! ${NODES[$n]} did not start"; cat "$DIR/${NODES[$n]}.log"; exit 1; }
done

# q N SQL: run SQL on node N (0 = coordinator), unaligned, tuples only, in
# a session of its own; statements are sent one by one (psql -f), each in its
# own transaction unless SQL has BEGIN.
q() {
	local n=$1
	shift
	printf '%s\n' "$*" | "$BINDIR/psql" -XAtq -v ON_ERROR_STOP=1 -h "$DIR" -p $((PORT0 + n)) -U postgres -d postgres -f -
}
for n in 0 1 2; do
	q $n "CREATE EXTENSION citus; CREATE EXTENSION socialcare;" >/dev/null \
		|| { echo "Bail out! CREATE EXTENSION failed on ${NODES[$n]}"; exit 1; }
done
q 0 "SELECT citus_set_coordinator_host('$DIR', $PORT0)" >/dev/null
for n in 1 2; do
	q 0 "SELECT citus_add_node('$DIR', $((PORT0 + n)))" >/dev/null \
		|| { echo "Bail out! citus_add_node failed"; exit 1; }
done

q 0 "
SET citus.shard_count = 32;
CREATE TABLE referral (child bigint, referral_date date, assessed date, within_45 boolean, score numeric);
SELECT create_distributed_table('referral', 'child');
INSERT INTO referral
SELECT i % 20000, DATE '2023-04-01' + (i * 7919 % 1100),
       DATE '2023-04-01' + (i * 7919 % 1100) + (i % 60),
       CASE WHEN i % 17 = 0 THEN NULL ELSE i % 60 <= 45 END,
       CASE WHEN i % 23 = 0 THEN NULL ELSE (i * 37 % 1000) / 10.0 END
FROM generate_series(1, $ROWS) i;
CREATE TABLE referral_local AS SELECT * FROM referral;
ANALYZE referral; ANALYZE referral_local;" >/dev/null || { echo "Bail out! the tables"; exit 1; }

N=0
FAILED=0
# check NAME SQL: SQL (with the word REFERRAL) on the distributed table and
# on the plain one gives the same rows.  Each q is a new session, so a SET
# in SQL lasts for that query only.
check() {
	local name=$1 sql=$2 dist loc
	N=$((N + 1))
	dist=$(q 0 "${sql//REFERRAL/referral}" 2>&1)
	loc=$(q 0 "${sql//REFERRAL/referral_local}" 2>&1)
	if [ "$dist" = "$loc" ] && [ -n "$loc" ] && [[ "$loc" != *ERROR* ]]; then
		echo "ok $N - $name"
	else
		echo "not ok $N - $name"
		echo "# distributed: $(echo "$dist" | head -3)"
		echo "# plain:       $(echo "$loc" | head -3)"
		FAILED=$((FAILED + 1))
	fi
}
# refused NAME PATTERN SQL: on the distributed table SQL fails with an error
# matching PATTERN (extended regex); on the plain table it answers.
refused() {
	local name=$1 pattern=$2 sql=$3 dist loc
	N=$((N + 1))
	dist=$(q 0 "${sql//REFERRAL/referral}" 2>&1)
	loc=$(q 0 "${sql//REFERRAL/referral_local}" 2>&1)
	if echo "$dist" | grep -Eq "ERROR: +$pattern" && [ -n "$loc" ] && [[ "$loc" != *ERROR* ]]; then
		echo "ok $N - $name (refused: $(echo "$dist" | grep -m1 ERROR | cut -c1-110))"
	else
		echo "not ok $N - $name"
		echo "# distributed: $(echo "$dist" | head -3)"
		echo "# plain:       $(echo "$loc" | head -3)"
		FAILED=$((FAILED + 1))
	fi
}
# same NAME SQL: SQL gives the same rows on every node (the extension's
# tables, read by each node's own backend).
same() {
	local name=$1 sql=$2 a b c
	N=$((N + 1))
	a=$(q 0 "$sql" 2>&1); b=$(q 1 "$sql" 2>&1); c=$(q 2 "$sql" 2>&1)
	if [ "$a" = "$b" ] && [ "$a" = "$c" ] && [ -n "$a" ] && [[ "$a" != *ERROR* ]]; then
		echo "ok $N - $name"
	else
		echo "not ok $N - $name"
		echo "# coordinator: $(echo "$a" | head -2)"; echo "# worker1: $(echo "$b" | head -2)"; echo "# worker2: $(echo "$c" | head -2)"
		FAILED=$((FAILED + 1))
	fi
}
# sorted_bars: a sparkline without ORDER BY draws its values in the order
# rows come; its bars, sorted, do not depend on that order.
SORTED="(SELECT string_agg(c, '' ORDER BY c) FROM regexp_split_to_table(s, '') c)"
# A query of socialcare's that Citus would not push down as it is: the
# distributed table is read with a GROUP BY on another column.
BYMONTH="date_trunc('month', referral_date)"

# ---------------------------------------------------------------- aggregates
check "pct, whole table" "SELECT socialcare.pct(within_45) FROM REFERRAL"
check "pct, by month (not the distribution column)" "SELECT $BYMONTH, socialcare.pct(within_45) FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "pct, by the distribution column" "SELECT child, socialcare.pct(within_45) FROM REFERRAL WHERE child < 100 GROUP BY 1 ORDER BY 1"
check "pct with FILTER" "SELECT socialcare.pct(within_45) FILTER (WHERE score > 50) FROM REFERRAL"
check "pct as a moving window, partitioned by the distribution column" \
	"SELECT child, referral_date, socialcare.pct(within_45) OVER (PARTITION BY child ORDER BY referral_date, assessed, score ROWS 4 PRECEDING) FROM REFERRAL WHERE child < 30 ORDER BY 1, 2, 3"
check "rolling_pct_series(date), 12 months" \
	"SELECT socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2026-03-31') FROM REFERRAL"
check "rolling_pct_series(date), 3 months, by child group" \
	"SELECT child % 5, socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2026-03-31', 3) FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "rolling_pct_series(date), grouped by the distribution column" \
	"SELECT child, socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2025-03-31') FROM REFERRAL WHERE child < 50 GROUP BY 1 ORDER BY 1"
check "rolling_pct_series(timestamp), 12 and 6 months" \
	"SELECT socialcare.rolling_pct_series(referral_date::timestamp, within_45, '2024-03-31', '2026-03-31'), socialcare.rolling_pct_series(referral_date::timestamp, within_45, '2024-03-31', '2026-03-31', 6) FROM REFERRAL"
check "rolling_pct_series(timestamptz), 12 and 6 months" \
	"SELECT socialcare.rolling_pct_series(referral_date::timestamptz, within_45, '2024-03-31', '2026-03-31'), socialcare.rolling_pct_series(referral_date::timestamptz, within_45, '2024-03-31', '2026-03-31', 6) FROM REFERRAL"
check "rolling_pct_series unnested" \
	"SELECT r.* FROM (SELECT socialcare.rolling_pct_series(referral_date, within_45, '2025-01-31', '2025-06-30') AS s FROM REFERRAL) t, unnest(t.s) r"
check "sparkline(numeric) without ORDER BY (bars sorted)" \
	"SELECT $SORTED FROM (SELECT socialcare.sparkline(score) AS s FROM REFERRAL WHERE child < 300) t"
check "sparkline(double precision) without ORDER BY (bars sorted)" \
	"SELECT $SORTED FROM (SELECT socialcare.sparkline(score::float8) AS s FROM REFERRAL WHERE child < 300) t"
check "sparkline(integer) without ORDER BY, by month (bars sorted)" \
	"SELECT m, $SORTED FROM (SELECT $BYMONTH AS m, socialcare.sparkline((score * 10)::integer) AS s FROM REFERRAL WHERE child < 300 GROUP BY 1) t ORDER BY 1"
check "sparkline with ORDER BY" \
	"SELECT socialcare.sparkline(score ORDER BY child, referral_date, assessed, score) FROM REFERRAL WHERE child < 40"
check "sparkline as a moving window" \
	"SELECT socialcare.sparkline(score) OVER (PARTITION BY child ORDER BY referral_date, assessed, score ROWS 3 PRECEDING) FROM REFERRAL WHERE child < 20 ORDER BY child, referral_date, assessed, score"

# ------------------------------------------- intervals and RAG over aggregates
check "percent_ci, percent_lower/upper, by month" \
	"SELECT $BYMONTH, socialcare.percent_ci(count(*) FILTER (WHERE within_45), count(within_45), 0.95), socialcare.percent_lower(count(*) FILTER (WHERE within_45), count(within_45), 0.95) FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "rate, rate_ci per 10,000, by month" \
	"SELECT $BYMONTH, socialcare.rate(count(*), 250000, 10000), socialcare.rate_ci(count(*), 250000, 10000, 0.95) FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "rag of pct, by child group" \
	"SELECT child % 7, socialcare.rag(socialcare.pct(within_45), 75, 5, 'high') FROM REFERRAL GROUP BY 1 ORDER BY 1"

# ---------------------------------------------------------- window functions
check "is_rereferral, partitioned by the distribution column" \
	"SELECT count(*) FILTER (WHERE r) FROM (SELECT socialcare.is_rereferral(referral_date) OVER (PARTITION BY child ORDER BY referral_date) AS r FROM REFERRAL) t"
check "is_repeat_plan, partitioned by the distribution column" \
	"SELECT count(*) FILTER (WHERE r) FROM (SELECT socialcare.is_repeat_plan(referral_date, assessed, '2 years') OVER (PARTITION BY child ORDER BY referral_date, assessed) AS r FROM REFERRAL) t"
check "chain_due, chain_on_time (lac_review), partitioned by the distribution column" \
	"SELECT count(*) FILTER (WHERE o), count(*) FILTER (WHERE NOT o), sum(d - DATE '2023-01-01') FROM (SELECT socialcare.chain_on_time('lac_review', assessed, referral_date) OVER w AS o, socialcare.chain_due('lac_review', assessed, referral_date) OVER w AS d FROM REFERRAL WINDOW w AS (PARTITION BY child, referral_date ORDER BY assessed)) t"
check "previous_value, previous_average, partitioned by the distribution column" \
	"SELECT child, m, socialcare.previous_value(v, m, 1) OVER w, socialcare.previous_average(v, m, 3) OVER w FROM (SELECT child, date_trunc('month', referral_date)::date AS m, avg(score) AS v FROM REFERRAL WHERE child < 40 GROUP BY 1, 2) t WINDOW w AS (PARTITION BY child ORDER BY m) ORDER BY 1, 2"

# --------------------------------------------------------- working-day functions
WD="sum(socialcare.working_days(referral_date, assessed)), sum(socialcare.working_days_inclusive(referral_date, assessed)), count(*) FILTER (WHERE socialcare.is_working_day(assessed)), sum(socialcare.add_working_days(referral_date, 10) - DATE '2023-01-01'), sum(socialcare.working_day_on_or_after(assessed) - socialcare.working_day_on_or_before(assessed)), count(*) FILTER (WHERE socialcare.on_time('assessment', referral_date, assessed)), sum(socialcare.lateness('icpc', referral_date, assessed)), sum(socialcare.due_date('assessment', referral_date) - DATE '2023-01-01')"
WDCAL="sum(socialcare.working_days(referral_date, assessed, 'CAL')), sum(socialcare.working_days_inclusive(referral_date, assessed, 'CAL')), count(*) FILTER (WHERE socialcare.is_working_day(assessed, 'CAL')), sum(socialcare.add_working_days(referral_date, 10, 'CAL') - DATE '2023-01-01'), sum(socialcare.working_day_on_or_after(assessed, 'CAL') - socialcare.working_day_on_or_before(assessed, 'CAL')), count(*) FILTER (WHERE socialcare.on_time('assessment', referral_date, assessed, 'CAL')), sum(socialcare.due_date('assessment', referral_date, 'CAL') - DATE '2023-01-01')"
check "working-day functions, default calendar" "SELECT $WD FROM REFERRAL"
check "working-day functions, by month" "SELECT $BYMONTH, $WD FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "working-day functions, calendar 'scotland' passed" "SELECT ${WDCAL//CAL/scotland} FROM REFERRAL"
check "working-day functions, calendar 'northern-ireland' passed" "SELECT ${WDCAL//CAL/northern-ireland} FROM REFERRAL"
check "working days in a WHERE clause (pruned to one shard)" \
	"SELECT count(*), sum(socialcare.working_days(referral_date, assessed)) FROM REFERRAL WHERE child = 42 AND socialcare.working_days(referral_date, assessed) > 20"
check "working days in a GROUP BY" \
	"SELECT socialcare.working_days(referral_date, assessed) / 10 AS b, count(*) FROM REFERRAL GROUP BY 1 ORDER BY 1"

# ------------------------------------------------------- the session setting
# socialcare.calendar set for a session on the coordinator is not seen by
# the workers (a worker's backend has its own settings): refused, not
# answered with England's calendar.
refused "working days, SET socialcare.calendar = 'scotland' (session)" "socialcare.calendar" \
	"SET socialcare.calendar = 'scotland'; SELECT $WD FROM REFERRAL"
refused "working days by month, SET socialcare.calendar = 'scotland' (session)" "socialcare.calendar" \
	"SET socialcare.calendar = 'scotland'; SELECT $BYMONTH, $WD FROM REFERRAL GROUP BY 1 ORDER BY 1"
refused "a prepared query, then SET socialcare.calendar = 'scotland'" "socialcare.calendar" \
	"PREPARE p AS SELECT $WD FROM REFERRAL; EXECUTE p; EXECUTE p; EXECUTE p; EXECUTE p; EXECUTE p; EXECUTE p; SET socialcare.calendar = 'scotland'; EXECUTE p"
refused "working days, set_config('socialcare.calendar', 'scotland', false)" "socialcare.calendar" \
	"SELECT set_config('socialcare.calendar', 'scotland', false); SELECT $WD FROM REFERRAL"
check "pct, SET socialcare.calendar = 'scotland' (pct reads no calendar)" \
	"SET socialcare.calendar = 'scotland'; SELECT socialcare.pct(within_45) FROM REFERRAL"
check "working days, SET socialcare.calendar = 'scotland' then RESET" \
	"SET socialcare.calendar = 'scotland'; RESET socialcare.calendar; SELECT $WD FROM REFERRAL"
check "working days, SET LOCAL socialcare.calendar = 'scotland' with citus.propagate_set_commands = 'local'" \
	"SET citus.propagate_set_commands = 'local'; BEGIN; SET LOCAL socialcare.calendar = 'scotland'; SELECT $WD FROM REFERRAL; COMMIT"
check "working days, SET LOCAL 'scotland' with propagation, same as the calendar passed" \
	"SET citus.propagate_set_commands = 'local'; BEGIN; SET LOCAL socialcare.calendar = 'scotland'; SELECT $WD FROM REFERRAL; COMMIT; SELECT ${WDCAL//CAL/scotland} FROM REFERRAL"
refused "working days, SET LOCAL socialcare.calendar without citus.propagate_set_commands" "socialcare.calendar" \
	"BEGIN; SET LOCAL socialcare.calendar = 'scotland'; SELECT $WD FROM REFERRAL; COMMIT"
refused "on_time with impossible rows, SET socialcare.impossible_rows = 'null' (session)" "socialcare.impossible_rows" \
	"SET socialcare.impossible_rows = 'null'; SELECT count(socialcare.on_time('assessment', assessed, referral_date)) FROM REFERRAL"
check "on_time with impossible rows, SET LOCAL socialcare.impossible_rows = 'null' with propagation" \
	"SET citus.propagate_set_commands = 'local'; BEGIN; SET LOCAL socialcare.impossible_rows = 'null'; SELECT count(socialcare.on_time('assessment', assessed, referral_date)), count(*) FROM REFERRAL; COMMIT"
# Settings of a database and of a role: Citus 13 propagates ALTER DATABASE
# ... SET and ALTER ROLE ... SET from the coordinator to every node.
q 0 "ALTER DATABASE postgres SET socialcare.calendar = 'northern-ireland'" >/dev/null
same "ALTER DATABASE ... SET on the coordinator reaches every node" "SELECT current_setting('socialcare.calendar', true)"
check "working days, ALTER DATABASE ... SET socialcare.calendar on the coordinator" "SELECT $WD FROM REFERRAL"
check "working days, ALTER DATABASE ... SET, same as the calendar passed" \
	"SELECT $WD FROM REFERRAL; SELECT ${WDCAL//CAL/northern-ireland} FROM REFERRAL"
q 0 "ALTER DATABASE postgres RESET socialcare.calendar; ALTER ROLE postgres SET socialcare.calendar = 'scotland'" >/dev/null
same "ALTER ROLE ... SET on the coordinator reaches every node" "SELECT current_setting('socialcare.calendar', true)"
check "working days, ALTER ROLE ... SET socialcare.calendar on the coordinator" "SELECT $WD FROM REFERRAL"
q 0 "ALTER ROLE postgres RESET socialcare.calendar" >/dev/null
same "ALTER ROLE ... RESET on the coordinator reaches every node" "SELECT current_setting('socialcare.calendar', true)"

# --------------------------------- user calendars and local timescales
# The extension's tables are each node's own: a calendar or timescale made
# on the coordinator is copied to the workers by citus_sync_tables().
CAL="sum(socialcare.working_days(referral_date, assessed, 'citus-test')), count(*) FILTER (WHERE socialcare.is_working_day(assessed, 'citus-test')), sum(socialcare.add_working_days(referral_date, 3, 'citus-test') - DATE '2023-01-01')"
TS="count(*) FILTER (WHERE socialcare.on_time('citus-ts', referral_date, assessed)), sum(socialcare.due_date('citus-ts', referral_date) - DATE '2023-01-01'), sum(socialcare.lateness('citus-ts', referral_date, assessed))"
q 0 "INSERT INTO socialcare.calendar (name, base) VALUES ('citus-test', 'england-and-wales');
     INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('citus-test', '2024-12-27'), ('citus-test', '2025-04-22');
     INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event) VALUES ('citus-ts', 'test', 12, 'working days', 'a', 'b');" >/dev/null
refused "a user calendar made on the coordinator only: the workers do not know it" "unknown calendar|calendar .*citus-test" \
	"SELECT $CAL FROM REFERRAL"
N=$((N + 1))
sync=$(q 0 "SELECT string_agg(concat_ws(' ', calendars, calendar_days, local_timescales, in_sync), ', ') FROM socialcare.citus_sync_tables()" 2>&1)
if [ "$sync" = "1 2 1 t, 1 2 1 t" ]; then echo "ok $N - citus_sync_tables() copies a calendar and a timescale to both workers"
else echo "not ok $N - citus_sync_tables(): $sync"; FAILED=$((FAILED + 1)); fi
check "working days, a user calendar made on the coordinator, synced" "SELECT $CAL FROM REFERRAL"
check "working days, a user calendar, by month, synced" "SELECT $BYMONTH, $CAL FROM REFERRAL GROUP BY 1 ORDER BY 1"
check "on_time, due_date, lateness, a local timescale made on the coordinator, synced" "SELECT $TS FROM REFERRAL"
same "the calendar's days on every node after the sync" "SELECT * FROM socialcare.bank_holidays('2024-12-01', '2025-05-31', 'citus-test')"
# changed on the coordinator only: the digest sees the difference
q 0 "INSERT INTO socialcare.calendar_day (calendar, day) VALUES ('citus-test', '2024-06-03');
     UPDATE socialcare.calendar SET weekmask = '1111110' WHERE name = 'citus-test';
     UPDATE socialcare.timescale SET amount = 7 WHERE code = 'citus-ts';" >/dev/null
N=$((N + 1))
sync=$(q 0 "SELECT string_agg(in_sync::text, ',') FROM socialcare.citus_sync_tables(push => false)" 2>&1)
if [ "$sync" = "false,false" ]; then echo "ok $N - citus_sync_tables(push => false) reports workers out of date after a change on the coordinator"
else echo "not ok $N - citus_sync_tables(push => false): $sync"; FAILED=$((FAILED + 1)); fi
N=$((N + 1))
stale=$(q 0 "SELECT $CAL FROM referral" 2>&1); fresh=$(q 0 "SELECT $CAL FROM referral_local" 2>&1)
if [ "$stale" != "$fresh" ]; then echo "ok $N - before the sync the workers' answer is the old calendar's (the test can fail)"
else echo "not ok $N - the change made no difference: $stale"; FAILED=$((FAILED + 1)); fi
q 0 "SELECT * FROM socialcare.citus_sync_tables()" >/dev/null
check "working days, the user calendar changed on the coordinator, synced" "SELECT $CAL FROM REFERRAL"
check "a local timescale changed on the coordinator, synced" "SELECT $TS FROM REFERRAL"
# a calendar deleted on the coordinator goes from the workers too
q 0 "INSERT INTO socialcare.calendar (name) VALUES ('citus-gone'); SELECT * FROM socialcare.citus_sync_tables(); DELETE FROM socialcare.calendar WHERE name = 'citus-gone'; SELECT * FROM socialcare.citus_sync_tables();" >/dev/null
same "a calendar deleted on the coordinator, synced: the same calendars on every node" "SELECT string_agg(name, ',' ORDER BY name) FROM socialcare.calendar"
# a role's own calendar: its owner survives the copy; the role can sync its rows
q 0 "CREATE ROLE citus_alice LOGIN; GRANT ALL ON referral, referral_local TO citus_alice" >/dev/null
q 0 "SET ROLE citus_alice; INSERT INTO socialcare.calendar (name, weekmask) VALUES ('alice-cal', '1111000'); RESET ROLE; SELECT * FROM socialcare.citus_sync_tables();" >/dev/null
same "a role's calendar keeps its owner on every node" "SELECT name, owner FROM socialcare.calendar WHERE name = 'alice-cal'"
check "working days in a role's calendar, synced" "SELECT sum(socialcare.working_days(referral_date, assessed, 'alice-cal')) FROM REFERRAL"
N=$((N + 1))
out=$(q 0 "SET ROLE citus_alice; UPDATE socialcare.calendar SET weekmask = '1110000' WHERE name = 'alice-cal'; SELECT * FROM socialcare.citus_sync_tables()" 2>&1)
if echo "$out" | grep -q 'ERROR: .*citus_sync_tables: 2 worker(s) failed'; then
	echo "ok $N - a role that cannot write other roles' rows: citus_sync_tables() fails naming the workers"
else echo "not ok $N - citus_sync_tables() as a plain role: $(echo "$out" | head -2)"; FAILED=$((FAILED + 1)); fi

# Why the tables are copied rather than made reference tables: what Citus
# says (a comment, not a case; the refusal is Citus's, not ours).
for t in calendar timescale; do
	echo "# create_reference_table('socialcare.$t'): $(q 0 "SELECT create_reference_table('socialcare.$t')" 2>&1 | grep -m1 ERROR | cut -c1-150)"
	echo "# ... with citus.enable_unsafe_triggers: $(q 0 "SET citus.enable_unsafe_triggers = on; SELECT create_reference_table('socialcare.$t')" 2>&1 | grep -m1 ERROR | cut -c1-150)"
done

# ------------------------------------------------------------- timings
# rolling_pct_series over about 31,000 rows, by child group (Citus splits
# it: partial states on the workers, combined on the coordinator) and on the
# plain table; the best of five runs in one session each.
best_ms() {
	"$BINDIR/psql" -XAtq -h "$DIR" -p "$PORT0" -U postgres -d postgres -c '\timing on' \
		-c "$1" -c "$1" -c "$1" -c "$1" -c "$1" 2>/dev/null | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n | head -1
}
RPS="SELECT child % 5, socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2026-03-31') FROM TABLE WHERE child < 6200 GROUP BY 1"
rows=$(q 0 "SELECT count(*) FROM referral WHERE child < 6200")
echo "# timing: rolling_pct_series over $rows rows, 25 month ends, 5 groups: plain table $(best_ms "${RPS//TABLE/referral_local}") ms, through Citus (32 shards, 2 workers) $(best_ms "${RPS//TABLE/referral}") ms"
CNT="SELECT child % 5, count(*), count(within_45) FROM TABLE WHERE child < 6200 GROUP BY 1"
echo "# timing: the same rows, count(*) by group (Citus's own cost): plain table $(best_ms "${CNT//TABLE/referral_local}") ms, through Citus $(best_ms "${CNT//TABLE/referral}") ms"
RPS1="SELECT socialcare.rolling_pct_series(referral_date, within_45, '2024-03-31', '2026-03-31') FROM TABLE"
echo "# timing: rolling_pct_series over $ROWS rows: plain table $(best_ms "${RPS1//TABLE/referral_local}") ms, through Citus $(best_ms "${RPS1//TABLE/referral}") ms"
WDQ="SELECT sum(socialcare.working_days(referral_date, assessed)) FROM TABLE"
echo "# timing: working_days over $ROWS rows: plain table $(best_ms "${WDQ//TABLE/referral_local}") ms, through Citus $(best_ms "${WDQ//TABLE/referral}") ms"
# ------------------------------------------------------- without the preload
# With socialcare preloaded, its first call in a session says nothing; with
# the coordinator restarted on shared_preload_libraries = 'citus' alone, it
# warns that socialcare is not preloaded.  What is then left unchecked (a
# SET before the session's first call) is shown as a comment.
N=$((N + 1))
out=$(q 0 "SELECT socialcare.working_days('2025-01-06', '2025-01-10')" 2>&1)
if [ "$out" = 4 ]; then echo "ok $N - preloaded: a session's first call gives no warning"
else echo "not ok $N - preloaded, first call: $(echo "$out" | head -2)"; FAILED=$((FAILED + 1)); fi
sed -i "s/^shared_preload_libraries = 'citus,socialcare'/shared_preload_libraries = 'citus'/" "$DIR/coordinator/postgresql.conf"
as_owner "$BINDIR/pg_ctl" -D "$DIR/coordinator" -l "$DIR/coordinator.log" -m fast -w restart >/dev/null \
	|| { echo "Bail out! the coordinator did not restart"; exit 1; }
N=$((N + 1))
out=$(q 0 "SELECT socialcare.working_days('2025-01-06', '2025-01-10')" 2>&1)
if echo "$out" | grep -q "WARNING:  socialcare is not in shared_preload_libraries on this Citus node" \
	&& echo "$out" | grep -qx 4; then
	echo "ok $N - not preloaded on the coordinator: a session's first call warns, and answers"
else echo "not ok $N - not preloaded, first call: $(echo "$out" | head -3)"; FAILED=$((FAILED + 1)); fi
echo "# not preloaded: SET socialcare.calendar = 'scotland' then sum(working_days) on the distributed table: $(q 0 "SET socialcare.calendar = 'scotland'; SELECT $WD FROM referral" 2>&1 | tr '\n' ' ' | cut -c1-150) (the plain table under Scotland's calendar: $(q 0 "SET socialcare.calendar = 'scotland'; SELECT $WD FROM referral_local" 2>&1 | grep -E '^[0-9|-]+$'))"

echo "1..$N"
echo "# citus: $((N - FAILED)) passed, $FAILED failed"
[ "$FAILED" = 0 ]
