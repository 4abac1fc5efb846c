#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every file of the bad-input corpus (tests/bad/README.md) is refused:
# exit 2, the first diagnostic at the expected FILE:LINE:COL with a clear
# message, nothing on stdout, within a time limit. Generated large cases too.
source "$SRC/tests/cli/lib.sh"

# file | first diagnostic's line:col | message (grep -E)
cases='
01-billion-laughs.xml|3:1|a DOCTYPE is not allowed
02-billion-laughs-attribute.xml|3:1|a DOCTYPE is not allowed
03-quadratic-blowup.xml|3:1|a DOCTYPE is not allowed
04-xxe-local-file.xml|3:1|a DOCTYPE is not allowed
05-xxe-http-attribute.xml|3:1|a DOCTYPE is not allowed
06-external-dtd.xml|3:1|a DOCTYPE is not allowed
07-parameter-entity.xml|3:1|a DOCTYPE is not allowed
08-xinclude.xml|11:3|<xi:include>: XInclude is not processed
09-depth-300.xml|5:1|<facility> is not allowed inside <facility>
10-invalid-utf8.xml|5:25|byte 0xFF at offset 259 is not UTF-8
11-overlong-utf8.xml|5:25|byte 0xC0 at offset 271 is not UTF-8
12-utf16-declared-on-utf8.xml|1:38|the declaration says UTF-16 but the bytes are UTF-8
13-unknown-encoding.xml|1:50|Unsupported encoding X-MEDSCOPE-UNKNOWN
14-nul-byte.xml|8:26|Char 0x0 out of allowed range
15-c0-control.xml|11:66|invalid Char value 1
16-truncated.xml|9:32|end of Start Tag contract
17-mismatched-tag.xml|7:11|tag mismatch: vendor line 5 and vendr
18-duplicate-attribute.xml|4:45|Attribute name redefined
19-empty-file.xml|1:1|the file is empty
20-two-roots.xml|12:1|Extra content at the end
21-undefined-prefix.xml|4:3|<m:facility> is not in the namespace
22-wrong-root.xml|3:1|root element must be <deployment
23-wrong-namespace.xml|3:1|not <deployment> in namespace urn:medscope:deployment:2
27-duplicate-id.xml|9:3|duplicate id .ehr. \(first defined at line 8\)
28-dangling-reference.xml|9:3|.supplier. refers to .nosuch-vendor., which is not defined
29-provider-names-system.xml|9:3|.provider. refers to .ehr., a system, but must name a party
30-covers-names-party.xml|9:3|.covers. refers to .A., a vendor, but must name a system
31-runs-on-cycle.xml|12:5|runs-on cycle: ehr → plat → ehr
32-self-runs-on.xml|9:5|runs-on cycle: ehr → ehr
33-unknown-layer.xml|8:3|.cloud. is not one of: saas, paas, iaas
34-missing-required-attribute.xml|9:3|missing required attribute .client.
35-contract-empty-covers.xml|9:3|.covers. needs at least 1 value
36-agreement-single-party.xml|10:3|.parties. needs at least 2 value
37-bad-date.xml|10:3|.2026-02-30. is not a date
38-unknown-element.xml|10:3|<note> is not allowed inside <deployment>
'

check_case() { # path loc regex
	local f=$1 loc=$2 re=$3 name
	name=$(basename "$f")
	run timeout 10 "$MEDSCOPE" validate --lang en "$f"
	expect_rc 2 "$name exit status"
	local first
	first=$(head -n 1 "$WORK/err")
	case "$first" in
	"$f:$loc: error: "*) ok ;;
	*) fail "$name: first diagnostic is '$first', expected $f:$loc: error: ..." ;;
	esac
	grep -Eq -- "$re" <<<"$first" && ok || fail "$name: message lacks /$re/"
	[ ! -s "$WORK/out" ] && ok || fail "$name: wrote to stdout"
}

n=0
while IFS='|' read -r file loc re; do
	[ -n "$file" ] || continue
	check_case "$SRC/tests/bad/$file" "$loc" "$re"
	n=$((n + 1))
done <<<"$cases"
# Every committed corpus file is listed above.
total=$(ls "$SRC"/tests/bad/*.xml | wc -l)
[ "$n" -eq "$total" ] && ok || fail "the corpus has $total files, the test lists $n"

# The generated ones (100k attributes, a 60 KB name, a 12 MiB value).
bash "$SRC/tests/bad/make-large.sh" "$WORK/large" >/dev/null
check_case "$WORK/large/24-many-attributes.xml" 4:3 'more than 64 attributes'
check_case "$WORK/large/25-long-element-name.xml" 4:4 'Name too long'
check_case "$WORK/large/26-huge-attribute.xml" 4:3 'longer than 1048576 bytes'
# --max-input refuses before reading.
run "$MEDSCOPE" validate --max-input 1000 "$WORK/large/26-huge-attribute.xml"
expect_rc 2 "--max-input"
expect_err 'larger than the limit of 1000' "--max-input message"
rm -rf "$WORK/large"
finish
