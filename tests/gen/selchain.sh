#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A selection chain of N vendors over a runs-on chain of their systems
# (issue 13's shape): H contracts V0 for s0; V(i-1) contracts V(i) for s(i)
# selected-by V(i-1); s(i) runs on s(i+1). The owner of every s(i) for H is
# V0, through the chain k0 ... k(i): vias of 1 to N contracts.
#   tests/gen/selchain.sh N > model.xml
n=${1:?N}
printf '<?xml version="1.0" encoding="UTF-8"?>\n<deployment xmlns="urn:medscope:deployment:1" name="selchain" as-of="2026-11-01">\n<facility id="H" name="H"/>\n'
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) {
	printf "<vendor id=\"V%d\" name=\"v\"><certification scheme=\"isms\"/></vendor>\n", i
	printf "<system id=\"s%d\" name=\"s\" provider=\"V%d\" layer=\"saas\" data=\"medical\">", i, i
	if (i + 1 < n) printf "<runs-on ref=\"s%d\"/>", i + 1
	print "</system>"
	if (i == 0) print "<contract id=\"k0\" client=\"H\" supplier=\"V0\" type=\"service\" covers=\"s0\"/>"
	else printf "<contract id=\"k%d\" client=\"V%d\" supplier=\"V%d\" selected-by=\"V%d\" type=\"service\" covers=\"s%d\"/>\n", i, i - 1, i, i - 1, i } }'
echo '</deployment>'
