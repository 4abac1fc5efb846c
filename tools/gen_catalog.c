/*
 * gen_catalog — build-time host tool: compiles the rule catalog
 * (models/rules.xml, spec/rules.md as data) into a C header and table.
 *
 *     gen_catalog models/rules.xml OUT.h OUT.c
 *
 * The catalog is validated first (required fields, unique codes, known kind,
 * severity and topic, placeholders of the ja and en messages equal to the
 * rule's `args`); every problem is printed as `file:line: message` and the
 * exit status is 1. Usage errors exit with 2. On success both outputs are
 * written to temporary files beside them and renamed into place, so a failed
 * run never leaves a half-written file. The output depends only on the
 * catalog's content: no dates, no absolute paths.
 *
 * The input is our own, trusted file; it is still parsed without network
 * access, without entity substitution, and with any DOCTYPE refused.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RULES_NS "urn:medscope:rules:1"
/* C11 5.2.4.1: 4095 characters in a string literal (after concatenation);
 * gcc -pedantic warns (-Woverlength-strings) beyond it. */
#define MAX_TEXT 4095
#define LANG_EN 0
#define LANG_JA 1

static const char *const kinds[] = {"scope-in", "scope-out", "ownership", "agreement", "finding"};
static const char *const kind_enums[] = {"MS_KIND_SCOPE_IN", "MS_KIND_SCOPE_OUT", "MS_KIND_OWNERSHIP",
                                         "MS_KIND_AGREEMENT", "MS_KIND_FINDING"};
enum { KIND_SCOPE_IN, KIND_SCOPE_OUT, KIND_OWNERSHIP, KIND_AGREEMENT, KIND_FINDING, KIND_COUNT };

static const char *const severities[] = {"none", "note", "warning", "error"};
static const char *const severity_enums[] = {"MS_SEV_NONE", "MS_SEV_NOTE", "MS_SEV_WARNING",
                                             "MS_SEV_ERROR"};
enum { SEV_NONE, SEV_NOTE, SEV_WARNING, SEV_ERROR, SEV_COUNT };

/* Agreement topics of spec/model.md. */
static const char *const topics[] = {"demarcation", "risk-management", "subcontracting",
                                     "change-notification", "integration", "unknown-infrastructure",
                                     "lifecycle", "third-party-provision", "incident-response"};

/* The placeholders the engine fills (ids). */
static const char *const placeholders[] = {"facility", "party", "other", "systems", "system",
                                           "contract", "agreement", "risk", "date", "scheme", "via"};
#define N_PLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PRINTF_LIKE(fmt, args)
#endif

typedef struct {
	char *code, *topic, *args;
	int kind, severity;
	char *cite_key, *cite_quote, *cite_source, *basis;
	char *title[2], *message[2], *help[2];
	long line;
} rule;

typedef struct {
	const char *file;
	unsigned errors;
	rule *rules;
	size_t n, cap;
	char *guideline;
} catalog;

/* A growable byte buffer for the generated files. */
typedef struct {
	char *data;
	size_t len, cap;
	int failed;
} buf;

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

