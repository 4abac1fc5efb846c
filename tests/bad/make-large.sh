#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Generate the large bad-input cases that are not committed (see README.md).
# Usage: tests/bad/make-large.sh OUTDIR
# Writes OUTDIR/24-many-attributes.xml   (100,000 attributes on one element, ~1.4 MB)
#        OUTDIR/25-long-element-name.xml (an element name of 61,440 characters)
#        OUTDIR/26-huge-attribute.xml    (one attribute value of 12 MiB)
# Each is otherwise a small valid model. Needs only sh, awk, head and tr.
set -eu
out=${1:?usage: $0 OUTDIR}
mkdir -p "$out"

head_lines() {
  # $1: one-line comment describing the case
  printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  printf '<!-- %s -->\n' "$1"
  printf '<deployment xmlns="urn:medscope:deployment:1" name="large input" as-of="2026-11-01">\n'
}
tail_lines() {
  printf '  <vendor id="A" name="A社"/>\n'
  printf '  <system id="ehr" name="電子カルテ" provider="A" layer="saas" data="medical"/>\n'
  printf '</deployment>\n'
}

# 24: 100,000 attributes on one element (line 4, column 3).
f="$out/24-many-attributes.xml"
{
  head_lines "100,000 attributes on one element"
  printf '  <facility id="H"'
  awk 'BEGIN { for (i = 1; i <= 100000; i++) printf " a%d=\"x\"", i }'
  printf '/>\n'
  tail_lines
} > "$f.tmp" && mv "$f.tmp" "$f"

# 25: an element name of 61,440 characters (60 KiB; line 4, column 3).
f="$out/25-long-element-name.xml"
{
  head_lines "element name of 61,440 characters"
  printf '  <'
  head -c 61440 /dev/zero | tr '\000' 'n'
  printf '/>\n'
  tail_lines
} > "$f.tmp" && mv "$f.tmp" "$f"

# 26: one attribute value of 12 MiB (element at line 4, column 3; attribute at column 20).
f="$out/26-huge-attribute.xml"
{
  head_lines "one attribute value of 12 MiB"
  printf '  <facility id="H" name="'
  head -c 12582912 /dev/zero | tr '\000' 'x'
  printf '"/>\n'
  tail_lines
} > "$f.tmp" && mv "$f.tmp" "$f"
