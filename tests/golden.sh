#!/bin/sh
# Golden screenshots: draws every screen of the kiosk with `bangtin --shot`
# (landscape 1920x1080, portrait 1080x1920, and one frame rotated by the
# program) at a fixed time, on the samples imported into a temporary
# database, and compares each with tests/golden/NAME.png, or writes them.
#
# Usage: golden.sh [--update]
#   --update   write tests/golden/*.png (what `make golden` does)
# Environment: BANGTIN, BANGTINCTL (the programs; default build/), SRCDIR,
#   GOLDEN_MAX_PIXELS (pixels allowed to differ beyond a 2% fuzz; default 400),
#   GOLDEN_OUT (where the frames and the diff images of a failed run are kept;
#   default build/golden-out).
set -eu

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
BANGTIN=${BANGTIN:-$SRCDIR/build/bangtin}
BANGTINCTL=${BANGTINCTL:-$SRCDIR/build/bangtinctl}
GOLDEN=$SRCDIR/tests/golden
MAX=${GOLDEN_MAX_PIXELS:-400}
OUT=${GOLDEN_OUT:-$SRCDIR/build/golden-out}
TIME=2026-11-23T09:41

update=0
case ${1-} in
--update) update=1 ;;
"") ;;
*) echo "usage: golden.sh [--update]" >&2; exit 2 ;;
esac

for c in compare sqlite3; do
	command -v $c >/dev/null || { echo "golden.sh: $c is missing (make deps installs it)" >&2; exit 1; }
done
[ -x "$BANGTIN" ] || { echo "golden.sh: no $BANGTIN (make first)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The same pixels everywhere: UTC, a fixed config, fixed import meta; the
# latest update is taken to have brought two documents (marked "Mới", first
# in their groups). The board with content trusts the fixed key of
# tests/golden/keys (Info shows it); the empty one is a new board that
# trusts none yet (it says how to enrol one).
export TZ=UTC
mkdir "$tmp/nokeys"
for db in content empty; do
	keys=$SRCDIR/tests/golden/keys
	[ "$db" = empty ] && keys=$tmp/nokeys
	cat > "$tmp/$db.conf" <<EOF
[display]
org_name = ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM
footer = legend
[carousel]
count = 5
[update]
keys_dir = $keys
EOF
done
"$BANGTINCTL" import --db "$tmp/content.db" "$SRCDIR/data/samples" >/dev/null
sqlite3 "$tmp/content.db" "UPDATE meta SET value = '1795425600' WHERE key = 'last_update';
	UPDATE meta SET value = '1' WHERE key = 'content_version';
	UPDATE arrivals SET at = 1795425600;
	UPDATE documents SET arrival = 0 WHERE number NOT IN ('03-KL/ĐUK', '596-CV/ĐU');"
"$BANGTINCTL" list --db "$tmp/content.db" >/dev/null # the database is complete

# name  size  rotation  database  screen
shots() {
	for o in landscape:1920x1080 portrait:1080x1920; do
		n=${o%%:*}
		s=${o#*:}
		cat <<EOF
$n-carousel $s 0 content carousel
$n-list $s 0 content list
$n-reader-516-p1 $s 0 content reader:516-KL/ĐUK:1
$n-reader-516-p3 $s 0 content reader:516-KL/ĐUK:3
$n-reader-03-forwarded $s 0 content reader:03-KL/ĐUK:1
$n-reader-132-slip $s 0 content reader:132-KL/ĐUK:1
$n-info $s 0 content info
$n-empty $s 0 empty carousel
$n-sleep $s 0 content sleep
EOF
	done
	echo "rotated90-carousel 1920x1080 90 content carousel"
	echo "button-labels 1240x1754 0 content labels"
}

mkdir -p "$OUT"
fails=0
total=0
shots > "$tmp/list"
while read -r name size rot db screen; do
	total=$((total + 1))
	png=$OUT/$name.png
	if ! "$BANGTIN" --config "$tmp/$db.conf" --db "$tmp/$db.db" --shot "$png" \
		--size "$size" --rotation "$rot" --time "$TIME" --screen "$screen" \
		2> "$tmp/log"; then
		echo "FAIL: $name: bangtin --shot failed:"
		cat "$tmp/log"
		fails=$((fails + 1))
		continue
	fi
	if [ "$update" = 1 ]; then
		mkdir -p "$GOLDEN"
		cp "$png" "$GOLDEN/$name.png"
		echo "wrote tests/golden/$name.png ($screen, $size, rotation $rot)"
		continue
	fi
	if [ ! -f "$GOLDEN/$name.png" ]; then
		echo "FAIL: $name: no tests/golden/$name.png (make golden writes it)"
		fails=$((fails + 1))
		continue
	fi
	# AE: the count of pixels differing by more than the fuzz.
	ae=$(compare -metric AE -fuzz 2% "$GOLDEN/$name.png" "$png" "$OUT/$name-diff.png" 2>&1 || true)
	case $ae in
	''|*[!0-9.e+]*)
		echo "FAIL: $name: compare: $ae"
		fails=$((fails + 1))
		;;
	*)
		ae=$(printf '%.0f' "$ae")
		if [ "$ae" -gt "$MAX" ]; then
			echo "FAIL: $name ($screen, $size, rotation $rot): $ae pixels differ" \
				"(at most $MAX); see $OUT/$name.png and $OUT/$name-diff.png"
			fails=$((fails + 1))
		else
			echo "ok: $name: $ae pixels differ"
			rm -f "$OUT/$name-diff.png"
		fi
		;;
	esac
done < "$tmp/list"

if [ "$update" = 1 ]; then
	[ "$fails" -eq 0 ] || exit 1
	echo "golden.sh: $total screenshots written to tests/golden/"
	exit 0
fi
echo "golden.sh: $((total - fails)) of $total screenshots match"
[ "$fails" -eq 0 ]
