/*
 * The pieces of SARIF 2.1.0 that `medscope report --format sarif` and
 * `medscope diff --format sarif` must write identically, so that code
 * scanning matches the results of both: the rules[] descriptors, the
 * artifact URI, the result object and its partialFingerprints (rule code,
 * element and ids, never a line), and the skeleton of the log around them.
 * The artifact index is a parameter (diff points resolved findings into
 * OLD's file); tests/unit/test_diff.c checks that both emitters agree.
 */
#include <jansson.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit/sarif_common.h"

/* {"text": s} */
static json_t *text_object(const char *s, int *oom)
{
	json_t *o = json_object();
	ms_json_set(o, "text", json_string(s), oom);
	if (!o)
		*oom = 1;
	return o;
}

int ms_sarif_reported(unsigned rule)
{
	return ms_rules[rule].kind == MS_KIND_AGREEMENT || ms_rules[rule].kind == MS_KIND_FINDING;
}

/* "missing-demarcation" -> "MissingDemarcation", the rule's readable name. */
static void pascal_case(ms_buf *b, const char *code)
{
	int up = 1;
	for (; *code; code++) {
		if (*code == '-') {
			up = 1;
			continue;
		}
		char c = *code;
		ms_buf_putc(b, up && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
		up = 0;
	}
}

/* One reportingDescriptor: the rule, its help and its guideline citation. */
json_t *ms_sarif_rule(unsigned i, medscope_lang lang, ms_buf *scratch)
{
	const ms_rule *r = &ms_rules[i];
	int ja = lang == MEDSCOPE_LANG_JA, oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "id", json_string(r->code), &oom);
	ms_buf_clear(scratch);
	pascal_case(scratch, r->code);
	ms_json_set(o, "name", json_string(ms_buf_cstr(scratch)), &oom);
	ms_json_set(o, "shortDescription", text_object(r->title[ja], &oom), &oom);
	ms_json_set(o, "fullDescription", text_object(r->help[ja], &oom), &oom);
	ms_buf_clear(scratch);
	ms_buf_printf(scratch, "%s\n\n%s%s「%s」", r->help[ja], ja ? "根拠: " : "Citation: ", r->cite_key,
	              r->cite_quote);
	if (scratch->oom)
		oom = 1;
	ms_json_set(o, "help", text_object(ms_buf_cstr(scratch), &oom), &oom);
	json_t *conf = json_object();
	ms_json_set(conf, "level", json_string(medscope_severity_name((medscope_severity)r->severity)),
	            &oom);
	ms_json_set(o, "defaultConfiguration", conf, &oom);
	json_t *props = json_object(), *tags = json_array();
	ms_json_push(tags, json_string("3省2ガイドライン"), &oom);
	ms_json_push(tags, json_string(r->kind == MS_KIND_AGREEMENT ? "agreement" : "finding"), &oom);
	if (r->topic)
		ms_json_push(tags, json_string(r->topic), &oom);
	ms_json_set(props, "tags", tags, &oom);
	ms_json_set(props, "cite", json_string(r->cite_key), &oom);
	ms_json_set(props, "quote", json_string(r->cite_quote), &oom);
	ms_json_set(props, "source", json_string(r->cite_source), &oom);
	ms_json_set(props, "basis", json_string(r->basis), &oom);
	ms_json_set(o, "properties", props, &oom);
	return ms_json_done(o, oom);
}

/* ---- locations --------------------------------------------------------- */

/* `path` as a URI reference: relative to the working directory when it
 * lies under it, else a file: URI. Every byte outside the unreserved set
 * and '/' is percent-encoded (spaces, Japanese names, ':'), so that the
 * result is a valid uri-reference. */
void ms_sarif_artifact_uri(ms_buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char cwd[PATH_MAX];
	if (path[0] == '/') {
		size_t n;
		if (getcwd(cwd, sizeof(cwd)) && (n = strlen(cwd)) > 1 && strncmp(path, cwd, n) == 0 &&
		    path[n] == '/')
			path += n + 1;
		else
			ms_buf_puts(b, "file://");
	}
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p)) {
			ms_buf_putc(b, (char)*p);
		} else {
			ms_buf_putc(b, '%');
			ms_buf_putc(b, hex[*p >> 4]);
			ms_buf_putc(b, hex[*p & 15]);
		}
	}
}

