/* SPDX-License-Identifier: Apache-2.0 */
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
#include <sys/stat.h>
#include <unistd.h>

#include "emit/sarif_common.h"
#include "util/lang.h"

/* {"text": s} */
static void js_text(ms_js *js, const char *s)
{
	ms_js_obj(js);
	ms_js_key(js, "text");
	ms_js_str(js, s);
	ms_js_close(js);
}

static json_t *text_object(const char *s, int *oom)
{
	ms_js js;
	ms_js_build(&js);
	js_text(&js, s);
	json_t *o = ms_js_result(&js);
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
	/* The cited document's public page, where the catalog knows one. */
	if (r->help_uri)
		ms_json_set(o, "helpUri", json_string(r->help_uri), &oom);
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
	/* The document title: the catalog's source keys are file names users never see. */
	ms_json_set(props, "document", json_string(r->cite_document), &oom);
	ms_json_set(props, "basis", json_string(r->basis[ja]), &oom);
	ms_json_set(o, "properties", props, &oom);
	return ms_json_done(o, oom);
}

/* ---- locations --------------------------------------------------------- */

/* `path` as a URI reference: relative to the working directory when it
 * lies under it, else a file: URI. Every byte outside the unreserved set
 * and '/' is percent-encoded (spaces, Japanese names, ':'), so that the
 * result is a valid uri-reference. Only regular files: the loader read the
 * model through this very name, so stat() sees what it read; /dev/fd/63
 * leads to a pipe, "<stdin>" to nothing. Names under /dev and /proc are
 * never files to reopen even when they lead to one (`/dev/fd/3 3<m.xml`,
 * /dev/stdin redirected from a file): the descriptor is gone after the run. */
int ms_sarif_artifact_uri(ms_buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char cwd[PATH_MAX];
	struct stat st;
	if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return 0;
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
	return 1;
}

void ms_sarif_automation_id(ms_buf *b, const char *command, const char *uri)
{
	ms_buf_printf(b, "medscope/%s/%s/", command, uri ? uri : "-");
}

/* ---- --max-results ----------------------------------------------------- */

void ms_sarif_cap_init(ms_sarif_cap *c, const size_t count[4], size_t max)
{
	memset(c, 0, sizeof(*c));
	c->max = max;
	for (unsigned sev = 0; sev < 4; sev++)
		c->total += count[sev];
	c->room = SIZE_MAX;
	if (max == 0 || c->total <= max)
		return;
	/* Fill `max` from the highest severity down; the severity that does
	 * not fit whole is the threshold, those below it are all left out. */
	size_t left = max;
	unsigned sev = 4;
	while (sev-- > 0 && count[sev] <= left)
		left -= count[sev];
	c->threshold = sev;
	c->room = left;
	c->omitted_by[sev] = count[sev] - left;
	while (sev-- > 0)
		c->omitted_by[sev] = count[sev];
	c->omitted = c->total - max;
}

int ms_sarif_cap_keep(ms_sarif_cap *c, unsigned severity)
{
	if (severity > c->threshold)
		return 1;
	if (severity < c->threshold || c->room == 0)
		return 0;
	c->room--;
	return 1;
}

/* run.invocations: the run succeeded, and the notification says how many
 * results the limit left out and of which levels, in the log's language
 * (GitHub shows tool notifications on the analysis' status page). */
