#!/usr/bin/env bash
# The clerk's page end to end (tests/web/test_page.js): build/web's page in
# Debian's chromium, headless, from file://, against bangtinctl and the kiosk.
# Reads $BUILD, $BANGTINCTL, $BANGTIN and $SRCDIR; run by `make test` through
# tests/run.sh, after `make web`.
#
# needs: native
#
# Not under make SAN=1: the page is WebAssembly built by emcc, which the
# sanitizers do not reach; the SAN build has no page of its own. It says so
# and skips (exit 77), as the README documents.
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=${SRCDIR:-$(dirname "$here")}
build=${BUILD:-$src/build}

case $build in
*build-san*)
	echo "skip: test_web: the clerk's page is WebAssembly (emcc), not built or sanitised under SAN=1"
	exit 77
	;;
esac
for f in "$build/web/bangtin-thuky.html" "$build/web/layoutdump" \
	"$build/web/npm/node_modules/puppeteer-core/package.json"; do
	if [ ! -e "$f" ]; then
		echo "FAIL: test_web: no $f (make web, make web-deps)"
		echo "0 passed, 1 failed"
		exit 1
	fi
done
if ! command -v chromium >/dev/null; then
	echo "FAIL: test_web: no chromium (make web-deps)"
	echo "0 passed, 1 failed"
	exit 1
fi
# The board's clock for --display windows and the manifests: the same zone
# for the page's chromium and for bangtinctl.
export TZ=${TZ:-Asia/Ho_Chi_Minh}
exec env SRCDIR="$src" BUILD="$build" BANGTINCTL="${BANGTINCTL:-$build/bangtinctl}" \
	BANGTIN="${BANGTIN:-$build/bangtin}" node "$here/web/test_page.js"
