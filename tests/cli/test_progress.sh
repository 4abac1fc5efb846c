#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Progress on a terminal (issue 18 point 4): a large model on a terminal
# shows "reading N%", then each phase, all erased before the summary; -q,
# CI=..., or stderr not a terminal show none, and stdout stays the same.
# The terminal is script(1)'s pseudo-terminal; skipped without script.
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 0; }
gcc -O2 -o "$WORK/gen" "$SRC/tests/gen/gen_national.c" || { echo "FAIL: gen"; exit 1; }
"$WORK/gen" --scale 0.02 --shape dense -o "$WORK/m.xml" # ~1.8 MB: below the threshold
"$WORK/gen" --scale 0.04 --shape dense -o "$WORK/big.xml" # ~3.6 MB
# tty CMD: CMD on a pseudo-terminal (stdout too, unless CMD redirects it);
# what the terminal got goes to $WORK/err.
tty() {
	env -u CI script -qec "$*" /dev/null >"$WORK/err" 2>&1
	RC=$?
}

tty "'$MEDSCOPE' check --fail-on never '$WORK/big.xml' >'$WORK/out'"
expect_rc 0 "check on a terminal"
expect_err $'reading +[0-9]+%' "check: reading progress"
expect_err 'analysing\.\.\.' "check: analysing phase"
expect_err 'writing\.\.\.' "check: writing phase (stdout is a file)"
# The summary starts on an erased line, never after a phase's text.
expect_err $'\r\033\\[K[0-9]+ errors' "check: progress erased before the summary"
cp "$WORK/out" "$WORK/check.tty"
run "$MEDSCOPE" check --fail-on never "$WORK/big.xml"
cmp -s "$WORK/out" "$WORK/check.tty" && ok || fail "check: stdout differs with progress"
[ ! -s "$WORK/err" ] || grep -q 'reading\|analysing' "$WORK/err" && fail "no progress off a terminal" || ok

tty "'$MEDSCOPE' check -q --fail-on never '$WORK/big.xml' >'$WORK/out'"
grep -q 'reading\|analysing\|writing' "$WORK/err" && fail "-q: no progress" || ok
tty "CI=true '$MEDSCOPE' check --fail-on never '$WORK/big.xml' >'$WORK/out'"
grep -q 'reading\|analysing\|writing' "$WORK/err" && fail "CI: no progress" || ok
tty "'$MEDSCOPE' check --fail-on never '$WORK/m.xml' >'$WORK/out'"
grep -q 'reading\|analysing\|writing' "$WORK/err" && fail "small model: no progress" || ok

tty "'$MEDSCOPE' report --fail-on never --format json -o '$WORK/r.json' '$WORK/big.xml'"
expect_rc 0 "report on a terminal"
expect_err 'writing\.\.\.' "report: writing phase"
expect_err $'\033\\[K$' "report: the line erased at the end"
tty "'$MEDSCOPE' diff --fail-on never '$WORK/big.xml' '$WORK/big.xml' >'$WORK/out'"
expect_rc 0 "diff on a terminal"
expect_err 'both models\.\.\.' "diff: loading phase"
expect_err 'comparing\.\.\.' "diff: comparing phase"
finish
