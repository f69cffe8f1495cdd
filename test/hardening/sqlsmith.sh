#!/usr/bin/env bash
# sqlsmith (Debian's package) against a database with the extension and
# seed data (sqlsmith_seed.sql): SOCIALCARE_SQLSMITH_QUERIES random
# statements (default 30000: 1.5 to 3 minutes here, by load), seed
# SOCIALCARE_SQLSMITH_SEED (default 1).  Checks that the server never
# crashed and that no statement that runs socialcare's code ended in an
# internal error (SQLSTATE class XX).  Needs PGHOST etc. of a server where
# the extension is installed, PGUSER is a superuser and a new role may log
# in without a password (as on the clusters scripts/lib.sh starts).  Prints
# TAP lines and a summary: statements, errors by SQLSTATE class, crashes.
#
# How sqlsmith is run
#   - as socialcare_smith, a role made here without any privilege beyond
#     PUBLIC's (it owns the seed rows of socialcare's tables, so that its
#     INSERT/UPDATE/DELETE/MERGE reach the triggers past the row security
#     policies).  sqlsmith wraps every statement in BEGIN ... ROLLBACK and
#     sets statement_timeout to 1 s, so nothing it writes stays;
#   - with --exclude-catalog (its FROM clauses use the seed tables and
#     socialcare's, not the system catalogs) and --log-to a second
#     database, where it records every error with its SQLSTATE and query;
#   - with socialcare's functions weighted: sqlsmith reads the functions it
#     may call from an unqualified pg_proc, and socialcare_smith's
#     search_path puts smith_focus.pg_proc, a copy of pg_catalog.pg_proc's
#     columns sqlsmith reads, before pg_catalog.  In the copy each
#     socialcare function appears SOCIALCARE_SQLSMITH_WEIGHT times (default
#     30; 1 = once) and each aggregate and window function 3 times, under
#     made-up oids (their argument types are looked up by oid in the same
#     copy).  socialcare's window functions are listed as aggregates, which
#     sqlsmith also calls with OVER (...) (it never calls a window
#     function), and its set-returning functions as plain ones, which it
#     then calls in select lists (it never calls a set-returning function).
#     The copy is a materialized view, which information_schema.tables
#     (where sqlsmith finds its tables) does not list.
#     Without it about one statement in ten calls a socialcare function,
#     with it about one in two.  The statements themselves name every
#     function with its schema, so the search_path changes nothing else.
#
# What counts
#   - A crash: the server no longer answers a session opened before the
#     run (when a backend crashes, the server ends every other one), or
#     the server log (if readable: SOCIALCARE_SERVER_LOG, default
#     $PGHOST/log, as scripts/lib.sh and the dev clusters write it) gained
#     a "terminated by signal" line.  sqlsmith's lost connections (class 08
#     or 57P01-57P03 in its log) are shown, not counted: its role may end
#     its own session with pg_terminate_backend(pg_backend_pid()).
#   - An internal error from socialcare: SQLSTATE class XX in a statement
#     that runs socialcare's code, which is the case exactly when the
#     statement (as sqlsmith logged it; it always writes "schema.name")
#       (a) calls a socialcare function or aggregate: "socialcare.NAME(";
#       (b) reads the view socialcare.kpi_scorecard (it calls
#           socialcare.scorecard);
#       (c) writes to a socialcare table (INSERT INTO, UPDATE, DELETE FROM,
#           MERGE INTO socialcare.TABLE: our triggers, CHECK constraints
#           and the policies' is_member_of), or locks rows of one (FOR
#           UPDATE/SHARE applies the update policies).
#     Reading socialcare's tables and the view socialcare.calendars alone
#     runs only PostgreSQL's code (the read policies are USING (true)), so
#     an XX error in a statement of none of these kinds is PostgreSQL's
#     (sqlsmith finds those too: float8_regr_combine on a bad array, say):
#     listed in the output, not a failure.  A statement that does run our
#     code may still fail in PostgreSQL's code alone (the planner's "failed
#     to find conversion function from unknown to text" on
#     coalesce(cast(null as unknown), ...), say), so for each distinct
#     message its shortest statement is run again (without its TABLESAMPLE
#     clauses, up to 3 times) as socialcare_smith with VERBOSITY verbose:
#     when it fails again with the same message and the
#     LOCATION names a file that is not one of src/*.c, PostgreSQL raised
#     it and it is listed, not counted; otherwise (raised in our file, or
#     it did not recur) it counts as socialcare's, and fails the test.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}
# shellcheck source=../../scripts/lib.sh
. "$HERE/../../scripts/lib.sh"    # new_cluster, stop_cluster
BINDIR=$($PG_CONFIG --bindir)
DB=${SOCIALCARE_SQLSMITH_DB:-socialcare_sqlsmith}
LOGDB=${DB}_log
ROLE=socialcare_smith
QUERIES=${SOCIALCARE_SQLSMITH_QUERIES:-30000}
SEED=${SOCIALCARE_SQLSMITH_SEED:-1}
WEIGHT=${SOCIALCARE_SQLSMITH_WEIGHT:-30}
SERVER_LOG=${SOCIALCARE_SERVER_LOG:-${PGHOST:-}/log}
SQLSMITH=${SQLSMITH:-sqlsmith}
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1)
OUT=$(mktemp -d /tmp/socialcare-sqlsmith.XXXXXX)
CANARY_PID=

