#!/usr/bin/env bash
# Dump and restore by the database owner, a role without superuser that
# installed the extension itself (a trusted install): pg_dump and
# pg_restore run as that role, with rows of several roles (one whose name
# needs quoting) in every table that has owners, a chain written step 2
# first, and shipped rows.  The restore goes into a fresh cluster whose
# roles come from pg_dumpall --globals-only, and there every row of every
# table of the extension, with its owner's name, is the same, and a
# role's rows are still its own.  Needs PGHOST etc. of a server where the
# extension is installed and PGUSER is a superuser.  Prints TAP lines.
set -euo pipefail

BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
DB=socialcare_owner_dump
OWNER=regress_sc_dump_owner
A=regress_sc_dump_a
B='Regress SC Dump B'
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1)
# Every table of the extension, every row with its owner's name, in a stable order.
CONTENTS="SELECT format('SELECT %L || '': '' || count(*) || '' rows, md5 '' || coalesce(md5(string_agg(t::text, E''\\n'' ORDER BY t::text)), ''-'') FROM %s AS t',
                       c.oid::regclass::text, c.oid::regclass)
          FROM pg_depend d JOIN pg_class c ON c.oid = d.objid, pg_extension e
          WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
            AND d.refobjid = e.oid AND e.extname = 'socialcare' AND d.deptype = 'e'
            AND c.relkind IN ('r', 'p', 'v', 'm')
          ORDER BY c.oid::regclass::text \\gexec"
WORK=$(mktemp -d /tmp/socialcare-owner-dump.XXXXXX)
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK"
PORT=$((40000 + RANDOM % 10000))
SRC_HOST=$PGHOST SRC_PORT=${PGPORT:-5432}
drop_all() {
	"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" \
		-c "DROP ROLE IF EXISTS $OWNER" -c "DROP ROLE IF EXISTS $A" -c "DROP ROLE IF EXISTS \"$B\""
}
cleanup() {
	as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
	PGHOST=$SRC_HOST PGPORT=$SRC_PORT drop_all >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

drop_all
"${PSQL[@]}" -d postgres -c "CREATE ROLE $OWNER LOGIN" -c "CREATE ROLE $A LOGIN" -c "CREATE ROLE \"$B\" LOGIN" \
	-c "CREATE DATABASE $DB OWNER $OWNER"
"${PSQL[@]}" -U $OWNER -d $DB -c "CREATE EXTENSION socialcare"
"${PSQL[@]}" -d $DB <<SQL
SET ROLE $A;
INSERT INTO socialcare.calendar (name, weekmask) VALUES ('a-cal', '1111110');
INSERT INTO socialcare.calendar_day (calendar, day, name)
SELECT 'a-cal', d, 'Council closure' FROM generate_series(date '2025-12-29', '2025-12-31', '1 day') AS d;
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('a_visit', 'A visit', 10, 'working days', 'visit', 'visit');
INSERT INTO socialcare.kpi (code, title, polarity, target) VALUES ('A1', 'A KPI', 'high', 80);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES ('A1', 'england', '2024-01-01', 75);
INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('A1', '2025-06-30', 81.5), ('A1', '2025-07-31', 79);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('A1', '2025-04-01', 85);
SET ROLE "$B";
INSERT INTO socialcare.calendar (name) VALUES ('b-cal');
INSERT INTO socialcare.calendar_day (calendar, day, working) VALUES ('b-cal', '2025-12-27', true);
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('b_visit', 'B visit', 4, 'weeks', 'visit', 'visit');
BEGIN;
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('b_chain', 2, 'icpc');
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('b_chain', 1, 'b_visit');
COMMIT;
INSERT INTO socialcare.kpi (code, title, polarity) VALUES ('B1', 'B KPI', 'low');
INSERT INTO socialcare.kpi_value (kpi, month, value) VALUES ('B1', '2025-06-30', 3);
INSERT INTO socialcare.kpi_target (kpi, valid_from, target) VALUES ('B1', '2025-04-01', 2);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value) VALUES ('B1', 'region', '2024-01-01', 4);
RESET ROLE;
SQL
"${PSQL[@]}" -U $OWNER -d $DB -c "INSERT INTO socialcare.calendar (name) VALUES ('owner-cal')"
"${PSQL[@]}" -U $OWNER -d $DB <<<"$CONTENTS" >"$WORK/contents.before"
owners_before=$("${PSQL[@]}" -d $DB -c "SELECT string_agg(name || '=' || owner::text, ',' ORDER BY name) FROM socialcare.calendar")

