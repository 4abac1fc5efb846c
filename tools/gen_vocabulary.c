/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The vocabulary (models/vocabulary.xml): every coded value users see and
 * its English and Japanese word. Read and checked here, then written as
 * the C enumerations, the loader's value tables (ms_enum_*) and the one
 * accessor for words, ms_word(), so that no other file spells a value or
 * its translation.
 */
#include "gen_catalog.h"

#include <stdlib.h>
#include <string.h>

#define VOCAB_NS "urn:medscope:vocabulary:1"
/* The widest set a model field holds (uint16_t topics and types). */
#define MAX_BITS 16

typedef struct {
	char *code, *word[2], *cite; /* word: en, ja */
	char **aliases;
	size_t naliases;
	long line;
} word;

typedef struct {
	char *name, *prefix, *none, *type;
	int bits;
	word *words;
	size_t n;
	long line;
} list;

struct vocabulary {
	list *lists;
	size_t n;
};

/* The lists the engine and the public API rely on by name. */
static const char *const required_lists[] = {"severity", "topic", "category", "party-kind"};

static char *checked_word(gen_diag *d, xmlNodePtr el, const char *attr)
{
	char *s = required_attr(d, el, attr);

	if (s && (strpbrk(s, "{}") || strchr(s, '\n')))
		diag(d, xmlGetLineNo(el), "%s '%s': no braces or line breaks in a word", attr, s);
	return s;
}

static void read_word(gen_diag *d, list *l, xmlNodePtr el)
{
	static const char *const word_attrs[] = {"code", "en", "ja", "cite", NULL};
	static const char *const alias_attrs[] = {"code", NULL};
	word *w = &l->words[l->n];
	xmlNodePtr c;

	memset(w, 0, sizeof *w);
	w->line = xmlGetLineNo(el);
	check_attributes(d, el, word_attrs);
	check_no_text(d, el);
	w->code = required_attr(d, el, "code");
	w->word[0] = checked_word(d, el, "en");
	w->word[1] = checked_word(d, el, "ja");
	w->cite = get_attr(el, "cite");
	if (w->code && !valid_code(w->code))
		diag(d, w->line, "code '%s': use lower-case words joined by '-'", w->code);
	for (c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "alias") != 0 || !in_ns(c, VOCAB_NS)) {
			diag(d, xmlGetLineNo(c), "unexpected element <%s>; expected <alias>", (const char *)c->name);
			continue;
		}
		check_attributes(d, c, alias_attrs);
		w->aliases = realloc(w->aliases, (w->naliases + 1) * sizeof *w->aliases);
		if (!w->aliases) {
			fputs("gen_catalog: out of memory\n", stderr);
			exit(1);
		}
		w->aliases[w->naliases] = required_attr(d, c, "code");
		if (w->aliases[w->naliases])
			w->naliases++;
	}
	l->n++;
}

/* The name at position k of word w: its code (k = 0) or an alias. */
static const char *name_at(const word *w, size_t k)
{
	return k ? w->aliases[k - 1] : w->code;
}

/* A code or alias names one value of its list ("none" is never a code of
 * a list that has a none value: it is that value's spelling in rules.xml). */
static void check_unique(gen_diag *d, const list *l)
{
	size_t i, j, k, m;

	for (i = 0; i < l->n; i++)
		for (k = 0; k <= l->words[i].naliases; k++) {
			const char *a = name_at(&l->words[i], k);

			if (!a)
				continue;
			if (l->none && strcmp(a, "none") == 0)
				diag(d, l->words[i].line, "list %s: 'none' is its value 0, not a code", l->name);
			for (j = i; j < l->n; j++)
				for (m = j == i ? k + 1 : 0; m <= l->words[j].naliases; m++) {
					const char *b = name_at(&l->words[j], m);

					if (b && strcmp(a, b) == 0)
						diag(d, l->words[j].line, "list %s: '%s' names two values", l->name, a);
				}
		}
}

