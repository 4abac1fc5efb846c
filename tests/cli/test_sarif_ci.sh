#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# What CI needs from SARIF (cli.md, SARIF; issue 17): locations only into
# real files (never file:///dev/fd/63 from a process substitution), a
# stable run.automationDetails.id, rules[].helpUri only where the
# guideline has a public page, and --max-results with its notification.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

# jq-free JSON queries: python3 is on every Debian 12 (tests/run-all.sh).
q() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

OLD=examples/change/before.xml NEW=examples/change/after.xml

# diff of a process substitution: OLD is /dev/fd/63, a pipe. No uri names
# it, its artifact says what it was, NEW keeps its relative uri.
run "$MEDSCOPE" diff <(cat "$OLD") "$NEW" --format sarif --fail-on never
expect_rc 0 "diff <(cat OLD) NEW --format sarif"
cp "$WORK/out" "$WORK/fd.sarif"
expect_no_out '"(uri|id)": "[^"]*dev/fd' "no uri or id names /dev/fd"
expect_no_out 'file:///dev' "no file:///dev URI"
[ "$(q "$WORK/fd.sarif" "d['runs'][0]['artifacts'][0]['location']['uri']")" = "$NEW" ] && ok \
	|| fail "NEW's artifact is its relative path"
[ "$(q "$WORK/fd.sarif" "'location' in d['runs'][0]['artifacts'][1]")" = False ] && ok \
	|| fail "OLD's artifact (a pipe) has no location"
expect_out '"text": "The model read from /dev/fd/[0-9]+ \(not a file' "OLD's artifact describes the pipe"
[ "$(q "$WORK/fd.sarif" "d['runs'][0]['automationDetails']['id']")" = "medscope/diff/$NEW/" ] && ok \
	|| fail "automationDetails.id names NEW"

# NEW from a pipe: its five new results point at their artifact by index
# only.
run "$MEDSCOPE" diff "$OLD" <(cat "$NEW") --format sarif --fail-on never
expect_rc 0 "diff OLD <(cat NEW) --format sarif"
cp "$WORK/out" "$WORK/fd-new.sarif"
[ "$(q "$WORK/fd-new.sarif" "str(sorted(set(str(r['locations'][0]['physicalLocation']['artifactLocation']) for r in d['runs'][0]['results']))) + str(len(d['runs'][0]['results']))")" = "[\"{'index': 0}\"]5" ] \
	&& ok || fail "NEW read from a pipe: its results have an index and no uri"
[ "$(q "$WORK/fd-new.sarif" "d['runs'][0]['automationDetails']['id']")" = "medscope/diff/-/" ] && ok \
	|| fail "automationDetails.id of a pipe is medscope/diff/-/"

# A descriptor opened on a regular file is still no file to reopen.
run "$MEDSCOPE" diff /dev/fd/3 "$NEW" --format sarif --fail-on never 3<"$OLD"
expect_rc 0 "diff /dev/fd/3 NEW 3<OLD --format sarif"
expect_no_out '"(uri|id)": "[^"]*dev/fd' "no uri names /dev/fd/3 either"
run "$MEDSCOPE" report /dev/stdin --format sarif --fail-on never <"$NEW"
expect_rc 0 "report /dev/stdin <NEW --format sarif"
expect_no_out '"uri"' "a model read from /dev/stdin has no uri"
expect_out '"id": "medscope/check/-/"' "and the id of no file"

# The report of a real file: a relative uri, the id from it, stable.
run "$MEDSCOPE" report examples/02-vendor-selects-iaas.xml --format sarif --fail-on never
cp "$WORK/out" "$WORK/r1.sarif"
expect_out '"id": "medscope/check/examples/02-vendor-selects-iaas.xml/"' "automationDetails.id of the report"
run "$MEDSCOPE" report examples/02-vendor-selects-iaas.xml --format sarif --fail-on never
cmp -s "$WORK/out" "$WORK/r1.sarif" && ok || fail "two runs give the same log"