n=1
if "$BINDIR/pg_dump" -U $OWNER -Fc -d $DB -f "$WORK/dump" 2>"$WORK/err"; then
	echo "ok $n - pg_dump as the database owner, not a superuser"
else
	echo "not ok $n - pg_dump as the database owner, not a superuser"
	sed 's/^/# /' "$WORK/err"
fi
n=$((n + 1))
"$BINDIR/pg_dumpall" --globals-only >"$WORK/globals.sql"

# A fresh cluster, on a socket only, with the same installation and roles.
as_owner "$BINDIR/initdb" -D "$WORK/data" -U "$PGUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w \
	-o "-c listen_addresses='' -k $WORK -p $PORT -c fsync=off" start >/dev/null
export PGHOST=$WORK PGPORT=$PORT
"$BINDIR/psql" -X -q -d postgres -f "$WORK/globals.sql" >/dev/null 2>&1 || true
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB OWNER $OWNER"
# --no-owner: the schema socialcare belongs to a superuser (README:
# Security), and a role that is not one cannot give it back; the restored
# CREATE EXTENSION gives it to the superuser again.
if [ -s "$WORK/dump" ] && "$BINDIR/pg_restore" -U $OWNER --no-owner --exit-on-error -d $DB "$WORK/dump" 2>"$WORK/err"; then
	echo "ok $n - pg_restore --no-owner as the database owner into a fresh cluster"
else
	echo "not ok $n - pg_restore --no-owner as the database owner into a fresh cluster"
	sed 's/^/# /' "$WORK/err"
fi
n=$((n + 1))
schema=$("${PSQL[@]}" -d $DB -c "SELECT r.rolsuper || ' ' || has_schema_privilege('$OWNER', n.oid, 'CREATE')
	FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = 'socialcare'" 2>&1 || true)
if [ "$schema" = "true false" ]; then
	echo "ok $n - the restored schema socialcare belongs to a superuser; the owner cannot create in it"
else
	echo "not ok $n - the restored schema socialcare: owner is superuser, owner may create: $schema"
fi
n=$((n + 1))
"${PSQL[@]}" -U $OWNER -d $DB <<<"$CONTENTS" >"$WORK/contents.after" 2>&1 || true
owners_after=$("${PSQL[@]}" -d $DB -c "SELECT string_agg(name || '=' || owner::text, ',' ORDER BY name) FROM socialcare.calendar" 2>&1 || true)

while IFS= read -r line; do
	table=${line%%:*}
	after_line=$(grep -F "$table: " "$WORK/contents.after" || true)
	if [ "$line" = "$after_line" ]; then
		echo "ok $n - every row restored: $line"
	else
		echo "not ok $n - rows of $table differ after restore"
		echo "# before: $line"
		echo "# after:  $after_line"
	fi
	n=$((n + 1))
done <"$WORK/contents.before"
want="a-cal=$A,b-cal=\"$B\",owner-cal=$OWNER"
if [ "$owners_before" = "$want" ] && [ "$owners_after" = "$want" ]; then
	echo "ok $n - owners are restored by name: $owners_after"
else
	echo "not ok $n - owners differ: $owners_before against $owners_after (want $want)"
fi
n=$((n + 1))
# The restored rows are still their owners' only: B cannot change A's, A can.
check=$("${PSQL[@]}" -d $DB 2>&1 <<SQL || true
SET ROLE "$B";
UPDATE socialcare.kpi_value SET value = 0 WHERE kpi = 'A1';
SET ROLE $A;
UPDATE socialcare.kpi_value SET value = value + 1 WHERE kpi = 'A1' AND month = '2025-07-31';
RESET ROLE;
SELECT string_agg(value::text, ',' ORDER BY month) FROM socialcare.kpi_value WHERE kpi = 'A1';
SELECT socialcare.chain_next_due('b_chain', '2025-01-06', 1, '2025-01-10');
SQL
)
# b_chain's step 2 (icpc, 15 working days) after Friday 10 January 2025: Friday 31 January
if [ "$check" = "$(printf '81.5,80\n2025-01-31')" ]; then
	echo "ok $n - restored rows keep their owners: B cannot change A's values, A can; B's chain answers"
else
	echo "not ok $n - restored rows keep their owners"
	echo "$check" | sed 's/^/# /'
fi
