#!/bin/sh
# Installs what the whole-system test (tests/test_system.sh) needs from
# Debian 12: qemu, mmdebstrap for the root file system, mtools and
# dosfstools for the stick images, e2fsprogs for the disk image, python3 for
# the driver (tests/system/run.py, standard library only), ImageMagick to
# compare screens, debhelper and lintian for `make deb`, and the gpio-sim
# test's packages (tests/gpiosim/deps.sh: the kernel's headers and source
# for gpio-sim.ko). Without recommends.
# Usage: deps.sh         install, as root
#        deps.sh --list  print the package names
set -eu

PKGS="qemu-system-x86 mmdebstrap mtools dosfstools e2fsprogs python3 imagemagick
debhelper lintian dpkg-dev fakeroot libsystemd-dev libdrm-dev"
here=$(dirname "$0")

if [ "${1-}" = --list ]; then
	echo $PKGS $(sh "$here/../gpiosim/deps.sh" --list)
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: not root; install the packages with:" >&2
	echo "sudo apt-get update && sudo apt-get install -y --no-install-recommends" $PKGS \
		$(sh "$here/../gpiosim/deps.sh" --list) >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -q -o DPkg::Lock::Timeout=600 update
# shellcheck disable=SC2086
apt-get -q -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $PKGS
sh "$here/../gpiosim/deps.sh"
