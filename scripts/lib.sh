# scripts/lib.sh: shared by demo.sh, test.sh, bench.sh and the test scripts that start a cluster (source it).
#
# Installs missing Debian packages when run as root, builds and installs
# the extension, and starts a throwaway PostgreSQL cluster owned by an
# unprivileged user, on a unix socket only, stopped on exit.  Set
# SOCIALCARE_USE_SERVER=1 to use the server PGHOST/PGPORT/PGUSER point to
# instead of starting one.  Set SOCIALCARE_PG_ROOT=DIR to build, install
# and run against a private copy of PostgreSQL in DIR (made on first use)
# instead of the system's, so several checkouts can be tested at once.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_MAJOR=${PG_MAJOR:-15}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}
export PG_CONFIG
APT_UPDATED=

say() { printf '==> %s\n' "$*" >&2; }

# need_packages PKG...: install the missing ones (root), or say what is missing.
need_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		say "missing packages: ${missing[*]}"
		say "install them first, as root: apt-get install ${missing[*]}"
		exit 1
	fi
	say "installing ${missing[*]}"
	if [ -z "$APT_UPDATED" ]; then
		apt-get update -qq >/dev/null
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
}

# want_packages PKG...: install the missing ones when root; otherwise say
# which are missing and return 1 (the caller goes on without them).
want_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		say "missing packages: ${missing[*]} (sudo apt-get install ${missing[*]})"
		return 1
	fi
	need_packages "$@"
}

# chromium_headless ARGS... URL: Debian's chromium, headless, with a fresh
# profile in a temporary directory removed afterwards; its chatter on stderr
# is dropped.  --no-sandbox as root (Chromium refuses to run sandboxed as
# root), and where the kernel gives an unprivileged user no namespaces for
# the sandbox (a container or a chroot: Chromium says "No usable sandbox"):
# what it renders is our own file, offline.
chromium_headless() {
	local profile status sandbox=()
	[ "$(id -u)" -eq 0 ] && sandbox=(--no-sandbox)
	while :; do
		status=0
		profile=$(mktemp -d /tmp/socialcare-chromium.XXXXXX)
		timeout 120 chromium --headless "${sandbox[@]}" --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--user-data-dir="$profile" "$@" 2>"$profile.stderr" || status=$?
		if [ ${#sandbox[@]} -eq 0 ] && grep -q 'No usable sandbox' "$profile.stderr"; then
			rm -rf "$profile" "$profile.stderr"
			sandbox=(--no-sandbox)
			continue
		fi
		rm -rf "$profile" "$profile.stderr"
		return $status
	done
}

need_build_tools() {
	need_packages make gcc libc6-dev "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR"
	[ -n "${SOCIALCARE_PG_ROOT:-}" ] && use_private_root "$SOCIALCARE_PG_ROOT"
	return 0
}

# use_private_root DIR: copy the PostgreSQL installation under DIR, keeping
# its layout (PostgreSQL finds its share and lib directories relative to
# its binaries), and use that copy's pg_config from now on.
use_private_root() {
	local root=$1 d
	if [ ! -x "$root/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" ]; then
		say "copying PostgreSQL $PG_MAJOR into $root"
		for d in "lib/postgresql/$PG_MAJOR" "share/postgresql/$PG_MAJOR" "include/postgresql"; do
			mkdir -p "$root/usr/$(dirname "$d")"
			cp -a "/usr/$d" "$root/usr/$(dirname "$d")/"
		done
		chmod -R a+rX "$root"
	fi
	PG_CONFIG=$root/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
	export PG_CONFIG
}

# Build with -Werror and install into the server's directories (with
# SOCIALCARE_DESTDIR=DIR: under DIR instead, make install's DESTDIR, leaving
# the server's files alone; test/demo.sh does so, as scripts/test.sh has
# installed the same files and other suites may be loading them;
# SOCIALCARE_INSTALLED=1: root installed this tree already, build only).
build_and_install() {
	say "building socialcare"
	make -C "$ROOT" -s PG_CONFIG="$PG_CONFIG" >/dev/null
	if [ -n "${SOCIALCARE_DESTDIR:-}" ]; then
		make -C "$ROOT" -s install PG_CONFIG="$PG_CONFIG" DESTDIR="$SOCIALCARE_DESTDIR" >/dev/null
		return 0
	fi
	[ -z "${SOCIALCARE_INSTALLED:-}" ] || return 0
	if [ -w "$($PG_CONFIG --sharedir)/extension" ]; then
		make -C "$ROOT" -s install PG_CONFIG="$PG_CONFIG" >/dev/null
	elif ! installed_matches_build; then
		say "cannot write to $($PG_CONFIG --sharedir)/extension, and what is installed there is not this build:"
		say "run 'make install PG_CONFIG=$PG_CONFIG' as root once (su -c, or sudo), or run this as root"
		exit 1
	fi
}

# Are the library, control file and scripts installed those of this build?
installed_matches_build() {
	local f ext
	ext=$($PG_CONFIG --sharedir)/extension
	cmp -s "$ROOT/socialcare.so" "$($PG_CONFIG --pkglibdir)/socialcare.so" || return 1
	cmp -s "$ROOT/socialcare.control" "$ext/socialcare.control" || return 1
	for f in "$ROOT"/extension/socialcare--*.sql; do
		cmp -s "$f" "$ext/$(basename "$f")" || return 1
	done
}

# run_as_owner CMD...: run as the cluster's owner (postgres when we are root),
# from / (it may not enter the checkout: /root).
run_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u "$CLUSTER_OWNER" -- "$@")
	else
		"$@"
	fi
}

