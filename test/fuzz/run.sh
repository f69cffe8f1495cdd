#!/usr/bin/env bash
# test/fuzz/run.sh SECONDS TARGET...: run each libFuzzer target (built by
# make fuzzcheck as test/fuzz/TARGET_libfuzzer) for SECONDS, seeded with
# test/fuzz/corpus/NAME (TARGET without "fuzz_"), which is read, never
# written: new inputs go to a temporary directory.  Prints one TAP line per
# target; on a crash, the input in hex, to add to the corpus once fixed.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SECONDS_EACH=$1
shift
WORK=$(mktemp -d /tmp/socialcare-fuzz.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
n=0
for target in "$@"; do
	n=$((n + 1))
	name=${target#fuzz_}
	mkdir -p "$WORK/$name"
	status=0
	"$HERE/${target}_libfuzzer" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$WORK/$name-" "$WORK/$name" "$HERE/corpus/$name" \
		>"$WORK/$name.log" 2>&1 || status=$?
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$WORK/$name.log")
	seeds=$(find "$HERE/corpus/$name" -type f | wc -l)
	if [ "$status" -eq 0 ] && [ -n "$runs" ] && [ "$seeds" -gt 0 ]; then
		echo "ok $n - $target under libFuzzer, ASan and UBSan: $runs from $seeds seeds, no crash"
	else
		echo "not ok $n - $target under libFuzzer, ASan and UBSan (status $status, $seeds seeds)"
		grep -E 'ERROR|runtime error|SUMMARY|MISMATCH|fuzz_' "$WORK/$name.log" | head -20 | sed 's/^/# /'
		for crash in "$WORK/$name"-*; do
			[ -f "$crash" ] && echo "# input $(basename "$crash"): $(od -An -tx1 -v "$crash" | tr -d ' \n')"
		done
	fi
done
echo "1..$n"
