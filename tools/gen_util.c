/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gen_util.c - what the catalog compiler's two readers (gen_catalog.c for
 * models/rules.xml, gen_vocabulary.c for models/vocabulary.xml) share:
 * diagnostics, safe XML parsing, attribute and text reading, a growable
 * buffer, C string literals, and writing both outputs atomically.
 */
#include "gen_catalog.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void diag(gen_diag *d, long line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%ld: ", d->file, line > 0 ? line : 0L);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	d->errors++;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fputs("gen_catalog: out of memory\n", stderr);
		exit(1); /* a build tool: nothing to roll back yet */
	}
	return p;
}

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *data, const xmlError *e)
#else
static void on_xml_error(void *data, xmlErrorPtr e)
#endif
{
	gen_diag *cat = NULL;
	size_t n;
	char msg[512];

	(void)data;
	if (e->ctxt)
		cat = ((xmlParserCtxtPtr)e->ctxt)->_private;
	if (!cat)
		return;
	/* libxml2 messages end with a newline. */
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	if (e->level == XML_ERR_WARNING) {
		fprintf(stderr, "%s:%d: warning: %s\n", cat->file, e->line, msg);
		return;
	}
	diag(cat, e->line, "%s", msg);
}

/* The catalog has no DTD: stop at any DOCTYPE before entities can be declared. */
static void reject_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	gen_diag *cat = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	diag(cat, ctxt->input ? (long)ctxt->input->line : 0L, "DOCTYPE is not allowed in the catalog");
	ctxt->wellFormed = 0;
	xmlStopParser(ctxt);
}

xmlDocPtr gen_parse(gen_diag *d)
{
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	xmlDocPtr doc;

	if (!ctxt) {
		fputs("gen_catalog: out of memory\n", stderr);
		exit(1);
	}
	ctxt->_private = d;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->internalSubset = reject_doctype;
	doc = xmlCtxtReadFile(ctxt, d->file, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (doc && !ctxt->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && d->errors == 0)
		diag(d, 0, "cannot read or parse the file");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* ------------------------------------------------------------------ */
/* Reading the tree                                                    */

static int is_xml_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Collapse every whitespace run to one space and trim both ends. A run that
 * holds a line break between two non-ASCII bytes is dropped entirely, so
 * that wrapping a Japanese sentence in the XML does not insert a space.
 * Returns a new string.
 */
char *normalize_space(const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *out = xmalloc(n + 1);

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (is_xml_space(c)) {
			size_t j = i;
			int newline = 0;

			while (j < n && is_xml_space((unsigned char)s[j])) {
				if (s[j] == '\n' || s[j] == '\r')
					newline = 1;
				j++;
			}
			if (o > 0 && j < n &&
			    !(newline && (unsigned char)out[o - 1] >= 0x80 && (unsigned char)s[j] >= 0x80))
				out[o++] = ' ';
			i = j;
			continue;
		}
		out[o++] = (char)c;
		i++;
	}
	out[o] = '\0';
	return out;
}

int in_ns(xmlNodePtr node, const char *ns)
{
	return node->ns && node->ns->href && strcmp((const char *)node->ns->href, ns) == 0;
}

int index_of(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return (int)i;
	return -1;
}

/* Non-element children of `node` must be comments or whitespace. */
void check_no_text(gen_diag *cat, xmlNodePtr node)
{
	xmlNodePtr c;

	for (c = node->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE)
			continue;
		if (c->type == XML_TEXT_NODE && c->content) {
			const unsigned char *p = c->content;

			while (*p && is_xml_space(*p))
				p++;
			if (*p == '\0')
				continue;
		}
		diag(cat, xmlGetLineNo(c), "unexpected text or node in <%s>", (const char *)node->name);
	}
}

