#!/bin/sh
# Installs what the gpio-sim test (tests/gpiosim/run.sh) needs from Debian 12:
# the kernel it boots with the headers and source it builds gpio-sim.ko from
# (linux-source-6.1 and the kernel image must be of one Debian version, so
# the three are installed together, at the archive's current versions),
# qemu, a static busybox for the initramfs, cpio, and libgpiod 1.6's static
# library (libgpiod-dev). libgpiod 2.x is not installed: gpiod2.sh unpacks
# it into the build directory. Without recommends (firmware, ovmf, ...).
# Usage: deps.sh         install, as root
#        deps.sh --list  print the package names
set -eu

PKGS="linux-image-amd64 linux-headers-amd64 linux-source-6.1 qemu-system-x86
busybox-static cpio xz-utils gzip libgpiod-dev pkg-config build-essential"

if [ "${1-}" = --list ]; then
	echo $PKGS
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: not root; install the packages with:" >&2
	echo "sudo apt-get update && sudo apt-get install -y --no-install-recommends" $PKGS >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -q -o DPkg::Lock::Timeout=600 update
# shellcheck disable=SC2086
apt-get -q -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $PKGS
