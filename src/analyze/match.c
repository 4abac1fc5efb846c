/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The agreement matcher (match.h).
 *
 * Cost: the index is a counting sort, O(agreement parties). A match scans
 * the agreements of the requirement's party with the fewest, each in
 * O(log + its covers) (parties by binary search of the index, systems
 * through epoch marks); a near miss by party,
 * computed only for a missing requirement, scans those of two parties.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/match.h"
#include "util/sort.h"

static int cmp_agreement_id(const void *ctx, uint32_t x, uint32_t y);

int ms_matcher_init(ms_matcher *mt, const medscope_model *m)
{
	memset(mt, 0, sizeof(*mt));
	mt->m = m;
	size_t ns = m->systems.n + 1, na = m->agreements.n;
	mt->in_query = calloc(ns, sizeof(uint32_t));
	mt->hit = calloc(ns, sizeof(uint32_t));
	mt->covered = calloc(ns, sizeof(uint32_t));
	size_t k = 0;
	for (size_t g = 0; g < na; g++)
		k += m->agreements.v[g].parties.n;
	uint32_t *rows = malloc((k + 1) * sizeof(*rows)), *items = malloc((k + 1) * sizeof(*items));
	/* Each party's agreements by id: a near miss by party is then the
	 * first that qualifies, not the least of all a large vendor has. */
	uint32_t *order = malloc((na + 1) * sizeof(*order)), *rank = malloc((na + 1) * sizeof(*rank));
	int rc = -1;
	if (mt->in_query && mt->hit && mt->covered && rows && items && order && rank &&
	    ms_sort_order(order, na, cmp_agreement_id, m) == 0) {
		for (uint32_t r = 0; r < (uint32_t)na; r++)
			rank[order[r]] = r;
		size_t n = 0;
		for (uint32_t g = 0; g < (uint32_t)na; g++) {
			ms_span ps = m->agreements.v[g].parties;
			for (uint32_t i = 0; i < ps.n; i++, n++) {
				rows[n] = MS_SPAN_AT(m, ps, i);
				items[n] = g;
			}
		}
		rc = ms_csr_build_ranked(&mt->by_party, (uint32_t)m->parties.n, rows, items, n, rank,
		                         (uint32_t)na);
	}
	free(rows);
	free(items);
	free(order);
	mt->rank = rank; /* kept: names_party searches the rows by it */
	return rc;
}

void ms_matcher_free(ms_matcher *mt)
{
	ms_csr_free(&mt->by_party);
	free(mt->in_query);
	free(mt->hit);
	free(mt->covered);
	free(mt->rank);
	mt->in_query = mt->hit = mt->covered = mt->rank = NULL;
	MS_VEC_FREE(mt->all);
	MS_VEC_FREE(mt->lacks);
}

/* Marks are epoch-stamped: a new epoch clears them in O(1). One query
 * takes at most three epochs per agreement, so each query starts with room
 * for that many, forgetting every mark when the counter would wrap. */
static void reserve_epochs(ms_matcher *mt)
{
	uint64_t need = 3 * (uint64_t)mt->m->agreements.n + 4;
	if (UINT32_MAX - mt->epoch < need) {
		size_t n = (mt->m->systems.n + 1) * sizeof(uint32_t);
		memset(mt->in_query, 0, n);
		memset(mt->hit, 0, n);
		memset(mt->covered, 0, n);
		mt->epoch = 0;
	}
}

static uint32_t next_epoch(ms_matcher *mt)
{
	return ++mt->epoch;
}

/* Does agreement g name party p? A binary search of p's agreements (the
 * index lists each party's by id, that is by mt->rank): O(log) however
 * many parties g names (one agreement of 250,000 parties was a scan of
 * them all per requirement). */
