#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# report --format xlsx (issue 15 item 3): the workbook read back with
# openpyxl (Debian python3-openpyxl) must hold the JSON report's values:
# party ids, names and scope; ownership entries; requirement codes,
# parties, systems and status; finding codes, subjects, lines and columns
# (numbers); the 責任分界表 of each facility cell by cell, from the JSON
# "matrix" and the vocabulary's words. Every sheet also equals the CSV of
# the same table (one row builder). Header rows frozen, autofilter on,
# widths by display columns; sheet names within Excel's rules. Written
# atomically; -o required; LibreOffice headless opens and converts it when
# it is installed.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1
PY=/usr/bin/python3
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	echo "SKIP: python3-openpyxl is not installed"
	exit 77
fi

# compare MODEL LANG: workbook == JSON report == CSV tables.
compare() {
	local model=$1 lang=$2 x="$WORK/r.$2.xlsx"
	run "$MEDSCOPE" report "$model" --format xlsx --lang "$lang" -o "$x"
	[ "$RC" -le 1 ] && [ -s "$x" ] && ok || fail "xlsx of $model ($lang): exit $RC $(cat "$WORK/err")"
	"$MEDSCOPE" report "$model" --format json --lang "$lang" >"$WORK/r.json"
	"$MEDSCOPE" report "$model" --format json --lang "$lang" --table matrix >"$WORK/m.json"
	for t in scope owners agreements findings matrix; do
		"$MEDSCOPE" report "$model" --format csv --no-bom --lang "$lang" --table $t >"$WORK/$t.csv"
	done
	$PY - "$x" "$WORK" "$lang" >"$WORK/cmp" 2>&1 <<'PYEOF'
import csv, datetime, json, re, sys, unicodedata
import xml.etree.ElementTree as ET
import openpyxl
xlsx, work, lang = sys.argv[1:4]
ja = lang == "ja"
wb = openpyxl.load_workbook(xlsx)
r = json.load(open(f"{work}/r.json"))
m = json.load(open(f"{work}/m.json"))
bad = []
def check(cond, what):
    if not cond:
        bad.append(what)
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
def rows(ws):
    return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
names = ["対象範囲", "責任主体", "必要な合意", "指摘事項"] if ja else ["parties", "owners", "agreements", "findings"]
check(wb.sheetnames[:4] == names, f"sheet names {wb.sheetnames}")
for ws in wb.worksheets:
    check(len(ws.title) <= 31 and not any(c in ws.title for c in "[]:*?/\\"), f"sheet name {ws.title!r}")
    check(ws.freeze_panes == "A2", f"{ws.title}: header not frozen ({ws.freeze_panes})")
    check(bool(ws.auto_filter.ref), f"{ws.title}: no autofilter")
    for col, cell in enumerate(next(ws.iter_rows(max_row=1, values_only=True))):
        letter = openpyxl.utils.get_column_letter(col + 1)
        w = ws.column_dimensions[letter].width
        check(w is not None and w >= min(width(str(cell)), 60), f"{ws.title}!{letter}: width {w} for {cell!r}")
# Every table sheet is its CSV, cell by cell (numbers as their digits).
tables = dict(zip(names, ["scope", "owners", "agreements", "findings"]))
for name, t in tables.items():
    want = list(csv.reader(open(f"{work}/{t}.csv", encoding="utf-8", newline="")))
    got = [[v.strftime("%Y-%m-%d") if isinstance(v, datetime.datetime) else str(v) if isinstance(v, int) else v
            for v in row] for row in rows(wb[name])]
    check(got == want, f"{name}: differs from its CSV\n got {got[:3]}\nwant {want[:3]}")
    # Dates are Excel dates (a certification's expiry, an agreement's date
    # and review-by), counts numbers (missing agreements, line, column).
    kinds = {"scope": {8: datetime.datetime, 10: int}, "agreements": {8: datetime.datetime, 9: datetime.datetime},
             "findings": {4: int, 5: int}}.get(t, {})
    for raw, row in zip(want[1:], rows(wb[name])[1:]):
        for col, typ in kinds.items():
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d+", raw[col]):
                check(isinstance(row[col], typ), f"{name}: {raw[col]!r} in column {col} is {type(row[col]).__name__}")
# The JSON's values.
ps = rows(wb[names[0]])[1:]
check([p[0] for p in ps] == [p["id"] for p in r["parties"]], "parties: ids")
check([p[1] for p in ps] == [p["name"] for p in r["parties"]], "parties: names")
inw = "対象事業者" if ja else "in scope"
check([p[3] == inw for p in ps] == [p["in_scope"] for p in r["parties"]], "parties: scope")
own = [(s["id"], e["facility"], e["owner"]) for s in r["systems"] for e in s["ownership"]]
check([tuple(o[i] for i in (0, 3, 5)) for o in rows(wb[names[1]])[1:]] == own, "owners: entries")
ag = rows(wb[names[2]])[1:]
check([a[5] for a in ag] == [a["code"] for a in r["agreements"]], "agreements: codes")
def ids_in(cell, ids):  # "A (A社), B (B社)": the ids, in order, each with its name or alone
    return re.fullmatch(", ".join(re.escape(i) + r"( \([^\n]*?\))?" for i in ids), cell) is not None
check(all(ids_in(a[1], x["parties"]) for a, x in zip(ag, r["agreements"])), "agreements: parties")
check(all(ids_in(a[2], x["systems"]) for a, x in zip(ag, r["agreements"])), "agreements: systems")
present = "合意あり" if ja else "present"
check([a[3].startswith(present) for a in ag] == [a["status"] == "present" for a in r["agreements"]], "agreements: status")
fs = rows(wb[names[3]])[1:]
check([f[1] for f in fs] == [f["code"] for f in r["findings"]], "findings: codes")
check([f[3] for f in fs] == [", ".join(f["subjects"]) for f in r["findings"]], "findings: subjects")
check([(f[4], f[5]) for f in fs] == [(f["line"], f["column"]) for f in r["findings"]], "findings: line, column")
check(all(isinstance(f[4], int) for f in fs), "findings: lines are numbers")
# The 責任分界表: a sheet per facility (30 or fewer), cells = the JSON roles.
ns = {"v": "urn:medscope:vocabulary:1"}
voc = ET.parse("models/vocabulary.xml").getroot()
word = {w.get("code"): w.get(lang) for w in voc.find("v:list[@name='matrix-role']", ns)}
layer = {w.get("code"): w.get(lang) for w in voc.find("v:list[@name='layer']", ns)}
sep = "、" if ja else ", "
mx = m["matrix"]
if len(mx) <= 30:
    check(len(wb.sheetnames) == 4 + len(mx), f"one matrix sheet per facility: {wb.sheetnames}")
    for ws, t in zip(wb.worksheets[4:], mx):
        cells = rows(ws)
        check([c.split(" ")[0] for c in cells[0][3:]] == t["parties"], f"{ws.title}: party columns {cells[0]}")
        check([c[1] for c in cells[1:]] == [x["system"] for x in t["rows"]], f"{ws.title}: rows")
        for c, x in zip(cells[1:], t["rows"]):
            check(c[0] == layer[x["layer"]], f"{ws.title}: layer of {x['system']}")
            want = [sep.join(word[k] for k in x["roles"].get(p, [])) for p in t["parties"]]
            check(c[3:] == want, f"{ws.title}/{x['system']}: {c[3:]} != {want}")
else:
    check(len(wb.sheetnames) == 5, f"one matrix sheet past 30 facilities: {wb.sheetnames}")
    cells = rows(wb.worksheets[4])
    want = list(csv.reader(open(f"{work}/matrix.csv", encoding="utf-8", newline="")))
    check(cells == want, "the one matrix sheet is the matrix CSV")
    check(sorted({c[0] for c in cells[1:]}) == sorted(t["facility"] for t in mx), "facility column")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PYEOF
	[ $? -eq 0 ] && ok || fail "workbook of $model ($lang) vs JSON/CSV: $(cat "$WORK/cmp")"
}

