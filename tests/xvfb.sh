# Helpers shared by the test scripts that drive the real kiosk under Xvfb
# (tests/test_e2e.sh, tests/test_update_e2e.sh), sourced, not run. They use
# the caller's $tmp (a temp dir), $W and $H (the screen size), $BANGTIN, and
# its die (fail and exit); the caller's cleanup stops $xvfb_pid and $kiosk_pid.

# Starts Xvfb on a display number nobody uses, $W x $H, and waits (at most
# 5 s) until it answers; sets xvfb_pid and exports DISPLAY.
xvfb_start() {
	local d=99
	while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do
		d=$((d + 1))
		[ $d -lt 200 ] || die "no free X display number"
	done
	Xvfb :$d -screen 0 ${W}x${H}x24 -nolisten tcp > "$tmp/xvfb.log" 2>&1 &
	xvfb_pid=$!
	export DISPLAY=:$d
	for _ in $(seq 50); do
		[ -e /tmp/.X11-unix/X$d ] && xdotool getmouselocation > /dev/null 2>&1 && break
		sleep 0.1
	done
	xdotool getmouselocation > /dev/null 2>&1 || die "Xvfb :$d did not start: $(cat "$tmp/xvfb.log")"
}

# Starts the kiosk in a $W x $H window on $tmp/bangtin.conf and
# $tmp/content.db, logging to $tmp/kiosk.log, and waits (at most 10 s) for
# its window; sets kiosk_pid and win (the window id) and focuses it.
kiosk_start() {
	# Under the sanitizers (make SAN=1 test sets ASAN_OPTIONS) the kiosk
	# draws with SDL's software renderer: Mesa's llvmpipe, which Xvfb would
	# give it, unloads its driver at exit and leaves allocations
	# LeakSanitizer cannot name or suppress; the kiosk's own leaks still
	# show either way.
	if [ -n "${ASAN_OPTIONS-}" ]; then
		export SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
	fi
	# --no-gpio: the keys are what these tests drive, and the screens must
	# match their --shot, which has no buttons row (test_main_gpio covers
	# the buttons).
	"$BANGTIN" --config "$tmp/bangtin.conf" --db "$tmp/content.db" --window ${W}x${H} --no-gpio \
		> "$tmp/kiosk.log" 2>&1 &
	kiosk_pid=$!
	win=$(timeout 10 xdotool search --sync --name '^bangtin$' 2>/dev/null | head -1)
	[ -n "$win" ] || die "no bangtin window within 10 s: $(cat "$tmp/kiosk.log")"
	xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
}

# Captures the screen into $tmp/NAME.png.
shot() { import -window root "$tmp/$1.png" 2>> "$tmp/import.log"; }

# Pixels that differ (2% fuzz) between two captures, below the header band
# (its clock may tick between two captures); 999999999 when they cannot be
# compared.
differ() {
	local band=$((H / 8)) ae
	convert "$1" -crop ${W}x$((H - band))+0+$band +repage "$tmp/a.png" &&
		convert "$2" -crop ${W}x$((H - band))+0+$band +repage "$tmp/b.png" ||
		{ echo 999999999; return; }
	ae=$(compare -metric AE -fuzz 2% "$tmp/a.png" "$tmp/b.png" null: 2>&1)
	case $ae in
	''|*[!0-9.e+]*) echo 999999999 ;;
	*) printf '%.0f\n' "$ae" ;;
	esac
}
