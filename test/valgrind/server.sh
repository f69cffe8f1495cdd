#!/usr/bin/env bash
# test/valgrind/server.sh [TEST...]: the pg_regress suite (or the tests
# named) against a server running under valgrind memcheck: a throwaway
# cluster on a private socket whose postmaster, and so every backend it
# forks, runs under valgrind.  Any invalid read or write, use of
# uninitialised memory or definite leak outside PostgreSQL's known
# padding writes (postgres.supp) fails.  JIT is off: loading llvmjit.so
# under valgrind reports glibc's own rpath reads, not ours.  Needs the extension built and
# installed (PG_CONFIG) and runs as root or as the cluster's owner.
# Prints TAP lines.  scripts/test.sh runs it (about 80 s of pg_regress
# on 2 cores, against about 10 s without valgrind).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BINDIR=$(${PG_CONFIG:-pg_config} --bindir)
WORK=$(mktemp -d /tmp/socialcare-valgrind.XXXXXX)
PORT=$((30000 + RANDOM % 10000))
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# The suppressions in WORK: the server's user may not read the checkout (/root).
cp "$HERE/postgres.supp" "$WORK/postgres.supp"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$WORK"
cleanup() {
	as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -m fast -w -t 300 stop >/dev/null 2>&1
	rm -rf "$WORK"
}
trap cleanup EXIT

as_owner "$BINDIR/initdb" -D "$WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner valgrind -q --suppressions="$WORK/postgres.supp" --leak-check=no --read-var-info=no \
	--log-file="$WORK/vg.%p.log" "$BINDIR/postgres" -D "$WORK/data" -k "$WORK" -p $PORT \
	-c listen_addresses= -c fsync=off -c max_worker_processes=8 -c jit=off >"$WORK/server.log" 2>&1 &
for _ in $(seq 1 120); do
	"$BINDIR/pg_isready" -q -h "$WORK" -p $PORT && break
	sleep 1
done
if ! "$BINDIR/pg_isready" -q -h "$WORK" -p $PORT; then
	echo "not ok 1 - the server did not start under valgrind"
	cat "$WORK/server.log" "$WORK"/vg.*.log 2>/dev/null | head -20 | sed 's/^/# /'
	exit 1
fi
tests=${*:-$(cd "$ROOT/sql" && ls *.sql | sed 's/\.sql$//' | tr '\n' ' ')}
start=$(date +%s)
status=0
# pg_regress's results and diffs in WORK, not the checkout's results/: the
# regress suite may be running there at the same time (scripts/test.sh's lanes).
make -s -C "$ROOT" installcheck PGHOST="$WORK" PGPORT=$PORT PGUSER=postgres \
	REGRESS="$tests" ISOLATION= EXTRA_REGRESS_OPTS="--outputdir=$WORK/regress" >"$WORK/regress.out" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
as_owner "$BINDIR/pg_ctl" -D "$WORK/data" -m fast -w -t 300 stop >/dev/null 2>&1
reports=$(cat "$WORK"/vg.*.log 2>/dev/null)
if [ "$status" -eq 0 ]; then
	echo "ok 1 - pg_regress under valgrind passes ($tests; ${elapsed} s)"
else
	echo "not ok 1 - pg_regress under valgrind fails"
	sed 's/^/# /' "$WORK/regress.out" "$WORK/regress/regression.diffs" 2>/dev/null | head -60
fi
if [ -z "$reports" ]; then
	echo "ok 2 - valgrind reports no invalid access in any backend ($(ls "$WORK"/vg.*.log | wc -l) processes)"
else
	echo "not ok 2 - valgrind reports errors"
	echo "$reports" | head -100 | sed 's/^/# /'
fi
echo "1..2"
