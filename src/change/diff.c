/* SPDX-License-Identifier: Apache-2.0 */
/*
 * medscope diff: the diff object. medscope_diff_compute() maps every id of
 * NEW to OLD's symbol of the same kind — the one look-up by name per id —
 * then matches the model's elements (diff_model.c) and compares what the
 * analyses concluded (diff_analysis.c). Both passes are linear in the size
 * of the two models.
 */
#include <stdlib.h>
#include <string.h>

#include "change/diff.h"

const char *ms_elem_kind_name(unsigned kind)
{
	static const char *const names[] = {"party", "system", "contract", "agreement",
	                                    "flow", "risk", "exception", "certification"};
	return kind < MS_ELEM__COUNT ? names[kind] : "?";
}

const char *ms_change_name(unsigned change)
{
	static const char *const names[] = {"added", "removed", "changed", "expired"};
	return change < 4 ? names[change] : "?";
}

const char *ms_supp_change_name(unsigned change)
{
	static const char *const names[] = {"", "now-suppressed", "no-longer-suppressed"};
	return change < 3 ? names[change] : "?";
}

const char *ms_scope_change_name(unsigned change)
{
	static const char *const names[] = {"entered", "left", "category", "reasons"};
	return change < 4 ? names[change] : "?";
}

const char *ms_req_change_name(unsigned change)
{
	static const char *const names[] = {"required", "dropped", "now-missing", "now-present",
	                                    "changed"};
	return change < 5 ? names[change] : "?";
}

const char *ms_baseline_name(unsigned state)
{
	static const char *const names[] = {"new", "unchanged", "updated", "absent"};
	return state < 4 ? names[state] : "?";
}

medscope_status medscope_diff_compute(medscope_diff **out, const medscope_analysis *old_analysis,
                                      const medscope_analysis *new_analysis)
{
	if (!out)
		return MEDSCOPE_ERR_USAGE;
	*out = NULL;
	if (!old_analysis || !new_analysis)
		return MEDSCOPE_ERR_USAGE;
	medscope_status s = MEDSCOPE_ERR_NOMEM;
	const medscope_model *om = old_analysis->model, *nm = new_analysis->model;
	medscope_diff *d = calloc(1, sizeof(*d));
	uint32_t *symmap = malloc((nm->syms.n + 1) * sizeof(uint32_t));
	uint32_t *party_map = malloc((nm->parties.n + 1) * sizeof(uint32_t));
	uint32_t *system_map = malloc((nm->systems.n + 1) * sizeof(uint32_t));
	uint32_t *agreement_map = malloc((nm->agreements.n + 1) * sizeof(uint32_t));
	uint32_t *maps[MS_ELEM__COUNT] = {[MS_ELEM_PARTY] = party_map, [MS_ELEM_SYSTEM] = system_map,
	                                  [MS_ELEM_AGREEMENT] = agreement_map};
	if (d)
		ms_arena_init(&d->arena);
	if (!d || !symmap || !party_map || !system_map || !agreement_map)
		goto cleanup;
	d->old_a = old_analysis;
	d->new_a = new_analysis;
	for (size_t i = 0; i < nm->syms.n; i++) {
		const ms_sym *ns = &nm->syms.v[i];
		uint32_t os = ms_sym_find(om, ns->name, strlen(ns->name));
		symmap[i] = os != MS_NONE && ns->kind != MS_SYM_UNDEFINED && om->syms.v[os].kind == ns->kind
		                    ? os
		                    : MS_NONE;
	}
	if ((s = ms_diff_model(d, symmap, maps)) != MEDSCOPE_OK ||
	    (s = ms_diff_analysis(d, symmap, maps)) != MEDSCOPE_OK)
		goto cleanup;
	*out = d;
	d = NULL;
cleanup:
	medscope_diff_free(d);
	free(symmap);
	free(party_map);
	free(system_map);
	free(agreement_map);
	return s;
}

void medscope_diff_free(medscope_diff *d)
{
	if (!d)
		return;
	ms_arena_free(&d->arena);
	MS_VEC_FREE(d->elems);
	MS_VEC_FREE(d->attrs);
	MS_VEC_FREE(d->scope);
	MS_VEC_FREE(d->owners);
	MS_VEC_FREE(d->reqs);
	MS_VEC_FREE(d->resolved);
	free(d->state);
	free(d->match);
	free(d->supp);
	free(d);
}

size_t medscope_diff_introduced(const medscope_diff *d, medscope_severity min)
{
	size_t n = 0;
	for (int sev = (int)min; d && sev <= MEDSCOPE_SEVERITY_ERROR; sev++)
		n += d->introduced[sev];
	return n;
}

size_t medscope_diff_resolved(const medscope_diff *d)
{
	return d ? d->resolved.n : 0;
}

size_t medscope_diff_change_count(const medscope_diff *d)
{
	if (!d)
		return 0;
	return d->elems.n + d->scope.n + d->owners.n + d->reqs.n + d->nstate[MS_BASE_NEW] +
	       d->nstate[MS_BASE_UPDATED] + d->nstate[MS_BASE_ABSENT] + d->nsupp[MS_SUPP_NOW] +
	       d->nsupp[MS_SUPP_NO_LONGER];
}
