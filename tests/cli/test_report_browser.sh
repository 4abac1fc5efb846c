#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The HTML report in a real browser (headless Chromium from Debian): the
# page loads from file:// with nothing fetched, the DOM holds the tables and
# the inline SVG diagram, no script error and no blocked load is logged, and
# a screenshot is taken (kept in $WORK for a person to look at). Skipped
# without Chromium on a developer's machine; FAILS under CI=true, where
# tests/run-all.sh installs it.
source "$SRC/tests/cli/lib.sh"
cd "$SRC" || exit 1

browser=
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null && { browser=$b; break; }
done
if [ -z "$browser" ]; then
	if [ "${CI:-}" = true ]; then
		run true # (empty out/err for fail to show)
		fail "chromium is not installed (apt-get install chromium)"
		finish
	fi
	echo "SKIP: chromium not installed"
	exit 0
fi

# One browser run: chrome ARGS... (a fresh profile each time; no network
# features, so that nothing but the page itself is touched).
chrome() {
	local profile
	profile=$(mktemp -d "$WORK/profile.XXXXXX")
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --disable-extensions --user-data-dir="$profile" \
		--enable-logging=stderr --v=0 "$@"
	local rc=$?
	rm -rf "$profile"
	return $rc
}

for example in 04-facility-contracts-a-and-b 02-vendor-selects-iaas 14-overseas-storage; do
	for lang in ja en; do
		page=$WORK/$example.$lang.html
		"$MEDSCOPE" report "examples/$example.xml" --format html --lang "$lang" --fail-on never -o "$page"
		[ -s "$page" ] && ok || { fail "$example: no HTML"; continue; }

		chrome --dump-dom "file://$page" >"$WORK/dom.html" 2>"$WORK/log"
		[ $? -eq 0 ] && ok || fail "$example ($lang): chromium --dump-dom failed: $(tail -3 "$WORK/log")"
		# The DOM as the browser built it: sections, tables, the SVG.
		for id in summary-ja summary-en diagram scope owners matrix agreements findings; do
			grep -q "id=\"$id\"" "$WORK/dom.html" && ok || fail "$example ($lang): no #$id in the DOM"
		done
		tables=$(grep -o '<table>' "$WORK/dom.html" | wc -l)
		[ "$tables" -ge 6 ] && ok || fail "$example ($lang): $tables tables in the DOM"
		# The 責任分界表 section (issue 15): a table per facility and the legend.
		grep -q '<table class="matrix">' "$WORK/dom.html" && ok || fail "$example ($lang): no 責任分界表 table in the DOM"
		grep -q '<li>最終責任: ' "$WORK/dom.html" && grep -q '<li>final responsibility: ' "$WORK/dom.html" && ok \
			|| fail "$example ($lang): the 責任分界表 legend is missing"
		grep -q '<svg' "$WORK/dom.html" && ok || fail "$example ($lang): no SVG in the DOM"
		grep -q 'id="lang-'"$lang"'" class="lang" checked=' "$WORK/dom.html" && ok \
			|| fail "$example ($lang): --lang $lang is not the language shown first"
		# Script errors, and anything the page tried to load (the CSP forbids it).
		grep -E "Uncaught|Refused to (load|apply|execute|connect)|ERR_FILE_NOT_FOUND|net::ERR" "$WORK/log" \
			>"$WORK/bad" && fail "$example ($lang): the browser logged: $(head -3 "$WORK/bad")" || ok

		shot=$WORK/$example.$lang.png
		chrome --screenshot="$shot" --window-size=1280,2000 --hide-scrollbars "file://$page" \
			>/dev/null 2>"$WORK/log"
		[ -s "$shot" ] && [ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] && ok \
			|| fail "$example ($lang): no screenshot: $(tail -3 "$WORK/log")"
	done
	# The two languages show different pages.
	cmp -s "$WORK/$example.ja.png" "$WORK/$example.en.png" && fail "$example: ja and en screenshots are identical" || ok
done
echo "screenshots: $WORK/*.png"
finish