for ex in 03-chain-a-b-c 04-facility-contracts-a-and-b 07-operation-development-split 11-regional-network 15-risk-acceptance; do
	compare examples/$ex.xml ja
done
compare examples/02-vendor-selects-iaas.xml en

# 31 clinics of one EHR: one matrix sheet with a facility column; ids long
# enough that "責任分界表 ID" must be cut to 31 characters, and unique.
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<deployment xmlns="urn:medscope:deployment:1" name="31 clinics" as-of="2026-11-01">'
	echo '  <vendor id="A" name="A社"><certification scheme="isms" valid-until="2027-06-30"/></vendor>'
	echo '  <system id="ehr" name="電子カルテ" provider="A" layer="saas" data="medical"/>'
	for i in $(seq 10 40); do
		echo "  <facility id=\"clinic-$i\" name=\"クリニック $i\" type=\"clinic\"/>"
		echo "  <contract id=\"k$i\" client=\"clinic-$i\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>"
	done
	echo '</deployment>'
} >"$WORK/31.xml"
compare "$WORK/31.xml" ja
# Two facilities whose ids differ only past the 31st character.
{
	echo '<?xml version="1.0" encoding="UTF-8"?>'
	echo '<deployment xmlns="urn:medscope:deployment:1" name="long ids" as-of="2026-11-01">'
	echo '  <vendor id="A" name="A社"/>'
	echo '  <system id="ehr" name="電子カルテ" provider="A" layer="saas" data="medical"/>'
	for i in 1 2; do
		echo "  <facility id=\"hospital-with-a-very-long-identifier-$i\" name=\"病院 $i\" type=\"hospital\"/>"
		echo "  <contract id=\"k$i\" client=\"hospital-with-a-very-long-identifier-$i\" supplier=\"A\" type=\"service\" covers=\"ehr\"/>"
	done
	echo '</deployment>'
} >"$WORK/long.xml"
compare "$WORK/long.xml" en
$PY -c 'import openpyxl,sys; print("\n".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$WORK/r.en.xlsx" >"$WORK/names"
grep -qx 'matrix hospital-with-a-very-lon' "$WORK/names" && grep -qx 'matrix hospital-with-a-very-l~2' "$WORK/names" && ok ||
	fail "long sheet names cut to 31 and made unique: $(tr '\n' '|' <"$WORK/names")"

