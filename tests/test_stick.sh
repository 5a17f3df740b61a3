#!/bin/bash
# needs: native
# The root helper that writes the update report onto a read-only stick
# (firmware/system/bangtin-stick-report, firmware/stick.h), against what a
# stranger's stick can hold (issue 9 item 1): an ext4 stick made with
# mkfs.ext4 -d holds a link to another file system (a read-only ext4, the
# "victim", standing for the board's root) and a link named BAOCAO.txt. The
# victim is another ext4 loop device, since the old helper refused sources
# outside /dev. The stick is mounted by the real `bangtin-stick mount` on a loop device, which
# records what it mounted; the kiosk may only name that record. The test
# checks that no request (a path through the link, a path at all, a bad
# name, a linked or forged record, a mount point swapped for a link, an
# oversized report) touches the victim or leaves the stick writable, and
# that the one good request writes BAOCAO.txt at the stick's top.
#
# Runs as root (it mounts; CI runs make test as root) in a private mount
# namespace, so nothing it mounts shows outside or outlives it; its loop
# device is detached on exit.
set -u

SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${BUILD:-$SRCDIR/build}
HELPER=${STICK_HELPER:-$BUILD/bangtin-stick-report}

if [ "$(id -u)" != 0 ]; then
	echo "test_stick: FAIL: must run as root: it mounts a loop device as a USB stick would be"
	echo "(CI runs make test as root); run: sudo make test"
	exit 1
fi
if [ -z "${BANGTIN_STICK_NS-}" ]; then
	exec env BANGTIN_STICK_NS=1 unshare --mount --propagation private bash "$0" "$@"
fi
for c in mkfs.ext4 losetup findmnt blkid; do
	command -v $c > /dev/null || { echo "test_stick: FAIL: $c is missing"; exit 1; }
done
[ -x "$HELPER" ] || { echo "test_stick: FAIL: no $HELPER (make builds it)"; exit 1; }

