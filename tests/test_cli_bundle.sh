#!/usr/bin/env bash
# bangtinctl keygen, pack, verify and preview end to end on the real samples,
# in a temp dir: key files and modes, packing (and refusing a bad folder),
# verify against the right and a wrong key, tampering, sequences, preview
# PNGs drawn by the kiosk. Reads $BANGTINCTL, $BANGTIN, $BUILD and $SRCDIR;
# run by `make test` through tests/run.sh.
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=${SRCDIR:-$(dirname "$here")}
ctl=${BANGTINCTL:-${BUILD:-$src/build}/bangtinctl}
kiosk=${BANGTIN:-${BUILD:-$src/build}/bangtin}
samples=$src/data/samples

# passed, failed, ok, bad, check and run (of $ctl, into $tmp).
. "$here/lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_cli_bundle.XXXXXX") || exit 1
# KEEP=1 keeps the temp dir (outputs of every step) for a post-mortem.
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export BANGTIN_DB=$tmp/default.db
seq_of() { sed -n 's/^sequence //p' "$1/manifest.txt"; }
is_png() { # the file starts with the PNG signature and says WxH in its IHDR
	[ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
		[ "$(od -An -j16 -N8 -tu1 "$1" | awk '{print $3*256+$4 "x" $7*256+$8}')" = "$2" ]
}

if [ ! -x "$ctl" ]; then
	echo "FAIL: no bangtinctl at $ctl"
	echo "0 passed, 1 failed"
	exit 1
fi

# --- help and usage ------------------------------------------------------------
for cmd in keygen pack verify preview; do
	run "help-$cmd" "$cmd" --help
	check "$cmd --help exits 0 with its usage" \
		grep -q "^Usage: bangtinctl $cmd" "$tmp/help-$cmd.out"
	run "badopt-$cmd" "$cmd" --no-such-option
	check "$cmd --no-such-option exits 2" test "$rc" -eq 2
done
run top-help --help
check "bangtinctl --help lists the four commands" \
	test "$(grep -cwE 'keygen|pack|verify|preview' "$tmp/top-help.out")" -eq 4
run pack-nokey pack "$samples" "$tmp/nokey"
check "pack without --key exits 2" test "$rc" -eq 2
check "pack without --key writes nothing" test ! -e "$tmp/nokey"

# --- keygen --------------------------------------------------------------------
mkdir -p "$tmp/pc" "$tmp/keys" "$tmp/other" "$tmp/impostor"
run keygen keygen --dir "$tmp/pc" office
check "keygen exits 0" test "$rc" -eq 0
check "keygen writes office.key with mode 0600" \
	test "$(stat -c %a "$tmp/pc/office.key")" = 600
check "keygen writes office.pub" grep -Eq '^ed25519 [0-9a-f]{64}$' "$tmp/pc/office.pub"
check "keygen names the kiosk's key directory" grep -q '/etc/bangtin/keys' "$tmp/keygen.out"
cp "$tmp/pc/office.key" "$tmp/office.key.before"
run keygen-again keygen --dir "$tmp/pc" office
check "keygen refuses to overwrite (exit 1)" test "$rc" -eq 1
check "keygen names the existing file" grep -q 'office.key' "$tmp/keygen-again.err"
check "the existing key is untouched" cmp -s "$tmp/pc/office.key" "$tmp/office.key.before"
run keygen-badname keygen --dir "$tmp/pc" 'văn phòng'
check "keygen refuses a name outside A-Z a-z 0-9 . _ - (exit 2)" test "$rc" -eq 2
cp "$tmp/pc/office.pub" "$tmp/keys/"
"$ctl" keygen --dir "$tmp/other" rogue >/dev/null 2>&1

# --- keygen and verify on an office PC: a fresh folder, the clerk's own keys -----
# The fingerprint of a known key, computed by hand (first 8 bytes of SHA-256
# of the 32 key bytes, upper case, four groups).
fp_of() {
	sed -n 's/^ed25519 //p' "$1" | xxd -r -p | sha256sum | cut -c1-16 | tr a-f A-F |
		sed 's/\(....\)\(....\)\(....\)\(....\)/\1 \2 \3 \4/'
}
check "keygen prints the key's fingerprint (SHA-256, 8 bytes, 4 groups)" \
	grep -qx "fingerprint: $(fp_of "$tmp/pc/office.pub")" "$tmp/keygen.out"
pchome=$tmp/home
mkdir -p "$pchome"
HOME=$pchome XDG_CONFIG_HOME= run keygen-fresh keygen --dir "$pchome/bangtin/khoa" clerk
check "keygen --dir makes a missing folder (exit 0)" test "$rc" -eq 0
check "...mode 0700" test "$(stat -c %a "$pchome/bangtin/khoa")" = 700
if [ -d /etc/bangtin/keys ]; then
	echo "note: /etc/bangtin/keys exists: this machine is a board, where keygen and verify keep the board's defaults; the office PC defaults are not checked"
else
	HOME=$pchome XDG_CONFIG_HOME= run keygen-default keygen clerk2
	check "keygen without --dir writes into ~/.config/bangtin/keys" \
		test "$rc" -eq 0 -a -f "$pchome/.config/bangtin/keys/clerk2.pub"
	HOME=$pchome XDG_CONFIG_HOME= "$ctl" pack --key "$pchome/bangtin/khoa/clerk.key" \
		"$samples" "$tmp/b-clerk" >/dev/null 2>&1
	HOME=$pchome XDG_CONFIG_HOME= run verify-pc verify "$tmp/b-clerk"
	check "verify on the PC finds the folder keygen used (exit 0)" test "$rc" -eq 0
	check "...and says which folder it used" \
		grep -q "^trusted keys: $pchome/bangtin/khoa (the folder bangtinctl keygen wrote into)" \
		"$tmp/verify-pc.out"
	check "...and prints the signer's fingerprint" \
		grep -qx "signed by clerk, fingerprint $(fp_of "$pchome/bangtin/khoa/clerk.pub")" \
		"$tmp/verify-pc.out"
	rm "$pchome/.config/bangtin/keygen-dir"
	HOME=$pchome XDG_CONFIG_HOME= run verify-pc2 verify "$tmp/b-clerk"
	check "without keygen's note verify uses ~/.config/bangtin/keys and says so" \
		grep -q "^trusted keys: $pchome/.config/bangtin/keys (your own keys" "$tmp/verify-pc2.out"
fi
cp "$tmp/other/rogue.pub" "$tmp/impostor/office.pub" # the signer's name, another key

# --- pack the samples ------------------------------------------------------------
run pack pack --key "$tmp/pc/office.key" "$samples" "$tmp/b1"
check "pack of data/samples exits 0" test "$rc" -eq 0
check "pack reports 5 files and 9 documents" grep -q 'packed 5 files (9 documents)' "$tmp/pack.out"
check "the bundle holds the 5 samples, manifest and signature" \
	test "$(ls "$tmp/b1" | wc -l)" -eq 7 -a -f "$tmp/b1/manifest.txt" -a -f "$tmp/b1/manifest.sig"
check "the copies are byte for byte the samples" \
	cmp -s "$samples/003_90bc4fd252e1aac9.txt" "$tmp/b1/003_90bc4fd252e1aac9.txt"
check "the signature names the key" grep -q '^ed25519 office ' "$tmp/b1/manifest.sig"
check "the sequence is recorded beside the key" test "$(cat "$tmp/pc/office.seq")" = "$(seq_of "$tmp/b1")"
run pack-again pack --key "$tmp/pc/office.key" --withdraw 999-KL/X "$samples" "$tmp/b2"
s1=$(seq_of "$tmp/b1")
s2=$(seq_of "$tmp/b2")
check "a second pack exits 0" test "$rc" -eq 0
check "sequences increase ($s1 < $s2)" test "$s1" -lt "$s2"
check "the withdrawal is in the manifest" grep -qx 'withdraw 999-KL/X' "$tmp/b2/manifest.txt"
run pack-lowseq pack --key "$tmp/pc/office.key" --sequence "$s1" "$samples" "$tmp/b3"
check "--sequence not above the last one is refused (exit 1)" test "$rc" -eq 1
check "...and writes nothing" test ! -e "$tmp/b3"
run pack-seq pack --key "$tmp/pc/office.key" --sequence $((s2 + 1000)) "$samples" "$tmp/b3"
check "--sequence above the last one is used" test "$(seq_of "$tmp/b3")" -eq $((s2 + 1000))
run pack-next pack --key "$tmp/pc/office.key" "$samples" "$tmp/b4"
check "the next pack goes on from an explicit sequence" test "$(seq_of "$tmp/b4")" -gt $((s2 + 1000))
run pack-nonempty pack --key "$tmp/pc/office.key" "$samples" "$tmp/b1"
check "pack into a non-empty DEST is refused (exit 1)" test "$rc" -eq 1
check "...naming it" grep -q 'not empty' "$tmp/pack-nonempty.err"
check "...suggesting --replace or a fresh stick, never DEST/BANGTIN" \
	sh -c "grep -q -- '--replace' '$tmp/pack-nonempty.err' && grep -q 'fresh stick' \
		'$tmp/pack-nonempty.err' && ! grep -q 'b1/BANGTIN' '$tmp/pack-nonempty.err'"
cp -r "$tmp/b1" "$tmp/b1-old"
run pack-replace pack --key "$tmp/pc/office.key" --replace "$samples" "$tmp/b1"
check "pack --replace onto an old bundle exits 0" test "$rc" -eq 0
check "...the folder holds the new bundle (a higher sequence)" \
	test "$(seq_of "$tmp/b1")" -gt "$(seq_of "$tmp/b1-old")"
check "...and nothing is left beside it" \
	test -z "$(ls -d "$tmp"/b1.new-* "$tmp"/b1.old-* 2>/dev/null)"
run verify-replaced verify --keys "$tmp/keys" "$tmp/b1"
check "...and it verifies" test "$rc" -eq 0
mkdir -p "$tmp/notbundle" && echo keep >"$tmp/notbundle/thu.txt"
run pack-replace-other pack --key "$tmp/pc/office.key" --replace "$samples" "$tmp/notbundle"
check "pack --replace onto a folder that is no bundle is refused (exit 1)" test "$rc" -eq 1
check "...leaving it as it was" \
	test "$(ls "$tmp/notbundle")" = thu.txt -a -z "$(ls -d "$tmp"/notbundle.* 2>/dev/null)"
cp -r "$tmp/b1" "$tmp/b1-keep"
run pack-replace-bad pack --key "$tmp/pc/office.key" --replace --sequence 1 "$samples" "$tmp/b1"
check "a pack --replace that fails leaves the old bundle whole" \
	sh -c "test $rc -eq 1 && diff -r '$tmp/b1' '$tmp/b1-keep' >/dev/null && \
		test -z \"\$(ls -d '$tmp'/b1.new-* 2>/dev/null)\""
# Times are the packing PC's local time; Vietnam is UTC+7 ("ICT-7" in POSIX TZ).
TZ=ICT-7 run pack-display pack --key "$tmp/pc/office.key" \
	--display '516-KL/ĐUK:2026-01-01:2026-12-31' --display '03-KL/ĐUK::2026-02-01T08:30' \
	--pin '06 - KL/ĐUK' "$samples" "$tmp/b5"
check "a pin alone goes into the manifest (spaces of the symbol dropped)" \
	grep -qx 'display 06-KL/ĐUK from - until - pin' "$tmp/b5/manifest.txt"
check "dates are local days: UNTIL runs to the end of its day" \
	grep -qx 'display 516-KL/ĐUK from 2025-12-31T17:00:00Z until 2026-12-31T17:00:00Z' \
	"$tmp/b5/manifest.txt"
check "an empty FROM is open, a time is a local time" \
	grep -qx 'display 03-KL/ĐUK from - until 2026-02-01T01:30:00Z' "$tmp/b5/manifest.txt"
run pack-baddisplay pack --key "$tmp/pc/office.key" --display '516-KL/ĐUK:2026-13-01:' \
	"$samples" "$tmp/b6"
check "a bad --display date exits 2" test "$rc" -eq 2
run pack-withdraw-own pack --key "$tmp/pc/office.key" --withdraw '516-KL/ĐUK' "$samples" "$tmp/b6"
check "withdrawing a document the bundle brings is refused" test "$rc" -eq 1 -a ! -e "$tmp/b6"

# A secret key others may read: refused as ssh does, saying how to fix it.
cp "$tmp/pc/office.key" "$tmp/pc/loose.key"
chmod 644 "$tmp/pc/loose.key"
run pack-loose pack --key "$tmp/pc/loose.key" "$samples" "$tmp/b-loose"
check "pack refuses a secret key readable by others (exit 1)" test "$rc" -eq 1
check "...saying how to fix it (chmod 600)" grep -q "chmod 600 $tmp/pc/loose.key" "$tmp/pack-loose.err"
check "...writing nothing" test ! -e "$tmp/b-loose"

# --- pack refuses a bad folder -----------------------------------------------------
mkdir -p "$tmp/bad" "$tmp/badname"
cp "$samples"/00[01]_*.txt "$tmp/bad/"
printf 'KẾT LUẬN\n\xff\xfe not UTF-8\n' >"$tmp/bad/broken.txt"
run pack-bad pack --key "$tmp/pc/office.key" "$tmp/bad" "$tmp/b-bad"
check "pack of a folder with a non-UTF-8 file exits 1" test "$rc" -eq 1
check "...naming the file and line" grep -q 'broken.txt:2:' "$tmp/pack-bad.err"
check "...saying how to save it as UTF-8 in Notepad" \
	grep -q 'save the file as UTF-8 (Notepad: File > Save As, Encoding: UTF-8)' "$tmp/pack-bad.err"
check "...writing nothing" test ! -e "$tmp/b-bad"
cp "$samples/003_90bc4fd252e1aac9.txt" "$tmp/badname/Kết luận 320.txt"
run pack-badname pack --key "$tmp/pc/office.key" "$tmp/badname" "$tmp/b-badname"
check "pack takes a name with diacritics and spaces (exit 0)" test "$rc" -eq 0
check "...naming it in the bundle as the ASCII name it suggests, and says so" \
	sh -c "cmp -s '$samples/003_90bc4fd252e1aac9.txt' '$tmp/b-badname/ket-luan-320.txt' &&
		grep -q 'Kết luận 320.txt: named ket-luan-320.txt in the bundle' '$tmp/pack-badname.err'"
cp "$samples/003_90bc4fd252e1aac9.txt" "$tmp/badname/ket luan 320.txt"
run pack-samename pack --key "$tmp/pc/office.key" "$tmp/badname" "$tmp/b-samename"
check "two files that would get the same bundle name are refused (exit 1)" \
	test "$rc" -eq 1 -a ! -e "$tmp/b-samename"
# Notepad's "Unicode" is UTF-16LE with a BOM; UTF-16BE too: read, packed as UTF-8.
mkdir -p "$tmp/u16"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$samples/003_90bc4fd252e1aac9.txt"; } >"$tmp/u16/le.txt"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$samples/001_900d4e3dfc0f17bc.txt"; } >"$tmp/u16/be.txt"
run pack-u16 pack --key "$tmp/pc/office.key" "$tmp/u16" "$tmp/b-u16"
check "pack takes UTF-16 files with a BOM (exit 0)" test "$rc" -eq 0
check "...and packs them as UTF-8, byte for byte the original text" \
	sh -c "cmp -s '$samples/003_90bc4fd252e1aac9.txt' '$tmp/b-u16/le.txt' &&
		cmp -s '$samples/001_900d4e3dfc0f17bc.txt' '$tmp/b-u16/be.txt'"
