# SPDX-License-Identifier: Apache-2.0
# Shared by tests/cli/test_*.sh (sourced). Environment from ctest:
# MEDSCOPE (the program), SRC (source tree), WORK (scratch folder).
set -u
: "${MEDSCOPE:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK" && mkdir -p "$WORK"
PASS=0
FAIL=0

# run CMD...: runs it, keeps stdout in $WORK/out, stderr in $WORK/err, status in $RC.
run() {
	"$@" >"$WORK/out" 2>"$WORK/err"
	RC=$?
}

ok() { PASS=$((PASS + 1)); }
fail() {
	FAIL=$((FAIL + 1))
	echo "FAIL: $*"
	echo "  --- stdout"; head -c 2000 "$WORK/out" | sed 's/^/  /'
	echo "  --- stderr"; head -c 2000 "$WORK/err" | sed 's/^/  /'
}

# expect_rc N DESCRIPTION
expect_rc() { [ "$RC" -eq "$1" ] && ok || fail "$2: exit $RC, expected $1"; }
# expect_out REGEX DESCRIPTION / expect_err REGEX DESCRIPTION (grep -E)
expect_out() { grep -Eq -- "$1" "$WORK/out" && ok || fail "$2: stdout lacks /$1/"; }
expect_err() { grep -Eq -- "$1" "$WORK/err" && ok || fail "$2: stderr lacks /$1/"; }
expect_no_out() { grep -Eq -- "$1" "$WORK/out" && fail "$2: stdout has /$1/" || ok; }

# True when the program was built with AddressSanitizer (MEDSCOPE_SANITIZE).
sanitized() { ldd "$MEDSCOPE" 2>/dev/null | grep -q libasan; }

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
	exit $?
}
