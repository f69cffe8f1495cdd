#!/usr/bin/env bash
# test/matrix/in_root.sh: run by test/matrix/run.sh inside a version's
# root, as an unprivileged user, in the checkout (built and installed
# there): a cluster of its own on a unix socket, then the pg_regress
# suite, the isolation specs and the upgrade test.  Prints "PASS name" /
# "FAIL name" per test, "# " lines of detail, and "PART=SECONDS" lines.
set -uo pipefail
cd "$(dirname "$0")/../.."
V=${PG_MAJOR:?}
BIN=/usr/lib/postgresql/$V/bin
export PG_CONFIG=$BIN/pg_config PATH=$BIN:$PATH
DIR=$HOME/cluster
rm -rf "$DIR"
mkdir -p "$DIR"
initdb -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || {
	echo "FAIL initdb"; sed 's/^/# /' "$DIR/initdb.log"; exit 1; }
pg_ctl -D "$DIR/data" -l "$DIR/log" -w -o "-c listen_addresses='' -k $DIR -p 5432 -c fsync=off \
	-c max_worker_processes=8" start >/dev/null || {
	echo "FAIL server start"; sed 's/^/# /' "$DIR/log"; exit 1; }
trap 'pg_ctl -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1' EXIT
export PGHOST=$DIR PGPORT=5432 PGUSER=postgres PGDATABASE=postgres

# regress_results PART FILE DIFFS: pg_regress's per-test lines as PASS or
# FAIL; its summary must be there; the diffs (bounded) on failure.
regress_results() {
	local part=$1 out=$2 diffs=$3 n
	# Up to 15: "test NAME ... ok" (or FAILED); from 16: "ok N - NAME" (or "not ok").
	sed -nE -e 's/^(test |     )? *([A-Za-z0-9_.-]+) +\.\.\. +(ok|FAILED|failed \(ignored\)).*/\3 \2/p' \
		-e 's/^ok [0-9]+ +[+-] +([A-Za-z0-9_.-]+) .*/ok \1/p' \
		-e 's/^not ok [0-9]+ +[+-] +([A-Za-z0-9_.-]+) .*/FAILED \1/p' "$out" |
		while read -r result name; do
			case $result in
			FAILED) echo "FAIL $part $name" ;;
			*) echo "PASS $part $name" ;;
			esac
		done
	n=$(grep -cE '(tests passed|tests failed|All [0-9]+ tests passed)' "$out")
	if [ "$n" -eq 0 ]; then
		echo "FAIL $part: no pg_regress summary"
		sed 's/^/# /' "$out" | tail -n 30
	fi
	[ -f "$diffs" ] && head -n 300 "$diffs" | sed 's/^/# /'
	return 0
}

REGRESS=$(cd sql && ls *.sql | sed 's/\.sql$//')

t0=$SECONDS
make -s with_llvm=no regresscheck REGRESS="$(echo $REGRESS)" >"$DIR/regress.out" 2>&1
regress_results regress "$DIR/regress.out" regression.diffs
echo "regress=$((SECONDS - t0))"

t0=$SECONDS
make -s with_llvm=no isolationcheck >"$DIR/isolation.out" 2>&1
regress_results isolation "$DIR/isolation.out" output_iso/regression.diffs
echo "isolation=$((SECONDS - t0))"

t0=$SECONDS
bash test/matrix/upgrade.sh
echo "upgrade=$((SECONDS - t0))"