/* The XML element name of what a finding is about: a party's element is
 * named after its kind (model.md). NULL for <deployment>. */
static const char *element_name(const medscope_model *m, const ms_finding *f)
{
	if (f->element_sym == MS_NONE)
		return NULL;
	const ms_sym *sym = &m->syms.v[f->element_sym];
	switch (sym->kind) {
	case MS_SYM_PARTY:
		return ms_code(MS_W_PARTY_KIND, m->parties.v[sym->index].kind);
	case MS_SYM_SYSTEM:
		return "system";
	case MS_SYM_CONTRACT:
		return "contract";
	case MS_SYM_FLOW:
		return "flow";
	case MS_SYM_AGREEMENT:
		return "agreement";
	case MS_SYM_RISK:
		return "risk";
	default:
		return NULL;
	}
}

static json_t *logical_location(const medscope_model *m, const ms_finding *f, ms_buf *scratch,
                                int *oom)
{
	const char *el = element_name(m, f);
	json_t *o = json_object();
	ms_buf_clear(scratch);
	if (el) {
		const char *id = ms_sym_name(m, f->element_sym);
		/* ids are xs:ID (NCName, no quotes); the other quote is a safeguard. */
		char q = strchr(id, '\'') ? '"' : '\'';
		ms_buf_printf(scratch, "deployment/%s[@id=%c%s%c]", el, q, id, q);
		ms_json_set(o, "name", json_string(id), oom);
	} else {
		ms_buf_puts(scratch, "deployment");
		ms_json_set(o, "name", json_string("deployment"), oom);
	}
	if (scratch->oom)
		*oom = 1;
	ms_json_set(o, "fullyQualifiedName", json_string(ms_buf_cstr(scratch)), oom);
	ms_json_set(o, "kind", json_string("element"), oom);
	if (!o)
		*oom = 1;
	return o;
}

/* FNV-1a, 64 bits: a stable hash of the finding's identity. */
static uint64_t fnv(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ull;
	}
	/* A separator, so that "ab"+"c" and "a"+"bc" differ. */
	h ^= 0xff;
	h *= 0x100000001b3ull;
	return h;
}

/* Rule code, element and the ids involved: what the finding is about, not
 * where it is written. */
void ms_sarif_fingerprint(ms_buf *b, const medscope_analysis *a, const ms_finding *f)
{
	const medscope_model *m = a->model;
	uint64_t h = fnv(0xcbf29ce484222325ull, ms_rules[f->rule].code);
	h = fnv(h, f->element_sym == MS_NONE ? "deployment" : ms_sym_name(m, f->element_sym));
	for (uint32_t i = 0; i < f->subjects.n; i++)
		h = fnv(h, ms_sym_name(m, MS_APOOL(a, f->subjects, i)));
	ms_buf_printf(b, "%016llx", (unsigned long long)h);
}

json_t *ms_sarif_result(const medscope_analysis *a, const ms_finding *f, int rule_index,
                        const char *uri, int artifact_index, medscope_lang lang, ms_buf *scratch)
{
	const medscope_model *m = a->model;
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "ruleId", json_string(ms_rules[f->rule].code), &oom);
	if (rule_index >= 0)
		ms_json_set(o, "ruleIndex", json_integer(rule_index), &oom);
	ms_json_set(o, "level", json_string(medscope_severity_name((medscope_severity)f->severity)), &oom);
	ms_buf_clear(scratch);
	ms_finding_message(a, f, lang, scratch);
	if (scratch->oom)
		oom = 1;
	ms_json_set(o, "message", text_object(ms_buf_cstr(scratch), &oom), &oom);

	json_t *art = json_object();
	ms_json_set(art, "uri", json_string(uri), &oom);
	ms_json_set(art, "index", json_integer(artifact_index), &oom);
	json_t *phys = json_object();
	ms_json_set(phys, "artifactLocation", art, &oom);
	if (f->loc.line >= 1) {
		json_t *region = json_object();
		ms_json_set(region, "startLine", json_integer(f->loc.line), &oom);
		if (f->loc.col >= 1)
			ms_json_set(region, "startColumn", json_integer(f->loc.col), &oom);
		ms_json_set(phys, "region", region, &oom);
	}
	json_t *loc = json_object(), *logical = json_array();
	ms_json_set(loc, "physicalLocation", phys, &oom);
	ms_json_push(logical, logical_location(m, f, scratch, &oom), &oom);
	ms_json_set(loc, "logicalLocations", logical, &oom);
	json_t *locs = json_array();
	ms_json_push(locs, loc, &oom);
	ms_json_set(o, "locations", locs, &oom);

	ms_buf_clear(scratch);
	ms_sarif_fingerprint(scratch, a, f);
	json_t *fp = json_object();
	ms_json_set(fp, "medscope/v1", json_string(ms_buf_cstr(scratch)), &oom);
	ms_json_set(o, "partialFingerprints", fp, &oom);

	json_t *props = json_object();
	ms_json_set(props, "subjects", ms_json_sym_ids(a, f->subjects, &oom), &oom);
	ms_json_set(props, "cite", json_string(ms_rules[f->rule].cite_key), &oom);
	ms_json_set(o, "properties", props, &oom);
	return ms_json_done(o, oom);
}

