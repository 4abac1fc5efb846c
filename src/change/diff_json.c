/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `medscope diff --format json`: the medscope-diff/1 document. Its parts
 * follow the report's (cli.md): element changes, then scope, ownership,
 * required agreements and findings, each side ("old"/"new") shaped like
 * the report's object for it, null where that side has none. Streamed one
 * element at a time; arrays in the diff's order, so the same two models
 * always give byte-identical output.
 */
#include "change/diff.h"
#include "emit/jsonw.h"

static json_t *elem_object(const medscope_diff *d, const ms_elem_change *e)
{
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "kind", json_string(ms_elem_kind_name(e->kind)), &oom);
	ms_json_set(o, "id", json_string(e->key), &oom);
	ms_json_set(o, "change", json_string(ms_change_name(e->change)), &oom);
	if (e->change == MS_CHANGE_CHANGED) {
		json_t *attrs = json_array();
		for (uint32_t k = 0; k < e->nattr; k++) {
			const ms_attr_change *a = &d->attrs.v[e->attr_off + k];
			json_t *ao = json_object();
			ms_json_set(ao, "name", json_string(a->name), &oom);
			ms_json_set(ao, "old", ms_json_str_or_null(a->old_value), &oom);
			ms_json_set(ao, "new", ms_json_str_or_null(a->new_value), &oom);
			ms_json_push(attrs, ao, &oom);
		}
		ms_json_set(o, "attributes", attrs, &oom);
	}
	return ms_json_done(o, oom);
}

/* A party's standing as the report shows it (rules.md §1). */
static json_t *standing(const medscope_analysis *a, uint32_t p, int *oom)
{
	if (p == MS_NONE)
		return json_null();
	const ms_party_scope *sc = &a->scope[p];
	json_t *o = json_object(), *reasons = json_array();
	ms_json_set(o, "in_scope", json_boolean(sc->in_scope), oom);
	ms_json_set(o, "category",
	            ms_json_str_or_null(sc->in_scope ? ms_code(MS_W_CATEGORY, sc->category) : NULL), oom);
	for (uint32_t r = 0; r < sc->nreasons; r++) {
		const ms_reason *rs = &a->reasons.v[sc->reason_off + r];
		json_t *ro = json_object();
		ms_json_set(ro, "code", json_string(ms_rules[rs->rule].code), oom);
		ms_json_set(ro, "cite", json_string(ms_rules[rs->rule].cite_key), oom);
		ms_json_set(ro, "via", ms_json_sym_ids(a, rs->via, oom), oom);
		ms_json_push(reasons, ro, oom);
	}
	ms_json_set(o, "reasons", reasons, oom);
	return o;
}

static json_t *scope_object(const medscope_diff *d, const ms_scope_change *s)
{
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "party", json_string(s->key), &oom);
	ms_json_set(o, "change", json_string(ms_scope_change_name(s->change)), &oom);
	ms_json_set(o, "old", standing(d->old_a, s->old_party, &oom), &oom);
	ms_json_set(o, "new", standing(d->new_a, s->new_party, &oom), &oom);
	return ms_json_done(o, oom);
}

static json_t *entry(const medscope_analysis *a, uint32_t i, int *oom)
{
	if (i == MS_NONE)
		return json_null();
	return ms_json_ownership(a, &a->ownership.v[i], MS_JOWN_VIA, oom);
}

static json_t *owner_object(const medscope_diff *d, const ms_own_change *c)
{
	int oom = 0;
	const medscope_analysis *a = c->new_entry != MS_NONE ? d->new_a : d->old_a;
	const ms_ownership *e = &a->ownership.v[c->new_entry != MS_NONE ? c->new_entry : c->old_entry];
	json_t *o = json_object(), *what = json_array();
	ms_json_set(o, "system", json_string(a->model->systems.v[e->system].id), &oom);
	ms_json_set(o, "facility", json_string(a->model->parties.v[e->facility].id), &oom);
	ms_json_set(o, "change", json_string(ms_change_name(c->change)), &oom);
	if (c->what & MS_OWN_OWNER)
		ms_json_push(what, json_string("owner"), &oom);
	if (c->what & MS_OWN_BASIS)
		ms_json_push(what, json_string("basis"), &oom);
	if (c->what & MS_OWN_CONSIDERED)
		ms_json_push(what, json_string("considered_by"), &oom);
	ms_json_set(o, "changed", what, &oom);
	ms_json_set(o, "old", entry(d->old_a, c->old_entry, &oom), &oom);
	ms_json_set(o, "new", entry(d->new_a, c->new_entry, &oom), &oom);
	return ms_json_done(o, oom);
}

