#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The whole test suite once under AddressSanitizer + UndefinedBehaviorSanitizer
# (SECURITY.md): configure and build build-asan with MEDSCOPE_SANITIZE=ON
# (-fsanitize=address,undefined -fno-sanitize-recover=all), then ctest
# there. Any sanitizer report aborts the test that caused it. Leaks are
# errors; only third-party ones are suppressed (tests/lsan.supp, each
# commented). valgrind tests are not registered in this build.
#
# Usage: .ci/sanitize.sh [extra ctest arguments, e.g. -R fuzz]
# Exit status: ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
BUILD=${BUILD:-build-asan}

cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DMEDSCOPE_SANITIZE=ON -DMEDSCOPE_WERROR=ON >/dev/null
cmake --build "$BUILD" -j"$JOBS" >/dev/null

# detect_leaks: LeakSanitizer at exit. fast_unwind_on_malloc=0: Debian's
# libraries have no frame pointers, so the fast unwinder stops at the first
# Graphviz/fontconfig frame and the suppressions (which name functions deep
# in those stacks) could not tell their leaks from ours. abort_on_error: a
# sanitizer report is a crash for ctest. The rest: cheap extra checks.
export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
exec ctest --test-dir "$BUILD" -j"$JOBS" --output-on-failure -LE 'valgrind|bench' "$@"