/* Only the attributes named in `allowed` (NULL-terminated) may appear. */
void check_attributes(gen_diag *cat, xmlNodePtr node, const char *const *allowed)
{
	xmlAttrPtr a;

	for (a = node->properties; a; a = a->next) {
		const char *const *p;
		int ok = 0;

		if (a->ns == NULL)
			for (p = allowed; *p; p++)
				if (strcmp(*p, (const char *)a->name) == 0)
					ok = 1;
		if (!ok)
			diag(cat, xmlGetLineNo(node), "unknown attribute '%s' on <%s>", (const char *)a->name,
			     (const char *)node->name);
	}
}

/* The normalized value of attribute `name`, or NULL when absent. */
char *get_attr(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = normalize_space((const char *)v);
	xmlFree(v);
	return s;
}

char *required_attr(gen_diag *cat, xmlNodePtr node, const char *name)
{
	char *v = get_attr(node, name);

	if (!v || !*v) {
		diag(cat, xmlGetLineNo(node), "<%s> needs a non-empty '%s' attribute", (const char *)node->name,
		     name);
		free(v);
		return NULL;
	}
	return v;
}

/* The element's text, normalized; it may hold only text and comments. */
char *element_text(gen_diag *cat, xmlNodePtr node)
{
	buf b = {NULL, 0, 0, 0};
	xmlNodePtr c;
	char *out;

	for (c = node->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t n = c->content ? strlen((const char *)c->content) : 0;

			if (b.len + n + 1 > b.cap) {
				char *p;

				b.cap = (b.len + n + 1) * 2;
				p = realloc(b.data, b.cap);
				if (!p) {
					fputs("gen_catalog: out of memory\n", stderr);
					exit(1);
				}
				b.data = p;
			}
			memcpy(b.data + b.len, c->content, n);
			b.len += n;
			b.data[b.len] = '\0';
		} else if (c->type != XML_COMMENT_NODE) {
			diag(cat, xmlGetLineNo(c), "<%s> may hold only text", (const char *)node->name);
		}
	}
	out = normalize_space(b.data ? b.data : "");
	free(b.data);
	if (!*out) {
		diag(cat, xmlGetLineNo(node), "<%s> is empty", (const char *)node->name);
		free(out);
		return NULL;
	}
	return out;
}

int valid_code(const char *s)
{
	const char *p = s;

	if (!(*p >= 'a' && *p <= 'z'))
		return 0;
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			continue;
		if (*p == '-' && p[1] && p[1] != '-')
			continue;
		return 0;
	}
	return 1;
}

/* Store a per-language text, reporting a missing or repeated language. */
void buf_add(buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->data, cap);
		if (!p) {
			b->failed = 1;
			return;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_printf(buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp) {
		b->failed = 1;
		return;
	}
	buf_add(b, tmp, (size_t)n);
}

/*
 * Emit `s` as one or more adjacent C string literals, one line each of
 * roughly 60-80 columns, breaking after a space where one is near and only
 * before the first byte of a UTF-8 sequence. Printable ASCII goes as is,
 * except '"', '\' and '?' (escaped: no trigraph can form); everything else,
 * UTF-8 included, as a three-digit octal escape, which can never swallow a
 * following digit. (Splitting does not lift C's 4095-byte limit: it applies
 * to the concatenated literal, hence MAX_TEXT.)
 */
void emit_string(buf *b, const char *s, const char *indent)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t col = 0;
	unsigned char prev = 0;

	if (!s) {
		buf_puts(b, "NULL");
		return;
	}
	buf_puts(b, "\"");
	for (; *p; p++) {
		char esc[8];

		if ((col >= 72 || (col >= 56 && prev == ' ')) && (*p & 0xC0) != 0x80) {
			buf_puts(b, "\"\n");
			buf_puts(b, indent);
			buf_puts(b, "\"");
			col = 0;
		}
		if (*p == '"' || *p == '\\' || *p == '?') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			esc[2] = '\0';
		} else if (*p == '\n') {
			strcpy(esc, "\\n");
		} else if (*p == '\t') {
			strcpy(esc, "\\t");
		} else if (*p >= 0x20 && *p < 0x7F) {
			esc[0] = (char)*p;
			esc[1] = '\0';
		} else {
			snprintf(esc, sizeof esc, "\\%03o", (unsigned)*p);
		}
		buf_puts(b, esc);
		col += strlen(esc);
		prev = *p;
	}
	buf_puts(b, "\"");
}