static json_t *req_side(const medscope_analysis *a, uint32_t i, int *oom)
{
	if (i == MS_NONE)
		return json_null();
	const ms_requirement *r = &a->requirements.v[i];
	const medscope_model *m = a->model;
	int present = r->satisfied_by != MS_NONE;
	json_t *o = json_object(), *by = json_array();
	ms_json_set(o, "status", json_string(present ? "present" : "missing"), oom);
	if (present)
		ms_json_push(by, json_string(m->agreements.v[r->satisfied_by].id), oom);
	for (uint32_t k = 0; k < r->satisfied_all.n; k++) {
		uint32_t g = MS_APOOL(a, r->satisfied_all, k);
		if (g != r->satisfied_by)
			ms_json_push(by, json_string(m->agreements.v[g].id), oom);
	}
	ms_json_set(o, "satisfied_by", by, oom);
	ms_json_set(o, "systems", ms_json_index_ids(a, r->systems, 0, oom), oom);
	ms_json_set(o, "severity", json_string(medscope_severity_name((medscope_severity)r->severity)),
	            oom);
	return o;
}

static json_t *req_object(const medscope_diff *d, const ms_req_change *c)
{
	int oom = 0;
	const medscope_analysis *a = c->new_req != MS_NONE ? d->new_a : d->old_a;
	const ms_requirement *r = &a->requirements.v[c->new_req != MS_NONE ? c->new_req : c->old_req];
	json_t *o = json_object(), *parties = json_array(), *what = json_array();
	ms_json_set(o, "code", json_string(ms_rules[r->rule].code), &oom);
	for (unsigned k = 0; k < r->nparties && k < 3; k++)
		ms_json_push(parties, json_string(a->model->parties.v[r->parties[k]].id), &oom);
	ms_json_set(o, "parties", parties, &oom);
	ms_json_set(o, "topic", json_string(ms_code(MS_W_TOPIC, r->topic)), &oom);
	ms_json_set(o, "via",
	            ms_json_str_or_null(r->contract == MS_NONE ? NULL : ms_sym_name(a->model, r->contract)),
	            &oom);
	ms_json_set(o, "change", json_string(ms_req_change_name(c->change)), &oom);
	if (c->what & MS_REQ_SYSTEMS)
		ms_json_push(what, json_string("systems"), &oom);
	if (c->what & MS_REQ_SATISFIED_BY)
		ms_json_push(what, json_string("satisfied_by"), &oom);
	if (c->what & MS_REQ_SEVERITY)
		ms_json_push(what, json_string("severity"), &oom);
	ms_json_set(o, "changed", what, &oom);
	ms_json_set(o, "old", req_side(d->old_a, c->old_req, &oom), &oom);
	ms_json_set(o, "new", req_side(d->new_a, c->new_req, &oom), &oom);
	return ms_json_done(o, oom);
}

/* A finding as the report shows it, with its state first. */
static json_t *finding(const medscope_analysis *a, const ms_finding *f, const char *state,
                       medscope_lang lang, ms_buf *msg)
{
	json_t *fo = ms_json_finding(a, f, lang, msg);
	int oom = !fo;
	json_t *o = json_object();
	ms_json_set(o, "state", json_string(state), &oom);
	if (fo && json_object_update(o, fo) != 0)
		oom = 1;
	json_decref(fo);
	return ms_json_done(o, oom);
}