# -o is required; never a binary to a terminal, a pipe or stdout.
run "$MEDSCOPE" report examples/03-chain-a-b-c.xml --format xlsx --lang en
expect_rc 2 "no -o"
expect_err 'give -o FILE.xlsx' "says what to do"
run "$MEDSCOPE" report examples/03-chain-a-b-c.xml --format xlsx --lang en -o /dev/null
expect_rc 2 "-o a device"
expect_err 'not a device or pipe' "names the reason"
# Atomic: a failed write leaves the old file, and no temporary file.
echo old >"$WORK/keep.xlsx"
touch "$WORK/not-a-dir"
run "$MEDSCOPE" report examples/03-chain-a-b-c.xml --format xlsx -o "$WORK/not-a-dir/x.xlsx"
expect_rc 2 "an impossible path"
run "$MEDSCOPE" report "$WORK/missing.xml" --format xlsx -o "$WORK/keep.xlsx"
expect_rc 2 "an unreadable model"
[ "$(cat "$WORK/keep.xlsx")" = old ] && ok || fail "the old file was replaced"
ls -a "$WORK" | grep -q '^\.keep\.xlsx\.' && fail "a temporary file was left" || ok

# LibreOffice headless (libreoffice-calc-nogui) opens it and converts a sheet.
if command -v soffice >/dev/null; then
	mkdir -p "$WORK/lo"
	run timeout 120 soffice --headless -env:UserInstallation=file://$WORK/lo-profile \
		--convert-to csv --outdir "$WORK/lo" "$WORK/r.ja.xlsx"
	expect_rc 0 "LibreOffice converts the workbook"
	grep -q 'clinic-10' "$WORK/lo/r.ja.csv" 2>/dev/null && ok || fail "LibreOffice's CSV of the first sheet: $(head -3 "$WORK/lo/r.ja.csv" 2>&1)"
else
	echo "note: soffice not installed; LibreOffice check skipped"
fi

finish
