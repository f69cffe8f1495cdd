#!/usr/bin/env bash
# scripts/test.sh [--list] [SUITE[/STEP]...]: the tests, by suite.  With no
# suite, every suite in this order: the pure-C core, the SQL suites on a server,
# the cluster tests, the hardening and memory checks.
#
#   unit          the pure-C core's unit tests (no PostgreSQL)
#   regress       pg_regress: sql/*.sql against expected/*.out
#   isolation     isolation specs (specs/*.spec)
#   differential  random inputs against numpy/scipy and independent Python
#   demo          the demo from a clean copy of the tracked files, and
#                 the board pack in headless Chromium (test/pack/)
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
#   matrix        build, regress, isolation and upgrade on PostgreSQL 13, 17
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
#
# Two lanes (SOCIALCARE_TEST_JOBS=1: one, every suite in turn): when the
# suites asked for include some of SIDE_SUITES and some others, the
# SIDE_SUITES run one after another in a background lane while the others
# run in this shell; each suite's output goes to a file of its own and is
# printed whole, in the order above, as soon as the suites before it have
# been printed (so a suite of this shell whose turn it is prints as it
# runs).  Before the lanes start, the packages of every suite asked for
# are installed (apt is not run from two lanes) and the extension is built
# and installed (the lanes never build the same files).  The side lane's
# SQL suite (ssd) gets a throwaway cluster of its own, or shares the
# server of SOCIALCARE_USE_SERVER=1 (it uses a database of its own and no
# role); valgrind and cluster make their own clusters.
#
# A suite may define prepare_SUITE: started in the background as soon as
# the packages are installed (before the build), for slow network- or
# IO-bound setup (a chroot to bootstrap, say); suite_SUITE then calls
# "prepared SUITE", which waits for it, prints its output and returns its
# exit status.
source "$(dirname "$0")/lib.sh"

SUITES=(unit regress isolation differential demo ssd docs cluster hardening fuzz valgrind matrix)
# The background lane's suites: those needing no server or their own (and
# ssd, which has a database of its own), about half of the work on 2 cores.
SIDE_SUITES=(unit ssd cluster fuzz valgrind)
JOBS=${SOCIALCARE_TEST_JOBS:-2}
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
PREPARE=
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
	[ -z "$PREPARE" ] || return 0
	STEPS_RUN=$((STEPS_RUN + 1))
	if [ -n "$LIST" ]; then
		printf '  %-30s %s\n' "$name" "$*"
		return 0
	fi
	say "$name"
	out=$LOG/step.${name//\//_}.out
	STEP_PASSED=0
	STEP_FAILED=0
	local t0=$SECONDS
	(cd "$ROOT" && "$@") >"$out" 2>&1 || status=$?
	say "$name took $((SECONDS - t0)) s"
	cat "$out"
	"$counter" "$out"
	if [ "$status" -ne 0 ] && [ "$STEP_FAILED" -eq 0 ]; then
		echo "not ok - $name exited with status $status"
		STEP_FAILED=1
	fi
	SUITE_PASSED=$((SUITE_PASSED + STEP_PASSED))
	SUITE_FAILED=$((SUITE_FAILED + STEP_FAILED))
}

# packages PKG...: what a suite needs (installed when root; with
# COLLECT, only noted in PKGS, to be installed at once before the lanes).
PKGS=()
COLLECT=
packages() {
	if [ -n "$COLLECT" ]; then
		PKGS+=("$@")
	elif [ -z "$LIST" ]; then
		need_packages "$@"
	fi
}

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
	[ -z "$LIST" ] && [ -z "$PREPARE" ] && [ -z "$SERVER_READY" ] || return 0
	start_cluster
	# start_cluster's exit trap stops the cluster: put ours back.
	trap on_exit EXIT
	SERVER_READY=1
}

# On an existing server, the databases pg_regress and pg_isolation_regress
# leave are dropped at exit (by the main shell, after the side lane has
# ended), unless they were there before the run (KEEP_DBS, read once
# before the lanes start).
KEEP_DBS=
KEEP_DBS_READ=
read_regress_databases() {
	[ -n "${SOCIALCARE_USE_SERVER:-}" ] && [ -z "$LIST" ] || return 0
	KEEP_DBS=$("$($PG_CONFIG --bindir)/psql" -X -q -At -d "${PGDATABASE:-postgres}" -c \
		"SELECT string_agg(datname, ' ') FROM pg_database WHERE datname IN ('contrib_regression', 'isolation_regression')" 2>/dev/null) \
		&& KEEP_DBS_READ=1 || true
}
drop_regress_databases() {
	[ -n "${SOCIALCARE_USE_SERVER:-}" ] && [ -n "$KEEP_DBS_READ" ] || return 0
	local db
	for db in contrib_regression isolation_regression; do
		[[ " $KEEP_DBS " == *" $db "* ]] && continue
		"$($PG_CONFIG --bindir)/psql" -X -q -d "${PGDATABASE:-postgres}" \
			-c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	done
}