mkdir -p "$tmp/u16nobom"
iconv -f UTF-8 -t UTF-16LE "$samples/003_90bc4fd252e1aac9.txt" >"$tmp/u16nobom/x.txt"
run pack-u16nobom pack --key "$tmp/pc/office.key" "$tmp/u16nobom" "$tmp/b-u16nobom"
check "UTF-16 without its byte order mark is refused, saying how to save as UTF-8" \
	sh -c "test $rc -eq 1 && grep -q 'UTF-16 without its byte order mark? save the file as UTF-8' \
		'$tmp/pack-u16nobom.err'"
check "...saying which were converted" \
	test "$(grep -c 'saved as UTF-16[LB]E (Notepad.s "Unicode"): read as UTF-8' "$tmp/pack-u16.err")" -eq 2

# --- verify ------------------------------------------------------------------------
run verify verify --keys "$tmp/keys" "$tmp/b1"
check "verify with the right key exits 0" test "$rc" -eq 0
check "verify says it would be applied" grep -q 'would be applied' "$tmp/verify.out"
check "verify says replay is not judged without --db" grep -q 'not judged' "$tmp/verify.out"
check "verify prints the screen's sentence" grep -q 'Đã cập nhật nội dung: 9 văn bản mới' "$tmp/verify.out"
run verify-other verify --keys "$tmp/impostor" "$tmp/b1"
check "verify with another key of the same name exits 1" test "$rc" -eq 1
check "...and says the signature is bad" grep -q 'Chữ ký của gói nội dung không hợp lệ' "$tmp/verify-other.out"
run verify-rogue verify --keys "$tmp/other" "$tmp/b1"
check "verify with only other keys exits 1, untrusted" \
	test "$rc" -eq 1 -a -n "$(grep 'không được tin cậy' "$tmp/verify-rogue.out")"
