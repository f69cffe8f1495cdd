#!/usr/bin/env bash
# Every test: the pure-C core's unit and fuzz-driver tests, the pg_regress
# and isolation suites, and the differential test against numpy, on a
# throwaway cluster (or, with SOCIALCARE_USE_SERVER=1, on the server
# PGHOST/PGPORT/PGUSER point to).  Ends with "N passed, N failed".
source "$(dirname "$0")/lib.sh"

need_build_tools
need_packages python3 python3-numpy python3-scipy
build_and_install
start_cluster

PASSED=0
FAILED=0
LOG=$(mktemp -d /tmp/socialcare-test.XXXXXX)

# count_tap FILE: add its "ok N" / "not ok N" lines to the totals.
count_tap() {
	local ok notok
	ok=$(grep -cE '^ok [0-9]+' "$1" || true)
	notok=$(grep -cE '^not ok [0-9]+' "$1" || true)
	PASSED=$((PASSED + ok))
	FAILED=$((FAILED + notok))
}

# count_regress FILE: pg_regress prints "test NAME ... ok" or "... FAILED".
count_regress() {
	local ok failed
	ok=$(grep -cE '^(test| ) +[A-Za-z0-9_]+ +\.\.\. ok' "$1" || true)
	failed=$(grep -cE '^(test| ) +[A-Za-z0-9_]+ +\.\.\. FAILED' "$1" || true)
	PASSED=$((PASSED + ok))
	FAILED=$((FAILED + failed))
}

# run_step NAME COUNTER CMD...: run, show the output, count, and note a
# step that failed without reporting a failed test.
run_step() {
	local name=$1 counter=$2 before=$FAILED status=0
	shift 2
	say "$name"
	"$@" >"$LOG/$name.out" 2>&1 || status=$?
	cat "$LOG/$name.out"
	"$counter" "$LOG/$name.out"
	if [ "$status" -ne 0 ] && [ "$FAILED" -eq "$before" ]; then
		echo "not ok - $name exited with status $status"
		FAILED=$((FAILED + 1))
	fi
}

cd "$ROOT"
run_step unit count_tap make -s unitcheck
run_step regress count_regress make -s installcheck
[ -f regression.diffs ] && cat regression.diffs
[ -f output_iso/regression.diffs ] && cat output_iso/regression.diffs
run_step dump_restore count_tap bash test/dump_restore.sh
run_step upgrade count_tap bash test/upgrade.sh
run_step differential count_tap /usr/bin/python3 test/differential/workdays_diff.py
run_step stats_differential count_tap /usr/bin/python3 test/differential/stats_diff.py
run_step rereferral_differential count_tap /usr/bin/python3 test/differential/rereferral_diff.py
run_step timescale_unit count_tap make -s timescale-unitcheck
run_step timescale_dump count_tap bash test/timescales_dump.sh
run_step chain_differential count_tap /usr/bin/python3 test/differential/chain_diff.py
run_step demo count_tap bash test/demo.sh
run_step dump_restore_kpi count_tap bash test/dump_restore_kpi.sh
run_step scorecard_differential count_tap /usr/bin/python3 test/differential/scorecard_diff.py
run_step months_unit count_tap bash -c 'make -s test/unit/months_test && test/unit/months_test'
run_step episodes_differential count_tap /usr/bin/python3 test/differential/episodes_diff.py
run_step bad_input count_tap /usr/bin/python3 test/hardening/bad_input.py
run_step privileges count_tap /usr/bin/python3 test/hardening/privileges.py
run_step trap count_tap /usr/bin/python3 test/hardening/trap.py
run_step parallel_aggregates count_tap /usr/bin/python3 test/hardening/parallel_aggregates.py
run_step memory_flat count_tap /usr/bin/python3 test/hardening/memory_flat.py
run_step pgbench count_tap bash test/hardening/pgbench.sh
run_step triggers count_tap /usr/bin/python3 test/hardening/triggers.py
run_step two_roles count_tap /usr/bin/python3 test/hardening/two_roles.py
run_step dump_restore_owner count_tap bash test/dump_restore_owner.sh
run_step error_size count_tap /usr/bin/python3 test/hardening/error_size.py
need_packages sqlsmith
run_step sqlsmith count_tap bash test/hardening/sqlsmith.sh
need_packages clang-14 libclang-rt-14-dev valgrind
run_step fuzz count_tap make -s fuzzcheck FUZZ_SECONDS=${SOCIALCARE_FUZZ_SECONDS:-10}
run_step valgrind count_tap make -s valgrindcheck
run_step valgrind_server count_tap bash test/valgrind/server.sh

rm -rf "$LOG"
stop_cluster
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
