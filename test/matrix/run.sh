#!/usr/bin/env bash
# test/matrix/run.sh [13|15|17|18 ...]: build and test socialcare on each
# PostgreSQL major version (default: all four), each in a throwaway Debian
# root of the release that ships it: bullseye (13), bookworm (15),
# trixie (17), sid (18).  For each version: debootstrap --variant=minbase
# from the Debian mirror the host's apt uses (SOCIALCARE_DEBIAN_MIRROR
# overrides it), postgresql-N, make and gcc in it; the checkout copied in
# (tracked and untracked files, no build outputs); built with that
# version's PGXS and -Werror; then, as an unprivileged user in the root,
# the pg_regress suite, the isolation specs and the upgrade test
# (test/matrix/upgrade.sh).  The roots are made in parallel, each
# version is built and tested as soon as its root is ready, and
# everything (mounts, roots) is removed on exit, failed or not; nothing
# is cached.  Needs root (debootstrap, chroot).
#
# Prints TAP ("ok N - 17 regress pct"), then a line per version with its
# counts and how long each part took, and "N passed, N failed" last.
# The exit status is non-zero when anything failed.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
declare -A RELEASE=([13]=bullseye [15]=bookworm [17]=trixie [18]=sid)
VERSIONS=("$@")
[ ${#VERSIONS[@]} -gt 0 ] || VERSIONS=(13 15 17 18)
for v in "${VERSIONS[@]}"; do
	if [ -z "${RELEASE[$v]:-}" ]; then
		echo "usage: test/matrix/run.sh [13|15|17|18 ...]" >&2
		exit 2
	fi
done

say() { printf '==> matrix: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP the matrix needs root (debootstrap and chroot)"
	exit 0
fi
for tool in debootstrap chroot git; do
	command -v "$tool" >/dev/null || { echo "not ok 1 - $tool is not installed"; exit 1; }
done

# mirror: the Debian archive the host's apt reads (not the security one).
mirror() {
	if [ -n "${SOCIALCARE_DEBIAN_MIRROR:-}" ]; then
		echo "$SOCIALCARE_DEBIAN_MIRROR"
		return
	fi
	{
		sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | tr ' ' '\n'
		sed -nE 's/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([a-z]+:[^[:space:]]+).*/\2/p' \
			/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
	} | grep -E '^[a-z]+://' | grep -v security | head -n 1
}
MIRROR=$(mirror)
[ -n "$MIRROR" ] || { echo "not ok 1 - no Debian mirror in /etc/apt (set SOCIALCARE_DEBIAN_MIRROR)"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/socialcare-matrix.XXXXXX")
chmod 755 "$WORK"
PIDS=()

# cleanup: stop what we started, unmount everything under WORK (deepest
# first), remove it.
cleanup() {
	local pid m
	for pid in "${PIDS[@]}"; do
		kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	for v in "${VERSIONS[@]}"; do
		[ -d "$WORK/root$v" ] || continue
		# A server left running in the root (a failed run): stop it.
		chroot "$WORK/root$v" pkill -u pgtest 2>/dev/null || true
	done
	while read -r m; do
		umount -l "$m" 2>/dev/null || true
	done < <(awk -v w="$WORK/" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r)
	if awk -v w="$WORK/" 'index($2, w) == 1 {f=1} END {exit !f}' /proc/mounts; then
		say "could not unmount everything under $WORK: left in place"
	else
		rm -rf --one-file-system "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The checkout: tracked and untracked files, not the ignored build outputs.
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
	xargs -0 -r ls -d 2>/dev/null | tar -cf "$WORK/tree.tar" -T -) || {
	echo "not ok 1 - could not archive the checkout"
	exit 1
}

# prepare V: the root of V's release, with postgresql-V, the build tools
# and V's PGXS and headers, in $WORK/rootV; times in $WORK/timesV.
prepare() {
	local v=$1 r=$WORK/root$1 t0=$SECONDS rel=${RELEASE[$1]} apt
	debootstrap --variant=minbase "$rel" "$r" "$MIRROR" >"$WORK/debootstrap$v.log" 2>&1 || {
		echo "debootstrap of $rel failed:"; tail -n 20 "$WORK/debootstrap$v.log"; return 1; }
	echo "debootstrap=$((SECONDS - t0))" >"$WORK/times$v"
	t0=$SECONDS
	# No services started, no cluster made by the packages, no docs.
	printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
	chmod 755 "$r/usr/sbin/policy-rc.d"
	mkdir -p "$r/etc/postgresql-common/createcluster.d"
	echo 'create_main_cluster = false' >"$r/etc/postgresql-common/createcluster.d/matrix.conf"
	printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/locale/*\n' \
		>"$r/etc/dpkg/dpkg.cfg.d/matrix-nodoc"
	# The registry's sid can be older than its Release file's Valid-Until.
	printf 'APT::Install-Recommends "false";\nAcquire::Retries "3";\nAcquire::Check-Valid-Until "false";\n' >"$r/etc/apt/apt.conf.d/90matrix"
	apt="chroot $r env DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get -q -y"
	# sid's postgresql-common runs systemd-tmpfiles, which needs /proc.
	mount -t proc proc "$r/proc"
	# postgresql-server-dev-N depends on clang and llvm for JIT bitcode,
	# which these tests do not need (make with_llvm=no): its files only.
	{ $apt update && $apt install "postgresql-$v" make gcc libc6-dev locales-all procps &&
		(cd "$r/tmp" && chroot "$r" sh -c "cd /tmp && apt-get -q download postgresql-server-dev-$v") &&
		chroot "$r" sh -c "dpkg -x /tmp/postgresql-server-dev-${v}_*.deb / && rm /tmp/*.deb" &&
		$apt clean; } >"$WORK/apt$v.log" 2>&1 || {
		umount -l "$r/proc"
		echo "apt in the $rel root failed:"; tail -n 30 "$WORK/apt$v.log"; return 1; }
	echo "apt=$((SECONDS - t0))" >>"$WORK/times$v"
	if [ "$v" = 13 ]; then
		t0=$SECONDS
		isolation_tools "$r" "$v" >"$WORK/isolation$v.log" 2>&1 || {
			umount -l "$r/proc"
			echo "building PostgreSQL $v's isolation tester failed:"; tail -n 30 "$WORK/isolation$v.log"; return 1; }
		echo "isolationtools=$((SECONDS - t0))" >>"$WORK/times$v"
	fi
	umount -l "$r/proc"
}

# isolation_tools ROOT V: PostgreSQL 13's PGXS has no isolation tester
# (14 added it): build isolationtester and pg_isolation_regress from
# the release's own source package (its registry's deb-src) and put them
# where PGXS's installcheck looks, then remove the source.
isolation_tools() {
	local r=$1 v=$2 rel=${RELEASE[$2]}
	local apt="chroot $r env DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get -q -y"
	local dest=/usr/lib/postgresql/$v/lib/pgxs/src/test/isolation
	echo "deb-src $MIRROR $rel main" >"$r/etc/apt/sources.list.d/matrix-src.list"
	$apt update && $apt install bzip2 &&
		chroot "$r" sh -c "mkdir -p /tmp/src && cd /tmp/src &&
			apt-get -q source --download-only postgresql-$v &&
			tar -xjf postgresql-${v}_*.orig.tar.bz2 && cd postgresql-$v.* &&
			./configure -q --without-readline --without-zlib --without-icu &&
			make -s -C src/test/isolation &&
			mkdir -p $dest && cp src/test/isolation/isolationtester src/test/isolation/pg_isolation_regress $dest/ &&
			cd / && rm -rf /tmp/src" &&
		$apt clean
}

# mount_root V / umount_root V: /proc, /sys, /dev in the root.
mount_root() {
	local r=$WORK/root$1
	mount -t proc proc "$r/proc"
	mount -t sysfs sys "$r/sys"
	mount --bind /dev "$r/dev"
	mount -t devpts devpts "$r/dev/pts" -o newinstance,ptmxmode=0666 2>/dev/null || true
	mount -t tmpfs shm "$r/dev/shm" 2>/dev/null || true
}
umount_root() {
	local r=$WORK/root$1 m
	for m in dev/shm dev/pts dev sys proc; do
		mountpoint -q "$r/$m" && umount -l "$r/$m"
	done
	return 0
}

# test_version V: build and test in the prepared root; TAP-ish results
# ("PASS name" / "FAIL name") in $WORK/resultsV.
test_version() {
	local v=$1 r=$WORK/root$1 t0 status=0
	local res=$WORK/results$v
	: >"$res"
	mount_root "$v"
	chroot "$r" sh -c 'id pgtest >/dev/null 2>&1 || useradd -m pgtest'
	mkdir -p "$r/home/pgtest/socialcare"
	tar -xf "$WORK/tree.tar" -C "$r/home/pgtest/socialcare"
	t0=$SECONDS
	if chroot "$r" sh -c "cd /home/pgtest/socialcare &&
		make -s with_llvm=no PG_CONFIG=/usr/lib/postgresql/$v/bin/pg_config &&
		make -s with_llvm=no install PG_CONFIG=/usr/lib/postgresql/$v/bin/pg_config" >"$WORK/build$v.log" 2>&1; then
		echo "PASS build with PostgreSQL $v's PGXS (-Werror)" >>"$res"
	else
		echo "FAIL build with PostgreSQL $v's PGXS (-Werror)" >>"$res"
		sed 's/^/# /' "$WORK/build$v.log" | tail -n 40 >>"$res"
		echo "build=$((SECONDS - t0))" >>"$WORK/times$v"
		umount_root "$v"
		return 1
	fi
	echo "build=$((SECONDS - t0))" >>"$WORK/times$v"
	chroot "$r" chown -R pgtest: /home/pgtest/socialcare
	# The tests, as pgtest: a cluster of its own, then each part.
	chroot "$r" runuser -u pgtest -- env PG_MAJOR="$v" LC_ALL=C.UTF-8 \
		bash /home/pgtest/socialcare/test/matrix/in_root.sh >>"$res" 2>"$WORK/tests$v.log" || status=$?
	grep -E '^[a-z]+=[0-9]+$' "$res" >>"$WORK/times$v"
	sed -i -E '/^[a-z]+=[0-9]+$/d' "$res"
	umount_root "$v"
	return $status
}

#--------------------------------------------------------------------------
T0=$SECONDS
say "Debian mirror $MIRROR; versions ${VERSIONS[*]}; work in $WORK"
declare -A PREP=()
for v in "${VERSIONS[@]}"; do
	set -m
	# Its status in a file: with three roots, bash's wait could no longer
	# tell the status of one that had ended ("not a child of this shell").
	{ prepare "$v"; echo $? >"$WORK/prepared$v"; } >"$WORK/prepare$v.out" 2>&1 &
	PREP[$v]=$!
	PIDS+=($!)
	set +m
done

N=0
TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
for v in "${VERSIONS[@]}"; do
	passed=0
	failed=0
	# Wait for V's root (its status file, or its end without one).
	while [ ! -e "$WORK/prepared$v" ] && kill -0 "${PREP[$v]}" 2>/dev/null; do sleep 1; done
	wait "${PREP[$v]}" 2>/dev/null
	if [ "$(cat "$WORK/prepared$v" 2>/dev/null)" = 0 ]; then
		say "PostgreSQL $v: root ready after $((SECONDS - T0)) s; building and testing"
		test_version "$v" || true
	else
		{ echo "FAIL PostgreSQL $v: the ${RELEASE[$v]} root"; sed 's/^/# /' "$WORK/prepare$v.out"; } >"$WORK/results$v"
	fi
	while IFS= read -r line; do
		case $line in
		"PASS "*) N=$((N + 1)); passed=$((passed + 1)); echo "ok $N - $v ${line#PASS }" ;;
		"FAIL "*) N=$((N + 1)); failed=$((failed + 1)); echo "not ok $N - $v ${line#FAIL }" ;;
		*) echo "$line" ;;
		esac
	done <"$WORK/results$v"
	if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
		N=$((N + 1)); failed=1
		echo "not ok $N - $v reported nothing"
		sed 's/^/# /' "$WORK/tests$v.log" 2>/dev/null | tail -n 40
	fi
	times=$(sed 's/=\(.*\)/ \1 s/' "$WORK/times$v" 2>/dev/null | paste -sd, - | sed 's/,/, /g')
	SUMMARY+=("# PostgreSQL $v (${RELEASE[$v]}): $passed passed, $failed failed; $times")
	TOTAL_PASSED=$((TOTAL_PASSED + passed))
	TOTAL_FAILED=$((TOTAL_FAILED + failed))
	# This root is done: free its disk now.
	umount_root "$v"
	rm -rf --one-file-system "$WORK/root$v"
done
echo "1..$N"
printf '%s\n' "${SUMMARY[@]}"
echo "# matrix wall time $((SECONDS - T0)) s"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
[ "$TOTAL_FAILED" -eq 0 ]
