/*
 * SARIF 2.1.0 for CI (cli.md, SARIF section): one run whose tool.driver is
 * medscope with the catalog's agreement and finding rules, and one result
 * per finding, pointing into the model file (physical location) and at the
 * element concerned (logical location, an XPath-like name).
 *
 * partialFingerprints["medscope/v1"] hashes the rule code, the element and
 * the ids involved, never a line number: moving an element in the file
 * keeps the fingerprint, so code scanning does not report the finding as
 * new. Only scope and ownership codes are left out of rules[]: they are
 * conclusions, never results.
 *
 * Streamed like the JSON report: the skeleton is written here, each rule
 * and each result is built as a small json_t, dumped by jansson (which does
 * all string escaping) and freed at once. The rule and result objects come
 * from sarif_common.c, which `medscope diff --format sarif` shares, so that
 * code scanning matches the results of both.
 */
#include <jansson.h>
#include <string.h>

#include "emit/sarif_common.h"

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* ---- writing ----------------------------------------------------------- */

typedef struct {
	FILE *f;
	unsigned indent;
} writer;

/* jansson escapes newlines inside strings, so every '\n' it writes is
 * structural and takes the extra indentation of the nesting depth. */
static int write_indented(const char *buf, size_t size, void *data)
{
	writer *w = data;
	while (size) {
		const char *nl = memchr(buf, '\n', size);
		size_t n = nl ? (size_t)(nl - buf) + 1 : size;
		if (fwrite(buf, 1, n, w->f) != n)
			return -1;
		if (nl)
			for (unsigned i = 0; i < w->indent; i++)
				if (fputc(' ', w->f) == EOF)
					return -1;
		buf += n;
		size -= n;
	}
	return 0;
}

/* Dump `v` (its reference is taken over) at `indent` columns; NULL means
 * building it ran out of memory. */
static medscope_status dump(writer *w, json_t *v, unsigned indent)
{
	if (!v)
		return MEDSCOPE_ERR_NOMEM;
	w->indent = indent;
	int r = json_dump_callback(v, write_indented, w,
	                           JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	json_decref(v);
	if (r != 0)
		return ferror(w->f) ? MEDSCOPE_ERR_IO : MEDSCOPE_ERR_NOMEM;
	return MEDSCOPE_OK;
}

/* ---- building ---------------------------------------------------------- */

static void set(json_t *o, const char *key, json_t *v, int *oom)
{
	if (json_object_set_new(o, key, v) != 0)
		*oom = 1;
}

static void push(json_t *arr, json_t *v, int *oom)
{
	if (json_array_append_new(arr, v) != 0)
		*oom = 1;
}

static json_t *done(json_t *o, int oom)
{
	if (oom) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ---- the log ----------------------------------------------------------- */

static json_t *run_properties(const medscope_analysis *a)
{
	int oom = 0;
	json_t *o = json_object(), *model = json_object(), *summary = json_object();
	set(model, "name", json_string(a->model->name), &oom);
	set(model, "file", json_string(a->model->file), &oom);
	set(o, "model", model, &oom);
	set(o, "asOf", json_string(a->as_of_text), &oom);
	set(o, "asOfSource", json_string(a->as_of_source), &oom);
	set(o, "guideline", json_string(ms_rules_guideline), &oom);
	set(summary, "errors", json_integer((json_int_t)a->counts[MS_SEV_ERROR]), &oom);
	set(summary, "warnings", json_integer((json_int_t)a->counts[MS_SEV_WARNING]), &oom);
	set(summary, "notes", json_integer((json_int_t)a->counts[MS_SEV_NOTE]), &oom);
	set(o, "summary", summary, &oom);
	return done(o, oom);
}

static json_t *artifacts(const char *uri)
{
	int oom = 0;
	json_t *arr = json_array(), *art = json_object(), *loc = json_object(), *roles = json_array();
	set(loc, "uri", json_string(uri), &oom);
	set(art, "location", loc, &oom);
	push(roles, json_string("analysisTarget"), &oom);
	set(art, "roles", roles, &oom);
	set(art, "mimeType", json_string("application/xml"), &oom);
	set(art, "encoding", json_string("UTF-8"), &oom);
	push(arr, art, &oom);
	return done(arr, oom);
}

medscope_status ms_emit_sarif(FILE *out, const medscope_analysis *a,
                              const medscope_emit_options *opts)
{
	writer w = {out, 0};
	ms_buf uri = MS_BUF_INIT, scratch = MS_BUF_INIT;
	medscope_lang lang = opts->lang;
	const char *language = lang == MEDSCOPE_LANG_JA ? "ja-JP" : "en-US";
	int index[MS_RULE__COUNT], nrules = 0;
	medscope_status s = MEDSCOPE_OK;

	ms_sarif_artifact_uri(&uri, a->model->file);
	if (uri.oom) {
		s = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	fputs("{\n  \"$schema\": \"" SARIF_SCHEMA "\",\n  \"version\": \"2.1.0\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"medscope\",\n"
	      "          \"fullName\": \"medscope " MEDSCOPE_VERSION_STRING "\",\n"
	      "          \"version\": \"" MEDSCOPE_VERSION_STRING "\",\n"
	      "          \"semanticVersion\": \"" MEDSCOPE_VERSION_STRING "\",\n",
	      out);
	fprintf(out, "          \"language\": \"%s\",\n          \"rules\": [", language);
	for (unsigned i = 0; i < MS_RULE__COUNT && s == MEDSCOPE_OK; i++) {
		index[i] = -1;
		if (!ms_sarif_reported(i))
			continue;
		fputs(nrules ? ",\n            " : "\n            ", out);
		index[i] = nrules++;
		s = dump(&w, ms_sarif_rule(i, lang, &scratch), 12);
	}
	if (s != MEDSCOPE_OK)
		goto cleanup;
	fputs(nrules ? "\n          ]\n        }\n      },\n" : "]\n        }\n      },\n", out);
	fputs("      \"artifacts\": ", out);
	if ((s = dump(&w, artifacts(ms_buf_cstr(&uri)), 6)) != MEDSCOPE_OK)
		goto cleanup;
	fprintf(out, ",\n      \"language\": \"%s\",\n      \"columnKind\": \"unicodeCodePoints\",\n"
	             "      \"properties\": ",
	        language);
	if ((s = dump(&w, run_properties(a), 6)) != MEDSCOPE_OK)
		goto cleanup;
	fputs(",\n      \"results\": [", out);
	for (size_t i = 0; i < a->findings.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &a->findings.v[i];
		fputs(i ? ",\n        " : "\n        ", out);
		s = dump(&w, ms_sarif_result(a, f, index[f->rule], ms_buf_cstr(&uri), 0, lang, &scratch),
		         8);
	}
	if (s != MEDSCOPE_OK)
		goto cleanup;
	fputs(a->findings.n ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n", out);
	if (ferror(out))
		s = MEDSCOPE_ERR_IO;
cleanup:
	ms_buf_free(&uri);
	ms_buf_free(&scratch);
	return s;
}