static void diag(catalog *cat, long line, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void diag(catalog *cat, long line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%ld: ", cat->file, line > 0 ? line : 0L);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cat->errors++;
}

static void *xmalloc(size_t n)
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
	catalog *cat = NULL;
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
	catalog *cat = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	diag(cat, ctxt->input ? (long)ctxt->input->line : 0L, "DOCTYPE is not allowed in the rule catalog");
	ctxt->wellFormed = 0;
	xmlStopParser(ctxt);
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
static char *normalize_space(const char *s)
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

static int in_rules_ns(xmlNodePtr node)
{
	return node->ns && node->ns->href && strcmp((const char *)node->ns->href, RULES_NS) == 0;
}

static int index_of(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return (int)i;
	return -1;
}

/* Non-element children of `node` must be comments or whitespace. */
static void check_no_text(catalog *cat, xmlNodePtr node)
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
static void check_attributes(catalog *cat, xmlNodePtr node, const char *const *allowed)
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
static char *get_attr(xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = normalize_space((const char *)v);
	xmlFree(v);
	return s;
}

static char *required_attr(catalog *cat, xmlNodePtr node, const char *name)
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
static char *element_text(catalog *cat, xmlNodePtr node)
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

static void check_length(catalog *cat, long line, const char *what, const char *s)
{
	if (s && strlen(s) > MAX_TEXT)
		diag(cat, line, "%s is %zu bytes; at most %d fit in one C string literal", what, strlen(s),
		     MAX_TEXT);
}

/* Texts other than messages must not look like templates. */
static void check_no_braces(catalog *cat, long line, const char *what, const char *s)
{
	if (s && strpbrk(s, "{}"))
		diag(cat, line, "%s contains '{' or '}'; placeholders are allowed only in <message>", what);
}

/*
 * Parse the placeholders of a message into a bit set over `placeholders`.
 * Reports unknown names and stray braces; returns the set.
 */
static unsigned message_placeholders(catalog *cat, long line, const char *lang, const char *msg)
{
	unsigned set = 0;
	const char *p = msg;

	while (*p) {
		if (*p == '}') {
			diag(cat, line, "message (%s): '}' without '{'", lang);
			p++;
		} else if (*p == '{') {
			const char *start = ++p;
			char name[32];
			size_t n;
			int k;

			while (*p >= 'a' && *p <= 'z')
				p++;
			n = (size_t)(p - start);
			if (*p != '}' || n == 0 || n >= sizeof name) {
				diag(cat, line, "message (%s): malformed placeholder; expected {name}", lang);
				continue;
			}
			memcpy(name, start, n);
			name[n] = '\0';
			p++;
			k = index_of(placeholders, N_PLACEHOLDERS, name);
			if (k < 0)
				diag(cat, line, "message (%s): unknown placeholder {%s}", lang, name);
			else
				set |= 1u << k;
		} else {
			p++;
		}
	}
	return set;
}

/* The bit set of the rule's `args`; reports unknown and repeated names. */
static unsigned parse_args(catalog *cat, long line, const char *args)
{
	unsigned set = 0;
	const char *p = args;

	while (*p) {
		const char *start;
		char name[32];
		size_t n;
		int k;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && *p != ' ')
			p++;
		n = (size_t)(p - start);
		if (n >= sizeof name) {
			diag(cat, line, "args: name too long");
			continue;
		}
		memcpy(name, start, n);
		name[n] = '\0';
		k = index_of(placeholders, N_PLACEHOLDERS, name);
		if (k < 0)
			diag(cat, line, "args: unknown placeholder '%s' (write names without braces)", name);
		else if (set & (1u << k))
			diag(cat, line, "args: '%s' listed twice", name);
		else
			set |= 1u << k;
	}
	return set;
}

static void report_set_difference(catalog *cat, long line, const char *what, unsigned extra)
{
	size_t k;

	for (k = 0; k < N_PLACEHOLDERS; k++)
		if (extra & (1u << k))
			diag(cat, line, "%s {%s}", what, placeholders[k]);
}

/* Codes: lower-case words joined by single hyphens, e.g. missing-demarcation. */
static int valid_code(const char *s)
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
static void set_lang_text(catalog *cat, xmlNodePtr el, char *slot[2], const char *what)
{
	static const char *const langs[] = {"en", "ja"};
	char *lang = required_attr(cat, el, "lang");
	char *text;
	int k;

	if (!lang)
		return;
	k = index_of(langs, COUNT(langs), lang);
	if (k < 0) {
		diag(cat, xmlGetLineNo(el), "<%s lang=\"%s\">: lang must be ja or en", what, lang);
		free(lang);
		return;
	}
	free(lang);
	text = element_text(cat, el);
	if (!text)
		return;
	if (slot[k]) {
		diag(cat, xmlGetLineNo(el), "second <%s lang=\"%s\">", what, langs[k]);
		free(text);
		return;
	}
	slot[k] = text;
}

