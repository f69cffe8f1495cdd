#!/usr/bin/env bash
# test/citus/build-citus.sh SRC: build Citus from the source tree SRC and
# install it into the PostgreSQL that PG_CONFIG (or pg_config on PATH) names,
# for test/citus/citus.sh (issue 15).  It fetches nothing: get the tree
# yourself, e.g. from a clone of https://github.com/citusdata/citus
#
#   git -C citus archive v13.2.2 | tar -x -C /tmp/citus-src
#   PG_CONFIG=/path/to/pg_config test/citus/build-citus.sh /tmp/citus-src
#
# Tested with Citus v13.2.2 and PostgreSQL 15.20 (Debian 12).  Needs, besides
# postgresql-server-dev-15 and a C compiler, Debian's liblz4-dev libzstd-dev
# libkrb5-dev libssl-dev libselinux1-dev libxslt1-dev libpam0g-dev
# libreadline-dev libicu-dev (configure names any missing one).  Citus is
# built --without-libcurl (its anonymous statistics collection; not needed).
#
# PostgreSQL 15.20 (and later 15.x) declares have_createdb_privilege() in
# commands/dbcommands.h, and Citus 13.2's src/include/pg_version_compat.h
# defines its own static copy for PostgreSQL < 16, which then fails to
# compile ("static declaration follows non-static declaration").  Where the
# server headers declare it, this script replaces Citus's copy (in SRC) with
# an #include of commands/dbcommands.h; it does so once, and says so.
#
#   CITUS_MAKE_JOBS  parallel make jobs (default 2); the build runs under nice,
#   without LLVM bitcode (with_llvm=no: half the build time; JIT does not
#   inline Citus's functions, which the tests do not need).
set -eu
SRC=${1:?usage: build-citus.sh CITUS_SOURCE_TREE}
PG_CONFIG=${PG_CONFIG:-pg_config}
JOBS=${CITUS_MAKE_JOBS:-2}
[ -f "$SRC/configure" ] && [ -f "$SRC/src/include/pg_version_compat.h" ] \
	|| { echo "build-citus.sh: $SRC is not a Citus source tree" >&2; exit 1; }
INC=$("$PG_CONFIG" --includedir-server)
COMPAT=$SRC/src/include/pg_version_compat.h
if grep -q 'have_createdb_privilege' "$INC/commands/dbcommands.h" 2>/dev/null \
	&& grep -q '^have_createdb_privilege(void)' "$COMPAT"; then
	echo "build-citus.sh: $("$PG_CONFIG" --version) declares have_createdb_privilege(); using it instead of Citus's copy"
	python3 - "$COMPAT" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
pattern = re.compile(r'static inline bool\nhave_createdb_privilege\(void\)\n\{.*?\n\}\n', re.S)
new, count = pattern.subn('#include "commands/dbcommands.h"\n', text, count=1)
if count != 1:
    sys.exit("build-citus.sh: could not find have_createdb_privilege() in " + path)
open(path, 'w').write(new)
PY
fi
cd "$SRC"
if [ ! -f Makefile.global ] || [ config.status -ot configure ]; then
	./configure --without-libcurl PG_CONFIG="$PG_CONFIG"
fi
nice make -j"$JOBS" with_llvm=no
make install with_llvm=no
echo "build-citus.sh: installed $(sed -n 's/^default_version = //p' src/backend/distributed/citus.control) into $("$PG_CONFIG" --pkglibdir)"
