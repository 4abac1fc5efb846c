#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# National-scale benchmark (issues 2 and 3): generate a model of national
# shape (tests/gen/gen_national.c: ~257k facilities, ~353k contracts,
# ~87 MB), then measure in the same run, median of 3:
#   - xmllint --stream --noout (the reference: libxml2 streaming the file)
#   - medscope validate  (load only)
#   - medscope check     (load + analysis + findings)
# and print each time as a ratio to the reference, and peak RSS as a ratio
# to the file size. Targets: check ≤ 1.5× xmllint, peak RSS ≤ 2× file size.
#
#   tests/bench/national.sh [BUILD_DIR] [SCALE]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SCALE=${2:-1.0}
MEDSCOPE=$BUILD/src/medscope
[ -x "$MEDSCOPE" ] || { echo "build first: cmake -B $BUILD && cmake --build $BUILD" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "needs xmllint (apt-get install libxml2-utils)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cc -O2 -o "$T/gen" tests/gen/gen_national.c
"$T/gen" --seed 1 --scale "$SCALE" -o "$T/national.xml"
size=$(stat -c %s "$T/national.xml")
printf 'model: %s bytes (%s MB), %s facilities, %s contracts\n' "$size" \
	"$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }')" \
	"$(grep -c '<facility ' "$T/national.xml")" "$(grep -c '<contract ' "$T/national.xml")"

# median_run NAME CMD...: prints "seconds peak_kb" (median by time of 3 runs)
median_run() {
	local i out
	for i in 1 2 3; do
		/usr/bin/time -f '%e %M' -o "$T/t" "$@" >/dev/null 2>"$T/err" || [ $? -eq 1 ]
		cat "$T/t"
	done | sort -n | sed -n 2p
}

read -r ref_s ref_kb < <(median_run xmllint --stream --noout "$T/national.xml")
read -r val_s val_kb < <(median_run "$MEDSCOPE" validate -q "$T/national.xml")
read -r chk_s chk_kb < <(median_run "$MEDSCOPE" check -q --fail-on never "$T/national.xml")
# The loader builds the model in a second thread while libxml2 parses
# (loader.c): also show check held to one core, for machines that have one.
one_core=""
if command -v taskset >/dev/null && [ "$(nproc)" -gt 1 ]; then
	read -r one_s one_kb < <(median_run taskset -c 0 "$MEDSCOPE" check -q --fail-on never "$T/national.xml")
	one_core=yes
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
printf '%-28s %7s s  ratio %5s   peak %7s MB  (%s x file)\n' \
	"xmllint --stream --noout" "$ref_s" "1.00" "$(mb "$ref_kb")" "$(ratio "$((ref_kb * 1024))" "$size")" \
	"medscope validate" "$val_s" "$(ratio "$val_s" "$ref_s")" "$(mb "$val_kb")" "$(ratio "$((val_kb * 1024))" "$size")" \
	"medscope check" "$chk_s" "$(ratio "$chk_s" "$ref_s")" "$(mb "$chk_kb")" "$(ratio "$((chk_kb * 1024))" "$size")"
[ -z "$one_core" ] || printf '%-28s %7s s  ratio %5s   peak %7s MB  (%s x file)\n' \
	"medscope check, one core" "$one_s" "$(ratio "$one_s" "$ref_s")" "$(mb "$one_kb")" "$(ratio "$((one_kb * 1024))" "$size")"
printf 'cores: %s; load average: %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
"$MEDSCOPE" check --fail-on never "$T/national.xml" 2>&1 >/dev/null | tail -n 1
