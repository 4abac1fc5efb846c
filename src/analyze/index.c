/*
 * Indexes and the Terms of rules.md: which systems are medical and
 * relevant, which contracts qualify and which are prime contracts, and
 * supply(S).
 *
 * Cost: every index is a counting sort, O(parties + systems + contracts +
 * list items). The Terms are one breadth-first walk, O(systems + edges).
 * supply(S) is a depth-first walk per system asked for, cached, so its cost
 * is the size of the supplies actually used.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"

uint32_t ms_engine_epoch(ms_engine *e)
{
	if (e->epoch == UINT32_MAX) {
		/* Only after 2^32 epochs: forget every mark rather than confuse them. */
		uint32_t *const sys[] = {e->sys_mark, e->served_mark, e->cover_mark, e->chain_sys,
		                         e->supply_mark};
		uint32_t *const party[] = {e->party_mark, e->prime_mark, e->fac_mark};
		uint32_t *const contract[] = {e->contract_mark, e->csub_mark};
		for (size_t i = 0; i < sizeof sys / sizeof *sys; i++)
			memset(sys[i], 0, sizeof(uint32_t) * e->ns);
		for (size_t i = 0; i < sizeof party / sizeof *party; i++)
			memset(party[i], 0, sizeof(uint32_t) * e->np);
		for (size_t i = 0; i < sizeof contract / sizeof *contract; i++)
			memset(contract[i], 0, sizeof(uint32_t) * e->nc);
		e->epoch = 0;
	}
	return ++e->epoch;
}

ms_span ms_pool_put(ms_engine *e, const uint32_t *v, uint32_t n)
{
	ms_span sp = {0, 0};
	medscope_analysis *a = e->a;
	if (n == 0)
		return sp;
	if (a->pool.n + n > a->pool.cap) {
		size_t cap = a->pool.cap ? a->pool.cap : 1024;
		while (cap < a->pool.n + n)
			cap *= 2;
		uint32_t *nv = realloc(a->pool.v, cap * sizeof(*nv));
		if (!nv) {
			e->oom = 1;
			return sp;
		}
		a->pool.v = nv;
		a->pool.cap = cap;
	}
	if (v && n)
		memcpy(a->pool.v + a->pool.n, v, n * sizeof(*v));
	sp.off = (uint32_t)a->pool.n;
	sp.n = n;
	a->pool.n += n;
	return sp;
}

ms_span ms_pool_one(ms_engine *e, uint32_t *cache, uint32_t key, uint32_t value)
{
	ms_span sp = {cache[key], 1};
	if (sp.off == MS_NONE) {
		sp = ms_pool_put(e, &value, 1);
		if (sp.n)
			cache[key] = sp.off;
	}
	return sp;
}

int ms_csr_build(ms_csr *out, uint32_t nrows, const uint32_t *rows,
                          const uint32_t *items, size_t k)
{
	out->off = calloc((size_t)nrows + 1, sizeof(uint32_t));
	if (!out->off)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < k; i++)
		if (rows[i] != MS_NONE) {
			out->off[rows[i] + 1]++;
			n++;
		}
	out->idx = malloc((n ? n : 1) * sizeof(uint32_t));
	if (!out->idx)
		return -1;
	for (uint32_t r = 0; r < nrows; r++)
		out->off[r + 1] += out->off[r];
	uint32_t *fill = malloc(((size_t)nrows + 1) * sizeof(uint32_t));
	if (!fill)
		return -1;
	memcpy(fill, out->off, ((size_t)nrows + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < k; i++)
		if (rows[i] != MS_NONE)
			out->idx[fill[rows[i]]++] = items ? items[i] : (uint32_t)i;
	free(fill);
	return 0;
}

void ms_csr_free(ms_csr *c)
{
	free(c->off);
	free(c->idx);
	c->off = c->idx = NULL;
}

/* A growable pair list for the indexes built from lists. */
typedef struct {
	uint32_t *rows, *items;
	size_t n, cap;
} pairs;

