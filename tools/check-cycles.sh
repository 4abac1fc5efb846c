#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# No file of src/ may depend on itself through others (issue 11): a cycle
# between files means neither can be read, changed or tested alone.
#
# The graph has one node per file of src/ and two kinds of edges:
#   include   A -> B when A has `#include "B"` (resolved beside A, then
#             under src/, as the compiler's -I does; system and generated
#             headers are left out: they include nothing of ours);
#   call      A.c -> B.c when A's object file uses a symbol B's defines
#             (`nm`: undefined in A, defined in B), so calls through
#             headers and data references count alike.
# It prints every strongly connected component of more than one file with
# the edges inside it (and, for calls, the symbols), and fails if any.
#
# Usage: tools/check-cycles.sh SRC_DIR OBJECT_DIR...
#   SRC_DIR     the src/ folder
#   OBJECT_DIR  CMake object folders of its targets (…/CMakeFiles/T.dir);
#               each X/Y.c.o there is the object of SRC_DIR/X/Y.c
# Exit status: 0 no cycle, 1 cycles (listed), 2 usage or missing objects.
set -euo pipefail
export LC_ALL=C

if [ $# -lt 2 ]; then
	echo "usage: $0 SRC_DIR OBJECT_DIR..." >&2
	exit 2
fi
src=$(cd "$1" && pwd)
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
edges=$work/edges # "from to kind detail" lines

# ---- include edges -------------------------------------------------------
(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | sort) >"$work/files"
(cd "$src" && xargs awk -v list="$work/files" '
	BEGIN { while ((getline l < list) > 0) file[l] = 1 }
	function norm(p,    n, i, k, part, out) { # a/b/../c -> a/c
		n = split(p, part, "/"); k = 0
		for (i = 1; i <= n; i++) {
			if (part[i] == "." || part[i] == "") continue
			if (part[i] == ".." && k > 0) { k--; continue }
			out[++k] = part[i]
		}
		p = out[1]
		for (i = 2; i <= k; i++) p = p "/" out[i]
		return p
	}
	FNR == 1 { f = FILENAME; dir = f; sub(/\/?[^\/]*$/, "", dir) }
	/^[ \t]*#[ \t]*include[ \t]*"/ {
		inc = $0; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
		beside = norm((dir == "" ? "" : dir "/") inc)
		to = (beside in file) ? beside : (norm(inc) in file) ? norm(inc) : ""
		if (to != "" && to != f) print f, to, "include", "-"
	}' <"$work/files") >"$edges"

# ---- call edges ----------------------------------------------------------
# One nm run per kind over every object ("object: ... symbol" lines).
: >"$work/objs"
for objdir in "$@"; do
	[ -d "$objdir" ] || { echo "$0: no object folder $objdir (build first)" >&2; exit 2; }
	find "$objdir" -name '*.c.o' | sort | while read -r o; do
		f=${o#"$objdir"/}
		f=${f%.o}
		# Generated sources (the catalog) are no file of src/.
		[ -f "$src/$f" ] && echo "$o $f"
	done >>"$work/objs"
done
if [ ! -s "$work/objs" ]; then
	echo "$0: no object files of $src under $* (build first)" >&2
	exit 2
fi
objfile() { awk -v map="$work/objs" 'BEGIN { while ((getline l < map) > 0) { split(l, x, " "); f[x[1]] = x[2] } }
	{ o = $1; sub(/:[^/]*$/, "", o); if (o in f) print $NF, f[o] }'; }
cut -d' ' -f1 "$work/objs" | xargs nm -A -g --defined-only | awk 'NF == 3' | objfile >"$work/defs"
cut -d' ' -f1 "$work/objs" | xargs nm -A -u | objfile >"$work/uses"
awk 'NR == FNR { def[$1] = $2; next }
     ($1 in def) && def[$1] != $2 { print $2, def[$1], "call", $1 }' \
	"$work/defs" "$work/uses" >>"$edges"

# ---- strongly connected components ----------------------------------------
# Two files are in one component when each reaches the other: reachability
# by a depth-first walk from every node (a few hundred files, fine).
sort -u "$edges" | awk '
{
	key = $1 SUBSEP $2
	if (!(key in kind)) {
		adj[$1] = adj[$1] " " $2
		node[$1] = 1; node[$2] = 1
		kind[key] = $3
		detail[key] = $4
	} else if ($3 == "call" && kind[key] == "call") {
		detail[key] = detail[key] "," $4
	} else if (kind[key] != $3) {
		kind[key] = "include+call"
		if ($4 != "-") detail[key] = $4
	}
}
function reach(s,    stack, top, x, n, i, list) {
	delete seen
	top = 1; stack[1] = s; seen[s] = 1
	while (top > 0) {
		x = stack[top--]
		n = split(adj[x], list, " ")
		for (i = 1; i <= n; i++)
			if (!(list[i] in seen)) { seen[list[i]] = 1; stack[++top] = list[i] }
	}
	for (x in seen) r[s, x] = 1
}
END {
	for (a in node) reach(a)
	ncomp = 0
	for (a in node) {
		if (a in comp) continue
		members = ""
		for (b in node)
			if ((a, b) in r && (b, a) in r) { comp[b] = a; members = members " " b }
		if (split(members, tmp, " ") > 1) out[++ncomp] = members
	}
	for (k = 1; k <= ncomp; k++) {
		n = split(out[k], mem, " ")
		printf "cycle between %d files:\n", n
		for (i = 1; i <= n; i++)
			for (j = 1; j <= n; j++)
				if ((mem[i], mem[j]) in kind) {
					d = detail[mem[i], mem[j]]
					printf "  %s -> %s (%s%s)\n", mem[i], mem[j], kind[mem[i], mem[j]],
					       d == "-" ? "" : ": " d
				}
	}
	if (ncomp) exit 1
	printf "no include or call cycle between %d files\n", length(node)
}'
