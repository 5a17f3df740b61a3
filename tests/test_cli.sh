#!/usr/bin/env bash
# bangtinctl end to end on the real samples, in a temp dir: import, list,
# list --kind, show, idempotent re-import, refusal of a bad file without
# touching the database, --help, exit codes. Reads $BANGTINCTL (the binary)
# and $BUILD; run by `make test` through tests/run.sh.
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
ctl=${BANGTINCTL:-${BUILD:-$src/build}/bangtinctl}
samples=$src/data/samples

# passed, failed, ok, bad, check and run (of $ctl, into $tmp).
. "$here/lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_cli.XXXXXX") || exit 1
# KEEP=1 keeps the temp dir (outputs of every step) for a post-mortem.
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
db=$tmp/bangtin.db
# Keep every run away from the developer's build/bangtin.db.
export BANGTIN_DB=$tmp/default.db
lines() { grep -c '' "$1"; }

if [ ! -x "$ctl" ]; then
	echo "FAIL: no bangtinctl at $ctl"
	echo "0 passed, 1 failed"
	exit 1
fi

# --- top level ---------------------------------------------------------------
run top-help --help
check "--help exits 0 and lists the commands" \
	test "$rc" -eq 0 -a -n "$(grep -w import "$tmp/top-help.out")" \
	-a -n "$(grep -w list "$tmp/top-help.out")" -a -n "$(grep -w show "$tmp/top-help.out")"
run version --version
check "--version prints a version" grep -q '^bangtinctl [0-9]' "$tmp/version.out"
run unknown frobnicate
check "unknown command exits 2" test "$rc" -eq 2
check "unknown command is named" grep -q frobnicate "$tmp/unknown.err"
run nocmd
check "no command exits 2" test "$rc" -eq 2
for cmd in import list show; do
	run "help-$cmd" "$cmd" --help
	check "$cmd --help exits 0 with its usage" \
		grep -q "^Usage: bangtinctl $cmd" "$tmp/help-$cmd.out"
	run "badopt-$cmd" "$cmd" --no-such-option
	check "$cmd --no-such-option exits 2" test "$rc" -eq 2
done
run import-noargs import --db "$db"
check "import without files exits 2" test "$rc" -eq 2
check "import without files creates no database" test ! -e "$db"

# --- import of the samples --------------------------------------------------
run list-nodb list --db "$db"
check "list of a missing database exits 1" test "$rc" -eq 1
check "list does not create the database" test ! -e "$db"

run import import --db "$db" "$samples"
check "import of data/samples exits 0" test "$rc" -eq 0
check "import reports 9 added documents" test "$(grep -c '^added ' "$tmp/import.out")" -eq 9
check "import names the slip without number" grep -q '(không số)' "$tmp/import.out"
check "the default database was not touched" test ! -e "$BANGTIN_DB"

run list list --db "$db"
check "list exits 0" test "$rc" -eq 0
check "list shows the nine documents" test "$(lines "$tmp/list.out")" -eq 9
for sym in 581-CV/ĐU 516-KL/ĐUK 358-CV/ĐU 06-KL/ĐUK 596-CV/ĐU 03-KL/ĐUK \
	320-TB/BTCTW 132-KL/ĐUK; do
	check "list has $sym" grep -q " $sym " "$tmp/list.out"
done
check "list has the routing slip" grep -q '(không số) *PXYK' "$tmp/list.out"
check "list line: date, number, kind, subject" grep -q \
	'^2023-01-18  516-KL/ĐUK  *KL  *Về kết quả 05 năm thực hiện Nghị quyết số 08-NQ/ĐUK' \
	"$tmp/list.out"
# Columns line up in code points, not bytes: the kind column starts at the
# same character on every line (ĐU is 4 bytes, 2 code points).
kindcols=$(while IFS= read -r l; do
	p=${l%%  KL  *}; p=${p%%  CV  *}; p=${p%%  TB  *}; p=${p%%  PXYK  *}
	echo "${#p}"
done <"$tmp/list.out" | sort -u | wc -l)
check "list columns align in code points" test "$kindcols" -eq 1
check "list is newest first" test "$(head -n 1 "$tmp/list.out" | cut -c1-10)" = 2023-02-09

