# bangtin: one build for the kiosk, its tools and its tests.
#
#   make              the two libraries, the kiosk bangtin, bangtinctl and the
#                     tests, into build/
#   make test         check dependencies (installing them as root), build, run
#                     every tests/test_*.c program and tests/test_*.sh script
#                     (the Xvfb end-to-end and golden screenshot tests too)
#   make run          import data/samples into build/bangtin.db and open the
#                     kiosk in a 1280x720 window; with no display, write a PNG
#                     of every screen (carousel, list, reader pages 1 and 2,
#                     info, empty, sleep), landscape and portrait, into
#                     build/shots/ instead
#   make deps         install the Debian packages, or print the command
#   make test GPIOSIM=0  the same without tests/test_gpiosim.sh (which, as
#                     root, installs a kernel and qemu and builds gpio-sim.ko)
#   make SAN=1 test   the same suite under ASan + UBSan, in build-san/
#   make fuzz         libFuzzer on the parser, then on the bundle's manifest and
#                     signature readers, the front matter, the report helper's
#                     request and record parsers, the config reader,
#                     FUZZ_SECONDS each, in build-fuzz/
#   make golden       regenerate the golden screenshots (tests/golden.sh)
#   make bench        the kiosk against headless Chromium (tools/bench/run.sh,
#                     figures for BENCHMARKS.md); make bench-deps installs it
#   make bench-parse  documents parsed per second (tools/bench/parse.sh)
#   make cross        everything for aarch64, in build-aarch64/
#   make cross-deps   the cross toolchain, arm64 -dev packages and qemu
#   make cross-test   the aarch64 tests under qemu-aarch64-static
#   make deb          bangtin_VERSION_amd64.deb and _arm64.deb (debian/, the
#                     arm64 one from the cross build) into build-deb/, each
#                     checked by lintian
#   make install      bangtin, bangtinctl, the fonts, the example config, the
#                     man pages and the samples under DESTDIR/PREFIX, nothing
#                     else: the kiosk's database directory (/var/lib/bangtin)
#                     belongs to the system package or unit
#                     (StateDirectory=bangtin), not to make.
#   WERROR=1          warnings are errors (CI)
#
# Three link units: firmware/*.c but main*.c is the core, build/libbangtin.a
# (no SDL: bangtinctl and the report helper build/bangtin-stick-report link
# only it); ui/*.c is build/libbangtin_ui.a (SDL2, SDL2_ttf, libunibreak,
# libpng); firmware/main*.c and both libraries are the kiosk build/bangtin.
# Tests link both libraries and every library (and SDL2_image, theirs only);
# a static archive only brings in the objects a test uses.
include config.mk

