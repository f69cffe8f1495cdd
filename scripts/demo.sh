#!/usr/bin/env bash
# The main job, end to end: record-level case data in, the monthly KPI
# scorecard out.  Builds and installs the extension, starts a throwaway
# cluster (or uses the server PGHOST/PGPORT/PGUSER point to, with
# SOCIALCARE_USE_SERVER=1), creates the database socialcare_demo (replacing
# one of that name), loads the SSD-shaped schema (demo/schema.sql), a
# synthetic authority the size of Sandwell (demo/generate.sql), the KPI
# views of the extension's SSD layer (socialcare.create_ssd_kpis into
# schema kpi, doc/ssd.md), fills the KPI catalogue from them
# (demo/catalogue.sql), prints the scorecard (demo/scorecard.sql:
# socialcare.scorecard_text) with the time each step took, and writes the
# board pack (socialcare.scorecard_html) as HTML and, with Debian's
# chromium (installed when root), as PDF, saying where.
#
#   bash scripts/demo.sh          the scorecard
#   bash scripts/demo.sh --tour   then a tour of the working-day functions
#
#   SOCIALCARE_KEEP=1             leave the throwaway cluster running and
#                                 say how to connect and how to stop it
#   SOCIALCARE_DEMO_DB=NAME       the database (default socialcare_demo)
#   SOCIALCARE_DEMO_SEED=N        another synthetic authority (default 20181231)
#   SOCIALCARE_DEMO_END=DATE      the last day of data (default 2018-12-31,
#                                 as the seed report); the scorecard shows
#                                 the 12 months to it
#   SOCIALCARE_DEMO_OUT=DIR       where the board pack goes (default
#                                 demo/out: board-pack.html, board-pack.pdf)
source "$(dirname "$0")/lib.sh"

TOUR=
for arg in "$@"; do
	case $arg in
		--tour) TOUR=1 ;;
		*) echo "usage: bash scripts/demo.sh [--tour]" >&2; exit 2 ;;
	esac
done
DB=${SOCIALCARE_DEMO_DB:-socialcare_demo}
OUT_DIR=${SOCIALCARE_DEMO_OUT:-$ROOT/demo/out}
SEED=${SOCIALCARE_DEMO_SEED:-20181231}
END=${SOCIALCARE_DEMO_END:-2018-12-31}

need_build_tools
build_and_install
start_cluster
if [ -n "${SOCIALCARE_KEEP:-}" ] && [ -n "${CLUSTER_DIR:-}" ]; then
	trap - EXIT
fi

now() { date +%s%3N; }
since() { local ms=$(($(now) - $1)); printf '%d.%02d s' $((ms / 1000)) $((ms % 1000 / 10)); }