run list-kl list --db "$db" --kind KL
check "list --kind KL exits 0" test "$rc" -eq 0
check "list --kind KL shows the 4 conclusions" test "$(lines "$tmp/list-kl.out")" -eq 4
for sym in 516-KL/ĐUK 06-KL/ĐUK 03-KL/ĐUK 132-KL/ĐUK; do
	check "list --kind KL has $sym" grep -q " $sym " "$tmp/list-kl.out"
done
check "list --kind KL has no TB" test -z "$(grep ' TB ' "$tmp/list-kl.out")"
run list-kl-lower list --db "$db" --kind kl
check "list --kind kl (any case) gives the same 4 lines" cmp -s "$tmp/list-kl.out" "$tmp/list-kl-lower.out"

# --- show -------------------------------------------------------------------
run show show --db "$db" 516-KL/ĐUK
check "show 516-KL/ĐUK exits 0" test "$rc" -eq 0
check "show prints the number" grep -q '^Số: *516-KL/ĐUK' "$tmp/show.out"
check "show prints the subject" grep -q \
	'^Trích yếu: *Về kết quả 05 năm thực hiện Nghị quyết số 08-NQ/ĐUK ngày 31/8/2017' \
	"$tmp/show.out"
check "show prints the signer" grep -q '^Người ký: *T/M BAN THƯỜNG VỤ' "$tmp/show.out"
check "show prints the title under the signer" grep -q '^ *BÍ THƯ$' "$tmp/show.out"
check "show prints the date" grep -q '^Ngày: *18/01/2023' "$tmp/show.out"
check "show marks the inferred issuer" grep -q '^Cơ quan ban hành: .*(suy ra)' "$tmp/show.out"
check "show prints the received stamp" grep -q '^Dấu đến: *ĐẢNG ỦY TTXVN' "$tmp/show.out"
check "show prints the cover letter" grep -q '^Văn bản chuyển: *581-CV/ĐU' "$tmp/show.out"
check "show prints the body" grep -q '^5\. Giao các ban, đơn vị' "$tmp/show.out"

run show-inferred show --db "$db" 06-KL/ĐUK
check "show marks an inferred number" grep -q '^Số: *06-KL/ĐUK (suy ra)' "$tmp/show-inferred.out"
run show-spaced show --db "$db" "358 - CV/ĐU"
check "show forgives spacing in the symbol" grep -q '^Số: *358-CV/ĐU' "$tmp/show-spaced.out"
run show-missing show --db "$db" 999-KL/ĐUK
check "show of a missing document exits 1" test "$rc" -eq 1
check "show names the missing document" grep -q '999-KL/ĐUK' "$tmp/show-missing.err"
run show-noarg show --db "$db"
check "show without SYMBOL exits 2" test "$rc" -eq 2

# --- idempotence ------------------------------------------------------------
run import2 import --db "$db" "$samples"
check "second import exits 0" test "$rc" -eq 0
check "second import changes nothing" test "$(grep -c '^unchanged ' "$tmp/import2.out")" -eq 9
run list2 list --db "$db"
check "list after re-import is the same" cmp -s "$tmp/list.out" "$tmp/list2.out"

# --- a bad file refuses the whole batch ---------------------------------------
# The good file of the batch is a new document, so letting it through would
# change the list; prove that it imports on its own first.
mkdir "$tmp/batch"
sed 's/Số 320 - TB/Số 321 - TB/' "$samples"/003_*.txt >"$tmp/batch/003_new.txt"
run import-new import --db "$tmp/scratch.db" "$tmp/batch/003_new.txt"
check "the batch's good file imports alone" grep -q '^added  *321-TB/BTCTW' "$tmp/import-new.out"
sed 's/Kết luận/K\xe1t lu\xff/' "$samples"/000_*.txt >"$tmp/batch/999_latin1.txt"
run import-bad import --db "$db" "$tmp/batch"
check "import with a non-UTF-8 file exits 1" test "$rc" -eq 1
check "import names the bad file" grep -q '999_latin1.txt' "$tmp/import-bad.err"
check "import says nothing was imported" grep -q 'nothing imported' "$tmp/import-bad.err"
check "import prints nothing as imported" test -z "$(grep -E '^(added|updated) ' "$tmp/import-bad.out")"
run list3 list --db "$db"
check "the database is unchanged after a refused import" cmp -s "$tmp/list.out" "$tmp/list3.out"

