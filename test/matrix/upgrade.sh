#!/usr/bin/env bash
# test/matrix/upgrade.sh: the upgrade test of t/005_upgrade.pl with psql
# alone (no Perl test modules, which differ across PostgreSQL versions),
# on the server PGHOST/PGPORT/PGUSER point to, with socialcare installed:
# install the oldest released version and update step by step to the
# newest, install every other released version and update it straight to
# the newest, and check each result equals a fresh install in its objects
# and definitions (test/upgrade/describe.sql) and its answers
# (test/upgrade/answers.sql).  Prints "PASS name" / "FAIL name" and "# "
# lines of detail.  Leaves no database behind.
set -uo pipefail
cd "$(dirname "$0")/../.."
PSQL=(psql -X -q -A -t -v ON_ERROR_STOP=1)
PREFIX=socialcare_matrix_upgrade
TMP=$(mktemp -d)
drop_databases() {
	local db
	for db in $("${PSQL[@]}" -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'" 2>/dev/null); do
		"${PSQL[@]}" -d postgres -c "DROP DATABASE $db" >/dev/null 2>&1
	done
}
trap 'drop_databases; rm -rf "$TMP"' EXIT
drop_databases

# check NAME CMD...: PASS if CMD succeeds, else FAIL with its output.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "PASS upgrade $name"
	else
		echo "FAIL upgrade $name"
		printf '%s\n' "$out" | head -n 30 | sed 's/^/# /'
	fi
}

mapfile -t VERSIONS < <("${PSQL[@]}" -d postgres -c "SELECT version FROM pg_available_extension_versions
	WHERE name = 'socialcare' ORDER BY pg_catalog.string_to_array(version, '.')::int[]")
echo "# versions: ${VERSIONS[*]}"
if [ ${#VERSIONS[@]} -lt 2 ]; then
	echo "FAIL upgrade: fewer than two versions installed"
	exit 0
fi
NEWEST=${VERSIONS[-1]}

fresh=${PREFIX}_fresh
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $fresh" &&
	check "fresh install of $NEWEST" "${PSQL[@]}" -d "$fresh" -c 'CREATE EXTENSION socialcare'

UPDATED=()
stepped=${PREFIX}_stepped
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $stepped"
check "install of ${VERSIONS[0]}" "${PSQL[@]}" -d "$stepped" -c "CREATE EXTENSION socialcare VERSION '${VERSIONS[0]}'"
for v in "${VERSIONS[@]:1}"; do
	check "update to $v" "${PSQL[@]}" -d "$stepped" -c "ALTER EXTENSION socialcare UPDATE TO '$v'"
done
UPDATED+=("$stepped:step by step from ${VERSIONS[0]}")
for ((i = 1; i < ${#VERSIONS[@]} - 1; i++)); do
	v=${VERSIONS[$i]}
	db=${PREFIX}_from_$i
	"${PSQL[@]}" -d postgres -c "CREATE DATABASE $db"
	check "install of $v" "${PSQL[@]}" -d "$db" -c "CREATE EXTENSION socialcare VERSION '$v'"
	check "update from $v straight to $NEWEST" "${PSQL[@]}" -d "$db" -c "ALTER EXTENSION socialcare UPDATE TO '$NEWEST'"
	UPDATED+=("$db:from $v straight to $NEWEST")
done

# The fresh install's descriptions, once.
for what in describe answers; do
	"${PSQL[@]}" -d "$fresh" -f "test/upgrade/$what.sql" >"$TMP/fresh.$what" 2>&1
done
for u in "${UPDATED[@]}"; do
	db=${u%%:*}
	how=${u#*:}
	for what in describe answers; do
		"${PSQL[@]}" -d "$db" -f "test/upgrade/$what.sql" >"$TMP/$db.$what" 2>&1
		label="objects and definitions"
		[ "$what" = answers ] && label=answers
		if [ ! -s "$TMP/fresh.$what" ]; then
			echo "FAIL upgrade $label after updating $how: the fresh install printed nothing"
		elif cmp -s "$TMP/fresh.$what" "$TMP/$db.$what"; then
			echo "PASS upgrade $label after updating $how equal a fresh install ($(wc -l <"$TMP/fresh.$what") lines)"
		else
			echo "FAIL upgrade $label after updating $how differ from a fresh install"
			diff -u "$TMP/fresh.$what" "$TMP/$db.$what" | head -n 60 | sed 's/^/# /'
		fi
	done
done
