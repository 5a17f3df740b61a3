#!/bin/sh
# The parser's speed: documents parsed per second over the labelled corpus
# (tests/corpus/, 133 real documents) and over 1,000 documents as a pack
# brings them (sample 003 with its number changed, about 12 KB each, as
# tools/bench/bundle.sh makes them). Builds tools/bench/parse_bench.c
# against build/libbangtin.a and prints a markdown section for
# BENCHMARKS.md (make bench appends it; make bench-parse prints it).
# Environment: SRCDIR, PKG_CONFIG, CC, BENCH_ROUNDS (default 20).
set -eu

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
CC=${CC:-cc}
PKG_CONFIG=${PKG_CONFIG:-pkg-config}
ROUNDS=${BENCH_ROUNDS:-20}
SAMPLE=$SRCDIR/data/samples/003_90bc4fd252e1aac9.txt
LIB=$SRCDIR/build/libbangtin.a

[ -f "$LIB" ] || { echo "parse.sh: run make first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pkgs=$(sed -n 's/^CORE_PKGS *= *//p' "$SRCDIR/config.mk")
# shellcheck disable=SC2086
"$CC" -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$SRCDIR/firmware" \
	-o "$tmp/parse_bench" "$SRCDIR/tools/bench/parse_bench.c" "$LIB" \
	$($PKG_CONFIG --cflags --libs $pkgs) -lpthread

mkdir "$tmp/pack"
i=1
while [ "$i" -le 1000 ]; do
	sed "s|^Số 320 - TB/BTCTW|Số $((i + 1000)) - TB/BTCTW|" "$SAMPLE" > "$tmp/pack/tb$i.txt"
	i=$((i + 1))
done

cat <<HEAD
## Parser

\`tools/bench/parse.sh\` (run by \`make bench\`, alone by \`make bench-parse\`):
each file is read into memory, then parsed $ROUNDS times with
\`parse_buffer()\` alone (no SQLite); one document per file. Target: at most
1 ms per typical document. Run of $(date -u +"%Y-%m-%d %H:%M UTC").

| input | files | documents | size | documents per second | mean per file | slowest file |
| --- | --- | --- | --- | --- | --- | --- |
HEAD
"$tmp/parse_bench" "corpus (tests/corpus)" "$ROUNDS" "$SRCDIR"/tests/corpus/*.txt
"$tmp/parse_bench" "1,000 packed documents" "$ROUNDS" "$tmp"/pack/*.txt
