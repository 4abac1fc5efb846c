#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Accepted findings in CI (issue 14, rules.md §5): a model with one agreed
# gap fails `check --fail-on warning`; with the facility's approved
# exception it passes (the finding counted as suppressed); after --as-of
# passes `until` it fails again with exception-expired. A vendor-only
# approval is refused; --show-suppressed lists the finding marked; JSON and
# SARIF carry the suppression.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

# 04: one warning, missing-change-notification between A and B serving H.
GAP=examples/04-facility-contracts-a-and-b.xml
run "$MEDSCOPE" check --lang en --fail-on warning $GAP
expect_rc 1 "the agreed gap alone fails --fail-on warning"
expect_out '\[missing-change-notification\]$' "the gap is reported"

with() { # with FILE APPROVED-BY UNTIL
	sed "s|</deployment>|  <exception id=\"x1\" code=\"missing-change-notification\" subjects=\"A B\" approved-by=\"$2\" until=\"$3\" reason=\"B社の変更はA社経由で通知\"/>\n</deployment>|" $GAP >"$1"
}
with "$WORK/approved.xml" H 2027-03-31
run "$MEDSCOPE" check --lang en --fail-on warning "$WORK/approved.xml"
expect_rc 0 "with the facility's exception, --fail-on warning passes"
expect_no_out 'missing-change-notification' "the suppressed finding is hidden"
expect_err '^0 errors, 0 warnings, 0 notes in 1 model .*, 1 suppressed by exception$' "and counted"
run "$MEDSCOPE" check --lang ja --fail-on warning "$WORK/approved.xml"
expect_err '、例外により抑制 1 件$' "Japanese summary"

run "$MEDSCOPE" check --lang en --show-suppressed --fail-on warning "$WORK/approved.xml"
expect_rc 0 "--show-suppressed does not change the status"
expect_out '\[missing-change-notification\] \(suppressed by exception x1 until 2027-03-31: B社の変更はA社経由で通知\)$' \
	"--show-suppressed lists it marked"

run "$MEDSCOPE" check --lang en --fail-on warning --as-of 2027-03-31 "$WORK/approved.xml"
expect_rc 0 "until equal to as-of still applies"
run "$MEDSCOPE" check --lang en --fail-on warning --as-of 2027-04-01 "$WORK/approved.xml"
expect_rc 1 "past until, the gate fails again"
expect_out 'warning: Exception x1 \(missing-change-notification\) expired on 2027-03-31 \[exception-expired\]$' \
	"exception-expired"
expect_out '\[missing-change-notification\]$' "and the finding is back"

with "$WORK/vendor.xml" A 2027-03-31
run "$MEDSCOPE" check --lang en --fail-on warning "$WORK/vendor.xml"
expect_rc 1 "a vendor-only approval does not apply"
expect_out 'error: Exception x1 .* \[exception-unapproved\]$' "exception-unapproved"
expect_out '\[missing-change-notification\]$' "the finding stays"

# JSON: the finding carries the suppression, the summary counts it apart.
run "$MEDSCOPE" report "$WORK/approved.xml" --format json --fail-on never
expect_rc 0 "report --format json"
grep -q '"suppressed": {' "$WORK/out" && ok || fail "findings[].suppressed"
grep -q '"exception": "x1"' "$WORK/out" && ok || fail "suppressed.exception"
grep -q '"suppressed": 1' "$WORK/out" && ok || fail "summary.suppressed"
# The requirement stays missing.
python3 - "$WORK/out" <<'PY' && ok || fail "requirement still missing with the exception"
import json, sys
d = json.load(open(sys.argv[1]))
q = [a for a in d["agreements"] if a["code"] == "missing-change-notification"]
sys.exit(0 if q and all(a["status"] == "missing" for a in q) else 1)
PY

# SARIF: suppressions[] as code scanning reads them.
run "$MEDSCOPE" report "$WORK/approved.xml" --format sarif --fail-on never -o "$WORK/approved.sarif"
expect_rc 0 "report --format sarif"
python3 - "$WORK/approved.sarif" <<'PY' && ok || fail "SARIF suppressions[] kind inSource, status accepted, justification"
import json, sys
d = json.load(open(sys.argv[1]))
r = [x for x in d["runs"][0]["results"] if x["ruleId"] == "missing-change-notification"]
s = r[0]["suppressions"][0]
sys.exit(0 if s["kind"] == "inSource" and s["status"] == "accepted" and s["justification"] else 1)
PY
if command -v node >/dev/null && [ -d tests/sarif/node_modules/ajv-draft-04 ]; then
	run node tests/sarif/validate.js "$WORK/approved.sarif"
	expect_rc 0 "the SARIF log with suppressions validates against the 2.1.0 schema"
fi

# Loader: a misspelt code gets a hint, located.
sed 's|code="missing-change-notification"|code="missing-change-notfication"|' "$WORK/approved.xml" >"$WORK/typo.xml"
run "$MEDSCOPE" check --lang en "$WORK/typo.xml"
expect_rc 2 "a misspelt code is refused"
expect_err "typo\\.xml:[0-9]+:[0-9]+: error: <exception>: attribute 'code': 'missing-change-notfication' is not a finding code; did you mean 'missing-change-notification'\\?" \
	"did you mean"

finish