mkdir -p "$tmp/none"
run verify-none verify --keys "$tmp/none" "$tmp/b1"
check "verify with no trusted key exits 1, says how to enrol one" \
	test "$rc" -eq 1 -a -n "$(grep 'chưa tin cậy khóa ký nào.*giữ nút Chọn' "$tmp/verify-none.out")"
cp -r "$tmp/b1" "$tmp/t1"
sed -i 's/Hà Nội/Hà Tội/' "$tmp/t1/002_d963df6e54be7226.txt" # same size: the hash tells
run verify-tampered verify --keys "$tmp/keys" "$tmp/t1"
check "verify of a tampered file exits 1" test "$rc" -eq 1
check "...naming the file" grep -q '002_d963df6e54be7226.txt' "$tmp/verify-tampered.out"
check "...with the screen's sentence" grep -q 'không khớp với danh mục' "$tmp/verify-tampered.out"
cp -r "$tmp/b1" "$tmp/t2"
echo extra >"$tmp/t2/extra.txt"
run verify-extra verify --keys "$tmp/keys" "$tmp/t2"
check "verify of a bundle with an unlisted file exits 1 naming it" \
	test "$rc" -eq 1 -a -n "$(grep extra.txt "$tmp/verify-extra.out")"
"$ctl" import --db "$tmp/board.db" "$samples" >/dev/null 2>&1
cp "$tmp/board.db" "$tmp/board.before"
run verify-db verify --keys "$tmp/keys" --db "$tmp/board.db" "$tmp/b1"
check "verify --db exits 0 with the board's counts" \
	test "$rc" -eq 0 -a -n "$(grep '9 unchanged' "$tmp/verify-db.out")"
