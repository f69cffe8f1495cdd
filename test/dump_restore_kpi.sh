#!/usr/bin/env bash
# The KPI catalogue (socialcare.kpi, kpi_comparator, kpi_target, kpi_value) survives
# pg_dump and restore into a fresh database, rows, owners and all, and the
# restored scorecard gives the same answers.  Needs PGHOST etc. of a server
# where the extension is installed and PGUSER is a superuser.  Prints TAP.
set -euo pipefail

BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
SRC=socialcare_kpidump_src
DST=socialcare_kpidump_dst
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1)
QUERY="SELECT (SELECT string_agg(concat_ws(':', code, polarity, target, tolerance, owner), ',' ORDER BY code) FROM socialcare.kpi),
              (SELECT string_agg(concat_ws(':', kpi, comparator, valid_from, value, label), ',' ORDER BY kpi, comparator, valid_from)
               FROM socialcare.kpi_comparator),
              (SELECT md5(string_agg(concat_ws(':', kpi, month, value, numerator, denominator), ',' ORDER BY kpi, month))
               FROM socialcare.kpi_value),
              (SELECT string_agg(concat_ws(':', kpi, valid_from, target, tolerance), ',') FROM socialcare.kpi_target),
              (SELECT string_agg(concat_ws(':', kpi, rag, change_arrow, vs_england_arrow, sparkline), ',' ORDER BY kpi)
               FROM socialcare.scorecard_wide('2025-03-31', 6))"

for db in $SRC $DST; do
	"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
"${PSQL[@]}" -d $SRC <<'SQL'
CREATE EXTENSION socialcare;
INSERT INTO socialcare.kpi (code, title, polarity, target, tolerance) VALUES
 ('PI3', 'ICPCs within 15 working days', 'high', 85, 5), ('PI2', 'CP plans per 10,000', 'low', NULL, 0);
INSERT INTO socialcare.kpi_comparator (kpi, comparator, valid_from, value, label) VALUES
 ('PI3', 'england', '2024-04-01', 76.9, NULL), ('PI3', 'region', '2024-04-01', 77.0, 'West Midlands');
INSERT INTO socialcare.kpi_target VALUES ('PI2', '2025-01-01', 80, 2);
INSERT INTO socialcare.kpi_value (kpi, month, value, numerator, denominator)
SELECT k, m, 70 + 2 * extract(month FROM m), 7, 10
FROM unnest('{PI2,PI3}'::text[]) AS k, socialcare.month_ends('2024-10-01', '2025-03-31') AS m;
SQL
before=$("${PSQL[@]}" -d $SRC -c "$QUERY")
"$BINDIR/pg_dump" -d $SRC | "${PSQL[@]}" -d $DST >/dev/null
after=$("${PSQL[@]}" -d $DST -c "$QUERY")

if [ "$before" = "$after" ] && [[ "$before" == PI2:low:0:postgres,PI3:high:85:5:postgres\|* ]] &&
	# PI3 in March: 76 against a target of 85 less 5 is red; up from 74;
	# 76 below England's 76.9 (77); bars of 90 92 94 72 74 76 from 72 to 94
	# PI2 (low is better) in March: 76 against its 2025 target of 80: green
	[[ "$before" == *'|PI2:green:▲:▇██▁▁▂,PI3:red:▲:▼:▇██▁▁▂' ]] &&
	[ "$("${PSQL[@]}" -d $DST -c "SELECT count(*) FROM socialcare.kpi_value")" = 12 ]; then
	echo "ok 1 - pg_dump keeps the KPI catalogue and the scorecard: ${after##*|}"
else
	echo "not ok 1 - pg_dump keeps the KPI catalogue"
	echo "# before restore: $before"
	echo "# after restore:  $after"
fi
for db in $SRC $DST; do
	"${PSQL[@]}" -d postgres -c "DROP DATABASE $db"
done
