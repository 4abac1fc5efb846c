#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# medscope check / scope / owners / report: exit codes under --fail-on,
# the compiler-style line, Japanese output, several models, broken inputs,
# and output files (-o): refused when equal to the input, folders created,
# written atomically.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

E=examples
LINE_RE='^[^:]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning|note): .+ \[[a-z]+(-[a-z]+)*\]$'

# A model whose only finding is a note: example 01 without A's ISMAP
# certification (the external storage ehr then lacks a cloud certification).
grep -v 'scheme="ismap"' $E/01-single-vendor.xml >"$WORK/note-only.xml"

# --- exit status under --fail-on ------------------------------------------
# 01: no finding at all.
for level in error warning note never; do
	run "$MEDSCOPE" check --fail-on $level $E/01-single-vendor.xml
	expect_rc 0 "01 (no findings), --fail-on $level"
done
run "$MEDSCOPE" check $E/01-single-vendor.xml
[ ! -s "$WORK/out" ] && ok || fail "01 prints no finding"
expect_err '^0 errors, 0 warnings, 0 notes in 1 model \(as of 2026-11-01, from the model\)$' "01 summary"

# 02: one error (missing-subcontract-approval).
run "$MEDSCOPE" check $E/02-vendor-selects-iaas.xml
expect_rc 1 "02 (one error), default --fail-on error"
expect_out '^examples/02-vendor-selects-iaas\.xml:[0-9]+:[0-9]+: error: .+ \[missing-subcontract-approval\]$' "02 finding line"
expect_err '^1 error, 0 warnings, 0 notes in 1 model \(as of 2026-11-01, from the model\)$' "02 summary"
run "$MEDSCOPE" check --fail-on never $E/02-vendor-selects-iaas.xml
expect_rc 0 "02, --fail-on never"
expect_out 'missing-subcontract-approval' "--fail-on never still prints the findings"

# 03: two warnings, no error.
run "$MEDSCOPE" check $E/03-chain-a-b-c.xml
expect_rc 0 "03 (warnings only), --fail-on error"
[ "$(grep -c ': warning: ' "$WORK/out")" -eq 2 ] && ok || fail "03 prints two warnings"
run "$MEDSCOPE" check --fail-on warning $E/03-chain-a-b-c.xml
expect_rc 1 "03, --fail-on warning"
run "$MEDSCOPE" check --fail-on note $E/03-chain-a-b-c.xml
expect_rc 1 "03, --fail-on note"

# A note only.
run "$MEDSCOPE" check --fail-on warning "$WORK/note-only.xml"
expect_rc 0 "note only, --fail-on warning"
expect_out ': note: .+ \[external-storage-no-cloud-certification\]$' "note line"
run "$MEDSCOPE" check --fail-on note "$WORK/note-only.xml"
expect_rc 1 "note only, --fail-on note"
expect_err '^0 errors, 0 warnings, 1 note in 1 model' "singular note in the summary"

