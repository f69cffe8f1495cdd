# socialcare: PostgreSQL extension for children's social care KPIs

EXTENSION = socialcare
EXTVERSION = $(shell grep default_version $(EXTENSION).control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")

MODULE_big = $(EXTENSION)
CORE_OBJS = src/civil.o src/bankholidays.o src/wdindex.o src/stats.o
OBJS = $(CORE_OBJS) src/calendar.o src/calendar_sql.o src/workdays_sql.o \
	src/rates_sql.o src/pct_agg.o src/repeats_sql.o src/socialcare.o
# Statutory timescales and chains: a pure-C core (timescale.o) and its glue.
OBJS += src/timescale.o src/timescale_cache.o src/timescale_sql.o \
	src/timescale_triggers.o src/chain_sql.o
# RAG, direction of travel, sparklines and the scorecard
OBJS += src/rag.o src/rag_sql.o src/trend_sql.o
# Rolling monthly series, repeat plans and durations (issue 4)
OBJS += src/months.o src/rolling_sql.o src/episodes_sql.o
# Guards on reporting dates (hardening)
OBJS += src/guards_sql.o
# Trigger protocol checks and row owners (issue 12)
OBJS += src/trigger_check.o src/row_owner.o
# The sparkline's final function, apart (fixes of issues 5 and 8)
OBJS += src/sparkline_sql.o
# Bounded error texts for user-supplied values (issue 12)
OBJS += src/shown_sql.o
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
	scorecard.tables scorecard scorecard.triggers \
	series.types series
SQL_UPDATE_FROM = 0.2.0
# Once-run parts new since SQL_UPDATE_FROM (AREA.tables etc.; none in 0.3.0).
SQL_NEW =
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

EXTRA_CLEAN = test/unit/core_test test/unit/stats_test test/fuzz/fuzz_wdindex_run \
	test/unit/timescale_test
EXTRA_CLEAN += test/unit/rag_test

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
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

# The pure-C core, built and tested without PostgreSQL.
CORE_SRCS = src/civil.c src/bankholidays.c src/wdindex.c src/stats.c
test/unit/core_test: test/unit/core_test.c test/unit/tap.h $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ test/unit/core_test.c $(CORE_SRCS) -lm

test/unit/stats_test: test/unit/stats_test.c test/unit/tap.h $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ test/unit/stats_test.c $(CORE_SRCS) -lm

test/fuzz/fuzz_wdindex_run: test/fuzz/fuzz_wdindex.c test/fuzz/standalone.c $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc -o $@ test/fuzz/fuzz_wdindex.c test/fuzz/standalone.c $(CORE_SRCS) -lm

test/unit/rag_test: test/unit/rag_test.c test/unit/tap.h src/rag.c src/rag.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ test/unit/rag_test.c src/rag.c -lm

.PHONY: unitcheck bench demo test
unitcheck: test/unit/core_test test/unit/stats_test test/fuzz/fuzz_wdindex_run test/unit/rag_test
	test/unit/core_test test/data/bank-holidays-govuk.csv
	test/unit/stats_test
	test/fuzz/fuzz_wdindex_run 20000
	test/unit/rag_test

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh

# The timescale core's unit tests (scripts/test.sh runs them).
TIMESCALE_SRCS = src/civil.c src/bankholidays.c src/wdindex.c src/timescale.c
test/unit/timescale_test: test/unit/timescale_test.c test/unit/tap.h $(TIMESCALE_SRCS) src/*.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ test/unit/timescale_test.c $(TIMESCALE_SRCS) -lm

.PHONY: timescale-unitcheck
timescale-unitcheck: test/unit/timescale_test
	test/unit/timescale_test
# The calendar-month core of the rolling series (issue 4), without PostgreSQL.
test/unit/months_test: test/unit/months_test.c test/unit/tap.h src/months.c src/civil.c src/*.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ test/unit/months_test.c src/months.c src/civil.c
EXTRA_CLEAN += test/unit/months_test
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
# The core files the targets link: the first four plus the newer ones.
FUZZ_SRCS = $(CORE_SRCS) src/months.c src/timescale.c src/rag.c
VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite

test/fuzz/%_run: test/fuzz/%.c test/fuzz/standalone.c test/fuzz/*.h $(FUZZ_SRCS) src/*.h
	$(CC) -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc -Itest/fuzz -o $@ $< test/fuzz/standalone.c $(FUZZ_SRCS) -lm

test/fuzz/%_libfuzzer: test/fuzz/%.c test/fuzz/*.h $(FUZZ_SRCS) src/*.h
	$(FUZZ_CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Wall -Wextra -Werror -Isrc -Itest/fuzz -o $@ $< $(FUZZ_SRCS) -lm

.PHONY: fuzzcheck valgrindcheck
fuzzcheck: $(FUZZ_TARGETS:%=test/fuzz/%_libfuzzer)
	bash test/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

valgrindcheck: test/unit/core_test test/unit/stats_test $(FUZZ_TARGETS:%=test/fuzz/%_run)
	$(VALGRIND) test/unit/core_test test/data/bank-holidays-govuk.csv
	$(VALGRIND) test/unit/stats_test
	for t in $(FUZZ_TARGETS); do \
		$(VALGRIND) test/fuzz/$${t}_run 500 || exit 1; \
		$(VALGRIND) test/fuzz/$${t}_run test/fuzz/corpus/$${t#fuzz_}/* || exit 1; \
	done

EXTRA_CLEAN += $(FUZZ_TARGETS:%=test/fuzz/%_run) $(FUZZ_TARGETS:%=test/fuzz/%_libfuzzer)

# Tests by suite (scripts/test.sh SUITE; `bash scripts/test.sh --list`
# shows every suite's steps): make test-unit, test-regress, ...
TEST_SUITES = unit regress isolation differential demo docs cluster hardening fuzz valgrind
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
