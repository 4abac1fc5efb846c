#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# medscope graph: golden DOT for the examples (byte for byte, and the same
# bytes whatever the environment), every output format, the option rules,
# atomic files, the node budget, hostile labels, a missing Graphviz plugin
# configuration, and valgrind. The golden files are reviewed by hand; only
# tests/update-golden-dot.sh writes them.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1
# Same list as tests/update-golden-dot.sh.
VIEW_EXAMPLES="02-vendor-selects-iaas 04-facility-contracts-a-and-b 06-unknown-infrastructure 11-regional-network"
EX04=examples/04-facility-contracts-a-and-b.xml

# ---- golden DOT ----
shopt -s nullglob
models=(examples/*.xml)
[ "${#models[@]}" -ge 16 ] && ok || fail "expected the 16 examples, found ${#models[@]}"
cases=()
for model in "${models[@]}"; do
	name=$(basename "$model" .xml)
	cases+=("$name supply")
	case " $VIEW_EXAMPLES " in *" $name "*) cases+=("$name contracts" "$name responsibility") ;; esac
done
for c in "${cases[@]}"; do
	set -- $c
	name=$1 view=$2
	golden=tests/golden/dot/$name-$view.dot
	if [ ! -f "$golden" ]; then
		fail "no golden file $golden (tests/update-golden-dot.sh writes it)"
		continue
	fi
	run "$MEDSCOPE" graph "examples/$name.xml" --view "$view" --lang ja --fail-on never -T dot -o "$WORK/g.dot"
	expect_rc 0 "graph $name $view"
	if cmp -s "$golden" "$WORK/g.dot"; then
		ok
	else
		fail "$name $view: DOT differs from $golden"
		diff -u "$golden" "$WORK/g.dot" | head -40 | sed 's/^/    /'
	fi
done
for golden in tests/golden/dot/*.dot; do
	base=$(basename "$golden" .dot)
	found=0
	for c in "${cases[@]}"; do set -- $c; [ "$1-$2" = "$base" ] && found=1; done
	[ $found = 1 ] && ok || fail "stale golden file $golden"
done
# The same bytes whatever the environment and the path the model is read
# from: subgraph order must not follow malloc addresses.
big=$(head -c 40000 /dev/zero | tr '\0' x)
cp "$EX04" "$WORK/a-much-longer-file-name-to-move-the-heap-around-$big.xml" 2>/dev/null ||
	cp "$EX04" "$WORK/a-much-longer-file-name-to-move-the-heap-around.xml"
moved=$(ls "$WORK"/a-much-longer-file-name-*.xml)
env -i PATH="$PATH" LC_ALL=C.UTF-8 PADDING="$big" "$MEDSCOPE" graph "$moved" --lang ja -T dot \
	-o "$WORK/env.dot" 2>/dev/null
cmp -s tests/golden/dot/04-facility-contracts-a-and-b-supply.dot "$WORK/env.dot" && ok ||
	fail "DOT depends on the environment or the model's path"

# ---- formats ----
run "$MEDSCOPE" graph "$EX04" --lang ja -o "$WORK/deep/new/dir/x.svg"
expect_rc 0 "svg into a folder that did not exist"
if command -v xmllint >/dev/null; then
	xmllint --noout "$WORK/deep/new/dir/x.svg" 2>"$WORK/err" && ok || fail "SVG is not well-formed XML"
fi
grep -q 'みなと病院' "$WORK/deep/new/dir/x.svg" && ok || fail "SVG lacks the facility's Japanese name"
grep -q 'クラウド電子カルテ' "$WORK/deep/new/dir/x.svg" && ok || fail "SVG lacks the system's Japanese name"
grep -q 'RM: A社' "$WORK/deep/new/dir/x.svg" && ok || fail "SVG lacks the owner label"
grep -q 'font-family="Noto Sans CJK JP' "$WORK/deep/new/dir/x.svg" && ok || fail "SVG lacks the default CJK font"

run "$MEDSCOPE" graph "$EX04" -o "$WORK/x.png"
expect_rc 0 "png"
[ "$(head -c 8 "$WORK/x.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && ok ||
	fail "x.png does not start with the PNG signature"
[ "$(stat -c %s "$WORK/x.png")" -gt 10000 ] && ok || fail "x.png is suspiciously small"

run "$MEDSCOPE" graph "$EX04" -o "$WORK/x.pdf"
expect_rc 0 "pdf"
[ "$(head -c 5 "$WORK/x.pdf")" = "%PDF-" ] && ok || fail "x.pdf does not start with %PDF-"
# The Japanese text is drawn with the CJK font: it is embedded.
grep -aq 'NotoSansCJK' "$WORK/x.pdf" && ok || fail "x.pdf does not embed Noto Sans CJK"

run "$MEDSCOPE" graph "$EX04" --font "DejaVu Sans" -o "$WORK/font.svg"
expect_rc 0 "--font"
grep -q 'font-family="DejaVu Sans' "$WORK/font.svg" && ok || fail "--font did not change the face"

# -T wins over the extension; an unknown extension needs -T.
run "$MEDSCOPE" graph "$EX04" -T svg -o "$WORK/x.txt"
expect_rc 0 "-T svg with a .txt file"
grep -q '<svg' "$WORK/x.txt" && ok || fail "-T svg did not write SVG"
run "$MEDSCOPE" graph "$EX04" -o "$WORK/x.gif"
expect_rc 2 "unknown extension without -T"
expect_err "cannot tell the format|形式が分かりません" "says why"
[ ! -e "$WORK/x.gif" ] && ok || fail "x.gif was written"
run "$MEDSCOPE" graph "$EX04" -T gif -o "$WORK/y.svg"
expect_rc 2 "-T gif"

# ---- options ----
run "$MEDSCOPE" graph "$EX04"
expect_rc 2 "no -o"
expect_err "-o" "asks for -o"
run "$MEDSCOPE" graph "$EX04" --view nope -o "$WORK/v.svg"
expect_rc 2 "bad --view"
run "$MEDSCOPE" graph "$EX04" --depth 2 -o "$WORK/v.svg"
expect_rc 2 "--depth without --focus"
run "$MEDSCOPE" graph "$EX04" --focus nope -o "$WORK/v.svg" --lang en
expect_rc 2 "unknown --focus"
expect_err "no party or system with id 'nope'" "names the id"
[ ! -e "$WORK/v.svg" ] && ok || fail "a refused graph left a file"
run "$MEDSCOPE" graph "$EX04" --focus pacs --depth 0 -T dot -o "$WORK/f.dot"
expect_rc 0 "--focus pacs --depth 0"
grep -q 'cluster_B' "$WORK/f.dot" && ok || fail "--focus pacs lacks its provider B"
grep -q 'cluster_H' "$WORK/f.dot" && fail "--depth 0 drew the facility" || ok
run "$MEDSCOPE" graph "$EX04" --help
expect_rc 0 "--help"
expect_out "--focus" "help names --focus"

# Exit status follows --fail-on: example 02 has an error finding.
run "$MEDSCOPE" graph examples/02-vendor-selects-iaas.xml -o "$WORK/02.svg"
expect_rc 1 "findings at --fail-on error"
[ -s "$WORK/02.svg" ] && ok || fail "the diagram is written even with findings"
run "$MEDSCOPE" graph examples/02-vendor-selects-iaas.xml --fail-on never -o "$WORK/02.svg"
expect_rc 0 "--fail-on never"

# An output path equal to the input is refused; the input is untouched.
cp "$EX04" "$WORK/model.xml"
run "$MEDSCOPE" graph "$WORK/model.xml" -T dot -o "$WORK/model.xml"
expect_rc 2 "output = input"
cmp -s "$EX04" "$WORK/model.xml" && ok || fail "the input was overwritten"

# ---- the budget ----
echo old >"$WORK/keep.svg"
run "$MEDSCOPE" graph examples/11-regional-network.xml --max-nodes 2 --lang en -o "$WORK/keep.svg"
expect_rc 2 "over the node budget"
expect_err "--focus" "suggests --focus"
[ "$(cat "$WORK/keep.svg")" = old ] && ok || fail "a failed run replaced the old file"
ls -A "$WORK" | grep -q '^\.keep\.svg\.' && fail "a temporary file was left behind" || ok

# ---- hostile labels ----
long=$(head -c 20000 /dev/zero | tr '\0' W)
cat >"$WORK/hostile.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<deployment xmlns="urn:medscope:deployment:1" name="&lt;script&gt;alert(1)&lt;/script&gt;" as-of="2026-11-01">
  <facility id="H" name="&quot;H&quot; \\N \\G &lt;script&gt;x&lt;/script&gt; &amp;amp; &#x202E;evil"/>
  <vendor id="A" name="$long"/>
  <system id="ehr" provider="A" layer="saas" data="medical" name="]&lt;/FONT&gt;&lt;BR/&gt;"/>
  <contract id="k1" client="H" supplier="A" type="service" covers="ehr"/>
</deployment>
EOF
run "$MEDSCOPE" graph "$WORK/hostile.xml" --fail-on never -o "$WORK/hostile.svg"
expect_rc 0 "hostile model to SVG"
[ ! -s "$WORK/err" ] && ok || fail "Graphviz complained about a label"
if command -v xmllint >/dev/null; then
	xmllint --noout "$WORK/hostile.svg" 2>/dev/null && ok || fail "hostile SVG is not well-formed"
fi
S="$WORK/hostile.svg"
grep -qi '<script' "$S" && fail "raw <script> in the SVG" || ok
grep -q 'xlink:href=' "$S" && fail "a link in the SVG" || ok
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$S" && ok || fail "the title is not shown literally"
# \N and \G stay as written: a backslash, an invisible WORD JOINER, the
# letter (Graphviz would put the node's or the cluster's name there).
wj=$'\xe2\x81\xa0'
grep -qF "&quot;H&quot; \\${wj}N \\${wj}G &lt;script&gt;x&lt;/script&gt;" "$S" && ok ||
	fail "quotes, \\N, \\G and <script> in a name are not shown literally"
grep -o '<text[^>]*>[^<]*</text>' "$S" | grep -q 'cluster_H' && fail "\\G was expanded to the cluster's name" || ok
# The loader must hand over "&amp;" (the XML for "&amp;amp;") as it is.
grep -qF '&amp;amp; [U+202E]evil' "$S" && ok ||
	fail "'&amp;' in a name is not shown literally (or the RTL override is obeyed)"
grep -qF ']&lt;/FONT&gt;&lt;BR/&gt;' "$S" && ok || fail "markup in a system name is not shown literally"
grep -q 'W\{200\}' "$S" && fail "the 20,000-character name was not shortened" || ok
grep -q 'WWW…' "$S" && ok || fail "the shortened name has no ellipsis"
run "$MEDSCOPE" graph "$WORK/hostile.xml" --fail-on never -o "$WORK/hostile.dot"
expect_rc 0 "hostile model to DOT"
D="$WORK/hostile.dot"
grep -qi '<script' "$D" && fail "raw <script> in the DOT" || ok
grep -qF '&quot;H&quot; &#92;&#8288;N &#92;&#8288;G &lt;script&gt;' "$D" && ok || fail "DOT label not escaped"
grep -qF '&#93;&lt;/FONT&gt;&lt;BR/&gt;' "$D" && ok || fail "DOT system label not escaped"
# dot itself reads the DOT back (quoted strings under its 16 KiB limit).
if command -v dot >/dev/null; then
	dot -Tsvg "$D" -o /dev/null 2>"$WORK/err" && ok || fail "dot cannot read our DOT: $(head -c 300 "$WORK/err")"
fi

# ---- Graphviz without its plugin configuration ----
mkdir -p "$WORK/no-plugins"
GVBINDIR="$WORK/no-plugins" run "$MEDSCOPE" graph "$EX04" -o "$WORK/np.svg"
expect_rc 2 "no Graphviz plugins"
expect_err 'run `dot -c` as root' "says how to repair it"
expect_err "plugin configuration missing|プラグイン設定がありません" "names the cause"
grep -q 'not recognized' "$WORK/err" && fail "Graphviz's own message leaked" || ok
[ ! -e "$WORK/np.svg" ] && ok || fail "a file was written"
GVBINDIR="$WORK/no-plugins" run "$MEDSCOPE" graph "$EX04" -T dot -o "$WORK/np.dot"
expect_rc 0 "DOT needs no plugin"

# ---- valgrind: our code leaks nothing, Graphviz's own leaks are suppressed ----
# (Not under AddressSanitizer: valgrind cannot run a sanitized program, and
# LeakSanitizer checks that build already.)
if command -v valgrind >/dev/null && ! sanitized; then
	for fmt in svg png dot; do
		valgrind -q --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
			--suppressions="$SRC/tests/valgrind/graphviz.supp" --error-exitcode=99 \
			"$MEDSCOPE" graph "$EX04" -o "$WORK/vg.$fmt" >"$WORK/out" 2>"$WORK/err"
		RC=$?
		expect_rc 0 "valgrind, $fmt"
	done
fi
finish
