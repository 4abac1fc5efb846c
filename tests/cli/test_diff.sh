#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# medscope diff OLD NEW: the readable text (English and Japanese), JSON and
# SARIF (baselineState), -o, and the exit status: 1 when the change brings
# new or updated findings at or above --fail-on, 0 otherwise, 2 on trouble.
# Expected lines are derived by hand from rules.md for examples/change (see
# tests/unit/test_diff.c for the derivation).
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

B=examples/change/before.xml
A=examples/change/after.xml
# Where each finding of after.xml must point: the element it is about.
line_of() { grep -n -- "$1" $A | head -n 1 | cut -d: -f1; }
L_B=$(line_of '<vendor id="B"')
L_ISMS=$(($(line_of '<vendor id="B"') + 1)) # B's first certification, the ISMS
L_RUNS=$(line_of '<runs-on ref="b-backup"/>')
L_G1=$(line_of '<agreement id="g1"')

# --- the readable text ---------------------------------------------------
run "$MEDSCOPE" diff --lang en $B $A
expect_rc 1 "before -> after brings errors (exit 1 under --fail-on error)"
expect_out '^  old: examples/change/before\.xml \(.+\), as of 2026-04-01$' "old model and its date"
expect_out '^  new: examples/change/after\.xml \(.+\), as of 2026-11-01$' "new model and its date"
# the model: the IaaS swap and the backup
expect_out '^    \+ C  vendor, C社 \(IaaS\)$' "C added"
expect_out '^    - iaas-b  iaas, provider B, ' "iaas-b removed"
expect_out '^    \+ iaas-c  iaas, provider C, ' "iaas-c added"
expect_out '^    \+ b-backup  saas, provider B, ' "b-backup added"
expect_out '^    ~ plat$' "plat changed"
expect_out '^        runs-on: iaas-b → iaas-c$' "plat now runs on iaas-c"
expect_out '^        runs-on: plat → b-backup plat$' "ehr now also runs on b-backup"
expect_out '^    \+ k4  H → B, service, covers b-backup$' "H contracts B directly (k4)"
expect_out '^    - k2  A → B, service, covers iaas-b$' "k2 ended"
expect_out '^    - g2  A↔B: demarcation change-notification \(covers plat iaas-b\)$' "g2 ended"
# scope: B becomes direct (k4), C enters as supply-chain
expect_out '^  B: supply-chain → direct$' "B supply-chain -> direct"
expect_out '^      now:    direct-contract \[FAQ 1 \(1\)\] via k4' "B's new reason"
expect_out '^  C: entered scope as supply-chain$' "C enters scope"
# ownership (GL 2.2.3 for b-backup)
expect_out '^  \+ b-backup × H: B \(facility-contracted\); considered by A$' "b-backup facility-contracted"
expect_out '^  - iaas-b × H: A \(selected-by-prime\)$' "iaas-b entry gone"
expect_out '^  \+ iaas-c × H: A \(selected-by-prime\)$' "iaas-c selected by A"
# agreements
expect_out '^  ! A↔B change-notification \[missing-change-notification\]: present \(g2\) → missing \(warning\); systems iaas-b plat → b-backup ehr$' "A-B change notification lapses"
expect_out '^  \+ A↔B↔H integration \[missing-integration-agreement\].*: now required, missing \(error\)' "integration newly required, missing"
expect_out '^  \+ A↔H subcontracting \[missing-subcontract-approval\] via k3: now required, present \(g1\)' "approval for k3 met by g1"
expect_out '^  - A↔H subcontracting \[missing-subcontract-approval\] via k2: no longer required' "approval for k2 dropped"
expect_out '^  \+ B↔H demarcation \[missing-demarcation\].*: now required, present \(g4\)' "H-B demarcation met by g4"
# findings: the certificate and g1's review lapse with the date
expect_out '^  New findings \(5\)$' "five new findings"
expect_out "^    examples/change/after\\.xml:$L_B:3: error: .+ \\[missing-certification\\]\$" "B uncertified (error: direct)"
expect_out "^    examples/change/after\\.xml:$L_ISMS:5: warning: .+ \\[certification-expired\\]\$" "B's ISMS expired"
expect_out "^    examples/change/after\\.xml:$L_RUNS:5: warning: .+ \\[missing-change-notification\\]\$" "ehr -> b-backup unagreed"
expect_out '^    examples/change/after\.xml:[0-9]+:[0-9]+: error: .+ \[missing-integration-agreement\]$' "integration missing"
expect_out "^    examples/change/after\\.xml:$L_G1:3: warning: .+ \\[agreement-review-overdue\\]\$" "g1 review overdue"
expect_out '^  Resolved findings \(0\)$' "nothing resolved"
expect_out '^Summary: 12 model change\(s\); 2 scope, 3 ownership, 9 agreement change\(s\); findings: 5 new, 0 updated \(2 error\(s\), 3 warning\(s\), 0 note\(s\) among them\), 0 resolved, 0 unchanged$' "summary"

