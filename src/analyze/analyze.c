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

/* Everything but the ranks, which the final ordering still needs: freed
 * before it, so that its buffers reuse this memory rather than add to the
 * peak. Safe to call twice. */
static void engine_free_work(ms_engine *e)
{
	ms_index_free(e);
	free(e->chain_keys);
	e->chain_keys = NULL;
	free(e->chain_ids);
	e->chain_ids = NULL;
	MS_VEC_FREE(e->chains);
	MS_VEC_FREE(e->chain_items);
	MS_VEC_FREE(e->chain_index);
	MS_VEC_FREE(e->tmp);
	MS_VEC_FREE(e->tmp2);
	MS_VEC_FREE(e->queue);
	MS_VEC_FREE(e->pcs);
	MS_VEC_FREE(e->procured);
	MS_VEC_FREE(e->subj);
	MS_VEC_FREE(e->req_sys);
	MS_VEC_FREE(e->req_syms);
	MS_VEC_FREE(e->triples);
	MS_VEC_FREE(e->triples_buf);
	MS_VEC_FREE(e->pranges);
	MS_VEC_FREE(e->via_memo);
	MS_VEC_FREE(e->via_spans);
	MS_VEC_FREE(e->via_child);
	MS_VEC_FREE(e->via_sibling);
	MS_VEC_FREE(e->via_stack);
	MS_VEC_FREE(e->integ);
	MS_VEC_FREE(e->uinfra);
}

static void engine_free(ms_engine *e)
{
	engine_free_work(e);
	free(e->party_rank);
	free(e->system_rank);
}

/* The MS_TOPIC_* bit of each agreement rule (from the catalog's topic). */
static void topics_of_rules(ms_engine *e)
{
	for (unsigned r = 0; r < MS_RULE__COUNT; r++) {
		e->topic_of[r] = 0;
		if (!ms_rules[r].topic)
			continue;
		for (const ms_enum *t = ms_enum_topic; t->name; t++)
			if (strcmp(t->name, ms_rules[r].topic) == 0)
				e->topic_of[r] = (uint16_t)t->value;
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

static int run(ms_engine *e)
{
	if (ms_order_ids(e) < 0 || ms_index_build(e) < 0 || ms_served_layout(e) < 0 ||
	    reserve(e) < 0)
		return -1;
	if (ms_scope_pass(e) < 0 || ms_lifecycle_prepare(e) < 0 || ms_ownership_pass(e) < 0)
		return -1;
	if (ms_agreements_global(e) < 0 || ms_findings_pass(e) < 0 || e->oom)
		return -1;
	engine_free_work(e);
	return ms_order_results(e);
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
	topics_of_rules(&e);
	int rc = run(&e);
	engine_free(&e);
	if (rc < 0) {
		medscope_analysis_free(a);
		return MEDSCOPE_ERR_NOMEM;
	}
	for (size_t i = 0; i < a->findings.n; i++)
		a->counts[a->findings.v[i].severity & 3]++;
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

medscope_severity medscope_analysis_max_severity(const medscope_analysis *a)
{
	for (int s = MEDSCOPE_SEVERITY_ERROR; s > MEDSCOPE_SEVERITY_NONE; s--)
		if (a->counts[s])
			return (medscope_severity)s;
	return MEDSCOPE_SEVERITY_NONE;
}
