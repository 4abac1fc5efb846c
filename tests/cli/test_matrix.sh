#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# medscope matrix (issue 15 item 2): the 責任分界表 of each facility. The
# expected cells are derived by hand from rules.md and the model texts
# (see each case), not copied from the program's output:
#   最終責任 the facility (FAQ 5); RM the owner (§2); 考慮 considered_by;
#   提供 the provider; 運用/保守/開発 the supplier of such a contract
#   covering the system (the facility's own, or a chain contract); 契約 a
#   qualifying contract with the facility covering it; 未合意 a missing
#   requirement naming the facility and the system.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1
PY=/usr/bin/python3

# check_json MODEL EXPECTED-PYTHON-LITERAL WHAT: the JSON matrix equals it.
check_json() {
	run "$MEDSCOPE" matrix "$1" --format json --lang en
	cp "$WORK/out" "$WORK/m.json"
	$PY - "$WORK/m.json" "$2" >"$WORK/out" 2>&1 <<'PYEOF'
import ast, json, sys
d = json.load(open(sys.argv[1]))
want = ast.literal_eval(sys.argv[2])
got = {}
for t in d["matrix"]:
    got[t["facility"]] = {"parties": t["parties"],
                          "rows": [(r["system"], r["layer"], r["roles"]) for r in t["rows"]]}
if got != want:
    print("got ", got)
    print("want", want)
    sys.exit(1)
PYEOF
	RC=$?
	[ $RC -eq 0 ] && ok || fail "$3: $(cat "$WORK/out")"
}

# 03: H contracts A (service maintenance, ehr); A → B (service, paas); B → C
# (service, iaas). A owns every layer (selected-by-prime); only k1 is H's
# contract; k2/k3 are service only (no 運用/保守/開発); every H-A agreement
# is present (g1), B-C is missing but does not name H: no 未合意.
check_json examples/03-chain-a-b-c.xml "{'H': {'parties': ['H','A','B','C'], 'rows': [
  ('ehr','saas',{'H':['final'],'A':['rm','provider','maintenance','contract']}),
  ('paas','paas',{'H':['final'],'A':['rm'],'B':['provider']}),
  ('iaas','iaas',{'H':['final'],'A':['rm'],'C':['provider']})]}}" "03 chain A-B-C"

# 05: H signs k2 with B itself (selected-by A): B holds 契約 on iaas, A owns
# it (procured-by-prime); plat is A's own (prime-provider).
check_json examples/05-procured-by-a-signed-by-facility.xml "{'H': {'parties': ['H','A','B'], 'rows': [
  ('ehr','saas',{'H':['final'],'A':['rm','provider','maintenance','contract']}),
  ('plat','paas',{'H':['final'],'A':['rm','provider']}),
  ('iaas','iaas',{'H':['final'],'A':['rm'],'B':['provider','contract']})]}}" "05 procured by A, signed by H"

# 07: k1 H → A operation development (ehr); k2 A → B development (ehr), a
# chain contract H approves: B 開発 on ehr without a contract with H.
# Both systems on-premise: by id within the layer.
check_json examples/07-operation-development-split.xml "{'H': {'parties': ['H','A','B'], 'rows': [
  ('ehr','on-premise',{'H':['final'],'A':['rm','provider','operation','development','contract'],'B':['development']}),
  ('srv','on-premise',{'H':['final'],'A':['rm','provider']})]}}" "07 operation/development split"

# 03 without g1: H-A demarcation and risk (ehr) and the subcontracting
# approvals of k2 (paas) and k3 (iaas) are missing: A 未合意 on every row.
sed '/<agreement id="g1"/,/document=.*pdf"\/>/d' examples/03-chain-a-b-c.xml >"$WORK/03-no-g1.xml"
check_json "$WORK/03-no-g1.xml" "{'H': {'parties': ['H','A','B','C'], 'rows': [
  ('ehr','saas',{'H':['final'],'A':['rm','provider','maintenance','contract','missing-agreement']}),
  ('paas','paas',{'H':['final'],'A':['rm','missing-agreement'],'B':['provider']}),
  ('iaas','iaas',{'H':['final'],'A':['rm','missing-agreement'],'C':['provider']})]}}" "03 without g1"

# Facility-contracted (rules.md §2, FAQ 2.1): H contracts A for ehr and B
# for the iaas ehr runs on; B owns iaas, A goes into considered_by. H-B
# demarcation/risk and the H-A-B integration agreement are missing (iaas);
# the A-B change notification does not name H.
cat >"$WORK/fc.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<deployment xmlns="urn:medscope:deployment:1" name="facility contracts A and B" as-of="2026-11-01">
  <facility id="H" name="みなと病院" type="hospital"/>
  <vendor id="A" name="A社"><certification scheme="isms" valid-until="2027-06-30"/></vendor>
  <vendor id="B" name="B社"><certification scheme="isms" valid-until="2027-06-30"/></vendor>
  <system id="ehr" name="電子カルテ" provider="A" layer="saas" data="medical"><runs-on ref="iaas"/></system>
  <system id="iaas" name="B社 IaaS" provider="B" layer="iaas" data="medical"/>
  <contract id="k1" client="H" supplier="A" type="service" covers="ehr"/>
  <contract id="k2" client="H" supplier="B" type="service operation" covers="iaas"/>
  <agreement id="g1" parties="H A" topics="demarcation risk-management"/>
</deployment>
XML
check_json "$WORK/fc.xml" "{'H': {'parties': ['H','A','B'], 'rows': [
  ('ehr','saas',{'H':['final'],'A':['rm','provider','contract']}),
  ('iaas','iaas',{'H':['final'],'A':['considered','missing-agreement'],'B':['rm','provider','operation','contract','missing-agreement']})]}}" \
	"facility-contracted: 考慮 and 未合意"

