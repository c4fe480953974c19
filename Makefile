# jtsyq — PGXS build.  See README.md for the two commands (make demo, make test).

EXTENSION = jtsyq
MODULE_big = jtsyq
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
DATA = jtsyq--1.0.sql
PGFILEDESC = "jtsyq - collective land ownership cadastre rules"

# pg_regress: every sql/*.sql creates the extension itself (no --load-extension)
REGRESS := $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=.

# pg_isolation_regress: concurrency specs (allocation and topology races)
ISOLATION := $(patsubst test/isolation/specs/%.spec,%,$(sort $(wildcard test/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=test/isolation --outputdir=output_iso

GEOS_CONFIG ?= geos-config
PKG_CONFIG ?= pkg-config
PG_CPPFLAGS = -Isrc $(shell $(GEOS_CONFIG) --cflags) $(shell $(PKG_CONFIG) --cflags proj)
SHLIB_LINK = $(shell $(GEOS_CONFIG) --clibs) $(shell $(PKG_CONFIG) --libs proj) -lm

EXTRA_CLEAN = output_iso

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
# A fresh machine has no PostgreSQL server headers yet: only `make test` and
# `make demo`, which install them first, can run.
all install installcheck:
	@echo "PostgreSQL $(PG_MAJOR) server development files not found."
	@echo "Run 'make test' or 'make demo' (they install them), or test/scripts/install-deps.sh."
	@exit 1
endif

.PHONY: test demo unit fuzz bench

# The two commands of the README.  Both install missing Debian packages,
# build, install and run in a throwaway cluster (pg_virtualenv).
test:
	test/scripts/run-tests.sh

demo:
	test/scripts/demo.sh

# Pieces of `make test`, for development.
unit:
	$(MAKE) -C test/unit run

fuzz:
	$(MAKE) -C test/fuzz run

bench:
	test/bench/run.sh
