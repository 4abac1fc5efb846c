#!/bin/bash
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
# shellcheck source=cli/report_cases.sh
source tests/cli/report_cases.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

changed=()
for name in $REPORT_GOLDEN_EXAMPLES; do
	for golden in $(report_golden_files "$name"); do
		mkdir -p "$tmp/$(dirname "$golden")"
		if ! report_golden_make "$medscope" "$golden" "$tmp/$golden"; then
			echo "$0: medscope could not make $golden; nothing written" >&2
			exit 2
		fi
		if [ -f "tests/golden/$golden" ] && cmp -s "tests/golden/$golden" "$tmp/$golden"; then
			continue
		fi
		old=tests/golden/$golden
		[ -f "$old" ] || old=/dev/null
		diff -u --label "a/tests/golden/$golden" --label "b/tests/golden/$golden" "$old" "$tmp/$golden" || true
		changed+=("$golden")
	done
done

if [ "${#changed[@]}" -eq 0 ]; then
	echo "golden report files are up to date"
	exit 0
fi
echo "${#changed[@]} golden report file(s) to write"
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
for golden in "${changed[@]}"; do
	mkdir -p "tests/golden/$(dirname "$golden")"
	cp "$tmp/$golden" "tests/golden/$golden"
	echo "wrote tests/golden/$golden"
done
