/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.md §2 selection chains: from a prime A, for a covered system T,
 * the qualifying contracts that follow from the parties already in the
 * chain (their client contracts, and those they selected: FAQ 2.1, GL
 * 2.2.2 case 1/2), and the vias (contract paths) of the entries they own.
 *
 * Cost: a chain is built once per (A, T), breadth-first over the CSR rows
 * of the parties already in it, and cached in a hash table: most chains do
 * not depend on the facility, so 21,000 clinics of one cloud EHR share one.
 * A chain a facility-signed contract (selected-by) takes part in is built
 * again per facility, with that facility's own such contracts only.
 * Vias are laid out once per (prime contract, chain) and facility, sharing
 * prefixes in the pool, so a deep chain costs its length, not its square.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/engine.h"
#include "util/hash.h"

/* The home slot of key (A, T, facility or MS_NONE) in a table of cap
 * slots: keyed (util/hash.h), as the ids behind the indices come from the
 * model. */
static uint32_t chain_slot(uint64_t key, uint32_t f, uint32_t cap)
{
	return (uint32_t)ms_hash_pair(key, f) & (cap - 1);
}

static int chain_cache_grow(ms_engine *e)
{
	uint32_t cap = e->chains.cap ? e->chains.cap * 2 : 256;
	uint64_t *keys = malloc(sizeof(*keys) * cap);
	uint32_t *facs = malloc(sizeof(*facs) * cap);
	uint32_t *ids = malloc(sizeof(*ids) * cap);
	if (!keys || !facs || !ids) {
		free(keys);
		free(facs);
		free(ids);
		return -1;
	}
	for (uint32_t i = 0; i < cap; i++)
		ids[i] = MS_NONE;
	for (uint32_t i = 0; i < e->chains.cap; i++) {
		if (e->chains.ids[i] == MS_NONE)
			continue;
		uint32_t h = chain_slot(e->chains.keys[i], e->chains.facs[i], cap);
		while (ids[h] != MS_NONE)
			h = (h + 1) & (cap - 1);
		keys[h] = e->chains.keys[i];
		facs[h] = e->chains.facs[i];
		ids[h] = e->chains.ids[i];
	}
	free(e->chains.keys);
	free(e->chains.facs);
	free(e->chains.ids);
	e->chains.keys = keys;
	e->chains.facs = facs;
	e->chains.ids = ids;
	e->chains.cap = cap;
	return 0;
}

/* Follow one CSR row of contracts from party q into the chain being built
 * towards facility f (MS_NONE: a chain for every facility). A contract a
 * facility signed itself (selected-by q) belongs to that facility's chains
 * only: another facility's contract with B is no selection of B for f
 * (rules.md Terms: a chain from a prime A *of F*). *local is set when one
 * is left out of a shared chain. */
static void chain_follow(ms_engine *e, const ms_csr *row, uint32_t q, uint32_t ep, size_t start,
                         uint32_t f, uint32_t *local)
{
	const medscope_model *m = e->m;
	for (uint32_t k = row->off[q]; k < row->off[q + 1]; k++) {
		uint32_t c = row->idx[k];
		if (!(e->ix.cflags[c] & MS_CF_QUALIFYING) || e->chains.contract_mark[c] == ep)
			continue;
		const ms_contract *ct = &m->contracts.v[c];
		if (ct->supplier == ct->client) /* a party's contract with itself subcontracts nothing */
			continue;
		bool covers = false;
		for (uint32_t i = 0; i < ct->covers.n && !covers; i++)
			covers = e->chains.sys[MS_SPAN_AT(m, ct->covers, i)] == ep;
		if (!covers) /* rules.md §2: each covering systems in supply(T) */
			continue;
		if (ms_facility_signed(e, c) && ct->client != f) {
			*local = 1;
			continue;
		}
		e->chains.contract_mark[c] = ep;
		uint32_t s = ct->supplier;
		ms_chain_item *it = MS_VEC_PUSH(e->chains.items);
		uint32_t *qp = it && e->chains.party_mark[s] != ep ? MS_VEC_PUSH(e->chains.queue) : NULL;
		if (!it || (e->chains.party_mark[s] != ep && !qp)) {
			e->oom = 1;
			return;
		}
		it->contract = c;
		it->party = s;
		it->from = e->chains.party_slot[q];
		it->first = e->chains.party_mark[s] != ep;
		/* Breadth-first: the item it follows from is already there. */
		it->signed_by = ms_facility_signed(e, c) ? s
		                : it->from ? e->chains.items.v[start + it->from - 1].signed_by
		                           : MS_NONE;
		if (it->first) {
			e->chains.party_mark[s] = ep;
			e->chains.party_slot[s] = (uint32_t)(e->chains.items.n - start);
			*qp = s;
		}
	}
}

