#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Terminal conventions (issue 17): severity colour at a terminal only, off
# with NO_COLOR or --color=never, forced with --color=always; the bash and
# zsh completions complete exactly the options each command's --help lists.
source "$SRC/tests/cli/lib.sh"
ex="$SRC/examples/04-facility-contracts-a-and-b.xml"   # one warning
esc=$'\033'

# Not a terminal (ctest's pipe): no escape sequence, whatever TERM says.
run env TERM=xterm "$MEDSCOPE" check --fail-on never "$ex"
expect_rc 0 "check to a pipe"
expect_out ': warning: ' "the fixed format to a pipe"
grep -q "$esc" "$WORK/out" "$WORK/err" && fail "no colour to a pipe" || ok

# --color=always: the severity word coloured, the rest of the line as before.
run "$MEDSCOPE" check --color=always --fail-on never "$ex"
grep -q ": ${esc}\[1;35mwarning${esc}\[0m: " "$WORK/out" && ok || fail "--color=always colours the warning"
sed "s/${esc}\[[0-9;]*m//g" "$WORK/out" >"$WORK/plain"
"$MEDSCOPE" check --color=never --fail-on never "$ex" >"$WORK/never" 2>/dev/null
cmp -s "$WORK/plain" "$WORK/never" && ok || fail "colour only adds SGR sequences"
grep -q "$esc" "$WORK/never" && fail "--color=never has no colour" || ok
# A command-line choice wins over NO_COLOR (no-color.org).
run env NO_COLOR=1 "$MEDSCOPE" check --color=always --fail-on never "$ex"
grep -q "$esc" "$WORK/out" && ok || fail "--color=always over NO_COLOR"
# Diagnostics on standard error are coloured the same way.
printf '<deployment xmlns="urn:medscope:deployment:1"><facility/></deployment>' >"$WORK/bad.xml"
run "$MEDSCOPE" validate --color=always "$WORK/bad.xml"
expect_rc 2 "invalid model"
grep -q "${esc}\[1;31merror${esc}\[0m: " "$WORK/err" && ok || fail "a diagnostic's severity coloured on stderr"
run "$MEDSCOPE" check --color=sometimes "$ex"
expect_rc 2 "bad --color value"
expect_err "--color takes auto, always or never, not 'sometimes'" "the refusal names the values"

# At a real terminal (script(1) gives one): coloured by default; not with
# NO_COLOR, TERM=dumb or --color=never.
if command -v script >/dev/null; then
	tty_run() { script -qec "$*" /dev/null </dev/null >"$WORK/tty" 2>&1; }
	tty_run env TERM=xterm "$MEDSCOPE" check --fail-on never "$ex"
	grep -q "${esc}\[1;35mwarning" "$WORK/tty" && ok || fail "colour by default at a terminal"
	tty_run env TERM=xterm NO_COLOR=1 "$MEDSCOPE" check --fail-on never "$ex"
	grep -q "${esc}\[1;35m" "$WORK/tty" && fail "NO_COLOR turns colour off" || ok
	tty_run env TERM=dumb "$MEDSCOPE" check --fail-on never "$ex"
	grep -q "${esc}\[1;35m" "$WORK/tty" && fail "TERM=dumb has no colour" || ok
	tty_run env TERM=xterm "$MEDSCOPE" check --color=never --fail-on never "$ex"
	grep -q "${esc}\[1;35m" "$WORK/tty" && fail "--color=never at a terminal" || ok
fi

# Completion: the options of every command, both shells.
python3 "$SRC/tests/cli/completion_check.py" "$MEDSCOPE" "$SRC/src/cli/completion/medscope.bash" \
	"$SRC/src/cli/completion/_medscope" >"$WORK/out" 2>"$WORK/err" && ok || fail "completions match --help"
if command -v zsh >/dev/null; then
	zsh -n "$SRC/src/cli/completion/_medscope" 2>"$WORK/err" && ok || fail "zsh parses _medscope"
fi
bash -n "$SRC/src/cli/completion/medscope.bash" && ok || fail "bash parses medscope.bash"
finish
