# SPDX-License-Identifier: Apache-2.0
# The golden report files (sourced by tests/cli/test_report_golden.sh and
# tests/update-golden-reports.sh, so that both run the very same commands).
#
# tests/golden/<format>/<example>.<ext> for two examples: 04 (the facility
# contracts A and B separately, GL 2.2.3) and 02 (A selects the IaaS B,
# GL 2.2.2 case 1), and 17 (accepted findings, rules.md §5). CSV has one golden
# per table. Run from the source tree.

REPORT_GOLDEN_EXAMPLES="04-facility-contracts-a-and-b 02-vendor-selects-iaas 17-exceptions"

# The golden files of one example, as paths under tests/golden.
report_golden_files() {
	local name=$1 t
	echo "sarif/$name.sarif"
	for t in scope owners agreements findings; do
		echo "csv/$name.$t.csv"
	done
	echo "md/$name.md"
	echo "html/$name.html"
}

# Keep the HTML but cut the inline SVG: the diagram is Graphviz's layout,
# checked by the diagram's own tests; here what matters is the page around it.
report_mask_svg() {
	awk '
		/^<figure class="diagram">$/ { print; print "[diagram: medscope graph output, not compared here]"; skip = 1; next }
		skip && /^<\/figure>$/ { skip = 0 }
		!skip { print }
	'
}

# report_golden_make MEDSCOPE GOLDEN_PATH OUT: write to OUT what
# tests/golden/GOLDEN_PATH must hold. SARIF in English for CI logs; CSV,
# Markdown and HTML in Japanese, for the facilities and vendors in Japan.
# --fail-on never: the exit status is not what is compared.
report_golden_make() {
	local medscope=$1 golden=$2 out=$3 base name table
	base=$(basename "$golden")
	name=${base%%.*}
	case $golden in
	sarif/*)
		"$medscope" report "examples/$name.xml" --format sarif --lang en --fail-on never >"$out" ;;
	csv/*)
		table=${base#"$name".}
		table=${table%.csv}
		"$medscope" report "examples/$name.xml" --format csv --table "$table" --lang ja \
			--fail-on never >"$out" ;;
	md/*)
		"$medscope" report "examples/$name.xml" --format md --lang ja --fail-on never >"$out" ;;
	html/*)
		"$medscope" report "examples/$name.xml" --format html --lang ja --fail-on never \
			| report_mask_svg >"$out" ;;
	*)
		return 2 ;;
	esac
}