stop_cluster() {
	if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR" ]; then
		run_as_owner "$($PG_CONFIG --bindir)/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
		rm -rf "$CLUSTER_DIR"
		say "throwaway cluster stopped and removed"
	fi
	CLUSTER_DIR=
}

# start_cluster: export PGHOST/PGPORT/PGUSER/PGDATABASE for a fresh cluster
# (new_cluster), stopped and removed on exit, or for the server
# SOCIALCARE_USE_SERVER=1 names.
start_cluster() {
	if [ -n "${SOCIALCARE_USE_SERVER:-}" ]; then
		say "using the server at ${PGHOST:-default socket}, port ${PGPORT:-5432}, as role ${PGUSER:-$(id -un)}"
		if ! server_answers; then
			say "cannot connect: $("$($PG_CONFIG --bindir)/psql" -X -d "${PGDATABASE:-postgres}" -c 'SELECT 1' 2>&1 | head -n 1)"
			say "the tests need a superuser role; with Debian's peer authentication, one named like you:"
			say "  as root, once: runuser -u postgres -- createuser --superuser $(id -un)"
			say "  then: PGUSER=$(id -un) (or run this as root with PGUSER=postgres)"
			exit 1
		fi
		return 0
	fi
	trap stop_cluster EXIT
	new_cluster
}

# new_cluster: a throwaway cluster owned by an unprivileged user (postgres
# when we are root), on a unix socket only, PGHOST/PGPORT/PGUSER/PGDATABASE
# exported for it; the caller's exit trap calls stop_cluster.
new_cluster() {
	local bindir port
	bindir=$($PG_CONFIG --bindir)
	CLUSTER_OWNER=$(id -un)
	if [ "$(id -u)" -eq 0 ]; then
		CLUSTER_OWNER=postgres
		id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
	fi
	CLUSTER_DIR=$(mktemp -d /tmp/socialcare-cluster.XXXXXX)
	chmod 700 "$CLUSTER_DIR"
	[ "$(id -u)" -eq 0 ] && chown "$CLUSTER_OWNER" "$CLUSTER_DIR"
	port=$((50000 + RANDOM % 10000))
	say "starting a throwaway cluster as $CLUSTER_OWNER on socket $CLUSTER_DIR (port $port)"
	run_as_owner "$bindir/initdb" -D "$CLUSTER_DIR/data" -U postgres --auth=trust \
		-E UTF8 --locale=C.UTF-8 >/dev/null
	run_as_owner "$bindir/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/log" -w \
		-o "-c listen_addresses='' -k $CLUSTER_DIR -p $port -c max_worker_processes=8 -c fsync=off" \
		start >/dev/null
	export PGHOST=$CLUSTER_DIR PGPORT=$port PGUSER=postgres PGDATABASE=postgres
}

# server_answers [USER]: can we (or the OS user USER, when we are root)
# connect to the server PGHOST etc. point to?
server_answers() {
	local psql
	psql=$($PG_CONFIG --bindir)/psql
	[ -x "$psql" ] || psql=psql
	if [ -n "${1:-}" ]; then
		(cd / && runuser -u "$1" -- "$psql" -X -q -At -d "${PGDATABASE:-postgres}" -c 'SELECT 1' >/dev/null 2>&1)
	else
		"$psql" -X -q -At -d "${PGDATABASE:-postgres}" -c 'SELECT 1' >/dev/null 2>&1
	fi
}

# peer_user: as root with SOCIALCARE_USE_SERVER=1, the OS user to run the
# clients as: root cannot connect as PGUSER, but the OS user of that name
# can (peer authentication on the socket, as Debian's pg_hba.conf has
# it).  Prints nothing (status 1) when root connects or nobody does.
peer_user() {
	local user=${PGUSER:-root}
	[ -n "${SOCIALCARE_USE_SERVER:-}" ] && [ "$(id -u)" -eq 0 ] && [ "$user" != root ] || return 1
	id "$user" >/dev/null 2>&1 || return 1
	server_answers && return 1
	server_answers "$user" || return 1
	echo "$user"
}
