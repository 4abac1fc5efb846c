/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope_analyze(): model -> scope, ownership, required agreements and
 * findings (rules.md), and the analysis getters.
 *
 * The passes (see engine.h) run in a fixed order; each is linear or
 * near-linear in the model (its file says how). Nothing here is quadratic
 * in parties, systems or contracts: every pass walks CSR indexes built once.
 * Working memory is released before returning; the analysis keeps only its
 * result arrays and one pool of index lists.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"
#include "util/date.h"

/* ---- the engine's parts ------------------------------------------------ */

/* The per-element arrays of every part but the index (index.c) and the
 * chains' cache (chains.c). */
static int engine_alloc(ms_engine *e)
{
	size_t sn = (size_t)e->ns + 1, pn = (size_t)e->np + 1, cn = (size_t)e->nc + 1;
	e->supply.off = malloc(sn * sizeof(uint32_t));
	e->supply.n = calloc(sn, sizeof(uint32_t));
	e->supply.mark = calloc(sn, sizeof(uint32_t));
	e->chains.sys = calloc(sn, sizeof(uint32_t));
	e->chains.party_mark = calloc(pn, sizeof(uint32_t));
	e->chains.party_slot = calloc(pn, sizeof(uint32_t));
	e->chains.contract_mark = calloc(cn, sizeof(uint32_t));
	e->shared.one_system = malloc(sn * sizeof(uint32_t));
	e->shared.one_sysym = malloc(sn * sizeof(uint32_t));
	e->shared.one_contract = malloc(cn * sizeof(uint32_t));
	e->shared.served_facilities = malloc(sn * sizeof(uint32_t));
	e->carry.split_dev = malloc(sn * sizeof(uint32_t));
	e->carry.split_other = malloc(sn * sizeof(uint32_t));
	e->carry.own_fill = calloc(sn, sizeof(uint32_t));
	e->carry.supplier_listed = calloc(cn, 1);
	e->carry.edge_noted = calloc(e->m->edges.n + 1, 1);
	e->fac.served_mark = calloc(sn, sizeof(uint32_t));
	e->fac.prime_mark = calloc(pn, sizeof(uint32_t));
	e->fac.prime_first = calloc(pn, sizeof(uint32_t));
	e->work.fac_mark = calloc(pn, sizeof(uint32_t));
	e->work.contract_seen = calloc(cn, sizeof(uint32_t));
	e->work.contract_signer = calloc(cn, sizeof(uint32_t));
	if (!e->supply.off || !e->supply.n || !e->supply.mark || !e->chains.sys ||
	    !e->chains.party_mark || !e->chains.party_slot || !e->chains.contract_mark ||
	    !e->shared.one_system || !e->shared.one_sysym || !e->shared.one_contract ||
	    !e->shared.served_facilities || !e->carry.split_dev || !e->carry.split_other ||
	    !e->carry.own_fill || !e->carry.supplier_listed || !e->carry.edge_noted || !e->fac.served_mark ||
	    !e->fac.prime_mark || !e->fac.prime_first || !e->work.fac_mark ||
	    !e->work.contract_seen || !e->work.contract_signer)
		return -1;
	memset(e->shared.one_system, 0xff, sn * sizeof(uint32_t));
	memset(e->shared.one_sysym, 0xff, sn * sizeof(uint32_t));
	memset(e->shared.one_contract, 0xff, cn * sizeof(uint32_t));
	memset(e->shared.served_facilities, 0xff, sn * sizeof(uint32_t));
	memset(e->supply.off, 0xff, sn * sizeof(uint32_t));
	memset(e->carry.split_dev, 0xff, sn * sizeof(uint32_t));
	memset(e->carry.split_other, 0xff, sn * sizeof(uint32_t));
	return ms_matcher_init(&e->match, e->m);
}

/* Everything the engine holds: freed before the final ordering, so that
 * its buffers reuse this memory rather than add to the peak. Safe to call
 * twice. */