static void read_rule(catalog *cat, xmlNodePtr node)
{
	static const char *const rule_attrs[] = {"code", "kind", "severity", "topic", "args", NULL};
	static const char *const cite_attrs[] = {"key", "source", NULL};
	static const char *const lang_attrs[] = {"lang", NULL};
	static const char *const no_attrs[] = {NULL};
	static const char *const langs[] = {"en", "ja"};
	rule r;
	long line = xmlGetLineNo(node);
	char *kind, *severity;
	xmlNodePtr c;
	unsigned args_set = 0, msg_set[2] = {0, 0};
	int cites = 0, bases = 0, k;
	size_t i;

	memset(&r, 0, sizeof r);
	r.line = line;
	r.kind = r.severity = -1;
	check_attributes(cat, node, rule_attrs);
	check_no_text(cat, node);

	r.code = required_attr(cat, node, "code");
	if (r.code && !valid_code(r.code))
		diag(cat, line, "code '%s': use lower-case words joined by '-'", r.code);
	if (r.code)
		for (i = 0; i < cat->n; i++)
			if (cat->rules[i].code && strcmp(cat->rules[i].code, r.code) == 0)
				diag(cat, line, "duplicate code '%s' (first at line %ld)", r.code, cat->rules[i].line);

	kind = required_attr(cat, node, "kind");
	if (kind && (r.kind = index_of(kinds, KIND_COUNT, kind)) < 0)
		diag(cat, line, "kind '%s': expected scope-in, scope-out, ownership, agreement or finding", kind);
	free(kind);

	severity = required_attr(cat, node, "severity");
	if (severity && (r.severity = index_of(severities, SEV_COUNT, severity)) < 0)
		diag(cat, line, "severity '%s': expected none, note, warning or error", severity);
	free(severity);

	if (r.kind == KIND_SCOPE_IN || r.kind == KIND_SCOPE_OUT || r.kind == KIND_OWNERSHIP) {
		if (r.severity > SEV_NONE)
			diag(cat, line, "%s codes have severity none", kinds[r.kind]);
	} else if (r.kind >= 0 && r.severity == SEV_NONE) {
		diag(cat, line, "%s codes need a severity (note, warning or error)", kinds[r.kind]);
	}

	r.topic = get_attr(node, "topic");
	if (r.kind == KIND_AGREEMENT) {
		if (!r.topic || !*r.topic)
			diag(cat, line, "agreement codes need a topic");
		else if (index_of(topics, COUNT(topics), r.topic) < 0)
			diag(cat, line, "topic '%s' is not an agreement topic of model.md", r.topic);
	} else if (r.topic && r.kind >= 0) {
		diag(cat, line, "only agreement codes have a topic");
	}

	r.args = get_attr(node, "args");
	if (!r.args)
		diag(cat, line, "<rule> needs an 'args' attribute (the placeholders its messages use)");
	else
		args_set = parse_args(cat, line, r.args);

	for (c = node->children; c; c = c->next) {
		const char *name;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		if (!in_rules_ns(c)) {
			diag(cat, xmlGetLineNo(c), "unexpected element <%s> (not in %s)", name, RULES_NS);
			continue;
		}
		if (strcmp(name, "cite") == 0) {
			check_attributes(cat, c, cite_attrs);
			if (cites++) {
				diag(cat, xmlGetLineNo(c), "second <cite>");
				continue;
			}
			r.cite_key = required_attr(cat, c, "key");
			r.cite_source = required_attr(cat, c, "source");
			r.cite_quote = element_text(cat, c);
		} else if (strcmp(name, "basis") == 0) {
			check_attributes(cat, c, no_attrs);
			if (bases++) {
				diag(cat, xmlGetLineNo(c), "second <basis>");
				continue;
			}
			r.basis = element_text(cat, c);
		} else if (strcmp(name, "title") == 0) {
			check_attributes(cat, c, lang_attrs);
			set_lang_text(cat, c, r.title, name);
		} else if (strcmp(name, "message") == 0) {
			check_attributes(cat, c, lang_attrs);
			set_lang_text(cat, c, r.message, name);
		} else if (strcmp(name, "help") == 0) {
			check_attributes(cat, c, lang_attrs);
			set_lang_text(cat, c, r.help, name);
		} else {
			diag(cat, xmlGetLineNo(c), "unknown element <%s> in <rule>", name);
		}
	}

	if (!cites)
		diag(cat, line, "rule '%s' has no <cite>", r.code ? r.code : "?");
	if (!bases)
		diag(cat, line, "rule '%s' has no <basis>", r.code ? r.code : "?");
	for (k = 0; k < 2; k++) {
		if (!r.title[k])
			diag(cat, line, "rule '%s' has no <title lang=\"%s\">", r.code ? r.code : "?", langs[k]);
		if (!r.message[k])
			diag(cat, line, "rule '%s' has no <message lang=\"%s\">", r.code ? r.code : "?", langs[k]);
		if (!r.help[k])
			diag(cat, line, "rule '%s' has no <help lang=\"%s\">", r.code ? r.code : "?", langs[k]);
	}

	/* Placeholders: each message uses exactly `args`, in both languages. */
	for (k = 0; k < 2; k++) {
		char what[64];

		if (!r.message[k])
			continue;
		msg_set[k] = message_placeholders(cat, line, langs[k], r.message[k]);
		if (!r.args)
			continue;
		snprintf(what, sizeof what, "message (%s) uses a placeholder not in args:", langs[k]);
		report_set_difference(cat, line, what, msg_set[k] & ~args_set);
		snprintf(what, sizeof what, "message (%s) does not use arg", langs[k]);
		report_set_difference(cat, line, what, args_set & ~msg_set[k]);
	}

	check_no_braces(cat, line, "cite", r.cite_quote);
	check_no_braces(cat, line, "cite key", r.cite_key);
	check_no_braces(cat, line, "basis", r.basis);
	check_length(cat, line, "cite", r.cite_quote);
	check_length(cat, line, "basis", r.basis);
	for (k = 0; k < 2; k++) {
		check_no_braces(cat, line, "title", r.title[k]);
		check_no_braces(cat, line, "help", r.help[k]);
		check_length(cat, line, "title", r.title[k]);
		check_length(cat, line, "message", r.message[k]);
		check_length(cat, line, "help", r.help[k]);
	}

	if (cat->n == cat->cap) {
		rule *p;

		cat->cap = cat->cap ? cat->cap * 2 : 64;
		p = realloc(cat->rules, cat->cap * sizeof *p);
		if (!p) {
			fputs("gen_catalog: out of memory\n", stderr);
			exit(1);
		}
		cat->rules = p;
	}
	cat->rules[cat->n++] = r;
}

