#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The whole test suite, as the README's second quick-start command and as
# CI (.ci/run) run it: installs what a fresh Debian 12 lacks, builds with
# warnings as errors, runs every test once under ASan+UBSan, then once in
# the normal build (unit, CLI, golden files, corpus replay, valgrind, the
# browser and schema checks). Ends with ctest's summary of the normal run.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc 2>/dev/null || echo 2)

need=(build-essential cmake pkg-config libxml2-dev libxml2-utils libgraphviz-dev graphviz
      libjansson-dev libxlsxwriter-dev libcunit1-dev fonts-noto-cjk valgrind strace time mandoc lintian zsh
      python3-openpyxl libreoffice-calc-nogui)
missing=()
for p in "${need[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Tools that may come from elsewhere (a Node.js build that ships its own
# npm conflicts with Debian's npm package): ask for the command, not the package.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
# The CLI tests read JSON and SARIF back with python3's json module.
command -v python3 >/dev/null || missing+=(python3)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
	echo "== installing: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Graphviz's plugin list: Debian's postinst writes it, images that skip
# maintainer scripts do not.
[ -s /usr/lib/x86_64-linux-gnu/graphviz/config6a ] || { [ "$(id -u)" -eq 0 ] && dot -c; } || true

# The SARIF schema validator (ajv, pinned by tests/sarif/package-lock.json).
if [ -f tests/sarif/package-lock.json ]; then
	(cd tests/sarif && npm ci --silent --no-audit --no-fund >/dev/null)
fi

start=$(date +%s)
echo "== sanitizer build (ASan + UBSan): .ci/sanitize.sh"
bash .ci/sanitize.sh 2>&1 | tail -n 25
echo "== sanitizer run took $(( $(date +%s) - start )) s"

echo "== normal build"
cmake -S . -B build -DMEDSCOPE_WERROR=ON >/dev/null
cmake --build build -j"$JOBS" >/dev/null
echo "== Debian packages: .ci/deb.sh"
bash .ci/deb.sh build-deb 2>&1 | grep -v '^CPack'
ctest --test-dir build -j"$JOBS" --output-on-failure -LE bench
