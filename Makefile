# socialcare: PostgreSQL extension for children's social care KPIs

EXTENSION = socialcare
EXTVERSION = $(shell grep default_version $(EXTENSION).control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")

MODULE_big = $(EXTENSION)
# The pure-C core: no PostgreSQL header; every computation, unit-tested
# (test/unit) and fuzzed (test/fuzz) as shipped.  The one list of its
# sources: the module, the unit tests and the fuzz targets all link these.
CORE_SRCS = src/civil.c src/bankholidays.c src/wdindex.c src/stats.c \
	src/months.c src/timescale.c src/rag.c src/json_scan.c src/funnel.c src/spc.c \
	src/pack.c
CORE_OBJS = $(CORE_SRCS:.c=.o)
# The glue: one file per SQL area (converting types, reporting errors),
# the table caches, and the helpers they share.
GLUE_OBJS = src/calendar_sql.o src/workdays_sql.o src/rates_sql.o \
	src/rereferrals_sql.o src/timescale_sql.o src/timescale_triggers.o \
	src/scorecard_sql.o src/scorecard_triggers.o src/series_sql.o src/plans_sql.o src/guards_sql.o \
	src/security_sql.o src/json_sql.o src/funnel_sql.o src/spc_sql.o src/pack_sql.o
OBJS = $(CORE_OBJS) $(GLUE_OBJS) src/table_cache.o src/calendar.o src/timescale_cache.o \
	src/trigger_check.o src/sql_util.o src/citus_guard.o src/socialcare.o
SHLIB_LINK = -lm
PGFILEDESC = "socialcare - children's social care KPIs"

# SQL.  The hand-edited source is extension/sql/: one file per area, named
# as the area's C glue and regression tests (doc/releasing.md has the
# table).  make concatenates the parts, in SQL_PARTS order, into the
# current version's install script, and builds its update script from the
# previous release, SQL_UPDATE_FROM.  An area has up to five parts:
#   AREA.types.sql, AREA.tables.sql  types and tables          } run once,
#   AREA.sql       functions, aggregates, views, their COMMENTs } at
#                  and GRANTs: re-runnable (CREATE OR REPLACE)  } install
#   AREA.triggers.sql  triggers (after the functions they call) }
#   AREA.data.sql      shipped rows                             }
# security.guard.sql, the schema guard, is first in every script, and
# security.schema.sql (USAGE for PUBLIC) follows it at install.
# The update script runs: the guard; the hand-written delta
# extension/sql/updates/FROM--TO.before.sql (what cannot be re-run: ALTER
# TABLE, DROP of a changed signature, new tables, data fixes); the types
# and tables of the areas new in this version (SQL_NEW); every re-runnable
# AREA.sql, so that a function is written once, in its area; the new
# areas' triggers and rows; and the delta FROM--TO.after.sql (new triggers
# on existing tables).  Released versions' scripts are frozen copies in
# extension/, so that the upgrade test can install the oldest and update
# step by step.  doc/releasing.md: how to freeze a release and start the
# next delta.
SQL_PARTS = security.guard security.schema security \
	calendars.tables calendars calendars.triggers \
	working_days rates rereferrals \
	timescales.tables timescales timescales.triggers timescales.data \
	scorecard.tables scorecard scorecard.triggers pack \
	series.types series \
	spc.types spc \
	json funnel.types funnel ssd citus
SQL_UPDATE_FROM = 0.2.0
# Once-run parts new since SQL_UPDATE_FROM (AREA.tables etc.).
SQL_NEW = funnel.types spc.types
SQL_RERUN = $(foreach p,$(SQL_PARTS),$(if $(findstring .,$(p)),,$(p)))
SQL_NEW_BEFORE = $(filter %.types %.tables,$(filter $(SQL_NEW),$(SQL_PARTS)))
SQL_NEW_AFTER = $(filter %.triggers %.data,$(filter $(SQL_NEW),$(SQL_PARTS)))
SQL_DELTA = extension/sql/updates/$(SQL_UPDATE_FROM)--$(EXTVERSION)
SQL_INSTALL_FILES = $(SQL_PARTS:%=extension/sql/%.sql)
SQL_UPDATE_FILES = extension/sql/security.guard.sql $(wildcard $(SQL_DELTA).before.sql) \
	$(patsubst %,extension/sql/%.sql,$(SQL_NEW_BEFORE) $(SQL_RERUN) $(SQL_NEW_AFTER)) \
	$(wildcard $(SQL_DELTA).after.sql)
DATA_built = extension/$(EXTENSION)--$(EXTVERSION).sql \
	extension/$(EXTENSION)--$(SQL_UPDATE_FROM)--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(wildcard extension/$(EXTENSION)--*.sql))

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
ISOLATION = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=$(EXTENSION)

