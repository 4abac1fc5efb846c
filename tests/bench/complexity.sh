#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Growth of time and peak memory on the adversarial shapes of issue 13
# (SECURITY.md: time and memory roughly linear in the input). Each shape is
# built at n, 2n and 4n; for each command the script prints CPU seconds and
# peak RSS (GNU time %M, KiB) at every size and the ratio per doubling,
# then the size of what it wrote (stdout, or the DOT file) and its ratio:
# output must be linear in the model too (issue 13: a selection chain's
# JSON vias once grew with the square). Target: every ratio <= 2.3 (sizes
# below 64 KiB and times below 0.05 s count as that floor: noise). Exit 1
# when one is above.
#
#   tests/bench/complexity.sh [BUILD_DIR] [N]      (N default 10000)
#   SHAPES='selchain star' tests/bench/complexity.sh ...   (some shapes only)
#
# Shapes:
#   chain     a runs-on chain s0 -> s1 -> ... of N systems of one vendor
#   selchain  N vendors, each selected by the one before (contracts along a
#             selected-by chain) over a runs-on chain of their systems
#   parties   one agreement of N vendor parties, each with a contract
#   star      a selection chain over a star: one system running on N
#             systems, each of another vendor the hub's vendor contracts
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
N=${2:-10000}
MEDSCOPE=$BUILD/src/medscope
[ -x "$MEDSCOPE" ] || { echo "build first: cmake -B $BUILD && cmake --build $BUILD" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

head_xml() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<deployment xmlns="urn:medscope:deployment:1" name="bench" as-of="2026-11-01">\n<facility id="H" name="H"/>\n'
}

gen_chain() {
	head_xml
	echo '<vendor id="V" name="V"><certification scheme="isms"/></vendor>'
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) {
		printf "<system id=\"s%d\" name=\"s\" provider=\"V\" layer=\"saas\" data=\"medical\">", i
		if (i + 1 < n) printf "<runs-on ref=\"s%d\"/>", i + 1
		print "</system>" } }'
	echo '<contract id="k" client="H" supplier="V" type="service" covers="s0"/>'
	echo '</deployment>'
}

# The same shape as cli.long_chains uses, from its one generator.
gen_selchain() {
	bash tests/gen/selchain.sh "$1"
}

gen_parties() {
	head_xml
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) {
		printf "<vendor id=\"V%d\" name=\"v\"><certification scheme=\"isms\"/></vendor>\n", i
		printf "<system id=\"s%d\" name=\"s\" provider=\"V%d\" layer=\"saas\" data=\"medical\"/>\n", i, i
		printf "<contract id=\"k%d\" client=\"H\" supplier=\"V%d\" type=\"service\" covers=\"s%d\"/>\n", i, i, i }
		printf "<agreement id=\"g\" topics=\"demarcation risk-management integration change-notification\" document=\"d.pdf\" parties=\"H"
		for (i = 0; i < n; i++) printf " V%d", i
		print "\"/>" }'
	echo '</deployment>'
}

gen_star() {
	head_xml
	echo '<vendor id="A" name="A"><certification scheme="isms"/></vendor>'
	awk -v n="$1" 'BEGIN {
		printf "<system id=\"hub\" name=\"hub\" provider=\"A\" layer=\"saas\" data=\"medical\">"
		for (i = 0; i < n; i++) printf "<runs-on ref=\"s%d\"/>", i
		print "</system>"
		print "<contract id=\"k\" client=\"H\" supplier=\"A\" type=\"service\" covers=\"hub\"/>"
		for (i = 0; i < n; i++) {
			printf "<vendor id=\"V%d\" name=\"v\"><certification scheme=\"isms\"/></vendor>\n", i
			printf "<system id=\"s%d\" name=\"s\" provider=\"V%d\" layer=\"iaas\"/>\n", i, i
			printf "<contract id=\"k%d\" client=\"A\" supplier=\"V%d\" type=\"service\" covers=\"s%d\"/>\n", i, i, i } }'
	echo '</deployment>'
}

