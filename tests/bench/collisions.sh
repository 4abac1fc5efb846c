#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Hash-flooding benchmark (issue 13, SECURITY.md "Seeded hashing"): two
# models of N vendors, the same size and shape, one whose ids all have
# the same FNV-1a hash (the symbol table's hash before it was keyed;
# tests/gen/fnv_collide.h) and one with random ids of the same length.
# Prints the median time of 3 runs of `medscope validate` on each and
# their ratio. Target: ratio < 2 (it was 31 s / 0.14 s with FNV-1a).
#
#   tests/bench/collisions.sh [BUILD_DIR] [N]     (N default 65536)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
N=${2:-65536}
MEDSCOPE=$BUILD/src/medscope
[ -x "$MEDSCOPE" ] || { echo "build first: cmake -B $BUILD && cmake --build $BUILD" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cc -O2 -o "$T/gen" tests/gen/gen_collide.c
"$T/gen" "$N" >"$T/colliding.xml"
"$T/gen" --random "$N" >"$T/random.xml"

median() {
	local i
	for i in 1 2 3; do
		/usr/bin/time -f '%e' -o "$T/t" "$MEDSCOPE" validate -q "$1" >/dev/null
		cat "$T/t"
	done | sort -n | sed -n 2p
}
col=$(median "$T/colliding.xml")
rnd=$(median "$T/random.xml")
printf 'vendors: %s; file sizes: %s and %s bytes\n' "$N" \
	"$(stat -c %s "$T/colliding.xml")" "$(stat -c %s "$T/random.xml")"
printf '%-32s %7s s\n' "validate, colliding ids" "$col" "validate, random ids" "$rnd"
awk -v a="$col" -v b="$rnd" 'BEGIN {
	r = a / (b > 0.01 ? b : 0.01)
	printf "ratio colliding/random: %.2f (target < 2)\n", r
	exit r < 2 ? 0 : 1 }'
