# sw-tools: plain make. Programs are cmd/sw-*.c with cmd/common.c, the library is
# every lib/*.c.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
# libpq's headers: pkg-config, else pg_config (Debian's libpq-dev has both)
PQ_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null || pg_config --includedir 2>/dev/null | sed 's/^/-I/')
override CFLAGS := -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -Iinclude $(PQ_CFLAGS) $(CFLAGS)
LDLIBS  := -lcsv -lsqlite3 -lcrypto -lzip -lexpat -lfreexl -lxlsxwriter -lm -pthread

ifeq ($(SANITIZE),1)
override CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
BUILD   ?= build/asan
else ifeq ($(SANITIZE),thread)
# the import's reader thread (lib/rowq.c)
override CFLAGS += -fsanitize=thread
LDFLAGS += -fsanitize=thread
BUILD   ?= build/tsan
else
BUILD   ?= build/release
endif

# Debian packages: build (gcc make libcsv-dev libsqlite3-dev libssl-dev libzip-dev
# libexpat1-dev libfreexl-dev libxlsxwriter-dev, gettext for msgfmt, unicode-data for
# the pinyin table), tests (sqlite3 valgrind clang libclang-rt-dev for
# fuzzing, zip python3-openpyxl python3-xlwt for the .xlsx and .xls fixtures,
# mandoc for the man pages' lint, miller jq for the README's pipeline, locales for
# a zh_CN.UTF-8 locale, chromium fonts-noto-cjk poppler-utils to print the report,
# postgresql for the throwaway server of the PostgreSQL tests, tests/pg/cluster), bench
# (miller time); libpq-dev: --db postgresql://... (lib/pg*.c, lib/store_pg.c), its
# headers at build time; its libpq5 is loaded when a server is named (lib/pq.c), not linked.
DEBS     := gcc make libc6-dev libcsv-dev libsqlite3-dev libssl-dev libzip-dev libexpat1-dev \
            libfreexl-dev sqlite3 valgrind clang libclang-rt-dev miller time zip python3-openpyxl \
            python3-xlwt xlsx2csv mandoc jq unicode-data gettext locales libxlsxwriter-dev \
            chromium fonts-noto-cjk poppler-utils libpq-dev postgresql
LIB_SRC  := $(wildcard lib/*.c)
LIB_OBJ  := $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/gen/pinyin_table.o
PROGS    := $(patsubst cmd/%.c,%,$(wildcard cmd/sw-*.c))
BINS     := $(PROGS:%=$(BUILD)/bin/%)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNITS    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HEADERS  := $(wildcard include/sw/*.h)

# The Chinese catalogue, where the programs look first: share/locale beside
# their bin/ (lib/i18n.c).
MO       := $(BUILD)/share/locale/zh_CN/LC_MESSAGES/sw-tools.mo

# bin/ links to the default build, for trying the programs by hand.
all: $(BINS) $(MO)
	@if [ "$(BUILD)" = build/release ]; then mkdir -p bin && \
	 for p in $(PROGS); do ln -sf ../$(BUILD)/bin/$$p bin/$$p; done; fi

$(BUILD)/lib/%.o: lib/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/lib/i18n.o: lib/i18n.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -DSW_LOCALEDIR='"$(LOCALEDIR)"' -c -o $@ $<

$(MO): po/zh_CN.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ po/zh_CN.po

# po/sw-tools.pot from the sources, merged into the catalogue: new messages
# arrive untranslated, for a translator to fill in (make check fails meanwhile).
po:
	xgettext --keyword=_ --keyword=N_ --keyword=NC_:1c,2 --keyword=sw_ngettext:1,2 --from-code=UTF-8 --add-comments=TRANSLATORS \
		--package-name=sw-tools --sort-by-file -o po/sw-tools.pot lib/*.c cmd/*.c
	msgmerge --quiet --update --backup=none --no-fuzzy-matching po/zh_CN.po po/sw-tools.pot

# Mandarin readings for names that sound alike, from Debian's unicode-data.
$(BUILD)/gen/pinyin_table.c: lib/pinyin.sh
	@mkdir -p $(@D)
	sh lib/pinyin.sh >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/pinyin_table.o: $(BUILD)/gen/pinyin_table.c include/sw/pinyin.h
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libsw.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

# cmd/common.c: the command line the programs share, which lib/ never sees;
# cmd/subcommands.c: the subcommands they all have.
CMD_OBJ := $(BUILD)/cmd/common.o $(BUILD)/cmd/subcommands.o
# (made by a pattern rule for the programs only: kept, not deleted as intermediate)
.SECONDARY: $(CMD_OBJ)
$(BUILD)/cmd/%.o: cmd/%.c cmd/common.h $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/bin/%: cmd/%.c $(CMD_OBJ) $(BUILD)/libsw.a cmd/common.h $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(CMD_OBJ) $(BUILD)/libsw.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h tests/unit/pgunit.h $(BUILD)/libsw.a $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(BUILD)/libsw.a $(LDLIBS)

# The one test command: unit tests, then CLI tests; ends with "N passed, N failed".
# The fuzz harnesses are compiled (not run) by every check, so that a change
# of the library's interface cannot leave them behind for CI to find.
check: all $(UNITS)
	@$(CC) $(CFLAGS) -fsyntax-only $(wildcard tests/fuzz/fuzz_*.c)
	@BUILD=$(BUILD) VALGRIND=$(VALGRIND) sh tests/run $(UNITS)

# tests/bench/store.sh's loader through the store
$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libsw.a $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsw.a $(LDLIBS)

bench: all $(BUILD)/bench/copy_in
	BUILD=$(BUILD) sh tests/bench/run

# libFuzzer harnesses (clang), FUZZ_SECONDS each (default 60).
fuzz:
	sh tests/fuzz/run

demo: all
	sh examples/demo.sh

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	cmd="apt-get install -y --no-install-recommends$$missing"; \
	if [ "$$(id -u)" = 0 ]; then (apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive $$cmd -qq; \
	else echo "make deps: run as root: apt-get update && $$cmd" >&2; exit 1; fi; fi
	@# the tests run both ways: under a generated zh_CN.UTF-8 locale, and without one
	@if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf8'; then \
	if [ "$$(id -u)" = 0 ]; then localedef -i zh_CN -f UTF-8 zh_CN.UTF-8; \
	else echo "make deps: run as root: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8" >&2; exit 1; fi; fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -d $(DESTDIR)$(PREFIX)/share/sw-tools
	sed 's|^bindir=.*|bindir=$(BINDIR)|' examples/cron/monthly-report.sh \
		>$(DESTDIR)$(PREFIX)/share/sw-tools/monthly-report.sh
	chmod 755 $(DESTDIR)$(PREFIX)/share/sw-tools/monthly-report.sh

clean:
	rm -rf build bin demo.db demo.db-* demo-out

.PHONY: all check bench fuzz demo deps install clean po