static void read_list(gen_diag *d, vocabulary *v, xmlNodePtr el)
{
	static const char *const list_attrs[] = {"name", "enum", "values", "none", "type", NULL};
	list *l = &v->lists[v->n];
	char *values;
	xmlNodePtr c;
	size_t i, cap = 0;

	memset(l, 0, sizeof *l);
	l->line = xmlGetLineNo(el);
	check_attributes(d, el, list_attrs);
	check_no_text(d, el);
	l->name = required_attr(d, el, "name");
	l->prefix = required_attr(d, el, "enum");
	l->none = get_attr(el, "none");
	l->type = get_attr(el, "type");
	values = required_attr(d, el, "values");
	if (values && strcmp(values, "bits") == 0)
		l->bits = 1;
	else if (values && strcmp(values, "index") != 0)
		diag(d, l->line, "values '%s': expected index or bits", values);
	free(values);
	if (l->name && !valid_code(l->name))
		diag(d, l->line, "list name '%s': use lower-case words joined by '-'", l->name);
	if (l->bits && (l->none || l->type))
		diag(d, l->line, "a bits list has neither none nor type (its values are sets)");
	for (i = 0; i < v->n; i++)
		if (l->name && v->lists[i].name && strcmp(l->name, v->lists[i].name) == 0)
			diag(d, l->line, "list '%s' twice (first at line %ld)", l->name, v->lists[i].line);

	for (c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "word") != 0 || !in_ns(c, VOCAB_NS)) {
			diag(d, xmlGetLineNo(c), "unexpected element <%s>; expected <word>", (const char *)c->name);
			continue;
		}
		if (l->n == cap) {
			cap = cap ? cap * 2 : 16;
			l->words = realloc(l->words, cap * sizeof *l->words);
			if (!l->words) {
				fputs("gen_catalog: out of memory\n", stderr);
				exit(1);
			}
		}
		read_word(d, l, c);
	}
	if (l->n == 0)
		diag(d, l->line, "list '%s' has no <word>", l->name ? l->name : "?");
	check_unique(d, l);
	if (l->bits && l->n > MAX_BITS)
		diag(d, l->line, "list '%s': %zu values, but a set holds at most %d", l->name, l->n, MAX_BITS);
	v->n++;
}

void vocab_free(vocabulary *v)
{
	size_t i, j, k;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		list *l = &v->lists[i];

		for (j = 0; j < l->n; j++) {
			word *w = &l->words[j];

			free(w->code);
			free(w->word[0]);
			free(w->word[1]);
			free(w->cite);
			for (k = 0; k < w->naliases; k++)
				free(w->aliases[k]);
			free(w->aliases);
		}
		free(l->words);
		free(l->name);
		free(l->prefix);
		free(l->none);
		free(l->type);
	}
	free(v->lists);
	free(v);
}

vocabulary *vocab_read(gen_diag *d)
{
	static const char *const no_attrs[] = {NULL};
	xmlDocPtr doc = gen_parse(d);
	xmlNodePtr root, c;
	vocabulary *v;
	size_t cap = 0, i;

	if (!doc)
		return NULL;
	v = xmalloc(sizeof *v);
	memset(v, 0, sizeof *v);
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "vocabulary") != 0 || !in_ns(root, VOCAB_NS)) {
		diag(d, root ? xmlGetLineNo(root) : 1, "the root must be <vocabulary xmlns=\"%s\">", VOCAB_NS);
		goto done;
	}
	check_attributes(d, root, no_attrs);
	check_no_text(d, root);
	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "list") != 0 || !in_ns(c, VOCAB_NS)) {
			diag(d, xmlGetLineNo(c), "unexpected element <%s>; expected <list>", (const char *)c->name);
			continue;
		}
		if (v->n == cap) {
			cap = cap ? cap * 2 : 16;
			v->lists = realloc(v->lists, cap * sizeof *v->lists);
			if (!v->lists) {
				fputs("gen_catalog: out of memory\n", stderr);
				exit(1);
			}
		}
		read_list(d, v, c);
	}
	for (i = 0; i < COUNT(required_lists); i++) {
		size_t k;
		int found = 0;

		for (k = 0; k < v->n; k++)
			found |= v->lists[k].name && strcmp(v->lists[k].name, required_lists[i]) == 0;
		if (!found)
			diag(d, xmlGetLineNo(root), "the vocabulary needs a list '%s'", required_lists[i]);
	}
