#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# National-scale benchmark (issues 2, 3 and 18). For each shape of
# tests/gen/gen_national.c (default, and dense: about 1.6 findings per
# facility) it generates a model and measures, in the same run, the median
# of RUNS runs of:
#   - xmllint --stream --noout            (reference: libxml2 streaming the file)
#   - a bare SAX2 push parse, no callbacks (the floor; built here from sax_floor.c)
#   - medscope validate, check, report --format json|sarif|csv, owners,
#     diff of the model and its --variant after, impact of the largest IaaS
#     (most systems running on it, transitively), graph --focus of one hospital
# and prints each time (wall, and cpu = user + system, which a busy shared
# machine moves less) as a ratio to both references, peak RSS as a ratio to
# the file size, and diff as a ratio to one check. Output goes to /dev/null
# (its size is shown for the report formats). Runs are interleaved, so a
# change of machine load hits every command alike; the load average is
# printed before and after.
#
# Targets on the dense shape (issue 18): validate <= 1.0x xmllint, check <=
# 1.5x, peak RSS <= 1.2x file for both; report json <= 6x; sarif <= 8x;
# diff <= 2.5x check.
#
#   tests/bench/national.sh [BUILD_DIR]
#   SCALE=0.2 RUNS=3 tests/bench/national.sh     quick run (default SCALE=1 RUNS=5)
#   SHAPES=dense tests/bench/national.sh          one shape (default "default dense")
#   COMMANDS="validate check" ...                 a subset of the commands
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
SCALE=${SCALE:-1}
RUNS=${RUNS:-5}
SHAPES=${SHAPES:-default dense}
COMMANDS=${COMMANDS:-validate check json sarif csv owners diff impact graph}
MEDSCOPE=$BUILD/src/medscope
[ -x "$MEDSCOPE" ] || { echo "build first: cmake -B $BUILD && cmake --build $BUILD" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "needs xmllint (apt-get install libxml2-utils)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cc -O2 -o "$T/gen" tests/gen/gen_national.c
# shellcheck disable=SC2046
cc -O2 -o "$T/sax" tests/bench/sax_floor.c $(pkg-config --cflags --libs libxml-2.0)

# run NAME CMD...: one timed run, appends "seconds peak_kb cpu_s out_bytes" to $T/NAME.
# Exit status 1 (findings) counts as a run; 2 or more stops the benchmark.
run() {
	local name=$1 rc=0
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$T/time" "$@" >"$T/out" 2>"$T/err" || rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "national.sh: '$*' failed ($rc):" >&2
		tail -n 5 "$T/err" >&2
		exit 2
	fi
	tail -n 1 "$T/time" | awk -v o="$(stat -c %s "$T/out")" '{ print $1, $2, $3 + $4, o }' >>"$T/$name"
}
# median NAME COLUMN
median() { sort -n -k"$2","$2" "$T/$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'; }

# largest_iaas FILE: the IaaS vendor with the most systems running on it, transitively
largest_iaas() {
	awk '
	/<vendor / && /role="iaas"/ { match($0, /id="[^"]*"/); iaas[substr($0, RSTART + 4, RLENGTH - 5)] = 1 }
	/<system / {
		match($0, /id="[^"]*"/); s = substr($0, RSTART + 4, RLENGTH - 5)
		match($0, /provider="[^"]*"/); prov[s] = substr($0, RSTART + 10, RLENGTH - 11)
		rest = $0
		while (match(rest, /<runs-on ref="[^"]*"/)) {
			on[s] = on[s] " " substr(rest, RSTART + 14, RLENGTH - 15)
			rest = substr(rest, RSTART + RLENGTH)
		}
	}
	function root(s, d,   n, a, i, r) {  # the IaaS vendors under s, as " V1 V2"
		if (d > 50) return ""
		if (prov[s] in iaas) return " " prov[s]
		r = ""; n = split(on[s], a, " ")
		for (i = 1; i <= n; i++) r = r root(a[i], d + 1)
		return r
	}
	END {
		for (s in prov) {
			n = split(root(s, 0), a, " "); delete seen
			for (i = 1; i <= n; i++) if (!(a[i] in seen)) { seen[a[i]] = 1; cnt[a[i]]++ }
		}
		best = ""; for (v in cnt) if (best == "" || cnt[v] > cnt[best] || (cnt[v] == cnt[best] && v < best)) best = v
		print best
	}' "$1"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "medscope national benchmark: scale $SCALE, seed 1, median of $RUNS, $(nproc) cores"
for shape in $SHAPES; do
	M=$T/$shape.xml
	A=$T/$shape-after.xml
	"$T/gen" --seed 1 --scale "$SCALE" --shape "$shape" -o "$M"
	"$T/gen" --seed 1 --scale "$SCALE" --shape "$shape" --variant after -o "$A"
	size=$(stat -c %s "$M")
	iaas=$(largest_iaas "$M")
	hosp=$(grep -m1 -o '<facility id="H[0-9]*"' "$M" | cut -d'"' -f2)
	nfac=$(grep -c '<facility ' "$M")
	nfind=$("$MEDSCOPE" check --fail-on never "$M" 2>&1 >/dev/null | tail -n 1 |
		awk '{ print $1 + $3 + $5 }')
	echo
	printf 'shape %s: %s bytes (%.1f MB), %s facilities, %s findings (%.2f per facility); impact %s, graph --focus %s\n' \
		"$shape" "$size" "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')" "$nfac" "$nfind" \
		"$(awk -v a="$nfind" -v b="$nfac" 'BEGIN { print a / b }')" "$iaas" "$hosp"
	echo "load average before: $(load)"
	rm -f "$T"/r.*
	for _ in $(seq "$RUNS"); do
		run r.xmllint xmllint --stream --noout "$M"
		run r.sax "$T/sax" "$M"
		for c in $COMMANDS; do
			case $c in
			validate) run r.validate "$MEDSCOPE" validate -q "$M" ;;
			check) run r.check "$MEDSCOPE" check -q --fail-on never "$M" ;;
			json | sarif | csv) run r.$c "$MEDSCOPE" report -q --fail-on never --format "$c" "$M" ;;
			owners) run r.owners "$MEDSCOPE" owners -q --fail-on never --format csv "$M" ;;
			diff) run r.diff "$MEDSCOPE" diff -q --fail-on never "$M" "$A" ;;
			impact) run r.impact "$MEDSCOPE" impact -q --fail-on never "$M" "$iaas" ;;
			graph) run r.graph "$MEDSCOPE" graph -q --fail-on never --focus "$hosp" -o "$T/g.svg" "$M" ;;
			*) echo "national.sh: unknown command $c" >&2; exit 2 ;;
			esac
		done
	done
	ref=$(median r.xmllint 1)
	sax=$(median r.sax 1)
	chk=""
	[ ! -f "$T/r.check" ] || chk=$(median r.check 1)
	refc=$(median r.xmllint 3)
	saxc=$(median r.sax 3)
	printf '%-26s %7s %7s %7s  %6s %7s %7s  %7s %9s\n' command "wall s" "/xmllnt" "/sax" "cpu s" "/xmllnt" "/sax" \
		"RSS/fil" "output MB"
	for c in xmllint sax $COMMANDS; do
		s=$(median r.$c 1)
		kb=$(median r.$c 2)
		cpu=$(median r.$c 3)
		ob=$(median r.$c 4)
		label=$c
		case $c in
		xmllint) label="xmllint --stream --noout" ;;
		sax) label="bare SAX2 push parse" ;;
		json | sarif | csv) label="report --format $c" ;;
		owners) label="owners --format csv" ;;
		diff) label="diff before after" ;;
		impact) label="impact $iaas" ;;
		graph) label="graph --focus $hosp (svg)" ;;
		esac
		printf '%-26s %7s %7s %7s  %6.2f %7s %7s  %7s %9.1f\n' "$label" "$s" "$(ratio "$s" "$ref")" \
			"$(ratio "$s" "$sax")" "$cpu" "$(ratio "$cpu" "$refc")" "$(ratio "$cpu" "$saxc")" \
			"$(ratio "$((kb * 1024))" "$size")" "$(awk -v b="$ob" 'BEGIN { print b / 1e6 }')"
	done
	[ -z "$chk" ] || [ ! -f "$T/r.diff" ] ||
		echo "diff / check: $(ratio "$(median r.diff 1)" "$chk") (wall), $(ratio "$(median r.diff 3)" "$(median r.check 3)") (cpu)"
	echo "load average after: $(load)"
done
