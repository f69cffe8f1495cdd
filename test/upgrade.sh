#!/usr/bin/env bash
# Upgrades: install the oldest released version, update step by step to
# the newest, and check the result equals a fresh install: the same
# objects and definitions (test/upgrade/describe.sql) and the same
# answers (test/upgrade/answers.sql).  Needs PGHOST etc. of a server where
# the extension is installed and PGUSER is a superuser.  Prints TAP lines.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
PSQL=("$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1)
FRESH=socialcare_upgrade_fresh
STEPPED=socialcare_upgrade_stepped
OUT=$(mktemp -d /tmp/socialcare-upgrade.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

for db in $FRESH $STEPPED; do
	"${PSQL[@]}" -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

# Released versions, oldest first (version strings compare as numbers).
mapfile -t versions < <("${PSQL[@]}" -d postgres -c "
	SELECT version FROM pg_available_extension_versions WHERE name = 'socialcare'
	ORDER BY string_to_array(version, '.')::int[]")
n=1
echo "# versions: ${versions[*]}"

"${PSQL[@]}" -d $FRESH -c "CREATE EXTENSION socialcare"
"${PSQL[@]}" -d $STEPPED -c "CREATE EXTENSION socialcare VERSION '${versions[0]}'"
for v in "${versions[@]:1}"; do
	if "${PSQL[@]}" -d $STEPPED -c "ALTER EXTENSION socialcare UPDATE TO '$v'" 2>"$OUT/err"; then
		echo "ok $n - update to $v"
	else
		echo "not ok $n - update to $v"
		sed 's/^/# /' "$OUT/err"
	fi
	n=$((n + 1))
done

# compare WHAT FILE: run FILE in both databases and diff the results.
compare() {
	local status=0
	"${PSQL[@]}" -d $FRESH -f "$2" >"$OUT/fresh" 2>&1 || status=$?
	"${PSQL[@]}" -d $STEPPED -f "$2" >"$OUT/stepped" 2>&1 || status=$?
	if [ "$status" -ne 0 ] || [ ! -s "$OUT/fresh" ]; then
		echo "not ok $n - $1: psql failed or printed nothing"
		sed 's/^/# /' "$OUT/fresh" "$OUT/stepped"
	elif diff -u "$OUT/fresh" "$OUT/stepped" >"$OUT/diff"; then
		echo "ok $n - $1 after updating from ${versions[0]} equal a fresh install ($(wc -l <"$OUT/fresh") lines)"
	else
		echo "not ok $n - $1 after updating from ${versions[0]} differ from a fresh install"
		sed 's/^/# /' "$OUT/diff"
	fi
	n=$((n + 1))
}
compare "objects and definitions" "$HERE/upgrade/describe.sql"
compare "answers" "$HERE/upgrade/answers.sql"

for db in $FRESH $STEPPED; do
	"${PSQL[@]}" -d postgres -c "DROP DATABASE $db"
done