static void read_catalog(catalog *cat, xmlDocPtr doc)
{
	static const char *const root_attrs[] = {"guideline", NULL};
	xmlNodePtr root = xmlDocGetRootElement(doc), c;

	if (!root) {
		diag(cat, 1, "empty document");
		return;
	}
	if (strcmp((const char *)root->name, "rules") != 0 || !in_rules_ns(root)) {
		diag(cat, xmlGetLineNo(root), "the root must be <rules xmlns=\"%s\">", RULES_NS);
		return;
	}
	check_attributes(cat, root, root_attrs);
	check_no_text(cat, root);
	cat->guideline = required_attr(cat, root, "guideline");
	check_no_braces(cat, xmlGetLineNo(root), "guideline", cat->guideline);
	check_length(cat, xmlGetLineNo(root), "guideline", cat->guideline);

	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "rule") != 0 || !in_rules_ns(c)) {
			diag(cat, xmlGetLineNo(c), "unexpected element <%s>; expected <rule>", (const char *)c->name);
			continue;
		}
		read_rule(cat, c);
	}
	if (cat->n == 0)
		diag(cat, xmlGetLineNo(root), "the catalog has no rules");
}

/* ------------------------------------------------------------------ */
/* Writing C                                                           */

static void buf_add(buf *b, const char *s, size_t n)
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

