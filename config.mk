# Build settings. Override on the command line: make CC=clang CFLAGS=-O0
# Your CFLAGS/LDFLAGS are appended to the project's, never replace them.
VERSION    = 0.1.0
PREFIX    ?= /usr/local
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/bangtin
PKG_CONFIG ?= pkg-config
BUILD     ?= build
# What `make cross` builds in CROSS_BUILD (the package's build: programs).
CROSS_GOAL ?= all

# Libraries (pkg-config names) of the content core (firmware/, no SDL; with
# the board's edges: libsystemd for sd_notify, libdrm for the display's
# power), of the drawing side (ui/ and the kiosk's main) and of the tests.
# SDL2_image is the tests' only (test_ui reads the PNGs the kiosk writes
# with libpng).
CORE_PKGS  = md4c libutf8proc sqlite3 inih libgpiod libsodium libsystemd libdrm
UI_PKGS    = sdl2 SDL2_ttf libunibreak libpng16
TEST_PKGS  = cmocka SDL2_image
# Commands the test scripts run: an X server, key presses, window captures
# (xwd, then ImageMagick's convert; check-deps checks convert apart).
TEST_CMDS  = Xvfb xdotool xwd valgrind

# Debian packages `make deps` installs: the build, the libraries, the tests'
# X server and tools (e2fsprogs: mkfs.ext4 -d makes tests/test_stick.sh's
# stick image). The second list: the USB bundles (libsodium: Ed25519
# signatures and SHA-256), the board (libsystemd: sd_notify; libdrm: the
# display's power) and `make deb` (debhelper, lintian).
DEB_PKGS      = build-essential pkg-config libmd4c-dev libutf8proc-dev \
                libsqlite3-dev sqlite3 libinih-dev libgpiod-dev libcmocka-dev clang \
                libclang-rt-14-dev libsdl2-dev libsdl2-ttf-dev \
                libsdl2-image-dev libunibreak-dev libpng-dev \
                xvfb xdotool x11-apps imagemagick e2fsprogs valgrind
DEB_PKGS_NEXT = libsodium-dev libsystemd-dev libdrm-dev debhelper lintian
# make bench-deps: the browser `make bench` compares the kiosk with.
BENCH_DEB_PKGS = chromium

# aarch64 (the board): Debian's cross compiler, the arm64 -dev packages of the
# libraries (multiarch, beside the amd64 ones), and qemu to run the tests.
# The amd64 twins are named too so apt keeps both at one version.
# libunibreak is not multiarch in Debian 12: its arm64 packages are unpacked
# into CROSS_SYSROOT by `make cross` instead (see the Makefile).
CROSS          = aarch64-linux-gnu-
CROSS_BUILD    = build-aarch64
CROSS_SYSROOT  = $(CROSS_BUILD)/sysroot
CROSS_SYSROOT_DEBS = libunibreak1:arm64 libunibreak-dev:arm64
CROSS_PKG_DIRS = /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig:$(CURDIR)/$(CROSS_SYSROOT)/usr/lib/pkgconfig
CROSS_QEMU     = qemu-aarch64-static
CROSS_DEB_PKGS = gcc-aarch64-linux-gnu libc6-dev:arm64 qemu-user-static \
                 libmd4c-dev:arm64 libutf8proc-dev:arm64 libsqlite3-dev:arm64 \
                 libinih-dev:arm64 libgpiod-dev:arm64 libcmocka-dev:arm64 \
                 libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libsdl2-image-dev:arm64 \
                 libpng-dev:arm64 libsodium-dev:arm64 libsystemd-dev:arm64 \
                 libdrm-dev:arm64 libsystemd-dev libdrm-dev \
                 libmd4c-dev libutf8proc-dev libsqlite3-dev libinih-dev \
                 libgpiod-dev libcmocka-dev libsdl2-dev libsdl2-ttf-dev \
                 libsdl2-image-dev libpng-dev libsodium-dev

# make SAN=1 ...: AddressSanitizer + UBSan, in a build dir of its own.
# LSan skips the system libraries of tests/lsan.supp. The kiosk draws with
# SDL's software renderer there: on X, SDL's default OpenGL path loads Mesa's
# driver and unloads it at SDL_Quit, and the memory that driver still held
# then shows as leaks from an unknown module that no suppression can name.
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_ENV    = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1 \
             UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
             LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
             SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 BANGTIN_SAN=1

# make fuzz: clang + libFuzzer for FUZZ_SECONDS, in a build dir of its own.
FUZZ_SECONDS = 60

WARN       = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT        = -O2 -g
BT_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) \
             -Ifirmware -Iui -DBANGTIN_VERSION=\"$(VERSION)\" \
             -DBANGTIN_SRCDIR=\"$(CURDIR)\" -DBANGTIN_DATADIR=\"$(DATADIR)\" \
             $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS)) $(GPIOD_API)
BT_LIBS    = $(shell $(PKG_CONFIG) --libs $(CORE_PKGS)) -lpthread
# firmware/gpio_v1.c or gpio_v2.c, by the libgpiod found (bookworm has 1.6).
GPIOD_API  = $(shell $(PKG_CONFIG) --atleast-version=2 libgpiod 2>/dev/null && echo -DBANGTIN_GPIOD_V2)
# A program records only the libraries it calls (a core-only test needs no SDL).
BT_LDFLAGS = -Wl,--as-needed
UI_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(UI_PKGS))
UI_LIBS    = $(shell $(PKG_CONFIG) --libs $(UI_PKGS))
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))
TEST_LIBS   = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

ifeq ($(WERROR),1)
BT_CFLAGS += -Werror
endif

ifeq ($(SAN),1)
BUILD      = build-san
OPT        = -O1 -g
BT_CFLAGS += $(SAN_FLAGS)
BT_LDFLAGS += $(SAN_FLAGS)
endif

ifeq ($(FUZZ),1)
BUILD      = build-fuzz
CC         = clang
OPT        = -O1 -g
BT_CFLAGS += $(SAN_FLAGS) -fsanitize=fuzzer-no-link
BT_LDFLAGS += $(SAN_FLAGS) -fsanitize=fuzzer
endif
