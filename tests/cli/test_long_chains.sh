#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# Long selection chains in the JSON report and the tables (issue 13 item 2;
# docs/ci.md): a via of more than 16 ids keeps its last 1-16 and names the
# chain before them with via_prefix, an entry of the top-level `chains`
# array written once; expanded, every via is exactly the chain (k0 ... ki
# for s(i), by rules.md §2), up to 16 ids nothing changes and no `chains`
# key is written, and the document grows linearly with the chain. Tables
# show a long via as its first and last 8 ids around "… N more …".
source "$SRC/tests/cli/lib.sh"
cd "$WORK" || exit 1
GEN=$SRC/tests/gen/selchain.sh

bash "$GEN" 40 >sel40.xml
run "$MEDSCOPE" report --format json --fail-on never sel40.xml
expect_rc 0 "report of a 40-deep selection chain"
cp "$WORK/out" sel40.json
run python3 - sel40.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
chains = {c["id"]: c for c in d["chains"]}
def whole(o):
    return (whole(chains[o["via_prefix"]]) if "via_prefix" in o else []) + o["via"]
bad = []
# Each entry once, 16 ids, its prefix an earlier entry.
ids = [c["id"] for c in d["chains"]]
if ids != ["c%d" % (i + 1) for i in range(len(ids))] or len(ids) != 2:
    bad.append("chains are %s, expected c1, c2 (prefixes of 16 and 32)" % ids)
for i, c in enumerate(d["chains"]):
    if len(c["via"]) != 16 or ("via_prefix" in c) != (i > 0):
        bad.append("chain entry %s" % c)
for s in d["systems"]:
    i = int(s["id"][1:])
    (o,) = s["ownership"]
    want = ["k%d" % j for j in range(i + 1)]
    if whole(o) != want:
        bad.append("%s: via %s" % (s["id"], whole(o)))
    if len(o["via"]) > 16 or ("via_prefix" in o) != (i + 1 > 16):
        bad.append("%s: %d inline ids, via_prefix %s" % (s["id"], len(o["via"]), "via_prefix" in o))
    if i == 16 and (o["via_prefix"] != "c1" or o["via"] != ["k16"]):
        bad.append("s16: %s" % o)
for p in d["parties"]:
    for r in p["reasons"]:
        if len(whole(r)) > 2 and r["code"] != "direct-contract":
            bad.append("%s: reason via %s" % (p["id"], whole(r)))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
expect_rc 0 "every via expands to its chain; entries of 16, shared"

# Up to 16: as before, no chains key.
bash "$GEN" 16 >sel16.xml
"$MEDSCOPE" report --format json --fail-on never sel16.xml >sel16.json
grep -q '"chains"' sel16.json && fail "a 16-deep chain has a chains array" || ok
grep -q '"via_prefix"' sel16.json && fail "a 16-deep chain has via_prefix" || ok
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
(o,) = [s for s in d["systems"] if s["id"] == "s15"][0]["ownership"]
sys.exit(0 if o["via"] == ["k%d" % i for i in range(16)] else 1)' sel16.json && ok \
	|| fail "s15's via of 16 written whole"

# Linear: twice the chain, at most 2.3 times the document (it was 4x).
bash "$GEN" 400 >sel400.xml
bash "$GEN" 800 >sel800.xml
a=$("$MEDSCOPE" report --format json --fail-on never sel400.xml | wc -c)
b=$("$MEDSCOPE" report --format json --fail-on never sel800.xml | wc -c)
awk -v a="$a" -v b="$b" 'BEGIN { exit b <= 2.3 * a ? 0 : 1 }' && ok \
	|| fail "report JSON of 400 -> 800: $a -> $b bytes"
a=$("$MEDSCOPE" owners --fail-on never sel400.xml | wc -c)
b=$("$MEDSCOPE" owners --fail-on never sel800.xml | wc -c)
awk -v a="$a" -v b="$b" 'BEGIN { exit b <= 2.3 * a ? 0 : 1 }' && ok \
	|| fail "owners table of 400 -> 800: $a -> $b bytes"

# Tables: first and last 8 around the count, in both languages.
run "$MEDSCOPE" owners --lang en --fail-on never sel40.xml
expect_out '^s39 .* k0,k1,k2,k3,k4,k5,k6,k7,… 24 more …,k32,k33,k34,k35,k36,k37,k38,k39$' "owners: s39's via elided"
expect_out '^s15 .* k0,k1,k2,k3,k4,k5,k6,k7,k8,k9,k10,k11,k12,k13,k14,k15$' "owners: s15's via of 16 whole"
run "$MEDSCOPE" owners --lang ja --fail-on never sel40.xml
expect_out 'k7,…他 24 件…,k32' "owners --lang ja: elided"
run "$MEDSCOPE" report --format csv --table owners --fail-on never sel40.xml
expect_out '^s39,.*,k0 → k1 → k2 → k3 → k4 → k5 → k6 → k7 → … 24 more … → k32 → .* → k39' "CSV owners: elided"
finish
