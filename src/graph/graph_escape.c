/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The one way text reaches Graphviz: ms_gv_text() turns any string (user
 * text from the model, or our own fixed words) into the text of an
 * HTML-like label. Every label we set is HTML-like, so no string ever
 * meets Graphviz's escString rules (\N, \G, \L, \n ...) or its entity
 * decoding of plain labels (c-apis.md §2; scale-and-bad-inputs.md §4 rows
 * 10–11):
 *
 *   & < > " '  -> &amp; &lt; &gt; &quot; &#39;
 *   \          -> &#92;&#8288;  a backslash and an invisible WORD JOINER:
 *                         Graphviz 2.43 still expands \N, \G (node, graph
 *                         name) and folds \\ in HTML-like labels, entity or
 *                         not (seen: a cluster named "\G" drew its own id);
 *                         the joiner breaks every such pair, and shows nothing
 *   ]          -> &#93;  (Graphviz 2.43's HTML lexer rejects a text that is
 *                         just "]": "syntax error ... ]</B>")
 *   newline, tab, CR and other C0/C1 controls -> a space
 *   bidirectional controls (LRM, RLM, LRE..RLO, LRI..PDI, ALM)
 *              -> the visible text [U+202E]: shown, never obeyed, so a
 *                 name cannot reverse the text drawn after it
 *   invalid UTF-8 -> U+FFFD (Graphviz would otherwise guess Latin-1)
 *
 * It also shortens (… past max_cols display columns) and wraps (<BR/>
 * every wrap_cols columns, at a space when there is one nearby), counting
 * columns as the terminal tables do (util/utf8.h).
 */
#include <stdint.h>
#include <string.h>

#include "graph/graph.h"
#include "util/utf8.h"

/* The next code point of s (n > 0 bytes left); invalid UTF-8 reads as
 * U+FFFD (Graphviz would otherwise guess Latin-1). */
static size_t next_cp(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t k = ms_utf8_decode(s, n, cp);
	if (*cp == MS_UTF8_INVALID)
		*cp = 0xfffd;
	return k;
}

static void utf8_put(ms_buf *out, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), b[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
	}
	ms_buf_put(out, b, n);
}

/* One rule for every output (util/utf8.h). */
#define is_bidi_control ms_is_bidi_control
#define is_control ms_is_control

/* Display columns as drawn: a control becomes a space, a bidirectional
 * control the text [U+202E]; everything else as the terminal tables count
 * it (ms_codepoint_width). */
static unsigned columns(uint32_t cp)
{
	if (is_bidi_control(cp))
		return 8;
	if (is_control(cp))
		return 1;
	return (unsigned)ms_codepoint_width(cp);
}

/* One code point as label text. */
static void put_escaped(ms_buf *out, uint32_t cp)
{
	switch (cp) {
	case '&': ms_buf_puts(out, "&amp;"); return;
	case '<': ms_buf_puts(out, "&lt;"); return;
	case '>': ms_buf_puts(out, "&gt;"); return;
	case '"': ms_buf_puts(out, "&quot;"); return;
	case '\'': ms_buf_puts(out, "&#39;"); return;
	case '\\': ms_buf_puts(out, "&#92;&#8288;"); return;
	case ']': ms_buf_puts(out, "&#93;"); return;
	default: break;
	}
	if (is_bidi_control(cp))
		ms_buf_printf(out, "[U+%04X]", (unsigned)cp);
	else if (is_control(cp))
		ms_buf_putc(out, ' ');
	else
		utf8_put(out, cp);
}

/* Display columns of s, stopping past `limit` (0 = no limit). */
static unsigned text_columns(const unsigned char *p, size_t n, unsigned limit)
{
	unsigned total = 0;
	while (n > 0 && (!limit || total <= limit)) {
		uint32_t cp;
		size_t k = next_cp(p, n, &cp);
		total += columns(cp);
		p += k, n -= k;
	}
	return total;
}

