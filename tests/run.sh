#!/bin/sh
# Runs test programs and test scripts one after another and closes with the
# line "N passed, N failed"; exits 1 when any failed or none ran.
# Usage: run.sh [-w WRAPPER] TEST...
#   TEST ending in .sh runs with bash (it reads $BUILD and $BANGTINCTL);
#   any other TEST is a program, run under WRAPPER when given (qemu).
set -u

wrap=
if [ "${1-}" = "-w" ]; then
	wrap=$2
	shift 2
fi

passed=0
failed=0
failures=
for t in "$@"; do
	echo "== $t"
	case $t in
	*.sh) bash "$t" ;;
	*) $wrap "$t" ;;
	esac
	rc=$?
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL: $t (exit $rc)"
		failed=$((failed + 1))
		failures="$failures $t"
	fi
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
