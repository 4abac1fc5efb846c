#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# No side effects (SECURITY.md): every file of the bad-input corpus
# (tests/bad/, committed and generated) goes through validate, check,
# report -o and graph -o under
#     strace -f -e trace=%file,%network
# and the trace must show no socket and no file touched but the ones on the
# explicit lists below. A valid model then goes through report (JSON, HTML)
# and graph (DOT, SVG) to show what a successful run adds: its output, the
# output's temporary file, and Graphviz's plugins and fonts.
#
# Allowed, always:
#   - execve of the program itself; the dynamic loader's /etc/ld.so.preload
#     check and /etc/ld.so.cache; read-only opens of shared libraries in the
#     system library folders;
#   - the input, read-only;
#   - stat of the requested output and of its folder (a refused input
#     creates nothing);
#   - locale and gconv data (/usr/lib/locale, /usr/share/locale,
#     /usr/lib/x86_64-linux-gnu/gconv), read-only;
#   - in a sanitizer build, the runtime's /proc/self files and
#     tests/lsan.supp.
# Allowed, only for the valid model:
#   - the output's folder (created when missing; its ancestors stat'ed), its
#     temporary file DIR/.NAME.XXXXXX (created, written, renamed onto the
#     output); /dev/urandom, read once by jansson to seed its hash tables;
#   - when a diagram is laid out (graph -T svg, report --format html), all
#     read-only: Graphviz's plugin list and plugins
#     (/usr/lib/x86_64-linux-gnu/graphviz, found through /proc/self/maps and
#     /proc/self/exe), fontconfig's configuration, caches and font folders
#     (/etc/fonts, /usr/share/fontconfig, /var/cache/fontconfig,
#     /usr/share/fonts, /usr/local/share/fonts, ~/.fonts, ~/.fontconfig,
#     ~/.cache/fontconfig, ~/.config/fontconfig, ~/.local/share/fonts), and
#     libselinux's start-up probe (/sys/fs/selinux, /selinux,
#     /etc/selinux/config, /proc/filesystems), a dependency of pango's.
# Never: any other path, any write elsewhere, any socket.
source "$SRC/tests/cli/lib.sh"

if ! command -v strace >/dev/null; then
	echo "strace is not installed (apt-get install strace)"
	exit 1
fi
# ptrace may be forbidden (containers without CAP_SYS_PTRACE): say so.
if ! strace -f -qq -e trace=none -o /dev/null true 2>/dev/null; then
	echo "strace cannot trace here (ptrace not permitted)"
	exit 1
fi

LIBDIRS='^/(usr/)?lib(64)?/(x86_64-linux-gnu/)?'
SANITIZED=0
if nm -D "$MEDSCOPE" 2>/dev/null | grep -q '__asan_init\|__ubsan_'; then
	SANITIZED=1
fi

