#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# medscope impact MODEL ID: text, CSV, JSON, --graph, the exit status, and
# the counts on a national model (scale 0.01) against an independent
# computation from the XML text with awk (rules.md Terms and §2: reverse
# runs-on closure, medical/relevant systems, prime contracts, served pairs).
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

B=examples/change/before.xml
A=examples/change/after.xml

# --- the examples (derivation: tests/unit/test_impact.c) -------------------
run "$MEDSCOPE" impact --lang en $B B
expect_rc 0 "impact of B before the change"
expect_out '^medscope impact: B \(vendor, B社 \(IaaS・バックアップ\)\)$' "the target"
expect_out '^Systems that depend on it \(reverse runs-on\) \(3\)$' "three systems"
expect_out '^  plat  paas, provider A, depth 1, runs on iaas-b, served to 1 facility\(ies\)$' "plat on iaas-b"
expect_out '^  ehr  saas, provider A, depth 2, runs on plat, served to 1 facility\(ies\)$' "ehr on plat"
expect_out '^  iaas-b × H: A \(selected-by-prime\)$' "owner of iaas-b"
expect_out '^  A  3 entry\(ies\), 1 facility\(ies\)$' "A owns the three entries, for H"
expect_out '^  B → A  \[g2; covers plat iaas-b\]$' "B notifies A (g2)"
expect_out '^  A → H  \[g1\]$' "A notifies H (g1)"
expect_out '^Notification pairs without a change-notification agreement \(0\)$' "no gap"
run "$MEDSCOPE" impact --fail-on warning $B B
expect_rc 0 "no gap: 0 even under --fail-on warning"

run "$MEDSCOPE" impact --lang en $A B
expect_rc 0 "gaps are warnings: 0 under --fail-on error"
expect_out '^  B → A  \(supplier → dependent provider; systems ehr\)$' "gap B -> A"
expect_out '^  B → H  \(owner → facility; systems b-backup\)$' "gap B -> H"
expect_out '^  b-backup × H: B \(facility-contracted\); considered by A$' "facility-contracted entry"
run "$MEDSCOPE" impact --fail-on warning $A B
expect_rc 1 "gaps under --fail-on warning"
run "$MEDSCOPE" impact --fail-on never $A B
expect_rc 0 "--fail-on never"
run "$MEDSCOPE" impact --lang ja $A iaas-c
expect_rc 0 "a system as the target"
expect_out '^medscope impact \(影響範囲\): iaas-c \(システム IaaS、' "ja: the target"
expect_out '^依存するシステム \(runs-on の逆向き\) \(3\)$' "ja: three systems"
expect_out '^  C → A  \[g3; 対象 plat iaas-c\]$' "ja: C notifies A"

# CSV and JSON
run "$MEDSCOPE" impact --format csv --no-bom $A B
expect_rc 0 "csv"
expect_out '^system,provider,layer,depth,runs_on,facility,owner,basis,considered_by,notice_provider_to_owner,notice_owner_to_facility.$' "csv header"
expect_out '^b-backup,B,saas,0,,H,B,facility-contracted,A,-,\(none\).$' "csv: b-backup row"
expect_out '^ehr,A,saas,1,b-backup,H,A,prime-provider,,-,g1.$' "csv: ehr row"
run "$MEDSCOPE" impact --format csv $A B
head -c 3 "$WORK/out" | od -An -tx1 | grep -q 'ef bb bf' && ok || fail "csv starts with a BOM by default"
run "$MEDSCOPE" impact --format json -o "$WORK/i.json" $A B
expect_rc 0 "json to a file"
grep -q '"format": "medscope-impact/1"' "$WORK/i.json" && ok || fail "json format"
grep -q '"gaps": 2' "$WORK/i.json" && ok || fail "json: two gaps"

# trouble
run "$MEDSCOPE" impact $A nosuch
expect_rc 2 "unknown id"
expect_err "'nosuch' is not the id of a party or a system" "says so"
run "$MEDSCOPE" impact $A k1
expect_rc 2 "a contract id"
run "$MEDSCOPE" impact $A
expect_rc 2 "no id"
run "$MEDSCOPE" impact --format sarif $A B
expect_rc 2 "sarif is not an impact format"
run "$MEDSCOPE" impact -o $A $A B
expect_rc 2 "-o equal to the input"
run "$MEDSCOPE" impact "$WORK/nosuch.xml" B
expect_rc 2 "missing model"
run "$MEDSCOPE" impact --help
expect_rc 0 "--help"

# --graph: the part around the target
run "$MEDSCOPE" impact --graph "$WORK/g.dot" $A B
expect_rc 0 "--graph .dot"
# Focused on B, deep enough for every affected system and facility (the
# diagram's hops also cross contracts, so it may show a little more).
for id in b-backup ehr H; do
	grep -Eq "^[[:space:]]*\"?$id\"?[[:space:]]+\[" "$WORK/g.dot" && ok || fail "the diagram draws node $id"
done
run "$MEDSCOPE" impact --graph "$WORK/g.txt" $A B
expect_rc 2 "--graph with an unknown extension"
[ ! -e "$WORK/g.txt" ] && ok || fail "nothing written for a refused --graph"
if "$MEDSCOPE" impact --graph "$WORK/g.svg" $A B >/dev/null 2>&1; then
	grep -q '<svg' "$WORK/g.svg" && ok || fail "--graph .svg writes SVG"
fi

# --- national model, scale 0.01: counts against awk ------------------------
gcc -O2 -o "$WORK/gen" "$SRC/tests/gen/gen_national.c" || { fail "cannot build the generator"; finish; }
"$WORK/gen" --seed 1 --scale 0.01 -o "$WORK/national.xml"
# The six IaaS vendors are V0001..V0006 (tests/gen/README.md: 6 fixed).
for v in V0001 V0003 V0006; do
	expected=$(awk -v V=$v -f "$SRC/tests/cli/impact_served.awk" "$WORK/national.xml")
	run "$MEDSCOPE" impact --format json "$WORK/national.xml" $v
	expect_rc 0 "impact of IaaS $v"
	got=$(sed -n '/"summary"/,/}/p' "$WORK/out" |
		awk -F'[:,]' '/"systems"/ { s = $2 } /"facilities"/ { f = $2 } /"ownership_entries"/ { e = $2 }
		              END { gsub(/ /, "", s); gsub(/ /, "", f); gsub(/ /, "", e); print s, f, e }')
	[ "$got" = "$expected" ] && ok || fail "$v: systems, facilities, entries: medscope $got, awk $expected"
done
# V0001 carries most of the cloud at this seed: make sure the test sees a real load.
set -- $(awk -v V=V0001 -f "$SRC/tests/cli/impact_served.awk" "$WORK/national.xml")
[ "$2" -gt 100 ] && ok || fail "V0001 serves more than 100 facilities (got $2)"
run "$MEDSCOPE" impact --format csv --no-bom "$WORK/national.xml" V0001
[ "$(($(wc -l <"$WORK/out") - 1))" -ge "$3" ] && ok || fail "csv: a row per entry at least"

finish