# helpUri: the five rules citing the MHLW guideline (医療情報システムの安全管理に関する
# ガイドライン 第6.0版, whose page its 概略版 gives), no others.
[ "$(q "$WORK/r1.sarif" "' '.join(sorted(r['id'] for r in d['runs'][0]['tool']['driver']['rules'] if 'helpUri' in r))")" \
	= "certification-expired demarcation-not-in-writing missing-demarcation missing-subcontract-approval third-party-provision-undocumented" ] \
	&& ok || fail "helpUri on the MHLW-cited rules only"
[ "$(q "$WORK/r1.sarif" "' '.join(sorted(set(r['helpUri'] for r in d['runs'][0]['tool']['driver']['rules'] if 'helpUri' in r)))")" \
	= "https://www.mhlw.go.jp/stf/shingi/0000516275_00006.html" ] && ok || fail "one helpUri, MHLW's page"
[ "$(q "$WORK/r1.sarif" "' '.join(sorted(set(r['properties']['cite'].split()[0] for r in d['runs'][0]['tool']['driver']['rules'] if 'helpUri' in r)))")" \
	= "MHLW" ] && ok || fail "helpUri rules all cite MHLW"

# --max-results: example 14 has 1 error, 3 warnings, 1 note. With 2, the
# error and the first warning stay, and a notification counts the rest.
run "$MEDSCOPE" report examples/14-overseas-storage.xml --format sarif --max-results 2 --fail-on never
expect_rc 0 "report --max-results 2"
cp "$WORK/out" "$WORK/cap.sarif"
[ "$(q "$WORK/cap.sarif" "' '.join(r['level'] for r in d['runs'][0]['results'])")" = "error warning" ] && ok \
	|| fail "the two results kept are the error and a warning"
expect_out '"text": "5 results, more than the limit of 2 \(--max-results\): 3 left out \(error: 0, warning: 2, note: 1\)' \
	"the notification says how many were left out"
run "$MEDSCOPE" report examples/14-overseas-storage.xml --format sarif --max-results 2 --fail-on never --lang ja
expect_out '結果が 5 件あり、上限 2 件 \(--max-results\) を超えるため 3 件を省きました' "the notification in Japanese"
run "$MEDSCOPE" report examples/14-overseas-storage.xml --format sarif --fail-on never
expect_no_out '"invocations"' "no notification when nothing is left out"
run "$MEDSCOPE" diff "$OLD" "$NEW" --format sarif --max-results 1 --fail-on never
expect_rc 0 "diff --max-results 1"
cp "$WORK/out" "$WORK/diff-cap.sarif"
[ "$(q "$WORK/diff-cap.sarif" "len(d['runs'][0]['results'])")" = 1 ] && ok || fail "diff keeps one result"
expect_out '"omitted": 4' "diff: four left out"

# Bad values are usage errors (exit 2), and the option is SARIF's only.
for bad in 0 -1 10x ""; do
	run "$MEDSCOPE" report examples/14-overseas-storage.xml --format sarif --max-results "$bad"
	expect_rc 2 "--max-results '$bad'"
done
expect_err "positive whole number" "the error says what is expected"
run "$MEDSCOPE" report examples/14-overseas-storage.xml --format json --max-results 5
expect_rc 2 "--max-results with --format json"
expect_err "only applies to --format sarif" "the error names the format"
run "$MEDSCOPE" diff "$OLD" "$NEW" --max-results 5
expect_rc 2 "diff --max-results without --format sarif"

# Every log above is valid SARIF 2.1.0 (when the validator is installed;
# tests/cli/test_report_sarif_schema.sh fails under CI without it).
if command -v node >/dev/null && [ -d tests/sarif/node_modules/ajv-draft-04 ]; then
	run node tests/sarif/validate.js "$WORK"/fd.sarif "$WORK"/fd-new.sarif "$WORK"/r1.sarif \
		"$WORK"/cap.sarif "$WORK"/diff-cap.sarif
	expect_rc 0 "the logs validate against the SARIF 2.1.0 schema"
fi
finish
