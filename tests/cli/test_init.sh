#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# medscope init: a starter model that validates and checks clean in both
# languages, bound to the schema; never overwrites a file.
source "$SRC/tests/cli/lib.sh"

for lang in ja en; do
	run "$MEDSCOPE" init --lang "$lang" -o "$WORK/x-$lang.xml"
	expect_rc 0 "init --lang $lang -o"
	run "$MEDSCOPE" check "$WORK/x-$lang.xml"
	expect_rc 0 "check of the $lang starter"
	expect_err '^0 errors, 0 warnings, 0 notes in 1 model' "the $lang starter has no finding"
	run "$MEDSCOPE" check --fail-on note --as-of 2027-06-01 "$WORK/x-$lang.xml"
	expect_rc 0 "the $lang starter is clean under --fail-on note half a year on"
	grep -q 'xsi:schemaLocation="urn:medscope:deployment:1 file://' "$WORK/x-$lang.xml" && ok || fail "$lang: bound to the schema"
	# The exception (issue 16 item 3) applies: one finding suppressed, none left.
	run "$MEDSCOPE" check --lang en --show-suppressed "$WORK/x-$lang.xml"
	expect_rc 0 "the $lang starter with --show-suppressed"
	expect_out 'missing-change-notification' "the $lang starter's exception suppresses missing-change-notification"
	expect_err '1 suppressed' "the $lang summary counts it"
	for el in facility vendor certification system runs-on contract agreement risk exception; do
		grep -q "<$el " "$WORK/x-$lang.xml" && ok || fail "$lang starter has <$el>"
	done
	if command -v xmllint >/dev/null; then
		xmllint --noout --nonet --schema "$SRC/models/deployment.xsd" "$WORK/x-$lang.xml" 2>"$WORK/err" && ok || fail "xmllint --schema refuses the $lang starter"
	fi
done
grep -q 'みなと病院' "$WORK/x-ja.xml" && ok || fail "ja starter is Japanese"
grep -q 'Minato Hospital' "$WORK/x-en.xml" && ok || fail "en starter is English"

# Standard output without -o; --as-of fills in the dates.
run "$MEDSCOPE" init --lang en --as-of 2027-01-05
expect_rc 0 "init to standard output"
expect_out 'as-of="2027-01-05"' "--as-of fills in the model date"
expect_out 'reviewed="2027-01-05"' "--as-of fills in the review date"
expect_no_out '@TODAY@|@NEXT_YEAR@|@MEDSCOPE_XSD_URI@' "no placeholder left"
expect_out 'until="2028-01-05"' "--as-of fills in the exception's until, a year on"
run "$MEDSCOPE" init --lang en --as-of 2028-02-29
expect_out 'until="2029-02-28"' "a year after 29 February"

# Never overwrite: an existing file, a symbolic link (even dangling).
echo keep >"$WORK/exists.xml"
run "$MEDSCOPE" init --lang en -o "$WORK/exists.xml"
expect_rc 2 "existing file refused"
expect_err "exists; init does not overwrite it" "the refusal says why"
[ "$(cat "$WORK/exists.xml")" = keep ] && ok || fail "existing file kept"
ln -s "$WORK/nowhere.xml" "$WORK/link.xml"
run "$MEDSCOPE" init --lang ja -o "$WORK/link.xml"
expect_rc 2 "dangling symbolic link refused"
expect_err "既に存在します" "Japanese refusal"
[ ! -e "$WORK/nowhere.xml" ] && ok || fail "the link's target was created"

# Usage errors.
run "$MEDSCOPE" init --as-of 2026-02-30
expect_rc 2 "impossible --as-of"
run "$MEDSCOPE" init model.xml
expect_rc 2 "an operand"
run "$MEDSCOPE" init --help
expect_rc 0 "--help"
expect_out 'medscope init \[-o FILE\]' "help names the options"
run "$MEDSCOPE" --help
expect_out '^  init ' "init is in the command list"

finish
