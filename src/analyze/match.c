/*
 * The agreement matcher (match.h).
 *
 * Cost: the index is a counting sort, O(agreement parties). A match costs
 * O(agreements of the requirement's party with the fewest x their list
 * lengths); covers are compared through epoch marks, O(covers + systems).
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/match.h"

int ms_matcher_init(ms_matcher *mt, const medscope_model *m)
{
	memset(mt, 0, sizeof(*mt));
	mt->m = m;
	mt->cover_mark = calloc(m->systems.n + 1, sizeof(uint32_t));
	size_t k = 0;
	for (size_t g = 0; g < m->agreements.n; g++)
		k += m->agreements.v[g].parties.n;
	uint32_t *rows = malloc((k + 1) * sizeof(*rows)), *items = malloc((k + 1) * sizeof(*items));
	int rc = -1;
	if (mt->cover_mark && rows && items) {
		size_t n = 0;
		for (uint32_t g = 0; g < (uint32_t)m->agreements.n; g++) {
			ms_span ps = m->agreements.v[g].parties;
			for (uint32_t i = 0; i < ps.n; i++, n++) {
				rows[n] = MS_SPAN_AT(m, ps, i);
				items[n] = g;
			}
		}
		rc = ms_csr_build(&mt->by_party, (uint32_t)m->parties.n, rows, items, n);
	}
	free(rows);
	free(items);
	return rc;
}

void ms_matcher_free(ms_matcher *mt)
{
	ms_csr_free(&mt->by_party);
	free(mt->cover_mark);
	mt->cover_mark = NULL;
}

static bool agreement_ok(ms_matcher *mt, uint32_t g, const uint32_t *parties, uint32_t np,
                         uint16_t topic, const uint32_t *sys, uint32_t ns)
{
	const medscope_model *m = mt->m;
	const ms_agreement *ag = &m->agreements.v[g];
	if (!(ag->topics & topic))
		return false;
	/* MHLW 経営管理編 1.3.2 「書面等により可視化し」: an unwritten demarcation
	 * does not count. */
	if (topic == MS_TOPIC_DEMARCATION && !ag->documented)
		return false;
	for (uint32_t i = 0; i < np; i++) {
		bool found = false;
		for (uint32_t k = 0; k < ag->parties.n && !found; k++)
			found = MS_SPAN_AT(m, ag->parties, k) == parties[i];
		if (!found)
			return false;
	}
	if (ag->has_covers && ns) {
		if (mt->epoch == UINT32_MAX) { /* after 2^32 matches: forget every mark */
			memset(mt->cover_mark, 0, m->systems.n * sizeof(uint32_t));
			mt->epoch = 0;
		}
		uint32_t ep = ++mt->epoch;
		for (uint32_t k = 0; k < ag->covers.n; k++)
			mt->cover_mark[MS_SPAN_AT(m, ag->covers, k)] = ep;
		for (uint32_t i = 0; i < ns; i++)
			if (mt->cover_mark[sys[i]] != ep)
				return false;
	}
	return true;
}

uint32_t ms_match_agreement(ms_matcher *mt, const uint32_t *parties, uint32_t np,
                            uint16_t topic, const uint32_t *sys, uint32_t ns)
{
	const ms_csr *ag = &mt->by_party;
	uint32_t pmin = parties[0];
	for (uint32_t i = 1; i < np; i++)
		if (ag->off[parties[i] + 1] - ag->off[parties[i]] < ag->off[pmin + 1] - ag->off[pmin])
			pmin = parties[i];
	uint32_t best = MS_NONE;
	for (uint32_t k = ag->off[pmin]; k < ag->off[pmin + 1]; k++) {
		uint32_t g = ag->idx[k];
		if (g == best || (best != MS_NONE && strcmp(mt->m->agreements.v[g].id,
		                                            mt->m->agreements.v[best].id) >= 0))
			continue;
		if (agreement_ok(mt, g, parties, np, topic, sys, ns))
			best = g;
	}
	return best;
}
