/* SPDX-License-Identifier: Apache-2.0 */
/*
 * `medscope impact --format json`: the medscope-impact/1 document — the
 * target, the affected systems with their depth and what they run on, the
 * facilities served, the ownership entries with the change-notification
 * agreement on each leg, the notification duties the agreements present
 * establish, every notification pair and the systems no agreement covers
 * for it. Streamed one element at a time, in the impact's (sorted) order.
 */
#include "change/impact.h"
#include "emit/jsonw.h"

static json_t *notice(const medscope_model *m, uint32_t g)
{
	if (g == MS_IMPACT_NA)
		return json_string("not-needed");
	return g == MS_NONE ? json_null() : json_string(m->agreements.v[g].id);
}

static json_t *target_object(const medscope_impact *im)
{
	const medscope_model *m = im->a->model;
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "id", json_string(ms_sym_name(m, im->target_sym)), &oom);
	if (im->target_kind == MS_SYM_PARTY) {
		const ms_party *p = &m->parties.v[im->target];
		ms_json_set(o, "kind", json_string(ms_code(MS_W_PARTY_KIND, p->kind)), &oom);
		ms_json_set(o, "name", json_string(p->name), &oom);
	} else {
		const ms_system *s = &m->systems.v[im->target];
		ms_json_set(o, "kind", json_string("system"), &oom);
		ms_json_set(o, "name", json_string(s->name), &oom);
	}
	return ms_json_done(o, oom);
}

static json_t *system_object(const medscope_impact *im, const ms_impact_system *is)
{
	const medscope_model *m = im->a->model;
	const ms_system *s = &m->systems.v[is->system];
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "id", json_string(s->id), &oom);
	ms_json_set(o, "name", json_string(s->name), &oom);
	ms_json_set(o, "provider",
	            ms_json_str_or_null(s->provider == MS_NONE ? NULL : m->parties.v[s->provider].id), &oom);
	ms_json_set(o, "layer", json_string(ms_code(MS_W_LAYER, s->layer)), &oom);
	ms_json_set(o, "depth", json_integer(is->depth), &oom);
	/* The affected system it runs on that reached it first (null for a root). */
	ms_json_set(o, "runs_on",
	            ms_json_str_or_null(is->parent == MS_NONE ? NULL : m->systems.v[is->parent].id), &oom);
	ms_json_set(o, "facilities", json_integer(is->nfacilities), &oom);
	return ms_json_done(o, oom);
}

static json_t *facility_object(const medscope_impact *im, uint32_t p)
{
	const ms_party *f = &im->a->model->parties.v[p];
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "id", json_string(f->id), &oom);
	ms_json_set(o, "kind", json_string(ms_code(MS_W_PARTY_KIND, f->kind)), &oom);
	ms_json_set(o, "name", json_string(f->name), &oom);
	return ms_json_done(o, oom);
}

static json_t *entry_object(const medscope_impact *im, size_t i)
{
	const medscope_analysis *a = im->a;
	const medscope_model *m = a->model;
	const ms_ownership *e = &a->ownership.v[im->entries.v[i]];
	int oom = 0;
	json_t *o = ms_json_ownership(a, e, MS_JOWN_SYSTEM | MS_JOWN_FACILITY, &oom), *n = json_object();
	ms_json_set(n, "provider_to_owner", notice(m, im->entry_po.v[i]), &oom);
	ms_json_set(n, "owner_to_facility", notice(m, im->entry_of.v[i]), &oom);
	ms_json_set(o, "change_notification", n, &oom);
	return ms_json_done(o, oom);
}

