#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Order independence (issue 13 item 4; model.md: "Order of children is
# free"): every example model and COUNT random valid models
# (tests/gen/gen_random.c) are rewritten with the children of every element
# shuffled (shuffle.c), under several seeds. Each shuffled copy must give
# byte-identical `report --format json` and `check` output once line and
# column are stripped, and `diff` of the model against its shuffled self
# must find nothing and exit 0.
#
#   MEDSCOPE=... SHUFFLE=... GEN=... SRC=... WORK=... order_independence.sh [COUNT] [SEEDS]
#
# COUNT random models (default 500), SEEDS shuffles of each (default 3;
# the examples get twice as many).
set -uo pipefail
: "${MEDSCOPE:?}" "${SHUFFLE:?}" "${GEN:?}" "${SRC:?}" "${WORK:?}"
MEDSCOPE=$(realpath "$MEDSCOPE") SHUFFLE=$(realpath "$SHUFFLE") GEN=$(realpath "$GEN")
COUNT=${1:-500}
SEEDS=${2:-3}
export LC_ALL=C.UTF-8
command -v python3 >/dev/null || { echo "needs python3 (reads the JSON reports)" >&2; exit 2; }

rm -rf "$WORK"
mkdir -p "$WORK/a" "$WORK/b"
fails=0
checked=0

# The report and the check lines of model m.xml in folder DIR, positions
# stripped. Run from inside DIR so the file name is the same in both.
# Findings are listed by line (cli.md), which a shuffle legitimately
# changes: they are compared as a set, sorted by their content; every
# other array must come in the same order.
outputs() {
	(set -e -o pipefail; cd "$1"
	  "$MEDSCOPE" report --format json --fail-on never m.xml | python3 -c '
import json, sys
r = json.load(sys.stdin)
for f in r.get("findings", []):
    f.pop("line", None)
    f.pop("column", None)
r["findings"] = sorted(r.get("findings", []), key=lambda f: json.dumps(f, ensure_ascii=False, sort_keys=True))
print(json.dumps(r, ensure_ascii=False, indent=1))'
	 "$MEDSCOPE" check --fail-on never m.xml | sed -E 's/^m\.xml:[0-9]+:[0-9]+:/m.xml:/' | LC_ALL=C sort)
}

# Compares model $1 with its shuffle under seed $2; $3 names it in messages.
compare() {
	local model=$1 seed=$2 name=$3
	cp "$model" "$WORK/a/m.xml"
	if ! "$SHUFFLE" "$seed" "$model" "$WORK/b/m.xml"; then
		echo "FAIL $name seed $seed: shuffle failed"
		fails=$((fails + 1))
		return
	fi
	if ! outputs "$WORK/a" >"$WORK/a.out" 2>&1 || ! outputs "$WORK/b" >"$WORK/b.out" 2>&1; then
		echo "FAIL $name seed $seed: report or check could not run"
		head -5 "$WORK/a.out" "$WORK/b.out"
		fails=$((fails + 1))
		return
	fi
	checked=$((checked + 1))
	if ! cmp -s "$WORK/a.out" "$WORK/b.out"; then
		echo "FAIL $name seed $seed: report or check differs"
		diff "$WORK/a.out" "$WORK/b.out" | head -20
		fails=$((fails + 1))
		[ -d "$WORK/keep" ] || { mkdir -p "$WORK/keep"; cp "$WORK/a/m.xml" "$WORK/keep/a.xml"; cp "$WORK/b/m.xml" "$WORK/keep/b.xml"; }
		return
	fi
	local d rc
	d=$("$MEDSCOPE" diff --fail-on never "$WORK/a/m.xml" "$WORK/b/m.xml" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || ! grep -q '^Summary: 0 model change(s); 0 scope, 0 ownership, 0 agreement change(s); findings: 0 new, 0 updated .* 0 resolved' <<<"$d"; then
		echo "FAIL $name seed $seed: diff against the shuffled self is not empty (exit $rc)"
		grep -E '^Summary|^ +[+~-]' <<<"$d" | head -20
		fails=$((fails + 1))
		[ -d "$WORK/keep" ] || { mkdir -p "$WORK/keep"; cp "$WORK/a/m.xml" "$WORK/keep/a.xml"; cp "$WORK/b/m.xml" "$WORK/keep/b.xml"; }
	fi
}

for model in "$SRC"/examples/*.xml "$SRC"/examples/change/*.xml; do
	for seed in $(seq 1 $((SEEDS * 2))); do
		compare "$model" "$seed" "${model#"$SRC"/}"
	done
done
for i in $(seq 1 "$COUNT"); do
	"$GEN" "$i" >"$WORK/random.xml"
	if ! "$MEDSCOPE" validate -q "$WORK/random.xml" >/dev/null 2>"$WORK/validate.err"; then
		echo "FAIL random $i: the generator wrote an invalid model"
		head -3 "$WORK/validate.err"
		fails=$((fails + 1))
		continue
	fi
	for seed in $(seq 1 "$SEEDS"); do
		compare "$WORK/random.xml" "$seed" "random $i"
	done
done
echo "order independence: $checked shuffled models compared, $fails failure(s)"
[ "$fails" -eq 0 ]