tmp=$(mktemp -d)
loop=
vloop=
cleanup() {
	findmnt -rn -o TARGET | grep "^$tmp/" | sort -r | while read -r m; do umount -l "$m"; done
	[ -n "$loop" ] && losetup -d "$loop" 2> /dev/null
	[ -n "$vloop" ] && losetup -d "$vloop" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# passed, failed, ok, bad
. "$SRCDIR/tests/lib.sh"
die() { bad "$*"; echo "$passed passed, $failed failed"; exit 1; }

media=$tmp/media
run=$tmp/run
export BANGTIN_MEDIA=$media BANGTIN_STICK_RUN=$run
mkdir -p "$media" "$tmp/victim" "$tmp/src/BANGTIN"
mkfs.ext4 -q -L VICTIM "$tmp/victim.img" 2M > /dev/null 2>&1 || die "mkfs.ext4 failed"
vloop=$(losetup -f --show "$tmp/victim.img") || die "no loop device"
mount -o ro "$vloop" "$tmp/victim" || die "cannot mount the victim"
ln -s "$tmp/victim" "$tmp/src/link"
ln -s "$tmp/victim/BAOCAO.txt" "$tmp/src/BAOCAO.txt"
mkfs.ext4 -q -L STICK -d "$tmp/src" "$tmp/stick.img" 4M > /dev/null 2>&1 ||
	die "mkfs.ext4 -d failed"
loop=$(losetup -f --show "$tmp/stick.img") || die "no loop device"
dev=${loop#/dev/}

sh "$SRCDIR/firmware/system/bangtin-stick" mount "$dev" 2> "$tmp/mount.log" ||
	die "bangtin-stick mount $dev: $(cat "$tmp/mount.log")"
stick=$media/STICK
if findmnt -n -o OPTIONS "$stick" | grep -q '^ro,' && [ -f "$run/$dev" ]; then
	ok "bangtin-stick mount: $dev read-only on $stick, recorded as $dev"
else
	bad "bangtin-stick mount: $(cat "$tmp/mount.log"; findmnt "$stick"; ls -l "$run")"
fi

# report FIRST-LINE [TEXT]: the request on stdin, the answer in $tmp/out.
report() {
	printf '%s\n%s' "$1" "${2:-Kết quả: thử}" | "$HELPER" > "$tmp/out" 2> "$tmp/err"
}
victim_clean() {
	findmnt -n -o OPTIONS "$tmp/victim" | grep -q '^ro,' && [ ! -e "$tmp/victim/BAOCAO.txt" ] &&
		! ls -a "$tmp/victim" | grep -q BAOCAO
}
stick_ro() { findmnt -n -o OPTIONS "$stick" | grep -q '^ro,'; }
# refused WHAT FIRST-LINE [TEXT]: an error answer, the victim untouched, the
# stick still read-only.
refused() {
	local what=$1
	shift
	report "$@"
	if grep -q '^error: ' "$tmp/out" && victim_clean && stick_ro; then
		ok "refused: $what ($(head -c 120 "$tmp/out"))"
	else
		bad "not refused: $what: $(cat "$tmp/out" "$tmp/err"); victim: $(findmnt -n \
			-o OPTIONS "$tmp/victim"; ls "$tmp/victim")"
	fi
}

refused "a path through the stick's link to another file system" "$stick/link"
refused "the stick's own mount point as a path" "$stick"
refused "a record name with .." "../$dev"
refused "a record name with a slash" "$dev/x"
refused "an empty record name" ""
refused "a record name in capitals" "LOOP0"
refused "a device nobody recorded" "sdz9"

# The one good request.
report "$dev" "Kết quả: đã cập nhật"
if [ "$(cat "$tmp/out")" = ok ] && [ -f "$stick/BAOCAO.txt" ] && [ ! -L "$stick/BAOCAO.txt" ] &&
	grep -q 'Kết quả: đã cập nhật' "$stick/BAOCAO.txt" && stick_ro && victim_clean; then
	ok "the record's stick got BAOCAO.txt (its link replaced, not followed), read-only again"
else
	bad "the good request: $(cat "$tmp/out" "$tmp/err"); $(ls -l "$stick")"
fi
head -c 70000 /dev/zero | tr '\0' 'x' > "$tmp/big"
refused "a report over 64 KiB" "$dev" "$(cat "$tmp/big")"

# The record itself: a link, or one naming another mount.
mv "$run/$dev" "$run/real"
ln -s real "$run/$dev"
refused "a record that is a symbolic link" "$dev"
rm "$run/$dev"
mkdir "$media/FAKE"
mount --bind "$tmp/victim" "$media/FAKE"
awk -v d="$media/FAKE" '$5 == d { print $1, $3, $5 }' /proc/self/mountinfo > "$run/$dev"
refused "a record naming a mount that is not from /dev/$dev" "$dev"
umount "$media/FAKE"
# The kiosk sees a mount before bangtin-stick has written its record (it
# needs the mount's ID): a record that comes a moment after the request is
# waited for (the system test's 2-document stick raced it under qemu).
rm "$run/$dev"
(sleep 1 && mv "$run/real" "$run/$dev") &
report "$dev" "lần hai"
wait
[ "$(cat "$tmp/out")" = ok ] && ok "a record written a second after the request is waited for" ||
	bad "the late record: $(cat "$tmp/out" "$tmp/err")"

# The mount point swapped for a link to the victim after the record was made.
umount "$stick"
rmdir "$stick"
ln -s "$tmp/victim" "$stick"
report "$dev"
if grep -q '^error: ' "$tmp/out" && victim_clean; then
	ok "refused: a mount point swapped for a link ($(head -c 120 "$tmp/out"))"
else
	bad "a mount point swapped for a link: $(cat "$tmp/out" "$tmp/err")"
fi
rm "$stick"

# umount forgets the record.
sh "$SRCDIR/firmware/system/bangtin-stick" umount "$dev" 2> /dev/null
[ ! -e "$run/$dev" ] && ok "bangtin-stick umount removes the record" ||
	bad "the record of $dev is left after umount"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
