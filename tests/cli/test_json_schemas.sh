#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The JSON Schemas of the three JSON formats (schemas/, installed in
# share/medscope/schemas): every example's `report --format json` (both
# languages, and the scope/owners subsets), `diff --format json` of the
# change pair both ways and of example pairs, and `impact --format json` of
# every party and system of several examples validate against them
# (tests/sarif/validate-json.js, ajv draft 2020-12). The schemas' code
# enumerations agree with the catalog, and a broken document is rejected.
# Without node or ajv the test is skipped on a developer's machine and
# FAILS under CI=true, where tests/run-all.sh installs both.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

missing=
command -v node >/dev/null || missing="node is not installed (apt-get install nodejs npm)"
[ -n "$missing" ] || [ -d tests/sarif/node_modules/ajv ] \
	|| missing="ajv is not installed (run 'npm ci' in tests/sarif)"
if [ -n "$missing" ]; then
	if [ "${CI:-}" = true ]; then
		run true
		fail "$missing"
		finish
	fi
	echo "SKIP: $missing"
	exit 0
fi
# The schemas as installed (share/medscope/schemas) are the ones checked.
BUILD=$(cd "$(dirname "$MEDSCOPE")/.." && pwd)
run cmake --install "$BUILD" --prefix "$WORK/prefix"
expect_rc 0 "cmake --install"
SCHEMAS=$WORK/prefix/share/medscope/schemas
for f in report diff impact; do
	cmp -s "schemas/medscope-$f-1.schema.json" "$SCHEMAS/medscope-$f-1.schema.json" && ok \
		|| fail "medscope-$f-1.schema.json is installed in share/medscope/schemas"
done
validate() { node tests/sarif/validate-json.js "$SCHEMAS" "$@"; }

# ---- report: every example, both languages, and the subsets ----------
reports=()
# The split example, and example 03 with notes on an agreement and a
# contract (requirements' "notes").
sed -e 's|<agreement id="g1"|<agreement id="g1" note="年1回見直し"|' -e 's|<contract id="k2"|<contract id="k2" note="2027年更改"|' \
	examples/03-chain-a-b-c.xml >"$WORK/noted.xml"