done:
	xmlFreeDoc(doc);
	if (d->errors) {
		vocab_free(v);
		return NULL;
	}
	return v;
}

static const list *find_list(const vocabulary *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->lists[i].name, name) == 0)
			return &v->lists[i];
	return NULL;
}

int vocab_value(const vocabulary *v, const char *name, const char *code)
{
	const list *l = find_list(v, name);
	size_t i;

	if (!l)
		return -1;
	if (l->none && strcmp(code, "none") == 0)
		return 0;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->words[i].code, code) == 0)
			return (int)i + (l->none ? 1 : 0);
	return -1;
}

void vocab_emit_const(buf *b, const vocabulary *v, const char *name, int pos)
{
	const list *l = find_list(v, name);

	if (l->none && pos == 0)
		emit_const(b, l->prefix, "none");
	else
		emit_const(b, l->prefix, l->words[pos - (l->none ? 1 : 0)].code);
}

/* "topic" -> "TOPIC" / "party-kind" -> "party_kind" */
static void emit_ident(buf *b, const char *s, int upper)
{
	for (; *s; s++) {
		char c = *s == '-' ? '_' : upper && *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;

		buf_add(b, &c, 1);
	}
}

void vocab_emit_header(buf *b, const vocabulary *v)
{
	size_t i, j;

	buf_puts(b, "/* The vocabulary (models/vocabulary.xml): one enumeration per list. */\n");
	for (i = 0; i < v->n; i++) {
		const list *l = &v->lists[i];

		buf_printf(b, "%senum {\n", l->type ? "typedef " : "");
		if (l->none)
			buf_printf(b, "\t%s_NONE = 0,\n", l->prefix);
		for (j = 0; j < l->n; j++) {
			buf_puts(b, "\t");
			emit_const(b, l->prefix, l->words[j].code);
			if (l->bits)
				buf_printf(b, " = 1u << %zu", j);
			else if (l->none && j == 0)
				buf_puts(b, " = 1");
			buf_printf(b, ",%s/* %s */\n", " ", l->words[j].code);
		}
		buf_printf(b, "}%s%s;\n", l->type ? " " : "", l->type ? l->type : "");
		buf_printf(b, "#define %s__COUNT %zu /* values, \"none\" aside */\n\n", l->prefix, l->n);
	}
	buf_puts(b, "/* The lists, for ms_word() and ms_code(). */\ntypedef enum {\n");
	for (i = 0; i < v->n; i++) {
		buf_puts(b, "\tMS_W_");
		emit_ident(b, v->lists[i].name, 1);
		buf_puts(b, ",\n");
	}
	buf_puts(b, "\tMS_W__COUNT\n} ms_word_kind;\n\n");
	buf_puts(b,
	         "/* One value of a list: its code as model.md spells it, its word in\n"
	         " * English and Japanese (NULL for an alias, which only the loader reads)\n"
	         " * and the guideline place that defines it (or NULL). */\n"
	         "typedef struct {\n"
	         "\tconst char *name;\n"
	         "\tunsigned value;\n"
	         "\tconst char *word[2]; /* index 0 = en, 1 = ja */\n"
	         "\tconst char *cite;\n"
	         "} ms_enum;\n\n"
	         "/* Each list's values in order, then its aliases; {NULL} ends it. */\n");
	for (i = 0; i < v->n; i++) {
		buf_puts(b, "extern const ms_enum ms_enum_");
		emit_ident(b, v->lists[i].name, 0);
		buf_puts(b, "[];\n");
	}
	buf_puts(b,
	         "\n/* The code of `value` in list `kind` (for a bits list, one bit), or\n"
	         " * NULL when it has none. Static string. */\n"
	         "const char *ms_code(ms_word_kind kind, unsigned value);\n"
	         "/* The word users see for it in `lang`, or NULL. Static string. */\n"
	         "const char *ms_word(ms_word_kind kind, unsigned value, medscope_lang lang);\n"
	         "/* The terse views (terminal tables, diff and impact text): the code in\n"
	         " * English, which readers grep and look up, the word in Japanese. */\n"
	         "const char *ms_label(ms_word_kind kind, unsigned value, medscope_lang lang);\n"
	         "/* The guideline place that defines it (\"FAQ 1 (1)\"), or NULL. */\n"
	         "const char *ms_word_cite(ms_word_kind kind, unsigned value);\n\n");
}

