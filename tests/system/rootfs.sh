#!/usr/bin/env bash
# Builds (or finds in the cache) the system test's Debian 12 root file system:
# mmdebstrap of tests/system/packages plus the names in the .deb's Depends,
# as a tarball in $CACHE (default /var/cache/bangtin-test, outside the clone:
# CI runs a fresh clone on the same machine). The tarball's name carries the
# SHA-256 of the sorted package list, so a changed list builds a new one and
# an unchanged one is reused. Prints the tarball's path on stdout.
# Usage: rootfs.sh DEB
set -Eeuo pipefail

here=$(cd "$(dirname "$0")" && pwd)
deb=$1
CACHE=${BANGTIN_TEST_CACHE:-/var/cache/bangtin-test}

# The .deb's Depends as bare names: versions dropped, the first of
# alternatives, ${misc:Depends}-style leftovers impossible in a built .deb.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/:any//; s/ //g' | grep .)
list=$( (grep -v '^#' "$here/packages"; echo "$deps") | grep . | sort -u)
key=$(printf '%s\n' "$list" | sha256sum | cut -c1-16)
tar=$CACHE/rootfs-bookworm-$key.tar
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9
if [ -s "$tar" ]; then
	echo "system: root file system from the cache: $tar" >&2
	echo "$tar"
	exit 0
fi
# The archive this machine already uses for bookworm (as tests/gpiosim does).
uri=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(CREATED_BY)' |
	awk '$2 == "bookworm" && $3 == "main" && $4 == "Packages" { print $1; exit }')
sec=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(CREATED_BY)' |
	awk '$2 == "bookworm-security" && $3 == "main" && $4 == "Packages" { print $1; exit }')
uri=${uri:-http://deb.debian.org/debian/}
sec=${sec:-http://deb.debian.org/debian-security/}
echo "system: building the root file system with mmdebstrap ($(echo $list | wc -w) packages, key $key)" >&2
start=$(date +%s)
rm -f "$tar.tmp"
mmdebstrap --variant=minbase --format=tar --include="$(echo $list | tr ' ' ,)" \
	--aptopt='Apt::Install-Recommends "false"' \
	--customize-hook='rm -f "$1"/etc/hostname; echo bangtin-vm > "$1"/etc/hostname' \
	bookworm "$tar.tmp" \
	"deb $uri bookworm main" "deb $uri bookworm-updates main" "deb $sec bookworm-security main" \
	>"$CACHE/mmdebstrap.log" 2>&1 || {
	tail -n 30 "$CACHE/mmdebstrap.log" >&2
	echo "system: FAIL: mmdebstrap failed (log: $CACHE/mmdebstrap.log)" >&2
	exit 1
}
mv "$tar.tmp" "$tar"
# Older root file systems of other package lists are not needed any more.
find "$CACHE" -maxdepth 1 -name 'rootfs-bookworm-*.tar' ! -name "$(basename "$tar")" -delete
echo "system: root file system built in $(( $(date +%s) - start )) s: $tar" >&2
echo "$tar"
