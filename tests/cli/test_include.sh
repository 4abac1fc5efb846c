#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# <include href> and <part> (model.md "Splitting a model across files"):
# every safety rule refused with the <include>'s file:line:col, locations in
# the part's file (check, JSON, SARIF), the split example equal to the same
# model as one file, and diff / impact on split models.
. "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 1

hdr='<?xml version="1.0" encoding="UTF-8"?>'
ns='xmlns="urn:medscope:deployment:1"'
# main FILE INCLUDE-HREF...: a main file whose line 3 is the first <include>.
main() {
	local f=$1
	shift
	{
		echo "$hdr"
		echo "<deployment $ns name=\"t\" as-of=\"2026-11-01\">"
		for h in "$@"; do echo "  <include href=\"$h\"/>"; done
		echo '  <facility id="H" type="clinic"/>'
		echo '</deployment>'
	} >"$f"
}
# part FILE [LINES...]: a part holding LINES (default: one vendor V).
part() {
	local f=$1
	shift
	{
		echo "$hdr"
		echo "<part $ns>"
		if [ $# -eq 0 ]; then echo '  <vendor id="V"/>'; else printf '  %s\n' "$@"; fi
		echo '</part>'
	} >"$f"
}

H="$WORK/h"
mkdir -p "$H/parts" "$WORK/outside"
part "$H/parts/ok.xml"
part "$WORK/outside/secret.xml"

# A well-formed split model is accepted.
main "$H/m-ok.xml" parts/ok.xml
run "$MEDSCOPE" validate "$H/m-ok.xml"
expect_rc 0 "a part in a subfolder"

# refused NAME HREF REGEX: the main file with that include exits 2, and the
# message stands at the <include> (line 3, column 3) of the main file.
refused() {
	main "$H/m-$1.xml" "$2"
	run "$MEDSCOPE" check "$H/m-$1.xml"
	expect_rc 2 "$1: exit status"
	expect_err "^$H/m-$1\\.xml:3:3: error: <include href=\"[^\"]*\">: .*$3" "$1: message at the include"
	[ -e "$WORK/out" ] && ! grep -q 'error' "$WORK/out" && ok || fail "$1: no findings printed"
}
refused absolute "$WORK/outside/secret.xml" "absolute path"
refused dotdot "../outside/secret.xml" "'\\.\\.'"
refused dotdot-inner "parts/../../outside/secret.xml" "'\\.\\.'"
refused url "http://example.com/part.xml" "URL"
refused file-url "file:///etc/passwd" "URL"
refused drive "C:/parts/ok.xml" "URL or has a scheme"
refused backslash 'parts\ok.xml' "separate folders with '/'"
refused missing "parts/nothing.xml" "cannot open .*No such file"
refused folder "parts" "not a regular file"
ln -s "$WORK/outside/secret.xml" "$H/parts/link-out.xml"
refused symlink-out "parts/link-out.xml" "outside this file's folder"
ln -s "$WORK/outside" "$H/dir-out"
refused symlink-dir-out "dir-out/secret.xml" "outside this file's folder"
# A link that stays inside the folder is fine.
ln -s ok.xml "$H/parts/link-in.xml"
main "$H/m-link-in.xml" parts/link-in.xml
run "$MEDSCOPE" validate "$H/m-link-in.xml"
expect_rc 0 "a symbolic link inside the folder"

# No file twice: the same part twice (also through another spelling),
# a part that includes itself, a loop of two parts.
main "$H/m-twice.xml" parts/ok.xml ./parts/ok.xml
run "$MEDSCOPE" check "$H/m-twice.xml"
expect_rc 2 "the same file twice"
expect_err "^$H/m-twice\\.xml:4:3: error: .*is included already \\(at $H/m-twice\\.xml:3:3\\)" "twice: both includes named"
part "$H/parts/self.xml" '<include href="self.xml"/>'
main "$H/m-self.xml" parts/self.xml
run "$MEDSCOPE" check "$H/m-self.xml"
expect_rc 2 "a part that includes itself"
expect_err "^$H/parts/self\\.xml:3:3: error: <include href=\"self\\.xml\">: a file cannot include itself" "self: in the part's file"
part "$H/parts/loop-a.xml" '<include href="loop-b.xml"/>'
part "$H/parts/loop-b.xml" '<include href="loop-a.xml"/>'
main "$H/m-loop.xml" parts/loop-a.xml
run "$MEDSCOPE" check "$H/m-loop.xml"
expect_rc 2 "an include loop"
expect_err "^$H/parts/loop-b\\.xml:3:3: error: .*include loop: $H/parts/loop-a\\.xml is being read already" "loop: named"
# The main file itself, included from a part, is a loop too.
part "$H/back.xml" '<include href="m-back.xml"/>'
main "$H/m-back.xml" back.xml
run "$MEDSCOPE" check "$H/m-back.xml"
expect_rc 2 "a part including the main file"
expect_err "include loop" "back to the main file: a loop"

# Depth: 8 nested parts are read, the 9th is refused.
mkdir -p "$H/deep"
for i in 1 2 3 4 5 6 7 8 9; do
	part "$H/deep/d$i.xml" "<vendor id=\"V$i\"/>" "<include href=\"d$((i + 1)).xml\"/>"
done
part "$H/deep/d10.xml" '<vendor id="V10"/>'
sed -i 's|<include href="d9.xml"/>||' "$H/deep/d8.xml"
main "$H/m-depth8.xml" deep/d1.xml
run "$MEDSCOPE" validate "$H/m-depth8.xml"
expect_rc 0 "8 nested parts"
part "$H/deep/d8.xml" '<vendor id="V8"/>' '<include href="d9.xml"/>'
part "$H/deep/d9.xml" '<vendor id="V9"/>'
run "$MEDSCOPE" check "$H/m-depth8.xml"
expect_rc 2 "depth 9"
expect_err "^$H/deep/d8\\.xml:4:3: error: .*nested more than 8 deep" "depth 9: at the 8th part's include"

# Every file gets the main file's refusals: a DOCTYPE, a root other than
# <part>, not well-formed XML, an encoding; diagnostics name the part.
printf '%s\n<!DOCTYPE part [<!ENTITY x "y">]>\n<part %s><vendor id="V"/></part>\n' "$hdr" "$ns" >"$H/parts/doctype.xml"
main "$H/m-doctype.xml" parts/doctype.xml
run "$MEDSCOPE" check "$H/m-doctype.xml"
expect_rc 2 "a DOCTYPE in a part"
expect_err "^$H/parts/doctype\\.xml:2:1: error: a DOCTYPE is not allowed" "DOCTYPE: in the part's file"
printf '%s\n<deployment %s/>\n' "$hdr" "$ns" >"$H/parts/root.xml"
main "$H/m-root.xml" parts/root.xml
run "$MEDSCOPE" check "$H/m-root.xml"
expect_rc 2 "a part whose root is <deployment>"
expect_err "^$H/parts/root\\.xml:2:1: error: an included file's root element must be <part" "root of a part"
printf '%s\n<part %s><vendor id="V">\n</part>\n' "$hdr" "$ns" >"$H/parts/broken.xml"
main "$H/m-broken.xml" parts/broken.xml
run "$MEDSCOPE" check "$H/m-broken.xml"
expect_rc 2 "a part that is not well-formed"
expect_err "^$H/parts/broken\\.xml:[0-9]+:[0-9]+: error: not well-formed XML" "not well-formed: in the part's file"
# A part given as the model is refused with a pointer to the main file.
run "$MEDSCOPE" check "$H/parts/ok.xml"
expect_rc 2 "a part as the model"
expect_err "is a <part> of a model" "part as the model: says so"

# The size limit counts all files together.
sz_main=$(stat -c %s "$H/m-ok.xml")
sz_part=$(stat -c %s "$H/parts/ok.xml")
run "$MEDSCOPE" validate --max-input $((sz_main + sz_part)) "$H/m-ok.xml"
expect_rc 0 "main + part exactly at the limit"
run "$MEDSCOPE" validate --max-input $((sz_main + sz_part - 1)) "$H/m-ok.xml"
expect_rc 2 "main + part one byte over the limit"
expect_err "^$H/m-ok\\.xml:3:3: error: .*larger than the limit of $((sz_main + sz_part - 1)) bytes together" "over the limit: at the include"

# Ids are unique across files: both locations are named.
part "$H/parts/dup.xml" '<facility id="H"/>'
main "$H/m-dup.xml" parts/dup.xml
run "$MEDSCOPE" check "$H/m-dup.xml"
expect_rc 2 "a duplicate id across files"
expect_err "^$H/parts/dup\\.xml:3:3: error: <facility>: duplicate id 'H' \\(first defined at $H/m-dup\\.xml:4:3\\)" "duplicate: both files named"

# A reference error inside a part names the part; name and as-of come from
# the main file alone (a part has only an optional name).
part "$H/parts/ref.xml" '<system id="s" provider="Nobody" layer="saas"/>'
main "$H/m-ref.xml" parts/ref.xml
run "$MEDSCOPE" check "$H/m-ref.xml"
expect_rc 2 "a bad reference in a part"
expect_err "^$H/parts/ref\\.xml:3:3: error: <system id=\"s\">: 'provider' refers to 'Nobody'" "reference error in the part's file"
printf '%s\n<part %s as-of="2020-01-01"/>\n' "$hdr" "$ns" >"$H/parts/asof.xml"
main "$H/m-asof.xml" parts/asof.xml
run "$MEDSCOPE" check "$H/m-asof.xml"
expect_rc 2 "as-of on a part"
expect_err "^$H/parts/asof\\.xml:2:1: error: .*as-of" "as-of on a part is refused"

# Standard input: include is refused with a clear message.
run "$MEDSCOPE" check - <"$H/m-ok.xml"
expect_rc 2 "include on standard input"
expect_err '^<stdin>:3:3: error: <include href="parts/ok.xml">: parts cannot be read when the model comes from standard input' "stdin: refused"
run "$MEDSCOPE" check --lang ja - <"$H/m-ok.xml"
expect_err '標準入力' "stdin: refused in Japanese"

# ---- the split example equals the same model as one file ---------------
S=examples/20-split/main.xml
O=examples/03-chain-a-b-c.xml
run "$MEDSCOPE" validate "$S" examples/20-split/parts/*.xml
expect_rc 2 "parts given as models are refused"
run "$MEDSCOPE" validate "$S"
expect_rc 0 "the split example validates"
if command -v xmllint >/dev/null; then
	run xmllint --noout --schema models/deployment.xsd examples/20-split/parts/*.xml
	expect_rc 0 "each part validates against the XSD"
fi
# check: the same findings, each in the part where its element stands.
norm() {
	/usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
def walk(x):
    if isinstance(x, dict):
        for k in ("file", "line", "column"):
            x.pop(k, None)
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
walk(d)
if "findings" in d:
    d["findings"].sort(key=lambda f: json.dumps(f, sort_keys=True))
print(json.dumps(d, sort_keys=True, ensure_ascii=False))'
}
strip() { sed -E 's/^[^ ]+:[0-9]+:[0-9]+: //' | sort; }
"$MEDSCOPE" check "$S" >"$WORK/split.check" 2>&1
"$MEDSCOPE" check "$O" >"$WORK/one.check" 2>&1
cmp -s <(strip <"$WORK/split.check") <(strip <"$WORK/one.check") && ok || fail "check: same findings"
grep -Eq '^examples/20-split/parts/vendor-b\.xml:14:3: warning: .*\[missing-supplier-agreement\]$' "$WORK/split.check" && ok ||
	fail "check: the finding points into vendor-b.xml"
for cmd in owners scope matrix; do
	# shellcheck disable=SC2086
	cmp -s <("$MEDSCOPE" $cmd "$S") <("$MEDSCOPE" $cmd "$O") && ok || fail "$cmd: same output"
done
for cmd in "matrix --format json" "scope --format json"; do
	# shellcheck disable=SC2086
	"$MEDSCOPE" $cmd "$S" | norm >"$WORK/a.json" && "$MEDSCOPE" $cmd "$O" | norm >"$WORK/b.json" &&
		[ -s "$WORK/a.json" ] && cmp -s "$WORK/a.json" "$WORK/b.json" && ok || fail "$cmd: same modulo file"
done
"$MEDSCOPE" graph "$S" -o "$WORK/split.dot" && "$MEDSCOPE" graph "$O" -o "$WORK/one.dot"
cmp -s "$WORK/split.dot" "$WORK/one.dot" && ok || fail "graph dot: same output"
# report json, modulo file and line: the same document.
"$MEDSCOPE" report "$S" --format json --fail-on never >"$WORK/split.json"
"$MEDSCOPE" report "$O" --format json --fail-on never >"$WORK/one.json"
norm <"$WORK/split.json" >"$WORK/a.json" && norm <"$WORK/one.json" >"$WORK/b.json" &&
	[ -s "$WORK/a.json" ] && cmp -s "$WORK/a.json" "$WORK/b.json" && ok || fail "report json: same modulo file/line"
/usr/bin/python3 - "$WORK/split.json" <<'PY' && ok || fail "report json: findings name the part's file"
import json, sys
d = json.load(open(sys.argv[1]))
assert {f["file"] for f in d["findings"]} == {"examples/20-split/parts/vendor-b.xml"}, d["findings"]
PY
# SARIF: one artifact per file, each result in its part's artifact.
"$MEDSCOPE" report "$S" --format sarif --fail-on never >"$WORK/split.sarif"
/usr/bin/python3 - "$WORK/split.sarif" <<'PY' && ok || fail "sarif: artifacts and locations of the parts"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
uris = [a["location"]["uri"] for a in run["artifacts"]]
assert uris == ["examples/20-split/main.xml"] + ["examples/20-split/parts/vendor-%s.xml" % v for v in "abc"], uris
for r in run["results"]:
    al = r["locations"][0]["physicalLocation"]["artifactLocation"]
    assert al == {"uri": "examples/20-split/parts/vendor-b.xml", "index": 2}, al
PY

# ---- notes of contracts and agreements (model.md "note") -------------------
sed -e 's|<agreement id="g2"|<agreement id="g2" note="年1回見直し"|' -e 's|<contract id="k2"|<contract id="k2" note="2027年更改"|' \
	-e 's|<agreement id="g1"|<agreement id="g1" note="院長決裁"|' examples/03-chain-a-b-c.xml >"$WORK/noted.xml"
"$MEDSCOPE" report "$WORK/noted.xml" --format json --fail-on never >"$WORK/noted.json"
/usr/bin/python3 - "$WORK/noted.json" <<'PY' && ok || fail "report json: notes of the agreements and contracts a requirement names"
import json, sys
d = json.load(open(sys.argv[1]))
notes = [r.get("notes") for r in d["agreements"]]
assert {"g1": "院長決裁"} in notes, notes
assert {"g2": "年1回見直し", "k2": "2027年更改"} in notes or {"g2": "年1回見直し"} in notes, notes
assert all(n is None or n for n in notes)
PY
"$MEDSCOPE" report "$O" --format json --fail-on never |
	/usr/bin/python3 -c 'import json,sys; assert not any("notes" in r for r in json.load(sys.stdin)["agreements"])' &&
	ok || fail "no notes key without notes"

# ---- diff and impact on split models -------------------------------------
run "$MEDSCOPE" diff "$O" "$S"
expect_rc 0 "diff one file -> split: no change"
expect_out 'Summary: 0 model change\(s\); 0 scope, 0 ownership, 0 agreement change\(s\); findings: 0 new' "diff: nothing changed"
cp -r examples/20-split "$WORK/split2"
# B and C record their agreement in B's part: both findings are resolved.
sed -i 's|  <!-- B↔C の合意は記録されていない / no B-C agreement recorded -->|  <agreement id="g3" parties="B C" topics="demarcation change-notification" covers="paas iaas" document="B-C.pdf"/>|' \
	"$WORK/split2/parts/vendor-b.xml"
run "$MEDSCOPE" diff "$S" "$WORK/split2/main.xml"
expect_rc 0 "diff split -> split"
expect_out 'Resolved findings \(2\)' "diff: the part's change resolves both findings"
expect_out '^    examples/20-split/parts/vendor-b\.xml:14:3: warning: .*\[missing-supplier-agreement\]' "diff: a resolved finding points into OLD's part"
run "$MEDSCOPE" diff "$WORK/split2/main.xml" "$S"
expect_out "^    examples/20-split/parts/vendor-b\\.xml:14:3: warning: " "diff: a new finding points into NEW's part"
run "$MEDSCOPE" diff "$WORK/split2/main.xml" "$S" --format sarif
/usr/bin/python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
uris = [a["location"]["uri"] for a in run["artifacts"]]
for r in run["results"]:
    al = r["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uris[al["index"]] == al["uri"] and al["uri"].endswith("parts/vendor-b.xml"), (al, uris)
' "$WORK/out" && ok || fail "diff sarif: results in the part's artifact"
diff <("$MEDSCOPE" impact "$S" B | sed 1,2d) <("$MEDSCOPE" impact "$O" B | sed 1,2d) >/dev/null && ok || fail "impact: same on split and one-file models"
cmp -s <("$MEDSCOPE" impact "$S" C --format json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("model", None); print(json.dumps(d, sort_keys=True))') \
	<("$MEDSCOPE" impact "$O" C --format json | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("model", None); print(json.dumps(d, sort_keys=True))') && ok ||
	fail "impact json: same on split and one-file models"

finish
