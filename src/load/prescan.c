#include "load/load.h"

#include <string.h>

enum { TEXT, LT, TAG, QUOTED, BANG, COMMENT, CDATA, PI, DECL, ENDTAG };

void ms_prescan_init(ms_prescan *p, unsigned max_attrs)
{
	memset(p, 0, sizeof(*p));
	p->state = TEXT;
	p->line = p->col = 1;
	p->max_attrs = max_attrs;
}

/*
 * Attribute values cannot hold a raw '<' (well-formedness), so outside
 * comments, CDATA sections and processing instructions every '<' followed
 * by a name character opens a start tag, and every '=' outside quotes in it
 * separates one attribute from its value. Anything the scanner does not
 * understand is left for libxml2 to reject.
 */
int ms_prescan_feed(ms_prescan *p, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		switch (p->state) {
		case TEXT:
			if (c == '<') {
				p->state = LT;
				p->tag_line = p->line;
				p->tag_col = p->col;
			}
			break;
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
			}
			break;
		case TAG:
			if (c == '"' || c == '\'') {
				p->quote = (char)c;
				p->state = QUOTED;
			} else if (c == '=') {
				if (++p->attrs > p->max_attrs)
					return -1;
			} else if (c == '>') {
				p->state = TEXT;
			}
			break;
		case QUOTED:
			if (c == (unsigned char)p->quote)
				p->state = TAG;
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
			if (c == '-')
				p->bang = p->bang < 2 ? p->bang + 1 : 2;
			else if (c == '>' && p->bang == 2)
				p->state = TEXT;
			else
				p->bang = 0;
			break;
		case CDATA: /* ends at "]]>" */
			if (c == ']')
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
		if (c == '\n') {
			p->line++;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->col++; /* columns count characters, not bytes */
		}
	}
	return 0;
}