static void engine_free(ms_engine *e)
{
	ms_index_free(&e->ix);
	ms_matcher_free(&e->match);
	ms_chains_free(&e->chains);
	uint32_t **const arrays[] = {
		&e->supply.off, &e->supply.n, &e->supply.mark, &e->shared.one_system,
		&e->shared.one_sysym, &e->shared.one_contract, &e->shared.served_facilities,
		&e->carry.split_dev, &e->carry.split_other, &e->carry.own_fill,
		&e->carry.own_facility, &e->fac.served_mark, &e->fac.prime_mark, &e->fac.prime_first,
		&e->work.fac_mark, &e->work.contract_seen, &e->work.contract_signer};
	for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) {
		free(*arrays[i]);
		*arrays[i] = NULL;
	}
	free(e->carry.supplier_listed);
	e->carry.supplier_listed = NULL;
	free(e->carry.edge_noted);
	e->carry.edge_noted = NULL;
	MS_VEC_FREE(e->supply.pool);
	MS_VEC_FREE(e->supply.stack);
	MS_VEC_FREE(e->carry.supplier_req);
	MS_VEC_FREE(e->fac.pcs);
	MS_VEC_FREE(e->fac.procured);
	MS_VEC_FREE(e->fac.triples);
	MS_VEC_FREE(e->fac.pranges);
	MS_VEC_FREE(e->fac.via_memo);
	MS_VEC_FREE(e->fac.via_spans);
	MS_VEC_FREE(e->fac.integ);
	MS_VEC_FREE(e->fac.uinfra);
	MS_VEC_FREE(e->fac.lifecycle);
	MS_VEC_FREE(e->work.tmp);
	MS_VEC_FREE(e->work.tmp2);
	MS_VEC_FREE(e->work.subj);
	MS_VEC_FREE(e->work.req_sys);
	MS_VEC_FREE(e->work.req_syms);
	MS_VEC_FREE(e->work.req_all);
	MS_VEC_FREE(e->work.triples_buf);
	MS_VEC_FREE(e->work.via_child);
	MS_VEC_FREE(e->work.via_sibling);
	MS_VEC_FREE(e->work.via_stack);
}

/* ---- the passes -------------------------------------------------------- */

/* The MS_TOPIC_* bit of each agreement rule (from the catalog's topic). */
static void topics_of_rules(ms_index *ix)
{
	for (unsigned r = 0; r < MS_RULE__COUNT; r++) {
		ix->topic_of[r] = 0;
		if (!ms_rules[r].topic)
			continue;
		for (const ms_enum *t = ms_enum_topic; t->name; t++)
			if (strcmp(t->name, ms_rules[r].topic) == 0)
				ix->topic_of[r] = (uint16_t)t->value;
	}
}

/* Give back the slack of the vectors that grew by doubling. */
static void trim(medscope_analysis *a)
{
	MS_VEC_SHRINK(a->reasons);
	MS_VEC_SHRINK(a->requirements);
	MS_VEC_SHRINK(a->findings);
	MS_VEC_SHRINK(a->pool);
}

/* Reserve the result vectors from the number of ownership entries, so that
 * large models do not copy them while they grow (the figures are the
 * national model's ratios; a wrong guess only costs the usual doubling). */
static int reserve(ms_engine *e)
{
	medscope_analysis *a = e->a;
	size_t n = a->ownership.n;
	if (a->findings_only) /* the entries are laid out, but not kept */
		for (uint32_t s = 0; s < e->ns; s++)
			n += a->sysinfo[s].nown;
	if (n < 4096)
		return 0;
	size_t want[3] = {a->findings_only ? 0 : n + n / 2, n, 6 * n};
	if ((want[0] && (a->requirements.v = malloc(want[0] * sizeof(ms_requirement))) == NULL) ||
	    (a->findings.v = malloc(want[1] * sizeof(ms_finding))) == NULL)
		return -1;
	a->requirements.cap = want[0];
	a->findings.cap = want[1];
	uint32_t *pool = realloc(a->pool.v, want[2] * sizeof(*pool));
	if (!pool)
		return -1;
	a->pool.v = pool;
	a->pool.cap = want[2];
	return 0;
}

/* §2 and the §3 requirements of each facility, one facility at a time, in
 * id order: each system's entries then come out sorted by facility id in
 * the slots ms_served_layout() reserved. */
static int facilities(ms_engine *e)
{
	for (uint32_t i = 0; i < e->np && !e->oom; i++) {
		uint32_t f = e->a->party_order[i];
		if (!ms_is_facility(e, f))
			continue;
		ms_ownership_facility(e, f);
		if (!e->oom && e->fac.triples.n)
			ms_agreements_facility(e);
	}
	return e->oom ? -1 : 0;
}

