#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Regenerate tests/golden/json/*.json from examples/*.xml: the only way the
# golden files change. Prints the diff of every changed file first; review
# it line by line against the example's header comment and spec/rules.md
# before writing.
#
# Usage: tests/update-golden.sh [-y | -n] [PATH/TO/medscope]
#   -y  write without asking      -n  show the diff only
# Without either, it asks on a terminal and only shows the diff otherwise.
# The program defaults to $MEDSCOPE, else build/src/medscope.
set -eu
# shellcheck source=golden-lib.sh
source "$(dirname "$0")/golden-lib.sh"
golden_setup "$@"

for model in examples/*.xml; do
	name=$(basename "$model" .xml)
	# Same command as tests/cli/test_golden.sh.
	if ! "$medscope" report "$model" --format json --lang en --fail-on never >"$tmp/$name.json"; then
		echo "$0: medscope could not report $model; nothing written" >&2
		exit 2
	fi
	golden_compare "tests/golden/json/$name.json" "$tmp/$name.json"
done
for golden in tests/golden/json/*.json; do
	[ -e "$golden" ] || continue
	name=$(basename "$golden" .json)
	[ -f "examples/$name.xml" ] || golden_stale "$golden" "no examples/$name.xml"
done
golden_finish "golden files are up to date" "golden file(s) to write" stale
