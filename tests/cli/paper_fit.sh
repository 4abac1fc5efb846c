#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Large diagrams legible on paper (issue 15 item 5), on the 30-facility
# group of tests/gen/gen_group.c: every view's default PNG fits an A3
# sheet (either way round) with its smallest text at 8 pt or more, and so
# does the HTML report's diagram; --paper gives pages of exactly that
# sheet and states the text size; --no-fold draws every facility. Sizes
# are computed from the files (PNG header, SVG attributes), not timed.
source "$SRC/tests/cli/lib.sh"
: "${GEN_GROUP:?}"
"$GEN_GROUP" >"$WORK/group.xml" || { echo "gen_group failed"; exit 1; }
M="$WORK/group.xml"
A3W=841.89 A3H=1190.55 # points

# png_size FILE: "W H" in pixels, from the IHDR chunk.
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}
# fits W H PW PH: W x H fits PW x PH either way round (all in one unit).
fits() { awk -v w="$1" -v h="$2" -v pw="$3" -v ph="$4" \
	'BEGIN { exit !((w <= pw + 1 && h <= ph + 1) || (w <= ph + 1 && h <= pw + 1)) }'; }
# smallest_text SVG: the smallest font-size times the drawing's scale, in pt.
smallest_text() {
	local scale
	scale=$(grep -o 'class="graph" transform="scale([0-9.]*' "$1" | head -1 | sed 's/.*scale(//')
	grep -o 'font-size="[0-9.]*"' "$1" | tr -dc '0-9.\n' | sort -n | head -1 |
		awk -v s="${scale:-1}" '{ printf "%.2f\n", $1 * s }'
}
svg_size() { grep -o '<svg width="[0-9.]*pt" height="[0-9.]*pt"' "$1" | head -1 | tr -dc '0-9. \n' | awk '{print $1, $2}'; }

for view in supply contracts responsibility; do
	run "$MEDSCOPE" graph "$M" --view "$view" --lang ja --fail-on never -o "$WORK/$view.png"
	expect_rc 0 "$view PNG"
	set -- $(png_size "$WORK/$view.png")
	# Graphviz draws PNG at 96 dpi: inches = pixels / 96, points = inches * 72.
	wpt=$(awk -v p="$1" 'BEGIN { print p / 96 * 72 }') hpt=$(awk -v p="$2" 'BEGIN { print p / 96 * 72 }')
	fits "$wpt" "$hpt" $A3W $A3H && ok || fail "$view PNG is $1 x $2 px at 96 dpi: larger than A3"
	run "$MEDSCOPE" graph "$M" --view "$view" --lang ja --fail-on never -o "$WORK/$view.svg"
	expect_rc 0 "$view SVG"
	[ ! -s "$WORK/err" ] && ok || fail "$view: a warning for the default drawing"
	t=$(smallest_text "$WORK/$view.svg")
	awk -v t="$t" 'BEGIN { exit !(t >= 8) }' && ok || fail "$view: smallest text $t pt, below 8 pt"
	set -- $(svg_size "$WORK/$view.svg")
	fits "$1" "$2" $A3W $A3H && ok || fail "$view SVG is $1 x $2 pt: larger than A3"
	# Folded: the 20 clinics are one group (or a few), not 20 boxes.
	grep -q '診療所 ×' "$WORK/$view.svg" && ok || fail "$view: the clinics are not folded"
	# Everything in it is explained: a folded group in the legend.
	grep -q 'まとめた医療機関等' "$WORK/$view.svg" && ok || fail "$view: the legend lacks folded groups"
done

# The HTML report's diagram: its SVG's width and height fit A3.
run "$MEDSCOPE" report "$M" --format html --lang ja --fail-on never -o "$WORK/r.html"
expect_rc 0 "HTML report"
set -- $(svg_size "$WORK/r.html")
[ -n "${1:-}" ] && ok || fail "the HTML report has no diagram"
fits "${1:-99999}" "${2:-99999}" $A3W $A3H && ok || fail "the HTML diagram is ${1:-?} x ${2:-?} pt: larger than A3"

# --no-fold: every facility, and a warning that it does not fit.
run "$MEDSCOPE" graph "$M" --no-fold --lang en --fail-on never -T dot -o "$WORK/all.dot"
expect_rc 0 "--no-fold"
grep -q 'cluster_C20' "$WORK/all.dot" && ok || fail "--no-fold did not draw clinic C20"
grep -q '~group' "$WORK/all.dot" && fail "--no-fold folded" || ok
run "$MEDSCOPE" graph "$M" --lang en --fail-on never -T dot -o "$WORK/folded.dot"
grep -q 'cluster_C20' "$WORK/folded.dot" && fail "the default DOT draws C20 alone" || ok

# --paper: the page is the sheet; the note states scale and text size.
run "$MEDSCOPE" graph "$M" --paper a3 --lang ja --fail-on never -o "$WORK/a3.pdf"
expect_rc 0 "--paper a3 PDF"
grep -aq 'MediaBox \[ 0 0 842 1191 \]' "$WORK/a3.pdf" && ok || fail "the A3 PDF page is not 842 x 1191 pt"
expect_err "図はA3 縦 \(297 × 420 mm\)に [0-9]+ % で収まります。最小の文字は [0-9.]+ pt" "states the text size"
run "$MEDSCOPE" graph "$M" --paper a4-landscape --lang ja --fail-on never -o "$WORK/a4.png"
expect_rc 0 "--paper a4-landscape PNG"
# 297 x 210 mm at 150 dpi.
[ "$(png_size "$WORK/a4.png")" = "1754 1240" ] && ok || fail "A4 landscape PNG is $(png_size "$WORK/a4.png") px"
expect_err "A4 横 \(297 × 210 mm\)" "names the sheet"
expect_err "8 pt" "says the text is below 8 pt"
run "$MEDSCOPE" graph "$M" --paper a5 -o "$WORK/x.pdf"
expect_rc 2 "--paper a5"
expect_err "a4, a3, a4-landscape or a3-landscape|a4、a3、a4-landscape、a3-landscape" "lists the papers"
[ ! -e "$WORK/x.pdf" ] && ok || fail "a refused --paper wrote a file"
finish
