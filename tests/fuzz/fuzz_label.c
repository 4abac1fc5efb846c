/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzz target: ms_gv_text() (src/graph/graph_escape.c), the one function
 * every piece of text goes through on its way into a Graphviz label.
 *
 * Input: byte 0 picks max_cols, byte 1 wrap_cols, byte 2 whether the
 * buffer already holds text (the function appends, and its line breaking
 * moves text it wrote earlier); the rest is the string.
 *
 * Checked on every output:
 *   - valid UTF-8; no raw " ' > \ ; no C0/C1 control, DEL, U+2028/2029 or
 *     bidirectional control (they are shown as [U+XXXX]); a raw ']' only
 *     closes such a marker (Graphviz 2.43's HTML lexer chokes on a lone
 *     "]");
 *   - every '<' opens "<BR/>", every '&' one of the entities the escaper
 *     writes (&amp; &lt; &gt; &quot; &#39; &#92; &#93; &#8288;), and every
 *     backslash (&#92;) is followed by the word joiner &#8288;, so that
 *     Graphviz never sees a \N, \G, \L or \\ pair (it expands them even
 *     in HTML-like labels, after decoding entities);
 *   - text already in the buffer is left alone;
 *   - with max_cols, at most max_cols columns plus the "…";
 *   - with wrap_cols, no line wider than wrap_cols unless it is a single
 *     character that is wider by itself;
 *   - with neither, the output is exactly the reference escaping below
 *     (written independently from the rules in graph_escape.c's comment).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph.h"
#include "util/utf8.h"
#include "fuzz_common.h"

static const char prefix[] = "kept \xe6\x97\xa5 ";

/* One code point; invalid bytes decode to U+FFFD one byte at a time. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xF0 && s[0] < 0xF8 ? 4 : s[0] >= 0xE0 && s[0] < 0xF0 ? 3 : s[0] >= 0xC0 && s[0] < 0xE0 ? 2 : 0;
	if (len == 1) {
		*cp = s[0];
		return 1;
	}
	*cp = 0xFFFD;
	if (len == 0 || len > n)
		return 1;
	uint32_t v = s[0] & (0x7Fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 1;
		v = v << 6 | (s[i] & 0x3Fu);
	}
	if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 1;
	*cp = v;
	return len;
}

static int bidi(uint32_t c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

static int control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029;
}

static void put_utf8(ms_buf *b, uint32_t c)
{
	char u[4];
	if (c < 0x80) {
		ms_buf_putc(b, (char)c);
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3F));
		ms_buf_put(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		ms_buf_put(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | c >> 18), u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F));
		ms_buf_put(b, u, 4);
	}
}

/* The documented escaping without shortening or wrapping. */
static void reference(ms_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	while (n) {
		uint32_t c;
		size_t k = decode(p, n, &c);
		p += k, n -= k;
		switch (c) {
		case '&': ms_buf_puts(b, "&amp;"); continue;
		case '<': ms_buf_puts(b, "&lt;"); continue;
		case '>': ms_buf_puts(b, "&gt;"); continue;
		case '"': ms_buf_puts(b, "&quot;"); continue;
		case '\'': ms_buf_puts(b, "&#39;"); continue;
		case '\\': ms_buf_puts(b, "&#92;&#8288;"); continue;
		case ']': ms_buf_puts(b, "&#93;"); continue;
		default: break;
		}
		if (bidi(c))
			ms_buf_printf(b, "[U+%04X]", (unsigned)c);
		else if (control(c))
			ms_buf_putc(b, ' ');
		else
			put_utf8(b, c);
	}
}

static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#92;",
                                       "&#93;", "&#8288;"};

/* Check the markup and characters of `s` and the width of its lines
 * against wrap_cols (when not 0); return the total width in display
 * columns (an entity is one column, [U+XXXX] eight; "<BR/>" starts a new
 * line). */
static unsigned check_label(const char *s, size_t len, unsigned wrap_cols)
{
	ms_fuzz_check_utf8(s, len, "a label");
	unsigned line = 0, chars = 0, total = 0;
	for (size_t i = 0; i <= len;) {
		if (i == len || (s[i] == '<' && strncmp(s + i, "<BR/>", 5) == 0)) {
			/* Only a character wider than the wrap width may exceed it;
			 * the "…" of a shortened label goes on the last line as is. */
			unsigned ell = i == len && len >= 3 && strcmp(s + len - 3, "\xe2\x80\xa6") == 0;
			if (wrap_cols && line - ell > wrap_cols && chars - ell > 1)
				ms_fuzz_fail("line of %u columns with wrap_cols %u: %s", line,
				             wrap_cols, s);
			if (i == len)
				break;
			line = chars = 0;
			i += 5;
			continue;
		}
		unsigned w = 1;
		size_t k = 1;
		uint32_t c;
		switch (s[i]) {
		case '<':
			ms_fuzz_fail("'<' that is not <BR/> in label: %s", s);
		case '>': case '"': case '\'': case '\\': case ']':
			ms_fuzz_fail("raw '%c' in label: %s", s[i], s);
		case '&':
			k = 0;
			for (size_t e = 0; e < sizeof(entities) / sizeof(*entities); e++)
				if (strncmp(s + i, entities[e], strlen(entities[e])) == 0)
					k = strlen(entities[e]);
			if (!k)
				ms_fuzz_fail("'&' that opens no known entity in label: %s", s);
			if (k == 5 && strncmp(s + i, "&#92;", 5) == 0 && strncmp(s + i + 5, "&#8288;", 7) != 0)
				ms_fuzz_fail("a backslash not followed by the word joiner: %s", s);
			if (k == 7) { /* the word joiner: no width, not a character */
				i += k;
				continue;
			}
			break;
		case '[':
			/* The marker of a bidirectional control (user text may hold
			 * the same characters; as eight ASCII columns it is as wide). */
			if (len - i >= 8 && strncmp(s + i, "[U+", 3) == 0 && s[i + 7] == ']' &&
			    strspn(s + i + 3, "0123456789ABCDEF") >= 4)
				k = 8, w = 8;
			break;
		default:
			k = decode((const unsigned char *)s + i, len - i, &c);
			if (control(c) || bidi(c))
				ms_fuzz_fail("control U+%04X in label: %s", (unsigned)c, s);
			/* Columns as the escaper documents them: as the terminal
			 * tables count (util/utf8.h), so a combining mark has none
			 * and belongs to the character before it. */
			w = (unsigned)ms_codepoint_width(c);
			break;
		}
		line += w, total += w, chars += w > 0;
		i += k;
	}
	return total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	unsigned max_cols = data[0] % 4 == 0 ? 0 : data[0] % 64;
	unsigned wrap_cols = data[1] % 4 == 0 ? 0 : data[1] % 48;
	int prefixed = data[2] & 1;
	char *s = malloc(size - 2);
	if (!s)
		return 0;
	memcpy(s, data + 3, size - 3);
	s[size - 3] = '\0'; /* the string ends at the first NUL, as in C */

	ms_buf out = MS_BUF_INIT;
	if (prefixed)
		ms_buf_puts(&out, prefix);
	size_t start = out.len;
	ms_gv_text(&out, s, max_cols, wrap_cols);
	if (out.oom)
		ms_fuzz_fail("out of memory");
	if (prefixed && memcmp(out.s, prefix, start) != 0)
		ms_fuzz_fail("text before the label was changed: %s", out.s);
	const char *label = ms_buf_cstr(&out) + start;
	size_t len = out.len - start;

	unsigned total = check_label(label, len, wrap_cols);
	if (max_cols && total > max_cols + 1)
		ms_fuzz_fail("label of %u columns with max_cols %u: %s", total, max_cols, label);
	if (max_cols && total > max_cols &&
	    (len < 3 || strcmp(label + len - 3, "\xe2\x80\xa6") != 0))
		ms_fuzz_fail("label past max_cols %u without the ellipsis: %s", max_cols, label);
	if (!max_cols && !wrap_cols) {
		ms_buf want = MS_BUF_INIT;
		reference(&want, s);
		if (strcmp(ms_buf_cstr(&want), label) != 0)
			ms_fuzz_fail("escaping differs from the documented rules:\n  got  %s\n  want %s",
			             label, ms_buf_cstr(&want));
		ms_buf_free(&want);
	}
	ms_buf_free(&out);
	free(s);
	return 0;
}