for model in examples/*.xml examples/change/*.xml examples/20-split/main.xml "$WORK/noted.xml"; do
	name=$(basename "$model" .xml)
	for lang in en ja; do
		out=$WORK/report.$name.$lang.json
		"$MEDSCOPE" report "$model" --format json --lang "$lang" --fail-on never >"$out"
		reports+=("$out")
	done
done
# The subsets: the same format with only some arrays.
for name in 02-vendor-selects-iaas 11-regional-network 14-overseas-storage; do
	"$MEDSCOPE" scope "examples/$name.xml" --format json --fail-on never >"$WORK/scope.$name.json"
	"$MEDSCOPE" owners "examples/$name.xml" --format json --fail-on never >"$WORK/owners.$name.json"
	"$MEDSCOPE" report "examples/$name.xml" --format json --table findings --fail-on never \
		>"$WORK/findings.$name.json"
	"$MEDSCOPE" matrix "examples/$name.xml" --format json --fail-on never >"$WORK/matrix.$name.json"
	reports+=("$WORK/scope.$name.json" "$WORK/owners.$name.json" "$WORK/findings.$name.json"
		"$WORK/matrix.$name.json")
done
# A 40-deep selection chain: vias with via_prefix and the chains array.
bash tests/gen/selchain.sh 40 >"$WORK/selchain40.xml"
"$MEDSCOPE" report "$WORK/selchain40.xml" --format json --fail-on never >"$WORK/report.selchain40.json"
reports+=("$WORK/report.selchain40.json")
[ "${#reports[@]}" -ge 49 ] && ok || fail "expected reports of every example, have ${#reports[@]}"
run validate "${reports[@]}"
expect_rc 0 "every report validates against medscope-report/1"

# ---- diff: the change pair both ways, each example against the next ---
diffs=()
"$MEDSCOPE" diff examples/change/before.xml examples/change/after.xml --format json --fail-on never \
	>"$WORK/diff.change.json"
"$MEDSCOPE" diff examples/change/after.xml examples/change/before.xml --format json --fail-on never \
	>"$WORK/diff.change-reversed.json"
"$MEDSCOPE" diff examples/change/after.xml examples/change/after.xml --format json --fail-on never \
	>"$WORK/diff.change-same.json"
diffs+=("$WORK/diff.change.json" "$WORK/diff.change-reversed.json" "$WORK/diff.change-same.json")
prev=
for model in examples/*.xml; do
	if [ -n "$prev" ]; then
		out=$WORK/diff.$(basename "$prev" .xml).$(basename "$model" .xml).json
		"$MEDSCOPE" diff "$prev" "$model" --format json --lang ja --fail-on never >"$out"
		diffs+=("$out")
	fi
	prev=$model
done
[ "${#diffs[@]}" -ge 18 ] && ok || fail "expected 18 diffs, have ${#diffs[@]}"
run validate "${diffs[@]}"
expect_rc 0 "every diff validates against medscope-diff/1"
# The pair exercises every part: elements changed (attributes), scope,
# ownership, agreements and new findings; the reversal resolved ones.
python3 - "$WORK/diff.change.json" "$WORK/diff.change-reversed.json" <<'EOF' && ok || fail "the change pair covers every part of the diff"
import json, sys
d, r = (json.load(open(f)) for f in sys.argv[1:])
assert any(e["change"] == "changed" for e in d["model"])
assert d["scope"] and d["ownership"] and d["agreements"]
assert {f["state"] for f in d["findings"]} == {"new"}
assert {f["state"] for f in r["findings"]} == {"resolved"}
EOF

# ---- impact: every party and system of four examples -----------------
impacts=()
for name in 02-vendor-selects-iaas 04-facility-contracts-a-and-b 11-regional-network 14-overseas-storage; do
	for id in $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(' '.join([p['id'] for p in d['parties']] + [s['id'] for s in d['systems']]))" \
		"$WORK/report.$name.en.json"); do
		out=$WORK/impact.$name.$id.json
		"$MEDSCOPE" impact "examples/$name.xml" "$id" --format json --fail-on never >"$out"
		impacts+=("$out")
	done
done
[ "${#impacts[@]}" -ge 20 ] && ok || fail "expected impacts of every id, have ${#impacts[@]}"
run validate "${impacts[@]}"
expect_rc 0 "every impact validates against medscope-impact/1"
# Between them they hold notification pairs, gaps and duties.
python3 - "${impacts[@]}" <<'EOF' && ok || fail "the impacts exercise pairs, gaps and ownership"
import json, sys
docs = [json.load(open(f)) for f in sys.argv[1:]]
assert any(d["pairs"] for d in docs)
assert any(p["uncovered"] for d in docs for p in d["pairs"])
assert any(d["ownership"] for d in docs)
assert {d["target"]["kind"] for d in docs} >= {"vendor", "facility", "system"}
EOF

# ---- the enumerations are the catalog's codes ------------------------
run python3 - "$MEDSCOPE" <<'EOF'
import json, subprocess, sys, xml.etree.ElementTree as ET
schema = json.load(open("schemas/medscope-report-1.schema.json"))["$defs"]
kinds = {}
for line in subprocess.run([sys.argv[1], "rules"], capture_output=True, text=True, check=True).stdout.splitlines():
    code, kind = line.split()[:2]
    kinds.setdefault(kind, set()).add(code)
def enum(name):
    d = schema[name]
    if "anyOf" in d:
        return set().union(*(set(schema[a["$ref"].split("/")[-1]]["enum"]) if "$ref" in a else set(a["enum"]) for a in d["anyOf"]))
    return set(d["enum"])
checks = {
    "scope_code": kinds["scope-in"] | kinds["scope-out"],
    "basis_code": kinds["ownership"],
    "agreement_code": kinds["agreement"],
    "finding_code": kinds["agreement"] | kinds["finding"],
}
ns = {"v": "urn:medscope:vocabulary:1"}
vocab = ET.parse("models/vocabulary.xml").getroot()
for schema_name, list_name in [("party_kind", "party-kind"), ("category", "category"), ("layer", "layer"),
                               ("topic", "topic"), ("cert_scheme", "cert-scheme"), ("severity", "severity"),
                               ("matrix_role", "matrix-role")]:
    l = vocab.find(f"v:list[@name='{list_name}']", ns)
    checks[schema_name] = {w.get("code") for w in l.findall("v:word", ns)}
bad = [f"{k}: schema {sorted(enum(k))} catalog {sorted(v)}" for k, v in checks.items() if enum(k) != v]
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
expect_rc 0 "the schema's enumerations are the catalog's and the vocabulary's codes"

# ---- the schemas can fail --------------------------------------------
# Each broken copy of a valid document must be rejected, for its reason.
break_doc() { # SRC OUT PYTHON-STATEMENT (on d)
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $3; json.dump(d, open(sys.argv[2], 'w'))" "$1" "$2"
}
R=$WORK/report.14-overseas-storage.en.json
break_doc "$R" "$WORK/bad-fp.json" "del d['findings'][0]['fingerprint']"
break_doc "$R" "$WORK/bad-code.json" "d['findings'][0]['code'] = 'no-such-rule'"
break_doc "$R" "$WORK/bad-cat.json" "d['parties'][0]['in_scope'] = False"
break_doc "$R" "$WORK/bad-fmt.json" "d['format'] = 'medscope-report/2'"
break_doc "$R" "$WORK/bad-sum.json" "del d['summary']"
break_doc "$R" "$WORK/bad-status.json" "a = d['agreements'][0]; a['status'] = 'missing'; a['satisfied_by'] = 'g1'"
# The 責任分界表: a role outside the vocabulary, a column without its name.
break_doc "$R" "$WORK/bad-role.json" "d['matrix'][0]['rows'][0]['roles'][d['matrix'][0]['facility']] = ['boss']"
break_doc "$R" "$WORK/bad-col.json" "del d['matrix'][0]['columns'][0]['name']"
for bad in fp code cat fmt sum status role col; do
	run validate "$WORK/bad-$bad.json"
	expect_rc 1 "a report with a broken $bad is rejected"
done
run validate "$WORK/bad-fp.json"
expect_out "must have required property 'fingerprint'" "the missing key is named"
run validate "$WORK/bad-cat.json"
expect_out "/parties/0/category must be null" "out of scope with a category is named"
D=$WORK/diff.change.json
break_doc "$D" "$WORK/bad-state.json" "d['findings'][0]['state'] = 'gone'"
break_doc "$D" "$WORK/bad-attrs.json" "[e.pop('attributes') for e in d['model'] if e['change'] == 'changed']"
for bad in state attrs; do
	run validate "$WORK/bad-$bad.json"
	expect_rc 1 "a diff with a broken $bad is rejected"
done
I=$WORK/impact.02-vendor-selects-iaas.B.json
break_doc "$I" "$WORK/bad-depth.json" "d['systems'][0]['depth'] = '1'"
break_doc "$I" "$WORK/bad-pair.json" "d['pairs'][0]['kind'] = 'contract'"
for bad in depth pair; do
	run validate "$WORK/bad-$bad.json"
	expect_rc 1 "an impact with a broken $bad is rejected"
done
finish
