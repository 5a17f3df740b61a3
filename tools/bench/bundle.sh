#!/bin/sh
# The issue's benchmark of the core: verify and apply a bundle of BENCH_DOCS
# (default 1,000) documents through update_stage() + update_apply(), the
# kiosk's own path, without the screen (the frame times of the running kiosk
# during an apply are measured by tests/test_update_e2e.sh, see BENCHMARKS.md
# "Bundle apply"). Makes the documents from sample 003 with the number
# changed (about 12 KB each), packs them with `bangtinctl pack`, builds
# tools/bench/bundle_bench.c against build/libbangtin.a and prints a markdown
# table: copy, check, parse, transaction, for a first apply into an empty
# database and the same bundle again (the no-op).
# Environment: SRCDIR, BANGTINCTL (set by make), BENCH_DOCS, PKG_CONFIG, CC.
set -eu

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BANGTINCTL=${BANGTINCTL:-$SRCDIR/build/bangtinctl}
N=${BENCH_DOCS:-1000}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
SAMPLE=$SRCDIR/data/samples/003_90bc4fd252e1aac9.txt
LIB=$SRCDIR/build/libbangtin.a

[ -x "$BANGTINCTL" ] && [ -f "$LIB" ] || { echo "bundle.sh: run make first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pkgs=$(sed -n 's/^CORE_PKGS *= *//p' "$SRCDIR/config.mk")
# shellcheck disable=SC2086
"$CC" -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$SRCDIR/firmware" \
	-o "$tmp/bundle_bench" "$SRCDIR/tools/bench/bundle_bench.c" "$LIB" \
	$($PKG_CONFIG --cflags --libs $pkgs) -lpthread

mkdir "$tmp/src" "$tmp/keys"
i=1
while [ "$i" -le "$N" ]; do
	sed "s|^Số 320 - TB/BTCTW|Số $((i + 1000)) - TB/BTCTW|" "$SAMPLE" > "$tmp/src/tb$i.txt"
	i=$((i + 1))
done
"$BANGTINCTL" keygen --dir "$tmp/keys" bench > /dev/null
t0=$(date +%s.%N)
"$BANGTINCTL" pack --key "$tmp/keys/bench.key" --sequence 1 "$tmp/src" "$tmp/BANGTIN" > /dev/null
t1=$(date +%s.%N)
mkdir "$tmp/trusted"
cp "$tmp/keys/bench.pub" "$tmp/trusted/"
echo "bundle.sh: $N documents, $(du -sk "$tmp/BANGTIN" | cut -f1) KB; bangtinctl pack took" \
	"$(echo "$t1 - $t0" | bc) s" >&2
"$tmp/bundle_bench" "$tmp/BANGTIN" "$tmp/trusted" "$tmp/bench.db" "$tmp/staging"
