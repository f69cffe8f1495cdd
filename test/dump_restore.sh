#!/usr/bin/env bash
# User calendars survive pg_dump and restore into a fresh database, and
# the restored calendar gives the same answers.  Needs PGHOST etc. of a
# server where the extension is installed and PGUSER is a superuser.
# Prints TAP lines.
set -euo pipefail

BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
SRC=socialcare_dump_src
DST=socialcare_dump_dst
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1)
QUERY="SELECT socialcare.working_days('2025-12-24', '2026-01-02', 'dump-test'),
              (SELECT count(*) FROM socialcare.calendar_day),
              (SELECT string_agg(name || ':' || weekmask || ':' || owner, ',') FROM socialcare.calendar)"

for db in $SRC $DST; do
	"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
"${PSQL[@]}" -d $SRC <<'SQL'
CREATE EXTENSION socialcare;
INSERT INTO socialcare.calendar (name, weekmask) VALUES ('dump-test', '1111110');
INSERT INTO socialcare.calendar_day (calendar, day, name)
SELECT 'dump-test', d, 'Council closure' FROM generate_series(date '2025-12-29', '2025-12-31', '1 day') AS d;
SQL
before=$("${PSQL[@]}" -d $SRC -c "$QUERY")
"$BINDIR/pg_dump" -d $SRC | "${PSQL[@]}" -d $DST >/dev/null
after=$("${PSQL[@]}" -d $DST -c "$QUERY")

if [ "$before" = "$after" ] && [ "$before" = "2|3|dump-test:1111110:postgres" ]; then
	echo "ok 1 - pg_dump keeps user calendars: $after"
else
	echo "not ok 1 - pg_dump keeps user calendars"
	echo "# before restore: $before"
	echo "# after restore:  $after"
fi
for db in $SRC $DST; do
	"${PSQL[@]}" -d postgres -c "DROP DATABASE $db"
done
