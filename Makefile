# socialcare: PostgreSQL extension for children's social care KPIs

EXTENSION = socialcare
EXTVERSION = $(shell grep default_version $(EXTENSION).control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")

MODULE_big = $(EXTENSION)
CORE_OBJS = src/civil.o src/bankholidays.o src/wdindex.o src/stats.o
OBJS = $(CORE_OBJS) src/calendar.o src/calendar_sql.o src/workdays_sql.o \
	src/rates_sql.o src/pct_agg.o src/repeats_sql.o src/socialcare.o \
	src/guards_sql.o
SHLIB_LINK = -lm
PGFILEDESC = "socialcare - children's social care KPIs"

# One hand-edited source; the current version's install script is built
# from it.  Released versions' install scripts are frozen copies, kept so
# that the upgrade test can install the oldest and update step by step.
# A release: freeze the built script under its version, bump
# default_version, list the new built script in .gitignore, and write the
# upgrade script extension/socialcare--OLD--NEW.sql.
DATA_built = extension/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(wildcard extension/$(EXTENSION)--*.sql))

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
ISOLATION = $(patsubst specs/%.spec,%,$(sort $(wildcard specs/*.spec)))
ISOLATION_OPTS = --load-extension=$(EXTENSION)

PG_CPPFLAGS = -Isrc
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare

EXTRA_CLEAN = test/unit/core_test test/unit/stats_test test/fuzz/fuzz_wdindex_run

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: every object depends on every header.
$(OBJS): $(wildcard src/*.h)

extension/$(EXTENSION)--$(EXTVERSION).sql: extension/$(EXTENSION).sql
	cp $< $@

# The pure-C core, built and tested without PostgreSQL.
CORE_SRCS = src/civil.c src/bankholidays.c src/wdindex.c src/stats.c
test/unit/core_test: test/unit/core_test.c test/unit/tap.h $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ test/unit/core_test.c $(CORE_SRCS) -lm

test/unit/stats_test: test/unit/stats_test.c test/unit/tap.h $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O2 -Wall -Wextra -Werror -Isrc -o $@ test/unit/stats_test.c $(CORE_SRCS) -lm

test/fuzz/fuzz_wdindex_run: test/fuzz/fuzz_wdindex.c test/fuzz/standalone.c $(CORE_SRCS) src/*.h
	$(CC) -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc -o $@ test/fuzz/fuzz_wdindex.c test/fuzz/standalone.c $(CORE_SRCS) -lm

.PHONY: unitcheck bench demo test
unitcheck: test/unit/core_test test/unit/stats_test test/fuzz/fuzz_wdindex_run
	test/unit/core_test test/data/bank-holidays-govuk.csv
	test/unit/stats_test
	test/fuzz/fuzz_wdindex_run 20000

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh
