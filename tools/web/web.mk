# The clerk's page (tools/web/): one self-contained HTML file, included by
# the Makefile.
#
#   make web        build/web/bangtin-thuky.html: the core (parser, bundle,
#                   bangtinctl's keygen and pack) and the kiosk's text layout
#                   compiled to WebAssembly with Debian's emcc; libsodium,
#                   utf8proc and md4c from Debian's source packages and
#                   libunibreak 1.1 from tools/web/vendor (tools/web/deps.sh,
#                   kept in build/web/libs); the page's script, style and
#                   fonts (Noto, cut to Latin and Vietnamese) inline
#   make bench-web  the page's size, time to ready and to pack 100 documents,
#                   into BENCHMARKS.md (make bench does it too)
#   make web-guide  the screenshots of the clerk's guide (docs/thu-ky/)
#   make web-deps   emscripten, chromium and the font tools from Debian (make
#                   deps installs them too), then fflate and the browser
#                   driver from npm (npm ci, into build/web/npm; make web
#                   does that step itself when it is missing)
#
# The page's C files are lists by pattern, so a new file of the parser or
# the bundle code comes in by itself: every core file but the edges the page
# has no use for (GPIO, USB, the store and its SQLite, the kiosk's config,
# state machine and content queries, the board's systemd, display power and
# stick helper), the ui files that are pure layout, and
# bangtinctl's files but its main and its scratch database (SQLite). Only
# what keygen and pack reach is linked: the rest of bangtinctl compiles here
# but is left out by the linker.
WEB          = $(BUILD)/web
WEB_PAGE     = $(WEB)/bangtin-thuky.html
WEB_LIBS     = $(WEB)/libs
WEB_NPM      = $(WEB)/npm
WEB_EXCLUDE  = firmware/gpio% firmware/usb% firmware/store% firmware/update% \
               firmware/config% firmware/app% firmware/buttons% firmware/content% \
               firmware/live% firmware/power% firmware/stick%
WEB_SRC      = $(filter-out $(WEB_EXCLUDE),$(CORE_SRC)) \
               ui/compose.c ui/theme.c $(wildcard ui/text*.c) \
               $(filter-out tools/bangtinctl.c tools/ctl_scratch.c,$(wildcard tools/*.c)) \
               $(wildcard tools/web/web_*.c)
WEB_OBJ      = $(WEB_SRC:%.c=$(WEB)/obj/%.o)
EMCC        ?= emcc
# NodeSource's node (on these machines) does not look in Debian's module
# folder, where emcc's own JavaScript finds acorn.
WEB_ENV      = NODE_PATH=/usr/share/nodejs
WEB_CFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 $(WARN) \
               -Wno-gnu-zero-variadic-macro-arguments \
               -Ifirmware -Iui -Itools -Itools/web -I$(WEB)/gen -I$(WEB_LIBS)/include \
               -Itools/web/sdl-shim -DUTF8PROC_STATIC -DBANGTIN_VERSION=\"$(VERSION)\" \
               -DBANGTIN_SRCDIR=\"/nonexistent\" -DBANGTIN_DATADIR=\"/nonexistent\"
ifeq ($(WERROR),1)
WEB_CFLAGS  += -Werror
endif
# A module the page's worker makes itself (BangtinCore(options)), running in
# a worker only, its memory growing as documents need, the wasm handed in by
# the page (wasmBinary: nothing is fetched).
WEB_LDFLAGS  = -O2 --no-entry -sMODULARIZE=1 -sEXPORT_NAME=BangtinCore \
               -sENVIRONMENT=worker -sALLOW_MEMORY_GROWTH=1 -sFORCE_FILESYSTEM=1 \
               -sEXPORTED_FUNCTIONS=_web_ctl,_web_parse,_web_layout,_web_fingerprint,_web_init,_web_free,_web_malloc,_web_ascii_name,_web_setenv,_web_secret_check \
               -sEXPORTED_RUNTIME_METHODS=FS,UTF8ToString,stringToUTF8,lengthBytesUTF8,setValue \
               -L$(WEB_LIBS)/lib -lmd4c -lutf8proc -lunibreak -lsodium
# The faces the board's page is set in (serif) and the page's own (sans),
# cut to what Vietnamese and the documents' punctuation need.
WEB_FONTS    = NotoSerif-Regular NotoSerif-Bold NotoSerif-Italic NotoSerif-BoldItalic \
               NotoSans-Regular NotoSans-Bold
WEB_UNICODES = U+0020-007E,U+00A0-024F,U+0300-036F,U+0370-03FF,U+1E00-1EFF,U+2000-206F,U+20A0-20BF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+25A0-25FF
WEB_WOFF2    = $(WEB_FONTS:%=$(WEB)/fonts/%.woff2)
WEB_PAGE_SRC = $(wildcard tools/web/page/*)

web: $(WEB_PAGE)

$(WEB_LIBS)/.done: tools/web/deps.sh
	$(WEB_ENV) sh tools/web/deps.sh $(WEB_LIBS)
	@touch $@

$(WEB)/obj/%.o: %.c $(WEB_LIBS)/.done $(WEB)/gen/web-metrics.h
	@mkdir -p $(dir $@)
	$(WEB_ENV) $(EMCC) $(WEB_CFLAGS) -MMD -MP -c $< -o $@

# The kiosk's own font sizes, measured natively with its fonts and SDL_ttf.
$(WEB)/layoutdump: tools/web/layoutdump.c tools/web/web_json.c $(UI_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(BT_CFLAGS) $(UI_CFLAGS) $(CFLAGS) -Itools/web -o $@ tools/web/layoutdump.c \
		tools/web/web_json.c $(UI_LIB) $(LIB) $(BT_LDFLAGS) $(LDFLAGS) $(UI_LIBS) $(BT_LIBS)

# (Two rules, not one with two targets: make -j would run that one twice.)
$(WEB)/gen/web-metrics.h: $(WEB)/layoutdump fonts/NotoSerif-Regular.ttf
	@mkdir -p $(dir $@)
	$(WEB)/layoutdump --metrics-h fonts > $@.tmp
	mv $@.tmp $@

$(WEB)/gen/web-metrics.json: $(WEB)/layoutdump fonts/NotoSerif-Regular.ttf
	@mkdir -p $(dir $@)
	$(WEB)/layoutdump --metrics fonts > $@.tmp
	mv $@.tmp $@

# The ranges, kept in a file that changes only when they do, so the fonts
# and the glyph table are cut again then.
$(WEB)/gen/unicodes: FORCE
	@mkdir -p $(dir $@)
	@echo '$(WEB_UNICODES)' | cmp -s - $@ || echo '$(WEB_UNICODES)' > $@

$(WEB)/gen/web-glyphs.json: $(WEB)/layoutdump $(wildcard fonts/NotoSerif-*.ttf) $(WEB)/gen/unicodes
	@mkdir -p $(dir $@)
	$(WEB)/layoutdump --glyphs fonts $(WEB_UNICODES) > $@.tmp
	mv $@.tmp $@

$(WEB)/core.js: $(WEB_OBJ)
	$(WEB_ENV) $(EMCC) -o $@ $(WEB_OBJ) $(WEB_LDFLAGS)

$(WEB)/fonts/%.woff2: fonts/%.ttf $(WEB)/gen/unicodes
	@mkdir -p $(dir $@)
	pyftsubset $< --unicodes=$(WEB_UNICODES) --layout-features='*' --flavor=woff2 \
		--output-file=$@

$(WEB_PAGE): $(WEB)/core.js $(WEB_WOFF2) $(WEB)/gen/web-metrics.json $(WEB)/gen/web-glyphs.json $(WEB_PAGE_SRC) $(WEB_NPM)/.done \
		tools/web/mkpage.js
	node tools/web/mkpage.js $(WEB) $@

# What make deps installs for the page and its test, on a clean Debian 12;
# node and npm only when the machine has none (NodeSource's node, which
# brings its own npm, is kept). check-deps looks for the commands.
WEB_DEB_PKGS  = emscripten chromium fonttools python3-brotli
WEB_NODE_PKGS = $(if $(shell command -v node),,nodejs) $(if $(shell command -v npm),,npm)
WEB_CMDS      = emcc chromium pyftsubset node npm
# make test builds the page too, but not under SAN=1: emcc's WebAssembly is
# not what the sanitizers check (tests/test_web.sh says it skips there).
WEB_TEST      = $(if $(filter 1,$(SAN)),,web)

# make web-deps: the packages (as make deps) and the npm modules.
web-deps:
	@if [ "$$(id -u)" -ne 0 ]; then \
		echo "make web-deps: not root; install the packages with:"; \
		echo "sudo apt-get update && sudo apt-get install -y $(WEB_DEB_PKGS) $(WEB_NODE_PKGS)"; \
		exit 1; \
	fi
	$(APT) update
	$(APT) install -y --no-remove $(WEB_DEB_PKGS) $(WEB_NODE_PKGS)
	@$(MAKE) --no-print-directory $(WEB_NPM)/.done

# The browser driver, pinned by tools/web/package-lock.json.
$(WEB_NPM)/.done: tools/web/package.json tools/web/package-lock.json
	@mkdir -p $(WEB_NPM)
	cp tools/web/package.json tools/web/package-lock.json $(WEB_NPM)/
	cd $(WEB_NPM) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The screenshots of docs/thu-ky/huong-dan.md, taken by the page's test in
# headless chromium (a 1366x768 window, a common office laptop's), each step
# as the clerk sees it; the board's two pages at 40%.
web-guide: web
	rm -rf $(WEB)/shots
	SHOTS=$(CURDIR)/$(WEB)/shots $(RUN_ENV) bash tests/test_web.sh
	for f in $(WEB)/shots/*.png; do \
		case $$f in */08-*) r=40%;; *) r=100%;; esac; \
		convert "$$f" -strip -resize $$r -define png:compression-level=9 \
			docs/thu-ky/$$(basename "$$f") || exit 1; \
	done

# Only the page's figures (make bench runs them after the kiosk's).
bench-web: web
	$(RUN_ENV) node tools/bench/web.js

.PHONY: web web-deps bench-web web-guide
-include $(WEB_OBJ:.o=.d)
