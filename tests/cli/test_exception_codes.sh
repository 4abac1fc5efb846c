#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The codes an <exception> takes are the same set everywhere (issue 14):
# the rule catalog's finding codes (agreement and finding rules, minus the
# exceptions' own exception-*), the XSD's findingCode enumeration,
# docs/model.md's list, and what the loader accepts (each one validates;
# exception-* and a scope code are refused).
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

run "$MEDSCOPE" rules
expect_rc 0 "medscope rules"
awk '($2 == "agreement" || $2 == "finding") && $1 !~ /^exception-/ { print $1 }' "$WORK/out" | sort >"$WORK/catalog"
[ "$(wc -l <"$WORK/catalog")" -ge 20 ] && ok || fail "the catalog lists the finding codes ($(wc -l <"$WORK/catalog"))"

python3 - models/deployment.xsd >"$WORK/xsd" <<'PY'
import sys, xml.etree.ElementTree as ET
XS = "{http://www.w3.org/2001/XMLSchema}"
root = ET.parse(sys.argv[1]).getroot()
t = [s for s in root.iter(XS + "simpleType") if s.get("name") == "findingCode"][0]
print("\n".join(sorted(e.get("value") for e in t.iter(XS + "enumeration"))))
PY
diff "$WORK/catalog" "$WORK/xsd" >"$WORK/d" && ok || fail "XSD findingCode differs from the catalog: $(tr '\n' ' ' <"$WORK/d")"

grep -m1 '^`code` takes a finding code:' docs/model.md | grep -oE '`[a-z0-9-]+`' | tr -d '`' | grep -v '^code$' | sort >"$WORK/doc"
diff "$WORK/catalog" "$WORK/doc" >"$WORK/d" && ok || fail "docs/model.md's code list differs from the catalog: $(tr '\n' ' ' <"$WORK/d")"

# The loader: every code accepted, one exception each.
GAP=examples/04-facility-contracts-a-and-b.xml
{
	sed '/<\/deployment>/d' $GAP
	n=0
	while read -r code; do
		n=$((n + 1))
		echo "  <exception id=\"x$n\" code=\"$code\" subjects=\"A\" approved-by=\"H\" until=\"2027-03-31\" reason=\"r\"/>"
	done <"$WORK/catalog"
	echo "</deployment>"
} >"$WORK/all.xml"
run "$MEDSCOPE" validate "$WORK/all.xml"
expect_rc 0 "the loader accepts every finding code of the catalog"
if command -v xmllint >/dev/null; then
	run xmllint --noout --schema models/deployment.xsd "$WORK/all.xml"
	expect_rc 0 "and so does the XSD"
fi
for code in exception-unused exception-expired exception-unapproved direct-contract prime-provider; do
	sed "s|</deployment>|  <exception id=\"x\" code=\"$code\" subjects=\"A\" approved-by=\"H\" until=\"2027-03-31\" reason=\"r\"/>\n</deployment>|" \
		$GAP >"$WORK/one.xml"
	run "$MEDSCOPE" validate "$WORK/one.xml"
	expect_rc 2 "the loader refuses $code"
	if command -v xmllint >/dev/null; then
		run xmllint --noout --schema models/deployment.xsd "$WORK/one.xml"
		[ "$RC" -ne 0 ] && ok || fail "the XSD refuses $code"
	fi
done

finish
