#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Refresh the committed docs/rules.md from the one the build generates from
# models/rules.xml (test docs.rules compares the two). Review the diff first.
#   tests/update-docs.sh [BUILD_DIR]     (default: build)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
cmake --build "$build" --target medscope_docs
cp "$build/docs/rules.md" "$src/docs/rules.md"
git -C "$src" diff --stat -- docs/rules.md