# on_exit: this shell's cluster stopped; in the main shell, the side lane
# stopped first (its own exit trap stops its cluster) and the logs removed.
LANE=
SIDE_PID=
PREPARE_PIDS=()
on_exit() {
	if [ -z "$LANE" ]; then
		if [ -n "$SIDE_PID" ] && kill -0 "$SIDE_PID" 2>/dev/null; then
			kill -TERM -- "-$SIDE_PID" 2>/dev/null || kill -TERM "$SIDE_PID" 2>/dev/null || true
			wait "$SIDE_PID" 2>/dev/null || true
		fi
		drop_regress_databases
		# prepare_SUITE hooks still running (an interrupted run): their
		# own exit traps clean up (the matrix unmounts and removes its roots).
		for pid in "${PREPARE_PIDS[@]}"; do
			kill -TERM -- "-$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		done
		stop_cluster
		[ -z "$LOG" ] || rm -rf "$LOG"
	else
		stop_cluster
	fi
}

# prepared SUITE: wait for prepare_SUITE (started before the lanes), print
# its output (the suite's TAP, counted by the step that calls this), return
# its exit status.
prepared() {
	[ -z "$LIST" ] || return 0
	local rc=$LOG/prepare.$1.rc
	[ -f "$LOG/prepare.$1.out" ] || { say "prepare_$1 was not started"; return 1; }
	while [ ! -f "$rc" ]; do sleep 1; done
	cat "$LOG/prepare.$1.out"
	return "$(cat "$rc")"
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

# in_scratch_db DB CMD...: CMD with PGDATABASE=DB, a database made for it
# and dropped afterwards (on an existing server, nothing is left in the
# database PGDATABASE names, where the tests would otherwise create the
# extension).
in_scratch_db() {
	local db=$1 status=0 psql
	shift
	psql=("$($PG_CONFIG --bindir)/psql" -X -q -v ON_ERROR_STOP=1 -d "${PGDATABASE:-postgres}" -c "SET client_min_messages = warning")
	"${psql[@]}" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" || return 1
	PGDATABASE=$db "$@" || status=$?
	"${psql[@]}" -c "DROP DATABASE IF EXISTS $db" || status=1
	return $status
}

suite_differential() {
	packages python3 python3-numpy python3-scipy
	server
	local t
	for t in workdays stats rereferral chain scorecard episodes funnel spc; do
		step "differential/$t" count_tap in_scratch_db socialcare_differential "$PYTHON" "test/differential/${t}_diff.py"
	done
}

suite_demo() {
	packages git chromium poppler-utils
	server
	step demo count_tap bash test/demo.sh
	step demo/pack count_tap bash test/pack/run.sh
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
	if [ "$(id -u)" -eq 0 ] && [ -z "$LIST" ] && [ -z "$PREPARE" ]; then
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
# its roots: prepare_matrix starts it in the background before the build,
# and its suite reports it when its turn comes.
MATRIX_VERSIONS=${SOCIALCARE_MATRIX_VERSIONS:-13 17 18}
prepare_matrix() {
	if [ -n "${SOCIALCARE_MATRIX_RESULT:-}" ]; then
		# Run by root before this script went on as the server's OS user
		# (the peer path below): its output and status.
		while [ ! -e "$SOCIALCARE_MATRIX_RESULT.rc" ]; do sleep 2; done
		cat "$SOCIALCARE_MATRIX_RESULT"
		return "$(cat "$SOCIALCARE_MATRIX_RESULT.rc")"
	fi
	bash "$ROOT/test/matrix/run.sh" $MATRIX_VERSIONS
}
suite_matrix() {
	packages debootstrap git
	step matrix count_tap prepared matrix
}

if [ -n "$LIST" ]; then
	for s in "${WANT[@]}"; do
		echo "$s"
		"suite_$s"
	done
	exit 0
fi

# As root on an existing server that authenticates the socket by peer
# (Debian's pg_hba.conf: root may not connect as postgres), the tests run
# as the OS user named PGUSER: root installs the packages and the
# extension (the suites with their steps skipped), then runs this script
# as that user in a copy of the checkout that user owns (root's checkout
# may sit where it cannot read, /root), removed afterwards.
if [ "$(id -u)" -eq 0 ] && [ -n "${SOCIALCARE_USE_SERVER:-}" ] && [ -z "${SOCIALCARE_INSTALLED:-}" ] \
	&& [ -x "$PG_CONFIG" ] && AS_USER=$(peer_user); then
	say "root cannot connect as ${PGUSER}, the OS user $AS_USER can (peer): the tests run as $AS_USER"
	PREPARE=1
	for s in "${WANT[@]}"; do "suite_$s"; done
	COPY=$(mktemp -d /tmp/socialcare-as-user.XXXXXX)
	MATRIX_PID=
	trap '[ -z "$MATRIX_PID" ] || kill -- "-$MATRIX_PID" 2>/dev/null; wait; rm -rf "$COPY"' EXIT
	cp -a "$ROOT/." "$COPY/tree"
	chown -R "$AS_USER" "$COPY"
	# The matrix needs root (debootstrap, chroot): root runs it here, in
	# the background, and the user's run reports it in its turn.
	if [[ " ${WANT[*]} " == *" matrix "* ]]; then
		set -m
		( rc=0; bash "$ROOT/test/matrix/run.sh" $MATRIX_VERSIONS >"$COPY/matrix.out" 2>&1 || rc=$?
		  echo "$rc" >"$COPY/matrix.out.rc" ) &
		MATRIX_PID=$!
		set +m
	fi
	status=0
	(cd "$COPY/tree" && runuser -u "$AS_USER" -- env SOCIALCARE_INSTALLED=1 \
		${MATRIX_PID:+SOCIALCARE_MATRIX_RESULT="$COPY/matrix.out"} bash scripts/test.sh "$@") || status=$?
	MATRIX_PID=
	exit "$status"
fi

LOG=$(mktemp -d /tmp/socialcare-test.XXXXXX)
trap on_exit EXIT
# Killed: exit, so that on_exit stops the side lane and the clusters.
trap 'exit 143' TERM
trap 'exit 130' INT
read_regress_databases

# run_suite SUITE: run it; its counts (passed, failed, steps) to
# LOG/SUITE.done.  Its output goes where the caller sends it.
run_suite() {
	local s=$1 t0=$SECONDS
	SUITE_PASSED=0
	SUITE_FAILED=0
	STEPS_RUN=0
	say "suite $s"
	"suite_$s"
	say "suite $s took $((SECONDS - t0)) s"
	echo "# $s: $SUITE_PASSED passed, $SUITE_FAILED failed"
	echo "$SUITE_PASSED $SUITE_FAILED $STEPS_RUN" >"$LOG/$s.done"
}

# The packages of every suite asked for, at once.
COLLECT=1 LIST=1
for s in "${WANT[@]}"; do "suite_$s"; done >/dev/null
COLLECT= LIST=
STEPS_RUN=0
[ ${#PKGS[@]} -eq 0 ] || need_packages $(printf '%s\n' "${PKGS[@]}" | sort -u)

# The prepare_SUITE hooks, in the background; "prepared SUITE" waits.
for s in "${WANT[@]}"; do
	if declare -F "prepare_$s" >/dev/null; then
		say "preparing $s in the background"
		set -m
		( rc=0; "prepare_$s" >"$LOG/prepare.$s.out" 2>&1 || rc=$?; echo "$rc" >"$LOG/prepare.$s.rc" ) &
		PREPARE_PIDS+=($!)
		set +m
	fi
done

# The lanes.
SIDE=()
MAIN=()
for s in "${WANT[@]}"; do
	if [ "$JOBS" -gt 1 ] && [[ " ${SIDE_SUITES[*]} " == *" $s "* ]]; then
		SIDE+=("$s")
	else
		MAIN+=("$s")
	fi
done
if [ ${#MAIN[@]} -eq 0 ] || [ ${#SIDE[@]} -eq 0 ]; then
	MAIN=("${WANT[@]}")
	SIDE=()
fi
if [ ${#SIDE[@]} -gt 0 ]; then
	# Built and installed once, before the lanes (every suite of this
	# shell needs it).
	installed
	say "in the background: ${SIDE[*]}"
	set -m
	(
		LANE=side
		trap on_exit EXIT
		trap 'exit 143' TERM
		for s in "${SIDE[@]}"; do
			run_suite "$s" >"$LOG/$s.out" 2>&1
		done
	) &
	SIDE_PID=$!
	set +m
fi

# print_ready: the finished suites' output and counts, in order, up to the
# first one still running.
NEXT=0
STEPS_TOTAL=0
print_ready() {
	local s passed failed steps
	while [ "$NEXT" -lt ${#WANT[@]} ]; do
		s=${WANT[$NEXT]}
		[ -f "$LOG/$s.done" ] || return 0
		[ ! -f "$LOG/$s.out" ] || cat "$LOG/$s.out"
		read -r passed failed steps <"$LOG/$s.done"
		PASSED=$((PASSED + passed))
		FAILED=$((FAILED + failed))
		STEPS_TOTAL=$((STEPS_TOTAL + steps))
		NEXT=$((NEXT + 1))
	done
}

for s in "${MAIN[@]}"; do
	print_ready
	if [ "${WANT[$NEXT]}" = "$s" ]; then
		# Its turn: it prints as it runs.
		rm -f "$LOG/$s.out"
		run_suite "$s"
	else
		run_suite "$s" >"$LOG/$s.out" 2>&1
	fi
done
if [ -n "$SIDE_PID" ]; then
	side_status=0
	wait "$SIDE_PID" || side_status=$?
	SIDE_PID=
	# A suite of the side lane that ended the lane (a set -e exit) left no
	# counts: one failure, and its output.
	for s in "${SIDE[@]}"; do
		if [ ! -f "$LOG/$s.done" ]; then
			echo "not ok - suite $s did not finish (the background lane exited with status $side_status)" >>"$LOG/$s.out"
			echo "0 1 1" >"$LOG/$s.done"
		fi
	done
fi
print_ready

if [ "$STEPS_TOTAL" -eq 0 ]; then
	say "no step matched: scripts/test.sh --list names them"
	FAILED=$((FAILED + 1))
fi
on_exit
trap - EXIT
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
