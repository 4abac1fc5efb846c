/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Attribute values by type: ids and references, enumerations and
 * booleans, dates, space-separated lists, strings; and the check of an
 * element's attributes against its table (schema.c).
 */
#include <string.h>

#include "load/schema.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/diags.h"
#include "util/suggest.h"

const char *ms_trim(const char *s, size_t *len)
{
	size_t n = *len;
	while (n && ms_is_space((unsigned char)*s))
		s++, n--;
	while (n && ms_is_space((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

static bool valid_id(const char *s, size_t len)
{
	if (len == 0)
		return false;
	unsigned char c = (unsigned char)s[0];
	if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'))
		return false;
	for (size_t i = 1; i < len; i++) {
		c = (unsigned char)s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

static const ms_enum *enum_find(const ms_enum *e, const char *s, size_t len)
{
	for (; e->name; e++)
		if (strncmp(e->name, s, len) == 0 && e->name[len] == '\0')
			return e;
	return NULL;
}

static void enum_list(const ms_enum *e, ms_buf *out)
{
	for (const ms_enum *f = e; f->name; f++) {
		if (f != e)
			ms_buf_puts(out, ", ");
		ms_buf_puts(out, f->name);
	}
}

static void bad_value(ms_report *r, el_kind el, const at_spec *spec, const char *v, size_t len,
                      const char *why_en, const char *why_ja)
{
	ms_buf b = MS_BUF_INIT;
	if (spec->values)
		enum_list(spec->values, &b);
	int shown = len > 80 ? 80 : (int)len;
	const char *hint = NULL;
	if (spec->values) {
		ms_suggest sg;
		ms_suggest_init(&sg, v, len);
		for (const ms_enum *e = spec->values; e->name; e++)
			ms_suggest_try(&sg, e->name);
		hint = ms_suggest_best(&sg);
	}
	if (hint)
		ms_report_error(r, r->loc,
		                MS_L(r->lang, "<%s>: attribute '%s': '%.*s' is not one of: %s; did you mean '%s'?",
		                     "<%s>: 属性 '%s' の値 '%.*s' は使えません (使える値: %s)。'%s' の誤りではありませんか?"),
		                ms_el_names[el], spec->name, shown, v, ms_buf_cstr(&b), hint);
	else if (spec->values)
		ms_report_error(r, r->loc,
		                MS_L(r->lang, "<%s>: attribute '%s': '%.*s' is not one of: %s",
		                     "<%s>: 属性 '%s' の値 '%.*s' は使えません。次のいずれかにしてください: %s"),
		                ms_el_names[el], spec->name, shown, v, ms_buf_cstr(&b));
	else
		ms_report_error(r, r->loc, MS_L(r->lang, "<%s>: attribute '%s': '%.*s' %s",
		                                "<%s>: 属性 '%s' の値 '%.*s' は%s"),
		                ms_el_names[el], spec->name, shown, v, MS_L(r->lang, why_en, why_ja));
	ms_buf_free(&b);
}

/* The next space-separated token of v[*i, len): returns where it starts
 * and moves *i past it (*i equals the start when none is left). */
static size_t next_token(const char *v, size_t len, size_t *i)
{
	while (*i < len && ms_is_space((unsigned char)v[*i]))
		++*i;
	size_t start = *i;
	while (*i < len && !ms_is_space((unsigned char)v[*i]))
		++*i;
	return start;
}

/* One id or reference: its symbol in *sym. Returns false after reporting
 * a malformed id or running out of memory. */
static bool parse_id(ms_report *r, el_kind el, const at_spec *spec, const char *v, size_t len,
                     uint32_t *sym)
{
	if (!valid_id(v, len)) {
		bad_value(r, el, spec, v, len, "is not a valid id ([A-Za-z_][A-Za-z0-9_.-]*)",
		          "id の形式 ([A-Za-z_][A-Za-z0-9_.-]*) ではありません");
		return false;
	}
	/* The ids come in the order they were gathered; one that does not
	 * (none should) is hashed here. */
	size_t k = r->ids.next;
	if (k < r->ids.n && r->ids.name[k] == v && r->ids.len[k] == len) {
		r->ids.next++;
		*sym = ms_sym_intern_hashed(r->m, v, len, r->ids.hash[k]);
	} else {
		*sym = ms_sym_intern(r->m, v, len);
	}
	if (*sym == MS_NONE) {
		ms_report_nomem(r);
		return false;
	}
	return true;
}

/* A string value, copied into the model's arena. Without entity
 * substitution (never turned on: it is what makes XXE possible), libxml2
 * keeps every '&' of an attribute value, written &amp; or &#38;, as the
 * five characters "&#38;" and has already replaced all other references;
 * a raw '&' cannot occur. */
static const char *parse_string(ms_report *r, const char *v, size_t len)
{
	char *copy = ms_arena_strndup(&r->m->arena, v, len);
	if (!copy) {
		ms_report_nomem(r);
		return NULL;
	}
	char *amp = memchr(copy, '&', len);
	if (amp) {
		char *w = amp;
		for (const char *p = amp; *p;) {
			if (strncmp(p, "&#38;", 5) == 0) {
				*w++ = '&';
				p += 5;
			} else {
				*w++ = *p++;
			}
		}
		*w = '\0';
	}
	return copy;
}

/* May an exception (model.md "Exceptions") name this rule? Only codes that
 * raise findings, and not the exceptions' own: an exception accepting
 * another's finding would make "is it used?" depend on itself. */
static bool acceptable_code(int rule)
{
	ms_rule_kind k = ms_rules[rule].kind;
	return (k == MS_KIND_AGREEMENT || k == MS_KIND_FINDING) &&
	       rule != MS_RULE_EXCEPTION_UNAPPROVED && rule != MS_RULE_EXCEPTION_EXPIRED &&
	       rule != MS_RULE_EXCEPTION_UNUSED;
}

/* A finding's rule code, with the nearest one as a hint when misspelt. */
static bool parse_code(ms_report *r, el_kind el, const at_spec *spec, const char *v, size_t len,
                       uint32_t *out)
{
	char code[80];
	int shown = len > 64 ? 64 : (int)len;
	int rule = -1;
	if (len < sizeof code) {
		memcpy(code, v, len);
		code[len] = '\0';
		rule = ms_rule_lookup(code);
	}
	if (rule >= 0 && acceptable_code(rule)) {
		*out = (uint32_t)rule;
		return true;
	}
	if (rule >= 0) {
		bool own = ms_rules[rule].kind == MS_KIND_FINDING;
		ms_report_error(r, r->loc,
		                MS_L(r->lang, "<%s>: attribute '%s': '%s' is %s, not a finding an exception can accept",
		                     "<%s>: 属性 '%s' の値 '%s' は%sであり、例外で受け入れられる指摘ではありません"),
		                ms_el_names[el], spec->name, code,
		                own ? MS_L(r->lang, "an exception's own finding", "例外自身の指摘")
		                    : MS_L(r->lang, "a scope or ownership reason", "対象範囲・責任の判定理由"));
		return false;
	}
	ms_suggest sg;
	ms_suggest_init(&sg, v, len);
	for (int i = 0; i < MS_RULE__COUNT; i++)
		if (acceptable_code(i))
			ms_suggest_try(&sg, ms_rules[i].code);
	const char *hint = ms_suggest_best(&sg);
	if (hint)
		ms_report_error(r, r->loc,
		                MS_L(r->lang, "<%s>: attribute '%s': '%.*s' is not a finding code; did you mean '%s'?",
		                     "<%s>: 属性 '%s' の値 '%.*s' は指摘のコードではありません。'%s' の誤りではありませんか?"),
		                ms_el_names[el], spec->name, shown, v, hint);
	else
		ms_report_error(r, r->loc,
		                MS_L(r->lang, "<%s>: attribute '%s': '%.*s' is not a finding code (see 'medscope rules')",
		                     "<%s>: 属性 '%s' の値 '%.*s' は指摘のコードではありません ('medscope rules' を参照)"),
		                ms_el_names[el], spec->name, shown, v);
	return false;
}

/* What a single-id attribute names, for "exactly one ..." (model.md). */
static const char *one_of_what(const ms_report *r, const at_spec *spec)
{
	static const char *const parties[] = {"client", "supplier", "selected-by", "owner", "provider", NULL};
	for (const char *const *p = parties; *p; p++)
		if (strcmp(spec->name, *p) == 0)
			return MS_L(r->lang, "exactly one party", "当事者を 1 つだけ");
	if (strcmp(spec->name, "system") == 0 || strcmp(spec->name, "ref") == 0)
		return MS_L(r->lang, "exactly one system", "システムを 1 つだけ");
	return MS_L(r->lang, "exactly one id", "id を 1 つだけ");
}

/* The usual slips, told as such instead of as a bad value: a list
 * written with commas (lists are space-separated), several ids where one
 * is taken. Returns true after reporting one. */
static bool list_slip(ms_report *r, el_kind el, const at_spec *spec, const char *v, size_t len)
{
	int shown = len > 80 ? 80 : (int)len;
	bool list = spec->type == AT_REFS || spec->type == AT_ENUMS;
	if (list && memchr(v, ',', len)) {
		char fixed[96];
		size_t n = 0;
		for (size_t i = 0; i < (size_t)shown && n + 1 < sizeof fixed; i++)
			if (v[i] != ',' || (n && fixed[n - 1] != ' '))
				fixed[n++] = v[i] == ',' ? ' ' : v[i];
		while (n && fixed[n - 1] == ' ')
			n--;
		fixed[n] = '\0';
		ms_report_error(r, r->loc,
		                MS_L(r->lang, "<%s>: attribute '%s': '%.*s': list values are separated by spaces, not commas (write '%s')",
		                     "<%s>: 属性 '%s' の値 '%.*s': 並びの値はカンマではなく空白で区切ります ('%s' と書いてください)"),
		                ms_el_names[el], spec->name, shown, v, fixed);
		return true;
	}
	if ((spec->type == AT_REF || spec->type == AT_ENUM) &&
	    (memchr(v, ' ', len) || memchr(v, '\t', len) || memchr(v, ',', len) || memchr(v, '\n', len))) {
		ms_report_error(r, r->loc,
		                MS_L(r->lang, "<%s>: attribute '%s': '%.*s': takes %s, not a list",
		                     "<%s>: 属性 '%s' の値 '%.*s': 並びではなく%s指定します"),
		                ms_el_names[el], spec->name, shown, v,
		                spec->type == AT_REF ? one_of_what(r, spec) : MS_L(r->lang, "exactly one value", "値を 1 つだけ"));
		return true;
	}
	return false;
}

/* Parse one attribute value (already whitespace-normalised by the XML
 * parser) by its type. */
static void parse_value(ms_report *r, el_kind el, const at_spec *spec, const char *v, size_t len,
                        at_val *out)
{
	medscope_model *m = r->m;
	out->present = true;
	if (spec->type == AT_STRING) {
		size_t tlen = len;
		if (spec->min_items && (ms_trim(v, &tlen), tlen == 0)) {
			ms_report_error(r, r->loc,
			                MS_L(r->lang, "<%s>: attribute '%s' must not be empty",
			                     "<%s>: 属性 '%s' を空にはできません"),
			                ms_el_names[el], spec->name);
			out->present = false;
			return;
		}
		out->s = parse_string(r, v, len);
		out->present = out->s != NULL;
		return;
	}
	/* Every other type is an xs:token or a list of them: collapse spaces. */
	v = ms_trim(v, &len);
	if (list_slip(r, el, spec, v, len)) {
		out->present = false;
		return;
	}
	switch (spec->type) {
	case AT_ID:
	case AT_REF:
		/* Not present after an error: the callers index the symbols with it. */
		out->present = parse_id(r, el, spec, v, len, &out->u);
		return;
	case AT_ENUM:
	case AT_BOOL: {
		const ms_enum *e = enum_find(spec->values, v, len);
		if (!e) {
			bad_value(r, el, spec, v, len, "", "");
			out->present = false;
			return;
		}
		out->u = e->value;
		return;
	}
	case AT_CODE:
		out->present = parse_code(r, el, spec, v, len, &out->u);
		return;
	case AT_DATE:
		if (ms_date_parse(v, len, &out->date) < 0) {
			bad_value(r, el, spec, v, len, "is not a date (YYYY-MM-DD)",
			          "日付 (YYYY-MM-DD) ではありません");
			out->present = false;
		}
		return;
	case AT_REFS:
	case AT_ENUMS: {
		/* Every bad value of the list is reported, not just the first. */
		uint32_t n = 0;
		bool bad = false;
		out->span.off = (uint32_t)m->pool.n;
		out->u = 0;
		size_t i = 0;
		while (i < len) {
			size_t start = next_token(v, len, &i);
			if (i == start)
				break;
			n++;
			if (spec->type == AT_ENUMS) {
				const ms_enum *e = enum_find(spec->values, v + start, i - start);
				if (!e) {
					bad_value(r, el, spec, v + start, i - start, "", "");
					bad = true;
					continue;
				}
				out->u |= e->value;
			} else {
				uint32_t s;
				if (!parse_id(r, el, spec, v + start, i - start, &s)) {
					if (r->oom)
						break;
					bad = true;
					continue;
				}
				uint32_t *slot = MS_VEC_PUSH(m->pool);
				if (!slot) {
					out->present = false;
					ms_report_nomem(r);
					return;
				}
				*slot = s;
			}
		}
		out->span.n = spec->type == AT_REFS ? n : 0;
		if (bad || r->oom) {
			out->present = false;
			return;
		}
		if (n < spec->min_items) {
			ms_report_error(r, r->loc,
			                MS_L(r->lang, "<%s>: attribute '%s' needs at least %u value(s), has %u",
			                     "<%s>: 属性 '%s' には %u 個以上の値が必要です (%u 個)"),
			                ms_el_names[el], spec->name, spec->min_items, n);
			out->present = false;
		}
		return;
	}
	default:
		return;
	}
}

/* Gather the space-separated ids of v[0, len) for ms_sym_prefetch(). */
static void gather_ids(ms_report *r, const char *v, size_t len)
{
	for (size_t i = 0; r->ids.n < 16;) {
		size_t start = next_token(v, len, &i);
		if (i == start)
			return;
		r->ids.name[r->ids.n] = v + start;
		r->ids.len[r->ids.n++] = i - start;
	}
}

/* xsi:schemaLocation and xsi:noNamespaceSchemaLocation on the root: how
 * editors bind models/deployment.xsd (docs/editor.md). Accepted and
 * ignored, as an XSD validator does; the other xsi attributes (type, nil)
 * would change what the document means, so they stay unknown. */
static bool is_schema_binding(el_kind el, const char *uri, const char *name)
{
	return el == EL_DEPLOYMENT && uri && strcmp(uri, MS_XSI_NS) == 0 &&
	       (strcmp(name, "schemaLocation") == 0 || strcmp(name, "noNamespaceSchemaLocation") == 0);
}

/* An attribute of another namespace than the model's (a tool's asset
 * number, xml:lang): accepted and ignored, as the XSD's ##other lax
 * wildcard has it (model.md "Extension and editor attributes"). Not the
 * xsi namespace: a validator acts on it. Unqualified unknown attributes
 * stay errors: they are typos of ours. */
static bool is_extension(const char *uri)
{
	return uri && strcmp(uri, MS_NS) != 0 && strcmp(uri, MS_XSI_NS) != 0;
}

bool ms_parse_attrs(ms_report *r, const ms_schema_names *names, el_kind el, int nb,
                    const xmlChar **attrs, at_val *vals)
{
	const at_spec *specs = ms_el_attrs[el];
	bool ok = true;
	size_t errors_before = ms_diag_errors(r->diags);
	memset(vals, 0, sizeof(*vals) * MAX_SPECS);
	/* Which spec each attribute is (-1: unknown), and a first look at the
	 * symbol-table slots of its ids, so that their misses overlap. */
	int8_t spec_of[MAX_SPECS];
	r->ids.n = r->ids.next = 0;
	for (int a = 0; a < nb && a < MAX_SPECS; a++) {
		int k = ms_schema_spec_index(names, el, attrs, a);
		spec_of[a] = (int8_t)k;
		if (k >= 0 && (specs[k].type == AT_ID || specs[k].type == AT_REF || specs[k].type == AT_REFS))
			gather_ids(r, (const char *)attrs[a * 5 + 3],
			           (size_t)(attrs[a * 5 + 4] - attrs[a * 5 + 3]));
	}
	ms_sym_prefetch(r->m, r->ids.name, r->ids.len, r->ids.hash, r->ids.n);
	for (int a = 0; a < nb; a++) {
		const char *name = (const char *)attrs[a * 5];
		const char *uri = (const char *)attrs[a * 5 + 2];
		const char *v = (const char *)attrs[a * 5 + 3];
		size_t len = (size_t)(attrs[a * 5 + 4] - attrs[a * 5 + 3]);
		/* More attributes than specs: some are unknown or repeated
		 * (libxml2 refuses those), so the slow path is fine. */
		int k = a < MAX_SPECS ? spec_of[a] : ms_schema_spec_index(names, el, attrs, a);
		if (k < 0 && (is_schema_binding(el, uri, name) || is_extension(uri)))
			continue;
		if (k < 0) {
			ms_buf b = MS_BUF_INIT;
			ms_suggest sg;
			ms_suggest_init(&sg, name, strlen(name));
			for (int i = 0; specs[i].name; i++) {
				if (i)
					ms_buf_puts(&b, ", ");
				ms_buf_puts(&b, specs[i].name);
				if (!uri)
					ms_suggest_try(&sg, specs[i].name);
			}
			const char *hint = ms_suggest_best(&sg);
			if (hint)
				ms_report_error(r, r->loc,
				                MS_L(r->lang, "<%s>: unknown attribute '%s'; did you mean '%s'? (allowed: %s)",
				                     "<%s>: 属性 '%s' は使えません。'%s' の誤りではありませんか? (使える属性: %s)"),
				                ms_el_names[el], name, hint, ms_buf_cstr(&b));
			else
				ms_report_error(r, r->loc,
				                MS_L(r->lang, "<%s>: unknown attribute '%s%s%s' (allowed: %s)",
				                     "<%s>: 属性 '%s%s%s' は使えません (使える属性: %s)"),
				                ms_el_names[el], uri ? (const char *)attrs[a * 5 + 1] : "",
				                uri ? ":" : "", name, ms_buf_cstr(&b));
			ms_buf_free(&b);
			ok = false;
			continue;
		}
		parse_value(r, el, &specs[k], v, len, &vals[k]);
	}
	for (int i = 0; specs[i].name; i++) {
		if (specs[i].required && !vals[i].present &&
		    ms_diag_errors(r->diags) == errors_before) {
			ms_report_error(r, r->loc,
			                MS_L(r->lang, "<%s>: missing required attribute '%s'",
			                     "<%s>: 必須の属性 '%s' がありません"),
			                ms_el_names[el], specs[i].name);
		}
	}
	r->ids.n = 0; /* the pointers are this start tag's */
	return ok && ms_diag_errors(r->diags) == errors_before;
}
