#!/usr/bin/env bash
# needs: native
# The whole system in a VM, as the board runs it: `make deb`'s amd64 package
# installed into a Debian 12 root file system (mmdebstrap, cached in
# /var/cache/bangtin-test keyed on its package list), booted under qemu
# without KVM; tests/system/run.py says what it checks. About 10 minutes on
# two cores (15 with the root file system made anew).
#
# It does not run, and says so, under SAN=1 (it tests the package's
# build, not the sanitized one), with SYSTEM=0, or when not root (it
# installs into the image with chroot; CI runs make test as root). As root
# it installs its packages first (tests/system/deps.sh) when any is missing.
set -u

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$SRCDIR/build}
BANGTINCTL=${BANGTINCTL:-$BUILD/bangtinctl}
export SRCDIR BUILD BANGTINCTL

if [ -n "${BANGTIN_SAN-}" ]; then
	echo "system: not run under SAN=1: it boots the package's build, which the native make test checks"
	exit 77
fi
if [ "${SYSTEM-}" = 0 ]; then
	echo "system: not run: SYSTEM=0"
	exit 77
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "system: not run: it needs root (chroot into the image it builds); run make test as root"
	exit 77
fi

needs() {
	why=
	for c in qemu-system-x86_64 mmdebstrap mkfs.vfat mcopy mtype mkfs.ext4 python3 \
		dpkg-buildpackage dh lintian compare convert chroot; do
		command -v $c >/dev/null || { why="no $c"; return; }
	done
	[ -e /usr/src/linux-source-6.1.tar.xz ] || why="no linux-source-6.1"
}
needs
if [ -n "$why" ]; then
	echo "system: $why: installing the test's packages (tests/system/deps.sh)"
	mkdir -p "$BUILD"
	sh "$SRCDIR/tests/system/deps.sh" > "$BUILD/system-deps.log" 2>&1 ||
		{ tail -n 20 "$BUILD/system-deps.log"; echo "system: FAIL: tests/system/deps.sh failed"; exit 1; }
	needs
	[ -z "$why" ] || { echo "system: FAIL: $why after tests/system/deps.sh"; exit 1; }
fi

# The package of this tree (incremental in build-deb/amd64).
version=$(sed -n 's/^VERSION *= *//p' "$SRCDIR/config.mk")
deb=$SRCDIR/build-deb/bangtin_${version}_amd64.deb
make -C "$SRCDIR" --no-print-directory deb DEB_ARCHS=amd64 > "$BUILD/system-deb.log" 2>&1 ||
	{ tail -n 30 "$BUILD/system-deb.log"; echo "system: FAIL: make deb failed"; exit 1; }
echo "system: $(basename "$deb") built and lintian-clean"

rootfs=$(bash "$SRCDIR/tests/system/rootfs.sh" "$deb") || { echo "system: FAIL: no root file system"; exit 1; }

# gpio-sim.ko for the root file system's kernel, built as tests/gpiosim
# does; it needs this machine's headers of that very kernel.
kver=$(tar -tf "$rootfs" | sed -n 's|^\./boot/vmlinuz-||p' | head -n 1)
ko=
if [ -e "/lib/modules/$kver/build/Makefile" ]; then
	mkdir -p "$BUILD/gpiosim"
	exec 9>"$BUILD/gpiosim/.lock"
	flock 9
	ko=$(bash "$SRCDIR/tests/gpiosim/module.sh" "$kver" "$BUILD/gpiosim") || ko=
	flock -u 9
else
	echo "system: no headers of the VM's kernel $kver here: the buttons cannot be checked"
fi
exec python3 "$SRCDIR/tests/system/run.py" "$deb" "$rootfs" "$ko"
