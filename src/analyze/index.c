/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Indexes and the Terms of rules.md: which systems are medical and
 * relevant, which contracts qualify and which are prime contracts (the
 * read-only ms_index), and supply(S) (a memo filled on demand).
 *
 * Cost: every index is a counting sort, O(parties + systems + contracts +
 * list items). The Terms are one breadth-first walk, O(systems + edges).
 * supply(S) is a depth-first walk per system asked for, cached, so its cost
 * is the size of the supplies actually used.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

/* A growable pair list for the indexes built from lists. */
typedef struct {
	uint32_t *rows, *items;
	size_t n, cap;
} pairs;

static int pair_add(pairs *p, uint32_t row, uint32_t item)
{
	if (p->n == p->cap) {
		/* Both arrays grow by the one rule from the same capacity, so
		 * they end equal; after a failure p->cap stays the smaller. */
		size_t cr = p->cap, ci = p->cap;
		if (ms_vec_reserve_((void **)&p->rows, &cr, p->n + 1, sizeof(*p->rows)) < 0 ||
		    ms_vec_reserve_((void **)&p->items, &ci, p->n + 1, sizeof(*p->items)) < 0)
			return -1;
		p->cap = ci;
	}
	p->rows[p->n] = row;
	p->items[p->n++] = item;
	return 0;
}

