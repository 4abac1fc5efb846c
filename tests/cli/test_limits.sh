#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Resource limits through the command line (SECURITY.md): input size,
# element depth, attributes per element, value and text length, name
# length and the number of diagnostics printed. Each limit, when exceeded,
# gives exit 2, one FILE:LINE:COL (or FILE:) line naming the limit and the
# option that raises it, nothing on stdout and no output file; a model just
# inside each limit is accepted. Bad option values are usage errors (2).
source "$SRC/tests/cli/lib.sh"

D="$WORK/models"
mkdir -p "$D"
HEAD='<?xml version="1.0" encoding="UTF-8"?>
<deployment xmlns="urn:medscope:deployment:1" name="limits" as-of="2026-11-01">'
# Depth 3 (vendor/certification), 5 attributes at most (system), the
# longest attribute value 10 bytes (dates), a 27-byte risk description.
cat >"$D/ok.xml" <<EOF
$HEAD
  <facility id="H" name="病院" type="hospital"/>
  <vendor id="A" name="A社">
    <certification scheme="isms" valid-until="2027-08-31"/>
  </vendor>
  <system id="ehr" name="電子カルテ" provider="A" layer="saas" data="medical"/>
  <contract id="k1" client="H" supplier="A" type="service" covers="ehr"/>
  <risk id="r1" system="ehr" owner="A" treatment="reduce">バックアップの確認を年1回</risk>
</deployment>
EOF
SIZE=$(stat -c %s "$D/ok.xml")

# refused LIMIT-ARGS LOCATION REGEX DESCRIPTION [FILE]: validate, check and
# report -o all refuse; the first stderr line is the diagnostic.
refused() {
	local args=$1 loc=$2 re=$3 what=$4 file=${5:-$D/ok.xml}
	# shellcheck disable=SC2086
	run timeout 20 "$MEDSCOPE" validate --lang en $args "$file"
	expect_rc 2 "$what: validate exit status"
	local first
	first=$(head -n 1 "$WORK/err")
	case "$first" in
	"$file:$loc"*) ok ;;
	*) fail "$what: first line '$first', expected it to start with $file:$loc" ;;
	esac
	grep -Eq -- "$re" <<<"$first" && ok || fail "$what: message lacks /$re/"
	[ ! -s "$WORK/out" ] && ok || fail "$what: validate wrote to stdout"
	rm -f "$WORK/report.json"
	# shellcheck disable=SC2086
	run timeout 20 "$MEDSCOPE" report --lang en $args -o "$WORK/report.json" "$file"
	expect_rc 2 "$what: report exit status"
	[ ! -e "$WORK/report.json" ] && ok || fail "$what: report left an output file"
	[ -z "$(ls "$WORK" | grep -F '.tmp')" ] && ok || fail "$what: report left a temporary file"
	# shellcheck disable=SC2086
	run timeout 20 "$MEDSCOPE" check --lang en $args "$file"
	expect_rc 2 "$what: check exit status"
	expect_err "$re" "$what: check message"
}

# accepted LIMIT-ARGS DESCRIPTION: the same model passes at the limit.
accepted() {
	# shellcheck disable=SC2086
	run "$MEDSCOPE" validate --lang en $1 "$D/ok.xml"
	expect_rc 0 "$2"
}

accepted "" "defaults"

# --- input size (default 256 MiB) ---
accepted "--max-input $SIZE" "--max-input at the file's size"
refused "--max-input $((SIZE - 1))" " error: " \
	"the file is $SIZE bytes, larger than the limit of $((SIZE - 1)) \(raise it with --max-input\)" \
	"--max-input"
# The default: a sparse 257 MiB file is refused from its size, unread.
truncate -s 257M "$D/huge.xml"
refused "" " error: " "larger than the limit of 268435456 \(raise it with --max-input\)" \
	"default --max-input" "$D/huge.xml"
rm -f "$D/huge.xml"
# A pipe has no size: the limit applies while reading.
run bash -c "cat '$D/ok.xml' | '$MEDSCOPE' validate --lang en --max-input 100 /dev/stdin"
expect_rc 2 "--max-input on a pipe"
expect_err '^/dev/stdin: error: the file is larger than the limit of 100 bytes \(raise it with --max-input\)' \
	"--max-input on a pipe: message"

# --- element depth (default 64) ---
accepted "--max-depth 3" "--max-depth 3"
refused "--max-depth 2" "5:5: error: " "elements nested deeper than 2 levels \(limit --max-depth\)" \
	"--max-depth"
{
	echo "$HEAD"
	for i in $(seq 1 65); do echo "<vendor id=\"v$i\">"; done
	for i in $(seq 1 65); do echo "</vendor>"; done
	echo "</deployment>"
} >"$D/deep.xml"
run timeout 20 "$MEDSCOPE" validate --lang en "$D/deep.xml"
expect_rc 2 "depth 66"
expect_err ': error: ' "depth 66: a diagnostic"

# --- attributes per element (default 64) ---
accepted "--max-attributes 5" "--max-attributes 5"
refused "--max-attributes 4" "7:3: error: " "more than 4 attributes \(limit --max-attributes\)" \
	"--max-attributes"
{
	echo "$HEAD"
	printf '  <vendor id="A"'
	for i in $(seq 1 65); do printf ' a%d="x"' "$i"; done
	echo '/>'
	echo "</deployment>"
} >"$D/attrs.xml"
refused "" "3:3: error: " "more than 64 attributes \(limit --max-attributes\)" \
	"default --max-attributes" "$D/attrs.xml"