run "$MEDSCOPE" diff --lang ja $B $A
expect_rc 1 "Japanese: same exit status"
expect_out '^  B: サプライチェーン → 直接の契約等$' "ja: scope line, the vocabulary's words"
expect_out '^対象事業者の範囲 \(2\)$' "ja: scope heading"
expect_out '^リスクマネジメントの責任主体 \(3\)$' "ja: ownership heading"
expect_out '^  C: 対象事業者になった \(サプライチェーン\)$' "ja: C enters"
expect_out '^  新たな指摘 \(5\)$' "ja: new findings"
expect_out '^まとめ: モデルの変更 12 件' "ja: summary"

# --- exit status -----------------------------------------------------------
run "$MEDSCOPE" diff --fail-on never $B $A
expect_rc 0 "--fail-on never"
run "$MEDSCOPE" diff $A $B
expect_rc 0 "after -> before only resolves findings"
expect_out '^  Resolved findings \(5\)$' "five resolved"
expect_out "^    examples/change/after\\.xml:$L_B:3: error: .+ \\[missing-certification\\]\$" "a resolved finding points into OLD"
run "$MEDSCOPE" diff $A $A
expect_rc 0 "a model against itself"
expect_out '^  Unchanged findings: 5$' "all five unchanged"
expect_out '^Model \(0\)$' "no model change"

# A change that only adds a warning: g2 loses its change-notification topic.
sed 's/topics="demarcation change-notification"/topics="demarcation"/' $B >"$WORK/no-notice.xml"
run "$MEDSCOPE" diff $B "$WORK/no-notice.xml"
expect_rc 0 "a new warning only, --fail-on error"
expect_out '^  ! A↔B change-notification \[missing-change-notification\]: present \(g2\) → missing \(warning\)$' "the notice lapses"
expect_out '^        topics: demarcation change-notification → demarcation$' "g2's topics"
run "$MEDSCOPE" diff --fail-on warning $B "$WORK/no-notice.xml"
expect_rc 1 "a new warning, --fail-on warning"
run "$MEDSCOPE" diff --fail-on warning "$WORK/no-notice.xml" $B
expect_rc 0 "the warning resolved, --fail-on warning"
# --as-of gives both the same date: the expiries of after.xml are then old news
run "$MEDSCOPE" diff --as-of 2026-11-01 $A $A
expect_rc 0 "--as-of, same model"

# trouble
run "$MEDSCOPE" diff $B
expect_rc 2 "one model only"
expect_err 'two model files' "says what is missing"
run "$MEDSCOPE" diff $B "$WORK/nosuch.xml"
expect_rc 2 "missing file"
expect_err 'nosuch\.xml' "names the file"
printf '<deployment xmlns="urn:medscope:deployment:1"><facility id="H"/>' >"$WORK/broken.xml"
run "$MEDSCOPE" diff $B "$WORK/broken.xml"
expect_rc 2 "malformed model"
expect_err '^.*broken\.xml:[0-9]+:[0-9]+: error: ' "FILE:LINE:COL: error:"
run "$MEDSCOPE" diff --format csv $B $A
expect_rc 2 "--format csv is not a diff format"
run "$MEDSCOPE" diff --bogus $B $A
expect_rc 2 "unknown option"
run "$MEDSCOPE" diff --as-of 2026-13-01 $B $A
expect_rc 2 "bad --as-of"
run "$MEDSCOPE" diff --help
expect_rc 0 "--help"
expect_out 'baselineState' "help mentions SARIF baselineState"

# --- JSON ------------------------------------------------------------------
run "$MEDSCOPE" diff --format json $B $A
expect_rc 1 "json: same exit status"
cp "$WORK/out" "$WORK/d1.json"
run "$MEDSCOPE" diff --format json $B $A
cmp -s "$WORK/out" "$WORK/d1.json" && ok || fail "json is byte-identical run to run"
expect_out '^  "format": "medscope-diff/1",$' "json format"
if command -v python3 >/dev/null; then
	run python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["model_changes"] == 12 and s["scope_changes"] == 2, s