static int build_contract_indexes(ms_engine *e)
{
	const medscope_model *m = e->m;
	uint32_t nc = e->nc;
	uint32_t *rows = calloc((size_t)nc + 1, sizeof(*rows));
	if (!rows)
		return -1;
	int rc = -1;
	for (uint32_t c = 0; c < nc; c++)
		rows[c] = m->contracts.v[c].client;
	if (ms_csr_build_ranked(&e->ix.by_client, e->np, rows, NULL, nc, e->ix.contract_rank, nc) < 0)
		goto cleanup;
	for (uint32_t c = 0; c < nc; c++)
		rows[c] = m->contracts.v[c].supplier;
	if (ms_csr_build_ranked(&e->ix.by_supplier, e->np, rows, NULL, nc, e->ix.contract_rank, nc) < 0)
		goto cleanup;
	/* rules.md Terms, selection chain: a contract also follows from its
	 * selected-by party, a contract a Facility signed itself included (FAQ
	 * 2.1 「事業者Aが事業者Bを調達しても、契約上は、医療機関等と事業者Bが直接
	 * 契約する場合」: it is part of A's chain, though no 再委託). */
	for (uint32_t c = 0; c < nc; c++) {
		const ms_contract *k = &m->contracts.v[c];
		rows[c] = k->selected_by != k->client ? k->selected_by : MS_NONE;
	}
	if (ms_csr_build_ranked(&e->ix.by_selector, e->np, rows, NULL, nc, e->ix.contract_rank, nc) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(rows);
	return rc;
}

static int build_list_indexes(ms_engine *e)
{
	const medscope_model *m = e->m;
	pairs p = {0};
	int rc = -1;
	for (uint32_t c = 0; c < e->nc; c++) {
		ms_span cv = m->contracts.v[c].covers;
		for (uint32_t i = 0; i < cv.n; i++)
			if (pair_add(&p, MS_SPAN_AT(m, cv, i), c) < 0)
				goto cleanup;
	}
	if (ms_csr_build_ranked(&e->ix.by_cover, e->ns, p.rows, p.items, p.n, e->ix.contract_rank, e->nc) < 0)
		goto cleanup;
	p.n = 0;
	for (uint32_t s = 0; s < e->ns; s++) {
		const ms_system *sy = &m->systems.v[s];
		for (uint32_t j = 0; j < sy->nruns; j++)
			if (pair_add(&p, m->edges.v[sy->runs_off + j].target, s) < 0)
				goto cleanup;
	}
	if (ms_csr_build_ranked(&e->ix.runs_into, e->ns, p.rows, p.items, p.n, e->ix.system_rank, e->ns) < 0)
		goto cleanup;
	p.n = 0;
	/* model.md: a connection is symmetric for scope purposes. */
	for (uint32_t s = 0; s < e->ns; s++) {
		const ms_system *sy = &m->systems.v[s];
		for (uint32_t j = 0; j < sy->nconn; j++) {
			uint32_t t = m->edges.v[sy->conn_off + j].target;
			if (pair_add(&p, s, t) < 0 || pair_add(&p, t, s) < 0)
				goto cleanup;
		}
	}
	if (ms_csr_build_ranked(&e->ix.neighbours, e->ns, p.rows, p.items, p.n, e->ix.system_rank, e->ns) < 0)
		goto cleanup;
	p.n = 0;
	for (uint32_t s = 0; s < e->ns; s++)
		if (pair_add(&p, m->systems.v[s].provider, s) < 0)
			goto cleanup;
	if (ms_csr_build_ranked(&e->ix.by_provider, e->np, p.rows, p.items, p.n, e->ix.system_rank, e->ns) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(p.rows);
	free(p.items);
	return rc;
}

static int managing_operators(ms_engine *e);

/*
 * rules.md Terms. Medical: data holds medical, or the recipient system of a
 * patient-instruction flow carrying medical (FAQ 1.4: the whole PHR service
 * that takes in the information). Relevant: medical, in the supply of a
 * medical system, or connected to one (FAQ 1, 1.2: 接続).
 */
static int classify(ms_engine *e)
{
	const medscope_model *m = e->m;
	medscope_analysis *a = e->a;
	for (uint32_t s = 0; s < e->ns; s++)
		a->sysinfo[s].medical = (m->systems.v[s].data & MS_DATA_MEDICAL) != 0;
	for (size_t i = 0; i < m->flows.n; i++) {
		const ms_flow *f = &m->flows.v[i];
		if (f->basis == MS_BASIS_PATIENT_INSTRUCTION && (f->data & MS_DATA_MEDICAL) &&
		    f->to_is_system && f->to != MS_NONE)
			a->sysinfo[f->to].medical = true;
	}
	/* Relevant: medical systems and everything they run on, breadth-first. */
	uint32_t *queue = malloc(((size_t)e->ns + 1) * sizeof(*queue));
	if (!queue)
		return -1;
	size_t head = 0, tail = 0;
	for (uint32_t s = 0; s < e->ns; s++)
		if (a->sysinfo[s].medical) {
			a->sysinfo[s].relevant = true;
			queue[tail++] = s;
		}
	while (head < tail) {
		const ms_system *sy = &m->systems.v[queue[head++]];
		for (uint32_t j = 0; j < sy->nruns; j++) {
			uint32_t t = m->edges.v[sy->runs_off + j].target;
			if (!a->sysinfo[t].relevant) {
				a->sysinfo[t].relevant = true;
				queue[tail++] = t;
			}
		}
	}
	free(queue);
	for (uint32_t s = 0; s < e->ns; s++) {
		if (!a->sysinfo[s].medical)
			continue;
		for (uint32_t k = e->ix.neighbours.off[s]; k < e->ix.neighbours.off[s + 1]; k++)
			a->sysinfo[e->ix.neighbours.idx[k]].relevant = true;
	}
	/* FAQ 1: 契約等 = provision, operation/management, maintenance; not a sale
	 * alone, not dispatched staff, not patch-only warranties (FAQ 1.3). */
	for (uint32_t c = 0; c < e->nc; c++) {
		const ms_contract *k = &m->contracts.v[c];
		uint8_t fl = (k->types & MS_CT_QUALIFYING) ? MS_CF_QUALIFYING : 0;
		for (uint32_t i = 0; i < k->covers.n; i++)
			if (a->sysinfo[MS_SPAN_AT(m, k->covers, i)].relevant) {
				fl |= MS_CF_RELEVANT;
				break;
			}
		e->ix.cflags[c] = fl;
	}
	if (managing_operators(e) < 0)
		return -1;
	for (uint32_t c = 0; c < e->nc; c++) {
		uint8_t fl = e->ix.cflags[c];
		if ((fl & MS_CF_QUALIFYING) && (fl & MS_CF_RELEVANT) && !(fl & MS_CF_SUBCONTRACT) &&
		    ms_is_facility(e, m->contracts.v[c].client))
			e->ix.cflags[c] = fl | MS_CF_PRIME;
	}
	return 0;
}

/* A qualifying contract covering a relevant system whose client is a
 * Facility other than its supplier: what makes a managing operator. */
static bool serves_facility(const ms_engine *e, uint32_t c)
{
	const ms_contract *k = &e->m->contracts.v[c];
	uint8_t fl = e->ix.cflags[c];
	return (fl & MS_CF_QUALIFYING) && (fl & MS_CF_RELEVANT) && k->client != k->supplier &&
	       ms_is_facility(e, k->client);
}

/* Mark supply(t) in mark[] with ep. */
static void mark_supply(ms_engine *e, uint32_t t, uint32_t *mark, uint32_t ep)
{
	ms_span sp = ms_supply(e, t);
	for (uint32_t j = 0; j < sp.n; j++)
		mark[e->supply.pool.v[sp.off + j]] = ep;
}

/*
 * rules.md Terms, managing operator: a network-operator with
 * manages-medical-info="true" that supplies a facility (FAQ 2.2 「同主体も、
 * 本ガイドラインにおける対象事業者として位置づけられる」). Its own qualifying
 * contracts as client that cover the supply of a system it provides or
 * supplies are subcontracts, not prime contracts (FAQ 2.2 「委託先の事業者を
 * 監督し、管理責任を果たすことが求められます」). Cost: O(contracts + the
 * operators' supplies).
 */
static int managing_operators(ms_engine *e)
{
	const medscope_model *m = e->m;
	e->ix.managing = calloc((size_t)e->np + 1, 1);
	uint32_t *mark = calloc((size_t)e->ns + 1, sizeof(*mark));
	if (!e->ix.managing || !mark) {
		free(mark);
		return -1;
	}
	for (uint32_t p = 0; p < e->np; p++) {
		const ms_party *pt = &m->parties.v[p];
		if (pt->kind != MS_PARTY_NETWORK_OPERATOR || !pt->manages_medical_info)
			continue;
		for (uint32_t k = e->ix.by_supplier.off[p]; k < e->ix.by_supplier.off[p + 1]; k++)
			if (serves_facility(e, e->ix.by_supplier.idx[k]))
				e->ix.managing[p] = 1;
		if (!e->ix.managing[p])
			continue;
		uint32_t ep = p + 1; /* one stamp per operator: mark is private here */
		for (uint32_t k = e->ix.by_provider.off[p]; k < e->ix.by_provider.off[p + 1]; k++)
			mark_supply(e, e->ix.by_provider.idx[k], mark, ep);
		for (uint32_t k = e->ix.by_supplier.off[p]; k < e->ix.by_supplier.off[p + 1]; k++) {
			uint32_t c = e->ix.by_supplier.idx[k];
			if (!serves_facility(e, c))
				continue;
			ms_span cv = m->contracts.v[c].covers;
			for (uint32_t i = 0; i < cv.n; i++)
				mark_supply(e, MS_SPAN_AT(m, cv, i), mark, ep);
		}
		for (uint32_t k = e->ix.by_client.off[p]; k < e->ix.by_client.off[p + 1]; k++) {
			uint32_t c = e->ix.by_client.idx[k];
			const ms_contract *ct = &m->contracts.v[c];
			if (!(e->ix.cflags[c] & MS_CF_QUALIFYING) || ct->supplier == p)
				continue;
			for (uint32_t i = 0; i < ct->covers.n; i++)
				if (mark[MS_SPAN_AT(m, ct->covers, i)] == ep) {
					e->ix.cflags[c] |= MS_CF_SUBCONTRACT;
					break;
				}
		}
	}
	free(mark);
	return e->oom ? -1 : 0;
}

static int cmp_contract_id(const void *ctx, uint32_t x, uint32_t y)
{
	const medscope_model *m = ctx;
	return strcmp(m->contracts.v[x].id, m->contracts.v[y].id);
}

/* Contracts by id: every row of contracts is walked in this order, so the
 * first contract a walk meets (a chain's path, a via) is the same however
 * the document orders them. */
static int rank_contracts(ms_engine *e)
{
	uint32_t *order = malloc(((size_t)e->nc + 1) * sizeof(*order));
	e->ix.contract_rank = malloc(((size_t)e->nc + 1) * sizeof(uint32_t));
	int rc = -1;
	if (!order || !e->ix.contract_rank)
		goto cleanup;
	for (uint32_t c = 0; c < e->nc; c++)
		order[c] = c;
	if (ms_sort_u32(order, e->nc, cmp_contract_id, e->m) < 0)
		goto cleanup;
	for (uint32_t i = 0; i < e->nc; i++)
		e->ix.contract_rank[order[i]] = i;
	rc = 0;
cleanup:
	free(order);
	return rc;
}

int ms_index_build(ms_engine *e)
{
	e->ix.party_rank = e->a->party_rank;
	e->ix.system_rank = e->a->system_rank;
	e->ix.cflags = calloc((size_t)e->nc + 1, 1);
	if (!e->ix.cflags || rank_contracts(e) < 0 || build_contract_indexes(e) < 0 || build_list_indexes(e) < 0)
		return -1;
	return classify(e);
}

void ms_index_free(ms_index *ix)
{
	ms_csr *const all[] = {&ix->by_client, &ix->by_supplier, &ix->by_selector, &ix->by_cover,
	                       &ix->runs_into, &ix->neighbours, &ix->by_provider};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		ms_csr_free(all[i]);
	free(ix->cflags);
	ix->cflags = NULL;
	free(ix->managing);
	ix->managing = NULL;
	free(ix->contract_rank);
	ix->contract_rank = NULL;
}

ms_span ms_supply(ms_engine *e, uint32_t s)
{
	ms_span sp = {0, 0};
	if (e->supply.off[s] != MS_NONE) {
		sp.off = e->supply.off[s];
		sp.n = e->supply.n[s];
		return sp;
	}
	const medscope_model *m = e->m;
	uint32_t ep = ms_engine_epoch(e);
	size_t start = e->supply.pool.n;
	e->supply.stack.n = 0;
	uint32_t *slot = MS_VEC_PUSH(e->supply.stack);
	if (!slot) {
		e->oom = 1;
		return sp;
	}
	*slot = s;
	e->supply.mark[s] = ep;
	/* Depth-first over runs-on; the loader refused cycles. S comes first. */
	while (e->supply.stack.n) {
		uint32_t x = e->supply.stack.v[--e->supply.stack.n];
		uint32_t *out = MS_VEC_PUSH(e->supply.pool);
		if (!out) {
			e->oom = 1;
			return sp;
		}
		*out = x;
		const ms_system *sy = &m->systems.v[x];
		for (uint32_t j = sy->nruns; j-- > 0;) {
			uint32_t t = m->edges.v[sy->runs_off + j].target;
			if (e->supply.mark[t] == ep)
				continue;
			e->supply.mark[t] = ep;
			uint32_t *p = MS_VEC_PUSH(e->supply.stack);
			if (!p) {
				e->oom = 1;
				return sp;
			}
			*p = t;
		}
	}
	/* Offsets are 32-bit and MS_NONE means "not made yet": a pool that
	 * outgrew them is refused like a failed allocation, never wrapped. */
	if (e->supply.pool.n >= MS_NONE) {
		e->oom = 1;
		return sp;
	}
	e->supply.off[s] = (uint32_t)start;
	e->supply.n[s] = (uint32_t)(e->supply.pool.n - start);
	sp.off = e->supply.off[s];
	sp.n = e->supply.n[s];
	return sp;
}

bool ms_covers_supply_of(ms_engine *e, uint32_t c, uint32_t s)
{
	const medscope_model *m = e->m;
	ms_span cv = m->contracts.v[c].covers;
	for (uint32_t i = 0; i < cv.n; i++) {
		uint32_t x = MS_SPAN_AT(m, cv, i);
		if (x == s)
			return true;
		ms_span sp = ms_supply(e, x);
		for (uint32_t j = 1; j < sp.n; j++) /* supply(x) starts with x */
			if (e->supply.pool.v[sp.off + j] == s)
				return true;
	}
	return false;
}
