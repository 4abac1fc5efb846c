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
	ms_json_set(model, "file", json_string(a->model->file), &oom);
	ms_json_set(o, "model", model, &oom);
	ms_json_set(o, "asOf", json_string(a->as_of_text), &oom);
	ms_json_set(o, "asOfSource", json_string(a->as_of_source), &oom);
	ms_json_set(o, "guideline", json_string(ms_rules_guideline), &oom);
	ms_json_set(summary, "errors", json_integer((json_int_t)a->counts[MS_SEV_ERROR]), &oom);
	ms_json_set(summary, "warnings", json_integer((json_int_t)a->counts[MS_SEV_WARNING]), &oom);
	ms_json_set(summary, "notes", json_integer((json_int_t)a->counts[MS_SEV_NOTE]), &oom);
	ms_json_set(o, "summary", summary, &oom);
	return ms_json_done(o, oom);
}

/* The one artifact, the model file. */
static json_t *artifacts(const char *uri)
{
	int oom = 0;
	json_t *arr = json_array();
	ms_json_push(arr, ms_sarif_artifact(uri, &oom), &oom);
	return ms_json_done(arr, oom);
}

medscope_status ms_emit_sarif(FILE *out, const medscope_analysis *a,
                              const medscope_emit_options *opts)
{
	ms_jw w;
	ms_buf uri = MS_BUF_INIT, scratch = MS_BUF_INIT;
	medscope_lang lang = opts->lang;
	int index[MS_RULE__COUNT];
	medscope_status s;

	ms_jw_init(&w, out);
	ms_sarif_artifact_uri(&uri, a->model->file);
	if (uri.oom) {
		s = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	if ((s = ms_sarif_begin(&w, lang, index, &scratch)) != MEDSCOPE_OK ||
	    (s = ms_sarif_run(&w, artifacts(ms_buf_cstr(&uri)), run_properties(a), lang)) !=
	        MEDSCOPE_OK)
		goto cleanup;
	for (size_t i = 0; i < a->findings.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &a->findings.v[i];
		s = ms_sarif_result_item(
		    &w, ms_sarif_result(a, f, index[f->rule], ms_buf_cstr(&uri), 0, lang, &scratch));
	}
	if (s == MEDSCOPE_OK)
		s = ms_sarif_end(&w);
cleanup:
	ms_buf_free(&uri);
	ms_buf_free(&scratch);
	return s;
}
