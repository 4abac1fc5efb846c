#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What users read: the rule catalog (medscope rules / explain, SARIF,
# docs/rules.md) names documents by title, never by the catalog's source
# keys (guideline text file names); the README and docs link only to files
# inside the project; the XSD is installed and still validates every example.
source "$SRC/tests/cli/lib.sh"

# A source key: a seed file name (NNN_<16 hex>.txt) or the spec file name.
SOURCE_KEY='[0-9]{3}_[0-9a-f]{16}\.txt|rules\.md\b|shared/spec|shared/seeds'

run "$MEDSCOPE" rules --lang ja
expect_rc 0 "rules"
expect_no_out "$SOURCE_KEY" "rules shows no source key"

codes=$("$MEDSCOPE" rules | awk '{print $1}')
: >"$WORK/explain"
for lang in ja en; do
	for c in $codes; do
		"$MEDSCOPE" explain --lang "$lang" "$c" >>"$WORK/explain" || fail "explain $c"
	done
done
cp "$WORK/explain" "$WORK/out"
expect_no_out "$SOURCE_KEY" "explain shows no source key"
expect_out '「医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン」FAQ' "explain names the FAQ by title"
expect_out '「医療情報システムの安全管理に関するガイドライン 第6.0版」' "explain names the MHLW guideline by title"

for ex in "$SRC"/examples/*.xml; do
	"$MEDSCOPE" report --format sarif -o "$WORK/r.sarif" "$ex" 2>/dev/null
	cat "$WORK/r.sarif" >>"$WORK/all.sarif" 2>/dev/null
done
cp "$WORK/all.sarif" "$WORK/out"
expect_out '"document": "「' "SARIF rule properties carry the document title"
expect_no_out "$SOURCE_KEY" "SARIF shows no source key"

# The committed reference pages.
cat "$SRC"/docs/*.md "$SRC/README.md" >"$WORK/out"
expect_no_out '[0-9]{3}_[0-9a-f]{16}\.txt|shared/spec|shared/seeds|\.\./shared|\.\./\.\./' "docs and README point only inside the project"

# Every relative link of README.md and docs/*.md names an existing file.
for md in "$SRC/README.md" "$SRC"/docs/*.md; do
	dir=$(dirname "$md")
	grep -oE '\]\([^)#]+' "$md" | sed 's/^](//' | grep -vE '^(https?|mailto):' | while read -r target; do
		[ -e "$dir/$target" ] || echo "$md: broken link $target"
	done
done >"$WORK/out"
[ ! -s "$WORK/out" ] && ok || fail "relative links resolve: $(cat "$WORK/out")"

# The XSD: Japanese and English documentation on every element, attribute
# and enumeration value, and every example still valid against it.
XSD="$SRC/models/deployment.xsd"
if command -v xmllint >/dev/null; then
	for lang in ja en; do
		n=$(xmllint --xpath "count(//*[(local-name()='element' and @name) or local-name()='attribute' or local-name()='enumeration'][not(*[local-name()='annotation']/*[local-name()='documentation'][@xml:lang='$lang' and normalize-space(.) != ''])])" "$XSD")
		[ "$n" = 0 ] && ok || fail "XSD: $n declarations lack xml:lang=\"$lang\" documentation"
	done
	# English texts are English: each has a Latin letter.
	n=$(xmllint --xpath "count(//*[local-name()='documentation'][@xml:lang='en'][translate(., 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '') = .])" "$XSD")
	[ "$n" = 0 ] && ok || fail "XSD: $n xml:lang=\"en\" texts have no Latin letter"
	for ex in "$SRC"/examples/*.xml "$SRC"/examples/change/*.xml; do
		xmllint --noout --nonet --schema "$XSD" "$ex" 2>"$WORK/err" && ok || fail "xmllint --schema refuses $ex"
	done
	# docs/model.md names every element, attribute and value of the XSD.
	for kind in element attribute enumeration; do
		attr=name; [ $kind = enumeration ] && attr=value
		xmllint --xpath "//*[local-name()='$kind']/@$attr" "$XSD" | sed 's/.*="\(.*\)"/\1/' | sort -u
	done >"$WORK/names"
	missing=$(while read -r n; do grep -qF "\`$n\`" "$SRC/docs/model.md" || printf '%s ' "$n"; done <"$WORK/names")
	[ -z "$missing" ] && ok || fail "docs/model.md lacks: $missing"
	# Its first example is a valid model.
	awk '/^```xml/{f++; next} /^```/{if (f == 1) exit} f == 1' "$SRC/docs/model.md" >"$WORK/model-example.xml"
	run "$MEDSCOPE" validate "$WORK/model-example.xml"
	expect_rc 0 "docs/model.md's example validates"
	xmllint --noout --nonet --schema "$XSD" "$WORK/model-example.xml" 2>"$WORK/err" && ok || fail "xmllint refuses docs/model.md's example"
	# An example bound to the schema the way editors do it: both accept it.
	sed -e 's|<deployment xmlns="urn:medscope:deployment:1"|<deployment xmlns="urn:medscope:deployment:1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:medscope:deployment:1 '"$XSD"'"|' \
		-e '1a <?xml-model href="'"$XSD"'" schematypens="http://www.w3.org/2001/XMLSchema"?>' \
		"$SRC/examples/04-facility-contracts-a-and-b.xml" >"$WORK/bound.xml"
	grep -q 'xsi:schemaLocation' "$WORK/bound.xml" && grep -q '<?xml-model' "$WORK/bound.xml" && ok || fail "binding inserted"
	xmllint --noout --nonet --schema "$XSD" "$WORK/bound.xml" 2>"$WORK/err" && ok || fail "xmllint refuses the bound example"
	run "$MEDSCOPE" check --as-of 2026-11-01 "$SRC/examples/04-facility-contracts-a-and-b.xml"
	cp "$WORK/out" "$WORK/plain.out"; plain_rc=$RC
	run "$MEDSCOPE" check --as-of 2026-11-01 "$WORK/bound.xml"
	[ "$RC" = "$plain_rc" ] && [ "$RC" -lt 2 ] && ok || fail "check of the bound example: exit $RC, unbound $plain_rc"
	sed "s|$WORK/bound.xml|$SRC/examples/04-facility-contracts-a-and-b.xml|g" "$WORK/out" | awk -F: '{ $2 = ""; print }' >"$WORK/b"
	awk -F: '{ $2 = ""; print }' "$WORK/plain.out" >"$WORK/p"
	cmp -s "$WORK/b" "$WORK/p" && ok || fail "the binding changes the findings"
else
	echo "xmllint not found: XSD checks skipped"
fi

finish
