#!/bin/bash
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

changed=()
for model in examples/*.xml; do
	name=$(basename "$model" .xml)
	golden=tests/golden/json/$name.json
	# Same command as tests/cli/test_golden.sh.
	if ! "$medscope" report "$model" --format json --lang en --fail-on never >"$tmp/$name.json"; then
		echo "$0: medscope could not report $model; nothing written" >&2
		exit 2
	fi
	if [ -f "$golden" ] && cmp -s "$golden" "$tmp/$name.json"; then
		continue
	fi
	old=$golden
	[ -f "$golden" ] || old=/dev/null
	diff -u --label "a/$golden" --label "b/$golden" "$old" "$tmp/$name.json" || true
	changed+=("$name")
done
stale=()
for golden in tests/golden/json/*.json; do
	[ -e "$golden" ] || continue
	name=$(basename "$golden" .json)
	[ -f "examples/$name.xml" ] || { echo "stale: $golden (no examples/$name.xml)"; stale+=("$golden"); }
done

if [ "${#changed[@]}" -eq 0 ] && [ "${#stale[@]}" -eq 0 ]; then
	echo "golden files are up to date"
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
mkdir -p tests/golden/json
for name in "${changed[@]}"; do
	cp "$tmp/$name.json" "tests/golden/json/$name.json"
	echo "wrote tests/golden/json/$name.json"
done
for golden in "${stale[@]}"; do
	rm -- "$golden"
	echo "removed $golden"
done
