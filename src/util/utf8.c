/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The UTF-8 decoder and the width table (see utf8.h). A small table of
 * ranges is enough for the names a deployment model holds.
 */
#include <string.h>

#include "util/utf8.h"

#include <stdio.h>

#include "util/buf.h"
#include "medscope/medscope.h"

size_t ms_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, v = c & 0x1Fu, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, v = c & 0x0Fu, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, v = c & 0x07u, min = 0x10000;
	} else {
		*cp = MS_UTF8_INVALID;
		return 1;
	}
	if (len > n) {
		*cp = MS_UTF8_INVALID;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = MS_UTF8_INVALID;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = MS_UTF8_INVALID;
		return 1;
	}
	*cp = v;
	return len;
}

typedef struct {
	uint32_t lo, hi;
} range;

/* Zero columns: combining marks, zero-width spaces and joiners, variation
 * selectors. */
static const range zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
	{0x064B, 0x065F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
	{0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x3099, 0x309A},
	{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/* Two columns: Hangul Jamo, CJK, kana, fullwidth forms, CJK compatibility,
 * emoji. */
static const range wide[] = {
	{0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
	{0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
	{0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
	{0xFFE0, 0xFFE6},   {0x1F300, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in_ranges(uint32_t cp, const range *r, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

size_t ms_codepoint_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (in_ranges(cp, zero_width, sizeof(zero_width) / sizeof(zero_width[0])))
		return 0;
	if (in_ranges(cp, wide, sizeof(wide) / sizeof(wide[0])))
		return 2;
	return 1;
}

size_t ms_display_width(const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t n = strlen(utf8), w = 0;
	while (n > 0) {
		uint32_t cp;
		size_t k = ms_utf8_decode(s, n, &cp);
		w += cp == MS_UTF8_INVALID ? 1 : ms_codepoint_width(cp);
		s += k, n -= k;
	}
	return w;
}

bool ms_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

bool ms_is_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

static bool neutralised(uint32_t cp, bool keep_newline)
{
	if (cp == MS_UTF8_INVALID || (keep_newline && cp == '\n'))
		return false;
	return ms_is_control(cp) || ms_is_bidi_control(cp);
}

bool ms_needs_neutral(const char *s, bool keep_newline)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	while (n > 0) {
		uint32_t cp;
		size_t k = ms_utf8_decode(p, n, &cp);
		if (neutralised(cp, keep_newline))
			return true;
		p += k, n -= k;
	}
	return false;
}

void ms_put_neutral(ms_buf *out, const char *s, bool keep_newline)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	while (n > 0) {
		uint32_t cp;
		size_t k = ms_utf8_decode(p, n, &cp);
		if (!neutralised(cp, keep_newline))
			ms_buf_put(out, (const char *)p, k);
		else if (ms_is_bidi_control(cp))
			ms_buf_printf(out, "[U+%04X]", (unsigned)cp);
		else
			ms_buf_putc(out, ' ');
		p += k, n -= k;
	}
}

void ms_fput_neutral(FILE *f, const char *s)
{
	if (!ms_needs_neutral(s, false)) {
		fputs(s, f);
		return;
	}
	ms_buf b = MS_BUF_INIT;
	ms_put_neutral(&b, s, false);
	if (b.oom) /* nothing raw, even then */
		fputs("?", f);
	else
		fputs(ms_buf_cstr(&b), f);
	ms_buf_free(&b);
}

size_t medscope_name_for_message(char *buf, size_t size, const char *name)
{
	const unsigned char *s = (const unsigned char *)(name ? name : "");
	size_t n = strlen((const char *)s), o = 0;
	char piece[16];
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = ms_utf8_decode(s + i, n - i, &cp);
		const char *put = piece;
		size_t len;
		if (cp == MS_UTF8_INVALID)
			len = (size_t)snprintf(piece, sizeof(piece), "\\x%02x", s[i]);
		else if (cp == '\\')
			put = "\\\\", len = 2;
		else if (cp == '\n')
			put = "\\n", len = 2;
		else if (cp == '\t')
			put = "\\t", len = 2;
		else if (cp == '\r')
			put = "\\r", len = 2;
		else if (cp < 0x80 && ms_is_control(cp))
			len = (size_t)snprintf(piece, sizeof(piece), "\\x%02x", (unsigned)cp);
		else if (ms_is_control(cp) || ms_is_bidi_control(cp))
			len = (size_t)snprintf(piece, sizeof(piece), "\\u%04x", (unsigned)cp);
		else
			put = (const char *)s + i, len = k;
		/* Whole pieces only: a cut name never ends in half an escape. */
		if (size && o + len < size)
			memcpy(buf + o, put, len);
		else if (size && o < size)
			size = o + 1; /* stop writing; keep counting */
		o += len;
		i += k;
	}
	if (size)
		buf[o < size ? o : size - 1] = '\0';
	return o;
}