CORE_SRC   = $(filter-out firmware/main%.c,$(wildcard firmware/*.c))
CORE_OBJ   = $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o
UI_SRC     = $(wildcard ui/*.c)
UI_OBJ     = $(UI_SRC:%.c=$(BUILD)/%.o)
MAIN_SRC   = $(wildcard firmware/main*.c)
MAIN_OBJ   = $(MAIN_SRC:%.c=$(BUILD)/%.o)
MIGRATIONS = $(sort $(wildcard data/migrations/*.sql))
CTL_SRC    = $(wildcard tools/*.c)
CTL_OBJ    = $(CTL_SRC:%.c=$(BUILD)/%.o)
TEST_SRC   = $(wildcard tests/test_*.c)
TEST_BIN   = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SH    = $(wildcard tests/test_*.sh)
LIB        = $(BUILD)/libbangtin.a
UI_LIB     = $(BUILD)/libbangtin_ui.a
CTL        = $(BUILD)/bangtinctl
KIOSK      = $(BUILD)/bangtin
# The root helper that writes the report onto a read-only stick (firmware/system).
STICK      = $(BUILD)/bangtin-stick-report
FUZZ_BIN   = $(BUILD)/fuzz_parse $(BUILD)/fuzz_bundle $(BUILD)/fuzz_front $(BUILD)/fuzz_stick \
	     $(BUILD)/fuzz_config
# The kiosk is built once its main*.c exists (the libraries always are).
KIOSK_BIN  = $(if $(MAIN_SRC),$(KIOSK))

all: $(LIB) $(UI_LIB) $(CTL) $(KIOSK_BIN) $(STICK) $(TEST_BIN)

# The programs alone (the package's build): the kiosk, bangtinctl and the
# report helper.
programs: $(CTL) $(KIOSK) $(STICK)

# The core compiles without the SDL flags, so an SDL header in it fails.
$(BUILD)/%.o: %.c $(BUILD)/gen/datadir
	@mkdir -p $(dir $@)
	$(CC) $(BT_CFLAGS) $(XCFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# The programs are built with DATADIR (BANGTIN_DATADIR: the installed fonts),
# so `make install PREFIX=/usr` after a plain `make` rebuilds them for /usr.
$(BUILD)/gen/datadir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
FORCE:

$(UI_OBJ) $(MAIN_OBJ): XCFLAGS = $(UI_CFLAGS)

# The schema lives in data/migrations and is compiled in (store_migrations.h).
$(BUILD)/gen/migrations.c: $(MIGRATIONS) tools/embed-sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed-sql.sh $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(CC) $(BT_CFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# Rebuilt from scratch so an object whose source was removed does not linger;
# with no ui/*.c yet the archive is empty and links as nothing.
$(LIB): $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $(CORE_OBJ)

$(UI_LIB): $(UI_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $(UI_OBJ)

$(CTL): $(CTL_OBJ) $(LIB)
	$(CC) $(BT_LDFLAGS) $(LDFLAGS) -o $@ $(CTL_OBJ) $(LIB) $(BT_LIBS)

$(STICK): firmware/system/bangtin-stick-report.c $(LIB)
	$(CC) $(BT_CFLAGS) $(CFLAGS) -MMD -MP -o $@ $< $(LIB) $(BT_LDFLAGS) $(LDFLAGS) $(BT_LIBS)

$(KIOSK): $(MAIN_OBJ) $(UI_LIB) $(LIB)
	$(CC) $(BT_LDFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(UI_LIB) $(LIB) \
		$(UI_LIBS) $(BT_LIBS)

$(BUILD)/tests/%: tests/%.c $(UI_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BT_CFLAGS) $(UI_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -MMD -MP -o $@ $< \
		$(UI_LIB) $(LIB) $(BT_LDFLAGS) $(LDFLAGS) $(UI_LIBS) $(BT_LIBS) $(TEST_LIBS)

# Only meaningful with FUZZ=1 (clang, -fsanitize=fuzzer): see `make fuzz`.
$(FUZZ_BIN): $(BUILD)/fuzz_%: tests/fuzz_%.c $(LIB)
	$(CC) $(BT_CFLAGS) $(CFLAGS) -MMD -MP -o $@ $< $(LIB) \
		$(BT_LDFLAGS) $(LDFLAGS) $(BT_LIBS)

# Test scripts get absolute paths: the build dir, the two programs to test
# and the source tree.
RUN_ENV = BUILD=$(CURDIR)/$(BUILD) BANGTINCTL=$(CURDIR)/$(CTL) \
	BANGTIN=$(CURDIR)/$(KIOSK) SRCDIR=$(CURDIR)
ifeq ($(SAN),1)
RUN_ENV += $(SAN_ENV)
else
# test_parse_linear counts instructions with callgrind where the kernel
# gives no counter (valgrind cannot run the sanitizer build).
RUN_ENV += BANGTIN_CALLGRIND=1
endif

# Dependencies are checked first, then the build is a fresh make, so the
# pkg-config answers it reads are those of the packages just installed.
# GPIOSIM=0 leaves out tests/test_gpiosim.sh, which (run as root) installs a
# Debian kernel, its source and qemu, and builds the gpio-sim module.
GPIOSIM ?= 1
TEST_SH_RUN = $(if $(filter 0,$(GPIOSIM)),$(filter-out tests/test_gpiosim.sh,$(TEST_SH)),$(TEST_SH))
test: check-deps
	@$(MAKE) --no-print-directory all $(WEB_TEST)
	@$(if $(filter 0,$(GPIOSIM)),echo "make test: GPIOSIM=0: tests/test_gpiosim.sh (the buttons against gpio-sim under qemu) does not run")
	@$(RUN_ENV) sh tests/run.sh $(TEST_BIN) $(TEST_SH_RUN)

# A desktop gets the kiosk in a window; a machine without a display gets one
# PNG per screen, drawn headless by the same program.
RUN_DB     = $(BUILD)/bangtin.db
RUN_CONF   = data/bangtin.conf
RUN_SHOTS  = $(BUILD)/shots
RUN_READER = 516-KL/ĐUK
run: check-deps
	@$(MAKE) --no-print-directory $(CTL) $(KIOSK)
	$(CTL) import --db $(RUN_DB) data/samples
	@if [ -n "$${DISPLAY-}$${WAYLAND_DISPLAY-}" ]; then \
		echo "$(KIOSK) --config $(RUN_CONF) --db $(RUN_DB) --window 1280x720"; \
		exec $(KIOSK) --config $(RUN_CONF) --db $(RUN_DB) --window 1280x720; \
	fi; \
	echo; \
	echo "make run: no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window:"; \
	echo "make run: drawing every screen headless into $(RUN_SHOTS)/ instead."; \
	mkdir -p $(RUN_SHOTS); \
	for o in landscape:1920x1080 portrait:1080x1920; do \
	for s in carousel list reader:$(RUN_READER):1 reader:$(RUN_READER):2 info empty sleep; do \
		n=$$(echo "$$s" | sed 's/:.*:/-/'); f=$(RUN_SHOTS)/$${o%%:*}-$$n.png; \
		$(KIOSK) --config $(RUN_CONF) --db $(RUN_DB) --size $${o#*:} \
			--screen "$$s" --shot "$$f" 2>/dev/null || exit 1; \
		echo "  $$f  ($$s)"; \
	done; done; \
	echo "make run: open those PNGs to see the screens; on a desktop, make run opens the kiosk itself."

# Everything `make deps` provides: pkg-config modules, then commands. convert
# must be ImageMagick's (it answers -version), not a stand-in of that name.
check-deps:
	@missing=; \
	for m in $(CORE_PKGS) $(UI_PKGS) $(TEST_PKGS); do \
		$(PKG_CONFIG) --exists $$m 2>/dev/null || missing="$$missing $$m"; \
	done; \
	for c in $(CC) $(PKG_CONFIG) sqlite3 clang $(TEST_CMDS) $(WEB_CMDS); do \
		command -v $$c >/dev/null || missing="$$missing $$c"; \
	done; \
	convert -version 2>/dev/null | grep -q ImageMagick || missing="$$missing convert(imagemagick)"; \
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
		echo "sudo apt-get update && sudo apt-get install -y $(DEB_PKGS) $(DEB_PKGS_NEXT) $(WEB_DEB_PKGS) $(WEB_NODE_PKGS)"; \
		exit 1; \
	fi
	$(APT) update
	$(APT) install -y --no-remove $(DEB_PKGS) $(DEB_PKGS_NEXT) $(WEB_DEB_PKGS) $(WEB_NODE_PKGS)

# The benchmark's browser is big and CI does not run the bench.
bench-deps:
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "make bench-deps: not root; install the packages with:"; \
		echo "sudo apt-get update && sudo apt-get install -y $(BENCH_DEB_PKGS)"; \
		exit 1; \
	fi
	$(APT) update
	$(APT) install -y --no-remove $(BENCH_DEB_PKGS)

bench: check-deps
	@command -v chromium >/dev/null || \
		{ echo "make bench: no chromium; run make bench-deps"; exit 1; }
	@$(MAKE) --no-print-directory $(CTL) $(KIOSK) web
	$(RUN_ENV) sh tools/bench/run.sh
	$(RUN_ENV) node tools/bench/web.js

# The parser's figures alone (tools/bench/parse.sh); make bench adds them to
# BENCHMARKS.md.
bench-parse: $(LIB)
	$(RUN_ENV) sh tools/bench/parse.sh

golden: check-deps
	@$(MAKE) --no-print-directory $(CTL) $(KIOSK)
	$(RUN_ENV) sh tests/golden.sh --update

# Each target keeps its own corpus; the bundle's is seeded with valid
# manifests and signature files (tests/fuzz_bundle.seeds, split at 0xff).
fuzz: check-deps
	@$(MAKE) --no-print-directory FUZZ=1 build-fuzz/fuzz_parse build-fuzz/fuzz_bundle \
		build-fuzz/fuzz_front build-fuzz/fuzz_stick build-fuzz/fuzz_config
	@mkdir -p build-fuzz/corpus build-fuzz/corpus-bundle build-fuzz/corpus-front \
		build-fuzz/corpus-stick build-fuzz/corpus-config
	cp data/samples/*.txt tests/corpus/*.txt build-fuzz/corpus/
	cp tests/fuzz_bundle.seeds/* build-fuzz/corpus-bundle/
	cp tests/fuzz_front.seeds/* build-fuzz/corpus-front/
	cp data/bangtin.conf build-fuzz/corpus-config/
	build-fuzz/fuzz_parse -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-print_final_stats=1 -dict=tests/fuzz_parse.dict \
		-artifact_prefix=build-fuzz/ build-fuzz/corpus
	build-fuzz/fuzz_bundle -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-print_final_stats=1 -dict=tests/fuzz_bundle.dict \
		-artifact_prefix=build-fuzz/bundle- build-fuzz/corpus-bundle
	build-fuzz/fuzz_front -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-print_final_stats=1 -dict=tests/fuzz_front.dict \
		-artifact_prefix=build-fuzz/front- build-fuzz/corpus-front
	cp tests/fuzz_stick.seeds/* build-fuzz/corpus-stick/
	build-fuzz/fuzz_stick -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-print_final_stats=1 -artifact_prefix=build-fuzz/stick- build-fuzz/corpus-stick
	build-fuzz/fuzz_config -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
		-print_final_stats=1 -dict=tests/fuzz_config.dict \
		-artifact_prefix=build-fuzz/config- build-fuzz/corpus-config

# The cross build reads the arm64 .pc files only (PKG_CONFIG_LIBDIR), plus
# those of the sysroot below.
CROSS_MAKE = PKG_CONFIG_LIBDIR=$(CROSS_PKG_DIRS) PKG_CONFIG_PATH= \
	$(MAKE) --no-print-directory BUILD=$(CROSS_BUILD) CC=$(CROSS)gcc AR=$(CROSS)ar
CROSS_TEST_BIN = $(TEST_SRC:tests/%.c=$(CROSS_BUILD)/tests/%)

# Debian 12's libunibreak is not multiarch (no Multi-Arch field, files in
# /usr/lib rather than /usr/lib/<triplet>): libunibreak1:arm64 would replace
# the amd64 one, which libunibreak-dev needs. So its arm64 packages are
# unpacked into a sysroot of the cross build instead of installed, with the
# .pc file pointed at it. The kiosk links its soname (libunibreak.so.1),
# which the board's own libunibreak1 provides; under qemu the sysroot's copy
# is found through LD_LIBRARY_PATH, set for the emulated program only.
$(CROSS_SYSROOT)/.done:
	@command -v dpkg-deb >/dev/null
	rm -rf $(CROSS_SYSROOT) $(CROSS_SYSROOT).debs
	mkdir -p $(CROSS_SYSROOT).debs
	cd $(CROSS_SYSROOT).debs && apt-get -q -o APT::Sandbox::User=root download $(CROSS_SYSROOT_DEBS)
	for d in $(CROSS_SYSROOT).debs/*.deb; do dpkg-deb -x $$d $(CROSS_SYSROOT) || exit 1; done
	sed -i 's|^prefix=.*|prefix=$(CURDIR)/$(CROSS_SYSROOT)/usr|' \
		$(CROSS_SYSROOT)/usr/lib/pkgconfig/*.pc
	rm -rf $(CROSS_SYSROOT).debs
	touch $@

cross:
	@command -v $(CROSS)gcc >/dev/null || \
		{ echo "make cross: no $(CROSS)gcc; run make cross-deps"; exit 1; }
	+@$(MAKE) --no-print-directory $(CROSS_SYSROOT)/.done
	@missing=; for m in $(CORE_PKGS) $(UI_PKGS) $(TEST_PKGS); do \
		PKG_CONFIG_LIBDIR=$(CROSS_PKG_DIRS) PKG_CONFIG_PATH= \
			$(PKG_CONFIG) --exists $$m || missing="$$missing $$m"; \
	done; [ -z "$$missing" ] || \
		{ echo "make cross: no arm64$$missing; run make cross-deps"; exit 1; }
	+@$(CROSS_MAKE) $(CROSS_GOAL)

# qemu is called directly (no binfmt in CI) and without -L: the binaries load
# libc6:arm64 from its multiarch path, the same glibc they were linked with.
# The test scripts get the aarch64 programs behind one-line qemu wrappers;
# scripts that need an X server or the host itself ("# needs: xvfb" or
# "# needs: native") run in the native make test only.
CROSS_RUN = $(CROSS_QEMU) -E LD_LIBRARY_PATH=$(CURDIR)/$(CROSS_SYSROOT)/usr/lib
CROSS_WRAP = @printf '\#!/bin/sh\nexec %s %s "$$@"\n' "$(CROSS_RUN)" $(CURDIR)/$(1) \
	> $(CURDIR)/$(1)-qemu && chmod +x $(CURDIR)/$(1)-qemu

cross-test: cross
	@command -v $(CROSS_QEMU) >/dev/null || \
		{ echo "make cross-test: no $(CROSS_QEMU); run make cross-deps"; exit 1; }
	$(call CROSS_WRAP,$(CROSS_BUILD)/bangtinctl)
	$(call CROSS_WRAP,$(CROSS_BUILD)/bangtin)
	@BUILD=$(CURDIR)/$(CROSS_BUILD) BANGTINCTL=$(CURDIR)/$(CROSS_BUILD)/bangtinctl-qemu \
		BANGTIN=$(CURDIR)/$(CROSS_BUILD)/bangtin-qemu SRCDIR=$(CURDIR) \
		sh tests/run.sh -w "$(CROSS_RUN)" -n xvfb -n native $(CROSS_TEST_BIN) $(TEST_SH)

# The package: debhelper through dpkg-buildpackage, without signing, without
# cleaning the developer's build dirs (-nc: debian/rules cleans build-deb/
# only), the .buildinfo and .changes beside the .debs in build-deb/. -nc
# would keep debhelper's stamps, and so skip the build of a changed tree or
# of the other architecture: they go before each build. The
# native build checks its Build-Depends; the cross one cannot (libunibreak's
# arm64 files are in the cross sysroot, not installed). lintian must find no
# error and no warning that debian/bangtin.lintian-overrides does not explain.
DEB_OUT = build-deb
DEB_ARCHS = amd64 arm64
deb:
	@v=$$(dpkg-parsechangelog -S Version); [ "$$v" = "$(VERSION)" ] || \
		{ echo "make deb: debian/changelog says $$v, config.mk VERSION $(VERSION)"; exit 1; }
	@mkdir -p $(DEB_OUT)
	@for a in $(DEB_ARCHS); do \
		if [ "$$a" = "$$(dpkg --print-architecture)" ]; then opt=; else opt="-a$$a -d"; fi; \
		echo "make deb: bangtin_$(VERSION)_$$a.deb"; \
		rm -rf debian/debhelper-build-stamp debian/.debhelper debian/bangtin; \
		dpkg-buildpackage -b -nc --no-sign $$opt \
			--buildinfo-option=-u$(DEB_OUT) --buildinfo-option=-O$(DEB_OUT)/bangtin_$(VERSION)_$$a.buildinfo \
			--changes-option=-u$(DEB_OUT) --changes-option=-O$(DEB_OUT)/bangtin_$(VERSION)_$$a.changes \
			> $(DEB_OUT)/build-$$a.log 2>&1 || { tail -n 40 $(DEB_OUT)/build-$$a.log; exit 1; }; \
		lintian --fail-on error,warning --info $(DEB_OUT)/bangtin_$(VERSION)_$$a.deb || exit 1; \
	done
	@ls -l $(DEB_OUT)/*.deb

cross-deps:
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "make cross-deps: not root; install the packages with:"; \
		echo "sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install -y $(CROSS_DEB_PKGS)"; \
		exit 1; \
	fi
	dpkg --add-architecture arm64
	$(APT) update
	$(APT) install -y --no-remove $(CROSS_DEB_PKGS)

install: $(CTL) $(KIOSK)
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DATADIR)/samples \
		$(DESTDIR)$(DATADIR)/fonts
	install -m 755 $(KIOSK) $(DESTDIR)$(PREFIX)/bin/bangtin
	install -m 755 $(CTL) $(DESTDIR)$(PREFIX)/bin/bangtinctl
	for m in $(wildcard docs/*.1); do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man1/ || exit 1; done
	for m in $(wildcard docs/*.5); do install -m 644 $$m $(DESTDIR)$(MANPREFIX)/man5/ || exit 1; done
	install -m 644 fonts/*.ttf fonts/OFL.txt fonts/README.md $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 data/bangtin.conf $(DESTDIR)$(DATADIR)/bangtin.conf
	install -m 644 data/samples/*.txt $(DESTDIR)$(DATADIR)/samples/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/bangtin $(DESTDIR)$(PREFIX)/bin/bangtinctl
	rm -f $(patsubst docs/%,$(DESTDIR)$(MANPREFIX)/man1/%,$(wildcard docs/*.1))
	rm -f $(patsubst docs/%,$(DESTDIR)$(MANPREFIX)/man5/%,$(wildcard docs/*.5))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz $(CROSS_BUILD) build-deb debian/bangtin \
		debian/.debhelper debian/*.debhelper debian/*.debhelper.log \
		debian/*.substvars debian/debhelper-build-stamp debian/files

.PHONY: all programs test run check-deps deps bench-deps bench bench-parse golden fuzz cross \
	cross-test cross-deps deb install uninstall clean FORCE
-include $(CORE_OBJ:.o=.d) $(UI_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(CTL_OBJ:.o=.d) \
	$(TEST_BIN:=.d) $(FUZZ_BIN:=.d)

# make web, make web-deps: the clerk's page (tools/web/web.mk).
include tools/web/web.mk