/* MS_RULE_ + code upper-cased, '-' -> '_'. Codes are [a-z0-9-]. */
void emit_comment_text(buf *b, const char *s)
{
	char prev = '\0';

	for (; *s; s++) {
		char c = (*s >= 0x20 && *s < 0x7F) ? *s : '_';

		if (prev == '*' && c == '/')
			c = '_';
		buf_add(b, &c, 1);
		prev = c;
	}
}

/* The last `n` components of a path ("models/rules.xml"), for comments. */
const char *path_tail(const char *path, int n)
{
	const char *p = path + strlen(path);

	while (p > path) {
		if (p[-1] == '/' || p[-1] == '\\') {
			if (--n == 0)
				break;
		}
		p--;
	}
	return p;
}

static int write_temp(const char *path, const buf *b, char **tmp)
{
	size_t n = strlen(path) + 32;
	unsigned long seed = (unsigned long)time(NULL) ^ (unsigned long)(uintptr_t)&n ^
	                     (unsigned long)clock();
	FILE *f = NULL;
	int attempt, ok;

	*tmp = xmalloc(n);
	for (attempt = 0; attempt < 100 && !f; attempt++) {
		snprintf(*tmp, n, "%s.tmp%05lu", path, (seed + (unsigned long)attempt) % 100000UL);
		errno = 0;
		f = fopen(*tmp, "wx");
	}
	if (!f) {
		fprintf(stderr, "gen_catalog: cannot create a temporary file for %s: %s\n", path,
		        errno ? strerror(errno) : "unknown error");
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	errno = 0;
	ok = fwrite(b->data, 1, b->len, f) == b->len;
	ok = (fclose(f) == 0) && ok;
	if (!ok) {
		fprintf(stderr, "gen_catalog: cannot write %s: %s\n", *tmp,
		        errno ? strerror(errno) : "unknown error");
		remove(*tmp);
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	return 0;
}

static int replace_file(const char *tmp, const char *path)
{
#ifdef _WIN32
	remove(path); /* rename() does not replace on Windows */
#endif
	errno = 0;
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "gen_catalog: cannot rename %s to %s: %s\n", tmp, path,
		        errno ? strerror(errno) : "unknown error");
		return -1;
	}
	return 0;
}

/* Both outputs are complete on disk before either is renamed into place. */
int write_outputs(const char *out_h, const buf *h, const char *out_c, const buf *c)
{
	char *tmp_h = NULL, *tmp_c = NULL;
	int rc = -1;

	if (write_temp(out_h, h, &tmp_h) != 0)
		goto cleanup;
	if (write_temp(out_c, c, &tmp_c) != 0)
		goto cleanup;
	if (replace_file(tmp_h, out_h) != 0)
		goto cleanup;
	free(tmp_h);
	tmp_h = NULL;
	if (replace_file(tmp_c, out_c) != 0)
		goto cleanup;
	free(tmp_c);
	tmp_c = NULL;
	rc = 0;
cleanup:
	if (tmp_h) {
		remove(tmp_h);
		free(tmp_h);
	}
	if (tmp_c) {
		remove(tmp_c);
		free(tmp_c);
	}
	return rc;
}

/* One output, written to a temporary file and renamed into place. */
int write_output(const char *path, const buf *b)
{
	char *tmp = NULL;

	if (write_temp(path, b, &tmp) != 0)
		return -1;
	if (replace_file(tmp, path) != 0) {
		remove(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* ------------------------------------------------------------------ */


void emit_const(buf *b, const char *prefix, const char *code)
{
	const char *p;

	buf_puts(b, prefix);
	buf_puts(b, "_");
	for (p = code; *p; p++) {
		char c = *p == '-' ? '_' : (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;

		buf_add(b, &c, 1);
	}
}
