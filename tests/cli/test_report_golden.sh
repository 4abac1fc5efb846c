#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# `medscope report` as SARIF, CSV (each table), Markdown and HTML for two
# examples, byte for byte against tests/golden/{sarif,csv,md,html}/. The
# golden files were reviewed by hand against each example's header comment
# and rules.md; tests/update-golden-reports.sh is the only way to
# regenerate them.
source "$SRC/tests/cli/lib.sh"
source "$SRC/tests/cli/report_cases.sh"
cd "$SRC" || exit 1

for name in $REPORT_GOLDEN_EXAMPLES; do
	for golden in $(report_golden_files "$name"); do
		if [ ! -f "tests/golden/$golden" ]; then
			fail "no golden file tests/golden/$golden (tests/update-golden-reports.sh writes it)"
			continue
		fi
		if ! report_golden_make "$MEDSCOPE" "$golden" "$WORK/out" 2>"$WORK/err"; then
			fail "medscope failed making $golden"
			continue
		fi
		if cmp -s "tests/golden/$golden" "$WORK/out"; then
			ok
		else
			fail "output differs from tests/golden/$golden"
			diff -u "tests/golden/$golden" "$WORK/out" | head -60 | sed 's/^/    /'
		fi
	done
done
# No stale golden report file.
for f in tests/golden/sarif/* tests/golden/csv/* tests/golden/md/* tests/golden/html/*; do
	[ -e "$f" ] || continue
	base=$(basename "$f")
	[ -f "examples/${base%%.*}.xml" ] && ok || fail "stale golden file $f"
done
finish