PG_CPPFLAGS = -Isrc
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare

# Every test/unit/*_test.c is a unit test of the core.
UNIT_TESTS = $(patsubst test/unit/%.c,%,$(wildcard test/unit/*_test.c))
EXTRA_CLEAN = $(UNIT_TESTS:%=test/unit/%)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
# Version differences (doc/testing.md, PostgreSQL versions): C in src/pg_compat.h; for
# PostgreSQL 13, which has no SQL-standard function bodies, every script
# is installed from extension/pg13/, made by scripts/sql_string_bodies.pl.
PG_MAJOR := $(shell $(PG_CONFIG) --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
ifeq ($(PG_MAJOR),13)
SQL_SCRIPTS := $(DATA_built) $(DATA)
DATA_built := $(addprefix extension/pg13/,$(notdir $(SQL_SCRIPTS)))
DATA :=
extension/pg13/%.sql: extension/%.sql scripts/sql_string_bodies.pl
	@mkdir -p extension/pg13
	perl scripts/sql_string_bodies.pl <$< >$@.tmp && mv $@.tmp $@
endif
EXTRA_CLEAN += extension/pg13
include $(PGXS)

# PGXS tracks no header dependencies: every object depends on every header.
$(OBJS): $(wildcard src/*.h)

# build_sql TITLE,COMMAND: a header psql stops at, then each part after a
# line naming it.
build_sql = { printf '/* socialcare %s: built by make from extension/sql/, do not edit */\n\n' '$(1)'; \
	printf '\\echo Use "%s" to load this file. \\quit\n' "$(2)"; \
	for f in $(filter %.sql,$^); do printf '\n-- %s\n\n' "$$f"; cat "$$f"; done; } >$@.tmp && mv $@.tmp $@

# Functions, aggregates and views are written in AREA.sql only.
extension/$(EXTENSION)--$(EXTVERSION).sql: $(SQL_INSTALL_FILES) Makefile
	@if grep -nE '^CREATE (OR REPLACE )?(FUNCTION|AGGREGATE|VIEW|PROCEDURE)' \
		$(patsubst %,extension/sql/%.sql,$(filter-out $(SQL_RERUN),$(SQL_PARTS))); then \
		echo 'error: functions, aggregates and views go in extension/sql/AREA.sql (doc/releasing.md)' >&2; \
		exit 1; fi
	$(call build_sql,$(EXTVERSION),CREATE EXTENSION $(EXTENSION))

# The update script runs every AREA.sql again: a statement there that
# cannot be re-run stops the build.
extension/$(EXTENSION)--$(SQL_UPDATE_FROM)--$(EXTVERSION).sql: $(SQL_UPDATE_FILES) Makefile
	@if grep -nE '^[A-Za-z]' $(SQL_RERUN:%=extension/sql/%.sql) | \
		grep -vE '^[^:]+:[0-9]+:(CREATE OR REPLACE (FUNCTION|AGGREGATE|VIEW)|COMMENT ON|GRANT) '; then \
		echo 'error: only CREATE OR REPLACE, COMMENT ON and GRANT in extension/sql/AREA.sql (doc/releasing.md)' >&2; \
		exit 1; fi
	$(call build_sql,$(SQL_UPDATE_FROM) -> $(EXTVERSION),ALTER EXTENSION $(EXTENSION) UPDATE TO '$(EXTVERSION)')

# The pure-C core, built and tested without PostgreSQL: every unit test
# links the whole core (CORE_SRCS).  core_test reads the GOV.UK feed and the 1978-2011 history.
test/unit/%_test: test/unit/%_test.c test/unit/tap.h $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ $< $(CORE_SRCS) -lm

# Run unit test $$t (in a shell loop over UNIT_TESTS) with its arguments.
UNIT_RUN = case $$t in core_test) a='test/data/bank-holidays-govuk.csv test/data/bank-holidays-1978-2011.csv' ;; *) a= ;; esac;

.PHONY: unitcheck bench demo test
unitcheck: $(UNIT_TESTS:%=test/unit/%) test/fuzz/fuzz_wdindex_run
	for t in $(UNIT_TESTS); do \
		$(UNIT_RUN) test/unit/$$t $$a || exit 1; \
	done
	test/fuzz/fuzz_wdindex_run 20000

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh

# One unit test alone (make unitcheck runs them all).
.PHONY: timescale-unitcheck
timescale-unitcheck: test/unit/timescale_test
	test/unit/timescale_test