void vocab_emit_source(buf *b, const vocabulary *v)
{
	size_t i, j, k;

	for (i = 0; i < v->n; i++) {
		const list *l = &v->lists[i];

		buf_puts(b, "const ms_enum ms_enum_");
		emit_ident(b, l->name, 0);
		buf_puts(b, "[] = {\n");
		for (j = 0; j < l->n; j++) {
			const word *w = &l->words[j];

			buf_puts(b, "\t{");
			emit_string(b, w->code, "\t\t");
			buf_puts(b, ", ");
			emit_const(b, l->prefix, w->code);
			buf_puts(b, ",\n\t\t{");
			emit_string(b, w->word[0], "\t\t\t");
			buf_puts(b, ",\n\t\t\t");
			emit_string(b, w->word[1], "\t\t\t");
			buf_puts(b, "},\n\t\t");
			emit_string(b, w->cite, "\t\t");
			buf_puts(b, "},\n");
		}
		for (j = 0; j < l->n; j++)
			for (k = 0; k < l->words[j].naliases; k++) {
				buf_puts(b, "\t{");
				emit_string(b, l->words[j].aliases[k], "\t\t");
				buf_puts(b, ", ");
				emit_const(b, l->prefix, l->words[j].code);
				buf_puts(b, ", {NULL, NULL}, NULL},\n");
			}
		buf_puts(b, "\t{NULL, 0, {NULL, NULL}, NULL}\n};\n\n");
	}
	buf_puts(b, "static const ms_enum *const lists[MS_W__COUNT] = {\n");
	for (i = 0; i < v->n; i++) {
		buf_puts(b, "\tms_enum_");
		emit_ident(b, v->lists[i].name, 0);
		buf_puts(b, ",\n");
	}
	buf_puts(b, "};\n\n");
	buf_puts(b, "/* Lists are short (16 values at most): a scan is enough. Aliases have\n"
	            " * no word and come last, so the first match is the value's own entry. */\n"
	            "static const ms_enum *entry(ms_word_kind kind, unsigned value)\n"
	            "{\n"
	            "\tconst ms_enum *e;\n"
	            "\n"
	            "\tif ((unsigned)kind >= MS_W__COUNT)\n"
	            "\t\treturn NULL;\n"
	            "\tfor (e = lists[kind]; e->name; e++)\n"
	            "\t\tif (e->value == value)\n"
	            "\t\t\treturn e;\n"
	            "\treturn NULL;\n"
	            "}\n\n"
	            "const char *ms_code(ms_word_kind kind, unsigned value)\n"
	            "{\n"
	            "\tconst ms_enum *e = entry(kind, value);\n"
	            "\n"
	            "\treturn e ? e->name : NULL;\n"
	            "}\n\n"
	            "const char *ms_word(ms_word_kind kind, unsigned value, medscope_lang lang)\n"
	            "{\n"
	            "\tconst ms_enum *e = entry(kind, value);\n"
	            "\n"
	            "\treturn e ? e->word[lang == MEDSCOPE_LANG_JA] : NULL;\n"
	            "}\n\n"
	            "const char *ms_label(ms_word_kind kind, unsigned value, medscope_lang lang)\n"
	            "{\n"
	            "\treturn lang == MEDSCOPE_LANG_JA ? ms_word(kind, value, lang) : ms_code(kind, value);\n"
	            "}\n\n"
	            "const char *ms_word_cite(ms_word_kind kind, unsigned value)\n"
	            "{\n"
	            "\tconst ms_enum *e = entry(kind, value);\n"
	            "\n"
	            "\treturn e ? e->cite : NULL;\n"
	            "}\n\n");
}
