/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `medscope diff --format sarif`: SARIF 2.1.0 whose results are NEW's
 * findings, each with a `baselineState` — "new", "unchanged" or "updated"
 * (same rule and subjects, another severity or message) — followed by OLD's
 * resolved findings as "absent", located in OLD's file. CI then shows only
 * what the change introduced. rules[], results and partialFingerprints are
 * written by the same code as the report's SARIF (sarif_common.c), so a
 * diff's result and a report's result for one finding are the same to code
 * scanning.
 */
#include <string.h>

#include "change/diff.h"
#include "emit/jsonw.h"
#include "emit/sarif_common.h"

/* Whether OLD and NEW are the same file, and so one artifact. Two models
 * that are not files (NULL) are two artifacts: `diff <(git show
 * main:m.xml) -` reads two different things. */
static int same_file(const char *new_uri, const char *old_uri)
{
	return new_uri && old_uri && strcmp(new_uri, old_uri) == 0;
}

/* NEW's model first (index 0), then OLD's unless it is the same file,
 * then NEW's parts and OLD's (a split model), each in file order. */
static json_t *artifacts(const medscope_diff *d, const char *new_uri, const char *old_uri,
                         const ms_sarif_parts *new_parts, const ms_sarif_parts *old_parts,
                         medscope_lang lang)
{
	int oom = 0;
	json_t *arr = json_array();
	ms_json_push(arr, ms_sarif_artifact(new_uri, d->new_a->model->file_text, lang, &oom), &oom);
	if (!same_file(new_uri, old_uri))
		ms_json_push(arr, ms_sarif_artifact(old_uri, d->old_a->model->file_text, lang, &oom), &oom);
	ms_sarif_parts_artifacts(arr, new_parts, d->new_a->model, lang, &oom);
	ms_sarif_parts_artifacts(arr, old_parts, d->old_a->model, lang, &oom);
	return ms_json_done(arr, oom);
}

static json_t *model_props(const medscope_analysis *a)
{
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "file", ms_json_file(a->model), &oom);
	ms_json_set(o, "name", json_string(a->model->name), &oom);
	ms_json_set(o, "asOf", json_string(a->as_of_text), &oom);
	ms_json_set(o, "asOfSource", json_string(a->as_of_source), &oom);
	return ms_json_done(o, oom);
}

static json_t *run_properties(const medscope_diff *d)
{
	int oom = 0;
	json_t *o = json_object(), *summary = json_object();
	ms_json_set(o, "model", model_props(d->new_a), &oom);
	ms_json_set(o, "baseline", model_props(d->old_a), &oom);
	ms_json_set(o, "guideline", json_string(ms_rules_guideline), &oom);
	for (unsigned st = 0; st < 4; st++)
		ms_json_set(summary, ms_baseline_name(st), json_integer((json_int_t)d->nstate[st]), &oom);
	ms_json_set(o, "baselineStates", summary, &oom);
	return ms_json_done(o, oom);
}

/* The report's result for `f`, with its baseline state, and when an
 * exception began or stopped suppressing it, properties.suppression
 * ("now-suppressed", "no-longer-suppressed"). The baseline state ignores
 * suppression: an accepted result is still the same result (SARIF 3.27.24,
 * 3.35), and suppressions[] says it is accepted. */
static json_t *result(const medscope_analysis *a, const ms_finding *f, const int *index,
                      const char *uri, int artifact_index, const ms_sarif_parts *parts,
                      unsigned state, unsigned supp, medscope_lang lang, ms_buf *scratch)
{
	json_t *o = ms_sarif_result(a, f, index[f->rule], uri, artifact_index, parts, lang, scratch);
	if (o && json_object_set_new(o, "baselineState", json_string(ms_baseline_name(state))) != 0) {
		json_decref(o);
		return NULL;
	}
	if (!o || supp == MS_SUPP_SAME)
		return o;
	json_t *props = json_object_get(o, "properties");
	if (!props || json_object_set_new(props, "suppression", json_string(ms_supp_change_name(supp))) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

medscope_status ms_emit_diff_sarif(FILE *out, const medscope_diff *d, const medscope_emit_options *opts)
{
	const medscope_analysis *na = d->new_a, *oa = d->old_a;
	ms_jw w;
	ms_buf new_buf = MS_BUF_INIT, old_buf = MS_BUF_INIT, id = MS_BUF_INIT, scratch = MS_BUF_INIT;
	medscope_lang lang = opts->lang;
	int index[MS_RULE__COUNT];
	medscope_status s;
	ms_sarif_cap cap;
	size_t count[4] = {0};
	ms_sarif_parts new_parts = {0}, old_parts = {0};

	ms_jw_init(&w, out);
	const char *new_uri = ms_sarif_artifact_uri(&new_buf, na->model->file) ? ms_buf_cstr(&new_buf) : NULL;
	const char *old_uri = ms_sarif_artifact_uri(&old_buf, oa->model->file) ? ms_buf_cstr(&old_buf) : NULL;
	ms_sarif_automation_id(&id, "diff", new_uri);
	if (new_buf.oom || old_buf.oom || id.oom) {
		s = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	int old_index = !same_file(new_uri, old_uri);
	if (ms_sarif_parts_init(&new_parts, na->model, old_index + 1) < 0 ||
	    ms_sarif_parts_init(&old_parts, oa->model, old_index + 1 + (int)new_parts.n) < 0) {
		s = MEDSCOPE_ERR_NOMEM;
		goto cleanup;
	}
	/* The results are NEW's findings and OLD's resolved ones; the limit
	 * ranks them all by severity, in the order written below. */
	ms_sarif_count(na, count);
	for (size_t i = 0; i < d->resolved.n; i++)
		count[oa->findings.v[d->resolved.v[i]].severity]++;
	ms_sarif_cap_init(&cap, count, opts->max_results);
	if ((s = ms_sarif_begin(&w, lang, index, &scratch)) != MEDSCOPE_OK ||
	    (s = ms_sarif_run(&w, ms_buf_cstr(&id), artifacts(d, new_uri, old_uri, &new_parts, &old_parts, lang),
	                      run_properties(d), &cap, lang)) != MEDSCOPE_OK)
		goto cleanup;
	for (size_t i = 0; i < na->findings.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &na->findings.v[i];
		if (ms_sarif_cap_keep(&cap, f->severity))
			s = ms_sarif_result_item(
			    &w, result(na, f, index, new_uri, 0, &new_parts, d->state[i], d->supp[i], lang, &scratch));
	}
	for (size_t i = 0; i < d->resolved.n && s == MEDSCOPE_OK; i++) {
		const ms_finding *f = &oa->findings.v[d->resolved.v[i]];
		if (ms_sarif_cap_keep(&cap, f->severity))
			s = ms_sarif_result_item(
			    &w, result(oa, f, index, old_uri, old_index, &old_parts, MS_BASE_ABSENT, MS_SUPP_SAME, lang,
			               &scratch));
	}
	if (s == MEDSCOPE_OK)
		s = ms_sarif_end(&w);
cleanup:
	ms_sarif_parts_free(&new_parts);
	ms_sarif_parts_free(&old_parts);
	ms_buf_free(&new_buf);
	ms_buf_free(&old_buf);
	ms_buf_free(&id);
	ms_buf_free(&scratch);
	return s;
}
