#!/usr/bin/env bash
# What the clerk sees and states, end to end with bangtinctl on the samples:
# the table import and pack print per document (missing, inferred, stated
# marks), front matter stating fields (import, show, show --json), its
# errors with file and line, pack --strict, and the JSON of show and list
# (checked with SQLite's own JSON functions). Reads $BANGTINCTL and $BUILD;
# run by `make test` through tests/run.sh.
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
ctl=${BANGTINCTL:-${BUILD:-$src/build}/bangtinctl}
samples=$src/data/samples

# passed, failed, ok, bad, check and run (of $ctl, into $tmp).
. "$here/lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/test_cli_front.XXXXXX") || exit 1
# KEEP=1 keeps the temp dir (outputs of every step) for a post-mortem.
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
export BANGTIN_DB=$tmp/default.db
db=$tmp/bangtin.db

if [ ! -x "$ctl" ]; then
	echo "FAIL: no bangtinctl at $ctl"
	echo "0 passed, 1 failed"
	exit 1
fi
if ! command -v sqlite3 >/dev/null; then
	echo "FAIL: no sqlite3 command (make deps installs it): the JSON is read with it"
	echo "0 passed, 1 failed"
	exit 1
fi

# jget FILE PATH: the value at the JSON path of the file's JSON ("" for null).
jget() { sqlite3 -batch :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), '$2');"; }
# jtype FILE PATH: the JSON type there ("array", "text", ...).
jtype() { sqlite3 -batch :memory: "SELECT json_type(CAST(readfile('$1') AS TEXT), '$2');"; }
# jvalid FILE: the file is one valid JSON text.
jvalid() { [ "$(sqlite3 -batch :memory: "SELECT json_valid(CAST(readfile('$1') AS TEXT));")" = 1 ]; }
# row FILE LABEL: the table row of that label, as printed ("Số:  ...").
row() { grep -m1 "^ *$2: " "$1"; }

# --- the table import prints ------------------------------------------------------
run import import --db "$db" "$samples"
check "import of the samples exits 0" test "$rc" -eq 0
check "import prints a table row of each field for each of the 9 documents" \
	test "$(grep -cE '^ +(Loại|Số|Ngày|Cơ quan|Người ký|Trích yếu): ' "$tmp/import.out")" -eq 54
check "import's header line of a document names its file and lines" \
	grep -Eq '^added +516-KL/ĐUK +KL +2023-01-18 +.*/000_a22f915492343a22.txt:[0-9]+-[0-9]+$' \
	"$tmp/import.out"
check "a forwarded conclusion's number is marked inferred" \
	grep -Eq '^ +Số: +06-KL/ĐUK  \[suy ra\]$' "$tmp/import.out"
check "a routing slip without number is marked missing" \
	grep -Eq '^ +Số: +\[thiếu\]$' "$tmp/import.out"
check "a signer without name is marked missing, with the authority shown" \
	grep -Eq '^ +Người ký: +\[thiếu\] — T/M BAN THƯỜNG VỤ, BÍ THƯ$' "$tmp/import.out"
check "the kind row gives code and name" grep -Eq '^ +Loại: +KL \(Kết luận\)$' "$tmp/import.out"
check "dates are dd/mm/yyyy in the table" grep -Eq '^ +Ngày: +18/01/2023$' "$tmp/import.out"
check "nothing is marked stated without front matter" \
	test -z "$(grep -F '[ghi rõ]' "$tmp/import.out")"

# --- front matter: stated fields win ------------------------------------------------
mkdir -p "$tmp/src"
{
	printf -- '---\n'
	printf 'số: 454/UBND-NCTH\n'
	printf 'Ngày: 6/4/2011\n'
	printf 'loai: cv\n'
	printf '# the clerk may comment\n'
	printf 'co-quan: ỦY BAN NHÂN DÂN THÀNH PHỐ VỊ THANH\n'
	printf 'nguoi-ky: Nguyễn Văn Hòa\n'
	printf 'tham quyền: TM. ỦY BAN NHÂN DÂN\n'
	# Outer quotes go; inside, everything is as written (no escapes).
	printf 'trich-yeu: "V/v "đổi mới" và C:\\ổ đĩa"\n'
	printf -- '---\n'
	cat "$samples/003_90bc4fd252e1aac9.txt"
} >"$tmp/src/stated.txt"
run front-import import --db "$tmp/front.db" "$tmp/src/stated.txt"
check "a file with front matter imports (exit 0)" test "$rc" -eq 0
check "the stated number is the document's" grep -Eq '^added +454/UBND-NCTH +CV +2011-04-06 ' \
	"$tmp/front-import.out"
check "the table marks the stated number" \
	grep -Eq '^ +Số: +454/UBND-NCTH  \[ghi rõ\]$' "$tmp/front-import.out"
check "the table marks the stated kind" grep -Eq '^ +Loại: +CV \(Công văn\)  \[ghi rõ\]$' \
	"$tmp/front-import.out"
