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

# ---- tables: CSV, Markdown, HTML (issue 14 item 3) -------------------------
# examples/17: x1 suppresses missing-change-notification (A, B); its header
# comment derives the rest by hand.
EX17=examples/17-exceptions.xml
run "$MEDSCOPE" report $EX17 --format csv --table findings --lang en --fail-on never
expect_rc 0 "csv findings"
head -1 "$WORK/out" | grep -q ',Suppressed by exception' && ok || fail "CSV: a suppression column"
python3 - "$WORK/out" <<'PY2' && ok || fail "CSV: only the suppressed finding has the exception, its reason, approver and until"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
col = rows[0].index("Suppressed by exception")
marked = [r for r in rows[1:] if r[col]]
ok = (len(marked) == 1 and marked[0][1] == "missing-change-notification"
      and "exception x1" in marked[0][col] and "approved by H" in marked[0][col]
      and "until 2027-03-31" in marked[0][col] and "運用管理規程 第12条" in marked[0][col])
sys.exit(0 if ok else 1)
PY2
run "$MEDSCOPE" report $EX17 --format csv --table agreements --lang ja --fail-on never
grep -q ',"欠落$' "$WORK/out" && grep -q '^例外 x1 (承認: H、期限 2027-03-31): B社の変更は' "$WORK/out" && ok ||
	fail "CSV agreements: the requirement stays 欠落 with the exception beside it"
run "$MEDSCOPE" report $EX17 --format md --lang ja --fail-on never
expect_out '^- \*\*指摘:\*\* エラー 1 件、警告 3 件、注記 1 件、例外により抑制 1 件$' "Markdown summary counts it apart"
expect_out '^\| 警告 \| missing-change-notification \|.*\| 例外 x1 \(承認: H、期限 2027-03-31\): B社の変更は.* \|$' "Markdown row marked"
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format md --lang ja --fail-on never
expect_no_out '例外により抑制' "no suppressed count without exceptions"
run "$MEDSCOPE" report $EX17 --format html --lang ja --fail-on never -o "$WORK/17.html"
expect_rc 0 "html"
python3 - "$WORK/17.html" <<'PY2' && ok || fail "HTML: the suppressed finding only in its own <details> section, in both languages"
import sys, xml.etree.ElementTree as ET
doc = ET.parse(sys.argv[1]).getroot()
ns = {"h": "http://www.w3.org/1999/xhtml"}
def rows(root):
    return [tr for tr in root.iter() if tr.tag.endswith("tr")]
sec = [s for s in doc.iter() if s.tag.endswith("section") and s.get("id") == "findings"][0]
details = [d for d in sec.iter() if d.tag.endswith("details")]
inside = set()
for d in details:
    for tr in rows(d):
        inside.add(id(tr))
def text(tr):
    return "".join(tr.itertext())
mcn = [tr for tr in rows(sec) if "missing-change-notification" in text(tr)]
ok = (len(details) == 2 and all(d.get("class") == "suppressed" for d in details)
      and len(mcn) == 2 and all(id(tr) in inside for tr in mcn)
      and all("x1" in text(tr) and "2027-03-31" in text(tr) for tr in mcn)
      and all(len(rows(d)) == 2 for d in details))  # header + the one finding
sys.exit(0 if ok else 1)
PY2
grep -q '<summary>例外により抑制された指摘 (1)</summary>' "$WORK/17.html" && ok || fail "HTML: the section's heading counts it"
grep -q '<span class="badge warning">警告 3</span>' "$WORK/17.html" && ok || fail "HTML: the warning badge does not count it"

# ---- diagrams (issue 14 item 3) -----------------------------------------
# A missing agreement an exception accepts stays drawn, dotted and amber
# instead of red dashed, labelled with the exception, and the legend says so.
run "$MEDSCOPE" graph "$WORK/approved.xml" --lang ja -T dot -o "$WORK/approved.dot" --fail-on never
expect_rc 0 "graph with an accepted gap"
cp "$WORK/approved.dot" "$WORK/out"
expect_out '合意なし \(受容\):</TD></TR><TR><TD>変更通知</TD></TR><TR><TD>例外 x1 \(〜2027-03-31\)</TD>' "the edge names the exception and until"
expect_out 'style=dotted' "drawn dotted"
expect_no_out 'style=dashed' "not as a plain missing agreement"
expect_out '必要な合意が無い — 例外で受容 \(期限まで\)' "the legend explains it"
expect_no_out '>必要な合意が無い \(論点\)<' "no plain-missing legend row when none is drawn"
run "$MEDSCOPE" graph "$WORK/approved.xml" --lang en --as-of 2027-04-01 -T dot -o "$WORK/expired.dot" --fail-on never
cp "$WORK/expired.dot" "$WORK/out"
expect_out 'missing:</TD></TR><TR><TD>change notification</TD>' "past until: a plain missing agreement again"
expect_out 'style=dashed' "red dashed again"
expect_no_out 'accepted by an exception' "and no accepted legend row"

