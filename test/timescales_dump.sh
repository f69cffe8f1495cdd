#!/usr/bin/env bash
# Local timescales and chains survive pg_dump and restore into a fresh
# database, the shipped rows are neither duplicated nor lost, and the
# restored rows give the same answers.  Needs PGHOST etc. of a server where
# the extension is installed and PGUSER is a superuser.  Prints TAP lines.
set -euo pipefail

BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
SRC=socialcare_tsdump_src
DST=socialcare_tsdump_dst
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1)
# 10 working days from Monday 20 January 2025: Monday 3 February; the
# local chain's second visit is due 10 working days after the first
# (Friday 31 January): Friday 14 February.
QUERY="SELECT socialcare.due_date('dump_visit', '2025-01-20'),
              (SELECT max(d) FROM (SELECT socialcare.chain_due('dump_chain', v, '2025-01-20') OVER (ORDER BY v) AS d
                                   FROM unnest('{2025-01-31,2025-02-03}'::date[]) AS v) x),
              (SELECT count(*) FILTER (WHERE shipped) || '/' || count(*) FILTER (WHERE NOT shipped) FROM socialcare.timescale),
              (SELECT count(*) FILTER (WHERE shipped) || '/' || count(*) FILTER (WHERE NOT shipped) FROM socialcare.timescale_chain),
              (SELECT string_agg(code || ':' || owner, ',') FROM socialcare.timescale WHERE NOT shipped)"

for db in $SRC $DST; do
	"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
"${PSQL[@]}" -d $SRC <<'SQL'
CREATE EXTENSION socialcare;
INSERT INTO socialcare.timescale (code, description, amount, unit, from_event, to_event)
VALUES ('dump_visit', 'Local visit', 10, 'working days', 'visit', 'visit');
INSERT INTO socialcare.timescale_chain (chain, step, timescale) VALUES ('dump_chain', 1, 'dump_visit');
SQL
before=$("${PSQL[@]}" -d $SRC -c "$QUERY")
"$BINDIR/pg_dump" -d $SRC | "${PSQL[@]}" -d $DST >/dev/null
after=$("${PSQL[@]}" -d $DST -c "$QUERY")
shipped=$("${PSQL[@]}" -d $DST -c "SELECT count(*) FROM socialcare.timescale WHERE shipped")

want="2025-02-03|2025-02-14|$shipped/1|10/1|dump_visit:postgres"
if [ "$before" = "$after" ] && [ "$after" = "$want" ] && [ "$shipped" -ge 13 ]; then
	echo "ok 1 - pg_dump keeps local timescales and chains, shipped rows once: $after"
else
	echo "not ok 1 - pg_dump keeps local timescales and chains, shipped rows once"
	echo "# before restore: $before"
	echo "# after restore:  $after"
	echo "# expected:       $want"
fi
for db in $SRC $DST; do
	"${PSQL[@]}" -d postgres -c "DROP DATABASE $db"
done
