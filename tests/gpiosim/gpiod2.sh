#!/bin/sh
# Puts libgpiod 2.x (Debian's libgpiod-dev and libgpiod3 from
# bookworm-backports, built for Debian 12) into DIR without installing it:
# libgpiod-dev 2.x and the system's 1.6 share a package name, so both
# cannot be installed at once. apt downloads the two packages through a
# private list of sources (the system's Debian archive, suite
# CODENAME-backports), dpkg-deb unpacks them, and the .pc file is pointed at
# DIR. Build against it with PKG_CONFIG_PATH=DIR/usr/lib/<triplet>/pkgconfig
# (pkg-config libgpiod then says 2.x), or link DIR's libgpiod.a statically.
# Usage: gpiod2.sh DIR   (does nothing when DIR/.done exists)
set -eu

dir=$1
[ -e "$dir/.done" ] && exit 0
. /etc/os-release
suite=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}-backports
# The archive this system already uses for its own suite's main component.
uri=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(CREATED_BY)' |
	awk -v r="$VERSION_CODENAME" '$2 == r && $3 == "main" && $4 == "Packages" { print $1; exit }')
if [ -z "$uri" ]; then
	echo "gpiod2.sh: no apt source for $VERSION_CODENAME main to take the archive from" >&2
	exit 1
fi

rm -rf "$dir" "$dir.apt"
mkdir -p "$dir.apt/lists/partial" "$dir.apt/cache/archives/partial" "$dir.apt/debs" "$dir"
dir=$(cd "$dir" && pwd)
work=$dir.apt
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri $suite main" \
	> "$work/sources.list"
APT="-o Dir::Etc::SourceList=$work/sources.list -o Dir::Etc::SourceParts=/dev/null
     -o Dir::State::Lists=$work/lists -o Dir::Cache=$work/cache -o APT::Sandbox::User=root"
# shellcheck disable=SC2086
apt-get -q $APT update >"$work/update.log" 2>&1 || {
	cat "$work/update.log" >&2
	echo "gpiod2.sh: cannot read $suite from $uri" >&2
	exit 1
}
# shellcheck disable=SC2086
(cd "$work/debs" && apt-get -q $APT download "libgpiod-dev/$suite" "libgpiod3/$suite")
for d in "$work"/debs/*.deb; do
	dpkg-deb -x "$d" "$dir"
done
pc=$(find "$dir" -name libgpiod.pc)
[ -n "$pc" ] || { echo "gpiod2.sh: no libgpiod.pc in the packages" >&2; exit 1; }
sed -i "s|^prefix=.*|prefix=$dir/usr|" "$pc"
echo "gpiod2.sh: libgpiod $(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --modversion libgpiod) in $dir"
rm -rf "$work"
touch "$dir/.done"