cleanup() {
	[ -n "$CANARY_PID" ] && kill "$CANARY_PID" 2>/dev/null
	if [ -n "${CLUSTER_DIR:-}" ]; then
		# the throwaway cluster below
		stop_cluster
		rm -rf "$OUT"
	elif [ -z "${SOCIALCARE_SQLSMITH_KEEP:-}" ]; then
		"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS $LOGDB" \
			-c "DROP ROLE IF EXISTS $ROLE" >/dev/null 2>&1 || true
		rm -rf "$OUT"
	else
		echo "# kept: databases $DB and $LOGDB, role $ROLE, files in $OUT"
	fi
}
trap cleanup EXIT

if ! command -v "$SQLSMITH" >/dev/null; then
	echo "not ok 1 - sqlsmith is not installed (apt-get install sqlsmith)"
	exit 1
fi
if ! [[ "$WEIGHT" =~ ^[0-9]+$ ]] || [ "$WEIGHT" -lt 1 ] || [ "$WEIGHT" -gt 80 ]; then
	echo "not ok 1 - SOCIALCARE_SQLSMITH_WEIGHT must be 1 to 80, not $WEIGHT"
	exit 1
fi

# Can the fuzzing role log in to this server?  Not where pg_hba.conf lets
# an OS user connect over the socket only as the role of its own name
# (Debian's peer authentication, an existing server of scripts/test.sh's
# SOCIALCARE_USE_SERVER=1): then the run goes to a throwaway cluster of the
# same PostgreSQL, where `make install` put the extension too, as this OS
# user (scripts/lib.sh's new_cluster), stopped and removed on exit.
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" \
	-c "DROP ROLE IF EXISTS $ROLE" -c "CREATE ROLE $ROLE LOGIN"
if ! "$BINDIR/psql" -X -q -At -d "dbname=postgres user=$ROLE" -c 'SELECT 1' >/dev/null 2>"$OUT/login.err"; then
	"${PSQL[@]}" -d postgres -c "DROP ROLE $ROLE"
	echo "# role $ROLE cannot log in to the server at ${PGHOST:-the default socket}: $(head -n 1 "$OUT/login.err" | cut -c1-200)"
	if [ "$(id -u)" -eq 0 ]; then
		echo "not ok 1 - sqlsmith: no throwaway cluster as root (PostgreSQL refuses to run as root); run as the server's owner, as scripts/test.sh does"
		exit 1
	fi
	new_cluster
	SERVER_LOG=$CLUSTER_DIR/log
	echo "# so sqlsmith runs in a throwaway cluster of the same PostgreSQL ($("$BINDIR/pg_ctl" --version)) on $CLUSTER_DIR"