static int run(ms_engine *e)
{
	topics_of_rules(&e->ix);
	if (ms_order_ids(e->a) < 0 || engine_alloc(e) < 0 || ms_index_build(e) < 0 ||
	    ms_served_layout(e) < 0 || reserve(e) < 0)
		return -1;
	if (ms_scope_pass(e) < 0 || ms_lifecycle_prepare(e) < 0 || facilities(e) < 0)
		return -1;
	if (ms_agreements_global(e) < 0 || ms_findings_pass(e) < 0 || ms_exceptions_pass(e) < 0 ||
	    e->oom)
		return -1;
	engine_free(e);
	if (ms_order_results(e->a) < 0)
		return -1;
	return ms_analysis_by_facility(e->a);
}

medscope_status medscope_analyze(medscope_analysis **out, const medscope_model *model,
                                 const medscope_analyze_options *opts)
{
	if (!out)
		return MEDSCOPE_ERR_USAGE;
	*out = NULL;
	if (!model)
		return MEDSCOPE_ERR_USAGE;
	int32_t as_of;
	const char *source;
	if (opts && opts->as_of) {
		if (ms_date_parse(opts->as_of, strlen(opts->as_of), &as_of) < 0)
			return MEDSCOPE_ERR_USAGE;
		source = "option";
	} else if (model->as_of != MS_NO_DATE) {
		as_of = model->as_of;
		source = "model";
	} else {
		as_of = ms_date_today();
		source = "today";
	}
	if (model->parties.n >= UINT32_MAX / 2 || model->systems.n >= UINT32_MAX / 2 ||
	    model->contracts.n >= UINT32_MAX / 2)
		return MEDSCOPE_ERR_LIMIT;

	medscope_analysis *a = calloc(1, sizeof(*a));
	if (!a)
		return MEDSCOPE_ERR_NOMEM;
	a->model = model;
	a->findings_only = opts && opts->findings_only;
	a->as_of = as_of;
	a->as_of_source = source;
	ms_date_format(as_of, a->as_of_text);
	a->scope = calloc(model->parties.n + 1, sizeof(*a->scope));
	a->sysinfo = calloc(model->systems.n + 1, sizeof(*a->sysinfo));
	if (!a->scope || !a->sysinfo) {
		medscope_analysis_free(a);
		return MEDSCOPE_ERR_NOMEM;
	}

	ms_engine e;
	memset(&e, 0, sizeof(e));
	e.m = model;
	e.a = a;
	e.np = (uint32_t)model->parties.n;
	e.ns = (uint32_t)model->systems.n;
	e.nc = (uint32_t)model->contracts.n;
	int rc = run(&e);
	engine_free(&e);
	if (rc < 0) {
		medscope_analysis_free(a);
		return MEDSCOPE_ERR_NOMEM;
	}
	/* Suppressed findings count for neither the totals nor --fail-on
	 * (rules.md §5). */
	for (size_t i = 0; i < a->findings.n; i++) {
		if (a->findings.v[i].exception != MS_NONE)
			a->suppressed++;
		else
			a->counts[a->findings.v[i].severity & 3]++;
	}
	trim(a);
	*out = a;
	return MEDSCOPE_OK;
}

void medscope_analysis_free(medscope_analysis *a)
{
	if (!a)
		return;
	free(a->scope);
	free(a->sysinfo);
	free(a->party_order);
	free(a->system_order);
	free(a->party_rank);
	free(a->system_rank);
	free(a->facility_off);
	free(a->facility_entries);
	MS_VEC_FREE(a->reasons);
	MS_VEC_FREE(a->ownership);
	MS_VEC_FREE(a->requirements);
	MS_VEC_FREE(a->findings);
	MS_VEC_FREE(a->pool);
	free(a);
}

const medscope_model *medscope_analysis_model(const medscope_analysis *a)
{
	return a->model;
}

const char *medscope_analysis_as_of(const medscope_analysis *a)
{
	return a->as_of_text;
}

const char *medscope_analysis_as_of_source(const medscope_analysis *a)
{
	return a->as_of_source;
}

size_t medscope_analysis_count(const medscope_analysis *a, medscope_severity sev)
{
	return (unsigned)sev < 4 ? a->counts[sev] : 0;
}

size_t medscope_analysis_suppressed_count(const medscope_analysis *a)
{
	return a->suppressed;
}

medscope_severity medscope_analysis_max_severity(const medscope_analysis *a)
{
	for (int s = MEDSCOPE_SEVERITY_ERROR; s > MEDSCOPE_SEVERITY_NONE; s--)
		if (a->counts[s])
			return (medscope_severity)s;
	return MEDSCOPE_SEVERITY_NONE;
}