# Fuzzing and memory checks of the pure-C core.  Every test/fuzz/fuzz_*.c
# is a libFuzzer target; each is built twice: with the deterministic driver
# test/fuzz/standalone.c (gcc, for valgrind and machines without clang),
# and with clang's libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer.
#   make fuzzcheck [FUZZ_SECONDS=10]  each target for that long, seeded with
#                                     test/fuzz/corpus/NAME (not written to)
#   make valgrindcheck                unit tests, deterministic fuzz runs and
#                                     corpus replays under valgrind
FUZZ_TARGETS = $(patsubst test/fuzz/%.c,%,$(wildcard test/fuzz/fuzz_*.c))
FUZZ_CLANG ?= clang-14
FUZZ_SECONDS ?= 10
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite

test/fuzz/%_run: test/fuzz/%.c test/fuzz/standalone.c test/fuzz/*.h test/unit/html_check.h $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc -Itest/fuzz -o $@ $< test/fuzz/standalone.c $(CORE_SRCS) -lm

test/fuzz/%_libfuzzer: test/fuzz/%.c test/fuzz/*.h test/unit/html_check.h $(CORE_SRCS) src/*.h
	$(FUZZ_CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Wall -Wextra -Werror -Isrc -Itest/fuzz -o $@ $< $(CORE_SRCS) -lm

.PHONY: fuzzcheck valgrindcheck
fuzzcheck: $(FUZZ_TARGETS:%=test/fuzz/%_libfuzzer)
	bash test/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

valgrindcheck: $(UNIT_TESTS:%=test/unit/%) $(FUZZ_TARGETS:%=test/fuzz/%_run)
	for t in $(UNIT_TESTS); do \
		$(UNIT_RUN) $(VALGRIND) test/unit/$$t $$a || exit 1; \
	done
	for t in $(FUZZ_TARGETS); do \
		$(VALGRIND) test/fuzz/$${t}_run 500 || exit 1; \
		$(VALGRIND) test/fuzz/$${t}_run test/fuzz/corpus/$${t#fuzz_}/* || exit 1; \
	done

EXTRA_CLEAN += $(FUZZ_TARGETS:%=test/fuzz/%_run) $(FUZZ_TARGETS:%=test/fuzz/%_libfuzzer)

# Tests by suite (scripts/test.sh SUITE; `bash scripts/test.sh --list`
# shows every suite's steps): make test-unit, test-regress, ...
TEST_SUITES = unit regress isolation differential demo ssd docs cluster hardening fuzz valgrind matrix
.PHONY: $(TEST_SUITES:%=test-%)
$(TEST_SUITES:%=test-%): test-%:
	bash scripts/test.sh $*

# The pg_regress suite and the isolation specs apart (make installcheck
# runs both).
.PHONY: regresscheck isolationcheck
regresscheck:
	$(pg_regress_installcheck) $(REGRESS_OPTS) $(REGRESS)

isolationcheck:
	$(pg_isolation_regress_installcheck) $(ISOLATION_OPTS) $(ISOLATION)

# The cluster tests, t/*.pl (PostgreSQL::Test::Cluster, shipped with
# PGXS): each makes its own clusters with the installed PostgreSQL of
# PG_CONFIG, where `make install` put the extension.  As PGXS runs
# TAP_TESTS, but apart from installcheck: PostgreSQL does not run as
# root, so scripts/test.sh runs this as an unprivileged user, with the
# clusters, sockets and logs (tmp_check) in TAP_DIR, nothing in /tmp
# (a socket's path must stay under 108 bytes: keep TAP_DIR short).
# PROVE_TESTS=t/X.pl runs one.
TAP_DIR ?= $(CURDIR)
.PHONY: prove_installcheck
prove_installcheck:
	rm -rf '$(TAP_DIR)'/tmp_check && $(MKDIR_P) '$(TAP_DIR)'/tmp_check && \
	TESTDIR='$(TAP_DIR)' TMPDIR='$(TAP_DIR)/tmp_check' PATH="$(bindir):$$PATH" \
	PG_REGRESS='$(top_builddir)/src/test/regress/pg_regress' \
	$(PROVE) $(PG_PROVE_FLAGS) $(PROVE_FLAGS) $(if $(PROVE_TESTS),$(PROVE_TESTS),t/*.pl)
EXTRA_CLEAN += tmp_check

# A release archive PGXN accepts: the tracked files of HEAD under one
# directory named after the release, META.json at its top (its version
# must equal the control file's: test/docs/dist_check.py checks both).
DIST = $(EXTENSION)-$(EXTVERSION).zip
.PHONY: dist
dist:
	git archive --format zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(DIST) HEAD
EXTRA_CLEAN += $(EXTENSION)-*.zip
