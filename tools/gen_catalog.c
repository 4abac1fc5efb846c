/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gen_catalog — build-time host tool: compiles the rule catalog
 * (models/rules.xml, spec/rules.md as data) and the vocabulary
 * (models/vocabulary.xml, the words of every coded value) into a C header
 * and table.
 *
 *     gen_catalog models/rules.xml models/vocabulary.xml OUT.h OUT.c
 *     gen_catalog --markdown models/rules.xml models/vocabulary.xml OUT.md
 *
 * The second form writes the user's rule reference (docs/rules.md).
 *
 * Both are validated first (required fields, unique codes, known kind,
 * severity and topic (values of the vocabulary), placeholders of the ja and en messages equal to the
 * rule's `args`); every problem is printed as `file:line: message` and the
 * exit status is 1. Usage errors exit with 2. On success both outputs are
 * written to temporary files beside them and renamed into place, so a failed
 * run never leaves a half-written file. The output depends only on the
 * catalog's content: no dates, no absolute paths.
 *
 * The input is our own, trusted file; it is still parsed without network
 * access, without entity substitution, and with any DOCTYPE refused.
 */
#include "gen_catalog.h"

#include <stdlib.h>
#include <string.h>

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

/* Severities and topics are lists of the vocabulary; severity 0 is "none". */
#define SEV_NONE 0

/* The placeholders the engine fills (ids). */
static const char *const placeholders[] = {
	"facility", "party", "other", "systems", "system", "contract", "agreement",
	"risk", "date", "scheme", "via", "exception", "code"};
#define N_PLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])


typedef struct {
	char *code, *topic, *args;
	int kind, severity;
	char *severity_name; /* as written, for docs/rules.md */
	char *cite_key, *cite_quote, *cite_source;
	char *title[2], *message[2], *help[2], *basis[2];
	long line;
} rule;

/* <document source title [url]>: a cited document, its title as users see
 * it (never the source key, a seed file name) and its public page, if any. */
typedef struct {
	char *source, *title, *url;
	long line;
	int used;
} document;

typedef struct {
	gen_diag d;
	const vocabulary *vocab;
	rule *rules;
	size_t n, cap;
	document *docs;
	size_t ndocs;
	char *guideline;
} catalog;

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

static void check_length(catalog *cat, long line, const char *what, const char *s)
{
	if (s && strlen(s) > MAX_TEXT)
		diag(&cat->d, line, "%s is %zu bytes; at most %d fit in one C string literal", what, strlen(s),
		     MAX_TEXT);
}

/* Texts other than messages must not look like templates. */
static void check_no_braces(catalog *cat, long line, const char *what, const char *s)
{
	if (s && strpbrk(s, "{}"))
		diag(&cat->d, line, "%s contains '{' or '}'; placeholders are allowed only in <message>", what);
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
			diag(&cat->d, line, "message (%s): '}' without '{'", lang);
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
				diag(&cat->d, line, "message (%s): malformed placeholder; expected {name}", lang);
				continue;
			}
			memcpy(name, start, n);
			name[n] = '\0';
			p++;
			k = index_of(placeholders, N_PLACEHOLDERS, name);
			if (k < 0)
				diag(&cat->d, line, "message (%s): unknown placeholder {%s}", lang, name);
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
			diag(&cat->d, line, "args: name too long");
			continue;
		}
		memcpy(name, start, n);
		name[n] = '\0';
		k = index_of(placeholders, N_PLACEHOLDERS, name);
		if (k < 0)
			diag(&cat->d, line, "args: unknown placeholder '%s' (write names without braces)", name);
		else if (set & (1u << k))
			diag(&cat->d, line, "args: '%s' listed twice", name);
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
			diag(&cat->d, line, "%s {%s}", what, placeholders[k]);
}