static int pair_add(pairs *p, uint32_t row, uint32_t item)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		uint32_t *r = realloc(p->rows, cap * sizeof(*r));
		if (!r)
			return -1;
		p->rows = r;
		uint32_t *it = realloc(p->items, cap * sizeof(*it));
		if (!it)
			return -1;
		p->items = it;
		p->cap = cap;
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
	if (ms_csr_build(&e->by_client, e->np, rows, NULL, nc) < 0)
		goto cleanup;
	for (uint32_t c = 0; c < nc; c++)
		rows[c] = m->contracts.v[c].supplier;
	if (ms_csr_build(&e->by_supplier, e->np, rows, NULL, nc) < 0)
		goto cleanup;
	/* rules.md §2 selection chain: a contract also follows from its
	 * selected-by party, unless a Facility signed it itself (lead's
	 * decision: FAQ 2.1's F-B contract then needs no approval by F). */
	for (uint32_t c = 0; c < nc; c++) {
		const ms_contract *k = &m->contracts.v[c];
		rows[c] = k->selected_by != k->client && !ms_is_facility(e, k->client)
		                  ? k->selected_by
		                  : MS_NONE;
	}
	if (ms_csr_build(&e->by_selector, e->np, rows, NULL, nc) < 0)
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
	if (ms_csr_build(&e->by_cover, e->ns, p.rows, p.items, p.n) < 0)
		goto cleanup;
	p.n = 0;
	for (uint32_t s = 0; s < e->ns; s++) {
		const ms_system *sy = &m->systems.v[s];
		for (uint32_t j = 0; j < sy->nruns; j++)
			if (pair_add(&p, m->edges.v[sy->runs_off + j].target, s) < 0)
				goto cleanup;
	}
	if (ms_csr_build(&e->runs_into, e->ns, p.rows, p.items, p.n) < 0)
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
	if (ms_csr_build(&e->neighbours, e->ns, p.rows, p.items, p.n) < 0)
		goto cleanup;
	p.n = 0;
	for (uint32_t s = 0; s < e->ns; s++)
		if (pair_add(&p, m->systems.v[s].provider, s) < 0)
			goto cleanup;
	if (ms_csr_build(&e->by_provider, e->np, p.rows, p.items, p.n) < 0)
		goto cleanup;
	p.n = 0;
	for (uint32_t g = 0; g < (uint32_t)m->agreements.n; g++) {
		ms_span ps = m->agreements.v[g].parties;
		for (uint32_t i = 0; i < ps.n; i++)
			if (pair_add(&p, MS_SPAN_AT(m, ps, i), g) < 0)
				goto cleanup;
	}
	if (ms_csr_build(&e->agreements_of, e->np, p.rows, p.items, p.n) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(p.rows);
	free(p.items);
	return rc;
}

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
		for (uint32_t k = e->neighbours.off[s]; k < e->neighbours.off[s + 1]; k++)
			a->sysinfo[e->neighbours.idx[k]].relevant = true;
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
		if ((fl & MS_CF_QUALIFYING) && (fl & MS_CF_RELEVANT) && ms_is_facility(e, k->client))
			fl |= MS_CF_PRIME;
		e->cflags[c] = fl;
	}
	return 0;
}

