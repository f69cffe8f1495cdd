#!/usr/bin/env bash
# scripts/test.sh [--list] [SUITE[/STEP]...]: the tests, by suite.  With no
# suite, every suite in this order: the pure-C core, the SQL suites on a server,
# the cluster tests, the hardening and memory checks.
#
#   unit          the pure-C core's unit tests (no PostgreSQL)
#   regress       pg_regress: sql/*.sql against expected/*.out
#   isolation     isolation specs (specs/*.spec)
#   differential  random inputs against numpy/scipy and independent Python
#   demo          the demo from a clean copy of the tracked files
#   ssd           the SSD KPI layer on both editions' tables (test/ssd/):
#                 hand-built and generated data against expected.py
#   docs          the documentation against the code (test/docs/)
#   cluster       TAP tests (t/*.pl, PostgreSQL::Test::Cluster): dump and
#                 restore, upgrades, pgbench, each on clusters of its own
#   hardening     bad input, privileges, traps, parallel aggregates,
#                 memory, triggers, two roles, error sizes, sqlsmith
#   fuzz          the core's libFuzzer targets (SOCIALCARE_FUZZ_SECONDS
#                 each, default 10)
#   valgrind      the core and then the server under valgrind
#   matrix        build, regress, isolation and upgrade on PostgreSQL 17
#                 and 18, each in a throwaway Debian root (test/matrix/run.sh;
#                 SOCIALCARE_MATRIX_VERSIONS="15 17 18" to choose)
#
# Each suite is also a make target: make test-unit, make test-regress, ...
# SUITE/STEP runs one step of a suite (the names --list prints), e.g.
# scripts/test.sh cluster/upgrade hardening/trap.
# Every step prints TAP lines ("ok N - ..." / "not ok N - ..."); a suite
# ends with "# SUITE: N passed, N failed", and the run with the totals,
# "N passed, N failed", as its last line.  A step that exits non-zero
# without reporting a failed test counts as one failure.  The exit status
# is non-zero when anything failed.
#
# The SQL suites run on a throwaway cluster (or, with SOCIALCARE_USE_SERVER=1,
# on the server PGHOST/PGPORT/PGUSER point to); the cluster suite makes its
# own clusters, as an unprivileged user (postgres) when run as root.
source "$(dirname "$0")/lib.sh"

SUITES=(unit regress isolation differential demo ssd docs cluster hardening fuzz valgrind matrix)
PYTHON=/usr/bin/python3

usage() {
	echo "usage: scripts/test.sh [--list] [SUITE[/STEP]...]" >&2
	echo "suites: ${SUITES[*]}" >&2
}

LIST=
WANT=()
# ONLY[SUITE]: the steps asked for by SUITE/STEP ("" = the whole suite).
declare -A ONLY=()
for arg in "$@"; do
	case $arg in
	--list | -l) LIST=1 ;;
	-h | --help) usage; exit 0 ;;
	-*) say "unknown option: $arg"; usage; exit 2 ;;
	*)
		suite=${arg%%/*}
		if [[ " ${SUITES[*]} " != *" $suite "* ]]; then
			say "unknown suite: $suite (scripts/test.sh --list names the steps)"
			usage
			exit 2
		fi
		[[ " ${WANT[*]} " == *" $suite "* ]] || WANT+=("$suite")
		if [ "$suite" = "$arg" ]; then
			ONLY[$suite]=
		elif [ "${ONLY[$suite]-x}" != "" ]; then
			ONLY[$suite]="${ONLY[$suite]:-} $arg"
		fi ;;
	esac
done
[ ${#WANT[@]} -gt 0 ] || WANT=("${SUITES[@]}")
STEPS_RUN=0

PASSED=0
FAILED=0
SUITE_PASSED=0
SUITE_FAILED=0
LOG=
SERVER_READY=
BUILT=

# count_tap FILE: its "ok N" / "not ok N" lines.
count_tap() {
	local ok notok
	ok=$(grep -cE '^ok [0-9]+' "$1" || true)
	notok=$(grep -cE '^not ok [0-9]+' "$1" || true)
	STEP_PASSED=$((STEP_PASSED + ok))
	STEP_FAILED=$((STEP_FAILED + notok))
}

# count_regress FILE: pg_regress's (or pg_isolation_regress's) own summary,
# "All N tests passed." or "M of N tests failed." (with ", K failed but
# ignored" counted as passed); one TAP line per test from its per-test
# lines ("test NAME ... ok" or "FAILED"), checked against the summary.
count_regress() {
	local summary all failed lines n=0 name result
	summary=$(grep -E '^ *(All [0-9]+ tests passed|[0-9]+ of [0-9]+ tests (failed|passed))' "$1" | tail -n 1 || true)
	if [[ $summary =~ All\ ([0-9]+)\ tests\ passed ]]; then
		all=${BASH_REMATCH[1]}
		failed=0
	elif [[ $summary =~ ([0-9]+)\ of\ ([0-9]+)\ tests\ failed ]]; then
		failed=${BASH_REMATCH[1]}
		all=${BASH_REMATCH[2]}
	elif [[ $summary =~ ([0-9]+)\ of\ ([0-9]+)\ tests\ passed ]]; then
		# "N of M tests passed, K failed test(s) ignored."
		all=${BASH_REMATCH[2]}
		failed=0
	else
		echo "not ok - no pg_regress summary (it did not run to the end)"
		STEP_FAILED=$((STEP_FAILED + 1))
		return 0
	fi
	lines=$(sed -nE 's/^(test |     |ok [0-9]+ +[+-] )? *([A-Za-z0-9_.-]+) +\.\.\. +(ok|FAILED|failed \(ignored\)).*/\2 \3/p' "$1")
	while read -r name result; do
		[ -n "$name" ] || continue
		n=$((n + 1))
		case $result in
		FAILED) echo "not ok $n - $name" ;;
		*) echo "ok $n - $name" ;;
		esac
	done <<<"$lines"
	if [ "$n" -ne "$all" ]; then
		echo "# note: $n per-test lines for the summary's $all tests"
	fi
	STEP_PASSED=$((STEP_PASSED + all - failed))
	STEP_FAILED=$((STEP_FAILED + failed))
}

