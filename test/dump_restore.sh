#!/usr/bin/env bash
# Dump and restore: a database using the extension, with a user calendar,
# goes through pg_dump -Fc and pg_restore into a fresh cluster (initdb'd
# here, on a private socket), and there
#   - every table and view of the extension (enumerated from pg_depend,
#     so tables other branches add are covered) has the same contents;
#     a pg_extension_config_dump table with no user row gets one of
#     ordinary values where its constraints allow;
#   - the user calendar gives the same answer as before (2 working days);
#   - test/upgrade/answers.sql (one call of each function area) gives the
#     same answers.
# Needs PGHOST etc. of a server where the extension is installed and PGUSER
# is a superuser.  Prints TAP lines.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
SRC=socialcare_dump_src
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1)
ACL="SELECT nspacl FROM pg_namespace WHERE nspname = 'socialcare'"
QUERY="SELECT socialcare.working_days('2025-12-24', '2026-01-02', 'dump-test'),
              (SELECT count(*) FROM socialcare.calendar_day),
              (SELECT string_agg(name || ':' || weekmask || ':' || owner, ',') FROM socialcare.calendar)"
# Every table and view of the extension, with its rows in a stable order.
CONTENTS="SELECT format('SELECT %L || '': '' || count(*) || '' rows, md5 '' || coalesce(md5(string_agg(t::text, E''\\n'' ORDER BY t::text)), ''-'') FROM %s AS t',
                       c.oid::regclass::text || CASE WHEN c.oid = ANY (e.extconfig) THEN ' (config dump)' ELSE '' END,
                       c.oid::regclass)
          FROM pg_depend d JOIN pg_class c ON c.oid = d.objid, pg_extension e
          WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
            AND d.refobjid = e.oid AND e.extname = 'socialcare' AND d.deptype = 'e'
            AND c.relkind IN ('r', 'p', 'v', 'm')
          ORDER BY c.oid::regclass::text \\gexec"
WORK=$(mktemp -d /tmp/socialcare-dump.XXXXXX)
OWNER=$(id -un)
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && OWNER=postgres && chown postgres "$WORK"
PORT=$((40000 + RANDOM % 10000))
cleanup() {
	as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
	"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $SRC" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $SRC" -c "CREATE DATABASE $SRC"
"${PSQL[@]}" -d $SRC <<'SQL'
CREATE EXTENSION socialcare;
INSERT INTO socialcare.calendar (name, weekmask) VALUES ('dump-test', '1111110');
INSERT INTO socialcare.calendar_day (calendar, day, name)
SELECT 'dump-test', d, 'Council closure' FROM generate_series(date '2025-12-29', '2025-12-31', '1 day') AS d;
-- Every other table pg_dump keeps rows of, still without rows to dump:
-- try one user row of ordinary values (columns with defaults keep them).
DO $$
DECLARE
  t regclass; cond text; n bigint; cols text; vals text;
BEGIN
  FOR t, cond IN SELECT c, coalesce(e.extcondition[i], '')
                 FROM pg_extension e, unnest(e.extconfig) WITH ORDINALITY AS u (c, i)
                 WHERE e.extname = 'socialcare' LOOP
    EXECUTE format('SELECT count(*) FROM %s %s', t, cond) INTO n;
    CONTINUE WHEN n > 0;
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(CASE
             WHEN a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'name'::regtype) THEN quote_literal('dump-test')
             WHEN a.atttypid = 'date'::regtype THEN quote_literal('2025-03-03')
             WHEN a.atttypid = 'boolean'::regtype THEN 'false'
             WHEN a.atttypid = 'interval'::regtype THEN quote_literal('15 days')
             ELSE '1' END || '::' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
      INTO cols, vals
      FROM pg_attribute a
      WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped AND NOT a.atthasdef;
    BEGIN
      EXECUTE format('INSERT INTO %s (%s) VALUES (%s)', t, cols, vals);
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'no user row for %: %', t, SQLERRM;
    END;
  END LOOP;
END $$;
SQL
before=$("${PSQL[@]}" -d $SRC -c "$QUERY")
acl_before=$("${PSQL[@]}" -d $SRC -c "$ACL")
"${PSQL[@]}" -d $SRC <<<"$CONTENTS" >"$WORK/contents.before"
"${PSQL[@]}" -d $SRC -f "$HERE/upgrade/answers.sql" >"$WORK/answers.before"
"$BINDIR/pg_dump" -Fc -d $SRC -f "$WORK/dump"

# A fresh cluster, on a socket only, with the same installation.
as_owner "$BINDIR/initdb" -D "$WORK/data" -U "$PGUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w \
	-o "-c listen_addresses='' -k $WORK -p $PORT -c fsync=off" start >/dev/null
export PGHOST=$WORK PGPORT=$PORT
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $SRC"
"$BINDIR/pg_restore" --exit-on-error -d $SRC "$WORK/dump"
after=$("${PSQL[@]}" -d $SRC -c "$QUERY")
acl_after=$("${PSQL[@]}" -d $SRC -c "$ACL")
"${PSQL[@]}" -d $SRC <<<"$CONTENTS" >"$WORK/contents.after"
"${PSQL[@]}" -d $SRC -f "$HERE/upgrade/answers.sql" >"$WORK/answers.after"

if [ "$before" = "$after" ] && [ "$before" = "2|3|dump-test:1111110:postgres" ]; then
	echo "ok 1 - pg_dump and pg_restore into a fresh cluster keep user calendars: $after"
else
	echo "not ok 1 - pg_dump and pg_restore into a fresh cluster keep user calendars"
	echo "# before restore: $before"
	echo "# after restore:  $after"
fi
n=2
while IFS= read -r line; do
	table=${line%%:*}
	after_line=$(grep -F "$table: " "$WORK/contents.after" || true)
	case "$line" in
	*"(config dump): 0 rows"*) why=" (no rows to compare: add a user row to the fixture above)" ;;
	*) why= ;;
	esac
	if [ "$line" = "$after_line" ]; then
		echo "ok $n - restored $line$why"
	else
		echo "not ok $n - restored $table$why"
		echo "# before: $line"
		echo "# after:  $after_line"
	fi
	n=$((n + 1))
done <"$WORK/contents.before"
if [ "$acl_before" = "$acl_after" ] && [[ "$acl_after" == *"=U/"* ]]; then
	echo "ok $n - the schema's privileges survive, PUBLIC keeps USAGE: $acl_after"
else
	echo "not ok $n - the schema's privileges differ after restore: $acl_before against $acl_after"
fi
n=$((n + 1))
if [ -s "$WORK/answers.before" ] && diff -u "$WORK/answers.before" "$WORK/answers.after" >"$WORK/diff"; then
	echo "ok $n - the restored database gives the same answers ($(wc -l <"$WORK/answers.after") lines of test/upgrade/answers.sql)"
else
	echo "not ok $n - the restored database gives different answers"
	sed 's/^/# /' "$WORK/diff"
fi
