/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §3, the requirements that do not belong to one facility: supplier
 * agreements along selection chains, change notification between vendors,
 * third-party provision, and the lifecycle splits between operation and
 * development (prepared before the facilities, which use them).
 *
 * Cost: supplier agreements O(contracts); change notification O(edges x
 * min(facilities of the two systems) x log of the other); third-party
 * provision O(flows + facilities served); lifecycle splits O(systems +
 * runs-on edges + contracts) (life_sum), the agreements of a split
 * O(contracts covering the supply of each split system).
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

/* ---- lifecycle (FAQ 3.1) ---------------------------------------------- */

/* Keep the two distinct suppliers with the smallest ids: enough to tell
 * whether some operation supplier differs from some development supplier,
 * and to name the other one by id, whatever the order of the contracts. */
static void add2(const uint32_t *rank, uint32_t *p1, uint32_t *p2, uint32_t s)
{
	if (s == *p1 || s == *p2)
		return;
	if (*p1 == MS_NONE || rank[s] < rank[*p1]) {
		*p2 = *p1;
		*p1 = s;
	} else if (*p2 == MS_NONE || rank[s] < rank[*p2]) {
		*p2 = s;
	}
}

/* What a lifecycle split needs to know of supply(X), for every X: the two
 * operation and the two development suppliers with the smallest ids
 * (add2), the development contract with the smallest id, and the smallest
 * one whose supplier differs from that one's. Each is a minimum over a
 * set, so the summary of supply(X) is the merge of X's own contracts and
 * the summaries of what X runs on: one pass over the runs-on graph,
 * instead of materialising supply(X) for every served X (a runs-on chain
 * of 40,000 systems was 800 million pool entries). */
typedef struct {
	uint32_t op[2], dev[2]; /* suppliers, MS_NONE when fewer */
	uint32_t c1, c2;        /* development contracts, MS_NONE when none */
} life_sum;

/* Keep c in (c1, c2): c1 the smallest contract id, c2 the smallest whose
 * supplier is not c1's. */
static void add_dev(const ms_engine *e, life_sum *x, uint32_t c)
{
	const uint32_t *rank = e->ix.contract_rank;
	const medscope_model *m = e->m;
	if (c == MS_NONE || c == x->c1 || c == x->c2)
		return;
	if (x->c1 == MS_NONE || rank[c] < rank[x->c1]) {
		uint32_t old = x->c1;
		x->c1 = c;
		/* The old first and the old second compete for second place. */
		uint32_t cand[2] = {old, x->c2};
		x->c2 = MS_NONE;
		for (int i = 0; i < 2; i++)
			if (cand[i] != MS_NONE && m->contracts.v[cand[i]].supplier != m->contracts.v[c].supplier &&
			    (x->c2 == MS_NONE || rank[cand[i]] < rank[x->c2]))
				x->c2 = cand[i];
	} else if (m->contracts.v[c].supplier != m->contracts.v[x->c1].supplier &&
	           (x->c2 == MS_NONE || rank[c] < rank[x->c2])) {
		x->c2 = c;
	}
}

static void merge_sum(const ms_engine *e, life_sum *into, const life_sum *from)
{
	for (int j = 0; j < 2; j++) {
		if (from->op[j] != MS_NONE)
			add2(e->ix.party_rank, &into->op[0], &into->op[1], from->op[j]);
		if (from->dev[j] != MS_NONE)
			add2(e->ix.party_rank, &into->dev[0], &into->dev[1], from->dev[j]);
	}
	add_dev(e, into, from->c1);
	add_dev(e, into, from->c2);
}

/* The summary of X's own covering contracts. */
static void own_sum(const ms_engine *e, uint32_t x, life_sum *out)
{
	const medscope_model *m = e->m;
	*out = (life_sum){{MS_NONE, MS_NONE}, {MS_NONE, MS_NONE}, MS_NONE, MS_NONE};
	for (uint32_t k = e->ix.by_cover.off[x]; k < e->ix.by_cover.off[x + 1]; k++) {
		uint32_t c = e->ix.by_cover.idx[k];
		const ms_contract *ct = &m->contracts.v[c];
		if (!(ct->types & MS_CT_QUALIFYING))
			continue;
		if (ct->types & MS_CT_OPERATION)
			add2(e->ix.party_rank, &out->op[0], &out->op[1], ct->supplier);
		if (ct->types & MS_CT_DEVELOPMENT) {
			add2(e->ix.party_rank, &out->dev[0], &out->dev[1], ct->supplier);
			add_dev(e, out, c);
		}
	}
}

