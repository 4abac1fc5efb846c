#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Regenerate the golden report files (tests/golden/{sarif,csv,md,html}/,
# listed in tests/cli/report_cases.sh): the only way they change. Prints
# the diff of every changed file first; review it line by line against the
# example's header comment and spec/rules.md before writing.
#
# Usage: tests/update-golden-reports.sh [-y | -n] [PATH/TO/medscope]
#   -y  write without asking      -n  show the diff only
# Without either, it asks on a terminal and only shows the diff otherwise.
# The program defaults to $MEDSCOPE, else build/src/medscope.
set -eu
# shellcheck source=golden-lib.sh
source "$(dirname "$0")/golden-lib.sh"
golden_setup "$@"
# shellcheck source=cli/report_cases.sh
source tests/cli/report_cases.sh

for name in $REPORT_GOLDEN_EXAMPLES; do
	for golden in $(report_golden_files "$name"); do
		mkdir -p "$tmp/$(dirname "$golden")"
		if ! report_golden_make "$medscope" "$golden" "$tmp/$golden"; then
			echo "$0: medscope could not make $golden; nothing written" >&2
			exit 2
		fi
		golden_compare "tests/golden/$golden" "$tmp/$golden"
	done
done
golden_finish "golden report files are up to date" "golden report file(s) to write"
