#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The installed tree (ctest install.*): cmake --install of BUILD into a
# scratch prefix, then examples/api/findings.c built against it with
# pkg-config (shared, and --static when the static library is installed)
# and with find_package(medscope), and run on an example. And: the shared
# library exports the public API only.
set -euo pipefail
: "${BUILD:?}" "${SRC:?}" "${WORK:?}"
rm -rf "$WORK"; mkdir -p "$WORK"
model=$SRC/examples/03-chain-a-b-c.xml
fail() { echo "FAIL: $*"; exit 1; }

run() { # run NAME BINARY: findings listed, exit 1, the library's version
	local out rc=0
	out=$("$2" "$model") || rc=$?
	[ "$rc" -eq 1 ] || fail "$1: exit $rc"
	grep -q '^medscope [0-9]' <<<"$out" || fail "$1: no version line"
	grep -q '03-chain-a-b-c.xml:[0-9]*:[0-9]*: warning: ' <<<"$out" || fail "$1: no finding: $out"
	echo "ok: $1"
}

check_prefix() { # check_prefix PREFIX: everything below against one installed tree
	local P=$1 libdir
	libdir=$(dirname "$(find "$P" -name medscope.pc)")/..
	export PKG_CONFIG_PATH=$libdir/pkgconfig
	# The program finds its library through its RPATH.
	"$P/bin/medscope" --version >/dev/null || fail "installed medscope does not run"
	"$P/bin/medscope" check "$model" | grep -q ": warning: " || fail "installed medscope check: no findings"
	echo "ok: installed program"

	if [ -e "$libdir/libmedscope.so" ]; then
		bad=$(nm -D --defined-only "$libdir/libmedscope.so" | awk '{print $3}' | grep -v '^medscope_' || true)
		[ -z "$bad" ] || fail "exported beyond the public API: $bad"
		echo "ok: nm -D lists only medscope_* ($(nm -D --defined-only "$libdir/libmedscope.so" | wc -l) symbols)"
		# shellcheck disable=SC2046
		cc -o "$P.shared" "$SRC/examples/api/findings.c" $(pkg-config --cflags --libs medscope) \
			-Wl,-rpath,"$libdir"
		ldd "$P.shared" | grep -q "libmedscope.so.0 => $libdir" || ldd "$P.shared" | grep -q libmedscope.so.0 || fail "shared example: no libmedscope.so.0"
		run "pkg-config (shared)" "$P.shared"
	fi
	if [ -e "$libdir/libmedscope.a" ]; then
		# shellcheck disable=SC2046
		cc -o "$P.static" "$SRC/examples/api/findings.c" $(pkg-config --static --cflags --libs medscope)
		! ldd "$P.static" | grep -q libmedscope || fail "static example links libmedscope.so"
		run "pkg-config --static" "$P.static"
	fi
	cmake -S "$SRC/examples/api" -B "$P.cmake" -DCMAKE_PREFIX_PATH="$P" >/dev/null
	cmake --build "$P.cmake" >/dev/null
	run "find_package(medscope)" "$P.cmake/findings"
}

cmake --install "$BUILD" --prefix "$WORK/shared" >/dev/null
check_prefix "$WORK/shared"

cmake -S "$SRC" -B "$WORK/build-static" -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF >/dev/null
cmake --build "$WORK/build-static" -j2 >/dev/null
cmake --install "$WORK/build-static" --prefix "$WORK/static" >/dev/null
check_prefix "$WORK/static"
