/* SPDX-License-Identifier: Apache-2.0 */
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
 * Streamed like the JSON report (jsonw.h): each rule and each result is
 * built as a small json_t, dumped by jansson (which does all string
 * escaping) and freed at once. The skeleton, the rule and the result
 * objects come from sarif_common.c, which `medscope diff --format sarif`
 * shares, so that code scanning matches the results of both.
 */
#include "emit/sarif_common.h"

static json_t *run_properties(const medscope_analysis *a)
{
	int oom = 0;
	json_t *o = json_object(), *model = json_object(), *summary = json_object();
	ms_json_set(model, "name", json_string(a->model->name), &oom);
	ms_json_set(model, "file", ms_json_file(a->model), &oom);
	ms_json_set(o, "model", model, &oom);
	ms_json_set(o, "asOf", json_string(a->as_of_text), &oom);
	ms_json_set(o, "asOfSource", json_string(a->as_of_source), &oom);
	ms_json_set(o, "guideline", json_string(ms_rules_guideline), &oom);
	ms_json_set(summary, "errors", json_integer((json_int_t)a->counts[MS_SEV_ERROR]), &oom);
	ms_json_set(summary, "warnings", json_integer((json_int_t)a->counts[MS_SEV_WARNING]), &oom);
	ms_json_set(summary, "notes", json_integer((json_int_t)a->counts[MS_SEV_NOTE]), &oom);
	if (a->suppressed)
		ms_json_set(summary, "suppressed", json_integer((json_int_t)a->suppressed), &oom);
	ms_json_set(o, "summary", summary, &oom);
	return ms_json_done(o, oom);
}

/* The model (`uri` NULL when it is not a file), then its parts. */
static json_t *artifacts(const char *uri, const medscope_model *m, const ms_sarif_parts *parts,
                         medscope_lang lang)
{
	int oom = 0;
	json_t *arr = json_array();
	ms_json_push(arr, ms_sarif_artifact(uri, m->file_text, lang, &oom), &oom);
	ms_sarif_parts_artifacts(arr, parts, m, lang, &oom);
	return ms_json_done(arr, oom);
}

medscope_status ms_emit_sarif(FILE *out, const medscope_analysis *a,
                              const medscope_emit_options *opts)
{
	ms_jw w;
	ms_buf uri_buf = MS_BUF_INIT, id = MS_BUF_INIT, scratch = MS_BUF_INIT;
	medscope_lang lang = opts->lang;
	int index[MS_RULE__COUNT];
	medscope_status s;
	ms_sarif_cap cap;
	ms_sarif_parts parts;

	if (ms_sarif_parts_init(&parts, a->model, 1) < 0)
		return MEDSCOPE_ERR_NOMEM;
	ms_jw_init(&w, out);
	const char *uri = ms_sarif_artifact_uri(&uri_buf, a->model->file) ? ms_buf_cstr(&uri_buf) : NULL;
	ms_sarif_automation_id(&id, "check", uri);
	if (uri_buf.oom || id.oom) {
		s = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	size_t count[4] = {0};
	ms_sarif_count(a, count);
	ms_sarif_cap_init(&cap, count, opts->max_results);
	if ((s = ms_sarif_begin(&w, lang, index, &scratch)) != MEDSCOPE_OK ||
	    (s = ms_sarif_run(&w, ms_buf_cstr(&id), artifacts(uri, a->model, &parts, lang),
	                      run_properties(a), &cap, lang)) != MEDSCOPE_OK)
		goto cleanup;
	for (size_t i = 0; i < a->findings.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &a->findings.v[i];
		if (ms_sarif_cap_keep(&cap, f->severity))
			s = ms_sarif_result_stream(&w, a, f, index[f->rule], uri, 0, &parts, lang, &scratch);
	}
	if (s == MEDSCOPE_OK)
		s = ms_sarif_end(&w);
cleanup:
	ms_sarif_parts_free(&parts);
	ms_buf_free(&uri_buf);
	ms_buf_free(&id);
	ms_buf_free(&scratch);
	return s;
}