/* sums[x] for every x, children before parents (depth-first, iterative:
 * a deep chain must not overflow the stack). The loader refused cycles. */
static int life_sums(ms_engine *e, life_sum *sums, uint8_t *done)
{
	const medscope_model *m = e->m;
	ms_u32vec *stack = &e->supply.stack;
	for (uint32_t root = 0; root < e->ns; root++) {
		if (done[root])
			continue;
		stack->n = 0;
		if (ms_push(e, stack, root) < 0)
			return -1;
		while (stack->n) {
			uint32_t x = stack->v[stack->n - 1];
			const ms_system *sy = &m->systems.v[x];
			if (done[x] == 2) {
				stack->n--;
				continue;
			}
			if (done[x] == 0) { /* first visit: its children first */
				done[x] = 1;
				for (uint32_t j = 0; j < sy->nruns; j++) {
					uint32_t t = m->edges.v[sy->runs_off + j].target;
					if (!done[t] && ms_push(e, stack, t) < 0)
						return -1;
				}
				continue;
			}
			own_sum(e, x, &sums[x]);
			for (uint32_t j = 0; j < sy->nruns; j++)
				merge_sum(e, &sums[x], &sums[m->edges.v[sy->runs_off + j].target]);
			done[x] = 2;
			stack->n--;
		}
	}
	return 0;
}

int ms_lifecycle_prepare(ms_engine *e)
{
	const medscope_model *m = e->m;
	life_sum *sums = malloc(((size_t)e->ns + 1) * sizeof(*sums));
	uint8_t *done = calloc((size_t)e->ns + 1, 1);
	int rc = -1;
	if (!sums || !done || life_sums(e, sums, done) < 0)
		goto cleanup;
	for (uint32_t t = 0; t < e->ns; t++) {
		if (!e->a->sysinfo[t].served)
			continue;
		/* Among the qualifying contracts covering supply(T), one operation and
		 * one development contract with different suppliers. */
		const life_sum *x = &sums[t];
		uint32_t o1 = x->op[0], o2 = x->op[1], d1 = x->dev[0], d2 = x->dev[1];
		if (o1 == MS_NONE || d1 == MS_NONE || (o2 == MS_NONE && d2 == MS_NONE && o1 == d1))
			continue;
		/* The development contract with the smallest id, leaving out those
		 * of the one operation supplier when there is only one. */
		uint32_t dev = x->c1;
		if (o2 == MS_NONE && dev != MS_NONE && m->contracts.v[dev].supplier == o1)
			dev = x->c2;
		if (dev == MS_NONE) /* cannot happen: a split has such a contract */
			continue;
		e->carry.split_dev[t] = dev;
		uint32_t ds = m->contracts.v[dev].supplier;
		e->carry.split_other[t] = o1 != ds ? o1 : o2;
	}
	rc = 0;
cleanup:
	free(sums);
	free(done);
	return rc;
}

/* X <-> Y along each contract between vendors in the split (FAQ 3.1
 * 「事業者 A は事業者 B との間で開発に関する義務と責任について内部的に明確化」). */
static void lifecycle_suppliers(ms_engine *e)
{
	const medscope_model *m = e->m;
	for (uint32_t t = 0; t < e->ns && !e->oom; t++) {
		uint32_t dev = e->carry.split_dev[t];
		if (dev == MS_NONE || !e->a->sysinfo[t].served)
			continue;
		uint32_t ep = ms_engine_epoch(e);
		ms_span sp = ms_supply(e, t);
		for (uint32_t i = 0; i < sp.n; i++) {
			uint32_t x = e->supply.pool.v[sp.off + i];
			for (uint32_t k = e->ix.by_cover.off[x]; k < e->ix.by_cover.off[x + 1]; k++) {
				uint32_t c = e->ix.by_cover.idx[k];
				const ms_contract *ct = &m->contracts.v[c];
				if (!(e->ix.cflags[c] & MS_CF_QUALIFYING) || e->work.contract_seen[c] == ep ||
				    ms_facility_signed(e, c) || ct->client == ct->supplier)
					continue;
				e->work.contract_seen[c] = ep;
				ms_req_spec r;
				ms_req_init(&r, MS_RULE_MISSING_LIFECYCLE_AGREEMENT);
				r.nparties = 2;
				r.parties[0] = ct->client;
				r.parties[1] = ct->supplier;
				r.systems = &t;
				r.nsystems = 1;
				r.contract = ct->sym;
				r.loc = m->contracts.v[dev].loc;
				r.element = MS_SYM_CONTRACT;
				r.element_sym = m->contracts.v[dev].sym;
				r.args.party = ms_psym(e, ct->client);
				r.args.other = ms_psym(e, ct->supplier);
				r.facilities_of = t;
				ms_require(e, &r);
			}
		}
	}
}

