# Helpers shared by the test scripts (tests/test_*.sh), sourced, not run: it
# is no test itself, so its name does not match tests/test_*.sh. A script
# ends with `echo "$passed passed, $failed failed"` and `[ "$failed" -eq 0 ]`.

# The counts, and one line per check: "ok: WHAT" or "FAIL: WHAT".
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}

# run NAME ARGS...: runs "$ctl" ARGS with its output in $tmp/NAME.out and
# $tmp/NAME.err and its status in $rc ($ctl and $tmp are the caller's).
run() {
	local name=$1
	shift
	"$ctl" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
}