typedef struct {
	const ms_engine *e;
	uint32_t off;
} slot_ctx;

static int cmp_slot_party(const void *ctx, uint32_t x, uint32_t y)
{
	const slot_ctx *sc = ctx;
	uint32_t px = sc->e->chains.items.v[sc->off + x - 1].party;
	uint32_t py = sc->e->chains.items.v[sc->off + y - 1].party;
	return px < py ? -1 : px > py;
}

static const ms_chain empty_chain = {0, 0, 0, 0, 0};

/* The cached chain of key (A, T) and facility f, or NULL. */
static const ms_chain *chain_lookup(const ms_engine *e, uint64_t key, uint32_t f)
{
	if (!e->chains.cap)
		return NULL;
	uint32_t h = chain_slot(key, f, e->chains.cap);
	while (e->chains.ids[h] != MS_NONE) {
		if (e->chains.keys[h] == key && e->chains.facs[h] == f)
			return &e->chains.list.v[e->chains.ids[h]];
		h = (h + 1) & (e->chains.cap - 1);
	}
	return NULL;
}

/* Build and cache the chain from a for T towards facility f (MS_NONE: the
 * chain without any facility-signed contract, shared by every facility). */
static const ms_chain *chain_build(ms_engine *e, uint32_t a, uint32_t t, uint32_t f)
{
	const ms_chain *empty = &empty_chain;
	uint64_t key = ((uint64_t)a << 32) | t;
	uint32_t local = 0;
	if ((e->chains.count + 1) * 2 > e->chains.cap && chain_cache_grow(e) < 0) {
		e->oom = 1;
		return empty;
	}
	ms_span sp = ms_supply(e, t);
	uint32_t ep = ms_engine_epoch(e);
	for (uint32_t i = 0; i < sp.n; i++)
		e->chains.sys[e->supply.pool.v[sp.off + i]] = ep;
	/* Breadth-first from A: a qualifying contract joins when its client is in
	 * the chain, or its selected-by party is and a vendor signed it (FAQ 2.1,
	 * GL 2.2.2 case 1/2: A selects B, B procures C). */
	size_t start = e->chains.items.n;
	e->chains.queue.n = 0;
	uint32_t *q0 = MS_VEC_PUSH(e->chains.queue);
	if (!q0) {
		e->oom = 1;
		return empty;
	}
	*q0 = a;
	e->chains.party_mark[a] = ep;
	e->chains.party_slot[a] = 0;
	for (size_t head = 0; head < e->chains.queue.n && !e->oom; head++) {
		uint32_t q = e->chains.queue.v[head];
		chain_follow(e, &e->ix.by_client, q, ep, start, f, &local);
		chain_follow(e, &e->ix.by_selector, q, ep, start, f, &local);
	}
	/* Index the parties reached, for ms_chain_find() in O(log n). */
	size_t istart = e->chains.index.n;
	for (size_t i = start; i < e->chains.items.n && !e->oom; i++) {
		if (!e->chains.items.v[i].first)
			continue;
		uint32_t *slot = MS_VEC_PUSH(e->chains.index);
		if (!slot) {
			e->oom = 1;
			break;
		}
		*slot = (uint32_t)(i - start + 1);
	}
	ms_chain *ch = e->oom ? NULL : MS_VEC_PUSH(e->chains.list);
	if (!ch) {
		e->oom = 1;
		return empty;
	}
	ch->off = (uint32_t)start;
	ch->n = (uint32_t)(e->chains.items.n - start);
	ch->ioff = (uint32_t)istart;
	ch->ni = (uint32_t)(e->chains.index.n - istart);
	ch->local = local;
	slot_ctx sc = {e, ch->off};
	/* An empty chain may have no array at all: no pointer arithmetic on NULL. */
	if (ch->ni && ms_sort_u32(e->chains.index.v + istart, ch->ni, cmp_slot_party, &sc) < 0) {
		e->oom = 1;
		return empty;
	}
	uint32_t h = chain_slot(key, f, e->chains.cap);
	while (e->chains.ids[h] != MS_NONE)
		h = (h + 1) & (e->chains.cap - 1);
	e->chains.keys[h] = key;
	e->chains.facs[h] = f;
	e->chains.ids[h] = (uint32_t)(e->chains.list.n - 1);
	e->chains.count++;
	return ch;
}

