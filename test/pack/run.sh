#!/usr/bin/env bash
# test/pack/run.sh: the board pack (socialcare.scorecard_html) in a real
# browser, on the server PGHOST/PGPORT point to: test/pack/fixture.sql's
# catalogue (every RAG status, HTML-special characters in titles, areas and
# the region's name, a month with NULLs, small counts) rendered as it is,
# with a <script> title, suppressed, 24 months by service area, with no
# values in its months, and from an empty catalogue; each checked by
# test/pack/check.py (DOM, screenshot colours, PDF pages and size).  Needs
# Debian's chromium and poppler-utils.  Prints TAP.  The screenshot and
# the PDF are taken for the fixture and the empty catalogue (Chromium is
# slow to start); the other cases check the DOM.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DB=socialcare_pack_test
WORK=$(mktemp -d /tmp/socialcare-pack-test.XXXXXX)
trap 'rm -rf "$WORK"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP DATABASE IF EXISTS ${DB}_empty" >/dev/null 2>&1' EXIT
export PGCLIENTENCODING=UTF8
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" \
	-c "DROP DATABASE IF EXISTS ${DB}_empty" -c "CREATE DATABASE ${DB}_empty"
q -d $DB -c "CREATE EXTENSION socialcare" -f "$ROOT/test/pack/fixture.sql"
q -d ${DB}_empty -c "CREATE EXTENSION socialcare"

n=0
failed=0
# case LABEL DB AS_AT HTML_ARGS CHECK_ARGS...: render, then check.py
case_() {
	local label=$1 db=$2 as_at=$3 args=$4 out status
	shift 4
	q -d "$db" -c "SELECT socialcare.scorecard_html('$as_at'$args)" >"$WORK/pack.html" || { echo "not ok - $label: rendered"; failed=$((failed + 1)); return; }
	out=$(/usr/bin/python3 "$ROOT/test/pack/check.py" --db "$db" --as-at "$as_at" --html "$WORK/pack.html" --label "$label" "$@")
	status=$?
	grep -v '^1\.\.' <<<"$out"
	[ $status -eq 0 ] || failed=$((failed + 1))
}
case_ "fixture" $DB 2018-12-31 ""
case_ "script title" $DB 2018-12-31 ", title => '<script>alert(1)</script> & \"board\"'" --dom-only --title '<script>alert(1)</script> & "board"'
case_ "suppressed" $DB 2018-12-31 ", suppress_up_to => 5" --suppress-up-to 5 --dom-only
case_ "24 months by area" $DB 2018-12-31 ", months => 24, by_service_area => true" --sql-args ", months => 24" --dom-only
case_ "no values" $DB 2015-12-31 "" --expect novalues --dom-only
case_ "empty catalogue" ${DB}_empty 2018-12-31 "" --expect empty
