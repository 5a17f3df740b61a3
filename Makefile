# bangtin: one build for the kiosk, its tools and its tests.
#
#   make              library, bangtinctl and tests, into build/
#   make test         check dependencies (installing them as root), build, run
#                     every tests/test_*.c program and tests/test_*.sh script
#   make run          import data/samples into build/bangtin.db and list it
#   make deps         install the Debian packages, or print the command
#   make SAN=1 test   the same suite under ASan + UBSan, in build-san/
#   make fuzz         libFuzzer on the parser for FUZZ_SECONDS, in build-fuzz/
#   make cross        everything for aarch64, in build-aarch64/
#   make cross-deps   the cross toolchain, arm64 -dev packages and qemu
#   make cross-test   the aarch64 tests under qemu-aarch64-static
#   make install      bangtinctl, its man page and the samples under
#                     DESTDIR/PREFIX, nothing else: the kiosk's database
#                     directory (/var/lib/bangtin) belongs to the system
#                     package or unit (StateDirectory=bangtin), not to make.
#   WERROR=1          warnings are errors (CI)
include config.mk

CORE_SRC   = $(wildcard firmware/*.c)
CORE_OBJ   = $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
MIGRATIONS = $(sort $(wildcard data/migrations/*.sql))
CTL_SRC    = $(wildcard tools/*.c)
CTL_OBJ    = $(CTL_SRC:%.c=$(BUILD)/%.o)
TEST_SRC   = $(wildcard tests/test_*.c)
TEST_BIN   = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SH    = $(wildcard tests/test_*.sh)
LIB        = $(BUILD)/libbangtin.a
CTL        = $(BUILD)/bangtinctl
FUZZ_BIN   = $(BUILD)/fuzz_parse

all: $(LIB) $(CTL) $(TEST_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BT_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# The schema lives in data/migrations and is compiled in (store_migrations.h).
$(BUILD)/gen/migrations.c: $(MIGRATIONS) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(CC) $(BT_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# Rebuilt from scratch so an object whose source was removed does not linger.
$(LIB): $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(CTL): $(CTL_OBJ) $(LIB)
	$(CC) $(BT_LDFLAGS) $(LDFLAGS) -o $@ $(CTL_OBJ) $(LIB) $(BT_LIBS)

$(BUILD)/tests/%: tests/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BT_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -MMD -MP -o $@ $< $(LIB) \
		$(BT_LDFLAGS) $(LDFLAGS) $(BT_LIBS) $(TEST_LIBS)

# Only meaningful with FUZZ=1 (clang, -fsanitize=fuzzer): see `make fuzz`.
$(FUZZ_BIN): tests/fuzz_parse.c $(LIB)
	$(CC) $(BT_CFLAGS) $(CFLAGS) -MMD -MP -o $@ $< $(LIB) \
		$(BT_LDFLAGS) $(LDFLAGS) $(BT_LIBS)

# Test scripts get absolute paths: the build dir and the bangtinctl to test.
RUN_ENV = BUILD=$(CURDIR)/$(BUILD) BANGTINCTL=$(CURDIR)/$(CTL)
ifeq ($(SAN),1)
RUN_ENV += $(SAN_ENV)
endif

# Dependencies are checked first, then the build is a fresh make, so the
# pkg-config answers it reads are those of the packages just installed.
test: check-deps
	@$(MAKE) --no-print-directory all
	@$(RUN_ENV) sh tests/run.sh $(TEST_BIN) $(TEST_SH)

run: check-deps
	@$(MAKE) --no-print-directory $(CTL)
	$(CTL) import --db $(BUILD)/bangtin.db data/samples
	$(CTL) list --db $(BUILD)/bangtin.db

# Everything `make deps` provides: pkg-config modules, then commands.
check-deps:
	@missing=; \
	for m in $(CORE_PKGS) $(TEST_PKGS); do \
		$(PKG_CONFIG) --exists $$m 2>/dev/null || missing="$$missing $$m"; \
	done; \
	for c in $(CC) $(PKG_CONFIG) sqlite3 clang; do \
		command -v $$c >/dev/null || missing="$$missing $$c"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "make: missing:$$missing; running make deps"; \
		$(MAKE) --no-print-directory deps; \
	fi

# apt waits for another apt (a fresh machine's unattended upgrades) instead of
# failing, and --no-remove stops it from making room by removing packages.
APT = DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600
deps:
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "make deps: not root; install the packages with:"; \
		echo "sudo apt-get update && sudo apt-get install -y $(DEB_PKGS) $(DEB_PKGS_NEXT)"; \
		exit 1; \
	fi
	$(APT) update
	$(APT) install -y --no-remove $(DEB_PKGS) $(DEB_PKGS_NEXT)

fuzz: check-deps
	@$(MAKE) --no-print-directory FUZZ=1 build-fuzz/fuzz_parse
	@mkdir -p build-fuzz/corpus
	cp data/samples/*.txt build-fuzz/corpus/
	build-fuzz/fuzz_parse -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-print_final_stats=1 -dict=tests/fuzz_parse.dict \
		-artifact_prefix=build-fuzz/ build-fuzz/corpus

# The cross build reads the arm64 .pc files only (PKG_CONFIG_LIBDIR).
CROSS_MAKE = PKG_CONFIG_LIBDIR=$(CROSS_PKG_DIRS) PKG_CONFIG_PATH= \
	$(MAKE) --no-print-directory BUILD=$(CROSS_BUILD) CC=$(CROSS)gcc AR=$(CROSS)ar
CROSS_TEST_BIN = $(TEST_SRC:tests/%.c=$(CROSS_BUILD)/tests/%)

cross:
	@command -v $(CROSS)gcc >/dev/null || \
		{ echo "make cross: no $(CROSS)gcc; run make cross-deps"; exit 1; }
	+@$(CROSS_MAKE) all

# qemu is called directly (no binfmt in CI) and without -L: the binaries load
# libc6:arm64 from its multiarch path, the same glibc they were linked with.
# The test scripts get the aarch64 bangtinctl behind a one-line qemu wrapper.
CROSS_CTL_QEMU = $(CURDIR)/$(CROSS_BUILD)/bangtinctl-qemu

cross-test: cross
	@command -v $(CROSS_QEMU) >/dev/null || \
		{ echo "make cross-test: no $(CROSS_QEMU); run make cross-deps"; exit 1; }
	@printf '#!/bin/sh\nexec %s %s "$$@"\n' $(CROSS_QEMU) \
		$(CURDIR)/$(CROSS_BUILD)/bangtinctl > $(CROSS_CTL_QEMU)
	@chmod +x $(CROSS_CTL_QEMU)
	@BUILD=$(CURDIR)/$(CROSS_BUILD) BANGTINCTL=$(CROSS_CTL_QEMU) \
		sh tests/run.sh -w $(CROSS_QEMU) $(CROSS_TEST_BIN) $(TEST_SH)

cross-deps:
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "make cross-deps: not root; install the packages with:"; \
		echo "sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install -y $(CROSS_DEB_PKGS)"; \
		exit 1; \
	fi
	dpkg --add-architecture arm64
	$(APT) update
	$(APT) install -y --no-remove $(CROSS_DEB_PKGS)

install: $(CTL)
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(PREFIX)/share/bangtin/samples
	install -m 755 $(CTL) $(DESTDIR)$(PREFIX)/bin/bangtinctl
	install -m 644 docs/bangtinctl.1 $(DESTDIR)$(MANPREFIX)/man1/bangtinctl.1
	install -m 644 data/samples/*.txt $(DESTDIR)$(PREFIX)/share/bangtin/samples/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/bangtinctl $(DESTDIR)$(MANPREFIX)/man1/bangtinctl.1
	rm -rf $(DESTDIR)$(PREFIX)/share/bangtin

clean:
	rm -rf build build-san build-fuzz $(CROSS_BUILD)

.PHONY: all test run check-deps deps fuzz cross cross-test cross-deps \
	install uninstall clean
-include $(CORE_OBJ:.o=.d) $(CTL_OBJ:.o=.d) $(TEST_BIN:=.d) $(FUZZ_BIN).d