/* Most chains hold no facility-signed contract, and one chain then serves
 * every facility (21,000 clinics of one cloud EHR). Only a chain that left
 * one out is built again for the facility in hand, with that facility's
 * own such contracts. */
const ms_chain *ms_chain_get(ms_engine *e, uint32_t a, uint32_t t)
{
	uint64_t key = ((uint64_t)a << 32) | t;
	const ms_chain *ch = chain_lookup(e, key, MS_NONE);
	if (!ch)
		ch = chain_build(e, a, t, MS_NONE);
	if (!ch->local || e->oom)
		return ch;
	const ms_chain *own = chain_lookup(e, key, e->fac.f);
	return own ? own : chain_build(e, a, t, e->fac.f);
}

uint32_t ms_chain_find(const ms_chains *cs, const ms_chain *c, uint32_t a, uint32_t b)
{
	if (b == a)
		return 0;
	if (c->ni == 0) /* an empty chain may have no array: no arithmetic on NULL */
		return MS_NONE;
	const uint32_t *slots = cs->index.v + c->ioff;
	uint32_t lo = 0, hi = c->ni;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (cs->items.v[c->off + slots[mid] - 1].party < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->ni && cs->items.v[c->off + slots[lo] - 1].party == b)
		return slots[lo];
	return MS_NONE;
}

static int u32_fill(ms_engine *e, ms_u32vec *v, size_t n, uint32_t value)
{
	if (!ms_reserve(e, v, n))
		return -1;
	for (size_t i = 0; i < n; i++)
		v->v[i] = value;
	v->n = n;
	return 0;
}

/* Lay out the vias of every slot of chain ch under prime contract c:
 * depth-first, so a slot's via extends its parent's in place when nothing
 * came between, and is a copy of it plus one contract otherwise. */
static uint32_t via_build(ms_engine *e, uint32_t c, ms_chain ch)
{
	const medscope_model *m = e->m;
	uint32_t n = ch.n + 1, base = (uint32_t)e->fac.via_spans.n;
	for (uint32_t i = 0; i < n; i++) {
		ms_span *sp = MS_VEC_PUSH(e->fac.via_spans);
		if (!sp) {
			e->oom = 1;
			return MS_NONE;
		}
	}
	/* The tree of slots: children of each slot (only items that brought a party). */
	if (u32_fill(e, &e->work.via_child, n, MS_NONE) < 0 || u32_fill(e, &e->work.via_sibling, n, MS_NONE) < 0)
		return MS_NONE;
	for (uint32_t s = n - 1; s >= 1; s--) {
		const ms_chain_item *it = &e->chains.items.v[ch.off + s - 1];
		if (!it->first)
			continue;
		e->work.via_sibling.v[s] = e->work.via_child.v[it->from];
		e->work.via_child.v[it->from] = s;
	}
	e->fac.via_spans.v[base] = ms_pool_put(e, &m->contracts.v[c].sym, 1);
	e->work.via_stack.n = 0;
	for (uint32_t s = e->work.via_child.v[0]; s != MS_NONE; s = e->work.via_sibling.v[s]) {
		uint32_t *p = MS_VEC_PUSH(e->work.via_stack);
		if (!p) {
			e->oom = 1;
			return MS_NONE;
		}
		*p = s;
	}
	while (e->work.via_stack.n && !e->oom) {
		uint32_t s = e->work.via_stack.v[--e->work.via_stack.n];
		const ms_chain_item *it = &e->chains.items.v[ch.off + s - 1];
		ms_span parent = e->fac.via_spans.v[base + it->from];
		uint32_t sym = m->contracts.v[it->contract].sym;
		ms_span sp;
		if (parent.off + parent.n == e->a->pool.n) { /* extend in place */
			ms_pool_put(e, &sym, 1);
			sp.off = parent.off;
			sp.n = parent.n + 1;
		} else {
			sp = ms_pool_put(e, NULL, parent.n + 1);
			if (e->oom)
				return MS_NONE;
			memcpy(e->a->pool.v + sp.off, e->a->pool.v + parent.off, parent.n * sizeof(uint32_t));
			e->a->pool.v[sp.off + parent.n] = sym;
		}
		e->fac.via_spans.v[base + s] = sp;
		for (uint32_t k = e->work.via_child.v[s]; k != MS_NONE; k = e->work.via_sibling.v[k]) {
			uint32_t *p = MS_VEC_PUSH(e->work.via_stack);
			if (!p) {
				e->oom = 1;
				return MS_NONE;
			}
			*p = k;
		}
	}
	return base;
}