check "the table marks the stated signer" \
	grep -Eq '^ +Người ký: +Nguyễn Văn Hòa — TM. ỦY BAN NHÂN DÂN.*\[ghi rõ\]$' \
	"$tmp/front-import.out"
check "the stated issuer replaces the inferred one" \
	grep -Eq '^ +Cơ quan: +ỦY BAN NHÂN DÂN THÀNH PHỐ VỊ THANH  \[ghi rõ\]$' \
	"$tmp/front-import.out"
run front-show show --db "$tmp/front.db" 454/UBND-NCTH
check "show finds the document by its stated number" test "$rc" -eq 0
check "show marks stated values (ghi rõ)" \
	test "$(grep -c '(ghi rõ)$' "$tmp/front-show.out")" -ge 6
check "show's date is the stated one" grep -q '^Ngày: *06/04/2011 (ghi rõ)$' "$tmp/front-show.out"
check "the front matter is not document text" \
	test -z "$(sed -n '/^Nội dung:/,$p' "$tmp/front-show.out" | grep -e 'nguoi-ky' -e '^---')"
run front-json show --db "$tmp/front.db" --json 454/UBND-NCTH
check "show --json exits 0 with one line" test "$rc" -eq 0 -a "$(grep -c '' "$tmp/front-json.out")" -eq 1
check "show --json is valid JSON" jvalid "$tmp/front-json.out"
check "json: number as stated" test "$(jget "$tmp/front-json.out" '$.number')" = 454/UBND-NCTH
check "json: date as ISO" test "$(jget "$tmp/front-json.out" '$.date')" = 2011-04-06
check "json: kind and type name" \
	test "$(jget "$tmp/front-json.out" '$.kind') $(jget "$tmp/front-json.out" '$.type_name')" = "CV Công văn"
check "json: stated lists the stated fields in enum order" \
	test "$(jget "$tmp/front-json.out" '$.stated')" = \
	'["number","date","kind","issuer","subject","signer_name","signer_authority"]'
check "json: quotes and backslashes survive escaping" \
	test "$(jget "$tmp/front-json.out" '$.subject')" = 'V/v "đổi mới" và C:\ổ đĩa'
check "json: the signer" test "$(jget "$tmp/front-json.out" '$.signer.name')" = "Nguyễn Văn Hòa"
check "json: number_inferred is false" test "$(jget "$tmp/front-json.out" '$.number_inferred')" = 0
check "json: the body is there, with source lines after the block" \
	test "$(jget "$tmp/front-json.out" '$.blocks[0].line')" -gt 10
check "json: the source file" test "$(jget "$tmp/front-json.out" '$.source')" = "$tmp/src/stated.txt"

# Diagnostics keep the file's own line numbers under a block of 3 lines.
{ printf -- '---\nchuc-vu: PHÓ BÍ THƯ\n---\n'; cat "$samples/000_a22f915492343a22.txt"; } \
	>"$tmp/src/000-stated.txt"
run front-lines import --db "$tmp/lines.db" "$tmp/src/000-stated.txt"
# FILE:FIRST-LAST of each document and FILE:LINE of each diagnostic, moved by 3.
sed -n 's/.*000_a22f915492343a22\.txt:\([0-9-]*\).*/\1/p' "$tmp/import.out" |
	awk -F- '{ print $1 + 3 (NF > 1 ? "-" $2 + 3 : "") }' >"$tmp/lines.want"
sed -n 's/.*000-stated\.txt:\([0-9-]*\).*/\1/p' "$tmp/front-lines.out" >"$tmp/lines.got"
check "under front matter, documents and diagnostics keep the file's own lines" \
	test -s "$tmp/lines.got" -a "$(cat "$tmp/lines.got")" = "$(cat "$tmp/lines.want")"
check "the block applies to the first document only" \
	test "$(grep -c 'PHÓ BÍ THƯ  \[ghi rõ\]$' "$tmp/front-lines.out")" -eq 1

# Faults: file, line and key; nothing imported.
printf -- '---\nso: 1/X\nngay: 31/02/2024\n---\nKẾT LUẬN\n' >"$tmp/bad-date.txt"
run front-bad import --db "$tmp/bad.db" "$tmp/bad-date.txt"
check "a bad stated date refuses the file (exit 1)" test "$rc" -eq 1
check "...naming file, line and key" grep -q 'bad-date.txt:3: error: \[ngay\] ' "$tmp/front-bad.err"
check "...and nothing is imported" grep -q 'nothing imported' "$tmp/front-bad.err"
printf -- '---\nso: 1/X\nsố hiệu: 2/Y\n---\nKẾT LUẬN\n' >"$tmp/bad-key.txt"
run front-key import --db "$tmp/bad.db" "$tmp/bad-key.txt"
check "an unknown key is an error naming it and its line" \
	grep -q "bad-key.txt:3: error: \[số hiệu\] unknown key 'số hiệu'" "$tmp/front-key.err"