/* ---- supplier agreements (FAQ 3) -------------------------------------- */

static int cmp_index(const void *ctx, uint32_t x, uint32_t y)
{
	(void)ctx;
	return x < y ? -1 : x > y;
}

/* X <-> Y for each contract of the selection chains the facilities'
 * subcontracting approvals went through (e->carry.supplier_req), in
 * contract order. */
static void supplier_agreements(ms_engine *e)
{
	const medscope_model *m = e->m;
	ms_u32vec *list = &e->carry.supplier_req;
	if (ms_sort_u32(list->v, list->n, cmp_index, NULL) < 0) {
		e->oom = 1;
		return;
	}
	for (size_t k = 0; k < list->n && !e->oom; k++) {
		uint32_t c = list->v[k];
		const ms_contract *ct = &m->contracts.v[c];
		if (ct->client == ct->supplier)
			continue;
		e->work.tmp.n = 0;
		for (uint32_t i = 0; i < ct->covers.n; i++) {
			uint32_t x = MS_SPAN_AT(m, ct->covers, i);
			if (e->a->sysinfo[x].served && ms_push(e, &e->work.tmp, x) < 0)
				return;
		}
		ms_req_spec r;
		ms_req_init(&r, MS_RULE_MISSING_SUPPLIER_AGREEMENT);
		r.nparties = 2;
		r.parties[0] = ct->client;
		r.parties[1] = ct->supplier;
		r.systems = e->work.tmp.v;
		r.nsystems = (uint32_t)e->work.tmp.n;
		r.contract = ct->sym;
		r.loc = ct->loc;
		r.element = MS_SYM_CONTRACT;
		r.element_sym = ct->sym;
		r.args.party = ms_psym(e, ct->client);
		r.args.other = ms_psym(e, ct->supplier);
		r.args.contract = ct->sym;
		ms_require(e, &r);
	}
}

/* ---- change notification (FAQ 2.1) ------------------------------------ */

/* The facilities both x and y are served to, as symbols into e->work.tmp (by id).
 * Returns the smaller of the two systems when that is all of its facilities
 * (its shared list can then stand for e->work.tmp), else MS_NONE. Entries are
 * sorted by facility id: a merge, or a binary search per facility of the
 * smaller system when the other is much larger. */
static uint32_t common_facilities(ms_engine *e, uint32_t x, uint32_t y)
{
	const medscope_analysis *a = e->a;
	uint32_t sx = x, sy = y;
	if (a->sysinfo[sx].nown > a->sysinfo[sy].nown) {
		sx = y;
		sy = x;
	}
	uint32_t ns = a->sysinfo[sx].nown, nl = a->sysinfo[sy].nown;
	bool gallop = (uint64_t)ns * 16 < nl;
	e->work.tmp.n = 0;
	for (uint32_t i = 0, lo = 0; i < ns && lo < nl; i++) {
		uint32_t f = ms_own_facility(e, sx, i), r = e->ix.party_rank[f];
		if (gallop) {
			lo = ms_own_lower_bound(e, sy, lo, r);
		} else {
			while (lo < nl && e->ix.party_rank[ms_own_facility(e, sy, lo)] < r)
				lo++;
		}
		if (lo < nl && ms_own_facility(e, sy, lo) == f && ms_push(e, &e->work.tmp, ms_psym(e, f)) < 0)
			return MS_NONE;
	}
	return e->work.tmp.n == ns ? sx : MS_NONE;
}