# check_trace LOG INPUT OUTPUT MODE: MODE is "refused" or "ok" or "ok-layout".
check_trace() {
	local log=$1 input=$2 output=$3 mode=$4 outdir
	outdir=$(dirname "$output")
	local bad
	# Paths go through ENVIRON, not -v (which would interpret backslashes).
	bad=$(IN="$input" OUTPUT="$output" OUTDIR="$outdir" TMP_PREFIX="$outdir/.$(basename "$output")." \
		awk -v mode="$mode" -v prog="$MEDSCOPE" -v sanitized="$SANITIZED" -v libdirs="$LIBDIRS" \
		-v supp="$SRC/tests/lsan.supp" '
	function ro(line) { return line !~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/ }
	function is_tmp(p,   rest) {
		if (index(p, tmp_prefix) != 1) return 0
		rest = substr(p, length(tmp_prefix) + 1)
		return rest ~ /^[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]$/
	}
	BEGIN {
		input = ENVIRON["IN"]; output = ENVIRON["OUTPUT"]; outdir = ENVIRON["OUTDIR"]
		tmp_prefix = ENVIRON["TMP_PREFIX"]
		progdir = prog; sub(/\/[^\/]*$/, "", progdir)
	}
	{
		line = $0
		sub(/^[0-9]+ +/, "", line)
		if (line ~ /^(\+\+\+|---) /) next                 # exits and signals
		if (line ~ /resumed>/) next                         # second half of a split call
		call = line; sub(/\(.*/, "", call)
		if (call ~ /^(socket|socketpair|connect|bind|listen|accept|accept4|sendto|sendmsg|recvfrom|recvmsg|getsockopt|setsockopt|getsockname|getpeername|shutdown)$/) {
			print "network: " line; next
		}
		path = ""
		if (match(line, /"[^"]*"/)) path = substr(line, RSTART + 1, RLENGTH - 2)
		if (path == "") next                                # fd-based (fstat of an open file)
		if (call == "execve" && path == prog) next
		if (path == "/etc/ld.so.preload" || path == "/etc/ld.so.cache") next
		if (path ~ libdirs && path ~ /\.so(\.[0-9]+)*$/ && ro(line)) next
		# libmedscope.so.0, looked up by the dynamic loader in the RPATH of the
		# program (its own folder in the build tree, and the hwcaps subfolders).
		if (index(path, progdir "/") == 1 && ro(line) &&
		    (path ~ /\.so(\.[0-9]+)*$/ || call ~ /stat/)) next
		# The sanitizer runtime looks at that folder itself.
		if (sanitized && path == progdir && call ~ /stat/) next
		# CMake pads the build-tree RPATH with ":" (room for the install
		# RPATH), an empty entry: the loader tries the libraries relative
		# to the working folder, read-only, and finds none.
		if (path !~ /^\// && path ~ /\.so(\.[0-9]+)*$/ && ro(line) && line ~ /ENOENT/) next
		if (path ~ /^\/usr\/lib\/locale\/|^\/usr\/share\/locale\/|^\/usr\/lib\/x86_64-linux-gnu\/gconv\// && ro(line)) next
		if (sanitized && (path ~ /^\/proc\/self\// || path == supp)) next
		if (path == input) { if (ro(line) && call != "unlink" && call != "rename") next }
		if ((path == output || path == outdir) && call ~ /stat/) next
		if (mode != "refused") {
			if (path == output && call == "rename") next
			if (is_tmp(path) && call ~ /^(openat|open|rename|unlink|chmod|fchmodat|newfstatat|stat)$/) next
			if (path == outdir && call == "mkdir") next
			# Creating the folder looks at its ancestors.
			if (call ~ /stat/ && index(outdir "/", path "/") == 1) next
			if (path == output) next
			# jansson seeds its hash tables from /dev/urandom once.
			if (path == "/dev/urandom" && ro(line)) next
		}
		if (mode == "ok-layout" && ro(line)) {
			# Graphviz: its plugin folder, found from its own path
			# (/proc/self/maps, /proc/self/exe), and the plugins.
			if (path ~ /^\/usr\/lib\/x86_64-linux-gnu\/graphviz(\/|$)/) next
			if (path == "/proc/self/maps" || path == "/proc/self/exe") next
			# fontconfig: configuration, caches and font folders.
			if (path ~ /^\/etc\/fonts(\/|$)|^\/usr\/share\/fontconfig(\/|$)|^\/var\/cache\/fontconfig(\/|$)|^\/usr\/share\/fonts(\/|$)|^\/usr\/local\/share\/fonts(\/|$)/) next
			home = ENVIRON["HOME"]
			if (home != "" && (index(path, home "/.fonts") == 1 || index(path, home "/.fontconfig") == 1 ||
			    index(path, home "/.cache/fontconfig") == 1 || index(path, home "/.config/fontconfig") == 1 ||
			    index(path, home "/.local/share/fonts") == 1)) next
			# libselinux, loaded with the text-layout plugin and its
			# dependencies, probes for SELinux when it starts.
			if (path ~ /^\/sys\/fs\/selinux$|^\/selinux$|^\/etc\/selinux\/config$|^\/proc\/filesystems$/) next
		}
		print "not allowed: " line
	}' "$log" | head -n 40)
	[ -z "$bad" ] && ok || fail "$mode $(basename "$input"): side effect(s):
$bad"
}

# traced NAME CMD...: run CMD under strace; the trace goes to $WORK/NAME.trace.
traced() {
	local name=$1
	shift
	# LeakSanitizer cannot run under ptrace: leaks are the other tests' job.
	ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" \
		timeout 120 strace -f -qq -e trace=%file,%network -o "$WORK/$name.trace" "$@" \
		>"$WORK/out" 2>"$WORK/err"
	RC=$?
}

OUT="$WORK/out-dir/report.json"
bash "$SRC/tests/bad/make-large.sh" "$WORK/large" >/dev/null
n=0
for f in "$SRC"/tests/bad/*.xml "$WORK"/large/*.xml; do
	name=$(basename "$f" .xml)
	mkdir -p "$WORK/out-dir"
	traced "$name.validate" "$MEDSCOPE" validate "$f"
	expect_rc 2 "$name: validate"
	check_trace "$WORK/$name.validate.trace" "$f" "$OUT" refused
	traced "$name.check" "$MEDSCOPE" check "$f"
	expect_rc 2 "$name: check"
	check_trace "$WORK/$name.check.trace" "$f" "$OUT" refused
	traced "$name.report" "$MEDSCOPE" report -o "$OUT" "$f"
	expect_rc 2 "$name: report"
	check_trace "$WORK/$name.report.trace" "$f" "$OUT" refused
	traced "$name.graph" "$MEDSCOPE" graph -o "$WORK/out-dir/g.svg" "$f"
	expect_rc 2 "$name: graph"
	check_trace "$WORK/$name.graph.trace" "$f" "$WORK/out-dir/g.svg" refused
	[ -z "$(ls -A "$WORK/out-dir")" ] && ok || fail "$name: files left in the output folder: $(ls -A "$WORK/out-dir")"
	rm -f "$WORK"/"$name".*.trace
	n=$((n + 1))
done
[ "$n" -ge 38 ] && ok || fail "only $n corpus files traced"
rm -rf "$WORK/large"

# A valid model: what a successful run may add.
MODEL="$SRC/examples/03-chain-a-b-c.xml"
run_ok() { # NAME OUTPUT MODE CMD...
	local name=$1 out=$2 mode=$3
	shift 3
	rm -rf "$(dirname "$out")"
	traced "$name" "$@"
	[ "$RC" -le 1 ] && ok || fail "$name: exit $RC"
	[ -s "$out" ] && ok || fail "$name: no output"
	check_trace "$WORK/$name.trace" "$MODEL" "$out" "$mode"
}
run_ok report-json "$WORK/new/report.json" ok "$MEDSCOPE" report -o "$WORK/new/report.json" "$MODEL"
run_ok graph-dot "$WORK/new/g.dot" ok "$MEDSCOPE" graph -o "$WORK/new/g.dot" "$MODEL"
run_ok graph-svg "$WORK/new/g.svg" ok-layout "$MEDSCOPE" graph -o "$WORK/new/g.svg" "$MODEL"
run_ok report-html "$WORK/new/r.html" ok-layout "$MEDSCOPE" report --format html -o "$WORK/new/r.html" "$MODEL"

finish
