#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Benchmark of `medscope diff` on two national-scale versions of a model
# (issue 6): the time of
#     medscope diff before.xml after.xml
# as a ratio to the plain `medscope check` of one version, both measured in
# this run (median of 3, runs interleaved so both see the same machine),
# and the peak RSS of each. CPU time (user + system) is shown too: on a
# busy machine it moves less than wall time. diff loads and analyses its
# two models on two threads, so its wall time can be below its CPU time.
#
#   tests/bench/diff.sh [MEDSCOPE]        (default: $MEDSCOPE, else build/src/medscope)
#   SCALE=0.1 tests/bench/diff.sh         (default scale 1 = the whole of Japan, ~87 MB)
#   RUNS=5 tests/bench/diff.sh
#
# The models come from tests/gen/gen_national.c: --variant after adds IaaS
# swaps, new integrations, overdue reviews and expired certificates
# (tests/gen/README.md). Both commands run with --fail-on never and their
# output to /dev/null, so that the exit status says only whether they ran.
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
MEDSCOPE=${1:-${MEDSCOPE:-$SRC/build/src/medscope}}
SCALE=${SCALE:-1}
RUNS=${RUNS:-3}
[ -x "$MEDSCOPE" ] || { echo "diff.sh: no medscope program at $MEDSCOPE" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "diff.sh: GNU time (/usr/bin/time) is needed for peak RSS" >&2; exit 2; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
gcc -O2 -o "$T/gen" "$SRC/tests/gen/gen_national.c"
"$T/gen" --seed 1 --scale "$SCALE" -o "$T/before.xml"
"$T/gen" --seed 1 --scale "$SCALE" --variant after -o "$T/after.xml"
echo "models: before $(stat -c %s "$T/before.xml") bytes, after $(stat -c %s "$T/after.xml") bytes (scale $SCALE, seed 1)"

# run NAME CMD...: one timed run; appends "seconds kilobytes cpu-seconds" to $T/NAME.
run() {
	local name=$1
	shift
	if ! /usr/bin/time -f "%e %M %U %S" -o "$T/time" "$@" >/dev/null 2>"$T/err"; then
		echo "diff.sh: '$*' failed:" >&2
		cat "$T/err" >&2
		exit 2
	fi
	tail -n 1 "$T/time" | awk '{ print $1, $2, $3 + $4 }' >>"$T/$name"
}

# median FILE COLUMN
median() { sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'; }

for _ in $(seq "$RUNS"); do
	run check "$MEDSCOPE" check --fail-on never -q "$T/before.xml"
	run diff "$MEDSCOPE" diff --fail-on never -q "$T/before.xml" "$T/after.xml"
done

check_s=$(median "$T/check" 1)
diff_s=$(median "$T/diff" 1)
check_kb=$(median "$T/check" 2)
diff_kb=$(median "$T/diff" 2)
check_cpu=$(median "$T/check" 3)
diff_cpu=$(median "$T/diff" 3)
awk -v c="$check_s" -v d="$diff_s" -v ck="$check_kb" -v dk="$diff_kb" -v cc="$check_cpu" \
	-v dc="$diff_cpu" -v n="$RUNS" 'BEGIN {
	printf "medscope check before.xml:          %6.2f s (cpu %6.2f s)  peak RSS %5.0f MiB  (median of %d)\n", c, cc, ck / 1024, n
	printf "medscope diff before.xml after.xml: %6.2f s (cpu %6.2f s)  peak RSS %5.0f MiB  (median of %d)\n", d, dc, dk / 1024, n
	printf "ratio diff / check: %.2f (time), %.2f (cpu time), %.2f (peak RSS)\n", d / c, dc / cc, dk / ck
}'
