#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Hostile names (issue 13 item 5, SECURITY.md "escaping"): a file name with
# a newline, an escape and a byte that is not UTF-8 is shown escaped in
# every diagnostic and text output (it cannot forge a FILE:LINE:COL line),
# and carried into JSON and SARIF as a valid document (the exact bytes in
# SARIF's percent-encoded URI); C1 controls and bidirectional controls in
# model names are neutralised in terminal tables, CSV, Markdown and HTML
# cells as diagram labels have them; Graphviz's warnings are dropped by -q.
source "$SRC/tests/cli/lib.sh"

F="$WORK/"$'bad\xff\n1:1: error: forged\e[31m.xml'
cp "$SRC/examples/03-chain-a-b-c.xml" "$F"
SHOWN='bad\\xff\\n1:1: error: forged\\x1b\[31m\.xml'
json_ok() { python3 -c "import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))" "$WORK/out"; }
lines_ok() { # every output line starts with the escaped name, or is the summary
	! grep -avE "^$WORK/$SHOWN:[0-9]+:[0-9]+: |^[0-9]+ errors|^$" "$WORK/$1" >/dev/null
}

run "$MEDSCOPE" check "$F"
expect_rc 0 "check a strangely named model"
lines_ok out && ok || fail "check: a line not starting with the escaped name"
expect_out "^$WORK/$SHOWN:52:5: warning: " "check: escaped name"
printf '<x' >"$F.broken"
run "$MEDSCOPE" check "$F.broken"
expect_rc 2 "check a broken, strangely named model"
[ "$(wc -l <"$WORK/err")" -eq 2 ] && ok || fail "diagnostic split over lines"
expect_err "^$WORK/$SHOWN\.broken:1:1: error: " "diagnostic: escaped name"
run "$MEDSCOPE" report "$F.broken" --format json -o "$WORK/r.json"
expect_err "^$WORK/$SHOWN\.broken:1:1: error: " "report: escaped name"
run "$MEDSCOPE" diff "$F" "$F"
expect_rc 0 "diff"
expect_out "old: $WORK/$SHOWN " "diff text: escaped name"
run "$MEDSCOPE" impact "$F" A
expect_out "in $WORK/$SHOWN, as of" "impact text: escaped name"
for cmd in "report --format json" "report --format sarif" "diff --format json" "diff --format sarif" "impact --format json"; do
	set -- $cmd
	sub=$1
	shift
	case $sub in
	report) run "$MEDSCOPE" report "$F" "$@" ;;
	diff) run "$MEDSCOPE" diff "$F" "$F" "$@" ;;
	impact) run "$MEDSCOPE" impact "$F" A "$@" ;;
	esac
	[ "$RC" -le 1 ] && ok || fail "$cmd: exit $RC"
	json_ok && ok || fail "$cmd: not a JSON document"
	expect_no_out "out of memory" "$cmd"
done
run "$MEDSCOPE" report "$F" --format json
expect_out '"file": ".*bad\\\\xff\\\\n1:1: error: forged\\\\x1b\[31m\.xml"' "JSON: the escaped name"
run "$MEDSCOPE" report "$F" --format sarif
expect_out 'bad%FF%0A1%3A1%3A%20error%3A%20forged%1B%5B31m\.xml' "SARIF: percent-encoded URI"

# ---- C1 and bidirectional controls in cells ----
C="$WORK/c1.xml"
sed 's/name="A社 (クラウド電子カルテ)"/name="A\&#x85;x\&#x9B;31m\&#x9D;y\&#x202E;evil\&#x2066;z"/' \
	"$SRC/examples/03-chain-a-b-c.xml" >"$C"
raw() { # code points in U+0080-U+009F, U+202A-U+202E, U+2066-U+2069 in $WORK/out
	python3 -c "
import sys
t = open(sys.argv[1], encoding='utf-8-sig').read()
print(sum(1 for c in t if 0x80 <= ord(c) <= 0x9f or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069))" "$WORK/out"
}
for cmd in "scope" "owners" "report --format csv --table scope" "report --format csv" \
	"report --format md" "report --format html" "check" "impact-A"; do
	if [ "$cmd" = impact-A ]; then
		run "$MEDSCOPE" impact "$C" A
	else
		run "$MEDSCOPE" $cmd "$C"
	fi
	[ "$RC" -le 1 ] && ok || fail "$cmd: exit $RC"
	[ "$(raw)" -eq 0 ] && ok || fail "$cmd: $(raw) raw C1/bidi controls"
done
run "$MEDSCOPE" scope "$C"
expect_out 'A x 31m y\[U\+202E\]evil\[U\+2066\]z' "scope: neutralised as in diagram labels"
run "$MEDSCOPE" report "$C" --format html
expect_out 'y\[U\+202E\]evil' "html: neutralised"

# ---- positions: columns in characters across the loader's 64 KiB reads; CR
# alone and CR LF are line breaks ----
python3 - "$WORK" <<'EOF'
import sys
w = sys.argv[1]
head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<deployment xmlns="urn:medscope:deployment:1" name="x" as-of="2026-11-01">\n')
# 30,000 three-byte characters: the bad attribute lies past the first read
line = ('  <facility id="H" name="H" type="hospital"/><vendor id="A" name="%s"/>'
        '<vendor id="B" name="b" bogus="1"/>\n' % ("あ" * 30000))
doc = head + line + '</deployment>\n'
for name, text in (("lf", doc), ("cr", doc.replace("\n", "\r")), ("crlf", doc.replace("\n", "\r\n"))):
    open("%s/long-%s.xml" % (w, name), "w", encoding="utf-8", newline="").write(text)
EOF
for nl in lf cr crlf; do
	run "$MEDSCOPE" validate "$WORK/long-$nl.xml"
	expect_rc 2 "long line ($nl)"
	expect_err "^$WORK/long-$nl.xml:3:30070: error: <vendor>: unknown attribute 'bogus'" "long line ($nl): line 3, column 30070 in characters"
done

# ---- the loader stops reading after a fatal error ----
start=$(date +%s%N)
run "$MEDSCOPE" validate /dev/zero
ms=$((($(date +%s%N) - start) / 1000000))
expect_rc 2 "/dev/zero"
expect_err '^/dev/zero:1:1: error: not well-formed XML' "/dev/zero: message"
grep -q "larger than the limit" "$WORK/err" && fail "/dev/zero: read on to --max-input" || ok
[ "$ms" -lt 2000 ] && ok || fail "/dev/zero: took $ms ms"

# ---- Graphviz's warnings: diagnostics, dropped by -q ----
# A png larger than cairo's limit makes Graphviz scale it down and say so.
run "$MEDSCOPE" graph "$SRC/examples/03-chain-a-b-c.xml" -q -o "$WORK/g.svg"
expect_rc 0 "graph -q"
[ ! -s "$WORK/err" ] && ok || fail "graph -q: stderr not empty"
finish