static void change_notification(ms_engine *e)
{
	const medscope_model *m = e->m;
	const medscope_analysis *a = e->a;
	for (uint32_t x = 0; x < e->ns && !e->oom; x++) {
		const ms_system *sx = &m->systems.v[x];
		uint32_t px = sx->provider;
		/* Between provider parties, managing operators included (FAQ 2.1
		 * 「関係者間で」; FAQ 2.2). */
		if (!ms_is_provider_party(e, px) || !a->sysinfo[x].served)
			continue;
		for (uint32_t j = 0; j < sx->nruns + sx->nconn && !e->oom; j++) {
			const ms_edge *ed = &m->edges.v[sx->runs_off + j];
			uint32_t y = ed->target, py = m->systems.v[y].provider;
			if (!ms_is_provider_party(e, py) || py == px || !a->sysinfo[y].served)
				continue;
			uint32_t all = common_facilities(e, x, y);
			if (e->work.tmp.n == 0)
				continue;
			uint32_t sys[2] = {x, y};
			ms_req_spec r;
			ms_req_init(&r, MS_RULE_MISSING_CHANGE_NOTIFICATION);
			r.nparties = 2;
			r.parties[0] = px;
			r.parties[1] = py;
			r.systems = sys;
			r.nsystems = 2;
			r.edge = true;
			r.loc = ed->loc;
			r.element = MS_SYM_SYSTEM;
			r.element_sym = sx->sym;
			r.args.party = ms_psym(e, px);
			r.args.other = ms_psym(e, py);
			if (all != MS_NONE) {
				r.facilities_of = all;
			} else {
				r.facilities = e->work.tmp.v;
				r.nfacilities = (uint32_t)e->work.tmp.n;
			}
			ms_require(e, &r);
		}
	}
}

/* ---- third-party provision (MHLW 経営管理編 1.4) ------------------------ */

static void third_party_provision(ms_engine *e)
{
	const medscope_model *m = e->m;
	const medscope_analysis *a = e->a;
	for (size_t i = 0; i < m->flows.n && !e->oom; i++) {
		const ms_flow *fl = &m->flows.v[i];
		if (fl->basis != MS_BASIS_THIRD_PARTY_PROVISION || fl->from == MS_NONE ||
		    fl->to == MS_NONE)
			continue;
		/* The facilities providing: F itself, the facility running the system,
		 * or every facility the system is served to. */
		uint32_t ep = ms_engine_epoch(e);
		e->work.tmp.n = 0;
		uint32_t owner = fl->from_is_system ? m->systems.v[fl->from].provider : fl->from;
		if (ms_is_facility(e, owner)) {
			e->work.fac_mark[owner] = ep;
			if (ms_push(e, &e->work.tmp, owner) < 0)
				return;
		}
		if (fl->from_is_system) {
			const ms_system_info *si = &a->sysinfo[fl->from];
			for (uint32_t k = 0; k < si->nown; k++) {
				uint32_t f = ms_own_facility(e, fl->from, k);
				if (e->work.fac_mark[f] == ep)
					continue;
				e->work.fac_mark[f] = ep;
				if (ms_push(e, &e->work.tmp, f) < 0)
					return;
			}
		}
		uint32_t recipient = fl->to_is_system ? m->systems.v[fl->to].provider : fl->to;
		uint32_t via = fl->sym;
		for (size_t k = 0; k < e->work.tmp.n; k++) {
			uint32_t f = e->work.tmp.v[k];
			if (recipient == f)
				continue;
			ms_req_spec r;
			ms_req_init(&r, MS_RULE_THIRD_PARTY_PROVISION_UNDOCUMENTED);
			r.nparties = recipient == MS_NONE ? 1 : 2;
			r.parties[0] = f;
			r.parties[1] = recipient;
			r.systems = fl->to_is_system ? &fl->to : NULL;
			r.nsystems = fl->to_is_system ? 1 : 0;
			r.contract = fl->sym;
			r.loc = fl->loc;
			r.element = MS_SYM_FLOW;
			r.element_sym = fl->sym;
			r.args.facility = ms_psym(e, f);
			r.args.party = ms_psym(e, recipient);
			r.via = &via;
			r.nvia = 1;
			ms_require(e, &r);
		}
	}
}

int ms_agreements_global(ms_engine *e)
{
	supplier_agreements(e);
	change_notification(e);
	third_party_provision(e);
	lifecycle_suppliers(e);
	return e->oom ? -1 : 0;
}
