#!/bin/bash
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
mode=ask
while getopts yn opt; do
	case $opt in
	y) mode=write ;;
	n) mode=diff ;;
	*) echo "usage: $0 [-y | -n] [PATH/TO/medscope]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
root=$(cd "$(dirname "$0")/.." && pwd)
medscope=${1:-${MEDSCOPE:-$root/build/src/medscope}}
case $medscope in /*) ;; *) medscope=$PWD/$medscope ;; esac
[ -x "$medscope" ] || { echo "$0: no program at $medscope (build first, or name it)" >&2; exit 2; }
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The golden files this script owns: NAME-VIEW for every (example, view).
cases=()
for model in examples/*.xml; do
	name=$(basename "$model" .xml)
	cases+=("$name supply")
	case " $VIEW_EXAMPLES " in
	*" $name "*) cases+=("$name contracts" "$name responsibility") ;;
	esac
done

changed=()
for c in "${cases[@]}"; do
	set -- $c
	name=$1 view=$2
	golden=tests/golden/dot/$name-$view.dot
	# Same command as tests/cli/test_graph.sh.
	if ! "$medscope" graph "examples/$name.xml" --view "$view" --lang ja --fail-on never \
		-T dot -o "$tmp/$name-$view.dot"; then
		echo "$0: medscope could not draw examples/$name.xml ($view); nothing written" >&2
		exit 2
	fi
	if [ -f "$golden" ] && cmp -s "$golden" "$tmp/$name-$view.dot"; then
		continue
	fi
	old=$golden
	[ -f "$golden" ] || old=/dev/null
	diff -u --label "a/$golden" --label "b/$golden" "$old" "$tmp/$name-$view.dot" || true
	changed+=("$name-$view")
done
stale=()
for golden in tests/golden/dot/*.dot; do
	[ -e "$golden" ] || continue
	base=$(basename "$golden" .dot)
	[ -f "$tmp/$base.dot" ] || { echo "stale: $golden"; stale+=("$golden"); }
done

if [ "${#changed[@]}" -eq 0 ] && [ "${#stale[@]}" -eq 0 ]; then
	echo "golden DOT files are up to date"
	exit 0
fi
echo "${#changed[@]} golden file(s) to write, ${#stale[@]} stale file(s) to remove"
if [ "$mode" = ask ]; then
	if [ -t 0 ]; then
		read -r -p "Reviewed the diff above? Write the files [y/N] " answer
		[ "$answer" = y ] || [ "$answer" = Y ] || { echo "nothing written"; exit 1; }
	else
		mode=diff
	fi
fi
if [ "$mode" = diff ]; then
	echo "nothing written (run with -y to write)"
	exit 1
fi
mkdir -p tests/golden/dot
for base in "${changed[@]}"; do
	cp "$tmp/$base.dot" "tests/golden/dot/$base.dot"
	echo "wrote tests/golden/dot/$base.dot"
done
for golden in "${stale[@]}"; do
	rm -- "$golden"
	echo "removed $golden"
done
