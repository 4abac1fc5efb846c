# SPDX-License-Identifier: Apache-2.0
# What tests/update-golden*.sh share, sourced by each: the options, the
# program, a scratch folder, and "show the diff, ask, then write". The
# scripts decide which files they own and how each is made.
#
#   golden_setup "$@"         [-y | -n] [PATH/TO/medscope]: sets $medscope
#                             (default $MEDSCOPE, else build/src/medscope) and
#                             $tmp (removed at exit), and cds to the root
#   golden_compare GOLDEN NEW prints the diff when NEW is not GOLDEN (or there
#                             is no GOLDEN yet) and keeps the pair to write
#   golden_stale GOLDEN [WHY] notes a golden file nothing makes any more
#   golden_finish DONE TODO [stale]
#                             "DONE" and exit 0 when nothing changed; else
#                             "N TODO" (", M stale file(s) to remove" with
#                             `stale`), then asks (on a terminal, without -y)
#                             and writes, or exits 1 with nothing written
golden_setup() {
	local opt OPTIND=1
	golden_mode=ask
	while getopts yn opt; do
		case $opt in
		y) golden_mode=write ;;
		n) golden_mode=diff ;;
		*) echo "usage: $0 [-y | -n] [PATH/TO/medscope]" >&2; exit 2 ;;
		esac
	done
	shift $((OPTIND - 1))
	local root
	root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	medscope=${1:-${MEDSCOPE:-$root/build/src/medscope}}
	case $medscope in /*) ;; *) medscope=$PWD/$medscope ;; esac
	[ -x "$medscope" ] || { echo "$0: no program at $medscope (build first, or name it)" >&2; exit 2; }
	cd "$root"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	golden_new=() golden_old=() golden_gone=()
}

golden_compare() {
	local golden=$1 new=$2 old=$1
	if [ -f "$golden" ] && cmp -s "$golden" "$new"; then
		return 0
	fi
	[ -f "$golden" ] || old=/dev/null
	diff -u --label "a/$golden" --label "b/$golden" "$old" "$new" || true
	golden_old+=("$golden")
	golden_new+=("$new")
}

golden_stale() {
	echo "stale: $1${2:+ ($2)}"
	golden_gone+=("$1")
}

golden_finish() {
	local n=${#golden_new[@]} answer i
	if [ "$n" -eq 0 ] && [ "${#golden_gone[@]}" -eq 0 ]; then
		echo "$1"
		exit 0
	fi
	echo "$n $2${3:+, ${#golden_gone[@]} stale file(s) to remove}"
	if [ "$golden_mode" = ask ]; then
		if [ -t 0 ]; then
			read -r -p "Reviewed the diff above? Write the files [y/N] " answer
			[ "$answer" = y ] || [ "$answer" = Y ] || { echo "nothing written"; exit 1; }
		else
			golden_mode=diff
		fi
	fi
	if [ "$golden_mode" = diff ]; then
		echo "nothing written (run with -y to write)"
		exit 1
	fi
	for ((i = 0; i < n; i++)); do
		mkdir -p "$(dirname "${golden_old[i]}")"
		cp "${golden_new[i]}" "${golden_old[i]}"
		echo "wrote ${golden_old[i]}"
	done
	for i in "${golden_gone[@]}"; do
		rm -- "$i"
		echo "removed $i"
	done
}
