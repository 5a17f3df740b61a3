#!/usr/bin/env bash
# The end-to-end test of the buttons against the kernel's own GPIO code: boots
# Debian's kernel under qemu-system-x86_64 (software emulation, no KVM) with
# a small initramfs (busybox, configfs, gpio-sim built out of tree, the probe
# built with libgpiod v1 and v2), presses simulated buttons (tests/gpiosim/
# init) and asserts the exact app inputs each probe printed. It fails, never
# skips, when something is missing, naming it.
#
# Needs the packages tests/gpiosim/deps.sh installs. Builds into
# $BUILD/gpiosim: gpio-sim.ko for exactly the kernel image whose Debian
# version is linux-source-6.1's and libgpiod 2.x (both kept across runs);
# the probes and the initramfs of one run in a run.* folder of their own,
# removed after it; console.log, the last run's transcript.
set -Eeuo pipefail

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${BUILD:-$SRCDIR/build}
OUT=$BUILD/gpiosim
TIMEOUT=${GPIOSIM_TIMEOUT:-150}
CC=${CC:-cc}

mkdir -p "$BUILD"
die() {
	echo "gpiosim: FAIL: $*" >&2
	exit 1
}
missing() {
	die "$* (install the test's packages: sh tests/gpiosim/deps.sh, as root)"
}

# --- what the test needs, found or named ------------------------------------
# Sets why to what is missing, or to nothing.
check_needs() {
	why=
	for c in qemu-system-x86_64 cpio gzip tar xz make dpkg-query pkg-config; do
		command -v $c >/dev/null || { why="no $c"; return; }
	done
	[ -x /bin/busybox ] || { why="no /bin/busybox"; return; }
	if ldd /bin/busybox >/dev/null 2>&1; then
		why="/bin/busybox is not static (busybox-static is needed, not busybox)"
		return
	fi
	KSRC_TAR=/usr/src/linux-source-6.1.tar.xz
	[ -e "$KSRC_TAR" ] || { why="no $KSRC_TAR (linux-source-6.1)"; return; }
	KSRC_VER=$(dpkg-query -W -f '${Version}' linux-source-6.1)
	# The kernel image of the same Debian version as the source, so the
	# module is built from the very code the image was built from.
	KVER=
	local installed= img v pv
	for img in /boot/vmlinuz-*; do
		[ -e "$img" ] || continue
		v=${img#/boot/vmlinuz-}
		pv=$(dpkg-query -W -f '${Version}' "linux-image-$v" 2>/dev/null || true)
		installed="$installed $v($pv)"
		[ "$pv" = "$KSRC_VER" ] && KVER=$v
	done
	[ -n "$KVER" ] || { why="no kernel image of linux-source-6.1's version $KSRC_VER (installed:${installed:- none})"; return; }
	[ -e "/lib/modules/$KVER/build/Makefile" ] || { why="no headers for $KVER (linux-headers-$KVER)"; return; }
	pkg-config --exists libgpiod || why="no libgpiod (libgpiod-dev)"
}

# As make test does for the rest, root installs what is missing (said so);
# anyone else gets the command.
check_needs
if [ -n "$why" ] && [ "$(id -u)" -eq 0 ]; then
	echo "gpiosim: $why: installing the test's packages (tests/gpiosim/deps.sh)"
	sh "$SRCDIR/tests/gpiosim/deps.sh" > "$BUILD/gpiosim-deps.log" 2>&1 ||
		{ tail -n 20 "$BUILD/gpiosim-deps.log" >&2; die "tests/gpiosim/deps.sh failed"; }
	check_needs
fi
[ -z "$why" ] || missing "$why"
CONFIGFS=$(find "/lib/modules/$KVER/kernel/fs/configfs" -name 'configfs.ko*' | head -n 1)
[ -n "$CONFIGFS" ] || die "no configfs module in /lib/modules/$KVER"

start=$(date +%s%N)
mkdir -p "$OUT"
# The module and libgpiod 2.x are kept for every run of this build dir and
# made under a lock; the rest is the run's own (two runs may overlap when
# several people test in one tree).
exec 9>"$OUT/.lock"
flock 9

# --- gpio-sim.ko, out of tree, kept per kernel version ----------------------
ko=$(bash "$SRCDIR/tests/gpiosim/module.sh" "$KVER" "$OUT") || die "no gpio-sim.ko (see above)"
MOD=$(dirname "$ko")

# --- the probe, static, with libgpiod v1 (the system's) and v2 --------------
sh "$SRCDIR/tests/gpiosim/gpiod2.sh" "$OUT/gpiod2" || die "no libgpiod 2.x (see above)"
flock -u 9
RUN=$(mktemp -d "$OUT/run.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
PROBE_SRC="$SRCDIR/tests/gpiosim/probe.c $SRCDIR/firmware/gpio.c $SRCDIR/firmware/gpio_set.c
	$SRCDIR/firmware/gpio_v1.c $SRCDIR/firmware/gpio_v2.c $SRCDIR/firmware/buttons.c
	$SRCDIR/firmware/errmsg.c"
PROBE_CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Wall -Wextra
	-Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
	-I$SRCDIR/firmware -static"
V1_PC=$(pkg-config --modversion libgpiod 2>/dev/null) || missing "no libgpiod (libgpiod-dev)"
case $V1_PC in 1.*) ;; *) die "the system's libgpiod is $V1_PC, not 1.x" ;; esac
V2_PCDIR=$(dirname "$(find "$OUT/gpiod2" -name libgpiod.pc)")
# shellcheck disable=SC2086
$CC $PROBE_CFLAGS -o "$RUN/probe-v1" $PROBE_SRC $(pkg-config --static --libs libgpiod) ||
	die "probe-v1 did not build"