fi

# The databases, the role, the seed data and the weighted pg_proc.
"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" \
	-c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS $LOGDB" \
	-c "DROP ROLE IF EXISTS $ROLE" -c "CREATE ROLE $ROLE LOGIN" \
	-c "CREATE DATABASE $DB" -c "CREATE DATABASE $LOGDB"
"${PSQL[@]}" -d $DB -c "CREATE EXTENSION socialcare"
"${PSQL[@]}" -d $DB -v role=$ROLE -f "$HERE/sqlsmith_seed.sql"
"${PSQL[@]}" -d $DB <<EOF
CREATE SCHEMA smith_focus;
GRANT USAGE ON SCHEMA smith_focus TO PUBLIC;
CREATE MATERIALIZED VIEW smith_focus.pg_proc AS
	SELECT p.oid, p.proname, p.pronamespace, p.prorettype, p.proretset, p.prokind, p.proargtypes
	FROM pg_catalog.pg_proc p
	WHERE p.pronamespace <> 'socialcare'::regnamespace
	UNION ALL
	SELECT CASE WHEN k = 0 THEN p.oid ELSE pg_catalog.oid(p.oid::int8 + k::int8 * 50000000) END,
		   p.proname, p.pronamespace, p.prorettype, false,
		   CASE WHEN p.prokind = 'w' THEN 'a' ELSE p.prokind END, p.proargtypes
	FROM pg_catalog.pg_proc p,
		 pg_catalog.generate_series(0, CASE WHEN p.prokind IN ('a', 'w') THEN least($WEIGHT, 3) ELSE $WEIGHT END - 1) AS k
	WHERE p.pronamespace = 'socialcare'::regnamespace;
CREATE INDEX ON smith_focus.pg_proc (oid);
GRANT SELECT ON smith_focus.pg_proc TO PUBLIC;
ALTER ROLE $ROLE IN DATABASE $DB SET search_path = smith_focus, pg_catalog;
-- Errors go to sqlsmith's log database, not the server log.
ALTER ROLE $ROLE IN DATABASE $DB SET log_min_messages = fatal;
ALTER ROLE $ROLE IN DATABASE $DB SET log_min_error_statement = fatal;
-- Counts of calls of socialcare's functions, for the summary.
ALTER ROLE $ROLE IN DATABASE $DB SET track_functions = 'all';
EOF
# sqlsmith's log schema (its log.sql, which Debian does not ship).
"${PSQL[@]}" -d $LOGDB <<'EOF'
CREATE TABLE instance (id bigserial PRIMARY KEY, rev text, target text, hostname text,
	version text, seed text, t timestamptz DEFAULT now());
CREATE TABLE error (id bigint REFERENCES instance (id), msg text, query text, target text,
	sqlstate text, t timestamptz DEFAULT now(), errid bigserial PRIMARY KEY);
CREATE TABLE stat (id bigint REFERENCES instance (id), generated bigint, level float8,
	nodes float8, retries float8, updated timestamptz, impedance jsonb);
EOF

# A session opened before the run: it is ended if any backend crashes.
mkfifo "$OUT/canary.in"
"$BINDIR/psql" -X -At -d postgres <"$OUT/canary.in" >"$OUT/canary.out" 2>&1 &
CANARY_PID=$!
exec 7>"$OUT/canary.in"
echo "SELECT 'canary ' || pg_backend_pid();" >&7
log_from=0
[ -r "$SERVER_LOG" ] && log_from=$(stat -c %s "$SERVER_LOG")

start=$(date +%s)
status=0
timeout $((QUERIES / 5 + 600)) "$SQLSMITH" --target="dbname=$DB user=$ROLE" \
	--log-to="dbname=$LOGDB user=${PGUSER:-$(id -un)}" --exclude-catalog \
	--seed="$SEED" --max-queries="$QUERIES" --verbose >"$OUT/stdout" 2>"$OUT/stderr" || status=$?