check "verify --db leaves the database as it was" cmp -s "$tmp/board.db" "$tmp/board.before"
run pack-addkey pack --key "$tmp/pc/office.key" --add-key "$tmp/other/rogue.pub" "$samples" \
	"$tmp/b-addkey"
check "pack --add-key exits 0 and says which key, with its fingerprint" \
	sh -c "test $rc -eq 0 && grep -qx 'adds key rogue, fingerprint $(fp_of "$tmp/other/rogue.pub"): .*' \
		'$tmp/pack-addkey.out'"
check "...as a key record of the manifest" \
	grep -qx "key rogue $(sed -n 's/^ed25519 //p' "$tmp/other/rogue.pub")" "$tmp/b-addkey/manifest.txt"
run verify-addkey verify --keys "$tmp/keys" "$tmp/b-addkey"
check "verify names the key the bundle adds" \
	sh -c "test $rc -eq 0 && grep -q '^adds key rogue, fingerprint ' '$tmp/verify-addkey.out'"
run pack-addkey-bad pack --key "$tmp/pc/office.key" --add-key "$tmp/pc/office.key" "$samples" \
	"$tmp/b-addkey2"
check "pack --add-key of a file that is no NAME.pub exits 2" test "$rc" -eq 2

# --- preview ------------------------------------------------------------------------
if [ -x "$kiosk" ] || command -v "$kiosk" >/dev/null 2>&1; then
	run preview preview --bangtin "$kiosk" --size 1280x720 --time 2026-11-23T09:41 \
		"$tmp/b1" "$tmp/png"
	check "preview exits 0" test "$rc" -eq 0
	n=$(ls "$tmp/png"/*.png 2>/dev/null | wc -l)
	# Every page of every listed document: as many as the kiosk itself counts.
	want=0
	"$ctl" import --db "$tmp/pages.db" "$samples" >/dev/null 2>&1
	for key in $(sqlite3 "$tmp/pages.db" "SELECT key FROM documents WHERE kind != 'PXYK'"); do
		p=$("$kiosk" --db "$tmp/pages.db" --shot "$tmp/page.png" --size 1280x720 \
			--screen "reader:$key" --time 2026-11-23T09:41 2>/dev/null | sed -n 's/^pages //p')
		want=$((want + ${p:-1000}))
	done
	check "preview draws every page of every listed document ($n PNGs, $want pages)" \
		test "$n" -eq "$want" -a "$n" -gt 8
	check "preview prints every file written" test "$(grep -c '\.png$' "$tmp/preview.out")" -eq "$n"
	check "preview names the routing slip it does not draw" grep -q '^not drawn: ~PXYK' "$tmp/preview.out"
	allpng=true
	for f in "$tmp/png"/*.png; do is_png "$f" 1280x720 || allpng=false; done
	check "every preview is a 1280x720 PNG" $allpng
	check "the files follow the list: 001 is the newest conclusion, page 01" \
		test -f "$tmp/png/001-516-KL_ĐUK-p01.png"
	last=$(ls "$tmp/png"/001-516-KL_ĐUK-p*.png | tail -1)
	check "the last page of 516-KL/ĐUK is drawn ($(basename "$last")), none after it" \
		test "$(basename "$last")" = "001-516-KL_ĐUK-p$(printf %02d "$("$kiosk" --db "$tmp/pages.db" \
			--shot "$tmp/page.png" --size 1280x720 --screen reader:516-KL/ĐUK \
			--time 2026-11-23T09:41 2>/dev/null | sed -n 's/^pages //p')").png"
	run preview-first preview --bangtin "$kiosk" --size 1280x720 --pages first "$tmp/b1" "$tmp/png1"
	check "preview --pages first draws one PNG per listed document (8 of 9)" \
		test "$rc" -eq 0 -a "$(ls "$tmp/png1"/*.png | wc -l)" -eq 8
	run preview-two preview --bangtin "$kiosk" --size 1280x720 --pages 2 "$tmp/b1" "$tmp/png2"
	check "preview --pages 2 draws the first two pages of each (16)" \
		test "$rc" -eq 0 -a "$(ls "$tmp/png2"/*.png | wc -l)" -eq 16
	run preview-badpages preview --pages none "$tmp/b1" "$tmp/png3"
	check "preview --pages none exits 2" test "$rc" -eq 2
	run preview-t1 preview --bangtin "$kiosk" "$tmp/t1" "$tmp/png-t1"
	check "preview of a tampered bundle exits 1 and draws nothing" \
		test "$rc" -eq 1 -a ! -e "$tmp/png-t1"
	# What the kiosk refuses, preview refuses too (issue 9): a listed file
	# that is a link to the very same bytes, an unlisted FIFO.
	cp -r "$tmp/b1" "$tmp/t3"
	mv "$tmp/t3/002_d963df6e54be7226.txt" "$tmp/t3-target.txt"
	ln -s "$tmp/t3-target.txt" "$tmp/t3/002_d963df6e54be7226.txt"
	run preview-t3 preview --bangtin "$kiosk" "$tmp/t3" "$tmp/png-t3"
	check "preview of a bundle with a listed symbolic link exits 1 and draws nothing" \
		test "$rc" -eq 1 -a ! -e "$tmp/png-t3"
	check "...naming the link" grep -q '002_d963df6e54be7226.txt: a symbolic link' \
		"$tmp/preview-t3.err"
	cp -r "$tmp/b1" "$tmp/t4"
	mkfifo "$tmp/t4/ong.txt"
	run preview-t4 preview --bangtin "$kiosk" "$tmp/t4" "$tmp/png-t4"
	check "preview of a bundle with an unlisted FIFO exits 1 and draws nothing" \
		test "$rc" -eq 1 -a ! -e "$tmp/png-t4"
	check "...naming it" grep -q 'ong.txt: a FIFO' "$tmp/preview-t4.err"
	run verify-t4 verify --keys "$tmp/keys" "$tmp/t4"
	check "verify refuses the same FIFO bundle" test "$rc" -eq 1
else
	bad "no kiosk program at $kiosk for preview"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