run import-missing import --db "$db" "$tmp/no-such-file.txt"
check "import of a missing file exits 1" test "$rc" -eq 1
check "import names the missing file" grep -q 'no-such-file.txt' "$tmp/import-missing.err"

# --- the environment chooses the default database -----------------------------
BANGTIN_DB=$db run list-env list
check "BANGTIN_DB is the default database" cmp -s "$tmp/list.out" "$tmp/list-env.out"
BANGTIN_DB=$tmp/other.db run list-override list --db "$db"
check "--db overrides BANGTIN_DB" cmp -s "$tmp/list.out" "$tmp/list-override.out"

# --- a damaged database (issue 9: a NULL kind crashed list and show) ---------
# NOT NULL is lifted from the schema text, a row damaged, the text put back:
# what a failing disk or a hand edit leaves, and what quick_check reports.
cp "$db" "$tmp/damaged.db"
sqlite3 "$tmp/damaged.db" "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'kind TEXT NOT NULL,', 'kind TEXT,') WHERE name = 'documents';"
sqlite3 "$tmp/damaged.db" "UPDATE documents SET kind = NULL, type_name = NULL WHERE number = '516-KL/ĐUK'; PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'kind TEXT,', 'kind TEXT NOT NULL,') WHERE name = 'documents';"
run list-damaged list --db "$tmp/damaged.db"
check "list of a damaged database exits 1, not a crash" test "$rc" -eq 1
check "list shows the rows it can read" test "$(lines "$tmp/list-damaged.out")" -eq "$(($(lines "$tmp/list.out") - 1))"
check "list names the damaged row and field" grep -q 'documents row [0-9]*: field kind: NULL' "$tmp/list-damaged.err"
run show-damaged show --db "$tmp/damaged.db" 516-KL/ĐUK
check "show of the damaged row exits 1 naming the field" \
	eval 'test "$rc" -eq 1 && grep -q "field kind: NULL" "$tmp/show-damaged.err"'
run import-damaged import --db "$tmp/damaged.db" "$samples"/003_*.txt
check "import into a damaged database is refused, naming the damage" \
	eval 'test "$rc" -eq 1 && grep -q "damaged (quick_check: NULL value in documents.kind)" "$tmp/import-damaged.err"'

# --- what the database holds never drives the terminal (issue 9) -------------
# ESC, BEL and a right-to-left override written into the database behind
# bangtinctl's back are printed as escapes, never as the bytes.
cp "$db" "$tmp/ctrl.db"
sqlite3 "$tmp/ctrl.db" "UPDATE documents SET subject = 'Kết luận ' || char(27) || '[31mĐỎ' || char(7) || ' số ' || char(8238) || '123' || char(8294) WHERE number = '516-KL/ĐUK'; UPDATE blocks SET text = 'Mở' || char(27) || ']0;title' || char(7) WHERE doc_id = (SELECT id FROM documents WHERE number = '516-KL/ĐUK') AND seq = (SELECT min(seq) FROM blocks WHERE doc_id = (SELECT id FROM documents WHERE number = '516-KL/ĐUK'));"
run list-ctrl list --db "$tmp/ctrl.db"
run show-ctrl show --db "$tmp/ctrl.db" 516-KL/ĐUK
for o in list-ctrl show-ctrl; do
	check "$o prints no ESC, BEL or bidi control" \
		eval "! LC_ALL=C grep -q \$'\\x1b\\|\\x07\\|\\xe2\\x80\\xae\\|\\xe2\\x81\\xa6' '$tmp/$o.out'"
done
check "list shows them escaped" grep -qF 'Kết luận \x1b[31mĐỎ\x07 số \u202e123\u2066' "$tmp/list-ctrl.out"
check "show shows the body escaped" grep -qF 'Mở\x1b]0;title\x07' "$tmp/show-ctrl.out"
check "show keeps Vietnamese text byte for byte" grep -q '^Trích yếu: *Kết luận ' "$tmp/show-ctrl.out"

# ... and a document carrying them is refused, naming the line.
mkdir "$tmp/bidi"
awk 'NR == 12 { printf "Số \342\200\256321 \n"; next } { print }' "$samples"/003_*.txt >"$tmp/bidi/003_bidi.txt"
run import-bidi import --db "$tmp/scratch.db" "$tmp/bidi/003_bidi.txt"
check "a document with U+202E is refused" test "$rc" -eq 1
check "the refusal names the file, line and character" \
	grep -q '003_bidi.txt:12: error: \[encoding\] control character U+202E (RIGHT-TO-LEFT OVERRIDE)' "$tmp/import-bidi.err"
