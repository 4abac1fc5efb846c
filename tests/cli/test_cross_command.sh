#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 12: check, report (JSON and the CSV table), owners, the 責任分界表,
# impact (every system: its runs-on pairs, ownership entries and the other
# notification pairs), diff and the supply and contracts diagrams agree on
# every requirement's status, for every example and regression model, and
# no contract raises one pair and topic under two codes (cross_command.py).
# Also issue 12 point 8: SARIF and explain name documents, never the file
# names of the guideline copies (tests/fidelity/08-citations.xml).
source "$SRC/tests/cli/lib.sh"

command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
printf '<?xml version="1.0" encoding="UTF-8"?>\n<deployment xmlns="urn:medscope:deployment:1" name="empty" as-of="2026-11-01"/>\n' \
	>"$WORK/empty.xml"
n=0
for model in "$SRC"/examples/*.xml "$SRC"/examples/change/*.xml "$SRC"/tests/fidelity/*.xml; do
	n=$((n + 1))
	run python3 "$SRC/tests/cli/cross_command.py" "$MEDSCOPE" "$model" "$WORK/empty.xml" "$WORK"
	expect_rc 0 "commands agree on $(basename "$model")"
done
[ "$n" -ge 32 ] && ok || fail "expected 21 examples and 11 regression models, found $n"

# The checker can fail: a program whose owners table says "missing" where
# report says "present" is caught.
cat >"$WORK/fake-medscope" <<FAKE
#!/usr/bin/env bash
if [ "\$1" = owners ]; then
	"$MEDSCOPE" "\$@" | sed '0,/"status": "present"/s//"status": "missing"/'
else
	exec "$MEDSCOPE" "\$@"
fi
FAKE
chmod +x "$WORK/fake-medscope"
run python3 "$SRC/tests/cli/cross_command.py" "$WORK/fake-medscope" "$SRC/examples/01-single-vendor.xml" \
	"$WORK/empty.xml" "$WORK"
expect_rc 1 "a disagreement fails"
expect_out 'owners disagrees with report' "and is named"

# ... and so does one whose impact names another basis for an entry, one
# whose supply view leaves out a missing agreement, and one whose CSV table
# says present where JSON says missing.
E04="$SRC/examples/04-facility-contracts-a-and-b.xml"
cat >"$WORK/fake-impact" <<FAKE
#!/usr/bin/env bash
if [ "\$1" = impact ]; then
	"$MEDSCOPE" "\$@" | sed 's/"basis": "prime-provider"/"basis": "selected-by-prime"/'
else
	exec "$MEDSCOPE" "\$@"
fi
FAKE
cat >"$WORK/fake-supply" <<FAKE
#!/usr/bin/env bash
"$MEDSCOPE" "\$@"
rc=\$?
if [ "\$1" = graph ] && [[ " \$* " == *" supply "* ]]; then
	sed -i 's/<TD>missing:/<TD>gone:/' "$WORK/g.dot"
fi
exit \$rc
FAKE
cat >"$WORK/fake-csv" <<FAKE
#!/usr/bin/env bash
if [ "\$1" = report ] && [[ " \$* " == *" csv "* ]]; then
	"$MEDSCOPE" "\$@" | sed 's/,MISSING,/,present,/'
else
	exec "$MEDSCOPE" "\$@"
fi
FAKE
chmod +x "$WORK/fake-impact" "$WORK/fake-supply" "$WORK/fake-csv"
for fake in impact:'impact ehr: owner of' supply:'graph --view supply draws' csv:'report csv disagrees'; do
	run python3 "$SRC/tests/cli/cross_command.py" "$WORK/fake-${fake%%:*}" "$E04" "$WORK/empty.xml" "$WORK"
	expect_rc 1 "a disagreeing ${fake%%:*} fails"
	expect_out "${fake#*:}" "and is named"
done

# ... and one whose report raises a requirement twice, as an error and as
# a warning.
cat >"$WORK/fake-dup" <<FAKE
#!/usr/bin/env bash
if [ "\$1" = report ] && [[ " \$* " == *" json "* ]] && [[ " \$* " != *" matrix "* ]]; then
	"$MEDSCOPE" "\$@" | python3 -c '
import json, sys
d = json.load(sys.stdin)
q = dict(d["agreements"][0], code="missing-supplier-agreement", severity="warning")
d["agreements"].append(q)
json.dump(d, sys.stdout)'
else
	exec "$MEDSCOPE" "\$@"
fi
FAKE
chmod +x "$WORK/fake-dup"
run python3 "$SRC/tests/cli/cross_command.py" "$WORK/fake-dup" "$E04" "$WORK/empty.xml" "$WORK"
expect_rc 1 "a requirement raised twice fails"
expect_out 'duplicate requirement' "and is named"

F08="$SRC/tests/fidelity/08-citations.xml"
run "$MEDSCOPE" report --format sarif --fail-on never "$F08"
expect_rc 0 "sarif of 08"
expect_out '"document": "「医療情報' "SARIF names the document"
expect_no_out '[0-9]{3}_[0-9a-f]{16}' "SARIF names no guideline copy"
for code in risk-acceptance-unagreed demarcation-not-in-writing missing-certification \
	unknown-infrastructure-but-selected; do
	run "$MEDSCOPE" explain "$code" --lang ja
	expect_rc 0 "explain $code"
	expect_out '医療情報' "explain $code names the document"
	expect_no_out '[0-9]{3}_[0-9a-f]{16}|\.txt' "explain $code names no guideline copy"
done
finish