static json_t *summary(const medscope_diff *d)
{
	int oom = 0;
	json_t *o = json_object(), *f = json_object(), *in = json_object();
	ms_json_set(o, "model_changes", json_integer((json_int_t)d->elems.n), &oom);
	ms_json_set(o, "scope_changes", json_integer((json_int_t)d->scope.n), &oom);
	ms_json_set(o, "ownership_changes", json_integer((json_int_t)d->owners.n), &oom);
	ms_json_set(o, "agreement_changes", json_integer((json_int_t)d->reqs.n), &oom);
	ms_json_set(f, "new", json_integer((json_int_t)d->nstate[MS_BASE_NEW]), &oom);
	ms_json_set(f, "updated", json_integer((json_int_t)d->nstate[MS_BASE_UPDATED]), &oom);
	ms_json_set(f, "unchanged", json_integer((json_int_t)d->nstate[MS_BASE_UNCHANGED]), &oom);
	ms_json_set(f, "resolved", json_integer((json_int_t)d->nstate[MS_BASE_ABSENT]), &oom);
	/* Only when some suppression changed, so that diffs of models without
	 * exceptions keep their shape. */
	if (d->nsupp[MS_SUPP_NOW] || d->nsupp[MS_SUPP_NO_LONGER]) {
		ms_json_set(f, "now_suppressed", json_integer((json_int_t)d->nsupp[MS_SUPP_NOW]), &oom);
		ms_json_set(f, "no_longer_suppressed", json_integer((json_int_t)d->nsupp[MS_SUPP_NO_LONGER]),
		            &oom);
	}
	ms_json_set(o, "findings", f, &oom);
	/* New and updated findings per severity: what --fail-on looks at. */
	ms_json_set(in, "errors", json_integer((json_int_t)d->introduced[MS_SEV_ERROR]), &oom);
	ms_json_set(in, "warnings", json_integer((json_int_t)d->introduced[MS_SEV_WARNING]), &oom);
	ms_json_set(in, "notes", json_integer((json_int_t)d->introduced[MS_SEV_NOTE]), &oom);
	if (d->introduced_suppressed)
		ms_json_set(in, "suppressed", json_integer((json_int_t)d->introduced_suppressed), &oom);
	ms_json_set(o, "introduced", in, &oom);
	return ms_json_done(o, oom);
}

medscope_status ms_emit_diff_json(FILE *out, const medscope_diff *d, const medscope_emit_options *opts)
{
	const medscope_analysis *na = d->new_a, *oa = d->old_a;
	ms_jw w;
	ms_buf msg = MS_BUF_INIT;
	medscope_status s;
	ms_jw_begin(&w, out);
	s = ms_jw_member(&w, "format", json_string("medscope-diff/1"));
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "old", ms_json_model(oa));
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "new", ms_json_model(na));
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "model");
	for (size_t i = 0; i < d->elems.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, elem_object(d, &d->elems.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "scope");
	for (size_t i = 0; i < d->scope.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, scope_object(d, &d->scope.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "ownership");
	for (size_t i = 0; i < d->owners.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, owner_object(d, &d->owners.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "agreements");
	for (size_t i = 0; i < d->reqs.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, req_object(d, &d->reqs.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "findings");
	for (size_t i = 0; i < na->findings.n && s == MEDSCOPE_OK; i++) {
		json_t *o = finding(na, &na->findings.v[i], ms_baseline_name(d->state[i]), opts->lang, &msg);
		if (o && d->state[i] == MS_BASE_UPDATED) {
			int oom = 0;
			ms_json_set(o, "was", ms_json_finding(oa, &oa->findings.v[d->match[i]], opts->lang, &msg),
			            &oom);
			o = ms_json_done(o, oom);
		}
		if (o && d->supp[i] != MS_SUPP_SAME) {
			/* rules.md §5: accepted now, or no longer; `suppressed` says by what. */
			int oom = 0;
			ms_json_set(o, "suppression", json_string(ms_supp_change_name(d->supp[i])), &oom);
			if (d->supp[i] == MS_SUPP_NO_LONGER) {
				uint32_t x = oa->findings.v[d->match[i]].exception;
				ms_json_set(o, "was_suppressed",
				            ms_json_suppression(oa, &oa->model->exceptions.v[x], &oom), &oom);
			}
			o = ms_json_done(o, oom);
		}
		s = ms_jw_item(&w, o);
	}
	for (size_t i = 0; i < d->resolved.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, finding(oa, &oa->findings.v[d->resolved.v[i]], "resolved", opts->lang, &msg));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "summary", summary(d));
	ms_buf_free(&msg);
	return ms_jw_end(&w, s);
}
