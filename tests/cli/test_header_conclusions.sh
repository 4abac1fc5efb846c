#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 12 "Done when": every example's and regression model's header
# comment states findings that `check` gives (header_conclusions.py reads
# the Japanese 指摘 bullet and the English "Findings:" sentence), and the
# JSON and SARIF reports of each are byte-identical from run to run.
source "$SRC/tests/cli/lib.sh"

command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
models=("$SRC"/examples/*.xml "$SRC"/examples/change/*.xml "$SRC"/tests/fidelity/*.xml)
run python3 "$SRC/tests/cli/header_conclusions.py" "$MEDSCOPE" "${models[@]}"
expect_rc 0 "every header's findings match check (${#models[@]} models)"

# Every example states its findings in Japanese (指摘), not only in English.
for model in "$SRC"/examples/*.xml "$SRC"/examples/change/*.xml; do
	grep -q -- '- 指摘' "$model" && ok || fail "$(basename "$model") has no 指摘 bullet"
done

# The reader can fail: a header that says two errors where check gives one,
# one that names a code check does not raise, and an English sentence that
# says none.
sed 's/指摘: error 1 件/指摘: error 2 件/' "$SRC/examples/02-vendor-selects-iaas.xml" >"$WORK/02-count.xml"
sed 's/missing-subcontract-approval (H, A; iaas)/missing-supplier-agreement (H, A; iaas)/' \
	"$SRC/examples/02-vendor-selects-iaas.xml" >"$WORK/02-code.xml"
sed 's/Findings: exactly one error, missing-subcontract-approval./Findings: none./' \
	"$SRC/examples/02-vendor-selects-iaas.xml" >"$WORK/02-en.xml"
for bad in count:'指摘 says' code:'指摘 names' en:'Findings says'; do
	run python3 "$SRC/tests/cli/header_conclusions.py" "$MEDSCOPE" "$WORK/02-${bad%%:*}.xml"
	expect_rc 1 "a wrong header (${bad%%:*}) fails"
	expect_out "${bad#*:}" "and says why (${bad%%:*})"
done

# Byte-identical output run to run (the hash key differs per process).
for model in "${models[@]}"; do
	for fmt in json sarif; do
		"$MEDSCOPE" report "$model" --format $fmt --lang ja --fail-on never >"$WORK/r1" 2>/dev/null
		"$MEDSCOPE" report "$model" --format $fmt --lang ja --fail-on never >"$WORK/r2" 2>/dev/null
		cmp -s "$WORK/r1" "$WORK/r2" && ok || fail "$(basename "$model") $fmt differs between two runs"
	done
	"$MEDSCOPE" owners "$model" --format json --lang en >"$WORK/o1" 2>/dev/null
	"$MEDSCOPE" owners "$model" --format json --lang en >"$WORK/o2" 2>/dev/null
	cmp -s "$WORK/o1" "$WORK/o2" && ok || fail "$(basename "$model") owners json differs between two runs"
done
finish