ms_span ms_chain_via(ms_engine *e, uint32_t c, ms_chain ch, uint32_t slot)
{
	ms_span none = {0, 0};
	uint32_t base = MS_NONE;
	for (size_t i = 0; i < e->fac.via_memo.n && base == MS_NONE; i++)
		if (e->fac.via_memo.v[i].contract == c && e->fac.via_memo.v[i].chain_off == ch.off)
			base = e->fac.via_memo.v[i].spans;
	if (base == MS_NONE) {
		base = via_build(e, c, ch);
		ms_via_memo *vm = base == MS_NONE ? NULL : MS_VEC_PUSH(e->fac.via_memo);
		if (!vm) {
			e->oom = 1;
			return none;
		}
		vm->contract = c;
		vm->chain_off = ch.off;
		vm->spans = base;
	}
	return e->fac.via_spans.v[base + slot];
}

uint32_t ms_chain_to(ms_engine *e, const ms_chain *c, uint32_t a, uint32_t s)
{
	uint32_t b = e->m->systems.v[s].provider;
	if (b == a)
		return 0;
	uint32_t first = ms_chain_find(&e->chains, c, a, b);
	if (first == MS_NONE)
		return MS_NONE;
	/* Items follow breadth-first order: b's first item, then its others. */
	ms_chain ch = *c; /* the items may move while supplies are computed */
	for (uint32_t slot = first; slot <= ch.n && !e->oom; slot++) {
		const ms_chain_item *it = &e->chains.items.v[ch.off + slot - 1];
		if (it->party == b && ms_covers_supply_of(e, it->contract, s))
			return slot;
	}
	return MS_NONE;
}

ms_span ms_chain_via_item(ms_engine *e, uint32_t pc, ms_chain ch, uint32_t slot)
{
	if (slot == 0 || e->chains.items.v[ch.off + slot - 1].first)
		return ms_chain_via(e, pc, ch, slot);
	/* A later contract to a party already in the chain: its parent's via
	 * and itself. */
	const ms_chain_item it = e->chains.items.v[ch.off + slot - 1];
	ms_span parent = ms_chain_via(e, pc, ch, it.from);
	ms_span sp = ms_pool_put(e, NULL, parent.n + 1);
	if (e->oom)
		return (ms_span){0, 0};
	memcpy(e->a->pool.v + sp.off, e->a->pool.v + parent.off, parent.n * sizeof(uint32_t));
	e->a->pool.v[sp.off + parent.n] = e->m->contracts.v[it.contract].sym;
	return sp;
}

uint32_t ms_chain_signer(const ms_engine *e, ms_chain ch, uint32_t a, uint32_t slot)
{
	if (slot == 0)
		return a;
	uint32_t from = e->chains.items.v[ch.off + slot - 1].from;
	uint32_t s = from ? e->chains.items.v[ch.off + from - 1].signed_by : MS_NONE;
	return s != MS_NONE ? s : a;
}

void ms_chains_free(ms_chains *cs)
{
	free(cs->keys);
	free(cs->facs);
	free(cs->ids);
	free(cs->sys);
	free(cs->party_mark);
	free(cs->party_slot);
	free(cs->contract_mark);
	cs->keys = NULL;
	cs->facs = NULL;
	cs->ids = NULL;
	cs->sys = cs->party_mark = cs->party_slot = cs->contract_mark = NULL;
	cs->cap = cs->count = 0;
	MS_VEC_FREE(cs->list);
	MS_VEC_FREE(cs->items);
	MS_VEC_FREE(cs->index);
	MS_VEC_FREE(cs->queue);
}