# step NAME COUNTER CMD...: run, show the output, count; a step that
# failed without reporting a failed test counts as one failure.
step() {
	local name=$1 counter=$2 status=0 out only=${ONLY[${1%%/*}]:-}
	shift 2
	# SUITE/STEP arguments: only the steps they name.
	if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then
		return 0
	fi
	STEPS_RUN=$((STEPS_RUN + 1))
	if [ -n "$LIST" ]; then
		printf '  %-30s %s\n' "$name" "$*"
		return 0
	fi
	say "$name"
	out=$LOG/${name//\//_}.out
	STEP_PASSED=0
	STEP_FAILED=0
	(cd "$ROOT" && "$@") >"$out" 2>&1 || status=$?
	cat "$out"
	"$counter" "$out"
	if [ "$status" -ne 0 ] && [ "$STEP_FAILED" -eq 0 ]; then
		echo "not ok - $name exited with status $status"
		STEP_FAILED=1
	fi
	SUITE_PASSED=$((SUITE_PASSED + STEP_PASSED))
	SUITE_FAILED=$((SUITE_FAILED + STEP_FAILED))
}

# packages PKG...: what a suite needs (installed when root).
packages() { [ -n "$LIST" ] || need_packages "$@"; }

# installed: the extension built and installed (once).
installed() {
	[ -z "$LIST" ] && [ -z "$BUILT" ] || return 0
	need_build_tools
	build_and_install
	BUILT=1
}

# server: installed, and a server to test on (once).
server() {
	installed
	[ -z "$LIST" ] && [ -z "$SERVER_READY" ] || return 0
	start_cluster
	# start_cluster's exit trap stops the cluster: keep removing the logs too.
	trap 'stop_matrix; rm -rf "$LOG"; stop_cluster' EXIT
	SERVER_READY=1
}

#--------------------------------------------------------------------------
# Suites
#--------------------------------------------------------------------------
suite_unit() {
	packages make gcc libc6-dev python3
	step unit/core count_tap make -s unitcheck
	step unit/constants count_tap "$PYTHON" test/unit/constants_check.py
}

suite_regress() {
	server
	step regress count_regress make -s regresscheck PG_CONFIG="$PG_CONFIG"
	[ -n "$LIST" ] || [ ! -f "$ROOT/regression.diffs" ] || cat "$ROOT/regression.diffs"
}

suite_isolation() {
	server
	step isolation count_regress make -s isolationcheck PG_CONFIG="$PG_CONFIG"
	[ -n "$LIST" ] || [ ! -f "$ROOT/output_iso/regression.diffs" ] || cat "$ROOT/output_iso/regression.diffs"
}

suite_differential() {
	packages python3 python3-numpy python3-scipy
	server
	local t
	for t in workdays stats rereferral chain scorecard episodes; do
		step "differential/$t" count_tap "$PYTHON" "test/differential/${t}_diff.py"
	done
}

suite_demo() {
	packages git
	server
	step demo count_tap bash test/demo.sh
}

suite_ssd() {
	packages python3
	server
	local t
	for t in handbuilt generated; do
		step "ssd/$t" count_tap "$PYTHON" test/ssd/run.py "$t"
	done
}

suite_docs() {
	packages python3 git
	server
	local t
	for t in reference meta layout links dist; do
		step "docs/$t" count_tap "$PYTHON" "test/docs/${t}_check.py"
	done
}

# tap_test FILE: one t/*.pl by PGXS's prove, as the postgres user when we
# are root (PostgreSQL refuses to run as root), its clusters and logs
# (tmp_check) in a directory that user owns; shows the logs on failure.
tap_test() {
	local dir=$ROOT status=0
	if [ "$(id -u)" -eq 0 ]; then
		# A copy of what the tests read, that user's own: the checkout
		# may sit where it cannot read (/root).
		dir=$LOG/tap
		rm -rf "$dir"
		mkdir -p "$dir/tree"
		cp -a "$ROOT/Makefile" "$ROOT/socialcare.control" "$ROOT/t" "$ROOT/test" "$dir/tree/"
		chown -R postgres "$dir"
		runuser -u postgres -- make -s -C "$dir/tree" prove_installcheck PG_CONFIG="$PG_CONFIG" \
			TAP_DIR="$dir" PROVE_TESTS="$1" PROVE_FLAGS=--verbose || status=$?
	else
		make -s -C "$ROOT" prove_installcheck PG_CONFIG="$PG_CONFIG" \
			PROVE_TESTS="$1" PROVE_FLAGS=--verbose || status=$?
	fi
	if [ "$status" -ne 0 ]; then
		tail -n 40 "$dir"/tmp_check/log/* 2>/dev/null | sed 's/^/# /'
	fi
	[ "$dir" = "$ROOT" ] || rm -rf "$dir"
	return "$status"
}

suite_cluster() {
	packages libipc-run-perl
	installed
	if [ "$(id -u)" -eq 0 ] && [ -z "$LIST" ]; then
		id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
		chmod 711 "$LOG"
	fi
	local t
	for t in "$ROOT"/t/*.pl; do
		t=${t#"$ROOT"/}
		step "cluster/$(basename "$t" .pl | sed 's/^[0-9]*_//')" count_tap tap_test "$t"
	done
}

suite_hardening() {
	packages python3 sqlsmith
	server
	local t
	for t in bad_input privileges trap parallel_aggregates memory_flat triggers two_roles error_size; do
		step "hardening/$t" count_tap "$PYTHON" "test/hardening/$t.py"
	done
	step hardening/sqlsmith count_tap bash test/hardening/sqlsmith.sh
}

suite_fuzz() {
	packages make gcc libc6-dev clang-14 libclang-rt-14-dev
	step fuzz count_tap make -s fuzzcheck FUZZ_SECONDS="${SOCIALCARE_FUZZ_SECONDS:-10}"
}

suite_valgrind() {
	packages make gcc libc6-dev valgrind
	step valgrind/core count_tap make -s valgrindcheck
	installed
	step valgrind/server count_tap bash test/valgrind/server.sh
}

# The matrix spends most of its time fetching and unpacking packages into
# its roots: when it is wanted with other suites, it starts first, in the
# background, and its suite reports it when its turn comes.
MATRIX_PID=
MATRIX_OUT=
matrix_start() {
	[ -z "$LIST" ] && [ -z "$MATRIX_PID" ] || return 0
	packages debootstrap git
	MATRIX_OUT=$LOG/matrix.tap
	# Its own process group, so that an interrupted run can stop it.
	set -m
	bash "$ROOT/test/matrix/run.sh" ${SOCIALCARE_MATRIX_VERSIONS:-17 18} >"$MATRIX_OUT" 2>&1 &
	MATRIX_PID=$!
	set +m
}
matrix_report() {
	cat "$MATRIX_OUT"
	return "$MATRIX_STATUS"
}

suite_matrix() {
	if [ -n "$LIST" ]; then
		step matrix count_tap bash test/matrix/run.sh ${SOCIALCARE_MATRIX_VERSIONS:-17 18}
		return 0
	fi
	matrix_start
	MATRIX_STATUS=0
	wait "$MATRIX_PID" || MATRIX_STATUS=$?
	MATRIX_PID=
	step matrix count_tap matrix_report
}

if [ -n "$LIST" ]; then
	for s in "${WANT[@]}"; do
		echo "$s"
		"suite_$s"
	done
	exit 0
fi

LOG=$(mktemp -d /tmp/socialcare-test.XXXXXX)
# On exit: the matrix stopped (its own exit trap unmounts and removes its
# roots), the logs removed, the cluster stopped.
stop_matrix() {
	[ -n "$MATRIX_PID" ] || return 0
	kill -TERM -- "-$MATRIX_PID" 2>/dev/null || true
	wait "$MATRIX_PID" 2>/dev/null || true
}
trap 'stop_matrix; rm -rf "$LOG"; stop_cluster' EXIT
[[ " ${WANT[*]} " != *" matrix "* ]] || matrix_start
for s in "${WANT[@]}"; do
	SUITE_PASSED=0
	SUITE_FAILED=0
	say "suite $s"
	SUITE_T0=$SECONDS
	"suite_$s"
	say "suite $s took $((SECONDS - SUITE_T0)) s"
	echo "# $s: $SUITE_PASSED passed, $SUITE_FAILED failed"
	PASSED=$((PASSED + SUITE_PASSED))
	FAILED=$((FAILED + SUITE_FAILED))
done

if [ "$STEPS_RUN" -eq 0 ]; then
	say "no step matched: scripts/test.sh --list names them"
	FAILED=$((FAILED + 1))
fi
rm -rf "$LOG"
stop_cluster
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
