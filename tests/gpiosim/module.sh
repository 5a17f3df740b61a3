#!/usr/bin/env bash
# Builds gpio-sim.ko out of tree for the kernel KVER from linux-source-6.1
# (Debian's kernel has no gpio-sim), into OUT/module-KVER, and prints the
# module's path. Kept across runs: rebuilt only when linux-source-6.1 is
# newer than it. The caller holds OUT's lock. Used by tests/gpiosim/run.sh
# (an initramfs) and tests/system/run.py (the whole system's VM).
# Usage: module.sh KVER OUT
set -Eeuo pipefail

KVER=$1
OUT=$2
KSRC_TAR=/usr/src/linux-source-6.1.tar.xz
KSRC_VER=$(dpkg-query -W -f '${Version}' linux-source-6.1)
die() {
	echo "gpiosim: FAIL: $*" >&2
	exit 1
}

MOD=$OUT/module-$KVER
if [ ! -e "$MOD/gpio-sim.ko" ] || [ "$MOD/gpio-sim.ko" -ot "$KSRC_TAR" ]; then
	echo "gpiosim: building gpio-sim.ko for $KVER from linux-source-6.1 $KSRC_VER" >&2
	rm -rf "$MOD" "$MOD.src"
	mkdir -p "$MOD" "$MOD.src"
	tar -xJf "$KSRC_TAR" -C "$MOD.src" --strip-components=1 \
		linux-source-6.1/drivers/gpio/gpio-sim.c \
		linux-source-6.1/drivers/gpio/gpiolib.h \
		linux-source-6.1/kernel/irq/irq_sim.c
	cp "$MOD.src/drivers/gpio/gpio-sim.c" "$MOD/gpio-sim-core.c"
	cp "$MOD.src/drivers/gpio/gpiolib.h" "$MOD/"
	# irq_to_desc() is not exported to modules; generic_handle_irq() does
	# the same for a simple irq.
	sed 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' \
		"$MOD.src/kernel/irq/irq_sim.c" > "$MOD/irq_sim.c"
	grep -q 'generic_handle_irq(irqnum);' "$MOD/irq_sim.c" ||
		die "irq_sim.c of $KSRC_VER changed: the irq_to_desc fix no longer applies"
	printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-core.o irq_sim.o\n' > "$MOD/Kbuild"
	rm -rf "$MOD.src"
	make -s -C "/lib/modules/$KVER/build" M="$MOD" modules >"$MOD/build.log" 2>&1 || {
		cat "$MOD/build.log" >&2
		die "gpio-sim.ko did not build for $KVER"
	}
fi
echo "$MOD/gpio-sim.ko"