/* Codes: lower-case words joined by single hyphens, e.g. missing-demarcation. */
static void set_lang_text(catalog *cat, xmlNodePtr el, char *slot[2], const char *what)
{
	static const char *const langs[] = {"en", "ja"};
	char *lang = required_attr(&cat->d, el, "lang");
	char *text;
	int k;

	if (!lang)
		return;
	k = index_of(langs, COUNT(langs), lang);
	if (k < 0) {
		diag(&cat->d, xmlGetLineNo(el), "<%s lang=\"%s\">: lang must be ja or en", what, lang);
		free(lang);
		return;
	}
	free(lang);
	text = element_text(&cat->d, el);
	if (!text)
		return;
	if (slot[k]) {
		diag(&cat->d, xmlGetLineNo(el), "second <%s lang=\"%s\">", what, langs[k]);
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
	static const char *const langs[] = {"en", "ja"};
	rule r;
	long line = xmlGetLineNo(node);
	char *kind, *severity;
	xmlNodePtr c;
	unsigned args_set = 0, msg_set[2] = {0, 0};
	int cites = 0, k;
	size_t i;

	memset(&r, 0, sizeof r);
	r.line = line;
	r.kind = r.severity = -1;
	check_attributes(&cat->d, node, rule_attrs);
	check_no_text(&cat->d, node);

	r.code = required_attr(&cat->d, node, "code");
	if (r.code && !valid_code(r.code))
		diag(&cat->d, line, "code '%s': use lower-case words joined by '-'", r.code);
	if (r.code)
		for (i = 0; i < cat->n; i++)
			if (cat->rules[i].code && strcmp(cat->rules[i].code, r.code) == 0)
				diag(&cat->d, line, "duplicate code '%s' (first at line %ld)", r.code, cat->rules[i].line);

	kind = required_attr(&cat->d, node, "kind");
	if (kind && (r.kind = index_of(kinds, KIND_COUNT, kind)) < 0)
		diag(&cat->d, line, "kind '%s': expected scope-in, scope-out, ownership, agreement or finding", kind);
	free(kind);

	severity = required_attr(&cat->d, node, "severity");
	if (severity && (r.severity = vocab_value(cat->vocab, "severity", severity)) < 0)
		diag(&cat->d, line, "severity '%s': expected none or a severity of the vocabulary", severity);
	r.severity_name = severity;

	if (r.kind == KIND_SCOPE_IN || r.kind == KIND_SCOPE_OUT || r.kind == KIND_OWNERSHIP) {
		if (r.severity > SEV_NONE)
			diag(&cat->d, line, "%s codes have severity none", kinds[r.kind]);
	} else if (r.kind >= 0 && r.severity == SEV_NONE) {
		diag(&cat->d, line, "%s codes need a severity (note, warning or error)", kinds[r.kind]);
	}

	r.topic = get_attr(node, "topic");
	if (r.kind == KIND_AGREEMENT) {
		if (!r.topic || !*r.topic)
			diag(&cat->d, line, "agreement codes need a topic");
		else if (vocab_value(cat->vocab, "topic", r.topic) < 0)
			diag(&cat->d, line, "topic '%s' is not a topic of the vocabulary", r.topic);
	} else if (r.topic && r.kind >= 0) {
		diag(&cat->d, line, "only agreement codes have a topic");
	}

	r.args = get_attr(node, "args");
	if (!r.args)
		diag(&cat->d, line, "<rule> needs an 'args' attribute (the placeholders its messages use)");
	else
		args_set = parse_args(cat, line, r.args);

	for (c = node->children; c; c = c->next) {
		const char *name;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		if (!in_ns(c, RULES_NS)) {
			diag(&cat->d, xmlGetLineNo(c), "unexpected element <%s> (not in %s)", name, RULES_NS);
			continue;
		}
		if (strcmp(name, "cite") == 0) {
			check_attributes(&cat->d, c, cite_attrs);
			if (cites++) {
				diag(&cat->d, xmlGetLineNo(c), "second <cite>");
				continue;
			}
			r.cite_key = required_attr(&cat->d, c, "key");
			r.cite_source = required_attr(&cat->d, c, "source");
			r.cite_quote = element_text(&cat->d, c);
		} else if (strcmp(name, "basis") == 0) {
			check_attributes(&cat->d, c, lang_attrs);
			set_lang_text(cat, c, r.basis, name);
		} else if (strcmp(name, "title") == 0) {
			check_attributes(&cat->d, c, lang_attrs);
			set_lang_text(cat, c, r.title, name);
		} else if (strcmp(name, "message") == 0) {
			check_attributes(&cat->d, c, lang_attrs);
			set_lang_text(cat, c, r.message, name);
		} else if (strcmp(name, "help") == 0) {
			check_attributes(&cat->d, c, lang_attrs);
			set_lang_text(cat, c, r.help, name);
		} else {
			diag(&cat->d, xmlGetLineNo(c), "unknown element <%s> in <rule>", name);
		}
	}

	if (!cites)
		diag(&cat->d, line, "rule '%s' has no <cite>", r.code ? r.code : "?");
	for (k = 0; k < 2; k++) {
		if (!r.basis[k])
			diag(&cat->d, line, "rule '%s' has no <basis lang=\"%s\">", r.code ? r.code : "?", langs[k]);
		if (!r.title[k])
			diag(&cat->d, line, "rule '%s' has no <title lang=\"%s\">", r.code ? r.code : "?", langs[k]);
		if (!r.message[k])
			diag(&cat->d, line, "rule '%s' has no <message lang=\"%s\">", r.code ? r.code : "?", langs[k]);
		if (!r.help[k])
			diag(&cat->d, line, "rule '%s' has no <help lang=\"%s\">", r.code ? r.code : "?", langs[k]);
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

	check_length(cat, line, "cite", r.cite_quote);
	for (k = 0; k < 2; k++) {
		check_no_braces(cat, line, "basis", r.basis[k]);
		check_length(cat, line, "basis", r.basis[k]);
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

static void read_document(catalog *cat, xmlNodePtr node)
{
	static const char *const doc_attrs[] = {"source", "title", "url", NULL};
	long line = xmlGetLineNo(node);
	document d = {NULL, NULL, NULL, line, 0};
	document *p;
	size_t i;

	check_attributes(&cat->d, node, doc_attrs);
	check_no_text(&cat->d, node);
	d.source = required_attr(&cat->d, node, "source");
	d.title = required_attr(&cat->d, node, "title");
	d.url = get_attr(node, "url");
	if (!d.source || !d.title) {
		free(d.source);
		free(d.title);
		free(d.url);
		return;
	}
	check_length(cat, line, "title", d.title);
	/* Only a page copied from the guideline texts, and only https. */
	if (d.url && (strncmp(d.url, "https://", 8) != 0 || strpbrk(d.url, " \"<>\\{}")))
		diag(&cat->d, line, "<document url=\"%s\">: an https URL is needed", d.url);
	for (i = 0; i < cat->ndocs; i++)
		if (strcmp(cat->docs[i].source, d.source) == 0)
			diag(&cat->d, line, "second <document source=\"%s\">", d.source);
	p = realloc(cat->docs, (cat->ndocs + 1) * sizeof *p);
	if (!p) {
		fputs("gen_catalog: out of memory\n", stderr);
		exit(1);
	}
	cat->docs = p;
	cat->docs[cat->ndocs++] = d;
}

/* The <document> a rule cites (every cite has one after read_catalog). */
static document *cited_document(const catalog *cat, const rule *r)
{
	size_t i;

	for (i = 0; r->cite_source && i < cat->ndocs; i++)
		if (strcmp(cat->docs[i].source, r->cite_source) == 0)
			return &cat->docs[i];
	return NULL;
}

static void read_catalog(catalog *cat, xmlDocPtr doc)
{
	static const char *const root_attrs[] = {"guideline", NULL};
	xmlNodePtr root = xmlDocGetRootElement(doc), c;
	document *d;
	size_t i;

	if (!root) {
		diag(&cat->d, 1, "empty document");
		return;
	}
	if (strcmp((const char *)root->name, "rules") != 0 || !in_ns(root, RULES_NS)) {
		diag(&cat->d, xmlGetLineNo(root), "the root must be <rules xmlns=\"%s\">", RULES_NS);
		return;
	}
	check_attributes(&cat->d, root, root_attrs);
	check_no_text(&cat->d, root);
	cat->guideline = required_attr(&cat->d, root, "guideline");
	check_no_braces(cat, xmlGetLineNo(root), "guideline", cat->guideline);
	check_length(cat, xmlGetLineNo(root), "guideline", cat->guideline);

	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (in_ns(c, RULES_NS) && strcmp((const char *)c->name, "document") == 0) {
			read_document(cat, c);
			continue;
		}
		if (strcmp((const char *)c->name, "rule") != 0 || !in_ns(c, RULES_NS)) {
			diag(&cat->d, xmlGetLineNo(c), "unexpected element <%s>; expected <rule> or <document>",
			     (const char *)c->name);
			continue;
		}
		read_rule(cat, c);
	}
	if (cat->n == 0)
		diag(&cat->d, xmlGetLineNo(root), "the catalog has no rules");
	for (i = 0; i < cat->n; i++) {
		const rule *r = &cat->rules[i];

		if ((d = cited_document(cat, r)))
			d->used = 1;
		else if (r->cite_source)
			diag(&cat->d, r->line, "<cite source=\"%s\">: no <document source=\"%s\" title=...>",
			     r->cite_source, r->cite_source);
	}
	for (i = 0; i < cat->ndocs; i++)
		if (!cat->docs[i].used)
			diag(&cat->d, cat->docs[i].line, "<document source=\"%s\"> is cited by no rule",
			     cat->docs[i].source);
}

/* ------------------------------------------------------------------ */
/* Writing C                                                           */

/* MS_RULE_ + code upper-cased, '-' -> '_'. */
static void emit_enum_name(buf *b, const char *code)
{
	emit_const(b, "MS_RULE", code);
}

static void emit_header(buf *b, const catalog *cat, const char *out_h)
{
	size_t i;

	buf_puts(b, "/* ");
	emit_comment_text(b, path_tail(out_h, 1));
	buf_puts(b, " - generated from ");
	emit_comment_text(b, path_tail(cat->d.file, 2));
	buf_puts(b, " by gen_catalog; do not edit */\n");
	buf_puts(b, "#ifndef MS_RULES_CATALOG_H\n#define MS_RULES_CATALOG_H\n\n");
	buf_puts(b, "#include \"medscope/medscope.h\"\n\n");
	buf_puts(b, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	vocab_emit_header(b, cat->vocab);
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
	         "typedef struct {\n"
	         "\tconst char *code;\n"
	         "\tms_rule_kind kind;\n"
	         "\tms_severity severity;\n"
	         "\tconst char *topic; /* NULL unless kind == MS_KIND_AGREEMENT */\n"
	         "\tconst char *cite_key, *cite_quote;\n"
	         "\tconst char *cite_document; /* the cited document's title (UTF-8) */\n"
	         "\tconst char *help_uri; /* the cited document's public page, or NULL */\n"
	         "\tconst char *args; /* placeholder names the messages use, space-separated */\n"
	         "\tconst char *title[2], *message[2], *help[2], *basis[2]; /* index 0 = en, 1 = ja */\n"
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
	emit_comment_text(b, path_tail(cat->d.file, 2));
	buf_puts(b, " by gen_catalog; do not edit */\n");
	buf_puts(b, "#include \"");
	emit_comment_text(b, path_tail(out_h, 1));
	buf_puts(b, "\"\n\n#include <stddef.h>\n#include <string.h>\n\n");
	vocab_emit_source(b, cat->vocab);

	buf_puts(b, "const char ms_rules_guideline[] =\n\t");
	emit_string(b, cat->guideline, "\t");
	buf_puts(b, ";\n\nconst ms_rule ms_rules[MS_RULE__COUNT] = {\n");
	for (i = 0; i < cat->n; i++) {
		const rule *r = &cat->rules[i];

		buf_puts(b, "\t[");
		emit_enum_name(b, r->code);
		buf_puts(b, "] = {\n");
		emit_field(b, "code", r->code);
		buf_printf(b, "\t\t.kind = %s,\n\t\t.severity = ", kind_enums[r->kind]);
		vocab_emit_const(b, cat->vocab, "severity", r->severity);
		buf_puts(b, ",\n");
		if (r->kind == KIND_AGREEMENT)
			emit_field(b, "topic", r->topic);
		else
			buf_puts(b, "\t\t.topic = NULL,\n");
		emit_field(b, "cite_key", r->cite_key);
		emit_field(b, "cite_quote", r->cite_quote);
		/* The title, not the source key: seed file names never reach the program. */
		emit_field(b, "cite_document", cited_document(cat, r)->title);
		if (cited_document(cat, r)->url)
			emit_field(b, "help_uri", cited_document(cat, r)->url);
		else
			buf_puts(b, "\t\t.help_uri = NULL,\n");
		emit_field(b, "args", r->args);
		emit_pair(b, "title", r->title);
		emit_pair(b, "message", r->message);
		emit_pair(b, "help", r->help);
		emit_pair(b, "basis", r->basis);
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
/* Writing docs/rules.md                                               */

static const char *const kind_words[2][KIND_COUNT] = {
	{"scope-in (in scope: 対象事業者)", "scope-out (out of scope: 対象外)",
	 "ownership (who runs risk management)", "agreement (an agreement the rules ask for)",
	 "finding (a problem to fix)"},
	{"scope-in（対象事業者に当たる理由）", "scope-out（対象外となる理由）",
	 "ownership（リスクマネジメントの担い手）", "agreement（求められる合意）",
	 "finding（指摘事項）"},
};

/* One rule as a section: code, kind, severity, topic, condition, citation
 * (document title and quote), then the Japanese and English title and help. */
static void emit_md_rule(buf *b, const catalog *cat, const rule *r)
{
	const document *d = cited_document(cat, r);

	buf_printf(b, "### `%s`\n\n", r->code);
	buf_printf(b, "- 表題 / Title: %s / %s\n", r->title[LANG_JA], r->title[LANG_EN]);
	buf_printf(b, "- 種類 / Kind: `%s`\n", kinds[r->kind]);
	buf_printf(b, "- 重大度 / Severity: `%s`\n", r->severity_name);
	if (r->kind == KIND_AGREEMENT)
		buf_printf(b, "- 合意の主題 / Topic: `%s`\n", r->topic);
	buf_printf(b, "- 成立条件: %s\n", r->basis[LANG_JA]);
	buf_printf(b, "- Condition: %s\n", r->basis[LANG_EN]);
	buf_printf(b, "- 引用 / Citation: %s — ", r->cite_key);
	if (d->url)
		buf_printf(b, "[%s](%s)\n", d->title, d->url);
	else
		buf_printf(b, "%s\n", d->title);
	buf_printf(b, "\n  > 「%s」\n\n", r->cite_quote);
	buf_printf(b, "- 対処 (ja): %s\n", r->help[LANG_JA]);
	buf_printf(b, "- What to do (en): %s\n\n", r->help[LANG_EN]);
}

static void emit_markdown(buf *b, const catalog *cat)
{
	size_t i;
	int k;

	buf_puts(b, "<!-- Generated from models/rules.xml by gen_catalog --markdown; do not edit.\n"
	            "     tests/update-docs.sh refreshes this copy; the docs.rules test compares it\n"
	            "     with the one the build writes. -->\n");
	buf_puts(b, "# medscope ルール一覧 / Rule catalog\n\n");
	buf_printf(b, "準拠するガイドライン / Guidelines followed: %s\n\n", cat->guideline);
	buf_puts(b, "各コードは `medscope explain CODE` でも表示できます。引用はガイドライン本文の"
	            "語句そのままです（出典の文書名を併記）。\n"
	            "Every code is also shown by `medscope explain CODE`. Quotes are the guideline's "
	            "own words, with the title of the document they come from.\n\n");
	buf_puts(b, "種類 / Kinds:\n\n");
	for (k = 0; k < KIND_COUNT; k++)
		buf_printf(b, "- %s — %s\n", kind_words[LANG_JA][k], kind_words[LANG_EN][k]);
	buf_puts(b, "\n");
	for (k = 0; k < KIND_COUNT; k++) {
		buf_printf(b, "## %s\n\n", kinds[k]);
		for (i = 0; i < cat->n; i++)
			if (cat->rules[i].kind == k)
				emit_md_rule(b, cat, &cat->rules[i]);
	}
	buf_puts(b, "## 引用文書 / Cited documents\n\n");
	for (i = 0; i < cat->ndocs; i++) {
		if (cat->docs[i].url)
			buf_printf(b, "- [%s](%s)\n", cat->docs[i].title, cat->docs[i].url);
		else
			buf_printf(b, "- %s\n", cat->docs[i].title);
	}
}

/* ------------------------------------------------------------------ */
/* Atomic output                                                       */

/*
 * Write `b` to a new temporary file beside `path`; its name goes to `tmp`
 * (malloc'd). Exclusive creation (C11 "wx") keeps concurrent runs apart.
 * Returns 0, or -1 after printing why.
 */
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
		free(r->severity_name);
		for (k = 0; k < 2; k++) {
			free(r->title[k]);
			free(r->message[k]);
			free(r->help[k]);
			free(r->basis[k]);
		}
	}
	free(cat->rules);
	for (i = 0; i < cat->ndocs; i++) {
		free(cat->docs[i].source);
		free(cat->docs[i].title);
		free(cat->docs[i].url);
	}
	free(cat->docs);
	free(cat->guideline);
}

int main(int argc, char **argv)
{
	catalog cat;
	gen_diag vd;
	vocabulary *vocab = NULL;
	xmlDocPtr doc = NULL;
	buf h = {NULL, 0, 0, 0}, c = {NULL, 0, 0, 0};
	int rc = 1;

	int markdown = argc == 5 && strcmp(argv[1], "--markdown") == 0;

	if (argc != 5) {
		fprintf(stderr, "usage: %s RULES.xml VOCABULARY.xml OUT.h OUT.c\n"
		                "       %s --markdown RULES.xml VOCABULARY.xml OUT.md\n",
		        argc > 0 ? argv[0] : "gen_catalog", argc > 0 ? argv[0] : "gen_catalog");
		return 2;
	}
	if (markdown)
		argv++; /* RULES VOCABULARY OUT.md at argv[1..3] */
	LIBXML_TEST_VERSION
	memset(&cat, 0, sizeof cat);
	cat.d.file = argv[1];
	vd.file = argv[2];
	vd.errors = 0;

	/* The vocabulary first: the rules' severities and topics are its values. */
	vocab = vocab_read(&vd);
	if (!vocab)
		goto cleanup;
	cat.vocab = vocab;
	doc = gen_parse(&cat.d);
	if (!doc)
		goto cleanup;
	read_catalog(&cat, doc);
	if (cat.d.errors)
		goto cleanup;

	if (markdown) {
		emit_markdown(&h, &cat);
		if (h.failed) {
			fputs("gen_catalog: out of memory\n", stderr);
			goto cleanup;
		}
		if (write_output(argv[3], &h) != 0)
			goto cleanup;
		rc = 0;
		goto cleanup;
	}
	emit_header(&h, &cat, argv[3]);
	emit_source(&c, &cat, argv[3], argv[4]);
	if (h.failed || c.failed) {
		fputs("gen_catalog: out of memory\n", stderr);
		goto cleanup;
	}
	if (write_outputs(argv[3], &h, argv[4], &c) != 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (vd.errors)
		fprintf(stderr, "%s: %u error%s; nothing written\n", vd.file, vd.errors,
		        vd.errors == 1 ? "" : "s");
	if (cat.d.errors)
		fprintf(stderr, "%s: %u error%s; nothing written\n", cat.d.file, cat.d.errors,
		        cat.d.errors == 1 ? "" : "s");
	free(h.data);
	free(c.data);
	free_catalog(&cat);
	vocab_free(vocab);
	xmlFreeDoc(doc);
	xmlCleanupParser();
	return rc;
}
