#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian packages (cmake/Packaging.cmake): build medscope and
# libmedscope-dev with CPack, run lintian (any error fails), then install
# them and use the installed program and library. On CI (CI=true, a
# throwaway machine, as root) they are installed with apt and removed
# afterwards; elsewhere they are unpacked into a scratch folder instead, so
# that the test suite never changes the developer's system.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
out=${1:-build-deb}
JOBS=$(nproc 2>/dev/null || echo 2)

cmake -S . -B "$out" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$out" -j"$JOBS" >/dev/null
rm -f "$out"/*.deb
(cd "$out" && cpack -G DEB >/dev/null)
debs=("$out"/medscope_*.deb "$out"/libmedscope-dev_*.deb)
for d in "${debs[@]}"; do
	echo "== $(basename "$d"): $(dpkg-deb -f "$d" Depends)"
done

if command -v lintian >/dev/null; then
	lintian "${debs[@]}" >"$out/lintian.txt" 2>&1 || true
	sed 's/^/lintian: /' "$out/lintian.txt"
	if grep -q '^E:' "$out/lintian.txt"; then
		echo "deb: lintian reports errors"; exit 1
	fi
else
	echo "deb: lintian is not installed; skipped"
fi

ex="$src/examples/04-facility-contracts-a-and-b.xml"
api="$src/examples/api/findings.c"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ]; then
	# apt, not dpkg -i: it installs the dependencies the packages declare.
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"$(realpath "${debs[0]}")" "$(realpath "${debs[1]}")" >/dev/null
	trap 'rm -rf "$scratch"; dpkg -P libmedscope-dev medscope >/dev/null' EXIT
	prog=/usr/bin/medscope
	pc=()
else
	for d in "${debs[@]}"; do dpkg-deb -x "$d" "$scratch/root"; done
	prog="$scratch/root/usr/bin/medscope"
	export LD_LIBRARY_PATH="$scratch/root/usr/lib/$(gcc -dumpmachine)"
	# The .pc file finds its prefix from its own folder.
	pc=(env PKG_CONFIG_PATH="$LD_LIBRARY_PATH/pkgconfig")
fi
"$prog" --version
set +e
"$prog" check "$ex"
rc=$?
set -e
[ $rc -eq 0 ] || [ $rc -eq 1 ] || { echo "deb: the installed medscope check failed (exit $rc)"; exit 1; }
cc -o "$scratch/findings" "$api" $("${pc[@]}" pkg-config --cflags --libs medscope)
set +e
"$scratch/findings" "$ex" >/dev/null
rc=$?
set -e
[ $rc -le 1 ] || { echo "deb: the API example against the installed library failed (exit $rc)"; exit 1; }
echo "deb: packages built, lintian clean of errors, installed program and library work"
