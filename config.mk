# Build settings. Override on the command line: make CC=clang CFLAGS=-O0
VERSION    = 0.1.0
PREFIX    ?= /usr/local
CC        ?= cc
PKG_CONFIG ?= pkg-config
BUILD     ?= build

# Libraries of the content core (firmware/) and of the tests.
CORE_PKGS  = md4c libutf8proc sqlite3
TEST_PKGS  = cmocka

WARN       = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
BT_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -g $(WARN) \
             -Ifirmware -DBANGTIN_VERSION=\"$(VERSION)\" -DBANGTIN_SRCDIR=\"$(CURDIR)\" \
             $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS))
BT_LIBS    = $(shell $(PKG_CONFIG) --libs $(CORE_PKGS)) -lpthread