printf -- '---\nso: 1/X\nKẾT LUẬN\nNội dung.\n' >"$tmp/bad-open.txt"
run front-open import --db "$tmp/bad.db" "$tmp/bad-open.txt"
check "an unterminated block is an error on its line" \
	grep -q 'bad-open.txt:3: error: \[front-matter\] .*closing --- is missing' "$tmp/front-open.err"

# --- pack: the table and --strict ---------------------------------------------------
mkdir -p "$tmp/pc" "$tmp/docs"
cp "$samples"/*.txt "$tmp/docs/"
run keygen keygen --dir "$tmp/pc" office
run pack-strict pack --strict --key "$tmp/pc/office.key" "$tmp/docs" "$tmp/b-strict"
check "pack --strict refuses a document without number (exit 1)" test "$rc" -eq 1
check "...naming its file and line" \
	grep -q '004_cc7b9622c9bc6dfa.txt:[0-9]*: document without its number' "$tmp/pack-strict.err"
check "...writing nothing" test ! -e "$tmp/b-strict"
check "...after printing the table that shows why" \
	grep -Eq '^  Số: +\[thiếu\]$' "$tmp/pack-strict.out"
run pack-lax pack --key "$tmp/pc/office.key" "$tmp/docs" "$tmp/b-lax"
check "pack without --strict takes it (exit 0)" test "$rc" -eq 0
check "pack prints the table of each of the 9 documents" \
	test "$(grep -c '^  Loại: ' "$tmp/pack-lax.out")" -eq 9
{ printf -- '---\nso: 07-PXYK/VP\n---\n'; cat "$samples/004_cc7b9622c9bc6dfa.txt"; } \
	>"$tmp/docs/004_cc7b9622c9bc6dfa.txt"
run pack-stated pack --strict --key "$tmp/pc/office.key" "$tmp/docs" "$tmp/b-stated"
check "a number stated in front matter satisfies --strict (exit 0)" test "$rc" -eq 0
check "...and the table marks it" grep -Eq '^  Số: +07-PXYK/VP  \[ghi rõ\]$' "$tmp/pack-stated.out"

# --- list --json ---------------------------------------------------------------------
run list-json list --db "$db" --json
run list-ids list --db "$db" --id
check "list --json exits 0" test "$rc" -eq 0
check "list --json prints one line per listed document" \
	test "$(grep -c '' "$tmp/list-json.out")" -eq "$(grep -c '' "$tmp/list-ids.out")"
n=0
all_valid=true
ids=
while IFS= read -r line; do
	n=$((n + 1))
	printf '%s' "$line" >"$tmp/line.json"
	jvalid "$tmp/line.json" || all_valid=false
	ids="$ids $(jget "$tmp/line.json" '$.id')"
done <"$tmp/list-json.out"
check "every line of list --json is a valid JSON object ($n lines)" $all_valid
check "list --json keeps the list's order" \
	test "$ids" = "$(awk '{printf " %s", $1}' "$tmp/list-ids.out")"
sed -n 1p "$tmp/list-json.out" >"$tmp/first.json"
check "list --json objects hold the whole document (blocks, refs, links)" \
	test "$(jtype "$tmp/first.json" '$.blocks') $(jtype "$tmp/first.json" '$.refs')" = \
	"array array" -a "$(jtype "$tmp/first.json" '$.outgoing')" = array -a \
	"$(jget "$tmp/first.json" '$.blocks[0].text')" != ""
check "list --json --kind filters like list" \
	test "$("$ctl" list --db "$db" --json --kind tb | grep -c '"kind":"TB"')" -eq 1

# --- JSON escaping of what a damaged or odd database holds ------------------------------
sqlite3 "$db" "UPDATE documents SET subject = 'a\"b\\c' || char(1) || char(10) || char(9) || 'd'
	|| char(127) || 'ẽ' WHERE number = '516-KL/ĐUK';" ||
	bad "could not edit the database for the escaping test"
run esc show --db "$db" --json 516-KL/ĐUK
check "control characters, quotes and backslashes give valid JSON" jvalid "$tmp/esc.out"
check "...that reads back to the same string" test "$(sqlite3 -batch :memory: "SELECT
	json_extract(CAST(readfile('$tmp/esc.out') AS TEXT), '\$.subject') = 'a\"b\\c' || char(1)
	|| char(10) || char(9) || 'd' || char(127) || 'ẽ';")" = 1
check "...with control characters as \\u escapes, never raw" \
	grep -q '"subject":"a\\"b\\\\c\\u0001\\n\\td\\u007fẽ"' "$tmp/esc.out"
sqlite3 "$db" "UPDATE documents SET place = CAST(x'48e1ba' || x'ff' || x'41' AS TEXT)
	WHERE number = '516-KL/ĐUK';"
run esc2 show --db "$db" --json 516-KL/ĐUK
# Every value read back is checked (issue 9): bytes that are not UTF-8 are
# damage, named, never half-printed as JSON.
check "bytes that are not UTF-8 refuse the document, naming the field" \
	eval 'test "$rc" -eq 1 && grep -q "place: not UTF-8" "$tmp/esc2.err"'
check "...and no JSON is printed" test ! -s "$tmp/esc2.out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