# --- attribute value and text length (default 1 MiB) ---
DESC=$(printf 'バックアップの確認を年1回' | wc -c)
accepted "--max-value-length $DESC" "--max-value-length at the description's length"
refused "--max-value-length 9" "2:1: error: " \
	"an attribute value is longer than 9 bytes \(limit --max-value-length\)" "--max-value-length (attribute)"
refused "--max-value-length $((DESC - 1))" "9:" \
	"<risk>: the description is longer than $((DESC - 1)) bytes \(limit --max-value-length\)" \
	"--max-value-length (text)"
{
	echo "$HEAD"
	printf '  <vendor id="A" name="'
	head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' 'x'
	echo '"/>'
	echo "</deployment>"
} >"$D/long-value.xml"
refused "" "3:3: error: " "longer than 1048576 bytes \(limit --max-value-length\)" \
	"default --max-value-length" "$D/long-value.xml"

# --- name length: libxml2's fixed cap of 50,000 bytes on a name ---
{
	echo "$HEAD"
	printf '  <vendor id="A" '
	head -c 50001 /dev/zero | tr '\0' 'n'
	echo '="x"/>'
	echo "</deployment>"
} >"$D/long-name.xml"
refused "" "3:18: error: " "Name too long" "attribute name of 50,001 bytes" "$D/long-name.xml"

# --- diagnostics printed (default 100) ---
{
	echo "$HEAD"
	for i in $(seq 1 150); do echo "  <vendor id=\"v$i\" colour=\"x\"/>"; done
	echo "</deployment>"
} >"$D/many-errors.xml"
run "$MEDSCOPE" validate --lang en --max-diagnostics 3 "$D/many-errors.xml"
expect_rc 2 "--max-diagnostics 3"
[ "$(grep -c ': error: ' "$WORK/err")" -eq 3 ] && ok || fail "--max-diagnostics 3: not 3 diagnostics"
expect_err 'stopped after 3 problems \(raise --max-diagnostics' "--max-diagnostics: says it stopped at the cap"
run "$MEDSCOPE" validate --lang en "$D/many-errors.xml"
expect_rc 2 "default --max-diagnostics"
[ "$(grep -c ': error: ' "$WORK/err")" -eq 100 ] && ok || fail "default: not 100 diagnostics"
expect_err 'stopped after 100 problems' "default --max-diagnostics: says it stopped at the cap"

# --- bad values are usage errors ---
for opt in --max-input --max-depth --max-attributes --max-value-length --max-diagnostics; do
	# " -1" was once 2^64 - 1 (strtoull skips blanks): no limit at all
	for v in 0 -1 " -1" " 5" "+5" "5 " x 12k 99999999999999999999999 ""; do
		run "$MEDSCOPE" validate "$opt" "$v" "$D/ok.xml"
		expect_rc 2 "$opt $v"
		expect_err 'a positive whole number is needed' "$opt $v: message"
	done
done
run "$MEDSCOPE" validate --max-depth 4294967296 "$D/ok.xml"
expect_rc 2 "--max-depth past UINT_MAX"
run "$MEDSCOPE" report "$D/ok.xml" --format sarif --max-results " -1"
expect_rc 2 "--max-results ' -1'"

# --- reading stops at the first fatal error (issue 13) ---
# An endless source after a fatal error: if the loader read on, it would
# stop only at --max-input (256 MiB, seconds) with the size refusal; it
# must stop at once with the error at its place. `yes` ends by SIGPIPE.
endless_after() {
	printf '%b' "$1"
	yes '<vendor id="B" name="b"/> aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
}
stops_at() { # DESCRIPTION POSITION-REGEX
	expect_rc 2 "$1"
	expect_err "$2" "$1: the fatal error at its place"
	grep -q 'max-input' "$WORK/err" && fail "$1: read on to --max-input" || ok
}
endless_after '\001' | run timeout 60 "$MEDSCOPE" validate --lang en -
stops_at "fatal error at 1:1 on an endless stdin" '^<stdin>:1:1: error: not well-formed XML'
endless_after '<deployment xmlns="urn:medscope:deployment:1" name="x">\n<a></b>\n' |
	run timeout 60 "$MEDSCOPE" validate --lang en -
stops_at "fatal error at 2:8 on an endless stdin" '^<stdin>:2:8: error: not well-formed XML: Opening and ending tag mismatch'
# The same through a named file: a FIFO stands for a file of any size.
mkfifo "$D/endless.xml"
endless_after '\001' >"$D/endless.xml" &
run timeout 60 "$MEDSCOPE" validate --lang en "$D/endless.xml"
wait
stops_at "fatal error at 1:1 in an endless file" "endless.xml:1:1: error: not well-formed XML"
rm -f "$D/endless.xml"
# A NUL byte is never XML (/dev/zero: no line to end, nothing but NULs).
run timeout 60 "$MEDSCOPE" validate --lang en /dev/zero
stops_at "/dev/zero" '^/dev/zero:1:1: error: '

finish
