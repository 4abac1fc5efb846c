/* SPDX-License-Identifier: Apache-2.0 */
#include "load/load.h"

#include <stdlib.h>
#include <string.h>

enum { TEXT, LT, TAG, QUOTED, BANG, COMMENT, CDATA, PI, DECL, ENDTAG };

void ms_prescan_init(ms_prescan *p, unsigned max_attrs, size_t max_value)
{
	memset(p, 0, sizeof(*p));
	p->state = TEXT;
	p->line = 1;
	p->max_attrs = max_attrs;
	p->max_value = max_value;
}

void ms_prescan_free(ms_prescan *p)
{
	MS_VEC_FREE(p->tags);
}

ms_tagpos ms_prescan_next_tag(ms_prescan *p)
{
	ms_tagpos none = {0, 0};
	if (p->tags_head >= p->tags.n)
		return none;
	return p->tags.v[p->tags_head++];
}

/* Characters (UTF-8 lead bytes) in buf[from, to). */
static uint32_t chars_in(const char *buf, size_t from, size_t to)
{
	uint32_t n = 0;
	for (size_t k = from; k < to; k++)
		n += ((unsigned char)buf[k] & 0xC0) != 0x80;
	return n;
}

/* Column of the byte at chunk index i, in characters (SARIF says
 * unicodeCodePoints), also when the line began in an earlier chunk. Counted
 * on from the last column asked for on the same line, so that many tags on
 * one long line cost one pass. */
static uint32_t column_at(ms_prescan *p, const char *buf, size_t i)
{
	uint64_t at = p->offset + i;
	size_t k;
	uint32_t col;
	if (p->col_val && p->col_off >= p->line_start && p->col_off >= p->offset && p->col_off <= at) {
		k = (size_t)(p->col_off - p->offset), col = p->col_val;
	} else if (p->line_start >= p->offset) {
		k = (size_t)(p->line_start - p->offset), col = 1;
	} else {
		k = 0, col = p->line_chars + 1;
	}
	col += chars_in(buf, k, i);
	p->col_off = at, p->col_val = col;
	return col;
}

/* The byte at chunk index i is '\n' or '\r': a line break, CR LF one
 * (and a CR alone one too, as XML has it: §2.11). */
static void line_break(ms_prescan *p, const char *buf, size_t i)
{
	uint64_t at = p->offset + i;
	if (buf[i] == '\n' && p->last_cr == at) {
		p->line_start = at + 1; /* the LF of CR LF */
		return;
	}
	if (buf[i] == '\r')
		p->last_cr = at + 1;
	p->line++;
	p->line_start = at + 1;
}

/* Count the line breaks in buf[from, to); remember where the last line starts. */
static void count_lines(ms_prescan *p, const char *buf, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (buf[k] == '\n' || buf[k] == '\r')
			line_break(p, buf, k);
}

/* The bytes that end a run of names inside a start tag. */
static const unsigned char tag_stop[256] = {['"'] = 1, ['\''] = 1, ['>'] = 1, ['\n'] = 1, ['\r'] = 1};

static int refuse(ms_prescan *p, int error)
{
	p->error = error;
	return -1;
}

/*
 * Attribute values cannot hold a raw '<' (well-formedness), so outside
 * comments, CDATA sections and processing instructions every '<' followed
 * by a name character opens a start tag, and every quoted value in it
 * belongs to one attribute. Anything the scanner does not
 * understand is left for libxml2 to reject. Text and quoted values are
 * skipped with memchr, names with a tight loop.
 */
