#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# medscope validate, --help, --version, usage errors, languages.
source "$SRC/tests/cli/lib.sh"

run "$MEDSCOPE" validate "$SRC"/examples/*.xml "$SRC"/examples/change/*.xml
expect_rc 0 "every example validates"
expect_err '^21 of 21 model\(s\) valid$' "summary counts every example"

run "$MEDSCOPE" validate "$SRC"/tests/fidelity/*.xml
expect_rc 0 "every regression model of tests/fidelity validates"

run "$MEDSCOPE" validate -q "$SRC/examples/01-single-vendor.xml"
expect_rc 0 "-q"
[ ! -s "$WORK/err" ] && ok || fail "-q printed something"

# Every problem of a model in one run, in file order, compiler style.
cat >"$WORK/bad.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<deployment xmlns="urn:medscope:deployment:1">
  <vendor id="A" colour="red"/>
  <system id="s" layer="cloud" provider="A"/>
  <system id="t" layer="iaas" provider="nobody"/>
  <vendor id="A"/>
</deployment>
XML
run "$MEDSCOPE" validate --lang en "$WORK/bad.xml"
expect_rc 2 "invalid model"
expect_err "^$WORK/bad.xml:3:3: error: <vendor>: unknown attribute 'colour'" "unknown attribute located"
expect_err "^$WORK/bad.xml:4:3: error: <system>: attribute 'layer': 'cloud' is not one of" "enum located"
expect_err "^$WORK/bad.xml:5:3: error: <system id=\"t\">: 'provider' refers to 'nobody', which is not defined" "dangling located"
expect_err "^$WORK/bad.xml:6:3: error: <vendor>: duplicate id 'A' \(first defined at line 3\)" "duplicate located"
expect_err "^0 of 1 model\(s\) valid$" "summary"

# Japanese: from --lang and from the locale.
run "$MEDSCOPE" validate --lang ja "$WORK/bad.xml"
expect_err "属性 'colour' は使えません" "--lang ja"
LANG=ja_JP.UTF-8 LC_ALL= run "$MEDSCOPE" validate "$WORK/bad.xml"
expect_err "必須|使えません" "LANG=ja_JP.UTF-8"
expect_err "0 / 1 個のモデルが妥当です" "Japanese summary"

# Missing and unreadable files.
run "$MEDSCOPE" validate "$WORK/nonexistent.xml"
expect_rc 2 "missing file"
expect_err "nonexistent.xml: error: cannot open: No such file" "missing file message"
run "$MEDSCOPE" validate "$WORK"
expect_rc 2 "a directory"
expect_err "is a directory" "directory message"

# The program's own surface.
run "$MEDSCOPE" --version
expect_rc 0 "--version"
expect_out '^medscope [0-9]+\.[0-9]+\.[0-9]+ \(libmedscope [0-9]+\.[0-9]+\.[0-9]+, libxml2 ' "--version text"
expect_out '^License: Apache-2.0 ' "--version names the licence"
run "$MEDSCOPE" --help
expect_rc 0 "--help"
for c in check scope owners report graph validate diff impact rules explain; do
	expect_out "^  $c " "--help lists $c"
done
run "$MEDSCOPE" validate --help
expect_rc 0 "validate --help"
expect_out 'Usage: medscope validate' "validate --help text"
expect_out '--max-input' "validate --help lists the common options"
run "$MEDSCOPE"
expect_rc 2 "no command"
run "$MEDSCOPE" frobnicate
expect_rc 2 "unknown command"
expect_err "unknown command 'frobnicate'" "unknown command message"
run "$MEDSCOPE" validate --no-such-option x.xml
expect_rc 2 "unknown option"
expect_err "unknown option or missing value: '--no-such-option'" "unknown option message"
run "$MEDSCOPE" validate --lang fr x.xml
expect_rc 2 "bad --lang"
run "$MEDSCOPE" validate
expect_rc 2 "no model"

# The rule catalog.
run "$MEDSCOPE" rules
expect_rc 0 "rules"
nrules=$(grep -c '^  <rule code="' "$SRC/models/rules.xml")
[ "$(wc -l <"$WORK/out")" -eq "$nrules" ] && ok || fail "rules lists the $nrules codes of models/rules.xml"
expect_out '^missing-subcontract-approval +agreement +error ' "rules line"
run "$MEDSCOPE" explain missing-demarcation --lang ja
expect_rc 0 "explain"
expect_out '書面等により可視化し' "explain quotes the guideline"
run "$MEDSCOPE" explain no-such-rule
expect_rc 2 "explain unknown code"
# "-" reads standard input (cli.md): the same verdict and findings as the
# file, diagnostics named <stdin>.
ex="$SRC/examples/04-facility-contracts-a-and-b.xml"
"$MEDSCOPE" check --lang en "$ex" >"$WORK/check-file" 2>&1
rc_file=$?
"$MEDSCOPE" check --lang en - <"$ex" >"$WORK/check-stdin" 2>&1
rc_stdin=$?
[ "$rc_file" = "$rc_stdin" ] && ok || fail "check - exits $rc_stdin, the file $rc_file"
sed "s|$ex|<stdin>|g" "$WORK/check-file" | cmp -s - "$WORK/check-stdin" && ok || fail "check - prints what check FILE prints, named <stdin>"
grep -q '^<stdin>:[0-9]*:[0-9]*: ' "$WORK/check-stdin" && ok || fail "findings name <stdin>"
run "$MEDSCOPE" validate - <"$ex"
expect_rc 0 "validate -"
printf '<deployment xmlns="urn:medscope:deployment:1">\n  <facility/>\n</deployment>\n' >"$WORK/bad-stdin.xml"
run "$MEDSCOPE" validate --lang en - <"$WORK/bad-stdin.xml"
expect_rc 2 "validate - of a bad model"
expect_err "^<stdin>:2:3: error: <facility>: missing required attribute 'id'" "stdin diagnostics name <stdin> with line and column"
run "$MEDSCOPE" report --format json - <"$ex"
expect_rc 0 "report -"
expect_out '"file": "<stdin>"' "JSON names <stdin>"
# Typos (issue 16 item 6): every bad value of a list in one run, did you
# mean over enumeration values, element names, attribute names and the
# ids of the right kind, and the comma and one-party slips named.
cat >"$WORK/typos.xml" <<'XML'
<deployment xmlns="urn:medscope:deployment:1" as-of="2026-11-01">
  <facility id="H"/>
  <vendor id="sier" name="SIer"/>
  <vender id="B"/>
  <system id="ehr" provider="seir" layer="saas" data="medical"/>
  <system id="app" layer="SaaS"/>
  <contract id="k1" client="H" supplier="sier" type="service,maintenance" covers="ehr"/>
  <contract id="k2" client="H sier" supplier="sier" type="service" covers="ehr"/>
  <contract id="k3" client="H" supplier="sier" type="servise maintenence" covers="ehr"/>
  <agreement id="g1" parties="H sier" topics="demarcaton risk-managment" covers="ehr" dat="2026-01-01"/>
  <contract id="k4" client="H" supplier="sier" type="service" covers="ehr erh"/>
</deployment>
XML
run "$MEDSCOPE" validate --lang en "$WORK/typos.xml"
expect_rc 2 "typos refused"
T="$WORK/typos.xml"
expect_err "^$T:4:3: error: element <vender> is not allowed inside <deployment>; did you mean <vendor>\?" "element did you mean"
expect_err "^$T:5:3: error: <system id=\"ehr\">: 'provider' refers to 'seir', which is not defined; did you mean 'sier'\?" "id of the right kind"
expect_err "^$T:6:3: error: <system>: attribute 'layer': 'SaaS' is not one of: .*; did you mean 'saas'\?" "enumeration value, case"
expect_err "^$T:7:3: error: <contract>: attribute 'type': 'service,maintenance': list values are separated by spaces, not commas \(write 'service maintenance'\)" "comma-separated list"
expect_err "^$T:8:3: error: <contract>: attribute 'client': 'H sier': takes exactly one party, not a list" "one party"
expect_err "^$T:9:3: error: <contract>: attribute 'type': 'servise' .*did you mean 'service'\?" "first bad list value"
expect_err "^$T:9:3: error: <contract>: attribute 'type': 'maintenence' .*did you mean 'maintenance'\?" "second bad list value, same run"
expect_err "^$T:11:3: error: <contract id=\"k4\">: 'covers' refers to 'erh', which is not defined; did you mean 'ehr'\?" "system id did you mean"
expect_err "^$T:10:3: error: <agreement>: attribute 'topics': 'demarcaton' .*did you mean 'demarcation'\?" "topic 1"
expect_err "^$T:10:3: error: <agreement>: attribute 'topics': 'risk-managment' .*did you mean 'risk-management'\?" "topic 2"
expect_err "^$T:10:3: error: <agreement>: unknown attribute 'dat'; did you mean 'date'\?" "attribute did you mean"
# A party id is not offered for a system reference, nor the reverse.
expect_no_err() { grep -Eq -- "$1" "$WORK/err" && fail "$2: stderr has /$1/" || ok; }
expect_no_err "'covers' refers to 'erh'.*did you mean 'H'" "no party for a system"
run "$MEDSCOPE" validate --lang ja "$WORK/typos.xml"
expect_err "'seir' は定義されていません。'sier' の誤りではありませんか\?" "Japanese did you mean"
expect_err "カンマではなく空白で区切ります \('service maintenance' と書いてください\)" "Japanese comma hint"
finish