static void buf_puts(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_printf(buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void buf_printf(buf *b, const char *fmt, ...)
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
static void emit_string(buf *b, const char *s, const char *indent)
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
static void emit_enum_name(buf *b, const char *code)
{
	const char *p;

	buf_puts(b, "MS_RULE_");
	for (p = code; *p; p++) {
		char c = *p == '-' ? '_' : (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;

		buf_add(b, &c, 1);
	}
}

/* A file name fit for a C comment: printable ASCII, no comment terminator. */
static void emit_comment_text(buf *b, const char *s)
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
static const char *path_tail(const char *path, int n)
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

static void emit_header(buf *b, const catalog *cat, const char *out_h)
{
	size_t i;

	buf_puts(b, "/* ");
	emit_comment_text(b, path_tail(out_h, 1));
	buf_puts(b, " - generated from ");
	emit_comment_text(b, path_tail(cat->file, 2));
	buf_puts(b, " by gen_catalog; do not edit */\n");
	buf_puts(b, "#ifndef MS_RULES_CATALOG_H\n#define MS_RULES_CATALOG_H\n\n");
	buf_puts(b, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	buf_puts(b, "/* One per rule code, in catalog order. */\ntypedef enum {\n");
	for (i = 0; i < cat->n; i++) {
		buf_puts(b, "\t");
		emit_enum_name(b, cat->rules[i].code);
		buf_printf(b, ", /* %s */\n", cat->rules[i].code);
	}
	buf_puts(b, "\tMS_RULE__COUNT\n} ms_rule_id;\n\n");
	buf_puts(b,
	         "typedef enum {\n"
	         "\tMS_KIND_SCOPE_IN,\n\tMS_KIND_SCOPE_OUT,\n\tMS_KIND_OWNERSHIP,\n"
	         "\tMS_KIND_AGREEMENT,\n\tMS_KIND_FINDING\n} ms_rule_kind;\n\n"
	         "typedef enum {\n"
	         "\tMS_SEV_NONE = 0,\n\tMS_SEV_NOTE = 1,\n\tMS_SEV_WARNING = 2,\n\tMS_SEV_ERROR = 3\n"
	         "} ms_severity;\n\n"
	         "typedef struct {\n"
	         "\tconst char *code;\n"
	         "\tms_rule_kind kind;\n"
	         "\tms_severity severity;\n"
	         "\tconst char *topic; /* NULL unless kind == MS_KIND_AGREEMENT */\n"
	         "\tconst char *cite_key, *cite_quote, *cite_source, *basis;\n"
	         "\tconst char *args; /* placeholder names the messages use, space-separated */\n"
	         "\tconst char *title[2], *message[2], *help[2]; /* index 0 = en, 1 = ja */\n"
	         "} ms_rule;\n\n"
	         "extern const ms_rule ms_rules[MS_RULE__COUNT];\n\n"
	         "/* The guideline versions the catalog follows (UTF-8). */\n"
	         "extern const char ms_rules_guideline[];\n\n"
	         "/* Index of the rule with this code, or -1 (binary search over a sorted index). */\n"
	         "int ms_rule_lookup(const char *code);\n\n"
	         "#ifdef __cplusplus\n}\n#endif\n\n"
	         "#endif\n");
}

static int cmp_code(const void *a, const void *b)
{
	const rule *const *ra = a, *const *rb = b;

	return strcmp((*ra)->code, (*rb)->code);
}

static void emit_field(buf *b, const char *name, const char *value)
{
	buf_printf(b, "\t\t.%s = ", name);
	emit_string(b, value, "\t\t\t");
	buf_puts(b, ",\n");
}

static void emit_pair(buf *b, const char *name, char *const v[2])
{
	buf_printf(b, "\t\t.%s = {\n\t\t\t", name);
	emit_string(b, v[LANG_EN], "\t\t\t");
	buf_puts(b, ",\n\t\t\t");
	emit_string(b, v[LANG_JA], "\t\t\t");
	buf_puts(b, "\n\t\t},\n");
}

static void emit_source(buf *b, const catalog *cat, const char *out_h, const char *out_c)
{
	const rule **sorted = xmalloc(cat->n * sizeof *sorted);
	size_t i;

	buf_puts(b, "/* ");
	emit_comment_text(b, path_tail(out_c, 1));
	buf_puts(b, " - generated from ");
	emit_comment_text(b, path_tail(cat->file, 2));
	buf_puts(b, " by gen_catalog; do not edit */\n");
	buf_puts(b, "#include \"");
	emit_comment_text(b, path_tail(out_h, 1));
	buf_puts(b, "\"\n\n#include <stddef.h>\n#include <string.h>\n\n");

	buf_puts(b, "const char ms_rules_guideline[] =\n\t");
	emit_string(b, cat->guideline, "\t");
	buf_puts(b, ";\n\nconst ms_rule ms_rules[MS_RULE__COUNT] = {\n");
	for (i = 0; i < cat->n; i++) {
		const rule *r = &cat->rules[i];

		buf_puts(b, "\t[");
		emit_enum_name(b, r->code);
		buf_puts(b, "] = {\n");
		emit_field(b, "code", r->code);
		buf_printf(b, "\t\t.kind = %s,\n\t\t.severity = %s,\n", kind_enums[r->kind],
		           severity_enums[r->severity]);
		if (r->kind == KIND_AGREEMENT)
			emit_field(b, "topic", r->topic);
		else
			buf_puts(b, "\t\t.topic = NULL,\n");
		emit_field(b, "cite_key", r->cite_key);
		emit_field(b, "cite_quote", r->cite_quote);
		emit_field(b, "cite_source", r->cite_source);
		emit_field(b, "basis", r->basis);
		emit_field(b, "args", r->args);
		emit_pair(b, "title", r->title);
		emit_pair(b, "message", r->message);
		emit_pair(b, "help", r->help);
		buf_puts(b, "\t},\n");
	}
	buf_puts(b, "};\n\n");

	for (i = 0; i < cat->n; i++)
		sorted[i] = &cat->rules[i];
	qsort(sorted, cat->n, sizeof *sorted, cmp_code);
	buf_puts(b, "/* Rule ids in strcmp order of their codes. */\n"
	            "static const ms_rule_id sorted_ids[MS_RULE__COUNT] = {\n");
	for (i = 0; i < cat->n; i++) {
		buf_puts(b, "\t");
		emit_enum_name(b, sorted[i]->code);
		buf_printf(b, ", /* %s */\n", sorted[i]->code);
	}
	buf_puts(b, "};\n\n");
	free(sorted);

	buf_puts(b, "int ms_rule_lookup(const char *code)\n"
	            "{\n"
	            "\tsize_t lo = 0, hi = MS_RULE__COUNT;\n"
	            "\n"
	            "\tif (code == NULL)\n"
	            "\t\treturn -1;\n"
	            "\twhile (lo < hi) {\n"
	            "\t\tsize_t mid = lo + (hi - lo) / 2;\n"
	            "\t\tint c = strcmp(code, ms_rules[sorted_ids[mid]].code);\n"
	            "\n"
	            "\t\tif (c == 0)\n"
	            "\t\t\treturn (int)sorted_ids[mid];\n"
	            "\t\tif (c < 0)\n"
	            "\t\t\thi = mid;\n"
	            "\t\telse\n"
	            "\t\t\tlo = mid + 1;\n"
	            "\t}\n"
	            "\treturn -1;\n"
	            "}\n");
}

/* ------------------------------------------------------------------ */
/* Atomic output                                                       */

/*
 * Write `b` to a new temporary file beside `path`; its name goes to `tmp`
 * (malloc'd). Exclusive creation (C11 "wx") keeps concurrent runs apart.
 * Returns 0, or -1 after printing why.
 */
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
static int write_outputs(const char *out_h, const buf *h, const char *out_c, const buf *c)
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

/* ------------------------------------------------------------------ */

static void free_catalog(catalog *cat)
{
	size_t i;
	int k;

	for (i = 0; i < cat->n; i++) {
		rule *r = &cat->rules[i];

		free(r->code);
		free(r->topic);
		free(r->args);
		free(r->cite_key);
		free(r->cite_quote);
		free(r->cite_source);
		free(r->basis);
		for (k = 0; k < 2; k++) {
			free(r->title[k]);
			free(r->message[k]);
			free(r->help[k]);
		}
	}
	free(cat->rules);
	free(cat->guideline);
}

int main(int argc, char **argv)
{
	catalog cat;
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	buf h = {NULL, 0, 0, 0}, c = {NULL, 0, 0, 0};
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: %s RULES.xml OUT.h OUT.c\n", argc > 0 ? argv[0] : "gen_catalog");
		return 2;
	}
	LIBXML_TEST_VERSION
	memset(&cat, 0, sizeof cat);
	cat.file = argv[1];

	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		fputs("gen_catalog: out of memory\n", stderr);
		goto cleanup;
	}
	ctxt->_private = &cat;
	ctxt->sax->serror = on_xml_error;
	ctxt->sax->internalSubset = reject_doctype;
	doc = xmlCtxtReadFile(ctxt, argv[1], NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (!doc || !ctxt->wellFormed) {
		if (cat.errors == 0)
			diag(&cat, 0, "cannot read or parse the catalog");
		goto cleanup;
	}
	read_catalog(&cat, doc);
	if (cat.errors)
		goto cleanup;

	emit_header(&h, &cat, argv[2]);
	emit_source(&c, &cat, argv[2], argv[3]);
	if (h.failed || c.failed) {
		fputs("gen_catalog: out of memory\n", stderr);
		goto cleanup;
	}
	if (write_outputs(argv[2], &h, argv[3], &c) != 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (cat.errors)
		fprintf(stderr, "%s: %u error%s; nothing written\n", cat.file, cat.errors,
		        cat.errors == 1 ? "" : "s");
	free(h.data);
	free(c.data);
	free_catalog(&cat);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	xmlCleanupParser();
	return rc;
}
