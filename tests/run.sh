#!/bin/sh
# Runs test programs and test scripts one after another and closes with the
# line "N passed, N failed" (", N skipped" when some were); exits 1 when any
# failed or none passed.
# Usage: run.sh [-w WRAPPER] [-n NEED]... TEST...
#   TEST ending in .sh runs with bash (it reads $BUILD, $BANGTINCTL, $BANGTIN
#   and $SRCDIR); any other TEST is a program, run under WRAPPER when given
#   (qemu; WRAPPER is split on spaces).
#   -n NEED: this run cannot offer NEED ("xvfb", "native" under qemu), so a script
#   with a line "# needs: NEED" is skipped, and said so.
#   A test that exits 77 skipped itself (the automake convention).
set -u

wrap=
unmet=
while [ $# -gt 0 ]; do
	case $1 in
	-w) wrap=$2; shift 2 ;;
	-n) unmet="$unmet $2"; shift 2 ;;
	*) break ;;
	esac
done

passed=0
failed=0
skipped=0
failures=
for t in "$@"; do
	echo "== $t"
	need=
	case $t in
	*.sh)
		for n in $unmet; do
			if grep -Eq "^# needs:.*\\<$n\\>" "$t"; then need=$n; fi
		done
		;;
	esac
	if [ -n "$need" ]; then
		echo "skip: $t needs $need, which this run has not (it runs in the native make test)"
		skipped=$((skipped + 1))
		continue
	fi
	case $t in
	*.sh) bash "$t" ;;
	*) $wrap "$t" ;;
	esac
	rc=$?
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
	elif [ "$rc" -eq 77 ]; then
		echo "skip: $t skipped itself"
		skipped=$((skipped + 1))
	else
		echo "FAIL: $t (exit $rc)"
		failed=$((failed + 1))
		failures="$failures $t"
	fi
done

[ -n "$failures" ] && echo "failed:$failures"
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
