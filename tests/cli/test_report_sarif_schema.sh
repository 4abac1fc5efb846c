#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# `medscope report --format sarif` of every example, in both languages,
# validated against the official SARIF 2.1.0 JSON schema
# (tests/sarif/sarif-schema-2.1.0.json) with ajv (tests/sarif/validate.js;
# `npm ci` in tests/sarif installs it). Without node or ajv the test is
# skipped on a developer's machine and FAILS under CI=true, where
# tests/run-all.sh installs both.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

missing=
command -v node >/dev/null || missing="node is not installed (apt-get install nodejs npm)"
[ -n "$missing" ] || [ -d tests/sarif/node_modules/ajv-draft-04 ] \
	|| missing="ajv is not installed (run 'npm ci' in tests/sarif)"
if [ -n "$missing" ]; then
	if [ "${CI:-}" = true ]; then
		run true # (empty out/err for fail to show)
		fail "$missing"
		finish
	fi
	echo "SKIP: $missing"
	exit 0
fi

shopt -s nullglob
files=()
# The split example too: one artifact per file, results in the parts.
for model in examples/*.xml examples/change/*.xml examples/20-split/main.xml; do
	name=$(basename "$model" .xml)
	for lang in en ja; do
		out=$WORK/$name.$lang.sarif
		run "$MEDSCOPE" report "$model" --format sarif --lang "$lang" --fail-on never -o "$out"
		expect_rc 0 "report $model --format sarif --lang $lang"
		files+=("$out")
	done
done
[ "${#files[@]}" -ge 32 ] && ok || fail "expected SARIF of every example, have ${#files[@]}"
run node tests/sarif/validate.js "${files[@]}"
expect_rc 0 "every SARIF log validates against the 2.1.0 schema"

# The validator can fail: a level the schema does not know, and a region
# starting at line 0, are rejected.
sed -e 's/"level": "error"/"level": "fatal"/' "$WORK/02-vendor-selects-iaas.en.sarif" >"$WORK/bad-level.sarif"
run node tests/sarif/validate.js "$WORK/bad-level.sarif"
expect_rc 1 "a result with level fatal is invalid"
expect_out "allowed values" "the schema error is reported"
sed -e 's/"startLine": [0-9]*/"startLine": 0/' "$WORK/02-vendor-selects-iaas.en.sarif" >"$WORK/bad-line.sarif"
run node tests/sarif/validate.js "$WORK/bad-line.sarif"
expect_rc 1 "a region at line 0 is invalid"
finish
