#!/usr/bin/env bash
# Checks the console transcript of the gpio-sim test (tests/gpiosim/run.sh):
# for each probe build (v1, v2), exactly the app inputs the scenario in
# tests/gpiosim/init must give, in order, with the repeat and long-press
# times on their grid; the open errors, word for word; the run's end.
# On any mismatch it prints the transcript and exits 1.
# Usage: check.sh CONSOLE_LOG QEMU_EXIT_STATUS [TIMING_NOTE]
set -uo pipefail

log=$1
qemu_rc=$2
note=${3:-}
fails=()

# One line per input: clean presses, bounce storms, long hold of back, hold
# of next with its repeats, short presses (nothing), two at once (only the
# first), next again, the last press. The hold of next lasts about 1.92 s,
# ten repeats (500 ms, then every 150 ms, while held); the count is taken
# from the hold the kernel stamped, so a slow emulated sleep cannot fail
# the test, but it must be 9 to 11.
expect() {
	local n=$1
	echo "PREV NEXT SELECT BACK NEXT BACK BACK_LONG NEXT$(for ((k = 0; k < n; k++)); do printf ' NEXT_REPEAT'; done) PREV NEXT SELECT"
}

# Repeats due while next was held in the long hold (repeat times strictly
# before the release began), from the probe's edges of tag $1.
repeats_due() {
	awk -v t="$1" '
		$1 != t { next }
		$2 == "input" && $3 == "NEXT_REPEAT" && !press { press = last_next }
		$2 == "input" && $3 == "NEXT" { last_next = $4 }
		$2 == "edge" && $3 == "next" && $4 == 0 && press && !release && $5 > press { release = $5 }
		END {
			if (!press || !release) { print -1; exit }
			n = 0
			for (r = press + 500; r < release; r += 150) n++
			print n
		}' "$log"
}

grep -q '^gpiosim: done$' "$log" || fails+=("the run did not reach its end (qemu exit $qemu_rc)")
grep -q '^gpiosim: FAIL' "$log" && fails+=("$(grep '^gpiosim: FAIL' "$log" | head -n 1)")
chip=$(sed -n 's/^gpiosim: chip \([^ ]*\) .*/\1/p' "$log" | head -n 1)
[ -n "$chip" ] || fails+=("no simulated chip was made")

for tag in v1 v2; do
	grep -q "^$tag ready libgpiod ${tag/v/}\\." "$log" ||
		fails+=("$tag: no 'ready' line from a libgpiod ${tag/v/}.x build")
	due=$(repeats_due "$tag")
	if [ "$due" -lt 9 ] || [ "$due" -gt 11 ]; then
		fails+=("$tag: the hold of next was not about 1.92 s ($due repeats due)")
		due=10
	fi
	expected=$(expect "$due")
	got=$(awk -v t="$tag" '$1 == t && $2 == "input" { printf "%s%s", sep, $3; sep = " " }' "$log")
	[ "$got" = "$expected" ] ||
		fails+=("$tag: inputs differ"$'\n'"  expected: $expected"$'\n'"  got:      $got")
	# Repeats come 500 ms after the press, then every 150 ms; the long press
	# 1500 ms after its press: times the debouncer took from the kernel.
	grid=$(awk -v t="$tag" '
		$1 != t || $2 != "input" { next }
		$3 == "NEXT" { next_t = $4 }
		$3 == "NEXT_REPEAT" {
			want = prev_rep ? prev_rep + 150 : next_t + 500
			if ($4 - want > 0.2 || want - $4 > 0.2)
				printf "NEXT_REPEAT at %s ms, not %s; ", $4, want
			prev_rep = $4
		}' "$log")
	[ -z "$grid" ] || fails+=("$tag: repeat times off the grid: $grid")
	long=$(awk -v t="$tag" '
		$1 == t && $2 == "edge" && $3 == "back" && $4 == 1 && !down { down = $5 }
		$1 == t && $2 == "edge" && $3 == "back" && $4 == 0 { down = 0 }
		$1 == t && $2 == "input" && $3 == "BACK_LONG" {
			d = $4 - last_down
			if (d - 1500 > 0.2 || 1500 - d > 0.2)
				printf "%.1f", d
			else
				print "ok"
			exit
		}
		$1 == t && $2 == "edge" && $3 == "back" && $4 == 1 { last_down = down }' "$log")
	[ "$long" = ok ] || fails+=("$tag: BACK_LONG ${long:-missing} ms after the press began, not 1500")
	grep -q "^$tag \\(read\\|poll\\)-error" "$log" && fails+=("$tag: $(grep "^$tag \\(read\\|poll\\)-error" "$log" | head -n 1)")
	want="$tag open-error prev: no chip 'gpiochip9'; next: $chip: no line named 'NOPE'; select: $chip line 7: no such line (the chip has 4)"
	grep -qxF "$want" "$log" || fails+=("$tag: open errors differ; expected: $want")
	denied="/dev/$chip: permission denied (give the kiosk's user access to it: the gpio group or a udev rule)"
	unlisted="no chip labelled 'bangtin-sim' among those readable (permission denied on some: the gpio group or a udev rule)"
	want="$tag-user open-error prev: $denied; next: $unlisted; select: $denied; back: $unlisted"
	grep -qxF "$want" "$log" || fails+=("$tag: permission errors differ; expected: $want")
	other=v2
	[ "$tag" = v2 ] && other=v1
	want="$other-busy open-error prev: $chip line 0: busy (used by 'bangtin'); next: $chip line 1: busy (used by 'bangtin'); select: $chip line 2: busy (used by 'bangtin'); back: $chip line 3: busy (used by 'bangtin')"
	grep -qxF "$want" "$log" || fails+=("$other: busy lines reported otherwise; expected: $want")
done

# The late chip: the probe waited, said why once, picked the chip up and
# got the press.
grep -qxF "late waiting prev: no chip 'bangtin-late' (no gpiochip has that name or label); next: no chip 'bangtin-late' (no gpiochip has that name or label); select: no chip 'bangtin-late' (no gpiochip has that name or label); back: no chip 'bangtin-late' (no gpiochip has that name or label)" "$log" ||
	fails+=("late: no single 'waiting' line naming the missing chip")
[ "$(grep -c '^late waiting' "$log")" -le 1 ] || fails+=("late: said why more than once")
got=$(awk '$1 == "late" && $2 == "input" { printf "%s%s", sep, $3; sep = " " }' "$log")
[ "$got" = NEXT ] || fails+=("late: expected the one input NEXT after the chip appeared, got: ${got:-none}")

if [ ${#fails[@]} -gt 0 ]; then
	echo "----- transcript ($log) -----"
	grep -v '^\(v1\|v2\) edge ' "$log" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g'
	echo "----- end of transcript (edge lines left out; they are in the file) -----"
	for f in "${fails[@]}"; do
		echo "gpiosim: FAIL: $f"
	done
	exit 1
fi
n=$(grep -cE '^v[12] input ' "$log")
echo "gpiosim: ok: v1 and v2 each gave the $(echo "$expected" | wc -w) expected inputs ($n in all), open errors, permission errors and busy lines as expected, a late chip picked up${note:+; $note}"
