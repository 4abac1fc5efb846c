#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# `medscope report --format sarif|csv|md|html` on every example: each
# document is produced, non-empty and well-formed (SARIF is JSON, CSV has a
# BOM and CRLF records, Markdown has its four sections, HTML passes
# xmllint both as HTML and as XML). Then -o and the exit status, as for
# every command (cli.md): atomic writes, folders created, the input never
# overwritten, 0/1/2.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

# HTML through libxml2's HTML parser: it knows HTML 4 only, so the HTML5
# and inline-SVG element names are reported as "Tag X invalid"; any other
# parser error is a real one.
# --memory: libxml2 2.9's HTML parser, reading a file in chunks, reports
# "error parsing attribute name" for an attribute that straddles a chunk
# boundary (seen at byte 19,678 of 09-devices.html, inside a valid SVG
# path); parsing the same bytes from memory has no such boundary.
html_errors() {
	xmllint --html --noout --memory "$1" 2>&1 | grep "parser error" | grep -v -E "Tag [A-Za-z]+ invalid"
}

shopt -s nullglob
models=(examples/*.xml)
[ "${#models[@]}" -ge 16 ] && ok || fail "expected the 16 examples, found ${#models[@]}"
have_xmllint=1
command -v xmllint >/dev/null || have_xmllint=0
[ "$have_xmllint" = 1 ] || [ "${CI:-}" != true ] && ok || fail "xmllint missing under CI (libxml2-utils)"

for model in "${models[@]}"; do
	name=$(basename "$model" .xml)
	for fmt in sarif csv md html; do
		out=$WORK/$name.$fmt
		run "$MEDSCOPE" report "$model" --format "$fmt" --fail-on never -o "$out"
		expect_rc 0 "report $model --format $fmt"
		[ -s "$out" ] && ok || fail "$model: empty $fmt"
	done
	# SARIF: one JSON document whose version is 2.1.0 (the schema check is
	# tests/cli/test_report_sarif_schema.sh).
	grep -q '"version": "2.1.0"' "$WORK/$name.sarif" && ok || fail "$model: SARIF without version"
	# CSV: a UTF-8 BOM, then records that all end in CRLF.
	[ "$(head -c 3 "$WORK/$name.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok \
		|| fail "$model: CSV without a BOM"
	# The default table is the parties (cli.md revision 2).
	[ "$(head -c 6 "$WORK/$name.csv" | tail -c 3)" = "ID," ] && ok \
		|| fail "$model: the default CSV table is not the parties"
	run "$MEDSCOPE" report "$model" --format csv --table findings --fail-on never -o "$WORK/$name.f.csv"
	expect_rc 0 "report $model --format csv --table findings"
	bare=$(tr -d '\n' <"$WORK/$name.f.csv" | wc -c)
	crs=$(tr -cd '\r' <"$WORK/$name.f.csv" | wc -c)
	lfs=$(tr -cd '\n' <"$WORK/$name.f.csv" | wc -c)
	# Every LF closes a record (CRLF) or sits inside a quoted field; the
	# findings of the examples hold no line break, so all LFs are CRLF.
	[ "$crs" -eq "$lfs" ] && [ "$lfs" -ge 1 ] && [ "$bare" -gt 0 ] && ok \
		|| fail "$model: CSV lines are not CRLF ($crs CR, $lfs LF)"
	# Markdown: the annex title and its four numbered sections.
	n=$(grep -c -E '^## [1-4]\. ' "$WORK/$name.md")
	[ "$n" -eq 4 ] && ok || fail "$model: Markdown has $n of 4 sections"
	grep -q '^# ' "$WORK/$name.md" && ok || fail "$model: Markdown without a title"
	# HTML: parses as HTML and as XML; tables and the inline diagram are there.
	if [ "$have_xmllint" = 1 ]; then
		errs=$(html_errors "$WORK/$name.html")
		[ -z "$errs" ] && ok || fail "$model: HTML parser errors: $errs"
		xmllint --noout "$WORK/$name.html" 2>"$WORK/xmlerr" && ok \
			|| fail "$model: HTML is not well-formed XML: $(head -5 "$WORK/xmlerr")"
	fi
	grep -q '<table>' "$WORK/$name.html" && ok || fail "$model: HTML without a table"
	grep -q '<section id="matrix">' "$WORK/$name.html" && ok || fail "$model: HTML without the 責任分界表 section"
	grep -q -E '<svg|class="notice"' "$WORK/$name.html" && ok || fail "$model: HTML without the diagram or its note"
	grep -q -E '(src|href)="https?:' "$WORK/$name.html" && fail "$model: HTML refers to the network" || ok
done

# Every table of CSV, and --no-bom.
for t in scope owners agreements findings; do
	run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format csv --table "$t" --no-bom --lang en
	expect_rc 0 "csv --table $t"
	[ "$(head -c 3 "$WORK/out" | od -An -tx1 | tr -d ' ')" != efbbbf ] && ok || fail "--no-bom wrote a BOM ($t)"
done
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format csv --table scope --no-bom --lang en
head -1 "$WORK/out" | grep -q '^ID,Name,Kind,Scope,Category,Reasons,MHLW guideline' && ok || fail "English CSV header"
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format csv --table scope --lang ja
head -1 "$WORK/out" | grep -q 'ID,名称,種別,対象範囲' && ok || fail "Japanese CSV header"

# Exit status (cli.md): 04 has warnings only, 02 one error.
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format sarif
expect_rc 0 "04: no error, default --fail-on error"
expect_out '"ruleId": "missing-change-notification"' "04: the missing change notification"
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format md --fail-on warning
expect_rc 1 "04: a warning with --fail-on warning"
run "$MEDSCOPE" report examples/02-vendor-selects-iaas.xml --format html -o "$WORK/02.html"
expect_rc 1 "02: one error"
[ -s "$WORK/02.html" ] && ok || fail "02: the report is written even when findings fail the run"

# -o: missing folders are created; the input is never overwritten.
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format csv -o "$WORK/new/deeper/r.csv"
expect_rc 0 "-o into new folders"
[ -s "$WORK/new/deeper/r.csv" ] && ok || fail "-o did not create the folders"
cp examples/04-facility-contracts-a-and-b.xml "$WORK/model.xml"
run "$MEDSCOPE" report "$WORK/model.xml" --format md -o "$WORK/model.xml"
expect_rc 2 "-o equal to the input"
cmp -s examples/04-facility-contracts-a-and-b.xml "$WORK/model.xml" && ok || fail "the input was overwritten"

# Atomic: a model that cannot be analysed leaves the old file as it was,
# and no temporary file behind.
mkdir -p "$WORK/atomic"
echo OLD >"$WORK/atomic/r.html"
run "$MEDSCOPE" report tests/bad/17-mismatched-tag.xml --format html -o "$WORK/atomic/r.html"
expect_rc 2 "a malformed model"
[ "$(cat "$WORK/atomic/r.html")" = OLD ] && ok || fail "the old output was replaced"
[ "$(ls -A "$WORK/atomic" | wc -l)" -eq 1 ] && ok || fail "files left behind: $(ls -A "$WORK/atomic")"
# A folder that cannot be made: 2, one line on stderr.
echo x >"$WORK/plainfile"
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format sarif -o "$WORK/plainfile/r.sarif"
expect_rc 2 "-o under a regular file"
[ "$(wc -l <"$WORK/err")" -ge 1 ] && ok || fail "no error message for an unwritable -o"

# A pipe or a device is written to, not replaced by a regular file (a
# rename over -o /dev/null once turned the machine's /dev/null into a file;
# a FIFO stands in for it here). Through a symbolic link, the file it
# points to is replaced and the link stays.
mkfifo "$WORK/fifo"
timeout 20 cat "$WORK/fifo" >"$WORK/from-fifo" &
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format csv -o "$WORK/fifo"
wait
expect_rc 0 "-o a pipe"
[ -p "$WORK/fifo" ] && ok || fail "the pipe was replaced by a $(stat -c %F "$WORK/fifo")"
[ -s "$WORK/from-fifo" ] && ok || fail "nothing came through the pipe"
echo OLD >"$WORK/target.csv"
ln -s "$WORK/target.csv" "$WORK/link.csv"
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format csv -o "$WORK/link.csv"
expect_rc 0 "-o a symbolic link"
[ -L "$WORK/link.csv" ] && ok || fail "the link was replaced"
cmp -s "$WORK/from-fifo" "$WORK/target.csv" && ok || fail "the link's target does not hold the report"

# Usage errors name the choices.
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format pdf --lang en
expect_rc 2 "unknown format"
expect_err "json, sarif, csv, md, html or xlsx" "the formats named"
run "$MEDSCOPE" report examples/04-facility-contracts-a-and-b.xml --format csv --table people --lang en
expect_rc 2 "unknown table"
expect_err "parties, owners, agreements, findings or matrix" "the tables named"
finish