void ms_gv_text(ms_buf *out, const char *s, unsigned max_cols, unsigned wrap_cols)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	if (wrap_cols) {
		/* Balance the lines: 28 columns at 24 a line become 18 + 10, not
		 * 24 + 4 (Japanese has no spaces to break at, and a lone "ルテ"
		 * on the last line reads badly). The even share plus a little
		 * slack, so that words still fill a line. */
		unsigned width = text_columns(p, n, max_cols);
		if (max_cols && width > max_cols)
			width = max_cols;
		unsigned lines = (width + wrap_cols - 1) / wrap_cols;
		if (lines > 1 && (width + lines - 1) / lines + 4 < wrap_cols)
			wrap_cols = (width + lines - 1) / lines + 4;
	}
	unsigned total = 0, line = 0;
	/* Where the current line's last space was written, to break there. */
	size_t space_at = (size_t)-1;
	unsigned cols_after_space = 0;
	bool broke = false; /* just after a break of ours: drop blanks */
	while (n > 0) {
		uint32_t cp;
		size_t k = next_cp(p, n, &cp);
		unsigned w = columns(cp);
		if (max_cols && total + w > max_cols) {
			ms_buf_puts(out, "…");
			return;
		}
		bool blank = cp == ' ' || is_control(cp);
		if (blank) {
			/* No blanks after a break; a blank that would overflow the
			 * line becomes the break. */
			if (broke) {
				p += k, n -= k;
				continue;
			}
			if (wrap_cols && line + 1 > wrap_cols) {
				ms_buf_puts(out, "<BR/>");
				line = 0, space_at = (size_t)-1, cols_after_space = 0;
				broke = true;
				p += k, n -= k;
				continue;
			}
			space_at = out->len;
			cols_after_space = 0;
		} else if (wrap_cols && line + w > wrap_cols && line > 0) {
			if (space_at != (size_t)-1 && cols_after_space + w <= wrap_cols / 2 + 1 &&
			    !out->oom) {
				/* Replace the last space with a break: the word moves down. */
				size_t tail = out->len - space_at - 1;
				ms_buf_put(out, "    ", 4); /* room for "<BR/>" over " " */
				if (!out->oom) {
					memmove(out->s + space_at + 5, out->s + space_at + 1, tail);
					memcpy(out->s + space_at, "<BR/>", 5);
				}
				line = cols_after_space;
			} else {
				ms_buf_puts(out, "<BR/>");
				line = 0;
			}
			space_at = (size_t)-1;
			cols_after_space = 0;
		}
		if (!blank && space_at != (size_t)-1)
			cols_after_space += w;
		if (!blank)
			broke = false;
		put_escaped(out, cp);
		total += w, line += w;
		p += k, n -= k;
	}
}

/* ---- label layout ---- */

/*
 * Every multi-line label is a borderless table, one row a line: with
 * <BR/> alone Graphviz spaces lines by the font size, and the tall glyphs
 * of CJK fonts overlap (checked with Noto Sans CJK on 2.43); table rows
 * get their real height.
 */
void ms_gv_table_open(ms_buf *out)
{
	ms_buf_puts(out, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">");
}

void ms_gv_table_close(ms_buf *out)
{
	ms_buf_puts(out, "</TABLE>");
}

void ms_gv_row_html(ms_buf *out, bool left, const char *open, const char *close, const char *html)
{
	const char *s = html ? html : "";
	for (;;) {
		const char *br = strstr(s, "<BR/>");
		size_t n = br ? (size_t)(br - s) : strlen(s);
		ms_buf_puts(out, left ? "<TR><TD ALIGN=\"LEFT\">" : "<TR><TD>");
		ms_buf_puts(out, open);
		ms_buf_put(out, s, n);
		ms_buf_puts(out, close);
		ms_buf_puts(out, "</TD></TR>");
		if (!br)
			break;
		s = br + 5;
	}
}

void ms_gv_rows(ms_buf *out, bool left, const char *open, const char *close, const char *text,
                unsigned max_cols, unsigned wrap_cols)
{
	ms_buf tmp = MS_BUF_INIT;
	ms_gv_text(&tmp, text, max_cols, wrap_cols);
	if (tmp.oom)
		out->oom = 1;
	ms_gv_row_html(out, left, open, close, tmp.s);
	ms_buf_free(&tmp);
}

/* Wrapped, not cut (callers make rows of the lines): a long name on one
 * row would widen the whole drawing. */
#define MS_GV_SHORT_WRAP 40

void ms_gv_party_short(ms_gv *c, ms_buf *out, uint32_t party, unsigned max_cols)
{
	const ms_party *p = &c->m->parties.v[party];
	const char *name = p->name[0] ? p->name : p->id;
	/* "A社 (クラウド電子カルテ)" -> "A社": the part before a parenthesis. */
	const char *cut = strstr(name, " (");
	const char *cut2 = strstr(name, "（");
	if (!cut || (cut2 && cut2 < cut))
		cut = cut2;
	if (cut && cut > name) {
		ms_buf tmp = MS_BUF_INIT;
		ms_buf_put(&tmp, name, (size_t)(cut - name));
		ms_gv_text(out, tmp.s ? tmp.s : name, max_cols, MS_GV_SHORT_WRAP);
		if (tmp.oom)
			out->oom = 1;
		ms_buf_free(&tmp);
	} else {
		ms_gv_text(out, name, max_cols, MS_GV_SHORT_WRAP);
	}
}
