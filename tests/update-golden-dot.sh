#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Regenerate tests/golden/dot/<example>-<view>.dot from examples/*.xml: the
# only way these golden files change. The supply view of every example,
# and the contracts and responsibility views of the examples listed in
# tests/cli/test_graph.sh (VIEW_EXAMPLES below, kept the same). Prints the
# diff of every changed file first; review it against the example's header
# comment and spec/rules.md (scope marks, "RM:" owners, "要考慮" lines,
# missing-agreement edges) before writing.
#
# Usage: tests/update-golden-dot.sh [-y | -n] [PATH/TO/medscope]
#   -y  write without asking      -n  show the diff only
# Without either, it asks on a terminal and only shows the diff otherwise.
# The program defaults to $MEDSCOPE, else build/src/medscope.
set -eu
VIEW_EXAMPLES="02-vendor-selects-iaas 04-facility-contracts-a-and-b 06-unknown-infrastructure 11-regional-network"
# shellcheck source=golden-lib.sh
source "$(dirname "$0")/golden-lib.sh"
golden_setup "$@"

# The golden files this script owns: NAME-VIEW for every (example, view).
cases=()
for model in examples/*.xml; do
	name=$(basename "$model" .xml)
	cases+=("$name supply")
	case " $VIEW_EXAMPLES " in
	*" $name "*) cases+=("$name contracts" "$name responsibility") ;;
	esac
done

for c in "${cases[@]}"; do
	set -- $c
	name=$1 view=$2
	# Same command as tests/cli/test_graph.sh.
	if ! "$medscope" graph "examples/$name.xml" --view "$view" --lang ja --fail-on never \
		-T dot -o "$tmp/$name-$view.dot"; then
		echo "$0: medscope could not draw examples/$name.xml ($view); nothing written" >&2
		exit 2
	fi
	golden_compare "tests/golden/dot/$name-$view.dot" "$tmp/$name-$view.dot"
done
for golden in tests/golden/dot/*.dot; do
	[ -e "$golden" ] || continue
	[ -f "$tmp/$(basename "$golden")" ] || golden_stale "$golden"
done
golden_finish "golden DOT files are up to date" "golden file(s) to write" stale
