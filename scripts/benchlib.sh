# scripts/benchlib.sh: what the benchmarks share; scripts/bench.sh and
# test/bench/*.sh source it (after scripts/lib.sh, for those that start
# their own cluster).  Functions only, and the psql command line.

PSQL=(psql -X -q -v ON_ERROR_STOP=1)

# sql ARGS...: psql, unaligned and tuples only.
sql() { "${PSQL[@]}" -At "$@"; }

# bench_fail MESSAGE [DETAIL...]: say it loudly on stderr and exit 1.
bench_fail() {
	printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
	printf '!!! BENCH FAILED: %s\n' "$1" >&2
	shift
	[ $# -eq 0 ] || printf '!!!   %s\n' "$@" >&2
	printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
	exit 1
}

# bench_workdir NAME [CLEANUP]: WORK, a new directory /tmp/socialcare-NAME.*
# that the server can read (round scripts, COPY files), removed on exit
# after running the function CLEANUP (if named); the exit traps set before
# (scripts/lib.sh's stops the cluster) still run, after.
bench_workdir() {
	local prev
	WORK=$(mktemp -d "/tmp/socialcare-$1.XXXXXX")
	chmod 755 "$WORK"
	# Expanded now, on purpose: the trap set before, and this WORK.
	prev=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
	# shellcheck disable=SC2064
	trap "${2:+$2; }rm -rf '$WORK'; $prev" EXIT
}

# bench_keep DIR GLOB...: copy WORK's files matching the globs into DIR,
# when DIR is set (the scripts' *_KEEP settings).
bench_keep() {
	local dir=$1 glob
	shift
	[ -n "$dir" ] || return 0
	mkdir -p "$dir"
	for glob in "$@"; do
		# shellcheck disable=SC2086
		cp "$WORK"/$glob "$dir"/ 2>/dev/null || true
	done
	printf '==> %s\n' "plans, round scripts and runs kept in $dir" >&2
}

# mode_settings MODE: the session settings of a mode: serial or parallel
# (2 workers), with +jit for JIT on.
mode_settings() {
	echo "RESET ALL;"
	case $1 in
	serial*) echo "SET max_parallel_workers_per_gather = 0;" ;;
	parallel*) echo "SET max_parallel_workers_per_gather = 2;"
		echo "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;" ;;
	esac
	case $1 in
	*+jit) echo "SET jit = on;" ;;
	*) echo "SET jit = off;" ;;
	esac
}

# A seq scan of a table bigger than a quarter of shared_buffers reads it
# through a 256 kB ring, copying every page in from the OS cache on every
# run: slower and much noisier than the work being measured.  In our own
# cluster, make shared_buffers big enough to keep the tables resident.
#
# fit_shared_buffers BIG SCHEMA [DATA]: restart our cluster with
# shared_buffers at 4.5 times the biggest table (BIG, bytes) plus the
# SCHEMA's data (DATA bytes, by default its tables with their indexes) plus
# 128 MB, at most a third of the RAM, unless it has that much already;
# then load the SCHEMA's tables and indexes (pg_prewarm).  Sets SB_BYTES.
fit_shared_buffers() {
	local data_bytes=${3:-} want_mb mem_mb
	if [ -z "$data_bytes" ]; then
		data_bytes=$(sql -c "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = '$2' AND c.relkind = 'r'")
	fi
	want_mb=$(( ($1 * 9 / 2 + data_bytes) / 1048576 + 128 ))
	mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
	if [ "$want_mb" -gt $((mem_mb / 3)) ]; then
		want_mb=$((mem_mb / 3))
	fi
	SB_BYTES=$(sql -c "SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers'")
	if [ "$SB_BYTES" -lt $((want_mb * 1048576)) ] &&
		[ -n "${CLUSTER_DIR:-}" ] && declare -F run_as_owner >/dev/null; then
		printf '==> %s\n' "restarting the cluster with shared_buffers = ${want_mb}MB" >&2
		sql -c "ALTER SYSTEM SET shared_buffers = '${want_mb}MB'"
		run_as_owner "$($PG_CONFIG --bindir)/pg_ctl" -D "$CLUSTER_DIR/data" \
			-l "$CLUSTER_DIR/log" -w -m fast restart >/dev/null
		SB_BYTES=$(sql -c "SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers'")
	fi
	sql -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" \
		-c "SELECT sum(pg_prewarm(c.oid)) FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = '$2' AND c.relkind IN ('r', 'i')" >/dev/null
}

# Runs files: one line per timed run, "ITEM ROUND REP RESULT MS".

# bench_median FORMAT: the median of the numbers on stdin, printed with
# printf FORMAT (the mean of the middle two for an even count).
bench_median() {
	sort -g | awk -v fmt="$1" '{ v[NR] = $1 }
		END { printf fmt, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_stats FILE ITEM [DIVISOR FORMAT]: runs, median, min and max of
# ITEM's times in the runs FILE, in ms as written, or divided by DIVISOR
# and printed with FORMAT.
bench_stats() {
	if [ $# -gt 2 ]; then
		awk -v item="$2" -v d="$3" '$1 == item { print $5 / d }' "$1" | sort -g |
			awk -v f="$4" '{ v[NR] = $1 } END { printf "%d " f " " f " " f "\n", NR,
				(NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'
	else
		awk -v item="$2" '$1 == item { print $5 }' "$1" | sort -g |
			awk '{ v[NR] = $1 } END { printf "%d %s %s %s\n", NR,
				(NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'
	fi
}

# bench_pairs FILE A B: the ratios A / B of the back-to-back runs (same
# round and rep) in the runs FILE, sorted, one a line.
bench_pairs() {
	awk -v a="$2" -v b="$3" '
		$1 == a { x[$2 " " $3] = $5 } $1 == b { y[$2 " " $3] = $5 }
		END { for (k in x) if (k in y) print x[k] / y[k] }' "$1" | sort -g
}

# bench_paired FILE A B: the median of those ratios, two decimals.
bench_paired() { bench_pairs "$@" | bench_median %.2f; }

# bench_ratio A B: A / B, two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