int ms_prescan_feed(ms_prescan *p, const char *buf, size_t len)
{
	size_t i = 0;
	/* Drop the positions the parser has taken. */
	if (p->tags_head == p->tags.n) {
		p->tags.n = p->tags_head = 0;
	} else if (p->tags_head > p->tags.n / 2) {
		memmove(p->tags.v, p->tags.v + p->tags_head,
		        (p->tags.n - p->tags_head) * sizeof(*p->tags.v));
		p->tags.n -= p->tags_head;
		p->tags_head = 0;
	}
	while (i < len) {
		unsigned char c = (unsigned char)buf[i];
		if (p->state == TEXT) {
			const char *lt = memchr(buf + i, '<', len - i);
			size_t stop = lt ? (size_t)(lt - buf) : len;
			count_lines(p, buf, i, stop);
			if (!lt)
				break;
			p->state = LT;
			p->tag_line = p->line;
			p->tag_col = column_at(p, buf, stop);
			p->tag_start = p->offset + stop;
			i = stop + 1;
			continue;
		}
		if (p->state == TAG) {
			/* Names, '=' and spaces: skip to the next quote, '>' or newline.
			 * Each attribute has exactly one quoted value, so counting
			 * values counts attributes. */
			size_t j = i;
			while (j < len && !tag_stop[(unsigned char)buf[j]])
				j++;
			if (j == len) {
				i = j;
				break;
			}
			c = (unsigned char)buf[j];
			i = j;
			if (c == '"' || c == '\'') {
				if (++p->attrs > p->max_attrs)
					return refuse(p, MS_PRESCAN_ATTRIBUTES);
				p->quote = (char)c;
				p->state = QUOTED;
				p->value_len = 0;
				i++;
				continue;
			}
			if (c == '>') {
				p->state = TEXT;
				i++;
				continue;
			}
			/* a newline: counted below */
		}
		if (p->state == QUOTED) {
			const char *q = memchr(buf + i, p->quote, len - i);
			size_t stop = q ? (size_t)(q - buf) : len;
			count_lines(p, buf, i, stop);
			p->value_len += stop - i;
			if (p->value_len > p->max_value)
				return refuse(p, MS_PRESCAN_VALUE_LENGTH);
			if (!q)
				break;
			p->state = TAG;
			i = stop + 1;
			continue;
		}
		switch (p->state) {
		case LT:
			if (c == '!') {
				p->state = BANG;
				p->bang = 0;
			} else if (c == '?') {
				p->state = PI;
				p->bang = 0;
			} else if (c == '/') {
				p->state = ENDTAG;
			} else {
				p->state = TAG;
				p->attrs = 0;
				ms_tagpos *t = MS_VEC_PUSH(p->tags);
				if (t) {
					t->line = p->tag_line;
					t->col = p->tag_col;
				} else {
					p->nomem = true;
				}
			}
			break;
		case TAG: /* only a newline gets here */
			break;
		case BANG:
			p->bangbuf[p->bang++] = (char)c;
			if (p->bang == 2 && memcmp(p->bangbuf, "--", 2) == 0) {
				p->state = COMMENT;
				p->bang = 0;
			} else if (p->bang == 7) {
				p->state = memcmp(p->bangbuf, "[CDATA[", 7) == 0 ? CDATA : DECL;
				p->bang = 0;
			} else if (c == '>') {
				p->state = TEXT;
			} else if (p->bang == 2 && p->bangbuf[0] != '[') {
				p->state = DECL;
			}
			break;
		case COMMENT: /* ends at "-->" */
		case CDATA:   /* ends at "]]>" */
			if (c == (p->state == COMMENT ? '-' : ']'))
				p->bang = p->bang < 2 ? p->bang + 1 : 2;
			else if (c == '>' && p->bang == 2)
				p->state = TEXT;
			else
				p->bang = 0;
			break;
		case PI: /* ends at "?>" */
			if (c == '>' && p->bang == 1)
				p->state = TEXT;
			p->bang = c == '?';
			break;
		case DECL: /* a DOCTYPE: refused by the parser anyway */
		case ENDTAG:
			if (c == '>')
				p->state = TEXT;
			break;
		}
		if (c == '\n' || c == '\r')
			line_break(p, buf, i);
		i++;
	}
	/* The characters of the line so far, for columns in the next chunk. */
	if (p->line_start >= p->offset)
		p->line_chars = p->line_start - p->offset < len
		                        ? chars_in(buf, (size_t)(p->line_start - p->offset), len)
		                        : 0;
	else
		p->line_chars += chars_in(buf, 0, len);
	p->offset += len;
	return 0;
}