# ---- diff (issue 14 item 5) ---------------------------------------------
run "$MEDSCOPE" diff --lang en $GAP "$WORK/approved.xml"
expect_rc 0 "diff: adding the exception brings nothing to fail on"
expect_out '^  exceptions$' "the model's exceptions"
expect_out '^    \+ x1  missing-change-notification, subjects A B, approved by H, until 2027-03-31$' "exception added"
expect_out '^  Now suppressed by an exception \(1\)$' "now-suppressed section"
expect_out '\[missing-change-notification\] \(suppressed by exception x1\)$' "the finding, marked"
expect_out '^Exceptions: 1 finding\(s\) now suppressed, 0 no longer suppressed$' "summary"
run "$MEDSCOPE" diff --lang en "$WORK/approved.xml" $GAP
expect_out '^    - x1  missing-change-notification' "exception removed"
expect_out '^  No longer suppressed \(1\)$' "no-longer-suppressed section"
# Changed, and newly expired: as-of moved past until, and the reason edited.
sed -e 's|as-of="2026-11-01"|as-of="2027-04-01"|' -e 's|B社の変更はA社経由で通知|B社の変更はA社経由で通知 (再確認中)|' \
	"$WORK/approved.xml" >"$WORK/later.xml"
run "$MEDSCOPE" diff --lang en --fail-on warning "$WORK/approved.xml" "$WORK/later.xml"
expect_rc 1 "the finding back in the gate fails --fail-on warning"
expect_out '^    ~ x1$' "exception changed"
expect_out '^        reason: B社の変更はA社経由で通知 → B社の変更はA社経由で通知 \(再確認中\)$' "its reason"
expect_out '^    ! x1  expired \(until 2027-03-31, as of 2027-04-01\)$' "newly expired"
expect_out '^  No longer suppressed \(1\)$' "the finding no longer suppressed"
expect_out '\[exception-expired\]$' "exception-expired is a new finding"
run "$MEDSCOPE" diff --lang en --format json --fail-on never "$WORK/approved.xml" "$WORK/later.xml"
cp "$WORK/out" "$WORK/later-diff.json"
python3 - "$WORK/later-diff.json" <<'PY2' && ok || fail "diff JSON: exception changed and expired, the finding unchanged but no longer suppressed"
import json, sys
d = json.load(open(sys.argv[1]))
x = [e for e in d["model"] if e["kind"] == "exception"]
kinds = sorted(e["change"] for e in x)
f = [e for e in d["findings"] if e["code"] == "missing-change-notification"][0]
ok = (kinds == ["changed", "expired"] and all(e["id"] == "x1" for e in x)
      and f["state"] == "unchanged" and f["suppression"] == "no-longer-suppressed"
      and f["was_suppressed"]["exception"] == "x1" and "suppressed" not in f
      and d["summary"]["findings"]["no_longer_suppressed"] == 1
      and d["summary"]["introduced"]["warnings"] >= 1)
sys.exit(0 if ok else 1)
PY2
run "$MEDSCOPE" diff --format json --fail-on never $GAP "$WORK/approved.xml"
cp "$WORK/out" "$WORK/added-diff.json"
run "$MEDSCOPE" diff --format json --fail-on never $GAP examples/04-facility-contracts-a-and-b.xml
grep -q 'suppress' "$WORK/out" && fail "diff JSON without exceptions mentions no suppression" || ok
# SARIF: baselineState unaffected by suppression; suppressions[] tells.
run "$MEDSCOPE" diff --format sarif --fail-on never $GAP "$WORK/approved.xml" -o "$WORK/added.sarif"
expect_rc 0 "diff --format sarif"
python3 - "$WORK/added.sarif" <<'PY2' && ok || fail "diff SARIF: the accepted finding is unchanged, with suppressions[] and properties.suppression"
import json, sys
d = json.load(open(sys.argv[1]))
r = [x for x in d["runs"][0]["results"] if x["ruleId"] == "missing-change-notification"]
ok = (len(r) == 1 and r[0]["baselineState"] == "unchanged"
      and r[0]["suppressions"][0]["status"] == "accepted"
      and r[0]["properties"]["suppression"] == "now-suppressed")
sys.exit(0 if ok else 1)
PY2
if command -v node >/dev/null && [ -d tests/sarif/node_modules/ajv ]; then
	run node tests/sarif/validate-json.js schemas "$WORK/later-diff.json" "$WORK/added-diff.json"
	expect_rc 0 "the diffs validate against medscope-diff/1"
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['model'][0]['change']='expired'; d['model'][0]['kind']='party'; json.dump(d,open(sys.argv[2],'w'))" \
		"$WORK/later-diff.json" "$WORK/bad-expired.json"
	run node tests/sarif/validate-json.js schemas "$WORK/bad-expired.json"
	expect_rc 1 "the schema refuses 'expired' for anything but an exception"
	if [ -d tests/sarif/node_modules/ajv-draft-04 ]; then
		run node tests/sarif/validate.js "$WORK/added.sarif"
		expect_rc 0 "the diff's SARIF validates against the 2.1.0 schema"
	fi
fi

finish