int ms_index_build(ms_engine *e)
{
	uint32_t ns = e->ns, np = e->np, nc = e->nc;
	size_t sn = (size_t)ns + 1, pn = (size_t)np + 1, cn = (size_t)nc + 1;
	e->cflags = calloc(cn, 1);
	e->supply_off = malloc(sn * sizeof(uint32_t));
	e->supply_n = calloc(sn, sizeof(uint32_t));
	e->served_fac_off = malloc(sn * sizeof(uint32_t));
	e->split_dev = malloc(sn * sizeof(uint32_t));
	e->split_other = malloc(sn * sizeof(uint32_t));
	e->own_fill = calloc(sn, sizeof(uint32_t));
	e->one_system = malloc(sn * sizeof(uint32_t));
	e->one_sysym = malloc(sn * sizeof(uint32_t));
	e->one_contract = malloc(cn * sizeof(uint32_t));
	e->supply_mark = calloc(sn, sizeof(uint32_t));
	e->sys_mark = calloc(sn, sizeof(uint32_t));
	e->served_mark = calloc(sn, sizeof(uint32_t));
	e->cover_mark = calloc(sn, sizeof(uint32_t));
	e->chain_sys = calloc(sn, sizeof(uint32_t));
	e->party_mark = calloc(pn, sizeof(uint32_t));
	e->party_slot = calloc(pn, sizeof(uint32_t));
	e->prime_mark = calloc(pn, sizeof(uint32_t));
	e->prime_first = calloc(pn, sizeof(uint32_t));
	e->fac_mark = calloc(pn, sizeof(uint32_t));
	e->contract_mark = calloc(cn, sizeof(uint32_t));
	e->csub_mark = calloc(cn, sizeof(uint32_t));
	if (!e->cflags || !e->supply_off || !e->supply_n || !e->served_fac_off || !e->split_dev ||
	    !e->split_other || !e->own_fill || !e->supply_mark || !e->sys_mark ||
	    !e->served_mark || !e->cover_mark || !e->chain_sys || !e->party_mark ||
	    !e->party_slot || !e->prime_mark || !e->prime_first || !e->fac_mark ||
	    !e->contract_mark || !e->csub_mark || !e->one_system || !e->one_sysym ||
	    !e->one_contract)
		return -1;
	memset(e->one_system, 0xff, sn * sizeof(uint32_t));
	memset(e->one_sysym, 0xff, sn * sizeof(uint32_t));
	memset(e->one_contract, 0xff, cn * sizeof(uint32_t));
	for (uint32_t s = 0; s < ns; s++) {
		e->supply_off[s] = MS_NONE;
		e->served_fac_off[s] = MS_NONE;
		e->split_dev[s] = e->split_other[s] = MS_NONE;
	}
	if (build_contract_indexes(e) < 0 || build_list_indexes(e) < 0)
		return -1;
	return classify(e);
}

void ms_index_free(ms_engine *e)
{
	ms_csr *const all[] = {&e->by_client, &e->by_supplier, &e->by_selector, &e->by_cover,
	                       &e->runs_into, &e->neighbours, &e->by_provider, &e->agreements_of};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		ms_csr_free(all[i]);
	uint32_t **const arrays[] = {&e->supply_off, &e->supply_n, &e->served_fac_off,
	                             &e->split_dev, &e->split_other, &e->own_fill, &e->own_facility,
	                             &e->supply_mark, &e->sys_mark, &e->served_mark,
	                             &e->cover_mark, &e->chain_sys, &e->party_mark,
	                             &e->party_slot, &e->prime_mark, &e->prime_first,
	                             &e->fac_mark, &e->contract_mark, &e->csub_mark,
	                             &e->one_system, &e->one_sysym, &e->one_contract};
	for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) {
		free(*arrays[i]);
		*arrays[i] = NULL;
	}
	free(e->cflags);
	e->cflags = NULL;
	MS_VEC_FREE(e->supply_pool);
	MS_VEC_FREE(e->supply_stack);
}

ms_span ms_supply(ms_engine *e, uint32_t s)
{
	ms_span sp = {0, 0};
	if (e->supply_off[s] != MS_NONE) {
		sp.off = e->supply_off[s];
		sp.n = e->supply_n[s];
		return sp;
	}
	const medscope_model *m = e->m;
	uint32_t ep = ms_engine_epoch(e);
	size_t start = e->supply_pool.n;
	e->supply_stack.n = 0;
	uint32_t *slot = MS_VEC_PUSH(e->supply_stack);
	if (!slot) {
		e->oom = 1;
		return sp;
	}
	*slot = s;
	e->supply_mark[s] = ep;
	/* Depth-first over runs-on; the loader refused cycles. S comes first. */
	while (e->supply_stack.n) {
		uint32_t x = e->supply_stack.v[--e->supply_stack.n];
		uint32_t *out = MS_VEC_PUSH(e->supply_pool);
		if (!out) {
			e->oom = 1;
			return sp;
		}
		*out = x;
		const ms_system *sy = &m->systems.v[x];
		for (uint32_t j = sy->nruns; j-- > 0;) {
			uint32_t t = m->edges.v[sy->runs_off + j].target;
			if (e->supply_mark[t] == ep)
				continue;
			e->supply_mark[t] = ep;
			uint32_t *p = MS_VEC_PUSH(e->supply_stack);
			if (!p) {
				e->oom = 1;
				return sp;
			}
			*p = t;
		}
	}
	e->supply_off[s] = (uint32_t)start;
	e->supply_n[s] = (uint32_t)(e->supply_pool.n - start);
	sp.off = e->supply_off[s];
	sp.n = e->supply_n[s];
	return sp;
}
