#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Regenerate docs/diagram.svg, the diagram the README shows: the supply view
# of examples/04-facility-contracts-a-and-b.xml (the facility contracts A
# and B separately, GL 2.2.3 / FAQ 2.1), in Japanese. Never edit the SVG by
# hand: run this after a change to the drawing and look at the result.
#
# Usage: tests/update-diagram.sh [PATH/TO/medscope]
# The program defaults to $MEDSCOPE, else build/src/medscope. Needs the
# Graphviz plugins and a CJK font (Debian: graphviz, fonts-noto-cjk).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
medscope=${1:-${MEDSCOPE:-$root/build/src/medscope}}
case $medscope in /*) ;; *) medscope=$PWD/$medscope ;; esac
[ -x "$medscope" ] || { echo "$0: no program at $medscope (build first, or name it)" >&2; exit 2; }
cd "$root"
# --fail-on never: the example has a warning on purpose; that is not a
# reason to fail here. The file is written atomically, folders created.
"$medscope" graph examples/04-facility-contracts-a-and-b.xml --view supply --lang ja \
	--fail-on never -o docs/diagram.svg
if command -v xmllint >/dev/null; then
	xmllint --noout docs/diagram.svg
fi
echo "wrote docs/diagram.svg"