static json_t *invocations(const ms_sarif_cap *cap, medscope_lang lang, int *oom)
{
	ms_buf text = MS_BUF_INIT;
	const size_t *by = cap->omitted_by;
	if (lang == MEDSCOPE_LANG_JA)
		ms_buf_printf(&text,
		              "結果が %zu 件あり、上限 %zu 件 (--max-results) を超えるため %zu 件を省きました "
		              "(error %zu 件、warning %zu 件、note %zu 件)。重大度の高いものから、同じ重大度では"
		              "先に書かれるものから残しています。すべての指摘は JSON 形式 (--format json) "
		              "で確認できます。",
		              cap->total, cap->max, cap->omitted, by[MS_SEV_ERROR], by[MS_SEV_WARNING],
		              by[MS_SEV_NOTE]);
	else
		ms_buf_printf(&text,
		              "%zu results, more than the limit of %zu (--max-results): %zu left out "
		              "(error: %zu, warning: %zu, note: %zu). The highest severities are kept, and "
		              "within one severity the first written. The JSON format (--format json) "
		              "lists every finding.",
		              cap->total, cap->max, cap->omitted, by[MS_SEV_ERROR], by[MS_SEV_WARNING],
		              by[MS_SEV_NOTE]);
	if (text.oom)
		*oom = 1;
	json_t *note = json_object(), *desc = json_object(), *props = json_object(),
	       *sev = json_object();
	ms_json_set(desc, "id", json_string("max-results"), oom);
	ms_json_set(note, "descriptor", desc, oom);
	ms_json_set(note, "level", json_string("warning"), oom);
	ms_json_set(note, "message", text_object(ms_buf_cstr(&text), oom), oom);
	ms_json_set(props, "maxResults", json_integer((json_int_t)cap->max), oom);
	ms_json_set(props, "results", json_integer((json_int_t)cap->total), oom);
	ms_json_set(props, "omitted", json_integer((json_int_t)cap->omitted), oom);
	ms_json_set(sev, "error", json_integer((json_int_t)by[MS_SEV_ERROR]), oom);
	ms_json_set(sev, "warning", json_integer((json_int_t)by[MS_SEV_WARNING]), oom);
	ms_json_set(sev, "note", json_integer((json_int_t)by[MS_SEV_NOTE]), oom);
	ms_json_set(props, "omittedByLevel", sev, oom);
	ms_json_set(note, "properties", props, oom);
	ms_buf_free(&text);
	json_t *inv = json_object(), *notes = json_array(), *arr = json_array();
	ms_json_set(inv, "executionSuccessful", json_true(), oom);
	ms_json_push(notes, note, oom);
	ms_json_set(inv, "toolExecutionNotifications", notes, oom);
	ms_json_push(arr, inv, oom);
	if (!arr)
		*oom = 1;
	return arr;
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
	case MS_SYM_EXCEPTION:
		return "exception";
	default:
		return NULL;
	}
}

static void logical_location(ms_js *s, const medscope_model *m, const ms_finding *f,
                             ms_buf *scratch)
{
	const char *el = element_name(m, f);
	const char *name = "deployment";
	ms_buf_clear(scratch);
	if (el) {
		name = ms_sym_name(m, f->element_sym);
		/* ids are xs:ID (NCName, no quotes); the other quote is a safeguard. */
		char q = strchr(name, '\'') ? '"' : '\'';
		ms_buf_printf(scratch, "deployment/%s[@id=%c%s%c]", el, q, name, q);
	} else {
		ms_buf_puts(scratch, "deployment");
	}
	if (scratch->oom)
		s->oom = 1;
	ms_js_obj(s);
	ms_js_key(s, "name");
	ms_js_str(s, name);
	ms_js_key(s, "fullyQualifiedName");
	ms_js_str(s, ms_buf_cstr(scratch));
	ms_js_key(s, "kind");
	ms_js_str(s, "element");
	ms_js_close(s);
}

void ms_sarif_count(const medscope_analysis *a, size_t count[4])
{
	for (size_t i = 0; i < a->findings.n; i++)
		count[a->findings.v[i].severity & 3]++;
}

/* A physicalLocation at (line, col) of artifact `artifact_index`. */
static void physical_location(ms_js *s, const char *uri, int artifact_index, ms_loc at)
{
	ms_js_obj(s);
	ms_js_key(s, "artifactLocation");
	ms_js_obj(s);
	if (uri) {
		ms_js_key(s, "uri");
		ms_js_str(s, uri);
	}
	ms_js_key(s, "index");
	ms_js_int(s, artifact_index);
	ms_js_close(s);
	if (at.line >= 1) {
		ms_js_key(s, "region");
		ms_js_obj(s);
		ms_js_key(s, "startLine");
		ms_js_int(s, at.line);
		if (at.col >= 1) {
			ms_js_key(s, "startColumn");
			ms_js_int(s, at.col);
		}
		ms_js_close(s);
	}
	ms_js_close(s);
}