assert s["ownership_changes"] == 3 and s["agreement_changes"] == 9, s
assert s["findings"] == {"new": 5, "updated": 0, "unchanged": 0, "resolved": 0}, s
assert s["introduced"] == {"errors": 2, "warnings": 3, "notes": 0}, s
b = [x for x in d["scope"] if x["party"] == "B"][0]
assert (b["old"]["category"], b["new"]["category"]) == ("supply-chain", "direct"), b
e = [x for x in d["model"] if x["id"] == "ehr"][0]
assert e["attributes"] == [{"name": "runs-on", "old": "plat", "new": "b-backup plat"}], e
print("ok")' "$WORK/d1.json"
	expect_rc 0 "json content"
fi

# --- SARIF -------------------------------------------------------------------
run "$MEDSCOPE" diff --format sarif -o "$WORK/d.sarif" $B $A
expect_rc 1 "sarif to a file"
[ "$(grep -c '"baselineState": "new"' "$WORK/d.sarif")" -eq 5 ] && ok || fail "five new results"
run "$MEDSCOPE" diff --format sarif -o "$WORK/r.sarif" $A $B
expect_rc 0 "reversed sarif"
[ "$(grep -c '"baselineState": "absent"' "$WORK/r.sarif")" -eq 5 ] && ok || fail "five absent results"
run "$MEDSCOPE" diff --format sarif -o "$WORK/u.sarif" $A $A
[ "$(grep -c '"baselineState": "unchanged"' "$WORK/u.sarif")" -eq 5 ] && ok || fail "five unchanged results"
if command -v node >/dev/null && [ -d "$SRC/tests/sarif/node_modules" ]; then
	run node "$SRC/tests/sarif/validate.js" "$WORK/d.sarif" "$WORK/r.sarif" "$WORK/u.sarif"
	expect_rc 0 "diff SARIF validates against the SARIF 2.1.0 schema"
fi
run "$MEDSCOPE" diff --format sarif -o $B $B $A
expect_rc 2 "-o equal to an input is refused"

# --- certificates have no id: their order in the file means nothing ----------
# B holds two expired ISMS certificates (two certification-expired findings
# with one identity). Swapping them with the ISMAP one is no change at all
# (they used to pair by position: two "changed" certificates and two
# "updated" findings); renaming one changes that one only, numbered by
# content order (valid-until 2026-03-31 is B's second ISMS).
certs() { # FILE: example 02 with B's certificates as the remaining arguments
	local out=$1
	shift
	awk -v repl="$(printf '%s\n' "$@")" '
		/<certification scheme="isms" valid-until="2027-12-31"\/>/ { print repl; next }
		/<certification scheme="ismap" valid-until="2027-05-31"\/>/ { next }
		{ print }' examples/02-vendor-selects-iaas.xml >"$out"
}
C1='    <certification scheme="isms" valid-until="2025-12-31" note="old-1"/>'
C2='    <certification scheme="isms" valid-until="2026-03-31" note="old-2"/>'
C3='    <certification scheme="ismap" valid-until="2027-05-31"/>'
certs "$WORK/certs1.xml" "$C1" "$C2" "$C3"
certs "$WORK/certs2.xml" "$C3" "$C2" "$C1"
certs "$WORK/certs3.xml" "$C3" "${C2/old-2/renewed}" "$C1"
run "$MEDSCOPE" check --fail-on never "$WORK/certs1.xml"
[ "$(grep -c 'certification-expired' "$WORK/out")" -eq 2 ] && ok || fail "two expired ISMS certificates"
run "$MEDSCOPE" diff --lang en "$WORK/certs1.xml" "$WORK/certs2.xml"
expect_rc 0 "certificates reordered: exit 0"
expect_out '^Summary: 0 model change\(s\); 0 scope, 0 ownership, 0 agreement change\(s\); findings: 0 new, 0 updated .*, 0 resolved, 4 unchanged$' "certificates reordered: no change"
run "$MEDSCOPE" diff --lang en "$WORK/certs1.xml" "$WORK/certs3.xml"
expect_out '^Summary: 1 model change\(s\); ' "one certificate renamed: one change"
expect_out '^    ~ B/isms#2$' "the renamed one is B's second ISMS by date"
expect_out '^        note: old-2 → renewed$' "its note changed"
expect_no_out 'valid-until:' "no date changed"

finish