static bool names_party(const ms_matcher *mt, uint32_t g, uint32_t p)
{
	const ms_csr *ix = &mt->by_party;
	uint32_t lo = ix->off[p], hi = ix->off[p + 1], r = mt->rank[g];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (mt->rank[ix->idx[mid]] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->off[p + 1] && ix->idx[lo] == g;
}

/* How many of the parties agreement g lacks (at most 2 are counted), and
 * the first one it lacks. */
static uint32_t parties_lacking(const ms_matcher *mt, uint32_t g, const ms_match_query *q,
                                uint32_t *first)
{
	uint32_t n = 0;
	*first = MS_NONE;
	for (uint32_t i = 0; i < q->np && n < 2; i++)
		if (!names_party(mt, g, q->parties[i]) && n++ == 0)
			*first = q->parties[i];
	return n;
}

/* The concerned systems agreement g serves (every one without covers),
 * each stamped in mt->hit with epoch `ep`. */
static uint32_t systems_served(ms_matcher *mt, uint32_t g, const ms_match_query *q, uint32_t qep,
                               uint32_t ep)
{
	const medscope_model *m = mt->m;
	const ms_agreement *ag = &m->agreements.v[g];
	uint32_t hits = 0;
	for (uint32_t k = 0; k < ag->covers.n && ag->has_covers; k++) {
		uint32_t s = MS_SPAN_AT(m, ag->covers, k);
		if (mt->in_query[s] == qep && mt->hit[s] != ep) {
			mt->hit[s] = ep;
			hits++;
		}
	}
	if (!ag->has_covers)
		for (uint32_t i = 0; i < q->ns; i++)
			mt->hit[q->sys[i]] = ep, hits++;
	return hits;
}

static bool topic_ok(const ms_agreement *ag, uint16_t topic, bool *unwritten)
{
	/* MHLW 経営管理編 1.3.2 「書面等により可視化し」: an unwritten
	 * demarcation does not count (but is a near miss). */
	*unwritten = topic == MS_TOPIC_DEMARCATION && !ag->documented;
	return (ag->topics & topic) != 0;
}

/* Specificity (match.h): 0 covers every concerned system, 1 some, 2 no covers. */
static int specificity(const ms_agreement *ag, uint32_t hits, uint32_t ns)
{
	return !ag->has_covers ? 2 : hits >= ns ? 0 : 1;
}

static bool before(const medscope_model *m, uint32_t g, int rank, uint32_t best, int best_rank)
{
	if (best == MS_NONE || rank != best_rank)
		return best == MS_NONE || rank < best_rank;
	return strcmp(m->agreements.v[g].id, m->agreements.v[best].id) < 0;
}

static int cmp_agreement_id(const void *ctx, uint32_t x, uint32_t y)
{
	const medscope_model *m = ctx;
	return strcmp(m->agreements.v[x].id, m->agreements.v[y].id);
}

void ms_agreements_by_id(const medscope_model *m, uint32_t *v, size_t n)
{
	/* Few agreements meet one requirement: insertion needs no memory. */
	ms_insertion_sort_u32(v, n, cmp_agreement_id, m);
}

/* Near miss by party: an agreement with the topic (in writing, for a
 * demarcation) serving every concerned system that lacks just one party.
 * Such an agreement names parties[0] or parties[1]. Of several, the most
 * specific is named, as for satisfied_by (rules.md §3: the paper meant for
 * these systems before a general one), ties by id. */
static void near_by_party(ms_matcher *mt, const ms_match_query *q, uint32_t qep,
                          ms_match_result *res)
{
	const medscope_model *m = mt->m;
	const ms_csr *ix = &mt->by_party;
	int near_rank = 3;
	for (uint32_t w = 0; w < q->np && w < 2; w++) {
		uint32_t p = q->parties[w];
		for (uint32_t k = ix->off[p]; k < ix->off[p + 1]; k++) {
			uint32_t g = ix->idx[k], lacking;
			const ms_agreement *ag = &m->agreements.v[g];
			bool unwritten;
			if (!topic_ok(ag, q->topic, &unwritten) || unwritten ||
			    parties_lacking(mt, g, q, &lacking) != 1)
				continue;
			uint32_t hits = systems_served(mt, g, q, qep, next_epoch(mt));
			if (q->edge ? hits == 0 && q->ns : hits < q->ns)
				continue;
			int rank = specificity(ag, hits, q->ns);
			if (before(m, g, rank, res->near, near_rank)) {
				res->near = g;
				near_rank = rank;
				res->lack = MS_LACK_PARTY;
				res->lack_party = lacking;
			}
		}
	}
}

int ms_match(ms_matcher *mt, const ms_match_query *q, ms_match_result *res)
{
	const medscope_model *m = mt->m;
	const ms_csr *ix = &mt->by_party;
	res->best = res->near = res->lack_party = MS_NONE;
	res->lack = MS_LACK_NONE;
	mt->all.n = mt->lacks.n = 0;
	reserve_epochs(mt);
	uint32_t qep = next_epoch(mt);
	for (uint32_t i = 0; i < q->ns; i++)
		mt->in_query[q->sys[i]] = qep;

	uint32_t pmin = q->parties[0];
	for (uint32_t i = 1; i < q->np; i++)
		if (ix->off[q->parties[i] + 1] - ix->off[q->parties[i]] < ix->off[pmin + 1] - ix->off[pmin])
			pmin = q->parties[i];

	int best_rank = 3, unwritten_rank = 3;
	uint32_t ncovered = 0, near_hits = 0, unwritten_g = MS_NONE;
	for (uint32_t k = ix->off[pmin]; k < ix->off[pmin + 1]; k++) {
		uint32_t g = ix->idx[k], lacking;
		const ms_agreement *ag = &m->agreements.v[g];
		bool unwritten;
		if (!topic_ok(ag, q->topic, &unwritten) || parties_lacking(mt, g, q, &lacking) != 0)
			continue;
		uint32_t ep = next_epoch(mt);
		uint32_t hits = systems_served(mt, g, q, qep, ep);
		if (unwritten) {
			/* The most specific unwritten one, as for satisfied_by. */
			int rank = specificity(ag, hits, q->ns);
			if ((q->edge ? hits > 0 || !q->ns : hits == q->ns) &&
			    before(m, g, rank, unwritten_g, unwritten_rank)) {
				unwritten_g = g;
				unwritten_rank = rank;
			}
			continue;
		}
		if (hits > 0 || !q->ns) {
			if (MS_VEC_RESERVE(mt->all, mt->all.n + 1) < 0)
				return -1;
			mt->all.v[mt->all.n++] = g;
			for (uint32_t i = 0; i < q->ns; i++)
				if (mt->hit[q->sys[i]] == ep && mt->covered[q->sys[i]] != qep) {
					mt->covered[q->sys[i]] = qep;
					ncovered++;
				}
			int rank = specificity(ag, hits, q->ns);
			if (before(m, g, rank, res->best, best_rank)) {
				res->best = g;
				best_rank = rank;
			}
		}
		/* Should the systems fall short: the agreement serving the most. */
		if (res->near == MS_NONE || hits > near_hits ||
		    (hits == near_hits && before(m, g, 0, res->near, 0))) {
			res->near = g;
			near_hits = hits;
		}
	}
	bool met = mt->all.n > 0 && (q->edge || ncovered == q->ns);
	if (met) {
		ms_agreements_by_id(m, mt->all.v, mt->all.n);
		res->near = MS_NONE;
		return 0;
	}
	res->best = MS_NONE;
	mt->all.n = 0;
	if (res->near != MS_NONE) {
		uint32_t ep = next_epoch(mt);
		systems_served(mt, res->near, q, qep, ep);
		res->lack = MS_LACK_SYSTEMS;
		for (uint32_t i = 0; i < q->ns; i++)
			if (mt->hit[q->sys[i]] != ep) {
				if (MS_VEC_RESERVE(mt->lacks, mt->lacks.n + 1) < 0)
					return -1;
				mt->lacks.v[mt->lacks.n++] = q->sys[i];
			}
		return 0;
	}
	if (unwritten_g != MS_NONE) {
		res->near = unwritten_g;
		res->lack = MS_LACK_IN_WRITING;
		return 0;
	}
	if (q->np > 1)
		near_by_party(mt, q, qep, res);
	return 0;
}