# Seconds and KiB of one command on model $2 (the rest: its arguments).
measure() {
	local out=$1
	shift
	rm -f "$T/g.dot"
	# CPU seconds (user + system), not wall-clock: the machine is shared,
	# and waiting for a core is not the program's growth.
	/usr/bin/time -f '%U %S %M' -o "$T/t" "$@" >"$T/stdout" 2>"$T/err"
	local rc=$?
	if [ $rc -ge 2 ]; then
		echo "FAIL FAIL FAIL" >"$out"
		failed=1
		head -2 "$T/err" >&2
	else
		local bytes
		bytes=$(cat "$T/stdout" "$T/g.dot" 2>/dev/null | wc -c)
		awk -v b="$bytes" '{ printf "%.2f %s %s\n", $1 + $2, $3, b }' "$T/t" >"$out"
		rm -f "$T/stdout"
	fi
}

worst=0
failed=0
printf '%-9s %-7s %7s %7s %7s %5s %5s | %7s %7s %7s %5s %5s | %10s %10s %10s %5s %5s\n' \
	shape command t1 t2 t4 r2 r4 kb1 kb2 kb4 m2 m4 out1 out2 out4 o2 o4
for shape in ${SHAPES:-chain selchain parties star}; do
	for k in 1 2 4; do
		"gen_$shape" $((N * k)) >"$T/$shape-$k.xml"
	done
	# The star's hub has N neighbours, more than a diagram may draw (the
	# refusal is tested elsewhere); one of its leaves' vendors has few.
	focus=$(case $shape in chain) echo s0 ;; *) echo V0 ;; esac)
	impact_id=$(case $shape in chain) echo s0 ;; star) echo A ;; *) echo V0 ;; esac)
	for cmd in check report owners diff impact graph; do
		for k in 1 2 4; do
			f=$T/$shape-$k.xml
			case $cmd in
			check) measure "$T/r$k" "$MEDSCOPE" check -q --fail-on never "$f" ;;
			report) measure "$T/r$k" "$MEDSCOPE" report --format json --fail-on never "$f" ;;
			owners) measure "$T/r$k" "$MEDSCOPE" owners --fail-on never "$f" ;;
			diff) measure "$T/r$k" "$MEDSCOPE" diff --fail-on never "$f" "$f" ;;
			impact) measure "$T/r$k" "$MEDSCOPE" impact --fail-on never "$f" "$impact_id" ;;
			graph) measure "$T/r$k" "$MEDSCOPE" graph -T dot -o "$T/g.dot" --focus "$focus" --fail-on never "$f" ;;
			esac
		done
		read -r t1 m1 o1 <"$T/r1"
		read -r t2 m2 o2 <"$T/r2"
		read -r t4 m4 o4 <"$T/r4"
		awk -v s="$shape" -v c="$cmd" -v t1="$t1" -v t2="$t2" -v t4="$t4" -v m1="$m1" -v m2="$m2" -v m4="$m4" \
			-v o1="$o1" -v o2="$o2" -v o4="$o4" 'BEGIN {
			f = 0.05  # below this many seconds, time is noise
			r2 = (t2 + f) / (t1 + f); r4 = (t4 + f) / (t2 + f)
			q2 = m2 / (m1 > 0 ? m1 : 1); q4 = m4 / (m2 > 0 ? m2 : 1)
			b = 65536  # below this many bytes, output size is noise
			p2 = (o2 + b) / (o1 + b); p4 = (o4 + b) / (o2 + b)
			printf "%-9s %-7s %7s %7s %7s %5.2f %5.2f | %7s %7s %7s %5.2f %5.2f | %10s %10s %10s %5.2f %5.2f\n", s, c, t1, t2, t4, r2, r4, m1, m2, m4, q2, q4, o1, o2, o4, p2, p4
			w = r2; if (r4 > w) w = r4; if (q2 > w) w = q2; if (q4 > w) w = q4
			if (p2 > w) w = p2; if (p4 > w) w = p4
			print w > "/dev/stderr" }' 2>"$T/w"
		worst=$(awk -v a="$worst" -v b="$(cat "$T/w")" 'BEGIN { print (b > a ? b : a) }')
	done
done
echo "worst ratio per doubling: $worst (target <= 2.3)"
[ "$failed" -eq 0 ] || echo "some commands failed (FAIL above)"
awk -v w="$worst" -v f="$failed" 'BEGIN { exit w <= 2.3 && f == 0 ? 0 : 1 }'