# The terminal table: Japanese words, aligned by display width (a kanji or
# kana takes two columns: "H (みなと病院)" is 14 wide), no cell cut.
run "$MEDSCOPE" matrix "$WORK/fc.xml" --lang ja
expect_rc 1 "errors in the model: exit 1 as check"
expect_out '^責任分界表: H \(みなと病院\)$' "title names the facility"
expect_out '^レイヤー  システム  システム名  H \(みなと病院\)  A \(A社\)         B \(B社\)$' "header: the facility, then parties by id"
expect_out '^IaaS      iaas      B社 IaaS    最終責任        考慮、未合意    RM、提供、運用、契約、未合意$' "row aligned by display width"
expect_out '^  未合意: ' "legend"
run "$MEDSCOPE" matrix "$WORK/fc.xml" --lang en
expect_out '^IaaS   iaas    B社 IaaS     final responsibility  considered, not agreed  RM, provider, operation, contract, not agreed$' \
	"English words, the whole cell"

# CSV: one table, a facility column first; Markdown: a section per facility.
run "$MEDSCOPE" matrix "$WORK/fc.xml" --lang ja --format csv
expect_out '^.?.?.?医療機関等,レイヤー,システム,システム名,医療機関等の役割,A \(A社\),B \(B社\)' "CSV header"
expect_out '^H,IaaS,iaas,B社 IaaS,最終責任,考慮、未合意,RM、提供、運用、契約、未合意' "CSV row"
run "$MEDSCOPE" report "$WORK/fc.xml" --lang ja --format csv --table matrix --no-bom
expect_out '^医療機関等,レイヤー' "report --format csv --table matrix"
run "$MEDSCOPE" matrix "$WORK/fc.xml" --lang ja --format md
expect_out '^### 責任分界表: H \(みなと病院\)$' "Markdown section"
expect_out '^\| IaaS \| iaas \| B社 IaaS \| 最終責任 \| 考慮、未合意 \| RM、提供、運用、契約、未合意 \|$' "Markdown row"
run "$MEDSCOPE" report "$WORK/fc.xml" --lang ja --format md
expect_out '^## 3\. 責任分界表 \(医療機関等ごと\)$' "the Markdown report has the section"

# --facility: one table; an id that is no served facility is refused.
cat >"$WORK/two.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<deployment xmlns="urn:medscope:deployment:1" name="two clinics" as-of="2026-11-01">
  <facility id="H2" name="第二診療所" type="clinic"/>
  <facility id="H1" name="第一診療所" type="clinic"/>
  <vendor id="A" name="A社"><certification scheme="isms" valid-until="2027-06-30"/></vendor>
  <system id="ehr" name="電子カルテ" provider="A" layer="saas" data="medical"/>
  <contract id="k2" client="H2" supplier="A" type="service" covers="ehr"/>
  <contract id="k1" client="H1" supplier="A" type="service" covers="ehr"/>
</deployment>
XML
check_json "$WORK/two.xml" "{'H1': {'parties': ['H1','A'], 'rows': [('ehr','saas',{'H1':['final'],'A':['rm','provider','contract','missing-agreement']})]},
 'H2': {'parties': ['H2','A'], 'rows': [('ehr','saas',{'H2':['final'],'A':['rm','provider','contract','missing-agreement']})]}}" \
	"two facilities, by id"
run "$MEDSCOPE" matrix "$WORK/two.xml" --format json
$PY -c 'import json,sys; print([t["facility"] for t in json.load(open(sys.argv[1]))["matrix"]])' "$WORK/out" >"$WORK/order"
grep -q "\['H1', 'H2'\]" "$WORK/order" && ok || fail "facilities sorted by id: $(cat "$WORK/order")"
# Ids with names (issue 15): the facility, every column and every system.
$PY - "$WORK/out" >"$WORK/names" 2>&1 <<'PYEOF'
import json, sys
t = json.load(open(sys.argv[1]))["matrix"][0]
assert t["facility_name"] == "第一診療所", t
assert t["columns"] == [{"id": "H1", "name": "第一診療所", "kind": "facility"},
                        {"id": "A", "name": "A社", "kind": "vendor"}], t["columns"]
assert [c["id"] for c in t["columns"]] == t["parties"]
assert [(r["system"], r["name"]) for r in t["rows"]] == [("ehr", "電子カルテ")], t["rows"]
PYEOF
[ $? -eq 0 ] && ok || fail "matrix JSON names the facility, parties and systems: $(cat "$WORK/names")"
# The whole JSON report carries the same tables.
cp "$WORK/out" "$WORK/m-two.json"
run "$MEDSCOPE" report "$WORK/two.xml" --format json --fail-on never
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); m=json.load(open(sys.argv[2])); sys.exit(d["matrix"] != m["matrix"])' \
	"$WORK/out" "$WORK/m-two.json" && ok || fail "report --format json has the matrix of matrix --format json"
run "$MEDSCOPE" matrix "$WORK/two.xml" --facility H2 --lang en
expect_out '^Responsibility matrix: H2 \(第二診療所\)$' "--facility H2"
expect_no_out 'H1' "only H2"
run "$MEDSCOPE" matrix "$WORK/two.xml" --facility A --lang en
expect_rc 2 "--facility of a vendor"
expect_err "--facility: 'A' is no facility that a system is served to" "names the problem and the id"
run "$MEDSCOPE" scope "$WORK/two.xml" --facility H1
expect_rc 2 "--facility is matrix's only"
run "$MEDSCOPE" matrix "$WORK/two.xml" --format json -o "$WORK/m-out.json"
[ -s "$WORK/m-out.json" ] && ok || fail "-o writes the file"

finish
