#!/bin/sh
# Writes an HTML page of one stored document, laid out as the kiosk lays out
# its first page (header band with the clock, issuing body and number, title,
# subject, forwarding note, justified body) at 1920x1080, with the same shipped
# Noto fonts, for the browser side of the benchmark.
# Usage: page.sh BANGTINCTL DB SYMBOL FONTDIR > page.html
set -eu
ctl=$1 db=$2 sym=$3 fonts=$4

cat <<EOF
<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>bangtin</title>
<style>
@font-face { font-family: "Noto Serif"; src: url("file://$fonts/NotoSerif-Regular.ttf"); }
@font-face { font-family: "Noto Serif"; font-weight: bold; src: url("file://$fonts/NotoSerif-Bold.ttf"); }
@font-face { font-family: "Noto Serif"; font-style: italic; src: url("file://$fonts/NotoSerif-Italic.ttf"); }
@font-face { font-family: "Noto Sans"; src: url("file://$fonts/NotoSans-Regular.ttf"); }
@font-face { font-family: "Noto Sans"; font-weight: bold; src: url("file://$fonts/NotoSans-Bold.ttf"); }
html, body { margin: 0; width: 1920px; height: 1080px; overflow: hidden; background: #e4e0da; }
header { height: 92px; background: #8b1515; color: #fff; font: bold 32px "Noto Sans";
         display: flex; justify-content: space-between; align-items: center; padding: 0 32px; }
header .clock { font-size: 52px; }
main { position: absolute; top: 128px; left: 92px; width: 1646px; height: 862px; padding: 0 40px;
       background: #fffdf8; font: 36px/1.45 "Noto Serif"; color: #1c1c1c; overflow: hidden; }
.cols { display: flex; justify-content: space-between; text-align: center; font-size: 30px; margin-top: 24px; }
.cols b { display: block; }
h1 { text-align: center; font-size: 64px; margin: 40px 0 0; text-transform: uppercase; }
.subject { text-align: center; font-weight: bold; margin: 8px 150px; }
.note { text-align: center; font-style: italic; font-size: 28px; margin: 24px 0; }
p { text-align: justify; text-indent: 2em; margin: 0 0 12px; hyphens: none; }
footer { position: absolute; bottom: 0; width: 100%; height: 58px; background: #fffdf8;
         font: 32px "Noto Sans"; text-align: center; line-height: 58px; }
</style></head><body>
<header><span>ĐẢNG ỦY THÔNG TẤN XÃ VIỆT NAM</span><span>Thứ Hai, 23/11/2026 <span class="clock">09:41</span></span></header>
<main>
EOF
"$ctl" show --db "$db" "$sym" | awk '
function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); return s }
function val(line) { sub(/^[^:]*:[ ]+/, "", line); sub(/ \(suy ra\)$/, "", line); return esc(line) }
body { if ($0 != "") print "<p>" esc($0) "</p>"; next }
/^Số:/ { number = val($0) }
/^Cơ quan ban hành:/ { issuer = val($0) }
/^Nơi ban hành:/ { place = val($0) }
/^Ngày:/ { date = val($0) }
/^Loại:/ { kind = val($0); sub(/ \(.*$/, "", kind) }
/^Trích yếu:/ { subject = val($0) }
/^Nội dung:/ {
	split(date, d, "/")
	print "<div class=\"cols\"><div><b>" issuer "</b>*<br>Số " number "</div>"
	print "<div><b>ĐẢNG CỘNG SẢN VIỆT NAM</b><i>" place ", ngày " d[1] " tháng " d[2] " năm " d[3] "</i></div></div>"
	print "<h1>" kind "</h1><div class=\"subject\">" subject "</div>"
	print "<div class=\"note\">Đảng ủy TTXVN phổ biến theo Công văn 581-CV/ĐU ngày 09/02/2023</div>"
	body = 1
}'
cat <<'EOF'
</main>
<footer>◀ Trang trước &nbsp; ▶ Trang sau &nbsp; ⏎ Quay lại</footer>
</body></html>
EOF