static json_t *duty_object(const medscope_impact *im, const ms_impact_duty *d)
{
	const medscope_model *m = im->a->model;
	const ms_agreement *g = &m->agreements.v[d->agreement];
	int oom = 0;
	json_t *o = json_object(), *to = json_array(), *covers = json_array();
	ms_json_set(o, "agreement", json_string(g->id), &oom);
	ms_json_set(o, "from", json_string(m->parties.v[d->from].id), &oom);
	for (uint32_t k = 0; k < g->parties.n; k++) {
		uint32_t p = MS_SPAN_AT(m, g->parties, k);
		if (p != d->from)
			ms_json_push(to, json_string(m->parties.v[p].id), &oom);
	}
	ms_json_set(o, "to", to, &oom);
	for (uint32_t k = 0; g->has_covers && k < g->covers.n; k++)
		ms_json_push(covers, json_string(m->systems.v[MS_SPAN_AT(m, g->covers, k)].id), &oom);
	ms_json_set(o, "covers", g->has_covers ? covers : json_null(), &oom);
	if (!g->has_covers)
		json_decref(covers);
	return ms_json_done(o, oom);
}

static json_t *pair_object(const medscope_impact *im, const ms_impact_pair *p)
{
	const medscope_model *m = im->a->model;
	int oom = 0;
	json_t *o = json_object(), *systems = json_array(), *uncovered = json_array();
	ms_json_set(o, "kind", json_string(ms_pair_kind_name(p->kind)), &oom);
	ms_json_set(o, "from", json_string(m->parties.v[p->from].id), &oom);
	ms_json_set(o, "to", json_string(m->parties.v[p->to].id), &oom);
	for (uint32_t k = 0; k < p->nlinks; k++) {
		const ms_impact_link *l = &im->links.v[p->link_off + k];
		ms_json_push(systems, json_string(m->systems.v[l->system].id), &oom);
		if (l->agreement == MS_NONE)
			ms_json_push(uncovered, json_string(m->systems.v[l->system].id), &oom);
	}
	ms_json_set(o, "systems", systems, &oom);
	ms_json_set(o, "agreement",
	            ms_json_str_or_null(p->agreement == MS_NONE ? NULL : m->agreements.v[p->agreement].id),
	            &oom);
	ms_json_set(o, "uncovered", uncovered, &oom);
	return ms_json_done(o, oom);
}

static json_t *summary(const medscope_impact *im)
{
	int oom = 0;
	json_t *o = json_object();
	ms_json_set(o, "systems", json_integer((json_int_t)im->systems.n), &oom);
	ms_json_set(o, "facilities", json_integer((json_int_t)im->facilities.n), &oom);
	ms_json_set(o, "ownership_entries", json_integer((json_int_t)im->entries.n), &oom);
	ms_json_set(o, "duties", json_integer((json_int_t)im->duties.n), &oom);
	ms_json_set(o, "pairs", json_integer((json_int_t)im->pairs.n), &oom);
	ms_json_set(o, "gaps", json_integer((json_int_t)im->ngaps), &oom);
	ms_json_set(o, "depth", json_integer(im->depth), &oom);
	return ms_json_done(o, oom);
}

medscope_status ms_emit_impact_json(FILE *out, const medscope_impact *im,
                                    const medscope_emit_options *opts)
{
	ms_jw w;
	(void)opts;
	ms_jw_begin(&w, out);
	medscope_status s = ms_jw_member(&w, "format", json_string("medscope-impact/1"));
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "model", ms_json_model(im->a));
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "target", target_object(im));
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "systems");
	for (size_t i = 0; i < im->systems.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, system_object(im, &im->systems.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "facilities");
	for (size_t i = 0; i < im->facilities.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, facility_object(im, im->facilities.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "ownership");
	for (size_t i = 0; i < im->entries.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, entry_object(im, i));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "notifications");
	for (size_t i = 0; i < im->duties.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, duty_object(im, &im->duties.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_array_begin(&w, "pairs");
	for (size_t i = 0; i < im->pairs.n && s == MEDSCOPE_OK; i++)
		s = ms_jw_item(&w, pair_object(im, &im->pairs.v[i]));
	ms_jw_array_end(&w);
	if (s == MEDSCOPE_OK)
		s = ms_jw_member(&w, "summary", summary(im));
	return ms_jw_end(&w, s);
}