int ms_sarif_parts_init(ms_sarif_parts *p, const medscope_model *m, int index0)
{
	p->n = m->files.n > 1 ? m->files.n - 1 : 0;
	p->index0 = index0;
	p->uri = p->n ? calloc(p->n, sizeof(*p->uri)) : NULL;
	if (p->n && !p->uri)
		return -1;
	for (size_t k = 0; k < p->n; k++) {
		ms_buf b = MS_BUF_INIT;
		int file = ms_sarif_artifact_uri(&b, m->files.v[k + 1].path);
		if (file && !b.oom)
			p->uri[k] = strdup(ms_buf_cstr(&b));
		bool failed = file && (b.oom || !p->uri[k]);
		ms_buf_free(&b);
		if (failed) {
			ms_sarif_parts_free(p);
			return -1;
		}
	}
	return 0;
}

void ms_sarif_parts_free(ms_sarif_parts *p)
{
	for (size_t k = 0; k < p->n && p->uri; k++)
		free(p->uri[k]);
	free(p->uri);
	p->uri = NULL;
	p->n = 0;
}

void ms_sarif_parts_artifacts(json_t *arr, const ms_sarif_parts *p, const medscope_model *m,
                              medscope_lang lang, int *oom)
{
	for (size_t k = 0; k < p->n; k++)
		ms_json_push(arr, ms_sarif_artifact(p->uri[k], m->files.v[k + 1].text, lang, oom), oom);
}

/* A physicalLocation at `at`, in the main file's artifact or in its part's. */
static void location_in(ms_js *s, const char *uri, int artifact_index, const ms_sarif_parts *parts,
                        ms_loc at)
{
	if (at.file > 0 && parts && at.file - 1 < parts->n)
		physical_location(s, parts->uri[at.file - 1], parts->index0 + (int)at.file - 1, at);
	else
		physical_location(s, uri, artifact_index, at);
}

/* suppressions[] of a suppressed finding: the exception written in the
 * model is an in-source suppression the facility accepted (SARIF 3.35). */
static void suppressions(ms_js *s, const medscope_analysis *a, const ms_finding *f,
                         const char *uri, int artifact_index, const ms_sarif_parts *parts)
{
	const ms_exception *x = &a->model->exceptions.v[f->exception];
	ms_js_arr(s);
	ms_js_obj(s);
	ms_js_key(s, "kind");
	ms_js_str(s, "inSource");
	ms_js_key(s, "status");
	ms_js_str(s, "accepted");
	ms_js_key(s, "justification");
	ms_js_str(s, x->reason);
	ms_js_key(s, "location");
	ms_js_obj(s);
	ms_js_key(s, "physicalLocation");
	location_in(s, uri, artifact_index, parts, x->loc);
	ms_js_close(s);
	ms_js_key(s, "properties");
	ms_js_suppression(s, a, x);
	ms_js_close(s);
	ms_js_close(s);
}

void ms_sarif_result_js(ms_js *s, const medscope_analysis *a, const ms_finding *f, int rule_index,
                        const char *uri, int artifact_index, const ms_sarif_parts *parts,
                        medscope_lang lang, ms_buf *scratch)
{
	const medscope_model *m = a->model;
	ms_js_obj(s);
	ms_js_key(s, "ruleId");
	ms_js_str(s, ms_rules[f->rule].code);
	if (rule_index >= 0) {
		ms_js_key(s, "ruleIndex");
		ms_js_int(s, rule_index);
	}
	ms_js_key(s, "level");
	ms_js_str(s, medscope_severity_name((medscope_severity)f->severity));
	ms_buf_clear(scratch);
	ms_finding_message(a, f, lang, scratch);
	if (scratch->oom)
		s->oom = 1;
	ms_js_key(s, "message");
	js_text(s, ms_buf_cstr(scratch));

	ms_js_key(s, "locations");
	ms_js_arr(s);
	ms_js_obj(s);
	ms_js_key(s, "physicalLocation");
	location_in(s, uri, artifact_index, parts, f->loc);
	ms_js_key(s, "logicalLocations");
	ms_js_arr(s);
	logical_location(s, m, f, scratch);
	ms_js_close(s);
	ms_js_close(s);
	ms_js_close(s);

	char id[MS_FINGERPRINT_SIZE];
	ms_finding_fingerprint(id, a, f);
	ms_js_key(s, "partialFingerprints");
	ms_js_obj(s);
	ms_js_key(s, "medscope/v1");
	ms_js_str(s, id);
	ms_js_close(s);
	if (f->exception != MS_NONE) {
		ms_js_key(s, "suppressions");
		suppressions(s, a, f, uri, artifact_index, parts);
	}

	ms_js_key(s, "properties");
	ms_js_obj(s);
	ms_js_key(s, "subjects");
	ms_js_sym_ids(s, a, f->subjects);
	ms_js_key(s, "cite");
	ms_js_str(s, ms_rules[f->rule].cite_key);
	ms_js_close(s);
	ms_js_close(s);
}