elapsed=$(($(date +%s) - start))

trap '' PIPE
echo "SELECT 'canary ' || pg_backend_pid();" >&7 2>/dev/null || true
exec 7>&-
trap - PIPE
wait "$CANARY_PID" 2>/dev/null || true
CANARY_PID=
canary=$(grep -c '^canary ' "$OUT/canary.out" || true)
first=$(grep -m1 '^canary ' "$OUT/canary.out" || true)
last=$(grep '^canary ' "$OUT/canary.out" | tail -n 1 || true)

if [ "$status" -eq 0 ]; then
	echo "ok 1 - sqlsmith ran $QUERIES statements (seed $SEED, weight $WEIGHT) in ${elapsed} s"
else
	echo "not ok 1 - sqlsmith (seed $SEED) exited with status $status after ${elapsed} s"
	tail -n 20 "$OUT/stderr" | sed 's/^/# /'
fi

# Which statements run socialcare's code (see the header).
OURS="(query ~ 'socialcare\\.[a-z_0-9]+\\(' OR query ~ 'socialcare\\.kpi_scorecard'
       OR query ~* '^\\s*(insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+socialcare\\.'
       OR (query ~ 'socialcare\\.' AND query ~* '\\mfor\\s+(update|no\\s+key\\s+update|share|key\\s+share)\\M'))"
LOST="(sqlstate LIKE '08%' OR sqlstate IN ('57P01', '57P02', '57P03'))"
"${PSQL[@]}" -d $LOGDB -F '|' -c "
	SELECT count(*) FILTER (WHERE $LOST),
	       count(*) FILTER (WHERE sqlstate LIKE 'XX%' AND $OURS),
	       count(*) FILTER (WHERE sqlstate LIKE 'XX%' AND NOT $OURS),
	       count(*),
	       coalesce((SELECT string_agg(c || ' ' || n, ', ' ORDER BY n DESC, c)
	                 FROM (SELECT left(sqlstate, 2) AS c, count(*) AS n FROM error GROUP BY 1) AS s), 'none')
	FROM error" >"$OUT/counts"
IFS='|' read -r lost ours_xx core_xx errors by_class <"$OUT/counts"

signals=0
if [ -r "$SERVER_LOG" ]; then
	tail -c +$((log_from + 1)) "$SERVER_LOG" >"$OUT/server.log"
	signals=$(grep -c 'terminated by signal' "$OUT/server.log" || true)
fi
if [ "$canary" -eq 2 ] && [ "$first" = "$last" ] && [ "$signals" -eq 0 ]; then
	echo "ok 2 - no crash: the session opened before the run still answers, the server log has no \"terminated by signal\""
else
	echo "not ok 2 - the server crashed: the session opened before the run answered $canary of 2 times (${first:-none}, ${last:-none}), sqlsmith lost its connection $lost times, $signals \"terminated by signal\" lines"
	{ grep -h -A12 'terminated by signal' "$OUT/server.log" 2>/dev/null || true; } | sed -n '1,60s/^/# /p'
	"${PSQL[@]}" -d $LOGDB -c "SELECT '-- ' || sqlstate || ' ' || split_part(msg, E'\n', 1) || E'\n' || left(query, 1500)
	                           FROM error WHERE $LOST ORDER BY errid LIMIT 3" | sed 's/^/# /'
fi

# Each distinct XX error of a statement that runs our code: the shortest
# such statement again, as sqlsmith's role, for the error's location.
ours_xx=0
pg_xx=$core_xx
"${PSQL[@]}" -d $LOGDB -F '|' -c "
	SELECT DISTINCT ON (split_part(msg, E'\n', 1)) errid,
	       count(*) OVER (PARTITION BY split_part(msg, E'\n', 1)), split_part(msg, E'\n', 1)
	FROM error WHERE sqlstate LIKE 'XX%' AND $OURS
	ORDER BY split_part(msg, E'\n', 1), length(query)" >"$OUT/xx"
