#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# `medscope report MODEL --format json` of every examples/*.xml, byte for
# byte against tests/golden/json/<example>.json. The golden files are
# reviewed by hand against each example's header comment and rules.md;
# tests/update-golden.sh is the only way to regenerate them.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

shopt -s nullglob
models=(examples/*.xml)
[ "${#models[@]}" -ge 16 ] && ok || fail "expected the 16 examples, found ${#models[@]}"
for model in "${models[@]}"; do
	name=$(basename "$model" .xml)
	golden=tests/golden/json/$name.json
	if [ ! -f "$golden" ]; then
		fail "$model has no golden file $golden (tests/update-golden.sh writes it)"
		continue
	fi
	# --lang en: the messages must not depend on the environment; the
	# examples carry as-of, so the date does not either.
	run "$MEDSCOPE" report "$model" --format json --lang en --fail-on never
	expect_rc 0 "report $model"
	if cmp -s "$golden" "$WORK/out"; then
		ok
	else
		fail "$model: output differs from $golden"
		diff -u "$golden" "$WORK/out" | head -60 | sed 's/^/    /'
	fi
	# Same bytes on a second run, and through -o.
	"$MEDSCOPE" report "$model" --format json --lang en --fail-on never -o "$WORK/again.json" 2>/dev/null
	cmp -s "$WORK/out" "$WORK/again.json" && ok || fail "$model: a second run (-o) gives other bytes"
done
# No golden file without its example.
for golden in tests/golden/json/*.json; do
	name=$(basename "$golden" .json)
	[ -f "examples/$name.xml" ] && ok || fail "stale golden file $golden (no examples/$name.xml)"
done
finish