sql() { PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$@"; }

say "creating database $DB"
sql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" -c "CREATE DATABASE \"$DB\""
# The KPI views' cost estimates make PostgreSQL compile them with JIT, which
# costs seconds and saves nothing at this size.
sql -d "$DB" -c "ALTER DATABASE \"$DB\" SET jit = off" -c "CREATE EXTENSION IF NOT EXISTS socialcare"

say "generating the demo authority (seed $SEED, data to $END)"
t=$(now)
sql -d "$DB" -f "$ROOT/demo/schema.sql" \
	-v seed="$SEED" -v period_end="$END" -f "$ROOT/demo/generate.sql"
T_GEN=$(since "$t")
# The KPI views over the SSD tables in demo, into schema kpi, for the months
# of demo.ext_reporting_period (the layer's report_period starts from it).
sql -d "$DB" -At -c "SELECT count(*) FILTER (WHERE status = 'ok') || ' of ' || count(*) || ' KPI views over the SSD'
	FROM socialcare.create_ssd_kpis(ssd_schema => 'demo', into_schema => 'kpi')" >/dev/null

t=$(now)
ROWS=$(psql -X -At -d "$DB" -c "SELECT count(*) FROM kpi.kpi_monthly")
T_VIEWS=$(since "$t")

t=$(now)
sql -d "$DB" -f "$ROOT/demo/catalogue.sql"
T_CATALOGUE=$(since "$t")

t=$(now)
sql -d "$DB" -f "$ROOT/demo/scorecard.sql"
T_RENDER=$(since "$t")

psql -X -At -d "$DB" -F ' ' -c "
	SELECT 'Rows: ' || (SELECT count(*) FROM demo.ssd_person) || ' children, '
		|| (SELECT count(*) FROM demo.ssd_contacts) || ' contacts, '
		|| (SELECT count(*) FROM demo.ssd_cin_episodes) || ' referrals, '
		|| (SELECT count(*) FROM demo.ssd_cin_assessments) || ' assessments, '
		|| (SELECT count(*) FROM demo.ssd_cp_plans) || ' CP plans, '
		|| (SELECT count(DISTINCT clae_cla_id) FROM demo.ssd_cla_episodes) || ' periods of care, '
		|| (SELECT count(*) FROM demo.ssd_cp_visits) + (SELECT count(*) FROM demo.ssd_cin_visits)
		   + (SELECT count(*) FROM demo.ssd_cla_visits) || ' visits'"
echo "Timings: generation $T_GEN; views $T_VIEWS (kpi_monthly, $ROWS rows); catalogue $T_CATALOGUE (views and upsert); scorecard $T_RENDER (scorecard_text, with psql's start)"

# The board pack: the scorecard as the board reads it, HTML and PDF.
mkdir -p "$OUT_DIR"
OUT_DIR=$(cd "$OUT_DIR" && pwd)
t=$(now)
PGCLIENTENCODING=UTF8 psql -X -At -v ON_ERROR_STOP=1 -d "$DB" -v as_at="$END" \
	-c "SELECT socialcare.scorecard_html(as_at => '$END', title => 'Children''s Social Care: monthly performance (demo data)')" \
	>"$OUT_DIR/board-pack.html"
T_PACK=$(since "$t")
echo "Board pack (HTML, $T_PACK with psql's start): $OUT_DIR/board-pack.html"
if want_packages chromium poppler-utils && command -v chromium >/dev/null; then
	rm -f "$OUT_DIR/board-pack.pdf"
	chromium_headless --no-pdf-header-footer --print-to-pdf="$OUT_DIR/board-pack.pdf" "file://$OUT_DIR/board-pack.html" >/dev/null || true
	if [ -s "$OUT_DIR/board-pack.pdf" ]; then
		echo "Board pack (PDF, A4 landscape, $(pdfinfo "$OUT_DIR/board-pack.pdf" 2>/dev/null | sed -n 's/^Pages: *//p') pages): $OUT_DIR/board-pack.pdf"
	else
		echo "Board pack: chromium did not write the PDF; open the HTML in a browser and print it (A4 landscape)"
	fi
else
	echo "Board pack: no PDF (Debian's chromium is not installed: sudo apt-get install chromium poppler-utils); open the HTML in a browser and print it"
fi

if [ -n "$TOUR" ]; then
	sql -d "$DB" -f "$ROOT/scripts/tour.sql"
fi

if [ -n "${SOCIALCARE_KEEP:-}" ] && [ -n "${CLUSTER_DIR:-}" ]; then
	cat <<EOF

The cluster is still running.  Connect:
    psql -h $PGHOST -p $PGPORT -U postgres $DB
    (then: SET search_path = kpi, demo, socialcare, public;  \\dv kpi.kpi_*
     SELECT * FROM scorecard(as_at => '$END') WHERE kpi = 'PI03';)
Stop and remove it:
    $(if [ "$(id -u)" -eq 0 ]; then echo "runuser -u $CLUSTER_OWNER -- "; fi)$($PG_CONFIG --bindir)/pg_ctl -D $CLUSTER_DIR/data stop && rm -rf $CLUSTER_DIR
EOF
fi