printf 'Th\xc2\x9bng b\xc3\xa1o\n' >"$tmp/bidi/c1.txt"
run import-c1 import --db "$tmp/scratch.db" "$tmp/bidi/c1.txt"
check "a document with a C1 control (CSI) is refused naming it" \
	grep -q 'c1.txt:1: error: \[encoding\] control character U+009B (CSI)' "$tmp/import-c1.err"

# --- a read-only database is read (issue 9: "attempt to write a readonly
# database") ------------------------------------------------------------------
# As root (CI) a private mount namespace holds a read-only tmpfs with a copy
# of the database (without its -wal and -shm files, as a copy onto
# read-only media has); as a user, a read-only file in a read-only folder.
kiosk=${BANGTIN:-$(dirname "$ctl")/bangtin}
# $1 the folder holding ro.db, $2 bangtinctl, $3 bangtin, $4 where outputs go
ro_run='
	"$2" list --db "$1/ro.db" >"$4/ro-list.out" 2>"$4/ro-list.err"; echo $? >"$4/ro-list.rc"
	"$2" show --db "$1/ro.db" 516-KL/ĐUK >"$4/ro-show.out" 2>"$4/ro-show.err"
	echo $? >"$4/ro-show.rc"
	SDL_VIDEODRIVER=dummy "$3" --db "$1/ro.db" --shot "$4/ro.png" --size 640x360 \
		--screen list --time 2026-11-23T09:41 >"$4/ro-kiosk.out" 2>"$4/ro-kiosk.err"
	echo $? >"$4/ro-kiosk.rc"
'
mkdir "$tmp/rofs"
if [ "$(id -u)" -eq 0 ]; then
	unshare -m sh -c 'mount -t tmpfs none "$1" && cp "$5" "$1/ro.db" &&
		mount -o remount,ro "$1" && touch "$1/x" 2>/dev/null && exit 9; '"$ro_run" \
		sh "$tmp/rofs" "$ctl" "$kiosk" "$tmp" "$db"
	check "the read-only file system is set up (unshare -m, tmpfs)" test "$?" -eq 0
else
	cp "$db" "$tmp/rofs/ro.db"
	chmod 444 "$tmp/rofs/ro.db"
	chmod 555 "$tmp/rofs"
	sh -c "$ro_run" sh "$tmp/rofs" "$ctl" "$kiosk" "$tmp"
	chmod 755 "$tmp/rofs"
fi
check "list of a read-only database exits 0" test "$(cat "$tmp/ro-list.rc")" -eq 0
check "list of a read-only database lists it" cmp -s "$tmp/list.out" "$tmp/ro-list.out"
check "show of a read-only database exits 0" test "$(cat "$tmp/ro-show.rc")" -eq 0
check "nothing says readonly" eval '! cat "$tmp"/ro-*.err | grep -qi readonly'
check "the kiosk draws a read-only database" \
	eval 'test "$(cat "$tmp/ro-kiosk.rc")" -eq 0 && test -s "$tmp/ro.png"'

# --- the kiosk on a damaged database keeps running (issue 9: a crash loop
# under Restart=always) ---------------------------------------------------------
head -c 8192 /dev/urandom >"$tmp/garbage.db"
for d in damaged garbage; do
	SDL_VIDEODRIVER=dummy "$kiosk" --db "$tmp/$d.db" --shot "$tmp/$d-info.png" --size 640x360 \
		--screen info --time 2026-11-23T09:41 >"$tmp/$d-kiosk.out" 2>"$tmp/$d-kiosk.err"
	check "the kiosk draws Info on the $d database" test "$?" -eq 0 -a -s "$tmp/$d-info.png"
done
check "the kiosk logs the damage in English" \
	grep -q 'damaged (quick_check: NULL value in documents.kind); showing what can be read' "$tmp/damaged-kiosk.err"
check "the kiosk leaves the damaged row out and names it" \
	grep -q 'damaged document row not shown, the first: documents row [0-9]*: field kind: NULL' "$tmp/damaged-kiosk.err"
check "the kiosk logs an unreadable database" \
	grep -q 'garbage.db: file is not a database; showing an empty board' "$tmp/garbage-kiosk.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