/* ---- the log's skeleton ------------------------------------------------ */

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *language(medscope_lang lang)
{
	return lang == MEDSCOPE_LANG_JA ? "ja-JP" : "en-US";
}

medscope_status ms_sarif_begin(ms_jw *w, medscope_lang lang, int index[MS_RULE__COUNT],
                               ms_buf *scratch)
{
	FILE *out = w->f;
	medscope_status s = MEDSCOPE_OK;
	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"medscope\",\n"
	      "          \"fullName\": \"medscope " MEDSCOPE_VERSION_STRING "\",\n"
	      "          \"version\": \"" MEDSCOPE_VERSION_STRING "\",\n"
	      "          \"semanticVersion\": \"" MEDSCOPE_VERSION_STRING "\",\n",
	      out);
	fprintf(out, "          \"language\": \"%s\",\n          \"rules\": [", language(lang));
	w->nitems = 0;
	for (unsigned i = 0; i < MS_RULE__COUNT && s == MEDSCOPE_OK; i++) {
		index[i] = -1;
		if (!ms_sarif_reported(i))
			continue;
		index[i] = w->nitems;
		s = ms_jw_item_at(w, ms_sarif_rule(i, lang, scratch), 12);
	}
	if (s == MEDSCOPE_OK) {
		ms_jw_close_at(w, 10);
		fputs("\n        }\n      },\n", out);
	}
	return s;
}

json_t *ms_sarif_artifact(const char *uri, int *oom)
{
	json_t *art = json_object(), *loc = json_object(), *roles = json_array();
	ms_json_set(loc, "uri", json_string(uri), oom);
	ms_json_set(art, "location", loc, oom);
	ms_json_push(roles, json_string("analysisTarget"), oom);
	ms_json_set(art, "roles", roles, oom);
	ms_json_set(art, "mimeType", json_string("application/xml"), oom);
	ms_json_set(art, "encoding", json_string("UTF-8"), oom);
	if (!art)
		*oom = 1;
	return art;
}

medscope_status ms_sarif_run(ms_jw *w, json_t *artifacts, json_t *properties, medscope_lang lang)
{
	FILE *out = w->f;
	fputs("      \"artifacts\": ", out);
	medscope_status s = ms_jw_dump(w, artifacts, 6);
	if (s != MEDSCOPE_OK) {
		json_decref(properties);
		return s;
	}
	fprintf(out, ",\n      \"language\": \"%s\",\n      \"columnKind\": \"unicodeCodePoints\",\n"
	             "      \"properties\": ",
	        language(lang));
	if ((s = ms_jw_dump(w, properties, 6)) != MEDSCOPE_OK)
		return s;
	fputs(",\n      \"results\": [", out);
	w->nitems = 0;
	return MEDSCOPE_OK;
}

medscope_status ms_sarif_result_item(ms_jw *w, json_t *result)
{
	return ms_jw_item_at(w, result, 8);
}

medscope_status ms_sarif_end(ms_jw *w)
{
	ms_jw_close_at(w, 6);
	fputs("\n    }\n  ]\n}\n", w->f);
	return ferror(w->f) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
}