# --- the line format ---------------------------------------------------------
run "$MEDSCOPE" check --fail-on never $E/*.xml
expect_rc 0 "every example, --fail-on never"
n=$(wc -l <"$WORK/out")
[ "$n" -gt 5 ] && ok || fail "every example: expected several findings, got $n"
bad=$(grep -Evc "$LINE_RE" "$WORK/out")
[ "$bad" -eq 0 ] && ok || fail "$bad line(s) not FILE:LINE:COL: SEVERITY: MESSAGE [CODE]"
nmodels=$(ls $E/*.xml | wc -l)
# examples/17 suppresses one finding: the summary then ends with its count.
expect_err "in $nmodels models \\(as of 2026-11-01, from the model\\)(, [0-9]+ suppressed by exceptions?)?$" "summary counts every model"
# Every code printed is a rule of the catalog.
for code in $(sed -E 's/.*\[([a-z-]+)\]$/\1/' "$WORK/out" | sort -u); do
	"$MEDSCOPE" explain "$code" >/dev/null 2>&1 && ok || fail "unknown code [$code]"
done

# --- several models --------------------------------------------------------
run "$MEDSCOPE" check $E/01-single-vendor.xml $E/02-vendor-selects-iaas.xml $E/03-chain-a-b-c.xml
expect_rc 1 "three models, one with an error"
[ "$(wc -l <"$WORK/out")" -eq 3 ] && ok || fail "three models: three finding lines"
expect_out '^examples/02-' "lines of model 02"
expect_out '^examples/03-' "lines of model 03"
expect_err '^1 error, 2 warnings, 0 notes in 3 models \(as of 2026-11-01, from the model\)$' "one summary for all"
[ "$(wc -l <"$WORK/err")" -eq 1 ] && ok || fail "exactly one summary line"
run "$MEDSCOPE" check -q $E/01-single-vendor.xml $E/02-vendor-selects-iaas.xml
expect_rc 1 "-q keeps the exit status"
[ ! -s "$WORK/err" ] && ok || fail "-q omits the summary"
run "$MEDSCOPE" check --as-of 2027-02-01 $E/01-single-vendor.xml
expect_err '\(as of 2027-02-01, from --as-of\)' "--as-of named in the summary"

# --- Japanese ------------------------------------------------------------
run "$MEDSCOPE" check --lang ja $E/02-vendor-selects-iaas.xml
expect_rc 1 "--lang ja exit status"
expect_out ': error: .*再委託.* \[missing-subcontract-approval\]$' "Japanese message, English severity and code"
expect_err '^エラー 1 件、警告 0 件、注記 0 件 \(モデル 1 個、基準日 2026-11-01: モデルの as-of\)$' "Japanese summary"
run env -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 "$MEDSCOPE" check $E/02-vendor-selects-iaas.xml
expect_out '再委託' "LANG=ja_JP.UTF-8 gives Japanese messages"
expect_err '^エラー 1 件' "LANG=ja_JP.UTF-8 gives a Japanese summary"
run env -u LC_ALL -u LC_MESSAGES LANG=ja_JP.UTF-8 "$MEDSCOPE" check --lang en $E/02-vendor-selects-iaas.xml
expect_no_out '再委託' "--lang en overrides LANG"

# --- models that cannot be analysed ----------------------------------------
run "$MEDSCOPE" check "$WORK/no-such-file.xml"
expect_rc 2 "missing file"
expect_err 'no-such-file\.xml' "missing file named"
run "$MEDSCOPE" check $E/01-single-vendor.xml "$WORK/no-such-file.xml" $E/02-vendor-selects-iaas.xml
expect_rc 2 "a missing file among good ones"
expect_out '^examples/02-' "the other models are still checked"
expect_err 'in 2 models .*; 1 model could not be analysed$' "summary counts the failure"
run "$MEDSCOPE" check tests/bad/28-dangling-reference.xml
expect_rc 2 "invalid model"
expect_err '^tests/bad/28-dangling-reference\.xml:[1-9][0-9]*:[1-9][0-9]*: error: ' "FILE:LINE:COL first"
run "$MEDSCOPE" check tests/bad/17-mismatched-tag.xml
expect_rc 2 "malformed XML"
expect_err '^tests/bad/17-mismatched-tag\.xml:[1-9][0-9]*:[1-9][0-9]*: error: ' "malformed: FILE:LINE:COL"
run "$MEDSCOPE" check --as-of 2026-02-30 $E/01-single-vendor.xml
expect_rc 2 "impossible --as-of date"
run "$MEDSCOPE" check
expect_rc 2 "no model given"
run "$MEDSCOPE" check --bogus $E/01-single-vendor.xml
expect_rc 2 "unknown option"
run "$MEDSCOPE" check --help
expect_rc 0 "check --help"
expect_out 'FILE:LINE:COL' "check --help shows the line format"

# --- scope and owners ------------------------------------------------------
run "$MEDSCOPE" scope $E/01-single-vendor.xml
expect_rc 0 "scope 01"
expect_out '^A +vendor +.+ +in +direct +pmark \(2028-03-31\), isms \(2027-06-30\), ismap \(2027-09-30\) +0 +direct-contract\(k1\)' "scope row of A, its certifications and no missing agreement"
expect_out '^H +facility +.+ +out +- +- +0 +facility$' "scope row of H"
run "$MEDSCOPE" scope --lang ja $E/01-single-vendor.xml
expect_out '^ID +種別 +名称 +対象範囲 +区分 +認証 \(有効期限\) +欠落している合意 +理由$' "Japanese scope header"
expect_out '^A +事業者 +.+ +対象事業者 +直接の契約等 +プライバシーマーク \(2028-03-31\), ISMS' "Japanese certification words"
expect_out '^H +医療機関等 +.+ +対象外 +- +- +0 +facility$' "Japanese out of scope, the vocabulary's words"
run "$MEDSCOPE" scope --format json $E/02-vendor-selects-iaas.xml
expect_rc 1 "scope follows --fail-on (02 has an error)"
expect_out '^  "parties": \[$' "scope --format json has the parties"
expect_no_out '"systems"' "scope --format json has only the parties"
run "$MEDSCOPE" owners $E/02-vendor-selects-iaas.xml --fail-on never
expect_rc 0 "owners 02, --fail-on never"
expect_out '^iaas +B社 クラウド 東日本リージョン +iaas +H \(さくら総合病院\) +A \(A社 \(クラウド電子カルテ\)\) +selected-by-prime +- +k1,k2$' "owners row of iaas, names beside ids"
expect_out '^subcontracting +A,H +iaas +MISSING +- +- +- +- +error +missing-subcontract-approval$' "missing agreement row"
expect_out '^demarcation +A,H +ehr +present +g1 +さくら総合病院-A社_責任分界表.pdf +2026-01-20 +2027-01-31 +- +missing-demarcation$' "present agreement row: status, agreement, document, date, review-by apart"
run "$MEDSCOPE" owners --format json $E/02-vendor-selects-iaas.xml
expect_out '^  "systems": \[$' "owners --format json has the systems"
expect_out '^  "agreements": \[$' "owners --format json has the agreements"
expect_no_out '^  "parties": \[$' "owners --format json has no parties array"
run "$MEDSCOPE" scope --format xml $E/01-single-vendor.xml
expect_rc 2 "scope: unknown --format"
run "$MEDSCOPE" owners $E/01-single-vendor.xml $E/02-vendor-selects-iaas.xml
expect_rc 2 "owners takes one model"

# --- report -o: refused, folders, atomic ------------------------------------
cp $E/02-vendor-selects-iaas.xml "$WORK/model.xml"
sum_before=$(cksum <"$WORK/model.xml")
run "$MEDSCOPE" report "$WORK/model.xml" --format json -o "$WORK/model.xml"
expect_rc 2 "-o equal to the input"
expect_err 'overwrite the input' "refusal says why"
[ "$(cksum <"$WORK/model.xml")" = "$sum_before" ] && ok || fail "the input is untouched"
run "$MEDSCOPE" report "$WORK/model.xml" --format json -o "$WORK/./model.xml"
expect_rc 2 "-o naming the input by another path"

run "$MEDSCOPE" report $E/02-vendor-selects-iaas.xml --format json -o "$WORK/new/sub/dir/r.json"
expect_rc 1 "report -o: exit status follows the findings"
[ -s "$WORK/new/sub/dir/r.json" ] && ok || fail "output folder created and file written"
[ ! -s "$WORK/out" ] && ok || fail "nothing on stdout with -o"
"$MEDSCOPE" report $E/02-vendor-selects-iaas.xml --format json >"$WORK/stdout.json" 2>/dev/null
cmp -s "$WORK/stdout.json" "$WORK/new/sub/dir/r.json" && ok || fail "-o writes what stdout gets"

mkdir -p "$WORK/keep"
echo "old report" >"$WORK/keep/r.json"
run "$MEDSCOPE" report $E/02-vendor-selects-iaas.xml --as-of 2026-13-01 -o "$WORK/keep/r.json"
expect_rc 2 "report with a bad --as-of"
run "$MEDSCOPE" report tests/bad/28-dangling-reference.xml -o "$WORK/keep/r.json"
expect_rc 2 "report of an invalid model"
run "$MEDSCOPE" report "$WORK/no-such-file.xml" -o "$WORK/keep/r.json"
expect_rc 2 "report of a missing file"
[ "$(cat "$WORK/keep/r.json")" = "old report" ] && ok || fail "after failed runs the old file is intact"
[ "$(ls -A "$WORK/keep")" = "r.json" ] && ok || fail "no temporary file left behind: $(ls -A "$WORK/keep")"
run "$MEDSCOPE" report $E/01-single-vendor.xml -o "$WORK/keep/r.json"
expect_rc 0 "report over an existing file"
grep -q '"format": "medscope-report/1"' "$WORK/keep/r.json" && ok || fail "the file is replaced"
[ "$(ls -A "$WORK/keep")" = "r.json" ] && ok || fail "no temporary file after success"

run "$MEDSCOPE" report $E/01-single-vendor.xml --format pdf
expect_rc 2 "report: unknown --format"
run "$MEDSCOPE" report $E/01-single-vendor.xml --table nothing
expect_rc 2 "report: unknown --table"
run "$MEDSCOPE" report $E/01-single-vendor.xml --table findings
expect_rc 0 "report --table findings"
expect_out '^  "findings": \[\],$' "findings subset"
expect_no_out '"parties"' "findings subset has no parties"
run "$MEDSCOPE" report --help
expect_rc 0 "report --help"
run "$MEDSCOPE" --help
expect_out '^  check ' "check listed in the program's help"
expect_out '^  report ' "report listed in the program's help"

finish
