#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Encodings (model.md "What a loader must refuse", issue 16 item 4): a model
# that is not UTF-8 is refused, never converted silently, and the message
# gives the exact command that converts it and fixes its declaration. Each
# case runs the printed command and checks that the result then loads with
# the same findings as the UTF-8 original.
source "$SRC/tests/cli/lib.sh"
command -v iconv >/dev/null || { echo "iconv missing: skipped"; exit 0; }
cd "$WORK" || exit 2

# The UTF-8 original: Japanese names in attributes and in a risk text.
# (without its one character Shift_JIS and EUC-JP lack: ↔)
sed -e '1s/.*/<?xml version="1.0" encoding="UTF-8"?>/' -e 's/↔/-/g' "$SRC/examples/15-risk-acceptance.xml" >orig.xml
for e in SHIFT_JIS EUC-JP; do iconv -f UTF-8 -t $e orig.xml >/dev/null && ok || fail "orig.xml is not all $e"; done
"$MEDSCOPE" check --lang en orig.xml >orig.check 2>&1
orig_rc=$?
grep -q 'みなと\|病院' orig.xml && ok || fail "the original holds Japanese text"

# The command the diagnostic names (after "with: "), run in $WORK.
run_hint() { # name
	local cmd
	cmd=$(sed -n 's/.*with: \(.*\)$/\1/p' "$WORK/err" | sed 's/ (the declaration, if any, must then say UTF-8)$//' | head -n 1)
	[ -n "$cmd" ] && ok || { fail "$1: no command in '$(head -n 1 "$WORK/err")'"; return; }
	bash -c "$cmd" && ok || fail "$1: the printed command failed: $cmd"
}
# $2 (converted) loads, with the original's findings and exit status.
same_as_orig() { # name converted-file
	"$MEDSCOPE" check --lang en "$2" >conv.check 2>&1
	[ $? = "$orig_rc" ] && ok || fail "$1: converted file exits differently: $(head -n 2 conv.check)"
	sed "s|^$2:|orig.xml:|" conv.check | sed "s|$2|orig.xml|g" | cmp -s - orig.check && ok || fail "$1: converted file's findings differ"
}

for enc in Shift_JIS EUC-JP; do
	iconv_name=$enc; [ $enc = Shift_JIS ] && iconv_name=SHIFT_JIS
	# Declared: refused at 1:1, the hint converts and fixes the declaration.
	sed "1s/UTF-8/$enc/" orig.xml | iconv -f UTF-8 -t "$iconv_name" >"decl-$enc.xml"
	run "$MEDSCOPE" validate --lang en "decl-$enc.xml"
	expect_rc 2 "$enc declared: refused"
	expect_err "^decl-$enc.xml:1:1: error: the file declares encoding \"$enc\"; medscope reads UTF-8 only and does not convert on its own" "$enc declared: message"
	expect_err "iconv -f $iconv_name -t UTF-8 'decl-$enc.xml' \| sed '1s/$enc/UTF-8/' > 'decl-$enc.utf8.xml'" "$enc declared: exact command"
	run_hint "$enc declared"
	head -n 1 "decl-$enc.utf8.xml" | grep -q 'encoding="UTF-8"' && ok || fail "$enc declared: declaration fixed"
	same_as_orig "$enc declared" "decl-$enc.utf8.xml"
	# Japanese too.
	run "$MEDSCOPE" validate --lang ja "decl-$enc.xml"
	expect_err "エンコーディング \"$enc\" が宣言されています。.*iconv -f $iconv_name -t UTF-8" "$enc declared: Japanese message"

	# Saved in $enc but declared UTF-8 (a Windows editor's habit): the byte
	# offset of the first bad byte, and the conversion alone.
	iconv -f UTF-8 -t "$iconv_name" orig.xml >"mislabelled-$enc.xml"
	off=$(LC_ALL=C grep -obaP '[\x80-\xff]' "mislabelled-$enc.xml" | head -n 1 | cut -d: -f1)
	run "$MEDSCOPE" validate --lang en "mislabelled-$enc.xml"
	expect_rc 2 "$enc mislabelled: refused"
	expect_err "^mislabelled-$enc.xml:[0-9]+:[0-9]+: error: byte 0x[0-9A-F]{2} at offset $off is not UTF-8: the file is probably $enc\." "$enc mislabelled: offset $off and the guess"
	expect_err "iconv -f $iconv_name -t UTF-8 'mislabelled-$enc.xml' > 'mislabelled-$enc.utf8.xml'" "$enc mislabelled: exact command"
	run_hint "$enc mislabelled"
	same_as_orig "$enc mislabelled" "mislabelled-$enc.utf8.xml"
done

# UTF-16 with a byte order mark: converted and the declaration fixed.
sed '1s/UTF-8/UTF-16/' orig.xml | iconv -f UTF-8 -t UTF-16 >u16.xml
run "$MEDSCOPE" validate --lang en u16.xml
expect_rc 2 "UTF-16: refused"
expect_err "^u16.xml:1:1: error: the file is UTF-16; .*iconv -f UTF-16 -t UTF-8 'u16.xml' \| sed " "UTF-16: message"
run_hint "UTF-16"
head -n 1 u16.utf8.xml | grep -q 'encoding="UTF-8"' && ok || fail "UTF-16: declaration fixed"
same_as_orig "UTF-16" u16.utf8.xml
# UTF-16LE without a byte order mark.
sed '1s/UTF-8/UTF-16/' orig.xml | iconv -f UTF-8 -t UTF-16LE >u16le.xml
run "$MEDSCOPE" validate --lang en u16le.xml
expect_err "iconv -f UTF-16LE -t UTF-8 'u16le.xml'" "UTF-16LE: named"
run_hint "UTF-16LE"
same_as_orig "UTF-16LE" u16le.utf8.xml

# Declared UTF-16, bytes UTF-8: only the declaration is fixed.
cp "$SRC/tests/bad/12-utf16-declared-on-utf8.xml" labelled.xml
run "$MEDSCOPE" validate --lang en labelled.xml
expect_err "^labelled.xml:1:[0-9]+: error: the declaration says UTF-16 but the bytes are UTF-8; make it say UTF-8 with: sed " "UTF-16 label on UTF-8: message"
run_hint "UTF-16 label"
run "$MEDSCOPE" validate labelled.utf8.xml
expect_rc 0 "UTF-16 label: fixed file validates"

# Standard input: the hint is a filter to put before medscope.
run "$MEDSCOPE" validate --lang en - <mislabelled-Shift_JIS.xml
expect_err "^<stdin>:[0-9]+:[0-9]+: error: byte .*convert it with: iconv -f SHIFT_JIS -t UTF-8 \(" "stdin: a filter"
iconv -f SHIFT_JIS -t UTF-8 <mislabelled-Shift_JIS.xml | "$MEDSCOPE" validate - >/dev/null 2>&1 && ok || fail "stdin: the filter works"

# Never converted silently: nothing written beside the input by medscope.
ls ./*.utf8.xml | wc -l | grep -qx 7 && ok || fail "only the printed commands wrote files"
finish