# shellcheck disable=SC2086
$CC $PROBE_CFLAGS -DBANGTIN_GPIOD_V2 $(PKG_CONFIG_PATH=$V2_PCDIR pkg-config --cflags libgpiod) \
	-o "$RUN/probe-v2" $PROBE_SRC $(PKG_CONFIG_PATH=$V2_PCDIR pkg-config --static --libs libgpiod) ||
	die "probe-v2 did not build"

# --- the initramfs -----------------------------------------------------------
ROOT=$RUN/root
rm -rf "$ROOT"
mkdir -p "$ROOT"/{bin,dev,proc,sys,tmp,lib/modules}
cp /bin/busybox "$RUN/probe-v1" "$RUN/probe-v2" "$ROOT/bin/"
case $CONFIGFS in
*.xz) xz -dc "$CONFIGFS" > "$ROOT/lib/modules/configfs.ko" ;;
*.zst) zstd -dc "$CONFIGFS" > "$ROOT/lib/modules/configfs.ko" ;;
*) cp "$CONFIGFS" "$ROOT/lib/modules/configfs.ko" ;;
esac
cp "$MOD/gpio-sim.ko" "$ROOT/lib/modules/"
cp "$SRCDIR/tests/gpiosim/init" "$ROOT/init"
chmod 755 "$ROOT/init"
(cd "$ROOT" && find . | cpio -o -H newc --quiet | gzip -1) > "$RUN/initrd.cpio.gz"
built=$(date +%s%N)

# --- boot --------------------------------------------------------------------
echo "gpiosim: booting $KVER under qemu (timeout ${TIMEOUT}s)"
rc=0
timeout "$TIMEOUT" qemu-system-x86_64 -nographic -m 256 -no-reboot \
	-kernel "/boot/vmlinuz-$KVER" -initrd "$RUN/initrd.cpio.gz" \
	-append "console=ttyS0 panic=-1 quiet" </dev/null >"$RUN/console.raw" 2>&1 || rc=$?
# The firmware's terminal resets and colours would glue onto the first lines.
tr -d '\r' < "$RUN/console.raw" | sed 's/\x1bc//g; s/\x1b\[[0-9;?]*[a-zA-Z]//g' > "$RUN/console.log"
cp "$RUN/console.log" "$OUT/console.log"
booted=$(date +%s%N)
trap - EXIT
if "$SRCDIR/tests/gpiosim/check.sh" "$RUN/console.log" "$rc" \
	"$(((built - start) / 1000000)) ms building, $(((booted - built) / 1000000)) ms under qemu"; then
	rm -rf "$RUN"
else
	echo "gpiosim: the run's files are kept in $RUN"
	exit 1
fi
