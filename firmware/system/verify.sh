#!/bin/sh
# Checks the units of this folder with `systemd-analyze verify` and the helper
# with `sh -n` (and shellcheck when installed). The units name their programs
# under /usr, where the package puts them; copies pointing at /bin/true are
# verified, since verify insists that every ExecStart= exists. Exits 77
# (skip) without systemd.
set -u
here=$(cd "$(dirname "$0")" && pwd)
sh -n "$here/bangtin-stick" || exit 1
if command -v shellcheck >/dev/null; then
	shellcheck "$here/bangtin-stick" "$here/verify.sh" || exit 1
fi
command -v systemd-analyze >/dev/null || { echo "verify.sh: no systemd-analyze: skipped"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
for f in "$here"/*.service "$here"/*.socket; do
	sed 's|/usr/libexec/bangtin/bangtin-stick-report|/bin/true|;
		s|/usr/libexec/bangtin/bangtin-stick|/bin/true|; s|=/usr/bin/bangtin$|=/bin/true|' \
		"$f" > "$t/$(basename "$f")"
done
# Templates are verified through an instance.
cp "$t/bangtin-mount@.service" "$t/bangtin-mount@sda1.service"
cp "$t/bangtin-report@.service" "$t/bangtin-report@0.service"
out=$(cd "$t" && systemd-analyze verify --man=no ./bangtin.service ./bangtin-report.socket \
	./bangtin-report@0.service ./bangtin-mount@sda1.service 2>&1)
rc=$?
# Only complaints about our own files count (the host's units are not ours).
ours=$(printf '%s\n' "$out" | grep -F "$t/")
if [ $rc -ne 0 ] || [ -n "$ours" ]; then
	printf '%s\n' "$out" | sed "s|$t/|firmware/system/|g"
	exit 1
fi
echo "verify.sh: units and helper are clean"