json_t *ms_sarif_result(const medscope_analysis *a, const ms_finding *f, int rule_index,
                        const char *uri, int artifact_index, const ms_sarif_parts *parts,
                        medscope_lang lang, ms_buf *scratch)
{
	ms_js s;
	ms_js_build(&s);
	ms_sarif_result_js(&s, a, f, rule_index, uri, artifact_index, parts, lang, scratch);
	return ms_js_result(&s);
}

/* ---- the log's skeleton ------------------------------------------------ */

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *language(medscope_lang lang)
{
	return MS_L(lang, "en-US", "ja-JP");
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

json_t *ms_sarif_artifact(const char *uri, const char *path, medscope_lang lang, int *oom)
{
	json_t *art = json_object(), *roles = json_array();
	if (uri) {
		json_t *loc = json_object();
		ms_json_set(loc, "uri", json_string(uri), oom);
		ms_json_set(art, "location", loc, oom);
	} else {
		ms_buf text = MS_BUF_INIT;
		ms_buf_printf(&text,
		              MS_L(lang, "The model read from %s (not a file, so no location)",
		                   "%s から読み込んだモデル (ファイルではないため位置はありません)"),
		              path);
		if (text.oom)
			*oom = 1;
		ms_json_set(art, "description", text_object(ms_buf_cstr(&text), oom), oom);
		ms_buf_free(&text);
	}
	ms_json_push(roles, json_string("analysisTarget"), oom);
	ms_json_set(art, "roles", roles, oom);
	ms_json_set(art, "mimeType", json_string("application/xml"), oom);
	ms_json_set(art, "encoding", json_string("UTF-8"), oom);
	if (!art)
		*oom = 1;
	return art;
}

medscope_status ms_sarif_run(ms_jw *w, const char *automation_id, json_t *artifacts,
                             json_t *properties, const ms_sarif_cap *cap, medscope_lang lang)
{
	FILE *out = w->f;
	int oom = 0;
	json_t *auto_details = json_object();
	ms_json_set(auto_details, "id", json_string(automation_id), &oom);
	fputs("      \"automationDetails\": ", out);
	medscope_status s = ms_jw_dump(w, ms_json_done(auto_details, oom), 6);
	if (s == MEDSCOPE_OK && cap->omitted) {
		fputs(",\n      \"invocations\": ", out);
		json_t *inv = invocations(cap, lang, &oom);
		s = ms_jw_dump(w, ms_json_done(inv, oom), 6);
	}
	if (s == MEDSCOPE_OK) {
		fputs(",\n      \"artifacts\": ", out);
		s = ms_jw_dump(w, artifacts, 6);
	} else {
		json_decref(artifacts);
	}
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

medscope_status ms_sarif_result_stream(ms_jw *w, const medscope_analysis *a, const ms_finding *f,
                                       int rule_index, const char *uri, int artifact_index,
                                       const ms_sarif_parts *parts, medscope_lang lang,
                                       ms_buf *scratch)
{
	ms_js s;
	ms_jw_item_js(w, &s, 8);
	ms_sarif_result_js(&s, a, f, rule_index, uri, artifact_index, parts, lang, scratch);
	return ms_js_flush(&s);
}

medscope_status ms_sarif_end(ms_jw *w)
{
	ms_jw_close_at(w, 6);
	fputs("\n    }\n  ]\n}\n", w->f);
	return ferror(w->f) ? MEDSCOPE_ERR_IO : MEDSCOPE_OK;
}