: >"$OUT/xx.ours"
: >"$OUT/xx.postgres"
while IFS='|' read -r id n msg; do
	"${PSQL[@]}" -d $LOGDB -c "SELECT query FROM error WHERE errid = $id" >"$OUT/again.sql"
	# Without TABLESAMPLE (sampled rows change from run to run), up to 3 times.
	sed -i -E 's/ tablesample (system|bernoulli) \([0-9.]+\)//g' "$OUT/again.sql"
	for try in 1 2 3; do
		again=$({ echo '\set VERBOSITY verbose'; echo 'BEGIN;'; cat "$OUT/again.sql"; echo ';'; echo 'ROLLBACK;'; } |
			PGOPTIONS='-c statement_timeout=10s' "$BINDIR/psql" -X -q -d "dbname=$DB user=$ROLE" 2>&1 |
			grep -E '^(ERROR|LOCATION)' || true)
		# "ERROR:  XX000: message" and "LOCATION:  function, file.c:line"
		got=$(sed -n 's/^ERROR: *[0-9A-Z]\{5\}: //p' <<<"$again" | sed -n 1p)
		file=$(sed -n 's/^LOCATION: .*, \([^,:]*\):[0-9]*$/\1/p' <<<"$again" | sed -n 1p)
		[ "$got" = "${msg#ERROR:  }" ] && break
	done
	if [ "$got" = "${msg#ERROR:  }" ] && [ -n "$file" ] && [ ! -f "$HERE/../../src/$file" ]; then
		echo "#   $n x $msg (raised in PostgreSQL's $file)" >>"$OUT/xx.postgres"
		pg_xx=$((pg_xx + n))
	else
		ours_xx=$((ours_xx + n))
		{
			echo "$n x $msg"
			if [ -n "$got" ]; then sed 's/^/  again: /' <<<"$again"; else echo "  again: did not recur"; fi
			"${PSQL[@]}" -d $LOGDB -c "SELECT left(query, 3000) FROM error WHERE errid = $id"
		} | sed 's/^/# /' >>"$OUT/xx.ours"
	fi
done <"$OUT/xx"
if [ "$ours_xx" -eq 0 ]; then
	echo "ok 3 - no internal error (SQLSTATE XX) raised by socialcare's code"
else
	echo "not ok 3 - $ours_xx internal errors (SQLSTATE XX) raised by socialcare's code"
	cat "$OUT/xx.ours"
fi
if [ "$pg_xx" -gt 0 ]; then
	echo "# $pg_xx internal errors raised by PostgreSQL's own code (not counted):"
	"${PSQL[@]}" -d $LOGDB -c "SELECT '#   ' || count(*) || ' x ' || split_part(msg, E'\n', 1) || ' (a statement that runs no socialcare code)'
	                           FROM error WHERE sqlstate LIKE 'XX%' AND NOT $OURS GROUP BY split_part(msg, E'\\n', 1) ORDER BY count(*) DESC"
	cat "$OUT/xx.postgres"
fi
calls=$("${PSQL[@]}" -d $LOGDB -c "SELECT count(*) FROM error WHERE $OURS")
coverage=$("${PSQL[@]}" -d $DB -c "SELECT count(*) || ' functions, ' || coalesce(sum(calls), 0) || ' calls'
	FROM pg_stat_user_functions WHERE schemaname = 'socialcare'")
echo "# sqlsmith summary: $QUERIES statements (seed $SEED, weight $WEIGHT) in ${elapsed} s;" \
	"socialcare's functions called: $coverage;" \
	"$errors errors by SQLSTATE class: $by_class ($calls of them in statements running socialcare's code);" \
	"crashes: $signals (sqlsmith lost its connection $lost times); XX errors from socialcare: $ours_xx, from PostgreSQL: $pg_xx"
