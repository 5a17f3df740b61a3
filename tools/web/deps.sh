#!/bin/sh
# SPDX-License-Identifier: MIT
# tools/web/deps.sh OUT: the C libraries of the clerk's page, compiled to
# WebAssembly with Debian's emcc from Debian's own source packages, into
# OUT/include and OUT/lib (static archives). Run by `make web`; what it made
# is kept (OUT/.done-NAME), so a second run costs nothing.
#
# The sources come through `apt-get source` with a deb-src entry in a sources
# file and list folder of this build's own (OUT/apt), so the machine's apt
# configuration is neither read for it nor changed. Some source packages
# answer 404 on the mirrors this project uses: md4c's Debian diff (the
# upstream tarball, which is enough to build, does come) and libunibreak's
# tarball. libunibreak 1.1, the version Debian 12 installs for the kiosk, is
# therefore carried in tools/web/vendor/libunibreak-1.1 (its own licence
# there) and compiled from there.
#
# Emscripten's ports need the network, so nothing here uses them: each
# library is plain C compiled file by file, as its own build would.
set -eu

out=${1:?usage: deps.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
: "${EMCC:=emcc}"
: "${EMAR:=emar}"
# NodeSource's node (these machines) does not find Debian's node modules
# (acorn) that emcc needs unless told where they are.
NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
export NODE_PATH
CFLAGS_LIB="-O2 -w"

apt_dir=$out/apt
src_dir=$out/src
mkdir -p "$out/include" "$out/lib" "$src_dir"

apt_own() {
	apt-get -q -o Dir::Etc::SourceList="$apt_dir/sources.list" \
		-o Dir::Etc::SourceParts="$apt_dir/sources.list.d" \
		-o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" \
		-o APT::Sandbox::User=root -o Debug::NoLocking=1 "$@"
}

# The deb-src index, once per OUT (about 10 MB), then removed with the
# sources file when every library is built.
apt_ready() {
	[ -f "$apt_dir/.updated" ] && return 0
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
		"$apt_dir/sources.list.d"
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
	echo "deb-src http://deb.debian.org/debian $suite main" > "$apt_dir/sources.list"
	apt_own update >/dev/null
	touch "$apt_dir/.updated"
}

# fetch PKG: the source package's files into src/PKG (download only: no
# dpkg-source, whose Debian diff may be the part that is missing).
fetch() {
	[ -d "$src_dir/$1" ] && return 0
	apt_ready
	rm -rf "$src_dir/$1.dl"
	mkdir -p "$src_dir/$1.dl"
	(cd "$src_dir/$1.dl" && apt_own source --download-only "$1" >/dev/null 2>&1) || true
	tarball=$(ls "$src_dir/$1.dl"/*.orig.tar.* 2>/dev/null | head -n 1)
	if [ -z "$tarball" ]; then
		echo "deps.sh: apt-get source $1 brought no upstream tarball" >&2
		exit 1
	fi
	mkdir -p "$src_dir/$1.x"
	tar -xf "$tarball" -C "$src_dir/$1.x"
	mv "$src_dir/$1.x"/* "$src_dir/$1"
	rm -rf "$src_dir/$1.x" "$src_dir/$1.dl"
}

# cc_lib NAME FLAGS -- FILES: compiles FILES into lib/libNAME.a.
cc_lib() {
	name=$1
	shift
	flags=
	while [ "$1" != -- ]; do flags="$flags $1"; shift; done
	shift
	rm -rf "$out/obj/$name"
	mkdir -p "$out/obj/$name"
	i=0
	for f in "$@"; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		"$EMCC" $CFLAGS_LIB $flags -c "$f" -o "$out/obj/$name/$i.o"
	done
	rm -f "$out/lib/lib$name.a"
	"$EMAR" rcs "$out/lib/lib$name.a" "$out/obj/$name"/*.o
}

if [ ! -f "$out/.done-utf8proc" ]; then
	fetch utf8proc
	d=$src_dir/utf8proc
	cc_lib utf8proc -DUTF8PROC_STATIC -I"$d" -- "$d/utf8proc.c"
	cp "$d/utf8proc.h" "$out/include/"
	touch "$out/.done-utf8proc"
fi

if [ ! -f "$out/.done-md4c" ]; then
	fetch md4c
	d=$src_dir/md4c/src
	cc_lib md4c -I"$d" -- "$d/md4c.c"
	cp "$d/md4c.h" "$out/include/"
	touch "$out/.done-md4c"
fi

if [ ! -f "$out/.done-unibreak" ]; then
	d=$here/vendor/libunibreak-1.1
	cc_lib unibreak -I"$d" -- "$d/linebreak.c" "$d/linebreakdata.c" "$d/linebreakdef.c"
	cp "$d/linebreak.h" "$d/linebreakdef.h" "$out/include/"
	touch "$out/.done-unibreak"
fi

# libsodium's Debian tarball is its git tree, without the configure script
# autotools would make: its files are compiled directly, with the version
# header filled in as configure does. Every file of an arch-specific
# implementation (SSE, AVX, the amd64 assembly) is guarded by a HAVE_* macro
# configure would set, so without them each compiles to nothing and the
# portable C implementations remain, as in libsodium's own emscripten build.
if [ ! -f "$out/.done-sodium" ]; then
	fetch libsodium
	d=$src_dir/libsodium
	ver=$(sed -n 's/^AC_INIT(\[libsodium\],\[\([0-9.]*\)\].*/\1/p' "$d/configure.ac")
	maj=$(sed -n 's/^SODIUM_LIBRARY_VERSION_MAJOR=//p' "$d/configure.ac")
	min=$(sed -n 's/^SODIUM_LIBRARY_VERSION_MINOR=//p' "$d/configure.ac")
	inc=$d/src/libsodium/include
	sed -e "s/@VERSION@/$ver/" -e "s/@SODIUM_LIBRARY_VERSION_MAJOR@/$maj/" \
		-e "s/@SODIUM_LIBRARY_VERSION_MINOR@/$min/" -e "s/@SODIUM_LIBRARY_MINIMAL_DEF@//" \
		"$inc/sodium/version.h.in" > "$inc/sodium/version.h"
	# shellcheck disable=SC2046
	cc_lib sodium -I"$inc" -I"$inc/sodium" -DNATIVE_LITTLE_ENDIAN=1 -DHAVE_WEAK_SYMBOLS=1 \
		-- $(find "$d/src/libsodium" -name '*.c' | sort)
	cp -r "$inc/." "$out/include/"
	rm -f "$out/include/sodium/version.h.in" "$out/include/Makefile.am"
	touch "$out/.done-sodium"
fi

rm -rf "$apt_dir"
echo "deps.sh: libraries ready in $out"
