#!/bin/bash
# needs: xvfb
# The real kiosk in a real X window under Xvfb: start it on the samples, send
# keys with xdotool, capture the screen after each, and check that it moved
# as a person would see it: Right turns the carousel's page, Escape opens the
# list (the same pixels as `bangtin --shot --screen list`), Enter opens the
# reader, a long Escape opens Info (and its release does not leave it), q
# closes the window. Every wait is bounded; Xvfb and the kiosk are always
# stopped. Xvfb, xdotool and ImageMagick come with `make deps`.
# KEEP=1 keeps the captures (in build/e2e-out).
set -u

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
BANGTIN=${BANGTIN:-$SRCDIR/build/bangtin}
BANGTINCTL=${BANGTINCTL:-$SRCDIR/build/bangtinctl}
W=1280
H=720
OUT=$SRCDIR/build/e2e-out

for c in Xvfb xdotool import compare convert; do
	if ! command -v $c >/dev/null; then
		echo "test_e2e: FAIL: $c is missing; make deps installs xvfb, xdotool and imagemagick"
		exit 1
	fi
done

tmp=$(mktemp -d)
xvfb_pid=
kiosk_pid=
cleanup() {
	[ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
	wait 2>/dev/null
	if [ "${KEEP-}" = 1 ]; then
		mkdir -p "$OUT" && cp "$tmp"/*.png "$tmp"/*.log "$OUT"/ 2>/dev/null
		echo "captures kept in $OUT"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# passed, failed, ok, bad; xvfb_start, kiosk_start, shot, differ.
. "$SRCDIR/tests/lib.sh"
. "$SRCDIR/tests/xvfb.sh"
die() { bad "$*"; echo "$passed passed, $failed failed"; exit 1; }

xvfb_start

# The samples, and a config whose carousel does not turn by itself meanwhile.
"$BANGTINCTL" import --db "$tmp/content.db" "$SRCDIR/data/samples" > /dev/null ||
	die "bangtinctl import failed"
cat > "$tmp/bangtin.conf" <<'EOF'
[display]
org_name = ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM
footer = legend
[carousel]
dwell_min = 3600
dwell_max = 3600
idle_timeout = 3600
[buttons]
long_press_ms = 800
EOF

kiosk_start
ok "the window appeared (id $win)"

n=0
# Waits (at most 5 s) until the screen differs from capture $1 by more
# than 2000 pixels; leaves the result in $tmp/$2.png.
wait_change() {
	for _ in $(seq 25); do
		sleep 0.2
		shot "$2"
		[ "$(differ "$tmp/$1.png" "$tmp/$2.png")" -gt 2000 ] && return 0
	done
	return 1
}
key() { xdotool key --clearmodifiers "$1"; }

# The first frame: not a blank screen (its pixels vary).
drawn=0
for _ in $(seq 25); do
	shot start
	sd=$(convert "$tmp/start.png" -format '%[fx:standard_deviation]' info:)
	if awk "BEGIN{exit !($sd > 0.05)}"; then drawn=1; break; fi
	sleep 0.2
done
[ "$drawn" = 1 ] && ok "the carousel is drawn" || die "the window stays blank"
sleep 0.3
shot start

key Right
if wait_change start right; then ok "Right turned the carousel's page"; else bad "Right did not change the screen"; fi

key Escape
if wait_change right list; then
	now=$(date +%Y-%m-%dT%H:%M)
	"$BANGTIN" --config "$tmp/bangtin.conf" --db "$tmp/content.db" --shot "$tmp/list-shot.png" \
		--size ${W}x${H} --screen list --time "$now" > "$tmp/shot.log" 2>&1
	diff=$(differ "$tmp/list.png" "$tmp/list-shot.png")
	if [ "$diff" -le 500 ]; then
		ok "Escape opened the list: $diff pixels differ from bangtin --shot --screen list"
	else
		bad "after Escape the screen is not the list: $diff pixels differ from the list's --shot"
	fi
else
	bad "Escape did not change the screen"
fi

key Return
if wait_change list reader; then ok "Enter opened the reader"; else bad "Enter did not change the screen"; fi

# A long Escape: Info while it is held; its release must not leave Info.
xdotool keydown Escape
sleep 1.5
xdotool keyup Escape
sleep 0.5
shot info
"$BANGTIN" --config "$tmp/bangtin.conf" --db "$tmp/content.db" --shot "$tmp/info-shot.png" \
	--size ${W}x${H} --screen info --time "$(date +%Y-%m-%dT%H:%M)" >> "$tmp/shot.log" 2>&1
# Info shows the uptime and the import time: allow those two values to differ.
diff=$(differ "$tmp/info.png" "$tmp/info-shot.png")
if [ "$diff" -le 6000 ]; then
	ok "a long Escape opened Info and stayed there: $diff pixels differ from its --shot"
else
	bad "after a long Escape the screen is not Info: $diff pixels differ from its --shot"
fi

key q
for _ in $(seq 50); do
	kill -0 "$kiosk_pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$kiosk_pid" 2>/dev/null; then
	bad "q did not close the window within 5 s"
else
	wait "$kiosk_pid"
	rc=$?
	kiosk_pid=
	[ "$rc" -eq 0 ] && ok "q closed the window (exit 0)" || bad "the kiosk exited with $rc"
fi

[ "$failed" -gt 0 ] && { echo "kiosk log:"; cat "$tmp/kiosk.log"; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
